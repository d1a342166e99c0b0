//! Kind `design-system`: UI code that bypasses the design system.
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain design-system`).

mod anchors;
pub(crate) mod color;
pub(crate) mod config;
mod css;
pub(crate) mod look;
mod repeats;
mod styles;
pub(crate) mod tokens;
mod walk;

use crate::lang::kind_name::KindName;
use std::sync::Arc;

use tree_sitter::Node;

use self::config::DesignSystem;
use self::styles::*;
use self::tokens::{fmt_px, Category, Suggestion, Value};
use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::literal::Literal;
use super::syntax::{ancestors, node_text};
use crate::core::{ConfigError, Fields};
use crate::core::{Edit, Fix};
use crate::lang::{Lang, LangSet};

pub(crate) const DOCS: &str = r##"design-system — UI code that bypasses the design system

What
  Uses the `[design_system]` table of archdrift.toml (packages, source, components listed or
  discovered from the package's index exports, an in-app library's components by the path they
  are imported from: `import_from = { "@/components/ui" = ["Card"] }` with its folder in
  `source`; a module's default export is written `"Button (default)"` and named in help as
  `import Button from "…"` (a component a package also has is imported from the package: an in-app path is
  often one workspace member's tsconfig alias); wrapped libraries, allowed wrappers, tokens file) and reports, in TSX/JSX and JS/TS:
  (only where a part offering the component can be imported: an in-app path resolves in the
  apps whose tsconfig names its alias and whose folder holds the module; a package, a library
  imported by its folder and the tokens file where `[design_system.used_in]` says, e.g.
  `used_in = { "@acme/ui" = ["apps/web/**"] }` — `init` writes the packages that declare it —
  and anywhere when not listed)
    elements  raw intrinsic elements that have a design-system replacement (`<button>` →
              `<Button>`, `<a>` → `<Link>`, `<input>`, `<select>`, …), also as
              `React.createElement("button")` and styled raw elements (`styled.button`,
              `styled("button")`, `styled.a.attrs(…)`, `styled.button<Props>`); `help` gives
              the import to use; an icon-only `<button>` (one icon child, no text) is answered
              with `<IconButton>` when the design system has one
    imports   imports of a library the design system wraps (`@mui/material`, `@radix-ui/*`)
              outside the design system's own source; type-only imports (`import type`, and
              `import { type A }`) are fine unless `type_imports = "check"`
    styles    hardcoded colours (hex, rgb/rgba, hsl, oklch), spacing, radii, font sizes and
              weights, z-indices and shadows in `style`/`sx`/`css` props, framer-motion
              `animate`/`initial`/`exit`/`while*`/`variants` objects, styled-components and
              emotion templates (generic ones too) and object styles, and Tailwind arbitrary
              values (`bg-[#1a2b3c]`, `p-[13px]`, `from-[#ddd]/50`, arbitrary properties such
              as `[background-image:…]`) in `class`, `className` and any prop ending in
              `ClassName`/`Class`, in `cn`/`clsx`/`twMerge`/`cva`/`tv`/… calls, and in any
              other string that reads as a class list (an object value, a constant)
  `checks = ["elements", "imports", "styles"]` selects (default: all three).
  `categories = ["color", "spacing", "radius", "font-size", "font-weight", "z-index", "shadow"]`
  limits `styles` to those categories (default: all). A shadow counts as a colour only when its
  colour is a literal: `0 0 0 1px ${p => p.theme.divider}` is a hardcoded shadow, not a colour.
  Generic tagged templates (`styled.button<Props>`, `styled(Base)<P>`), which tree-sitter reads
  as comparisons, are recognised; with an inline object type (`styled.div<{ $on: boolean }>`)
  the file keeps a syntax error, its findings are still reported, and `--format json` lists it
  in `summary.parse_errors`.
  A CSS declaration runs to `;` or `}`, not to the end of the line; a multi-line value gives a
  finding on each line that holds an offending value. Literals are followed into what a value
  can be: `${p => p.on ? "0 0 2px #000" : "none"}`, `||`/`??`/`&&`, ternaries in `style={{…}}`,
  nested templates, `return`s of arrows in substitutions, and names declared in the same file
  (`${focusRing}`, `${shadow(2)}`, `{ backgroundColor }`, `PALETTE.ink`, `COLORS[i]`: the
  nearest declaration in an enclosing block or at the top level, a function's `return`s;
  with `one_offs = "skip"` an array of 4 or more colours picked by a computed index,
  `BACKGROUNDS[i % n]`, is a rotating palette, data like a user's colour, and not followed); a
  substitution in statement position (`${p => p.on && "color: #fff;"}`) is read as CSS.
  Imports, parameters and calls of other functions are not followed (except the colour
  helpers below). `rgba(0,196,184,${a})` is a literal colour (only its alpha is computed).
  `color_sources = ["svg", "props", "objects", "helpers"]` (default: none) also reports colour
  literals outside style props: svg = `fill`/`stroke`/`stopColor`/`floodColor`/`lightingColor`
  attributes of intrinsic elements (`<path>`, `<stop>`: SVG artwork); props = `color="#…"` on
  any element and `fill`/`stroke`/`*Color` props of components (`<StarIcon fill=…>`,
  `<Background color=…>`, `<Spinner trackColor=…>`); objects =
  `fill`/`stroke`/`background`/`*color` keys of any object (canvas and Konva shapes, chart
  options — exclude theme definition files with `exclude`); helpers = string arguments of
  `darken`/`lighten`/`rgba`/`transparentize`/`mix`/`tint`/`shade`/`tinycolor`/`chroma`/… calls.
  `own_source = "exempt" | "check"` (default exempt): with "check" the rule also looks inside
  `[design_system].source`, so one rule can check the design system's own button family (with
  `paths`) while another exempts it.
  `wrapped = "all" | "offered"` (default all): with "offered" an import of a wrapped library
  is reported only when the design system has a component of a name it imports — a named or
  default import (`{ Dialog }`), or a namespace import by its name without `Primitive(s)` or
  by the package's (`* as Collapsible from "@radix-ui/react-collapsible"` → `Collapsible`);
  where the design system has nothing to import instead (`Transition`, a Radix primitive it
  does not wrap), the import is the only way to get it. Also with "offered", a named or
  default import the file uses only for its parts (`Menu.Item`, `<Combobox.Option>`, never
  `<Menu>` itself) is not reported: the parts live inside a parent rendered in another file,
  move with it, and that parent's import is reported where it is rendered.
  `repeated = "each" | "once"` (default each): with "once" a hardcoded style value used in
  3 or more files (the same category and value: `#FFF` = `#ffffff`) is one team decision and
  one finding, at its first place (by path and line), giving the count of places and files
  with the other places in `related`; a new use of it joins that finding instead of being
  reported on its own line. Values in fewer files are reported at each place.
  With `checks = ["elements"]`, `repeated = "once"` makes the same hand-made element — the
  same tag, replacement and class list (`<button className="ml-8 text-11 font-medium
  text-accent-primary">` in 12 filter lists) — in 3 or more files one finding at its first
  place, with the others in `related`: one pattern, replaced once (or made a variant); a new
  copy joins that finding, as a repeated style value does. An element without a readable
  class list is never grouped.
  `one_offs = "report" | "skip"` (default report; "skip" needs `repeated = "once"`): with
  "skip" a value used in fewer files is reported only when a token answers it — for a
  colour the same value or a close one (ΔE ≤ 10; ΔE ≤ 3 for a step of a numbered scale,
  `slate-200`, whose neighbours are other steps; in a shadow ΔE ≤ 2: a shadow's 5 % black
  or white highlight is not answered by another colour; a chart colour, `--chart-axis`,
  only by its exact value), for a length a token of that length
  (`text-[14px]` with a 14px font-size token) — so the finding names what to use instead; a
  one-off value no token comes near (a promo gradient) or one between two steps of the scale
  (a 10px radius between 8 and 12, a 13px title, a 3 px nudge) is the component's own
  choice, with nothing to replace it.
  `raw = "all" | "look-alike"` (default all): with "look-alike" a raw `<button>`, `<a>`,
  `<input>`, `<select>`, `<textarea>` or `<hr>` is reported only when its own class list
  re-creates the component's look: a fill or a border width (`border`, `border-2`; a side
  border or a border colour alone does not count) with padding or a height, a
  coloured and weighted text-only button (a link variant), a text field with its own border,
  ring or rounded corners, a divider with its own colour, an icon-only button answered by
  `IconButton`. Not reported there: rows, tiles, cells and adornments (`w-full`, `flex-1`,
  `flex-col`, `text-left`, `absolute`, `aspect-square`), icon-only buttons whose icon is 12 px
  or smaller (`size={12}`, `h-3`, `size-2.5`: a chip's close glyph) unless the button has
  its own fill or border with padding, bare fields inside a styled box
  (`outline-none`, no border), fields edited in place (`bg-transparent` with no border or
  ring at rest, a `border-transparent` one shown on hover, or a dashed one: a title, a
  quick-add row),
  margin-only dividers, hidden elements, and elements whose look
  comes from a stylesheet or a class variable (no readable class list). With
  `heights = { Button = { min = 28, max = 40 } }` in `[design_system]` (the lowest and
  highest heights in px the component is rendered at; `init` writes those of its own class
  lists and of the heights the code gives it — `<Button className="h-7">` — in 1 of 20
  renders and 3 files), a raw button whose own classes make it lower (`h-5`, `size-4`, or
  vertical padding and a known line height: `py-0.5 text-xs` is 20 px) or taller (`h-14`)
  is not reported: a chip, an adornment in a row or a field, a tile or a floating action
  button, which the component is not made for. With
  `variants = { Button = [...] }` in `[design_system]` (the variant names the component
  offers; `init` reads them from its `cva`/`tv` call), a text-only link-style button is
  reported only when `Button` has a `link`/`text`/`inline` variant, and a toggle — a chip,
  a segment, a tab: `aria-pressed`/`aria-selected`, a choice `role`, a `data-[state=on]:`
  class, or a fill, border or text colour picked by a condition other than `disabled`,
  `loading`, a variant or a size (`sel ? "bg-accent" : "border"`, `{ "bg-layer-1": active }`)
  — only when `Button` (or `IconButton`) has a `pressed`/`selected`/`active`/`toggle`
  variant: without one the component does not fit the use. A component not listed there
  is taken to fit every use. `<dialog>`,
  `<table>`, `<progress>` and styled raw elements (`styled.button`) are always reported.
  With a tokens file,
  `help` names the token with the same value (`#FFF` = `#ffffff` = `rgb(255,255,255)`), or else
  the nearest token of the category with its distance: ΔE (CIEDE2000) for colours (a
  translucent colour as it is seen, over white and over black, the larger), px for the
  spacing, radius and font-size scales. `{what}` in `message` is replaced by what was found.
  Silent: the design system's own source (unless `own_source = "check"`), raw elements inside a
  component listed in `allowed_wrappers` or named like the replacement (`const Input =
  forwardRef(…)` rendering `<input>`: a primitive of a second component library, such as a
  widget package in another framework), SVG internals, `<input type="hidden">`, a checkbox,
  radio, range or date `<input>` when the design system has no component for that type (a
  text `Input` does not replace it; `elements = { input = "" }` in `[design_system]`, which
  drops the text input's replacement, keeps those typed inputs answered by their own component),
  e-mail templates (files importing React Email, jsx-email
  or mjml-react, or a workspace e-mail package listed in `[design_system].email`, such as
  `email = ["@acme/email"]`, which `init` writes for packages that depend on one of them:
  mail clients need inline literal styles and raw elements) and Open Graph image
  renderers (`next/og`, `@vercel/og`, satori: the markup becomes an image; also a file whose
  JSX has satori's `tw` prop, a component of such a template) and PDF
  documents (`@react-pdf/renderer`, styled through `react-pdf-tailwind`'s `tw`), values that
  reference tokens or variables (`var(--x)`, `theme.colors.x`, any non-literal), alpha masks
  (`mask`, `mask-image`, `WebkitMask`: not colours anyone sees), `0`/`auto`/`inherit`/
  percentages, unitless numbers in MUI `sx` (theme units), and test/story files with
  `tests = "exclude"`.

Why
  Every raw `<button>` or hand-picked `#1a73e9` is a small fork of the design system: it drifts
  from the real component's behaviour, accessibility and theme, and "design system adoption"
  falls one file at a time. AI assistants produce exactly this code because they do not know
  which components and tokens exist; the finding names them.

Example
  # archdrift.toml
  [design_system]
  packages = ["@acme/ui"]
  source = ["packages/ui/**"]
  index = ["packages/ui/src/index.ts"]
  wraps = ["@mui/material", "@radix-ui/*"]
  tokens = "packages/ui/src/tokens.json"

  [[rule]]
  id = "ds/hardcoded-style"
  kind = "design-system"
  severity = "warning"
  message = "{what}"
  adr = { id = "ADR-0001", title = "Use the design system", path = "docs/adr/0001-design-system.md" }
  checks = ["styles"]
  tests = "exclude"
"##;

pub(crate) const KIND: KindInfo = KindInfo {
    name: "design-system",
    summary: "raw elements, wrapped-library imports and hardcoded style values that bypass the design system",
    docs: DOCS,
    fields: &[
        "checks",
        "categories",
        "color_sources",
        "type_imports",
        "own_source",
        "raw",
        "wrapped",
        "repeated",
        "one_offs",
    ],
    compile,
};

const CHECKS: &[&str] = &["elements", "imports", "styles"];

/// A nearest colour further away than this (ΔE00) is not suggested as "the same, almost".
const FAR_DELTA_E: f64 = 10.0;
/// In a shadow, a token this far (ΔE00) or nearer is the shadow's colour; further is another.
const SHADOW_DELTA_E: f64 = 2.0;
/// A step of a numbered scale (`slate-200`) is the literal's colour only this near (ΔE00, about
/// a just-noticeable difference): the next steps are ΔE 5-10 away, so a literal further off is
/// another step (`#cbd5e1` is Tailwind's slate-300, not `slate-200` at ΔE 4.9).
const STEP_DELTA_E: f64 = 3.0;

/// The style categories a rule may be limited to (`categories = […]`), by their config names.
const CATEGORIES: &[(&str, Category)] = &[
    ("color", Category::Color),
    ("spacing", Category::Spacing),
    ("radius", Category::Radius),
    ("font-size", Category::FontSize),
    ("font-weight", Category::FontWeight),
    ("z-index", Category::ZIndex),
    ("shadow", Category::Shadow),
];

/// Places outside style props where `color_sources = […]` looks for hardcoded colours.
const COLOR_SOURCES: &[&str] = &["svg", "props", "objects", "helpers"];

#[derive(Clone, Copy, Debug, Default)]
struct ColorSources {
    /// `fill`/`stroke`/`stopColor`/… attributes
    svg: bool,
    /// `color="#…"` and `*Color` props of any element
    props: bool,
    /// `fill: "#…"`, `color: "#…"` keys of any object (canvas/Konva shapes, chart options)
    objects: bool,
    /// `darken("#…")`, `rgba("#…", .5)`, `tinycolor("#…")`
    helpers: bool,
}

struct DesignSystemRule {
    ds: Arc<DesignSystem>,
    elements: bool,
    imports: bool,
    styles: bool,
    /// Bit `1 << Category as u8` for each category the rule reports.
    categories: u8,
    colors: ColorSources,
    /// `type_imports = "check"`: `import type` of a wrapped library is reported too.
    check_type_imports: bool,
    /// `own_source = "check"`: the design system's own source is checked as well.
    check_own_source: bool,
    /// `raw = "look-alike"`: a raw element only when its classes re-create the component's look.
    look_alike: bool,
    /// `wrapped = "offered"`: an import of a wrapped library only when the design system has a
    /// component of a name it imports.
    offered_only: bool,
    /// `repeated = "once"`: a style value used in many files is one finding.
    repeated_once: bool,
    /// `one_offs = "skip"`: a value no token answers is reported only when repeated.
    skip_one_offs: bool,
    kinds_tsx: Vec<&'static str>,
    kinds_ts: Vec<&'static str>,
    prefilter: Vec<Literal>,
    /// See [`anchors`]: `None` when the rule cannot give them.
    anchor_literals: Option<Vec<Literal>>,
    /// With `color_sources = ["objects"]`, the object keys a colour can be the value of.
    color_keys: Option<aho_corasick::AhoCorasick>,
}

fn compile(f: &Fields<'_, '_>, ctx: &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError> {
    let Some(ds) = ctx.design_system else {
        return Err(ConfigError::at(
            ctx.src,
            f.span(),
            "a design-system rule needs a [design_system] table in archdrift.toml",
        )
        .label("this rule")
        .help("add [design_system] with packages, source, index or components (see `archdrift explain design-system`)"));
    };
    let checks = match f.str_list("checks")? {
        None => CHECKS.iter().map(|s| s.to_string()).collect(),
        Some(list) => {
            let mut out = Vec::new();
            for c in list {
                if !CHECKS.contains(&c.get_ref().as_str()) {
                    return Err(ConfigError::at(
                        ctx.src,
                        c.span(),
                        format!("unknown check `{}`", c.get_ref()),
                    )
                    .label("not a check")
                    .help(format!("checks are: {}", CHECKS.join(", "))));
                }
                out.push(c.into_inner());
            }
            out
        }
    };
    let has = |c: &str| checks.iter().any(|x| x == c);
    let (elements, imports, styles) = (has("elements"), has("imports"), has("styles"));
    let categories = match f.str_list("categories")? {
        None => u8::MAX,
        Some(list) => {
            let mut bits = 0u8;
            for c in list {
                let Some((_, cat)) = CATEGORIES.iter().find(|(n, _)| n == c.get_ref()) else {
                    let names: Vec<&str> = CATEGORIES.iter().map(|(n, _)| *n).collect();
                    return Err(ConfigError::at(
                        ctx.src,
                        c.span(),
                        format!("unknown style category `{}`", c.get_ref()),
                    )
                    .label("not a category")
                    .help(format!("categories are: {}", names.join(", "))));
                };
                bits |= 1 << *cat as u8;
            }
            bits
        }
    };
    let mut colors = ColorSources::default();
    for c in f.str_list("color_sources")?.unwrap_or_default() {
        match c.get_ref().as_str() {
            "svg" => colors.svg = true,
            "props" => colors.props = true,
            "objects" => colors.objects = true,
            "helpers" => colors.helpers = true,
            other => {
                return Err(ConfigError::at(
                    ctx.src,
                    c.span(),
                    format!("unknown colour source `{other}`"),
                )
                .label("not a colour source")
                .help(format!("colour sources are: {}", COLOR_SOURCES.join(", "))))
            }
        }
    }
    let choice = |key: &str, options: &[&str], default: &str| -> Result<String, ConfigError> {
        match f.str(key)? {
            None => Ok(default.to_string()),
            Some(v) if options.contains(&v.get_ref().as_str()) => Ok(v.into_inner()),
            Some(v) => Err(ConfigError::at(
                ctx.src,
                v.span(),
                format!("unknown value `{}` for `{key}`", v.get_ref()),
            )
            .label("not an option")
            .help(format!("one of: {}", options.join(", ")))),
        }
    };
    let check_type_imports = choice("type_imports", &["allow", "check"], "allow")? == "check";
    let check_own_source = choice("own_source", &["exempt", "check"], "exempt")? == "check";
    let look_alike = choice("raw", &["all", "look-alike"], "all")? == "look-alike";
    let offered_only = choice("wrapped", &["all", "offered"], "all")? == "offered";
    let repeated_once = choice("repeated", &["each", "once"], "each")? == "once";
    let skip_one_offs = choice("one_offs", &["report", "skip"], "report")? == "skip";
    if skip_one_offs && !repeated_once {
        let span = f
            .str("one_offs")?
            .map(|v| v.span())
            .unwrap_or_else(|| f.span());
        return Err(ConfigError::at(
            ctx.src,
            span,
            "`one_offs = \"skip\"` needs `repeated = \"once\"`",
        )
        .label("here")
        .help("a one-off value is one used in fewer files than a repeated one: set `repeated = \"once\"` too"));
    }
    let mut kinds_tsx = Vec::new();
    let mut kinds_ts = Vec::new();
    let mut prefilter = Vec::new();
    if elements {
        kinds_tsx.extend(["jsx_opening_element", "jsx_self_closing_element"]);
        // styled.button`…`, styled("button"), styled.button<P>`…` (read as comparisons)
        kinds_tsx.extend(["call_expression", "binary_expression"]);
        kinds_ts.extend(["call_expression", "binary_expression"]);
        for el in checked_elements(ds) {
            prefilter.push(Literal::token(&format!("<{el}")));
            prefilter.push(Literal::substring(&format!("\"{el}\"")));
            prefilter.push(Literal::substring(&format!("'{el}'")));
            prefilter.push(Literal::substring(&format!("styled.{el}")));
        }
    }
    if imports {
        kinds_tsx.extend(["import_statement", "export_statement", "call_expression"]);
        kinds_ts.extend(["import_statement", "export_statement", "call_expression"]);
        for w in &ds.wraps {
            let lit = w.literal();
            if lit.len() >= 2 {
                prefilter.push(Literal::substring(lit));
            } else {
                // a pattern without a usable literal: no safe prefilter
                prefilter.clear();
                prefilter.push(Literal::substring(""));
            }
        }
    }
    if styles {
        kinds_tsx.extend([
            "jsx_attribute",
            "call_expression",
            "template_string",
            "string",
        ]);
        kinds_ts.extend(["call_expression", "template_string", "string"]);
        // the CSS tags and class-name helpers a style context starts with, then the words of
        // the props; a class list anywhere needs an arbitrary value (`-[`, `:[`): one that
        // opens the list or follows a space (`"[margin:1px]"`) is found only in a file with
        // one of these words (the anchors find it there)
        for l in walk::CSS_TAGS.iter().chain(walk::CLASS_HELPERS) {
            prefilter.push(Literal::substring(l));
        }
        for l in [
            "style",
            "sx",
            "css",
            "styled",
            "-[",
            ":[",
            "className",
            "class",
            "Class",
            "animate",
            "initial",
            "exit",
            "while",
            "variants",
        ] {
            prefilter.push(Literal::substring(l));
        }
    }
    if colors.svg || colors.props {
        kinds_tsx.push("jsx_attribute");
        for l in ["fill", "stroke", "color", "Color"] {
            prefilter.push(Literal::substring(l));
        }
    }
    if colors.objects {
        kinds_tsx.push("pair");
        kinds_ts.push("pair");
        // keys are compared in any case (`Fill`, `BORDERCOLOR`): the case-sensitive literal
        // prefilter cannot say; the anchors find them in any case
        prefilter.push(Literal::substring(""));
    }
    if colors.helpers {
        kinds_tsx.push("call_expression");
        kinds_ts.push("call_expression");
        for l in walk::COLOR_HELPERS {
            prefilter.push(Literal::substring(l));
        }
    }
    kinds_tsx.sort_unstable();
    kinds_tsx.dedup();
    kinds_ts.sort_unstable();
    kinds_ts.dedup();
    let prefilter = if prefilter.iter().any(|l| l.text.is_empty()) {
        Vec::new()
    } else {
        prefilter
    };
    let mut rule = DesignSystemRule {
        ds: ds.clone(),
        elements,
        imports,
        styles,
        categories,
        colors,
        check_type_imports,
        check_own_source,
        look_alike,
        offered_only,
        repeated_once,
        skip_one_offs,
        kinds_tsx,
        kinds_ts,
        prefilter,
        anchor_literals: None,
        color_keys: colors.objects.then(anchors::color_keys),
    };
    rule.anchor_literals = anchors::literals(&rule);
    Ok(Box::new(rule))
}

/// The raw elements the rule looks at: those with a replacement, and `input` when only typed
/// inputs have one (`elements = { input = "" }` with a `Checkbox`).
pub(super) fn checked_elements(ds: &DesignSystem) -> Vec<&str> {
    let mut v: Vec<&str> = ds.elements.keys().map(String::as_str).collect();
    let typed = crate::rules::design_system::config::INPUT_TYPES
        .iter()
        .flat_map(|(_, cs)| cs.iter())
        .any(|c| ds.components.contains_key(*c));
    if typed && !ds.elements.contains_key("input") {
        v.push("input");
    }
    v
}

/// Whether the element an opening tag opens holds one icon and no text: one child element
/// named like a component (`<XIcon />`, `<Trash2 className=… />`) or `<svg>`, whitespace
/// around it.
fn icon_only(opening: Node<'_>, src: &str) -> bool {
    if opening.kind_name() != "jsx_opening_element" {
        return false;
    }
    let Some(el) = opening.parent() else {
        return false;
    };
    let mut c = el.walk();
    let mut icons = 0;
    for ch in el.named_children(&mut c) {
        match ch.kind_name() {
            "jsx_opening_element" | "jsx_closing_element" => {}
            "jsx_text" if node_text(ch, src).trim().is_empty() => {}
            "jsx_self_closing_element" | "jsx_element" => {
                let name_node = if ch.kind_name() == "jsx_element" {
                    ch.named_child(0)
                        .and_then(|o| o.child_by_field_name("name"))
                } else {
                    ch.child_by_field_name("name")
                };
                let n = name_node.map_or("", |n| node_text(n, src));
                let last = n.rsplit('.').next().unwrap_or(n);
                let iconish = n == "svg"
                    || last.ends_with("Icon")
                    || (last.starts_with(|c: char| c.is_ascii_uppercase())
                        && ch.kind_name() == "jsx_self_closing_element");
                if !iconish {
                    return false;
                }
                icons += 1;
            }
            _ => return false,
        }
    }
    icons == 1
}

/// The size in px of the one icon an icon-only element holds, when its own props or classes
/// say it (`size={12}`, `height={10}`, `className="h-3 w-3"`, `size-2.5`, `size-[10px]`).
fn icon_px(opening: Node<'_>, src: &str) -> Option<f64> {
    let el = opening.parent()?;
    let mut c = el.walk();
    let icon = el
        .named_children(&mut c)
        .find_map(|ch| match ch.kind_name() {
            "jsx_self_closing_element" => Some(ch),
            "jsx_element" => ch.named_child(0),
            _ => None,
        })?;
    for a in ["size", "height", "width"] {
        if let Some(v) = attr_value(icon, src, a) {
            let v = v.trim_matches(['{', '}', ' ']);
            if let Ok(px) = v.trim_end_matches("px").parse::<f64>() {
                return Some(px);
            }
        }
    }
    look::class_list(icon, src)?.iter().find_map(|class| {
        let v = ["size-", "h-", "w-"]
            .iter()
            .find_map(|p| class.strip_prefix(p))?;
        match v.strip_prefix('[').and_then(|v| v.strip_suffix("px]")) {
            Some(px) => px.parse::<f64>().ok(),
            None => v.parse::<f64>().ok().map(|n| n * 4.0),
        }
    })
}

/// Lower than this (px, by an element's own classes) a raw text button is a chip or an
/// adornment, not a use any design system's `Button` is made for, when `heights` does not say
/// otherwise (an icon button may be smaller: a 16 px close button is one).
const CHIP_HEIGHT: f64 = 24.0;

/// Variant names of a component that render a text link.
const LINK_VARIANTS: &[&str] = &["link", "text", "inline", "anchor", "plain"];

/// Variant names of a component that render a toggle's pressed or selected state.
const TOGGLE_VARIANTS: &[&str] = &[
    "pressed", "selected", "active", "toggle", "toggled", "on", "checked",
];

/// An icon this small (px) is a glyph inside a chip or a row, not what an `IconButton` of the
/// design system is sized for.
const GLYPH_PX: f64 = 12.0;

/// Whether a file's text imports an e-mail template library or an image renderer (Open Graph
/// images: `next/og`, `@vercel/og`, satori): markup there is not the app's DOM, and its styles
/// must be inline literals.
fn is_email_template(text: &str) -> bool {
    super::syntax::names_email_template_library(text)
        || super::syntax::names_image_renderer(text)
        || has_tw_prop(text)
}

/// Whether the file's JSX gives an element a `tw` prop (`<div tw="flex …">`, `tw={…}`): the
/// class prop of satori and react-pdf-tailwind, so a component of an image or PDF template
/// that does not import the renderer itself (midday's `templates/og/components/status.tsx`).
fn has_tw_prop(text: &str) -> bool {
    // memchr's searcher (SIMD) finds the same occurrences as `match_indices`, which walked
    // the text at ~1 instruction a byte (asked of every file by each design-system rule)
    memchr::memmem::find_iter(text.as_bytes(), b"tw=").any(|i| {
        let before = text[..i].chars().next_back();
        let after = text[i + 3..].chars().next();
        before.is_some_and(char::is_whitespace) && matches!(after, Some('"' | '{' | '\''))
    })
}

impl RuleKind for DesignSystemRule {
    fn languages(&self) -> LangSet {
        LangSet::JS_FAMILY
    }

    fn needs_all_files(&self) -> bool {
        (self.styles || self.elements) && self.repeated_once
    }

    /// With `repeated = "once"`, a style value used in many files is one finding.
    fn cross_file(
        &self,
        facts: Vec<super::fact::FileFact>,
        _template: &crate::core::Finding,
    ) -> Vec<crate::core::Finding> {
        repeats::resolve(facts)
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        if self.prefilter.is_empty() {
            None
        } else {
            Some(&self.prefilter)
        }
    }

    /// An e-mail template (it imports React Email, jsx-email or mjml-react, or a workspace
    /// e-mail package of `[design_system].email`) is not checked:
    /// mail clients need inline literal styles and raw elements, the app's components do not
    /// render there.
    fn excludes(&self, text: &str, _lang: Lang) -> bool {
        is_email_template(text) || self.ds.imports_email_package(text)
    }

    fn has_anchors(&self) -> bool {
        self.anchor_literals.is_some()
    }

    fn anchor_literals(&self, _lang: Lang) -> Option<&[Literal]> {
        self.anchor_literals.as_deref()
    }

    /// The literals of [`anchors::literals`], plus the `[`s of arbitrary values in class lists
    /// and colour object keys in any case.
    fn anchors(
        &self,
        text: &str,
        _lang: Lang,
        _found: Option<&[crate::rules::literal::Occurrence]>,
        out: &mut Vec<usize>,
    ) -> bool {
        if self.anchor_literals.is_none() {
            return false;
        }
        if self.styles {
            anchors::bracket_anchors(text, out);
        }
        if let Some(keys) = &self.color_keys {
            out.extend(keys.find_overlapping_iter(text).map(|m| m.start()));
        }
        true
    }

    fn applies_to(&self, rel: &str) -> bool {
        self.check_own_source || !self.ds.is_source(rel)
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        match lang {
            Lang::Tsx | Lang::JavaScript => &self.kinds_tsx,
            Lang::TypeScript => &self.kinds_ts,
            Lang::Rust => &[],
        }
    }

    fn check_node(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        walk::reset_budget();
        walk::enter_file(cx.file, &self.ds);
        match node.kind_name() {
            "jsx_opening_element" | "jsx_self_closing_element" => self.element(node, cx, out),
            "import_statement" | "export_statement" if self.imports => {
                self.import(node, src, cx.file, out)
            }
            "jsx_attribute" => self.attribute(node, cx, out),
            "call_expression" => self.call(node, cx, out),
            "binary_expression" => self.generic_template(node, cx, out),
            "template_string" | "string" if self.styles => self.class_like_string(node, src, out),
            "pair" if self.colors.objects => self.color_pair(node, cx, out),
            _ => {}
        }
    }
}

/// Whether the file defines a component named `name` at its top level (`export const Input =`,
/// `function Input(`, `class Input `): the file is that component's implementation (the team's
/// own `components/Input.tsx`), and the raw elements of its private (not exported) helpers
/// (`InputWithLeftText` rendering `<input>`) are its parts, not uses that bypass it.
fn defines_component(src: &str, name: &str) -> bool {
    ["const ", "function ", "class ", "let "].iter().any(|kw| {
        let pat = format!("{kw}{name}");
        src.match_indices(&pat).any(|(i, _)| {
            let line_start = src[..i].rfind('\n').map_or(0, |p| p + 1);
            let lead = src[line_start..i].trim();
            let top = lead.is_empty() || lead == "export" || lead == "export default";
            let after = src[i + pat.len()..].chars().next();
            top && matches!(after, Some(' ' | '=' | ':' | '(' | '<'))
        })
    })
}

/// The component a package is named after: its last path segment without a `react-` prefix,
/// in PascalCase (`@radix-ui/react-dropdown-menu` → `DropdownMenu`, `vaul` → `Vaul`).
fn package_component_name(spec: &str) -> String {
    let last = spec.rsplit('/').next().unwrap_or(spec);
    let last = last.strip_prefix("react-").unwrap_or(last);
    last.split(['-', '_', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The ancestors of `node`, outermost first, found from the root when the pass gives it:
/// climbing with `parent()` is quadratic in the depth.
fn ancestors_of<'t>(node: Node<'t>, cx: &FileCtx<'t>) -> Vec<Node<'t>> {
    match cx.root {
        Some(root) => ancestors(root, node),
        None => {
            let mut v: Vec<Node<'t>> =
                std::iter::successors(node.parent(), |n| n.parent()).collect();
            v.reverse();
            v
        }
    }
}

fn hit(node: Node<'_>, matched: String, what: String, help: Option<String>) -> Hit {
    Hit::new(node.start_byte(), node.end_byte(), matched)
        .var("what", what)
        .help(help)
}

/// The text inside a string literal node (without quotes), if the node is a plain string or a
/// template without substitutions.
fn literal_string<'s>(node: Node<'_>, src: &'s str) -> Option<&'s str> {
    match node.kind_name() {
        "string" => {
            let t = node_text(node, src);
            t.get(1..t.len().saturating_sub(1))
        }
        "template_string" => {
            let mut c = node.walk();
            if node
                .named_children(&mut c)
                .any(|n| n.kind_name() == "template_substitution")
            {
                return None;
            }
            let t = node_text(node, src);
            t.get(1..t.len().saturating_sub(1))
        }
        _ => None,
    }
}

impl DesignSystemRule {
    fn element(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        if !self.elements {
            return;
        }
        let src = cx.src;
        let Some(name) = node.child_by_field_name("name") else {
            return;
        };
        if name.kind_name() != "identifier" {
            return;
        }
        let el = node_text(name, src);
        // without a text `<input>` replacement (`elements = { input = "" }`), a checkbox,
        // radio, range or date input is still answered by its own component (below)
        let Some(mut component) = self
            .ds
            .element_for(el, cx.file)
            .or((el == "input").then_some(""))
        else {
            return;
        };
        if el == "input" {
            // a file picker or hidden field is not a text input; typed inputs prefer their own
            // component when the design system has one
            match attr_value(node, src, "type") {
                Some("hidden" | "file") => return,
                Some(t) => {
                    let mut typed = crate::rules::design_system::config::INPUT_TYPES
                        .iter()
                        .filter(|(ty, _)| *ty == t)
                        .flat_map(|(_, cs)| cs.iter())
                        .peekable();
                    // a checkbox, radio, range, date or colour input is not replaced by a
                    // text `Input`: without its own component the design system has no answer
                    let is_typed = typed.peek().is_some();
                    match typed.find(|c| self.ds.offers(c, cx.file)) {
                        Some(c) => component = c,
                        None if is_typed => return,
                        None => {}
                    }
                }
                None => {}
            }
            if component.is_empty() {
                return;
            }
            if attr_value(node, src, "hidden").is_some() {
                return;
            }
        }
        // an icon-only button is answered by the design system's IconButton when it has one
        if el == "button" && self.ds.offers("IconButton", cx.file) && icon_only(node, src) {
            component = "IconButton";
        }
        if self.look_alike && !self.re_creates_the_look(node, src, el, component, cx.root) {
            return;
        }
        let ancestors = ancestors_of(node, cx);
        if self.inside_svg_or_wrapper(&ancestors, src, component) {
            return;
        }
        let mut h = self.element_hit(name, el, component, cx.file);
        if self.repeated_once {
            // the same hand-made element (tag, replacement and class list) in many files is
            // one pattern of the team: one finding
            if let Some(classes) = look::class_list(node, src) {
                let mut cs: Vec<&str> = classes;
                cs.sort_unstable();
                cs.dedup();
                h = h.fact(crate::rules::fact::Fact::Repeat {
                    key: repeats::element_key(el, component, &cs.join(" ")),
                });
            }
        }
        out.push(h.fix(Some(
            self.element_fix(node, &ancestors, src, component, cx.file),
        )));
    }

    /// `raw = "look-alike"`: whether the element's own classes give it the look of the
    /// component that replaces it (elements of behaviour, `<dialog>`, `<table>`, `<progress>`,
    /// always do).
    fn re_creates_the_look(
        &self,
        node: Node<'_>,
        src: &str,
        el: &str,
        component: &str,
        root: Option<Node<'_>>,
    ) -> bool {
        use look::Shape;
        let shape = match el {
            // a small glyph (a chip's close ×) is not an IconButton: only a button's own
            // chrome would make it one
            "button" | "a"
                if component == "IconButton"
                    && icon_px(node, src).is_some_and(|px| px <= GLYPH_PX) =>
            {
                Shape::Button
            }
            "button" | "a" if component == "IconButton" => Shape::IconButton,
            "button" | "a" => Shape::Button,
            "input" | "select" | "textarea" => Shape::Field,
            "hr" => Shape::Divider,
            _ => return true,
        };
        let classes = look::class_list(node, src);
        // a lone glyph (a chip's `×`) is not the text of a link: only chrome makes it a Button
        let text_only = look::text_only(node) && !look::glyph_only(node, src);
        if !look::looks_like(shape, classes.as_deref(), text_only) {
            return false;
        }
        // lower or taller than every size the component is rendered at (a chip, a field's
        // adornment; a tile, a floating action button): not a use the component is made for
        if matches!(shape, Shape::Button | Shape::IconButton) {
            // without the component's heights, none is made lower than a chip
            // ([`CHIP_HEIGHT`]: keep's `p-0.5 text-xs` trigger badge, 22px)
            let chip = (shape == Shape::Button).then_some(CHIP_HEIGHT);
            let bounds = self
                .ds
                .heights
                .get(component)
                .copied()
                .unwrap_or((chip, None));
            if let (Some((min, max)), Some(h)) =
                (Some(bounds), classes.as_deref().and_then(look::height_px))
            {
                if min.is_some_and(|m| h < m) || max.is_some_and(|m| h > m) {
                    return false;
                }
            }
        }
        match shape {
            // a text link is answered by a link variant only (a Button of filled and outlined
            // variants restyles it into a button)
            // and one styled exactly like the file's own links (`<Link className=…>` with the
            // same classes, margins aside) keeps the look of those links, not a button's
            Shape::Button if look::link_style(classes.as_deref(), text_only) => {
                self.ds.offers_variant(component, LINK_VARIANTS)
                    && !classes
                        .as_deref()
                        .zip(root)
                        .is_some_and(|(cs, r)| look::styled_like_a_link(r, src, cs))
            }
            // a toggle chip or segment is answered by a pressed or selected variant only
            Shape::Button | Shape::IconButton if look::toggle_state(node, src) => {
                self.ds.offers_variant(component, TOGGLE_VARIANTS)
            }
            _ => true,
        }
    }

    fn element_hit(&self, span: Node<'_>, el: &str, component: &str, file: &str) -> Hit {
        hit(
            span,
            format!("<{el}>"),
            format!("raw `<{el}>` where the design system has `<{component}>`"),
            Some(format!("Use `{}`.", self.ds.import_line(component, file))),
        )
    }

    /// The rename of `<el …>` (and its closing tag) to the component, plus its import when the
    /// file does not import it yet.
    fn element_fix(
        &self,
        element: Node<'_>,
        ancestors: &[Node<'_>],
        src: &str,
        component: &str,
        file: &str,
    ) -> Fix {
        let mut edits = Vec::new();
        let mut rename = |n: Node<'_>| {
            if let Some(name) = n.child_by_field_name("name") {
                edits.push(Edit {
                    start_byte: name.start_byte(),
                    end_byte: name.end_byte(),
                    replacement: component.to_string(),
                });
            }
        };
        rename(element);
        if element.kind_name() == "jsx_opening_element" {
            if let Some(close) = ancestors
                .last()
                .and_then(|p| p.child_by_field_name("close_tag"))
            {
                rename(close);
            }
        }
        let root = ancestors.first().copied().unwrap_or(element);
        let mut c = root.walk();
        let imports: Vec<Node<'_>> = root
            .named_children(&mut c)
            .filter(|n| n.kind_name() == "import_statement")
            .collect();
        let imported = imports.iter().any(|i| {
            let t = node_text(*i, src);
            t.split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '$'))
                .any(|w| w == component)
        });
        if !imported {
            let line = self.ds.import_line(component, file);
            match imports.last() {
                Some(last) => edits.push(Edit {
                    start_byte: last.end_byte(),
                    end_byte: last.end_byte(),
                    replacement: format!("\n{line};"),
                }),
                None => edits.push(Edit {
                    start_byte: 0,
                    end_byte: 0,
                    replacement: format!("{line};\n"),
                }),
            }
        }
        edits.sort_by_key(|e| e.start_byte);
        Fix {
            description: format!("Use `<{component}>` from the design system"),
            edits,
        }
    }

    /// Inside an `<svg>` element or a Tailwind Typography `prose` block, inside a component the
    /// config allows to wrap raw elements, or
    /// inside a component named like its replacement (`const Input = forwardRef(…)` rendering
    /// `<input>`): that is a primitive's own implementation, a second component library (a
    /// widget package in another framework), not a use that bypasses the design system.
    fn inside_svg_or_wrapper(&self, ancestors: &[Node<'_>], src: &str, component: &str) -> bool {
        for &n in ancestors.iter().rev() {
            match n.kind_name() {
                "jsx_element" => {
                    if let Some(open) = n.child_by_field_name("open_tag") {
                        if open
                            .child_by_field_name("name")
                            .is_some_and(|nm| node_text(nm, src) == "svg")
                        {
                            return true;
                        }
                        // a Tailwind Typography block (`prose`) styles the raw elements of
                        // its content (a markdown table, links) by its stylesheet
                        if look::class_list(open, src).is_some_and(|cs| cs.contains(&"prose")) {
                            return true;
                        }
                    }
                }
                "function_declaration"
                | "class_declaration"
                | "variable_declarator"
                | "method_definition" => {
                    if let Some(nm) = n.child_by_field_name("name") {
                        let nm = node_text(nm, src);
                        if nm == component || self.ds.allowed_wrappers.contains(nm) {
                            return true;
                        }
                    }
                }
                _ => {}
            }
        }
        // a private helper of the file that defines the component (not exported: only the
        // component itself uses it)
        !component.is_empty()
            && !ancestors
                .iter()
                .any(|n| n.kind_name() == "export_statement")
            && defines_component(src, component)
    }

    fn import(&self, node: Node<'_>, src: &str, file: &str, out: &mut Vec<Hit>) {
        let Some(source) = node.child_by_field_name("source") else {
            return;
        };
        if !self.check_type_imports && super::syntax::js_type_only(node) {
            return;
        }
        let Some(spec) = literal_string(source, src) else {
            return;
        };
        if !self.wraps(spec) {
            return;
        }
        // names imported that the design system offers itself: named imports, a default
        // import's local name, and for a namespace import (`* as DropdownMenuPrimitive`) its
        // name without `Primitive(s)` or the package's own (`react-dropdown-menu`)
        let mut offered = Vec::new();
        let offer = |nm: &str, offered: &mut Vec<String>| {
            if self.ds.offers(nm, file) && !offered.iter().any(|o| o == nm) {
                offered.push(nm.to_string());
            }
        };
        // the local names of the offered named and default imports, and whether the file
        // uses each only for its parts (`Menu.Item`)
        let mut locals: Vec<&str> = Vec::new();
        let mut namespace = false;
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match n.kind_name() {
                "import_specifier" | "export_specifier" => {
                    if let Some(nm) = n.child_by_field_name("name") {
                        let name = node_text(nm, src);
                        if self.ds.offers(name, file) {
                            let local = n.child_by_field_name("alias").unwrap_or(nm);
                            locals.push(node_text(local, src));
                        }
                        offer(name, &mut offered);
                    }
                    continue;
                }
                "namespace_import" | "namespace_export" => {
                    namespace = true;
                    let mut c = n.walk();
                    for id in n.named_children(&mut c) {
                        let alias = node_text(id, src);
                        let alias = alias
                            .strip_suffix("Primitives")
                            .or_else(|| alias.strip_suffix("Primitive"))
                            .unwrap_or(alias);
                        offer(alias, &mut offered);
                    }
                    offer(&package_component_name(spec), &mut offered);
                    continue;
                }
                "import_clause" => {
                    let mut c = n.walk();
                    for ch in n.named_children(&mut c) {
                        if ch.kind_name() == "identifier" {
                            let name = node_text(ch, src);
                            if self.ds.offers(name, file) {
                                locals.push(name);
                            }
                            offer(name, &mut offered);
                        } else {
                            stack.push(ch);
                        }
                    }
                    continue;
                }
                _ => {}
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        if self.offered_only && offered.is_empty() {
            return;
        }
        // `Menu.Item` in a file that never renders `<Menu>` itself is a part of a menu
        // rendered elsewhere: it moves with that parent (reported where the parent is), and a
        // design-system wrapper of the parent (often on another library) need not offer it
        if self.offered_only
            && !namespace
            && !locals.is_empty()
            && locals
                .iter()
                .all(|l| used_only_for_parts(src, l, node.byte_range()))
        {
            return;
        }
        offered.sort();
        out.push(self.import_hit(source, spec, &offered, file));
    }

    fn import_hit(&self, source: Node<'_>, spec: &str, offered: &[String], file: &str) -> Hit {
        let help = if offered.is_empty() {
            format!(
                "Import the design system's component from {} instead; if it lacks one, extend the design system rather than importing `{spec}` directly.",
                self.ds.package_label(file)
            )
        } else {
            let lines: Vec<String> = offered
                .iter()
                .map(|c| self.ds.import_line(c, file))
                .collect();
            format!("Use `{}`.", lines.join("`; `"))
        };
        hit(
            source,
            spec.to_string(),
            format!(
                "`{spec}` is wrapped by the design system; import from {} instead",
                self.ds.package_label(file)
            ),
            Some(help),
        )
    }

    fn wraps(&self, spec: &str) -> bool {
        self.ds.wraps.iter().any(|w| {
            w.matches(spec)
                || spec
                    .strip_prefix(w.pattern.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }

    /// The message part and the help for a hardcoded value: the token with that value, or the
    /// nearest one with its distance; and whether a token answers it (a colour: the same or a
    /// close one; a length: a token of that length).
    fn describe(
        &self,
        cat: Category,
        value: &StyleValue,
        raw: &str,
        place: &str,
        far: f64,
    ) -> (String, String, bool) {
        let what = format!("hardcoded {} `{}` in {place}", cat.noun(), raw.trim());
        let Some(tokens) = self.tokens_here() else {
            return (
                what,
                format!(
                    "Use a design token for this {} instead of a literal.",
                    cat.noun()
                ),
                false,
            );
        };
        let file = self.ds.tokens_file.as_deref().unwrap_or("the tokens file");
        let mut parts = Vec::new();
        // a length answers a one-off only when a token spells it (`text-[14px]` = `text-sm`):
        // one between two steps of the scale (a 10px radius between 8 and 12, a 13px title)
        // is a deliberate off-scale choice, with no token to use instead
        let mut length_exact = false;
        match value {
            StyleValue::Colors(cs) => {
                for (text, c) in cs {
                    parts.push(match tokens.color(*c) {
                        Suggestion::Exact(t) => format!("`{text}` is token `{}`", t.name),
                        // ΔE above ~10 is a different colour, not a near-copy
                        Suggestion::Nearest(t, d)
                            if d > far
                                || (tokens::is_scale_step(&t.name) && d > STEP_DELTA_E) =>
                        {
                            format!(
                                "`{text}`: no close colour token in {file} (nearest `{}`, {}, ΔE {:.1})",
                                t.name,
                                t.value.display(),
                                d
                            )
                        }
                        Suggestion::Nearest(t, d) => {
                            format!(
                                "`{text}` ≈ `{}` ({}, ΔE {:.1})",
                                t.name,
                                t.value.display(),
                                d
                            )
                        }
                        Suggestion::None => format!("`{text}`: no colour token in {file}"),
                    });
                }
            }
            StyleValue::Px(vs) => {
                let mut seen = Vec::new();
                for v in vs {
                    if seen.contains(v) || *v == 0.0 {
                        continue;
                    }
                    seen.push(*v);
                    let found = tokens.length(cat, *v);
                    length_exact |= matches!(found, Suggestion::Exact(_));
                    parts.push(match found {
                        Suggestion::Exact(t) => format!("{} is token `{}`", fmt_px(*v), t.name),
                        Suggestion::Nearest(t, d) if d > 4.0_f64.max(0.25 * v.abs()) => format!(
                            "{}: no {} token near it in {file} (nearest `{}`, {})",
                            fmt_px(*v),
                            cat.noun(),
                            t.name,
                            t.value.display()
                        ),
                        Suggestion::Nearest(t, d) => format!(
                            "{} ≈ `{}` ({}, off by {})",
                            fmt_px(*v),
                            t.name,
                            t.value.display(),
                            fmt_px(d)
                        ),
                        Suggestion::None => {
                            format!("{}: no {} token in {file}", fmt_px(*v), cat.noun())
                        }
                    });
                }
            }
            StyleValue::Number(n) => parts.push(match tokens.exact(cat, &Value::Number(*n)) {
                Some(t) => format!("{n} is token `{}`", t.name),
                None => format!("{n}: no {} token in {file}", cat.noun()),
            }),
            StyleValue::Text(s) => parts.push(
                match tokens.exact(cat, &Value::Text(tokens::normalize_text(s))) {
                    Some(t) => format!("it is token `{}`", t.name),
                    None => format!("no matching {} token in {file}", cat.noun()),
                },
            ),
        }
        let unanswered = parts
            .iter()
            .all(|p| p.contains(": no ") || p.starts_with("no "));
        let advice = if unanswered {
            "use an existing token or add one to the design system"
        } else {
            "use the token, not the literal"
        };
        let answered = match value {
            StyleValue::Px(_) => length_exact,
            _ => !unanswered,
        };
        (what, format!("{}; {advice}.", parts.join("; ")), answered)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StyleDialect {
    Style,
    Sx,
    CssInJs,
}

impl StyleDialect {
    fn place(self) -> &'static str {
        match self {
            StyleDialect::Style => "a `style` prop",
            StyleDialect::Sx => "an `sx` prop",
            StyleDialect::CssInJs => "CSS-in-JS",
        }
    }
}

/// Whether the file uses `name` (outside `skip`, its import) at least once and only as the
/// object of a member (`name.Item`, `<name.Option>`), never by itself (`<name>`, `name(…)`).
fn used_only_for_parts(src: &str, name: &str, skip: std::ops::Range<usize>) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut uses = 0;
    for (i, _) in src.match_indices(name) {
        if skip.contains(&i) {
            continue;
        }
        let end = i + name.len();
        if src[..i]
            .chars()
            .next_back()
            .is_some_and(|c| word(c) || c == '.')
            || src[end..].chars().next().is_some_and(word)
        {
            continue;
        }
        let rest = &src[end..];
        let member = rest
            .strip_prefix('.')
            .is_some_and(|r| r.starts_with(|c: char| c.is_alphabetic()));
        if !member {
            return false;
        }
        uses += 1;
    }
    uses > 0
}

/// The value of a JSX attribute of an element (`""` for a bare attribute like `hidden`).
fn attr_value<'s>(el: Node<'_>, src: &'s str, attr: &str) -> Option<&'s str> {
    jsx_attribute(el, src, &[attr])
        .map(|v| v.map_or("", |v| node_text(v, src).trim_matches(['"', '\''])))
}

/// The first JSX attribute of element `el` named one of `names`: `Some(value)`, where the value
/// node is `None` for a bare attribute (`hidden`); `None` when the element has no such attribute.
pub(super) fn jsx_attribute<'t>(
    el: Node<'t>,
    src: &str,
    names: &[&str],
) -> Option<Option<Node<'t>>> {
    let mut c = el.walk();
    for a in el.named_children(&mut c) {
        if a.kind_name() != "jsx_attribute" {
            continue;
        }
        let mut ac = a.walk();
        let mut kids = a.named_children(&mut ac);
        let Some(n) = kids.next() else { continue };
        if names.contains(&node_text(n, src)) {
            return Some(kids.next());
        }
    }
    None
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod cases;
