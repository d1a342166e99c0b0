//! `trend.html`: one self-contained page (no network access needed) for people — charts over
//! time per kind (stacked areas) and per ADR (lines), drift introduced vs removed per period
//! (bars), hotspots, movers and every sample, each ADR linked.
//!
//! Charts are drawn by Chart.js (vendored under `assets/chartjs/`, MIT), embedded whole; tables
//! are written here, escaped. Text from commits and rule files reaches the page only escaped:
//! HTML-escaped in tables, and as JSON with every `<` written `\u003c` inside the data script.

use std::fmt::Write;

use serde::Serialize;

use super::links::AdrLinks;
use super::model::{Sample, Trend, NO_ADR};
use super::period;
use super::report_md::describe_source;
use super::short;

const CHART_JS: &str = include_str!("../../assets/chartjs/chart.umd.min.js");
const CHART_JS_LICENSE: &str = "Chart.js v4.6.1 | (c) Chart.js Contributors | MIT License";

/// Rows in the hotspot and movers tables.
const TOP: usize = 10;

#[derive(Serialize)]
struct ChartData<'a> {
    labels: Vec<String>,
    commits: Vec<String>,
    kinds: Vec<Series<'a>>,
    adrs: Vec<Series<'a>>,
    introduced: Vec<usize>,
    removed: Vec<i64>,
    /// `max` budgets of ADRs, drawn as dashed lines on the ADR chart.
    budgets: Vec<BudgetSeries<'a>>,
}

#[derive(Serialize)]
struct BudgetSeries<'a> {
    /// The ADR series it belongs to.
    key: &'a str,
    max: usize,
}

#[derive(Serialize)]
struct Series<'a> {
    key: &'a str,
    label: String,
    values: Vec<usize>,
}

