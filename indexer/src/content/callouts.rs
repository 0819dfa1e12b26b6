//! Callouts as docs folders write them, read as one kind of block:
//!
//! - GitHub's alerts, `> [!WARNING]` (pulldown-cmark parses them);
//! - MkDocs' admonitions, `!!! note "Title"` (or `???` / `???+`,
//!   collapsible) with a body indented by four spaces;
//! - Docusaurus' admonitions, `:::tip Title` (or `:::tip[Title]`) up to a
//!   line `:::`.
//!
//! The last two are rewritten into the first before parsing, so that their
//! markers are not read as text ("!!! note" in a card's excerpt) and the
//! page shows them as callouts; so are MyST's directives and roles
//! ([`super::myst`]), Hugo's shortcodes ([`super::hugo`]) and Jekyll's
//! Liquid tags and kramdown attribute lines ([`super::jekyll`]). Lines
//! inside fenced code are left alone.

use std::borrow::Cow;

use pulldown_cmark::BlockQuoteKind;

use super::code_spans::outside_code;
use super::{hugo, jekyll, myst};

/// A body with its MkDocs and Docusaurus callouts rewritten as GitHub
/// alerts, and where each of its lines came from.
pub struct Rewritten {
    pub text: String,
    /// (byte offset of a line of `text`, byte offset of the line of the
    /// original body it came from), in order.
    origins: Vec<(usize, usize)>,
}

impl Rewritten {
    /// The offset in the original body of the line that holds `offset` of
    /// the rewritten text: errors name the author's line.
    pub fn origin(&self, offset: usize) -> usize {
        let i = self.origins.partition_point(|&(at, _)| at <= offset);
        self.origins
            .get(i.wrapping_sub(1))
            .map_or(offset, |&(_, from)| from)
    }
}

/// The body with its callouts rewritten, or `None` when it has none (the
/// body is parsed as it is).
pub fn rewrite(body: &str) -> Option<Rewritten> {
    if !body.contains("!!!")
        && !body.contains("???")
        && !body.contains("===")
        && !body.contains(":::")
        && !myst::may_have(body)
        && !hugo::may_have(body)
        && !jekyll::may_have(body)
    {
        return None;
    }
    let lines: Vec<(usize, &str)> = line_starts(body);
    let mut reader = Reader {
        out: Rewritten {
            text: String::with_capacity(body.len() + 64),
            origins: Vec::with_capacity(lines.len()),
        },
        // The lines that close a Docusaurus callout: found once, so that
        // a file of unclosed `:::tip` lines costs n log n, not n².
        closes: (0..lines.len())
            .filter(|&k| lines[k].1.trim() == ":::")
            .collect(),
        fence: None,
        directives: myst::Directives::default(),
        shortcodes: hugo::may_have(body)
            .then(|| hugo::Shortcodes::new(lines.iter().map(|&(_, l)| l))),
        changed: false,
        quoting: false,
    };
    let mut i = 0;
    while i < lines.len() {
        i = reader.line(&lines, i);
    }
    reader.changed.then_some(reader.out)
}

/// A code block being read, and what closes it.
enum Fence {
    /// A fenced block: a line starting with this run of its character.
    Fenced(String),
    /// Jekyll's `{% highlight %}`: `{% endhighlight %}`.
    Highlight,
}

/// The state of one pass over a body's lines.
struct Reader {
    out: Rewritten,
    closes: Vec<usize>,
    /// The code block the line is in.
    fence: Option<Fence>,
    directives: myst::Directives,
    shortcodes: Option<hugo::Shortcodes>,
    changed: bool,
    /// In a paragraph that a kramdown attribute line made a callout.
    quoting: bool,
}

