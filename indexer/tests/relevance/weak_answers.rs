//! The "no answer matches this well" flag: off-topic queries are flagged,
//! right answers rarely.

use super::common;
use super::{add, flag_rates, flagging};
use indexer::eval::Flagging;

/// Regression: git's `fatal: Could not read from remote repository.`,
/// documented by the access entries, was found in a push to a remote that
/// does not exist, which no entry covers, and vouched for the first answer
/// (the upstream-branch entry, which does not document it). A string
/// found whole vouches only for an entry that documents it.
#[test]
fn another_entrys_documented_string_does_not_vouch_for_the_first_answer() {
    let engine = common::engine_for(&common::repo_path("tests/kbs/git-errors/content"));
    let results = engine.search(
        "$ git push upstream main\nfatal: 'upstream' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.",
        &indexer::SearchOptions::default(),
    );
    assert!(results.weak, "first: {}", results.hits[0].id);
}

/// Regression: on it-helpdesk, "how do I set up an email signature in
/// outlook" showed the shared-mailbox entry as the answer: it has
/// `outlook`, `set` and `up` apart, while the query's one pair the
/// knowledge base writes, "set up", is in other entries. A typed question
/// whose pairs the knowledge base holds, none in the answer, needs more of
/// its words.
#[test]
fn a_question_whose_word_pairs_are_not_in_the_answer_is_only_the_closest() {
    let engine = common::engine_for(&common::repo_path("tests/kbs/it-helpdesk/content"));
    let results = engine.search(
        "how do I set up an email signature in outlook",
        &indexer::SearchOptions::default(),
    );
    assert!(results.weak, "first: {}", results.hits[0].id);
    let right = engine.search(
        "how do I open a shared mailbox in outlook",
        &indexer::SearchOptions::default(),
    );
    assert!(!right.weak && right.hits[0].id == "shared-mailbox");
}

/// Regression: on it-helpdesk, "turn on out of office auto reply" showed
/// the Windows printer question as the answer, with `office` and
/// `automatically`, a little ahead of other entries sharing a word or two.
/// A typed question's first answer that barely leads the second needs more
/// of the query's words ([`indexer::engine::CLEAR_LEAD`]).
#[test]
fn a_question_s_first_answer_that_barely_leads_is_only_the_closest() {
    let engine = common::engine_for(&common::repo_path("tests/kbs/it-helpdesk/content"));
    for query in ["turn on out of office auto reply", "my laptop is very slow"] {
        let results = engine.search(query, &indexer::SearchOptions::default());
        assert!(results.weak, "{query}: first {}", results.hits[0].id);
    }
}

/// "No answer matches this well": over every KB's out-of-scope queries and
/// its in-scope sets, pooled. Measured when set: 61 % (60 % since typed queries drop auxiliaries) of out-of-scope
/// queries flagged (36 % before output that matches no documented error
/// string needed more coverage), 1.1 % (1.2 % without substitution typo
/// fixes) of right first answers flagged
/// (2.5 % while a long paste's own unseen names counted against its
/// answer). The target, 80 % / 2 %, is met on the second side
/// only; see README.
#[test]
fn weak_answers_are_flagged_and_right_ones_rarely() {
    let sets: [(&str, &str, &[&str]); 3] = [
        (
            "eas",
            "content",
            &[
                "out-of-scope.jsonl",
                "queries.jsonl",
                "extra-queries.jsonl",
                "apart-queries.jsonl",
                "section-queries.jsonl",
            ],
        ),
        (
            "rustc-errors",
            "tests/kbs/rustc-errors/content",
            &[
                "out-of-scope.jsonl",
                "queries.jsonl",
                "message-queries.jsonl",
            ],
        ),
        (
            "postgres-errors",
            "tests/kbs/postgres-errors/content",
            &[
                "out-of-scope.jsonl",
                "queries.jsonl",
                "section-queries.jsonl",
            ],
        ),
    ];
    let mut all = Flagging::default();
    for (kb, content, files) in sets {
        add(&mut all, &flagging(kb, content, files));
    }
    let (flagged, wrongly) = flag_rates(&all);
    let (oos, right) = (all.out_of_scope, all.in_scope_right);
    eprintln!(
        "out of scope flagged {flagged:.3} of {oos}; right answers flagged {wrongly:.3} of {right}"
    );
    assert!(oos >= 100 && right >= 500, "the sets are there");
    assert!(flagged >= 0.55, "out-of-scope flagged {flagged:.3}");
    assert!(wrongly <= 0.02, "right answers flagged {wrongly:.3}");
}

