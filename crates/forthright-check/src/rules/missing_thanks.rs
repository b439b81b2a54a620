//! `missing-thanks`: No thanks for patience, understanding or business.

use super::{RuleDef, whole_message};
use crate::Severity;
use crate::checker::{Ctx, Sink, has};
use crate::elements::Element;
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "missing-thanks",
        category: Category::Structure,
        severity: Severity::Warning,
        summary: "No thanks for patience, understanding or business.",
        principle: "P11",
        rationale: "Thank the customer for their patience and understanding, even when they showed little of either; it is remembered (P11).",
        bad: &[Example::plain(
            "Your order is delayed because of a storm. I am sorry.",
        )],
        good: &[Example::plain(
            "Your order is delayed because of a storm. I am sorry. Thank you for your patience.",
        )],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !has(ctx.el, Element::Thanks) {
        whole_message(
            ctx,
            sink,
            "no thanks for the customer's patience, understanding or business (P11)",
            "Close with thanks: \"Thank you for your patience.\"",
        );
    }
}
