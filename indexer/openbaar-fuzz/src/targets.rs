//! The functions under test, each behind one signature: bytes in, `Ok` or a finding out.
//! A target panics when the library panics; `Err` is for what the library caught itself
//! (the pipeline turns a reader's panic into an "internal error" of the file).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use openbaar::config::Settings;
use openbaar::facts::events::Anchor;
use openbaar::model::{DateSource, Page, Provenance, RawPage};

/// What seeds a target starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedKind {
    /// Every seed file (PDFs, emails, mailboxes, inventory lists).
    AllFiles,
    /// PDF files.
    Pdf,
    /// Email messages (.eml).
    Email,
    /// Mailboxes.
    Mbox,
    /// Inventory lists (.xlsx, also with stored members, and .csv).
    Inventory,
    /// Whole document texts, pages separated by a form feed.
    DocumentText,
    /// Normalised documents: one paragraph a line, pages separated by a form feed.
    Paragraphs,
    /// Single paragraphs.
    Paragraph,
}

/// One function under test.
pub struct Target {
    /// Its name on the command line.
    pub name: &'static str,
    /// The library function it calls.
    pub calls: &'static str,
    /// Its seeds.
    pub seeds: SeedKind,
    /// The longest input the mutator makes for it.
    pub max_len: usize,
    /// The time one input may take before it counts as a hang (unless overridden).
    pub timeout: Duration,
    /// Tokens of its format, for the mutator.
    pub tokens: &'static [&'static [u8]],
    /// A target that tests the fuzzer itself (a planted bug): not part of `all`.
    pub selftest: bool,
    run: fn(&[u8], &Scratch) -> Result<(), String>,
}

impl Target {
    /// Runs the target on one input. Panics when the library panics.
    pub fn run(&self, input: &[u8], scratch: &Scratch) -> Result<(), String> {
        (self.run)(input, scratch)
    }
}

/// A private folder for the targets that need files on disk.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    /// A new, empty scratch folder.
    pub fn new() -> std::io::Result<Scratch> {
        Ok(Scratch {
            dir: tempfile::Builder::new().prefix("openbaar-fuzz").tempdir()?,
        })
    }

    /// Writes `bytes` as the only file of a fresh subfolder and returns its folder and path.
    fn single_file(&self, name: &str, bytes: &[u8]) -> std::io::Result<(PathBuf, PathBuf)> {
        let folder = self.dir.path().join("archive");
        if folder.exists() {
            std::fs::remove_dir_all(&folder)?;
        }
        std::fs::create_dir_all(&folder)?;
        let path = folder.join(name);
        std::fs::write(&path, bytes)?;
        Ok((folder, path))
    }

    /// The folder itself.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

const PDF_TOKENS: &[&[u8]] = &[
    b"obj",
    b"endobj",
    b"stream\n",
    b"\nendstream",
    b"xref\n",
    b"trailer",
    b"startxref\n",
    b"%%EOF",
    b"<<",
    b">>",
    b"[",
    b"]",
    b" R ",
    b"0 0 R",
    b"/Length ",
    b"/Filter",
    b"/FlateDecode",
    b"/ASCIIHexDecode",
    b"/LZWDecode",
    b"/RunLengthDecode",
    b"/DCTDecode",
    b"/JBIG2Decode",
    b"/CCITTFaxDecode",
    b"/DecodeParms",
    b"/Predictor 12",
    b"/Columns",
    b"/Type",
    b"/Page",
    b"/Pages",
    b"/Kids",
    b"/Count",
    b"/Parent",
    b"/Root",
    b"/Info",
    b"/Encrypt",
    b"/ObjStm",
    b"/XRef",
    b"/Prev",
    b"/Size",
    b"/Index",
    b"/W",
    b"/N",
    b"/First",
    b"/Font",
    b"/ToUnicode",
    b"/Encoding",
    b"/Widths",
    b"/FirstChar",
    b"/Subtype",
    b"/Image",
    b"/XObject",
    b"/Width",
    b"/Height",
    b"/BitsPerComponent",
    b"/ColorSpace",
    b"/Contents",
    b"/Resources",
    b"/MediaBox",
    b"/Rotate",
    b"/Title",
    b"/CreationDate",
    b"(D:20250326103000+01'00')",
    b"BT ",
    b" ET",
    b" Tj",
    b" TJ",
    b" Tf",
    b" Td",
    b" Tm",
    b" Do",
    b"q ",
    b" Q",
    b" cm",
    b"begincmap",
    b"beginbfchar",
    b"endbfchar",
    b"beginbfrange",
    b"endbfrange",
    b"begincodespacerange",
    b"<0000> <FFFF>",
    b"(\\",
    b"<FEFF",
    b"%PDF-1.7\n",
    b"%PDF-",
    b"/Annots",
    b"/Outlines",
    b"/Names",
    b"/AcroForm",
];

