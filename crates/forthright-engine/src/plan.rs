//! The outreach plan of every case of a disruption (P1, P2, P3, P8, P10, P13,
//! P14): priority, channel, when, options, goodwill and a plan of action, plus
//! the schedule summary of the whole disruption. Pure: the caller gathers the
//! input from the store.

use crate::alternatives::{self, Alternative, Catalogue, SubstituteCache};
use crate::channel::{self, ChannelChoice};
use crate::config::PlanConfig;
use crate::goodwill::{Budget, GoodwillFacts, GoodwillOffer, GoodwillPolicy};
use crate::priority::{self, Priority};
use crate::schedule::{self, SlotGrid};
use crate::windows::{self, Receptive};
use forthright_core::{
    Case, CaseId, Channel, Customer, Disruption, DisruptionId, DisruptionKind, Money,
};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What we know of a customer's past that changes how we treat this case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerHistory {
    /// Other disruptions that hit this customer in the last 180 days (P10).
    pub disruptions_last_180_days: u32,
    /// The customer already contacted us about this disruption (P1: we lost the race).
    pub contacted_us: bool,
    /// Call attempts on this case that did not reach the customer (P2).
    pub failed_call_attempts: u32,
}

/// One case with its customer and history.
#[derive(Debug, Clone, Copy)]
pub struct CaseInput<'a> {
    /// The case.
    pub case: &'a Case,
    /// Its customer.
    pub customer: &'a Customer,
    /// Their history.
    pub history: CustomerHistory,
}

/// Everything the planner needs for one disruption.
#[derive(Debug, Clone, Copy)]
pub struct PlanningInput<'a> {
    /// The disruption.
    pub disruption: &'a Disruption,
    /// Its open cases.
    pub cases: &'a [CaseInput<'a>],
    /// Products that may be named or offered.
    pub catalogue: &'a Catalogue,
    /// Configuration.
    pub config: &'a PlanConfig,
    /// Goodwill policy.
    pub goodwill: &'a GoodwillPolicy,
    /// The planning instant.
    pub now: Timestamp,
}

/// Why a follow-up is planned (P14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpReason {
    /// The steady status-update cadence.
    Cadence,
    /// The new date has come: confirm it is kept.
    NewDate,
}

/// A durable, scheduled next contact (P14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// The date, in the customer's time zone.
    pub due: Date,
    /// Why.
    pub reason: FollowUpReason,
}

/// Who does what next, by when (P13).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPlan {
    /// Who owns the case.
    pub owner: String,
    /// What happens next.
    pub next_step: String,
    /// By when.
    pub next_step_by: Option<Timestamp>,
    /// Status updates until resolution, in order.
    pub follow_ups: Vec<FollowUp>,
}

/// The outreach plan of one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutreachPlan {
    /// The case.
    pub case_id: CaseId,
    /// Its disruption.
    pub disruption_id: DisruptionId,
    /// Its customer.
    pub customer_id: String,
    /// 1-based place in the queue.
    pub rank: usize,
    /// Why it is there (P1, P10).
    pub priority: Priority,
    /// How it will be reached (P2).
    pub channel: ChannelChoice,
    /// Projected first contact (P3); `None` for review cases or beyond the horizon.
    pub contact_at: Option<Timestamp>,
    /// The agent (1-based) who calls, for calls.
    pub agent: Option<u32>,
    /// Seconds from when we knew to projected first contact (P1).
    pub time_to_first_contact_secs: Option<i64>,
    /// The options (P8).
    pub alternatives: Vec<Alternative>,
    /// The goodwill proposed, and why (P10).
    pub goodwill: Option<GoodwillOffer>,
    /// The plan of action (P13, P14).
    pub action: ActionPlan,
}

