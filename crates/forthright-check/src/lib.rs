//! forthright-check: the message checker. Text in, findings out; no I/O.
//!
//! It knows how bad news should be told (PLAYBOOK.md P2, P4..P7, P11) and
//! says where a message breaks the playbook, with an exact span, a message
//! and, where sensible, a suggested fix. Rules live one per file under
//! [`rules`](crate::registry) and are listed in one [`registry`]; each has a
//! stable kebab-case id that is a public interface.
//!
//! ```
//! use forthright_check::{Checker, Config, Options, Channel, Kind};
//! let checker = Checker::new(&Config::default()).unwrap();
//! let opts = Options { channel: Some(Channel::Email), kind: Some(Kind::Delay) };
//! let findings = checker.check("Don't worry, it's just a small delay lol", &opts);
//! assert!(findings.iter().any(|f| f.rule == "minimizing"));
//! ```
//!
//! Design for speed (at least 50 MB/s on one core): the text is normalised
//! once, one pass over its words finds every rule's phrases (each phrase is
//! filed under one of its words in a small hash table), and rules work on the
//! resulting hits with cheap, bounded context checks.

mod checker;
mod config;
pub mod docs;
mod elements;
mod error;
mod index;
mod input;
pub mod registry;
mod rules;
mod suppress;
mod text;

pub use checker::{Checker, Outcome};
pub use config::Config;
pub use elements::{Element, ElementReport, Evidence};
pub use error::Error;
pub use input::{Format, Prepared, prepare};
pub use registry::{Category, Example, Rule, rule, rules};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How bad a finding is; configurable per rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the playbook; should block a message.
    Error,
    /// Probably breaks the playbook; a person should look.
    Warning,
    /// Worth knowing; never blocks.
    Info,
}

impl Severity {
    /// The lowercase name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Ok(Severity::Error),
            "warning" | "warn" => Ok(Severity::Warning),
            "info" | "note" => Ok(Severity::Info),
            _ => Err(Error::UnknownValue {
                what: "severity",
                value: s.to_string(),
            }),
        }
    }
}

/// The channel a message goes out on; some rules depend on it (P2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// A call script read by an agent.
    Phone,
    /// A voicemail left for the customer.
    Voicemail,
    /// An email.
    Email,
    /// A text message.
    Sms,
}

impl Channel {
    /// Every channel, in documentation order.
    pub const ALL: [Channel; 4] = [
        Channel::Phone,
        Channel::Voicemail,
        Channel::Email,
        Channel::Sms,
    ];

    /// The lowercase name used on the command line and in the corpus.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::Voicemail => "voicemail",
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }

    /// Whether the channel is written (email, SMS) rather than spoken.
    pub fn is_written(self) -> bool {
        matches!(self, Channel::Email | Channel::Sms)
    }
}

impl FromStr for Channel {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Channel::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| Error::UnknownValue {
                what: "channel",
                value: s.to_string(),
            })
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of disruption a message is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An item is back-ordered.
    Backorder,
    /// An item is out of stock.
    OutOfStock,
    /// A product or service is discontinued.
    Discontinued,
    /// A delivery is late.
    Delay,
    /// The customer was billed wrongly.
    BillingError,
    /// A price goes up.
    PriceChange,
    /// A service changes for the worse.
    ServiceChange,
    /// A service is down.
    Outage,
}

impl Kind {
    /// Every kind, in documentation order.
    pub const ALL: [Kind; 8] = [
        Kind::Backorder,
        Kind::OutOfStock,
        Kind::Discontinued,
        Kind::Delay,
        Kind::BillingError,
        Kind::PriceChange,
        Kind::ServiceChange,
        Kind::Outage,
    ];

    /// The snake_case name used on the command line and in the corpus.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Backorder => "backorder",
            Kind::OutOfStock => "out_of_stock",
            Kind::Discontinued => "discontinued",
            Kind::Delay => "delay",
            Kind::BillingError => "billing_error",
            Kind::PriceChange => "price_change",
            Kind::ServiceChange => "service_change",
            Kind::Outage => "outage",
        }
    }
}

impl FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let s = s.replace('-', "_");
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(&s))
            .ok_or_else(|| Error::UnknownValue {
                what: "kind",
                value: s.to_string(),
            })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the checker knows about a message besides its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The channel; channel-specific rules (`missing-question`,
    /// `written-channel`, `sms-too-long`) run only when it is known.
    pub channel: Option<Channel>,
    /// The disruption kind, when known.
    pub kind: Option<Kind>,
}

/// A byte range `[start, end)` in the checked text; always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A position in the checked text: 1-based line, 1-based column in chars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
}

/// One place where a message breaks the playbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable id, e.g. `minimizing`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// The playbook principle the rule enforces, e.g. `P6`.
    pub principle: &'static str,
    /// What is wrong here, for a person.
    pub message: String,
    /// Exact byte span in the checked text.
    pub span: Span,
    /// Where the span starts.
    pub start: Position,
    /// Where the span ends (exclusive: the position just after it).
    pub end: Position,
    /// A suggested fix, when there is a sensible one.
    pub fix: Option<String>,
}
