//! The stdio transport of `archdrift lsp`: our own framing reader instead of lsp-server's, whose
//! reader thread gives up on the first malformed message (and with it the whole server).
//!
//! - A body that is not JSON (bad syntax, invalid UTF-8, nesting past serde_json's limit of
//!   128) or not a JSON-RPC message is answered with a parse error (`-32700`) or an invalid
//!   request (`-32600`) with id `null` (or the message's own id when it has one) and the next
//!   message is read: the framing is intact.
//! - A body over [`MAX_BODY`] is skipped unread (streamed past, never buffered) and answered.
//! - A garbled header, a missing or unparseable `Content-Length`: the length of the body is
//!   unknown, so the reader resynchronises at the next `Content-Length:` header (in the rest of
//!   the garbled line or further on) and answers one parse error for what it skipped.
//! - The end of input inside a message, or a read error, ends the server with a message on
//!   stderr.
//!
//! Every problem is logged to stderr. Memory is bounded by [`MAX_BODY`] and [`MAX_HEADER_LINE`].

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{bounded, Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::Value;

/// The largest body read (a buffer of a large file, JSON-escaped, fits many times over).
pub(crate) const MAX_BODY: usize = 256 << 20;
/// The longest header line kept; a longer one is garbled.
pub(crate) const MAX_HEADER_LINE: usize = 4096;
/// The most header lines of one message; more is garbled.
const MAX_HEADERS: usize = 32;

const CONTENT_LENGTH: &[u8] = b"content-length:";

/// What the reader got from the stream.
#[derive(Debug)]
pub(crate) enum Frame {
    Message(Message),
    /// A malformed message that was skipped: answer `code` to `id` (null when unknown).
    Malformed {
        code: i32,
        id: Value,
        reason: String,
    },
    /// The input ended: cleanly between messages when `reason` is None.
    End {
        reason: Option<String>,
    },
}

fn malformed(code: ErrorCode, id: Value, reason: String) -> Frame {
    Frame::Malformed {
        code: code as i32,
        id,
        reason,
    }
}

/// Reads framed JSON-RPC messages, surviving malformed ones.
pub(crate) struct FrameReader<R> {
    r: R,
    max_body: usize,
    /// Bytes to read before the stream: the start of a header found while resynchronising,
    /// and whether it is a whole line (its line ending already consumed).
    pushback: Option<(Vec<u8>, bool)>,
}

enum Line {
    Eof,
    /// A complete line (or the last bytes of the input), without its line ending.
    Text(Vec<u8>),
    /// A line over the limit: its first bytes; the rest stays in the stream.
    TooLong(Vec<u8>),
}

/// A framing error: what went wrong and the header line it went wrong in (searched for the
/// next header first), and whether that line is whole.
struct Garbled {
    reason: String,
    line: Vec<u8>,
    whole: bool,
}

impl Garbled {
    fn new(reason: String, line: Vec<u8>, whole: bool) -> Garbled {
        Garbled {
            reason,
            line,
            whole,
        }
    }
}

impl<R: BufRead> FrameReader<R> {
    pub(crate) fn new(r: R) -> FrameReader<R> {
        FrameReader::with_limit(r, MAX_BODY)
    }

    pub(crate) fn with_limit(r: R, max_body: usize) -> FrameReader<R> {
        FrameReader {
            r,
            max_body,
            pushback: None,
        }
    }

    fn fill(&mut self) -> io::Result<&[u8]> {
        loop {
            match self.r.fill_buf() {
                Ok(_) => return self.r.fill_buf(),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Reads up to and including `\n` (a `\r` before it is dropped too), keeping at most
    /// [`MAX_HEADER_LINE`] bytes.
    fn read_line(&mut self) -> io::Result<Line> {
        let mut line = match self.pushback.take() {
            Some((l, true)) => return Ok(Line::Text(l)),
            Some((l, false)) => l,
            None => Vec::new(),
        };
        let mut any = !line.is_empty();
        loop {
            if line.len() > MAX_HEADER_LINE {
                return Ok(Line::TooLong(line));
            }
            let room = MAX_HEADER_LINE + 1 - line.len();
            let buf = self.fill()?;
            if buf.is_empty() {
                return Ok(if any { Line::Text(line) } else { Line::Eof });
            }
            any = true;
            let window = &buf[..buf.len().min(room)];
            if let Some(i) = window.iter().position(|&b| b == b'\n') {
                line.extend_from_slice(&window[..i]);
                self.r.consume(i + 1);
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(Line::Text(line));
            }
            let n = window.len();
            line.extend_from_slice(window);
            self.r.consume(n);
        }
    }

    /// Skips to the next `Content-Length:` (any case), which becomes the start of the next
    /// header line. False at the end of input.
    fn resync(&mut self, g: &Garbled) -> io::Result<bool> {
        // first in the rest of the garbled line (a body shorter than announced runs into the
        // next message's header), never at its very start (that header was the bad one)
        if let Some(p) = find_ci(g.line.get(1..).unwrap_or_default(), CONTENT_LENGTH) {
            self.pushback = Some((g.line[1 + p..].to_vec(), g.whole));
            return Ok(true);
        }
        let mut matched = 0;
        loop {
            let buf = self.fill()?;
            if buf.is_empty() {
                return Ok(false);
            }
            for (i, &b) in buf.iter().enumerate() {
                // no proper prefix of the pattern recurs inside it: a mismatch restarts at 'c'
                if b.eq_ignore_ascii_case(&CONTENT_LENGTH[matched]) {
                    matched += 1;
                } else {
                    matched = usize::from(b.eq_ignore_ascii_case(&CONTENT_LENGTH[0]));
                }
                if matched == CONTENT_LENGTH.len() {
                    self.r.consume(i + 1);
                    self.pushback = Some((b"Content-Length:".to_vec(), false));
                    return Ok(true);
                }
            }
            let n = buf.len();
            self.r.consume(n);
        }
    }

    /// The next frame. After `End`, every call returns `End` again.
    pub(crate) fn next_frame(&mut self) -> io::Result<Frame> {
        match self.read_message()? {
            Ok(frame) => Ok(frame),
            // the framing is lost: one answer for everything skipped up to the next header
            Err(g) => Ok(if self.resync(&g)? {
                malformed(
                    ErrorCode::ParseError,
                    Value::Null,
                    format!("{}; skipped to the next Content-Length header", g.reason),
                )
            } else {
                Frame::End {
                    reason: Some(format!(
                        "{}; no Content-Length header follows before the end of input",
                        g.reason
                    )),
                }
            }),
        }
    }

    fn read_message(&mut self) -> io::Result<Result<Frame, Garbled>> {
        let mut len: Option<usize> = None;
        let mut headers = 0;
        loop {
            let line = match self.read_line()? {
                Line::Eof if headers == 0 => return Ok(Ok(Frame::End { reason: None })),
                Line::Eof => {
                    return Ok(Ok(Frame::End {
                        reason: Some("the input ended inside the headers of a message".into()),
                    }))
                }
                Line::TooLong(l) => {
                    return Ok(Err(Garbled::new(
                        format!("a header line over {MAX_HEADER_LINE} bytes"),
                        l,
                        false,
                    )))
                }
                Line::Text(l) => l,
            };
            if line.is_empty() {
                if headers == 0 {
                    continue; // blank lines between messages
                }
                break;
            }
            headers += 1;
            if headers > MAX_HEADERS {
                return Ok(Err(Garbled::new(
                    format!("more than {MAX_HEADERS} header lines"),
                    line,
                    true,
                )));
            }
            let Some((name, value)) = header(&line) else {
                return Ok(Err(Garbled::new(
                    format!("a malformed header line {}", shown(&line)),
                    line,
                    true,
                )));
            };
            if name.eq_ignore_ascii_case("content-length") {
                match value.trim().parse::<usize>() {
                    Ok(n) => len = Some(n),
                    Err(_) => {
                        let reason = format!("a bad Content-Length {}", shown(value.as_bytes()));
                        return Ok(Err(Garbled::new(reason, line, true)));
                    }
                }
            }
        }
        let Some(len) = len else {
            return Ok(Err(Garbled::new(
                "a message without a Content-Length header".into(),
                Vec::new(),
                true,
            )));
        };
        if len > self.max_body {
            let mut body = (&mut self.r).take(len as u64);
            let n = io::copy(&mut body, &mut io::sink())?;
            if n < len as u64 {
                return Ok(Ok(Frame::End {
                    reason: Some("the input ended inside the body of a message".into()),
                }));
            }
            return Ok(Ok(malformed(
                ErrorCode::ParseError,
                Value::Null,
                format!(
                    "a message of {len} bytes, over the limit of {} bytes, was skipped",
                    self.max_body
                ),
            )));
        }
        let mut body = vec![0; len];
        match self.r.read_exact(&mut body) {
            Ok(()) => Ok(Ok(parse_body(&body))),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(Ok(Frame::End {
                reason: Some("the input ended inside the body of a message".into()),
            })),
            Err(e) => Err(e),
        }
    }
}

/// `Name: value`, the name an RFC 9110 token.
fn header(line: &[u8]) -> Option<(&str, &str)> {
    let line = std::str::from_utf8(line).ok()?;
    let (name, value) = line.split_once(':')?;
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    (!name.is_empty() && name.chars().all(token)).then_some((name, value))
}

/// A JSON-RPC message, or why not. serde_json's recursion limit (128) rejects deep nesting.
fn parse_body(body: &[u8]) -> Frame {
    let v: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return malformed(
                ErrorCode::ParseError,
                Value::Null,
                format!("the body is not JSON: {e}"),
            )
        }
    };
    let id = match v.get("id") {
        Some(i) if i.is_string() || i.is_i64() || i.is_u64() => i.clone(),
        _ => Value::Null,
    };
    match serde_json::from_value::<Message>(v) {
        Ok(m) => Frame::Message(m),
        Err(e) => malformed(
            ErrorCode::InvalidRequest,
            id,
            format!("the body is not a JSON-RPC message: {e}"),
        ),
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The first bytes of a line, quoted and escaped (safe for a terminal).
fn shown(b: &[u8]) -> String {
    let s = String::from_utf8_lossy(&b[..b.len().min(80)]);
    let more = if b.len() > 80 { "…" } else { "" };
    format!("{s:?}{more}")
}

/// The JSON-RPC error answer to a malformed message.
fn error_answer(code: i32, id: Value, reason: &str) -> String {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": reason },
    })
    .to_string()
}

/// The writer thread (the reader thread is not joined: it may be blocked on the input).
pub(crate) struct IoThreads {
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Waits until everything sent has been written.
    pub(crate) fn join(self) {
        match self.writer.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("archdrift lsp: writing the output failed: {e}"),
            Err(_) => eprintln!("archdrift lsp: the writer thread panicked"),
        }
    }
}

/// A connection over stdin/stdout.
pub(crate) fn stdio() -> (Connection, IoThreads) {
    connect(
        io::BufReader::with_capacity(1 << 16, io::stdin()),
        io::stdout(),
    )
}

/// A connection reading `input` and writing `output`, each on its own thread. The reader stops
/// after an `exit` notification, at the end of input, or when the framing cannot be recovered
/// (with a message on stderr).
pub(crate) fn connect<R, W>(input: R, output: W) -> (Connection, IoThreads)
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let (in_tx, in_rx) = bounded::<Message>(0);
    let (out_tx, out_rx) = bounded::<Message>(0);
    let (err_tx, err_rx) = bounded::<String>(16);
    thread::Builder::new()
        .name("archdrift-lsp-reader".into())
        .spawn(move || read_loop(input, &in_tx, &err_tx))
        .expect("spawn the LSP reader thread");
    let writer = thread::Builder::new()
        .name("archdrift-lsp-writer".into())
        .spawn(move || write_loop(output, &out_rx, err_rx))
        .expect("spawn the LSP writer thread");
    (
        Connection {
            sender: out_tx,
            receiver: in_rx,
        },
        IoThreads { writer },
    )
}

