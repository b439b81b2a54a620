//! Contact attempts: every try to reach a customer, and every time the customer
//! reached us, with its outcome (P1, P2, P9, P15).
//!
//! The pure rules here answer what the planner and reviews ask of a case's
//! contact history: how many calls failed (P2: after the configured number a
//! written message that offers a call goes out), whether the customer got in
//! touch first (P1: we lost the race), and how long first contact took (P15).

use crate::{CaseId, CaseState, Channel};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// Who started the contact.
    pub enum Direction ("one of outbound, inbound") {
        /// We reached out (P1: the goal).
        Outbound = "outbound",
        /// The customer got in touch with us (P1: if first, we lost the race).
        Inbound = "inbound",
    }
}

crate::text_enum! {
    /// How a contact attempt ended.
    pub enum ContactOutcome ("one of reached, no_answer, voicemail_left, busy, wrong_number, delivered, bounced, replied") {
        /// We spoke with the customer.
        Reached = "reached",
        /// The phone rang out (or, inbound, we missed the customer's call).
        NoAnswer = "no_answer",
        /// A voicemail was left (by us, or inbound by the customer).
        VoicemailLeft = "voicemail_left",
        /// The line was busy.
        Busy = "busy",
        /// The number or address does not belong to the customer.
        WrongNumber = "wrong_number",
        /// A written message was delivered.
        Delivered = "delivered",
        /// A written message bounced.
        Bounced = "bounced",
        /// The customer answered in writing (or, inbound, wrote to us).
        Replied = "replied",
    }
}

impl ContactOutcome {
    /// The outcomes an attempt on `channel` in `direction` can have.
    pub fn allowed(channel: Channel, direction: Direction) -> &'static [ContactOutcome] {
        use ContactOutcome::*;
        match (direction, channel) {
            (Direction::Outbound, Channel::Phone) => {
                &[Reached, NoAnswer, VoicemailLeft, Busy, WrongNumber]
            }
            (Direction::Outbound, Channel::Voicemail) => &[VoicemailLeft, WrongNumber],
            (Direction::Outbound, Channel::Email | Channel::Sms) => {
                &[Delivered, Bounced, Replied, WrongNumber]
            }
            // The customer called: we answered, missed it, or they left a message.
            (Direction::Inbound, Channel::Phone) => &[Reached, NoAnswer, VoicemailLeft],
            (Direction::Inbound, Channel::Voicemail) => &[VoicemailLeft],
            (Direction::Inbound, Channel::Email | Channel::Sms) => &[Replied],
        }
    }
}

/// One try on one channel, or one time the customer got in touch, with its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactAttempt {
    /// The case.
    pub case_id: CaseId,
    /// When it happened.
    pub at: Timestamp,
    /// The channel.
    pub channel: Channel,
    /// Who started it.
    pub direction: Direction,
    /// How it ended.
    pub outcome: ContactOutcome,
    /// The agent who made or took it, if known.
    pub agent: Option<String>,
    /// What the customer said, suggested or chose, in their words (P9).
    pub note: Option<String>,
}

