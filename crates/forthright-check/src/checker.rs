//! The engine: one pass over the words finds every rule's phrases; the rules then read the hits.

use crate::config::Config;
use crate::elements::{self, Element, ElementReport, ElementSet};
use crate::error::Error;
use crate::index::PhraseIndex;
use crate::registry::{self, Category, RULES, code};
use crate::suppress::{self, Suppressions};
use crate::text::{Doc, DocBuffers, Locator, NSpan};
use crate::{Finding, Options, Position, Severity, Span};
use std::cell::RefCell;
use std::collections::HashSet;

/// Sub-tag of phrases that cancel their owner's phrases they contain
/// ("as soon as" cancels "soon", "credit card" cancels "credit").
pub(crate) const MASK: u8 = 255;
/// Owner code of element phrases: `ELEMENT_BASE + element index`.
pub(crate) const ELEMENT_BASE: u8 = 32;
/// Owner code of suppression markers (`forthright:`).
pub(crate) const MARKER: u8 = 64;
const OWNERS: usize = 65;
const SUBS: usize = 4;

/// One phrase occurrence in the normalised text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: u32,
    pub end: u32,
    pub owner: u8,
    pub sub: u8,
    pub sentence: u32,
    pub quoted: bool,
    pub live: bool,
}

impl Hit {
    /// The hit's normalised span.
    pub fn span(&self) -> NSpan {
        (self.start, self.end)
    }

    /// Whether the words just before the hit negate it ([`Doc::negated_in`]).
    pub fn negated(&self, doc: &Doc<'_>) -> bool {
        doc.negated_in(self.start, self.sentence)
    }
}

/// Settings derived from configuration, shared by rules.
pub(crate) struct Settings {
    /// Words allowed in capitals (lower case).
    pub acronyms: HashSet<Vec<u8>>,
}

/// What a rule sees of one message.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Doc<'a>,
    pub hits: &'a [Hit],
    by_owner: &'a [Vec<u32>],
    pub opts: &'a Options,
    pub el: &'a ElementSet,
    pub settings: &'a Settings,
    pub me: u8,
}

impl<'a> Ctx<'a> {
    /// Live (unquoted, unmasked) hits of `owner`, in text order.
    pub fn of(&self, owner: u8) -> impl Iterator<Item = &'a Hit> + 'a {
        let hits = self.hits;
        self.by_owner
            .get(owner as usize)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(move |&i| &hits[i as usize])
    }

    /// Live hits of the running rule.
    pub fn mine(&self) -> impl Iterator<Item = &'a Hit> + 'a {
        self.of(self.me)
    }

    /// The original text of a normalised span.
    pub fn text_of(&self, s: NSpan) -> &'a str {
        let (a, b) = self.doc.orig_span(s);
        self.doc.text.get(a..b).unwrap_or("")
    }
}

/// A finding before positions are computed, in normalised coordinates.
pub(crate) struct Raw {
    pub rule: u8,
    pub span: NSpan,
    /// Whether `span` is already in original byte offsets.
    pub orig: bool,
    pub message: String,
    pub fix: Option<String>,
}

/// Where rules put their findings.
pub(crate) struct Sink {
    pub rule: u8,
    pub out: Vec<Raw>,
}

impl Sink {
    /// Records a finding of the running rule.
    pub fn emit(&mut self, span: NSpan, message: impl Into<String>, fix: Option<String>) {
        self.out.push(Raw {
            rule: self.rule,
            span,
            orig: false,
            message: message.into(),
            fix,
        });
    }

    /// Records a finding whose span is in original byte offsets (on char
    /// boundaries of the checked text).
    pub fn emit_orig(
        &mut self,
        span: (usize, usize),
        message: impl Into<String>,
        fix: Option<String>,
    ) {
        self.out.push(Raw {
            rule: self.rule,
            span: (span.0 as u32, span.1 as u32),
            orig: true,
            message: message.into(),
            fix,
        });
    }
}

/// The result of checking one message: findings and the elements found.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Findings, sorted by position then rule.
    pub findings: Vec<Finding>,
    /// The playbook elements present in the message, with evidence.
    pub elements: Vec<ElementReport>,
}

