//! Fuzzing the content parser and the query path as tests: arbitrary text
//! and structured markdown-ish files (odd YAML, nested lists, headings,
//! fences, HTML, tables, unicode) never panic; a file parses to an entry or
//! to an error located inside the file. Every file in `tests/regressions/`
//! (inputs that once broke something) runs through the parser, the index
//! and the query path.

use std::path::Path;

use indexer::content::{self, ContentError, LinkMap};
use indexer::model::Entry;
use indexer::{index_build, Engine, SearchOptions};
use proptest::prelude::*;

mod common;

use common::eas_engine;

/// What must hold for any input: an entry that is usable, or an error
/// that points inside the file.
fn check_parse(path: &str, text: &str) -> Result<Option<Entry>, String> {
    match content::parse_entry(path, text, &LinkMap::default()) {
        Ok(e) => {
            if e.title.trim().is_empty() {
                return Err(format!("entry with an empty title: {e:?}"));
            }
            content::validate_id(&e.id).map_err(|m| format!("bad id accepted: {m}"))?;
            if e.sections.is_empty() {
                return Err("entry without sections".into());
            }
            let mut anchors: Vec<&str> = e.sections.iter().map(|s| s.anchor.as_str()).collect();
            anchors.sort_unstable();
            let n = anchors.len();
            anchors.dedup();
            if anchors.len() != n {
                return Err(format!("duplicate section anchors in {path}"));
            }
            Ok(Some(e))
        }
        Err(ContentError {
            file,
            line,
            message,
        }) => {
            let lines = text.lines().count().max(1);
            if file != path {
                return Err(format!("error names {file:?}, not {path:?}"));
            }
            if line > lines + 1 {
                return Err(format!(
                    "error at line {line} of a {lines}-line file: {message}"
                ));
            }
            if message.trim().is_empty() {
                return Err("error without a message".into());
            }
            Ok(None)
        }
    }
}

/// The query path over any text: well-formed results or an empty list.
fn check_query(engine: &Engine, q: &str) -> Result<(), String> {
    let r = engine.search(q, &SearchOptions::default());
    common::check_results(engine, &r, SearchOptions::default().limit)
}

/// A parsed entry indexes, the bundle opens, and its id finds it.
fn check_index(e: &Entry) -> Result<(), String> {
    let bundle = index_build::build_bundle(std::slice::from_ref(e), &Default::default())
        .map_err(|err| format!("indexing failed: {err}"))?;
    let engine = Engine::from_bundle_bytes(&bundle.to_bytes())
        .map_err(|err| format!("bundle does not open: {err}"))?;
    check_query(&engine, &e.title)?;
    let r = engine.search(&e.id, &SearchOptions::default());
    if r.hits.first().map(|h| h.id.as_str()) != Some(e.id.as_str()) {
        return Err(format!("searching the id {:?} does not find it", e.id));
    }
    Ok(())
}

fn yaml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title: What fails?".to_string()),
        "\\PC{0,20}".prop_map(|t| format!("title: {t}")),
        "\\PC{0,20}".prop_map(|t| format!("title: \"{}\"", t.replace(['"', '\\'], ""))),
        Just("title:".to_string()),
        Just("title: [a, b]".to_string()),
        Just("title: |\n  multi\n  line".to_string()),
        Just("title: &a anchored".to_string()),
        Just("category: *a".to_string()),
        Just("id: has space".to_string()),
        "[a-z0-9_.-]{0,12}".prop_map(|t| format!("id: {t}")),
        Just("code: E0308".to_string()),
        Just("statuses: {a: 1}".to_string()),
        Just("statuses: [Failed, 401, true, ~]".to_string()),
        Just("errors:\n  - \"no such host\"\n  - [nested]".to_string()),
        Just("keywords: !!binary aGVsbG8=".to_string()),
        Just("tags:\n\t- tab".to_string()),
        Just("? complex\n: key".to_string()),
        Just("'unterminated: x".to_string()),
        Just("- a list".to_string()),
        "\\PC{0,30}",
        "[a-z]{1,8}: \\PC{0,12}",
    ]
}

fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,30}",
        "\\PC{0,30}",
        Just("`ImagePullBackOff`".to_string()),
        Just("**bold _nested *em*_**".to_string()),
        Just("[link](other.md#x) [abs](https://x.y) [bad](../../.md)".to_string()),
        Just("![img](a.png \"t\")".to_string()),
        Just("<span onclick=\"x()\">html</span> <!-- c".to_string()),
        Just("שלום 服务一直处于等待状态 🚀💥 a\u{0301}\u{202E}rtl".to_string()),
        Just("\u{0}\u{1}\u{7f}\u{feff}\r".to_string()),
        Just("\\*escaped\\* &amp; &#0; &#x110000;".to_string()),
        Just("[^1] footnote [x]: http://y".to_string()),
    ]
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..=7, inline()).prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))),
        inline(),
        (0usize..6, 1u32..12, inline())
            .prop_map(|(indent, n, t)| format!("{}{n}. {t}", " ".repeat(indent))),
        (0usize..6, inline()).prop_map(|(indent, t)| format!("{}- {t}", " ".repeat(indent))),
        (
            prop::sample::select(vec!["```", "~~~", "````"]),
            "[a-z]{0,5}",
            inline()
        )
            .prop_map(|(f, lang, t)| format!("{f}{lang}\n{t}\n{f}")),
        Just("```\nunclosed fence".to_string()),
        Just("| a | b |\n|---|:-:|\n| `x` | 1 |\n| only one".to_string()),
        Just("<div><script>alert(1)</script><table><tr><td>x".to_string()),
        Just("> quote\n>> nested\n> - item".to_string()),
        Just("---".to_string()),
        Just("***\n___".to_string()),
        Just("    indented code".to_string()),
        Just("- [ ] task\n- [x] done".to_string()),
        Just(String::new()),
    ]
}

