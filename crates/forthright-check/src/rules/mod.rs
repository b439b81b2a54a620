//! The rules, one per file. Each file defines a `DEF`: the rule's public
//! metadata, the phrases it contributes to the shared phrase index, and its check.

use crate::checker::{Ctx, Sink};
use crate::registry::Rule;
use crate::text::NSpan;

pub(crate) mod blame;
pub(crate) mod blame_customer;
pub(crate) mod boilerplate_apology;
pub(crate) mod buried_news;
pub(crate) mod conditional_apology;
pub(crate) mod evasive_passive;
pub(crate) mod humor;
pub(crate) mod jargon;
pub(crate) mod minimizing;
pub(crate) mod missing_alternative;
pub(crate) mod missing_apology;
pub(crate) mod missing_empathy;
pub(crate) mod missing_next_step;
pub(crate) mod missing_question;
pub(crate) mod missing_reason;
pub(crate) mod missing_thanks;
pub(crate) mod over_promise;
pub(crate) mod shouting;
pub(crate) mod sms_too_long;
pub(crate) mod sugarcoating;
pub(crate) mod vague_timeline;
pub(crate) mod written_channel;

/// A rule's definition: metadata, phrases (with rule-local sub-tags; the
/// sub-tag [`crate::checker::MASK`] marks exceptions), and the check.
pub(crate) struct RuleDef {
    pub rule: Rule,
    pub phrases: &'static [(&'static str, u8)],
    pub check: fn(&Ctx<'_>, &mut Sink),
}

/// Emits one finding per live hit of the running rule, optionally skipping
/// negated ones ("we can't guarantee" is honest, not an over-promise).
pub(crate) fn each_hit(
    ctx: &Ctx<'_>,
    sink: &mut Sink,
    skip_negated: bool,
    message: impl Fn(&str) -> String,
    fix: impl Fn(&str) -> Option<String>,
) {
    for h in ctx.mine() {
        if skip_negated && h.negated(ctx.doc) {
            continue;
        }
        let words = ctx.text_of(h.span());
        sink.emit(h.span(), message(words), fix(words));
    }
}

/// Whether any of `needles` occurs in `hay` (short, normalised bytes).
pub(crate) fn contains_any(hay: &[u8], needles: &[&[u8]]) -> bool {
    needles
        .iter()
        .any(|n| hay.windows(n.len()).any(|w| w == *n))
}

/// Emits a message-level finding (a missing element): it points at the
/// first line of the message.
pub(crate) fn whole_message(ctx: &Ctx<'_>, sink: &mut Sink, message: &str, fix: &str) {
    let span: NSpan = ctx.doc.first_line();
    sink.emit(span, message, Some(fix.to_string()));
}