/// How the team's capacity meets the target (P1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScheduleSummary {
    /// Cases planned.
    pub cases: usize,
    /// Cases reached by a call.
    pub calls: usize,
    /// Cases reached in writing.
    pub written: usize,
    /// Cases listed for a person to review instead (do-not-contact, unreachable).
    pub review: usize,
    /// Contactable cases with no slot within the planning horizon.
    pub unscheduled: usize,
    /// Median time to first contact, in seconds.
    pub p50_secs: Option<i64>,
    /// 95th percentile time to first contact, in seconds.
    pub p95_secs: Option<i64>,
    /// The target, in seconds.
    pub target_secs: i64,
    /// Every contactable case is reached within the target.
    pub target_met: bool,
    /// Agents configured.
    pub agents: u32,
    /// Fewest agents that would reach every case that can be reached within the target;
    /// `None` when the target is met, or when no staffing up to the limit would do.
    pub agents_needed: Option<u32>,
    /// Cases whose first receptive window opens after the target whatever the staffing.
    pub beyond_target_by_window: usize,
    /// What a person should know, when the target is not met.
    pub warning: Option<String>,
}

/// The plans of one disruption, in queue order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisruptionPlan {
    /// The disruption.
    pub disruption_id: DisruptionId,
    /// Its kind.
    pub kind: DisruptionKind,
    /// When the plan was made.
    pub planned_at: Timestamp,
    /// One plan per case, first to contact first.
    pub plans: Vec<OutreachPlan>,
    /// Schedule and target.
    pub schedule: ScheduleSummary,
    /// Goodwill budget of the disruption.
    pub goodwill_budget: Money,
    /// Goodwill proposed in total.
    pub goodwill_proposed: Money,
}

impl DisruptionPlan {
    /// Cases a person must review instead of outreach.
    pub fn review(&self) -> impl Iterator<Item = &OutreachPlan> {
        self.plans.iter().filter(|p| p.channel.needs_review())
    }
}

/// A time zone by name, falling back to `fallback` when unknown.
pub fn zone(name: &str, fallback: &TimeZone) -> TimeZone {
    TimeZone::get(name).unwrap_or_else(|_| fallback.clone())
}

