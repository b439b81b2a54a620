//! Turning files into checkable text: plain text, Markdown and `.eml`.
//!
//! Markdown is masked in place: markup, code and HTML become spaces of the
//! same byte length, so every finding's line and column still point into the
//! original file. An email's checkable text is its body: the text/plain
//! part, or the HTML part turned into text (positions refer to that body).

use crate::error::Error;
use std::path::Path;

/// The format of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, checked as is.
    Text,
    /// CommonMark; prose is checked, markup and code are not.
    Markdown,
    /// An RFC 5322 / MIME message.
    Eml,
}

impl Format {
    /// Guesses the format from a file name's extension (plain text otherwise).
    pub fn from_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
            Some("eml") => Format::Eml,
            _ => Format::Text,
        }
    }

    /// Whether a directory walk should pick up files with this path.
    pub fn is_message_file(path: &Path) -> bool {
        matches!(
            path.extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("txt" | "text" | "md" | "markdown" | "mdown" | "mkd" | "eml")
        )
    }
}

/// A message ready to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The text to check.
    pub text: String,
    /// The text to show in diagnostics when it differs from `text`
    /// (Markdown: the original, same offsets).
    pub original: Option<String>,
}

impl Prepared {
    /// The text diagnostics should quote; offsets agree with [`Prepared::text`].
    pub fn display(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.text)
    }
}

/// Prepares raw bytes of the given format for checking.
pub fn prepare(bytes: &[u8], format: Format) -> Result<Prepared, Error> {
    match format {
        Format::Text => Ok(Prepared {
            text: utf8(bytes)?.to_string(),
            original: None,
        }),
        Format::Markdown => {
            let src = utf8(bytes)?;
            Ok(Prepared {
                text: mask_markdown(src),
                original: Some(src.to_string()),
            })
        }
        Format::Eml => Ok(Prepared {
            text: email_body(bytes)?,
            original: None,
        }),
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        valid_up_to: e.valid_up_to(),
    })
}

/// Blanks everything in a Markdown document that is not prose, keeping byte
/// offsets, line breaks and char counts: each blanked char becomes a space
/// character of the same UTF-8 length.
pub(crate) fn mask_markdown(src: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut keep = vec![false; src.len()];
    let mut in_code_block = 0usize;
    let mut in_link_dest = 0usize;
    for (ev, range) in Parser::new_ext(src, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .into_offset_iter()
    {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code_block += 1,
            Event::End(TagEnd::CodeBlock) => in_code_block = in_code_block.saturating_sub(1),
            Event::Start(Tag::Image { .. }) => in_link_dest += 1,
            Event::End(TagEnd::Image) => in_link_dest = in_link_dest.saturating_sub(1),
            Event::Text(_) if in_code_block == 0 && in_link_dest == 0 => {
                if let Some(k) = keep.get_mut(range) {
                    k.iter_mut().for_each(|k| *k = true);
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // Keep suppression markers inside HTML comments.
                if let Some(p) = h.to_ascii_lowercase().find("forthright:") {
                    let a = range.start + p;
                    let line_end = src[a..].find('\n').map_or(src.len(), |e| a + e);
                    let end = src[a..line_end].find("-->").map_or(line_end, |e| a + e);
                    if let Some(k) = keep.get_mut(a..end) {
                        k.iter_mut().for_each(|k| *k = true);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(src.len());
    for (i, c) in src.char_indices() {
        if c == '\n' || c == '\r' || keep.get(i).copied().unwrap_or(false) {
            out.push(c);
        } else {
            out.push(match c.len_utf8() {
                1 => ' ',
                2 => '\u{00A0}',
                3 => '\u{2002}',
                _ => '\u{E0020}',
            });
        }
    }
    out
}

/// The body of an email as text: text/plain parts, or HTML parts converted.
fn email_body(bytes: &[u8]) -> Result<String, Error> {
    use mail_parser::{MessageParser, PartType};
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| Error::Email("no message found".into()))?;
    if msg.text_body.is_empty() && msg.html_body.is_empty() {
        return Err(Error::Email("the message has no text or HTML body".into()));
    }
    let mut out = String::new();
    for &id in &msg.text_body {
        let text = match msg.part(id).map(|p| &p.body) {
            Some(PartType::Text(t)) => Some(t.to_string()),
            Some(PartType::Html(h)) => Some(html_to_text(h)?),
            _ => None,
        };
        if let Some(t) = text {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&t.replace("\r\n", "\n"));
        }
    }
    Ok(out)
}

fn html_to_text(html: &str) -> Result<String, Error> {
    html2text::config::plain_no_decorate()
        .string_from_read(html.as_bytes(), 10_000)
        .map_err(|e| Error::Email(format!("cannot convert the HTML body: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_offsets() {
        let md = "# Your order\n\nWe're **sorry** \u{2014} see [the page](http://x.example/lol).\n\n```\nlol\n```\n";
        let p = prepare(md.as_bytes(), Format::Markdown).unwrap();
        assert_eq!(p.text.len(), md.len());
        assert_eq!(p.text.lines().count(), md.lines().count());
        assert!(p.text.contains("sorry"));
        assert!(!p.text.contains("lol"));
        assert!(!p.text.contains('#'));
        for (a, b) in p.text.lines().zip(md.lines()) {
            assert_eq!(a.chars().count(), b.chars().count());
        }
    }

    #[test]
    fn eml_plain_and_html() {
        let plain = b"From: a@example.com\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYour order is late.\r\n";
        let p = prepare(plain, Format::Eml).unwrap();
        assert_eq!(p.text.trim(), "Your order is late.");
        let html = b"From: a@example.com\r\nSubject: x\r\nContent-Type: text/html\r\n\r\n<html><body><p>Your order is <b>late</b>.</p><p>Sorry.</p></body></html>\r\n";
        let p = prepare(html, Format::Eml).unwrap();
        assert!(p.text.contains("Your order is late."), "{:?}", p.text);
        assert!(!p.text.contains('<'));
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        assert!(matches!(
            prepare(b"ok \xff no", Format::Text),
            Err(Error::InvalidUtf8 { valid_up_to: 3 })
        ));
    }
}