/// A configured checker: build once, check many messages (it is `Sync`).
pub struct Checker {
    /// Every phrase of every rule and element, filed for the one-pass scan.
    index: PhraseIndex,
    /// Owner and sub-tag of each phrase.
    tags: Vec<(u8, u8)>,
    enabled: [bool; 22],
    severity: [Severity; 22],
    settings: Settings,
}

impl std::fmt::Debug for Checker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checker")
            .field("patterns", &self.tags.len())
            .field("enabled", &self.enabled)
            .finish()
    }
}

/// Lower-cases and folds a phrase the way the text is normalised.
pub(crate) fn normalise_phrase(p: &str) -> Vec<u8> {
    let d = Doc::new(p);
    d.norm
}

fn matches_selector(sel: &str, id: &str, cat: Category) -> bool {
    sel.eq_ignore_ascii_case("all") || sel == id || sel.eq_ignore_ascii_case(cat.as_str())
}

fn validate_selector(sel: &str) -> Result<(), Error> {
    if sel.eq_ignore_ascii_case("all")
        || registry::rule(sel).is_some()
        || Category::ALL
            .iter()
            .any(|c| c.as_str().eq_ignore_ascii_case(sel))
    {
        Ok(())
    } else {
        Err(Error::UnknownRule(sel.to_string()))
    }
}

impl Checker {
    /// Builds a checker from configuration: which rules run, at which
    /// severity, and the jargon list.
    pub fn new(config: &Config) -> Result<Checker, Error> {
        for sel in config.select.iter().flatten().chain(&config.ignore) {
            validate_selector(sel)?;
        }
        for id in config.severity.keys() {
            if registry::rule(id).is_none() {
                return Err(Error::UnknownRule(id.clone()));
            }
        }
        let mut enabled = [false; 22];
        let mut severity = [Severity::Error; 22];
        for (i, d) in RULES.iter().enumerate() {
            let r = &d.rule;
            let selected = match &config.select {
                None => true,
                Some(sel) => sel.iter().any(|s| matches_selector(s, r.id, r.category)),
            };
            let ignored = config
                .ignore
                .iter()
                .any(|s| matches_selector(s, r.id, r.category));
            enabled[i] = selected && !ignored;
            severity[i] = config.severity.get(r.id).copied().unwrap_or(r.severity);
        }

        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut tags: Vec<(u8, u8)> = Vec::new();
        for (i, d) in RULES.iter().enumerate() {
            for &(p, sub) in d.phrases {
                patterns.push(normalise_phrase(p));
                tags.push((i as u8, sub));
            }
        }
        for (e, list) in elements::PHRASES.iter().enumerate() {
            for &(p, sub) in *list {
                patterns.push(normalise_phrase(p));
                tags.push((ELEMENT_BASE + e as u8, sub));
            }
        }
        let allow: HashSet<Vec<u8>> = config
            .allow_jargon
            .iter()
            .map(|s| normalise_phrase(s.trim()))
            .collect();
        let mut jargon_words: Vec<Vec<u8>> = Vec::new();
        for t in crate::rules::jargon::DEFAULT_TERMS {
            let n = normalise_phrase(t);
            if !allow.contains(&n) {
                jargon_words.push(n);
            }
        }
        for t in &config.jargon {
            let n = normalise_phrase(t.trim());
            if n.is_empty() || n.len() > 200 {
                return Err(Error::Jargon(t.clone()));
            }
            jargon_words.push(n);
        }
        for n in &jargon_words {
            patterns.push(n.clone());
            tags.push((code::JARGON, 0));
        }
        patterns.push(b"forthright:".to_vec());
        tags.push((MARKER, 0));

        let mut acronyms: HashSet<Vec<u8>> = crate::rules::shouting::ACRONYMS
            .iter()
            .map(|a| a.as_bytes().to_vec())
            .collect();
        acronyms.extend(jargon_words.iter().cloned());
        acronyms.extend(config.acronyms.iter().map(|a| normalise_phrase(a.trim())));
        Ok(Checker {
            index: PhraseIndex::new(patterns),
            tags,
            enabled,
            severity,
            settings: Settings { acronyms },
        })
    }

    /// Whether the rule with this id is enabled.
    pub fn is_enabled(&self, id: &str) -> bool {
        registry::code_of(id).is_some_and(|c| self.enabled[c as usize])
    }

