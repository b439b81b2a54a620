//! The suite's cases. Each takes a fresh, empty store and panics when the
//! backend breaks the [`Store`] contract.

use crate::fixtures::{self, Shop, as_drafts, customer, day, declared, line, line_keys, product};
use forthright_core::impact::{self, CaseDraft};
use forthright_core::{
    CaseState, Channel, DisruptionKind, DisruptionState, LineStatus, Money, NewDisruption, Origin,
    ProductStatus, Scope, Tier,
};
use forthright_store::{Counts, Detected, ImportStats, KeyKind, Store, StoreError};
use std::collections::HashSet;

fn keys(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = pairs
        .iter()
        .map(|(o, s)| (o.to_string(), s.to_string()))
        .collect();
    v.sort();
    v
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

/// Everything observable about the sample shop's rows, to see that nothing changed.
fn snapshot(store: &mut dyn Store, shop: &Shop) -> String {
    let mut out = format!("{:?}\n", store.counts().unwrap());
    for c in &shop.customers {
        out += &format!("{:?}\n", store.customer(&c.id).unwrap());
    }
    for p in &shop.products {
        out += &format!("{:?}\n", store.product(&p.sku).unwrap());
    }
    let everything = Scope {
        customers: shop.customers.iter().map(|c| c.id.clone()).collect(),
        ..Scope::default()
    };
    let mut lines: Vec<String> = store
        .impact_candidates(&everything)
        .unwrap()
        .iter()
        .map(|l| format!("{l:?}"))
        .collect();
    lines.sort();
    out + &lines.join("\n")
}

/// Import counts every row as inserted, updated or unchanged, and writes what it counts.
pub fn import_counts_inserted_updated_and_unchanged(store: &mut dyn Store) {
    let shop = Shop::sample();
    let rows =
        (shop.customers.len() + shop.products.len() + shop.lines.len() + shop.shipments.len())
            as u64;
    let first = shop.import(store);
    assert_eq!(
        first,
        ImportStats {
            rows,
            inserted: rows,
            updated: 0,
            unchanged: 0
        }
    );
    assert_eq!(
        store.counts().unwrap(),
        Counts {
            customers: 4,
            products: 4,
            order_lines: 11,
            shipments: 5,
            disruptions: 0,
            cases: 0
        }
    );

    let mut tx = store.begin_import().unwrap();
    let mut c2 = customer("c2");
    c2.name = "Grace Hopper".into();
    tx.put_customer(&c2).unwrap();
    tx.put_customer(&customer("c3")).unwrap();
    let mut o2 = line("o2", "c2", "K1", LineStatus::Open);
    o2.quantity = 7;
    tx.put_order_line(&o2).unwrap();
    tx.put_product(&product("Z9", "kettles", 1)).unwrap();
    tx.put_shipment(&fixtures::shipment("o6", "GLS", 11, "sorting backlog"))
        .unwrap();
    let stats = tx.commit().unwrap();
    assert_eq!(
        stats,
        ImportStats {
            rows: 5,
            inserted: 2,
            updated: 2,
            unchanged: 1
        }
    );
    assert_eq!(store.customer("c2").unwrap().unwrap().name, "Grace Hopper");
    assert!(store.product("Z9").unwrap().is_some());
    let counts = store.counts().unwrap();
    assert_eq!((counts.products, counts.shipments), (5, 6));
}

/// Re-importing the same rows changes nothing, and every row counts as unchanged.
pub fn reimport_changes_nothing(store: &mut dyn Store) {
    let shop = Shop::sample();
    shop.import(store);
    let before = snapshot(store, &shop);
    let again = shop.import(store);
    assert_eq!((again.inserted, again.updated), (0, 0));
    assert_eq!(again.unchanged, again.rows);
    assert_eq!(snapshot(store, &shop), before);
}

/// Dropping an import without committing leaves nothing behind, and the store stays usable.
pub fn dropped_import_rolls_back(store: &mut dyn Store) {
    let shop = Shop::sample();
    {
        let mut tx = store.begin_import().unwrap();
        for c in &shop.customers {
            tx.put_customer(c).unwrap();
        }
        for p in &shop.products {
            tx.put_product(p).unwrap();
        }
        for l in &shop.lines {
            tx.put_order_line(l).unwrap();
        }
    }
    assert_eq!(store.counts().unwrap(), Counts::default());
    assert_eq!(store.customer("c1").unwrap(), None);
    assert!(store.known_keys(KeyKind::Customers).unwrap().is_empty());
    shop.import(store);
    assert_eq!(store.counts().unwrap().order_lines, 11);
}

/// Within one import, the last row put for a key wins.
pub fn last_put_of_a_key_wins(store: &mut dyn Store) {
    let mut tx = store.begin_import().unwrap();
    let mut c = customer("c1");
    tx.put_customer(&c).unwrap();
    c.name = "Second Name".into();
    tx.put_customer(&c).unwrap();
    tx.commit().unwrap();
    assert_eq!(store.customer("c1").unwrap().unwrap().name, "Second Name");
    assert_eq!(store.counts().unwrap().customers, 1);
}

/// Known keys list every customer id, SKU and order id.
pub fn known_keys_list_every_key_of_a_kind(store: &mut dyn Store) {
    assert!(store.known_keys(KeyKind::Orders).unwrap().is_empty());
    Shop::sample().import(store);
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<HashSet<_>>();
    assert_eq!(
        store.known_keys(KeyKind::Customers).unwrap(),
        set(&["c1", "c2", "c3", "c4"])
    );
    assert_eq!(
        store.known_keys(KeyKind::Skus).unwrap(),
        set(&["K1", "K2", "T1", "M1"])
    );
    assert_eq!(
        store.known_keys(KeyKind::Orders).unwrap(),
        set(&["o1", "o2", "o3", "o4", "o5", "o6", "o7"])
    );
}

/// Customers come back exactly as stored: every optional field, tier, channel and flag.
pub fn customers_round_trip_every_field(store: &mut dyn Store) {
    let mut all = Vec::new();
    for (i, tier) in Tier::ALL.iter().enumerate() {
        let mut c = customer(&format!("cust-{i}"));
        c.tier = *tier;
        c.preferred_channel = Channel::ALL.get(i).copied();
        c.do_not_contact = i % 2 == 1;
        if i % 2 == 0 {
            c.email = Some(format!("person{i}@example.org"));
            c.phone = Some(format!("+1 555 010{i}"));
        }
        all.push(c);
    }
    let mut unusual = customer("ünï-cödé 'quoted' \"id\"");
    unusual.name = "Zoë O'Brien, \"Jr.\"; 東京".into();
    unusual.timezone = "America/Argentina/Buenos_Aires".into();
    unusual.email = Some(String::new());
    all.push(unusual);
    let mut tx = store.begin_import().unwrap();
    for c in &all {
        tx.put_customer(c).unwrap();
    }
    tx.commit().unwrap();
    for c in &all {
        assert_eq!(store.customer(&c.id).unwrap().as_ref(), Some(c));
    }
    assert_eq!(store.customer("nobody").unwrap(), None);
}

/// Products come back exactly as stored: money, stock, features and status.
pub fn products_round_trip_every_field(store: &mut dyn Store) {
    let mut plain = product("P-1", "kettles", 12);
    plain.features = vec![];
    let mut rich = product("P-2", "tea & coffee", -3);
    rich.price = Money::from_minor(123_456_789_012);
    rich.features = strings(&["stainless steel", "1,7 l", "Ümlaut", "quote \" inside", ""]);
    rich.status = ProductStatus::Discontinued;
    let mut free = product("P-3", "samples", 0);
    free.price = Money::ZERO;
    free.features = strings(&["one"]);
    let mut tx = store.begin_import().unwrap();
    for p in [&plain, &rich, &free] {
        tx.put_product(p).unwrap();
    }
    tx.commit().unwrap();
    for p in [&plain, &rich, &free] {
        assert_eq!(store.product(&p.sku).unwrap().as_ref(), Some(p));
    }
    assert_eq!(store.product("P-404").unwrap(), None);
}

/// Order lines, with their product's category and their order's carrier and
/// ETA, come back exactly as stored through the impact candidates.
pub fn order_lines_round_trip_through_impact_candidates(store: &mut dyn Store) {
    let shop = Shop::sample();
    let mut odd = line("o9", "c4", "K1", LineStatus::Open);
    odd.quantity = 1_000_000;
    odd.unit_price = Money::from_minor(-150);
    odd.placed_at = jiff::Timestamp::from_second(-86_400 * 365).unwrap();
    odd.promised_at = jiff::Timestamp::from_second(4_102_444_800).unwrap();
    odd.paid = true;
    let mut shop2 = shop.clone();
    shop2.lines.push(odd);
    shop2.import(store);
    let scope = Scope {
        customers: strings(&["c1", "c2", "c3", "c4"]),
        ..Scope::default()
    };
    let mut got = store.impact_candidates(&scope).unwrap();
    got.sort_by(|a, b| (&a.line.order_id, &a.line.sku).cmp(&(&b.line.order_id, &b.line.sku)));
    let mut want: Vec<_> = shop2
        .impact_lines()
        .into_iter()
        .filter(|l| l.line.status == LineStatus::Open)
        .collect();
    want.sort_by(|a, b| (&a.line.order_id, &a.line.sku).cmp(&(&b.line.order_id, &b.line.sku)));
    assert_eq!(got, want);
    assert!(
        got.iter()
            .any(|l| l.carrier.is_none() && l.eta.is_none() && l.line.order_id == "o6"),
        "a line without a shipment has no carrier and no ETA"
    );
}

/// Impact candidates are open lines only, and an empty scope has none.
pub fn impact_candidates_are_open_lines_only(store: &mut dyn Store) {
    Shop::sample().import(store);
    assert!(
        store
            .impact_candidates(&Scope::default())
            .unwrap()
            .is_empty()
    );
    let scope = Scope {
        skus: strings(&["K1", "K2", "T1", "M1"]),
        ..Scope::default()
    };
    let got = store.impact_candidates(&scope).unwrap();
    assert!(got.iter().all(|l| l.line.status == LineStatus::Open));
    let open: HashSet<_> = got
        .iter()
        .map(|l| (l.line.order_id.clone(), l.line.sku.clone()))
        .collect();
    assert_eq!(open.len(), 8, "every open line of the shop is a candidate");
}

/// Stock-outs are products with stock <= 0 that open lines still wait for,
/// counted by open lines only; the SKU filter narrows them.
pub fn stocked_out_with_waiting_lines(store: &mut dyn Store) {
    let mut shop = Shop::sample();
    shop.products.push(product("E1", "empty", 0));
    shop.lines
        .push(line("o8", "c4", "E1", LineStatus::Delivered));
    shop.import(store);
    let mut got: Vec<(String, u64)> = store
        .stocked_out_with_waiting_lines(None)
        .unwrap()
        .into_iter()
        .map(|(p, n)| (p.sku, n))
        .collect();
    got.sort();
    assert_eq!(got, [("K2".to_string(), 2), ("M1".to_string(), 1)]);
    let only = store
        .stocked_out_with_waiting_lines(Some(&strings(&["M1", "K1"])))
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].0, shop.products[3], "the whole product comes back");
    assert_eq!(only[0].1, 1);
    assert!(
        store
            .stocked_out_with_waiting_lines(Some(&[]))
            .unwrap()
            .is_empty()
    );
}

