//! One module per route.

mod feedback;
mod home;
mod interview;
mod new_interview;
mod share;

pub use feedback::FeedbackPage;
pub use home::HomePage;
pub use interview::InterviewPage;
pub use new_interview::NewInterviewPage;
pub use share::SharePage;
