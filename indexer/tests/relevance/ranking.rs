//! Ranking regressions, each named after the miss it fixed.

use super::common;
use super::top_ids;

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
