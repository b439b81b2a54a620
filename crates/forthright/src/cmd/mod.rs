//! One module per group of subcommands.

pub mod check;
pub mod contact;
pub mod demo;
pub mod disrupt;
pub mod generate;
pub mod import;
pub mod plan;
pub mod store;
