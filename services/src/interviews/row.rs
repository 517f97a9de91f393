//! The `interviews` row, read one way everywhere: one column list, one decoder into
//! [`domain::Interview`], one query for each way it is read.

use chrono::{DateTime, Utc};
use domain::{Interview, InterviewId, InterviewStatus};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::error::corrupt;
use crate::{Error, OwnerKey, Result};

/// An `interviews` row as stored; enums are text columns guarded by CHECK constraints.
#[derive(sqlx::FromRow)]
pub(crate) struct InterviewRow {
    id: Uuid,
    job_title: String,
    company: String,
    kind: String,
    seniority: String,
    question_count: i16,
    status: String,
    language: String,
    language_chosen: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    opened_at: DateTime<Utc>,
}

pub(crate) const INTERVIEW_COLUMNS: &str =
    "id, job_title, company, kind, seniority, question_count, status, language, language_chosen,
     created_at, updated_at, opened_at";

impl TryFrom<InterviewRow> for Interview {
    type Error = Error;

    fn try_from(row: InterviewRow) -> Result<Self> {
        Ok(Interview {
            id: InterviewId(row.id),
            job_title: row.job_title,
            company: row.company,
            kind: row.kind.parse().map_err(corrupt)?,
            seniority: row.seniority.parse().map_err(corrupt)?,
            question_count: u8::try_from(row.question_count)
                .map_err(|e| corrupt(format!("question_count: {e}")))?,
            status: row.status.parse().map_err(corrupt)?,
            language: row.language.parse().map_err(corrupt)?,
            language_chosen: row.language_chosen,
            created_at: row.created_at,
            updated_at: row.updated_at,
            opened_at: row.opened_at,
            // The retention rule is the service's: it fills this in.
            expires_at: None,
        })
    }
}

/// The owner's interview `id`, opened now: `opened_at` moves to `now` when it is older than
/// `stale` (retention), in the same statement as the read (one round trip per page view).
pub(crate) async fn open<'e>(
    executor: impl PgExecutor<'e>,
    id: InterviewId,
    owner: &OwnerKey,
    now: DateTime<Utc>,
    stale: DateTime<Utc>,
) -> Result<Interview> {
    #[derive(sqlx::FromRow)]
    struct Opened {
        #[sqlx(flatten)]
        row: InterviewRow,
        touched_at: Option<DateTime<Utc>>,
    }
    let select = format!("{INTERVIEW_COLUMNS}, (SELECT opened_at FROM touched) AS touched_at");
    let opened: Opened = read_opening(executor, &select, id, owner, now, stale).await?;
    let mut interview = Interview::try_from(opened.row)?;
    if let Some(touched_at) = opened.touched_at {
        interview.opened_at = touched_at;
    }
    Ok(interview)
}

/// Reads `select` from the owner's interview `id` (the table as `i`) in the statement that
/// opens it (see [`open`]); `touched.opened_at` is the new opening when this one moved it.
/// The SELECT sees the row as it was before the UPDATE of its own statement, hence `touched`.
pub(crate) async fn read_opening<'e, O>(
    executor: impl PgExecutor<'e>,
    select: &str,
    id: InterviewId,
    owner: &OwnerKey,
    now: DateTime<Utc>,
    stale: DateTime<Utc>,
) -> Result<O>
where
    O: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow> + Send + Unpin,
{
    let sql = format!(
        "WITH touched AS (
             UPDATE interviews SET opened_at = $3
             WHERE id = $1 AND owner_key = $2 AND opened_at < $4
             RETURNING opened_at
         )
         SELECT {select} FROM interviews i WHERE i.id = $1 AND i.owner_key = $2"
    );
    sqlx::query_as(&sql)
        .bind(id.0)
        .bind(owner.as_bytes())
        .bind(now)
        .bind(stale)
        .fetch_optional(executor)
        .await?
        .ok_or(Error::NotFound)
}

/// Whether a read holds the row until the transaction ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lock {
    None,
    /// `FOR UPDATE`: the caller checks a transition and applies it before anyone else can.
    ForUpdate,
}

/// The interview `id`; with `owner`, only if it is theirs (someone else's is
/// [`Error::NotFound`], like a missing one). Without, for callers that checked the owner.
pub(crate) async fn load<'e>(
    executor: impl PgExecutor<'e>,
    id: InterviewId,
    owner: Option<&OwnerKey>,
    lock: Lock,
) -> Result<Interview> {
    let owned = if owner.is_some() {
        " AND owner_key = $2"
    } else {
        ""
    };
    let locked = if lock == Lock::ForUpdate {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = format!("SELECT {INTERVIEW_COLUMNS} FROM interviews WHERE id = $1{owned}{locked}");
    let mut query = sqlx::query_as::<_, InterviewRow>(&sql).bind(id.0);
    if let Some(owner) = owner {
        query = query.bind(owner.as_bytes());
    }
    query
        .fetch_optional(executor)
        .await?
        .ok_or(Error::NotFound)?
        .try_into()
}

/// Moves the interview to `status` (the transition checked by the caller).
pub(crate) async fn set_status<'e>(
    executor: impl PgExecutor<'e>,
    id: InterviewId,
    status: InterviewStatus,
) -> Result<()> {
    sqlx::query("UPDATE interviews SET status = $2, updated_at = now() WHERE id = $1")
        .bind(id.0)
        .bind(status.as_str())
        .execute(executor)
        .await?;
    Ok(())
}
