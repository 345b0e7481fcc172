//! The document text reaches the built pages through the marker in `document.html`,
//! escaped, the facts in the page's language (Dutch, English), and a theme without the
//! markers fails the build instead of publishing documents without their text.

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

/// Renders `extraction` into a store and splices it into the pages under `site`.
fn splice(extraction: &Extraction, site: &std::path::Path) -> Result<Spliced, SiteError> {
    let scratch = tempfile::tempdir().unwrap();
    TextStore::write(
        &scratch.path().join("tekst"),
        &extraction.documents,
        &Facts::new(extraction),
    )
    .unwrap()
    .splice(site)
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
            "<main><h1>Brief</h1>{TEXT_MARKER}{id} nl --></main><aside>{FACTS_MARKER}{id} nl /documenten/ /documenten/ /tijdlijn/ /documenten/{id}/ /documenten/{id}/ gronden soort organisatie persoon jaar draad--></aside>"
        ),
    )
    .unwrap();
    // Its English page, whose original and data are beside the Dutch page.
    let english = site
        .path()
        .join("en/documenten")
        .join(&id)
        .join("index.html");
    fs::create_dir_all(english.parent().unwrap()).unwrap();
    fs::write(
        &english,
        format!(
            "<main>{TEXT_MARKER}{id} en /documenten/{id}/--></main><aside>{FACTS_MARKER}{id} en /en/documenten/ /documenten/ /en/tijdlijn/ /en/documenten/{id}/ /documenten/{id}/ gronden soort organisatie persoon jaar draad--></aside>"
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
    assert_eq!(store.splice(site.path()).unwrap(), Spliced { pages: 2 });
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
    assert!(
        html.contains(&format!(
            "<a href=\"/documenten/{id}/gegevens-{id}.jsonl\" download>JSON Lines</a> of"
        )),
        "{html}"
    );
    assert!(html.ends_with("</aside>"), "{html}");
    // The English page: the same text, the facts in English, with its own addresses
    // and the files of the Dutch page.
    let en = fs::read_to_string(&english).unwrap();
    assert!(
        en.contains("<p id=\"pagina-1-alinea-1\">Geachte heer,</p>"),
        "{en}"
    );
    assert!(
        en.contains("<h2 id=\"gegevens\">Details</h2>") && !en.contains("Gegevens"),
        "{en}"
    );
    // The text's own words are English there, the text itself marked Dutch.
    assert!(
        en.contains("<section aria-labelledby=\"tekst\" class=\"text\" lang=\"nl\">\n<h2 id=\"tekst\" lang=\"en\">Text</h2>"),
        "{en}"
    );
    assert!(
        !en.contains("openbaar-lang") && !html.contains("openbaar-lang"),
        "{en}"
    );
    assert!(
        en.contains(&format!(
            "<div><dt>Permanent link</dt><dd><a href=\"/en/documenten/{id}/\">/en/documenten/{id}/</a></dd></div>"
        )),
        "{en}"
    );
    assert!(
        en.contains(&format!(
            "<a href=\"/documenten/{id}/gegevens-{id}.jsonl\" download>JSON Lines</a> or"
        )) && en.contains("<a href=\"/documenten/documenten.jsonl\" download>"),
        "{en}"
    );
    assert!(
        !en.contains(TEXT_MARKER) && !en.contains(FACTS_MARKER) && !en.contains("openbaar-url"),
        "{en}"
    );
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

#[test]
fn a_theme_without_the_marker_fails_the_build() {
    let extraction = extraction("Een korte notitie.\n");
    let site = tempfile::tempdir().unwrap();
    let page = site.path().join("documenten/x/index.html");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(&page, "<main>zonder tekst</main>").unwrap();
    let result = splice(&extraction, site.path());
    assert!(
        matches!(result, Err(SiteError::TextMarkerMissing { missing: 1 })),
        "{result:?}"
    );
}

#[test]
fn a_theme_without_the_facts_marker_fails_the_build() {
    let extraction = extraction("Een korte notitie.\n");
    let id = extraction.documents[0].document.id.clone();
    let site = tempfile::tempdir().unwrap();
    let page = site.path().join("documenten/x/index.html");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(&page, format!("<main>{TEXT_MARKER}{id} nl --></main>")).unwrap();
    let english = site.path().join("en/documenten/x/index.html");
    fs::create_dir_all(english.parent().unwrap()).unwrap();
    fs::write(&english, format!("<main>{TEXT_MARKER}{id} en --></main>")).unwrap();
    let result = splice(&extraction, site.path());
    assert!(
        matches!(result, Err(SiteError::FactsMarkerMissing { missing: 1 })),
        "{result:?}"
    );
}

#[test]
fn a_document_without_its_english_page_fails_the_build() {
    let extraction = extraction("Een korte notitie.\n");
    let id = extraction.documents[0].document.id.clone();
    let site = tempfile::tempdir().unwrap();
    let page = site.path().join("documenten/x/index.html");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(
        &page,
        format!("<main>{TEXT_MARKER}{id} nl --></main><aside>{FACTS_MARKER}{id} nl /documenten/ /documenten/ /tijdlijn/ /documenten/x/ /documenten/x/--></aside>"),
    )
    .unwrap();
    let result = splice(&extraction, site.path());
    assert!(
        matches!(result, Err(SiteError::TextMarkerMissing { missing: 1 })),
        "{result:?}"
    );
}
