//! `blame`: disparaging or pinning fault on a department, colleague, supplier
//! or carrier (P7). A factual cause ("our supplier's plant closed after a
//! flood") is a reason, not blame: only fault words and disparagement count.

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule, code};
use crate::text::NSpan;

const TARGET: u8 = 0;
const TERM: u8 = 1;
const STRONG: u8 = 2;

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "blame",
        category: Category::Blame,
        severity: Severity::Error,
        summary: "Disparages or pins fault on a department, colleague, supplier or carrier.",
        principle: "P7",
        rationale: "Customers hear blame as an excuse and as a sign that nobody is in charge. \
            Own the problem as the company (\"we\"), give the factual cause as a reason, and \
            never bad-mouth a colleague, department, supplier or carrier (P7).",
        bad: &[
            Example::plain("Those guys in shipping are terrible, they messed up your order."),
            Example::plain("The warehouse messed up again, so your order is late."),
            Example::plain("Honestly, it's not our fault; the courier lost track of it."),
        ],
        good: &[
            Example::plain("The courier will try again on Thursday 6 March before noon."),
            Example::plain("Royal Mail's parcel rates went up again in April."),
            Example::plain("Our supplier's plant closed after a flood, so your order is late."),
            Example::plain("We made a mistake in our warehouse and sent the wrong size."),
            Example::plain("This is not the carrier's fault; we booked the wrong date."),
        ],
    },
    phrases: &[
        ("shipping", TARGET),
        ("team", TARGET),
        ("data centre", TARGET),
        ("data center", TARGET),
        ("landlord", TARGET),
        ("shipping department", TARGET),
        ("shipping team", TARGET),
        ("warehouse", TARGET),
        ("warehouse team", TARGET),
        ("warehouse staff", TARGET),
        ("supplier", TARGET),
        ("suppliers", TARGET),
        ("vendor", TARGET),
        ("carrier", TARGET),
        ("courier", TARGET),
        ("delivery company", TARGET),
        ("driver", TARGET),
        ("fedex", TARGET),
        ("ups", TARGET),
        ("dhl", TARGET),
        ("usps", TARGET),
        ("couriers", TARGET),
        ("tannery", TARGET),
        ("firm", TARGET),
        ("the company that", TARGET),
        ("their kit", TARGET),
        ("accounts office", TARGET),
        ("back office", TARGET),
        ("carriers", TARGET),
        ("drivers", TARGET),
        ("vendors", TARGET),
        ("manufacturers", TARGET),
        ("wholesalers", TARGET),
        ("lot in", TARGET),
        ("dpd", TARGET),
        ("evri", TARGET),
        ("hermes", TARGET),
        ("yodel", TARGET),
        ("parcelforce", TARGET),
        ("gls", TARGET),
        ("tnt", TARGET),
        ("royal mail", TARGET),
        ("post office", TARGET),
        ("factory", TARGET),
        ("manufacturer", TARGET),
        ("billing department", TARGET),
        ("billing team", TARGET),
        ("accounting", TARGET),
        ("accounts team", TARGET),
        ("finance team", TARGET),
        ("it department", TARGET),
        ("it team", TARGET),
        ("tech team", TARGET),
        ("tech guys", TARGET),
        ("engineers", TARGET),
        ("developers", TARGET),
        ("dev team", TARGET),
        ("marketing", TARGET),
        ("sales team", TARGET),
        ("management", TARGET),
        ("head office", TARGET),
        ("corporate", TARGET),
        ("other team", TARGET),
        ("logistics", TARGET),
        ("colleague", TARGET),
        ("coworker", TARGET),
        ("co-worker", TARGET),
        ("new guy", TARGET),
        ("intern", TARGET),
        ("those guys", TARGET),
        ("that team", TARGET),
        ("whoever", TARGET),
        ("someone in", TARGET),
        ("somebody in", TARGET),
        ("partner", TARGET),
        ("payment processor", TARGET),
        ("third party", TARGET),
        ("third-party", TARGET),
        ("contractor", TARGET),
        ("importer", TARGET),
        ("web team", TARGET),
        ("managed to send", TERM),
        ("come to expect", TERM),
        ("forwarder", TARGET),
        ("freight forwarder", TARGET),
        ("distributor", TARGET),
        ("bindery", TARGET),
        ("glassworks", TARGET),
        ("road crew", TARGET),
        ("early shift", TARGET),
        ("late shift", TARGET),
        ("haven't a clue", TERM),
        ("all over the place", TERM),
        ("hasn't a clue", TERM),
        ("haven't got a clue", TERM),
        ("couldn't organise", TERM),
        ("couldn't organize", TERM),
        ("can't read a", TERM),
        ("basic work", TERM),
        ("let us down yet again", STRONG),
        ("to save their lives", STRONG),
        ("to save his life", STRONG),
        ("their nonsense", STRONG),
        ("that lot", STRONG),
        ("tired of chasing", STRONG),
        ("had enough of their", STRONG),
        ("had enough of them", STRONG),
        ("messed up", TERM),
        ("mess up", TERM),
        ("messes up", TERM),
        ("screwed up", TERM),
        ("screw up", TERM),
        ("botched", TERM),
        ("dropped the ball", TERM),
        ("incompetent", TERM),
        ("incompetence", TERM),
        ("useless", TERM),
        ("terrible", TERM),
        ("awful", TERM),
        ("hopeless", TERM),
        ("clueless", TERM),
        ("lazy", TERM),
        ("careless", TERM),
        ("sloppy", TERM),
        ("idiots", TERM),
        ("idiot", TERM),
        ("to blame", TERM),
        ("blame", TERM),
        ("at fault", TERM),
        ("their mistake", TERM),
        ("their error", TERM),
        ("let us down", TERM),
        ("failed us", TERM),
        ("a mess", TERM),
        ("unreliable", TERM),
        ("as usual", TERM),
        ("typical", TERM),
        ("again", TERM),
        ("can't get anything right", TERM),
        ("no idea what they", TERM),
        ("not our fault", STRONG),
        ("isn't our fault", STRONG),
        ("is not our fault", STRONG),
        ("wasn't our fault", STRONG),
        ("was not our fault", STRONG),
        ("nothing to do with us", STRONG),
        ("their fault", STRONG),
        ("blame them", STRONG),
        ("those clowns", STRONG),
        ("those idiots", STRONG),
        ("those people", STRONG),
        ("useless bunch", STRONG),
        ("maker", TARGET),
        ("mill", TARGET),
        ("operator", TARGET),
        ("sales assistant", TARGET),
        ("assistant", TARGET),
        ("staff", TARGET),
        ("crews", TARGET),
        ("van crews", TARGET),
        ("depot", TARGET),
        ("printer", TARGET),
        ("print partner", TARGET),
        ("wholesaler", TARGET),
        ("publishers", TARGET),
        ("studios", TARGET),
        ("plumber", TARGET),
        ("engineer", TARGET),
        ("fitters", TARGET),
        ("fitter", TARGET),
        ("regulator", TARGET),
        ("'s fault", TERM),
        ("fault lies", TERM),
        ("fault of", TERM),
        ("refuse to", TERM),
        ("gouge", TERM),
        ("gouging", TERM),
        ("made a right mess", TERM),
        ("a mess of", TERM),
        ("mess of it", TERM),
        ("shambles", TERM),
        ("cowboys", TERM),
        ("frankly they", TERM),
        ("typical of", TERM),
        ("shambles", STRONG),
        ("a bunch of cowboys", STRONG),
        ("bunch of cowboys", STRONG),
        ("in the lurch", STRONG),
        ("get away with it", STRONG),
        ("got away with it", STRONG),
        ("standard of staff", STRONG),
        ("gouge", STRONG),
        ("gouging", STRONG),
        ("a right mess", STRONG),
        ("hopeless fabric", STRONG),
        ("our useless", STRONG),
        ("their useless", STRONG),
        ("useless courier", STRONG),
        ("agency", TARGET),
        ("temps", TARGET),
        ("temp staff", TARGET),
        ("new staff", TARGET),
        ("night shift", TARGET),
        ("other department", TARGET),
        ("department", TARGET),
        ("the guys", TARGET),
        ("the lads", TARGET),
        ("their staff", TARGET),
        ("their team", TARGET),
        ("their driver", TARGET),
        ("supplier's", TARGET),
        ("courier's", TARGET),
        ("carrier's", TARGET),
        ("can't be trusted", TERM),
        ("nightmare", TERM),
        ("disaster", TERM),
        ("rubbish", TERM),
        ("made a mess", TERM),
        ("negligent", TERM),
        ("didn't bother", TERM),
        ("couldn't be bothered", TERM),
        ("can't even", TERM),
        ("keeps messing", TERM),
        ("useless lot", TERM),
        ("fools", TERM),
        ("fool", TERM),
        ("beyond them", TERM),
        ("as ever", TERM),
        ("a disaster to deal with", STRONG),
        ("a nightmare to deal with", STRONG),
        ("nothing but trouble", STRONG),
        ("the cowboys", STRONG),
        ("so-called", STRONG),
        ("bungled", TERM),
        ("bungle", TERM),
        ("fumbled", TERM),
        ("managed to get this wrong", TERM),
        ("managed to get it wrong", TERM),
        ("infinite wisdom", TERM),
        ("managed to lose", TERM),
        ("managed to break", TERM),
        ("managed to damage", TERM),
        ("managed to misplace", TERM),
        ("too much to ask", TERM),
        ("useless lot", STRONG),
        ("bunch of idiots", STRONG),
        ("couldn't be bothered", STRONG),
        ("can't be trusted", STRONG),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    each_blame(ctx, |span, target| {
        let w = ctx.text_of(span);
        match target {
            Some(t) => sink.emit(
                span,
                format!(
                    "\"{w}\" blames {t}; never bad-mouth a colleague, department or partner (P7)"
                ),
                Some("Give the factual cause as a reason and speak as \"we\".".into()),
            ),
            None => sink.emit(
                span,
                format!("\"{w}\" shifts the fault away from us; own the problem (P7)"),
                Some("Say what happened and that we are responsible for putting it right.".into()),
            ),
        }
    });
}

