//! The timeline as data for other programs: TimelineJS's JSON and a CSV table.
//!
//! Exports are data, and the programs that open them execute some data: TimelineJS
//! renders its text fields as HTML, and a spreadsheet runs a cell that starts with `=`,
//! `+`, `-` or `@` as a formula. Document text is made inert for each (HTML escaped for
//! TimelineJS; a leading quote for a spreadsheet), and control characters are dropped.

use super::merge::{TimelineEvent, TimelineItem};
use crate::site::data::csv_cell;

/// Text for a field TimelineJS renders as HTML.
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_control()) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The events and documents in TimelineJS's JSON format.
pub fn timelinejs(
    title: &str,
    events: &[TimelineEvent],
    items: &[TimelineItem],
) -> serde_json::Value {
    let date = |iso: String| {
        let mut parts = iso.split('-');
        let mut value = serde_json::json!({ "year": parts.next().unwrap_or("") });
        if let Some(month) = parts.next() {
            value["month"] = month.trim_start_matches('0').into();
        }
        if let Some(day) = parts.next() {
            value["day"] = day.trim_start_matches('0').into();
        }
        value
    };
    let mut entries: Vec<serde_json::Value> = events
        .iter()
        .map(|e| {
            let sources: Vec<String> = e
                .sources
                .iter()
                .map(|s| format!("{} (/documenten/{}/)", html_text(&s.title), s.id))
                .collect();
            serde_json::json!({
                "start_date": date(e.date.iso()),
                "text": {
                    "headline": html_text(&e.sources[0].sentence),
                    "text": format!("Bronnen: {}", sources.join("; ")),
                },
                "group": "gebeurtenis",
            })
        })
        .collect();
    entries.extend(items.iter().map(|i| {
        serde_json::json!({
            "start_date": date(i.date.to_string()),
            "text": {
                "headline": html_text(&i.title),
                "text": format!("{} (/documenten/{}/)", html_text(&i.doc_type), i.id),
            },
            "group": if i.item == "message" { "bericht" } else { "document" },
        })
    }));
    serde_json::json!({ "title": { "text": { "headline": html_text(title) } }, "events": entries })
}

/// The events and documents as CSV: one row each, events first.
pub fn csv(events: &[TimelineEvent], items: &[TimelineItem]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["soort", "datum", "precisie", "tekst", "documenten", "links"])?;
    for e in events {
        let titles: Vec<&str> = e.sources.iter().map(|s| s.title.as_str()).collect();
        let links: Vec<String> = e
            .sources
            .iter()
            .map(|s| format!("/documenten/{}/", s.id))
            .collect();
        let precision = format!("{:?}", e.precision).to_lowercase();
        writer.write_record([
            "gebeurtenis",
            &e.date.iso(),
            &precision,
            &csv_cell(&e.sources[0].sentence),
            &csv_cell(&titles.join(" | ")),
            &links.join(" "),
        ])?;
    }
    for i in items {
        let link = format!("/documenten/{}/", i.id);
        let date = i.date.to_string();
        let title = csv_cell(&i.title);
        writer.write_record([i.item, &date, "day", &title, &title, &link])?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_in_document_text_is_escaped_for_timelinejs() {
        assert_eq!(
            html_text("<script>alert(1)</script> & <img src=x onerror=\"a()\">"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=&quot;a()&quot;&gt;"
        );
        assert_eq!(html_text("a\0b"), "ab");
    }

    #[test]
    fn formulas_are_quoted_and_control_characters_dropped() {
        for formula in ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)"] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        assert_eq!(csv_cell("Brief van 26 maart"), "Brief van 26 maart");
        assert_eq!(csv_cell("a\0b\r\nc"), "a b  c");
    }
}
