//! Deterministic test data: a fixed clock and a small shop whose every row
//! exercises a case the suite checks (open and closed lines, stock-outs, late
//! carriers, lines without a shipment).

use forthright_core::impact::{self, CaseDraft};
use forthright_core::{
    Case, Channel, Customer, DisruptionKind, ImpactLine, LineStatus, Money, NewDisruption,
    OrderLine, Origin, Product, ProductStatus, Scope, Shipment, Tier,
};
use forthright_store::{ImportStats, Store};
use jiff::Timestamp;
use std::collections::HashMap;

/// 2025-03-01T00:00:00Z in unix seconds: day 0 of every fixture.
pub const DAY_ZERO: i64 = 1_740_787_200;

/// Day `n` after [`DAY_ZERO`], at midnight UTC. Fixed, so runs are deterministic.
pub fn day(n: i64) -> Timestamp {
    Timestamp::from_second(DAY_ZERO + n * 86_400).expect("fixture days are in range")
}

/// A customer with only the required fields set.
pub fn customer(id: &str) -> Customer {
    Customer {
        id: id.into(),
        name: format!("Customer {id}"),
        email: None,
        phone: None,
        timezone: "Europe/Berlin".into(),
        preferred_channel: None,
        tier: Tier::Standard,
        do_not_contact: false,
    }
}

/// An active product.
pub fn product(sku: &str, category: &str, stock: i64) -> Product {
    Product {
        sku: sku.into(),
        name: format!("Product {sku}"),
        category: category.into(),
        price: Money::from_minor(1_999),
        stock,
        features: vec!["steel".into(), "1.7 l".into()],
        status: ProductStatus::Active,
    }
}

/// An order line placed on day 0 and promised for day 10.
pub fn line(order: &str, customer: &str, sku: &str, status: LineStatus) -> OrderLine {
    OrderLine {
        order_id: order.into(),
        customer_id: customer.into(),
        sku: sku.into(),
        quantity: 2,
        unit_price: Money::from_minor(1_250),
        placed_at: day(0),
        promised_at: day(10),
        paid: false,
        status,
    }
}

/// A carrier ETA for an order.
pub fn shipment(order: &str, carrier: &str, eta_day: i64, reason: &str) -> Shipment {
    Shipment {
        order_id: order.into(),
        carrier: carrier.into(),
        eta: day(eta_day),
        reason: reason.into(),
    }
}

/// A declared disruption of `kind` over `scope`, known since day 5, new date day 20.
pub fn declared(kind: DisruptionKind, scope: Scope) -> NewDisruption {
    NewDisruption {
        kind,
        scope,
        reason: "a flood closed our supplier's plant for two weeks".into(),
        new_date: Some(day(20)),
        amount: (kind == DisruptionKind::BillingError).then_some(Money::from_minor(500)),
        known_since: day(5),
        origin: Origin::Declared,
        detection_key: None,
    }
}

/// A small shop: customers, a catalogue, order lines and an ETA feed.
#[derive(Debug, Clone, Default)]
pub struct Shop {
    /// Customers.
    pub customers: Vec<Customer>,
    /// Products.
    pub products: Vec<Product>,
    /// Order lines.
    pub lines: Vec<OrderLine>,
    /// Shipments (ETAs).
    pub shipments: Vec<Shipment>,
}

