//! `archdrift lsp`: a language server over stdio (lsp-server, synchronous, one thread).
//!
//! - Diagnostics for TS/TSX/JS/Rust buffers on open, change and save. Changes are debounced on
//!   the leading and trailing edge: the first change after a quiet period is checked at once;
//!   changes that follow within the debounce window (default 150 ms, `initializationOptions
//!   .debounceMs`) push the check back until the window passes without one, so a burst of
//!   keystrokes costs one check and the latest version is always the one published. Queued
//!   messages are all applied before any check runs.
//! - Each buffer is checked with the `archdrift.toml` found by walking up from its path, as
//!   `check --stdin-filename` would; `[check].exclude` is honoured.
//! - Cross-file findings (duplicate clusters, import cycles) cannot come from one buffer: those
//!   the last full `check --cache` stored for the file are shown with its own findings, moved
//!   with the edits (re-read when the cache file changes).
//! - Code actions: "suppress with a reason" and the finding's own fix, when it has one.
//! - Configuration is reloaded when a `.toml` file under a root changes (watched files, or saved
//!   in the editor); a broken configuration is shown with `window/showMessage` and the last good
//!   one keeps serving.

mod convert;
mod text;
pub(crate) mod transport;
mod uri;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crossbeam_channel::{RecvTimeoutError, TryRecvError};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, InitializeParams, InitializeResult, LogMessageParams,
    MessageType, PositionEncodingKind, PublishDiagnosticsParams, Registration, RegistrationParams,
    SaveOptions, ServerCapabilities, ServerInfo, ShowMessageParams, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri,
};

use crate::buffer;
use crate::check::Engine;
use crate::ci::cache::LastFullCheck;
use crate::config::{self, Config};
use crate::core::ConfigError;
use crate::core::Finding;
use crate::lang::Lang;
use text::{Encoding, LineIndex};

/// Default quiet period before a burst of changes is checked.
pub(crate) const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// Runs the server on stdin/stdout until `exit`; returns the process exit code (0 after a
/// `shutdown`, 1 otherwise, as the protocol asks).
pub(crate) fn run() -> i32 {
    crate::check::read::install_panic_hook();
    let (conn, io) = transport::stdio();
    let code = match serve(&conn) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("archdrift lsp: {e}");
            1
        }
    };
    drop(conn);
    io.join();
    code
}

