//! A FAQ whose questions are not headings, read as headed questions, so
//! that a page of them is split into one entry per question
//! ([`super::faq_pages`]) as a page of `## …?` headings is:
//!
//! - a definition list (Hugo's own: `Why is a given page not published?`
//!   then `: In the content file …`);
//! - a question in bold on a line of its own (`**How do I reset my
//!   password?**`, `**Q: …?**`), or after a bold label (`**Q:** …?`).
//!
//! Only a page with at least three such questions is read this way; a
//! definition list of terms or a bold line stays as it is.

use super::blocks::heading_level;
use super::containers::outside_fences;
use super::faq_pages::is_question;

/// Fewer question terms than this stay a definition list.
const MIN_QUESTIONS: usize = 3;

/// The pass over a page's questions written as other than headings.
pub struct QuestionLines {
    enabled: bool,
    /// The level of the last heading: questions go one below it.
    level: usize,
    /// In a question's answer (its `: ` lines and what is indented under
    /// them).
    in_answer: bool,
}

impl QuestionLines {
    /// Counts the question terms of `lines` (outside fenced code).
    pub fn new(lines: &[(usize, &str)]) -> Self {
        let questions = outside_fences(lines)
            .filter(|&(k, line)| {
                is_question_term(lines, k) || bold_question(lines, k, line).is_some()
            })
            .take(MIN_QUESTIONS)
            .count();
        QuestionLines {
            enabled: questions >= MIN_QUESTIONS,
            level: 1,
            in_answer: false,
        }
    }

    /// Line `i` (`line`, outside code) as it reads: a question term as a
    /// heading, an answer's `: ` dropped; `None` when it stays as it is.
    pub fn line(&mut self, lines: &[(usize, &str)], i: usize, line: &str) -> Option<String> {
        if !self.enabled {
            return None;
        }
        if let Some(level) = heading_level(line) {
            self.level = level;
            self.in_answer = false;
            return None;
        }
        let level = (self.level + 1).min(6);
        if is_question_term(lines, i) {
            self.in_answer = true;
            return Some(format!("{} {}", "#".repeat(level), line.trim()));
        }
        if let Some(question) = bold_question(lines, i, line) {
            self.in_answer = false;
            return Some(format!("{} {question}", "#".repeat(level)));
        }
        if self.in_answer {
            if let Some(answer) = line.trim_start().strip_prefix(": ") {
                return Some(answer.to_string());
            }
            if !line.trim().is_empty() && !line.starts_with([' ', '\t']) {
                self.in_answer = false;
            }
        }
        None
    }
}

/// The question `line` (`lines[k]`) asks in bold on a line of its own,
/// after a blank line: `**How do I …?**`, `**Q: How do I …?**`,
/// `**Q:** How do I …?` (the `Q:` left out).
fn bold_question<'a>(lines: &[(usize, &str)], k: usize, line: &'a str) -> Option<&'a str> {
    let after_blank = k == 0 || lines[k - 1].1.trim().is_empty();
    let t = line.trim();
    // `**Q:** How do I …?`: only the label in bold.
    let labelled = ["**Q:**", "**Q.**", "__Q:__", "**Q**:"]
        .iter()
        .find_map(|label| t.strip_prefix(label));
    let inner = match labelled {
        Some(rest) => rest.trim(),
        None => t
            .strip_prefix("**")
            .and_then(|t| t.strip_suffix("**"))
            .or_else(|| t.strip_prefix("__").and_then(|t| t.strip_suffix("__")))?
            .trim(),
    };
    let inner = inner
        .strip_prefix("Q:")
        .or_else(|| inner.strip_prefix("Q."))
        .map_or(inner, str::trim);
    (after_blank && is_question(inner) && !line.starts_with([' ', '\t']) && !inner.contains("**"))
        .then_some(inner)
}

/// Whether `lines[k]` is a question a definition answers: a line at the
/// margin ending in `?`, after a blank line, with `: …` on the next line.
fn is_question_term(lines: &[(usize, &str)], k: usize) -> bool {
    let line = lines[k].1;
    let after_blank = k == 0 || lines[k - 1].1.trim().is_empty();
    let answered = lines
        .get(k + 1)
        .is_some_and(|&(_, next)| next.trim_start().starts_with(": "));
    after_blank && answered && !line.starts_with([' ', '\t']) && is_question(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_question_terms_read_as_headings_under_the_last_heading() {
        let text = "## Builds\n\nWhy is a page missing?\n: It is a draft.\n\n  Publish it.\n\nWhy is the date wrong?\n: Time zones.\n\nWhy no home page?\n: No `_index.md`.\n\nAfter.\n";
        let lines: Vec<(usize, &str)> = text.lines().map(|l| (0, l)).collect();
        let mut dl = QuestionLines::new(&lines);
        let read: Vec<String> = (0..lines.len())
            .map(|i| {
                dl.line(&lines, i, lines[i].1)
                    .unwrap_or_else(|| lines[i].1.to_string())
            })
            .collect();
        assert_eq!(read[2], "### Why is a page missing?");
        assert_eq!(read[3], "It is a draft.");
        assert_eq!(read[5], "  Publish it.");
        assert_eq!(read[11], "No `_index.md`.");
        assert_eq!(read[13], "After.");
        let two: Vec<(usize, &str)> = "Why?\n: Because.\n\nHow?\n: So.\n"
            .lines()
            .map(|l| (0, l))
            .collect();
        assert!(QuestionLines::new(&two).line(&two, 0, "Why?").is_none());
    }

    #[test]
    fn three_bold_questions_read_as_headings() {
        let text = "**Q: How do I reset it?**\n\nOpen Settings.\n\n**Why is it slow?**\nLarge files.\n\n__Can I export?__\n\nYes.\n\n**Bold, no question.**\n\n**Q:** Can I *import*?\n";
        let lines: Vec<(usize, &str)> = text.lines().map(|l| (0, l)).collect();
        let mut q = QuestionLines::new(&lines);
        let read: Vec<Option<String>> = (0..lines.len())
            .map(|i| q.line(&lines, i, lines[i].1))
            .collect();
        assert_eq!(read[0].as_deref(), Some("## How do I reset it?"));
        assert_eq!(read[4].as_deref(), Some("## Why is it slow?"));
        assert_eq!(read[7].as_deref(), Some("## Can I export?"));
        assert_eq!(read[11], None);
        assert_eq!(read[13].as_deref(), Some("## Can I *import*?"));
    }
}
