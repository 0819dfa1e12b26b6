//! Floors per knowledge base: top-1 by query kind, the named cause, and
//! the share of out-of-scope queries flagged.

use super::{flag_rates, flagging, run, run_file};

#[test]
fn eas_dev_queries_stay_above_the_floor() {
    let r = run("eas", "content");
    assert!(r.overall.top1 >= 0.95, "top-1 {:.3}", r.overall.top1);
    assert!(r.overall.mrr10 >= 0.97, "MRR@10 {:.3}", r.overall.mrr10);
}

#[test]
fn rustc_error_reference_stays_above_the_floor() {
    let r = run("rustc-errors", "tests/kbs/rustc-errors/content");
    assert!(r.overall.top1 >= 0.90, "top-1 {:.3}", r.overall.top1);
    assert!(r.overall.mrr10 >= 0.95, "MRR@10 {:.3}", r.overall.mrr10);
    let paste = &r.by_kind["paste"];
    assert!(
        paste.top1 >= 0.90,
        "whole cargo output pastes: top-1 {:.3}",
        paste.top1
    );
}

#[test]
fn postgres_error_reference_stays_above_the_floor() {
    let r = run("postgres-errors", "tests/kbs/postgres-errors/content");
    assert!(r.overall.top1 >= 0.90, "top-1 {:.3}", r.overall.top1);
    assert!(r.overall.mrr10 >= 0.94, "MRR@10 {:.3}", r.overall.mrr10);
}

/// Pasted output keeps its lead on the new set too (95 % when set).
#[test]
fn postgres_pastes_stay_above_the_floor() {
    let r = run("postgres-errors", "tests/kbs/postgres-errors/content");
    let paste = r.by_kind["paste"].top1;
    assert!(paste >= 0.93, "postgres pastes: top-1 {paste:.3}");
}

/// Message lines and questions (issue 14), per set; floors a few points
/// below the figures measured (dev sets: EAS apart 77 / 66 %, rustc
/// messages 100 / 80 %, rustc 97 / 97 %, postgres 99 / 89 %). A set whose queries were written apart from the engine is
/// the one to watch.
#[test]
fn message_lines_and_questions_stay_above_their_floors() {
    let sets = [
        ("eas", "content", "apart-queries.jsonl", 0.72, 0.62),
        (
            "rustc-errors",
            "tests/kbs/rustc-errors/content",
            "message-queries.jsonl",
            0.97,
            0.76,
        ),
        (
            "rustc-errors",
            "tests/kbs/rustc-errors/content",
            "queries.jsonl",
            0.93,
            0.94,
        ),
        (
            "postgres-errors",
            "tests/kbs/postgres-errors/content",
            "queries.jsonl",
            0.96,
            0.85,
        ),
    ];
    for (kb, content, file, message_floor, question_floor) in sets {
        let r = run_file(kb, content, file);
        for (kind, floor) in [("message", message_floor), ("question", question_floor)] {
            let top1 = r.by_kind[kind].top1;
            assert!(
                top1 >= floor,
                "{kb}/{file} {kind}: top-1 {top1:.3} < {floor}"
            );
        }
    }
}

/// The fourth KB, built after the engine's rules were set (so close to a
/// held-out check, though a development set from now on): real git output
/// pasted whole and its message lines, and questions a second author wrote
/// from the entries' topics alone. Measured when added: paste 98.5 %,
/// message 100 %, question 80.0 % (plain BM25 81.1 %); 83.3 % since typed
/// queries drop their auxiliaries.
#[test]
fn git_error_knowledge_base_stays_above_the_floor() {
    let content = "tests/kbs/git-errors/content";
    let r = run("git-errors", content);
    for (kind, floor) in [("paste", 0.95), ("message", 0.97)] {
        let top1 = r.by_kind[kind].top1;
        assert!(top1 >= floor, "git {kind}: top-1 {top1:.3} < {floor}");
    }
    let q = run_file("git-errors", content, "question-queries.jsonl");
    let top1 = q.by_kind["question"].top1;
    assert!(top1 >= 0.80, "git questions: top-1 {top1:.3}");
}

/// The fifth KB (npm and Node.js), written by a helper that never saw the
/// engine, with questions by a second author from the entries' topics
/// alone; measured before any change made for it: paste 100 %, message
/// 97.8 %, question 91.9 %, named cause 79.5 %, out of scope flagged
/// 44.2 % with 0 % of right answers flagged.
#[test]
fn npm_error_knowledge_base_stays_above_the_floor() {
    let content = "tests/kbs/npm-errors/content";
    let r = run("npm-errors", content);
    for (kind, floor) in [("paste", 0.97), ("message", 0.95)] {
        let top1 = r.by_kind[kind].top1;
        assert!(top1 >= floor, "npm {kind}: top-1 {top1:.3} < {floor}");
    }
    let q = run_file("npm-errors", content, "question-queries.jsonl");
    let top1 = q.by_kind["question"].top1;
    assert!(top1 >= 0.88, "npm questions: top-1 {top1:.3}");
}

/// The sixth KB (Python runtime errors), written by a helper that never
/// saw the engine, as an ordinary team would (no tied strings, a third of
/// the entries without `errors:`), with questions by a second author from
/// the topics alone; measured before any change made for it: paste
/// 90.0 %, message 95.7 %, question 94.4 %, out of scope flagged 51.1 %
/// with 6.1 % of right answers flagged.
#[test]
fn python_error_knowledge_base_stays_above_the_floor() {
    kb_stays_above(
        "python-errors",
        "tests/kbs/python-errors/content",
        Floors {
            paste: 0.96,
            message: 0.95,
            question: 0.92,
            flagged: 0.46,
        },
    );
}

