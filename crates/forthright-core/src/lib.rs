//! forthright-core
