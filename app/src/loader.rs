//! Loading the index bundle (a separate static file, so one build of the
//! app serves any knowledge base), holding the engine, and fetching the
//! entry shards a search's hits need (large knowledge bases ship their
//! entries outside the bundle: see `indexer::store`).

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use indexer::{Engine, SearchOptions, SearchResults};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the bundle is fetched from, relative to the page, unless the page
/// says otherwise with `<meta name="kb-bundle" content="...">`.
pub const DEFAULT_BUNDLE_URL: &str = "kb.bundle";

/// The engine's life cycle, as the UI sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    Loading,
    Ready,
    Failed(String),
}

thread_local! {
    static ENGINE: RefCell<Option<Rc<Engine>>> = const { RefCell::new(None) };
    /// Folder URL of the bundle (ends in `/`, or empty: the page's folder);
    /// shard paths are relative to it.
    static BASE: RefCell<String> = const { RefCell::new(String::new()) };
    /// Bumped whenever a shard arrives or fails: searches waiting for one
    /// track it and run again.
    static SHARDS_CHANGED: ArcRwSignal<u64> = ArcRwSignal::new(0);
    static IN_FLIGHT: RefCell<HashSet<u32>> = RefCell::new(HashSet::new());
    /// Shards that could not be loaded, with the reason.
    static FAILED: RefCell<HashMap<u32, String>> = RefCell::new(HashMap::new());
    /// Postings ranges being fetched.
    static POSTINGS_IN_FLIGHT: RefCell<HashSet<PostingsRange>> = RefCell::new(HashSet::new());
    /// Why postings could not be fetched (then searches stop asking).
    static POSTINGS_FAILED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether the host answers range requests; unknown until the first.
    static RANGES_SERVED: Cell<Option<bool>> = const { Cell::new(None) };
    /// Postings ranges asked for once: one needed again did not arrive
    /// whole (a cut response), and asking again would loop.
    static POSTINGS_ASKED: RefCell<HashSet<PostingsRange>> = RefCell::new(HashSet::new());
}

/// Says which needed range was asked for before and did not arrive.
fn postings_not_delivered(needed: &[PostingsRange]) -> Option<String> {
    let (path, range) = needed
        .iter()
        .find(|r| POSTINGS_ASKED.with(|a| a.borrow().contains(*r)))?;
    Some(format!(
        "the search index ({path}) came back without bytes {}-{} that were asked for; is the file complete on the server?",
        range.start,
        range.end.saturating_sub(1)
    ))
}

/// The loaded engine, if any.
pub fn engine() -> Option<Rc<Engine>> {
    ENGINE.with(|e| e.borrow().clone())
}

