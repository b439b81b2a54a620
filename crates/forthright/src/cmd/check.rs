//! `forthright check`, `forthright rules`, `forthright rule`: the message checker's front end.
//!
//! The library (`forthright-check`) does the checking; this module finds the
//! inputs (files, directories checked in parallel, `-` for stdin), reads the
//! `[check]` section of `forthright.toml`, and renders findings for people
//! (ruff/rustc style), for programs (`--format json`) and for code-scanning
//! tools (`--format sarif`, SARIF 2.1.0). Exit codes: 0 nothing found, 1
//! findings, 2 usage or input errors (P2, P4..P7, P11 are what it enforces).

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use forthright_check::{
    Channel, Checker, Config, ElementReport, Finding, Format, Kind, Options, Prepared, Rule,
    Severity, prepare,
};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Output formats of `forthright check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: rule-id message`, the line and a caret underline.
    Human,
    /// A JSON array of findings.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

/// How to read standard input (`-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StdinFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// An RFC 5322 email message.
    Eml,
}

/// Arguments of `forthright check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (searched recursively for .txt, .md and .eml files), or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// The channel the messages go out on (email is assumed for .eml files).
    #[arg(long, value_parser = parse_channel)]
    pub channel: Option<Channel>,
    /// The kind of disruption the messages are about.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// Run only these rules or categories (comma-separated; replaces `select` in the config).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Do not run these rules or categories (comma-separated; added to `ignore` in the config).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Configuration file with a `[check]` section (default: ./forthright.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Also show which playbook elements each message has, with evidence.
    #[arg(long)]
    pub elements: bool,
    /// Format of standard input.
    #[arg(long, value_enum, default_value_t = StdinFormat::Text)]
    pub stdin_format: StdinFormat,
}

fn parse_channel(s: &str) -> Result<Channel, String> {
    s.parse::<Channel>()
        .map_err(|_| "expected one of: phone, voicemail, email, sms".to_string())
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse::<Kind>().map_err(|_| {
        let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        format!("expected one of: {}", all.join(", "))
    })
}

/// Arguments of `forthright rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print the rules as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `forthright rule`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The rule id, e.g. `minimizing`.
    pub id: String,
    /// Print the rule as JSON.
    #[arg(long)]
    pub json: bool,
}

/// One input to check.
#[derive(Debug, Clone)]
enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// The result of checking one input.
struct Checked {
    name: String,
    prepared: Prepared,
    findings: Vec<Finding>,
    elements: Vec<ElementReport>,
}

