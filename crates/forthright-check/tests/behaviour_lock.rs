//! Behaviour lock for performance work: the full output of the checker
//! (every finding's rule, severity, span, positions, message and fix, and
//! every element's evidence) over every corpus message, compared line by line
//! with a snapshot recorded from a known-good build.
//!
//! Each message is checked several ways so that the fast paths (case folding,
//! typographic folds, offset maps) are all exercised: as labeled (channel and
//! kind), without options, in capitals, with typographic quotes and dashes,
//! and all messages of a file joined as one document.
//!
//! `UPDATE_LOCK=1 cargo test -p forthright-check --test behaviour_lock -- --ignored`
//! records `tests/behaviour_lock.jsonl` (generated, not kept in git). Record it with the code *before*
//! an optimisation, on the same rule definitions (`src/rules`, `src/elements.rs`,
//! corpus) the optimised code is then compared on; `bench/lock-compare.sh`
//! does that from a baseline commit.

use forthright_check::{Checker, Config, Options};
use serde::Deserialize;
use serde_json::json;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Corpus {
    message: Vec<Message>,
}

#[derive(Deserialize)]
struct Message {
    id: String,
    kind: String,
    channel: String,
    text: String,
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Straight quotes, apostrophes and dashes turned typographic, spaces after
/// sentence ends turned non-breaking: every fold of the normaliser fires.
fn typographic(t: &str) -> String {
    let mut out = String::with_capacity(t.len() * 2);
    let mut open = true;
    let mut prev = ' ';
    for c in t.chars() {
        match c {
            '\'' => out.push('\u{2019}'),
            '"' => {
                out.push(if open { '\u{201C}' } else { '\u{201D}' });
                open = !open;
            }
            '-' => out.push('\u{2014}'),
            ' ' if prev == '.' => out.push('\u{00A0}'),
            '!' => out.push('\u{FF01}'),
            _ => out.push(c),
        }
        prev = c;
    }
    out
}

fn line(checker: &Checker, id: &str, variant: &str, text: &str, opts: &Options) -> String {
    let out = checker.check_full(text, opts);
    let findings: Vec<_> = out
        .findings
        .iter()
        .map(|f| {
            json!([
                f.rule,
                f.severity.as_str(),
                f.principle,
                f.span.start,
                f.span.end,
                f.start.line,
                f.start.column,
                f.end.line,
                f.end.column,
                f.message,
                f.fix
            ])
        })
        .collect();
    let elements: Vec<_> = out
        .elements
        .iter()
        .map(|e| {
            let ev: Vec<_> = e
                .evidence
                .iter()
                .map(|v| {
                    assert_eq!(v.text, &text[v.span.start..v.span.end]);
                    json!([v.span.start, v.span.end, v.start.line, v.start.column])
                })
                .collect();
            json!([e.element.as_str(), e.present, ev])
        })
        .collect();
    // `check` must agree with `check_full`.
    let plain = checker.check(text, opts);
    assert_eq!(plain, out.findings, "{id} {variant}: check vs check_full");
    json!({"id": id, "variant": variant, "findings": findings, "elements": elements}).to_string()
}

/// Every snapshot line, and how many of them come from `main.toml` (the rest
/// are held out: a difference there is reported by position only).
fn record() -> (Vec<String>, usize) {
    let checker = Checker::new(&Config::default()).unwrap();
    let mut lines = Vec::new();
    let mut main_lines = 0;
    for file in ["main.toml", "heldout.toml"] {
        let src = std::fs::read_to_string(crate_dir().join("corpus").join(file)).unwrap();
        let corpus: Corpus = toml::from_str(&src).unwrap();
        let mut joined = String::new();
        for m in &corpus.message {
            let opts = Options {
                channel: Some(m.channel.parse().unwrap()),
                kind: Some(m.kind.parse().unwrap()),
            };
            lines.push(line(&checker, &m.id, "labeled", &m.text, &opts));
            lines.push(line(&checker, &m.id, "plain", &m.text, &Options::default()));
            lines.push(line(
                &checker,
                &m.id,
                "upper",
                &m.text.to_uppercase(),
                &opts,
            ));
            lines.push(line(
                &checker,
                &m.id,
                "typographic",
                &typographic(&m.text),
                &opts,
            ));
            joined.push_str(&m.text);
            joined.push_str("\n\n");
        }
        lines.push(line(&checker, file, "joined", &joined, &Options::default()));
        lines.push(line(
            &checker,
            file,
            "joined-typographic",
            &typographic(&joined),
            &Options::default(),
        ));
        if file == "main.toml" {
            main_lines = lines.len();
        }
    }
    (lines, main_lines)
}

/// FNV-1a over the rule definitions (`src/elements.rs`, `src/rules/*.rs`,
/// the corpus): the snapshot is only comparable on the definitions it was
/// recorded on.
fn rules_fingerprint() -> String {
    let dir = crate_dir();
    let mut files = vec![
        dir.join("src/elements.rs"),
        dir.join("corpus/main.toml"),
        dir.join("corpus/heldout.toml"),
    ];
    let mut rules: Vec<PathBuf> = std::fs::read_dir(dir.join("src/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    rules.sort();
    files.extend(rules);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in files {
        for b in std::fs::read(&f).unwrap() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

#[test]
#[ignore = "a tool for performance work: bench/lock-compare.sh records the lock from a baseline build, then runs this with --ignored"]
fn findings_match_the_recorded_snapshot() {
    let path = crate_dir().join("tests/behaviour_lock.jsonl");
    let (got, main_lines) = record();
    if std::env::var("UPDATE_LOCK").is_ok_and(|v| !v.is_empty()) {
        let mut s = format!("{{\"rules\": \"{}\"}}\n", rules_fingerprint());
        s.push_str(&got.join("\n"));
        s.push('\n');
        std::fs::write(&path, s).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; record it with UPDATE_LOCK=1 before optimising",
            path.display()
        )
    });
    let mut want: Vec<&str> = want.lines().collect();
    let recorded_on = want.first().copied().unwrap_or_default();
    if recorded_on != format!("{{\"rules\": \"{}\"}}", rules_fingerprint()) {
        // The rules changed since the snapshot: only an engine-vs-engine
        // comparison on the same rules means anything now.
        eprintln!(
            "behaviour lock skipped: snapshot recorded on other rule definitions; \
             run bench/lock-compare.sh"
        );
        return;
    }
    want.remove(0);
    let mut diffs = Vec::new();
    for (i, g) in got.iter().enumerate() {
        let w = want.get(i).copied().unwrap_or("<missing>");
        if w != g {
            diffs.push(i);
        }
    }
    if want.len() != got.len() {
        panic!(
            "snapshot has {} lines, run gives {}: corpus changed? re-record on the same rule definitions",
            want.len(),
            got.len()
        );
    }
    if !diffs.is_empty() {
        let mut msg = format!("{} of {} lines differ\n", diffs.len(), got.len());
        for &i in diffs.iter().take(5) {
            if i < main_lines {
                msg.push_str(&format!("--- want\n{}\n+++ got\n{}\n", want[i], got[i]));
            } else {
                msg.push_str(&format!("held-out line {} differs\n", i + 1));
            }
        }
        panic!("{msg}");
    }
}
