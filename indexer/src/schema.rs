//! The tantivy schema and the weight of each field in scoring.
//!
//! Text is analysed by this crate ([`crate::analysis`]) and handed to
//! tantivy pre-tokenized, so the native indexer and the wasm engine can
//! never disagree about tokens: no tokenizer is registered by name.
//!
//! The index holds two kinds of documents:
//! - one **entry** document per entry (fields without prefix), ranked to
//!   answer a query;
//! - one **section** document per section (`s_` fields), used only to pick
//!   the best-matching section of the entries already ranked.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
};

/// Which analyzer produces a field's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analyzer {
    /// Lowercased tokens, nothing dropped or stemmed.
    Code,
    /// Without function words, stemmed.
    Prose,
    /// Bigrams of adjacent prose terms.
    Bigram,
    /// The id with separators removed, one token.
    Exact,
    /// A whole documented error string, one token (see
    /// [`crate::analysis::phrase_key`]): matched when the query contains it.
    Phrase,
}

/// A searchable text field with its analyzer and its weight.
#[derive(Debug, Clone, Copy)]
pub struct Weighted {
    pub field: Field,
    pub analyzer: Analyzer,
    pub weight: f32,
}

/// Weight of the entry's whole id: the strongest signal.
pub const ID_WEIGHT: f32 = 20.0;
/// Weight of a whole error string found in the query.
pub const PHRASE_WEIGHT: f32 = 3.0;
/// The same inside an entry, choosing among its sections.
pub const SECTION_PHRASE_WEIGHT: f32 = 6.0;

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    /// Entry ordinal (entry documents).
    pub entry: Field,
    pub id_exact: Field,
    pub id_parts: Field,
    pub title: Field,
    pub keywords: Field,
    pub errors: Field,
    pub error_phrases: Field,
    pub statuses: Field,
    pub code: Field,
    pub headings: Field,
    pub body: Field,
    pub bigrams: Field,
    /// Unstemmed vocabulary of the entry, for typo correction; not scored.
    pub words: Field,
    /// Entry ordinal and section ordinal (section documents).
    pub s_entry: Field,
    pub s_index: Field,
    /// 1 for an entry's intro (the text before its first `##`).
    pub s_intro: Field,
    /// 1 when the section has resolution steps (a cause: its card shows them).
    pub s_steps: Field,
    /// 1 for a section of the entry's overview ([`crate::index_build`]'s
    /// `overview_headings`: `Issue`, `Root Cause`, a heading most entries
    /// share, without steps), which describes the entry like its intro.
    pub s_overview: Field,
    pub s_heading: Field,
    pub s_text: Field,
    pub s_code: Field,
    pub s_bigrams: Field,
    /// The error strings that belong to the section (quoted in it, or tied
    /// to it in the front matter), as phrase keys.
    pub s_phrases: Field,
    /// Of those, the ones the author tied to the section and the intro
    /// does not quote (whole, up to 12 words, or one word): not scored,
    /// they decide (the author's word on which cause a string means).
    pub s_tied: Field,
}

/// Pre-tokenized text (the analyzers run before tantivy sees it).
fn indexing(record: IndexRecordOption) -> TextFieldIndexing {
    TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(record)
}

fn text(record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(indexing(record))
}

impl Fields {
    /// Builds the schema.
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let freqs = text(IndexRecordOption::WithFreqs);
        let basic = text(IndexRecordOption::Basic);
        let entry = b.add_u64_field("entry", INDEXED | FAST);
        let id_exact = b.add_text_field("id_exact", freqs.clone());
        let id_parts = b.add_text_field("id_parts", freqs.clone());
        let title = b.add_text_field("title", freqs.clone());
        let keywords = b.add_text_field("keywords", freqs.clone());
        let errors = b.add_text_field("errors", freqs.clone());
        // No length normalisation: an entry that documents many error
        // strings matches each of them as well as one that documents one.
        let error_phrases = b.add_text_field(
            "error_phrases",
            TextOptions::default()
                .set_indexing_options(indexing(IndexRecordOption::WithFreqs).set_fieldnorms(false)),
        );
        let statuses = b.add_text_field("statuses", freqs.clone());
        let code = b.add_text_field("code", freqs.clone());
        let headings = b.add_text_field("headings", freqs.clone());
        let body = b.add_text_field("body", freqs.clone());
        let bigrams = b.add_text_field("bigrams", freqs.clone());
        let words = b.add_text_field("words", basic);
        let s_entry = b.add_u64_field("s_entry", INDEXED | FAST);
        let s_index = b.add_u64_field("s_index", FAST);
        let s_intro = b.add_u64_field("s_intro", FAST);
        let s_steps = b.add_u64_field("s_steps", FAST);
        let s_overview = b.add_u64_field("s_overview", FAST);
        let s_heading = b.add_text_field("s_heading", freqs.clone());
        let s_text = b.add_text_field("s_text", freqs.clone());
        let s_code = b.add_text_field("s_code", freqs.clone());
        let s_bigrams = b.add_text_field("s_bigrams", freqs);
        let s_phrases = b.add_text_field(
            "s_phrases",
            TextOptions::default()
                .set_indexing_options(indexing(IndexRecordOption::WithFreqs).set_fieldnorms(false)),
        );
        let s_tied = b.add_text_field("s_tied", text(IndexRecordOption::Basic));
        Fields {
            schema: b.build(),
            entry,
            id_exact,
            id_parts,
            title,
            keywords,
            errors,
            error_phrases,
            statuses,
            code,
            headings,
            body,
            bigrams,
            words,
            s_entry,
            s_index,
            s_intro,
            s_overview,
            s_steps,
            s_heading,
            s_text,
            s_code,
            s_bigrams,
            s_phrases,
            s_tied,
        }
    }

    /// Fields that rank entries, with weights: the id is the strongest
    /// signal (pastes carry the code or class name the id is made of), then
    /// title and author keywords, exact error strings and code, then prose.
    pub fn entry_fields(&self) -> [Weighted; 11] {
        use Analyzer::*;
        let w = |field, analyzer, weight| Weighted {
            field,
            analyzer,
            weight,
        };
        [
            w(self.id_exact, Exact, ID_WEIGHT),
            w(self.id_parts, Code, 2.0),
            w(self.title, Prose, 2.0),
            w(self.keywords, Prose, 2.0),
            w(self.errors, Code, 1.5),
            w(self.error_phrases, Phrase, PHRASE_WEIGHT),
            w(self.statuses, Code, 1.5),
            w(self.code, Code, 1.2),
            w(self.headings, Prose, 1.2),
            w(self.body, Prose, 1.0),
            w(self.bigrams, Bigram, 1.0),
        ]
    }

    /// The error-phrase fields, of entries and of sections: a phrase is
    /// looked up in both.
    pub fn phrase_fields(&self) -> [Field; 2] {
        [self.error_phrases, self.s_phrases]
    }

    /// Fields that pick the best section inside an entry.
    pub fn section_fields(&self) -> [Weighted; 5] {
        use Analyzer::*;
        let w = |field, analyzer, weight| Weighted {
            field,
            analyzer,
            weight,
        };
        [
            w(self.s_heading, Prose, 2.0),
            w(self.s_text, Prose, 1.0),
            w(self.s_code, Code, 1.5),
            w(self.s_bigrams, Bigram, 1.0),
            // An error string the query contains whole names the cause.
            w(self.s_phrases, Phrase, SECTION_PHRASE_WEIGHT),
        ]
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}

/// The id as one lowercase token without separators: `image-pull-backoff`
/// and `ImagePullBackOff` both become `imagepullbackoff`.
pub fn exact_id(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
