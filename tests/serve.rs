//! `xxgk serve`, from outside: the server is started as a user starts it, and spoken to over
//! HTTP as a browser (or a hostile page) would: the token, the Host check, CSRF and Origin,
//! uploads landing inside the workspace only, a batch per upload with its progress, the
//! dataset's files; and the page in headless Chromium.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `xxgk serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    token: String,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(inputs: &[&Path], workspace: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["serve", "--no-browser", "--workspace"])
        .arg(workspace)
        .args(inputs)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let url = line
        .split_whitespace()
        .find_map(|w| w.split("：").last().filter(|u| u.starts_with("http://")))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let port = url
        .trim_start_matches("http://127.0.0.1:")
        .split('/')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{url}"));
    let token = url.split("token=").nth(1).unwrap_or_default().to_string();
    Server {
        child,
        port,
        token,
        url,
    }
}

/// One HTTP/1.1 request: status, headers (lowercase names) and body.
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("{e}"));
    let _ = s.set_read_timeout(Some(Duration::from_secs(30)));
    let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(head.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    s.write_all(body).unwrap_or_else(|e| panic!("{e}"));
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut body = raw.get(split + 4..).unwrap_or_default().to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    (status, head, body)
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = b.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..end]).trim(), 16).unwrap_or(0);
        if size == 0 || b.len() < end + 2 + size {
            break;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[(end + 4 + size).min(b.len())..];
    }
    out
}

/// The rules `findings.csv` names for one file.
fn rules_of(port: u16, cookie: &str, file: &str) -> Vec<String> {
    let (_, _, findings) = http(port, "GET", "/out/findings.csv", &[("Cookie", cookie)], b"");
    String::from_utf8_lossy(&findings)
        .lines()
        .filter(|l| l.starts_with(file))
        .filter_map(|l| l.split(',').nth(1).map(str::to_string))
        .collect()
}

/// The status of `/issues` for a file.
fn ask_issues(server: &Server, cookie: &str, file: &str) -> u16 {
    let quoted: String = file.bytes().map(|b| format!("%{b:02X}")).collect();
    let path = format!("/issues?file={quoted}");
    http(server.port, "GET", &path, &[("Cookie", cookie)], b"").0
}

