//! Documented error strings found whole in the query. Each `errors:`
//! string of an entry is indexed as one token ([`analysis::phrase_key`]); a
//! query looks up only the runs of its words that start like one.

use std::collections::{HashMap, HashSet};

use super::plan::FieldTerm;
use super::Engine;
use crate::analysis::{self, Token};
use crate::phrase_filter::start_of;
use crate::schema::Analyzer;

/// The documented error strings a query contains whole: those that rank
/// entries, and those that only name a cause inside an entry (quoted in a
/// section or tied to it, not in the entry's `errors:`).
#[derive(Debug, Default)]
pub(super) struct PhraseTerms {
    pub entries: Vec<FieldTerm>,
    pub sections: Vec<FieldTerm>,
    /// The strings found only in commands typed at a prompt (`--endpoint-url`
    /// of `$ aws s3 ls … --endpoint-url …`): what was run, not what failed.
    pub in_commands: HashSet<String>,
}

/// A placeholder stands for up to this many words of the query: a real
/// name is often several (`<pod>` for `llm-chat-7b-5f6d8c9b7`, `<path>`
/// for `/home/dev/data.csv`), or none when the paste's analysis dropped it
/// as a variable id (`5ff76448fd-h9dsn`).
const MAX_PLACEHOLDER_PARTS: usize = 6;

/// How many of the query's parts the key's pattern matches from the
/// first, if it matches there: a placeholder
/// ([`analysis::PHRASE_WILDCARD`]) takes zero to [`MAX_PLACEHOLDER_PARTS`]
/// of them (the fewest that work).
fn match_len(parts: &[(u32, &str)], pattern: &[&str]) -> Option<usize> {
    let Some((want, rest)) = pattern.split_first() else {
        return Some(0);
    };
    if *want != analysis::PHRASE_WILDCARD {
        parts.first().filter(|(_, p)| p == want)?;
        return match_len(&parts[1..], rest).map(|n| n + 1);
    }
    (0..=MAX_PLACEHOLDER_PARTS.min(parts.len()))
        .find_map(|n| match_len(&parts[n..], rest).map(|m| n + m))
}

/// A documented string found in the query inside a longer one found
/// there is the general case of it (`object is not subscriptable` inside
/// `'NoneType' object is not subscriptable`): the longer names the entry.
/// A string's own first parts (its ranking key) are not inside it.
fn subsumed(span: (usize, usize), key: &str, found: &[(usize, usize, &str)]) -> bool {
    let head_of = |other: &str| {
        other
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with('_'))
    };
    found.iter().any(|&(start, end, other)| {
        other != key
            && !head_of(other)
            && start <= span.0
            && span.1 <= end
            && end - start > span.1 - span.0
    })
}

/// The keys found only in commands typed at a prompt: every run of the
/// query's parts that matched them is a command's.
fn only_in_commands(
    found: &[(usize, usize, String, f32)],
    parts: &[(u32, &str)],
    commands: &HashSet<u32>,
) -> HashSet<String> {
    let outside: HashSet<&str> = found
        .iter()
        .filter(|(start, end, _, _)| {
            !parts[*start..*end]
                .iter()
                .all(|(p, _)| commands.contains(p))
        })
        .map(|(_, _, key, _)| key.as_str())
        .collect();
    found
        .iter()
        .map(|(_, _, key, _)| key)
        .filter(|key| !outside.contains(key.as_str()))
        .cloned()
        .collect()
}

impl Engine {
    /// The documented error strings the query contains, as whole phrases,
    /// each weighted like its first word.
    pub(super) fn phrase_terms(
        &self,
        prose: &[Token],
        weights: &HashMap<u32, f32>,
        namespace: &HashSet<u32>,
        commands: &HashSet<u32>,
    ) -> PhraseTerms {
        let mut out = PhraseTerms::default();
        let (Some(entry_field), Some(section_field)) = (
            self.entry_field(Analyzer::Phrase),
            self.fields
                .section_fields()
                .into_iter()
                .find(|f| f.analyzer == Analyzer::Phrase),
        ) else {
            return out;
        };
        // Keys leave out the packages of class names; so do the query's runs.
        let mut parts = analysis::phrase_parts(prose);
        parts.retain(|(position, _)| !namespace.contains(position));
        let found = self.strings_found(&parts, weights);
        out.in_commands = only_in_commands(&found, &parts, commands);
        let mut seen = HashSet::new();
        // Keys of the entry field: those of at most `MAX_PHRASE_PARTS` rank;
        // longer ones are whole strings, which only mark where they end.
        let in_entries: Vec<bool> = found
            .iter()
            .map(|(_, _, key, _)| self.doc_freq(entry_field.field, key) > 0)
            .collect();
        let entry_found: Vec<(usize, usize, &str)> = found
            .iter()
            .zip(&in_entries)
            .filter(|(_, &e)| e)
            .map(|((start, end, key, _), _)| (*start, *end, key.as_str()))
            .collect();
        for (k, (start, end, key, weight)) in found.iter().enumerate() {
            let (start, end, key, weight) = (*start, *end, key.as_str(), *weight);
            let whole = key.split('_').count() > analysis::MAX_PHRASE_PARTS;
            if in_entries[k] && !whole {
                if !seen.contains(key) && !subsumed((start, end), key, &entry_found) {
                    seen.insert(key);
                    out.entries.push(FieldTerm {
                        field: entry_field,
                        text: key.to_string(),
                        weight,
                    });
                }
            } else if self.doc_freq(section_field.field, key) > 0 && seen.insert(key) {
                out.sections.push(FieldTerm {
                    field: section_field,
                    text: key.to_string(),
                    weight,
                });
            }
        }
        out
    }

