//! `archdrift lsp` as a child process, spoken to in real JSON-RPC with Content-Length framing:
//! initialize, didOpen, didChange, publishDiagnostics, codeAction, config reload,
//! shutdown/exit. Every wait has a timeout; nothing sleeps for a fixed time.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const TIMEOUT: Duration = Duration::from_secs(10);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Every message received, in order (for failure output).
    seen: Vec<Value>,
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start(init_options: Value, capabilities: Value) -> (Client, Value) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_archdrift"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            next_id: 0,
            seen: Vec::new(),
        };
        let init = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                "initializationOptions": init_options,
            }),
        );
        c.notify("initialized", json!({}));
        (c, init)
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_vec(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Writes bytes as they are: malformed framing and bodies.
    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for the first message `pred` accepts (answering server requests on the way).
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(v) => {
                    self.seen.push(v.clone());
                    if pred(&v) {
                        return v;
                    }
                    if v.get("id").is_some() && v.get("method").is_some() {
                        // a request from the server (client/registerCapability)
                        let id = v["id"].clone();
                        self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; received: {:#?}", self.seen)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "server went away waiting for {what}; received: {:#?}",
                        self.seen
                    )
                }
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let resp = self.wait_for(method, |v| v["id"] == id && v.get("method").is_none());
        assert!(resp.get("error").is_none(), "{method} failed: {resp}");
        resp["result"].clone()
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let v = self.wait_for(&format!("diagnostics for {uri} v{version}"), |v| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"] == version
        });
        v["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, uri: &str, lang: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// shutdown, exit, and the process ends with status 0.
    fn finish(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert_eq!(status.code(), Some(0));
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const RULES: &str = r#"
[[rule]]
id = "t/no-console"
kind = "banned-pattern"
severity = "error"
message = "`{match}` bypasses the logger"
help = "Use `logger.info`."
adr = { id = "ADR-0001", title = "Logging", path = "docs/adr/0001 logging.md" }
calls = ["console.*"]

[[rule]]
id = "t/no-any"
kind = "banned-pattern"
severity = "info"
message = "`any` type"
adr = { id = "ADR-0002", title = "Types", url = "https://adr.example/0002" }
types = ["any"]
"#;

/// A workspace: archdrift.toml including rules/*.toml.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(d.path()).unwrap();
    std::fs::write(
        root.join("archdrift.toml"),
        "include = [\"rules/*.toml\"]\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("rules")).unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("rules/base.toml"), RULES).unwrap();
    (d, root)
}

fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display()).replace(' ', "%20")
}

fn range(d: &Value) -> (u64, u64, u64, u64) {
    let r = &d["range"];
    (
        r["start"]["line"].as_u64().unwrap(),
        r["start"]["character"].as_u64().unwrap(),
        r["end"]["line"].as_u64().unwrap(),
        r["end"]["character"].as_u64().unwrap(),
    )
}

// a CRLF buffer with non-ASCII text before the findings
const TEXT: &str = "const é = \"😀\"; console.log(é);\r\nlet x: any = 1;\r\n";

#[test]
fn diagnostics_on_open_and_change_with_utf16_columns_and_crlf() {
    let (_d, root) = workspace();
    let (mut c, init) = Client::start(json!({}), json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "archdrift");
    let uri = file_uri(&root.join("src/App.tsx"));
    c.open(&uri, "typescriptreact", TEXT);
    let diags = c.diagnostics(&uri, 1);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    let d = &diags[0];
    assert_eq!(range(d), (0, 16, 0, 30));
    assert_eq!(d["code"], "t/no-console");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "archdrift");
    assert_eq!(
        d["codeDescription"]["href"],
        format!("{}/docs/adr/0001%20logging.md", file_uri(&root))
    );
    assert_eq!(
        d["message"],
        "`console.log` bypasses the logger\nUse `logger.info`.\nwhy: ADR-0001: Logging"
    );
    let d = &diags[1];
    assert_eq!(range(d), (1, 7, 1, 10));
    assert_eq!(d["severity"], 3);
    assert_eq!(d["codeDescription"]["href"], "https://adr.example/0002");

    // an incremental edit: a line with a surrogate pair inserted above, then `any` replaced
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                "text": "// 😀😀\r\n"}]),
    );
    let diags = c.diagnostics(&uri, 2);
    assert_eq!(range(&diags[0]), (1, 16, 1, 30));
    assert_eq!(range(&diags[1]), (2, 7, 2, 10));
    c.change(
        &uri,
        3,
        json!([{"range": {"start": {"line": 2, "character": 7}, "end": {"line": 2, "character": 10}},
                "text": "number"}]),
    );
    let diags = c.diagnostics(&uri, 3);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["code"], "t/no-console");

    // closing clears the diagnostics
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    c.wait_for("empty diagnostics on close", |v| {
        v["method"] == "textDocument/publishDiagnostics"
            && v["params"]["uri"] == uri
            && v["params"]["diagnostics"] == json!([])
    });
    c.finish();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let (_d, root) = workspace();
    let (mut c, init) = Client::start(
        json!({}),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let uri = file_uri(&root.join("src/app.ts"));
    c.open(&uri, "typescript", TEXT);
    let diags = c.diagnostics(&uri, 1);
    assert_eq!(range(&diags[0]), (0, 19, 0, 34));
    // an edit in byte columns: delete `é` inside the call (bytes 31..33)
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 0, "character": 31}, "end": {"line": 0, "character": 33}},
                "text": "e"}]),
    );
    let diags = c.diagnostics(&uri, 2);
    assert_eq!(range(&diags[0]), (0, 19, 0, 33));
    c.finish();
}

