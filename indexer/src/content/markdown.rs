//! Markdown body → sections, steps, code spans and sanitised HTML.
//!
//! - the first `# Heading` before any content is the title, not body (so
//!   is the first `#` before any other heading when the front matter has
//!   no title: a MyST label, a note or a badge line may come before it);
//! - each `##` (or a later `#`) starts a section with its own anchor;
//! - items of the outermost ordered list of a section are its steps;
//! - inline code and code blocks are kept apart as exact, matchable text;
//! - relative links to other `.md` files become app permalinks.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::callouts;
use super::front_matter::line_of;
use super::grouping::finish_sections;
use super::headings::OpenHeading;
use super::links::is_relative_md;
use super::mdx;
use super::nesting::{Nesting, MAX_NESTING};
use super::pointers::Pointers;
use super::rewritten::Rewritten;
use super::{ContentError, LinkMap};
use crate::model::Section;

/// The result of parsing a body.
#[derive(Debug, Default)]
pub struct Parsed {
    pub h1: Option<String>,
    pub sections: Vec<Section>,
    pub html: String,
    /// Links to `.md` files that are no entry.
    pub dead_links: Vec<ContentError>,
    /// (entry id, string) for each string the body quotes to point at
    /// another entry.
    pub points_to: Vec<(String, String)>,
}

struct Walker<'a> {
    path: &'a str,
    text: &'a str,
    body_offset: usize,
    /// The body as parsed, when its callouts were rewritten.
    rewritten: Option<&'a Rewritten>,
    links: &'a LinkMap,
    sections: Vec<Section>,
    /// The heading level of each of `sections` (0 for the intro; `#` in
    /// the body counts as `##`).
    levels: Vec<u8>,
    h1: Option<String>,
    /// The front matter names the title, so a `#` after other blocks is
    /// a section, not the title.
    title_given: bool,
    seen_block: bool,
    /// Anchors given so far, and per heading slug the next suffix to try
    /// (a thousand `## Notes` headings cost linear time, not cubic).
    anchors: HashSet<String>,
    next_suffix: HashMap<String, usize>,
    lists: Vec<bool>,
    step_depth: Option<usize>,
    step: String,
    code_block: Option<String>,
    /// Inline code quoted to point at another entry ([`Pointers`]).
    pointers: Pointers,
}

/// What the front matter says an entry is, which decides whether code
/// beside a link elsewhere is the entry's own ([`Pointers`]).
#[derive(Debug, Clone, Copy)]
pub struct EntryHead<'a> {
    pub id: &'a str,
    /// The entry's own statuses: code that says only them (`502 Bad
    /// Gateway` for statuses `502`, `Bad Gateway`) stays the entry's.
    pub statuses: &'a [String],
    /// The front matter's title, if any.
    pub title: Option<&'a str>,
    /// The front matter lists the entry's error strings.
    pub lists_errors: bool,
}

/// Parses the body of a file (`text[body_offset..]`).
pub fn parse(
    path: &str,
    text: &str,
    body_offset: usize,
    links: &LinkMap,
    head: EntryHead,
) -> Result<Parsed, ContentError> {
    let mut dead_links = Vec::new();
    let body = &text[body_offset..];
    let rewritten = callouts::rewrite(body, mdx::is_mdx(path), links);
    let body = rewritten
        .as_ref()
        .map_or(&text[body_offset..], |r| r.text.as_str());
    // GFM: GitHub's alerts (`> [!NOTE]`), which callouts are rewritten to.
    // Heading attributes: `## Disk full {#disk}` (MkDocs, Hugo, Pandoc)
    // anchors the section at `disk` instead of showing the braces.
    // Definition lists (`Question?` then `: Answer`, as Hugo's and
    // Pandoc's FAQs write them) are a list, not ": " in the text.
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST;
    let mut w = Walker::new(path, text, body_offset, rewritten.as_ref(), links, head);
    let mut out: Vec<Event<'static>> = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut nesting = Nesting::default();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Some(what) = nesting.observe(&event) {
            return Err(ContentError::new(
                path,
                w.line_at(range.start),
                format!("{what} are nested more than {MAX_NESTING} levels deep here: flatten them"),
            ));
        }
        if let Some(open) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    let done = heading.take().expect("a heading is open");
                    let (level, id, inner, text) = done.close();
                    w.end_heading(level, id, inner, text, &mut out);
                }
                Event::Text(ref t) | Event::Code(ref t) => {
                    open.text.push_str(t);
                    open.inner.push(event.into_static());
                }
                Event::InlineHtml(ref html) if open.takes_anchor(html) => {}
                other => open
                    .inner
                    .push(w.rewrite_link(other, range.start, &mut dead_links)),
            }
            continue;
        }
        if let Some(open) = OpenHeading::start(&event, &body[range.clone()]) {
            heading = Some(open);
            continue;
        }
        w.block_event(event, range.start, &mut out, &mut dead_links);
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Ok(Parsed {
        h1: w.h1,
        sections: finish_sections(w.sections, w.levels),
        html: sanitize(&html),
        dead_links,
        points_to: w.pointers.points_to,
    })
}

