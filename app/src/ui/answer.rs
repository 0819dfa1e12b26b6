//! The full answer at its permalink, rendered from the sanitised HTML the
//! indexer produced at build time.

use leptos::prelude::*;

use super::card::Badges;
use crate::loader::{self, LoadState};

#[component]
pub fn Answer(id: String, anchor: Option<String>, state: RwSignal<LoadState>) -> impl IntoView {
    let id_for_view = id.clone();
    // Scroll to the section once the answer is on the page.
    Effect::new(move |_| {
        if state.get() == LoadState::Ready {
            if let Some(a) = anchor.as_deref() {
                let doc = web_sys::window().and_then(|w| w.document());
                if let Some(el) = doc.and_then(|d| d.get_element_by_id(a)) {
                    el.scroll_into_view();
                }
            }
        }
    });
    view! {
        <nav class="back"><a href="#/">"← All answers"</a></nav>
        {move || {
            let _ = state.get();
            match loader::engine().and_then(|e| e.entry(&id_for_view).cloned()) {
                Some(entry) => view! {
                    <article class="answer" data-id=entry.id.clone()>
                        <h1>{entry.title.clone()}</h1>
                        <div class="meta">
                            <span class="category">{entry.category.clone()}</span>
                            <Badges statuses=entry.statuses.clone() matched=vec![] />
                        </div>
                        <div class="answer-body" inner_html=entry.html.clone()></div>
                    </article>
                }.into_any(),
                None if state.get() == LoadState::Loading => view! { <p class="loading">"Loading…"</p> }.into_any(),
                None => view! { <p class="empty">"No answer has the id " <code>{id_for_view.clone()}</code> "."</p> }.into_any(),
            }
        }}
    }
}
