//! Numbers in a paste: small ones are noise unless a word such as `code`
//! or `exit` comes before them; an errno code also searches its name.

use super::super::tokenizer::Token;

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

/// The first two words of the messages of the common errno numbers, as C
/// programs print them after the number (`failed (13: Permission denied)`,
/// nginx, curl, libc's `perror`).
const ERRNO_MESSAGES: &[(&str, &str, &str)] = &[
    ("1", "operation", "not"),
    ("2", "no", "such"),
    ("5", "input", "output"),
    ("11", "resource", "temporarily"),
    ("12", "cannot", "allocate"),
    ("13", "permission", "denied"),
    ("17", "file", "exists"),
    ("20", "not", "a"),
    ("21", "is", "a"),
    ("22", "invalid", "argument"),
    ("24", "too", "many"),
    ("28", "no", "space"),
    ("30", "read", "only"),
    ("32", "broken", "pipe"),
    ("36", "file", "name"),
    ("98", "address", "already"),
    ("99", "cannot", "assign"),
    ("101", "network", "is"),
    ("104", "connection", "reset"),
    ("110", "connection", "timed"),
    ("111", "connection", "refused"),
    ("113", "no", "route"),
];

/// Is the number at `i` an errno followed by its own message (`13:
/// Permission denied`)? Then it is the error's code, not a count.
fn followed_by_its_message(tokens: &[Token], i: usize) -> bool {
    let Some(&(_, first, second)) = ERRNO_MESSAGES.iter().find(|(n, ..)| *n == tokens[i].text)
    else {
        return false;
    };
    let mut next = tokens[i + 1..]
        .iter()
        .filter(|t| t.is_part)
        .map(|t| t.text.as_str());
    next.next() == Some(first) && next.next() == Some(second)
}

/// After `errno N`, `os error N` or `Os { code: N`, or before the errno's
/// own message (`13: Permission denied`), adds the symbolic name
/// (`enospc`) next to the number.
pub(super) fn add_errno_names(tokens: &mut Vec<Token>) {
    let mut out = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        out.push(t.clone());
        let prev = |back: usize| i.checked_sub(back).map(|j| tokens[j].text.as_str());
        let errno_context = prev(1) == Some("errno")
            || (prev(2) == Some("os") && matches!(prev(1), Some("error" | "code")))
            || followed_by_its_message(tokens, i);
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

/// A number of one or two digits.
pub(super) fn is_small_number(t: &Token) -> bool {
    t.text.len() <= 2 && t.text.chars().all(|c| c.is_ascii_digit())
}

/// Drops numbers of one or two digits (line numbers, counts, clock parts)
/// unless they follow a word such as `code` or `exit`, or are an errno
/// before its message.
pub(super) fn drop_small_numbers(tokens: &mut Vec<Token>) {
    let errnos: Vec<bool> = (0..tokens.len())
        .map(|i| followed_by_its_message(tokens, i))
        .collect();
    let mut keep = Vec::with_capacity(tokens.len());
    let mut prev_word: Option<String> = None;
    for (t, errno) in tokens.drain(..).zip(errnos) {
        if is_small_number(&t) {
            let in_context = errno
                || prev_word
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
