//! The storage interface: everything forthright keeps, behind one trait that
//! the SQLite (embedded default) and PostgreSQL (scale-out) backends implement.
//!
//! The trait speaks only in domain types from `forthright-core`. Workflows that
//! combine several calls (detection after an import, impact analysis) are
//! provided methods, so every backend behaves the same way by construction.

use forthright_core::detect::{self, LateOrder};
use forthright_core::impact::{self, ImpactSummary};
use forthright_core::{
    Case, CaseDraft, CaseEvent, CaseId, CaseState, Channel, ContactAttempt, ContactTally, Customer,
    Disruption, DisruptionId, DisruptionState, ImpactLine, NewDisruption, OrderLine, Product,
    Scope, Shipment,
};
use jiff::Timestamp;
use std::collections::{HashMap, HashSet};

/// What can go wrong in a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed or refused the operation.
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The database URL or connection could not be used.
    #[error("cannot open {url}: {reason}")]
    Open {
        /// The URL given (without password).
        url: String,
        /// Why it failed.
        reason: String,
    },
    /// A record that was asked for does not exist.
    #[error("no {what} with id {id}")]
    NotFound {
        /// Kind of record.
        what: &'static str,
        /// The id asked for.
        id: String,
    },
    /// The request breaks a domain rule (e.g. an invalid state change).
    #[error("{0}")]
    Invalid(String),
    /// Stored data could not be read back into domain types (a bug or a foreign write).
    #[error("corrupt stored {what}: {reason}")]
    Corrupt {
        /// Which record.
        what: &'static str,
        /// What was wrong.
        reason: String,
    },
}

/// Result type of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What recording a detected disruption did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// A new disruption was opened.
    Opened(Disruption),
    /// The open disruption with the same key grew (new orders, later date).
    Extended(Disruption),
    /// Nothing new: the open disruption with the same key already says it all.
    Unchanged(Disruption),
}

impl Detected {
    /// The disruption, whatever happened.
    pub fn disruption(&self) -> &Disruption {
        match self {
            Detected::Opened(d) | Detected::Extended(d) | Detected::Unchanged(d) => d,
        }
    }
}

/// What [`Store::apply_impact`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The cases it opened: (customer id, case id).
    pub opened: Vec<(String, CaseId)>,
    /// Lines that joined a case (new or existing).
    pub lines_added: u64,
}

/// How many records of each kind the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Customers.
    pub customers: u64,
    /// Products.
    pub products: u64,
    /// Order lines.
    pub order_lines: u64,
    /// Shipments.
    pub shipments: u64,
    /// Disruptions.
    pub disruptions: u64,
    /// Cases.
    pub cases: u64,
}

/// Which set of existing keys an import needs to validate references against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Customer ids (orders refer to them).
    Customers,
    /// Product SKUs (orders refer to them).
    Skus,
    /// Order ids (shipments refer to them).
    Orders,
}

/// What one committed import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportStats {
    /// Rows received.
    pub rows: u64,
    /// Rows that were new.
    pub inserted: u64,
    /// Rows that existed and changed.
    pub updated: u64,
    /// Rows that existed unchanged (re-importing changes nothing).
    pub unchanged: u64,
}

/// One imported file's rows, in one transaction: nothing is visible before
/// [`ImportTx::commit`], and dropping it without committing rolls everything back.
/// Rows are upserted by key (customer id, sku, (order id, sku), order id for shipments).
pub trait ImportTx {
    /// Upserts a customer.
    fn put_customer(&mut self, row: &Customer) -> Result<()>;
    /// Upserts a product.
    fn put_product(&mut self, row: &Product) -> Result<()>;
    /// Upserts an order line.
    fn put_order_line(&mut self, row: &OrderLine) -> Result<()>;
    /// Upserts the shipment (ETA) of an order.
    fn put_shipment(&mut self, row: &Shipment) -> Result<()>;
    /// Makes every row visible at once.
    fn commit(self: Box<Self>) -> Result<ImportStats>;
}

