//! `sugarcoating`: dressing bad news as good (P4, P5).

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::elements::Element;
use crate::registry::{Category, Example, Rule};

/// Sub-tag of cheerful words that dress the news only when they come before
/// it or with it: after the news is told plainly, "you'll love it" praises
/// an alternative.
const WEAK: u8 = 1;

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "sugarcoating",
        category: Category::Tone,
        severity: Severity::Error,
        summary: "Dresses bad news as good (\"great news!\", \"exciting update\").",
        principle: "P5",
        rationale: "Announcing a price rise or a discontinued product as \"exciting news\" \
            insults the customer's intelligence and hides the news (P4, P5). Say plainly that \
            the news is bad.",
        bad: &[
            Example::plain("Great news! Our prices are changing next month."),
            Example::plain(
                "We have an exciting update about your subscription: it now costs more.",
            ),
        ],
        good: &[
            Example::plain("I'm afraid I have bad news: our prices go up on 1 May."),
            Example::plain("This is not the good news you were hoping for."),
            Example::plain(
                "I'm afraid the Alder chair is discontinued. Its successor costs the same, \
                 and we think you'll love it.",
            ),
        ],
    },
    phrases: &[
        ("great news", 0),
        ("good news", 0),
        ("exciting news", 0),
        ("exciting update", 0),
        ("exciting changes", 0),
        ("exciting change", 0),
        ("exciting", 0),
        ("excited to", 0),
        ("happy to announce", 0),
        ("happy to share", 0),
        ("pleased to announce", 0),
        ("pleased to share", 0),
        ("thrilled", 0),
        ("delighted to", 0),
        ("fantastic news", 0),
        ("wonderful news", 0),
        ("lovely news", 0),
        ("glow-up", 0),
        ("a nice upgrade", 0),
        ("getting better", 0),
        ("brilliant news", 0),
        ("terrific news", 0),
        ("super news", 0),
        ("amazing news", 0),
        ("awesome news", 0),
        ("the upside", 0),
        ("an opportunity to", WEAK),
        ("a great opportunity", WEAK),
        ("you'll love", WEAK),
        ("even better", WEAK),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let news_told = ctx.el.get(Element::News).first().map(|n| {
        let s = ctx.doc.sentence_of(n.0);
        ctx.doc.sentences.get(s).map_or(n.1, |s| s.1)
    });
    for h in ctx.mine() {
        if h.negated(ctx.doc) || (h.sub == WEAK && news_told.is_some_and(|e| h.start >= e)) {
            continue;
        }
        let w = ctx.text_of(h.span());
        sink.emit(
            h.span(),
            format!("\"{w}\" dresses bad news as good (P5)"),
            Some("Say plainly that the news is bad: \"I'm afraid I have bad news.\"".into()),
        );
    }
}
