//! Sample disruptions and cases for every kind: what `forthright templates
//! check` composes a company's templates against, and what tests and the
//! benchmark plan. Deterministic.

use crate::alternatives::Catalogue;
use crate::compose::ComposeInput;
use crate::config::PlanConfig;
use crate::goodwill::GoodwillPolicy;
use crate::plan::{
    CaseInput, CustomerHistory, DisruptionPlan, OutreachPlan, PlanningInput, plan_disruption,
};
use forthright_core::{
    Case, CaseLine, CaseState, Channel, Customer, Disruption, DisruptionKind, DisruptionState,
    Money, NewDisruption, Origin, Product, ProductStatus, Scope, Tier,
};
use jiff::{SignedDuration, Timestamp};

/// A small, complete world: one disruption, its cases, customers and catalogue.
#[derive(Debug, Clone)]
pub struct SampleWorld {
    /// The disruption.
    pub disruption: Disruption,
    /// Customers, one per case, same order.
    pub customers: Vec<Customer>,
    /// Cases.
    pub cases: Vec<Case>,
    /// Their histories, same order.
    pub histories: Vec<CustomerHistory>,
    /// Products.
    pub catalogue: Catalogue,
}

impl SampleWorld {
    /// The planner's view of the cases.
    pub fn inputs(&self) -> Vec<CaseInput<'_>> {
        self.cases
            .iter()
            .zip(&self.customers)
            .zip(&self.histories)
            .map(|((case, customer), history)| CaseInput {
                case,
                customer,
                history: *history,
            })
            .collect()
    }

    /// Plans every case of the world.
    pub fn plan(
        &self,
        config: &PlanConfig,
        goodwill: &GoodwillPolicy,
        now: Timestamp,
    ) -> DisruptionPlan {
        let inputs = self.inputs();
        plan_disruption(&PlanningInput {
            disruption: &self.disruption,
            cases: &inputs,
            catalogue: &self.catalogue,
            config,
            goodwill,
            now,
        })
    }

    /// What the composer needs for one planned case of this world; `None`
    /// when the plan is for a case the world does not hold.
    pub fn compose_input<'a>(
        &'a self,
        plan: &'a OutreachPlan,
        config: &'a PlanConfig,
        now: Timestamp,
    ) -> Option<ComposeInput<'a>> {
        let i = self.cases.iter().position(|c| c.id == plan.case_id)?;
        Some(ComposeInput {
            plan,
            case: &self.cases[i],
            customer: &self.customers[i],
            disruption: &self.disruption,
            catalogue: &self.catalogue,
            config,
            now,
        })
    }
}

/// An honest, customer-facing reason for each kind (P5).
pub fn reason(kind: DisruptionKind) -> &'static str {
    match kind {
        DisruptionKind::Backorder => "the factory that makes it closed for two weeks after a flood",
        DisruptionKind::OutOfStock => "demand was far higher than we planned for",
        DisruptionKind::Discontinued => "the maker stopped producing it after a safety recall",
        DisruptionKind::Delay => "a storm closed the road to our warehouse for three days",
        DisruptionKind::BillingError => "we applied last year's price list to your order",
        DisruptionKind::PriceChange => "the cost of the steel we use went up by a third this year",
        DisruptionKind::ServiceChange => "the data centre that runs it ends its contract with us",
        DisruptionKind::Outage => "a power cut at our data centre took the service offline",
    }
}

/// A product for samples.
pub fn product(
    sku: &str,
    name: &str,
    category: &str,
    price: i64,
    stock: i64,
    features: &[&str],
) -> Product {
    Product {
        sku: sku.into(),
        name: name.into(),
        category: category.into(),
        price: Money::from_minor(price),
        stock,
        features: features.iter().map(|f| (*f).to_string()).collect(),
        status: ProductStatus::Active,
    }
}

/// The sample catalogue: a kettle out of stock, two substitutes, a toaster in stock.
pub fn catalogue() -> Catalogue {
    Catalogue::new([
        product(
            "KT-100",
            "Harbour steel kettle",
            "kettles",
            4900,
            0,
            &["steel", "1.7 litres", "auto off", "blue"],
        ),
        product(
            "KT-200",
            "Harbour glass kettle",
            "kettles",
            5400,
            25,
            &["glass", "1.7 litres", "auto off", "blue"],
        ),
        product(
            "KT-050",
            "Compact steel kettle",
            "kettles",
            3900,
            40,
            &["steel", "1 litre", "auto off"],
        ),
        product(
            "TS-300",
            "Two-slice toaster",
            "toasters",
            3500,
            12,
            &["steel", "two slices"],
        ),
    ])
}

