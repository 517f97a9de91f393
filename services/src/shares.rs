//! Share links: read-only views of a report. A token carries 256 random bits and is shown
//! once, when made; the database keeps its SHA-256, so a leaked table opens nothing. A revoked
//! or unknown token is simply not found.

use chrono::{DateTime, Utc};
use domain::{InterviewId, NewShareLink, ShareLink, SharedReport};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::KeptConnection;
use crate::identity::{random_token, token_hash};
use crate::reports::ReportService;
use crate::retention::Retention;
use crate::{Error, OwnerKey, Result};

#[derive(Clone, Debug)]
pub struct ShareService {
    pool: PgPool,
    reports: ReportService,
    retention: Retention,
    /// For [`Self::changes`], read on every view of a cached share page.
    kept: KeptConnection,
}

/// When what a live share link's page shows last changed: read for every view, a cache of the
/// page is keyed by it. A revoked link has none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SharedChanges {
    pub link: Uuid,
    pub interview: InterviewId,
    pub updated_at: DateTime<Utc>,
    /// Its owner's last opening, which sets the day the link goes with the interview.
    pub opened_at: DateTime<Utc>,
    /// When the report was written.
    pub report_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct ShareRow {
    id: Uuid,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<ShareRow> for ShareLink {
    fn from(row: ShareRow) -> Self {
        ShareLink {
            id: row.id,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
    }
}

impl ShareService {
    pub fn new(pool: PgPool, reports: ReportService, retention: Retention) -> Self {
        Self {
            kept: KeptConnection::new(pool.clone()),
            pool,
            reports,
            retention,
        }
    }

    /// Makes a link to the owner's report (its `url` is the path on this site); there must be
    /// a report to share.
    pub async fn create(&self, owner: &OwnerKey, id: InterviewId) -> Result<NewShareLink> {
        self.owned(owner, id).await?;
        if self.reports.stored_report(id).await?.is_none() {
            return Err(Error::Conflict(
                "There is no report to share yet: wait until your feedback is ready.".into(),
            ));
        }
        let token = random_token();
        let share_id = Uuid::new_v4();
        sqlx::query("INSERT INTO share_links (id, interview_id, token_hash) VALUES ($1, $2, $3)")
            .bind(share_id)
            .bind(id.0)
            .bind(token_hash(&token).as_slice())
            .execute(&self.pool)
            .await?;
        tracing::info!(interview_id = %id, share_id = %share_id, "share link created");
        Ok(NewShareLink {
            id: share_id,
            url: format!("/share/{token}"),
            token,
        })
    }

    /// The owner's links to one interview, newest first, revoked ones included.
    pub async fn list(&self, owner: &OwnerKey, id: InterviewId) -> Result<Vec<ShareLink>> {
        self.owned(owner, id).await?;
        let rows: Vec<ShareRow> = sqlx::query_as(
            "SELECT id, created_at, revoked_at FROM share_links
             WHERE interview_id = $1 ORDER BY created_at DESC, id",
        )
        .bind(id.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(ShareLink::from).collect())
    }

    /// Stops a link working, at once. Revoking twice is fine; someone else's link is not found.
    pub async fn revoke(&self, owner: &OwnerKey, id: InterviewId, share_id: Uuid) -> Result<()> {
        self.owned(owner, id).await?;
        let found = sqlx::query(
            "UPDATE share_links SET revoked_at = COALESCE(revoked_at, now())
             WHERE id = $1 AND interview_id = $2",
        )
        .bind(share_id)
        .bind(id.0)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if found == 0 {
            return Err(Error::NotFound);
        }
        tracing::info!(interview_id = %id, share_id = %share_id, "share link revoked");
        Ok(())
    }

    /// The report behind a live token, for anyone who has it.
    pub async fn open(&self, token: &str) -> Result<SharedReport> {
        // Tokens are 43 characters; anything else is not worth a query.
        if token.len() != 43 {
            return Err(Error::NotFound);
        }
        let found: Option<(Uuid, String, String, DateTime<Utc>)> = sqlx::query_as(
            "SELECT i.id, i.job_title, i.company, i.opened_at FROM share_links s
             JOIN interviews i ON i.id = s.interview_id
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL",
        )
        .bind(token_hash(token).as_slice())
        .fetch_optional(&self.pool)
        .await?;
        // Opening a shared report is not its owner opening the interview: the date stays.
        let (interview_id, job_title, company, opened_at) = found.ok_or(Error::NotFound)?;
        let mut report = self
            .reports
            .stored_report(InterviewId(interview_id))
            .await?
            .ok_or(Error::NotFound)?;
        // CV tips quote the CV ("before" lines): a shared report never shows the CV.
        report.cv_tips.clear();
        Ok(SharedReport {
            job_title,
            company,
            report,
            expires_at: self.retention.expiry(opened_at),
        })
    }

    /// When what the page of the live link `token` shows last changed; [`Error::NotFound`]
    /// as [`Self::open`]. Visitors do not open the interview: nothing is written.
    pub async fn changes(&self, token: &str) -> Result<SharedChanges> {
        if token.len() != 43 {
            return Err(Error::NotFound);
        }
        #[derive(sqlx::FromRow)]
        struct ChangesRow {
            link: Uuid,
            interview: Uuid,
            updated_at: DateTime<Utc>,
            opened_at: DateTime<Utc>,
            report_at: Option<DateTime<Utc>>,
        }
        let hash = token_hash(token);
        let row = sqlx::query_as::<_, ChangesRow>(
            "SELECT s.id AS link, i.id AS interview, i.updated_at, i.opened_at,
                    (SELECT created_at FROM reports WHERE interview_id = i.id) AS report_at
             FROM share_links s JOIN interviews i ON i.id = s.interview_id
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL",
        )
        .bind(hash.as_slice());
        let mut connection = self.kept.take().await?;
        let row = row.fetch_optional(&mut *connection).await?;
        self.kept.keep(connection);
        let row = row.ok_or(Error::NotFound)?;
        Ok(SharedChanges {
            link: row.link,
            interview: InterviewId(row.interview),
            updated_at: row.updated_at,
            opened_at: row.opened_at,
            report_at: row.report_at,
        })
    }

    async fn owned(&self, owner: &OwnerKey, id: InterviewId) -> Result<()> {
        let exists: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM interviews WHERE id = $1 AND owner_key = $2")
                .bind(id.0)
                .bind(owner.as_bytes())
                .fetch_optional(&self.pool)
                .await?;
        exists.map(|_| ()).ok_or(Error::NotFound)
    }
}
