//! `ptsm fetch`: downloads pages and PDFs, politely, and keeps them as
//! they came; and the fetching behind URLs given to `ptsm extract` and
//! `ptsm text`.
//!
//! One request at a time (so one at a time per host), and a delay between
//! two requests to the same host; a User-Agent naming ptsm and its
//! version; redirects followed (10 at most); a time limit for the whole
//! download (connection, redirects, body); a size limit on the body. Only
//! `http` and `https` addresses are fetched. A response other than 2xx is
//! an error for that address (nothing is stored).
//!
//! Each download is stored under OUT as `<host>/<path>` (characters other
//! than letters, digits, `.`, `-` and `_` replaced by `_`, an extension
//! added from the content type when the name has none, a hash of the
//! address added when it has a query or was shortened), with a record
//! `<file>.fetch.json` beside it: the address asked, the final address
//! after redirects, the HTTP status, the content type, the date and time
//! (UTC), the size and the SHA-256 of the bytes.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use ureq::ResponseExt;

use super::UsageError;

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Addresses to download (`http://` or `https://`).
    #[arg(value_name = "URL", required_unless_present = "urls")]
    pub addresses: Vec<String>,

    /// Read the addresses from FILE (`-`: standard input), one per line,
    /// after the URLs given; blank lines and lines starting with `#` are
    /// ignored.
    #[arg(long, value_name = "FILE|-")]
    pub urls: Option<PathBuf>,

    /// Folder to store the downloads in (created if needed).
    #[arg(
        short = 'o',
        long = "output",
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: PathBuf,

    #[command(flatten)]
    pub net: NetArgs,
}

/// How downloads are made, for `fetch` and for URLs given to `extract`.
#[derive(Debug, Clone, clap::Args)]
pub struct NetArgs {
    /// Seconds to wait between two requests to the same host.
    #[arg(long, value_name = "SECS", default_value_t = 1.0)]
    pub delay: f64,

    /// Give up on a download after SECS seconds (connection, redirects and
    /// body together).
    #[arg(long = "fetch-timeout", value_name = "SECS", default_value_t = 60.0)]
    pub fetch_timeout: f64,

    /// Refuse a body larger than MB megabytes.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub max_download: u64,
}

impl NetArgs {
    fn check(&self) -> Result<(), UsageError> {
        if !(self.delay.is_finite() && self.delay >= 0.0) {
            return Err(UsageError(format!(
                "--delay {}: expected seconds >= 0",
                self.delay
            )));
        }
        if !(self.fetch_timeout.is_finite() && self.fetch_timeout > 0.0) {
            return Err(UsageError(format!(
                "--fetch-timeout {}: expected seconds > 0",
                self.fetch_timeout
            )));
        }
        Ok(())
    }
}

/// Whether a command-line input is an address to fetch rather than a path.
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A download.
#[derive(Debug)]
pub struct Fetched {
    /// The address asked.
    pub url: String,
    /// The address answered, after redirects.
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    /// When the response came, RFC 3339 UTC.
    pub date: String,
    pub bytes: Vec<u8>,
}

/// Downloads one at a time, waiting between requests to the same host.
pub struct Fetcher {
    agent: ureq::Agent,
    delay: Duration,
    max_bytes: u64,
    last: HashMap<String, Instant>,
}

impl Fetcher {
    pub fn new(net: &NetArgs) -> Result<Fetcher, UsageError> {
        net.check()?;
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs_f64(net.fetch_timeout)))
            .max_redirects(10)
            .user_agent(user_agent())
            .http_status_as_error(false)
            .build()
            .into();
        Ok(Fetcher {
            agent,
            delay: Duration::from_secs_f64(net.delay),
            max_bytes: net.max_download.saturating_mul(1 << 20),
            last: HashMap::new(),
        })
    }

    /// Downloads `url`; a failure says why, for that address.
    pub fn get(&mut self, url: &str) -> Result<Fetched, String> {
        if !is_url(url) {
            return Err("not an http or https address".into());
        }
        let host = host_of(url);
        if let Some(at) = self.last.get(&host) {
            let since = at.elapsed();
            if since < self.delay {
                std::thread::sleep(self.delay - since);
            }
        }
        let result = self.agent.get(url).call();
        self.last.insert(host, Instant::now());
        let mut resp = result.map_err(|e| describe(&e))?;
        let status = resp.status().as_u16();
        let final_url = resp.get_uri().to_string();
        if !(200..300).contains(&status) {
            let reason = resp.status().canonical_reason().unwrap_or("");
            return Err(format!("HTTP {status} {reason}").trim_end().to_string());
        }
        let content_type = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = resp
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| describe(&e))?;
        Ok(Fetched {
            url: url.to_string(),
            final_url,
            status,
            content_type,
            date: rfc3339(SystemTime::now()),
            bytes,
        })
    }
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::BodyExceedsLimit(n) => {
            format!("the body is larger than the limit of {n} bytes")
        }
        ureq::Error::Timeout(t) => format!("timed out ({t})"),
        other => other.to_string(),
    }
}

/// "ptsm/0.1.0 (+https://github.com/…)": who is asking.
pub fn user_agent() -> String {
    format!(
        "ptsm/{} (French mental-health documents to JSON; batch, one request at a time per host)",
        env!("CARGO_PKG_VERSION")
    )
}

/// The host of an address, lowercase, for the delay.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let auth = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = auth.rsplit('@').next().unwrap_or(auth);
    host.to_ascii_lowercase()
}

