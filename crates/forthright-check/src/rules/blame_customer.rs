//! `blame-customer`: implying the customer is at fault (P7).

use super::{RuleDef, each_hit};
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "blame-customer",
        category: Category::Blame,
        severity: Severity::Error,
        summary: "Implies the customer is at fault.",
        principle: "P7",
        rationale: "A customer who already has bad news does not need a lecture. Even when \
            their choice played a part, say what happens next, not what they should have done \
            (P7). Negated forms (\"this is not your fault\") are fine.",
        bad: &[
            Example::plain("You should have ordered earlier if you needed it by Friday."),
            Example::plain("As you failed to update your card, the payment bounced."),
            Example::plain("Had you read the terms, you would know shipping takes longer."),
        ],
        good: &[
            Example::plain("This is not your fault, and we will fix it."),
            Example::plain("You did nothing wrong: the error was ours."),
        ],
    },
    phrases: &[
        ("you should have", 0),
        ("you should've", 0),
        ("you shouldn't have", 0),
        ("you failed to", 0),
        ("as you failed", 0),
        ("you forgot to", 0),
        ("you neglected to", 0),
        ("you didn't read", 0),
        ("you did not read", 0),
        ("if you had", 0),
        ("had you", 0),
        ("your fault", 0),
        ("your own fault", 0),
        ("your mistake", 0),
        ("your error", 0),
        ("you made a mistake", 0),
        ("you made an error", 0),
        ("you were supposed to", 0),
        ("you were meant to", 0),
        ("you must have", 0),
        ("you ignored", 0),
        ("you didn't follow", 0),
        ("you did not follow", 0),
        ("you need to read", 0),
        ("you should read", 0),
        ("read the terms", 0),
        ("clearly stated", 0),
        ("you were warned", 0),
        ("you didn't check", 0),
        ("you did not check", 0),
        ("you didn't update", 0),
        ("you did not update", 0),
        ("you gave us the wrong", 0),
        ("you provided the wrong", 0),
        ("you entered the wrong", 0),
        ("could have ordered", 0),
        ("could've ordered", 0),
        ("you could have checked", 0),
        ("you left it until", 0),
        ("you left it too late", 0),
        ("you left it", 0),
        ("nobody was home", 0),
        ("no one was home", 0),
        ("nobody was in", 0),
        ("you weren't home", 0),
        ("you were not home", 0),
        ("you weren't in", 0),
        ("as our terms say", 0),
        ("as we asked", 0),
        ("if you had got", 0),
        ("had you made", 0),
        ("had you ordered", 0),
        ("had you read", 0),
        ("had you called", 0),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    each_hit(
        ctx,
        sink,
        true,
        |w| format!("\"{w}\" puts the fault on the customer (P7)"),
        |_| Some("Drop the reproach; say what happens next.".into()),
    );
}
