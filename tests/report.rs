//! The review report (`ptsm report`), opened in headless Chromium through
//! the DevTools protocol: every page loads with no console error and no
//! request outside the report's folder; every span of every document is
//! highlighted exactly once, over exactly its text; the map has one shape
//! per département with the expected colour class; the heatmap lists a
//! cell's items. Screenshots of the overview, the map, the heatmap and one
//! document page are kept in `target/test-artifacts/report/` (artifacts to
//! look at, not golden images).
//!
//! Needs Chromium (Debian's `chromium`, or `PTSM_CHROMIUM`): without it
//! the browser checks say SKIPPED and the checks on the files still run.
//! The development set needs `../shared/realworld`, likewise.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::Network;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_ptsm");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let d = root().join("target/test-tmp/report").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("scratch dir");
    d
}

fn artifacts() -> PathBuf {
    let d = root().join("target/test-artifacts/report");
    std::fs::create_dir_all(&d).expect("artifacts dir");
    d
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PTSM_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn run(args: &[&str]) {
    let out = Command::new(BIN).args(args).output().expect("runs ptsm");
    assert!(
        out.status.success(),
        "ptsm {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `ptsm extract SRC -o OUT --report REPORT` (from the project root, so
/// that the sources are found for thumbnails).
fn make_report(src: &Path, name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let (out, report) = (dir.join("out"), dir.join("report"));
    run(&[
        "extract",
        "-q",
        src.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    (out, report)
}

/// The JSON documents of OUT: (page slug, document JSON).
fn documents(out: &Path) -> Vec<(String, Value)> {
    let mut v = Vec::new();
    for (id, path) in ptsm::analyst::load::json_files(out).unwrap() {
        let json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        v.push((id.replace('/', "__"), json));
    }
    v
}

/// Every span of a document outside the block tree, by JSON Pointer:
/// found by walking the JSON itself, not by the report's own code.
fn spans(doc: &Value) -> BTreeMap<String, (usize, usize)> {
    fn walk(v: &Value, ptr: String, out: &mut BTreeMap<String, (usize, usize)>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    if ptr.is_empty() && k == "blocks" {
                        continue;
                    }
                    if k == "span" || k == "role_span" {
                        if let (Some(s), Some(e)) = (child.get("start"), child.get("end")) {
                            let at = if k == "span" {
                                ptr.clone()
                            } else {
                                format!("{ptr}/role_span")
                            };
                            out.insert(
                                at,
                                (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize),
                            );
                        }
                        continue;
                    }
                    walk(child, format!("{ptr}/{k}"), out);
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    walk(child, format!("{ptr}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    walk(doc, String::new(), &mut out);
    out
}

/// The normalized text of a document's source, by the library itself
/// (not rebuilt from the JSON as the report does).
fn norm_text(source: &str) -> String {
    let p = root().join(source);
    let p = if p.exists() { p } else { PathBuf::from(source) };
    ptsm::process(&p, &ptsm::Options::default())
        .unwrap_or_else(|e| panic!("{source}: {e}"))
        .norm
        .text
}

/// What the browser saw while a page was open.
#[derive(Default)]
struct Seen {
    console_errors: Vec<String>,
    requests: Vec<String>,
}

struct Session {
    _browser: Browser,
    tab: Arc<Tab>,
    seen: Arc<Mutex<Seen>>,
}

fn open_browser(path: &Path) -> Session {
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--no-first-run",
        "--disable-quic",
        "--disable-component-update",
        "--disable-sync",
        "--disable-background-networking",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let browser = Browser::new(LaunchOptions {
        path: Some(path.to_path_buf()),
        headless: true,
        sandbox: false,
        window_size: Some((1400, 1000)),
        args,
        idle_browser_timeout: Duration::from_secs(120),
        ..LaunchOptions::default()
    })
    .expect("launches chromium");
    let tab = browser.new_tab().expect("new tab");
    let seen = Arc::new(Mutex::new(Seen::default()));
    let s = seen.clone();
    tab.add_event_listener(Arc::new(move |e: &Event| {
        let mut s = s.lock().unwrap();
        match e {
            Event::RuntimeConsoleAPICalled(c) => {
                let t = format!("{:?}", c.params.Type).to_lowercase();
                if t.contains("error") || t.contains("assert") || t.contains("warn") {
                    s.console_errors
                        .push(format!("console {t}: {:?}", c.params.args));
                }
            }
            Event::RuntimeExceptionThrown(x) => {
                s.console_errors
                    .push(format!("exception: {:?}", x.params.exception_details));
            }
            Event::LogEntryAdded(l) => {
                let level = format!("{:?}", l.params.entry.level).to_lowercase();
                if level.contains("error") || level.contains("warn") {
                    s.console_errors.push(format!(
                        "log {level}: {} {:?}",
                        l.params.entry.text, l.params.entry.url
                    ));
                }
            }
            Event::NetworkRequestWillBeSent(r) => s.requests.push(r.params.request.url.clone()),
            _ => {}
        }
    }))
    .expect("listener");
    tab.enable_runtime().expect("runtime");
    tab.enable_log().expect("log");
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })
    .expect("network");
    Session {
        _browser: browser,
        tab,
        seen,
    }
}

impl Session {
    /// Opens a page of the report and waits for its script; checks that
    /// nothing was logged as an error and nothing requested outside
    /// `report`.
    fn open(&self, report: &Path, page: &str) {
        *self.seen.lock().unwrap() = Seen::default();
        let url = format!("file://{}/{page}", report.display());
        self.tab.navigate_to(&url).expect("navigates");
        self.tab.wait_until_navigated().expect("loads");
        let start = Instant::now();
        while self.eval("document.body && document.body.dataset.ready === '1'") != Value::Bool(true)
        {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{page}: the script never finished"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        // Late events (images) have a moment to arrive.
        std::thread::sleep(Duration::from_millis(150));
        let seen = self.seen.lock().unwrap();
        assert!(
            seen.console_errors.is_empty(),
            "{page}: {:?}",
            seen.console_errors
        );
        let prefix = format!("file://{}/", report.display());
        for r in &seen.requests {
            assert!(
                r.starts_with(&prefix),
                "{page}: a request outside the report: {r}"
            );
        }
    }

    fn eval(&self, js: &str) -> Value {
        let r = self.tab.evaluate(js, false).expect("evaluates");
        r.value.unwrap_or(Value::Null)
    }

    fn json(&self, js: &str) -> Value {
        let s = self.eval(&format!("JSON.stringify({js})"));
        serde_json::from_str(s.as_str().unwrap_or("null")).unwrap()
    }

    fn screenshot(&self, name: &str) {
        let png = self
            .tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("screenshot");
        std::fs::write(artifacts().join(name), png).expect("writes screenshot");
    }
}

/// In the browser: the text of every highlight, fragments joined, by
/// pointer, and how many elements claim each pointer's id.
const MARKS_JS: &str = r#"(function () {
  var out = {}, ids = {};
  document.querySelectorAll('#text mark').forEach(function (m) {
    var key = m.id || m.dataset.of;
    if (m.id) ids[m.id] = (ids[m.id] || 0) + 1;
    out[key] = (out[key] || '') + m.textContent;
  });
  return { texts: out, ids: ids };
})()"#;

/// In the browser: the elements under `sel` whose text contrast (WCAG 2
/// formula, against the first opaque background up the tree) is below
/// 4.5:1, with their colours.
fn low_contrast(s: &Session, sel: &str) -> Value {
    s.json(&format!(
        r#"(function () {{
  function rgb(c) {{ var m = c.match(/[\d.]+/g).map(Number); return {{ r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }}; }}
  function lum(c) {{ return [c.r, c.g, c.b].map(function (v) {{ v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }})
    .reduce(function (s, v, i) {{ return s + v * [0.2126, 0.7152, 0.0722][i]; }}, 0); }}
  function bg(e) {{ for (; e; e = e.parentElement) {{ var c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0.5) return c; }} return {{ r: 255, g: 255, b: 255, a: 1 }}; }}
  var bad = [];
  document.querySelectorAll({sel:?}).forEach(function (e) {{
    var own = Array.prototype.some.call(e.childNodes, function (n) {{ return n.nodeType === 3 && n.textContent.trim(); }});
    if (!own || !e.getClientRects().length) return;
    var f = rgb(getComputedStyle(e).color), b = bg(e), x = lum(f), y = lum(b);
    var r = (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    if (r < 4.5) bad.push([e.tagName, e.className, e.textContent.slice(0, 30), getComputedStyle(e).color, r]);
  }});
  return bad.slice(0, 10);
}})()"#
    ))
}

/// Every span of every document is highlighted exactly once, over its
/// exact text.
fn check_documents(s: &Session, report: &Path, docs: &[(String, Value)]) -> usize {
    let mut checked = 0;
    for (slug, doc) in docs {
        s.open(report, &format!("doc/{slug}.html"));
        let text = norm_text(doc["source"]["path"].as_str().unwrap());
        // The page's text, rebuilt from the JSON's block tree, is the
        // library's normalized text byte for byte, but for the blank
        // between a list marker and its text, always a space (the JSON
        // does not say whether it was a tab).
        let model: ptsm::model::Document = serde_json::from_value(doc.clone()).unwrap();
        let rebuilt = ptsm::report::text::rebuild(&model.blocks).unwrap();
        assert_eq!(rebuilt.len(), text.len(), "{slug}: rebuilt text");
        let at = rebuilt
            .bytes()
            .zip(text.bytes())
            .position(|(a, b)| a != b && !(a == b' ' && b == b'\t'));
        assert_eq!(at, None, "{slug}: rebuilt text differs at byte {at:?}");
        let got = s.json(MARKS_JS);
        let texts = got["texts"].as_object().unwrap();
        let ids = got["ids"].as_object().unwrap();
        let expected = spans(doc);
        for (ptr, (start, end)) in &expected {
            let key = format!("f{ptr}");
            assert_eq!(
                ids.get(&key).and_then(Value::as_u64),
                Some(1),
                "{slug}: {ptr} highlighted once"
            );
            assert_eq!(
                texts.get(&key).and_then(Value::as_str),
                Some(&text[*start..*end]),
                "{slug}: {ptr} over its span"
            );
        }
        assert_eq!(
            texts.len(),
            expected.len(),
            "{slug}: no highlight that is not an item"
        );
        checked += expected.len();
    }
    checked
}

/// The départements a corpus is about (directly or through a
/// sub-territory), from the JSON.
fn departements_about(docs: &[(String, Value)]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for (_, d) in docs {
        let ters = d["territories"].as_array().unwrap();
        let any_about = ters.iter().any(|t| t["about"] == Value::Bool(true));
        let mut codes = BTreeSet::new();
        for t in ters
            .iter()
            .filter(|t| !any_about || t["about"] == Value::Bool(true))
        {
            if let Some(c) = t["departement"]
                .as_str()
                .or(t["parent_departement"].as_str())
            {
                codes.insert(c.to_string());
            }
        }
        for c in codes {
            *m.entry(c).or_default() += 1;
        }
    }
    m
}

/// Rows of the heatmap: the territories with actions or working groups,
/// one per département or per sub-territory across documents.
fn heat_rows(docs: &[(String, Value)]) -> usize {
    let mut rows = BTreeSet::new();
    for (_, d) in docs {
        for t in d["territories"].as_array().unwrap() {
            let listed = ["actions", "working_groups"]
                .iter()
                .any(|k| t[*k].as_array().is_some_and(|a| !a.is_empty()));
            if listed {
                rows.insert(match t["departement"].as_str() {
                    Some(c) => c.to_string(),
                    None => format!("{}/{}", t["parent_departement"], t["normalized_name"]),
                });
            }
        }
    }
    rows.len()
}

fn map_classes(s: &Session) -> BTreeMap<String, String> {
    let v = s.json("Array.from(document.querySelectorAll('path.dep')).map(function (p) { return [p.dataset.code, p.getAttribute('class')]; })");
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Checks on the files, with or without a browser.
fn check_files(report: &Path, docs: &[(String, Value)]) {
    for f in [
        "index.html",
        "map.html",
        "heatmap.html",
        "assets/report.css",
        "assets/report.js",
        "data/documents.js",
        "data/map.js",
    ] {
        assert!(report.join(f).is_file(), "{f}");
    }
    for (slug, _) in docs {
        assert!(report.join(format!("doc/{slug}.html")).is_file(), "{slug}");
    }
    // Nothing is fetched from elsewhere: no address in a src or href but
    // the credit links of the map.
    for f in ["index.html", "map.html", "heatmap.html"] {
        let html = std::fs::read_to_string(report.join(f)).unwrap();
        for attr in ["src=\"http", "href=\"//", "src=\"//", "url(http"] {
            assert!(!html.contains(attr), "{f}: {attr}");
        }
    }
}

#[test]
fn report_of_the_corpus_in_chromium() {
    let (out, report) = make_report(&root().join("corpus"), "corpus");
    let docs = documents(&out);
    assert_eq!(docs.len(), 22);
    check_files(&report, &docs);
    // PDF thumbnails when pdftoppm is there.
    let pdftoppm = Command::new("pdftoppm").arg("-v").output().is_ok();
    if pdftoppm {
        assert!(report
            .join("pages/normandie-ptsm-2026.reportlab.pdf/1.png")
            .is_file());
    } else {
        eprintln!("SKIPPED thumbnails: pdftoppm (poppler-utils) is not installed");
    }
    let Some(chrome) = chromium() else {
        eprintln!("SKIPPED report_of_the_corpus_in_chromium (browser part): no Chromium (apt-get install chromium, or set PTSM_CHROMIUM)");
        return;
    };
    let s = open_browser(&chrome);

    s.open(&report, "index.html");
    assert_eq!(
        s.eval("document.querySelectorAll('#docs-body tr').length"),
        22
    );
    assert_eq!(
        low_contrast(&s, "body *"),
        Value::Array(vec![]),
        "index: text contrast"
    );
    s.screenshot("overview.png");
    // Filter, then sort by warnings, descending.
    s.eval("var f = document.getElementById('f-text'); f.value = 'enscript'; f.dispatchEvent(new Event('input'))");
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        s.eval("document.querySelectorAll('#docs-body tr').length"),
        2
    );

    s.open(&report, "map.html");
    let classes = map_classes(&s);
    assert_eq!(classes.len(), 101, "one shape per département");
    assert_eq!(
        low_contrast(&s, "body *"),
        Value::Array(vec![]),
        "map: text contrast"
    );
    // Meuse, the four Normandie départements, and Seine-Maritime through
    // its three sub-territories: 11 documents each, the darkest class.
    for code in ["55", "61", "27", "14", "50", "76"] {
        assert_eq!(classes[code], "dep c5", "{code}");
    }
    for code in ["13", "2A", "971", "976", "75"] {
        assert_eq!(classes[code], "dep c0", "{code}");
    }
    s.eval("document.getElementById('d-76').dispatchEvent(new MouseEvent('click'))");
    let detail = s.eval("document.getElementById('dep-detail').textContent");
    assert!(detail.as_str().unwrap().contains("Dieppe"), "{detail}");
    // Smaller, so that the whole map and its legend are in the picture.
    s.eval("document.body.style.zoom = '0.72'");
    s.screenshot("map.png");
    s.eval("document.body.style.zoom = ''");
    // Coloured by actions: Eure lists the most (18 per copy).
    s.eval("var m = document.getElementById('metric'); m.value = 'actions'; m.dispatchEvent(new Event('change'))");
    assert_eq!(map_classes(&s)["27"], "dep c5");

    s.open(&report, "heatmap.html");
    assert_eq!(
        s.eval("document.querySelectorAll('#heat tbody tr').length"),
        heat_rows(&docs)
    );
    assert_eq!(
        low_contrast(&s, "body *"),
        Value::Array(vec![]),
        "heatmap: text contrast"
    );
    s.screenshot("heatmap.png");
    s.eval("document.querySelector('#heat button.cell').click()");
    let start = Instant::now();
    while s.eval("document.querySelectorAll('#cell-detail li a').length") == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the cell lists nothing"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let href = s.eval("document.querySelector('#cell-detail li a').getAttribute('href')");
    assert!(href.as_str().unwrap().starts_with("doc/"), "{href}");
    s.screenshot("heatmap-cell.png");

    let n = check_documents(&s, &report, &docs);
    assert!(n > 2000, "{n} spans checked");

    // A document page, with a warning selected: its span is scrolled to
    // and, for a PDF, its box drawn on the page thumbnail.
    s.open(
        &report,
        "doc/normandie-ptsm-2026.reportlab.pdf.html#f/territories/1/actions/0",
    );
    if pdftoppm {
        assert_eq!(s.eval("document.getElementById('pv-box').hidden"), false);
    }
    assert_eq!(
        low_contrast(&s, "body *"),
        Value::Array(vec![]),
        "document page: text contrast"
    );
    s.screenshot("document.png");
}

#[test]
fn report_of_the_development_set_in_chromium() {
    let shared = root().join("../shared/realworld/texts");
    if !shared.is_dir() {
        eprintln!(
            "SKIPPED report_of_the_development_set_in_chromium: ../shared/realworld is absent"
        );
        return;
    }
    let (out, report) = make_report(&shared, "realworld");
    let docs = documents(&out);
    assert_eq!(docs.len(), 60);
    check_files(&report, &docs);
    let Some(chrome) = chromium() else {
        eprintln!("SKIPPED report_of_the_development_set_in_chromium (browser part): no Chromium");
        return;
    };
    let s = open_browser(&chrome);
    s.open(&report, "index.html");
    assert_eq!(
        s.eval("document.querySelectorAll('#docs-body tr').length"),
        50
    );
    assert_eq!(
        s.eval("document.querySelectorAll('#pager button[aria-current]').length"),
        1
    );
    s.open(&report, "map.html");
    let classes = map_classes(&s);
    assert_eq!(classes.len(), 101);
    let about = departements_about(&docs);
    for (code, class) in &classes {
        assert_eq!(
            about.contains_key(code),
            class != "dep c0",
            "{code}: {class}"
        );
    }
    // Overseas départements of the set (Mayotte, Guyane, La Réunion…) are
    // coloured in their insets.
    assert!(about.keys().any(|c| c.len() == 3), "{about:?}");
    // Smaller, so that the whole map and its legend are in the picture.
    s.eval("document.body.style.zoom = '0.72'");
    s.screenshot("map-realworld.png");
    s.eval("document.body.style.zoom = ''");
    s.open(&report, "heatmap.html");
    let n = check_documents(&s, &report, &docs);
    assert!(n > 500, "{n} spans checked");
}

/// `ptsm report` on its own, without a browser: a JSON file that is not a
/// ptsm document is listed and fails the run (exit 1) while the others get
/// their pages; a folder that is not an earlier report is never written
/// into; an earlier report is replaced; one JSON file makes a report.
#[test]
fn report_command_lists_bad_files_and_protects_other_folders() {
    let dir = scratch("command");
    let out = dir.join("out");
    run(&[
        "extract",
        "-q",
        root().join("corpus/meuse-ctsm-2023.txt").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    std::fs::write(out.join("not-ptsm.json"), "{\"hello\": 1}").unwrap();
    let report = dir.join("report");
    let r = Command::new(BIN)
        .args([
            "report",
            "-q",
            out.to_str().unwrap(),
            "-o",
            report.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(String::from_utf8_lossy(&r.stderr).contains("1 JSON file(s) are not ptsm documents"));
    let index = std::fs::read_to_string(report.join("index.html")).unwrap();
    assert!(index.contains("not-ptsm"), "the bad file is listed");
    assert!(report.join("doc/meuse-ctsm-2023.txt.html").is_file());

    // Rerun into the same report: replaced, the old pages gone.
    std::fs::remove_file(out.join("not-ptsm.json")).unwrap();
    std::fs::write(report.join("doc/stale.html"), "old").unwrap();
    run(&[
        "report",
        "-q",
        out.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ]);
    assert!(!report.join("doc/stale.html").exists());
    assert!(!std::fs::read_to_string(report.join("index.html"))
        .unwrap()
        .contains("not-ptsm"));

    // A non-empty folder that is not a report is refused and left alone.
    let other = dir.join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let r = Command::new(BIN)
        .args([
            "report",
            out.to_str().unwrap(),
            "-o",
            other.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!r.status.success());
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("refusing"),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert_eq!(std::fs::read_dir(&other).unwrap().count(), 1);

    // One JSON file.
    let single = dir.join("single");
    run(&[
        "report",
        "-q",
        out.join("meuse-ctsm-2023.txt.json").to_str().unwrap(),
        "-o",
        single.to_str().unwrap(),
    ]);
    assert!(single.join("doc/meuse-ctsm-2023.txt.html").is_file());
}
