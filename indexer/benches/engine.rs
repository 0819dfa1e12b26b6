//! Native engine benchmarks (criterion): build time and query latency by
//! query kind and knowledge base size. `cargo bench -p indexer`; prints
//! numbers, asserts nothing. The synthetic KBs come from
//! `indexer::synthetic` with seed 42 (the same as the `synthetic_kb`
//! example); the EAS FAQ is `content/`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use indexer::{content, index_build, synthetic, Engine, SearchOptions};

const SEED: u64 = 42;

/// A content folder on disk and its queries by kind.
struct Kb {
    name: &'static str,
    dir: PathBuf,
    _tmp: Option<tempfile::TempDir>,
    queries: Vec<(String, Vec<String>)>,
}

fn log_noise(bytes: usize) -> String {
    let line = "2024-10-21 20:59:33 worker-5ff76448fd-h9dsn INFO heartbeat ok id=123e4567-e89b-12d3-a456-426614174000\n";
    line.repeat(bytes / line.len() + 1)
}

/// A paste of about `bytes` with `error` on its last line.
fn paste_around(error: &str, bytes: usize) -> String {
    let mut p = log_noise(bytes.saturating_sub(error.len()));
    p.push_str(error);
    p.push('\n');
    p
}

fn eas() -> Kb {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let errors = [
        "fork/exec /bin/sh: exec format error",
        "Error: ImagePullBackOff",
        "IoError(Os { code: 28, kind: StorageFull })",
    ];
    Kb {
        name: "eas-34",
        dir,
        _tmp: None,
        queries: vec![
            (
                "typed".into(),
                [
                    "service stuck waiting",
                    "image pull fails",
                    "how to mount oss",
                ]
                .map(String::from)
                .to_vec(),
            ),
            ("error-line".into(), errors.map(String::from).to_vec()),
            (
                "paste-5KB".into(),
                errors.map(|e| paste_around(e, 5 * 1024)).to_vec(),
            ),
            (
                "paste-1MB".into(),
                vec![paste_around(errors[0], 1024 * 1024)],
            ),
        ],
    }
}

fn synthetic_kb(name: &'static str, n: usize) -> Kb {
    let kb = synthetic::generate(n, SEED);
    let tmp = tempfile::tempdir().unwrap();
    kb.write_content(tmp.path()).unwrap();
    let of = |kind: &str| -> Vec<String> {
        kb.queries
            .iter()
            .filter(|(k, _, _)| k == kind)
            .take(20)
            .map(|(_, q, _)| q.clone())
            .collect()
    };
    let first_error = of("error")[0].clone();
    Kb {
        name,
        dir: tmp.path().to_path_buf(),
        _tmp: Some(tmp),
        queries: vec![
            ("typed".into(), of("typing")),
            ("error-line".into(), of("error")),
            ("paste-5KB".into(), of("paste")),
            (
                "paste-1MB".into(),
                vec![paste_around(&first_error, 1024 * 1024)],
            ),
        ],
    }
}

fn open(dir: &Path) -> Engine {
    let c = content::load_folder(dir).unwrap();
    let bundle = index_build::build_bundle(&c.entries, &c.synonyms).unwrap();
    Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap()
}

fn build_time(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10).warm_up_time(Duration::from_millis(500));
    for kb in [
        eas(),
        synthetic_kb("synthetic-1000", 1000),
        synthetic_kb("synthetic-5000", 5000),
    ] {
        // Read + parse + index + serialise, what `kb build` does.
        g.bench_function(BenchmarkId::from_parameter(kb.name), |b| {
            b.iter(|| {
                let c = content::load_folder(&kb.dir).unwrap();
                let bundle = index_build::build_bundle(&c.entries, &c.synonyms).unwrap();
                black_box(bundle.to_bytes().len())
            })
        });
    }
    g.finish();
}

fn query_latency(c: &mut Criterion) {
    let options = SearchOptions::default();
    for kb in [
        eas(),
        synthetic_kb("synthetic-1000", 1000),
        synthetic_kb("synthetic-5000", 5000),
    ] {
        let engine = open(&kb.dir);
        let mut g = c.benchmark_group(format!("query/{}", kb.name));
        g.sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for (kind, queries) in &kb.queries {
            // Each iteration searches the next query of this kind: the
            // mean is over the kind's queries, not one lucky string.
            let mut i = 0;
            g.bench_function(kind.as_str(), |b| {
                b.iter(|| {
                    i = (i + 1) % queries.len();
                    black_box(engine.search(&queries[i], &options).hits.len())
                })
            });
        }
        g.finish();
    }
}

criterion_group!(benches, build_time, query_latency);
criterion_main!(benches);
