//! The text of a document page: rendered to HTML here and put into the page Zola built.
//!
//! The text is by far the largest part of a document. In front matter Zola kept it in
//! memory for every page and copied it into every listing that names the page (the
//! documents section, each taxonomy term), which took about 1 MB of memory per document
//! (9.8 GB for 10,000). Now `document.html` prints only a marker,
//! `<!--openbaar:tekst ID-->`, where the text goes. Before `zola build` a [`TextStore`]
//! renders every document's text into one file; after it, [`TextStore::splice`] replaces
//! each marker with the text of document ID, one page at a time. Neither Zola nor
//! openbaar holds the text while Zola runs; the text is escaped here
//! ([`super::segments`]) as the templates escaped it.

use std::collections::HashMap;
use std::fmt::Write;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use htmlescape::encode_minimal as escape;

use super::document_facts::{Addresses, Facts, Placeholder, FACTS_MARKER};
use super::segments::{pages_out, thread_out, write_segments_html, MessageOut, PageOut};
use super::words::{self, Label, Words};
use super::{original_name, Lang, SiteError};
use crate::model::{Built, Kind, PartialDate, Provenance};

/// What `document.html` prints where the text goes, followed by the document id and `-->`.
pub const TEXT_MARKER: &str = "<!--openbaar:tekst ";

/// How many document pages got their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spliced {
    /// Pages whose marker was replaced.
    pub pages: usize,
}

/// The text section of a document's page: the messages of an email, or the pages of any
/// other document; empty when it has neither (a withheld document).
pub fn text_html(built: &Built) -> String {
    let doc = &built.document;
    // A page marker of a PDF also links to that page in the original.
    let pdf = (doc.kind == Kind::Pdf)
        .then(|| original_name(built))
        .filter(|name| !name.is_empty());
    let page_links = PageLinks {
        pdf: pdf.as_deref(),
    };
    let mut out = String::new();
    if !doc.messages.is_empty() {
        let thread = thread_out(doc);
        if !thread.is_empty() {
            write_thread(&mut out, &thread, &page_links);
            return out;
        }
    }
    let pages = pages_out(&doc.pages, &doc.redactions);
    if !pages.is_empty() {
        write_pages(&mut out, &pages, doc.page_count, &page_links);
    }
    out
}

/// How a page marker is written: a link to itself, and, for a PDF, to that page of the
/// original (`#page=N` opens the browser's viewer there).
struct PageLinks<'a> {
    pdf: Option<&'a str>,
}

/// The text is stored once for the Dutch and the English page: the words openbaar adds
/// are written in both, for [`words::pick`] to keep the page's.
const WORDS: Words = Words::Both;

/// The attribute of the words openbaar adds to the (Dutch) text on an English page.
const ENGLISH: &str = " lang=\"en\"";

impl PageLinks<'_> {
    fn write(&self, out: &mut String, n: u32) {
        let _ = write!(out, "<a href=\"#pagina-{n}\">");
        WORDS.label_with(out, Label::PageN, n);
        out.push_str("</a>");
        if let Some(pdf) = self.pdf {
            let _ = write!(
                out,
                " <a class=\"pdf-page\" href=\"{}{}#page={n}\">",
                Placeholder::Files,
                escape(pdf)
            );
            WORDS.label(out, Label::InThePdf);
            out.push_str("</a>");
        }
    }
}

/// Opens the text's section: marked Dutch on an English page, its heading English.
fn open_section(out: &mut String, class: &str, heading: Label) {
    let _ = write!(out, "<section aria-labelledby=\"tekst\" class=\"{class}\"");
    WORDS.english_only(out, " lang=\"nl\"");
    out.push_str(">\n<h2 id=\"tekst\"");
    WORDS.english_only(out, ENGLISH);
    out.push('>');
    WORDS.label(out, heading);
    out.push_str("</h2>\n");
}

/// Writes a row of a message's header.
fn header_row(out: &mut String, label: Label, value: impl FnOnce(&mut String)) {
    out.push_str("<div><dt");
    WORDS.english_only(out, ENGLISH);
    out.push('>');
    WORDS.label(out, label);
    out.push_str("</dt><dd>");
    value(out);
    out.push_str("</dd></div>\n");
}

