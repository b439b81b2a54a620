//! `forthright import customers|products|orders|shipments FILE`: a shop's data
//! in, all or nothing, then detection and impact at once (P1).

use super::disrupt::outcome;
use super::store::{DbArgs, clock, open};
use clap::{Args, ValueEnum};
use forthright_import::{Format, ImportError, Kind, Options, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// What the file holds.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// id,name,email,phone,timezone,preferred_channel,tier,do_not_contact
    Customers,
    /// sku,name,category,price,stock,features,status
    Products,
    /// order_id,customer_id,sku,quantity,unit_price,placed_at,promised_at,paid,status
    Orders,
    /// order_id,carrier,eta,reason
    Shipments,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Customers => Kind::Customers,
            KindArg::Products => Kind::Products,
            KindArg::Orders => Kind::Orders,
            KindArg::Shipments => Kind::Shipments,
        }
    }
}

/// How the file is written.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Arguments of `forthright import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file holds.
    #[arg(value_enum)]
    pub kind: KindArg,
    /// The file: .csv, or .jsonl/.ndjson for JSON Lines.
    pub file: PathBuf,
    /// The file's format, when its extension does not tell.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// How many errors to list before only counting the rest.
    #[arg(long, default_value_t = 20)]
    pub max_errors: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Runs `forthright import`. Exit code 2, with every error listed, when the
/// file is invalid; nothing is written then.
pub fn import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let now = clock()?.now();
    let mut store = open(&args.db.database_url)?;
    let kind = Kind::from(args.kind);
    let options = Options {
        format: args.format.map(|f| match f {
            FormatArg::Csv => Format::Csv,
            FormatArg::Jsonl => Format::Jsonl,
        }),
        max_errors: args.max_errors,
    };
    let bar = progress_bar(&args.file);
    let started = Instant::now();
    let result = forthright_import::import_file(
        store.as_mut(),
        kind,
        &args.file,
        &options,
        &mut |p: Progress| {
            if let Some(bar) = &bar {
                if let Some(total) = p.total {
                    bar.set_length(total);
                }
                bar.set_position(p.bytes);
            }
        },
    );
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let imported = match result {
        Ok(imported) => imported,
        Err(ImportError::Invalid { file, errors, more }) => {
            if args.json {
                let report = serde_json::json!({"file": file, "errors": errors, "more": more});
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                eprintln!("{}", ImportError::Invalid { file, errors, more });
            }
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    let import_ms = started.elapsed().as_millis();
    let found = forthright_import::detect_after(store.as_mut(), &imported, now)?;
    if args.json {
        let detected: Vec<_> = found
            .iter()
            .map(|(d, s)| {
                serde_json::json!({"outcome": outcome(d), "disruption": d.disruption(), "impact": s})
            })
            .collect();
        let report = serde_json::json!({
            "imported": imported,
            "milliseconds": import_ms,
            "detected": detected,
        });
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    let s = imported.stats;
    println!(
        "imported {} {} from {} in {} ms: {} new, {} updated, {} unchanged",
        s.rows, kind, imported.file, import_ms, s.inserted, s.updated, s.unchanged
    );
    if kind != Kind::Customers {
        if found.is_empty() {
            println!("detected nothing new");
        }
        for (d, s) in &found {
            println!(
                "detected: {} {} disruption {}: {} customers, {} lines, {} at stake. Reason: {}",
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

/// A byte progress bar on stderr, only when stderr is a terminal.
fn progress_bar(file: &std::path::Path) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template(
        "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} ({eta} left)",
    )
    .map(|s| s.progress_chars("=> "))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    bar.set_message(format!("importing {name}"));
    Some(bar)
}
