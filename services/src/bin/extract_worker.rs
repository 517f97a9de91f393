//! The document extraction worker for this crate's tests (see `intake::worker`); the server
//! binary is the worker in production.

fn main() {
    std::process::exit(intake::worker::serve_one());
}
