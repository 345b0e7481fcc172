//! Step 1: find the files of an archive and tell what format each one is.
//!
//! The format is decided by content first (a PDF saved as `.dat` is still a PDF;
//! a web page saved as `.pdf` is not), and by extension only where content cannot
//! tell (plain text).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// The formats Openbaar reads, or why a file is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// A PDF document.
    Pdf,
    /// One RFC 5322 email message.
    Eml,
    /// A Unix mailbox holding many messages.
    Mbox,
    /// Plain text or Markdown.
    Text,
    /// Not a document format Openbaar reads; the reason says what it looks like.
    Unsupported(String),
    /// Named as a format Openbaar reads (`.pdf`, `.eml`, `.mbox`) but not that format
    /// inside: a damaged file, or a failed download. It fails, it is not skipped.
    Damaged(String),
}

/// A file found in the archive.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// Path relative to the archive root, `/`-separated (the record's `source`).
    pub relative: String,
    /// Its detected format.
    pub format: Format,
}

/// A file or folder that was not read, and why.
#[derive(Debug, Clone)]
pub struct WalkError {
    /// The path involved (relative to the archive where it is known).
    pub path: String,
    /// What went wrong, or why it was passed over.
    pub reason: String,
}

/// What a walk over an archive found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files to read, in a stable order.
    pub files: Vec<SourceFile>,
    /// Entries deliberately not read: hidden files and folders, links that leave the
    /// archive, anything that is not a regular file.
    pub skipped: Vec<WalkError>,
    /// Entries that could not be listed or opened.
    pub failed: Vec<WalkError>,
}

/// Lists every file under `roots` (files or folders), in a stable order, with its format.
///
/// Nothing is passed over in silence: hidden files and folders (editor and system
/// litter, mostly) are named as skipped, and so are links. A link is followed only to
/// a file inside the archive (which is then read where the link is, and found to be a
/// duplicate of its target); a link that leaves the archive, loops or points nowhere
/// is named, never read and never walked, so a link to `/etc` cannot publish the host.
pub fn walk(roots: &[PathBuf]) -> Walk {
    let mut walk = Walk::default();
    for root in roots {
        // One folder: paths inside it. Several: each path starts with its folder's
        // name, so that files of two dossiers never share a source.
        let base = if root.is_file() || roots.len() > 1 {
            root.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            root.clone()
        };
        let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        // Files reached through a link come after the others, so that where the same
        // file is found twice, the real one is the document and the link its copy.
        let mut through_links = Vec::new();
        let mut entries = WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| relative_name(&base, p))
                        .unwrap_or_else(|| root.display().to_string());
                    walk.failed.push(WalkError {
                        path,
                        reason: format!("cannot be listed: {err}"),
                    });
                    continue;
                }
            };
            let path = entry.path().to_path_buf();
            let relative = relative_name(&base, &path);
            let skip = |reason: &str| WalkError {
                path: relative.clone(),
                reason: reason.to_string(),
            };
            if entry.depth() > 0 && is_hidden(entry.file_name()) {
                if entry.file_type().is_dir() {
                    entries.skip_current_dir();
                    walk.skipped.push(skip(
                        "a hidden folder (its name starts with a dot): not read",
                    ));
                } else {
                    walk.skipped
                        .push(skip("a hidden file (its name starts with a dot): not read"));
                }
                continue;
            }
            let file_type = entry.file_type();
            if file_type.is_dir() {
                continue;
            }
            let is_link = file_type.is_symlink();
            if is_link {
                if let Err(reason) = link_target(&path, &inside) {
                    walk.skipped.push(skip(reason));
                    continue;
                }
            } else if !file_type.is_file() {
                walk.skipped.push(skip(
                    "not a regular file (a device, pipe or socket): not read",
                ));
                continue;
            }
            match detect(&path) {
                Ok(format) => {
                    let file = SourceFile {
                        path,
                        relative,
                        format,
                    };
                    if is_link {
                        through_links.push(file);
                    } else {
                        walk.files.push(file);
                    }
                }
                Err(err) => walk.failed.push(WalkError {
                    path: relative,
                    reason: format!("cannot read: {err}"),
                }),
            }
        }
        walk.files.extend(through_links);
    }
    walk
}

