//! Planning configuration: priority weights, channel policy, contact windows,
//! agent capacity, substitute policy and follow-up cadence. Every field has a
//! default, so an empty TOML file is a valid configuration.

use crate::EngineError;
use forthright_core::Money;
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Everything the planner can be told, loaded from TOML (`PlanConfig::from_toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanConfig {
    /// Who we are, how customers reach us, when we are closed.
    pub company: Company,
    /// How the queue is ordered (P1, P10).
    pub priority: PriorityWeights,
    /// Which channel carries the news (P2).
    pub channel: ChannelPolicy,
    /// When each channel may reach a customer (P3).
    pub windows: WindowConfig,
    /// How many calls the team can make, and the target (P1).
    pub capacity: Capacity,
    /// Which substitutes may be offered (P8).
    pub substitutes: SubstitutePolicy,
    /// How often we report status until resolution (P13, P14).
    pub follow_up: FollowUpPolicy,
}

impl PlanConfig {
    /// Parses a configuration; missing fields take their defaults.
    pub fn from_toml(text: &str) -> Result<Self, EngineError> {
        toml::from_str(text).map_err(|e| EngineError::Config(e.to_string()))
    }
}

/// The business telling the news.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Company {
    /// Name customers know us by.
    pub name: String,
    /// The number customers call back (P2: written messages offer a call).
    pub phone: String,
    /// The team's time zone (IANA); agent shifts are in it.
    pub timezone: String,
    /// Days the company is closed: no calls, and no messages arrive (P3).
    pub holidays: Vec<Date>,
    /// Who owns cases with no agent assigned.
    pub outreach_team: String,
    /// Who reviews do-not-contact customers and takes escalations (P12).
    pub supervisor: String,
    /// Written before amounts in messages, e.g. `"$"` or `"EUR "`.
    pub currency: String,
}

impl Default for Company {
    fn default() -> Self {
        Self {
            name: "our shop".into(),
            phone: "+1 555 0100".into(),
            timezone: "UTC".into(),
            holidays: Vec::new(),
            outreach_team: "outreach team".into(),
            supervisor: "customer care supervisor".into(),
            currency: "$".into(),
        }
    }
}

/// Points each fact adds to a case's priority score (P1, P10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PriorityWeights {
    /// The customer already paid.
    pub prepaid: i64,
    /// Points per 100.00 of value at stake ...
    pub per_100_value: i64,
    /// ... up to this many points.
    pub value_cap: i64,
    /// Tier silver.
    pub silver: i64,
    /// Tier gold.
    pub gold: i64,
    /// Tier platinum.
    pub platinum: i64,
    /// Points per day late ...
    pub per_day_late: i64,
    /// ... up to this many points.
    pub late_cap: i64,
    /// Points per earlier disruption of this customer in the last 180 days ...
    pub per_repeat: i64,
    /// ... up to this many points.
    pub repeat_cap: i64,
    /// The customer already contacted us: they are chasing us (P1).
    pub contacted_us: i64,
}

impl Default for PriorityWeights {
    fn default() -> Self {
        Self {
            prepaid: 30,
            per_100_value: 2,
            value_cap: 30,
            silver: 5,
            gold: 10,
            platinum: 20,
            per_day_late: 2,
            late_cap: 30,
            per_repeat: 10,
            repeat_cap: 30,
            contacted_us: 25,
        }
    }
}

/// When a written channel replaces the call (P2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChannelPolicy {
    /// Failed call attempts after which we write instead.
    pub failed_calls_before_written: u32,
}

impl Default for ChannelPolicy {
    fn default() -> Self {
        Self {
            failed_calls_before_written: 2,
        }
    }
}

/// Receptive windows per channel, in the customer's own time zone (P3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WindowConfig {
    /// Calls (and voicemails).
    pub phone: Vec<Window>,
    /// Text messages.
    pub sms: Vec<Window>,
    /// When emails should arrive.
    pub email: Vec<Window>,
    /// Hours when nothing reaches the customer, whatever the windows say.
    pub quiet: Option<QuietHours>,
    /// How far ahead the planner looks for a window, in days.
    pub horizon_days: u32,
}

impl Default for WindowConfig {
    fn default() -> Self {
        let weekdays = DaySet::parse("mon-fri").unwrap_or(DaySet(0b0011111));
        Self {
            phone: vec![
                Window::new(weekdays, ClockTime(9 * 60 + 30), ClockTime(11 * 60 + 30)),
                Window::new(weekdays, ClockTime(14 * 60), ClockTime(17 * 60)),
            ],
            sms: vec![Window::new(
                DaySet::ALL,
                ClockTime(9 * 60),
                ClockTime(19 * 60),
            )],
            email: vec![Window::new(
                DaySet::ALL,
                ClockTime(8 * 60),
                ClockTime(10 * 60),
            )],
            quiet: Some(QuietHours {
                from: ClockTime(21 * 60),
                to: ClockTime(8 * 60),
            }),
            horizon_days: 60,
        }
    }
}

/// Local hours when no contact is made; may wrap past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    /// Start of quiet.
    pub from: ClockTime,
    /// End of quiet.
    pub to: ClockTime,
}

/// One receptive window: some weekdays, from one local time to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// Which weekdays, e.g. `"mon-fri"` or `"sat,sun"`.
    pub days: DaySet,
    /// Local start.
    pub from: ClockTime,
    /// Local end (after `from`).
    pub to: ClockTime,
}

impl Window {
    /// A window.
    pub const fn new(days: DaySet, from: ClockTime, to: ClockTime) -> Self {
        Self { days, from, to }
    }
}

/// Agent capacity and the time-to-first-contact target (P1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Capacity {
    /// Agents making calls.
    pub agents: u32,
    /// Calls one agent completes per hour.
    pub calls_per_hour: u32,
    /// Agent shifts, in the company's time zone.
    pub shifts: Vec<Window>,
    /// Every customer should hear from us within this many hours of us knowing.
    pub target_hours: u32,
}

impl Default for Capacity {
    fn default() -> Self {
        Self {
            agents: 4,
            calls_per_hour: 6,
            shifts: vec![Window::new(
                DaySet::parse("mon-fri").unwrap_or(DaySet(0b0011111)),
                ClockTime(8 * 60),
                ClockTime(18 * 60),
            )],
            target_hours: 24,
        }
    }
}

/// Which substitutes may be offered (P8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SubstitutePolicy {
    /// How many substitutes to offer per product.
    pub max_per_product: usize,
    /// Substitutes must share at least this many features.
    pub min_shared_features: usize,
    /// Whether a substitute from another category may be offered.
    pub allow_other_category: bool,
    /// A substitute may cost up to this percentage more than the original.
    pub max_price_increase_percent: u32,
    /// A pricier substitute is offered at the original price.
    pub honour_original_price: bool,
    /// Store credit is offered at the value plus this percentage.
    pub credit_bonus_percent: u32,
}

impl Default for SubstitutePolicy {
    fn default() -> Self {
        Self {
            max_per_product: 2,
            min_shared_features: 1,
            allow_other_category: false,
            max_price_increase_percent: 20,
            honour_original_price: true,
            credit_bonus_percent: 10,
        }
    }
}

impl SubstitutePolicy {
    /// The credit offered in place of a refund of `value`.
    pub fn credit_for(&self, value: Money) -> Money {
        value + percent_of(value, self.credit_bonus_percent)
    }
}

/// `percent` percent of `value`, rounded down to the minor unit.
pub fn percent_of(value: Money, percent: u32) -> Money {
    Money::from_minor(value.minor().saturating_mul(i64::from(percent)) / 100)
}

/// Status-update cadence (P14).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FollowUpPolicy {
    /// A status update every this many business days until resolved.
    pub every_business_days: u32,
    /// At most this many cadence updates are planned ahead.
    pub max_planned: usize,
}

impl Default for FollowUpPolicy {
    fn default() -> Self {
        Self {
            every_business_days: 3,
            max_planned: 10,
        }
    }
}

/// A local wall-clock time of day, in minutes since midnight; written `"HH:MM"`.
/// `"24:00"` is allowed as the end of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(pub u16);

impl ClockTime {
    /// Parses `"HH:MM"`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("invalid time {text:?}: expected HH:MM between 00:00 and 24:00");
        let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
        let h: u16 = h.parse().map_err(|_| bad())?;
        let m: u16 = m.parse().map_err(|_| bad())?;
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return Err(bad());
        }
        Ok(ClockTime(h * 60 + m))
    }

    /// Hours part.
    pub fn hour(self) -> i8 {
        (self.0 / 60) as i8
    }

    /// Minutes part.
    pub fn minute(self) -> i8 {
        (self.0 % 60) as i8
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ClockTime::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A set of weekdays, bit 0 = Monday; written `"mon-fri"`, `"sat,sun"`, `"all"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DaySet(pub u8);

const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl DaySet {
    /// Every day of the week.
    pub const ALL: DaySet = DaySet(0b111_1111);

    /// Parses a comma-separated list of days or ranges.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("invalid days {text:?}: expected e.g. \"mon-fri\" or \"sat,sun\"");
        let day = |s: &str| {
            let s = s.trim().to_ascii_lowercase();
            DAY_NAMES
                .iter()
                .position(|d| s.starts_with(d))
                .ok_or_else(bad)
        };
        if text.trim().eq_ignore_ascii_case("all") {
            return Ok(Self::ALL);
        }
        let mut bits = 0u8;
        for part in text.split(',') {
            let (a, b) = match part.split_once('-') {
                Some((a, b)) => (day(a)?, day(b)?),
                None => (day(part)?, day(part)?),
            };
            if a > b {
                return Err(bad());
            }
            for d in a..=b {
                bits |= 1 << d;
            }
        }
        Ok(DaySet(bits))
    }

    /// Whether the set holds `day`.
    pub fn contains(self, day: Weekday) -> bool {
        let i = day.to_monday_zero_offset();
        self.0 & (1 << i) != 0
    }
}

