//! Normalisation and the document model every rule shares.
//!
//! The checker normalises a message once (ASCII lower case, typographic
//! quotes, apostrophes, dashes and spaces folded to ASCII), keeping a sparse
//! map from normalised offsets back to original offsets (one entry per fold
//! that changes length), so that one phrase scan over the normalised
//! bytes serves every rule and every finding still
//! points at the exact original span. The same pass records what the
//! phrase scan cannot see once the case is gone: runs of capital letters
//! (`shouting`), runs of exclamation marks, internal status codes (`jargon`)
//! and emoji (`humor`). Everything here is linear in the input.

use std::cell::Cell;

/// A half-open byte range `[start, end)` in the normalised text.
pub(crate) type NSpan = (u32, u32);

/// A message after normalisation, with its sentences and quoted regions.
pub(crate) struct Doc<'a> {
    /// The original text, as given.
    pub text: &'a str,
    /// Normalised bytes (valid UTF-8: every fold is ASCII for a whole char).
    pub norm: Vec<u8>,
    /// Where normalised and original offsets start to differ: from
    /// normalised offset `.0` on, original = normalised + `.1`. Sorted; empty
    /// when no fold changed a length (the common case).
    shifts: Vec<(u32, i64)>,
    /// Sentence ranges, in order, covering the text without overlap.
    pub sentences: Vec<NSpan>,
    /// Regions whose words are not the writer's: quotations, `>` lines and
    /// suppression markers. Sorted, disjoint.
    pub quoted: Vec<NSpan>,
    /// Spare buffer for merging quoted regions.
    scratch: Vec<NSpan>,
    /// Words written entirely in capitals (two letters or more).
    pub caps_words: Vec<NSpan>,
    /// Runs of two or more `!` (possibly mixed with `?`).
    pub bangs: Vec<NSpan>,
    /// Tokens that look like internal status codes (`BO_HOLD`, `ERR_ALLOC`).
    pub codes: Vec<NSpan>,
    /// Emoji and pictographs.
    pub emoji: Vec<NSpan>,
    /// Per sentence, whether it names a concrete date or time: 0 unknown,
    /// 1 no, 2 yes. Filled lazily: several elements and rules ask about the
    /// same sentences.
    timed: Vec<Cell<u8>>,
}

/// Whether `b` is part of a word for phrase-boundary purposes.
#[inline]
pub(crate) const fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Whether `c` is an emoji or pictograph that reads as a joke or emoticon.
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F300..=0x1F5FF   // symbols and pictographs
        | 0x1F600..=0x1F64F // emoticons
        | 0x1F680..=0x1F6FF // transport and map
        | 0x1F900..=0x1F9FF // supplemental symbols and pictographs
        | 0x1FA70..=0x1FAFF // symbols and pictographs extended-A
        | 0x2600..=0x26FF   // miscellaneous symbols
        | 0x2700..=0x27BF   // dingbats
        | 0x1F000..=0x1F02F // mahjong tiles and friends
        | 0x1F0A0..=0x1F0FF // playing cards
        | 0x2B50 | 0x2B55)
}

/// The ASCII text a non-ASCII character folds to, if it folds.
fn fold(c: char) -> Option<&'static [u8]> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{FF07}' => b"'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => b"\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => b"-",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => b" ",
        '\u{2026}' => b".",
        '\u{FF01}' => b"!",
        _ => return None,
    })
}

/// Reusable buffers for [`Doc`]: a checker that checks many messages keeps
/// one per thread, so normalising a message allocates nothing once the
/// buffers have grown to the largest message seen.
#[derive(Default)]
pub(crate) struct DocBuffers {
    norm: Vec<u8>,
    shifts: Vec<(u32, i64)>,
    sentences: Vec<NSpan>,
    quoted: Vec<NSpan>,
    scratch: Vec<NSpan>,
    caps: Vec<NSpan>,
    bangs: Vec<NSpan>,
    codes: Vec<NSpan>,
    emoji: Vec<NSpan>,
    timed: Vec<Cell<u8>>,
}

