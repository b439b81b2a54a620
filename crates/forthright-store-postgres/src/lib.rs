//! forthright-store-postgres
