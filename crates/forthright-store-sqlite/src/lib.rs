//! The SQLite backend of the forthright store: the embedded default, one file,
//! no server.
//!
//! [`SqliteStore::open`] takes `sqlite://forthright.db`, `sqlite:relative.db`,
//! `sqlite:///absolute/path.db`, `sqlite::memory:` or a plain path, creates the
//! file when missing, turns on WAL and runs the embedded, versioned migrations
//! (`migrations/*.sql`, recorded in `schema_migrations`).
//!
//! Conventions shared with the PostgreSQL backend: timestamps are INTEGER unix
//! seconds, money INTEGER minor units, enums their text form, lists JSON text.

mod import;
mod migrate;

use forthright_core::detect::LateOrder;
use forthright_core::{
    Case, CaseDraft, CaseEvent, CaseId, CaseLine, CaseState, Customer, Disruption, DisruptionId,
    DisruptionKind, DisruptionState, ImpactLine, Money, NewDisruption, OrderLine, Product, Scope,
};
use forthright_store::{Applied, Counts, ImportTx, KeyKind, Result, Store, StoreError};
use jiff::Timestamp;
use rusqlite::types::Type;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, params};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::str::FromStr;

pub use import::SqliteImport;
pub use migrate::{LATEST_VERSION, MIGRATIONS, Migration};

/// Where a SQLite URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A private in-memory database (`sqlite::memory:`).
    Memory,
    /// A database file, created when missing.
    File(PathBuf),
}

impl Location {
    /// Reads `sqlite://forthright.db`, `sqlite:relative.db`, `sqlite:///abs.db`,
    /// `sqlite::memory:` or a plain path. A `?query` suffix is ignored.
    pub fn parse(url: &str) -> std::result::Result<Location, String> {
        let url = url.trim();
        let rest = match url.strip_prefix("sqlite:") {
            Some(rest) => rest.strip_prefix("//").unwrap_or(rest),
            None if url.contains("://") => {
                return Err(
                    "not a SQLite URL: expected sqlite://FILE, sqlite:FILE or sqlite::memory:"
                        .into(),
                );
            }
            None => url,
        };
        let rest = rest.split_once('?').map_or(rest, |(path, _)| path);
        match rest {
            ":memory:" => Ok(Location::Memory),
            "" => Err("the URL names no file: expected sqlite://FILE or sqlite::memory:".into()),
            path => Ok(Location::File(PathBuf::from(path))),
        }
    }
}

/// The page cache each connection may use, in KiB (negative `cache_size`).
/// Bulk imports touch three b-trees per order line; a generous cache keeps
/// them in memory without taking the process anywhere near 300 MB.
const CACHE_KIB: i64 = 64 * 1024;

/// A forthright store in one SQLite database.
pub struct SqliteStore {
    conn: Connection,
    location: Location,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database a URL names.
    pub fn open(url: &str) -> Result<SqliteStore> {
        let open_err = |reason: String| StoreError::Open {
            url: url.to_owned(),
            reason,
        };
        let location = Location::parse(url).map_err(open_err)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = match &location {
            Location::Memory => Connection::open_in_memory(),
            Location::File(path) => Connection::open_with_flags(path, flags),
        }
        .map_err(|e| open_err(e.to_string()))?;
        let mut store = SqliteStore { conn, location };
        store.configure().map_err(|e| open_err(e.to_string()))?;
        migrate::run(&mut store.conn).map_err(|e| match e {
            migrate::Error::Sql(e) => open_err(format!("migrating the schema failed: {e}")),
            migrate::Error::TooNew { found, known } => open_err(format!(
                "the database has schema version {found}, newer than this forthright knows ({known}); upgrade forthright"
            )),
        })?;
        Ok(store)
    }

    /// A fresh private in-memory store.
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::open("sqlite::memory:")
    }

    /// Where the database lives.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> Result<i64> {
        migrate::current_version(&self.conn).map_err(db)
    }

    /// The underlying connection, for benchmarks (the import floor) and diagnostics.
    /// Writing through it bypasses every rule the store keeps.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn configure(&mut self) -> rusqlite::Result<()> {
        if matches!(self.location, Location::File(_)) {
            // WAL: readers never block the writer; with synchronous=NORMAL a
            // commit is durable against crashes of the process and needs no fsync.
            // (Some file systems refuse WAL; the store then keeps the rollback journal.)
            let _mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        self.conn.execute_batch(&format!(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -{CACHE_KIB};"
        ))?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        self.conn.set_prepared_statement_cache_capacity(64);
        Ok(())
    }
}

