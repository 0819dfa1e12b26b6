//! A page of questions, the single-file FAQ many teams keep
//! (`## How do I reset my password?`, `## Why is the upload slow?`), read
//! as one entry per question: each is found, ranked and opened on its
//! own, under the group heading above it (or the page's title), and the
//! page itself keeps its other sections and lists the questions.
//!
//! A page is one of questions when it has at least three sections and two
//! thirds of their headings end in a question mark. Pages of causes
//! (`## The disk is full`) stay one entry with their sections.

use std::collections::{HashMap, HashSet};

use aho_corasick::AhoCorasick;

use crate::analysis;
use crate::model::{Entry, Section};

/// Fewer questions than this are an entry's sections, not a FAQ.
const MIN_QUESTIONS: usize = 3;

pub(super) fn is_question(heading: &str) -> bool {
    let h = heading.trim_end();
    h.ends_with('?') || h.ends_with('？')
}

/// Whether `entry` is a page of questions.
fn is_faq_page(entry: &Entry) -> bool {
    let headings = entry.sections.iter().filter(|s| !s.heading.is_empty());
    let (all, questions) = headings.fold((0, 0), |(all, q), s| {
        (all + 1, q + usize::from(is_question(&s.heading)))
    });
    questions >= MIN_QUESTIONS && questions * 3 >= all * 2
}

/// The id of a question's entry.
fn question_id(page: &str, anchor: &str) -> String {
    format!("{page}-{anchor}")
}

/// `entry` itself, or, for a page of questions, the page (its intro, its
/// sections that ask nothing, and a list of the questions where they
/// were) and one entry per question.
pub fn split(entry: Entry) -> Vec<Entry> {
    if !is_faq_page(&entry) {
        return vec![entry];
    }
    let Some(parts) = Parts::of(&entry) else {
        return vec![entry];
    };
    let headed: Vec<&Section> = entry
        .sections
        .iter()
        .filter(|s| !s.heading.is_empty())
        .collect();
    // Where a link to a section's anchor goes: from the page, a question's
    // own page; from a question's page, the page's sections too.
    let mut from_page: HashMap<&str, String> = HashMap::new();
    let mut from_question: HashMap<&str, String> = HashMap::new();
    for s in &headed {
        if is_question(&s.heading) {
            let page = format!("{}.html", question_id(&entry.id, &s.anchor));
            from_page.insert(&s.anchor, page.clone());
            from_question.insert(&s.anchor, page);
        } else {
            from_question.insert(&s.anchor, format!("{}.html#{}", entry.id, s.anchor));
        }
    }
    let pointers = Pointers::new(&entry.points_to);
    let mut list = String::from("<ul class=\"questions\">\n");
    let mut page_html = linked_apart(&parts.intro, &from_page);
    let mut page_sections: Vec<Section> = entry
        .sections
        .iter()
        .filter(|s| s.heading.is_empty())
        .cloned()
        .collect();
    // Where the list goes: where the first question was.
    let mut list_at = None;
    let mut phrases = Phrases::of(&entry);
    let mut out = Vec::with_capacity(headed.len() + 1);
    for (section, part) in headed.iter().zip(&parts.sections) {
        if !is_question(&section.heading) {
            page_html.push_str(&linked_apart(&part.heading, &from_page));
            page_html.push_str(&linked_apart(&part.html, &from_page));
            page_sections.push((*section).clone());
            continue;
        }
        list_at.get_or_insert(page_html.len());
        let id = question_id(&entry.id, &section.anchor);
        list.push_str(&format!(
            "<li id=\"{}\"><a href=\"{id}.html\">{}</a></li>\n",
            section.anchor,
            escape(&section.heading)
        ));
        let (errors, keywords) = phrases.hand_to(section);
        out.push(Entry {
            id,
            title: section.heading.clone(),
            category: part.group.clone().unwrap_or_else(|| entry.title.clone()),
            statuses: Vec::new(),
            errors,
            keywords,
            sections: vec![Section {
                heading: String::new(),
                anchor: String::new(),
                ..(*section).clone()
            }],
            html: linked_apart(&part.html, &from_question),
            source: entry.source.clone(),
            points_to: pointers.of(&section.text),
        });
    }
    list.push_str("</ul>\n");
    page_html.insert_str(list_at.unwrap_or(page_html.len()), &list);
    let page = Entry {
        keywords: phrases.kept(&entry.keywords),
        errors: phrases.kept(&entry.errors),
        sections: page_sections,
        html: page_html,
        ..entry
    };
    let mut all = vec![page];
    all.append(&mut out);
    all
}

/// The page's keywords and error strings, each with its words: the author
/// listed them for the page, and once the page is split each belongs with
/// the question whose text (heading, answer and code) has all its words
/// ("sharing key" with "How do I share my screen?"), or that the author
/// tied it to. A phrase no question has stays the page's.
struct Phrases {
    keywords: Vec<(String, HashSet<String>)>,
    errors: Vec<(String, HashSet<String>)>,
    /// Those handed to a question: no longer the page's to match.
    given: HashSet<String>,
}

impl Phrases {
    fn of(page: &Entry) -> Phrases {
        let with_words = |phrases: &[String]| -> Vec<(String, HashSet<String>)> {
            phrases
                .iter()
                .map(|p| (p.clone(), words(std::iter::once(p.as_str()))))
                .collect()
        };
        Phrases {
            keywords: with_words(&page.keywords),
            errors: with_words(&page.errors),
            given: HashSet::new(),
        }
    }

