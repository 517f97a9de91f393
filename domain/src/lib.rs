//! Types the browser and the server share.
//!
//! Everything here compiles to WASM: serde only, no I/O. Validation rules live here too, so
//! the form can check input as the user types and the server enforces exactly the same rules.

#[macro_use]
mod text_enum;
mod analysis;
mod attempt;
mod brief;
mod delivery;
mod document;
mod interview;
mod language;
mod lifecycle;
mod portability;
mod report;
mod report_job;
mod share;
mod transcript;
mod validation;

pub use analysis::{
    AnswerAnalysis, Confidence, Consistency, Fillers, InterviewAnalysis, NumberKind, NumberMention,
    PhraseCount, Pronouns, Specificity, StarComponent, StarCues, StarSummary, TermCoverage,
    WordCount,
};
pub use attempt::{
    Attempt, BankedAnswer, InterviewAttempts, NewAttempt, QuestionAttempts, QuestionKind,
    ScoreWithAttempts,
};
pub use brief::{PreparationBrief, RequirementEvidence};
pub use delivery::{
    measure_delivery, overall_delivery, validate_spoken_phrases, Delivery, Pace, SpokenPhrase,
    FAST_PACE_WPM, LONG_PAUSE_MS, MAX_SPOKEN_PHRASES, SLOW_PACE_WPM,
};
pub use document::{
    Document, DocumentKind, DocumentText, DETECTED_TYPES, MAX_DOCUMENT_CHARS, MIN_DOCUMENT_CHARS,
};
pub use interview::{
    Interview, InterviewId, InterviewKind, InterviewStatus, InterviewSummary, LanguageChoice,
    NewInterview, Seniority, ValidNewInterview, DEFAULT_QUESTION_COUNT, MAX_QUESTION_COUNT,
    MIN_QUESTION_COUNT,
};
pub use language::Language;
pub use lifecycle::Refusal;
pub use portability::{Export, ExportedInterview, MoveCode, Moved, NewMoveCode, MOVE_CODE_MINUTES};
pub use report::{
    CvTip, CvTipKind, Dimension, DimensionScore, DimensionScores, GeneratedBy, OverallScore, Point,
    QuestionFeedback, Report, Sentiment, SentimentLabel, MAX_SCORE, MIN_SCORE,
    NEUTRAL_SENTIMENT_BAND,
};
pub use report_job::{ReportJob, ReportJobStatus, ReportProgress};
pub use share::{NewShareLink, ShareLink, SharedReport};
pub use transcript::{
    handover_notice, AnswerOutcome, HandoverReason, Interviewer, NewAnswer, Question,
    QuestionEvent, QuestionId, Transcript, TranscriptEntry, MAX_ANSWER_CHARS,
};
pub use validation::{FieldError, MAX_NAME_CHARS};
