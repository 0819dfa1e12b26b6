//! `kb`: build, check, search and evaluate a KB Search knowledge base.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indexer::builder::{self, BuildError, BuildOptions};
use indexer::content::ContentError;
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
    /// Validate a content folder and write a complete site into OUT: the
    /// pages (index.html, entries/<id>.html, sitemap.xml, 404.html), the
    /// search index (kb.bundle) and the app they load.
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
        /// Do not write the app (app.js, app_bg.wasm) and the static files:
        /// for a build that brings its own (trunk).
        #[arg(long)]
        without_app: bool,
        /// Fail on warnings too (for a docs CI).
        #[arg(long)]
        strict: bool,
    },
    /// Validate a content folder without writing anything.
    Check {
        #[arg(long, value_name = "DIR")]
        content: PathBuf,
        /// Fail on warnings too (for a docs CI).
        #[arg(long)]
        strict: bool,
    },
    /// Build the site, serve it, and rebuild and reload the open pages on
    /// every save (content errors show on the page).
    Serve {
        #[arg(long, value_name = "DIR")]
        content: PathBuf,
        #[arg(long, default_value_t = 8080)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Site name, shown in the header and page titles.
        #[arg(long, env = "KB_SITE_TITLE", default_value = "KB Search")]
        site_title: String,
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
        Command::Check { content, strict } => {
            let checked = builder::check(&content, strict).map_err(|e| failed(e, &content))?;
            print_warnings(&checked.content.warnings);
            out!(
                "ok: {} files read, {} entries, {} sections{}",
                checked.content.files_read,
                checked.content.entries.len(),
                checked.sections,
                synonyms_note(&checked.content)
            );
            print_overview(&checked.content.entries);
            Ok(ExitCode::SUCCESS)
        }
        Command::Build {
            content,
            out,
            site_title,
            site_url,
            bundle_only,
            entries,
            without_app,
            strict,
        } => {
            let site = (!bundle_only).then_some(site::SiteOptions {
                title: site_title,
                url: site_url,
                ..site::SiteOptions::default()
            });
            let options = BuildOptions {
                content: &content,
                out: &out,
                site: site.as_ref(),
                layout: entries.into(),
                app: !bundle_only && !without_app,
                strict,
            };
            let report = builder::build(&options).map_err(|e| failed(e, &content))?;
            print_built(&report, &out, site.as_ref());
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            content,
            port,
            host,
            open,
            site_title,
        } => {
            indexer::serve::run(&indexer::serve::ServeOptions {
                content,
                host,
                port,
                open,
                site_title,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            index,
            limit,
            json,
            jsonl,
            query,
        } => search(&index, limit, json, jsonl, query),
        Command::Eval {
            index,
            queries,
            json,
            min_top1,
            min_mrr,
        } => evaluate(&index, &queries, json, min_top1, min_mrr),
    }
}

/// `kb search`: one query (an argument, or `-` for stdin) or, with
/// `--jsonl`, one per line of stdin.
fn search(
    index: &Path,
    limit: usize,
    json: bool,
    jsonl: bool,
    query: Option<String>,
) -> Result<ExitCode, String> {
    let index = KbFolder::open(index)?;
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

/// `kb eval`: the report, and a failing exit below the floors given.
fn evaluate(
    index: &Path,
    queries: &Path,
    json: bool,
    min_top1: Option<f64>,
    min_mrr: Option<f64>,
) -> Result<ExitCode, String> {
    let index = KbFolder::open(index)?;
    index.load_all_shards()?;
    let text =
        std::fs::read_to_string(queries).map_err(|e| format!("{}: {e}", queries.display()))?;
    let queries = eval::parse_queries(&text).map_err(|e| format!("{}: {e}", queries.display()))?;
    let report = eval::evaluate(&index.engine, &queries);
    if json {
        out!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serialises")
        );
    } else {
        out!("{}", report.to_string().trim_end());
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

/// Prints content problems; the error returned names how many and where.
fn failed(e: BuildError, content: &Path) -> String {
    match e {
        BuildError::Content(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            format!("{} problem(s) in {}", errors.len(), content.display())
        }
        BuildError::Write(message) => message,
    }
}

fn print_warnings(warnings: &[ContentError]) {
    for line in indexer::content::warning_lines(warnings) {
        eprintln!("warning: {line} (kb check --strict fails on warnings)");
    }
}

/// The headings read as the entries' overview, as the first entry writes
/// them, so an author sees why `## Issue` is never the cause on a card.
fn print_overview(entries: &[indexer::Entry]) {
    let overview = indexer::index_build::overview_headings(entries);
    let mut shown: Vec<&str> = overview.values().map(String::as_str).collect();
    if !shown.is_empty() {
        shown.sort_unstable();
        out!(
            "overview headings (shared by many entries, without steps: read like the intro, never a cause): {}",
            shown.join(", ")
        );
    }
}

/// `; synonyms.txt: N groups` when the folder has synonyms.
fn synonyms_note(c: &indexer::content::Content) -> String {
    match c.synonyms.groups.len() {
        0 => String::new(),
        n => format!(
            "; {}: {n} group{}",
            indexer::names::CONTENT_SYNONYMS,
            if n == 1 { "" } else { "s" }
        ),
    }
}

fn print_built(r: &builder::Report, out: &Path, site: Option<&site::SiteOptions>) {
    let c = &r.checked.content;
    print_warnings(&c.warnings);
    let w = &r.index;
    let shards = match w.shard_files {
        0 => String::new(),
        n => format!(
            " + {n} entry shards in {} ({} bytes) + postings read by range in {} ({} bytes)",
            out.join(indexer::names::SHARD_DIR).display(),
            w.shard_bytes,
            out.join(indexer::names::POSTINGS_DIR).display(),
            w.postings_bytes
        ),
    };
    out!(
        "built {}: {} files read, {} entries, {} sections, {} bytes{shards}{}",
        w.bundle.display(),
        c.files_read,
        c.entries.len(),
        r.checked.sections,
        w.bundle_bytes,
        synonyms_note(c)
    );
    print_overview(&c.entries);
    if let (Some(summary), Some(site)) = (r.site, site) {
        out!(
            "wrote {} pages, 404.html and sitemap.xml into {}{}{}",
            summary.pages,
            out.display(),
            match summary.stale_removed {
                0 => String::new(),
                n => format!("; removed {n} pages of entries that are gone"),
            },
            if site.url.is_none() {
                " (no --site-url: canonical links and sitemap URLs are relative)"
            } else {
                ""
            }
        );
    }
    if r.app_files > 0 {
        out!(
            "wrote the app and its static files ({} files): the folder is a complete site",
            r.app_files
        );
    }
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
        let results = index.search(&query, options)?.results;
        // `weak`: no answer matches this well; the hits are only the closest.
        let line =
            serde_json::json!({ "query": query, "hits": results.hits, "weak": results.weak });
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
    } else if results.weak {
        out!("{}", indexer::WEAK_NOTICE);
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