/// Late orders: open orders whose ETA passes the promised date of an open line, once each.
pub fn late_orders_are_open_orders_past_their_promise(store: &mut dyn Store) {
    let mut shop = Shop::sample();
    // o5's second open line: still one late order, not two.
    shop.lines.push(line("o5", "c4", "K2", LineStatus::Open));
    // Late, but every line already shipped: nobody waits.
    shop.lines.push(line("o8", "c4", "T1", LineStatus::Shipped));
    shop.shipments
        .push(fixtures::shipment("o8", "DHL", 30, "storm"));
    shop.import(store);
    let mut got = store.late_orders().unwrap();
    got.sort_by(|a, b| a.order_id.cmp(&b.order_id));
    let view: Vec<_> = got
        .iter()
        .map(|l| {
            (
                l.order_id.as_str(),
                l.carrier.as_str(),
                l.reason.as_str(),
                l.eta,
            )
        })
        .collect();
    assert_eq!(
        view,
        [
            ("o1", "DHL", "storm", day(12)),
            ("o3", "DHL", "storm", day(15)),
            ("o5", "UPS", "customs hold", day(13)),
        ]
    );
}

/// Disruptions keep every field, list newest first, update and change state.
pub fn disruptions_create_read_update_and_state(store: &mut dyn Store) {
    let scope = Scope {
        skus: strings(&["K1", "K2"]),
        orders: strings(&["o1"]),
        customers: strings(&["c1", "Zoë \"the\" customer"]),
        categories: strings(&["kettles"]),
        carriers: strings(&["DHL"]),
    };
    let mut billing = declared(DisruptionKind::BillingError, scope);
    billing.new_date = None;
    billing.reason = "we charged your card twice; the second charge was our mistake".into();
    let first = store.create_disruption(&billing).unwrap();
    assert_eq!(first.details, billing);
    assert_eq!(first.state, DisruptionState::Open);
    assert_eq!(store.disruption(first.id).unwrap().as_ref(), Some(&first));

    let mut backorder = declared(
        DisruptionKind::Backorder,
        Scope {
            skus: strings(&["K2"]),
            ..Scope::default()
        },
    );
    backorder.known_since = day(6);
    let second = store.create_disruption(&backorder).unwrap();
    assert_ne!(first.id, second.id);
    assert_eq!(
        store.disruptions().unwrap(),
        [second.clone(), first.clone()]
    );

    let mut grown = backorder.clone();
    Scope::extend(&mut grown.scope.skus, ["K1".to_string()]);
    grown.new_date = Some(day(25));
    let updated = store.update_disruption(second.id, &grown).unwrap();
    assert_eq!((updated.id, &updated.details), (second.id, &grown));
    assert_eq!(store.disruption(second.id).unwrap(), Some(updated));

    store
        .set_disruption_state(first.id, DisruptionState::Resolved)
        .unwrap();
    assert_eq!(
        store.disruption(first.id).unwrap().unwrap().state,
        DisruptionState::Resolved
    );
    assert_eq!(store.counts().unwrap().disruptions, 2);
}

