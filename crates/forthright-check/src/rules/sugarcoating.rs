//! `sugarcoating`: dressing bad news as good (P4, P5).

use super::{RuleDef, each_hit};
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};

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
        ("amazing news", 0),
        ("awesome news", 0),
        ("the upside", 0),
        ("an opportunity to", 0),
        ("a great opportunity", 0),
        ("you'll love", 0),
        ("even better", 0),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    each_hit(
        ctx,
        sink,
        true,
        |w| format!("\"{w}\" dresses bad news as good (P5)"),
        |_| Some("Say plainly that the news is bad: \"I'm afraid I have bad news.\"".into()),
    );
}
