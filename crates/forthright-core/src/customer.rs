//! Customers and how they want to be reached (P2, P3).

use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// A way to reach a customer. Phone is the default for bad news (P2).
    pub enum Channel ("one of phone, voicemail, email, sms") {
        /// A live call with an agent.
        Phone = "phone",
        /// A message left when a call is not answered.
        Voicemail = "voicemail",
        /// An email.
        Email = "email",
        /// A text message.
        Sms = "sms",
    }
}

crate::text_enum! {
    /// The customer's standing with the business, used for priority and goodwill (P10).
    pub enum Tier ("one of standard, silver, gold, platinum") {
        /// The default tier.
        Standard = "standard",
        /// Silver.
        Silver = "silver",
        /// Gold.
        Gold = "gold",
        /// Platinum, the most valued.
        Platinum = "platinum",
    }
}

// `text_enum!` declares the enum, so `#[derive(Default)]` cannot mark one variant.
#[allow(clippy::derivable_impls)]
impl Default for Tier {
    fn default() -> Self {
        Tier::Standard
    }
}

/// A customer of the shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The shop's own customer id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Email address, if known.
    pub email: Option<String>,
    /// Phone number, if known.
    pub phone: Option<String>,
    /// IANA time zone, e.g. `Europe/Berlin`, validated on import (P3).
    pub timezone: String,
    /// The channel the customer asked us to use, if any (P2).
    pub preferred_channel: Option<Channel>,
    /// Standing with the business.
    pub tier: Tier,
    /// The customer asked not to be contacted: no outreach at all (P3).
    pub do_not_contact: bool,
}

/// Checks that `name` is an IANA time zone known to the bundled database.
pub fn validate_timezone(name: &str) -> Result<(), crate::ParseError> {
    jiff::tz::TimeZone::get(name)
        .map(|_| ())
        .map_err(|_| crate::ParseError::new(name, "an IANA time zone like Europe/Berlin"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_and_tier_round_trip_through_text() {
        for c in Channel::ALL {
            assert_eq!(c.as_str().parse::<Channel>().unwrap(), *c);
        }
        assert_eq!(" Gold ".parse::<Tier>().unwrap(), Tier::Gold);
        let err = "fax".parse::<Channel>().unwrap_err();
        assert_eq!(err.expected, "one of phone, voicemail, email, sms");
    }

    #[test]
    fn time_zones_are_checked() {
        assert!(validate_timezone("Europe/Berlin").is_ok());
        assert!(validate_timezone("America/Argentina/Buenos_Aires").is_ok());
        assert!(validate_timezone("Mars/Olympus").is_err());
    }
}
