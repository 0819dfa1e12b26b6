//! Relevance floors: regression tests over query sets, not tuning targets.
//! A drop below a floor means a change made answers worse; fix the cause.

mod common;

use indexer::eval::{evaluate, parse_queries, Flagging};

fn run(kb: &str, content_dir: &str) -> indexer::eval::Report {
    run_file(kb, content_dir, "queries.jsonl")
}

fn run_file(kb: &str, content_dir: &str, file: &str) -> indexer::eval::Report {
    let engine = common::engine_for(&common::repo_path(content_dir));
    let queries = parse_queries(
        &std::fs::read_to_string(common::repo_path(&format!("tests/kbs/{kb}/{file}"))).unwrap(),
    )
    .unwrap();
    let report = evaluate(&engine, &queries);
    eprintln!("{kb}: {:?}", report.overall);
    for m in &report.misses {
        eprintln!(
            "  miss [{}] {:?} expected {:?} got {:?}",
            m.kind,
            m.query.chars().take(80).collect::<String>(),
            m.expected,
            m.got
        );
    }
    report
}

/// The "no answer matches this well" flag's counts over these query files
/// of one KB, summed.
fn flagging(kb: &str, content_dir: &str, files: &[&str]) -> Flagging {
    let mut sum = Flagging::default();
    for file in files {
        add(&mut sum, &run_file(kb, content_dir, file).flagging);
    }
    sum
}

fn add(sum: &mut Flagging, f: &Flagging) {
    sum.out_of_scope += f.out_of_scope;
    sum.out_of_scope_flagged += f.out_of_scope_flagged;
    sum.in_scope_right += f.in_scope_right;
    sum.in_scope_right_flagged += f.in_scope_right_flagged;
}

/// (share of out-of-scope queries flagged, share of right answers flagged).
fn flag_rates(f: &Flagging) -> (f64, f64) {
    (
        f.out_of_scope_flagged as f64 / f.out_of_scope as f64,
        f.in_scope_right_flagged as f64 / f.in_scope_right as f64,
    )
}

/// The ids of the hits for `query` on the KB in `content` (a repository path).
fn top_ids(content: &str, query: &str) -> Vec<String> {
    let engine = common::engine_for(&common::repo_path(content));
    let results = engine.search(query, &indexer::SearchOptions::default());
    results.hits.into_iter().map(|h| h.id).collect()
}

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

/// Regression: on it-helpdesk, "what does error AADSTS50079 mean" went to
/// the OneDrive and Teams error entries, whose titles, keywords and error
/// strings say "error": a code the sign-in entry lists as a status scored
/// as one status word. An identifier an entry lists as its status or error
/// code weighs as its id.
#[test]
fn a_code_an_entry_lists_as_its_status_names_that_entry() {
    assert_eq!(
        top_ids(
            "tests/kbs/it-helpdesk/content",
            "what does error AADSTS50079 mean"
        )[0],
        "aadsts-sign-in-errors"
    );
}

/// Regression: on storage-faq, "migrate a bucket to another account"
/// found the BucketAlreadyExists entry and "is the object size limit 5tb"
/// the EntityTooLarge one: a question's `a`, `to`, `the` and `is` matched
/// their error strings, where such words are rare (high IDF). A typed
/// question's function words search prose only.
#[test]
fn a_question_s_function_words_do_not_pick_the_error_entry() {
    let kb = "tests/kbs/storage-faq/content";
    assert_eq!(
        top_ids(kb, "migrate a bucket to another account")[0],
        "copy-between-buckets"
    );
    assert_eq!(
        top_ids(kb, "is the object size limit 5tb")[0],
        "max-object-size"
    );
}

/// Regression: on storage-faq, a pasted `$ aws s3 ls … --endpoint-url …`
/// followed by `An error occurred (InvalidAccessKeyId)` went to the entry
/// on setting the endpoint: the InvalidAccessKeyId entry says "check
/// `--endpoint-url`, see [the setup](…)", and that pointer moved the setup
/// entry first. A pointer found only in the command the user ran does not.
#[test]
fn a_pointer_for_the_command_s_options_does_not_move_the_answer() {
    let ids = top_ids(
        "tests/kbs/storage-faq/content",
        "$ aws s3 ls s3://team-ml-artifacts/ --endpoint-url https://blob.eu-central-1.example.com\n\nAn error occurred (InvalidAccessKeyId) when calling the ListObjectsV2 operation: The AWS Access Key Id you provided does not exist in our records.",
    );
    assert_eq!(ids[0], "invalid-access-key-id");
}

