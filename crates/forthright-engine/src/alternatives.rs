//! What the customer may choose instead (P8): substitutes ranked from the
//! catalogue, a partial shipment, waiting for the new date, cancelling with a
//! refund, store credit. Each option carries the facts needed to state it.

use crate::config::SubstitutePolicy;
use forthright_core::{Case, DisruptionKind, Money, NewDisruption, Product, ProductStatus};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The products the planner may name or offer, indexed by SKU and category.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    products: Vec<Product>,
    by_sku: HashMap<String, usize>,
    by_category: HashMap<String, Vec<usize>>,
}

impl Catalogue {
    /// Indexes products (later duplicates of a SKU replace earlier ones).
    pub fn new(products: impl IntoIterator<Item = Product>) -> Self {
        let mut c = Catalogue::default();
        for p in products {
            if let Some(&i) = c.by_sku.get(&p.sku) {
                c.products[i] = p;
                continue;
            }
            let i = c.products.len();
            c.by_sku.insert(p.sku.clone(), i);
            c.by_category.entry(p.category.clone()).or_default().push(i);
            c.products.push(p);
        }
        c
    }

    /// One product.
    pub fn get(&self, sku: &str) -> Option<&Product> {
        self.by_sku.get(sku).map(|&i| &self.products[i])
    }

    /// Every product.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// Number of products.
    pub fn len(&self) -> usize {
        self.products.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    /// The name a customer knows a SKU by (the SKU itself never reaches them: falls back to "your item").
    pub fn name_of(&self, sku: &str) -> String {
        self.get(sku)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| "your item".into())
    }

    /// Substitutes for `original` that could ship `quantity` units now, best first (P8):
    /// most shared features, same category, closest price, then name.
    pub fn substitutes(
        &self,
        original: &Product,
        quantity: i64,
        policy: &SubstitutePolicy,
    ) -> Vec<Substitute> {
        let candidates: Box<dyn Iterator<Item = &Product>> = if policy.allow_other_category {
            Box::new(self.products.iter())
        } else {
            Box::new(
                self.by_category
                    .get(&original.category)
                    .into_iter()
                    .flatten()
                    .map(|&i| &self.products[i]),
            )
        };
        let max_price = original.price
            + crate::config::percent_of(original.price, policy.max_price_increase_percent);
        let mut found: Vec<Substitute> = candidates
            .filter(|p| {
                p.sku != original.sku
                    && p.status == ProductStatus::Active
                    && p.stock >= quantity.max(1)
                    && p.price <= max_price
            })
            .filter_map(|p| {
                let shared: Vec<String> = p
                    .features
                    .iter()
                    .filter(|f| original.features.iter().any(|o| o.eq_ignore_ascii_case(f)))
                    .cloned()
                    .collect();
                if shared.len() < policy.min_shared_features {
                    return None;
                }
                let pricier = p.price > original.price;
                let unit_price = if pricier && policy.honour_original_price {
                    original.price
                } else {
                    p.price
                };
                Some(Substitute {
                    for_sku: original.sku.clone(),
                    for_name: original.name.clone(),
                    sku: p.sku.clone(),
                    name: p.name.clone(),
                    same_category: p.category == original.category,
                    shared_features: shared,
                    missing_features: original
                        .features
                        .iter()
                        .filter(|o| !p.features.iter().any(|f| f.eq_ignore_ascii_case(o)))
                        .cloned()
                        .collect(),
                    list_price: p.price,
                    unit_price,
                    original_price: original.price,
                    quantity,
                    in_stock: p.stock,
                })
            })
            .collect();
        found.sort_by(|a, b| {
            b.shared_features
                .len()
                .cmp(&a.shared_features.len())
                .then(b.same_category.cmp(&a.same_category))
                .then(
                    (a.list_price.minor() - a.original_price.minor())
                        .abs()
                        .cmp(&(b.list_price.minor() - b.original_price.minor()).abs()),
                )
                .then(a.name.cmp(&b.name))
                .then(a.sku.cmp(&b.sku))
        });
        found.truncate(policy.max_per_product);
        found
    }
}

