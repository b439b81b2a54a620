//! `blame-customer`: implying the customer is at fault (P7).

use super::{RuleDef, contains_any};
use crate::Severity;
use crate::checker::{Ctx, Hit, MASK, Sink};
use crate::registry::code;
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
            Example::plain(
                "If you'd sent us a reading when we asked, this wouldn't have happened.",
            ),
        ],
        good: &[
            Example::plain("This is not your fault, and we will fix it."),
            Example::plain("You did nothing wrong: the error was ours."),
            Example::plain("If you'd like a refund, we can send it today."),
            Example::plain("That's fair, and you shouldn't have had to chase us."),
            Example::plain("That was not good enough: you should have been told on Monday."),
        ],
    },
    phrases: &[
        ("you should have", 0),
        ("you should've", 0),
        ("you really should have", 0),
        ("you really should've", 0),
        ("you should really have", 0),
        ("you shouldn't have", 0),
        // Owning it: "you shouldn't have had to chase us" blames us.
        ("you shouldn't have had to", MASK),
        // What we owed or wrongly charged: "you should have had your shoes
        // this week", "you shouldn't have paid anything".
        ("you should have had your", MASK),
        ("you should have had it", MASK),
        ("you should have had them", MASK),
        ("you should have had the", MASK),
        ("you should've had", MASK),
        ("you shouldn't have paid", MASK),
        ("you shouldn't have been", MASK),
        ("you should not have been", MASK),
        ("you shouldn't have had", MASK),
        // What we wrongly charged or did: "a fee that you shouldn't have paid".
        ("that you shouldn't have", MASK),
        ("that you should not have", MASK),
        ("which you shouldn't have", MASK),
        // What the customer was owed: "more than you agreed to pay".
        ("than you agreed to", MASK),
        ("you should not have had to", MASK),
        ("you should never have had to", MASK),
        // Owning it: what the customer was owed ("the explanation you should
        // have had", "you should have been told").
        ("you should have had then", MASK),
        ("you should have had from us", MASK),
        ("you should have received", MASK),
        ("you should've received", MASK),
        ("you should have been told", MASK),
        ("you should have been given", MASK),
        ("you should have been sent", MASK),
        ("you should have been offered", MASK),
        ("you should have been called", MASK),
        ("you should have heard from us", MASK),
        ("you should have got from us", MASK),
        ("explanation you should have", MASK),
        ("service you should have", MASK),
        ("answer you should have", MASK),
        ("reply you should have", MASK),
        ("call you should have", MASK),
        ("than you should have", MASK),
        ("than you should've", MASK),
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
        ("if you'd read", 0),
        ("if you had read", 0),
        ("you'd have known", 0),
        ("you would have known", 0),
        ("if you'd checked", 0),
        ("if you had checked", 0),
        ("if you'd ordered", 0),
        ("if you had ordered", 0),
        ("you were told", 0),
        ("you were informed", 0),
        ("you were notified", 0),
        ("you agreed to", 0),
        ("as per our terms", 0),
        ("per our policy", 0),
        ("per our terms", 0),
        ("your responsibility", 0),
        ("up to you to", 0),
        ("you chose to", 0),
        ("you opted", 0),
        ("you missed the", 0),
        ("you didn't bother", 0),
        ("you'd have", 0),
        ("if you'd brought", 0),
        ("if you'd done that", 0),
        ("if you had done that", 0),
        ("if you'd done as", 0),
        ("if you had brought", 0),
        ("if you'd told us", 0),
        ("if you had told us", 0),
        ("if you'd let us know", 0),
        ("you left out", 0),
        ("did point out", 0),
        ("as we pointed out", 0),
        ("an earlier order would have", 0),
        // A circumstance, not a reproach.
        ("if you had a", MASK),
        ("if you had any", MASK),
        ("if you had to", MASK),
        ("the inventory you sent", 0),
        ("the list you sent", 0),
        // Guessing at the customer's slip: "probably you clicked twice".
        ("probably you", 0),
        ("probably you know", MASK),
        ("probably you've", MASK),
        ("probably you saw", MASK),
        ("probably you noticed", MASK),
        ("probably you heard", MASK),
        ("you probably clicked", 0),
        ("you probably pressed", 0),
        ("you probably entered", 0),
        ("you probably typed", 0),
        ("you probably forgot", 0),
        ("you may have clicked", 0),
        ("you might have clicked", 0),
        ("you clicked twice", 0),
        // Hindsight about what the customer did: "if you'd sent us a reading,
        // this wouldn't have happened".
        ("if you'd", COUNTERFACTUAL),
        ("had the order", COUNTERFACTUAL),
        ("had your order", COUNTERFACTUAL),
        ("if your team had", COUNTERFACTUAL),
        ("if your staff had", COUNTERFACTUAL),
        ("if your office had", COUNTERFACTUAL),
        // The customer's action told as the cause.
        ("because you pressed", 0),
        ("because you clicked", 0),
        ("because you entered", 0),
        ("because you didn't", 0),
        ("because you did not", 0),
        ("because you forgot", 0),
        ("as you haven't", 0),
        ("as you have not", 0),
        ("since you haven't", 0),
        ("because you haven't", 0),
        ("should not come as a surprise", 0),
        ("shouldn't come as a surprise", 0),
        ("should come as no surprise", 0),
        ("as stated in", TERMS),
        ("as you did not", 0),
        ("as you didn't", 0),
        ("since you did not", 0),
        ("since you didn't", 0),
    ],
    check,
};