/// Regression: web-errors' "config test failed" entry sends `unknown
/// directive` to its own entry ("for `unknown directive` see [unknown
/// directive](…)"); quoted as the hub's own code, the string made the hub
/// outrank the entry it points to. Code in a block that links elsewhere
/// points there.
#[test]
fn a_reason_a_hub_entry_points_elsewhere_for_finds_that_entry() {
    let ids = top_ids(
        "tests/kbs/web-errors/content",
        "root@edge-3:~# nginx -t\nnginx: [emerg] unknown directive \"http2\" in /etc/nginx/conf.d/portal.conf:4\nnginx: configuration file /etc/nginx/nginx.conf test failed\nroot@edge-3:~# nginx -v\nnginx version: nginx/1.22.1",
    );
    assert_eq!(ids[0], "unknown-directive");
}

/// Regression: curl's `SSL certificate problem: self-signed certificate`
/// went to the hub entry that lists every reason curl gives and documents
/// the lines each of them prints, though the hub says "`self-signed
/// certificate` …: see [self-signed certificate](…)". The entry a
/// candidate points to for a string the query has goes first.
#[test]
fn the_entry_a_hub_points_to_for_the_pasted_reason_comes_first() {
    let ids = top_ids(
        "tests/kbs/web-errors/content",
        "$ curl https://localhost:8443/api/health\ncurl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it.",
    );
    assert_eq!(ids[0], "self-signed-certificate");
    assert_eq!(ids[1], "certificate-verify-failed");
}

/// Regression: python-errors' shadowing entry lists no `errors:` but
/// quotes `'email' is not a package`; the paste went to the general
/// "no module named" entry, which lists its message. An entry that lists
/// no error strings is found by the ones its text quotes.
#[test]
fn an_error_an_entry_quotes_without_listing_it_finds_that_entry() {
    let ids = top_ids(
        "tests/kbs/python-errors/content",
        "Traceback (most recent call last):\n  File \"/home/pat/reports/send_report.py\", line 1, in <module>\n    import smtplib\nModuleNotFoundError: No module named 'email.utils'; 'email' is not a package\n$ ls\nemail.py  send_report.py  templates",
    );
    assert_eq!(ids[0], "local-file-shadows-module");
}

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

