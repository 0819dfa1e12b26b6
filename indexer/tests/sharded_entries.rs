//! A knowledge base whose entry bodies and postings are split out of the
//! bundle gives exactly the answers of the one-file bundle, reads only the
//! postings ranges and shards a search needs, and says plainly when a file
//! is missing or of another build.

mod common;

use std::path::Path;
use std::process::Output;

use common::{kb, repo_path};
use indexer::index_build::{self, Built, Layout};
use indexer::{content, eval, synthetic, Engine, Fetch, Search, SearchOptions, Step};

fn built(content_dir: &Path, layout: Layout) -> Built {
    let c = content::load_folder(content_dir).expect("content is valid");
    index_build::build(&c.entries, &c.synonyms, layout).unwrap()
}

fn shard_bytes<'a>(b: &'a Built, path: &str) -> &'a [u8] {
    &b.shard_files
        .iter()
        .chain(&b.postings_files)
        .find(|(p, _)| p == path)
        .unwrap()
        .1
}

/// Hands the engine the bytes it asked for, cut from the build's files as
/// the browser's range requests would; returns how many bytes that was.
fn supply(engine: &Engine, b: &Built, fetches: &[Fetch]) -> usize {
    let mut total = 0;
    for fetch in fetches {
        let file = shard_bytes(b, fetch.path());
        let bytes = match fetch.range() {
            Some(r) => &file[r.start as usize..r.end as usize],
            None => file,
        };
        total += bytes.len();
        engine.supply(fetch, bytes.to_vec()).unwrap();
    }
    total
}

/// The fetches of a step that must ask for some.
fn needed(step: Step) -> Vec<Fetch> {
    match step {
        Step::Need(fetches) => fetches,
        Step::Done(answer) => panic!("expected to need fetches, got {answer:?}"),
    }
}

/// Supplies the ranges a search asks for (term dictionary blocks, then
/// postings) until it asks for something else; returns the rounds and
/// bytes that took, and that next step.
fn fetch_ranges(engine: &Engine, b: &Built, search: &mut Search) -> (usize, usize, Step) {
    let (mut rounds, mut bytes) = (0, 0);
    loop {
        match engine.step(search) {
            Step::Need(f) if f.iter().all(|f| matches!(f, Fetch::Postings { .. })) => {
                rounds += 1;
                assert!(rounds <= 8, "still asking for ranges after {rounds} rounds");
                bytes += supply(engine, b, &f);
            }
            next => return (rounds, bytes, next),
        }
    }
}

fn queries(file: &str) -> Vec<eval::EvalQuery> {
    eval::parse_queries(&std::fs::read_to_string(repo_path(file)).unwrap()).unwrap()
}

#[test]
fn sharded_search_gives_the_same_answers_as_the_one_file_bundle() {
    for (kb, query_file) in [
        ("content", "tests/kbs/eas/queries.jsonl"),
        (
            "tests/kbs/rustc-errors/content",
            "tests/kbs/rustc-errors/queries.jsonl",
        ),
    ] {
        let one_file =
            Engine::from_bundle_bytes(&built(&repo_path(kb), Layout::Embedded).bundle.to_bytes())
                .unwrap();
        let sharded = built(&repo_path(kb), Layout::Sharded);
        assert!(sharded.shard_files.len() > 1, "{kb}: several shards");
        let engine = Engine::from_bundle_bytes(&sharded.bundle.to_bytes()).unwrap();
        for q in queries(query_file) {
            let options = SearchOptions::default();
            let got = engine
                .search_with(&q.query, &options, |p| {
                    Ok::<_, String>(shard_bytes(&sharded, p).to_vec())
                })
                .unwrap()
                .results;
            assert_eq!(
                got,
                one_file.search(&q.query, &options),
                "{kb}: {}",
                q.query
            );
        }
    }
}

