//! Query-only cleanup of pasted text, in the spirit of log parameterisation
//! (Sentry, Drain): the variable parts of a log line — timestamps, pod
//! suffixes, hashes, UUIDs, durations, line numbers, source excerpts —
//! are dropped before search, while what identifies the error (class
//! names, codes, status words, message text) is kept.
//!
//! The index is never masked: only the user's paste is.

mod lines;
mod numbers;
mod shape;
mod variable;

use std::collections::HashSet;

use super::tokenizer::{self, Token};
pub use lines::is_command_line;
use lines::keep_lines;
use numbers::{add_errno_names, drop_small_numbers, is_small_number};
pub use shape::looks_like_output;
use variable::{blank_variable_pieces, documented_code, keep_segment};

/// Pastes longer than this are cut to their head and tail (errors are
/// usually named on the first or last lines), keeping analysis bounded.
pub const MAX_QUERY_BYTES: usize = 32 * 1024;

/// A query token with the weight of the line it came from.
#[derive(Debug, Clone)]
pub struct QueryToken {
    pub token: Token,
    pub weight: f32,
}

/// The analysed query: code tokens in order, and whether the paste was cut.
#[derive(Debug, Clone, Default)]
pub struct AnalyzedPaste {
    pub tokens: Vec<QueryToken>,
    pub truncated: bool,
    /// A paste rather than typed words: more than [`LONG_QUERY_TOKENS`]
    /// tokens, over several lines or with that many words that are not
    /// function words (computed once, read by planning and ranking).
    pub long: bool,
    /// Does it read as a tool's output rather than typed words
    /// ([`looks_like_output`])?
    pub output: bool,
    /// The positions of the package parts of qualified class names
    /// (`java`, `lang` of `java.lang.OutOfMemoryError`), which error
    /// strings are not keyed by ([`super::phrase_key`]).
    pub namespace: HashSet<u32>,
    /// The positions of the words of commands typed at a prompt (`$ aws
    /// s3 ls … --endpoint-url …`).
    pub commands: HashSet<u32>,
}

/// A query with more tokens than this is a paste, not typed words.
pub const LONG_QUERY_TOKENS: usize = 24;

/// More than [`LONG_QUERY_TOKENS`] tokens, unless they are one line of that
/// many words or fewer: a long typed question's function words and joined
/// forms (`cn-shanghai` is also `cnshanghai`) do not make it a log.
fn is_long(tokens: &[QueryToken], lines: usize) -> bool {
    if tokens.len() <= LONG_QUERY_TOKENS {
        return false;
    }
    let words = tokens
        .iter()
        .filter(|t| t.token.is_part && !super::is_stop_word(&t.token.text))
        .count();
    lines > 1 || words > LONG_QUERY_TOKENS
}

/// Words that mark a line as the one naming the error.
const ERROR_WORDS: &[&str] = &[
    "error",
    "exception",
    "fatal",
    "failed",
    "failure",
    "panic",
    "panicked",
    "denied",
    "refused",
    "invalid",
    "cannot",
    "unable",
    "timeout",
    "killed",
    "crashed",
    "unauthorized",
    "forbidden",
    // Severity labels of syslog and the servers that use its levels
    // (`[emerg]`, `[crit]`, `[alert]` in an nginx error log).
    "emerg",
    "alert",
    "crit",
    "critical",
    // curl's `SSL certificate problem: …`.
    "problem",
];

/// The weight of the source line a traceback's last frame shows: it names
/// what raised (`os.environ[...]`, `socket.bind`), but it is the user's
/// code, not the error.
const RAISING_SOURCE_WEIGHT: f32 = 0.3;

/// Analyses raw query text into weighted code tokens.
pub fn analyze(raw: &str) -> AnalyzedPaste {
    analyze_knowing(raw, &|_| false)
}

/// [`analyze`], keeping the pieces that look variable (hashes, mixed
/// letter-digit runs) but that `known` says the knowledge base has
/// verbatim: there they are documented codes (`0x800CCC0F`), not ids.
pub fn analyze_knowing(raw: &str, known: &dyn Fn(&str) -> bool) -> AnalyzedPaste {
    let (text, truncated) = bound(raw);
    let text = strip_control(&text);
    let lines = keep_lines(&text);
    let Tokenized {
        mut line_tokens,
        namespace,
        commands,
    } = tokenize_lines(&lines, known);
    // A query of nothing but small numbers (`12`, an FAQ's numeric id) means
    // them; elsewhere they are line numbers, counts and clock parts.
    let only_small_numbers = line_tokens.iter().flatten().all(is_small_number);
    for out in &mut line_tokens {
        if !only_small_numbers {
            drop_small_numbers(out);
        }
        add_errno_names(out);
    }
    let weights = line_weights(&lines, &line_tokens);
    let tokens: Vec<QueryToken> = line_tokens
        .into_iter()
        .zip(weights)
        .flat_map(|(line, weight)| {
            line.into_iter()
                .map(move |token| QueryToken { token, weight })
        })
        .collect();
    AnalyzedPaste {
        long: is_long(&tokens, lines.len()),
        tokens,
        namespace,
        commands,
        truncated,
        output: looks_like_output(&text),
    }
}

