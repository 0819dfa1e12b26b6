//! Hugo's shortcodes, read as the CommonMark the parser knows (a Hugo
//! site's content folder builds as it is):
//!
//! - a callout shortcode on lines of its own, closed further on
//!   (`{{< note >}}` … `{{< /note >}}`, Docsy's
//!   `{{% alert title="Heads up" color="warning" %}}`, `{{% notice tip %}}`)
//!   is a callout;
//! - any other shortcode reads as its `text` parameter, or as nothing
//!   (`{{< glossary_tooltip text="cluster" term_id="cluster" >}}` reads
//!   "cluster"): its markers never reach a card.
//!
//! [`super::callouts::rewrite`] applies these while it rewrites callouts.

use std::borrow::Cow;
use std::collections::HashMap;

use pulldown_cmark::BlockQuoteKind;

use super::callouts::kind_of;
use super::rewritten::Rewritten;

/// Whether `body` may hold a shortcode at all (most bodies: no).
pub fn may_have(body: &str) -> bool {
    body.contains("{{<") || body.contains("{{%")
}

/// The callout shortcodes of a body: where each closes.
pub struct Shortcodes {
    /// Per shortcode name, the lines that close one, in order.
    closes: HashMap<String, Vec<usize>>,
}

impl Shortcodes {
    /// Finds the closing lines of `lines` (each line's text).
    pub fn new<'a>(lines: impl Iterator<Item = &'a str>) -> Self {
        let mut closes: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, line) in lines.enumerate() {
            if let Some(Token {
                closing: true,
                name,
                ..
            }) = whole_line(line)
            {
                closes.entry(name.to_ascii_lowercase()).or_default().push(i);
            }
        }
        Shortcodes { closes }
    }

    /// Opens a callout if line `i` is a callout shortcode closed further
    /// on: returns the closing line, which ends the callout's body.
    pub fn start(
        &mut self,
        i: usize,
        from: usize,
        line: &str,
        out: &mut Rewritten,
    ) -> Option<usize> {
        let token = whole_line(line).filter(|t| !t.closing)?;
        let (kind, title) = callout(&token)?;
        let name = token.name.to_ascii_lowercase();
        let end = self.closes.get(&name).and_then(|lines| {
            let k = lines.partition_point(|&l| l <= i);
            lines.get(k).copied()
        })?;
        out.open_callout(from, kind, title);
        Some(end)
    }
}

/// A line of text with each shortcode read as its `text` parameter, or
/// removed.
pub fn inline(line: &str) -> Cow<'_, str> {
    if !may_have(line) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some((before, token, after)) = next_token(rest) {
        out.push_str(before);
        if let Some(text) = token.param("text") {
            out.push_str(text);
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// One shortcode: `{{< name a="b" c >}}` or `{{% /name %}}`.
#[derive(Debug)]
struct Token<'a> {
    closing: bool,
    name: &'a str,
    /// (key, value) of named parameters, then ("", value) of positional.
    params: Vec<(&'a str, &'a str)>,
}

impl<'a> Token<'a> {
    fn param(&self, key: &str) -> Option<&'a str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|&(_, v)| v)
    }

    fn positional(&self) -> Option<&'a str> {
        self.param("")
    }
}

/// The shortcode that is the whole of `line`, if it is one.
fn whole_line(line: &str) -> Option<Token<'_>> {
    let (before, token, after) = next_token(line.trim())?;
    (before.is_empty() && after.is_empty()).then_some(token)
}

