//! Mutation fuzzing of the rule-file loader and of the matchers (the reliability bar: "fuzzed rule
//! parser and matchers"). Deterministic: a fixed seed per test, so a failure reproduces; set
//! `ARCHDRIFT_FUZZ_ITERS` for a longer run (`ARCHDRIFT_FUZZ_ITERS=20000 cargo test --release
//! --test fuzz`), or `ARCHDRIFT_FUZZ_SECONDS` to run each test until a time budget is spent.
//! `ARCHDRIFT_FUZZ_CORPUS=/path/a:/path/b` adds the `.ts/.tsx/.js/.jsx/.rs` files under those
//! directories as seeds of the source test (at most 2,000, sampled with the fixed seed; files
//! over 256 KB are left out).
//!
//! Every case runs on a worker thread with a time limit of 2 s (optimised builds; see
//! [`case_limit`]): a case over it is a failure that
//! names the seed and the mutation round, and writes the case to a temporary file.
//!
//! Inputs are the real fixture projects' rule files and sources, mutated the ways files break:
//! bytes deleted, lines duplicated or swapped, brackets, quotes and TOML/JSX syntax inserted,
//! invalid UTF-8, truncation, deep nesting. The loader must answer every input with a config or
//! with errors that render (and point inside the file); the engine must check every mutated
//! source without panicking.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

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

/// How long a test runs: `default` cases, or `ARCHDRIFT_FUZZ_ITERS` cases, or as many as fit in
/// `ARCHDRIFT_FUZZ_SECONDS`.
struct Budget {
    cases: usize,
    until: Option<Instant>,
}

impl Budget {
    fn from_env(default: usize) -> Budget {
        let seconds = std::env::var("ARCHDRIFT_FUZZ_SECONDS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok());
        Budget {
            cases: iterations(default),
            until: seconds.map(|s| Instant::now() + Duration::from_secs(s)),
        }
    }
    fn more(&self, done: usize) -> bool {
        match self.until {
            Some(t) => Instant::now() < t,
            None => done < self.cases,
        }
    }
}

/// The time one case may take: 2 s in an optimised build (`--release`, the long runs); an
/// unoptimised `cargo test` build is 10–20 times slower, so there the limit only catches hangs.
/// `ARCHDRIFT_FUZZ_CASE_MS` sets it.
fn case_limit() -> Duration {
    let default = if cfg!(debug_assertions) {
        30_000
    } else {
        2_000
    };
    Duration::from_millis(
        std::env::var("ARCHDRIFT_FUZZ_CASE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}

/// How a case ended when it did not return in time or panicked.
enum CaseFailure {
    Panicked(String),
    /// Over the limit; how long it took in the end, if it finished within a minute.
    TooSlow(Option<Duration>),
}

/// Runs `work` on its own thread and waits [`case_limit`] for it. A case over the limit is
/// given a minute more to learn how slow it is; one still running then is left behind (the test
/// fails anyway).
fn run_limited<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, CaseFailure> {
    let (tx, rx) = std::sync::mpsc::channel();
    let start = Instant::now();
    std::thread::Builder::new()
        .name("fuzz-case".into())
        .stack_size(8 << 20)
        .spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
            let _ = tx.send(r);
        })
        .expect("spawn a fuzz case");
    let panic_message = |p: Box<dyn std::any::Any + Send>| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    };
    match rx.recv_timeout(case_limit()) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(p)) => Err(CaseFailure::Panicked(panic_message(p))),
        Err(_) => match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(_) => Err(CaseFailure::TooSlow(Some(start.elapsed()))),
            Err(_) => Err(CaseFailure::TooSlow(None)),
        },
    }
}

/// Failures seen so far. The first one fails the test, unless `ARCHDRIFT_FUZZ_KEEP_GOING` is set
/// (long runs): then every one is written out and the test fails at its end, listing them.
#[derive(Default)]
struct Failures(Vec<String>);

