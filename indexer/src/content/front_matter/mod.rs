//! Front matter: the block between `---` lines (YAML) or `+++` lines
//! (TOML, as Hugo writes it) at the top of a file.
//!
//! `block.rs` finds and parses the block (pulldown-cmark's metadata
//! extensions; serde_norway, a maintained serde_yaml fork, or toml); this
//! module maps either to typed fields with `file:line` errors.

use serde_norway::Value;

use super::{validate_id, ContentError};

mod block;

pub use block::line_of;
use block::{find_block, key_lines, toml_value, unclosed_fence, yaml_value};

/// The known front matter fields; every one is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub id: Option<String>,
    pub title: Option<String>,
    pub category: Option<String>,
    pub statuses: Vec<String>,
    pub errors: Vec<String>,
    pub keywords: Vec<String>,
    /// Error strings tied to a section: (error, `##` heading or anchor,
    /// line of the tie).
    pub error_sections: Vec<(String, String, usize)>,
}

const KNOWN_KEYS: &[&str] = &[
    "id", "code", "title", "category", "statuses", "errors", "keywords", "tags",
];

/// Keys that site generators (Hugo, Jekyll, Eleventy, MkDocs, Docusaurus,
/// VitePress, Starlight, Nextra, Mintlify, Sphinx with MyST) put in
/// front matter for their own use: ignored without a warning, so a docs
/// folder pointed at as it is does not warn on every file. (`draft` is not
/// among them: a draft would be published, which deserves the warning.)
const SITE_GENERATOR_KEYS: &[&str] = &[
    "date",
    "lastmod",
    "publishdate",
    "expirydate",
    "weight",
    "layout",
    "slug",
    "aliases",
    "author",
    "authors",
    "description",
    "summary",
    "permalink",
    "sidebar_position",
    "sidebar_label",
    "nav_order",
    "parent",
    "toc",
    "hide",
    "template",
    "menu",
    // Hugo (compared without case: `linkTitle`, `publishDate`)
    "linktitle",
    "params",
    "type",
    "url",
    "outputs",
    "cascade",
    "build",
    "markup",
    "headless",
    "resources",
    "images",
    "series",
    "toc_hide",
    "hide_summary",
    "no_list",
    // Jekyll and Just the Docs
    "redirect_from",
    "last_modified_at",
    "excerpt",
    "sitemap",
    "nav_exclude",
    "has_children",
    "has_toc",
    "grand_parent",
    "ancestor",
    // Docusaurus
    "hide_title",
    "hide_table_of_contents",
    "displayed_sidebar",
    "custom_edit_url",
    "pagination_label",
    "pagination_next",
    "pagination_prev",
    "sidebar_class_name",
    "sidebar_custom_props",
    "image",
    "last_update",
    // MkDocs Material (and its blog plugin)
    "search",
    "links",
    "readtime",
    "pin",
    "icon",
    "subtitle",
    "social",
    // VitePress and Starlight (Astro)
    "outline",
    "aside",
    "lastupdated",
    "editlink",
    "editurl",
    "footer",
    "navbar",
    "sidebar",
    "prev",
    "next",
    "head",
    "hero",
    "features",
    "pageclass",
    "titletemplate",
    "tableofcontents",
    "banner",
    "pagefind",
    // Eleventy (compared without case: `eleventyNavigation`)
    "eleventynavigation",
    "eleventyexcludefromcollections",
    "eleventycomputed",
    "eleventyimport",
    "edit_link",
    // Nextra and Mintlify
    "asindexpage",
    "sidebartitle",
    "searchable",
    "mode",
    // Sphinx (MyST)
    "orphan",
    "hide-toc",
    "tocdepth",
    "nosearch",
    "html_meta",
    "myst",
    "jupytext",
    "kernelspec",
    "substitutions",
];

