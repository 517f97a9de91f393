//! Words, before any judgement of them: the layer under the answer analysis, the offline coach
//! and document intake. Pure functions over text, no I/O.
//!
//! - `tokens`: the words of a text with their places and clause breaks; `top_words`: stop
//!   words and the most used words; `stems`: crude stems for comparing what two texts are
//!   about; `words`: word search, clipping, similarity and the shape of a question.
//! - `vocabulary`: the skills and tools the coach knows by name, by category.
//! - `names`, `experience`, `requirements`: named terms, roles and employers, and a job
//!   description's requirement lines; `profile` reads a CV and a job description into the
//!   [`profile::Profile`] everything else is asked against.
//! - `language`: which of the four languages a text is written in.
//! - `controls` and `injection`: characters that never belong in stored text, and text
//!   written to instruct an AI.

pub mod controls;
pub mod experience;
pub mod injection;
pub mod language;
pub mod names;
pub mod numbers;
pub mod profile;
pub mod requirements;
pub mod stems;
mod stop_words;
pub mod tokens;
pub mod top_words;
pub mod vocabulary;
pub mod words;

/// The corpus's documents, for tests.
#[cfg(test)]
mod test_corpus {
    use std::path::Path;

    /// The text of `testdata/corpus/{kind}/{folder}` as extracted (`ground_truth.txt`).
    pub(crate) fn text_of(kind: &str, folder: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testdata/corpus")
            .join(kind)
            .join(folder)
            .join("ground_truth.txt");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}
