//! `written-channel`: a written bad-news message (email, SMS) that offers no
//! way to reach a person (P2).

use super::{RuleDef, has_phone_number, whole_message};
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};
use crate::{Channel, Severity};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "written-channel",
        category: Category::Channel,
        severity: Severity::Warning,
        summary: "(Email, SMS) a written bad-news message that offers no phone number and no call.",
        principle: "P2",
        rationale: "Bad news belongs in a conversation. When it has to go in writing (failed call \
            attempts, or the customer asked for it), the message must still offer a person: a \
            phone number or an offer to call (P2). Only checked for the email and SMS channels.",
        bad: &[Example::on(
            Channel::Email,
            "Your order is delayed by a week. We are sorry.",
        )],
        good: &[
            Example::on(
                Channel::Email,
                "Your order is delayed. Call me on 555-010-2233 any time.",
            ),
            Example::on(
                Channel::Sms,
                "Order delayed to 3 May. Reply CALL and we will ring you.",
            ),
            Example::on(
                Channel::Phone,
                "Your order is delayed by a week. We are sorry.",
            ),
        ],
    },
    phrases: &[
        ("call", 0),
        ("calling", 0),
        ("phone", 0),
        ("ring you", 0),
        ("ring us", 0),
        ("ring me", 0),
        ("give us a ring", 0),
        ("give me a ring", 0),
        ("speak to", 0),
        ("speak with", 0),
        ("talk to", 0),
        ("talk with", 0),
        ("talk it through", 0),
        ("helpline", 0),
        ("hotline", 0),
        ("direct line", 0),
        ("tel", 0),
        ("callback", 0),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if !ctx.opts.channel.is_some_and(Channel::is_written) {
        return;
    }
    let offers_call = ctx.mine().next().is_some();
    if offers_call {
        return;
    }
    let mut from = 0usize;
    let norm = &ctx.doc.norm;
    while let Some((a, b)) = has_phone_number(&norm[from..]) {
        if !ctx.doc.is_quoted((from + a) as u32) && !labelled_reference(&norm[..from + a]) {
            return;
        }
        from += b;
    }
    whole_message(
        ctx,
        sink,
        "a written bad-news message should offer a person: a phone number or a call (P2)",
        "Add a way to talk: \"Call me directly on 555-010-2233, or reply and I'll ring you.\"",
    );
}

/// Whether the word before a number says it is a reference, not a phone
/// number: "invoice 2026-1187", "register no. 109.882.413", "order 48213-77".
fn labelled_reference(before: &[u8]) -> bool {
    const LABELS: &[&[u8]] = &[
        b"invoice",
        b"order",
        b"ref",
        b"reference",
        b"account",
        b"no",
        b"register",
        b"vat",
        b"case",
        b"ticket",
        b"policy",
        b"booking",
        b"po",
        b"id",
        b"iban",
        b"sort",
        b"code",
    ];
    let word = before
        .split(|b| !b.is_ascii_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or(b"");
    LABELS.contains(&word)
}