/// Wraps a database error.
pub(crate) fn db(e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, reason) => StoreError::Corrupt {
            what: "record",
            reason: reason.to_string(),
        },
        e => StoreError::Database(Box::new(e)),
    }
}

/// Reads a text column into a domain enum, a bad value being corruption.
fn text<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let s: String = row.get(idx)?;
    s.parse()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

fn opt_text<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    match row.get::<_, Option<String>>(idx)? {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))),
    }
}

fn ts(row: &Row<'_>, idx: usize) -> rusqlite::Result<Timestamp> {
    let secs: i64 = row.get(idx)?;
    Timestamp::from_second(secs)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Integer, Box::new(e)))
}

fn opt_ts(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Timestamp>> {
    match row.get::<_, Option<i64>>(idx)? {
        None => Ok(None),
        Some(secs) => Timestamp::from_second(secs).map(Some).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, Type::Integer, Box::new(e))
        }),
    }
}

fn json<T: serde::de::DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let s: String = row.get(idx)?;
    serde_json::from_str(&s)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e)))
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("lists of strings always serialise")
}

const CUSTOMER_COLUMNS: &str =
    "id, name, email, phone, timezone, preferred_channel, tier, do_not_contact";

fn customer_row(r: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        timezone: r.get(4)?,
        preferred_channel: opt_text(r, 5)?,
        tier: text(r, 6)?,
        do_not_contact: r.get(7)?,
    })
}

const PRODUCT_COLUMNS: &str = "sku, name, category, price, stock, features, status";

fn product_row(r: &Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        sku: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        price: Money::from_minor(r.get(3)?),
        stock: r.get(4)?,
        features: json(r, 5)?,
        status: text(r, 6)?,
    })
}

const DISRUPTION_COLUMNS: &str =
    "id, state, kind, scope, reason, new_date, amount, known_since, origin, detection_key";

fn disruption_row(r: &Row<'_>) -> rusqlite::Result<Disruption> {
    Ok(Disruption {
        id: r.get(0)?,
        state: text(r, 1)?,
        details: NewDisruption {
            kind: text(r, 2)?,
            scope: json(r, 3)?,
            reason: r.get(4)?,
            new_date: opt_ts(r, 5)?,
            amount: r.get::<_, Option<i64>>(6)?.map(Money::from_minor),
            known_since: ts(r, 7)?,
            origin: text(r, 8)?,
            detection_key: r.get(9)?,
        },
    })
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
}

fn duplicate_key(details: &NewDisruption) -> StoreError {
    StoreError::Invalid(format!(
        "an open disruption with detection key {:?} already exists",
        details.detection_key.as_deref().unwrap_or_default()
    ))
}

impl SqliteStore {
    /// Open lines in `scope`, for [`Store::impact_candidates`]; products are
    /// joined only `with_category` and shipments only `with_shipment` (see
    /// [`candidates_query`]).
    fn candidates(
        &self,
        scope: &Scope,
        with_category: bool,
        with_shipment: bool,
    ) -> Result<Vec<ImpactLine>> {
        if scope.is_empty() {
            return Ok(Vec::new());
        }
        let (sql, params) = candidates_query(scope, with_category, with_shipment);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(db)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok(ImpactLine {
                    line: OrderLine {
                        order_id: r.get(0)?,
                        customer_id: r.get(1)?,
                        sku: r.get(2)?,
                        quantity: r.get(3)?,
                        unit_price: Money::from_minor(r.get(4)?),
                        placed_at: ts(r, 5)?,
                        promised_at: ts(r, 6)?,
                        paid: r.get(7)?,
                        status: text(r, 8)?,
                    },
                    category: r.get(9)?,
                    carrier: r.get(10)?,
                    eta: opt_ts(r, 11)?,
                })
            })
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    }

    fn count(&self, table: &str) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(db)?;
        Ok(n as u64)
    }

    /// Cases and their lines; `filter` is a WHERE clause on `cases` aliased `c`.
    fn load_cases(&self, filter: &str, param: Option<i64>) -> Result<Vec<Case>> {
        let mut cases = Vec::new();
        let mut index = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached(&format!(
                    "SELECT c.id, c.disruption_id, c.customer_id, c.state, c.opened_at
                     FROM cases c {filter}"
                ))
                .map_err(db)?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(param), |r| {
                    Ok(Case {
                        id: r.get(0)?,
                        disruption_id: r.get(1)?,
                        customer_id: r.get(2)?,
                        state: text(r, 3)?,
                        lines: Vec::new(),
                        opened_at: ts(r, 4)?,
                    })
                })
                .map_err(db)?;
            for case in rows {
                cases.push(case.map_err(db)?);
            }
        }
        // Sorted here rather than by SQL: the planner would build a temporary
        // b-tree for an ORDER BY on ids found through the (disruption,
        // customer) index, which costs more than sorting in memory.
        cases.sort_unstable_by_key(|c| c.id);
        index.extend(cases.iter().enumerate().map(|(i, c)| (c.id, i)));
        if cases.is_empty() {
            return Ok(cases);
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT cl.case_id, cl.order_id, cl.sku, cl.quantity, cl.value, cl.paid,
                        cl.promised_at, cl.expected_at
                 FROM cases c JOIN case_lines cl ON cl.case_id = c.id {filter}"
            ))
            .map_err(db)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(param), |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    CaseLine {
                        order_id: r.get(1)?,
                        sku: r.get(2)?,
                        quantity: r.get(3)?,
                        value: Money::from_minor(r.get(4)?),
                        paid: r.get(5)?,
                        promised_at: ts(r, 6)?,
                        expected_at: opt_ts(r, 7)?,
                    },
                ))
            })
            .map_err(db)?;
        for row in rows {
            let (case_id, line) = row.map_err(db)?;
            if let Some(&i) = index.get(&case_id) {
                cases[i].lines.push(line);
            }
        }
        // Lines arrive per case in primary-key order as a rule; sorting an
        // already sorted run is linear, and makes the order a guarantee.
        for case in &mut cases {
            case.lines
                .sort_unstable_by(|a, b| (&a.order_id, &a.sku).cmp(&(&b.order_id, &b.sku)));
        }
        Ok(cases)
    }
}

