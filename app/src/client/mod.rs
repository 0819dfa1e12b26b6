//! The engine client, the bottom layer of the app: it loads the bundle
//! (a separate static file, so one build of the app serves any knowledge
//! base), holds the engine, and runs searches through the engine's driver,
//! fetching what a search asks for ([`http`]).
//!
//! Its state is one signal, [`LoadState`], which carries the engine once
//! it is ready. Everything above (the JS API, the page, the widget) reads
//! that signal; nothing here knows about them.

mod http;

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

use indexer::{names, Answer, Engine, Fetch, Search, SearchOptions, Step};
use leptos::prelude::*;

/// The engine's life cycle, with the engine once it is ready.
#[derive(Debug, Clone)]
pub enum LoadState {
    Loading,
    Ready(Arc<Engine>),
    Failed(String),
}

impl PartialEq for LoadState {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (LoadState::Loading, LoadState::Loading) => true,
            (LoadState::Ready(a), LoadState::Ready(b)) => Arc::ptr_eq(a, b),
            (LoadState::Failed(a), LoadState::Failed(b)) => a == b,
            _ => false,
        }
    }
}

impl LoadState {
    /// The engine, when it is ready.
    pub fn engine(&self) -> Option<Arc<Engine>> {
        match self {
            LoadState::Ready(engine) => Some(engine.clone()),
            _ => None,
        }
    }
}

/// What a search can show right now.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// No engine yet (loading or failed).
    NotReady,
    /// Parts of the index or entries are being fetched; the calling
    /// reactive scope runs again when they arrive.
    Fetching,
    Answer(Answer),
}

struct Client {
    state: ArcRwSignal<LoadState>,
    /// The bundle's URL, once a load started.
    bundle_url: RefCell<Option<String>>,
    /// Bumped whenever fetched parts arrive (or fail): searches waiting
    /// for them track it and run again.
    arrivals: ArcRwSignal<u64>,
    in_flight: RefCell<HashSet<Fetch>>,
}

thread_local! {
    static CLIENT: Client = Client {
        state: ArcRwSignal::new(LoadState::Loading),
        bundle_url: RefCell::new(None),
        arrivals: ArcRwSignal::new(0),
        in_flight: RefCell::new(HashSet::new()),
    };
}

/// The load state, for the layers above to read and track.
pub fn state() -> ArcRwSignal<LoadState> {
    CLIENT.with(|c| c.state.clone())
}

/// The bundle URL the page names (`<meta name="kb-bundle">`), or the
/// default next to the page.
pub fn page_bundle_url() -> String {
    let doc = web_sys::window().and_then(|w| w.document());
    doc.and_then(|d| {
        d.query_selector(&format!("meta[name={}]", names::BUNDLE_META))
            .ok()
            .flatten()
    })
    .and_then(|m| m.get_attribute("content"))
    .unwrap_or_else(|| names::BUNDLE_FILE.to_string())
}

/// Starts loading the bundle at `url`, unless a load already started
/// (several widgets on one page share one engine).
pub fn start(url: String) {
    let started = CLIENT.with(|c| c.bundle_url.borrow().is_some());
    if !started {
        wasm_bindgen_futures::spawn_local(async move { load(url).await });
    }
}

/// Loads again after a failure (the retry button).
pub fn reload() {
    if let Some(url) = CLIENT.with(|c| c.bundle_url.borrow().clone()) {
        wasm_bindgen_futures::spawn_local(async move { load(url).await });
    }
}

/// Fetches and opens the bundle at `url`; the state follows.
pub async fn load(url: String) {
    let state = state();
    CLIENT.with(|c| *c.bundle_url.borrow_mut() = Some(url.clone()));
    state.set(LoadState::Loading);
    let outcome = http::fetch_bytes(&url, "the search index")
        .await
        .and_then(|bytes| {
            Engine::from_bundle_bytes(&bytes)
                .map_err(|e| format!("the search index ({url}) cannot be used: {e}"))
        });
    match outcome {
        Ok(engine) => {
            let engine = Arc::new(engine);
            state.set(LoadState::Ready(engine.clone()));
            // Warm up (the first search touches lazily initialised state)
            // in a task of its own, after the page has mounted and run any
            // query it already had: off the path to the first answer.
            set_timeout(
                move || drop(engine.search("warm up", &SearchOptions::default())),
                std::time::Duration::ZERO,
            );
        }
        Err(message) => state.set(LoadState::Failed(message)),
    }
}

/// The folder URL of the bundle (ends in `/`, or empty: the page's
/// folder); what a search fetches is relative to it.
fn base() -> String {
    let url = CLIENT.with(|c| c.bundle_url.borrow().clone().unwrap_or_default());
    url.rfind('/').map_or("", |i| &url[..=i]).to_string()
}

/// A search for the reactive UI: the answer when the engine has what it
/// needs; otherwise starts fetching that and says so. Tracks the load
/// state and the arrivals, so the calling scope runs again.
pub fn search_now(query: &str, options: &SearchOptions) -> Found {
    let Some(engine) = state().with(LoadState::engine) else {
        return Found::NotReady;
    };
    CLIENT.with(|c| c.arrivals.track());
    match engine.step(&mut Search::new(query, options.clone())) {
        Step::Done(answer) => Found::Answer(answer),
        Step::Need(fetches) => {
            let fresh: Vec<Fetch> = CLIENT.with(|c| {
                let mut in_flight = c.in_flight.borrow_mut();
                fetches
                    .into_iter()
                    .filter(|f| in_flight.insert(f.clone()))
                    .collect()
            });
            if !fresh.is_empty() {
                wasm_bindgen_futures::spawn_local(async move {
                    http::fetch_all(&engine, &base(), &fresh).await;
                    CLIENT.with(|c| {
                        c.in_flight.borrow_mut().retain(|f| !fresh.contains(f));
                        c.arrivals.update(|n| *n += 1);
                    });
                });
            }
            Found::Fetching
        }
    }
}

/// A search that waits for what it needs (for `window.kbSearch`).
pub async fn search(
    query: &str,
    options: &SearchOptions,
) -> Result<indexer::SearchResults, String> {
    let engine = state()
        .with_untracked(LoadState::engine)
        .ok_or("the search engine is not loaded")?;
    let mut search = Search::new(query, options.clone());
    loop {
        match engine.step(&mut search) {
            Step::Done(Answer {
                problem: Some(problem),
                ..
            }) => return Err(problem),
            Step::Done(answer) => return Ok(answer.results),
            Step::Need(fetches) => http::fetch_all(&engine, &base(), &fetches).await,
        }
    }
}
