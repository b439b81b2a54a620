//! `shouting`: words in capitals that are not acronyms, and "!!" (P6).

use super::RuleDef;
use crate::Severity;
use crate::checker::{Ctx, Sink};
use crate::registry::{Category, Example, Rule};

/// Words allowed in capitals (lower case); configuration adds more.
pub(crate) const ACRONYMS: &[&str] = &[
    "usa", "us", "uk", "eu", "un", "faq", "id", "pin", "pdf", "sms", "ok", "eta", "ceo", "cfo",
    "coo", "cto", "vp", "hr", "it", "tv", "usb", "hdmi", "led", "lcd", "gps", "am", "pm", "vat",
    "gst", "hst", "ups", "dhl", "usps", "tnt", "dpd", "gls", "atm", "api", "url", "est", "pst",
    "cst", "mst", "edt", "pdt", "cdt", "gmt", "utc", "cet", "bst", "tbd", "asap", "fyi", "ps",
    "pps", "re", "fw", "fwd", "nb", "aka", "diy", "ac", "dc", "uv", "rsvp", "llc", "ltd", "inc",
    "plc", "gmbh", "nyc", "la", "sf", "nhs", "irs", "hmrc", "dvd", "cd", "pc", "ssd", "hdd", "ram",
    "cpu", "gpu", "ios", "wifi", "wi", "fi", "sim", "esim", "lte", "5g", "4g", "nfc", "qr", "sku",
    "rma", "erp", "wms", "crm", "sla", "kb", "mb", "gb", "tb", "mph", "kg", "lb", "lbs", "oz",
    "ml", "cm", "mm", "xl", "xxl", "xs", "sm", "md", "lg", "ii", "iii", "iv", "vi", "vii", "viii",
    "ix", "xi", "xii", "ftp", "vpn", "dns", "ssl", "tls", "sso", "mfa", "otp", "saas", "isp",
    "iban", "bic", "ach", "eft", "po", "ref", "no", "nasdaq", "fedex", "covid", "nato", "unicef",
    "aaa", "bbc", "cnn", "acme", "ikea", "ibm", "hp", "lg", "amd", "intel",
];

/// Short words that are shouted, not acronyms, when written in capitals.
const SHOUTED: &[&str] = &[
    "not", "now", "do", "don't", "all", "very", "must", "your", "you", "we", "will", "are", "is",
    "the", "and", "our", "free", "new", "any", "can", "can't", "won't", "just", "stop", "read",
    "this", "that", "have", "did", "was", "be", "so", "too", "sure", "ever", "only", "due", "late",
    "i'm", "sorry", "asked", "paid", "got", "why", "what", "how", "who", "last", "best", "huge",
    "big", "wow", "omg", "ugh", "yes", "cost", "deal", "sale", "fix", "bad", "mad", "off", "out",
];

/// The rule.
pub(crate) static DEF: RuleDef = RuleDef {
    rule: Rule {
        id: "shouting",
        category: Category::Tone,
        severity: Severity::Warning,
        summary: "Words in capitals that are not acronyms, and \"!!\" or more.",
        principle: "P6",
        rationale: "Capitals and stacked exclamation marks read as shouting or as panic; neither \
            helps a customer who is already upset (P6). Acronyms (UPS, ETA, PDF) and the \
            configured jargon and acronym lists are not flagged.",
        bad: &[
            Example::plain("Your order is DELAYED, please READ this."),
            Example::plain("We are so sorry!!"),
            Example::plain("Please do NOT call us."),
        ],
        good: &[
            Example::plain("Your UPS parcel has an ETA of 3 May; the PDF is attached."),
            Example::plain("I'm sorry. Your order is delayed!"),
        ],
    },
    phrases: &[],
    check,
};

fn check(ctx: &Ctx<'_>, sink: &mut Sink) {
    let doc = ctx.doc;
    let words = &doc.caps_words;
    let acr = |w: &[u8]| ctx.settings.acronyms.contains(w);
    let letters = |w: &[u8]| w.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let adjacent = |a: (u32, u32), b: (u32, u32)| {
        b.0 >= a.1
            && b.0 - a.1 <= 3
            && doc
                .slice((a.1, b.0))
                .iter()
                .all(|c| !c.is_ascii_alphanumeric() && *c != b'\n')
    };
    let shout = |i: usize| -> bool {
        let w = doc.slice(words[i]);
        if acr(w) {
            return false;
        }
        let n = letters(w);
        if n >= 5 || SHOUTED.iter().any(|s| s.as_bytes() == w) {
            return true;
        }
        let prev = i
            .checked_sub(1)
            .is_some_and(|p| adjacent(words[p], words[i]) && !acr(doc.slice(words[p])));
        let next = words
            .get(i + 1)
            .is_some_and(|&nx| adjacent(words[i], nx) && !acr(doc.slice(nx)));
        prev || next
    };
    let mut run: Option<(u32, u32)> = None;
    for (i, &w) in words.iter().enumerate() {
        if doc.is_quoted(w.0) || !shout(i) {
            continue;
        }
        run = match run {
            Some(r) if adjacent(r, w) => Some((r.0, w.1)),
            Some(r) => {
                emit_caps(ctx, sink, r);
                Some(w)
            }
            None => Some(w),
        };
    }
    if let Some(r) = run {
        emit_caps(ctx, sink, r);
    }
    for &b in &doc.bangs {
        if !doc.is_quoted(b.0) {
            sink.emit(
                b,
                "stacked exclamation marks read as shouting (P6)",
                Some("Use one full stop.".into()),
            );
        }
    }
}

fn emit_caps(ctx: &Ctx<'_>, sink: &mut Sink, span: (u32, u32)) {
    let w = ctx.text_of(span);
    let lower = w.to_lowercase();
    sink.emit(
        span,
        format!("\"{w}\" in capitals reads as shouting (P6)"),
        Some(format!(
            "Write \"{lower}\"; add real acronyms to [check] acronyms."
        )),
    );
}