impl Reader {
    /// Reads `lines[i]` (and, for a callout, the lines of its body);
    /// returns the index of the next line to read.
    fn line(&mut self, lines: &[(usize, &str)], i: usize) -> usize {
        let (from, line) = lines[i];
        let out = &mut self.out;
        let shortcodes = &mut self.shortcodes;
        if self.directives.within(from, line, out)
            || shortcodes
                .as_mut()
                .is_some_and(|s| s.within(i, from, line, out))
        {
            return i + 1;
        }
        if let Some(open) = &self.fence {
            let shown = match open {
                Fence::Fenced(run) if line.trim_start().starts_with(run.as_str()) => Some(line),
                Fence::Highlight if jekyll::highlight_end(line) => Some(jekyll::FENCE),
                _ => None,
            };
            if shown.is_some() {
                self.fence = None;
            }
            out.push(from, shown.unwrap_or(line));
            return i + 1;
        }
        self.quoting &= !line.trim().is_empty();
        if self.quoting {
            out.push(from, format!("> {}", text_line(line)).trim_end());
            return i + 1;
        }
        if self.directives.start(from, line, out)
            || shortcodes
                .as_mut()
                .is_some_and(|s| s.start(i, from, line, out))
        {
            self.changed = true;
            return i + 1;
        }
        if let Some(language) = jekyll::highlight_start(line) {
            self.changed = true;
            self.fence = Some(Fence::Highlight);
            out.push(from, &format!("{}{language}", jekyll::FENCE));
            return i + 1;
        }
        if let Some(kind) = jekyll::attribute_line(line) {
            self.changed = true;
            self.attribute_line(lines, i, kind);
            return i + 1;
        }
        if let Some(open) = fence_of(line) {
            self.fence = Some(Fence::Fenced(open));
            out.push(from, line);
            return i + 1;
        }
        if let Some((kind, title)) = mkdocs_start(line) {
            self.changed = true;
            out.open_callout(from, kind, title);
            return out.push_mkdocs_body(lines, i + 1, true);
        }
        if let Some(title) = content_tab(line) {
            self.changed = true;
            out.push(from, &format!("**{title}**"));
            out.push(from, "");
            return out.push_mkdocs_body(lines, i + 1, false);
        }
        if let Some((kind, title)) = docusaurus_start(line) {
            let next = i + 1;
            if let Some(&end) = self.closes.get(self.closes.partition_point(|&k| k < next)) {
                self.changed = true;
                out.open_callout(from, kind, title);
                for &(from, line) in &lines[next..end] {
                    out.push(from, format!("> {}", text_line(line)).trim_end());
                }
                out.push(lines[end].0, "");
                return end + 1;
            }
        }
        let read = text_line(line);
        self.changed |= read != line;
        out.push(from, &read);
        i + 1
    }

    /// A kramdown attribute line, `lines[i]`: a callout's marker when it
    /// names one and stands before a block (after a blank line), else
    /// nothing. A quote after it is the callout's body as it is; a
    /// paragraph gets quoted.
    fn attribute_line(&mut self, lines: &[(usize, &str)], i: usize, kind: Option<BlockQuoteKind>) {
        let from = lines[i].0;
        let after_blank = i == 0 || lines[i - 1].1.trim().is_empty();
        let next = lines.get(i + 1).map(|&(_, l)| l.trim_start()).unwrap_or("");
        match kind {
            Some(kind) if after_blank && !next.is_empty() => {
                self.out.push(from, &marker(kind));
                self.quoting = !next.starts_with('>');
            }
            _ => self.out.push(from, ""),
        }
    }
}

/// A line of text with MyST's roles and labels, Hugo's shortcodes and
/// Liquid tags read as text (the last two outside code spans: code is
/// matched exactly).
pub(super) fn text_line(line: &str) -> Cow<'_, str> {
    then(myst::inline(line), |text| {
        outside_code(text, |text| then(hugo::inline(text), jekyll::inline))
    })
}

/// `next` applied to what `read` holds, borrowing as long as neither
/// changed anything.
fn then<'a>(read: Cow<'a, str>, next: impl Fn(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    match read {
        Cow::Borrowed(text) => next(text),
        Cow::Owned(text) => Cow::Owned(next(&text).into_owned()),
    }
}

