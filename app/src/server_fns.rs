//! Server functions: read the caller's identity, call one service, map the error.

use domain::{
    AnswerOutcome, Attempt, BankedAnswer, Document, DocumentKind, Interview, InterviewAttempts,
    InterviewId, InterviewSummary, Language, NewAnswer, NewAttempt, NewInterview, NewMoveCode,
    NewShareLink, PreparationBrief, QuestionId, Report, ReportJob, ReportProgress, ShareLink,
    SharedReport, Transcript,
};
use leptos::prelude::*;

use crate::codec::JsonStr;
use crate::AppError;

#[cfg(feature = "ssr")]
mod caller {
    use axum::Extension;
    use leptos::prelude::use_context;
    use services::{OwnerKey, Services};

    use crate::AppError;

    /// The services and the owner of the current request (set by the server's identity layer).
    pub async fn context() -> Result<(Services, OwnerKey), AppError> {
        let services = use_context::<Services>().ok_or_else(|| {
            tracing::error!("Services missing from the Leptos context");
            AppError::Internal
        })?;
        let Extension(owner) = leptos_axum::extract::<Extension<OwnerKey>>()
            .await
            .map_err(|error| {
                tracing::error!(%error, "owner identity missing from the request");
                AppError::Internal
            })?;
        Ok((services, owner))
    }
}

/// The caller's interviews, newest first.
#[server(output = JsonStr)]
pub async fn list_interviews() -> Result<Vec<InterviewSummary>, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.interviews.list(&owner).await?)
}

/// Deletes one of the caller's interviews with everything that belongs to it.
#[server(output = JsonStr)]
pub async fn delete_interview(id: InterviewId) -> Result<(), AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.interviews.delete(&owner, id).await?)
}

/// One of the caller's interviews.
#[server(output = JsonStr)]
pub async fn get_interview(id: InterviewId) -> Result<Interview, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.interviews.get(&owner, id).await?)
}

/// The preparation brief of one of the caller's interviews (both documents must be in).
#[server(output = JsonStr)]
pub async fn get_brief(id: InterviewId) -> Result<PreparationBrief, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.interviews.brief(&owner, id).await?)
}

/// Chooses the language of one of the caller's interviews, before it starts.
#[server(output = JsonStr)]
pub async fn set_language(id: InterviewId, language: Language) -> Result<Interview, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services
        .interviews
        .set_language(&owner, id, language)
        .await?)
}

/// A one-time code that moves the caller's history to another browser.
#[server(output = JsonStr)]
pub async fn create_move_code() -> Result<NewMoveCode, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.create_move_code(&owner, "").await?)
}

/// Creates an interview and sends the browser to it (a client-side navigation when
/// hydrated, a 302 for a plain form post).
#[server(output = JsonStr)]
pub async fn create_interview(input: NewInterview) -> Result<InterviewId, AppError> {
    let (services, owner) = caller::context().await?;
    match services.interviews.create(&owner, &input).await {
        Ok(interview) => {
            leptos_axum::redirect(&format!("/interviews/{}", interview.id));
            Ok(interview.id)
        }
        Err(services::Error::Validation(fields)) => Err(AppError::Invalid {
            fields,
            submitted: Some(input),
        }),
        Err(other) => Err(other.into()),
    }
}

/// What the set-up step needs: the interview's documents and the upload limit.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocumentSetup {
    pub documents: Vec<Document>,
    pub max_upload_bytes: u64,
}

/// The interview's documents (uploads go to the JSON API, which reports progress).
#[server(output = JsonStr)]
pub async fn get_documents(id: InterviewId) -> Result<DocumentSetup, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(DocumentSetup {
        documents: services.documents.list(&owner, id).await?,
        max_upload_bytes: services.documents.max_upload_bytes() as u64,
    })
}

/// Stores pasted text as the interview's CV or job description.
#[server(output = JsonStr)]
pub async fn paste_document(
    id: InterviewId,
    kind: DocumentKind,
    text: String,
) -> Result<Document, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.documents.paste(&owner, id, kind, &text).await?)
}

/// Saves the user's correction of a document's text.
#[server(output = JsonStr)]
pub async fn correct_document(
    id: InterviewId,
    kind: DocumentKind,
    text: String,
) -> Result<Document, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.documents.correct(&owner, id, kind, &text).await?)
}

