//! What a new author gets wrong, and what `kb` says about it: each mistake
//! tried on a fresh FAQ gets a `file:line` message in the author's terms,
//! or is read as the author meant it; `--strict` fails on warnings.

mod common;

use std::path::Path;
use std::process::Output;

use common::kb;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A folder with one good entry and `rel` holding `text`.
fn folder_with(rel: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "good.md",
        "---\ntitle: Why is the disk full?\n---\n\nOld logs.\n",
    );
    write(dir.path(), rel, text);
    dir
}

fn check(dir: &Path, strict: bool) -> Output {
    let mut args = vec!["check", "--content", dir.to_str().unwrap()];
    if strict {
        args.push("--strict");
    }
    kb(&args)
}

/// `kb build --without-app` of `dir` into a new folder.
fn build(dir: &Path) -> (Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let o = kb(&[
        "build",
        "--without-app",
        "--content",
        dir.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    (o, out)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The check fails and says `needle` at `file:line`.
fn fails_saying(rel: &str, text: &str, at: &str, needle: &str) {
    let dir = folder_with(rel, text);
    let o = check(dir.path(), false);
    let err = stderr(&o);
    assert!(!o.status.success(), "{rel} should fail: {err}");
    assert!(err.contains(at), "located at {at}: {err}");
    assert!(err.contains(needle), "says {needle:?}: {err}");
}

#[test]
fn a_tab_in_yaml_is_called_a_tab() {
    fails_saying(
        "tabbed.md",
        "---\ntitle: Tabs\nstatuses:\n\t- Failed\n---\n\nBody.\n",
        "tabbed.md:4:",
        "replace the tab with spaces",
    );
}

#[test]
fn an_empty_title_is_called_empty() {
    fails_saying(
        "untitled.md",
        "---\ntitle:\n---\n\nBody.\n",
        "untitled.md:2:",
        "`title` is empty",
    );
}

#[test]
fn an_empty_file_is_called_empty() {
    fails_saying("blank.md", "\n  \n", "blank.md", "the file is empty");
}

#[test]
fn a_link_to_a_missing_entry_fails_instead_of_shipping_a_dead_link() {
    fails_saying(
        "linking.md",
        "---\ntitle: Links\n---\n\nSee [the other one](missing.md).\n",
        "linking.md:5:",
        "points to no entry",
    );
}

#[test]
fn a_near_miss_key_suggests_the_known_one() {
    let dir = folder_with(
        "near.md",
        "---\ntitle: Near\nstatus: [Failed]\n---\n\nBody.\n",
    );
    let o = check(dir.path(), false);
    assert!(o.status.success(), "an unknown key only warns");
    let err = stderr(&o);
    assert!(err.contains("near.md:3:"), "{err}");
    assert!(err.contains("did you mean `statuses`?"), "{err}");
}

#[test]
fn strict_mode_fails_on_warnings() {
    let dir = folder_with(
        "near.md",
        "---\ntitle: Near\nstatus: [Failed]\n---\n\nBody.\n",
    );
    let o = check(dir.path(), true);
    assert!(!o.status.success(), "--strict fails on a warning");
    assert!(stderr(&o).contains("near.md:3:"), "{}", stderr(&o));
    let out = tempfile::tempdir().unwrap();
    let built = kb(&[
        "build",
        "--strict",
        "--content",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(!built.status.success());
    assert!(
        !out.path().join("kb.bundle").exists(),
        "nothing was written"
    );
    assert!(
        check(folder_with("ok.md", "# Fine\n\nBody.\n").path(), true)
            .status
            .success()
    );
}

#[test]
fn a_status_list_written_as_one_comma_string_is_read_as_a_list() {
    let dir = folder_with(
        "commas.md",
        "---\nid: commas\ntitle: Commas\nstatuses: Available, 53300\n---\n\nBody.\n",
    );
    let out = tempfile::tempdir().unwrap();
    let o = kb(&[
        "build",
        "--content",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.path().join("entries/commas.html")).unwrap();
    assert!(
        page.contains(r#"<span class="badge">Available</span><span class="badge">53300</span>"#),
        "two badges: {page}"
    );
}

#[test]
fn an_empty_subfolder_is_a_warning_as_the_readme_says() {
    let dir = folder_with("good-too.md", "# Also good\n\nBody.\n");
    std::fs::create_dir_all(dir.path().join("drafts/later")).unwrap();
    let o = check(dir.path(), false);
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("drafts") && err.contains("empty folder"),
        "{err}"
    );
    let readme = std::fs::read_to_string(common::repo_path("README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        readme.contains("an empty subfolder is a warning"),
        "README says what kb does"
    );
}

/// Regression: MkDocs Material's own docs failed with "duplicate id
/// `getting-started`" (`getting-started.md` at the root and in
/// `insiders/`). Files named alike now get ids of their folders too; the
/// one nearest the root keeps the short one, and links find each.
#[test]
fn files_named_alike_in_different_folders_get_different_ids() {
    let dir = folder_with(
        "getting-started.md",
        "# Getting started\n\nSee [insiders](insiders/getting-started.md).\n",
    );
    write(
        dir.path(),
        "insiders/getting-started.md",
        "# Insiders: getting started\n\nBody.\n",
    );
    write(
        dir.path(),
        "tutorials/blogs/basic.md",
        "# Blog basics\n\nBody.\n",
    );
    write(
        dir.path(),
        "tutorials/social/basic.md",
        "# Social basics\n\nBody.\n",
    );
    write(dir.path(), "images/logo.svg", "<svg/>");
    let (o, out) = build(dir.path());
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        !err.contains("empty folder"),
        "a folder of images is no forgotten category: {err}"
    );
    let pages: Vec<String> = [
        "getting-started",
        "insiders-getting-started",
        "tutorials-blogs-basic",
        "tutorials-social-basic",
    ]
    .iter()
    .map(|id| std::fs::read_to_string(out.path().join(format!("entries/{id}.html"))).unwrap())
    .collect();
    assert!(
        pages[0].contains("href=\"insiders-getting-started.html\""),
        "{}",
        pages[0]
    );
}

/// Regression: tldr-pages' 7,400 pages failed with "duplicate id
/// `common-clang`": `clang.md` and `clang++.md` give the same id, as do
/// `a/b-c.md` and `a-b/c.md`. Ids the build derives are numbered apart
/// (the file named exactly by the id keeps it); an author's `id:` keeps
/// its own.
#[test]
fn file_names_that_give_the_same_id_are_numbered_apart() {
    let dir = folder_with("linux/clang++.md", "# clang++ (Linux)\n\nBody.\n");
    for (path, text) in [
        ("linux/clang.md", "# clang (Linux)\n\nBody.\n"),
        ("common/clang++.md", "# clang++\n\nBody.\n"),
        ("common/clang.md", "# clang\n\nBody.\n"),
        ("a/b-c.md", "# a b-c\n\nBody.\n"),
        ("z/b-c.md", "# z b-c\n\nBody.\n"),
        ("a-b/c.md", "# a-b c\n\nBody.\n"),
        ("x/c.md", "# x c\n\nBody.\n"),
        ("mine.md", "---\nid: x-c\n---\n# Mine\n\nBody.\n"),
    ] {
        write(dir.path(), path, text);
    }
    let (o, out) = build(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let title_of = |id: &str| {
        let page = std::fs::read_to_string(out.path().join(format!("entries/{id}.html")))
            .unwrap_or_else(|e| panic!("no page {id}: {e}"));
        let start = page.find("<h1").expect("a title");
        let start = start + page[start..].find('>').unwrap() + 1;
        page[start..start + page[start..].find("</h1>").unwrap()].to_string()
    };
    assert_eq!(title_of("common-clang"), "clang");
    assert_eq!(title_of("common-clang-2"), "clang++");
    assert_eq!(title_of("linux-clang"), "clang (Linux)");
    assert_eq!(title_of("linux-clang-2"), "clang++ (Linux)");
    assert_eq!(title_of("a-b-c"), "a-b c");
    assert_eq!(title_of("a-b-c-2"), "a b-c");
    assert_eq!(title_of("x-c"), "Mine");
    assert_eq!(title_of("x-c-2"), "x c");
}

#[test]
fn check_reports_problems_without_claiming_to_write() {
    let dir = folder_with("bad.md", "---\ntitle: [oops\n---\n");
    let o = check(dir.path(), false);
    assert!(!o.status.success());
    assert!(!stderr(&o).contains("written"), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 problem(s) in"), "{}", stderr(&o));
}

#[test]
fn the_build_says_it_read_the_synonyms() {
    let dir = folder_with("other.md", "# Other\n\nBody.\n");
    write(
        dir.path(),
        "synonyms.txt",
        "OOM, out of memory\nSSE, streaming\n",
    );
    let o = check(dir.path(), false);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("synonyms.txt: 2 groups"), "{out}");
}

#[test]
fn building_into_an_old_site_removes_the_pages_of_entries_that_are_gone() {
    let out = tempfile::tempdir().unwrap();
    let first = folder_with("old.md", "---\nid: old\n---\n# Old\n\nBody.\n");
    let build = |content: &Path| {
        kb(&[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ])
    };
    assert!(build(first.path()).status.success());
    assert!(out.path().join("entries/old.html").is_file());
    let second = folder_with("new.md", "---\nid: new\n---\n# New\n\nBody.\n");
    let o = build(second.path());
    assert!(o.status.success());
    assert!(
        !out.path().join("entries/old.html").exists(),
        "stale page removed"
    );
    assert!(out.path().join("entries/new.html").is_file());
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("removed 1 pages of entries that are gone"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// A Docusaurus folder's `.mdx` pages are not read; the author is told
/// which, instead of finding answers missing.
/// Regression: an `.mdx` page (Docusaurus, Starlight) was skipped with a
/// warning; it is an entry now, read without its imports and tags.
#[test]
fn an_mdx_file_is_an_entry_without_its_imports() {
    let dir = folder_with(
        "guides/tabs.mdx",
        "import Tabs from '@theme/Tabs';\n\n# Tabs\n\nSee [good](../good.md).\n",
    );
    let o = check(dir.path(), true);
    assert!(o.status.success(), "{}", stderr(&o));
    let (o, out) = build(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(out.path().join("entries/tabs.html")).unwrap();
    assert!(!page.contains("import Tabs"), "{page}");
}

/// A Hugo or MkDocs folder, as it is: TOML front matter, page bundles
/// (`<name>/index.md`), admonitions and heading ids, builds without an
/// error or a warning.
#[test]
fn a_hugo_folder_builds_as_it_is() {
    let dir = folder_with(
        "network/dns-fails/index.md",
        "+++\ntitle = \"DNS lookups fail\"\ndate = 2024-05-01\nweight = 10\n+++\n\n!!! note\n    Check /etc/resolv.conf first.\n\n## The server is unreachable {#unreachable}\n\n1. Ping it.\n",
    );
    write(
        dir.path(),
        "network/port/index.md",
        "---\ntitle: Port in use\nlayout: faq\n---\n\nStop the other process.\n",
    );
    let o = check(dir.path(), true);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// An FAQ of error messages has colons in its titles and error strings;
/// unquoted, YAML reads them as `key: value`. The message says to quote
/// the value, with the line to write.
#[test]
fn a_colon_in_an_unquoted_value_says_to_quote_it() {
    fails_saying(
        "keyerror.md",
        "---\ntitle: KeyError: 'DATABASE_URL'\n---\n\nSet it.\n",
        "keyerror.md:2:",
        "put it in quotes, `title: \"KeyError: 'DATABASE_URL'\"`",
    );
    fails_saying(
        "modnf.md",
        "---\ntitle: Module not found\nerrors:\n  - \"ImportError\"\n  - ModuleNotFoundError: No module named\n---\n\nInstall it.\n",
        "modnf.md:5:",
        "put it in quotes, `- \"ModuleNotFoundError: No module named\"`",
    );
}

/// Regression: VitePress' home page (`layout: home`, a hero and features
/// in front matter, no text) failed the whole build with "entry has no
/// title". A page of front matter alone is skipped with a warning; a
/// single such file says what it lacks.
#[test]
fn a_landing_page_of_front_matter_alone_is_skipped_with_a_warning() {
    let dir = folder_with(
        "index.md",
        "---\nlayout: home\nhero:\n  name: VitePress\n---\n",
    );
    let o = check(dir.path(), false);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("index.md") && err.contains("front matter alone"),
        "{err}"
    );
    assert!(!err.contains("empty folder"), "{err}");
    assert!(!check(dir.path(), true).status.success());
    let single =
        indexer::content::parse_entry("index.md", "---\nlayout: home\n---\n", &Default::default())
            .unwrap_err();
    assert!(
        single.message.contains("front matter but no text"),
        "{single}"
    );
}

/// Regression: Jest's docs failed with "entry has no title" on
/// `_TypeScriptExamplesNote.md`, a partial other pages import (Docusaurus
/// and Jekyll name those with a leading `_`). It is skipped with a
/// warning; Hugo's `_index.md` is still a folder's own page.
#[test]
fn a_partial_is_skipped_with_a_warning() {
    let dir = folder_with("_note.md", ":::info\nImport the globals.\n:::\n");
    write(dir.path(), "guides/_index.md", "# Guides\n\nAll guides.\n");
    let o = check(dir.path(), false);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("_note.md") && err.contains("a partial"),
        "{err}"
    );
    assert!(!err.contains("_index.md"), "{err}");
    let (o, out) = build(dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.path().join("entries/guides.html").exists());
}
