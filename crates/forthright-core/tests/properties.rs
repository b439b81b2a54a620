//! Property tests of the pure rules, where the input space is large.

use forthright_core::impact::{ImpactLine, group_into_cases};
use forthright_core::{DisruptionKind, LineStatus, Money, NewDisruption, OrderLine, Origin, Scope};
use jiff::Timestamp;
use proptest::prelude::*;
use std::collections::HashSet;

proptest! {
    #[test]
    fn money_text_round_trips(minor in -10_000_000_000i64..10_000_000_000) {
        let m = Money::from_minor(minor);
        prop_assert_eq!(Money::parse(&m.to_string()).unwrap(), m);
    }

    #[test]
    fn money_parse_never_panics(text in "\\PC{0,24}") {
        let _ = Money::parse(&text);
    }

    #[test]
    fn every_in_scope_line_lands_in_exactly_one_case(
        lines in prop::collection::vec(line(), 0..60),
        skus in prop::collection::vec("K[0-3]", 0..3),
        customers in prop::collection::vec("c[0-4]", 0..3),
    ) {
        let scope = Scope { skus, customers, ..Scope::default() };
        let disruption = NewDisruption {
            kind: DisruptionKind::Backorder,
            scope: scope.clone(),
            reason: "supplier flood".into(),
            new_date: None,
            amount: None,
            known_since: Timestamp::UNIX_EPOCH,
            origin: Origin::Declared,
            detection_key: None,
        };
        // Keys are unique per (order, sku), as in the store.
        let mut seen = HashSet::new();
        let lines: Vec<ImpactLine> = lines
            .into_iter()
            .filter(|l| seen.insert((l.line.order_id.clone(), l.line.sku.clone())))
            .collect();
        let expected: HashSet<_> = lines
            .iter()
            .filter(|l| scope.matches(l))
            .map(|l| (l.line.customer_id.clone(), l.line.order_id.clone(), l.line.sku.clone()))
            .collect();
        let drafts = group_into_cases(&disruption, lines);
        let customers: HashSet<_> = drafts.iter().map(|d| d.customer_id.clone()).collect();
        prop_assert_eq!(customers.len(), drafts.len(), "one draft per customer");
        let got: Vec<_> = drafts
            .iter()
            .flat_map(|d| d.lines.iter().map(move |l| (d.customer_id.clone(), l.order_id.clone(), l.sku.clone())))
            .collect();
        prop_assert_eq!(got.len(), expected.len(), "no line twice");
        prop_assert_eq!(got.into_iter().collect::<HashSet<_>>(), expected);
        prop_assert!(drafts.iter().all(|d| !d.lines.is_empty()));
    }
}

fn line() -> impl Strategy<Value = ImpactLine> {
    (
        "o[0-9]",
        "c[0-4]",
        "K[0-3]",
        1i64..5,
        prop::sample::select(LineStatus::ALL.to_vec()),
        any::<bool>(),
    )
        .prop_map(
            |(order_id, customer_id, sku, quantity, status, paid)| ImpactLine {
                line: OrderLine {
                    order_id,
                    customer_id,
                    sku,
                    quantity,
                    unit_price: Money::from_minor(999),
                    placed_at: Timestamp::UNIX_EPOCH,
                    promised_at: Timestamp::UNIX_EPOCH,
                    paid,
                    status,
                },
                category: "kettles".into(),
                carrier: None,
                eta: None,
            },
        )
}