/// Sub-tag of phrases that reproach only when the sentence goes on to say
/// what would have happened ("wouldn't have", "we'd have").
const COUNTERFACTUAL: u8 = 1;
/// Sub-tag of phrases that reproach only when they point at the terms the
/// customer agreed to ("as stated in our booking terms"), not at our own
/// promise ("as stated in our order confirmation").
const TERMS: u8 = 2;

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for h in reproaches(ctx) {
        let w = ctx.text_of(h.span());
        sink.emit(
            h.span(),
            format!("\"{w}\" puts the fault on the customer (P7)"),
            Some("Drop the reproach; say what happens next.".into()),
        );
    }
}

/// The phrases that reproach the customer, in context.
fn reproaches<'c, 'a: 'c>(ctx: &'c Ctx<'a>) -> impl Iterator<Item = &'a Hit> + 'c {
    ctx.of(code::BLAME_CUSTOMER).filter(|h| {
        !(h.negated(ctx.doc)
            || (h.sub == COUNTERFACTUAL && !hindsight_follows(ctx, h.end))
            || (h.sub == TERMS && !terms_follow(ctx, h.end)))
    })
}

/// Whether the message puts the fault on the customer: a cause told the
/// wrong way ("as you haven't sent us a reading"), which this rule reports,
/// but a cause all the same (so the reason is not also missing).
pub(crate) fn faults_the_customer(ctx: &Ctx<'_>) -> bool {
    reproaches(ctx).next().is_some()
}

/// Whether the rest of the sentence after `end` says what would have been.
fn hindsight_follows(ctx: &Ctx<'_>, end: u32) -> bool {
    const WOULD_HAVE: &[&[u8]] = &[
        b"would have",
        b"wouldn't have",
        b"would not have",
        b"'d have",
        b"would've",
    ];
    contains_any(ctx.doc.sentence_after(end, 160), WOULD_HAVE)
}

/// Whether the terms or policy are named in the few words after `end`.
fn terms_follow(ctx: &Ctx<'_>, end: u32) -> bool {
    ctx.doc
        .slice((end, end.saturating_add(40)))
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .any(|w| {
            matches!(
                w,
                b"terms" | b"policy" | b"conditions" | b"contract" | b"agreement"
            )
        })
}
