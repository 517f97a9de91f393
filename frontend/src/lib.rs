//! The WASM entry point. cargo-leptos builds this crate for `wasm32-unknown-unknown`; the
//! generated JS calls `hydrate()` once the server-rendered page has loaded.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // `hydrate_lazy`, not `hydrate_body`: the routes are lazy (split into their own WASM
    // chunks), and a page rendered on the server waits for its route's chunk before hydrating.
    leptos::mount::hydrate_lazy(app::App);
}
