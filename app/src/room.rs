//! The interview room: the transcript so far, "Question k of N", the open question (streamed
//! as the interviewer writes it) and the answer box. An answer is sent with a client-generated id, kept until the server confirms,
//! so a retry after a lost response stores it once; the draft lives in local storage until
//! then, so a reload or a crash loses nothing. The answer bank's material for the open
//! question (`material`) can be inserted into the answer, never sent by itself.

#[cfg(feature = "hydrate")]
pub(crate) mod browser;
mod material;
#[cfg(feature = "hydrate")]
mod stream;
mod view;
#[cfg(feature = "hydrate")]
mod voice;
mod voice_controls;

pub use view::InterviewRoom;
