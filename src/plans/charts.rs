//! Charts drawn on the server as SVG, without script: a plan's timeline by
//! theme with today's line, and horizontal bar charts. Each chart carries a
//! title for assistive technology; pages put the same figures in a table.

use std::fmt::Write;

use super::model::ActivityStatus;

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

const LABELS: f64 = 220.0;
const PLOT: f64 = 560.0;
const WIDTH: f64 = LABELS + PLOT + 20.0;
const ROW: f64 = 22.0;

/// The fill of an activity's bar per status; overdue bars get a dark red outline besides.
fn status_fill(status: ActivityStatus) -> &'static str {
    match status {
        ActivityStatus::Planned => "#8fb3d9",
        ActivityStatus::InProgress => "#2b6cb0",
        ActivityStatus::Done => "#2f855a",
        ActivityStatus::Postponed => "#b7791f",
        ActivityStatus::Cancelled => "#a0aec0",
    }
}

/// One activity on the timeline.
pub struct Bar {
    pub label: String,
    pub start: time::Date,
    pub end: time::Date,
    pub status: ActivityStatus,
    pub overdue: bool,
    /// What a pointer shows over the bar (title, dates, status).
    pub detail: String,
}

/// The activities of one theme.
pub struct Lane {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// Shortens a label to fit the label column.
fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        format!("{}…", label.chars().take(max - 1).collect::<String>())
    }
}