    /// Checks one message and returns its findings, sorted by position.
    ///
    /// Never fails and never panics: any text gives findings. Text beyond
    /// 4 GiB is not looked at.
    pub fn check(&self, text: &str, opts: &Options) -> Vec<Finding> {
        self.run(text, opts, false).findings
    }

    /// Reports which playbook elements the message has, with evidence.
    pub fn elements(&self, text: &str, opts: &Options) -> Vec<ElementReport> {
        self.check_full(text, opts).elements
    }

    /// Checks one message: findings and elements.
    pub fn check_full(&self, text: &str, opts: &Options) -> Outcome {
        self.run(text, opts, true)
    }

    fn run(&self, text: &str, opts: &Options, with_elements: bool) -> Outcome {
        thread_local! {
            static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => self.run_in(text, opts, with_elements, &mut scratch),
            // Only reachable if a rule re-entered the checker; stay correct.
            Err(_) => self.run_in(text, opts, with_elements, &mut Scratch::default()),
        })
    }

    fn run_in(
        &self,
        text: &str,
        opts: &Options,
        with_elements: bool,
        scratch: &mut Scratch,
    ) -> Outcome {
        let text = clamp(text);
        let mut doc = Doc::with_buffers(text, std::mem::take(&mut scratch.doc));
        let hits = &mut scratch.hits;
        self.scan_into(&doc.norm, hits);

        // Suppression markers: parse them, and treat their text as not the writer's.
        let markers = &mut scratch.markers;
        markers.clear();
        markers.extend(hits.iter().filter(|h| h.owner == MARKER).map(|h| h.span()));
        let sup = suppress::parse(&doc, markers);
        doc.add_quoted(&sup.regions);

        annotate(&doc, hits);
        let by_owner = &mut scratch.by_owner;
        index_into(hits, by_owner);
        let el = elements::compute(&doc, hits, by_owner, opts, with_elements);

        let mut sink = Sink {
            rule: 0,
            out: std::mem::take(&mut scratch.raw),
        };
        sink.out.clear();
        for (i, d) in RULES.iter().enumerate() {
            if !self.enabled[i] {
                continue;
            }
            let ctx = Ctx {
                doc: &doc,
                hits,
                by_owner,
                opts,
                el: &el,
                settings: &self.settings,
                me: i as u8,
            };
            sink.rule = i as u8;
            (d.check)(&ctx, &mut sink);
        }
        let findings = self.finish(&doc, &mut sink.out, &sup, &mut scratch.ends);
        scratch.raw = sink.out;
        let elements = if with_elements {
            elements::report(&doc, &el)
        } else {
            Vec::new()
        };
        scratch.doc = doc.into_buffers();
        Outcome { findings, elements }
    }

    /// Finds every phrase on word edges and sorts the hits by start, longer
    /// first; phrases with the same span stay in phrase order. Fills `hits`
    /// (reused between messages).
    fn scan_into(&self, norm: &[u8], hits: &mut Vec<Hit>) {
        hits.clear();
        self.index.for_each(norm, |s, e, pid| {
            let (owner, sub) = self.tags[pid as usize];
            hits.push(Hit {
                start: s as u32,
                end: e as u32,
                owner,
                sub,
                sentence: 0,
                quoted: false,
                live: false,
            });
        });
        sort_hits(hits);
    }

    /// Applies suppressions, maps spans back to the original text, sorts,
    /// and computes positions in one pass.
    fn finish(
        &self,
        doc: &Doc<'_>,
        raw: &mut Vec<Raw>,
        sup: &Suppressions,
        ends: &mut Vec<(usize, usize)>,
    ) -> Vec<Finding> {
        for r in raw.iter_mut() {
            if !r.orig {
                let (a, b) = doc.orig_span(r.span);
                r.span = (a as u32, b as u32);
                r.orig = true;
            }
        }
        // Stable: findings of one rule at one span keep the order the rule gave.
        raw.sort_by_key(|r| (r.span.0, r.span.1, r.rule));
        let mut loc = Locator::new(doc.text);
        ends.clear();
        let mut out = Vec::with_capacity(raw.len());
        let mut last_end = [0usize; 22];
        for r in raw.drain(..) {
            let (a, b) = (r.span.0 as usize, r.span.1 as usize);
            let id = RULES[r.rule as usize].rule.id;
            // Overlapping findings of one rule ("just a small" / "small delay") are one finding.
            let slot = &mut last_end[r.rule as usize % 22];
            if a < *slot {
                continue;
            }
            *slot = b.max(a + 1);
            let (line, column) = loc.locate(a);
            if sup.suppressed(id, line) {
                continue;
            }
            ends.push((b, out.len()));
            out.push(Finding {
                rule: id,
                severity: self.severity[r.rule as usize],
                principle: RULES[r.rule as usize].rule.principle,
                message: r.message,
                span: Span { start: a, end: b },
                start: Position { line, column },
                end: Position { line, column },
                fix: r.fix,
            });
        }
        // End positions: a second linear pass in end order.
        ends.sort_unstable();
        let mut loc = Locator::new(doc.text);
        for &(b, i) in ends.iter() {
            let (line, column) = loc.locate(b);
            out[i].end = Position { line, column };
        }
        out
    }
}

