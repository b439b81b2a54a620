//! All-or-nothing imports: rows are buffered, streamed with binary `COPY` into
//! temporary staging tables, and merged at commit with one upsert per table
//! that counts inserted, updated and unchanged rows. Everything happens in one
//! transaction; dropping the import rolls it back. After a bulk load of order
//! lines the table is vacuumed, so impact analysis can read open lines from
//! their covering index alone (migration 3).

use crate::db;
use forthright_core::{Customer, OrderLine, Product, Shipment};
use forthright_store::{ImportStats, ImportTx, Result};
use postgres::Client;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;

/// Rows kept in memory per kind before they are streamed to the server, so
/// memory stays flat whatever the file size.
const FLUSH_ROWS: usize = 20_000;

/// Rows written by one import from which table statistics are refreshed.
const ANALYZE_AFTER: u64 = 10_000;

/// One target table: its staging copy, columns and key.
struct Table {
    name: &'static str,
    key: &'static [&'static str],
    /// Column names and their PostgreSQL types, key columns first.
    columns: &'static [(&'static str, Type)],
}

const CUSTOMERS: Table = Table {
    name: "customers",
    key: &["id"],
    columns: &[
        ("id", Type::TEXT),
        ("name", Type::TEXT),
        ("email", Type::TEXT),
        ("phone", Type::TEXT),
        ("timezone", Type::TEXT),
        ("preferred_channel", Type::TEXT),
        ("tier", Type::TEXT),
        ("do_not_contact", Type::BOOL),
    ],
};

const PRODUCTS: Table = Table {
    name: "products",
    key: &["sku"],
    columns: &[
        ("sku", Type::TEXT),
        ("name", Type::TEXT),
        ("category", Type::TEXT),
        ("price", Type::INT8),
        ("stock", Type::INT8),
        ("features", Type::TEXT_ARRAY),
        ("status", Type::TEXT),
    ],
};

const ORDER_LINES: Table = Table {
    name: "order_lines",
    key: &["order_id", "sku"],
    columns: &[
        ("order_id", Type::TEXT),
        ("sku", Type::TEXT),
        ("customer_id", Type::TEXT),
        ("quantity", Type::INT8),
        ("unit_price", Type::INT8),
        ("placed_at", Type::INT8),
        ("promised_at", Type::INT8),
        ("paid", Type::BOOL),
        ("status", Type::TEXT),
    ],
};

const SHIPMENTS: Table = Table {
    name: "shipments",
    key: &["order_id"],
    columns: &[
        ("order_id", Type::TEXT),
        ("carrier", Type::TEXT),
        ("eta", Type::INT8),
        ("reason", Type::TEXT),
    ],
};

/// The tables in merge order: referenced before referencing.
const TABLES: [&Table; 4] = [&CUSTOMERS, &PRODUCTS, &ORDER_LINES, &SHIPMENTS];

impl Table {
    fn stage(&self) -> String {
        format!("forthright_stage_{}", self.name)
    }

    fn create_stage_sql(&self) -> String {
        let cols: Vec<String> = self
            .columns
            .iter()
            .map(|(name, ty)| format!("{name} {}", sql_type(ty)))
            .collect();
        format!(
            "CREATE TEMP TABLE {} (seq BIGINT NOT NULL, {}) ON COMMIT DROP",
            self.stage(),
            cols.join(", ")
        )
    }

    fn copy_sql(&self) -> String {
        format!("COPY {} FROM STDIN (FORMAT binary)", self.stage())
    }

    fn copy_types(&self) -> Vec<Type> {
        std::iter::once(Type::INT8)
            .chain(self.columns.iter().map(|(_, ty)| ty.clone()))
            .collect()
    }

