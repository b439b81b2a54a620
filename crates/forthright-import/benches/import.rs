//! Import benchmark (SQLite): our full import against the floor, side by side
//! in one run, at 100k, 300k and 1M order lines.
//!
//! ```text
//! cargo bench -p forthright-import --bench import
//! cargo bench -p forthright-import --bench import -- --sizes 100000,1000000 --reps 5
//! ```
//!
//! For each size the bench writes a deterministic shop (orders.csv with N
//! lines, N/5 customers, 5,000 products; seed fixed) under Cargo's target tmp
//! dir, then, `--reps` times, runs two child processes (this same binary,
//! re-executed), each on a fresh SQLite file opened by `SqliteStore::open` so
//! schema and pragmas are identical:
//!
//! - **import**: `forthright_import::import_file` of customers.csv then
//!   orders.csv (read from disk, parsed, validated, reference and duplicate
//!   checks, upserted), exactly what `forthright import` runs;
//! - **floor**: the same rows, parsed into memory before the clock starts,
//!   then a plain prepared `INSERT` per row, one transaction per table.
//!
//! Products are imported untimed first in both, so both databases end alike.
//! Each child reports its times and its peak resident memory (`VmHWM` from
//! `/proc/self/status`, i.e. the whole process's high-water mark). The table
//! shows medians. Afterwards the bench declares a disruption touching 5% of
//! the lines (by SKU) in the last imported database and times impact
//! analysis: the candidates query, and `run_impact` end to end (candidates,
//! grouping, cases written, summary read back).

use forthright_core::{
    Customer, DisruptionKind, Money, NewDisruption, OrderLine, Origin, Scope, Tier,
};
use forthright_import::{Kind, Options, fields, import_file};
use forthright_store::Store;
use forthright_store_sqlite::SqliteStore;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SEED: u64 = 0x5eed_f047;
const PRODUCTS: usize = 5_000;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        child(
            &args[i + 1],
            Path::new(&args[i + 2]),
            Path::new(&args[i + 3]),
        );
        return;
    }
    let mut sizes = vec![100_000, 300_000, 1_000_000];
    let mut reps = 3;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--sizes" => {
                sizes = it
                    .next()
                    .expect("--sizes N,N,...")
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse().expect("a number"))
                    .collect();
            }
            "--reps" => reps = it.next().expect("--reps N").parse().expect("a number"),
            _ => {} // `--bench` and friends from cargo
        }
    }
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("import-bench");
    println!(
        "import benchmark: sizes {sizes:?}, {reps} repetitions each, medians shown; data under {}",
        root.display()
    );
    let mut rows = Vec::new();
    for &lines in &sizes {
        let dir = root.join(format!("shop-{lines}"));
        let t = Instant::now();
        generate(&dir, lines);
        eprintln!("[{lines}] data ready in {:.1} s", t.elapsed().as_secs_f64());
        let mut floor = Vec::new();
        let mut ours = Vec::new();
        let mut last_db = PathBuf::new();
        for rep in 0..reps {
            // Alternate which goes first, so neither always gets the warmer cache.
            let order = if rep % 2 == 0 {
                ["floor", "import"]
            } else {
                ["import", "floor"]
            };
            for mode in order {
                let db = dir.join(format!("{mode}.db"));
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
                let m = run_child(mode, &db, &dir);
                eprintln!(
                    "[{lines}] rep {rep} {mode:>6}: customers {:.2} s, orders {:.2} s, total {:.2} s, peak RSS {} MB",
                    m.customers_s,
                    m.orders_s,
                    m.customers_s + m.orders_s,
                    m.rss_kb / 1024
                );
                if mode == "import" {
                    ours.push(m);
                    last_db = db;
                } else {
                    floor.push(m);
                }
            }
        }
        let impact = impact(&last_db, lines);
        rows.push(Row {
            lines,
            floor: Measured::median(&floor),
            ours: Measured::median(&ours),
            impact,
        });
    }
    println!("{}", table(&rows));
}

