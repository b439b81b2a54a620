//! The shared store suite against PostgreSQL, each test in its own fresh
//! schema, dropped afterwards. Needs `FORTHRIGHT_TEST_POSTGRES_URL`
//! (e.g. `postgres://postgres@127.0.0.1:5432/test`); without it every test
//! prints a notice and passes.

use forthright_store_postgres::PostgresStore;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU32, Ordering};

const URL_VAR: &str = "FORTHRIGHT_TEST_POSTGRES_URL";

/// A store in a schema of its own, dropped with the guard.
struct FreshSchema {
    store: Option<PostgresStore>,
    url: String,
    schema: String,
}

impl Deref for FreshSchema {
    type Target = PostgresStore;
    fn deref(&self) -> &PostgresStore {
        self.store.as_ref().unwrap()
    }
}

impl DerefMut for FreshSchema {
    fn deref_mut(&mut self) -> &mut PostgresStore {
        self.store.as_mut().unwrap()
    }
}

impl Drop for FreshSchema {
    fn drop(&mut self) {
        drop(self.store.take());
        // Best effort: a schema left behind is never seen by another run.
        if let Ok(mut client) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

fn fresh() -> Option<FreshSchema> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let url = forthright_store_suite::env_or_skip(URL_VAR)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let schema = format!(
        "ft_test_{}_{}_{nanos}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let store = PostgresStore::connect_in_schema(&url, &schema).unwrap();
    Some(FreshSchema {
        store: Some(store),
        url,
        schema,
    })
}

forthright_store_suite::store_suite!(fresh());

/// Migrations run once per schema: reconnecting to a migrated schema keeps its rows.
#[test]
fn reconnecting_keeps_data_and_migrations_run_once() {
    use forthright_store::Store;
    let Some(mut guard) = fresh() else { return };
    forthright_store_suite::fixtures::Shop::sample().import(&mut *guard);
    let again = PostgresStore::connect_in_schema(&guard.url, &guard.schema);
    let mut again = again.unwrap();
    assert_eq!(again.counts().unwrap().order_lines, 11);
    let mut client = postgres::Client::connect(&guard.url, postgres::NoTls).unwrap();
    let row = client
        .query_one(
            &format!(
                "SELECT count(*), max(version) FROM {}.schema_migrations",
                guard.schema
            ),
            &[],
        )
        .unwrap();
    let (n, max): (i64, i64) = (row.get(0), row.get(1));
    assert_eq!(n as usize, forthright_store_postgres::MIGRATIONS.len());
    assert_eq!(max, forthright_store_postgres::MIGRATIONS.last().unwrap().0);
}

/// Migration 5: a case's `opened` event is its row; the `opened` rows earlier
/// versions stored go, and the audit trail reads the same.
#[test]
fn migration_5_leaves_one_opened_event_per_case() {
    use forthright_core::{CaseState, DisruptionKind, Scope};
    use forthright_store::Store;
    use forthright_store_suite::fixtures::{Shop, day, declared};
    let Some(mut guard) = fresh() else { return };
    Shop::sample().import(&mut *guard);
    let scope = Scope {
        customers: vec!["c2".into()],
        ..Scope::default()
    };
    let d = guard
        .create_disruption(&declared(DisruptionKind::Backorder, scope))
        .unwrap();
    guard.run_impact(d.id, day(6)).unwrap();
    let id = guard.cases(Some(d.id)).unwrap()[0].id;
    let mut client = postgres::Client::connect(&guard.url, postgres::NoTls).unwrap();
    let schema = guard.schema.clone();
    // What versions before 5 wrote with the case: a stored `opened` event.
    client
        .execute(
            &format!(
                "INSERT INTO {schema}.case_events (case_id, at, kind, detail) \
                 VALUES ($1, $2, 'opened', 'impact analysis found this customer affected')"
            ),
            &[&id, &day(6).as_second()],
        )
        .unwrap();
    guard
        .set_case_state(id, CaseState::Planned, day(7), "planned")
        .unwrap();
    client
        .batch_execute(&format!(
            "DELETE FROM {schema}.schema_migrations WHERE version = 5"
        ))
        .unwrap();
    let mut again = PostgresStore::connect_in_schema(&guard.url, &schema).unwrap();
    let events = again.case_events(id).unwrap();
    let kinds: Vec<_> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["opened", "state_changed"]);
    assert_eq!(events[0].at, day(6));
    let stored: i64 = client
        .query_one(
            &format!("SELECT count(*) FROM {schema}.case_events WHERE kind = 'opened'"),
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(stored, 0);
}
