//! Writing the index: entries → tantivy documents → one bundle (and, for a
//! large knowledge base, the entry shard files that go next to it; see
//! [`crate::store`]).
//!
//! Runs natively at build time only; the browser just reads the result.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use aho_corasick::AhoCorasick;
use tantivy::schema::Field;
use tantivy::tokenizer::{PreTokenizedString, Token as TantivyToken};
use tantivy::{Directory, Index, IndexWriter, TantivyDocument};

use crate::analysis::{self, Token};
use crate::bundle::Bundle;
use crate::model::{quoted_form, Entry, Section};
use crate::names;
use crate::schema::{exact_id, Fields};
use crate::store;
use crate::synonyms::Synonyms;

mod split;

/// Writer memory budget: large enough that typical knowledge bases fit in
/// one segment (segments are merged into one afterwards anyway).
const WRITER_MEMORY: usize = 256 * 1024 * 1024;

/// Where the entry bodies go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Inside the bundle when they are small (up to [`store::EMBED_LIMIT`]
    /// bytes), in shard files otherwise.
    #[default]
    Auto,
    /// Always inside the bundle: one file to deploy.
    Embedded,
    /// Always in shard files next to the bundle.
    Sharded,
}

/// What a build writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub bundle: Bundle,
    /// `(path relative to the bundle's folder, bytes)` of the shard files
    /// to write next to it; empty when the bundle embeds the entries.
    pub shard_files: Vec<(String, Vec<u8>)>,
    /// The same for the postings files (see [`crate::sparse`]); empty when
    /// the bundle embeds them.
    pub postings_files: Vec<(String, Vec<u8>)>,
}

/// Builds the one-file bundle (index + entries + synonyms).
pub fn build_bundle(entries: &[Entry], synonyms: &Synonyms) -> tantivy::Result<Bundle> {
    Ok(build(entries, synonyms, Layout::Embedded)?.bundle)
}

/// Builds the bundle, with the entry bodies laid out as `layout` says.
pub fn build(entries: &[Entry], synonyms: &Synonyms, layout: Layout) -> tantivy::Result<Built> {
    let fields = Fields::new();
    let index = Index::create_in_ram(fields.schema.clone());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY)?;
    let overview = overview_headings(entries);
    for (ord, entry) in entries.iter().enumerate() {
        let sections: Vec<AnalysedSection> = entry.sections.iter().map(analyse_section).collect();
        writer.add_document(entry_document(&fields, ord as u64, entry, &sections))?;
        for (s, analysed) in sections.into_iter().enumerate() {
            let section = &entry.sections[s];
            let deciding = deciding_tied_strings(entry, section);
            let phrases = section_phrases(entry, section, &deciding);
            writer.add_document(section_document(
                &fields,
                (ord as u64, s as u64),
                section,
                overview.contains_key(&heading_key(&section.heading)),
                analysed,
                phrases,
                tied_keys(&deciding).chain(tied_words(&deciding)).collect(),
            ))?;
        }
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()?;

    let mut bundle = Bundle::default();
    let dir = index.directory();
    let mut paths: BTreeSet<std::path::PathBuf> = dir.list_managed_files().into_iter().collect();
    paths.insert("meta.json".into());
    for path in paths {
        if !dir.exists(&path).unwrap_or(false) {
            continue;
        }
        let data = dir
            .atomic_read(&path)
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        bundle.files.insert(
            format!("{}{}", names::BUNDLE_INDEX_PREFIX, path.display()),
            data,
        );
    }
    let packed = store::pack(entries);
    bundle
        .files
        .insert(names::BUNDLE_CATALOG.into(), packed.catalog);
    let embed = match layout {
        Layout::Auto => packed.body_bytes <= store::EMBED_LIMIT,
        Layout::Embedded => true,
        Layout::Sharded => false,
    };
    let mut shard_files = Vec::new();
    let mut postings_files = Vec::new();
    if embed {
        bundle.files.extend(packed.shards);
    } else {
        shard_files = packed.shards;
        // Read from the whole index: the split one records what it reads.
        let filter = split::phrase_filter(&index.reader()?.searcher(), &fields)?;
        bundle
            .files
            .insert(names::BUNDLE_PHRASE_FILTER.into(), filter.to_bytes());
        postings_files = split::split_postings(&mut bundle)?;
    }
    if !synonyms.groups.is_empty() {
        let json = serde_json::to_vec(synonyms)
            .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
        bundle.files.insert(names::BUNDLE_SYNONYMS.into(), json);
    }
    Ok(Built {
        bundle,
        shard_files,
        postings_files,
    })
}

