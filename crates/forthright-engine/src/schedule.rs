//! Agent capacity turns the call queue into a schedule (P1, P3): each call gets
//! a slot that lies inside both an agent's shift (company time zone) and the
//! customer's call window (their time zone), in priority order.
//!
//! Customers in the same time zone share the same acceptable slots, so each
//! zone keeps a cursor that only moves forward: one pass over the slots per
//! zone plus one step per call, whatever the number of cases.

use crate::windows::Interval;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// The most agents the staffing estimate considers.
pub const MAX_AGENTS: u32 = 5_000;

/// Agent time slots and, per time zone, which of them a customer can take.
#[derive(Debug, Clone)]
pub struct SlotGrid {
    slots: Vec<Timestamp>,
    /// Per zone: indices into `slots` inside that zone's call windows, ascending.
    acceptable: Vec<Vec<u32>>,
}

/// One call's assigned slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assigned {
    /// When the call starts.
    pub at: Timestamp,
    /// Which agent (0-based) makes it.
    pub agent: u32,
}

impl SlotGrid {
    /// Cuts agent shifts into slots of `slot_len`, and finds for each zone the
    /// slots that fit entirely inside one of its receptive intervals.
    pub fn new(shifts: &[Interval], slot_len: SignedDuration, zones: &[Vec<Interval>]) -> Self {
        let mut slots = Vec::new();
        if slot_len > SignedDuration::ZERO {
            for &(s, e) in shifts {
                let mut t = s;
                while let Ok(end) = t.checked_add(slot_len) {
                    if end > e {
                        break;
                    }
                    slots.push(t);
                    t = end;
                }
            }
        }
        slots.sort_unstable();
        slots.dedup();
        let acceptable = zones
            .iter()
            .map(|intervals| {
                let mut out = Vec::new();
                let mut k = 0;
                for (i, &t) in slots.iter().enumerate() {
                    let Ok(end) = t.checked_add(slot_len) else {
                        continue;
                    };
                    while k < intervals.len() && intervals[k].1 < end {
                        k += 1;
                    }
                    if k == intervals.len() {
                        break;
                    }
                    if intervals[k].0 <= t {
                        out.push(i as u32);
                    }
                }
                out
            })
            .collect();
        SlotGrid { slots, acceptable }
    }

    /// The earliest slot a zone could ever take, whatever the staffing.
    pub fn earliest(&self, zone: usize) -> Option<Timestamp> {
        let first = *self.acceptable.get(zone)?.first()?;
        Some(self.slots[first as usize])
    }

    /// Assigns slots to calls in queue order; each call names its zone.
    /// A call with no free acceptable slot within the horizon gets `None`.
    pub fn assign(&self, zones_in_order: &[usize], agents: u32) -> Vec<Option<Assigned>> {
        let mut used = vec![0u32; self.slots.len()];
        let mut cursor = vec![0usize; self.acceptable.len()];
        zones_in_order
            .iter()
            .map(|&z| {
                let list = self.acceptable.get(z)?;
                let c = cursor.get_mut(z)?;
                while *c < list.len() && used[list[*c] as usize] >= agents {
                    *c += 1;
                }
                let slot = *list.get(*c)? as usize;
                let agent = used[slot];
                used[slot] += 1;
                Some(Assigned {
                    at: self.slots[slot],
                    agent,
                })
            })
            .collect()
    }

    /// The fewest agents (from `from` up to [`MAX_AGENTS`]) with which every call
    /// that could be reached by `deadline` at all is reached by then; `None` when
    /// even [`MAX_AGENTS`] is not enough.
    pub fn agents_needed(
        &self,
        zones_in_order: &[usize],
        from: u32,
        deadline: Timestamp,
    ) -> Option<u32> {
        let reachable: Vec<bool> = zones_in_order
            .iter()
            .map(|&z| self.earliest(z).is_some_and(|t| t <= deadline))
            .collect();
        let meets = |agents: u32| {
            self.assign(zones_in_order, agents)
                .iter()
                .zip(&reachable)
                .all(|(a, &r)| !r || a.is_some_and(|a| a.at <= deadline))
        };
        let mut lo = from.max(1);
        if meets(lo) {
            return Some(lo);
        }
        let mut hi = lo.saturating_mul(2).min(MAX_AGENTS);
        while !meets(hi) {
            if hi >= MAX_AGENTS {
                return None;
            }
            lo = hi;
            hi = hi.saturating_mul(2).min(MAX_AGENTS);
        }
        // Invariant: lo fails, hi meets.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if meets(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }
}

/// A nearest-rank percentile of sorted values.
pub fn percentile(sorted: &[i64], p: u32) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (sorted.len() * p as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64) -> Timestamp {
        Timestamp::from_second(1_750_000_000 + h * 3600).unwrap()
    }

    #[test]
    fn calls_fill_slots_in_order_within_each_zone_window() {
        // Shift 0h..4h, slots of 1h; zone 0 can take 0h..4h, zone 1 only 2h..3h.
        let grid = SlotGrid::new(
            &[(t(0), t(4))],
            SignedDuration::from_hours(1),
            &[vec![(t(0), t(4))], vec![(t(2), t(3))]],
        );
        let got = grid.assign(&[1, 0, 0, 0, 1, 0], 1);
        let at: Vec<Option<i64>> = got
            .iter()
            .map(|a| a.map(|a| (a.at.as_second() - t(0).as_second()) / 3600))
            .collect();
        // zone 1 takes 2h; zone 0 fills 0h, 1h, 3h; the second zone-1 call finds no slot.
        assert_eq!(at, [Some(2), Some(0), Some(1), Some(3), None, None]);
        let two = grid.assign(&[1, 0, 0, 0, 1, 0], 2);
        assert_eq!(two[4], Some(Assigned { at: t(2), agent: 1 }));
        assert_eq!(two[5].map(|a| a.agent), Some(1));
    }

    #[test]
    fn slots_must_fit_entirely_inside_a_window() {
        let grid = SlotGrid::new(
            &[(t(0), t(3))],
            SignedDuration::from_mins(60),
            &[vec![(
                t(0),
                Timestamp::from_second(t(1).as_second() + 1800).unwrap(),
            )]],
        );
        // Only the first hour fits; the 1h-2h slot overruns the window by half an hour.
        assert_eq!(grid.assign(&[0, 0], 1).iter().flatten().count(), 1);
    }

    #[test]
    fn staffing_estimate_is_the_fewest_agents_that_meet_the_deadline() {
        let grid = SlotGrid::new(
            &[(t(0), t(10))],
            SignedDuration::from_mins(10),
            &[vec![(t(0), t(10))], vec![(t(20), t(30))]],
        );
        // 60 calls by hour 2 with 12 slots/agent -> 5 agents; zone 1 can never
        // make it and does not count against the estimate.
        let mut calls = vec![0usize; 60];
        calls.push(1);
        assert_eq!(grid.agents_needed(&calls, 1, t(2)), Some(5));
        assert_eq!(grid.agents_needed(&calls, 7, t(2)), Some(7));
        assert_eq!(grid.agents_needed(&[0; 10], 1, t(0)), Some(10));
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<i64> = (1..=20).collect();
        assert_eq!(percentile(&v, 50), Some(10));
        assert_eq!(percentile(&v, 95), Some(19));
        assert_eq!(percentile(&[7], 95), Some(7));
        assert_eq!(percentile(&[], 50), None);
    }
}
