//! Generated documentation: `docs/rules.md` is rendered from the registry,
//! and a test fails when the file on disk is stale (`UPDATE_DOCS=1` rewrites it).

use crate::registry::rules;
use std::fmt::Write;

/// Renders the rule reference (`docs/rules.md`) from the registry.
pub fn rules_markdown() -> String {
    let mut s = String::new();
    s.push_str("# Message checker rules\n\n");
    s.push_str(
        "<!-- Generated from crates/forthright-check/src/registry.rs; do not edit. \
         Regenerate with `UPDATE_DOCS=1 cargo test -p forthright-check --test docs`. -->\n\n",
    );
    s.push_str(
        "`forthright check` enforces the bad-news playbook (shared PLAYBOOK.md). Rule ids are \
         stable; select or ignore them with `--select`/`--ignore` or the `[check]` section of \
         `forthright.toml`, and silence one line with `forthright: ignore[rule-id]` or a whole \
         message with `forthright: ignore-file[rule-id]`.\n\n",
    );
    s.push_str("| id | category | severity | principle | flags |\n|---|---|---|---|---|\n");
    for r in rules() {
        let _ = writeln!(
            s,
            "| [`{}`](#{}) | {} | {} | {} | {} |",
            r.id,
            r.id,
            r.category,
            r.severity,
            r.principle,
            r.summary.replace('|', "\\|")
        );
    }
    for r in rules() {
        let _ = write!(
            s,
            "\n## {}\n\n{}\n\n- category: {}\n- default severity: {}\n- principle: {}\n\n{}\n",
            r.id, r.summary, r.category, r.severity, r.principle, r.rationale
        );
        let _ = writeln!(s, "\nFlagged:\n");
        for ex in r.bad {
            let _ = writeln!(s, "- {}{}", ctx(ex), quote(ex.text));
        }
        let _ = writeln!(s, "\nNot flagged:\n");
        for ex in r.good {
            let _ = writeln!(s, "- {}{}", ctx(ex), quote(ex.text));
        }
    }
    s
}

fn ctx(ex: &crate::Example) -> String {
    match (ex.channel, ex.kind) {
        (None, None) => String::new(),
        (Some(c), None) => format!("({c}) "),
        (None, Some(k)) => format!("({k}) "),
        (Some(c), Some(k)) => format!("({c}, {k}) "),
    }
}

fn quote(t: &str) -> String {
    format!("`{}`", t.replace('`', "'"))
}