/// A disruption that fails validation is refused and not stored.
pub fn invalid_disruptions_are_refused(store: &mut dyn Store) {
    let empty = declared(DisruptionKind::Outage, Scope::default());
    assert!(matches!(
        store.create_disruption(&empty),
        Err(StoreError::Invalid(_))
    ));
    let ok = declared(
        DisruptionKind::Outage,
        Scope {
            customers: strings(&["c1"]),
            ..Scope::default()
        },
    );
    let d = store.create_disruption(&ok).unwrap();
    let mut no_reason = ok.clone();
    no_reason.reason = " ".into();
    assert!(matches!(
        store.update_disruption(d.id, &no_reason),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(store.disruption(d.id).unwrap().unwrap().details, ok);
    assert_eq!(store.counts().unwrap().disruptions, 1);
}

/// Asking for what does not exist: `None` from getters, `NotFound` from changes.
pub fn unknown_ids_are_not_found(store: &mut dyn Store) {
    let not_found = |r: Result<(), StoreError>| matches!(r, Err(StoreError::NotFound { .. }));
    assert_eq!(store.disruption(999_999).unwrap(), None);
    assert_eq!(store.case(999_999).unwrap(), None);
    assert!(store.cases(Some(999_999)).unwrap().is_empty());
    let d = declared(
        DisruptionKind::Delay,
        Scope {
            carriers: strings(&["DHL"]),
            ..Scope::default()
        },
    );
    assert!(not_found(store.update_disruption(999_999, &d).map(|_| ())));
    assert!(not_found(
        store.set_disruption_state(999_999, DisruptionState::Resolved)
    ));
    assert!(not_found(store.set_case_state(
        999_999,
        CaseState::Planned,
        day(6),
        "x"
    )));
    assert!(not_found(store.run_impact(999_999, day(6)).map(|_| ())));
    match store.case_events(999_999) {
        Ok(events) => assert!(events.is_empty()),
        Err(e) => assert!(matches!(e, StoreError::NotFound { .. }), "{e}"),
    }
}

/// Only an open disruption answers to its detection key; once resolved, the key is free again.
pub fn open_disruption_by_key_sees_only_open_ones(store: &mut dyn Store) {
    let mut found = declared(
        DisruptionKind::Backorder,
        Scope {
            skus: strings(&["K2"]),
            ..Scope::default()
        },
    );
    found.origin = Origin::Detected;
    found.detection_key = Some("backorder:K2".into());
    assert_eq!(store.open_disruption_by_key("backorder:K2").unwrap(), None);
    let d = store.create_disruption(&found).unwrap();
    assert_eq!(
        store.open_disruption_by_key("backorder:K2").unwrap(),
        Some(d.clone())
    );
    assert_eq!(store.open_disruption_by_key("backorder:K1").unwrap(), None);
    store
        .set_disruption_state(d.id, DisruptionState::Resolved)
        .unwrap();
    assert_eq!(store.open_disruption_by_key("backorder:K2").unwrap(), None);
    let again = store.create_disruption(&found).unwrap();
    assert_ne!(again.id, d.id);
    assert_eq!(
        store.open_disruption_by_key("backorder:K2").unwrap(),
        Some(again)
    );
}

fn detected_view(found: &[Detected]) -> Vec<(&'static str, String)> {
    let mut v: Vec<_> = found
        .iter()
        .map(|d| {
            let what = match d {
                Detected::Opened(_) => "opened",
                Detected::Extended(_) => "extended",
                Detected::Unchanged(_) => "unchanged",
            };
            let key = d.disruption().details.detection_key.clone();
            (what, key.unwrap_or_default())
        })
        .collect();
    v.sort_by(|a, b| a.1.cmp(&b.1));
    v
}

/// Detection opens once, changes nothing when run again, and extends when a new late order shows up.
pub fn detection_is_idempotent_and_extends(store: &mut dyn Store) {
    Shop::sample().import(store);
    let first = store.detect(None, day(11)).unwrap();
    assert_eq!(
        detected_view(&first),
        [
            ("opened", "backorder:K2".to_string()),
            ("opened", "backorder:M1".to_string()),
            ("opened", "delay:DHL:storm".to_string()),
            ("opened", "delay:UPS:customs hold".to_string()),
        ]
    );
    let second = store.detect(None, day(12)).unwrap();
    assert!(
        second.iter().all(|d| matches!(d, Detected::Unchanged(_))
            && first.contains(&Detected::Opened(d.disruption().clone()))),
        "{second:?}"
    );
    assert_eq!(store.counts().unwrap().disruptions, 4);

    let mut tx = store.begin_import().unwrap();
    tx.put_order_line(&line("o8", "c4", "K1", LineStatus::Open))
        .unwrap();
    tx.put_shipment(&fixtures::shipment("o8", "DHL", 16, "storm"))
        .unwrap();
    tx.commit().unwrap();
    let third = store.detect(None, day(13)).unwrap();
    let view = detected_view(&third);
    assert!(
        view.contains(&("extended", "delay:DHL:storm".to_string())),
        "{view:?}"
    );
    assert_eq!(view.iter().filter(|v| v.0 == "unchanged").count(), 3);
    let dhl = store
        .open_disruption_by_key("delay:DHL:storm")
        .unwrap()
        .unwrap();
    assert_eq!(dhl.details.scope.orders, ["o1", "o3", "o8"]);
    assert_eq!(dhl.details.new_date, Some(day(16)));
    assert_eq!(store.counts().unwrap().disruptions, 4);

    // Narrowed to one SKU, detection sees only that stock-out.
    let k2 = store.detect(Some(&strings(&["K2"])), day(14)).unwrap();
    assert!(detected_view(&k2).contains(&("unchanged", "backorder:K2".to_string())));
    assert!(!detected_view(&k2).iter().any(|v| v.1 == "backorder:M1"));
}

/// Declares a disruption over `scope` on the sample shop, runs impact, checks
/// the result against the oracle and returns the affected (order, sku) pairs.
fn impact_of(store: &mut dyn Store, kind: DisruptionKind, scope: Scope) -> Vec<(String, String)> {
    let shop = Shop::sample();
    shop.import(store);
    let new = declared(kind, scope);
    let d = store.create_disruption(&new).unwrap();
    let summary = store.run_impact(d.id, day(6)).unwrap();
    let cases = store.cases(Some(d.id)).unwrap();
    let oracle = shop.oracle(&new);
    assert_eq!(as_drafts(&cases), oracle, "stored cases equal the oracle");
    assert_eq!(summary.affected_customers, oracle.len());
    assert_eq!(
        summary.affected_lines,
        oracle.iter().map(|d| d.lines.len()).sum::<usize>()
    );
    line_keys(&oracle)
}

/// Scope by SKU: every open line of those products, whatever the order.
pub fn impact_by_skus(store: &mut dyn Store) {
    let scope = Scope {
        skus: strings(&["K1"]),
        ..Scope::default()
    };
    assert_eq!(
        impact_of(store, DisruptionKind::Backorder, scope),
        keys(&[("o1", "K1"), ("o2", "K1"), ("o5", "K1")])
    );
}

/// Scope by order: the open lines of those orders.
pub fn impact_by_orders(store: &mut dyn Store) {
    let scope = Scope {
        orders: strings(&["o1", "o4", "o404"]),
        ..Scope::default()
    };
    assert_eq!(
        impact_of(store, DisruptionKind::Backorder, scope),
        keys(&[("o1", "K1"), ("o1", "T1"), ("o4", "K2")])
    );
}

/// Scope by customer: their open lines.
pub fn impact_by_customers(store: &mut dyn Store) {
    let scope = Scope {
        customers: strings(&["c2"]),
        ..Scope::default()
    };
    assert_eq!(
        impact_of(store, DisruptionKind::ServiceChange, scope),
        keys(&[("o2", "K1"), ("o6", "T1")])
    );
}

/// Scope by category: the open lines of products in it.
pub fn impact_by_categories(store: &mut dyn Store) {
    let scope = Scope {
        categories: strings(&["toasters"]),
        ..Scope::default()
    };
    assert_eq!(
        impact_of(store, DisruptionKind::Discontinued, scope),
        keys(&[("o1", "T1"), ("o6", "T1")])
    );
}

/// Scope by carrier: open lines of orders it ships; lines without a shipment are out.
/// Delays expect the carrier's ETA.
pub fn impact_by_carriers(store: &mut dyn Store) {
    let scope = Scope {
        carriers: strings(&["DHL"]),
        ..Scope::default()
    };
    assert_eq!(
        impact_of(store, DisruptionKind::Delay, scope),
        keys(&[("o1", "K1"), ("o1", "T1"), ("o3", "K2"), ("o4", "K2")])
    );
    let cases = store.cases(None).unwrap();
    let c3 = cases.iter().find(|c| c.customer_id == "c3").unwrap();
    assert_eq!(c3.lines[0].expected_at, Some(day(15)));
}

/// Several dimensions narrow each other: a line must match every non-empty list.
pub fn impact_by_combined_dimensions(store: &mut dyn Store) {
    let scope = Scope {
        skus: strings(&["K1", "K2"]),
        carriers: strings(&["UPS"]),
        ..Scope::default()
    };
    assert_eq!(
        impact_of(store, DisruptionKind::Delay, scope),
        keys(&[("o2", "K1"), ("o5", "K1")])
    );
    let scope = Scope {
        categories: strings(&["kettles"]),
        customers: strings(&["c1", "c3"]),
        orders: strings(&["o1", "o3", "o4", "o7"]),
        ..Scope::default()
    };
    assert_eq!(
        impact_of(store, DisruptionKind::Backorder, scope),
        keys(&[("o1", "K1"), ("o3", "K2"), ("o4", "K2")])
    );
}

/// Shipped, delivered and cancelled lines never join a case.
pub fn impact_excludes_closed_lines(store: &mut dyn Store) {
    let scope = Scope {
        skus: strings(&["K2", "M1"]),
        ..Scope::default()
    };
    assert_eq!(
        impact_of(store, DisruptionKind::Backorder, scope),
        keys(&[("o3", "K2"), ("o4", "K2"), ("o7", "M1")]),
        "o2/K2 shipped and o4/M1 cancelled stay out"
    );
    let only_closed = Scope {
        orders: strings(&["o5"]),
        skus: strings(&["T1"]),
        ..Scope::default()
    };
    let d = store
        .create_disruption(&declared(DisruptionKind::Backorder, only_closed))
        .unwrap();
    let summary = store.run_impact(d.id, day(6)).unwrap();
    assert_eq!(summary.affected_lines, 0);
    assert!(store.cases(Some(d.id)).unwrap().is_empty());
}

fn drafts_for(store: &mut dyn Store, new: &NewDisruption) -> Vec<CaseDraft> {
    let candidates = store.impact_candidates(&new.scope).unwrap();
    impact::group_into_cases(new, candidates)
}

/// Applying impact twice opens no case and adds no line the second time; a
/// line that comes into scope later joins its customer's existing case.
pub fn apply_impact_is_idempotent_and_lines_join_later(store: &mut dyn Store) {
    Shop::sample().import(store);
    let new = declared(
        DisruptionKind::Backorder,
        Scope {
            skus: strings(&["K1"]),
            ..Scope::default()
        },
    );
    let d = store.create_disruption(&new).unwrap();
    let drafts = drafts_for(store, &new);
    let applied = store.apply_impact(d.id, &drafts, day(6)).unwrap();
    assert_eq!((applied.opened.len(), applied.lines_added), (3, 3));
    let before = store.cases(Some(d.id)).unwrap();
    let applied = store.apply_impact(d.id, &drafts, day(7)).unwrap();
    assert_eq!((applied.opened.len(), applied.lines_added), (0, 0));
    assert_eq!(store.cases(Some(d.id)).unwrap(), before);
    let summary = store.run_impact(d.id, day(7)).unwrap();
    assert_eq!(summary.affected_lines, 3);
    assert_eq!(store.counts().unwrap().cases, 3);
    let c1_case = before
        .iter()
        .find(|c| c.customer_id == "c1")
        .unwrap()
        .clone();
    let c1_events = store.case_events(c1_case.id).unwrap();
    assert_eq!(c1_events[0].kind, "opened");
    assert_eq!(c1_events[0].at, c1_case.opened_at);
    assert_eq!(c1_events.iter().filter(|e| e.kind == "opened").count(), 1);

    // New lines come into scope: one for c1 (existing case), one for c3 (new case).
    let mut tx = store.begin_import().unwrap();
    tx.put_order_line(&line("o9", "c1", "K1", LineStatus::Open))
        .unwrap();
    tx.put_order_line(&line("o10", "c3", "K1", LineStatus::Open))
        .unwrap();
    tx.commit().unwrap();
    let drafts = drafts_for(store, &new);
    let applied = store.apply_impact(d.id, &drafts, day(8)).unwrap();
    assert_eq!((applied.opened.len(), applied.lines_added), (1, 2));
    let after = store.cases(Some(d.id)).unwrap();
    assert_eq!(after.len(), 4);
    let c1_after = after.iter().find(|c| c.customer_id == "c1").unwrap();
    assert_eq!(c1_after.id, c1_case.id, "the line joins the existing case");
    assert_eq!(c1_after.opened_at, day(6));
    assert_eq!(
        c1_after
            .lines
            .iter()
            .map(|l| l.order_id.as_str())
            .collect::<Vec<_>>(),
        ["o1", "o9"]
    );
    let events = store.case_events(c1_case.id).unwrap();
    let last = events.last().unwrap();
    assert_eq!((last.kind.as_str(), last.at), ("line_added", day(8)));
    assert!(last.detail.contains("o9"), "{}", last.detail);
    let c3 = after.iter().find(|c| c.customer_id == "c3").unwrap();
    assert_eq!(c3.opened_at, day(8));
    assert_eq!(store.case_events(c3.id).unwrap()[0].kind, "opened");
    let applied = store.apply_impact(d.id, &drafts, day(9)).unwrap();
    assert_eq!((applied.opened.len(), applied.lines_added), (0, 0));
}

/// Drafts in any order, a customer's lines split over several drafts, lines
/// repeated: still one case per customer, each line once, as if the drafts
/// had come from `group_into_cases`.
pub fn apply_impact_takes_unordered_and_repeated_drafts(store: &mut dyn Store) {
    Shop::sample().import(store);
    let new = declared(
        DisruptionKind::Backorder,
        Scope {
            skus: strings(&["K1", "K2"]),
            ..Scope::default()
        },
    );
    let d = store.create_disruption(&new).unwrap();
    let clean = drafts_for(store, &new);
    let lines: usize = clean.iter().map(|d| d.lines.len()).sum();
    assert_eq!((clean.len(), lines), (4, 5), "c1 has two lines");
    let mut messy: Vec<CaseDraft> = Vec::new();
    for draft in clean.iter().rev() {
        let mut lines = draft.lines.clone();
        lines.reverse();
        lines.push(draft.lines[0].clone());
        if let [first, ..] = &draft.lines[..] {
            messy.push(CaseDraft {
                customer_id: draft.customer_id.clone(),
                lines: vec![first.clone()],
            });
        }
        messy.push(CaseDraft {
            customer_id: draft.customer_id.clone(),
            lines,
        });
    }
    let applied = store.apply_impact(d.id, &messy, day(6)).unwrap();
    assert_eq!((applied.opened.len(), applied.lines_added), (4, 5));
    let cases = store.cases(Some(d.id)).unwrap();
    assert_eq!(as_drafts(&cases), clean);
    let mut opened = applied.opened.clone();
    opened.sort();
    let mut expected: Vec<_> = cases
        .iter()
        .map(|c| (c.customer_id.clone(), c.id))
        .collect();
    expected.sort();
    assert_eq!(opened, expected);
    let applied = store.apply_impact(d.id, &messy, day(7)).unwrap();
    assert_eq!((applied.opened.len(), applied.lines_added), (0, 0));
    assert_eq!(store.cases(Some(d.id)).unwrap(), cases);
}

/// For each customer of a disruption: how many other disruptions opened a case
/// for them since a time (P10); customers with none are absent.
pub fn recent_disruption_counts_count_other_disruptions(store: &mut dyn Store) {
    Shop::sample().import(store);
    let mut open = |customers: &[&str], at: i64| {
        let scope = Scope {
            customers: strings(customers),
            ..Scope::default()
        };
        let d = store
            .create_disruption(&declared(DisruptionKind::Backorder, scope))
            .unwrap();
        store.run_impact(d.id, day(at)).unwrap();
        d.id
    };
    let old = open(&["c2"], 2);
    let a = open(&["c1", "c2", "c3"], 6);
    let b = open(&["c1"], 7);
    open(&["c1", "c3"], 8);
    let counts = store.recent_disruption_counts(a, day(5)).unwrap();
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort();
    assert_eq!(counts, [("c1".to_string(), 2), ("c3".to_string(), 1)]);
    let counts = store.recent_disruption_counts(b, day(7)).unwrap();
    assert_eq!(
        counts.into_iter().collect::<Vec<_>>(),
        [("c1".to_string(), 1)]
    );
    let counts = store.recent_disruption_counts(a, day(0)).unwrap();
    assert_eq!(counts.get("c2"), Some(&1), "{counts:?}");
    assert!(
        store
            .recent_disruption_counts(old, day(9))
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .recent_disruption_counts(999_999, day(0))
            .unwrap()
            .is_empty()
    );
}

/// Cases list by id, filtered by disruption, each with its lines ordered by order then SKU
/// and every field kept.
pub fn cases_are_ordered_with_their_lines(store: &mut dyn Store) {
    Shop::sample().import(store);
    let kettles = store
        .create_disruption(&declared(
            DisruptionKind::Backorder,
            Scope {
                categories: strings(&["kettles"]),
                ..Scope::default()
            },
        ))
        .unwrap();
    let late = store
        .create_disruption(&declared(
            DisruptionKind::Delay,
            Scope {
                carriers: strings(&["UPS", "DHL"]),
                ..Scope::default()
            },
        ))
        .unwrap();
    store.run_impact(kettles.id, day(6)).unwrap();
    store.run_impact(late.id, day(7)).unwrap();
    let all = store.cases(None).unwrap();
    let ids: Vec<_> = all.iter().map(|c| c.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "ordered by id, no duplicates");
    let of_kettles = store.cases(Some(kettles.id)).unwrap();
    let of_late = store.cases(Some(late.id)).unwrap();
    assert_eq!(of_kettles.len() + of_late.len(), all.len());
    assert!(of_kettles.iter().all(|c| c.disruption_id == kettles.id));
    assert!(of_late.iter().all(|c| c.disruption_id == late.id));
    for c in &all {
        assert_eq!(c.state, CaseState::Detected);
        assert_eq!(store.case(c.id).unwrap().as_ref(), Some(c));
        let keys: Vec<_> = c.lines.iter().map(|l| (&l.order_id, &l.sku)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "lines ordered by order id then sku");
    }
    let c1 = of_late.iter().find(|c| c.customer_id == "c1").unwrap();
    assert_eq!(c1.opened_at, day(7));
    assert_eq!(c1.lines.len(), 3, "o1 K1, o1 T1 and o4 K2");
    let o1k1 = &c1.lines[0];
    assert_eq!((o1k1.order_id.as_str(), o1k1.sku.as_str()), ("o1", "K1"));
    assert_eq!(o1k1.quantity, 2);
    assert_eq!(o1k1.value, Money::from_minor(9_998));
    assert!(o1k1.paid);
    assert_eq!(o1k1.promised_at, day(10));
    assert_eq!(o1k1.expected_at, Some(day(12)), "delays expect the ETA");
    assert!(c1.prepaid());
    let c2 = of_kettles.iter().find(|c| c.customer_id == "c2").unwrap();
    assert_eq!(c2.lines.len(), 1);
    assert!(!c2.lines[0].paid);
    assert_eq!(
        c2.lines[0].expected_at,
        Some(day(20)),
        "backorders expect the new date"
    );
}

/// Case states change only as [`CaseState::can_become`] allows, each change
/// recorded in an audit trail that reads oldest first.
pub fn case_states_follow_the_state_machine(store: &mut dyn Store) {
    Shop::sample().import(store);
    let d = store
        .create_disruption(&declared(
            DisruptionKind::Backorder,
            Scope {
                customers: strings(&["c2"]),
                ..Scope::default()
            },
        ))
        .unwrap();
    store.run_impact(d.id, day(6)).unwrap();
    let id = store.cases(Some(d.id)).unwrap()[0].id;
    let journey = [
        CaseState::Planned,
        CaseState::Contacted,
        CaseState::Escalated,
        CaseState::Resolved,
        CaseState::Closed,
    ];
    let mut current = CaseState::Detected;
    for (at, next) in (7..).zip(journey) {
        let events_before = store.case_events(id).unwrap();
        for &forbidden in CaseState::ALL.iter().filter(|s| !current.can_become(**s)) {
            let err = store
                .set_case_state(id, forbidden, day(at), "should not happen")
                .unwrap_err();
            assert!(
                matches!(err, StoreError::Invalid(_)),
                "{current} -> {forbidden}: {err}"
            );
        }
        assert_eq!(store.case(id).unwrap().unwrap().state, current);
        assert_eq!(
            store.case_events(id).unwrap(),
            events_before,
            "refusals leave no trace"
        );
        let detail = format!("moved to {next} by agent 7");
        store.set_case_state(id, next, day(at), &detail).unwrap();
        assert_eq!(store.case(id).unwrap().unwrap().state, next);
        let events = store.case_events(id).unwrap();
        assert_eq!(events.len(), events_before.len() + 1);
        let last = events.last().unwrap();
        assert_eq!(
            (last.case_id, last.at, last.kind.as_str()),
            (id, day(at), "state_changed")
        );
        assert!(last.detail.contains(&detail), "{}", last.detail);
        current = next;
    }
    let events = store.case_events(id).unwrap();
    let kinds: Vec<_> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds[0], "opened");
    assert_eq!(&kinds[kinds.len() - 5..], ["state_changed"; 5]);
    let times: Vec<_> = events.iter().map(|e| e.at).collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted, "oldest first");
    assert!(
        CaseState::ALL
            .iter()
            .all(|s| !CaseState::Closed.can_become(*s))
    );
}

pub use crate::contacts::{
    a_conversation_moves_an_untold_case_to_contacted, contact_tallies_match_the_pure_rules,
    contacts_are_kept_in_order_with_an_audit_event, mark_planned_moves_detected_cases_only,
};
pub use crate::oracle::impact_matches_the_pure_oracle;
