//! GitBook's blocks, written as Liquid tags on lines of their own (a
//! GitBook space exported to markdown builds as it is):
//!
//! - `{% hint style="warning" %}` … `{% endhint %}` is a callout (styles
//!   `info`, `success`, `warning`, `danger`);
//! - `{% tab title="Windows" %}` and `{% step title="…" %}` read as their
//!   title in bold;
//! - `{% embed url="…" %}` is a link to what it embeds;
//! - a numbered step GitBook escaped because an image split its list
//!   (`1. Click Import.`, the screenshot, then `2\. Choose the file.`) is
//!   a step again, when it follows an image, a step or a list item;
//! - any other tag (`{% tabs %}`, `{% code title="x.py" %}`,
//!   `{% endtab %}`) reads as nothing, as Liquid's do ([`super::jekyll`]).
//!
//! [`super::callouts::rewrite`] applies these while it rewrites callouts.

use std::collections::HashMap;

use pulldown_cmark::BlockQuoteKind;

use super::blocks::{is_list_item, leading};
use super::containers::outside_fences;
use super::jekyll::tag;

/// The kind of the `{% hint %}` that `line` opens, if it opens one.
pub fn hint_start(line: &str) -> Option<BlockQuoteKind> {
    let args = args_of(tag(line)?, "hint")?;
    Some(match attr(args, "style") {
        Some("success") => BlockQuoteKind::Tip,
        Some("warning") => BlockQuoteKind::Warning,
        Some("danger") => BlockQuoteKind::Caution,
        _ => BlockQuoteKind::Note,
    })
}

/// Where each hint of `lines` closes: opening line → its
/// `{% endhint %}`. One pass with a stack (linear time); tags in fenced
/// code are neither; a hint never closed is no callout.
pub fn hint_pairs(lines: &[(usize, &str)]) -> HashMap<usize, usize> {
    let mut pairs = HashMap::new();
    let mut open = Vec::new();
    for (k, line) in outside_fences(lines) {
        if hint_start(line).is_some() {
            open.push(k);
        } else if tag(line) == Some("endhint") {
            if let Some(at) = open.pop() {
                pairs.insert(at, k);
            }
        }
    }
    pairs
}

/// What a whole-line GitBook tag other than a hint shows.
pub enum Shown<'a> {
    /// A tab's or step's title, in bold.
    Title(&'a str),
    /// The address an embed shows, as a link.
    Link(&'a str),
}

/// What `line` shows, if it is a tab, a step or an embed.
pub fn shown(line: &str) -> Option<Shown<'_>> {
    let inner = tag(line)?;
    if let Some(url) = args_of(inner, "embed").and_then(|a| attr(a, "url")) {
        return Some(Shown::Link(url));
    }
    let args = args_of(inner, "tab").or_else(|| args_of(inner, "step"))?;
    attr(args, "title")
        .filter(|t| !t.trim().is_empty())
        .map(|t| Shown::Title(t.trim()))
}

/// The text of `lines[i]` as a step, when it is one GitBook escaped
/// (`2\. Choose the file.` → `2. Choose the file.`): a number of 2 or
/// more, after an image, a step or a list item (blank lines aside).
pub fn escaped_step(lines: &[(usize, &str)], i: usize) -> Option<String> {
    let (number, rest) = step_parts(lines[i].1)?;
    if number < 2 {
        return None;
    }
    let before = lines[..i]
        .iter()
        .rev()
        .map(|&(_, l)| l.trim())
        .find(|l| !l.is_empty())?;
    let follows = before.starts_with("![") || step_parts(before).is_some() || is_list_item(before);
    follows.then(|| format!("{number}. {rest}"))
}

/// `2\. text`: the number and the text.
fn step_parts(line: &str) -> Option<(u32, &str)> {
    let t = line.trim_start();
    let digits = leading(t, |c| c.is_ascii_digit());
    let number = t[..digits].parse().ok()?;
    let rest = t[digits..].strip_prefix("\\. ")?;
    Some((number, rest))
}

/// The arguments of a tag named `name` (`hint style="x"` → `style="x"`).
fn args_of<'a>(inner: &'a str, name: &str) -> Option<&'a str> {
    let rest = inner.strip_prefix(name)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// The value of `key="value"` among a tag's arguments.
fn attr<'a>(args: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = args;
    loop {
        let at = rest.find(key)?;
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace);
        let after = &rest[at + key.len()..];
        if before_ok {
            if let Some(value) = after.strip_prefix("=\"") {
                return value.split_once('"').map(|(v, _)| v);
            }
        }
        rest = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitbook_tags_read_their_kind_title_and_address() {
        assert_eq!(
            hint_start("{% hint style=\"danger\" %}"),
            Some(BlockQuoteKind::Caution)
        );
        assert_eq!(hint_start("{% hint %}"), Some(BlockQuoteKind::Note));
        assert_eq!(hint_start("{% hints %}"), None);
        assert!(matches!(
            shown("{% tab title=\"Windows\" %}"),
            Some(Shown::Title("Windows"))
        ));
        assert!(matches!(
            shown("{% embed url=\"https://example.com/v\" %}"),
            Some(Shown::Link("https://example.com/v"))
        ));
        assert!(shown("{% tabs %}").is_none());
        assert_eq!(attr("subtitle=\"a\" title=\"b\"", "title"), Some("b"));
        let lines: Vec<(usize, &str)> = [
            "1. Click Import.",
            "",
            "![Step 1](a.png)",
            "",
            "2\\. Choose the file.",
            "3\\. Click next.",
            "A paragraph.",
            "4\\. Not a step.",
            "1\\. Nor this.",
        ]
        .into_iter()
        .map(|l| (0, l))
        .collect();
        let steps: Vec<Option<String>> =
            (0..lines.len()).map(|i| escaped_step(&lines, i)).collect();
        assert_eq!(steps[4].as_deref(), Some("2. Choose the file."));
        assert_eq!(steps[5].as_deref(), Some("3. Click next."));
        assert_eq!((steps[7].as_deref(), steps[8].as_deref()), (None, None));
    }
}