/// A case's outreach plan as stored (P2, P3, P8, P13): the columns queues sort
/// by, and the whole plan as JSON written by `forthright-engine`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredPlan {
    /// The case.
    pub case_id: CaseId,
    /// Its disruption.
    pub disruption_id: DisruptionId,
    /// 1-based place in the queue.
    pub rank: i64,
    /// Priority score.
    pub score: i64,
    /// Channel of first contact; `None` when a person reviews the case instead.
    pub channel: Option<Channel>,
    /// Projected first contact.
    pub contact_at: Option<Timestamp>,
    /// When the plan was made.
    pub planned_at: Timestamp,
    /// The plan, as JSON.
    pub body: String,
}

/// Everything forthright keeps. Implemented by each backend.
pub trait Store: Send {
    /// Starts an all-or-nothing import.
    fn begin_import(&mut self) -> Result<Box<dyn ImportTx + '_>>;

    /// Every existing key of one kind, to validate an import's references.
    fn known_keys(&mut self, kind: KeyKind) -> Result<HashSet<String>>;

    /// Counts of every kind of record.
    fn counts(&mut self) -> Result<Counts>;

    /// One customer.
    fn customer(&mut self, id: &str) -> Result<Option<Customer>>;

    /// One product.
    fn product(&mut self, sku: &str) -> Result<Option<Product>>;

    /// Products with no stock left (stock <= 0) that open order lines still wait
    /// for, with the number of waiting lines. `skus` narrows the search.
    fn stocked_out_with_waiting_lines(
        &mut self,
        skus: Option<&[String]>,
    ) -> Result<Vec<(Product, u64)>>;

    /// Open orders whose carrier ETA is later than a promised date of one of
    /// their open lines.
    fn late_orders(&mut self) -> Result<Vec<LateOrder>>;

    /// Stores a new disruption (validated with [`NewDisruption::validate`]).
    fn create_disruption(&mut self, new: &NewDisruption) -> Result<Disruption>;

    /// The open disruption with this detection key, if any.
    fn open_disruption_by_key(&mut self, key: &str) -> Result<Option<Disruption>>;

    /// Replaces a disruption's details (scope growth, new date).
    fn update_disruption(
        &mut self,
        id: DisruptionId,
        details: &NewDisruption,
    ) -> Result<Disruption>;

    /// Moves a disruption to a new state.
    fn set_disruption_state(&mut self, id: DisruptionId, state: DisruptionState) -> Result<()>;

    /// One disruption.
    fn disruption(&mut self, id: DisruptionId) -> Result<Option<Disruption>>;

    /// All disruptions, newest first.
    fn disruptions(&mut self) -> Result<Vec<Disruption>>;

    /// The open order lines a scope may touch, with category, carrier and ETA.
    /// May return more than the scope matches; [`Scope::matches`] decides.
    fn impact_candidates(&mut self, scope: &Scope) -> Result<Vec<ImpactLine>>;

    /// The candidates [`Store::run_impact`] reads for a disruption: those of
    /// [`Store::impact_candidates`] for its scope, but a backend may leave out
    /// what [`impact::group_into_cases`] will not look at: the category (`""`)
    /// when the scope names no category, the carrier when it names no carrier,
    /// and the ETA unless the disruption is a delay (both `None`). A backorder
    /// by SKU then reads the open lines alone, without joining products and
    /// shipments.
    fn impact_candidates_for(&mut self, disruption: &NewDisruption) -> Result<Vec<ImpactLine>> {
        self.impact_candidates(&disruption.scope)
    }

    /// Keeps impact drafts atomically: one case per (customer, disruption),
    /// created if new; lines not yet held join the case, each joining an
    /// existing case with a `line_added` event. A new case's `opened` event is
    /// the case itself (its `opened_at`), not a stored event row.
    fn apply_impact(
        &mut self,
        disruption: DisruptionId,
        drafts: &[CaseDraft],
        at: Timestamp,
    ) -> Result<Applied>;

    /// Cases, of one disruption or all, ordered by id, with their lines.
    fn cases(&mut self, disruption: Option<DisruptionId>) -> Result<Vec<Case>>;

