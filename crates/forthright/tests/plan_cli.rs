//! `forthright plan`, `script` and `templates check` through the real binary,
//! on SQLite (and PostgreSQL when FORTHRIGHT_TEST_POSTGRES_URL is set).

use serde_json::Value;

mod common;

use common::{PgSchema, forthright, ok};

fn plan_and_script(db: &str, dir: &std::path::Path) {
    common::shop(db, dir, 200, 800, 5);
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
    let dir = tempfile::tempdir().unwrap();
    plan_and_script(&common::sqlite(dir.path()), dir.path());
}

#[test]
fn plan_and_script_on_postgres() {
    if let Some(schema) = PgSchema::fresh("plan_and_script") {
        let dir = tempfile::tempdir().unwrap();
        plan_and_script(&schema.url, dir.path());
    }
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
