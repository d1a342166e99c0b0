//! Design tokens: loading a tokens file (W3C design-tokens JSON, a flat or nested JSON/TS object,
//! or CSS custom properties) and finding the token for a hardcoded value — the same value after
//! normalisation, or the nearest one of its category (CIEDE2000 for colours, the nearest scale
//! step for lengths).

use super::color::{self, Rgba};
use crate::lang::kind_name::KindName;

/// What a token (or a hardcoded value) is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Category {
    Color,
    Spacing,
    Radius,
    FontSize,
    FontWeight,
    ZIndex,
    Shadow,
}

impl Category {
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Category::Color => "colour",
            Category::Spacing => "spacing",
            Category::Radius => "radius",
            Category::FontSize => "font size",
            Category::FontWeight => "font weight",
            Category::ZIndex => "z-index",
            Category::Shadow => "shadow",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Color(Rgba),
    /// A length in px (rem counted as 16px).
    Px(f64),
    Number(f64),
    /// Anything else, compared after whitespace and case normalisation (shadows).
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    /// Dotted path (`color.primary.600`) or custom property name (`--color-primary`).
    pub(crate) name: String,
    pub(crate) category: Category,
    pub(crate) value: Value,
}

/// How a hardcoded value relates to the tokens.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Suggestion<'t> {
    Exact(&'t Token),
    /// The nearest token of the category, with the distance (ΔE00 for colours, px otherwise).
    Nearest(&'t Token, f64),
    None,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Tokens {
    pub(crate) tokens: Vec<Token>,
    /// Per token, what [`Tokens::color`] compares of its colour (None: not a colour, or a chart
    /// token), computed at the first comparison.
    seen: SeenColors,
}

/// The tokens' [`color::Seen`], once: a colour was compared with every token of the palette,
/// converting both to CIELAB each time (on plane's ~60 hard-coded colours, ~1.2 M instructions
/// each). Not part of what the tokens are: clones start empty, and any two compare equal.
#[derive(Default)]
struct SeenColors(std::sync::OnceLock<Vec<Option<color::Seen>>>);

impl Clone for SeenColors {
    fn clone(&self) -> Self {
        SeenColors::default()
    }
}

impl PartialEq for SeenColors {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for SeenColors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeenColors")
    }
}

/// Parses a length: `12px`, `0.75rem`, `12` (px when `bare_px`).
pub(crate) fn parse_px(s: &str, bare_px: bool) -> Option<f64> {
    let s = s.trim();
    let (num, mul) = if let Some(n) = s.strip_suffix("px") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix("rem") {
        (n, 16.0)
    } else if bare_px {
        (s, 1.0)
    } else {
        return None;
    };
    let v: f64 = num.trim().parse().ok()?;
    v.is_finite().then_some(v * mul)
}

/// A length for display: `13px`.
pub(crate) fn fmt_px(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}px", v.round() as i64)
    } else {
        format!("{:.2}px", v).replace(".00px", "px")
    }
}

impl Value {
    pub(crate) fn display(&self) -> String {
        match self {
            Value::Color(c) => c.hex(),
            Value::Px(v) => fmt_px(*v),
            Value::Number(n) => format!("{n}"),
            Value::Text(t) => t.clone(),
        }
    }
}

/// The category a token's name suggests (`font.size.md` → font size, `space-4` → spacing).
fn category_from_name(name: &str) -> Option<Category> {
    let n = name.to_ascii_lowercase();
    let has = |w: &str| n.contains(w);
    // a type scale's companions (Tailwind's `fontSize` tuples, `--text-xs--line-height`) are
    // not sizes, and archdrift compares no line heights or letter spacings
    if has("lineheight") || has("line-height") || has("letterspacing") || has("letter-spacing") {
        return None;
    }
    if has("shadow") || has("elevation") {
        Some(Category::Shadow)
    } else if has("radius") || has("radii") || has("rounded") {
        Some(Category::Radius)
    } else if has("weight") {
        Some(Category::FontWeight)
    } else if (has("font") || has("text")) && has("size") || has("fontsize") || has("font-size") {
        Some(Category::FontSize)
    } else if has("zindex")
        || has("z-index")
        || has("layer")
        || n.starts_with("z.")
        || n.starts_with("--z-")
    {
        Some(Category::ZIndex)
    } else if has("spac")
        || has("space")
        || has("gap")
        || has("padding")
        || has("margin")
        || has("size")
    {
        Some(Category::Spacing)
    } else if has("color") || has("colour") {
        Some(Category::Color)
    } else {
        None
    }
}

