//! Finding every rule's phrases in one pass over the words of a message.
//!
//! A phrase only counts on word edges, so each of its runs of letters and
//! digits is a whole word of the text wherever the phrase occurs. Each phrase
//! is therefore filed under one such word, its anchor (the longest that is not
//! a stop word), and the scan hashes each word of the text once, looks it up
//! in a small open-addressing table and compares only the phrases filed
//! under it. Words inside longer words are never looked at, unlike a byte
//! automaton, which has to report "on" inside "long" for a later check to
//! drop. Phrases without a letter or digit (":)", "?") are filed under their
//! first byte.

use crate::text::is_word_byte;

/// Bytes that are part of a word (letters and digits), as a table.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = is_word_byte(b as u8);
        b += 1;
    }
    t
};

/// Words too common to anchor a phrase on.
const STOPWORDS: &[&[u8]] = &[
    b"i", b"we", b"you", b"the", b"a", b"an", b"to", b"for", b"any", b"of", b"be", b"is", b"are",
    b"was", b"were", b"it", b"this", b"that", b"your", b"our", b"my", b"me", b"us", b"in", b"on",
    b"at", b"by", b"and", b"or", b"so", b"as", b"if", b"not", b"no", b"will", b"can", b"have",
    b"has", b"had", b"do", b"did", b"m", b"s", b"t", b"ll", b"re", b"ve", b"d",
];

/// FNV-1a, one byte at a time, as the scan reads the word.
const SEED: u32 = 0x811c_9dc5;

#[inline]
fn step(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

/// A phrase filed under an anchor, with what the cheap checks need inline.
#[derive(Debug, Clone, Copy)]
struct Cand {
    pid: u32,
    /// Offset of the anchor in the phrase.
    off: u32,
    len: u32,
    first: u8,
    last: u8,
}

/// Every phrase, filed for the one-pass scan.
#[derive(Debug)]
pub(crate) struct PhraseIndex {
    phrases: Vec<Vec<u8>>,
    /// Open-addressing table of anchor words: anchor id + 1, 0 when empty.
    slots: Vec<u32>,
    /// Anchor words by id.
    words: Vec<Vec<u8>>,
    /// Per anchor id: its range in `cands`.
    ranges: Vec<(u32, u32)>,
    cands: Vec<Cand>,
    /// Phrases without a letter or digit, and the bytes they start with.
    symbols: Vec<Cand>,
    symbol_start: [bool; 256],
}

/// The anchor of a phrase: the offset and bytes of its longest run of
/// letters and digits that is not a stop word (the longest run when all
/// are), or `None` when it has no letter or digit.
fn anchor_of(p: &[u8]) -> Option<(usize, &[u8])> {
    let mut best: Option<(usize, &[u8])> = None;
    let mut i = 0;
    while i < p.len() {
        if !WORD[p[i] as usize] {
            i += 1;
            continue;
        }
        let a = i;
        while i < p.len() && WORD[p[i] as usize] {
            i += 1;
        }
        let w = &p[a..i];
        let rank = |w: &[u8]| (!STOPWORDS.contains(&w), w.len());
        if best.is_none_or(|(_, b)| rank(w) > rank(b)) {
            best = Some((a, w));
        }
    }
    best
}

/// Byte equality without a libc call for the short slices phrases are.
#[inline]
fn eq_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

impl PhraseIndex {
    /// Files `phrases` (normalised, non-empty; ids are their positions).
    pub fn new(phrases: Vec<Vec<u8>>) -> PhraseIndex {
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut filed: Vec<Vec<Cand>> = Vec::new();
        let mut ids: std::collections::HashMap<Vec<u8>, usize> = std::collections::HashMap::new();
        let mut symbols = Vec::new();
        let mut symbol_start = [false; 256];
        for (pid, p) in phrases.iter().enumerate() {
            let (Some(&first), Some(&last)) = (p.first(), p.last()) else {
                continue;
            };
            let cand = |off: usize| Cand {
                pid: pid as u32,
                off: off as u32,
                len: p.len() as u32,
                first,
                last,
            };
            match anchor_of(p) {
                Some((off, w)) => {
                    let id = *ids.entry(w.to_vec()).or_insert_with(|| {
                        words.push(w.to_vec());
                        filed.push(Vec::new());
                        words.len() - 1
                    });
                    filed[id].push(cand(off));
                }
                None => {
                    symbol_start[first as usize] = true;
                    symbols.push(cand(0));
                }
            }
        }
        let size = (words.len() * 4).next_power_of_two().max(64);
        let mut slots = vec![0u32; size];
        for (id, w) in words.iter().enumerate() {
            let mut k = w.iter().fold(SEED, |h, &b| step(h, b)) as usize & (size - 1);
            while slots[k] != 0 {
                k = (k + 1) & (size - 1);
            }
            slots[k] = id as u32 + 1;
        }
        let mut ranges = Vec::with_capacity(filed.len());
        let mut cands = Vec::new();
        for f in filed {
            let a = cands.len() as u32;
            cands.extend(f);
            ranges.push((a, cands.len() as u32));
        }
        PhraseIndex {
            phrases,
            slots,
            words,
            ranges,
            cands,
            symbols,
            symbol_start,
        }
    }

    /// Every phrase, by id.
    #[cfg(test)]
    pub fn phrases(&self) -> &[Vec<u8>] {
        &self.phrases
    }

    /// The anchor id of a word of the text, given its hash.
    #[inline]
    fn lookup(&self, w: &[u8], h: u32) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut k = h as usize & mask;
        loop {
            let v = self.slots[k];
            if v == 0 {
                return None;
            }
            let id = (v - 1) as usize;
            if eq_bytes(&self.words[id], w) {
                return Some(id);
            }
            k = (k + 1) & mask;
        }
    }

    /// Calls `f(start, end, phrase id)` for every phrase occurring in `norm`
    /// with word edges wherever it starts or ends with a letter or digit.
    /// Occurrences come roughly in text order (by the anchor's position);
    /// phrases filed under one anchor come in id order.
    pub fn for_each(&self, norm: &[u8], mut f: impl FnMut(usize, usize, u32)) {
        let n = norm.len();
        let mut i = 0;
        while i < n {
            let b = norm[i];
            if WORD[b as usize] {
                let a = i;
                let mut h = step(SEED, b);
                i += 1;
                while i < n && WORD[norm[i] as usize] {
                    h = step(h, norm[i]);
                    i += 1;
                }
                if let Some(id) = self.lookup(&norm[a..i], h) {
                    let (x, z) = self.ranges[id];
                    self.verify(norm, a, &self.cands[x as usize..z as usize], &mut f);
                }
            } else {
                if self.symbol_start[b as usize] {
                    self.verify(norm, i, &self.symbols, &mut f);
                }
                i += 1;
            }
        }
    }

    /// Compares the phrases whose anchor sits at `at` and reports those that
    /// match on word edges.
    #[inline]
    fn verify(
        &self,
        norm: &[u8],
        at: usize,
        cands: &[Cand],
        f: &mut impl FnMut(usize, usize, u32),
    ) {
        for c in cands {
            let Some(s) = at.checked_sub(c.off as usize) else {
                continue;
            };
            let e = s + c.len as usize;
            // Cheap rejections first: length, first and last byte.
            if e > norm.len()
                || norm[s] != c.first
                || norm[e - 1] != c.last
                || !eq_bytes(&norm[s..e], &self.phrases[c.pid as usize])
            {
                continue;
            }
            if WORD[norm[s] as usize] && s > 0 && WORD[norm[s - 1] as usize] {
                continue;
            }
            if WORD[norm[e - 1] as usize] && e < norm.len() && WORD[norm[e] as usize] {
                continue;
            }
            f(s, e, c.pid);
        }
    }
}

