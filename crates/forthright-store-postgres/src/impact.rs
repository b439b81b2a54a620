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

use crate::{corrupt, db};
use forthright_core::{CaseDraft, CaseLine, DisruptionId};
use forthright_store::{Applied, Result, StoreError};
use jiff::Timestamp;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::Type;
use postgres::{Client, Transaction};
use std::collections::{HashMap, HashSet};

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

    // New cases, one per customer, in draft order, with ids from the sequence.
    let mut new_customers: Vec<&str> = Vec::new();
    let mut listed: HashSet<&str> = HashSet::new();
    for d in drafts {
        if !existing.contains_key(&d.customer_id) && listed.insert(&d.customer_id) {
            new_customers.push(&d.customer_id);
        }
    }
    let mut new_case: HashMap<&str, i64> = HashMap::with_capacity(new_customers.len());
    if !new_customers.is_empty() {
        // Ids in one block after the highest, the sequence moved past them once:
        // far cheaper than a `nextval` per case. The lock (readers pass) keeps
        // other writers of cases out until commit.
        let n = new_customers.len() as i64;
        tx.batch_execute("LOCK TABLE cases IN EXCLUSIVE MODE")
            .map_err(db)?;
        let row = tx
            .query_one(
                "SELECT GREATEST(COALESCE(max(id), 0), COALESCE(pg_sequence_last_value( \
                   pg_get_serial_sequence('cases', 'id')::regclass), 0)) FROM cases",
                &[],
            )
            .map_err(db)?;
        let first: i64 = row.try_get::<_, i64>(0).map_err(|e| corrupt("case", e))? + 1;
        tx.execute(
            "SELECT setval(pg_get_serial_sequence('cases', 'id'), $1)",
            &[&(first + n - 1)],
        )
        .map_err(db)?;
        new_case.extend(new_customers.iter().copied().zip(first..));
        copy(
            &mut tx,
            "COPY cases (id, disruption_id, customer_id, state, opened_at) \
             FROM STDIN (FORMAT binary)",
            &[Type::INT8, Type::INT8, Type::TEXT, Type::TEXT, Type::INT8],
            |w| {
                for c in &new_customers {
                    w.write(&[&new_case[c], &disruption, c, &"detected", &at])?;
                }
                Ok(())
            },
        )?;
    }

    // Lines of new cases: nothing can be held yet, so they are copied (once each).
    let mut seen: HashSet<(i64, &str, &str)> = HashSet::new();
    let mut fresh: Vec<(i64, &CaseLine)> = Vec::new();
    let mut joining: Vec<(i64, &CaseLine)> = Vec::new();
    for d in drafts {
        let (id, is_new) = match existing.get(&d.customer_id) {
            Some(id) => (*id, false),
            None => (new_case[d.customer_id.as_str()], true),
        };
        for l in &d.lines {
            if !seen.insert((id, &l.order_id, &l.sku)) {
                continue;
            }
            if is_new {
                fresh.push((id, l));
            } else {
                joining.push((id, l));
            }
        }
    }
    let mut added = fresh.len() as u64;
    if !fresh.is_empty() {
        copy(
            &mut tx,
            "COPY case_lines (case_id, order_id, sku, quantity, value, paid, promised_at, \
             expected_at) FROM STDIN (FORMAT binary)",
            &[
                Type::INT8,
                Type::TEXT,
                Type::TEXT,
                Type::INT8,
                Type::INT8,
                Type::BOOL,
                Type::INT8,
                Type::INT8,
            ],
            |w| {
                for (id, l) in &fresh {
                    w.write(&[
                        id,
                        &l.order_id,
                        &l.sku,
                        &l.quantity,
                        &l.value.minor(),
                        &l.paid,
                        &l.promised_at.as_second(),
                        &l.expected_at.map(|t| t.as_second()),
                    ])?;
                }
                Ok(())
            },
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
        opened: new_customers
            .iter()
            .map(|c| (c.to_string(), new_case[c]))
            .collect(),
        lines_added: added,
    })
}

/// Streams rows into the server with one binary `COPY`.
fn copy(
    tx: &mut Transaction<'_>,
    sql: &str,
    types: &[Type],
    rows: impl FnOnce(&mut BinaryCopyInWriter<'_>) -> Result<(), postgres::Error>,
) -> Result<()> {
    let writer = tx.copy_in(sql).map_err(db)?;
    let mut writer = BinaryCopyInWriter::new(writer, types);
    rows(&mut writer).map_err(db)?;
    writer.finish().map_err(db)?;
    Ok(())
}
