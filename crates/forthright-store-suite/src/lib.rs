//! forthright-store-suite
