//! Query-only cleanup of pasted text, in the spirit of log parameterisation
//! (Sentry, Drain): the variable parts of a log line — timestamps, pod
//! suffixes, hashes, UUIDs, durations, line numbers, source excerpts —
//! are dropped before search, while what identifies the error (class
//! names, codes, status words, message text) is kept.
//!
//! The index is never masked: only the user's paste is.

use super::tokenizer::{self, Token};

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
}

/// Words after which a small number is meaningful (`code 28`, `exit 1`).
const NUMBER_CONTEXT: &[&str] = &[
    "code",
    "errno",
    "error",
    "exit",
    "port",
    "signal",
    "status",
    "statuscode",
];

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
];

/// Analyses raw query text into weighted code tokens.
pub fn analyze(raw: &str) -> AnalyzedPaste {
    let (text, truncated) = bound(raw);
    let text = strip_control(&text);
    let lines = keep_lines(&text);
    let mut position = 0u32;
    let line_tokens: Vec<Vec<Token>> = lines
        .iter()
        .map(|line| {
            let mut out = Vec::new();
            let line = blank_variable_pieces(line);
            for chunk in tokenizer::chunks(&line) {
                tokenizer::tokenize_chunk(&chunk, &mut position, &mut out, &keep_segment, false);
            }
            drop_small_numbers(&mut out);
            add_errno_names(&mut out);
            out
        })
        .collect();
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
    let mut tokens = Vec::new();
    for (k, line) in line_tokens.into_iter().enumerate() {
        // In long output the first line naming an error (the first compiler
        // error) and the last line (a traceback's exception) say what the
        // user means; later errors are often consequences; the rest is noise.
        let weight = if !multi_line
            || Some(k) == first_error
            || k == last
            || (k == 0 && first_error.is_none())
        {
            1.0
        } else if error_lines[k] {
            0.8
        } else {
            0.6
        };
        tokens.extend(line.into_iter().map(|token| QueryToken { token, weight }));
    }
    AnalyzedPaste { tokens, truncated }
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

/// Keeps the lines that carry the error: drops source excerpts of compiler
/// output, traceback frames, location arrows; keeps caret-line labels.
fn keep_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut skip_indented_after: Option<usize> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(frame_indent) = skip_indented_after.take() {
            if indent > frame_indent && !trimmed.is_empty() {
                continue; // the source line shown under a Python frame
            }
        }
        if trimmed.is_empty() {
            continue;
        }
        if is_python_frame(trimmed) {
            skip_indented_after = Some(indent);
            continue;
        }
        if is_stack_frame(trimmed) || trimmed.starts_with("--> ") || trimmed.starts_with("::: ") {
            continue;
        }
        if let Some(rest) = gutter_rest(trimmed) {
            // `12 |     let x = y;` is source; `   |  ^^^ label` keeps its label.
            let rest = rest.trim_start();
            let label = rest.trim_start_matches(['^', '-', '~', '_', '|', ' ', '+']);
            if label.len() < rest.len() && !label.is_empty() {
                out.push(label);
            }
            continue;
        }
        out.push(line);
    }
    out
}

/// `  File "x.py", line 3, in f`
fn is_python_frame(trimmed: &str) -> bool {
    trimmed.starts_with("File \"") && trimmed.contains(", line ")
}

/// Java/JS/Go/Rust backtrace frames.
fn is_stack_frame(trimmed: &str) -> bool {
    let java_js =
        trimmed.starts_with("at ") && (trimmed.ends_with(')') || trimmed.contains(".js:"));
    let numbered = trimmed.split_once(": ").is_some_and(|(n, rest)| {
        n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() && rest.contains("::")
    });
    let go = trimmed.contains(".go:") && trimmed.contains(" +0x");
    java_js || numbered || go
}

/// For a compiler gutter line (`12 | code` or `| ^^^`), the text after `|`.
fn gutter_rest(trimmed: &str) -> Option<&str> {
    let digits = trimmed.trim_start_matches(|c: char| c.is_ascii_digit());
    let after = digits.trim_start();
    if after.starts_with('|') && (digits.len() < trimmed.len() || trimmed.starts_with('|')) {
        Some(&after[1..])
    } else {
        None
    }
}

