//! `GET /api/v1/interviews/{id}/question/stream`: the open question as server-sent events,
//! word by word while the interviewer writes it (see [`domain::QuestionEvent`]).
//!
//! Generation runs in its own task, so a browser that goes away mid-stream does not cancel
//! it: the question is still stored and the next read of the transcript shows it.

use std::convert::Infallible;

use super::path::ApiPath;
use crate::error::{ApiError, ErrorBody};
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::Extension;
use domain::{InterviewId, QuestionEvent};
use futures_util::stream::{self, Stream};
use services::interviewer::chain::Draft;
use services::{OwnerKey, Services};
use tokio::sync::mpsc;

/// Stream the open question, generating it if it is missing.
#[utoipa::path(
    get,
    path = "/interviews/{id}/question/stream",
    tag = "interview",
    operation_id = "stream_question",
    params(("id" = uuid::Uuid, Path, description = "The interview id")),
    responses(
        (status = 200, description = "`text/event-stream`: one JSON `QuestionEvent` per `data:` line; \
            `delta` events carry text as it is generated, `restart` voids the text so far, `handover` says \
            which interviewer leaves the question to which and why (slow, unavailable, interrupted, \
            not_a_question), and the stream ends with `question` (as stored), `completed` or `failed`", body = QuestionEvent,
            content_type = "text/event-stream"),
        (status = 404, description = "Missing, or not the caller's", body = ErrorBody),
        (status = 409, description = "Not started yet", body = ErrorBody),
    )
)]
pub async fn stream(
    State(services): State<Services>,
    Extension(owner): Extension<OwnerKey>,
    ApiPath(id): ApiPath<InterviewId>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    // Refusals are HTTP statuses, decided before the stream begins.
    services
        .engine
        .status(&owner, id)
        .await?
        .asks_questions()
        .map_err(services::Error::from)?;

    let (events, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut forward = |draft: Draft<'_>| {
            // A closed channel means the browser left; generation goes on and is stored.
            let _ = events.send(match draft {
                Draft::Delta(text) => QuestionEvent::Delta {
                    text: text.to_owned(),
                },
                Draft::Restart => QuestionEvent::Restart,
                Draft::Handover { from, to, reason } => QuestionEvent::Handover {
                    from: from.clone(),
                    to: to.clone(),
                    reason,
                },
            });
        };
        let last = match services
            .engine
            .open_question(&owner, id, Some(&mut forward))
            .await
        {
            Ok(Some(question)) => QuestionEvent::Question { question },
            Ok(None) => QuestionEvent::Completed,
            Err(error) => {
                tracing::error!(interview_id = %id, %error, "could not ask the next question");
                QuestionEvent::Failed {
                    message: "The interviewer could not ask the next question just now. Your answers are saved: try again."
                        .into(),
                }
            }
        };
        let _ = events.send(last);
    });

    let events = stream::unfold(received, |mut received| async move {
        let event = received.recv().await?;
        // Serialising these plain enums cannot fail; if it ever did, the browser is told.
        let sse = Event::default().json_data(&event).unwrap_or_else(|_| {
            Event::default().data(r#"{"type":"failed","message":"Reload the page to continue."}"#)
        });
        Some((Ok(sse), received))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
