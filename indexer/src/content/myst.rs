//! MyST, the markdown of Sphinx sites, read as the CommonMark the rest of
//! the parser knows (the folder of a Sphinx site builds as it is):
//!
//! - a directive fence (```` ```{note} ````, `:::{warning}`) is a callout
//!   when it is an admonition, code when it shows code
//!   (`{code-block} python`), nothing when it only builds the site
//!   (`{toctree}`, `{include}`, `{image}`), and its body as text when it
//!   only lays text out (`{dropdown}`, `{tab-item}`); any other stays as
//!   written;
//! - a target line, `(install-guide)=`, says nothing to a reader: dropped;
//! - a role is its text: {ref}`the guide <install-guide>` reads "the
//!   guide", {command}`pip install` stays code.
//!
//! [`super::callouts::rewrite`] applies these while it rewrites callouts.

use std::borrow::Cow;

use pulldown_cmark::BlockQuoteKind;

use super::callouts::{kind_of, text_line};
use super::rewritten::Rewritten;

/// What a directive's fence becomes.
#[derive(Debug, PartialEq)]
enum Directive {
    /// A callout, with its title and the text its first line carries.
    Callout {
        kind: BlockQuoteKind,
        title: Option<String>,
        first_line: Option<String>,
    },
    /// A code block in this language (may be empty).
    Code(String),
    /// Its body as text, after its title (if any) in bold.
    Text(Option<String>),
    /// Nothing a reader would read.
    Dropped,
}

/// A directive's opening fence.
#[derive(Debug, PartialEq)]
struct Opening {
    directive: Directive,
    /// The fence: its character and length (a closing fence repeats it).
    fence: (char, usize),
}

/// The directive `line` opens, if it opens one that is read here.
fn opening(line: &str) -> Option<Opening> {
    let t = line.trim_start();
    let c = t.chars().next().filter(|c| matches!(c, '`' | '~' | ':'))?;
    let n = t.chars().take_while(|&x| x == c).count();
    if n < 3 {
        return None;
    }
    let (name, args) = t[n..].trim_start().strip_prefix('{')?.split_once('}')?;
    let well_formed = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'));
    if !well_formed {
        return None;
    }
    Some(Opening {
        directive: directive(&name.to_ascii_lowercase(), args.trim())?,
        fence: (c, n),
    })
}

fn directive(name: &str, args: &str) -> Option<Directive> {
    let arg = (!args.is_empty()).then(|| args.to_string());
    let first_word = args.split_whitespace().next().unwrap_or("").to_string();
    Some(match name {
        "admonition" => Directive::Callout {
            kind: BlockQuoteKind::Note,
            title: arg,
            first_line: None,
        },
        "versionadded" | "versionchanged" | "deprecated" => {
            let said = match name {
                "versionadded" => "New in version",
                "versionchanged" => "Changed in version",
                _ => "Deprecated since version",
            };
            let rest = args[first_word.len()..].trim();
            Directive::Callout {
                kind: BlockQuoteKind::Note,
                title: Some(format!("{said} {first_word}").trim().to_string()),
                first_line: (!rest.is_empty()).then(|| rest.to_string()),
            }
        }
        "code-block" | "code" | "sourcecode" | "code-cell" => Directive::Code(first_word),
        "toctree" | "contents" | "include" | "literalinclude" | "raw" | "image" | "figure"
        | "autosummary" | "automodule" | "autoclass" | "autofunction" => Directive::Dropped,
        "dropdown" | "tab" | "tabs" | "tab-set" | "tab-item" | "tab-set-code" | "card" | "grid"
        | "grid-item" | "grid-item-card" | "topic" | "sidebar" | "margin" | "rubric" | "only"
        | "eval-rst" | "glossary" | "epigraph" | "container" => Directive::Text(
            arg.filter(|_| !matches!(name, "only" | "grid" | "tabs" | "tab-set" | "container")),
        ),
        _ => {
            return kind_of(name).map(|kind| Directive::Callout {
                kind,
                title: None,
                first_line: arg,
            })
        }
    })
}