/// Replaces pieces that are always variable — timestamps, dates, times,
/// UUIDs — with spaces. A piece is a run of alphanumerics and `-:.+/_,`,
/// so `time="2024-10-21T12:59:35Z"` loses only its value.
fn blank_variable_pieces(line: &str) -> String {
    let is_piece_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '.' | '+' | '/' | '_' | ',');
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !is_piece_char(c)).unwrap_or(rest.len());
        if end == 0 {
            let c = rest.chars().next().expect("non-empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let piece = &rest[..end];
        let core = piece.trim_end_matches([',', '.', ':']);
        if is_timestamp(core) || is_uuid(core) || is_url(core) {
            out.extend(std::iter::repeat_n(' ', core.len()));
            out.push_str(&piece[core.len()..]);
        } else {
            out.push_str(piece);
        }
        rest = &rest[end..];
    }
    out
}

/// `https://registry.example/v2/`: a remote address a log says it called,
/// not what went wrong (its scheme made `https` look like the question). A
/// server's own address (`http://0.0.0.0:8000`, `localhost`) stays: it
/// says which port the service listens on.
fn is_url(w: &str) -> bool {
    w.split_once("://").is_some_and(|(scheme, rest)| {
        let host = rest.split(['/', ':']).next().unwrap_or("");
        let local = host == "localhost" || host.chars().all(|c| c.is_ascii_digit() || c == '.');
        !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphabetic())
            && !host.is_empty()
            && !local
    })
}

/// `2024-10-21`, `20:59:33`, `2024-10-21T12:59:35Z`, `12:59:35.123+08:00`.
fn is_timestamp(w: &str) -> bool {
    let digits = w.chars().filter(|c| c.is_ascii_digit()).count();
    let seps = w.chars().filter(|c| matches!(c, '-' | ':' | '/')).count();
    let allowed = w
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | ':' | '.' | 'T' | 'Z' | '+' | ',' | '/'));
    allowed && digits >= 4 && seps >= 2 && !w.contains("//")
}

fn is_uuid(w: &str) -> bool {
    let groups: Vec<&str> = w.split('-').collect();
    groups.len() == 5
        && [8, 4, 4, 4, 12]
            .iter()
            .zip(&groups)
            .all(|(&n, g)| g.len() == n)
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Decides per segment of a chunk whether it is a stable word or a
/// variable id (hash, pod suffix, duration).
fn keep_segment(chunk: &str, k: usize, segs: &[(usize, usize)]) -> bool {
    let seg = |i: usize| &chunk[segs[i].0..segs[i].1];
    let s = seg(k);
    if is_uuid(chunk) || is_variable_segment(s) {
        return false;
    }
    // Kubernetes pod names: `name-<replicaset hash>-<5 char suffix>`.
    if k > 0 && k == segs.len() - 1 && s.len() == 5 && is_hash_like(seg(k - 1)) {
        return false;
    }
    true
}

fn is_variable_segment(s: &str) -> bool {
    is_hash_like(s) || alternation_runs(s) >= 4 || is_duration(s)
}

/// Hex strings of 7+ characters mixing digits and letters (`5ff76448fd`,
/// commit hashes); codes like `E0308` are too short to qualify.
fn is_hash_like(s: &str) -> bool {
    s.len() >= 7
        && s.chars().all(|c| c.is_ascii_hexdigit())
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().any(|c| c.is_ascii_alphabetic())
}

/// Number of letter/digit runs: `6b7f9c5d4` has 9, `E0308` has 2.
fn alternation_runs(s: &str) -> usize {
    let mut runs = 0;
    let mut prev: Option<bool> = None;
    for c in s.chars() {
        let digit = c.is_ascii_digit();
        if prev != Some(digit) {
            runs += 1;
            prev = Some(digit);
        }
    }
    runs
}

/// `12ms`, `3s`, `250us`, `1h`.
fn is_duration(s: &str) -> bool {
    let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    digits_end > 0
        && matches!(
            &s[digits_end..],
            "ms" | "s" | "us" | "µs" | "ns" | "m" | "h"
        )
}

/// Linux errno numbers and their symbolic names: runtimes print the number
/// (`[Errno 28]`, `os error 2`, `Os { code: 13, .. }`), docs quote the name.
const ERRNO: &[(&str, &str)] = &[
    ("1", "eperm"),
    ("2", "enoent"),
    ("3", "esrch"),
    ("4", "eintr"),
    ("5", "eio"),
    ("6", "enxio"),
    ("7", "e2big"),
    ("8", "enoexec"),
    ("9", "ebadf"),
    ("10", "echild"),
    ("11", "eagain"),
    ("12", "enomem"),
    ("13", "eacces"),
    ("14", "efault"),
    ("16", "ebusy"),
    ("17", "eexist"),
    ("18", "exdev"),
    ("19", "enodev"),
    ("20", "enotdir"),
    ("21", "eisdir"),
    ("22", "einval"),
    ("23", "enfile"),
    ("24", "emfile"),
    ("25", "enotty"),
    ("26", "etxtbsy"),
    ("27", "efbig"),
    ("28", "enospc"),
    ("29", "espipe"),
    ("30", "erofs"),
    ("31", "emlink"),
    ("32", "epipe"),
    ("33", "edom"),
    ("34", "erange"),
    ("35", "edeadlk"),
    ("36", "enametoolong"),
    ("39", "enotempty"),
    ("40", "eloop"),
    ("98", "eaddrinuse"),
    ("99", "eaddrnotavail"),
    ("101", "enetunreach"),
    ("104", "econnreset"),
    ("110", "etimedout"),
    ("111", "econnrefused"),
    ("113", "ehostunreach"),
    ("122", "edquot"),
];

/// After `errno N`, `os error N` or `Os { code: N`, adds the symbolic name
/// (`enospc`) next to the number.
fn add_errno_names(tokens: &mut Vec<Token>) {
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        out.push(t.clone());
        let prev = |back: usize| i.checked_sub(back).map(|j| tokens[j].text.as_str());
        let errno_context = prev(1) == Some("errno")
            || (prev(2) == Some("os") && matches!(prev(1), Some("error" | "code")));
        if errno_context {
            if let Some((_, name)) = ERRNO.iter().find(|(n, _)| *n == t.text) {
                out.push(Token {
                    text: (*name).to_string(),
                    is_part: false,
                    ..t.clone()
                });
            }
        }
    }
    *tokens = out;
}

