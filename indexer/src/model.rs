//! The content model: what one FAQ entry is once its markdown is parsed.
//!
//! Entries travel inside the bundle (as JSON) so that the browser can show
//! cards and answers without parsing markdown itself.

use serde::{Deserialize, Serialize};

/// One knowledge-base entry (one markdown file).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id, used in permalinks.
    pub id: String,
    pub title: String,
    pub category: String,
    /// Service/instance states or codes the entry is about.
    #[serde(default)]
    pub statuses: Vec<String>,
    /// Exact error strings a user may paste. (Indexed; like the other
    /// build-only fields below, not carried in the bundle.)
    #[serde(skip)]
    pub errors: Vec<String>,
    /// Extra search terms chosen by the author.
    #[serde(skip)]
    pub keywords: Vec<String>,
    /// The text before the first `##` heading, then one section per `##`.
    pub sections: Vec<Section>,
    /// The whole answer rendered to sanitised HTML, for its static page.
    /// Not in the bundle: the browser shows cards from the sections and
    /// links to that page for the whole answer.
    #[serde(skip)]
    pub html: String,
    /// Path of the source file, relative to the content folder.
    #[serde(skip)]
    pub source: String,
    /// (entry id, string) for each string this entry quotes beside a link
    /// to another ("`self-signed certificate`: see [Self-signed](…)"):
    /// when the query has that string, the entry pointed to answers it.
    #[serde(skip)]
    pub points_to: Vec<(String, String)>,
}

/// A part of an entry: the intro (empty heading) or one `##` section,
/// typically one cause of a problem with its resolution steps.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Section {
    /// Empty for the intro.
    pub heading: String,
    /// HTML id of the heading (empty for the intro).
    pub anchor: String,
    /// Plain text of the section (headings, paragraphs, list items).
    pub text: String,
    /// Items of the section's ordered lists: the resolution steps.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Inline code and code blocks: error-looking text worth matching exactly.
    #[serde(default)]
    pub code: Vec<String>,
    /// Front-matter error strings the author tied to this section (build
    /// only: they choose the section; the bundle does not carry them).
    #[serde(skip)]
    pub errors: Vec<String>,
}

impl Entry {
    /// Whether the entry's intro (its text or code) quotes `error`, case
    /// and spacing aside: a line every cause prints, or an intro summing
    /// up its causes; either way a tie of it is evidence, not the choice.
    pub fn intro_quotes(&self, error: &str) -> bool {
        self.sections
            .first()
            .filter(|intro| intro.heading.is_empty())
            .is_some_and(|intro| {
                quoted_form(&format!("{} {}", intro.text, intro.code.join(" ")))
                    .contains(&quoted_form(error))
            })
    }

    /// All code spans of the entry.
    pub fn code(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .flat_map(|s| s.code.iter().map(String::as_str))
    }
}

/// Lowercase, whitespace collapsed: how a quoted string is found in text.
pub fn quoted_form(t: &str) -> String {
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
