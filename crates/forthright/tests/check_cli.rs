//! End-to-end tests of `forthright check`, `forthright rules` and `forthright rule`:
//! the real binary, real files, exit codes 0/1/2, JSON, SARIF (validated
//! against the vendored SARIF 2.1.0 schema), stdin, .eml, Markdown, config.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_forthright");

/// A clean call script: every playbook element, nothing to flag.
const CLEAN_CALL: &str = "Hi Dana, this is Sam from Larkspur Home. I'm afraid your standing desk is delayed by two weeks \
because our supplier's factory lost power in a storm. I'm sorry it will be late; I know you planned your new office around it. \
You can wait for the new date of Friday 14 March, take the Model B desk today at the same price, or cancel for a full refund. \
Which would you prefer? I'll call you on Friday 7 March with an update. Thank you for your patience.";

const BAD: &str = "Don't worry, it's just a small delay lol. The warehouse messed up again.";

fn run(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("NO_COLOR", "1");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("spawn forthright");
    if let Some(input) = stdin {
        // The process may exit before reading its input (usage errors).
        let _ = child.stdin.take().unwrap().write_all(input);
    }
    child.wait_with_output().unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, content: &[u8]) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn clean_message_exits_zero() {
    let d = tmp();
    let p = write(d.path(), "clean.txt", CLEAN_CALL.as_bytes());
    let o = run(
        &[
            "check",
            "--channel",
            "phone",
            "--kind",
            "delay",
            p.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("No problems found"));
}

#[test]
fn findings_exit_one_with_human_output_and_caret() {
    let d = tmp();
    let p = write(d.path(), "bad.txt", format!("Hello,\n{BAD}\n").as_bytes());
    let o = run(
        &[
            "check",
            "--select",
            "minimizing,humor,blame",
            p.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    let first = format!("{}:2:1: minimizing", p.display());
    assert!(out.contains(&first), "{out}");
    assert!(out.contains("2 | Don't worry"), "{out}");
    assert!(out.contains("  | ^^^^^^^^^^^"), "{out}");
    assert!(out.contains("humor"), "{out}");
    assert!(out.contains("blame"), "{out}");
    assert!(!out.contains("\x1b["), "no colour when not a terminal");
}

#[test]
fn long_lines_are_shown_as_a_window_around_the_finding() {
    // A voicemail script is one long line; the snippet must not be.
    let filler = "We checked every order by hand that morning. ".repeat(12);
    let p_text = format!("{filler}Don't worry about it.");
    let d = tmp();
    let p = write(d.path(), "long.txt", p_text.as_bytes());
    let o = run(
        &["check", "--select", "minimizing", p.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    let col = filler.chars().count() + 1;
    assert!(
        out.contains(&format!("long.txt:1:{col}: minimizing")),
        "{out}"
    );
    let source = out
        .lines()
        .find(|l| l.starts_with("1 | "))
        .expect("source line");
    assert!(
        source.starts_with("1 | ...") && source.contains("Don't worry"),
        "{out}"
    );
    assert!(source.chars().count() < 140, "{source}");
    let caret = out.lines().find(|l| l.contains('^')).expect("caret line");
    // The caret sits under the phrase it marks.
    let at = caret.find('^').unwrap();
    assert_eq!(&source[at..at + 11], "Don't worry", "{out}");
}

#[test]
fn json_output_has_the_documented_fields() {
    let o = run(
        &["check", "--format", "json", "--select", "humor", "-"],
        Some(b"ok\nsorry lol"),
        None,
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    let f = &arr[0];
    for key in [
        "rule",
        "severity",
        "message",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "principle",
    ] {
        assert!(f.get(key).is_some(), "missing {key}: {f}");
    }
    assert_eq!(f["rule"], "humor");
    assert_eq!(f["path"], "-");
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(7))
    );
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(2), Some(10))
    );
    assert_eq!(f["principle"], "P6");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(false)
        .build(&schema)
        .expect("schema compiles offline");
    let d = tmp();
    write(d.path(), "a b/one.txt", BAD.as_bytes());
    write(d.path(), "two.md", b"# Hi\n\nWe are sorry!! lol\n");
    let o = run(
        &["check", "--format", "sarif", d.path().to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "humor"));
    assert_eq!(
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        22
    );
    // An invalid log must fail the same validator: the test can fail.
    let mut broken = v.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("catastrophe");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn directories_are_walked_recursively() {
    let d = tmp();
    write(d.path(), "a.txt", b"lol");
    write(d.path(), "sub/deeper/b.md", b"haha");
    write(d.path(), "sub/ignored.json", b"lol");
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "--select",
            "humor",
            d.path().to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("a.txt")));
    assert!(paths.iter().any(|p| p.ends_with("b.md")));
}

#[test]
fn invalid_utf8_and_missing_files_exit_two_naming_the_file() {
    let d = tmp();
    let p = write(d.path(), "latin1.txt", b"caf\xe9 lol");
    let o = run(&["check", p.to_str().unwrap()], None, None);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("latin1.txt"), "{}", stderr(&o));
    assert!(stderr(&o).contains("UTF-8"), "{}", stderr(&o));
    let o = run(&["check", "/no/such/file.txt"], None, None);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("/no/such/file.txt"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(
        code(&run(
            &["check", "--select", "no-such-rule", "-"],
            Some(b"x"),
            None
        )),
        2
    );
    assert_eq!(
        code(&run(
            &["check", "--channel", "pigeon", "-"],
            Some(b"x"),
            None
        )),
        2
    );
    assert_eq!(code(&run(&["check"], None, None)), 2);
    assert_eq!(code(&run(&["rule", "no-such-rule"], None, None)), 2);
}

#[test]
fn eml_bodies_are_checked_as_email() {
    let d = tmp();
    let plain = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: Your order\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYour order is late lol.\r\n";
    let html = b"From: a@example.com\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Your order is <b>late</b> haha.</p>\r\n";
    write(d.path(), "plain.eml", plain);
    write(d.path(), "html.eml", html);
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "--select",
            "humor,written-channel",
            d.path().to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    for file in ["plain.eml", "html.eml"] {
        assert!(
            rules
                .iter()
                .any(|(p, r)| p.ends_with(file) && *r == "humor"),
            "{rules:?}"
        );
        // .eml is checked as email, so written-channel applies.
        assert!(
            rules
                .iter()
                .any(|(p, r)| p.ends_with(file) && *r == "written-channel"),
            "{rules:?}"
        );
    }
}

#[test]
fn markdown_positions_point_into_the_original_file() {
    let o = run(
        &[
            "check",
            "--format",
            "json",
            "--select",
            "humor",
            "--stdin-format",
            "markdown",
            "-",
        ],
        Some(b"# Title lol\n\n`lol` in code is fine, **haha** is not\n"),
        None,
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let arr = v.as_array().unwrap();
    let pos: Vec<(u64, u64)> = arr
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(pos, vec![(1, 9), (3, 26)]);
}

#[test]
fn config_file_and_cli_flags() {
    let d = tmp();
    write(
        d.path(),
        "forthright.toml",
        b"[other]\nx = 1\n[check]\nselect = [\"humor\", \"jargon\"]\njargon = [\"pick face\"]\n[check.severity]\nhumor = \"info\"\n",
    );
    let o = run(
        &["check", "--format", "json", "-"],
        Some(b"lol, the pick face is empty"),
        Some(d.path()),
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let got: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(got, vec![("humor", "info"), ("jargon", "warning")]);
    // --ignore adds to the config's ignore list.
    let o = run(
        &["check", "--ignore", "humor,jargon", "-"],
        Some(b"lol pick face"),
        Some(d.path()),
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    // A broken --config file is a usage error.
    let bad = write(d.path(), "bad.toml", b"[check]\nselect = 3\n");
    let o = run(
        &["check", "--config", bad.to_str().unwrap(), "-"],
        Some(b"x"),
        None,
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bad.toml"));
}

#[test]
fn inline_suppression() {
    let text = b"lol <!-- forthright: ignore[humor] -->\nhaha\n";
    let o = run(
        &["check", "--format", "json", "--select", "humor", "-"],
        Some(text),
        None,
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let lines: Vec<u64> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![2]);
}

#[test]
fn elements_are_shown() {
    let o = run(
        &["check", "--elements", "--channel", "phone", "-"],
        Some(CLEAN_CALL.as_bytes()),
        None,
    );
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    for e in [
        "news",
        "reason",
        "apology",
        "empathy",
        "alternative",
        "next-step",
        "question",
        "thanks",
    ] {
        assert!(
            out.lines()
                .any(|l| l.trim_start().starts_with(e) && l.contains("present")),
            "{e}: {out}"
        );
    }
    let o = run(
        &["check", "--elements", "--format", "json", "-"],
        Some(b"Your order is late."),
        None,
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let els = v["elements"][0]["elements"].as_array().unwrap();
    assert!(
        els.iter()
            .any(|e| e["element"] == "news" && e["present"] == true)
    );
    assert!(
        els.iter()
            .any(|e| e["element"] == "thanks" && e["present"] == false)
    );
}

#[test]
fn rules_and_rule() {
    let o = run(&["rules", "--json"], None, None);
    assert_eq!(code(&o), 0);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 22);
    let o = run(&["rules"], None, None);
    assert!(stdout(&o).contains("missing-thanks"));
    let o = run(&["rule", "conditional-apology"], None, None);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("P6") && out.contains("sorry if"), "{out}");
}