fn pretokenized(tokens: Vec<Token>) -> PreTokenizedString {
    let tokens = tokens
        .into_iter()
        .map(|t| TantivyToken {
            offset_from: t.from,
            offset_to: t.to,
            position: t.position as usize,
            text: t.text,
            position_length: 1,
        })
        .collect();
    PreTokenizedString {
        text: String::new(),
        tokens,
    }
}

/// Plain tokens without offsets (for bigrams and exact ids).
fn plain(words: impl IntoIterator<Item = String>) -> Vec<Token> {
    words
        .into_iter()
        .enumerate()
        .map(|(i, text)| Token {
            text,
            from: 0,
            to: 0,
            position: i as u32,
            is_part: true,
        })
        .collect()
}

fn add(doc: &mut TantivyDocument, field: Field, tokens: Vec<Token>) {
    if !tokens.is_empty() {
        doc.add_pre_tokenized_text(field, pretokenized(tokens));
    }
}

fn code_of(texts: &[String]) -> Vec<Token> {
    texts.iter().flat_map(|t| analysis::code_terms(t)).collect()
}

fn prose_and_bigrams(text: &str, bigrams: &mut Vec<String>) -> Vec<Token> {
    let prose = analysis::prose_terms(text);
    bigrams.extend(analysis::bigrams(&prose));
    prose
}

/// A section's text analysed once, for its entry's document and its own:
/// the prose terms and bigrams of its heading and text, and its words.
struct AnalysedSection {
    heading: Vec<Token>,
    heading_grams: Vec<String>,
    text: Vec<Token>,
    text_grams: Vec<String>,
    /// Unstemmed words, for typo correction.
    words: Vec<String>,
}

fn analyse_section(s: &Section) -> AnalysedSection {
    let mut words = Vec::new();
    let mut prose = |text: &str| {
        let tokens = analysis::code_terms(text);
        words.extend(tokens.iter().map(|t| t.text.clone()));
        let prose = analysis::to_prose(tokens);
        let grams = analysis::bigrams(&prose);
        (prose, grams)
    };
    let (heading, heading_grams) = prose(&s.heading);
    let (text, text_grams) = prose(&s.text);
    AnalysedSection {
        heading,
        heading_grams,
        text,
        text_grams,
        words,
    }
}

fn entry_document(
    f: &Fields,
    ord: u64,
    e: &Entry,
    sections: &[AnalysedSection],
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_u64(f.entry, ord);
    let mut grams = Vec::new();
    add(&mut doc, f.id_exact, plain([exact_id(&e.id)]));
    add(&mut doc, f.id_parts, analysis::code_terms(&e.id));
    add(&mut doc, f.title, prose_and_bigrams(&e.title, &mut grams));
    add(
        &mut doc,
        f.keywords,
        e.keywords
            .iter()
            .flat_map(|k| prose_and_bigrams(k, &mut grams))
            .collect(),
    );
    add(&mut doc, f.errors, code_of(&e.errors));
    // An entry that lists no error strings quotes them in its text, if
    // anywhere: its code spans stand in.
    let quoted: Vec<&str> = if e.errors.is_empty() {
        e.code().collect()
    } else {
        e.errors.iter().map(String::as_str).collect()
    };
    add(
        &mut doc,
        f.error_phrases,
        plain(quoted.iter().flat_map(|e| error_string_keys(e))),
    );
    for err in &e.errors {
        grams.extend(analysis::bigrams(&analysis::prose_terms(err)));
    }
    add(&mut doc, f.statuses, code_of(&e.statuses));
    let code: Vec<String> = e.code().map(str::to_string).collect();
    add(&mut doc, f.code, code_of(&code));
    let headings: Vec<Token> = sections.iter().flat_map(|s| s.heading.clone()).collect();
    grams.extend(
        sections
            .iter()
            .flat_map(|s| s.heading_grams.iter().cloned()),
    );
    add(&mut doc, f.headings, headings);
    let body: Vec<Token> = sections.iter().flat_map(|s| s.text.clone()).collect();
    grams.extend(sections.iter().flat_map(|s| s.text_grams.iter().cloned()));
    add(&mut doc, f.body, body);
    add(&mut doc, f.bigrams, plain(grams));
    let mut vocabulary: BTreeSet<String> = BTreeSet::new();
    let own_text = std::iter::once(e.title.as_str())
        .chain(e.keywords.iter().map(String::as_str))
        .chain(e.errors.iter().map(String::as_str));
    for text in own_text {
        vocabulary.extend(analysis::code_terms(text).into_iter().map(|t| t.text));
    }
    vocabulary.extend(sections.iter().flat_map(|s| s.words.iter().cloned()));
    add(&mut doc, f.words, plain(vocabulary));
    doc
}