/// Whether the link at `path` may be read: only when it resolves to a regular file
/// inside `archive`. The reason says why not, without naming where it points.
fn link_target(path: &Path, archive: &Path) -> Result<(), &'static str> {
    let target =
        std::fs::canonicalize(path).map_err(|_| "a link that points nowhere or loops: not read")?;
    if !target.starts_with(archive) {
        return Err("a link that leaves the archive: not read");
    }
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(meta) if meta.is_dir() => {
            Err("a link to a folder inside the archive: its files are read where they are")
        }
        _ => Err("a link to something that is not a regular file: not read"),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn relative_name(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Detects the format of the file at `path` from its first bytes and its extension.
pub fn detect(path: &Path) -> std::io::Result<Format> {
    let mut head = Vec::with_capacity(4096);
    File::open(path)?.take(4096).read_to_end(&mut head)?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(detect_bytes(&head, &extension))
}

/// Detects a format from the first bytes of a file and its lower-case extension.
pub fn detect_bytes(head: &[u8], extension: &str) -> Format {
    if head.starts_with(b"%PDF-") {
        return Format::Pdf;
    }
    if head.starts_with(b"From ") && looks_like_mbox(head) {
        return Format::Mbox;
    }
    // Before the looser PDF test: a short email with a PDF attached has `%PDF-` in its
    // first kilobyte too.
    if looks_like_email(head) {
        return Format::Eml;
    }
    // PDF readers accept the header anywhere in the first kilobyte.
    let first_kb = &head[..head.len().min(1024)];
    if first_kb.windows(5).any(|w| w == b"%PDF-") {
        return Format::Pdf;
    }
    if let Some(what) = known_binary(head) {
        return Format::Unsupported(what.to_string());
    }
    match extension {
        _ if head.is_empty() && matches!(extension, "pdf" | "eml" | "mbox") => {
            Format::Damaged(format!("the .{extension} file is empty"))
        }
        "pdf" => Format::Damaged("named .pdf, but it does not start like a PDF".into()),
        "eml" => Format::Damaged("named .eml, but it has no email headers".into()),
        "mbox" => Format::Damaged("named .mbox, but it does not start with a From line".into()),
        "msg" => Format::Unsupported("Outlook .msg is not read yet".into()),
        // Any encoding: the text reader finds it, and refuses binary data.
        "txt" | "md" | "text" | "markdown" => Format::Text,
        "" => Format::Unsupported("no extension and not a recognised format".into()),
        other => Format::Unsupported(format!(".{other} files are not read")),
    }
}

fn looks_like_mbox(head: &[u8]) -> bool {
    // "From sender date" on the first line, then headers.
    let text = String::from_utf8_lossy(head);
    let mut lines = text.lines();
    lines.next();
    lines.next().is_some_and(is_header_line)
}

fn looks_like_email(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let mut seen_headers = 0;
    let mut known = false;
    for line in text.lines() {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue; // folded continuation of the previous header
        }
        if !is_header_line(line) {
            return false;
        }
        seen_headers += 1;
        let name = line.split(':').next().unwrap_or("").to_ascii_lowercase();
        known |= matches!(
            name.as_str(),
            "from" | "to" | "subject" | "date" | "message-id" | "mime-version" | "received"
        );
    }
    seen_headers >= 2 && known
}

