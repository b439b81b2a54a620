//! `forthright demo`: the whole path from a shop's data to the customers a
//! broken promise hurts, in a few seconds, on a fresh SQLite database (P1).

use super::disrupt::{outcome, print_impact};
use super::plan;
use anyhow::Context;
use clap::Args;
use forthright_core::{Channel, DisruptionKind, Money, NewDisruption, Origin, Scope};
use forthright_engine::{Composer, GoodwillPolicy, PlanConfig};
use forthright_import::{Kind, Options};
use forthright_store::Store;
use jiff::{SignedDuration, Timestamp};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `forthright demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of customers in the generated shop.
    #[arg(long, default_value_t = 2_000)]
    pub customers: u64,
    /// Number of orders in the generated shop.
    #[arg(long, default_value_t = 6_000)]
    pub orders: u64,
    /// Seed of the generated shop.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Keep the generated files and the database in this directory (default: a
    /// temporary directory, removed afterwards).
    #[arg(long)]
    pub keep: Option<PathBuf>,
}

/// The instant the demo shop lives in.
const TODAY: &str = "2026-11-23T08:00:00Z";

/// Runs `forthright demo`.
pub fn demo(args: DemoArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let temp;
    let dir = match &args.keep {
        Some(dir) => dir.clone(),
        None => {
            temp = tempfile::tempdir().context("creating a temporary directory")?;
            temp.path().to_path_buf()
        }
    };
    let today: Timestamp = TODAY.parse()?;
    let now = today + SignedDuration::from_hours(1);

    println!("== A shop");
    println!(
        "{}",
        super::generate::write_shop(&dir, args.customers, args.orders, args.seed, today)?
    );
    let db_path = dir.join("demo.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db_path.display()));
    }
    let url = format!("sqlite://{}", db_path.display());
    let mut store = super::store::open(&url)?;

    println!("\n== Import into a fresh SQLite database ({url})");
    for kind in [
        Kind::Customers,
        Kind::Products,
        Kind::Orders,
        Kind::Shipments,
    ] {
        import(
            store.as_mut(),
            kind,
            &dir.join(format!("{}.csv", kind.as_str())),
            now,
        )?;
    }

    println!("\n== The next stock feed: two best sellers sell out");
    import(
        store.as_mut(),
        Kind::Products,
        &dir.join("stock-update.csv"),
        now,
    )?;

    println!("\n== Declared by a person");
    let lamps = declare(
        store.as_mut(),
        NewDisruption {
            kind: DisruptionKind::Discontinued,
            scope: Scope {
                skus: vec!["LAM-001".into()],
                ..Scope::default()
            },
            reason: "the maker of this lamp closed its factory, so no more will be made".into(),
            new_date: None,
            amount: None,
            known_since: now,
            origin: Origin::Declared,
            detection_key: None,
        },
        now,
    )?;
    let desks = store.impact_candidates(&Scope {
        categories: vec!["desks".into()],
        ..Scope::default()
    })?;
    let mut overcharged: Vec<String> = desks.into_iter().map(|l| l.line.order_id).collect();
    overcharged.dedup();
    overcharged.truncate(25);
    let billing = declare(
        store.as_mut(),
        NewDisruption {
            kind: DisruptionKind::BillingError,
            scope: Scope { orders: overcharged, ..Scope::default() },
            reason: "our payment system charged the delivery fee twice on these orders after a software update".into(),
            new_date: Some(today + SignedDuration::from_hours(72)),
            amount: Some(Money::from_minor(12_50)),
            known_since: now,
            origin: Origin::Declared,
            detection_key: None,
        },
        now,
    )?;

    println!("\n== Every disruption and whom it hurts");
    println!(
        "{:>4} {:<13} {:<9} {:>9} {:>6} {:>12} {:>8}",
        "id", "kind", "origin", "customers", "lines", "at stake", "prepaid"
    );
    for d in store.disruptions()?.iter().rev() {
        let s = store.run_impact(d.id, now)?;
        let prepaid = s.cases.iter().filter(|c| c.prepaid).count();
        println!(
            "{:>4} {:<13} {:<9} {:>9} {:>6} {:>12} {:>8}",
            d.id,
            d.details.kind,
            d.details.origin,
            s.affected_customers,
            s.affected_lines,
            s.value_at_stake,
            prepaid
        );
    }

    println!("\n== Disruption {lamps} in detail");
    print_impact(&store.run_impact(lamps, now)?, false)?;

    // Who hears it first, when, and what the agent says (P2, P3, P8, P13).
    let first_backorder = store
        .disruptions()?
        .into_iter()
        .filter(|d| d.details.kind == DisruptionKind::Backorder)
        .map(|d| d.id)
        .min()
        .context("the stock feed opens a backorder")?;
    println!("\n== The outreach plan for disruption {first_backorder}");
    let config = PlanConfig::default();
    let loaded = plan::Loaded::read(store.as_mut(), first_backorder, now)?;
    let outreach = loaded.plan(&config, &GoodwillPolicy::builtin(), now);
    plan::save(store.as_mut(), &outreach)?;
    plan::print_plan(&outreach, &loaded, Some(8));
    if let Some(top) = outreach
        .plans
        .iter()
        .find(|p| p.channel.channel == Some(Channel::Phone))
    {
        let case = store
            .case(top.case_id)?
            .context("the planned case exists")?;
        let customer = &loaded.customers[&case.customer_id];
        println!(
            "\n== The call script for case {} ({}), checked against the playbook",
            case.id, customer.name
        );
        let message = plan::compose_case(
            store.as_mut(),
            &Composer::builtin()?,
            &case,
            customer,
            top,
            Channel::Phone,
            &config,
            now,
        )?;
        plan::print_message(&message, top);
    }
    let counts = store.counts()?;
    println!(
        "\n{} customers, {} products, {} order lines, {} shipments, {} disruptions, {} cases in {:.1} s",
        counts.customers,
        counts.products,
        counts.order_lines,
        counts.shipments,
        counts.disruptions,
        counts.cases,
        started.elapsed().as_secs_f64()
    );
    match &args.keep {
        Some(dir) => println!(
            "Kept in {}: try `forthright plan {billing} --database-url {url}`",
            dir.display()
        ),
        None => println!("Run with --keep DIR to keep the shop and the database."),
    }
    Ok(ExitCode::SUCCESS)
}

/// Imports one file, then detects and runs impact for what it reveals.
fn import(store: &mut dyn Store, kind: Kind, path: &Path, now: Timestamp) -> anyhow::Result<()> {
    let t = Instant::now();
    let imported =
        forthright_import::import_file(store, kind, path, &Options::default(), &mut |_| {})?;
    let found = forthright_import::detect_after(store, &imported, now)?;
    println!(
        "imported {:>6} {:<9} in {:>5} ms ({} new, {} updated, {} unchanged)",
        imported.stats.rows,
        kind.as_str(),
        t.elapsed().as_millis(),
        imported.stats.inserted,
        imported.stats.updated,
        imported.stats.unchanged
    );
    for (d, s) in found {
        println!(
            "  detected: {} {} disruption {}: {} customers, {} lines, {} at stake. Reason: {}",
            outcome(&d),
            d.disruption().details.kind,
            s.disruption,
            s.affected_customers,
            s.affected_lines,
            s.value_at_stake,
            d.disruption().details.reason
        );
    }
    Ok(())
}

/// Declares a disruption and runs its impact; returns its id.
fn declare(store: &mut dyn Store, new: NewDisruption, now: Timestamp) -> anyhow::Result<i64> {
    let d = store.create_disruption(&new)?;
    let s = store.run_impact(d.id, now)?;
    println!(
        "declared {} disruption {}: {} customers, {} lines, {} at stake. Reason: {}",
        new.kind, d.id, s.affected_customers, s.affected_lines, s.value_at_stake, new.reason
    );
    Ok(d.id)
}
