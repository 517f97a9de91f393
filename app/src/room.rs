//! The interview room: the transcript so far, "Question k of N", the open question (streamed
//! as the interviewer writes it) and the answer box. An answer is sent with a client-generated id, kept until the server confirms,
//! so a retry after a lost response stores it once; the draft lives in local storage until
//! then, so a reload or a crash loses nothing.

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod stream;
mod view;
#[cfg(feature = "hydrate")]
mod voice;
mod voice_controls;

pub use view::InterviewRoom;
