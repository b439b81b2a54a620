//! The domain core of forthright: what a customer, an order, a disruption and a
//! case are, and the pure rules that turn a broken promise into cases (P1).
//!
//! Nothing here does I/O. Stores, importers, the engine and the CLI depend on
//! this crate; it depends on none of them.

pub mod case;
pub mod clock;
pub mod contact;
pub mod customer;
pub mod detect;
pub mod disruption;
pub mod impact;
pub mod money;
pub mod order;
pub mod product;
pub mod time;

pub use case::{Case, CaseEvent, CaseId, CaseLine, CaseState};
pub use clock::{Clock, FixedClock, SystemClock};
pub use contact::{ContactAttempt, ContactOutcome, ContactSummary, ContactTally, Direction, Race};
pub use customer::{Channel, Customer, Tier};
pub use disruption::{
    Disruption, DisruptionId, DisruptionKind, DisruptionState, NewDisruption, Origin, Scope,
};
pub use impact::{CaseDraft, ImpactLine};
pub use money::Money;
pub use order::{LineStatus, OrderLine, Shipment};
pub use product::{Product, ProductStatus};

/// A value that could not be parsed into a domain type: what was given and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid value {value:?}: expected {expected}")]
pub struct ParseError {
    /// The text that was given.
    pub value: String,
    /// What would have been accepted.
    pub expected: &'static str,
}

impl ParseError {
    pub(crate) fn new(value: &str, expected: &'static str) -> Self {
        Self {
            value: value.to_owned(),
            expected,
        }
    }
}

/// Declares a fieldless enum with a stable lower-case text form, used in files,
/// the database and the CLI alike.
macro_rules! text_enum {
    ($(#[$meta:meta])* pub enum $name:ident ($expected:literal) { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable text form.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::ParseError::new(s, $expected)),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}
pub(crate) use text_enum;
