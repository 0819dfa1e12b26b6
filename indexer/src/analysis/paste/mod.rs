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
    let keep = |chunk: &str, k: usize, segs: &[(usize, usize)]| {
        keep_segment(chunk, k, segs) || documented_code(chunk, k, segs, known)
    };
    let (text, truncated) = bound(raw);
    let text = strip_control(&text);
    let lines = keep_lines(&text);
    let mut position = 0u32;
    let mut namespace = HashSet::new();
    let mut commands = HashSet::new();
    let mut line_tokens: Vec<Vec<Token>> = lines
        .iter()
        .map(|line| {
            let mut out = Vec::new();
            let first_position = position;
            let command = line.command;
            let line = blank_variable_pieces(line.text, known);
            for chunk in tokenizer::chunks(&line) {
                let first = out.len();
                tokenizer::tokenize_chunk(&chunk, &mut position, &mut out, &keep, false);
                let prefixes = super::namespace_prefixes(chunk.text);
                namespace.extend(
                    out[first..]
                        .iter()
                        .filter(|t| t.is_part)
                        .filter(|t| prefixes.iter().any(|r| r.contains(&(t.from - chunk.from))))
                        .map(|t| t.position),
                );
            }
            if command {
                commands.extend(first_position..position);
            }
            out
        })
        .collect();
    // A query of nothing but small numbers (`12`, an FAQ's numeric id) means
    // them; elsewhere they are line numbers, counts and clock parts.
    let only_small_numbers = line_tokens.iter().flatten().all(is_small_number);
    for out in &mut line_tokens {
        if !only_small_numbers {
            drop_small_numbers(out);
        }
        add_errno_names(out);
    }
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
        } else if lines[k].raising_source {
            RAISING_SOURCE_WEIGHT
        } else if error_lines[k] {
            0.8
        } else {
            0.6
        };
        tokens.extend(line.into_iter().map(|token| QueryToken { token, weight }));
    }
    AnalyzedPaste {
        long: is_long(&tokens, lines.len()),
        tokens,
        namespace,
        commands,
        truncated,
        output: looks_like_output(&text),
    }
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
mod tests {
    use super::*;

    /// The words of `raw` analysed knowing the KB has the words `known` says.
    fn words_knowing(raw: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
        analyze_knowing(raw, known)
            .tokens
            .into_iter()
            .map(|t| t.token.text)
            .collect()
    }

    fn words(raw: &str) -> Vec<String> {
        analyze(raw)
            .tokens
            .into_iter()
            .map(|t| t.token.text)
            .collect()
    }