#[test]
fn a_burst_of_changes_ends_with_the_latest_version_published() {
    let (_d, root) = workspace();
    // a debounce far longer than the gaps between these writes: only the first change (leading
    // edge) and the last (trailing edge) may be checked
    let (mut c, _) = Client::start(json!({"debounceMs": 1000}), json!({}));
    let uri = file_uri(&root.join("src/burst.ts"));
    c.open(&uri, "typescript", "");
    assert!(c.diagnostics(&uri, 1).is_empty());
    for v in 2..=6 {
        c.change(
            &uri,
            v,
            json!([{"text": format!("{}console.log(1);\n", "\n".repeat(v as usize))}]),
        );
    }
    let diags = c.diagnostics(&uri, 6);
    assert_eq!(range(&diags[0]).0, 6);
    // versions 3..5 were never published: the burst was coalesced
    let published: Vec<i64> = c
        .seen
        .iter()
        .filter(|v| v["method"] == "textDocument/publishDiagnostics")
        .map(|v| v["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(
        published.iter().all(|v| !(3..=5).contains(v)),
        "{published:?}"
    );
    c.finish();
}

#[test]
fn code_actions_suppress_with_a_reason_on_a_crlf_line() {
    let (_d, root) = workspace();
    let (mut c, _) = Client::start(json!({}), json!({}));
    let uri = file_uri(&root.join("src/App.tsx"));
    let text = "function f() {\r\n    const s = \"ünï\"; console.warn(s);\r\n}\r\n";
    c.open(&uri, "typescriptreact", text);
    let diags = c.diagnostics(&uri, 1);
    assert_eq!(diags.len(), 1);
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": diags[0]["range"],
            "context": {"diagnostics": diags},
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let a = &actions[0];
    assert_eq!(a["kind"], "quickfix");
    assert_eq!(a["diagnostics"][0], diags[0]);
    let edits = &a["edit"]["changes"][&uri];
    assert_eq!(
        edits,
        &json!([{
            "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
            "newText": "    // archdrift-ignore t/no-console: <reason>\r\n",
        }])
    );
    // nothing on a line without findings
    let none = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}},
            "context": {"diagnostics": []},
        }),
    );
    assert_eq!(none, json!([]));
    c.finish();
}

