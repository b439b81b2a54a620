//! The `forthright` command line: every capability of the product, one subcommand each.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Tell customers bad news the right way, and fast.
#[derive(Debug, Parser)]
#[command(name = "forthright", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a demo shop, import it into a fresh SQLite database, detect and
    /// declare disruptions, and show whom they hurt.
    Demo(cmd::demo::DemoArgs),
    /// Import customers, products, orders or shipments from CSV or JSON Lines,
    /// all or nothing, then detect what the new data reveals (P1).
    Import(cmd::import::ImportArgs),
    /// Write a realistic, deterministic shop as import files.
    Generate(cmd::generate::GenerateArgs),
    /// Declare a disruption and find every affected customer (P1).
    Disrupt(cmd::disrupt::DisruptArgs),
    /// Look for stock-outs and late deliveries in the stored data (P1).
    Detect(cmd::disrupt::ListArgs),
    /// (Re)run impact analysis for a disruption; idempotent.
    Impact(cmd::disrupt::ImpactArgs),
    /// List disruptions.
    Disruptions(cmd::disrupt::ListArgs),
    /// List cases.
    Cases(cmd::disrupt::ListArgs),
    /// Show one case: customer, lines, state, plan, contact attempts and audit trail.
    Case(cmd::contact::CaseArgs),
    /// Record a contact attempt on a case, or the customer getting in touch
    /// (P1, P2, P9); feeds the next plan.
    Contact(cmd::contact::ContactArgs),
    /// Plan outreach for a disruption: the queue in order with its reasons,
    /// channels, contact times and the schedule summary (P1..P3, P8, P10, P13).
    Plan(cmd::plan::PlanArgs),
    /// Print the composed message for a case, checked (P2, P4..P7, P11).
    Script(cmd::plan::ScriptArgs),
    /// Check a company's message templates against sample cases.
    Templates(cmd::plan::TemplatesArgs),
    /// Check messages against the bad-news playbook (P2, P4..P7, P11).
    Check(cmd::check::CheckArgs),
    /// List every checker rule.
    Rules(cmd::check::RulesArgs),
    /// Explain one checker rule.
    Rule(cmd::check::RuleArgs),
}

fn main() -> ExitCode {
    // Piping into `head` closes stdout early: end quietly like other Unix tools
    // instead of panicking on the broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FORTHRIGHT_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo(args) => cmd::demo::demo(args),
        Command::Generate(args) => cmd::generate::generate(args),
        Command::Import(args) => cmd::import::import(args),
        Command::Disrupt(args) => cmd::disrupt::disrupt(args),
        Command::Detect(args) => cmd::disrupt::detect(args),
        Command::Impact(args) => cmd::disrupt::impact(args),
        Command::Disruptions(args) => cmd::disrupt::disruptions(args),
        Command::Cases(args) => cmd::disrupt::cases(args),
        Command::Case(args) => cmd::contact::case(args),
        Command::Contact(args) => cmd::contact::contact(args),
        Command::Plan(args) => cmd::plan::plan(args),
        Command::Script(args) => cmd::plan::script(args),
        Command::Templates(args) => cmd::plan::templates(args),
        Command::Check(args) => cmd::check::check(args),
        Command::Rules(args) => cmd::check::rules(args),
        Command::Rule(args) => cmd::check::rule(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