/// A token from a name and a raw value, if the value is one archdrift compares.
fn classify(name: &str, raw: &str, declared: Option<&str>) -> Option<Token> {
    let raw = raw.trim();
    let by_name = category_from_name(name);
    if declared == Some("color") || by_name.is_none_or(|c| c == Category::Color) {
        if let Some(c) = color::parse(raw).or_else(|| bare_rgb_triplet(raw)) {
            return Some(Token {
                name: name.into(),
                category: Category::Color,
                value: Value::Color(c),
            });
        }
    }
    let cat = match declared {
        Some("fontWeight") => Some(Category::FontWeight),
        Some("shadow") => Some(Category::Shadow),
        _ => by_name,
    }?;
    let value = match cat {
        Category::Color => return None,
        Category::FontWeight | Category::ZIndex => Value::Number(raw.parse().ok()?),
        Category::Shadow => Value::Text(normalize_text(raw)),
        _ => Value::Px(parse_px(raw, true)?),
    };
    Some(Token {
        name: name.into(),
        category: cat,
        value,
    })
}

/// `63, 118, 255` (Tailwind-style channel lists in custom properties).
fn bare_rgb_triplet(raw: &str) -> Option<Rgba> {
    let parts: Vec<&str> = raw.split(',').map(str::trim).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    color::parse(&format!("rgb({raw})"))
}