#[test]
fn rules_reload_and_a_broken_config_keeps_the_last_good_one() {
    let (_d, root) = workspace();
    let (mut c, _) = Client::start(
        json!({}),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    c.wait_for("the file watcher registration", |v| {
        v["method"] == "client/registerCapability"
    });
    c.send(json!({"jsonrpc": "2.0", "id": c.seen.last().unwrap()["id"], "result": null}));
    let uri = file_uri(&root.join("src/a.ts"));
    c.open(&uri, "typescript", "console.log(1);\nlet x: any;\n");
    assert_eq!(c.diagnostics(&uri, 1).len(), 2);

    // a broken rule file: an error message, and the old rules still serve
    let rule_file = root.join("rules/base.toml");
    std::fs::write(
        &rule_file,
        RULES.replace("severity = \"info\"", "sevrity = \"info\""),
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&rule_file), "type": 2}]}),
    );
    let msg = c.wait_for("the config error", |v| v["method"] == "window/showMessage");
    assert_eq!(msg["params"]["type"], 1);
    let text = msg["params"]["message"].as_str().unwrap();
    assert!(text.contains("rules/base.toml:"), "{text}");
    assert!(text.contains("unknown field `sevrity`"), "{text}");
    assert!(text.contains("last good configuration"), "{text}");
    c.change(&uri, 2, json!([{"text": "console.log(2);\nlet x: any;\n"}]));
    assert_eq!(c.diagnostics(&uri, 2).len(), 2);

    // fixed, with one rule fewer, and announced by saving it in the editor
    let one_rule = &RULES[..RULES.find("[[rule]]\nid = \"t/no-any\"").unwrap()];
    std::fs::write(&rule_file, one_rule).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": file_uri(&rule_file)}}),
    );
    let diags = c.diagnostics(&uri, 2);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0]["code"], "t/no-console");
    c.finish();
}

#[test]
fn excluded_and_unconfigured_files_get_no_diagnostics() {
    let (_d, root) = workspace();
    std::fs::write(
        root.join("archdrift.toml"),
        "include = [\"rules/*.toml\"]\n[check]\nexclude = [\"**/generated/**\"]\n",
    )
    .unwrap();
    let outside = tempfile::tempdir().unwrap();
    let (mut c, _) = Client::start(json!({}), json!({}));
    let gen = file_uri(&root.join("src/generated/api.ts"));
    c.open(&gen, "typescript", "console.log(1);\n");
    assert!(c.diagnostics(&gen, 1).is_empty());
    let lone = file_uri(&outside.path().join("x.ts"));
    c.open(&lone, "typescript", "console.log(1);\n");
    assert!(c.diagnostics(&lone, 1).is_empty());
    // an unknown request is an error, not a crash
    c.send(json!({"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": {}}));
    let r = c.wait_for("the hover error", |v| v["id"] == 99);
    assert_eq!(r["error"]["code"], -32601);
    c.finish();
}

/// A 2,000-line TSX module: 50 components of 40 lines with a little drift in each.
fn large_tsx() -> String {
    let mut s =
        String::from("import React from \"react\";\nimport { Button } from \"@acme/ui\";\n");
    let mut i = 0;
    while s.lines().count() < 2000 - 40 {
        s.push_str(&format!(
            r##"
type Props{i} = {{ id: string; items: Item{i}[]; onSelect?: (id: string) => void }};
interface Item{i} {{ key: string; label: string; value: number; meta: any }}

export function Panel{i}({{ id, items, onSelect }}: Props{i}) {{
  const [open, setOpen] = React.useState(false);
  const total = items.reduce((acc, it) => acc + it.value, 0);
  const sorted = [...items].sort((a, b) => a.label.localeCompare(b.label));
  React.useEffect(() => {{
    if (open) {{
      console.log("panel {i} opened", id, total);
    }}
  }}, [open, id, total]);
  const handle = (key: string) => {{
    setOpen(!open);
    onSelect?.(key);
  }};
  return (
    <section className="panel" data-id={{id}}>
      <header style={{{{ color: "#1a2b3c", padding: 8 }}}}>
        <h2>Panel {i}: {{sorted.length}} items, total {{total.toFixed(2)}}</h2>
        <button onClick={{() => setOpen(!open)}}>toggle</button>
      </header>
      {{open && (
        <ul>
          {{sorted.map((it) => (
            <li key={{it.key}} onClick={{() => handle(it.key)}}>
              <span>{{it.label.substr(0, 20)}}</span>
              <Button variant="ghost">{{it.value}}</Button>
            </li>
          ))}}
        </ul>
      )}}
    </section>
  );
}}

export const label{i} = (x: number): string => `#${{x}}`;
"##
        ));
        i += 1;
    }
    while s.lines().count() < 2000 {
        s.push_str("// end\n");
    }
    s
}

