//! When each thing an interview's pages show last changed, read by its owner in the one
//! statement that also records the opening (as every owner's read does, for retention). A
//! cache of those pages is keyed by it: two reads that give the same [`InterviewChanges`] saw
//! the same interview, transcript, report, share links and practice attempts.

use chrono::{DateTime, Utc};
use domain::{InterviewId, InterviewStatus};
use sqlx::PgExecutor;

use crate::error::corrupt;
use crate::{OwnerKey, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InterviewChanges {
    pub id: InterviewId,
    pub status: InterviewStatus,
    /// The interview's last change (its status, answers, language…).
    pub updated_at: DateTime<Utc>,
    /// The owner's last opening, which sets the day it is kept until.
    pub opened_at: DateTime<Utc>,
    /// When its report was written; `None` until it is.
    pub report_at: Option<DateTime<Utc>>,
    /// Its share links: how many, how many revoked, and the last made or revoked (a revoke
    /// and a new link racing can leave that time as it was, not the counts).
    pub share_links: (i64, i64, Option<DateTime<Utc>>),
    /// Its practice attempts: how many, and the last.
    pub attempts: (i64, Option<DateTime<Utc>>),
}

#[derive(sqlx::FromRow)]
struct ChangesRow {
    status: String,
    updated_at: DateTime<Utc>,
    opened_at: DateTime<Utc>,
    report_at: Option<DateTime<Utc>>,
    share_links: i64,
    share_links_revoked: i64,
    share_links_at: Option<DateTime<Utc>>,
    attempts: i64,
    attempts_at: Option<DateTime<Utc>>,
}

/// The owner's interview `id`'s changes, opened now (see [`super::row::open`]).
pub(crate) async fn open<'e>(
    executor: impl PgExecutor<'e>,
    id: InterviewId,
    owner: &OwnerKey,
    now: DateTime<Utc>,
    stale: DateTime<Utc>,
) -> Result<InterviewChanges> {
    let select = "i.status, i.updated_at,
         COALESCE((SELECT opened_at FROM touched), i.opened_at) AS opened_at,
         (SELECT created_at FROM reports WHERE interview_id = i.id) AS report_at,
         (SELECT count(*) FROM share_links WHERE interview_id = i.id) AS share_links,
         (SELECT count(revoked_at) FROM share_links
          WHERE interview_id = i.id) AS share_links_revoked,
         (SELECT max(GREATEST(created_at, revoked_at)) FROM share_links
          WHERE interview_id = i.id) AS share_links_at,
         (SELECT count(*) FROM attempts WHERE interview_id = i.id) AS attempts,
         (SELECT max(created_at) FROM attempts WHERE interview_id = i.id) AS attempts_at";
    let row: ChangesRow = super::row::read_opening(executor, select, id, owner, now, stale).await?;
    Ok(InterviewChanges {
        id,
        status: row.status.parse().map_err(corrupt)?,
        updated_at: row.updated_at,
        opened_at: row.opened_at,
        report_at: row.report_at,
        share_links: (row.share_links, row.share_links_revoked, row.share_links_at),
        attempts: (row.attempts, row.attempts_at),
    })
}