impl ContactAttempt {
    /// Checks that the outcome fits the channel and direction, and that the
    /// free-text fields are not blank when given.
    pub fn validate(&self) -> Result<(), String> {
        let allowed = ContactOutcome::allowed(self.channel, self.direction);
        if !allowed.contains(&self.outcome) {
            let names: Vec<&str> = allowed.iter().map(|o| o.as_str()).collect();
            return Err(format!(
                "an {} {} contact cannot end {}: expected one of {}",
                self.direction,
                self.channel,
                self.outcome,
                names.join(", ")
            ));
        }
        for (field, value) in [("agent", &self.agent), ("note", &self.note)] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(format!("{field} is blank: leave it out instead"));
            }
        }
        Ok(())
    }

    /// The audit-trail line for this attempt, the same in every store, e.g.
    /// `outbound phone, no_answer, by agent ana: "call me after 5"`.
    pub fn describe(&self) -> String {
        let mut out = format!("{} {}, {}", self.direction, self.channel, self.outcome);
        if let Some(agent) = &self.agent {
            out += &format!(", by agent {agent}");
        }
        if let Some(note) = &self.note {
            out += &format!(": {note:?}");
        }
        out
    }

    /// The state change recording this attempt makes to a case in `from`, with
    /// its audit detail: a conversation (`reached`, either direction) moves a
    /// case nobody had told yet (`detected`, `planned`) to `contacted` (P1).
    /// Every store applies it, so they behave alike.
    pub fn state_change(&self, from: CaseState) -> Option<(CaseState, String)> {
        let to = CaseState::Contacted;
        let moves = self.outcome == ContactOutcome::Reached
            && matches!(from, CaseState::Detected | CaseState::Planned)
            && from.can_become(to);
        moves.then(|| {
            let detail = format!(
                "{from} -> {to}: {} {} reached the customer",
                self.direction, self.channel
            );
            (to, detail)
        })
    }

    /// An outbound call (live, or ending in our voicemail) that did not reach
    /// the customer (P2).
    pub fn is_failed_call(&self) -> bool {
        self.direction == Direction::Outbound
            && matches!(self.channel, Channel::Phone | Channel::Voicemail)
            && self.outcome != ContactOutcome::Reached
    }

    /// We told the customer: an outbound contact that reached them, in person,
    /// on their voicemail or in a delivered (or answered) message (P1).
    pub fn told_customer(&self) -> bool {
        self.direction == Direction::Outbound
            && matches!(
                self.outcome,
                ContactOutcome::Reached
                    | ContactOutcome::VoicemailLeft
                    | ContactOutcome::Delivered
                    | ContactOutcome::Replied
            )
    }

    /// The customer and we connected: we told them, or they got in touch and
    /// we spoke or they wrote (a missed inbound call or a message they left
    /// on our line is not yet a conversation).
    pub fn connected(&self) -> bool {
        self.told_customer()
            || (self.direction == Direction::Inbound
                && matches!(
                    self.outcome,
                    ContactOutcome::Reached | ContactOutcome::Replied
                ))
    }
}

crate::text_enum! {
    /// Who got there first (P1).
    pub enum Race ("one of pending, won, lost") {
        /// Nobody yet: no outbound contact told the customer and they have not got in touch.
        Pending = "pending",
        /// We told the customer before they got in touch.
        Won = "won",
        /// The customer got in touch before we told them.
        Lost = "lost",
    }
}

/// What the planner needs to know of one case's contacts (P1, P2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactTally {
    /// Outbound calls that did not reach the customer ([`ContactAttempt::is_failed_call`]).
    pub failed_call_attempts: u32,
    /// The customer got in touch with us at least once (any inbound contact).
    pub contacted_us: bool,
}

impl ContactTally {
    /// Tallies a case's attempts, in any order.
    pub fn of(attempts: &[ContactAttempt]) -> ContactTally {
        let failed = attempts.iter().filter(|a| a.is_failed_call()).count();
        ContactTally {
            failed_call_attempts: u32::try_from(failed).unwrap_or(u32::MAX),
            contacted_us: attempts.iter().any(|a| a.direction == Direction::Inbound),
        }
    }
}

/// Outbound calls of a case that did not reach the customer (P2).
pub fn failed_call_attempts(attempts: &[ContactAttempt]) -> u32 {
    ContactTally::of(attempts).failed_call_attempts
}

/// Who got there first (P1): we won when an outbound contact told the customer
/// strictly before their first inbound contact; a tie goes to the customer,
/// since we cannot show we were first. Attempts may come in any order.
pub fn race(attempts: &[ContactAttempt]) -> Race {
    let first = |pred: &dyn Fn(&ContactAttempt) -> bool| {
        attempts.iter().filter(|a| pred(a)).map(|a| a.at).min()
    };
    let told = first(&|a| a.told_customer());
    let inbound = first(&|a| a.direction == Direction::Inbound);
    match (told, inbound) {
        (None, None) => Race::Pending,
        (Some(_), None) => Race::Won,
        (None, Some(_)) => Race::Lost,
        (Some(t), Some(i)) if t < i => Race::Won,
        (Some(_), Some(_)) => Race::Lost,
    }
}

/// When the customer and we first connected ([`ContactAttempt::connected`]).
pub fn first_contact_at(attempts: &[ContactAttempt]) -> Option<Timestamp> {
    attempts
        .iter()
        .filter(|a| a.connected())
        .map(|a| a.at)
        .min()
}

