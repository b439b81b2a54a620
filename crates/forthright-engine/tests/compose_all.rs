//! Every built-in template, for every kind and channel of the sample world,
//! composes a message the checker finds nothing in.

use forthright_core::{Channel, DisruptionKind};
use forthright_engine::compose::Composer;
use forthright_engine::goodwill::GoodwillPolicy;
use forthright_engine::{PlanConfig, sample};
use jiff::Timestamp;

#[test]
fn sample_world_composes_clean_messages_for_every_kind_and_channel() {
    let now: Timestamp = "2025-12-01T07:00Z".parse().unwrap();
    let composer = Composer::builtin().unwrap();
    let cfg = PlanConfig::default();
    let mut failures = Vec::new();
    for &kind in DisruptionKind::ALL {
        let world = sample::world(kind, now);
        let plan = world.plan(&cfg, &GoodwillPolicy::builtin(), now);
        for p in &plan.plans {
            let input = world.compose_input(p, &cfg, now).unwrap();
            for &channel in Channel::ALL {
                let m = composer.compose(&input, channel).unwrap();
                if !m.ready {
                    let rules: Vec<String> = m
                        .findings
                        .iter()
                        .map(|f| {
                            format!(
                                "{} {:?} {}",
                                f.rule,
                                &m.body.get(f.span.start..f.span.end),
                                f.message
                            )
                        })
                        .collect();
                    failures.push(format!(
                        "--- {kind} {channel} case {}\n{}{}\n{:#?}",
                        p.case_id,
                        m.subject
                            .map(|s| format!("Subject: {s}\n"))
                            .unwrap_or_default(),
                        m.body,
                        rules
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} messages with findings:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
