//! MDX pages (Docusaurus, Starlight, Nextra, Mintlify) read as the
//! markdown they hold, in the same pass as the other tools' markup:
//!
//! - `import` and `export` blocks (up to a blank line, as MDX reads them)
//!   and `{/* comments */}` on lines of their own read as nothing;
//! - a callout component on lines of its own and closed further on
//!   (`<Aside type="caution" title="…">`, `<Admonition type="tip">`,
//!   `<Callout type="warning">`, `<Note>`, `<Warning>`) is a callout;
//! - any other component's tag on a line of its own (`<Tabs>`,
//!   `<TabItem label="npm">`, `<Steps>`, `</Card>`) reads as its `label`
//!   or `title` in bold, or as nothing, so the markdown between tags is
//!   parsed as markdown rather than kept as raw HTML.
//!
//! [`super::callouts::rewrite`] applies these while it rewrites callouts.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::BlockQuoteKind;

use super::blocks::leading;
use super::callouts::kind_of;
use super::containers::outside_fences;

/// Whether the file at `path` is MDX.
pub fn is_mdx(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("mdx"))
}

/// Whether `body` has a line starting `import ` or `export ` at all (most
/// bodies: no), before [`has_esm`] looks at its lines.
pub fn may_have_esm(body: &str) -> bool {
    body.starts_with("import ")
        || body.starts_with("export ")
        || body.contains("\nimport ")
        || body.contains("\nexport ")
}

/// Whether a `.md` body (its `lines`) is MDX all the same, as Docusaurus
/// reads every page: an ES module `import … from '…'` (or `export const`
/// / `export default`) on a line of its own outside code, which no prose
/// line looks like.
pub fn has_esm(lines: &[(usize, &str)]) -> bool {
    // VitePress' `<script setup>` imports too: not MDX.
    let mut in_script = false;
    let found = outside_fences(lines).any(|(_, line)| {
        let t = line.trim_start();
        if t.starts_with("<script") {
            in_script = !t.contains("</script>");
        } else if t.contains("</script>") {
            in_script = false;
        }
        !in_script && is_esm(line)
    });
    found
}

/// `import X from 'y';`, `import 'y';`, `export const …`, `export default …`.
fn is_esm(line: &str) -> bool {
    let line = line.trim_end().trim_end_matches(';');
    let quoted = |t: &str| {
        (t.starts_with('\'') && t.ends_with('\'')) || (t.starts_with('"') && t.ends_with('"'))
    };
    if let Some(rest) = line.strip_prefix("import ") {
        return rest
            .rsplit_once(" from ")
            .map_or(quoted(rest.trim()), |(_, from)| quoted(from.trim()));
    }
    line.strip_prefix("export ")
        .is_some_and(|rest| rest.starts_with("const ") || rest.starts_with("default "))
}

/// A tag spanning up to this many lines (attributes one per line) is read
/// as one; a `<` left open longer is text.
const MAX_TAG_LINES: usize = 64;

/// A component's tag: `<Name a="b">`, `</Name>` or `<Name … />`.
struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    /// `key="value"` attributes (string values only).
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What a line of an MDX page is, when it is MDX's own.
pub enum MdxLine {
    /// Nothing to read (an import, a comment, a tag without a label).
    Nothing,
    /// A component's label or title, shown in bold.
    Label(String),
    /// A callout component's opening, closed at line `end`.
    Callout {
        end: usize,
        kind: BlockQuoteKind,
        title: Option<String>,
    },
}

/// The components of a page: where each tag is and where each callout
/// closes; and where a block being skipped ends.
pub struct Mdx {
    /// Line of a tag → the tag and its last line.
    tags: HashMap<usize, (Tag, usize)>,
    /// Opening line of a callout component → its closing line.
    closes: HashMap<usize, usize>,
    /// Per line, the indent its component's children share.
    child_indents: Vec<usize>,
    /// In an `import` / `export` block, which a blank line ends.
    esm: bool,
    /// In a `{/* … */}` comment spanning lines.
    comment: bool,
    /// In a tag spanning lines: its last line.
    skip_to: Option<usize>,
}

