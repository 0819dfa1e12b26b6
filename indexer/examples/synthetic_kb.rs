//! Writes a synthetic FAQ-like knowledge base for scale tests and benchmarks:
//! `cargo run --release -p indexer --example synthetic_kb -- OUT_DIR N [SEED]`.
//!
//! Entries look like real troubleshooting FAQs: an error code id, a title,
//! statuses, error strings mixing identifiers and prose, two or three cause
//! sections with numbered steps. Deterministic for a given seed. Also writes
//! `OUT_DIR/queries.jsonl`: one pasted multi-line log (about 5 KB) and one
//! short typed query per 10 entries, with the expected id.

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: tiny, deterministic, good enough to pick words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const SUBJECTS: &[&str] = &[
    "service",
    "instance",
    "container",
    "volume",
    "gateway",
    "token",
    "bucket",
    "node",
    "job",
    "queue",
    "replica",
    "certificate",
    "image",
    "cluster",
    "pipeline",
    "worker",
    "scheduler",
    "endpoint",
    "quota",
    "snapshot",
];
const VERBS: &[&str] = &[
    "fails to start",
    "is stuck",
    "times out",
    "is rejected",
    "cannot connect",
    "runs out of memory",
    "keeps restarting",
    "is not found",
    "returns an error",
    "cannot be deleted",
    "is throttled",
    "is unhealthy",
];
const STATUSES: &[&str] = &[
    "Waiting",
    "Pending",
    "Failed",
    "Stopped",
    "Running",
    "Error",
    "Terminating",
    "Degraded",
    "401",
    "403",
    "429",
    "503",
];
const ERROR_WORDS: &[&str] = &[
    "Timeout",
    "Denied",
    "NotFound",
    "Conflict",
    "Unavailable",
    "Exhausted",
    "Invalid",
    "Refused",
    "Expired",
    "Corrupt",
    "Overflow",
    "Mismatch",
    "Locked",
    "Detached",
    "Throttled",
    "Unreachable",
];
const NOUNS: &[&str] = &[
    "Disk", "Memory", "Network", "Quota", "Auth", "Image", "Port", "Volume", "Config", "Lease",
    "Schema", "Route", "Socket", "Cert", "Policy", "Region",
];
const PROSE: &[&str] = &[
    "the request",
    "the console",
    "the resource group",
    "the configuration file",
    "the health check",
    "the access policy",
    "the storage mount",
    "the region",
    "the load balancer",
    "the deployment events",
    "the instance log",
    "the retry budget",
    "the scaling rule",
    "the network ACL",
    "the service account",
];
const ACTIONS: &[&str] = &[
    "Open", "Check", "Increase", "Reduce", "Restart", "Recreate", "Grant", "Rotate", "Move",
    "Verify", "Disable", "Enable", "Update", "Delete",
];

struct Generated {
    id: String,
    error: String,
    title: String,
}

fn entry(rng: &mut Rng, n: usize) -> (Generated, String) {
    let code = format!("KB{:05}", n);
    let class = format!("{}{}Error", rng.pick(NOUNS), rng.pick(ERROR_WORDS));
    let subject = rng.pick(SUBJECTS);
    let title = format!("The {subject} {} with {class}", rng.pick(VERBS));
    let error = format!("{class}: {subject} {} ({code})", rng.pick(VERBS));
    let statuses: Vec<&str> = (0..1 + rng.below(2)).map(|_| rng.pick(STATUSES)).collect();
    let mut md = String::new();
    let _ = writeln!(
        md,
        "---\nid: {code}\ntitle: \"{title}\"\ncategory: Area {}",
        1 + n % 12
    );
    let _ = writeln!(
        md,
        "statuses: [{}]\nerrors:\n  - \"{error}\"\n---\n",
        statuses.join(", ")
    );
    let _ = writeln!(
        md,
        "This happens when {} of the {subject} is misconfigured and {} reports `{class}`.\n",
        rng.pick(PROSE),
        rng.pick(PROSE)
    );
    for cause in 0..2 + rng.below(2) {
        let _ = writeln!(
            md,
            "## Cause {}: {} {}\n",
            cause + 1,
            rng.pick(NOUNS).to_lowercase(),
            rng.pick(ERROR_WORDS).to_lowercase()
        );
        let _ = writeln!(
            md,
            "The {subject} {} because {} does not match {}.\n",
            rng.pick(VERBS),
            rng.pick(PROSE),
            rng.pick(PROSE)
        );
        for step in 0..2 + rng.below(3) {
            let _ = writeln!(
                md,
                "{}. {} {} and {}.",
                step + 1,
                rng.pick(ACTIONS),
                rng.pick(PROSE),
                rng.pick(PROSE)
            );
        }
        md.push('\n');
    }
    (
        Generated {
            id: code,
            error,
            title,
        },
        md,
    )
}

/// A ~5 KB paste: noisy log lines around the entry's error line.
fn paste(rng: &mut Rng, g: &Generated) -> String {
    let mut out = String::new();
    let mut line = 0;
    while out.len() < 5 * 1024 {
        line += 1;
        let pod = format!(
            "{}-{:x}-{:05x}",
            rng.pick(SUBJECTS),
            rng.next() % 0xFFFF_FFFF,
            rng.next() % 0xFFFFF
        );
        if line == 30 {
            let _ = writeln!(
                out,
                "2024-06-01T10:{:02}:{:02}Z ERROR {pod} {}",
                line % 60,
                rng.below(60),
                g.error
            );
        } else {
            let _ = writeln!(
                out,
                "2024-06-01T10:{:02}:{:02}Z INFO {pod} {} {} ok in {}ms",
                line % 60,
                rng.below(60),
                rng.pick(ACTIONS).to_lowercase(),
                rng.pick(PROSE),
                rng.below(900)
            );
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = Path::new(args.get(1).expect("OUT_DIR"));
    let n: usize = args.get(2).expect("N").parse().expect("N is a number");
    let seed: u64 = args
        .get(3)
        .map(|s| s.parse().expect("SEED is a number"))
        .unwrap_or(42);
    let mut rng = Rng(seed);
    let content = out.join("content");
    std::fs::create_dir_all(&content).expect("create OUT_DIR");
    let mut queries = String::new();
    for i in 0..n {
        let (g, md) = entry(&mut rng, i);
        let dir = content.join(format!("area-{:02}", 1 + i % 12));
        std::fs::create_dir_all(&dir).expect("create folder");
        std::fs::write(dir.join(format!("{}.md", g.id)), md).expect("write entry");
        if i % 10 == 0 {
            let p = paste(&mut rng, &g);
            let _ = writeln!(
                queries,
                "{}",
                serde_json::json!({"kind": "paste", "query": p, "expected": [g.id]})
            );
            let short: String = g
                .title
                .split_whitespace()
                .skip(1)
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            let _ = writeln!(
                queries,
                "{}",
                serde_json::json!({"kind": "typing", "query": short, "expected": [g.id]})
            );
        }
    }
    std::fs::write(out.join("queries.jsonl"), queries).expect("write queries");
    println!("wrote {n} entries to {}", content.display());
}
