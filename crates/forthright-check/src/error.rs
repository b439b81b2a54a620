//! Errors of the checker library.

/// Everything that can go wrong when configuring the checker or preparing
/// input. Checking itself never fails: any text gives findings.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule id (or category) that the registry does not know.
    #[error("unknown rule or category `{0}` (see `forthright rules`)")]
    UnknownRule(String),
    /// A value outside its set (channel, kind, severity).
    #[error("unknown {what} `{value}`")]
    UnknownValue {
        /// What was being parsed.
        what: &'static str,
        /// The value given.
        value: String,
    },
    /// The `[check]` section of a configuration file is malformed.
    #[error("invalid [check] configuration: {0}")]
    Config(String),
    /// Input is not valid UTF-8.
    #[error("input is not valid UTF-8 (first bad byte at offset {valid_up_to})")]
    InvalidUtf8 {
        /// Bytes before the first invalid sequence.
        valid_up_to: usize,
    },
    /// Input could not be parsed as an email message.
    #[error("not a parsable email message: {0}")]
    Email(String),
    /// Input is larger than the checker handles (4 GiB).
    #[error("input of {0} bytes is too large (limit 4 GiB)")]
    TooLarge(usize),
    /// A jargon term is empty or otherwise unusable.
    #[error("invalid jargon term `{0}`")]
    Jargon(String),
}
