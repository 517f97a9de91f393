use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validation::{required_name, FieldError};
use crate::Language;

pub const MIN_QUESTION_COUNT: u8 = 3;
pub const MAX_QUESTION_COUNT: u8 = 12;
pub const DEFAULT_QUESTION_COUNT: u8 = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct InterviewId(pub Uuid);

impl fmt::Display for InterviewId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for InterviewId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

text_enum!(
    /// Where an interview is in its life.
    InterviewStatus {
        NotReady => "not_ready", "Needs CV and job description";
        Ready => "ready", "Ready to start";
        InProgress => "in_progress", "In progress";
        Completed => "completed", "Completed";
    }
);

text_enum!(
    /// What the interviewer focuses on.
    InterviewKind {
        Behavioral => "behavioral", "Behavioural";
        Technical => "technical", "Technical";
        Mixed => "mixed", "Mixed";
    }
);

text_enum!(
    /// The level of the role, which sets the depth of the questions.
    Seniority {
        Junior => "junior", "Junior";
        Mid => "mid", "Mid-level";
        Senior => "senior", "Senior";
    }
);

/// What the user asks for when setting up an interview (form or JSON body), before checks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewInterview {
    /// Required: one line without control characters, at most 200 characters once trimmed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    pub job_title: String,
    /// Required: one line without control characters, at most 200 characters once trimmed.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 200,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    pub company: String,
    #[serde(default)]
    pub kind: Option<InterviewKind>,
    #[serde(default)]
    pub seniority: Option<Seniority>,
    /// Between 3 and 12; 8 when absent.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 3, maximum = 12))]
    pub question_count: Option<u8>,
    /// The language of the questions and the report; when absent, the job description's.
    #[serde(default)]
    pub language: Option<Language>,
}

/// A [`NewInterview`] that passed every rule: names trimmed, defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidNewInterview {
    pub job_title: String,
    pub company: String,
    pub kind: InterviewKind,
    pub seniority: Seniority,
    pub question_count: u8,
    /// Chosen by the user; `None` follows the job description.
    pub language: Option<Language>,
}

impl NewInterview {
    /// Applies the set-up rules, reporting every invalid field at once.
    pub fn validate(&self) -> Result<ValidNewInterview, Vec<FieldError>> {
        let mut errors = Vec::new();
        let job_title = required_name("job_title", "Job title", &self.job_title, &mut errors);
        let company = required_name("company", "Company", &self.company, &mut errors);
        let question_count = self.question_count.unwrap_or(DEFAULT_QUESTION_COUNT);
        if !(MIN_QUESTION_COUNT..=MAX_QUESTION_COUNT).contains(&question_count) {
            errors.push(FieldError::new(
                "question_count",
                format!(
                    "Number of questions must be between {MIN_QUESTION_COUNT} and {MAX_QUESTION_COUNT}."
                ),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidNewInterview {
            job_title,
            company,
            kind: self.kind.unwrap_or(InterviewKind::Mixed),
            seniority: self.seniority.unwrap_or(Seniority::Mid),
            question_count,
            language: self.language,
        })
    }
}

/// One row of the interview list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InterviewSummary {
    pub id: InterviewId,
    pub job_title: String,
    pub company: String,
    pub status: InterviewStatus,
    pub question_count: u8,
    /// Answers given so far.
    pub answered: u8,
    /// The report's overall score, once there is a report that gives one.
    pub score: Option<u8>,
    /// The overall score with each question's best attempt counted (see
    /// [`crate::ScoreWithAttempts`]); none until a question was practised again.
    pub score_with_attempts: Option<u8>,
    pub created_at: DateTime<Utc>,
    /// When it will be deleted unless opened before; `None` when interviews are kept.
    pub expires_at: Option<DateTime<Utc>>,
}

impl InterviewSummary {
    /// Interviews for the same job (title and company, ignoring case and spacing) share this
    /// key, so the history can chart their scores together.
    pub fn job_key(&self) -> String {
        let normalise = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        format!(
            "{}\n{}",
            normalise(&self.job_title),
            normalise(&self.company)
        )
    }
}

/// An interview as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Interview {
    pub id: InterviewId,
    pub job_title: String,
    pub company: String,
    pub kind: InterviewKind,
    pub seniority: Seniority,
    pub question_count: u8,
    pub status: InterviewStatus,
    /// The language the interviewer asks and the report is written in.
    pub language: Language,
    /// The user chose `language`; otherwise it follows the job description (English until
    /// there is one).
    pub language_chosen: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When its owner last opened it.
    pub opened_at: DateTime<Utc>,
    /// When it will be deleted, with everything it holds, unless opened before; `None` when
    /// interviews are kept for ever.
    pub expires_at: Option<DateTime<Utc>>,
}