/// The tokens of each kept line, and the positions of the words that are
/// a class name's package or a typed command's.
struct Tokenized {
    line_tokens: Vec<Vec<Token>>,
    namespace: HashSet<u32>,
    commands: HashSet<u32>,
}

/// Tokenizes the kept lines, variable pieces blanked; a piece that looks
/// variable but that `known` says the knowledge base has stays.
fn tokenize_lines(lines: &[lines::Kept], known: &dyn Fn(&str) -> bool) -> Tokenized {
    let keep = |chunk: &str, k: usize, segs: &[(usize, usize)]| {
        keep_segment(chunk, k, segs) || documented_code(chunk, k, segs, known)
    };
    let mut position = 0u32;
    let mut out = Tokenized {
        line_tokens: Vec::with_capacity(lines.len()),
        namespace: HashSet::new(),
        commands: HashSet::new(),
    };
    for line in lines {
        let mut tokens = Vec::new();
        let first_position = position;
        let text = blank_variable_pieces(line.text, known);
        for chunk in tokenizer::chunks(&text) {
            let first = tokens.len();
            tokenizer::tokenize_chunk(&chunk, &mut position, &mut tokens, &keep, false);
            let prefixes = super::namespace_prefixes(chunk.text);
            out.namespace.extend(
                tokens[first..]
                    .iter()
                    .filter(|t| t.is_part)
                    .filter(|t| prefixes.iter().any(|r| r.contains(&(t.from - chunk.from))))
                    .map(|t| t.position),
            );
        }
        if line.command {
            out.commands.extend(first_position..position);
        }
        out.line_tokens.push(tokens);
    }
    out
}

/// The weight of each line's words. In long output the first line naming
/// an error (the first compiler error) and the last line (a traceback's
/// exception) say what the user means; later errors are often
/// consequences; the rest is noise.
fn line_weights(lines: &[lines::Kept], line_tokens: &[Vec<Token>]) -> Vec<f32> {
    let multi_line = lines.len() >= 3;
    let last = lines.len().saturating_sub(1);
    let error_lines: Vec<bool> = line_tokens
        .iter()
        .map(|tokens| {
            tokens
                .iter()
                .any(|t| ERROR_WORDS.contains(&t.text.as_str()))
        })
        .collect();
    let first_error = error_lines.iter().position(|&e| e);
    (0..line_tokens.len())
        .map(|k| {
            if !multi_line
                || Some(k) == first_error
                || k == last
                || (k == 0 && first_error.is_none())
            {
                1.0
            } else if lines[k].raising_source {
                RAISING_SOURCE_WEIGHT
            } else if error_lines[k] {
                0.8
            } else {
                0.6
            }
        })
        .collect()
}

/// Cuts a huge paste to its head and tail, on character boundaries.
fn bound(raw: &str) -> (String, bool) {
    match head_and_tail(raw) {
        Some((head, tail)) => (format!("{head}\n{tail}"), true),
        None => (raw.to_string(), false),
    }
}

/// What of a paste is searched, to show in place of the paste: its head and
/// tail with a line `[…]` (no words) between them; `None` when the whole
/// paste is searched. Searching the result gives the same answers.
pub fn searched_part(raw: &str) -> Option<String> {
    head_and_tail(raw).map(|(head, tail)| format!("{head}\n[…]\n{tail}"))
}

/// The first and last [`MAX_QUERY_BYTES`]` / 2` bytes of a longer text.
fn head_and_tail(raw: &str) -> Option<(&str, &str)> {
    if raw.len() <= MAX_QUERY_BYTES {
        return None;
    }
    let half = MAX_QUERY_BYTES / 2;
    let mut head_end = half;
    while !raw.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let mut tail_start = raw.len() - half;
    while !raw.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    Some((&raw[..head_end], &raw[tail_start..]))
}

/// Removes ANSI colour sequences and turns other control characters into
/// spaces (newlines and tabs are kept).
fn strip_control(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ params final-byte
            if chars.peek() == Some(&'[') {
                chars.next();
                for d in chars.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            }
            continue;
        }
        if c == '\n' || c == '\t' {
            out.push(c);
        } else if c.is_control() || c == '\u{FFFD}' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
