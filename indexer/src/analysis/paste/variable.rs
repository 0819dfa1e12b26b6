//! The variable pieces of a log line (URLs, timestamps, UUIDs, hashes,
//! durations, pod suffixes): blanked or skipped before tokenizing.

/// Replaces pieces that are always variable — timestamps, dates, times,
/// UUIDs — with spaces. A piece is a run of alphanumerics and `-:.+/_,`,
/// so `time="2024-10-21T12:59:35Z"` loses only its value. A date or UUID
/// the knowledge base quotes verbatim (`known`, given its letters and
/// digits) stays: there it is the documented example (`2025-02-30`, a
/// date that does not exist), not the time of the user's log.
pub(super) fn blank_variable_pieces(line: &str, known: &dyn Fn(&str) -> bool) -> String {
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
        let documented = || {
            let joined: String = core
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_lowercase();
            known(&joined)
        };
        if is_url(core) || ((is_timestamp(core) || is_uuid(core)) && !documented()) {
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
pub(super) fn keep_segment(chunk: &str, k: usize, segs: &[(usize, usize)]) -> bool {
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

/// A segment [`keep_segment`] drops as a hash or a mixed letter-digit run
/// that the knowledge base has verbatim (`known`, given the lowercased
/// segment): an error code an entry documents, such as `0x800CCC0F`, not an
/// id of the user's own.
pub(super) fn documented_code(
    chunk: &str,
    k: usize,
    segs: &[(usize, usize)],
    known: &dyn Fn(&str) -> bool,
) -> bool {
    let s = &chunk[segs[k].0..segs[k].1];
    (is_hash_like(s) || alternation_runs(s) >= 4) && known(&s.to_lowercase())
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