fn median_ms(mut v: Vec<Duration>) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(v[v.len() / 2]), ms(v[v.len() * 9 / 10]))
}

/// The editor-latency benchmark (BENCHMARKS.md): time from sending didChange to receiving the
/// publishDiagnostics of that version, on a 2,000-line TSX buffer with the 30 rules of
/// bench/lsp/archdrift.toml. Run with the release build:
/// `cargo test --release --test lsp -- --ignored --nocapture lsp_latency`
/// (`LSP_BENCH_FILE=path.tsx` checks that file's text instead of the generated one).
#[test]
#[ignore]
fn lsp_latency() {
    let root =
        std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/lsp")).unwrap();
    let text = match std::env::var_os("LSP_BENCH_FILE") {
        Some(p) => std::fs::read_to_string(p).unwrap(),
        None => large_tsx(),
    };
    let uri = file_uri(&root.join("src/Large.tsx"));
    let edit_line = text.lines().count() as u64 / 2;
    // alternately insert and delete one character in the middle of the file
    let edit = |v: i64| {
        if v % 2 == 0 {
            json!([{"range": {"start": {"line": edit_line, "character": 0}, "end": {"line": edit_line, "character": 0}}, "text": "x"}])
        } else {
            json!([{"range": {"start": {"line": edit_line, "character": 0}, "end": {"line": edit_line, "character": 1}}, "text": ""}])
        }
    };
    let series = |opts: Value, runs: i64, pause: Duration, burst: bool| {
        let (mut c, _) = Client::start(opts, json!({}));
        c.open(&uri, "typescriptreact", &text);
        let n = c.diagnostics(&uri, 1).len();
        let mut times = Vec::new();
        let mut v = 1;
        for _ in 0..runs {
            std::thread::sleep(pause);
            if burst {
                v += 1;
                c.change(&uri, v, edit(v));
                std::thread::sleep(Duration::from_millis(10));
            }
            v += 1;
            let t0 = Instant::now();
            c.change(&uri, v, edit(v));
            let d = c.diagnostics(&uri, v);
            times.push(t0.elapsed());
            assert!(d.len() >= n);
            c.seen.clear();
        }
        c.finish();
        (n, median_ms(times))
    };
    let lines = text.lines().count();
    let (n, (m0, p0)) = series(json!({"debounceMs": 0}), 200, Duration::ZERO, false);
    println!("{lines} lines, {n} diagnostics, 30 rules");
    println!("check only (debounce 0), 200 edits back to back: median {m0:.2} ms, p90 {p0:.2} ms");
    let (_, (mf, pf)) = series(
        json!({"debounceMs": 0, "incrementalParse": false}),
        200,
        Duration::ZERO,
        false,
    );
    println!("the same, re-parsing from scratch: median {mf:.2} ms, p90 {pf:.2} ms");
    let (_, (m1, p1)) = series(json!({}), 40, Duration::from_millis(200), false);
    println!("default debounce, 40 single edits after a 200 ms pause (leading edge): median {m1:.2} ms, p90 {p1:.2} ms");
    let (_, (m2, p2)) = series(json!({}), 20, Duration::from_millis(200), true);
    println!("default debounce, 20 bursts of two edits 10 ms apart, second edit (trailing edge): median {m2:.2} ms, p90 {p2:.2} ms");
}

