//! The document service: stores an interview's CV and job description, keeps the interview's
//! status in step (ready once both texts are long enough), and refuses changes once the
//! interview has started.

use chrono::{DateTime, Utc};
use domain::{Document, DocumentKind, InterviewId, InterviewStatus, MIN_DOCUMENT_CHARS};
use sha2::{Digest, Sha256};
use sqlx::{PgPool, Postgres, Transaction};

use crate::{Error, OwnerKey, Result};
use intake::worker::Extractor;
use intake::{content_warnings, pasted, DocumentError, Extracted};

#[derive(Clone, Debug)]
pub struct DocumentService {
    pool: PgPool,
    extractor: Extractor,
    max_upload_bytes: usize,
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    kind: String,
    file_name: Option<String>,
    detected_type: String,
    #[sqlx(try_from = "i64")]
    size_bytes: u64,
    extracted_text: String,
    edited_text: Option<String>,
    warnings: sqlx::types::Json<Vec<String>>,
    updated_at: DateTime<Utc>,
}

const DOCUMENT_COLUMNS: &str =
    "kind, file_name, detected_type, size_bytes, extracted_text, edited_text, warnings, updated_at";

impl TryFrom<DocumentRow> for Document {
    type Error = Error;

    fn try_from(row: DocumentRow) -> Result<Document> {
        let kind = row
            .kind
            .parse()
            .map_err(|e: String| Error::Database(sqlx::Error::Decode(e.into())))?;
        let edited = row.edited_text.is_some();
        let text = row.edited_text.unwrap_or(row.extracted_text);
        let mut warnings = row.warnings.0;
        warnings.extend(content_warnings(&text));
        Ok(Document {
            kind,
            detected_type: row.detected_type,
            file_name: row.file_name,
            size_bytes: row.size_bytes,
            text,
            edited,
            warnings,
            updated_at: row.updated_at,
        })
    }
}

/// A document about to be stored: where it came from and what was read from it.
struct Incoming<'a> {
    file_name: Option<String>,
    bytes: &'a [u8],
    extracted: Extracted,
}

impl DocumentService {
    pub fn new(pool: PgPool, extractor: Extractor, max_upload_bytes: usize) -> Self {
        Self {
            pool,
            extractor,
            max_upload_bytes,
        }
    }

    /// The largest file [`upload`](Self::upload) accepts (`MAX_UPLOAD_BYTES`). Adapters that
    /// stream an upload refuse it as soon as it passes this.
    pub fn max_upload_bytes(&self) -> usize {
        self.max_upload_bytes
    }

    /// Reads an uploaded file (in the extraction worker) and stores it as the interview's
    /// `kind` document, replacing any earlier one.
    pub async fn upload(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        kind: DocumentKind,
        file_name: Option<&str>,
        bytes: Vec<u8>,
    ) -> Result<Document> {
        if bytes.len() > self.max_upload_bytes {
            return Err(DocumentError::TooLarge {
                limit_bytes: self.max_upload_bytes as u64,
            }
            .into());
        }
        // Check first, so nobody can make the server extract files for an interview that is
        // not theirs or can no longer change.
        self.lock_editable(&mut self.pool.begin().await?, owner, id)
            .await?;
        let extracted = self.extractor.extract(bytes.clone()).await?;
        let incoming = Incoming {
            file_name: file_name.and_then(clean_file_name),
            bytes: &bytes,
            extracted,
        };
        self.store(owner, id, kind, incoming).await
    }

    /// Stores pasted text as the interview's `kind` document, replacing any earlier one.
    pub async fn paste(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        kind: DocumentKind,
        text: &str,
    ) -> Result<Document> {
        let extracted = pasted(text)?;
        let incoming = Incoming {
            file_name: None,
            bytes: text.as_bytes(),
            extracted,
        };
        self.store(owner, id, kind, incoming).await
    }

    /// Replaces the text the interviewer will read with the user's correction. Correcting
    /// it back to exactly the extracted text drops the correction.
    pub async fn correct(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        kind: DocumentKind,
        text: &str,
    ) -> Result<Document> {
        let corrected = pasted(text)?;
        let mut tx = self.pool.begin().await?;
        self.lock_editable(&mut tx, owner, id).await?;
        let row: Option<DocumentRow> = sqlx::query_as(&format!(
            "UPDATE documents
             SET edited_text = NULLIF($3, extracted_text), updated_at = now()
             WHERE interview_id = $1 AND kind = $2
             RETURNING {DOCUMENT_COLUMNS}"
        ))
        .bind(id.0)
        .bind(kind.as_str())
        .bind(&corrected.text)
        .fetch_optional(&mut *tx)
        .await?;
        let row = row.ok_or(Error::NotFound)?;
        update_status(&mut tx, id).await?;
        if kind == DocumentKind::JobDescription {
            follow_job_language(&mut tx, id, &corrected.text).await?;
        }
        tx.commit().await?;
        tracing::info!(interview_id = %id, kind = %kind, "document corrected");
        row.try_into()
    }

    pub async fn get(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        kind: DocumentKind,
    ) -> Result<Document> {
        let row: Option<DocumentRow> = sqlx::query_as(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents
             WHERE interview_id = $1 AND kind = $3
               AND interview_id IN (SELECT id FROM interviews WHERE owner_key = $2)"
        ))
        .bind(id.0)
        .bind(owner.as_bytes())
        .bind(kind.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.ok_or(Error::NotFound)?.try_into()
    }

