//! The foundation end to end, through the real binary: generate a shop, import
//! it, detect and declare disruptions, run impact twice, list cases (P1).
//! Runs on SQLite always, and on PostgreSQL when FORTHRIGHT_TEST_POSTGRES_URL is set.

use serde_json::Value;
use std::path::Path;
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

fn json(db: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).expect("valid JSON")
}

fn import_shop(db: &str, dir: &Path) {
    for kind in ["customers", "products", "orders", "shipments"] {
        let file = dir.join(format!("{kind}.csv"));
        ok(db, &["import", kind, file.to_str().unwrap()]);
    }
}

fn flow(db: &str) {
    let dir = tempfile::tempdir().unwrap();
    let shop = dir.path().to_str().unwrap();
    ok(
        db,
        &[
            "generate",
            "--customers",
            "300",
            "--orders",
            "900",
            "--seed",
            "3",
            "--out",
            shop,
        ],
    );
    import_shop(db, dir.path());

    // Late ETAs in the shipments feed opened delay disruptions on import.
    let disruptions = json(db, &["disruptions", "--json"]);
    let delays: Vec<&Value> = disruptions
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "delay" && d["origin"] == "detected")
        .collect();
    assert!(!delays.is_empty(), "late ETAs are detected: {disruptions}");

    // Re-importing the same files changes nothing and detects nothing new.
    import_shop(db, dir.path());
    assert_eq!(json(db, &["disruptions", "--json"]), disruptions);

    // The stock feed sells out two best sellers: backorders open by themselves.
    ok(
        db,
        &[
            "import",
            "products",
            dir.path().join("stock-update.csv").to_str().unwrap(),
        ],
    );
    let after = json(db, &["disruptions", "--json"]);
    let backorders = after
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "backorder")
        .count();
    assert_eq!(backorders, 2, "{after}");

    // A declared disruption finds every open line in scope, once.
    let first = json(
        db,
        &[
            "disrupt",
            "--kind",
            "discontinued",
            "--category",
            "lamps",
            "--reason",
            "the maker of our lamps closed its factory",
            "--json",
        ],
    );
    let id = first["disruption"].as_i64().unwrap().to_string();
    assert!(first["affected_customers"].as_u64().unwrap() > 0, "{first}");
    let lines: u64 = first["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["lines"].as_u64().unwrap())
        .sum();
    assert_eq!(lines, first["affected_lines"].as_u64().unwrap());
    let again = json(db, &["impact", &id, "--json"]);
    assert_eq!(again, first, "impact is idempotent");

    let cases = json(db, &["cases", "--disruption", &id, "--json"]);
    assert_eq!(
        cases.as_array().unwrap().len() as u64,
        first["affected_customers"].as_u64().unwrap()
    );
    assert!(
        cases
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["state"] == "detected")
    );
}

#[test]
fn foundation_flow_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    flow(&format!(
        "sqlite://{}",
        dir.path().join("flow.db").display()
    ));
}

#[test]
fn foundation_flow_on_postgres() {
    let Ok(base) = std::env::var("FORTHRIGHT_TEST_POSTGRES_URL") else {
        eprintln!("skipping foundation_flow_on_postgres: FORTHRIGHT_TEST_POSTGRES_URL not set");
        return;
    };
    // A fresh schema per run, so runs never see each other's rows.
    let schema = format!(
        "cli_flow_{}_{}",
        std::process::id(),
        jiff::Timestamp::now().as_millisecond()
    );
    let mut client =
        postgres::Client::connect(&base, postgres::NoTls).expect("PostgreSQL reachable");
    client
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    flow(&format!("{base}{sep}options=-csearch_path%3D{schema}"));
    client
        .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .unwrap();
}

#[test]
fn bad_scope_and_unknown_disruption_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("e.db").display());
    let out = forthright(
        &db,
        &[
            "disrupt",
            "--kind",
            "backorder",
            "--sku",
            "NOPE",
            "--reason",
            "flood",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"NOPE\": no such product"));
    let out = forthright(&db, &["impact", "42"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no disruption with id 42"));
    let out = forthright(
        &db,
        &["disrupt", "--kind", "late", "--sku", "X", "--reason", "r"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one of backorder"));
}
