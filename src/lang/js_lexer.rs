//! A lexer for JavaScript, TypeScript and JSX/TSX that finds component units without a syntax
//! tree — the front end of the `duplicate-component` kind for those languages.
//!
//! Duplicate detection needs tokens and the extent of each unit, not a syntax tree: a full
//! tree-sitter TSX parse costs more than a whole token-based clone detector run (BENCHMARKS.md),
//! so the kind lexes instead, in one pass over the bytes. The lexer tracks what a tokenizer must
//! know to stay in sync — string, template and regex literals, comments, and JSX (tags,
//! attributes, text children, `{…}` containers) — and records bracket pairs and element extents
//! so that [`units`] can find where each component starts and ends.
//!
//! Where JavaScript is ambiguous without a parser, the lexer decides by the previous token, as
//! editors' highlighters do: `/` starts a regex and `<` an element only where an expression may
//! start (after `(`, `=`, `return`, `&&`, …), and `<T,>` / `<T extends …>` are type parameters.
//! String and regex literals end at a newline, so a wrong guess cannot swallow the rest of a
//! file. What cannot be resolved is recorded as an anomaly (the byte where the lexer lost
//! track): units past it are dropped rather than guessed.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An identifier or keyword (also `#private` names).
    Ident,
    Num,
    Str,
    /// A chunk of a template literal (between the backticks and `${ }` holes).
    Template,
    Regex,
    Punct,
    /// `<` opening a JSX element or fragment.
    JsxOpen,
    /// `</` starting a closing tag.
    JsxClose,
    JsxTagName,
    JsxAttr,
    JsxText,
    /// `>` ending a JSX tag.
    JsxTagEnd,
    /// `/>` ending a self-closing element.
    JsxSelfClose,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) kind: Kind,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// The attributes of one JSX opening tag: the first token of each attribute, and the end
/// (exclusive: the `>` or `/>`). Attribute order carries no meaning, so fingerprints sort them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AttrGroup {
    pub(crate) attrs: Vec<u32>,
    pub(crate) end: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Lexed {
    pub(crate) tokens: Vec<Token>,
    /// For `(`, `[`, `{` and `${`: the index of the matching closer; for a [`Kind::JsxOpen`] of
    /// an element: the index of its last token. `NONE` otherwise.
    pub(crate) matching: Vec<u32>,
    /// Opening tags with two or more attributes, in the order they closed (inner tags first).
    pub(crate) attr_groups: Vec<AttrGroup>,
    /// The byte offset where the lexer lost track (unbalanced brackets, end of file inside JSX or
    /// a template), if it did.
    pub(crate) anomaly: Option<u32>,
    /// Byte ranges of the comments (`//` to the end of the line, `/* … */`).
    pub(crate) comments: Vec<(u32, u32)>,
}

pub(crate) const NONE: u32 = u32::MAX;

enum Frame {
    /// Code; `open` is the `{` (or `${`) token that opened it, `NONE` at the top level.
    Code {
        open: u32,
    },
    Template,
    /// A JSX tag: `open` is its `<` / `</` token; `named` once the tag name was read.
    Tag {
        open: u32,
        closing: bool,
        named: bool,
        attrs: Vec<u32>,
    },
    /// The children of the element opened at token `open`.
    Children {
        open: u32,
    },
}

struct Lexer<'a> {
    b: &'a [u8],
    i: usize,
    out: Lexed,
    frames: Vec<Frame>,
    brackets: Vec<(u8, u32)>,
}

