//! The importer end to end on a real SQLite store: files written here, read
//! from disk, committed or rolled back as a whole.

use forthright_core::{Channel, DisruptionKind, LineStatus, Money, Tier};
use forthright_import::{
    Format, ImportError, Imported, Kind, Options, Progress, detect_after, import_file,
};
use forthright_store::{Detected, Store};
use forthright_store_sqlite::SqliteStore;
use jiff::Timestamp;
use std::path::{Path, PathBuf};

struct Shop {
    dir: tempfile::TempDir,
    store: SqliteStore,
}

const CUSTOMERS: &str = "\
id,name,email,phone,timezone,preferred_channel,tier,do_not_contact
c1,Ana Silva,ana@example.com,+351 21 1234567,Europe/Lisbon,phone,gold,false
c2,Ben Okafor,,,Africa/Lagos,,,
c3,Chloe Martin,chloe@example.fr,,Europe/Paris,email,platinum,true
";

const PRODUCTS: &str = "\
sku,name,category,price,stock,features,status
K1,Kettle Pro,kettles,49.90,0,steel;1.7 l;auto off,active
K2,Kettle Lite,kettles,29.00,12,plastic;1.5 l,active
T1,Toaster Duo,toasters,39.50,4,2 slots,discontinued
";

const ORDERS: &str = "\
order_id,customer_id,sku,quantity,unit_price,placed_at,promised_at,paid,status
o1,c1,K1,1,49.90,2026-11-20T09:00:00Z,2026-11-27,true,open
o1,c1,T1,2,39.50,2026-11-20T09:00:00Z,2026-11-27,true,open
o2,c2,K1,1,45.00,2026-11-21T10:30:00+01:00,2026-11-28T18:00:00Z,false,open
o3,c3,K2,1,29.00,2026-11-01T08:00:00Z,2026-11-05,true,delivered
";

const SHIPMENTS: &str = "\
order_id,carrier,eta,reason
o1,DHL,2026-11-30T12:00:00Z,storm in the Alps
o3,UPS,2026-11-04,
";

fn now() -> Timestamp {
    "2026-11-23T12:00:00Z".parse().unwrap()
}

impl Shop {
    fn new() -> Shop {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("shop.db").display());
        let store = SqliteStore::open(&url).unwrap();
        Shop { dir, store }
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn import(&mut self, kind: Kind, path: &Path) -> Result<Imported, ImportError> {
        self.import_with(kind, path, &Options::default())
    }

    fn import_with(
        &mut self,
        kind: Kind,
        path: &Path,
        options: &Options,
    ) -> Result<Imported, ImportError> {
        import_file(&mut self.store, kind, path, options, &mut |_| {})
    }

    fn import_text(&mut self, kind: Kind, name: &str, text: &str) -> Result<Imported, ImportError> {
        let path = self.file(name, text);
        self.import(kind, &path)
    }

    /// The whole demo shop, from CSV.
    fn stocked() -> Shop {
        let mut shop = Shop::new();
        for (kind, name, text) in [
            (Kind::Customers, "customers.csv", CUSTOMERS),
            (Kind::Products, "products.csv", PRODUCTS),
            (Kind::Orders, "orders.csv", ORDERS),
            (Kind::Shipments, "shipments.csv", SHIPMENTS),
        ] {
            shop.import_text(kind, name, text).unwrap();
        }
        shop
    }
}

fn invalid(result: Result<Imported, ImportError>) -> (Vec<String>, u64) {
    match result {
        Err(ImportError::Invalid { errors, more, .. }) => {
            (errors.iter().map(|e| e.to_string()).collect(), more)
        }
        other => panic!("expected an invalid file, got {other:?}"),
    }
}

