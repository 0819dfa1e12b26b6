//! The front matter block of a file: found by pulldown-cmark's metadata
//! extensions, parsed by serde_norway (YAML) or toml, its errors located on
//! the file's lines with what to write instead.

use std::collections::HashMap;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use serde_norway::Value;

use super::super::ContentError;

/// The fence of a front matter block that opens the text but never closes.
pub(super) fn unclosed_fence(text: &str) -> Option<&'static str> {
    ["---", "+++"].into_iter().find(|fence| {
        text.starts_with(&format!("{fence}\n")) || text.starts_with(&format!("{fence}\r\n"))
    })
}

/// The line of each key: the first line starting `key:` (one pass, so a
/// front matter of 100,000 keys costs linear time, not quadratic).
pub(super) fn key_lines(source: &str, toml: bool, first_line: usize) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    for (i, l) in source.lines().enumerate() {
        if let Some(key) = line_key(l, toml) {
            lines.entry(key).or_insert(first_line + i);
        }
    }
    lines
}

/// The YAML block's value; a tab that indents a line is named as such.
pub(super) fn yaml_value(path: &str, first_line: usize, yaml: &str) -> Result<Value, ContentError> {
    if let Some(i) = yaml.lines().position(|l| {
        l.chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| c == '\t')
    }) {
        return Err(ContentError::new(
            path,
            first_line + i,
            "a tab indents this line: YAML indents with spaces only; replace the tab with spaces",
        ));
    }
    serde_norway::from_str(yaml).map_err(|e| {
        let mut err = yaml_error(path, first_line, &e);
        if let Some(hint) = colon_hint(yaml.lines().nth(err.line - first_line)) {
            err.message.push_str(&hint);
        }
        err
    })
}

/// The TOML block's value, as the YAML value the fields are read from
/// (a TOML date becomes a string).
pub(super) fn toml_value(
    path: &str,
    first_line: usize,
    source: &str,
) -> Result<Value, ContentError> {
    let table: toml::Table = toml::from_str(source).map_err(|e| {
        let line = e
            .span()
            .map_or(first_line, |at| first_line + line_of(source, at.start) - 1);
        let message = e.message().trim_end().to_string();
        ContentError::new(
            path,
            line,
            format!("front matter is not valid TOML (`key = \"value\"` lines): {message}"),
        )
    })?;
    serde_norway::to_value(table).map_err(|e| {
        ContentError::new(
            path,
            first_line,
            format!("front matter cannot be read: {e}"),
        )
    })
}

/// A YAML error located in the file: the YAML parser counts lines from the
/// start of the block, so its line numbers are shifted to file lines, and the
/// earliest line it mentions (where the broken construct starts, e.g. an
/// unterminated quote) is the one reported.
fn yaml_error(path: &str, first_line: usize, e: &serde_norway::Error) -> ContentError {
    let message = e.to_string();
    let mut out = String::new();
    let mut earliest: Option<usize> = e.location().map(|l| l.line());
    let mut rest = message.as_str();
    while let Some(at) = rest.find("line ") {
        out.push_str(&rest[..at + 5]);
        rest = &rest[at + 5..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        match rest[..digits].parse::<usize>() {
            Ok(n) if n > 0 => {
                out.push_str(&(first_line + n - 1).to_string());
                earliest = Some(earliest.map_or(n, |m| m.min(n)));
            }
            _ => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    let line = earliest.map_or(first_line, |n| first_line + n.saturating_sub(1));
    ContentError::new(path, line, format!("front matter is not valid YAML: {out}"))
}

/// What to do when a value holds `: ` (`title: KeyError: 'x'`), the most
/// common YAML mistake in an FAQ of error messages: quote the value.
fn colon_hint(line: Option<&str>) -> Option<String> {
    let line = line?;
    let key = line_key(line, false)?;
    let value = line.trim_start()[key.len() + 1..].trim();
    let quoted = value.starts_with(['"', '\'', '[', '{']);
    (!quoted && value.contains(": ")).then(|| {
        let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
        format!(". The value of `{key}` has `: ` in it: put it in quotes, `{key}: \"{escaped}\"`")
    })
}

/// A front matter block found at the top of a file.
pub(super) struct Block<'t> {
    /// The text between the fences.
    pub(super) source: &'t str,
    /// The byte offset of `source`.
    pub(super) start: usize,
    /// The byte offset where the body starts.
    pub(super) body_start: usize,
    /// `+++` fences: the block is TOML.
    pub(super) toml: bool,
}

pub(super) fn find_block(text: &str) -> Option<Block<'_>> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut events = Parser::new_ext(text, options).into_offset_iter();
    let (first, range) = events.next()?;
    let toml = match first {
        Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => false,
        Event::Start(Tag::MetadataBlock(MetadataBlockKind::PlusesStyle)) => true,
        _ => return None,
    };
    let block_end = range.end;
    let mut yaml_range: Option<std::ops::Range<usize>> = None;
    for (event, r) in events {
        match event {
            Event::Text(_) => {
                yaml_range = Some(match yaml_range {
                    Some(y) => y.start..r.end,
                    None => r,
                })
            }
            Event::End(TagEnd::MetadataBlock(_)) => break,
            _ => {}
        }
    }
    let yaml_range = yaml_range.unwrap_or(block_end..block_end);
    Some(Block {
        source: &text[yaml_range.clone()],
        start: yaml_range.start,
        body_start: block_end,
        toml,
    })
}

/// The key a line starts: `key` in YAML's `  key: value` (up to the first
/// `:` followed by a space or the end of the line), or in TOML's
/// `key = value`.
fn line_key(line: &str, toml: bool) -> Option<&str> {
    let t = line.trim_start();
    if toml {
        let (key, _) = t.split_once('=')?;
        return Some(key.trim_end().trim_matches('"'));
    }
    let bytes = t.as_bytes();
    let at = bytes.iter().enumerate().position(|(i, &b)| {
        b == b':' && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
    })?;
    Some(&t[..at])
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
