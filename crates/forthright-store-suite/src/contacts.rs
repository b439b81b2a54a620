//! Suite cases for contact attempts (P1, P2, P9, P15) and the move of planned
//! cases: what `record_contact`, `contacts`, `contact_tallies` and
//! `mark_planned` must do in every backend.

use crate::fixtures::{Shop, day, declared};
use forthright_core::contact::ContactOutcome;
use forthright_core::{
    CaseId, CaseState, Channel, ContactAttempt, ContactTally, Direction, DisruptionId,
    DisruptionKind, Scope,
};
use forthright_store::{Store, StoreError};
use std::collections::HashMap;

/// The sample shop with one disruption over `customers`, impact run: its id
/// and case ids by customer.
fn cases_of(store: &mut dyn Store, customers: &[&str]) -> (DisruptionId, HashMap<String, CaseId>) {
    let d = store
        .create_disruption(&declared(
            DisruptionKind::Backorder,
            Scope {
                customers: customers.iter().map(|c| c.to_string()).collect(),
                ..Scope::default()
            },
        ))
        .unwrap();
    store.run_impact(d.id, day(6)).unwrap();
    let ids = store
        .cases(Some(d.id))
        .unwrap()
        .into_iter()
        .map(|c| (c.customer_id, c.id))
        .collect();
    (d.id, ids)
}

fn attempt(
    case_id: CaseId,
    at_day: i64,
    channel: Channel,
    direction: Direction,
    outcome: ContactOutcome,
) -> ContactAttempt {
    ContactAttempt {
        case_id,
        at: day(at_day),
        channel,
        direction,
        outcome,
        agent: None,
        note: None,
    }
}

fn call(case_id: CaseId, at_day: i64, outcome: ContactOutcome) -> ContactAttempt {
    attempt(
        case_id,
        at_day,
        Channel::Phone,
        Direction::Outbound,
        outcome,
    )
}

/// Attempts come back oldest first with every field, each with a `contact`
/// event; invalid attempts and unknown cases are refused and leave no trace.
pub fn contacts_are_kept_in_order_with_an_audit_event(store: &mut dyn Store) {
    Shop::sample().import(store);
    let (_, ids) = cases_of(store, &["c1", "c2"]);
    let (c1, c2) = (ids["c1"], ids["c2"]);
    assert!(store.contacts(c1).unwrap().is_empty());
    let mut noted = attempt(
        c1,
        8,
        Channel::Phone,
        Direction::Inbound,
        ContactOutcome::Reached,
    );
    noted.agent = Some("ana".into());
    noted.note = Some("I'd take the steel kettle instead, if it ships this week".into());
    let later = call(c1, 9, ContactOutcome::NoAnswer);
    let earlier = call(c1, 7, ContactOutcome::Busy);
    let same_day = call(c1, 9, ContactOutcome::VoicemailLeft);
    for a in [&noted, &later, &earlier, &same_day] {
        store.record_contact(a).unwrap();
    }
    store
        .record_contact(&call(c2, 7, ContactOutcome::NoAnswer))
        .unwrap();
    assert_eq!(
        store.contacts(c1).unwrap(),
        [earlier, noted.clone(), later, same_day],
        "by time, then in the order recorded"
    );
    assert_eq!(store.contacts(c2).unwrap().len(), 1);

    let events = store.case_events(c1).unwrap();
    let contact_events: Vec<_> = events.iter().filter(|e| e.kind == "contact").collect();
    assert_eq!(contact_events.len(), 4);
    let noted_event = contact_events
        .iter()
        .find(|e| e.at == day(8))
        .expect("the inbound call's event");
    assert_eq!(noted_event.detail, noted.describe());
    assert!(
        noted_event.detail.contains("steel kettle"),
        "the customer's words are in the trail (P9)"
    );

    let before = (store.contacts(c1).unwrap(), store.case_events(c1).unwrap());
    let wrong = call(c1, 10, ContactOutcome::Bounced);
    assert!(matches!(
        store.record_contact(&wrong),
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.record_contact(&call(999_999, 10, ContactOutcome::NoAnswer)),
        Err(StoreError::NotFound { what: "case", .. })
    ));
    assert_eq!(
        (store.contacts(c1).unwrap(), store.case_events(c1).unwrap()),
        before,
        "refusals leave no trace"
    );
}