#[test]
fn a_whole_shop_imports_and_reads_back_exactly() {
    let mut shop = Shop::stocked();
    let counts = shop.store.counts().unwrap();
    assert_eq!(
        (
            counts.customers,
            counts.products,
            counts.order_lines,
            counts.shipments
        ),
        (3, 3, 4, 2)
    );
    let ana = shop.store.customer("c1").unwrap().unwrap();
    assert_eq!(ana.preferred_channel, Some(Channel::Phone));
    assert_eq!(ana.tier, Tier::Gold);
    let ben = shop.store.customer("c2").unwrap().unwrap();
    assert_eq!((ben.email, ben.tier), (None, Tier::Standard));
    assert!(shop.store.customer("c3").unwrap().unwrap().do_not_contact);
    let kettle = shop.store.product("K1").unwrap().unwrap();
    assert_eq!(kettle.price, Money::from_minor(4_990));
    assert_eq!(kettle.features, ["steel", "1.7 l", "auto off"]);
    let lines = shop
        .store
        .impact_candidates(&forthright_core::Scope {
            customers: vec!["c2".into()],
            ..Default::default()
        })
        .unwrap();
    assert_eq!(lines.len(), 1);
    let line = &lines[0].line;
    assert_eq!(line.unit_price, Money::from_minor(4_500));
    assert_eq!(line.placed_at, "2026-11-21T09:30:00Z".parse().unwrap());
    assert_eq!(line.status, LineStatus::Open);
    assert!(!line.paid);
}

#[test]
fn reimporting_a_file_changes_nothing_and_a_changed_row_is_updated() {
    let mut shop = Shop::stocked();
    let again = shop
        .import_text(Kind::Orders, "orders.csv", ORDERS)
        .unwrap();
    assert_eq!(
        (
            again.stats.rows,
            again.stats.unchanged,
            again.stats.inserted,
            again.stats.updated
        ),
        (4, 4, 0, 0)
    );
    let changed = ORDERS.replace("o2,c2,K1,1,45.00", "o2,c2,K1,3,45.00");
    let changed = format!("{changed}o4,c2,K2,1,29.00,2026-11-22T10:00:00Z,2026-12-01,false,open\n");
    let stats = shop
        .import_text(Kind::Orders, "orders.csv", &changed)
        .unwrap()
        .stats;
    assert_eq!(
        (stats.rows, stats.inserted, stats.updated, stats.unchanged),
        (5, 1, 1, 3)
    );
}

#[test]
fn one_bad_row_writes_nothing_of_the_file() {
    let mut shop = Shop::stocked();
    let before = shop.store.counts().unwrap();
    // Valid new rows first, then one bad row at the end.
    let text = format!(
        "{}c4,Dan,,,Europe/Berlin,,,\nc5,Eve,,,Mars/Olympus,,,\n",
        CUSTOMERS
    );
    let (errors, more) = invalid(shop.import_text(Kind::Customers, "customers.csv", &text));
    assert_eq!(
        errors,
        [format!(
            "{}:6: field \"timezone\": \"Mars/Olympus\" is not an IANA time zone like Europe/Berlin",
            shop.dir.path().join("customers.csv").display()
        )]
    );
    assert_eq!(more, 0);
    assert_eq!(shop.store.counts().unwrap(), before);
    assert_eq!(shop.store.customer("c4").unwrap(), None, "rolled back");
}

#[test]
fn errors_stop_at_max_errors_and_count_the_rest() {
    let mut shop = Shop::stocked();
    let mut text = String::from(ORDERS);
    for i in 0..30 {
        text.push_str(&format!(
            "x{i},c1,K2,1,1.00,2026-13-01,2026-12-01,false,open\n"
        ));
    }
    let path = shop.file("orders.csv", &text);
    let options = Options {
        max_errors: 5,
        ..Options::default()
    };
    let (errors, more) = invalid(shop.import_with(Kind::Orders, &path, &options));
    assert_eq!((errors.len(), more), (5, 25));
    assert!(
        errors[0].ends_with(
            "orders.csv:6: field \"placed_at\": \"2026-13-01\" is not an RFC 3339 timestamp like 2026-12-05T14:00:00Z"
        ),
        "{}",
        errors[0]
    );
    let report = ImportError::Invalid {
        file: "orders.csv".into(),
        errors: vec![],
        more: 25,
    }
    .to_string();
    assert!(report.ends_with("and 25 more errors"), "{report}");
}

