//! The syntax side of the `styles` check (and of the styled raw elements of `elements`): which
//! calls, attributes, templates and objects hold CSS, and the literal values an expression can
//! take — the branches of a ternary, `||`/`??` operands, an arrow's `return`s, nested templates
//! and same-file helpers — each checked against the property it is the value of.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use super::css;
use super::styles::{css_value, property_category, tailwind_value, StyleValue};
use super::tokens::Category;
use super::{color, literal_string, node_text, DesignSystemRule, Hit, StyleDialect};
use crate::rules::fact::Fact;
use crate::rules::kind::FileCtx;
use crate::rules::syntax;

/// Colour helper calls (`color_sources = ["helpers"]`), by the last segment of the callee.
pub(super) const COLOR_HELPERS: &[&str] = &[
    "darken",
    "lighten",
    "rgba",
    "transparentize",
    "opacify",
    "saturate",
    "desaturate",
    "mix",
    "tint",
    "shade",
    "alpha",
    "fade",
    "adjustHue",
    "complement",
    "readableColor",
    "tinycolor",
    "chroma",
    "Color",
];

/// Attributes that hold a colour on SVG elements (`color_sources = ["svg"]`).
pub(super) const SVG_COLOR_ATTRS: &[&str] = &[
    "fill",
    "stroke",
    "stopColor",
    "stop-color",
    "floodColor",
    "flood-color",
    "lightingColor",
    "lighting-color",
];

/// framer-motion props whose objects are styles.
pub(super) const MOTION_PROPS: &[&str] = &[
    "animate",
    "initial",
    "exit",
    "whileHover",
    "whileTap",
    "whileFocus",
    "whileInView",
    "whileDrag",
    "variants",
];

/// Class-name helpers whose string arguments are class lists.
pub(super) const CLASS_HELPERS: &[&str] = &[
    "cn",
    "clsx",
    "classNames",
    "classnames",
    "twMerge",
    "cx",
    "twJoin",
    "cva",
    "tv",
];

/// The roots of the tags whose template (or object argument) is CSS.
pub(super) const CSS_TAGS: &[&str] = &[
    "styled",
    "css",
    "keyframes",
    "createGlobalStyle",
    "injectGlobal",
];

/// Tags whose template (or object argument) is CSS.
fn css_tag(tag: &str) -> bool {
    let root = tag.split(['.', '(', '<']).next().unwrap_or("");
    CSS_TAGS.contains(&root)
}

/// `className`, `class`, `activeClassName`, `wrapperClass`, `classNames`: class lists.
fn class_attr(name: &str) -> bool {
    name == "class"
        || name.ends_with("className")
        || name.ends_with("ClassName")
        || name.ends_with("Class")
        || name.ends_with("classNames")
        || name.ends_with("ClassNames")
}

/// Whether every word of `text` could be a Tailwind class (no prose, no sentences).
fn class_like(text: &str) -> bool {
    let mut any = false;
    for t in text.split_whitespace() {
        any = true;
        let first = t.chars().next().unwrap_or(' ');
        if !(first.is_ascii_lowercase() || matches!(first, '-' | '!' | '[' | '*' | '@'))
            || t.ends_with([',', '.', ';', ':', '?'])
        {
            return false;
        }
    }
    any
}

/// One class of a class list, if it is an arbitrary value the design tokens govern: its
/// category, value and the value text (underscores as spaces).
/// Whether a hardcoded colour is a gradient's: a Tailwind stop (`from-[#…]`, `via-`, `to-`,
/// behind any variant) or a CSS `linear-gradient(…)`/`radial-gradient(…)`/`conic-gradient(…)`.
fn gradient(matched: &str, raw: &str) -> bool {
    let class = matched
        .rsplit(':')
        .next()
        .unwrap_or(matched)
        .trim_start_matches('!');
    ["from-[", "via-[", "to-["]
        .iter()
        .any(|p| class.starts_with(p))
        || raw.contains("gradient(")
}

/// Whether a value is a shadow: a Tailwind `shadow-[…]`/`drop-shadow-[…]` class, an arbitrary
/// `[box-shadow:…]`, or a `drop-shadow(…)` filter.
fn shadow(matched: &str, raw: &str) -> bool {
    let class = matched
        .rsplit(':')
        .next()
        .unwrap_or(matched)
        .trim_start_matches('!');
    ["shadow-[", "drop-shadow-[", "[box-shadow:", "[text-shadow:"]
        .iter()
        .any(|p| class.starts_with(p))
        || matched.starts_with("[box-shadow:")
        || matched.starts_with("[text-shadow:")
        || raw.contains("drop-shadow(")
}

