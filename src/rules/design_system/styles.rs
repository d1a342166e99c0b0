//! Style values: which CSS property (or Tailwind utility) a value belongs to — colour, spacing,
//! radius, font size, … — and whether the value is a hardcoded literal worth a finding.

use super::color;
use super::css::HOLE;
use super::tokens::{self, Category};

#[derive(Clone, Debug, PartialEq)]
pub(super) enum StyleValue {
    /// Each colour literal as written, parsed.
    Colors(Vec<(String, color::Rgba)>),
    Px(Vec<f64>),
    Number(f64),
    Text(String),
}

impl StyleValue {
    pub(super) fn trivial(&self, cat: Category) -> bool {
        match self {
            StyleValue::Px(vs) => vs
                .iter()
                .all(|v| *v == 0.0 || (cat == Category::Spacing && v.abs() == 1.0)),
            StyleValue::Number(n) => cat == Category::ZIndex && n.abs() <= 1.0,
            _ => false,
        }
    }
}

/// What a CSS property (camelCase or kebab-case) holds that design tokens govern.
pub(super) fn property_category(prop: &str) -> Option<Category> {
    let p: String = prop
        .chars()
        .filter(|c| *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    let spacing_sx = [
        "p", "pt", "pr", "pb", "pl", "px", "py", "m", "mt", "mr", "mb", "ml", "mx", "my",
    ];
    Some(match p.as_str() {
        "fontsize" => Category::FontSize,
        "fontweight" => Category::FontWeight,
        "zindex" => Category::ZIndex,
        "boxshadow" | "textshadow" => Category::Shadow,
        "gap" | "rowgap" | "columngap" | "gridgap" => Category::Spacing,
        x if x.starts_with("padding") || x.starts_with("margin") || spacing_sx.contains(&x) => {
            Category::Spacing
        }
        x if x.contains("radius") => Category::Radius,
        x if x.contains("color")
            || matches!(
                x,
                "background" | "bg" | "fill" | "stroke" | "border" | "outline"
            )
            || x.starts_with("border") =>
        {
            Category::Color
        }
        _ => return None,
    })
}

/// `mask`, `mask-image`, `WebkitMask`, …: an alpha mask, not a colour anyone sees.
fn is_mask(prop: &str) -> bool {
    prop.to_ascii_lowercase().contains("mask")
}

/// A hardcoded value a property holds, if any: colours anywhere in the value; lengths for the
/// spacing, radius and font-size properties; numbers for weights and z-indices.
pub(super) fn css_value(prop: &str, value: &str) -> Option<(Category, StyleValue)> {
    let filled = super::css::fill_alpha_holes(value);
    let v = filled.trim();
    let lower = v.to_ascii_lowercase();
    if lower.contains("var(")
        || lower.contains("theme")
        || lower.contains("${")
        || lower.contains("env(")
        || is_mask(prop)
    {
        return None;
    }
    let cat = property_category(prop);
    let colors = color::spelled(v);
    if cat == Some(Category::Shadow) {
        let hard = !colors.is_empty()
            || v.split_whitespace()
                .any(|p| tokens::parse_px(p, false).is_some_and(|x| x != 0.0));
        return hard.then(|| (Category::Shadow, StyleValue::Text(v.to_string())));
    }
    if !colors.is_empty() {
        return Some((Category::Color, StyleValue::Colors(colors)));
    }
    let cat = cat?;
    match cat {
        Category::Spacing | Category::Radius | Category::FontSize => {
            let mut px = Vec::new();
            for part in v.split_whitespace() {
                if part.contains(HOLE) {
                    // a substitution: its literals are checked on their own
                    continue;
                }
                if let Some(p) = tokens::parse_px(part, false) {
                    px.push(p);
                } else if part != "0"
                    && part != "auto"
                    && !part.ends_with('%')
                    && !part.starts_with('-')
                {
                    // calc(), em, vh, keywords: not a scale value
                    if !matches!(part, "!important") {
                        return None;
                    }
                }
            }
            let sv = StyleValue::Px(px);
            match &sv {
                StyleValue::Px(p) if !p.is_empty() && !sv.trivial(cat) => Some((cat, sv)),
                _ => None,
            }
        }
        Category::FontWeight | Category::ZIndex => {
            let n: f64 = v.parse().ok()?;
            let sv = StyleValue::Number(n);
            (!sv.trivial(cat)).then_some((cat, sv))
        }
        _ => None,
    }
}

/// A Tailwind arbitrary value (`bg-[#1a2b3c]`, `p-[13px]`) the design tokens govern.
pub(super) fn tailwind_value(utility: &str, value: &str) -> Option<(Category, StyleValue)> {
    const COLOR_UTILS: &[&str] = &[
        "bg",
        "text",
        "border",
        "border-t",
        "border-r",
        "border-b",
        "border-l",
        "border-x",
        "border-y",
        "ring",
        "fill",
        "stroke",
        "from",
        "via",
        "to",
        "outline",
        "divide",
        "decoration",
        "accent",
        "caret",
        "placeholder",
        "shadow",
        "ring-offset",
    ];
    const SPACING_UTILS: &[&str] = &[
        "p", "px", "py", "pt", "pr", "pb", "pl", "ps", "pe", "m", "mx", "my", "mt", "mr", "mb",
        "ml", "ms", "me", "gap", "gap-x", "gap-y", "space-x", "space-y",
    ];
    let colors = color::spelled(value);
    if !colors.is_empty() && COLOR_UTILS.contains(&utility) {
        return Some((Category::Color, StyleValue::Colors(colors)));
    }
    let px = tokens::parse_px(value, false);
    if SPACING_UTILS.contains(&utility) {
        // 0 and 1px (hairline nudges) are not scale values
        return px
            .filter(|p| p.abs() > 1.0)
            .map(|p| (Category::Spacing, StyleValue::Px(vec![p])));
    }
    if utility == "rounded" || utility.starts_with("rounded-") {
        return px
            .filter(|p| *p != 0.0)
            .map(|p| (Category::Radius, StyleValue::Px(vec![p])));
    }
    if utility == "text" {
        return px.map(|p| (Category::FontSize, StyleValue::Px(vec![p])));
    }
    if utility == "z" {
        let n: f64 = value.parse().ok()?;
        return (n.abs() > 1.0).then_some((Category::ZIndex, StyleValue::Number(n)));
    }
    if utility == "font" {
        let n: f64 = value.parse().ok()?;
        return Some((Category::FontWeight, StyleValue::Number(n)));
    }
    None
}