/// Marks found in the original case: capitals, `!!`, status codes, emoji.
#[derive(Default)]
struct Marks {
    caps: Vec<NSpan>,
    bangs: Vec<NSpan>,
    codes: Vec<NSpan>,
    emoji: Vec<NSpan>,
}

/// Bytes where a mark may start: capitals, `!`, `_`.
static MARK_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'A';
    while b <= b'Z' {
        t[b as usize] = true;
        b += 1;
    }
    t[b'!' as usize] = true;
    t[b'_' as usize] = true;
    t
};

/// The first byte at or after `from` in an ASCII run that may start a mark
/// (a capital, `!` or `_`), eight bytes at a time: on ASCII bytes the SWAR
/// tests below are exact (no carry crosses a byte).
#[inline]
fn next_mark(run: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut k = from;
    while k + 8 <= run.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&run[k..k + 8]);
        let x = u64::from_le_bytes(w);
        // x >= 'A' and x <= 'Z', per byte.
        let upper = x.wrapping_add(ONES * (0x80 - b'A' as u64))
            & !x.wrapping_add(ONES * (0x7F - b'Z' as u64));
        let bang = !((x ^ (ONES * b'!' as u64)).wrapping_add(ONES * 0x7F));
        let under = !((x ^ (ONES * b'_' as u64)).wrapping_add(ONES * 0x7F));
        let m = (upper | bang | under) & HIGH;
        if m != 0 {
            return Some(k + (m.trailing_zeros() / 8) as usize);
        }
        k += 8;
    }
    run[k..]
        .iter()
        .position(|&b| MARK_START[b as usize])
        .map(|p| k + p)
}

#[inline]
fn is_token_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'\''
}

impl Marks {
    /// Scans one ASCII run (starting at normalised offset `base`). Tokens
    /// never cross runs: a non-ASCII char ends a token. Linear: the scan
    /// jumps to the next capital or `!`, and each token is read once.
    fn scan(&mut self, run: &[u8], base: u32) {
        let n = run.len();
        let mut k = 0;
        while k < n {
            match next_mark(run, k) {
                None => break,
                Some(p) => k = p,
            }
            if run[k] == b'!' {
                let mut s = k;
                while s > 0 && run[s - 1] == b'?' {
                    s -= 1;
                }
                let mut e = k;
                let mut count = 0;
                while e < n && (run[e] == b'!' || run[e] == b'?') {
                    count += usize::from(run[e] == b'!');
                    e += 1;
                }
                if count >= 2 {
                    self.bangs.push((base + s as u32, base + e as u32));
                }
                k = e;
                continue;
            }
            if run.get(k + 1).is_some_and(u8::is_ascii_lowercase) {
                // "Hello", "Ms": a token with a lower-case letter is never
                // shouting or a code; skip its lower-case run.
                k += 2;
                while k < n && run[k].is_ascii_lowercase() {
                    k += 1;
                }
                continue;
            }
            let mut s = k;
            while s > 0 && is_token_byte(run[s - 1]) {
                s -= 1;
            }
            while s < k && run[s] == b'\'' {
                s += 1;
            }
            let mut e = k;
            while e < n && is_token_byte(run[e]) {
                e += 1;
            }
            let mut z = e;
            while z > s && run[z - 1] == b'\'' {
                z -= 1;
            }
            let tok = &run[s..z];
            let upper = tok.iter().filter(|b| b.is_ascii_uppercase()).count();
            let lower = tok.iter().any(u8::is_ascii_lowercase);
            // A model number ("IS-18", "XR200") is a name, not shouting.
            let model = tok.iter().any(u8::is_ascii_digit)
                || (run.get(z) == Some(&b'-') && run.get(z + 1).is_some_and(u8::is_ascii_digit));
            if !lower && upper >= 2 {
                let span = (base + s as u32, base + z as u32);
                if tok.contains(&b'_') {
                    self.codes.push(span);
                } else if !model {
                    self.caps.push(span);
                }
            }
            k = e.max(k + 1);
        }
    }
}

/// End of the run of ASCII bytes starting at `i`.
#[inline]
fn ascii_run_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i;
    // Eight bytes at a time while no high bit is set.
    while j + 8 <= bytes.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[j..j + 8]);
        if u64::from_ne_bytes(w) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        j += 8;
    }
    while j < bytes.len() && bytes[j] < 0x80 {
        j += 1;
    }
    j
}