    /// Each documented string the query's parts contain: (its first
    /// part, the part after its last, its key, the weight of its line).
    fn strings_found(
        &self,
        parts: &[(u32, &str)],
        weights: &HashMap<u32, f32>,
    ) -> Vec<(usize, usize, String, f32)> {
        let wild = analysis::PHRASE_WILDCARD;
        // The starts of the keys that may begin at each part; a key's second
        // part may be a placeholder (`role_*_not_exist`).
        let starts: Vec<[String; 2]> = parts
            .windows(2)
            .map(|w| {
                [
                    format!("{}_{}", w[0].1, w[1].1),
                    format!("{}_{wild}", w[0].1),
                ]
            })
            .collect();
        let mut starting: HashMap<&str, Vec<String>> = HashMap::new();
        for start in starts.iter().flatten() {
            if !starting.contains_key(start.as_str()) {
                starting.insert(start, self.phrases_starting(start));
            }
        }
        let mut found = Vec::new();
        for (i, at) in starts.iter().enumerate() {
            let keys = at
                .iter()
                .filter_map(|start| starting.get(start.as_str()))
                .flatten();
            for key in keys {
                let pattern: Vec<&str> = key.split('_').collect();
                if let Some(len) = match_len(&parts[i..], &pattern) {
                    let weight = weights.get(&parts[i].0).copied().unwrap_or(1.0);
                    found.push((i, i + len, key.clone(), weight));
                }
            }
        }
        found
    }

    /// The indexed error phrases whose first two parts are `start`
    /// (`no_such`, `role_*`), read as a range of both phrase dictionaries:
    /// a large knowledge base fetches those blocks like any other, instead
    /// of carrying every phrase in its bundle. Remembered once every block
    /// read was there.
    fn phrases_starting(&self, start: &str) -> Vec<String> {
        if let Some(known) = self.phrase_starts.lock().unwrap().get(start) {
            return known.clone();
        }
        if self
            .phrase_filter
            .as_ref()
            .is_some_and(|f| !f.may_hold(start))
        {
            return Vec::new();
        }
        // `` ` `` follows `_`: the range holds `start` and `start_…`.
        let (from, to) = (start.as_bytes(), format!("{start}`"));
        let mut keys: Vec<String> = Vec::new();
        for seg in self.searcher.segment_readers() {
            for field in self.fields.phrase_fields() {
                let Ok(inverted) = seg.inverted_index(field) else {
                    continue;
                };
                let range = inverted.terms().range().ge(from).lt(to.as_bytes());
                let Ok(mut terms) = range.into_stream() else {
                    continue;
                };
                while terms.advance() {
                    let Ok(key) = std::str::from_utf8(terms.key()) else {
                        continue;
                    };
                    let starts_so = start_of(key) == Some(start);
                    if starts_so && !keys.iter().any(|k| k == key) {
                        keys.push(key.to_string());
                    }
                }
            }
        }
        if !self.dir.any_missing() {
            let mut known = self.phrase_starts.lock().unwrap();
            if known.len() >= MAX_PHRASE_STARTS {
                known.clear();
            }
            known.insert(start.to_string(), keys.clone());
        }
        keys
    }
}

