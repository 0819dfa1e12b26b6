//! Short forms that technical writing uses for a word: a reader types
//! `config` or `repo` where the answer says `configuration` or
//! `repository`. Stemming cannot join them, and they hold in every
//! knowledge base, so the engine knows them itself (a knowledge base's own
//! `synonyms.txt` adds its jargon).
//!
//! Only the short form expands. The other way round, `memory` would find
//! the `mem` of every `work_mem` identifier (measured: one message line
//! and one question lost on the postgres set, nothing gained).
//!
//! ```
//! use indexer::analysis::{abbreviations, stem};
//! assert_eq!(abbreviations::full_words(&stem("config")), ["configuration"]);
//! assert!(abbreviations::full_words(&stem("configuration")).is_empty());
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// (short form, full word) pairs of general technical English, and the
/// decimal unit names a reader types for the binary ones documentation
/// uses (`gb` → `gib`). Only
/// short forms with one meaning in technical text: `conf`, `res`, `sec`,
/// `temp`, `var` or `dev` name several things (`temp` is also a
/// temperature, `/var` and `/dev` are folders).
const PAIRS: &[(&str, &str)] = &[
    ("addr", "address"),
    ("admin", "administrator"),
    ("app", "application"),
    ("arg", "argument"),
    ("async", "asynchronous"),
    ("attr", "attribute"),
    ("auth", "authentication"),
    ("auth", "authorization"),
    ("auto", "automatic"),
    ("cert", "certificate"),
    ("cfg", "configuration"),
    ("config", "configuration"),
    ("conn", "connection"),
    ("cred", "credential"),
    ("creds", "credentials"),
    ("db", "database"),
    ("dep", "dependency"),
    ("deps", "dependencies"),
    ("dir", "directory"),
    ("doc", "documentation"),
    ("docs", "documentation"),
    ("env", "environment"),
    ("func", "function"),
    ("gb", "gib"),
    ("img", "image"),
    ("impl", "implementation"),
    ("info", "information"),
    ("init", "initialization"),
    ("k8s", "kubernetes"),
    ("kb", "kib"),
    ("lib", "library"),
    ("max", "maximum"),
    ("mb", "mib"),
    ("mem", "memory"),
    ("min", "minimum"),
    ("msg", "message"),
    ("param", "parameter"),
    ("passwd", "password"),
    ("perf", "performance"),
    ("perm", "permission"),
    ("perms", "permissions"),
    ("pkg", "package"),
    ("prod", "production"),
    ("pwd", "password"),
    ("repo", "repository"),
    ("req", "request"),
    ("resp", "response"),
    ("spec", "specification"),
    ("tb", "tib"),
    ("tmp", "temporary"),
];

/// The full words of a short form given as its prose stem.
pub fn full_words(stemmed: &str) -> &'static [&'static str] {
    static BY_STEM: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    let map = BY_STEM.get_or_init(|| {
        let mut map: HashMap<String, Vec<&'static str>> = HashMap::new();
        for &(short, full) in PAIRS {
            let forms = map.entry(super::stem(short)).or_default();
            if !forms.contains(&full) {
                forms.push(full);
            }
        }
        map
    });
    map.get(stemmed).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::stem;

    #[test]
    fn a_short_form_finds_its_full_words_only() {
        assert_eq!(full_words(&stem("repo")), ["repository"]);
        assert_eq!(full_words(&stem("repos")), ["repository"]);
        assert!(full_words(&stem("repositories")).is_empty());
        assert_eq!(
            full_words(&stem("auth")),
            ["authentication", "authorization"]
        );
        assert!(full_words(&stem("service")).is_empty());
    }

    #[test]
    fn every_pair_joins_two_different_stems() {
        for (short, full) in PAIRS {
            assert_ne!(
                stem(short),
                stem(full),
                "{short} and {full} already share a stem"
            );
        }
    }
}