#[test]
fn a_search_needs_only_the_shards_of_its_hits() {
    let sharded = built(&repo_path("content"), Layout::Sharded);
    let engine = Engine::from_bundle_bytes(&sharded.bundle.to_bytes()).unwrap();
    let options = SearchOptions::with_limit(1);
    let query = "fork/exec /bin/sh: exec format error";
    let mut search = Search::new(query, options.clone());
    let (rounds, _, next) = fetch_ranges(&engine, &sharded, &mut search);
    assert!(rounds >= 1, "the index comes by range first");
    let shards = needed(next);
    assert!(
        matches!(shards[..], [Fetch::Shard { .. }]),
        "one hit, one shard: {shards:?}"
    );
    assert!(sharded.shard_files.len() > 1);

    // Before its shard arrives, the hit is known but has no body.
    let bare = engine.search(query, &options);
    assert_eq!(bare.hits.len(), 1);
    assert!(bare.hits[0].steps.is_empty() && bare.hits[0].excerpt.is_empty());

    supply(&engine, &sharded, &shards);
    let Step::Done(full) = engine.step(&mut search) else {
        panic!("everything was supplied");
    };
    assert_eq!(full.problem, None);
    assert_eq!(full.results.hits[0].id, bare.hits[0].id);
    assert!(
        !full.results.hits[0].steps.is_empty(),
        "the steps come with the shard"
    );
    assert_eq!(
        engine.unloaded_shards().len(),
        sharded.shard_files.len() - 1
    );
}

#[test]
fn a_search_fetches_a_small_part_of_the_postings() {
    let dir = tempfile::tempdir().unwrap();
    let kb = synthetic::generate(1000, 11);
    kb.write_content(dir.path()).unwrap();
    let sharded = built(dir.path(), Layout::Sharded);
    let postings: usize = sharded.postings_files.iter().map(|(_, b)| b.len()).sum();
    assert!(
        sharded
            .postings_files
            .iter()
            .any(|(p, _)| p.ends_with(".term")),
        "the term dictionaries are read by range too"
    );
    let bytes = sharded.bundle.to_bytes();
    let one_file =
        Engine::from_bundle_bytes(&built(dir.path(), Layout::Embedded).bundle.to_bytes()).unwrap();
    let mut fetched = Vec::new();
    for (_, query, _) in kb.queries.iter().take(30) {
        let engine = Engine::from_bundle_bytes(&bytes).unwrap();
        let mut search = Search::new(query.as_str(), SearchOptions::default());
        let (rounds, got, next) = fetch_ranges(&engine, &sharded, &mut search);
        // Dictionary blocks, then postings, then what choosing sections
        // looked up besides.
        assert!(
            (1..=3).contains(&rounds),
            "{rounds} rounds of ranges: {query}"
        );
        fetched.push(got);
        supply(&engine, &sharded, &needed(next));
        let Step::Done(answer) = engine.step(&mut search) else {
            panic!("everything was supplied: {query}");
        };
        assert_eq!(
            answer.results,
            one_file.search(query, &SearchOptions::default()),
            "the answer of the whole index: {query}"
        );
    }
    fetched.sort_unstable();
    let median = fetched[fetched.len() / 2];
    assert!(
        median * 4 < postings,
        "a query fetches {median} of {postings} bytes of postings and dictionaries (median): {fetched:?}"
    );
}

#[test]
fn browsing_and_facets_need_no_shard() {
    let sharded = built(&repo_path("content"), Layout::Sharded);
    let engine = Engine::from_bundle_bytes(&sharded.bundle.to_bytes()).unwrap();
    let (entries, facets) = engine.browse(&SearchOptions::default());
    assert_eq!(entries.len(), 34);
    assert!(!facets.categories.is_empty() && !facets.statuses.is_empty());
    assert_eq!(engine.unloaded_shards().len(), sharded.shard_files.len());
}

