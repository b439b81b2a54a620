//! `vague-timeline`: "soon", "shortly", "as soon as possible" where no
//! concrete date or time is given (P5).

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, MASK, Sink};
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "vague-timeline",
        category: Category::Honesty,
        severity: Severity::Warning,
        summary: "A vague timeline (\"soon\", \"shortly\", \"in due course\") with no concrete date.",
        principle: "P5",
        rationale: "\"Soon\" means nothing to a customer who has to plan around the problem. Give \
            a realistic date, or at least the date of the next update (P5, P14). A sentence that \
            also names a concrete date or time is not flagged.",
        bad: &[
            Example::plain("Your order will ship soon."),
            Example::plain("We will fix this as soon as possible."),
            Example::plain("A replacement will be available in the near future."),
        ],
        good: &[
            Example::plain("Your order will ship soon, by Friday 14 March at the latest."),
            Example::plain(
                "We'll call you as soon as it arrives, and on Friday 14 March either way.",
            ),
        ],
    },
    phrases: &[
        ("soon", 0),
        ("shortly", 0),
        ("in the near future", 0),
        ("near future", 0),
        ("as soon as possible", 0),
        ("as soon as we can", 0),
        ("as soon as we're able", 0),
        ("asap", 0),
        ("in due course", 0),
        ("at some point", 0),
        ("in a while", 0),
        ("before long", 0),
        ("any day now", 0),
        ("in the coming days", 0),
        ("in the coming weeks", 0),
        ("over the coming weeks", 0),
        ("coming weeks", 0),
        ("coming days", 0),
        ("eventually", 0),
        ("at a later date", 0),
        ("at a later time", 0),
        ("when we can", 0),
        ("as quickly as possible", 0),
        ("as fast as we can", 0),
        ("sometime", 0),
        ("some time soon", 0),
        ("down the road", 0),
        ("when possible", 0),
        ("in a few weeks", 0),
        ("a few more days", 0),
        ("in a few days", 0),
        ("little while", 0),
        ("day or so", 0),
        ("days or so", 0),
        ("week or so", 0),
        ("weeks or so", 0),
        ("a day or two", 0),
        ("a week or two", 0),
        ("in the next few days", 0),
        ("in the next few weeks", 0),
        ("over the next few days", 0),
        ("over the next few weeks", 0),
        ("within the next few days", 0),
        ("within the next few weeks", 0),
        ("in the days ahead", 0),
        ("in the weeks ahead", 0),
        ("before too long", 0),
        ("not long now", 0),
        ("as soon as", MASK),
        // "as soon as the part arrives": when, with no date.
        ("as soon as the", 0),
        ("as soon as it", 0),
        ("as soon as they", 0),
        ("as soon as we", 0),
        ("once the repair", 0),
        ("once repairs", 0),
        // A duration, not when something happens.
        ("for a week or two", MASK),
        ("for a day or two", MASK),
        // A surname, not a timeline.
        ("mr soon", MASK),
        ("mrs soon", MASK),
        ("ms soon", MASK),
        ("miss soon", MASK),
        ("dr soon", MASK),
        ("soon as", MASK),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for h in ctx.mine() {
        if ctx.doc.sentence_has_time(h.sentence) {
            continue;
        }
        let w = ctx.text_of(h.span());
        sink.emit(
            h.span(),
            format!("\"{w}\" is a vague timeline; give a concrete date (P5)"),
            Some(
                "Give a realistic date, or when the next update will come: \"by Friday 14 March\"."
                    .into(),
            ),
        );
    }
}
