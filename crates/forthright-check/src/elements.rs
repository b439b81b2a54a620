//! Playbook elements: which parts of a good bad-news message are present.
//!
//! A good message has the news (P4), its reason (P5), a sincere apology and
//! empathy (P6), alternatives (P8), a next step (P13, P14), in a call a
//! question for the customer (P9), and thanks (P11). The `missing-*` rules
//! and `buried-news` read this set; `forthright check --elements` shows it.

use crate::checker::{ELEMENT_BASE, Hit, MASK};
use crate::registry::code;
use crate::text::{Doc, Locator, NSpan};
use crate::{Options, Position, Span};
use serde::Serialize;

/// One element of a good bad-news message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Element {
    /// The bad news itself (P4).
    News,
    /// The cause or business reason (P5).
    Reason,
    /// A sincere, unconditional apology (P6).
    Apology,
    /// Acknowledgement of the customer's situation or feelings (P6).
    Empathy,
    /// An option for the customer: substitute, refund, credit, new date (P8).
    Alternative,
    /// A concrete next step or the date of the next update (P13, P14).
    NextStep,
    /// A question asking for the customer's view or preference (P9).
    Question,
    /// Thanks for patience, understanding or business (P11).
    Thanks,
}

impl Element {
    /// Every element, in playbook order.
    pub const ALL: [Element; 8] = [
        Element::News,
        Element::Reason,
        Element::Apology,
        Element::Empathy,
        Element::Alternative,
        Element::NextStep,
        Element::Question,
        Element::Thanks,
    ];

    /// The kebab-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Element::News => "news",
            Element::Reason => "reason",
            Element::Apology => "apology",
            Element::Empathy => "empathy",
            Element::Alternative => "alternative",
            Element::NextStep => "next-step",
            Element::Question => "question",
            Element::Thanks => "thanks",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One piece of evidence for an element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Byte span in the checked text.
    pub span: Span,
    /// Where it starts.
    pub start: Position,
    /// The words themselves.
    pub text: String,
}

/// Whether a message has one element, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementReport {
    /// The element.
    pub element: Element,
    /// Whether it was found.
    pub present: bool,
    /// Where (at most [`MAX_EVIDENCE`] places).
    pub evidence: Vec<Evidence>,
}

/// Evidence kept per element in reports, so output stays bounded.
pub const MAX_EVIDENCE: usize = 20;

/// Element evidence in normalised coordinates.
#[derive(Debug, Default)]
pub(crate) struct ElementSet {
    found: [Vec<NSpan>; 8],
}

impl ElementSet {
    /// Evidence spans of one element, in text order.
    pub fn get(&self, e: Element) -> &[NSpan] {
        &self.found[e.index()]
    }
}

/// Sub-tag of the `?` pattern under [`Element::Question`].
const QMARK: u8 = 1;

const NEWS: &[(&str, u8)] = &[
    ("unfortunately", 0),
    ("i'm afraid", 0),
    ("i am afraid", 0),
    ("we're afraid", 0),
    ("bad news", 0),
    ("some bad news", 0),
    ("disappointing news", 0),
    ("not good news", 0),
    ("delayed", 0),
    ("delay", 0),
    ("delays", 0),
    ("late", 0),
    ("running late", 0),
    ("behind schedule", 0),
    ("held up", 0),
    ("slipped", 0),
    ("pushed back", 0),
    ("backorder", 0),
    ("backordered", 0),
    ("back order", 0),
    ("back-order", 0),
    ("back-ordered", 0),
    ("back ordered", 0),
    ("out of stock", 0),
    ("sold out", 0),
    ("no longer available", 0),
    ("unavailable", 0),
    ("not available", 0),
    ("isn't available", 0),
    ("discontinued", 0),
    ("discontinuing", 0),
    ("discontinue", 0),
    ("no longer make", 0),
    ("no longer making", 0),
    ("no longer be", 0),
    ("no longer offer", 0),
    ("no longer carry", 0),
    ("stopped making", 0),
    ("stop making", 0),
    ("won't arrive", 0),
    ("will not arrive", 0),
    ("won't be", 0),
    ("will not be", 0),
    ("can't ship", 0),
    ("cannot ship", 0),
    ("unable to ship", 0),
    ("won't ship", 0),
    ("outage", 0),
    ("is down", 0),
    ("was down", 0),
    ("went down", 0),
    ("are down", 0),
    ("offline", 0),
    ("not working", 0),
    ("disruption", 0),
    ("interrupted", 0),
    ("interruption", 0),
    ("billing error", 0),
    ("billing mistake", 0),
    ("charged twice", 0),
    ("charged you twice", 0),
    ("double charged", 0),
    ("double-charged", 0),
    ("overcharged", 0),
    ("charged you", 0),
    ("incorrect charge", 0),
    ("wrong amount", 0),
    ("billed you", 0),
    ("price increase", 0),
    ("price change", 0),
    ("price rise", 0),
    ("prices will", 0),
    ("price will", 0),
    ("price is going up", 0),
    ("prices are going up", 0),
    ("going up", 0),
    ("will increase", 0),
    ("will rise", 0),
    ("increasing", 0),
    ("more expensive", 0),
    ("cancelled", 0),
    ("canceled", 0),
    ("we made a mistake", 0),
    ("we made an error", 0),
    ("missed", 0),
    ("won't make it", 0),
    ("will be ending", 0),
    ("is ending", 0),
    ("no longer include", 0),
    ("changing", 0),
    ("will change", 0),
    ("shut down", 0),
    ("shutting down", 0),
    ("retiring", 0),
    ("retire", 0),
];