/// Plans every case of a disruption.
pub fn plan_disruption(input: &PlanningInput<'_>) -> DisruptionPlan {
    let cfg = input.config;
    let d = &input.disruption.details;
    let company_tz = zone(&cfg.company.timezone, &TimeZone::UTC);
    let now = input.now;
    let horizon = SignedDuration::from_hours(24 * i64::from(cfg.windows.horizon_days.max(1)));
    let until = now.checked_add(horizon).unwrap_or(now);
    let holidays = &cfg.company.holidays;

    // Priority, channel, options and goodwill per case, then queue order.
    let mut cache = SubstituteCache::new();
    let mut drafts: Vec<(usize, Priority, ChannelChoice)> = input
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = priority::score(c.case, c.customer.tier, &c.history, &cfg.priority);
            let ch = channel::choose(c.customer, &c.history, &cfg.channel);
            (i, p, ch)
        })
        .collect();
    drafts.sort_by(|a, b| {
        let (ca, cb) = (input.cases[a.0].case, input.cases[b.0].case);
        b.1.score
            .cmp(&a.1.score)
            .then(ca.promised_at().cmp(&cb.promised_at()))
            .then(ca.id.cmp(&cb.id))
    });

    // Time zones: one index per distinct zone name.
    let mut zone_index: HashMap<&str, usize> = HashMap::new();
    let mut zones: Vec<TimeZone> = Vec::new();
    let zone_of: Vec<usize> = input
        .cases
        .iter()
        .map(|c| {
            *zone_index
                .entry(c.customer.timezone.as_str())
                .or_insert_with(|| {
                    zones.push(zone(&c.customer.timezone, &company_tz));
                    zones.len() - 1
                })
        })
        .collect();

    // The call schedule (P3): agent shifts in the company zone, call windows per customer zone.
    let phone = Receptive {
        windows: &cfg.windows.phone,
        quiet: cfg.windows.quiet,
        holidays,
    };
    let shifts = Receptive {
        windows: &cfg.capacity.shifts,
        quiet: None,
        holidays,
    }
    .intervals(&company_tz, now, until);
    let slot_len = SignedDuration::from_secs(3600 / i64::from(cfg.capacity.calls_per_hour.max(1)));
    let zone_windows: Vec<_> = zones
        .iter()
        .map(|tz| phone.intervals(tz, now, until))
        .collect();
    let grid = SlotGrid::new(&shifts, slot_len, &zone_windows);
    let call_zones: Vec<usize> = drafts
        .iter()
        .filter(|(_, _, ch)| ch.channel == Some(Channel::Phone))
        .map(|(i, _, _)| zone_of[*i])
        .collect();
    let agents = cfg.capacity.agents.max(1);
    let mut assigned = grid.assign(&call_zones, agents).into_iter();

    // Written channels go out at the next receptive moment, cached per zone.
    let mut written_at: HashMap<(usize, Channel), Option<Timestamp>> = HashMap::new();
    let known = d.known_since;
    let mut budget = Budget::new(input.goodwill.budget_per_disruption);
    let mut plans = Vec::with_capacity(drafts.len());
    for (rank, (i, priority, choice)) in drafts.into_iter().enumerate() {
        let c = &input.cases[i];
        let tz = &zones[zone_of[i]];
        let (contact_at, agent) = match choice.channel {
            Some(Channel::Phone) => match assigned.next().flatten() {
                Some(a) => (Some(a.at), Some(a.agent + 1)),
                None => (None, None),
            },
            Some(ch) => {
                let at = *written_at.entry((zone_of[i], ch)).or_insert_with(|| {
                    let windows = match ch {
                        Channel::Sms => &cfg.windows.sms,
                        Channel::Email => &cfg.windows.email,
                        Channel::Phone | Channel::Voicemail => &cfg.windows.phone,
                    };
                    Receptive {
                        windows,
                        quiet: cfg.windows.quiet,
                        holidays,
                    }
                    .next_open(tz, now, cfg.windows.horizon_days)
                });
                (at, None)
            }
            None => (None, None),
        };
        let alternatives =
            alternatives::for_case(c.case, d, input.catalogue, &cfg.substitutes, &mut cache);
        let goodwill = input
            .goodwill
            .propose(&GoodwillFacts {
                kind: d.kind,
                tier: c.customer.tier,
                prepaid: c.case.prepaid(),
                days_late: c.case.days_late(),
                repeats: c.history.disruptions_last_180_days,
                value: c.case.value(),
            })
            .map(|offer| budget.draw(offer));
        let action = action_plan(c, &choice, contact_at, agent, d.new_date, tz, input);
        plans.push(OutreachPlan {
            case_id: c.case.id,
            disruption_id: input.disruption.id,
            customer_id: c.customer.id.clone(),
            rank: rank + 1,
            priority,
            channel: choice,
            contact_at,
            agent,
            time_to_first_contact_secs: contact_at
                .map(|t| t.duration_since(known).as_secs().max(0)),
            alternatives,
            goodwill,
            action,
        });
    }
    let schedule = summarise(&plans, &grid, &call_zones, agents, known, cfg);
    DisruptionPlan {
        disruption_id: input.disruption.id,
        kind: d.kind,
        planned_at: now,
        plans,
        schedule,
        goodwill_budget: input.goodwill.budget_per_disruption,
        goodwill_proposed: budget.spent(),
    }
}

