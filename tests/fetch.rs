//! `ptsm fetch` and URLs given to `ptsm extract`, against an HTTP server
//! the test starts on 127.0.0.1 (a port the system picks): pages, a PDF, a
//! redirect, a 404, a response too slow, a body too large. No other
//! address is touched. The server answers a bounded number of requests and
//! every response is bounded in size and time.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use super::cli::{corpus, ptsm, scratch};

const PAGE: &str = r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Le CTSM de l’Eure est signé | ARS Normandie</title>
<meta property="og:site_name" content="ARS Normandie"></head>
<body><nav><a href="/">Accueil</a></nav><article><h1>Le CTSM de l’Eure est signé</h1>
<p>Le contrat territorial de santé mentale de l’Eure a été signé le 5 mars 2024 à Évreux. Il décline le projet territorial en 18 actions réparties en 4 axes, financées par l’ARS et le Département.</p>
<p><a href="/docs/ctsm-eure.pdf">Télécharger le contrat (PDF)</a></p></article></body></html>"#;

/// A request the server saw: path and User-Agent.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

/// Starts the server; its address ("127.0.0.1:PORT") and what it saw.
fn serve(max_requests: usize) -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("addr").to_string();
    let seen: Seen = Arc::default();
    let log = Arc::clone(&seen);
    thread::spawn(move || {
        for stream in listener.incoming().take(max_requests) {
            let Ok(stream) = stream else { continue };
            let log = Arc::clone(&log);
            thread::spawn(move || answer(stream, &log));
        }
    });
    (addr, seen)
}

fn answer(mut stream: TcpStream, log: &Seen) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut agent = String::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some(v) = h.to_ascii_lowercase().strip_prefix("user-agent:") {
            agent = v.trim().to_string();
        }
    }
    if let Ok(mut l) = log.lock() {
        l.push((path.clone(), agent));
    }
    let send = |s: &mut TcpStream, status: &str, ctype: &str, body: &[u8], extra: &str| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
            body.len()
        );
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(body);
    };
    match path.as_str() {
        "/actualites/ctsm-eure" => send(
            &mut stream,
            "200 OK",
            "text/html; charset=utf-8",
            PAGE.as_bytes(),
            "",
        ),
        "/docs/ctsm-eure.pdf" => {
            let pdf =
                std::fs::read(corpus("normandie-ptsm-2026.reportlab.pdf")).expect("corpus PDF");
            send(&mut stream, "200 OK", "application/pdf", &pdf, "");
        }
        "/ancienne-adresse" => send(
            &mut stream,
            "301 Moved Permanently",
            "text/html",
            b"moved",
            "Location: /actualites/ctsm-eure\r\n",
        ),
        "/lent" => {
            // Slower than the client's limit, bounded all the same.
            thread::sleep(Duration::from_secs(4));
            send(&mut stream, "200 OK", "text/html", PAGE.as_bytes(), "");
        }
        "/enorme" => {
            // Announces 200 MB, sends until the client hangs up (at most
            // 8 MB).
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 209715200\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b'a'; 64 * 1024];
            for _ in 0..128 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
        _ => send(
            &mut stream,
            "404 Not Found",
            "text/html",
            b"<h1>Introuvable</h1>",
            "",
        ),
    }
}

