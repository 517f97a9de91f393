//! Structured logs with `tracing`: human-readable by default, one JSON object per line with
//! `LOG_FORMAT=json`. Every request runs in a span carrying its request id (see `router`).

use tracing_subscriber::{fmt, EnvFilter};

pub fn init(config: &services::Config) {
    let filter = EnvFilter::try_new(&config.log_filter).unwrap_or_else(|error| {
        eprintln!(
            "warning: RUST_LOG={:?} is invalid ({error}); using `info`",
            config.log_filter
        );
        EnvFilter::new("info")
    });
    let builder = fmt().with_env_filter(filter).with_target(false);
    if config.log_json {
        builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .init();
    } else {
        builder.init();
    }
}
