//! One module per group of subcommands.

pub mod check;
pub mod demo;
pub mod disrupt;
pub mod generate;
pub mod import;
pub mod plan;
pub mod store;
