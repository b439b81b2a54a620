//! What the CLI tests share: running the real binary with a fixed clock, a
//! generated shop, and a fresh PostgreSQL schema per test.

#![allow(dead_code)] // each test file uses its own subset

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// The instant every CLI test runs at.
pub const NOW: &str = "2026-11-23T09:00:00Z";

/// Runs the binary against `db` with the fixed clock and default configuration.
pub fn forthright(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_forthright"))
        .args(args)
        .env("FORTHRIGHT_DATABASE_URL", db)
        .env("FORTHRIGHT_NOW", NOW)
        .env_remove("FORTHRIGHT_PLAN_CONFIG")
        .env_remove("FORTHRIGHT_GOODWILL_POLICY")
        .output()
        .expect("the binary runs")
}

/// Runs the binary, asserts success, returns stdout.
pub fn ok(db: &str, args: &[&str]) -> String {
    let out = forthright(db, args);
    assert!(
        out.status.success(),
        "forthright {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs the binary, asserts success, parses stdout as JSON.
pub fn json(db: &str, args: &[&str]) -> Value {
    let text = ok(db, args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"))
}

/// Generates a shop into `dir` and imports it (detection and impact run on import).
pub fn shop(db: &str, dir: &Path, customers: u32, orders: u32, seed: u32) {
    let (customers, orders, seed) = (customers.to_string(), orders.to_string(), seed.to_string());
    let out = dir.to_str().expect("utf-8 temp path");
    ok(
        db,
        &[
            "generate",
            "--customers",
            &customers,
            "--orders",
            &orders,
            "--seed",
            &seed,
            "--out",
            out,
        ],
    );
    import_shop(db, dir);
}

/// Imports the four generated files from `dir`.
pub fn import_shop(db: &str, dir: &Path) {
    for kind in ["customers", "products", "orders", "shipments"] {
        let file = dir.join(format!("{kind}.csv"));
        ok(
            db,
            &["import", kind, file.to_str().expect("utf-8 temp path")],
        );
    }
}

/// A fresh SQLite database in `dir`.
pub fn sqlite(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("forthright.db").display())
}

/// A PostgreSQL schema of its own for one test, dropped when the test ends, so
/// runs never see each other's rows.
pub struct PgSchema {
    client: postgres::Client,
    name: String,
    /// The URL that selects the schema.
    pub url: String,
}

impl PgSchema {
    /// A fresh schema, or `None` (with a printed notice) when
    /// FORTHRIGHT_TEST_POSTGRES_URL is not set.
    pub fn fresh(test: &str) -> Option<PgSchema> {
        let Ok(base) = std::env::var("FORTHRIGHT_TEST_POSTGRES_URL") else {
            eprintln!("skipping {test}: FORTHRIGHT_TEST_POSTGRES_URL not set");
            return None;
        };
        let name = format!(
            "cli_{test}_{}_{}",
            std::process::id(),
            jiff::Timestamp::now().as_microsecond()
        );
        let mut client =
            postgres::Client::connect(&base, postgres::NoTls).expect("PostgreSQL reachable");
        client
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .expect("create schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-csearch_path%3D{name}");
        Some(PgSchema { client, name, url })
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        let _ = self
            .client
            .batch_execute(&format!("DROP SCHEMA {} CASCADE", self.name));
    }
}
