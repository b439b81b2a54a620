//! Goodwill (P10): a policy file proposes compensation per case, by disruption
//! kind, tier, prepayment, days late and repeat disruption, within a budget per
//! disruption. The plan records what is proposed and why.

use crate::EngineError;
use crate::config::percent_of;
use forthright_core::{DisruptionKind, Money, Tier};
use serde::{Deserialize, Serialize};

/// The built-in policy, `policy/goodwill.toml`.
pub const DEFAULT_POLICY: &str = include_str!("../policy/goodwill.toml");

/// How goodwill is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoodwillForm {
    /// Store credit.
    Credit,
    /// Money off the affected order.
    Discount,
}

/// A goodwill policy, loaded from TOML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodwillPolicy {
    /// How it is given.
    pub form: GoodwillForm,
    /// The most all cases of one disruption may receive together.
    pub budget_per_disruption: Money,
    /// The most one case may receive.
    pub max_per_case: Money,
    /// Rules; every matching rule adds its part.
    #[serde(default, rename = "rule")]
    pub rules: Vec<GoodwillRule>,
}

/// One rule of a goodwill policy. Empty lists and absent fields match anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoodwillRule {
    /// Name shown as the reason.
    pub name: String,
    /// Disruption kinds it applies to.
    #[serde(default)]
    pub kinds: Vec<DisruptionKind>,
    /// Tiers it applies to.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// Only prepaid (true) or only unpaid (false) cases.
    #[serde(default)]
    pub prepaid: Option<bool>,
    /// At least this many days late.
    #[serde(default)]
    pub min_days_late: Option<i64>,
    /// At least this many other disruptions in the last 180 days.
    #[serde(default)]
    pub min_repeat: Option<u32>,
    /// Percentage of the value at stake.
    #[serde(default)]
    pub percent: u32,
    /// A fixed amount.
    #[serde(default)]
    pub fixed: Option<Money>,
}

/// What the policy looks at for one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoodwillFacts {
    /// Kind of disruption.
    pub kind: DisruptionKind,
    /// Customer tier.
    pub tier: Tier,
    /// Paid in advance.
    pub prepaid: bool,
    /// Days late, when known.
    pub days_late: Option<i64>,
    /// Other disruptions in the last 180 days.
    pub repeats: u32,
    /// Value at stake.
    pub value: Money,
}

/// What the plan proposes, and why (P10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodwillOffer {
    /// Amount proposed (may be zero when the budget ran out).
    pub amount: Money,
    /// How it is given.
    pub form: GoodwillForm,
    /// Each matching rule and its part.
    pub reasons: Vec<GoodwillReason>,
    /// Caps or budget limits that reduced it.
    pub limits: Vec<String>,
}

/// One rule's part of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodwillReason {
    /// The rule's name.
    pub rule: String,
    /// Its part.
    pub amount: Money,
}

impl GoodwillPolicy {
    /// Parses a policy file.
    pub fn from_toml(text: &str) -> Result<Self, EngineError> {
        toml::from_str(text).map_err(|e| EngineError::Policy(e.to_string()))
    }

    /// The built-in policy.
    pub fn builtin() -> Self {
        // The embedded file is tested below; a broken edit fails that test.
        Self::from_toml(DEFAULT_POLICY).unwrap_or(GoodwillPolicy {
            form: GoodwillForm::Credit,
            budget_per_disruption: Money::ZERO,
            max_per_case: Money::ZERO,
            rules: Vec::new(),
        })
    }

    /// What this policy proposes for one case, before the budget.
    pub fn propose(&self, f: &GoodwillFacts) -> Option<GoodwillOffer> {
        let reasons: Vec<GoodwillReason> = self
            .rules
            .iter()
            .filter(|r| {
                (r.kinds.is_empty() || r.kinds.contains(&f.kind))
                    && (r.tiers.is_empty() || r.tiers.contains(&f.tier))
                    && r.prepaid.is_none_or(|p| p == f.prepaid)
                    && r.min_days_late
                        .is_none_or(|d| f.days_late.is_some_and(|l| l >= d))
                    && r.min_repeat.is_none_or(|n| f.repeats >= n)
            })
            .map(|r| GoodwillReason {
                rule: r.name.clone(),
                amount: percent_of(f.value, r.percent) + r.fixed.unwrap_or(Money::ZERO),
            })
            .filter(|r| r.amount > Money::ZERO)
            .collect();
        if reasons.is_empty() {
            return None;
        }
        let total: Money = reasons.iter().map(|r| r.amount).sum();
        let mut limits = Vec::new();
        let amount = if total > self.max_per_case {
            limits.push(format!("capped at {} per case", self.max_per_case));
            self.max_per_case
        } else {
            total
        };
        Some(GoodwillOffer {
            amount,
            form: self.form,
            reasons,
            limits,
        })
    }
}

