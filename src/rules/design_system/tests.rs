//! Tests of `design_system`.

#![cfg(test)]

use super::*;

#[test]
fn css_values_by_property() {
    assert!(matches!(
        css_value("color", "#FFF"),
        Some((Category::Color, _))
    ));
    assert!(matches!(
        css_value("border", "1px solid rgb(0, 0, 0)"),
        Some((Category::Color, _))
    ));
    assert_eq!(
        css_value("padding", "8px 16px"),
        Some((Category::Spacing, StyleValue::Px(vec![8.0, 16.0])))
    );
    assert_eq!(css_value("padding", "0"), None);
    assert_eq!(css_value("margin", "0 auto"), None);
    assert_eq!(css_value("padding", "calc(100% - 4px)"), None);
    assert_eq!(css_value("color", "var(--color-primary)"), None);
    assert_eq!(
        css_value("width", "13px"),
        None,
        "layout sizes are not tokens"
    );
    assert_eq!(
        css_value("font-size", "0.875rem"),
        Some((Category::FontSize, StyleValue::Px(vec![14.0])))
    );
    assert_eq!(
        css_value("fontWeight", "600"),
        Some((Category::FontWeight, StyleValue::Number(600.0)))
    );
    assert_eq!(css_value("zIndex", "1"), None);
    assert!(matches!(
        css_value("boxShadow", "0 1px 2px rgba(0,0,0,.2)"),
        Some((Category::Shadow, _))
    ));
    assert_eq!(css_value("boxShadow", "none"), None);
    assert_eq!(css_value("borderRadius", "50%"), None);
}

#[test]
fn tailwind_values_by_utility() {
    assert!(matches!(
        tailwind_value("bg", "#1a2b3c"),
        Some((Category::Color, _))
    ));
    assert_eq!(
        tailwind_value("p", "13px"),
        Some((Category::Spacing, StyleValue::Px(vec![13.0])))
    );
    assert_eq!(
        tailwind_value("text", "14px"),
        Some((Category::FontSize, StyleValue::Px(vec![14.0])))
    );
    assert_eq!(tailwind_value("w", "13px"), None);
    assert_eq!(tailwind_value("grid-cols", "1fr 2fr"), None);
    assert_eq!(
        tailwind_value("z", "60"),
        Some((Category::ZIndex, StyleValue::Number(60.0)))
    );
}
