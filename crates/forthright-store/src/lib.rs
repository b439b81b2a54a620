//! forthright-store
