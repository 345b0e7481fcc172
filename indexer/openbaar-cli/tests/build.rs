//! End to end: `openbaar build` over a small archive full of bad input builds a site
//! in which document text stays text, and reports what it could not read; two builds
//! of one archive give the same bytes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the repository's site (config, theme, hand-written pages) around `archive`.
fn site_with(archive: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
    copy_dir(&repo().join("themes"), &root.join("themes"));
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::create_dir_all(root.join("content")).unwrap();
    // The hand-written pages: every Markdown file at the top of content/.
    for entry in fs::read_dir(repo().join("content")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            fs::copy(&path, root.join("content").join(path.file_name().unwrap())).unwrap();
        }
    }
    // The English listings of the facets.
    copy_dir(
        &repo().join("content/facetten"),
        &root.join("content/facetten"),
    );
    for (name, bytes) in archive {
        let path = root.join("archive").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

fn zola_available(root: &Path) -> bool {
    openbaar::site::zola::find_zola(root).is_some()
        || openbaar::site::zola::find_zola(&repo()).is_some()
}

fn build(root: &Path, extra: &[&str]) -> std::process::Output {
    build_into(root, "public", extra)
}

fn build_into(root: &Path, output: &str, extra: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_openbaar"));
    command
        .current_dir(root)
        .args(["build", "--config", "config.toml", "--output", output])
        .args(extra);
    // Use the zola scripts/setup installed for the repository, if there is no other.
    if std::env::var_os("OPENBAAR_ZOLA").is_none() {
        if let Some(zola) = openbaar::site::zola::find_zola(&repo()) {
            command.env("OPENBAAR_ZOLA", zola);
        }
    }
    command.output().unwrap()
}

const HOSTILE: &str = "Onderwerp: Test {{ config.title }}\n\n\
Een alinea met {{ page.title }} en {% raw %} en {{/* shortcode() */}}.\n\n\
<script>document.title = 'gehackt'</script> en <b>vet</b> &amp; meer.\n\n\
+++\n\ntitle = \"kapot\"\n\n+++\n";

#[test]
fn bad_input_is_reported_and_text_stays_text() {
    let site = site_with(&[
        ("brief (def) é #1.txt", HOSTILE.as_bytes()),
        (
            "kapot.pdf",
            b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF",
        ),
        ("geen-pdf.pdf", b"<html>not found</html>"),
        ("tabel.xlsx", b"PK\x03\x04rest of a zip"),
        ("inventaris.xlsx", b"PK\x03\x04not really a workbook"),
        (
            "sub/map/notitie.md",
            "# Notitie\n\nGewone tekst.".as_bytes(),
        ),
        ("kopie/notitie.md", "# Notitie\n\nGewone tekst.".as_bytes()),
    ]);
    let root = site.path();
    assert!(
        zola_available(root),
        "zola is needed for this test: run scripts/setup (it installs zola into .tools/bin)"
    );
    let output = build(root, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "build failed:\n{stderr}");
    assert!(stderr.contains("FAILED  kapot.pdf"), "{stderr}");
    assert!(stderr.contains("geen-pdf.pdf"), "{stderr}");
    assert!(stderr.contains("skipped tabel.xlsx"), "{stderr}");
    assert!(
        stderr.contains("FAILED  inventaris.xlsx: inventory list cannot be read"),
        "{stderr}"
    );
    assert!(stderr.contains("2 documents"), "{stderr}");
    assert!(stderr.contains("exact copies"), "{stderr}");

    let docs = root.join("public/documenten");
    let pages: Vec<PathBuf> = fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().path())
        // `pagina/` holds the further pages of the list.
        .filter(|p| p.is_dir() && !p.ends_with("pagina"))
        .collect();
    assert_eq!(pages.len(), 2);
    let hostile_page = pages
        .iter()
        .map(|p| fs::read_to_string(p.join("index.html")).unwrap())
        .find(|html| html.contains("gehackt"))
        .expect("the hostile document has a page");
    assert!(
        hostile_page.contains("{{ page.title }}"),
        "template syntax is shown as text"
    );
    assert!(hostile_page.contains("{% raw %}"));
    assert!(hostile_page.contains("&lt;script&gt;"), "HTML is escaped");
    assert!(
        hostile_page.contains(r#"<meta http-equiv="Content-Security-Policy""#),
        "the page carries the site's Content-Security-Policy"
    );
    assert!(!hostile_page.contains("<script>document.title"));
    assert!(!hostile_page.contains("<b>vet</b>"));
    assert!(hostile_page.contains("title = &quot;kapot&quot;"));
    // The original is downloadable under a safe name.
    let original = pages
        .iter()
        .flat_map(|p| fs::read_dir(p).unwrap().map(|e| e.unwrap().path()))
        .find(|f| {
            f.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("brief")
        })
        .expect("original copied next to its page");
    let name = original.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.ends_with(".txt") && name.bytes().all(|b| b.is_ascii_graphic()),
        "{name}"
    );
    assert_eq!(fs::read(&original).unwrap(), HOSTILE.as_bytes());
    // A Markdown original must not become a Zola page.
    assert!(pages.iter().any(|p| p.join("notitie.md.txt").exists()));
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (path, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Reproducible builds (issue 14): two builds of the same archive, into two folders,
/// give the same files with the same bytes, the search bundle included.
#[test]
fn two_builds_of_one_archive_are_byte_identical() {
    // The sample archive, with a duplicate and a text file besides its PDFs and email.
    let mut archive: Vec<(String, Vec<u8>)> = fs::read_dir(repo().join("archive"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&p).unwrap())
        })
        .collect();
    archive.push(("brief.txt".into(), HOSTILE.as_bytes().to_vec()));
    archive.push(("kopie/brief.txt".into(), HOSTILE.as_bytes().to_vec()));
    let archive: Vec<(&str, &[u8])> = archive
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .collect();
    let site = site_with(&archive);
    let root = site.path();
    assert!(
        zola_available(root),
        "zola is needed for this test: run scripts/setup (it installs zola into .tools/bin)"
    );
    for output in ["public-1", "public-2"] {
        let result = build_into(root, output, &[]);
        assert!(
            result.status.success(),
            "build into {output} failed:\n{}",
            String::from_utf8_lossy(&result.stderr)
        );
    }
    let (first, second) = (tree(&root.join("public-1")), tree(&root.join("public-2")));
    assert!(
        first.contains_key(Path::new("zoeken/index/hot.bin")),
        "the search bundle is part of the comparison"
    );
    assert!(first.keys().any(|p| p.starts_with("documenten")));
    let mut differing: Vec<String> = Vec::new();
    for path in first.keys().chain(second.keys()) {
        let (a, b) = (first.get(path), second.get(path));
        let what = match (a, b) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(_), Some(_)) => "differs",
            (Some(_), None) => "only in the first build",
            _ => "only in the second build",
        };
        let line = format!("{}: {what}", path.display());
        if !differing.contains(&line) {
            differing.push(line);
        }
    }
    assert!(
        differing.is_empty(),
        "two builds of one archive differ in {} of {} files:\n{}",
        differing.len(),
        first.len(),
        differing.join("\n")
    );
}

