//! Which virtual user a provider call serves, and how long the fake provider spent on each
//! user's behalf.
//!
//! The server does not forward anything of ours to the provider except the prompt, and the
//! prompt names the company. So each virtual user tags its company name with its number, the
//! fake provider reads the tag back from the system prompt, and adds the time it spent to that
//! user's account. A user answers one question at a time, so every call charged to it while
//! one of its answer requests is in flight belongs to that request: reading the account before
//! and after the request gives the provider's share of that request exactly.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Written into the company name; chosen so that no CV, job description or prompt text
/// contains it by accident.
const TAG: &str = "load-user-";

/// The company name a virtual user creates its interview with.
pub fn tag_company(company: &str, user: usize) -> String {
    format!("{company} ({TAG}{user})")
}

/// The virtual user a prompt was written for, if it carries a tag.
pub fn user_in(prompt: &str) -> Option<usize> {
    let start = prompt.find(TAG)? + TAG.len();
    let digits: String = prompt[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Time and calls per virtual user, written by the fake provider and read by the users.
#[derive(Debug)]
pub struct ProviderLedger {
    nanos: Vec<AtomicU64>,
    calls: Vec<AtomicU64>,
    /// Calls whose prompt had no tag (or an out-of-range one): they cannot be subtracted from
    /// any request, so they are reported rather than silently ignored.
    unattributed: AtomicU64,
}

impl ProviderLedger {
    pub fn new(users: usize) -> Self {
        Self {
            nanos: (0..users).map(|_| AtomicU64::new(0)).collect(),
            calls: (0..users).map(|_| AtomicU64::new(0)).collect(),
            unattributed: AtomicU64::new(0),
        }
    }

    /// Charges one call of `spent` to `user`. Called by the fake provider before it returns
    /// its response, so the charge is visible by the time the server answers the user.
    pub fn record(&self, user: Option<usize>, spent: Duration) {
        match user.filter(|&user| user < self.nanos.len()) {
            Some(user) => {
                let nanos = u64::try_from(spent.as_nanos()).unwrap_or(u64::MAX);
                self.nanos[user].fetch_add(nanos, Ordering::SeqCst);
                self.calls[user].fetch_add(1, Ordering::SeqCst);
            }
            None => {
                self.unattributed.fetch_add(1, Ordering::SeqCst);
            }
        }
    }

    /// Total provider time charged to `user` so far.
    pub fn spent_for(&self, user: usize) -> Duration {
        Duration::from_nanos(self.nanos[user].load(Ordering::SeqCst))
    }

    /// Provider calls charged to `user` so far.
    pub fn calls_for(&self, user: usize) -> u64 {
        self.calls[user].load(Ordering::SeqCst)
    }

    pub fn unattributed(&self) -> u64 {
        self.unattributed.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_survives_the_round_trip_through_a_prompt() {
        let company = tag_company("Helvetia Ledger AG", 137);
        let prompt = format!("You are an interviewer for the role of X at {company}. Rules: …");
        assert_eq!(user_in(&prompt), Some(137));
        assert_eq!(user_in("no tag here"), None);
    }

    #[test]
    fn time_is_charged_to_the_right_user() {
        let ledger = ProviderLedger::new(2);
        ledger.record(Some(1), Duration::from_millis(5));
        ledger.record(Some(1), Duration::from_millis(7));
        ledger.record(Some(9), Duration::from_millis(1));
        ledger.record(None, Duration::from_millis(1));
        assert_eq!(ledger.spent_for(0), Duration::ZERO);
        assert_eq!(ledger.spent_for(1), Duration::from_millis(12));
        assert_eq!(ledger.calls_for(1), 2);
        assert_eq!(ledger.unattributed(), 2);
    }
}
