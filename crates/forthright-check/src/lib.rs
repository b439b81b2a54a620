//! forthright-check
