//! `over-promise`: guarantees that cannot be kept (P5).

use super::{RuleDef, each_hit};
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
            Example::plain("We are 100% sure it ships definitely by Friday."),
        ],
        good: &[
            Example::plain("We can't guarantee Monday, but we expect it by Wednesday."),
            Example::plain("We have refunded 100% of the charge."),
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
    each_hit(
        ctx,
        sink,
        true,
        |w| format!("\"{w}\" promises what we may not be able to keep (P5)"),
        |_| Some("Promise only what you control, with a realistic date.".into()),
    );
}
