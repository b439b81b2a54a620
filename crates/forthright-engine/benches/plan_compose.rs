//! Planning and composition at scale: a disruption with N cases in a SQLite
//! store; load the planning input, plan, compose and check every message
//! (in parallel), and save the plans. Time per stage, for several case counts
//! and catalogue sizes.
//!
//! `cargo bench -p forthright-engine --bench plan_compose` (add `-- quick` for a small run).

use forthright_core::{
    Case, Channel, Customer, DisruptionKind, LineStatus, Money, NewDisruption, OrderLine, Origin,
    Product, ProductStatus, Scope, Tier,
};
use forthright_engine::compose::{ComposeInput, Composer};
use forthright_engine::goodwill::GoodwillPolicy;
use forthright_engine::{
    CaseInput, Catalogue, CustomerHistory, PlanConfig, PlanningInput, plan_disruption,
};
use forthright_store::Store;
use forthright_store_sqlite::SqliteStore;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const ZONES: &[&str] = &[
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Europe/Madrid",
];

fn setup(path: &str, cases: usize, catalogue: usize, now: Timestamp) -> (SqliteStore, i64) {
    let _ = std::fs::remove_file(path);
    let mut store = SqliteStore::open(&format!("sqlite://{path}")).expect("open store");
    let day = |d: i64| now.checked_add(SignedDuration::from_hours(24 * d)).unwrap();
    {
        let mut tx = store.begin_import().expect("import");
        for i in 0..catalogue {
            // Ten categories; the disrupted product's category holds a tenth of the catalogue.
            tx.put_product(&Product {
                sku: format!("P{i:06}"),
                name: format!("Product {i}"),
                category: format!("cat{}", i % 10),
                price: Money::from_minor(2_000 + (i as i64 % 50) * 100),
                stock: if i == 0 { 0 } else { (i as i64 * 7) % 40 },
                features: (0..6).map(|f| format!("f{}", (i + f * 3) % 17)).collect(),
                status: ProductStatus::Active,
            })
            .unwrap();
        }
        for i in 0..cases {
            tx.put_customer(&Customer {
                id: format!("C{i:07}"),
                name: format!("Customer {i}"),
                email: Some(format!("c{i}@example.com")),
                phone: (i % 11 != 0).then(|| "+1 555 0100".into()),
                timezone: ZONES[i % ZONES.len()].into(),
                preferred_channel: match i % 13 {
                    0 => Some(Channel::Sms),
                    1 => Some(Channel::Email),
                    _ => None,
                },
                tier: Tier::ALL[i % 4],
                do_not_contact: i % 97 == 0,
            })
            .unwrap();
            let line = |sku: String, q: i64| OrderLine {
                order_id: format!("O{i:07}"),
                customer_id: format!("C{i:07}"),
                sku,
                quantity: q,
                unit_price: Money::from_minor(4_900),
                placed_at: day(-5),
                promised_at: day(2),
                paid: i % 3 != 0,
                status: LineStatus::Open,
            };
            tx.put_order_line(&line("P000000".into(), 1 + (i as i64 % 3)))
                .unwrap();
            if i % 4 == 0 {
                tx.put_order_line(&line(format!("P{:06}", 10 + (i % 20) * 10), 1))
                    .unwrap();
            }
        }
        tx.commit().expect("commit");
    }
    let d = store
        .create_disruption(&NewDisruption {
            kind: DisruptionKind::Backorder,
            scope: Scope {
                skus: vec!["P000000".into()],
                ..Scope::default()
            },
            reason: "the factory that makes it closed for two weeks after a flood".into(),
            new_date: Some(day(14)),
            amount: None,
            known_since: now,
            origin: Origin::Declared,
            detection_key: None,
        })
        .expect("disruption");
    store.run_impact(d.id, now).expect("impact");
    (store, d.id)
}

struct Stages {
    load: Duration,
    plan: Duration,
    compose: Duration,
    save: Duration,
    check: Duration,
    messages: usize,
    ready: usize,
}

