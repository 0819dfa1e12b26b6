//! The `<kb-search>` widget: a search box with a dropdown of compact result
//! cards, rendered by `widget.js` inside a shadow root on any page. Answers
//! open on the KB site.

use indexer::{SearchOptions, SearchResults};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::results::{self, KeyAction, LIST_ID};
use crate::loader::{self, LoadState};

#[component]
pub fn Widget(
    state: RwSignal<LoadState>,
    /// The KB site's URL, ending in `/`.
    base: String,
    /// Text typed before the engine arrived.
    query: String,
    placeholder: String,
    limit: usize,
    /// Where answers open: `_blank` (default), `_self`, or a frame name.
    target: String,
) -> impl IntoView {
    let query = RwSignal::new(query);
    let active = RwSignal::new(None::<usize>);
    let open = RwSignal::new(true);
    let results = Memo::new(move |previous: Option<&Option<SearchResults>>| {
        let q = query.get();
        if state.get() != LoadState::Ready || q.trim().is_empty() {
            return None;
        }
        let options = SearchOptions {
            limit: limit.clamp(1, indexer::engine::MAX_LIMIT),
            ..SearchOptions::default()
        };
        let engine = loader::engine()?;
        match loader::search_now(&engine, &q, &options) {
            // (A shard that failed to load leaves its hits without steps;
            // the browser console says why.)
            loader::Answer::Ready { results, .. } => Some(results),
            // Keep the last results up until the hits' entries arrive.
            loader::Answer::Fetching => previous.cloned().flatten(),
        }
    });
    Effect::new(move |_| {
        results.track();
        active.set(None);
    });
    let box_ref = NodeRef::<leptos::html::Textarea>::new();
    // Take over the focus (and caret) from widget.js's placeholder box.
    results::focus_at_end(box_ref);
    let (base_k, target_k) = (base.clone(), target.clone());
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let count = results.with_untracked(|r| r.as_ref().map_or(0, |r| r.hits.len()));
        match results::handle_key(&ev, count, active) {
            KeyAction::None => {}
            KeyAction::Handled => ev.prevent_default(),
            KeyAction::Open(i) => {
                ev.prevent_default();
                results.with_untracked(|r| {
                    if let Some(hit) = r.as_ref().and_then(|r| r.hits.get(i)) {
                        results::open(&base_k, hit, &target_k);
                    }
                });
            }
            KeyAction::Escape => {
                ev.prevent_default();
                if open.get_untracked() && !query.with_untracked(String::is_empty) {
                    query.set(String::new());
                } else if let Some(el) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.blur();
                }
            }
        }
        open.set(true);
    };
    let rows = move || query.with(|q| q.lines().count().clamp(1, 8));
    let expanded =
        move || open.get() && results.with(|r| r.as_ref().is_some_and(|r| !r.hits.is_empty()));
    let no_op = Callback::new(|()| {});
    view! {
        <div class="kb-widget"
            on:focusin=move |_| open.set(true)
            on:focusout=move |ev: web_sys::FocusEvent| {
                // Close when the focus leaves the widget (not when it moves
                // from the box to a result link).
                let inside = ev.related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .zip(ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
                    .is_some_and(|(to, me)| me.contains(Some(&to)));
                if !inside { open.set(false) }
            }>
            <div class="search" role="combobox" aria-haspopup="listbox" aria-owns=LIST_ID
                aria-expanded=move || expanded().to_string()>
                <textarea
                    node_ref=box_ref
                    class="search-box"
                    rows=rows
                    aria-label="Search the knowledge base"
                    placeholder=placeholder
                    spellcheck="false"
                    autocomplete="off"
                    aria-autocomplete="list"
                    aria-controls=LIST_ID
                    aria-activedescendant=move || active.get().map(results::option_id)
                    prop:value=move || query.get()
                    on:input=move |ev| { open.set(true); query.set(event_target_value(&ev)) }
                    on:keydown=on_keydown
                ></textarea>
            </div>
            <div class="status" role="status" aria-live="polite">
                {move || match state.get() {
                    LoadState::Loading => "Loading…".to_string(),
                    LoadState::Failed(m) => format!("Search is unavailable: {m}"),
                    LoadState::Ready => match results.get() {
                        Some(r) if r.hits.is_empty() => "No answers".to_string(),
                        Some(r) => format!("{} answer{}{}", r.hits.len(), if r.hits.len() == 1 { "" } else { "s" },
                            if r.truncated { " (long paste: its beginning and end were searched)" } else { "" }),
                        None => String::new(),
                    },
                }}
            </div>
            {move || expanded().then(|| {
                let hits = results.get().map(|r| r.hits).unwrap_or_default();
                view! {
                    <div class="panel">
                        <results::ResultList hits active base=base.clone() target=target.clone() on_open=no_op compact=true />
                    </div>
                }
            })}
        </div>
    }
}