const EMAIL_TOKENS: &[&[u8]] = &[
    b"\r\n",
    b"\n\n",
    b"\r\n\r\n",
    b"From: ",
    b"To: ",
    b"Cc: ",
    b"Bcc: ",
    b"Subject: ",
    b"Date: ",
    b"Message-ID: <",
    b"In-Reply-To: ",
    b"References: ",
    b"Reply-To: ",
    b"MIME-Version: 1.0\r\n",
    b"Content-Type: ",
    b"multipart/mixed; boundary=\"",
    b"multipart/alternative; boundary=",
    b"message/rfc822",
    b"text/html",
    b"text/plain",
    b"application/pdf",
    b"Content-Transfer-Encoding: ",
    b"base64",
    b"quoted-printable",
    b"=?utf-8?q?",
    b"=?utf-8?b?",
    b"=?iso-8859-1?q?",
    b"?=",
    b"=C3=B6",
    b"=\r\n",
    b"--",
    b"--b\r\n",
    b"--b--",
    b"boundary=",
    b"charset=",
    b"Content-Disposition: attachment",
    b"; filename=\"",
    b"; filename*=utf-8''",
    b"name=",
    b"<",
    b">",
    b"@",
    b",",
    b";",
    b":;",
    b"\"",
    b"(",
    b")",
    b"Thu, 28 Aug 2025 10:48:55 +0000",
    b"+9999",
    b"From ",
    b">From ",
    b"<html><body>",
    b"</p>",
    b"&nbsp;",
    b"&#",
    b"<br>",
    b"<style>",
];

const MBOX_TOKENS: &[&[u8]] = &[
    b"\nFrom ",
    b"From a@b Thu Aug 28 10:48:55 2025\n",
    b">From ",
    b"\n\n",
    b"From: ",
    b"Subject: ",
    b"Date: ",
    b"Content-Length: ",
    b"\r\n",
];

const INVENTORY_TOKENS: &[&[u8]] = &[
    b";",
    b",",
    b"\"",
    b"\"\"",
    b"\n",
    b"\r\n",
    b"\r",
    b"ID",
    b"Document ID",
    b"Documentnaam",
    b"Datum",
    b"Beoordeling",
    b"Weigeringsgronden",
    b"Thread ID",
    b"Bestandstype",
    b"Deels Openbaar",
    b"Niet Openbaar",
    b"5.1.2e; 5.1.5",
    b"=cmd|' /C calc'!A0",
    b"45000",
    b"2958466",
    b"-1",
    b"31-12-9999",
    b"2025-02-30",
    b"1e308",
    b"<row r=\"",
    b"<c r=\"",
    b"XFD1048576",
    b"A1:XFD1048576",
    b"<dimension ref=\"",
    b" t=\"s\"",
    b" t=\"d\"",
    b" t=\"e\"",
    b" t=\"inlineStr\"",
    b"<v>",
    b"</v>",
    b"<si><t>",
    b"</t></si>",
    b"<is><t>",
    b"<f>",
    b"<sheetData>",
    b"</row>",
    b"s=\"",
    b"<numFmt numFmtId=\"",
    b"formatCode=\"",
    b"&amp;",
    b"&#0;",
    b"<![CDATA[",
    b"PK\x03\x04",
    b"PK\x01\x02",
];

