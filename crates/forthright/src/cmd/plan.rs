//! `forthright plan`, `forthright script`, `forthright templates check`: the
//! outreach queue of a disruption, the message for one case, and a company's
//! templates checked against sample cases (P1..P3, P8, P10, P13).

use super::store::{DbArgs, clock, open};
use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use forthright_core::{Case, CaseId, Channel, ContactTally, Customer, Disruption, DisruptionKind};
use forthright_engine::compose::{ComposeInput, Composer, Message};
use forthright_engine::goodwill::GoodwillPolicy;
use forthright_engine::plan::zone;
use forthright_engine::{
    CaseInput, Catalogue, CustomerHistory, DisruptionPlan, OutreachPlan, PlanConfig, PlanningInput,
    plan_disruption, sample,
};
use forthright_store::{Store, StoredPlan};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where planning policy comes from.
#[derive(Debug, Clone, Args)]
pub struct PolicyArgs {
    /// Planning configuration (TOML): weights, windows, capacity, company. Defaults apply when absent.
    #[arg(long, env = "FORTHRIGHT_PLAN_CONFIG")]
    pub config: Option<PathBuf>,
    /// Goodwill policy (TOML). The built-in policy applies when absent (P10).
    #[arg(long, env = "FORTHRIGHT_GOODWILL_POLICY")]
    pub goodwill: Option<PathBuf>,
}

/// Arguments of `forthright plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The disruption's id.
    pub disruption: i64,
    /// Print the plans and schedule as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Arguments of `forthright script`.
#[derive(Debug, Args)]
pub struct ScriptArgs {
    /// The case's id.
    pub case: i64,
    /// The channel to write for; defaults to the plan's channel (a call when none).
    #[arg(long, value_parser = ["phone", "voicemail", "email", "sms"])]
    pub channel: Option<String>,
    /// Print the plan and the message together as JSON.
    #[arg(long)]
    pub json: bool,
    /// A directory of company templates overriding the built-ins.
    #[arg(long, env = "FORTHRIGHT_TEMPLATES")]
    pub templates: Option<PathBuf>,
    #[command(flatten)]
    pub policy: PolicyArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Arguments of `forthright templates`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    #[command(subcommand)]
    pub command: TemplatesCommand,
}

/// What `forthright templates` does.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Compose sample cases of every kind and channel with a company's templates
    /// (or the built-ins) and check every message. Exit 1 when anything is found.
    Check {
        /// The directory of company templates; the built-ins when absent.
        dir: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        policy: PolicyArgs,
    },
}

fn load_policy(args: &PolicyArgs) -> anyhow::Result<(PlanConfig, GoodwillPolicy)> {
    let read =
        |p: &Path| std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()));
    let config = match &args.config {
        Some(p) => PlanConfig::from_toml(&read(p)?).with_context(|| p.display().to_string())?,
        None => PlanConfig::default(),
    };
    let goodwill = match &args.goodwill {
        Some(p) => GoodwillPolicy::from_toml(&read(p)?).with_context(|| p.display().to_string())?,
        None => GoodwillPolicy::builtin(),
    };
    Ok((config, goodwill))
}

/// A disruption's open cases with everything the planner needs, from the store.
pub struct Loaded {
    /// The disruption.
    pub disruption: Disruption,
    /// Its open cases whose customer is known.
    pub cases: Vec<Case>,
    /// Customers by id.
    pub customers: HashMap<String, Customer>,
    /// Other disruptions per customer in the last 180 days.
    pub repeats: HashMap<String, u32>,
    /// Failed calls and inbound contacts per case, for cases with any (P1, P2).
    pub contacts: HashMap<CaseId, ContactTally>,
    /// Products that may be named or offered.
    pub catalogue: Catalogue,
}

