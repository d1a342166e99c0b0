//! Reading ADR documents (Markdown: MADR or Nygard style): title, status, decision text.

/// What `explain` shows of an ADR document.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct AdrDoc {
    pub(crate) title: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) decision: Option<String>,
}

/// Parses the parts of an ADR that matter to a reader of a finding.
pub(crate) fn parse(markdown: &str) -> AdrDoc {
    let mut doc = AdrDoc::default();
    let lines: Vec<&str> = markdown.lines().collect();
    let heading = |l: &str| -> Option<(usize, String)> {
        let t = l.trim_start();
        let level = t.chars().take_while(|c| *c == '#').count();
        if level == 0 || level > 6 || !t[level..].starts_with(' ') {
            return None;
        }
        Some((level, t[level..].trim().to_string()))
    };
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if let Some((level, text)) = heading(l) {
            if doc.title.is_none() && level == 1 {
                doc.title = Some(text.clone());
            }
            let lower = text.to_lowercase();
            if lower == "status" || lower.starts_with("decision") {
                let body: Vec<&str> = lines[i + 1..]
                    .iter()
                    .take_while(|l| heading(l).is_none_or(|(lv, _)| lv > level))
                    .copied()
                    .collect();
                let body = body.join("\n").trim().to_string();
                if !body.is_empty() {
                    if lower == "status" {
                        if doc.status.is_none() {
                            doc.status = body.lines().next().map(|s| {
                                s.trim().trim_start_matches(['-', '*']).trim().to_string()
                            });
                        }
                    } else if doc.decision.is_none() {
                        doc.decision = Some(body);
                    }
                }
            }
        } else if doc.status.is_none() {
            let t = l.trim().trim_start_matches(['-', '*']).trim();
            let t = t.trim_start_matches("**").replace("**", "");
            if let Some(rest) = t
                .strip_prefix("Status:")
                .or_else(|| t.strip_prefix("status:"))
            {
                doc.status = Some(rest.trim().to_string());
            }
        }
        i += 1;
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn madr_with_status_line() {
        let d = parse("# ADR-0002: Logging\n\nStatus: Accepted\n\n## Context\nx\n\n## Decision\nUse the logger.\nAlways.\n\n## Consequences\ny\n");
        assert_eq!(d.title.as_deref(), Some("ADR-0002: Logging"));
        assert_eq!(d.status.as_deref(), Some("Accepted"));
        assert_eq!(d.decision.as_deref(), Some("Use the logger.\nAlways."));
    }

    #[test]
    fn nygard_with_status_section() {
        let d = parse("# 7. Use tokens\n\n## Status\n\nSuperseded by 9\n\n## Decision Outcome\n\nChosen: tokens\n### Details\nmore\n## Links\n");
        assert_eq!(d.status.as_deref(), Some("Superseded by 9"));
        assert_eq!(
            d.decision.as_deref(),
            Some("Chosen: tokens\n### Details\nmore")
        );
    }

    #[test]
    fn empty_document() {
        assert_eq!(parse(""), AdrDoc::default());
    }
}
