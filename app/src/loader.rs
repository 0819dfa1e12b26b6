//! Loading the index bundle (a separate static file, so one build of the
//! app serves any knowledge base) and holding the engine.

use std::cell::RefCell;
use std::rc::Rc;

use indexer::Engine;
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
            // Warm up: the first search touches lazily initialised state.
            let _ = engine.search("warm up", &indexer::SearchOptions::default());
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
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("could not fetch the search index ({url}): network error"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "fetch returned no response".to_string())?;
    if !response.ok() {
        return Err(format!(
            "could not fetch the search index ({url}): HTTP {}",
            response.status()
        ));
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| "could not read the search index")?,
    )
    .await
    .map_err(|_| "could not read the search index".to_string())?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Engine::from_bundle_bytes(&bytes)
        .map_err(|e| format!("the search index ({url}) cannot be used: {e}"))
}