impl<'a> Doc<'a> {
    /// Normalises `text` and computes sentences and quoted regions.
    ///
    /// The caller guarantees `text.len() < u32::MAX`.
    pub fn new(text: &'a str) -> Self {
        Doc::with_buffers(text, DocBuffers::default())
    }

    /// [`Doc::new`] in reused buffers (see [`Doc::into_buffers`]).
    pub fn with_buffers(text: &'a str, bufs: DocBuffers) -> Self {
        let DocBuffers {
            mut norm,
            mut shifts,
            mut sentences,
            mut quoted,
            scratch,
            caps,
            bangs,
            codes,
            emoji,
            mut timed,
        } = bufs;
        let bytes = text.as_bytes();
        norm.clear();
        norm.reserve(bytes.len() + 8);
        shifts.clear();
        let mut delta: i64 = 0;
        let mut marks = Marks {
            caps,
            bangs,
            codes,
            emoji,
        };
        marks.caps.clear();
        marks.bangs.clear();
        marks.codes.clear();
        marks.emoji.clear();
        let mut i = 0;
        while i < bytes.len() {
            // A run of ASCII: copied in lower case, scanned for marks.
            let run_end = ascii_run_end(bytes, i);
            if run_end > i {
                let base = norm.len();
                norm.extend_from_slice(&bytes[i..run_end]);
                norm[base..].make_ascii_lowercase();
                marks.scan(&bytes[i..run_end], base as u32);
                i = run_end;
                if i >= bytes.len() {
                    break;
                }
            }
            // One non-ASCII char (the input is a &str, so this is valid UTF-8).
            let len = utf8_len(bytes[i]);
            let end = (i + len).min(bytes.len());
            let c = text
                .get(i..end)
                .and_then(|s| s.chars().next())
                .unwrap_or('\u{FFFD}');
            let pos = norm.len();
            match fold(c) {
                Some(f) => {
                    norm.extend_from_slice(f);
                    // The folded byte maps to the char's start; what follows
                    // maps past the char.
                    let d = end as i64 - norm.len() as i64;
                    if d != delta {
                        delta = d;
                        shifts.push((norm.len() as u32, delta));
                    }
                }
                None => {
                    if is_emoji(c) {
                        marks.emoji.push((pos as u32, (pos + len) as u32));
                    }
                    norm.extend_from_slice(&bytes[i..end]);
                }
            }
            i = end;
        }
        split_sentences_into(&norm, &mut sentences);
        find_quoted_into(&norm, &mut quoted);
        timed.clear();
        timed.resize(sentences.len(), Cell::new(0));
        Doc {
            text,
            norm,
            shifts,
            sentences,
            quoted,
            scratch,
            caps_words: marks.caps,
            bangs: marks.bangs,
            codes: marks.codes,
            emoji: marks.emoji,
            timed,
        }
    }

    /// Gives the buffers back for the next message.
    pub fn into_buffers(self) -> DocBuffers {
        DocBuffers {
            norm: self.norm,
            shifts: self.shifts,
            sentences: self.sentences,
            quoted: self.quoted,
            scratch: self.scratch,
            caps: self.caps_words,
            bangs: self.bangs,
            codes: self.codes,
            emoji: self.emoji,
            timed: self.timed,
        }
    }

    /// Maps a normalised offset to the original byte offset.
    #[inline]
    pub fn orig(&self, n: u32) -> usize {
        let i = self.shifts.partition_point(|s| s.0 <= n);
        let d = if i == 0 { 0 } else { self.shifts[i - 1].1 };
        ((i64::from(n) + d).max(0) as usize).min(self.text.len())
    }

    /// Maps a normalised span to an original byte span.
    pub fn orig_span(&self, s: NSpan) -> (usize, usize) {
        let a = self.orig(s.0);
        let b = self.orig(s.1).max(a);
        (a, b)
    }

