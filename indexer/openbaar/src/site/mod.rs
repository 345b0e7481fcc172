//! Step 6: the site. Zola content for every document, the redaction counts and the
//! timelines ([`timeline`]); after `zola build`, the search bundle and runtime next to
//! it ([`search`]); [`zola`] runs Zola itself.
//!
//! The indexer owns one content folder (`content/documenten` by default) and rewrites
//! it on every build: a section `_index.md` with archive-wide counts, and per document a
//! page bundle `<id>/index.md` with its original file beside it.
//!
//! Document text is data. Titles and facts go into TOML front matter (never into the
//! Markdown body, where Zola would render HTML and shortcodes), and templates print them
//! escaped. The text itself never reaches Zola: [`document_text`] renders it, escaped,
//! into each page after `zola build`, so Zola's memory does not grow with it.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use serde::Serialize;

pub mod data;
pub mod document_facts;
mod document_page;
pub mod document_text;
pub mod dossier;
pub mod report;
pub mod search;
mod segments;
mod summary;
pub mod timeline;
mod translation;
mod words;
pub mod zola;

use document_page::page_file;
use summary::{summarise, RedactionSummary};
pub use translation::Lang;

use crate::config::Site;
use crate::model::{Built, Document, Extraction, Original};

/// A file that marks a folder as written by Openbaar, so it is safe to clear.
pub const GENERATED_STAMP: &str = ".openbaar-generated";

/// Why the content could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The target folder holds files Openbaar did not write.
    #[error(
        "{0} exists and was not written by openbaar (no {GENERATED_STAMP} file); refusing to delete it"
    )]
    NotOurs(String),
    /// Pages Zola built for documents lack the marker where their text goes.
    #[error(
        "{missing} document page(s) have no text marker: the theme's document.html must print {} page.extra.id, the page's language and the folder of the original --> where the text goes, on the Dutch and on the English page",
        document_text::TEXT_MARKER
    )]
    TextMarkerMissing {
        /// How many documents got no text.
        missing: usize,
    },
    /// Pages Zola built for documents lack the marker where their facts go.
    #[error(
        "{missing} document page(s) have no facts marker: the theme's document.html must print {} page.extra.id, the page's language and the addresses --> where the facts go, on the Dutch and on the English page",
        document_facts::FACTS_MARKER
    )]
    FactsMarkerMissing {
        /// How many documents got no facts.
        missing: usize,
    },
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// What was being written.
        path: String,
        /// The I/O error.
        source: io::Error,
    },
}

#[derive(Serialize)]
struct SectionFrontMatter {
    title: &'static str,
    sort_by: &'static str,
    template: &'static str,
    page_template: &'static str,
    paginate_by: usize,
    paginate_path: &'static str,
    extra: SectionExtra,
}

/// The folder name of the list's further pages: `/documenten/pagina/2/`; the same for
/// the facet pages (`paginate_path` of the taxonomies in `config.toml`).
pub const PAGINATE_PATH: &str = "pagina";

/// A row of a document list, for the home page's newest documents and the English
/// document list ([`translation`]): they read these from front matter instead of loading
/// every page of the section.
#[derive(Serialize)]
pub(crate) struct Row {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// As in a page's front matter, so the same template macro prints both.
    extra: RowExtra,
}

#[derive(Serialize)]
struct RowExtra {
    kind: &'static str,
    kind_label: &'static str,
    page_count: u32,
}

impl Row {
    fn of(doc: &Document) -> Row {
        Row {
            id: doc.id.clone(),
            title: one_line(&doc.title),
            date: doc.date.map(|d| d.to_string()),
            extra: RowExtra {
                kind: doc.kind.name(),
                kind_label: doc.kind.label_nl(),
                page_count: doc.page_count,
            },
        }
    }

    #[cfg(test)]
    fn for_test(id: &str) -> Row {
        Row::of(&Document::for_test(id, &format!("{id}.pdf")))
    }
}

/// How many of the newest documents the home page lists.
const NEWEST: usize = 10;

#[derive(Serialize)]
struct SectionExtra {
    newest: Vec<Row>,
    documents: usize,
    pages: u64,
    scanned_pages: usize,
    by_kind: BTreeMap<String, usize>,
    failed: usize,
    skipped: usize,
}