const TEXT_TOKENS: &[&[u8]] = &[
    b"\n",
    b"\n\n",
    b"\x0c",
    b"-\n",
    b" ",
    b"5.1.2e",
    b"5.1.2 e",
    b"5.2.1",
    b"5.1.5",
    b"10.2.e",
    b"11.1",
    b"5120",
    b"5.1 lid 2 sub e",
    b"5.1.2\xc2\xa2",
    b"IEEE",
    b"EER",
    b"ERED",
    b"\xe2\x96\xa0",
    b"@jbn-vtg.nl",
    b"Van:",
    b"Aan:",
    b"Cc:",
    b"Verzonden:",
    b"Onderwerp:",
    b"From:",
    b"Sent:",
    b"To:",
    b"Subject:",
    b"Mobiel:",
    b"Datum:",
    b"op grond van artikel 5.1, tweede lid, onder e",
    b"26 maart 2025",
    b"donderdag 28 augustus 2025 12:39",
    b"Thur 8/28/2025 10:48:55 AM",
    b"28-08-2025",
    b"2025-08-28",
    b"11 SEP. 2020",
    b"mrt",
    b"aug.",
    b"januari",
    b"december",
    b"op 10 september",
    b"begin september",
    b"eind februari 2025",
    b"medio 2024",
    b"in oktober 2024",
    b"gisteravond",
    b"gisteren",
    b"afgelopen dinsdag",
    b"vorige week",
    b"vandaag",
    b"morgen",
    b"2024",
    b"31",
    b"29 februari",
    b"00:00",
    b"24:60",
    b"Groningen, ",
    b"Met vriendelijke groet",
    b"\xc2\xad",
    b"\xef\xac\x81",
    b"\xef\xac\x83",
    b"\xc3\xa9",
    b"e\xcc\x81",
    b"\xc4\xb0",
    b"\xe1\xba\x9e",
    b"\xef\xbf\xbd",
    b"\xe2\x80\xa8",
    b"\xe2\x80\x8b",
    b"\xf0\x9f\x98\x80",
    b"\xc2\xa0",
    b"\t",
    b"\r\n",
    b"seri-",
    b"Noord-",
    b"wet- en regelgeving",
    b"1.",
    b"o ",
    b"- ",
    b"\xe2\x80\xa2 ",
];

