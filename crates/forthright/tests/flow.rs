//! The foundation end to end, through the real binary: generate a shop, import
//! it, detect and declare disruptions, run impact twice, list cases (P1).
//! Runs on SQLite always, and on PostgreSQL when FORTHRIGHT_TEST_POSTGRES_URL is set.

use serde_json::Value;

mod common;

use common::{PgSchema, forthright, import_shop, json, ok};

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
    if let Some(schema) = PgSchema::fresh("foundation_flow") {
        flow(&schema.url);
    }
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
