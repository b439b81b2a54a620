//! `conditional-apology`: an apology conditioned on the customer's feelings
//! or on doubt (P6).

use super::{RuleDef, each_hit};
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "conditional-apology",
        category: Category::Apology,
        severity: Severity::Error,
        summary: "An apology conditioned on the customer's feelings or on doubt (\"sorry if...\").",
        principle: "P6",
        rationale: "\"Sorry if you feel...\" apologises for the customer's reaction, not for what \
            we did, and \"any inconvenience this may have caused\" doubts there was harm at all. \
            Apologise unconditionally for the specific harm (P6).",
        bad: &[
            Example::plain("We're sorry if you were inconvenienced by the delay."),
            Example::plain("I'm sorry you feel that the new price is unfair."),
            Example::plain("We regret any inconvenience this may have caused."),
        ],
        good: &[
            Example::plain("I'm sorry that your order is two weeks late."),
            Example::plain("We're sorry we charged you twice."),
        ],
    },
    phrases: &[
        ("sorry if", 0),
        ("sorry in case", 0),
        ("this may cause", 0),
        ("this might cause", 0),
        ("that may cause", 0),
        ("sorry you feel", 0),
        ("sorry that you feel", 0),
        ("sorry you're upset", 0),
        ("sorry you are upset", 0),
        ("sorry you were upset", 0),
        ("sorry you think", 0),
        ("sorry to hear you feel", 0),
        ("apologize if", 0),
        ("apologise if", 0),
        ("apologies if", 0),
        ("apology if", 0),
        ("regret if", 0),
        ("may have caused", 0),
        ("might have caused", 0),
        ("may have been caused", 0),
        ("may have experienced", 0),
        ("might have experienced", 0),
        ("may have been inconvenienced", 0),
        ("if this caused", 0),
        ("if this has caused", 0),
        ("if this causes", 0),
        ("if you were inconvenienced", 0),
        ("if you've been inconvenienced", 0),
        ("if you have been inconvenienced", 0),
        ("if any inconvenience", 0),
        ("if we upset", 0),
        ("if we have upset", 0),
        ("if we've upset", 0),
        ("if you feel", 0),
        ("if you felt", 0),
        ("if this has been", 0),
        ("if there was any", 0),
        ("if there has been any", 0),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    each_hit(
        ctx,
        sink,
        false,
        |w| format!("\"{w}\" makes the apology conditional (P6)"),
        |_| {
            Some("Apologise without conditions for the specific harm: \"I'm sorry your order is late.\"".into())
        },
    );
}