fn serve(conn: &Connection) -> Result<i32, String> {
    // an `initialize` whose parameters do not parse is answered and the next one awaited
    let (id, params) = loop {
        let (id, params) = conn.initialize_start().map_err(|e| e.to_string())?;
        match serde_json::from_value::<InitializeParams>(params) {
            Ok(p) => break (id, p),
            Err(e) => {
                eprintln!("archdrift lsp: malformed initialize parameters: {e}");
                let resp = Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string());
                let _ = conn.sender.send(resp.into());
            }
        }
    };
    let enc = if params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8))
    {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs"))
        .and_then(|v| v.as_u64())
        .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
    // `false` re-parses every buffer from scratch (for benchmarks comparing the two)
    let incremental = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("incrementalParse"))
        .and_then(|v| v.as_bool())
        .unwrap_or(true);
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let result = InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(match enc {
                Encoding::Utf8 => PositionEncodingKind::UTF8,
                Encoding::Utf16 => PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            ..Default::default()
        },
        server_info: Some(ServerInfo {
            name: "archdrift".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    conn.initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let mut server = Server {
        conn,
        enc,
        debounce,
        incremental,
        docs: HashMap::new(),
        workspaces: HashMap::new(),
        next_id: 0,
        shutdown: false,
    };
    if watch {
        server.register_watcher();
    }
    server.main_loop()
}

/// An open buffer.
struct Doc {
    /// As the client sent it: diagnostics go back under this exact URI.
    uri: Uri,
    path: Option<PathBuf>,
    lang: Option<Lang>,
    text: String,
    version: i32,
    /// The `archdrift.toml` governing this buffer.
    config_file: Option<PathBuf>,
    /// When the buffer is next checked (None: up to date).
    due: Option<Instant>,
    last_change: Option<Instant>,
    /// Findings of the last check, for code actions.
    findings: Vec<Finding>,
    /// The syntax tree of the last check, edited along with the text: re-parses are incremental.
    tree: Option<tree_sitter::Tree>,
}

/// The engine of a loaded configuration (the last good one): built once per configuration, not
/// per check.
struct Workspace {
    engine: Option<Engine>,
    /// The cross-file findings of the last full check (read from the cache), with the size and
    /// modification time of the cache file they were read from: read again when it changes.
    last_full: RefCell<(Option<FileStamp>, Option<Arc<LastFullCheck>>)>,
}

/// A file's size and modification time.
type FileStamp = (u64, SystemTime);

impl Workspace {
    fn of(cfg: Config) -> Result<Workspace, String> {
        Ok(Workspace {
            engine: Some(Engine::new(cfg)?),
            last_full: Default::default(),
        })
    }

    /// A configuration that does not load: nothing is checked.
    fn broken() -> Workspace {
        Workspace {
            engine: None,
            last_full: Default::default(),
        }
    }

    /// The last full check's cross-file findings, when the cache holds a valid one.
    fn last_full_check(&self) -> Option<Arc<LastFullCheck>> {
        let cfg = self.cfg()?;
        let stamp = std::fs::metadata(LastFullCheck::file(cfg))
            .ok()
            .and_then(|m| Some((m.len(), m.modified().ok()?)));
        let mut memo = self.last_full.borrow_mut();
        if memo.0 != stamp {
            *memo = (
                stamp,
                stamp.and_then(|_| LastFullCheck::read(cfg)).map(Arc::new),
            );
        }
        memo.1.clone()
    }

    fn cfg(&self) -> Option<&Config> {
        self.engine.as_ref().map(|e| &**e.config())
    }
}

struct Server<'c> {
    conn: &'c Connection,
    enc: Encoding,
    debounce: Duration,
    incremental: bool,
    docs: HashMap<Uri, Doc>,
    workspaces: HashMap<PathBuf, Workspace>,
    next_id: i32,
    shutdown: bool,
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<i32, String> {
        loop {
            // apply everything already queued before checking anything
            let msg = match self.conn.receiver.try_recv() {
                Ok(m) => m,
                Err(TryRecvError::Disconnected) => return Ok(1),
                Err(TryRecvError::Empty) => {
                    if self.run_due_checks() {
                        continue;
                    }
                    let next = self.docs.values().filter_map(|d| d.due).min();
                    match next {
                        Some(at) => {
                            let wait = at.saturating_duration_since(Instant::now());
                            match self.conn.receiver.recv_timeout(wait) {
                                Ok(m) => m,
                                Err(RecvTimeoutError::Timeout) => continue,
                                Err(RecvTimeoutError::Disconnected) => return Ok(1),
                            }
                        }
                        None => match self.conn.receiver.recv() {
                            Ok(m) => m,
                            Err(_) => return Ok(1),
                        },
                    }
                }
            };
            match msg {
                Message::Request(req) => self.on_request(req),
                Message::Notification(n) => {
                    if n.method == lsp_types::notification::Exit::METHOD {
                        return Ok(if self.shutdown { 0 } else { 1 });
                    }
                    self.on_notification(n);
                }
                Message::Response(_) => {}
            }
        }
    }

    fn send(&self, msg: Message) {
        let _ = self.conn.sender.send(msg);
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params).into());
    }

    fn log(&self, message: String) {
        self.notify::<LogMessage>(LogMessageParams {
            typ: MessageType::INFO,
            message,
        });
    }

    fn register_watcher(&mut self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.toml".into()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "archdrift-config".into(),
                method: DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let req = Request::new(
            RequestId::from(format!("archdrift-{}", self.next_id)),
            RegisterCapability::METHOD.into(),
            params,
        );
        self.send(req.into());
    }

    fn on_request(&mut self, req: Request) {
        if self.shutdown {
            self.send(
                Response::new_err(
                    req.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down".into(),
                )
                .into(),
            );
            return;
        }
        match req.method.as_str() {
            lsp_types::request::Shutdown::METHOD => {
                self.shutdown = true;
                self.send(Response::new_ok(req.id, ()).into());
            }
            CodeActionRequest::METHOD => {
                let resp = match serde_json::from_value::<CodeActionParams>(req.params) {
                    Ok(p) => Response::new_ok(req.id, self.code_actions(p)),
                    Err(e) => {
                        Response::new_err(req.id, ErrorCode::InvalidParams as i32, e.to_string())
                    }
                };
                self.send(resp.into());
            }
            _ => self.send(
                Response::new_err(
                    req.id,
                    ErrorCode::MethodNotFound as i32,
                    format!("archdrift does not handle {}", req.method),
                )
                .into(),
            ),
        }
    }

    fn on_notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    self.open(p);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    self.change(p);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    self.save(p);
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    if let Some(doc) = self.docs.remove(&p.text_document.uri) {
                        if doc.lang.is_some() {
                            self.publish(&doc.uri, Vec::new(), None);
                        }
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) {
                    let paths: Vec<PathBuf> = p
                        .changes
                        .iter()
                        .filter_map(|c| uri::to_path(&c.uri))
                        .collect();
                    self.config_files_changed(&paths);
                }
            }
            _ => {}
        }
    }

    fn open(&mut self, p: DidOpenTextDocumentParams) {
        let td = p.text_document;
        let path = uri::to_path(&td.uri).map(|p| buffer::absolute(&p));
        let lang = path.as_deref().and_then(Lang::from_path);
        let config_file = match (&path, lang) {
            (Some(p), Some(_)) => buffer::find_config_for(p),
            _ => None,
        };
        if let Some(cf) = &config_file {
            self.ensure_workspace(cf);
        }
        let doc = Doc {
            uri: td.uri.clone(),
            path,
            lang,
            text: td.text,
            version: td.version,
            config_file,
            due: lang.map(|_| Instant::now()),
            last_change: None,
            findings: Vec::new(),
            tree: None,
        };
        self.docs.insert(td.uri, doc);
    }

    fn change(&mut self, p: DidChangeTextDocumentParams) {
        let enc = self.enc;
        let debounce = self.debounce;
        let Some(doc) = self.docs.get_mut(&p.text_document.uri) else {
            return;
        };
        text::apply_changes(&mut doc.text, p.content_changes, enc, &mut doc.tree);
        doc.version = p.text_document.version;
        if doc.lang.is_none() {
            return;
        }
        let now = Instant::now();
        let quiet = doc
            .last_change
            .is_none_or(|t| now.duration_since(t) >= debounce);
        doc.due = Some(if quiet { now } else { now + debounce });
        doc.last_change = Some(now);
    }

    fn save(&mut self, p: DidSaveTextDocumentParams) {
        let uri = p.text_document.uri;
        if let Some(path) = uri::to_path(&uri) {
            if path.extension().is_some_and(|e| e == "toml") {
                self.config_files_changed(&[buffer::absolute(&path)]);
            }
        }
        if let Some(doc) = self.docs.get_mut(&uri) {
            if doc.lang.is_some() {
                doc.due = Some(Instant::now());
            }
        }
    }

    /// Loads the configuration at `file` unless already loaded.
    fn ensure_workspace(&mut self, file: &Path) {
        if self.workspaces.contains_key(file) {
            return;
        }
        let ws = match config::load(file) {
            Ok(cfg) => {
                self.log(format!(
                    "archdrift: {} rules from {}",
                    cfg.rules.len(),
                    file.display()
                ));
                Workspace::of(cfg).unwrap_or_else(|msg| {
                    self.log(format!("archdrift: {msg}"));
                    Workspace::broken()
                })
            }
            Err(errors) => {
                self.show_config_errors(file, &errors, false);
                Workspace::broken()
            }
        };
        self.workspaces.insert(file.to_path_buf(), ws);
    }

    fn show_config_errors(&self, file: &Path, errors: &[ConfigError], kept: bool) {
        let mut msg = format!(
            "archdrift: configuration error in {} ({}):",
            file.display(),
            if kept {
                "still using the last good configuration"
            } else {
                "nothing is checked until it is fixed"
            }
        );
        for e in errors.iter().take(5) {
            msg.push_str("\n- ");
            if let Some(loc) = e.location() {
                msg.push_str(&loc);
                msg.push_str(": ");
            }
            msg.push_str(&e.message);
            if let Some(h) = &e.help {
                msg.push_str(&format!(" (help: {h})"));
            }
        }
        if errors.len() > 5 {
            msg.push_str(&format!("\n- and {} more", errors.len() - 5));
        }
        self.notify::<ShowMessage>(ShowMessageParams {
            typ: MessageType::ERROR,
            message: msg,
        });
    }

    /// Some `.toml` files changed: reload every configuration whose root holds one of them, find
    /// each buffer's configuration again (one may have appeared or gone) and re-check.
    fn config_files_changed(&mut self, paths: &[PathBuf]) {
        let relevant: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        if relevant.is_empty() {
            return;
        }
        let files: Vec<PathBuf> = self.workspaces.keys().cloned().collect();
        for file in files {
            let root = file.parent().unwrap_or(Path::new("/"));
            let touched = relevant.iter().any(|p| {
                p.starts_with(root)
                    || self.workspaces[&file]
                        .cfg()
                        .is_some_and(|c| c.sources.iter().any(|s| c.root.join(&s.name) == **p))
            });
            if !touched {
                continue;
            }
            if !file.is_file() {
                self.workspaces.remove(&file);
                continue;
            }
            match config::load(&file) {
                Ok(cfg) => {
                    self.log(format!(
                        "archdrift: reloaded {} rules from {}",
                        cfg.rules.len(),
                        file.display()
                    ));
                    match Workspace::of(cfg) {
                        Ok(ws) => {
                            self.workspaces.insert(file, ws);
                        }
                        Err(msg) => self.log(format!("archdrift: {msg}")),
                    }
                }
                Err(errors) => {
                    let kept = self.workspaces[&file].engine.is_some();
                    self.show_config_errors(&file, &errors, kept);
                }
            }
        }
        let now = Instant::now();
        let mut needed = Vec::new();
        for doc in self.docs.values_mut() {
            if let (Some(path), Some(_)) = (&doc.path, doc.lang) {
                doc.config_file = buffer::find_config_for(path);
                if let Some(cf) = &doc.config_file {
                    needed.push(cf.clone());
                }
                doc.due = Some(now);
            }
        }
        for cf in needed {
            self.ensure_workspace(&cf);
        }
    }

    /// Checks every buffer whose time has come; returns whether any was.
    fn run_due_checks(&mut self) -> bool {
        let now = Instant::now();
        let due: Vec<Uri> = self
            .docs
            .values()
            .filter(|d| d.due.is_some_and(|t| t <= now))
            .map(|d| d.uri.clone())
            .collect();
        for uri in &due {
            self.check_and_publish(uri);
        }
        !due.is_empty()
    }

    /// Checks a buffer now and publishes its diagnostics.
    fn check_and_publish(&mut self, uri: &Uri) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        doc.due = None;
        let mut tree = doc.tree.take().filter(|_| self.incremental);
        let doc = &self.docs[uri];
        let ws = doc
            .config_file
            .as_ref()
            .and_then(|f| self.workspaces.get(f))
            .filter(|w| w.engine.is_some());
        let (findings, diagnostics) = match (ws, &doc.path) {
            (Some(ws), Some(path)) => self.check_doc(ws, doc, path, &mut tree),
            _ => (Vec::new(), Vec::new()),
        };
        let version = Some(doc.version);
        let uri = doc.uri.clone();
        self.publish(&uri, diagnostics, version);
        if let Some(doc) = self.docs.get_mut(&uri) {
            doc.findings = findings;
            doc.tree = tree;
        }
    }

    fn check_doc(
        &self,
        ws: &Workspace,
        doc: &Doc,
        path: &Path,
        tree: &mut Option<tree_sitter::Tree>,
    ) -> (Vec<Finding>, Vec<Diagnostic>) {
        let Some(engine) = ws.engine.as_ref() else {
            return (Vec::new(), Vec::new());
        };
        let cfg = &**engine.config();
        let Ok(sp) = buffer::source_path(cfg, path) else {
            return (Vec::new(), Vec::new());
        };
        if buffer::is_excluded(cfg, &sp) {
            return (Vec::new(), Vec::new());
        }
        let mut report = buffer::check_incremental(engine, &sp, doc.text.as_bytes(), tree);
        // duplicates and cycles need every file: those of the last full check, from the cache
        let last = ws.last_full_check();
        buffer::add_last_full_check(&mut report, last.as_deref(), &sp.rel, &doc.text);
        let ix = LineIndex::new(&doc.text);
        let mut texts: HashMap<String, Option<Arc<String>>> = HashMap::new();
        let mut text_of = |rel: &str| -> Option<Arc<String>> {
            texts
                .entry(rel.to_string())
                .or_insert_with(|| {
                    let p = cfg.root.join(rel);
                    if let Some(d) = self.docs.values().find(|d| d.path.as_deref() == Some(&p)) {
                        return Some(Arc::new(d.text.clone()));
                    }
                    let meta = std::fs::metadata(&p).ok()?;
                    if meta.len() > cfg.max_file_size {
                        return None;
                    }
                    crate::core::safe_read::read_regular_string(&p, cfg.max_file_size)
                        .ok()
                        .map(Arc::new)
                })
                .clone()
        };
        let mut diagnostics: Vec<Diagnostic> = report
            .findings
            .iter()
            .map(|f| convert::diagnostic(f, &cfg.root, &ix, self.enc, &mut text_of))
            .collect();
        diagnostics.extend(report.problems.iter().map(convert::problem_diagnostic));
        (report.findings, diagnostics)
    }

    fn publish(&self, uri: &Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        });
    }

    fn code_actions(&mut self, p: CodeActionParams) -> Vec<CodeActionOrCommand> {
        if let Some(only) = &p.context.only {
            // kinds are hierarchical: "" asks for every kind
            if !only
                .iter()
                .any(|k| k.as_str().is_empty() || *k == CodeActionKind::QUICKFIX)
            {
                return Vec::new();
            }
        }
        let uri = p.text_document.uri;
        // answer on the current text: run a pending check first
        if self.docs.get(&uri).is_some_and(|d| d.due.is_some()) {
            self.check_and_publish(&uri);
        }
        let Some(doc) = self.docs.get(&uri) else {
            return Vec::new();
        };
        let Some(root) = doc
            .config_file
            .as_ref()
            .and_then(|f| f.parent())
            .map(Path::to_path_buf)
        else {
            return Vec::new();
        };
        let ix = LineIndex::new(&doc.text);
        let start = ix.offset(p.range.start, self.enc);
        let end = ix.offset(p.range.end, self.enc);
        let mut actions = Vec::new();
        let mut suppressed: Vec<(&str, u32)> = Vec::new();
        // JSX children need `{/* … */}` suppressions: the tree of the last check, or a parse
        let parsed;
        let tree = match (&doc.tree, doc.lang) {
            (Some(t), _) => Some(t),
            (None, Some(lang)) if lang.is_js_family() => {
                parsed = crate::lang::parse::parse(lang, &doc.text).ok();
                parsed.as_ref()
            }
            _ => None,
        };
        let mut none = |_: &str| None;
        for f in &doc.findings {
            if f.byte_start > end || f.byte_end < start {
                continue;
            }
            // the client's own copy when it sent one back (so it knows what is fixed)
            let diag = p
                .context
                .diagnostics
                .iter()
                .find(|d| {
                    d.source.as_deref() == Some(convert::SOURCE)
                        && d.data.as_ref().and_then(|v| v.get("fingerprint"))
                            == Some(&serde_json::Value::from(f.fingerprint.as_str()))
                })
                .cloned()
                .unwrap_or_else(|| convert::diagnostic(f, &root, &ix, self.enc, &mut none));
            if let Some(fix) = &f.fix {
                actions.push(CodeActionOrCommand::CodeAction(convert::fix_action(
                    fix,
                    &uri,
                    &ix,
                    self.enc,
                    diag.clone(),
                )));
            }
            let line = diag.range.start.line;
            if !suppressed.contains(&(f.rule.as_str(), line)) {
                suppressed.push((f.rule.as_str(), line));
                let jsx =
                    tree.is_some_and(|t| convert::line_in_jsx_children(t, &doc.text, f.byte_start));
                actions.push(CodeActionOrCommand::CodeAction(convert::suppress_action(
                    f, &uri, &ix, self.enc, diag, jsx,
                )));
            }
        }
        actions
    }
}
