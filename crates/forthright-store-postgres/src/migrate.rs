//! Embedded, versioned migrations: each runs once per schema, in order,
//! recorded in `schema_migrations`.

use crate::db;
use forthright_store::Result;
use postgres::Client;

/// Every migration as (version, name, SQL), in version order. Append only
/// (version 3 filled the gap PostgreSQL had left for it).
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../migrations/0001_initial.sql")),
    (
        2,
        "outreach_plans",
        include_str!("../migrations/0002_outreach_plans.sql"),
    ),
    // Versions carry the same numbers in both backends. Version 3 came to
    // PostgreSQL after 4: a schema that has 4 but not 3 gets 3 on its next
    // connect (every missing version runs, in this order).
    (
        3,
        "open_lines_by_sku",
        include_str!("../migrations/0003_open_lines_by_sku.sql"),
    ),
    (
        4,
        "contacts",
        include_str!("../migrations/0004_contacts.sql"),
    ),
    (
        5,
        "lighter_case_writes",
        include_str!("../migrations/0005_lighter_case_writes.sql"),
    ),
];

/// Applies the migrations the current schema lacks, in one transaction.
/// An advisory lock keyed by the schema keeps concurrent first connects from racing.
pub(crate) fn run(client: &mut Client) -> Result<()> {
    let mut tx = client.transaction().map_err(db)?;
    tx.batch_execute(
        "SELECT pg_advisory_xact_lock(hashtext('forthright:' || current_schema())); \
         CREATE TABLE IF NOT EXISTS schema_migrations ( \
             version    BIGINT PRIMARY KEY, \
             name       TEXT NOT NULL, \
             applied_at BIGINT NOT NULL)",
    )
    .map_err(db)?;
    let applied: Vec<i64> = tx
        .query("SELECT version FROM schema_migrations", &[])
        .map_err(db)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    for (version, name, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        tx.batch_execute(sql).map_err(db)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) \
             VALUES ($1, $2, extract(epoch FROM now())::bigint)",
            &[version, name],
        )
        .map_err(db)?;
    }
    tx.commit().map_err(db)
}