/// Starts a ready interview. The room then streams the first question from the JSON API
/// (`/api/v1/interviews/{id}/question/stream`), so it appears as it is written.
#[server(output = JsonStr)]
pub async fn start_interview(id: InterviewId) -> Result<(), AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.engine.start(&owner, id).await?)
}

/// The questions and answers so far, asking nothing: a missing next question is streamed.
#[server(output = JsonStr)]
pub async fn get_transcript(id: InterviewId) -> Result<Transcript, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.engine.transcript(&owner, id).await?)
}

/// Stores the answer to the open question (idempotent by `answer.client_id`); the next
/// question is streamed afterwards, so `next_question` is always empty here.
#[server(output = JsonStr)]
pub async fn submit_answer(id: InterviewId, answer: NewAnswer) -> Result<AnswerOutcome, AppError> {
    let (services, owner) = caller::context().await?;
    let stored = services.engine.answer(&owner, id, &answer).await?;
    Ok(AnswerOutcome {
        next_question: None,
        completed: stored.completed_by_it,
    })
}

/// Ends the interview early.
#[server(output = JsonStr)]
pub async fn end_interview(id: InterviewId) -> Result<Transcript, AppError> {
    let (services, owner) = caller::context().await?;
    services.engine.end(&owner, id).await?;
    Ok(services.engine.transcript(&owner, id).await?)
}

/// [`Feedback`] as the feedback page gets it. The same two cases, but serde's default
/// (externally tagged) shape: `Feedback`'s internally tagged JSON, kept for the JSON API, is
/// read by buffering the whole report in serde's `Content` first, which would put a second
/// copy of the report's deserializer into the WASM bundle.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum PageFeedback {
    Pending(ReportProgress),
    Ready(Box<Report>),
}

impl From<ReportJob> for PageFeedback {
    fn from(feedback: ReportJob) -> Self {
        match feedback {
            ReportJob::Pending(progress) => PageFeedback::Pending(progress),
            ReportJob::Ready(report) => PageFeedback::Ready(report),
        }
    }
}

/// Asks for the interview's feedback (idempotent) and says where it stands: the report, or
/// the progress of its writing in the background.
#[server(output = JsonStr)]
pub async fn request_feedback(id: InterviewId) -> Result<PageFeedback, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.reports.request(&owner, id).await?.into())
}

/// The interview's share links (no tokens), newest first.
#[server(output = JsonStr)]
pub async fn list_shares(id: InterviewId) -> Result<Vec<ShareLink>, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.shares.list(&owner, id).await?)
}

/// Makes a share link; its `url` is the path on this site, shown to the owner once.
#[server(output = JsonStr)]
pub async fn create_share(id: InterviewId) -> Result<NewShareLink, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.shares.create(&owner, id).await?)
}

/// Revokes a share link; it stops working at once.
#[server(output = JsonStr)]
pub async fn revoke_share(id: InterviewId, share_id: uuid::Uuid) -> Result<(), AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.shares.revoke(&owner, id, share_id).await?)
}

/// The report behind a share link, for anyone who has it.
#[server(output = JsonStr)]
pub async fn open_shared_report(token: String) -> Result<SharedReport, AppError> {
    let (services, _) = caller::context().await?;
    Ok(services.shares.open(&token).await?)
}

/// Every answered question of a completed interview with its attempts, and the overall score
/// with the best of them.
#[server(output = JsonStr)]
pub async fn list_attempts(id: InterviewId) -> Result<InterviewAttempts, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.attempts.for_interview(&owner, id).await?)
}

/// Answers question `number` of a completed interview again (idempotent by
/// `attempt.client_id`): scored and compared with the original answer, which stays as it was.
#[server(output = JsonStr)]
pub async fn create_attempt(
    id: InterviewId,
    number: u8,
    attempt: NewAttempt,
) -> Result<Attempt, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services
        .attempts
        .create(&owner, id, number, &attempt)
        .await?)
}

/// The caller's answer bank: the best answer to each kind of question they practised.
#[server(output = JsonStr)]
pub async fn get_answer_bank() -> Result<Vec<BankedAnswer>, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.attempts.bank(&owner).await?)
}

/// The bank's answer to offer while `question` of the interview `id` is open: the best answer
/// to a question of the same kind, given in another interview.
#[server(output = JsonStr)]
pub async fn bank_material(
    id: InterviewId,
    question: QuestionId,
) -> Result<Option<BankedAnswer>, AppError> {
    let (services, owner) = caller::context().await?;
    Ok(services.attempts.material(&owner, id, question).await?)
}
