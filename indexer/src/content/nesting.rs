//! A bound on nesting depth, checked while the body is walked: deep
//! nesting makes sanitising quadratic, and no real answer needs it.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Deepest nesting of quotes, lists and HTML elements a body may have.
/// Sanitising HTML costs time proportional to depth × elements, so a
/// 1 MB file of `>>>>…` or `<div><div>…` would take minutes; no real
/// answer nests a hundred levels deep.
pub const MAX_NESTING: usize = 100;

/// Running depth of block containers and of raw HTML elements.
#[derive(Default)]
pub(super) struct Nesting {
    blocks: usize,
    html: usize,
}

impl Nesting {
    /// Updates the depths; names what is nested too deeply, if anything.
    pub(super) fn observe(&mut self, event: &Event) -> Option<&'static str> {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => self.blocks += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                self.blocks = self.blocks.saturating_sub(1)
            }
            Event::Html(h) | Event::InlineHtml(h) => self.html_tags(h),
            _ => {}
        }
        if self.blocks > MAX_NESTING {
            Some("quotes and lists")
        } else if self.html > MAX_NESTING {
            Some("HTML elements")
        } else {
            None
        }
    }

    /// A rough HTML tag scan: opening tags of elements that need a closing
    /// tag go one level down, closing tags one level up.
    fn html_tags(&mut self, html: &str) {
        // Void elements and those whose end tag is optional never nest here.
        const FLAT: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
            "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp",
        ];
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            if let Some(r) = rest.strip_prefix('/') {
                let name_len = r.bytes().take_while(u8::is_ascii_alphanumeric).count();
                if !FLAT.iter().any(|f| f.eq_ignore_ascii_case(&r[..name_len])) {
                    self.html = self.html.saturating_sub(1);
                }
                continue;
            }
            let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
                continue;
            }
            let name = &rest[..name_len];
            let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
            if !self_closing && !FLAT.iter().any(|f| f.eq_ignore_ascii_case(name)) {
                self.html += 1;
            }
        }
    }
}