    /// The upsert: the last staged row per key wins; existing rows are only
    /// touched when a value differs, so re-importing a file changes nothing.
    /// New rows take the plain insert path (much cheaper per row than
    /// `ON CONFLICT`); a concurrent import of the same new key makes this one
    /// fail whole, never half-written. Returns (distinct rows, inserted, updated).
    fn merge_sql(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|(n, _)| *n).collect();
        let all = names.join(", ");
        let key = self.key.join(", ");
        let values: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| !self.key.contains(n))
            .collect();
        let set: Vec<String> = values.iter().map(|n| format!("{n} = src.{n}")).collect();
        let old: Vec<String> = values.iter().map(|n| format!("t.{n}")).collect();
        let new: Vec<String> = values.iter().map(|n| format!("src.{n}")).collect();
        let same_key = |a: &str, b: &str| {
            self.key
                .iter()
                .map(|k| format!("{a}.{k} = {b}.{k}"))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        format!(
            "WITH src AS MATERIALIZED ( \
               SELECT DISTINCT ON ({key}) {all} FROM {stage} ORDER BY {key}, seq DESC), \
             upd AS ( \
               UPDATE {table} AS t SET {set} FROM src \
               WHERE {t_src} AND ({old}) IS DISTINCT FROM ({new}) RETURNING 1), \
             ins AS ( \
               INSERT INTO {table} ({all}) SELECT {all} FROM src \
               WHERE NOT EXISTS (SELECT 1 FROM {table} AS x WHERE {x_src}) \
               ORDER BY {key} RETURNING 1) \
             SELECT (SELECT count(*) FROM src), (SELECT count(*) FROM ins), \
               (SELECT count(*) FROM upd)",
            stage = self.stage(),
            table = self.name,
            set = set.join(", "),
            old = old.join(", "),
            new = new.join(", "),
            t_src = same_key("t", "src"),
            x_src = same_key("x", "src"),
        )
    }
}

fn sql_type(ty: &Type) -> &'static str {
    match *ty {
        Type::INT8 => "BIGINT",
        Type::BOOL => "BOOLEAN",
        Type::TEXT_ARRAY => "TEXT[]",
        // Bytewise, like the target tables' keys and like Rust.
        _ => "TEXT COLLATE \"C\"",
    }
}

/// Rows of one kind waiting to be streamed, each with its arrival number.
struct Buffer<T> {
    rows: Vec<(i64, T)>,
    staged: bool,
}

impl<T> Default for Buffer<T> {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            staged: false,
        }
    }
}

/// An import in progress on one PostgreSQL transaction.
///
/// The transaction is driven by hand (`BEGIN` .. `COMMIT`) rather than through
/// [`postgres::Transaction`], so the connection is still at hand after the
/// commit for `VACUUM`, which cannot run inside a transaction.
pub(crate) struct PgImport<'a> {
    client: &'a mut Client,
    /// Whether the transaction is still open (rolled back on drop).
    open: bool,
    seq: i64,
    customers: Buffer<Customer>,
    products: Buffer<Product>,
    order_lines: Buffer<OrderLine>,
    shipments: Buffer<Shipment>,
}

impl<'a> PgImport<'a> {
    /// Opens the transaction.
    pub(crate) fn begin(client: &'a mut Client) -> Result<Self> {
        // The merge sorts staged rows by key; give it room to do so in memory.
        client
            .batch_execute("BEGIN; SET LOCAL work_mem = '64MB'")
            .map_err(db)?;
        Ok(Self {
            client,
            open: true,
            seq: 0,
            customers: Buffer::default(),
            products: Buffer::default(),
            order_lines: Buffer::default(),
            shipments: Buffer::default(),
        })
    }

    fn next_seq(&mut self) -> i64 {
        self.seq += 1;
        self.seq
    }

    fn flush_all(&mut self) -> Result<()> {
        flush(self.client, &CUSTOMERS, &mut self.customers, |w, seq, c| {
            w.write(&[
                &seq,
                &c.id,
                &c.name,
                &c.email,
                &c.phone,
                &c.timezone,
                &c.preferred_channel.map(|ch| ch.as_str()),
                &c.tier.as_str(),
                &c.do_not_contact,
            ])
        })?;
        flush(self.client, &PRODUCTS, &mut self.products, |w, seq, p| {
            w.write(&[
                &seq,
                &p.sku,
                &p.name,
                &p.category,
                &p.price.minor(),
                &p.stock,
                &p.features,
                &p.status.as_str(),
            ])
        })?;
        flush(
            self.client,
            &ORDER_LINES,
            &mut self.order_lines,
            |w, seq, l| {
                w.write(&[
                    &seq,
                    &l.order_id,
                    &l.sku,
                    &l.customer_id,
                    &l.quantity,
                    &l.unit_price.minor(),
                    &l.placed_at.as_second(),
                    &l.promised_at.as_second(),
                    &l.paid,
                    &l.status.as_str(),
                ])
            },
        )?;
        flush(self.client, &SHIPMENTS, &mut self.shipments, |w, seq, s| {
            w.write(&[&seq, &s.order_id, &s.carrier, &s.eta.as_second(), &s.reason])
        })
    }
}

