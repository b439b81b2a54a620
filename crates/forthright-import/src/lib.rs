//! Streaming, all-or-nothing import of a shop's customers, products, orders
//! and shipments, from CSV (with a header row) or JSON Lines.
//!
//! Rows stream from the file into one store transaction ([`ImportTx`]) as they
//! are validated: memory does not grow with the file (beyond a 128-bit hash
//! per key, to catch duplicates). At the first invalid row writing stops, but
//! validation goes on to report up to `max_errors` problems; the transaction is
//! then dropped, so nothing of the file is written. Re-importing a file
//! changes nothing; a changed row is updated.
//!
//! After a successful import, [`detect_after`] looks for what the new data
//! reveals: stock-outs and late ETAs open disruptions at once (P1).

mod error;
pub mod fields;
mod rows;
mod schema;
mod source;

pub use error::{ImportError, RowError};
pub use schema::{Column, Format, Kind};

use forthright_core::impact::ImpactSummary;
use forthright_store::{Detected, ImportStats, ImportTx, Store, StoreError};
use jiff::Timestamp;
use std::io::Read;
use std::path::Path;

/// How to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The file's format; `None` reads it from the extension.
    pub format: Option<Format>,
    /// How many errors to report in full; the rest are counted.
    pub max_errors: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: None,
            max_errors: 20,
        }
    }
}

/// How far reading has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes read so far.
    pub bytes: u64,
    /// The size of the input, when known.
    pub total: Option<u64>,
    /// Records read so far.
    pub records: u64,
}

/// What a committed import wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    /// What the file held.
    pub kind: Kind,
    /// The file, as named.
    pub file: String,
    /// How it was read.
    pub format: Format,
    /// Its size in bytes.
    pub bytes: u64,
    /// Rows inserted, updated and unchanged.
    #[serde(flatten)]
    pub stats: ImportStats,
    /// SKUs of imported products with no stock left (products only), the
    /// ones detection looks at.
    #[serde(skip)]
    pub stocked_out: Vec<String>,
}

/// How often the progress callback is called, in records.
const PROGRESS_EVERY: u64 = 16 * 1024;

/// Imports a file into the store, all or nothing. The format comes from
/// `options.format` or the extension (`.csv`, `.jsonl`, `.ndjson`).
pub fn import_file(
    store: &mut dyn Store,
    kind: Kind,
    path: &Path,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let name = path.display().to_string();
    let format = options
        .format
        .or_else(|| Format::from_path(path))
        .ok_or_else(|| ImportError::UnknownFormat { file: name.clone() })?;
    let io = |source| ImportError::Io {
        file: name.clone(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let total = file.metadata().map_err(io)?.len();
    import_reader(
        store,
        kind,
        &name,
        format,
        file,
        Some(total),
        options,
        progress,
    )
}

/// Imports rows read from `input`, all or nothing; `name` is what errors call it.
#[allow(clippy::too_many_arguments)]
pub fn import_reader(
    store: &mut dyn Store,
    kind: Kind,
    name: &str,
    format: Format,
    input: impl Read,
    total: Option<u64>,
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Result<Imported, ImportError> {
    let refs = rows::References::load(store, kind)?;
    let mut checker = rows::Checker::new(kind, refs);
    let mut errors = error::Errors::new(name, options.max_errors);
    let (input, bytes_read) = source::Counting::new(input);
    let mut tx: Box<dyn ImportTx + '_> = store.begin_import()?;
    let mut records = 0u64;
    let result = source::read(format, kind, input, &mut errors, &mut |line,
                                                                      fields,
                                                                      errors|
     -> Result<
        (),
        StoreError,
    > {
        records += 1;
        // Validate every record; write only while the file is still valid.
        if checker.check(line, fields, errors) && errors.total() == 0 {
            checker.write(&mut *tx)?;
        }
        if records.is_multiple_of(PROGRESS_EVERY) {
            progress(Progress {
                bytes: bytes_read.get(),
                total,
                records,
            });
        }
        Ok(())
    });
    match result {
        Ok(()) => {}
        Err(source::Stop::Io(source)) => {
            return Err(ImportError::Io {
                file: name.to_owned(),
                source,
            });
        }
        Err(source::Stop::Callback(e)) => return Err(e.into()),
    }
    progress(Progress {
        bytes: bytes_read.get(),
        total,
        records,
    });
    if errors.total() > 0 {
        // All or nothing: dropping the transaction rolls back every row written.
        drop(tx);
        let (errors, more) = errors.into_parts();
        return Err(ImportError::Invalid {
            file: name.to_owned(),
            errors,
            more,
        });
    }
    let stats = tx.commit()?;
    Ok(Imported {
        kind,
        file: name.to_owned(),
        format,
        bytes: bytes_read.get(),
        stats,
        stocked_out: checker.stocked_out,
    })
}

/// Looks for the disruptions a committed import reveals, records them and
/// runs their impact analysis at once, so every affected customer has a case
/// the moment the data arrives (P1): after products, stock-outs among the
/// imported SKUs that open lines wait for; after orders and shipments, every
/// stock-out and every ETA that passes a promised date. Customers reveal
/// nothing. Idempotent, like [`Store::detect_and_impact`] which it runs;
/// disruptions found unchanged are left out.
pub fn detect_after(
    store: &mut dyn Store,
    imported: &Imported,
    now: Timestamp,
) -> Result<Vec<(Detected, ImpactSummary)>, StoreError> {
    match imported.kind {
        Kind::Customers => Ok(Vec::new()),
        // Only products without stock can be backordered: the imported SKUs
        // narrowed to those.
        Kind::Products => store.detect_and_impact(Some(&imported.stocked_out), now),
        Kind::Orders | Kind::Shipments => store.detect_and_impact(None, now),
    }
}