#[test]
fn strict_mode_fails_when_a_file_failed() {
    let site = site_with(&[("kapot.pdf", b"%PDF-1.4 broken")]);
    let output = build(site.path(), &["--strict", "--no-zola"]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn strict_mode_fails_when_a_file_was_skipped() {
    let site = site_with(&[("a.txt", b"tekst"), ("brief.docx", b"PK\x03\x04rest")]);
    let output = build(site.path(), &["--strict", "--no-zola"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let output = build(site.path(), &["--no-zola"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[test]
fn a_content_folder_we_did_not_write_is_not_deleted() {
    let site = site_with(&[("a.txt", b"tekst")]);
    let foreign = site.path().join("content/documenten/eigen.md");
    fs::create_dir_all(foreign.parent().unwrap()).unwrap();
    fs::write(&foreign, "mijn pagina").unwrap();
    let output = build(site.path(), &["--no-zola"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing"));
    assert!(foreign.exists());
}

#[test]
fn extract_json_has_the_documented_fields() {
    let archive = repo().join("archive");
    let output = Command::new(env!("CARGO_BIN_EXE_openbaar"))
        .args(["extract", "--json"])
        .arg(&archive)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // One record per file of the sample archive: four PDFs with a text layer, a scan read by
    // OCR, the .eml and its printed PDF.
    assert_eq!(records.len(), 7);
    for record in &records {
        for field in [
            "id",
            "source",
            "kind",
            "title",
            "date",
            "doc_type",
            "from",
            "to",
            "cc",
            "subject",
            "redactions",
            "text",
        ] {
            assert!(record.get(field).is_some(), "missing {field} in {record}");
        }
    }
}

#[test]
fn a_folder_with_a_decision_is_a_dossier_and_its_documents_say_when_they_were_released() {
    let site = site_with(&[
        (
            "dossier1/besluit-woo-verzoek.txt",
            b"Besluit op uw verzoek om informatie\n\nGroningen, 12 maart 2025\n\nHierbij maken wij de documenten openbaar.\n",
        ),
        ("dossier1/notitie.txt", b"Notitie over de jeugdzorg\n\nDatum: 3 februari 2025\n\nDe jeugdzorg in de regio.\n"),
    ]);
    assert!(
        zola_available(site.path()),
        "zola is missing: run scripts/setup"
    );
    let output = build(site.path(), &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dossier = fs::read_to_string(site.path().join("public/dossier/index.html")).unwrap();
    assert!(
        dossier.contains(
            "besluit-woo-verzoek</a>, <time datetime=\"2025-03-12\">12 maart 2025</time>"
        ),
        "{dossier}"
    );
    let pages: Vec<String> = fs::read_dir(site.path().join("public/documenten"))
        .unwrap()
        .filter_map(|e| fs::read_to_string(e.unwrap().path().join("index.html")).ok())
        .collect();
    let note = pages
        .iter()
        .find(|p| p.contains("<h1>notitie"))
        .expect("the note's page");
    assert!(
        note.contains("<dt>Openbaar gemaakt</dt>"),
        "the note names its decision"
    );
    assert!(note.contains("12 maart 2025"));
    let decision = pages
        .iter()
        .find(|p| p.contains("<h1>besluit"))
        .expect("the decision's page");
    assert!(
        !decision.contains("<dt>Openbaar gemaakt</dt>"),
        "a decision does not release itself"
    );
}
