//! Reading a content folder: markdown files with YAML front matter → entries.
//!
//! Bad content fails with `file:line: what is wrong and how to fix it`;
//! unknown front matter keys and dangling links only warn.

mod blocks;
mod callouts;
mod code_spans;
mod containers;
mod faq_pages;
mod front_matter;
mod gitbook;
mod grouping;
mod headings;
mod hugo;
mod jekyll;
mod links;
mod markdown;
mod mdx;
mod myst;
mod nesting;
mod obsidian;
mod pointers;
mod question_lines;
mod rewritten;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

pub use front_matter::FrontMatter;
pub use nesting::MAX_NESTING;

use crate::model::{Entry, Section};
use crate::synonyms::Synonyms;

/// The largest markdown file accepted as one entry (1 MiB, about 200 times
/// a typical FAQ entry). Every visitor downloads the whole index, and one
/// entry is one search result: a bigger file is an error asking to split it.
pub const MAX_ENTRY_BYTES: usize = 1024 * 1024;

/// The error for a file over [`MAX_ENTRY_BYTES`].
pub(crate) fn too_large(path: &str, bytes: u64) -> ContentError {
    ContentError::new(
        path,
        0,
        format!(
            "file is {} KB; one entry may be at most {} KB (every visitor downloads the whole index): split it into several entries",
            bytes.div_ceil(1024),
            MAX_ENTRY_BYTES / 1024
        ),
    )
}

/// A problem in the content, located at `file:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    pub message: String,
}

impl ContentError {
    pub fn new(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        ContentError {
            file: file.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)
    }
}

impl std::error::Error for ContentError {}

impl ContentError {
    /// `file:line` (or `file` when the problem is the whole file's).
    pub fn location(&self) -> String {
        match self.line {
            0 => self.file.clone(),
            line => format!("{}:{line}", self.file),
        }
    }
}

/// The same message in this many files or more is said once.
const GROUPED_FROM: usize = 3;
/// How many of the other files such a line names.
const GROUP_NAMES: usize = 3;

/// Warnings as the lines to print: one per warning, but a message found
/// in several files (a docs folder's own front matter key, on every page
/// of ESLint's 294 rules) is said once, where it is first, with how many
/// more files have it and the first of them.
///
/// ```
/// use indexer::content::{warning_lines, ContentError};
/// let w: Vec<ContentError> = ["a.md", "b.md", "c.md"]
///     .iter()
///     .map(|f| ContentError::new(*f, 3, "unknown front matter key `rule_type` is ignored"))
///     .collect();
/// assert_eq!(
///     warning_lines(&w),
///     ["a.md:3: unknown front matter key `rule_type` is ignored (and 2 more files: b.md:3, c.md:3)"]
/// );
/// ```
pub fn warning_lines(warnings: &[ContentError]) -> Vec<String> {
    let mut by_message: HashMap<&str, Vec<&ContentError>> = HashMap::new();
    for w in warnings {
        by_message.entry(w.message.as_str()).or_default().push(w);
    }
    let mut out = Vec::new();
    for w in warnings {
        let same = &by_message[w.message.as_str()];
        if same.len() < GROUPED_FROM {
            out.push(w.to_string());
        } else if std::ptr::eq(same[0], w) {
            let others = &same[1..];
            let named: Vec<String> = others
                .iter()
                .take(GROUP_NAMES)
                .map(|o| o.location())
                .collect();
            let more = if others.len() > GROUP_NAMES {
                ", …"
            } else {
                ""
            };
            out.push(format!(
                "{w} (and {} more files: {}{more})",
                others.len(),
                named.join(", ")
            ));
        }
    }
    out
}

/// Everything read from a content folder.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub entries: Vec<Entry>,
    pub synonyms: Synonyms,
    /// Markdown files read (each becomes exactly one entry).
    pub files_read: usize,
    pub warnings: Vec<ContentError>,
}

/// How relative links between entries are resolved while rendering.
#[derive(Debug, Default, Clone)]
pub struct LinkMap {
    /// Source path (relative to the content root, `/`-separated) → entry id.
    pub ids_by_path: HashMap<String, String>,
    /// Every entry of the folder is known: a link to a `.md` file that is
    /// not one of them is an error (otherwise only a warning).
    pub complete: bool,
    /// A file's name (and its path), without extension and in lowercase →
    /// entry id: what a wikilink (`[[Log rotation]]`) names.
    pub ids_by_name: HashMap<String, String>,
    /// Words of more than two ids (`nginx` of `nginx-config-test-failed`,
    /// `nginx-service-fails-to-start`, …): they name no one entry.
    pub shared_id_words: HashSet<String>,
}