    /// One case with its lines.
    fn case(&mut self, id: CaseId) -> Result<Option<Case>>;

    /// Moves a case to a new state if [`CaseState::can_become`] allows it, and
    /// records the change in the audit trail.
    fn set_case_state(
        &mut self,
        id: CaseId,
        state: CaseState,
        at: Timestamp,
        detail: &str,
    ) -> Result<()>;

    /// A case's audit trail, oldest first. It starts with the `opened` event,
    /// made from the case row (at `opened_at`); the other events are stored.
    fn case_events(&mut self, id: CaseId) -> Result<Vec<CaseEvent>>;

    /// Customers by id, in any order; unknown ids are skipped. For planning
    /// many cases at once (issue 5).
    fn customers_by_id(&mut self, ids: &[String]) -> Result<Vec<Customer>>;

    /// The products a planner may name or offer for these SKUs: the SKUs
    /// themselves and every product of their categories (P8), by SKU.
    fn products_related(&mut self, skus: &[String]) -> Result<Vec<Product>>;

    /// For each customer with a case in `disruption`: how many other
    /// disruptions opened a case for them at or after `since` (P10).
    /// Customers with none are absent.
    fn recent_disruption_counts(
        &mut self,
        disruption: DisruptionId,
        since: Timestamp,
    ) -> Result<HashMap<String, u32>>;

    /// Keeps outreach plans atomically, replacing earlier plans of the same cases.
    fn save_plans(&mut self, plans: &[StoredPlan]) -> Result<()>;

    /// The stored outreach plan of a case.
    fn plan(&mut self, case: CaseId) -> Result<Option<StoredPlan>>;

    // --- Contact attempts (P1, P2, P9, P15) ---

    /// Records one contact attempt (validated with [`ContactAttempt::validate`])
    /// and a `contact` event in the case's audit trail, atomically. When the
    /// attempt reached the customer (outcome `reached`, either direction) and
    /// the case is `detected` or `planned`, the case moves to `contacted` by
    /// the rules of [`CaseState::can_become`], with a `state_changed` event.
    fn record_contact(&mut self, attempt: &ContactAttempt) -> Result<()>;

    /// A case's contact attempts, oldest first (by time, then by recording order).
    fn contacts(&mut self, case: CaseId) -> Result<Vec<ContactAttempt>>;

    /// For every case of a disruption with at least one contact attempt, its
    /// [`ContactTally`] (failed calls, whether the customer got in touch), in
    /// one query: the planner's P1/P2 input. Cases without attempts are absent.
    fn contact_tallies(
        &mut self,
        disruption: DisruptionId,
    ) -> Result<HashMap<CaseId, ContactTally>>;

    /// Moves the listed cases that are still `detected` to `planned`, each with a
    /// `state_changed` event, set-based (not one statement per case). Cases in
    /// any other state, and unknown ids, are left alone. Returns how many moved.
    fn mark_planned(&mut self, cases: &[CaseId], at: Timestamp) -> Result<u64>;

    /// Records a detected disruption idempotently: opens it, extends the open
    /// one with the same key, or leaves it unchanged.
    fn record_detected(&mut self, found: &NewDisruption) -> Result<Detected> {
        let key = found.detection_key.as_deref().ok_or_else(|| {
            StoreError::Invalid("a detected disruption needs a detection key".into())
        })?;
        Ok(match self.open_disruption_by_key(key)? {
            None => Detected::Opened(self.create_disruption(found)?),
            Some(existing) => match detect::merge(&existing, found) {
                None => Detected::Unchanged(existing),
                Some(merged) => Detected::Extended(self.update_disruption(existing.id, &merged)?),
            },
        })
    }

