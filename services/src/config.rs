//! Configuration from the environment, with `.env` as a fallback for local runs.
//! Every setting is listed in `.env.example`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

pub use crate::redaction::RedactionPolicy;
pub use crate::reports::ReportMode;

#[derive(Clone, Debug)]
pub struct Config {
    /// `DATABASE_URL` (required).
    pub database_url: String,
    /// `DATABASE_MAX_CONNECTIONS`, default 10.
    pub database_max_connections: u32,
    /// `BIND_ADDR`, default `127.0.0.1:3000`.
    pub bind_addr: SocketAddr,
    /// `PUBLIC_URL`: the address users reach the site at, e.g. `https://interviews.example.com`.
    /// When it is https, cookies are marked `Secure`. Default `http://<BIND_ADDR>`.
    pub public_url: String,
    /// `SITE_ROOT`: the directory cargo-leptos builds the browser bundle into. Default `target/site`.
    pub site_root: String,
    /// `RUST_LOG` filter, default `info`.
    pub log_filter: String,
    /// `LOG_FORMAT`: `json` for one JSON object per line, `text` (default) for people.
    pub log_json: bool,
    /// `MAX_BODY_BYTES`: largest request body outside document uploads, default 1 MiB.
    pub max_body_bytes: usize,
    /// `REQUEST_TIMEOUT_SECS`: a request taking longer gets 408, default 30.
    pub request_timeout: Duration,
    /// `MAX_UPLOAD_BYTES`: largest document upload, default 10 MiB; refused while it streams.
    pub max_upload_bytes: usize,
    /// `EXTRACTION_TIMEOUT_SECS`: an extraction worker still running after this is killed and
    /// the file refused, default 10.
    pub extraction_timeout: Duration,
    /// `EXTRACTION_WORKERS`: extraction processes at once, default one per CPU.
    pub extraction_workers: usize,
    /// `EXTRACTION_WORKER`: the program run as `<program> extract-document-worker`; default
    /// the server binary itself.
    pub extraction_worker: Option<PathBuf>,
    /// `LLM_PROVIDERS`: LLM interviewers to try in order (`openai`, `gemini`, `anthropic`,
    /// comma-separated), each configured by its own variables (see [`LlmProviderConfig`]).
    /// Empty by default: the offline coach interviews, and always ends the chain.
    pub llm_providers: Vec<LlmProviderConfig>,
    /// `LLM_CONNECT_TIMEOUT_SECS` (default 5) and `LLM_TIMEOUT_SECS` (default 30, a whole
    /// question call).
    pub llm_connect_timeout: Duration,
    pub llm_timeout: Duration,
    /// `LLM_FIRST_TOKEN_SECS` (default 20): a question whose first words have not arrived by
    /// then is abandoned and the next interviewer (finally the offline coach) asks, so a slow
    /// or busy model cannot hold an interview past the request timeout.
    pub llm_first_token: Duration,
    /// `LLM_REPORT_TIMEOUT_SECS` (default 600): a whole report call. A report on a CPU model
    /// takes minutes; it runs in the background with its progress shown.
    pub llm_report_timeout: Duration,
    /// `LLM_REPORT_MODE`: `parts` (default) asks a model for a report in short parts, one
    /// per answer and four for the rest; `whole` asks for one JSON object.
    pub llm_report_mode: ReportMode,
    /// `LLM_REPORT_CONCURRENCY`: parts of a report asked of one provider at once. Unset: 1 for
    /// a server on loopback (llama.cpp and Ollama answer one request at a time), 4 otherwise.
    pub llm_report_concurrency: Option<usize>,
    /// `LLM_MAX_ATTEMPTS`: tries per provider and question, retries included (default 3).
    pub llm_max_attempts: u32,
    /// `LLM_REDACT`: `auto` (default) replaces names and contact details by placeholders in
    /// every request to a provider whose base URL is not on this machine; `always` for every
    /// provider; `never` sends the documents as they are.
    pub llm_redact: RedactionPolicy,
    /// `FEEDBACK_WORKERS`: reports written at once by this instance, default 4. Each waits on
    /// the LLM most of the time, so several keep a queue short without much CPU.
    pub feedback_workers: usize,
    /// `RETENTION_DAYS`: an interview nobody has opened for this many days is deleted with
    /// everything it holds, default 90; 0 keeps interviews for ever.
    pub retention_days: u32,
    /// `PAGE_CACHE_MB`: memory for rendered pages of completed interviews (the interview, its
    /// report, its share links' pages), served again while nothing they show changes (default
    /// 16; 0 renders every view).
    pub page_cache_bytes: usize,
    /// Requests per minute that may call an LLM or parse a document (see [`RateLimits`]).
    pub rate_limits: RateLimits,
    /// `CLIENT_IP_HEADER`: behind a load balancer, the header it puts the client's address in
    /// (e.g. `X-Forwarded-For`; its last entry is used, the one the balancer added). Unset:
    /// the address of the connection.
    pub client_ip_header: Option<String>,
    /// `METRICS_TOKEN`: when set, `/metrics` needs `Authorization: Bearer <token>`; unset, it
    /// answers only connections from this machine.
    pub metrics_token: Option<Secret>,
}