    /// The interview's documents (none, one or both), CV first.
    pub async fn list(&self, owner: &OwnerKey, id: InterviewId) -> Result<Vec<Document>> {
        let rows: Vec<DocumentRow> = sqlx::query_as(&format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents
             WHERE interview_id = $1
               AND interview_id IN (SELECT id FROM interviews WHERE owner_key = $2)
             ORDER BY kind"
        ))
        .bind(id.0)
        .bind(owner.as_bytes())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Document::try_from).collect()
    }

    async fn store(
        &self,
        owner: &OwnerKey,
        id: InterviewId,
        kind: DocumentKind,
        incoming: Incoming<'_>,
    ) -> Result<Document> {
        let mut tx = self.pool.begin().await?;
        self.lock_editable(&mut tx, owner, id).await?;
        let sha256 = Sha256::digest(incoming.bytes);
        let row: DocumentRow = sqlx::query_as(&format!(
            "INSERT INTO documents
                 (interview_id, kind, file_name, detected_type, size_bytes, sha256, extracted_text, warnings)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (interview_id, kind) DO UPDATE SET
                 file_name = EXCLUDED.file_name, detected_type = EXCLUDED.detected_type,
                 size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256,
                 extracted_text = EXCLUDED.extracted_text, edited_text = NULL,
                 warnings = EXCLUDED.warnings, updated_at = now()
             RETURNING {DOCUMENT_COLUMNS}"
        ))
        .bind(id.0)
        .bind(kind.as_str())
        .bind(&incoming.file_name)
        .bind(incoming.extracted.file_type.as_str())
        .bind(i64::try_from(incoming.bytes.len()).unwrap_or(i64::MAX))
        .bind(sha256.as_slice())
        .bind(&incoming.extracted.text)
        .bind(sqlx::types::Json(&incoming.extracted.warnings))
        .fetch_one(&mut *tx)
        .await?;
        update_status(&mut tx, id).await?;
        if kind == DocumentKind::JobDescription {
            follow_job_language(&mut tx, id, &incoming.extracted.text).await?;
        }
        tx.commit().await?;
        tracing::info!(
            interview_id = %id,
            kind = %kind,
            detected_type = incoming.extracted.file_type.as_str(),
            bytes = incoming.bytes.len(),
            "document stored"
        );
        row.try_into()
    }

    /// Locks the interview row for this transaction; NotFound unless `owner` owns it, and a
    /// conflict once the interview has started (its documents are then part of the record).
    async fn lock_editable(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        owner: &OwnerKey,
        id: InterviewId,
    ) -> Result<()> {
        let status: Option<String> = sqlx::query_scalar(
            "SELECT status FROM interviews WHERE id = $1 AND owner_key = $2 FOR UPDATE",
        )
        .bind(id.0)
        .bind(owner.as_bytes())
        .fetch_optional(&mut **tx)
        .await?;
        match status.ok_or(Error::NotFound)?.parse::<InterviewStatus>() {
            Ok(InterviewStatus::NotReady | InterviewStatus::Ready) => Ok(()),
            _ => Err(Error::Conflict(
                "This interview has started, so its documents can no longer change. Start a new interview to use other documents.".into(),
            )),
        }
    }
}

/// Ready when both documents hold enough text; not ready otherwise.
async fn update_status(tx: &mut Transaction<'_, Postgres>, id: InterviewId) -> Result<()> {
    sqlx::query(
        "UPDATE interviews SET
             status = CASE WHEN (
                 SELECT count(*) FROM documents
                 WHERE interview_id = $1
                   AND length(COALESCE(edited_text, extracted_text)) >= $2
             ) = 2 THEN 'ready' ELSE 'not_ready' END,
             updated_at = now()
         WHERE id = $1 AND status IN ('not_ready', 'ready')",
    )
    .bind(id.0)
    .bind(i32::try_from(MIN_DOCUMENT_CHARS).unwrap_or(i32::MAX))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An interview whose language the user has not chosen is held in its job description's.
async fn follow_job_language(
    tx: &mut Transaction<'_, Postgres>,
    id: InterviewId,
    job_text: &str,
) -> Result<()> {
    let language = text::language::detect_language(job_text);
    sqlx::query("UPDATE interviews SET language = $2 WHERE id = $1 AND NOT language_chosen")
        .bind(id.0)
        .bind(language.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The last path component, without control characters, at most 255 characters; browsers
/// send a bare name, other clients may not.
fn clean_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(255).collect();
    let cleaned = cleaned.trim();
    (!cleaned.is_empty()).then(|| cleaned.to_owned())
}

/// The texts an interviewer or a report reads: the CV and the job description, the user's
/// corrections winning over the extracted text; empty when missing.
pub(crate) struct InterviewTexts {
    pub cv: String,
    pub job_description: String,
}

pub(crate) async fn texts(pool: &PgPool, id: InterviewId) -> Result<InterviewTexts> {
    let documents: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, COALESCE(edited_text, extracted_text) FROM documents WHERE interview_id = $1",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    let text_of = |kind: DocumentKind| {
        documents
            .iter()
            .find(|(k, _)| k == kind.as_str())
            .map(|(_, text)| text.clone())
            .unwrap_or_default()
    };
    Ok(InterviewTexts {
        cv: text_of(DocumentKind::Cv),
        job_description: text_of(DocumentKind::JobDescription),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\me\\CV.pdf").as_deref(),
            Some("CV.pdf")
        );
        assert_eq!(
            clean_file_name("../../etc/passwd").as_deref(),
            Some("passwd")
        );
        assert_eq!(
            clean_file_name("cv\u{0}\n.docx").as_deref(),
            Some("cv.docx")
        );
        assert_eq!(clean_file_name("  "), None);
        assert_eq!(
            clean_file_name(&"a".repeat(300)).map(|n| n.len()),
            Some(255)
        );
    }
}