/// Per-thread buffers reused from one message to the next.
#[derive(Default)]
struct Scratch {
    doc: DocBuffers,
    hits: Vec<Hit>,
    markers: Vec<NSpan>,
    by_owner: Vec<Vec<u32>>,
    raw: Vec<Raw>,
    ends: Vec<(usize, usize)>,
}

/// Sorts hits by start, longer first, keeping the order of equal spans
/// (phrase order: they come from one anchor's candidate list).
///
/// Hits arrive ordered by the end of their anchor, so they are nearly sorted
/// by start: a hit moves back only past hits inside its own span. Insertion
/// sort is linear here; a budget guards against pathological phrase sets
/// (then a stable merge sort finishes the job).
fn sort_hits(hits: &mut [Hit]) {
    #[inline]
    fn before(a: &Hit, b: &Hit) -> bool {
        a.start < b.start || (a.start == b.start && a.end > b.end)
    }
    let mut budget = hits.len().saturating_mul(64) + 4096;
    for i in 1..hits.len() {
        if !before(&hits[i], &hits[i - 1]) {
            continue;
        }
        let h = hits[i];
        let mut j = i;
        while j > 0 && before(&h, &hits[j - 1]) {
            hits[j] = hits[j - 1];
            j -= 1;
        }
        hits[j] = h;
        budget = budget.saturating_sub(i - j);
        if budget == 0 {
            hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            return;
        }
    }
}

