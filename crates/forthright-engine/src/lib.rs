//! forthright-engine: the outreach planner and the message composer.
//!
//! Once impact analysis has made the cases, the planner decides, purely from
//! its input, whom to contact first and why (P1, P10), by which channel (P2),
//! when the person can listen (P3), what to offer (P8), what goodwill to give
//! (P10), and the plan of action with its follow-ups (P13, P14). The composer
//! turns a plan into a call script, voicemail, email or SMS from templates and
//! runs the checker on every message before it may be sent (P4..P7, P11).

pub mod alternatives;
pub mod channel;
pub mod compose;
pub mod config;
pub mod goodwill;
pub mod human;
pub mod plan;
pub mod priority;
pub mod sample;
pub mod schedule;
pub mod windows;

pub use alternatives::{Alternative, Catalogue, Substitute};
pub use channel::ChannelChoice;
pub use compose::{ComposeError, ComposeInput, Composer, Message};
pub use config::PlanConfig;
pub use goodwill::{GoodwillOffer, GoodwillPolicy};
pub use plan::{
    ActionPlan, CaseInput, CustomerHistory, DisruptionPlan, FollowUp, FollowUpReason, OutreachPlan,
    PlanningInput, ScheduleSummary, plan_disruption,
};
pub use priority::{Priority, PriorityReason};

/// What can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The planning configuration could not be read.
    #[error("invalid planning configuration: {0}")]
    Config(String),
    /// The goodwill policy could not be read.
    #[error("invalid goodwill policy: {0}")]
    Policy(String),
}
