//! Hostile content folders: bytes that are not UTF-8, a huge file, 10,000
//! files, deep folders, symbolic link loops, missing titles, unreadable
//! files. Each gives a `file:line` error or a documented behaviour; none
//! panics, hangs, or loses an entry without saying so.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use indexer::content::{self, ContentError, MAX_ENTRY_BYTES};

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn entry(id: &str) -> String {
    format!("---\nid: {id}\ntitle: Why does {id} fail?\n---\n\nBecause of `{id}`.\n")
}

fn errors_of(root: &Path) -> Vec<ContentError> {
    match content::load_folder(root) {
        Ok(c) => panic!("expected errors, got {} entries", c.entries.len()),
        Err(e) => e,
    }
}

fn kb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(args)
        .output()
        .expect("kb runs")
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_at_the_line_of_the_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.md", entry("good"));
    let mut bytes = b"---\ntitle: Latin-1\n---\n\nline four\ncaf".to_vec();
    bytes.push(0xE9); // é in Latin-1
    bytes.extend_from_slice(b"\n");
    write(dir.path(), "latin1.md", bytes);
    let errors = errors_of(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let shown = errors[0].to_string();
    assert!(shown.contains("latin1.md:6:"), "{shown}");
    assert!(shown.contains("UTF-8"), "{shown}");
}

#[test]
fn a_file_larger_than_the_entry_limit_is_an_error_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "small.md", entry("small"));
    let paragraph = "The service fails to start because the volume is full. ".repeat(20) + "\n\n";
    let mut huge = String::from("---\ntitle: A ten megabyte entry\n---\n\n");
    while huge.len() < 10 * 1024 * 1024 {
        huge.push_str(&paragraph);
    }
    write(dir.path(), "huge.md", &huge);
    let errors = errors_of(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let shown = errors[0].to_string();
    assert!(shown.contains("huge.md"), "{shown}");
    assert!(
        shown.contains("split it"),
        "the error says what to do: {shown}"
    );
    assert!(
        shown.contains(&format!("{} KB", MAX_ENTRY_BYTES / 1024)),
        "the error names the limit: {shown}"
    );
}

#[test]
fn a_file_just_under_the_entry_limit_is_indexed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut big = String::from("---\ntitle: A big entry\n---\n\n");
    let mut n = 0;
    while big.len() < MAX_ENTRY_BYTES - 2_000 {
        n += 1;
        big.push_str(&format!(
            "## Cause {n}\n\n1. Restart worker{n} and check the log.\n\n"
        ));
    }
    big.push_str("## Last cause\n\nThe final word is `zanzibarquux`.\n");
    assert!(big.len() <= MAX_ENTRY_BYTES);
    write(dir.path(), "big.md", &big);
    let c = content::load_folder(dir.path()).expect("a file under the limit loads");
    assert_eq!(c.entries.len(), 1);
    assert_eq!(c.entries[0].sections.len(), n + 1, "every section is kept");
    let bundle = indexer::index_build::build_bundle(&c.entries, &c.synonyms).unwrap();
    let engine = indexer::Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap();
    let r = engine.search("zanzibarquux", &indexer::SearchOptions::default());
    assert_eq!(r.hits.first().map(|h| h.id.as_str()), Some("big"));
    assert_eq!(
        r.hits[0].section.as_deref(),
        Some("Last cause"),
        "text at the end of a big file is searchable"
    );
}

#[test]
fn ten_thousand_files_are_all_read_and_indexed() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10_000 {
        write(
            dir.path(),
            &format!("part-{:02}/e{i:05}.md", i % 37),
            entry(&format!("e{i:05}")),
        );
    }
    let c = content::load_folder(dir.path()).expect("loads");
    assert_eq!(c.files_read, 10_000);
    assert_eq!(c.entries.len(), 10_000);
    let mut ids: Vec<&str> = c.entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 10_000, "no entry lost or doubled");
}

