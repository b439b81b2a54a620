//! One behavioural test suite that every forthright store backend must pass,
//! so SQLite and PostgreSQL behave the same way by test, not by hope.
//!
//! # Running it against a backend
//!
//! In the backend's `tests/suite.rs`, invoke [`store_suite!`] with an
//! expression that makes a **fresh, empty** store. It expands to one
//! `#[test]` per case, so each case passes or fails on its own:
//!
//! ```ignore
//! fn fresh() -> Option<Box<MyStore>> {
//!     Some(Box::new(MyStore::open_in_memory().unwrap()))
//! }
//! forthright_store_suite::store_suite!(fresh());
//! ```
//!
//! The expression is evaluated once per test and must have type `Option<G>`,
//! where `G` dereferences mutably (`DerefMut`) to a type implementing
//! [`Store`](forthright_store::Store): a `Box<MyStore>`, a `Box<dyn Store>`, or
//! a guard of your own that cleans up on drop (a temporary directory, a
//! PostgreSQL schema). `None` skips the test: print the reason to stderr
//! first, e.g. with [`env_or_skip`].
//!
//! Without the macro, [`run_all`] runs every case in turn.
//!
//! # What the suite pins down
//!
//! Where the trait leaves room, the suite is deliberately lenient: the order of
//! `stocked_out_with_waiting_lines` and `late_orders` is free; a new case's
//! audit trail starts with one `opened` event (whether its first lines also get
//! `line_added` events is free); a line joining an existing case records a
//! `line_added` event whose detail names the order; a state change records a
//! `state_changed` event whose detail contains the caller's detail.

pub mod cases;
pub mod contacts;
pub mod fixtures;
mod oracle;

use forthright_store::Store;

/// A suite case: takes a fresh, empty store, panics when the contract breaks.
pub type SuiteCase = fn(&mut dyn Store);

/// Every case by name, in the order [`store_suite!`] declares them.
pub const CASES: &[(&str, SuiteCase)] = &[
    (
        "import_counts_inserted_updated_and_unchanged",
        cases::import_counts_inserted_updated_and_unchanged,
    ),
    ("reimport_changes_nothing", cases::reimport_changes_nothing),
    (
        "dropped_import_rolls_back",
        cases::dropped_import_rolls_back,
    ),
    ("last_put_of_a_key_wins", cases::last_put_of_a_key_wins),
    (
        "known_keys_list_every_key_of_a_kind",
        cases::known_keys_list_every_key_of_a_kind,
    ),
    (
        "customers_round_trip_every_field",
        cases::customers_round_trip_every_field,
    ),
    (
        "products_round_trip_every_field",
        cases::products_round_trip_every_field,
    ),
    (
        "order_lines_round_trip_through_impact_candidates",
        cases::order_lines_round_trip_through_impact_candidates,
    ),
    (
        "impact_candidates_are_open_lines_only",
        cases::impact_candidates_are_open_lines_only,
    ),
    (
        "stocked_out_with_waiting_lines",
        cases::stocked_out_with_waiting_lines,
    ),
    (
        "late_orders_are_open_orders_past_their_promise",
        cases::late_orders_are_open_orders_past_their_promise,
    ),
    (
        "disruptions_create_read_update_and_state",
        cases::disruptions_create_read_update_and_state,
    ),
    (
        "invalid_disruptions_are_refused",
        cases::invalid_disruptions_are_refused,
    ),
    (
        "unknown_ids_are_not_found",
        cases::unknown_ids_are_not_found,
    ),
    (
        "open_disruption_by_key_sees_only_open_ones",
        cases::open_disruption_by_key_sees_only_open_ones,
    ),
    (
        "detection_is_idempotent_and_extends",
        cases::detection_is_idempotent_and_extends,
    ),
    ("impact_by_skus", cases::impact_by_skus),
    ("impact_by_orders", cases::impact_by_orders),
    ("impact_by_customers", cases::impact_by_customers),
    ("impact_by_categories", cases::impact_by_categories),
    ("impact_by_carriers", cases::impact_by_carriers),
    (
        "impact_by_combined_dimensions",
        cases::impact_by_combined_dimensions,
    ),
    (
        "impact_excludes_closed_lines",
        cases::impact_excludes_closed_lines,
    ),
    (
        "apply_impact_is_idempotent_and_lines_join_later",
        cases::apply_impact_is_idempotent_and_lines_join_later,
    ),
    (
        "apply_impact_takes_unordered_and_repeated_drafts",
        cases::apply_impact_takes_unordered_and_repeated_drafts,
    ),
    (
        "recent_disruption_counts_count_other_disruptions",
        cases::recent_disruption_counts_count_other_disruptions,
    ),
    (
        "cases_are_ordered_with_their_lines",
        cases::cases_are_ordered_with_their_lines,
    ),
    (
        "case_states_follow_the_state_machine",
        cases::case_states_follow_the_state_machine,
    ),
    (
        "impact_matches_the_pure_oracle",
        cases::impact_matches_the_pure_oracle,
    ),
    (
        "contacts_are_kept_in_order_with_an_audit_event",
        cases::contacts_are_kept_in_order_with_an_audit_event,
    ),
    (
        "a_conversation_moves_an_untold_case_to_contacted",
        cases::a_conversation_moves_an_untold_case_to_contacted,
    ),
    (
        "contact_tallies_match_the_pure_rules",
        cases::contact_tallies_match_the_pure_rules,
    ),
    (
        "mark_planned_moves_detected_cases_only",
        cases::mark_planned_moves_detected_cases_only,
    ),
];

