//! The per-kind test harness, in the style of oxlint's pass/fail vectors: a case is a
//! configuration snippet (rules plus any top-level table: `[design_system]`, `[check]`, …),
//! one or more files (path, source), and the findings expected as `(file, line, rule)`.
//! Each kind's `tests.rs` holds its cases; [`Tester::snapshot`] renders the findings of all its
//! failing cases (the human report, no colour) for one insta snapshot per kind.
//!
//! A case runs the real pipeline: the configuration is loaded from a temporary project, the
//! engine walks and checks every file, the cross-file stage and suppressions run.

#![cfg(test)]

use std::path::{Path, PathBuf};

use crate::check::Engine;
use crate::config::CONFIG_FILE;
use crate::core::{Finding, Report};
use crate::report::{Format, Style};

/// A configuration to run cases against.
pub(crate) struct Tester {
    config: String,
    /// Rendered findings of the failing cases, for the kind's snapshot.
    rendered: Vec<String>,
}

/// A temporary project with its report.
pub(crate) struct Run {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) report: Report,
}

impl Run {
    /// `(file, line, rule)` of every finding, in report order.
    pub(crate) fn found(&self) -> Vec<(String, usize, String)> {
        self.report
            .findings
            .iter()
            .map(|f| (f.file.clone(), f.line, f.rule.clone()))
            .collect()
    }

    pub(crate) fn findings(&self) -> &[Finding] {
        &self.report.findings
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }
}

impl Tester {
    /// `config` is the whole `archdrift.toml` of the case's project.
    pub(crate) fn new(config: &str) -> Tester {
        Tester {
            config: config.to_string(),
            rendered: Vec::new(),
        }
    }

    /// One rule of `kind` with id `r`, message `m`, and the given kind-specific fields.
    pub(crate) fn rule(kind: &str, fields: &str) -> Tester {
        Tester::new(&format!(
            "[[rule]]\nid = \"r\"\nkind = \"{kind}\"\nmessage = \"m\"\n{fields}\n"
        ))
    }

    /// Checks `files` (path relative to the root, source) as one project.
    pub(crate) fn run(&self, files: &[(&str, &str)]) -> Run {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), CONFIG_FILE, &self.config);
        for (rel, src) in files {
            write(dir.path(), rel, src);
        }
        let cfg = crate::config::load(&dir.path().join(CONFIG_FILE))
            .unwrap_or_else(|e| panic!("config does not load: {}", e[0].message));
        let engine = Engine::new(cfg).expect("engine");
        let root: PathBuf = engine.config().root.clone();
        let report = engine.run(std::slice::from_ref(&root), 1);
        // the kinds' text prefilters and anchors only save work: without them, every node of
        // every file is seen, and the findings must be the same
        let cfg = crate::config::load(&dir.path().join(CONFIG_FILE)).expect("config");
        let plain = Engine::new(cfg)
            .expect("engine")
            .without_kind_prefilters()
            .run(&[root], 1);
        assert_eq!(
            report.findings, plain.findings,
            "findings with the kinds' prefilters and anchors differ from those without, for {files:?}"
        );
        Run { dir, report }
    }

    /// The lines of the findings `source` at `file` gives.
    pub(crate) fn lines(&self, file: &str, source: &str) -> Vec<usize> {
        let run = self.run(&[(file, source)]);
        run.report.findings.iter().map(|f| f.line).collect()
    }

    /// `(line, rule, matched text)` of the findings `source` at `file` gives.
    pub(crate) fn matches(&self, file: &str, source: &str) -> Vec<(usize, String, String)> {
        let run = self.run(&[(file, source)]);
        run.report
            .findings
            .iter()
            .map(|f| (f.line, f.rule.clone(), f.matched.clone()))
            .collect()
    }

    /// The case passes: `source` at `file` gives no finding.
    pub(crate) fn pass(&self, file: &str, source: &str) {
        let run = self.run(&[(file, source)]);
        assert!(
            run.found().is_empty(),
            "expected no finding in {file}:\n{source}\ngot {:?}",
            run.found()
        );
    }

    /// The case fails: `source` at `file` gives findings on exactly these lines.
    pub(crate) fn fail(&mut self, file: &str, source: &str, lines: &[usize]) -> Run {
        let run = self.run(&[(file, source)]);
        let got: Vec<usize> = run.report.findings.iter().map(|f| f.line).collect();
        assert_eq!(got, lines, "finding lines in {file}:\n{source}");
        self.record(&run);
        run
    }

    /// Several files as one project give exactly `expected` `(file, line, rule)`.
    pub(crate) fn expect(
        &mut self,
        files: &[(&str, &str)],
        expected: &[(&str, usize, &str)],
    ) -> Run {
        let run = self.run(files);
        let want: Vec<(String, usize, String)> = expected
            .iter()
            .map(|(f, l, r)| (f.to_string(), *l, r.to_string()))
            .collect();
        assert_eq!(run.found(), want, "findings of {files:?}");
        self.record(&run);
        run
    }

    fn record(&mut self, run: &Run) {
        let mut out = Vec::new();
        // timings differ from run to run
        let report = Report {
            elapsed: std::time::Duration::ZERO,
            ..run.report.clone()
        };
        crate::report::write(
            &report,
            Format::Human,
            run.root(),
            Style {
                color: false,
                width: 100,
            },
            &mut out,
        )
        .expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        self.rendered.push(text);
    }

    /// Everything the failing cases rendered, for `insta::assert_snapshot!`.
    pub(crate) fn snapshot(&self) -> String {
        self.rendered.join("\n----\n")
    }
}

/// Writes `text` at `rel` below `root`, creating its folders.
pub(crate) fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// One glob semantics across the configuration: a glob without `/` matches at any depth in a
/// rule's `paths`/`exclude`, in `layers`, in `[design_system] source` and in `[check] exclude`.
#[test]
fn a_slashless_glob_means_the_same_everywhere() {
    let t = Tester::new(concat!(
        "[check]\nexclude = [\"skip.ts\"]\n",
        "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"ui.tsx\"]\ncomponents = [\"Button\"]\n",
        "[[rule]]\nid = \"paths\"\nkind = \"banned-pattern\"\nmessage = \"m\"\ncalls = [\"eval\"]\n",
        "paths = [\"b.ts\", \"skip.ts\"]\nexclude = [\"c.gen.ts\"]\n",
        "[[rule]]\nid = \"layers\"\nkind = \"layer-boundary\"\nmessage = \"m\"\n",
        "layers = { gen = [\"*.gen.ts\"], app = [\"src/**\"] }\ndeny = [\"app -> gen\"]\n",
        "[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"m\"\nchecks = [\"elements\"]\n",
    ));
    let run = t.run(&[
        (
            "src/deep/b.ts",
            "import { g } from \"./c.gen\";\neval(1);\n",
        ),
        ("src/deep/c.gen.ts", "eval(2);\nexport const g = 1;\n"),
        ("src/deep/skip.ts", "eval(3);\n"),
        ("src/deep/ui.tsx", "export const B = () => <button />;\n"),
        ("src/app/x.tsx", "export const X = () => <button />;\n"),
    ]);
    assert_eq!(
        run.found(),
        vec![
            ("src/app/x.tsx".to_string(), 1, "ds".to_string()),
            ("src/deep/b.ts".to_string(), 1, "layers".to_string()),
            ("src/deep/b.ts".to_string(), 2, "paths".to_string()),
        ]
    );
}
