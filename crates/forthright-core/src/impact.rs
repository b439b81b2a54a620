//! Impact analysis: one disruption in, one case per affected customer out (P1).
//!
//! The store fetches the open order lines a scope may touch; this module
//! decides, purely, which of them are in scope and how they group into cases.

use crate::{CaseLine, DisruptionKind, LineStatus, Money, NewDisruption, OrderLine, Scope};
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// An order line as impact analysis sees it: the line plus what scope and
/// lateness depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpactLine {
    /// The order line.
    pub line: OrderLine,
    /// The product's category.
    pub category: String,
    /// The carrier of the line's order, if shipped information exists.
    pub carrier: Option<String>,
    /// The carrier's ETA for the order, if any.
    pub eta: Option<Timestamp>,
}

impl Scope {
    /// Whether an open order line is in this scope (see [`Scope`] for the rule).
    pub fn matches(&self, l: &ImpactLine) -> bool {
        fn hit(list: &[String], value: &str) -> bool {
            list.is_empty() || list.iter().any(|v| v == value)
        }
        !self.is_empty()
            && l.line.status == LineStatus::Open
            && hit(&self.skus, &l.line.sku)
            && hit(&self.orders, &l.line.order_id)
            && hit(&self.customers, &l.line.customer_id)
            && hit(&self.categories, &l.category)
            && (self.carriers.is_empty()
                || l.carrier.as_deref().is_some_and(|c| hit(&self.carriers, c)))
    }
}

impl Scope {
    /// [`Scope::matches`] for many lines at once: each list becomes a hash set
    /// once, so a line costs the same whether the scope names 3 orders or
    /// 30,000 (a carrier delay over thousands of orders stays fast, P1).
    pub fn matcher(&self) -> ScopeMatcher<'_> {
        fn set(list: &[String]) -> Option<std::collections::HashSet<&str>> {
            (!list.is_empty()).then(|| list.iter().map(String::as_str).collect())
        }
        ScopeMatcher {
            empty: self.is_empty(),
            skus: set(&self.skus),
            orders: set(&self.orders),
            customers: set(&self.customers),
            categories: set(&self.categories),
            carriers: set(&self.carriers),
        }
    }
}

/// A [`Scope`] prepared for matching many lines; see [`Scope::matcher`].
#[derive(Debug, Clone)]
pub struct ScopeMatcher<'a> {
    empty: bool,
    skus: Option<std::collections::HashSet<&'a str>>,
    orders: Option<std::collections::HashSet<&'a str>>,
    customers: Option<std::collections::HashSet<&'a str>>,
    categories: Option<std::collections::HashSet<&'a str>>,
    carriers: Option<std::collections::HashSet<&'a str>>,
}

impl ScopeMatcher<'_> {
    /// Exactly [`Scope::matches`].
    pub fn matches(&self, l: &ImpactLine) -> bool {
        fn hit(set: &Option<std::collections::HashSet<&str>>, value: &str) -> bool {
            set.as_ref().is_none_or(|s| s.contains(value))
        }
        !self.empty
            && l.line.status == LineStatus::Open
            && hit(&self.skus, &l.line.sku)
            && hit(&self.orders, &l.line.order_id)
            && hit(&self.customers, &l.line.customer_id)
            && hit(&self.categories, &l.category)
            && (self.carriers.is_none()
                || l.carrier.as_deref().is_some_and(|c| hit(&self.carriers, c)))
    }
}

/// The lines one customer has in one disruption, before the store keeps them as a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDraft {
    /// The customer.
    pub customer_id: String,
    /// Their affected lines, ordered by order id then sku.
    pub lines: Vec<CaseLine>,
}

