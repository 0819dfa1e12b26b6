//! An Obsidian vault's markup (Foam's and Dendron's wikilinks too), read
//! as the CommonMark the parser knows:
//!
//! - a callout with a title or a fold (`> [!tip] Quick check`,
//!   `> [!faq]- Why?`), or of a type GitHub's five alerts lack, is a
//!   callout of the nearest kind (an unknown type is a note);
//! - a wikilink (`[[Log rotation]]`, `[[Log rotation#Steps|the steps]]`,
//!   `![[Note]]`) goes to the entry of that name, wherever it is in the
//!   folder (the one nearest the root when names repeat), and to its
//!   section when one is named; an embedded image (`![[diagram.png]]`)
//!   reads as nothing. A name no entry has stays as written: it may be a
//!   page not written yet, or code (TOML's `[[module.mounts]]`, bash's
//!   `[[ -f x ]]`).
//!
//! [`super::callouts::rewrite`] applies these while it rewrites callouts.

use std::borrow::Cow;

use pulldown_cmark::BlockQuoteKind;

use super::callouts::{kind_of, title_of};
use super::markdown::slug;
use super::LinkMap;

/// The first line of an Obsidian callout that GitHub's five alerts do not
/// cover (`> [!tip] Quick check`, `> [!faq]- Why?`, folded or not): its
/// kind (an unknown type is a note) and title.
pub fn callout(line: &str) -> Option<(BlockQuoteKind, Option<String>)> {
    let rest = line.trim_start().strip_prefix('>')?.trim_start();
    let (word, after) = rest.strip_prefix("[!")?.split_once(']')?;
    if word.is_empty() || !word.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let title = after.trim_start_matches(['+', '-']).trim();
    let plain = matches!(
        word.to_ascii_lowercase().as_str(),
        "note" | "tip" | "important" | "warning" | "caution"
    );
    if plain && after.trim().is_empty() {
        // GitHub's own: the parser reads it.
        return None;
    }
    let kind = kind_of(word).unwrap_or(BlockQuoteKind::Note);
    Some((kind, title_of(word, title)))
}

/// `line` with its wikilinks as markdown links. Linear in its length.
pub fn wikilinks<'a>(line: &'a str, links: &LinkMap) -> Cow<'a, str> {
    if !line.contains("[[") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut done = 0;
    let mut from = 0;
    while let Some(k) = line[from..].find("[[") {
        let open = from + k;
        // The link ends at the first `]]`; another `[[` first means this
        // one is text (looked for up to there only: linear time).
        let rest = &line[open + 2..];
        let Some(end) = rest.find("]]") else {
            break;
        };
        if rest[..end].contains("[[") || rest[..end].contains('\n') {
            from = open + 2;
            continue;
        }
        let embed = line[..open].ends_with('!');
        let Some(read) = shown(&rest[..end], embed, links) else {
            from = open + 2;
            continue;
        };
        let start = if embed { open - 1 } else { open };
        out.push_str(&line[done..start]);
        out.push_str(&read);
        done = open + 2 + end + 2;
        from = done;
    }
    if done == 0 {
        return Cow::Borrowed(line);
    }
    out.push_str(&line[done..]);
    Cow::Owned(out)
}

/// What `[[inside]]` reads as; `None` (left as written) when it names no
/// entry: TOML's `[[module.mounts]]` and bash's `[[ -f x ]]` look the
/// same.
fn shown(inside: &str, embed: bool, links: &LinkMap) -> Option<String> {
    let (target, alias) = match inside.split_once('|') {
        Some((t, a)) => (t.trim(), Some(a.trim())),
        None => (inside.trim(), None),
    };
    let (name, heading) = match target.split_once('#') {
        Some((n, h)) => (n.trim(), Some(h.trim())),
        None => (target, None),
    };
    if embed && is_asset(name) {
        return Some(String::new());
    }
    let text = alias
        .filter(|a| !a.is_empty())
        .unwrap_or(match (name, heading) {
            ("", Some(h)) => h,
            _ => name,
        });
    // A block reference (`#^my-id`) names no heading: the page itself.
    let anchor = heading
        .filter(|h| !h.starts_with('^'))
        .map(|h| format!("#{}", slug(h)))
        .unwrap_or_default();
    let page = if name.is_empty() {
        String::new()
    } else {
        links.wiki_target(name)?
    };
    Some(format!("[{}](<{page}{anchor}>)", escape_text(text)))
}

/// An attachment rather than a note: a file name with an extension other
/// than markdown's.
fn is_asset(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        !ext.is_empty()
            && ext.len() <= 5
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && !["md", "mdx", "markdown"].contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// Text that markdown reads as written: its brackets escaped.
fn escape_text(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikilinks_go_to_entries_by_name_or_stay_as_written() {
        let mut links = LinkMap::default();
        links
            .ids_by_path
            .insert("ops/Log rotation.md".into(), "Log-rotation".into());
        links.index_names();
        assert_eq!(
            wikilinks("See [[Log rotation]] and [[log rotation#Two Steps|the steps]].", &links),
            "See [Log rotation](<Log-rotation.html>) and [the steps](<Log-rotation.html#two-steps>)."
        );
        assert_eq!(
            wikilinks("[[Not written]] ![[d.png]]", &links),
            "[[Not written]] "
        );
        assert_eq!(
            wikilinks("[[module.mounts]] if [[ -f x ]]", &links),
            "[[module.mounts]] if [[ -f x ]]"
        );
        assert_eq!(wikilinks("[[#Steps]]", &links), "[Steps](<#steps>)");
        assert_eq!(
            wikilinks("[[Log rotation#^b1]]", &links),
            "[Log rotation](<Log-rotation.html>)"
        );
        assert_eq!(
            wikilinks("a [[b [[log rotation]] d", &links),
            "a [[b [log rotation](<Log-rotation.html>) d"
        );
        assert_eq!(wikilinks("no close [[x", &links), "no close [[x");
    }
}