/// The bundle URL the page names, or the default.
pub fn page_bundle_url() -> String {
    let doc = web_sys::window().and_then(|w| w.document());
    doc.and_then(|d| d.query_selector("meta[name=kb-bundle]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_else(|| DEFAULT_BUNDLE_URL.to_string())
}

/// Starts loading the bundle at `url` (unless an engine is already
/// loaded: several widgets on one page share it); the returned signal
/// follows the load.
pub fn start(url: String) -> RwSignal<LoadState> {
    if engine().is_some() {
        return RwSignal::new(LoadState::Ready);
    }
    let state = RwSignal::new(LoadState::Loading);
    reload(state, url);
    state
}

/// (Re)loads the bundle, e.g. from the retry button.
pub fn reload(state: RwSignal<LoadState>, url: String) {
    crate::js_api::renew_ready();
    state.set(LoadState::Loading);
    wasm_bindgen_futures::spawn_local(async move { state.set(load(&url).await) });
}

/// Fetches and opens the bundle; settles `window.kbReady` (on the app page).
pub async fn load(url: &str) -> LoadState {
    match fetch_engine(url).await {
        Ok(engine) => {
            let base = url.rfind('/').map_or("", |i| &url[..=i]).to_string();
            BASE.with(|b| *b.borrow_mut() = base);
            // Warm up: the first search touches lazily initialised state.
            let _ = engine.rank("warm up", &SearchOptions::default());
            ENGINE.with(|e| *e.borrow_mut() = Some(Rc::new(engine)));
            crate::js_api::resolve_ready();
            LoadState::Ready
        }
        Err(message) => {
            crate::js_api::reject_ready(&message);
            LoadState::Failed(message)
        }
    }
}

async fn fetch_engine(url: &str) -> Result<Engine, String> {
    let window = web_sys::window().ok_or("no window")?;
    let bytes = fetch_bytes(window.fetch_with_str(url), url, "the search index").await?;
    Engine::from_bundle_bytes(&bytes)
        .map_err(|e| format!("the search index ({url}) cannot be used: {e}"))
}

/// Awaits a started `fetch` and reads its body.
async fn fetch_bytes(fetch: js_sys::Promise, url: &str, what: &str) -> Result<Vec<u8>, String> {
    Ok(fetch_response(fetch, url, what).await?.1)
}

/// Awaits a started `fetch`: its status and body.
async fn fetch_response(
    fetch: js_sys::Promise,
    url: &str,
    what: &str,
) -> Result<(u16, Vec<u8>), String> {
    let response = JsFuture::from(fetch)
        .await
        .map_err(|_| format!("could not fetch {what} ({url}): network error"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "fetch returned no response".to_string())?;
    if !response.ok() {
        return Err(format!(
            "could not fetch {what} ({url}): HTTP {}",
            response.status()
        ));
    }
    let read_err = || format!("could not read {what} ({url})");
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| read_err())?)
        .await
        .map_err(|_| read_err())?;
    Ok((response.status(), js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// A postings file (relative to the bundle) and a byte range of it.
type PostingsRange = (String, std::ops::Range<u64>);

/// What a search can show right now.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The results; `problem` says which entry shards could not be loaded
    /// (their hits come without excerpt and steps).
    Ready {
        results: SearchResults,
        problem: Option<String>,
    },
    /// The hits' entry shards are being fetched; the calling reactive scope
    /// runs again when they arrive.
    Fetching,
}

/// Searches now when the hits' entries are loaded; otherwise starts
/// fetching their shards and says so. Tracks the shard arrivals.
pub fn search_now(engine: &Engine, query: &str, options: &SearchOptions) -> Answer {
    SHARDS_CHANGED.with(|s| s.track());
    let ranking = engine.rank(query, options);
    if !ranking.postings_needed().is_empty() {
        if let Some(message) = postings_not_delivered(ranking.postings_needed()) {
            POSTINGS_FAILED.with(|f| *f.borrow_mut() = Some(message));
        }
        if let Some(message) = POSTINGS_FAILED.with(|f| f.borrow().clone()) {
            return Answer::Ready {
                results: engine.results(&ranking),
                problem: Some(message),
            };
        }
        let fresh: Vec<PostingsRange> = ranking
            .postings_needed()
            .iter()
            .filter(|r| POSTINGS_IN_FLIGHT.with(|f| f.borrow_mut().insert((*r).clone())))
            .cloned()
            .collect();
        if !fresh.is_empty() {
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = fetch_postings(self::engine(), &fresh).await;
                POSTINGS_IN_FLIGHT.with(|f| f.borrow_mut().retain(|r| !fresh.contains(r)));
                if let Err(message) = outcome {
                    leptos::logging::error!("{message}");
                    POSTINGS_FAILED.with(|f| *f.borrow_mut() = Some(message));
                }
                SHARDS_CHANGED.with(|s| s.update(|n| *n += 1));
            });
        }
        return Answer::Fetching;
    }
    let needed = engine.shards_needed(&ranking);
    let failures: Vec<String> = FAILED.with(|f| {
        let f = f.borrow();
        needed.iter().filter_map(|s| f.get(s).cloned()).collect()
    });
    if needed.len() > failures.len() {
        let missing: Vec<u32> = needed
            .into_iter()
            .filter(|s| FAILED.with(|f| !f.borrow().contains_key(s)))
            .filter(|s| IN_FLIGHT.with(|f| f.borrow_mut().insert(*s)))
            .collect();
        if !missing.is_empty() {
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = fetch_shards(self::engine(), &missing).await;
                IN_FLIGHT.with(|f| f.borrow_mut().retain(|s| !missing.contains(s)));
                if let Err((shard, message)) = outcome {
                    leptos::logging::error!("{message}");
                    FAILED.with(|f| f.borrow_mut().insert(shard, message));
                }
                SHARDS_CHANGED.with(|s| s.update(|n| *n += 1));
            });
        }
        return Answer::Fetching;
    }
    Answer::Ready {
        results: engine.results(&ranking),
        problem: (!failures.is_empty()).then(|| failures.join("; ")),
    }
}

