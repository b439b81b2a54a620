//! `forthright plan`, `script` and `templates check` through the real binary,
//! on SQLite (and PostgreSQL when FORTHRIGHT_TEST_POSTGRES_URL is set).

use serde_json::Value;
use std::process::{Command, Output};

const NOW: &str = "2026-11-23T09:00:00Z";

fn forthright(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_forthright"))
        .args(args)
        .env("FORTHRIGHT_DATABASE_URL", db)
        .env("FORTHRIGHT_NOW", NOW)
        .output()
        .expect("the binary runs")
}

fn ok(db: &str, args: &[&str]) -> String {
    let out = forthright(db, args);
    assert!(
        out.status.success(),
        "forthright {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn shop(db: &str, dir: &std::path::Path) {
    ok(
        db,
        &[
            "generate",
            "--customers",
            "200",
            "--orders",
            "800",
            "--seed",
            "5",
            "--out",
            dir.to_str().unwrap(),
        ],
    );
    for kind in ["customers", "products", "orders", "shipments"] {
        ok(
            db,
            &[
                "import",
                kind,
                dir.join(format!("{kind}.csv")).to_str().unwrap(),
            ],
        );
    }
}

fn plan_and_script(db: &str, dir: &std::path::Path) {
    shop(db, dir);
    let disruptions: Value = serde_json::from_str(&ok(db, &["disruptions", "--json"])).unwrap();
    let id = disruptions[0]["id"]
        .as_i64()
        .expect("a detected disruption");
    ok(db, &["impact", &id.to_string()]);
    let plan: Value = serde_json::from_str(&ok(db, &["plan", &id.to_string(), "--json"])).unwrap();
    let plans = plan["plans"].as_array().unwrap();
    assert!(!plans.is_empty());
    // In queue order, with reasons, ranks 1..n.
    let scores: Vec<i64> = plans
        .iter()
        .map(|p| p["priority"]["score"].as_i64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(plans[0]["rank"], 1);
    assert!(plan["schedule"]["p95_secs"].is_i64());
    let text = ok(db, &["plan", &id.to_string()]);
    assert!(text.contains("time to first contact p50"), "{text}");

    // The stored plan comes back with the message; every channel composes clean.
    let case = plans[0]["case_id"].as_i64().unwrap().to_string();
    for channel in ["phone", "voicemail", "email", "sms"] {
        let out: Value =
            serde_json::from_str(&ok(db, &["script", &case, "--channel", channel, "--json"]))
                .unwrap();
        assert_eq!(out["plan"]["case_id"], plans[0]["case_id"]);
        assert_eq!(out["message"]["channel"], channel);
        assert_eq!(out["message"]["ready"], true, "{}", out["message"]);
    }
    let script = ok(db, &["script", &case]);
    assert!(script.contains("ready to send: yes"), "{script}");
}

#[test]
fn plan_and_script_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("forthright-plan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}", dir.join("f.db").display());
    plan_and_script(&db, &dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn plan_and_script_on_postgres() {
    let Ok(url) = std::env::var("FORTHRIGHT_TEST_POSTGRES_URL") else {
        eprintln!("skipped: FORTHRIGHT_TEST_POSTGRES_URL is not set");
        return;
    };
    let dir = std::env::temp_dir().join(format!("forthright-plan-cli-pg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    plan_and_script(&url, &dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn templates_check_finds_a_careless_company_template() {
    let dir = std::env::temp_dir().join(format!("forthright-tpl-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = "sqlite::memory:";
    let clean = forthright(db, &["templates", "check"]);
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );
    std::fs::write(
        dir.join("sms.j2"),
        "{{ company.name }}: just a small delay, don't worry!",
    )
    .unwrap();
    let out = forthright(db, &["templates", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("sms.j2") && text.contains("minimizing"),
        "{text}"
    );
    std::fs::write(dir.join("sms.j2"), "line one\n{% if %}\n").unwrap();
    let out = forthright(db, &["templates", "check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sms.j2:2"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