#[test]
fn fifty_levels_of_folders_are_walked() {
    let dir = tempfile::tempdir().unwrap();
    let deep: String = (0..50).map(|i| format!("level-{i}/")).collect();
    write(dir.path(), &format!("{deep}deepest.md"), entry("deepest"));
    write(dir.path(), "top.md", entry("top"));
    let c = content::load_folder(dir.path()).expect("loads");
    assert_eq!(c.entries.len(), 2);
    let deepest = c.entries.iter().find(|e| e.id == "deepest").unwrap();
    assert_eq!(
        deepest.category, "Level 49",
        "category from the last folder"
    );
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/one.md", entry("one"));
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("a/back")).unwrap();
    let errors = errors_of(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let shown = errors[0].to_string();
    assert!(shown.contains("back") && shown.contains("loop"), "{shown}");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_outside_is_followed() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "shared.md", entry("shared"));
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "own.md", entry("own"));
    std::os::unix::fs::symlink(outside.path(), dir.path().join("linked")).unwrap();
    let c = content::load_folder(dir.path()).expect("loads");
    let mut ids: Vec<&str> = c.entries.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["own", "shared"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_an_error_not_a_skipped_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.md", entry("ok"));
    std::os::unix::fs::symlink(dir.path().join("gone.md"), dir.path().join("dangling.md")).unwrap();
    let errors = errors_of(dir.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let shown = errors[0].to_string();
    assert!(
        shown.contains("dangling.md") && shown.contains("cannot read"),
        "{shown}"
    );
}

/// Whether this process reads files whatever their permissions (root).
#[cfg(unix)]
fn reads_everything() -> bool {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let probe = write(dir.path(), "probe", "x");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::read(&probe).is_ok()
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_not_a_skipped_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    write(dir.path(), "ok.md", entry("ok"));
    let locked = write(dir.path(), "locked.md", entry("locked"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let shown = if reads_everything() {
        // Root reads anything: run `kb check` as an ordinary user instead
        // (CI runs as root).
        let o = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_kb"))
            .args(["check", "--content", dir.path().to_str().unwrap()])
            .output()
            .expect("setpriv (util-linux) runs");
        assert!(!o.status.success(), "an unreadable file fails the check");
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(
            stderr.matches("error: ").count(),
            2,
            "one problem and the summary: {stderr}"
        );
        stderr
    } else {
        let errors = errors_of(dir.path());
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors[0].to_string()
    };
    assert!(
        shown.contains("locked.md") && shown.contains("cannot read"),
        "{shown}"
    );
}

#[test]
fn a_missing_or_empty_title_is_an_error_at_its_line_saying_what_to_add() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "empty.md",
        "---\nid: empty\ntitle: \"  \"\n---\n\nBody.\n",
    );
    write(
        dir.path(),
        "missing.md",
        "---\nid: missing\n---\n\nBody only.\n",
    );
    write(
        dir.path(),
        "blank-heading.md",
        "#\n\nBody under an empty heading.\n",
    );
    let errors = errors_of(dir.path());
    let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 3, "{shown:?}");
    let find = |name: &str| {
        shown
            .iter()
            .find(|s| s.contains(name))
            .unwrap_or_else(|| panic!("no error for {name}: {shown:?}"))
    };
    assert!(find("empty.md:3:").contains("`title` is empty"));
    assert!(find("missing.md:1:").contains("add `title: ...`"));
    assert!(find("blank-heading.md:1:").contains("no title"));
}

#[test]
fn markdown_extensions_are_matched_whatever_their_case() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "lower.md", entry("lower"));
    write(dir.path(), "UPPER.MD", entry("upper"));
    write(dir.path(), "Mixed.Markdown", entry("mixed"));
    write(dir.path(), "notes.txt", "not an entry");
    let c = content::load_folder(dir.path()).expect("loads");
    assert_eq!(c.files_read, 3);
    assert_eq!(c.entries.len(), 3);
}

#[test]
fn hidden_files_and_folders_are_ignored_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "shown.md", entry("shown"));
    write(dir.path(), ".git/notes.md", entry("git-notes"));
    write(dir.path(), ".draft.md", entry("draft"));
    let c = content::load_folder(dir.path()).expect("loads");
    let ids: Vec<&str> = c.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["shown"]);
}

#[test]
fn kb_build_prints_files_read_and_entries_indexed() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..7 {
        write(
            dir.path(),
            &format!("d{}/e{i}.md", i % 3),
            entry(&format!("e{i}")),
        );
    }
    let out = tempfile::tempdir().unwrap();
    let o = kb(&[
        "build",
        "--content",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("7 files read, 7 entries"), "{text}");
}

#[test]
fn kb_build_fails_on_a_non_utf8_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.md", entry("ok"));
    write(dir.path(), "bad.md", b"# Title\n\xff\xfe\n");
    let out = tempfile::tempdir().unwrap();
    let o = kb(&[
        "build",
        "--content",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.md:2:") && err.contains("UTF-8"), "{err}");
    assert!(!out.path().join("kb.bundle").exists());
}