fn read_loop<R: BufRead>(input: R, messages: &Sender<Message>, errors: &Sender<String>) {
    let mut reader = FrameReader::new(input);
    loop {
        match reader.next_frame() {
            Ok(Frame::Message(m)) => {
                let exit = matches!(&m, Message::Notification(n) if n.method == "exit");
                if messages.send(m).is_err() || exit {
                    return;
                }
            }
            Ok(Frame::Malformed { code, id, reason }) => {
                eprintln!("archdrift lsp: malformed message: {reason}");
                let _ = errors.send(error_answer(code, id, &reason));
            }
            Ok(Frame::End { reason: None }) => return,
            Ok(Frame::End {
                reason: Some(reason),
            }) => {
                eprintln!("archdrift lsp: {reason}; stopping");
                return;
            }
            Err(e) => {
                eprintln!("archdrift lsp: reading the input failed: {e}; stopping");
                return;
            }
        }
    }
}

fn write_loop<W: Write>(
    mut out: W,
    messages: &Receiver<Message>,
    mut errors: Receiver<String>,
) -> io::Result<()> {
    loop {
        crossbeam_channel::select! {
            recv(messages) -> m => match m {
                Ok(m) => m.write(&mut out)?,
                Err(_) => {
                    // the server is done: the answers already queued still go out
                    while let Ok(text) = errors.try_recv() {
                        write_answer(&mut out, &text)?;
                    }
                    return Ok(());
                }
            },
            recv(errors) -> e => match e {
                Ok(text) => write_answer(&mut out, &text)?,
                // the reader has stopped: only the server's messages are left
                Err(_) => errors = crossbeam_channel::never(),
            },
        }
    }
}