impl Store for SqliteStore {
    fn begin_import(&mut self) -> Result<Box<dyn ImportTx + '_>> {
        Ok(Box::new(SqliteImport::begin(&self.conn)?))
    }

    fn known_keys(&mut self, kind: KeyKind) -> Result<HashSet<String>> {
        let (table, sql) = match kind {
            KeyKind::Customers => ("customers", "SELECT id FROM customers"),
            KeyKind::Skus => ("products", "SELECT sku FROM products"),
            KeyKind::Orders => ("order_lines", "SELECT DISTINCT order_id FROM order_lines"),
        };
        let capacity = self.count(table)? as usize;
        let mut keys = HashSet::with_capacity(capacity);
        let mut stmt = self.conn.prepare_cached(sql).map_err(db)?;
        let mut rows = stmt.query([]).map_err(db)?;
        while let Some(row) = rows.next().map_err(db)? {
            keys.insert(row.get::<_, String>(0).map_err(db)?);
        }
        keys.shrink_to_fit();
        Ok(keys)
    }

    fn counts(&mut self) -> Result<Counts> {
        Ok(Counts {
            customers: self.count("customers")?,
            products: self.count("products")?,
            order_lines: self.count("order_lines")?,
            shipments: self.count("shipments")?,
            disruptions: self.count("disruptions")?,
            cases: self.count("cases")?,
        })
    }

    fn customer(&mut self, id: &str) -> Result<Option<Customer>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?1"
            ))
            .and_then(|mut s| s.query_row([id], customer_row).optional())
            .map_err(db)
    }

    fn product(&mut self, sku: &str) -> Result<Option<Product>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {PRODUCT_COLUMNS} FROM products WHERE sku = ?1"
            ))
            .and_then(|mut s| s.query_row([sku], product_row).optional())
            .map_err(db)
    }

    fn stocked_out_with_waiting_lines(
        &mut self,
        skus: Option<&[String]>,
    ) -> Result<Vec<(Product, u64)>> {
        let narrow = if skus.is_some() {
            "AND p.sku IN (SELECT value FROM json_each(?1))"
        } else {
            ""
        };
        let sql = format!(
            "SELECT * FROM (
                 SELECT {cols},
                        (SELECT count(*) FROM order_lines ol
                          WHERE ol.sku = p.sku AND ol.status = 'open') AS waiting
                 FROM products p
                 WHERE p.stock <= 0 {narrow})
             WHERE waiting > 0
             ORDER BY sku",
            cols = PRODUCT_COLUMNS
                .split(", ")
                .map(|c| format!("p.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(db)?;
        let params: Vec<String> = skus.map(to_json).into_iter().collect();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok((product_row(r)?, r.get::<_, i64>(7)? as u64))
            })
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    }

    fn late_orders(&mut self) -> Result<Vec<LateOrder>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.order_id, s.carrier, s.reason, s.eta
                 FROM shipments s
                 WHERE EXISTS (SELECT 1 FROM order_lines ol
                               WHERE ol.order_id = s.order_id
                                 AND ol.status = 'open'
                                 AND ol.promised_at < s.eta)
                 ORDER BY s.order_id",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LateOrder {
                    order_id: r.get(0)?,
                    carrier: r.get(1)?,
                    reason: r.get(2)?,
                    eta: ts(r, 3)?,
                })
            })
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    }

    fn create_disruption(&mut self, new: &NewDisruption) -> Result<Disruption> {
        new.validate().map_err(StoreError::Invalid)?;
        let result = self
            .conn
            .prepare_cached(
                "INSERT INTO disruptions
                     (kind, state, scope, reason, new_date, amount, known_since, origin, detection_key)
                 VALUES (?1, 'open', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    new.kind.as_str(),
                    to_json(&new.scope),
                    new.reason,
                    new.new_date.map(|t| t.as_second()),
                    new.amount.map(Money::minor),
                    new.known_since.as_second(),
                    new.origin.as_str(),
                    new.detection_key,
                ])
            });
        match result {
            Ok(_) => {}
            Err(e) if is_constraint(&e) => return Err(duplicate_key(new)),
            Err(e) => return Err(db(e)),
        }
        let id = self.conn.last_insert_rowid();
        Ok(Disruption {
            id,
            state: DisruptionState::Open,
            details: new.clone(),
        })
    }

    fn open_disruption_by_key(&mut self, key: &str) -> Result<Option<Disruption>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {DISRUPTION_COLUMNS} FROM disruptions
                 WHERE detection_key = ?1 AND state = 'open'"
            ))
            .and_then(|mut s| s.query_row([key], disruption_row).optional())
            .map_err(db)
    }

    fn update_disruption(
        &mut self,
        id: DisruptionId,
        details: &NewDisruption,
    ) -> Result<Disruption> {
        details.validate().map_err(StoreError::Invalid)?;
        let result = self
            .conn
            .prepare_cached(
                "UPDATE disruptions
                 SET kind = ?2, scope = ?3, reason = ?4, new_date = ?5, amount = ?6,
                     known_since = ?7, origin = ?8, detection_key = ?9
                 WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    details.kind.as_str(),
                    to_json(&details.scope),
                    details.reason,
                    details.new_date.map(|t| t.as_second()),
                    details.amount.map(Money::minor),
                    details.known_since.as_second(),
                    details.origin.as_str(),
                    details.detection_key,
                ])
            });
        match result {
            Ok(0) => Err(StoreError::NotFound {
                what: "disruption",
                id: id.to_string(),
            }),
            Ok(_) => self.disruption(id)?.ok_or_else(|| StoreError::NotFound {
                what: "disruption",
                id: id.to_string(),
            }),
            Err(e) if is_constraint(&e) => Err(duplicate_key(details)),
            Err(e) => Err(db(e)),
        }
    }

    fn set_disruption_state(&mut self, id: DisruptionId, state: DisruptionState) -> Result<()> {
        let result = self
            .conn
            .prepare_cached("UPDATE disruptions SET state = ?2 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![id, state.as_str()]));
        match result {
            Ok(0) => Err(StoreError::NotFound {
                what: "disruption",
                id: id.to_string(),
            }),
            Ok(_) => Ok(()),
            Err(e) if is_constraint(&e) => Err(StoreError::Invalid(format!(
                "disruption {id} cannot reopen: another open disruption has its detection key"
            ))),
            Err(e) => Err(db(e)),
        }
    }

    fn disruption(&mut self, id: DisruptionId) -> Result<Option<Disruption>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {DISRUPTION_COLUMNS} FROM disruptions WHERE id = ?1"
            ))
            .and_then(|mut s| s.query_row([id], disruption_row).optional())
            .map_err(db)
    }

    fn disruptions(&mut self) -> Result<Vec<Disruption>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {DISRUPTION_COLUMNS} FROM disruptions ORDER BY id DESC"
            ))
            .map_err(db)?;
        let rows = stmt.query_map([], disruption_row).map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    }

    fn impact_candidates(&mut self, scope: &Scope) -> Result<Vec<ImpactLine>> {
        self.candidates(scope, true, true)
    }

    fn impact_candidates_for(&mut self, disruption: &NewDisruption) -> Result<Vec<ImpactLine>> {
        let scope = &disruption.scope;
        let shipments = !scope.carriers.is_empty() || disruption.kind == DisruptionKind::Delay;
        self.candidates(scope, !scope.categories.is_empty(), shipments)
    }

    fn apply_impact(
        &mut self,
        disruption: DisruptionId,
        drafts: &[CaseDraft],
        at: Timestamp,
    ) -> Result<Applied> {
        if self.disruption(disruption)?.is_none() {
            return Err(StoreError::NotFound {
                what: "disruption",
                id: disruption.to_string(),
            });
        }
        let at = at.as_second();
        let tx = self.conn.transaction().map_err(db)?;
        // New cases and their lines go in as two set-based statements over
        // JSON parameters: a first impact run over 50,000 lines is two
        // statements, not 90,000 (P1: within seconds). A new case's `opened`
        // event is the case row itself (see `case_events`, migration 5).
        let customers: Vec<&str> = drafts.iter().map(|d| d.customer_id.as_str()).collect();
        let mut opened: HashMap<String, CaseId> = HashMap::new();
        {
            let mut open_cases = tx
                .prepare_cached(
                    "INSERT INTO cases (disruption_id, customer_id, state, opened_at)
                     SELECT ?1, value, 'detected', ?2 FROM json_each(?3) WHERE true
                     ON CONFLICT (disruption_id, customer_id) DO NOTHING
                     RETURNING id, customer_id",
                )
                .map_err(db)?;
            let rows = open_cases
                .query_map(params![disruption, at, to_json(&customers)], |r| {
                    Ok((r.get::<_, String>(1)?, r.get::<_, CaseId>(0)?))
                })
                .map_err(db)?;
            for row in rows {
                let (customer, id) = row.map_err(db)?;
                opened.insert(customer, id);
            }
        }
        let mut existing: HashMap<String, CaseId> = HashMap::new();
        let held: Vec<&str> = customers
            .iter()
            .copied()
            .filter(|c| !opened.contains_key(*c))
            .collect();
        if !held.is_empty() {
            let mut find = tx
                .prepare_cached(
                    "SELECT customer_id, id FROM cases
                     WHERE disruption_id = ?1 AND customer_id IN (SELECT value FROM json_each(?2))",
                )
                .map_err(db)?;
            let rows = find
                .query_map(params![disruption, to_json(&held)], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, CaseId>(1)?))
                })
                .map_err(db)?;
            for row in rows {
                let (customer, id) = row.map_err(db)?;
                existing.insert(customer, id);
            }
        }
        type LineRow<'a> = (CaseId, &'a str, &'a str, i64, i64, bool, i64, Option<i64>);
        fn row(case_id: CaseId, l: &CaseLine) -> LineRow<'_> {
            (
                case_id,
                l.order_id.as_str(),
                l.sku.as_str(),
                l.quantity,
                l.value.minor(),
                l.paid,
                l.promised_at.as_second(),
                l.expected_at.map(|t| t.as_second()),
            )
        }
        let mut new_lines: Vec<LineRow<'_>> = Vec::new();
        let mut later_lines: Vec<LineRow<'_>> = Vec::new();
        for draft in drafts {
            if let Some(&id) = opened.get(&draft.customer_id) {
                new_lines.extend(draft.lines.iter().map(|l| row(id, l)));
            } else if let Some(&id) = existing.get(&draft.customer_id) {
                later_lines.extend(draft.lines.iter().map(|l| row(id, l)));
            }
        }
        let mut added = 0u64;
        if !new_lines.is_empty() {
            added += tx
                .prepare_cached(
                    "INSERT INTO case_lines
                         (case_id, order_id, sku, quantity, value, paid, promised_at, expected_at)
                     SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5,
                            value->>6, value->>7
                     FROM json_each(?1) WHERE true
                     ON CONFLICT (case_id, order_id, sku) DO NOTHING",
                )
                .and_then(|mut s| s.execute([to_json(&new_lines)]))
                .map_err(db)? as u64;
        }
        // Lines joining a case that already existed: the ones new to their
        // case come back from RETURNING, and each gets a `line_added` event
        // (P14: news when things change).
        if !later_lines.is_empty() {
            let mut joined: Vec<(CaseId, String)> = Vec::new();
            {
                let mut add_lines = tx
                    .prepare_cached(
                        "INSERT INTO case_lines
                             (case_id, order_id, sku, quantity, value, paid, promised_at,
                              expected_at)
                         SELECT value->>0, value->>1, value->>2, value->>3, value->>4,
                                value->>5, value->>6, value->>7
                         FROM json_each(?1) WHERE true
                         ON CONFLICT (case_id, order_id, sku) DO NOTHING
                         RETURNING case_id, order_id, sku, quantity, value",
                    )
                    .map_err(db)?;
                let rows = add_lines
                    .query_map([to_json(&later_lines)], |r| {
                        Ok((
                            r.get::<_, CaseId>(0)?,
                            format!(
                                "order {} sku {} (quantity {}, value {}) joined the case",
                                r.get::<_, String>(1)?,
                                r.get::<_, String>(2)?,
                                r.get::<_, i64>(3)?,
                                Money::from_minor(r.get(4)?)
                            ),
                        ))
                    })
                    .map_err(db)?;
                for row in rows {
                    joined.push(row.map_err(db)?);
                }
            }
            if !joined.is_empty() {
                joined.sort();
                added += joined.len() as u64;
                tx.prepare_cached(
                    "INSERT INTO case_events (case_id, at, kind, detail)
                     SELECT value->>0, ?1, 'line_added', value->>1 FROM json_each(?2)",
                )
                .and_then(|mut s| s.execute(params![at, to_json(&joined)]))
                .map_err(db)?;
            }
        }
        tx.commit().map_err(db)?;
        Ok(Applied {
            opened: opened.into_iter().collect(),
            lines_added: added,
        })
    }

    fn cases(&mut self, disruption: Option<DisruptionId>) -> Result<Vec<Case>> {
        match disruption {
            Some(id) => self.load_cases("WHERE c.disruption_id = ?1", Some(id)),
            None => self.load_cases("", None),
        }
    }

    fn case(&mut self, id: CaseId) -> Result<Option<Case>> {
        Ok(self
            .load_cases("WHERE c.id = ?1", Some(id))?
            .into_iter()
            .next())
    }

    fn set_case_state(
        &mut self,
        id: CaseId,
        state: CaseState,
        at: Timestamp,
        detail: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction().map_err(db)?;
        let current: Option<CaseState> = tx
            .query_row("SELECT state FROM cases WHERE id = ?1", [id], |r| {
                text(r, 0)
            })
            .optional()
            .map_err(db)?;
        let current = current.ok_or_else(|| StoreError::NotFound {
            what: "case",
            id: id.to_string(),
        })?;
        if !current.can_become(state) {
            return Err(StoreError::Invalid(format!(
                "case {id} cannot move from {current} to {state}"
            )));
        }
        tx.execute(
            "UPDATE cases SET state = ?2 WHERE id = ?1",
            params![id, state.as_str()],
        )
        .map_err(db)?;
        let detail = if detail.is_empty() {
            format!("{current} -> {state}")
        } else {
            format!("{current} -> {state}: {detail}")
        };
        tx.execute(
            "INSERT INTO case_events (case_id, at, kind, detail) VALUES (?1, ?2, 'state_changed', ?3)",
            params![id, at.as_second(), detail],
        )
        .map_err(db)?;
        tx.commit().map_err(db)
    }

    fn case_events(&mut self, id: CaseId) -> Result<Vec<CaseEvent>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                // The `opened` event is the case row (`opened_at`), not a
                // stored event: it comes first (sequence 0, stored ids are
                // positive). Same detail as PostgreSQL's.
                "SELECT id, opened_at, 'opened',
                        'impact analysis of disruption ' || disruption_id
                            || ' found this customer affected',
                        0 AS seq
                 FROM cases WHERE id = ?1
                 UNION ALL
                 SELECT case_id, at, kind, detail, id FROM case_events WHERE case_id = ?1
                 ORDER BY 5",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(CaseEvent {
                    case_id: r.get(0)?,
                    at: ts(r, 1)?,
                    kind: r.get(2)?,
                    detail: r.get(3)?,
                })
            })
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    }

    // --- Outreach plans and planning history (issue 5) ---

    fn customers_by_id(&mut self, ids: &[String]) -> Result<Vec<Customer>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {CUSTOMER_COLUMNS} FROM customers
                 WHERE id IN (SELECT value FROM json_each(?1))"
            ))
            .map_err(db)?;
        let rows = stmt.query_map([to_json(ids)], customer_row).map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    fn products_related(&mut self, skus: &[String]) -> Result<Vec<Product>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {PRODUCT_COLUMNS} FROM products
                 WHERE sku IN (SELECT value FROM json_each(?1))
                    OR category IN (SELECT category FROM products
                                    WHERE sku IN (SELECT value FROM json_each(?1)))
                 ORDER BY sku"
            ))
            .map_err(db)?;
        let rows = stmt.query_map([to_json(skus)], product_row).map_err(db)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(db)
    }

    fn recent_disruption_counts(
        &mut self,
        disruption: DisruptionId,
        since: Timestamp,
    ) -> Result<std::collections::HashMap<String, u32>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.customer_id, count(DISTINCT o.disruption_id)
                 FROM cases c
                 JOIN cases o ON o.customer_id = c.customer_id
                             AND o.disruption_id <> c.disruption_id
                             AND o.opened_at >= ?2
                 WHERE c.disruption_id = ?1
                 GROUP BY c.customer_id",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map(params![disruption, since.as_second()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(db)?;
        rows.map(|r| r.map(|(c, n)| (c, u32::try_from(n).unwrap_or(u32::MAX))))
            .collect::<rusqlite::Result<_>>()
            .map_err(db)
    }

    fn save_plans(&mut self, plans: &[forthright_store::StoredPlan]) -> Result<()> {
        let tx = self.conn.transaction().map_err(db)?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO outreach_plans
                         (case_id, disruption_id, rank, score, channel, contact_at, planned_at, body)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT (case_id) DO UPDATE SET
                         disruption_id = excluded.disruption_id, rank = excluded.rank,
                         score = excluded.score, channel = excluded.channel,
                         contact_at = excluded.contact_at, planned_at = excluded.planned_at,
                         body = excluded.body",
                )
                .map_err(db)?;
            for p in plans {
                stmt.execute(params![
                    p.case_id,
                    p.disruption_id,
                    p.rank,
                    p.score,
                    p.channel.map(|c| c.as_str()),
                    p.contact_at.map(|t| t.as_second()),
                    p.planned_at.as_second(),
                    p.body,
                ])
                .map_err(db)?;
            }
        }
        tx.commit().map_err(db)
    }

    fn plan(&mut self, case: CaseId) -> Result<Option<forthright_store::StoredPlan>> {
        self.conn
            .prepare_cached(
                "SELECT case_id, disruption_id, rank, score, channel, contact_at, planned_at, body
                 FROM outreach_plans WHERE case_id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([case], |r| {
                    Ok(forthright_store::StoredPlan {
                        case_id: r.get(0)?,
                        disruption_id: r.get(1)?,
                        rank: r.get(2)?,
                        score: r.get(3)?,
                        channel: opt_text(r, 4)?,
                        contact_at: opt_ts(r, 5)?,
                        planned_at: ts(r, 6)?,
                        body: r.get(7)?,
                    })
                })
                .optional()
            })
            .map_err(db)
    }

    // --- Contact attempts (P1, P2, P9, P15) ---

    fn record_contact(&mut self, attempt: &forthright_core::ContactAttempt) -> Result<()> {
        attempt.validate().map_err(StoreError::Invalid)?;
        let tx = self.conn.transaction().map_err(db)?;
        let id = attempt.case_id;
        let state: CaseState = tx
            .query_row("SELECT state FROM cases WHERE id = ?1", [id], |r| {
                text(r, 0)
            })
            .optional()
            .map_err(db)?
            .ok_or_else(|| StoreError::NotFound {
                what: "case",
                id: id.to_string(),
            })?;
        let at = attempt.at.as_second();
        tx.execute(
            "INSERT INTO contact_attempts (case_id, at, channel, direction, outcome, agent, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                at,
                attempt.channel.as_str(),
                attempt.direction.as_str(),
                attempt.outcome.as_str(),
                attempt.agent,
                attempt.note,
            ],
        )
        .map_err(db)?;
        tx.execute(
            "INSERT INTO case_events (case_id, at, kind, detail) VALUES (?1, ?2, 'contact', ?3)",
            params![id, at, attempt.describe()],
        )
        .map_err(db)?;
        if let Some((to, detail)) = attempt.state_change(state) {
            tx.execute(
                "UPDATE cases SET state = ?2 WHERE id = ?1",
                params![id, to.as_str()],
            )
            .map_err(db)?;
            tx.execute(
                "INSERT INTO case_events (case_id, at, kind, detail) VALUES (?1, ?2, 'state_changed', ?3)",
                params![id, at, detail],
            )
            .map_err(db)?;
        }
        tx.commit().map_err(db)
    }

    fn contacts(&mut self, case: CaseId) -> Result<Vec<forthright_core::ContactAttempt>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT case_id, at, channel, direction, outcome, agent, note
                 FROM contact_attempts WHERE case_id = ?1 ORDER BY at, id",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([case], |r| {
                Ok(forthright_core::ContactAttempt {
                    case_id: r.get(0)?,
                    at: ts(r, 1)?,
                    channel: text(r, 2)?,
                    direction: text(r, 3)?,
                    outcome: text(r, 4)?,
                    agent: r.get(5)?,
                    note: r.get(6)?,
                })
            })
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    }

    fn contact_tallies(
        &mut self,
        disruption: DisruptionId,
    ) -> Result<HashMap<CaseId, forthright_core::ContactTally>> {
        // The same rules as ContactAttempt::is_failed_call and ContactTally::of;
        // the store suite checks the two agree.
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.case_id,
                        sum(a.direction = 'outbound' AND a.channel IN ('phone', 'voicemail')
                            AND a.outcome <> 'reached'),
                        max(a.direction = 'inbound')
                 FROM cases c JOIN contact_attempts a ON a.case_id = c.id
                 WHERE c.disruption_id = ?1
                 GROUP BY a.case_id",
            )
            .map_err(db)?;
        let rows = stmt
            .query_map([disruption], |r| {
                let failed: i64 = r.get(1)?;
                Ok((
                    r.get::<_, CaseId>(0)?,
                    forthright_core::ContactTally {
                        failed_call_attempts: u32::try_from(failed).unwrap_or(u32::MAX),
                        contacted_us: r.get::<_, i64>(2)? != 0,
                    },
                ))
            })
            .map_err(db)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db)
    }

    fn mark_planned(&mut self, cases: &[CaseId], at: Timestamp) -> Result<u64> {
        if cases.is_empty() {
            return Ok(0);
        }
        let ids = to_json(cases);
        let tx = self.conn.transaction().map_err(db)?;
        // Set-based: the events first (they select the cases still detected),
        // then the move, in one transaction.
        tx.execute(
            "INSERT INTO case_events (case_id, at, kind, detail)
             SELECT id, ?2, 'state_changed', 'detected -> planned: outreach plan made'
             FROM cases WHERE state = 'detected' AND id IN (SELECT value FROM json_each(?1))
             ORDER BY id",
            params![ids, at.as_second()],
        )
        .map_err(db)?;
        let moved = tx
            .execute(
                "UPDATE cases SET state = 'planned'
                 WHERE state = 'detected' AND id IN (SELECT value FROM json_each(?1))",
                [&ids],
            )
            .map_err(db)?;
        tx.commit().map_err(db)?;
        Ok(moved as u64)
    }
}