/// Parses one markdown file. `path` is relative to the content root and
/// is used in error messages and for the default id and category.
pub fn parse_entry(path: &str, text: &str, links: &LinkMap) -> Result<Entry, ContentError> {
    parse_entry_with_warnings(path, text, links).map(|(e, _)| e)
}

/// Like [`parse_entry`], also returning warnings.
pub fn parse_entry_with_warnings(
    path: &str,
    text: &str,
    links: &LinkMap,
) -> Result<(Entry, Vec<ContentError>), ContentError> {
    if text.len() > MAX_ENTRY_BYTES {
        return Err(too_large(path, text.len() as u64));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ContentError::new(
            path,
            0,
            "the file is empty: write the question as a `# Heading` and the answer below it, or delete the file",
        ));
    }
    let (fm, body_offset, mut warnings) = front_matter::parse(path, text)?;
    // In a folder, the first pass named every file (files named alike
    // apart: [`folder`]).
    let id = fm
        .id
        .clone()
        .or_else(|| links.ids_by_path.get(path).cloned())
        .unwrap_or_else(|| default_id(path));
    let head = markdown::EntryHead {
        id: &id,
        statuses: &fm.statuses,
        title: fm.title.as_deref(),
        lists_errors: !fm.errors.is_empty(),
    };
    let mut parsed = markdown::parse(path, text, body_offset, links, head)?;
    // Within a folder, every link to an entry can be checked: a dead one
    // would ship as a broken link.
    if links.complete {
        if let Some(dead) = parsed.dead_links.drain(..).next() {
            return Err(dead);
        }
    }
    warnings.append(&mut parsed.dead_links);
    let title = fm.title.clone().or(parsed.h1.clone()).unwrap_or_default();
    if title.trim().is_empty() && text[body_offset..].trim().is_empty() {
        return Err(ContentError::new(
            path,
            1,
            "the file has front matter but no text (a site's landing or redirect page?): write the question as a `# Heading` and the answer below it, or delete the file",
        ));
    }
    if title.trim().is_empty() {
        return Err(ContentError::new(
            path,
            1,
            "entry has no title: add `title: ...` to the front matter or start the body with a `# Heading`",
        ));
    }
    let mut sections = parsed.sections;
    tie_errors_to_sections(path, &fm.error_sections, &mut sections)?;
    let category = fm
        .category
        .clone()
        .unwrap_or_else(|| default_category(path));
    let entry = Entry {
        id,
        title: title.trim().to_string(),
        category,
        statuses: fm.statuses,
        errors: fm.errors,
        keywords: fm.keywords,
        sections,
        html: parsed.html,
        source: path.to_string(),
        points_to: parsed.points_to,
    };
    Ok((entry, warnings))
}

/// Adds each `errors:` string tied to a section (`{text, section}`) to that
/// section's own; a tie to a heading the file does not have fails with the
/// headings it has.
fn tie_errors_to_sections(
    path: &str,
    error_sections: &[(String, String, usize)],
    sections: &mut [Section],
) -> Result<(), ContentError> {
    for (error, heading, line) in error_sections {
        let wanted = heading.trim().trim_start_matches('#').trim();
        let Some(section) = sections.iter_mut().find(|s| {
            !s.heading.is_empty() && (s.heading.eq_ignore_ascii_case(wanted) || s.anchor == wanted)
        }) else {
            let known: Vec<&str> = sections
                .iter()
                .filter(|s| !s.heading.is_empty())
                .map(|s| s.heading.as_str())
                .collect();
            return Err(ContentError::new(
                path,
                *line,
                format!(
                    "`errors`: `{error}` is tied to section `{wanted}`, but this file has no `## {wanted}` (its sections: {})",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                ),
            ));
        };
        section.errors.push(error.clone());
    }
    Ok(())
}

