//! `sms-too-long`: an SMS longer than two segments (GSM-7 160/153
//! characters, UCS-2 70/67 when any character needs it) (P2).

use super::RuleDef;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};
use crate::{Channel, Severity};

/// Segments allowed.
const MAX_SEGMENTS: usize = 2;

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "sms-too-long",
        category: Category::Channel,
        severity: Severity::Warning,
        summary: "An SMS longer than two segments (GSM-7 160/153, UCS-2 70/67 characters).",
        principle: "P2",
        rationale: "Long texts arrive split, out of order or truncated, and cost more. Bad news \
            that needs more than two segments needs a call (P2). Any character outside GSM-7 \
            (a curly quote, an emoji) switches the whole message to UCS-2 and 70/67 characters \
            per segment.",
        bad: &[Example::on(
            Channel::Sms,
            "Hi, this is Acme. I\u{2019}m sorry: your order #4411 is delayed because our supplier\u{2019}s plant flooded. \
             We can ship the lamp now and the desk on 3 May, or refund you in full today.",
        )],
        good: &[
            Example::on(
                Channel::Sms,
                "Acme: sorry, order 4411 is delayed to 3 May (supplier flood). Reply 1 to wait, 2 for a full refund, or call 555-010-2233.",
            ),
            Example::on(
                Channel::Email,
                "A long email is fine. A long email is fine. A long email is fine. A long email is fine. A long email is fine. A long email is fine. A long email is fine. A long email is fine.",
            ),
        ],
    },
    phrases: &[],
    check,
};

const BASIC: &str = "@\u{a3}$\u{a5}\u{e8}\u{e9}\u{f9}\u{ec}\u{f2}\u{c7}\n\u{d8}\u{f8}\r\u{c5}\u{e5}\u{394}_\u{3a6}\u{393}\u{39b}\u{3a9}\u{3a0}\u{3a8}\u{3a3}\u{398}\u{39e}\u{c6}\u{e6}\u{df}\u{c9} !\"#\u{a4}%&'()*+,-./0123456789:;<=>?\u{a1}ABCDEFGHIJKLMNOPQRSTUVWXYZ\u{c4}\u{d6}\u{d1}\u{dc}\u{a7}\u{bf}abcdefghijklmnopqrstuvwxyz\u{e4}\u{f6}\u{f1}\u{fc}\u{e0}";
const EXT: &str = "^{}\\[~]|\u{20ac}\u{c}";

/// GSM-7 cost of each ASCII byte (0: not in GSM-7), so that the common
/// all-ASCII message is measured with one table lookup per byte.
static ASCII_COST: [u8; 128] = {
    let mut t = [0u8; 128];
    let (basic, ext) = (BASIC.as_bytes(), EXT.as_bytes());
    let mut i = 0;
    while i < basic.len() {
        if basic[i] < 128 {
            t[basic[i] as usize] = 1;
        }
        i += 1;
    }
    i = 0;
    while i < ext.len() {
        if ext[i] < 128 {
            t[ext[i] as usize] = 2;
        }
        i += 1;
    }
    t
};

/// Septets a character costs in GSM-7 (1 basic, 2 extension), or `None`.
pub(crate) fn gsm_cost(c: char) -> Option<usize> {
    if c.is_ascii() {
        return match ASCII_COST[c as usize] {
            0 => None,
            n => Some(n as usize),
        };
    }
    if BASIC.contains(c) {
        Some(1)
    } else if EXT.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Encoding, length in units and segments of an SMS body.
pub(crate) fn measure(text: &str) -> (&'static str, usize, usize) {
    let gsm: Option<usize> = if text.is_ascii() {
        text.bytes()
            .map(|b| match ASCII_COST[b as usize] {
                0 => None,
                n => Some(n as usize),
            })
            .sum()
    } else {
        text.chars().map(gsm_cost).sum()
    };
    match gsm {
        Some(n) => ("GSM-7", n, if n <= 160 { 1 } else { n.div_ceil(153) }),
        None => {
            let n = text.encode_utf16().count();
            ("UCS-2", n, if n <= 70 { 1 } else { n.div_ceil(67) })
        }
    }
}

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    if ctx.opts.channel != Some(Channel::Sms) {
        return;
    }
    let text = ctx.doc.text.trim_end();
    if text.len() <= 2 * 67 {
        // At most 134 UTF-16 units and 268 septets: two segments either way.
        return;
    }
    let (enc, units, segments) = measure(text);
    if segments <= MAX_SEGMENTS {
        return;
    }
    let per = if enc == "GSM-7" { 153 } else { 67 };
    let limit = per * MAX_SEGMENTS;
    // Find where the third segment starts.
    let mut used = 0usize;
    let mut at = text.len();
    for (i, c) in text.char_indices() {
        let cost = if enc == "GSM-7" {
            gsm_cost(c).unwrap_or(1)
        } else {
            c.len_utf16()
        };
        if used + cost > limit {
            at = i;
            break;
        }
        used += cost;
    }
    sink.emit_orig(
        (at, text.len()),
        format!(
            "SMS is {units} {enc} characters, {segments} segments; keep it to {MAX_SEGMENTS} (P2)"
        ),
        Some("Shorten it, or call the customer instead.".into()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_table_agrees_with_the_alphabets() {
        for b in 0u8..128 {
            let c = b as char;
            let want = if BASIC.contains(c) {
                Some(1)
            } else if EXT.contains(c) {
                Some(2)
            } else {
                None
            };
            assert_eq!(gsm_cost(c), want, "byte {b}");
        }
        assert_eq!(gsm_cost('a'), Some(1));
        assert_eq!(gsm_cost('`'), None);
        assert_eq!(gsm_cost('\u{20ac}'), Some(2));
    }

    #[test]
    fn segments() {
        assert_eq!(measure(&"a".repeat(160)), ("GSM-7", 160, 1));
        assert_eq!(measure(&"a".repeat(161)), ("GSM-7", 161, 2));
        assert_eq!(measure(&"a".repeat(307)), ("GSM-7", 307, 3));
        assert_eq!(measure(&"[".repeat(80)), ("GSM-7", 160, 1));
        assert_eq!(measure(&"\u{2019}".repeat(70)), ("UCS-2", 70, 1));
        assert_eq!(measure(&"\u{2019}".repeat(135)), ("UCS-2", 135, 3));
        assert_eq!(measure("\u{1F600}").1, 2);
    }
}