const REASON: &[(&str, u8)] = &[
    ("because", 0),
    ("due to", 0),
    ("owing to", 0),
    ("caused by", 0),
    ("as a result of", 0),
    ("the reason", 0),
    ("the cause", 0),
    ("the result of", 0),
    ("resulted from", 0),
    ("came from", 0),
    ("after a", 0),
    ("after our", 0),
    ("after the", 0),
    ("following a", 0),
    ("following the", 0),
    ("since our", 0),
    ("since the", 0),
    ("flood", 0),
    ("flooding", 0),
    ("fire", 0),
    ("storm", 0),
    ("strike", 0),
    ("shortage", 0),
    ("recall", 0),
    ("customs", 0),
    ("a bug", 0),
    ("software bug", 0),
    ("glitch", 0),
    ("a fault", 0),
    ("failure", 0),
    ("failed", 0),
    ("power cut", 0),
    ("our mistake", 0),
    ("our error", 0),
    ("we made a mistake", 0),
    ("we made an error", 0),
    ("we charged", 0),
    ("we billed", 0),
    ("we applied", 0),
    ("our system", 0),
    ("costs", 0),
    ("cost of", 0),
    ("inflation", 0),
    ("tariff", 0),
    ("tariffs", 0),
    ("demand", 0),
    ("weather", 0),
    ("snow", 0),
    ("hurricane", 0),
    ("defect", 0),
    ("defective", 0),
    ("inspection", 0),
    ("safety", 0),
    ("regulation", 0),
    ("regulations", 0),
    ("end of life", 0),
    ("contract", 0),
    ("maintenance", 0),
    ("so that we can", 0),
    ("in order to", 0),
    ("to cover", 0),
    ("so we can", 0),
];

const APOLOGY: &[(&str, u8)] = &[
    ("sorry", 0),
    ("apologize", 0),
    ("apologise", 0),
    ("apologies", 0),
    ("apology", 0),
    ("we regret", 0),
    ("i regret", 0),
];

const EMPATHY: &[(&str, u8)] = &[
    ("i understand", 0),
    ("we understand", 0),
    ("understand how", 0),
    ("i know how", 0),
    ("i know this", 0),
    ("i know that", 0),
    ("we know this", 0),
    ("we know how", 0),
    ("we know that", 0),
    ("i know you", 0),
    ("we know you", 0),
    ("i can imagine", 0),
    ("can only imagine", 0),
    ("i realize", 0),
    ("i realise", 0),
    ("we realize", 0),
    ("we realise", 0),
    ("frustrating", 0),
    ("frustrated", 0),
    ("frustration", 0),
    ("disappointing", 0),
    ("disappointed", 0),
    ("disappointment", 0),
    ("upsetting", 0),
    ("annoying", 0),
    ("stressful", 0),
    ("worrying", 0),
    ("inconvenient", 0),
    ("hassle", 0),
    ("counting on", 0),
    ("relying on", 0),
    ("rely on", 0),
    ("depend on", 0),
    ("depending on", 0),
    ("looking forward", 0),
    ("planned around", 0),
    ("your plans", 0),
    ("i hear you", 0),
    ("that must", 0),
    ("this must", 0),
    ("must be", 0),
    ("not what you", 0),
    ("last thing you", 0),
    ("this affects", 0),
    ("affects you", 0),
    ("hard on", 0),
    ("difficult", 0),
    ("i get it", 0),
    ("in your shoes", 0),
    ("waiting for", 0),
    ("you needed", 0),
    ("you need it", 0),
    ("you were expecting", 0),
    ("you expected", 0),
    ("you've been waiting", 0),
    ("you have been waiting", 0),
];

