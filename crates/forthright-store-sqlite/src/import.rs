//! The import transaction: one SQLite transaction, one cached upsert statement
//! per table.
//!
//! Each upsert only writes a row that is new or differs
//! (`ON CONFLICT .. DO UPDATE .. WHERE (columns) IS NOT (excluded columns)`), so
//! `changes()` is 1 for an inserted or updated row and 0 for an unchanged one.
//! Inserted rows are told apart from updated ones by counting the table before
//! the first row and again at commit, which costs two index scans per file
//! instead of a lookup per row.

use crate::{db, to_json};
use forthright_core::{Customer, OrderLine, Product, Shipment};
use forthright_store::{ImportStats, ImportTx, Result};
use rusqlite::{Connection, Statement, params};

#[derive(Clone, Copy)]
enum Table {
    Customers = 0,
    Products = 1,
    OrderLines = 2,
    Shipments = 3,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Customers => "customers",
            Table::Products => "products",
            Table::OrderLines => "order_lines",
            Table::Shipments => "shipments",
        }
    }

    fn upsert(self) -> &'static str {
        match self {
            Table::Customers => {
                "INSERT INTO customers
                     (id, name, email, phone, timezone, preferred_channel, tier, do_not_contact)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET
                     name = excluded.name, email = excluded.email, phone = excluded.phone,
                     timezone = excluded.timezone, preferred_channel = excluded.preferred_channel,
                     tier = excluded.tier, do_not_contact = excluded.do_not_contact
                 WHERE (name, email, phone, timezone, preferred_channel, tier, do_not_contact)
                   IS NOT (excluded.name, excluded.email, excluded.phone, excluded.timezone,
                           excluded.preferred_channel, excluded.tier, excluded.do_not_contact)"
            }
            Table::Products => {
                "INSERT INTO products (sku, name, category, price, stock, features, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (sku) DO UPDATE SET
                     name = excluded.name, category = excluded.category, price = excluded.price,
                     stock = excluded.stock, features = excluded.features, status = excluded.status
                 WHERE (name, category, price, stock, features, status)
                   IS NOT (excluded.name, excluded.category, excluded.price, excluded.stock,
                           excluded.features, excluded.status)"
            }
            Table::OrderLines => {
                "INSERT INTO order_lines
                     (order_id, sku, customer_id, quantity, unit_price, placed_at, promised_at,
                      paid, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (order_id, sku) DO UPDATE SET
                     customer_id = excluded.customer_id, quantity = excluded.quantity,
                     unit_price = excluded.unit_price, placed_at = excluded.placed_at,
                     promised_at = excluded.promised_at, paid = excluded.paid,
                     status = excluded.status
                 WHERE (customer_id, quantity, unit_price, placed_at, promised_at, paid, status)
                   IS NOT (excluded.customer_id, excluded.quantity, excluded.unit_price,
                           excluded.placed_at, excluded.promised_at, excluded.paid,
                           excluded.status)"
            }
            Table::Shipments => {
                "INSERT INTO shipments (order_id, carrier, eta, reason)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (order_id) DO UPDATE SET
                     carrier = excluded.carrier, eta = excluded.eta, reason = excluded.reason
                 WHERE (carrier, eta, reason)
                   IS NOT (excluded.carrier, excluded.eta, excluded.reason)"
            }
        }
    }
}

/// What one table received in this transaction.
struct Written<'c> {
    stmt: Statement<'c>,
    rows_before: u64,
    rows: u64,
    changed: u64,
}

/// An open import: a SQLite transaction that rolls back when dropped uncommitted.
pub struct SqliteImport<'c> {
    conn: &'c Connection,
    tables: [Option<Written<'c>>; 4],
    finished: bool,
}