/// Runs `forthright check`.
pub fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let mut config = load_config(args.config.as_deref())?;
    if !args.select.is_empty() {
        config.select = Some(args.select.clone());
    }
    config.ignore.extend(args.ignore.iter().cloned());
    let checker = Checker::new(&config)?;
    if args.elements && args.format == OutputFormat::Sarif {
        bail!("--elements is not available with --format sarif");
    }

    let mut inputs = Vec::new();
    for p in &args.paths {
        collect(p, &mut inputs)?;
    }
    if inputs.iter().filter(|i| matches!(i, Input::Stdin)).count() > 1 {
        bail!("`-` (standard input) may be given only once");
    }
    let stdin_text = if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        Some(buf)
    } else {
        None
    };

    let results: Vec<Result<Checked, String>> = inputs
        .par_iter()
        .map(|input| check_one(input, stdin_text.as_deref(), &checker, &args))
        .collect();

    let mut checked = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(c) => checked.push(c),
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        eprintln!("error: {e}");
    }

    let stdout = std::io::stdout();
    let colour = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Human => write_human(&mut out, &checked, args.elements, colour)?,
        OutputFormat::Json => {
            let findings: Vec<Value> = checked.iter().flat_map(json_findings).collect();
            let doc = if args.elements {
                json!({
                    "findings": findings,
                    "elements": checked.iter().map(|c| json!({"path": c.name, "elements": c.elements})).collect::<Vec<_>>(),
                })
            } else {
                Value::Array(findings)
            };
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        OutputFormat::Sarif => {
            serde_json::to_writer_pretty(&mut out, &sarif(&checked))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    let found = checked.iter().any(|c| !c.findings.is_empty());
    Ok(if !errors.is_empty() {
        ExitCode::from(2)
    } else if found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads the `[check]` section of the given file, or of ./forthright.toml when present.
fn load_config(path: Option<&Path>) -> anyhow::Result<Config> {
    let (path, required) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => (PathBuf::from("forthright.toml"), false),
    };
    if !required && !path.is_file() {
        return Ok(Config::default());
    }
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read config file {}", path.display()))?;
    Config::from_toml(&text).with_context(|| format!("in {}", path.display()))
}

/// Expands a command-line path into inputs: `-`, a file, or a directory walked recursively.
fn collect(path: &Path, out: &mut Vec<Input>) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        out.push(Input::Stdin);
        return Ok(());
    }
    let meta =
        std::fs::metadata(path).with_context(|| format!("{}: cannot access", path.display()))?;
    if meta.is_dir() {
        let mut stack = vec![path.to_path_buf()];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir)
                .with_context(|| format!("{}: cannot read directory", dir.display()))?;
            for entry in entries {
                let entry =
                    entry.with_context(|| format!("{}: cannot read directory", dir.display()))?;
                let p = entry.path();
                let hidden = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'));
                let ft = entry
                    .file_type()
                    .with_context(|| format!("{}: cannot access", p.display()))?;
                if hidden {
                    continue;
                }
                if ft.is_dir() {
                    stack.push(p);
                } else if Format::is_message_file(&p) {
                    found.push(p);
                }
            }
        }
        found.sort();
        out.extend(found.into_iter().map(Input::File));
    } else {
        out.push(Input::File(path.to_path_buf()));
    }
    Ok(())
}

