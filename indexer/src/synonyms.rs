//! Author synonyms: groups of interchangeable phrases, applied at query time.
//!
//! File format (`synonyms.txt` at the root of the content folder): one group
//! per line, phrases separated by commas; `#` starts a comment.
//!
//! ```text
//! # a paste saying OOMKilled finds the entry written as "out of memory"
//! OOMKilled, out of memory, OOM
//! SSE, streaming
//! ```

use serde::{Deserialize, Serialize};

use crate::analysis;

/// Parsed synonym groups.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Synonyms {
    pub groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// Parses the text format; returns the 1-based line of the first bad group.
    pub fn parse(text: &str) -> Result<Synonyms, (usize, String)> {
        let mut groups = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let phrases: Vec<String> = line
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect();
            if phrases.len() < 2 {
                return Err((
                    n + 1,
                    "a synonym group needs at least two phrases separated by commas".into(),
                ));
            }
            if let Some(p) = phrases.iter().find(|p| analysis::prose_terms(p).is_empty()) {
                return Err((n + 1, format!("phrase `{p}` has no searchable words")));
            }
            groups.push(phrases);
        }
        Ok(Synonyms { groups })
    }

    /// For a query given as its prose terms (`query_terms`, its words in
    /// order, and `joined`, the one-word forms of its compound words), the
    /// phrases to add: every other phrase of each group one of whose
    /// phrases occurs in the query. A compound matches written either way:
    /// `OOMKilled` in the file matches a typed `oomkilled`, and the other
    /// way round.
    pub fn expansions(&self, query_terms: &[String], joined: &[String]) -> Vec<&str> {
        let mut out = Vec::new();
        for group in &self.groups {
            let hit = group.iter().position(|p| {
                let prose = analysis::prose_terms(p);
                let parts: Vec<String> = prose
                    .iter()
                    .filter(|t| t.is_part)
                    .map(|t| t.text.clone())
                    .collect();
                let as_one_word = |w: &String| query_terms.contains(w) || joined.contains(w);
                contains_run(query_terms, &parts)
                    || prose.iter().any(|t| !t.is_part && as_one_word(&t.text))
                    || matches!(&parts[..], [one] if joined.contains(one))
            });
            if let Some(k) = hit {
                out.extend(
                    group
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| i != k)
                        .map(|(_, p)| p.as_str()),
                );
            }
        }
        out
    }
}

fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_parsed_with_comments_and_blank_lines() {
        let s = Synonyms::parse("# c\nOOMKilled, out of memory, OOM\n\nSSE, streaming # why\n")
            .unwrap();
        assert_eq!(s.groups.len(), 2);
        assert_eq!(s.groups[1], ["SSE", "streaming"]);
    }

    #[test]
    fn a_single_phrase_line_is_an_error_with_its_line() {
        assert_eq!(Synonyms::parse("alpha, beta\njust one\n").unwrap_err().0, 2);
    }

    #[test]
    fn a_multi_word_phrase_in_the_query_expands_to_the_others() {
        let s = Synonyms::parse("OOMKilled, out of memory").unwrap();
        let q: Vec<String> = ["pod", "out", "memori"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(s.expansions(&q, &[]), ["OOMKilled"]);
        let q: Vec<String> = ["memori"].iter().map(|s| s.to_string()).collect();
        assert!(s.expansions(&q, &[]).is_empty());
    }

    /// Regression: "service failed oomkilled" never reached `out of
    /// memory`: the file's `OOMKilled` is the words `oom kill`, the typed
    /// `oomkilled` one word.
    #[test]
    fn a_compound_matches_typed_as_one_word_or_in_parts() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        let s = Synonyms::parse("OOMKilled, out of memory").unwrap();
        assert_eq!(
            s.expansions(&words(&["servic", "oomkil"]), &[]),
            ["out of memory"]
        );
        let s = Synonyms::parse("oomkilled, out of memory").unwrap();
        assert_eq!(
            s.expansions(&words(&["oom", "kill"]), &words(&["oomkil"])),
            ["out of memory"]
        );
    }
}
