//! The anonymous owner identity. The browser holds a random token in an HttpOnly cookie; the
//! database only ever sees its SHA-256, so a database leak does not hand out sessions.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Random bytes in a token: 256 bits, far beyond guessing.
const TOKEN_BYTES: usize = 32;

/// The secret the browser keeps (base64url, no padding).
#[derive(Clone, PartialEq, Eq)]
pub struct OwnerToken(String);

impl OwnerToken {
    pub fn generate() -> Self {
        Self(random_token())
    }

    /// Accepts only what [`OwnerToken::generate`] produces; anything else is treated as absent
    /// so a tampered cookie simply gets a fresh identity.
    pub fn parse(value: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(value).ok()?;
        (bytes.len() == TOKEN_BYTES).then(|| Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn key(&self) -> OwnerKey {
        OwnerKey(token_hash(&self.0))
    }
}

/// A fresh secret: [`TOKEN_BYTES`] from the OS-seeded CSPRNG, base64url without padding. Owner
/// cookies and share links are both made of these.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a token: its SHA-256.
pub(crate) fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl std::fmt::Debug for OwnerToken {
    // Never print the secret, not even in debug logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OwnerToken(…)")
    }
}

/// The hash of an owner token: what rows are keyed by and what services receive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OwnerKey([u8; 32]);

impl OwnerKey {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_parse_and_differ() {
        let a = OwnerToken::generate();
        let b = OwnerToken::generate();
        assert_ne!(a, b);
        assert_eq!(OwnerToken::parse(a.as_str()), Some(a.clone()));
        assert_eq!(a.as_str().len(), 43);
        assert_ne!(a.key(), b.key());
        assert_eq!(a.key(), a.key());
    }

    #[test]
    fn malformed_tokens_are_rejected() {
        for bad in [
            "",
            "abc",
            "not base64 at all!!",
            &"A".repeat(44),
            &"A".repeat(42),
        ] {
            assert!(OwnerToken::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let token = OwnerToken::generate();
        assert!(!format!("{token:?}").contains(token.as_str()));
    }
}
