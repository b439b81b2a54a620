//! `missing-empathy`: No acknowledgement of the customer's situation or feelings.

use super::{RuleDef, whole_message};
use crate::Severity;
use crate::checker::{Ctx, Sink, has};
use crate::elements::Element;
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "missing-empathy",
        category: Category::Structure,
        severity: Severity::Warning,
        summary: "No acknowledgement of the customer's situation or feelings.",
        principle: "P6",
        rationale: "Customers need to hear that we understand what the problem does to them before they can hear the options. Acknowledge their situation or feelings (P6).",
        bad: &[Example::plain(
            "Your order is delayed because of a storm. Sorry.",
        )],
        good: &[Example::plain(
            "Your order is delayed because of a storm. I know you were counting on it, and I am sorry.",
        )],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !has(ctx.el, Element::Empathy) {
        whole_message(
            ctx,
            sink,
            "no acknowledgement of the customer's situation or feelings (P6)",
            "Acknowledge the impact: \"I know you were counting on it for the weekend.\"",
        );
    }
}
