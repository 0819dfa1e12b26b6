//! One pass over a body that reads other docs tools' markup as the
//! CommonMark the parser knows. Callouts as docs folders write them are
//! read as one kind of block:
//!
//! - GitHub's alerts, `> [!WARNING]` (pulldown-cmark parses them);
//! - MkDocs' admonitions, `!!! note "Title"` (or `???` / `???+`,
//!   collapsible) with a body indented by four spaces;
//! - Docusaurus' and VitePress' containers, `:::tip Title` (or
//!   `:::tip[Title]`) up to a line `:::` ([`super::containers`]).
//!
//! The last two are rewritten into the first before parsing, so that their
//! markers are not read as text ("!!! note" in a card's excerpt) and the
//! page shows them as callouts; a callout's body is read like any other
//! lines, behind its `> `. The same pass reads MyST's directives and roles
//! ([`super::myst`]), Hugo's shortcodes ([`super::hugo`]), Jekyll's Liquid
//! tags and kramdown attribute lines ([`super::jekyll`]), GitBook's tags
//! ([`super::gitbook`]), an MDX page's imports and components
//! ([`super::mdx`]) and Obsidian's callouts and wikilinks
//! ([`super::obsidian`]). Lines inside fenced code are left alone.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::BlockQuoteKind;

use super::blocks::Blocks;
use super::code_spans::outside_code;
use super::containers::{self, CodeFence, Frame, Frames, Seen};
use super::gitbook::{self, Shown};
use super::mdx::{self, Mdx, MdxLine};
use super::nesting::MAX_NESTING;
use super::question_lines::QuestionLines;
use super::rewritten::{marker, Rewritten};
use super::{hugo, jekyll, myst, obsidian, LinkMap};

/// What the lines this pass rewrites hold (most bodies: none of them).
const MARKERS: &[&str] = &[
    "!!!", "???", "===", ":::", "[[", "[TOC]", "<<<", "--8<--", "[!", "\\. ", "\n: ", "?**", "?__",
];

/// The body with its callouts rewritten, or `None` when it has none (the
/// body is parsed as it is). `mdx_file`: the file is MDX; a `.md` body
/// with an ES module import is read as MDX too.
pub fn rewrite(body: &str, mdx_file: bool, links: &LinkMap) -> Option<Rewritten> {
    let may_be_mdx = mdx_file || mdx::may_have_esm(body);
    if !may_be_mdx
        && !MARKERS.iter().any(|m| body.contains(m))
        && !myst::may_have(body)
        && !hugo::may_have(body)
        && !jekyll::may_have(body)
    {
        return None;
    }
    let lines: Vec<(usize, &str)> = line_starts(body);
    let mdx = mdx_file || (may_be_mdx && mdx::has_esm(&lines));
    let mut reader = Reader {
        out: Rewritten::for_body(body.len(), lines.len()),
        // Found once, so that a file of unclosed `:::tip` lines costs
        // linear time.
        pairs: containers::colon_pairs(&lines),
        frames: Frames::default(),
        blanks: Vec::new(),
        fence: None,
        directives: myst::Directives::default(),
        shortcodes: hugo::may_have(body)
            .then(|| hugo::Shortcodes::new(lines.iter().map(|&(_, l)| l))),
        mdx: mdx.then(|| Mdx::new(&lines)),
        links,
        hints: if jekyll::may_have(body) {
            gitbook::hint_pairs(&lines)
        } else {
            HashMap::new()
        },
        changed: false,
        quoting: false,
        blocks: Blocks::at_start(),
        question_lines: QuestionLines::new(&lines),
    };
    for i in 0..lines.len() {
        reader.line(&lines, i);
    }
    reader.flush_blanks();
    reader.changed.then_some(reader.out)
}

/// A code block being read, and what closes it.
enum Fence {
    /// A fenced block, closed by a run of its character.
    Fenced(CodeFence),
    /// Jekyll's `{% highlight %}`: `{% endhighlight %}`.
    Highlight,
}

/// The state of one pass over a body's lines.
struct Reader<'a> {
    out: Rewritten,
    /// Where each `:::` container closes.
    pairs: HashMap<usize, usize>,
    /// The containers the line is in.
    frames: Frames,
    /// Blank lines (their offsets) waiting for the next line to tell
    /// which containers they are in.
    blanks: Vec<usize>,
    /// The code block the line is in, and how many containers were open
    /// when it opened (it ends with them).
    fence: Option<(Fence, usize)>,
    directives: myst::Directives,
    shortcodes: Option<hugo::Shortcodes>,
    /// An MDX page's imports and components.
    mdx: Option<Mdx>,
    /// The folder's entries, which wikilinks name.
    links: &'a LinkMap,
    /// Where each GitBook hint closes.
    hints: HashMap<usize, usize>,
    changed: bool,
    /// In a paragraph that a kramdown attribute line made a callout.
    quoting: bool,
    /// Where the line stands among CommonMark's blocks: in an indented
    /// code block or not.
    blocks: Blocks,
    /// A FAQ's questions written as other than headings, read as headings.
    question_lines: QuestionLines,
}