#[test]
fn fetch_stores_pages_and_pdfs_with_their_record() {
    let (addr, seen) = serve(16);
    let d = scratch("fetch");
    let out = d.join("out");
    let list = d.join("urls.txt");
    std::fs::write(
        &list,
        format!("# pages\nhttp://{addr}/ancienne-adresse\n\nhttp://{addr}/docs/ctsm-eure.pdf\nhttp://{addr}/introuvable\n"),
    )
    .unwrap();
    let o = ptsm(&[
        "fetch",
        "--urls",
        list.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--delay",
        "0.3",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    // The 404 fails the run; the others are stored.
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("introuvable: HTTP 404"), "{stderr}");
    let host = addr.replace(':', "_");
    // The redirect's target, named after the final address.
    let page = out.join(&host).join("actualites/ctsm-eure.html");
    assert_eq!(std::fs::read(&page).unwrap(), PAGE.as_bytes());
    let rec: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(page.with_extension("html.fetch.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(rec["url"], format!("http://{addr}/ancienne-adresse"));
    assert_eq!(
        rec["final_url"],
        format!("http://{addr}/actualites/ctsm-eure")
    );
    assert_eq!(rec["status"], 200);
    assert_eq!(rec["content_type"], "text/html; charset=utf-8");
    assert!(rec["fetched_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    let pdf = out.join(&host).join("docs/ctsm-eure.pdf");
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        std::fs::read(corpus("normandie-ptsm-2026.reportlab.pdf")).unwrap()
    );
    assert!(!out.join(&host).join("introuvable").exists());
    // Who asked: ptsm and its version, on every request.
    let seen = seen.lock().unwrap();
    assert!(seen.len() >= 4, "{seen:?}");
    let ua = format!("ptsm/{}", env!("CARGO_PKG_VERSION"));
    assert!(seen.iter().all(|(_, a)| a.starts_with(&ua)), "{seen:?}");
    // The fetched folder converts.
    let json = d.join("json");
    let o = ptsm(&[
        "extract",
        out.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(json
        .join(&host)
        .join("actualites/ctsm-eure.html.json")
        .is_file());
    assert!(json.join(&host).join("docs/ctsm-eure.pdf.json").is_file());
}

#[test]
fn requests_to_one_host_wait_for_the_delay() {
    let (addr, _) = serve(8);
    let d = scratch("fetch-delay");
    let started = std::time::Instant::now();
    let o = ptsm(&[
        "fetch",
        &format!("http://{addr}/actualites/ctsm-eure"),
        &format!("http://{addr}/docs/ctsm-eure.pdf"),
        &format!("http://{addr}/actualites/ctsm-eure"),
        "-o",
        d.to_str().unwrap(),
        "--delay",
        "0.5",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Two waits of half a second between three requests to one host.
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn slow_and_huge_responses_fail_alone() {
    let (addr, _) = serve(8);
    let d = scratch("fetch-bad");
    let o = ptsm(&[
        "fetch",
        &format!("http://{addr}/lent"),
        &format!("http://{addr}/enorme"),
        &format!("http://{addr}/actualites/ctsm-eure"),
        "-o",
        d.to_str().unwrap(),
        "--delay",
        "0",
        "--fetch-timeout",
        "1",
        "--max-download",
        "1",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/lent: timed out"), "{stderr}");
    assert!(
        stderr.contains("/enorme: the body is larger than the limit"),
        "{stderr}"
    );
    assert!(stderr.contains("fetched 1 of 3"), "{stderr}");
}

#[test]
fn extract_takes_addresses_and_names_the_source_by_them() {
    let (addr, _) = serve(8);
    let url = format!("http://{addr}/actualites/ctsm-eure");
    let o = ptsm(&["extract", &url, "--stdout"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["source"]["path"], url);
    assert_eq!(doc["source"]["format"], "html");
    assert_eq!(doc["title"]["text"], "Le CTSM de l’Eure est signé");
    assert_eq!(
        doc["web"]["attachments"][0]["url"],
        format!("http://{addr}/docs/ctsm-eure.pdf")
    );
    // A batch with an address among files.
    let d = scratch("extract-url");
    let out = d.join("out");
    let o = ptsm(&[
        "extract",
        corpus("meuse-ctsm-2023.txt").to_str().unwrap(),
        &url,
        &format!("http://{addr}/introuvable"),
        "-o",
        out.to_str().unwrap(),
        "--delay",
        "0",
        "--quiet",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("introuvable: HTTP 404"), "{stderr}");
    let host = addr.replace(':', "_");
    let got: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join(&host).join("actualites/ctsm-eure.html.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(got["source"]["path"], url);
    assert!(out.join("meuse-ctsm-2023.txt.json").is_file());
    // `ptsm text` too.
    let o = ptsm(&["text", &url]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("Le CTSM de l’Eure est signé\n"));
}