pub(crate) fn normalize_text(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

impl Tokens {
    /// Loads a tokens file by its extension: `.json`, `.css`/`.scss`, `.ts`/`.js`.
    pub(crate) fn load(path: &std::path::Path) -> Result<Tokens, String> {
        let text = crate::core::safe_read::read_config_string(path)
            .map_err(|e| format!("cannot read tokens file: {e}"))?;
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let tokens = match ext {
            "json" => Self::from_json(&text)?,
            "css" | "scss" | "pcss" => Self::from_css(&text),
            "ts" | "js" | "mjs" | "tsx" => Self::from_ts(&text),
            _ => {
                return Err(format!(
                    "unknown tokens file type `.{ext}` (expected .json, .css or .ts/.js)"
                ))
            }
        };
        if tokens.tokens.is_empty() {
            return Err("the tokens file holds no colour or dimension token".into());
        }
        Ok(tokens)
    }

    /// W3C design tokens (`$value`, `$type` inherited from groups, `{alias}` references) or a
    /// plain nested/flat object of values.
    pub(crate) fn from_json(text: &str) -> Result<Tokens, String> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
        let mut raw: Vec<(String, String, Option<String>)> = Vec::new();
        walk_json(&v, "", None, &mut raw, 0);
        // resolve `{a.b}` aliases (a few levels)
        let lookup: std::collections::HashMap<String, (String, Option<String>)> = raw
            .iter()
            .map(|(n, v, t)| (n.clone(), (v.clone(), t.clone())))
            .collect();
        let mut tokens = Vec::new();
        for (name, mut value, mut ty) in raw {
            for _ in 0..8 {
                let Some(inner) = value.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                    break;
                };
                match lookup.get(inner) {
                    Some((v, t)) => {
                        value = v.clone();
                        ty = ty.or(t.clone());
                    }
                    None => break,
                }
            }
            tokens.extend(classify(&name, &value, ty.as_deref()));
        }
        Ok(Tokens::new(tokens))
    }

    /// `--name: value;` declarations.
    pub(crate) fn from_css(text: &str) -> Tokens {
        let mut tokens = Vec::new();
        let mut rest = text;
        while let Some(i) = rest.find("--") {
            rest = &rest[i..];
            let name_end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            let name = &rest[..name_end];
            let after = rest[name_end..].trim_start();
            if let Some(value) = after.strip_prefix(':') {
                let end = value.find([';', '}']).unwrap_or(value.len());
                let v = value[..end].trim();
                if !v.contains("var(") && name.len() > 2 {
                    tokens.extend(classify(name, v, None));
                }
            }
            rest = &rest[name_end.max(2)..];
        }
        Tokens::new(tokens)
    }

    /// The first object literal of a TS/JS module (`export const tokens = { … }`), nested keys
    /// joined with dots.
    pub(crate) fn from_ts(text: &str) -> Tokens {
        let mut tokens = Vec::new();
        let Ok(tree) = crate::lang::parse::parse(crate::lang::Lang::TypeScript, text) else {
            return Tokens::new(tokens);
        };
        // the module's constants of one literal (`const gradientEnd = '#DD2476'`): what a
        // shorthand entry (`{ gradientEnd }`) or a named value (`end: gradientEnd`) stands for
        let mut consts: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
        let root = tree.root_node();
        let mut c = root.walk();
        for decl in root.named_children(&mut c) {
            let decl = match decl.kind_name() {
                "export_statement" => match decl.child_by_field_name("declaration") {
                    Some(d) => d,
                    None => continue,
                },
                _ => decl,
            };
            if decl.kind_name() != "lexical_declaration" {
                continue;
            }
            let mut dc = decl.walk();
            for d in decl.named_children(&mut dc) {
                if let (Some(n), Some(v)) = (
                    d.child_by_field_name("name"),
                    d.child_by_field_name("value"),
                ) {
                    if n.kind_name() == "identifier" && matches!(v.kind_name(), "string" | "number")
                    {
                        consts.insert(
                            &text[n.byte_range()],
                            text[v.byte_range()].trim_matches(['"', '\'', '`']),
                        );
                    }
                }
            }
        }
        let join = |prefix: &str, key: &str| {
            if prefix.is_empty() {
                key.to_string()
            } else {
                format!("{prefix}.{key}")
            }
        };
        let mut stack = vec![(root, String::new())];
        while let Some((node, prefix)) = stack.pop() {
            if node.kind_name() == "shorthand_property_identifier" {
                let key = &text[node.byte_range()];
                if let Some(raw) = consts.get(key) {
                    tokens.extend(classify(&join(&prefix, key), raw, None));
                }
                continue;
            }
            if node.kind_name() == "pair" {
                let (Some(k), Some(v)) = (
                    node.child_by_field_name("key"),
                    node.child_by_field_name("value"),
                ) else {
                    continue;
                };
                let key = text[k.byte_range()].trim_matches(['"', '\'', '`']);
                let name = join(&prefix, key);
                match v.kind_name() {
                    "string" | "number" => {
                        let raw = text[v.byte_range()].trim_matches(['"', '\'', '`']);
                        tokens.extend(classify(&name, raw, None));
                    }
                    "identifier" => {
                        if let Some(raw) = consts.get(&text[v.byte_range()]) {
                            tokens.extend(classify(&name, raw, None));
                        }
                    }
                    // Tailwind's tuple form `"2xs": ["0.625rem", { lineHeight: "14px" }]`:
                    // the first element is the token's value, the rest its companions
                    "array"
                        if v.named_child(0)
                            .is_some_and(|f| matches!(f.kind_name(), "string" | "number")) =>
                    {
                        let first = v.named_child(0).expect("checked above");
                        let raw = text[first.byte_range()].trim_matches(['"', '\'', '`']);
                        tokens.extend(classify(&name, raw, None));
                        let mut c = v.walk();
                        let rest: Vec<_> = v.named_children(&mut c).skip(1).collect();
                        for ch in rest.into_iter().rev() {
                            stack.push((ch, name.clone()));
                        }
                    }
                    _ => stack.push((v, name)),
                }
                continue;
            }
            let mut c = node.walk();
            let children: Vec<_> = node.named_children(&mut c).collect();
            for ch in children.into_iter().rev() {
                stack.push((ch, prefix.clone()));
            }
        }
        Tokens::new(tokens)
    }

    /// The token with this colour, else the perceptually nearest colour token that is not one
    /// widget's own palette ([`is_widget_palette_token`]: a grey text near `--chart-axis` is no
    /// chart's colour, a card's blue tint near `--terminal-blue` no terminal's).
    pub(crate) fn color(&self, c: Rgba) -> Suggestion<'_> {
        let seen = self.seen.0.get_or_init(|| {
            self.tokens
                .iter()
                .map(|t| match &t.value {
                    Value::Color(tc) if !is_widget_palette_token(&t.name) => {
                        Some(color::Seen::of(*tc))
                    }
                    _ => None,
                })
                .collect()
        });
        let mut best: Option<(&Token, f64)> = None;
        let mut c_seen: Option<color::Seen> = None;
        for (t, t_seen) in self.tokens.iter().zip(seen) {
            if let Value::Color(tc) = &t.value {
                if *tc == c {
                    return Suggestion::Exact(t);
                }
                let Some(t_seen) = t_seen else {
                    // a widget's palette
                    continue;
                };
                // a translucent colour compares as it is seen (over white and over black)
                let c_seen = c_seen.get_or_insert_with(|| color::Seen::of(c));
                let d = color::seen_delta_e_of(t_seen, c_seen);
                if best.is_none_or(|(_, bd)| d < bd) {
                    best = Some((t, d));
                }
            }
        }
        best.map_or(Suggestion::None, |(t, d)| Suggestion::Nearest(t, d))
    }

    fn new(tokens: Vec<Token>) -> Tokens {
        Tokens {
            tokens,
            seen: SeenColors::default(),
        }
    }

    /// The token of `cat` with this length, else the nearest step of that scale.
    pub(crate) fn length(&self, cat: Category, px: f64) -> Suggestion<'_> {
        let mut best: Option<(&Token, f64)> = None;
        for t in self.tokens.iter().filter(|t| t.category == cat) {
            if let Value::Px(v) = t.value {
                let d = (v - px).abs();
                if d < 1e-6 {
                    return Suggestion::Exact(t);
                }
                if best.is_none_or(|(_, bd)| d < bd) {
                    best = Some((t, d));
                }
            }
        }
        best.map_or(Suggestion::None, |(t, d)| Suggestion::Nearest(t, d))
    }

    /// A token of `cat` with exactly this number or text (weights, z-indices, shadows).
    pub(crate) fn exact(&self, cat: Category, v: &Value) -> Option<&Token> {
        self.tokens
            .iter()
            .find(|t| t.category == cat && &t.value == v)
    }
}