/// Whether the message pins the fault on someone: a cause told the wrong way,
/// which `blame` reports, but a cause all the same (so the reason is not
/// also missing).
pub(crate) fn pins_fault(ctx: &Ctx<'_>) -> bool {
    let mut found = false;
    each_blame(ctx, |_, _| found = true);
    found
}

/// Calls `f(span, target)` for every blaming phrase: a reproach in a sentence
/// that names a target (`Some(target)`), or a phrase that shifts the fault
/// on its own (`None`).
fn each_blame<'a>(ctx: &Ctx<'a>, mut f: impl FnMut(NSpan, Option<&'a str>)) {
    let mut sentence = u32::MAX;
    let mut target: Option<&str> = None;
    let mut pending: Vec<NSpan> = Vec::new();
    for h in ctx.of(code::BLAME) {
        if h.sentence != sentence {
            sentence = h.sentence;
            target = None;
            pending.clear();
        }
        match h.sub {
            // "we can't say we blame them" blames nobody.
            STRONG if !h.negated(ctx.doc) => f(h.span(), None),
            STRONG => {}
            TARGET => {
                let t = ctx.text_of(h.span());
                if target.is_none() {
                    for span in pending.drain(..) {
                        f(span, Some(t));
                    }
                }
                target = Some(t);
            }
            _ => {
                if h.negated(ctx.doc) || retry(ctx, h.start, h.end) {
                    continue;
                }
                match target {
                    Some(t) => f(h.span(), Some(t)),
                    None => pending.push(h.span()),
                }
            }
        }
    }
}

