//! `evasive-passive`: agentless passives about the fault itself (P5).

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "evasive-passive",
        category: Category::Honesty,
        severity: Severity::Warning,
        summary: "An agentless passive about the fault (\"mistakes were made\", \"an error occurred\").",
        principle: "P5",
        rationale: "\"Mistakes were made\" hides who made them. Say what happened and who did it, \
            usually \"we\" (P5, P7). A passive with its agent (\"was decided by our board\") is fine.",
        bad: &[
            Example::plain("Mistakes were made in processing your order."),
            Example::plain("An error occurred and you were charged twice."),
            Example::plain("It was decided to discontinue the product."),
            Example::plain("A meter reading was entered incorrectly, so your bill was too high."),
        ],
        good: &[
            Example::plain("We made a mistake and charged you twice."),
            Example::plain("It was decided by our board to close the plant."),
            Example::plain("We entered your meter reading incorrectly and billed you by mistake."),
        ],
    },
    phrases: &[
        ("mistakes were made", 0),
        ("mistakes have been made", 0),
        ("a mistake was made", 0),
        ("a mistake has been made", 0),
        ("an error was made", 0),
        ("errors were made", 0),
        ("an error occurred", 0),
        ("an error has occurred", 0),
        ("errors occurred", 0),
        ("a problem occurred", 0),
        ("an issue occurred", 0),
        ("an issue was identified", 0),
        ("a problem was identified", 0),
        ("issues were identified", 0),
        ("an issue has been identified", 0),
        ("it was decided", 0),
        ("it has been decided", 0),
        ("a decision was made", 0),
        ("the decision was made", 0),
        ("a decision has been made", 0),
        ("the decision has been made", 0),
        ("a decision was taken", 0),
        ("it's been decided", 0),
        ("a problem was experienced", 0),
        ("problems were experienced", 0),
        ("an issue was experienced", 0),
        ("issues were experienced", 0),
        ("the decision was taken", 0),
        ("a decision has been taken", 0),
        ("the decision has been taken", 0),
        ("was overlooked", 0),
        ("were overlooked", 0),
        ("has been overlooked", 0),
        ("was not processed", 0),
        ("were not processed", 0),
        ("wasn't processed", 0),
        ("was processed incorrectly", 0),
        ("were processed incorrectly", 0),
        ("was charged incorrectly", 0),
        ("were charged incorrectly", 0),
        ("was incorrectly charged", 0),
        ("were incorrectly charged", 0),
        ("were incorrectly billed", 0),
        ("was incorrectly billed", 0),
        ("was misplaced", 0),
        ("were misplaced", 0),
        ("was mislabeled", 0),
        ("was mislabelled", 0),
        ("was miscalculated", 0),
        ("were miscalculated", 0),
        ("was applied incorrectly", 0),
        ("was incorrectly applied", 0),
        ("something went wrong", 0),
        ("it was determined", 0),
        ("it has been determined", 0),
        ("errors were introduced", 0),
        ("an oversight occurred", 0),
        // Evasive, but they still tell what went wrong: a reason all the same.
        ("was damaged while", MECHANISM),
        ("were damaged while", MECHANISM),
        ("was sent to the wrong", MECHANISM),
        ("were sent to the wrong", MECHANISM),
        ("was delivered to the wrong", MECHANISM),
        ("was shipped to the wrong", MECHANISM),
        ("without being tested", MECHANISM),
        ("without being checked", MECHANISM),
        ("was taken twice", MECHANISM),
        ("was entered twice", MECHANISM),
        ("got dropped", MECHANISM),
        ("got deleted", MECHANISM),
        ("got removed", MECHANISM),
        ("were entered twice", MECHANISM),
        ("were taken twice", MECHANISM),
        // Structural: a fault adverb right after a passive ("was entered
        // incorrectly", "were charged twice in error"), checked in `check`.
        ("incorrectly", ADVERB),
        ("wrongly", ADVERB),
        ("in error", ADVERB),
        ("by mistake", ADVERB),
        ("mistakenly", ADVERB),
        ("accidentally", ADVERB),
        ("by accident", ADVERB),
        ("erroneously", ADVERB),
        // A faulty thing as the subject of a passive ("an incorrect rate was
        // applied"), checked in `check`.
        ("an incorrect", ADJECTIVE),
        ("the incorrect", ADJECTIVE),
        ("a wrong", ADJECTIVE),
        ("the wrong", ADJECTIVE),
        ("a faulty", ADJECTIVE),
        ("the faulty", ADJECTIVE),
    ],
    check,
};

/// Sub-tag of fault adverbs: they count only after a passive auxiliary.
const ADVERB: u8 = 1;
/// Sub-tag of fault adjectives: they count only before a passive auxiliary.
const ADJECTIVE: u8 = 2;
/// Sub-tag of passives that hide who did it but tell what happened ("was
/// sent to the wrong depot"), so they still count as the reason.
const MECHANISM: u8 = 3;

/// Whether one of the six words before `start` (same sentence) is a
/// passive auxiliary and none is a first-person subject: "a reading was
/// entered incorrectly" and "a fee was applied to your account in error" hide
/// who did it, "we entered it incorrectly" does not.
fn after_passive(ctx: &Ctx<'_>, start: u32) -> bool {
    let s = ctx.doc.sentence_of(start);
    let from = ctx.doc.sentences.get(s).map_or(0, |s| s.0);
    let before = ctx.doc.slice((from.max(start.saturating_sub(64)), start));
    let mut aux = false;
    for w in before
        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'\''))
        .filter(|w| !w.is_empty())
        .rev()
        .take(6)
    {
        match w {
            b"was" | b"were" | b"been" | b"be" | b"got" | b"is" | b"are" => aux = true,
            b"we" | b"i" | b"we've" | b"i've" | b"we'd" | b"our" => return false,
            _ => {}
        }
    }
    aux
}

/// Whether a passive auxiliary follows within four words of `end`, in the
/// same clause: "an incorrect rate was applied", not "we sent the wrong size".
fn before_passive(ctx: &Ctx<'_>, end: u32) -> bool {
    let rest = ctx.doc.slice((end, end.saturating_add(48)));
    let clause = rest
        .iter()
        .position(|b| matches!(b, b',' | b';' | b':' | b'.'))
        .map_or(rest, |i| &rest[..i]);
    for w in clause
        .split(|b| !(b.is_ascii_alphanumeric() || *b == b'\''))
        .filter(|w| !w.is_empty())
        .take(4)
    {
        match w {
            b"was" | b"were" | b"been" => return true,
            b"we" | b"i" | b"you" => return false,
            _ => {}
        }
    }
    false
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    for h in ctx.mine() {
        if h.sub == ADVERB && !after_passive(ctx, h.start) {
            continue;
        }
        if h.sub == ADJECTIVE && !before_passive(ctx, h.end) {
            continue;
        }
        // An agent right after the passive ("... by our billing system") is not evasive.
        let after = ctx.doc.slice((h.end, h.end.saturating_add(4)));
        if after.starts_with(b" by ") {
            continue;
        }
        let w = ctx.text_of(h.span());
        sink.emit(
            h.span(),
            format!("\"{w}\" hides who was responsible (P5)"),
            Some("Say who did it, usually \"we\": \"We made a mistake and...\"".into()),
        );
    }
}
