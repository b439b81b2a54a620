//! Property: every built-in template composes, for any generated case of any
//! kind, channel and option set, a message the checker finds nothing in
//! (P4..P7, P11, P2).

use forthright_core::{
    Case, CaseLine, CaseState, Channel, Customer, Disruption, DisruptionKind, DisruptionState,
    Money, NewDisruption, Origin, Scope, Tier,
};
use forthright_engine::compose::{ComposeInput, Composer};
use forthright_engine::goodwill::GoodwillPolicy;
use forthright_engine::plan::CustomerHistory;
use forthright_engine::{CaseInput, PlanConfig, PlanningInput, plan_disruption, sample};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use std::sync::OnceLock;

const ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/Los_Angeles",
    "UTC",
];
const SKUS: &[&str] = &["KT-100", "KT-200", "KT-050", "TS-300"];
const NAMES: &[&str] = &[
    "Ada Lindqvist",
    "Ben",
    "Chiara Rossi-Bianchi",
    "O'Neil Dara",
    "",
];
const COMPANIES: &[&str] = &["Harbour Home", "Bits & Bolts Ltd", "our shop"];

fn composer() -> &'static Composer {
    static C: OnceLock<Composer> = OnceLock::new();
    C.get_or_init(|| Composer::builtin().unwrap())
}

#[derive(Debug, Clone)]
struct Generated {
    kind: DisruptionKind,
    now_secs: i64,
    zone: usize,
    name: usize,
    company: usize,
    phone: bool,
    email: bool,
    preferred: Option<Channel>,
    tier: Tier,
    new_date_days: Option<i64>,
    promised_days: i64,
    lines: Vec<(usize, i64, bool, i64)>,
    history: (u32, bool, u32),
    honour: bool,
    discount: bool,
}

fn generated() -> impl Strategy<Value = Generated> {
    (
        (
            prop::sample::select(DisruptionKind::ALL.to_vec()),
            // Any moment across 2025-2027, DST changes included.
            1_735_689_600i64..1_830_297_600,
            0..ZONES.len(),
            0..NAMES.len(),
            0..COMPANIES.len(),
            any::<bool>(),
            any::<bool>(),
            prop::option::of(prop::sample::select(vec![
                Channel::Phone,
                Channel::Email,
                Channel::Sms,
            ])),
        ),
        (
            prop::sample::select(Tier::ALL.to_vec()),
            prop::option::of(1i64..90),
            0i64..20,
            prop::collection::vec(
                (0..SKUS.len(), 1i64..4, any::<bool>(), 100i64..200_000),
                1..4,
            ),
            (0u32..4, any::<bool>(), 0u32..4),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(|(a, b)| Generated {
            kind: a.0,
            now_secs: a.1,
            zone: a.2,
            name: a.3,
            company: a.4,
            phone: a.5,
            email: a.6,
            preferred: a.7,
            tier: b.0,
            new_date_days: b.1,
            promised_days: b.2,
            lines: b.3,
            history: b.4,
            honour: b.5,
            discount: b.6,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn built_in_templates_compose_clean_messages(g in generated()) {
        let now = Timestamp::from_second(g.now_secs).unwrap();
        let day = |d: i64| now.checked_add(SignedDuration::from_hours(24 * d)).unwrap();
        let new_date = g.new_date_days.map(|d| day(g.promised_days + d));
        let disruption = Disruption {
            id: 9,
            state: DisruptionState::Open,
            details: NewDisruption {
                kind: g.kind,
                scope: Scope { skus: vec!["KT-100".into()], ..Scope::default() },
                reason: sample::reason(g.kind).into(),
                new_date,
                amount: matches!(g.kind, DisruptionKind::BillingError | DisruptionKind::PriceChange)
                    .then(|| Money::from_minor(1999)),
                known_since: now,
                origin: Origin::Declared,
                detection_key: None,
            },
        };
        let customer = Customer {
            id: "c".into(),
            name: NAMES[g.name].into(),
            email: g.email.then(|| "c@example.com".into()),
            phone: g.phone.then(|| "+1 555 0199".into()),
            timezone: ZONES[g.zone].into(),
            preferred_channel: g.preferred,
            tier: g.tier,
            do_not_contact: false,
        };
        let case = Case {
            id: 1,
            disruption_id: 9,
            customer_id: "c".into(),
            state: CaseState::Detected,
            lines: g.lines.iter().enumerate().map(|(i, &(sku, quantity, paid, unit))| CaseLine {
                order_id: format!("{}", 5000 + i % 2),
                sku: SKUS[sku].into(),
                quantity,
                value: Money::from_minor(unit * quantity),
                paid,
                promised_at: day(g.promised_days),
                expected_at: new_date,
            }).collect(),
            opened_at: now,
        };
        let mut cfg = PlanConfig::default();
        cfg.company.name = COMPANIES[g.company].into();
        cfg.substitutes.honour_original_price = g.honour;
        let mut goodwill = GoodwillPolicy::builtin();
        if g.discount {
            goodwill.form = forthright_engine::goodwill::GoodwillForm::Discount;
        }
        let catalogue = sample::catalogue();
        let inputs = [CaseInput {
            case: &case,
            customer: &customer,
            history: CustomerHistory {
                disruptions_last_180_days: g.history.0,
                contacted_us: g.history.1,
                failed_call_attempts: g.history.2,
            },
        }];
        let plan = plan_disruption(&PlanningInput {
            disruption: &disruption,
            cases: &inputs,
            catalogue: &catalogue,
            config: &cfg,
            goodwill: &goodwill,
            now,
        });
        let p = &plan.plans[0];
        for &channel in Channel::ALL {
            let m = composer().compose(&ComposeInput {
                plan: p,
                case: &case,
                customer: &customer,
                disruption: &disruption,
                catalogue: &catalogue,
                config: &cfg,
                now,
            }, channel).unwrap();
            let found: Vec<(&str, &str)> = m.findings.iter()
                .map(|f| (f.rule, m.body.get(f.span.start..f.span.end).unwrap_or("")))
                .collect();
            prop_assert!(m.ready, "{} {}: {:?}\n{}{}", g.kind, channel, found,
                m.subject.as_deref().map(|s| format!("Subject: {s}\n")).unwrap_or_default(), m.body);
        }
    }
}
