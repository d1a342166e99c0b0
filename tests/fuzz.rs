//! Mutation fuzzing of the rule-file loader and of the matchers (the reliability bar: "fuzzed rule
//! parser and matchers"). Deterministic: a fixed seed per test, so a failure reproduces; set
//! `ARCHDRIFT_FUZZ_ITERS` for a longer run (`ARCHDRIFT_FUZZ_ITERS=20000 cargo test --release
//! --test fuzz`).
//!
//! Inputs are the real fixture projects' rule files and sources, mutated the ways files break:
//! bytes deleted, lines duplicated or swapped, brackets, quotes and TOML/JSX syntax inserted,
//! invalid UTF-8, truncation, deep nesting. The loader must answer every input with a config or
//! with errors that render (and point inside the file); the engine must check every mutated
//! source without panicking.

mod common;

use std::path::{Path, PathBuf};

use archdrift::check::walk::SourcePath;
use archdrift::check::Engine;
use archdrift::config;
use archdrift::core::ConfigError;
use archdrift::lang::Lang;

/// xorshift64*: small, fast and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn iterations(default: usize) -> usize {
    std::env::var("ARCHDRIFT_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const SNIPPETS: &[&[u8]] = &[
    b"[",
    b"]",
    b"{",
    b"}",
    b"(",
    b")",
    b"\"",
    b"'",
    b"`",
    b"=",
    b",",
    b"\n",
    b"#",
    b"\\",
    b"[[rule]]\n",
    b"kind = \"banned-pattern\"\n",
    b"id = \"x\"\n",
    b"query = \"(call_expression\"\n",
    b"regex = \"(a+)+$\"\n",
    b"paths = [\"**/[\"]\n",
    b"severity = 42\n",
    b"adr = 1\n",
    b"\xff\xfe",
    b"\xc3",
    b"\0",
    b"<div>",
    b"</",
    b"/>",
    b"${",
    b"/*",
    b"*/",
    b"//",
    b"=>",
    b"fn f() {",
    b"#[cfg(test)]",
    b"r#\"",
    b"'a",
    b"<T,>",
    b"/re/g",
    b"\r\n",
    b"\t",
];

/// One random mutation of `data`.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    let len = data.len();
    match rng.below(8) {
        // delete a range
        0 if len > 0 => {
            let a = rng.below(len);
            let b = (a + 1 + rng.below(40)).min(len);
            data.drain(a..b);
        }
        // insert a snippet
        1..=3 => {
            let s = SNIPPETS[rng.below(SNIPPETS.len())];
            let at = rng.below(len + 1);
            data.splice(at..at, s.iter().copied());
        }
        // duplicate a slice elsewhere
        4 if len > 0 => {
            let a = rng.below(len);
            let b = (a + 1 + rng.below(200)).min(len);
            let piece = data[a..b].to_vec();
            let at = rng.below(len + 1);
            data.splice(at..at, piece);
        }
        // flip a byte
        5 if len > 0 => {
            let at = rng.below(len);
            data[at] = rng.next() as u8;
        }
        // truncate
        6 if len > 0 => data.truncate(rng.below(len)),
        // deep nesting
        7 => {
            let at = rng.below(len + 1);
            let open = [b"(".as_slice(), b"{", b"[", b"<a>", b"`${"][rng.below(5)];
            let n = 50 + rng.below(3000);
            let piece: Vec<u8> = open.iter().copied().cycle().take(open.len() * n).collect();
            data.splice(at..at, piece);
        }
        _ => {}
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn files_with(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = ignore::WalkBuilder::new(dir)
        .build()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    out.sort();
    out
}

/// Every error renders as a miette report, and a located one points inside the file.
fn errors_render(errors: &[ConfigError]) {
    assert!(!errors.is_empty());
    for e in errors {
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, e)
            .expect("renders");
        assert!(!out.is_empty());
    }
}

#[test]
fn mutated_rule_files_load_or_fail_with_a_diagnostic() {
    let mut rng = Rng(0x5eed_0001);
    let tmp = tempfile::tempdir().unwrap();
    let mut targets = Vec::new();
    for fixture in [
        "react-monorepo",
        "rust-service",
        "layered-monorepo",
        "duplicates",
    ] {
        let dir = tmp.path().join(fixture);
        std::fs::create_dir_all(&dir).unwrap();
        copy_dir(&common::fixture(fixture), &dir);
        for f in files_with(&dir, &["toml"]) {
            targets.push((dir.join("archdrift.toml"), f));
        }
    }
    // the shipped packs too, included from a config that describes a design system
    let packs = tmp.path().join("packs");
    std::fs::create_dir_all(&packs).unwrap();
    copy_dir(&common::fixture("react-monorepo"), &packs);
    let rules_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for f in files_with(&rules_dir, &["toml"]) {
        let dest = packs.join("archdrift/rules").join(f.file_name().unwrap());
        std::fs::copy(&f, &dest).unwrap();
        targets.push((packs.join("archdrift.toml"), dest));
    }
    let (mut loaded, mut failed) = (0, 0);
    let n = iterations(80);
    for i in 0..n {
        let (config_file, target) = &targets[i % targets.len()];
        let original = std::fs::read(target).unwrap();
        let mut data = original.clone();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut data);
        }
        std::fs::write(target, &data).unwrap();
        let result = std::panic::catch_unwind(|| config::load(config_file));
        std::fs::write(target, &original).unwrap();
        match result {
            Ok(Ok(_)) => loaded += 1,
            Ok(Err(errors)) => {
                errors_render(&errors);
                failed += 1;
            }
            Err(_) => panic!(
                "config::load panicked on a mutation of {}:\n{}",
                target.display(),
                String::from_utf8_lossy(&data)
            ),
        }
    }
    // the mutations exercise both outcomes
    assert!(
        loaded > n / 20 && failed > n / 20,
        "{loaded} loaded, {failed} failed"
    );
}

#[test]
fn mutated_sources_are_checked_without_a_panic() {
    let mut rng = Rng(0x5eed_0002);
    let mut cases = Vec::new();
    for fixture in [
        "react-monorepo",
        "rust-service",
        "layered-monorepo",
        "duplicates",
    ] {
        let dir = common::fixture(fixture);
        let cfg = config::load(&dir.join("archdrift.toml")).expect("fixture config loads");
        let files = files_with(&dir, &["ts", "tsx", "js", "jsx", "rs"]);
        cases.push((dir, std::sync::Arc::new(cfg), files));
    }
    let engines: Vec<Engine> = cases
        .iter()
        .map(|(_, cfg, _)| Engine::new(cfg.clone()).expect("engine"))
        .collect();
    let n = iterations(1500);
    let mut checked = 0;
    for i in 0..n {
        let (dir, _, files) = &cases[i % cases.len()];
        let engine = &engines[i % cases.len()];
        let path = &files[rng.below(files.len())];
        let mut data = std::fs::read(path).unwrap();
        for _ in 0..1 + rng.below(6) {
            mutate(&mut rng, &mut data);
        }
        let rel = path
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let sp = SourcePath {
            lang: Lang::from_path(path).unwrap(),
            rel,
            path: path.clone(),
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine.check_bytes(&sp, &data)
        }));
        assert!(
            outcome.is_ok(),
            "the engine panicked on a mutation of {}:\n{}",
            path.display(),
            String::from_utf8_lossy(&data)
        );
        checked += 1;
    }
    assert_eq!(checked, n);
}
