//! The `kb` binary end to end: build, check and search over fixture
//! folders and the bundled content, as other tooling calls it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod common;

use common::kb;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn bundled_content() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../content")
        .display()
        .to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build_into(content: &str) -> (tempfile::TempDir, Output) {
    build_with(content, &[])
}

/// `kb build` of `content` into a fresh folder, with extra options.
fn build_with(content: &str, options: &[&str]) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        "build",
        "--content",
        content,
        "--out",
        out.path().to_str().unwrap(),
    ];
    args.extend_from_slice(options);
    let o = kb(&args);
    (out, o)
}

#[test]
fn broken_front_matter_fails_the_build_naming_file_and_line() {
    let (out, o) = build_into(&fixture("broken-front-matter"));
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("broken.md:3:"),
        "the line of the unterminated quote: {err}"
    );
    assert!(err.contains("YAML"), "{err}");
    assert!(
        !out.path().join("kb.bundle").exists(),
        "nothing is written on error"
    );
}

#[test]
fn duplicate_ids_fail_naming_both_files() {
    let o = kb(&["check", "--content", &fixture("duplicate-ids")]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("one.md") && err.contains("two.md") && err.contains("duplicate id `same`"),
        "{err}"
    );
}

#[test]
fn an_empty_content_folder_fails() {
    let empty = tempfile::tempdir().unwrap();
    let o = kb(&["check", "--content", empty.path().to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no markdown files"), "{}", stderr(&o));
}

/// An author sees which shared headings are read as the overview (why
/// `## Issue` is never the cause on a card); a folder without them hears
/// nothing of it.
#[test]
fn check_names_the_headings_read_as_the_overview() {
    let linux_ops = common::repo_path("tests/kbs/linux-ops/content");
    let o = kb(&["check", "--content", linux_ops.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        out.contains("overview headings")
            && out.contains("Diagnostic Steps, Environment, Issue, Root Cause"),
        "{out}"
    );
    let o = kb(&["check", "--content", &bundled_content()]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("overview"));
}

#[test]
fn unknown_front_matter_keys_warn_but_build() {
    let (out, o) = build_into(&fixture("unknown-keys"));
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning:") && err.contains("disk-full.md:3:") && err.contains("owner"),
        "{err}"
    );
    assert!(out.path().join("kb.bundle").exists());
}

#[test]
fn build_reports_files_entries_sections_and_bytes() {
    let (_out, o) = build_into(&bundled_content());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("34 files read, 34 entries"), "{text}");
    assert!(
        text.contains("sections") && text.contains("bytes"),
        "{text}"
    );
}

fn search_json(index: &Path, query: &str) -> Vec<serde_json::Value> {
    let o = kb(&[
        "search",
        "--index",
        index.to_str().unwrap(),
        "--json",
        query,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("--json prints a JSON array")
}

#[test]
fn exec_format_error_is_answered_first_with_the_documented_fields() {
    let (out, _) = build_into(&bundled_content());
    let hits = search_json(out.path(), "fork/exec /bin/sh: exec format error");
    assert_eq!(hits[0]["id"], "exec-format-error");
    // The fields carry the entry as written, not just their names.
    let source = Path::new(&bundled_content()).join("deployment/exec-format-error.md");
    let entry = indexer::content::parse_entry(
        "exec-format-error.md",
        &std::fs::read_to_string(source).unwrap(),
        &Default::default(),
    )
    .unwrap();
    let hit = &hits[0];
    assert_eq!(hit["title"], entry.title.as_str());
    assert_eq!(hit["category"], entry.category.as_str());
    assert_eq!(hit["statuses"], serde_json::json!(entry.statuses));
    assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0), "{hit}");
    // The section shown (null: the intro) and the steps of the entry's
    // section it stands for.
    let shown = entry
        .sections
        .iter()
        .find(|s| s.heading.as_str() == hit["section"].as_str().unwrap_or(""))
        .unwrap_or_else(|| panic!("the section is one of the entry's: {hit}"));
    assert_eq!(hit["anchor"].as_str().unwrap_or(""), shown.anchor.as_str());
    let with_steps = if shown.steps.is_empty() {
        entry.sections.iter().find(|s| !s.steps.is_empty()).unwrap()
    } else {
        shown
    };
    assert_eq!(hit["steps"], serde_json::json!(with_steps.steps));
}

/// The CLI says when no answer matches well, exactly when the engine's
/// result is weak, and lists the closest hits under that line.
#[test]
fn a_question_the_kb_does_not_cover_prints_no_answer_matches_well() {
    let (out, _) = build_into(&bundled_content());
    let index = out.path().to_str().unwrap();
    let outside = "DSW notebook kernel dies when I load a large pandas dataframe";
    for (query, weak) in [
        (outside, true),
        ("fork/exec /bin/sh: exec format error", false),
    ] {
        let hits = search_json(out.path(), query);
        assert_eq!(
            hits[0]["weak"].as_bool().unwrap_or(false),
            weak,
            "{query}: {}",
            hits[0]
        );
        let o = kb(&["search", "--index", index, query]);
        let text = String::from_utf8_lossy(&o.stdout);
        assert_eq!(
            text.starts_with(indexer::WEAK_NOTICE),
            weak,
            "{query}: {text}"
        );
        assert!(
            text.contains("1. "),
            "the closest hits are still listed: {text}"
        );
    }
}

/// Runs `kb` with `input` on stdin.
fn kb_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kb runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_dash_query_reads_the_whole_of_stdin() {
    let (out, _) = build_into(&bundled_content());
    let log = "2024-10-21 20:59:33 pulling image\nWarning  Failed  kubelet  Error: ImagePullBackOff\nBack-off pulling image\n";
    let o = kb_with_stdin(
        &[
            "search",
            "--index",
            out.path().to_str().unwrap(),
            "--json",
            "-",
        ],
        log.as_bytes(),
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(hits[0]["id"], "image-pull-backoff");
}

#[test]
fn jsonl_batch_answers_each_line_in_order() {
    let (out, _) = build_into(&bundled_content());
    let input =
        b"\"fork/exec /bin/sh: exec format error\"\n{\"query\": \"Invalid GPU count 6\"}\n\"\"\n\"how do I create a PolarDB for MySQL cluster\"\n";
    let o = kb_with_stdin(
        &[
            "search",
            "--index",
            out.path().to_str().unwrap(),
            "--jsonl",
            "--limit",
            "3",
        ],
        input,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["hits"][0]["id"], "exec-format-error");
    assert_eq!(lines[0]["weak"], false);
    assert_eq!(lines[3]["weak"], true, "no entry is about PolarDB");
    assert_eq!(lines[1]["query"], "Invalid GPU count 6");
    assert_eq!(lines[1]["hits"][0]["id"], "invalid-gpu-count");
    assert!(lines[1]["hits"].as_array().unwrap().len() <= 3);
    assert_eq!(
        lines[2]["hits"].as_array().unwrap().len(),
        0,
        "an empty query has no hits"
    );
}

#[test]
fn a_bundle_with_a_flipped_byte_is_rejected_with_a_clear_error() {
    let (out, _) = build_into(&bundled_content());
    let path: PathBuf = out.path().join("kb.bundle");
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&path, bytes).unwrap();
    let o = kb(&["search", "--index", out.path().to_str().unwrap(), "x"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("corrupt"), "{}", stderr(&o));
}

#[test]
fn a_missing_index_is_a_plain_error() {
    let o = kb(&["search", "--index", "/nonexistent/kb", "x"]);
    assert!(!o.status.success());
    assert!(stderr(&o).starts_with("error:"), "{}", stderr(&o));
}

#[test]
fn build_writes_a_page_per_entry_a_home_page_and_a_sitemap() {
    let (out, o) = build_into(&bundled_content());
    assert!(o.status.success(), "{}", stderr(&o));
    let entries: Vec<_> = std::fs::read_dir(out.path().join("entries"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(entries.len(), 34);
    let home = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    for name in &entries {
        assert!(
            home.contains(&format!("href=\"entries/{name}\"")),
            "home links {name}"
        );
    }
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("<loc>").count(), 35);
    let page = std::fs::read_to_string(out.path().join("entries/exec-format-error.html")).unwrap();
    assert!(page.contains("<ol>"), "steps are a numbered list");
    assert!(!page.contains("<script>"), "no inline scripts");
}

/// The home page carries its stylesheet and start script inline, so it
/// paints without waiting for a request; the README's Content-Security-
/// Policy allows exactly those two by hash, and stays true when
/// `style.css` changes.
#[test]
fn the_readme_s_content_security_policy_allows_the_home_page_s_inline_parts() {
    let (out, o) = build_into(&bundled_content());
    assert!(o.status.success(), "{}", stderr(&o));
    let home = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert_eq!(home.matches("<style>").count(), 1, "one inline style");
    assert_eq!(home.matches("<script>").count(), 1, "one inline script");
    assert!(!home.contains("rel=\"stylesheet\" href=\"style.css\""));
    let csp = indexer::site::content_security_policy();
    let readme = std::fs::read_to_string(common::repo_path("README.md")).unwrap();
    assert!(
        readme.contains(&format!("Content-Security-Policy: {csp}")),
        "README's policy is not the build's; put this in README:\nContent-Security-Policy: {csp}"
    );
}

#[test]
fn site_url_makes_canonical_links_and_the_sitemap_absolute() {
    let (out, o) = build_with(
        &bundled_content(),
        &["--site-url", "https://kb.example/faq"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let sitemap = std::fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://kb.example/faq/entries/exec-format-error.html</loc>"));
    let page = std::fs::read_to_string(out.path().join("entries/exec-format-error.html")).unwrap();
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://kb.example/faq/entries/exec-format-error.html\">"
    ));
}

#[test]
fn bundle_only_writes_no_pages() {
    let (out, o) = build_with(&bundled_content(), &["--bundle-only"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.path().join("kb.bundle").exists());
    assert!(!out.path().join("index.html").exists());
}

#[test]
fn a_closed_stdout_ends_kb_quietly_instead_of_panicking() {
    // `kb search … | head -1`: the reader goes away before kb writes.
    let (out, o) = build_into(&bundled_content());
    assert!(o.status.success(), "{}", stderr(&o));
    for args in [
        vec!["search", "--limit", "50", "service failed"],
        vec!["search", "--limit", "50", "--json", "service failed"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kb"))
            .args(&args)
            .args(["--index", out.path().to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
        assert!(o.status.success(), "{args:?}: {:?}", o.status);
    }
}
