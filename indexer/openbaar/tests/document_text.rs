//! The document text reaches the built pages through the marker in `document.html`,
//! escaped, and a theme without the marker fails the build instead of publishing
//! documents without their text.

use std::fs;

use openbaar::config::Settings;
use openbaar::model::Extraction;
use openbaar::records::{extract_all, NoProgress};
use openbaar::site::document_facts::{Facts, FACTS_MARKER};
use openbaar::site::document_text::{Spliced, TextStore, TEXT_MARKER};
use openbaar::site::SiteError;

fn extraction(text: &str) -> Extraction {
    let archive = tempfile::tempdir().unwrap();
    fs::write(archive.path().join("brief.txt"), text).unwrap();
    let extraction = extract_all(
        &[archive.path().to_path_buf()],
        &Settings::default(),
        &NoProgress,
    );
    assert_eq!(extraction.documents.len(), 1, "{:?}", extraction.failed);
    extraction
}

#[test]
fn the_marker_becomes_the_escaped_text() {
    let extraction =
        extraction("Geachte heer,\n\nDit is <script>alert(1)</script> & {{ config.base_url }}.\n");
    let id = extraction.documents[0].document.id.clone();
    let site = tempfile::tempdir().unwrap();
    let page = site.path().join("documenten").join(&id).join("index.html");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(
        &page,
        format!(
            "<main><h1>Brief</h1>{TEXT_MARKER}{id}--></main><aside>{FACTS_MARKER}{id} /documenten/ /tijdlijn/ /documenten/{id}/ gronden soort organisatie persoon jaar draad--></aside>"
        ),
    )
    .unwrap();
    // A page without the marker (the home page) is left alone.
    fs::write(site.path().join("index.html"), "<main>home</main>").unwrap();

    let scratch = tempfile::tempdir().unwrap();
    let store_path = scratch.path().join("tekst");
    let store =
        TextStore::write(&store_path, &extraction.documents, &Facts::new(&extraction)).unwrap();
    drop(extraction);
    assert_eq!(store.splice(site.path()).unwrap(), Spliced { pages: 1 });
    // The store's file goes with the store.
    drop(store);
    assert!(!store_path.exists());
    let html = fs::read_to_string(&page).unwrap();
    assert!(
        html.starts_with("<main><h1>Brief</h1><section aria-labelledby=\"tekst\" class=\"text\">"),
        "{html}"
    );
    assert!(html.contains("</section>\n</main><aside>"), "{html}");
    // The facts, with the addresses the marker gave.
    assert!(
        html.contains(&format!(
            "<div><dt>Vaste link</dt><dd><a href=\"/documenten/{id}/\">/documenten/{id}/</a></dd></div>"
        )),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/documenten/documenten.jsonl\" download>"),
        "{html}"
    );
    assert!(html.ends_with("</aside>"), "{html}");
    assert!(
        html.contains("<p id=\"pagina-1-alinea-1\">Geachte heer,</p>"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ config.base_url }}."),
        "{html}"
    );
    assert!(
        !html.contains("<script>")
            && !html.contains(TEXT_MARKER)
            && !html.contains(FACTS_MARKER)
            && !html.contains("openbaar-url"),
        "{html}"
    );
    assert_eq!(
        fs::read_to_string(site.path().join("index.html")).unwrap(),
        "<main>home</main>"
    );
}

/// Splices the text and facts of a one-document archive into a site whose only
/// document page is `page_html` (`{id}` stands for the document's id).
fn splice_into_page(page_html: &str) -> Result<Spliced, SiteError> {
    let extraction = extraction("Een korte notitie.\n");
    let id = extraction.documents[0].document.id.clone();
    let site = tempfile::tempdir().unwrap();
    let page = site.path().join("documenten/x/index.html");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(&page, page_html.replace("{id}", &id)).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let store = TextStore::write(
        &scratch.path().join("tekst"),
        &extraction.documents,
        &Facts::new(&extraction),
    )
    .unwrap();
    store.splice(site.path())
}

#[test]
fn a_theme_without_the_marker_fails_the_build() {
    let result = splice_into_page("<main>zonder tekst</main>");
    assert!(
        matches!(result, Err(SiteError::TextMarkerMissing { missing: 1 })),
        "{result:?}"
    );
}

#[test]
fn a_theme_without_the_facts_marker_fails_the_build() {
    let result = splice_into_page(&format!("<main>{TEXT_MARKER}{{id}}--></main>"));
    assert!(
        matches!(result, Err(SiteError::FactsMarkerMissing { missing: 1 })),
        "{result:?}"
    );
}
