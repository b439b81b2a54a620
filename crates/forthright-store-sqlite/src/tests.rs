//! Backend-specific tests: URLs, migrations, SQL-side filtering and upsert
//! accounting. Behaviour shared with PostgreSQL lives in forthright-store-suite.

use super::*;
use forthright_core::{Channel, DisruptionKind, LineStatus, Origin, ProductStatus, Shipment, Tier};
use forthright_store::{Detected, ImportStats};

fn ts(day: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + day * 86_400).unwrap()
}

fn customer(id: &str) -> Customer {
    Customer {
        id: id.into(),
        name: format!("Customer {id}"),
        email: Some(format!("{id}@example.com")),
        phone: None,
        timezone: "Europe/Berlin".into(),
        preferred_channel: Some(Channel::Phone),
        tier: Tier::Gold,
        do_not_contact: false,
    }
}

fn product(sku: &str, category: &str, stock: i64) -> Product {
    Product {
        sku: sku.into(),
        name: format!("Product {sku}"),
        category: category.into(),
        price: Money::from_minor(1_999),
        stock,
        features: vec!["steel".into(), "1.7 l".into()],
        status: ProductStatus::Active,
    }
}

fn line(order: &str, customer: &str, sku: &str, status: LineStatus) -> OrderLine {
    OrderLine {
        order_id: order.into(),
        customer_id: customer.into(),
        sku: sku.into(),
        quantity: 2,
        unit_price: Money::from_minor(1_000),
        placed_at: ts(0),
        promised_at: ts(10),
        paid: customer == "c1",
        status,
    }
}

/// A small shop: 3 customers, 3 products in 2 categories, 6 lines, 2 shipments.
fn shop() -> SqliteStore {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let mut tx = store.begin_import().unwrap();
    for c in ["c1", "c2", "c3"] {
        tx.put_customer(&customer(c)).unwrap();
    }
    tx.put_product(&product("K1", "kettles", 0)).unwrap();
    tx.put_product(&product("K2", "kettles", 5)).unwrap();
    tx.put_product(&product("T1", "toasters", 5)).unwrap();
    for l in [
        line("o1", "c1", "K1", LineStatus::Open),
        line("o1", "c1", "T1", LineStatus::Open),
        line("o2", "c2", "K1", LineStatus::Open),
        line("o3", "c2", "K2", LineStatus::Shipped),
        line("o4", "c3", "K2", LineStatus::Open),
        line("o5", "c3", "T1", LineStatus::Cancelled),
    ] {
        tx.put_order_line(&l).unwrap();
    }
    for (order, carrier, day) in [("o1", "DHL", 12), ("o4", "UPS", 9)] {
        tx.put_shipment(&Shipment {
            order_id: order.into(),
            carrier: carrier.into(),
            eta: ts(day),
            reason: "storm".into(),
        })
        .unwrap();
    }
    tx.commit().unwrap();
    store
}

#[test]
fn urls_name_files_or_memory() {
    let file = |p: &str| Ok(Location::File(PathBuf::from(p)));
    assert_eq!(
        Location::parse("sqlite://forthright.db"),
        file("forthright.db")
    );
    assert_eq!(Location::parse("sqlite:relative.db"), file("relative.db"));
    assert_eq!(Location::parse("sqlite:///tmp/abs.db"), file("/tmp/abs.db"));
    assert_eq!(Location::parse("sqlite://x.db?mode=rwc"), file("x.db"));
    assert_eq!(Location::parse("plain.db"), file("plain.db"));
    assert_eq!(Location::parse("sqlite::memory:"), Ok(Location::Memory));
    assert!(Location::parse("postgres://localhost/x").is_err());
    assert!(Location::parse("sqlite://").is_err());
}

#[test]
fn open_creates_the_file_in_wal_mode_and_migrates_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.db");
    let url = format!("sqlite://{}", path.display());
    let store = SqliteStore::open(&url).unwrap();
    assert!(path.exists());
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let mode: String = store
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    // Opening again runs nothing twice.
    let store = SqliteStore::open(&url).unwrap();
    let applied: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applied, MIGRATIONS.len() as i64);
}