/// Parses the front matter of `text`; returns it, the byte offset where the
/// body starts, and warnings (unknown keys).
pub fn parse(
    path: &str,
    text: &str,
) -> Result<(FrontMatter, usize, Vec<ContentError>), ContentError> {
    let Some(block) = find_block(text) else {
        return match unclosed_fence(text) {
            Some(fence) => Err(ContentError::new(
                path,
                1,
                format!("front matter starts with `{fence}` but is never closed: add a line `{fence}` after the last field"),
            )),
            None => Ok((FrontMatter::default(), 0, Vec::new())),
        };
    };
    let first_line = line_of(text, block.start);
    let value = if block.toml {
        toml_value(path, first_line, block.source)?
    } else {
        yaml_value(path, first_line, block.source)?
    };
    let map = match value {
        Value::Null => return Ok((FrontMatter::default(), block.body_start, Vec::new())),
        Value::Mapping(m) => m,
        _ => {
            return Err(ContentError::new(
                path,
                first_line,
                "front matter must be `key: value` lines (a YAML mapping)",
            ))
        }
    };
    let key_lines = key_lines(block.source, block.toml, first_line);
    let mut fields = Fields {
        path,
        source: block.source,
        first_line,
        fm: FrontMatter::default(),
        warnings: Vec::new(),
        code_line: None,
    };
    for (k, v) in map {
        let Some(key) = k.as_str() else {
            return Err(ContentError::new(
                path,
                first_line,
                "front matter keys must be strings",
            ));
        };
        let line = key_lines.get(key).copied().unwrap_or(first_line);
        fields.read(key, &v, line)?;
    }
    let (fm, warnings) = fields.finish()?;
    Ok((fm, block.body_start, warnings))
}

/// Reads the fields of one front matter block, key by key.
struct Fields<'a> {
    path: &'a str,
    /// The block's text, to find the line of a bad `errors` item.
    source: &'a str,
    first_line: usize,
    fm: FrontMatter,
    warnings: Vec<ContentError>,
    /// `code` and its line: the id unless `id` is given.
    code_line: Option<(String, usize)>,
}

impl Fields<'_> {
    fn read(&mut self, key: &str, v: &Value, line: usize) -> Result<(), ContentError> {
        let path = self.path;
        let err = |msg: String| ContentError::new(path, line, msg);
        let fm = &mut self.fm;
        match key {
            "id" => {
                let id = scalar(v).ok_or_else(|| err("`id` must be a single value".into()))?;
                validate_id(&id).map_err(err)?;
                fm.id = Some(id);
            }
            // Error references often name entries by `code`: it is the id
            // unless `id` is given, and a keyword either way.
            "code" => {
                let code = scalar(v).ok_or_else(|| err("`code` must be a single value".into()))?;
                self.code_line = Some((code.clone(), line));
                fm.keywords.push(code);
            }
            "title" => fm.title = Some(title(v).map_err(err)?),
            "category" => {
                let c = scalar(v).ok_or_else(|| err("`category` must be a single value".into()))?;
                if !c.trim().is_empty() {
                    fm.category = Some(c.trim().to_string());
                }
            }
            "errors"
                if v.as_sequence()
                    .is_some_and(|s| s.iter().any(Value::is_mapping)) =>
            {
                self.tied_errors(v, line)?;
            }
            "statuses" | "errors" | "keywords" | "tags" => {
                let list = list(v).ok_or_else(|| {
                    err(format!(
                        "`{key}` must be a list of strings, e.g. `{key}: [a, b]`"
                    ))
                })?;
                match key {
                    // `statuses: Failed, 401` is a list written on one line
                    // (an error string may hold commas: `errors` stays whole).
                    "statuses" => fm.statuses = split_commas(v, list),
                    "errors" => fm.errors = list,
                    _ => fm.keywords.extend(split_commas(v, list)),
                }
            }
            // Hugo's and Jekyll's taxonomy: one category is the entry's,
            // unless `category` names it.
            "categories" => {
                let one: Vec<String> = list(v)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect();
                if let ([c], None) = (one.as_slice(), &fm.category) {
                    fm.category = Some(c.clone());
                }
            }
            key if SITE_GENERATOR_KEYS.contains(&key.to_ascii_lowercase().as_str()) => {}
            _ => self.warnings.push(unknown_key(path, key, line)),
        }
        Ok(())
    }

    /// An `errors` list with `{text, section}` items among its strings.
    fn tied_errors(&mut self, v: &Value, line: usize) -> Result<(), ContentError> {
        for item in v.as_sequence().into_iter().flatten() {
            let (error, section) =
                error_item(item).ok_or_else(|| self.bad_error_item(item, line))?;
            if let Some(section) = section {
                self.fm.error_sections.push((error.clone(), section, line));
            }
            self.fm.errors.push(error);
        }
        Ok(())
    }

    fn bad_error_item(&self, item: &Value, line: usize) -> ContentError {
        match colon_in_item(item) {
            // `- KeyError: 'x'` is YAML's `key: value`.
            Some(text) => {
                let at = self
                    .source
                    .lines()
                    .skip(line - self.first_line)
                    .position(|l| l.trim_start().starts_with('-') && l.contains(&text))
                    .map_or(line, |i| line + i);
                ContentError::new(self.path, at, format!("this `errors` item has `: ` in it, so YAML reads it as `key: value`: put it in quotes, `- \"{}\"`", text.replace('"', "\\\"")))
            }
            None => ContentError::new(
                self.path,
                line,
                "each `errors` item is a string, or `{text: \"...\", section: \"## heading it belongs to\"}`",
            ),
        }
    }

    /// The fields read, with `code` as the id when no `id` was given.
    fn finish(mut self) -> Result<(FrontMatter, Vec<ContentError>), ContentError> {
        if let (None, Some((code, line))) = (&self.fm.id, self.code_line) {
            validate_id(&code).map_err(|e| {
                ContentError::new(self.path, line, format!("{e} (`code` is used as the id)"))
            })?;
            self.fm.id = Some(code);
        }
        Ok((self.fm, self.warnings))
    }
}

