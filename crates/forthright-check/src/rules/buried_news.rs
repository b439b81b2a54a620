//! `buried-news`: the bad news arrives only after pleasantries or late in
//! the message (P4).

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, ELEMENT_BASE, Sink};
use crate::elements::Element;
use crate::registry::code;
use crate::registry::{Category, Example, Rule};
use crate::text::NSpan;

const PLEASANTRY: u8 = 0;

/// Sentences of lead-in (not counting a greeting or a self-introduction)
/// after which the news counts as buried.
const MAX_LEAD_SENTENCES: usize = 2;

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "buried-news",
        category: Category::Structure,
        severity: Severity::Warning,
        summary: "The bad news arrives only after pleasantries or late in the message.",
        principle: "P4",
        rationale: "Pleasantries before bad news feel like a set-up, and a customer who has to \
            dig for the news trusts the rest less. Say early and plainly that the news is bad: \
            a greeting, then the news (P4).",
        bad: &[
            Example::plain(
                "Hi Sam, I hope you're well and enjoying the spring weather! We love having you as a customer. \
                 Unfortunately, your order is delayed.",
            ),
            Example::plain(
                "Dear customer. Thank you for being with us for five years. We always aim for the best service. \
                 Our team works hard every day. We have new products coming. Your order is delayed.",
            ),
            Example::plain(
                "Dear Chloe,\n\nWhat a joy it was to meet you and Tom at the tasting. The studio smells \
                 of sweet peas from morning to night. Our team has grown to six. The peonies for your \
                 bouquet are out of stock.",
            ),
        ],
        good: &[
            Example::plain("Hi Sam, I'm afraid your order is delayed by a week. I'm sorry."),
            Example::plain(
                "Hello, this is Ana from Brightside Furniture. I'm calling because your sofa is delayed.",
            ),
        ],
    },
    phrases: &[
        ("hope you're well", PLEASANTRY),
        ("hope you are well", PLEASANTRY),
        ("hope you're doing well", PLEASANTRY),
        ("hope you are doing well", PLEASANTRY),
        ("hope you're keeping well", PLEASANTRY),
        ("hope this finds you", PLEASANTRY),
        ("hope this email finds you", PLEASANTRY),
        ("hope this message finds you", PLEASANTRY),
        ("hope you had", PLEASANTRY),
        ("hope you're having", PLEASANTRY),
        ("hope you are having", PLEASANTRY),
        ("hope you've been", PLEASANTRY),
        ("hope you have been", PLEASANTRY),
        ("hope your week", PLEASANTRY),
        ("hope all is well", PLEASANTRY),
        ("how are you", PLEASANTRY),
        ("how's your day", PLEASANTRY),
        ("how is your day", PLEASANTRY),
        ("trust you are well", PLEASANTRY),
        ("trust this finds you", PLEASANTRY),
        ("thank you for being", PLEASANTRY),
        ("thanks for being", PLEASANTRY),
        ("valued customer", PLEASANTRY),
        ("we value your", PLEASANTRY),
        ("we truly value", PLEASANTRY),
        ("loyal customer", PLEASANTRY),
        ("wanted to take a moment", PLEASANTRY),
        ("lovely weather", PLEASANTRY),
        ("beautiful day", PLEASANTRY),
        ("we pride ourselves", PLEASANTRY),
        ("we're proud", PLEASANTRY),
        ("we are proud", PLEASANTRY),
        ("we love having you", PLEASANTRY),
        ("enjoying the", PLEASANTRY),
        ("we hope you", PLEASANTRY),
        ("hope you and", PLEASANTRY),
        ("i hope the", PLEASANTRY),
        ("thank you again", PLEASANTRY),
        ("thanks again", PLEASANTRY),
        ("for choosing us", PLEASANTRY),
        ("it has been a pleasure", PLEASANTRY),
        ("it's been a pleasure", PLEASANTRY),
        ("how lovely", PLEASANTRY),
        ("lovely to catch", PLEASANTRY),
        ("wonderful year", PLEASANTRY),
        ("great year", PLEASANTRY),
        ("always enjoy", PLEASANTRY),
        ("enjoy working", PLEASANTRY),
        ("hope the", PLEASANTRY),
        ("hope you", PLEASANTRY),
        ("hope your", PLEASANTRY),
        ("lovely", PLEASANTRY),
        ("wonderful", PLEASANTRY),
        ("great to", PLEASANTRY),
        ("a pleasure", PLEASANTRY),
        ("thank you for choosing", PLEASANTRY),
        ("thanks for choosing", PLEASANTRY),
        ("as a valued", PLEASANTRY),
        ("we love", PLEASANTRY),
        ("we've loved", PLEASANTRY),
        ("we have loved", PLEASANTRY),
        ("such a great", PLEASANTRY),
        ("happy holidays", PLEASANTRY),
        ("happy new year", PLEASANTRY),
        ("merry christmas", PLEASANTRY),
        ("we're excited", PLEASANTRY),
        ("well done", PLEASANTRY),
        ("congratulations", PLEASANTRY),
        ("we are excited", PLEASANTRY),
    ],
    check,
};

