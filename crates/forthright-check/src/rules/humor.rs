//! `humor`: jokes, laughter, emoji and emoticons in bad news (P6).

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "humor",
        category: Category::Tone,
        severity: Severity::Error,
        summary: "Jokes, laughter, emoji and emoticons in a bad-news message.",
        principle: "P6",
        rationale: "Humour in bad news reads as not taking the customer's problem seriously. \
            No jokes, no \"lol\", no smileys, no \"look on the bright side\" (P6).",
        bad: &[
            Example::plain("Your order is late again haha, sorry!"),
            Example::plain("Look on the bright side: more time to save up :)"),
            Example::plain("Oops, we double-charged you \u{1F605}"),
        ],
        good: &[
            Example::plain("Your order is late, and I am sorry."),
            Example::plain("Note: Delivery is now due on 3 May."),
        ],
    },
    phrases: &[
        ("haha", 0),
        ("hahaha", 0),
        ("ha ha", 0),
        ("hehe", 0),
        ("lol", 0),
        ("lolz", 0),
        ("lmao", 0),
        ("rofl", 0),
        ("look on the bright side", 0),
        ("on the bright side", 0),
        ("bright side", 0),
        ("silver lining", 0),
        ("just kidding", 0),
        ("just joking", 0),
        ("kidding", 0),
        ("joking", 0),
        ("jk", 0),
        ("oops", 0),
        ("oopsie", 0),
        ("whoops", 0),
        ("yikes", 0),
        ("womp womp", 0),
        ("funny thing", 0),
        ("the funny part", 0),
        ("you'll laugh", 0),
        ("joke", 0),
        ("scenic route", 0),
        ("in the sky", 0),
        ("never hurt anyone", 0),
        ("never killed anyone", 0),
        ("bless it", 0),
        (":)", 0),
        (":-)", 0),
        (";)", 0),
        (";-)", 0),
        (":d", 0),
        (":-d", 0),
        (":p", 0),
        (":-p", 0),
        (":(", 0),
        (":-(", 0),
        ("xd", 0),
        ("<3", 0),
        ("^_^", 0),
        ("^^", 0),
        (", ha", 0),
        (" ha.", 0),
        (" ha!", 0),
        (" ha,", 0),
    ],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let mut emoji = ctx.doc.emoji.iter().peekable();
    let emit_emoji = |sink: &mut Sink, s: (u32, u32)| {
        if !ctx.doc.is_quoted(s.0) {
            sink.emit(
                s,
                "emoji in a bad-news message reads as not taking it seriously (P6)",
                Some("Remove the emoji.".into()),
            );
        }
    };
    for h in ctx.mine() {
        while let Some(&&e) = emoji.peek() {
            if e.0 >= h.start {
                break;
            }
            emit_emoji(sink, e);
            emoji.next();
        }
        let w = ctx.text_of(h.span());
        sink.emit(
            h.span(),
            format!("\"{w}\" makes light of the customer's problem (P6)"),
            Some("Remove the joke; bad news is no time for humour.".into()),
        );
    }
    for &e in emoji {
        emit_emoji(sink, e);
    }
}
