//! The `<kb-search>` widget: the shared search box with a dropdown of
//! compact result cards, rendered by `widget.js` inside a shadow root on
//! any page. Answers open on the KB site.

use indexer::SearchOptions;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::search::{self, ResultList, SearchBox, StatusLine};

/// What the host page's `<kb-search>` element asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetOptions {
    /// The KB site's URL, ending in `/`.
    pub base: String,
    /// Text typed before the engine arrived.
    pub query: String,
    pub placeholder: String,
    pub limit: usize,
    /// Where answers open: `_blank` (default), `_self`, or a frame name.
    pub target: String,
}

#[component]
pub fn Widget(options: WidgetOptions) -> impl IntoView {
    let WidgetOptions {
        base,
        query,
        placeholder,
        limit,
        target,
    } = options;
    let query = RwSignal::new(query);
    let active = RwSignal::new(None::<usize>);
    let open = RwSignal::new(true);
    let answer = search::use_answer(query, move || SearchOptions::with_limit(limit));
    Effect::new(move |_| {
        answer.track();
        active.set(None);
    });
    let count =
        Signal::derive(move || answer.with(|a| a.as_ref().map_or(0, |a| a.results.hits.len())));
    let expanded = Signal::derive(move || open.get() && count.get() > 0);
    let (base_k, target_k) = (base.clone(), target.clone());
    let on_open = Callback::new(move |i: usize| {
        answer.with_untracked(|a| {
            if let Some(hit) = a.as_ref().and_then(|a| a.results.hits.get(i)) {
                search::open(&base_k, hit, &target_k);
            }
        });
    });
    let on_escape = Callback::new(move |ev: web_sys::KeyboardEvent| {
        ev.prevent_default();
        if open.get_untracked() && !query.with_untracked(String::is_empty) {
            query.set(String::new());
        } else if let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.blur();
        }
    });
    let no_op = Callback::new(|()| {});
    view! {
        <div class="kb-widget"
            on:focusin=move |_| open.set(true)
            on:keydown=move |_| open.set(true)
            on:input=move |_| open.set(true)
            on:focusout=move |ev: web_sys::FocusEvent| {
                // Close when the focus leaves the widget (not when it moves
                // from the box to a result link).
                let inside = ev.related_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                    .zip(ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()))
                    .is_some_and(|(to, me)| me.contains(Some(&to)));
                if !inside { open.set(false) }
            }>
            // Take over the focus (and caret) from widget.js's placeholder box.
            <SearchBox query active count expanded on_open on_escape placeholder
                max_rows=search::WIDGET_BOX_ROWS focus=true />
            <StatusLine answer />
            {move || expanded.get().then(|| {
                let (hits, weak) = answer.get().map(|a| (a.results.hits, a.results.weak)).unwrap_or_default();
                view! {
                    <div class="panel">
                        <ResultList hits weak active base=base.clone() target=target.clone() on_open=no_op compact=true />
                    </div>
                }
            })}
        </div>
    }
}