fn write_answer<W: Write>(out: &mut W, text: &str) -> io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", text.len())?;
    out.write_all(text.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const GOOD: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    /// The frames of `input`, as short labels: a method, `E<code>`, `end`, `end!` (with reason).
    fn frames(input: &[u8], limit: usize) -> Vec<String> {
        let mut r = FrameReader::with_limit(io::BufReader::with_capacity(7, input), limit);
        let mut out = Vec::new();
        loop {
            match r.next_frame().unwrap() {
                Frame::Message(Message::Request(q)) => out.push(q.method),
                Frame::Message(Message::Notification(n)) => out.push(n.method),
                Frame::Message(Message::Response(_)) => out.push("response".into()),
                Frame::Malformed { code, .. } => out.push(format!("E{code}")),
                Frame::End { reason } => {
                    out.push(if reason.is_some() { "end!" } else { "end" }.into());
                    return out;
                }
            }
        }
    }

    fn after(bad: &[u8]) -> Vec<String> {
        let mut v = bad.to_vec();
        v.extend_from_slice(framed(GOOD).as_bytes());
        frames(&v, MAX_BODY)
    }

    #[test]
    fn good_messages_in_a_row() {
        let s = format!("{}{}", framed(GOOD), framed(r#"{"method":"exit"}"#));
        assert_eq!(frames(s.as_bytes(), MAX_BODY), ["shutdown", "exit", "end"]);
    }

    #[test]
    fn header_near_misses_still_parse() {
        let s = format!(
            "\r\ncontent-length:  {}\nContent-Type: application/vscode-jsonrpc\r\n\r\n{GOOD}",
            GOOD.len()
        );
        assert_eq!(frames(s.as_bytes(), MAX_BODY), ["shutdown", "end"]);
    }

    #[test]
    fn bad_bodies_are_answered_and_the_next_message_read() {
        assert_eq!(
            after(framed("{nope").as_bytes()),
            ["E-32700", "shutdown", "end"]
        );
        assert_eq!(after(framed("").as_bytes()), ["E-32700", "shutdown", "end"]);
        assert_eq!(
            after(framed("[1,2]").as_bytes()),
            ["E-32600", "shutdown", "end"]
        );
        let utf8 = b"Content-Length: 4\r\n\r\n\"\xff\xfe\"";
        assert_eq!(after(utf8), ["E-32700", "shutdown", "end"]);
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(
            after(framed(&deep).as_bytes()),
            ["E-32700", "shutdown", "end"]
        );
        // within serde_json's limit, deep nesting is a message like any other
        let ok = format!(
            r#"{{"method":"x","params":{}{}}}"#,
            "[".repeat(100),
            "]".repeat(100)
        );
        assert_eq!(after(framed(&ok).as_bytes()), ["x", "shutdown", "end"]);
    }

    #[test]
    fn the_id_of_an_invalid_request_is_kept() {
        let s = framed(r#"{"id":"a","method":7}"#);
        let mut r = FrameReader::new(s.as_bytes());
        match r.next_frame().unwrap() {
            Frame::Malformed { code, id, .. } => {
                assert_eq!(code, -32600);
                assert_eq!(id, "a");
            }
            f => panic!("{f:?}"),
        }
    }

    #[test]
    fn an_oversized_body_is_skipped_unread() {
        let big = format!(r#"{{"method":"x","params":"{}"}}"#, "a".repeat(1000));
        let s = format!("{}{}", framed(&big), framed(GOOD));
        assert_eq!(frames(s.as_bytes(), 100), ["E-32700", "shutdown", "end"]);
        assert_eq!(frames(s.as_bytes(), 2000), ["x", "shutdown", "end"]);
    }

    #[test]
    fn lost_framing_resynchronises_at_the_next_content_length() {
        // unparseable length
        assert_eq!(
            after(b"Content-Length: x\r\n\r\n{}"),
            ["E-32700", "shutdown", "end"]
        );
        // no length at all
        assert_eq!(
            after(b"Content-Type: a\r\n\r\n{}"),
            ["E-32700", "shutdown", "end"]
        );
        // a garbled header line, and junk before the next header
        assert_eq!(after(b"{\"junk\": 1}\r\n"), ["E-32700", "shutdown", "end"]);
        // a body shorter than announced: the rest runs into the next header on one line
        assert_eq!(
            after(b"Content-Length: 3\r\n\r\n{\"method\":\"x\"}"),
            ["E-32700", "E-32700", "shutdown", "end"]
        );
        // an endless header line, the next header in its tail
        let mut long = vec![b'a'; 10 * MAX_HEADER_LINE];
        long.extend_from_slice(b"\r\n");
        assert_eq!(after(&long), ["E-32700", "shutdown", "end"]);
        // "c" before the header does not hide it
        assert_eq!(after(b"x: y\r\nzz\r\ncc"), ["E-32700", "shutdown", "end"]);
    }

    #[test]
    fn the_end_of_input_inside_a_message_ends_with_a_reason() {
        assert_eq!(frames(b"Content-Length: 10\r\n\r\n{}", MAX_BODY), ["end!"]);
        assert_eq!(frames(b"Content-Length: 10\r\n", MAX_BODY), ["end!"]);
        assert_eq!(frames(b"garbage\r\n\r\n", MAX_BODY), ["end!"]);
        assert_eq!(frames(b"Content-Length: 1000\r\n\r\n{}", 10), ["end!"]);
        assert_eq!(frames(b"", MAX_BODY), ["end"]);
        assert_eq!(frames(b"\r\n\r\n", MAX_BODY), ["end"]);
    }

    #[test]
    fn parse_errors_are_answered_with_a_null_id() {
        struct W(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
        impl Write for W {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let input = format!("{}{}", framed("{"), framed(r#"{"method":"exit"}"#));
        let shared = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (c, io) = connect(io::Cursor::new(input.into_bytes()), W(shared.clone()));
        match c.receiver.recv().unwrap() {
            Message::Notification(n) => assert_eq!(n.method, "exit"),
            m => panic!("{m:?}"),
        }
        drop(c);
        io.join();
        let out = String::from_utf8(shared.lock().unwrap().clone()).unwrap();
        let body = out.split("\r\n\r\n").nth(1).unwrap();
        let v: Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["id"], Value::Null);
        assert_eq!(v["error"]["code"], -32700);
    }
}
