//! The timeline as data for other programs: TimelineJS's JSON and a CSV table.

use super::merge::{TimelineEvent, TimelineItem};

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
                .map(|s| format!("{} (/documenten/{}/)", s.title, s.id))
                .collect();
            serde_json::json!({
                "start_date": date(e.date.iso()),
                "text": { "headline": e.sources[0].sentence, "text": format!("Bronnen: {}", sources.join("; ")) },
                "group": "gebeurtenis",
            })
        })
        .collect();
    entries.extend(items.iter().map(|i| {
        serde_json::json!({
            "start_date": date(i.date.to_string()),
            "text": { "headline": i.title, "text": format!("{} (/documenten/{}/)", i.doc_type, i.id) },
            "group": if i.item == "message" { "bericht" } else { "document" },
        })
    }));
    serde_json::json!({ "title": { "text": { "headline": title } }, "events": entries })
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
            &e.sources[0].sentence,
            &titles.join(" | "),
            &links.join(" "),
        ])?;
    }
    for i in items {
        let link = format!("/documenten/{}/", i.id);
        let date = i.date.to_string();
        writer.write_record([i.item, &date, "day", &i.title, &i.title, &link])?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
