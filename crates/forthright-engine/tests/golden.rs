//! Golden texts of composed messages: one per channel for a backorder, and the
//! call script of every kind. A change to templates shows up here as a diff.

use forthright_core::{Channel, DisruptionKind};
use forthright_engine::compose::{Composer, Message};
use forthright_engine::goodwill::GoodwillPolicy;
use forthright_engine::{PlanConfig, sample};
use jiff::Timestamp;

fn compose(kind: DisruptionKind, customer: &str, channel: Channel) -> Message {
    let now: Timestamp = "2025-12-01T07:00Z".parse().unwrap();
    let mut cfg = PlanConfig::default();
    cfg.company.name = "Harbour Home".into();
    cfg.company.phone = "+49 30 1234 5678".into();
    cfg.company.currency = "EUR ".into();
    cfg.company.timezone = "Europe/Berlin".into();
    let world = sample::world(kind, now);
    let plan = world.plan(&cfg, &GoodwillPolicy::builtin(), now);
    let p = plan
        .plans
        .iter()
        .find(|p| p.customer_id == customer)
        .unwrap();
    Composer::builtin()
        .unwrap()
        .compose(&world.compose_input(p, &cfg, now).unwrap(), channel)
        .unwrap()
}

fn text(m: &Message) -> String {
    assert!(m.ready, "findings: {:#?}", m.findings);
    match &m.subject {
        Some(s) => format!("Subject: {s}\n\n{}", m.body),
        None => m.body.clone(),
    }
}

#[test]
fn backorder_in_every_channel() {
    // c4: platinum, two lines (kettle out of stock, toaster in stock), Los Angeles.
    for channel in Channel::ALL {
        let m = compose(DisruptionKind::Backorder, "c4", *channel);
        insta::assert_snapshot!(format!("backorder_{channel}"), text(&m));
    }
}

#[test]
fn call_script_of_every_kind() {
    for kind in DisruptionKind::ALL {
        let m = compose(*kind, "c1", Channel::Phone);
        insta::assert_snapshot!(format!("phone_{kind}"), text(&m));
    }
}

#[test]
fn sms_stays_within_two_segments_and_offers_a_call() {
    for kind in DisruptionKind::ALL {
        let m = compose(*kind, "c2", Channel::Sms);
        let body = m.body.trim_end();
        assert!(
            body.chars().count() <= 306,
            "{kind}: {} chars: {body}",
            body.chars().count()
        );
        assert!(body.contains("Call +49 30 1234 5678"), "{body}");
    }
}

#[test]
fn voicemail_keeps_details_private() {
    for kind in DisruptionKind::ALL {
        let m = compose(*kind, "c4", Channel::Voicemail);
        for private in ["1004", "kettle", "toaster", "EUR"] {
            assert!(
                !m.body.contains(private),
                "{kind}: {private:?} in {}",
                m.body
            );
        }
        assert!(
            m.body.contains("call us back on +49 30 1234 5678"),
            "{}",
            m.body
        );
    }
}
