//! `kb`: build, check, search and evaluate a KB Search knowledge base.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indexer::content::{self, Content};
use indexer::eval;
use indexer::kb_folder::KbFolder;
use indexer::{index_build, site, SearchOptions};
use serde::Deserialize;

/// `println!` that ends the program quietly when stdout is closed
/// (`kb search … | head`) instead of panicking on the broken pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            exit_if_broken_pipe(&e);
        }
    }};
}

fn exit_if_broken_pipe(e: &std::io::Error) {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
}

/// `--entries`: see [`index_build::Layout`].
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum EntryLayout {
    Auto,
    Embedded,
    Sharded,
}

impl From<EntryLayout> for index_build::Layout {
    fn from(l: EntryLayout) -> Self {
        match l {
            EntryLayout::Auto => index_build::Layout::Auto,
            EntryLayout::Embedded => index_build::Layout::Embedded,
            EntryLayout::Sharded => index_build::Layout::Sharded,
        }
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "kb",
    version,
    about = "KB Search: FAQ markdown → search index → answers for pasted errors"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Validate a content folder and write the index bundle and the static
    /// site (index.html, entries/<id>.html, sitemap.xml) into OUT.
    Build {
        #[arg(long, value_name = "DIR")]
        content: PathBuf,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Site name, shown in the header and page titles.
        #[arg(long, env = "KB_SITE_TITLE", default_value = "KB Search")]
        site_title: String,
        /// Absolute URL the site is served from, for canonical links and
        /// sitemap.xml (relative URLs without it).
        #[arg(long, env = "KB_SITE_URL", value_name = "URL")]
        site_url: Option<String>,
        /// Write only the search index (kb.bundle, and kb-entries/ when
        /// sharded), no HTML pages.
        #[arg(long)]
        bundle_only: bool,
        /// Where entry bodies go: inside kb.bundle, or in kb-entries/ shard
        /// files fetched per result, postings read by range (auto: sharded above
        /// 2 MiB of entry text, about 1,000–2,000 entries).
        #[arg(long, value_enum, default_value_t = EntryLayout::Auto)]
        entries: EntryLayout,
    },
    /// Validate a content folder without writing anything.
    Check {
        #[arg(long, value_name = "DIR")]
        content: PathBuf,
    },
    /// Search an index. QUERY `-` reads the whole of stdin as one query.
    Search {
        /// Folder holding kb.bundle (or the bundle file itself).
        #[arg(long, value_name = "DIR")]
        index: PathBuf,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print a JSON array of hits.
        #[arg(long, conflicts_with = "jsonl")]
        json: bool,
        /// Batch mode: one query per stdin line (a JSON string or {"query": ...}).
        #[arg(long)]
        jsonl: bool,
        #[arg(required_unless_present = "jsonl")]
        query: Option<String>,
    },
    /// Relevance: top-1, recall@3 and MRR@10 by query kind.
    Eval {
        #[arg(long, value_name = "DIR")]
        index: PathBuf,
        /// JSONL file of {"kind", "query", "expected": [ids]}.
        #[arg(long, value_name = "FILE")]
        queries: PathBuf,
        /// Print the full report as JSON.
        #[arg(long)]
        json: bool,
        /// Exit non-zero when overall top-1 is below this (0..1).
        #[arg(long)]
        min_top1: Option<f64>,
        /// Exit non-zero when overall MRR@10 is below this (0..1).
        #[arg(long)]
        min_mrr: Option<f64>,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Check { content } => {
            let c = load(&content)?;
            out!(
                "ok: {} files read, {} entries, {} sections",
                c.files_read,
                c.entries.len(),
                sections(&c)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Build {
            content,
            out,
            site_title,
            site_url,
            bundle_only,
            entries,
        } => {
            let site = (!bundle_only).then_some(site::SiteOptions {
                title: site_title,
                url: site_url,
            });
            build(&content, &out, site.as_ref(), entries.into())
        }
        Command::Search {
            index,
            limit,
            json,
            jsonl,
            query,
        } => {
            let index = KbFolder::open(&index)?;
            let options = SearchOptions::with_limit(limit);
            if jsonl {
                return batch(&index, &options);
            }
            let query = query.unwrap_or_default();
            let query = if query == "-" {
                let mut s = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut s)
                    .map_err(|e| format!("reading stdin: {e}"))?;
                String::from_utf8_lossy(&s).into_owned()
            } else {
                query
            };
            let results = index.search(&query, &options)?.results;
            if json {
                out!(
                    "{}",
                    serde_json::to_string_pretty(&results.hits).expect("hits serialise")
                );
            } else {
                print_human(&results);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            index,
            queries,
            json,
            min_top1,
            min_mrr,
        } => {
            let index = KbFolder::open(&index)?;
            index.load_all_shards()?;
            let engine = &index.engine;
            let text = std::fs::read_to_string(&queries)
                .map_err(|e| format!("{}: {e}", queries.display()))?;
            let queries =
                eval::parse_queries(&text).map_err(|e| format!("{}: {e}", queries.display()))?;
            let report = eval::evaluate(engine, &queries);
            if json {
                out!(
                    "{}",
                    serde_json::to_string_pretty(&report).expect("report serialises")
                );
            } else {
                print_report(&report);
            }
            let below = |min: Option<f64>, got: f64| min.is_some_and(|m| got + 1e-9 < m);
            if below(min_top1, report.overall.top1) || below(min_mrr, report.overall.mrr10) {
                eprintln!(
                    "error: relevance below the floor (top-1 {:.3}, MRR@10 {:.3})",
                    report.overall.top1, report.overall.mrr10
                );
                return Ok(ExitCode::FAILURE);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn sections(c: &Content) -> usize {
    c.entries
        .iter()
        .map(|e| e.sections.iter().filter(|s| !s.heading.is_empty()).count())
        .sum()
}

fn load(dir: &Path) -> Result<Content, String> {
    match content::load_folder(dir) {
        Ok(c) => {
            for w in &c.warnings {
                eprintln!("warning: {w}");
            }
            Ok(c)
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            Err(format!(
                "{} problem(s) in {}; nothing was written",
                errors.len(),
                dir.display()
            ))
        }
    }
}

fn build(
    content_dir: &Path,
    out: &Path,
    site: Option<&site::SiteOptions>,
    layout: index_build::Layout,
) -> Result<ExitCode, String> {
    let c = load(content_dir)?;
    let built = index_build::build(&c.entries, &c.synonyms, layout)
        .map_err(|e| format!("indexing failed: {e}"))?;
    let written = KbFolder::write(&built, out)?;
    let shards = match written.shard_files {
        0 => String::new(),
        n => format!(
            " + {n} entry shards in {} ({} bytes) + postings read by range in {} ({} bytes)",
            out.join(indexer::names::SHARD_DIR).display(),
            written.shard_bytes,
            out.join(indexer::names::POSTINGS_DIR).display(),
            written.postings_bytes
        ),
    };
    out!(
        "built {}: {} files read, {} entries, {} sections, {} bytes{shards}",
        written.bundle.display(),
        c.files_read,
        c.entries.len(),
        sections(&c),
        written.bundle_bytes
    );
    if let Some(site) = site {
        let summary = site::write_site(&c.entries, out, site)
            .map_err(|e| format!("writing the site into {}: {e}", out.display()))?;
        out!(
            "wrote {} pages and sitemap.xml into {}{}",
            summary.pages,
            out.display(),
            if site.url.is_none() {
                " (no --site-url: canonical links and sitemap URLs are relative)"
            } else {
                ""
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BatchLine {
    Text(String),
    Object { query: String },
}

fn batch(index: &KbFolder, options: &SearchOptions) -> Result<ExitCode, String> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.map_err(|e| format!("reading stdin: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let query = match serde_json::from_str::<BatchLine>(&line) {
            Ok(BatchLine::Text(q)) | Ok(BatchLine::Object { query: q }) => q,
            Err(e) => {
                return Err(format!(
                    "stdin line {}: expected a JSON string or {{\"query\": ...}}: {e}",
                    n + 1
                ))
            }
        };
        let hits = index.search(&query, options)?.results.hits;
        let line = serde_json::json!({ "query": query, "hits": hits });
        writeln!(out, "{line}").map_err(|e| {
            exit_if_broken_pipe(&e);
            e.to_string()
        })?;
    }
    out.flush().map_err(|e| {
        exit_if_broken_pipe(&e);
        e.to_string()
    })?;
    Ok(ExitCode::SUCCESS)
}

fn print_human(results: &indexer::SearchResults) {
    if results.truncated {
        out!("(the query was long: only its beginning and end were searched)");
    }
    if let Some(d) = &results.did_you_mean {
        out!("did you mean: {d}");
    }
    if results.hits.is_empty() {
        out!("no results");
    }
    for (i, h) in results.hits.iter().enumerate() {
        let statuses = if h.statuses.is_empty() {
            String::new()
        } else {
            format!(" [{}]", h.statuses.join(", "))
        };
        out!(
            "{}. {} ({}){}  score {:.2}",
            i + 1,
            h.title,
            h.id,
            statuses,
            h.score
        );
        if let Some(s) = &h.section {
            out!("   section: {s}");
        }
        let excerpt: String = h
            .excerpt
            .iter()
            .map(|f| {
                if f.hl {
                    format!("[{}]", f.text)
                } else {
                    f.text.clone()
                }
            })
            .collect();
        if !excerpt.is_empty() {
            out!("   {excerpt}");
        }
        for (n, step) in h.steps.iter().enumerate() {
            out!("   {}. {step}", n + 1);
        }
    }
}

fn print_report(r: &eval::Report) {
    out!(
        "{:<10} {:>7} {:>7} {:>9} {:>7}",
        "kind",
        "queries",
        "top-1",
        "recall@3",
        "MRR@10"
    );
    for (kind, s) in r
        .by_kind
        .iter()
        .chain(std::iter::once((&"overall".to_string(), &r.overall)))
    {
        out!(
            "{:<10} {:>7} {:>6.1}% {:>8.1}% {:>7.3}",
            kind,
            s.queries,
            s.top1 * 100.0,
            s.recall3 * 100.0,
            s.mrr10
        );
    }
    if !r.misses.is_empty() {
        out!("\nnot first:");
        for m in &r.misses {
            let q: String = m
                .query
                .chars()
                .take(90)
                .collect::<String>()
                .replace('\n', "⏎");
            out!(
                "  [{}] {q}\n      expected {:?}, rank {:?}, got {:?}",
                m.kind,
                m.expected,
                m.rank,
                m.got
            );
        }
    }
}
