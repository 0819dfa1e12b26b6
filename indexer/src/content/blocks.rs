//! Enough of CommonMark's block structure for the rewrite pass
//! ([`super::callouts`]) to leave code alone: an indented code block told
//! from a list item's indented paragraph.

/// Enough of CommonMark's block structure to tell an indented code block
/// (four spaces or a tab, after a blank line, outside a list) from a list
/// item's indented paragraph.
#[derive(Default)]
pub struct Blocks {
    /// The line before was blank (or a heading, or the body's start).
    pub after_blank: bool,
    in_list: bool,
    in_code: bool,
}

impl Blocks {
    /// At a body's start, which may be code.
    pub fn at_start() -> Self {
        Blocks {
            after_blank: true,
            ..Blocks::default()
        }
    }

    /// Whether `line` (outside fenced code) is in an indented code block.
    pub fn indented_code(&mut self, line: &str) -> bool {
        let blank = line.trim().is_empty();
        let indent = leading(line, |c| c == ' ');
        let indented = indent >= 4 || line.starts_with('\t');
        if self.in_code && !indented && !blank {
            self.in_code = false;
        }
        if !self.in_code && indented && !blank && self.after_blank && !self.in_list {
            self.in_code = true;
        }
        if !self.in_code && !blank {
            if indent < 4 && is_list_item(line.trim_start()) {
                self.in_list = true;
            } else if indent == 0 && self.after_blank {
                // A paragraph at the margin after a blank line ends it.
                self.in_list = false;
            }
        }
        // A heading is no paragraph: code may follow it at once.
        self.after_blank = blank || heading_level(line).is_some();
        self.in_code
    }
}

/// The level of an ATX heading line, `# x` to `###### x`.
pub fn heading_level(line: &str) -> Option<usize> {
    let hashes = leading(line, |c| c == '#');
    ((1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])).then_some(hashes)
}

/// How many bytes of `line`'s start are characters `of` (all ASCII).
pub fn leading(line: &str, of: impl Fn(char) -> bool) -> usize {
    line.len() - line.trim_start_matches(of).len()
}

/// `- x`, `* x`, `+ x`, `1. x`, `1) x`.
pub fn is_list_item(line: &str) -> bool {
    if line.starts_with(['-', '*', '+']) {
        return line[1..].starts_with([' ', '\t']) || line.len() == 1;
    }
    let digits = leading(line, |c| c.is_ascii_digit());
    (1..=9).contains(&digits)
        && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}
