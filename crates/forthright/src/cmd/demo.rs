//! `forthright demo`: the whole foundation in a few seconds, on a fresh SQLite database.

use clap::Args;
use std::process::ExitCode;

/// Arguments of `forthright demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {}

/// Runs `forthright demo`.
pub fn demo(_args: DemoArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("the demo lands with the importer")
}