#[test]
fn migration_5_leaves_one_opened_event_per_case() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let mut store = SqliteStore::open(&url).unwrap();
    let mut tx = store.begin_import().unwrap();
    tx.put_customer(&customer("c1")).unwrap();
    tx.put_product(&product("K1", "kettles", 0)).unwrap();
    tx.put_order_line(&line("o1", "c1", "K1", LineStatus::Open))
        .unwrap();
    tx.commit().unwrap();
    let d = store
        .create_disruption(&declared(Scope {
            skus: vec!["K1".into()],
            ..Scope::default()
        }))
        .unwrap();
    store.run_impact(d.id, ts(6)).unwrap();
    let id = store.cases(Some(d.id)).unwrap()[0].id;
    // What versions before 5 wrote with the case: a stored `opened` event.
    store
        .connection()
        .execute(
            "INSERT INTO case_events (case_id, at, kind, detail)
             VALUES (?1, ?2, 'opened', 'impact analysis of disruption 1 found 1 affected line(s) in 1 order(s)')",
            params![id, ts(6).as_second()],
        )
        .unwrap();
    store
        .set_case_state(id, CaseState::Planned, ts(7), "planned")
        .unwrap();
    store
        .connection()
        .execute("DELETE FROM schema_migrations WHERE version = 5", [])
        .unwrap();
    drop(store);
    let mut store = SqliteStore::open(&url).unwrap();
    let events = store.case_events(id).unwrap();
    let kinds: Vec<_> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["opened", "state_changed"]);
    assert_eq!(events[0].at, ts(6));
    let stored: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM case_events WHERE kind = 'opened'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0);
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("new.db").display());
    let store = SqliteStore::open(&url).unwrap();
    store
        .connection()
        .execute(
            "INSERT INTO schema_migrations VALUES (?1, 'future', 0)",
            [LATEST_VERSION + 1],
        )
        .unwrap();
    drop(store);
    let err = SqliteStore::open(&url).unwrap_err().to_string();
    assert!(err.contains("newer"), "{err}");
}

#[test]
fn a_missing_directory_is_an_open_error_naming_the_url() {
    let err = SqliteStore::open("sqlite:///nonexistent-dir-forthright/x.db")
        .unwrap_err()
        .to_string();
    assert!(err.contains("/nonexistent-dir-forthright/x.db"), "{err}");
}

#[test]
fn upserts_count_inserted_updated_and_unchanged() {
    let mut store = shop();
    let mut tx = store.begin_import().unwrap();
    tx.put_customer(&customer("c1")).unwrap();
    let mut changed = customer("c2");
    changed.phone = Some("+49 30 1234567".into());
    tx.put_customer(&changed).unwrap();
    tx.put_customer(&customer("c4")).unwrap();
    let stats = tx.commit().unwrap();
    assert_eq!(
        stats,
        ImportStats {
            rows: 3,
            inserted: 1,
            updated: 1,
            unchanged: 1
        }
    );
    assert_eq!(store.customer("c2").unwrap(), Some(changed));
    assert_eq!(store.customer("c4").unwrap(), Some(customer("c4")));
    assert_eq!(
        store.product("K1").unwrap(),
        Some(product("K1", "kettles", 0))
    );
}

#[test]
fn reimporting_identical_rows_changes_nothing() {
    let mut store = shop();
    let mut tx = store.begin_import().unwrap();
    tx.put_order_line(&line("o1", "c1", "K1", LineStatus::Open))
        .unwrap();
    tx.put_product(&product("K2", "kettles", 5)).unwrap();
    let stats = tx.commit().unwrap();
    assert_eq!((stats.rows, stats.unchanged), (2, 2));
}

#[test]
fn dropping_an_import_rolls_everything_back() {
    let mut store = shop();
    let before = store.counts().unwrap();
    {
        let mut tx = store.begin_import().unwrap();
        tx.put_customer(&customer("c9")).unwrap();
        tx.put_order_line(&line("o9", "c9", "K1", LineStatus::Open))
            .unwrap();
    }
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(store.customer("c9").unwrap(), None);
    // The connection is usable again afterwards.
    let tx = store.begin_import().unwrap();
    tx.commit().unwrap();
}

#[test]
fn known_keys_are_the_stored_keys() {
    let mut store = shop();
    let orders = store.known_keys(KeyKind::Orders).unwrap();
    assert_eq!(orders.len(), 5);
    assert!(orders.contains("o5"));
    assert_eq!(store.known_keys(KeyKind::Skus).unwrap().len(), 3);
    assert_eq!(store.known_keys(KeyKind::Customers).unwrap().len(), 3);
}