fn tailwind_token(token: &str) -> Option<(Category, StyleValue, String)> {
    // variants (`hover:`, `md:`, `data-[state=open]:`) end in a `:` outside brackets
    let mut depth = 0i32;
    let mut core_start = 0;
    for (i, c) in token.char_indices() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            ':' if depth == 0 => core_start = i + 1,
            _ => {}
        }
    }
    let mut core = token[core_start..].trim_start_matches('!');
    // an opacity modifier: `from-[#ddd]/50`, `bg-[#fff]/[.3]`
    if let Some(close) = core.rfind(']') {
        let rest = &core[close + 1..];
        if !rest.is_empty() {
            let m = rest.strip_prefix('/')?;
            if m.is_empty() || !m.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
                return None;
            }
            core = &core[..=close];
        }
    }
    if !core.ends_with(']') {
        return None;
    }
    let non_literal = |v: &str| v.contains("var(") || v.contains("theme(") || v.starts_with("--");
    if let Some(inner) = core.strip_prefix('[') {
        // an arbitrary property: `[background-image:…]`
        let (prop, value) = inner[..inner.len() - 1].split_once(':')?;
        if non_literal(value) || prop.starts_with("--") {
            return None;
        }
        let value = value.replace('_', " ");
        let (cat, sv) = css_value(prop, &value)?;
        return Some((cat, sv, value));
    }
    let open = core.find("-[")?;
    let utility = core[..open].trim_start_matches('-');
    let value = &core[open + 2..core.len() - 1];
    if non_literal(value) {
        return None;
    }
    let value = value.replace('_', " ");
    let (cat, sv) = tailwind_value(utility, &value)?;
    Some((cat, sv, value))
}