/// Keywords of JavaScript and TypeScript: kept as themselves in fingerprints, where other
/// identifiers become a placeholder.
pub(crate) const KEYWORDS: &[&str] = &[
    "abstract",
    "any",
    "as",
    "async",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "private",
    "protected",
    "public",
    "readonly",
    "return",
    "satisfies",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

pub(crate) fn is_keyword(word: &str) -> bool {
    // most identifiers are not keywords: rule them out by length and first letter first, then
    // one slot of a small hash table (asked of every identifier token: a binary search with a
    // `memcmp` per step cost ~40 instructions a token)
    let b = word.as_bytes();
    if !(2..=10).contains(&b.len()) || !b[0].is_ascii_lowercase() {
        return false;
    }
    let table = keyword_table();
    let mut slot = keyword_slot(b);
    loop {
        match table[slot] {
            0 => return false,
            k if KEYWORDS[k as usize - 1].as_bytes() == b => return true,
            _ => slot = (slot + 1) % KEYWORD_SLOTS,
        }
    }
}

/// Slots of [`keyword_table`]: a power of two over three times the keywords.
const KEYWORD_SLOTS: usize = 256;

/// Where the probe for `b` (2 bytes or more) starts.
fn keyword_slot(b: &[u8]) -> usize {
    let (first, second, last) = (b[0] as usize, b[1] as usize, b[b.len() - 1] as usize);
    (first * 31 + second * 7 + last * 131 + b.len() * 17) % KEYWORD_SLOTS
}

/// [`KEYWORDS`] in an open-addressed table: each slot holds a keyword's index + 1, or 0.
fn keyword_table() -> &'static [u8; KEYWORD_SLOTS] {
    static TABLE: std::sync::OnceLock<[u8; KEYWORD_SLOTS]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; KEYWORD_SLOTS];
        for (i, k) in KEYWORDS.iter().enumerate() {
            let mut slot = keyword_slot(k.as_bytes());
            while t[slot] != 0 {
                slot = (slot + 1) % KEYWORD_SLOTS;
            }
            t[slot] = (i + 1) as u8;
        }
        t
    })
}

/// Per byte: bit 0 = it may start an identifier, bit 1 = it may continue one (one load where
/// the comparisons took several branches per byte of every name).
const IDENT_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0usize;
    while c < 256 {
        let b = c as u8;
        let alpha = b.is_ascii_alphabetic() || b == b'_' || b == b'$' || b >= 0x80;
        if alpha {
            t[c] |= 1;
        }
        if alpha || b.is_ascii_digit() {
            t[c] |= 2;
        }
        c += 1;
    }
    t
};

fn ident_start(c: u8) -> bool {
    IDENT_CLASS[c as usize] & 1 != 0
}

fn ident_char(c: u8) -> bool {
    IDENT_CLASS[c as usize] & 2 != 0
}

/// The length of the punctuator at the start of `rest` (longest match; 1 for anything else).
fn punct_len(rest: &[u8]) -> usize {
    let at = |k: usize| rest.get(k).copied().unwrap_or(0);
    let (a, b, c) = (at(0), at(1), at(2));
    match a {
        b'>' => match (b, c) {
            (b'>', b'>') if at(3) == b'=' => 4,
            (b'>', b'>' | b'=') => 3,
            (b'>' | b'=', _) => 2,
            _ => 1,
        },
        b'<' => match (b, c) {
            (b'<', b'=') => 3,
            (b'<' | b'=', _) => 2,
            _ => 1,
        },
        b'=' | b'!' => match (b, c) {
            (b'=', b'=') => 3,
            (b'=', _) => 2,
            (b'>', _) if a == b'=' => 2,
            _ => 1,
        },
        b'.' if b == b'.' && c == b'.' => 3,
        b'*' => match (b, c) {
            (b'*', b'=') => 3,
            (b'*' | b'=', _) => 2,
            _ => 1,
        },
        b'&' | b'|' | b'?' if b == a => {
            if c == b'=' {
                3
            } else {
                2
            }
        }
        b'?' if b == b'.' && !c.is_ascii_digit() => 2,
        b'+' | b'-' if b == a || b == b'=' => 2,
        b'/' | b'%' | b'&' | b'|' | b'^' if b == b'=' => 2,
        _ => 1,
    }
}