fn markdownish() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop::collection::vec(yaml_line(), 0..6)),
        prop::bool::ANY,
        prop::collection::vec(block(), 0..25),
        prop::bool::ANY,
    )
        .prop_map(|(fm, close, blocks, crlf)| {
            let mut s = String::new();
            if let Some(lines) = fm {
                s.push_str("---\n");
                for l in lines {
                    s.push_str(&l);
                    s.push('\n');
                }
                if close {
                    s.push_str("---\n");
                }
            }
            s.push_str(&blocks.join("\n\n"));
            if crlf {
                s = s.replace('\n', "\r\n");
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_parses_or_fails_inside_the_file(text in "\\PC{0,400}") {
        check_parse("any/text.md", &text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn any_bytes_read_lossily_parse_or_fail_inside_the_file(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        check_parse("bytes.md", &text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn markdownish_files_parse_or_fail_inside_the_file(text in markdownish()) {
        check_parse("deploy/markdownish.md", &text).map_err(TestCaseError::fail)?;
        check_query(eas_engine(), &text).map_err(TestCaseError::fail)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn parsed_markdownish_entries_index_and_are_found_by_id(text in markdownish()) {
        if let Some(e) = check_parse("area/entry-x.md", &text).map_err(TestCaseError::fail)? {
            check_index(&e).map_err(TestCaseError::fail)?;
        }
    }
}

#[test]
fn every_regression_input_parses_indexes_and_queries() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut seen = 0;
    let mut failures = Vec::new();
    for item in std::fs::read_dir(&dir).unwrap() {
        let path = item.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "README.md" {
            continue;
        }
        seen += 1;
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let result = check_parse(&name, &text)
            .and_then(|e| e.map_or(Ok(()), |e| check_index(&e)))
            .and_then(|_| check_query(eas_engine(), &text));
        if let Err(e) = result {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(seen >= 5, "the corpus is read ({seen} files)");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Found by hand while bounding cost: `unique_anchor` scanned every earlier
/// anchor for every candidate suffix, cubic in repeated headings (a 1 MB
/// file of `## Notes` never finished).
#[test]
fn repeated_headings_get_unique_anchors_in_linear_time() {
    let text = format!("# Title\n\n{}", "## Notes\n\nx\n\n".repeat(20_000));
    let e = content::parse_entry("notes.md", &text, &LinkMap::default()).unwrap();
    assert_eq!(e.sections.len(), 20_000);
    assert_eq!(e.sections[0].anchor, "notes");
    assert_eq!(e.sections[1].anchor, "notes-2");
    assert_eq!(e.sections[19_999].anchor, "notes-20000");
}

/// Found while bounding cost: each `<` of an error string searched the
/// rest of it for a `>` (a placeholder such as `<path>`), and each word
/// looked through every placeholder: a code block of 900,000 `<` took 80 s
/// to index.
#[test]
fn brackets_in_a_huge_code_block_cost_linear_time() {
    let code = format!("{}>", "<".repeat(900_000));
    assert_eq!(indexer::analysis::phrase_key_of(&code, 12), None);
    let holes = "see <b> then a x ".repeat(40_000);
    assert_eq!(
        indexer::analysis::phrase_key_of(&holes, 12).as_deref(),
        Some("see_*_*_see_*_*_see_*_*_see")
    );
}

/// Same family: MyST directives never closed, each inside the one before.
#[test]
fn unclosed_myst_directives_cost_linear_time() {
    let text = format!(
        "# Deep\n\n{}",
        "````{dropdown} x\n```\n(l)=\n{ref}`a <b>`\n".repeat(20_000)
    );
    let e = content::parse_entry("myst.md", &text, &LinkMap::default()).unwrap();
    assert_eq!(e.title, "Deep");
}

/// Same family: a line of 400,000 `{:` before one `}` looked for the
/// brace from each of them (Jekyll's attribute lists; Hugo's `{{<` and
/// MyST's `{role}` likewise).
#[test]
fn a_line_of_unclosed_attribute_lists_costs_linear_time() {
    let text = format!("# Braces\n\nb {}}}\n", "{:".repeat(400_000));
    let e = content::parse_entry("braces.md", &text, &LinkMap::default()).unwrap();
    assert!(e.sections[0].text.starts_with("b {:{:"));
    // The same shape for Hugo's shortcodes and MyST's roles.
    for (opening, close) in [("{{<", ">}}"), ("{a ", "}`x`")] {
        let text = format!("# Braces\n\nb {}{close}\n", opening.repeat(300_000));
        let e = content::parse_entry("braces.md", &text, &LinkMap::default()).unwrap();
        assert!(e.sections[0].text.starts_with(&format!("b {opening}")));
    }
}

/// Same family: 70,000 `:::tip` containers each inside the one before
/// took 52 s to rewrite (every line written behind every open callout's
/// `> `) and then failed as too deep. Containers nested deeper than the
/// parser takes now stay as written: 0.6 s, and the entry builds.
#[test]
fn deeply_nested_containers_cost_linear_time() {
    let text = format!(
        "# Deep\n\n{}x\n{}",
        ":::tip\n".repeat(70_000),
        ":::\n".repeat(70_000)
    );
    let e = content::parse_entry("deep.md", &text, &LinkMap::default()).unwrap();
    assert!(e.sections[0].text.contains('x'));
    let mkdocs: String = (0..600)
        .map(|k| format!("{}!!! note\n", "    ".repeat(k)))
        .collect();
    content::parse_entry(
        "deep.md",
        &format!("# Deep\n\n{mkdocs}"),
        &LinkMap::default(),
    )
    .unwrap();
}

/// Same family, for MDX pages: tags never closed (`<A` on 300,000 lines,
/// each looked at over the next lines for its `>`), and 60,000 `<Aside>`
/// before 60,000 `</Note>` (each closing tag looked through every open
/// one as first written).
#[test]
fn unclosed_mdx_tags_cost_linear_time() {
    let text = format!("# Tags\n\n{}", "<A\n".repeat(300_000));
    let e = content::parse_entry("tags.mdx", &text, &LinkMap::default()).unwrap();
    assert_eq!(e.title, "Tags");
    let text = format!(
        "# Asides\n\n{}x\n{}",
        "<Aside>\n".repeat(60_000),
        "</Note>\n".repeat(60_000)
    );
    let e = content::parse_entry("asides.mdx", &text, &LinkMap::default()).unwrap();
    assert!(e.sections[0].text.contains('x'));
}

/// Same family: each front matter key's line was found by rescanning the
/// whole block, quadratic in the number of keys.
#[test]
fn a_front_matter_of_many_unknown_keys_warns_once_per_key() {
    let keys: String = (0..30_000).map(|i| format!("k{i}: v\n")).collect();
    let text = format!("---\ntitle: Many keys\n{keys}---\nBody.\n");
    let (_, warnings) =
        content::parse_entry_with_warnings("keys.md", &text, &LinkMap::default()).unwrap();
    assert_eq!(warnings.len(), 30_000);
    assert!(
        warnings[0].to_string().starts_with("keys.md:3:"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[29_999].to_string().starts_with("keys.md:30002:"),
        "{}",
        warnings[29_999]
    );
}

/// Found while bounding cost: sanitising deeply nested HTML is quadratic
/// (50,000 nested quotes or `<div>`s took 80–120 s); such bodies are now an
/// error at the line where the nesting goes too deep.
#[test]
fn deep_nesting_is_an_error_at_its_line_not_minutes_of_work() {
    let list_line = 5 + content::MAX_NESTING;
    for (name, text, what, line) in [
        (
            "quotes.md",
            format!("# Deep\n\nintro\n\n{} x\n", ">".repeat(50_000)),
            "quotes",
            5,
        ),
        (
            "lists.md",
            format!(
                "# Deep\n\nintro\n\n{}",
                (0..800)
                    .map(|i| format!("{}- x\n", "  ".repeat(i)))
                    .collect::<String>()
            ),
            "lists",
            list_line,
        ),
        (
            "html.md",
            format!("# Deep\n\nintro\n\n{}x\n", "<div>".repeat(50_000)),
            "HTML",
            5,
        ),
    ] {
        let err = content::parse_entry(name, &text, &LinkMap::default()).unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with(&format!("{name}:{line}:")), "{shown}");
        assert!(shown.contains(what) && shown.contains("flatten"), "{shown}");
        check_query(eas_engine(), &text).unwrap();
    }
}

#[test]
fn nesting_within_the_limit_and_flat_html_are_accepted() {
    let quotes = format!("# Quotes\n\n{} x\n", ">".repeat(50));
    let paragraphs = format!(
        "# Paragraphs\n\n<div>{}</div>\n",
        "<p>unclosed ".repeat(5_000)
    );
    let inline = format!(
        "# Inline\n\n{}x{}\n",
        "*_".repeat(5_000),
        "_*".repeat(5_000)
    );
    let links = format!(
        "# Links\n\n{}x{}\n",
        "[".repeat(5_000),
        "](y)".repeat(5_000)
    );
    for text in [quotes, paragraphs, inline, links] {
        let e = content::parse_entry("ok.md", &text, &LinkMap::default()).unwrap();
        assert!(!e.title.is_empty());
    }
}