/// The error strings that are a section's own, as phrase keys: those the
/// author tied to it, the entry's error strings its text quotes, and its
/// code spans, each by its first parts and whole (two causes quoting
/// `invalid number of arguments in "proxy_pass" directive` and `… in
/// "proxy_set_header" directive` differ only there); the `deciding` tied
/// strings also whole. They choose the section a paste names.
fn section_phrases(e: &Entry, s: &Section, deciding: &[String]) -> Vec<String> {
    let text = quoted_form(&s.text);
    let quoted = e
        .errors
        .iter()
        .filter(|err| s.errors.contains(err) || text.contains(&quoted_form(err)));
    // A step's code is what to run, not what was printed: keyed by its
    // first parts only, as before, since a pasted command may repeat it.
    let in_steps = &code_in_steps(s);
    let code = |run: bool| {
        s.code
            .iter()
            .enumerate()
            .filter(move |(i, _)| in_steps.contains(i) == run)
            .map(|(_, c)| c)
    };
    let (run, printed) = (code(true), code(false));
    let mut keys: Vec<String> = quoted
        .chain(s.errors.iter())
        .chain(printed)
        .flat_map(|t| error_string_keys(t))
        .chain(run.into_iter().filter_map(|t| analysis::phrase_key(t)))
        .chain(tied_keys(deciding))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The positions of the section's code that its steps quote. A section of
/// thousands of steps and code spans is searched in one pass over its
/// steps (40,000 steps each quoting its own code took 17 s when each code
/// was looked for in every step); a usual one, directly.
fn code_in_steps(s: &Section) -> HashSet<usize> {
    let directly = || {
        (0..s.code.len())
            .filter(|&i| s.steps.iter().any(|step| step.contains(&s.code[i])))
            .collect()
    };
    if s.steps.len().saturating_mul(s.code.len()) <= 10_000 {
        return directly();
    }
    // Each different code once (a thousand copies of `x` would each match
    // every `x` of the steps).
    let mut different: HashMap<&str, usize> = HashMap::new();
    let ids: Vec<usize> = s
        .code
        .iter()
        .map(|c| {
            let next = different.len();
            *different.entry(c.as_str()).or_insert(next)
        })
        .collect();
    let mut patterns = vec![""; different.len()];
    for (&c, &id) in &different {
        patterns[id] = c;
    }
    let Ok(automaton) = AhoCorasick::new(&patterns) else {
        return directly();
    };
    let mut quoted = vec![false; patterns.len()];
    let mut left = patterns.len();
    for step in &s.steps {
        for m in automaton.find_overlapping_iter(step) {
            let id = m.pattern().as_usize();
            if !quoted[id] {
                quoted[id] = true;
                left -= 1;
            }
        }
        if left == 0 {
            break;
        }
    }
    (0..s.code.len()).filter(|&i| quoted[ids[i]]).collect()
}

/// The tied strings that decide a section (`s_tied`): not those the
/// entry's intro quotes too, as a line every cause prints (npm's "It's
/// possible that the file was already in use" under any EPERM).
fn deciding_tied_strings(e: &Entry, s: &Section) -> Vec<String> {
    s.errors
        .iter()
        .filter(|err| !e.intro_quotes(err))
        .cloned()
        .collect()
}

/// An error string's phrase keys: by its first parts, which rank (they
/// still match when a pasted tail differs), and whole (up to
/// [`analysis::MAX_TIED_PHRASE_PARTS`]) when it is longer, which only
/// says where the string ends: a shorter documented string found inside
/// it is its general case and does not count (`engine::phrases`).
fn error_string_keys(text: &str) -> impl Iterator<Item = String> {
    let head = analysis::phrase_key(text);
    let whole = analysis::phrase_key_of(text, analysis::MAX_TIED_PHRASE_PARTS)
        .filter(|whole| Some(whole) != head.as_ref());
    head.into_iter().chain(whole)
}

/// The keys of error strings tied to a section, whole.
fn tied_keys(errors: &[String]) -> impl Iterator<Item = String> + '_ {
    errors
        .iter()
        .filter_map(|t| analysis::phrase_key_of(t, analysis::MAX_TIED_PHRASE_PARTS))
}

/// The tied error strings of one word (`(0xFFFD)`), which have no phrase
/// key: the word itself, as the query's code terms write it.
fn tied_words(errors: &[String]) -> impl Iterator<Item = String> + '_ {
    errors.iter().filter_map(|t| {
        let mut words = analysis::code_terms(t).into_iter().filter(|w| w.is_part);
        match (words.next(), words.next()) {
            (Some(word), None) => Some(word.text),
            _ => None,
        }
    })
}

