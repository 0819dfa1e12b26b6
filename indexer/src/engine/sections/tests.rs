use super::super::{testing, Engine};
use crate::analysis::paste;

/// The heading of the best section of `id` for `query`.
fn best(query: &str, id: &str) -> String {
    let engine = testing::sample();
    let plan = engine.plan(&paste::analyze(query));
    let ord = engine.summaries().iter().position(|s| s.id == id).unwrap() as u32;
    let index = Engine::best_section(&engine.section_scores(&[ord], &plan.terms), ord);
    engine.store.sections(ord).unwrap()[index as usize]
        .heading
        .clone()
}

#[test]
fn the_section_that_quotes_the_error_is_chosen() {
    assert_eq!(best("401 Unauthorized", "image-pull"), "Wrong credentials");
    assert_eq!(best("no such host", "image-pull"), "Registry host unknown");
}

#[test]
fn words_the_intro_has_show_the_intro_and_its_causes() {
    // "pull its image": the intro's own words say what the entry is
    // about, not which cause applies.
    assert_eq!(best("cannot pull image", "image-pull"), "");
    assert_eq!(best("image pull", "image-pull"), "");
}

#[test]
fn an_error_string_tied_to_a_section_in_the_front_matter_chooses_it() {
    let engine = testing::engine(&[
        "---\nid: conns\nerrors:\n  - text: \"sorry, too many clients already\"\n    section: Per-role connection limit\n---\n# Too many connections\n\nThe server refuses new connections.\n\n## The server limit\n\nmax_connections is reached.\n\n1. Raise max_connections.\n\n## Per-role connection limit\n\nA role has its own limit.\n\n1. Raise the role's CONNECTION LIMIT.\n",
    ]);
    let r = engine.search(
        "FATAL:  sorry, too many clients already",
        &crate::engine::SearchOptions::default(),
    );
    assert_eq!(
        r.hits[0].section.as_deref(),
        Some("Per-role connection limit")
    );
    assert_eq!(r.hits[0].steps, ["Raise the role's CONNECTION LIMIT."]);
}

/// Regression: a tied string that several causes print (`secret "x" not
/// found`) chose its section even when the paste also showed the operator
/// status another cause quotes (`SecretSyncedError`).
#[test]
fn a_tied_string_yields_to_a_cause_the_paste_names_far_better() {
    let engine = testing::engine(&[
        "---\nid: secret\nerrors:\n  - text: 'secret \"x\" not found'\n    section: The Secret does not exist\n---\n# A pod's Secret is missing\n\nThe pod cannot start.\n\n## The Secret does not exist\n\nThe event says `secret \"app-env\" not found`: it was never created in this namespace.\n\n1. Create the Secret.\n\n## An operator has not synced it yet\n\n`kubectl get externalsecret -n <ns>` shows `SecretSyncedError`: the operator (External Secrets) never wrote the Secret the pod waits for.\n\n1. Fix the operator's store.\n",
    ]);
    let options = crate::engine::SearchOptions::default();
    let paste = "$ kubectl describe pod api-69d7b8c5f-wk2rt -n payments | tail -1\n  Warning  Failed  5s (x58 over 12m)  kubelet  Error: secret \"payments-db\" not found\n$ kubectl get externalsecret -n payments\nNAME          STORE                 STATUS              READY\npayments-db   aws-secrets-manager   SecretSyncedError   False";
    let r = engine.search(paste, &options);
    assert_eq!(
        r.hits[0].section.as_deref(),
        Some("An operator has not synced it yet")
    );
    let r = engine.search("Error: secret \"payments-db\" not found", &options);
    assert_eq!(
        r.hits[0].section.as_deref(),
        Some("The Secret does not exist")
    );
}

/// The heading of the first hit's section for `query` over `markdown`.
fn shown(markdown: &[&str], query: &str) -> Option<String> {
    let engine = testing::engine(markdown);
    let r = engine.search(query, &crate::engine::SearchOptions::default());
    r.hits[0].section.clone()
}

