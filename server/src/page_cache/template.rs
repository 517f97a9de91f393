//! A rendered page with its nonce taken out, to be served again with a fresh one.
//!
//! Each render carries a random nonce (the Content-Security-Policy lets only scripts and
//! styles holding it run); a page served twice must not show the same nonce twice, so the
//! stored page keeps the text between the nonce's places and fills them anew for each view.

use axum::body::Bytes;

pub(super) struct NonceTemplate {
    /// The text around the nonce's places: one more part than places.
    parts: Vec<Bytes>,
    filled_len: usize,
}

impl NonceTemplate {
    /// `None` when the text holds no nonce: nothing would be renewed, so nothing is kept.
    pub(super) fn split(text: &str, nonce: &str) -> Option<Self> {
        if nonce.is_empty() || !text.contains(nonce) {
            return None;
        }
        let parts: Vec<Bytes> = text
            .split(nonce)
            .map(|part| Bytes::copy_from_slice(part.as_bytes()))
            .collect();
        let filled_len = parts.iter().map(Bytes::len).sum::<usize>();
        Some(Self { parts, filled_len })
    }

    /// The text with `nonce` in every place the render's nonce was.
    pub(super) fn fill(&self, nonce: &str) -> Vec<u8> {
        let places = self.parts.len() - 1;
        let mut filled = Vec::with_capacity(self.filled_len + places * nonce.len());
        for (index, part) in self.parts.iter().enumerate() {
            if index > 0 {
                filled.extend_from_slice(nonce.as_bytes());
            }
            filled.extend_from_slice(part);
        }
        filled
    }

    /// The bytes kept, for the cache's bound.
    pub(super) fn len(&self) -> usize {
        self.filled_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_place_of_the_nonce_gets_the_new_one() {
        let page = r#"<meta content="script-src 'nonce-AbC'"><script nonce="AbC">x</script>AbC"#;
        let template = NonceTemplate::split(page, "AbC").unwrap();
        let filled = String::from_utf8(template.fill("zz-9")).unwrap();
        assert_eq!(
            filled,
            r#"<meta content="script-src 'nonce-zz-9'"><script nonce="zz-9">x</script>zz-9"#
        );
        assert_eq!(template.parts.len(), 4);
    }

    #[test]
    fn a_text_without_the_nonce_is_not_kept() {
        assert!(NonceTemplate::split("<p>no scripts</p>", "AbC").is_none());
        assert!(NonceTemplate::split("<p>AbC</p>", "").is_none());
    }
}