const ALTERNATIVE: &[(&str, u8)] = &[
    ("refund", 0),
    ("refunded", 0),
    ("refunding", 0),
    ("money back", 0),
    ("substitute", 0),
    ("substitution", 0),
    ("replacement", 0),
    ("alternative", 0),
    ("alternatives", 0),
    ("credit", 0),
    ("credited", 0),
    ("credit card", MASK),
    ("voucher", 0),
    ("coupon", 0),
    ("discount", 0),
    ("% off", 0),
    ("partial shipment", 0),
    ("ship what", 0),
    ("ship the rest", 0),
    ("ship the part", 0),
    ("ship part", 0),
    ("split", 0),
    ("cancel", 0),
    ("cancellation", 0),
    ("swap", 0),
    ("exchange", 0),
    ("switch", 0),
    ("upgrade", 0),
    ("option", 0),
    ("options", 0),
    ("choose", 0),
    ("choice", 0),
    ("instead", 0),
    ("similar", 0),
    ("equivalent", 0),
    ("comparable", 0),
    ("waive", 0),
    ("waived", 0),
    ("reverse", 0),
    ("reversed", 0),
    ("reimburse", 0),
    ("keep your order", 0),
    ("keep the order", 0),
    ("hold your order", 0),
    ("wait for", 0),
    ("prefer to wait", 0),
    ("new date", 0),
    ("lock in", 0),
    ("current price", 0),
    ("old price", 0),
    ("loaner", 0),
    ("workaround", 0),
    ("free shipping", 0),
    ("expedite", 0),
    ("expedited", 0),
];

const NEXT_STEP: &[(&str, u8)] = &[
    ("i will call", 0),
    ("i'll call", 0),
    ("we will call", 0),
    ("we'll call", 0),
    ("call you", 0),
    ("email you", 0),
    ("text you", 0),
    ("contact you", 0),
    ("update you", 0),
    ("keep you updated", 0),
    ("keep you posted", 0),
    ("keep you informed", 0),
    ("next update", 0),
    ("an update", 0),
    ("follow up", 0),
    ("follow-up", 0),
    ("send you", 0),
    ("we will send", 0),
    ("we'll send", 0),
    ("you will receive", 0),
    ("you'll receive", 0),
    ("will ship", 0),
    ("will be shipped", 0),
    ("will arrive", 0),
    ("we will refund", 0),
    ("we'll refund", 0),
    ("will be refunded", 0),
    ("will be credited", 0),
    ("will process", 0),
    ("reply", 0),
    ("let us know", 0),
    ("let me know", 0),
    ("tell us", 0),
    ("tell me", 0),
    ("click", 0),
    ("visit", 0),
    ("tracking", 0),
    ("notify you", 0),
    ("we'll notify", 0),
    ("will notify", 0),
    ("i will", 0),
    ("i'll", 0),
    ("we will", 0),
    ("we'll", 0),
    ("will be back", 0),
    ("call us", 0),
    ("call me", 0),
];

const QUESTION: &[(&str, u8)] = &[
    ("?", QMARK),
    ("would you like", 0),
    ("would you prefer", 0),
    ("which would you", 0),
    ("what would you", 0),
    ("how would you", 0),
    ("what do you think", 0),
    ("how does that sound", 0),
];

const THANKS: &[(&str, u8)] = &[
    ("thank you", 0),
    ("thanks", 0),
    ("thank", 0),
    ("grateful", 0),
    ("appreciate your patience", 0),
    ("appreciate your understanding", 0),
    ("appreciate your business", 0),
    ("appreciate you", 0),
    ("appreciate it", 0),
    ("we appreciate", 0),
];

/// Element phrases, indexed like [`Element::ALL`].
pub(crate) const PHRASES: [&[(&str, u8)]; 8] = [
    NEWS,
    REASON,
    APOLOGY,
    EMPATHY,
    ALTERNATIVE,
    NEXT_STEP,
    QUESTION,
    THANKS,
];

