//! How long a review report's index takes to open in headless Chromium:
//! from the start of the navigation to the end of the page's script (the
//! documents table drawn, its first page, with its pager), as the page
//! itself measures it (`performance.now()` when it sets
//! `body.dataset.ready`), and the whole load as the driver sees it.
//!
//! ```text
//! cargo run --release --example report_open -- REPORT [REFERENCE] [RUNS]
//! ```
//!
//! With REFERENCE (a small report), both are opened in turn in the same
//! browser, A B A B…, after one warm-up each, and the ratio of the medians
//! is printed. Used by `scripts/bench-report.sh`; needs Chromium (Debian's
//! `chromium`, or `PTSM_CHROMIUM`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use headless_chrome::{Browser, LaunchOptions, Tab};

fn chromium() -> PathBuf {
    std::env::var_os("PTSM_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| {
            [
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
            ]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.exists())
        })
        .unwrap_or_else(|| {
            eprintln!("report_open: no Chromium (apt-get install chromium, or set PTSM_CHROMIUM)");
            std::process::exit(2)
        })
}

/// One opening of `index.html`: (script done, ms since navigation start;
/// driver's wall time to that point, ms; rows drawn).
fn open(tab: &Tab, report: &Path) -> (f64, f64, u64) {
    tab.navigate_to("about:blank").expect("blank");
    tab.wait_until_navigated().expect("blank loads");
    let url = format!("file://{}/index.html", report.display());
    let t0 = Instant::now();
    tab.navigate_to(&url).expect("navigates");
    tab.wait_until_navigated().expect("loads");
    loop {
        let done = tab
            .evaluate(
                "document.body && document.body.dataset.ready === '1'",
                false,
            )
            .expect("evaluates")
            .value;
        if done == Some(serde_json::Value::Bool(true)) {
            break;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(120),
            "{url}: never ready"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = t0.elapsed().as_secs_f64() * 1000.0;
    let v = tab
        .evaluate(
            "JSON.stringify([window.PTSM_READY_MS, document.querySelectorAll('#docs-body tr').length])",
            false,
        )
        .expect("evaluates")
        .value
        .expect("a value");
    let v: serde_json::Value = serde_json::from_str(v.as_str().unwrap()).unwrap();
    (v[0].as_f64().unwrap(), wall, v[1].as_u64().unwrap())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(report) = args
        .first()
        .map(|p| PathBuf::from(p).canonicalize().expect("REPORT"))
    else {
        eprintln!("usage: report_open REPORT [REFERENCE] [RUNS]");
        std::process::exit(2)
    };
    let reference = args
        .get(1)
        .map(|p| PathBuf::from(p).canonicalize().expect("REFERENCE"));
    let runs: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(5);
    let browser = Browser::new(LaunchOptions {
        path: Some(chromium()),
        headless: true,
        sandbox: false,
        window_size: Some((1400, 1000)),
        idle_browser_timeout: Duration::from_secs(300),
        ..LaunchOptions::default()
    })
    .expect("launches chromium");
    let tab = browser.new_tab().expect("tab");
    let mut a = (Vec::new(), Vec::new());
    let mut b = (Vec::new(), Vec::new());
    for i in 0..=runs {
        let (ready, wall, rows) = open(&tab, &report);
        if i > 0 {
            a.0.push(ready);
            a.1.push(wall);
        }
        if i == 0 {
            println!("report: {} ({rows} rows drawn)", report.display());
        }
        if let Some(r) = &reference {
            let (ready, wall, _) = open(&tab, r);
            if i > 0 {
                b.0.push(ready);
                b.1.push(wall);
            }
        }
    }
    let (ra, wa) = (median(a.0.clone()), median(a.1.clone()));
    println!(
        "index ready: median {ra:.0} ms after navigation start (min {:.0}, max {:.0}); driver wall {wa:.0} ms; {runs} runs",
        a.0.iter().cloned().fold(f64::INFINITY, f64::min),
        a.0.iter().cloned().fold(0.0, f64::max),
    );
    if let Some(r) = &reference {
        let (rb, wb) = (median(b.0), median(b.1));
        println!(
            "reference {}: median {rb:.0} ms; driver wall {wb:.0} ms; ratio report/reference {:.2} (ready), {:.2} (wall)",
            r.display(),
            ra / rb,
            wa / wb
        );
    }
}