impl Shop {
    /// The suite's reference shop.
    ///
    /// - products: K1, K2 (kettles, K2 out of stock), T1 (toasters), M1 (mugs, stock -1)
    /// - lines: o1 c1 K1+T1 open; o2 c2 K1 open, K2 shipped; o3 c3 K2 open (promised
    ///   day 14); o4 c1 M1 cancelled, K2 open; o5 c4 T1 delivered, K1 open; o6 c2 T1
    ///   open (no shipment); o7 c3 M1 open
    /// - ETAs: o1 DHL day 12 "storm" (late), o2 UPS day 9 (on time), o3 DHL day 15
    ///   "storm" (late), o4 DHL day 8 (on time), o5 UPS day 13 "customs hold" (late)
    pub fn sample() -> Shop {
        use LineStatus::*;
        let mut c1 = customer("c1");
        c1.email = Some("ada@example.com".into());
        c1.phone = Some("+49 30 1234567".into());
        c1.preferred_channel = Some(Channel::Phone);
        c1.tier = Tier::Gold;
        let mut o1k1 = line("o1", "c1", "K1", Open);
        o1k1.paid = true;
        o1k1.unit_price = Money::from_minor(4_999);
        let mut o1t1 = line("o1", "c1", "T1", Open);
        o1t1.paid = true;
        o1t1.quantity = 1;
        let mut o3k2 = line("o3", "c3", "K2", Open);
        o3k2.promised_at = day(14);
        Shop {
            customers: vec![c1, customer("c2"), customer("c3"), customer("c4")],
            products: vec![
                product("K1", "kettles", 5),
                product("K2", "kettles", 0),
                product("T1", "toasters", 3),
                product("M1", "mugs", -1),
            ],
            lines: vec![
                o1k1,
                o1t1,
                line("o2", "c2", "K1", Open),
                line("o2", "c2", "K2", Shipped),
                o3k2,
                line("o4", "c1", "M1", Cancelled),
                line("o4", "c1", "K2", Open),
                line("o5", "c4", "T1", Delivered),
                line("o5", "c4", "K1", Open),
                line("o6", "c2", "T1", Open),
                line("o7", "c3", "M1", Open),
            ],
            shipments: vec![
                shipment("o1", "DHL", 12, "storm"),
                shipment("o2", "UPS", 9, "on time"),
                shipment("o3", "DHL", 15, "storm"),
                shipment("o4", "DHL", 8, "on time"),
                shipment("o5", "UPS", 13, "customs hold"),
            ],
        }
    }

    /// Imports every row in one committed import.
    pub fn import(&self, store: &mut dyn Store) -> ImportStats {
        let mut tx = store.begin_import().expect("begin import");
        for c in &self.customers {
            tx.put_customer(c).expect("put customer");
        }
        for p in &self.products {
            tx.put_product(p).expect("put product");
        }
        for l in &self.lines {
            tx.put_order_line(l).expect("put order line");
        }
        for s in &self.shipments {
            tx.put_shipment(s).expect("put shipment");
        }
        tx.commit().expect("commit import")
    }

    /// Every line as impact analysis sees it, whatever its status: the input of the oracle.
    pub fn impact_lines(&self) -> Vec<ImpactLine> {
        let categories: HashMap<&str, &str> = self
            .products
            .iter()
            .map(|p| (p.sku.as_str(), p.category.as_str()))
            .collect();
        let shipments: HashMap<&str, &Shipment> = self
            .shipments
            .iter()
            .map(|s| (s.order_id.as_str(), s))
            .collect();
        self.lines
            .iter()
            .map(|l| {
                let s = shipments.get(l.order_id.as_str());
                ImpactLine {
                    line: l.clone(),
                    category: categories
                        .get(l.sku.as_str())
                        .copied()
                        .unwrap_or_default()
                        .into(),
                    carrier: s.map(|s| s.carrier.clone()),
                    eta: s.map(|s| s.eta),
                }
            })
            .collect()
    }

    /// What impact analysis must produce for `disruption`: [`Scope::matches`]
    /// and [`impact::group_into_cases`] over all lines.
    pub fn oracle(&self, disruption: &NewDisruption) -> Vec<CaseDraft> {
        impact::group_into_cases(disruption, self.impact_lines())
    }
}

/// Stored cases as drafts (customer and lines), ordered by customer, to compare with the oracle.
pub fn as_drafts(cases: &[Case]) -> Vec<CaseDraft> {
    let mut drafts: Vec<CaseDraft> = cases
        .iter()
        .map(|c| CaseDraft {
            customer_id: c.customer_id.clone(),
            lines: c.lines.clone(),
        })
        .collect();
    drafts.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
    drafts
}

/// The (order, sku) pairs of drafts, sorted: a compact view for assertions.
pub fn line_keys(drafts: &[CaseDraft]) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = drafts
        .iter()
        .flat_map(|d| d.lines.iter().map(|l| (l.order_id.clone(), l.sku.clone())))
        .collect();
    keys.sort();
    keys
}
