//! `forthright import` as a person runs it: a real binary, real files, a
//! fresh SQLite database per test.

use std::path::Path;
use std::process::{Command, Output};

const CUSTOMERS: &str = "\
id,name,email,phone,timezone,preferred_channel,tier,do_not_contact
c1,Ana Silva,ana@example.com,,Europe/Lisbon,phone,gold,false
c2,Ben Okafor,,,Africa/Lagos,,,
";

const PRODUCTS: &str = "\
sku,name,category,price,stock,features,status
K1,Kettle Pro,kettles,49.90,0,steel;1.7 l,active
K2,Kettle Lite,kettles,29.00,12,plastic,active
";

const ORDERS: &str = "\
order_id,customer_id,sku,quantity,unit_price,placed_at,promised_at,paid,status
o1,c1,K1,1,49.90,2026-11-20T09:00:00Z,2026-11-27,true,open
o2,c2,K1,2,45.00,2026-11-21T10:30:00Z,2026-11-28,false,open
";

fn forthright(dir: &Path, args: &[&str]) -> Output {
    let url = format!("sqlite://{}", dir.join("shop.db").display());
    Command::new(env!("CARGO_BIN_EXE_forthright"))
        .args(args)
        .env("FORTHRIGHT_DATABASE_URL", url)
        .env("FORTHRIGHT_NOW", "2026-11-23T12:00:00Z")
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, content: &str) {
    std::fs::write(dir.join(name), content).unwrap();
}

#[test]
fn importing_a_shop_reports_rows_and_what_was_detected() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "customers.csv", CUSTOMERS);
    write(d, "products.csv", PRODUCTS);
    write(d, "orders.csv", ORDERS);
    for kind in ["customers", "products"] {
        let out = forthright(d, &["import", kind, &format!("{kind}.csv")]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let out = forthright(d, &["import", "orders", "orders.csv"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("imported 2 orders from orders.csv in "),
        "{stdout}"
    );
    assert!(stdout.contains("2 new, 0 updated, 0 unchanged"), "{stdout}");
    assert!(
        stdout.contains(
            "detected: opened backorder disruption 1: 2 customers, 2 lines, 139.90 at stake"
        ),
        "{stdout}"
    );
    // Again, as JSON: nothing changes and nothing new is detected.
    let out = forthright(d, &["import", "orders", "orders.csv", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["imported"]["unchanged"], 2);
    assert_eq!(report["imported"]["kind"], "orders");
    assert_eq!(report["detected"], serde_json::json!([]));
}

#[test]
fn an_invalid_file_exits_2_with_every_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bad = format!("{CUSTOMERS}c3,Chloe,chloe@,,Europe/Paris,,,\nc4,Dan,,,Mars/Olympus,fax,,\n");
    write(d, "customers.csv", &bad);
    let out = forthright(d, &["import", "customers", "customers.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("customers.csv: 3 errors, nothing was imported"),
        "{stderr}"
    );
    assert!(
        stderr.contains("customers.csv:4: field \"email\": \"chloe@\" is not an email address"),
        "{stderr}"
    );
    assert!(
        stderr.contains("customers.csv:5: field \"timezone\": \"Mars/Olympus\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("customers.csv:5: field \"preferred_channel\": \"fax\""),
        "{stderr}"
    );
    let out = forthright(
        d,
        &[
            "import",
            "customers",
            "customers.csv",
            "--max-errors",
            "1",
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"][0]["line"], 4);
    assert_eq!(report["errors"][0]["field"], "email");
    assert_eq!(report["more"], 2);
    // Nothing was written: orders for c1 are refused for want of customers.
    write(d, "products.csv", PRODUCTS);
    write(d, "orders.csv", ORDERS);
    assert!(
        forthright(d, &["import", "products", "products.csv"])
            .status
            .success()
    );
    let out = forthright(d, &["import", "orders", "orders.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a known customer id"));
}

#[test]
fn json_lines_are_chosen_by_extension_or_format() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let line = r#"{"id":"c1","name":"Ana","timezone":"Europe/Lisbon"}"#;
    write(d, "customers.ndjson", line);
    write(d, "customers.txt", line);
    let out = forthright(d, &["import", "customers", "customers.ndjson"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = forthright(d, &["import", "customers", "customers.txt"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("cannot tell the format"),
        "{}",
        text(&out.stderr)
    );
    let out = forthright(
        d,
        &["import", "customers", "customers.txt", "--format", "jsonl"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("0 new, 0 updated, 1 unchanged"));
}