/// Runs every case, each on a fresh store from `make`; returns how many ran
/// (0 when `make` skips by returning `None`).
pub fn run_all(make: &mut dyn FnMut() -> Option<Box<dyn Store>>) -> usize {
    let mut ran = 0;
    for (name, case) in CASES {
        let Some(mut store) = make() else {
            return ran;
        };
        eprintln!("store suite: {name}");
        case(&mut *store);
        ran += 1;
    }
    ran
}

/// The value of environment variable `var`, or `None` after printing
/// `skipping: VAR not set` to stderr: for suites that need a server.
pub fn env_or_skip(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.trim().is_empty() => Some(v),
        _ => {
            // Straight to the process's stderr: the test harness's capture
            // would otherwise hide the notice of a passing test.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "skipping: {var} not set");
            None
        }
    }
}

/// Expands to one `#[test]` per suite case, each on a fresh store from `$make`
/// (see the crate docs), plus a test that the expansion lists every case in [`CASES`].
#[macro_export]
macro_rules! store_suite {
    ($make:expr) => {
        $crate::store_suite!(@cases $make;
            import_counts_inserted_updated_and_unchanged,
            reimport_changes_nothing,
            dropped_import_rolls_back,
            last_put_of_a_key_wins,
            known_keys_list_every_key_of_a_kind,
            customers_round_trip_every_field,
            products_round_trip_every_field,
            order_lines_round_trip_through_impact_candidates,
            impact_candidates_are_open_lines_only,
            stocked_out_with_waiting_lines,
            late_orders_are_open_orders_past_their_promise,
            disruptions_create_read_update_and_state,
            invalid_disruptions_are_refused,
            unknown_ids_are_not_found,
            open_disruption_by_key_sees_only_open_ones,
            detection_is_idempotent_and_extends,
            impact_by_skus,
            impact_by_orders,
            impact_by_customers,
            impact_by_categories,
            impact_by_carriers,
            impact_by_combined_dimensions,
            impact_excludes_closed_lines,
            apply_impact_is_idempotent_and_lines_join_later,
            apply_impact_takes_unordered_and_repeated_drafts,
            recent_disruption_counts_count_other_disruptions,
            cases_are_ordered_with_their_lines,
            case_states_follow_the_state_machine,
            impact_matches_the_pure_oracle,
            contacts_are_kept_in_order_with_an_audit_event,
            a_conversation_moves_an_untold_case_to_contacted,
            contact_tallies_match_the_pure_rules,
            mark_planned_moves_detected_cases_only,
        );
    };
    (@cases $make:expr; $($case:ident),+ $(,)?) => {
        $(
            #[test]
            fn $case() {
                if let Some(mut store) = $make {
                    $crate::cases::$case(&mut *store);
                }
            }
        )+

        #[test]
        fn store_suite_runs_every_case() {
            let expanded = [$(stringify!($case)),+];
            let listed: Vec<&str> = $crate::CASES.iter().map(|(name, _)| *name).collect();
            assert_eq!(expanded.as_slice(), listed.as_slice());
        }
    };
}
