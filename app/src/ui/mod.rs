//! The search page: a search box (an ARIA combobox over the result
//! listbox), facet chips, result cards, recent searches. It mounts over the
//! home page `kb build` wrote, whose static list of every entry stays in
//! place (and usable) until there is something else to show.

mod browse;
mod card;
mod facets;
mod recent;
mod results;
mod url;
pub mod widget;

use indexer::{SearchOptions, SearchResults};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::loader::{self, LoadState};
use results::{KeyAction, LIST_ID};
use url::UrlState;

/// Results shown per query.
const RESULT_LIMIT: usize = 10;
/// Id of the search box (for shortcuts and the label).
const SEARCH_BOX_ID: &str = "kb-q";
/// Id of the home page's static list of every entry.
const STATIC_LIST_ID: &str = "kb-static";
/// The search box grows with a multi-line paste up to this many rows.
const MAX_ROWS: usize = 12;

/// What the page shows under the box.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// The engine is not ready yet.
    Waiting,
    /// No query: every entry passing the filters.
    Browse {
        entries: Vec<browse::Listed>,
        facets: indexer::Facets,
        filtered: bool,
    },
    /// Search results, and which of their entries could not be loaded.
    Results(SearchResults, Option<String>),
}

impl Shown {
    /// The result hits shown (none while browsing or waiting).
    fn hits(&self) -> &[indexer::Hit] {
        match self {
            Shown::Results(r, _) => &r.hits,
            _ => &[],
        }
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// What was typed into the static page's box before the app took over.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub text: String,
    pub focused: bool,
}

/// Empties the app's root (the static placeholder), keeping its typing.
pub fn take_placeholder(root: &web_sys::HtmlElement) -> Typed {
    let typed = document()
        .and_then(|d| {
            let el = d.get_element_by_id(SEARCH_BOX_ID)?;
            let focused = d.active_element().is_some_and(|a| a == el);
            let text = el.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?.value();
            Some(Typed { text, focused })
        })
        .unwrap_or_default();
    root.set_inner_html("");
    typed
}

#[component]
pub fn App(state: RwSignal<LoadState>, typed: Typed) -> impl IntoView {
    if url::follow_legacy_permalink() {
        return ().into_any();
    }
    let initial = url::read();
    let query = RwSignal::new(if typed.text.trim().is_empty() {
        initial.query
    } else {
        typed.text
    });
    let focused = RwSignal::new(typed.focused);
    let box_ref = NodeRef::<leptos::html::Textarea>::new();
    if typed.focused {
        results::focus_at_end(box_ref);
    }
    let category = RwSignal::new(initial.category);
    let status = RwSignal::new(initial.status);
    let active = RwSignal::new(None::<usize>);
    let recent = RwSignal::new(recent::load());

    // Back and forward restore the exact view.
    let _pop = window_event_listener(leptos::ev::popstate, move |_| {
        let u = url::read();
        query.set(u.query);
        category.set(u.category);
        status.set(u.status);
    });
    // Typing replaces the history entry; choosing a filter adds one.
    let url_now = move || UrlState {
        query: query.get_untracked(),
        category: category.get_untracked(),
        status: status.get_untracked(),
    };
    Effect::new(move |_| {
        query.track();
        url::write(&url_now(), false);
    });
    let on_facet = Callback::new(move |(name, value): (&'static str, Option<String>)| {
        match name {
            "category" => category.set(value),
            _ => status.set(value),
        }
        url::write(&url_now(), true);
    });
    let _keys = window_event_listener(leptos::ev::keydown, move |ev| shortcuts(&ev));

    let shown = Memo::new(move |previous: Option<&Shown>| {
        if state.get() != LoadState::Ready {
            return Shown::Waiting;
        }
        let Some(engine) = loader::engine() else {
            return Shown::Waiting;
        };
        let options = SearchOptions {
            limit: RESULT_LIMIT,
            category: category.get(),
            status: status.get(),
        };
        let q = query.get();
        if q.trim().is_empty() {
            let (entries, facets) = engine.browse(&options);
            Shown::Browse {
                entries: browse::listed(&entries),
                facets,
                filtered: options.category.is_some() || options.status.is_some(),
            }
        } else {
            match loader::search_now(&engine, &q, &options) {
                loader::Answer::Ready { results, problem } => Shown::Results(results, problem),
                // Keep the last results up until the hits' entries arrive.
                loader::Answer::Fetching => match previous {
                    Some(p @ Shown::Results(..)) => p.clone(),
                    _ => Shown::Waiting,
                },
            }
        }
    });
    // A new result list starts with nothing selected.
    Effect::new(move |_| {
        shown.track();
        active.set(None);
    });
    // The static list stays until there is something else to show.
    let has_static_list = document()
        .and_then(|d| d.get_element_by_id(STATIC_LIST_ID))
        .is_some();
    Effect::new(move |_| {
        let show = query.with(|q| q.trim().is_empty())
            && category.with(Option::is_none)
            && status.with(Option::is_none);
        if let Some(el) = document().and_then(|d| d.get_element_by_id(STATIC_LIST_ID)) {
            let _ = el.toggle_attribute_with_force("hidden", !show);
        }
    });

    let hit_count = move || shown.with(|s| s.hits().len());
    let remember = Callback::new(move |()| {
        recent.set(recent::remember(&query.get_untracked()));
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let count = shown.with_untracked(|s| s.hits().len());
        match results::handle_key(&ev, count, active) {
            KeyAction::None => {}
            KeyAction::Handled => ev.prevent_default(),
            KeyAction::Open(i) => {
                ev.prevent_default();
                remember.run(());
                shown.with_untracked(|s| results::open("", &s.hits()[i], "_self"));
            }
            KeyAction::Escape => {
                ev.prevent_default();
                query.set(String::new());
            }
        }
    };
    let rows = move || query.with(|q| q.lines().count().clamp(1, MAX_ROWS));

    view! {
        <div class="search" role="combobox" aria-haspopup="listbox" aria-owns=LIST_ID
            aria-expanded=move || (hit_count() > 0).to_string()>
            <label class="visually-hidden" for=SEARCH_BOX_ID>"Search the knowledge base"</label>
            <textarea
                node_ref=box_ref
                id=SEARCH_BOX_ID
                class="search-box"
                rows=rows
                placeholder="Paste an error or ask a question…"
                spellcheck="false"
                autocomplete="off"
                aria-autocomplete="list"
                aria-controls=LIST_ID
                aria-activedescendant=move || active.get().map(results::option_id)
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=on_keydown
                on:focus=move |_| focused.set(true)
                on:blur=move |_| focused.set(false)
            ></textarea>
            {move || (focused.get() && query.with(|q| q.is_empty())).then(|| view! { <Recent recent query /> })}
        </div>
        <Status state shown />
        {move || match shown.get() {
            Shown::Waiting => {
                let typed = !query.with(|q| q.trim().is_empty());
                (typed || !has_static_list).then(|| view! { <div class="skeleton" aria-hidden="true"><div></div><div></div><div></div></div> }).into_any()
            }
            Shown::Browse { entries, facets, filtered } => view! {
                <facets::FacetChips facets category=category.get() status=status.get() on_change=on_facet />
                {(filtered || !has_static_list).then(|| view! { <browse::Browse entries /> })}
            }.into_any(),
            Shown::Results(r, _) => {
                let SearchResults { hits, facets, did_you_mean, .. } = r;
                view! {
                    <facets::FacetChips facets category=category.get() status=status.get() on_change=on_facet />
                    {if hits.is_empty() {
                        view! { <NoResults did_you_mean query category status on_facet /> }.into_any()
                    } else {
                        view! { <results::ResultList hits active base=String::new() on_open=remember /> }.into_any()
                    }}
                }.into_any()
            }
        }}
    }
    .into_any()
}

/// `/` and Ctrl/⌘-K focus the search box.
fn shortcuts(ev: &web_sys::KeyboardEvent) {
    let Some(doc) = document() else {
        return;
    };
    let typing = doc
        .active_element()
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA"));
    let focus_key = (ev.key() == "/" && !typing)
        || (ev.key().eq_ignore_ascii_case("k") && (ev.ctrl_key() || ev.meta_key()));
    if focus_key {
        ev.prevent_default();
        if let Some(el) = doc.get_element_by_id(SEARCH_BOX_ID) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }
}

/// The live region: loading, failure (with retry), and result counts.
#[component]
fn Status(state: RwSignal<LoadState>, shown: Memo<Shown>) -> impl IntoView {
    view! {
        <div class="status" role="status" aria-live="polite">
            {move || match state.get() {
                LoadState::Loading => view! { <span class="loading">"Loading the search index…"</span> }.into_any(),
                LoadState::Failed(message) => view! {
                    <div class="error" role="alert">
                        <strong>"Search is unavailable. "</strong>
                        <span class="error-message">{message}</span>
                        " "
                        <button class="retry" on:click=move |_| loader::reload(state, loader::page_bundle_url())>"Retry"</button>
                    </div>
                }.into_any(),
                LoadState::Ready => match shown.get() {
                    Shown::Results(r, problem) => {
                        let mut text = match (r.hits.len(), r.total) {
                            (0, _) => "No answers".to_string(),
                            (1, 1) => "1 answer".to_string(),
                            (n, t) if n == t => format!("{n} answers"),
                            (n, t) => format!("Top {n} of {t} answers"),
                        };
                        if r.truncated {
                            text.push_str(" — the paste was long, so only its beginning and end were searched");
                        }
                        let dym = r.did_you_mean.filter(|_| !r.hits.is_empty());
                        view! {
                            <span class="count">{text}</span>
                            {dym.map(|d| view! { <span class="did-you-mean">" · Searched with typo corrections: " <em>{d}</em></span> })}
                            {problem.map(|p| view! { <span class="error shard-error" role="alert">" · Some answers could not be loaded: " {p}</span> })}
                        }.into_any()
                    }
                    Shown::Browse { entries, filtered: true, .. } => view! { <span class="count">{format!("{} answers match the filters", entries.len())}</span> }.into_any(),
                    _ => view! { <span class="count"></span> }.into_any(),
                },
            }}
        </div>
    }
}

/// Nothing matched: offer the engine's typo correction and the categories.
#[component]
fn NoResults(
    did_you_mean: Option<String>,
    query: RwSignal<String>,
    category: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
    on_facet: Callback<(&'static str, Option<String>)>,
) -> impl IntoView {
    let filtered = category.get_untracked().is_some() || status.get_untracked().is_some();
    let categories: Vec<String> = loader::engine()
        .map(|e| {
            let (_, f) = e.browse(&SearchOptions::default());
            f.categories.into_iter().map(|c| c.value).collect()
        })
        .unwrap_or_default();
    view! {
        <div class="no-results">
            <p class="empty">"No answer matches your search."</p>
            {did_you_mean.map(|d| {
                let suggestion = d.clone();
                view! {
                    <p class="suggest">"Did you mean "
                        <button type="button" class="link did-you-mean" on:click=move |_| query.set(suggestion.clone())>{d}</button>
                        "?"
                    </p>
                }
            })}
            {filtered.then(|| view! {
                <p><button type="button" class="link clear-filters" on:click=move |_| {
                    on_facet.run(("category", None));
                    on_facet.run(("status", None));
                }>"Search without the filters"</button></p>
            })}
            <p class="empty">"Try fewer words, the exact error line, or browse a category:"</p>
            <ul class="category-links">
                {categories.into_iter().map(|c| {
                    let value = c.clone();
                    view! { <li><button type="button" class="link" on:click=move |_| {
                        query.set(String::new());
                        on_facet.run(("category", Some(value.clone())));
                    }>{c}</button></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}

/// Recent searches: a dropdown under the empty, focused box (so it never
/// moves the page), with a way to clear them. Its buttons keep the focus in
/// the box (mousedown is cancelled), so a click lands before the blur.
#[component]
fn Recent(recent: RwSignal<Vec<String>>, query: RwSignal<String>) -> impl IntoView {
    let keep_focus = |ev: leptos::ev::MouseEvent| ev.prevent_default();
    move || {
        let list = recent.get();
        (!list.is_empty()).then(|| view! {
            <section class="recent" aria-label="Recent searches" on:mousedown=keep_focus>
                <h2>"Recent searches"</h2>
                <ul>
                    {list.into_iter().map(|q| {
                        let label = recent::label(&q);
                        view! { <li><button type="button" class="link recent-query" on:click=move |_| query.set(q.clone())>{label}</button></li> }
                    }).collect_view()}
                </ul>
                <button type="button" class="link clear-recent" on:click=move |_| { recent::clear(); recent.set(Vec::new()); }>"Clear recent searches"</button>
            </section>
        })
    }
}