/// One child's figures.
#[derive(Clone, Copy)]
struct Measured {
    customers_s: f64,
    orders_s: f64,
    rss_kb: u64,
}

impl Measured {
    fn total(&self) -> f64 {
        self.customers_s + self.orders_s
    }

    /// The run with the median total (its parts stay consistent), and the
    /// highest peak memory seen.
    fn median(runs: &[Measured]) -> Measured {
        let mut sorted = runs.to_vec();
        sorted.sort_by(|a, b| a.total().total_cmp(&b.total()));
        let mut m = sorted[sorted.len() / 2];
        m.rss_kb = runs.iter().map(|r| r.rss_kb).max().unwrap_or(0);
        m
    }
}

struct Impact {
    lines: usize,
    customers: usize,
    candidates_ms: f64,
    run_impact_ms: f64,
    rerun_ms: f64,
    /// A first run's steps: candidates, grouping, apply, reading cases, summary.
    steps: [f64; 5],
}

struct Row {
    lines: usize,
    floor: Measured,
    ours: Measured,
    impact: Impact,
}

fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n| order lines | customers | floor (s) | import (s) | import / floor | import lines/s | import peak RSS (MB) | floor peak RSS (MB) |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} ({:.2} + {:.2}) | {:.2} ({:.2} + {:.2}) | {:.2}x | {:.0} | {} | {} |",
            r.lines,
            r.lines / 5,
            r.floor.total(),
            r.floor.customers_s,
            r.floor.orders_s,
            r.ours.total(),
            r.ours.customers_s,
            r.ours.orders_s,
            r.ours.total() / r.floor.total(),
            (r.lines + r.lines / 5) as f64 / r.ours.total(),
            r.ours.rss_kb / 1024,
            r.floor.rss_kb / 1024,
        );
    }
    let _ = writeln!(
        out,
        "\n| order lines | lines in scope | cases | impact_candidates (ms) | run_impact, first (ms) | run_impact, again (ms) | first run's steps: candidates + group + apply + read cases + summary (ms) |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---|");
    for r in rows {
        let i = &r.impact;
        let [c, g, a, rd, s] = i.steps;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.0} | {:.0} | {:.0} | {c:.0} + {g:.0} + {a:.0} + {rd:.0} + {s:.0} |",
            r.lines, i.lines, i.customers, i.candidates_ms, i.run_impact_ms, i.rerun_ms
        );
    }
    if let (Some(first), Some(last)) = (rows.first(), rows.last())
        && last.lines > first.lines
    {
        let g = |a: f64, b: f64| b / a;
        let _ = writeln!(
            out,
            "\nGrowth from {} to {} lines ({:.0}x the data): floor {:.1}x, import {:.1}x, import peak RSS {:.1}x, run_impact {:.1}x.",
            first.lines,
            last.lines,
            last.lines as f64 / first.lines as f64,
            g(first.floor.total(), last.floor.total()),
            g(first.ours.total(), last.ours.total()),
            g(first.ours.rss_kb as f64, last.ours.rss_kb as f64),
            g(first.impact.run_impact_ms, last.impact.run_impact_ms),
        );
    }
    out
}

fn run_child(mode: &str, db: &Path, dir: &Path) -> Measured {
    let exe = std::env::current_exe().expect("the bench binary");
    let out = Command::new(exe)
        .args(["--child", mode])
        .arg(db)
        .arg(dir)
        .output()
        .expect("child runs");
    assert!(
        out.status.success(),
        "{mode} child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("RESULT "))
        .expect("the child reports");
    let v: Vec<&str> = line.split_whitespace().collect();
    Measured {
        customers_s: v[1].parse().expect("seconds"),
        orders_s: v[2].parse().expect("seconds"),
        rss_kb: v[3].parse().expect("kB"),
    }
}

/// Peak resident set size of this process, in kB (Linux).
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
        })
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0)
}

