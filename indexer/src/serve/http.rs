//! Serving the preview: the built folder with correct types, compression
//! (brotli or gzip, as the browser accepts), `Range` requests answered with
//! `206`, a 404 page, paths that leave the folder refused (all by
//! tower-http's `ServeDir`), plus the live-reload script and its events.

use std::convert::Infallible;
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use super::{Preview, Status, LIVE_JS};
use crate::names;

/// The page script: listens for builds, reloads, shows content errors.
const LIVE_SCRIPT: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");

/// Serves until Ctrl-C.
pub fn serve(listener: TcpListener, preview: Arc<Preview>) -> Result<(), String> {
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("listening: {e}"))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("starting the server: {e}"))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| format!("listening: {e}"))?;
        axum::serve(listener, router(preview))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("serving: {e}"))
    })
}

/// The preview's routes.
pub fn router(preview: Arc<Preview>) -> Router {
    let dir = preview.out.path().to_path_buf();
    let files = ServeDir::new(&dir)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(dir.join(names::NOT_FOUND_PAGE)));
    // A range is a part of the file's bytes: sent as they are.
    let compress = DefaultPredicate::new()
        .and(|status: StatusCode, _: _, _: &_, _: &_| status != StatusCode::PARTIAL_CONTENT);
    Router::new()
        .route(
            LIVE_JS,
            get(|| async { script(LIVE_SCRIPT, "text/javascript") }),
        )
        .route(
            "/__kb/live.css",
            get(|| async { script(LIVE_CSS, "text/css") }),
        )
        .route("/__kb/events", get(move || events(preview.clone())))
        .fallback_service(files)
        .layer(CompressionLayer::new().compress_when(compress))
        // A preview is always fresh. Not even revalidation: two saves within
        // a second share a Last-Modified, and a 304 would show the old page.
        // Only the wasm (never rebuilt while serving) is kept and revalidated.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            |response: &axum::response::Response| {
                let wasm = response
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .is_some_and(|t| t == "application/wasm");
                Some(HeaderValue::from_static(if wasm {
                    "no-cache"
                } else {
                    "no-store"
                }))
            },
        ))
}

fn script(body: &'static str, content_type: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, content_type)], body)
}

/// The build statuses, the current one first.
async fn events(
    preview: Arc<Preview>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let now = tokio_stream::once(preview.status());
    let later = BroadcastStream::new(preview.subscribe()).filter_map(Result::ok);
    let stream = now.chain(later).map(|status: Status| {
        Ok(Event::default().data(serde_json::to_string(&status).unwrap_or_default()))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Until a first good build exists: pages that only wait for it (and show
/// the content errors meanwhile).
pub fn write_waiting_page(out: &Path) -> std::io::Result<()> {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Waiting for a valid build</title>\n<script src=\"{LIVE_JS}?build=0\" defer></script>\n</head>\n\
         <body>\n<main><h1>Waiting for a valid build</h1>\n\
         <p>Fix the content errors shown here; the page reloads by itself.</p></main>\n</body>\n</html>\n"
    );
    std::fs::write(out.join(names::HOME_PAGE), &page)?;
    std::fs::write(out.join(names::NOT_FOUND_PAGE), &page)
}
