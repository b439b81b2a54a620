//! `minimizing`: telling the customer the problem is small or their worry
//! unwarranted (P6).

use super::{RuleDef, each_hit};
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "minimizing",
        category: Category::Tone,
        severity: Severity::Error,
        summary: "Minimises the problem or the customer's feelings (\"don't worry\", \"just a small delay\").",
        principle: "P6",
        rationale: "Only the customer decides how bad the news is for them. Telling them not to \
            worry, or that it is only a few days, denies what they feel and makes them angrier \
            (P6). Acknowledge the impact instead.",
        bad: &[
            Example::plain("Don't worry, it's just a small delay."),
            Example::plain("It's only a few days, no big deal."),
            Example::plain("Please calm down, it's not that bad."),
        ],
        good: &[
            Example::plain("I know a two-day delay is a real problem when you planned around it."),
            Example::plain("We have only two left, so I reserved one for you."),
        ],
    },
    phrases: &[
        ("not that bad", 0),
        ("not so bad", 0),
        ("isn't that bad", 0),
        ("not a big deal", 0),
        ("no big deal", 0),
        ("not a huge deal", 0),
        ("don't worry", 0),
        ("do not worry", 0),
        ("dont worry", 0),
        ("no need to worry", 0),
        ("nothing to worry about", 0),
        ("no need to panic", 0),
        ("don't panic", 0),
        ("just a small", 0),
        ("just a minor", 0),
        ("just a few", 0),
        ("just a little", 0),
        ("just a couple", 0),
        ("just a slight", 0),
        ("only a few", 0),
        ("only a couple", 0),
        ("only a small", 0),
        ("only a minor", 0),
        ("only a slight", 0),
        ("only a little", 0),
        ("only a day", 0),
        ("only a week", 0),
        ("only a tiny", 0),
        ("a tiny", 0),
        ("calm down", 0),
        ("relax", 0),
        ("could be worse", 0),
        ("could have been worse", 0),
        ("minor inconvenience", 0),
        ("small inconvenience", 0),
        ("slight inconvenience", 0),
        ("small hiccup", 0),
        ("little hiccup", 0),
        ("minor hiccup", 0),
        ("tiny hiccup", 0),
        ("a hiccup", 0),
        ("bit of a hiccup", 0),
        ("little delay", 0),
        ("tiny delay", 0),
        ("small delay", 0),
        ("minor delay", 0),
        ("slight delay", 0),
        ("these things happen", 0),
        ("it happens", 0),
        ("happens to everyone", 0),
        ("not the end of the world", 0),
        ("no harm done", 0),
        ("hardly noticeable", 0),
        ("barely noticeable", 0),
        ("you'll hardly notice", 0),
        ("you won't even notice", 0),
        ("won't even notice", 0),
        ("it's nothing", 0),
        ("nothing serious", 0),
        ("no biggie", 0),
        ("merely", 0),
        ("trivial", 0),
        ("it was only", 0),
        ("it's only", 0),
        ("it is only", 0),
        ("won't have lost much", 0),
        ("not lost much", 0),
        ("lose sleep", 0),
        ("nothing to lose sleep", 0),
        ("end of the world", 0),
        ("hardly the end", 0),
        ("bit longer", 0),
        ("a bit late", 0),
        ("a bit of a delay", 0),
        ("no need to worry", 0),
        ("just an hour", 0),
        ("only an hour", 0),
        ("only one day", 0),
        ("only two days", 0),
        ("only three days", 0),
        ("only two hours", 0),
        ("only three hours", 0),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    each_hit(
        ctx,
        sink,
        false,
        |w| format!("\"{w}\" minimises the problem or the customer's feelings (P6)"),
        |_| {
            Some(
                "Acknowledge the impact instead: \"I know this is a real problem for you.\"".into(),
            )
        },
    );
}
