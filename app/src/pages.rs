//! One module per route.

mod home;
mod interview;
mod new_interview;

pub use home::HomePage;
pub use interview::InterviewPage;
pub use new_interview::NewInterviewPage;
