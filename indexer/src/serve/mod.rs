//! `kb serve`: the author's preview. Builds the site into a folder of its
//! own, serves it ([`http`]), watches the content folder, rebuilds on every
//! save ([`watch`]) and tells the open pages through Server-Sent Events:
//! they reload after a good build, and show the content errors of a bad
//! one over the last good pages (`live.js`).

mod http;
mod watch;

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::broadcast;

use crate::builder::{self, BuildError, BuildOptions};
use crate::content::ContentError;
use crate::index_build::Layout;
use crate::site::SiteOptions;

/// Where the live-reload script is served (every preview page loads it).
pub const LIVE_JS: &str = "/__kb/live.js";

/// What `kb serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub content: PathBuf,
    pub host: String,
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    pub site_title: String,
}

/// One `file:line` problem, as the page shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl From<&ContentError> for Problem {
    fn from(e: &ContentError) -> Self {
        Problem {
            file: e.file.clone(),
            line: e.line,
            message: e.message.clone(),
        }
    }
}

/// The state of the last build, as sent to the open pages.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Status {
    /// The pages on disk are build number `generation`.
    Built { generation: u64 },
    /// The last build failed; the pages are the last good build's.
    Errors { problems: Vec<Problem> },
}

/// Shared by the watcher and the server.
#[derive(Debug)]
pub struct Preview {
    pub content: PathBuf,
    pub out: tempfile::TempDir,
    site: SiteOptions,
    status: Mutex<Status>,
    generation: Mutex<u64>,
    /// Entries of unchanged files are not parsed again.
    cache: Mutex<crate::content::ParseCache>,
    events: broadcast::Sender<Status>,
}

impl Preview {
    /// The last build's status.
    pub fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Builds the site again; the status follows and the pages are told.
    /// Returns the problems of a failed build.
    pub fn rebuild(&self, with_app: bool) -> Result<(), Vec<Problem>> {
        let mut generation = self.generation.lock().unwrap_or_else(|e| e.into_inner());
        // Each page names the build it belongs to, so that a page loaded
        // just before a rebuild still learns it is stale.
        let site = SiteOptions {
            extra_script: Some(format!("{LIVE_JS}?build={}", *generation + 1)),
            ..self.site.clone()
        };
        let options = BuildOptions {
            content: &self.content,
            out: self.out.path(),
            site: Some(&site),
            layout: Layout::Auto,
            app: with_app,
            strict: false,
        };
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let status = match builder::build_cached(&options, &mut cache) {
            Ok(_) => {
                *generation += 1;
                Status::Built {
                    generation: *generation,
                }
            }
            Err(BuildError::Content(errors)) => Status::Errors {
                problems: errors.iter().map(Problem::from).collect(),
            },
            Err(BuildError::Write(message)) => Status::Errors {
                problems: vec![Problem {
                    file: self.out.path().display().to_string(),
                    line: 0,
                    message,
                }],
            },
        };
        drop(generation);
        drop(cache);
        *self.status.lock().unwrap_or_else(|e| e.into_inner()) = status.clone();
        let _ = self.events.send(status.clone());
        match status {
            Status::Built { .. } => Ok(()),
            Status::Errors { problems } => Err(problems),
        }
    }

    /// A new listener of build statuses.
    pub fn subscribe(&self) -> broadcast::Receiver<Status> {
        self.events.subscribe()
    }
}

/// Prints a failed build's problems the way `kb build` does.
fn print_problems(problems: &[Problem]) {
    for p in problems {
        let at = if p.line > 0 {
            format!("{}:{}", p.file, p.line)
        } else {
            p.file.clone()
        };
        eprintln!("error: {at}: {}", p.message);
    }
}

/// Builds, serves and watches until interrupted (Ctrl-C).
pub fn run(options: &ServeOptions) -> Result<(), String> {
    // A folder that is missing or holds no entries cannot be previewed.
    if let Err(BuildError::Content(errors)) = builder::check(&options.content, false) {
        if errors
            .iter()
            .all(|e| e.file == options.content.display().to_string())
        {
            for e in &errors {
                eprintln!("error: {e}");
            }
            return Err(format!("nothing to serve in {}", options.content.display()));
        }
    }
    let out = tempfile::Builder::new()
        .prefix("kb-serve-")
        .tempdir()
        .map_err(|e| format!("creating the preview folder: {e}"))?;
    let preview = Arc::new(Preview {
        content: options.content.clone(),
        out,
        site: SiteOptions {
            title: options.site_title.clone(),
            ..SiteOptions::default()
        },
        status: Mutex::new(Status::Built { generation: 0 }),
        generation: Mutex::new(0),
        cache: Mutex::default(),
        events: broadcast::channel(16).0,
    });
    let started = std::time::Instant::now();
    match preview.rebuild(true) {
        Ok(()) => eprintln!(
            "built {} in {} ms",
            options.content.display(),
            started.elapsed().as_millis()
        ),
        Err(problems) => {
            print_problems(&problems);
            http::write_waiting_page(preview.out.path())
                .map_err(|e| format!("writing the preview folder: {e}"))?;
        }
    }
    let listener = bind(&options.host, options.port)?;
    let url = format!(
        "http://{}/",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    println!(
        "serving {} at {url} (Ctrl-C stops)",
        options.content.display()
    );
    watch::spawn(preview.clone())?;
    if options.open {
        if let Err(e) = opener::open(&url) {
            eprintln!("warning: could not open a browser: {e}");
        }
    }
    http::serve(listener, preview)
}

/// Binds the address, saying plainly when the port is taken.
fn bind(host: &str, port: u16) -> Result<TcpListener, String> {
    TcpListener::bind((host, port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "port {port} is taken on {host} (another server runs there): stop it or choose another with --port"
        ),
        _ => format!("cannot listen on {host}:{port}: {e}"),
    })
}