/// Every occurrence of every phrase on word edges, the slow obvious way:
/// the oracle the index is tested against.
#[cfg(test)]
pub(crate) fn plain_search(phrases: &[Vec<u8>], hay: &[u8]) -> Vec<(usize, usize, u32)> {
    let ac = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::Standard)
        .build(phrases)
        .unwrap();
    let word = |i: usize| hay.get(i).is_some_and(|&b| WORD[b as usize]);
    let inside_word =
        |s: usize, e: usize| (s > 0 && word(s) && word(s - 1)) || (word(e - 1) && word(e));
    let mut v: Vec<_> = ac
        .find_overlapping_iter(hay)
        .filter(|m| !inside_word(m.start(), m.end()))
        .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
        .collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(phrases: &[Vec<u8>], hay: &[u8]) -> Vec<(usize, usize, u32)> {
        let index = PhraseIndex::new(phrases.to_vec());
        let mut v = Vec::new();
        index.for_each(hay, |s, e, p| v.push((s, e, p)));
        v.sort_unstable();
        v
    }

    #[test]
    fn anchors_are_whole_words() {
        assert_eq!(anchor_of(b"won't"), Some((0, &b"won"[..])));
        assert_eq!(anchor_of(b"'s fault"), Some((3, &b"fault"[..])));
        assert_eq!(anchor_of(b", as"), Some((2, &b"as"[..])));
        assert_eq!(anchor_of(b"100%"), Some((0, &b"100"[..])));
        assert_eq!(anchor_of(b":-)"), None);
    }

    #[test]
    fn agrees_with_a_plain_search() {
        let phrases: Vec<Vec<u8>> = [
            "on",
            "long",
            "so long",
            "won't",
            "'ll",
            ":)",
            "?",
            "100%",
            ", as",
            "as soon as",
            "soon",
            "e-mail",
        ]
        .iter()
        .map(|p| p.as_bytes().to_vec())
        .collect();
        for hay in [
            "so long, as you won't: we'll e-mail soon :) 100%?",
            "longer onions, assoon as?? ::))",
            "",
            "on",
        ] {
            assert_eq!(
                ours(&phrases, hay.as_bytes()),
                plain_search(&phrases, hay.as_bytes()),
                "{hay}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_on_random_text(
            phrases in proptest::collection::vec("[ab' :)]{1,5}", 1..12),
            hay in "[abc' :)]{0,80}",
        ) {
            let p: Vec<Vec<u8>> = phrases.iter().map(|s| s.trim().as_bytes().to_vec())
                .filter(|p| !p.is_empty()).collect();
            proptest::prop_assume!(!p.is_empty());
            proptest::prop_assert_eq!(ours(&p, hay.as_bytes()), plain_search(&p, hay.as_bytes()));
        }
    }
}
