use super::super::testing;
use super::*;

/// The files of a split build, by path.
fn file<'a>(built: &'a crate::index_build::Built, path: &str) -> &'a [u8] {
    &built
        .shard_files
        .iter()
        .chain(&built.postings_files)
        .find(|(p, _)| p == path)
        .expect("the build has the file")
        .1
}

fn bytes_for(built: &crate::index_build::Built, fetch: &Fetch) -> Vec<u8> {
    let whole = file(built, fetch.path());
    match fetch.range() {
        Some(r) => whole[r.start as usize..r.end as usize].to_vec(),
        None => whole.to_vec(),
    }
}

fn need(step: Step) -> Vec<Fetch> {
    match step {
        Step::Need(f) => f,
        Step::Done(a) => panic!("expected a need, got {a:?}"),
    }
}

fn done(step: Step) -> Answer {
    match step {
        Step::Done(a) => a,
        Step::Need(f) => panic!("expected an answer, got a need for {f:?}"),
    }
}

#[test]
fn a_split_search_asks_for_postings_then_shards_then_answers() {
    let (engine, built) = testing::split_sample();
    let mut search = Search::new("no such host", SearchOptions::default());
    // Term dictionary blocks, then postings.
    let mut rounds = 0;
    let shards = loop {
        let fetches = need(engine.step(&mut search));
        if !fetches.iter().all(|f| matches!(f, Fetch::Postings { .. })) {
            break fetches;
        }
        rounds += 1;
        assert!(rounds <= 3, "still asking for ranges");
        for f in &fetches {
            engine.supply(f, bytes_for(&built, f)).unwrap();
        }
    };
    assert!(rounds >= 1);
    assert!(shards.iter().all(|f| matches!(f, Fetch::Shard { .. })));
    for f in &shards {
        engine.supply(f, bytes_for(&built, f)).unwrap();
    }
    let answer = done(engine.step(&mut search));
    assert_eq!(answer.problem, None);
    assert_eq!(answer.results.hits[0].id, "image-pull");
    assert!(!answer.results.hits[0].steps.is_empty());
}

#[test]
fn ranges_that_arrive_cut_short_are_reported_not_asked_for_forever() {
    // A broken proxy: every range answer loses its second half.
    let (engine, built) = testing::split_sample();
    let mut rounds = 0;
    let answer = loop {
        rounds += 1;
        assert!(rounds <= 64, "still asking after {rounds} rounds");
        match engine.step(&mut Search::new("no such host", SearchOptions::default())) {
            Step::Done(answer) => break answer,
            Step::Need(fetches) => {
                for f in &fetches {
                    let mut bytes = bytes_for(&built, f);
                    bytes.truncate(bytes.len() / 2);
                    engine.supply(f, bytes).unwrap();
                }
            }
        }
    };
    let problem = answer.problem.expect("the missing bytes are reported");
    assert!(problem.contains("kb-postings/"), "{problem}");
    assert!(problem.contains("came back without bytes"), "{problem}");
}

/// A host that ignores `Range` sends whole files; one of another
/// build (or another of this build's files) has another length, and
/// reading it as this one's could fail in any way.
#[test]
fn a_whole_file_of_another_length_is_refused() {
    let (engine, built) = testing::split_sample();
    let (path, bytes) = &built.postings_files[0];
    let whole = Fetch::Postings {
        path: path.clone(),
        range: 0..1,
    };
    let mut other = bytes.clone();
    other.push(0);
    let problem = engine.supply_whole(&whole, other).unwrap_err();
    assert!(problem.contains("of another build"), "{problem}");
    engine.supply_whole(&whole, bytes.clone()).unwrap();
}

#[test]
fn a_range_that_arrives_empty_is_reported_at_once() {
    let (engine, _) = testing::split_sample();
    let postings = need(engine.step(&mut Search::new("no such host", SearchOptions::default())));
    for f in &postings {
        engine.supply(f, Vec::new()).unwrap();
    }
    let answer = done(engine.step(&mut Search::new("no such host", SearchOptions::default())));
    assert!(answer
        .problem
        .is_some_and(|p| p.contains("came back without bytes")));
}

#[test]
fn a_shard_file_that_is_not_the_one_asked_for_is_refused() {
    let (engine, built) = testing::split_sample();
    for (path, bytes) in &built.postings_files {
        let whole = Fetch::Postings {
            path: path.clone(),
            range: 0..bytes.len() as u64,
        };
        engine.supply(&whole, bytes.clone()).unwrap();
    }
    let mut search = Search::new("no such host", SearchOptions::default());
    let shards = need(engine.step(&mut search));
    let asked = &shards[0];
    let Fetch::Shard { shard, .. } = asked else {
        panic!("a shard is asked for")
    };
    let other = names::shard_path(if *shard == 0 { 1 } else { 0 });
    let err = engine
        .supply(asked, file(&built, &other).to_vec())
        .unwrap_err();
    assert!(err.contains("not shard"), "{err}");
    let answer = done(engine.step(&mut search));
    assert!(answer.problem.is_some_and(|p| p.contains("not shard")));
    assert!(
        answer.results.hits[0].steps.is_empty(),
        "its body is missing"
    );
}

#[test]
fn a_failed_fetch_ends_the_searches_that_need_it() {
    let (engine, _) = testing::split_sample();
    let mut search = Search::new("no such host", SearchOptions::default());
    let postings = need(engine.step(&mut search));
    engine.fetch_failed(&postings[0], "HTTP 404".into());
    let answer = done(engine.step(&mut Search::new("disk full", SearchOptions::default())));
    assert_eq!(answer.problem.as_deref(), Some("HTTP 404"));
    assert!(answer.results.hits.is_empty());
}

#[test]
fn the_native_loop_reads_whole_files() {
    let (engine, built) = testing::split_sample();
    let mut reads = Vec::new();
    let answer = engine
        .search_with("401 Unauthorized", &SearchOptions::default(), |p| {
            reads.push(p.to_string());
            Ok::<_, String>(file(&built, p).to_vec())
        })
        .unwrap();
    assert_eq!(answer.results.hits[0].id, "image-pull");
    let mut unique = reads.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), reads.len(), "each file read once: {reads:?}");
}

#[test]
fn an_embedded_bundle_answers_in_one_step() {
    let engine = testing::sample();
    let mut search = Search::new("401", SearchOptions::default());
    assert_eq!(done(engine.step(&mut search)).results.total, 2);
}
