//! Hostile repositories, built in temp dirs: skipped files with a baseline, `--changed-since`
//! with cross-file rules, symbolic links planted where archdrift writes its state, concurrent
//! writers, stale temp files, FIFOs and `/dev/zero` in place of metadata and ignore files,
//! paths in configuration that lead outside the root, terminal escapes and odd file names.
//! Every run of the binary has a time limit, so a test that would hang fails instead.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{
    git, hostile_bin as bin, json_check_limited as json_check, run_limited as run, write, LIMIT,
};
use serde_json::Value;

const EVAL_RULE: &str = "[[rule]]\nid = \"ts/no-eval\"\nkind = \"banned-pattern\"\nmessage = \"no {match}\"\ncalls = [\"eval\"]\n";

const CYCLE_RULE: &str = "[[rule]]\nid = \"cycles\"\nkind = \"layer-boundary\"\nmessage = \"cycle\"\nlayers = { src = [\"src/**\"] }\ncycles = \"files\"\n";

/// The (file, fingerprint) pairs of a baseline file.
fn baseline_files(path: &Path) -> Vec<String> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut files: Vec<String> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap().to_string())
        .collect();
    files.sort();
    files
}

fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo")
        .arg(p)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo {}", p.display());
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Item 1: skipped files keep their baseline entries

