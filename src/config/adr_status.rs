//! What an ADR's status does to the rules that cite it, applied once a configuration is loaded:
//! Proposed downgrades them, Deprecated and Superseded retire them.

use crate::adr::document as adr;
use crate::adr::{effect, Effect, Retired, MAX_ADR_BYTES};
use crate::core::Severity;

use super::Config;

/// Applies the status of each rule's ADR: downgrades Proposed, retires Deprecated/Superseded.
pub(crate) fn apply_status(cfg: &mut Config) {
    let root = cfg.root.clone();
    let mut cache: std::collections::HashMap<String, Option<String>> = Default::default();
    let mut status_of = |path: &str| -> Option<String> {
        let key = path.trim_start_matches("./").to_string();
        if let Some(d) = cfg.adr.docs.iter().find(|d| d.rel == key) {
            return d.status.clone();
        }
        cache
            .entry(key.clone())
            .or_insert_with(|| {
                let p = root.join(&key);
                let small =
                    std::fs::metadata(&p).is_ok_and(|m| m.is_file() && m.len() <= MAX_ADR_BYTES);
                if !small {
                    return None;
                }
                crate::core::safe_read::read_regular_string(&p, MAX_ADR_BYTES)
                    .ok()
                    .and_then(|t| adr::parse(&t).status)
            })
            .clone()
    };
    let rules = std::mem::take(&mut cfg.rules);
    for mut r in rules {
        let status = r.adr.as_ref().and_then(|a| {
            match a.path.as_deref() {
                Some(p) => status_of(p),
                // an ADR cited by id alone: its document, when one has that id
                None => cfg
                    .adr
                    .docs
                    .iter()
                    .find(|d| d.id.eq_ignore_ascii_case(&a.id))
                    .and_then(|d| d.status.clone()),
            }
        });
        match status.as_deref().map(effect) {
            Some(Effect::Retire { by }) => {
                cfg.adr.retired.push(Retired {
                    id: r.id.clone(),
                    adr: r.adr.clone().unwrap_or_default(),
                    status: status.unwrap_or_default(),
                    by,
                    defined_at: r.defined_at.clone(),
                });
                continue;
            }
            Some(Effect::Warn) => {
                if r.severity == Severity::Error {
                    r.severity = Severity::Warning;
                }
                let label = r.adr.as_ref().map(|a| a.id.clone()).unwrap_or_default();
                let note =
                    format!("{label} is only proposed: reported as a warning until it is accepted");
                r.help = Some(match r.help.take() {
                    Some(h) => format!("{h}\n{note}"),
                    None => note,
                });
            }
            _ => {}
        }
        cfg.rules.push(r);
    }
}
