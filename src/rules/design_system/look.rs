//! `raw = "look-alike"`: whether a raw element re-creates the look of the design-system
//! component it would be replaced by, read from its own Tailwind class list.
//!
//! A `<button>` with its own fill or border and padding, a hand-styled text field, a coloured
//! and weighted text-only button (a link variant), and an icon-only button (answered by
//! `IconButton`) re-create a component; a row, tile, cell or adornment (`w-full`, `flex-col`,
//! `absolute`, …), a bare field inside a styled box (`outline-none`, no border), a margin-only
//! divider and an element styled by a stylesheet (`className="zIndexButton"`, a class from a
//! variable) do not show that look in the code: the component does not fit them as it is, or
//! the rule cannot see what they look like.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use super::node_text;

/// Classes that give an element a layout role the design-system component does not have: a
/// full-width row, a growing cell, a column tile, a positioned adornment, a square swatch.
const LAYOUT_ROLE: &[&str] = &[
    "w-full",
    "h-full",
    "flex-1",
    "flex-grow",
    "grow",
    "absolute",
    "text-left",
    "flex-col",
    "aspect-square",
];

/// What the element is, for the look it would need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// `<button>`, `<a>`: a button's look
    Button,
    /// `<button>` holding one icon and no text, answered by `IconButton`
    IconButton,
    /// `<input>`, `<select>`, `<textarea>`: a field's look
    Field,
    /// `<hr>`: a separator's look
    Divider,
}

/// A class without its variants (`hover:`, `md:`, `data-[state=open]:`) and `!`.
fn base(class: &str) -> &str {
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in class.char_indices() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => depth -= 1,
            ':' if depth == 0 => start = i + 1,
            _ => {}
        }
    }
    class[start..].trim_start_matches('!')
}

fn fill(c: &str) -> bool {
    c.strip_prefix("bg-").is_some_and(|v| {
        !v.is_empty()
            && !matches!(v, "transparent" | "none" | "inherit" | "current")
            && !v.starts_with("opacity")
            && !v.starts_with("clip")
            && !v.starts_with("cover")
            && !v.starts_with("center")
            && !v.starts_with("no-repeat")
            && !v.starts_with("gradient")
    })
}