fn run(
    store: &mut SqliteStore,
    id: i64,
    composer: &Composer,
    cfg: &PlanConfig,
    now: Timestamp,
) -> Stages {
    let t = Instant::now();
    let disruption = store.disruption(id).unwrap().unwrap();
    let cases: Vec<Case> = store.cases(Some(id)).unwrap();
    let ids: Vec<String> = cases.iter().map(|c| c.customer_id.clone()).collect();
    let customers: HashMap<String, Customer> = store
        .customers_by_id(&ids)
        .unwrap()
        .into_iter()
        .map(|c| (c.id.clone(), c))
        .collect();
    let mut skus: Vec<String> = cases
        .iter()
        .flat_map(|c| c.lines.iter().map(|l| l.sku.clone()))
        .collect();
    skus.sort();
    skus.dedup();
    let catalogue = Catalogue::new(store.products_related(&skus).unwrap());
    let repeats = store
        .recent_disruption_counts(
            id,
            now.checked_sub(SignedDuration::from_hours(24 * 180))
                .unwrap(),
        )
        .unwrap();
    let load = t.elapsed();

    let t = Instant::now();
    let inputs: Vec<CaseInput<'_>> = cases
        .iter()
        .map(|case| CaseInput {
            case,
            customer: &customers[&case.customer_id],
            history: CustomerHistory {
                disruptions_last_180_days: repeats.get(&case.customer_id).copied().unwrap_or(0),
                ..CustomerHistory::default()
            },
        })
        .collect();
    let goodwill = GoodwillPolicy::builtin();
    let plan = plan_disruption(&PlanningInput {
        disruption: &disruption,
        cases: &inputs,
        catalogue: &catalogue,
        config: cfg,
        goodwill: &goodwill,
        now,
    });
    let plan_time = t.elapsed();

    let t = Instant::now();
    let by_case: HashMap<i64, &CaseInput<'_>> = inputs.iter().map(|i| (i.case.id, i)).collect();
    let compose_inputs: Vec<ComposeInput<'_>> = plan
        .plans
        .iter()
        .map(|p| {
            let i = by_case[&p.case_id];
            ComposeInput {
                plan: p,
                case: i.case,
                customer: i.customer,
                disruption: &disruption,
                catalogue: &catalogue,
                config: cfg,
                now,
            }
        })
        .collect();
    let messages = composer.compose_all(&compose_inputs);
    let compose = t.elapsed();
    let ready = messages
        .iter()
        .filter(|m| m.as_ref().is_ok_and(|m| m.ready))
        .count();
    // The checker's share: check the same texts again, in parallel.
    let t = Instant::now();
    {
        use rayon::prelude::*;
        let texts: Vec<(&str, Channel)> = messages
            .iter()
            .flatten()
            .map(|m| (m.body.as_str(), m.channel))
            .collect();
        let found: usize = texts
            .par_iter()
            .map(|(text, _)| {
                composer
                    .checker()
                    .check(text, &forthright_check::Options::default())
                    .len()
            })
            .sum();
        std::hint::black_box(found);
    }
    let check = t.elapsed();

    let t = Instant::now();
    let stored: Vec<forthright_store::StoredPlan> = plan
        .plans
        .iter()
        .map(|p| forthright_store::StoredPlan {
            case_id: p.case_id,
            disruption_id: p.disruption_id,
            rank: p.rank as i64,
            score: p.priority.score,
            channel: p.channel.channel,
            contact_at: p.contact_at,
            planned_at: now,
            body: serde_json::to_string(p).unwrap(),
        })
        .collect();
    store.save_plans(&stored).unwrap();
    let save = t.elapsed();
    Stages {
        load,
        plan: plan_time,
        compose,
        save,
        check,
        messages: messages.len(),
        ready,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let now: Timestamp = "2026-11-23T07:00:00Z".parse().unwrap();
    let composer = Composer::builtin().expect("templates");
    let mut cfg = PlanConfig::default();
    cfg.capacity.agents = 40;
    cfg.company.timezone = "Europe/Berlin".into();
    let runs: &[(usize, usize)] = if quick {
        &[(2_000, 1_000)]
    } else {
        &[
            (10_000, 1_000),
            (25_000, 1_000),
            (50_000, 1_000),
            (50_000, 100),
            (50_000, 10_000),
        ]
    };
    println!("threads: {}", rayon::current_num_threads());
    println!(
        "| cases | catalogue | load ms | plan ms | compose+check ms (of which check) | load+plan+compose+check ms | save ms | total ms | messages | ready |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let path = std::env::temp_dir().join(format!("forthright-bench-{}.db", std::process::id()));
    let path = path.to_string_lossy().to_string();
    for &(cases, catalogue) in runs {
        let (mut store, id) = setup(&path, cases, catalogue, now);
        // One warm-up run (page cache, allocator), then the best of three.
        let _ = run(&mut store, id, &composer, &cfg, now);
        let best = (0..3)
            .map(|_| run(&mut store, id, &composer, &cfg, now))
            .min_by_key(|s| s.load + s.plan + s.compose)
            .unwrap();
        let core = best.load + best.plan + best.compose;
        println!(
            "| {cases} | {catalogue} | {} | {} | {} ({}) | {} | {} | {} | {} | {} |",
            ms(best.load),
            ms(best.plan),
            ms(best.compose),
            ms(best.check),
            ms(core),
            ms(best.save),
            ms(core + best.save),
            best.messages,
            best.ready
        );
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
    }
}
