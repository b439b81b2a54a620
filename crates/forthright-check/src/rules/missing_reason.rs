//! `missing-reason`: No cause or business reason is given.

use super::{RuleDef, whole_message};
use crate::Severity;
use crate::checker::{Ctx, Sink, has};
use crate::elements::Element;
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "missing-reason",
        category: Category::Structure,
        severity: Severity::Warning,
        summary: "No cause or business reason is given.",
        principle: "P5",
        rationale: "Customers accept bad news far better when they know why it happened. Give the honest business reason: what happened, to what, and why (P5).",
        bad: &[Example::plain(
            "I am sorry, your order is delayed. We will ship it on Friday 14 March.",
        )],
        good: &[Example::plain(
            "I am sorry, your order is delayed because our supplier ran out of steel.",
        )],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    // A culprit blamed is a cause told the wrong way: `blame` and
    // `blame-customer` report that.
    if !has(ctx.el, Element::Reason)
        && !super::blame::pins_fault(ctx)
        && !super::blame_customer::faults_the_customer(ctx)
    {
        whole_message(
            ctx,
            sink,
            "no cause or business reason is given (P5)",
            "Say why: \"because our supplier's plant flooded\".",
        );
    }
}
