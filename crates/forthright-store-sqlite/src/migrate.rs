//! Embedded, versioned migrations. Each runs once, in its own transaction, and
//! is recorded in `schema_migrations`; a database newer than this binary is
//! refused rather than guessed at.

use rusqlite::{Connection, TransactionBehavior, params};

/// One schema change.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Its version, starting at 1, without gaps.
    pub version: i64,
    /// A short name.
    pub name: &'static str,
    /// The SQL it runs.
    pub sql: &'static str,
}

/// Every migration, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sql: include_str!("../migrations/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "outreach_plans",
        sql: include_str!("../migrations/0002_outreach_plans.sql"),
    },
    Migration {
        version: 3,
        name: "open_lines_by_sku",
        sql: include_str!("../migrations/0003_open_lines_by_sku.sql"),
    },
    Migration {
        version: 4,
        name: "contacts",
        sql: include_str!("../migrations/0004_contacts.sql"),
    },
    Migration {
        version: 5,
        name: "lighter_case_writes",
        sql: include_str!("../migrations/0005_lighter_case_writes.sql"),
    },
];

/// The version a fully migrated database is at.
pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

pub(crate) enum Error {
    Sql(rusqlite::Error),
    TooNew { found: i64, known: i64 },
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sql(e)
    }
}

const CREATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
)";

pub(crate) fn current_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )
}

/// Brings the schema up to [`LATEST_VERSION`]. Safe when several processes
/// open the same fresh file at once: each step re-reads the version under the
/// write lock.
pub(crate) fn run(conn: &mut Connection) -> Result<(), Error> {
    conn.execute_batch(CREATE_TABLE)?;
    let found = current_version(conn)?;
    if found > LATEST_VERSION {
        return Err(Error::TooNew {
            found,
            known: LATEST_VERSION,
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > found) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if current_version(&tx)? >= m.version {
            continue;
        }
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, unixepoch())",
            params![m.version, m.name],
        )?;
        tx.commit()?;
    }
    Ok(())
}
