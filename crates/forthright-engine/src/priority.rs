//! Whom to call first: a priority score with its reasons shown (P1, P10).

use crate::config::PriorityWeights;
use crate::plan::CustomerHistory;
use forthright_core::{Case, Tier};
use serde::{Deserialize, Serialize};

/// A case's place in the queue, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priority {
    /// Sum of the reasons' points; higher is called earlier.
    pub score: i64,
    /// Each fact that added points.
    pub reasons: Vec<PriorityReason>,
}

/// One fact that raised a case's priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityReason {
    /// Stable name of the factor: `prepaid`, `value`, `tier`, `late`, `repeat`, `contacted_us`.
    pub factor: String,
    /// Points it added.
    pub points: i64,
    /// The fact, in words.
    pub detail: String,
}

/// Scores one case.
pub fn score(case: &Case, tier: Tier, history: &CustomerHistory, w: &PriorityWeights) -> Priority {
    let mut reasons = Vec::new();
    let mut add = |factor: &str, points: i64, detail: String| {
        if points != 0 {
            reasons.push(PriorityReason {
                factor: factor.into(),
                points,
                detail,
            });
        }
    };
    if case.prepaid() {
        add("prepaid", w.prepaid, "already paid".into());
    }
    let value = case.value();
    let value_points = (value.minor() / 10_000)
        .saturating_mul(w.per_100_value)
        .min(w.value_cap);
    add("value", value_points, format!("{value} at stake"));
    let tier_points = match tier {
        Tier::Standard => 0,
        Tier::Silver => w.silver,
        Tier::Gold => w.gold,
        Tier::Platinum => w.platinum,
    };
    add("tier", tier_points, format!("{tier} customer"));
    if let Some(days) = case.days_late() {
        let points = days.saturating_mul(w.per_day_late).min(w.late_cap);
        let unit = if days == 1 { "day" } else { "days" };
        add("late", points, format!("{days} {unit} late"));
    }
    let repeats = i64::from(history.disruptions_last_180_days);
    add(
        "repeat",
        repeats.saturating_mul(w.per_repeat).min(w.repeat_cap),
        match repeats {
            1 => "1 other disruption in the last 180 days".into(),
            n => format!("{n} other disruptions in the last 180 days"),
        },
    );
    if history.contacted_us {
        add(
            "contacted_us",
            w.contacted_us,
            "already contacted us about it".into(),
        );
    }
    Priority {
        score: reasons.iter().map(|r| r.points).sum(),
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use forthright_core::{CaseLine, CaseState, Money};
    use jiff::Timestamp;

    fn case(value: i64, paid: bool, late_days: Option<i64>) -> Case {
        let promised = Timestamp::from_second(1_750_000_000).unwrap();
        Case {
            id: 1,
            disruption_id: 1,
            customer_id: "c1".into(),
            state: CaseState::Detected,
            lines: vec![CaseLine {
                order_id: "o1".into(),
                sku: "s1".into(),
                quantity: 1,
                value: Money::from_minor(value),
                paid,
                promised_at: promised,
                expected_at: late_days
                    .map(|d| Timestamp::from_second(1_750_000_000 + d * 86_400).unwrap()),
            }],
            opened_at: promised,
        }
    }

    #[test]
    fn each_fact_adds_its_weight_and_is_explained() {
        let w = PriorityWeights::default();
        let history = CustomerHistory {
            disruptions_last_180_days: 2,
            contacted_us: true,
            failed_call_attempts: 0,
        };
        let p = score(&case(50_000, true, Some(4)), Tier::Gold, &history, &w);
        let factors: Vec<(&str, i64)> = p
            .reasons
            .iter()
            .map(|r| (r.factor.as_str(), r.points))
            .collect();
        assert_eq!(
            factors,
            [
                ("prepaid", 30),
                ("value", 10),
                ("tier", 10),
                ("late", 8),
                ("repeat", 20),
                ("contacted_us", 25)
            ]
        );
        assert_eq!(p.score, 103);
        assert_eq!(p.reasons[1].detail, "500.00 at stake");
    }

    #[test]
    fn caps_hold_and_zero_facts_are_not_listed() {
        let w = PriorityWeights::default();
        let p = score(
            &case(10_000_000, false, Some(400)),
            Tier::Standard,
            &CustomerHistory::default(),
            &w,
        );
        assert_eq!(p.score, w.value_cap + w.late_cap);
        assert!(
            p.reasons
                .iter()
                .all(|r| r.factor != "tier" && r.factor != "prepaid")
        );
    }
}
