//! The blocks docs tools wrap around markdown, and the stack of those the
//! callout rewrite ([`super::callouts`]) is inside of.
//!
//! - MkDocs' admonitions (`!!! note "Title"`, `???`, `???+`) and content
//!   tabs (`=== "Title"`): a body indented by four spaces;
//! - `:::` containers, Docusaurus' and VitePress' (`:::tip Title`,
//!   `:::info[Title]`, `::: details Title`, `::: code-group`): a body up
//!   to a line of colons, nested by count (`::::` around `:::`).
//!
//! A body's lines are read like any others (code, nested blocks, other
//! tools' markup), then written behind the prefixes of the blocks they
//! are in: `> ` for a callout, nothing for a tab or a container shown as
//! its body.

use std::collections::HashMap;

/// A block the reader is inside of.
#[derive(Clone, Copy)]
pub enum Frame {
    /// MkDocs: lines indented four spaces (or a tab), and blank lines
    /// followed by more of them.
    Indented { quote: bool },
    /// A `:::` container, up to the line at this index.
    Until { end: usize, quote: bool },
}

impl Frame {
    fn quote(self) -> bool {
        match self {
            Frame::Indented { quote } | Frame::Until { quote, .. } => quote,
        }
    }
}

/// The open blocks, outermost first, and the prefix their lines take.
#[derive(Default)]
pub struct Frames {
    open: Vec<Frame>,
    prefix: String,
}

/// What a line is, seen from inside the open blocks.
pub enum Seen<'a> {
    /// A line of the innermost block's body, without the blocks' indents.
    Line(&'a str),
    /// The line closing the block that was open at this depth.
    Closer,
}

impl Frames {
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Whether a blank line must wait for the next line to know which
    /// blocks it belongs to.
    pub fn any_indented(&self) -> bool {
        self.open
            .iter()
            .any(|f| matches!(f, Frame::Indented { .. }))
    }

    pub fn push(&mut self, frame: Frame) {
        self.open.push(frame);
        self.set_prefix();
    }

    /// Line `i` as the innermost block it is in sees it, closing the
    /// blocks it ends; returns the depth the line is at, too.
    pub fn enter<'a>(&mut self, i: usize, line: &'a str) -> (Seen<'a>, usize) {
        let mut seen = line;
        for k in 0..self.open.len() {
            match self.open[k] {
                Frame::Until { end, .. } if end == i => {
                    self.close_from(k);
                    return (Seen::Closer, k);
                }
                Frame::Until { .. } => {}
                Frame::Indented { .. } => match unindented(seen) {
                    Some(rest) => seen = rest,
                    None => {
                        self.close_from(k);
                        return (Seen::Line(seen), k);
                    }
                },
            }
        }
        (Seen::Line(seen), self.open.len())
    }

    fn close_from(&mut self, k: usize) {
        self.open.truncate(k);
        self.set_prefix();
    }

    fn set_prefix(&mut self) {
        self.prefix = self
            .open
            .iter()
            .filter(|f| f.quote())
            .map(|_| "> ")
            .collect();
    }
}

/// A `:::` line opening a container: its colons, type word and title.
pub struct ColonStart<'a> {
    pub colons: usize,
    pub word: &'a str,
    pub title: &'a str,
}

/// `:::tip`, `::: danger Title`, `:::info[Title]`, `::: code-group`.
/// Not MyST's `:::{note}` (a directive, read by [`super::myst`]).
pub fn colon_start(line: &str) -> Option<ColonStart<'_>> {
    let t = line.trim();
    let colons = t.bytes().take_while(|&b| b == b':').count();
    if colons < 3 {
        return None;
    }
    let rest = t[colons..].trim_start();
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let word_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let (word, title) = rest.split_at(word_end);
    let title = title.trim();
    let title = title
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(title)
        .trim();
    Some(ColonStart {
        colons,
        word,
        title,
    })
}

/// The colons of a line of colons only (three or more), which closes a
/// container opened with as many or fewer.
fn colon_end(line: &str) -> Option<usize> {
    let t = line.trim();
    (t.len() >= 3 && t.bytes().all(|b| b == b':')).then_some(t.len())
}

