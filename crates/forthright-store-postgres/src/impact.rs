//! Keeping impact drafts as cases, in bulk (P1: tens of thousands of lines in
//! well under a second).
//!
//! Lines of cases opened in this call cannot be held yet, so new cases and
//! their lines go in by binary `COPY`, with case ids taken as one block under
//! a table lock that only keeps other writers of cases out. A new case's
//! `opened` event is the case row itself (`opened_at`; see `case_events`), so
//! opening 44,300 cases writes no event rows. Only lines for cases that
//! existed before take the slower `INSERT ... ON CONFLICT DO NOTHING` path, and
//! each one that joins records a `line_added` event. Nothing is ever
//! half-written: everything happens in one transaction.
//!
//! The client side is kept lean too, since it shares the machine with the
//! server: drafts are matched to cases by sorting, not hashing, and `COPY` data
//! is encoded here and sent in large chunks.

use crate::{corrupt, db};
use forthright_core::{CaseDraft, CaseLine, DisruptionId};
use forthright_store::{Applied, Result, StoreError};
use jiff::Timestamp;
use postgres::{Client, Transaction};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::Write;

/// See [`forthright_store::Store::apply_impact`].
pub(crate) fn apply(
    client: &mut Client,
    disruption: DisruptionId,
    drafts: &[CaseDraft],
    at: Timestamp,
) -> Result<Applied> {
    let at = at.as_second();
    let mut tx = client.transaction().map_err(db)?;
    let exists = tx
        .query_opt("SELECT 1 FROM disruptions WHERE id = $1", &[&disruption])
        .map_err(db)?;
    if exists.is_none() {
        return Err(StoreError::NotFound {
            what: "disruption",
            id: disruption.to_string(),
        });
    }

    // Which drafts already have their case: every case of the disruption, by
    // one range scan of its (disruption, customer) key. Sending the drafts'
    // customers to be looked up one by one cost an index probe per customer
    // (tens of thousands) even when the disruption had no case yet.
    let mut existing: HashMap<String, i64> = HashMap::new();
    for r in tx
        .query(
            "SELECT customer_id, id FROM cases WHERE disruption_id = $1",
            &[&disruption],
        )
        .map_err(db)?
    {
        existing.insert(
            r.try_get(0).map_err(|e| corrupt("case", e))?,
            r.try_get(1).map_err(|e| corrupt("case", e))?,
        );
    }

    // Drafts by customer (stable, so drafts of one customer keep their order;
    // `group_into_cases` hands them over sorted already, which costs one pass).
    let mut by_customer: Vec<usize> = (0..drafts.len()).collect();
    by_customer.sort_by(|&a, &b| drafts[a].customer_id.cmp(&drafts[b].customer_id));
    // One run of `by_customer` per customer: its drafts, its case and whether
    // that case is new (its id is set once taken).
    let mut runs: Vec<(std::ops::Range<usize>, i64, bool)> = Vec::new();
    let mut start = 0;
    while start < by_customer.len() {
        let customer = &drafts[by_customer[start]].customer_id;
        let mut end = start + 1;
        while end < by_customer.len() && drafts[by_customer[end]].customer_id == *customer {
            end += 1;
        }
        match existing.get(customer) {
            Some(&id) => runs.push((start..end, id, false)),
            None => runs.push((start..end, 0, true)),
        }
        start = end;
    }
    let new_runs = runs.iter().filter(|(_, _, new)| *new).count();

    // New cases, in customer order, with ids from the sequence.
    let mut opened: Vec<(String, i64)> = Vec::with_capacity(new_runs);
    if new_runs > 0 {
        // Ids in one block after the highest, the sequence moved past them once:
        // far cheaper than a `nextval` per case. The lock (readers pass) keeps
        // other writers of cases out until commit.
        let n = new_runs as i64;
        tx.batch_execute("LOCK TABLE cases IN EXCLUSIVE MODE")
            .map_err(db)?;
        let row = tx
            .query_one(
                "SELECT setval(pg_get_serial_sequence('cases', 'id'), \
                   GREATEST(COALESCE(max(id), 0), COALESCE(pg_sequence_last_value( \
                     pg_get_serial_sequence('cases', 'id')::regclass), 0)) + $1) - $1 + 1 \
                 FROM cases",
                &[&n],
            )
            .map_err(db)?;
        let first: i64 = row.try_get(0).map_err(|e| corrupt("case", e))?;
        let new_cases = runs.iter_mut().filter(|(_, _, new)| *new);
        for (next, (_, id, _)) in (first..).zip(new_cases) {
            *id = next;
        }
        let mut rows = CopyRows::new(5);
        for (range, id, _) in runs.iter().filter(|(_, _, new)| *new) {
            let customer = &drafts[by_customer[range.start]].customer_id;
            rows.row();
            rows.int8(*id);
            rows.int8(disruption);
            rows.text(customer)?;
            rows.text("detected")?;
            rows.int8(at);
            opened.push((customer.clone(), *id));
        }
        rows.send(
            &mut tx,
            "COPY cases (id, disruption_id, customer_id, state, opened_at) \
             FROM STDIN (FORMAT binary)",
        )?;
    }

    // Lines of new cases: nothing can be held yet, so they are copied (once
    // each). Lines for cases that existed are sent to join below.
    let mut added = 0u64;
    let mut joining: Vec<(i64, CaseLine)> = Vec::new();
    let mut rows = CopyRows::new(8);
    for (range, id, new) in &runs {
        let lines = lines_of(drafts, &by_customer[range.clone()]);
        if !new {
            joining.extend(lines.iter().map(|l| (*id, l.clone())));
            continue;
        }
        for l in lines.iter() {
            rows.row();
            rows.int8(*id);
            rows.text(&l.order_id)?;
            rows.text(&l.sku)?;
            rows.int8(l.quantity);
            rows.int8(l.value.minor());
            rows.bool(l.paid);
            rows.int8(l.promised_at.as_second());
            rows.opt_int8(l.expected_at.map(|t| t.as_second()));
            added += 1;
        }
    }
    if added > 0 {
        rows.send(
            &mut tx,
            "COPY case_lines (case_id, order_id, sku, quantity, value, paid, promised_at, \
             expected_at) FROM STDIN (FORMAT binary)",
        )?;
    }

    // Lines for cases that existed: those not yet held join, each with an event
    // (P14: news when something changes). Reading the held keys back is much
    // cheaper than sending every line to be refused by the unique index.
    if !joining.is_empty() {
        let held: HashSet<(i64, String, String)> = tx
            .query(
                "SELECT l.case_id, l.order_id, l.sku FROM case_lines l \
                 JOIN cases c ON c.id = l.case_id WHERE c.disruption_id = $1",
                &[&disruption],
            )
            .map_err(db)?
            .iter()
            .map(|r| {
                let get = |e| corrupt("case line", e);
                Ok((
                    r.try_get(0).map_err(get)?,
                    r.try_get(1).map_err(get)?,
                    r.try_get(2).map_err(get)?,
                ))
            })
            .collect::<Result<_>>()?;
        joining.retain(|(id, l)| !held.contains(&(*id, l.order_id.clone(), l.sku.clone())));
    }
    if !joining.is_empty() {
        let case_id: Vec<i64> = joining.iter().map(|(id, _)| *id).collect();
        let order_id: Vec<&str> = joining.iter().map(|(_, l)| l.order_id.as_str()).collect();
        let sku: Vec<&str> = joining.iter().map(|(_, l)| l.sku.as_str()).collect();
        let quantity: Vec<i64> = joining.iter().map(|(_, l)| l.quantity).collect();
        let value: Vec<i64> = joining.iter().map(|(_, l)| l.value.minor()).collect();
        let paid: Vec<bool> = joining.iter().map(|(_, l)| l.paid).collect();
        let promised_at: Vec<i64> = joining
            .iter()
            .map(|(_, l)| l.promised_at.as_second())
            .collect();
        let expected_at: Vec<Option<i64>> = joining
            .iter()
            .map(|(_, l)| l.expected_at.map(|t| t.as_second()))
            .collect();
        let row = tx
            .query_one(
                "WITH ins AS ( \
                   INSERT INTO case_lines (case_id, order_id, sku, quantity, value, paid, \
                     promised_at, expected_at) \
                   SELECT * FROM unnest($2::int8[], $3::text[], $4::text[], $5::int8[], \
                     $6::int8[], $7::bool[], $8::int8[], $9::int8[]) \
                   ON CONFLICT (case_id, order_id, sku) DO NOTHING \
                   RETURNING case_id, order_id, sku), \
                 ev AS ( \
                   INSERT INTO case_events (case_id, at, kind, detail) \
                   SELECT case_id, $1, 'line_added', \
                     'order ' || order_id || ', ' || sku || ' came into scope' \
                   FROM ins ORDER BY case_id, order_id, sku) \
                 SELECT count(*) FROM ins",
                &[
                    &at,
                    &case_id,
                    &order_id,
                    &sku,
                    &quantity,
                    &value,
                    &paid,
                    &promised_at,
                    &expected_at,
                ],
            )
            .map_err(db)?;
        let joined: i64 = row.try_get(0).map_err(|e| corrupt("case line", e))?;
        added += joined.max(0) as u64;
    }
    tx.commit().map_err(db)?;
    Ok(Applied {
        opened,
        lines_added: added,
    })
}