const PULL: &str = "---\nid: pull\n---\n# The image cannot be pulled\n\nThe pull of the image fails. Match the error with a cause below.\n\n## Access control\n\nAccess is denied. A personal registry needs its access list; the edition of the registry decides who may pull. Personal registries are private.\n\n1. Add the network to the access list.\n\n## Which address to use\n\nA personal edition registry in another region needs its public address. When the pull times out, the registry cannot be reached.\n\n1. Use the public address.\n\n## Disk full\n\nThe error is `no space left on device`.\n\n1. Expand the disk.\n";

/// Regression (issue 13): "my personal edition repo is in another
/// region" showed the access-control cause, which says `personal` more
/// often, because every pair of words counted as the intro's.
#[test]
fn a_pair_of_words_the_intro_lacks_is_its_causes_own_evidence() {
    assert_eq!(
        shown(&[PULL], "my personal edition registry").as_deref(),
        Some("Which address to use")
    );
}

/// Regression: an intro that sums up the causes ("…because resources
/// are short or the health check fails") hid the cause "the health
/// check fails" named in its heading: its words were all the intro's,
/// so no section had evidence of its own and the card listed the
/// causes. A heading that names the query's case is that case's own,
/// unless its word is the entry's subject, in the title (`service`).
#[test]
fn an_intro_that_sums_up_the_causes_does_not_hide_the_one_a_heading_names() {
    let entry = "---\nid: waiting\n---\n# The service stays Waiting\n\nThe service stays Waiting, usually because resources are short or the health check fails.\n\n## No free resources in the group\n\n1. Scale out the resource group.\n\n## The health check fails\n\n1. Make the health check pass.\n\n## The service port differs from the code's\n\n1. Use the port of the code.\n";
    assert_eq!(
        shown(&[entry], "the health check fails").as_deref(),
        Some("The health check fails")
    );
    assert_eq!(
        shown(&[entry], "service stays waiting"),
        None,
        "no case named"
    );
}

/// Regression: a paste that set `idle_session_timeout` showed the
/// intro, which names both timeouts, not the cause that quotes it: a
/// code word the intro also quotes was no section's own evidence.
#[test]
fn a_setting_the_intro_sums_up_still_names_the_section_that_quotes_it() {
    let entry = "---\nid: idle\n---\n# The session was ended because it sat idle\n\nTwo settings end idle sessions: `idle_in_transaction_session_timeout` inside a transaction and `idle_session_timeout` outside one.\n\n## Idle inside an open transaction\n\nThe session waited longer than `idle_in_transaction_session_timeout`.\n\n1. Commit sooner.\n\n## Idle session\n\nThe session waited longer than `idle_session_timeout`.\n\n1. Make the pool recycle connections sooner.\n";
    assert_eq!(
        shown(
            &[entry],
            "SET idle_session_timeout = '2s';\nFATAL:  terminating the session"
        )
        .as_deref(),
        Some("Idle session")
    );
}

/// Regression (issue 13): "the pull just hangs on the network" showed
/// the disk cause, whose quoted `no space left on device` has `on`.
#[test]
fn a_function_word_of_a_quoted_error_is_not_a_cause_s_evidence() {
    assert_ne!(
        shown(&[PULL], "the pull of my image just hangs on and on").as_deref(),
        Some("Disk full")
    );
}

/// Regression (issue 13): "which metrics can scaling use" showed the
/// tolerance cause, whose text says "which" once, over the cause about
/// the metrics.
#[test]
fn the_words_that_make_a_question_are_not_a_cause_s_evidence() {
    let entry = "---\nid: scaling\n---\n# Scaling policies\n\nTwo policies scale a service.\n\n## Horizontal\n\nDriven by metrics.\n\n## Tolerance on the threshold\n\nA 10% tolerance around the threshold, which keeps a short metric spike from changing the number of instances too often.\n";
    assert_eq!(
        shown(&[entry], "which metrics can it use").as_deref(),
        Some("Horizontal")
    );
}