fn candidates(store: &mut SqliteStore, scope: &Scope) -> Vec<(String, String)> {
    let mut found: Vec<_> = store
        .impact_candidates(scope)
        .unwrap()
        .into_iter()
        .inspect(|l| assert!(scope.matches(l), "{l:?} is outside {scope:?}"))
        .map(|l| (l.line.order_id, l.line.sku))
        .collect();
    found.sort();
    found
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(o, s)| (o.to_string(), s.to_string()))
        .collect()
}

#[test]
fn candidates_are_filtered_in_sql_by_every_dimension() {
    let mut store = shop();
    let scope = |f: fn(&mut Scope)| {
        let mut s = Scope::default();
        f(&mut s);
        s
    };
    let by_sku = scope(|s| s.skus = vec!["K1".into()]);
    assert_eq!(
        candidates(&mut store, &by_sku),
        pairs(&[("o1", "K1"), ("o2", "K1")])
    );
    let by_category = scope(|s| s.categories = vec!["kettles".into()]);
    assert_eq!(
        candidates(&mut store, &by_category),
        pairs(&[("o1", "K1"), ("o2", "K1"), ("o4", "K2")]),
        "the shipped line is not a candidate"
    );
    let by_carrier = scope(|s| s.carriers = vec!["DHL".into()]);
    assert_eq!(
        candidates(&mut store, &by_carrier),
        pairs(&[("o1", "K1"), ("o1", "T1")])
    );
    let by_customer_and_sku = scope(|s| {
        s.customers = vec!["c2".into(), "c3".into()];
        s.skus = vec!["K1".into(), "K2".into()];
    });
    assert_eq!(
        candidates(&mut store, &by_customer_and_sku),
        pairs(&[("o2", "K1"), ("o4", "K2")])
    );
    let by_order = scope(|s| s.orders = vec!["o4".into(), "o5".into()]);
    assert_eq!(candidates(&mut store, &by_order), pairs(&[("o4", "K2")]));
    assert!(candidates(&mut store, &Scope::default()).is_empty());
    let lines = store.impact_candidates(&by_carrier).unwrap();
    assert_eq!(lines[0].carrier.as_deref(), Some("DHL"));
    assert_eq!(lines[0].eta, Some(ts(12)));
    assert_eq!(lines[0].category, "kettles");
}

fn declared(scope: Scope) -> NewDisruption {
    NewDisruption {
        kind: DisruptionKind::Backorder,
        scope,
        reason: "our supplier's plant flooded".into(),
        new_date: Some(ts(20)),
        amount: None,
        known_since: ts(5),
        origin: Origin::Declared,
        detection_key: None,
    }
}

#[test]
fn impact_is_idempotent_and_late_lines_join_the_existing_case() {
    let mut store = shop();
    let d = store
        .create_disruption(&declared(Scope {
            skus: vec!["K1".into()],
            ..Scope::default()
        }))
        .unwrap();
    let first = store.run_impact(d.id, ts(6)).unwrap();
    assert_eq!((first.affected_lines, first.affected_customers), (2, 2));
    let again = store.run_impact(d.id, ts(7)).unwrap();
    assert_eq!(again, first);
    // A new open line for K1 from c1 joins c1's case.
    let mut tx = store.begin_import().unwrap();
    tx.put_order_line(&line("o7", "c1", "K1", LineStatus::Open))
        .unwrap();
    tx.commit().unwrap();
    let later = store.run_impact(d.id, ts(8)).unwrap();
    assert_eq!((later.affected_lines, later.affected_customers), (3, 2));
    let case = &store.cases(Some(d.id)).unwrap()[0];
    assert_eq!(case.customer_id, "c1");
    assert_eq!(case.order_ids(), ["o1", "o7"]);
    let kinds: Vec<_> = store
        .case_events(case.id)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["opened", "line_added"]);
}