fn child(mode: &str, db: &Path, dir: &Path) {
    let url = format!("sqlite://{}", db.display());
    let mut store = SqliteStore::open(&url).expect("open");
    let quiet = &mut |_| {};
    import_file(
        &mut store,
        Kind::Products,
        &dir.join("products.csv"),
        &Options::default(),
        quiet,
    )
    .expect("products import");
    let (customers_s, orders_s) = match mode {
        "import" => {
            let t = Instant::now();
            let c = import_file(
                &mut store,
                Kind::Customers,
                &dir.join("customers.csv"),
                &Options::default(),
                quiet,
            )
            .expect("customers import");
            let customers_s = t.elapsed().as_secs_f64();
            let t = Instant::now();
            let o = import_file(
                &mut store,
                Kind::Orders,
                &dir.join("orders.csv"),
                &Options::default(),
                quiet,
            )
            .expect("orders import");
            let orders_s = t.elapsed().as_secs_f64();
            assert_eq!(
                c.stats.inserted + o.stats.inserted,
                c.stats.rows + o.stats.rows
            );
            (customers_s, orders_s)
        }
        "floor" => floor(&store, dir),
        other => panic!("unknown child mode {other}"),
    };
    println!("RESULT {customers_s:.4} {orders_s:.4} {}", peak_rss_kb());
}

