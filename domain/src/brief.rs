//! The preparation brief: what a candidate reads before the first question.

use serde::{Deserialize, Serialize};

/// What the job asks for and what the CV shows of it, the questions most likely to come, and
/// the stories worth preparing. Made from the documents alone (no model), with the same plan
/// the offline coach interviews from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreparationBrief {
    pub job_title: String,
    pub company: String,
    /// The job description's requirement lines, in its order.
    pub requirements: Vec<RequirementEvidence>,
    /// In the order the offline coach would ask them when every answer is complete.
    pub likely_questions: Vec<String>,
    /// CV lines with an action and a result: each is a story to have ready in full.
    pub stories: Vec<String>,
}

/// One requirement of the job, and the CV line that shows it, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequirementEvidence {
    pub requirement: String,
    /// The CV line that backs it up; `None`: a gap to be ready to talk about.
    pub evidence: Option<String>,
}