fn walk_json(
    v: &serde_json::Value,
    path: &str,
    ty: Option<&str>,
    out: &mut Vec<(String, String, Option<String>)>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        serde_json::Value::Object(map) => {
            let ty = map.get("$type").and_then(|t| t.as_str()).or(ty);
            if let Some(val) = map.get("$value").or_else(|| map.get("value")) {
                if let Some(s) = scalar(val) {
                    out.push((path.to_string(), s, ty.map(str::to_string)));
                }
                return;
            }
            for (k, child) in map {
                if !k.starts_with('$') {
                    walk_json(child, &join(k), ty, out, depth + 1);
                }
            }
        }
        other => {
            if let Some(s) = scalar(other) {
                out.push((path.to_string(), s, ty.map(str::to_string)));
            }
        }
    }
}

fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W3C: &str = r##"{
      "color": { "$type": "color",
        "primary": { "600": { "$value": "#1a73e8" }, "700": { "$value": "#1557B0" } },
        "link": { "$value": "{color.primary.600}" },
        "white": { "$value": "#fff" } },
      "spacing": { "$type": "dimension", "2": { "$value": "8px" }, "3": { "$value": "0.75rem" } },
      "font": { "size": { "md": { "$value": "14px" } }, "weight": { "bold": { "$value": 700 } } },
      "radius": { "md": { "$value": "6px" } }
    }"##;

    #[test]
    fn w3c_tokens_with_types_and_aliases() {
        let t = Tokens::from_json(W3C).unwrap();
        let names: Vec<(&str, Category)> = t
            .tokens
            .iter()
            .map(|t| (t.name.as_str(), t.category))
            .collect();
        assert!(names.contains(&("color.link", Category::Color)));
        assert!(names.contains(&("spacing.3", Category::Spacing)));
        assert!(names.contains(&("font.size.md", Category::FontSize)));
        assert!(names.contains(&("font.weight.bold", Category::FontWeight)));
        assert!(names.contains(&("radius.md", Category::Radius)));
        let white = color::parse("rgb(255,255,255)").unwrap();
        assert!(matches!(t.color(white), Suggestion::Exact(tok) if tok.name == "color.white"));
        match t.color(color::parse("#1a73e9").unwrap()) {
            Suggestion::Nearest(tok, d) => {
                assert_eq!(tok.value.display(), "#1a73e8");
                assert!(d < 0.5, "{d}");
            }
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(t.length(Category::Spacing, 12.0), Suggestion::Exact(tok) if tok.name == "spacing.3")
        );
        match t.length(Category::Spacing, 13.0) {
            Suggestion::Nearest(tok, d) => assert_eq!((tok.name.as_str(), d), ("spacing.3", 1.0)),
            other => panic!("{other:?}"),
        }
        assert_eq!(t.length(Category::ZIndex, 3.0), Suggestion::None);
    }

    /// novu's `colors.ts`: `const gradientEnd = '#DD2476'` listed as `{ gradientEnd }` (a
    /// seed-1900 reader's N: "no close colour token" for that very colour).
    #[test]
    fn ts_entries_naming_a_module_constant_are_tokens() {
        let ts = Tokens::from_ts(
            "const gradientEnd = '#DD2476';\nexport const accent = \"#123456\";\nlet other = compute();\nexport const colors = {\n  white: '#FFFFFF',\n  gradientEnd,\n  brand: accent,\n  other,\n  missing: unknownName,\n};\n",
        );
        let names: Vec<&str> = ts.tokens.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names
                .iter()
                .filter(|n| ["white", "gradientEnd", "brand"].contains(n))
                .count(),
            3,
            "{names:?}"
        );
        // near-misses: a constant that is not a literal, a name the module does not define
        assert!(
            !names
                .iter()
                .any(|n| n.ends_with("other") || n.ends_with("missing")),
            "{names:?}"
        );
        let c = crate::rules::design_system::color::parse("#dd2476").unwrap();
        assert!(matches!(ts.color(c), Suggestion::Exact(t) if t.name == "gradientEnd"));
    }

    #[test]
    fn flat_json_css_and_ts_tokens() {
        let t = Tokens::from_json(
            r##"{"color-primary": "#1a73e8", "space-sm": "4px", "name": "acme"}"##,
        )
        .unwrap();
        assert_eq!(t.tokens.len(), 2);
        let css = Tokens::from_css(":root {\n  --color-primary: #1A73E8;\n  --spacing-2: 8px; --radius-md: 6px;\n  --shadow-sm: 0 1px 2px rgba(0,0,0,.1);\n  --brand-100: 63, 118, 255;\n  --alias: var(--color-primary);\n}");
        let names: Vec<&str> = css.tokens.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "--color-primary",
                "--spacing-2",
                "--radius-md",
                "--shadow-sm",
                "--brand-100"
            ]
        );
        assert_eq!(
            css.tokens[4].value,
            Value::Color(color::parse("rgb(63,118,255)").unwrap())
        );
        let ts = Tokens::from_ts("export const tokens = {\n  colors: { primary: \"#1a73e8\", muted: '#5f6368' },\n  spacing: { sm: 4, md: \"8px\" },\n} as const;\n");
        let names: Vec<(&str, String)> = ts
            .tokens
            .iter()
            .map(|t| (t.name.as_str(), t.value.display()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("colors.primary", "#1a73e8".into()),
                ("colors.muted", "#5f6368".into()),
                ("spacing.sm", "4px".into()),
                ("spacing.md", "8px".into())
            ]
        );
    }

    #[test]
    fn lengths() {
        assert_eq!(parse_px("0.75rem", false), Some(12.0));
        assert_eq!(parse_px("13px", false), Some(13.0));
        assert_eq!(parse_px("13", false), None);
        assert_eq!(parse_px("13", true), Some(13.0));
        assert_eq!(fmt_px(12.0), "12px");
        assert_eq!(fmt_px(12.5), "12.50px");
    }
}