/// The directives open at a line, read in one pass (a file of a thousand
/// unclosed fences costs linear time).
#[derive(Default)]
pub struct Directives {
    /// The directive whose body is being rewritten, if any.
    open: Option<Open>,
    /// The fences of the directives read as text that enclose the line,
    /// innermost last.
    text: Vec<(char, usize)>,
}

/// A directive whose body is rewritten line by line.
struct Open {
    fence: (char, usize),
    body: Body,
    /// Still at the options (`:class: tip`) that start its body.
    options: bool,
}

enum Body {
    Callout,
    /// Code, closed by this fence.
    Code(String),
    Dropped,
}

impl Directives {
    /// Rewrites `line` if it is in the body of a directive (or closes one);
    /// false when it is not.
    pub fn within(&mut self, from: usize, line: &str, out: &mut Rewritten) -> bool {
        let Some(open) = self.open.as_mut() else {
            return false;
        };
        if closes(line, open.fence) {
            match &open.body {
                Body::Code(fence) => out.push(from, fence),
                _ => out.push(from, ""),
            }
            self.open = None;
            return true;
        }
        if open.options && is_option(line) {
            return true;
        }
        open.options = false;
        match &open.body {
            Body::Callout => out.push(from, format!("> {}", text_line(line)).trim_end()),
            Body::Code(_) => out.push(from, line),
            Body::Dropped => {}
        }
        true
    }

    /// Rewrites `line` if it opens a directive or closes one read as text;
    /// false when it does neither.
    pub fn start(&mut self, from: usize, line: &str, out: &mut Rewritten) -> bool {
        if self.text.last().is_some_and(|&fence| closes(line, fence)) {
            self.text.pop();
            out.push(from, "");
            return true;
        }
        let Some(Opening { directive, fence }) = opening(line) else {
            return false;
        };
        let body = match directive {
            Directive::Callout {
                kind,
                title,
                first_line,
            } => {
                out.open_callout(from, kind, title);
                if let Some(first) = first_line {
                    out.push(from, &format!("> {}", text_line(&first)));
                }
                Body::Callout
            }
            Directive::Code(language) => {
                // A colon fence is no code fence in CommonMark.
                let marker = match fence {
                    (':', _) => "~~~~".to_string(),
                    (c, n) => c.to_string().repeat(n),
                };
                out.push(from, &format!("{marker}{language}"));
                Body::Code(marker)
            }
            Directive::Dropped => {
                out.push(from, "");
                Body::Dropped
            }
            Directive::Text(title) => {
                out.push(from, "");
                if let Some(title) = title {
                    out.push(from, &format!("**{title}**"));
                    out.push(from, "");
                }
                self.text.push(fence);
                return true;
            }
        };
        self.open = Some(Open {
            fence,
            body,
            options: true,
        });
        true
    }
}

/// Whether `line` closes a directive opened with `fence`.
fn closes(line: &str, (c, n): (char, usize)) -> bool {
    let t = line.trim();
    t.len() >= n && t.chars().all(|x| x == c)
}

/// Whether `line` is one of a directive's options (`:class: tip`), which
/// come first in its body.
fn is_option(line: &str) -> bool {
    line.trim_start()
        .strip_prefix(':')
        .and_then(|rest| rest.split_once(':'))
        .is_some_and(|(key, _)| !key.is_empty() && !key.contains(char::is_whitespace))
}

/// Whether `body` may use MyST's markup at all (most bodies: no).
pub fn may_have(body: &str) -> bool {
    body.contains('{') && (body.contains("}`") || body.contains(")=") || body.contains("`{"))
}