/// A `title`: one line of text, not empty.
fn title(v: &Value) -> Result<String, String> {
    let empty = "`title` is empty: write the question or problem after `title:`, or remove the line to use the first `# Heading`";
    if v.is_null() {
        return Err(empty.into());
    }
    let t = scalar(v).ok_or("`title` must be a single line of text")?;
    if t.trim().is_empty() {
        return Err(empty.into());
    }
    Ok(t)
}

/// The warning for a key KB Search does not know, with the known key it
/// most likely means.
fn unknown_key(path: &str, key: &str, line: usize) -> ContentError {
    ContentError::new(
        path,
        line,
        match near_key(key) {
            Some(known) => {
                format!("unknown front matter key `{key}` is ignored: did you mean `{known}`?")
            }
            None => format!(
                "unknown front matter key `{key}` is ignored (known: {})",
                KNOWN_KEYS.join(", ")
            ),
        },
    )
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An `errors` item: a string, or a mapping of its `text` and the
/// `section` (heading) it belongs to.
fn error_item(v: &Value) -> Option<(String, Option<String>)> {
    match v {
        Value::Mapping(m) => {
            let get = |k: &str| m.get(Value::String(k.into())).and_then(scalar);
            let text = get("text").filter(|t| !t.trim().is_empty())?;
            if m.len() > 2 || (m.len() == 2 && get("section").is_none()) {
                return None;
            }
            Some((text, get("section")))
        }
        other => scalar(other).map(|s| (s, None)),
    }
}

/// The text an author meant by a list item YAML read as `key: value`
/// (`- KeyError: 'x'`): a mapping of one scalar to a scalar, not `text:`.
fn colon_in_item(v: &Value) -> Option<String> {
    let Value::Mapping(m) = v else { return None };
    let (k, value) = m.iter().next().filter(|_| m.len() == 1)?;
    let key = scalar(k).filter(|k| k != "text")?;
    Some(format!("{key}: {}", scalar(value)?))
}

/// A list given as one string, `a, b`, read as the list `[a, b]`.
fn split_commas(v: &Value, list: Vec<String>) -> Vec<String> {
    match v {
        Value::String(s) if s.contains(',') => s
            .split(',')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        _ => list,
    }
}

/// The known key an unknown one most likely means: one or two edits away
/// (`status`, `keyword`), or sharing its first five letters (`categories`).
fn near_key(key: &str) -> Option<&'static str> {
    let key = key.to_lowercase();
    KNOWN_KEYS.iter().copied().find(|known| {
        edit_distance(&key, known) <= 2
            || matches!((key.get(..5), known.get(..5)), (Some(a), Some(b)) if a == b)
    })
}

/// Levenshtein distance (keys are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (up + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = up;
        }
    }
    row[b.len()]
}

/// A list of scalars; a single scalar is a list of one; null is empty.
fn list(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Null => Some(Vec::new()),
        Value::Sequence(items) => items.iter().map(scalar).collect(),
        other => scalar(other).map(|s| vec![s]),
    }
}
