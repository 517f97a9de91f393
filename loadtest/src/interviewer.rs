//! Which interviewer the server runs in a phase: its built-in offline coach (no LLM
//! configured) or an LLM, played by the local fake provider with a fixed latency. A phase
//! list such as `offline,0,1000` reads as one phase per item.

use std::time::Duration;

/// The interviewer of one phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interviewer {
    /// The server starts without `LLM_PROVIDERS`, so the offline coach asks the questions and
    /// writes the reports.
    OfflineCoach,
    /// The server talks to the fake OpenAI-compatible provider, which answers after `latency`.
    FakeProvider { latency: Duration },
}

impl Interviewer {
    /// `offline`, or a provider latency in milliseconds.
    pub fn parse(item: &str) -> Result<Self, String> {
        let item = item.trim();
        if item.eq_ignore_ascii_case("offline") {
            return Ok(Self::OfflineCoach);
        }
        item.parse()
            .map(|millis| Self::FakeProvider {
                latency: Duration::from_millis(millis),
            })
            .map_err(|_| format!("{item:?} is neither `offline` nor a latency in milliseconds"))
    }

    /// A comma-separated list of phases; empty items are skipped, an empty list is refused.
    pub fn parse_list(list: &str) -> Result<Vec<Self>, String> {
        let phases = list
            .split(',')
            .filter(|item| !item.trim().is_empty())
            .map(Self::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if phases.is_empty() {
            return Err("needs at least one phase".into());
        }
        Ok(phases)
    }

    /// The fake provider's latency; `None` for the offline coach.
    pub fn provider_latency(self) -> Option<Duration> {
        match self {
            Self::OfflineCoach => None,
            Self::FakeProvider { latency } => Some(latency),
        }
    }

    /// For tables and progress lines: `offline coach`, `provider 1000 ms`.
    pub fn label(self) -> String {
        match self {
            Self::OfflineCoach => "offline coach".to_owned(),
            Self::FakeProvider { latency } => format!("provider {} ms", latency.as_millis()),
        }
    }

    /// For file names: `offline`, `1000ms`.
    pub fn slug(self) -> String {
        match self {
            Self::OfflineCoach => "offline".to_owned(),
            Self::FakeProvider { latency } => format!("{}ms", latency.as_millis()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phase_list_mixes_the_offline_coach_and_latencies() {
        let phases = Interviewer::parse_list("offline, 0,1000,").unwrap();
        assert_eq!(
            phases,
            [
                Interviewer::OfflineCoach,
                Interviewer::FakeProvider {
                    latency: Duration::ZERO
                },
                Interviewer::FakeProvider {
                    latency: Duration::from_secs(1)
                },
            ]
        );
        assert_eq!(phases[0].provider_latency(), None);
        assert_eq!(phases[2].label(), "provider 1000 ms");
        assert_eq!(phases[0].slug(), "offline");
        assert_eq!(phases[2].slug(), "1000ms");
    }

    #[test]
    fn nonsense_and_empty_lists_are_refused() {
        assert!(Interviewer::parse_list("offline,slow")
            .unwrap_err()
            .contains("\"slow\""));
        assert!(Interviewer::parse_list(" , ").is_err());
        assert!(Interviewer::parse("-5").is_err());
        assert_eq!(
            Interviewer::parse("OFFLINE").unwrap(),
            Interviewer::OfflineCoach
        );
    }
}
