#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The report page in a real browser: headless Debian Chromium (`/usr/bin/chromium`, or the
//! path in `GOVFRAME_CHROMIUM`).
//!
//! Runs only when `GOVFRAME_BROWSER_TESTS=1` (`.ci/run` sets it and installs Chromium);
//! otherwise each test prints that it was skipped and returns, so `cargo test` passes on a
//! machine without a browser.
//!
//! What is checked: `govframe report` writes the page; Chromium takes a screenshot (a PNG of
//! real size with more than one colour in it) and dumps the DOM after loading (every section
//! and the inline `<svg>` charts are there); Chromium's own log (`--enable-logging=stderr
//! --v=0`) shows no `CONSOLE` line. In this Chromium every console message — `console.error`,
//! an uncaught exception, a refused resource — is logged as an `INFO:CONSOLE` line whatever
//! its level, and the page has no script, so any such line is a failure. A control page with
//! a deliberate error shows that the check does see errors.

use std::path::{Path, PathBuf};
use std::process::Command;

fn enabled(test: &str) -> bool {
    if std::env::var("GOVFRAME_BROWSER_TESTS").as_deref() == Ok("1") {
        true
    } else {
        eprintln!("{test}: skipped (set GOVFRAME_BROWSER_TESTS=1 to run the browser tests)");
        false
    }
}

fn chromium() -> PathBuf {
    std::env::var_os("GOVFRAME_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Runs Chromium headless on `page` with a fresh profile; returns (stdout, stderr).
fn chrome(page: &Path, profile: &Path, extra: &[&str]) -> (String, String) {
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(&url)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", chromium().display()));
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn console_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

/// Width and height of a PNG, after checking its signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.len() > 24, "not a PNG");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

#[test]
fn the_report_opens_in_chromium_without_console_errors() {
    if !enabled("the_report_opens_in_chromium_without_console_errors") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let o = Command::new(env!("CARGO_BIN_EXE_govframe"))
        .args(["report", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = out.join("index.html");

    // Screenshot.
    let shot = tmp.path().join("shot.png");
    let (_, log) = chrome(
        &page,
        &tmp.path().join("profile-1"),
        &[
            "--window-size=1200,3000",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    let console = console_lines(&log);
    assert!(console.is_empty(), "console messages: {console:#?}");
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(png_size(&png), (1200, 3000));
    // A blank page compresses to a few kilobytes; text, tables and charts do not.
    assert!(
        png.len() > 50_000,
        "screenshot of {} bytes looks empty",
        png.len()
    );

    // The DOM after loading.
    let (dom, log) = chrome(&page, &tmp.path().join("profile-2"), &["--dump-dom"]);
    let console = console_lines(&log);
    assert!(console.is_empty(), "console messages: {console:#?}");
    for s in [
        "plan",
        "progress",
        "indicators",
        "index",
        "consensus",
        "landscape",
        "accounts",
        "sources",
    ] {
        assert!(
            dom.contains(&format!("<section id=\"{s}\">")),
            "section {s} missing from the DOM"
        );
    }
    let svgs = dom.matches("<svg").count();
    assert!(svgs >= 1, "no chart in the DOM");
    assert_eq!(
        svgs,
        dom.matches("<figure").count(),
        "a figure without its chart"
    );
    assert!(dom.contains("<nav class=\"toc\""));
    assert!(!dom.contains("<script"));
}

#[test]
fn the_console_check_sees_errors_on_a_control_page() {
    if !enabled("the_console_check_sees_errors_on_a_control_page") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("control.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><p>control</p><script>console.error('control error'); no_such_function();</script></body></html>",
    )
    .unwrap();
    let (_, log) = chrome(&page, &tmp.path().join("profile"), &["--dump-dom"]);
    let console = console_lines(&log);
    assert!(
        console.iter().any(|l| l.contains("control error")),
        "console.error not seen: {log}"
    );
    assert!(
        console
            .iter()
            .any(|l| l.contains("Uncaught ReferenceError")),
        "uncaught exception not seen: {log}"
    );
}