impl<'a> Walker<'a> {
    /// Takes note of one body event outside headings: lists and their
    /// steps, code spans and blocks, text.
    fn observe(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::List(first)) => self.lists.push(first.is_some()),
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
            }
            Event::Start(Tag::Paragraph) => self.pointers.open(),
            Event::End(TagEnd::Paragraph) => {
                self.drop_pointers();
                self.push_text("\n")
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(id) = self.links.entry_elsewhere(self.path, dest_url) {
                    self.pointers.link_elsewhere(&id)
                }
            }
            Event::Start(Tag::Item) => {
                self.pointers.open();
                let innermost_ordered = self.lists.last() == Some(&true);
                let outer_ordered = self.lists[..self.lists.len().saturating_sub(1)]
                    .iter()
                    .any(|&o| o);
                if innermost_ordered && !outer_ordered && self.step_depth.is_none() {
                    self.step_depth = Some(self.lists.len());
                    self.step.clear();
                }
            }
            Event::End(TagEnd::Item) => {
                self.drop_pointers();
                if self.step_depth == Some(self.lists.len()) {
                    let step = collapse(&self.step);
                    if !step.is_empty() {
                        self.current().steps.push(step);
                    }
                    self.step_depth = None;
                }
                self.push_text("\n");
            }
            Event::Start(Tag::CodeBlock(_)) => self.code_block = Some(String::new()),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(code) = self.code_block.take() {
                    let code = code.trim().to_string();
                    self.push_text(&code);
                    self.push_text("\n");
                    if !code.is_empty() {
                        self.current().code.push(code);
                    }
                }
            }
            Event::Text(t) => {
                if let Some(code) = self.code_block.as_mut() {
                    code.push_str(t);
                } else {
                    self.pointers.text(t);
                    self.push_text(t);
                }
            }
            Event::Code(t) => {
                self.push_text(t);
                self.current().code.push(t.to_string());
                let position = self.current().code.len() - 1;
                self.pointers.code(position);
            }
            Event::SoftBreak | Event::HardBreak => self.push_text(" "),
            Event::End(
                TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => self.push_text("\n"),
            _ => {}
        }
    }

    fn new(
        path: &'a str,
        text: &'a str,
        body_offset: usize,
        rewritten: Option<&'a Rewritten>,
        links: &'a LinkMap,
        head: EntryHead,
    ) -> Self {
        Walker {
            path,
            text,
            body_offset,
            rewritten,
            links,
            sections: vec![Section::default()],
            levels: vec![0],
            h1: None,
            title_given: head.title.is_some(),
            seen_block: false,
            anchors: HashSet::new(),
            next_suffix: HashMap::new(),
            lists: Vec::new(),
            step_depth: None,
            step: String::new(),
            code_block: None,
            pointers: Pointers::new(
                head.statuses,
                head.title,
                (!head.lists_errors).then_some(head.id),
            ),
        }
    }

    /// An event outside headings: noted (steps, code) and written out.
    fn block_event(
        &mut self,
        event: Event,
        at: usize,
        out: &mut Vec<Event<'static>>,
        dead_links: &mut Vec<ContentError>,
    ) {
        self.observe(&event);
        if matches!(event, Event::Start(_)) {
            self.seen_block = true;
        }
        let callout = match &event {
            Event::Start(Tag::BlockQuote(Some(kind))) => Some(callouts::label(*kind)),
            _ => None,
        };
        out.push(self.rewrite_link(event, at, dead_links));
        // A callout says what it is: its label is the page's, not text to
        // search.
        if let Some(label) = callout {
            out.push(Event::Html(CowStr::from(format!(
                "<p class=\"callout-label\">{label}</p>\n"
            ))));
        }
    }

    /// The file line of an offset into the body as parsed.
    fn line_at(&self, offset: usize) -> usize {
        let offset = self.rewritten.map_or(offset, |r| r.origin(offset));
        line_of(self.text, self.body_offset + offset)
    }

    /// The block ending quoted its inline code to point at another entry:
    /// that code is not this entry's.
    fn drop_pointers(&mut self) {
        if let Some(section) = self.sections.last_mut() {
            self.pointers
                .close_into(&mut section.code, &self.links.shared_id_words);
        }
    }

    fn current(&mut self) -> &mut Section {
        self.sections.last_mut().expect("there is always a section")
    }

    fn push_text(&mut self, t: &str) {
        self.current().text.push_str(t);
        if self.step_depth.is_some() {
            self.step.push_str(t);
            if t == "\n" {
                self.step.push(' ');
            }
        }
    }

    /// Ends a heading: a new section, anchored at the author's `{#id}` when
    /// the heading has one, else at its text's slug.
    fn end_heading(
        &mut self,
        level: HeadingLevel,
        id: Option<String>,
        inner: Vec<Event<'static>>,
        text: String,
        out: &mut Vec<Event<'static>>,
    ) {
        // Without a title in the front matter, blocks before the first
        // heading (a MyST `(label)=`, a note, badges) still leave the
        // first `#` the title.
        let first_heading = !self.seen_block || (!self.title_given && self.sections.len() == 1);
        if level == HeadingLevel::H1 && first_heading && self.h1.is_none() {
            if !self.title_given {
                self.pointers.title(&text);
            }
            self.h1 = Some(text);
            return;
        }
        self.seen_block = true;
        let anchor = self.unique_anchor(id.as_deref().unwrap_or(&text));
        self.sections.push(Section {
            heading: text,
            anchor: anchor.clone(),
            ..Section::default()
        });
        self.levels.push((level as u8).max(HeadingLevel::H2 as u8));
        out.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(anchor)),
            classes: vec![],
            attrs: vec![],
        }));
        out.extend(inner);
        out.push(Event::End(TagEnd::Heading(level)));
    }

    fn unique_anchor(&mut self, heading: &str) -> String {
        let mut base = slug(heading);
        if base.is_empty() {
            base = format!("section-{}", self.anchors.len() + 1);
        }
        let mut anchor = base.clone();
        let n = self.next_suffix.entry(base.clone()).or_insert(2);
        while self.anchors.contains(&anchor) {
            anchor = format!("{base}-{n}");
            *n += 1;
        }
        self.anchors.insert(anchor.clone());
        anchor
    }

    /// Relative links to `.md` files become permalinks of their entries.
    fn rewrite_link<'e>(
        &self,
        event: Event<'e>,
        at: usize,
        dead_links: &mut Vec<ContentError>,
    ) -> Event<'static> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = self.links.permalink_of(self.path, &dest_url).unwrap_or_else(|| {
                    if is_relative_md(&dest_url) {
                        dead_links.push(ContentError::new(
                            self.path,
                            self.line_at(at),
                            format!("link `{dest_url}` points to no entry in the content folder: fix the path, or link to a page's URL instead"),
                        ));
                    }
                    dest_url.to_string()
                });
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(dest),
                    title: CowStr::from(title.to_string()),
                    id: CowStr::from(id.to_string()),
                })
            }
            other => other.into_static(),
        }
    }
}

/// Lowercase, alphanumerics kept, everything else collapsed to `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Collapses runs of whitespace to one space.
pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes scripts, event handlers and `javascript:` URLs; keeps heading
/// ids (anchors) and code language classes.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_tag_attributes("h1", &["id"])
        .add_tag_attributes("h2", &["id"])
        .add_tag_attributes("h3", &["id"])
        .add_tag_attributes("h4", &["id"])
        .add_tag_attributes("h5", &["id"])
        .add_tag_attributes("h6", &["id"])
        .add_tag_attributes("code", &["class"])
        .add_allowed_classes(
            "blockquote",
            &[
                "markdown-alert-note",
                "markdown-alert-tip",
                "markdown-alert-important",
                "markdown-alert-warning",
                "markdown-alert-caution",
            ],
        )
        .add_allowed_classes("p", &["callout-label"])
        .add_tag_attributes("input", &["type", "checked", "disabled"])
        .add_tags(&["input"])
        .clean(html)
        .to_string()
}
