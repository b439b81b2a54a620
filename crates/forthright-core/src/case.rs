//! Cases: one affected customer's journey through one disruption, from
//! detection to a confirmed, satisfied close, with an audit trail.

use crate::{DisruptionId, Money};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A case's id, assigned by the store.
pub type CaseId = i64;

crate::text_enum! {
    /// Where a case stands. Transitions are checked by [`CaseState::can_become`].
    pub enum CaseState ("one of detected, planned, contacted, escalated, resolved, closed") {
        /// Impact analysis found the customer; nobody has reached out yet.
        Detected = "detected",
        /// An outreach plan exists (P2, P3, P8, P13).
        Planned = "planned",
        /// We told the customer (P1).
        Contacted = "contacted",
        /// A supervisor took over (P12).
        Escalated = "escalated",
        /// The customer's problem is solved; satisfaction check pending (P14).
        Resolved = "resolved",
        /// Confirmed satisfied, or closed after the satisfaction check.
        Closed = "closed",
    }
}

impl CaseState {
    /// Whether a case may move from `self` to `next`.
    pub fn can_become(self, next: CaseState) -> bool {
        use CaseState::*;
        matches!(
            (self, next),
            (Detected, Planned | Contacted | Resolved)
                | (Planned, Planned | Contacted | Escalated | Resolved)
                | (Contacted, Contacted | Escalated | Resolved)
                | (Escalated, Contacted | Resolved)
                | (Resolved, Closed | Contacted)
        )
    }

    /// Whether the case still needs work.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseState::Resolved | CaseState::Closed)
    }
}

/// One order line held by a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLine {
    /// The order.
    pub order_id: String,
    /// The product.
    pub sku: String,
    /// Units affected.
    pub quantity: i64,
    /// Value of the line.
    pub value: Money,
    /// Whether it was paid for.
    pub paid: bool,
    /// When it was promised.
    pub promised_at: Timestamp,
    /// When it is now expected, if known.
    pub expected_at: Option<Timestamp>,
}

/// One customer, one disruption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Its id.
    pub id: CaseId,
    /// The disruption.
    pub disruption_id: DisruptionId,
    /// The customer.
    pub customer_id: String,
    /// Where it stands.
    pub state: CaseState,
    /// The affected lines, ordered by order id then sku.
    pub lines: Vec<CaseLine>,
    /// When impact analysis opened it.
    pub opened_at: Timestamp,
}

impl Case {
    /// Distinct order ids, sorted.
    pub fn order_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.lines.iter().map(|l| l.order_id.clone()).collect();
        ids.dedup();
        ids
    }

    /// Total value at stake.
    pub fn value(&self) -> Money {
        self.lines.iter().map(|l| l.value).sum()
    }

    /// Whether the customer paid for any affected line.
    pub fn prepaid(&self) -> bool {
        self.lines.iter().any(|l| l.paid)
    }

    /// The earliest promised date among the lines.
    pub fn promised_at(&self) -> Option<Timestamp> {
        self.lines.iter().map(|l| l.promised_at).min()
    }

    /// How many whole days the latest line will be late, when the new date is known.
    pub fn days_late(&self) -> Option<i64> {
        self.lines
            .iter()
            .filter_map(|l| Some(days_between(l.promised_at, l.expected_at?)))
            .max()
    }
}

/// Whole days from `from` to `to`, rounded up, never negative.
pub fn days_between(from: Timestamp, to: Timestamp) -> i64 {
    let secs = to.as_second() - from.as_second();
    if secs <= 0 {
        0
    } else {
        (secs + 86_399) / 86_400
    }
}

/// One entry of a case's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// The case.
    pub case_id: CaseId,
    /// When it happened.
    pub at: Timestamp,
    /// What happened, e.g. `opened`, `line_added`, `state_changed`.
    pub kind: String,
    /// Details a reviewer needs.
    pub detail: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_machine_allows_the_journey_and_forbids_shortcuts() {
        use CaseState::*;
        assert!(Detected.can_become(Planned));
        assert!(Planned.can_become(Contacted));
        assert!(Contacted.can_become(Escalated));
        assert!(Escalated.can_become(Resolved));
        assert!(Resolved.can_become(Closed));
        assert!(
            !Detected.can_become(Closed),
            "a case closes only after resolution"
        );
        assert!(!Closed.can_become(Contacted), "closed is final");
        assert!(!Contacted.can_become(Detected));
    }

    #[test]
    fn days_late_round_up() {
        let t = |s: i64| Timestamp::from_second(s).unwrap();
        assert_eq!(days_between(t(0), t(1)), 1);
        assert_eq!(days_between(t(0), t(86_400)), 1);
        assert_eq!(days_between(t(0), t(86_401)), 2);
        assert_eq!(days_between(t(10), t(0)), 0);
    }
}