#[cfg(test)]
mod line_height_tests {
    use super::*;

    #[test]
    fn a_font_size_entrys_line_height_is_not_a_font_size() {
        // Tailwind's `fontSize: { "2xs": ["0.625rem", { lineHeight: "14px" }] }`: the size is
        // 10px; the 14px is its line height (dub got "14px is token …2xs.lineHeight")
        let t = Tokens::from_ts("module.exports = { theme: { extend: { fontSize: {\n  \"2xs\": [\"0.625rem\", { lineHeight: \"14px\", letterSpacing: \"0.5px\" }],\n  sm: \"14px\",\n} } } };\n");
        let sizes: Vec<(String, String)> = t
            .tokens
            .iter()
            .filter(|t| t.category == Category::FontSize)
            .map(|t| (t.name.clone(), t.value.display()))
            .collect();
        assert!(sizes.iter().any(|(_, v)| v == "10px"), "{sizes:?}");
        // near-miss: a real 14px size stays a token
        assert!(
            sizes.iter().any(|(n, v)| v == "14px" && n.ends_with("sm")),
            "{sizes:?}"
        );
        assert!(
            !sizes
                .iter()
                .any(|(n, _)| n.to_ascii_lowercase().contains("lineheight")
                    || n.to_ascii_lowercase().contains("letterspacing")),
            "{sizes:?}"
        );
    }
}

/// A colour of one widget's own palette, offered only for its exact value: data visualisation
/// (`--chart-1`, `chart.axis`, `graph-line`, `series.a`), a terminal or log viewer's ANSI colours
/// (`--terminal-blue`, `ansi.red`, `xterm-bg`), code highlighting (`--syntax-keyword`,
/// `hljs-string`, `shiki.bg`, `prism-…`, `--code-bg`) and diffs (`--diff-added`).
pub(crate) fn is_widget_palette_token(name: &str) -> bool {
    name.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
        let w = w.to_ascii_lowercase();
        let w = w.trim_end_matches(|c: char| c.is_ascii_digit());
        matches!(
            w,
            "chart"
                | "charts"
                | "graph"
                | "series"
                | "viz"
                | "dataviz"
                | "terminal"
                | "ansi"
                | "xterm"
                | "syntax"
                | "hljs"
                | "shiki"
                | "prism"
                | "code"
                | "diff"
        )
    })
}

/// A step of a numbered scale (`--slate-200`, `brown.50`, `gray.100`): its neighbours are
/// other steps, so a literal between two is another colour of the scale, not this one.
pub(crate) fn is_scale_step(name: &str) -> bool {
    name.rsplit(['-', '.', '_', '/'])
        .next()
        .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}