impl Rewritten {
    /// Adds a line that came from the body's line at `from`.
    pub(super) fn push(&mut self, from: usize, line: &str) {
        self.origins.push((self.text.len(), from));
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// The alert's first line, and its title in bold.
    pub(super) fn open_callout(
        &mut self,
        from: usize,
        kind: BlockQuoteKind,
        title: Option<String>,
    ) {
        self.push(from, &marker(kind));
        if let Some(title) = title {
            self.push(from, &format!("> **{title}**"));
            self.push(from, ">");
        }
    }

    /// The body of an MkDocs callout (`quote`: as the alert's lines) or
    /// content tab, from `lines[i]`: lines indented four spaces (or a
    /// tab), and blank lines followed by more of them, unindented.
    /// Returns the index of the first line after it.
    fn push_mkdocs_body(&mut self, lines: &[(usize, &str)], mut i: usize, quote: bool) -> usize {
        let prefix = if quote { "> " } else { "" };
        while i < lines.len() {
            let (from, line) = lines[i];
            if let Some(rest) = unindented(line) {
                self.push(from, &format!("{prefix}{rest}"));
                i += 1;
                continue;
            }
            if !line.trim().is_empty() {
                break;
            }
            // A run of blank lines is the body's when an indented line
            // follows it (looked for once per run: linear time).
            let next = (i..lines.len())
                .find(|&k| !lines[k].1.trim().is_empty())
                .unwrap_or(lines.len());
            if lines.get(next).and_then(|&(_, l)| unindented(l)).is_none() {
                break;
            }
            for &(from, _) in &lines[i..next] {
                self.push(from, prefix.trim_end());
            }
            i = next;
        }
        i
    }
}

/// Each line of `body` (without its line break) and its byte offset.
fn line_starts(body: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    body.split_inclusive('\n')
        .map(|l| {
            let start = at;
            at += l.len();
            (start, l.trim_end_matches(['\n', '\r']))
        })
        .collect()
}

/// The fence a line opens (```` ``` ```` or `~~~`, with its length).
fn fence_of(line: &str) -> Option<String> {
    let t = line.trim_start();
    let c = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then(|| c.to_string().repeat(n))
}

/// `!!! warning "Title"`, `??? note`, `???+ tip ""`: the kind and title.
fn mkdocs_start(line: &str) -> Option<(BlockQuoteKind, Option<String>)> {
    let rest = ["!!! ", "???+ ", "??? "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?
        .trim();
    let (word, title) = match rest.split_once(char::is_whitespace) {
        Some((w, t)) => (w, t.trim()),
        None => (rest, ""),
    };
    let title = title.trim_matches('"').trim();
    Some((kind_of(word)?, title_of(word, title)))
}

/// A line of an MkDocs block's body without its indent, if indented.
fn unindented(line: &str) -> Option<&str> {
    line.strip_prefix("    ")
        .or_else(|| line.strip_prefix('\t'))
}

/// `=== "Title"` (`===!`, `===+`): the title of an MkDocs content tab,
/// whose body, indented, would otherwise read as a code block.
fn content_tab(line: &str) -> Option<&str> {
    let rest = ["=== ", "===! ", "===+ "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?
        .trim();
    let title = rest.strip_prefix('"')?.strip_suffix('"')?;
    (!title.trim().is_empty()).then_some(title.trim())
}

/// `:::tip`, `:::danger Title`, `:::info[Title]`: the kind and title.
fn docusaurus_start(line: &str) -> Option<(BlockQuoteKind, Option<String>)> {
    let rest = line.trim_start().strip_prefix(":::")?.trim();
    let word_end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (word, title) = rest.split_at(word_end);
    let title = title
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    Some((kind_of(word)?, title_of(word, title)))
}

/// A title worth showing: one the author wrote, unless it is the kind's
/// own name.
fn title_of(word: &str, title: &str) -> Option<String> {
    (!title.is_empty() && !title.eq_ignore_ascii_case(word)).then(|| title.to_string())
}

/// The alert kind of an admonition type (MkDocs and Docusaurus each have
/// more types than GitHub's five).
pub(super) fn kind_of(word: &str) -> Option<BlockQuoteKind> {
    use BlockQuoteKind::*;
    Some(match word.to_ascii_lowercase().as_str() {
        "note" | "info" | "abstract" | "summary" | "tldr" | "question" | "help" | "faq"
        | "example" | "quote" | "cite" | "seealso" => Note,
        "tip" | "hint" | "success" | "check" | "done" => Tip,
        "important" => Important,
        "warning" | "attention" => Warning,
        "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => Caution,
        _ => return None,
    })
}

/// The first line of a GitHub alert of this kind.
fn marker(kind: BlockQuoteKind) -> String {
    format!("> [!{}]", label(kind).to_uppercase())
}

/// The name a page shows above a callout of this kind.
pub fn label(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mkdocs_and_docusaurus_callouts_become_alerts() {
        let body = "Intro.\n\n!!! warning \"Before you start\"\n    Stop the job.\n\n    Then wait.\n\nAfter.\n\n:::tip[Faster]\nUse `ss`.\n:::\n";
        let r = rewrite(body).unwrap();
        assert_eq!(
            r.text,
            "Intro.\n\n> [!WARNING]\n> **Before you start**\n>\n> Stop the job.\n>\n> Then wait.\n\nAfter.\n\n> [!TIP]\n> **Faster**\n>\n> Use `ss`.\n\n"
        );
        // "Then wait." is line 6 of the body.
        let at = r.text.find("Then").unwrap();
        assert_eq!(r.origin(at), body.find("    Then").unwrap());
    }

    /// Regression: an MkDocs content tab's indented body read as a code
    /// block, its fence markers and all (Material's own docs: 287 tabs).
    #[test]
    fn a_content_tab_is_its_title_and_its_body() {
        let body = "=== \"Latest\"\n\n    ``` sh\n    pip install x\n    ```\n\n=== \"9.x\"\n\n    Pinned.\n\nAfter.\n";
        let r = rewrite(body).unwrap();
        assert_eq!(
            r.text,
            "**Latest**\n\n\n``` sh\npip install x\n```\n\n**9.x**\n\n\nPinned.\n\nAfter.\n"
        );
        assert!(
            rewrite("===\n\n    code\n").is_none(),
            "no title: not a tab"
        );
    }

    #[test]
    fn markers_in_code_and_unknown_kinds_stay_as_written() {
        assert!(rewrite("```\n!!! note\n    x\n```\n").is_none());
        assert!(rewrite("!!! nonsense\n    x\n").is_none());
        assert!(rewrite(":::tip\nnever closed\n").is_none());
        assert!(rewrite("a ratio of 3:::4\n").is_none());
    }
}