/// Per-minute budgets, each also the burst allowed at once; `None` is no limit. `RATE_LIMITS=off`
/// lifts them all (load tests from one address); otherwise each has its variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimits {
    /// `RATE_LIMIT_LLM_PER_OWNER`, default 30: starting an interview and answering (each makes
    /// the interviewer write a question).
    pub llm_per_owner: Option<u32>,
    /// `RATE_LIMIT_LLM_PER_IP`, default 300 (many people may share an address).
    pub llm_per_ip: Option<u32>,
    /// `RATE_LIMIT_DOCUMENTS_PER_OWNER`, default 20: uploads and pasted documents.
    pub documents_per_owner: Option<u32>,
    /// `RATE_LIMIT_DOCUMENTS_PER_IP`, default 120.
    pub documents_per_ip: Option<u32>,
    /// `RATE_LIMIT_FEEDBACK_PER_OWNER`, default 120: asking for a report (the first request
    /// queues its writing); the feedback page polls once a second.
    pub feedback_per_owner: Option<u32>,
    /// `RATE_LIMIT_FEEDBACK_PER_IP`, default 600.
    pub feedback_per_ip: Option<u32>,
}

impl RateLimits {
    pub const OFF: RateLimits = RateLimits {
        llm_per_owner: None,
        llm_per_ip: None,
        documents_per_owner: None,
        documents_per_ip: None,
        feedback_per_owner: None,
        feedback_per_ip: None,
    };

    fn from_lookup(get: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        match get("RATE_LIMITS").as_deref().map(str::trim) {
            None | Some("on") => {}
            Some("off") => return Ok(Self::OFF),
            Some(other) => {
                return Err(ConfigError {
                    name: "RATE_LIMITS",
                    message: format!("must be `on` or `off`, got {other:?}"),
                })
            }
        }
        // 0 means no limit, like `off` for that one.
        let per_minute = |name: &'static str, default: u32| {
            parse_or(get, name, default).map(|n: u32| (n > 0).then_some(n))
        };
        Ok(Self {
            llm_per_owner: per_minute("RATE_LIMIT_LLM_PER_OWNER", 30)?,
            llm_per_ip: per_minute("RATE_LIMIT_LLM_PER_IP", 300)?,
            documents_per_owner: per_minute("RATE_LIMIT_DOCUMENTS_PER_OWNER", 20)?,
            documents_per_ip: per_minute("RATE_LIMIT_DOCUMENTS_PER_IP", 120)?,
            feedback_per_owner: per_minute("RATE_LIMIT_FEEDBACK_PER_OWNER", 120)?,
            feedback_per_ip: per_minute("RATE_LIMIT_FEEDBACK_PER_IP", 600)?,
        })
    }
}

/// Which wire format a provider speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LlmKind {
    /// OpenAI chat completions and everything compatible (OpenRouter, Ollama, llama.cpp, vLLM).
    OpenAi,
    Gemini,
    Anthropic,
}

impl LlmKind {
    fn parse(name: &str) -> Option<LlmKind> {
        match name {
            "openai" => Some(LlmKind::OpenAi),
            "gemini" => Some(LlmKind::Gemini),
            "anthropic" => Some(LlmKind::Anthropic),
            _ => None,
        }
    }

    /// The prefix of its variables: `OPENAI_BASE_URL`, `OPENAI_API_KEY`, `OPENAI_MODEL`.
    fn prefix(self) -> &'static str {
        match self {
            LlmKind::OpenAi => "OPENAI",
            LlmKind::Gemini => "GEMINI",
            LlmKind::Anthropic => "ANTHROPIC",
        }
    }

    fn default_base_url(self) -> &'static str {
        match self {
            LlmKind::OpenAi => "https://api.openai.com/v1",
            LlmKind::Gemini => "https://generativelanguage.googleapis.com",
            LlmKind::Anthropic => "https://api.anthropic.com",
        }
    }

    /// Local OpenAI-compatible servers (Ollama, llama.cpp) need no key; the others do.
    fn needs_key(self) -> bool {
        !matches!(self, LlmKind::OpenAi)
    }
}

