//! Normalisation and the document model every rule shares.
//!
//! The checker normalises a message once (ASCII lower case, typographic
//! quotes, apostrophes, dashes and spaces folded to ASCII), keeping a map from
//! each normalised byte back to the original byte, so that one Aho-Corasick
//! pass over the normalised bytes serves every rule and every finding still
//! points at the exact original span. The same pass records what the
//! automaton cannot see once the case is gone: runs of capital letters
//! (`shouting`), runs of exclamation marks, internal status codes (`jargon`)
//! and emoji (`humor`). Everything here is linear in the input.

/// A half-open byte range `[start, end)` in the normalised text.
pub(crate) type NSpan = (u32, u32);

/// A message after normalisation, with its sentences and quoted regions.
pub(crate) struct Doc<'a> {
    /// The original text, as given.
    pub text: &'a str,
    /// Normalised bytes (valid UTF-8: every fold is ASCII for a whole char).
    pub norm: Vec<u8>,
    /// Normalised byte -> original byte; `None` when the two coincide (pure
    /// ASCII input). Has `norm.len() + 1` entries, the last one `text.len()`.
    map: Option<Vec<u32>>,
    /// Sentence ranges, in order, covering the text without overlap.
    pub sentences: Vec<NSpan>,
    /// Regions whose words are not the writer's: quotations, `>` lines and
    /// suppression markers. Sorted, disjoint.
    pub quoted: Vec<NSpan>,
    /// Words written entirely in capitals (two letters or more).
    pub caps_words: Vec<NSpan>,
    /// Runs of two or more `!` (possibly mixed with `?`).
    pub bangs: Vec<NSpan>,
    /// Tokens that look like internal status codes (`BO_HOLD`, `ERR_ALLOC`).
    pub codes: Vec<NSpan>,
    /// Emoji and pictographs.
    pub emoji: Vec<NSpan>,
}

/// Whether `b` is part of a word for phrase-boundary purposes.
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
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
        '\u{2026}' => b"...",
        '\u{FF01}' => b"!",
        _ => return None,
    })
}

/// Token state while normalising: tracks one run of `[A-Za-z0-9_']`.
#[derive(Default)]
struct Token {
    start: usize,
    upper: u32,
    lower: u32,
    underscore: bool,
    active: bool,
}

