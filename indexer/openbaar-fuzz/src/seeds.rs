//! Seeds: the real files the mutations start from, read at run time from their folders
//! (never copied into the repository), and the texts and paragraphs extracted from them
//! for the targets that take text.

use std::path::{Path, PathBuf};

use openbaar::input::{detect_bytes, Format};

use crate::targets::SeedKind;
use crate::zip;

/// One seed input.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Where it comes from: a file path, or how it was derived from one.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The seed file it was read or derived from.
    pub file: PathBuf,
}

/// All seeds, by kind.
#[derive(Debug, Default)]
pub struct Seeds {
    /// PDF files.
    pub pdf: Vec<Seed>,
    /// Email messages.
    pub email: Vec<Seed>,
    /// Mailboxes (files, and one made from the emails).
    pub mbox: Vec<Seed>,
    /// Inventory lists, spreadsheets also with their members stored.
    pub inventory: Vec<Seed>,
    /// Plain text files.
    pub text: Vec<Seed>,
    /// Document texts, pages separated by form feeds.
    pub document_text: Vec<Seed>,
    /// Normalised documents, a paragraph a line.
    pub paragraphs: Vec<Seed>,
    /// Single paragraphs.
    pub paragraph: Vec<Seed>,
}

/// Texts longer than this are cut (at a character boundary) before they become seeds.
const MAX_TEXT_SEED: usize = 64 << 10;
/// At most this many single paragraphs are kept, spread evenly over all documents.
const MAX_PARAGRAPH_SEEDS: usize = 3000;

impl Seeds {
    /// The seeds of one kind.
    pub fn of(&self, kind: SeedKind) -> Vec<Seed> {
        match kind {
            SeedKind::AllFiles => [
                &self.pdf,
                &self.email,
                &self.mbox,
                &self.inventory,
                &self.text,
            ]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
            SeedKind::Pdf => self.pdf.clone(),
            SeedKind::Email => self.email.clone(),
            SeedKind::Mbox => self.mbox.clone(),
            SeedKind::Inventory => self.inventory.clone(),
            SeedKind::DocumentText => self.document_text.clone(),
            SeedKind::Paragraphs => self.paragraphs.clone(),
            SeedKind::Paragraph => self.paragraph.clone(),
        }
    }

    /// The number of seeds of each kind, for the report.
    pub fn summary(&self) -> String {
        format!(
            "{} PDF, {} email, {} mailbox, {} inventory, {} text; derived: {} document texts, {} paragraphs",
            self.pdf.len(),
            self.email.len(),
            self.mbox.len(),
            self.inventory.len(),
            self.text.len(),
            self.document_text.len(),
            self.paragraph.len()
        )
    }
}

/// The seed folders used when none is given: the sample archive, the crate's own
/// written seeds, and the real releases beside the repository when they are there.
pub fn default_dirs() -> Vec<PathBuf> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = crate_dir.join("../..");
    vec![
        root.join("archive"),
        crate_dir.join("seeds"),
        root.join("../shared/realworld"),
    ]
}

/// Reads every seed file under `dirs` (missing folders are passed over), and derives
/// the text seeds. `text_from_pdfs` limits how many PDFs are read for their text
/// (all of them when `None`), since that is slow for large real files.
pub fn load(dirs: &[PathBuf], text_from_pdfs: Option<usize>) -> Seeds {
    let mut seeds = Seeds::default();
    for dir in dirs {
        for path in files_under(dir) {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let name = path.display().to_string();
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            let seed = Seed {
                name: name.clone(),
                bytes,
                file: path.clone(),
            };
            if openbaar::extract::inventory::is_inventory_name(&file_name) {
                if let Some(stored) = zip::to_stored(&seed.bytes) {
                    seeds.inventory.push(Seed {
                        name: format!("{name} (members stored)"),
                        bytes: stored,
                        file: path.clone(),
                    });
                }
                seeds.inventory.push(seed);
                continue;
            }
            let head = &seed.bytes[..seed.bytes.len().min(4096)];
            match detect_bytes(head, &extension) {
                Format::Pdf => seeds.pdf.push(seed),
                Format::Eml => seeds.email.push(seed),
                Format::Mbox => seeds.mbox.push(seed),
                Format::Text if extension == "txt" => seeds.text.push(seed),
                _ => {}
            }
        }
    }
    if !seeds.email.is_empty() {
        seeds.mbox.push(mailbox_of(&seeds.email));
    }
    derive_texts(&mut seeds, text_from_pdfs);
    seeds
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            out.extend(files_under(&path));
        } else if path.is_file() {
            out.push(path);
        }
    }
    out
}

/// A mailbox of every email seed, each behind its `From ` line.
fn mailbox_of(emails: &[Seed]) -> Seed {
    let mut mbox = Vec::new();
    for email in emails {
        mbox.extend_from_slice(b"From afzender@example.nl Thu Aug 28 10:48:55 2025\n");
        for line in email.bytes.split_inclusive(|b| *b == b'\n') {
            if line.starts_with(b"From ") {
                mbox.push(b'>');
            }
            mbox.extend_from_slice(line);
        }
        mbox.extend_from_slice(b"\n");
    }
    Seed {
        name: "mailbox of the email seeds".into(),
        bytes: mbox,
        file: emails[0].file.clone(),
    }
}

fn derive_texts(seeds: &mut Seeds, text_from_pdfs: Option<usize>) {
    let limit = text_from_pdfs.unwrap_or(usize::MAX);
    let mut documents: Vec<(&Seed, Vec<openbaar::model::RawPage>)> = Vec::new();
    for seed in seeds.pdf.iter().take(limit) {
        if let Ok(extracted) = openbaar::extract::pdf::extract_pdf(&seed.bytes) {
            documents.push((seed, extracted.pages));
        }
    }
    for seed in &seeds.email {
        if let Ok(extracted) = openbaar::extract::email::extract_email(&seed.bytes) {
            documents.push((seed, extracted.pages));
        }
    }
    for seed in &seeds.text {
        if let Ok(extracted) = openbaar::extract::text::extract_text(&seed.bytes) {
            documents.push((seed, extracted.pages));
        }
    }
    let mut paragraphs = Vec::new();
    for (seed, pages) in documents {
        let text: Vec<&str> = pages.iter().map(|p| p.text.as_str()).collect();
        seeds.document_text.push(Seed {
            name: format!("text of {}", seed.name),
            bytes: cut(&text.join("\x0c")).into_bytes(),
            file: seed.file.clone(),
        });
        let normalised = openbaar::normalise::normalise_pages(&pages);
        let lines: Vec<String> = normalised.iter().map(|p| p.paragraphs.join("\n")).collect();
        seeds.paragraphs.push(Seed {
            name: format!("paragraphs of {}", seed.name),
            bytes: cut(&lines.join("\x0c")).into_bytes(),
            file: seed.file.clone(),
        });
        for page in &normalised {
            for paragraph in &page.paragraphs {
                if paragraph.len() >= 12 {
                    paragraphs.push(Seed {
                        name: format!("a paragraph of {} (page {})", seed.name, page.number),
                        bytes: cut(paragraph).into_bytes(),
                        file: seed.file.clone(),
                    });
                }
            }
        }
    }
    paragraphs.dedup_by(|a, b| a.bytes == b.bytes);
    let step = paragraphs.len().div_ceil(MAX_PARAGRAPH_SEEDS).max(1);
    seeds.paragraph = paragraphs.into_iter().step_by(step).collect();
}

fn cut(text: &str) -> String {
    if text.len() <= MAX_TEXT_SEED {
        return text.to_string();
    }
    let mut end = MAX_TEXT_SEED;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}