fn action_plan(
    c: &CaseInput<'_>,
    choice: &ChannelChoice,
    contact_at: Option<Timestamp>,
    agent: Option<u32>,
    new_date: Option<Timestamp>,
    tz: &TimeZone,
    input: &PlanningInput<'_>,
) -> ActionPlan {
    let company = &input.config.company;
    let (owner, next_step) = match (choice.channel, agent) {
        (None, _) => (
            company.supervisor.clone(),
            format!("review the case: {}", choice.reason),
        ),
        (Some(Channel::Phone), Some(a)) => (
            format!("agent {a}"),
            "call the customer, tell them, agree an option".to_string(),
        ),
        (Some(Channel::Phone), None) => (
            company.outreach_team.clone(),
            "call the customer, tell them, agree an option (no slot within the horizon: add capacity)".to_string(),
        ),
        (Some(ch), _) => (
            company.outreach_team.clone(),
            format!("send the {ch} message, then call back when the customer answers"),
        ),
    };
    let next_step_by = match choice.channel {
        None => input
            .now
            .checked_add(SignedDuration::from_hours(i64::from(
                input.config.capacity.target_hours,
            )))
            .ok(),
        Some(_) => contact_at,
    };
    // P14: every N business days after first contact, and on the new date.
    let mut follow_ups = Vec::new();
    if choice.channel.is_some() && c.case.state.is_open() {
        let start = tz.to_datetime(contact_at.unwrap_or(input.now)).date();
        let line_date = c.case.lines.iter().filter_map(|l| l.expected_at).max();
        let new_day = line_date.or(new_date).map(|t| tz.to_datetime(t).date());
        let policy = &input.config.follow_up;
        let mut due = start;
        while follow_ups.len() < policy.max_planned && policy.every_business_days > 0 {
            due = windows::add_business_days(due, policy.every_business_days, &company.holidays);
            if new_day.is_some_and(|n| due >= n) {
                break;
            }
            follow_ups.push(FollowUp {
                due,
                reason: FollowUpReason::Cadence,
            });
        }
        if let Some(n) = new_day.filter(|n| *n > start) {
            follow_ups.push(FollowUp {
                due: n,
                reason: FollowUpReason::NewDate,
            });
        }
    }
    ActionPlan {
        owner,
        next_step,
        next_step_by,
        follow_ups,
    }
}

