//! `missing-question`: (Call scripts only) the customer is never asked for their view or preference.

use super::{RuleDef, whole_message};
use crate::Severity;
use crate::checker::{Ctx, Sink, has};
use crate::elements::Element;
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "missing-question",
        category: Category::Structure,
        severity: Severity::Warning,
        summary: "(Call scripts only) the customer is never asked for their view or preference.",
        principle: "P9",
        rationale: "A call is a conversation: ask the customer what they would prefer, and listen. A script that never asks leaves no room for their ideas (P9). Only checked for the phone channel.",
        bad: &[Example::on(
            crate::Channel::Phone,
            "Your order is delayed. You can wait or cancel. Thank you.",
        )],
        good: &[
            Example::on(
                crate::Channel::Phone,
                "Your order is delayed. Would you prefer to wait, or cancel for a refund?",
            ),
            Example::on(
                crate::Channel::Email,
                "Your order is delayed. You can wait or cancel.",
            ),
        ],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if ctx.opts.channel == Some(crate::Channel::Phone) && !has(ctx.el, Element::Question) {
        whole_message(
            ctx,
            sink,
            "the call script never asks the customer for their view or preference (P9)",
            "Ask: \"Which of these would work best for you?\"",
        );
    }
}