/// Every target, in the order `all` runs them.
pub static TARGETS: &[Target] = &[
    Target {
        name: "detect_bytes",
        calls: "openbaar::input::detect_bytes",
        seeds: SeedKind::AllFiles,
        max_len: 8192,
        timeout: Duration::from_secs(2),
        tokens: EMAIL_TOKENS,
        selftest: false,
        run: run_detect_bytes,
    },
    Target {
        name: "extract_pdf",
        calls: "openbaar::extract::pdf::extract_pdf",
        seeds: SeedKind::Pdf,
        max_len: 8 << 20,
        timeout: Duration::from_secs(20),
        tokens: PDF_TOKENS,
        selftest: false,
        run: run_extract_pdf,
    },
    Target {
        name: "extract_email",
        calls: "openbaar::extract::email::extract_email",
        seeds: SeedKind::Email,
        max_len: 1 << 20,
        timeout: Duration::from_secs(5),
        tokens: EMAIL_TOKENS,
        selftest: false,
        run: run_extract_email,
    },
    Target {
        name: "split_mbox",
        calls: "openbaar::extract::email::split_mbox",
        seeds: SeedKind::Mbox,
        max_len: 1 << 20,
        timeout: Duration::from_secs(5),
        tokens: MBOX_TOKENS,
        selftest: false,
        run: run_split_mbox,
    },
    Target {
        name: "extract_text",
        calls: "openbaar::extract::text::extract_text",
        seeds: SeedKind::DocumentText,
        max_len: 1 << 20,
        timeout: Duration::from_secs(2),
        tokens: TEXT_TOKENS,
        selftest: false,
        run: run_extract_text,
    },
    Target {
        name: "inventory_read",
        calls: "openbaar::extract::inventory::read",
        seeds: SeedKind::Inventory,
        max_len: 1 << 20,
        timeout: Duration::from_secs(10),
        tokens: INVENTORY_TOKENS,
        selftest: false,
        run: run_inventory_read,
    },
    Target {
        name: "normalise_pages",
        calls: "openbaar::normalise::normalise_pages",
        seeds: SeedKind::DocumentText,
        max_len: 256 << 10,
        timeout: Duration::from_secs(5),
        tokens: TEXT_TOKENS,
        selftest: false,
        run: run_normalise_pages,
    },
    Target {
        name: "redact_paragraph",
        calls: "openbaar::facts::redact::redact_paragraph",
        seeds: SeedKind::Paragraph,
        max_len: 16 << 10,
        timeout: Duration::from_secs(2),
        tokens: TEXT_TOKENS,
        selftest: false,
        run: run_redact_paragraph,
    },
    Target {
        name: "find_dates",
        calls: "openbaar::facts::dates::find_dates",
        seeds: SeedKind::Paragraph,
        max_len: 16 << 10,
        timeout: Duration::from_secs(2),
        tokens: TEXT_TOKENS,
        selftest: false,
        run: run_find_dates,
    },
    Target {
        name: "split_messages",
        calls: "openbaar::facts::messages::split_messages",
        seeds: SeedKind::Paragraphs,
        max_len: 256 << 10,
        timeout: Duration::from_secs(5),
        tokens: TEXT_TOKENS,
        selftest: false,
        run: run_split_messages,
    },
    Target {
        name: "paragraph_events",
        calls: "openbaar::facts::events::paragraph_events",
        seeds: SeedKind::Paragraph,
        max_len: 16 << 10,
        timeout: Duration::from_secs(2),
        tokens: TEXT_TOKENS,
        selftest: false,
        run: run_paragraph_events,
    },
    Target {
        name: "extract_all",
        calls: "openbaar::records::extract_all (one file in a folder)",
        seeds: SeedKind::AllFiles,
        max_len: 8 << 20,
        timeout: Duration::from_secs(30),
        tokens: EMAIL_TOKENS,
        selftest: false,
        run: run_extract_all,
    },
    Target {
        name: "selftest_panic",
        calls: "a planted panic (input containing `boom`)",
        seeds: SeedKind::Paragraph,
        max_len: 4096,
        timeout: Duration::from_secs(2),
        tokens: &[b"boom"],
        selftest: true,
        run: |input, _| {
            if input.windows(4).any(|w| w == b"boom") {
                panic!("planted panic");
            }
            Ok(())
        },
    },
    Target {
        name: "selftest_hang",
        calls: "a planted endless loop (input containing `hang`)",
        seeds: SeedKind::Paragraph,
        max_len: 4096,
        timeout: Duration::from_secs(1),
        tokens: &[b"hang"],
        selftest: true,
        run: |input, _| {
            while input.windows(4).any(|w| w == b"hang") {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(())
        },
    },
    Target {
        name: "selftest_overflow",
        calls: "a planted endless recursion (input containing `deep`)",
        seeds: SeedKind::Paragraph,
        max_len: 4096,
        timeout: Duration::from_secs(5),
        tokens: &[b"deep"],
        selftest: true,
        run: |input, _| {
            if input.windows(4).any(|w| w == b"deep") {
                std::hint::black_box(recurse(input.len() as u64));
            }
            Ok(())
        },
    },
    Target {
        name: "selftest_alloc",
        calls: "a planted allocation without bound (input containing `grow`)",
        seeds: SeedKind::Paragraph,
        max_len: 4096,
        timeout: Duration::from_secs(5),
        tokens: &[b"grow"],
        selftest: true,
        run: |input, _| {
            let mut held: Vec<Vec<u8>> = Vec::new();
            while input.windows(4).any(|w| w == b"grow") {
                held.push(std::hint::black_box(vec![1u8; 1 << 20]));
            }
            Ok(())
        },
    },
];

#[allow(unconditional_recursion)]
fn recurse(n: u64) -> u64 {
    let frame = std::hint::black_box([n; 64]);
    recurse(frame[7].wrapping_add(1)).wrapping_add(frame[3])
}

/// The targets that `all` runs.
pub fn all() -> Vec<usize> {
    (0..TARGETS.len())
        .filter(|&i| !TARGETS[i].selftest)
        .collect()
}

/// The target of that name.
pub fn by_name(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

fn run_detect_bytes(input: &[u8], _: &Scratch) -> Result<(), String> {
    let head = &input[..input.len().min(4096)];
    for extension in ["pdf", "eml", "mbox", "txt", "md", "msg", "", "xlsx"] {
        std::hint::black_box(openbaar::input::detect_bytes(head, extension));
    }
    Ok(())
}

fn run_extract_pdf(input: &[u8], _: &Scratch) -> Result<(), String> {
    let _ = std::hint::black_box(openbaar::extract::pdf::extract_pdf(input));
    Ok(())
}

fn run_extract_email(input: &[u8], _: &Scratch) -> Result<(), String> {
    let _ = std::hint::black_box(openbaar::extract::email::extract_email(input));
    Ok(())
}

fn run_split_mbox(input: &[u8], _: &Scratch) -> Result<(), String> {
    std::hint::black_box(openbaar::extract::email::split_mbox(input));
    Ok(())
}

fn run_extract_text(input: &[u8], _: &Scratch) -> Result<(), String> {
    let _ = std::hint::black_box(openbaar::extract::text::extract_text(input));
    Ok(())
}

/// The file name an inventory input is written under: its content decides.
pub fn inventory_file_name(input: &[u8]) -> &'static str {
    if input.starts_with(b"PK") {
        "inventaris.xlsx"
    } else if input.starts_with(b"\xD0\xCF\x11\xE0") {
        "inventaris.xls"
    } else {
        "inventarislijst.csv"
    }
}

fn run_inventory_read(input: &[u8], scratch: &Scratch) -> Result<(), String> {
    let (_, path) = scratch
        .single_file(inventory_file_name(input), input)
        .map_err(|e| format!("harness: cannot write the input: {e}"))?;
    let _ = std::hint::black_box(openbaar::extract::inventory::read(&path));
    Ok(())
}

/// Pages of raw text: the input split at form feeds.
pub fn raw_pages(input: &[u8]) -> Vec<RawPage> {
    String::from_utf8_lossy(input)
        .split('\x0c')
        .map(|text| RawPage {
            provenance: Provenance::TextLayer,
            confidence: None,
            text: text.to_string(),
        })
        .collect()
}

fn run_normalise_pages(input: &[u8], _: &Scratch) -> Result<(), String> {
    std::hint::black_box(openbaar::normalise::normalise_pages(&raw_pages(input)));
    Ok(())
}

fn run_redact_paragraph(input: &[u8], _: &Scratch) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    std::hint::black_box(openbaar::facts::redact::redact_paragraph(&text));
    Ok(())
}