/// Groups the in-scope open lines into one draft per customer, ordered by customer id.
///
/// A line's new expected date is the carrier's ETA for delays, otherwise the
/// disruption's new date when one is known.
pub fn group_into_cases(
    disruption: &NewDisruption,
    lines: impl IntoIterator<Item = ImpactLine>,
) -> Vec<CaseDraft> {
    let mut by_customer: BTreeMap<String, Vec<CaseLine>> = BTreeMap::new();
    let scope = disruption.scope.matcher();
    for l in lines {
        if !scope.matches(&l) {
            continue;
        }
        let expected_at = match disruption.kind {
            DisruptionKind::Delay => l.eta.or(disruption.new_date),
            _ => disruption.new_date,
        };
        let value = l.line.value();
        by_customer
            .entry(l.line.customer_id)
            .or_default()
            .push(CaseLine {
                order_id: l.line.order_id,
                sku: l.line.sku,
                quantity: l.line.quantity,
                value,
                paid: l.line.paid,
                promised_at: l.line.promised_at,
                expected_at,
            });
    }
    by_customer
        .into_iter()
        .map(|(customer_id, mut lines)| {
            lines.sort_by(|a, b| (&a.order_id, &a.sku).cmp(&(&b.order_id, &b.sku)));
            CaseDraft { customer_id, lines }
        })
        .collect()
}

/// What `forthright impact` reports: the size of the harm and the cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImpactSummary {
    /// The disruption's id.
    pub disruption: crate::DisruptionId,
    /// Open order lines in scope.
    pub affected_lines: usize,
    /// Distinct orders among them.
    pub affected_orders: usize,
    /// Distinct customers, one case each.
    pub affected_customers: usize,
    /// Total value of the affected lines.
    pub value_at_stake: Money,
    /// One entry per case.
    pub cases: Vec<CaseSummary>,
}

/// One case in an [`ImpactSummary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    /// The case.
    pub case_id: crate::CaseId,
    /// The customer.
    pub customer_id: String,
    /// Distinct orders, sorted.
    pub order_ids: Vec<String>,
    /// Number of lines.
    pub lines: usize,
    /// Value at stake.
    pub value: Money,
    /// Whether the customer paid for any affected line.
    pub prepaid: bool,
    /// Whole days the latest line will be late, when known.
    pub days_late: Option<i64>,
}