impl<'c> SqliteImport<'c> {
    pub(crate) fn begin(conn: &'c Connection) -> Result<SqliteImport<'c>> {
        // IMMEDIATE: take the write lock now, so a concurrent writer makes the
        // import wait (busy_timeout) at the start rather than fail at commit.
        conn.execute_batch("BEGIN IMMEDIATE").map_err(db)?;
        Ok(SqliteImport {
            conn,
            tables: [None, None, None, None],
            finished: false,
        })
    }

    fn count(&self, table: Table) -> Result<u64> {
        let sql = format!("SELECT count(*) FROM {}", table.name());
        let n: i64 = self.conn.query_row(&sql, [], |r| r.get(0)).map_err(db)?;
        Ok(n as u64)
    }

    /// The table's statement, prepared (and the table counted) on first use.
    fn table(&mut self, table: Table) -> Result<&mut Written<'c>> {
        if self.tables[table as usize].is_none() {
            let rows_before = self.count(table)?;
            let stmt = self.conn.prepare(table.upsert()).map_err(db)?;
            self.tables[table as usize] = Some(Written {
                stmt,
                rows_before,
                rows: 0,
                changed: 0,
            });
        }
        Ok(self.tables[table as usize]
            .as_mut()
            .expect("prepared just above"))
    }

    fn record(written: &mut Written<'_>, changes: usize) {
        written.rows += 1;
        written.changed += changes as u64;
    }
}

impl ImportTx for SqliteImport<'_> {
    fn put_customer(&mut self, row: &Customer) -> Result<()> {
        let t = self.table(Table::Customers)?;
        let n = t
            .stmt
            .execute(params![
                row.id,
                row.name,
                row.email,
                row.phone,
                row.timezone,
                row.preferred_channel.map(|c| c.as_str()),
                row.tier.as_str(),
                row.do_not_contact,
            ])
            .map_err(db)?;
        Self::record(t, n);
        Ok(())
    }

    fn put_product(&mut self, row: &Product) -> Result<()> {
        let features = to_json(&row.features);
        let t = self.table(Table::Products)?;
        let n = t
            .stmt
            .execute(params![
                row.sku,
                row.name,
                row.category,
                row.price.minor(),
                row.stock,
                features,
                row.status.as_str(),
            ])
            .map_err(db)?;
        Self::record(t, n);
        Ok(())
    }

    fn put_order_line(&mut self, row: &OrderLine) -> Result<()> {
        let t = self.table(Table::OrderLines)?;
        let n = t
            .stmt
            .execute(params![
                row.order_id,
                row.sku,
                row.customer_id,
                row.quantity,
                row.unit_price.minor(),
                row.placed_at.as_second(),
                row.promised_at.as_second(),
                row.paid,
                row.status.as_str(),
            ])
            .map_err(db)?;
        Self::record(t, n);
        Ok(())
    }

    fn put_shipment(&mut self, row: &Shipment) -> Result<()> {
        let t = self.table(Table::Shipments)?;
        let n = t
            .stmt
            .execute(params![
                row.order_id,
                row.carrier,
                row.eta.as_second(),
                row.reason,
            ])
            .map_err(db)?;
        Self::record(t, n);
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> Result<ImportStats> {
        let mut stats = ImportStats::default();
        for table in [
            Table::Customers,
            Table::Products,
            Table::OrderLines,
            Table::Shipments,
        ] {
            let Some((rows_before, rows, changed)) = self.tables[table as usize]
                .as_ref()
                .map(|w| (w.rows_before, w.rows, w.changed))
            else {
                continue;
            };
            let inserted = self.count(table)?.saturating_sub(rows_before);
            stats.rows += rows;
            stats.inserted += inserted;
            stats.updated += changed.saturating_sub(inserted);
            stats.unchanged += rows.saturating_sub(changed);
        }
        // Finalise the statements before committing.
        self.tables = [None, None, None, None];
        self.conn.execute_batch("COMMIT").map_err(db)?;
        self.finished = true;
        Ok(stats)
    }
}

impl Drop for SqliteImport<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.tables = [None, None, None, None];
            // Nothing was committed: undo every row. A failure here means the
            // transaction is already gone (SQLite rolled it back itself).
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}