/// A product that could stand in for an ordered one (P8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Substitute {
    /// The ordered product.
    pub for_sku: String,
    /// Its name.
    pub for_name: String,
    /// The substitute.
    pub sku: String,
    /// Its name.
    pub name: String,
    /// Same category as the ordered product.
    pub same_category: bool,
    /// Features both have.
    pub shared_features: Vec<String>,
    /// Features of the ordered product the substitute lacks (told honestly, P5).
    pub missing_features: Vec<String>,
    /// The substitute's catalogue price.
    pub list_price: Money,
    /// What the customer pays per unit (the original price when a pricier one is honoured).
    pub unit_price: Money,
    /// The ordered product's price.
    pub original_price: Money,
    /// Units.
    pub quantity: i64,
    /// Units in stock.
    pub in_stock: i64,
}

/// One line of a partial shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartLine {
    /// The order.
    pub order_id: String,
    /// Product name.
    pub name: String,
    /// Units.
    pub quantity: i64,
}

/// An alternative the customer may choose (P8). Named to avoid clashing with `Option`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Alternative {
    /// Keep the order and wait for the new date.
    Wait {
        /// The new date.
        until: Timestamp,
    },
    /// Take a substitute that ships now.
    Substitute(Substitute),
    /// Ship what is available now, the rest later.
    PartialShipment {
        /// Shipped now.
        now: Vec<PartLine>,
        /// Shipped later.
        later: Vec<PartLine>,
    },
    /// Cancel the affected lines; paid money comes back.
    CancelWithRefund {
        /// Refunded (zero when nothing was paid).
        refund: Money,
    },
    /// Get the wrongly charged amount back (billing errors).
    Refund {
        /// Amount.
        amount: Money,
    },
    /// Store credit instead of a refund.
    StoreCredit {
        /// Credit.
        amount: Money,
        /// What a refund would have been.
        value: Money,
    },
}

impl Alternative {
    /// Stable name of the option, as stored and printed.
    pub fn name(&self) -> &'static str {
        match self {
            Alternative::Wait { .. } => "wait",
            Alternative::Substitute(_) => "substitute",
            Alternative::PartialShipment { .. } => "partial_shipment",
            Alternative::CancelWithRefund { .. } => "cancel_with_refund",
            Alternative::Refund { .. } => "refund",
            Alternative::StoreCredit { .. } => "store_credit",
        }
    }
}

/// Substitutes already ranked for the disrupted products, shared across cases.
pub type SubstituteCache = HashMap<(String, i64), Vec<Substitute>>;