/// RFC 3339 UTC time of `t`, to the second.
pub fn rfc3339(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// The relative file name a download of `url` with `content_type` is
/// stored under (see the module comment).
pub fn file_name(url: &str, content_type: Option<&str>) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or(rest);
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let mut parts: Vec<String> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .map(clean)
        .collect();
    if parts.is_empty() {
        parts.push("_".into());
    }
    if parts.len() == 1 || path.ends_with('/') {
        parts.push("index".into());
    }
    let mut last = parts.pop().unwrap_or_default();
    let ext = extension_for(content_type);
    let has_ext = last
        .rsplit_once('.')
        .is_some_and(|(_, e)| !e.is_empty() && e.len() <= 5);
    let too_long = last.len() > 120;
    if too_long {
        last.truncate(120);
    }
    if query.is_some() || too_long {
        let h = ptsm::sha256_hex(url.as_bytes());
        last = format!("{last}_{}", h.get(..8).unwrap_or(""));
    }
    if let (false, Some(e)) = (has_ext && !too_long && query.is_none(), ext) {
        last = format!("{last}.{e}");
    }
    parts.push(last);
    parts.join("/")
}

fn extension_for(content_type: Option<&str>) -> Option<&'static str> {
    let ct = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    Some(match ct.as_str() {
        "text/html" => "html",
        "application/xhtml+xml" => "xhtml",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        _ => return None,
    })
}

/// Stores a download under `out` with its record; the file's path.
pub fn store(out: &Path, f: &Fetched) -> Result<PathBuf, String> {
    let path = out.join(file_name(&f.final_url, f.content_type.as_deref()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    ptsm::output::write_atomic(&path, &f.bytes).map_err(|e| e.to_string())?;
    let record = serde_json::json!({
        "url": f.url,
        "final_url": f.final_url,
        "status": f.status,
        "content_type": f.content_type,
        "fetched_at": f.date,
        "bytes": f.bytes.len(),
        "sha256": ptsm::sha256_hex(&f.bytes),
        "tool": format!("ptsm {}", env!("CARGO_PKG_VERSION")),
    });
    let mut rec_name = path.clone().into_os_string();
    rec_name.push(".fetch.json");
    let text = serde_json::to_string_pretty(&record).map_err(|e| e.to_string())? + "\n";
    ptsm::output::write_atomic(Path::new(&rec_name), text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(path)
}

/// Reads the address list of `--urls`.
fn read_urls(from: &Path) -> Result<Vec<String>, UsageError> {
    let mut text = String::new();
    let res = if from.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(from).map(|t| text = t)
    };
    res.map_err(|e| UsageError(format!("--urls {}: {e}", from.display())))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

pub fn run(args: FetchArgs, g: &super::ui::GlobalArgs) -> anyhow::Result<ExitCode> {
    super::ui::output_folder(
        &args.out,
        "fetch keeps each download as a file: give a folder (-o pages); to convert \
         one address on standard output use `ptsm extract URL --stdout`",
    )?;
    let mut addresses = args.addresses.clone();
    if let Some(f) = &args.urls {
        addresses.extend(read_urls(f)?);
    }
    if let Some(bad) = addresses.iter().find(|a| !is_url(a)) {
        return Err(UsageError(format!("{bad}: not an http or https address")).into());
    }
    let mut fetcher = Fetcher::new(&args.net)?;
    super::ui::writable_folder(&args.out)?;
    let mut failed = 0usize;
    for url in &addresses {
        match fetcher
            .get(url)
            .and_then(|f| store(&args.out, &f).map(|p| (f, p)))
        {
            Ok((f, path)) => {
                if !g.quiet {
                    eprintln!(
                        "{url} → {} ({} bytes, {})",
                        path.display(),
                        f.bytes.len(),
                        f.content_type.as_deref().unwrap_or("no content type")
                    );
                }
            }
            Err(reason) => {
                failed += 1;
                eprintln!("{url}: {reason}");
            }
        }
    }
    if !g.quiet && addresses.len() > 1 {
        eprintln!(
            "fetched {} of {} addresses",
            addresses.len() - failed,
            addresses.len()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_mirror_the_address() {
        assert_eq!(
            file_name(
                "https://www.ars.sante.fr/actualites/ptsm-calvados",
                Some("text/html; charset=utf-8")
            ),
            "www.ars.sante.fr/actualites/ptsm-calvados.html"
        );
        assert_eq!(
            file_name(
                "https://www.ars.sante.fr/media/123/download.pdf",
                Some("application/pdf")
            ),
            "www.ars.sante.fr/media/123/download.pdf"
        );
        assert_eq!(
            file_name("http://exemple.fr/", Some("text/html")),
            "exemple.fr/index.html"
        );
        let q = file_name("http://exemple.fr/page.php?id=3", Some("text/html"));
        assert!(
            q.starts_with("exemple.fr/page.php_") && q.ends_with(".html"),
            "{q}"
        );
        assert_eq!(q.len(), "exemple.fr/page.php_.html".len() + 8, "{q}");
        assert_eq!(file_name("http://h/../../etc/passwd", None), "h/etc/passwd");
    }

    #[test]
    fn dates_are_rfc3339_utc() {
        assert_eq!(rfc3339(SystemTime::UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_709_251_199);
        assert_eq!(rfc3339(t), "2024-02-29T23:59:59Z");
    }

    #[test]
    fn hosts_and_addresses() {
        assert_eq!(
            host_of("https://User@WWW.Ars.fr:8443/x?y"),
            "www.ars.fr:8443"
        );
        assert!(is_url("HTTPS://x.fr"));
        assert!(!is_url("ftp://x.fr"));
        assert!(!is_url("corpus/a.html"));
    }
}
