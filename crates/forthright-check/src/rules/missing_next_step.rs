//! `missing-next-step`: No concrete next step or date of the next update.

use super::{RuleDef, whole_message};
use crate::Severity;
use crate::checker::{Ctx, Sink, has};
use crate::elements::Element;
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "missing-next-step",
        category: Category::Structure,
        severity: Severity::Warning,
        summary: "No concrete next step or date of the next update.",
        principle: "P13",
        rationale: "Bad news without a plan leaves the customer to chase us. Say what we will do, who does it and by when, or when the next update comes (P13, P14).",
        bad: &[Example::plain(
            "Your order is delayed because of a storm. I am sorry.",
        )],
        good: &[Example::plain(
            "Your order is delayed because of a storm. I am sorry. I will call you on Friday with the new date.",
        )],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !has(ctx.el, Element::NextStep) {
        whole_message(
            ctx,
            sink,
            "no concrete next step or date of the next update (P13)",
            "Add the next step: \"I will call you on Friday with the new date.\"",
        );
    }
}