/// Whether `[a, b)` lies inside one of `spans` (sorted by start).
fn inside(spans: &[NSpan], a: u32, b: u32) -> bool {
    let i = spans.partition_point(|s| s.0 <= a);
    spans[..i].iter().rev().take(4).any(|s| s.1 >= b)
}

/// Whether one of `spans` (sorted by start) starts within `gap` bytes after `end`
/// ("apologize for any inconvenience": the apology word is part of the stock phrase).
fn followed_by(spans: &[NSpan], end: u32, gap: u32) -> bool {
    let i = spans.partition_point(|s| s.0 < end);
    spans.get(i).is_some_and(|s| s.0 <= end + gap)
}

fn you_in(sentence: &[u8]) -> bool {
    sentence
        .windows(3)
        .enumerate()
        .any(|(i, w)| w == b"you" && (i == 0 || !sentence[i - 1].is_ascii_alphanumeric()))
}

/// Computes element evidence from the live hits.
pub(crate) fn compute(
    doc: &Doc<'_>,
    hits: &[Hit],
    by_owner: &[Vec<u32>],
    _opts: &Options,
) -> ElementSet {
    let live = |owner: u8| {
        by_owner
            .get(owner as usize)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&i| &hits[i as usize])
    };
    let spans_of = |owner: u8| live(owner).map(|h| h.span()).collect::<Vec<_>>();
    let mut insincere: Vec<NSpan> = spans_of(code::CONDITIONAL_APOLOGY);
    insincere.extend(spans_of(code::BOILERPLATE_APOLOGY));
    insincere.sort_unstable();
    let conditional = spans_of(code::CONDITIONAL_APOLOGY);

    let mut set = ElementSet::default();
    for e in Element::ALL {
        let owner = ELEMENT_BASE + e.index() as u8;
        let out = &mut set.found[e.index()];
        let mut last_q_sentence = u32::MAX;
        for h in live(owner) {
            let keep = match e {
                Element::Apology => {
                    !inside(&insincere, h.start, h.end)
                        && !followed_by(&insincere, h.end, 16)
                        && !doc.negated(h.start)
                }
                Element::Empathy => !inside(&conditional, h.start, h.end) && !doc.negated(h.start),
                Element::Alternative | Element::Thanks | Element::Reason => !doc.negated(h.start),
                Element::Question if h.sub == QMARK => {
                    if h.sentence == last_q_sentence {
                        false
                    } else {
                        last_q_sentence = h.sentence;
                        let s = doc
                            .sentences
                            .get(h.sentence as usize)
                            .copied()
                            .unwrap_or((0, 0));
                        you_in(doc.slice(s))
                    }
                }
                _ => true,
            };
            if keep {
                if e == Element::Question && h.sub == QMARK {
                    let s = doc
                        .sentences
                        .get(h.sentence as usize)
                        .copied()
                        .unwrap_or((0, 0));
                    out.push(trim(doc, s));
                } else {
                    out.push(h.span());
                }
            }
        }
    }
    set
}

/// A sentence span without surrounding whitespace.
fn trim(doc: &Doc<'_>, s: NSpan) -> NSpan {
    let b = doc.slice(s);
    let a = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(0);
    let z = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(a, |z| z + 1);
    (s.0 + a as u32, s.0 + z as u32)
}

/// Public reports, with positions, for every element.
pub(crate) fn report(doc: &Doc<'_>, set: &ElementSet) -> Vec<ElementReport> {
    let mut all: Vec<(usize, usize, usize)> = Vec::new(); // (orig start, element, slot)
    let mut reports: Vec<ElementReport> = Element::ALL
        .iter()
        .map(|&e| ElementReport {
            element: e,
            present: !set.get(e).is_empty(),
            evidence: Vec::new(),
        })
        .collect();
    for (ei, e) in Element::ALL.iter().enumerate() {
        for &s in set.get(*e).iter().take(MAX_EVIDENCE) {
            let (a, b) = doc.orig_span(s);
            let slot = reports[ei].evidence.len();
            reports[ei].evidence.push(Evidence {
                span: Span { start: a, end: b },
                start: Position { line: 0, column: 0 },
                text: doc.text.get(a..b).unwrap_or("").to_string(),
            });
            all.push((a, ei, slot));
        }
    }
    all.sort_unstable();
    let mut loc = Locator::new(doc.text);
    for (a, ei, slot) in all {
        let (line, column) = loc.locate(a);
        reports[ei].evidence[slot].start = Position { line, column };
    }
    reports
}
