//! A small, dense Aho-Corasick DFA for the checker's anchor words.
//!
//! The checker needs every (overlapping) occurrence of about 750 short anchor
//! words in the normalised text. A general-purpose automaton pays per byte
//! for its generic search loop (start/dead/match state checks behind a trait);
//! here the loop is one table lookup per byte: byte class, then the next state
//! with a match flag in its top bit. States are `u16` and the row stride is a
//! power of two, so the table stays small enough for the L2 cache and the
//! index is a shift and an add.
//!
//! Semantics are those of `aho_corasick` with `MatchKind::Standard` and
//! overlapping search: every occurrence of every pattern is reported (the
//! tests compare against that crate).

/// Flag in a transition: the target state has at least one pattern ending.
const MATCH: u16 = 0x8000;

/// A dense DFA over byte classes that reports every pattern occurrence.
#[derive(Debug, Clone)]
pub(crate) struct Dfa {
    /// Byte to class (class 0: bytes in no pattern).
    classes: [u8; 256],
    /// log2 of the row stride.
    shift: u32,
    /// `trans[(state << shift) | class]`: next state, `MATCH` if it matches.
    trans: Vec<u16>,
    /// Per state: range into `out` of the patterns ending there.
    out_range: Vec<(u32, u32)>,
    /// Pattern ids, grouped by state.
    out: Vec<u32>,
    /// Pattern lengths.
    lens: Vec<u32>,
}

impl Dfa {
    /// Builds the automaton; `None` when it would not fit `u16` states
    /// (the caller then falls back to a general automaton).
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Option<Dfa> {
        let mut classes = [0u8; 256];
        let mut n_classes = 1usize;
        for p in patterns {
            for &b in p.as_ref() {
                if classes[b as usize] == 0 {
                    classes[b as usize] = u8::try_from(n_classes).ok()?;
                    n_classes += 1;
                }
            }
        }
        let stride = n_classes.next_power_of_two();
        let shift = stride.trailing_zeros();
        // Trie with goto edges (0 = none; the root is state 0 and never a target).
        let mut goto: Vec<u32> = vec![0; stride];
        let mut own: Vec<Vec<u32>> = vec![Vec::new()];
        for (pid, p) in patterns.iter().enumerate() {
            let p = p.as_ref();
            if p.is_empty() {
                continue;
            }
            let mut s = 0usize;
            for &b in p {
                let c = classes[b as usize] as usize;
                let t = goto[s * stride + c];
                s = if t == 0 {
                    let n = own.len();
                    own.push(Vec::new());
                    goto.extend(std::iter::repeat_n(0, stride));
                    goto[s * stride + c] = n as u32;
                    n
                } else {
                    t as usize
                };
            }
            own[s].push(pid as u32);
        }
        let n_states = own.len();
        if n_states >= MATCH as usize {
            return None;
        }
        // Breadth-first: failure links, full transitions, inherited outputs.
        let mut fail = vec![0usize; n_states];
        let mut trans = vec![0u32; n_states * stride];
        let mut outs: Vec<Vec<u32>> = own;
        let mut queue = std::collections::VecDeque::new();
        for c in 0..stride {
            let t = goto[c] as usize;
            trans[c] = t as u32;
            if t != 0 {
                fail[t] = 0;
                queue.push_back(t);
            }
        }
        while let Some(s) = queue.pop_front() {
            let inherited = outs[fail[s]].clone();
            outs[s].extend(inherited);
            for c in 0..stride {
                let t = goto[s * stride + c] as usize;
                if t != 0 {
                    fail[t] = trans[fail[s] * stride + c] as usize;
                    trans[s * stride + c] = t as u32;
                    queue.push_back(t);
                } else {
                    trans[s * stride + c] = trans[fail[s] * stride + c];
                }
            }
        }
        let mut out_range = Vec::with_capacity(n_states);
        let mut out = Vec::new();
        for o in &outs {
            let a = out.len() as u32;
            out.extend_from_slice(o);
            out_range.push((a, out.len() as u32));
        }
        let trans = trans
            .into_iter()
            .map(|t| {
                let flag = if outs[t as usize].is_empty() {
                    0
                } else {
                    MATCH
                };
                t as u16 | flag
            })
            .collect();
        let lens = patterns.iter().map(|p| p.as_ref().len() as u32).collect();
        Some(Dfa {
            classes,
            shift,
            trans,
            out_range,
            out,
            lens,
        })
    }

    /// Calls `f(start, pattern)` for every occurrence of every pattern, in
    /// order of end position (patterns ending at the same byte: longest first).
    #[inline]
    pub fn for_each_match(&self, hay: &[u8], mut f: impl FnMut(usize, u32)) {
        let classes = &self.classes;
        let trans = self.trans.as_slice();
        let shift = self.shift;
        let mut s: usize = 0;
        for (i, &b) in hay.iter().enumerate() {
            let t = trans[(s << shift) | classes[b as usize] as usize];
            s = (t & !MATCH) as usize;
            if t & MATCH != 0 {
                let (a, z) = self.out_range[s];
                for &pid in &self.out[a as usize..z as usize] {
                    f(i + 1 - self.lens[pid as usize] as usize, pid);
                }
            }
        }
    }

    /// Bytes of the transition table (for the benchmark notes).
    #[cfg(test)]
    pub fn table_bytes(&self) -> usize {
        self.trans.len() * 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    fn reference(patterns: &[&[u8]], hay: &[u8]) -> Vec<(usize, usize, u32)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(hay)
            .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
            .collect();
        v.sort_unstable();
        v
    }

    fn ours(patterns: &[&[u8]], hay: &[u8]) -> Vec<(usize, usize, u32)> {
        let dfa = Dfa::new(patterns).unwrap();
        let mut v = Vec::new();
        dfa.for_each_match(hay, |s, p| v.push((s, s + patterns[p as usize].len(), p)));
        v.sort_unstable();
        v
    }

    #[test]
    fn agrees_with_aho_corasick_on_overlaps() {
        let pats: &[&[u8]] = &[b"he", b"she", b"his", b"hers", b"s", b"h", b"hershey"];
        for hay in [
            &b"ushers"[..],
            b"hershey's shepherds",
            b"",
            b"hhhhh",
            b"\xff\x00she",
        ] {
            assert_eq!(ours(pats, hay), reference(pats, hay), "{hay:?}");
        }
    }

    #[test]
    fn small_table() {
        let pats: Vec<&[u8]> = vec![b"abc", b"bcd"];
        let d = Dfa::new(&pats).unwrap();
        assert!(d.table_bytes() <= 16 * 8 * 2);
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_aho_corasick(
            pats in proptest::collection::vec("[a-d' ]{1,5}", 1..12),
            hay in "[a-e' ]{0,80}",
        ) {
            let p: Vec<&[u8]> = pats.iter().map(|s| s.as_bytes()).collect();
            proptest::prop_assert_eq!(ours(&p, hay.as_bytes()), reference(&p, hay.as_bytes()));
        }
    }
}
