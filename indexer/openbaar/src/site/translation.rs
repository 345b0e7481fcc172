//! The English version of the site's generated pages, beside the Dutch ones: a page
//! `english.en.md` in each generated section's folder, at `/en/<section>/`.
//!
//! Pages, not `_index.en.md` section translations: Zola copies a section's files (the
//! archive's JSON Lines, the timeline exports, the inventory lists) into every language
//! version of the section, which would double the largest files of the site.
//!
//! Only the interface is translated, not the documents: an English page holds no data
//! of its own but names its Dutch section (`extra.from`), whose data the template reads,
//! so no count or timeline is written twice. Document pages and facet terms stay single
//! (Dutch, with a switch to the English listings): an English page per document would
//! add a file per document, and the site must stay within a static host's file limit
//! (see README, "Languages"). The document list itself is the exception: Zola's
//! paginator lists only pages of the section's own language, so its English pages carry
//! their rows (a title, a date, a kind and a page count per document) here.

use std::path::Path;

use serde::Serialize;

use super::{front_matter, write, Row, SiteError, PAGINATE_PATH};

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