/// Drops numbers of one or two digits (line numbers, counts, clock parts)
/// unless they follow a word such as `code` or `exit`.
fn drop_small_numbers(tokens: &mut Vec<Token>) {
    let mut keep = Vec::with_capacity(tokens.len());
    let mut prev_word: Option<String> = None;
    for t in tokens.drain(..) {
        let small_number = t.text.len() <= 2 && t.text.chars().all(|c| c.is_ascii_digit());
        if small_number {
            let in_context = prev_word
                .as_deref()
                .is_some_and(|w| NUMBER_CONTEXT.contains(&w));
            if in_context {
                keep.push(t);
            }
            continue;
        }
        if t.is_part {
            prev_word = Some(t.text.clone());
        }
        keep.push(t);
    }
    *tokens = keep;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(raw: &str) -> Vec<String> {
        analyze(raw)
            .tokens
            .into_iter()
            .map(|t| t.token.text)
            .collect()
    }

    #[test]
    fn urls_in_a_paste_are_noise_not_words() {
        let w =
            words(r#"Get "https://registry.example.com/v2/": dial tcp 10.0.0.1:443: i/o timeout"#);
        assert!(!w.contains(&"https".to_string()), "{w:?}");
        assert!(!w.contains(&"registry".to_string()), "{w:?}");
        assert!(w.contains(&"timeout".to_string()), "{w:?}");
        // Typed words about https are still words.
        assert!(words("force https for my endpoint").contains(&"https".to_string()));
        // A server's own address says which port it listens on: it stays.
        assert!(words("Running on http://0.0.0.0:8000").contains(&"8000".to_string()));
    }

    #[test]
    fn timestamps_and_times_are_dropped() {
        let w = words("[2024-10-21 20:59:33] time=\"2024-10-21T12:59:35Z\" level=info");
        assert!(
            !w.iter().any(|t| t.chars().all(|c| c.is_ascii_digit())),
            "{w:?}"
        );
        assert!(w.contains(&"level".to_string()));
    }

    #[test]
    fn pod_suffixes_are_dropped_but_the_name_is_kept() {
        let w = words("Instance <network-test-5ff76448fd-h9dsn> not healthy");
        assert_eq!(
            w,
            [
                "instance",
                "network",
                "test",
                "networktest",
                "not",
                "healthy"
            ]
        );
    }

    #[test]
    fn numbers_after_code_are_kept_and_other_small_numbers_dropped() {
        let w = words("IoError(Os { code: 28, kind: StorageFull }) at line 12");
        assert!(w.contains(&"28".to_string()));
        assert!(!w.contains(&"12".to_string()));
    }

    #[test]
    fn ip_addresses_yield_only_their_joined_form() {
        let w = words("dial tcp 10.0.3.17:443: i/o timeout");
        assert!(w.contains(&"100317".to_string()));
        assert!(w.contains(&"443".to_string()));
        assert!(!w.contains(&"10".to_string()));
    }

    #[test]
    fn compiler_source_excerpts_are_dropped_but_labels_kept() {
        let paste = "error[E0382]: borrow of moved value: `v`\n --> src/main.rs:4:20\n  |\n3 |     let w = v;\n  |             - value moved here\n4 |     println!(\"{:?}\", v);\n  |                    ^ value borrowed here after move";
        let w = words(paste);
        assert!(w.contains(&"e0382".to_string()));
        assert!(w.contains(&"moved".to_string()));
        assert!(!w.contains(&"println".to_string()), "{w:?}");
        assert!(!w.contains(&"rs".to_string()), "{w:?}");
    }

    #[test]
    fn python_frames_and_their_source_lines_are_dropped() {
        let paste = "Traceback (most recent call last):\n  File \"/app/x.py\", line 3, in <module>\n    import torchvision\nModuleNotFoundError: No module named 'torchvision'";
        let w = words(paste);
        assert!(w.contains(&"modulenotfounderror".to_string()));
        assert_eq!(w.iter().filter(|t| *t == "torchvision").count(), 1);
    }

    #[test]
    fn ansi_colours_and_control_characters_are_removed() {
        let w = words("\u{1b}[31merror\u{1b}[0m: bad\u{0}thing");
        assert_eq!(w, ["error", "bad", "thing"]);
    }

    #[test]
    fn huge_pastes_are_cut_and_flagged() {
        let big = "word ".repeat(MAX_QUERY_BYTES);
        let shown = searched_part(&format!("{big}tail words")).unwrap();
        assert!(shown.len() < MAX_QUERY_BYTES + 16, "{}", shown.len());
        assert_eq!(
            analyze(&shown)
                .tokens
                .iter()
                .map(|t| t.token.text.clone())
                .collect::<Vec<_>>(),
            analyze(&format!("{big}tail words"))
                .tokens
                .iter()
                .map(|t| t.token.text.clone())
                .collect::<Vec<_>>(),
            "the part shown searches like the whole paste"
        );
        assert_eq!(searched_part("short"), None);
        let a = analyze(&big);
        assert!(a.truncated);
        assert!(a.tokens.len() < MAX_QUERY_BYTES / 4);
    }

    #[test]
    fn error_lines_weigh_more_than_noise_lines_in_long_pastes() {
        let a = analyze("Compiling foo\nDownloading bar\nerror: thing broke\nerror: second failure\nFinished baz");
        let w = |s: &str| a.tokens.iter().find(|t| t.token.text == s).unwrap().weight;
        assert!(w("broke") > w("downloading"));
        assert!(
            w("broke") > w("second"),
            "the first error outweighs later ones"
        );
        assert!(w("second") > w("downloading"));
    }

    #[test]
    fn errno_numbers_gain_their_symbolic_names() {
        assert!(
            words("OSError: [Errno 28] No space left on device").contains(&"enospc".to_string())
        );
        assert!(words("No such file or directory (os error 2)").contains(&"enoent".to_string()));
        assert!(words("IoError(Os { code: 13, kind: PermissionDenied })")
            .contains(&"eacces".to_string()));
        assert!(
            !words("exit code 2").contains(&"enoent".to_string()),
            "exit codes are not errno"
        );
    }

    #[test]
    fn durations_and_uuids_are_dropped() {
        let w = words("took 250ms id=123e4567-e89b-12d3-a456-426614174000 done");
        assert_eq!(w, ["took", "id", "done"]);
    }
}
