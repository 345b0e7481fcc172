//! The dossier page (`/dossier/`): the release's own account of itself, for a reader who
//! wants the context of the documents: the request that started it (a document titled or
//! named as one, see [`is_request`]), its decisions (documents typed `besluit`, with
//! their dates, the dates the release was made public), and its inventory lists: how many
//! rows, how they were judged, how many documents were withheld, and the list itself to
//! download. Grouped by the folder a list, decision or request sits in, as releases are.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::{asset_name, front_matter, prepare_dir, write, SiteError};
use crate::model::{DocType, Document, Extraction, Kind};

/// A decision, named on the dossier page and on the pages of the documents it released.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentLink {
    /// The decision's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its date, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// An inventory list and what it says.
#[derive(Debug, Serialize, PartialEq)]
pub struct ListSummary {
    /// Its path in the archive.
    pub source: String,
    /// The copy beside the page, to download.
    pub file: String,
    /// Rows the list has.
    pub rows: usize,
    /// Judgements (`Openbaar`, `Deels openbaar`, …) and how many rows have each.
    pub judgements: Vec<(String, usize)>,
    /// Rows without a file in the release.
    pub withheld: usize,
}

/// One folder of the archive with a decision or an inventory list.
#[derive(Debug, Serialize, PartialEq)]
pub struct Dossier {
    /// The folder (`` for the archive's root).
    pub folder: String,
    /// The requests (see [`is_request`]) in the folder; often none: many releases do
    /// not publish the request itself.
    pub requests: Vec<DocumentLink>,
    /// The decisions (documents typed `besluit`) in the folder.
    pub decisions: Vec<DocumentLink>,
    /// The inventory lists in the folder.
    pub lists: Vec<ListSummary>,
    /// Documents in the folder.
    pub documents: usize,
}

#[derive(Serialize)]
struct DossierFrontMatter {
    title: &'static str,
    template: &'static str,
    extra: DossierExtra,
}

#[derive(Serialize)]
struct DossierExtra {
    dossiers: Vec<Dossier>,
}

/// The folder a document sits in (`` for the archive's root); an attachment sits where
/// its email does.
pub fn folder_of(source: &str) -> &str {
    let path = source.split('#').next().unwrap_or(source);
    path.rsplit_once('/')
        .map(|(folder, _)| folder)
        .unwrap_or("")
}

/// The dossiers of an extraction: every folder holding a decision or an inventory list.
/// `file_names` gives the name of each list's copy beside the page.
pub fn dossiers(extraction: &Extraction, file_names: &[String]) -> Vec<Dossier> {
    let mut by_folder: BTreeMap<String, Dossier> = BTreeMap::new();
    for ((source, rows), file) in extraction.inventory_lists.iter().zip(file_names) {
        let listed: Vec<&Document> = extraction
            .records()
            .filter(|d| d.inventory.as_ref().is_some_and(|e| e.list == *source))
            .collect();
        let mut judgements: BTreeMap<String, usize> = BTreeMap::new();
        for doc in &listed {
            let judgement = doc.inventory.as_ref().and_then(|e| e.judgement.clone());
            *judgements
                .entry(judgement.unwrap_or_else(|| "zonder beoordeling".into()))
                .or_default() += 1;
        }
        dossier_mut(&mut by_folder, folder_of(source))
            .lists
            .push(ListSummary {
                source: source.clone(),
                file: file.clone(),
                rows: *rows,
                judgements: judgements.into_iter().collect(),
                withheld: listed.iter().filter(|d| d.kind == Kind::Withheld).count(),
            });
    }
    for (folder, decisions) in decisions_by_folder(extraction.records()) {
        dossier_mut(&mut by_folder, &folder).decisions = decisions;
    }
    for doc in extraction.records().filter(|d| is_request(d)) {
        dossier_mut(&mut by_folder, folder_of(&doc.source))
            .requests
            .push(link(doc));
    }
    for doc in extraction.records() {
        if let Some(dossier) = by_folder.get_mut(folder_of(&doc.source)) {
            dossier.documents += 1;
        }
    }
    by_folder.into_values().collect()
}