/// The lines of one customer's drafts (indices into `drafts`), each (order,
/// sku) once, the first occurrence kept. One draft whose lines are strictly
/// ordered, as `group_into_cases` makes them, is taken as it is.
fn lines_of<'a>(drafts: &'a [CaseDraft], of: &[usize]) -> Cow<'a, [CaseLine]> {
    fn key(l: &CaseLine) -> (&str, &str) {
        (&l.order_id, &l.sku)
    }
    if let [one] = of {
        let lines = &drafts[*one].lines;
        if lines.windows(2).all(|w| key(&w[0]) < key(&w[1])) {
            return Cow::Borrowed(lines);
        }
    }
    let mut lines: Vec<CaseLine> = of.iter().flat_map(|&i| drafts[i].lines.clone()).collect();
    // Stable: among equal keys the first in draft order comes first and stays.
    lines.sort_by(|a, b| key(a).cmp(&key(b)));
    lines.dedup_by(|b, a| key(a) == key(b));
    Cow::Owned(lines)
}

/// Rows in PostgreSQL's binary `COPY` format, encoded here and sent in large
/// chunks: the driver's row writer enters its async runtime once per row,
/// which cost more client time than encoding (the client shares the cores
/// with the server).
struct CopyRows {
    fields: i16,
    buf: Vec<u8>,
}

