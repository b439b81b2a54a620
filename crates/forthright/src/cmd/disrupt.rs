//! `disrupt`, `detect`, `impact`, `disruptions`, `cases`: from a broken promise
//! to every affected customer, at once (P1).

use super::store::{DbArgs, clock, open};
use anyhow::Context;
use clap::Args;
use forthright_core::impact::ImpactSummary;
use forthright_core::{Disruption, DisruptionKind, Money, NewDisruption, Origin, Scope};
use forthright_store::{Detected, Store};
use std::process::ExitCode;

/// Arguments of `forthright disrupt`.
#[derive(Debug, Args)]
pub struct DisruptArgs {
    /// What kind of promise broke.
    #[arg(long, value_parser = parse_kind)]
    pub kind: DisruptionKind,
    /// Products affected (repeatable).
    #[arg(long = "sku")]
    pub skus: Vec<String>,
    /// Orders affected (repeatable).
    #[arg(long = "order")]
    pub orders: Vec<String>,
    /// Customers affected (repeatable).
    #[arg(long = "customer")]
    pub customers: Vec<String>,
    /// Product categories affected (repeatable).
    #[arg(long = "category")]
    pub categories: Vec<String>,
    /// Carriers affected (repeatable).
    #[arg(long = "carrier")]
    pub carriers: Vec<String>,
    /// The honest cause and business reason, in words a customer can hear (P5).
    #[arg(long)]
    pub reason: String,
    /// The new date, if known: a date (2026-12-05) or an RFC 3339 timestamp (P5).
    #[arg(long, value_parser = parse_when)]
    pub until: Option<jiff::Timestamp>,
    /// The amount involved (billing errors, price changes), e.g. 12.50.
    #[arg(long, value_parser = parse_money)]
    pub amount: Option<Money>,
    /// Only record the disruption; do not run impact analysis now.
    #[arg(long)]
    pub no_impact: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Arguments of commands that take a disruption id.
#[derive(Debug, Args)]
pub struct ImpactArgs {
    /// The disruption's id.
    pub disruption: i64,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Arguments of listing commands.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only the cases of this disruption (for `cases`).
    #[arg(long)]
    pub disruption: Option<i64>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

fn parse_kind(s: &str) -> Result<DisruptionKind, String> {
    s.parse()
        .map_err(|e: forthright_core::ParseError| e.to_string())
}

fn parse_when(s: &str) -> Result<jiff::Timestamp, String> {
    forthright_core::time::parse_instant(s).map_err(|e| e.to_string())
}

fn parse_money(s: &str) -> Result<Money, String> {
    Money::parse(s).map_err(|e| e.to_string())
}

/// Runs `forthright disrupt`: declares a disruption and finds everyone it hurts.
pub fn disrupt(args: DisruptArgs) -> anyhow::Result<ExitCode> {
    let now = clock()?.now();
    let new = NewDisruption {
        kind: args.kind,
        scope: Scope {
            skus: args.skus,
            orders: args.orders,
            customers: args.customers,
            categories: args.categories,
            carriers: args.carriers,
        },
        reason: args.reason,
        new_date: args.until,
        amount: args.amount,
        known_since: now,
        origin: Origin::Declared,
        detection_key: None,
    };
    new.validate().map_err(anyhow::Error::msg)?;
    let mut store = open(&args.db.database_url)?;
    check_scope_exists(store.as_mut(), &new.scope)?;
    let disruption = store.create_disruption(&new)?;
    if args.no_impact {
        print_disruptions(&[disruption], args.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let summary = store.run_impact(disruption.id, now)?;
    if !args.json {
        println!(
            "declared disruption {} ({}): {}",
            disruption.id, disruption.details.kind, disruption.details.reason
        );
    }
    print_impact(&summary, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Refuses a scope that names products, customers or orders the store does not
/// know: a typo must not silently reach nobody.
fn check_scope_exists(store: &mut dyn Store, scope: &Scope) -> anyhow::Result<()> {
    for sku in &scope.skus {
        if store.product(sku)?.is_none() {
            anyhow::bail!("--sku {sku:?}: no such product (import products first)");
        }
    }
    for id in &scope.customers {
        if store.customer(id)?.is_none() {
            anyhow::bail!("--customer {id:?}: no such customer (import customers first)");
        }
    }
    if !scope.orders.is_empty() {
        let known = store.known_keys(forthright_store::KeyKind::Orders)?;
        if let Some(id) = scope.orders.iter().find(|o| !known.contains(*o)) {
            anyhow::bail!("--order {id:?}: no such order (import orders first)");
        }
    }
    Ok(())
}

/// Runs `forthright detect`: looks for stock-outs and late ETAs in the data,
/// and runs impact analysis for what it opens or extends.
pub fn detect(args: ListArgs) -> anyhow::Result<ExitCode> {
    let now = clock()?.now();
    let mut store = open(&args.db.database_url)?;
    let found = store.detect_and_impact(None, now)?;
    if args.json {
        let rows: Vec<_> = found
            .iter()
            .map(|(d, s)| serde_json::json!({"outcome": outcome(d), "disruption": d.disruption(), "impact": s}))
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else if found.is_empty() {
        println!("nothing detected");
    } else {
        for (d, s) in &found {
            println!(
                "{} {} disruption {}: {} customers, {} lines, {} at stake ({})",
                outcome(d),
                d.disruption().details.kind,
                s.disruption,
                s.affected_customers,
                s.affected_lines,
                s.value_at_stake,
                d.disruption().details.reason
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A short word for what detection did.
pub fn outcome(found: &Detected) -> &'static str {
    match found {
        Detected::Opened(_) => "opened",
        Detected::Extended(_) => "extended",
        Detected::Unchanged(_) => "unchanged",
    }
}

/// Runs `forthright impact`: (re)runs impact analysis; idempotent.
pub fn impact(args: ImpactArgs) -> anyhow::Result<ExitCode> {
    let now = clock()?.now();
    let mut store = open(&args.db.database_url)?;
    let summary = store
        .run_impact(args.disruption, now)
        .with_context(|| format!("impact of disruption {}", args.disruption))?;
    print_impact(&summary, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `forthright disruptions`.
pub fn disruptions(args: ListArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.db.database_url)?;
    print_disruptions(&store.disruptions()?, args.json)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `forthright cases`.
pub fn cases(args: ListArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.db.database_url)?;
    let cases = store.cases(args.disruption)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&cases)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:>7} {:>10} {:<14} {:<10} {:>5} {:>11} {:>7} {:>9}",
        "case", "disruption", "customer", "state", "lines", "value", "prepaid", "days late"
    );
    for c in &cases {
        println!(
            "{:>7} {:>10} {:<14} {:<10} {:>5} {:>11} {:>7} {:>9}",
            c.id,
            c.disruption_id,
            c.customer_id,
            c.state,
            c.lines.len(),
            c.value(),
            if c.prepaid() { "yes" } else { "no" },
            c.days_late()
                .map_or("unknown".to_string(), |d| d.to_string()),
        );
    }
    println!("{} cases", cases.len());
    Ok(ExitCode::SUCCESS)
}

/// Prints an impact summary, as a short report or as JSON.
pub fn print_impact(s: &ImpactSummary, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(s)?);
        return Ok(());
    }
    println!(
        "disruption {}: {} customers, {} orders, {} lines, {} at stake",
        s.disruption, s.affected_customers, s.affected_orders, s.affected_lines, s.value_at_stake
    );
    let prepaid = s.cases.iter().filter(|c| c.prepaid).count();
    println!("  {prepaid} of the customers have already paid");
    let mut biggest: Vec<_> = s.cases.iter().collect();
    biggest.sort_by(|a, b| b.value.cmp(&a.value).then(a.case_id.cmp(&b.case_id)));
    for c in biggest.iter().take(5) {
        println!(
            "  case {:>6}  customer {:<12} {:>2} lines  {:>10}{}",
            c.case_id,
            c.customer_id,
            c.lines,
            c.value,
            if c.prepaid { "  prepaid" } else { "" }
        );
    }
    if s.cases.len() > 5 {
        println!(
            "  ... and {} more (forthright cases --disruption {})",
            s.cases.len() - 5,
            s.disruption
        );
    }
    Ok(())
}

fn print_disruptions(list: &[Disruption], json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(list)?);
        return Ok(());
    }
    println!(
        "{:>4} {:<14} {:<8} {:<9} {:<20} {:<12} reason",
        "id", "kind", "state", "origin", "known since", "new date"
    );
    for d in list {
        let x = &d.details;
        println!(
            "{:>4} {:<14} {:<8} {:<9} {:<20} {:<12} {}",
            d.id,
            x.kind,
            d.state,
            x.origin,
            x.known_since.strftime("%Y-%m-%d %H:%M"),
            x.new_date.map_or("unknown".to_string(), |t| t
                .strftime("%Y-%m-%d")
                .to_string()),
            x.reason
        );
    }
    Ok(())
}