pub(crate) fn render(trend: &Trend, links: &AdrLinks) -> String {
    let mut o = String::new();
    let (Some(first), Some(last)) = (trend.samples.first(), trend.samples.last()) else {
        return o;
    };
    let (d0, d1) = (period::day(first.time), period::day(last.time));
    let adrs = trend.adrs();
    let changes = trend.changes();

    // chart data
    let kind_keys = trend.deltas(|s| &s.by_kind);
    let adr_keys = trend.deltas(|s| &s.by_adr);
    let data = ChartData {
        labels: trend.samples.iter().map(|s| period::day(s.time)).collect(),
        commits: trend
            .samples
            .iter()
            .map(|s| {
                let c = s.commit.as_deref().map(short).unwrap_or("");
                let subj: String = s
                    .subject
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .take(80)
                    .collect();
                format!("{c} {subj}").trim().to_string()
            })
            .collect(),
        kinds: kind_keys
            .iter()
            .map(|d| Series {
                key: &d.key,
                label: d.key.clone(),
                values: trend
                    .samples
                    .iter()
                    .map(|s| s.by_kind.get(&d.key).copied().unwrap_or(0))
                    .collect(),
            })
            .collect(),
        adrs: adr_keys
            .iter()
            .map(|d| Series {
                key: &d.key,
                label: match adrs.get(&d.key) {
                    Some(a) if !a.title.is_empty() => format!("{}: {}", a.id, a.title),
                    _ => d.key.clone(),
                },
                values: trend
                    .samples
                    .iter()
                    .map(|s| s.by_adr.get(&d.key).copied().unwrap_or(0))
                    .collect(),
            })
            .collect(),
        budgets: trend
            .budgets
            .iter()
            .filter(|b| b.scope == "adr")
            .filter_map(|b| {
                Some(BudgetSeries {
                    key: &b.key,
                    max: b.max?,
                })
            })
            .collect(),
        introduced: changes.iter().map(|c| c.map_or(0, |c| c.0)).collect(),
        removed: changes
            .iter()
            .map(|c| -(c.map_or(0, |c| c.1) as i64))
            .collect(),
    };
    let json = serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c");

    let title = format!("Architecture drift: {d0} → {d1}");
    let _ = write!(
        o,
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="archdrift {version}">
<title>{title}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="source">{source}</p>
</header>
<main>
"#,
        version = env!("CARGO_PKG_VERSION"),
        title = esc(&title),
        source = esc(&describe_source(trend).replace('`', "")),
    );

    // headline numbers
    let _ = writeln!(o, r#"<section class="cards">"#);
    let cards = Sample::headline(first, last);
    for (name, a, b) in cards {
        let ch = b as i64 - a as i64;
        let class = if name == "files checked" || ch == 0 {
            "flat"
        } else if ch > 0 {
            "up"
        } else {
            "down"
        };
        let _ = writeln!(
            o,
            r#"<div class="card"><div class="num">{b}</div><div class="name">{name}</div><div class="delta {class}">{} since {d0}</div></div>"#,
            signed(ch)
        );
    }
    let _ = writeln!(o, "</section>");
    if let Some(line) = super::report_md::adoption_line(first, last) {
        let _ = writeln!(o, "<p class=\"adoption\">{}</p>", esc(&line));
    }

    let _ = writeln!(
        o,
        r#"<section><h2>Findings over time, by rule kind</h2>
<div class="chart"><canvas id="chart-kind" role="img" aria-label="Stacked area chart of findings per rule kind for each sample">Findings per rule kind (needs JavaScript).</canvas></div></section>
<section><h2>Findings over time, by ADR</h2>
<div class="chart"><canvas id="chart-adr" role="img" aria-label="Line chart of findings per ADR for each sample">Findings per ADR (needs JavaScript).</canvas></div>"#
    );

    // ADR table
    let _ = writeln!(
        o,
        r#"<table><thead><tr><th>ADR</th><th class="n">{d0}</th><th class="n">{d1}</th><th class="n">change</th></tr></thead><tbody>"#
    );
    let adr_rows = trend.adr_deltas();
    if adr_rows.is_empty() {
        let _ = writeln!(
            o,
            r#"<tr><td colspan="4">No rule cites an ADR and no sample has findings.</td></tr>"#
        );
    }
    for d in &adr_rows {
        let cell = match adrs.get(&d.key) {
            Some(a) => {
                let text = if a.title.is_empty() {
                    esc(&a.id)
                } else {
                    format!("<b>{}</b> {}", esc(&a.id), esc(&a.title))
                };
                match links.link(a) {
                    Some(l) => format!(r#"<a href="{}">{text}</a>"#, esc(&l)),
                    None => text,
                }
            }
            None if d.key == NO_ADR => "<i>rules citing no ADR</i>".into(),
            None => esc(&d.key),
        };
        let _ = writeln!(
            o,
            r#"<tr><td>{cell}</td><td class="n">{}</td><td class="n">{}</td><td class="n {}">{}</td></tr>"#,
            d.first,
            d.last,
            dir_class(d.change()),
            signed(d.change())
        );
    }
    let _ = writeln!(o, "</tbody></table></section>");

    let _ = writeln!(
        o,
        r#"<section><h2>Drift introduced vs removed, per period</h2>
<p class="note">Findings new in a sample and gone from it since the sample before, matched by fingerprint: code that moves inside its file is neither; the findings of a renamed file count as removed and introduced.</p>
<div class="chart short"><canvas id="chart-churn" role="img" aria-label="Bar chart of findings introduced and removed per period">Introduced and removed findings per period (needs JavaScript).</canvas></div></section>"#
    );

    // hotspots
    let _ = writeln!(
        o,
        r#"<section class="two"><div><h2>Hotspots at {d1}</h2><table><thead><tr><th>directory</th><th class="n">findings</th><th class="n">since {d0}</th></tr></thead><tbody>"#
    );
    let dir_deltas = trend.deltas(|s| &s.by_directory);
    let top_dirs = Trend::top_directories(last, TOP);
    if top_dirs.is_empty() {
        let _ = writeln!(o, r#"<tr><td colspan="3">No findings.</td></tr>"#);
    }
    for (dir, n) in &top_dirs {
        let ch = dir_deltas
            .iter()
            .find(|d| &d.key == dir)
            .map_or(0, |d| d.change());
        let new = if ch == *n as i64 && ch > 0 {
            r#" <span class="tag">new</span>"#
        } else {
            ""
        };
        let _ = writeln!(
            o,
            r#"<tr><td><code>{}</code>{new}</td><td class="n">{n}</td><td class="n {}">{}</td></tr>"#,
            esc(dir),
            dir_class(ch),
            signed(ch)
        );
    }
    let _ = writeln!(
        o,
        r#"</tbody></table></div><div><h2>Growing fastest</h2><table><thead><tr><th>directory</th><th class="n">{d0}</th><th class="n">{d1}</th><th class="n">change</th></tr></thead><tbody>"#
    );
    let hot = trend.hotspots(TOP);
    if hot.is_empty() {
        let _ = writeln!(o, r#"<tr><td colspan="4">No directory grew.</td></tr>"#);
    }
    for d in &hot {
        let _ = writeln!(
            o,
            r#"<tr><td><code>{}</code></td><td class="n">{}</td><td class="n">{}</td><td class="n up">{}</td></tr>"#,
            esc(&d.key),
            d.first,
            d.last,
            signed(d.change())
        );
    }
    let _ = writeln!(o, "</tbody></table></div></section>");

    // movers
    let _ = writeln!(
        o,
        r#"<section><h2>Biggest movers</h2><table><thead><tr><th>rule</th><th>kind</th><th>ADR</th><th class="n">{d0}</th><th class="n">{d1}</th><th class="n">change</th></tr></thead><tbody>"#
    );
    let movers = trend.movers(TOP);
    if movers.is_empty() {
        let _ = writeln!(
            o,
            r#"<tr><td colspan="6">No rule's count changed.</td></tr>"#
        );
    }
    for d in &movers {
        let r = trend.rules.iter().find(|r| r.id == d.key);
        let adr = match r.and_then(|r| r.adr.as_ref()) {
            Some(a) => match links.link(a) {
                Some(l) => format!(r#"<a href="{}">{}</a>"#, esc(&l), esc(&a.id)),
                None => esc(&a.id),
            },
            None => String::new(),
        };
        let _ = writeln!(
            o,
            r#"<tr><td><code>{}</code></td><td>{}</td><td>{adr}</td><td class="n">{}</td><td class="n">{}</td><td class="n {}">{}</td></tr>"#,
            esc(&d.key),
            esc(r.map_or("", |r| r.kind.as_str())),
            d.first,
            d.last,
            dir_class(d.change()),
            signed(d.change())
        );
    }
    let _ = writeln!(o, "</tbody></table></section>");

    // every sample
    let _ = writeln!(
        o,
        r#"<section><h2>Samples</h2><table class="samples"><thead><tr><th>date</th><th>commit</th><th>subject</th><th class="n">findings</th><th class="n">introduced</th><th class="n">removed</th></tr></thead><tbody>"#
    );
    for (s, ch) in trend.samples.iter().zip(&changes).rev() {
        let (a, r) = match ch {
            Some((a, r)) => (format!("+{a}"), format!("−{r}")),
            None => (String::new(), String::new()),
        };
        let _ = writeln!(
            o,
            r#"<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td class="n">{}</td><td class="n up">{a}</td><td class="n down">{r}</td></tr>"#,
            period::day(s.time),
            esc(s.commit.as_deref().map(short).unwrap_or("")),
            esc(s.subject.as_deref().unwrap_or("")),
            s.findings
        );
    }
    let _ = writeln!(o, "</tbody></table></section>");
    if let Some(a) = &trend.attribution {
        o.push_str(&super::attribute::render_html(a, esc));
    }
    let _ = writeln!(o, "</main>");
    let _ = writeln!(
        o,
        r#"<footer>Generated by archdrift {}. Charts: {CHART_JS_LICENSE}.</footer>"#,
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        o,
        "<script>\n{}\n</script>",
        CHART_JS.replace("//# sourceMappingURL=chart.umd.min.js.map", "")
    );
    let _ = writeln!(
        o,
        "<script type=\"application/json\" id=\"trend-data\">{json}</script>\n<script>\n{SCRIPT}</script>\n</body>\n</html>"
    );
    o
}

fn signed(n: i64) -> String {
    match n {
        0 => "±0".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", -n),
    }
}

fn dir_class(n: i64) -> &'static str {
    match n {
        0 => "flat",
        n if n > 0 => "up",
        _ => "down",
    }
}

/// HTML-escapes text (also for attribute values).
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str = r#"
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --soft:#f6f8fa; --up:#c0392b; --down:#1a7f37; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color:var(--fg); background:var(--bg); }
header { padding: 24px 32px 8px; border-bottom: 1px solid var(--line); }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { font-size: 18px; margin: 0 0 10px; }
.source { color: var(--muted); margin: 0 0 12px; }
main { padding: 8px 32px 32px; max-width: 1400px; }
section { margin: 22px 0; }
.cards { display: flex; gap: 14px; flex-wrap: wrap; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 18px; min-width: 150px; background: var(--soft); }
.card .num { font-size: 28px; font-weight: 650; }
.card .name { color: var(--muted); }
.delta { font-size: 13px; }
.up { color: var(--up); } .down { color: var(--down); } .flat { color: var(--muted); }
.chart { position: relative; height: 340px; }
.chart.short { height: 260px; }
.note { color: var(--muted); margin: 0 0 8px; font-size: 13px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; }
table { border-collapse: collapse; width: 100%; margin-top: 12px; font-size: 14px; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
a { color: #0969da; }
.tag { font-size: 11px; background: #fff1e5; color: #9a3412; border-radius: 4px; padding: 1px 5px; }
.samples td:nth-child(3) { max-width: 520px; }
footer { color: var(--muted); font-size: 12px; padding: 12px 32px 28px; border-top: 1px solid var(--line); }
"#;

const SCRIPT: &str = r#"
(function () {
  var data = JSON.parse(document.getElementById('trend-data').textContent);
  if (typeof Chart === 'undefined') { return; }
  var palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  function color(i, alpha) {
    var c = palette[i % palette.length];
    if (alpha === undefined) { return c; }
    var n = parseInt(c.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#1f2328';
  Chart.defaults.animation = false;
  var tooltipTitle = function (items) {
    var i = items[0].dataIndex;
    return data.labels[i] + (data.commits[i] ? '  ' + data.commits[i] : '');
  };
  function common(stacked, yTitle) {
    return {
      responsive: true, maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'right', labels: { boxWidth: 14 } }, tooltip: { callbacks: { title: tooltipTitle } } },
      scales: {
        x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 16 }, grid: { display: false } },
        y: { stacked: stacked, beginAtZero: true, title: { display: true, text: yTitle }, ticks: { precision: 0 } }
      }
    };
  }
  new Chart(document.getElementById('chart-kind'), {
    type: 'line',
    data: { labels: data.labels, datasets: data.kinds.map(function (s, i) {
      return { label: s.label, data: s.values, fill: i === 0 ? 'origin' : '-1', borderColor: color(i), backgroundColor: color(i, 0.45), pointRadius: 2, tension: 0 };
    }) },
    options: common(true, 'findings (stacked)')
  });
  new Chart(document.getElementById('chart-adr'), {
    type: 'line',
    data: { labels: data.labels, datasets: data.adrs.map(function (s, i) {
      return { label: s.label, data: s.values, fill: false, borderColor: color(i), backgroundColor: color(i), pointRadius: 3, borderWidth: 2, tension: 0 };
    }).concat(data.budgets.map(function (b) {
      var i = data.adrs.findIndex(function (s) { return s.key === b.key; });
      return { label: 'budget ' + b.key, data: data.labels.map(function () { return b.max; }), fill: false, borderColor: color(Math.max(i, 0)), borderDash: [6, 4], borderWidth: 1.5, pointRadius: 0, tension: 0 };
    })) },
    options: common(false, 'findings')
  });
  var churn = common(true, 'findings');
  churn.scales.x.stacked = true;
  churn.plugins.legend.position = 'top';
  new Chart(document.getElementById('chart-churn'), {
    type: 'bar',
    data: { labels: data.labels, datasets: [
      { label: 'introduced', data: data.introduced, backgroundColor: 'rgba(192,57,43,0.8)' },
      { label: 'removed', data: data.removed, backgroundColor: 'rgba(26,127,55,0.8)' }
    ] },
    options: churn
  });
})();
"#;

#[cfg(test)]
mod tests {
    #[test]
    fn vendored_library_cannot_end_the_script_element() {
        assert!(!super::CHART_JS.contains("</script"));
        assert!(super::CHART_JS.contains("Chart.js v4.6.1"));
    }
}