/// Limits the text to what spans can address (u32 offsets), on a char boundary.
fn clamp(text: &str) -> &str {
    let max = (u32::MAX - 8) as usize;
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Assigns sentences and quotation, then decides which hits are live:
/// unquoted, not inside a longer hit of the same owner and sub-tag, and not
/// inside a mask of the same owner.
fn annotate(doc: &Doc<'_>, hits: &mut [Hit]) {
    let mut si = 0usize;
    let mut qi = 0usize;
    let mut pos_max = [0u32; OWNERS * SUBS];
    let mut mask_max = [0u32; OWNERS];
    for h in hits.iter_mut() {
        while si + 1 < doc.sentences.len() && doc.sentences[si].1 <= h.start {
            si += 1;
        }
        h.sentence = si as u32;
        while qi < doc.quoted.len() && doc.quoted[qi].1 <= h.start {
            qi += 1;
        }
        h.quoted = doc.quoted.get(qi).is_some_and(|q| q.0 <= h.start);
        let owner = h.owner as usize;
        if h.quoted || owner >= OWNERS {
            h.live = false;
            continue;
        }
        if h.sub == MASK {
            mask_max[owner] = mask_max[owner].max(h.end);
            h.live = false;
            continue;
        }
        let key = owner * SUBS + (h.sub as usize).min(SUBS - 1);
        if pos_max[key] >= h.end || mask_max[owner] >= h.end {
            h.live = false;
            continue;
        }
        h.live = true;
        pos_max[key] = h.end;
    }
}

/// Per-owner lists of live hits, in reused vectors.
fn index_into(hits: &[Hit], by: &mut Vec<Vec<u32>>) {
    by.resize_with(OWNERS, Vec::new);
    for v in by.iter_mut() {
        v.clear();
    }
    for (i, h) in hits.iter().enumerate() {
        if h.live && (h.owner as usize) < OWNERS {
            by[h.owner as usize].push(i as u32);
        }
    }
}

/// Convenience for rules: the element evidence of one kind.
pub(crate) fn has(el: &ElementSet, e: Element) -> bool {
    !el.get(e).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Channel, Kind};

    fn ids(text: &str, opts: &Options) -> Vec<&'static str> {
        let c = Checker::new(&Config::default()).unwrap();
        let mut v: Vec<_> = c.check(text, opts).into_iter().map(|f| f.rule).collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn spans_are_exact_and_positions_in_chars() {
        let c = Checker::new(&Config::default()).unwrap();
        let text = "Caf\u{e9} note:\nDon\u{2019}t worry about it.";
        let f = c.check(text, &Options::default());
        let m = f
            .iter()
            .find(|f| f.rule == "minimizing")
            .expect("minimizing");
        assert_eq!(&text[m.span.start..m.span.end], "Don\u{2019}t worry");
        assert_eq!((m.start.line, m.start.column), (2, 1));
        assert_eq!((m.end.line, m.end.column), (2, 12));
    }

    #[test]
    fn quoted_customer_words_are_not_the_writers() {
        let opts = Options::default();
        let v = ids(
            "You said \u{201C}the warehouse messed up again\u{201D}.",
            &opts,
        );
        assert!(!v.contains(&"blame"), "{v:?}");
        let v = ids("> lol this is a joke\nWe are sorry.", &opts);
        assert!(!v.contains(&"humor"), "{v:?}");
    }

    #[test]
    fn negation_clears_blame_customer() {
        let opts = Options::default();
        assert!(!ids("This is not your fault.", &opts).contains(&"blame-customer"));
        assert!(ids("This is your fault.", &opts).contains(&"blame-customer"));
    }

    #[test]
    fn select_ignore_and_severity() {
        let mut cfg = Config {
            select: Some(vec!["tone".into()]),
            ignore: vec!["humor".into()],
            ..Config::default()
        };
        cfg.severity.insert("minimizing".into(), Severity::Info);
        let c = Checker::new(&cfg).unwrap();
        assert!(c.is_enabled("minimizing") && !c.is_enabled("humor") && !c.is_enabled("blame"));
        let f = c.check("Don't worry lol", &Options::default());
        assert!(
            f.iter()
                .all(|f| f.rule == "minimizing" || f.rule == "shouting")
        );
        assert_eq!(f[0].severity, Severity::Info);
        cfg.ignore = vec!["no-such-rule".into()];
        assert!(matches!(Checker::new(&cfg), Err(Error::UnknownRule(_))));
    }

    /// The phrase index finds exactly what a plain search for every phrase
    /// on word edges finds, on every corpus message.
    #[test]
    fn index_agrees_with_a_plain_search_on_the_corpus() {
        let c = Checker::new(&Config::default()).unwrap();
        for file in ["main.toml", "heldout.toml"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("corpus")
                .join(file);
            let src = std::fs::read_to_string(path).unwrap();
            let doc = Doc::new(&src);
            let want = crate::index::plain_search(c.index.phrases(), &doc.norm);
            let mut got = Vec::new();
            c.index.for_each(&doc.norm, |s, e, p| got.push((s, e, p)));
            got.sort_unstable();
            assert!(want.len() > 1_000, "{file}: {} hits", want.len());
            assert!(
                got == want,
                "{file}: {} hits vs {} expected",
                got.len(),
                want.len()
            );
        }
    }

    #[test]
    fn a_good_message_passes_clean() {
        let text = "Hi Dana, I'm calling with bad news about your order: the standing desk \
                    is delayed by two weeks because our supplier's factory lost power in a storm. \
                    I'm sorry; I know you planned your new office around it. \
                    You can wait for the new date of March 14, take the Model B desk today at the same price, \
                    or cancel for a full refund. Which would you prefer? \
                    I'll call you on Friday March 7 with an update. Thank you for your patience.";
        let opts = Options {
            channel: Some(Channel::Phone),
            kind: Some(Kind::Delay),
        };
        assert_eq!(ids(text, &opts), Vec::<&str>::new());
    }
}
