//! Links between entries: permalinks, anchors, and the code a block quotes
//! to point at another entry ([`super::super::pointers`]).

use super::*;

#[test]
fn links_between_entries_become_permalinks() {
    let mut links = LinkMap::default();
    links
        .ids_by_path
        .insert("deploy/other.md".into(), "other-id".into());
    let (e, warnings) = parse_entry_with_warnings(
        "faq/x.md",
        "# T\n\nSee [other](../deploy/other.md) and [gone](gone.md).\n",
        &links,
    )
    .unwrap();
    assert!(e.html.contains("href=\"other-id.html\""), "{}", e.html);
    assert_eq!(warnings.len(), 1, "the dangling link warns");
    assert_eq!(warnings[0].line, 3);
}

/// Regression: a link to a section of another entry
/// (`other.md#the-cause`) became `other-id.html/the-cause`, a page that
/// does not exist.
#[test]
fn a_link_to_another_entry_s_section_keeps_its_anchor() {
    let mut links = LinkMap::default();
    links
        .ids_by_path
        .insert("other.md".into(), "other-id".into());
    let (e, _) = parse_entry_with_warnings(
        "x.md",
        "# T\n\nSee [the cause](other.md#the-cause).\n",
        &links,
    )
    .unwrap();
    assert!(
        e.html.contains("href=\"other-id.html#the-cause\""),
        "{}",
        e.html
    );
}

/// The bug: a hub entry listing other entries' messages ("`self-signed
/// certificate`: see [Self-signed](self-signed.md)") outranked the entry it
/// pointed to for exactly that pasted error.
#[test]
fn code_quoted_beside_a_link_to_another_entry_is_not_the_entrys_own() {
    let mut links = LinkMap::default();
    for (path, id) in [("tls/hub.md", "hub"), ("tls/self-signed.md", "self-signed")] {
        links.ids_by_path.insert(path.into(), id.into());
    }
    let md = "# Certificate cannot be verified\n\n\
        curl prints `SSL certificate problem`. Most reasons have their own entry:\n\n\
        - `self-signed certificate`: see [self-signed](self-signed.md);\n\
        - `certificate has expired`, on this page.\n\n\
        See [this page's fix](hub.md#fix) for `no CA bundle`.\n";
    let e = parse_entry("tls/hub.md", md, &links).unwrap();
    assert_eq!(
        e.sections[0].code,
        [
            "SSL certificate problem",
            "certificate has expired",
            "no CA bundle"
        ],
        "a link to the entry itself points nowhere else"
    );
    assert!(
        e.sections[0].text.contains("self-signed certificate"),
        "the pointer's words stay in the text"
    );
}

/// The hub's own status quoted beside a link stays its own: "`502 Bad
/// Gateway` … for PHP sites see [PHP-FPM](php.md)" (a question about a 502
/// lost the general 502 entry when it did not).
#[test]
fn code_that_says_only_the_entrys_statuses_stays_its_own_beside_a_link() {
    let mut links = LinkMap::default();
    for (path, id) in [("web/bad-gateway.md", "bad-gateway"), ("web/php.md", "php")] {
        links.ids_by_path.insert(path.into(), id.into());
    }
    let md = "---\ntitle: 502\nstatuses: [502, Bad Gateway]\n---\n\n\
        nginx answers `502 Bad Gateway`; for `unix:` sockets see [PHP-FPM](php.md).\n";
    let e = parse_entry("web/bad-gateway.md", md, &links).unwrap();
    assert_eq!(e.sections[0].code, ["502 Bad Gateway"]);
    assert_eq!(e.points_to, [("php".to_string(), "unix:".to_string())]);
}

/// Regression: the OOMKilled entry's own `Reason: OOMKilled` was taken
/// for a pointer to CrashLoopBackOff because the
/// sentence quoting them ends "…restarts into [CrashLoopBackOff](…)", and
/// a pasted `kubectl describe pod` found the general entry first.
#[test]
fn code_naming_the_entrys_own_subject_stays_its_own_beside_a_link() {
    let mut links = LinkMap::default();
    for (path, id) in [("k/oom.md", "oom"), ("k/crash.md", "crash")] {
        links.ids_by_path.insert(path.into(), id.into());
    }
    let body = "`describe` shows `Reason: OOMKilled` and `Exit Code: 137`, and the pod \
        restarts into [CrashLoopBackOff](crash.md).\n";
    for md in [
        format!("---\ntitle: Killed with OOMKilled\nstatuses: [OOMKilled, \"137\"]\n---\n\n{body}"),
        format!("---\nstatuses: [OOMKilled, \"137\"]\n---\n\n# Killed with OOMKilled\n\n{body}"),
    ] {
        let e = parse_entry("k/oom.md", &md, &links).unwrap();
        // `Exit Code: 137` names no subject (`137` is a number): it points.
        assert_eq!(e.sections[0].code, ["Reason: OOMKilled"], "{md}");
    }
    // A status the title does not name, or a word of prose (`Failed`),
    // is not the entry's subject: such code still points elsewhere.
    let md = format!("---\ntitle: The pod failed\nstatuses: [OOMKilled, Failed]\n---\n\n{body}");
    let e = parse_entry("k/oom.md", &md, &links).unwrap();
    assert!(e.sections[0].code.is_empty(), "{:?}", e.sections[0].code);
}

/// Regression: the Metaspace entry's intro quotes its own
/// `java.lang.OutOfMemoryError: Metaspace` and ends "For heap exhaustion see
/// [Java heap space](…)": the whole paragraph counted as a pointer, the
/// entry (which lists no `errors:`) lost its message, and a pasted
/// `…: Metaspace` was answered by the heap entry, flagged as a weak answer.
#[test]
fn an_entry_without_error_strings_keeps_code_naming_its_id_beside_a_link_back() {
    let mut links = LinkMap::default();
    for (path, id) in [
        ("m/metaspace-oom.md", "metaspace-oom"),
        ("m/heap.md", "java-heap-space"),
    ] {
        links.ids_by_path.insert(path.into(), id.into());
    }
    links.index_id_words();
    let specific = "# The JVM runs out of Metaspace\n\nWhen it is full the JVM throws \
        `java.lang.OutOfMemoryError: Metaspace`. For heap exhaustion see [Java heap space](heap.md).\n";
    let e = parse_entry("m/metaspace-oom.md", specific, &links).unwrap();
    assert_eq!(
        e.sections[0].code,
        ["java.lang.OutOfMemoryError: Metaspace"]
    );
    // An entry that lists its error strings has said what is its own.
    let listing = format!("---\nerrors: [\"x\"]\n---\n{specific}");
    let e = parse_entry("m/metaspace-oom.md", &listing, &links).unwrap();
    assert!(e.sections[0].code.is_empty(), "{:?}", e.sections[0].code);
    // The general entry pointing to it does not own the string: `java` of
    // its id is the class name's package there.
    let hub = "# The JVM runs out of heap\n\n`java.lang.OutOfMemoryError: Metaspace` is another \
        area: see [Metaspace](metaspace-oom.md).\n";
    let e = parse_entry("m/heap.md", hub, &links).unwrap();
    assert!(e.sections[0].code.is_empty(), "{:?}", e.sections[0].code);
}
