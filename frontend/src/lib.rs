//! The WASM entry point. cargo-leptos builds this crate for `wasm32-unknown-unknown`; the
//! generated JS calls `hydrate()` once the server-rendered page has loaded.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // What `leptos::mount::hydrate_lazy` does, plus knowing when it is done. The routes are
    // lazy (split into their own WASM chunks): a page rendered on the server waits for its
    // route's chunks before it hydrates, and only then is the page interactive.
    wasm_bindgen_futures::spawn_local(async {
        let Some(body) = leptos::prelude::document().body() else {
            return;
        };
        let hydrated = leptos::mount::hydrate_from_async(body, app::App).await;
        // The app lives as long as the page.
        hydrated.forget();
        app::mark_hydrated();
    });
}