/// The tokens of one file's text, lexed at most once for everything that needs them in a check
/// of the file (design-system adoption counting, duplicate detection).
#[derive(Debug)]
pub(crate) struct LexOnce<'a> {
    src: &'a str,
    lexed: std::cell::OnceCell<Lexed>,
}

impl<'a> LexOnce<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        LexOnce {
            src,
            lexed: std::cell::OnceCell::new(),
        }
    }

    /// [`lex`] of the text, the first time it is asked for (into the vectors the last file's
    /// tokens on this thread were in).
    pub(crate) fn get(&self) -> &Lexed {
        self.lexed
            .get_or_init(|| lex_into(self.src, SPARE.with(|s| s.take())))
    }
}

impl Drop for LexOnce<'_> {
    /// The tokens' vectors go to the next file lexed on this thread.
    fn drop(&mut self) {
        if let Some(lexed) = self.lexed.take() {
            SPARE.with(|s| s.set(lexed));
        }
    }
}

thread_local! {
    /// The vectors of the last [`LexOnce`] dropped on this thread (a file's tokens are several
    /// bytes per byte of text: fresh vectors for every file would be fresh memory each time).
    static SPARE: std::cell::Cell<Lexed> = std::cell::Cell::new(Lexed::default());
}

/// Lexes `src`. Never panics; on input it cannot follow it records an [`Lexed::anomaly`].
pub(crate) fn lex(src: &str) -> Lexed {
    lex_into(src, Lexed::default())
}

/// [`lex`] into the vectors of `out` (emptied first; whatever it held is not read).
fn lex_into(src: &str, mut out: Lexed) -> Lexed {
    // every field named: one added must be emptied here too
    let Lexed {
        tokens,
        matching,
        attr_groups,
        anomaly,
        comments,
    } = &mut out;
    tokens.clear();
    tokens.reserve(src.len() / 4);
    matching.clear();
    matching.reserve(src.len() / 4);
    attr_groups.clear();
    *anomaly = None;
    comments.clear();
    let mut lx = Lexer {
        b: src.as_bytes(),
        i: 0,
        out,
        frames: vec![Frame::Code { open: NONE }],
        brackets: Vec::new(),
    };
    // a shebang line
    if lx.b.starts_with(b"#!") {
        lx.skip_line();
    }
    while lx.i < lx.b.len() {
        match lx.frames.last() {
            Some(Frame::Code { .. }) | None => lx.code(),
            Some(Frame::Template) => lx.template(),
            Some(Frame::Tag { .. }) => lx.tag(),
            Some(Frame::Children { .. }) => lx.children(),
        }
    }
    if lx.frames.len() > 1 || !lx.brackets.is_empty() {
        lx.anomaly(lx.b.len());
    }
    lx.out
}

