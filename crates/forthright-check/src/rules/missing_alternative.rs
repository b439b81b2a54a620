//! `missing-alternative`: No option offered: substitute, refund, credit, partial shipment, new date, cancel.

use super::{RuleDef, whole_message};
use crate::Severity;
use crate::checker::{Ctx, Sink, has};
use crate::elements::Element;
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "missing-alternative",
        category: Category::Structure,
        severity: Severity::Warning,
        summary: "No option offered: substitute, refund, credit, partial shipment, new date, cancel.",
        principle: "P8",
        rationale: "A customer with bad news and no choices feels trapped. Offer concrete alternatives and let them choose: a substitute, a refund, a credit, a partial shipment, a firm new date (P8).",
        bad: &[Example::plain(
            "Your order is delayed because of a storm. I am sorry.",
        )],
        good: &[Example::plain(
            "Your order is delayed because of a storm. I am sorry. You can cancel for a full refund.",
        )],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !has(ctx.el, Element::Alternative) {
        whole_message(
            ctx,
            sink,
            "no alternative offered to the customer (P8)",
            "Offer options: \"You can wait, switch to the Model B, or cancel for a full refund.\"",
        );
    }
}
