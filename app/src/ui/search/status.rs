//! The status line (a polite live region), worded once for the page and
//! the widget: loading, failure with a retry, result counts, a long paste
//! cut, typo corrections, and parts that could not be loaded.

use indexer::Answer;
use leptos::prelude::*;

use crate::client::{self, LoadState};

/// What the count says for `shown` hits of `total`.
fn count_text(shown: usize, total: usize) -> String {
    match (shown, total) {
        (0, _) => "No answers".to_string(),
        (1, 1) => "1 answer".to_string(),
        (n, t) if n == t => format!("{n} answers"),
        (n, t) => format!("Top {n} of {t} answers"),
    }
}

#[component]
pub fn StatusLine(
    #[prop(into)] answer: Signal<Option<Answer>>,
    /// What to say when there is no query (the page's browse filters).
    #[prop(optional, into)]
    idle: Option<Signal<String>>,
) -> impl IntoView {
    let state = client::state();
    view! {
        <div class="status" role="status" aria-live="polite">
            {move || match state.get() {
                LoadState::Loading => view! { <span class="loading">"Loading the search index…"</span> }.into_any(),
                LoadState::Failed(message) => view! {
                    <div class="error" role="alert">
                        <strong>"Search is unavailable. "</strong>
                        <span class="error-message">{message}</span>
                        " "
                        <button class="retry" on:click=move |_| client::reload()>"Retry"</button>
                    </div>
                }.into_any(),
                LoadState::Ready(_) => match answer.get() {
                    Some(Answer { results: r, problem }) => {
                        let mut text = count_text(r.hits.len(), r.total);
                        if r.weak && !r.hits.is_empty() {
                            text = format!("{} {}", indexer::WEAK_NOTICE, text.to_lowercase());
                        }
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
                    None => view! { <span class="count">{idle.map(|i| i.get())}</span> }.into_any(),
                },
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::count_text;

    #[test]
    fn counts_say_how_many_of_how_many() {
        assert_eq!(count_text(0, 0), "No answers");
        assert_eq!(count_text(1, 1), "1 answer");
        assert_eq!(count_text(3, 3), "3 answers");
        assert_eq!(count_text(10, 34), "Top 10 of 34 answers");
    }
}