#[derive(Serialize)]
struct RedactionsFrontMatter {
    title: &'static str,
    template: &'static str,
    extra: RedactionSummary,
}

fn write(path: &Path, contents: &[u8]) -> Result<(), SiteError> {
    fs::write(path, contents).map_err(|source| SiteError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// Writes the generated content of the site for `extraction`, replacing what a
/// previous build wrote: the documents section and the redactions page.
pub fn write_content(site: &Site, extraction: &Extraction) -> Result<(), SiteError> {
    write_documents(&site.generated_dir(), extraction, site.settings.page_size)?;
    let content = site.root.join("content");
    let rows: Vec<Row> = newest_first(&extraction.documents)
        .into_iter()
        .map(|b| Row::of(&b.document))
        .collect();
    translation::write_document_list(
        &site.generated_dir(),
        &content,
        &rows,
        site.settings.page_size,
    )?;
    translation::write_document_pages(
        &site.generated_dir(),
        &content,
        extraction.documents.iter().map(|b| &b.document),
    )?;
    let dir = site.root.join(&site.settings.generated_redactions);
    prepare_dir(&dir)?;
    let front = RedactionsFrontMatter {
        title: "Weglakkingen",
        template: "redactions.html",
        extra: summarise(extraction.documents.iter().map(|b| &b.document)),
    };
    write(&dir.join("_index.md"), front_matter(&front).as_bytes())?;
    translation::write_section(&dir, &content, "Redactions", "redactions.html")?;
    let report_dir = site.root.join(&site.settings.generated_report);
    prepare_dir(&report_dir)?;
    let report = report::build_report(extraction);
    write(
        &report_dir.join("_index.md"),
        front_matter(&report::ReportPage::new(&report)).as_bytes(),
    )?;
    translation::write_section(&report_dir, &content, "Build report", "report.html")?;
    let dossier_dir = site.root.join(&site.settings.generated_dossier);
    dossier::write_dossier(&dossier_dir, &site.archive_dir(), extraction)?;
    translation::write_section(
        &dossier_dir,
        &content,
        "Decision and inventory",
        "dossier.html",
    )?;
    let documents: Vec<&Document> = extraction.documents.iter().map(|b| &b.document).collect();
    let timeline_dir = site.root.join(&site.settings.generated_timeline);
    timeline::write_timelines(&timeline_dir, "Tijdlijn", &documents)?;
    translation::write_section(&timeline_dir, &content, "Timeline", "timeline.html")
}

/// Writes the documents section into `dir`, its list `page_size` rows a page.
pub fn write_documents(
    dir: &Path,
    extraction: &Extraction,
    page_size: usize,
) -> Result<(), SiteError> {
    prepare_dir(dir)?;
    write(
        &dir.join("_index.md"),
        section_file(extraction, page_size).as_bytes(),
    )?;

    let decisions = dossier::decisions_by_folder(extraction.records());
    let mut originals = BTreeMap::new();
    for (rank, built) in newest_first(&extraction.documents).into_iter().enumerate() {
        let doc = &built.document;
        let bundle = dir.join(&doc.id);
        fs::create_dir_all(&bundle).map_err(|source| SiteError::Write {
            path: bundle.display().to_string(),
            source,
        })?;
        let original_name = original_name(built);
        let target = bundle.join(&original_name);
        let copied = match &built.original {
            Original::File(path) => fs::copy(path, &target).map(Some),
            Original::Bytes(bytes) => fs::write(&target, bytes).map(|_| Some(bytes.len() as u64)),
            Original::Withheld => Ok(None),
        }
        .map_err(|source| SiteError::Write {
            path: target.display().to_string(),
            source,
        })?;
        if let Some(bytes) = copied {
            originals.insert(
                doc.id.clone(),
                data::OriginalFile {
                    url: format!("{}/{original_name}", doc.id),
                    name: doc.file_name.clone(),
                    bytes,
                },
            );
        }
        let released_with = decisions
            .get(dossier::folder_of(&doc.source))
            .map(Vec::as_slice)
            .unwrap_or_default();
        let page = page_file(doc, rank + 1, &original_name, released_with);
        write(&bundle.join("index.md"), page.as_bytes())?;
        write_data(&bundle, data::document_files(&doc.id), &[doc])?;
    }
    let all: Vec<&Document> = newest_first(&extraction.documents)
        .into_iter()
        .map(|b| &b.document)
        .collect();
    write(
        &dir.join(data::ORIGINALS_FILE),
        &data::originals(&originals),
    )?;
    let (jsonl, csv) = data::ARCHIVE_FILES;
    write_data(dir, (jsonl.to_string(), csv.to_string()), &all)
}

/// Writes `documents` as JSON Lines and CSV into `dir`, under `names`. The JSON Lines
/// (with the text: about as large as the archive's text) are written a record at a time,
/// so that they are never all in memory.
fn write_data(
    dir: &Path,
    names: (String, String),
    documents: &[&Document],
) -> Result<(), SiteError> {
    use std::io::Write as _;
    let path = dir.join(&names.0);
    let io_error = |source| SiteError::Write {
        path: path.display().to_string(),
        source,
    };
    let mut lines = io::BufWriter::new(fs::File::create(&path).map_err(io_error)?);
    for doc in documents {
        lines.write_all(&data::jsonl(&[doc])).map_err(io_error)?;
    }
    lines.flush().map_err(io_error)?;
    let table = data::csv(documents).map_err(|e| SiteError::Write {
        path: dir.join(&names.1).display().to_string(),
        source: std::io::Error::other(e),
    })?;
    write(&dir.join(&names.1), &table)
}

/// The name of a document's original beside its page; empty when it is withheld.
fn original_name(built: &Built) -> String {
    match built.original {
        Original::Withheld => String::new(),
        _ => asset_name(&built.document.file_name),
    }
}

/// Empties a folder Openbaar owns (refusing one it did not write) and marks it as ours.
fn prepare_dir(dir: &Path) -> Result<(), SiteError> {
    let io_error = |source| SiteError::Write {
        path: dir.display().to_string(),
        source,
    };
    if dir.exists() {
        let empty = fs::read_dir(dir).map_err(io_error)?.next().is_none();
        if !empty && !dir.join(GENERATED_STAMP).exists() {
            return Err(SiteError::NotOurs(dir.display().to_string()));
        }
        fs::remove_dir_all(dir).map_err(io_error)?;
    }
    fs::create_dir_all(dir).map_err(io_error)?;
    write(
        &dir.join(GENERATED_STAMP),
        b"Written by openbaar build; deleted and rewritten on every build.\n",
    )
}

/// Documents by date, newest first; undated ones last, by title. Zola lists pages by
/// `weight`, which keeps undated documents in the list (sorting by `date` drops them).
fn newest_first(documents: &[Built]) -> Vec<&Built> {
    let mut sorted: Vec<&Built> = documents.iter().collect();
    sorted.sort_by(|a, b| {
        let (a, b) = (&a.document, &b.document);
        match (&a.date, &b.date) {
            (Some(x), Some(y)) => y.cmp(x).then_with(|| a.title.cmp(&b.title)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.title.cmp(&b.title),
        }
        .then_with(|| a.id.cmp(&b.id))
    });
    sorted
}

fn section_file(extraction: &Extraction, page_size: usize) -> String {
    let mut by_kind = BTreeMap::new();
    for built in &extraction.documents {
        *by_kind
            .entry(built.document.kind.label_nl().to_string())
            .or_default() += 1;
    }
    let front = SectionFrontMatter {
        title: "Documenten",
        sort_by: "weight",
        template: "documents.html",
        page_template: "document.html",
        paginate_by: page_size.max(1),
        paginate_path: PAGINATE_PATH,
        extra: SectionExtra {
            newest: newest_first(&extraction.documents)
                .into_iter()
                .take(NEWEST)
                .map(|b| Row::of(&b.document))
                .collect(),
            documents: extraction.documents.len(),
            pages: extraction
                .documents
                .iter()
                .map(|b| u64::from(b.document.page_count))
                .sum(),
            scanned_pages: extraction
                .documents
                .iter()
                .map(|b| b.document.scanned_pages())
                .sum(),
            by_kind,
            failed: extraction.failed.len(),
            skipped: extraction.skipped.len(),
        },
    };
    front_matter(&front)
}

/// Serialises front matter between `+++` fences, with an empty body.
///
/// Zola ends the front matter at the first `+++` that closes a line. Every string is
/// put on one line first (whatever field it came from: a spreadsheet cell, a file name,
/// a header), so each is quoted on its line and a `+++` in it is always followed by its
/// closing quote: it can never end the block.
fn front_matter<T: Serialize>(value: &T) -> String {
    let mut value =
        toml::Value::try_from(value).expect("front matter is plain data and always serialises");
    flatten_strings(&mut value);
    let toml = toml::to_string(&value).expect("a TOML value serialises");
    format!("+++\n{toml}+++\n")
}

fn flatten_strings(value: &mut toml::Value) {
    match value {
        toml::Value::String(s) if s.chars().any(char::is_control) => *s = one_line(s),
        toml::Value::Array(items) => items.iter_mut().for_each(flatten_strings),
        toml::Value::Table(table) => table.iter_mut().for_each(|(_, v)| flatten_strings(v)),
        _ => {}
    }
}

/// A string with line breaks and control characters turned into spaces.
fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A safe file name for the original next to the page: ASCII letters, digits, `.`, `-`
/// and `_`, never hidden, never Markdown (Zola would take a `.md` file for a page).
/// Accents are dropped (`één.pdf` → `een.pdf`); a name with no ASCII letters or digits
/// left (`日本.txt`) becomes `origineel` with its extension, so the download never
/// loses its file.
pub fn asset_name(file_name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let name: String = file_name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if ext.len() <= 8 && ext.chars().any(|c| c.is_ascii_alphanumeric()) => {
            (stem.to_string(), Some(ext.to_ascii_lowercase()))
        }
        _ => (name.clone(), None),
    };
    // Never hidden, never an option (`-rf`).
    let stem = stem.trim_start_matches(['.', '_', '-']);
    let mut stem = if stem.chars().any(|c| c.is_ascii_alphanumeric()) {
        stem.to_string()
    } else {
        "origineel".to_string()
    };
    stem.truncate(100);
    if stem == "index" || stem.starts_with("index.") {
        stem = format!("origineel-{stem}");
    }
    let mut name = match extension {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    };
    if name.to_ascii_lowercase().ends_with(".md") {
        name.push_str(".txt");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_names_are_safe() {
        assert_eq!(
            asset_name("brief 26 maart (def).pdf"),
            "brief_26_maart__def_.pdf"
        );
        assert_eq!(asset_name("../../etc/passwd"), "etc_passwd");
        assert_eq!(asset_name("notitie.md"), "notitie.md.txt");
        assert_eq!(asset_name("index.md"), "origineel-index.md.txt");
        assert_eq!(asset_name(".verborgen"), "verborgen");
        assert_eq!(asset_name(".pdf"), "origineel.pdf");
        assert_eq!(asset_name(""), "origineel");
        assert_eq!(asset_name("-rf.txt"), "rf.txt");
        assert!(asset_name(&format!("{}.pdf", "a".repeat(300))).ends_with(".pdf"));
    }

    #[test]
    fn names_without_ascii_keep_their_extension() {
        assert_eq!(asset_name("ééé.pdf"), "eee.pdf");
        assert_eq!(asset_name("Één brief.PDF"), "Een_brief.pdf");
        assert_eq!(asset_name("日本.txt"), "origineel.txt");
        assert_eq!(asset_name("日本"), "origineel");
        assert_eq!(asset_name("…"), "origineel");
    }

    #[test]
    fn front_matter_cannot_be_closed_by_document_text() {
        #[derive(Serialize)]
        struct T {
            title: String,
            lines: Vec<String>,
        }
        let nasty = "x\n+++\ntitle = \"gehackt\"\n+++ '''\"".to_string();
        let text = front_matter(&T {
            title: nasty.clone(),
            lines: vec![nasty, "{{ config.base_url }} {% raw %} <script>".into()],
        });
        // The only lines that are exactly the fence are the first and the last.
        let fences: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_end().ends_with("+++"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(fences, vec![0, text.lines().count() - 1], "{text}");
        let inner = text.trim_start_matches("+++\n").trim_end_matches("+++\n");
        let parsed: toml::Table = toml::from_str(inner).unwrap();
        assert!(parsed["title"].as_str().unwrap().contains("+++ title"));
    }
}