impl Mdx {
    /// Finds the tags of `lines` (outside fenced code) and pairs the
    /// callout components, each closing tag with the nearest opening one
    /// of its name (linear time).
    pub fn new(lines: &[(usize, &str)]) -> Self {
        let mut tags = HashMap::new();
        let mut closes = HashMap::new();
        // Per component name, its opening lines not yet closed.
        let mut open: HashMap<String, Vec<usize>> = HashMap::new();
        // Every component's opening and closing lines.
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        // The last line of the tag read last: lines up to it are its.
        let mut tag_end = None;
        for (k, _) in outside_fences(lines) {
            if tag_end.is_some_and(|last| k <= last) {
                continue;
            }
            let Some((tag, last)) = tag_at(lines, k) else {
                continue;
            };
            if !tag.self_closing {
                let open = open.entry(tag.name.clone()).or_default();
                if !tag.closing {
                    open.push(k);
                } else if let Some(at) = open.pop() {
                    if callout_of(&tag).is_some() {
                        closes.insert(at, k);
                    }
                    pairs.push((at, k));
                }
            }
            tags.insert(k, (tag, last));
            tag_end = Some(last);
        }
        let child_indents = child_indents(lines, &tags, pairs);
        Mdx {
            tags,
            closes,
            child_indents,
            esm: false,
            comment: false,
            skip_to: None,
        }
    }

    /// Line `i` without the indent its component's children share: MDX
    /// has no indented code, so Starlight indents them under their tag
    /// (`<TabItem>` then a fence eight spaces in), and they read as the
    /// markdown they are only without it.
    pub fn dedent<'a>(&self, i: usize, line: &'a str) -> &'a str {
        let n = self.child_indents.get(i).copied().unwrap_or(0);
        let spaces = leading(line, |c| c == ' ');
        &line[n.min(spaces)..]
    }

    /// Reads line `i` (outside code) if it is MDX's own.
    pub fn read(&mut self, i: usize, line: &str) -> Option<MdxLine> {
        if let Some(last) = self.skip_to {
            if i <= last {
                return Some(MdxLine::Nothing);
            }
            self.skip_to = None;
        }
        let t = line.trim();
        if self.comment {
            self.comment = !t.contains("*/}");
            return Some(MdxLine::Nothing);
        }
        if self.esm {
            self.esm = !t.is_empty();
            return Some(MdxLine::Nothing);
        }
        if line.starts_with("import ") || line.starts_with("export ") {
            self.esm = true;
            return Some(MdxLine::Nothing);
        }
        if t.starts_with("{/*") {
            self.comment = !t.contains("*/}");
            return Some(MdxLine::Nothing);
        }
        let (tag, last) = self.tags.get(&i)?;
        self.skip_to = Some(*last);
        if let (Some((kind, title)), Some(&end)) = (callout_of(tag), self.closes.get(&i)) {
            return Some(MdxLine::Callout { end, kind, title });
        }
        let label = (!tag.closing)
            .then(|| tag.attr("label").or_else(|| tag.attr("title")))
            .flatten()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        Some(label.map_or(MdxLine::Nothing, |l| MdxLine::Label(l.to_string())))
    }
}

/// A line of an MDX page's text without its `{…}` expressions: MDX reads
/// every unescaped brace in text as one (`{props.name}`,
/// `{/* a note */}`). A brace left open stays as written. Linear time.
pub fn inline(line: &str) -> Cow<'_, str> {
    if !line.contains('{') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let (mut depth, mut start, mut copied) = (0usize, 0, 0);
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match c {
            '{' if !escaped => {
                if depth == 0 {
                    start = at;
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push_str(&line[copied..start]);
                    copied = at + 1;
                }
            }
            _ => {}
        }
        escaped = c == '\\' && !escaped;
    }
    if copied == 0 {
        return Cow::Borrowed(line);
    }
    out.push_str(&line[copied..]);
    Cow::Owned(out)
}

/// Per line of `lines`, the indent of its innermost component's children
/// (`pairs`: each component's opening and closing lines): the indent of
/// the first line after the opening tag that is neither blank nor a tag,
/// looked for over up to [`MAX_TAG_LINES`] lines. One sweep with a stack.
fn child_indents(
    lines: &[(usize, &str)],
    tags: &HashMap<usize, (Tag, usize)>,
    mut pairs: Vec<(usize, usize)>,
) -> Vec<usize> {
    let mut out = vec![0; lines.len()];
    if pairs.is_empty() {
        return out;
    }
    pairs.sort_unstable();
    let mut active: Vec<(usize, usize)> = Vec::new();
    let mut next = pairs.iter().peekable();
    for (k, slot) in out.iter_mut().enumerate() {
        while active.last().is_some_and(|&(end, _)| end <= k) {
            active.pop();
        }
        *slot = active.last().map_or(0, |&(_, indent)| indent);
        while let Some(&&(start, end)) = next.peek().filter(|p| p.0 == k) {
            let first = (start + 1..end)
                .take(MAX_TAG_LINES)
                .map(|j| lines[j].1)
                .zip(start + 1..)
                .find(|&(l, j)| !l.trim().is_empty() && !tags.contains_key(&j));
            let indent = first.map_or(0, |(l, _)| leading(l, |c| c == ' '));
            active.push((end, indent));
            next.next();
        }
    }
    out
}

