//! Jekyll's markup, read as the CommonMark the parser knows (a Jekyll or
//! Just the Docs folder builds as it is):
//!
//! - `{% highlight ruby %}` … `{% endhighlight %}` is a code block;
//! - a kramdown attribute line before a paragraph or a quote,
//!   `{: .warning }` (Just the Docs' callouts), makes it a callout; any
//!   other attribute line (`{:toc}`, `{: #id}`) says nothing to a reader;
//! - any other Liquid tag (`{% include note.html %}`, `{% raw %}`) reads
//!   as nothing, its markers never reaching a card; so does an attribute
//!   list after a span (`[Go](x){: .btn }`).
//!
//! [`super::callouts::rewrite`] applies these while it rewrites callouts.

use std::borrow::Cow;

use pulldown_cmark::BlockQuoteKind;

use super::callouts::kind_of;

/// The fence a highlight block is written with (no ```` ``` ```` inside
/// it closes it).
pub const FENCE: &str = "~~~~~";

/// Whether `body` may use Jekyll's markup at all (most bodies: no).
pub fn may_have(body: &str) -> bool {
    body.contains("{%") || body.contains("{:")
}

/// The language of the `{% highlight lang %}` that `line` is, if it is one.
pub fn highlight_start(line: &str) -> Option<&str> {
    let inner = tag(line)?;
    let rest = inner.strip_prefix("highlight")?;
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(rest.split_whitespace().next().unwrap_or(""))
}

/// Whether `line` is `{% endhighlight %}`.
pub fn highlight_end(line: &str) -> bool {
    tag(line) == Some("endhighlight")
}

/// The inside of the Liquid tag that is the whole of `line`
/// (`{%- x -%}` too), trimmed.
pub(super) fn tag(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix("{%")?.strip_suffix("%}")?;
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner);
    (!inner.contains("%}")).then(|| inner.trim())
}

/// A line of code as Liquid (Jekyll, Eleventy) shows it: `{% raw %}` and
/// `{% endraw %}` only keep the template engine off the code between them
/// (`{{ x }}`), so they are never shown, in code either. `None` when the
/// line is nothing else.
pub fn code_line(line: &str) -> Option<Cow<'_, str>> {
    let raw = |piece: &str| matches!(tag(piece), Some("raw" | "endraw"));
    if raw(line) {
        return None;
    }
    if !line.contains("raw") {
        return Some(Cow::Borrowed(line));
    }
    let (mut out, mut rest) = (String::with_capacity(line.len()), line);
    while let Some(at) = rest.find("{%") {
        let Some(end) = rest[at..].find("%}").map(|k| at + k + 2) else {
            break;
        };
        out.push_str(&rest[..at]);
        if !raw(&rest[at..end]) {
            out.push_str(&rest[at..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Some(Cow::Owned(out))
}

/// What a kramdown attribute line (`{: .note }`, `{:toc}`) is: `None` when
/// `line` is none; `Some(kind)` when it makes the next block a callout.
pub fn attribute_line(line: &str) -> Option<Option<BlockQuoteKind>> {
    let inner = line.trim().strip_prefix("{:")?.strip_suffix('}')?;
    if inner.contains(['{', '}']) {
        return None;
    }
    let kind = inner
        .split_whitespace()
        .filter_map(|w| w.strip_prefix('.'))
        .find_map(|class| match class.trim_end_matches("-title") {
            "highlight" => Some(BlockQuoteKind::Note),
            other => kind_of(other),
        });
    Some(kind)
}

/// A line of text without its Liquid tags and span attribute lists.
pub fn inline(line: &str) -> Cow<'_, str> {
    if !line.contains("{%") && !line.contains("{:") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    // Where the next of each marker is, found again only once passed (a
    // line of 100,000 tags costs linear time).
    let next = |from: usize, marker: &str| line[from..].find(marker).map(|k| k + from);
    let (mut tag, mut attributes) = (next(0, "{%"), next(0, "{:"));
    let mut done = 0;
    loop {
        if tag.is_some_and(|t| t < done) {
            tag = next(done, "{%");
        }
        if attributes.is_some_and(|a| a < done) {
            attributes = next(done, "{:");
        }
        let found = [tag.map(|at| (at, "%}")), attributes.map(|at| (at, "}"))];
        let Some((at, close)) = found.into_iter().flatten().min() else {
            break;
        };
        // An attribute list holds no brace: it ends at the next one, or
        // is none (looked for up to that brace only: linear time).
        let end = if close == "}" {
            match line[at + 2..].find(['{', '}']).map(|k| k + at + 2) {
                Some(k) if line[k..].starts_with('}') => Some(k),
                Some(_) => {
                    out.push_str(&line[done..at + 2]);
                    done = at + 2;
                    continue;
                }
                None => None,
            }
        } else {
            line[at..].find(close).map(|k| k + at)
        };
        let Some(end) = end else {
            break;
        };
        out.push_str(&line[done..at]);
        done = end + close.len();
    }
    out.push_str(&line[done..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: ESLint's docs (Eleventy) showed `{% raw %}` and
    /// `{% endraw %}` in the code of its custom-rules pages.
    #[test]
    fn raw_tags_in_code_are_not_shown() {
        assert_eq!(code_line("{% raw %}"), None);
        assert_eq!(code_line(" {%- endraw -%} "), None);
        assert_eq!(
            code_line("title: {% raw %}{{ site.title }}{% endraw %}").as_deref(),
            Some("title: {{ site.title }}")
        );
        assert_eq!(
            code_line("{%raw%}{{ x }}{%- endraw %} {% if a %}").as_deref(),
            Some("{{ x }} {% if a %}")
        );
        assert_eq!(code_line("let raw = 1;").as_deref(), Some("let raw = 1;"));
        assert_eq!(
            code_line("{% include x.html %}").as_deref(),
            Some("{% include x.html %}")
        );
    }

    #[test]
    fn liquid_tags_and_attribute_lines_are_read() {
        assert_eq!(
            highlight_start("{% highlight ruby linenos %}"),
            Some("ruby")
        );
        assert_eq!(highlight_start("{%- highlight -%}"), Some(""));
        assert_eq!(highlight_start("{% highlighted %}"), None);
        assert!(highlight_end(" {% endhighlight %}"));
        assert_eq!(
            attribute_line("{: .warning }"),
            Some(Some(BlockQuoteKind::Warning))
        );
        assert_eq!(
            attribute_line("{: .note-title }"),
            Some(Some(BlockQuoteKind::Note))
        );
        assert_eq!(attribute_line("{:toc}"), Some(None));
        assert_eq!(attribute_line("{: #install .fs-6 }"), Some(None));
        assert_eq!(attribute_line("{:a} {b}"), None);
        assert_eq!(
            inline("See {% include note.html %}the {% raw %}{{ x }}{% endraw %} docs."),
            "See the {{ x }} docs."
        );
        assert_eq!(inline("a {% never closed"), "a {% never closed");
        assert_eq!(
            inline("[Go](x){: .btn } and {:a {b}}"),
            "[Go](x) and {:a {b}}"
        );
    }
}
