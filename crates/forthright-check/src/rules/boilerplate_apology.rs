//! `boilerplate-apology`: stock apologies that never name the harm (P6).

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, ELEMENT_BASE, MASK, Sink};
use crate::elements::Element;
use crate::registry::code;
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "boilerplate-apology",
        category: Category::Apology,
        severity: Severity::Warning,
        summary: "A stock apology that never names the harm (\"we apologize for any inconvenience\").",
        principle: "P6",
        rationale: "Customers have read \"sorry for the inconvenience\" a thousand times; it \
            signals a form letter. A sincere apology names what went wrong and what it did to \
            the customer (P6).",
        bad: &[
            Example::plain("We apologize for any inconvenience."),
            Example::plain("Sorry for the inconvenience!"),
        ],
        good: &[
            Example::plain(
                "I'm sorry your desk will arrive two weeks late, after you planned around it.",
            ),
            Example::plain("We know this delay is an inconvenience, and we're sorry."),
        ],
    },
    phrases: &[
        ("for any inconvenience", 0),
        ("for the inconvenience", 0),
        ("for any inconveniences", 0),
        ("for the inconveniences", 0),
        ("any inconvenience caused", 0),
        ("the inconvenience caused", 0),
        ("any inconvenience this", 0),
        ("any inconvenience", 0),
        ("for any trouble", 0),
        ("for the trouble", 0),
        ("for any confusion", 0),
        ("for the confusion", 0),
        ("for any issues", 0),
        ("for any disruption", 0),
        ("for any frustration", 0),
        ("for any problems", 0),
        ("for any difficulties", 0),
        ("for any disappointment", 0),
        ("inconvenience caused", 0),
        // Naming what causes the trouble names the harm.
        ("for the trouble this", MASK),
        ("for the trouble that", MASK),
        ("regret the disruption", 0),
        ("regret any disruption", 0),
        ("regret the inconvenience", 0),
        ("regret any inconvenience", 0),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    // Only in a sentence that apologises: "sorry", "apologize", "regret".
    let mut apologies = ctx.of(ELEMENT_BASE + Element::Apology as u8).peekable();
    let mut last: Option<(u32, u32)> = None; // (sentence, start) of the latest apology word
    // "For any inconvenience this may have caused" is conditional only.
    let conditional: Vec<(u32, u32)> = ctx
        .of(code::CONDITIONAL_APOLOGY)
        .map(|h| h.span())
        .collect();
    for h in ctx.mine() {
        let c = conditional.partition_point(|c| c.1 < h.start);
        if conditional
            .get(c)
            .is_some_and(|c| c.0 <= h.end + 16 && c.1 >= h.start)
        {
            continue;
        }
        while let Some(a) = apologies.peek() {
            if a.start > h.start {
                break;
            }
            last = Some((a.sentence, a.start));
            apologies.next();
        }
        let same = match last {
            Some((s, _)) if s == h.sentence => last,
            _ => apologies
                .peek()
                .filter(|a| a.sentence == h.sentence)
                .map(|a| (a.sentence, a.start)),
        };
        let Some((_, astart)) = same else { continue };
        let span = (astart.min(h.start), h.end.max(astart));
        let w = ctx.text_of(h.span());
        sink.emit(
            span,
            format!("stock apology \"{w}\" never names the harm (P6)"),
            Some("Name the harm: \"I'm sorry your order will be two weeks late.\"".into()),
        );
    }
}