impl ImpactSummary {
    /// Summarises a disruption's cases.
    pub fn of(disruption: crate::DisruptionId, cases: &[crate::Case]) -> Self {
        let mut orders = std::collections::HashSet::new();
        let mut affected_lines = 0;
        let mut value_at_stake = Money::ZERO;
        let cases = cases
            .iter()
            .map(|c| {
                affected_lines += c.lines.len();
                value_at_stake += c.value();
                let order_ids = c.order_ids();
                orders.extend(order_ids.iter().cloned());
                CaseSummary {
                    case_id: c.id,
                    customer_id: c.customer_id.clone(),
                    order_ids,
                    lines: c.lines.len(),
                    value: c.value(),
                    prepaid: c.prepaid(),
                    days_late: c.days_late(),
                }
            })
            .collect::<Vec<_>>();
        ImpactSummary {
            disruption,
            affected_lines,
            affected_orders: orders.len(),
            affected_customers: cases.len(),
            value_at_stake,
            cases,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Origin, Scope};

    fn ts(day: i64) -> Timestamp {
        Timestamp::from_second(day * 86_400).unwrap()
    }

    fn line(order: &str, customer: &str, sku: &str, status: LineStatus) -> ImpactLine {
        ImpactLine {
            line: OrderLine {
                order_id: order.into(),
                customer_id: customer.into(),
                sku: sku.into(),
                quantity: 2,
                unit_price: Money::from_minor(1_000),
                placed_at: ts(0),
                promised_at: ts(10),
                paid: customer == "c1",
                status,
            },
            category: "kettles".into(),
            carrier: Some("DHL".into()),
            eta: Some(ts(13)),
        }
    }

    fn disruption(kind: DisruptionKind, scope: Scope) -> NewDisruption {
        NewDisruption {
            kind,
            scope,
            reason: "flood at the supplier".into(),
            new_date: Some(ts(20)),
            amount: None,
            known_since: ts(5),
            origin: Origin::Declared,
            detection_key: None,
        }
    }

    #[test]
    fn one_case_per_customer_with_only_open_lines_in_scope() {
        let scope = Scope {
            skus: vec!["K1".into()],
            ..Scope::default()
        };
        let d = disruption(DisruptionKind::Backorder, scope);
        let drafts = group_into_cases(
            &d,
            [
                line("o2", "c1", "K1", LineStatus::Open),
                line("o1", "c1", "K1", LineStatus::Open),
                line("o3", "c2", "K1", LineStatus::Shipped),
                line("o4", "c3", "K2", LineStatus::Open),
                line("o5", "c2", "K1", LineStatus::Open),
            ],
        );
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].customer_id, "c1");
        let orders: Vec<_> = drafts[0]
            .lines
            .iter()
            .map(|l| l.order_id.as_str())
            .collect();
        assert_eq!(orders, ["o1", "o2"], "lines are ordered");
        assert_eq!(drafts[1].customer_id, "c2");
        assert_eq!(drafts[1].lines.len(), 1, "the shipped line is not affected");
        assert_eq!(
            drafts[0].lines[0].expected_at,
            Some(ts(20)),
            "backorders use the new date"
        );
    }

    #[test]
    fn delays_use_the_carrier_eta_and_scope_dimensions_combine() {
        let scope = Scope {
            carriers: vec!["DHL".into()],
            customers: vec!["c2".into()],
            ..Scope::default()
        };
        let d = disruption(DisruptionKind::Delay, scope);
        let drafts = group_into_cases(
            &d,
            [
                line("o1", "c1", "K1", LineStatus::Open),
                line("o5", "c2", "K1", LineStatus::Open),
            ],
        );
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].lines[0].expected_at, Some(ts(13)));
    }

    #[test]
    fn an_empty_scope_matches_nothing() {
        assert!(!Scope::default().matches(&line("o1", "c1", "K1", LineStatus::Open)));
        assert!(
            !Scope::default()
                .matcher()
                .matches(&line("o1", "c1", "K1", LineStatus::Open))
        );
    }

    #[test]
    fn the_prepared_matcher_agrees_with_matches() {
        let lines = [
            line("o1", "c1", "K1", LineStatus::Open),
            line("o2", "c2", "K2", LineStatus::Open),
            line("o3", "c2", "K1", LineStatus::Shipped),
        ];
        let mut no_carrier = line("o4", "c3", "K1", LineStatus::Open);
        no_carrier.carrier = None;
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let scopes = [
            Scope {
                skus: v(&["K1"]),
                ..Scope::default()
            },
            Scope {
                orders: v(&["o2", "o4"]),
                customers: v(&["c2", "c3"]),
                ..Scope::default()
            },
            Scope {
                categories: v(&["kettles"]),
                carriers: v(&["DHL"]),
                ..Scope::default()
            },
            Scope {
                carriers: v(&["UPS"]),
                ..Scope::default()
            },
            Scope::default(),
        ];
        for scope in &scopes {
            let matcher = scope.matcher();
            for l in lines.iter().chain([&no_carrier]) {
                assert_eq!(matcher.matches(l), scope.matches(l), "{scope:?} {l:?}");
            }
        }
    }

    #[test]
    fn summary_counts_lines_orders_customers_and_value() {
        let case = |id, customer: &str, orders: &[&str], paid| crate::Case {
            id,
            disruption_id: 1,
            customer_id: customer.into(),
            state: crate::CaseState::Detected,
            lines: orders
                .iter()
                .map(|o| CaseLine {
                    order_id: o.to_string(),
                    sku: "K1".into(),
                    quantity: 1,
                    value: Money::from_minor(500),
                    paid,
                    promised_at: ts(10),
                    expected_at: Some(ts(12)),
                })
                .collect(),
            opened_at: ts(5),
        };
        let s = ImpactSummary::of(
            1,
            &[
                case(1, "c1", &["o1", "o1", "o2"], true),
                case(2, "c2", &["o3"], false),
            ],
        );
        assert_eq!(
            (s.affected_lines, s.affected_orders, s.affected_customers),
            (4, 3, 2)
        );
        assert_eq!(s.value_at_stake, Money::from_minor(2_000));
        assert_eq!(s.cases[0].order_ids, ["o1", "o2"]);
        assert!(s.cases[0].prepaid && !s.cases[1].prepaid);
        assert_eq!(s.cases[0].days_late, Some(2));
    }
}