/// Regression (issue 13): a typed question of many words dropped its
/// synonym-weighted words (`timed out` → `timeout`) from the section
/// choice, as if it were a long paste.
#[test]
fn a_long_question_keeps_its_weaker_words_in_the_section_choice() {
    let question = "deploying image from public registry internet, pull hangs then times out; every service stalls same step during rollout";
    let intro = "deploying image public registry internet pull hangs times every service stalls same step during rollout";
    let entry = format!("---\nid: pull\n---\n# The image cannot be pulled\n\n{intro}: `{intro}`.\n\n## Credentials\n\nThe registry asks for a user name and password.\n\n1. Enter the password.\n\n## Network\n\nThe error is `dial tcp timeout`.\n\n1. Configure internet access.\n");
    assert_eq!(shown(&[&entry], question).as_deref(), Some("Network"));
}

const CAUSE_AND_FIX: &str = "---\nid: oom\n---\n# The job is killed\n\nThe job stops without a message.\n\n## Cause\n\nThe kernel logs `Out of memory: Killed process` when the job uses more memory than its limit.\n\n## Solution\n\n1. Raise the memory limit.\n2. Restart the job.\n";

/// An entry whose one section with steps is its resolution shows it,
/// whichever section the query's words are in.
#[test]
fn the_one_section_with_steps_is_the_resolution_shown() {
    assert_eq!(
        shown(
            &[CAUSE_AND_FIX],
            "Out of memory: Killed process 4242 (python3)"
        )
        .as_deref(),
        Some("Solution")
    );
}

/// Regression (issue 13): "which hops does a request through the VPC
/// endpoint pass" showed the direct-connection case, the only one of the
/// two with steps, though the query names the other in its heading.
#[test]
fn a_case_the_query_names_in_its_heading_is_shown_though_another_has_the_steps() {
    let entry = "---\nid: paths\n---\n# Two ways to call a service\n\nThey differ in the path a request takes.\n\n## Endpoint invocation\n\nA request goes through a load balancer and a gateway, which limit bandwidth.\n\n## Direct connection\n\nThe client reaches the instance itself.\n\n1. Enable direct connection.\n2. Set the client to direct mode.\n";
    assert_eq!(
        shown(
            &[entry],
            "which hops does a request through the endpoint pass"
        )
        .as_deref(),
        Some("Endpoint invocation")
    );
}

/// Regression: "why does the borrow error happen" showed the "Why it
/// happens" section, without steps, of an entry whose fix is in "How to
/// fix it": a heading many entries share names no case.
#[test]
fn a_heading_many_entries_share_does_not_outrank_the_fix() {
    let entry = |id: &str, topic: &str| {
        format!("---\nid: {id}\n---\n# The {topic} error\n\nThe {topic} check fails.\n\n## Why it happens\n\nThe {topic} rule is broken.\n\n## How to fix it\n\n1. Follow the {topic} rule.\n")
    };
    // Four of ten entries have the two headings: the word is no
    // longer common enough for a typed query to skip.
    let mut entries: Vec<String> = ["borrow", "move", "lifetime", "trait"]
        .iter()
        .map(|t| entry(t, t))
        .collect();
    for t in ["disk", "port", "image", "token", "quota", "region"] {
        entries.push(format!(
            "---\nid: {t}\n---\n# The {t} question\n\nAbout the {t}.\n"
        ));
    }
    let refs: Vec<&str> = entries.iter().map(String::as_str).collect();
    assert_eq!(
        shown(&refs, "why does the borrow error happen").as_deref(),
        Some("How to fix it")
    );
}

#[test]
fn a_question_picks_the_section_about_its_words() {
    assert_eq!(
        best("old logs filling my disk", "disk-full"),
        "Logs fill the disk"
    );
    assert_eq!(
        best("image too large", "disk-full"),
        "The image is too large"
    );
}
