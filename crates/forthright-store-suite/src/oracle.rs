//! Property test: on random small shops and scopes, the store's impact
//! analysis equals the pure oracle ([`Scope::matches`] and
//! [`forthright_core::impact::group_into_cases`] over every line).

use crate::fixtures::{Shop, as_drafts, customer, day, declared, product, shipment};
use forthright_core::{DisruptionKind, LineStatus, Money, OrderLine, Scope};
use forthright_store::Store;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

const CUSTOMERS: usize = 4;
const SKUS: usize = 4;
const ORDERS: usize = 6;
const CATEGORIES: [&str; 2] = ["kettles", "toasters"];
const CARRIERS: [&str; 2] = ["DHL", "UPS"];

/// One generated shop and scope, in indices; ids get a per-case prefix so
/// every case lives beside the others in one store.
#[derive(Debug, Clone)]
struct Input {
    sku_category: Vec<usize>,
    /// (order, customer, sku, status, quantity, paid, promised day)
    lines: Vec<(usize, usize, usize, usize, i64, bool, i64)>,
    /// Per order: carrier and ETA day, if shipped information exists.
    shipments: Vec<Option<(usize, i64)>>,
    delay: bool,
    /// Per dimension (skus, orders, customers, categories, carriers): chosen indices.
    scope: [Vec<usize>; 5],
}

fn input() -> impl Strategy<Value = Input> {
    let dim = |n: usize| {
        prop_oneof![
            2 => Just(Vec::new()),
            1 => proptest::collection::vec(0..n + 1, 1..3),
        ]
    };
    (
        proptest::collection::vec(0..CATEGORIES.len(), SKUS),
        proptest::collection::vec(
            (
                0..ORDERS,
                0..CUSTOMERS,
                0..SKUS,
                0..4usize,
                1..4i64,
                any::<bool>(),
                8..12i64,
            ),
            0..14,
        ),
        proptest::collection::vec(proptest::option::of((0..CARRIERS.len(), 7..14i64)), ORDERS),
        any::<bool>(),
        [
            dim(SKUS),
            dim(ORDERS),
            dim(CUSTOMERS),
            dim(CATEGORIES.len()),
            dim(CARRIERS.len()),
        ],
    )
        .prop_map(|(sku_category, lines, shipments, delay, scope)| Input {
            sku_category,
            lines,
            shipments,
            delay,
            scope,
        })
}

impl Input {
    /// The shop and the scope, with every id prefixed. Index `n` (one past the
    /// last) in a scope names a value that exists nowhere.
    fn build(&self, prefix: &str) -> (Shop, Scope) {
        let id = |kind: &str, i: usize| format!("{prefix}{kind}{i}");
        let category = |i: usize| {
            CATEGORIES
                .get(i)
                .map_or_else(|| format!("{prefix}none"), |c| format!("{prefix}{c}"))
        };
        let carrier = |i: usize| {
            CARRIERS
                .get(i)
                .map_or_else(|| format!("{prefix}none"), |c| format!("{prefix}{c}"))
        };
        let mut shop = Shop {
            customers: (0..CUSTOMERS).map(|i| customer(&id("c", i))).collect(),
            products: self
                .sku_category
                .iter()
                .enumerate()
                .map(|(i, c)| product(&id("s", i), &category(*c), 1))
                .collect(),
            ..Shop::default()
        };
        // One line per (order, sku): the last generated wins, as in an import.
        let mut lines = BTreeMap::new();
        for &(o, c, s, status, quantity, paid, promised) in &self.lines {
            let line = OrderLine {
                order_id: id("o", o),
                customer_id: id("c", c),
                sku: id("s", s),
                quantity,
                unit_price: Money::from_minor(100 * (s as i64 + 1)),
                placed_at: day(0),
                promised_at: day(promised),
                paid,
                status: LineStatus::ALL[status],
            };
            lines.insert((o, s), line);
        }
        shop.lines = lines.into_values().collect();
        shop.shipments = self
            .shipments
            .iter()
            .enumerate()
            .filter_map(|(o, s)| {
                s.map(|(c, eta)| shipment(&id("o", o), &carrier(c), eta, "weather"))
            })
            .collect();
        let [skus, orders, customers, categories, carriers] = &self.scope;
        let mut scope = Scope {
            skus: skus.iter().map(|&i| id("s", i)).collect(),
            orders: orders.iter().map(|&i| id("o", i)).collect(),
            customers: customers.iter().map(|&i| id("c", i)).collect(),
            categories: categories.iter().map(|&i| category(i)).collect(),
            carriers: carriers.iter().map(|&i| carrier(i)).collect(),
        };
        if scope.is_empty() {
            scope.skus.push(id("s", 0));
        }
        (shop, scope)
    }
}

/// Random small shops and scopes: `run_impact` (twice) equals the pure oracle.
pub fn impact_matches_the_pure_oracle(store: &mut dyn Store) {
    let config = Config {
        cases: 40,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let store = RefCell::new(store);
    let counter = Cell::new(0u32);
    let fail = |e: forthright_store::StoreError| TestCaseError::fail(e.to_string());
    let result = runner.run(&input(), |input| {
        let n = counter.get();
        counter.set(n + 1);
        let (shop, scope) = input.build(&format!("p{n}-"));
        let mut store = store.borrow_mut();
        shop.import(&mut **store);
        let kind = if input.delay {
            DisruptionKind::Delay
        } else {
            DisruptionKind::Backorder
        };
        let new = declared(kind, scope);
        let d = store.create_disruption(&new).map_err(fail)?;
        let oracle = shop.oracle(&new);
        for run in 0..2 {
            let summary = store.run_impact(d.id, day(6 + run)).map_err(fail)?;
            let cases = store.cases(Some(d.id)).map_err(fail)?;
            prop_assert_eq!(&as_drafts(&cases), &oracle, "run {}", run);
            prop_assert_eq!(summary.affected_customers, oracle.len());
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