/// A sample customer.
pub fn customer(
    id: &str,
    name: &str,
    tz: &str,
    phone: bool,
    email: bool,
    preferred: Option<Channel>,
    tier: Tier,
) -> Customer {
    Customer {
        id: id.into(),
        name: name.into(),
        email: email.then(|| format!("{id}@example.com")),
        phone: phone.then(|| "+49 30 5555 0101".into()),
        timezone: tz.into(),
        preferred_channel: preferred,
        tier,
        do_not_contact: false,
    }
}

/// A sample world for one kind, known at `now`.
pub fn world(kind: DisruptionKind, now: Timestamp) -> SampleWorld {
    let day = |d: i64| {
        now.checked_add(SignedDuration::from_hours(24 * d))
            .unwrap_or(now)
    };
    let new_date = match kind {
        DisruptionKind::Discontinued | DisruptionKind::BillingError => None,
        _ => Some(day(12)),
    };
    let disruption = Disruption {
        id: 1,
        state: DisruptionState::Open,
        details: NewDisruption {
            kind,
            scope: Scope {
                skus: vec!["KT-100".into()],
                ..Scope::default()
            },
            reason: reason(kind).into(),
            new_date,
            amount: match kind {
                DisruptionKind::BillingError => Some(Money::from_minor(1250)),
                DisruptionKind::PriceChange => Some(Money::from_minor(400)),
                _ => None,
            },
            known_since: now,
            origin: Origin::Declared,
            detection_key: None,
        },
    };
    let mut dnc = customer(
        "c5",
        "Dana Cruz",
        "Europe/Madrid",
        true,
        true,
        None,
        Tier::Standard,
    );
    dnc.do_not_contact = true;
    let customers = vec![
        customer(
            "c1",
            "Ada Lindqvist",
            "Europe/Berlin",
            true,
            true,
            None,
            Tier::Gold,
        ),
        customer(
            "c2",
            "Ben Okafor",
            "America/New_York",
            true,
            true,
            Some(Channel::Sms),
            Tier::Standard,
        ),
        customer(
            "c3",
            "Chiara Rossi",
            "Asia/Tokyo",
            false,
            true,
            None,
            Tier::Silver,
        ),
        customer(
            "c4",
            "Dev Patel",
            "America/Los_Angeles",
            true,
            true,
            None,
            Tier::Platinum,
        ),
        dnc,
    ];
    let line = |order: &str, sku: &str, quantity: i64, unit: i64, paid: bool| CaseLine {
        order_id: order.into(),
        sku: sku.into(),
        quantity,
        value: Money::from_minor(unit * quantity),
        paid,
        promised_at: day(2),
        expected_at: new_date,
    };
    let cases: Vec<Case> = [
        vec![line("1001", "KT-100", 1, 4900, true)],
        vec![line("1002", "KT-100", 2, 4900, false)],
        vec![line("1003", "KT-100", 1, 4900, true)],
        vec![
            line("1004", "KT-100", 1, 4900, true),
            line("1004", "TS-300", 1, 3500, true),
        ],
        vec![line("1005", "KT-100", 1, 4900, false)],
    ]
    .into_iter()
    .enumerate()
    .map(|(i, lines)| Case {
        id: i as i64 + 1,
        disruption_id: 1,
        customer_id: customers[i].id.clone(),
        state: CaseState::Detected,
        lines,
        opened_at: now,
    })
    .collect();
    let histories = vec![
        CustomerHistory::default(),
        CustomerHistory {
            disruptions_last_180_days: 1,
            ..CustomerHistory::default()
        },
        CustomerHistory {
            contacted_us: true,
            ..CustomerHistory::default()
        },
        CustomerHistory {
            failed_call_attempts: 1,
            ..CustomerHistory::default()
        },
        CustomerHistory::default(),
    ];
    SampleWorld {
        disruption,
        customers,
        cases,
        histories,
        catalogue: catalogue(),
    }
}
