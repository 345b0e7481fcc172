//! End to end: `openbaar build` over a small archive full of bad input builds a site
//! in which document text stays text, and reports what it could not read.

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
    let mut command = Command::new(env!("CARGO_BIN_EXE_openbaar"));
    command
        .current_dir(root)
        .args(["build", "--config", "config.toml", "--output", "public"])
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
        .filter(|p| p.is_dir())
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
    assert_eq!(records.len(), 6);
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
