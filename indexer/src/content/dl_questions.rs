//! A FAQ written as a definition list (Hugo's own: `Why is a given page
//! not published?` then `: In the content file …`), read as headed
//! questions, so that a page of them is split into one entry per question
//! ([`super::faq_pages`]) as a page of `## …?` headings is.
//!
//! Only a page with at least three such questions is read this way; a
//! definition list of terms stays a list.

use super::blocks::is_heading;
use super::containers::outside_fences;

/// Fewer question terms than this stay a definition list.
const MIN_QUESTIONS: usize = 3;

/// The pass over a page's definition-list questions.
pub struct DlQuestions {
    enabled: bool,
    /// The level of the last heading: questions go one below it.
    level: usize,
    /// In a question's answer (its `: ` lines and what is indented under
    /// them).
    in_answer: bool,
}

impl DlQuestions {
    /// Counts the question terms of `lines` (outside fenced code).
    pub fn new(lines: &[(usize, &str)]) -> Self {
        let questions = outside_fences(lines)
            .filter(|&(k, _)| is_question_term(lines, k))
            .take(MIN_QUESTIONS)
            .count();
        DlQuestions {
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
        if is_heading(line) {
            self.level = line.len() - line.trim_start_matches('#').len();
            self.in_answer = false;
            return None;
        }
        if is_question_term(lines, i) {
            self.in_answer = true;
            let level = (self.level + 1).min(6);
            return Some(format!("{} {}", "#".repeat(level), line.trim()));
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

/// Whether `lines[k]` is a question a definition answers: a line at the
/// margin ending in `?`, after a blank line, with `: …` on the next line.
fn is_question_term(lines: &[(usize, &str)], k: usize) -> bool {
    let line = lines[k].1;
    let after_blank = k == 0 || lines[k - 1].1.trim().is_empty();
    let answered = lines
        .get(k + 1)
        .is_some_and(|&(_, next)| next.trim_start().starts_with(": "));
    after_blank
        && answered
        && !line.starts_with([' ', '\t'])
        && (line.trim_end().ends_with('?') || line.trim_end().ends_with('？'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_question_terms_read_as_headings_under_the_last_heading() {
        let text = "## Builds\n\nWhy is a page missing?\n: It is a draft.\n\n  Publish it.\n\nWhy is the date wrong?\n: Time zones.\n\nWhy no home page?\n: No `_index.md`.\n\nAfter.\n";
        let lines: Vec<(usize, &str)> = text.lines().map(|l| (0, l)).collect();
        let mut dl = DlQuestions::new(&lines);
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
        assert!(DlQuestions::new(&two).line(&two, 0, "Why?").is_none());
    }
}