/// The options for one case, in the order they are offered.
pub fn for_case(
    case: &Case,
    disruption: &NewDisruption,
    catalogue: &Catalogue,
    policy: &SubstitutePolicy,
    cache: &mut SubstituteCache,
) -> Vec<Alternative> {
    use DisruptionKind::*;
    let kind = disruption.kind;
    let mut out = Vec::new();
    let value = case.value();
    let paid: Money = case.lines.iter().filter(|l| l.paid).map(|l| l.value).sum();
    let new_date = case
        .lines
        .iter()
        .filter_map(|l| l.expected_at)
        .max()
        .or(disruption.new_date);

    if matches!(kind, BillingError) {
        let amount = disruption.amount.unwrap_or(Money::ZERO);
        if amount > Money::ZERO {
            out.push(Alternative::Refund { amount });
            out.push(Alternative::StoreCredit {
                amount: policy.credit_for(amount),
                value: amount,
            });
        }
        return out;
    }

    if let (Backorder | Delay | OutOfStock | ServiceChange | Outage, Some(until)) = (kind, new_date)
    {
        out.push(Alternative::Wait { until });
    }
    if matches!(kind, Backorder | OutOfStock | Discontinued) {
        let mut offered = std::collections::HashSet::new();
        for line in &case.lines {
            // The same product on two orders needs its substitutes offered once.
            if !offered.insert(line.sku.as_str()) {
                continue;
            }
            let Some(original) = catalogue.get(&line.sku) else {
                continue;
            };
            let key = (line.sku.clone(), line.quantity);
            let subs = cache
                .entry(key)
                .or_insert_with(|| catalogue.substitutes(original, line.quantity, policy));
            out.extend(subs.iter().cloned().map(Alternative::Substitute));
        }
        // Partial shipment: lines whose product has stock ship now (P8).
        if case.lines.len() > 1 || case.lines.iter().any(|l| l.quantity > 1) {
            let mut now = Vec::new();
            let mut later = Vec::new();
            for l in &case.lines {
                let stock = catalogue.get(&l.sku).map_or(0, |p| p.stock.max(0));
                let ship = stock.min(l.quantity);
                let name = catalogue.name_of(&l.sku);
                if ship > 0 {
                    now.push(PartLine {
                        order_id: l.order_id.clone(),
                        name: name.clone(),
                        quantity: ship,
                    });
                }
                if ship < l.quantity {
                    later.push(PartLine {
                        order_id: l.order_id.clone(),
                        name,
                        quantity: l.quantity - ship,
                    });
                }
            }
            if !now.is_empty() && !later.is_empty() {
                out.push(Alternative::PartialShipment { now, later });
            }
        }
    }
    out.push(Alternative::CancelWithRefund { refund: paid });
    if value > Money::ZERO {
        out.push(Alternative::StoreCredit {
            amount: policy.credit_for(value),
            value,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use forthright_core::{CaseLine, CaseState, Origin, Scope};

    fn product(sku: &str, cat: &str, price: i64, stock: i64, features: &[&str]) -> Product {
        Product {
            sku: sku.into(),
            name: format!("Product {sku}"),
            category: cat.into(),
            price: Money::from_minor(price),
            stock,
            features: features.iter().map(|f| f.to_string()).collect(),
            status: ProductStatus::Active,
        }
    }

    fn catalogue() -> Catalogue {
        Catalogue::new([
            product(
                "K1",
                "kettle",
                5000,
                0,
                &["steel", "1.7l", "auto-off", "blue"],
            ),
            product("K2", "kettle", 4500, 10, &["steel", "1.7l", "auto-off"]),
            product(
                "K3",
                "kettle",
                5900,
                10,
                &["steel", "1.7l", "auto-off", "blue"],
            ),
            product(
                "K4",
                "kettle",
                9000,
                10,
                &["steel", "1.7l", "auto-off", "blue"],
            ),
            product("K5", "kettle", 3000, 0, &["steel"]),
            product(
                "T1",
                "toaster",
                5000,
                10,
                &["steel", "1.7l", "auto-off", "blue"],
            ),
        ])
    }

    #[test]
    fn substitutes_rank_by_overlap_and_honour_the_original_price() {
        let cat = catalogue();
        let k1 = cat.get("K1").unwrap();
        let subs = cat.substitutes(k1, 1, &SubstitutePolicy::default());
        let skus: Vec<&str> = subs.iter().map(|s| s.sku.as_str()).collect();
        // K4 is 80% pricier (beyond the 20% policy), K5 has no stock, T1 is another category.
        assert_eq!(skus, ["K3", "K2"]);
        assert_eq!(
            subs[0].unit_price,
            Money::from_minor(5000),
            "pricier one at the original price"
        );
        assert_eq!(
            subs[1].unit_price,
            Money::from_minor(4500),
            "cheaper one at its price"
        );
        assert_eq!(subs[1].missing_features, ["blue"]);
        let strict = SubstitutePolicy {
            honour_original_price: false,
            ..SubstitutePolicy::default()
        };
        assert_eq!(
            cat.substitutes(k1, 1, &strict)[0].unit_price,
            Money::from_minor(5900)
        );
        let other = SubstitutePolicy {
            allow_other_category: true,
            ..SubstitutePolicy::default()
        };
        let subs = cat.substitutes(k1, 1, &other);
        assert_eq!(subs[0].sku, "K3", "same category wins a tie in overlap");
        assert_eq!(subs[1].sku, "T1");
        assert!(
            cat.substitutes(k1, 11, &SubstitutePolicy::default())
                .is_empty()
        );
    }

    fn disruption(kind: DisruptionKind) -> NewDisruption {
        NewDisruption {
            kind,
            scope: Scope {
                skus: vec!["K1".into()],
                ..Scope::default()
            },
            reason: "our supplier's plant closed after a flood".into(),
            new_date: Some(Timestamp::from_second(1_760_000_000).unwrap()),
            amount: Some(Money::from_minor(1299)),
            known_since: Timestamp::from_second(1_750_000_000).unwrap(),
            origin: Origin::Declared,
            detection_key: None,
        }
    }

    fn case(lines: &[(&str, i64, bool)]) -> Case {
        let t = Timestamp::from_second(1_750_000_000).unwrap();
        Case {
            id: 7,
            disruption_id: 1,
            customer_id: "c".into(),
            state: CaseState::Detected,
            lines: lines
                .iter()
                .map(|&(sku, q, paid)| CaseLine {
                    order_id: "o1".into(),
                    sku: sku.into(),
                    quantity: q,
                    value: Money::from_minor(5000 * q),
                    paid,
                    promised_at: t,
                    expected_at: None,
                })
                .collect(),
            opened_at: t,
        }
    }

    fn names(alts: &[Alternative]) -> Vec<&'static str> {
        alts.iter().map(Alternative::name).collect()
    }

    #[test]
    fn options_follow_the_kind_of_disruption() {
        let cat = catalogue();
        let p = SubstitutePolicy::default();
        let mut cache = SubstituteCache::new();
        let c = case(&[("K1", 1, true), ("K2", 2, false)]);
        let alts = for_case(
            &c,
            &disruption(DisruptionKind::Backorder),
            &cat,
            &p,
            &mut cache,
        );
        assert_eq!(
            names(&alts),
            // K1 has two substitutes; K2 (2 units) has none within the price policy.
            [
                "wait",
                "substitute",
                "substitute",
                "partial_shipment",
                "cancel_with_refund",
                "store_credit"
            ]
        );
        let Alternative::PartialShipment { now, later } = &alts[3] else {
            panic!("expected a partial shipment, got {:?}", alts[3]);
        };
        assert_eq!((now[0].name.as_str(), now[0].quantity), ("Product K2", 2));
        assert_eq!(
            (later[0].name.as_str(), later[0].quantity),
            ("Product K1", 1)
        );
        assert_eq!(
            alts[4],
            Alternative::CancelWithRefund {
                refund: Money::from_minor(5000)
            }
        );
        assert_eq!(
            alts[5],
            Alternative::StoreCredit {
                amount: Money::from_minor(16_500),
                value: Money::from_minor(15_000)
            }
        );

        let c = case(&[("K1", 1, true)]);
        let d = disruption(DisruptionKind::Discontinued);
        assert_eq!(
            names(&for_case(&c, &d, &cat, &p, &mut cache)),
            [
                "substitute",
                "substitute",
                "cancel_with_refund",
                "store_credit"
            ]
        );
        let d = disruption(DisruptionKind::BillingError);
        assert_eq!(
            names(&for_case(&c, &d, &cat, &p, &mut cache)),
            ["refund", "store_credit"]
        );
        let d = disruption(DisruptionKind::Delay);
        assert_eq!(
            names(&for_case(&c, &d, &cat, &p, &mut cache)),
            ["wait", "cancel_with_refund", "store_credit"]
        );
        let mut d = disruption(DisruptionKind::Delay);
        d.new_date = None;
        assert_eq!(
            names(&for_case(&c, &d, &cat, &p, &mut cache)),
            ["cancel_with_refund", "store_credit"]
        );
    }
}
