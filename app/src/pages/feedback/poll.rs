//! Browser-only: asks for the feedback about once a second until the report is ready or its
//! writing failed. Asking is idempotent, so a reload or a second tab changes nothing.

use std::time::Duration;

use domain::{InterviewId, Report, ReportJobStatus, ReportProgress};
use leptos::prelude::*;

use crate::server_fns::{request_feedback, PageFeedback};
use crate::AppError;

pub const INTERVAL: Duration = Duration::from_secs(1);
/// Slower while the server cannot be reached, so a dropped connection is not hammered.
const OFFLINE_INTERVAL: Duration = Duration::from_secs(5);

/// The page's signals the answers go into.
#[derive(Clone, Copy)]
pub struct Watched {
    pub report: RwSignal<Option<Report>>,
    pub progress: RwSignal<Option<ReportProgress>>,
    pub error: RwSignal<Option<String>>,
}

impl Watched {
    /// The page was left: nothing more to do.
    fn gone(&self) -> bool {
        self.report.is_disposed() || self.progress.is_disposed() || self.error.is_disposed()
    }
}

/// Asks after `delay`, then again until there is a final answer.
pub fn watch(id: InterviewId, watched: Watched, delay: Duration) {
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                if watched.gone() {
                    return;
                }
                let answer = request_feedback(id).await;
                if watched.gone() {
                    return;
                }
                match answer {
                    Ok(PageFeedback::Ready(report)) => {
                        watched.error.set(None);
                        watched.report.set(Some(*report));
                    }
                    Ok(PageFeedback::Pending(progress)) => {
                        watched.error.set(None);
                        let going_on = progress.status != ReportJobStatus::Failed;
                        watched.progress.set(Some(progress));
                        if going_on {
                            watch(id, watched, INTERVAL);
                        }
                    }
                    // Asked too often (several tabs polling): say so, and ask again when
                    // the server says we may.
                    Err(AppError::RateLimited {
                        retry_after_secs,
                        message,
                    }) => {
                        watched.error.set(Some(message));
                        watch(id, watched, Duration::from_secs(retry_after_secs.max(1)));
                    }
                    Err(AppError::Transport(_)) => {
                        watched.error.set(Some(
                            "We lost the connection to the server. Still trying…".to_owned(),
                        ));
                        watch(id, watched, OFFLINE_INTERVAL);
                    }
                    Err(other) => watched.error.set(Some(other.to_string())),
                }
            });
        },
        delay,
    );
}