/// The first shortcode in `s`: (text before, the shortcode, text after).
/// An escaped one, `{{</* note */>}}`, is text.
fn next_token(s: &str) -> Option<(&str, Token<'_>, &str)> {
    let mut from = 0;
    while let Some(at) = s[from..].find("{{").map(|k| k + from) {
        let rest = &s[at + 2..];
        let delimiter = rest.chars().next().filter(|c| matches!(c, '<' | '%'));
        if let Some(d) = delimiter {
            let close = if d == '<' { ">}}" } else { "%}}" };
            let inner_start = at + 3;
            // A shortcode holds no `{{`: its end is looked for up to the
            // next one only (linear time).
            let next = s[inner_start..]
                .find("{{")
                .map_or(s.len(), |k| k + inner_start);
            if let Some(len) = s[inner_start..next].find(close) {
                let inner = s[inner_start..inner_start + len].trim();
                if let Some(token) = parse_token(inner) {
                    return Some((&s[..at], token, &s[inner_start + len + 3..]));
                }
            }
        }
        from = at + 2;
    }
    None
}

fn parse_token(inner: &str) -> Option<Token<'_>> {
    if inner.starts_with("/*") {
        return None;
    }
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace())
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    let named = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'));
    if !named {
        return None;
    }
    Some(Token {
        closing,
        name,
        params: params(&inner[name_end..]),
    })
}

/// `title="Heads up" color=warning "positional"`: (key, value) pairs, ""
/// as the key of a positional value.
fn params(mut s: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return out;
        }
        let key_end = s
            .find(|c: char| c == '=' || c.is_whitespace() || c == '"')
            .unwrap_or(s.len());
        let (key, rest) = if s[key_end..].starts_with('=') {
            (&s[..key_end], &s[key_end + 1..])
        } else {
            ("", s)
        };
        let (value, rest) = match rest.strip_prefix('"') {
            Some(quoted) => match quoted.find('"') {
                Some(end) => (&quoted[..end], &quoted[end + 1..]),
                None => (quoted, ""),
            },
            None => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
        };
        out.push((key, value));
        if rest.len() == s.len() {
            return out;
        }
        s = rest;
    }
}

/// The callout a shortcode shows, if it is one: `note`, `warning` and
/// such by name; `alert`, `notice`, `hint`, `callout` and `admonition`
/// by their `color`/`type` or first parameter (note when none).
fn callout(token: &Token) -> Option<(BlockQuoteKind, Option<String>)> {
    let title = token
        .param("title")
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let name = token.name.to_ascii_lowercase();
    let kind = match name.as_str() {
        "alert" | "notice" | "hint" | "callout" | "admonition" => {
            let said = token
                .param("color")
                .or(token.param("type"))
                .or(token.positional())
                .unwrap_or("note");
            kind_of(said)
                .or(match said {
                    "primary" | "secondary" | "light" | "dark" => Some(BlockQuoteKind::Note),
                    "warn" => Some(BlockQuoteKind::Warning),
                    _ => None,
                })
                .unwrap_or(BlockQuoteKind::Note)
        }
        other => kind_of(other)?,
    };
    Some((kind, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_read_as_their_text_or_nothing() {
        assert_eq!(
            inline("A {{< glossary_tooltip text=\"cluster\" term_id=\"c\" >}} runs {{% param \"x\" %}}pods."),
            "A cluster runs pods."
        );
        assert_eq!(
            inline("Escaped: {{</* note */>}}"),
            "Escaped: {{</* note */>}}"
        );
        assert_eq!(
            inline("Go: {{ .Title }} and {{< >}}"),
            "Go: {{ .Title }} and {{< >}}"
        );
    }

    #[test]
    fn callout_shortcodes_name_their_kind_and_title() {
        let of = |line: &str| callout(&whole_line(line).unwrap());
        assert_eq!(of("{{< note >}}"), Some((BlockQuoteKind::Note, None)));
        assert_eq!(
            of("{{% alert title=\"Heads up\" color=\"warning\" %}}"),
            Some((BlockQuoteKind::Warning, Some("Heads up".into())))
        );
        assert_eq!(of("{{% notice tip %}}"), Some((BlockQuoteKind::Tip, None)));
        assert_eq!(of("{{< code-toggle file=hugo >}}"), None);
        assert!(whole_line("{{< /note >}}").unwrap().closing);
        assert!(whole_line("text {{< note >}}").is_none());
    }
}