    /// At most `max` bytes of `pos`'s sentence just before `pos`: bounded,
    /// so that a check run per hit stays linear on a one-sentence megabyte.
    pub fn sentence_before(&self, pos: u32, max: u32) -> &[u8] {
        let from = self.sentences.get(self.sentence_of(pos)).map_or(0, |s| s.0);
        self.slice((from.min(pos).max(pos.saturating_sub(max)), pos))
    }

    /// At most `max` bytes of the rest of a sentence after a phrase that
    /// ends at `pos` (see [`Doc::sentence_before`]).
    pub fn sentence_after(&self, pos: u32, max: u32) -> &[u8] {
        let sentence = self.sentence_of(pos.saturating_sub(1));
        let to = self.sentences.get(sentence).map_or(pos, |s| s.1);
        self.slice((pos, to.max(pos).min(pos.saturating_add(max))))
    }

    /// Index of the sentence containing normalised offset `pos`.
    pub fn sentence_of(&self, pos: u32) -> usize {
        match self.sentences.binary_search_by(|s| {
            if s.1 <= pos {
                std::cmp::Ordering::Less
            } else if s.0 > pos {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i.min(self.sentences.len().saturating_sub(1)),
        }
    }

    /// Whether sentence `i` names a concrete date or time
    /// ([`crate::rules::has_concrete_time`]), computed once per sentence.
    pub fn sentence_has_time(&self, i: u32) -> bool {
        let Some(memo) = self.timed.get(i as usize) else {
            return false;
        };
        match memo.get() {
            0 => {
                let t = crate::rules::has_concrete_time(self.slice(self.sentences[i as usize]));
                memo.set(1 + u8::from(t));
                t
            }
            v => v == 2,
        }
    }

    /// Whether normalised offset `pos` lies inside a quoted region.
    pub fn is_quoted(&self, pos: u32) -> bool {
        let i = self.quoted.partition_point(|q| q.1 <= pos);
        self.quoted.get(i).is_some_and(|q| q.0 <= pos)
    }

    /// Adds regions that are not the writer's words and keeps the list sorted.
    pub fn add_quoted(&mut self, extra: &[NSpan]) {
        if extra.is_empty() {
            return;
        }
        self.quoted.extend_from_slice(extra);
        self.quoted.sort_unstable();
        let mut merged = std::mem::take(&mut self.scratch);
        merged.clear();
        for q in self.quoted.drain(..) {
            match merged.last_mut() {
                Some(last) if q.0 <= last.1 => last.1 = last.1.max(q.1),
                _ => merged.push(q),
            }
        }
        self.scratch = std::mem::replace(&mut self.quoted, merged);
    }

    /// The normalised bytes of a span.
    pub fn slice(&self, s: NSpan) -> &[u8] {
        let a = (s.0 as usize).min(self.norm.len());
        let b = (s.1 as usize).clamp(a, self.norm.len());
        &self.norm[a..b]
    }

    /// The first non-blank line, trimmed: where message-level findings point.
    pub fn first_line(&self) -> NSpan {
        let n = &self.norm;
        let mut start = 0;
        while start < n.len() {
            let end = memchr_nl(n, start);
            let line = &n[start..end];
            if let Some(a) = line.iter().position(|b| !b.is_ascii_whitespace()) {
                let z = line
                    .iter()
                    .rposition(|b| !b.is_ascii_whitespace())
                    .unwrap_or(a)
                    + 1;
                return ((start + a) as u32, (start + z) as u32);
            }
            start = end + 1;
        }
        (0, 0)
    }

    /// Whether the words just before `pos` in `sentence` (same clause, at
    /// most four words back) negate what follows: "not your fault", "can't
    /// guarantee", "never blame".
    pub fn negated_in(&self, pos: u32, sentence: u32) -> bool {
        let s = self.sentences.get(sentence as usize).map_or(0, |s| s.0) as usize;
        let n = &self.norm;
        let mut i = (pos as usize).min(n.len());
        let mut words = 0;
        while i > s && words < 4 {
            // skip separators
            while i > s && !is_word_byte(n[i - 1]) && n[i - 1] != b'\'' {
                if matches!(n[i - 1], b',' | b';' | b':' | b'.' | b'!' | b'?' | b'\n') {
                    return false;
                }
                i -= 1;
            }
            let end = i;
            while i > s && (is_word_byte(n[i - 1]) || n[i - 1] == b'\'') {
                i -= 1;
            }
            if i == end {
                break;
            }
            words += 1;
            if is_negator(&n[i..end]) {
                return true;
            }
        }
        false
    }
}

fn is_negator(w: &[u8]) -> bool {
    matches!(
        w,
        b"not"
            | b"no"
            | b"never"
            | b"nothing"
            | b"nobody"
            | b"none"
            | b"neither"
            | b"nor"
            | b"without"
            | b"cannot"
            | b"hardly"
            | b"dont"
            | b"cant"
            | b"wont"
            | b"isnt"
            | b"wasnt"
            | b"didnt"
            | b"doesnt"
    ) || w.ends_with(b"n't")
}

#[inline]
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

#[inline]
fn memchr_nl(n: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &n[from..]).map_or(n.len(), |p| from + p)
}

/// Splits normalised text into sentences: at `.`, `!`, `?` followed by a
/// space or the end, at blank lines, and at single line breaks unless the
/// line looks like wrapped prose (long, no end punctuation, next line starts
/// in lower case). Jumps between candidate bytes with `memchr`.
pub(crate) fn split_sentences_into(n: &[u8], out: &mut Vec<NSpan>) {
    out.clear();
    let mut start = 0usize;
    let mut line_start = 0usize;
    let mut puncts = memchr::memchr3_iter(b'.', b'!', b'?', n).peekable();
    let mut newlines = memchr::memchr_iter(b'\n', n).peekable();
    let mut skip_to = 0usize;
    loop {
        let i = match (puncts.peek(), newlines.peek()) {
            (None, None) => break,
            (Some(&p), None) => {
                puncts.next();
                p
            }
            (None, Some(&l)) => {
                newlines.next();
                l
            }
            (Some(&p), Some(&l)) => {
                if p < l {
                    puncts.next();
                    p
                } else {
                    newlines.next();
                    l
                }
            }
        };
        if i < skip_to {
            continue;
        }
        if n[i] == b'\n' {
            let prev = n[line_start..i]
                .iter()
                .rposition(|b| !b.is_ascii_whitespace())
                .map(|p| n[line_start + p]);
            let mut j = i + 1;
            while j < n.len() && matches!(n[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            let next = n.get(j).copied();
            let wrapped = i - line_start > 50
                && prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == b',')
                && next.is_some_and(|c| c.is_ascii_lowercase());
            if !wrapped && start < i {
                out.push((start as u32, i as u32));
                start = i;
            }
            line_start = i + 1;
        } else {
            let mut j = i + 1;
            while j < n.len() && matches!(n[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                j += 1;
            }
            if j >= n.len() || n[j].is_ascii_whitespace() {
                out.push((start as u32, j as u32));
                start = j;
            }
            skip_to = j;
        }
    }
    if start < n.len() || out.is_empty() {
        out.push((start as u32, n.len() as u32));
    }
}

/// Finds quoted regions: `"..."` pairs within a paragraph, and whole lines
/// that start with `>` (quoted email). Unpaired quotes quote nothing. Fills
/// `out` (reused between messages).
pub(crate) fn find_quoted_into(n: &[u8], out: &mut Vec<NSpan>) {
    out.clear();
    let mut open: Option<usize> = None;
    let mut line_start = 0usize;
    let mut skip_to = 0usize;
    for i in memchr::memchr3_iter(b'"', b'\n', b'>', n) {
        if i < skip_to {
            continue;
        }
        match n[i] {
            b'\n' => {
                // A blank line ends a paragraph: drop an unpaired quote.
                if n[line_start..i]
                    .iter()
                    .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
                {
                    open = None;
                }
                line_start = i + 1;
            }
            b'>' => {
                if n[line_start..i]
                    .iter()
                    .all(|b| matches!(b, b' ' | b'\t' | b'\r'))
                {
                    let end = memchr_nl(n, i);
                    out.push((line_start as u32, end as u32));
                    skip_to = end;
                }
            }
            _ => match open.take() {
                None => open = Some(i),
                Some(s) => out.push((s as u32, (i + 1) as u32)),
            },
        }
    }
    out.sort_unstable();
}

/// Line and column positions for many offsets in one linear pass.
///
/// Offsets must be asked for in non-decreasing order; each call costs time
/// proportional to the distance from the previous one, so locating every
/// finding of a 10 MB single-line message stays linear.
pub(crate) struct Locator<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    col: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            pos: 0,
            line: 1,
            col: 1,
        }
    }

