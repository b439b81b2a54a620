//! Impact analysis at scale, on SQLite and PostgreSQL: the issue's target is
//! "impact for the 50,000 lines under 1 second" on 1,000,000 order lines and
//! 200,000 customers (P1: know within seconds whom a promise-break hurts).
//!
//! For each size, a deterministic shop (lines / 5 customers, 1,010 products,
//! one order per two lines, an ETA for a third of the orders) is imported
//! through the store's own `ImportTx`; a SKU set touches exactly 50,000 open
//! lines (plus shipped lines of the same SKUs that must stay out). Then a
//! declared backorder over that SKU set runs `run_impact` twice: the first run
//! opens every case, the rerun must change nothing.
//!
//! ```text
//! cargo bench -p forthright-store-suite                             # 100k and 300k lines
//! FORTHRIGHT_BENCH_FULL=1 cargo bench -p forthright-store-suite     # and 1M lines
//! FORTHRIGHT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test ...  # PostgreSQL too
//! ```
//!
//! Diagnostics: `FORTHRIGHT_BENCH_LINES=N` (a multiple of 100,000) runs one
//! size only; `FORTHRIGHT_BENCH_PARTS=1` times the steps of the first run
//! (candidates, grouping, apply, reading cases back, summary);
//! `FORTHRIGHT_BENCH_KEEP=1` leaves the PostgreSQL schema for `EXPLAIN`.

use forthright_core::{
    Case, CaseState, Customer, DisruptionKind, LineStatus, Money, NewDisruption, OrderLine, Origin,
    Product, ProductStatus, Scope, Shipment, Tier,
};
use forthright_store::Store;
use forthright_store_postgres::PostgresStore;
use forthright_store_sqlite::SqliteStore;
use jiff::Timestamp;
use std::time::{Duration, Instant};

/// Open lines every size's disruption touches.
const AFFECTED: u64 = 50_000;
/// SKUs of the disrupted set.
const HOT_SKUS: u64 = 10;
/// Other SKUs.
const SKUS: u64 = 1_000;

fn day(n: i64) -> Timestamp {
    Timestamp::from_second(1_740_787_200 + n * 86_400).unwrap()
}

/// A small deterministic mixer (SplitMix64), so every run builds the same shop.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Line `j` of a shop of `n` lines. Lines come in pairs per order; every
/// `n / AFFECTED`-th line (always the first of a pair) is an open line of a hot SKU.
fn order_line(j: u64, n: u64, customers: u64) -> OrderLine {
    let order = j / 2;
    let step = n / AFFECTED;
    let r = mix(j);
    let (sku, status) = if j.is_multiple_of(step) {
        (format!("HOT-{}", order % HOT_SKUS), LineStatus::Open)
    } else if j % 2 == 1 && order.is_multiple_of(97) {
        // A hot SKU already shipped: in the SKU set, but not affected.
        (
            format!("HOT-{}", (order + 1) % HOT_SKUS),
            LineStatus::Shipped,
        )
    } else {
        let half = SKUS / 2;
        let sku = (j % 2) * half + r % half;
        let status = match (r >> 32) % 10 {
            0..=6 => LineStatus::Open,
            7 => LineStatus::Shipped,
            8 => LineStatus::Delivered,
            _ => LineStatus::Cancelled,
        };
        (format!("SKU-{sku:04}"), status)
    };
    OrderLine {
        order_id: format!("O{order:08}"),
        customer_id: format!("C{:07}", mix(order) % customers),
        sku,
        quantity: 1 + (r >> 40) as i64 % 3,
        unit_price: Money::from_minor(500 + (r >> 20) as i64 % 20_000),
        placed_at: day(0),
        promised_at: day(10 + (r >> 50) as i64 % 5),
        paid: !r.is_multiple_of(3),
        status,
    }
}

/// Imports the shop of `n` lines; returns the time it took.
fn build(store: &mut dyn Store, n: u64) -> Duration {
    let customers = n / 5;
    let start = Instant::now();
    let mut tx = store.begin_import().unwrap();
    for i in 0..customers {
        tx.put_customer(&Customer {
            id: format!("C{i:07}"),
            name: format!("Customer {i}"),
            email: Some(format!("c{i}@example.com")),
            phone: None,
            timezone: "Europe/Berlin".into(),
            preferred_channel: None,
            tier: Tier::ALL[(i % 4) as usize],
            do_not_contact: false,
        })
        .unwrap();
    }
    let products = (0..HOT_SKUS)
        .map(|i| (format!("HOT-{i}"), "hot"))
        .chain((0..SKUS).map(|i| (format!("SKU-{i:04}"), "general")));
    for (sku, category) in products {
        tx.put_product(&Product {
            name: format!("Product {sku}"),
            sku,
            category: category.into(),
            price: Money::from_minor(1_999),
            stock: 10,
            features: vec!["steel".into()],
            status: ProductStatus::Active,
        })
        .unwrap();
    }
    for j in 0..n {
        tx.put_order_line(&order_line(j, n, customers)).unwrap();
    }
    for order in (0..n / 2).step_by(3) {
        tx.put_shipment(&Shipment {
            order_id: format!("O{order:08}"),
            carrier: ["DHL", "UPS", "GLS"][(order % 3) as usize].into(),
            eta: day(12),
            reason: "weather".into(),
        })
        .unwrap();
    }
    let stats = tx.commit().unwrap();
    assert_eq!(
        stats.inserted,
        customers + HOT_SKUS + SKUS + n + (n / 2).div_ceil(3)
    );
    start.elapsed()
}

