//! What can go wrong in an import, said so that a person can fix the file.

use forthright_store::StoreError;
use std::fmt;

/// One problem in one row: where it is, which field, the value, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    /// The file, as it was named.
    pub file: String,
    /// The line the row starts on (1 is the CSV header).
    pub line: u64,
    /// The field, when the problem is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value that was given, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// What is wrong, e.g. `is not an RFC 3339 timestamp like 2026-12-05T14:00:00Z`.
    pub message: String,
}

impl fmt::Display for RowError {
    /// `orders.csv:17: field "placed_at": "2026-13-01" is not an RFC 3339 timestamp ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        match (&self.field, &self.value) {
            (Some(field), Some(value)) => write!(f, "field {field:?}: {value:?} ")?,
            (Some(field), None) => write!(f, "field {field:?} ")?,
            (None, _) => {}
        }
        f.write_str(&self.message)
    }
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has invalid rows; none of its rows were written (all-or-nothing).
    #[error("{}", invalid_report(file, errors, *more))]
    Invalid {
        /// The file.
        file: String,
        /// The first errors, in file order (at most `max_errors`).
        errors: Vec<RowError>,
        /// How many more errors there were.
        more: u64,
    },
    /// The file could not be opened or read.
    #[error("cannot read {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Neither `--format` nor the file's extension says how it is written.
    #[error(
        "cannot tell the format of {file}: name it .csv, .jsonl or .ndjson, or give the format (csv or jsonl)"
    )]
    UnknownFormat {
        /// The file.
        file: String,
    },
    /// The store failed; the import was rolled back.
    #[error("the store failed, nothing was imported: {0}")]
    Store(#[from] StoreError),
}

fn invalid_report(file: &str, errors: &[RowError], more: u64) -> String {
    let total = errors.len() as u64 + more;
    let mut out = format!(
        "{file}: {total} {}, nothing was imported",
        if total == 1 { "error" } else { "errors" }
    );
    for e in errors {
        out.push_str("\n  ");
        out.push_str(&e.to_string());
    }
    if more > 0 {
        out.push_str(&format!(
            "\n  and {more} more {}",
            if more == 1 { "error" } else { "errors" }
        ));
    }
    out
}

/// The errors of one file: the first `max` kept in full, the rest counted.
pub(crate) struct Errors {
    file: String,
    max: usize,
    kept: Vec<RowError>,
    total: u64,
}

impl Errors {
    pub(crate) fn new(file: &str, max: usize) -> Errors {
        Errors {
            file: file.to_owned(),
            max,
            kept: Vec::new(),
            total: 0,
        }
    }

    /// Records an error; the message is only built while the list has room.
    pub(crate) fn push(
        &mut self,
        line: u64,
        field: Option<&str>,
        value: Option<&str>,
        message: impl FnOnce() -> String,
    ) {
        self.total += 1;
        if self.kept.len() < self.max {
            self.kept.push(RowError {
                file: self.file.clone(),
                line,
                field: field.map(str::to_owned),
                value: value.map(str::to_owned),
                message: message(),
            });
        }
    }

    /// How many errors so far, kept or not.
    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    /// The kept errors and the count of the rest.
    pub(crate) fn into_parts(self) -> (Vec<RowError>, u64) {
        let more = self.total - self.kept.len() as u64;
        (self.kept, more)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_like_compiler_messages() {
        let e = RowError {
            file: "orders.csv".into(),
            line: 17,
            field: Some("placed_at".into()),
            value: Some("2026-13-01".into()),
            message: "is not an RFC 3339 timestamp like 2026-12-05T14:00:00Z".into(),
        };
        assert_eq!(
            e.to_string(),
            "orders.csv:17: field \"placed_at\": \"2026-13-01\" is not an RFC 3339 timestamp like 2026-12-05T14:00:00Z"
        );
    }

    #[test]
    fn only_the_first_errors_are_kept_and_the_rest_counted() {
        let mut errors = Errors::new("c.csv", 2);
        for line in 2..7 {
            errors.push(line, Some("id"), None, || "is empty".into());
        }
        let (kept, more) = errors.into_parts();
        assert_eq!((kept.len(), more), (2, 3));
        let report = ImportError::Invalid {
            file: "c.csv".into(),
            errors: kept,
            more,
        }
        .to_string();
        assert!(report.starts_with(
            "c.csv: 5 errors, nothing was imported\n  c.csv:2: field \"id\" is empty"
        ));
        assert!(report.ends_with("\n  and 3 more errors"), "{report}");
    }
}
