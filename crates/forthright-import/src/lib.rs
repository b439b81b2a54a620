//! forthright-import