impl<'a> Doc<'a> {
    /// Normalises `text` and computes sentences and quoted regions.
    ///
    /// The caller guarantees `text.len() < u32::MAX`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut norm: Vec<u8> = Vec::with_capacity(bytes.len() + 8);
        let mut map: Option<Vec<u32>> = None;
        let mut caps_words = Vec::new();
        let mut bangs = Vec::new();
        let mut codes = Vec::new();
        let mut emoji = Vec::new();
        let mut tok = Token::default();
        let mut bang_start: Option<(usize, u32)> = None;

        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let pos = norm.len();
                // Token tracking for capitals and status codes.
                let in_token = b.is_ascii_alphanumeric() || b == b'_' || (b == b'\'' && tok.active);
                if in_token {
                    if !tok.active {
                        tok = Token {
                            start: pos,
                            active: true,
                            ..Token::default()
                        };
                    }
                    if b.is_ascii_uppercase() {
                        tok.upper += 1;
                    } else if b.is_ascii_lowercase() {
                        tok.lower += 1;
                    } else if b == b'_' {
                        tok.underscore = true;
                    }
                } else if tok.active {
                    finish_token(&tok, pos, &norm, &mut caps_words, &mut codes);
                    tok.active = false;
                }
                // Runs of exclamation marks.
                if b == b'!' || b == b'?' {
                    match &mut bang_start {
                        Some((_, n)) => *n += u32::from(b == b'!'),
                        None => bang_start = Some((pos, u32::from(b == b'!'))),
                    }
                } else if let Some((s, n)) = bang_start.take()
                    && n >= 2
                {
                    bangs.push((s as u32, pos as u32));
                }
                let nb = match b {
                    b'\t' => b' ',
                    _ => b.to_ascii_lowercase(),
                };
                norm.push(nb);
                if let Some(m) = map.as_mut() {
                    m.push(i as u32);
                }
                i += 1;
                continue;
            }
            // Non-ASCII: decode one char (the input is a &str, so this is valid).
            let len = utf8_len(b);
            let end = (i + len).min(bytes.len());
            let c = text[i..end].chars().next().unwrap_or('\u{FFFD}');
            let m = map.get_or_insert_with(|| (0..norm.len() as u32).collect());
            let pos = norm.len();
            if tok.active {
                finish_token(&tok, pos, &norm, &mut caps_words, &mut codes);
                tok.active = false;
            }
            if let Some((s, n)) = bang_start.take()
                && n >= 2
            {
                bangs.push((s as u32, pos as u32));
            }
            match fold(c) {
                Some(f) => {
                    norm.extend_from_slice(f);
                    m.extend(std::iter::repeat_n(i as u32, f.len()));
                }
                None => {
                    if is_emoji(c) {
                        emoji.push((pos as u32, (pos + len) as u32));
                    }
                    norm.extend_from_slice(&bytes[i..end]);
                    m.extend(std::iter::repeat_n(i as u32, end - i));
                }
            }
            i = end;
        }
        if tok.active {
            finish_token(&tok, norm.len(), &norm, &mut caps_words, &mut codes);
        }
        if let Some((s, n)) = bang_start
            && n >= 2
        {
            bangs.push((s as u32, norm.len() as u32));
        }
        if let Some(m) = map.as_mut() {
            m.push(bytes.len() as u32);
        }
        let sentences = split_sentences(&norm);
        let quoted = find_quoted(&norm);
        Doc {
            text,
            norm,
            map,
            sentences,
            quoted,
            caps_words,
            bangs,
            codes,
            emoji,
        }
    }

    /// Maps a normalised offset to the original byte offset.
    #[inline]
    pub fn orig(&self, n: u32) -> usize {
        match &self.map {
            None => n as usize,
            Some(m) => m.get(n as usize).copied().unwrap_or(self.text.len() as u32) as usize,
        }
    }

    /// Maps a normalised span to an original byte span.
    pub fn orig_span(&self, s: NSpan) -> (usize, usize) {
        let a = self.orig(s.0);
        let b = self.orig(s.1).max(a);
        (a, b)
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
        let mut merged: Vec<NSpan> = Vec::with_capacity(self.quoted.len());
        for q in self.quoted.drain(..) {
            match merged.last_mut() {
                Some(last) if q.0 <= last.1 => last.1 = last.1.max(q.1),
                _ => merged.push(q),
            }
        }
        self.quoted = merged;
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

    /// Whether the words just before `pos` (same sentence, same clause, at
    /// most four words back) negate what follows: "not your fault", "can't
    /// guarantee", "never blame".
    pub fn negated(&self, pos: u32) -> bool {
        let s = self.sentences.get(self.sentence_of(pos)).map_or(0, |s| s.0) as usize;
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
    n[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(n.len(), |p| from + p)
}

fn finish_token(
    tok: &Token,
    end: usize,
    norm: &[u8],
    caps: &mut Vec<NSpan>,
    codes: &mut Vec<NSpan>,
) {
    // Trim a trailing apostrophe ("PARTNERS'").
    let mut end = end;
    while end > tok.start && norm[end - 1] == b'\'' {
        end -= 1;
    }
    if tok.lower == 0 && tok.upper >= 2 {
        if tok.underscore {
            codes.push((tok.start as u32, end as u32));
        } else {
            caps.push((tok.start as u32, end as u32));
        }
    }
}

/// Splits normalised text into sentences: at `.`, `!`, `?` followed by a
/// space or the end, at blank lines, and at single line breaks unless the
/// line looks like wrapped prose (long, no end punctuation, next line starts
/// in lower case).
fn split_sentences(n: &[u8]) -> Vec<NSpan> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut line_start = 0usize;
    let mut i = 0usize;
    while i < n.len() {
        let b = n[i];
        match b {
            b'.' | b'!' | b'?' => {
                let mut j = i + 1;
                while j < n.len() && matches!(n[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')') {
                    j += 1;
                }
                if j >= n.len() || n[j].is_ascii_whitespace() {
                    out.push((start as u32, j as u32));
                    start = j;
                }
                i = j;
            }
            b'\n' => {
                let line_len = i - line_start;
                let prev = n[line_start..i]
                    .iter()
                    .rposition(|b| !b.is_ascii_whitespace())
                    .map(|p| n[line_start + p]);
                let mut j = i + 1;
                while j < n.len() && matches!(n[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                let next = n.get(j).copied();
                let wrapped = line_len > 50
                    && prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == b',')
                    && next.is_some_and(|c| c.is_ascii_lowercase());
                if !wrapped && start < i {
                    out.push((start as u32, i as u32));
                    start = i;
                }
                line_start = i + 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    if start < n.len() || out.is_empty() {
        out.push((start as u32, n.len() as u32));
    }
    out
}

/// Finds quoted regions: `"..."` pairs within a paragraph, and whole lines
/// that start with `>` (quoted email). Unpaired quotes quote nothing.
fn find_quoted(n: &[u8]) -> Vec<NSpan> {
    let mut out: Vec<NSpan> = Vec::new();
    let mut open: Option<usize> = None;
    let mut at_line_start = true;
    let mut line_start = 0usize;
    let mut blank_line = true;
    let mut i = 0usize;
    while i < n.len() {
        let b = n[i];
        if b == b'\n' {
            if blank_line {
                open = None; // a paragraph ends: drop an unpaired quote
            }
            at_line_start = true;
            blank_line = true;
            line_start = i + 1;
            i += 1;
            continue;
        }
        if at_line_start && !matches!(b, b' ' | b'\t' | b'\r') {
            at_line_start = false;
            if b == b'>' {
                let end = memchr_nl(n, i);
                out.push((line_start as u32, end as u32));
                blank_line = false;
                i = end;
                continue;
            }
        }
        if !matches!(b, b' ' | b'\t' | b'\r') {
            blank_line = false;
        }
        if b == b'"' {
            match open.take() {
                None => open = Some(i),
                Some(s) => out.push((s as u32, (i + 1) as u32)),
            }
        }
        i += 1;
    }
    out.sort_unstable();
    out
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
        let bytes = self.text.as_bytes();
        for &b in &bytes[self.pos..to] {
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if (b & 0xC0) != 0x80 {
                self.col += 1;
            }
        }
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
        let d = Doc::new("This is NOT OK!!! Status BO_HOLD \u{1F600}");
        assert_eq!(d.caps_words.len(), 2);
        assert_eq!(d.bangs.len(), 1);
        assert_eq!(d.codes.len(), 1);
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
        let t = "this is not your fault. it is your fault";
        let d = Doc::new(t);
        assert!(d.negated(12));
        assert!(!d.negated(30));
        let d = Doc::new("we can't guarantee it");
        assert!(d.negated(9));
    }

    #[test]
    fn locator_counts_chars() {
        let t = "a\u{e9}b\ncd";
        let mut l = Locator::new(t);
        assert_eq!(l.locate(3), (1, 3));
        assert_eq!(l.locate(6), (2, 2));
    }
}