/// The query behind [`Store::impact_candidates`]: open lines filtered in SQL
/// by every non-empty scope dimension, each list bound as one JSON parameter
/// (`IN (SELECT value FROM json_each(?))`), so any number of values costs one
/// bind and the planner can drive the search from an index.
///
/// Products are joined only `with_category` (or when the scope names
/// categories), shipments only `with_shipment` (or when it names carriers);
/// otherwise the category is `''` and carrier and ETA are NULL, and a
/// backorder by SKU reads `order_lines_open_by_sku` alone.
fn candidates_query(
    scope: &Scope,
    with_category: bool,
    with_shipment: bool,
) -> (String, Vec<String>) {
    let join = |filtered: bool| if filtered { "JOIN" } else { "LEFT JOIN" };
    let (category, products) = if with_category || !scope.categories.is_empty() {
        (
            "coalesce(p.category, '')",
            format!(
                "{} products p ON p.sku = ol.sku",
                join(!scope.categories.is_empty())
            ),
        )
    } else {
        ("''", String::new())
    };
    let (shipment, shipments) = if with_shipment || !scope.carriers.is_empty() {
        (
            "s.carrier, s.eta",
            format!(
                "{} shipments s ON s.order_id = ol.order_id",
                join(!scope.carriers.is_empty())
            ),
        )
    } else {
        ("NULL, NULL", String::new())
    };
    let mut sql = format!(
        "SELECT ol.order_id, ol.customer_id, ol.sku, ol.quantity, ol.unit_price, ol.placed_at,
                ol.promised_at, ol.paid, ol.status, {category}, {shipment}
         FROM order_lines ol
         {products}
         {shipments}
         WHERE ol.status = 'open'",
    );
    let mut params = Vec::new();
    for (values, column) in [
        (&scope.skus, "ol.sku"),
        (&scope.orders, "ol.order_id"),
        (&scope.customers, "ol.customer_id"),
        (&scope.categories, "p.category"),
        (&scope.carriers, "s.carrier"),
    ] {
        if !values.is_empty() {
            params.push(to_json(values));
            sql.push_str(&format!(
                " AND {column} IN (SELECT value FROM json_each(?{}))",
                params.len()
            ));
        }
    }
    (sql, params)
}

#[cfg(test)]
mod tests;