/// Whether the words after "again" say when we will try: "I'm on to the
/// wholesaler again first thing tomorrow".
fn starts_soon(rest: &[u8]) -> bool {
    let rest = rest.trim_ascii_start();
    [
        &b"tomorrow"[..],
        b"today",
        b"tonight",
        b"later",
        b"first thing",
        b"next",
        b"this morning",
        b"this afternoon",
        b"this evening",
        b"on monday",
        b"on tuesday",
        b"on wednesday",
        b"on thursday",
        b"on friday",
        b"on saturday",
        b"on sunday",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// Whether a hit of "again" is about trying again ("the courier will try
/// again on Thursday", "I'll call you again"): a future or an attempt in the
/// four words before it ("I will write to you again"), not a reproach.
fn retry(ctx: &Ctx<'_>, start: u32, end: u32) -> bool {
    if ctx.doc.slice((start, end)) != b"again" {
        return false;
    }
    const FUTURE: &[&[u8]] = &[
        b"will", b"ll", b"shall", b"try", b"tries", b"trying", b"attempt", b"can", b"could",
        b"going", b"write", b"call", b"ring", b"email", b"text", b"phone", b"contact", b"speak",
        b"update", b"deliver", b"visit", b"must", b"need", b"needs", b"be",
    ];
    let s = ctx.doc.sentence_of(start);
    let from = ctx.doc.sentences.get(s).map_or(0, |s| s.0);
    let before = ctx.doc.slice((from.max(start.saturating_sub(40)), start));
    let future_before = before
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .any(|w| FUTURE.contains(&w));
    let retried = (future_before || starts_soon(ctx.doc.slice((end, end.saturating_add(24)))))
        && !before.ends_with(b"up ")
        && !before.ends_with(b"down ");
    retried || back_to_normal(before)
}

/// Whether the words before "again" say that something works again ("your
/// shop was taking orders again") or that a price moved again ("rates went
/// up again"): news or a cause, not a reproach.
fn back_to_normal(before: &[u8]) -> bool {
    const RESTORED: &[&[u8]] = &[
        b"working",
        b"running",
        b"taking",
        b"open",
        b"online",
        b"available",
        b"normal",
        b"flowing",
        b"moving",
        b"accepting",
        b"receiving",
        b"rose",
        b"risen",
        b"rising",
        b"building",
        b"producing",
        b"manufacturing",
        b"back",
        b"opening",
        b"reopening",
    ];
    let mut words = before
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev();
    let last = words.next().unwrap_or(b"");
    let prev = words.next().unwrap_or(b"");
    let third = words.next().unwrap_or(b"");
    // "opening the portal again": the verb may be two words back.
    [last, prev, third].iter().any(|w| RESTORED.contains(w))
        || (last == b"up" && matches!(prev, b"went" | b"gone" | b"go" | b"goes" | b"going"))
}
