//! Your data, yours to take: the export of everything an owner has, and the one-time codes
//! that move it to another browser (re-keyed to a fresh token, so the old one holds nothing).

use chrono::TimeDelta;
use domain::{Export, ExportedInterview, InterviewStatus, Moved, NewMoveCode, MOVE_CODE_MINUTES};
use rand::Rng;

use crate::identity::token_hash;
use crate::{Error, OwnerKey, OwnerToken, Result, Services};

/// Code letters: no 0/O or 1/I/L, so a code read aloud or retyped survives.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// 16 of 31 symbols: 79 bits, and a code lives minutes behind a rate limit.
const CODE_LENGTH: usize = 16;

impl Services {
    /// Everything `owner` has, newest interview first. Reading it is not opening each
    /// interview: the retention dates stay.
    pub async fn export(&self, owner: &OwnerKey) -> Result<Export> {
        let mut interviews = Vec::new();
        for summary in self.interviews.list(owner).await? {
            let id = summary.id;
            let mut interview = crate::interviews::row::load(
                &self.pool,
                id,
                Some(owner),
                crate::interviews::row::Lock::None,
            )
            .await?;
            interview.expires_at = summary.expires_at;
            let practice = match interview.status {
                InterviewStatus::Completed => Some(self.attempts.for_interview(owner, id).await?),
                _ => None,
            };
            interviews.push(ExportedInterview {
                interview,
                documents: self.documents.list(owner, id).await?,
                transcript: self.engine.transcript(owner, id).await?,
                report: self.reports.stored_report(id).await?,
                practice,
                share_links: self.shares.list(owner, id).await?,
            });
        }
        Ok(Export {
            exported_at: self.retention.now(),
            interviews,
        })
    }

    /// A code that moves `owner`'s history to the browser that redeems it, within
    /// [`MOVE_CODE_MINUTES`], once. `public_url` prefixes its page's address ("" for a path).
    pub async fn create_move_code(
        &self,
        owner: &OwnerKey,
        public_url: &str,
    ) -> Result<NewMoveCode> {
        let code = new_code();
        let expires_at = self.retention.now() + TimeDelta::minutes(MOVE_CODE_MINUTES);
        // Codes that expired unused are of no use to anyone.
        sqlx::query("DELETE FROM move_codes WHERE expires_at < $1")
            .bind(self.retention.now())
            .execute(&self.pool)
            .await?;
        sqlx::query(
            "INSERT INTO move_codes (code_hash, owner_key, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(token_hash(&normalise(&code)).as_slice())
        .bind(owner.as_bytes())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        tracing::info!("move code created");
        Ok(NewMoveCode {
            url: format!("{public_url}/move/{code}"),
            code,
            expires_at,
        })
    }

    /// Moves the history of the code's maker, and what `receiver` already has, to a fresh
    /// token for the receiving browser. The code is used up; the maker's token and the
    /// receiver's old one own nothing afterwards. An unknown, used or expired code is
    /// [`Error::NotFound`].
    pub async fn redeem_move_code(
        &self,
        code: &str,
        receiver: &OwnerKey,
    ) -> Result<(OwnerToken, Moved)> {
        let mut tx = self.pool.begin().await?;
        let maker: Option<Vec<u8>> = sqlx::query_scalar(
            "DELETE FROM move_codes WHERE code_hash = $1 AND expires_at >= $2 RETURNING owner_key",
        )
        .bind(token_hash(&normalise(code)).as_slice())
        .bind(self.retention.now())
        .fetch_optional(&mut *tx)
        .await?;
        let maker = maker.ok_or(Error::NotFound)?;
        let token = OwnerToken::generate();
        let moved = sqlx::query(
            "UPDATE interviews SET owner_key = $1 WHERE owner_key = $2 OR owner_key = $3",
        )
        .bind(token.key().as_bytes())
        .bind(&maker)
        .bind(receiver.as_bytes())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        // Codes the maker made before: they would move nothing now.
        sqlx::query("DELETE FROM move_codes WHERE owner_key = $1")
            .bind(&maker)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::info!(interviews = moved, "history moved to another browser");
        Ok((token, Moved { interviews: moved }))
    }
}

fn new_code() -> String {
    let mut rng = rand::rng();
    let symbols: Vec<char> = (0..CODE_LENGTH)
        .map(|_| char::from(CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())]))
        .collect();
    symbols
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What a code is compared by: upper case, no dashes or spaces.
fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_four_groups_of_four_unambiguous_symbols() {
        let code = new_code();
        assert_eq!(code.len(), 19);
        assert!(code
            .split('-')
            .all(|group| group.len() == 4 && group.bytes().all(|b| CODE_ALPHABET.contains(&b))));
        assert_ne!(new_code(), code);
    }

    #[test]
    fn a_code_may_be_typed_in_lower_case_with_spaces() {
        assert_eq!(normalise("abcd-efgh ijkl mnop"), "ABCDEFGHIJKLMNOP");
    }
}