/// Top-1 floors by kind (questions from `question-queries.jsonl`) and the
/// share of out-of-scope queries flagged; at most 2 % of right answers
/// may be flagged.
struct Floors {
    paste: f64,
    message: f64,
    question: f64,
    flagged: f64,
}

/// Checks a KB with queries, questions by a second author, section and
/// out-of-scope queries against its floors.
fn kb_stays_above(kb: &str, content: &str, floors: Floors) {
    let r = run(kb, content);
    for (kind, floor) in [("paste", floors.paste), ("message", floors.message)] {
        let top1 = r.by_kind[kind].top1;
        assert!(top1 >= floor, "{kb} {kind}: top-1 {top1:.3} < {floor}");
    }
    let q = run_file(kb, content, "question-queries.jsonl");
    let top1 = q.by_kind["question"].top1;
    assert!(top1 >= floors.question, "{kb} questions: top-1 {top1:.3}");
    let files = [
        "out-of-scope.jsonl",
        "queries.jsonl",
        "question-queries.jsonl",
        "section-queries.jsonl",
    ];
    let f = flagging(kb, content, &files);
    let (flagged, wrongly) = flag_rates(&f);
    let (oos, right) = (f.out_of_scope, f.in_scope_right);
    eprintln!("{kb}: out of scope flagged {flagged:.3} of {oos}; right answers flagged {wrongly:.3} of {right}");
    assert!(
        flagged >= floors.flagged,
        "{kb}: out-of-scope flagged {flagged:.3}"
    );
    assert!(wrongly <= 0.02, "{kb}: right answers flagged {wrongly:.3}");
}

/// The seventh KB, nginx, TLS and curl (`tests/kbs/web-errors`), floors
/// below today's: pastes 91.1 %, message lines 97.6 %, questions by a
/// second author 93.1 %, out of scope flagged 32.1 % (measured when added:
/// 82.1 %, 95.1 %, 94.0 %, 13.2 %).
#[test]
fn web_serving_knowledge_base_stays_above_the_floor() {
    kb_stays_above(
        "web-errors",
        "tests/kbs/web-errors/content",
        Floors {
            paste: 0.90,
            message: 0.95,
            question: 0.92,
            flagged: 0.28,
        },
    );
}

/// The eighth KB, Kubernetes workloads and kubectl
/// (`tests/kbs/kubernetes-errors`), floors below today's: pastes 96.2 %,
/// message lines 97.8 %, questions by a second author 98.6 %, out of
/// scope flagged 16.1 % (measured when added: 90.4 %, 95.7 %, 97.9 %).
#[test]
fn kubernetes_knowledge_base_stays_above_the_floor() {
    kb_stays_above(
        "kubernetes-errors",
        "tests/kbs/kubernetes-errors/content",
        Floors {
            paste: 0.94,
            message: 0.96,
            question: 0.97,
            flagged: 0.14,
        },
    );
}

/// The ninth KB, building and running JVM services
/// (`tests/kbs/jvm-errors`), floors below today's: pastes 98.2 %, message
/// lines 100 %, questions by a second author 95.0 %, out of scope flagged
/// 50.0 % (measured when added: 96.4 %, 95.8 %, 94.3 %, 41.4 %).
#[test]
fn jvm_knowledge_base_stays_above_the_floor() {
    kb_stays_above(
        "jvm-errors",
        "tests/kbs/jvm-errors/content",
        Floors {
            paste: 0.96,
            message: 0.97,
            question: 0.93,
            flagged: 0.46,
        },
    );
}

/// The tenth KB, a how-to FAQ of an S3-compatible object store
/// (`tests/kbs/storage-faq`), floors below today's: pastes 85.7 %, message
/// lines 88.9 %, questions by a second author 84.8 %, out of scope flagged
/// 13.0 % (measured when added: 82.9 %, 85.2 %, 82.1 %, 10.9 %).
#[test]
fn object_storage_faq_stays_above_the_floor() {
    kb_stays_above(
        "storage-faq",
        "tests/kbs/storage-faq/content",
        Floors {
            paste: 0.84,
            message: 0.87,
            question: 0.83,
            flagged: 0.10,
        },
    );
}

/// The eleventh KB, a company's internal IT helpdesk FAQ
/// (`tests/kbs/it-helpdesk`: error entries, how-to entries and three
/// single-file FAQ pages), floors below today's: pastes and message lines
/// 100 %, questions by a second author 77.2 %, out of scope flagged 19.1 %
/// (measured when added: 100 %, 100 %, 73.7 %, 6.4 %).
#[test]
fn it_helpdesk_faq_stays_above_the_floor() {
    kb_stays_above(
        "it-helpdesk",
        "tests/kbs/it-helpdesk/content",
        Floors {
            paste: 0.98,
            message: 0.98,
            question: 0.75,
            flagged: 0.17,
        },
    );
}

/// The twelfth KB, an operations team's Debian/Ubuntu server KB written as
/// Red Hat Solution articles (`tests/kbs/linux-ops`: `Issue`,
/// `Environment`, `Resolution` with `###` causes, `Root Cause`,
/// `Diagnostic Steps` in every entry), floors below today's: pastes and
/// message lines 100 %, questions by a second author 93.2 %, out of scope
/// flagged 36.5 % (the same when added).
#[test]
fn linux_ops_solution_articles_stay_above_the_floor() {
    kb_stays_above(
        "linux-ops",
        "tests/kbs/linux-ops/content",
        Floors {
            paste: 0.98,
            message: 0.98,
            question: 0.91,
            flagged: 0.34,
        },
    );
}
