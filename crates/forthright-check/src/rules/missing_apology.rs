//! `missing-apology`: No sincere, unconditional apology (conditional and boilerplate ones do not count).

use super::{RuleDef, whole_message};
use crate::Severity;
use crate::checker::{Ctx, Sink, has};
use crate::elements::Element;
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "missing-apology",
        category: Category::Structure,
        severity: Severity::Error,
        summary: "No sincere, unconditional apology (conditional and boilerplate ones do not count).",
        principle: "P6",
        rationale: "Bad news without an apology reads as indifference. Apologise sincerely and without conditions for the specific harm (P6). \"Sorry if...\" and \"sorry for any inconvenience\" do not count.",
        bad: &[Example::plain(
            "Your order is delayed because of a storm. We apologize for any inconvenience.",
        )],
        good: &[Example::plain(
            "Your order is delayed because of a storm, and I am sorry.",
        )],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !has(ctx.el, Element::Apology) {
        whole_message(
            ctx,
            sink,
            "no sincere, unconditional apology (P6)",
            "Apologise for the specific harm: \"I'm sorry your order is late.\"",
        );
    }
}
