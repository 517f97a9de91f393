//! The first-token deadline of a question: a model that has not started its reply in time is
//! abandoned, so the next interviewer can still ask well inside the request's time limit. A
//! busy serial server (llama.cpp answers one request at a time) or a cold CPU model would
//! otherwise hold the interview until the client gives up.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use llm::{ChatReply, ProviderError};

/// Awaits `call`, a streamed call that sets `started` with its first text, unless no text has
/// come by `deadline`: then the call is dropped (closing its connection) and the result is
/// [`ProviderError::Timeout`]. Once text flows, the call runs to its own timeout.
pub(crate) async fn first_text_within(
    deadline: Duration,
    started: &AtomicBool,
    call: impl Future<Output = Result<ChatReply, ProviderError>>,
) -> Result<ChatReply, ProviderError> {
    tokio::pin!(call);
    let timer = tokio::time::sleep(deadline);
    tokio::pin!(timer);
    let mut deadline_passed = false;
    loop {
        tokio::select! {
            result = &mut call => return result,
            () = &mut timer, if !deadline_passed => {
                if !started.load(Ordering::Relaxed) {
                    return Err(ProviderError::Timeout);
                }
                deadline_passed = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply() -> ChatReply {
        ChatReply {
            text: "Why?".into(),
            model: "m".into(),
            input_tokens: None,
            output_tokens: None,
        }
    }

    #[tokio::test]
    async fn a_call_silent_past_the_deadline_is_abandoned() {
        let started = AtomicBool::new(false);
        let call = async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok(reply())
        };
        let begun = std::time::Instant::now();
        let result = first_text_within(Duration::from_millis(50), &started, call).await;
        assert_eq!(result, Err(ProviderError::Timeout));
        assert!(begun.elapsed() < Duration::from_secs(1));
    }

    #[tokio::test]
    async fn a_call_that_started_in_time_may_finish_later() {
        let started = AtomicBool::new(false);
        let call = async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            started.store(true, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(150)).await;
            Ok(reply())
        };
        let result = first_text_within(Duration::from_millis(50), &started, call).await;
        assert_eq!(result, Ok(reply()));
    }
}