/// The decisions (documents typed `besluit`) of each folder: the documents of a folder
/// were made public with them.
pub fn decisions_by_folder<'a>(
    documents: impl Iterator<Item = &'a Document>,
) -> BTreeMap<String, Vec<DocumentLink>> {
    let mut out: BTreeMap<String, Vec<DocumentLink>> = BTreeMap::new();
    for doc in documents.filter(|d| d.doc_type == Some(DocType::Besluit)) {
        out.entry(folder_of(&doc.source).to_string())
            .or_default()
            .push(link(doc));
    }
    out
}

fn link(doc: &Document) -> DocumentLink {
    DocumentLink {
        id: doc.id.clone(),
        title: doc.title.clone(),
        date: doc.date.map(|d| d.to_string()),
    }
}

/// How the title or file name of a request begins: `Verzoek om informatie`,
/// `Woo-verzoek gemeente X`, `wob_verzoek.pdf`, `Informatieverzoek …`, `Aanvraag Woo`.
/// A bare `Verzoek …` is not enough: councils and ministries ask for many things.
const REQUEST_OPENINGS: &[&str] = &[
    "verzoek om informatie",
    "verzoek om openbaarmaking",
    "verzoek openbaarmaking",
    "verzoek op grond van de woo",
    "verzoek op grond van de wob",
    "verzoek woo",
    "verzoek wob",
    "woo-verzoek",
    "wob-verzoek",
    "woo verzoek",
    "wob verzoek",
    "wooverzoek",
    "wobverzoek",
    "informatieverzoek",
    "aanvraag woo",
    "aanvraag wob",
    "aanvraag op grond van de woo",
    "aanvraag op grond van de wob",
];

/// Whether `doc` is the request a release answers: its title or file name begins as a
/// request's does ([`REQUEST_OPENINGS`]), and it is not a decision (`Besluit op uw
/// Woo-verzoek` answers one) and not a reply or forward (`RE: Woo-verzoek`).
pub fn is_request(doc: &Document) -> bool {
    if doc.doc_type == Some(DocType::Besluit) || doc.kind == Kind::Withheld {
        return false;
    }
    let file_stem = doc
        .file_name
        .rsplit_once('.')
        .map_or(doc.file_name.as_str(), |(stem, _)| stem);
    [doc.title.as_str(), file_stem].iter().any(|name| {
        let name = name.trim().to_lowercase().replace('_', " ");
        REQUEST_OPENINGS.iter().any(|opening| {
            name.strip_prefix(opening)
                .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
        })
    })
}

fn dossier_mut<'a>(by_folder: &'a mut BTreeMap<String, Dossier>, folder: &str) -> &'a mut Dossier {
    by_folder
        .entry(folder.to_string())
        .or_insert_with(|| Dossier {
            folder: folder.to_string(),
            requests: Vec::new(),
            decisions: Vec::new(),
            lists: Vec::new(),
            documents: 0,
        })
}

