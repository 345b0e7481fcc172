//! The English version of the site's generated pages, beside the Dutch ones: a page
//! `english.en.md` in each generated section's folder, at `/en/<section>/`.
//!
//! Pages, not `_index.en.md` section translations: Zola copies a section's files (the
//! archive's JSON Lines, the timeline exports, the inventory lists) into every language
//! version of the section, which would double the largest files of the site.
//!
//! Only the interface is translated, not the documents: an English page holds no data
//! of its own but names its Dutch page or section (`extra.from`), whose data the template
//! reads, so no count or timeline is written twice. Facet terms stay single (Dutch, with
//! a switch to the English listings). A document has an English page,
//! `documenten/<id>.en.md` at `/en/documenten/<id>/`, beside its Dutch page bundle (not
//! `<id>/index.en.md` in it, which would make Zola copy the original a second time): a
//! light page, with only a title, a date and the Dutch page's name in its front matter,
//! whose text and facts openbaar puts in after Zola as it does for the Dutch page
//! ([`super::document_text`]), with the facts in English. The document list itself is
//! the other exception: Zola's paginator lists only pages of the section's own language,
//! so its English pages carry their rows (a title, a date, a kind and a page count per
//! document) here.

use std::path::Path;

use serde::Serialize;

use super::{front_matter, one_line, write, Row, SiteError, PAGINATE_PATH};
use crate::model::Document;

/// The language of a page: Dutch, the site's first (at `/`), or English (at `/en/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Dutch.
    Nl = 0,
    /// English.
    En = 1,
}

impl Lang {
    /// Both, Dutch first.
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The code Zola and `<html lang>` use: `nl`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => ENGLISH,
        }
    }

    /// The language of `code`, when it is one of the site's.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The suffix Zola gives an English content file, and the folder of English addresses.
const ENGLISH: &str = "en";

/// The file name of a section's English page.
const ENGLISH_PAGE: &str = "english";

#[derive(Serialize)]
struct Translated<'a> {
    /// The Dutch section, as `get_section` names it (`weglakkingen/_index.md`).
    from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    list: Option<ListPage<'a>>,
}

/// One page of the English document list, with the fields of Zola's paginator that the
/// theme's pager uses (addresses relative to the site's root).
#[derive(Serialize)]
struct ListPage<'a> {
    rows: &'a [Row],
    paginator: Pager,
}

#[derive(Serialize)]
struct Pager {
    current_index: usize,
    number_pagers: usize,
    paginate_by: usize,
    first: String,
    last: String,
    base_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

#[derive(Serialize)]
struct EnglishPage<'a> {
    title: &'a str,
    template: &'a str,
    /// Where Zola puts it: `en/weglakkingen`, `en/documenten/pagina/2`.
    path: String,
    extra: Translated<'a>,
}

/// The front matter of a document's English page: the rest is read from its Dutch page.
#[derive(Serialize)]
struct DocumentPage<'a> {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    template: &'a str,
    /// `en/documenten/<id>`.
    path: String,
    extra: DocumentExtra<'a>,
}

#[derive(Serialize)]
struct DocumentExtra<'a> {
    id: &'a str,
    /// The Dutch page, as `get_page` names it (`documenten/<id>/index.md`).
    from: String,
}

/// Writes the English page of each of `documents` into the documents section `dir`
/// (under the site's `content` folder), beside their Dutch page bundles.
pub fn write_document_pages<'a>(
    dir: &Path,
    content: &Path,
    documents: impl IntoIterator<Item = &'a Document>,
) -> Result<(), SiteError> {
    let section = section_name(dir, content);
    let folder = section.trim_end_matches("_index.md");
    for doc in documents {
        let front = DocumentPage {
            title: one_line(&doc.title),
            date: doc.date.map(|d| d.to_string()),
            template: "document.html",
            path: format!("{ENGLISH}/{folder}{}", doc.id),
            extra: DocumentExtra {
                id: &doc.id,
                from: format!("{folder}{}/index.md", doc.id),
            },
        };
        write(
            &dir.join(format!("{}.{ENGLISH}.md", doc.id)),
            front_matter(&front).as_bytes(),
        )?;
    }
    Ok(())
}

/// The name `get_section` knows the section in `dir` by: its path under `content`.
fn section_name(dir: &Path, content: &Path) -> String {
    let relative = dir.strip_prefix(content).unwrap_or(dir);
    let folders: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let mut name = folders.join("/");
    name.push_str("/_index.md");
    name
}

/// The English address of the section `name` (`weglakkingen/_index.md`), without slashes
/// at the ends: `en/weglakkingen`.
fn english_path(name: &str) -> String {
    format!("{ENGLISH}/{}", name.trim_end_matches("/_index.md"))
}

