//! Fuzzes the message checker: any bytes, as text, Markdown or email, with
//! any channel and kind, must neither panic nor produce a span off a char
//! boundary. Run with `cargo +nightly fuzz run check` from this directory.
#![no_main]

use forthright_check::{Channel, Checker, Config, Format, Kind, Options, prepare};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(&Config::default()).expect("default config"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let format = match selector % 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        _ => Format::Eml,
    };
    let opts = Options {
        channel: Channel::ALL.get((selector as usize / 3) % 5).copied(),
        kind: Kind::ALL.get((selector as usize / 15) % 9).copied(),
    };
    let Ok(prepared) = prepare(rest, format) else {
        return;
    };
    let text = prepared.text.as_str();
    let out = checker().check_full(text, &opts);
    for f in &out.findings {
        assert!(f.span.start <= f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
    }
});
