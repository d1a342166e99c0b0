//! `[suppressions]` of `archdrift.toml`: the severities of the findings about `archdrift-ignore`
//! comments (applied by [`crate::check::suppress`]).

use crate::core::{ConfigError, Fields, Severity};

/// `[suppressions]` in `archdrift.toml`: the severity of the findings about suppressions
/// (`off` switches one off).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    pub(crate) missing_reason: Option<Severity>,
    pub(crate) unused: Option<Severity>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            missing_reason: Some(Severity::Error),
            unused: Some(Severity::Warning),
        }
    }
}

/// Reads the `[suppressions]` table.
/// The keys of `[suppressions]`.
pub(crate) const FIELDS: &[&str] = &["missing_reason", "unused"];

pub(crate) fn parse_settings(f: &Fields<'_, '_>) -> Result<Settings, ConfigError> {
    let mut s = Settings::default();
    for (key, slot) in [
        ("missing_reason", &mut s.missing_reason),
        ("unused", &mut s.unused),
    ] {
        if let Some(v) = f.str(key)? {
            *slot = match v.get_ref().as_str() {
                "off" => None,
                other => Some(Severity::parse(other).ok_or_else(|| {
                    ConfigError::at(f.src, v.span(), format!("unknown severity `{other}`"))
                        .label("not a severity")
                        .help("one of: error, warning, info, off")
                })?),
            };
        }
    }
    f.finish(FIELDS)?;
    Ok(s)
}