impl Loaded {
    /// Reads a disruption's planning input.
    pub fn read(store: &mut dyn Store, id: i64, now: Timestamp) -> anyhow::Result<Loaded> {
        let disruption = store
            .disruption(id)?
            .with_context(|| format!("no disruption with id {id}"))?;
        let cases: Vec<Case> = store
            .cases(Some(id))?
            .into_iter()
            .filter(|c| c.state.is_open())
            .collect();
        let mut ids: Vec<String> = cases.iter().map(|c| c.customer_id.clone()).collect();
        ids.sort();
        ids.dedup();
        let customers: HashMap<String, Customer> = store
            .customers_by_id(&ids)?
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        let mut skus: Vec<String> = cases
            .iter()
            .flat_map(|c| c.lines.iter().map(|l| l.sku.clone()))
            .collect();
        skus.sort();
        skus.dedup();
        let catalogue = Catalogue::new(store.products_related(&skus)?);
        let since = now
            .checked_sub(SignedDuration::from_hours(24 * 180))
            .unwrap_or(now);
        let repeats = store.recent_disruption_counts(id, since)?;
        let contacts = store.contact_tallies(id)?;
        let cases = cases
            .into_iter()
            .filter(|c| {
                let known = customers.contains_key(&c.customer_id);
                if !known {
                    tracing::warn!(case = c.id, customer = %c.customer_id, "case skipped: unknown customer");
                }
                known
            })
            .collect();
        Ok(Loaded {
            disruption,
            cases,
            customers,
            repeats,
            contacts,
            catalogue,
        })
    }

    /// The planner's view of the cases.
    pub fn inputs(&self) -> Vec<CaseInput<'_>> {
        self.cases
            .iter()
            .filter_map(|case| {
                let customer = self.customers.get(&case.customer_id)?;
                let contacts = self.contacts.get(&case.id).copied().unwrap_or_default();
                Some(CaseInput {
                    case,
                    customer,
                    history: CustomerHistory {
                        disruptions_last_180_days: self
                            .repeats
                            .get(&case.customer_id)
                            .copied()
                            .unwrap_or(0),
                        // Recorded contacts (`forthright contact`): a customer who got
                        // in touch ranks up (P1); failed calls turn to writing (P2).
                        contacted_us: contacts.contacted_us,
                        failed_call_attempts: contacts.failed_call_attempts,
                    },
                })
            })
            .collect()
    }

    /// Plans every case.
    pub fn plan(
        &self,
        config: &PlanConfig,
        goodwill: &GoodwillPolicy,
        now: Timestamp,
    ) -> DisruptionPlan {
        let inputs = self.inputs();
        plan_disruption(&PlanningInput {
            disruption: &self.disruption,
            cases: &inputs,
            catalogue: &self.catalogue,
            config,
            goodwill,
            now,
        })
    }
}

/// Keeps a disruption's plans and moves its `detected` cases to `planned`,
/// set-based with an audit event each (P13).
pub fn save(store: &mut dyn Store, plan: &DisruptionPlan) -> anyhow::Result<()> {
    store
        .save_plans(&to_stored(plan)?)
        .context("saving outreach plans")?;
    let ids: Vec<CaseId> = plan.plans.iter().map(|p| p.case_id).collect();
    store
        .mark_planned(&ids, plan.planned_at)
        .context("moving planned cases to `planned`")?;
    Ok(())
}

/// Whether a stored plan no longer matches the case's contacts: the channel
/// the planner would now choose differs (P2: failed calls turn to writing), or
/// whether the customer got in touch differs from what its priority says (P1).
pub fn plan_is_stale(
    plan: &OutreachPlan,
    customer: &Customer,
    contacts: &[forthright_core::ContactAttempt],
    config: &PlanConfig,
) -> bool {
    let tally = ContactTally::of(contacts);
    let history = CustomerHistory {
        contacted_us: tally.contacted_us,
        failed_call_attempts: tally.failed_call_attempts,
        ..CustomerHistory::default()
    };
    let channel = forthright_engine::channel::choose(customer, &history, &config.channel);
    let ranked_as_contacted = plan
        .priority
        .reasons
        .iter()
        .any(|r| r.factor == "contacted_us");
    channel.channel != plan.channel.channel
        || (tally.contacted_us != ranked_as_contacted && config.priority.contacted_us != 0)
}

/// The rows a store keeps for a disruption's plans.
pub fn to_stored(plan: &DisruptionPlan) -> anyhow::Result<Vec<StoredPlan>> {
    plan.plans
        .iter()
        .map(|p| {
            Ok(StoredPlan {
                case_id: p.case_id,
                disruption_id: p.disruption_id,
                rank: p.rank as i64,
                score: p.priority.score,
                channel: p.channel.channel,
                contact_at: p.contact_at,
                planned_at: plan.planned_at,
                body: serde_json::to_string(p)?,
            })
        })
        .collect()
}

