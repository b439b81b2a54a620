//! Robustness: no input panics, spans are exact and on char boundaries, and
//! time is linear in input size (a 10 MB single line finishes; timing itself
//! belongs in the benchmark).

use forthright_check::{Channel, Checker, Config, Format, Kind, Options, prepare};
use proptest::prelude::*;

fn checker() -> &'static Checker {
    static C: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    C.get_or_init(|| Checker::new(&Config::default()).unwrap())
}

fn assert_sane(text: &str, opts: &Options, c: &Checker) {
    let out = c.check_full(text, opts);
    let mut prev = (0, 0);
    for f in &out.findings {
        assert!(
            f.span.start <= f.span.end && f.span.end <= text.len(),
            "{f:?}"
        );
        assert!(
            text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end),
            "{f:?}"
        );
        assert!(f.start.line >= 1 && f.start.column >= 1);
        assert!(
            (f.end.line, f.end.column) >= (f.start.line, f.start.column),
            "{f:?}"
        );
        // Positions agree with the span.
        let before = &text[..f.span.start];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        assert_eq!((f.start.line, f.start.column), (line, col), "{f:?}");
        assert!((f.start.line, f.start.column) >= prev);
        prev = (f.start.line, f.start.column);
    }
    for e in &out.elements {
        for ev in &e.evidence {
            assert!(text.is_char_boundary(ev.span.start) && text.is_char_boundary(ev.span.end));
        }
    }
}

fn opts_strategy() -> impl Strategy<Value = Options> {
    (
        proptest::option::of(proptest::sample::select(Channel::ALL.to_vec())),
        proptest::option::of(proptest::sample::select(Kind::ALL.to_vec())),
    )
        .prop_map(|(channel, kind)| Options { channel, kind })
}

/// Text built from pieces that exercise the rules: phrases, quotes, markers,
/// capitals, emoji, typographic punctuation and line breaks.
fn wordy() -> impl Strategy<Value = String> {
    let pieces = proptest::sample::select(vec![
        "sorry",
        "if",
        "you",
        "don't worry",
        "lol",
        "\u{1F600}",
        "\u{2019}",
        "\u{201C}",
        "\u{201D}",
        "\"",
        ">",
        "\n",
        "\n\n",
        "!!",
        "NOT",
        "SKU",
        "BO_HOLD",
        "soon",
        "by Friday",
        "not",
        "your fault",
        "forthright: ignore",
        "forthright: ignore-file[humor]",
        "[",
        "]",
        "?",
        ".",
        " ",
        "caf\u{e9}",
        "warehouse",
        "messed up",
        "guarantee",
        "great news",
        "\u{2026}",
        "\u{a0}",
        "\r\n",
        "12:00",
        "555-010-2233",
        "thank you",
        "because",
        "refund",
        "I'll call you on Monday",
    ]);
    proptest::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), opts in opts_strategy()) {
        assert_sane(&text, &opts, checker());
    }

    #[test]
    fn phrase_soup_never_panics(text in wordy(), opts in opts_strategy()) {
        assert_sane(&text, &opts, checker());
    }

    #[test]
    fn arbitrary_bytes_prepare_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let c = checker();
        for format in [Format::Text, Format::Markdown, Format::Eml] {
            if let Ok(p) = prepare(&bytes, format) {
                assert_sane(&p.text, &Options::default(), c);
                prop_assert_eq!(p.display().len(), p.text.len());
            }
        }
    }
}

#[test]
fn ten_megabyte_single_line_finishes() {
    // Dense with findings on one line: quadratic behaviour would not finish.
    let unit = "Don't worry lol, the warehouse messed up again!! SHIPPING IS LATE soon \u{2019} ";
    let mut text = String::with_capacity(10 * 1024 * 1024 + unit.len());
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(unit);
    }
    let opts = Options {
        channel: Some(Channel::Sms),
        kind: Some(Kind::Delay),
    };
    let f = checker().check(&text, &opts);
    assert!(f.len() > 100_000, "{}", f.len());
    let last = f.last().unwrap();
    assert_eq!(last.start.line, 1);
}

#[test]
fn ten_megabyte_markdown_and_no_punctuation() {
    let text = "a".repeat(10 * 1024 * 1024);
    let p = prepare(text.as_bytes(), Format::Markdown).unwrap();
    let f = checker().check(&p.text, &Options::default());
    assert!(f.iter().any(|f| f.rule == "missing-apology"));
}

#[test]
fn a_megabyte_sentence_of_context_checked_cues_finishes() {
    // One sentence that never ends, dense with the cues whose checks look
    // around them (a question's opener and choice, a signature line, a
    // disclaimer before a promise, hindsight after "if you'd"), with every
    // element's evidence collected: a check that rescanned the sentence per
    // cue would be quadratic here and not finish.
    let unit = "x?y the landlord guarantee if you'd ask as under ";
    let mut text = String::with_capacity(2 * 1024 * 1024 + unit.len());
    while text.len() < 2 * 1024 * 1024 {
        text.push_str(unit);
    }
    let opts = Options {
        channel: Some(Channel::Phone),
        kind: Some(Kind::Delay),
    };
    let out = checker().check_full(&text, &opts);
    assert!(
        out.findings
            .iter()
            .filter(|f| f.rule == "over-promise")
            .count()
            > 10_000
    );
    let reason = out
        .elements
        .iter()
        .find(|e| e.element.as_str() == "reason")
        .unwrap();
    assert!(reason.present);
}