fn summarise(
    plans: &[OutreachPlan],
    grid: &SlotGrid,
    call_zones: &[usize],
    agents: u32,
    known: Timestamp,
    cfg: &PlanConfig,
) -> ScheduleSummary {
    let target_secs = i64::from(cfg.capacity.target_hours) * 3600;
    let deadline = known
        .checked_add(SignedDuration::from_secs(target_secs))
        .unwrap_or(known);
    let calls = plans
        .iter()
        .filter(|p| p.channel.channel == Some(Channel::Phone))
        .count();
    let review = plans.iter().filter(|p| p.channel.needs_review()).count();
    let written = plans.len() - calls - review;
    let unscheduled = plans
        .iter()
        .filter(|p| !p.channel.needs_review() && p.contact_at.is_none())
        .count();
    let mut ttfc: Vec<i64> = plans
        .iter()
        .filter_map(|p| p.time_to_first_contact_secs)
        .collect();
    ttfc.sort_unstable();
    let target_met = unscheduled == 0 && ttfc.last().is_none_or(|&t| t <= target_secs);
    let beyond_target_by_window = call_zones
        .iter()
        .filter(|&&z| grid.earliest(z).is_none_or(|t| t > deadline))
        .count()
        + plans
            .iter()
            .filter(|p| {
                p.channel.channel.is_some_and(|c| c != Channel::Phone)
                    && p.time_to_first_contact_secs.is_none_or(|t| t > target_secs)
            })
            .count();
    let mut agents_needed = None;
    let mut warning = None;
    if !target_met {
        let hours = cfg.capacity.target_hours;
        let late = plans
            .iter()
            .filter(|p| !p.channel.needs_review())
            .filter(|p| p.time_to_first_contact_secs.is_none_or(|t| t > target_secs))
            .count();
        let mut parts = vec![format!(
            "target not met: {late} of {} customers would hear from us later than {hours} h after we knew",
            calls + written
        )];
        if grid
            .assign(call_zones, agents)
            .iter()
            .zip(call_zones)
            .any(|(a, &z)| {
                grid.earliest(z).is_some_and(|e| e <= deadline) && a.is_none_or(|a| a.at > deadline)
            })
        {
            agents_needed = grid.agents_needed(call_zones, agents, deadline);
            parts.push(match agents_needed {
                Some(n) => format!(
                    "{n} agents needed to reach everyone reachable within {hours} h (now {agents})"
                ),
                None => format!(
                    "even {} agents would not reach everyone within {hours} h",
                    schedule::MAX_AGENTS
                ),
            });
        }
        if unscheduled > 0 {
            parts.push(format!(
                "{unscheduled} customers have no call slot within {} days: no agent shift overlaps their call window",
                cfg.windows.horizon_days
            ));
        }
        if beyond_target_by_window > 0 {
            parts.push(format!(
                "{beyond_target_by_window} customers cannot be reached within {hours} h whatever the staffing: their first receptive window opens later"
            ));
        }
        warning = Some(parts.join("; "));
    }
    ScheduleSummary {
        cases: plans.len(),
        calls,
        written,
        review,
        unscheduled,
        p50_secs: schedule::percentile(&ttfc, 50),
        p95_secs: schedule::percentile(&ttfc, 95),
        target_secs,
        target_met,
        agents,
        agents_needed,
        beyond_target_by_window,
        warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;
    use forthright_core::DisruptionKind;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn plan(world: &sample::SampleWorld, cfg: &PlanConfig, now: Timestamp) -> DisruptionPlan {
        let inputs = world.inputs();
        plan_disruption(&PlanningInput {
            disruption: &world.disruption,
            cases: &inputs,
            catalogue: &world.catalogue,
            config: cfg,
            goodwill: &GoodwillPolicy::builtin(),
            now,
        })
    }

    #[test]
    fn queue_orders_by_priority_and_explains_it() {
        // Monday 1 December 2025, 07:00 UTC.
        let now = ts("2025-12-01T07:00Z");
        let world = sample::world(DisruptionKind::Backorder, now);
        let p = plan(&world, &PlanConfig::default(), now);
        let order: Vec<&str> = p.plans.iter().map(|p| p.customer_id.as_str()).collect();
        // c3 chased us (25) and paid; c4 is platinum and paid: 80 against 70.
        assert_eq!(order, ["c3", "c4", "c1", "c2", "c5"]);
        assert_eq!(p.plans[0].rank, 1);
        assert_eq!(
            (p.plans[0].priority.score, p.plans[1].priority.score),
            (80, 70)
        );
        let top: Vec<&str> = p.plans[0]
            .priority
            .reasons
            .iter()
            .map(|r| r.factor.as_str())
            .collect();
        assert_eq!(top, ["prepaid", "tier", "late", "contacted_us"]);
        // Channels (P2): email (no phone), phone, phone, SMS (preferred), review (do not contact).
        let channels: Vec<Option<Channel>> = p.plans.iter().map(|p| p.channel.channel).collect();
        assert_eq!(
            channels,
            [
                Some(Channel::Email),
                Some(Channel::Phone),
                Some(Channel::Phone),
                Some(Channel::Sms),
                None
            ]
        );
        assert_eq!(p.review().count(), 1);
        assert_eq!(p.plans[4].action.owner, "customer care supervisor");
        assert!(p.plans[4].contact_at.is_none() && p.plans[4].action.follow_ups.is_empty());
    }

    #[test]
    fn contact_times_fall_in_each_customers_own_window() {
        let now = ts("2025-12-01T07:00Z");
        let world = sample::world(DisruptionKind::Backorder, now);
        let mut cfg = PlanConfig::default();
        cfg.company.timezone = "Europe/Berlin".into();
        let p = plan(&world, &cfg, now);
        let plan_of = |id: &str| p.plans.iter().find(|p| p.customer_id == id).unwrap();
        let at = |id: &str| {
            let tz = TimeZone::get(
                &world
                    .customers
                    .iter()
                    .find(|c| c.id == id)
                    .unwrap()
                    .timezone,
            )
            .unwrap();
            tz.to_datetime(plan_of(id).contact_at.unwrap()).to_string()
        };
        // Berlin: 09:30 local; shifts 08:00-18:00 Berlin time.
        assert_eq!(at("c1"), "2025-12-01T09:30:00");
        // Los Angeles call windows (17:30-01:00 Berlin) never overlap a Berlin shift:
        // no slot, and the summary says so rather than calling at a bad hour (P3).
        assert_eq!(plan_of("c4").contact_at, None);
        assert_eq!(p.schedule.unscheduled, 1);
        assert!(
            p.schedule
                .warning
                .as_deref()
                .unwrap()
                .contains("no call slot")
        );
        // Tokyo email arrives 08:00-10:00 Tokyo time: Tuesday 08:00 (Monday 16:00 Tokyo is past).
        assert_eq!(at("c3"), "2025-12-02T08:00:00");
        // New York SMS 09:00-19:00: Monday 09:00.
        assert_eq!(at("c2"), "2025-12-01T09:00:00");
    }

    #[test]
    fn follow_ups_every_three_business_days_and_on_the_new_date() {
        let now = ts("2025-12-01T07:00Z");
        let world = sample::world(DisruptionKind::Backorder, now);
        let p = plan(&world, &PlanConfig::default(), now);
        let c1 = p.plans.iter().find(|p| p.customer_id == "c1").unwrap();
        let dues: Vec<String> = c1
            .action
            .follow_ups
            .iter()
            .map(|f| format!("{} {:?}", f.due, f.reason))
            .collect();
        // First contact Monday 1 December; new date 13 December (Saturday).
        assert_eq!(
            dues,
            [
                "2025-12-04 Cadence",
                "2025-12-09 Cadence",
                "2025-12-12 Cadence",
                "2025-12-13 NewDate"
            ]
        );
        assert!(c1.goodwill.as_ref().is_some_and(|g| g.amount > Money::ZERO));
    }

    #[test]
    fn too_few_agents_gives_a_warning_with_the_number_needed() {
        let now = ts("2025-12-01T07:00Z");
        let base = sample::world(DisruptionKind::Delay, now);
        let mut world = base.clone();
        world.cases.clear();
        world.customers.clear();
        world.histories.clear();
        for i in 0..400 {
            let mut case = base.cases[0].clone();
            case.id = i + 1;
            let mut customer = base.customers[0].clone();
            customer.id = format!("c{i}");
            case.customer_id = customer.id.clone();
            world.cases.push(case);
            world.customers.push(customer);
            world.histories.push(CustomerHistory::default());
        }
        let mut cfg = PlanConfig::default();
        cfg.company.timezone = "Europe/Berlin".into();
        cfg.capacity.agents = 2;
        let p = plan(&world, &cfg, now);
        let s = &p.schedule;
        assert_eq!(s.calls, 400);
        assert!(!s.target_met);
        // Monday has 5 h of Berlin call windows inside the shift: 30 calls per agent.
        assert_eq!(s.agents_needed, Some(14));
        let warning = s.warning.as_deref().unwrap();
        assert!(warning.contains("14 agents needed"), "{warning}");
        assert!(s.p95_secs.unwrap() > s.target_secs);
        cfg.capacity.agents = 14;
        let p = plan(&world, &cfg, now);
        assert!(p.schedule.target_met, "{:?}", p.schedule);
        assert_eq!(p.schedule.warning, None);
        let agents: std::collections::HashSet<u32> =
            p.plans.iter().filter_map(|p| p.agent).collect();
        assert_eq!(agents.len(), 14);
    }

    #[test]
    fn friday_evening_news_cannot_meet_the_target_whatever_the_staffing() {
        // Friday 5 December 2025, 18:00 UTC: the next Berlin call window is Monday.
        let now = ts("2025-12-05T18:00Z");
        let mut world = sample::world(DisruptionKind::Delay, now);
        world.cases.truncate(1);
        world.customers.truncate(1);
        world.histories.truncate(1);
        let p = plan(&world, &PlanConfig::default(), now);
        let s = &p.schedule;
        assert!(!s.target_met);
        assert_eq!(s.beyond_target_by_window, 1);
        assert_eq!(s.agents_needed, None, "more agents would not help");
        assert!(
            s.warning
                .as_deref()
                .unwrap()
                .contains("whatever the staffing")
        );
    }
}