/// The same flag on git-errors, whose out-of-scope queries (58) were written
/// after the flag's thresholds were chosen: it flags far fewer there
/// (22 % when added). Many share lines with the KB on purpose (`fatal:
/// Could not read from remote repository.`, `failed to push some refs`) or
/// ask about Git topics in the KB's own words; a floor, not a target.
#[test]
fn weak_answers_on_a_knowledge_base_built_after_the_rule() {
    let content = "tests/kbs/git-errors/content";
    let f = flagging(
        "git-errors",
        content,
        &[
            "out-of-scope.jsonl",
            "queries.jsonl",
            "question-queries.jsonl",
            "section-queries.jsonl",
        ],
    );
    let (flagged, wrongly) = flag_rates(&f);
    let (oos, right) = (f.out_of_scope, f.in_scope_right);
    eprintln!("git: out of scope flagged {flagged:.3} of {oos}; right answers flagged {wrongly:.3} of {right}");
    assert!(flagged >= 0.18, "out-of-scope flagged {flagged:.3}");
    assert!(wrongly <= 0.02, "right answers flagged {wrongly:.3}");
}

/// Issue 14, "say when nothing matches well": in a knowledge base whose
/// entries document their error strings, pasted output that matches none
/// of them is flagged unless the first answer has most of its words;
/// typed words, and a KB that documents no strings, keep the coverage
/// rule alone.
#[test]
fn an_error_line_no_entry_documents_is_flagged_where_entries_document_theirs() {
    let deadlock = "title: Deadlock detected\n";
    let serialize = "title: Could not serialize access due to concurrent update\n";
    let kb = |documented: bool| {
        let errors = |s: &str| {
            if documented {
                format!("errors:\n  - \"{s}\"\n")
            } else {
                String::new()
            }
        };
        let engine = common::engine_of(&[
            (
                "deadlock.md",
                &format!("---\n{deadlock}{}---\n\nTwo transactions wait for each other's locks; the server cancels one of them.\n\n1. Retry the transaction.\n", errors("deadlock detected")),
            ),
            (
                "serialize.md",
                &format!("---\n{serialize}{}---\n\nUnder repeatable read, a row the transaction reads was updated concurrently by another one.\n\n1. Retry the transaction.\n", errors("could not serialize access due to concurrent update")),
            ),
        ]);
        move |query: &str| {
            let r = engine.search(query, &indexer::SearchOptions::default());
            assert!(!r.hits.is_empty(), "{query}: the closest is still shown");
            r.weak
        }
    };
    let undocumented = "ERROR:  tuple concurrently updated";
    let documented = kb(true);
    assert!(documented(undocumented));
    assert!(!documented(
        "ERROR:  could not serialize access due to concurrent update"
    ));
    assert!(!documented("tuple concurrently updated"), "typed words");
    assert!(!kb(false)(undocumented), "no KB strings to miss");
}

/// Regression (issue 14): a pasted log whose answer was right was flagged
/// "no answer matches this well" in a knowledge base that lists few error
/// strings, because the log's own names (pods, ports, the web server's
/// banner), which no entry has, counted as words the answer failed to
/// cover. They are the paste's, not a subject the KB lacks; typed words
/// no entry has still count.
#[test]
fn a_long_log_is_not_flagged_for_its_own_pod_and_server_names() {
    let engine = common::eas_engine();
    let search = |q: &str| engine.search(q, &indexer::SearchOptions::default());
    let log = "2025-06-11T10:02:03.551Z INFO:     Started server process [7]\n\
        2025-06-11T10:02:03.552Z INFO:     Waiting for application startup.\n\
        2025-06-11T10:02:05.118Z INFO:     Application startup complete.\n\
        2025-06-11T10:02:05.119Z INFO:     Uvicorn running on http://0.0.0.0:7860 (Press CTRL+C to quit)\n\
        2025-06-11T10:03:30Z  Warning  Unhealthy  pod/sdwebui-84d7c9f5b-mk2zq  Readiness probe failed: dial tcp 10.224.7.41:8000: connect: connection refused";
    let r = search(log);
    assert_eq!(r.hits[0].id, "service-waiting");
    assert!(
        !r.weak,
        "the log's own names are not what the answer misses"
    );
    let typed = search("why does my kafka consumer group keep rebalancing");
    assert!(typed.weak, "typed words no entry has still count");
}
