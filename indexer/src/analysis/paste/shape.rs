//! Is a query a tool's output (an error line, a log, a traceback) or words
//! a reader typed? Output names its error in the tool's own words, so in a
//! knowledge base that documents its error strings, output that matches
//! none of them is most likely an error the knowledge base does not cover.

/// Words that label a diagnostic when a colon follows them, optionally
/// with a bracketed code between (`error[E0308]:`, `FATAL:`, `Caused by:`).
const LABELS: &[&str] = &[
    "caused by",
    "critical",
    "detail",
    "error",
    "exception",
    "fatal",
    "hint",
    "panic",
    "panicked",
    "severe",
    "traceback",
    "warn",
    "warning",
];

/// Does `text` read as pasted output: two or more non-empty lines, a
/// diagnostic label (`ERROR:`, `error[E0599]:`), an exception class name
/// (`KeyError`, `NullPointerException`) or a line that starts with a
/// qualified class and a colon (`requests.exceptions.ConnectTimeout:`)?
///
/// ```
/// use indexer::analysis::paste::looks_like_output;
/// assert!(looks_like_output("ERROR:  tuple concurrently updated"));
/// assert!(looks_like_output("raise KeyError('MODEL_DIR')"));
/// assert!(!looks_like_output("why does my error go away after a restart?"));
/// ```
pub fn looks_like_output(text: &str) -> bool {
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    lines >= 2 || has_label(text) || has_exception_class(text) || has_qualified_class(text)
}

/// A line that starts with `a.b.ClassName:`.
fn has_qualified_class(text: &str) -> bool {
    text.lines().any(|line| {
        let Some((head, _)) = line.trim_start().split_once(':') else {
            return false;
        };
        let last = head.rsplit('.').next().unwrap_or(head);
        head.contains('.')
            && !head.contains(char::is_whitespace)
            && last.chars().next().is_some_and(char::is_uppercase)
            && last.chars().any(char::is_lowercase)
    })
}

/// A label word at a word start, then an optional `[...]`, spaces, `:`.
fn has_label(text: &str) -> bool {
    let lower = text.to_lowercase();
    LABELS.iter().any(|label| {
        lower.match_indices(label).any(|(at, _)| {
            let starts_word = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            starts_word && colon_follows(&lower[at + label.len()..])
        })
    })
}

/// Does `rest` start with `:`, after an optional `[code]` and spaces?
fn colon_follows(rest: &str) -> bool {
    let mut rest = rest;
    if let Some(inside) = rest.strip_prefix('[') {
        match inside.find(']') {
            Some(end) if end <= 16 => rest = &inside[end + 1..],
            _ => return false,
        }
    }
    rest.trim_start_matches(' ').starts_with(':')
}

/// A word that starts with a capital and ends in `Error` or `Exception`,
/// longer than the suffix (`KeyError`, not `Error`).
fn has_exception_class(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|word| {
        word.chars().next().is_some_and(char::is_uppercase)
            && ["Error", "Exception"]
                .iter()
                .any(|suffix| word.len() > suffix.len() && word.ends_with(suffix))
    })
}

#[cfg(test)]
mod tests {
    use super::looks_like_output;

    #[test]
    fn diagnostics_logs_and_exceptions_are_output() {
        for text in [
            "error[E0308]: mismatched types",
            "2026-12-02 07:20:59 UTC [14821] FATAL:  password authentication failed",
            "thread 'main' panicked at src/main.rs:14:22:\nindex out of bounds",
            "requests.exceptions.ConnectTimeout: HTTPSConnectionPool(host='x')",
            "java.lang.NullPointerException",
            "Caused by: java.io.IOException",
            "pulling image\nBack-off pulling image",
        ] {
            assert!(looks_like_output(text), "{text}");
        }
    }

    #[test]
    fn typed_questions_are_not_output() {
        for text in [
            "how do I publish my crate to crates.io",
            "why does my error go away after a restart?",
            "the service shows an Error status, what now",
            "terror: the word contains error but is no label",
            "what is an Error",
            "see docs.rs: Tokio for the details",
        ] {
            assert!(!looks_like_output(text), "{text}");
        }
    }
}
