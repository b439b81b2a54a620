//! Opening the store named by `--database-url`, and the clock every command uses.

use anyhow::Context;
use clap::Args;
use forthright_core::{Clock, FixedClock, SystemClock};
use forthright_store::Store;

/// Where the data lives: SQLite by default (nothing to install), PostgreSQL for scale-out.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Database URL: `sqlite://FILE` (the default), `sqlite::memory:`, or `postgres://...`.
    #[arg(
        long,
        env = "FORTHRIGHT_DATABASE_URL",
        default_value = "sqlite://forthright.db",
        global = true
    )]
    pub database_url: String,
}

/// Opens the store a URL names, running its migrations.
pub fn open(url: &str) -> anyhow::Result<Box<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = forthright_store_postgres::PostgresStore::connect(url)
            .with_context(|| format!("opening PostgreSQL store {}", redact(url)))?;
        Ok(Box::new(store))
    } else if url.starts_with("sqlite:") {
        let store = forthright_store_sqlite::SqliteStore::open(url)
            .with_context(|| format!("opening SQLite store {url}"))?;
        Ok(Box::new(store))
    } else {
        anyhow::bail!(
            "unsupported database URL {:?}: expected sqlite://FILE, sqlite::memory: or postgres://...",
            redact(url)
        )
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The one clock of a command: the real time, or the instant in `FORTHRIGHT_NOW`
/// (RFC 3339) so that runs and tests are reproducible.
pub fn clock() -> anyhow::Result<Box<dyn Clock>> {
    match std::env::var("FORTHRIGHT_NOW") {
        Ok(text) => {
            let now = forthright_core::time::parse_instant(&text)
                .with_context(|| "reading FORTHRIGHT_NOW")?;
            Ok(Box::new(FixedClock(now)))
        }
        Err(_) => Ok(Box::new(SystemClock)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/shop"),
            "postgres://app:***@db:5432/shop"
        );
        assert_eq!(redact("postgres://app@db/shop"), "postgres://app@db/shop");
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }

    #[test]
    fn unknown_schemes_are_refused_by_name() {
        let err = open("mysql://localhost/x").err().unwrap().to_string();
        assert!(
            err.contains("mysql://localhost/x") && err.contains("expected"),
            "{err}"
        );
    }
}
