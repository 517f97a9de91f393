//! `/`: the browser's interviews, newest first, each with its status, score and the trend of
//! scores for the same job; resume, open the feedback, or delete one for good.

use std::collections::HashMap;

use domain::{InterviewId, InterviewStatus, InterviewSummary, MAX_SCORE};
use leptos::html::H1;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::your_data::YourData;
use crate::components::{Day, ErrorNotice, StatusBadge, Timestamp};
use crate::page_title::PageTitle;
use crate::server_fns::{delete_interview, list_interviews};
use crate::AppError;

#[component]
pub fn HomePage() -> impl IntoView {
    let interviews = Resource::new(|| (), |_| list_interviews());
    // After a delete the card (and the focus in it) is gone: focus returns to the heading.
    let heading = NodeRef::<H1>::new();
    // Back from `/move`: say what came.
    let moved = use_query_map()
        .with_untracked(|query| query.get("moved"))
        .and_then(|count| count.parse::<u64>().ok());
    view! {
        <PageTitle text="Your interviews" />
        <section class="page">
            <div class="page__head">
                <h1 id="history-heading" tabindex="-1" node_ref=heading>"Your practice interviews"</h1>
            </div>
            {moved.map(|count| view! {
                <p class="notice" role="status" id="moved-status">
                    {format!("History moved: this browser now holds {count} interview{}.", if count == 1 { "" } else { "s" })}
                </p>
            })}
            <Suspense fallback=|| view! { <p class="muted">"Loading your interviews…"</p> }>
                {move || Suspend::new(async move {
                    match interviews.await {
                        Ok(list) => view! { <History initial=list heading /> }.into_any(),
                        Err(error) => view! {
                            <ErrorNotice error />
                            <button type="button" class="button" id="history-retry" on:click=move |_| interviews.refetch()>
                                "Try again"
                            </button>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
            <YourData />
        </section>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <div class="empty-state" id="empty-state">
            <h2>"Rehearse the interview for the job you want"</h2>
            <p>
                "Tell us the job title and company, add your CV and the job description, and an interviewer who has read both asks you up to eight questions, each building on your last answer. At the end you get a scored report: what worked, what was missing, and how to improve your CV for this role."
            </p>
            <ol class="empty-state__steps">
                <li>"Name the job and add your CV and the job description (PDF, Word, text or pasted)."</li>
                <li>"Answer the questions by typing or speaking."</li>
                <li>"Read your scored feedback and share it if you like."</li>
            </ol>
            <a class="button button--primary" href="/interviews/new">"Set up your first interview"</a>
        </div>
    }
}

/// The list, kept in a signal so a deleted interview leaves it at once.
#[component]
fn History(initial: Vec<InterviewSummary>, heading: NodeRef<H1>) -> AnyView {
    let interviews = RwSignal::new(initial);
    let announcement = RwSignal::new(String::new());
    let on_deleted = Callback::new(move |summary: InterviewSummary| {
        interviews.update(|all| all.retain(|kept| kept.id != summary.id));
        announcement.set(format!(
            "Deleted the interview for {} at {}.",
            summary.job_title, summary.company
        ));
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! {
        <p class="visually-hidden" role="status" id="history-status">{move || announcement.get()}</p>
        {move || {
            let all = interviews.get();
            if all.is_empty() {
                return view! { <EmptyState /> }.into_any();
            }
            let trends = score_trends(&all);
            view! {
                <ul class="interview-list" aria-labelledby="history-heading">
                    {all
                        .into_iter()
                        .map(|summary| {
                            let trend = trends.get(&summary.job_key()).cloned().unwrap_or_default();
                            view! { <InterviewCard summary trend on_deleted /> }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
    .into_any()
}

/// For each job, the scores of its scored interviews, oldest first, and which interview each
/// belongs to: the score with the best attempts where questions were practised again.
fn score_trends(all: &[InterviewSummary]) -> HashMap<String, Vec<(InterviewId, u8)>> {
    let mut trends: HashMap<String, Vec<(InterviewId, u8)>> = HashMap::new();
    // The list is newest first.
    for summary in all.iter().rev() {
        if let Some(score) = summary.score_with_attempts.or(summary.score) {
            trends
                .entry(summary.job_key())
                .or_default()
                .push((summary.id, score));
        }
    }
    trends
}

/// The interview's own score, shown beside the score with the best attempts.
fn interview_score(original: Option<u8>) -> String {
    match original {
        Some(original) => format!("{original} in the interview"),
        None => "not scored in the interview".to_owned(),
    }
}

/// Where the card's main link goes, and what it says.
fn next_step(summary: &InterviewSummary) -> (String, &'static str) {
    let page = format!("/interviews/{}", summary.id);
    match summary.status {
        InterviewStatus::NotReady => (page, "Finish setting up"),
        InterviewStatus::Ready => (page, "Start"),
        InterviewStatus::InProgress => (page, "Resume"),
        InterviewStatus::Completed => (format!("{page}/feedback"), "Open feedback"),
    }
}

#[component]
fn InterviewCard(
    summary: InterviewSummary,
    trend: Vec<(InterviewId, u8)>,
    on_deleted: Callback<InterviewSummary>,
) -> impl IntoView {
    let id = summary.id;
    let title_id = format!("interview-{id}-title");
    let (card_label, action_label_ref) = (title_id.clone(), title_id.clone());
    let (href, action_label) = next_step(&summary);
    let progress = match summary.status {
        InterviewStatus::InProgress | InterviewStatus::Completed => format!(
            "{} of {} answered",
            summary.answered, summary.question_count
        ),
        _ => format!("{} questions", summary.question_count),
    };
    let score = match (summary.score_with_attempts, summary.score) {
        (Some(best), original) => view! {
            <span
                class="interview-card__score interview-card__score--practised"
                aria-label=format!(
                    "Score {best} out of {MAX_SCORE} with your best attempts; {}",
                    interview_score(original)
                )
            >
                <strong>{best.to_string()}</strong>
                <span class="muted">{format!("/{MAX_SCORE}")}</span>
                <span class="muted small interview-card__original">{interview_score(original)}</span>
            </span>
        }
        .into_any(),
        (None, Some(score)) => view! {
            <span class="interview-card__score" aria-label=format!("Score {score} out of {MAX_SCORE}")>
                <strong>{score.to_string()}</strong>
                <span class="muted">{format!("/{MAX_SCORE}")}</span>
            </span>
        }
        .into_any(),
        (None, None) => ().into_any(),
    };
    let practise = (summary.status == InterviewStatus::Completed).then(|| {
        view! {
            <a class="button" href=format!("/interviews/{id}/feedback#practice")>"Practise questions"</a>
        }
    });
    view! {
        <li class="interview-card" data-interview-id=id.to_string() aria-labelledby=card_label>
            <div class="interview-card__main">
                <h2 class="interview-card__title" id=title_id>
                    <a href=href.clone()>{summary.job_title.clone()}</a>
                </h2>
                <p class="interview-card__company">{summary.company.clone()}</p>
                <p class="interview-card__meta">
                    <StatusBadge status=summary.status />
                    <Timestamp at=summary.created_at />
                    <span>{progress}</span>
                </p>
                {summary.expires_at.map(|at| view! {
                    <p class="interview-card__expiry muted small">
                        "Deleted on " <Day at /> " unless you open it before then."
                    </p>
                })}
            </div>
            <div class="interview-card__side">
                {score}
                <Sparkline trend current=id />
            </div>
            <div class="interview-card__actions">
                <a class="button" href=href aria-describedby=action_label_ref>{action_label}</a>
                {practise}
                <DeleteControl summary on_deleted />
            </div>
        </li>
    }
}

/// The scores of every interview for this job as a small line chart, this one marked. Drawn
/// only when there are two scores or more to compare.
#[component]
fn Sparkline(trend: Vec<(InterviewId, u8)>, current: InterviewId) -> impl IntoView {
    const WIDTH: f64 = 96.0;
    const HEIGHT: f64 = 28.0;
    const PAD: f64 = 3.0;
    if trend.len() < 2 {
        return ().into_any();
    }
    let step = (WIDTH - 2.0 * PAD) / (trend.len() - 1) as f64;
    let point = |index: usize, score: u8| {
        let x = PAD + step * index as f64;
        let y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * f64::from(score) / f64::from(MAX_SCORE);
        (x, y)
    };
    let points = trend
        .iter()
        .enumerate()
        .map(|(index, (_, score))| {
            let (x, y) = point(index, *score);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let marker = trend
        .iter()
        .position(|(id, _)| *id == current)
        .map(|index| point(index, trend[index].1));
    let scores = trend
        .iter()
        .map(|(_, score)| score.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let label = format!("Scores for this job, oldest first: {scores} (out of {MAX_SCORE})");
    view! {
        <svg
            class="sparkline"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            width=WIDTH
            height=HEIGHT
            role="img"
            aria-label=label
        >
            <polyline class="sparkline__line" points=points fill="none" stroke-width="2"></polyline>
            {marker.map(|(x, y)| view! { <circle class="sparkline__current" cx=x cy=y r="3"></circle> })}
        </svg>
    }
    .into_any()
}

/// "Delete", then an explicit confirmation naming what goes; the focus moves into the
/// confirmation and back to "Delete" if the user keeps the interview.
#[component]
fn DeleteControl(
    summary: InterviewSummary,
    on_deleted: Callback<InterviewSummary>,
) -> impl IntoView {
    let id = summary.id;
    let confirming = RwSignal::new(false);
    let keep_button = NodeRef::<leptos::html::Button>::new();
    let delete_button = NodeRef::<leptos::html::Button>::new();
    let remove = Action::new(move |id: &InterviewId| delete_interview(*id));
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| match remove.value().get() {
        // Already gone (deleted in another tab): the outcome the user asked for.
        Some(Ok(()) | Err(AppError::NotFound)) => on_deleted.run(summary.clone()),
        Some(Err(refusal)) => error.set(Some(refusal.to_string())),
        None => {}
    });
    Effect::new(move |was_confirming: Option<bool>| {
        let now = confirming.get();
        let button = if now {
            keep_button.get()
        } else {
            delete_button.get()
        };
        // Only on a change, not on the first run (the page must not steal focus on load).
        if was_confirming.is_some_and(|before| before != now) {
            if let Some(button) = button {
                let _ = button.focus();
            }
        }
        now
    });
    view! {
        <button
            type="button"
            class="button button--quiet interview-card__delete"
            node_ref=delete_button
            aria-expanded=move || confirming.get().to_string()
            hidden=move || confirming.get()
            on:click=move |_| confirming.set(true)
        >
            "Delete"
        </button>
        <div class="confirm-delete" role="group" aria-label="Confirm delete" hidden=move || !confirming.get()>
            <p>
                "Delete this interview for good? Its documents, transcript, report, practice attempts and share links are removed and cannot be recovered."
            </p>
            <div class="confirm-delete__actions">
                <button
                    type="button"
                    class="button button--danger confirm-delete__yes"
                    disabled=move || remove.pending().get()
                    on:click=move |_| {
                        error.set(None);
                        remove.dispatch(id);
                    }
                >
                    {move || if remove.pending().get() { "Deleting…" } else { "Delete for good" }}
                </button>
                <button
                    type="button"
                    class="button confirm-delete__no"
                    node_ref=keep_button
                    disabled=move || remove.pending().get()
                    on:click=move |_| confirming.set(false)
                >
                    "Keep it"
                </button>
            </div>
            {move || error.get().map(|message| view! {
                <p class="error" role="alert">{format!("{message} Nothing was deleted; you can try again.")}</p>
            })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use uuid::Uuid;

    use super::*;

    fn summary(n: u128, score: Option<u8>, with_attempts: Option<u8>) -> InterviewSummary {
        InterviewSummary {
            id: InterviewId(Uuid::from_u128(n)),
            job_title: "Data Scientist".into(),
            company: "Larkspur".into(),
            status: InterviewStatus::Completed,
            question_count: 3,
            answered: 3,
            score,
            score_with_attempts: with_attempts,
            created_at: Utc.timestamp_opt(1_800_000_000 + n as i64, 0).unwrap(),
            expires_at: None,
        }
    }

    #[test]
    fn the_trend_counts_the_best_attempts_and_skips_unscored_interviews() {
        // Newest first, as the list comes.
        let all = [
            summary(3, Some(6), None),
            summary(2, None, None),
            summary(1, Some(4), Some(7)),
        ];
        let trends = score_trends(&all);
        let trend = &trends[&all[0].job_key()];
        assert_eq!(trend, &[(all[2].id, 7), (all[0].id, 6)]);
    }
}