/// Whether a file is front matter alone, without a title: a docs site's
/// landing or redirect page (VitePress' `layout: home`, a
/// `redirect_to:`), which a folder read as it is skips with a warning.
pub(super) fn front_matter_only(path: &str, text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Such a file ends with the block's closing fence: any other is not
    // parsed here a second time (the entry's parse reads it).
    let end = text.trim_end();
    if !["---", "+++", "..."]
        .iter()
        .any(|fence| end.ends_with(fence))
    {
        return false;
    }
    match front_matter::parse(path, text) {
        Ok((fm, body_offset, _)) => {
            body_offset > 0 && fm.title.is_none() && text[body_offset..].trim().is_empty()
        }
        Err(_) => false,
    }
}

/// The file name without extension: `deploy/image-pull-backoff.md` →
/// `image-pull-backoff`; for a folder's own page (`disk-full/index.md`,
/// as Hugo, MkDocs and GitHub name it), the folder's name.
/// A name with spaces or other characters a URL would escape (Obsidian's
/// `Disk full.md`) gets `-` in their place: `Disk-full`.
pub fn default_id(path: &str) -> String {
    let named = named_path(path);
    url_safe(named.rsplit('/').next().unwrap_or(named))
}

/// The id of a file named by its folders too: `insiders/getting-started.md`
/// → `insiders-getting-started`, `net/dns/index.md` → `net-dns`.
pub(super) fn path_id(path: &str) -> String {
    url_safe(&named_path(path).replace('/', "-"))
}

/// `name` as an id: each run of characters other than letters, digits,
/// `-`, `_` and `.` becomes one `-`, none at either end ([`validate_id`]'s
/// characters; a name of none of them is left as it is, for that check
/// to name).
fn url_safe(name: &str) -> String {
    let ok = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    if name.chars().all(ok) {
        return name.to_string();
    }
    let mut id = String::with_capacity(name.len());
    for c in name.chars() {
        if ok(c) {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        name.to_string()
    } else {
        id.to_string()
    }
}

/// The file's name had characters an id cannot have (`clang++.md`), so
/// its default id is not its name.
pub(super) fn renamed(path: &str) -> bool {
    let named = named_path(path);
    let name = named.rsplit('/').next().unwrap_or(named);
    url_safe(name) != name
}

/// The path that names a file: its folder for a folder's own page, else
/// the path without the file's extension.
fn named_path(path: &str) -> &str {
    if let Some(folder) = bundle_folder(path) {
        return folder;
    }
    let name_at = path.rfind('/').map_or(0, |k| k + 1);
    match path[name_at..].rfind('.') {
        Some(dot) => &path[..name_at + dot],
        None => path,
    }
}

/// The folder a page stands for when the file is the folder's own page,
/// `index.md`, `_index.md` or `README.md` below the root:
/// `faq/disk-full/index.md` → `faq/disk-full`.
fn bundle_folder(path: &str) -> Option<&str> {
    let (folder, name) = path.rsplit_once('/')?;
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    ["index", "_index", "readme"]
        .iter()
        .any(|own| stem.eq_ignore_ascii_case(own))
        .then_some(folder)
        .filter(|f| !f.is_empty())
}

/// The parent folder, humanised: `resource-issues/x.md` → `Resource issues`;
/// files at the root → `General`. A folder's own page
/// (`resource-issues/disk-full/index.md`) is in the folder's parent.
pub fn default_category(path: &str) -> String {
    let path = bundle_folder(path).unwrap_or(path);
    match path.rsplit_once('/') {
        Some((dir, _)) => {
            let last = dir.rsplit('/').next().unwrap_or(dir);
            let words = last.replace(['-', '_'], " ");
            let mut chars = words.trim().chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => "General".into(),
            }
        }
        None => "General".into(),
    }
}

/// Checks that an id can be used in a URL and a file name.
pub fn validate_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("`id` is empty".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "`id` {id:?} contains {c:?}: use letters, digits, `-`, `_` and `.` only (it becomes a URL)"
        ));
    }
    // An id is searched as a word: one of only `-`, `_` and `.` is none.
    if !id.chars().any(char::is_alphanumeric) {
        return Err(format!(
            "`id` {id:?} has no letter or digit: readers search an answer by its id, so give it one"
        ));
    }
    Ok(())
}

mod folder;
pub use folder::{load_folder, load_folder_cached, ParseCache};

#[cfg(test)]
mod tests;

/// Relative path of `file` under `root`, `/`-separated.
pub fn relative_path(root: &Path, file: &Path) -> String {
    let rel: PathBuf = file
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf());
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
