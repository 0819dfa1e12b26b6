//! An entry that points elsewhere for a string defers to that entry.
//!
//! A hub ("curl cannot verify the certificate") lists the reasons other
//! entries answer, each beside a link (`self-signed certificate`: see
//! [Self-signed](…)). Pasted output of one reason also carries the lines
//! every reason prints, which the hub documents as its own, so the hub can
//! outscore the entry it names. When the query has the very string the
//! candidate above points elsewhere for, and the entry pointed to documents
//! it while the one above does not, the author has said where the answer
//! is: that entry goes first. Not for a string found only in the command
//! the user typed (`$ aws s3 ls … --endpoint-url …`): that is what was run,
//! and the entry about setting it up is not the answer to what failed.

use std::collections::{HashMap, HashSet};

use tantivy::Term;

use super::plan::FieldTerm;
use super::Engine;
use crate::schema::Analyzer;

/// Only entries this close to the top are moved: a pointer is a hint
/// between near neighbours, not a reason to lift an entry from far below.
const DEFER_DEPTH: usize = 5;

impl Engine {
    /// Moves an entry that a candidate above it points to for a string of
    /// the query (one the entry documents) just above that candidate.
    pub(super) fn defer_to_pointed(
        &self,
        candidates: &mut [(f32, u32)],
        terms: &[FieldTerm],
        in_commands: &HashSet<String>,
    ) {
        let depth = candidates.len().min(DEFER_DEPTH);
        if depth < 2 {
            return;
        }
        let summaries = self.store.summaries();
        let pointing = |e: u32| !summaries[e as usize].points_to.is_empty();
        if !candidates[..depth - 1].iter().any(|&(_, e)| pointing(e)) {
            return;
        }
        let entries: Vec<u32> = candidates[..depth].iter().map(|&(_, e)| e).collect();
        let found = self.documented_strings_found(&entries, terms);
        for i in 0..depth - 1 {
            let above = candidates[i].1;
            let points_to = &summaries[above as usize].points_to;
            // The candidate above points to `e` for a string the query
            // has, which `e` documents and the one above does not, and
            // which the output names, not only the command that was run
            // (`--endpoint-url`, which the setup entry documents).
            let answers = |e: u32| {
                let id = &summaries[e as usize].id;
                points_to.iter().any(|(to, key)| {
                    to == id
                        && found[&e].contains(key.as_str())
                        && !found[&above].contains(key.as_str())
                        && !in_commands.contains(key)
                })
            };
            if let Some(j) = (i + 1..depth).find(|&j| answers(candidates[j].1)) {
                // Keep the scores in order: the moved entry takes the score
                // of the place it moves to.
                let score = candidates[i].0;
                candidates[i..=j].rotate_right(1);
                candidates[i].0 = score;
            }
        }
    }

    /// For each entry, the query's documented strings (entry phrase keys)
    /// it has.
    pub(super) fn documented_strings_found<'t>(
        &self,
        entries: &[u32],
        terms: &'t [FieldTerm],
    ) -> HashMap<u32, HashSet<&'t str>> {
        let docs = self.entry_doc_addresses(entries.iter().copied());
        let mut found: HashMap<u32, HashSet<&str>> =
            entries.iter().map(|&e| (e, HashSet::new())).collect();
        for t in terms
            .iter()
            .filter(|t| t.field.analyzer == Analyzer::Phrase)
        {
            let term = Term::from_field_text(t.field.field, &t.text);
            for e in self.entries_with(&term, &docs) {
                found.entry(e).or_default().insert(t.text.as_str());
            }
        }
        found
    }
}