impl Lexer<'_> {
    fn push(&mut self, kind: Kind, start: usize, end: usize) -> u32 {
        self.out.tokens.push(Token {
            kind,
            start: start as u32,
            end: end as u32,
        });
        self.out.matching.push(NONE);
        (self.out.tokens.len() - 1) as u32
    }

    fn anomaly(&mut self, at: usize) {
        if self.out.anomaly.is_none() {
            self.out.anomaly = Some(at as u32);
        }
    }

    fn peek(&self, k: usize) -> u8 {
        self.b.get(self.i + k).copied().unwrap_or(0)
    }

    fn skip_line(&mut self) {
        while self.i < self.b.len() && self.b[self.i] != b'\n' {
            self.i += 1;
        }
    }

    /// Skips whitespace and comments.
    fn trivia(&mut self) {
        loop {
            match self.peek(0) {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => self.i += 1,
                b'/' if self.peek(1) == b'/' => {
                    let at = self.i;
                    self.skip_line();
                    self.out.comments.push((at as u32, self.i as u32));
                }
                b'/' if self.peek(1) == b'*' => {
                    let at = self.i;
                    self.i += 2;
                    while self.i < self.b.len() && !(self.b[self.i] == b'*' && self.peek(1) == b'/')
                    {
                        self.i += 1;
                    }
                    self.i = (self.i + 2).min(self.b.len());
                    self.out.comments.push((at as u32, self.i as u32));
                }
                _ => break,
            }
        }
    }

    /// Whether an expression may start here (so `/` is a regex and `<` an element).
    fn expr_may_start(&self) -> bool {
        let Some(t) = self.out.tokens.last() else {
            return true;
        };
        let text = &self.b[t.start as usize..t.end as usize];
        match t.kind {
            Kind::Ident => matches!(
                text,
                b"return"
                    | b"typeof"
                    | b"instanceof"
                    | b"in"
                    | b"of"
                    | b"new"
                    | b"delete"
                    | b"void"
                    | b"throw"
                    | b"case"
                    | b"do"
                    | b"else"
                    | b"yield"
                    | b"await"
                    | b"default"
            ),
            Kind::Num | Kind::Str | Kind::Template | Kind::Regex => false,
            Kind::JsxTagEnd | Kind::JsxSelfClose => false,
            Kind::Punct => !matches!(text, b")" | b"]" | b"}" | b"++" | b"--"),
            _ => true,
        }
    }

    /// At `<` where an expression may start: is it an element (not `<T,>` / `<T extends U>`)?
    fn element_ahead(&self) -> bool {
        let mut j = self.i + 1;
        let b = self.b;
        if j < b.len() && b[j] == b'>' {
            return true; // a fragment
        }
        if j >= b.len() || !ident_start(b[j]) {
            return false;
        }
        while j < b.len() && (ident_char(b[j]) || matches!(b[j], b'.' | b'-' | b':')) {
            j += 1;
        }
        let name_end = j;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && matches!(b[j], b',' | b'=') {
            return false;
        }
        let next_word_start = j;
        while j < b.len() && ident_char(b[j]) {
            j += 1;
        }
        !(name_end < next_word_start && &b[next_word_start..j] == b"extends")
    }

    fn string(&mut self, quote: u8) {
        let start = self.i;
        self.i += 1;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'\n' => break,
                c if c == quote => {
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        self.i = self.i.min(self.b.len());
        self.push(Kind::Str, start, self.i);
    }

    fn regex(&mut self) {
        let start = self.i;
        self.i += 1;
        let mut class = false;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'\n' => break,
                b'[' => {
                    class = true;
                    self.i += 1
                }
                b']' => {
                    class = false;
                    self.i += 1
                }
                b'/' if !class => {
                    self.i += 1;
                    break;
                }
                _ => self.i += 1,
            }
        }
        self.i = self.i.min(self.b.len());
        while self.i < self.b.len() && ident_char(self.b[self.i]) {
            self.i += 1;
        }
        self.push(Kind::Regex, start, self.i);
    }

    fn open_bracket(&mut self, c: u8, start: usize, end: usize) -> u32 {
        let idx = self.push(Kind::Punct, start, end);
        self.brackets.push((c, idx));
        idx
    }

    /// A closer: matches it with its opener; returns the opener's index.
    fn close_bracket(&mut self, c: u8) -> Option<u32> {
        let idx = self.push(Kind::Punct, self.i, self.i + 1);
        self.i += 1;
        let want = match c {
            b')' => b'(',
            b']' => b'[',
            _ => b'{',
        };
        match self.brackets.last() {
            Some(&(o, open)) if o == want => {
                self.brackets.pop();
                self.out.matching[open as usize] = idx;
                Some(open)
            }
            _ => {
                self.anomaly(self.i - 1);
                None
            }
        }
    }

    fn code(&mut self) {
        // the token after the trivia is read in the same call (as a new call would: the frame
        // is the same), not one dispatch and one trivia scan later
        self.trivia();
        let Some(&c) = self.b.get(self.i) else {
            return;
        };
        let start = self.i;
        match c {
            b'"' | b'\'' => self.string(c),
            b'`' => {
                self.i += 1;
                self.frames.push(Frame::Template);
                self.template_from(start);
            }
            b'0'..=b'9' => self.number(),
            b'.' if self.peek(1).is_ascii_digit() => self.number(),
            b'#' => {
                self.i += 1;
                while self.i < self.b.len() && ident_char(self.b[self.i]) {
                    self.i += 1;
                }
                self.push(Kind::Ident, start, self.i);
            }
            c if ident_start(c) => {
                while self.i < self.b.len() && ident_char(self.b[self.i]) {
                    self.i += 1;
                }
                self.push(Kind::Ident, start, self.i);
            }
            b'{' | b'(' | b'[' => {
                self.i += 1;
                self.open_bracket(c, start, self.i);
            }
            b'}' | b')' | b']' => {
                let open = self.close_bracket(c);
                if c == b'}' {
                    if let Some(Frame::Code { open: frame_open }) = self.frames.last() {
                        if *frame_open != NONE && open == Some(*frame_open) {
                            self.frames.pop();
                        }
                    }
                }
            }
            b'<' if self.expr_may_start() && self.element_ahead() => {
                self.i += 1;
                let open = self.push(Kind::JsxOpen, start, self.i);
                self.open_tag(open, false);
            }
            b'/' if self.expr_may_start() => self.regex(),
            _ => {
                self.i += punct_len(&self.b[self.i..]);
                self.push(Kind::Punct, start, self.i);
            }
        }
    }

    fn number(&mut self) {
        let start = self.i;
        let hex = self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X');
        while self.i < self.b.len() {
            let c = self.b[self.i];
            let sign = matches!(c, b'+' | b'-')
                && !hex
                && self.i > start
                && matches!(self.b[self.i - 1], b'e' | b'E');
            if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || sign {
                self.i += 1;
            } else {
                break;
            }
        }
        self.push(Kind::Num, start, self.i);
    }

    /// Inside a template literal, after `}` of a `${…}` hole: the next chunk.
    fn template(&mut self) {
        let start = self.i;
        self.template_from(start);
    }

    /// Scans a template chunk starting at `start` (the backtick or the hole's `}`), up to the
    /// closing backtick (popping the frame) or the next `${` (opening a code frame).
    fn template_from(&mut self, start: usize) {
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 2,
                b'`' => {
                    self.i += 1;
                    self.push(Kind::Template, start, self.i);
                    self.frames.pop();
                    return;
                }
                b'$' if self.peek(1) == b'{' => {
                    self.push(Kind::Template, start, self.i);
                    let open = self.open_bracket(b'{', self.i, self.i + 2);
                    self.i += 2;
                    self.frames.push(Frame::Code { open });
                    return;
                }
                _ => self.i += 1,
            }
        }
        self.i = self.b.len();
        self.push(Kind::Template, start, self.i);
    }

    fn tag(&mut self) {
        self.trivia();
        let Some(&c) = self.b.get(self.i) else {
            return;
        };
        let start = self.i;
        let Some(Frame::Tag {
            open,
            closing,
            named,
            ..
        }) = self.frames.last()
        else {
            return;
        };
        let (open, closing, named) = (*open, *closing, *named);
        match c {
            b'>' => {
                self.i += 1;
                let end = self.push(Kind::JsxTagEnd, start, self.i);
                self.finish_tag(end);
                if closing {
                    // the closing tag ends the element whose children we were in
                    match self.frames.pop() {
                        Some(Frame::Children { open: element }) => {
                            self.out.matching[element as usize] = end;
                        }
                        _ => self.anomaly(start),
                    }
                } else {
                    self.frames.push(Frame::Children { open });
                }
            }
            b'/' if self.peek(1) == b'>' => {
                self.i += 2;
                let end = self.push(Kind::JsxSelfClose, start, self.i);
                self.finish_tag(end);
                self.out.matching[open as usize] = end;
            }
            b'{' => {
                self.i += 1;
                let spread = !matches!(
                    self.out.tokens.last(),
                    Some(t) if t.kind == Kind::Punct && t.end - t.start == 1
                        && self.b[t.start as usize] == b'='
                );
                let idx = self.open_bracket(b'{', start, self.i);
                if spread {
                    self.add_attr(idx);
                }
                self.frames.push(Frame::Code { open: idx });
            }
            b'"' | b'\'' => {
                // JSX attribute strings have no escapes and may span lines
                self.i += 1;
                while self.i < self.b.len() && self.b[self.i] != c {
                    self.i += 1;
                }
                self.i = (self.i + 1).min(self.b.len());
                self.push(Kind::Str, start, self.i);
            }
            b'=' => {
                self.i += 1;
                self.push(Kind::Punct, start, self.i);
            }
            b'<' if named => {
                // an element as an attribute value, or type arguments `<Select<Option> …>`
                let prev_is_name = matches!(
                    self.out.tokens.last().map(|t| t.kind),
                    Some(Kind::JsxTagName)
                );
                if prev_is_name {
                    self.skip_type_arguments();
                } else {
                    self.i += 1;
                    let inner = self.push(Kind::JsxOpen, start, self.i);
                    self.open_tag(inner, false);
                }
            }
            c if ident_start(c) => {
                while self.i < self.b.len()
                    && (ident_char(self.b[self.i]) || matches!(self.b[self.i], b'.' | b'-' | b':'))
                {
                    self.i += 1;
                }
                if named {
                    let idx = self.push(Kind::JsxAttr, start, self.i);
                    self.add_attr(idx);
                } else {
                    self.push(Kind::JsxTagName, start, self.i);
                    if let Some(Frame::Tag { named, .. }) = self.frames.last_mut() {
                        *named = true;
                    }
                }
            }
            _ => {
                self.anomaly(start);
                self.i += 1;
            }
        }
    }

    fn skip_type_arguments(&mut self) {
        let mut depth = 0usize;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'<' => depth += 1,
                b'>' => {
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        return;
                    }
                }
                b'\n' if depth > 8 => break,
                _ => {}
            }
            self.i += 1;
        }
    }

    /// Enters a tag whose `<` (or `</`) is token `open`.
    fn open_tag(&mut self, open: u32, closing: bool) {
        self.frames.push(Frame::Tag {
            open,
            closing,
            named: false,
            attrs: Vec::new(),
        });
    }

    fn add_attr(&mut self, idx: u32) {
        if let Some(Frame::Tag { attrs, .. }) = self.frames.last_mut() {
            attrs.push(idx);
        }
    }

    /// Pops the tag frame at its end token, recording its attributes for sorting.
    fn finish_tag(&mut self, end: u32) {
        if let Some(Frame::Tag { attrs, .. }) = self.frames.pop() {
            if attrs.len() >= 2 {
                self.out.attr_groups.push(AttrGroup { attrs, end });
            }
        }
    }

    fn children(&mut self) {
        let start = self.i;
        while self.i < self.b.len() && !matches!(self.b[self.i], b'<' | b'{') {
            self.i += 1;
        }
        if self.b[start..self.i]
            .iter()
            .any(|c| !c.is_ascii_whitespace())
        {
            self.push(Kind::JsxText, start, self.i);
        }
        let Some(&c) = self.b.get(self.i) else {
            return;
        };
        let start = self.i;
        if c == b'{' {
            self.i += 1;
            let open = self.open_bracket(b'{', start, self.i);
            self.frames.push(Frame::Code { open });
        } else if self.peek(1) == b'/' {
            self.i += 2;
            let open = self.push(Kind::JsxClose, start, self.i);
            self.open_tag(open, true);
        } else {
            self.i += 1;
            let open = self.push(Kind::JsxOpen, start, self.i);
            self.open_tag(open, false);
        }
    }
}