/// `border`, `border-2`: a border on all four sides (a side border, `border-l`, divides
/// cells; a colour alone, `border-slate-200`, draws nothing on a button).
fn border_width(c: &str) -> bool {
    c == "border"
        || c.strip_prefix("border-").is_some_and(|v| {
            v.starts_with('[') || (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// `border`, `border-2`, `border-slate-200`: a border on all four sides, or its colour (a
/// field has a border of its own: the forms reset gives inputs one).
fn border(c: &str) -> bool {
    if c == "border" {
        return true;
    }
    let Some(v) = c.strip_prefix("border-") else {
        return false;
    };
    let side = v.split('-').next().unwrap_or("");
    !matches!(
        side,
        "l" | "r" | "t" | "b" | "x" | "y" | "s" | "e" | "none" | "0" | "transparent" | "hidden"
    ) && !v.starts_with("collapse")
        && !v.starts_with("separate")
        && !v.starts_with("spacing")
}

fn padding(c: &str) -> bool {
    ["p-", "px-", "py-", "h-", "pl-", "pr-"]
        .iter()
        .any(|p| c.strip_prefix(p).is_some_and(|v| v != "0" && v != "full"))
}

/// `text-slate-600`, `text-accent-primary`, `text-tertiary`: a colour, not a size
/// (`text-sm`, `text-13`, `text-[11px]`) or an alignment.
fn text_color(c: &str) -> bool {
    let Some(v) = c.strip_prefix("text-") else {
        return false;
    };
    let first = v.split(['-', '/']).next().unwrap_or("");
    !(v.is_empty()
        || v.starts_with('[')
        || first.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
        || matches!(
            first,
            "xs" | "sm"
                | "base"
                | "lg"
                | "xl"
                | "2xl"
                | "3xl"
                | "4xl"
                | "5xl"
                | "left"
                | "center"
                | "right"
                | "justify"
                | "start"
                | "end"
                | "wrap"
                | "nowrap"
                | "balance"
                | "pretty"
                | "ellipsis"
                | "clip"
                | "inherit"
                | "current"
                | "transparent"
        ))
}

fn weight(c: &str) -> bool {
    matches!(
        c,
        "font-medium" | "font-semibold" | "font-bold" | "underline"
    )
}

/// The height in px a Tailwind class sets: `h-7` (28), `size-5` (20), `h-[30px]`,
/// `h-[1.75rem]`; `None` for other classes, variants (`md:h-8`) and relative heights.
pub(crate) fn class_height(c: &str) -> Option<f64> {
    if c.contains(':') {
        return None;
    }
    let v = c
        .trim_start_matches('!')
        .strip_prefix("h-")
        .or_else(|| c.trim_start_matches('!').strip_prefix("size-"))?;
    length_px(v)
}

/// `7` (a spacing step, 4 px), `[30px]`, `[1.75rem]`.
fn length_px(v: &str) -> Option<f64> {
    if let Some(inner) = v.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
        if let Some(px) = inner.strip_suffix("px") {
            return px.parse().ok();
        }
        return inner
            .strip_suffix("rem")
            .and_then(|r| r.parse::<f64>().ok())
            .map(|r| r * 16.0);
    }
    if !v.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    v.parse::<f64>().ok().map(|n| n * 4.0)
}

/// The font size and line height (px) of a text class: Tailwind's defaults (`text-xs` 12/16,
/// `text-sm` 14/20, `text-base` 16/24, `text-lg` 18/28, `text-xl` 20/28) or an arbitrary size
/// (`text-[0.7rem]`, line 1.5×); `None` for a size the rule cannot know (`text-13`: a theme's
/// own scale).
fn text_px(c: &str) -> Option<(f64, f64)> {
    let v = c.strip_prefix("text-")?;
    let v = v.split('/').next().unwrap_or(v);
    match v {
        "xs" => Some((12.0, 16.0)),
        "sm" => Some((14.0, 20.0)),
        "base" => Some((16.0, 24.0)),
        "lg" => Some((18.0, 28.0)),
        "xl" => Some((20.0, 28.0)),
        _ if v.starts_with('[') => length_px(v).map(|f| (f, 1.5 * f)),
        _ => None,
    }
}

/// The line height of an element's classes: a `leading-` class (`leading-none`: the font size)
/// or its text size's.
fn line_px(plain: &[&str]) -> Option<f64> {
    let text = plain.iter().find_map(|c| text_px(c));
    match plain.iter().find_map(|c| c.strip_prefix("leading-")) {
        Some("none") => text.map(|(f, _)| f),
        Some(v) if length_px(v).is_some() => length_px(v),
        _ => text.map(|(_, l)| l),
    }
}

/// How tall an element's own classes make it, in px: its height (`h-6`, `size-5`), else its
/// vertical padding and line height (`py-1 text-xs`: 24) and a border; `None` when the classes
/// do not say (no height, padding or known line height: the content decides).
pub(crate) fn height_px(classes: &[&str]) -> Option<f64> {
    let plain: Vec<&str> = classes
        .iter()
        .map(|c| c.trim_start_matches('!'))
        .filter(|c| !c.contains(':'))
        .collect();
    if let Some(h) = plain
        .iter()
        .filter_map(|c| class_height(c))
        .fold(None, |m: Option<f64>, h| Some(m.map_or(h, |m| m.max(h))))
    {
        return Some(h);
    }
    let pad = plain.iter().find_map(|c| {
        c.strip_prefix("py-")
            .or_else(|| c.strip_prefix("p-"))
            .and_then(length_px)
    })?;
    let line = line_px(&plain)?;
    let border = if plain.iter().any(|c| border_width(c)) {
        2.0
    } else {
        0.0
    };
    Some(2.0 * pad + line + border)
}

/// Whether an element with these classes (`None`: no class list the rule can read) has the
/// look of the component its shape is replaced by; `text_only`: its children are text only.
pub(super) fn looks_like(shape: Shape, classes: Option<&[&str]>, text_only: bool) -> bool {
    let Some(classes) = classes else {
        // styled elsewhere (a stylesheet, a class from a variable): only an icon-only button
        // shows its shape without classes
        return shape == Shape::IconButton;
    };
    if classes.contains(&"hidden") || classes.contains(&"sr-only") {
        return false;
    }
    let bases: Vec<&str> = classes.iter().map(|c| base(c)).collect();
    // unconditional classes only for the fill (`hover:bg-…` is an effect, not a fill)
    let plain: Vec<&str> = classes
        .iter()
        .copied()
        .filter(|c| !c.contains(':'))
        .collect();
    match shape {
        Shape::Field => {
            // a transparent field without a border or ring at rest (`bg-transparent
            // outline-none`, `border border-transparent hover:border-…`) or with a dashed one
            // (the edit-in-place box of a title) is inline-editable text: a title edited in
            // place, a quick-add row's input, not a framed field
            let transparent = plain.contains(&"bg-transparent");
            let rest_frame = plain.iter().any(|c| {
                (border(c) && *c != "border-transparent")
                    || (c.starts_with("ring")
                        && !c.starts_with("ring-0")
                        && !c.starts_with("ring-offset"))
            }) && !plain.contains(&"border-transparent")
                && !plain.contains(&"border-dashed");
            if transparent && !rest_frame {
                return false;
            }
            // a text field's own frame: a border or ring, focus styles, rounded corners; a
            // bare field (`outline-none`, a fill at most) sits in a box that is the field
            bases
                .iter()
                .any(|c| border(c) || c.starts_with("ring") || c.starts_with("rounded"))
                && !plain
                    .iter()
                    .any(|c| matches!(*c, "border-none" | "border-0"))
        }
        Shape::Divider => bases.iter().any(|c| border(c) || fill(c)),
        Shape::IconButton | Shape::Button => {
            if bases.iter().any(|c| LAYOUT_ROLE.contains(c)) {
                return false;
            }
            if shape == Shape::IconButton {
                return true;
            }
            let chrome = plain.iter().any(|c| fill(c) || border_width(c));
            if chrome && bases.iter().any(|c| padding(c)) {
                return true;
            }
            // a link-style button: coloured, weighted text and nothing else
            text_only
                && !chrome
                && plain.iter().any(|c| text_color(c))
                && plain.iter().any(|c| weight(c))
        }
    }
}

/// Whether an element with these classes is a text-only, link-style button (coloured,
/// weighted text, no fill or border): answered by a link variant of the component only.
pub(super) fn link_style(classes: Option<&[&str]>, text_only: bool) -> bool {
    let Some(classes) = classes else {
        return false;
    };
    let plain: Vec<&str> = classes
        .iter()
        .copied()
        .filter(|c| !c.contains(':'))
        .collect();
    // padding or a hover fill make it a ghost button (a variant most buttons have), not a link
    text_only
        && !plain
            .iter()
            .any(|c| fill(c) || border_width(c) || padding(c))
        && !classes.iter().any(|c| fill(base(c)))
        && plain.iter().any(|c| text_color(c))
        && plain.iter().any(|c| weight(c))
}

/// A class list without margins (`mt-4`, `-ml-1`): where an element sits, not how it looks.
fn look_set<'s>(classes: &[&'s str]) -> Vec<&'s str> {
    let mut v: Vec<&str> = classes
        .iter()
        .copied()
        .filter(|c| {
            let b = base(c).trim_start_matches('-');
            !["m-", "mt-", "mb-", "ml-", "mr-", "mx-", "my-", "ms-", "me-"]
                .iter()
                .any(|p| b.starts_with(p))
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether the file under `root` renders a link (`<a>`, `<Link>`, `<NextLink>`, any
/// `…Link`) with the same classes as `classes`, margins aside: a text button made to look
/// like the links beside it (formbricks' login form: "Use a backup code" next to the sign-up
/// `<Link>`).
pub(super) fn styled_like_a_link(root: Node<'_>, src: &str, classes: &[&str]) -> bool {
    let want = look_set(classes);
    if want.is_empty() {
        return false;
    }
    let mut stack = vec![root];
    let mut seen = 0usize;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > 200_000 {
            return false;
        }
        if matches!(
            n.kind_name(),
            "jsx_opening_element" | "jsx_self_closing_element"
        ) {
            let name = n
                .child_by_field_name("name")
                .map_or("", |x| node_text(x, src));
            let last = name.rsplit('.').next().unwrap_or(name);
            if (last == "a" || last.ends_with("Link"))
                && class_list(n, src).is_some_and(|cs| look_set(&cs) == want)
            {
                return true;
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    false
}

/// Variants of a class that style a selected, pressed or active state
/// (`data-[state=on]:bg-…`, `aria-pressed:…`).
const STATE_VARIANTS: &[&str] = &[
    "data-[state=on]:",
    "data-[state=active]:",
    "data-[state=checked]:",
    "data-[selected",
    "data-[active",
    "data-selected:",
    "data-active:",
    "aria-selected:",
    "aria-pressed:",
    "aria-checked:",
];

/// Roles of an element that is one choice of several, not an action.
const CHOICE_ROLES: &[&str] = &[
    "tab",
    "radio",
    "switch",
    "option",
    "menuitemradio",
    "menuitemcheckbox",
];

/// Words of a condition that is not a selection: a state every button has (disabled,
/// loading), or the look it picks (a variant, a size, a theme).
const NOT_A_SELECTION: &[&str] = &[
    "disabled",
    "enabled",
    "loading",
    "pending",
    "submitting",
    "busy",
    "error",
    "valid",
    "variant",
    "size",
    "color",
    "colour",
    "theme",
    "dark",
    "mode",
    "tone",
    "intent",
];

/// Whether an element is a toggle or a choice among several — a chip, a segment, a tab —
/// rather than an action: `aria-pressed`/`aria-selected`/`aria-checked`, a choice `role`, a
/// selected-state class variant (`data-[state=on]:bg-…`), or a fill, border or text colour
/// its class list picks by a condition (`sel ? "bg-accent text-on-color" : "border"`,
/// `{ "bg-layer-1": isActive }`) — not by `disabled`, `loading`, a variant or a size.
pub(super) fn toggle_state(el: Node<'_>, src: &str) -> bool {
    if super::jsx_attribute(el, src, &["aria-pressed", "aria-selected", "aria-checked"]).is_some() {
        return true;
    }
    if let Some(Some(role)) = super::jsx_attribute(el, src, &["role"]) {
        let r = node_text(role, src).trim_matches(['"', '\'', '{', '}', ' ']);
        if CHOICE_ROLES.contains(&r) {
            return true;
        }
    }
    let Some(Some(v)) = super::jsx_attribute(el, src, &["className", "class"]) else {
        return false;
    };
    let mut all = Vec::new();
    strings(v, src, &mut all);
    if all
        .iter()
        .any(|c| STATE_VARIANTS.iter().any(|p| c.starts_with(p)))
    {
        return true;
    }
    conditional_state(v, src)
}

/// A fill, border colour or text colour without a variant (`bg-x`, not `hover:bg-x`).
fn state_class(c: &str) -> bool {
    !c.contains(':') && (fill(c) || (border(c) && !border_width(c)) || text_color(c))
}

fn picks_state(n: Node<'_>, src: &str) -> bool {
    let mut v = Vec::new();
    strings(n, src, &mut v);
    v.iter().any(|c| state_class(c))
}

/// Classes of a disabled look (`canSubmit ? "bg-black" : "cursor-not-allowed bg-neutral-200"`
/// picks an enabled state, not a selection).
fn disabled_look(n: Node<'_>, src: &str) -> bool {
    let mut v = Vec::new();
    strings(n, src, &mut v);
    v.iter().any(|c| {
        matches!(
            *c,
            "cursor-not-allowed" | "pointer-events-none" | "cursor-wait"
        ) || c.starts_with("opacity-")
    })
}

fn selection_condition(cond: Node<'_>, src: &str) -> bool {
    let t = node_text(cond, src).to_ascii_lowercase();
    !NOT_A_SELECTION.iter().any(|w| t.contains(w))
}

fn conditional_state(n: Node<'_>, src: &str) -> bool {
    match n.kind_name() {
        "ternary_expression" => {
            if let (Some(c), Some(a), Some(b)) = (
                n.child_by_field_name("condition"),
                n.child_by_field_name("consequence"),
                n.child_by_field_name("alternative"),
            ) {
                if selection_condition(c, src)
                    && (picks_state(a, src) || picks_state(b, src))
                    && !disabled_look(a, src)
                    && !disabled_look(b, src)
                {
                    return true;
                }
            }
        }
        "binary_expression" => {
            let op = n.child_by_field_name("operator").map(|o| node_text(o, src));
            if let (Some("&&"), Some(l), Some(r)) = (
                op,
                n.child_by_field_name("left"),
                n.child_by_field_name("right"),
            ) {
                if selection_condition(l, src) && picks_state(r, src) && !disabled_look(r, src) {
                    return true;
                }
            }
        }
        "pair" => {
            if let (Some(k), Some(v)) =
                (n.child_by_field_name("key"), n.child_by_field_name("value"))
            {
                if matches!(k.kind_name(), "string" | "template_string")
                    && selection_condition(v, src)
                    && picks_state(k, src)
                    && !disabled_look(k, src)
                {
                    return true;
                }
            }
        }
        _ => {}
    }
    let mut c = n.walk();
    let kids: Vec<Node<'_>> = n.named_children(&mut c).collect();
    kids.into_iter().any(|k| conditional_state(k, src))
}

/// The class list of a JSX element's `className`/`class` attribute: a string, or every string
/// inside an expression (`cn("…", cond && "…", { "…": on })`); `None` when it has none or only
/// names (`className={styles}`).
pub(super) fn class_list<'s>(el: Node<'_>, src: &'s str) -> Option<Vec<&'s str>> {
    let v = super::jsx_attribute(el, src, &["className", "class"])??;
    let mut out = Vec::new();
    strings(v, src, &mut out);
    (!out.is_empty()).then_some(out)
}

fn strings<'s>(n: Node<'_>, src: &'s str, out: &mut Vec<&'s str>) {
    match n.kind_name() {
        "string_fragment" => out.extend(node_text(n, src).split_whitespace()),
        "template_string" => {
            // the text between substitutions, then the strings inside them
            let (start, end) = (n.start_byte() + 1, n.end_byte().saturating_sub(1));
            let mut at = start;
            let mut c = n.walk();
            let subs: Vec<Node<'_>> = n
                .named_children(&mut c)
                .filter(|ch| ch.kind_name() == "template_substitution")
                .collect();
            for s in &subs {
                if let Some(t) = src.get(at..s.start_byte()) {
                    out.extend(t.split_whitespace());
                }
                at = s.end_byte();
                strings(*s, src, out);
            }
            if let Some(t) = src.get(at..end.max(at)) {
                out.extend(t.split_whitespace());
            }
        }
        _ => {
            let mut c = n.walk();
            for ch in n.named_children(&mut c) {
                strings(ch, src, out);
            }
        }
    }
}

/// Whether an opening element's children are text and expressions only (no element).
pub(super) fn text_only(opening: Node<'_>) -> bool {
    if opening.kind_name() != "jsx_opening_element" {
        return false;
    }
    let Some(el) = opening.parent() else {
        return false;
    };
    let mut c = el.walk();
    let ok = el.named_children(&mut c).all(|ch| {
        matches!(
            ch.kind_name(),
            "jsx_opening_element" | "jsx_closing_element" | "jsx_text" | "jsx_expression"
        )
    });
    ok
}

/// Whether an element's text is one glyph and nothing else (`×`, `✕`, `+`): a chip's remove
/// mark or a stepper's sign, not the words of a text link.
pub(super) fn glyph_only(opening: Node<'_>, src: &str) -> bool {
    let Some(el) = opening
        .parent()
        .filter(|_| opening.kind_name() == "jsx_opening_element")
    else {
        return false;
    };
    let mut c = el.walk();
    let mut text = String::new();
    for ch in el.named_children(&mut c) {
        match ch.kind_name() {
            "jsx_opening_element" | "jsx_closing_element" => {}
            "jsx_text" => text.push_str(&src[ch.byte_range()]),
            _ => return false,
        }
    }
    let t = text.trim();
    let mut chars = t.chars();
    chars.next().is_some_and(|g| !g.is_alphanumeric()) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(classes: &str) -> bool {
        let v: Vec<&str> = classes.split_whitespace().collect();
        looks_like(Shape::Button, Some(&v), false)
    }

    #[test]
    fn a_button_with_its_own_fill_or_border_and_padding_re_creates_the_look() {
        assert!(b(
            "rounded-md bg-neutral-900 px-4 py-2 text-sm font-medium text-white"
        ));
        assert!(b("border border-slate-200 px-3 h-8"));
        assert!(b("border-2 px-3"));
        // a border colour alone draws nothing on a button
        assert!(!b("border-slate-200 px-3"));
        // rows, tiles, adornments and swatches are not buttons the component fits
        assert!(!b(
            "flex w-full items-center gap-2 rounded-sm px-2 py-1 hover:bg-layer-1"
        ));
        assert!(!b(
            "flex flex-col items-center gap-3 rounded-lg border bg-white p-4"
        ));
        assert!(!b("absolute right-3 grid size-5 place-items-center"));
        // a hover fill is an effect; a side border divides cells
        assert!(!b("rounded-xs p-1 hover:bg-layer-1"));
        assert!(!b(
            "flex justify-center border-l border-subtle px-2 text-13"
        ));
        // a fill without padding (a swatch, an avatar) is not a button's look
        assert!(!b(
            "flex size-12 items-center rounded-full bg-accent-primary text-on-color"
        ));
        // classes of a stylesheet show no look
        assert!(!b("zIndexButton"));
        assert!(!looks_like(Shape::Button, None, true));
    }

    #[test]
    fn a_coloured_weighted_text_button_is_a_link_variant() {
        let v = ["ml-8", "text-11", "font-medium", "text-accent-primary"];
        assert!(looks_like(Shape::Button, Some(&v), true));
        // with an icon next to the text it is a trigger, not a link
        assert!(!looks_like(Shape::Button, Some(&v), false));
        // a size is not a colour
        let v = ["text-sm", "font-medium"];
        assert!(!looks_like(Shape::Button, Some(&v), true));
    }

    #[test]
    fn the_height_of_an_element_from_its_classes() {
        let h = |c: &str| {
            let v: Vec<&str> = c.split_whitespace().collect();
            height_px(&v)
        };
        assert_eq!(h("ml-auto h-5 rounded-md px-2 text-xs"), Some(20.0));
        assert_eq!(h("grid size-6 place-items-center"), Some(24.0));
        assert_eq!(h("h-[30px] px-2"), Some(30.0));
        // padding and line height, and a border
        assert_eq!(h("rounded-md bg-black px-4 py-2 text-sm"), Some(36.0));
        let micro = h("rounded-md border px-1.5 py-0.5 text-[0.7rem] leading-none").unwrap();
        assert!((micro - 17.2).abs() < 1e-9, "{micro}");
        assert_eq!(h("px-3 py-1 leading-4"), Some(24.0));
        // near-misses: a responsive height only, an unknown text scale, no padding
        assert_eq!(h("md:h-8 px-2"), None);
        assert_eq!(h("px-2 py-1 text-13"), None);
        assert_eq!(h("rounded-md px-2 text-sm"), None);
        assert_eq!(class_height("size-3.5"), Some(14.0));
        assert_eq!(class_height("h-full"), None);
    }

    #[test]
    fn fields_need_their_own_frame() {
        let f = |c: &str| {
            let v: Vec<&str> = c.split_whitespace().collect();
            looks_like(Shape::Field, Some(&v), false)
        };
        assert!(f("block w-full rounded-md border-neutral-300 px-3 py-2"));
        assert!(f("w-full focus:ring-2 px-2"));
        assert!(!f(
            "w-full bg-surface-2 outline-none placeholder:text-placeholder"
        ));
        assert!(!f("rounded-md border-none bg-transparent"));
        // inline-editable text: transparent, no border or ring at rest
        assert!(!f(
            "w-full rounded-md bg-transparent px-2 py-1.5 text-13 outline-none"
        ));
        assert!(!f(
            "rounded-md border border-dashed border-transparent bg-transparent px-2 hover:border-slate-300"
        ));
        assert!(!f(
            "w-full rounded-md border border-dashed border-slate-300 bg-transparent px-2 text-3xl"
        ));
        // near-misses: transparent but framed; dashed but filled
        assert!(f("rounded-md border border-slate-300 bg-transparent px-2"));
        assert!(f(
            "rounded-md border border-dashed border-slate-300 bg-white px-2"
        ));
        assert!(f("rounded-md bg-transparent ring-1 ring-slate-300 px-2"));
        assert!(!f("hidden"));
        assert!(!looks_like(Shape::Field, None, false));
    }

    #[test]
    fn icon_buttons_and_dividers() {
        assert!(looks_like(Shape::IconButton, None, false));
        assert!(looks_like(
            Shape::IconButton,
            Some(&["grid", "place-items-center"]),
            false
        ));
        assert!(!looks_like(
            Shape::IconButton,
            Some(&["absolute", "right-2"]),
            false
        ));
        assert!(!looks_like(Shape::Divider, Some(&["my-4"]), false));
        assert!(looks_like(
            Shape::Divider,
            Some(&["my-4", "border-slate-200"]),
            false
        ));
        assert!(!looks_like(Shape::Divider, None, false));
    }
}