/// A timeline of the period `from`–`to`: a heading row per theme, a bar per activity, a line at `today` when it
/// falls in the period.
pub fn timeline(
    lanes: &[Lane],
    from: time::Date,
    to: time::Date,
    today: time::Date,
    title: &str,
    today_label: &str,
) -> String {
    let days = f64::from((to - from).whole_days().max(1) as i32);
    let x =
        |day: time::Date| LABELS + PLOT * (f64::from((day - from).whole_days().clamp(0, days as i64) as i32) / days);
    let rows: usize = lanes.iter().map(|l| l.bars.len() + 1).sum();
    let height = ROW * rows as f64 + 40.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"timeline-title\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" font-family=\"sans-serif\" font-size=\"12\">\
         <title id=\"timeline-title\">{}</title>",
        escape(title)
    );
    let mut y = 10.0;
    for lane in lanes {
        let _ = write!(
            svg,
            "<text x=\"4\" y=\"{}\" font-weight=\"bold\" fill=\"#1a202c\">{}</text>",
            y + 14.0,
            escape(&clip(&lane.label, 60))
        );
        y += ROW;
        for bar in &lane.bars {
            let (x0, x1) = (x(bar.start), x(bar.end));
            let outline = if bar.overdue { " stroke=\"#9b2c2c\" stroke-width=\"3\"" } else { "" };
            let _ = write!(
                svg,
                "<text x=\"12\" y=\"{}\" fill=\"#1a202c\">{}</text><rect x=\"{x0:.1}\" y=\"{}\" width=\"{:.1}\" height=\"14\" \
                 rx=\"2\" fill=\"{}\"{outline}><title>{}</title></rect>",
                y + 14.0,
                escape(&clip(&bar.label, 32)),
                y + 3.0,
                (x1 - x0).max(3.0),
                status_fill(bar.status),
                escape(&bar.detail)
            );
            y += ROW;
        }
    }
    let axis = y + 4.0;
    let _ = write!(
        svg,
        "<line x1=\"{LABELS}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\" stroke=\"#4a5568\"/>\
         <text x=\"{LABELS}\" y=\"{}\" fill=\"#1a202c\">{from}</text>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#1a202c\">{to}</text>",
        LABELS + PLOT,
        axis + 16.0,
        LABELS + PLOT,
        axis + 16.0
    );
    if from <= today && today <= to {
        let at = x(today);
        let _ = write!(
            svg,
            "<line x1=\"{at:.1}\" y1=\"4\" x2=\"{at:.1}\" y2=\"{axis}\" stroke=\"#c53030\" stroke-width=\"2\" \
             stroke-dasharray=\"4 3\"/><text x=\"{at:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#9b2c2c\">{}</text>",
            axis + 30.0,
            escape(today_label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// One bar (or pair of bars) of a chart: its value and how the value is written beside it.
pub struct BarItem {
    pub label: String,
    pub value: i64,
    pub shown: String,
    /// A second series drawn under the first (secured under planned).
    pub second: Option<(i64, String)>,
}

/// Horizontal bars, one series or two (`legend` names them), scaled to the largest value.
pub fn bars(title: &str, id: &str, items: &[BarItem], legend: Option<(&str, &str)>) -> String {
    let max = items.iter().map(|i| i.value.max(i.second.as_ref().map_or(0, |s| s.0))).max().unwrap_or(0).max(1) as f64;
    let per_item = if legend.is_some() { 2.0 * ROW } else { ROW };
    let height = per_item * items.len() as f64 + if legend.is_some() { 40.0 } else { 16.0 };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" font-family=\"sans-serif\" font-size=\"12\">\
         <title id=\"{id}-title\">{}</title>",
        escape(title)
    );
    let scale = |v: i64| (PLOT - 120.0) * (v as f64 / max);
    let mut y = 6.0;
    for item in items {
        let _ =
            write!(svg, "<text x=\"4\" y=\"{}\" fill=\"#1a202c\">{}</text>", y + 14.0, escape(&clip(&item.label, 34)));
        let second = item.second.as_ref().map(|(v, s)| (*v, s.as_str(), "#2f855a"));
        for (value, shown, fill) in std::iter::once((item.value, item.shown.as_str(), "#2b6cb0")).chain(second) {
            let width = scale(value).max(1.0);
            let _ = write!(
                svg,
                "<rect x=\"{LABELS}\" y=\"{}\" width=\"{width:.1}\" height=\"14\" fill=\"{fill}\"/>\
                 <text x=\"{:.1}\" y=\"{}\" fill=\"#1a202c\">{}</text>",
                y + 3.0,
                LABELS + width + 6.0,
                y + 14.0,
                escape(shown)
            );
            y += ROW;
        }
        if item.second.is_none() && legend.is_some() {
            y += ROW;
        }
    }
    if let Some((first, second)) = legend {
        let _ = write!(
            svg,
            "<rect x=\"{LABELS}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"#2b6cb0\"/>\
             <text x=\"{}\" y=\"{}\" fill=\"#1a202c\">{}</text>\
             <rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"#2f855a\"/>\
             <text x=\"{}\" y=\"{}\" fill=\"#1a202c\">{}</text>",
            y + 8.0,
            LABELS + 18.0,
            y + 18.0,
            escape(first),
            LABELS + 200.0,
            y + 8.0,
            LABELS + 218.0,
            y + 18.0,
            escape(second)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A line of percentages over the period `from`–`to`, a dot on each day it is known.
pub fn line(title: &str, id: &str, points: &[(time::Date, u8)], from: time::Date, to: time::Date) -> String {
    const HEIGHT: f64 = 160.0;
    let days = f64::from((to - from).whole_days().max(1) as i32);
    let x =
        |day: time::Date| LABELS + PLOT * (f64::from((day - from).whole_days().clamp(0, days as i64) as i32) / days);
    let y = |percent: u8| 10.0 + HEIGHT * (1.0 - f64::from(percent) / 100.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title\" \
         viewBox=\"0 0 {WIDTH} {}\" width=\"100%\" font-family=\"sans-serif\" font-size=\"12\">\
         <title id=\"{id}-title\">{}</title>",
        HEIGHT + 40.0,
        escape(title)
    );
    for percent in [0u8, 50, 100] {
        let _ = write!(
            svg,
            "<line x1=\"{LABELS}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#cbd5e0\"/>\
             <text x=\"{2}\" y=\"{3:.1}\" text-anchor=\"end\" fill=\"#1a202c\">{percent} %</text>",
            y(percent),
            LABELS + PLOT,
            LABELS - 6.0,
            y(percent) + 4.0
        );
    }
    let path: Vec<String> = points.iter().map(|(day, percent)| format!("{:.1},{:.1}", x(*day), y(*percent))).collect();
    if !path.is_empty() {
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\"/>",
            path.join(" ")
        );
    }
    for (day, percent) in points {
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#2b6cb0\"><title>{day}: {percent} %</title></circle>",
            x(*day),
            y(*percent)
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{LABELS}\" y=\"{0}\" fill=\"#1a202c\">{from}</text>\
         <text x=\"{1}\" y=\"{0}\" text-anchor=\"end\" fill=\"#1a202c\">{to}</text></svg>",
        HEIGHT + 32.0,
        LABELS + PLOT
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn lane() -> Vec<Lane> {
        vec![Lane {
            label: "Education <&>".into(),
            bars: vec![Bar {
                label: "Training".into(),
                start: date!(2005 - 01 - 01),
                end: date!(2005 - 07 - 01),
                status: ActivityStatus::InProgress,
                overdue: true,
                detail: "Training, 2005".into(),
            }],
        }]
    }

    #[test]
    fn the_timeline_draws_today_only_within_the_period() {
        let svg =
            timeline(&lane(), date!(2005 - 01 - 01), date!(2006 - 01 - 01), date!(2005 - 07 - 02), "Plan", "today");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Education &lt;&amp;&gt;"), "labels are escaped");
        assert!(svg.contains("stroke-dasharray") && svg.contains(">today<"));
        assert!(svg.contains("stroke=\"#9b2c2c\" stroke-width=\"3\""), "the overdue bar is outlined");
        // Half a year of a year's plot starts the bar at the left and ends it near the middle.
        assert!(svg.contains("<rect x=\"220.0\""), "{svg}");
        let later =
            timeline(&lane(), date!(2005 - 01 - 01), date!(2006 - 01 - 01), date!(2026 - 01 - 01), "Plan", "today");
        assert!(!later.contains("stroke-dasharray"));
    }

    #[test]
    fn the_line_runs_through_each_known_day() {
        let points = [(date!(2005 - 01 - 01), 0), (date!(2006 - 01 - 01), 100)];
        let svg = line("Progress", "p", &points, date!(2005 - 01 - 01), date!(2006 - 01 - 01));
        assert!(svg.contains("<polyline points=\"220.0,170.0 780.0,10.0\""), "{svg}");
        assert!(svg.contains("<title>2006-01-01: 100 %</title>"));
        assert!(!line("Progress", "p", &[], date!(2005 - 01 - 01), date!(2006 - 01 - 01)).contains("polyline"));
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        let item = |label: &str, value: i64, second: Option<(i64, String)>| BarItem {
            label: label.into(),
            value,
            shown: format!("{value} items"),
            second,
        };
        let svg = bars("By status", "s", &[item("planned", 4, None), item("done", 2, None)], None);
        assert!(svg.contains("width=\"440.0\"") && svg.contains("width=\"220.0\""), "{svg}");
        assert!(svg.contains(">4 items<"));
        let paired =
            bars("Budget", "b", &[item("UNDP", 100, Some((25, "25 USD".into())))], Some(("planned", "secured")));
        assert!(
            paired.contains(">planned<") && paired.contains("width=\"110.0\"") && paired.contains(">25 USD<"),
            "{paired}"
        );
    }
}
