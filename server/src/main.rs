//! Interview Simulator server: `server` reads its configuration from the environment (and
//! `.env`), migrates the database and serves until SIGTERM or Ctrl-C.
//!
//! `server extract-document-worker` is the document extraction worker the server starts for
//! each uploaded file (see `intake::worker`): one binary to deploy.

use intake::worker;

fn main() -> std::process::ExitCode {
    if std::env::args().nth(1).as_deref() == Some(worker::WORKER_ARG) {
        let code = worker::serve_one();
        return std::process::ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts");
    runtime.block_on(serve())
}

async fn serve() -> std::process::ExitCode {
    let config = match services::Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    server::telemetry::init(&config);
    match server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = %error, "server stopped with an error");
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
