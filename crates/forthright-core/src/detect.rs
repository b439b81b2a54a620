//! Detection: disruptions found in imported data before anyone declares them (P1).
//!
//! Each detected disruption carries a detection key; the store keeps at most
//! one open disruption per key, so detecting twice changes nothing.

use crate::{Disruption, DisruptionKind, NewDisruption, Origin, Product, Scope};
use jiff::Timestamp;
use std::collections::BTreeMap;

/// A backorder for a product whose stock ran out while open order lines wait for it.
pub fn backorder(product: &Product, waiting_lines: u64, now: Timestamp) -> Option<NewDisruption> {
    if product.stock > 0 || waiting_lines == 0 {
        return None;
    }
    Some(NewDisruption {
        kind: DisruptionKind::Backorder,
        scope: Scope {
            skus: vec![product.sku.clone()],
            ..Scope::default()
        },
        reason: format!(
            "our stock of {} ran out before we could ship every order",
            product.name
        ),
        new_date: None,
        amount: None,
        known_since: now,
        origin: Origin::Detected,
        detection_key: Some(format!("backorder:{}", product.sku)),
    })
}

/// An open order whose carrier ETA passes the promised date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateOrder {
    /// The order.
    pub order_id: String,
    /// Its carrier.
    pub carrier: String,
    /// The carrier's reason.
    pub reason: String,
    /// The new ETA.
    pub eta: Timestamp,
}

/// One delay disruption per (carrier, reason), scoped to the late orders, its
/// new date the latest ETA among them.
pub fn delays(late: &[LateOrder], now: Timestamp) -> Vec<NewDisruption> {
    let mut groups: BTreeMap<(&str, &str), (Vec<String>, Timestamp)> = BTreeMap::new();
    for l in late {
        let entry = groups
            .entry((l.carrier.as_str(), l.reason.as_str()))
            .or_insert_with(|| (Vec::new(), l.eta));
        entry.0.push(l.order_id.clone());
        entry.1 = entry.1.max(l.eta);
    }
    groups
        .into_iter()
        .map(|((carrier, reason), (orders, eta))| {
            let mut scope = Scope {
                carriers: vec![carrier.to_owned()],
                ..Scope::default()
            };
            Scope::extend(&mut scope.orders, orders);
            NewDisruption {
                kind: DisruptionKind::Delay,
                scope,
                reason: format!("our carrier {carrier} reports a delay: {reason}"),
                new_date: Some(eta),
                amount: None,
                known_since: now,
                origin: Origin::Detected,
                detection_key: Some(format!("delay:{carrier}:{reason}")),
            }
        })
        .collect()
}

/// What a fresh detection adds to the open disruption with the same key:
/// new orders and a later date extend it. `None` when nothing changes.
pub fn merge(existing: &Disruption, found: &NewDisruption) -> Option<NewDisruption> {
    let mut merged = existing.details.clone();
    Scope::extend(&mut merged.scope.skus, found.scope.skus.iter().cloned());
    Scope::extend(&mut merged.scope.orders, found.scope.orders.iter().cloned());
    merged.new_date = match (merged.new_date, found.new_date) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    (merged != existing.details).then_some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DisruptionState, Money, ProductStatus};

    fn ts(day: i64) -> Timestamp {
        Timestamp::from_second(day * 86_400).unwrap()
    }

    fn product(stock: i64) -> Product {
        Product {
            sku: "K1".into(),
            name: "Kettle Pro".into(),
            category: "kettles".into(),
            price: Money::from_minor(4_999),
            stock,
            features: vec![],
            status: ProductStatus::Active,
        }
    }

    #[test]
    fn backorder_only_when_stock_is_gone_and_someone_waits() {
        assert!(backorder(&product(3), 5, ts(1)).is_none());
        assert!(backorder(&product(0), 0, ts(1)).is_none());
        let d = backorder(&product(0), 2, ts(1)).unwrap();
        assert_eq!(d.detection_key.as_deref(), Some("backorder:K1"));
        assert_eq!(d.scope.skus, ["K1"]);
        assert!(d.validate().is_ok());
    }

    #[test]
    fn delays_group_by_carrier_and_reason() {
        let late = |o: &str, c: &str, r: &str, d| LateOrder {
            order_id: o.into(),
            carrier: c.into(),
            reason: r.into(),
            eta: ts(d),
        };
        let found = delays(
            &[
                late("o2", "DHL", "storm", 12),
                late("o1", "DHL", "storm", 14),
                late("o3", "UPS", "customs hold", 11),
            ],
            ts(9),
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].scope.orders, ["o1", "o2"]);
        assert_eq!(found[0].new_date, Some(ts(14)));
        assert_eq!(found[0].detection_key.as_deref(), Some("delay:DHL:storm"));
    }

    #[test]
    fn merging_extends_and_is_idempotent() {
        let found = delays(
            &[LateOrder {
                order_id: "o1".into(),
                carrier: "DHL".into(),
                reason: "storm".into(),
                eta: ts(12),
            }],
            ts(9),
        );
        let existing = Disruption {
            id: 7,
            state: DisruptionState::Open,
            details: found[0].clone(),
        };
        assert_eq!(
            merge(&existing, &found[0]),
            None,
            "same finding changes nothing"
        );
        let mut later = found[0].clone();
        later.scope.orders = vec!["o9".into()];
        later.new_date = Some(ts(15));
        let merged = merge(&existing, &later).unwrap();
        assert_eq!(merged.scope.orders, ["o1", "o9"]);
        assert_eq!(merged.new_date, Some(ts(15)));
    }
}