/// Reads, prepares and checks one input; errors name the input.
fn check_one(
    input: &Input,
    stdin: Option<&[u8]>,
    checker: &Checker,
    args: &CheckArgs,
) -> Result<Checked, String> {
    let name = input.name();
    let (bytes, format) = match input {
        Input::Stdin => {
            let f = match args.stdin_format {
                StdinFormat::Text => Format::Text,
                StdinFormat::Markdown => Format::Markdown,
                StdinFormat::Eml => Format::Eml,
            };
            (stdin.unwrap_or_default().to_vec(), f)
        }
        Input::File(p) => {
            let b = std::fs::read(p).map_err(|e| format!("{name}: cannot read: {e}"))?;
            (b, Format::from_path(p))
        }
    };
    let prepared = prepare(&bytes, format).map_err(|e| format!("{name}: {e}"))?;
    let channel = args
        .channel
        .or((format == Format::Eml).then_some(Channel::Email));
    let opts = Options {
        channel,
        kind: args.kind,
    };
    let outcome = checker.check_full(&prepared.text, &opts);
    Ok(Checked {
        name,
        prepared,
        findings: outcome.findings,
        elements: outcome.elements,
    })
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Human output, like ruff and rustc.
fn write_human(
    out: &mut impl Write,
    checked: &[Checked],
    elements: bool,
    colour: bool,
) -> anyhow::Result<()> {
    let paint = Paint { on: colour };
    let mut total = 0usize;
    let mut files = 0usize;
    for c in checked {
        if !c.findings.is_empty() {
            files += 1;
        }
        let text = c.prepared.display();
        for f in &c.findings {
            total += 1;
            let sev = match f.severity {
                Severity::Error => "1;31",
                Severity::Warning => "1;33",
                Severity::Info => "1;36",
            };
            writeln!(
                out,
                "{}:{}:{}: {} {}",
                paint.wrap("1", &c.name),
                f.start.line,
                f.start.column,
                paint.wrap(sev, f.rule),
                f.message
            )?;
            let gutter = f.start.line.to_string();
            let pad = " ".repeat(gutter.len());
            let snip = snippet(text, f.span.start, f.span.end);
            writeln!(out, "{pad} {}", paint.wrap("1;34", "|"))?;
            writeln!(
                out,
                "{} {} {}",
                paint.wrap("1;34", &gutter),
                paint.wrap("1;34", "|"),
                snip.line
            )?;
            writeln!(
                out,
                "{pad} {} {}{}",
                paint.wrap("1;34", "|"),
                snip.prefix,
                paint.wrap(sev, &"^".repeat(snip.width))
            )?;
            if let Some(fix) = &f.fix {
                writeln!(out, "{pad} {} help: {fix}", paint.wrap("1;34", "="))?;
            }
            writeln!(out)?;
        }
        if elements {
            writeln!(out, "{}: playbook elements", paint.wrap("1", &c.name))?;
            for e in &c.elements {
                let state = if e.present {
                    paint.wrap("32", "present")
                } else {
                    paint.wrap("31", "missing")
                };
                write!(out, "  {:<12} {state}", e.element.as_str())?;
                if let Some(ev) = e.evidence.first() {
                    let snippet: String = ev.text.chars().take(70).collect();
                    write!(
                        out,
                        "  {}:{} \"{}\"",
                        ev.start.line,
                        ev.start.column,
                        snippet.replace('\n', " ")
                    )?;
                    if e.evidence.len() > 1 {
                        write!(out, " (+{} more)", e.evidence.len() - 1)?;
                    }
                }
                writeln!(out)?;
            }
            writeln!(out)?;
        }
    }
    if total == 0 {
        writeln!(out, "No problems found in {} message(s).", checked.len())?;
    } else {
        writeln!(
            out,
            "Found {total} problem(s) in {files} of {} message(s).",
            checked.len()
        )?;
    }
    Ok(())
}

/// The `n`-th line (1-based) of a text, without its line break.
fn json_findings(c: &Checked) -> Vec<Value> {
    c.findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "path": c.name,
                "line": f.start.line,
                "column": f.start.column,
                "end_line": f.end.line,
                "end_column": f.end.column,
                "principle": f.principle,
                "fix": f.fix,
                "byte_start": f.span.start,
                "byte_end": f.span.end,
            })
        })
        .collect()
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path (SARIF artifactLocation.uri).
fn uri_for(name: &str) -> String {
    if name == "-" {
        return "stdin".to_string();
    }
    let mut s = String::new();
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn rule_json(r: &Rule) -> Value {
    json!({
        "id": r.id,
        "category": r.category,
        "severity": r.severity,
        "principle": r.principle,
        "summary": r.summary,
        "rationale": r.rationale,
        "bad": r.bad.iter().map(|e| e.text).collect::<Vec<_>>(),
        "good": r.good.iter().map(|e| e.text).collect::<Vec<_>>(),
    })
}

/// A SARIF 2.1.0 log of all findings.
fn sarif(checked: &[Checked]) -> Value {
    let all: Vec<&'static Rule> = forthright_check::rules().collect();
    let driver_rules: Vec<Value> = all
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.rationale},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
                "properties": {"principle": r.principle, "category": r.category},
            })
        })
        .collect();
    let mut results = Vec::new();
    for c in checked {
        for f in &c.findings {
            let index = all.iter().position(|r| r.id == f.rule).unwrap_or(0);
            let mut text = f.message.clone();
            if let Some(fix) = &f.fix {
                text.push_str(". ");
                text.push_str(fix);
            }
            results.push(json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": sarif_level(f.severity),
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri_for(&c.name)},
                        "region": {
                            "startLine": f.start.line,
                            "startColumn": f.start.column,
                            "endLine": f.end.line,
                            "endColumn": f.end.column,
                            "byteOffset": f.span.start,
                            "byteLength": f.span.end - f.span.start,
                        }
                    }
                }],
                "properties": {"principle": f.principle},
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "forthright",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": driver_rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// Runs `forthright rules`.
pub fn rules(args: RulesArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    if args.json {
        let all: Vec<Value> = forthright_check::rules().map(rule_json).collect();
        serde_json::to_writer_pretty(&mut out, &all)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{:<20} {:<10} {:<8} {:<4} summary",
            "id", "category", "severity", "p."
        )?;
        for r in forthright_check::rules() {
            writeln!(
                out,
                "{:<20} {:<10} {:<8} {:<4} {}",
                r.id,
                r.category.as_str(),
                r.severity.as_str(),
                r.principle,
                r.summary
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `forthright rule`.
pub fn rule(args: RuleArgs) -> anyhow::Result<ExitCode> {
    let Some(r) = forthright_check::rule(&args.id) else {
        bail!("unknown rule `{}` (see `forthright rules`)", args.id);
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &rule_json(r))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}: {}\n", r.id, r.summary)?;
    writeln!(out, "category:  {}", r.category)?;
    writeln!(out, "severity:  {} (default)", r.severity)?;
    writeln!(out, "principle: {} (PLAYBOOK.md)\n", r.principle)?;
    writeln!(out, "{}\n", r.rationale)?;
    writeln!(out, "Flagged:")?;
    for e in r.bad {
        writeln!(out, "  - {}", e.text)?;
    }
    writeln!(out, "Not flagged:")?;
    for e in r.good {
        writeln!(out, "  - {}", e.text)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The source shown under a finding: its line, or, when the line is long
/// (a voicemail script, an SMS), a window of [`SNIPPET_WIDTH`] characters
/// around the span, like rustc, with "..." where it is cut.
struct Snippet {
    /// The line or window to print.
    line: String,
    /// Blanks (tabs kept) that put the caret under the span.
    prefix: String,
    /// Carets to print, at least one.
    width: usize,
}

/// Builds the [`Snippet`] for byte span `[start, end)` of `text`. The work
/// is bounded by the window, not the line, so a megabyte line with a
/// hundred thousand findings still prints in linear time.
fn snippet(text: &str, start: usize, end: usize) -> Snippet {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(start);
    let end = floor(end).max(start);
    // The line start, if it is within the window's reach.
    let mut line_start = Some(0);
    for (n, (i, c)) in text[..start].char_indices().rev().enumerate() {
        if c == '\n' {
            line_start = Some(i + 1);
            break;
        }
        if n == SNIPPET_WIDTH {
            line_start = None;
            break;
        }
    }
    let from = line_start.unwrap_or_else(|| {
        text[..start]
            .char_indices()
            .rev()
            .nth(SNIPPET_WIDTH / 4 - 1)
            .map_or(0, |(i, _)| i)
    });
    let mut to = text.len();
    let mut cut = false;
    for (n, (i, c)) in text[from..].char_indices().enumerate() {
        if c == '\n' {
            to = from + i;
            break;
        }
        if n == SNIPPET_WIDTH {
            to = from + i;
            cut = true;
            break;
        }
    }
    let lead = if line_start.is_some() { "" } else { "..." };
    let shown = text[from..to].trim_end_matches('\r');
    let line = format!("{lead}{shown}{}", if cut { "..." } else { "" });
    let prefix = lead
        .chars()
        .chain(text[from..start].chars())
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let width = text[start..end.min(to).max(start)].chars().count().max(1);
    Snippet {
        line,
        prefix,
        width,
    }
}

/// Widest source line shown under a finding, in characters.
const SNIPPET_WIDTH: usize = 120;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_windowed_around_the_span() {
        // A short line is shown whole, with the caret under the span.
        let s = snippet("Hi,\nyour order is late.\nThanks", 14, 18);
        assert_eq!(s.line, "your order is late.");
        assert_eq!((s.prefix.len(), s.width), (10, 4));
        // A long line is cut to a window around the span, on both sides.
        let text = format!("{}late{}", "a".repeat(500), "b".repeat(500));
        let s = snippet(&text, 500, 504);
        assert_eq!(s.line.chars().count(), 3 + 120 + 3);
        assert!(s.line.starts_with("...") && s.line.ends_with("..."));
        assert_eq!(&s.line[s.prefix.len()..s.prefix.len() + 4], "late");
        assert_eq!(s.width, 4);
        // A span that starts near the line's beginning needs no lead.
        let s = snippet(&text, 10, 14);
        assert!(!s.line.starts_with("...") && s.line.ends_with("..."));
        assert_eq!(s.prefix.len(), 10);
        // A span at the end of the text is still marked.
        let s = snippet("late", 4, 4);
        assert_eq!((s.line.as_str(), s.width), ("late", 1));
    }
}