/// Times the first impact run and the idempotent rerun.
fn impact(store: &mut dyn Store) -> (Duration, Duration, usize) {
    let d = store
        .create_disruption(&NewDisruption {
            kind: DisruptionKind::Backorder,
            scope: Scope {
                skus: (0..HOT_SKUS).map(|i| format!("HOT-{i}")).collect(),
                ..Scope::default()
            },
            reason: "our supplier's plant flooded".into(),
            new_date: Some(day(30)),
            amount: None,
            known_since: day(5),
            origin: Origin::Declared,
            detection_key: None,
        })
        .unwrap();
    let start = Instant::now();
    let first = if std::env::var("FORTHRIGHT_BENCH_PARTS").is_ok() {
        // The steps of `Store::run_impact`, timed one by one.
        let mut t = Instant::now();
        let mut lap = |what: &str| {
            eprint!("{what} {:.0} ms, ", t.elapsed().as_secs_f64() * 1e3);
            t = Instant::now();
        };
        // The same calls as `run_impact` on a disruption without cases: the
        // cases are read before writing (none yet), and afterwards built from
        // the drafts and the ids `apply_impact` returns, not read back.
        let d = store.disruption(d.id).unwrap().unwrap();
        let c = store.impact_candidates_for(&d.details).unwrap();
        lap("candidates");
        let drafts = forthright_core::impact::group_into_cases(&d.details, c);
        lap("group");
        assert!(store.cases(Some(d.id)).unwrap().is_empty());
        lap("cases before");
        let applied = store.apply_impact(d.id, &drafts, day(6)).unwrap();
        lap("apply");
        let ids: std::collections::HashMap<_, _> = applied.opened.into_iter().collect();
        let mut cases: Vec<Case> = drafts
            .into_iter()
            .map(|draft| Case {
                id: ids[&draft.customer_id],
                disruption_id: d.id,
                customer_id: draft.customer_id,
                state: CaseState::Detected,
                lines: draft.lines,
                opened_at: day(6),
            })
            .collect();
        cases.sort_by_key(|c| c.id);
        let summary = forthright_core::impact::ImpactSummary::of(d.id, &cases);
        lap("summary");
        eprintln!();
        summary
    } else {
        store.run_impact(d.id, day(6)).unwrap()
    };
    let first_time = start.elapsed();
    assert_eq!(first.affected_lines as u64, AFFECTED);
    let start = Instant::now();
    let again = store.run_impact(d.id, day(7)).unwrap();
    let rerun_time = start.elapsed();
    assert_eq!(again, first, "the rerun changes nothing");
    (first_time, rerun_time, first.affected_customers)
}

fn report(
    backend: &str,
    n: u64,
    import: Duration,
    (first, rerun, customers): (Duration, Duration, usize),
) {
    println!(
        "| {backend} | {n} | {customers} | {:.2} s | {:.0} ms | {:.0} ms |",
        import.as_secs_f64(),
        first.as_secs_f64() * 1e3,
        rerun.as_secs_f64() * 1e3,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; this harness takes no other arguments.
    let full = std::env::var("FORTHRIGHT_BENCH_FULL").is_ok_and(|v| v == "1");
    let pg_url = std::env::var("FORTHRIGHT_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.trim().is_empty());
    if pg_url.is_none() {
        eprintln!("skipping PostgreSQL: FORTHRIGHT_TEST_POSTGRES_URL not set");
    }
    if !full {
        eprintln!("skipping 1,000,000 lines: set FORTHRIGHT_BENCH_FULL=1");
    }
    // The machine may be shared: say how busy it was, next to the figures.
    let load = || std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    eprintln!("load average before: {}", load().trim());
    let mut sizes = vec![100_000, 300_000];
    if let Some(n) = std::env::var("FORTHRIGHT_BENCH_LINES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|n| n % 100_000 == 0 && *n > 0)
    {
        sizes = vec![n];
    }
    if full {
        sizes.push(1_000_000);
    }
    println!(
        "| backend | order lines | customers affected | import | impact, first run | impact, rerun |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for &n in &sizes {
        {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            let mut store = SqliteStore::open(&url).unwrap();
            let import = build(&mut store, n);
            report("SQLite", n, import, impact(&mut store));
        }
        if let Some(url) = &pg_url {
            let schema = format!("ft_bench_{}_{n}", std::process::id());
            {
                let mut store = PostgresStore::connect_in_schema(url, &schema).unwrap();
                let import = build(&mut store, n);
                report("PostgreSQL", n, import, impact(&mut store));
            }
            if std::env::var("FORTHRIGHT_BENCH_KEEP").is_ok() {
                eprintln!("kept schema {schema}");
                continue;
            }
            let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
            client
                .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
                .unwrap();
        }
    }
    eprintln!("load average after: {}", load().trim());
}