fn write_thread(out: &mut String, thread: &[MessageOut], links: &PageLinks) {
    open_section(out, "text thread", Label::Messages);
    for (i, m) in thread.iter().enumerate() {
        let sent = m.date.map(|date| {
            let mut sent = String::new();
            WORDS.date(&mut sent, PartialDate::from(date));
            if let Some(time) = &m.time {
                let _ = write!(sent, " {}", escape(time));
            }
            sent
        });
        if i == 0 {
            let _ = write!(
                out,
                "<article class=\"message\" id=\"bericht-{}\">",
                m.number
            );
        } else {
            let _ = write!(
                out,
                "<details class=\"message\" id=\"bericht-{}\"><summary>",
                m.number
            );
            WORDS.label(out, Label::EarlierMessage);
            if !m.from.is_empty() {
                out.push(' ');
                WORDS.label(out, Label::MessageFrom);
                out.push(' ');
                write_segments_html(out, &m.from, WORDS);
            }
            if let Some(sent) = &sent {
                let _ = write!(out, ", {sent}");
            }
            out.push_str("</summary>");
        }
        out.push_str("\n<dl class=\"message-header\">\n");
        if !m.from.is_empty() {
            header_row(out, Label::From, |out| {
                write_segments_html(out, &m.from, WORDS)
            });
        }
        if let Some(sent) = &sent {
            header_row(out, Label::Sent, |out| out.push_str(sent));
        }
        for (label, values) in [(Label::To, &m.to), (Label::Cc, &m.cc)] {
            if values.is_empty() {
                continue;
            }
            header_row(out, label, |out| {
                for (j, value) in values.iter().enumerate() {
                    if j > 0 {
                        out.push_str("; ");
                    }
                    write_segments_html(out, value, WORDS);
                }
            });
        }
        if let Some(subject) = &m.subject {
            header_row(out, Label::Subject, |out| out.push_str(&escape(subject)));
        }
        out.push_str("</dl>\n");
        for p in &m.paragraphs {
            if let Some(page) = p.page {
                let _ = write!(out, "<p class=\"page-marker\" id=\"pagina-{page}\"");
                WORDS.english_only(out, ENGLISH);
                out.push('>');
                links.write(out, page);
                out.push_str("</p>");
            }
            out.push_str("<p>");
            write_segments_html(out, &p.segments, WORDS);
            out.push_str("</p>\n");
        }
        out.push_str(if i == 0 {
            "</article>\n"
        } else {
            "</details>\n"
        });
    }
    out.push_str("</section>\n");
}

fn write_pages(out: &mut String, pages: &[PageOut], page_count: u32, links: &PageLinks) {
    open_section(out, "text", Label::Text);
    for page in pages {
        let n = page.number;
        if page_count > 1 {
            let _ = write!(out, "<h3 class=\"page-marker\" id=\"pagina-{n}\"");
            WORDS.english_only(out, ENGLISH);
            out.push('>');
            links.write(out, n);
            out.push_str("</h3>\n");
        }
        if page.provenance == Provenance::Scanned {
            out.push_str("<p class=\"notice\"");
            WORDS.english_only(out, ENGLISH);
            out.push('>');
            WORDS.label(out, Label::ScanNotRead);
            out.push_str("</p>\n");
        } else if matches!(page.provenance, Provenance::Ocr | Provenance::ReOcr) {
            out.push_str("<p class=\"notice page-source\"");
            WORDS.english_only(out, ENGLISH);
            out.push('>');
            WORDS.label(
                out,
                if page.provenance == Provenance::Ocr {
                    Label::ScanRead
                } else {
                    Label::PoorTextLayer
                },
            );
            WORDS.label(out, Label::ReadByOcr);
            if let Some(percent) = page.confidence_percent.filter(|&p| p > 0) {
                WORDS.label_with(out, Label::Confidence, percent);
            }
            WORDS.label(out, Label::ReadingErrors);
            out.push_str("</p>\n");
        } else if page.paragraphs.is_empty() {
            out.push_str("<p class=\"muted\"");
            WORDS.english_only(out, ENGLISH);
            out.push('>');
            WORDS.label(out, Label::EmptyPage);
            out.push_str("</p>\n");
        }
        // Every paragraph can be linked to: `#pagina-2-alinea-3`.
        for (i, paragraph) in page.paragraphs.iter().enumerate() {
            let _ = write!(out, "<p id=\"pagina-{n}-alinea-{}\">", i + 1);
            write_segments_html(out, paragraph, WORDS);
            out.push_str("</p>\n");
        }
    }
    out.push_str("</section>\n");
}

/// The text and the facts ([`super::document_facts`], in each language) of every
/// document, rendered once and kept in one file on disk until Zola has built the pages,
/// so that neither the extraction nor the rendered pages are in memory while Zola runs.
/// Only where each document's parts start and how long they are stay in memory. The
/// file is removed when the store is dropped.
#[derive(Debug)]
pub struct TextStore {
    path: PathBuf,
    /// Document id → (offset, length) in the file of its text and of its facts in each
    /// language ([`Part`]).
    spans: HashMap<String, [(u64, usize); PARTS]>,
}

/// How many parts a document has in the store: the text, and the facts per language.
const PARTS: usize = 1 + Lang::ALL.len();

/// Which part of a page a marker stands for.
#[derive(Clone, Copy)]
enum Part {
    Text,
    Facts(Lang),
}

impl Part {
    fn index(self) -> usize {
        match self {
            Part::Text => 0,
            Part::Facts(lang) => 1 + lang as usize,
        }
    }
}

