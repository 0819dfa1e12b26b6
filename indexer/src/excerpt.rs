//! Excerpts: the passage of a section that best shows why it matched, with
//! the matched words marked. Returned as plain-text fragments so no front
//! end ever has to insert query-derived HTML.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::analysis::{self, tokenizer};

/// Length of an excerpt, in words.
pub const EXCERPT_WORDS: usize = 32;

/// A run of excerpt text; `hl` marks a matched word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    pub text: String,
    pub hl: bool,
}

/// The window of `max_words` words of `text` holding the most distinct
/// query terms (`query_prose`: stemmed prose terms), as fragments.
pub fn excerpt(text: &str, query_prose: &HashSet<String>, max_words: usize) -> Vec<Fragment> {
    let words: Vec<(usize, usize)> = tokenizer::part_spans(text).collect();
    if words.is_empty() {
        return vec![Fragment {
            text: text.chars().take(200).collect(),
            hl: false,
        }];
    }
    let matched = matched_stems(text, &words, query_prose);
    let window = max_words.max(1).min(words.len());
    let start = best_window(&matched, window);
    fragments(text, &words, &matched, start..start + window)
}

/// For each word (byte span) of `text`, the query term it stems to, if any.
fn matched_stems(
    text: &str,
    words: &[(usize, usize)],
    query_prose: &HashSet<String>,
) -> Vec<Option<String>> {
    // Stemming every word would be the costly part: only words that share
    // their first two letters with a query term can stem to it (stemming
    // changes suffixes only).
    let prefixes: HashSet<(char, char)> = query_prose.iter().map(|t| prefix2(t)).collect();
    words
        .iter()
        .map(|&(from, to)| {
            let word = &text[from..to];
            if !prefixes.contains(&prefix2(word)) {
                return None;
            }
            let lower = word.to_lowercase();
            // How a question is built ("when", "how", "has") is not what
            // it asks about: marking it only spreads yellow over prose.
            if analysis::is_question_or_stop_word(&lower) || analysis::is_auxiliary_word(&lower) {
                return None;
            }
            let stem = analysis::stem(&lower);
            query_prose.contains(stem.as_str()).then_some(stem)
        })
        .collect()
}

/// The first word of the `window`-word run with the most distinct matches,
/// then the matches most centred. Only windows that put some match in
/// their middle are candidates, so the cost grows with the number of
/// matches, not with the text length.
fn best_window(matched: &[Option<String>], window: usize) -> usize {
    let last_start = matched.len() - window;
    let mut candidates: Vec<usize> = matched
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_some())
        .map(|(i, _)| i.saturating_sub(window / 2).min(last_start))
        .collect();
    candidates.dedup();
    if candidates.is_empty() {
        candidates.push(0);
    }
    let mut best = (0usize, 0usize, 0usize); // (distinct matches, margin, start)
    for start in candidates {
        let slice = &matched[start..start + window];
        let distinct: HashSet<&str> = slice.iter().flatten().map(String::as_str).collect();
        let first = slice.iter().position(Option::is_some).unwrap_or(0);
        let last = slice
            .iter()
            .rposition(Option::is_some)
            .unwrap_or(window - 1);
        let margin = first.min(window - 1 - last);
        if (distinct.len(), margin) > (best.0, best.1) {
            best = (distinct.len(), margin, start);
        }
    }
    best.2
}

/// The words `range` of `text` as fragments, matched words marked, with
/// `…` where the text goes on.
fn fragments(
    text: &str,
    words: &[(usize, usize)],
    matched: &[Option<String>],
    range: std::ops::Range<usize>,
) -> Vec<Fragment> {
    let (start, end) = (range.start, range.end);
    let from = if start == 0 { 0 } else { words[start].0 };
    let to = if end == words.len() {
        text.len()
    } else {
        words[end - 1].1
    };
    let mut out = Vec::new();
    if start > 0 {
        out.push(Fragment {
            text: "…".into(),
            hl: false,
        });
    }
    let mut cursor = from;
    for (&(w_from, w_to), m) in words[range.clone()].iter().zip(&matched[range]) {
        if m.is_some() {
            if w_from > cursor {
                push(&mut out, &text[cursor..w_from], false);
            }
            push(&mut out, &text[w_from..w_to], true);
            cursor = w_to;
        }
    }
    if to > cursor {
        push(&mut out, &text[cursor..to], false);
    }
    if end < words.len() {
        push(&mut out, " …", false);
    }
    out
}

/// The first two characters of a word, lowercased (`\0` past the end).
fn prefix2(word: &str) -> (char, char) {
    let mut chars = word.chars().flat_map(char::to_lowercase);
    (chars.next().unwrap_or('\0'), chars.next().unwrap_or('\0'))
}

fn push(out: &mut Vec<Fragment>, text: &str, hl: bool) {
    match out.last_mut() {
        Some(last) if last.hl == hl => last.text.push_str(text),
        _ => out.push(Fragment {
            text: text.to_string(),
            hl,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_marked_by_stem() {
        let q: HashSet<String> = ["restart", "servic"].map(String::from).into();
        let f = excerpt("Restarting the service fixes it.", &q, 10);
        let marked: Vec<&str> = f.iter().filter(|f| f.hl).map(|f| f.text.as_str()).collect();
        assert_eq!(marked, ["Restarting", "service"]);
        let all: String = f.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(all, "Restarting the service fixes it.");
    }

    #[test]
    fn the_window_moves_to_the_matches() {
        let text = format!(
            "{} disk full here {}",
            "filler ".repeat(100),
            "filler ".repeat(100)
        );
        let q: HashSet<String> = ["disk"].map(String::from).into();
        let f = excerpt(&text, &q, 8);
        assert!(f[0].text.starts_with('…'));
        assert!(
            f.last().unwrap().text.ends_with('…'),
            "the match is centred, not at the end"
        );
        assert!(f.iter().any(|f| f.hl && f.text == "disk"));
    }

    #[test]
    fn question_words_are_not_marked() {
        let q: HashSet<String> = ["when", "disk", "has"].map(String::from).into();
        let f = excerpt("It fails when the disk has no space left.", &q, 10);
        let marked: Vec<&str> = f.iter().filter(|f| f.hl).map(|f| f.text.as_str()).collect();
        assert_eq!(marked, ["disk"]);
    }
}