// ---- malformed input: answered where the framing allows, and the server goes on ----

/// Starts a server, writes `bytes`, waits for the error answer with `code` (when given), then
/// proves the server is alive: a buffer is opened and diagnosed, and shutdown/exit end it with
/// status 0.
fn survives(bytes: &[u8], code: Option<i64>) {
    let (_d, root) = workspace();
    let (mut c, _) = Client::start(json!({}), json!({}));
    c.raw(bytes);
    // after a garbled header the server finds the next one only when it comes
    let uri = file_uri(&root.join("src/App.tsx"));
    c.open(&uri, "typescriptreact", TEXT);
    assert_eq!(c.diagnostics(&uri, 1).len(), 2);
    let is_error = |v: &Value| v.get("method").is_none() && v.get("error").is_some();
    match code {
        Some(code) => {
            let e = match c.seen.iter().find(|v| is_error(v)) {
                Some(e) => e.clone(),
                None => c.wait_for(&format!("error {code}"), is_error),
            };
            assert_eq!(e["error"]["code"], code, "{e}");
            assert!(e["id"].is_null(), "{e}");
        }
        None => assert!(!c.seen.iter().any(is_error), "{:#?}", c.seen),
    }
    c.finish();
}

fn framed(body: &[u8]) -> Vec<u8> {
    let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    v.extend_from_slice(body);
    v
}

#[test]
fn bad_json_is_answered_with_a_parse_error_and_the_server_goes_on() {
    survives(
        &framed(b"{\"jsonrpc\": \"2.0\", \"method\": "),
        Some(-32700),
    );
}

#[test]
fn invalid_utf8_in_a_body_is_a_parse_error() {
    survives(
        &framed(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"caf\xe9\"}"),
        Some(-32700),
    );
}

#[test]
fn deep_json_is_a_parse_error() {
    let mut body = vec![b'['; 100_000];
    body.extend(std::iter::repeat_n(b']', 100_000));
    survives(&framed(&body), Some(-32700));
}

#[test]
fn json_that_is_not_a_message_is_an_invalid_request() {
    survives(&framed(b"{\"jsonrpc\":\"2.0\",\"hello\":1}"), Some(-32600));
}

#[test]
fn a_bad_content_length_resynchronises_at_the_next_header() {
    survives(
        b"Content-Length: twelve\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}",
        Some(-32700),
    );
}

#[test]
fn a_body_shorter_than_announced_loses_only_that_message() {
    // the first message's body runs into the next header, which is found again
    let mut bytes = b"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".to_vec();
    bytes.extend(framed(b"{\"jsonrpc\":\"2.0\",\"method\":\"y\"}"));
    survives(&bytes, Some(-32700));
}

#[test]
fn a_garbled_header_line_and_a_missing_content_length_resynchronise() {
    survives(b"hello there\r\n\r\n", Some(-32700));
    survives(b"Content-Type: x\r\n\r\n{}", Some(-32700));
}

#[test]
fn near_miss_headers_in_any_case_with_content_type_still_work() {
    let body = br#"{"jsonrpc":"2.0","method":"x"}"#;
    let mut bytes = format!(
        "content-length:{}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    // no error answer: a well-formed unknown notification is ignored
    survives(&bytes, None);
}

#[test]
fn malformed_initialize_parameters_are_answered_and_a_good_initialize_still_works() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_archdrift"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    stdin
        .write_all(&framed(
            br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":7}}"#,
        ))
        .unwrap();
    stdin.flush().unwrap();
    let e = read_frame(&mut out).unwrap();
    assert_eq!(e["id"], 1);
    assert_eq!(e["error"]["code"], -32602);
    stdin
        .write_all(&framed(
            br#"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}}"#,
        ))
        .unwrap();
    stdin.flush().unwrap();
    let ok = read_frame(&mut out).unwrap();
    assert_eq!(ok["id"], 2);
    assert_eq!(ok["result"]["serverInfo"]["name"], "archdrift");
    drop(stdin);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn unrecoverable_framing_exits_with_a_message_on_stderr() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_archdrift"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"Content-Length: 9999\r\n\r\n{}").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the input ended inside the body"), "{err}");
}