    /// The (error strings, keywords) that name this question.
    fn hand_to(&mut self, question: &Section) -> (Vec<String>, Vec<String>) {
        let text = [question.heading.as_str(), question.text.as_str()]
            .into_iter()
            .chain(question.code.iter().map(String::as_str));
        let has = words(text);
        let names = |(phrase, words): &(String, HashSet<String>)| {
            question.errors.contains(phrase) || (!words.is_empty() && words.is_subset(&has))
        };
        let named = |list: &[(String, HashSet<String>)]| -> Vec<String> {
            list.iter()
                .filter(|p| names(p))
                .map(|(p, _)| p.clone())
                .collect()
        };
        let (errors, keywords) = (named(&self.errors), named(&self.keywords));
        self.given.extend(errors.iter().chain(&keywords).cloned());
        (errors, keywords)
    }

    /// The phrases of `list` no question took.
    fn kept(&self, list: &[String]) -> Vec<String> {
        list.iter()
            .filter(|p| !self.given.contains(*p))
            .cloned()
            .collect()
    }
}

/// The prose terms (stems) of texts.
fn words<'a>(texts: impl Iterator<Item = &'a str>) -> HashSet<String> {
    texts
        .flat_map(analysis::prose_terms)
        .map(|t| t.text)
        .collect()
}

/// The page's pointers (a string quoted beside a link to another entry),
/// found in each question's text in one pass over it, whatever their
/// number.
struct Pointers<'a> {
    all: &'a [(String, String)],
    strings: Option<AhoCorasick>,
}

impl<'a> Pointers<'a> {
    fn new(all: &'a [(String, String)]) -> Self {
        let strings = (!all.is_empty())
            .then(|| AhoCorasick::new(all.iter().map(|(_, said)| said)).ok())
            .flatten();
        Pointers { all, strings }
    }

    /// The pointers whose string `text` holds.
    fn of(&self, text: &str) -> Vec<(String, String)> {
        let Some(strings) = &self.strings else {
            return Vec::new();
        };
        let mut found: Vec<usize> = strings
            .find_iter(text)
            .map(|m| m.pattern().as_usize())
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|k| self.all[k].clone()).collect()
    }
}

/// A page's HTML cut at its questions' headings.
struct Parts {
    intro: String,
    sections: Vec<Part>,
}

struct Part {
    /// The section's heading, as HTML.
    heading: String,
    /// The section's body (a question's answer), without its heading.
    html: String,
    /// The heading of the group it is in, if the page groups them.
    group: Option<String>,
}

impl Parts {
    /// `None` when a section's heading is not found in the page's HTML
    /// (the page then stays whole).
    fn of(entry: &Entry) -> Option<Parts> {
        let html = entry.html.as_str();
        let mut starts = Vec::new();
        let mut from = 0;
        for section in entry.sections.iter().filter(|s| !s.heading.is_empty()) {
            let at = html[from..].find(&format!(" id=\"{}\">", section.anchor))? + from;
            let start = html[..at].rfind("<h")?;
            let level = html[start + 2..].chars().next()?;
            let close = format!("</h{level}>");
            let end = html[at..].find(&close)? + at + close.len();
            starts.push((start, end, level));
            from = end;
        }
        let (intro_end, level) = starts.first().map(|&(s, _, l)| (s, l))?;
        let intro = &html[..intro_end];
        // A group heading before the first question.
        let (intro, mut group) = match shallower_heading(intro, level) {
            Some((cut, text)) => (&intro[..cut], Some(text)),
            None => (intro, None),
        };
        let mut sections = Vec::with_capacity(starts.len());
        for (k, &(start, end, level)) in starts.iter().enumerate() {
            let next = starts.get(k + 1).map_or(html.len(), |&(s, _, _)| s);
            let body = &html[end..next];
            // A shallower heading before the next question starts a group.
            let (body, next_group) = match shallower_heading(body, level) {
                Some((cut, text)) => (&body[..cut], Some(text)),
                None => (body, None),
            };
            sections.push(Part {
                heading: html[start..end].to_string(),
                html: body.trim_start_matches('\n').to_string(),
                group: group.clone(),
            });
            if next_group.is_some() {
                group = next_group;
            }
        }
        Some(Parts {
            intro: intro.to_string(),
            sections,
        })
    }
}

/// The first heading in `html` shallower than `level` (`<h2` before an
/// `<h3` question): where it starts, and its text.
fn shallower_heading(html: &str, level: char) -> Option<(usize, String)> {
    let mut from = 0;
    while let Some(k) = html[from..].find("<h") {
        let at = from + k;
        let c = html[at + 2..].chars().next()?;
        if c.is_ascii_digit() && c < level && c > '1' {
            let open_end = html[at..].find('>')? + at + 1;
            let close = html[open_end..].find("</h")? + open_end;
            return Some((at, text_of(&html[open_end..close])));
        }
        from = at + 2;
    }
    None
}

/// The text of an HTML fragment: its tags left out, its entities as
/// written.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .trim()
        .to_string()
}

/// `html` with its links to the page's sections (`href="#anchor"`) sent
/// where `targets` says those sections now are.
fn linked_apart(html: &str, targets: &HashMap<&str, String>) -> String {
    const HREF: &str = "href=\"#";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(k) = rest.find(HREF) {
        out.push_str(&rest[..k]);
        let after = &rest[k + HREF.len()..];
        let end = after.find('"').unwrap_or(after.len());
        match targets.get(&after[..end]) {
            Some(target) => out.push_str(&format!("href=\"{target}")),
            None => out.push_str(&rest[k..k + HREF.len() + end]),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}