/// Writes the English page of the generated section in `dir` (under the site's `content`
/// folder), titled `title` and shown with `template`.
pub fn write_section(
    dir: &Path,
    content: &Path,
    title: &str,
    template: &str,
) -> Result<(), SiteError> {
    let from = section_name(dir, content);
    let front = EnglishPage {
        title,
        template,
        path: english_path(&from),
        extra: Translated { from, list: None },
    };
    write(
        &dir.join(format!("{ENGLISH_PAGE}.{ENGLISH}.md")),
        front_matter(&front).as_bytes(),
    )
}

/// Writes the English document list into the documents section `dir`: `english.en.md`
/// is its first page (`/en/documenten/`), `pagina-N.en.md` the others
/// (`/en/documenten/pagina/N/`, as the Dutch list's). `rows` are in the Dutch list's order.
pub fn write_document_list(
    dir: &Path,
    content: &Path,
    rows: &[Row],
    page_size: usize,
) -> Result<(), SiteError> {
    let name = section_name(dir, content);
    let address = format!("{}/", english_path(&name));
    let size = page_size.max(1);
    let pages = rows.len().div_ceil(size).max(1);
    let at = |n: usize| {
        if n == 1 {
            address.clone()
        } else {
            format!("{address}{PAGINATE_PATH}/{n}/")
        }
    };
    for n in 1..=pages {
        let chunk = &rows[((n - 1) * size).min(rows.len())..(n * size).min(rows.len())];
        let extra = Translated {
            from: name.clone(),
            list: Some(ListPage {
                rows: chunk,
                paginator: Pager {
                    current_index: n,
                    number_pagers: pages,
                    paginate_by: size,
                    first: at(1),
                    last: at(pages),
                    base_url: format!("{address}{PAGINATE_PATH}/"),
                    previous: (n > 1).then(|| at(n - 1)),
                    next: (n < pages).then(|| at(n + 1)),
                },
            }),
        };
        let front = EnglishPage {
            title: "Documents",
            template: "documents.html",
            path: at(n).trim_end_matches('/').to_string(),
            extra,
        };
        let file = if n == 1 {
            format!("{ENGLISH_PAGE}.{ENGLISH}.md")
        } else {
            format!("{PAGINATE_PATH}-{n}.{ENGLISH}.md")
        };
        write(&dir.join(file), front_matter(&front).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_named_as_get_section_knows_them() {
        let content = Path::new("/site/content");
        assert_eq!(
            section_name(Path::new("/site/content/weglakkingen"), content),
            "weglakkingen/_index.md"
        );
        assert_eq!(
            section_name(Path::new("/site/content/a/b"), content),
            "a/b/_index.md"
        );
    }

    #[test]
    fn a_document_page_in_english_is_light_and_names_its_dutch_page() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path();
        let docs = content.join("documenten");
        std::fs::create_dir_all(&docs).unwrap();
        let mut doc = Document::for_test("abc", "woo1/brief.pdf");
        doc.title = "Brief over\nde jeugdzorg".into();
        doc.date = chrono::NaiveDate::from_ymd_opt(2024, 5, 16);
        write_document_pages(&docs, content, [&doc]).unwrap();
        let page = std::fs::read_to_string(docs.join("abc.en.md")).unwrap();
        assert_eq!(
            page,
            "+++\ndate = \"2024-05-16\"\npath = \"en/documenten/abc\"\ntemplate = \"document.html\"\ntitle = \"Brief over de jeugdzorg\"\n\n[extra]\nfrom = \"documenten/abc/index.md\"\nid = \"abc\"\n+++\n"
        );
        assert_eq!(Lang::from_code("en"), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn the_english_list_is_paged_as_the_dutch_one() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path();
        let docs = content.join("documenten");
        std::fs::create_dir_all(&docs).unwrap();
        let rows: Vec<Row> = (0..5).map(|i| Row::for_test(&format!("d{i}"))).collect();
        write_document_list(&docs, content, &rows, 2).unwrap();
        let first = std::fs::read_to_string(docs.join("english.en.md")).unwrap();
        assert!(first.contains("path = \"en/documenten\""), "{first}");
        assert!(first.contains("from = \"documenten/_index.md\""), "{first}");
        assert!(first.contains("number_pagers = 3"), "{first}");
        assert!(
            first.contains("next = \"en/documenten/pagina/2/\""),
            "{first}"
        );
        assert!(!first.contains("\"d2\""), "{first}");
        let third = std::fs::read_to_string(docs.join("pagina-3.en.md")).unwrap();
        assert!(
            third.contains("path = \"en/documenten/pagina/3\""),
            "{third}"
        );
        assert!(
            third.contains("\"d4\"") && !third.contains("\"d3\""),
            "{third}"
        );
        assert!(!docs.join("pagina-4.en.md").exists());
    }
}
