//! "Download as Markdown" and "Print / Save as PDF". Both work on the report already in the
//! page, so they need no request; they are hidden when printing.

use domain::Report;
use leptos::prelude::*;

use super::markdown;

/// The media type of the download.
#[cfg(feature = "hydrate")]
const MEDIA_TYPE: &str = "text/markdown;charset=utf-8";

/// The export buttons for a report about `title` ("Data Scientist at Northwind").
#[component]
pub fn ExportBar(title: String, report: Report) -> AnyView {
    let document = StoredValue::new((title, report));
    let failed = RwSignal::new(false);
    let download = move |_| {
        let (name, text) = document.with_value(|(title, report)| {
            (
                markdown::file_name(title),
                markdown::report_markdown(title, report),
            )
        });
        #[cfg(feature = "hydrate")]
        failed.set(super::browser::download_text(&name, MEDIA_TYPE, &text).is_err());
        #[cfg(not(feature = "hydrate"))]
        let _ = (name, text);
    };
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        super::browser::print_report();
    };
    view! {
        <div class="export-bar no-print" role="group" aria-label="Export the report">
            <button id="download-markdown" type="button" class="button" on:click=download>
                "Download as Markdown"
            </button>
            <button id="print-report" type="button" class="button" on:click=print>
                "Print / Save as PDF"
            </button>
            {move || failed.get().then(|| view! {
                <p class="error" role="alert">"Your browser refused the download. Try again, or print the page instead."</p>
            })}
        </div>
    }
    .into_any()
}