#[test]
fn references_must_exist_in_the_store() {
    let mut shop = Shop::new();
    shop.import_text(Kind::Customers, "customers.csv", CUSTOMERS)
        .unwrap();
    let (errors, _) = invalid(shop.import_text(Kind::Orders, "orders.csv", ORDERS));
    assert_eq!(errors.len(), 4, "every line names a sku not yet imported");
    assert!(errors[0].contains("field \"sku\": \"K1\" is not a known sku (import products first)"));
    let (errors, _) = invalid(shop.import_text(Kind::Shipments, "shipments.csv", SHIPMENTS));
    assert!(
        errors[0]
            .contains("field \"order_id\": \"o1\" is not a known order id (import orders first)")
    );
}

#[test]
fn duplicate_keys_within_a_file_are_errors() {
    let mut shop = Shop::stocked();
    let text = format!("{SHIPMENTS}o1,DHL,2026-12-01T12:00:00Z,storm\n");
    let (errors, _) = invalid(shop.import_text(Kind::Shipments, "shipments.csv", &text));
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].ends_with(
            "shipments.csv:4: field \"order_id\": \"o1\" is a duplicate: this order's shipment is already on line 2"
        ),
        "{}",
        errors[0]
    );
}

#[test]
fn json_lines_import_the_same_data_as_csv() {
    let csv = Shop::stocked();
    let mut json = Shop::new();
    let customers = r#"{"id":"c1","name":"Ana Silva","email":"ana@example.com","phone":"+351 21 1234567","timezone":"Europe/Lisbon","preferred_channel":"phone","tier":"gold","do_not_contact":false}
{"id":"c2","name":"Ben Okafor","timezone":"Africa/Lagos"}
{"id":"c3","name":"Chloe Martin","email":"chloe@example.fr","timezone":"Europe/Paris","preferred_channel":"email","tier":"platinum","do_not_contact":true}
"#;
    let products = r#"{"sku":"K1","name":"Kettle Pro","category":"kettles","price":49.90,"stock":0,"features":["steel","1.7 l","auto off"],"status":"active"}
{"sku":"K2","name":"Kettle Lite","category":"kettles","price":"29.00","stock":12,"features":"plastic;1.5 l"}
{"sku":"T1","name":"Toaster Duo","category":"toasters","price":39.5,"stock":4,"features":["2 slots"],"status":"discontinued"}
"#;
    let orders = r#"{"order_id":"o1","customer_id":"c1","sku":"K1","quantity":1,"unit_price":"49.90","placed_at":"2026-11-20T09:00:00Z","promised_at":"2026-11-27","paid":true,"status":"open"}
{"order_id":"o1","customer_id":"c1","sku":"T1","quantity":2,"unit_price":"39.50","placed_at":"2026-11-20T09:00:00Z","promised_at":"2026-11-27","paid":true,"status":"open"}
{"order_id":"o2","customer_id":"c2","sku":"K1","quantity":1,"unit_price":45,"placed_at":"2026-11-21T10:30:00+01:00","promised_at":"2026-11-28T18:00:00Z","paid":false,"status":"open"}
{"order_id":"o3","customer_id":"c3","sku":"K2","quantity":1,"unit_price":"29.00","placed_at":"2026-11-01T08:00:00Z","promised_at":"2026-11-05","paid":true,"status":"delivered"}
"#;
    let shipments = r#"{"order_id":"o1","carrier":"DHL","eta":"2026-11-30T12:00:00Z","reason":"storm in the Alps"}
{"order_id":"o3","carrier":"UPS","eta":"2026-11-04","reason":null}
"#;
    for (kind, name, text) in [
        (Kind::Customers, "customers.jsonl", customers),
        (Kind::Products, "products.ndjson", products),
        (Kind::Orders, "orders.jsonl", orders),
        (Kind::Shipments, "shipments.jsonl", shipments),
    ] {
        json.import_text(kind, name, text).unwrap();
    }
    let dump = |store: &SqliteStore, table: &str| -> Vec<String> {
        let conn = store.connection();
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .unwrap();
        let width = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..width)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    for table in ["customers", "products", "order_lines", "shipments"] {
        assert_eq!(dump(&csv.store, table), dump(&json.store, table), "{table}");
    }
}

