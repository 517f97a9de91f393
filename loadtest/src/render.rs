//! The render benchmark: the server's CPU time per page view of the server-rendered pages, one
//! request after another on one keep-alive connection, without compression. The pages are
//! those of one finished interview of `--questions` questions (the interview page with its
//! transcript, its report, the report behind a share link) and the history. CPU is read from
//! /proc for the server process alone (PostgreSQL's share is not in it), over all views after
//! a warm-up. Each page is measured twice: with the server's page cache (a finished page is
//! rendered once and served again) and without it (every view rendered).

use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT_ENCODING, COOKIE};
use serde::Serialize;
use testkit::api::Api;
use testkit::fixtures::DATA_SCIENTIST;

use crate::harness::Harness;
use crate::interviewer::Interviewer;
use crate::options::Options;

/// Views before measuring: the first renders fill caches and the allocator's pools.
const WARM_UP_VIEWS: usize = 200;

/// The bar for the interview page: a Rust server should render it in this much CPU.
pub const INTERVIEW_PAGE_BUDGET_MICROS: f64 = 150.0;

const ANSWER: &str = "At Larkspur Grocers I led the demand-forecasting rebuild: I chose LightGBM, \
wrote the Python pipeline in Snowflake and SQL, and as a result cut fresh-food waste by 18 % in \
six months.";

#[derive(Clone, Debug, Serialize)]
pub struct PageFigures {
    pub page: &'static str,
    pub page_cache: &'static str,
    pub views: usize,
    pub bytes: usize,
    pub cpu_micros_per_view: f64,
    pub median_latency_micros: u128,
}

/// Renders each page `views` times, with the page cache and without, and reports the
/// figures; `Ok(passed)`.
pub async fn run(
    options: &Options,
    views: usize,
    output: &std::path::Path,
) -> Result<bool, String> {
    let mut figures = measure(options, views, output, PageCache::Kept).await?;
    figures.extend(measure(options, views, output, PageCache::Off).await?);

    println!(
        "\nServer CPU per page view ({} questions answered, no compression, {views} views each after {WARM_UP_VIEWS}):\n",
        options.question_count
    );
    println!("| page | page cache | bytes | CPU per view | median latency |");
    println!("|---|---|---:|---:|---:|");
    for figure in &figures {
        println!(
            "| {} | {} | {} | {:.0} µs | {} µs |",
            figure.page,
            figure.page_cache,
            figure.bytes,
            figure.cpu_micros_per_view,
            figure.median_latency_micros
        );
    }
    let interview = &figures[0];
    let passed = interview.cpu_micros_per_view <= INTERVIEW_PAGE_BUDGET_MICROS;
    println!(
        "\n{}: the interview page costs {:.0} µs of CPU a view (budget {INTERVIEW_PAGE_BUDGET_MICROS:.0} µs)",
        if passed { "PASS" } else { "FAIL" },
        interview.cpu_micros_per_view
    );
    let json = serde_json::to_string_pretty(&figures).map_err(|e| e.to_string())?;
    std::fs::write(&options.report, json)
        .map_err(|e| format!("{}: {e}", options.report.display()))?;
    Ok(passed)
}

/// The server's page cache in a run: as configured (on unless `PAGE_CACHE_MB=0` is set
/// outside), or off, so every view is rendered.
#[derive(Clone, Copy)]
enum PageCache {
    Kept,
    Off,
}

impl PageCache {
    fn label(self) -> &'static str {
        match self {
            Self::Kept => "as configured",
            Self::Off => "off",
        }
    }
}

async fn measure(
    options: &Options,
    views: usize,
    output: &std::path::Path,
    page_cache: PageCache,
) -> Result<Vec<PageFigures>, String> {
    let log_path = output.join("loadtest-render-server.log");
    let settings: &[(&str, &str)] = match page_cache {
        PageCache::Kept => &[],
        PageCache::Off => &[("PAGE_CACHE_MB", "0")],
    };
    let harness =
        Harness::start_with(options, Interviewer::OfflineCoach, log_path, settings).await?;
    let api = Api::new(harness.base_url());
    let id = api
        .completed_interview(&DATA_SCIENTIST, options.question_count, ANSWER)
        .await
        .map_err(|e| e.to_string())?;
    api.request_feedback(id).await.map_err(|e| e.to_string())?;
    api.wait_for_report(id, Duration::from_millis(50), Duration::from_secs(30))
        .await
        .map_err(|e| e.to_string())?;
    let link = api
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/interviews/{id}/shares"),
            None,
        )
        .await
        .map_err(|e| e.to_string())?
        .json();
    let token = link["token"]
        .as_str()
        .ok_or("the share link has no token")?
        .to_owned();
    let cookie = api
        .owner_cookie()
        .ok_or("the server issued no owner cookie")?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1)
        .build()
        .map_err(|e| e.to_string())?;

    let pages = [
        ("interview", format!("/interviews/{id}")),
        ("report", format!("/interviews/{id}/feedback")),
        ("shared report", format!("/share/{token}")),
        ("history", "/".to_owned()),
        // The floor: the same layers (identity, security headers, metrics) and no page.
        ("health check", "/healthz".to_owned()),
    ];
    let mut figures = Vec::new();
    for (page, path) in &pages {
        let url = format!("{}{path}", harness.base_url());
        let view = || async {
            let started = Instant::now();
            let response = client
                .get(&url)
                .header(COOKIE, &cookie)
                .header(ACCEPT_ENCODING, "identity")
                .send()
                .await
                .map_err(|e| format!("GET {path}: {e}"))?;
            if !response.status().is_success() {
                return Err(format!("GET {path}: {}", response.status()));
            }
            let bytes = response.bytes().await.map_err(|e| e.to_string())?.len();
            Ok::<_, String>((bytes, started.elapsed()))
        };
        for _ in 0..WARM_UP_VIEWS {
            view().await?;
        }
        let cpu_before = harness.server_cpu_seconds()?;
        let mut latencies = Vec::with_capacity(views);
        let mut bytes = 0;
        for _ in 0..views {
            let (size, latency) = view().await?;
            bytes = size;
            latencies.push(latency.as_micros());
        }
        let cpu = harness.server_cpu_seconds()? - cpu_before;
        latencies.sort_unstable();
        figures.push(PageFigures {
            page,
            page_cache: page_cache.label(),
            views,
            bytes,
            cpu_micros_per_view: cpu * 1e6 / views as f64,
            median_latency_micros: latencies[latencies.len() / 2],
        });
    }
    harness.stop().await?;
    Ok(figures)
}
