//! `trend.md`: a summary for a sprint review or a PR comment — totals and changes per ADR, the
//! rules that moved most, directories where drift grew, and the samples that brought the most.

use std::fmt::Write;

use super::links::AdrLinks;
use super::model::{Delta, Sample, Trend, NO_ADR};
use super::period;
use super::short;

/// Rows in the movers, hotspots and commits tables.
pub(crate) const TOP: usize = 5;

/// "Design-system adoption: 81.2% → 76.0% (−5.2 points)", when the last sample has the number.
pub(crate) fn adoption_line(first: &Sample, last: &Sample) -> Option<String> {
    let b = last.design_system_adoption.as_ref()?.share()?;
    let a = first
        .design_system_adoption
        .as_ref()
        .and_then(|a| a.share());
    Some(match a {
        Some(a) => {
            let d = ((b - a) * 10.0).round() / 10.0;
            let sign = if d > 0.0 {
                "+"
            } else if d < 0.0 {
                "−"
            } else {
                "±"
            };
            format!(
                "Design-system adoption: {a:.1}% → {b:.1}% ({sign}{:.1} points)",
                d.abs()
            )
        }
        None => format!("Design-system adoption: {b:.1}%"),
    })
}

pub(crate) fn render(trend: &Trend, links: &AdrLinks) -> String {
    let mut o = String::new();
    let (Some(first), Some(last)) = (trend.samples.first(), trend.samples.last()) else {
        return o;
    };
    let (d0, d1) = (period::day(first.time), period::day(last.time));
    let _ = writeln!(o, "# Architecture drift: {d0} → {d1}\n");
    let _ = writeln!(o, "{}\n", describe_source(trend));

    let _ = writeln!(o, "| | {d0} | {d1} | change |");
    let _ = writeln!(o, "| --- | ---: | ---: | ---: |");
    for (name, a, b) in Sample::headline(first, last) {
        let name = if name == "findings" {
            "**findings**"
        } else {
            name
        };
        let _ = writeln!(
            o,
            "| {name} | {a} | {b} | {} |",
            signed(b as i64 - a as i64)
        );
    }

    if let Some(line) = adoption_line(first, last) {
        let _ = writeln!(o, "\n{line}");
    }

    let adrs = trend.adrs();
    let _ = writeln!(o, "\n## By ADR\n");
    let by_adr = trend.adr_deltas();
    if by_adr.is_empty() {
        let _ = writeln!(o, "No rule cites an ADR and no sample has findings.");
    } else {
        let _ = writeln!(o, "| ADR | {d0} | {d1} | change |");
        let _ = writeln!(o, "| --- | ---: | ---: | ---: |");
        for d in &by_adr {
            let label = match adrs.get(&d.key) {
                Some(a) => {
                    let text = esc(&if a.title.is_empty() {
                        a.id.clone()
                    } else {
                        format!("{}: {}", a.id, a.title)
                    });
                    match links.link(a) {
                        Some(l) => {
                            format!("[{text}]({})", l.replace(' ', "%20").replace(')', "%29"))
                        }
                        None => text,
                    }
                }
                None if d.key == NO_ADR => "(rules citing no ADR)".to_string(),
                None => esc(&d.key),
            };
            let _ = writeln!(
                o,
                "| {label} | {} | {} | {} |",
                d.first,
                d.last,
                signed(d.change())
            );
        }
    }

    let _ = writeln!(o, "\n## Biggest movers\n");
    let movers = trend.movers(TOP);
    if movers.is_empty() {
        let _ = writeln!(o, "No rule's count changed.");
    } else {
        let _ = writeln!(o, "| rule | kind | ADR | {d0} | {d1} | change |");
        let _ = writeln!(o, "| --- | --- | --- | ---: | ---: | ---: |");
        for d in &movers {
            let r = trend.rules.iter().find(|r| r.id == d.key);
            let kind = r.map_or("", |r| r.kind.as_str());
            let adr = r.map_or(NO_ADR, |r| r.adr_key());
            let _ = writeln!(
                o,
                "| `{}` | {kind} | {} | {} | {} | {} |",
                d.key.replace('`', "'"),
                esc(adr),
                d.first,
                d.last,
                signed(d.change())
            );
        }
    }

    let _ = writeln!(o, "\n## New hotspots\n");
    let hot = trend.hotspots(TOP);
    if hot.is_empty() {
        let _ = writeln!(o, "No directory has more findings than at {d0}.");
    } else {
        let _ = writeln!(o, "Directories whose findings grew most since {d0}:\n");
        let _ = writeln!(o, "| directory | {d0} | {d1} | change |");
        let _ = writeln!(o, "| --- | ---: | ---: | ---: |");
        for Delta { key, first, last } in &hot {
            let new = if *first == 0 { " (new)" } else { "" };
            let _ = writeln!(
                o,
                "| `{}`{new} | {first} | {last} | {} |",
                key.replace('`', "'"),
                signed(*last as i64 - *first as i64)
            );
        }
    }

    let _ = writeln!(o, "\n## Commits that brought the most drift\n");
    let top = trend.top_introducers(TOP);
    if top.is_empty() {
        let _ = writeln!(o, "No sample brought new findings.");
    } else {
        let _ = writeln!(
            o,
            "Findings new in a sample since the sample before it (matched by fingerprint: code that moves inside its file is not new, the findings of a renamed file are):\n"
        );
        let _ = writeln!(o, "| period | commit | subject | introduced | removed |");
        let _ = writeln!(o, "| --- | --- | --- | ---: | ---: |");
        for (i, added, removed) in top {
            let s = &trend.samples[i];
            let prev = &trend.samples[i - 1];
            let _ = writeln!(
                o,
                "| {} → {} | {} | {} | +{added} | −{removed} |",
                period::day(prev.time),
                period::day(s.time),
                s.commit
                    .as_deref()
                    .map_or("–".to_string(), |c| format!("`{}`", short(c))),
                esc(s.subject.as_deref().unwrap_or("")),
            );
        }
    }
    if !trend.budgets.is_empty() {
        let _ = writeln!(o, "\n## Budgets\n");
        let _ = writeln!(o, "| budget | limit | at {d1} | |");
        let _ = writeln!(o, "| --- | --- | ---: | --- |");
        for b in &trend.budgets {
            let limit = [
                b.max.map(|m| format!("at most {m}")),
                b.max_new.as_ref().map(|g| format!("at most {g} new")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
            let status = match b.over() {
                Some(true) => format!("**over by {}**", b.latest.unwrap_or(0) - b.max.unwrap_or(0)),
                Some(false) => "within".to_string(),
                None => String::new(),
            };
            let _ = writeln!(
                o,
                "| `{}` ({}) | {limit} | {} | {status} |",
                b.key.replace('`', "'"),
                b.scope,
                b.latest.map_or("–".to_string(), |n| n.to_string())
            );
        }
    }
    if let Some(a) = &trend.attribution {
        o.push_str(&super::attribute::render_md(a, esc));
    }
    o
}

/// One line saying where the samples came from.
pub(crate) fn describe_source(trend: &Trend) -> String {
    let s = &trend.source;
    let n = trend.samples.len();
    match s.get("kind").map(String::as_str) {
        Some("git") => format!(
            "{n} samples of the first-parent history of `{}` (tip `{}`), one every {} since {}; rules: {}{}.",
            s.get("branch").map_or("HEAD", |b| b.as_str()).replace('`', "'"),
            short(s.get("tip").map_or("", |t| t.as_str())),
            s.get("every").map_or("", |t| t.as_str()),
            esc(s.get("since").map_or("", |t| t.as_str())),
            if s.get("rules").map(String::as_str) == Some("at-commit") {
                "each commit's own"
            } else {
                "as they are now"
            },
            s.get("directory")
                .map_or(String::new(), |d| format!("; directory `{}`", d.replace('`', "'"))),
        ),
        _ => format!(
            "{n} snapshots recorded by `archdrift check --record` in `{}`.",
            s.get("file").map_or("", |f| f.as_str()).replace('`', "'")
        ),
    }
}

pub(crate) fn signed(n: i64) -> String {
    match n {
        0 => "0".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

/// Escapes text from commits and rule files for a Markdown table cell.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' => {
                o.push('\\');
                o.push(c);
            }
            '\n' | '\r' => o.push(' '),
            // no @-mention of a person or team from text of the analysed code
            '@' => o.push_str("@\u{200b}"),
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::AdoptionCounts;

    #[test]
    fn the_adoption_line_says_where_it_went() {
        let at = |ds, raw| Sample {
            design_system_adoption: Some(AdoptionCounts {
                design_system: ds,
                raw_elements: raw,
                near_copies: 0,
            }),
            ..Default::default()
        };
        assert_eq!(
            adoption_line(&at(9, 1), &at(3, 1)).as_deref(),
            Some("Design-system adoption: 90.0% → 75.0% (−15.0 points)")
        );
        assert_eq!(
            adoption_line(&Sample::default(), &at(1, 1)).as_deref(),
            Some("Design-system adoption: 50.0%")
        );
        assert_eq!(adoption_line(&at(1, 1), &Sample::default()), None);
    }
}