/// Pasted output keeps its lead on the new set too (95 % when set).
#[test]
fn postgres_pastes_stay_above_the_floor() {
    let r = run("postgres-errors", "tests/kbs/postgres-errors/content");
    let paste = r.by_kind["paste"].top1;
    assert!(paste >= 0.93, "postgres pastes: top-1 {paste:.3}");
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

/// Regression (issue 14): `Get "https://registry…/v2/": dial tcp …: i/o
/// timeout` ranked the HTTPS-support entry first, because the URL's
/// scheme counted as a word. A URL in a paste is noise.
#[test]
fn a_url_in_a_pull_timeout_does_not_make_it_about_https() {
    let engine = common::eas_engine();
    let results = engine.search(
        "Error response from daemon: Get \"https://registry-vpc.cn-shanghai.aliyuncs.com/v2/\": dial tcp 100.103.7.1:443: i/o timeout",
        &indexer::SearchOptions::default(),
    );
    assert_eq!(results.hits[0].id, "image-pull-backoff");
}

/// The card shows the cause the query names (floors below today's 80.9 %,
/// 90.7 %, on git-errors 93.2 %, on npm-errors 82.1 % and on
/// python-errors 90.5 %, on web-errors 68.8 %, on kubernetes-errors 79.6 %,
/// on jvm-errors 77.4 %, on storage-faq 72.7 %, on it-helpdesk 88.9 % of
/// section queries; when it cannot tell, it lists the causes).
#[test]
fn cards_show_the_cause_the_paste_names() {
    for (kb, content, floor) in [
        ("eas", "content", 0.77),
        ("postgres-errors", "tests/kbs/postgres-errors/content", 0.88),
        ("git-errors", "tests/kbs/git-errors/content", 0.91),
        ("npm-errors", "tests/kbs/npm-errors/content", 0.79),
        ("python-errors", "tests/kbs/python-errors/content", 0.88),
        ("web-errors", "tests/kbs/web-errors/content", 0.67),
        (
            "kubernetes-errors",
            "tests/kbs/kubernetes-errors/content",
            0.77,
        ),
        ("jvm-errors", "tests/kbs/jvm-errors/content", 0.75),
        ("storage-faq", "tests/kbs/storage-faq/content", 0.70),
        ("it-helpdesk", "tests/kbs/it-helpdesk/content", 0.86),
    ] {
        let r = run_file(kb, content, "section-queries.jsonl");
        let s = r.sections.expect("the file names sections");
        for m in &s.misses {
            eprintln!(
                "  {kb} section miss {}: expected {:?}, got {:?}",
                m.id, m.expected, m.got
            );
        }
        assert!(
            s.accuracy() >= floor,
            "{kb}: section accuracy {:.3}",
            s.accuracy()
        );
    }
}

/// Regression (issue 13): a pull error naming `no such host` showed the
/// image-pull entry's intro with the steps of its first cause (expand the
/// disk); the card shows the cause that quotes the error, with its steps.
#[test]
fn a_pull_error_naming_no_such_host_shows_the_access_control_cause() {
    let engine = common::eas_engine();
    let hit = &engine
        .search(
            "2025-03-02T11:04:51.120Z eas-svc-7f9c8d-x2k4p  Back-off pulling image \"registry-vpc.cn-hangzhou.aliyuncs.com/acme/infer:v3\": rpc error: code = Unknown desc = failed to resolve reference: dial tcp: lookup registry-vpc.cn-hangzhou.aliyuncs.com: no such host",
            &indexer::SearchOptions::default(),
        )
        .hits[0];
    assert_eq!(hit.id, "image-pull-backoff");
    assert_eq!(
        hit.section.as_deref(),
        Some("ACR access control not configured")
    );
    assert!(
        hit.steps.iter().all(|s| !s.contains("system disk")),
        "{:?}",
        hit.steps
    );
}

/// Regression: two causes of web-errors' config-test entry quote
/// `invalid number of arguments in "proxy_pass" directive` and `… in
/// "proxy_set_header" directive`; keyed by their first four words only,
/// the two were one string, and the paste naming `proxy_pass` showed the
/// other cause. A section's quoted strings are keyed whole too; and
/// nginx's `(13: Permission denied)` is an errno before its message, kept,
/// so the string an author tied to the permission cause matches.
#[test]
fn the_cause_quoting_the_pasted_string_whole_is_shown() {
    let engine = common::engine_for(&common::repo_path("tests/kbs/web-errors/content"));
    for (paste, id, section) in [
        (
            "$ sudo nginx -t\n2026/11/12 09:14:07 [emerg] 23488#23488: invalid number of arguments in \"proxy_pass\" directive in /etc/nginx/sites-enabled/ledger.conf:6\nnginx: configuration file /etc/nginx/nginx.conf test failed",
            "nginx-config-test-failed",
            "A semicolon is missing",
        ),
        (
            "2026/11/14 09:12:05 [crit] 26588#26588: *1 connect() to unix:/run/php-fpm/www.sock failed (13: Permission denied) while connecting to upstream, client: 10.4.0.2",
            "php-fpm-socket-bad-gateway",
            "nginx is not allowed to use the socket",
        ),
    ] {
        let hit = &engine
            .search(paste, &indexer::SearchOptions::default())
            .hits[0];
        assert_eq!(hit.id, id, "{paste}");
        assert_eq!(hit.section.as_deref(), Some(section), "{paste}");
    }
}

/// Regression: a typed question of 27 tokens counted as a paste (function
/// words and joined forms included), so it lost the coverage rerank that
/// typed words get, and the entry about invocation errors came first.
#[test]
fn a_long_typed_question_is_ranked_as_typed_words() {
    let engine = common::eas_engine();
    let hit = &engine
        .search(
            "the instance shows status Error with an error code right after it starts, my own startup script is probably throwing, where can I see what went wrong",
            &indexer::SearchOptions::default(),
        )
        .hits[0];
    assert_eq!(hit.id, "service-failed");
    assert_eq!(hit.section.as_deref(), Some("Startup cause: code error"));
}

/// Regression: a typed typo (`memroy`) was corrected at under a third of a
/// word's weight, too little to choose the memory cause, so the card showed
/// the generic crash section and its steps.
#[test]
fn a_typo_in_a_question_still_chooses_the_cause_it_names() {
    let engine = common::eas_engine();
    for query in [
        "the instance was killed, it went past its memroy limit while starting",
        "my instance got killed at startup, memroy too small?",
    ] {
        let hit = &engine
            .search(query, &indexer::SearchOptions::default())
            .hits[0];
        assert_eq!(hit.id, "service-failed", "{query}");
        assert_eq!(
            hit.section.as_deref(),
            Some("Startup cause: out of memory (OOM)"),
            "{query}"
        );
    }
}

/// Regression: the author tied `Committer identity unknown` to its cause
/// (`errors: [{text, section}]`), yet the card showed "Name and email were
/// never set", whose text quotes the `unable to auto-detect email address`
/// line every such paste ends with. A tied string the query has decides.
/// And a tied string is matched whole: `integrity checksum failed when
/// using sha1` (tied to the lock file's cause) is not the `... sha512` of a
/// corrupted cache.
#[test]
fn an_error_string_tied_to_a_cause_shows_that_cause() {
    let cases = [
        (
            "tests/kbs/git-errors/content",
            "$ git cherry-pick other\nCommitter identity unknown\n\n*** Please tell me who you are.\n\nRun\n\n  git config --global user.email \"you@example.com\"\n  git config --global user.name \"Your Name\"\n\nto set your account's default identity.\n\nfatal: unable to auto-detect email address (got 'ci@runner-7.(none)')",
            "author-identity-unknown",
            "Only the committer identity is missing",
        ),
        (
            "tests/kbs/npm-errors/content",
            "$ npm ci\nnpm error code EINTEGRITY\nnpm error Invalid response body while trying to fetch https://registry.npmjs.org/debug: integrity checksum failed when using sha512: wanted sha512-AAAA but got sha512-BBBB. (12 bytes)",
            "eintegrity-checksum-failed",
            "The npm cache is corrupted",
        ),
    ];
    for (content, paste, id, section) in cases {
        let engine = common::engine_for(&common::repo_path(content));
        let hit = &engine
            .search(paste, &indexer::SearchOptions::default())
            .hits[0];
        assert_eq!(hit.id, id);
        assert_eq!(hit.section.as_deref(), Some(section), "{paste}");
    }
}

/// A tied error string of one word (`(0xFFFD)`, `ENOSPC`) has no phrase
/// key; it was ignored, and a query that says it showed the intro.
#[test]
fn an_error_word_tied_to_a_cause_shows_that_cause() {
    let entry = "---\ntitle: Writes fail\nerrors:\n  - text: \"ENOSPC\"\n    section: The disk is full\n---\n\nA write can fail for several reasons.\n\n## The disk is full\n\n1. Free some space.\n\n## The folder is read-only\n\n1. Remount it read-write.\n";
    let engine = common::engine_of(&[("writes-fail.md", entry)]);
    let hit = &engine
        .search("write failed: ENOSPC", &indexer::SearchOptions::default())
        .hits[0];
    assert_eq!(hit.section.as_deref(), Some("The disk is full"));
}

/// A tied string the entry's intro quotes too is printed by every cause
/// (npm's "It's possible that the file was already in use" under any
/// EPERM): it does not decide, and the evidence does.
#[test]
fn a_tied_string_the_intro_quotes_does_not_decide() {
    let entry = "---\ntitle: Writes fail\nerrors:\n  - text: \"the write was refused by the system\"\n    section: The disk is full\n---\n\nEvery cause prints `the write was refused by the system`.\n\n## The disk is full\n\n1. Free some space.\n\n## The folder is read-only\n\n1. Remount it read-write.\n";
    let engine = common::engine_of(&[("writes-fail.md", entry)]);
    let hit = &engine
        .search(
            "the write was refused by the system: the folder is read-only",
            &indexer::SearchOptions::default(),
        )
        .hits[0];
    assert_eq!(hit.section.as_deref(), Some("The folder is read-only"));
}

/// Regression: PostgreSQL logs the reason under the `FATAL:` line, on a
/// `DETAIL:` line, which a paste weighs as a middle line (0.6). The error
/// string the detail quotes (`does not have a valid SCRAM secret`) then lost
/// the choice of cause to the `Connection matched pg_hba.conf` line.
#[test]
fn an_error_string_on_a_detail_line_chooses_its_cause() {
    let engine = common::engine_for(&common::repo_path("tests/kbs/postgres-errors/content"));
    let paste = "2026-11-30 18:02:11.402 UTC [9912] reporting@analytics FATAL:  password authentication failed for user \"reporting\"\n\
        2026-11-30 18:02:11.402 UTC [9912] reporting@analytics DETAIL:  User \"reporting\" does not have a valid SCRAM secret.\n\
        \tConnection matched pg_hba.conf line 102: \"hostssl all all 10.0.0.0/8 scram-sha-256\"";
    let hit = &engine
        .search(paste, &indexer::SearchOptions::default())
        .hits[0];
    assert_eq!(hit.id, "password-authentication-failed");
    assert_eq!(
        hit.section.as_deref(),
        Some("Password stored as MD5 but the method is scram-sha-256")
    );
}

/// Regression: a message line quoting two of an entry's twelve documented
/// error strings ranked below an entry sharing three of its words, because
/// BM25 shortens the score of a field that holds many strings. Each
/// documented string contained whole in the query now counts on its own.
#[test]
fn an_entry_documenting_many_error_strings_wins_a_message_that_quotes_one() {
    let engine = common::engine_of(&[
        (
            "trait-not-implemented.md",
            "---\ntitle: A type is used where it must implement a trait it does not implement\nerrors:\n  - \"the trait bound\"\n  - \"is not satisfied\"\n  - \"the trait is not implemented for\"\n  - \"doesn't implement `Debug`\"\n  - \"cannot be sent between threads safely\"\n  - \"cannot be shared between threads safely\"\n  - \"the size for values of type\"\n  - \"cannot be known at compilation time\"\n  - \"is not an iterator\"\n  - \"can't compare\"\n  - \"a value of type\"\n  - \"cannot be built from an iterator\"\n---\n\nImplement the trait for the type, or use a type that implements it.\n",
        ),
        (
            "lifetime-bound.md",
            "---\ntitle: A lifetime bound required by a type is not met\nerrors:\n  - \"lifetime bound not satisfied\"\n---\n\nThe bound on the lifetime is not satisfied: declare that one lifetime outlives the other.\n",
        ),
        (
            "moved-value.md",
            "---\ntitle: A value is used after it was moved\nerrors:\n  - \"borrow of moved value\"\n---\n\nClone the value or borrow it instead of moving it.\n",
        ),
        (
            "private-field.md",
            "---\ntitle: A private field is read from outside its module\nerrors:\n  - \"is private\"\n---\n\nMake the field public or add a getter.\n",
        ),
    ]);
    let hits = engine
        .search(
            "the trait bound `Config: Clone` is not satisfied",
            &indexer::SearchOptions::default(),
        )
        .hits;
    assert_eq!(
        hits[0].id,
        "trait-not-implemented",
        "{:?}",
        hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
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

/// Regression: a hex error code an entry documents (`0x800CCC0F`, the
/// shape of Windows and driver error codes) was dropped from the query as
/// a hash, so searching the code alone found nothing. A variable-looking
/// piece the knowledge base has verbatim is a documented code; one it
/// lacks is still the user's own id.
#[test]
fn a_hex_error_code_an_entry_documents_finds_it() {
    let engine = common::engine_of(&[
        (
            "outbox.md",
            "---\ntitle: Messages stay in the Outbox\n---\n\nSend/Receive reports `0x800CCC0F`.\n\n## Cause\n\nAn antivirus program interrupts the SMTP connection.\n\n## Resolution\n\n1. Turn off outgoing mail scanning.\n",
        ),
        (
            "pst.md",
            "---\ntitle: The PST file has reached its maximum size\n---\n\nANSI PST files stop at 2 GB.\n\n1. Archive old items.\n",
        ),
    ]);
    let search = |q: &str| engine.search(q, &indexer::SearchOptions::default());
    let hits = search("0x800CCC0F").hits;
    assert_eq!(hits.first().map(|h| h.id.as_str()), Some("outbox"));
    assert!(search("0x7f2c3a1e").hits.is_empty(), "an id no entry has");
}

/// Regression (git-errors questions): "can't switch branches because I
/// have edits I haven't committed yet" ranked the push-rejected entry
/// first, whose title says "because the remote has commits that I do not
/// have": in a small KB the auxiliaries' IDF is high. A typed query drops
/// them; the index keeps them.
#[test]
fn a_question_s_auxiliaries_do_not_match_a_title_s() {
    let engine = common::engine_of(&[
        (
            "push-rejected.md",
            "---\ntitle: git push is rejected because the remote has commits that I do not have\n---\n\nSomeone pushed first; your branch is behind.\n\n1. Pull, then push again.\n",
        ),
        (
            "local-changes.md",
            "---\ntitle: Switching branch refuses, local changes would be overwritten\n---\n\nThe checkout would overwrite work in progress.\n\n1. Stash it first.\n",
        ),
        (
            "lock.md",
            "---\ntitle: Another git process seems to be running\n---\n\nA lock file was left behind.\n\n1. Remove the lock file.\n",
        ),
    ]);
    let r = engine.search(
        "can't switch branches because I have edits I haven't committed yet",
        &indexer::SearchOptions::default(),
    );
    assert_eq!(r.hits[0].id, "local-changes");
}

/// Regression (git-errors): a pasted push rejection marked the status
/// `rejected` but not `fetch first`, which it also says: a paste searches
/// only its strongest words, and `first` was not among them. A status is
/// marked when the query has its words, searched or not.
#[test]
fn a_status_a_paste_names_is_marked_though_its_words_were_not_searched() {
    let engine = common::engine_for(&common::repo_path("tests/kbs/git-errors/content"));
    let paste = "$ git push origin main\nTo github.com:ml-lab/trainer.git\n ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs to 'github.com:ml-lab/trainer.git'\nhint: Updates were rejected because the remote contains work that you do not\nhint: have locally. This is usually caused by another repository pushing to";
    let hit = &engine
        .search(paste, &indexer::SearchOptions::default())
        .hits[0];
    assert_eq!(hit.id, "push-rejected-non-fast-forward");
    assert_eq!(hit.matched_statuses, ["rejected", "fetch first"]);
}

/// Regression: an error string documented with a named placeholder, as
/// docs write them (`disk quota exceeded for {user}`), never matched
/// whole, because `user` had to be in the query: the pasted error was
/// flagged "no answer matches this well" though its entry documents it.
#[test]
fn a_documented_error_with_a_bracketed_placeholder_is_found_whole() {
    let entry = |title: &str, error: &str| {
        format!("---\ntitle: {title}\nerrors:\n  - \"{error}\"\n---\n\nSee below.\n\n1. Fix it.\n")
    };
    let engine = common::engine_of(&[
        (
            "quota.md",
            &entry("Disk quota exceeded", "disk quota exceeded for {user}"),
        ),
        (
            "perm.md",
            &entry(
                "The server cannot read the file",
                "could not open file <path> for reading",
            ),
        ),
    ]);
    let r = engine.search(
        "error: disk quota exceeded for alice",
        &indexer::SearchOptions::default(),
    );
    assert_eq!(r.hits[0].id, "quota");
    assert!(!r.weak, "the documented string, found whole");
}