impl fmt::Display for DaySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = (0..7)
            .filter(|i| self.0 & (1 << i) != 0)
            .map(|i| DAY_NAMES[i])
            .collect();
        f.write_str(&names.join(","))
    }
}

impl Serialize for DaySet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DaySet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DaySet::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_toml_gives_the_documented_defaults() {
        let cfg = PlanConfig::from_toml("").unwrap();
        assert_eq!(cfg, PlanConfig::default());
        assert_eq!(cfg.channel.failed_calls_before_written, 2);
        assert_eq!(cfg.capacity.target_hours, 24);
        assert_eq!(cfg.follow_up.every_business_days, 3);
        assert_eq!(cfg.windows.phone.len(), 2);
        assert_eq!(cfg.windows.phone[0].from.to_string(), "09:30");
        assert_eq!(cfg.windows.phone[1].to.to_string(), "17:00");
    }

    #[test]
    fn toml_overrides_weights_windows_and_holidays() {
        let cfg = PlanConfig::from_toml(
            r#"
            [company]
            timezone = "Europe/Berlin"
            holidays = ["2025-12-25"]
            [priority]
            prepaid = 50
            [windows]
            sms = [{ days = "sat,sun", from = "10:00", to = "12:00" }]
            [capacity]
            agents = 9
            "#,
        )
        .unwrap();
        assert_eq!(cfg.priority.prepaid, 50);
        assert_eq!(cfg.priority.gold, 10, "unset weights keep defaults");
        assert_eq!(cfg.capacity.agents, 9);
        assert_eq!(cfg.company.holidays, vec![jiff::civil::date(2025, 12, 25)]);
        assert!(cfg.windows.sms[0].days.contains(Weekday::Sunday));
        assert!(!cfg.windows.sms[0].days.contains(Weekday::Monday));
    }

    #[test]
    fn bad_values_are_named() {
        let err = PlanConfig::from_toml("[priority]\nprepaidd = 1").unwrap_err();
        assert!(err.to_string().contains("prepaidd"), "{err}");
        let err =
            PlanConfig::from_toml("[windows]\nsms = [{days='mon', from='25:00', to='26:00'}]")
                .unwrap_err();
        assert!(err.to_string().contains("25:00"), "{err}");
        assert!(DaySet::parse("fri-mon").is_err());
        assert_eq!(
            DaySet::parse("mon-wed,sun").unwrap().to_string(),
            "mon,tue,wed,sun"
        );
        assert_eq!(ClockTime::parse("24:00").unwrap().0, 1440);
        assert!(ClockTime::parse("24:01").is_err());
    }
}
