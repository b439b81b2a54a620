//! The shared store suite against SQLite: each test on a fresh database file
//! in its own temporary directory, removed afterwards.

use forthright_store_sqlite::SqliteStore;
use std::ops::{Deref, DerefMut};

/// A store in a temporary directory that lives as long as the store.
struct FreshFile {
    store: SqliteStore,
    _dir: tempfile::TempDir,
}

impl Deref for FreshFile {
    type Target = SqliteStore;
    fn deref(&self) -> &SqliteStore {
        &self.store
    }
}

impl DerefMut for FreshFile {
    fn deref_mut(&mut self) -> &mut SqliteStore {
        &mut self.store
    }
}

fn fresh() -> Option<FreshFile> {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("suite.db").display());
    let store = SqliteStore::open(&url).unwrap();
    Some(FreshFile { store, _dir: dir })
}

forthright_store_suite::store_suite!(fresh());
