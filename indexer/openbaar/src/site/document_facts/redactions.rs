//! The third section of the facts, "Weggelakt" / "Redacted": how many boxes were
//! blacked out, on which grounds, how much of the pages they cover, on which pages of
//! the pdf, and at which email domains.

use std::fmt::Write;

use htmlescape::encode_minimal as escape;

use super::super::summary::summarise;
use super::super::words::Label;
use super::super::Lang;
use super::{Placeholder, Terms};
use crate::model::{Document, Kind};

pub(super) fn write(out: &mut String, doc: &Document, original: &str, terms: &Terms, lang: Lang) {
    let summary = summarise([doc]);
    if summary.total == 0 {
        return;
    }
    let _ = write!(
        out,
        "<section aria-labelledby=\"weggelakt\" class=\"redaction-summary\">\n<h2 id=\"weggelakt\">{}</h2>\n<p>{} ",
        Label::Redacted.get(lang),
        Label::InThisDocument.get(lang)
    );
    if summary.total == 1 {
        out.push_str(Label::BoxesOne.get(lang));
    } else {
        out.push_str(&Label::BoxesMany.with(lang, summary.total));
    }
    let _ = write!(out, " ({}", Label::BoxesCounted.get(lang));
    if summary.repeats > 0 {
        let _ = write!(
            out,
            "; {}",
            Label::RepeatsOnce.with(lang, "<code>█ @domein.nl &lt;█ @domein.nl&gt;</code>")
        );
    }
    out.push_str(").");
    if !doc.same_message.is_empty() {
        let _ = write!(out, " {}", Label::AlsoOtherForm.get(lang));
    }
    out.push_str("</p>\n<ul>\n");
    for ground in &summary.by_ground {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\"><strong>{}</strong></a> ({}) {}: {}×</li>",
            terms.url("gronden", &ground.code),
            escape(&ground.code),
            escape(&ground.law),
            escape(if lang == Lang::Nl {
                &ground.nl
            } else {
                &ground.en
            }),
            ground.count
        );
    }
    if summary.without_code > 0 {
        let _ = writeln!(
            out,
            "<li>{}: {}×</li>",
            Label::WithoutGround.get(lang),
            summary.without_code
        );
    }
    out.push_str("</ul>\n");
    if let Some(share) = summary.blacked_out.as_ref().filter(|s| s.share > 0.0) {
        let percent = |p: &super::super::summary::Percent| {
            escape(if lang == Lang::Nl { &p.nl } else { &p.en })
        };
        let _ = write!(
            out,
            "<p data-share>{}: <strong>{}</strong> {}",
            Label::BlackedOut.get(lang),
            percent(&share.total),
            Label::OfThePages.get(lang)
        );
        if !share.grounds.is_empty() {
            out.push_str(" (");
            for (i, ground) in share.grounds.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                match &ground.code {
                    Some(code) => out.push_str(&escape(code)),
                    None => out.push_str(Label::WithoutGroundShort.get(lang)),
                }
                let _ = write!(out, " {}", percent(&ground.share));
            }
            out.push(')');
        }
        out.push_str(".</p>\n");
    }
    if doc.kind == Kind::Pdf {
        write_pages(out, doc, original, lang);
    }
    if !summary.by_domain.is_empty() {
        let _ = write!(out, "<p>{}</p>\n<ul>\n", Label::NamesAtDomains.get(lang));
        for domain in &summary.by_domain {
            let _ = write!(out, "<li>{} ", Label::CountAt.with(lang, domain.count));
            match &domain.organisation {
                Some(organisation) => {
                    let _ = write!(out, "{} ({})", escape(organisation), escape(&domain.domain));
                }
                None => out.push_str(&escape(&domain.domain)),
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// The pages of the pdf with boxes, each a link that opens the original there.
fn write_pages(out: &mut String, doc: &Document, original: &str, lang: Lang) {
    let mut pages: Vec<u32> = doc
        .redactions
        .iter()
        .map(|r| r.page)
        .filter(|&p| p > 0)
        .collect();
    pages.sort_unstable();
    pages.dedup();
    if pages.is_empty() {
        return;
    }
    let _ = write!(out, "<p>{} ", Label::OnPage.get(lang));
    for (i, n) in pages.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(
            out,
            "<a href=\"{}{}#page={n}\">{n}</a>",
            Placeholder::Files,
            escape(original)
        );
    }
    let _ = writeln!(
        out,
        " {} <span class=\"muted\">({})</span>.</p>",
        Label::OfThePdf.get(lang),
        Label::OpensPdf.get(lang)
    );
}