    /// Looks for stock-outs (among `skus`, or all) and late deliveries, and records
    /// what it finds (P1). Safe to run after every import.
    fn detect(&mut self, skus: Option<&[String]>, now: Timestamp) -> Result<Vec<Detected>> {
        let mut found = Vec::new();
        for (product, waiting) in self.stocked_out_with_waiting_lines(skus)? {
            if let Some(d) = detect::backorder(&product, waiting, now) {
                found.push(d);
            }
        }
        found.extend(detect::delays(&self.late_orders()?, now));
        found.iter().map(|d| self.record_detected(d)).collect()
    }

    /// Detects like [`Store::detect`], then runs impact analysis for every
    /// disruption opened or extended, so new cases exist at once (P1).
    fn detect_and_impact(
        &mut self,
        skus: Option<&[String]>,
        now: Timestamp,
    ) -> Result<Vec<(Detected, ImpactSummary)>> {
        let mut out = Vec::new();
        for found in self.detect(skus, now)? {
            if !matches!(found, Detected::Unchanged(_)) {
                let summary = self.run_impact(found.disruption().id, now)?;
                out.push((found, summary));
            }
        }
        Ok(out)
    }

    /// Runs impact analysis for a disruption: every open line in scope joins its
    /// customer's case (P1). Running it again creates no duplicate.
    ///
    /// The disruption's cases are read once before writing: lines they already
    /// hold are left out of the drafts, and when nothing is left (a rerun with
    /// nothing new) there is nothing to write and the summary comes from that
    /// read. Otherwise the cases are read again after [`Store::apply_impact`].
    fn run_impact(&mut self, id: DisruptionId, now: Timestamp) -> Result<ImpactSummary> {
        let disruption = self.disruption(id)?.ok_or_else(|| StoreError::NotFound {
            what: "disruption",
            id: id.to_string(),
        })?;
        let candidates = self.impact_candidates_for(&disruption.details)?;
        let mut drafts = impact::group_into_cases(&disruption.details, candidates);
        let before = self.cases(Some(id))?;
        if !before.is_empty() {
            let held: HashMap<&str, HashSet<(&str, &str)>> = before
                .iter()
                .map(|c| {
                    let lines = c.lines.iter();
                    let keys = lines.map(|l| (l.order_id.as_str(), l.sku.as_str()));
                    (c.customer_id.as_str(), keys.collect())
                })
                .collect();
            drafts.retain_mut(|d| match held.get(d.customer_id.as_str()) {
                None => true,
                Some(keys) => {
                    d.lines
                        .retain(|l| !keys.contains(&(l.order_id.as_str(), l.sku.as_str())));
                    !d.lines.is_empty()
                }
            });
        }
        if drafts.is_empty() {
            return Ok(ImpactSummary::of(id, &before));
        }
        let applied = self.apply_impact(id, &drafts, now)?;
        // The cases after the write, built from what was read and written
        // instead of read again: the new lines join their case, opened cases
        // get their ids. A customer in neither (another writer opened the
        // case meanwhile) means reading the truth back.
        let mut cases = before;
        cases.extend(
            applied
                .opened
                .into_iter()
                .map(|(customer_id, case_id)| Case {
                    id: case_id,
                    disruption_id: id,
                    customer_id,
                    state: CaseState::Detected,
                    lines: Vec::new(),
                    opened_at: now,
                }),
        );
        // Each draft's case, found by customer without copying ids.
        let target: Option<Vec<usize>> = {
            let by_customer: HashMap<&str, usize> = cases
                .iter()
                .enumerate()
                .map(|(i, c)| (c.customer_id.as_str(), i))
                .collect();
            let of = |d: &CaseDraft| by_customer.get(d.customer_id.as_str()).copied();
            drafts.iter().map(of).collect()
        };
        let Some(target) = target else {
            return Ok(ImpactSummary::of(id, &self.cases(Some(id))?));
        };
        for (draft, i) in drafts.into_iter().zip(target) {
            cases[i].lines.extend(draft.lines);
        }
        for case in &mut cases {
            case.lines
                .sort_by(|a, b| (&a.order_id, &a.sku).cmp(&(&b.order_id, &b.sku)));
        }
        cases.sort_by_key(|c| c.id);
        Ok(ImpactSummary::of(id, &cases))
    }
}