/// Streams a buffer into its staging table (creating it on first use).
fn flush<T>(
    tx: &mut Client,
    table: &Table,
    buffer: &mut Buffer<T>,
    write: impl Fn(&mut BinaryCopyInWriter<'_>, i64, &T) -> Result<(), postgres::Error>,
) -> Result<()> {
    if buffer.rows.is_empty() {
        return Ok(());
    }
    if !buffer.staged {
        tx.batch_execute(&table.create_stage_sql()).map_err(db)?;
        buffer.staged = true;
    }
    let copy = tx.copy_in(&table.copy_sql()).map_err(db)?;
    let mut writer = BinaryCopyInWriter::new(copy, &table.copy_types());
    for (seq, row) in &buffer.rows {
        write(&mut writer, *seq, row).map_err(db)?;
    }
    writer.finish().map_err(db)?;
    buffer.rows.clear();
    Ok(())
}

macro_rules! put {
    ($self:ident, $buffer:ident, $row:expr) => {{
        let seq = $self.next_seq();
        $self.$buffer.rows.push((seq, $row.clone()));
        if $self.$buffer.rows.len() >= FLUSH_ROWS {
            $self.flush_all()?;
        }
        Ok(())
    }};
}

impl ImportTx for PgImport<'_> {
    fn put_customer(&mut self, row: &Customer) -> Result<()> {
        put!(self, customers, row)
    }

    fn put_product(&mut self, row: &Product) -> Result<()> {
        put!(self, products, row)
    }

    fn put_order_line(&mut self, row: &OrderLine) -> Result<()> {
        put!(self, order_lines, row)
    }

    fn put_shipment(&mut self, row: &Shipment) -> Result<()> {
        put!(self, shipments, row)
    }

    fn commit(mut self: Box<Self>) -> Result<ImportStats> {
        self.flush_all()?;
        let mut stats = ImportStats {
            rows: self.seq.max(0) as u64,
            ..ImportStats::default()
        };
        let staged = [
            self.customers.staged,
            self.products.staged,
            self.order_lines.staged,
            self.shipments.staged,
        ];
        let mut distinct = 0;
        for (table, staged) in TABLES.iter().zip(staged) {
            if !staged {
                continue;
            }
            let row = self.client.query_one(&table.merge_sql(), &[]).map_err(db)?;
            let n = |i| {
                row.try_get::<_, i64>(i)
                    .map(|v| v.max(0) as u64)
                    .map_err(db)
            };
            distinct += n(0)?;
            stats.inserted += n(1)?;
            stats.updated += n(2)?;
        }
        stats.unchanged = distinct.saturating_sub(stats.inserted + stats.updated);
        let bulk = stats.inserted + stats.updated >= ANALYZE_AFTER;
        if bulk {
            // Fresh statistics, so the first impact query after a bulk load
            // gets an index plan rather than a guess.
            let names: Vec<&str> = TABLES
                .iter()
                .zip(staged)
                .filter(|(_, staged)| *staged)
                .map(|(t, _)| t.name)
                .collect();
            self.client
                .batch_execute(&format!("ANALYZE {}", names.join(", ")))
                .map_err(db)?;
        }
        self.client.batch_execute("COMMIT").map_err(db)?;
        self.open = false;
        if bulk && self.order_lines.staged {
            // Marks the new pages all-visible, so impact analysis reads open
            // lines by index-only scans of `order_lines_open_by_sku` instead of
            // a random heap read per line (about 0.2 s at 1M lines instead of
            // waiting for autovacuum). The import is committed by now: a
            // failure here costs speed, not data, so it does not fail the import.
            let _ = self.client.batch_execute("VACUUM order_lines");
        }
        Ok(stats)
    }
}

impl Drop for PgImport<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing of an unfinished import is kept. A connection too broken
            // to roll back is also too broken to commit anything later.
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }
}
