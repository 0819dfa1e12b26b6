//! A heading being read by the markdown walk ([`super::markdown`]): its
//! text, and the anchor its author gave it (`{#id}`, or an empty
//! `<a id="…">` inside it, as GitBook writes).

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag};

/// A heading being read: its events and text until it ends.
pub(super) struct OpenHeading {
    level: HeadingLevel,
    /// The author's `{#id}`.
    id: Option<String>,
    pub(super) inner: Vec<Event<'static>>,
    pub(super) text: String,
    /// Braces the parser read as attributes that name no id or class
    /// (`## KeyError: {'a': 1}`, `… with {}`): text, given back at the end.
    literal_braces: Option<String>,
    /// An `<a id="…">` in the heading gave its id: its `</a>` is dropped
    /// too.
    anchor_open: bool,
}

impl OpenHeading {
    /// The heading `event` opens (`source` is its markdown), if it is one.
    pub(super) fn start(event: &Event, source: &str) -> Option<OpenHeading> {
        let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = event
        else {
            return None;
        };
        let literal_braces = (id.is_none() && classes.is_empty())
            .then(|| trailing_braces(source).map(str::to_string))
            .flatten();
        Some(OpenHeading {
            level: *level,
            id: id.as_ref().map(|i| i.to_string()),
            inner: Vec::new(),
            text: String::new(),
            literal_braces,
            anchor_open: false,
        })
    }

    /// Whether `html`, inline in the heading, is an empty anchor that
    /// names it (`## Import data <a href="#import-data" id="import-data"></a>`,
    /// as GitBook writes; `<a name="x"></a>` in older READMEs): its id
    /// becomes the heading's, unless the author gave one, and the anchor
    /// is left out (an empty link otherwise).
    pub(super) fn takes_anchor(&mut self, html: &str) -> bool {
        if std::mem::take(&mut self.anchor_open) && html.trim().eq_ignore_ascii_case("</a>") {
            return true;
        }
        let Some(id) = anchor_id(html) else {
            return false;
        };
        self.id.get_or_insert_with(|| id.to_string());
        self.anchor_open = true;
        true
    }

    /// (level, id, inner events, trimmed text), the braces given back.
    pub(super) fn close(mut self) -> (HeadingLevel, Option<String>, Vec<Event<'static>>, String) {
        if let Some(braces) = self.literal_braces.take() {
            self.text.push(' ');
            self.text.push_str(&braces);
            self.inner
                .push(Event::Text(CowStr::from(format!(" {braces}"))));
        }
        (
            self.level,
            self.id,
            self.inner,
            self.text.trim().to_string(),
        )
    }
}

/// The `id` (or `name`) of an `<a …>` opening tag.
fn anchor_id(html: &str) -> Option<&str> {
    let t = html.trim();
    let attrs = t.get(..3).filter(|a| a.eq_ignore_ascii_case("<a "))?;
    let rest = &t[attrs.len()..];
    let rest = rest.strip_suffix('>')?;
    [" id=\"", " name=\""]
        .iter()
        .find_map(|key| {
            let at = format!(" {rest}").find(key)?;
            let value = &rest[at + key.len() - 1..];
            value.split_once('"').map(|(v, _)| v)
        })
        .filter(|v| !v.is_empty() && !v.contains(char::is_whitespace))
}

/// The `{…}` a heading's source ends with (before an ATX closing `#`
/// run), if any.
fn trailing_braces(source: &str) -> Option<&str> {
    let end = source.trim_end().trim_end_matches('#').trim_end();
    let open = end.rfind('{')?;
    end.ends_with('}').then(|| &end[open..])
}