/// Phrase starts remembered at most ([`Engine::phrases_starting`]).
const MAX_PHRASE_STARTS: usize = 20_000;

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::match_len;
    use crate::analysis::{self, paste};

    fn phrases(query: &str) -> Vec<String> {
        let engine = testing::sample();
        let tokens = paste::analyze(query).tokens;
        let prose = analysis::to_prose(tokens.iter().map(|t| t.token.clone()).collect());
        let mut found: Vec<String> = engine
            .phrase_terms(
                &prose,
                &Default::default(),
                &Default::default(),
                &Default::default(),
            )
            .entries
            .into_iter()
            .map(|t| t.text)
            .collect();
        found.sort();
        found
    }

    #[test]
    fn an_error_string_inside_a_longer_line_is_found_whole() {
        assert_eq!(
            phrases("dial tcp: lookup registry.example on 10.0.0.2:53: no such host").len(),
            1
        );
    }

    #[test]
    fn the_words_of_an_error_string_apart_are_not_a_phrase() {
        assert!(phrases("such a host has no name").is_empty());
    }

    #[test]
    fn a_placeholder_in_a_documented_message_matches_any_word() {
        let engine = testing::engine(&[
            "---\nid: relation-missing\nerrors: [\"relation \\\"x\\\" does not exist\"]\n---\n# A table is missing\n\nCreate it.\n",
            "---\nid: other\n---\n# Relations between tables\n\nA relation does exist between users and orders; it does not exist twice.\n",
        ]);
        let hits = engine
            .search(
                "ERROR:  relation \"users\" does not exist",
                &crate::SearchOptions::default(),
            )
            .hits;
        assert_eq!(hits[0].id, "relation-missing");
        let tokens = paste::analyze("relation \"users\" does not exist").tokens;
        let prose = analysis::to_prose(tokens.iter().map(|t| t.token.clone()).collect());
        let found = engine
            .phrase_terms(
                &prose,
                &Default::default(),
                &Default::default(),
                &Default::default(),
            )
            .entries;
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].text, "relat_*_not_exist");
    }

    /// Regression: every `java.lang.OutOfMemoryError: …` string was keyed
    /// by its package and class alone, so a pasted `…: Metaspace` found
    /// the entry that lists `…: Java heap space` as well as its own.
    #[test]
    fn a_class_name_s_package_does_not_key_its_error_strings() {
        let engine = testing::engine(&[
            "---\nid: heap\nerrors: [\"java.lang.OutOfMemoryError: Java heap space\"]\n---\n# The heap is full\n\nRaise -Xmx.\n",
            "---\nid: metaspace\nerrors: [\"Caused by: java.lang.OutOfMemoryError: Metaspace\"]\n---\n# Metaspace is full\n\nRaise the limit.\n",
        ]);
        let found = |q: &str| {
            let analysed = paste::analyze(q);
            let tokens: Vec<_> = analysed.tokens.iter().map(|t| t.token.clone()).collect();
            let prose = analysis::to_prose(tokens);
            let terms = engine.phrase_terms(
                &prose,
                &Default::default(),
                &analysed.namespace,
                &Default::default(),
            );
            terms
                .entries
                .into_iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("Caused by: java.lang.OutOfMemoryError: Metaspace"),
            ["caus_out_memori_error"]
        );
        assert_eq!(
            found("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"),
            ["out_memori_error_java"]
        );
    }

    /// Regression: the status `Instance <name> not healthy` never matched
    /// a pasted one whole, as the pod's real name is several words.
    #[test]
    fn a_placeholder_matches_a_name_of_several_words() {
        let key = analysis::phrase_key("Instance <pod-name> not healthy").unwrap();
        let pattern: Vec<&str> = key.split('_').collect();
        let matches = |q: &str| {
            let tokens = paste::analyze(q).tokens;
            let prose = analysis::to_prose(tokens.iter().map(|t| t.token.clone()).collect());
            match_len(&analysis::phrase_parts(&prose), &pattern).is_some()
        };
        assert!(matches(
            "Instance <llm-chat-7b-5f6d8c9b7-m2p4r> not healthy: crashed"
        ));
        assert!(
            matches("Instance <5ff76448fd-h9dsn> not healthy"),
            "a name dropped as an id"
        );
        assert!(
            !matches("Instance one two three four five six seven not healthy"),
            "at most six words"
        );
    }

    /// Regression: a pasted `'NoneType' object is not subscriptable`
    /// showed the general TypeError entry, which documents `object is not
    /// subscriptable`, above the entry that documents the whole message.
    #[test]
    fn a_documented_string_inside_a_longer_one_found_whole_does_not_count() {
        let engine = testing::engine(&[
            "---\nid: general\nerrors: [\"object is not subscriptable\"]\n---\n# A value cannot be indexed\n\nAn int, a method or a NoneType value was indexed: the object is not subscriptable.\n",
            "---\nid: specific\nerrors: [\"'NoneType' object is not subscriptable\"]\n---\n# Indexing a result fails\n\nThe value was None.\n",
        ]);
        let hits = engine
            .search(
                "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    winner = ranked[0]\nTypeError: 'NoneType' object is not subscriptable",
                &crate::SearchOptions::default(),
            )
            .hits;
        assert_eq!(
            hits[0].id,
            "specific",
            "{:?}",
            hits.iter().map(|h| &h.id).collect::<Vec<_>>()
        );
    }

    #[test]
    fn every_indexed_phrase_is_found_by_its_first_two_parts() {
        let engine = testing::sample();
        // "no space left on device", "no such host", "401 Unauthorized".
        for (start, part) in [
            ("no_space", "left"),
            ("no_such", "host"),
            ("401_unauthor", ""),
        ] {
            let keys = engine.phrases_starting(start);
            assert!(
                keys.iter()
                    .any(|k| k.starts_with(start) && k.contains(part)),
                "{start}: {keys:?}"
            );
        }
        assert!(
            engine.phrases_starting("no_suc").is_empty(),
            "whole parts only"
        );
    }
}