/// A file that becomes unreadable in some way (one Latin-1 byte, a NUL byte, over the size
/// cap) keeps its entries through `--update-baseline`; a file that really was fixed loses its.
#[test]
fn update_baseline_keeps_entries_of_skipped_files() {
    let long = format!("// {}\n", "x".repeat(300));
    let cases: [(&str, &[u8]); 3] = [
        ("invalid-utf8", b"// caf\xe9\n"),
        ("binary", b"// \x00\n"),
        ("too-large", long.as_bytes()),
    ];
    for (kind, tail) in cases {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        write(
            root,
            "archdrift.toml",
            format!("{EVAL_RULE}[check]\nmax_file_size = 200\n"),
        );
        write(root, "a.ts", "eval('1');\neval('2');\n");
        write(root, "b.ts", "eval('3');\n");
        let r = run(root, &["baseline"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let bl = root.join(".archdrift/baseline.json");
        assert_eq!(baseline_files(&bl), ["a.ts", "a.ts", "b.ts"]);
        let mut a = std::fs::read(root.join("a.ts")).unwrap();
        a.extend_from_slice(tail);
        std::fs::write(root.join("a.ts"), a).unwrap();
        // the near miss: b.ts is fixed, its entry goes
        write(root, "b.ts", "// fixed\n");
        let args = [
            "--baseline",
            ".archdrift/baseline.json",
            "--update-baseline",
        ];
        let v = json_check(root, &args);
        let problems = v["summary"]["files_skipped"].as_u64().unwrap()
            + v["summary"]["files_with_errors"].as_u64().unwrap();
        assert_eq!(problems, 1, "{kind}: {v}");
        assert_eq!(baseline_files(&bl), ["a.ts", "a.ts"], "{kind}");
        // `archdrift baseline` over the whole repository keeps them too
        let r = run(root, &["baseline"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(baseline_files(&bl), ["a.ts", "a.ts"], "{kind}: baseline");
        // readable again: the old findings are known, nothing new
        write(root, "a.ts", "eval('1');\neval('2');\n");
        let v = json_check(root, &["--baseline", ".archdrift/baseline.json"]);
        assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{kind}: {v}");
    }
}

// ---------------------------------------------------------------------------------------------
// Item 2: --changed-since with a cross-file rule removes only entries of changed files

#[test]
fn changed_since_update_baseline_keeps_unchanged_files_with_a_cross_file_rule() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", format!("{EVAL_RULE}{CYCLE_RULE}"));
    write(root, "src/a.ts", "eval('1');\n");
    write(root, "src/b.ts", "eval('2');\n");
    write(root, "src/c.ts", "eval('3');\n");
    let r = run(root, &["baseline"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "base"]);
    let bl = root.join(".archdrift/baseline.json");
    assert_eq!(baseline_files(&bl), ["src/a.ts", "src/b.ts", "src/c.ts"]);
    // a.ts fixed (the near miss: its entry goes); b.ts and c.ts unchanged keep theirs
    write(root, "src/a.ts", "export const a = 1;\n");
    let v = json_check(
        root,
        &[
            "--changed-since",
            "main",
            "--baseline",
            ".archdrift/baseline.json",
            "--update-baseline",
        ],
    );
    assert_eq!(v["summary"]["baseline"]["fixed"], 1, "{v}");
    assert_eq!(baseline_files(&bl), ["src/b.ts", "src/c.ts"]);
}

// ---------------------------------------------------------------------------------------------
// Items 3 and 4: state files are never written through links, never collide, temp files clean

#[cfg(unix)]
#[test]
fn baseline_temp_name_planted_as_a_link_is_not_followed() {
    let d = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", EVAL_RULE);
    write(root, "a.ts", "eval('1');\n");
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::create_dir_all(root.join(".archdrift")).unwrap();
    symlink(&victim, root.join(".archdrift/baseline.json.tmp"));
    let r = run(root, &["baseline"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(
        baseline_files(&root.join(".archdrift/baseline.json")),
        ["a.ts"]
    );
    // a link at the baseline's own name is refused, its target untouched
    std::fs::remove_file(root.join(".archdrift/baseline.json")).unwrap();
    symlink(&victim, root.join(".archdrift/baseline.json"));
    let r = run(root, &["baseline"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
}

#[cfg(unix)]
#[test]
fn state_folder_linked_outside_the_root_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", EVAL_RULE);
    write(root, "a.ts", "eval('1');\n");
    symlink(outside.path(), root.join(".archdrift"));
    let r = run(root, &["baseline"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    // (whether an unwritable cache fails the run is another question; nothing lands outside)
    run(root, &["check", "--cache"]);
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    // the near miss: a real folder works
    std::fs::remove_file(root.join(".archdrift")).unwrap();
    assert_eq!(run(root, &["baseline"]).code, 0);
    assert_eq!(run(root, &["check", "--cache"]).code, 1);
    assert!(root.join(".archdrift/cache/.gitignore").is_file());
}

#[cfg(unix)]
#[test]
fn dangling_cache_gitignore_link_does_not_create_its_target() {
    let d = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", EVAL_RULE);
    write(root, "a.ts", "eval('1');\n");
    std::fs::create_dir_all(root.join(".archdrift/cache")).unwrap();
    let target = outside.path().join("created");
    symlink(&target, root.join(".archdrift/cache/.gitignore"));
    let r = run(root, &["check", "--cache"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!target.exists(), "the link's target was created");
    // the cache itself was still written, and a warm run gives the same finding
    assert!(root.join(".archdrift/cache/files-v2.json").is_file());
    assert_eq!(run(root, &["check", "--cache"]).code, 1);
}

#[test]
fn stale_temp_files_are_removed_fresh_ones_kept() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", EVAL_RULE);
    write(root, "a.ts", "eval('1');\n");
    let stale = root.join(".archdrift/cache/files-v1.json.4242.tmp");
    let fresh = root.join(".archdrift/cache/files-v1.json.4343.tmp");
    write(
        root,
        ".archdrift/cache/files-v1.json.4242.tmp",
        "x".repeat(1000),
    );
    write(root, ".archdrift/cache/files-v1.json.4343.tmp", "x");
    let f = std::fs::File::options().write(true).open(&stale).unwrap();
    f.set_modified(std::time::SystemTime::now() - Duration::from_secs(3 * 3600))
        .unwrap();
    drop(f);
    assert_eq!(run(root, &["check", "--cache"]).code, 1);
    assert!(!stale.exists(), "a temp file hours old is removed");
    assert!(fresh.exists(), "a fresh one may belong to a running writer");
}

#[test]
fn concurrent_baseline_writers_both_succeed() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", EVAL_RULE);
    // a big baseline keeps the window between write and rename wide
    let body = "eval('1');\n".repeat(50);
    for i in 0..60 {
        write(root, &format!("f{i}.ts"), &body);
    }
    for _ in 0..6 {
        let kids: Vec<_> = (0..4)
            .map(|_| {
                Command::new(bin())
                    .current_dir(root)
                    .args(["baseline", "-j", "1"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for k in kids {
            let out = k.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(
            baseline_files(&root.join(".archdrift/baseline.json")).len(),
            3000
        );
    }
    let left: Vec<_> = std::fs::read_dir(root.join(".archdrift"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["baseline.json"], "no temp file left behind");
}

#[cfg(unix)]
#[test]
fn trend_out_never_writes_through_a_link() {
    let d = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", EVAL_RULE);
    write(root, "a.ts", "eval('1');\n");
    assert_eq!(run(root, &["check", "--record", "rec.jsonl"]).code, 1);
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::create_dir_all(root.join("out")).unwrap();
    symlink(&victim, root.join("out/trend.json"));
    let r = run(root, &["trend", "--from", "rec.jsonl", "--out", "out"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    // the near miss: a plain folder gets its reports
    let r = run(root, &["trend", "--from", "rec.jsonl", "--out", "out2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(root.join("out2/trend.json").is_file());
    // an output folder linked outside the repository is refused
    symlink(outside.path(), root.join("out3"));
    let r = run(root, &["trend", "--from", "rec.jsonl", "--out", "out3"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!outside.path().join("trend.json").exists());
}

// ---------------------------------------------------------------------------------------------
// Item 7: FIFOs and devices in place of metadata, ignore and source files

const HC_RULE: &str = "[[rule]]\nid = \"hc\"\nkind = \"hardcoded-config\"\nmessage = \"m\"\nconfig_files = [\"config.ts\"]\n";

/// Replaces `rel` below `root` by a FIFO (`fifo`) or a link to `/dev/zero`.
#[cfg(unix)]
fn plant(root: &Path, rel: &str, fifo: bool) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&p);
    if fifo {
        mkfifo(&p);
    } else {
        symlink("/dev/zero", &p);
    }
}

#[cfg(unix)]
#[test]
fn fifo_or_dev_zero_metadata_and_ignore_files_neither_block_nor_exhaust_memory() {
    for fifo in [true, false] {
        for name in [
            "package.json",
            "Cargo.toml",
            "pnpm-workspace.yaml",
            "tsconfig.json",
            "src/tsconfig.json",
            ".gitignore",
            ".ignore",
            "sub/.gitignore",
            "sub/.ignore",
        ] {
            let d = tempfile::tempdir().unwrap();
            let root = d.path();
            write(root, "archdrift.toml", format!("{EVAL_RULE}{CYCLE_RULE}"));
            write(root, "src/a.ts", "import { b } from './b';\neval('1');\n");
            write(
                root,
                "src/b.ts",
                "import { a } from 'pkg/a';\nexport const b = 1;\n",
            );
            write(root, "src/lib.rs", "mod x;\n");
            write(root, "sub/c.ts", "eval('2');\n");
            plant(root, name, fifo);
            let v = json_check(root, &[]);
            let files: Vec<&str> = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["rule"] == "ts/no-eval")
                .map(|f| f["file"].as_str().unwrap())
                .collect();
            let what = format!("{name} as {}", if fifo { "FIFO" } else { "/dev/zero" });
            if name.starts_with("sub/") {
                // a folder whose ignore file cannot be read is not checked, and that is reported
                assert_eq!(files, ["src/a.ts"], "{what}: {v}");
            } else {
                assert_eq!(files, ["src/a.ts", "sub/c.ts"], "{what}: {v}");
            }
            if name.ends_with("ignore") {
                let problems = v["problems"].as_array().unwrap();
                assert!(
                    problems.iter().any(|p| p["file"] == name
                        && p["message"]
                            .as_str()
                            .unwrap()
                            .contains("not a regular file")),
                    "{what}: {v}"
                );
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn fifo_or_dev_zero_config_rule_tokens_adr_files_are_errors_not_hangs() {
    for fifo in [true, false] {
        let kind = if fifo { "FIFO" } else { "character device" };
        // each: (file replaced, extra config, expected exit code)
        let cases = [
            ("archdrift.toml", "", 2),
            ("rules/x.toml", "include = [\"rules/*.toml\"]\n", 2),
            (
                "tokens.json",
                "[design_system]\npackages = [\"@acme/ui\"]\ntokens = \"tokens.json\"\n",
                2,
            ),
            ("config.ts", HC_RULE, 2),
            // ADRs are discovered: one that is not a regular file is passed over
            ("docs/adr/0001-x.md", "", 1),
        ];
        for (name, extra, code) in cases {
            let d = tempfile::tempdir().unwrap();
            let root = d.path();
            write(root, "archdrift.toml", format!("{extra}{EVAL_RULE}"));
            write(root, "rules/x.toml", "");
            write(root, "src/a.ts", "eval('1');\n");
            write(
                root,
                "docs/adr/0002-y.md",
                "# ADR-0002: Y\n\nStatus: accepted\n",
            );
            plant(root, name, fifo);
            let r = run(root, &["check"]);
            assert_eq!(r.code, code, "{name} as {kind}: {}{}", r.stdout, r.stderr);
            // (an archdrift.toml or rule file that is not a file is not found: also exit 2)
            if matches!(name, "tokens.json" | "config.ts") {
                assert!(
                    // a link to /dev/zero is refused first for leading outside the root
                    (r.stderr.contains("not a regular file") && r.stderr.contains(kind))
                        || (!fifo && r.stderr.contains("leads outside")),
                    "{name} as {kind}: {}",
                    r.stderr
                );
            }
        }
    }
}

/// A file swapped for a FIFO between the walk and the read is unreadable, not a hang.
#[cfg(unix)]
#[test]
fn source_file_swapped_for_a_fifo_is_reported_unreadable() {
    use archdrift::{check::walk::SourcePath, check::Engine, lang::Lang};
    let d = tempfile::tempdir().unwrap();
    let root = d.path().to_path_buf();
    write(&root, "archdrift.toml", EVAL_RULE);
    mkfifo(&root.join("a.ts"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let cfg = archdrift::config::load(&root.join("archdrift.toml"))
            .unwrap_or_else(|_| panic!("config"));
        let engine = Engine::new(cfg).unwrap();
        let sp = SourcePath {
            rel: "a.ts".into(),
            path: root.join("a.ts"),
            lang: Lang::TypeScript,
        };
        let _ = tx.send(engine.check_path(&sp, None).problem);
    });
    let problem = rx
        .recv_timeout(LIMIT)
        .expect("reading a FIFO blocked")
        .expect("a problem for the FIFO");
    assert_eq!(problem.kind.as_str(), "unreadable");
    assert!(problem.message.contains("FIFO"), "{}", problem.message);
}

// ---------------------------------------------------------------------------------------------
// Item 10: paths in configuration stay inside the root, and outside content is never printed

const CANARY: &str = "CANARY_7f3e9a";

#[cfg(unix)]
#[test]
fn config_paths_outside_the_root_are_errors_that_never_print_the_content() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    // not TOML: a parser error would show this line
    std::fs::write(
        &secret,
        format!("{CANARY} {CANARY}\n# Decision\n{CANARY}\n"),
    )
    .unwrap();
    let s = secret.display().to_string();
    let cases: Vec<(String, &str)> = vec![
        (format!("include = [\"{s}\"]\n"), "absolute path"),
        ("include = [\"../secret.toml\"]\n".into(), "outside"),
        ("include = [\"out/secret.toml\"]\n".into(), "symbolic link"),
        ("include = [\"out/*.toml\"]\n".into(), "symbolic link"),
        ("include = [\"notes.md\"]\n".into(), "not a rule file"),
        (
            format!("[design_system]\npackages = [\"@acme/ui\"]\ntokens = \"{s}\"\n"),
            "absolute path",
        ),
        (
            "[design_system]\npackages = [\"@acme/ui\"]\nindex = [\"out/secret.toml\"]\n".into(),
            "symbolic link",
        ),
        ("[adr]\npaths = [\"../\"]\n".into(), "outside"),
        (
            format!("{EVAL_RULE}adr = {{ id = \"A-1\", title = \"t\", path = \"{s}\" }}\n"),
            "absolute path",
        ),
        (
            "[[rule]]\nid = \"hc\"\nkind = \"hardcoded-config\"\nmessage = \"m\"\nconfig_files = [\"out/secret.toml\"]\n".into(),
            "symbolic link",
        ),
    ];
    for (config, why) in cases {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("repo");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::copy(&secret, d.path().join("secret.toml")).unwrap();
        symlink(outside.path(), root.join("out"));
        write(&root, "notes.md", format!("{CANARY} = = =\n"));
        write(&root, "a.ts", "eval('1');\n");
        let config = if config.contains("[[rule]]") {
            config
        } else {
            format!("{config}{EVAL_RULE}")
        };
        write(&root, "archdrift.toml", &config);
        for args in [&["check"][..], &["explain", "ts/no-eval"][..]] {
            let r = run(&root, args);
            assert_eq!(r.code, 2, "{config}: {}{}", r.stdout, r.stderr);
            assert!(r.stderr.contains(why), "{config}: {}", r.stderr);
            assert!(
                !r.stderr.contains(CANARY) && !r.stdout.contains(CANARY),
                "{config}: {}{}",
                r.stdout,
                r.stderr
            );
        }
    }
}

/// The near miss: paths inside the root, also through a link that stays inside, still work.
#[cfg(unix)]
#[test]
fn config_paths_inside_the_root_still_work() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "rules/real/a.toml", EVAL_RULE);
    symlink(root.join("rules/real"), root.join("linked"));
    write(root, "archdrift.toml", "include = [\"./linked/a.toml\"]\n");
    write(root, "a.ts", "eval('1');\n");
    let v = json_check(root, &[]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v}");
}

// ---------------------------------------------------------------------------------------------
// Item 14: a linked archdrift.toml, a BOM, skipped files are counted

/// A linked archdrift.toml keeps the root where it was found: this repository is checked.
#[cfg(unix)]
#[test]
fn linked_config_does_not_move_the_root() {
    let d = tempfile::tempdir().unwrap();
    let shared = d.path().join("shared");
    let repo = d.path().join("repo");
    write(&shared, "archdrift.toml", EVAL_RULE);
    write(&repo, "a.ts", "eval('1');\n");
    symlink(shared.join("archdrift.toml"), repo.join("archdrift.toml"));
    let v = json_check(&repo, &[]);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["a.ts"], "{v}");
    // and a TOML error in a linked file outside the root names the place, not the text
    std::fs::write(
        shared.join("archdrift.toml"),
        format!("{CANARY} {CANARY}\n"),
    )
    .unwrap();
    let r = run(&repo, &["check"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("archdrift.toml:1:"), "{}", r.stderr);
    assert!(!r.stderr.contains(CANARY), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// Item 12: terminal escapes and odd file names

#[cfg(unix)]
#[test]
fn terminal_escapes_and_odd_file_names_are_escaped() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", EVAL_RULE);
    // an OSC title change and a screen clear in the code, a newline, an ESC and a `\` in names
    write(
        root,
        "a.ts",
        "const t = '\u{1b}]0;pwned\u{7}\u{1b}[2J';\neval(t);\n",
    );
    write(root, "odd\nname\u{1b}[31m.ts", "eval(1);\n");
    write(root, "back\\slash.ts", "eval(2);\n");
    for format in ["human", "compact"] {
        let r = run(root, &["check", "--format", format]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(
            !r.stdout.contains('\u{1b}'),
            "{format}: raw ESC in {:?}",
            r.stdout
        );
        assert!(
            !r.stdout.contains('\u{7}'),
            "{format}: raw BEL in {:?}",
            r.stdout
        );
        assert!(
            r.stdout.contains("odd\\nname\\x1b[31m.ts"),
            "{format}: {}",
            r.stdout
        );
        assert!(
            r.stdout.contains("back\\slash.ts"),
            "{format}: {}",
            r.stdout
        );
    }
    // compact: one line per finding, whatever the names
    let r = run(root, &["check", "--format", "compact"]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(
        lines.iter().all(|l| l.contains("[ts/no-eval]")),
        "{}",
        r.stdout
    );
    // the human snippet still points at the code: the caret line under `eval(t)`
    let r = run(root, &["check"]);
    assert!(
        r.stdout.contains("\\x1b]0;pwned\\x07\\x1b[2J"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("eval(t)"), "{}", r.stdout);
    // JSON keeps the name as it is (a JSON string escapes it)
    let v = json_check(root, &[]);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"back\\slash.ts"), "{files:?}");
    assert!(files.contains(&"odd\nname\u{1b}[31m.ts"), "{files:?}");
}

/// `trend --from` reads its record file as every other metadata file: a FIFO or a device is an
/// error, never a hang; a real record still renders.
#[cfg(unix)]
#[test]
fn trend_from_a_fifo_is_an_error_not_a_hang() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    mkfifo(&root.join("record.jsonl"));
    let r = run(root, &["trend", "--from", "record.jsonl", "--out", "out"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("record.jsonl"), "{}", r.stderr);
    symlink("/dev/zero", root.join("zero.jsonl"));
    let r = run(root, &["trend", "--from", "zero.jsonl", "--out", "out"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    // the near miss: a record written by `check --record` renders
    write(root, "archdrift.toml", EVAL_RULE);
    write(root, "a.ts", "eval(1);\n");
    let r = run(root, &["check", "--record", "real.jsonl"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = run(root, &["trend", "--from", "real.jsonl", "--out", "out"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}
