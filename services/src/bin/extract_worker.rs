//! The document extraction worker on its own, for this crate's tests (see
//! `services::documents::worker`). The server binary is the worker in production.

fn main() {
    std::process::exit(services::documents::worker::serve_one());
}