/// A search that waits for the hits' shards (for `window.kbSearch`).
pub async fn search(query: &str, options: &SearchOptions) -> Result<SearchResults, String> {
    let engine = engine().ok_or("the search engine is not loaded")?;
    let mut ranking = engine.rank(query, options);
    if !ranking.postings_needed().is_empty() {
        fetch_postings(Some(engine.clone()), ranking.postings_needed()).await?;
        ranking = engine.rank(query, options);
        if let Some(message) = postings_not_delivered(ranking.postings_needed()) {
            return Err(message);
        }
    }
    let needed = engine.shards_needed(&ranking);
    fetch_shards(Some(engine.clone()), &needed)
        .await
        .map_err(|(_, message)| message)?;
    Ok(engine.results(&ranking))
}

/// Fetches postings byte ranges into the engine. A host that ignores
/// `Range` answers with the whole file, which holds every range: so the
/// first range goes alone until the host is known to serve ranges, and
/// then one request per file is enough.
async fn fetch_postings(
    engine: Option<Rc<Engine>>,
    ranges: &[PostingsRange],
) -> Result<(), String> {
    let Some(engine) = engine else {
        return Ok(());
    };
    let mut ranges = ranges.to_vec();
    if RANGES_SERVED.get().is_none() && ranges.len() > 1 {
        let first = ranges.remove(0);
        let partial = fetch_ranges(&engine, std::slice::from_ref(&first)).await?;
        RANGES_SERVED.set(Some(partial));
        if !partial {
            ranges.retain(|(path, _)| *path != first.0);
        }
    }
    if RANGES_SERVED.get() == Some(false) {
        let mut seen = HashSet::new();
        ranges.retain(|(path, _)| seen.insert(path.clone()));
    }
    fetch_ranges(&engine, &ranges).await?;
    Ok(())
}

/// Fetches byte ranges (HTTP range requests, all started at once) into the
/// engine; says whether the host answered them as ranges (206).
async fn fetch_ranges(engine: &Engine, ranges: &[PostingsRange]) -> Result<bool, String> {
    let Some(window) = web_sys::window() else {
        return Ok(false);
    };
    let mut partial = true;
    let base = BASE.with(|b| b.borrow().clone());
    let mut started = Vec::with_capacity(ranges.len());
    for (path, range) in ranges {
        let url = format!("{base}{path}");
        let headers = web_sys::Headers::new().map_err(|_| "no Headers")?;
        let bytes = format!("bytes={}-{}", range.start, range.end.saturating_sub(1));
        headers
            .append("Range", &bytes)
            .map_err(|_| "bad Range header")?;
        let init = web_sys::RequestInit::new();
        init.set_headers(&headers);
        started.push((
            path,
            range,
            url.clone(),
            window.fetch_with_str_and_init(&url, &init),
        ));
    }
    for (path, range, url, fetch) in started {
        let (status, bytes) = fetch_response(fetch, &url, "the search index").await?;
        POSTINGS_ASKED.with(|a| a.borrow_mut().insert((path.clone(), range.clone())));
        // A server that ignores Range sends the whole file.
        partial &= status == 206;
        let offset = if status == 206 { range.start } else { 0 };
        engine.add_postings(path, offset, bytes)?;
    }
    Ok(partial)
}

/// Fetches shards (all requests start at once) into the engine.
async fn fetch_shards(engine: Option<Rc<Engine>>, shards: &[u32]) -> Result<(), (u32, String)> {
    let (Some(engine), Some(window)) = (engine, web_sys::window()) else {
        return Ok(());
    };
    let base = BASE.with(|b| b.borrow().clone());
    let started: Vec<(u32, String, js_sys::Promise)> = shards
        .iter()
        .map(|&s| {
            let url = format!("{base}{}", indexer::store::shard_path(s));
            let fetch = window.fetch_with_str(&url);
            (s, url, fetch)
        })
        .collect();
    for (shard, url, fetch) in started {
        let bytes = fetch_bytes(fetch, &url, "answers")
            .await
            .map_err(|e| (shard, e))?;
        engine
            .add_shard(&bytes)
            .map_err(|e| (shard, format!("answers ({url}) cannot be used: {e}")))?;
    }
    Ok(())
}
