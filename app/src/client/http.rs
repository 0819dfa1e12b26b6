//! HTTP for the engine client: the bundle, postings byte ranges and entry
//! shards, each handed to the engine's driver (or reported to it when the
//! fetch fails).

use std::cell::Cell;
use std::collections::HashSet;

use indexer::{Engine, Fetch};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// Whether the host answers range requests; unknown until the first.
    static RANGES_SERVED: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Fetches a whole file.
pub async fn fetch_bytes(url: &str, what: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    Ok(response(window.fetch_with_str(url), url, what).await?.1)
}

/// Awaits a started `fetch`: its status and body.
async fn response(fetch: js_sys::Promise, url: &str, what: &str) -> Result<(u16, Vec<u8>), String> {
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

/// Fetches what a search step asked for (paths relative to `base`) and
/// hands each to the engine; failures are reported to it.
pub async fn fetch_all(engine: &Engine, base: &str, fetches: &[Fetch]) {
    let (postings, shards): (Vec<&Fetch>, Vec<&Fetch>) = fetches
        .iter()
        .partition(|f| matches!(f, Fetch::Postings { .. }));
    fetch_postings(engine, base, postings).await;
    fetch_whole(engine, base, &shards).await;
}

/// Postings ranges. A host that ignores `Range` answers with the whole
/// file, which holds every range: so the first range goes alone until the
/// host is known to serve ranges, and then one request per file is enough.
async fn fetch_postings(engine: &Engine, base: &str, mut ranges: Vec<&Fetch>) {
    if RANGES_SERVED.get().is_none() && ranges.len() > 1 {
        let first = ranges.remove(0);
        let Some(partial) = fetch_ranges(engine, base, &[first]).await else {
            return;
        };
        RANGES_SERVED.set(Some(partial));
        if !partial {
            ranges.retain(|f| f.path() != first.path());
        }
    }
    if RANGES_SERVED.get() == Some(false) {
        let mut seen = HashSet::new();
        ranges.retain(|f| seen.insert(f.path().to_string()));
    }
    fetch_ranges(engine, base, &ranges).await;
}

/// Range requests, all started at once; says whether the host answered
/// them as ranges (206), or `None` when one failed.
async fn fetch_ranges(engine: &Engine, base: &str, ranges: &[&Fetch]) -> Option<bool> {
    let window = web_sys::window()?;
    let mut started = Vec::with_capacity(ranges.len());
    for &fetch in ranges {
        let url = format!("{base}{}", fetch.path());
        let range = fetch.range().unwrap_or_default();
        let init = web_sys::RequestInit::new();
        if let Ok(headers) = web_sys::Headers::new() {
            let bytes = format!("bytes={}-{}", range.start, range.end.saturating_sub(1));
            let _ = headers.append("Range", &bytes);
            init.set_headers(&headers);
        }
        started.push((
            fetch,
            url.clone(),
            window.fetch_with_str_and_init(&url, &init),
        ));
    }
    let mut partial = Some(true);
    for (fetch, url, request) in started {
        let outcome = match response(request, &url, "the search index").await {
            // A server that ignores Range sends the whole file.
            Ok((206, bytes)) => engine.supply(fetch, bytes),
            Ok((_, bytes)) => {
                partial = partial.map(|_| false);
                engine.supply_whole(fetch, bytes)
            }
            Err(message) => {
                engine.fetch_failed(fetch, message.clone());
                Err(message)
            }
        };
        if let Err(message) = outcome {
            leptos::logging::error!("{message}");
            partial = None;
        }
    }
    partial
}

/// Whole files (entry shards), all requests started at once.
async fn fetch_whole(engine: &Engine, base: &str, fetches: &[&Fetch]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let started: Vec<(&Fetch, String, js_sys::Promise)> = fetches
        .iter()
        .map(|&f| {
            let url = format!("{base}{}", f.path());
            let request = window.fetch_with_str(&url);
            (f, url, request)
        })
        .collect();
    for (fetch, url, request) in started {
        let outcome = match response(request, &url, "answers").await {
            Ok((_, bytes)) => engine.supply(fetch, bytes),
            Err(message) => {
                engine.fetch_failed(fetch, message.clone());
                Err(message)
            }
        };
        if let Err(message) = outcome {
            leptos::logging::error!("{message}");
        }
    }
}
