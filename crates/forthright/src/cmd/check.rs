//! `forthright check`, `forthright rules`, `forthright rule`: the message checker's front end.

use clap::Args;
use std::process::ExitCode;

/// Arguments of `forthright check`.
#[derive(Debug, Args)]
pub struct CheckArgs {}

/// Arguments of `forthright rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {}

/// Arguments of `forthright rule`.
#[derive(Debug, Args)]
pub struct RuleArgs {}

/// Runs `forthright check`.
pub fn check(_args: CheckArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}

/// Runs `forthright rules`.
pub fn rules(_args: RulesArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}

/// Runs `forthright rule`.
pub fn rule(_args: RuleArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not built yet")
}
