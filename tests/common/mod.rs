//! Running the built `dossier` binary from integration tests, and reading
//! its JSON.

// Each test file uses its own subset of these helpers.
#![allow(dead_code)]

pub mod tui;

use std::process::{Command, Output};

use serde_json::Value;

/// Runs `dossier` with `args`. Its cache and reader state go to a folder
/// under the build's own temporary folder, never the real home.
pub fn dossier(args: &[&str]) -> Output {
    let home = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dossier-home");
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("the dossier binary runs")
}

/// Runs `dossier` with `args`, which must succeed, and parses its JSON.
pub fn json(args: &[&str]) -> Value {
    let out = dossier(args);
    assert!(
        out.status.success(),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON on stdout")
}

pub fn rows(v: &Value) -> &Vec<Value> {
    v.as_array().expect("a JSON array")
}

/// The `id` of every row.
pub fn ids(v: &Value) -> Vec<&str> {
    rows(v).iter().map(|r| r["id"].as_str().unwrap()).collect()
}

/// The row whose id starts with `prefix`.
pub fn by_prefix<'a>(v: &'a Value, prefix: &str) -> &'a Value {
    rows(v)
        .iter()
        .find(|r| r["id"].as_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no article {prefix}"))
}
