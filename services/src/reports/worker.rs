//! A background worker: claims feedback jobs one at a time and writes their reports. Every
//! server instance runs `FEEDBACK_WORKERS` of them; the database decides who gets which job.

use std::time::Duration;

use domain::InterviewId;
use sqlx::PgPool;
use uuid::Uuid;

use crate::reports::{input, ReportService, LEASE, MAX_ATTEMPTS};
use crate::Result;
use coach::report::WrittenReport;

/// How often an idle worker looks for jobs queued by other instances or left by dead ones.
const POLL: Duration = Duration::from_secs(2);

impl ReportService {
    /// Runs until `shutdown` resolves: a job in hand is finished first.
    pub async fn run_worker(self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            match self.work_once().await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(error) => tracing::error!(%error, "feedback worker could not claim a job"),
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = self.queued.notified() => {}
                () = tokio::time::sleep(POLL) => {}
            }
        }
    }

    /// Claims and writes one job; `false` when there was none to claim.
    pub async fn work_once(&self) -> Result<bool> {
        let Some(id) = claim(&self.pool).await? else {
            return Ok(false);
        };
        tracing::info!(interview_id = %id, "writing feedback");
        let written = self.write(id).await;
        let outcome = if written.is_ok() { "written" } else { "failed" };
        metrics::counter!("feedback_jobs_total", "outcome" => outcome).increment(1);
        if let Err(error) = written {
            tracing::error!(interview_id = %id, %error, "feedback failed");
            let _ = sqlx::query(
                "UPDATE feedback_jobs
                 SET status = CASE WHEN attempts >= $2 THEN 'failed' ELSE 'queued' END,
                     lease_until = NULL, last_error = $3, updated_at = now()
                 WHERE interview_id = $1 AND status = 'running'",
            )
            .bind(id.0)
            .bind(MAX_ATTEMPTS)
            .bind(error.to_string())
            .execute(&self.pool)
            .await;
        }
        Ok(true)
    }

    async fn write(&self, id: InterviewId) -> Result<()> {
        set_progress(&self.pool, id, 10, "Reading your answers").await?;
        let input = input::load(&self.pool, id).await?;
        let pool = self.pool.clone();
        let WrittenReport {
            report,
            offline_parts,
        } = self
            .writer
            .write(id, &input, |progress, stage| {
                let pool = pool.clone();
                async move { set_progress(&pool, id, progress, &stage).await }
            })
            .await?;
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO reports (interview_id, report, provider, model, prompt_version, offline_parts)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (interview_id) DO NOTHING",
        )
        .bind(id.0)
        .bind(sqlx::types::Json(&report))
        .bind(&report.generated_by.provider)
        .bind(&report.generated_by.model)
        .bind(&report.generated_by.prompt_version)
        .bind(offline_parts.iter().map(ToString::to_string).collect::<Vec<_>>())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE feedback_jobs SET status = 'done', progress = 100, stage = 'Ready',
                 lease_until = NULL, updated_at = now()
             WHERE interview_id = $1",
        )
        .bind(id.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(
            interview_id = %id,
            provider = %report.generated_by.provider,
            offline_parts = offline_parts.len(),
            "feedback stored"
        );
        Ok(())
    }
}

/// Takes the oldest queued job, or a running one whose lease ran out, for this worker. A job
/// whose lease ran out on its last attempt is failed instead: a job that brings its server
/// down each time would otherwise be taken over for ever.
async fn claim(pool: &PgPool) -> Result<Option<InterviewId>> {
    sqlx::query(
        "UPDATE feedback_jobs
         SET status = 'failed', lease_until = NULL, updated_at = now(),
             last_error = 'the writer stopped without finishing, ' || attempts || ' times'
         WHERE status = 'running' AND lease_until < now() AND attempts >= $1",
    )
    .bind(MAX_ATTEMPTS)
    .execute(pool)
    .await?;
    let claimed: Option<Uuid> = sqlx::query_scalar(
        "UPDATE feedback_jobs
         SET status = 'running', attempts = attempts + 1, stage = 'Starting',
             lease_until = now() + make_interval(secs => $1), updated_at = now()
         WHERE interview_id = (
             SELECT interview_id FROM feedback_jobs
             WHERE status = 'queued'
                OR (status = 'running' AND lease_until < now() AND attempts < $2)
             ORDER BY created_at
             LIMIT 1
             FOR UPDATE SKIP LOCKED
         )
         RETURNING interview_id",
    )
    .bind(LEASE.as_secs_f64())
    .bind(MAX_ATTEMPTS)
    .fetch_optional(pool)
    .await?;
    Ok(claimed.map(InterviewId))
}

/// Shows progress to the waiting page and renews the lease.
async fn set_progress(pool: &PgPool, id: InterviewId, progress: u8, stage: &str) -> Result<()> {
    sqlx::query(
        "UPDATE feedback_jobs
         SET progress = $2, stage = $3, lease_until = now() + make_interval(secs => $4),
             updated_at = now()
         WHERE interview_id = $1 AND status = 'running'",
    )
    .bind(id.0)
    .bind(i16::from(progress))
    .bind(stage)
    .bind(LEASE.as_secs_f64())
    .execute(pool)
    .await?;
    Ok(())
}