/// A conversation moves a `detected` or `planned` case to `contacted` with a
/// `state_changed` event; failed attempts and cases further along stay put.
pub fn a_conversation_moves_an_untold_case_to_contacted(store: &mut dyn Store) {
    Shop::sample().import(store);
    let (_, ids) = cases_of(store, &["c1", "c2", "c3"]);
    let (c1, c2, c3) = (ids["c1"], ids["c2"], ids["c3"]);
    let state = |store: &mut dyn Store, id| store.case(id).unwrap().unwrap().state;

    store
        .record_contact(&call(c1, 7, ContactOutcome::NoAnswer))
        .unwrap();
    assert_eq!(
        state(store, c1),
        CaseState::Detected,
        "a failed call tells nobody"
    );
    store
        .record_contact(&call(c1, 8, ContactOutcome::Reached))
        .unwrap();
    assert_eq!(state(store, c1), CaseState::Contacted);
    let events = store.case_events(c1).unwrap();
    let last = events.last().unwrap();
    assert_eq!((last.kind.as_str(), last.at), ("state_changed", day(8)));
    assert!(
        last.detail.contains("detected -> contacted"),
        "{}",
        last.detail
    );
    let changes = |events: &[forthright_core::CaseEvent]| {
        events.iter().filter(|e| e.kind == "state_changed").count()
    };
    store
        .record_contact(&call(c1, 9, ContactOutcome::Reached))
        .unwrap();
    assert_eq!(
        changes(&store.case_events(c1).unwrap()),
        1,
        "already contacted: no second change"
    );

    // A planned case the customer calls about, and we talk: contacted too.
    store
        .set_case_state(c2, CaseState::Planned, day(7), "")
        .unwrap();
    store
        .record_contact(&attempt(
            c2,
            8,
            Channel::Phone,
            Direction::Inbound,
            ContactOutcome::Reached,
        ))
        .unwrap();
    assert_eq!(state(store, c2), CaseState::Contacted);

    // Escalated cases stay with the supervisor (P12).
    store
        .set_case_state(c3, CaseState::Contacted, day(7), "")
        .unwrap();
    store
        .set_case_state(c3, CaseState::Escalated, day(7), "")
        .unwrap();
    store
        .record_contact(&call(c3, 8, ContactOutcome::Reached))
        .unwrap();
    assert_eq!(state(store, c3), CaseState::Escalated);
}

/// `contact_tallies` agrees with the pure rules ([`ContactTally::of`]) for every
/// case of the disruption with attempts, covers no other disruption, and leaves
/// out cases without attempts.
pub fn contact_tallies_match_the_pure_rules(store: &mut dyn Store) {
    Shop::sample().import(store);
    let (d, ids) = cases_of(store, &["c1", "c2", "c3", "c4"]);
    let (other, other_ids) = cases_of(store, &["c1"]);
    // Every valid (channel, direction, outcome), spread over cases c1..c3; c4 has none.
    let targets = [ids["c1"], ids["c2"], ids["c3"]];
    let mut n = 0usize;
    for &channel in Channel::ALL {
        for &direction in Direction::ALL {
            for &outcome in ContactOutcome::allowed(channel, direction) {
                let case = targets[n % targets.len()];
                // Outbound failed calls twice as often, so counts above 1 appear.
                let times =
                    if direction == Direction::Outbound && outcome != ContactOutcome::Reached {
                        2
                    } else {
                        1
                    };
                for k in 0..times {
                    store
                        .record_contact(&attempt(case, 7 + k, channel, direction, outcome))
                        .unwrap();
                }
                n += 1;
            }
        }
    }
    store
        .record_contact(&call(other_ids["c1"], 7, ContactOutcome::NoAnswer))
        .unwrap();
    let tallies = store.contact_tallies(d).unwrap();
    let mut expected = HashMap::new();
    for id in targets {
        expected.insert(id, ContactTally::of(&store.contacts(id).unwrap()));
    }
    assert_eq!(tallies, expected);
    assert!(
        tallies.values().any(|t| t.failed_call_attempts >= 2)
            && tallies.values().any(|t| t.contacted_us),
        "the data exercises both facts: {tallies:?}"
    );
    assert!(!tallies.contains_key(&ids["c4"]), "no attempts, no entry");
    assert_eq!(
        store.contact_tallies(other).unwrap(),
        HashMap::from([(
            other_ids["c1"],
            ContactTally {
                failed_call_attempts: 1,
                contacted_us: false
            }
        )])
    );
    assert!(store.contact_tallies(999_999).unwrap().is_empty());
}

/// `mark_planned` moves only `detected` cases, each with one `state_changed`
/// event, ignores unknown ids and is idempotent.
pub fn mark_planned_moves_detected_cases_only(store: &mut dyn Store) {
    Shop::sample().import(store);
    let (_, ids) = cases_of(store, &["c1", "c2", "c3"]);
    let (c1, c2, c3) = (ids["c1"], ids["c2"], ids["c3"]);
    store
        .set_case_state(c2, CaseState::Contacted, day(7), "")
        .unwrap();
    assert_eq!(store.mark_planned(&[], day(8)).unwrap(), 0);
    assert_eq!(store.mark_planned(&[c1, c2, 999_999], day(8)).unwrap(), 1);
    let state = |store: &mut dyn Store, id| store.case(id).unwrap().unwrap().state;
    assert_eq!(state(store, c1), CaseState::Planned);
    assert_eq!(state(store, c2), CaseState::Contacted);
    assert_eq!(state(store, c3), CaseState::Detected, "not listed");
    let events = store.case_events(c1).unwrap();
    let last = events.last().unwrap();
    assert_eq!((last.kind.as_str(), last.at), ("state_changed", day(8)));
    assert!(
        last.detail.starts_with("detected -> planned"),
        "{}",
        last.detail
    );
    let c2_events = store.case_events(c2).unwrap().len();
    assert_eq!(store.mark_planned(&[c1, c2], day(9)).unwrap(), 0);
    assert_eq!(store.case_events(c1).unwrap(), events, "idempotent");
    assert_eq!(store.case_events(c2).unwrap().len(), c2_events);
}