/// A marker read from a page: the document, the page's language, and the rest (the
/// addresses).
fn read_marker(rest: &str) -> (&str, Option<Lang>, &str) {
    let mut words = rest.trim().splitn(3, ' ');
    let id = words.next().unwrap_or_default();
    let lang = words.next().and_then(Lang::from_code);
    (id, lang, words.next().unwrap_or_default())
}

impl TextStore {
    /// Renders the text and the facts of `documents` into the file `path` (replacing it).
    pub fn write(path: &Path, documents: &[Built], facts: &Facts) -> Result<Self, SiteError> {
        let io_error = |source| SiteError::Write {
            path: path.display().to_string(),
            source,
        };
        let mut file = io::BufWriter::new(fs::File::create(path).map_err(io_error)?);
        // From here on the file is removed again when writing fails.
        let mut store = Self {
            path: path.to_path_buf(),
            spans: HashMap::with_capacity(documents.len()),
        };
        let mut offset = 0u64;
        for built in documents {
            let mut spans = [(0, 0); PARTS];
            let parts = std::iter::once(text_html(built))
                .chain(Lang::ALL.into_iter().map(|lang| facts.html(built, lang)));
            for (span, html) in spans.iter_mut().zip(parts) {
                file.write_all(html.as_bytes()).map_err(io_error)?;
                *span = (offset, html.len());
                offset += html.len() as u64;
            }
            store.spans.insert(built.document.id.clone(), spans);
        }
        file.flush().map_err(io_error)?;
        Ok(store)
    }

    /// Replaces the text marker and the facts marker in every page under `site` (a
    /// folder Zola built) with the text and the facts of its document, in the page's
    /// language, reading and writing one page at a time. Fails when a document got no
    /// page with both markers in each language: a theme whose `document.html` lacks one
    /// would otherwise publish documents without their text or facts.
    pub fn splice(&self, site: &Path) -> Result<Spliced, SiteError> {
        let io_error = |path: &Path| {
            let path = path.display().to_string();
            move |source| SiteError::Write { path, source }
        };
        let mut parts = fs::File::open(&self.path).map_err(io_error(&self.path))?;
        let mut spliced = Spliced { pages: 0 };
        // Per language: pages that got their text, pages that got their facts.
        let mut with_text = [0; Lang::ALL.len()];
        let mut with_facts = [0; Lang::ALL.len()];
        for entry in walkdir::WalkDir::new(site) {
            let entry = entry.map_err(|e| SiteError::Write {
                path: site.display().to_string(),
                source: e.into(),
            })?;
            if entry.file_name() != "index.html" || !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let mut html = fs::read_to_string(path).map_err(io_error(path))?;
            let mut changed = false;
            for (marker, facts) in [(TEXT_MARKER, false), (FACTS_MARKER, true)] {
                let Some(start) = html.find(marker) else {
                    continue;
                };
                let rest_start = start + marker.len();
                let Some(rest_len) = html[rest_start..].find("-->") else {
                    continue;
                };
                let (id, lang, addresses) = read_marker(&html[rest_start..rest_start + rest_len]);
                let (Some(&spans), Some(lang)) = (self.spans.get(id), lang) else {
                    continue;
                };
                let part = if facts { Part::Facts(lang) } else { Part::Text };
                let stored = self.read(&mut parts, spans[part.index()])?;
                let rendered = match part {
                    Part::Text => {
                        words::pick(&Addresses::files_only(addresses.trim()).fill(&stored), lang)
                    }
                    Part::Facts(_) => match Addresses::parse(addresses) {
                        Some(addresses) => addresses.fill(&stored),
                        None => continue,
                    },
                };
                let mut out = String::with_capacity(html.len() + rendered.len());
                out.push_str(&html[..start]);
                out.push_str(&rendered);
                out.push_str(&html[rest_start + rest_len + 3..]);
                html = out;
                changed = true;
                match part {
                    Part::Text => {
                        spliced.pages += 1;
                        with_text[lang as usize] += 1;
                    }
                    Part::Facts(lang) => with_facts[lang as usize] += 1,
                }
            }
            if changed {
                fs::write(path, html).map_err(io_error(path))?;
            }
        }
        let documents = self.spans.len();
        if let Some(&least) = with_text.iter().min().filter(|&&n| n < documents) {
            return Err(SiteError::TextMarkerMissing {
                missing: documents - least,
            });
        }
        if let Some(&least) = with_facts.iter().min().filter(|&&n| n < documents) {
            return Err(SiteError::FactsMarkerMissing {
                missing: documents - least,
            });
        }
        Ok(spliced)
    }

    fn read(&self, file: &mut fs::File, (offset, len): (u64, usize)) -> Result<String, SiteError> {
        use std::io::{Read, Seek, SeekFrom};
        let error = |source| SiteError::Write {
            path: self.path.display().to_string(),
            source,
        };
        let mut bytes = vec![0; len];
        file.seek(SeekFrom::Start(offset))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(error)?;
        String::from_utf8(bytes).map_err(|e| error(io::Error::new(io::ErrorKind::InvalidData, e)))
    }
}

impl Drop for TextStore {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}
