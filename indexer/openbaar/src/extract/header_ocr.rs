//! Printed email headers read again from the page image.
//!
//! Released email threads are printed to paper or an image and given a text layer by
//! the publisher's OCR, which often loses whole header rows: a `From:` line whose name
//! is a redaction box, the label column of an Outlook print block, the day of a
//! `Verzonden:` line. Without those rows no rule can split the thread into messages
//! with the right sender and time. So a page whose text layer shows a printed email
//! header, and that has an image to read, is read again by OCR, and the OCR text
//! replaces the layer when it gives more header rows. Other pages (letters, notes,
//! born-digital mail without an image) are never read again here, so the cost stays with
//! the pages that need it.

use std::sync::LazyLock;

use regex::Regex;

/// A header row with its label and a value on the same line: English and Dutch print
/// headers of Outlook and other mail programs.
static HEADER_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?im)^\s*(?P<label>from|to|cc|sent|subject|van|aan|verzonden|onderwerp)\s*:[ \t]*(?P<value>\S.*)$",
    )
    .expect("valid regex")
});

/// A clock time (`14:28`, `1:01:29 PM`).
static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}[:.]\d{2}\b").expect("valid regex"));

/// How much of the printed email headers `text` holds: one point per header row with its
/// value, and one more per sent row that has its time (what dates a message).
pub fn header_strength(text: &str) -> usize {
    HEADER_ROW
        .captures_iter(text)
        .map(|caps| {
            let label = caps["label"].to_lowercase();
            let sent = label == "sent" || label == "verzonden";
            1 + usize::from(sent && TIME.is_match(&caps["value"]))
        })
        .sum()
}

/// Whether a text layer shows a printed email header: a sent row with its time, or
/// header rows of at least two kinds. A letter's `Onderwerp:` line alone does not.
pub fn shows_headers(text: &str) -> bool {
    let mut labels: Vec<String> = HEADER_ROW
        .captures_iter(text)
        .map(|caps| caps["label"].to_lowercase())
        .collect();
    let timed_sent = HEADER_ROW.captures_iter(text).any(|caps| {
        matches!(caps["label"].to_lowercase().as_str(), "sent" | "verzonden")
            && TIME.is_match(&caps["value"])
    });
    labels.sort();
    labels.dedup();
    timed_sent || labels.len() >= 2 && labels.iter().any(|l| l != "aan" && l != "onderwerp")
}

/// Whether the OCR of a page image should replace its text layer: it holds more of the
/// printed headers.
pub fn ocr_reads_more(text_layer: &str, ocr: &str) -> bool {
    header_strength(ocr) > header_strength(text_layer)
}

/// A line that starts with a header label (with or without its value).
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W{0,2}(from|to|cc|bcc|sent|date|subject|received|attachments|importance|van|aan|verzonden|datum|onderwerp|bijlagen|urgentie|prioriteit)\s*:",
    )
    .expect("valid regex")
});

/// `text` with a blank line before and after each header row, so that no row runs on
/// into the next when lines are joined into paragraphs (a long `To:` list fills the
/// page's width like a line of running text).
pub fn set_apart_header_rows(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut apart = true;
    for line in text.lines() {
        let row = LABEL_LINE.is_match(line);
        if row && !apart {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        if row {
            out.push('\n');
        }
        apart = row || line.trim().is_empty();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_rows_are_counted_with_their_times() {
        let layer = "183617\n\n█ RET\n\nSent: Wed 9/9/2020 12:45:19 PM\n\nSubject: Voorstel\n";
        let ocr = "To: 5.1.2e @rivm.nl]\nCc: 5.1.2e\nFrom: 5.1.2e\nSent: Wed 9/9/2020 12:45:19 PM\nSubject: Voorstel\n";
        assert_eq!(header_strength(layer), 3);
        assert_eq!(header_strength(ocr), 6);
        assert!(ocr_reads_more(layer, ocr));
        assert!(!ocr_reads_more(ocr, layer));
        // A label without its value is no row.
        assert_eq!(header_strength("From:\nSent:\n"), 0);
    }

    #[test]
    fn header_rows_stand_apart() {
        assert_eq!(
            set_apart_header_rows("Hoi\nTo: a@b.nl\nCc: c@d.nl\nBeste,\ntekst\n"),
            "Hoi\n\nTo: a@b.nl\n\nCc: c@d.nl\n\nBeste,\ntekst\n"
        );
    }

    #[test]
    fn a_letter_shows_no_email_header() {
        assert!(shows_headers("Sent: Wed 9/9/2020 12:45:19 PM\n"));
        assert!(shows_headers("Van: A. de Vries\nOnderwerp: Overleg\n"));
        assert!(!shows_headers(
            "Aan: de leden van de raad\nOnderwerp: Besluit\nGeachte leden,\n"
        ));
        assert!(!shows_headers("Onderwerp: Besluit\n"));
    }
}