#[test]
fn case_states_follow_the_machine_and_leave_a_trail() {
    let mut store = shop();
    let d = store
        .create_disruption(&declared(Scope {
            skus: vec!["K1".into()],
            ..Scope::default()
        }))
        .unwrap();
    store.run_impact(d.id, ts(6)).unwrap();
    let id = store.cases(None).unwrap()[0].id;
    store
        .set_case_state(
            id,
            CaseState::Contacted,
            ts(7),
            "called, customer chose to wait",
        )
        .unwrap();
    let err = store
        .set_case_state(id, CaseState::Detected, ts(7), "")
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert!(matches!(
        store.set_case_state(999, CaseState::Planned, ts(7), ""),
        Err(StoreError::NotFound { .. })
    ));
    let events = store.case_events(id).unwrap();
    assert_eq!(events.last().unwrap().kind, "state_changed");
    assert!(events.last().unwrap().detail.contains("chose to wait"));
    assert_eq!(store.case(id).unwrap().unwrap().state, CaseState::Contacted);
}

#[test]
fn detection_finds_stock_outs_and_late_etas_once() {
    let mut store = shop();
    let found = store.detect(None, ts(9)).unwrap();
    let keys: Vec<_> = found
        .iter()
        .map(|d| d.disruption().details.detection_key.clone().unwrap())
        .collect();
    assert_eq!(keys, ["backorder:K1", "delay:DHL:storm"]);
    assert!(found.iter().all(|d| matches!(d, Detected::Opened(_))));
    let again = store.detect(None, ts(10)).unwrap();
    assert!(again.iter().all(|d| matches!(d, Detected::Unchanged(_))));
    assert_eq!(store.disruptions().unwrap().len(), 2);
    // Narrowed to other SKUs, the stock-out is not looked at.
    let narrowed = store.detect(Some(&["K2".to_string()]), ts(10)).unwrap();
    assert_eq!(narrowed.len(), 1);
}

#[test]
fn one_open_disruption_per_detection_key() {
    let mut store = shop();
    let mut d = declared(Scope {
        skus: vec!["K1".into()],
        ..Scope::default()
    });
    d.origin = Origin::Detected;
    d.detection_key = Some("backorder:K1".into());
    let first = store.create_disruption(&d).unwrap();
    assert!(matches!(
        store.create_disruption(&d),
        Err(StoreError::Invalid(_))
    ));
    store
        .set_disruption_state(first.id, DisruptionState::Resolved)
        .unwrap();
    let second = store.create_disruption(&d).unwrap();
    assert_ne!(first.id, second.id);
    assert_eq!(
        store
            .open_disruption_by_key("backorder:K1")
            .unwrap()
            .unwrap()
            .id,
        second.id
    );
    assert_eq!(store.disruption(first.id).unwrap().unwrap().details, d);
}

#[test]
fn large_scopes_bind_as_one_parameter() {
    let mut store = shop();
    let many: Vec<String> = (0..100_000).map(|i| format!("o{i}")).collect();
    let scope = Scope {
        orders: many,
        ..Scope::default()
    };
    assert_eq!(store.impact_candidates(&scope).unwrap().len(), 4);
}

#[test]
fn candidate_queries_use_indexes() {
    let store = shop();
    for (scope, index) in [
        (
            Scope {
                skus: vec!["K1".into()],
                ..Scope::default()
            },
            "COVERING INDEX order_lines_open_by_sku",
        ),
        (
            Scope {
                customers: vec!["c1".into()],
                ..Scope::default()
            },
            "order_lines_customer",
        ),
        (
            Scope {
                carriers: vec!["DHL".into()],
                ..Scope::default()
            },
            "shipments_carrier",
        ),
        (
            Scope {
                categories: vec!["kettles".into()],
                ..Scope::default()
            },
            "COVERING INDEX order_lines_open_by_sku",
        ),
    ] {
        // With every join (impact_candidates) and with only those the scope
        // needs (impact_candidates_for a backorder).
        for (with_category, with_shipment) in [(true, true), (false, false)] {
            let (sql, params) = candidates_query(&scope, with_category, with_shipment);
            let mut stmt = store
                .connection()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(params), |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let plan = plan.join("\n");
            assert!(
                plan.contains(index),
                "{scope:?} should use {index}:\n{plan}"
            );
            assert!(
                !plan.contains("SCAN ol"),
                "{scope:?} scans order lines:\n{plan}"
            );
            if !with_category && !with_shipment && !scope.skus.is_empty() {
                assert!(
                    !sql.contains("JOIN"),
                    "a backorder by SKU joins nothing: {sql}"
                );
            }
        }
    }
}
