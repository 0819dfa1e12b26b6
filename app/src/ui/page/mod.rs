//! The search page: the shared search box and results, plus what only the
//! page has: facet chips, browsing by category, recent searches, the view
//! in the URL, and the `/` and Ctrl-K shortcuts. It mounts over the home
//! page `kb build` wrote, whose static list of every entry stays in place
//! (and usable) until there is something else to show.

mod browse;
mod facets;
mod no_results;
mod recent;
mod url;

use indexer::{names, Answer, SearchOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::search::{self, ResultList, SearchBox, StatusLine};
use crate::client::{self, LoadState};
use facets::{Facet, FacetChange, FacetChips};
use url::UrlState;

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
            let el = d.get_element_by_id(names::SEARCH_BOX_ID)?;
            let focused = d.active_element().is_some_and(|a| a == el);
            let text = el.dyn_into::<web_sys::HtmlTextAreaElement>().ok()?.value();
            Some(Typed { text, focused })
        })
        .unwrap_or_default();
    root.set_inner_html("");
    typed
}

/// The page's state: the query and the filters, as in its URL.
#[derive(Debug, Clone, Copy)]
struct View {
    query: RwSignal<String>,
    category: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
}

impl View {
    fn options(&self) -> SearchOptions {
        SearchOptions {
            limit: search::PAGE_RESULTS,
            category: self.category.get(),
            status: self.status.get(),
        }
    }

    fn url(&self) -> UrlState {
        UrlState {
            // A long paste stays out of the URL (and is not copied here).
            query: self.query.with_untracked(|q| {
                if q.len() > url::MAX_URL_QUERY {
                    String::new()
                } else {
                    q.clone()
                }
            }),
            category: self.category.get_untracked(),
            status: self.status.get_untracked(),
        }
    }

    fn set_facet(&self, (facet, value): FacetChange) {
        match facet {
            Facet::Category => self.category.set(value),
            Facet::Status => self.status.set(value),
        }
    }
}

#[component]
pub fn App(typed: Typed) -> impl IntoView {
    if url::follow_legacy_permalink() {
        return ().into_any();
    }
    let initial = url::read();
    let view = View {
        query: RwSignal::new(if typed.text.trim().is_empty() {
            initial.query
        } else {
            typed.text
        }),
        category: RwSignal::new(initial.category),
        status: RwSignal::new(initial.status),
    };
    let query = view.query;
    let focused = RwSignal::new(typed.focused);
    let active = RwSignal::new(None::<usize>);
    let recent = RwSignal::new(recent::load());

    let on_facet = follow_the_url(view);
    let _keys = window_event_listener(leptos::ev::keydown, move |ev| shortcuts(&ev));

    let answer = search::use_answer(query, move || view.options());
    // A new result list starts with nothing selected.
    Effect::new(move |_| {
        answer.track();
        active.set(None);
    });
    let state = client::state();
    let browsing = Memo::new(move |_| {
        let engine = state.with(LoadState::engine)?;
        if !query.with(|q| q.trim().is_empty()) {
            return None;
        }
        let options = view.options();
        let (entries, facets) = engine.browse(&options);
        Some((browse::listed(&entries), facets, options.is_filtered()))
    });
    let has_static_list = keep_the_static_list(view);

    let count =
        Signal::derive(move || answer.with(|a| a.as_ref().map_or(0, |a| a.results.hits.len())));
    let remember = Callback::new(move |()| {
        recent.set(recent::remember(&query.get_untracked()));
    });
    let on_open = Callback::new(move |i: usize| {
        remember.run(());
        answer.with_untracked(|a| {
            if let Some(hit) = a.as_ref().and_then(|a| a.results.hits.get(i)) {
                search::open("", hit, "_self");
            }
        });
    });
    let on_escape = Callback::new(move |ev: web_sys::KeyboardEvent| {
        ev.prevent_default();
        query.set(String::new());
    });
    let idle = Signal::derive(move || match browsing.get() {
        Some((entries, _, true)) => format!("{} answers match the filters", entries.len()),
        _ => String::new(),
    });
    let show_recent = move || focused.get() && query.with(|q| q.is_empty());

    view! {
        <SearchBox query active count expanded=Signal::derive(move || count.get() > 0)
            on_open on_escape placeholder=names::SEARCH_PLACEHOLDER max_rows=search::PAGE_BOX_ROWS
            focus=typed.focused on_focus=Callback::new(move |f| focused.set(f))>
            {move || show_recent().then(|| view! { <recent::Recent recent query /> })}
        </SearchBox>
        <StatusLine answer idle />
        <Body view browsing answer active on_facet on_open=remember has_static_list facets_open=RwSignal::new(false) />
    }
    .into_any()
}

