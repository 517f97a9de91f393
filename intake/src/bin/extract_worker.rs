//! The document extraction worker on its own, for this crate's tests and benchmarks (see
//! `intake::worker`); the server binary is the worker in production.

fn main() {
    std::process::exit(intake::worker::serve_one());
}
