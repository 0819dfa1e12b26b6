//! Synthetic FAQ-like knowledge bases for scale tests and benchmarks.
//!
//! Entries look like real troubleshooting FAQs: an error code id, a title,
//! statuses, error strings mixing identifiers and prose, two or three cause
//! sections with numbered steps, spread over 12 category folders.
//! Deterministic for a given seed. Each tenth entry also gives three
//! queries with its id expected: a pasted multi-line log of about 5 KB
//! (`paste`), a short typed query (`typing`) and the bare error line
//! (`error`).

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

/// A generated knowledge base: markdown files and queries.
#[derive(Debug, Clone, Default)]
pub struct SyntheticKb {
    /// (path relative to the content folder, markdown)
    pub files: Vec<(String, String)>,
    /// (kind, query, expected id)
    pub queries: Vec<(String, String, String)>,
}

impl SyntheticKb {
    /// The queries as `kb eval` JSONL.
    pub fn queries_jsonl(&self) -> String {
        let mut out = String::new();
        for (kind, query, id) in &self.queries {
            let _ = writeln!(
                out,
                "{}",
                serde_json::json!({"kind": kind, "query": query, "expected": [id]})
            );
        }
        out
    }

    /// Writes the markdown files below `content`.
    pub fn write_content(&self, content: &Path) -> std::io::Result<()> {
        for (rel, md) in &self.files {
            let path = content.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(path, md)?;
        }
        Ok(())
    }
}

/// `n` entries from `seed`.
pub fn generate(n: usize, seed: u64) -> SyntheticKb {
    let mut rng = Rng(seed);
    let mut kb = SyntheticKb::default();
    for i in 0..n {
        let (g, md) = entry(&mut rng, i);
        kb.files
            .push((format!("area-{:02}/{}.md", 1 + i % 12, g.id), md));
        if i % 10 == 0 {
            let p = paste(&mut rng, &g);
            kb.queries.push(("paste".into(), p, g.id.clone()));
            let short: String = g
                .title
                .split_whitespace()
                .skip(1)
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            kb.queries.push(("typing".into(), short, g.id.clone()));
            kb.queries
                .push(("error".into(), g.error.clone(), g.id.clone()));
        }
    }
    kb
}