/// Time from when the business knew (a disruption's `known_since`) to the
/// first contact with the customer (P1, P15); `None` before any. Never negative.
pub fn time_to_first_contact(
    known_since: Timestamp,
    attempts: &[ContactAttempt],
) -> Option<SignedDuration> {
    first_contact_at(attempts).map(|at| at.duration_since(known_since).max(SignedDuration::ZERO))
}

/// A case's contact history at a glance, for the case view and reviews (P1, P2, P15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSummary {
    /// Attempts recorded, both directions.
    pub attempts: usize,
    /// Outbound calls that did not reach the customer.
    pub failed_call_attempts: u32,
    /// The customer got in touch at least once.
    pub contacted_us: bool,
    /// Who got there first.
    pub race: Race,
    /// First contact, if any.
    pub first_contact_at: Option<Timestamp>,
    /// Seconds from when the business knew to first contact, if any.
    pub time_to_first_contact_secs: Option<i64>,
}

impl ContactSummary {
    /// Summarises a case's attempts; `known_since` is its disruption's.
    pub fn of(known_since: Timestamp, attempts: &[ContactAttempt]) -> ContactSummary {
        let tally = ContactTally::of(attempts);
        ContactSummary {
            attempts: attempts.len(),
            failed_call_attempts: tally.failed_call_attempts,
            contacted_us: tally.contacted_us,
            race: race(attempts),
            first_contact_at: first_contact_at(attempts),
            time_to_first_contact_secs: time_to_first_contact(known_since, attempts)
                .map(|d| d.as_secs()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hour: i64) -> Timestamp {
        Timestamp::from_second(1_764_000_000 + hour * 3_600).unwrap()
    }

    fn attempt(
        hour: i64,
        channel: Channel,
        direction: Direction,
        outcome: ContactOutcome,
    ) -> ContactAttempt {
        ContactAttempt {
            case_id: 1,
            at: at(hour),
            channel,
            direction,
            outcome,
            agent: None,
            note: None,
        }
    }

    fn call(hour: i64, outcome: ContactOutcome) -> ContactAttempt {
        attempt(hour, Channel::Phone, Direction::Outbound, outcome)
    }

    fn inbound(hour: i64) -> ContactAttempt {
        attempt(
            hour,
            Channel::Phone,
            Direction::Inbound,
            ContactOutcome::Reached,
        )
    }

    #[test]
    fn outcomes_round_trip_through_text() {
        for o in ContactOutcome::ALL {
            assert_eq!(o.as_str().parse::<ContactOutcome>().unwrap(), *o);
        }
        for d in Direction::ALL {
            assert_eq!(d.as_str().parse::<Direction>().unwrap(), *d);
        }
        let err = "hung_up".parse::<ContactOutcome>().unwrap_err();
        assert!(err.expected.contains("no_answer"), "{}", err.expected);
    }

    #[test]
    fn outcomes_must_fit_channel_and_direction() {
        use ContactOutcome::*;
        assert!(call(0, NoAnswer).validate().is_ok());
        let err = call(0, Bounced).validate().unwrap_err();
        assert!(
            err.contains("outbound phone") && err.contains("no_answer"),
            "{err}"
        );
        let email = attempt(0, Channel::Email, Direction::Outbound, Busy);
        assert!(email.validate().is_err(), "an email is never busy");
        let wrote = attempt(0, Channel::Email, Direction::Inbound, Replied);
        assert!(wrote.validate().is_ok());
        let mut described = call(0, NoAnswer);
        described.agent = Some("ana".into());
        described.note = Some("call me after 5".into());
        assert_eq!(
            described.describe(),
            "outbound phone, no_answer, by agent ana: \"call me after 5\""
        );
        let mut blank = call(0, Reached);
        blank.note = Some("  ".into());
        assert!(blank.validate().unwrap_err().contains("note"));
        // Every channel and direction accepts something.
        for &ch in Channel::ALL {
            for &d in Direction::ALL {
                assert!(!ContactOutcome::allowed(ch, d).is_empty(), "{d} {ch}");
            }
        }
    }

    #[test]
    fn only_a_conversation_moves_an_untold_case_to_contacted() {
        use ContactOutcome::*;
        let (to, detail) = call(0, Reached).state_change(CaseState::Planned).unwrap();
        assert_eq!(to, CaseState::Contacted);
        assert_eq!(
            detail,
            "planned -> contacted: outbound phone reached the customer"
        );
        assert!(inbound(0).state_change(CaseState::Detected).is_some());
        assert_eq!(call(0, NoAnswer).state_change(CaseState::Planned), None);
        for s in [
            CaseState::Contacted,
            CaseState::Escalated,
            CaseState::Resolved,
            CaseState::Closed,
        ] {
            assert_eq!(call(0, Reached).state_change(s), None, "{s}");
        }
    }

    #[test]
    fn failed_calls_count_unanswered_outbound_calls_only() {
        use ContactOutcome::*;
        let attempts = [
            call(0, NoAnswer),
            call(1, Busy),
            attempt(2, Channel::Voicemail, Direction::Outbound, VoicemailLeft),
            call(3, Reached),
            attempt(4, Channel::Email, Direction::Outbound, Bounced),
            attempt(5, Channel::Phone, Direction::Inbound, NoAnswer),
        ];
        assert_eq!(failed_call_attempts(&attempts), 3);
        assert_eq!(failed_call_attempts(&[]), 0);
        assert_eq!(failed_call_attempts(&attempts[3..]), 0);
    }

    #[test]
    fn race_is_won_only_when_we_told_them_first() {
        use ContactOutcome::*;
        assert_eq!(race(&[]), Race::Pending);
        assert_eq!(
            race(&[call(0, NoAnswer)]),
            Race::Pending,
            "trying is not telling"
        );
        assert_eq!(race(&[call(1, Reached)]), Race::Won);
        assert_eq!(race(&[call(1, Reached), inbound(2)]), Race::Won);
        // Order of the slice does not matter; times do.
        assert_eq!(race(&[inbound(2), call(1, Reached)]), Race::Won);
        assert_eq!(
            race(&[call(0, NoAnswer), inbound(1), call(2, Reached)]),
            Race::Lost
        );
        assert_eq!(race(&[inbound(3)]), Race::Lost);
        assert_eq!(
            race(&[call(3, Reached), inbound(3)]),
            Race::Lost,
            "a tie goes to the customer"
        );
        let emailed = attempt(0, Channel::Email, Direction::Outbound, Delivered);
        assert_eq!(race(&[emailed, inbound(1)]), Race::Won);
    }

    #[test]
    fn tally_sees_inbound_contacts_and_failed_calls() {
        use ContactOutcome::*;
        assert_eq!(ContactTally::of(&[]), ContactTally::default());
        let t = ContactTally::of(&[call(0, NoAnswer), call(1, WrongNumber), inbound(2)]);
        assert_eq!(
            t,
            ContactTally {
                failed_call_attempts: 2,
                contacted_us: true
            }
        );
    }

    #[test]
    fn time_to_first_contact_runs_from_known_since_to_first_connection() {
        use ContactOutcome::*;
        let known = at(0);
        assert_eq!(time_to_first_contact(known, &[call(1, NoAnswer)]), None);
        let attempts = [call(1, NoAnswer), call(5, Reached), inbound(3)];
        assert_eq!(
            time_to_first_contact(known, &attempts),
            Some(SignedDuration::from_hours(3)),
            "the customer's call at hour 3 was the first conversation"
        );
        // A missed inbound call is not a conversation.
        let missed = attempt(2, Channel::Phone, Direction::Inbound, NoAnswer);
        assert_eq!(
            time_to_first_contact(known, &[missed, call(4, Reached)]),
            Some(SignedDuration::from_hours(4))
        );
        // Never negative, even for a contact logged before the disruption was known.
        assert_eq!(
            time_to_first_contact(at(10), &[call(4, Reached)]),
            Some(SignedDuration::ZERO)
        );
        let s = ContactSummary::of(known, &attempts);
        assert_eq!(
            (s.attempts, s.failed_call_attempts, s.contacted_us, s.race),
            (3, 1, true, Race::Lost)
        );
        assert_eq!(s.time_to_first_contact_secs, Some(3 * 3_600));
        assert_eq!(s.first_contact_at, Some(at(3)));
    }
}
