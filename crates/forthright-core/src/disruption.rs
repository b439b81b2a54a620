//! Disruptions: what broke a promise, to whom it applies, and the facts a
//! customer must hear (P1, P5).

use crate::Money;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A disruption's id, assigned by the store.
pub type DisruptionId = i64;

crate::text_enum! {
    /// What kind of promise broke.
    pub enum DisruptionKind ("one of backorder, out_of_stock, discontinued, delay, billing_error, price_change, service_change, outage") {
        /// Ordered items will come, later than promised.
        Backorder = "backorder",
        /// Items are out of stock with no restock date yet.
        OutOfStock = "out_of_stock",
        /// A product or service is no longer made or sold.
        Discontinued = "discontinued",
        /// A delivery will be late.
        Delay = "delay",
        /// The customer was charged wrongly.
        BillingError = "billing_error",
        /// A price changes.
        PriceChange = "price_change",
        /// A service changes in a way customers will not like.
        ServiceChange = "service_change",
        /// A service is down.
        Outage = "outage",
    }
}

crate::text_enum! {
    /// Whether a disruption is still going on.
    pub enum DisruptionState ("one of open, resolved") {
        /// Still affecting customers.
        Open = "open",
        /// Over; cases follow through to close (P14).
        Resolved = "resolved",
    }
}

crate::text_enum! {
    /// How the disruption became known.
    pub enum Origin ("one of declared, detected") {
        /// A person declared it.
        Declared = "declared",
        /// forthright detected it in imported data (P1).
        Detected = "detected",
    }
}

/// Which order lines a disruption touches.
///
/// Each non-empty list narrows the scope: an open line is in scope when it
/// matches every non-empty list (any value within a list). An empty scope
/// matches nothing, so a mistake never turns into "everyone".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// Products.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skus: Vec<String>,
    /// Orders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orders: Vec<String>,
    /// Customers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customers: Vec<String>,
    /// Product categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Carriers (lines of orders shipped with them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carriers: Vec<String>,
}

impl Scope {
    /// True when no dimension is set.
    pub fn is_empty(&self) -> bool {
        self.skus.is_empty()
            && self.orders.is_empty()
            && self.customers.is_empty()
            && self.categories.is_empty()
            && self.carriers.is_empty()
    }

    /// Adds values to a dimension, keeping it sorted and free of duplicates.
    pub fn extend(list: &mut Vec<String>, values: impl IntoIterator<Item = String>) {
        list.extend(values);
        list.sort();
        list.dedup();
    }
}

/// A disruption before the store has given it an id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDisruption {
    /// What kind of promise broke.
    pub kind: DisruptionKind,
    /// Whom it touches.
    pub scope: Scope,
    /// The honest cause and business reason, in words a customer can hear (P5).
    pub reason: String,
    /// The new date, when known (P5: a realistic date).
    pub new_date: Option<Timestamp>,
    /// The amount involved, for billing errors and price changes.
    pub amount: Option<Money>,
    /// When the business learned of it (P1: the clock starts here).
    pub known_since: Timestamp,
    /// Declared or detected.
    pub origin: Origin,
    /// For detected disruptions: the key that makes detection idempotent,
    /// e.g. `backorder:SKU-1`. At most one open disruption per key.
    pub detection_key: Option<String>,
}

impl NewDisruption {
    /// Checks what a disruption needs before it may be stored.
    pub fn validate(&self) -> Result<(), String> {
        if self.scope.is_empty() {
            return Err("a disruption needs a scope: at least one sku, order, customer, category or carrier".into());
        }
        if self.reason.trim().is_empty() {
            return Err("a disruption needs a reason customers can be told (P5)".into());
        }
        if self.kind == DisruptionKind::BillingError && self.amount.is_none() {
            return Err("a billing_error needs the amount involved".into());
        }
        Ok(())
    }
}

/// A stored disruption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disruption {
    /// Its id.
    pub id: DisruptionId,
    /// Whether it is still going on.
    pub state: DisruptionState,
    /// Everything else about it.
    #[serde(flatten)]
    pub details: NewDisruption,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> NewDisruption {
        NewDisruption {
            kind: DisruptionKind::Backorder,
            scope: Scope {
                skus: vec!["SKU-1".into()],
                ..Scope::default()
            },
            reason: "our supplier's plant closed after a flood".into(),
            new_date: None,
            amount: None,
            known_since: Timestamp::UNIX_EPOCH,
            origin: Origin::Declared,
            detection_key: None,
        }
    }

    #[test]
    fn validation_names_what_is_missing() {
        assert!(draft().validate().is_ok());
        let mut d = draft();
        d.scope = Scope::default();
        assert!(d.validate().unwrap_err().contains("scope"));
        let mut d = draft();
        d.reason = "  ".into();
        assert!(d.validate().unwrap_err().contains("reason"));
        let mut d = draft();
        d.kind = DisruptionKind::BillingError;
        assert!(d.validate().unwrap_err().contains("amount"));
    }

    #[test]
    fn scope_extension_is_sorted_and_unique() {
        let mut list = vec!["b".to_string()];
        Scope::extend(&mut list, ["a".to_string(), "b".to_string()]);
        assert_eq!(list, ["a", "b"]);
    }
}
