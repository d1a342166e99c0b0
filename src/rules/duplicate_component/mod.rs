//! Kind `duplicate-component`: copies of React components, styled definitions and Rust
//! functions across files — exact ones by hash, near ones by MinHash/LSH, in clusters around a
//! chosen representative ([`cluster`]).
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain duplicate-component`).

pub(crate) mod cluster;
pub(crate) mod differ;
pub(crate) mod similarity;
pub(crate) mod styled;

use crate::lang::kind_name::KindName;
use rayon::prelude::*;
use tree_sitter::Node;

use super::fact::{Fact, FileFact, Unit};
use cluster::Link;

/// A unit with its place, as the cross-file stage compares them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnitRecord {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    pub(crate) unit: Unit,
}
use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::literal::Literal;
use super::syntax::node_text;
use crate::core::{compile_globs, ConfigError, Fields, Globs};
use crate::core::{stable_hash, Finding, Related};
use crate::lang::js_lexer::{self, Kind as JsKind};
use crate::lang::{Lang, LangSet};
use toml::Spanned;

pub(crate) const DOCS: &str = r#"duplicate-component — near-copies of components and functions

What
  Finds React components (function declarations and arrow/function expressions with a
  capitalised name that render JSX, memo/forwardRef/observer wrappers, class components),
  styled-components / emotion definitions (`const X = styled.input`…``, `styled(Button)`…``,
  `styled.a.attrs(…)`…``, `styled.div({…})`) and Rust functions and methods that are copies of
  each other across files, and reports each group once.
  Each unit's tokens are normalised — identifiers and literal values (strings, numbers, JSX
  text, CSS lengths and colours) become placeholders, while JSX tag and attribute names, CSS
  property names, keywords and punctuation stay; JSX attributes are taken in sorted order —
  and hashed as overlapping k-grams (k = 5).
  Exact copies (the same normalised sequence, and the same components rendered: a thin
  adapter around `<BaseKanBanRoot>` is not a copy of one around `<BaseListRoot>`) are found by
  a lookup of its hash, down to `min_tokens_exact` tokens. Near-copies (units of `min_tokens` or more) come from MinHash
  signatures with LSH banding (candidate pairs in near-linear time, never all pairs), each
  verified exactly: Jaccard similarity of the k-gram sets at least `threshold`, or — for a
  unit that extends another — containment (the share of the smaller unit's k-grams found in
  the larger one) at least `containment`, when the smaller is at least 30% of the larger's size.
  So renamed identifiers, changed colours/padding/strings, reordered props, an added wrapper
  element and added props still match. Two JSX units that render package primitives and
  share none of them (`<Primitives.Content>` over `@radix-ui/react-dropdown-menu` in one,
  over `@radix-ui/react-popover` in the other; icon sets aside) wrap different components
  and are not a copy. Nor are two units of sibling files (one folder) that render a part of
  one name each file defines its own way (per-template files, each `Profiles` around its own
  `Section`), unless those parts are themselves a reported pair.
  Clusters: every reported member is a copy of the cluster's representative, with its
  similarity to it in `related` ("`B` (73% similar)", "`B` (identical)", "`B` contains ~92% of
  `A`"); a member is never below the threshold. The representative is chosen on purpose: a
  design-system component when the group has one, otherwise the medoid — the unit with the most
  copies in the group, ties broken by the highest total similarity, then by file and position.
  A unit similar only to a member (not to the representative) is not in that cluster; it may
  head its own. A member that is a closer copy of a later representative than of its first
  is listed under that one too (`run_head` copied from both `run_get` and `run_delete`). Each app copy of a design-system component is its own finding, pointing at the
  component to use; copies inside the design system are one finding "inside the design system".
  TSX/JSX/JS files are read by a purpose-built lexer (strings, templates, regexes, comments and
  JSX tracked, brackets and elements matched), not parsed: finding components needs their
  tokens and extent, not a syntax tree, and lexing is ~10x cheaper than a tree-sitter parse.
  Its components agree with a tree-sitter reference on every file of the fixtures and of
  makeplane/plane. Rust functions come from the tree-sitter tree.
    threshold = 0.5         similarity (0..1) of the two k-gram sets (Jaccard, IDF-weighted
                            by default) for two units to count as copies (0.5 keeps copies
                            with several edits; 0.8 only close copies)
    containment = 0.8       share (0..1) of the smaller unit inside the larger for "extends"
                            (1.0: only whole containment)
    min_tokens = 60         units with fewer normalised tokens are not near-matched (thin
                            wrappers and boilerplate; a string or a JSX text is one token),
                            but for a Rust function of min_tokens_exact or more that is a
                            close copy of the other: k-grams and callee names both at the
                            `containment` bar (a small copy keeps calling what it copied;
                            never by containment, never with compare_names = false)
    min_tokens_exact = 50   the floor for exact copies (at most min_tokens): a 60-token
                            component identical in two files is a copy; a 40-token modal
                            wrapper forwarding its props is not
    min_tokens_verbatim = 20   TSX/JSX/JS: the floor (at most min_tokens_exact) for a copy
                            with every name as written — its own name, the components, props
                            and functions it uses; only literal values may differ: a
                            one-element `DialogHeader` wrapper copied from one UI kit into
                            another with a class name changed. The same small shape under
                            other names (`SelectItem` vs `DropdownMenuItem`) is not one, nor
                            a route module's framework export (`HydrateFallback`)
    scope = "cross-file"    only pairs in different files (the default: a duplicate is a copy
                            someone made instead of importing; two alike functions in one file
                            are usually deliberate variants side by side); "any" also reports
                            pairs inside one file
    weighting = "idf"       each k-gram weighs by how rare it is among the units (inverse
                            document frequency, ln((1+N)/(1+df)) + 1), so the scaffold every
                            page shares counts less than what two units alone share; "none":
                            every k-gram alike (plain Jaccard). Measured in BENCHMARKS.md
    compare_names = true    Rust: two functions are copies only when what they call (the
                            functions, methods and macros; not locals, types, fields or
                            strings, which a copy made for another entity renames) agrees as
                            their shapes do — IDF-weighted Jaccard of the callee names at
                            least `threshold` (or containment at least `containment`), and
                            for two functions under `min_tokens`, exact or near, Jaccard at
                            least `containment`: a small shape says little, so a two-line
                            `block_on` and `spawn` boxing a future the same way for different
                            operations are not copies. The
                            k-grams rename every identifier, so two `run()`s that share only
                            the flag-reading scaffold around different helpers look
                            identical; a copy keeps calling what it copied. false: shape only
    compare_differences = true   Rust: two functions of one crate (the path before
                            `/src/`) are a copy only when they are not parallel code by what
                            differs. A near pair (not an identical one) whose smaller function
                            holds less than 85% of its k-grams in the larger is two functions
                            sharing a scaffold, each with a part of its own (`poll_read` and
                            `poll_write`): the crate's parallel variants. A pair, near or of
                            identical shape, is one idiom over other names when, along the two
                            token sequences aligned (a longest common subsequence of the
                            normalised tokens), fewer than 40% of the names are spelled the
                            same: a copy keeps most of what it copied and renames a few.
                            Across crates, which could not import from each other, a pair is
                            judged by its tokens as before. Costs one alignment per kept
                            same-crate Rust pair (Myers' diff, at most 1500 edits). Fitted by
                            leave-one-repository-out on the labelled sets (BENCHMARKS.md).
                            In any crate, two trait methods (`impl Debug for A` and `impl
                            Debug for B`, `From<X>` and `From<Y>`, `ToString` and
                            `Into<String>`) are a trait implemented per type, not a copy,
                            when their vocabularies —
                            the fields they read or build and the capitalised path segments
                            they name (`Self::Auto`, `Value::None`) — share less than 25%
                            (Jaccard): each enumerates its own type's fields or variants. A
                            trait method copied for a second type keeps most of them (the same
                            fields, one renamed); string texts are not counted (a command
                            copied for another entity renames its flags).
                            false: token sets only
    compare_renames = false   off by default. TSX/JS (with `compare_differences`): two units
                            (near or of identical shape) with 8 or more aligned names are one
                            shell over other data, not a copy, when the distinct renames
                            along the alignment are more than 34% of the aligned names: a
                            copy made for another entity renames that entity and a few names
                            with it; a per-entity list, filter chip, menu or delete modal over
                            another store renames most of what it reads. Nor, whatever
                            their size, when their vocabularies (the names they use as
                            written and the elements they render, literal values and their
                            own names aside) share less than 55% (Jaccard): two slot
                            wrappers of different compound components, two thin wrappers
                            over different shared dialogs. Nor, under different names, when
                            fewer than a third of their 3 or more aligned literals (class
                            lists, texts, keys, `data-slot`s) agree: one `cn()` slot idiom
                            written for two parts (`StatusHeader`, `FormCardGroup`); one
                            primitive restyled in two apps keeps its name. Off by default: a
                            copy that renames every identifier and the entity's fields (three
                            person cards over three types) is judged a shell too. Measured in
                            BENCHMARKS.md ("Ninth session"). Costs the JSX units' tokens as
                            written and one alignment per kept TSX/JS pair
    family_similarity = 0.9   off by default: a cluster whose representative and two or more
                            members sit in one folder (one file per variant — per provider,
                            per field type, per element kind) is that folder's per-variant
                            design; its members in that folder are reported only when at
                            least this similar to the representative (identical ones always,
                            and those sharing ~600 tokens, about 75 lines, with it), members
                            elsewhere as before. `archdrift init` writes 0.9: a strict
                            reviewer merges near-identical variants, not a family that shares
                            its shell (see BENCHMARKS.md, day one)
    design_system = ["packages/ui/src/**"]   where the design system's own components live: a
                            copy of one of them in app code is reported as such
    design_system_copies = true   also report copies inside the design system (false: not)
    vendored = ["apps/*/components/ui/**"]   folders a component registry copies its files
                            into (shadcn's `components.json` `ui` folder, one per app): the
                            same file in two of them (`apps/web/components/ui/dialog.tsx`
                            and `apps/admin/components/ui/dialog.tsx`, the same path below
                            each pattern's folder) is the registry's component added to each
                            app, not a copy someone made, and the pair is not reported. A
                            unit elsewhere that copies one is, and so are two different files
                            of these folders. `archdrift init` writes the `ui` folders of the
                            apps' `components.json`s (not a design-system package's: an app
                            copy of a shared package's component is drift)
    design_system_import = "@acme/ui"       named in the help of those findings, for a
                            component of the first `design_system` source (below it, the
                            component's module, for a folder alias such as `@/components/ui`);
                            a component of another source is named by its file
    language = [...]        restrict to some of tsx, javascript, rust (default: all three;
                            `.ts` files cannot hold JSX, so they are not read for this kind)
  Two Rust test functions (`#[test]`-like attributes, or inside a `#[cfg(test)]` module) are
  copies only when their names are alike (half their words shared, `test` aside): a test's
  name says what it checks, so the same test in sibling modules is a copy, while tests of
  different behaviours sharing the arrange/act/assert scaffold are not.
  Files marked generated (a comment among the first lines saying `@generated`, `DO NOT
  EDIT`, `auto-generated`, …: the engine's test, which `[check] generated = true` turns off
  for the other rules),
  `*.d.ts` files, icon components (whose first element is an `<svg>`, or whose own elements
  are all SVG drawing elements inside a wrapper component: `<IconWrapper><path d=…/>`) and
  declarative Rust functions (one builder chain or data literal, also in steps through plain
  `let`s outside tests: no other `let`, branch, loop, `?`, closure or assignment — a
  command's `signature()` or `examples()`, shaped by the trait, not copied) are skipped, and
  so are dispatch tables: a body that is one `match` on a plain value (`self`, a name, a
  field, `self.kind()`; not an operation's result such as `poll_accept(cx)`) with three or
  more unguarded arms that only name, forward or convert (`A(it) => it.module(db)`,
  `Kind::A => "a"`, `X => write!(f, "x")`, `Some(it.into())`; no operator, branch or loop in
  an arm) — every enum's `fmt`, `from`, `as_str`; a closure that only forwards (`|it|
  it.into()`) does not make a body code either.
  Thin adapters (a component rendering one self-closing element of another component) are
  copies only when they forward to the same component with the same props.
  Placeholder markup — skeleton loaders: from the first element on, no text, no `on…`
  handler and no name but class-name helpers, `className` and a repetition
  (`range(6).map((i) => …)`); a computed class name only styles — is a copy only of a
  placeholder whose name is alike (`loader`, `skeleton`, `loading`… aside: two `SkeletonRow`s
  of parallel lists, never `InboxSidebarLoader` and `ViewListLoader`): every skeleton is
  boxes with sizes, alike by construction.
  Route entries by framework convention (`page`, `layout`, `template`, `default`, `loading`,
  `error`, `not-found` files under an `app/` or `routes/` folder; `app/root.*`) are not units
  when they wire the route to its components (more components than elements of their own)
  or are the document shell (`<html>…`): two settings pages around shared parts are the
  framework's scaffold; a route page that builds its own markup is a unit.
  Documents — a unit whose first element is `<Html>` or `<html>`: an e-mail template on
  react-email's layout — are copies only when their literal words (texts, class names) agree
  at the `containment` bar: one template per e-mail on one layout is the design
  (`DomainClaimed` and `WebhookDisabled` share every element and no sentence), the same e-mail
  for another audience with its text kept is a copy.
  Look-alike names (PrimaryButton, ButtonPrimary, BtnPrimary) are listed first.

Why
  Code assistants copy instead of reuse: seven button variants that should all be <Button>,
  each a little different. Copies drift apart, bugs get fixed in one of them, and the design
  system loses adoption without anyone deciding so.

Example
  [[rule]]
  id = "ui/duplicate-components"
  kind = "duplicate-component"
  severity = "warning"
  message = "near-copies of `{match}`"
  adr = { id = "ADR-0001", title = "Use the design system", path = "docs/adr/0001-design-system.md" }
  design_system = ["packages/ui/src/**"]
  design_system_import = "@acme/ui"
  tests = "exclude"
"#;

pub(crate) const KIND: KindInfo = KindInfo {
    name: "duplicate-component",
    summary: "near-copies of React components and Rust functions, found in near-linear time",
    docs: DOCS,
    fields: &[
        "threshold",
        "min_tokens",
        "min_tokens_exact",
        "min_tokens_verbatim",
        "containment",
        "scope",
        "weighting",
        "compare_names",
        "compare_differences",
        "compare_renames",
        "family_similarity",
        "design_system",
        "design_system_copies",
        "design_system_import",
        "vendored",
        "language",
    ],
    compile,
};

/// Rust near-copies: the smaller function holds at least this share of its k-grams in the
/// larger ([`DuplicateComponent::parallel`]).
const RUST_PART: f64 = 0.85;
/// Rust near-copies: at least this share of the aligned names is spelled the same.
const RUST_NAMES_KEPT: f64 = 0.4;
/// TSX/JS pairs: at most this many distinct renames per aligned name
/// ([`DuplicateComponent::renamed_everywhere`]).
const JS_RENAMES: f64 = 0.34;
/// TSX/JS (with `compare_renames`): two units of one shape under different names whose aligned
/// literals — class lists, texts, keys, `data-slot`s: what is left once names are normalised —
/// agree less than this, over at least [`JS_LITS_MIN`] of them, are one idiom written for two
/// components (a `cn()` slot wrapper per part of a compound component: `StatusHeader`,
/// `FormCardGroup`), not a copy. A copy keeps most of its literals, or its name (one shadcn
/// primitive in two apps, restyled). Fitted on the in-sample `-wide` sets (BENCHMARKS.md
/// "Fourteenth session").
const JS_LITS_KEPT: f64 = 0.34;
const JS_LITS_MIN: usize = 3;

/// Whether two TSX/JS units of one shape are one idiom over different literals
/// ([`JS_LITS_KEPT`]).
fn literals_differ(f: &differ::Features, a: &str, b: &str) -> bool {
    f.lits >= JS_LITS_MIN
        && (f.lits_same as f64) < JS_LITS_KEPT * f.lits as f64
        && similarity::name_similarity(a, b) < 1.0
}

/// TSX/JS pairs with fewer aligned names than this are not judged by their renames: a few
/// names say little (a two-name page renaming one is half renamed).
const JS_RENAMES_MIN_NAMES: usize = 8;

/// TSX/JS (with `compare_renames`): two units whose vocabularies ([`Unit::vocab`]: the names
/// they use as written, the components they render) agree less than this (Jaccard) are one
/// shape over other parts, not a copy: a copy keeps most of the names it copied. On the
/// labelled TSX sets 0.55 keeps 60 of the 63 copies the rule reported and drops 18 of its 60
/// look-alikes; on the held-out ones pair precision 0.57 -> 0.63, recall 0.89 -> 0.84
/// (BENCHMARKS.md "Twelfth session").
const JS_VOCAB: f64 = 0.55;

/// The feature dump lists candidate pairs at least this similar, or this contained.
const DUMP_SIMILARITY: f64 = 0.25;
const DUMP_CONTAINMENT: f64 = 0.4;

/// Tokens per k-gram.
const K: usize = 5;
/// Candidate buckets larger than this are boilerplate every unit shares: skipped.
const MAX_BUCKET: usize = 200;

const RS_KINDS: &[&str] = &["function_item"];

/// Which pairs count: only across files (the default), or also two units in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    CrossFile,
    Any,
}

#[derive(Debug)]
struct DuplicateComponent {
    langs: LangSet,
    threshold: f64,
    min_tokens: usize,
    min_tokens_exact: usize,
    min_tokens_verbatim: usize,
    containment: f64,
    scope: Scope,
    idf: bool,
    compare_names: bool,
    /// Rust: the pair decision by what differs ([`Self::parallel`]).
    compare_differences: bool,
    /// TSX/JS: the rename test of that decision ([`Self::renamed_everywhere`]).
    compare_renames: bool,
    /// Keep each JSX unit's tokens as written (the TSX/JS decision by what differs and the
    /// feature dump read them).
    js_sequences: bool,
    /// Members of a per-variant folder below this similarity are not reported (None: off).
    family_similarity: Option<f64>,
    design_system: Option<Globs>,
    design_system_copies: bool,
    design_system_import: Option<String>,
    /// The folder of the first `design_system` pattern (`packages/ui` of `packages/ui/**`): the
    /// source `design_system_import` names.
    design_system_root: Option<String>,
    /// `vendored`: the registry folders, as patterns of the folders themselves
    /// ([`Self::registry_copies`]).
    vendored: Option<Globs>,
    hashes: KindHashes,
    marks: differ::Marks,
}

/// The smaller unit must be at least this share of the larger for containment to count: a
/// component that embeds a helper-sized block is not "the helper plus a little".
const CONTAINMENT_MIN_RATIO: f64 = 0.3;

fn compile(f: &Fields<'_, '_>, _ctx: &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError> {
    let src = f.src;
    let threshold = match f.get_float("threshold")? {
        None => 0.5,
        Some(t) if (0.05..=1.0).contains(t.get_ref()) => *t.get_ref(),
        Some(t) => return Err(ConfigError::at(
            src,
            t.span(),
            "threshold must be between 0.05 and 1",
        )
        .label("out of range")
        .help("0.75 finds copies with renamed names and changed values; 0.9 only close copies")),
    };
    let min_tokens = match f.int("min_tokens")? {
        None => 60,
        Some(n) if *n.get_ref() >= 10 && *n.get_ref() <= 100_000 => *n.get_ref() as usize,
        Some(n) => {
            return Err(
                ConfigError::at(src, n.span(), "min_tokens must be between 10 and 100000")
                    .label("out of range"),
            )
        }
    };
    let min_tokens_exact = match f.int("min_tokens_exact")? {
        None => 50.min(min_tokens),
        Some(n) if *n.get_ref() >= 10 && *n.get_ref() as usize <= min_tokens => {
            *n.get_ref() as usize
        }
        Some(n) => {
            return Err(ConfigError::at(
                src,
                n.span(),
                "min_tokens_exact must be between 10 and min_tokens",
            )
            .label("out of range")
            .help("exact copies are cheap to be sure of, so their floor is the lower one"))
        }
    };
    let min_tokens_verbatim =
        match f.int("min_tokens_verbatim")? {
            None => 20.min(min_tokens_exact),
            Some(n) if *n.get_ref() >= 10 && *n.get_ref() as usize <= min_tokens_exact => {
                *n.get_ref() as usize
            }
            Some(n) => return Err(ConfigError::at(
                src,
                n.span(),
                "min_tokens_verbatim must be between 10 and min_tokens_exact",
            )
            .label("out of range")
            .help(
                "a copy with its names as written is the surest kind, so its floor is the lowest",
            )),
        };
    let containment = match f.get_float("containment")? {
        None => 0.8,
        Some(t) if (0.05..=1.0).contains(t.get_ref()) => *t.get_ref(),
        Some(t) => {
            return Err(
                ConfigError::at(src, t.span(), "containment must be between 0.05 and 1")
                    .label("out of range")
                    .help("0.9: the smaller unit's k-grams are nine tenths inside the larger one"),
            )
        }
    };
    let scope = match f.str("scope")? {
        None => Scope::CrossFile,
        Some(v) => match v.get_ref().as_str() {
            "cross-file" => Scope::CrossFile,
            "any" => Scope::Any,
            _ => {
                return Err(ConfigError::at(src, v.span(), "unknown scope")
                    .label("not one of the scopes")
                    .help("scope is \"cross-file\" (the default) or \"any\""))
            }
        },
    };
    let idf = match f.str("weighting")? {
        None => true,
        Some(v) => match v.get_ref().as_str() {
            "none" => false,
            "idf" => true,
            _ => {
                return Err(ConfigError::at(src, v.span(), "unknown weighting")
                    .label("not one of the weightings")
                    .help("weighting is \"idf\" (the default) or \"none\""))
            }
        },
    };
    let family_similarity =
        match f.get_float("family_similarity")? {
            None => None,
            Some(t) if (0.05..=1.0).contains(t.get_ref()) => Some(*t.get_ref()),
            Some(t) => return Err(ConfigError::at(
                src,
                t.span(),
                "family_similarity must be between 0.05 and 1",
            )
            .label("out of range")
            .help(
                "0.9: in a folder of per-variant files, only near-identical variants are copies",
            )),
        };
    let design_system_copies = f.bool("design_system_copies")?.is_none_or(|b| *b.get_ref());
    let compare_names = f.bool("compare_names")?.is_none_or(|b| *b.get_ref());
    let compare_differences = f.bool("compare_differences")?.is_none_or(|b| *b.get_ref());
    let compare_renames =
        compare_differences && f.bool("compare_renames")?.is_some_and(|b| *b.get_ref());
    let mut design_system_root = None;
    let design_system = match f.str_list("design_system")? {
        None => None,
        Some(list) => {
            design_system_root = list.first().map(|p| glob_root(p.get_ref()));
            Some(compile_globs(src, &list)?)
        }
    };
    let design_system_import = f.str("design_system_import")?.map(|s| s.into_inner());
    // a folder pattern, written with or without its `/**`: the files are what is below it
    let vendored = match f.str_list("vendored")? {
        None => None,
        Some(list) => {
            let folders: Vec<Spanned<String>> = list
                .into_iter()
                .map(|p| {
                    let span = p.span();
                    let folder = p.get_ref().trim_end_matches('/').trim_end_matches("/**");
                    Spanned::new(span, folder.to_string())
                })
                .collect();
            Some(compile_globs(src, &folders)?)
        }
    };
    // components render JSX, which `.ts` files cannot hold: they are never parsed for this kind
    let langs = super::kind::languages_field(f)?.unwrap_or_else(|| {
        [Lang::Tsx, Lang::JavaScript, Lang::Rust]
            .into_iter()
            .collect()
    });
    Ok(Box::new(DuplicateComponent {
        langs,
        threshold,
        min_tokens,
        min_tokens_exact,
        min_tokens_verbatim,
        containment,
        scope,
        idf,
        compare_names,
        compare_differences,
        compare_renames,
        js_sequences: compare_renames || std::env::var_os("ARCHDRIFT_DUP_FEATURES").is_some(),
        family_similarity,
        design_system,
        design_system_copies,
        design_system_import,
        design_system_root,
        vendored,
        hashes: KindHashes::new(),
        marks: differ::Marks::new(),
    }))
}

/// The folder a glob pattern starts from: its segments before the first one with a glob
/// character (`packages/ui/**` → `packages/ui`, `**/ui/**` → ``).
fn glob_root(pattern: &str) -> String {
    pattern
        .trim_start_matches("./")
        .split('/')
        .take_while(|seg| !seg.contains(['*', '?', '[', '{']))
        .collect::<Vec<_>>()
        .join("/")
}

/// The name and the body to fingerprint of a Rust function at `node`.
fn rust_unit<'t>(node: Node<'t>, src: &str) -> Option<(String, Node<'t>)> {
    let name = node_text(node.child_by_field_name("name")?, src).to_string();
    Some((name, node.child_by_field_name("body")?))
}

/// Hashes of token shapes: for Rust, per node kind id of the grammar, computed once from the
/// kind names; placeholders for names and literal values.
#[derive(Debug)]
pub(crate) struct KindHashes {
    rust: Vec<u64>,
    id: u64,
    lit: u64,
}

impl KindHashes {
    fn new() -> Self {
        let g = Lang::Rust.grammar();
        KindHashes {
            rust: (0..g.node_kind_count() as u16)
                .map(|id| stable_hash(&[g.node_kind_for_id(id).unwrap_or("")]))
                .collect(),
            id: stable_hash(&["$id"]),
            lit: stable_hash(&["$lit"]),
        }
    }

    /// The normalised hash of a token from the lexer: identifiers and literal values become
    /// placeholders; keywords, punctuation, intrinsic JSX tags (`div`) and attribute names stay.
    pub(crate) fn lexical(&self, kind: JsKind, text: &str) -> u64 {
        match kind {
            JsKind::Ident if js_lexer::is_keyword(text) => stable_hash(&[text]),
            JsKind::Ident => self.id,
            JsKind::Num | JsKind::Str | JsKind::Template | JsKind::Regex | JsKind::JsxText => {
                self.lit
            }
            JsKind::JsxTagName if text.starts_with(|c: char| c.is_ascii_lowercase()) => {
                stable_hash(&["<", text])
            }
            JsKind::JsxTagName => self.id,
            JsKind::JsxAttr => stable_hash(&["attr", text]),
            JsKind::Punct => stable_hash(&[text]),
            JsKind::JsxOpen | JsKind::JsxClose | JsKind::JsxTagEnd | JsKind::JsxSelfClose => {
                stable_hash(&["jsx", text])
            }
        }
    }
}

/// Per-file buffers of [`DuplicateComponent::lexical_units`], kept by each thread from file
/// to file: the normalised hash of each token, the token order (attributes sorted), a tag's
/// attributes being sorted, and one unit's normalised and raw sequences and vocabulary (copied
/// into the unit at their size).
#[derive(Default)]
struct UnitScratch {
    hashes: Vec<u64>,
    order: Vec<u32>,
    chunk: Vec<u32>,
    seq: Vec<u64>,
    raw: Vec<u32>,
    vocab: Vec<u64>,
}

thread_local! {
    static UNIT_SCRATCH: std::cell::Cell<UnitScratch> = std::cell::Cell::new(UnitScratch::default());
}

/// The raw token ([`differ::raw_token`]) of a lexer token whose normalised hash is `norm`:
/// names, literal values and component tags as written, everything else as normalised.
fn lexical_raw(kind: JsKind, text: &str, norm: u64) -> u32 {
    match kind {
        JsKind::Ident if !js_lexer::is_keyword(text) => {
            differ::raw_token(differ::NAME, stable_hash(&[text]))
        }
        JsKind::Num | JsKind::Str | JsKind::Template | JsKind::Regex | JsKind::JsxText => {
            differ::raw_token(differ::LIT, stable_hash(&[text]))
        }
        JsKind::JsxTagName if !text.starts_with(|c: char| c.is_ascii_lowercase()) => {
            differ::raw_token(differ::TYPE, stable_hash(&[text]))
        }
        _ => differ::raw_token(differ::STRUCT, norm),
    }
}

/// Node kinds that make a Rust body code rather than a declaration: bindings, branches, loops,
/// early returns, closures, assignments.
const RS_LOGIC: &[&str] = &[
    "let_declaration",
    "if_expression",
    "match_expression",
    "for_expression",
    "while_expression",
    "loop_expression",
    "try_expression",
    "return_expression",
    "closure_expression",
    "assignment_expression",
    "compound_assignment_expr",
];

/// Normalised token hashes of a Rust subtree (a function body), in one walk: names and literal
/// values become placeholders, keywords and punctuation stay, comments go. `None` for a
/// declarative body — one builder chain or data literal with none of [`RS_LOGIC`] (a command's
/// `signature()` or `examples()`), also when written in steps through plain `let` bindings at
/// the top of the body (`let sig = …; add_flag(sig)`; not in a test, `steps = false`, whose
/// `let`s arrange and act): every implementation of such a trait
/// method has that shape, so their likeness is the trait's, not a copy. A dispatch table
/// ([`dispatch_table`]: `match self { A(it) => it.module(db), B => "b", … }`) and a closure
/// that only forwards (`|it| it.into()`) are declarations too: `fmt`, `from`, `as_str` of every
/// enum are such tables.
fn rust_tokens(
    root: Node<'_>,
    src: &str,
    steps: bool,
    hashes: &KindHashes,
) -> Option<(Vec<u64>, Vec<u64>, Vec<u32>)> {
    let mut out = Vec::new();
    let mut raw = Vec::new();
    let mut names = Vec::new();
    let mut parents: Vec<&str> = Vec::new();
    let mut logic = false;
    // the end of the dispatch table or forwarding closure being walked (not logic inside)
    let mut table_end = 0;
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let kind = node.kind_name();
        if node.start_byte() >= table_end
            && ((kind == "match_expression" && dispatch_table(node, 3))
                || (kind == "closure_expression" && leafy(node, 0)))
        {
            table_end = node.end_byte();
        }
        // `let sig = Signature::build(…)…; add_flag(sig)`: a binding of the body's own, to
        // a plain name, names a step of the declaration; what it binds is still walked
        let step = steps
            && kind == "let_declaration"
            && parents.len() == 1
            && node
                .child_by_field_name("pattern")
                .is_some_and(|p| p.kind_name() == "identifier")
            && !has_child(node, "mutable_specifier");
        logic = logic || (RS_LOGIC.contains(&kind) && !step && node.start_byte() >= table_end);
        let skip = kind.ends_with("comment") || parents.len() > MAX_DEPTH;
        if !skip && cursor.goto_first_child() {
            parents.push(kind);
            continue;
        }
        if !skip {
            let text = || node_text(node, src);
            raw.push(match kind {
                "identifier" | "field_identifier" => {
                    differ::raw_token(differ::NAME, stable_hash(&[text()]))
                }
                "type_identifier" => differ::raw_token(differ::TYPE, stable_hash(&[text()])),
                "string_content" | "integer_literal" | "float_literal" | "escape_sequence"
                | "char_literal" => differ::raw_token(differ::LIT, stable_hash(&[text()])),
                _ => differ::raw_token(differ::STRUCT, u64::from(node.kind_id())),
            });
            out.push(match kind {
                "identifier" | "type_identifier" | "field_identifier" => hashes.id,
                "string_content" | "integer_literal" | "float_literal" | "escape_sequence"
                | "char_literal" => hashes.lit,
                // anonymous tokens and other leaves: their kind is their text's shape
                _ => hashes
                    .rust
                    .get(node.kind_id() as usize)
                    .copied()
                    .unwrap_or(hashes.id),
            });
            if rust_callee(kind, &parents) {
                names.push(stable_hash(&["name", node_text(node, src)]));
            }
        }
        loop {
            if parents.is_empty() {
                names.sort_unstable();
                names.dedup();
                return logic.then_some((out, names, raw));
            }
            if cursor.goto_next_sibling() {
                break;
            }
            cursor.goto_parent();
            parents.pop();
        }
    }
}

/// Whether a `match` is a dispatch table: it looks at a plain value (a name, a field, `self`,
/// a method call without arguments: `self.kind()`; not the outcome of an operation such as
/// `poll_accept(cx)`), has at least `min_arms` arms, none guarded, and every arm's value is
/// [`leafy`]: `Variant(it) => it.module(db)`, `Kind::A => "a"`, `X => write!(f, "x")`. Every
/// `fmt`, `from`, `as_str` or enum-forwarding method of every enum has that shape; its likeness
/// to another is the language's, not a copy.
fn dispatch_table(node: Node<'_>, min_arms: usize) -> bool {
    let Some(value) = node.child_by_field_name("value") else {
        return false;
    };
    let Some(body) = node.child_by_field_name("body") else {
        return false;
    };
    if !plain_value(value, 0) {
        return false;
    }
    let mut c = body.walk();
    let mut arms = 0;
    for arm in body.named_children(&mut c) {
        match arm.kind_name() {
            "match_arm" => {
                let guarded = arm
                    .child_by_field_name("pattern")
                    .is_some_and(|p| p.child_by_field_name("condition").is_some());
                let value_ok = arm
                    .child_by_field_name("value")
                    .is_some_and(|v| leafy(v, 1));
                if guarded || !value_ok {
                    return false;
                }
                arms += 1;
            }
            k if k.ends_with("comment") || k == "attribute_item" => {}
            _ => return false,
        }
    }
    arms >= min_arms
}

/// A scrutinee that is a value, not an operation: a name, `self`, a field, a dereference or
/// reference of one, a tuple of them, or a method call without arguments on one.
fn plain_value(node: Node<'_>, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    let all = |n: Node<'_>| {
        let mut c = n.walk();
        let ok = n
            .named_children(&mut c)
            .all(|ch| ch.kind_name().ends_with("comment") || plain_value(ch, depth + 1));
        ok
    };
    match node.kind_name() {
        "identifier" | "self" | "scoped_identifier" | "field_identifier" | "integer_literal" => {
            true
        }
        "field_expression" => node
            .child_by_field_name("value")
            .is_some_and(|v| plain_value(v, depth + 1)),
        "unary_expression"
        | "reference_expression"
        | "parenthesized_expression"
        | "tuple_expression" => all(node),
        "call_expression" => {
            let no_args = node
                .child_by_field_name("arguments")
                .is_some_and(|a| a.named_child_count() == 0);
            no_args
                && node.child_by_field_name("function").is_some_and(|f| {
                    f.kind_name() == "field_expression" && plain_value(f, depth + 1)
                })
        }
        _ => false,
    }
}

/// An expression that only names, forwards or converts: paths, literals, fields, calls and
/// macros of such (`Some(it.into())`, `Name::new_symbol_root(sym::char)`, `write!(f, "x")`),
/// struct and tuple literals of such, `?` and `return` of such, a nested dispatch table, a
/// closure or a short block (up to three plain `let`s and statements) of such. No operator,
/// branch, loop or assignment: nothing that decides or computes.
fn leafy(node: Node<'_>, depth: usize) -> bool {
    if depth > 32 {
        return false;
    }
    let all = |n: Node<'_>| {
        let mut c = n.walk();
        let ok = n
            .named_children(&mut c)
            .all(|ch| ch.kind_name().ends_with("comment") || leafy(ch, depth + 1));
        ok
    };
    match node.kind_name() {
        "identifier"
        | "self"
        | "scoped_identifier"
        | "field_identifier"
        | "type_identifier"
        | "scoped_type_identifier"
        | "generic_type"
        | "string_literal"
        | "raw_string_literal"
        | "char_literal"
        | "integer_literal"
        | "float_literal"
        | "boolean_literal"
        | "unit_expression"
        | "macro_invocation"
        | "metavariable"
        | "shorthand_field_initializer"
        | "generic_function"
        | "type_arguments" => true,
        "field_expression" => node
            .child_by_field_name("value")
            .is_some_and(|v| leafy(v, depth + 1)),
        "call_expression" => {
            node.child_by_field_name("function")
                .is_some_and(|f| leafy(f, depth + 1))
                && node.child_by_field_name("arguments").is_some_and(all)
        }
        "reference_expression"
        | "unary_expression"
        | "parenthesized_expression"
        | "try_expression"
        | "type_cast_expression"
        | "await_expression"
        | "tuple_expression"
        | "array_expression"
        | "return_expression"
        | "field_initializer_list"
        | "base_field_initializer"
        | "expression_statement" => all(node),
        "field_initializer" => node
            .child_by_field_name("value")
            .is_none_or(|v| leafy(v, depth + 1)),
        "struct_expression" => node
            .child_by_field_name("body")
            .is_some_and(|b| leafy(b, depth + 1)),
        "match_expression" => dispatch_table(node, 2),
        "closure_expression" => node
            .child_by_field_name("body")
            .is_some_and(|b| leafy(b, depth + 1)),
        "block" => {
            let mut c = node.walk();
            let parts: Vec<Node<'_>> = node
                .named_children(&mut c)
                .filter(|ch| !ch.kind_name().ends_with("comment"))
                .collect();
            parts.len() <= 4
                && parts.iter().all(|&ch| match ch.kind_name() {
                    "let_declaration" => {
                        !has_child(ch, "mutable_specifier")
                            && ch.child_by_field_name("alternative").is_none()
                            && ch.child_by_field_name("pattern").is_some_and(|p| {
                                matches!(p.kind_name(), "identifier" | "tuple_pattern")
                            })
                            && ch
                                .child_by_field_name("value")
                                .is_some_and(|v| leafy(v, depth + 1))
                    }
                    _ => leafy(ch, depth + 1),
                })
        }
        _ => false,
    }
}

fn has_child(node: Node<'_>, kind: &str) -> bool {
    let mut c = node.walk();
    let found = node.children(&mut c).any(|n| n.kind_name() == kind);
    found
}

/// Whether a leaf is the name of something the unit calls — a function (`helper(`, the
/// segments of `Value::string(`), a method (`.get_flag(`, `.parse::<u64>(`) or a macro
/// (`write!`) — given its ancestors' kinds (`parents`, nearest last). A copy keeps calling what
/// the original calls even when it renames its locals, and, made for another entity, its types,
/// variants and fields; those, parameters and string texts are not callees.
fn rust_callee(kind: &str, parents: &[&str]) -> bool {
    let up = |n: usize| parents.len().checked_sub(n).map(|i| parents[i]);
    // `f::<T>(…)`: the generic wrapper sits between the callee and the call
    let call_above = |n: usize| {
        up(n) == Some("call_expression")
            || (up(n) == Some("generic_function") && up(n + 1) == Some("call_expression"))
    };
    match (kind, up(1)) {
        ("identifier", Some("call_expression" | "macro_invocation")) => true,
        ("identifier", Some("scoped_identifier")) => {
            call_above(2) || (up(2) == Some("scoped_identifier") && call_above(3))
        }
        ("field_identifier", Some("field_expression")) => call_above(2),
        _ => false,
    }
}

/// Rust: two trait methods (of one trait or two: `ToString` for one flag set, `Into<String>` for
/// another) whose vocabularies ([`Unit::vocab`]: fields and variants) agree less than this
/// (Jaccard) are a trait implemented per type, each over its own fields, not a copy. On the labelled Rust sets the reported copies of a trait method for a
/// second type keep 0.33 or more of their vocabulary (a writer's buffer field renamed), the
/// look-alikes this removes 0.00-0.20 (a `to_string` per set of flags); BENCHMARKS.md
/// "Eleventh session".
const TRAIT_VOCAB: f64 = 0.25;

/// Whether two units, both with a vocabulary ([`Unit::vocab`]), share less than `bar` of it
/// (Jaccard).
fn vocab_below(a: &Unit, b: &Unit, bar: f64) -> bool {
    !a.vocab.is_empty()
        && !b.vocab.is_empty()
        && similarity::compare(&a.vocab, &b.vocab, None).0 < bar
}

/// Whether two TSX/JS units use too few of the same names to be a copy ([`JS_VOCAB`]). Their
/// vocabulary: the names they use as written — the identifiers that are not keywords and the
/// elements they render — without their own names (a copy is renamed) or literal values (a
/// copy changes its texts and classes).
fn vocabularies_differ(a: &Unit, b: &Unit) -> bool {
    vocab_below(a, b, JS_VOCAB)
}

/// Whether two units are trait methods implemented for two types over different vocabularies
/// ([`TRAIT_VOCAB`]).
fn trait_lookalike(a: &Unit, b: &Unit) -> bool {
    a.impl_trait != 0 && b.impl_trait != 0 && vocab_below(a, b, TRAIT_VOCAB)
}

/// The trait of the `impl Trait for Type` the Rust function at `node` is a method of: a hash of
/// its name without generic arguments or path (`From` of `From<Abs>`, `Debug` of `fmt::Debug`);
/// 0 when it is not one (a free function, an inherent method).
fn impl_trait(node: Node<'_>, src: &str) -> u64 {
    let Some(imp) = node
        .parent()
        .filter(|l| l.kind_name() == "declaration_list")
        .and_then(|l| l.parent())
        .filter(|i| i.kind_name() == "impl_item")
    else {
        return 0;
    };
    let Some(mut t) = imp.child_by_field_name("trait") else {
        return 0;
    };
    if t.kind_name() == "generic_type" {
        t = t.child_by_field_name("type").unwrap_or(t);
    }
    if t.kind_name() == "scoped_type_identifier" {
        t = t.child_by_field_name("name").unwrap_or(t);
    }
    stable_hash(&["trait", node_text(t, src)]).max(1)
}

/// The vocabulary of a Rust body ([`Unit::vocab`]): the fields it reads or builds (a field
/// name that is not called, a shorthand field) and each capitalised last segment of a path
/// (a variant or a type: `Self::Auto`, `Value::None`, `Self::Custom(…)`; not
/// `T::from_value(…)`), as sorted, deduplicated hashes. String texts are not in it: a copy
/// made for another entity renames its keys and messages and keeps its fields.
fn rust_vocab(root: Node<'_>, src: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut parents: Vec<&str> = Vec::new();
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        let kind = node.kind_name();
        let word = match kind {
            "field_identifier" if !rust_callee(kind, &parents) => Some("field"),
            "identifier" if parents.last() == Some(&"shorthand_field_initializer") => Some("field"),
            "identifier"
                if parents.last() == Some(&"scoped_identifier")
                    && node.prev_sibling().is_some_and(|s| s.kind_name() == "::")
                    && node_text(node, src).starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                Some("variant")
            }
            _ => None,
        };
        if let Some(w) = word {
            out.push(stable_hash(&[w, node_text(node, src)]));
        }
        let skip = kind.ends_with("comment") || parents.len() > MAX_DEPTH;
        if !skip && cursor.goto_first_child() {
            parents.push(kind);
            continue;
        }
        loop {
            if parents.is_empty() {
                out.sort_unstable();
                out.dedup();
                return out;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            cursor.goto_parent();
            parents.pop();
        }
    }
}

/// Whether the Rust function at `node` is a test: a test attribute on it (`#[test]`,
/// `#[tokio::test]`, `#[rstest]`, `#[test_case(…)]`) or a `#[cfg(test)]` on a module around it.
fn rust_test(node: Node<'_>, src: &str) -> bool {
    let attributed = |n: Node<'_>, cfg_only: bool| {
        let mut prev = n.prev_sibling();
        while let Some(p) = prev {
            match p.kind_name() {
                "attribute_item" => {
                    let a: String = node_text(p, src)
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    let inner = a.trim_start_matches("#[").trim_end_matches(']');
                    let name = inner.split('(').next().unwrap_or("");
                    let cfg = inner == "cfg(test)" || inner.starts_with("cfg(all(test,");
                    let test_attr = name == "test"
                        || name.ends_with("::test")
                        || name == "rstest"
                        || name == "test_case";
                    if cfg || (!cfg_only && test_attr) {
                        return true;
                    }
                }
                k if k.ends_with("comment") => {}
                _ => return false,
            }
            prev = p.prev_sibling();
        }
        false
    };
    if attributed(node, false) {
        return true;
    }
    let mut up = node.parent();
    while let Some(n) = up {
        if n.kind_name() == "mod_item" && attributed(n, true) {
            return true;
        }
        up = n.parent();
    }
    false
}

/// The silent hit that carries a unit (at its name) to the cross-file stage: its fingerprints
/// (k-grams only when it has `near_floor` tokens or more — `min_tokens`, or for a Rust
/// function `min_tokens_exact`; the exact hash always).
fn unit_hit(
    name_span: std::ops::Range<usize>,
    name: String,
    tokens: &[u64],
    raw: &[u32],
    near_floor: usize,
) -> Hit {
    // never 0: 0 means "no exact hash"
    let exact = similarity::hash_tokens(tokens).max(1);
    unit_hit_with(name_span, name, tokens, raw, near_floor, exact)
}

/// [`unit_hit`] with the exact hash given (a JSX/JS unit's keeps the components it renders).
fn unit_hit_with(
    name_span: std::ops::Range<usize>,
    name: String,
    tokens: &[u64],
    raw: &[u32],
    near_floor: usize,
    exact: u64,
) -> Hit {
    Hit::new(name_span.start, name_span.end, name.clone())
        .silent()
        .fact(Fact::Unit(Unit {
            name,
            tokens: tokens.len(),
            shingles: if tokens.len() >= near_floor {
                similarity::shingles(tokens, K)
            } else {
                Vec::new()
            },
            exact,
            names: Vec::new(),
            test: false,
            adapter: 0,
            placeholder: false,
            document: false,
            lits: Vec::new(),
            verbatim: 0,
            seq: if raw.len() == tokens.len() {
                tokens.iter().map(|&t| t as u32).collect()
            } else {
                Vec::new()
            },
            raw: if raw.len() == tokens.len() {
                raw.to_vec()
            } else {
                Vec::new()
            },
            impl_trait: 0,
            vocab: Vec::new(),
            primitives: Vec::new(),
            locals: Vec::new(),
        }))
}

/// The units among a rule's facts, in a stable order whatever order the files were checked in.
fn units_of(facts: Vec<FileFact>) -> Vec<UnitRecord> {
    let mut units: Vec<UnitRecord> = facts
        .into_iter()
        .filter_map(|f| match f.fact {
            Fact::Unit(unit) => Some(UnitRecord {
                file: f.file,
                line: f.line,
                column: f.column,
                byte_start: f.byte_start,
                byte_end: f.byte_end,
                unit,
            }),
            _ => None,
        })
        .collect();
    units.sort_by(|a, b| {
        (&a.file, a.byte_start, &a.unit.name).cmp(&(&b.file, b.byte_start, &b.unit.name))
    });
    units
}

/// The callee names of the units, weighed by how rare they are among the units (IDF, as the
/// k-grams): two units that share only the API every unit calls have little in common by name;
/// two that call the same rare helpers have a lot.
struct Names {
    idf: similarity::Idf,
    mass: Vec<f64>,
    /// `compare_names = false`: every pair agrees by name.
    off: bool,
}

impl Names {
    fn new(units: &[UnitRecord], on: bool) -> Self {
        let idf = similarity::Idf::new(
            units
                .iter()
                .filter(|u| !u.unit.names.is_empty())
                .map(|u| u.unit.names.as_slice()),
        );
        let mass = units.iter().map(|u| idf.mass(&u.unit.names)).collect();
        Names {
            idf,
            mass,
            off: !on,
        }
    }

    /// Weighted Jaccard and containment of two units' names; (1, 1) when either has none
    /// (nothing to tell them apart by: the shape decides).
    fn compare(&self, units: &[UnitRecord], i: usize, j: usize) -> (f64, f64) {
        let (a, b) = (&units[i].unit.names, &units[j].unit.names);
        if self.off || a.is_empty() || b.is_empty() {
            return (1.0, 1.0);
        }
        similarity::compare(a, b, Some((&self.idf, self.mass[i], self.mass[j])))
    }
}

/// A test's name says what it checks: two tests are copies only when their names are alike
/// (half their words shared, `test` aside) — the same test in sibling modules — never two tests
/// of different behaviours that share the arrange/act/assert scaffold.
/// Two thin adapters are copies only when they forward to the same component with the same
/// props: adapters around one shared component that pass it different props are that
/// component doing its job (`LockButton`, `PenModeButton` around `IconButton`).
fn adapters_agree(a: &Unit, b: &Unit) -> bool {
    a.adapter == 0 || b.adapter == 0 || a.adapter == b.adapter
}

/// Two units that render only different package primitives ([`Unit::primitives`]: each has
/// some, none in common) are one wrapper shape around two components, which cannot be one:
/// `DropdownMenu.Content` and `Popover.Content`, each `<Primitives.Content>` over its own Radix
/// package. A copy renders what it copied (and may add a wrapper around it).
fn primitives_agree(a: &Unit, b: &Unit) -> bool {
    a.primitives.is_empty()
        || b.primitives.is_empty()
        || sorted_overlap(&a.primitives, &b.primitives)
}

/// Whether two sorted lists share an element.
fn sorted_overlap(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// An import path that is an alias of a folder of the repository (`@/x`, `~/x`, `#x`): it
/// resolves only where its tsconfig (or bundler) says.
fn alias_path(spec: &str) -> bool {
    spec.starts_with("@/") || spec.starts_with("~/") || spec.starts_with('#')
}

/// A package specifier, not a file of the repository (`./x`, `../x`, `/x`) nor an alias of one
/// (`@/x`, `~/x`, `#x`): its names are the package's own, so a copy cannot have renamed them.
fn package_specifier(spec: &str) -> bool {
    !(spec.is_empty()
        || spec.starts_with(['.', '/', '~', '#'])
        || spec.starts_with("@/")
        || spec.starts_with("@@/"))
}

/// An icon set (`lucide-react`, `@heroicons/react/24/outline`, `@unkey/icons`,
/// `react-icons/fa`): its components are what a unit shows, not what it is built on, and a copy
/// for another entity shows other icons.
fn icon_package(spec: &str) -> bool {
    let s = spec.to_ascii_lowercase();
    s.contains("icon") || s.starts_with("lucide") || s.contains("octicons")
}

/// The primitive a package import names, as one word, hashed: the imported name of a named
/// import (`{ DropdownMenu as Primitives }` of `radix-ui` → `dropdownmenu`), the package's last
/// path segment without a `react-` prefix for a namespace or default import
/// (`* as Primitives` of `@radix-ui/react-dropdown-menu` → `dropdownmenu`): one primitive
/// imported either way is one word. The word is its ASCII letters and digits, lowercased.
fn primitive_word(spec: &str, imported: Option<&str>) -> u64 {
    let raw = match imported {
        Some(name) => name,
        None => {
            let last = spec.rsplit('/').next().unwrap_or(spec);
            last.strip_prefix("react-").unwrap_or(last)
        }
    };
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in raw.bytes().filter(u8::is_ascii_alphanumeric) {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A name that can be a JSX element's (an element whose name starts in lowercase is HTML's).
fn capitalised(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
}

/// The bindings a file imports from packages ([`package_specifier`]), with the word of the
/// primitive each names ([`primitive_word`]): `import * as P from "m"`, `import D from "m"`,
/// `import { A as B, C } from "m"` (type-only imports left out; they render nothing; so do
/// lowercase bindings, which no element names, and React's own `Fragment`, `Suspense`).
fn package_bindings<'s>(lx: &js_lexer::Lexed, src: &'s str) -> Vec<(&'s str, u64)> {
    let toks = &lx.tokens;
    let text = |i: usize| &src[toks[i].start as usize..toks[i].end as usize];
    let mut out = Vec::new();
    // the `import` keywords: found in the text (a SIMD search), then among the tokens
    let mut next = 0;
    for b in memchr::memmem::find_iter(src.as_bytes(), b"import") {
        let i = toks.partition_point(|t| (t.start as usize) < b);
        if i < next
            || i >= toks.len()
            || toks[i].start as usize != b
            || toks[i].kind != JsKind::Ident
            || text(i) != "import"
        {
            continue;
        }
        next = i + 1;
        // the clause up to `from` and its string; `import type …` renders nothing
        let start = i + 1;
        if start < toks.len() && toks[start].kind == JsKind::Ident && text(start) == "type" {
            continue;
        }
        let mut j = start;
        while j < toks.len()
            && j - start < 400
            && !(toks[j].kind == JsKind::Ident && text(j) == "from")
        {
            if toks[j].kind == JsKind::Str || text(j) == ";" {
                break;
            }
            j += 1;
        }
        if j + 1 >= toks.len() || text(j) != "from" || toks[j + 1].kind != JsKind::Str {
            continue;
        }
        next = j + 2;
        let spec = text(j + 1).trim_matches(['"', '\'', '`']);
        // React's own components (`Fragment`, `Suspense`) are structure, not a primitive
        if !package_specifier(spec) || icon_package(spec) || matches!(spec, "react" | "preact") {
            continue;
        }
        let clause = &toks[start..j];
        let word = |k: usize| &src[clause[k].start as usize..clause[k].end as usize];
        let mut k = 0;
        let mut braces = false;
        while k < clause.len() {
            let t = word(k);
            match t {
                "{" => braces = true,
                "}" => braces = false,
                "*" if k + 2 < clause.len() && word(k + 1) == "as" => {
                    if capitalised(word(k + 2)) {
                        out.push((word(k + 2), primitive_word(spec, None)));
                    }
                    k += 2;
                }
                // `{ type E }`: a type renders nothing
                "type"
                    if braces
                        && k + 1 < clause.len()
                        && !matches!(word(k + 1), "," | "}" | "as") =>
                {
                    k += 1;
                }
                _ if clause[k].kind == JsKind::Ident => {
                    if braces {
                        let aliased = k + 2 < clause.len() && word(k + 1) == "as";
                        let local = if aliased { word(k + 2) } else { t };
                        if capitalised(local) {
                            out.push((local, primitive_word(spec, Some(t))));
                        }
                        if aliased {
                            k += 2;
                        }
                    } else if capitalised(t) {
                        out.push((t, primitive_word(spec, None)));
                    }
                }
                _ => {}
            }
            k += 1;
        }
    }
    out
}

/// What a JSX unit (tokens `first..=last`) renders, in one pass over its tags:
/// [`Unit::primitives`] (the primitive of each element that is a package's binding or a member
/// of one, `Primitives.Content`), and the components it renders that name a unit of its file
/// (`unit_names`; sorted, deduplicated).
fn rendered_parts<'s>(
    lx: &js_lexer::Lexed,
    src: &'s str,
    (first, last): (usize, usize),
    bindings: &[(&str, u64)],
    unit_names: &[&str],
) -> (Vec<u64>, Vec<&'s str>) {
    let toks = &lx.tokens;
    let (mut primitives, mut locals): (Vec<u64>, Vec<&str>) = (Vec::new(), Vec::new());
    for t in &toks[first..=last] {
        if t.kind != JsKind::JsxTagName {
            continue;
        }
        let name = &src[t.start as usize..t.end as usize];
        if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        let base = name.split('.').next().unwrap_or(name);
        if let Some(&(_, word)) = bindings.iter().find(|(local, _)| *local == base) {
            primitives.push(word);
        }
        if unit_names.contains(&name) {
            locals.push(name);
        }
    }
    primitives.sort_unstable();
    primitives.dedup();
    locals.sort_unstable();
    locals.dedup();
    (primitives, locals)
}

/// Fills [`Unit::locals`] of a file's JSX units (`hits`, in the order of `rendered` and
/// `names`: each unit's token span, the components it renders that name units of the file, and
/// its name): for each such component other than itself, its name and a hash of its text as
/// written.
fn local_parts(
    lx: &js_lexer::Lexed,
    src: &str,
    rendered: &[((usize, usize), Vec<&str>)],
    names: &[&str],
    hits: &mut [Hit],
) {
    let toks = &lx.tokens;
    // the tags [`rendered_parts`] kept name units of this file already
    if rendered.iter().all(|(_, tags)| tags.is_empty()) {
        return;
    }
    // the text as written of each unit another one renders (a fixed-seed hash: facts are
    // cached and sharded, so it must not change from one process to the next)
    let written: Vec<u64> = rendered
        .iter()
        .enumerate()
        .map(|(k, &((first, last), _))| {
            let part = rendered
                .iter()
                .enumerate()
                .any(|(o, (_, tags))| o != k && tags.contains(&names[k]));
            if !part {
                return 0;
            }
            let text = &src[toks[first].start as usize..toks[last].end as usize];
            std::hash::BuildHasher::hash_one(
                &foldhash::fast::FixedState::with_seed(0x6c6f_6361_6c73),
                text,
            )
        })
        .collect();
    let locals: Vec<Vec<(u64, u64)>> = rendered
        .iter()
        .enumerate()
        .map(|(k, (_, tags))| {
            let mut v: Vec<(u64, u64)> = tags
                .iter()
                .filter_map(|t| {
                    let at = names.iter().position(|n| n == t).filter(|&at| at != k)?;
                    Some((stable_hash(&["local", t]), written[at]))
                })
                .collect();
            v.sort_unstable();
            v
        })
        .collect();
    for (h, l) in hits.iter_mut().zip(locals) {
        if let Some(Fact::Unit(u)) = h.extras.as_mut().and_then(|e| e.fact.as_mut()) {
            u.locals = l;
        }
    }
}

/// The parts of one name that two units render from their own files and that are not the
/// same as written ([`Unit::locals`]), as that name's hash.
fn differing_parts<'u>(a: &'u Unit, b: &'u Unit) -> impl Iterator<Item = u64> + 'u {
    a.locals.iter().filter_map(move |&(name, text)| {
        b.locals
            .binary_search_by_key(&name, |l| l.0)
            .ok()
            .filter(|&k| b.locals[k].1 != text)
            .map(|_| name)
    })
}

/// The adapter key of a JSX unit (tokens `first..=last`): when everything it renders is one
/// self-closing element of a component (`<IconButton … />`; other elements only inside its
/// prop values), a hash of the component's name and the sorted names of its props (a spread
/// as `...`); 0 otherwise.
fn adapter_key(lx: &js_lexer::Lexed, src: &str, first: usize, last: usize) -> u64 {
    let toks = &lx.tokens;
    let text = |i: usize| &src[toks[i].start as usize..toks[i].end as usize];
    let Some(open) = (first..last).find(|&i| toks[i].kind == JsKind::JsxOpen) else {
        return 0;
    };
    let tag = open + 1;
    if toks[tag].kind != JsKind::JsxTagName
        || !text(tag).starts_with(|c: char| c.is_ascii_uppercase())
    {
        return 0;
    }
    let end = lx.matching[open];
    if end == js_lexer::NONE
        || end as usize > last
        || toks[end as usize].kind != JsKind::JsxSelfClose
    {
        return 0;
    }
    let end = end as usize;
    let outside =
        (first..=last).any(|i| toks[i].kind == JsKind::JsxTagName && (i < open || i > end));
    if outside {
        return 0;
    }
    let mut props: Vec<&str> = Vec::new();
    let mut i = tag + 1;
    while i < end {
        let m = lx.matching[i];
        if toks[i].kind == JsKind::Punct && text(i) == "{" && m != js_lexer::NONE {
            if i + 1 < end && text(i + 1) == "..." {
                props.push("...");
            }
            i = m as usize + 1;
            continue;
        }
        if toks[i].kind == JsKind::JsxAttr {
            props.push(text(i));
        }
        i += 1;
    }
    props.sort_unstable();
    let mut parts = vec!["adapter", text(tag)];
    parts.extend(props);
    stable_hash(&parts).max(1)
}

/// Words that say what kind of unit a name is, not what it is for: left out when two names
/// are compared.
const TEST_WORDS: &[&str] = &["test", "tests"];
const PLACEHOLDER_WORDS: &[&str] = &["loader", "loading", "skeleton", "placeholder", "shimmer"];

fn names_alike(a: &str, b: &str, kind_words: &[&str]) -> bool {
    let strip = |n: &str| -> String {
        similarity::name_words(n)
            .into_iter()
            .filter(|w| !kind_words.contains(&w.as_str()))
            .collect::<Vec<_>>()
            .join("_")
    };
    let (a, b) = (strip(a), strip(b));
    a == b || similarity::name_similarity(&a, &b) >= 0.5
}

impl DuplicateComponent {
    /// Two test functions count only when their names are alike ([`test_names_alike`]).
    /// Placeholders likewise ([`placeholder`]): every skeleton is boxes with sizes, so two are
    /// copies only when their names say they stand in for the same thing (`SkeletonRow` of two
    /// parallel lists), never `InboxSidebarLoader` and `ViewListLoader`. Documents ([`document`],
    /// e-mail templates) only when their literal words (Jaccard) agree at the `containment`
    /// bar: one template per e-mail on one layout is the design, the same e-mail twice a copy.
    fn tests_alike(&self, a: &UnitRecord, b: &UnitRecord) -> bool {
        let (x, y) = (&a.unit, &b.unit);
        (!(x.test && y.test) || names_alike(&x.name, &y.name, TEST_WORDS))
            && (!(x.placeholder || y.placeholder)
                || names_alike(&x.name, &y.name, PLACEHOLDER_WORDS))
            && adapters_agree(x, y)
            && primitives_agree(x, y)
            && (!(x.document || y.document)
                || similarity::compare(&x.lits, &y.lits, None).0 >= self.containment)
    }

    /// A pair with a unit under `min_tokens` (a Rust function of `min_tokens_exact` or more:
    /// `binary_data`, a two-line `spawn`) has too few k-grams for its shape alone to say
    /// "copy": it counts only as a near match (never by containment), and only as a close
    /// one — its k-grams (`sim`) and its callee names at the `containment` bar, not
    /// `threshold` — with both units calling something: every small copy keeps calling what
    /// the original calls, while small command scaffolds around one helper are half alike.
    /// Never with `compare_names = false`.
    fn small_pair_agrees(
        &self,
        units: &[UnitRecord],
        names: &Names,
        (i, j): (usize, usize),
        sim: f64,
    ) -> bool {
        !names.off
            && sim >= self.containment
            && !units[i].unit.names.is_empty()
            && !units[j].unit.names.is_empty()
            && names.compare(units, i, j).0 >= self.containment
    }

    /// The pair decision by what differs, for two Rust functions near (not exactly) alike:
    /// they are parallel code, not copies, when they are in one crate and either each has a part of
    /// its own — the smaller holds less than [`RUST_PART`] of its k-grams in the larger
    /// (`poll_read` and `poll_write` share the poll scaffold and each does its own I/O; one
    /// copied into another crate, which could not import it, stays a copy) — or when, along their
    /// aligned tokens ([`differ::features`]), fewer than [`RUST_NAMES_KEPT`] of the names are
    /// spelled the same (one idiom written twice over other fields, types and helpers; this
    /// part also for identical shapes, [`Self::renamed_everywhere`]). A copy
    /// keeps what it copied and renames a few names. Measured on the labelled sets
    /// (leave-one-repository-out, BENCHMARKS.md "Eighth session").
    fn parallel(&self, a: &UnitRecord, b: &UnitRecord, contain: f64) -> bool {
        if !self.compare_differences {
            return false;
        }
        let rust = a.file.ends_with(".rs") && b.file.ends_with(".rs");
        if rust && contain < RUST_PART && crate_root(&a.file) == crate_root(&b.file) {
            return true;
        }
        self.renamed_everywhere(a, b)
    }

    /// Two units of one shape (near or identical) that differ in too many names to be a copy:
    /// two Rust functions of one crate whose aligned names are fewer than [`RUST_NAMES_KEPT`]
    /// the same (one idiom over other fields, types and helpers), or, with `compare_renames`,
    /// two TSX/JS units with at
    /// least [`JS_RENAMES_MIN_NAMES`] aligned names and more than [`JS_RENAMES`] distinct
    /// renames per aligned name (one shell over another entity's store, hooks and fields: a
    /// copy renames its entity and a few names with it, consistently). Measured on the
    /// labelled sets (leave-one-repository-out, BENCHMARKS.md "Eighth session" for Rust,
    /// "Ninth session" for TSX).
    fn renamed_everywhere(&self, a: &UnitRecord, b: &UnitRecord) -> bool {
        if !self.compare_differences {
            return false;
        }
        if trait_lookalike(&a.unit, &b.unit) {
            return true;
        }
        let (ra, rb) = (a.file.ends_with(".rs"), b.file.ends_with(".rs"));
        if ra != rb
            || (ra && crate_root(&a.file) != crate_root(&b.file))
            || (!ra && !self.compare_renames)
        {
            return false;
        }
        if !ra && vocabularies_differ(&a.unit, &b.unit) {
            return true;
        }
        let f = differ::features(
            (&a.unit.seq, &a.unit.raw),
            (&b.unit.seq, &b.unit.raw),
            &self.marks,
        );
        if !f.aligned || f.names == 0 {
            return false;
        }
        if ra {
            (f.names_same as f64) < RUST_NAMES_KEPT * f.names as f64
        } else {
            (f.names >= JS_RENAMES_MIN_NAMES && f.renames as f64 > JS_RENAMES * f.names as f64)
                || literals_differ(&f, &a.unit.name, &b.unit.name)
        }
    }

    /// Drops the pairs that are one registry file added to two folders (`vendored`): both units
    /// in files below a `vendored` pattern, at the same path below its folder, in different
    /// files (`apps/web/components/ui/dialog.tsx` and `apps/admin/components/ui/dialog.tsx`).
    fn registry_copies(&self, units: &[UnitRecord], pairs: &mut Vec<(usize, usize, Link)>) {
        let Some(folders) = &self.vendored else {
            return;
        };
        // the path below the outermost registry folder holding a unit's file, asked only of
        // the units in pairs
        let mut below: Vec<Option<Option<&str>>> = vec![None; units.len()];
        let mut below_of = |i: usize| {
            *below[i].get_or_insert_with(|| {
                let f = units[i].file.as_str();
                f.match_indices('/')
                    .find(|&(at, _)| folders.is_match_exact(&f[..at]))
                    .map(|(at, _)| &f[at + 1..])
            })
        };
        pairs.retain(|&(i, j, _)| {
            units[i].file == units[j].file || {
                let b = below_of(i);
                b.is_none() || b != below_of(j)
            }
        });
    }

    /// Whether a pair is in scope: with `scope = "cross-file"`, two units of one file are not.
    fn in_scope(&self, a: &UnitRecord, b: &UnitRecord) -> bool {
        self.scope == Scope::Any || a.file != b.file
    }

    /// Exact copies, by a lookup of the normalised hash (units of `min_tokens_exact` or more).
    fn exact_pairs(&self, units: &[UnitRecord], names: &Names) -> Vec<(usize, usize, Link)> {
        let hash = |u: &UnitRecord| {
            (u.unit.exact != 0 && u.unit.tokens >= self.min_tokens_exact).then_some(u.unit.exact)
        };
        self.hash_pairs(units, hash, |i, j| {
            // the same shape with other names is a look-alike, not a copy; under `min_tokens`
            // the names must agree at the stricter bar, as for a small near pair: a two-line
            // `block_on` and `spawn` box a large future the same way and hand it to different
            // operations
            let small = units[i].unit.tokens.min(units[j].unit.tokens) < self.min_tokens;
            let bar = if small {
                self.containment
            } else {
                self.threshold
            };
            names.compare(units, i, j).0 >= bar && !self.renamed_everywhere(&units[i], &units[j])
        })
    }

    /// Verbatim copies under `min_tokens_exact`, by a lookup of the hash that keeps names as
    /// written (`verbatim`): a one-element wrapper (`DialogHeader` around a `<div>` with its
    /// class names) copied whole into a second kit, its name and every name it uses the same.
    /// The same small shape around other names (`SelectItem` vs `DropdownMenuRadioItem`) is
    /// not one.
    fn verbatim_pairs(&self, units: &[UnitRecord]) -> Vec<(usize, usize, Link)> {
        let hash = |u: &UnitRecord| {
            let t = u.unit.tokens;
            // a route module's small framework exports (`HydrateFallback`, `ErrorBoundary`)
            // are the framework's convention in every app, not a copy
            let small = t >= self.min_tokens_verbatim && t < self.min_tokens_exact;
            (u.unit.verbatim != 0 && small && !route_entry(&u.file)).then_some(u.unit.verbatim)
        };
        self.hash_pairs(units, hash, |_, _| true)
    }

    /// The pairs of units with the same `hash` (`None`: not looked up), in scope, alike in
    /// being test code or not, and passing `keep`: exact links.
    fn hash_pairs(
        &self,
        units: &[UnitRecord],
        hash: impl Fn(&UnitRecord) -> Option<u64>,
        keep: impl Fn(usize, usize) -> bool,
    ) -> Vec<(usize, usize, Link)> {
        let mut by_hash: std::collections::HashMap<u64, Vec<usize>> = Default::default();
        for (i, u) in units.iter().enumerate() {
            if let Some(h) = hash(u) {
                by_hash.entry(h).or_default().push(i);
            }
        }
        let exact = Link {
            similarity: 1.0,
            containment: 1.0,
            exact: true,
        };
        let mut out = Vec::new();
        for group in by_hash.values() {
            for (i, j) in group_pairs(group) {
                if self.in_scope(&units[i], &units[j])
                    && keep(i, j)
                    && self.tests_alike(&units[i], &units[j])
                {
                    out.push((i.min(j), i.max(j), exact));
                }
            }
        }
        out
    }

    /// Near-copies among the units with k-grams: MinHash/LSH candidates, each verified exactly
    /// (Jaccard at least `threshold`, or containment at least `containment` between units of
    /// comparable size). Signatures and checks run on all threads; the pairs come out sorted,
    /// so the clusters do not depend on the thread count.
    fn near_pairs(
        &self,
        units: &[UnitRecord],
        names: &Names,
        dump: Option<&std::sync::Mutex<Vec<String>>>,
    ) -> Vec<(usize, usize, Link)> {
        let near: Vec<usize> = (0..units.len())
            .filter(|&i| !units[i].unit.shingles.is_empty())
            .collect();
        let sigs: Vec<_> = near
            .par_iter()
            .map(|&i| similarity::minhash(&units[i].unit.shingles))
            .collect();
        let idf = self
            .idf
            .then(|| similarity::Idf::new(near.iter().map(|&i| units[i].unit.shingles.as_slice())));
        // each near unit's k-gram weights (looked up once here, not again for every pair it
        // is in) and their sum
        let weights: Vec<Vec<f64>> = match &idf {
            Some(idf) => near
                .par_iter()
                .map(|&i| idf.weights_of(&units[i].unit.shingles))
                .collect(),
            None => Vec::new(),
        };
        let mass: Vec<f64> = weights.iter().map(|w| w.iter().sum()).collect();
        // weighting moves similarity away from the plain estimate: a wider margin then
        let margin = if self.idf { 0.3 } else { 0.2 };
        let mut pairs: Vec<(usize, usize, Link)> = similarity::candidates(&sigs, MAX_BUCKET)
            .into_par_iter()
            .filter_map(|(x, y)| {
                let (i, j) = (near[x], near[y]);
                if !self.in_scope(&units[i], &units[j]) {
                    return None;
                }
                let (a, b) = (&units[i].unit.shingles, &units[j].unit.shingles);
                let ratio = a.len().min(b.len()) as f64 / a.len().max(b.len()) as f64;
                let contain_ok = ratio >= CONTAINMENT_MIN_RATIO;
                // plain Jaccard is at most the size ratio; the Jaccard a containment of
                // `containment` implies at this ratio is c·r / (1 + r − c·r)
                let c = self.containment;
                let need = if contain_ok {
                    self.threshold.min(c * ratio / (1.0 + ratio - c * ratio))
                } else {
                    self.threshold
                };
                if !self.idf && ratio < need {
                    return None;
                }
                // the signatures estimate plain Jaccard (96 values: a standard error of 0.05
                // at 0.5); a pair estimated `margin` under what it needs is far off
                if similarity::estimate(&sigs[x], &sigs[y]) < need - margin {
                    return None;
                }
                let (sim, contain) = match &idf {
                    Some(_) => similarity::compare_weighted(a, &weights[x], b, mass[x], mass[y]),
                    None => similarity::compare(a, b, None),
                };
                let (nsim, ncon) = names.compare(units, i, j);
                let link = Link {
                    similarity: sim,
                    containment: contain,
                    exact: false,
                };
                let small = units[i].unit.tokens.min(units[j].unit.tokens) < self.min_tokens;
                let alike = sim >= self.threshold
                    && nsim >= self.threshold
                    && (!small || self.small_pair_agrees(units, names, (i, j), sim));
                let extends = contain_ok && contain >= c && ncon >= c && !small;
                let ok = (alike || extends) && self.tests_alike(&units[i], &units[j]);
                let parallel = ok && self.parallel(&units[i], &units[j], contain);
                if let Some(d) = dump {
                    if sim >= DUMP_SIMILARITY || contain >= DUMP_CONTAINMENT {
                        let line =
                            self.dump_line(units, (i, j), &link, (ok, parallel), (nsim, ncon));
                        d.lock().unwrap_or_else(|e| e.into_inner()).push(line);
                    }
                }
                (ok && !parallel).then_some((i, j, link))
            })
            .collect();
        pairs.sort_by_key(|p| (p.0, p.1));
        pairs
    }

    /// One line of the feature dump (`ARCHDRIFT_DUP_FEATURES`): the pair, its similarities,
    /// whether the rule without the pair decision keeps it (`ok`), whether the decision finds
    /// it parallel, and its [`differ::Features`].
    fn dump_line(
        &self,
        units: &[UnitRecord],
        (i, j): (usize, usize),
        l: &Link,
        (ok, parallel): (bool, bool),
        (nsim, ncon): (f64, f64),
    ) -> String {
        let (a, b) = (&units[i], &units[j]);
        let f = differ::features(
            (&a.unit.seq, &a.unit.raw),
            (&b.unit.seq, &b.unit.raw),
            &self.marks,
        );
        let mut line = serde_json::json!({
            "file_a": a.file, "unit_a": a.unit.name, "line_a": a.line, "tokens_a": a.unit.tokens,
            "file_b": b.file, "unit_b": b.unit.name, "line_b": b.line, "tokens_b": b.unit.tokens,
            "sim": l.similarity, "contain": l.containment, "exact": l.exact, "ok": ok,
            "parallel": parallel,
            "nsim": nsim, "ncon": ncon, "test": a.unit.test || b.unit.test,
            "rust": a.file.ends_with(".rs"),
            "name_sim": similarity::name_similarity(&a.unit.name, &b.unit.name),
            "same_folder": folder(&a.file) == folder(&b.file),
            "aligned": f.aligned, "cover_max": f.cover_max, "cover_min": f.cover_min,
            "run_cover": f.run_cover, "names": f.names, "names_same": f.names_same,
            "lits": f.lits, "lits_same": f.lits_same, "types": f.types, "types_same": f.types_same,
            "calls": f.calls, "calls_same": f.calls_same, "renames": f.renames, "hunks": f.hunks,
            "gap_types": f.gap_types, "gap_calls": f.gap_calls, "gap_control": f.gap_control,
            "gap": f.gap,
            "adapter_a": a.unit.adapter != 0, "adapter_b": b.unit.adapter != 0,
            "placeholder": a.unit.placeholder || b.unit.placeholder,
        });
        let same_trait = a.unit.impl_trait != 0 && a.unit.impl_trait == b.unit.impl_trait;
        line["same_trait"] = same_trait.into();
        line["vocab_sim"] = similarity::compare(&a.unit.vocab, &b.unit.vocab, None)
            .0
            .into();
        line.to_string()
    }
}

/// A member's relation to its representative, in words: "`B` (73% similar)", "`B` (identical)",
/// "`B` contains ~90% of `A`".
fn relation(rep: &Unit, m: &Unit, l: &Link, threshold: f64) -> String {
    if l.exact {
        return format!("`{}` (identical)", m.name);
    }
    if l.similarity >= threshold {
        return format!("`{}` ({:.0}% similar)", m.name, l.similarity * 100.0);
    }
    // the member's name first, always (consumers read it off the message)
    if m.shingles.len() >= rep.shingles.len() {
        format!(
            "`{}` contains ~{:.0}% of `{}` ({:.0}% similar)",
            m.name,
            l.containment * 100.0,
            rep.name,
            l.similarity * 100.0
        )
    } else {
        format!(
            "`{}` (~{:.0}% of it is inside `{}`; {:.0}% similar)",
            m.name,
            l.containment * 100.0,
            rep.name,
            l.similarity * 100.0
        )
    }
}

/// Elements that only draw inside an `<svg>`: a component rendering nothing else is an icon.
const SVG_DRAWING: &[&str] = &[
    "path",
    "g",
    "circle",
    "rect",
    "line",
    "polyline",
    "polygon",
    "ellipse",
    "defs",
    "clipPath",
    "mask",
    "use",
    "linearGradient",
    "radialGradient",
    "stop",
    "symbol",
    "pattern",
    "filter",
    "title",
    "tspan",
];

/// Deeper than this, a unit's tokens are not followed (pathological nesting).
const MAX_DEPTH: usize = 256;

/// Names a placeholder may use inside its markup: class-name helpers, the `className` it is
/// passed, and a repetition (`range(6).map(…)`, `Array.from({ length: 3 }).map(…)`).
const PLACEHOLDER_NAMES: &[&str] = &[
    "cn",
    "clsx",
    "cx",
    "classNames",
    "twMerge",
    "className",
    "range",
    "Array",
    "from",
    "fill",
    "keys",
    "map",
    "length",
];

/// Whether the JSX unit `first..=last` is placeholder markup — a skeleton loader: from its
/// first element on it shows no text (no JSX text, no string child) and no data, and handles
/// nothing: no `on…` handler, and no name inside its markup but class-name helpers, its
/// `className` and a repetition with the names its callback binds (`range(6).map((i) => <div
/// key={i} …/>)`). Every skeleton is boxes with sizes and class names, so two skeletons are
/// alike by construction, not because one was copied instead of reused.
fn placeholder(lx: &js_lexer::Lexed, src: &str, first: usize, last: usize) -> bool {
    let toks = &lx.tokens;
    let text = |i: usize| &src[toks[i].start as usize..toks[i].end as usize];
    let Some(open) = (first..=last).find(|&i| toks[i].kind == JsKind::JsxOpen) else {
        return false;
    };
    let mut bound: Vec<&str> = Vec::new();
    let mut i = open;
    while i <= last {
        let at = i;
        i += 1;
        match toks[at].kind {
            JsKind::JsxText => return false,
            JsKind::JsxAttr => {
                let a = text(at);
                if a.len() > 2 && a.starts_with("on") && a.as_bytes()[2].is_ascii_uppercase() {
                    return false;
                }
                // a class name only styles, whatever computes it (`w-${randomLength()}`)
                if a == "className" && at + 2 <= last && text(at + 1) == "=" {
                    let m = lx.matching[at + 2];
                    if text(at + 2) == "{" && m != js_lexer::NONE && m as usize <= last {
                        i = m as usize + 1;
                    }
                }
            }
            JsKind::Ident if !js_lexer::is_keyword(text(at)) => {
                let (i, name) = (at, text(at));
                if PLACEHOLDER_NAMES.contains(&name) || bound.contains(&name) {
                    continue;
                }
                // a callback parameter: `i =>`, `(_, i) =>`
                let mut j = i + 1;
                while j <= last && matches!(text(j), "," | ")") {
                    j += 1;
                    if j <= last && toks[j].kind == JsKind::Ident && text(j - 1) == "," {
                        j += 1;
                    }
                }
                if j <= last && text(j) == "=>" {
                    bound.push(name);
                    continue;
                }
                return false;
            }
            JsKind::Str | JsKind::Template => {
                let i = at;
                // a string child (`{"Loading"}`), not an attribute value or a class name
                if i > 1
                    && text(i - 1) == "{"
                    && toks.get(i + 1).is_some_and(|_| text(i + 1) == "}")
                {
                    let before = i.checked_sub(2).map(|b| toks[b].kind);
                    if before != Some(JsKind::Punct) || text(i - 2) != "=" {
                        return false;
                    }
                }
            }
            _ => {}
        }
    }
    true
}

/// Whether the JSX unit `first..=last` renders a whole document: its first element is
/// `<Html>` (react-email's and jsx-email's root) or `<html>`. An e-mail template is one
/// document per e-mail on the shared e-mail layout (`<Html><Head/><Preview>…<Body>
/// <Container>…`): its shape is the layout's, its content is its text. Two are copies only
/// when their texts are nearly the same ([`DuplicateComponent::tests_alike`]).
fn document(lx: &js_lexer::Lexed, src: &str, first: usize, last: usize) -> bool {
    let toks = &lx.tokens;
    (first..last)
        .find(|&i| toks[i].kind == JsKind::JsxOpen)
        .is_some_and(|open| {
            let t = &toks[open + 1];
            t.kind == JsKind::JsxTagName
                && matches!(&src[t.start as usize..t.end as usize], "Html" | "html")
        })
}

/// The words of the literal values of the JSX/JS unit `first..=last` (strings, templates, JSX
/// text; a class string word by word), as sorted, deduplicated hashes: what the k-grams turn
/// into placeholders, and what a copy keeps (its class names, its texts) while two pages on
/// one layout differ in it.
fn literal_words(lx: &js_lexer::Lexed, src: &str, first: usize, last: usize) -> Vec<u64> {
    let mut out = Vec::new();
    for t in &lx.tokens[first..=last] {
        if matches!(t.kind, JsKind::Str | JsKind::Template | JsKind::JsxText) {
            let text = &src[t.start as usize..t.end as usize];
            let text = text.trim_matches(|c| matches!(c, '"' | '\'' | '`'));
            out.extend(
                text.split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | '$'))
                    .filter(|w| !w.is_empty())
                    .map(|w| stable_hash(&["lit", w])),
            );
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether a file is a route entry by framework convention: `page`, `layout`, `template`,
/// `default`, `loading`, `error` or `not-found` under an `app/` or `routes/` folder (Next.js's
/// app router, React Router / Remix route modules), or the `root` module right in `app/`
/// (React Router's `app/root.tsx`).
fn route_entry(file: &str) -> bool {
    let parts: Vec<&str> = file.split('/').collect();
    let Some((last, dirs)) = parts.split_last() else {
        return false;
    };
    let stem = last.split('.').next().unwrap_or("");
    const ENTRY: &[&str] = &[
        "page",
        "layout",
        "template",
        "default",
        "loading",
        "error",
        "not-found",
    ];
    (ENTRY.contains(&stem) && dirs.iter().any(|d| *d == "app" || *d == "routes"))
        || (stem == "root" && dirs.last() == Some(&"app"))
}

/// Whether a unit of a route entry file wires the route to its components: it renders more
/// components than elements of its own (`<SettingsContentWrapper header={<Header />}>
/// <PageHead …/><div><StateRoot …/></div>`). Two such pages are the framework's scaffold
/// around parts that are already shared; a route page that builds its own markup is a unit.
/// So is the document shell (`<html><head>…</head><body>…`) of a root module.
fn wiring(lx: &js_lexer::Lexed, src: &str, u: &js_lexer::UnitSpan) -> bool {
    let toks = &lx.tokens;
    let (mut components, mut own) = (0usize, 0usize);
    for i in u.first..=u.last {
        if toks[i].kind == JsKind::JsxTagName && i > 0 && toks[i - 1].kind == JsKind::JsxOpen {
            let t = &src[toks[i].start as usize..toks[i].end as usize];
            if t == "html" && components + own == 0 {
                return true;
            }
            if t.starts_with(|c: char| c.is_ascii_uppercase()) {
                components += 1;
            } else {
                own += 1;
            }
        }
    }
    components > own
}

impl RuleKind for DuplicateComponent {
    fn languages(&self) -> LangSet {
        self.langs
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        None
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        // TSX/JSX/JS units come from the lexer (check_text): no tree needed for them
        if lang == Lang::Rust {
            RS_KINDS
        } else {
            &[]
        }
    }

    fn check_text(&self, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let (src, lang) = (cx.src, cx.lang);
        if lang != Lang::Rust {
            self.lexical_units(cx.file, src, cx.lexed, out);
        }
    }

    fn check_node(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let Some((name, body)) = rust_unit(node, src) else {
            return;
        };
        // every token is at least a byte: too short to reach the floor
        let floor = self.min_tokens_exact;
        if body.end_byte() - body.start_byte() < floor {
            return;
        }
        let test = rust_test(node, src);
        let Some((toks, names, raw)) = rust_tokens(body, src, !test, &self.hashes) else {
            return;
        };
        if toks.len() < floor {
            return;
        }
        let name_node = node.child_by_field_name("name").unwrap_or(node);
        // a Rust function has callee names to back its shape: it is near-matched from the
        // exact floor on ([`DuplicateComponent::small_pair_agrees`])
        let mut hit = unit_hit(
            name_node.byte_range(),
            name,
            &toks,
            &raw,
            self.min_tokens_exact,
        );
        if let Some(Fact::Unit(unit)) = hit.extras.as_mut().and_then(|e| e.fact.as_mut()) {
            unit.names = names;
            unit.test = test;
            unit.impl_trait = impl_trait(node, src);
            if unit.impl_trait != 0 {
                unit.vocab = rust_vocab(body, src);
            }
        }
        out.push(hit);
    }

    fn needs_all_files(&self) -> bool {
        true
    }

    /// A generated file, by the engine's test (`check::generated`): with `[check] generated =
    /// true` the other rules check it, while its units stay out of the clusters (a generated
    /// table or client is regenerated, not merged).
    fn excludes(&self, text: &str, _lang: Lang) -> bool {
        crate::check::generated::is_generated(text)
    }

    fn cross_file(&self, facts: Vec<FileFact>, template: &Finding) -> Vec<Finding> {
        let units = units_of(facts);
        let names = Names::new(&units, self.compare_names);
        // the evaluation's feature dump (bench/eval/duplicates-features.py): every candidate
        // pair near enough to matter, as JSON lines, sorted
        let dump_path = std::env::var_os("ARCHDRIFT_DUP_FEATURES");
        let dump = dump_path
            .as_ref()
            .map(|_| std::sync::Mutex::new(Vec::new()));
        let mut pairs = self.near_pairs(&units, &names, dump.as_ref());
        // an exact pair found by both: the hash lookup's word wins
        let mut exact = self.exact_pairs(&units, &names);
        exact.extend(self.verbatim_pairs(&units));
        if let (Some(path), Some(d)) = (&dump_path, dump) {
            let mut lines = d.into_inner().unwrap_or_else(|e| e.into_inner());
            for &(i, j, l) in &exact {
                lines.push(self.dump_line(&units, (i, j), &l, (true, false), (1.0, 1.0)));
            }
            lines.sort();
            lines.dedup();
            let mut text = lines.join("\n");
            text.push('\n');
            // a debugging aid only: a failure to write it changes no finding
            let _ = std::fs::write(path, text);
        }
        let exact_keys: std::collections::HashSet<(usize, usize)> =
            exact.iter().map(|p| (p.0, p.1)).collect();
        pairs.retain(|p| !exact_keys.contains(&(p.0, p.1)));
        pairs.extend(exact);
        self.registry_copies(&units, &mut pairs);
        over_own_parts(&units, &mut pairs);
        let in_ds = |u: &UnitRecord| {
            self.design_system
                .as_ref()
                .is_some_and(|g| g.is_match(&u.file))
        };
        let mut out = Vec::new();
        for mut c in cluster::clusters(units.len(), &pairs, |i| in_ds(&units[i])) {
            self.family_members(&units, &mut c);
            if c.members.is_empty() {
                continue;
            }
            let rep = &units[c.rep];
            if in_ds(rep) {
                // each app copy of a design-system component is its own finding; a copy in an
                // app that cannot import it (an alias library is its own app's) is a copy all
                // the same, reported with the others that cannot
                let mut elsewhere: Vec<(usize, Link)> = Vec::new();
                for (m, l) in c.members.iter().filter(|(m, _)| !in_ds(&units[*m])) {
                    if self.ds_reaches(&units[*m].file) {
                        out.push(self.ds_copy(template, rep, &units[*m], l));
                    } else {
                        elsewhere.push((*m, *l));
                    }
                }
                if !elsewhere.is_empty() {
                    out.push(self.cluster_finding(template, &units, c.rep, &elsewhere, false));
                }
                let inside: Vec<(usize, Link)> = c
                    .members
                    .iter()
                    .copied()
                    .filter(|(m, _)| in_ds(&units[*m]))
                    .collect();
                if self.design_system_copies && !inside.is_empty() {
                    out.push(self.cluster_finding(template, &units, c.rep, &inside, true));
                }
                continue;
            }
            out.push(self.cluster_finding(template, &units, c.rep, &c.members, false));
        }
        out
    }
}

/// Drops the pairs of sibling files (one folder) that are one shape over each file's own
/// parts: two units rendering a part of one name that each defines in its own file, the two
/// definitions not the same as written and not themselves a pair ([`differing_parts`]) — one
/// resume template's `Profiles` around its `Section`, the next template's around a `Section`
/// styled its own way: per-variant files kept self-contained by design. A whole file copied
/// keeps its parts copies of each other, so its pairs stay; so do pairs across folders (a
/// `V2` rewritten elsewhere beside the legacy one, one primitive restyled in a second kit).
/// Repeated until nothing changes (a part's pair may itself go).
fn over_own_parts(units: &[UnitRecord], pairs: &mut Vec<(usize, usize, Link)>) {
    let sibling = |i: usize, j: usize| folder(&units[i].file) == folder(&units[j].file);
    if !pairs.iter().any(|&(i, j, _)| {
        sibling(i, j)
            && differing_parts(&units[i].unit, &units[j].unit)
                .next()
                .is_some()
    }) {
        return;
    }
    // a file's unit of each name (the first, when a file has two)
    let mut by_name: std::collections::HashMap<(&str, u64), usize> = Default::default();
    for (k, u) in units.iter().enumerate() {
        by_name
            .entry((u.file.as_str(), stable_hash(&["local", &u.unit.name])))
            .or_insert(k);
    }
    loop {
        let kept: std::collections::HashSet<(usize, usize)> =
            pairs.iter().map(|p| (p.0, p.1)).collect();
        let before = pairs.len();
        pairs.retain(|&(i, j, _)| {
            !sibling(i, j)
                || differing_parts(&units[i].unit, &units[j].unit).all(|name| {
                    let part = |k: usize| by_name.get(&(units[k].file.as_str(), name)).copied();
                    match (part(i), part(j)) {
                        (Some(x), Some(y)) => kept.contains(&(x.min(y), x.max(y))),
                        _ => true,
                    }
                })
        });
        if pairs.len() == before {
            return;
        }
    }
}

/// A folder holding the representative and at least this many units of its cluster in all is a
/// per-variant folder (`family_similarity`).
const FAMILY_MIN: usize = 3;

/// A member of a per-variant folder sharing about this many tokens with its representative
/// (similarity × the smaller unit's tokens; ~75 lines) is reported whatever its similarity: a
/// 240-line import modal per provider at 71% is a copy, a 40-line per-field modal at 73% the
/// folder's shell.
const FAMILY_LARGE: f64 = 600.0;

/// The crate a Rust file belongs to, by its path: what comes before its last `/src/` (the
/// file's folder when there is none).
fn crate_root(file: &str) -> &str {
    file.rsplit_once("/src/")
        .map_or_else(|| folder(file), |(root, _)| root)
}

/// The folder of a file (its path up to the last `/`; "" at the root).
fn folder(file: &str) -> &str {
    file.rsplit_once('/').map_or("", |(dir, _)| dir)
}

impl DuplicateComponent {
    /// With `family_similarity`: when the representative and two or more of its members sit in
    /// one folder — one file per variant (per provider, per field type, per element kind), the
    /// folder's deliberate structure — the members in that folder stay only when identical or
    /// at least that similar to the representative, or sharing about [`FAMILY_LARGE`] tokens with
    /// it; members in other folders stay as they are. A strict reviewer merges two
    /// near-identical variants, and a large copy, not a family sharing its shell.
    fn family_members(&self, units: &[UnitRecord], c: &mut cluster::Cluster) {
        let Some(bar) = self.family_similarity else {
            return;
        };
        let home = folder(&units[c.rep].file);
        let at_home = |m: usize| folder(&units[m].file) == home;
        let family = 1 + c.members.iter().filter(|(m, _)| at_home(*m)).count();
        if family < FAMILY_MIN {
            return;
        }
        let rep_tokens = units[c.rep].unit.tokens;
        // what a member shares with the representative, in tokens (about): a variant sharing
        // ~75 lines is a copy worth a ticket whatever folder it sits in
        let shared =
            |m: usize, l: &Link| l.similarity * rep_tokens.min(units[m].unit.tokens) as f64;
        c.members.retain(|(m, l)| {
            !at_home(*m) || l.exact || l.similarity >= bar || shared(*m, l) >= FAMILY_LARGE
        });
    }

    /// Where a design-system file's components are imported from: `design_system_import` for
    /// a file of the source it names (the first `design_system` pattern); below it for a
    /// folder alias without an index (`@/…`, `~/…`, `#…`: `@/components/ui/video-player`).
    /// `None` for a file of another source (formbricks' in-app `modules/ui` beside
    /// `@formbricks/survey-ui`): its import path is not known, so none is named.
    /// Whether `file` can import the design system by `design_system_import`: a package
    /// anywhere; an alias (`@/`, `~/`, `#`) only inside the app that holds the design system's
    /// folder (the folder above its `src/` or `app/`) — logto's console kit `@/ds-components`
    /// is not the experience app's `@/`.
    fn ds_reaches(&self, file: &str) -> bool {
        let (Some(p), Some(root)) = (&self.design_system_import, &self.design_system_root) else {
            return true;
        };
        if !alias_path(p) {
            return true;
        }
        // the app is the folder above its source folder (`src/`, Remix's `app/`); without one
        // in the path, where the alias resolves is not known: anywhere
        let at = ["/src/", "/app/"]
            .iter()
            .filter_map(|d| root.find(d))
            .min()
            .or_else(|| {
                ["/src", "/app"]
                    .iter()
                    .find_map(|d| root.strip_suffix(d).map(str::len))
            });
        match at {
            Some(at) => file.starts_with(&format!("{}/", &root[..at])),
            None => true,
        }
    }

    fn ds_import_of(&self, file: &str) -> Option<String> {
        let p = self.design_system_import.as_ref()?;
        let root = self.design_system_root.as_deref()?;
        let rest = if root.is_empty() {
            file
        } else {
            file.strip_prefix(root)?.strip_prefix('/')?
        };
        if !alias_path(p) {
            return Some(p.clone());
        }
        let stem = rest.rsplit_once('.').map_or(rest, |(s, _)| s);
        let stem = stem.strip_suffix("/index").unwrap_or(stem);
        Some(format!("{}/{stem}", p.trim_end_matches('/')))
    }

    /// The finding for an app copy `c` of the design-system component `o`.
    fn ds_copy(&self, template: &Finding, o: &UnitRecord, c: &UnitRecord, l: &Link) -> Finding {
        let mut f = self.finding_at(template, c);
        let how = if l.exact {
            "identical to".to_string()
        } else if l.similarity >= self.threshold {
            format!("{:.0}% similar to", l.similarity * 100.0)
        } else {
            format!("~{:.0}% contained in", l.containment * 100.0)
        };
        f.message = format!(
            "{}: {how} the design-system component `{}`",
            f.message, o.unit.name
        );
        let import = match self.ds_import_of(&o.file) {
            Some(p) => format!(": `import {{ {} }} from \"{p}\"`", o.unit.name),
            None => format!(" (`{}`)", o.file),
        };
        f.help = Some(format!(
            "Use `<{}>` from the design system{import} instead of a copy{}",
            o.unit.name,
            template
                .help
                .as_ref()
                .map(|h| format!("\n{h}"))
                .unwrap_or_default()
        ));
        f.related = vec![Related {
            file: o.file.clone(),
            line: o.line,
            column: o.column,
            message: format!(
                "design-system component {}",
                relation(&c.unit, &o.unit, l, self.threshold)
            ),
        }];
        f.fingerprint = format!(
            "{:016x}",
            stable_hash(&[
                &template.rule,
                "ds-copy",
                &c.file,
                &c.unit.name,
                &o.unit.name
            ])
        );
        f
    }

    /// One finding at the representative, its near-copies in `related` (look-alike names first,
    /// then by similarity), each with its relation to the representative.
    fn cluster_finding(
        &self,
        template: &Finding,
        units: &[UnitRecord],
        rep: usize,
        members: &[(usize, Link)],
        inside_ds: bool,
    ) -> Finding {
        let r = &units[rep];
        let mut others: Vec<(usize, Link, f64)> = members
            .iter()
            .map(|&(i, l)| {
                (
                    i,
                    l,
                    similarity::name_similarity(&r.unit.name, &units[i].unit.name),
                )
            })
            .collect();
        others.sort_by(|a, b| {
            let score = |x: &(usize, Link, f64)| x.1.similarity.max(x.1.containment) + 0.25 * x.2;
            score(b).total_cmp(&score(a)).then(a.0.cmp(&b.0))
        });
        let mut f = self.finding_at(template, r);
        let names: Vec<String> = others
            .iter()
            .map(|(i, _, _)| format!("`{}`", units[*i].unit.name))
            .collect();
        let lookalike = others.iter().any(|(_, _, n)| *n >= 0.5);
        f.message = format!(
            "{}: {} near-cop{}{}: {}{}",
            f.message,
            others.len(),
            if others.len() == 1 { "y" } else { "ies" },
            if inside_ds {
                " inside the design system"
            } else {
                ""
            },
            names.join(", "),
            if lookalike { " (look-alike names)" } else { "" }
        );
        if template.help.is_none() {
            f.help = Some(if inside_ds {
                "Two design-system components this alike are one component with a prop for what differs; merge them.".into()
            } else {
                "Keep one implementation and reuse it (with props for what differs); delete the copies.".into()
            });
        }
        f.related = others
            .iter()
            .map(|(i, l, _)| Related {
                file: units[*i].file.clone(),
                line: units[*i].line,
                column: units[*i].column,
                message: relation(&r.unit, &units[*i].unit, l, self.threshold),
            })
            .collect();
        let mut key: Vec<String> = std::iter::once(rep)
            .chain(others.iter().map(|o| o.0))
            .map(|i| format!("{}#{}", units[i].file, units[i].unit.name))
            .collect();
        key.sort();
        f.fingerprint = format!(
            "{:016x}",
            stable_hash(&[&template.rule, "cluster", &key.join("\n")])
        );
        f
    }
}

impl DuplicateComponent {
    /// The units of a JavaScript/TypeScript/JSX file, by the lexer ([`js_lexer`]): components
    /// that render JSX, with at least `min_tokens` tokens, icon components left out.
    fn lexical_units(
        &self,
        file: &str,
        src: &str,
        lexed: &js_lexer::LexOnce<'_>,
        out: &mut Vec<Hit>,
    ) {
        // a unit needs min_tokens_verbatim tokens of a byte or more; a component an element
        // (a `<`), a styled definition `styled`
        let floor = self.min_tokens_verbatim;
        let styled = src.contains("styled");
        if src.len() < floor || !(src.contains('<') || styled) {
            return;
        }
        let lx = lexed.get();
        let toks = &lx.tokens;
        let text = |i: usize| &src[toks[i].start as usize..toks[i].end as usize];
        let entry = route_entry(file);
        if styled {
            for u in styled::styled_units(lx, src, &self.hashes) {
                if u.tokens.len() >= self.min_tokens_exact {
                    let name = toks[u.name].start as usize..toks[u.name].end as usize;
                    out.push(unit_hit(
                        name.clone(),
                        src[name].to_string(),
                        &u.tokens,
                        &[],
                        self.min_tokens,
                    ));
                }
            }
        }
        let units: Vec<js_lexer::UnitSpan> = js_lexer::units(lx, src)
            .into_iter()
            .filter(|u| {
                if u.last + 1 - u.first < floor {
                    return false;
                }
                // renders JSX, and is not an icon (an <svg> with different path data)
                let tags = || (u.first..=u.last).filter(|&i| toks[i].kind == JsKind::JsxTagName);
                let Some(first) = tags().next() else {
                    return false;
                };
                if text(first) == "svg" {
                    return false;
                }
                // nor one drawn through a wrapper component (`<IconWrapper><path d=…/>`):
                // every element it renders itself is an SVG drawing element
                let mut own = tags()
                    .map(text)
                    .filter(|t| t.starts_with(|c: char| c.is_ascii_lowercase()))
                    .peekable();
                let drawn = own.peek().is_some() && own.all(|t| SVG_DRAWING.contains(&t));
                // nor a route entry wiring shared parts
                let wires = entry && wiring(lx, src, u);
                !drawn && !wires
            })
            .collect();
        if units.is_empty() {
            return;
        }
        // this thread's buffers, reused from file to file (taken, so that a panic loses them
        // rather than leaving them borrowed)
        let mut scratch = UNIT_SCRATCH.with(|c| c.take());
        let UnitScratch {
            hashes,
            order,
            chunk,
            seq,
            raw,
            vocab,
        } = &mut scratch;
        // the normalised hash of each token a unit holds (only those are read below: the
        // attribute reordering stays inside a unit, or outside all of them)
        hashes.clear();
        hashes.resize(toks.len(), 0);
        let mut spans: Vec<(usize, usize)> = units.iter().map(|u| (u.first, u.last)).collect();
        spans.sort_unstable();
        let mut done = 0;
        for (first, last) in spans {
            for i in first.max(done)..=last {
                hashes[i] = self.hashes.lexical(toks[i].kind, text(i));
            }
            done = done.max(last + 1);
        }
        // attribute order carries no meaning: each tag's attributes are taken sorted by name
        // (inner tags first; a tag a unit starts or ends inside is left as written)
        order.clear();
        order.extend(0..toks.len() as u32);
        for g in &lx.attr_groups {
            let (lo, hi) = (g.attrs[0] as usize, g.end as usize);
            let inside = |b: usize| lo < b && b < hi;
            if units.iter().any(|u| inside(u.first) || inside(u.last + 1)) {
                continue;
            }
            let mut attrs: Vec<(usize, usize)> = g
                .attrs
                .iter()
                .enumerate()
                .map(|(k, &a)| (a as usize, g.attrs.get(k + 1).map_or(hi, |&n| n as usize)))
                .collect();
            attrs.sort_by_key(|&(a, _)| text(a));
            chunk.clear();
            for (a, b) in attrs {
                chunk.extend_from_slice(&order[a..b]);
            }
            order[lo..hi].copy_from_slice(chunk);
        }
        let bindings = package_bindings(lx, src);
        // per unit pushed below: its span and the components it renders (capitalised tags)
        let first_hit = out.len();
        let unit_names: Vec<&str> = units.iter().map(|u| text(u.name)).collect();
        let mut rendered: Vec<((usize, usize), Vec<&str>)> = Vec::new();
        for u in units {
            let (primitives, tags) = if bindings.is_empty() && unit_names.len() < 2 {
                (Vec::new(), Vec::new())
            } else {
                rendered_parts(lx, src, (u.first, u.last), &bindings, &unit_names)
            };
            rendered.push(((u.first, u.last), tags));
            // in one pass over the unit's tokens: the normalised sequence, the raw tokens, the
            // exact hash (the names of the components a unit renders — `<BaseKanBanRoot>` —
            // stay, so thin adapters around different components are not "identical";
            // near-matching still renames them), the verbatim hash (names as written, literal
            // values still placeholders: a verbatim copy) and, without the unit's own name,
            // its vocabulary
            seq.clear();
            raw.clear();
            let mut exact = similarity::TokenHash::new();
            let mut verbatim = similarity::TokenHash::new();
            verbatim.push(stable_hash(&["unit", text(u.name)]));
            vocab.clear();
            for &i in &order[u.first..=u.last] {
                let i = i as usize;
                let (kind, h) = (toks[i].kind, hashes[i]);
                seq.push(h);
                if self.js_sequences {
                    raw.push(lexical_raw(kind, text(i), h));
                }
                let named = match kind {
                    JsKind::JsxTagName => Some(stable_hash(&["<", text(i)])),
                    JsKind::Ident if !js_lexer::is_keyword(text(i)) => {
                        Some(stable_hash(&["name", text(i)]))
                    }
                    _ => None,
                };
                exact.push(match (kind, named) {
                    (JsKind::JsxTagName, Some(tag)) => tag,
                    _ => h,
                });
                verbatim.push(named.unwrap_or(h));
                if let Some(h) = named.filter(|_| self.js_sequences && i != u.name) {
                    vocab.push(h);
                }
            }
            vocab.sort_unstable();
            vocab.dedup();
            let name = toks[u.name].start as usize..toks[u.name].end as usize;
            let mut hit = unit_hit_with(
                name.clone(),
                src[name].to_string(),
                seq,
                raw,
                self.min_tokens,
                exact.get().max(1),
            );
            if let Some(Fact::Unit(unit)) = hit.extras.as_mut().and_then(|e| e.fact.as_mut()) {
                unit.document = document(lx, src, u.first, u.last);
                // only a document is compared by its words
                if unit.document {
                    unit.lits = literal_words(lx, src, u.first, u.last);
                }
                unit.verbatim = verbatim.get().max(1);
                unit.adapter = adapter_key(lx, src, u.first, u.last);
                unit.primitives = primitives;
                unit.placeholder = placeholder(lx, src, u.first, u.last);
                // the names it uses as written (`js_sequences` only): [`vocabularies_differ`]
                unit.vocab = vocab.to_vec();
            }
            out.push(hit);
        }
        local_parts(lx, src, &rendered, &unit_names, &mut out[first_hit..]);
        UNIT_SCRATCH.with(|c| c.set(scratch));
    }

    fn finding_at(&self, template: &Finding, u: &UnitRecord) -> Finding {
        let mut f = template.clone();
        f.file = u.file.clone();
        f.line = u.line;
        f.column = u.column;
        f.end_line = u.line;
        f.end_column = u.column + u.unit.name.chars().count();
        f.byte_start = u.byte_start;
        f.byte_end = u.byte_end;
        f.matched = u.unit.name.clone();
        f.message = template.message.replace("{match}", &u.unit.name);
        f
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod cases;

/// The pairs of a group of identical units: each linked to every other up to 64 members; past
/// that, every member to the first (which then represents them all).
fn group_pairs(group: &[usize]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let all = group.len() <= 64;
    group.iter().enumerate().flat_map(move |(x, &i)| {
        let others = if all {
            &group[x + 1..]
        } else if x == 0 {
            &group[1..]
        } else {
            &[][..]
        };
        others.iter().map(move |&j| (i, j))
    })
}