/// One LLM provider: `<PREFIX>_BASE_URL` (optional), `<PREFIX>_API_KEY`, `<PREFIX>_MODEL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LlmProviderConfig {
    pub kind: LlmKind,
    pub base_url: String,
    pub api_key: Option<Secret>,
    pub model: String,
}

/// A value that must never be printed: `Debug` shows `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    /// The value, for the one place that sends it (an HTTP header).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

fn llm_providers(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Vec<LlmProviderConfig>, ConfigError> {
    let Some(list) = get("LLM_PROVIDERS") else {
        return Ok(Vec::new());
    };
    let mut providers = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let kind = LlmKind::parse(&name.to_ascii_lowercase()).ok_or_else(|| ConfigError {
            name: "LLM_PROVIDERS",
            message: format!("unknown provider {name:?}; use openai, gemini or anthropic"),
        })?;
        let prefix = kind.prefix();
        let variable = |suffix: &str| get(&format!("{prefix}_{suffix}"));
        let model = variable("MODEL").ok_or_else(|| ConfigError {
            name: "LLM_PROVIDERS",
            message: format!("{name} is listed but {prefix}_MODEL is not set"),
        })?;
        let api_key = variable("API_KEY").map(Secret::new);
        if kind.needs_key() && api_key.is_none() {
            return Err(ConfigError {
                name: "LLM_PROVIDERS",
                message: format!("{name} is listed but {prefix}_API_KEY is not set"),
            });
        }
        let base_url = variable("BASE_URL")
            .unwrap_or_else(|| kind.default_base_url().to_owned())
            .trim_end_matches('/')
            .to_owned();
        providers.push(LlmProviderConfig {
            kind,
            base_url,
            api_key,
            model,
        });
    }
    Ok(providers)
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("configuration: {name}: {message}")]
pub struct ConfigError {
    pub name: &'static str,
    pub message: String,
}