/// Draws offers from a disruption's budget, in queue order.
#[derive(Debug, Clone)]
pub struct Budget {
    left: Money,
    spent: Money,
}

impl Budget {
    /// A fresh budget.
    pub fn new(total: Money) -> Self {
        Self {
            left: total,
            spent: Money::ZERO,
        }
    }

    /// Reduces an offer to what the budget still allows, and spends it.
    pub fn draw(&mut self, mut offer: GoodwillOffer) -> GoodwillOffer {
        if offer.amount > self.left {
            offer.limits.push(format!(
                "reduced from {} to {}: the disruption's goodwill budget is used up",
                offer.amount,
                self.left.max(Money::ZERO)
            ));
            offer.amount = self.left.max(Money::ZERO);
        }
        self.left = self.left - offer.amount;
        self.spent += offer.amount;
        offer
    }

    /// Total proposed so far.
    pub fn spent(&self) -> Money {
        self.spent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> GoodwillFacts {
        GoodwillFacts {
            kind: DisruptionKind::Backorder,
            tier: Tier::Standard,
            prepaid: true,
            days_late: Some(10),
            repeats: 0,
            value: Money::from_minor(20_000),
        }
    }

    #[test]
    fn builtin_policy_parses_and_explains_its_proposal() {
        let p = GoodwillPolicy::from_toml(DEFAULT_POLICY).unwrap();
        assert_eq!(p, GoodwillPolicy::builtin());
        let offer = p.propose(&facts()).unwrap();
        let rules: Vec<(&str, String)> = offer
            .reasons
            .iter()
            .map(|r| (r.rule.as_str(), r.amount.to_string()))
            .collect();
        assert_eq!(
            rules,
            [
                ("paid in advance and still waiting", "10.00".to_string()),
                ("a week or more late", "10.00".to_string())
            ]
        );
        assert_eq!(offer.amount, Money::from_minor(2000));
        assert!(offer.limits.is_empty());
    }

    #[test]
    fn tier_repeat_and_caps() {
        let p = GoodwillPolicy::builtin();
        let f = GoodwillFacts {
            tier: Tier::Platinum,
            repeats: 2,
            value: Money::from_minor(1_000_000),
            ..facts()
        };
        let offer = p.propose(&f).unwrap();
        assert_eq!(offer.reasons.len(), 4);
        assert_eq!(offer.amount, p.max_per_case);
        assert!(offer.limits[0].contains("capped"));
        let unpaid_on_time = GoodwillFacts {
            prepaid: false,
            days_late: Some(2),
            ..facts()
        };
        assert_eq!(p.propose(&unpaid_on_time), None);
    }

    #[test]
    fn budget_runs_out_in_queue_order() {
        let p = GoodwillPolicy::builtin();
        let mut budget = Budget::new(Money::from_minor(3000));
        let first = budget.draw(p.propose(&facts()).unwrap());
        let second = budget.draw(p.propose(&facts()).unwrap());
        let third = budget.draw(p.propose(&facts()).unwrap());
        assert_eq!(first.amount, Money::from_minor(2000));
        assert_eq!(second.amount, Money::from_minor(1000));
        assert!(second.limits[0].contains("budget"));
        assert_eq!(third.amount, Money::ZERO);
        assert_eq!(budget.spent(), Money::from_minor(3000));
    }

    #[test]
    fn policy_errors_name_the_field() {
        let err = GoodwillPolicy::from_toml(
            "form = \"cash\"\nbudget_per_disruption=\"1\"\nmax_per_case=\"1\"",
        )
        .unwrap_err();
        assert!(err.to_string().contains("cash"), "{err}");
    }
}
