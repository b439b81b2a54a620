//! `over-promise`: guarantees that cannot be kept (P5).

use super::{RuleDef, contains_any};
use crate::Severity;
use crate::checker::{Ctx, MASK, Sink};
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "over-promise",
        category: Category::Honesty,
        severity: Severity::Warning,
        summary: "A guarantee that cannot be kept (\"guarantee\", \"100%\", \"never happen again\").",
        principle: "P5",
        rationale: "A broken promise on top of bad news costs more trust than the news itself. \
            Promise only what you control, with a realistic date (P5). Negated forms (\"we can't \
            guarantee\") are honest and not flagged.",
        bad: &[
            Example::plain("I guarantee it will arrive on Monday."),
            Example::plain("This will never happen again, I promise."),
            Example::plain("Rest easy: nothing like this can happen to you again."),
            Example::plain("We are 100% sure it ships definitely by Friday."),
        ],
        good: &[
            Example::plain("We can't guarantee Monday, but we expect it by Wednesday."),
            Example::plain("We have refunded 100% of the charge."),
            Example::plain("I can't promise an outage like this will never happen again."),
        ],
    },
    phrases: &[
        ("guarantee", 0),
        ("guaranteed", 0),
        ("guarantees", 0),
        ("guaranteeing", 0),
        ("100%", 0),
        ("100 %", 0),
        ("100 percent", 0),
        ("one hundred percent", 0),
        ("definitely by", 0),
        ("will definitely", 0),
        ("definitely be", 0),
        ("definitely arrive", 0),
        ("definitely ship", 0),
        ("will never happen again", 0),
        ("never happen again", 0),
        ("won't happen again", 0),
        ("will not happen again", 0),
        ("never again", 0),
        ("i promise", 0),
        ("we promise", 0),
        ("promise you", 0),
        ("without fail", 0),
        ("certainly by", 0),
        ("for sure", 0),
        ("no doubt", 0),
        ("without a doubt", 0),
        ("absolutely will", 0),
        ("will absolutely", 0),
        ("rest assured", 0),
        ("i assure you", 0),
        ("we assure you", 0),
        ("can assure you", 0),
        ("'ll definitely", 0),
        ("you'll ever see", 0),
        ("you will ever see", 0),
        ("you ever see from us", 0),
        ("last time this will", 0),
        ("last time this happens", 0),
        ("never see this again", 0),
        ("you have my word", 0),
        ("no question", 0),
        ("my personal word", 0),
        ("give you my word", 0),
        ("happen to you again", 0),
        ("can happen again", 0),
        ("can happen to you again", 0),
        ("won't be another", 0),
        ("will not be another", 0),
        ("no further increase", 0),
        ("the last rise", 0),
        ("the last increase", 0),
        ("100% refund", MASK),
        ("100% of", MASK),
        // What a product is made of.
        ("100% cotton", MASK),
        ("100% wool", MASK),
        ("100% merino", MASK),
        ("100% linen", MASK),
        ("100% silk", MASK),
        ("100% leather", MASK),
        ("100% recycled", MASK),
        ("100% organic", MASK),
        ("100% natural", MASK),
        ("100% pure", MASK),
        ("100% renewable", MASK),
        ("100% credit", MASK),
        ("100% back", MASK),
        ("money-back guarantee", MASK),
        ("money back guarantee", MASK),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for h in ctx.mine() {
        // "Nothing like this will happen again" is the promise, negation and all.
        let again = ctx.doc.slice(h.span()).ends_with(b"again");
        if (h.negated(ctx.doc) && !again) || disclaimed(ctx, h.start) {
            continue;
        }
        let w = ctx.text_of(h.span());
        sink.emit(
            h.span(),
            format!("\"{w}\" promises what we may not be able to keep (P5)"),
            Some("Promise only what you control, with a realistic date.".into()),
        );
    }
}

/// Whether the sentence disclaims the promise before it is made: "I can't
/// promise this will never happen again" is honest.
fn disclaimed(ctx: &Ctx<'_>, start: u32) -> bool {
    const DISCLAIMERS: &[&[u8]] = &[
        b"can't promise",
        b"cannot promise",
        b"won't promise",
        b"not promise",
        b"can't guarantee",
        b"cannot guarantee",
        b"not guarantee",
        b"no promise",
        b"can't say",
        b"cannot say",
    ];
    contains_any(ctx.doc.sentence_before(start, 80), DISCLAIMERS)
}