    /// The prompt's own words (user, host, folder) are the command's too.
    #[test]
    fn commands_typed_at_a_prompt_are_marked() {
        let commands = |paste: &str| {
            let a = analyze(paste);
            let words: Vec<&str> = a
                .tokens
                .iter()
                .filter(|t| a.commands.contains(&t.token.position) && t.token.is_part)
                .map(|t| t.token.text.as_str())
                .collect();
            words.join(" ")
        };
        assert_eq!(
            commands("$ aws s3 ls --endpoint-url x\nAn error occurred (AccessDenied)"),
            "aws s3 ls endpoint url x"
        );
        assert_eq!(
            commands("root@edge-3:~# nginx -t\nnginx: [emerg] unknown"),
            "root edge nginx t"
        );
        assert_eq!(
            commands(r"C:\work\app> java -jar app.jar"),
            "c work app java jar app jar"
        );
        assert_eq!(commands("Error: $HOME is not set\n# not a prompt"), "");
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
    fn a_hex_code_the_knowledge_base_documents_is_kept_and_other_ids_are_not() {
        let line = "Send/Receive error (0x800CCC0F) for message 5ff76448fd";
        let kept = words_knowing(line, &|w| w == "0x800ccc0f");
        assert!(kept.contains(&"0x800ccc0f".to_string()), "{kept:?}");
        assert!(!kept.contains(&"5ff76448fd".to_string()), "{kept:?}");
        assert!(!words(line).contains(&"0x800ccc0f".to_string()));
    }

    /// A Postgres paste quoting `'2025-02-30'::date` showed the entry's
    /// intro, not the cause that quotes that impossible date: the date was
    /// blanked as the log's time.
    #[test]
    fn a_date_the_knowledge_base_documents_is_kept_and_the_log_time_is_not() {
        let line = "2026-12-02 07:20:59 ERROR:  date/time field value out of range: \"2025-02-30\"";
        let kept = words_knowing(line, &|w| w == "20250230");
        assert!(kept.contains(&"20250230".to_string()), "{kept:?}");
        assert!(!kept.contains(&"20261202".to_string()), "{kept:?}");
        assert!(!words(line).contains(&"20250230".to_string()));
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

    /// The bug: nginx's `failed (13: Permission denied) while connecting to
    /// upstream`, tied by its author to one cause, never matched, because
    /// the paste's `13` was dropped as a small number.
    #[test]
    fn an_errno_before_its_own_message_is_kept_with_its_name() {
        let w = words("connect() to unix:/run/php.sock failed (13: Permission denied) at 12: done");
        assert!(w.contains(&"13".to_string()), "{w:?}");
        assert!(w.contains(&"eacces".to_string()), "{w:?}");
        assert!(!w.contains(&"12".to_string()), "{w:?}");
    }

    /// Found by the content fuzz test: an entry with `id: 0` could not be
    /// found by searching `0`, because every small number was dropped.
    #[test]
    fn a_query_of_only_small_numbers_keeps_them() {
        assert_eq!(words("0"), ["0"]);
        assert_eq!(words("12 7"), ["12", "7"]);
        assert!(!words("step 12").contains(&"12".to_string()));
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
        let paste = "Traceback (most recent call last):\n  File \"/app/main.py\", line 9, in <module>\n    run_everything()\n  File \"/app/x.py\", line 3, in load\n    import torchvision\nModuleNotFoundError: No module named 'torchvision'";
        let w = words(paste);
        assert!(w.contains(&"modulenotfounderror".to_string()));
        assert!(!w
            .iter()
            .any(|t| t == "main" || t == "run_everything" || t == "load"));
    }

    /// Regression: `PermissionError: [Errno 13] Permission denied` under
    /// `self.socket.bind(...)` showed pip's cause, not the port's: the
    /// line that raised is kept, at a hint's weight.
    #[test]
    fn the_line_a_traceback_raised_at_is_kept_as_a_hint() {
        let paste = "Traceback (most recent call last):\n  File \"/app/serve.py\", line 4, in <module>\n    start()\n  File \"/usr/lib/python3.11/socketserver.py\", line 472, in server_bind\n    self.socket.bind(self.server_address)\n    ^^^^^^^^^^^^^^^^\nPermissionError: [Errno 13] Permission denied";
        let a = analyze(paste);
        let weight = |s: &str| {
            a.tokens
                .iter()
                .find(|t| t.token.text == s)
                .map(|t| t.weight)
        };
        assert_eq!(weight("bind"), Some(RAISING_SOURCE_WEIGHT));
        assert_eq!(weight("start"), None, "an earlier frame's line is dropped");
        assert_eq!(weight("permissionerror"), Some(1.0));
    }

    /// Regression: a typed question of 26 words ("my ACR personal edition
    /// repo is in cn-shanghai and …") counted as a paste, by its function
    /// words and joined forms, and lost its short forms and typo fixes.
    #[test]
    fn a_long_typed_question_is_not_a_paste_but_a_long_line_or_log_is() {
        let question = "my ACR personal edition repo is in cn-shanghai and the EAS service is in cn-beijing, should the image address be the internal or the public one?";
        let a = analyze(question);
        assert!(a.tokens.len() > LONG_QUERY_TOKENS, "{}", a.tokens.len());
        assert!(!a.long);
        let line = "worker pool shard replica leader follower quorum election timeout heartbeat lease snapshot compaction segment offset partition topic consumer producer broker cluster controller metadata fetch commit";
        assert!(analyze(line).long);
        let log = "Normal Pulling pulling image registry example latest\nWarning Failed back off pulling image registry example again\nWarning Failed failed to pull image registry example: lookup registry: no such host";
        let a = analyze(log);
        assert!(a.tokens.len() > LONG_QUERY_TOKENS, "{}", a.tokens.len());
        assert!(a.long);
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
