//! `kb serve` as an author runs it: it serves the built site with the right
//! types, compression, ranges and a 404 page, refuses paths that leave the
//! site, and says plainly when the folder or the port is wrong. (Live
//! reload and the error overlay are checked in a browser:
//! tests/browser/serve.test.mjs.)

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use common::{kb, repo_path};

/// A running `kb serve` on a free port, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(content: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(["serve", "--port", "0", "--content"])
        .arg(content)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kb serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("kb serve prints its URL: {line:?}"))
        .to_string();
    Server { child, addr }
}

/// A raw HTTP/1.1 GET: (status, headers lowercased, body).
fn get(server: &Server, path: &str, headers: &[(&str, &str)]) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    let mut request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
        server.addr
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response");
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let status = head[9..12].parse().unwrap();
    (status, head, raw[split + 4..].to_vec())
}

#[test]
fn kb_serve_sends_wasm_compressed_with_its_type() {
    let server = serve(&repo_path("content"));
    for encoding in ["br", "gzip"] {
        let (status, head, body) = get(&server, "/app_bg.wasm", &[("Accept-Encoding", encoding)]);
        assert_eq!(status, 200);
        assert!(head.contains("content-type: application/wasm"), "{head}");
        assert!(
            head.contains(&format!("content-encoding: {encoding}")),
            "{head}"
        );
        let raw = std::fs::metadata(repo_path("indexer/assets/app/app_bg.wasm"))
            .unwrap()
            .len() as usize;
        assert!(
            body.len() * 2 < raw,
            "{encoding}: {} of {raw} bytes",
            body.len()
        );
    }
}

#[test]
fn kb_serve_answers_a_range_with_206_and_those_bytes() {
    let server = serve(&repo_path("content"));
    let (status, head, body) = get(
        &server,
        "/kb.bundle",
        &[("Range", "bytes=0-99"), ("Accept-Encoding", "br")],
    );
    assert_eq!(status, 206, "{head}");
    assert!(head.contains("content-range: bytes 0-99/"), "{head}");
    assert!(
        !head.contains("content-encoding"),
        "a range is sent as it is: {head}"
    );
    assert_eq!(body.len(), 100);
    assert_eq!(&body[..8], b"KBSEARCH");
}

#[test]
fn kb_serve_shows_a_404_page_and_refuses_paths_that_leave_the_site() {
    let server = serve(&repo_path("content"));
    let (status, _, body) = get(&server, "/entries/no-such-entry.html", &[]);
    assert_eq!(status, 404);
    assert!(String::from_utf8_lossy(&body).contains("This page does not exist"));
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/Cargo.toml",
        "/..%2f..%2fCargo.toml",
    ] {
        let (status, _, body) = get(&server, path, &[]);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(
            !String::from_utf8_lossy(&body).contains("[workspace]"),
            "{path}"
        );
    }
}

#[test]
fn kb_serve_on_a_missing_or_empty_folder_says_so_and_fails() {
    let o = kb(&["serve", "--port", "0", "--content", "/nonexistent/faq"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("does not exist"));
    let empty = tempfile::tempdir().unwrap();
    let o = kb(&[
        "serve",
        "--port",
        "0",
        "--content",
        empty.path().to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no markdown files"));
}

#[test]
fn kb_serve_on_a_taken_port_names_the_port() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = kb(&[
        "serve",
        "--port",
        &port,
        "--content",
        repo_path("content").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(&format!("port {port} is taken")), "{err}");
}
