//! `forthright generate`: a realistic, deterministic shop to try forthright on
//! and to benchmark it with, written as the import files.

use anyhow::Context;
use clap::Args;
use jiff::{SignedDuration, Timestamp};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `forthright generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of customers.
    #[arg(long, default_value_t = 1_000)]
    pub customers: u64,
    /// Number of orders (each has one to four lines).
    #[arg(long, default_value_t = 3_000)]
    pub orders: u64,
    /// Seed: the same seed gives the same shop.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The day the data describes ("today" in the shop), a date or RFC 3339 timestamp.
    #[arg(long, default_value = "2026-11-23T08:00:00Z", value_parser = parse_when)]
    pub today: Timestamp,
    /// Directory to write customers.csv, products.csv, orders.csv, shipments.csv
    /// and stock-update.csv into (created if missing).
    #[arg(long)]
    pub out: PathBuf,
}

fn parse_when(s: &str) -> Result<Timestamp, String> {
    forthright_core::time::parse_instant(s).map_err(|e| e.to_string())
}

/// Runs `forthright generate`.
pub fn generate(args: GenerateArgs) -> anyhow::Result<ExitCode> {
    let summary = write_shop(
        &args.out,
        args.customers,
        args.orders,
        args.seed,
        args.today,
    )?;
    println!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// A small deterministic random source (SplitMix64): the same seed, the same shop,
/// on every machine and version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Anna", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hiroshi", "Ingrid", "Jonas",
    "Kavya", "Liam", "María", "Noah", "Olga", "Pedro", "Qing", "Rosa", "Sven", "Tariq", "Ursula",
    "Viktor", "Wen", "Ximena", "Yusuf", "Zoë",
];
const LAST: &[&str] = &[
    "Müller",
    "Smith",
    "García",
    "Rossi",
    "Dubois",
    "Nowak",
    "Kowalski",
    "Tanaka",
    "Okafor",
    "Johansson",
    "Silva",
    "Novak",
    "Kim",
    "Brown",
    "Schmidt",
    "Costa",
    "Ivanova",
    "Patel",
    "Murphy",
    "Jensen",
];
const ZONES: &[&str] = &[
    "Europe/Berlin",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Warsaw",
    "Europe/Stockholm",
    "Europe/Lisbon",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/Toronto",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Africa/Lagos",
    "Africa/Johannesburg",
];
/// Categories with the features their products draw from.
const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "kettles",
        &[
            "1.7 l",
            "stainless steel",
            "temperature control",
            "keep warm",
            "cordless",
            "limescale filter",
            "quiet boil",
        ],
    ),
    (
        "coffee machines",
        &[
            "espresso",
            "milk frother",
            "grinder",
            "15 bar",
            "programmable",
            "thermo jug",
            "pod compatible",
        ],
    ),
    (
        "headphones",
        &[
            "wireless",
            "noise cancelling",
            "over-ear",
            "in-ear",
            "30 h battery",
            "microphone",
            "foldable",
        ],
    ),
    (
        "office chairs",
        &[
            "lumbar support",
            "adjustable arms",
            "mesh back",
            "headrest",
            "tilt lock",
            "150 kg load",
        ],
    ),
    (
        "desks",
        &[
            "height adjustable",
            "oak veneer",
            "cable tray",
            "memory presets",
            "160 cm",
            "140 cm",
        ],
    ),
    (
        "monitors",
        &[
            "27 inch",
            "4k",
            "usb-c",
            "144 hz",
            "height adjustable",
            "ips panel",
            "speakers",
        ],
    ),
    (
        "backpacks",
        &[
            "waterproof",
            "laptop sleeve",
            "30 l",
            "chest strap",
            "recycled fabric",
            "rain cover",
        ],
    ),
    (
        "running shoes",
        &[
            "trail",
            "road",
            "cushioned",
            "lightweight",
            "wide fit",
            "waterproof",
            "carbon plate",
        ],
    ),
    (
        "cookware",
        &[
            "non-stick",
            "induction ready",
            "oven safe",
            "cast iron",
            "stainless steel",
            "glass lid",
        ],
    ),
    (
        "lamps",
        &[
            "dimmable",
            "warm white",
            "smart home",
            "battery",
            "clamp",
            "led",
        ],
    ),
];
const BRANDS: &[&str] = &[
    "Nordlicht",
    "Alder",
    "Kestrel",
    "Maple & Co",
    "Vireo",
    "Solberg",
    "Tamarind",
    "Quill",
];
const CARRIERS: &[&str] = &["DHL", "UPS", "DPD", "GLS", "FedEx"];
const DELAY_REASONS: &[&str] = &[
    "a storm closed the regional sorting hub",
    "the parcel is held for customs inspection",
    "a backlog at the sorting centre after a system outage",
];

struct Product {
    sku: String,
    price_minor: u64,
}

/// Writes the shop into `dir` and returns a one-paragraph summary.
pub fn write_shop(
    dir: &Path,
    customers: u64,
    orders: u64,
    seed: u64,
    today: Timestamp,
) -> anyhow::Result<String> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut rng = Rng(seed ^ 0x5EED_F0F0_F0F0_5EED);
    let writer = |name: &str| {
        let path = dir.join(name);
        csv::Writer::from_path(&path).with_context(|| format!("creating {}", path.display()))
    };

    // Customers.
    let mut w = writer("customers.csv")?;
    w.write_record([
        "id",
        "name",
        "email",
        "phone",
        "timezone",
        "preferred_channel",
        "tier",
        "do_not_contact",
    ])?;
    for i in 1..=customers {
        let first = rng.pick(FIRST);
        let last = rng.pick(LAST);
        let email = if rng.chance(95) {
            format!("{}.{}{}@example.com", ascii(first), ascii(last), i)
        } else {
            String::new()
        };
        let phone = if rng.chance(88) {
            format!(
                "+{} {:03} {:07}",
                1 + rng.below(89),
                rng.below(1000),
                rng.below(10_000_000)
            )
        } else {
            String::new()
        };
        let preferred = match rng.below(100) {
            0..=69 => "",
            70..=84 => "email",
            85..=94 => "phone",
            _ => "sms",
        };
        let tier = match rng.below(100) {
            0..=69 => "standard",
            70..=86 => "silver",
            87..=96 => "gold",
            _ => "platinum",
        };
        let dnc = if rng.chance(2) { "true" } else { "false" };
        w.write_record([
            customer_id(i).as_str(),
            &format!("{first} {last}"),
            &email,
            &phone,
            *rng.pick(ZONES),
            preferred,
            tier,
            dnc,
        ])?;
    }
    w.flush()?;

    // Products: a catalogue that grows slowly with the shop, so substitutes exist.
    let per_category = (customers / 400).clamp(6, 60);
    let mut products = Vec::new();
    let mut w = writer("products.csv")?;
    let mut stock_update = writer("stock-update.csv")?;
    for row in [&mut w, &mut stock_update] {
        row.write_record([
            "sku", "name", "category", "price", "stock", "features", "status",
        ])?;
    }
    let mut sold_out = Vec::new();
    let mut best_sellers = Vec::new();
    for (c, (category, features)) in CATEGORIES.iter().enumerate() {
        for n in 0..per_category {
            let sku = format!("{}-{:03}", &category[..3].to_uppercase(), n + 1);
            let mut own: Vec<&str> = features
                .iter()
                .copied()
                .filter(|_| rng.chance(55))
                .collect();
            if own.is_empty() {
                own.push(features[n as usize % features.len()]);
            }
            let price_minor = (19 + rng.below(380)) * 100 + [0, 49, 90, 99][rng.below(4) as usize];
            // The first product of each category is its best seller, never discontinued.
            let discontinued = n > 0 && rng.chance(4);
            let stock = if discontinued { 0 } else { 5 + rng.below(400) };
            let name = format!("{} {} {}", rng.pick(BRANDS), singular(category), n + 1);
            let record = |stock: u64| {
                [
                    sku.clone(),
                    name.clone(),
                    category.to_string(),
                    format!("{}.{:02}", price_minor / 100, price_minor % 100),
                    stock.to_string(),
                    own.join(";"),
                    if discontinued {
                        "discontinued"
                    } else {
                        "active"
                    }
                    .to_string(),
                ]
            };
            w.write_record(record(stock))?;
            // The stock feed a day later: the first product of two categories sells out.
            let sells_out = n == 0 && (c == 0 || c == 2);
            if sells_out {
                sold_out.push(sku.clone());
            }
            stock_update.write_record(record(if sells_out { 0 } else { stock }))?;
            if n == 0 {
                best_sellers.push(products.len());
            }
            if !discontinued {
                products.push(Product { sku, price_minor });
            }
        }
    }
    w.flush()?;
    stock_update.flush()?;

    // Orders, one row per line, and the carriers' ETA feed.
    let mut w = writer("orders.csv")?;
    w.write_record([
        "order_id",
        "customer_id",
        "sku",
        "quantity",
        "unit_price",
        "placed_at",
        "promised_at",
        "paid",
        "status",
    ])?;
    let mut s = writer("shipments.csv")?;
    s.write_record(["order_id", "carrier", "eta", "reason"])?;
    let (mut lines, mut late) = (0u64, 0u64);
    for o in 1..=orders {
        let order_id = format!("O{:07}", o);
        let customer = customer_id(1 + rng.below(customers.max(1)));
        let age_hours = rng.below(30 * 24) as i64;
        let placed = today - SignedDuration::from_hours(age_hours);
        let promised = placed + SignedDuration::from_hours(24 * (3 + rng.below(6) as i64));
        let status = if promised < today - SignedDuration::from_hours(24) {
            if rng.chance(95) {
                "delivered"
            } else {
                "cancelled"
            }
        } else if age_hours > 48 && rng.chance(50) {
            "shipped"
        } else {
            "open"
        };
        let paid = if rng.chance(80) { "true" } else { "false" };
        let n_lines = 1 + [0, 0, 0, 1, 1, 2, 3][rng.below(7) as usize];
        let mut used = Vec::new();
        for _ in 0..n_lines {
            // Best sellers are picked more often, so a stock-out hurts many orders.
            let idx = if rng.chance(30) {
                *rng.pick(&best_sellers)
            } else {
                rng.below(products.len() as u64) as usize
            };
            let p = &products[idx];
            if used.contains(&p.sku) {
                continue;
            }
            used.push(p.sku.clone());
            lines += 1;
            w.write_record([
                order_id.as_str(),
                &customer,
                &p.sku,
                &(1 + [0, 0, 0, 1, 2][rng.below(5) as usize]).to_string(),
                &format!("{}.{:02}", p.price_minor / 100, p.price_minor % 100),
                &placed.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
                &promised.strftime("%Y-%m-%d").to_string(),
                paid,
                status,
            ])?;
        }
        // Carriers report ETAs for orders they hold or are about to collect.
        // Three carriers each have one incident this week that makes some of their parcels late.
        if status == "shipped" || (status == "open" && rng.chance(60)) {
            let c = rng.below(CARRIERS.len() as u64) as usize;
            let carrier = CARRIERS[c];
            let (eta, reason) = if status == "open" && c < DELAY_REASONS.len() && rng.chance(20) {
                late += 1;
                let slip = 24 * (2 + rng.below(6) as i64);
                (
                    promised + SignedDuration::from_hours(slip),
                    DELAY_REASONS[c],
                )
            } else {
                (
                    promised - SignedDuration::from_hours(rng.below(20) as i64 + 4),
                    "on schedule",
                )
            };
            s.write_record([
                &order_id,
                carrier,
                &eta.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
                reason,
            ])?;
        }
    }
    w.flush()?;
    s.flush()?;
    Ok(format!(
        "wrote {customers} customers, {} products, {orders} orders ({lines} lines), shipments with {late} late ETAs, \
         and a stock update in which {} sell out, to {}",
        products.len(),
        sold_out.join(" and "),
        dir.display()
    ))
}

fn customer_id(i: u64) -> String {
    format!("C{i:06}")
}

fn singular(category: &str) -> String {
    let words: Vec<&str> = category.split(' ').collect();
    let last = words.last().copied().unwrap_or(category);
    let one = last
        .strip_suffix("es")
        .filter(|s| s.ends_with("ss") || s.ends_with("sh"))
        .unwrap_or_else(|| last.strip_suffix('s').unwrap_or(last));
    let mut title = words[..words.len() - 1].join(" ");
    if !title.is_empty() {
        title.push(' ');
    }
    title.push_str(one);
    let mut chars = title.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn ascii(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'é' | 'ë' => 'e',
            'í' => 'i',
            'ö' => 'o',
            'ü' => 'u',
            other => other,
        })
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_shop_other_seed_other_shop() {
        let today: Timestamp = "2026-11-23T08:00:00Z".parse().unwrap();
        let dirs = [(); 3].map(|_| tempfile::tempdir().unwrap());
        write_shop(dirs[0].path(), 50, 120, 7, today).unwrap();
        write_shop(dirs[1].path(), 50, 120, 7, today).unwrap();
        write_shop(dirs[2].path(), 50, 120, 8, today).unwrap();
        let read =
            |d: &tempfile::TempDir| std::fs::read_to_string(d.path().join("orders.csv")).unwrap();
        assert_eq!(read(&dirs[0]), read(&dirs[1]));
        assert_ne!(read(&dirs[0]), read(&dirs[2]));
        let shipments = std::fs::read_to_string(dirs[0].path().join("shipments.csv")).unwrap();
        assert!(shipments.lines().count() > 1, "carriers report ETAs");
    }

    #[test]
    fn names_read_naturally() {
        assert_eq!(singular("kettles"), "Kettle");
        assert_eq!(singular("office chairs"), "Office chair");
        assert_eq!(singular("running shoes"), "Running shoe");
        assert_eq!(ascii("Zoë"), "zoe");
        assert_eq!(ascii("María"), "maria");
    }
}
