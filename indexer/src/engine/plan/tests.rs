use super::super::testing;
use crate::analysis::paste;

fn planned(query: &str) -> Vec<(String, String)> {
    let engine = testing::sample();
    let plan = engine.plan(&paste::analyze(query));
    plan.terms
        .iter()
        .map(|t| {
            let name = engine
                .fields
                .schema
                .get_field_name(t.field.field)
                .to_string();
            (name, t.text.clone())
        })
        .collect()
}

#[test]
fn words_the_index_does_not_hold_are_dropped() {
    assert!(planned("zzqx vvwk").is_empty());
}

#[test]
fn a_word_is_searched_in_each_field_that_holds_it() {
    let terms = planned("registry");
    let fields: Vec<&str> = terms.iter().map(|(f, _)| f.as_str()).collect();
    assert!(fields.contains(&"body"), "{terms:?}");
    assert!(
        terms.iter().all(|(_, t)| t.starts_with("registr")),
        "{terms:?}"
    );
}

#[test]
fn a_short_form_searches_the_full_word_a_typed_query_only() {
    // The sample says "password"; the reader types "pwd".
    assert!(
        planned("registry pwd").iter().any(|(_, t)| t == "password"),
        "{:?}",
        planned("registry pwd")
    );
    let paste = "2025-01-01 pull failed: pwd rejected by registry ".repeat(8);
    assert!(!planned(&paste).iter().any(|(_, t)| t == "password"));
}

#[test]
fn two_typed_words_find_the_compound_the_knowledge_base_writes() {
    let engine = testing::engine(&[
        "---\nid: t\n---\n# Pull timeout\n\nThe error is `dial tcp timeout`. A syntax error raises `SyntaxError`.\n",
    ]);
    let texts = |q: &str| -> Vec<String> {
        let plan = engine.plan(&paste::analyze(q));
        plan.terms.into_iter().map(|t| t.text).collect()
    };
    assert!(texts("the pull timed out").contains(&"timeout".to_string()));
    // The knowledge base writes `syntax error` apart too: no compound.
    assert!(!texts("a syntax error").iter().any(|t| t == "syntaxerror"));
}

/// Regression (linux-ops): "my cronjob never exectues" found nothing of
/// the cron entry, which writes `cron job`.
#[test]
fn a_typed_compound_finds_the_two_words_the_knowledge_base_writes() {
    let engine = testing::engine(&[
        "---\nid: c\n---\n# A cron job does not run\n\nThe cron job's PATH is short.\n",
        "---\nid: j\n---\n# A job queue stalls\n\nThe scheduler waits.\n",
    ]);
    let plan = |q: &str| engine.plan(&paste::analyze(q));
    let split = plan("my cronjob does not run");
    let texts: Vec<&str> = split.terms.iter().map(|t| t.text.as_str()).collect();
    assert!(
        texts.contains(&"cron") && texts.contains(&"job"),
        "{texts:?}"
    );
    assert_eq!(split.unknown_weight, 0.0, "a split word is not unknown");
    // Only a pair the knowledge base writes: `jobcron` is not split.
    let texts: Vec<String> = plan("my jobcron does not run")
        .terms
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert!(!texts.iter().any(|t| t == "cron"), "{texts:?}");
}

#[test]
fn one_clause_per_field_and_text() {
    let terms = planned("disk disk disk full");
    let mut unique = terms.clone();
    unique.dedup();
    assert_eq!(terms, unique);
}

#[test]
fn a_documented_error_string_in_the_query_becomes_one_phrase_term() {
    let terms = planned("lookup registry.example: no such host");
    assert!(terms.iter().any(|(f, _)| f == "error_phrases"), "{terms:?}");
}

/// The distinct stems a plan searches in the prose fields.
fn prose_texts(plan: &super::Plan) -> std::collections::HashSet<&str> {
    plan.terms
        .iter()
        .filter(|t| t.field.analyzer == crate::schema::Analyzer::Prose)
        .map(|t| t.text.as_str())
        .collect()
}

#[test]
fn a_long_paste_keeps_only_its_most_informative_words() {
    let engine = testing::padded_sample();
    let words = "volume space logs image system disk instance registry vpc access \
                 control credentials password token calls expires renew create";
    let paste = format!("{words} {words}");
    let analysed = paste::analyze(&paste);
    assert!(analysed.long);
    let pasted = engine.plan(&analysed);
    let surface = prose_texts(&pasted);
    assert!(!surface.is_empty());
    assert!(surface.len() <= super::MAX_PASTE_TERMS, "{surface:?}");
    let typed = engine.plan(&paste::analyze(words));
    let typed_surface = prose_texts(&typed);
    assert!(
        typed_surface.len() > super::MAX_PASTE_TERMS,
        "typed, the same words are all kept: {typed_surface:?}"
    );
}

/// A typed question's function words (`the`, `on`, `a`) search prose
/// only: in code spans and error strings they are rare, so their IDF there
/// is high, and "migrate a bucket to another account" found the entry whose
/// error strings say `a` and `to`. A tool's output keeps them.
#[test]
fn a_typed_question_s_function_words_search_prose_only() {
    let code_terms = |query: &str| -> Vec<String> {
        let engine = testing::engine(&[
            "---\nid: taken\nerrors: [\"The name is not available on the server\"]\n---\n# A name is taken\n\nSomeone has it.\n",
        ]);
        let plan = engine.plan(&paste::analyze(query));
        plan.terms
            .iter()
            .filter(|t| t.field.analyzer == crate::schema::Analyzer::Code)
            .map(|t| t.text.clone())
            .collect()
    };
    let typed = code_terms("is the name taken on the server");
    assert!(!typed.contains(&"the".to_string()), "{typed:?}");
    assert!(typed.contains(&"server".to_string()), "{typed:?}");
    let output = code_terms("ERROR: name is not available on the server");
    assert!(output.contains(&"the".to_string()), "{output:?}");
}
