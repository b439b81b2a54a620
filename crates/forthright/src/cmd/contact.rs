//! `forthright contact` and `forthright case`: record every try to reach a
//! customer and every time they reached us, with the customer's words, and see
//! one case whole: customer, lines, state, plan, contacts and audit trail
//! (P1, P2, P9, P13, P15).

use super::store::{DbArgs, clock, open};
use anyhow::Context;
use clap::Args;
use forthright_core::contact::ContactOutcome;
use forthright_core::{Channel, ContactAttempt, ContactSummary, Direction};
use forthright_engine::OutreachPlan;
use forthright_engine::plan::zone;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::process::ExitCode;

/// Arguments of `forthright contact`.
#[derive(Debug, Args)]
pub struct ContactArgs {
    /// The case's id.
    pub case: i64,
    /// The channel of the attempt.
    #[arg(long, value_parser = parse_channel)]
    pub channel: Channel,
    /// How it ended: reached, no_answer, voicemail_left, busy, wrong_number,
    /// delivered, bounced or replied (must fit the channel).
    #[arg(long, value_parser = parse_outcome)]
    pub outcome: ContactOutcome,
    /// The customer got in touch with us (P1: if first, we lost the race).
    #[arg(long)]
    pub inbound: bool,
    /// The agent who made or took the contact.
    #[arg(long)]
    pub agent: Option<String>,
    /// What the customer said, suggested or chose, in their words (P9).
    #[arg(long)]
    pub note: Option<String>,
    /// When it happened: an RFC 3339 timestamp or a date; now when absent.
    #[arg(long, value_parser = parse_when)]
    pub at: Option<Timestamp>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Arguments of `forthright case`.
#[derive(Debug, Args)]
pub struct CaseArgs {
    /// The case's id.
    pub case: i64,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    s.parse()
        .map_err(|e: forthright_core::ParseError| e.to_string())
}

fn parse_outcome(s: &str) -> Result<ContactOutcome, String> {
    s.parse()
        .map_err(|e: forthright_core::ParseError| e.to_string())
}

fn parse_when(s: &str) -> Result<Timestamp, String> {
    forthright_core::time::parse_instant(s).map_err(|e| e.to_string())
}

/// Text given on the command line, `None` when absent or blank.
fn given(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Runs `forthright contact`: records one attempt, then shows where the case stands.
pub fn contact(args: ContactArgs) -> anyhow::Result<ExitCode> {
    let now = clock()?.now();
    let attempt = ContactAttempt {
        case_id: args.case,
        at: args.at.unwrap_or(now),
        channel: args.channel,
        direction: if args.inbound {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        outcome: args.outcome,
        agent: given(args.agent),
        note: given(args.note),
    };
    attempt.validate().map_err(anyhow::Error::msg)?;
    let mut store = open(&args.db.database_url)?;
    store
        .record_contact(&attempt)
        .with_context(|| format!("recording a contact on case {}", args.case))?;
    let case = store
        .case(args.case)?
        .with_context(|| format!("no case with id {}", args.case))?;
    let disruption = store
        .disruption(case.disruption_id)?
        .with_context(|| format!("no disruption with id {}", case.disruption_id))?;
    let contacts = store.contacts(case.id)?;
    let summary = ContactSummary::of(disruption.details.known_since, &contacts);
    if args.json {
        let out = serde_json::json!({
            "contact": attempt,
            "state": case.state,
            "summary": summary,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("case {}: recorded {}", case.id, attempt.describe());
    println!("  state: {}", case.state);
    print_summary(&summary);
    if attempt.is_failed_call() {
        println!(
            "  next: `forthright script {}` re-plans the case; after enough unanswered calls it writes, offering a call (P2)",
            case.id
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(s: &ContactSummary) {
    println!(
        "  contacts: {} recorded, {} failed call(s), customer got in touch: {}, race: {}",
        s.attempts,
        s.failed_call_attempts,
        if s.contacted_us { "yes" } else { "no" },
        s.race
    );
    if let Some(secs) = s.time_to_first_contact_secs {
        println!(
            "  first contact {:.1} h after we knew",
            secs as f64 / 3600.0
        );
    }
}

/// Runs `forthright case`: one case whole.
pub fn case(args: CaseArgs) -> anyhow::Result<ExitCode> {
    let mut store = open(&args.db.database_url)?;
    let case = store
        .case(args.case)?
        .with_context(|| format!("no case with id {}", args.case))?;
    let customer = store.customer(&case.customer_id)?;
    let disruption = store
        .disruption(case.disruption_id)?
        .with_context(|| format!("no disruption with id {}", case.disruption_id))?;
    let plan: Option<OutreachPlan> = match store.plan(case.id)? {
        Some(stored) => Some(
            serde_json::from_str(&stored.body)
                .with_context(|| format!("reading the stored plan of case {}", case.id))?,
        ),
        None => None,
    };
    let contacts = store.contacts(case.id)?;
    let events = store.case_events(case.id)?;
    let summary = ContactSummary::of(disruption.details.known_since, &contacts);
    if args.json {
        let out = serde_json::json!({
            "case": case,
            "value": case.value(),
            "prepaid": case.prepaid(),
            "days_late": case.days_late(),
            "customer": customer,
            "disruption": disruption,
            "plan": plan,
            "contacts": contacts,
            "contact_summary": summary,
            "events": events,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    let tz = customer
        .as_ref()
        .map_or(TimeZone::UTC, |c| zone(&c.timezone, &TimeZone::UTC));
    let local = |t: Timestamp| tz.to_datetime(t).strftime("%a %d %b %Y %H:%M").to_string();
    println!(
        "case {} ({}), disruption {} ({}): {}",
        case.id, case.state, disruption.id, disruption.details.kind, disruption.details.reason
    );
    match &customer {
        Some(c) => {
            let reach: Vec<&str> = [c.phone.as_deref(), c.email.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            println!(
                "customer {}: {} ({} tier, {}{}{}){}",
                c.id,
                c.name,
                c.tier,
                c.timezone,
                c.preferred_channel
                    .map_or(String::new(), |p| format!(", prefers {p}")),
                if reach.is_empty() {
                    String::new()
                } else {
                    format!(", {}", reach.join(", "))
                },
                if c.do_not_contact {
                    "  DO NOT CONTACT"
                } else {
                    ""
                }
            );
        }
        None => println!("customer {}: unknown", case.customer_id),
    }
    println!(
        "\n{} line(s), {} at stake{}{}:",
        case.lines.len(),
        case.value(),
        if case.prepaid() { ", prepaid" } else { "" },
        case.days_late()
            .map_or(String::new(), |d| format!(", {d} days late"))
    );
    for l in &case.lines {
        println!(
            "  order {:<10} {:<12} x{:<3} {:>10}  promised {}{}",
            l.order_id,
            l.sku,
            l.quantity,
            l.value,
            local(l.promised_at),
            l.expected_at
                .map_or(String::new(), |t| format!(", now expected {}", local(t)))
        );
    }
    match &plan {
        Some(p) => {
            println!(
                "\nplan: rank {}, score {}, via {} ({})",
                p.rank,
                p.priority.score,
                p.channel.channel.map_or("-", |c| c.as_str()),
                p.channel.reason
            );
            if let Some(at) = p.contact_at {
                println!("  first contact: {} (their time)", local(at));
            }
            println!(
                "  owner: {}; next: {}{}",
                p.action.owner,
                p.action.next_step,
                p.action
                    .next_step_by
                    .map_or(String::new(), |t| format!(" by {}", local(t)))
            );
            if let Some(g) = &p.goodwill {
                println!("  goodwill proposed: {}", g.amount);
            }
        }
        None => println!("\nplan: none yet (forthright plan {})", case.disruption_id),
    }
    println!("\ncontact attempts:");
    if contacts.is_empty() {
        println!("  none yet");
    }
    for a in &contacts {
        println!("  {}  {}", local(a.at), a.describe());
    }
    print_summary(&summary);
    println!("\naudit trail:");
    for e in &events {
        println!("  {}  {:<13} {}", local(e.at), e.kind, e.detail);
    }
    Ok(ExitCode::SUCCESS)
}