/// Whether a sentence (normalised bytes) names a concrete date or time:
/// a weekday, a month with a day, "tomorrow", "5pm", "14:00", "3/14",
/// "within 48 hours", "in two weeks", "next week".
pub(crate) fn has_concrete_time(s: &[u8]) -> bool {
    // A sliding window of four tokens: (before, prev, t, next); no allocation.
    let mut window: [&[u8]; 4] = [b"", b"", b"", b""];
    // Whether each token of the window is joined to the one before by a
    // hyphen ("a seven-day supply": a duration used as an adjective).
    let mut joined = [false; 4];
    let mut seen = 0usize;
    let mut i = 0;
    while i < s.len() {
        if !s[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let a = i;
        while i < s.len() && s[i].is_ascii_alphanumeric() {
            i += 1;
        }
        // Clock and date forms: 14:00, 3/14
        if i + 1 < s.len()
            && matches!(s[i], b':' | b'/')
            && s[i + 1].is_ascii_digit()
            && s[a].is_ascii_digit()
        {
            return true;
        }
        window = [window[1], window[2], window[3], &s[a..i]];
        joined = [joined[1], joined[2], joined[3], a > 0 && s[a - 1] == b'-'];
        seen += 1;
        if seen >= 2 && !joined[2] && token_is_time(window[0], window[1], window[2], window[3]) {
            return true;
        }
    }
    // The last token has no successor.
    seen >= 1 && !joined[3] && token_is_time(window[1], window[2], window[3], b"")
}

/// Whether token `t` (between `prev` and `next`) makes a time: one `match`
/// per token, since this runs on every word of every sentence that a timed
/// phrase asks about.
fn token_is_time(before: &[u8], prev: &[u8], t: &[u8], next: &[u8]) -> bool {
    let starts_digit = |w: &[u8]| w.first().is_some_and(u8::is_ascii_digit);
    let unit = |w: &[u8]| {
        matches!(
            w,
            b"hour"
                | b"hours"
                | b"hrs"
                | b"hr"
                | b"day"
                | b"days"
                | b"week"
                | b"weeks"
                | b"minute"
                | b"minutes"
                | b"mins"
                | b"business"
                | b"working"
                | b"am"
                | b"pm"
                | b"month"
                | b"months"
        )
    };
    match t {
        // "on Saturday" is a date; "on Saturday mornings" is a habit.
        b"monday" | b"tuesday" | b"wednesday" | b"thursday" | b"friday" | b"saturday"
        | b"sunday" | b"tomorrow" | b"today" | b"tonight" | b"noon" | b"midnight" | b"weekend" => {
            // "since Monday" and "last Friday" are when it went wrong.
            !matches!(next, b"mornings" | b"afternoons" | b"evenings" | b"nights")
                && !matches!(prev, b"since" | b"last")
        }
        // Weekday abbreviations; "sat" and "sun" are words too, so they
        // count only before a day number or after "on".
        b"mon" | b"tue" | b"tues" | b"wed" | b"thu" | b"thur" | b"thurs" | b"fri" => true,
        b"sat" | b"sun" => starts_digit(next) || prev == b"on",
        b"january" | b"february" | b"march" | b"april" | b"may" | b"june" | b"july" | b"august"
        | b"september" | b"october" | b"november" | b"december" | b"jan" | b"feb" | b"mar"
        | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept" | b"oct" | b"nov" | b"dec" => {
            // "since 2 May" and "since March 3" are past.
            (starts_digit(next) && prev != b"since") || (starts_digit(prev) && before != b"since")
        }
        b"next" | b"this" => matches!(next, b"week" | b"monday" | b"friday"),
        b"end" => next == b"of",
        // 48 hours, two weeks; but "one week of your plan" is an amount.
        _ if unit(t) => {
            let number = starts_digit(prev)
                || matches!(
                    prev,
                    b"one"
                        | b"two"
                        | b"three"
                        | b"four"
                        | b"five"
                        | b"six"
                        | b"seven"
                        | b"eight"
                        | b"nine"
                        | b"ten"
                        | b"eleven"
                        | b"twelve"
                        | b"fourteen"
                );
            // "three days off your bill", "a week free" and "one month's
            // fee" are amounts.
            number && !matches!(next, b"of" | b"off" | b"free" | b"extra" | b"credit" | b"s")
        }
        _ if starts_digit(t) => {
            // 5pm, 3rd, 14th, 2025
            let digits = t.iter().take_while(|b| b.is_ascii_digit()).count();
            matches!(
                &t[digits..],
                b"am" | b"pm" | b"st" | b"nd" | b"rd" | b"th" | b"h"
            ) || (t.len() == 4 && t.starts_with(b"20"))
        }
        _ => false,
    }
}

/// Whether a sentence mentions a phone number: seven or more digits in one
/// run of digits, spaces, dots, dashes, parentheses and a leading `+`.
pub(crate) fn has_phone_number(s: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while i < s.len() {
        if s[i].is_ascii_digit()
            || (s[i] == b'+' && s.get(i + 1).is_some_and(u8::is_ascii_digit))
            || s[i] == b'('
        {
            let a = i;
            let mut digits = 0;
            let mut seps = 0;
            let mut last_digit = i;
            while i < s.len()
                && (s[i].is_ascii_digit()
                    || matches!(s[i], b' ' | b'-' | b'.' | b'(' | b')' | b'+'))
            {
                if s[i].is_ascii_digit() {
                    digits += 1;
                    last_digit = i;
                } else {
                    seps += 1;
                }
                i += 1;
            }
            if digits >= 7 && (seps > 0 || digits >= 10) && digits <= 15 {
                return Some((a, last_digit + 1));
            }
            if i == a {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concrete_times() {
        for s in [
            "by friday",
            "on march 14",
            "at 5pm",
            "at 14:00",
            "on 3/14",
            "within 48 hours",
            "in two weeks",
            "next week",
            "on the 3rd",
            "may 3",
            "we'll ring wed to confirm",
            "sat 7 mar",
        ] {
            assert!(has_concrete_time(s.as_bytes()), "{s}");
        }
        for s in [
            "soon",
            "shortly",
            "order 12345",
            "you may see it",
            "as soon as possible",
            "held since 2 may",
            "down since monday",
            "it broke last friday",
            "a seven-day supply",
            "the sun was out",
        ] {
            assert!(!has_concrete_time(s.as_bytes()), "{s}");
        }
    }

    #[test]
    fn phone_numbers() {
        assert!(has_phone_number(b"call 1-800-555-0199 now").is_some());
        assert!(has_phone_number(b"(555) 010-2233").is_some());
        assert!(has_phone_number(b"+44 20 7946 0958").is_some());
        assert!(has_phone_number(b"order 48213").is_none());
        assert!(has_phone_number(b"on 3/14").is_none());
    }
}