/// A component found by [`units`]: its name token, and its first and last tokens (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UnitSpan {
    pub(crate) name: usize,
    pub(crate) first: usize,
    pub(crate) last: usize,
}

/// How a punctuator changes the depth of `<…>` type brackets.
fn angle_delta(punct: &str) -> i32 {
    match punct {
        "<" => 1,
        ">" => -1,
        ">>" => -2,
        ">>>" => -3,
        _ => 0,
    }
}

/// Wrappers whose function argument is the component (`memo(…)`, `React.forwardRef(…)`).
const WRAPPERS: &[&str] = &["memo", "forwardRef", "observer", "styled"];

/// Component candidates with a capitalised name: `function Name(…) {…}` (also as an argument,
/// `observer(function Name() {…})`), `const Name = (…) => …` / `= function (…) {…}`, possibly
/// wrapped in `memo`/`forwardRef`/`observer` calls, and `class Name extends …Component {…}`.
/// Whether a unit renders JSX is the caller's question. Units past the lexer's anomaly, if any,
/// are left out.
pub(crate) fn units(lx: &Lexed, src: &str) -> Vec<UnitSpan> {
    let toks = &lx.tokens;
    let text = |i: usize| -> &str {
        toks.get(i)
            .map_or("", |t| &src[t.start as usize..t.end as usize])
    };
    let is =
        |i: usize, kind: Kind, s: &str| toks.get(i).is_some_and(|t| t.kind == kind) && text(i) == s;
    let punct = |i: usize, s: &str| is(i, Kind::Punct, s);
    let capital_ident = |i: usize| {
        toks.get(i).is_some_and(|t| t.kind == Kind::Ident)
            && text(i).starts_with(|c: char| c.is_ascii_uppercase())
    };
    let matching = |i: usize| -> Option<usize> {
        lx.matching
            .get(i)
            .copied()
            .filter(|m| *m != NONE)
            .map(|m| m as usize)
    };
    // `<…>` type parameters or arguments at i: the index after them
    let skip_angles = |mut i: usize| -> usize {
        if !punct(i, "<") {
            return i;
        }
        let mut depth = 0i32;
        let limit = (i + 200).min(toks.len());
        while i < limit {
            depth += angle_delta(text(i));
            match text(i) {
                // object and function types inside type arguments
                "(" | "[" | "{" => match matching(i) {
                    Some(m) => i = m,
                    None => return i,
                },
                ";" => return i,
                _ => {}
            }
            i += 1;
            if depth <= 0 {
                return i;
            }
        }
        i
    };
    // after a parameter list's `)` at i: skip a `: ReturnType` up to `stop`; the index of `stop`
    let find_after_type = |mut i: usize, stop: &str| -> Option<usize> {
        if punct(i, stop) {
            return Some(i);
        }
        if !punct(i, ":") {
            return None;
        }
        let mut angle = 0i32;
        let limit = (i + 200).min(toks.len());
        while i < limit {
            angle += angle_delta(text(i));
            match text(i) {
                "(" | "[" => i = matching(i)?,
                "{" if stop == "{" && angle <= 0 => return Some(i),
                "{" => i = matching(i)?,
                s if s == stop && angle <= 0 => return Some(i),
                ";" => return None,
                _ => {}
            }
            i += 1;
        }
        None
    };
    // `function name?<T>(…): R {…}` at i: its last token
    let function_at = |i: usize| -> Option<usize> {
        let mut k = i + 1;
        if punct(k, "*") {
            k += 1;
        }
        if toks.get(k).is_some_and(|t| t.kind == Kind::Ident) {
            k += 1;
        }
        k = skip_angles(k);
        if !punct(k, "(") {
            return None;
        }
        let body = find_after_type(matching(k)? + 1, "{")?;
        matching(body)
    };
    // the last token of an expression continuing at i (`=> cond ? <A/> : <B/>`): up to `;`, `,`,
    // a closer, or a declaration keyword
    fn stop_word(s: &str) -> bool {
        matches!(
            s,
            "const" | "let" | "var" | "function" | "export" | "import" | "class" | "interface"
        )
    }
    let expression_end = |mut i: usize| -> Option<usize> {
        let start = i;
        while i < toks.len() {
            let t = toks[i];
            let s = text(i);
            match t.kind {
                Kind::Punct if matches!(s, ";" | "," | ")" | "]" | "}") => break,
                Kind::Punct if matches!(s, "(" | "[" | "{") => i = matching(i)?,
                Kind::JsxOpen => i = matching(i)?,
                Kind::Ident if stop_word(s) => break,
                _ => {}
            }
            i += 1;
        }
        (i > start).then(|| i - 1)
    };
    // an arrow function starting at i: its last token
    let arrow_at = |i: usize| -> Option<usize> {
        let mut k = i;
        if is(k, Kind::Ident, "async") && !punct(k + 1, "=>") {
            k += 1;
        }
        k = skip_angles(k);
        let arrow = if punct(k, "(") {
            find_after_type(matching(k)? + 1, "=>")?
        } else if toks.get(k).is_some_and(|t| t.kind == Kind::Ident) && punct(k + 1, "=>") {
            k + 1
        } else {
            return None;
        };
        let body = arrow + 1;
        match toks.get(body).map(|t| t.kind) {
            Some(Kind::Punct) if text(body) == "{" => matching(body),
            Some(Kind::Punct) if text(body) == "(" => {
                let end = matching(body)?;
                Some(expression_end(end + 1).unwrap_or(end))
            }
            Some(_) => expression_end(body),
            None => None,
        }
    };

    let mut out: Vec<UnitSpan> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t.kind != Kind::Ident {
            i += 1;
            continue;
        }
        let unit = match text(i) {
            "function" if capital_ident(i + 1) => function_at(i).map(|last| UnitSpan {
                name: i + 1,
                first: i,
                last,
            }),
            "class" if capital_ident(i + 1) => {
                let mut k = i + 2;
                let mut component = false;
                while k < toks.len() && k < i + 40 && !punct(k, "{") {
                    component |= toks[k].kind == Kind::Ident && text(k).contains("Component");
                    k += 1;
                }
                if component && punct(k, "{") {
                    matching(k).map(|last| UnitSpan {
                        name: i + 1,
                        first: i,
                        last,
                    })
                } else {
                    None
                }
            }
            "const" | "let" | "var" if capital_ident(i + 1) => {
                let name = i + 1;
                let eq = find_after_type(i + 2, "=");
                eq.and_then(|eq| {
                    let mut k = eq + 1;
                    // memo(…), React.forwardRef<…>(…), observer(…): the function inside
                    for _ in 0..3 {
                        let mut j = k;
                        let mut last_seg = "";
                        while toks.get(j).is_some_and(|t| t.kind == Kind::Ident) {
                            last_seg = text(j);
                            if punct(j + 1, ".") {
                                j += 2;
                            } else {
                                j += 1;
                                break;
                            }
                        }
                        if j == k || !WRAPPERS.contains(&last_seg) {
                            break;
                        }
                        j = skip_angles(j);
                        if !punct(j, "(") {
                            return None;
                        }
                        k = j + 1;
                    }
                    let last = if is(k, Kind::Ident, "function") {
                        function_at(k)
                    } else {
                        arrow_at(k)
                    }?;
                    Some(UnitSpan {
                        name,
                        first: k,
                        last,
                    })
                })
            }
            _ => None,
        };
        if let Some(u) = unit {
            // the same function found twice (`const A = observer(function A() {…})`): once
            if !out.iter().rev().take(4).any(|o| o.last == u.last) {
                out.push(u);
            }
        }
        i += 1;
    }
    if let Some(at) = lx.anomaly {
        out.retain(|u| toks[u.last].end <= at);
    }
    out
}

#[cfg(test)]
mod tests;
