//! One module per route. The history is in the main WASM bundle; the other pages load lazily
//! (`cargo leptos build --split`) in two groups, each its own WASM module: the interview pages
//! and the report pages.
//!
//! Two groups rather than a module per page: every lazy route the splitter sees adds chunks
//! for the code it shares with each other route, and four lazy pages made nine WASM files per
//! page to fetch, compile and instantiate before it could hydrate (three with two groups).

mod answer_bank;
mod brief;
mod feedback;
mod home;
mod interview;
mod new_interview;
mod share;
mod your_data;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub use home::HomePage;
pub use your_data::MovePage;

/// Whether the matched route has the path parameter `name`. The routes of a group differ in
/// their parameters, and a group's view is built once per matched route, so reading it
/// untracked is enough.
fn route_has_param(name: &str) -> bool {
    use_params_map().with_untracked(|params| params.get(name).is_some())
}

/// `/interviews/new`, `/interviews/:id` and `/interviews/:id/brief`: setting up an interview,
/// the interview room, and the preparation brief.
pub struct InterviewPages;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for InterviewPages {
    fn data() -> Self {
        InterviewPages
    }

    fn view(_this: Self) -> AnyView {
        let is_brief = leptos_router::hooks::use_location()
            .pathname
            .with_untracked(|path| path.trim_end_matches('/').ends_with("/brief"));
        if is_brief {
            view! { <brief::BriefPage /> }.into_any()
        } else if route_has_param("id") {
            view! { <interview::InterviewPage /> }.into_any()
        } else {
            view! { <new_interview::NewInterviewPage /> }.into_any()
        }
    }
}

/// `/interviews/:id/feedback`, `/share/:token` and `/answer-bank`: the report, for its owner
/// and behind a share link, and the owner's best answers.
pub struct ReportPages;

#[leptos_router::lazy_route]
impl leptos_router::LazyRoute for ReportPages {
    fn data() -> Self {
        ReportPages
    }

    fn view(_this: Self) -> AnyView {
        if route_has_param("token") {
            view! { <share::SharePage /> }.into_any()
        } else if !route_has_param("id") {
            view! { <answer_bank::AnswerBankPage /> }.into_any()
        } else {
            view! { <feedback::FeedbackPage /> }.into_any()
        }
    }
}
