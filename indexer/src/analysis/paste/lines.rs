//! Which lines of a paste are searched: compiler source excerpts and
//! caret lines, traceback and stack frames are not.

/// Keeps the lines that carry the error: drops source excerpts of compiler
/// output, traceback frames, location arrows; keeps caret-line labels.
pub(super) fn keep_lines(text: &str) -> Vec<&str> {
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