/// The headings that describe an entry rather than name one of its
/// causes: a heading (case and spacing aside) that more than two entries,
/// and at least a third of them, give a section without steps (`Issue`,
/// `Environment`, `Root Cause`, `Diagnostic Steps` of a Red Hat style
/// solution; `Why it happens` beside `How to fix it`). A section under one
/// is part of its entry's overview, which the engine reads like the intro.
/// (A third, not fewer: options some entries share, such as `On Windows`
/// written as prose, stay cases the query can name.) By [`heading_key`],
/// each with the heading as its first entry writes it.
pub fn overview_headings(entries: &[Entry]) -> BTreeMap<String, String> {
    // key → (entries with it, the heading as first written)
    let mut entries_with: HashMap<String, (usize, &str)> = HashMap::new();
    for entry in entries {
        let headings: HashMap<String, &str> = entry
            .sections
            .iter()
            .filter(|s| !s.heading.is_empty() && s.steps.is_empty())
            .map(|s| (heading_key(&s.heading), s.heading.trim()))
            .collect();
        for (key, written) in headings {
            entries_with.entry(key).or_insert((0, written)).0 += 1;
        }
    }
    let third = entries.len() as f32 / 3.0;
    entries_with
        .into_iter()
        .filter(|&(_, (n, _))| n > 2 && n as f32 >= third)
        .map(|(key, (_, written))| (key, written.to_string()))
        .collect()
}

/// A heading compared case and spacing aside, without closing punctuation
/// (`Root cause:` is `root cause`).
pub fn heading_key(heading: &str) -> String {
    heading
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([':', '.', '?', '!'])
        .to_lowercase()
}

/// The document of section `index` of entry `ord`.
fn section_document(
    f: &Fields,
    (ord, index): (u64, u64),
    section: &Section,
    overview: bool,
    s: AnalysedSection,
    phrases: Vec<String>,
    tied: Vec<String>,
) -> TantivyDocument {
    let (intro, has_steps, code) = (
        section.heading.is_empty(),
        !section.steps.is_empty(),
        &section.code,
    );
    let mut doc = TantivyDocument::new();
    doc.add_u64(f.s_entry, ord);
    doc.add_u64(f.s_index, index);
    doc.add_u64(f.s_intro, u64::from(intro));
    doc.add_u64(f.s_steps, u64::from(has_steps));
    doc.add_u64(f.s_overview, u64::from(overview));
    add(&mut doc, f.s_heading, s.heading);
    add(&mut doc, f.s_text, s.text);
    add(&mut doc, f.s_code, code_of(code));
    add(
        &mut doc,
        f.s_bigrams,
        plain(s.heading_grams.into_iter().chain(s.text_grams)),
    );
    add(&mut doc, f.s_phrases, plain(phrases));
    add(&mut doc, f.s_tied, plain(tied));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Issue` in every entry (no steps) is the entries' structure; `On
    /// Windows` in three of twelve is a case some entries have, and
    /// `Resolution` has the steps.
    #[test]
    fn a_heading_a_third_of_the_entries_give_without_steps_is_the_overview() {
        let section = |heading: &str, steps: &[&str]| Section {
            heading: heading.into(),
            steps: steps.iter().map(|s| s.to_string()).collect(),
            ..Section::default()
        };
        let entries: Vec<Entry> = (0..12)
            .map(|i| Entry {
                sections: [
                    vec![section("Issue", &[]), section("Resolution", &["Fix it."])],
                    if i < 3 {
                        vec![section("On  Windows:", &[])]
                    } else {
                        vec![]
                    },
                ]
                .concat(),
                ..Entry::default()
            })
            .collect();
        assert_eq!(
            overview_headings(&entries),
            BTreeMap::from([("issue".to_string(), "Issue".to_string())])
        );
        assert_eq!(heading_key("Root  Cause:"), "root cause");
        // Two entries cannot show a structure.
        assert!(overview_headings(&entries[..2]).is_empty());
    }

    /// The one-pass search finds the same code as looking for each code in
    /// every step, overlapping and repeated code included.
    #[test]
    fn a_long_section_finds_the_code_its_steps_quote() {
        let steps: Vec<String> = (0..150).map(|i| format!("Run `cmd {i}` now")).collect();
        let mut code: Vec<String> = (0..150).map(|i| format!("cmd {}", i * 2)).collect();
        code.extend([
            "cmd 1".into(),
            "cmd 1".into(),
            "md 14".into(),
            "printed".into(),
        ]);
        let s = Section {
            steps,
            code,
            ..Section::default()
        };
        assert!(
            s.steps.len() * s.code.len() > 10_000,
            "the one-pass search runs"
        );
        let direct: HashSet<usize> = (0..s.code.len())
            .filter(|&i| s.steps.iter().any(|step| step.contains(&s.code[i])))
            .collect();
        let found = code_in_steps(&s);
        assert_eq!(found, direct);
        assert_eq!(
            found.len(),
            75 + 3,
            "cmd 0, cmd 2 … cmd 148, both cmd 1, md 14"
        );
    }
}