/// The floor: rows parsed before the clock starts, then a plain prepared
/// INSERT per row, one transaction per table, same schema and pragmas.
fn floor(store: &SqliteStore, dir: &Path) -> (f64, f64) {
    let customers = parse_customers(&dir.join("customers.csv"));
    let lines = parse_orders(&dir.join("orders.csv"));
    let conn = store.connection();

    let t = Instant::now();
    conn.execute_batch("BEGIN").expect("begin");
    {
        let mut stmt = conn
            .prepare(
                "INSERT INTO customers
                     (id, name, email, phone, timezone, preferred_channel, tier, do_not_contact)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .expect("prepare");
        for c in &customers {
            stmt.execute(rusqlite::params![
                c.id,
                c.name,
                c.email,
                c.phone,
                c.timezone,
                c.preferred_channel.map(|ch| ch.as_str()),
                c.tier.as_str(),
                c.do_not_contact,
            ])
            .expect("insert customer");
        }
    }
    conn.execute_batch("COMMIT").expect("commit");
    let customers_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    conn.execute_batch("BEGIN").expect("begin");
    {
        let mut stmt = conn
            .prepare(
                "INSERT INTO order_lines
                     (order_id, sku, customer_id, quantity, unit_price, placed_at, promised_at,
                      paid, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .expect("prepare");
        for l in &lines {
            stmt.execute(rusqlite::params![
                l.order_id,
                l.sku,
                l.customer_id,
                l.quantity,
                l.unit_price.minor(),
                l.placed_at.as_second(),
                l.promised_at.as_second(),
                l.paid,
                l.status.as_str(),
            ])
            .expect("insert line");
        }
    }
    conn.execute_batch("COMMIT").expect("commit");
    (customers_s, t.elapsed().as_secs_f64())
}

fn csv_records(path: &Path) -> impl Iterator<Item = csv::StringRecord> {
    csv::Reader::from_path(path)
        .expect("open")
        .into_records()
        .map(|r| r.expect("record"))
}

fn parse_customers(path: &Path) -> Vec<Customer> {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    csv_records(path)
        .map(|r| Customer {
            id: r[0].to_owned(),
            name: r[1].to_owned(),
            email: opt(&r[2]),
            phone: opt(&r[3]),
            timezone: r[4].to_owned(),
            preferred_channel: (!r[5].is_empty()).then(|| r[5].parse().expect("channel")),
            tier: if r[6].is_empty() {
                Tier::Standard
            } else {
                r[6].parse().expect("tier")
            },
            do_not_contact: &r[7] == "true",
        })
        .collect()
}

fn parse_orders(path: &Path) -> Vec<OrderLine> {
    csv_records(path)
        .map(|r| OrderLine {
            order_id: r[0].to_owned(),
            customer_id: r[1].to_owned(),
            sku: r[2].to_owned(),
            quantity: r[3].parse().expect("quantity"),
            unit_price: Money::parse(&r[4]).expect("price"),
            placed_at: fields::timestamp(&r[5]).expect("placed_at"),
            promised_at: fields::timestamp_or_date(&r[6]).expect("promised_at"),
            paid: &r[7] == "true",
            status: r[8].parse().expect("status"),
        })
        .collect()
}

/// Declares a backorder on the first SKUs holding 5% of all lines (open or
/// not; impact keeps the open ones) and times impact analysis.
fn impact(db: &Path, lines: usize) -> Impact {
    let mut store = SqliteStore::open(&format!("sqlite://{}", db.display())).expect("open");
    let target = lines / 20;
    let mut skus = Vec::new();
    {
        let conn = store.connection();
        let mut stmt = conn
            .prepare(
                "SELECT sku, count(*) FROM order_lines WHERE status = 'open' GROUP BY sku ORDER BY sku",
            )
            .expect("prepare");
        let mut rows = stmt.query([]).expect("query");
        let mut total = 0usize;
        while let Some(row) = rows.next().expect("row") {
            if total >= target {
                break;
            }
            skus.push(row.get::<_, String>(0).expect("sku"));
            total += row.get::<_, i64>(1).expect("count") as usize;
        }
    }
    let scope = Scope {
        skus,
        ..Scope::default()
    };
    let t = Instant::now();
    let candidates = store.impact_candidates(&scope).expect("candidates");
    let candidates_ms = t.elapsed().as_secs_f64() * 1e3;
    let in_scope = candidates.iter().filter(|l| scope.matches(l)).count();
    let now = jiff::Timestamp::from_second(1_795_000_000).expect("instant");
    let d = store
        .create_disruption(&NewDisruption {
            kind: DisruptionKind::Backorder,
            scope,
            reason: "our supplier's plant closed after a flood".into(),
            new_date: Some(now),
            amount: None,
            known_since: now,
            origin: Origin::Declared,
            detection_key: None,
        })
        .expect("disruption");
    let t = Instant::now();
    let summary = store.run_impact(d.id, now).expect("impact");
    let run_impact_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let again = store.run_impact(d.id, now).expect("impact again");
    let rerun_ms = t.elapsed().as_secs_f64() * 1e3;
    assert_eq!(summary, again, "impact is idempotent");
    assert_eq!(summary.affected_lines, in_scope);
    // The steps of a first run, on a second disruption with the same scope.
    let d2 = store.create_disruption(&d.details).expect("disruption");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let lines = store
        .impact_candidates(&d2.details.scope)
        .expect("candidates");
    let step_candidates = ms(t);
    let t = Instant::now();
    let drafts = forthright_core::impact::group_into_cases(&d2.details, lines);
    let step_group = ms(t);
    let t = Instant::now();
    store.apply_impact(d2.id, &drafts, now).expect("apply");
    let step_apply = ms(t);
    let t = Instant::now();
    let cases = store.cases(Some(d2.id)).expect("cases");
    let step_cases = ms(t);
    let t = Instant::now();
    let summary2 = forthright_core::impact::ImpactSummary::of(d2.id, &cases);
    let step_summary = ms(t);
    assert_eq!(summary2.affected_lines, summary.affected_lines);
    Impact {
        lines: summary.affected_lines,
        customers: summary.affected_customers,
        candidates_ms,
        run_impact_ms,
        rerun_ms,
        steps: [
            step_candidates,
            step_group,
            step_apply,
            step_cases,
            step_summary,
        ],
    }
}

/// A small deterministic generator (xorshift64*), so the bench needs nothing
/// but itself. Files are rewritten only when missing.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ZONES: &[&str] = &[
    "Europe/Berlin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/London",
    "Europe/Warsaw",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "Africa/Lagos",
    "Africa/Nairobi",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Australia/Sydney",
    "Pacific/Auckland",
];

fn generate(dir: &Path, lines: usize) {
    let done = dir.join(".complete");
    if done.exists() {
        return;
    }
    std::fs::create_dir_all(dir).expect("data dir");
    let mut rng = Rng(SEED ^ lines as u64);
    let customers = lines / 5;
    let file = |name: &str| {
        BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(dir.join(name)).expect("create"),
        )
    };

    let mut w = file("products.csv");
    writeln!(w, "sku,name,category,price,stock,features,status").unwrap();
    let mut prices = Vec::with_capacity(PRODUCTS);
    for p in 0..PRODUCTS {
        let price = 500 + rng.below(20_000) as i64;
        prices.push(price);
        writeln!(
            w,
            "SKU-{p:05},Product {p},category-{:02},{},{},feature-{};feature-{},active",
            p % 60,
            Money::from_minor(price),
            rng.below(200) + 1,
            rng.below(20),
            rng.below(20)
        )
        .unwrap();
    }
    w.flush().unwrap();

    let mut w = file("customers.csv");
    writeln!(
        w,
        "id,name,email,phone,timezone,preferred_channel,tier,do_not_contact"
    )
    .unwrap();
    for c in 0..customers {
        let email = if rng.below(10) < 8 {
            format!("customer{c}@example.com")
        } else {
            String::new()
        };
        let phone = if rng.below(10) < 6 {
            format!("+49 30 {:07}", rng.below(10_000_000))
        } else {
            String::new()
        };
        let channel = ["", "", "phone", "email", "sms"][rng.below(5) as usize];
        let tier = ["", "standard", "silver", "gold", "platinum"][rng.below(5) as usize];
        let dnc = if rng.below(50) == 0 { "true" } else { "false" };
        writeln!(
            w,
            "C{c:07},Customer {c},{email},{phone},{},{channel},{tier},{dnc}",
            ZONES[rng.below(ZONES.len() as u64) as usize]
        )
        .unwrap();
    }
    w.flush().unwrap();

    let mut w = file("orders.csv");
    writeln!(
        w,
        "order_id,customer_id,sku,quantity,unit_price,placed_at,promised_at,paid,status"
    )
    .unwrap();
    let start = 1_767_225_600; // 2026-01-01T00:00:00Z
    let (mut written, mut order) = (0usize, 0usize);
    while written < lines {
        order += 1;
        let n = (1 + rng.below(4) as usize).min(lines - written);
        let customer = rng.below(customers as u64);
        let placed = start + rng.below(330 * 86_400) as i64;
        let promised = placed + (3 + rng.below(8) as i64) * 86_400;
        let status = match rng.below(100) {
            0..70 => "open",
            70..90 => "shipped",
            90..98 => "delivered",
            _ => "cancelled",
        };
        let paid = rng.below(3) > 0;
        let first = rng.below(PRODUCTS as u64) as usize;
        for k in 0..n {
            // Distinct SKUs within an order.
            let p = (first + k * 7) % PRODUCTS;
            let placed_at = jiff::Timestamp::from_second(placed).unwrap();
            let promised_at = jiff::Timestamp::from_second(promised).unwrap();
            let promised_text = if rng.below(2) == 0 {
                promised_at.strftime("%Y-%m-%d").to_string()
            } else {
                promised_at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
            };
            writeln!(
                w,
                "O{order:08},C{customer:07},SKU-{p:05},{},{},{},{promised_text},{paid},{status}",
                1 + rng.below(3),
                Money::from_minor(prices[p]),
                placed_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            )
            .unwrap();
        }
        written += n;
    }
    w.flush().unwrap();
    std::fs::write(done, "").unwrap();
}