/// A change of an interview's language, before it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LanguageChoice {
    pub language: Language,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(job_title: &str, company: &str) -> NewInterview {
        NewInterview {
            job_title: job_title.into(),
            company: company.into(),
            ..Default::default()
        }
    }

    #[test]
    fn trims_and_fills_defaults() {
        let valid = input("  Backend Engineer ", "\tAcme GmbH\n")
            .validate()
            .unwrap();
        assert_eq!(valid.job_title, "Backend Engineer");
        assert_eq!(valid.company, "Acme GmbH");
        assert_eq!(valid.kind, InterviewKind::Mixed);
        assert_eq!(valid.seniority, Seniority::Mid);
        assert_eq!(valid.question_count, DEFAULT_QUESTION_COUNT);
    }

    #[test]
    fn whitespace_only_names_are_missing_and_all_errors_are_reported() {
        let errors = input("   ", "").validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["job_title", "company"]);
        assert_eq!(errors[0].message, "Job title is required.");
    }

    #[test]
    fn length_limit_counts_characters_not_bytes() {
        let at_limit = "ü".repeat(200);
        assert!(input(&at_limit, "Acme").validate().is_ok());
        let over = "a".repeat(201);
        let errors = input("Engineer", &over).validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "company");
        assert!(
            errors[0].message.contains("at most 200"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn names_are_one_line_without_control_characters() {
        // NUL cannot even be stored: it must be refused here, not fail in the database.
        for bad in [
            "Engi\0neer",
            "Senior\nEngineer",
            "Data\tScientist",
            "Bell\u{7}",
        ] {
            let errors = input(bad, "Acme").validate().unwrap_err();
            assert_eq!(errors.len(), 1, "{bad:?}");
            assert_eq!(errors[0].field, "job_title");
            assert!(
                errors[0].message.contains("one line"),
                "{}",
                errors[0].message
            );
        }
        assert!(input("Ingénieure (R&D) – 50 %", "Acme").validate().is_ok());
    }

    #[test]
    fn question_count_must_be_in_range() {
        for (count, ok) in [(2, false), (3, true), (12, true), (13, false)] {
            let mut new = input("Engineer", "Acme");
            new.question_count = Some(count);
            assert_eq!(new.validate().is_ok(), ok, "count {count}");
        }
    }

    #[test]
    fn enums_round_trip_through_their_wire_names() {
        for status in InterviewStatus::ALL {
            assert_eq!(status.as_str().parse::<InterviewStatus>().unwrap(), *status);
            let json = serde_json::to_string(status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert!("bogus".parse::<Seniority>().is_err());
        let kind: InterviewKind = serde_json::from_str("\"behavioral\"").unwrap();
        assert_eq!(kind, InterviewKind::Behavioral);
    }

    #[test]
    fn interviews_for_the_same_job_share_a_key_whatever_the_case_and_spacing() {
        let summary = |job_title: &str, company: &str| InterviewSummary {
            id: InterviewId(uuid::Uuid::nil()),
            job_title: job_title.into(),
            company: company.into(),
            status: InterviewStatus::Completed,
            question_count: 6,
            answered: 6,
            score: Some(7),
            score_with_attempts: None,
            created_at: Utc::now(),
            expires_at: None,
        };
        assert_eq!(
            summary("Data  Scientist", "Northwind").job_key(),
            summary("data scientist", " NORTHWIND ").job_key()
        );
        assert_ne!(
            summary("Data Scientist", "Northwind").job_key(),
            summary("Data Scientist", "Contoso").job_key()
        );
    }
}
