//! The timeline pages: the archive timeline (`/tijdlijn/`) with its exports, and one
//! timeline per organisation (`/tijdlijn/<organisation>/`).

use std::path::Path;

use serde::Serialize;

mod export;
pub mod merge;

use export::{csv, timelinejs};
use merge::{archive_common_words, events, items, TimelineEvent, TimelineItem};

use super::{front_matter, prepare_dir, write, SiteError};
use crate::model::Document;

/// Values to filter by, for the filter form.
#[derive(Serialize, Default)]
struct Filters {
    types: Vec<String>,
    organisations: Vec<String>,
    people: Vec<String>,
    grounds: Vec<String>,
}

#[derive(Serialize)]
struct TimelineExtra {
    #[serde(skip_serializing_if = "Option::is_none")]
    organisation: Option<String>,
    events: Vec<TimelineEvent>,
    items: Vec<TimelineItem>,
    filters: Filters,
    organisations: Vec<(String, String)>,
}

/// The front matter of a timeline: a section, the archive's and each organisation's
/// alike. An organisation's timeline is a section of its own (`<slug>/_index.md`), not a
/// page of `/tijdlijn/`: Zola 0.17 serialises every page of a section, with all its
/// events, to render the section, and a page's neighbours in its section (`lower`,
/// `higher`) to render the page; as pages, the organisations' timelines took about 500 MB
/// of Zola's 900 MB on 3,000 synthetic documents, as sections 190 MB
/// (`scripts/bench-zola-parts`, README "Benchmarks").
#[derive(Serialize)]
struct TimelineFrontMatter {
    title: String,
    template: &'static str,
    extra: TimelineExtra,
}

/// A URL-safe name: `Gemeente Groningen` → `gemeente-groningen`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn filters(events: &[TimelineEvent], items: &[TimelineItem]) -> Filters {
    let mut f = Filters::default();
    let add = |list: &mut Vec<String>, values: &[String]| {
        for v in values {
            if !list.contains(v) {
                list.push(v.clone());
            }
        }
    };
    for e in events {
        add(&mut f.types, &e.doc_types);
        add(&mut f.organisations, &e.organisations);
        add(&mut f.people, &e.people);
        add(&mut f.grounds, &e.grounds);
    }
    for i in items {
        add(&mut f.types, std::slice::from_ref(&i.doc_type));
        add(&mut f.organisations, &i.organisations);
        add(&mut f.people, &i.people);
        add(&mut f.grounds, &i.grounds);
    }
    for list in [
        &mut f.types,
        &mut f.organisations,
        &mut f.people,
        &mut f.grounds,
    ] {
        list.sort();
    }
    f
}

/// Writes `/tijdlijn/` (with `tijdlijn.json` and `tijdlijn.csv`) and a section per
/// organisation (`/tijdlijn/<slug>/`) into `dir`.
pub fn write_timelines(dir: &Path, title: &str, documents: &[&Document]) -> Result<(), SiteError> {
    prepare_dir(dir)?;
    let common = archive_common_words(documents);
    let all_events = events(documents, &common);
    let all_items = items(documents);
    let json = serde_json::to_vec_pretty(&timelinejs(title, &all_events, &all_items))
        .expect("timeline JSON serialises");
    write(&dir.join("tijdlijn.json"), &json)?;
    let table = csv(&all_events, &all_items).map_err(|e| SiteError::Write {
        path: dir.join("tijdlijn.csv").display().to_string(),
        source: std::io::Error::other(e),
    })?;
    write(&dir.join("tijdlijn.csv"), &table)?;

    let mut organisations: Vec<String> = documents
        .iter()
        .flat_map(|d| d.organisations.clone())
        .collect();
    organisations.sort();
    organisations.dedup();
    let links: Vec<(String, String)> = organisations.iter().map(|o| (o.clone(), slug(o))).collect();
    let front = TimelineFrontMatter {
        title: "Tijdlijn".into(),
        template: "timeline.html",
        extra: TimelineExtra {
            organisation: None,
            filters: filters(&all_events, &all_items),
            events: all_events,
            items: all_items,
            organisations: links.clone(),
        },
    };
    write(&dir.join("_index.md"), front_matter(&front).as_bytes())?;

    for (organisation, slug) in links {
        let of_org: Vec<&Document> = documents
            .iter()
            .copied()
            .filter(|d| d.organisations.contains(&organisation))
            .collect();
        // Only the events that documents of this organisation mention.
        let org_events: Vec<TimelineEvent> = events(&of_org, &common);
        let org_items = items(&of_org);
        let page_dir = dir.join(&slug);
        std::fs::create_dir_all(&page_dir).map_err(|source| SiteError::Write {
            path: page_dir.display().to_string(),
            source,
        })?;
        let front = TimelineFrontMatter {
            title: format!("Tijdlijn {organisation}"),
            template: "timeline.html",
            extra: TimelineExtra {
                organisation: Some(organisation.clone()),
                filters: filters(&org_events, &org_items),
                events: org_events,
                items: org_items,
                organisations: Vec::new(),
            },
        };
        write(&page_dir.join("_index.md"), front_matter(&front).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(slug("Gemeente Groningen"), "gemeente-groningen");
        assert_eq!(
            slug("Ministerie van Volksgezondheid, Welzijn en Sport"),
            "ministerie-van-volksgezondheid-welzijn-en-sport"
        );
        assert_eq!(slug("Coördinatie & Één"), "coordinatie-een");
    }
}