impl Reader<'_> {
    /// Reads `lines[i]`: first as the containers it is in see it (which
    /// it may close), then as a line of their body.
    fn line(&mut self, lines: &[(usize, &str)], i: usize) {
        let (from, raw) = lines[i];
        if raw.trim().is_empty() && self.frames.any_indented() {
            self.blanks.push(from);
            return;
        }
        let depth = self.frames.depth();
        let (seen, at) = self.frames.enter(i, raw);
        if at < depth {
            self.fence = self.fence.take().filter(|&(_, d)| d <= at);
            self.quoting = false;
            self.out.set_prefix(self.frames.prefix());
        }
        let line = match seen {
            Seen::Closer => {
                self.flush_blanks();
                self.out.push(from, "");
                return;
            }
            Seen::Line(line) => line,
        };
        if at < depth && self.blanks.is_empty() {
            // Not a lazy continuation of the block that just ended.
            self.out.push(from, "");
        }
        self.flush_blanks();
        self.body_line(lines, i, line);
    }

    /// Writes the blank lines that waited, inside the containers still
    /// open.
    fn flush_blanks(&mut self) {
        for from in std::mem::take(&mut self.blanks) {
            self.blocks.after_blank = true;
            self.out.push(from, "");
        }
    }

    /// Opens a container at line `i`'s offset.
    fn open(&mut self, frame: Frame) {
        self.changed = true;
        self.frames.push(frame);
        self.out.set_prefix(self.frames.prefix());
    }

    /// Reads `line`, line `i` without its containers' indents.
    fn body_line(&mut self, lines: &[(usize, &str)], i: usize, line: &str) {
        let from = lines[i].0;
        let line = self.mdx.as_ref().map_or(line, |m| m.dedent(i, line));
        if self.code_line(from, line) {
            return;
        }
        // MDX has no indented code: its components' children are indented.
        if self.blocks.indented_code(line) && self.mdx.is_none() {
            // Code: other tools' markup in it stays as written.
            self.out.push(from, line);
            return;
        }
        // Blocks nested deeper than the parser takes stay as written.
        let can_open = self.frames.depth() < MAX_NESTING;
        if self.tool_line(lines, i, line, can_open)
            || (can_open && self.container_start(i, from, line))
        {
            return;
        }
        if let Some((kind, title)) = obsidian::callout(line)
            .filter(|_| i == 0 || !lines[i - 1].1.trim_start().starts_with('>'))
        {
            self.changed = true;
            self.out.open_callout(from, kind, title);
            return;
        }
        if markup_only(line) {
            self.changed = true;
            self.out.push(from, "");
            return;
        }
        if let Some(read) = self.question_lines.line(lines, i, line) {
            self.changed = true;
            self.text(from, &read);
            return;
        }
        if let Some(step) = gitbook::escaped_step(lines, i) {
            self.changed = true;
            self.text(from, &step);
            return;
        }
        self.text(from, line);
    }

    /// A line inside code or a directive's body, or of a paragraph a
    /// kramdown attribute line quotes: written as that needs.
    fn code_line(&mut self, from: usize, line: &str) -> bool {
        let out = &mut self.out;
        if self.directives.within(from, line, out) {
            return true;
        }
        if let Some((open, _)) = &self.fence {
            // Liquid runs before markdown: `{% endraw %}```` closes a
            // fence, while `{% endhighlight %}{% endraw %}` is text inside
            // a highlight block (the raw block hides its tag).
            let Some(code) = jekyll::code_line(line) else {
                self.changed = true;
                return true;
            };
            let shown = match open {
                Fence::Fenced(open) if open.closed_by(&code) => Some(code.as_ref()),
                Fence::Highlight if jekyll::highlight_end(line) => Some(jekyll::FENCE),
                _ => None,
            };
            let closes = shown.is_some();
            let shown = shown.unwrap_or(&code).to_string();
            if closes {
                self.fence = None;
            }
            self.changed |= shown != line;
            out.push(from, &shown);
            return true;
        }
        self.quoting &= !line.trim().is_empty();
        if self.quoting {
            out.push(from, format!("> {}", text_line(line)).trim_end());
        }
        self.quoting
    }

    /// A line of one tool's own markup (an MDX import or component, a MyST
    /// directive, a Hugo callout, a Liquid or GitBook tag, a code fence):
    /// written as what it shows.
    fn tool_line(&mut self, lines: &[(usize, &str)], i: usize, line: &str, can_open: bool) -> bool {
        let from = lines[i].0;
        let out = &mut self.out;
        if let Some(read) = self.mdx.as_mut().and_then(|m| m.read(i, line)) {
            self.changed = true;
            match read {
                MdxLine::Callout { end, kind, title } if can_open => {
                    out.open_callout(from, kind, title);
                    self.open(Frame::Until { end, quote: true });
                }
                MdxLine::Label(label) => out.push_title(from, &label),
                _ => out.push(from, ""),
            }
            return true;
        }
        if self.directives.start(from, line, out) {
            self.changed = true;
            return true;
        }
        let hugo_callout = self.shortcodes.as_mut().filter(|_| can_open);
        if let Some(end) = hugo_callout.and_then(|s| s.start(i, from, line, out)) {
            self.open(Frame::Until { end, quote: true });
            return true;
        }
        let depth = self.frames.depth();
        if let Some(language) = jekyll::highlight_start(line) {
            self.changed = true;
            self.fence = Some((Fence::Highlight, depth));
            out.push(from, &format!("{}{language}", jekyll::FENCE));
            return true;
        }
        let hint = gitbook::hint_start(line).filter(|_| can_open);
        if let (Some(kind), Some(&end)) = (hint, self.hints.get(&i)) {
            out.open_callout(from, kind, None);
            self.open(Frame::Until { end, quote: true });
            return true;
        }
        if let Some(shown) = gitbook::shown(line) {
            self.changed = true;
            match shown {
                Shown::Title(title) => out.push_title(from, title),
                Shown::Link(url) => out.push(from, &format!("<{url}>")),
            }
            return true;
        }
        if let Some(kind) = jekyll::attribute_line(line) {
            self.changed = true;
            self.attribute_line(lines, i, kind);
            return true;
        }
        if let Some(open) = CodeFence::opened_by(line) {
            self.fence = Some((Fence::Fenced(open), depth));
            out.push(from, line);
            return true;
        }
        false
    }

    /// A line opening an MkDocs admonition or content tab, or a `:::`
    /// container: its marker or title written, the container open.
    fn container_start(&mut self, i: usize, from: usize, line: &str) -> bool {
        let out = &mut self.out;
        if let Some((word, title)) = containers::mkdocs_start(line) {
            if let Some(kind) = kind_of(word) {
                out.open_callout(from, kind, title_of(word, title));
                self.open(Frame::Indented { quote: true });
                return true;
            }
        }
        if let Some(title) = containers::content_tab(line) {
            out.push(from, &format!("**{title}**"));
            out.push(from, "");
            self.open(Frame::Indented { quote: false });
            return true;
        }
        let (Some(start), Some(&end)) = (containers::colon_start(line), self.pairs.get(&i)) else {
            return false;
        };
        let kind = kind_of(start.word);
        match kind {
            Some(kind) => out.open_callout(from, kind, title_of(start.word, start.title)),
            // A container shown as its body (VitePress' `details`,
            // `code-group`), under its title.
            None if start.title.is_empty() => out.push(from, ""),
            None => out.push_title(from, start.title),
        }
        self.open(Frame::Until {
            end,
            quote: kind.is_some(),
        });
        true
    }

    /// A line of text: other tools' inline markup read as text (MDX's
    /// expressions on an MDX page), wikilinks as links.
    fn text(&mut self, from: usize, line: &str) {
        let mut read = text_line(line);
        if self.mdx.is_some() {
            read = then(read, |text| outside_code(text, mdx::inline));
        }
        if read.contains("[[") {
            let links = self.links;
            read = then(read, |text| {
                outside_code(text, |text| obsidian::wikilinks(text, links))
            });
        }
        self.changed |= read != line;
        self.out.push(from, &read);
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

/// A line that is only a docs tool's instruction, with nothing to read:
/// a table of contents (`[[toc]]`, `[TOC]`) or a file's text pulled in at
/// build time (VitePress' `<<< @/snippets/x.ts`, MkDocs' `--8<-- "x.md"`),
/// which the folder does not hold as the page's text.
fn markup_only(line: &str) -> bool {
    let t = line.trim();
    t.eq_ignore_ascii_case("[[toc]]")
        || t == "[TOC]"
        || t.strip_prefix("<<<")
            .is_some_and(|rest| rest.trim_start().starts_with(['@', '.', '/']))
        || t.starts_with("--8<--")
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

/// A title worth showing: one the author wrote, unless it is the kind's
/// own name.
pub(super) fn title_of(word: &str, title: &str) -> Option<String> {
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
        let r = rewrite(body, false, &LinkMap::default()).unwrap();
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
        let r = rewrite(body, false, &LinkMap::default()).unwrap();
        assert_eq!(
            r.text,
            "**Latest**\n\n\n``` sh\npip install x\n```\n\n**9.x**\n\n\nPinned.\n\nAfter.\n"
        );
        assert!(
            rewrite("===\n\n    code\n", false, &LinkMap::default()).is_none(),
            "no title: not a tab"
        );
    }

    #[test]
    fn markers_in_code_and_unknown_kinds_stay_as_written() {
        assert!(rewrite("```\n!!! note\n    x\n```\n", false, &LinkMap::default()).is_none());
        assert!(rewrite("!!! nonsense\n    x\n", false, &LinkMap::default()).is_none());
        assert!(rewrite(":::tip\nnever closed\n", false, &LinkMap::default()).is_none());
        assert!(rewrite("a ratio of 3:::4\n", false, &LinkMap::default()).is_none());
    }
}
