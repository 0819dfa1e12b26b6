//! Which lines of a paste are searched: compiler source excerpts and
//! caret lines, traceback and stack frames are not.

/// Keeps the lines that carry the error: drops source excerpts of compiler
/// output, traceback frames, location arrows; keeps caret-line labels, and
/// the source line of a Python traceback's last frame (the line that
/// raised, often the words that tell causes apart: `os.environ[...]`,
/// `socket.bind`), marked as such.
pub(super) fn keep_lines(text: &str) -> Vec<Kept<'_>> {
    let mut out = Vec::new();
    let mut skip_indented_after: Option<usize> = None;
    // Where the last Python frame was, and its source lines.
    let mut last_frame: Option<(usize, Vec<Kept>)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(frame_indent) = skip_indented_after.take() {
            if indent > frame_indent && !trimmed.is_empty() {
                // The source line shown under a Python frame.
                if let Some((_, source)) = last_frame.as_mut().filter(|_| !is_marker_line(line)) {
                    source.push(Kept::raising(line));
                }
                skip_indented_after = Some(frame_indent);
                continue;
            }
        }
        if trimmed.is_empty() {
            continue;
        }
        if is_python_frame(trimmed) {
            skip_indented_after = Some(indent);
            last_frame = Some((out.len(), Vec::new()));
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
                out.push(Kept::line(label));
            }
            continue;
        }
        out.push(Kept {
            command: is_command_line(trimmed),
            ..Kept::line(line)
        });
    }
    if let Some((at, source)) = last_frame {
        out.splice(at..at, source);
    }
    out
}

/// A line of a paste that is searched.
pub(super) struct Kept<'t> {
    pub text: &'t str,
    /// The source line of a traceback's last frame: a hint, not the error.
    pub raising_source: bool,
    /// A command typed at a shell prompt (`$ aws s3 ls …`): what was run,
    /// not what went wrong.
    pub command: bool,
}

impl<'t> Kept<'t> {
    fn line(text: &'t str) -> Self {
        Kept {
            text,
            raising_source: false,
            command: false,
        }
    }

    fn raising(text: &'t str) -> Self {
        Kept {
            text,
            raising_source: true,
            command: false,
        }
    }
}

/// A command typed at a shell prompt: `$ aws s3 ls`, `% make`,
/// `root@edge-3:~# nginx -t`, `dev@box:~/app$ npm ci`, `PS C:\work> dotnet
/// run`, `C:\work\app> java -jar app.jar`.
pub fn is_command_line(line: &str) -> bool {
    if ["$ ", "% ", "\u{276f} "]
        .iter()
        .any(|p| line.starts_with(p))
    {
        return true;
    }
    let first = line.split(' ').next().unwrap_or("");
    let user_host = first.contains('@') && (first.ends_with('$') || first.ends_with('#'));
    let path = line.strip_prefix("PS ").unwrap_or(line);
    let bytes = path.as_bytes();
    let windows = bytes.len() > 3
        && bytes[0].is_ascii_alphabetic()
        && &bytes[1..3] == b":\\"
        && path.contains("> ");
    user_host || windows
}

/// A line of `^^^` / `~~~` markers under a source line.
fn is_marker_line(line: &str) -> bool {
    line.trim().chars().all(|c| matches!(c, '^' | '~' | ' '))
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