impl Config {
    /// Reads `.env` (if present, without overriding real environment variables), then the
    /// environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds the configuration from any source of variables (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let database_url = get("DATABASE_URL").ok_or_else(|| ConfigError {
            name: "DATABASE_URL",
            message: "is not set; `make run` starts a local PostgreSQL and sets it for you".into(),
        })?;
        let bind_addr: SocketAddr = parse_or(&get, "BIND_ADDR", "127.0.0.1:3000".parse().unwrap())?;
        let public_url = get("PUBLIC_URL")
            .map(|url| url.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{bind_addr}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            return Err(ConfigError {
                name: "PUBLIC_URL",
                message: format!("must start with http:// or https://, got {public_url:?}"),
            });
        }
        let log_json = match get("LOG_FORMAT").as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(ConfigError {
                    name: "LOG_FORMAT",
                    message: format!("must be `text` or `json`, got {other:?}"),
                })
            }
        };
        Ok(Self {
            database_url,
            database_max_connections: parse_or(&get, "DATABASE_MAX_CONNECTIONS", 10)?,
            bind_addr,
            public_url,
            site_root: get("SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            log_filter: get("RUST_LOG").unwrap_or_else(|| "info".into()),
            log_json,
            max_body_bytes: parse_or(&get, "MAX_BODY_BYTES", 1024 * 1024)?,
            request_timeout: Duration::from_secs(parse_or(&get, "REQUEST_TIMEOUT_SECS", 30)?),
            max_upload_bytes: parse_or(&get, "MAX_UPLOAD_BYTES", 10 * 1024 * 1024)?,
            extraction_timeout: Duration::from_secs(parse_or(&get, "EXTRACTION_TIMEOUT_SECS", 10)?),
            extraction_workers: parse_or(
                &get,
                "EXTRACTION_WORKERS",
                std::thread::available_parallelism().map_or(2, usize::from),
            )?,
            extraction_worker: get("EXTRACTION_WORKER").map(PathBuf::from),
            llm_providers: llm_providers(&get)?,
            llm_connect_timeout: Duration::from_secs(parse_or(
                &get,
                "LLM_CONNECT_TIMEOUT_SECS",
                5,
            )?),
            llm_timeout: Duration::from_secs(parse_or(&get, "LLM_TIMEOUT_SECS", 30)?),
            llm_first_token: Duration::from_secs(parse_or(&get, "LLM_FIRST_TOKEN_SECS", 20)?),
            llm_report_timeout: Duration::from_secs(parse_or(
                &get,
                "LLM_REPORT_TIMEOUT_SECS",
                600,
            )?),
            llm_report_mode: match get("LLM_REPORT_MODE").as_deref().map(str::trim) {
                None | Some("parts") => ReportMode::Parts,
                Some("whole") => ReportMode::Whole,
                Some(other) => {
                    return Err(ConfigError {
                        name: "LLM_REPORT_MODE",
                        message: format!("{other:?} is not a mode; use parts or whole"),
                    })
                }
            },
            llm_report_concurrency: match get("LLM_REPORT_CONCURRENCY") {
                Some(_) => Some(parse_or(&get, "LLM_REPORT_CONCURRENCY", 1usize)?.max(1)),
                None => None,
            },
            llm_max_attempts: parse_or(&get, "LLM_MAX_ATTEMPTS", 3)?,
            llm_redact: match get("LLM_REDACT") {
                None => RedactionPolicy::Auto,
                Some(value) => RedactionPolicy::parse(&value).ok_or_else(|| ConfigError {
                    name: "LLM_REDACT",
                    message: format!("{value:?} is not a policy; use auto, always or never"),
                })?,
            },
            feedback_workers: parse_or(&get, "FEEDBACK_WORKERS", 4usize)?.max(1),
            retention_days: parse_or(
                &get,
                "RETENTION_DAYS",
                crate::retention::DEFAULT_RETENTION_DAYS,
            )?,
            page_cache_bytes: parse_or(&get, "PAGE_CACHE_MB", 16usize)?.saturating_mul(1024 * 1024),
            rate_limits: RateLimits::from_lookup(&get)?,
            client_ip_header: get("CLIENT_IP_HEADER").map(|name| name.trim().to_owned()),
            metrics_token: get("METRICS_TOKEN").map(Secret::new),
        })
    }

    /// True when users reach the site over https, so cookies must be `Secure`.
    pub fn serves_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

