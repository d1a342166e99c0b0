//! Kind `design-system`: UI code that bypasses the design system.
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain design-system`).

pub(crate) mod color;
pub(crate) mod config;
mod prefilter;
mod styles;
pub(crate) mod tokens;

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

pub(crate) const DOCS: &str = r#"design-system — UI code that bypasses the design system

What
  Uses the `[design_system]` table of archdrift.toml (packages, source, components listed or
  discovered from the package's index exports, wrapped libraries, allowed wrappers, tokens file)
  and reports, in TSX/JSX and JS/TS:
    elements  raw intrinsic elements that have a design-system replacement (`<button>` →
              `<Button>`, `<a>` → `<Link>`, `<input>`, `<select>`, …), also as
              `React.createElement("button")`; `help` gives the import to use
    imports   imports of a library the design system wraps (`@mui/material`, `@radix-ui/*`)
              outside the design system's own source; type-only imports are fine
    styles    hardcoded colours (hex, rgb/rgba, hsl, oklch), spacing, radii, font sizes and
              weights, z-indices and shadows in `style`/`sx`/`css` props, styled-components and
              emotion templates and object styles, and Tailwind arbitrary values in class names
              (`bg-[#1a2b3c]`, `p-[13px]`)
  `checks = ["elements", "imports", "styles"]` selects (default: all three). With a tokens file,
  `help` names the token with the same value (`#FFF` = `#ffffff` = `rgb(255,255,255)`), or else
  the nearest token of the category with its distance: ΔE (CIEDE2000) for colours, px for the
  spacing, radius and font-size scales. `{what}` in `message` is replaced by what was found.
  Silent: the design system's own source, raw elements inside a component listed in
  `allowed_wrappers`, SVG internals, `<input type="hidden">`, values that reference tokens or
  variables (`var(--x)`, `theme.colors.x`, any non-literal), `0`/`auto`/`inherit`/percentages,
  unitless numbers in MUI `sx` (theme units), and test/story files with `tests = "exclude"`.

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
"#;

pub(crate) const KIND: KindInfo = KindInfo {
    name: "design-system",
    summary: "raw elements, wrapped-library imports and hardcoded style values that bypass the design system",
    docs: DOCS,
    fields: &["checks"],
    compile,
};

const CHECKS: &[&str] = &["elements", "imports", "styles"];

/// A nearest colour further away than this (ΔE00) is not suggested as "the same, almost".
const FAR_DELTA_E: f64 = 10.0;

struct DesignSystemRule {
    ds: Arc<DesignSystem>,
    elements: bool,
    imports: bool,
    styles: bool,
    kinds_tsx: Vec<&'static str>,
    kinds_ts: Vec<&'static str>,
    prefilter: Vec<Literal>,
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
    let mut kinds_tsx = Vec::new();
    let mut kinds_ts = Vec::new();
    let mut prefilter = Vec::new();
    if elements {
        kinds_tsx.extend(["jsx_opening_element", "jsx_self_closing_element"]);
        kinds_tsx.push("call_expression");
        kinds_ts.push("call_expression");
        for el in ds.elements.keys() {
            prefilter.push(Literal::token(&format!("<{el}")));
            prefilter.push(Literal::substring(&format!("\"{el}\"")));
            prefilter.push(Literal::substring(&format!("'{el}'")));
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
        kinds_tsx.extend(["jsx_attribute", "call_expression"]);
        kinds_ts.push("call_expression");
        for l in ["style", "sx", "css", "styled", "-[", "className", "class"] {
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
    Ok(Box::new(DesignSystemRule {
        ds: ds.clone(),
        elements,
        imports,
        styles,
        kinds_tsx,
        kinds_ts,
        prefilter,
    }))
}

impl RuleKind for DesignSystemRule {
    fn languages(&self) -> LangSet {
        LangSet::JS_FAMILY
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        if self.prefilter.is_empty() {
            None
        } else {
            Some(&self.prefilter)
        }
    }

    fn text_prefilter(&self, text: &str, _lang: Lang) -> bool {
        self.may_match_text(text)
    }

    fn applies_to(&self, rel: &str) -> bool {
        !self.ds.is_source(rel)
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
        match node.kind() {
            "jsx_opening_element" | "jsx_self_closing_element" => self.element(node, cx, out),
            "import_statement" | "export_statement" if self.imports => self.import(node, src, out),
            "jsx_attribute" if self.styles => self.attribute(node, src, out),
            "call_expression" => self.call(node, cx, out),
            _ => {}
        }
    }
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
    match node.kind() {
        "string" => {
            let t = node_text(node, src);
            t.get(1..t.len().saturating_sub(1))
        }
        "template_string" => {
            let mut c = node.walk();
            if node
                .named_children(&mut c)
                .any(|n| n.kind() == "template_substitution")
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
        if name.kind() != "identifier" {
            return;
        }
        let el = node_text(name, src);
        let Some(mut component) = self.ds.elements.get(el).map(String::as_str) else {
            return;
        };
        if el == "input" {
            // a file picker or hidden field is not a text input; typed inputs prefer their own
            // component when the design system has one
            match attr_value(node, src, "type") {
                Some("hidden" | "file") => return,
                Some(t) => {
                    if let Some(c) = crate::rules::design_system::config::INPUT_TYPES
                        .iter()
                        .filter(|(ty, _)| *ty == t)
                        .flat_map(|(_, cs)| cs.iter())
                        .find(|c| self.ds.components.contains_key(**c))
                    {
                        component = c;
                    }
                }
                None => {}
            }
            if attr_value(node, src, "hidden").is_some() {
                return;
            }
        }
        let ancestors = ancestors_of(node, cx);
        if self.inside_svg_or_wrapper(&ancestors, src) {
            return;
        }
        let h = self.element_hit(name, el, component);
        out.push(h.fix(Some(self.element_fix(node, &ancestors, src, component))));
    }

    fn element_hit(&self, span: Node<'_>, el: &str, component: &str) -> Hit {
        hit(
            span,
            format!("<{el}>"),
            format!("raw `<{el}>` where the design system has `<{component}>`"),
            Some(format!("Use `{}`.", self.ds.import_line(component))),
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
        if element.kind() == "jsx_opening_element" {
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
            .filter(|n| n.kind() == "import_statement")
            .collect();
        let imported = imports.iter().any(|i| {
            let t = node_text(*i, src);
            t.split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '$'))
                .any(|w| w == component)
        });
        if !imported {
            let line = self.ds.import_line(component);
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

    /// Inside an `<svg>` element, or inside a component the config allows to wrap raw elements.
    fn inside_svg_or_wrapper(&self, ancestors: &[Node<'_>], src: &str) -> bool {
        for &n in ancestors.iter().rev() {
            match n.kind() {
                "jsx_element" => {
                    if let Some(open) = n.child_by_field_name("open_tag") {
                        if open
                            .child_by_field_name("name")
                            .is_some_and(|nm| node_text(nm, src) == "svg")
                        {
                            return true;
                        }
                    }
                }
                "function_declaration"
                | "class_declaration"
                | "variable_declarator"
                | "method_definition"
                    if !self.ds.allowed_wrappers.is_empty() =>
                {
                    if let Some(nm) = n.child_by_field_name("name") {
                        if self.ds.allowed_wrappers.contains(node_text(nm, src)) {
                            return true;
                        }
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn import(&self, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let Some(source) = node.child_by_field_name("source") else {
            return;
        };
        let text = node_text(node, src);
        if text.starts_with("import type") || text.starts_with("export type") {
            return;
        }
        let Some(spec) = literal_string(source, src) else {
            return;
        };
        if !self.wraps(spec) {
            return;
        }
        // named imports that the design system offers itself
        let mut offered = Vec::new();
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if n.kind() == "import_specifier" || n.kind() == "export_specifier" {
                if let Some(nm) = n.child_by_field_name("name") {
                    let nm = node_text(nm, src);
                    if self.ds.components.contains_key(nm) {
                        offered.push(nm.to_string());
                    }
                }
                continue;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
        offered.sort();
        out.push(self.import_hit(source, spec, &offered));
    }

    fn import_hit(&self, source: Node<'_>, spec: &str, offered: &[String]) -> Hit {
        let help = if offered.is_empty() {
            format!(
                "Import the design system's component from {} instead; if it lacks one, extend the design system rather than importing `{spec}` directly.",
                self.ds.package_label()
            )
        } else {
            let lines: Vec<String> = offered.iter().map(|c| self.ds.import_line(c)).collect();
            format!("Use `{}`.", lines.join("`; `"))
        };
        hit(
            source,
            spec.to_string(),
            format!(
                "`{spec}` is wrapped by the design system; import from {} instead",
                self.ds.package_label()
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

    fn call(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let Some(func) = node.child_by_field_name("function") else {
            return;
        };
        let Some(args) = node.child_by_field_name("arguments") else {
            return;
        };
        let callee = node_text(func, src);
        // React.createElement("button", …)
        if self.elements && (callee == "React.createElement" || callee == "createElement") {
            let mut c = args.walk();
            if let Some(first) = args.named_children(&mut c).next() {
                if let Some(el) = literal_string(first, src) {
                    if let Some(component) = self.ds.elements.get(el) {
                        if !self.inside_svg_or_wrapper(&ancestors_of(node, cx), src) {
                            out.push(self.element_hit(first, el, component));
                        }
                    }
                }
            }
            return;
        }
        // require("@mui/material"), import("@mui/material")
        if self.imports && (callee == "require" || func.kind() == "import") {
            let mut c = args.walk();
            if let Some(first) = args.named_children(&mut c).next() {
                if let Some(spec) = literal_string(first, src) {
                    if self.wraps(spec) {
                        out.push(self.import_hit(first, spec, &[]));
                    }
                }
            }
            return;
        }
        if !self.styles {
            return;
        }
        let root = callee.split(['.', '(', '<']).next().unwrap_or("");
        // styled.div`…`, styled(Box)`…`, css`…`, keyframes`…`, createGlobalStyle`…`
        let css_fn = matches!(
            root,
            "styled" | "css" | "keyframes" | "createGlobalStyle" | "injectGlobal"
        );
        if args.kind() == "template_string" {
            if css_fn {
                self.css_template(args, src, out);
            }
            return;
        }
        if css_fn {
            // styled.div({ … }), css({ … })
            let mut c = args.walk();
            for a in args.named_children(&mut c) {
                if a.kind() == "object" {
                    self.style_object(a, src, StyleDialect::CssInJs, out, 0);
                }
            }
            return;
        }
        // class-name helpers: cn("p-[13px]"), clsx(…), twMerge(…)
        if matches!(
            callee,
            "cn" | "clsx" | "classNames" | "classnames" | "twMerge" | "cx" | "twJoin"
        ) {
            self.class_strings(args, src, out);
        }
    }

    fn attribute(&self, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let mut c = node.walk();
        let mut kids = node.named_children(&mut c);
        let Some(name) = kids.next() else { return };
        let name = node_text(name, src);
        let Some(value) = kids.next() else { return };
        match name {
            "style" | "sx" | "css" => {
                let dialect = match name {
                    "sx" => StyleDialect::Sx,
                    "css" => StyleDialect::CssInJs,
                    _ => StyleDialect::Style,
                };
                let inner = if value.kind() == "jsx_expression" {
                    let mut vc = value.walk();
                    let first = value.named_children(&mut vc).next();
                    first
                } else {
                    None
                };
                match inner {
                    Some(o) if o.kind() == "object" => self.style_object(o, src, dialect, out, 0),
                    Some(t) if t.kind() == "call_expression" => {} // css`…` is dispatched on its own
                    _ => {}
                }
            }
            "className" | "class" => self.class_strings(value, src, out),
            _ => {}
        }
    }

    /// Every string piece below `node` (strings, template fragments), checked as class lists.
    fn class_strings(&self, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let mut stack = vec![node];
        let mut seen = 0;
        while let Some(n) = stack.pop() {
            seen += 1;
            if seen > 2000 {
                return;
            }
            if n.kind() == "string_fragment" {
                self.tailwind(n.start_byte(), node_text(n, src), out);
                continue;
            }
            if n.kind() == "string" && n.named_child_count() == 0 {
                continue;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
    }

    /// Tailwind arbitrary values in a class list starting at byte `base`.
    fn tailwind(&self, base: usize, text: &str, out: &mut Vec<Hit>) {
        if !text.contains("-[") {
            return;
        }
        let mut pos = 0;
        for token in text.split(|c: char| c.is_whitespace()) {
            let start = pos;
            pos += token.len() + 1;
            let Some(open) = token.find("-[") else {
                continue;
            };
            if !token.ends_with(']') {
                continue;
            }
            // strip variants (`hover:`, `md:`), important and negative prefixes
            let head = &token[..open];
            let utility = head
                .rsplit(':')
                .next()
                .unwrap_or(head)
                .trim_start_matches(['!', '-']);
            let value = &token[open + 2..token.len() - 1];
            if value.contains("var(") || value.contains("theme(") || value.starts_with("--") {
                continue;
            }
            let value = value.replace('_', " ");
            let Some((cat, finding)) = tailwind_value(utility, &value) else {
                continue;
            };
            let (what, help) = self.describe(cat, &finding, &value, "a Tailwind arbitrary value");
            out.push(
                Hit::new(base + start, base + start + token.len(), token.to_string())
                    .var("what", what)
                    .help(Some(help)),
            );
        }
    }

    /// `{ color: "#fff", padding: 12, "&:hover": { … } }`
    fn style_object(
        &self,
        obj: Node<'_>,
        src: &str,
        dialect: StyleDialect,
        out: &mut Vec<Hit>,
        depth: usize,
    ) {
        if depth > 8 {
            return;
        }
        let mut c = obj.walk();
        for pair in obj.named_children(&mut c) {
            if pair.kind() != "pair" {
                continue;
            }
            let (Some(k), Some(v)) = (
                pair.child_by_field_name("key"),
                pair.child_by_field_name("value"),
            ) else {
                continue;
            };
            let key = node_text(k, src).trim_matches(['"', '\'', '`']);
            match v.kind() {
                "object" => self.style_object(v, src, dialect, out, depth + 1),
                "number" => {
                    let Some(cat) = property_category(key) else {
                        continue;
                    };
                    let n = node_text(v, src);
                    let Ok(num) = n.parse::<f64>() else { continue };
                    let value = match cat {
                        Category::FontWeight | Category::ZIndex => Some(StyleValue::Number(num)),
                        // MUI `sx` numbers are theme units; other dialects add `px`
                        Category::Spacing | Category::Radius | Category::FontSize
                            if dialect != StyleDialect::Sx =>
                        {
                            Some(StyleValue::Px(vec![num]))
                        }
                        _ => None,
                    };
                    if let Some(value) = value.filter(|v| !v.trivial(cat)) {
                        let (what, help) = self.describe(cat, &value, n, dialect.place());
                        out.push(hit(v, format!("{key}: {n}"), what, Some(help)));
                    }
                }
                "string" | "template_string" => {
                    let Some(s) = literal_string(v, src) else {
                        continue;
                    };
                    if let Some((cat, value)) = css_value(key, s) {
                        let (what, help) = self.describe(cat, &value, s, dialect.place());
                        out.push(hit(v, format!("{key}: {s}"), what, Some(help)));
                    }
                }
                _ => {}
            }
        }
    }

    /// The CSS of a tagged template, substitutions left out.
    fn css_template(&self, tpl: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let mut c = tpl.walk();
        for frag in tpl.named_children(&mut c) {
            if frag.kind() != "string_fragment" {
                continue;
            }
            let text = node_text(frag, src);
            let base = frag.start_byte();
            let mut offset = 0;
            for decl in text.split_inclusive([';', '{', '}', '\n']) {
                let here = offset;
                offset += decl.len();
                let Some((prop, value)) = decl.split_once(':') else {
                    continue;
                };
                let prop_t = prop.trim();
                if prop_t.is_empty()
                    || !prop_t
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    continue;
                }
                let value = value.trim_end_matches([';', '{', '}', '\n']).trim();
                if value.is_empty() {
                    continue;
                }
                if let Some((cat, sv)) = css_value(prop_t, value) {
                    let (what, help) = self.describe(cat, &sv, value, "a CSS-in-JS template");
                    let lead = decl.len() - decl.trim_start().len();
                    let start = base + here + lead;
                    let end = base
                        + here
                        + decl
                            .trim_end_matches([';', '{', '}', '\n'])
                            .trim_end()
                            .len();
                    out.push(
                        Hit::new(start, end.max(start + 1), format!("{prop_t}: {value}"))
                            .var("what", what)
                            .help(Some(help)),
                    );
                }
            }
        }
    }

    /// The message part and the help for a hardcoded value: the token with that value, or the
    /// nearest one with its distance.
    fn describe(
        &self,
        cat: Category,
        value: &StyleValue,
        raw: &str,
        place: &str,
    ) -> (String, String) {
        let what = format!("hardcoded {} `{}` in {place}", cat.noun(), raw.trim());
        let Some(tokens) = &self.ds.tokens else {
            return (
                what,
                format!(
                    "Use a design token for this {} instead of a literal.",
                    cat.noun()
                ),
            );
        };
        let file = self.ds.tokens_file.as_deref().unwrap_or("the tokens file");
        let mut parts = Vec::new();
        match value {
            StyleValue::Colors(cs) => {
                for (text, c) in cs {
                    parts.push(match tokens.color(*c) {
                        Suggestion::Exact(t) => format!("`{text}` is token `{}`", t.name),
                        // ΔE above ~10 is a different colour, not a near-copy
                        Suggestion::Nearest(t, d) if d > FAR_DELTA_E => format!(
                            "`{text}`: no close colour token in {file} (nearest `{}`, {}, ΔE {:.1})",
                            t.name,
                            t.value.display(),
                            d
                        ),
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
                    parts.push(match tokens.length(cat, *v) {
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
        (what, {
            let advice = if parts
                .iter()
                .all(|p| p.contains(": no ") || p.starts_with("no "))
            {
                "use an existing token or add one to the design system"
            } else {
                "use the token, not the literal"
            };
            format!("{}; {advice}.", parts.join("; "))
        })
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

/// The value of a JSX attribute of an element (`""` for a bare attribute like `hidden`).
fn attr_value<'s>(el: Node<'_>, src: &'s str, attr: &str) -> Option<&'s str> {
    let mut c = el.walk();
    for a in el.named_children(&mut c) {
        if a.kind() != "jsx_attribute" {
            continue;
        }
        let mut ac = a.walk();
        let mut kids = a.named_children(&mut ac);
        let Some(n) = kids.next() else { continue };
        if node_text(n, src) == attr {
            return Some(
                kids.next()
                    .map_or("", |v| node_text(v, src).trim_matches(['"', '\''])),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod cases;