impl CopyRows {
    fn new(fields: i16) -> Self {
        let mut buf = Vec::with_capacity(1 << 20);
        buf.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
        buf.extend_from_slice(&0i32.to_be_bytes()); // flags
        buf.extend_from_slice(&0i32.to_be_bytes()); // header extension
        CopyRows { fields, buf }
    }

    /// Starts a row; then one call per field, in the table's column order.
    fn row(&mut self) {
        self.buf.extend_from_slice(&self.fields.to_be_bytes());
    }

    fn int8(&mut self, v: i64) {
        self.buf.extend_from_slice(&8i32.to_be_bytes());
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    fn opt_int8(&mut self, v: Option<i64>) {
        match v {
            Some(v) => self.int8(v),
            None => self.buf.extend_from_slice(&(-1i32).to_be_bytes()),
        }
    }

    fn bool(&mut self, v: bool) {
        self.buf.extend_from_slice(&1i32.to_be_bytes());
        self.buf.push(u8::from(v));
    }

    fn text(&mut self, v: &str) -> Result<()> {
        let len = i32::try_from(v.len())
            .map_err(|_| StoreError::Invalid(format!("text of {} bytes", v.len())))?;
        self.buf.extend_from_slice(&len.to_be_bytes());
        self.buf.extend_from_slice(v.as_bytes());
        Ok(())
    }

    /// Runs `sql` (a `COPY ... FROM STDIN (FORMAT binary)`) with the rows.
    fn send(mut self, tx: &mut Transaction<'_>, sql: &str) -> Result<u64> {
        self.buf.extend_from_slice(&(-1i16).to_be_bytes()); // trailer
        let mut writer = tx.copy_in(sql).map_err(db)?;
        for chunk in self.buf.chunks(64 * 1024) {
            writer
                .write_all(chunk)
                .map_err(|e| StoreError::Database(Box::new(e)))?;
        }
        writer.finish().map_err(db)
    }
}
