//! Inline suppression markers.
//!
//! Anywhere in a message (typically inside a comment such as `<!-- ... -->`
//! in Markdown, or on its own line in a text file):
//!
//! - `forthright: ignore` silences every rule on that line;
//! - `forthright: ignore[humor, shouting]` silences those rules on that line;
//! - `forthright: ignore-file` / `forthright: ignore-file[missing-question]`
//!   does the same for the whole message.
//!
//! A line marker that stands on a line of its own (nothing but punctuation
//! around it) also covers the next line. The marker's own words are never
//! checked. Message-level findings (`missing-*`) point at the first line, so
//! silence them with `ignore-file`.

use crate::text::{Doc, NSpan};

/// Which rules a marker names.
#[derive(Debug, Clone)]
enum Which {
    All,
    Some(Vec<String>),
}

impl Which {
    fn covers(&self, rule: &str) -> bool {
        match self {
            Which::All => true,
            Which::Some(v) => v.iter().any(|r| r == rule),
        }
    }
}

/// The suppressions of one message.
#[derive(Debug, Default)]
pub(crate) struct Suppressions {
    file: Vec<Which>,
    lines: Vec<(usize, Which)>,
    /// Marker text, excluded from checking.
    pub regions: Vec<NSpan>,
}

impl Suppressions {
    /// Whether a finding of `rule` starting on `line` is silenced.
    pub fn suppressed(&self, rule: &str, line: usize) -> bool {
        self.file.iter().any(|w| w.covers(rule))
            || self
                .lines
                .iter()
                .filter(|(l, _)| *l == line)
                .any(|(_, w)| w.covers(rule))
    }
}

/// Parses every marker found by the phrase scan (`markers` are the spans of
/// `forthright:`, in order).
pub(crate) fn parse(doc: &Doc<'_>, markers: &[NSpan]) -> Suppressions {
    let mut sup = Suppressions::default();
    let n = &doc.norm;
    let mut line = 1usize;
    let mut counted = 0usize;
    for &(ms, me) in markers.iter().take(10_000) {
        let (ms, me) = (ms as usize, me as usize);
        line += n[counted..ms].iter().filter(|&&b| b == b'\n').count();
        counted = ms;
        let mut i = me;
        while i < n.len() && n[i] == b' ' {
            i += 1;
        }
        let w0 = i;
        while i < n.len() && (n[i].is_ascii_lowercase() || n[i] == b'-') {
            i += 1;
        }
        let file = match &n[w0..i] {
            b"ignore" => false,
            b"ignore-file" => true,
            _ => continue,
        };
        let mut which = Which::All;
        if i < n.len()
            && n[i] == b'['
            && let Some(close) = n[i..]
                .iter()
                .take(2000)
                .position(|&b| b == b']' || b == b'\n')
        {
            let list = &n[i + 1..i + close];
            let ids: Vec<String> = list
                .split(|&b| b == b',' || b == b' ')
                .filter(|s| !s.is_empty())
                .map(|s| String::from_utf8_lossy(s).into_owned())
                .collect();
            which = Which::Some(ids);
            i += close + 1;
        }
        sup.regions.push((ms as u32, i as u32));
        if file {
            sup.file.push(which);
        } else {
            let ls = n[..ms]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let le = n[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(n.len(), |p| i + p);
            let alone = !n[ls..ms]
                .iter()
                .chain(&n[i..le])
                .any(u8::is_ascii_alphanumeric);
            if alone {
                sup.lines.push((line + 1, which.clone()));
            }
            sup.lines.push((line, which));
        }
    }
    sup
}

#[cfg(test)]
mod tests {
    use crate::{Checker, Config, Options};

    fn rules(text: &str) -> Vec<(&'static str, usize)> {
        let c = Checker::new(&Config::default()).unwrap();
        c.check(text, &Options::default())
            .into_iter()
            .map(|f| (f.rule, f.start.line))
            .collect()
    }

    #[test]
    fn line_markers() {
        let t = "Don't worry lol <!-- forthright: ignore[humor] -->\nDon't worry lol\n";
        let v = rules(t);
        assert!(!v.contains(&("humor", 1)) && v.contains(&("minimizing", 1)));
        assert!(v.contains(&("humor", 2)));
        let t = "forthright: ignore\nDon't worry lol\nlol";
        let v = rules(t);
        assert!(!v.iter().any(|(_, l)| *l == 2), "{v:?}");
        assert!(v.contains(&("humor", 3)));
    }

    #[test]
    fn file_markers() {
        let t = "lol\n<!-- forthright: ignore-file[humor, missing-thanks] -->\nhaha";
        let v = rules(t);
        assert!(
            !v.iter()
                .any(|(r, _)| *r == "humor" || *r == "missing-thanks")
        );
        assert!(v.iter().any(|(r, _)| *r == "missing-apology"));
        let v = rules("lol FORTHRIGHT: IGNORE-FILE");
        assert!(v.is_empty(), "{v:?}");
    }
}