impl Failures {
    fn add(&mut self, what: &str, seed: &Path, case: usize, data: &[u8], failure: CaseFailure) {
        let msg = describe_failure(what, seed, case, data, failure);
        if std::env::var_os("ARCHDRIFT_FUZZ_KEEP_GOING").is_none() {
            panic!("{msg}");
        }
        eprintln!("{msg}");
        self.0.push(msg);
    }
    fn check(self) {
        assert!(
            self.0.is_empty(),
            "{} failing cases:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}

/// Writes a failing case where it survives the test, and says what went wrong.
fn describe_failure(
    what: &str,
    seed: &Path,
    case: usize,
    data: &[u8],
    failure: CaseFailure,
) -> String {
    let ext = seed.extension().and_then(|e| e.to_str()).unwrap_or("txt");
    let dir = std::env::temp_dir().join("archdrift-fuzz");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(format!("{what}-case-{case}.{ext}"));
    std::fs::write(&out, data).unwrap();
    let how = match failure {
        CaseFailure::Panicked(msg) => format!("panicked: {msg}"),
        CaseFailure::TooSlow(Some(d)) => {
            format!(
                "took {:.1} s (over the {:.1} s limit)",
                d.as_secs_f64(),
                case_limit().as_secs_f64()
            )
        }
        CaseFailure::TooSlow(None) => format!(
            "did not finish within a minute (limit {:.1} s)",
            case_limit().as_secs_f64()
        ),
    };
    format!(
        "{what}: case {case}, a mutation of {}, {how}; the case is in {}",
        seed.display(),
        out.display()
    )
}

/// Seeds from `ARCHDRIFT_FUZZ_CORPUS` (directories separated by `:`): source files under 256 KB,
/// at most 2,000, picked and ordered by `rng`. Each with its path relative to its directory.
fn corpus_seeds(rng: &mut Rng) -> Vec<(PathBuf, String)> {
    let Ok(dirs) = std::env::var("ARCHDRIFT_FUZZ_CORPUS") else {
        return Vec::new();
    };
    let mut all = Vec::new();
    for dir in dirs.split(':').filter(|d| !d.is_empty()) {
        let dir = Path::new(dir);
        assert!(
            dir.is_dir(),
            "ARCHDRIFT_FUZZ_CORPUS: {} is not a directory",
            dir.display()
        );
        for f in files_with(dir, &["ts", "tsx", "js", "jsx", "rs"]) {
            if std::fs::metadata(&f).is_ok_and(|m| m.is_file() && m.len() <= 256 * 1024) {
                let rel = f
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                all.push((f, rel));
            }
        }
    }
    // a partial Fisher-Yates shuffle: the first 2,000 of a seeded permutation
    let take = all.len().min(2000);
    for i in 0..take {
        let j = i + rng.below(all.len() - i);
        all.swap(i, j);
    }
    all.truncate(take);
    all
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
    let mut failures = Failures::default();
    let budget = Budget::from_env(80);
    let mut n = 0;
    while budget.more(n) {
        let (config_file, target) = &targets[n % targets.len()];
        let original = std::fs::read(target).unwrap();
        let mut data = original.clone();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut data);
        }
        std::fs::write(target, &data).unwrap();
        let file = config_file.clone();
        let result = run_limited(move || {
            // rendering is part of the case: it must not hang or panic either
            let r = config::load(&file);
            if let Err(errors) = &r {
                errors_render(errors);
            }
            r.is_ok()
        });
        std::fs::write(target, &original).unwrap();
        match result {
            Ok(true) => loaded += 1,
            Ok(false) => failed += 1,
            Err(f) => failures.add("rule-file", target, n, &data, f),
        }
        n += 1;
    }
    eprintln!("rule files: {n} cases, {loaded} loaded, {failed} failed with a diagnostic");
    failures.check();
    // the mutations exercise both outcomes
    assert!(
        loaded > n / 20 && failed > n / 20,
        "{loaded} loaded, {failed} failed"
    );
}

#[test]
fn mutated_sources_are_checked_without_a_panic() {
    let mut rng = Rng(0x5eed_0002);
    // (engine index, relative path, file) per seed
    let mut seeds: Vec<(usize, String, PathBuf)> = Vec::new();
    let mut engines: Vec<Arc<Engine>> = Vec::new();
    for fixture in [
        "react-monorepo",
        "rust-service",
        "layered-monorepo",
        "duplicates",
    ] {
        let dir = common::fixture(fixture);
        let cfg = config::load(&dir.join("archdrift.toml")).expect("fixture config loads");
        engines.push(Arc::new(Engine::new(cfg).expect("engine")));
        for f in files_with(&dir, &["ts", "tsx", "js", "jsx", "rs"]) {
            let rel = f
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            seeds.push((engines.len() - 1, rel, f));
        }
    }
    let fixture_seeds = seeds.len();
    // corpus files: Rust under the Rust service's rules, the rest under the three JS configs
    let mut js_engine = 0;
    for (path, rel) in corpus_seeds(&mut rng) {
        let engine = if path.extension().is_some_and(|e| e == "rs") {
            1
        } else {
            js_engine = (js_engine + 1) % 3;
            [0, 2, 3][js_engine]
        };
        seeds.push((engine, rel, path));
    }
    let budget = Budget::from_env(1500);
    let mut failures = Failures::default();
    let mut checked = 0;
    while budget.more(checked) {
        // fixture seeds keep their share when a corpus is added
        let pick = if seeds.len() > fixture_seeds && rng.below(2) == 0 {
            fixture_seeds + rng.below(seeds.len() - fixture_seeds)
        } else {
            rng.below(fixture_seeds)
        };
        let (engine, rel, path) = &seeds[pick];
        let mut data = std::fs::read(path).unwrap();
        for _ in 0..1 + rng.below(6) {
            mutate(&mut rng, &mut data);
        }
        let sp = SourcePath {
            lang: Lang::from_path(path).unwrap(),
            rel: rel.clone(),
            path: path.clone(),
        };
        let (engine, case) = (engines[*engine].clone(), data.clone());
        if let Err(f) = run_limited(move || {
            engine.check_bytes(&sp, &case);
        }) {
            failures.add("source", path, checked, &data, f);
        }
        checked += 1;
    }
    eprintln!(
        "sources: {checked} cases from {} seeds ({} from ARCHDRIFT_FUZZ_CORPUS)",
        seeds.len(),
        seeds.len() - fixture_seeds
    );
    failures.check();
}
