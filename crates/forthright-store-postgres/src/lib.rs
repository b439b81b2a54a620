//! The PostgreSQL backend of the forthright store: for shops that outgrow one
//! file, or want several processes on one database.
//!
//! It speaks the same logical schema as the SQLite backend (time stamps as
//! unix seconds, money as minor units), with its own embedded, versioned
//! migrations. Bulk paths are batched: imports stream rows with binary `COPY`
//! into a staging table and merge them with one upsert per table; impact
//! analysis fetches exactly the lines in scope with one indexed query, and
//! keeps new cases and their lines by binary `COPY`; a new case's `opened`
//! event is its row (see `BENCHMARKS.md`, "Impact analysis", for what that
//! costs at a million lines).

mod impact;
mod import;
mod migrate;

use forthright_core::detect::LateOrder;
use forthright_core::{
    Case, CaseDraft, CaseEvent, CaseId, CaseLine, CaseState, Customer, Disruption, DisruptionId,
    DisruptionKind, DisruptionState, ImpactLine, LineStatus, Money, NewDisruption, OrderLine,
    Product, Scope,
};
use forthright_store::{Applied, Counts, ImportTx, KeyKind, Result, Store, StoreError};
use jiff::Timestamp;
use postgres::types::ToSql;
use postgres::{Client, GenericClient, NoTls, Row};
use std::collections::HashSet;

pub use migrate::MIGRATIONS;