    /// Line and column (1-based, column in chars) of byte offset `to`.
    pub fn locate(&mut self, to: usize) -> (usize, usize) {
        let to = to.min(self.text.len());
        if to < self.pos {
            // Out of order: restart (callers sort, so this is rare).
            self.pos = 0;
            self.line = 1;
            self.col = 1;
        }
        let seg = &self.text.as_bytes()[self.pos..to];
        // Jump between line breaks with memchr; count chars only on the last line.
        let mut from = 0;
        for nl in memchr::memchr_iter(b'\n', seg) {
            self.line += 1;
            self.col = 1;
            from = nl + 1;
        }
        let tail = &seg[from..];
        self.col += if tail.is_ascii() {
            tail.len()
        } else {
            tail.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
        };
        self.pos = to;
        (self.line, self.col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typographic_quotes_and_maps_back() {
        let t = "We\u{2019}re \u{201C}sorry\u{201D} \u{2014} OK";
        let d = Doc::new(t);
        assert_eq!(
            std::str::from_utf8(&d.norm).unwrap(),
            "we're \"sorry\" - ok"
        );
        // "sorry" in normalised text starts at 7; original starts after the 3-byte quote.
        let (a, b) = d.orig_span((7, 12));
        assert_eq!(&t[a..b], "sorry");
        assert!(d.is_quoted(8));
        assert!(!d.is_quoted(1));
    }

    #[test]
    fn finds_caps_bangs_codes_emoji() {
        let d = Doc::new(
            "This is NOT OK!!! Status BO_HOLD \u{1F600} sensor IS-18, XR200, BILL_REVIEW_2",
        );
        assert_eq!(d.caps_words.len(), 2);
        assert_eq!(d.bangs.len(), 1);
        assert_eq!(d.codes.len(), 2);
        assert_eq!(d.emoji.len(), 1);
    }

    #[test]
    fn sentences_and_quoted_lines() {
        let d = Doc::new("Hi Sam,\nYour order is late. Sorry!\n> you are useless\nThanks");
        assert_eq!(d.sentences.len(), 5);
        let q = d.norm.iter().position(|&b| b == b'>').unwrap() as u32;
        assert!(d.is_quoted(q + 3));
    }

    #[test]
    fn negation_window() {
        let negated = |d: &Doc<'_>, pos: u32| d.negated_in(pos, d.sentence_of(pos) as u32);
        let t = "this is not your fault. it is your fault";
        let d = Doc::new(t);
        assert!(negated(&d, 12));
        assert!(!negated(&d, 30));
        let d = Doc::new("we can't guarantee it");
        assert!(negated(&d, 9));
    }

    proptest::proptest! {
        /// The SWAR mark finder agrees with a byte-by-byte scan on ASCII.
        #[test]
        fn next_mark_agrees_with_bytewise(run in "[ -~\t\n]{0,40}", from in 0usize..41) {
            let run = run.as_bytes();
            let from = from.min(run.len());
            let want = run[from..].iter().position(|&b| MARK_START[b as usize]).map(|p| from + p);
            proptest::prop_assert_eq!(next_mark(run, from), want);
        }
    }

    #[test]
    fn next_mark_every_ascii_byte() {
        for b in 0u8..0x80 {
            for pos in 0..12 {
                let mut run = vec![b'a'; 12];
                run[pos] = b;
                let want = run.iter().position(|&c| MARK_START[c as usize]);
                assert_eq!(next_mark(&run, 0), want, "byte {b} at {pos}");
            }
        }
    }

    #[test]
    fn locator_counts_chars() {
        let t = "a\u{e9}b\ncd";
        let mut l = Locator::new(t);
        assert_eq!(l.locate(3), (1, 3));
        assert_eq!(l.locate(6), (2, 2));
    }
}