fn hours(secs: Option<i64>) -> String {
    match secs {
        Some(s) => format!("{:.1} h", s as f64 / 3600.0),
        None => "-".into(),
    }
}

/// Runs `forthright plan`.
pub fn plan(args: PlanArgs) -> anyhow::Result<ExitCode> {
    let now = clock()?.now();
    let (config, goodwill) = load_policy(&args.policy)?;
    let mut store = open(&args.db.database_url)?;
    let loaded = Loaded::read(store.as_mut(), args.disruption, now)?;
    let plan = loaded.plan(&config, &goodwill, now);
    save(store.as_mut(), &plan)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&plan)?);
    } else {
        print_plan(&plan, &loaded, None);
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints a disruption's plan: the schedule summary, then the queue in order
/// with reasons (the first `limit` rows, or all), then the cases for review.
pub fn print_plan(plan: &DisruptionPlan, loaded: &Loaded, limit: Option<usize>) {
    let s = &plan.schedule;
    println!(
        "Disruption {} ({}): {} cases planned",
        plan.disruption_id, plan.kind, s.cases
    );
    println!(
        "Schedule: {} calls, {} written, {} for review; time to first contact p50 {}, p95 {} (target {} h, {} agents){}",
        s.calls,
        s.written,
        s.review,
        hours(s.p50_secs),
        hours(s.p95_secs),
        s.target_secs / 3600,
        s.agents,
        if s.target_met { ", target met" } else { "" }
    );
    if let Some(w) = &s.warning {
        println!("warning: {w}");
    }
    println!(
        "Goodwill proposed: {} of a {} budget",
        plan.goodwill_proposed, plan.goodwill_budget
    );
    println!();
    println!(
        "{:>5}  {:>6}  {:<12}  {:<6}  {:<28}  {:>5}  reasons",
        "rank", "case", "customer", "via", "first contact (their time)", "score"
    );
    for p in plan.plans.iter().take(limit.unwrap_or(usize::MAX)) {
        let customer = loaded.customers.get(&p.customer_id);
        let tz = customer.map_or(TimeZone::UTC, |c| zone(&c.timezone, &TimeZone::UTC));
        let when = match p.contact_at {
            Some(t) => tz.to_datetime(t).strftime("%a %d %b %H:%M").to_string(),
            None if p.channel.needs_review() => "review".into(),
            None => "no slot".into(),
        };
        let reasons: Vec<String> = p
            .priority
            .reasons
            .iter()
            .map(|r| format!("{} +{}", r.detail, r.points))
            .collect();
        println!(
            "{:>5}  {:>6}  {:<12}  {:<6}  {:<28}  {:>5}  {}",
            p.rank,
            p.case_id,
            p.customer_id,
            p.channel.channel.map_or("-", |c| c.as_str()),
            when,
            p.priority.score,
            reasons.join(", ")
        );
    }
    if let Some(limit) = limit.filter(|l| plan.plans.len() > *l) {
        println!("  ... and {} more", plan.plans.len() - limit);
    }
    let review: Vec<&OutreachPlan> = plan.review().collect();
    if !review.is_empty() {
        println!("\nFor a person to review (no outreach):");
        for p in review {
            println!(
                "  case {} ({}): {}",
                p.case_id, p.customer_id, p.channel.reason
            );
        }
    }
}

/// Runs `forthright script`.
pub fn script(args: ScriptArgs) -> anyhow::Result<ExitCode> {
    let now = clock()?.now();
    let (config, goodwill) = load_policy(&args.policy)?;
    let composer = match &args.templates {
        Some(dir) => Composer::with_overrides(dir)?,
        None => Composer::builtin()?,
    };
    let mut store = open(&args.db.database_url)?;
    let case = store
        .case(args.case)?
        .with_context(|| format!("no case with id {}", args.case))?;
    let customer = store.customer(&case.customer_id)?.with_context(|| {
        format!(
            "case {} refers to unknown customer {}",
            case.id, case.customer_id
        )
    })?;
    // The stored plan when there is one and recorded contacts have not changed
    // its channel or priority since (P1, P2); otherwise plan the disruption now
    // and keep it.
    let stored: Option<OutreachPlan> = match store.plan(case.id)? {
        Some(stored) => Some(
            serde_json::from_str(&stored.body)
                .with_context(|| format!("reading the stored plan of case {}", case.id))?,
        ),
        None => None,
    };
    let contacts = store.contacts(case.id)?;
    let plan: OutreachPlan = match stored {
        Some(plan) if !plan_is_stale(&plan, &customer, &contacts, &config) => plan,
        _ => {
            let loaded = Loaded::read(store.as_mut(), case.disruption_id, now)?;
            let all = loaded.plan(&config, &goodwill, now);
            save(store.as_mut(), &all)?;
            all.plans
                .into_iter()
                .find(|p| p.case_id == case.id)
                .with_context(|| format!("case {} is closed: nothing to plan", case.id))?
        }
    };
    let channel: Channel = match &args.channel {
        Some(c) => c.parse()?,
        None => plan.channel.channel.unwrap_or(Channel::Phone),
    };
    let message = compose_case(
        store.as_mut(),
        &composer,
        &case,
        &customer,
        &plan,
        channel,
        &config,
        now,
    )?;
    if args.json {
        let out = serde_json::json!({ "plan": plan, "message": message });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        print_message(&message, &plan);
    }
    Ok(if message.ready {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Composes (and checks) one case's message on a channel, reading the
/// disruption and the products it may name or offer.
#[allow(clippy::too_many_arguments)]
pub fn compose_case(
    store: &mut dyn Store,
    composer: &Composer,
    case: &Case,
    customer: &Customer,
    plan: &OutreachPlan,
    channel: Channel,
    config: &PlanConfig,
    now: Timestamp,
) -> anyhow::Result<Message> {
    let disruption = store
        .disruption(case.disruption_id)?
        .with_context(|| format!("no disruption with id {}", case.disruption_id))?;
    let skus: Vec<String> = case.lines.iter().map(|l| l.sku.clone()).collect();
    let catalogue = Catalogue::new(store.products_related(&skus)?);
    Ok(composer.compose(
        &ComposeInput {
            plan,
            case,
            customer,
            disruption: &disruption,
            catalogue: &catalogue,
            config,
            now,
        },
        channel,
    )?)
}

/// Prints a composed message, its subject and whether it is ready to send.
pub fn print_message(m: &Message, plan: &OutreachPlan) {
    if plan.channel.needs_review() {
        println!("note: {} (composed for review only)\n", plan.channel.reason);
    }
    if let Some(s) = &m.subject {
        println!("Subject: {s}\n");
    }
    print!("{}", m.body);
    println!();
    if m.ready {
        println!(
            "ready to send: yes ({} {} message, no findings)",
            m.kind, m.channel
        );
    } else {
        println!("ready to send: no, {} finding(s):", m.findings.len());
        for f in &m.findings {
            println!(
                "  {}:{}: {} {}",
                f.start.line, f.start.column, f.rule, f.message
            );
        }
    }
}

/// Runs `forthright templates`.
pub fn templates(args: TemplatesArgs) -> anyhow::Result<ExitCode> {
    let TemplatesCommand::Check { dir, json, policy } = args.command;
    let (config, goodwill) = load_policy(&policy)?;
    let composer = match &dir {
        Some(d) => {
            if !d.is_dir() {
                bail!("{} is not a directory of templates", d.display());
            }
            Composer::with_overrides(d)?
        }
        None => Composer::builtin()?,
    };
    let now = clock()?.now();
    let mut problems = Vec::new();
    let mut composed = 0usize;
    for &kind in DisruptionKind::ALL {
        let world = sample::world(kind, now);
        let plan = world.plan(&config, &goodwill, now);
        for p in &plan.plans {
            let Some(input) = world.compose_input(p, &config, now) else {
                continue;
            };
            for &channel in Channel::ALL {
                let m = composer.compose(&input, channel)?;
                composed += 1;
                if !m.ready {
                    problems.push(m);
                }
            }
        }
    }
    if json {
        let out = serde_json::json!({ "composed": composed, "with_findings": problems });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        for m in &problems {
            let template = composer
                .origins()
                .get(forthright_engine::compose::template_for(m.channel))
                .cloned()
                .unwrap_or_default();
            for f in &m.findings {
                println!(
                    "{template}: sample {} case {}, line {}: {} {}",
                    m.kind, m.case_id, f.start.line, f.rule, f.message
                );
            }
        }
        println!(
            "{composed} sample messages composed, {} with findings",
            problems.len()
        );
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