/// A forthright store in a PostgreSQL database (one schema of it).
pub struct PostgresStore {
    client: Client,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore").finish_non_exhaustive()
    }
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user@host:port/db`) and brings the schema
    /// on the connection's default `search_path` up to date.
    pub fn connect(url: &str) -> Result<Self> {
        let mut client = open(url)?;
        migrate::run(&mut client)?;
        Ok(Self { client })
    }

    /// Connects to `url` and keeps everything in `schema`, creating it if
    /// missing: isolated stores in one database, e.g. one per test run.
    /// The schema name must be a plain identifier (letters, digits, `_`).
    pub fn connect_in_schema(url: &str, schema: &str) -> Result<Self> {
        let valid = !schema.is_empty()
            && schema.len() <= 63
            && !schema.starts_with(|c: char| c.is_ascii_digit())
            && schema
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !valid {
            return Err(StoreError::Open {
                url: redact(url),
                reason: format!(
                    "schema name {schema:?} must be lower-case letters, digits and _ (at most 63)"
                ),
            });
        }
        let mut client = open(url)?;
        client
            .batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS \"{schema}\"; SET search_path TO \"{schema}\""
            ))
            .map_err(db)?;
        migrate::run(&mut client)?;
        Ok(Self { client })
    }
}

fn open(url: &str) -> Result<Client> {
    Client::connect(url, NoTls).map_err(|e| StoreError::Open {
        url: redact(url),
        reason: e.to_string(),
    })
}

/// The URL without its password, fit for an error message.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((user_info, host)) if user_info.contains(':') => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

/// Wraps a database error.
pub(crate) fn db(e: postgres::Error) -> StoreError {
    StoreError::Database(Box::new(e))
}

fn corrupt(what: &'static str, reason: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what,
        reason: reason.to_string(),
    }
}

fn ts(what: &'static str, seconds: i64) -> Result<Timestamp> {
    Timestamp::from_second(seconds).map_err(|e| corrupt(what, e))
}

fn opt_ts(what: &'static str, seconds: Option<i64>) -> Result<Option<Timestamp>> {
    seconds.map(|s| ts(what, s)).transpose()
}

fn parse<T: std::str::FromStr>(what: &'static str, text: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    text.parse().map_err(|e| corrupt(what, e))
}

/// Reads a column, mapping a type mismatch to a corruption error.
fn col<'a, T: postgres::types::FromSql<'a>>(
    what: &'static str,
    row: &'a Row,
    idx: usize,
) -> Result<T> {
    row.try_get(idx).map_err(|e| corrupt(what, e))
}

const CUSTOMER_COLS: &str =
    "id, name, email, phone, timezone, preferred_channel, tier, do_not_contact";

fn customer_from(row: &Row) -> Result<Customer> {
    const W: &str = "customer";
    let channel: Option<String> = col(W, row, 5)?;
    Ok(Customer {
        id: col(W, row, 0)?,
        name: col(W, row, 1)?,
        email: col(W, row, 2)?,
        phone: col(W, row, 3)?,
        timezone: col(W, row, 4)?,
        preferred_channel: channel.map(|c| parse(W, &c)).transpose()?,
        tier: parse(W, col(W, row, 6)?)?,
        do_not_contact: col(W, row, 7)?,
    })
}

const PRODUCT_COLS: &str = "p.sku, p.name, p.category, p.price, p.stock, p.features, p.status";

fn product_from(row: &Row) -> Result<Product> {
    const W: &str = "product";
    Ok(Product {
        sku: col(W, row, 0)?,
        name: col(W, row, 1)?,
        category: col(W, row, 2)?,
        price: Money::from_minor(col(W, row, 3)?),
        stock: col(W, row, 4)?,
        features: col(W, row, 5)?,
        status: parse(W, col(W, row, 6)?)?,
    })
}

const DISRUPTION_COLS: &str =
    "id, kind, state, scope::text, reason, new_date, amount, known_since, origin, detection_key";

fn disruption_from(row: &Row) -> Result<Disruption> {
    const W: &str = "disruption";
    let scope: String = col(W, row, 3)?;
    let amount: Option<i64> = col(W, row, 6)?;
    Ok(Disruption {
        id: col(W, row, 0)?,
        state: parse(W, col(W, row, 2)?)?,
        details: NewDisruption {
            kind: parse(W, col(W, row, 1)?)?,
            scope: serde_json::from_str(&scope).map_err(|e| corrupt(W, e))?,
            reason: col(W, row, 4)?,
            new_date: opt_ts(W, col(W, row, 5)?)?,
            amount: amount.map(Money::from_minor),
            known_since: ts(W, col(W, row, 7)?)?,
            origin: parse(W, col(W, row, 8)?)?,
            detection_key: col(W, row, 9)?,
        },
    })
}

fn scope_json(scope: &Scope) -> Result<String> {
    serde_json::to_string(scope).map_err(|e| StoreError::Invalid(format!("scope: {e}")))
}

/// Parameters shared by inserting and replacing a disruption: `$1..=$8`.
fn disruption_params(d: &NewDisruption) -> Result<(String, [Option<i64>; 2])> {
    d.validate().map_err(StoreError::Invalid)?;
    Ok((
        scope_json(&d.scope)?,
        [
            d.new_date.map(|t| t.as_second()),
            d.amount.map(Money::minor),
        ],
    ))
}

/// The detail of a case's `opened` event, an SQL expression over `cases`: the
/// event is the case row itself (migration 5), the same words as SQLite's.
const OPENED_DETAIL: &str =
    "'impact analysis of disruption ' || disruption_id || ' found this customer affected'";

/// A case and its lines in one row each line (a case without lines comes once,
/// its line columns NULL): `cases` is the table, `l` its lines.
const CASE_WITH_LINES: &str = "SELECT cases.id, cases.disruption_id, cases.customer_id, \
     cases.state, cases.opened_at, l.order_id, l.sku, l.quantity, l.value, l.paid, \
     l.promised_at, l.expected_at \
     FROM cases LEFT JOIN case_lines l ON l.case_id = cases.id";

fn case_from(row: &Row) -> Result<Case> {
    const W: &str = "case";
    Ok(Case {
        id: col(W, row, 0)?,
        disruption_id: col(W, row, 1)?,
        customer_id: col(W, row, 2)?,
        state: parse(W, col(W, row, 3)?)?,
        lines: Vec::new(),
        opened_at: ts(W, col(W, row, 4)?)?,
    })
}

/// The line in a [`CASE_WITH_LINES`] row, if the case has one.
fn case_line_from(row: &Row) -> Result<Option<CaseLine>> {
    const W: &str = "case line";
    let Some(order_id) = col::<Option<String>>(W, row, 5)? else {
        return Ok(None);
    };
    Ok(Some(CaseLine {
        order_id,
        sku: col(W, row, 6)?,
        quantity: col(W, row, 7)?,
        value: Money::from_minor(col(W, row, 8)?),
        paid: col(W, row, 9)?,
        promised_at: ts(W, col(W, row, 10)?)?,
        expected_at: opt_ts(W, col(W, row, 11)?)?,
    }))
}

/// Cases and their lines, ordered by case id, lines by (order, sku), in one
/// query; `filter` is a condition on `cases`.
fn load_cases(
    client: &mut impl GenericClient,
    filter: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Vec<Case>> {
    let rows = client
        .query(&format!("{CASE_WITH_LINES} WHERE {filter}"), params)
        .map_err(db)?;
    let mut cases: Vec<Case> = Vec::new();
    let mut index: std::collections::HashMap<CaseId, usize> = std::collections::HashMap::new();
    for row in &rows {
        let id: CaseId = col("case", row, 0)?;
        let i = match index.get(&id) {
            Some(&i) => i,
            None => {
                cases.push(case_from(row)?);
                index.insert(id, cases.len() - 1);
                cases.len() - 1
            }
        };
        if let Some(line) = case_line_from(row)? {
            cases[i].lines.push(line);
        }
    }
    // Sorted here rather than by the server: bytewise, and no spill to disk
    // for a disruption with tens of thousands of cases and lines.
    cases.sort_unstable_by_key(|c| c.id);
    for case in &mut cases {
        case.lines
            .sort_unstable_by(|a, b| (&a.order_id, &a.sku).cmp(&(&b.order_id, &b.sku)));
    }
    Ok(cases)
}

impl Store for PostgresStore {
    fn begin_import(&mut self) -> Result<Box<dyn ImportTx + '_>> {
        Ok(Box::new(import::PgImport::begin(&mut self.client)?))
    }

    fn known_keys(&mut self, kind: KeyKind) -> Result<HashSet<String>> {
        let sql = match kind {
            KeyKind::Customers => "SELECT id FROM customers",
            KeyKind::Skus => "SELECT sku FROM products",
            KeyKind::Orders => "SELECT DISTINCT order_id FROM order_lines",
        };
        let rows = self.client.query(sql, &[]).map_err(db)?;
        rows.iter().map(|r| col("key", r, 0)).collect()
    }

    fn counts(&mut self) -> Result<Counts> {
        let row = self
            .client
            .query_one(
                "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM products), \
                 (SELECT count(*) FROM order_lines), (SELECT count(*) FROM shipments), \
                 (SELECT count(*) FROM disruptions), (SELECT count(*) FROM cases)",
                &[],
            )
            .map_err(db)?;
        let n = |i| col::<i64>("counts", &row, i).map(|v| v.max(0) as u64);
        Ok(Counts {
            customers: n(0)?,
            products: n(1)?,
            order_lines: n(2)?,
            shipments: n(3)?,
            disruptions: n(4)?,
            cases: n(5)?,
        })
    }

    fn customer(&mut self, id: &str) -> Result<Option<Customer>> {
        self.client
            .query_opt(
                &format!("SELECT {CUSTOMER_COLS} FROM customers WHERE id = $1"),
                &[&id],
            )
            .map_err(db)?
            .as_ref()
            .map(customer_from)
            .transpose()
    }

    fn product(&mut self, sku: &str) -> Result<Option<Product>> {
        self.client
            .query_opt(
                &format!("SELECT {PRODUCT_COLS} FROM products p WHERE p.sku = $1"),
                &[&sku],
            )
            .map_err(db)?
            .as_ref()
            .map(product_from)
            .transpose()
    }

    fn stocked_out_with_waiting_lines(
        &mut self,
        skus: Option<&[String]>,
    ) -> Result<Vec<(Product, u64)>> {
        let sql = format!(
            "SELECT {PRODUCT_COLS}, w.waiting FROM products p \
             CROSS JOIN LATERAL (SELECT count(*) AS waiting FROM order_lines l \
                                 WHERE l.sku = p.sku AND l.status = 'open') w \
             WHERE p.stock <= 0 AND w.waiting > 0 \
               AND ($1::text[] IS NULL OR p.sku = ANY($1)) ORDER BY p.sku"
        );
        let rows = self.client.query(&sql, &[&skus]).map_err(db)?;
        rows.iter()
            .map(|r| {
                let waiting: i64 = col("product", r, 7)?;
                Ok((product_from(r)?, waiting.max(0) as u64))
            })
            .collect()
    }

    fn late_orders(&mut self) -> Result<Vec<LateOrder>> {
        let rows = self
            .client
            .query(
                "SELECT s.order_id, s.carrier, s.reason, s.eta FROM shipments s \
                 WHERE EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = s.order_id \
                               AND l.status = 'open' AND l.promised_at < s.eta) \
                 ORDER BY s.order_id",
                &[],
            )
            .map_err(db)?;
        rows.iter()
            .map(|r| {
                Ok(LateOrder {
                    order_id: col("shipment", r, 0)?,
                    carrier: col("shipment", r, 1)?,
                    reason: col("shipment", r, 2)?,
                    eta: ts("shipment", col("shipment", r, 3)?)?,
                })
            })
            .collect()
    }

    fn create_disruption(&mut self, new: &NewDisruption) -> Result<Disruption> {
        let (scope, [new_date, amount]) = disruption_params(new)?;
        let row = self
            .client
            .query_one(
                &format!(
                    "INSERT INTO disruptions (kind, state, scope, reason, new_date, amount, \
                     known_since, origin, detection_key) \
                     VALUES ($1, 'open', $2::text::jsonb, $3, $4, $5, $6, $7, $8) \
                     RETURNING {DISRUPTION_COLS}"
                ),
                &[
                    &new.kind.as_str(),
                    &scope,
                    &new.reason,
                    &new_date,
                    &amount,
                    &new.known_since.as_second(),
                    &new.origin.as_str(),
                    &new.detection_key,
                ],
            )
            .map_err(db)?;
        disruption_from(&row)
    }

    fn open_disruption_by_key(&mut self, key: &str) -> Result<Option<Disruption>> {
        self.client
            .query_opt(
                &format!(
                    "SELECT {DISRUPTION_COLS} FROM disruptions \
                     WHERE detection_key = $1 AND state = 'open'"
                ),
                &[&key],
            )
            .map_err(db)?
            .as_ref()
            .map(disruption_from)
            .transpose()
    }

    fn update_disruption(
        &mut self,
        id: DisruptionId,
        details: &NewDisruption,
    ) -> Result<Disruption> {
        let (scope, [new_date, amount]) = disruption_params(details)?;
        let row = self
            .client
            .query_opt(
                &format!(
                    "UPDATE disruptions SET kind = $2, scope = $3::text::jsonb, reason = $4, \
                     new_date = $5, amount = $6, known_since = $7, origin = $8, \
                     detection_key = $9 WHERE id = $1 RETURNING {DISRUPTION_COLS}"
                ),
                &[
                    &id,
                    &details.kind.as_str(),
                    &scope,
                    &details.reason,
                    &new_date,
                    &amount,
                    &details.known_since.as_second(),
                    &details.origin.as_str(),
                    &details.detection_key,
                ],
            )
            .map_err(db)?;
        match row {
            Some(row) => disruption_from(&row),
            None => Err(StoreError::NotFound {
                what: "disruption",
                id: id.to_string(),
            }),
        }
    }

    fn set_disruption_state(&mut self, id: DisruptionId, state: DisruptionState) -> Result<()> {
        let n = self
            .client
            .execute(
                "UPDATE disruptions SET state = $2 WHERE id = $1",
                &[&id, &state.as_str()],
            )
            .map_err(db)?;
        if n == 0 {
            return Err(StoreError::NotFound {
                what: "disruption",
                id: id.to_string(),
            });
        }
        Ok(())
    }

    fn disruption(&mut self, id: DisruptionId) -> Result<Option<Disruption>> {
        self.client
            .query_opt(
                &format!("SELECT {DISRUPTION_COLS} FROM disruptions WHERE id = $1"),
                &[&id],
            )
            .map_err(db)?
            .as_ref()
            .map(disruption_from)
            .transpose()
    }

    fn disruptions(&mut self) -> Result<Vec<Disruption>> {
        self.client
            .query(
                &format!("SELECT {DISRUPTION_COLS} FROM disruptions ORDER BY id DESC"),
                &[],
            )
            .map_err(db)?
            .iter()
            .map(disruption_from)
            .collect()
    }

    fn impact_candidates(&mut self, scope: &Scope) -> Result<Vec<ImpactLine>> {
        candidates(&mut self.client, scope, true, true)
    }

    fn impact_candidates_for(&mut self, disruption: &NewDisruption) -> Result<Vec<ImpactLine>> {
        let scope = &disruption.scope;
        let shipments = !scope.carriers.is_empty() || disruption.kind == DisruptionKind::Delay;
        candidates(
            &mut self.client,
            scope,
            !scope.categories.is_empty(),
            shipments,
        )
    }

    fn apply_impact(
        &mut self,
        disruption: DisruptionId,
        drafts: &[CaseDraft],
        at: Timestamp,
    ) -> Result<Applied> {
        impact::apply(&mut self.client, disruption, drafts, at)
    }

    fn cases(&mut self, disruption: Option<DisruptionId>) -> Result<Vec<Case>> {
        match disruption {
            Some(id) => load_cases(&mut self.client, "cases.disruption_id = $1", &[&id]),
            None => load_cases(&mut self.client, "TRUE", &[]),
        }
    }

    fn case(&mut self, id: CaseId) -> Result<Option<Case>> {
        Ok(load_cases(&mut self.client, "cases.id = $1", &[&id])?
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
        let mut tx = self.client.transaction().map_err(db)?;
        let row = tx
            .query_opt("SELECT state FROM cases WHERE id = $1 FOR UPDATE", &[&id])
            .map_err(db)?
            .ok_or_else(|| StoreError::NotFound {
                what: "case",
                id: id.to_string(),
            })?;
        let from: CaseState = parse("case", col("case", &row, 0)?)?;
        if !from.can_become(state) {
            return Err(StoreError::Invalid(format!(
                "case {id} cannot go from {from} to {state}"
            )));
        }
        tx.execute(
            "UPDATE cases SET state = $2 WHERE id = $1",
            &[&id, &state.as_str()],
        )
        .map_err(db)?;
        let detail = if detail.is_empty() {
            format!("{from} -> {state}")
        } else {
            format!("{from} -> {state}: {detail}")
        };
        tx.execute(
            "INSERT INTO case_events (case_id, at, kind, detail) \
             VALUES ($1, $2, 'state_changed', $3)",
            &[&id, &at.as_second(), &detail],
        )
        .map_err(db)?;
        tx.commit().map_err(db)
    }

    fn case_events(&mut self, id: CaseId) -> Result<Vec<CaseEvent>> {
        // The `opened` event is the case row (`opened_at`), not a stored event:
        // it sorts first among events at the same time (sequence 0).
        let rows = self
            .client
            .query(
                &format!(
                    "SELECT id, opened_at, 'opened', {OPENED_DETAIL}, 0::int8 AS seq \
                     FROM cases WHERE id = $1 \
                     UNION ALL \
                     SELECT case_id, at, kind, detail, id FROM case_events WHERE case_id = $1 \
                     ORDER BY 2, 5"
                ),
                &[&id],
            )
            .map_err(db)?;
        let mut seq = rows.iter().map(|r| col::<i64>("case event", r, 4));
        if !seq.any(|s| s.is_ok_and(|s| s == 0)) {
            return Err(StoreError::NotFound {
                what: "case",
                id: id.to_string(),
            });
        }
        rows.iter()
            .map(|r| {
                const W: &str = "case event";
                Ok(CaseEvent {
                    case_id: col(W, r, 0)?,
                    at: ts(W, col(W, r, 1)?)?,
                    kind: col(W, r, 2)?,
                    detail: col(W, r, 3)?,
                })
            })
            .collect()
    }

    // --- Outreach plans and planning history (issue 5) ---

    fn customers_by_id(&mut self, ids: &[String]) -> Result<Vec<Customer>> {
        self.client
            .query(
                &format!("SELECT {CUSTOMER_COLS} FROM customers WHERE id = ANY($1)"),
                &[&ids],
            )
            .map_err(db)?
            .iter()
            .map(customer_from)
            .collect()
    }

    fn products_related(&mut self, skus: &[String]) -> Result<Vec<Product>> {
        self.client
            .query(
                &format!(
                    "SELECT {PRODUCT_COLS} FROM products p
                     WHERE p.sku = ANY($1)
                        OR p.category IN (SELECT category FROM products WHERE sku = ANY($1))
                     ORDER BY p.sku"
                ),
                &[&skus],
            )
            .map_err(db)?
            .iter()
            .map(product_from)
            .collect()
    }

    fn recent_disruption_counts(
        &mut self,
        disruption: DisruptionId,
        since: Timestamp,
    ) -> Result<std::collections::HashMap<String, u32>> {
        self.client
            .query(
                "SELECT c.customer_id, count(DISTINCT o.disruption_id)
                 FROM cases c
                 JOIN cases o ON o.customer_id = c.customer_id
                             AND o.disruption_id <> c.disruption_id
                             AND o.opened_at >= $2
                 WHERE c.disruption_id = $1
                 GROUP BY c.customer_id",
                &[&disruption, &since.as_second()],
            )
            .map_err(db)?
            .iter()
            .map(|r| {
                let n: i64 = col("recent disruption count", r, 1)?;
                Ok((
                    col("recent disruption count", r, 0)?,
                    u32::try_from(n).unwrap_or(u32::MAX),
                ))
            })
            .collect()
    }

    fn save_plans(&mut self, plans: &[forthright_store::StoredPlan]) -> Result<()> {
        let mut tx = self.client.transaction().map_err(db)?;
        // One statement per chunk: arrays unnested server-side, not one round trip per plan.
        for chunk in plans.chunks(5_000) {
            let case_ids: Vec<i64> = chunk.iter().map(|p| p.case_id).collect();
            let disruptions: Vec<i64> = chunk.iter().map(|p| p.disruption_id).collect();
            let ranks: Vec<i64> = chunk.iter().map(|p| p.rank).collect();
            let scores: Vec<i64> = chunk.iter().map(|p| p.score).collect();
            let channels: Vec<Option<&str>> = chunk
                .iter()
                .map(|p| p.channel.map(|c| c.as_str()))
                .collect();
            let contact: Vec<Option<i64>> = chunk
                .iter()
                .map(|p| p.contact_at.map(|t| t.as_second()))
                .collect();
            let planned: Vec<i64> = chunk.iter().map(|p| p.planned_at.as_second()).collect();
            let bodies: Vec<&str> = chunk.iter().map(|p| p.body.as_str()).collect();
            tx.execute(
                "INSERT INTO outreach_plans
                     (case_id, disruption_id, rank, score, channel, contact_at, planned_at, body)
                 SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[],
                                      $5::text[], $6::bigint[], $7::bigint[], $8::text[])
                 ON CONFLICT (case_id) DO UPDATE SET
                     disruption_id = excluded.disruption_id, rank = excluded.rank,
                     score = excluded.score, channel = excluded.channel,
                     contact_at = excluded.contact_at, planned_at = excluded.planned_at,
                     body = excluded.body",
                &[
                    &case_ids,
                    &disruptions,
                    &ranks,
                    &scores,
                    &channels,
                    &contact,
                    &planned,
                    &bodies,
                ],
            )
            .map_err(db)?;
        }
        tx.commit().map_err(db)
    }

    fn plan(&mut self, case: CaseId) -> Result<Option<forthright_store::StoredPlan>> {
        let Some(r) = self
            .client
            .query_opt(
                "SELECT case_id, disruption_id, rank, score, channel, contact_at, planned_at, body
                 FROM outreach_plans WHERE case_id = $1",
                &[&case],
            )
            .map_err(db)?
        else {
            return Ok(None);
        };
        const WHAT: &str = "outreach plan";
        let channel: Option<String> = col(WHAT, &r, 4)?;
        Ok(Some(forthright_store::StoredPlan {
            case_id: col(WHAT, &r, 0)?,
            disruption_id: col(WHAT, &r, 1)?,
            rank: col(WHAT, &r, 2)?,
            score: col(WHAT, &r, 3)?,
            channel: channel.map(|c| parse(WHAT, &c)).transpose()?,
            contact_at: opt_ts(WHAT, col(WHAT, &r, 5)?)?,
            planned_at: ts(WHAT, col(WHAT, &r, 6)?)?,
            body: col(WHAT, &r, 7)?,
        }))
    }

    // --- Contact attempts (P1, P2, P9, P15) ---

    fn record_contact(&mut self, attempt: &forthright_core::ContactAttempt) -> Result<()> {
        attempt.validate().map_err(StoreError::Invalid)?;
        let id = attempt.case_id;
        let mut tx = self.client.transaction().map_err(db)?;
        let row = tx
            .query_opt("SELECT state FROM cases WHERE id = $1 FOR UPDATE", &[&id])
            .map_err(db)?
            .ok_or_else(|| StoreError::NotFound {
                what: "case",
                id: id.to_string(),
            })?;
        let state: CaseState = parse("case", col("case", &row, 0)?)?;
        let at = attempt.at.as_second();
        tx.execute(
            "INSERT INTO contact_attempts (case_id, at, channel, direction, outcome, agent, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &id,
                &at,
                &attempt.channel.as_str(),
                &attempt.direction.as_str(),
                &attempt.outcome.as_str(),
                &attempt.agent,
                &attempt.note,
            ],
        )
        .map_err(db)?;
        tx.execute(
            "INSERT INTO case_events (case_id, at, kind, detail) VALUES ($1, $2, 'contact', $3)",
            &[&id, &at, &attempt.describe()],
        )
        .map_err(db)?;
        if let Some((to, detail)) = attempt.state_change(state) {
            tx.execute(
                "UPDATE cases SET state = $2 WHERE id = $1",
                &[&id, &to.as_str()],
            )
            .map_err(db)?;
            tx.execute(
                "INSERT INTO case_events (case_id, at, kind, detail) \
                 VALUES ($1, $2, 'state_changed', $3)",
                &[&id, &at, &detail],
            )
            .map_err(db)?;
        }
        tx.commit().map_err(db)
    }

    fn contacts(&mut self, case: CaseId) -> Result<Vec<forthright_core::ContactAttempt>> {
        const W: &str = "contact attempt";
        self.client
            .query(
                "SELECT case_id, at, channel, direction, outcome, agent, note
                 FROM contact_attempts WHERE case_id = $1 ORDER BY at, id",
                &[&case],
            )
            .map_err(db)?
            .iter()
            .map(|r| {
                Ok(forthright_core::ContactAttempt {
                    case_id: col(W, r, 0)?,
                    at: ts(W, col(W, r, 1)?)?,
                    channel: parse(W, col(W, r, 2)?)?,
                    direction: parse(W, col(W, r, 3)?)?,
                    outcome: parse(W, col(W, r, 4)?)?,
                    agent: col(W, r, 5)?,
                    note: col(W, r, 6)?,
                })
            })
            .collect()
    }

    fn contact_tallies(
        &mut self,
        disruption: DisruptionId,
    ) -> Result<std::collections::HashMap<CaseId, forthright_core::ContactTally>> {
        // The same rules as ContactAttempt::is_failed_call and ContactTally::of;
        // the store suite checks the two agree.
        const W: &str = "contact tally";
        self.client
            .query(
                "SELECT a.case_id,
                        count(*) FILTER (WHERE a.direction = 'outbound'
                                           AND a.channel IN ('phone', 'voicemail')
                                           AND a.outcome <> 'reached'),
                        bool_or(a.direction = 'inbound')
                 FROM cases c JOIN contact_attempts a ON a.case_id = c.id
                 WHERE c.disruption_id = $1
                 GROUP BY a.case_id",
                &[&disruption],
            )
            .map_err(db)?
            .iter()
            .map(|r| {
                let failed: i64 = col(W, r, 1)?;
                Ok((
                    col(W, r, 0)?,
                    forthright_core::ContactTally {
                        failed_call_attempts: u32::try_from(failed).unwrap_or(u32::MAX),
                        contacted_us: col(W, r, 2)?,
                    },
                ))
            })
            .collect()
    }

    fn mark_planned(&mut self, cases: &[CaseId], at: Timestamp) -> Result<u64> {
        if cases.is_empty() {
            return Ok(0);
        }
        // One statement: the move and its audit events together.
        let row = self
            .client
            .query_one(
                "WITH moved AS (
                     UPDATE cases SET state = 'planned'
                     WHERE state = 'detected' AND id = ANY($1)
                     RETURNING id),
                 logged AS (
                     INSERT INTO case_events (case_id, at, kind, detail)
                     SELECT id, $2, 'state_changed', 'detected -> planned: outreach plan made'
                     FROM moved ORDER BY id
                     RETURNING 1)
                 SELECT count(*) FROM logged",
                &[&cases, &at.as_second()],
            )
            .map_err(db)?;
        let moved: i64 = col("planned cases", &row, 0)?;
        Ok(moved as u64)
    }
}

/// Open lines in `scope`, for [`Store::impact_candidates`]. Every non-empty
/// dimension becomes an indexed `= ANY($n)` filter, so the database returns
/// exactly the lines in scope. Products are joined only `with_category`, and
/// shipments only `with_shipment` (otherwise category is `""`, carrier and ETA
/// `None`): a backorder by SKU is then an index-only scan of
/// `order_lines_open_by_sku` (about 10 ms for 50,000 of 1,000,000 lines),
/// where the hash join with every shipment cost over 100 ms.
fn candidates(
    client: &mut Client,
    scope: &Scope,
    with_category: bool,
    with_shipment: bool,
) -> Result<Vec<ImpactLine>> {
    if scope.is_empty() {
        return Ok(Vec::new());
    }
    let with_category = with_category || !scope.categories.is_empty();
    let with_shipment = with_shipment || !scope.carriers.is_empty();
    let mut filters = vec!["l.status = 'open'".to_owned()];
    let mut params: Vec<&(dyn ToSql + Sync)> = Vec::new();
    for (column, values) in [
        ("l.sku", &scope.skus),
        ("l.order_id", &scope.orders),
        ("l.customer_id", &scope.customers),
        ("p.category", &scope.categories),
        ("s.carrier", &scope.carriers),
    ] {
        if !values.is_empty() {
            params.push(values);
            filters.push(format!("{column} = ANY(${}::text[])", params.len()));
        }
    }
    // Only the columns grouping will read: every line is open (the filter),
    // and a column not joined is not selected (each column costs decoding
    // and a slot in every one of tens of thousands of rows).
    let mut columns = "l.order_id, l.customer_id, l.sku, l.quantity, l.unit_price, l.placed_at, \
                       l.promised_at, l.paid"
        .to_owned();
    let mut joins = String::new();
    if with_category {
        columns.push_str(", COALESCE(p.category, '')");
        joins.push_str(" LEFT JOIN products p ON p.sku = l.sku");
    }
    if with_shipment {
        columns.push_str(", s.carrier, s.eta");
        joins.push_str(" LEFT JOIN shipments s ON s.order_id = l.order_id");
    }
    let sql = format!(
        "SELECT {columns} FROM order_lines l{joins} WHERE {}",
        filters.join(" AND ")
    );
    let rows = client.query(&sql, &params).map_err(db)?;
    let shipment_at = if with_category { 9 } else { 8 };
    rows.iter()
        .map(|r| {
            const W: &str = "order line";
            Ok(ImpactLine {
                line: OrderLine {
                    order_id: col(W, r, 0)?,
                    customer_id: col(W, r, 1)?,
                    sku: col(W, r, 2)?,
                    quantity: col(W, r, 3)?,
                    unit_price: Money::from_minor(col(W, r, 4)?),
                    placed_at: ts(W, col(W, r, 5)?)?,
                    promised_at: ts(W, col(W, r, 6)?)?,
                    paid: col(W, r, 7)?,
                    status: LineStatus::Open,
                },
                category: if with_category {
                    col(W, r, 8)?
                } else {
                    String::new()
                },
                carrier: if with_shipment {
                    col(W, r, shipment_at)?
                } else {
                    None
                },
                eta: if with_shipment {
                    opt_ts(W, col(W, r, shipment_at + 1)?)?
                } else {
                    None
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_error_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/shop"),
            "postgres://app:***@db:5432/shop"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
    }

    #[test]
    fn unsafe_schema_names_are_refused_before_connecting() {
        for bad in ["", "a;drop", "A", "1x", "x\"y"] {
            let err =
                PostgresStore::connect_in_schema("postgres://nowhere.invalid/x", bad).unwrap_err();
            assert!(
                matches!(&err, StoreError::Open { reason, .. } if reason.contains("schema name")),
                "{bad:?}: {err}"
            );
        }
    }
}