/// The job state, once the batch that makes `generation` has finished (60 s at most).
fn wait_for(server: &Server, cookie: &str, generation: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (code, _, body) = http(server.port, "GET", "/status", &[("Cookie", cookie)], b"");
        assert_eq!(code, 200);
        let job: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        if job["running"] == false && job["generation"].as_u64() >= Some(generation) {
            return job;
        }
        assert!(Instant::now() < deadline, "no dataset: {job}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_workbench_reads_uploads_and_refuses_what_a_stranger_sends() {
    let dir = std::env::temp_dir().join(format!("xxgk-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let drafts = dir.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap_or_else(|e| panic!("{e}"));
    let fixture = fixtures().join("inconsistent/inc01.R3-granted.docx");
    std::fs::copy(&fixture, drafts.join("a.docx")).unwrap_or_else(|e| panic!("{e}"));
    let seed = seed("000");
    std::fs::copy(&seed, drafts.join("web.txt")).unwrap_or_else(|e| panic!("{e}"));
    let workspace = dir.join("ws");
    let server = start(&[&drafts], &workspace);
    let port = server.port;

    // No token, a wrong token, a wrong Host: refused.
    assert_eq!(http(port, "GET", "/", &[], b"").0, 401);
    assert_eq!(http(port, "GET", "/?token=0000", &[], b"").0, 401);
    let cookie = format!("xxgk-{port}={}", server.token);
    let evil = [("Host", "evil.example:80"), ("Cookie", cookie.as_str())];
    assert_eq!(http(port, "GET", "/status", &evil, b"").0, 403);
    // Another server's cookie (browsers share cookies across ports) is not this one's.
    let other = format!("xxgk-1={}", server.token);
    assert_eq!(
        http(port, "GET", "/status", &[("Cookie", &other)], b"").0,
        401
    );
    // The link's token becomes a cookie of this port's, and the address loses it.
    let (code, head, _) = http(port, "GET", &format!("/?token={}", server.token), &[], b"");
    assert_eq!(code, 303);
    let set = head
        .lines()
        .find(|l| l.starts_with("set-cookie:"))
        .unwrap_or_default();
    for part in [
        cookie.to_lowercase().as_str(),
        "httponly",
        "samesite=strict",
    ] {
        assert!(set.contains(part), "{set}");
    }
    assert!(
        head.contains("location: /\r") || head.ends_with("location: /"),
        "{head}"
    );
    // A link never leads off the server.
    let (code, head, _) = http(
        port,
        "GET",
        &format!("//evil.example/?token={}", server.token),
        &[],
        b"",
    );
    assert_eq!(code, 303);
    assert!(!head.contains("location: //"), "{head}");
    let with_cookie = [("Cookie", cookie.as_str())];
    let job = wait_for(&server, &cookie, 1);
    assert_eq!(job["counts"][0], 2, "{job}");

    // The page carries the CSRF token; a change without it, or from another origin, is refused.
    let (code, head, page) = http(port, "GET", "/", &with_cookie, b"");
    assert_eq!(code, 200);
    assert!(head.contains("content-security-policy"));
    let page = String::from_utf8_lossy(&page).to_string();
    assert!(page.contains("年报检查台"));
    let data = page
        .split("<script type=\"application/json\" id=\"data\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap_or_default();
    let data: serde_json::Value = serde_json::from_str(data).unwrap_or_default();
    let csrf = data["csrf"].as_str().unwrap_or_default().to_string();
    assert_eq!(csrf.len(), 32);
    let docx = std::fs::read(&fixture).unwrap_or_default();
    let put = |path: &str, extra: &[(&str, &str)]| {
        let mut h = vec![("Cookie", cookie.as_str())];
        h.extend_from_slice(extra);
        http(port, "PUT", path, &h, &docx).0
    };
    assert_eq!(put("/upload?path=b.docx", &[]), 403);
    let wrong_host = ("Host", "rebound.example:80");
    let csrf_ok = ("X-XXGK-CSRF", csrf.as_str());
    assert_eq!(put("/upload?path=b.docx", &[csrf_ok, wrong_host]), 403);
    let csrf_header = ("X-XXGK-CSRF", csrf.as_str());
    let stranger = ("Origin", "http://evil.example");
    assert_eq!(put("/upload?path=b.docx", &[csrf_header, stranger]), 403);
    // With both: stored inside the workspace, whatever the name says.
    let origin = format!("http://127.0.0.1:{port}");
    let ours = ("Origin", origin.as_str());
    assert_eq!(
        put(
            "/upload?path=%E8%8D%89%E7%A8%BF/b.docx",
            &[csrf_header, ours]
        ),
        201
    );
    assert_eq!(put("/upload?path=/c.docx", &[csrf_header]), 201);
    assert!(workspace.join("inputs/草稿/b.docx").is_file());
    assert!(workspace.join("inputs/c.docx").is_file());
    // A name that could leave the folder, or name a device, is refused whole.
    for bad in [
        "../../escape.docx",
        "a/../../escape.docx",
        "..",
        "nul.docx",
        "x.docx:s",
    ] {
        let path = format!("/upload?path={}", bad.replace('/', "%2F"));
        assert_eq!(put(&path, &[csrf_header]), 400, "{bad}");
    }
    assert!(!dir.join("escape.docx").exists() && !workspace.join("escape.docx").exists());
    // Nothing half-written is left where the batch reads.
    let leftovers = std::fs::read_dir(workspace.join(".tmp")).map_or(0, |d| d.count());
    assert_eq!(leftovers, 0);
    // A run reads them all.
    let run = [("Cookie", cookie.as_str()), csrf_header];
    assert_eq!(http(port, "POST", "/run", &run, b"").0, 202);
    let job = wait_for(&server, &cookie, 2);
    assert_eq!(job["counts"][0], 4, "{job}");
    let (code, head, manifest) = http(port, "GET", "/out/manifest.csv", &with_cookie, b"");
    assert_eq!(code, 200);
    assert!(head.contains("attachment"));
    let manifest = String::from_utf8_lossy(&manifest).to_string();
    assert!(
        manifest.contains("草稿/b.docx") && manifest.contains("inputs/c.docx"),
        "{manifest}"
    );
    // No other file is served.
    for path in [
        "/out/..%2F..%2Fdrafts%2Fa.docx",
        "/out/.xxgk-journal.jsonl",
        "/out/x",
    ] {
        assert_eq!(http(port, "GET", path, &with_cookie, b"").0, 404, "{path}");
    }
    let (code, _, review) = http(port, "GET", "/out/report.html", &with_cookie, b"");
    assert_eq!(code, 200);
    let review = String::from_utf8_lossy(&review).to_string();
    assert!(review.contains(&format!("window.XXGK_EDIT={{\"csrf\":\"{csrf}\"}}")));

    // A correction: a.docx prints 19 granted where its applicants add up to 18 (R3, and R2
    // on the total column). Corrected to 18, both go; K1 names the correction everywhere.
    let a = manifest
        .lines()
        .find_map(|l| l.split(',').next().filter(|f| f.ends_with("drafts/a.docx")))
        .unwrap_or_else(|| panic!("{manifest}"))
        .to_string();
    let granted = xxgk::model::codebook()
        .iter()
        .position(|c| c.name == "applications.granted.total")
        .unwrap_or_default();
    let correct = |file: &str, value: &str, reason: &str| {
        let body =
            serde_json::json!({"file": file, "index": granted, "value": value, "reason": reason});
        let h = [
            ("Cookie", cookie.as_str()),
            csrf_header,
            ("Content-Type", "application/json"),
        ];
        http(port, "POST", "/correct", &h, body.to_string().as_bytes()).0
    };
    assert_eq!(correct(&a, "-1", "x"), 400, "a count is never negative");
    assert_eq!(correct(&a, "18", " "), 400, "a reason is required");
    assert_eq!(
        correct("/etc/passwd", "18", "x"),
        400,
        "only the workspace's files"
    );
    assert_eq!(correct(&a, "18", "原件为18"), 202);
    wait_for(&server, &cookie, 3);
    let rules = rules_of(port, &cookie, &a);
    assert!(rules.iter().any(|r| r == "K1"), "{rules:?}");
    assert!(!rules.iter().any(|r| r == "R3" || r == "R2"), "{rules:?}");
    let kept = std::fs::read_to_string(workspace.join("corrections.json")).unwrap_or_default();
    assert!(kept.contains("原件为18") && kept.contains("applications.granted.total"));
    let (_, _, review) = http(port, "GET", "/out/report.html", &with_cookie, b"");
    assert!(String::from_utf8_lossy(&review).contains("审核更正：19 → 18（原件为18"));
    // A text file's original lines around a place, the place's line among them.
    let web = manifest
        .lines()
        .find_map(|l| l.split(',').next().filter(|f| f.ends_with("web.txt")))
        .unwrap_or_default()
        .to_string();
    let quoted = |f: &str| f.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let (code, _, lines) = http(
        port,
        "GET",
        &format!("/source?file={}&line=12", quoted(&web)),
        &with_cookie,
        b"",
    );
    assert_eq!(code, 200);
    let lines: serde_json::Value = serde_json::from_slice(&lines).unwrap_or_default();
    let text = std::fs::read_to_string(&seed).unwrap_or_default();
    let twelfth = text.split('\n').nth(11).unwrap_or("").trim_end();
    assert_eq!(
        lines["lines"][4],
        serde_json::json!([12, twelfth]),
        "{lines}"
    );
    assert_eq!(lines["lines"].as_array().map(Vec::len), Some(9));
    // Only a text file of the dataset: not a Word file, not a file the dataset does not hold.
    for file in [a.as_str(), "/etc/passwd"] {
        let path = format!("/source?file={}&line=1", quoted(file));
        assert_eq!(http(port, "GET", &path, &with_cookie, b"").0, 404, "{file}");
    }
    // The corrected report in the official layout, to hand back.
    let (code, head, docx) = http(
        port,
        "GET",
        &format!("/render?file={}&to=docx", quoted(&a)),
        &with_cookie,
        b"",
    );
    assert_eq!(code, 200);
    assert!(head.contains("filename*=utf-8''a.docx"), "{head}");
    let back = dir.join("back.docx");
    std::fs::write(&back, &docx).unwrap_or_else(|e| panic!("{e}"));
    let read = parse_json(&back);
    assert_eq!(
        read["applications"]["granted"][6], 18,
        "the corrected value"
    );
    let (code, ..) = http(port, "GET", "/render?file=nope&to=xlsx", &with_cookie, b"");
    assert_eq!(code, 404);
    // Taken back: the value read again, its findings back, the correction gone from the file.
    let undo = serde_json::json!({"file": a, "index": granted, "undo": true}).to_string();
    let h = [
        ("Cookie", cookie.as_str()),
        csrf_header,
        ("Content-Type", "application/json"),
    ];
    assert_eq!(http(port, "POST", "/correct", &h, undo.as_bytes()).0, 202);
    wait_for(&server, &cookie, 4);
    // Nothing left to take back: refused, and no run.
    assert_eq!(http(port, "POST", "/correct", &h, undo.as_bytes()).0, 404);
    let rules = rules_of(port, &cookie, &a);
    assert!(
        rules.iter().any(|r| r == "R3") && !rules.iter().any(|r| r == "K1"),
        "{rules:?}"
    );
    let kept = std::fs::read_to_string(workspace.join("corrections.json")).unwrap_or_default();
    assert!(!kept.contains("原件为18"), "{kept}");
    drop(server);
    // Closing and reopening loses nothing: the uploads are read again.
    let again = start(&[], &workspace);
    let cookie = format!("xxgk-{}={}", again.port, again.token);
    let job = wait_for(&again, &cookie, 1);
    assert_eq!(job["counts"][0], 2, "the two uploads: {job}");
    drop(again);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A finding shows its original: on a PDF the page it is on, drawn, with its place outlined;
/// on a DOCX its table as read, its cell marked; only reports of the dataset.
#[test]
fn the_workbench_shows_the_original_of_a_finding() {
    let dir = std::env::temp_dir().join(format!("xxgk-serve-pdf-{}", std::process::id()));
    let (input, workspace) = (dir.join("drafts"), dir.join("ws"));
    std::fs::create_dir_all(&input).unwrap_or_else(|e| panic!("{e}"));
    let pdf = input.join("镇.pdf");
    std::fs::copy(fixtures().join("pdf/004.labels.utf8.wk.pdf"), &pdf)
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(
        fixtures().join("inconsistent/inc01.R3-granted.docx"),
        input.join("局.docx"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let server = start(&[input.as_path()], &workspace);
    let cookie = format!("xxgk-{}={}", server.port, server.token);
    let with_cookie = [("Cookie", cookie.as_str())];
    wait_for(&server, &cookie, 1);
    let (_, _, manifest) = http(server.port, "GET", "/out/manifest.csv", &with_cookie, b"");
    let manifest = String::from_utf8_lossy(&manifest).to_string();
    let named = |ext: &str| {
        manifest
            .lines()
            .find_map(|l| l.split(',').next().filter(|f| f.ends_with(ext)))
            .unwrap_or_default()
            .to_string()
    };
    let (file, docx) = (named(".pdf"), named(".docx"));
    // The review page gives the finding's place on the page (C3 and X2 on table 三's last row).
    let (_, _, review) = http(server.port, "GET", "/out/report.html", &with_cookie, b"");
    let at = serde_json::json!({"kind": "page", "page": 2,
        "at": {"kind": "table_cell", "table": 1, "row": 26, "col": 1}});
    let shown =
        r#""at":{"kind":"page","page":2,"at":{"kind":"table_cell","table":1,"row":26,"col":1}}"#;
    assert!(String::from_utf8_lossy(&review).contains(shown));
    let quoted = |f: &str| f.bytes().map(|b| format!("%{b:02X}")).collect::<String>();
    let ask = |file: &str, at: &serde_json::Value| {
        let path = format!(
            "/original?file={}&at={}",
            quoted(file),
            quoted(&at.to_string())
        );
        let (code, _, body) = http(server.port, "GET", &path, &with_cookie, b"");
        (
            code,
            serde_json::from_slice::<serde_json::Value>(&body).unwrap_or_default(),
        )
    };
    let (code, view) = ask(&file, &at);
    assert_eq!(code, 200);
    assert_eq!(view["kind"], "page");
    let svg = view["svg"].as_str().unwrap_or_default();
    assert!(
        svg.starts_with("<svg") && svg.len() > 10_000,
        "{}",
        svg.len()
    );
    let (w, h) = (
        view["width"].as_f64().unwrap_or(0.0),
        view["height"].as_f64().unwrap_or(0.0),
    );
    assert_eq!((w.round(), h.round()), (595.0, 842.0));
    let mark: Vec<f64> = serde_json::from_value(view["mark"].clone()).unwrap_or_default();
    assert_eq!(mark.len(), 4, "{}", view["mark"]);
    // The label cell of a row: at the table's left, one row high, in the page's lower part.
    assert!(
        0.0 < mark[0] && mark[0] < mark[2] && mark[2] < w * 0.75,
        "{mark:?}"
    );
    assert!(
        mark[1] < mark[3] && mark[3] - mark[1] < 60.0 && mark[1] > h / 4.0,
        "{mark:?}"
    );
    // A place not on the page: the page, nothing outlined.
    let elsewhere = serde_json::json!({"kind": "page", "page": 2,
        "at": {"kind": "table_cell", "table": 9, "row": 1, "col": 1}});
    assert_eq!(ask(&file, &elsewhere).1["mark"], serde_json::Value::Null);
    // Not a page place, a page the file has not, a file the dataset does not hold: 404.
    let line = serde_json::json!({"kind": "line", "line": 3});
    let far = serde_json::json!({"kind": "page", "page": 40, "at": {"kind": "line", "line": 1}});
    for (file, at) in [
        (file.as_str(), &line),
        (file.as_str(), &far),
        ("/etc/passwd", &at),
    ] {
        assert_eq!(ask(file, at).0, 404, "{file} {at}");
    }
    // A DOCX's finding: its table as read, the place's cell marked (R3 on 第2个表格第6行第9格).
    let cell = serde_json::json!({"kind": "table_cell", "table": 2, "row": 6, "col": 9});
    let (code, shown) = ask(&docx, &cell);
    assert_eq!((code, &shown["kind"]), (200, &serde_json::json!("table")));
    let rows = shown["rows"].as_array().cloned().unwrap_or_default();
    let marked: Vec<&serde_json::Value> = rows
        .iter()
        .flat_map(|r| r.as_array().into_iter().flatten())
        .filter(|c| c[3] == true)
        .collect();
    assert_eq!(marked.len(), 1, "{shown}");
    assert_eq!(marked[0][0], "19");
    // The dataset's files come as they are on disk (streamed, in chunks).
    for name in ["xxgk.sqlite", "xxgk.xlsx", "values.csv"] {
        let (code, head, body) = http(
            server.port,
            "GET",
            &format!("/out/{name}"),
            &with_cookie,
            b"",
        );
        let disk = std::fs::read(workspace.join("out").join(name)).unwrap_or_default();
        assert_eq!(code, 200);
        assert!(
            head.contains("attachment") && body == disk && !disk.is_empty(),
            "{name}"
        );
    }
    // The department's 问题清单 workbook: its reports' findings (R3 of 局.docx), no other's.
    let path = format!("/issues?file={}", quoted(&docx));
    let (code, head, xlsx) = http(server.port, "GET", &path, &with_cookie, b"");
    assert_eq!(code, 200, "{}", String::from_utf8_lossy(&xlsx));
    assert!(head.contains("filename*=utf-8''%e9%97%ae"), "{head}");
    let mut book =
        zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap_or_else(|e| panic!("{e}"));
    // Every part's text (sheets written in constant memory hold their strings inline).
    let mut strings = String::new();
    for i in 0..book.len() {
        if let Ok(mut part) = book.by_index(i) {
            let _ = std::io::Read::read_to_string(&mut part, &mut strings);
        }
    }
    assert!(
        strings.contains("局.docx") && strings.contains("六类申请人之和为18"),
        "{strings}"
    );
    assert!(
        !strings.contains("镇.pdf") && !strings.contains("金斗营镇"),
        "{strings}"
    );
    assert_eq!(ask_issues(&server, &cookie, "/etc/passwd"), 404);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
#[ignore = "needs chromium: .ci/run installs it and runs it with --ignored"]
fn the_workbench_page_shows_the_dataset_in_chromium() {
    let Some(bin) = chromium() else {
        panic!("no Chromium found: install Debian's `chromium`, or set XXGK_CHROMIUM");
    };
    let dir = std::env::temp_dir().join(format!("xxgk-serve-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = start(&[&fixtures().join("inconsistent")], &dir.join("ws"));
    let cookie = format!("xxgk-{}={}", server.port, server.token);
    let job = wait_for(&server, &cookie, 1);
    let files = job["counts"][0].as_u64().unwrap_or(0);
    assert!(files > 5, "{job}");
    // The address printed at start: the token becomes a cookie, the page polls and shows.
    let dom = run_chromium(
        &bin,
        &dir.join("profile"),
        &["--dump-dom".into(), "--virtual-time-budget=10000".into()],
        &server.url,
    );
    let doc = scraper::Html::parse_document(&dom);
    let tiles: Vec<String> = doc.select(&sel("#counts .tile b")).map(text).collect();
    assert_eq!(
        tiles.first().map(String::as_str),
        Some(files.to_string().as_str()),
        "{dom}"
    );
    let frame = doc
        .select(&sel("#view"))
        .next()
        .and_then(|f| f.value().attr("src"));
    assert_eq!(frame, Some("/out/report.html?g=1"), "{dom}");
    let links = doc.select(&sel("#files a")).count();
    assert_eq!(
        links,
        xxgk_batch::OUTPUT_FILES.len() - 1,
        "every dataset file but the page itself"
    );
    let _ = run_chromium(
        &bin,
        &dir.join("profile2"),
        &[
            "--screenshot=".to_string() + &dir.join("workbench.png").display().to_string(),
            "--window-size=1300,1000".into(),
            "--virtual-time-budget=10000".into(),
        ],
        &server.url,
    );
    assert!(dir.join("workbench.png").is_file());
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The workbench driven as a reviewer drives it (`tests/browser/workbench.cjs`, playwright-core
/// on Debian's Chromium): pick a folder and a zip, filter, open a report, correct a value and
/// see its findings go, see a PDF page with the place outlined, export and open the files.
/// Screenshots are left in `target/workbench-shots` for a person to look at.
#[test]
#[ignore = "needs chromium and node's playwright-core: .ci/run installs them and runs it with --ignored"]
fn a_reviewer_drives_the_workbench_in_chromium() {
    let Some(bin) = chromium() else {
        panic!("no Chromium found: install Debian's `chromium`, or set XXGK_CHROMIUM");
    };
    let Some(modules) = std::env::var_os("XXGK_NODE_PATH") else {
        panic!(
            "no playwright-core: set XXGK_NODE_PATH to a node_modules holding it (.ci/run does)"
        );
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = root.join("target/workbench-shots");
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new("node")
        .arg(root.join("tests/browser/workbench.cjs"))
        .arg(env!("CARGO_BIN_EXE_xxgk"))
        .arg(&bin)
        .arg(fixtures())
        .arg(&out)
        .env("NODE_PATH", modules)
        .output()
        .unwrap_or_else(|e| panic!("node: {e}"));
    let said =
        String::from_utf8_lossy(&run.stdout).to_string() + &String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("ok: uploaded, filtered, corrected"), "{said}");
    for shot in ["1-overview", "2-report", "3-corrected", "4-pdf-page"] {
        let png = std::fs::read(out.join(format!("{shot}.png"))).unwrap_or_default();
        assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "{shot}");
    }
}
