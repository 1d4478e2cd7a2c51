//! The RustApp Operator's sample service: what a team's Rust service looks like to the operator.
//!
//! - `GET /` says hello with its version and pod name; `/healthz` and `/readyz` are its probes;
//!   `GET /slow?ms=N` answers after N ms (at most 10 s), to watch a drain.
//! - `GET /info` reports its version, its Tokio worker count, and the SHA-256 of every config and
//!   secret file it loaded from the operator's mounts (`/etc/rustapp/<configmap>/...`,
//!   `/var/run/secrets/rustapp/<secret>/...`).
//! - Prometheus `/metrics` on the metrics port (`METRICS_PORT`, 9000).
//! - Logs through `tracing` with the filter in `RUST_LOG` (debug lines per request).
//! - On SIGTERM it stops accepting, finishes the requests in flight and exits 0.
//!
//! Releases for the rollback demos are images of the same binary with a switch in their environment,
//! set when the image is built (`rustapp-build --env SAMPLE_RELEASE=never-ready`):
//! `SAMPLE_RELEASE=never-ready` fails the readiness probe forever, `SAMPLE_RELEASE=crash-at-start`
//! exits 1 at once; `SAMPLE_VERSION` names the version it reports (default: the crate's).

mod files;

use axum::{extract::State, http::StatusCode, routing::get, Json, Router};
use prometheus_client::{encoding::text::encode, metrics::counter::Counter, registry::Registry};
use serde::Serialize;
use std::{collections::BTreeMap, process::ExitCode, sync::Arc};
use tokio::{net::TcpListener, sync::watch};
use tracing::{debug, error, info, warn};
use tracing_subscriber::EnvFilter;

const CONFIG_ROOT: &str = "/etc/rustapp";
const SECRET_ROOT: &str = "/var/run/secrets/rustapp";

struct App {
    version: String,
    release: String,
    host: String,
    worker_threads: usize,
    config: BTreeMap<String, String>,
    secrets: BTreeMap<String, String>,
    requests: Counter,
    metrics: Registry,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info<'a> {
    name: &'a str,
    version: &'a str,
    release: &'a str,
    host: &'a str,
    worker_threads: usize,
    config: &'a BTreeMap<String, String>,
    secrets: &'a BTreeMap<String, String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let filter = match EnvFilter::try_from_default_env() {
        Ok(filter) => filter,
        Err(e) => {
            eprintln!("RUST_LOG is not a valid filter ({e}); logging at info");
            EnvFilter::new("info")
        }
    };
    tracing_subscriber::fmt().with_env_filter(filter).with_ansi(false).init();
    let version = std::env::var("SAMPLE_VERSION").unwrap_or_else(|_| env!("CARGO_PKG_VERSION").to_string());
    let release = std::env::var("SAMPLE_RELEASE").unwrap_or_else(|_| "good".to_string());
    if release == "crash-at-start" {
        error!(version, "this release crashes at start (a rollback demo)");
        return ExitCode::FAILURE;
    }
    let worker_threads = tokio::runtime::Handle::current().metrics().num_workers();
    let mut metrics = Registry::default();
    let requests = Counter::default();
    metrics.register("hello_requests", "Requests served on the http port", requests.clone());
    let app = Arc::new(App {
        version,
        release,
        host: std::env::var("HOSTNAME").unwrap_or_default(),
        worker_threads,
        config: files::digests(CONFIG_ROOT),
        secrets: files::digests(SECRET_ROOT),
        requests,
        metrics,
    });
    info!(version = app.version, release = app.release, worker_threads, config_files = app.config.len(),
        secret_files = app.secrets.len(), "hello starting");

    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        terminated().await;
        info!("SIGTERM: no new connections; finishing the requests in flight");
        let _ = stop_tx.send(true);
    });
    let http = Router::new()
        .route("/", get(hello))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(ready))
        .route("/info", get(info_json))
        .route("/slow", get(slow))
        .with_state(app.clone());
    let metrics = Router::new().route("/metrics", get(scrape)).with_state(app);
    let served = tokio::try_join!(
        serve("http", port("PORT", 8080), http, stop_rx.clone()),
        serve("metrics", port("METRICS_PORT", 9000), metrics, stop_rx),
    );
    match served {
        Ok(_) => {
            info!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            error!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn port(variable: &str, default: u16) -> u16 {
    match std::env::var(variable) {
        Ok(value) => value.parse().unwrap_or_else(|_| {
            warn!("{variable}={value} is not a port; using {default}");
            default
        }),
        Err(_) => default,
    }
}

async fn serve(what: &str, port: u16, router: Router, mut stop: watch::Receiver<bool>) -> Result<(), String> {
    let listener = TcpListener::bind(("0.0.0.0", port)).await.map_err(|e| format!("cannot listen on :{port} ({what}): {e}"))?;
    info!("{what} listening on :{port}");
    axum::serve(listener, router)
        .with_graceful_shutdown(async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        })
        .await
        .map_err(|e| format!("{what} server failed: {e}"))
}

async fn terminated() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("a SIGTERM handler");
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}

async fn hello(State(app): State<Arc<App>>) -> String {
    app.requests.inc();
    debug!(path = "/", "request");
    format!("hello from {} {} on {}\n", env!("CARGO_PKG_NAME"), app.version, app.host)
}

#[derive(serde::Deserialize)]
struct Slow {
    ms: Option<u64>,
}

async fn slow(State(app): State<Arc<App>>, axum::extract::Query(slow): axum::extract::Query<Slow>) -> String {
    app.requests.inc();
    let ms = slow.ms.unwrap_or(1000).min(10_000);
    debug!(path = "/slow", ms, "request");
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    format!("done after {ms} ms\n")
}

async fn ready(State(app): State<Arc<App>>) -> (StatusCode, &'static str) {
    if app.release == "never-ready" {
        (StatusCode::SERVICE_UNAVAILABLE, "this release never becomes ready (a rollback demo)\n")
    } else {
        (StatusCode::OK, "ok\n")
    }
}

async fn info_json(State(app): State<Arc<App>>) -> Json<serde_json::Value> {
    app.requests.inc();
    debug!(path = "/info", "request");
    Json(serde_json::to_value(Info {
        name: env!("CARGO_PKG_NAME"),
        version: &app.version,
        release: &app.release,
        host: &app.host,
        worker_threads: app.worker_threads,
        config: &app.config,
        secrets: &app.secrets,
    })
    .unwrap_or_default())
}

async fn scrape(State(app): State<Arc<App>>) -> Result<String, StatusCode> {
    let mut text = String::new();
    encode(&mut text, &app.metrics).map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(text)
}