/// A salutation line ("Dear Ms Novak,", "Hi Sam,"): not a sentence.
fn is_salutation(s: &[u8]) -> bool {
    let t = s.trim_ascii();
    const GREET: &[&[u8]] = &[
        b"hi",
        b"hello",
        b"dear",
        b"hey",
        b"good morning",
        b"good afternoon",
        b"good evening",
    ];
    t.is_empty()
        || !t.iter().any(u8::is_ascii_alphanumeric)
        || (t.len() <= 40 && t.ends_with(b",") && GREET.iter().any(|g| t.starts_with(g)))
}

/// A greeting or self-introduction that may precede the news.
fn is_opening(s: &[u8]) -> bool {
    let t: &[u8] = {
        let a = s
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(s.len());
        &s[a..]
    };
    const GREET: &[&[u8]] = &[
        b"hi",
        b"hello",
        b"dear",
        b"hey",
        b"good morning",
        b"good afternoon",
        b"good evening",
        b"greetings",
        b"subject:",
        b"re:",
    ];
    const INTRO: &[&[u8]] = &[
        b"this is ",
        b"my name is",
        b"calling from",
        b"i'm calling",
        b"i am calling",
        b"i'm reaching out",
        b"i am reaching out",
        b"we're reaching out",
        b"we are reaching out",
        b"i'm writing",
        b"i am writing",
        b"we're writing",
        b"we are writing",
        b"i'm ringing",
        b"i'm phoning",
        b"agent:",
    ];
    GREET.iter().any(|g| t.starts_with(g) && t.len() < 80)
        || INTRO.iter().any(|g| {
            // Starting within the first 80 bytes.
            let head = &t[..t.len().min(79 + g.len())];
            memchr::memmem::find(head, g).is_some()
        })
        || !t.iter().any(u8::is_ascii_alphanumeric)
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let news = ctx.el.get(Element::News).first().copied();
    // The first pleasantry or sugarcoating phrase ("great news!") of the message.
    let lead_in = ctx
        .mine()
        .map(|h| h.span())
        .chain(ctx.of(code::SUGARCOATING).map(|h| h.span()))
        .min();
    let Some(p) = lead_in else {
        small_talk_first(ctx, sink, news);
        return;
    };
    match news {
        Some(n) if p.0 < n.0 => {
            // Buried when the news comes in the third sentence or later
            // (salutation lines do not count), after the lead-in.
            let ns = ctx.doc.sentence_of(n.0);
            let before = ctx.doc.sentences[..ns.min(ctx.doc.sentences.len())]
                .iter()
                .filter(|&&s| !is_salutation(ctx.doc.slice(s)))
                .count();
            if before < MAX_LEAD_SENTENCES {
                return;
            }
            let w = ctx.text_of(p);
            sink.emit(
                n,
                format!("the bad news comes only after pleasantries (\"{w}\"); lead with it (P4)"),
                Some("Open with the news, right after the greeting.".into()),
            );
        }
        Some(_) => {}
        None => {
            // No recognisable news at all, and the message opens with small talk.
            let s = ctx.doc.sentence_of(p.0);
            let lead = ctx.doc.sentences[..s.min(ctx.doc.sentences.len())]
                .iter()
                .filter(|&&s| !is_opening(ctx.doc.slice(s)))
                .count();
            if lead < MAX_LEAD_SENTENCES {
                let w = ctx.text_of(p);
                sink.emit(
                    p,
                    format!(
                        "the message opens with pleasantries (\"{w}\") instead of the news (P4)"
                    ),
                    Some("Open with the news, right after the greeting.".into()),
                );
            }
        }
    }
}

/// The news after small talk that no pleasantry phrase gave away ("What a
/// joy it was to meet you..."): at least [`MIN_SMALL_TALK`] sentences before
/// it, not counting greetings, self-introductions and quoted lines, and none of them
/// carrying any element of the message (a cause, an apology, an option).
fn small_talk_first(ctx: &Ctx<'_>, sink: &mut Sink, news: Option<NSpan>) {
    let Some(n) = news else { return };
    let ns = ctx.doc.sentence_of(n.0);
    // Which sentences before the news are small talk.
    let lead: Vec<bool> = ctx.doc.sentences[..ns]
        .iter()
        .map(|&span| {
            let s = ctx.doc.slice(span);
            // A quoted customer's words are not our small talk.
            let first = s.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
            !is_salutation(s) && !is_opening(s) && !ctx.doc.is_quoted(span.0 + first as u32)
        })
        .collect();
    let count = lead.iter().filter(|&&l| l).count();
    if count < MIN_SMALL_TALK {
        return;
    }
    let cued = (0..Element::ALL.len() as u8).any(|e| {
        ctx.of(ELEMENT_BASE + e)
            .any(|h| lead.get(h.sentence as usize) == Some(&true))
    });
    if !cued {
        sink.emit(
            n,
            format!(
                "the bad news comes only after {count} sentences of small talk; lead with it (P4)"
            ),
            Some("Open with the news, right after the greeting.".into()),
        );
    }
}

/// Sentences of small talk before the news that make it buried when no
/// pleasantry phrase is known: one more than with one.
const MIN_SMALL_TALK: usize = MAX_LEAD_SENTENCES + 1;