/// Writes `/dossier/` into `dir`, with a copy of every inventory list from `archive`.
pub fn write_dossier(dir: &Path, archive: &Path, extraction: &Extraction) -> Result<(), SiteError> {
    prepare_dir(dir)?;
    let mut names = Vec::new();
    for (i, (source, _)) in extraction.inventory_lists.iter().enumerate() {
        let file_name = source.rsplit('/').next().unwrap_or(source);
        let name = format!("lijst-{}-{}", i + 1, asset_name(file_name));
        let target = dir.join(&name);
        std::fs::copy(archive.join(source), &target).map_err(|source| SiteError::Write {
            path: target.display().to_string(),
            source,
        })?;
        names.push(name);
    }
    let front = DossierFrontMatter {
        title: "Besluit en inventaris",
        template: "dossier.html",
        extra: DossierExtra {
            dossiers: dossiers(extraction, &names),
        },
    };
    write(&dir.join("_index.md"), front_matter(&front).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documents_of_a_folder_were_released_with_its_decisions() {
        let mut decision = Document::for_test("b", "woo1/besluit.pdf");
        decision.doc_type = Some(DocType::Besluit);
        decision.date = chrono::NaiveDate::from_ymd_opt(2020, 11, 2);
        let letter = Document::for_test("l", "woo1/brief.pdf");
        let elsewhere = Document::for_test("e", "woo2/brief.pdf");
        let found = decisions_by_folder([&decision, &letter, &elsewhere].into_iter());
        assert_eq!(found.len(), 1);
        let woo1 = &found["woo1"];
        assert_eq!(woo1.len(), 1);
        assert_eq!(
            (woo1[0].id.as_str(), woo1[0].date.as_deref()),
            ("b", Some("2020-11-02"))
        );
        assert!(!found.contains_key(folder_of(&elsewhere.source)));
    }

    #[test]
    fn a_request_is_titled_or_named_as_one() {
        let titled = |title: &str| {
            let mut doc = Document::for_test("v", "woo1/stuk.pdf");
            doc.title = title.to_string();
            doc
        };
        assert!(is_request(&titled("Woo-verzoek over jeugdbescherming")));
        assert!(is_request(&titled("Verzoek om informatie")));
        assert!(is_request(&titled(
            "Informatieverzoek Jeugdbescherming Noord"
        )));
        assert!(!is_request(&titled("Verzoeken van de raad")));
        assert!(!is_request(&titled("Verzoek om uitstel")));
        assert!(!is_request(&titled("RE: Woo-verzoek")));
        assert!(!is_request(&titled("Raadsbrief ontwikkelingen")));
        let mut decision = titled("Woo-verzoek: besluit");
        decision.doc_type = Some(DocType::Besluit);
        assert!(!is_request(&decision));
        let mut named = Document::for_test("n", "woo1/wob_verzoek.pdf");
        named.title = "Geachte heer".into();
        named.file_name = "wob_verzoek.pdf".into();
        assert!(is_request(&named));
    }

    #[test]
    fn a_request_makes_its_folder_a_dossier_and_is_listed() {
        use crate::model::{Built, Original};
        let built = |doc: Document| Built {
            document: doc,
            original: Original::Withheld,
        };
        let mut request = Document::for_test("v", "woo1/verzoek.pdf");
        request.title = "Woo-verzoek jeugdbescherming".into();
        request.date = chrono::NaiveDate::from_ymd_opt(2024, 3, 1);
        let mut decision = Document::for_test("b", "woo1/besluit.pdf");
        decision.doc_type = Some(DocType::Besluit);
        let letter = Document::for_test("l", "woo2/brief.pdf");
        let extraction = Extraction {
            documents: vec![built(request), built(decision), built(letter)],
            ..Extraction::default()
        };
        let found = dossiers(&extraction, &[]);
        assert_eq!(found.len(), 1, "only woo1 has a request or a decision");
        assert_eq!(found[0].folder, "woo1");
        assert_eq!(
            found[0]
                .requests
                .iter()
                .map(|r| (r.id.as_str(), r.date.as_deref()))
                .collect::<Vec<_>>(),
            vec![("v", Some("2024-03-01"))]
        );
        assert_eq!(found[0].decisions.len(), 1);
        assert_eq!(found[0].documents, 2);
    }

    #[test]
    fn folders_are_the_path_before_the_file() {
        assert_eq!(folder_of("woo1/besluit.pdf"), "woo1");
        assert_eq!(folder_of("besluit.pdf"), "");
        assert_eq!(folder_of("a/b/mail.eml#bijlage.pdf"), "a/b");
    }
}