const CYCLE_RULE: &str = r#"
[[rule]]
id = "t/no-cycles"
kind = "layer-boundary"
severity = "warning"
message = "import cycle"
layers = { src = ["src/**"] }
cycles = "files"
unresolved = "ignore"
"#;

/// The editor shows the cross-file findings (here an import cycle) that the last full
/// `check --cache` stored for the open file: none before there is one, at their place when the
/// buffer is what the check saw, moved with an edit above them, gone when what they matched is
/// gone from the buffer. `check --stdin-filename` shows the same.
#[test]
fn cross_file_findings_of_the_last_full_check_in_the_editor() {
    let (_d, root) = workspace();
    std::fs::write(root.join("rules/cycles.toml"), CYCLE_RULE).unwrap();
    let a = "import { b } from \"./b\";\nexport const a = () => b;\n";
    std::fs::write(root.join("src/a.ts"), a).unwrap();
    std::fs::write(
        root.join("src/b.ts"),
        "import { a } from \"./a\";\nexport const b = () => a;\n",
    )
    .unwrap();
    let stdin_cycles = |text: &str| -> Vec<u64> {
        let out = archdrift_cmd()
            .current_dir(&root)
            .args(["check", "--stdin-filename", "src/a.ts", "--format", "json"])
            .write_stdin(text)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "t/no-cycles")
            .map(|f| f["line"].as_u64().unwrap())
            .collect()
    };
    let cycles = |d: &[Value]| -> Vec<u64> {
        d.iter()
            .filter(|d| d["code"] == "t/no-cycles")
            .map(|d| range(d).0)
            .collect()
    };
    let uri = file_uri(&root.join("src/a.ts"));

    // no full check yet: a buffer alone cannot see the cycle
    assert_eq!(stdin_cycles(a), Vec::<u64>::new());
    let (mut c, _) = Client::start(json!({"debounceMs": 0}), json!({}));
    c.open(&uri, "typescript", a);
    assert_eq!(cycles(&c.diagnostics(&uri, 1)), Vec::<u64>::new());

    // a full check with the cache: the cycle, on the import of ./b
    let full = archdrift_cmd()
        .current_dir(&root)
        .args(["check", "--cache", "--format", "json", "."])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&full.stdout).unwrap();
    let in_a: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "t/no-cycles" && f["file"] == "src/a.ts")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(in_a, vec![1], "{v}");
    assert_eq!(stdin_cycles(a), vec![1]);

    // the same buffer again: shown where the check found it (0-based line 0)
    c.change(&uri, 2, json!([{"text": a}]));
    assert_eq!(cycles(&c.diagnostics(&uri, 2)), vec![0]);
    // two lines above it: it moves with the import
    let shifted = format!("// one\n// two\n{a}");
    c.change(&uri, 3, json!([{"text": shifted}]));
    assert_eq!(cycles(&c.diagnostics(&uri, 3)), vec![2]);
    assert_eq!(stdin_cycles(&shifted), vec![3]);
    // the import removed: the finding goes with it
    let gone = "export const a = () => 1;\n";
    c.change(&uri, 4, json!([{"text": gone}]));
    assert_eq!(cycles(&c.diagnostics(&uri, 4)), Vec::<u64>::new());
    assert_eq!(stdin_cycles(gone), Vec::<u64>::new());
    c.finish();

    // a changed rule: its stored findings are not shown
    std::fs::write(
        root.join("rules/cycles.toml"),
        CYCLE_RULE.replace("import cycle", "a cycle of imports"),
    )
    .unwrap();
    assert_eq!(stdin_cycles(a), Vec::<u64>::new());
}

fn archdrift_cmd() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("archdrift").unwrap();
    c.env("NO_COLOR", "1");
    c
}
