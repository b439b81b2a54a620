//! Throughput of the full rule set on one core (issue 4: at least 50 MB/s).
//!
//! Concatenates the corpus messages (main.toml and heldout.toml) into a
//! realistic buffer of about 50 MB, then checks it single-threaded, message
//! by message with each message's channel and kind, and prints MB/s. Also
//! checks the whole buffer as one document, which exercises the linear-time
//! paths. Run with `cargo bench -p forthright-check`.

use forthright_check::{Checker, Config, Options};
use serde::Deserialize;
use std::time::Instant;

#[derive(Deserialize)]
struct Corpus {
    message: Vec<Message>,
}

#[derive(Deserialize)]
struct Message {
    kind: String,
    channel: String,
    text: String,
}

/// Bytes to check; `THROUGHPUT_MB` overrides the default of 50.
fn target() -> usize {
    std::env::var("THROUGHPUT_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(50)
        * 1024
        * 1024
}

/// CPU time of this process in seconds (utime + stime from /proc/self/stat),
/// so that a busy shared machine does not distort the figure; `None` off Linux.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut messages: Vec<(Options, String)> = Vec::new();
    for file in ["main.toml", "heldout.toml"] {
        let Ok(src) = std::fs::read_to_string(dir.join(file)) else {
            continue;
        };
        let corpus: Corpus = toml::from_str(&src).expect("corpus parses");
        for m in corpus.message {
            let opts = Options {
                channel: m.channel.parse().ok(),
                kind: m.kind.parse().ok(),
            };
            messages.push((opts, m.text));
        }
    }
    assert!(
        !messages.is_empty(),
        "no corpus messages found in {}",
        dir.display()
    );
    // Repeat the corpus to about 50 MB (or THROUGHPUT_MB).
    let corpus_bytes: usize = messages.iter().map(|(_, t)| t.len()).sum();
    let copies = target().div_ceil(corpus_bytes);
    let mut buffer = String::with_capacity(copies * (corpus_bytes + messages.len() * 2));
    let mut spans: Vec<(Options, usize, usize)> = Vec::new();
    for _ in 0..copies {
        for (opts, text) in &messages {
            let start = buffer.len();
            buffer.push_str(text);
            spans.push((*opts, start, buffer.len()));
            buffer.push_str("\n\n");
        }
    }
    let checker = Checker::new(&Config::default()).expect("default config");
    let mb = buffer.len() as f64 / (1024.0 * 1024.0);

    // Warm up, then take the best of three runs.
    let mut findings = 0usize;
    for (opts, a, b) in spans.iter().take(1000) {
        findings += checker.check(&buffer[*a..*b], opts).len();
    }
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let c0 = cpu_seconds();
        findings = 0;
        for (opts, a, b) in &spans {
            findings += checker.check(&buffer[*a..*b], opts).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c0, cpu_seconds()) {
            best_cpu = best_cpu.min(c1 - c0);
        }
    }
    println!(
        "per message: {} messages, {:.1} MB, {} findings, best wall {:.3} s = {:.1} MB/s, best CPU {:.3} s = {:.1} MB/s (one thread)",
        spans.len(),
        mb,
        findings,
        best,
        mb / best,
        best_cpu,
        mb / best_cpu
    );

    let t = Instant::now();
    let whole = checker.check(&buffer, &Options::default()).len();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "whole buffer as one document: {:.1} MB, {} findings, {:.3} s, {:.1} MB/s (one core)",
        mb,
        whole,
        secs,
        mb / secs
    );
}