thread_local! {
    /// Steps left for following values from the node being checked (names, helpers, arrays):
    /// a file of names that refer to each other many times over stays linear.
    static BUDGET: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

thread_local! {
    /// The file being checked and whether it can use the design system's tokens file
    /// (`used_in`): asked once per file, not per node. Keyed by the path's text, not its
    /// address: the next file's path can be allocated where the last one's was.
    static TOKENS_HERE: std::cell::RefCell<(String, bool)> =
        const { std::cell::RefCell::new((String::new(), true)) };
}

/// Records the file a dispatched node belongs to (once per file: the answer is kept).
pub(super) fn enter_file(file: &str, ds: &super::config::DesignSystem) {
    if !ds.tokens_scoped() {
        return;
    }
    TOKENS_HERE.with(|c| {
        let mut c = c.borrow_mut();
        if c.0 != file {
            c.0.clear();
            c.0.push_str(file);
            c.1 = ds.tokens_usable(file);
        }
    });
}

/// Starts the budget of one dispatched node.
pub(super) fn reset_budget() {
    BUDGET.with(|b| b.set(4000));
}

/// Takes one step of the budget; false when it is spent.
fn spend() -> bool {
    BUDGET.with(|b| {
        let v = b.get();
        b.set(v.saturating_sub(1));
        v > 0
    })
}

/// How deep substitutions, nested templates and helpers are followed.
const MAX_DEPTH: usize = 8;

impl DesignSystemRule {
    /// The tokens, when the file being checked can use them.
    pub(super) fn tokens_here(&self) -> Option<&super::tokens::Tokens> {
        if !self.ds.tokens_scoped() || TOKENS_HERE.with(|c| c.borrow().1) {
            self.ds.tokens.as_ref()
        } else {
            None
        }
    }

    fn wants(&self, cat: Category) -> bool {
        self.categories & (1 << cat as u8) != 0
    }

    /// One hardcoded value, if the rule reports its category; a shadow whose colour is a
    /// literal counts as a colour for a rule limited to colours.
    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        span: (usize, usize),
        matched: String,
        cat: Category,
        value: StyleValue,
        raw: &str,
        place: &str,
        out: &mut Vec<Hit>,
    ) {
        let in_shadow = cat == Category::Shadow || shadow(&matched, raw);
        let (cat, value) = if self.wants(cat) {
            (cat, value)
        } else if cat == Category::Shadow && self.wants(Category::Color) {
            let colors = color::spelled(raw);
            if colors.is_empty() {
                return;
            }
            (Category::Color, StyleValue::Colors(colors))
        } else {
            return;
        };
        // a shadow's colour is picked for its depth (a 5 % black, a white highlight): a token of
        // another colour ΔE 3 off does not replace it, only one of (almost) that colour does
        let far = if in_shadow {
            super::SHADOW_DELTA_E
        } else {
            super::FAR_DELTA_E
        };
        let (what, help, mut answered) = self.describe(cat, &value, raw, place, far);
        // a gradient's stops are picked for the blend of that one surface: a near token does not
        // replace one (it changes the gradient), only a token of that colour does
        if answered && cat == Category::Color && gradient(&matched, raw) {
            answered = match (&value, self.tokens_here()) {
                (StyleValue::Colors(cs), Some(t)) => cs
                    .iter()
                    .any(|(_, c)| matches!(t.color(*c), super::tokens::Suggestion::Exact(_))),
                _ => false,
            };
        }
        let mut hit = Hit::new(span.0, span.1.max(span.0 + 1), matched)
            .var("what", what)
            .help(Some(help));
        if self.repeated_once {
            let key = super::repeats::key(cat, &value, self.skip_one_offs && !answered);
            // a shadow's colour repeats with other shadows' (the same depth), not with a
            // gradient's or a text's use of that colour
            let key = if in_shadow && cat == Category::Color {
                super::repeats::in_shadow(&key)
            } else {
                key
            };
            hit = hit.fact(Fact::Repeat { key });
        }
        out.push(hit);
    }

    pub(super) fn call(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let Some(mut func) = node.child_by_field_name("function") else {
            return;
        };
        // styled.div<{ a: B }>`…` parses as a call of a non-null instantiation
        while matches!(
            func.kind_name(),
            "non_null_expression" | "instantiation_expression"
        ) {
            match func.named_child(0) {
                Some(f) => func = f,
                None => return,
            }
        }
        let Some(args) = node.child_by_field_name("arguments") else {
            return;
        };
        let callee = node_text(func, src);
        // React.createElement("button", …)
        if self.elements && (callee == "React.createElement" || callee == "createElement") {
            let mut c = args.walk();
            if let Some(first) = args.named_children(&mut c).next() {
                if let Some(el) = literal_string(first, src) {
                    if let Some(component) = self.ds.element_for(el, cx.file) {
                        if !self.inside_svg_or_wrapper(
                            &super::ancestors_of(node, cx),
                            src,
                            component,
                        ) {
                            out.push(self.element_hit(first, el, component, cx.file));
                        }
                    }
                }
            }
            return;
        }
        // require("@mui/material"), import("@mui/material")
        if self.imports && (callee == "require" || func.kind_name() == "import") {
            let mut c = args.walk();
            if let Some(first) = args.named_children(&mut c).next() {
                if let Some(spec) = literal_string(first, src) {
                    if self.wraps(spec) {
                        out.push(self.import_hit(first, spec, &[], cx.file));
                    }
                }
            }
            return;
        }
        if self.elements {
            self.styled_element(node, func, args, cx, out);
        }
        if self.colors.helpers {
            self.color_helper(func, args, src, out);
        }
        if !self.styles {
            return;
        }
        let css_fn = css_tag(callee);
        if args.kind_name() == "template_string" {
            if css_fn {
                self.css_template(args, cx, out, 0);
            }
            return;
        }
        if css_fn {
            // styled.div({ … }), css({ … })
            let mut c = args.walk();
            for a in args.named_children(&mut c) {
                if a.kind_name() == "object" {
                    self.style_object(a, cx, StyleDialect::CssInJs, out, 0);
                }
            }
            return;
        }
        // class-name helpers: cn("p-[13px]"), clsx(…), twMerge(…), cva(…), tv(…)
        if CLASS_HELPERS.contains(&callee) {
            self.class_strings(args, src, out);
        }
    }

    /// `styled.button`…``, `styled.a.attrs(…)`, `styled("button")`: a raw element styled.
    fn styled_element(
        &self,
        call: Node<'_>,
        func: Node<'_>,
        args: Node<'_>,
        cx: &FileCtx<'_>,
        out: &mut Vec<Hit>,
    ) {
        let src = cx.src;
        let el = match func.kind_name() {
            "identifier" if node_text(func, src) == "styled" => {
                let mut c = args.walk();
                let first = args.named_children(&mut c).next();
                first.filter(|a| matches!(a.kind_name(), "string" | "template_string"))
            }
            "member_expression" => styled_member(func, src),
            _ => None,
        };
        let Some(el_node) = el else { return };
        let name = literal_string(el_node, src).unwrap_or_else(|| node_text(el_node, src));
        let Some(component) = self.ds.element_for(name, cx.file) else {
            return;
        };
        if !self.inside_svg_or_wrapper(&super::ancestors_of(call, cx), src, "") {
            out.push(self.element_hit(el_node, name, component, cx.file));
        }
    }

    /// A template that tree-sitter read as the right side of a comparison:
    /// `` styled.button<Props>`…` `` (dispatched on the comparison).
    pub(super) fn generic_template(&self, bin: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let Some((tag, tpl)) = syntax::generic_template(bin, src) else {
            return;
        };
        if self.elements && tag.kind_name() == "member_expression" {
            if let Some(el_node) = styled_member(tag, src) {
                let name = node_text(el_node, src);
                if let Some(component) = self.ds.element_for(name, cx.file) {
                    if !self.inside_svg_or_wrapper(&super::ancestors_of(tpl, cx), src, "") {
                        out.push(self.element_hit(el_node, name, component, cx.file));
                    }
                }
            }
        }
        if self.styles && css_tag(node_text(tag, src)) {
            self.css_template(tpl, cx, out, 0);
        }
    }

    pub(super) fn attribute(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let mut c = node.walk();
        let mut kids = node.named_children(&mut c);
        let Some(name) = kids.next() else { return };
        let name = node_text(name, src);
        let Some(value) = kids.next() else { return };
        if self.styles {
            let dialect = match name {
                "sx" => Some(StyleDialect::Sx),
                "css" => Some(StyleDialect::CssInJs),
                "style" => Some(StyleDialect::Style),
                n if MOTION_PROPS.contains(&n) => Some(StyleDialect::Style),
                _ => None,
            };
            if let Some(dialect) = dialect {
                if value.kind_name() == "jsx_expression" {
                    if let Some(inner) = value.named_child(0) {
                        let mut lits = Vec::new();
                        value_literals(inner, &mut lits, 0);
                        for l in lits {
                            // css`…` in a `css` prop is dispatched as a call of its own
                            if l.kind_name() == "object" {
                                self.style_object(l, cx, dialect, out, 0);
                            }
                        }
                    }
                }
                return;
            }
            if class_attr(name) {
                self.class_strings(value, src, out);
                return;
            }
        }
        let colour_name =
            name == "color" || name.ends_with("Color") || SVG_COLOR_ATTRS.contains(&name);
        if !(colour_name && (self.colors.svg || self.colors.props)) {
            return;
        }
        // an intrinsic element (`<path>`, `<stop>`) or a component (`<StarIcon>`, `<motion.svg>`)
        let component = node
            .parent()
            .and_then(|el| el.child_by_field_name("name"))
            .is_some_and(|n| {
                let t = node_text(n, src);
                t.contains('.') || t.starts_with(|c: char| c.is_ascii_uppercase())
            });
        let svg = self.colors.svg && !component && SVG_COLOR_ATTRS.contains(&name);
        let prop = self.colors.props
            && (name == "color"
                || (component && (name.ends_with("Color") || SVG_COLOR_ATTRS.contains(&name))));
        if svg || prop {
            let place = if svg {
                "an SVG attribute"
            } else {
                "a colour prop"
            };
            let expr = if value.kind_name() == "jsx_expression" {
                value.named_child(0)
            } else {
                Some(value)
            };
            if let Some(e) = expr {
                self.color_literals(name, e, place, src, out);
            }
        }
    }

    /// `{ fill: "#f00" }` in any object (`color_sources = ["objects"]`).
    pub(super) fn color_pair(&self, pair: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let (Some(k), Some(v)) = (
            pair.child_by_field_name("key"),
            pair.child_by_field_name("value"),
        ) else {
            return;
        };
        let key = node_text(k, src).trim_matches(['"', '\'', '`']);
        let lower = key.to_ascii_lowercase();
        if matches!(lower.as_str(), "fill" | "stroke" | "background") || lower.ends_with("color") {
            self.color_literals(key, v, "an object", src, out);
        }
    }

    /// The colour literals the expression `e` can take, as the value of `name`.
    fn color_literals(&self, name: &str, e: Node<'_>, place: &str, src: &str, out: &mut Vec<Hit>) {
        let mut lits = Vec::new();
        value_literals(e, &mut lits, 0);
        for l in lits {
            let Some(text) = literal_string(l, src) else {
                continue;
            };
            if text.contains("url(") || dynamic_fallback(l, src) {
                continue;
            }
            let colors = color::spelled(text);
            if !colors.is_empty() {
                self.emit(
                    (l.start_byte(), l.end_byte()),
                    format!("{name}: {text}"),
                    Category::Color,
                    StyleValue::Colors(colors),
                    text,
                    place,
                    out,
                );
            }
        }
    }

    /// `darken(0.1, "#fff")`, `rgba("#000", .5)` (`color_sources = ["helpers"]`).
    fn color_helper(&self, func: Node<'_>, args: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let callee = node_text(func, src);
        let last = callee.rsplit('.').next().unwrap_or(callee);
        if !COLOR_HELPERS.contains(&last) || args.kind_name() != "arguments" {
            return;
        }
        let mut c = args.walk();
        for a in args.named_children(&mut c) {
            let Some(text) = literal_string(a, src) else {
                continue;
            };
            let colors = color::spelled(text);
            if !colors.is_empty() {
                self.emit(
                    (a.start_byte(), a.end_byte()),
                    format!("{last}({text})"),
                    Category::Color,
                    StyleValue::Colors(colors),
                    text,
                    "a colour helper call",
                    out,
                );
            }
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
            if n.kind_name() == "string_fragment" {
                self.tailwind(n.start_byte(), node_text(n, src), out);
                continue;
            }
            if n.kind_name() == "string" && n.named_child_count() == 0 {
                continue;
            }
            let mut c = n.walk();
            stack.extend(n.named_children(&mut c));
        }
    }

    /// Tailwind arbitrary values in a class list starting at byte `base`: `bg-[#1a2b3c]`,
    /// `from-[#ddd]/50` (an opacity modifier), `md:hover:p-[13px]`, and arbitrary properties
    /// (`[background-image:radial-gradient(#72fe7d,…)]`).
    fn tailwind(&self, base: usize, text: &str, out: &mut Vec<Hit>) {
        if !text.contains('[') {
            return;
        }
        let mut pos = 0;
        for token in text.split(|c: char| c.is_whitespace()) {
            let start = pos;
            pos += token.len() + 1;
            if !token.contains('[') {
                continue;
            }
            let Some((cat, finding, value)) = tailwind_token(token) else {
                continue;
            };
            self.emit(
                (base + start, base + start + token.len()),
                token.to_string(),
                cat,
                finding,
                &value,
                "a Tailwind arbitrary value",
                out,
            );
        }
    }

    /// A string anywhere that reads as a class list (`bar: "bg-[#F0F7FF]"`, `const HIGHLIGHT =
    /// "bg-[#D1EFED]/60"`): Tailwind arbitrary values are checked wherever the list is kept.
    pub(super) fn class_like_string(&self, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let mut c = node.walk();
        for frag in node.named_children(&mut c) {
            if frag.kind_name() != "string_fragment" {
                continue;
            }
            let text = node_text(frag, src);
            let arbitrary = text.contains("-[")
                || text.contains(":[")
                || text.starts_with('[')
                || text.contains(" [");
            if arbitrary && class_like(text) {
                self.tailwind(frag.start_byte(), text, out);
            }
        }
    }

    /// `{ color: "#fff", padding: 12, "&:hover": { … } }`
    fn style_object(
        &self,
        obj: Node<'_>,
        cx: &FileCtx<'_>,
        dialect: StyleDialect,
        out: &mut Vec<Hit>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH || !spend() {
            return;
        }
        let src = cx.src;
        let mut c = obj.walk();
        for pair in obj.named_children(&mut c) {
            if pair.kind_name() == "shorthand_property_identifier" {
                // `{ backgroundColor }`: the variable of that name
                let key = node_text(pair, src);
                if let Some(v) = local_helper(pair, cx, self.skip_one_offs) {
                    self.value_exprs(v, key, Some(dialect), cx, out, depth + 1);
                }
                continue;
            }
            if pair.kind_name() != "pair" {
                continue;
            }
            let (Some(k), Some(v)) = (
                pair.child_by_field_name("key"),
                pair.child_by_field_name("value"),
            ) else {
                continue;
            };
            let key = node_text(k, src).trim_matches(['"', '\'', '`']);
            self.value_exprs(v, key, Some(dialect), cx, out, depth + 1);
        }
    }

    /// A number as the value of `key` in a style object.
    fn style_number(
        &self,
        v: Node<'_>,
        key: &str,
        dialect: StyleDialect,
        src: &str,
        out: &mut Vec<Hit>,
    ) {
        let Some(cat) = property_category(key) else {
            return;
        };
        let n = node_text(v, src);
        let Ok(num) = n.parse::<f64>() else { return };
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
            self.emit(
                (v.start_byte(), v.end_byte()),
                format!("{key}: {n}"),
                cat,
                value,
                n,
                dialect.place(),
                out,
            );
        }
    }

    /// The literals the expression `e` can take, each checked as a value of `prop` (a CSS
    /// property, or a key of a style object when `dialect` is given).
    fn value_exprs(
        &self,
        e: Node<'_>,
        prop: &str,
        dialect: Option<StyleDialect>,
        cx: &FileCtx<'_>,
        out: &mut Vec<Hit>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH || !spend() {
            return;
        }
        let src = cx.src;
        let place = dialect.map_or("a CSS-in-JS template", StyleDialect::place);
        let mut lits = Vec::new();
        value_literals(e, &mut lits, 0);
        for l in lits {
            match l.kind_name() {
                "object" => {
                    if let Some(d) = dialect {
                        self.style_object(l, cx, d, out, depth + 1);
                    }
                }
                "number" => {
                    if let Some(d) = dialect {
                        self.style_number(l, prop, d, src, out);
                    }
                }
                "string" => {
                    let Some(text) = literal_string(l, src) else {
                        continue;
                    };
                    if let Some((cat, sv)) = css_value(prop, text) {
                        if cat == Category::Color && dynamic_fallback(l, src) {
                            continue;
                        }
                        self.emit(
                            (l.start_byte(), l.end_byte()),
                            format!("{prop}: {text}"),
                            cat,
                            sv,
                            text,
                            place,
                            out,
                        );
                    }
                }
                "template_string" => self.template_value(l, prop, place, cx, out, depth + 1),
                "array" => {
                    let mut c = l.walk();
                    for el in l.named_children(&mut c) {
                        self.value_exprs(el, prop, dialect, cx, out, depth + 1);
                    }
                }
                _ => {
                    if let Some(body) = local_helper(l, cx, self.skip_one_offs) {
                        self.value_exprs(body, prop, dialect, cx, out, depth + 1);
                    }
                }
            }
        }
    }

    /// An untagged template as a value of `prop`: its text line by line, its substitutions as
    /// values of `prop` too.
    fn template_value(
        &self,
        tpl: Node<'_>,
        prop: &str,
        place: &str,
        cx: &FileCtx<'_>,
        out: &mut Vec<Hit>,
        depth: usize,
    ) {
        let Some((base, masked, subs)) = template_text(tpl, cx.src) else {
            return;
        };
        for line in css::value_lines(&masked, 0..masked.len()) {
            let piece = &masked[line.clone()];
            if let Some((cat, sv)) = css_value(prop, piece) {
                let shown = css::show(piece);
                self.emit(
                    (base + line.start, base + line.end),
                    format!("{prop}: {shown}"),
                    cat,
                    sv,
                    &shown,
                    place,
                    out,
                );
            }
        }
        for s in subs {
            if let Some(e) = s.named_child(0) {
                self.value_exprs(e, prop, None, cx, out, depth + 1);
            }
        }
    }

    /// The literals the expression `e` in statement position of a CSS template can take, each
    /// checked as CSS (`${p => p.on && "color: #fff;"}`, nested templates, helpers).
    fn block_exprs(&self, e: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>, depth: usize) {
        if depth > MAX_DEPTH || !spend() {
            return;
        }
        let src = cx.src;
        let mut lits = Vec::new();
        value_literals(e, &mut lits, 0);
        for l in lits {
            match l.kind_name() {
                "string" => {
                    if let Some(text) = literal_string(l, src) {
                        self.scan_css(
                            l.start_byte() + 1,
                            &css::mask(text, &[]),
                            &[],
                            cx,
                            out,
                            depth,
                        );
                    }
                }
                "template_string" => self.css_template(l, cx, out, depth + 1),
                "identifier" | "call_expression" => {
                    if let Some(body) = local_helper(l, cx, self.skip_one_offs) {
                        self.block_exprs(body, cx, out, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    /// The CSS of a template: each declaration (to `;` or `}`), line by line, and what its
    /// substitutions can produce.
    pub(super) fn css_template(
        &self,
        tpl: Node<'_>,
        cx: &FileCtx<'_>,
        out: &mut Vec<Hit>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some((base, masked, subs)) = template_text(tpl, cx.src) else {
            return;
        };
        self.scan_css(base, &masked, &subs, cx, out, depth);
    }

    /// Declarations of the masked CSS text starting at byte `base`.
    fn scan_css(
        &self,
        base: usize,
        masked: &str,
        subs: &[Node<'_>],
        cx: &FileCtx<'_>,
        out: &mut Vec<Hit>,
        depth: usize,
    ) {
        let place = "a CSS-in-JS template";
        let inside = |s: &Node<'_>, r: &std::ops::Range<usize>| {
            let at = s.start_byte().saturating_sub(base);
            r.start <= at && at < r.end
        };
        for piece in css::pieces(masked) {
            let Some((prop_r, value_r)) = piece.decl else {
                for s in subs.iter().filter(|s| inside(s, &piece.range)) {
                    if let Some(e) = s.named_child(0) {
                        self.block_exprs(e, cx, out, depth + 1);
                    }
                }
                continue;
            };
            let prop = &masked[prop_r.clone()];
            for line in css::value_lines(masked, value_r.clone()) {
                let text = &masked[line.clone()];
                let Some((cat, sv)) = css_value(prop, text) else {
                    continue;
                };
                let shown = css::show(text);
                // a value on the property's line is reported from the property on
                let start = if masked[prop_r.end..line.start].contains('\n') {
                    line.start
                } else {
                    prop_r.start
                };
                self.emit(
                    (base + start, base + line.end),
                    format!("{prop}: {shown}"),
                    cat,
                    sv,
                    &shown,
                    place,
                    out,
                );
            }
            for s in subs.iter().filter(|s| inside(s, &value_r)) {
                if let Some(e) = s.named_child(0) {
                    self.value_exprs(e, prop, None, cx, out, depth + 1);
                }
            }
        }
    }
}

/// `styled.button` (or `styled.button.attrs`): the element name node.
fn styled_member<'t>(m: Node<'t>, src: &str) -> Option<Node<'t>> {
    let obj = m.child_by_field_name("object")?;
    let prop = m.child_by_field_name("property")?;
    if obj.kind_name() == "identifier" && node_text(obj, src) == "styled" {
        return Some(prop);
    }
    if obj.kind_name() == "member_expression" {
        let inner = obj.child_by_field_name("object")?;
        if inner.kind_name() == "identifier" && node_text(inner, src) == "styled" {
            return obj.child_by_field_name("property");
        }
    }
    None
}

/// A template's text between the backticks with its substitutions masked: (byte offset of the
/// text, masked text, the substitution nodes).
fn template_text<'t>(tpl: Node<'t>, src: &str) -> Option<(usize, String, Vec<Node<'t>>)> {
    if tpl.kind_name() != "template_string" || tpl.end_byte() < tpl.start_byte() + 2 {
        return None;
    }
    let base = tpl.start_byte() + 1;
    let text = src.get(base..tpl.end_byte() - 1)?;
    let mut c = tpl.walk();
    let subs: Vec<Node<'t>> = tpl
        .named_children(&mut c)
        .filter(|n| n.kind_name() == "template_substitution")
        .collect();
    let holes: Vec<std::ops::Range<usize>> = subs
        .iter()
        .map(|s| s.start_byte() - base..s.end_byte() - base)
        .collect();
    Some((base, css::mask(text, &holes), subs))
}

/// The literal values an expression can take: itself when a literal (string, template, number,
/// object) or a name/call that may be a same-file helper; the branches of `?:`, both operands of
/// `||`/`??`, the right of `&&`, an arrow's body and the `return`s of a function body, through
/// parentheses and `as`/`satisfies`/`!`.
/// Whether a literal is the fallback of a value the code computes: the right side of
/// `label.color ?? "#000"` / `accent || "#f5f5f5"`, or a branch of a null check spelled as a
/// ternary, whose other branch computes from what the condition tests
/// (`status ? status.color : "#a3a3a2"`). Such a colour is the neutral default of a data colour
/// (a user-picked label, a status), not a design value. A ternary between two literals
/// (`isLast ? "none" : "1px solid #e2e8f0"`), or on another condition
/// (`hasBanner ? accent : "#f5f5f5"`: the colour without a banner), is the code's own choice
/// and stays.
fn dynamic_fallback(l: Node<'_>, src: &str) -> bool {
    fn computed(n: Node<'_>) -> bool {
        match n.kind_name() {
            "parenthesized_expression" => n.named_child(0).is_some_and(computed),
            "string" | "number" | "true" | "false" | "null" | "undefined" => false,
            "template_string" => {
                let mut c = n.walk();
                let subst = n
                    .named_children(&mut c)
                    .any(|ch| ch.kind_name() == "template_substitution");
                subst
            }
            _ => true,
        }
    }
    let mut child = l;
    let mut parent = l.parent();
    while let Some(p) = parent.filter(|p| p.kind_name() == "parenthesized_expression") {
        child = p;
        parent = p.parent();
    }
    let Some(p) = parent else { return false };
    let field = |f: &str| p.child_by_field_name(f);
    match p.kind_name() {
        "binary_expression" => {
            matches!(field("operator").map(|o| o.kind_name()), Some("??" | "||"))
                && field("right").is_some_and(|r| r.id() == child.id())
                && field("left").is_some_and(computed)
        }
        "ternary_expression" => {
            let (Some(a), Some(b)) = (field("consequence"), field("alternative")) else {
                return false;
            };
            let other = if a.id() == child.id() {
                b
            } else if b.id() == child.id() {
                a
            } else {
                return false;
            };
            let tested = field("condition").map_or("", |c| {
                node_text(c, src)
                    .trim()
                    .trim_start_matches('!')
                    .trim_end_matches("?.")
            });
            computed(other) && !tested.is_empty() && node_text(other, src).contains(tested)
        }
        _ => false,
    }
}

fn value_literals<'t>(n: Node<'t>, out: &mut Vec<Node<'t>>, depth: usize) {
    if depth > 16 || out.len() > 64 {
        return;
    }
    let field = |f: &str| n.child_by_field_name(f);
    match n.kind_name() {
        "string"
        | "template_string"
        | "number"
        | "object"
        | "array"
        | "identifier"
        | "shorthand_property_identifier"
        | "call_expression"
        | "subscript_expression"
        | "member_expression" => out.push(n),
        "parenthesized_expression"
        | "as_expression"
        | "satisfies_expression"
        | "non_null_expression"
        | "return_statement" => {
            if let Some(e) = n.named_child(0) {
                value_literals(e, out, depth + 1);
            }
        }
        "ternary_expression" => {
            for f in ["consequence", "alternative"] {
                if let Some(e) = field(f) {
                    value_literals(e, out, depth + 1);
                }
            }
        }
        "binary_expression" => {
            let op = field("operator").map(|o| o.kind_name());
            if matches!(op, Some("||" | "??")) {
                if let Some(e) = field("left") {
                    value_literals(e, out, depth + 1);
                }
            }
            if matches!(op, Some("||" | "??" | "&&")) {
                if let Some(e) = field("right") {
                    value_literals(e, out, depth + 1);
                }
            }
        }
        "arrow_function" | "function_expression" | "function" | "function_declaration" => {
            if let Some(b) = field("body") {
                value_literals(b, out, depth + 1);
            }
        }
        "statement_block" => {
            // the `return`s of this function body, not of functions nested in it
            let mut stack = vec![n];
            let mut seen = 0;
            while let Some(s) = stack.pop() {
                seen += 1;
                if seen > 500 {
                    break;
                }
                let mut c = s.walk();
                for k in s.named_children(&mut c) {
                    match k.kind_name() {
                        "return_statement" => value_literals(k, out, depth + 1),
                        "statement_block" | "if_statement" | "else_clause" | "switch_statement"
                        | "switch_body" | "switch_case" | "switch_default" | "try_statement"
                        | "catch_clause" | "finally_clause" => stack.push(k),
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
}

/// What a name in a style position stands for, when the same file says: for `shadow`,
/// `shadow(p)`, `{ backgroundColor }`, `COLORS[i]` or `PALETTE.primary`, the initializer of the
/// nearest declaration in an enclosing block or at the top level (a function's body for a call;
/// the array for a subscript; the key's value for a member of an object literal).
/// With `data_palettes` (`one_offs = "skip"`: what a token answers or the code repeats), an
/// array of colours picked by a computed index is a rotating palette and not followed.
fn local_helper<'t>(n: Node<'t>, cx: &FileCtx<'t>, data_palettes: bool) -> Option<Node<'t>> {
    if !spend() {
        return None;
    }
    let src = cx.src;
    match n.kind_name() {
        "identifier" | "shorthand_property_identifier" => declared(n, node_text(n, src), cx),
        "call_expression" => {
            let f = n
                .child_by_field_name("function")
                .filter(|f| f.kind_name() == "identifier")?;
            declared(n, node_text(f, src), cx)
        }
        "subscript_expression" => {
            let obj = n
                .child_by_field_name("object")
                .filter(|o| o.kind_name() == "identifier")?;
            let array =
                declared(n, node_text(obj, src), cx).filter(|v| v.kind_name() == "array")?;
            // a list of colours picked by a computed index (`BACKGROUNDS[i % n]`) is a rotating
            // palette: which colour a surface gets is data, like a user's colour; a fixed index
            // (`BACKGROUNDS[0]`) is one named value
            let computed = n
                .child_by_field_name("index")
                .is_some_and(|i| i.kind_name() != "number");
            (!(data_palettes && computed && palette(array, src))).then_some(array)
        }
        "member_expression" => {
            let obj = n
                .child_by_field_name("object")
                .filter(|o| o.kind_name() == "identifier")?;
            let prop = node_text(n.child_by_field_name("property")?, src);
            let value = declared(n, node_text(obj, src), cx)?;
            let value = match value.kind_name() {
                "as_expression" | "satisfies_expression" => value.named_child(0)?,
                _ => value,
            };
            if value.kind_name() != "object" {
                return None;
            }
            let mut c = value.walk();
            let found = value.named_children(&mut c).find(|p| {
                p.kind_name() == "pair"
                    && p.child_by_field_name("key")
                        .is_some_and(|k| node_text(k, src).trim_matches(['"', '\'', '`']) == prop)
            });
            found.and_then(|p| p.child_by_field_name("value"))
        }
        _ => None,
    }
}

/// Colours a rotating palette holds at least: fewer is a pair of looks (light/dark), not a palette.
const PALETTE_MIN: usize = 4;

/// Whether an array literal is a palette: [`PALETTE_MIN`] or more elements, each a string
/// that is exactly one colour.
fn palette(array: Node<'_>, src: &str) -> bool {
    let mut c = array.walk();
    let mut n = 0;
    for e in array.named_children(&mut c) {
        if e.kind_name() == "comment" {
            continue;
        }
        let Some(s) = super::literal_string(e, src) else {
            return false;
        };
        if color::parse(s.trim()).is_none() {
            return false;
        }
        n += 1;
    }
    n >= PALETTE_MIN
}

/// The initializer (or function body) of `name` declared in a block enclosing `at`, innermost
/// first, up to the top level of the file.
fn declared<'t>(at: Node<'t>, name: &str, cx: &FileCtx<'t>) -> Option<Node<'t>> {
    let src = cx.src;
    let scopes = super::ancestors_of(at, cx);
    for scope in scopes.iter().rev() {
        if !matches!(scope.kind_name(), "statement_block" | "program") {
            continue;
        }
        let mut c = scope.walk();
        for top in scope.named_children(&mut c) {
            let decl = if top.kind_name() == "export_statement" {
                match top.child_by_field_name("declaration") {
                    Some(d) => d,
                    None => continue,
                }
            } else {
                top
            };
            match decl.kind_name() {
                "function_declaration"
                    if decl
                        .child_by_field_name("name")
                        .is_some_and(|nm| node_text(nm, src) == name) =>
                {
                    return decl.child_by_field_name("body");
                }
                "lexical_declaration" | "variable_declaration" => {
                    let mut dc = decl.walk();
                    for d in decl.named_children(&mut dc) {
                        if d.kind_name() == "variable_declarator"
                            && d.child_by_field_name("name")
                                .is_some_and(|nm| node_text(nm, src) == name)
                        {
                            return d.child_by_field_name("value");
                        }
                    }
                }
                _ => {}
            }
        }
    }
    None
}