#[test]
fn auto_layout_embeds_a_small_kb_and_shards_a_large_one() {
    assert!(built(&repo_path("content"), Layout::Auto)
        .shard_files
        .is_empty());
    let dir = tempfile::tempdir().unwrap();
    synthetic::generate(2000, 7)
        .write_content(dir.path())
        .unwrap();
    let large = built(dir.path(), Layout::Auto);
    assert!(large.shard_files.len() > 10, "{}", large.shard_files.len());
    let bundle = large.bundle.to_bytes();
    let shards: usize = large.shard_files.iter().map(|(_, b)| b.len()).sum();
    assert!(
        shards > bundle.len(),
        "the bodies are most of the bytes ({shards} in shards, {} in the bundle)",
        bundle.len()
    );
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn kb_build(content: &Path, out: &Path, entries: &str) -> Output {
    let o = kb(&[
        "build",
        "--bundle-only",
        "--entries",
        entries,
        "--content",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn kb_search_json(out: &Path, query: &str) -> Output {
    kb(&["search", "--json", "--index", out.to_str().unwrap(), query])
}

#[test]
fn kb_search_reads_the_shards_next_to_the_bundle() {
    let content = repo_path("content");
    let (one, split) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    kb_build(&content, one.path(), "embedded");
    let o = kb_build(&content, split.path(), "sharded");
    assert!(stdout(&o).contains("entry shards in"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("postings read by range in"),
        "{}",
        stdout(&o)
    );
    assert!(split.path().join("kb-entries/00000.json").is_file());
    assert!(!one.path().join("kb-entries").exists());
    for query in [
        "ImagePullBackOff",
        "IoError(Os { code: 28, kind: StorageFull",
    ] {
        let (a, b) = (
            kb_search_json(one.path(), query),
            kb_search_json(split.path(), query),
        );
        assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
        assert_eq!(stdout(&a), stdout(&b), "{query}");
        let out = stdout(&b);
        assert!(
            out.contains("\"steps\": [\n") || out.contains("\"causes\": [\n"),
            "cards carry the bodies from the shards: steps, or the causes to pick from"
        );
    }
}

/// `kb search` over a split EAS build with one of its folders deleted:
/// fails, and returns what it printed on stderr.
fn search_without(folder: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    kb_build(&repo_path("content"), out.path(), "sharded");
    std::fs::remove_dir_all(out.path().join(folder)).unwrap();
    let o = kb_search_json(out.path(), "ImagePullBackOff");
    assert!(!o.status.success());
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_missing_shard_is_an_error_naming_the_file() {
    let err = search_without("kb-entries");
    assert!(err.contains("kb-entries/0"), "{err}");
}

#[test]
fn a_missing_postings_file_is_an_error_naming_it() {
    let err = search_without("kb-postings");
    assert!(err.contains("kb-postings/"), "{err}");
}

#[test]
fn a_shard_of_another_build_is_refused() {
    let content = repo_path("content");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    kb_build(&content, a.path(), "sharded");
    let other = tempfile::tempdir().unwrap();
    synthetic::generate(60, 3)
        .write_content(other.path())
        .unwrap();
    kb_build(other.path(), b.path(), "sharded");
    // Deploy a's bundle with b's shards.
    std::fs::remove_dir_all(a.path().join("kb-entries")).unwrap();
    std::fs::rename(b.path().join("kb-entries"), a.path().join("kb-entries")).unwrap();
    let o = kb_search_json(a.path(), "ImagePullBackOff");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("belongs to another build"), "{err}");
}

#[test]
fn rebuilding_embedded_removes_stale_shards() {
    let out = tempfile::tempdir().unwrap();
    let content = repo_path("content");
    kb_build(&content, out.path(), "sharded");
    assert!(out.path().join("kb-entries").is_dir());
    assert!(out.path().join("kb-postings").is_dir());
    kb_build(&content, out.path(), "auto");
    assert!(!out.path().join("kb-entries").exists());
    assert!(!out.path().join("kb-postings").exists());
    assert!(kb_search_json(out.path(), "ImagePullBackOff")
        .status
        .success());
}