#[test]
fn the_format_comes_from_the_extension_or_the_option() {
    let mut shop = Shop::new();
    let path = shop.file("customers.txt", CUSTOMERS);
    assert!(matches!(
        shop.import(Kind::Customers, &path),
        Err(ImportError::UnknownFormat { .. })
    ));
    let options = Options {
        format: Some(Format::Csv),
        ..Options::default()
    };
    let imported = shop.import_with(Kind::Customers, &path, &options).unwrap();
    assert_eq!(imported.stats.inserted, 3);
    let missing = shop.dir.path().join("nope.csv");
    assert!(matches!(
        shop.import(Kind::Customers, &missing),
        Err(ImportError::Io { .. })
    ));
}

#[test]
fn progress_reaches_the_size_of_the_file() {
    let mut shop = Shop::new();
    let path = shop.file("customers.csv", CUSTOMERS);
    let mut last = None;
    import_file(
        &mut shop.store,
        Kind::Customers,
        &path,
        &Options::default(),
        &mut |p: Progress| last = Some(p),
    )
    .unwrap();
    let last = last.unwrap();
    assert_eq!(last.bytes, CUSTOMERS.len() as u64);
    assert_eq!(last.total, Some(CUSTOMERS.len() as u64));
    assert_eq!(last.records, 3);
}

#[test]
fn imports_detect_stock_outs_and_late_etas() {
    let mut shop = Shop::new();
    shop.import_text(Kind::Customers, "customers.csv", CUSTOMERS)
        .unwrap();
    let products = shop
        .import_text(Kind::Products, "products.csv", PRODUCTS)
        .unwrap();
    assert_eq!(products.stocked_out, ["K1"]);
    assert!(
        detect_after(&mut shop.store, &products, now())
            .unwrap()
            .is_empty(),
        "no order waits for K1 yet"
    );
    let orders = shop
        .import_text(Kind::Orders, "orders.csv", ORDERS)
        .unwrap();
    let found = detect_after(&mut shop.store, &orders, now()).unwrap();
    assert_eq!(found.len(), 1);
    let (backorder, impact) = &found[0];
    assert_eq!(
        backorder.disruption().details.kind,
        DisruptionKind::Backorder
    );
    assert_eq!(backorder.disruption().details.scope.skus, ["K1"]);
    assert_eq!(
        (impact.affected_customers, impact.affected_lines),
        (2, 2),
        "the waiting customers have cases at once"
    );
    // The ETA of o1 (30 Nov) passes its promised date (27 Nov): a delay (P1).
    let shipments = shop
        .import_text(Kind::Shipments, "shipments.csv", SHIPMENTS)
        .unwrap();
    let found = detect_after(&mut shop.store, &shipments, now()).unwrap();
    assert_eq!(found.len(), 1, "the backorder is unchanged and left out");
    let (delay, impact) = &found[0];
    assert!(matches!(delay, Detected::Opened(_)));
    assert_eq!(delay.disruption().details.kind, DisruptionKind::Delay);
    assert_eq!(delay.disruption().details.scope.orders, ["o1"]);
    assert_eq!(delay.disruption().details.scope.carriers, ["DHL"]);
    assert_eq!((impact.affected_customers, impact.affected_lines), (1, 2));
    // Importing the same feed again detects nothing new.
    let again = shop
        .import_text(Kind::Shipments, "shipments.csv", SHIPMENTS)
        .unwrap();
    assert!(
        detect_after(&mut shop.store, &again, now())
            .unwrap()
            .is_empty()
    );
    assert_eq!(shop.store.disruptions().unwrap().len(), 2);
}
