//! forthright-engine
