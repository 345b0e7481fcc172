//! The document text reaches the built pages through the marker in `document.html`,
//! escaped, and a theme without the marker fails the build instead of publishing
//! documents without their text.

use std::fs;

use openbaar::config::Settings;
use openbaar::model::Built;
use openbaar::records::{extract_all, NoProgress};
use openbaar::site::document_text::{splice_text, Spliced, TEXT_MARKER};
use openbaar::site::SiteError;

fn extraction(text: &str) -> Vec<Built> {
    let archive = tempfile::tempdir().unwrap();
    fs::write(archive.path().join("brief.txt"), text).unwrap();
    let extraction = extract_all(
        &[archive.path().to_path_buf()],
        &Settings::default(),
        &NoProgress,
    );
    assert_eq!(extraction.documents.len(), 1, "{:?}", extraction.failed);
    extraction.documents
}

#[test]
fn the_marker_becomes_the_escaped_text() {
    let documents =
        extraction("Geachte heer,\n\nDit is <script>alert(1)</script> & {{ config.base_url }}.\n");
    let id = &documents[0].document.id;
    let site = tempfile::tempdir().unwrap();
    let page = site.path().join("documenten").join(id).join("index.html");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(
        &page,
        format!("<main><h1>Brief</h1>{TEXT_MARKER}{id}--></main>"),
    )
    .unwrap();
    // A page without the marker (the home page) is left alone.
    fs::write(site.path().join("index.html"), "<main>home</main>").unwrap();

    assert_eq!(
        splice_text(site.path(), &documents).unwrap(),
        Spliced { pages: 1 }
    );
    let html = fs::read_to_string(&page).unwrap();
    assert!(
        html.starts_with("<main><h1>Brief</h1><section aria-labelledby=\"tekst\" class=\"text\">"),
        "{html}"
    );
    assert!(html.ends_with("</section>\n</main>"), "{html}");
    assert!(
        html.contains("<p id=\"pagina-1-alinea-1\">Geachte heer,</p>"),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ config.base_url }}."),
        "{html}"
    );
    assert!(
        !html.contains("<script>") && !html.contains(TEXT_MARKER),
        "{html}"
    );
    assert_eq!(
        fs::read_to_string(site.path().join("index.html")).unwrap(),
        "<main>home</main>"
    );
}

#[test]
fn a_theme_without_the_marker_fails_the_build() {
    let documents = extraction("Een korte notitie.\n");
    let site = tempfile::tempdir().unwrap();
    let page = site.path().join("documenten/x/index.html");
    fs::create_dir_all(page.parent().unwrap()).unwrap();
    fs::write(&page, "<main>zonder tekst</main>").unwrap();
    let result = splice_text(site.path(), &documents);
    assert!(
        matches!(result, Err(SiteError::TextMarkerMissing { missing: 1 })),
        "{result:?}"
    );
}