/// The URL follows the view and the view the URL: back and forward
/// restore the exact view; typing replaces the history entry; choosing a
/// filter (the callback returned) adds one.
fn follow_the_url(view: View) -> Callback<FacetChange> {
    let _pop = window_event_listener(leptos::ev::popstate, move |_| {
        let u = url::read();
        view.query.set(u.query);
        view.category.set(u.category);
        view.status.set(u.status);
    });
    Effect::new(move |_| {
        view.query.track();
        url::write(&view.url(), false);
    });
    Callback::new(move |change: FacetChange| {
        view.set_facet(change);
        url::write(&view.url(), true);
    })
}

/// The page's static list (its HTML) stays until there is something else
/// to show: shown with no query and no filter. Returns whether the page
/// has one.
fn keep_the_static_list(view: View) -> bool {
    let static_list = || document().and_then(|d| d.get_element_by_id(names::STATIC_LIST_ID));
    Effect::new(move |_| {
        let show = view.query.with(|q| q.trim().is_empty())
            && view.category.with(Option::is_none)
            && view.status.with(Option::is_none);
        if let Some(el) = static_list() {
            let _ = el.toggle_attribute_with_force("hidden", !show);
        }
    });
    static_list().is_some()
}

/// What one sees without a query: the entries passing the filters, the
/// facet counts, and whether a filter is on.
type Browsing = Option<(Vec<browse::Listed>, indexer::Facets, bool)>;

/// Under the box: the facet chips and the filtered entries, the results,
/// no results, or a skeleton while the answer is on its way.
#[component]
fn Body(
    view: View,
    browsing: Memo<Browsing>,
    answer: Memo<Option<Answer>>,
    active: RwSignal<Option<usize>>,
    on_facet: Callback<FacetChange>,
    on_open: Callback<()>,
    /// Whether the home page's static list is there (shown while browsing
    /// unfiltered).
    has_static_list: bool,
    /// Whether the facet chips are unfolded (phones).
    facets_open: RwSignal<bool>,
) -> impl IntoView {
    move || {
        let category = view.category.get();
        let status = view.status.get();
        if let Some((entries, facets, filtered)) = browsing.get() {
            return view! {
                <FacetChips facets category status on_change=on_facet open=facets_open />
                {(filtered || !has_static_list).then(|| view! { <browse::Browse entries /> })}
            }
            .into_any();
        }
        match answer.get() {
            Some(Answer { results, .. }) => view! {
                <FacetChips facets=results.facets category status on_change=on_facet open=facets_open />
                {if results.hits.is_empty() {
                    view! { <no_results::NoResults did_you_mean=results.did_you_mean query=view.query filtered=view.options().is_filtered() on_facet /> }.into_any()
                } else {
                    view! { <ResultList hits=results.hits weak=results.weak active base=String::new() on_open /> }.into_any()
                }}
            }
            .into_any(),
            None => {
                let typed = !view.query.with(|q| q.trim().is_empty());
                (typed || !has_static_list)
                    .then(|| view! { <div class="skeleton" aria-hidden="true"><div></div><div></div><div></div></div> })
                    .into_any()
            }
        }
    }
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
        if let Some(el) = doc.get_element_by_id(names::SEARCH_BOX_ID) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }
}
