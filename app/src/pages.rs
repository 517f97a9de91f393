//! One module per route.

mod feedback;
mod home;
mod interview;
mod new_interview;
mod share;

pub use feedback::FeedbackRoute;
pub use home::HomePage;
pub use interview::InterviewRoute;
pub use new_interview::NewInterviewRoute;
pub use share::ShareRoute;