fn parse_or<T: FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: T,
) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match get(name) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|err| ConfigError {
            name,
            message: format!("cannot read {raw:?}: {err}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_need_only_a_database() {
        let config = config(&[("DATABASE_URL", "postgres://localhost/x")]).unwrap();
        assert_eq!(config.bind_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.public_url, "http://127.0.0.1:3000");
        assert!(!config.serves_https());
        assert_eq!(config.request_timeout, Duration::from_secs(30));
        assert_eq!(config.max_upload_bytes, 10 * 1024 * 1024);
        assert_eq!(config.extraction_timeout, Duration::from_secs(10));
        assert!(config.extraction_workers >= 1);
        assert_eq!(config.extraction_worker, None);
        assert_eq!(config.llm_first_token, Duration::from_secs(20));
        assert_eq!(config.llm_report_timeout, Duration::from_secs(600));
        assert_eq!(config.llm_report_mode, ReportMode::Parts);
        assert_eq!(config.llm_report_concurrency, None);
        assert_eq!(config.llm_redact, RedactionPolicy::Auto);
    }

    #[test]
    fn redaction_can_be_forced_on_or_off_and_a_typo_is_refused() {
        for (value, policy) in [
            ("always", RedactionPolicy::Always),
            ("never", RedactionPolicy::Never),
            (" Auto ", RedactionPolicy::Auto),
        ] {
            let config = config(&[("DATABASE_URL", "x"), ("LLM_REDACT", value)]).unwrap();
            assert_eq!(config.llm_redact, policy, "{value}");
        }
        let error = config(&[("DATABASE_URL", "x"), ("LLM_REDACT", "yes")]).unwrap_err();
        assert_eq!(error.name, "LLM_REDACT");
    }

    #[test]
    fn the_report_mode_and_its_concurrency_can_be_chosen() {
        let whole = config(&[
            ("DATABASE_URL", "x"),
            ("LLM_REPORT_MODE", "whole"),
            ("LLM_REPORT_CONCURRENCY", "0"),
        ])
        .unwrap();
        assert_eq!(whole.llm_report_mode, ReportMode::Whole);
        assert_eq!(whole.llm_report_concurrency, Some(1), "at least one");
        let error = config(&[("DATABASE_URL", "x"), ("LLM_REPORT_MODE", "json")]).unwrap_err();
        assert_eq!(error.name, "LLM_REPORT_MODE");
    }

    #[test]
    fn rate_limits_default_on_and_can_be_tuned_or_lifted() {
        let defaults = config(&[("DATABASE_URL", "x")]).unwrap().rate_limits;
        assert_eq!(defaults.llm_per_owner, Some(30));
        assert_eq!(defaults.documents_per_ip, Some(120));
        let tuned = config(&[
            ("DATABASE_URL", "x"),
            ("RATE_LIMIT_LLM_PER_OWNER", "5"),
            ("RATE_LIMIT_DOCUMENTS_PER_IP", "0"),
        ])
        .unwrap()
        .rate_limits;
        assert_eq!(tuned.llm_per_owner, Some(5));
        assert_eq!(tuned.documents_per_ip, None);
        let off = config(&[("DATABASE_URL", "x"), ("RATE_LIMITS", "off")]).unwrap();
        assert_eq!(off.rate_limits, RateLimits::OFF);
        let err = config(&[("DATABASE_URL", "x"), ("RATE_LIMITS", "no")]).unwrap_err();
        assert_eq!(err.name, "RATE_LIMITS");
    }

    #[test]
    fn interviews_are_kept_90_days_unless_told_otherwise() {
        let days = |value: &str| {
            config(&[("DATABASE_URL", "x"), ("RETENTION_DAYS", value)]).map(|c| c.retention_days)
        };
        assert_eq!(config(&[("DATABASE_URL", "x")]).unwrap().retention_days, 90);
        assert_eq!(days("0").unwrap(), 0);
        assert_eq!(days("365").unwrap(), 365);
        assert_eq!(days("-1").unwrap_err().name, "RETENTION_DAYS");
    }

    #[test]
    fn missing_database_url_is_explained() {
        let err = config(&[]).unwrap_err();
        assert_eq!(err.name, "DATABASE_URL");
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = config(&[("DATABASE_URL", "x"), ("BIND_ADDR", "nope")]).unwrap_err();
        assert_eq!(err.name, "BIND_ADDR");
        let err = config(&[("DATABASE_URL", "x"), ("LOG_FORMAT", "xml")]).unwrap_err();
        assert_eq!(err.name, "LOG_FORMAT");
    }

    #[test]
    fn llm_providers_are_listed_in_order_and_keys_never_print() {
        let config = config(&[
            ("DATABASE_URL", "x"),
            ("LLM_PROVIDERS", "anthropic, openai"),
            ("ANTHROPIC_API_KEY", "sk-ant-secret"),
            ("ANTHROPIC_MODEL", "claude-test"),
            ("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1/"),
            ("OPENAI_MODEL", "llama3"),
        ])
        .unwrap();
        let kinds: Vec<LlmKind> = config.llm_providers.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [LlmKind::Anthropic, LlmKind::OpenAi]);
        assert_eq!(
            config.llm_providers[0].base_url,
            "https://api.anthropic.com"
        );
        assert_eq!(
            config.llm_providers[1].base_url,
            "http://127.0.0.1:11434/v1"
        );
        assert_eq!(
            config.llm_providers[1].api_key, None,
            "a local server needs no key"
        );
        let printed = format!("{config:?}");
        assert!(!printed.contains("sk-ant-secret"), "{printed}");
        assert!(printed.contains("***"));
    }

    #[test]
    fn llm_misconfiguration_is_explained() {
        let err = config(&[("DATABASE_URL", "x"), ("LLM_PROVIDERS", "gpt")]).unwrap_err();
        assert!(err.message.contains("unknown provider"), "{err}");
        let err = config(&[
            ("DATABASE_URL", "x"),
            ("LLM_PROVIDERS", "gemini"),
            ("GEMINI_MODEL", "gemini-test"),
        ])
        .unwrap_err();
        assert!(err.message.contains("GEMINI_API_KEY"), "{err}");
        let defaults = config(&[("DATABASE_URL", "x")]).unwrap();
        assert!(
            defaults.llm_providers.is_empty(),
            "offline coach only by default"
        );
    }

    #[test]
    fn https_public_url_means_secure_cookies() {
        let config = config(&[
            ("DATABASE_URL", "x"),
            ("PUBLIC_URL", "https://example.com/"),
        ])
        .unwrap();
        assert!(config.serves_https());
        assert_eq!(config.public_url, "https://example.com");
    }
}
