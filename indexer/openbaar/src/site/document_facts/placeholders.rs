//! The addresses in a document's rendered facts that only Zola knows: written as
//! [`Placeholder`]s (`<openbaar-url …>`) when the facts are rendered, filled in from the
//! page's facts marker ([`Addresses`]) when they are put into the page.

use std::fmt::Write;

use super::TAXONOMIES;

/// An address in the rendered facts that only Zola knows, filled in at splice time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder {
    /// The document pages of the page's language (`/documenten/`, `/en/documenten/`).
    Documents,
    /// The documents section, where the archive's data files are (`/documenten/`).
    Data,
    /// The archive's timeline in the page's language.
    Timeline,
    /// This page.
    Page,
    /// The folder of the document's original and data files: its Dutch page.
    Files,
    /// Another document's page, in the page's language.
    Document(String),
    /// The facet page of the n-th term of the taxonomy ([`TAXONOMIES`]) in the
    /// document's front matter; `None` for the taxonomy's list.
    Term(usize, Option<usize>),
}

impl Placeholder {
    pub(super) fn document(id: &str) -> Self {
        Placeholder::Document(id.to_string())
    }
}

const PLACEHOLDER_START: &str = "<openbaar-url ";

impl std::fmt::Display for Placeholder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(PLACEHOLDER_START)?;
        match self {
            Placeholder::Documents => f.write_str("d")?,
            Placeholder::Data => f.write_str("a")?,
            Placeholder::Timeline => f.write_str("t")?,
            Placeholder::Page => f.write_str("p")?,
            Placeholder::Files => f.write_str("f")?,
            Placeholder::Document(id) => write!(f, "doc {id}")?,
            Placeholder::Term(t, Some(n)) => write!(f, "term {t} {n}")?,
            Placeholder::Term(t, None) => write!(f, "list {t}")?,
        }
        f.write_str(">")
    }
}

/// The addresses a page's facts marker gives.
#[derive(Debug, PartialEq, Eq)]
pub struct Addresses<'a> {
    documents: &'a str,
    data: &'a str,
    timeline: &'a str,
    page: &'a str,
    files: &'a str,
    terms: [Vec<&'a str>; 6],
}

impl<'a> Addresses<'a> {
    /// Reads the part of a marker after the document id and the language: the document
    /// pages, the documents section, the timeline, the page, the folder of the original,
    /// then per taxonomy its name and its terms' addresses.
    pub fn parse(marker: &'a str) -> Option<Self> {
        let mut words = marker.split_whitespace();
        let documents = words.next()?;
        let data = words.next()?;
        let timeline = words.next()?;
        let page = words.next()?;
        let files = words.next()?;
        let mut terms: [Vec<&str>; 6] = Default::default();
        let mut current = None;
        for word in words {
            match TAXONOMIES.iter().position(|&name| name == word) {
                Some(t) => current = Some(t),
                None => terms[current?].push(word),
            }
        }
        Some(Addresses {
            documents,
            data,
            timeline,
            page,
            files,
            terms,
        })
    }

    /// Only the folder of the original: for the text, whose only addresses are the
    /// original's pages. Empty: the original beside the page.
    pub fn files_only(files: &'a str) -> Self {
        Addresses {
            documents: "",
            data: "",
            timeline: "",
            page: "",
            files,
            terms: Default::default(),
        }
    }

    /// `facts` with every placeholder replaced by its address.
    pub fn fill(&self, facts: &str) -> String {
        let mut out = String::with_capacity(facts.len() + 1024);
        let mut rest = facts;
        while let Some(start) = rest.find(PLACEHOLDER_START) {
            out.push_str(&rest[..start]);
            let after = &rest[start + PLACEHOLDER_START.len()..];
            let Some(end) = after.find('>') else {
                break;
            };
            let words: Vec<&str> = after[..end].split(' ').collect();
            match words.as_slice() {
                ["d"] => out.push_str(self.documents),
                ["a"] => out.push_str(self.data),
                ["t"] => out.push_str(self.timeline),
                ["p"] => out.push_str(self.page),
                ["f"] => out.push_str(self.files),
                ["doc", id] => {
                    let _ = write!(out, "{}{id}/", self.documents);
                }
                ["term", t, n] => {
                    let url = t.parse::<usize>().ok().and_then(|t| {
                        let n = n.parse::<usize>().ok()?;
                        self.terms.get(t)?.get(n).copied()
                    });
                    out.push_str(url.unwrap_or(self.documents));
                }
                _ => out.push_str(self.documents),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_from_the_marker() {
        let marker = " /en/documenten/ /documenten/ /en/tijdlijn/ /en/documenten/abc/ /documenten/abc/ gronden /gronden/5-1-2e/ soort organisatie /organisatie/gemeente-groningen/ /organisatie/rigg/ persoon jaar /jaar/2024/ draad";
        let addresses = Addresses::parse(marker).unwrap();
        let facts = format!(
            "<a href=\"{}\">x</a> <a href=\"{}\">y</a> <a href=\"{}\">z</a>{}{} {}a.jsonl {}b.pdf",
            Placeholder::Term(2, Some(1)),
            Placeholder::Document("def".into()),
            Placeholder::Term(0, Some(0)),
            Placeholder::Page,
            Placeholder::Timeline,
            Placeholder::Data,
            Placeholder::Files,
        );
        assert_eq!(
            addresses.fill(&facts),
            "<a href=\"/organisatie/rigg/\">x</a> <a href=\"/en/documenten/def/\">y</a> <a href=\"/gronden/5-1-2e/\">z</a>/en/documenten/abc//en/tijdlijn/ /documenten/a.jsonl /documenten/abc/b.pdf"
        );
        // Escaped text is left alone.
        assert_eq!(
            addresses.fill("a &lt;openbaar-url d&gt; b"),
            "a &lt;openbaar-url d&gt; b"
        );
        assert_eq!(
            Addresses::files_only("").fill(&format!("{}x.pdf#page=2", Placeholder::Files)),
            "x.pdf#page=2"
        );
    }

    #[test]
    fn a_marker_without_every_address_is_not_read() {
        assert_eq!(
            Addresses::parse(" /documenten/ /tijdlijn/ /documenten/abc/"),
            None
        );
    }
}