fn is_header_line(line: &str) -> bool {
    match line.split_once(':') {
        Some((name, _)) => {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
        None => false,
    }
}

fn known_binary(head: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"PK\x03\x04",
            "a ZIP container (docx, xlsx, odt or zip): not read yet",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "an OLE container (Outlook .msg or old Office file): not read yet",
        ),
        (b"\x89PNG", "a PNG image: not read yet (needs OCR)"),
        (b"\xFF\xD8\xFF", "a JPEG image: not read yet (needs OCR)"),
        (b"II*\x00", "a TIFF image: not read yet (needs OCR)"),
        (b"MM\x00*", "a TIFF image: not read yet (needs OCR)"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_only_to_files_inside_the_archive() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archief");
        std::fs::create_dir_all(archive.join("map")).unwrap();
        std::fs::write(archive.join("map/brief.txt"), "Geachte lezer,").unwrap();
        std::fs::write(dir.path().join("geheim.txt"), "wachtwoord").unwrap();
        symlink("map/brief.txt", archive.join("kopie.txt")).unwrap();
        symlink(dir.path().join("geheim.txt"), archive.join("uit.txt")).unwrap();
        symlink("/etc", archive.join("etc")).unwrap();
        symlink("lus-b", archive.join("lus-a")).unwrap();
        symlink("lus-a", archive.join("lus-b")).unwrap();
        symlink("map", archive.join("map-link")).unwrap();
        std::fs::write(archive.join(".verborgen.txt"), "x").unwrap();
        std::fs::create_dir_all(archive.join(".git")).unwrap();
        std::fs::write(archive.join(".git/config"), "x").unwrap();

        let walk = walk(&[archive]);
        let read: Vec<&str> = walk.files.iter().map(|f| f.relative.as_str()).collect();
        assert_eq!(read, ["map/brief.txt", "kopie.txt"]);
        let mut skipped: Vec<&str> = walk.skipped.iter().map(|s| s.path.as_str()).collect();
        skipped.sort_unstable();
        assert_eq!(
            skipped,
            [
                ".git",
                ".verborgen.txt",
                "etc",
                "lus-a",
                "lus-b",
                "map-link",
                "uit.txt"
            ]
        );
        assert!(walk.failed.is_empty(), "{:?}", walk.failed);
        // The host's paths are never printed.
        assert!(walk.skipped.iter().all(|s| !s.reason.contains("geheim")));
    }

    #[test]
    fn pdf_by_content_whatever_the_name() {
        assert_eq!(detect_bytes(b"%PDF-1.7\n...", "bin"), Format::Pdf);
        assert_eq!(detect_bytes(b"\n\n%PDF-1.4", ""), Format::Pdf);
    }

    #[test]
    fn a_short_email_with_a_pdf_attached_is_an_email() {
        let eml = b"From: a@b.nl\r\nSubject: Stuk\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\r\n%PDF-1.4\r\n--x--\r\n";
        assert_eq!(detect_bytes(eml, "eml"), Format::Eml);
        assert_eq!(detect_bytes(eml, "pdf"), Format::Eml);
    }

    #[test]
    fn a_fake_pdf_is_named_as_such() {
        match detect_bytes(b"<html><body>not found</body></html>", "pdf") {
            Format::Damaged(reason) => assert!(reason.contains(".pdf")),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn emails_and_mailboxes() {
        let eml = b"From: a@b.nl\r\nTo: c@d.nl\r\nSubject: Hoi\r\n\r\nTekst";
        assert_eq!(detect_bytes(eml, "txt"), Format::Eml);
        let mbox = b"From a@b.nl Thu Aug 28 10:48:55 2025\nFrom: a@b.nl\nSubject: x\n\nbody\n";
        assert_eq!(detect_bytes(mbox, "mbox"), Format::Mbox);
    }

    #[test]
    fn a_letter_starting_with_a_colon_line_is_text_not_email() {
        let letter = "Aan: De leden van de raad\nDatum: 26 maart 2025\n\nGeachte lezer,";
        assert_eq!(detect_bytes(letter.as_bytes(), "txt"), Format::Text);
    }

    #[test]
    fn office_files_are_reported() {
        assert!(matches!(
            detect_bytes(b"PK\x03\x04rest", "xlsx"),
            Format::Unsupported(_)
        ));
    }
}