/// Where each `:::` container of `lines` closes: opener index → closer
/// index. One pass with a stack (linear time); lines in fenced code are
/// neither; an opener without its closer is not a container.
pub fn colon_pairs(lines: &[(usize, &str)]) -> HashMap<usize, usize> {
    let mut pairs = HashMap::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (k, line) in outside_fences(lines) {
        if let Some(start) = colon_start(line) {
            open.push((k, start.colons));
        } else if let Some(colons) = colon_end(line) {
            // The innermost container this line can close; any inside it
            // with more colons stay unclosed.
            while let Some((at, n)) = open.pop() {
                if n <= colons {
                    pairs.insert(at, k);
                    break;
                }
            }
        }
    }
    pairs
}

/// The lines of `lines` outside fenced code, fences left out, with their
/// index: where the pre-passes that pair a block's start and end look.
pub fn outside_fences<'a>(
    lines: &'a [(usize, &'a str)],
) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    let mut fence: Option<CodeFence> = None;
    lines.iter().enumerate().filter_map(move |(k, &(_, line))| {
        if let Some(open) = &fence {
            if open.closed_by(line) {
                fence = None;
            }
            return None;
        }
        fence = CodeFence::opened_by(line);
        fence.is_none().then_some((k, line))
    })
}

/// A code fence (```` ``` ```` or `~~~`) that a line opened.
pub struct CodeFence {
    /// Its run of backticks or tildes.
    pub run: String,
    /// Spaces before it (a fence in a list item is indented).
    indent: usize,
}

impl CodeFence {
    /// The fence `line` opens, if it opens one.
    pub fn opened_by(line: &str) -> Option<CodeFence> {
        let t = line.trim_start_matches(' ');
        let c = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let n = t.chars().take_while(|&x| x == c).count();
        (n >= 3).then(|| CodeFence {
            run: c.to_string().repeat(n),
            indent: line.len() - t.len(),
        })
    }

    /// Whether `line` closes it: a run of its character at least as long,
    /// nothing after it, and indented less than four spaces more (an
    /// example's own ```` ``` c```` or indented ```` ``` ```` inside it
    /// closes nothing).
    pub fn closed_by(&self, line: &str) -> bool {
        let t = line.trim_start_matches(' ');
        let c = self.run.chars().next().unwrap_or('`');
        let run = t.trim_end();
        line.len() - t.len() < self.indent + 4
            && run.len() >= self.run.len()
            && run.chars().all(|x| x == c)
    }
}

/// `!!! warning "Title"`, `??? note`, `???+ tip ""`: the type word and
/// title.
pub fn mkdocs_start(line: &str) -> Option<(&str, &str)> {
    let rest = ["!!! ", "???+ ", "??? "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?
        .trim();
    let (word, title) = match rest.split_once(char::is_whitespace) {
        Some((w, t)) => (w, t.trim()),
        None => (rest, ""),
    };
    Some((word, title.trim_matches('"').trim()))
}

/// A line of an MkDocs block's body without its indent, if indented.
pub fn unindented(line: &str) -> Option<&str> {
    line.strip_prefix("    ")
        .or_else(|| line.strip_prefix('\t'))
}

/// `=== "Title"` (`===!`, `===+`): the title of an MkDocs content tab,
/// whose body, indented, would otherwise read as a code block.
pub fn content_tab(line: &str) -> Option<&str> {
    let rest = ["=== ", "===! ", "===+ "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?
        .trim();
    let title = rest.strip_prefix('"')?.strip_suffix('"')?;
    (!title.trim().is_empty()).then_some(title.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, &str)> {
        text.lines().map(|l| (0, l)).collect()
    }

    #[test]
    fn colon_containers_pair_innermost_first_and_by_count() {
        let text = ":::: info\n::: tip\nx\n:::\n::::\n::: details More\n```\n:::\n```\n:::\n:::tip\nnever closed\n";
        let pairs = colon_pairs(&lines(text));
        assert_eq!(pairs.get(&0), Some(&4));
        assert_eq!(pairs.get(&1), Some(&3));
        // The `:::` in code is no closer.
        assert_eq!(pairs.get(&5), Some(&9));
        assert_eq!(pairs.get(&10), None);
    }

    #[test]
    fn colon_starts_read_their_word_and_title() {
        let s = colon_start("::: details Click me").unwrap();
        assert_eq!((s.colons, s.word, s.title), (3, "details", "Click me"));
        let s = colon_start(":::info[Before you start]").unwrap();
        assert_eq!((s.word, s.title), ("info", "Before you start"));
        assert!(colon_start(":::{note}").is_none());
        assert!(colon_start(":::").is_none());
        assert!(colon_start("a ratio of 3:::4").is_none());
    }
}