fn run_find_dates(input: &[u8], _: &Scratch) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    for found in openbaar::facts::dates::find_dates(&text) {
        std::hint::black_box(found.value.iso());
    }
    Ok(())
}

/// Normalised pages: the input split at form feeds into pages and at line ends into
/// paragraphs (as `normalise_pages` gives them: one line each).
pub fn paragraph_pages(input: &[u8]) -> Vec<Page> {
    String::from_utf8_lossy(input)
        .split('\x0c')
        .enumerate()
        .map(|(i, page)| Page {
            number: i as u32 + 1,
            provenance: Provenance::TextLayer,
            confidence: None,
            paragraphs: page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            blacked_out: None,
        })
        .collect()
}

fn run_split_messages(input: &[u8], _: &Scratch) -> Result<(), String> {
    std::hint::black_box(openbaar::facts::messages::split_messages(&paragraph_pages(
        input,
    )));
    Ok(())
}

fn run_paragraph_events(input: &[u8], _: &Scratch) -> Result<(), String> {
    let text = String::from_utf8_lossy(input);
    let day = NaiveDate::from_ymd_opt(2025, 8, 28).expect("a valid day");
    let anchors = [
        None,
        Some(Anchor::for_document(day, DateSource::EmailHeader)),
        Some(Anchor::for_document(day, DateSource::PdfMetadata)),
    ];
    for anchor in anchors {
        std::hint::black_box(openbaar::facts::events::paragraph_events(
            &text, 1000, anchor,
        ));
    }
    Ok(())
}

/// The file name an input of `extract_all` is written under: its content decides, so
/// that a saved input reproduces with the same name.
pub fn archive_file_name(input: &[u8]) -> &'static str {
    let head = &input[..input.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        "document.pdf"
    } else if input.starts_with(b"From ") {
        "postvak.mbox"
    } else if input.starts_with(b"PK") {
        "inventaris.xlsx"
    } else if head.windows(2).any(|w| w == b": ") {
        "bericht.eml"
    } else if head.contains(&b';') {
        "inventarislijst.csv"
    } else {
        "tekst.txt"
    }
}

fn run_extract_all(input: &[u8], scratch: &Scratch) -> Result<(), String> {
    let (folder, _) = scratch
        .single_file(archive_file_name(input), input)
        .map_err(|e| format!("harness: cannot write the input: {e}"))?;
    let extraction = openbaar::records::extract_all(
        &[folder],
        &Settings::default(),
        &openbaar::records::NoProgress,
    );
    // The pipeline catches a reader's panic and reports it as an internal error of the
    // file: for the fuzzer that is a panic all the same.
    match extraction
        .failed
        .iter()
        .find(|p| p.reason.contains("internal error"))
    {
        Some(problem) => Err(format!("{}: {}", problem.source, problem.reason)),
        None => Ok(()),
    }
}
