//! Which channel carries the news (P2, P3): a call first; writing only when the
//! customer prefers it, has no phone, or after failed call attempts; nothing at
//! all for customers who asked not to be contacted.

use crate::config::ChannelPolicy;
use crate::plan::CustomerHistory;
use forthright_core::{Channel, Customer};
use serde::{Deserialize, Serialize};

/// How a case will be reached, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelChoice {
    /// The channel of first contact; `None` means no outreach: a person reviews the case.
    pub channel: Option<Channel>,
    /// Why this channel (or none).
    pub reason: String,
}

impl ChannelChoice {
    /// Whether the case goes to a person for review instead of outreach.
    pub fn needs_review(&self) -> bool {
        self.channel.is_none()
    }
}

fn has(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// Chooses the channel for one customer.
pub fn choose(
    customer: &Customer,
    history: &CustomerHistory,
    policy: &ChannelPolicy,
) -> ChannelChoice {
    let pick = |channel: Channel, reason: String| ChannelChoice {
        channel: Some(channel),
        reason,
    };
    if customer.do_not_contact {
        return ChannelChoice {
            channel: None,
            reason: "customer asked not to be contacted: listed for review (P3)".into(),
        };
    }
    let (phone, email) = (has(&customer.phone), has(&customer.email));
    // The written channel we would use: the stated preference when we can, else email, else SMS.
    let written = match customer.preferred_channel {
        Some(Channel::Sms) if phone => Some(Channel::Sms),
        Some(Channel::Email) if email => Some(Channel::Email),
        _ if email => Some(Channel::Email),
        _ if phone => Some(Channel::Sms),
        _ => None,
    };
    match customer.preferred_channel {
        Some(c @ (Channel::Email | Channel::Sms)) if written == Some(c) => {
            return pick(c, format!("customer prefers {c}"));
        }
        _ => {}
    }
    if !phone {
        return match written {
            Some(c) => pick(c, format!("no phone number on file: {c}, offering a call")),
            None => ChannelChoice {
                channel: None,
                reason: "no phone number or email on file: listed for review".into(),
            },
        };
    }
    let failed = history.failed_call_attempts;
    if failed >= policy.failed_calls_before_written
        && let Some(c) = written
    {
        return pick(
            c,
            format!("{failed} call attempts unanswered: {c}, offering a call"),
        );
    }
    pick(Channel::Phone, "bad news goes by phone first (P2)".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use forthright_core::Tier;

    fn customer() -> Customer {
        Customer {
            id: "c1".into(),
            name: "Ada Lovelace".into(),
            email: Some("ada@example.com".into()),
            phone: Some("+44 20 7946 0000".into()),
            timezone: "Europe/London".into(),
            preferred_channel: None,
            tier: Tier::Standard,
            do_not_contact: false,
        }
    }

    fn choose_for(c: &Customer, failed: u32) -> Option<Channel> {
        let h = CustomerHistory {
            failed_call_attempts: failed,
            ..CustomerHistory::default()
        };
        choose(c, &h, &ChannelPolicy::default()).channel
    }

    #[test]
    fn phone_first_then_written_after_two_failed_calls() {
        let c = customer();
        assert_eq!(choose_for(&c, 0), Some(Channel::Phone));
        assert_eq!(choose_for(&c, 1), Some(Channel::Phone));
        assert_eq!(choose_for(&c, 2), Some(Channel::Email));
        let mut c = customer();
        c.email = None;
        assert_eq!(choose_for(&c, 2), Some(Channel::Sms));
    }

    #[test]
    fn preference_and_missing_phone_pick_writing() {
        let mut c = customer();
        c.preferred_channel = Some(Channel::Sms);
        assert_eq!(choose_for(&c, 0), Some(Channel::Sms));
        c.preferred_channel = Some(Channel::Phone);
        assert_eq!(choose_for(&c, 0), Some(Channel::Phone));
        let mut c = customer();
        c.phone = Some("  ".into());
        assert_eq!(choose_for(&c, 0), Some(Channel::Email));
        c.email = None;
        assert_eq!(choose_for(&c, 0), None, "nothing to reach them by");
        let mut c = customer();
        c.preferred_channel = Some(Channel::Sms);
        c.phone = None;
        assert_eq!(
            choose_for(&c, 0),
            Some(Channel::Email),
            "cannot text without a phone"
        );
    }

    #[test]
    fn do_not_contact_means_no_outreach_and_review() {
        let mut c = customer();
        c.do_not_contact = true;
        let choice = choose(&c, &CustomerHistory::default(), &ChannelPolicy::default());
        assert!(choice.needs_review());
        assert!(choice.reason.contains("not to be contacted"));
    }
}
