//! forthright-store-sqlite