/// A line of text with its target label dropped and its roles as text.
pub fn inline(line: &str) -> Cow<'_, str> {
    let t = line.trim();
    if t.len() > 3
        && t.starts_with('(')
        && t.ends_with(")=")
        && !t[1..t.len() - 2].contains(['(', ')'])
    {
        return Cow::Borrowed("");
    }
    if !line.contains("}`") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some((before, role, content, after)) = next_role(rest) {
        out.push_str(before);
        out.push_str(&role_text(role, content));
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The first `{role}`content`` of `s`: (text before, role, content, rest).
/// A role's name is short, and its content ends at the next backtick:
/// each `{` is looked at no further than that (linear time).
fn next_role(s: &str) -> Option<(&str, &str, &str, &str)> {
    let mut from = 0;
    while let Some(open) = s[from..].find('{').map(|k| k + from) {
        let after = &s[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':')))
            .unwrap_or(after.len());
        let role = &after[..name_len];
        if role.starts_with(|c: char| c.is_ascii_alphabetic()) {
            if let Some(body) = after[name_len..].strip_prefix("}`") {
                if let Some(end) = body.find('`') {
                    return Some((&s[..open], role, &body[..end], &body[end + 1..]));
                }
            }
        }
        from = open + 1;
    }
    None
}

/// What a role reads as: a cross-reference is its text, a role that marks
/// code (a command, a file, a Python name) stays code.
fn role_text(role: &str, content: &str) -> String {
    let shown = match content.rfind(" <") {
        Some(k) if content.ends_with('>') => &content[..k],
        _ => content,
    };
    let shown = shown.trim_start_matches(['~', '!']);
    match role {
        "pep" => format!("PEP {shown}"),
        "rfc" => format!("RFC {shown}"),
        "code" | "command" | "file" | "samp" | "kbd" | "envvar" | "option" | "program"
        | "makevar" | "mimetype" | "regexp" | "func" | "class" | "meth" | "mod" | "exc"
        | "attr" | "data" | "obj" | "const" => format!("`{shown}`"),
        _ if role.contains(':') => format!("`{shown}`"),
        _ => shown.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_read_by_what_they_show() {
        let callout = |line| opening(line).map(|o| o.directive);
        assert_eq!(
            callout("```{warning} Stop the job first."),
            Some(Directive::Callout {
                kind: BlockQuoteKind::Warning,
                title: None,
                first_line: Some("Stop the job first.".into())
            })
        );
        assert_eq!(
            callout(":::{admonition} Before you start"),
            Some(Directive::Callout {
                kind: BlockQuoteKind::Note,
                title: Some("Before you start".into()),
                first_line: None
            })
        );
        assert_eq!(
            callout("````{code-block} python"),
            Some(Directive::Code("python".into()))
        );
        assert_eq!(callout("```{toctree}"), Some(Directive::Dropped));
        assert_eq!(
            callout("```{dropdown} Details"),
            Some(Directive::Text(Some("Details".into())))
        );
        // Pandoc's attributes, plain code and unknown directives stay code.
        assert_eq!(callout("```{.python}"), None);
        assert_eq!(callout("```python"), None);
        assert_eq!(callout("```{mermaid}"), None);
        assert_eq!(opening("````{note}").unwrap().fence, ('`', 4));
        assert!(closes("````", ('`', 4)) && !closes("```", ('`', 4)));
        assert!(is_option(":class: tip") && !is_option("::: not") && !is_option("a: b"));
    }

    #[test]
    fn roles_read_as_their_text_and_labels_go() {
        assert_eq!(inline("(ssl-verification)="), "");
        assert_eq!(inline("(a)= and more"), "(a)= and more");
        assert_eq!(
            inline("See {ref}`the guide <install-guide>` and {command}`pip install`."),
            "See the guide and `pip install`."
        );
        assert_eq!(
            inline("{pep}`668` and {py:class}`~pathlib.Path`"),
            "PEP 668 and `pathlib.Path`"
        );
        assert_eq!(inline("a {dict} `x` and {x}`"), "a {dict} `x` and {x}`");
    }
}