/// The callout a component is, if it is one: its kind and title.
fn callout_of(tag: &Tag) -> Option<(BlockQuoteKind, Option<String>)> {
    let title = tag
        .attr("title")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let kind = match tag.name.as_str() {
        // Starlight, Docusaurus, Nextra: the kind is an attribute.
        "Aside" | "Admonition" | "Callout" => tag
            .attr("type")
            .and_then(kind_of)
            .unwrap_or(BlockQuoteKind::Note),
        // Mintlify: the kind is the name.
        name @ ("Note" | "Tip" | "Info" | "Warning" | "Caution" | "Danger" | "Important"
        | "Check") => kind_of(name)?,
        _ => return None,
    };
    Some((kind, title))
}

/// The component tag starting at line `k` (on it alone, or over up to
/// [`MAX_TAG_LINES`] lines), and its last line.
fn tag_at(lines: &[(usize, &str)], k: usize) -> Option<(Tag, usize)> {
    let first = lines[k].1.trim();
    let rest = first.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    if first.ends_with('>') {
        return parse_tag(first).map(|t| (t, k));
    }
    let mut text = first.to_string();
    for (j, &(_, line)) in lines.iter().enumerate().skip(k + 1).take(MAX_TAG_LINES) {
        text.push(' ');
        text.push_str(line.trim());
        if line.trim_end().ends_with('>') {
            return parse_tag(&text).map(|t| (t, j));
        }
    }
    None
}

/// `<Name key="value" other={expr} flag>`, `</Name>`, `<Name … />`, as a
/// whole (trimmed) text; `None` if anything else is on it.
fn parse_tag(text: &str) -> Option<Tag> {
    let inner = text.strip_prefix('<')?.strip_suffix('>')?;
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let (self_closing, inner) = match inner.trim_end().strip_suffix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(inner.len());
    let (name, mut rest) = inner.split_at(name_end);
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let key_end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        if key_end == 0 {
            return None;
        }
        let key = &rest[..key_end];
        rest = rest[key_end..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let (text, after) = match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split_once(q).map(|(v, a)| (Some(v), a))?,
            '{' => (None, skip_braces(value)?),
            _ => return None,
        };
        if let Some(text) = text {
            attrs.push((key.to_string(), text.to_string()));
        }
        rest = after;
    }
    Some(Tag {
        name: name.to_string(),
        closing,
        self_closing,
        attrs,
    })
}

/// The text after a `{…}` expression that `text` starts with (braces
/// balanced, quotes not looked into).
fn skip_braces(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[at + 1..]);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_their_name_and_string_attributes() {
        let t = parse_tag(r#"<TabItem value="npm" label='npm 10' default>"#).unwrap();
        assert_eq!(t.name, "TabItem");
        assert_eq!(t.attr("label"), Some("npm 10"));
        assert!(!t.closing && !t.self_closing);
        let t = parse_tag(r#"<Card title="Stars" icon={icons.star} />"#).unwrap();
        assert!(t.self_closing);
        assert_eq!(t.attr("title"), Some("Stars"));
        assert!(parse_tag("</Tabs>").unwrap().closing);
        assert!(parse_tag("<Tabs> text after").is_none());
    }

    fn has_esm(body: &str) -> bool {
        let lines: Vec<(usize, &str)> = body.lines().map(|l| (0, l)).collect();
        may_have_esm(body) && super::has_esm(&lines)
    }

    #[test]
    fn a_markdown_body_with_an_import_is_mdx() {
        assert!(has_esm("import Note from './_note.md';\n\n# T\n"));
        assert!(has_esm("# T\n\nimport {Tabs} from \"@theme/Tabs\"\n"));
        assert!(has_esm("# T\n\nexport const x = 1;\n"));
        assert!(!has_esm("# T\n\n```js\nimport x from 'y';\n```\n"));
        assert!(!has_esm(
            "# T\n\nimport errors happen when the path is wrong.\n"
        ));
        assert!(!has_esm("# T\n\nexport the table first.\n"));
        assert!(!has_esm(
            "<script setup>\nimport { ref } from 'vue'\n</script>\n\n# T\n"
        ));
    }

    #[test]
    fn expressions_in_text_read_as_nothing() {
        assert_eq!(
            inline("Updated {await at()} by {user.name}."),
            "Updated  by ."
        );
        assert_eq!(inline("a {/* {nested} */} b"), "a  b");
        assert_eq!(inline(r"a \{literal} and {open"), r"a \{literal} and {open");
    }
}
