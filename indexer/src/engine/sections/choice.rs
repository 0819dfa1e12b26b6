//! Which section a card shows, from the scores of an entry's sections.

use std::collections::HashMap;

use super::super::SectionDoc;

/// The scored sections of each entry.
pub(in crate::engine) type SectionScores = HashMap<u32, Vec<(Scored, SectionDoc)>>;

/// A section's score (with the entry's own IDF), the part of it from words
/// the entry's intro does not have (and of that, the part its heading
/// has), and its plain BM25 score as a passage of the knowledge base.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(in crate::engine) struct Scored {
    pub total: f32,
    pub own: f32,
    pub passage: f32,
    /// The part of `own` from the section's heading, without the words
    /// of headings many entries share.
    pub heading: f32,
    /// The query has an error string the author tied to this section.
    pub tied: bool,
}

/// A section the author tied an error string of the query to is shown
/// unless another section has more than this many times its evidence of
/// its own: the tied string is often one several causes print (`secret "x"
/// not found`), and the other cause then names what tells it apart (the
/// operator's `SecretSyncedError`, `git commit -m` before the stray words).
const TIE_OUTWEIGHED: f32 = 2.0;

/// The best passage score of an entry's sections.
pub(in crate::engine) fn best_passage(scored: &[(Scored, SectionDoc)]) -> f32 {
    scored.iter().map(|(s, _)| s.passage).fold(0.0, f32::max)
}

/// The section a card shows. A section the author tied an error string
/// of the query to (`errors: [{text, section}]`) is shown first, unless
/// another has far more evidence of its own ([`TIE_OUTWEIGHED`]). An entry
/// whose steps are in one section (its resolution) shows that one, unless
/// the query's own words are in another section's heading more than in its
/// own (the sections are then cases, one with steps). Otherwise its `##`
/// sections are causes or cases: the one with the most evidence of its own
/// (words of the query the intro lacks, such as the error string it
/// quotes) is shown; when none has any, the intro, whose card lists the
/// causes rather than guess one's steps. Sections of the entry's overview
/// (`Issue`, `Root Cause`) count as its intro: they describe the entry,
/// quoting the error every cause prints, and name no cause.
pub(super) fn choose_section(scored: &[(Scored, SectionDoc)]) -> u32 {
    let headed: Vec<&(Scored, SectionDoc)> = scored
        .iter()
        .filter(|(_, d)| !d.describes_entry())
        .collect();
    // The author tied an error string of the query to a section: their
    // word decides (among several so tied, the evidence does), unless the
    // query names another cause far better.
    let tied = headed.iter().filter(|(s, _)| s.tied).max_by(|a, b| {
        (a.0.own, a.0.total)
            .partial_cmp(&(b.0.own, b.0.total))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    if let Some((t, d)) = tied {
        if !headed.iter().any(|(s, _)| s.own > t.own * TIE_OUTWEIGHED) {
            return d.index;
        }
    }
    let mut with_steps = headed.iter().filter(|(_, d)| d.steps);
    if let (Some((steps, only)), None) = (with_steps.next(), with_steps.next()) {
        // Unless another section's heading names the query better: then
        // the sections are cases, and the one named is chosen below.
        let named_better = headed
            .iter()
            .any(|(s, d)| d.index != only.index && s.heading > steps.heading);
        if !named_better {
            return only.index;
        }
    }
    if let [(_, only)] = headed[..] {
        return only.index;
    }
    let by = |key: fn(&Scored) -> (f32, f32)| {
        headed
            .iter()
            .filter(|(s, _)| key(s).0 > 0.0)
            .max_by(|a, b| {
                key(&a.0)
                    .partial_cmp(&key(&b.0))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|(_, d)| d.index)
    };
    match scored.iter().find(|(_, d)| d.describes_entry()) {
        Some((_, intro)) => by(|s| (s.own, s.total)).unwrap_or(intro.index),
        None => by(|s| (s.total, s.own))
            .or(headed.first().map(|(_, d)| d.index))
            .unwrap_or(0),
    }
}
