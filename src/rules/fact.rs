//! Typed facts: what a rule records about one file for its cross-file stage. One enum, one
//! path: a kind attaches a [`Fact`] to a hit, the engine places it ([`FileFact`]: rule, file,
//! position, and the finding the hit would have been), the cache stores it, and after every file
//! was checked the engine hands each rule its facts ([`super::kind::RuleKind::cross_file`]).

use serde::{Deserialize, Serialize};

use crate::core::Finding;

/// What a rule learnt about one place in a file, for a stage over all files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "kebab-case")]
// `Unit` (one per component or function) is the largest variant by its vectors' headers;
// boxing it would add an allocation per unit to save ~200 bytes on each smaller fact
#[allow(clippy::large_enum_variant)]
pub(crate) enum Fact {
    /// A resolved import between two graph nodes (files or layers): layer-boundary's cycles.
    Import { from: String, to: String },
    /// A fingerprinted unit (component, function): duplicate-component.
    Unit(Unit),
    /// A value that may be repeated across files, by its cluster key: hardcoded-config.
    Repeat { key: String },
    /// A usage of one alternative of a concern (`http` → `axios`): competing-solutions.
    Usage {
        concern: String,
        alternative: String,
    },
    /// A function, method or component that only forwards to another callable: pass-through.
    Forward(Box<Forward>),
}

/// What pass-through records of one forwarding definition (or of one re-export).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Forward {
    /// The name the definition is known by in its file (`getUser`; `""` for a re-export).
    pub(crate) name: String,
    /// Exported from its module (`export`, `pub`).
    pub(crate) exported: bool,
    /// The callee as written (`apiGetUser`, `http.get`, `db::get_user`).
    pub(crate) callee: String,
    /// Where the callee is defined, when it resolves to a file under the root; `""` otherwise.
    pub(crate) target_file: String,
    /// The callee's name in that file (an import alias undone).
    pub(crate) target_name: String,
    /// Constant arguments are added on the way (`get(id, "GET")`): still forwarding in a
    /// chain, but on its own a named configuration.
    #[serde(default)]
    pub(crate) binds_constants: bool,
    /// Not a definition but a use of an imported name (`min_depth = 1` counts them), or a
    /// re-export (`export { a } from "./x"`), which chains follow.
    pub(crate) role: ForwardRole,
}

/// What a [`Forward`] fact is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ForwardRole {
    /// A pass-through definition.
    #[default]
    Wrapper,
    /// `export { name } from "…"`: the name in this file is the target's.
    ReExport,
    /// An import of a name from a file under the root (counted for `min_depth = 1`).
    Use,
}

/// What the duplicate stage keeps of a unit: its name and fingerprints, never its tree.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Unit {
    pub(crate) name: String,
    /// Normalised tokens in the unit.
    pub(crate) tokens: usize,
    /// Sorted, deduplicated k-gram hashes (empty for a unit only large enough for exact matching).
    pub(crate) shingles: Vec<u64>,
    /// Hash of the whole normalised token sequence: equal for exact copies (0: none).
    #[serde(default)]
    pub(crate) exact: u64,
    /// Sorted, deduplicated hashes of what a Rust unit calls (functions, methods, macros), which
    /// the k-grams turn into placeholders; empty for other units.
    #[serde(default)]
    pub(crate) names: Vec<u64>,
    /// A Rust test function (`#[test]`-like attribute, or inside a `#[cfg(test)]` module).
    #[serde(default)]
    pub(crate) test: bool,
    /// For a thin adapter (a component that renders one element of another component, with
    /// no children): a hash of that component's name and the names of the props it passes;
    /// 0 otherwise.
    #[serde(default)]
    pub(crate) adapter: u64,
    /// Placeholder markup (a skeleton loader: no text, data or handlers in what it renders).
    #[serde(default)]
    pub(crate) placeholder: bool,
    /// A whole document: a unit whose first element is `<Html>`/`<html>` (an e-mail template
    /// on react-email's layout).
    #[serde(default)]
    pub(crate) document: bool,
    /// Sorted, deduplicated hashes of the words of a JSX/JS unit's literal values (strings,
    /// templates, JSX text; class names word by word), which the k-grams turn into
    /// placeholders; for a document only (empty for other units).
    #[serde(default)]
    pub(crate) lits: Vec<u64>,
    /// For a JSX/JS unit: a hash of its tokens with names kept as written (literal values
    /// still placeholders), equal only for a unit copied verbatim (0: none).
    #[serde(default)]
    pub(crate) verbatim: u64,
    /// Per token, in order, the normalised hash (low 32 bits) and the hash of its text as
    /// written with its class (`duplicate_component::differ`): what the pair decision aligns.
    /// Empty for a unit without them (a styled definition).
    #[serde(default)]
    pub(crate) seq: Vec<u32>,
    #[serde(default)]
    pub(crate) raw: Vec<u32>,
    /// For a Rust method of an `impl Trait for Type`: a hash of the trait's name without its
    /// generic arguments (`From` of `From<Abs>`); 0 for any other unit.
    #[serde(default)]
    pub(crate) impl_trait: u64,
    /// For such a method: sorted, deduplicated hashes of its own vocabulary, the names the
    /// normalised k-grams turn into placeholders that say which type it serves: the fields it
    /// reads or builds (`self.top_left`, `Self { at, shift }`) and the variants it names
    /// (`Self::Auto`, `Value::None`). For a TSX/JS unit under `compare_renames`: the names it
    /// uses as written (identifiers that are not keywords, the elements it renders), its own
    /// name aside.
    #[serde(default)]
    pub(crate) vocab: Vec<u64>,
    /// For a JSX/JS unit: sorted, deduplicated hashes of the package primitives it renders,
    /// by name — each element that is a package's binding or a member of one
    /// (`<Primitives.Content>` under `import * as Primitives from "@radix-ui/react-popover"` is
    /// `popover`, `<Dialog>` under `import { Dialog } from "@headlessui/react"` is `dialog`).
    #[serde(default)]
    pub(crate) primitives: Vec<u64>,
    /// For a JSX/JS unit: the components it renders that are other units of its own file, as
    /// (hash of the name, hash of that unit's text as written), sorted.
    #[serde(default)]
    pub(crate) locals: Vec<(u64, u64)>,
}

/// A fact with its place, as the engine collects it from a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct FileFact {
    /// Index of the rule in the configuration (the cache stores rule ids instead).
    #[serde(skip)]
    pub(crate) rule: u32,
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    /// The matched text (the import specifier, the unit's name, the value).
    pub(crate) matched: String,
    pub(crate) fact: Fact,
    /// The finding the hit makes on its own (for hits that are not silent): the stage reports it,
    /// or a cluster that includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) finding: Option<Box<Finding>>,
}
