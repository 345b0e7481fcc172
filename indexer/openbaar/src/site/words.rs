//! Every word of a document's page that openbaar writes (around the text, in the facts,
//! on a redaction bar), in Dutch and in English, in one table ([`Label::words`]): a label
//! is added or changed in one place for both languages. The document is data (its text,
//! names, subjects, the sentences of events) and is not translated; only the words
//! around it are.
//!
//! The facts are rendered once per language. The text is stored once for both pages of
//! a document: where it has words of its own it holds both, as alternatives
//! ([`Words::Both`]), and [`pick`] keeps those of the page's language when the text is
//! put into the page.

use std::fmt::Write;

use crate::model::{DateSource, Kind, PartialDate, Role};

use super::Lang;

/// Defines [`Label`] and its table: each label once, with its Dutch and English words.
macro_rules! labels {
    ($($name:ident => [$nl:expr, $en:expr $(,)?],)*) => {
        /// A fixed word or phrase of the facts. A `{n}` in it stands for a number or a
        /// word given with [`Label::with`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(in crate::site) enum Label {
            $($name,)*
        }

        impl Label {
            /// Every label, to check the table as a whole.
            #[cfg(test)]
            const ALL: &'static [Label] = &[$(Label::$name,)*];

            /// The table: the label in Dutch and in English.
            pub(in crate::site) const fn words(self) -> [&'static str; 2] {
                match self {
                    $(Label::$name => [$nl, $en],)*
                }
            }
        }
    };
}

labels! {
    Messages => ["Berichten", "Messages"],
    EarlierMessage => ["Eerder bericht", "Earlier message"],
    MessageFrom => ["van", "from"],
    Sent => ["Verzonden", "Sent"],
    Text => ["Tekst", "Text"],
    PageN => ["Pagina {n}", "Page {n}"],
    InThePdf => ["in de pdf", "in the pdf"],
    ScanNotRead => [
        "Deze pagina is een scan zonder tekstlaag; de tekst is niet herkend. Zie het originele bestand.",
        "This page is a scan without a text layer; its text was not recognised. See the original file.",
    ],
    ScanRead => [
        "Deze pagina is een scan zonder tekstlaag",
        "This page is a scan without a text layer",
    ],
    PoorTextLayer => [
        "De tekstlaag van deze pagina was slecht leesbaar",
        "The text layer of this page was hard to read",
    ],
    ReadByOcr => [
        ": de tekst hieronder is door tekstherkenning (OCR) van het beeld gelezen",
        ": the text below was read from the image by text recognition (OCR)",
    ],
    Confidence => [", met een zekerheid van {n}%", ", with a confidence of {n}%"],
    ReadingErrors => [
        ". Kleine leesfouten zijn mogelijk; zie het originele bestand.",
        ". Small reading errors are possible; see the original file.",
    ],
    EmptyPage => ["(lege pagina)", "(empty page)"],
    RedactedOn => ["Weggelakt op grond van {n}", "Redacted on the grounds of {n}"],
    HiddenRedactedOn => ["[weggelakt op grond van ", "[redacted on the grounds of "],
    HiddenRedacted => ["[weggelakt", "[redacted"],
    GroundNotFound => ["grond niet gevonden", "ground not found"],
    GroundIllegible => ["weggelakt, grond onleesbaar", "redacted, ground illegible"],
    Details => ["Gegevens", "Details"],
    Date => ["Datum", "Date"],
    Source => ["bron", "source"],
    Unknown => ["onbekend", "unknown"],
    Kind => ["Soort", "Kind"],
    Type => ["Type", "Type"],
    From => ["Van", "From"],
    To => ["Aan", "To"],
    Cc => ["Cc", "Cc"],
    Subject => ["Onderwerp", "Subject"],
    Thread => ["E-mailwisseling", "Email thread"],
    ThreadLink => [
        "alle documenten in deze wisseling",
        "all documents in this thread",
    ],
    MessageCountOne => ["{n} bericht in dit document", "{n} message in this document"],
    MessageCountMany => [
        "{n} berichten in dit document",
        "{n} messages in this document",
    ],
    People => ["Personen", "People"],
    Organisations => ["Organisaties", "Organisations"],
    Pages => ["Pagina's", "Pages"],
    PagesRead => [
        "{n} gelezen met tekstherkenning",
        "{n} read by text recognition",
    ],
    PagesNotRead => ["{n} zonder tekst, niet gelezen", "{n} without text, not read"],
    AttachmentOf => ["Bijlage bij", "Attachment to"],
    Released => ["Openbaar gemaakt", "Released"],
    ReleasedWith => ["bij", "with"],
    DatedOn => ["van", "of"],
    SameMessage => ["Zelfde bericht", "Same message"],
    AsPdf => ["als pdf", "as a pdf"],
    AsEmail => ["als e-mail", "as an email"],
    OtherForm => [
        "in een andere vorm vrijgegeven: {n}",
        "released in another form: {n}",
    ],
    Attachments => ["Bijlagen", "Attachments"],
    Inventory => ["Inventarislijst", "Inventory list"],
    InventoryNumber => ["Nummer", "Number"],
    Judgement => ["Beoordeling", "Judgement"],
    Grounds => ["Gronden", "Grounds"],
    InventoryThread => ["E-mailthread", "Email thread"],
    InventoryFrom => ["uit", "from"],
    ArchiveFile => ["Bestand in archief", "File in the archive"],
    SameFile => ["zelfde bestand", "same file"],
    Data => ["Gegevens", "Data"],
    DataOfDocument => ["De feiten van dit document als", "The facts of this document as"],
    Or => ["of", "or"],
    AllDocuments => ["alle documenten", "all documents"],
    Permalink => ["Vaste link", "Permanent link"],
    Events => ["Gebeurtenissen in dit document", "Events in this document"],
    Inferred => ["afgeleid", "inferred"],
    ToTimeline => ["Naar de tijdlijn van het archief", "To the archive's timeline"],
    Redacted => ["Weggelakt", "Redacted"],
    InThisDocument => ["In dit document", "This document has"],
    BoxesOne => ["staat 1 weggelakt vak", "1 redacted box"],
    BoxesMany => ["staan {n} weggelakte vakken", "{n} redacted boxes"],
    BoxesCounted => [
        "zwarte balken; geteld zijn vakken, geen personen",
        "black bars; boxes are counted, not people",
    ],
    RepeatsOnce => [
        "een naam met e-mailadres, zoals {n}, telt één keer",
        "a name with an email address, such as {n}, counts once",
    ],
    AlsoOtherForm => [
        "Dit bericht is ook in een andere vorm vrijgegeven (zie ‘Zelfde bericht’); in de telling van het archief telt het één keer.",
        "This message was also released in another form (see ‘Same message’); the archive's count counts it once.",
    ],
    WithoutGround => [
        "zonder leesbare grond (zwarte balk als tekst gelezen)",
        "without a readable ground (black bar read as text)",
    ],
    WithoutGroundShort => ["zonder leesbare grond", "without a readable ground"],
    BlackedOut => ["Zwart gemaakt", "Blacked out"],
    OfThePages => [
        "van de oppervlakte van de pagina's",
        "of the area of the pages",
    ],
    OnPage => ["Op pagina", "On page"],
    OfThePdf => ["van de pdf", "of the pdf"],
    OpensPdf => ["opent de pdf op die pagina", "opens the pdf at that page"],
    NamesAtDomains => [
        "Weggelakte namen bij e-mailadressen die bewaard bleven:",
        "Redacted names at email addresses that were kept:",
    ],
    CountAt => ["{n} bij", "{n} at"],
    Sender => ["afzender", "sender"],
    Recipient => ["ontvanger", "recipient"],
    Mentioned => ["genoemd", "mentioned"],
    Signatory => ["ondertekenaar", "signatory"],
    SourceEmailHeader => ["verzenddatum van de e-mail", "date the email was sent"],
    SourcePdfMetadata => [
        "aanmaakdatum van de pdf (vaak de exportdatum)",
        "date the pdf was made (often the date it was exported)",
    ],
    SourceInventory => ["inventarislijst", "inventory list"],
    SourceEmailSent => [
        "verzenddatum van het nieuwste bericht",
        "date the newest message was sent",
    ],
    SourceDateLine => ["datumregel in het document", "date line in the document"],
    SourceSignature => ["datum bij de ondertekening", "date at the signature"],
    KindPdf => ["PDF", "PDF"],
    KindEmail => ["E-mail", "Email"],
    KindText => ["Tekst", "Text"],
    KindWithheld => ["Niet openbaar", "Not released"],
}

impl Label {
    /// The label in `lang`.
    pub(in crate::site) fn get(self, lang: Lang) -> &'static str {
        self.words()[lang as usize]
    }

    /// The label in `lang` with its `{n}` replaced by `n`.
    pub(in crate::site) fn with(self, lang: Lang, n: impl std::fmt::Display) -> String {
        self.get(lang).replace("{n}", &n.to_string())
    }

    /// A person's role.
    pub(in crate::site) fn role(role: Role) -> Label {
        match role {
            Role::Sender => Label::Sender,
            Role::Recipient => Label::Recipient,
            Role::Mentioned => Label::Mentioned,
            Role::Signatory => Label::Signatory,
        }
    }

    /// A document's kind, as the lists name it.
    pub(in crate::site) fn kind(kind: Kind) -> Label {
        match kind {
            Kind::Pdf => Label::KindPdf,
            Kind::Email => Label::KindEmail,
            Kind::Text => Label::KindText,
            Kind::Withheld => Label::KindWithheld,
        }
    }

    /// Where a document's date was read; none for a source the table does not know
    /// (its name is shown).
    pub(in crate::site) fn date_source(source: DateSource) -> Option<Label> {
        Some(match source.name() {
            "email_header" => Label::SourceEmailHeader,
            "pdf_metadata" => Label::SourcePdfMetadata,
            "inventory" => Label::SourceInventory,
            "email_sent" => Label::SourceEmailSent,
            "date_line" => Label::SourceDateLine,
            "signature" => Label::SourceSignature,
            _ => return None,
        })
    }
}

/// A date in `lang`'s words, with its qualifier (`eind mei 2024`, `late May 2024`).
pub(in crate::site) fn date(date: PartialDate, qualifier: Option<&str>, lang: Lang) -> String {
    match lang {
        Lang::Nl => date.label_nl(qualifier),
        Lang::En => date.label_en(qualifier),
    }
}

/// The language(s) a piece of HTML is written in: one, or both as alternatives for
/// [`pick`] to choose from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::site) enum Words {
    /// Only this language's words.
    In(Lang),
    /// Both, as alternatives.
    Both,
}

/// Starts an alternative: `<openbaar-lang nl>`, `<openbaar-lang en>`, and
/// `<openbaar-lang ->` after the last. Every text is escaped, so a `<` is always ours.
const ALTERNATIVE: &str = "<openbaar-lang ";

impl Words {
    /// Writes `words` (Dutch, English) in this language, or both as alternatives.
    pub(in crate::site) fn write(self, out: &mut String, [nl, en]: [&str; 2]) {
        match self {
            Words::In(lang) => out.push_str([nl, en][lang as usize]),
            Words::Both if nl == en => out.push_str(nl),
            Words::Both => {
                let _ = write!(
                    out,
                    "{ALTERNATIVE}nl>{nl}{ALTERNATIVE}en>{en}{ALTERNATIVE}->"
                );
            }
        }
    }

    /// Writes `label`.
    pub(in crate::site) fn label(self, out: &mut String, label: Label) {
        self.write(out, label.words());
    }

    /// Writes `label` with its `{n}` replaced by `n`.
    pub(in crate::site) fn label_with(
        self,
        out: &mut String,
        label: Label,
        n: impl std::fmt::Display,
    ) {
        let n = n.to_string();
        let [nl, en] = label.words().map(|w| w.replace("{n}", &n));
        self.write(out, [&nl, &en]);
    }

    /// Writes a date in words.
    pub(in crate::site) fn date(self, out: &mut String, day: PartialDate) {
        self.write(out, [&day.label_nl(None), &day.label_en(None)]);
    }

    /// Writes `attribute` (` lang="en"`) only in English: for the words openbaar adds to
    /// the Dutch text of an English page.
    pub(in crate::site) fn english_only(self, out: &mut String, attribute: &str) {
        self.write(out, ["", attribute]);
    }
}

/// `html` with only the `lang` alternatives of what [`Words::Both`] wrote.
pub(in crate::site) fn pick(html: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut keep = true;
    while let Some(start) = rest.find(ALTERNATIVE) {
        if keep {
            out.push_str(&rest[..start]);
        }
        let after = &rest[start + ALTERNATIVE.len()..];
        let Some(end) = after.find('>') else {
            rest = after;
            break;
        };
        keep = match &after[..end] {
            "-" => true,
            code => Lang::from_code(code) == Some(lang),
        };
        rest = &after[end + 1..];
    }
    if keep {
        out.push_str(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_languages_with_the_same_blanks() {
        for &label in Label::ALL {
            let [nl, en] = label.words();
            assert!(!nl.is_empty() && !en.is_empty(), "{label:?}");
            assert_eq!(nl.contains("{n}"), en.contains("{n}"), "{label:?}");
            // Labels are escaped text: no markup of their own.
            assert!(!nl.contains('<') && !en.contains('<'), "{label:?}");
        }
    }

    #[test]
    fn both_languages_are_written_and_one_is_picked() {
        let mut out = String::from("<p");
        Words::Both.english_only(&mut out, " lang=\"en\"");
        out.push('>');
        Words::Both.label(&mut out, Label::Redacted);
        out.push_str(": ");
        Words::Both.label_with(&mut out, Label::BoxesMany, 2);
        Words::Both.label(&mut out, Label::Cc);
        out.push_str(" &lt;openbaar-lang en&gt;</p>");
        assert_eq!(
            pick(&out, Lang::Nl),
            "<p>Weggelakt: staan 2 weggelakte vakkenCc &lt;openbaar-lang en&gt;</p>"
        );
        assert_eq!(
            pick(&out, Lang::En),
            "<p lang=\"en\">Redacted: 2 redacted boxesCc &lt;openbaar-lang en&gt;</p>"
        );
        let mut one = String::new();
        Words::In(Lang::En).label(&mut one, Label::Redacted);
        assert_eq!(one, "Redacted");
    }

    #[test]
    fn labels_read_in_either_language() {
        assert_eq!(Label::Details.get(Lang::Nl), "Gegevens");
        assert_eq!(Label::Details.get(Lang::En), "Details");
        assert_eq!(
            Label::BoxesMany.with(Lang::Nl, 3),
            "staan 3 weggelakte vakken"
        );
        assert_eq!(Label::BoxesMany.with(Lang::En, 3), "3 redacted boxes");
        assert_eq!(Label::role(Role::Sender).get(Lang::En), "sender");
        assert_eq!(Label::kind(Kind::Withheld).get(Lang::En), "Not released");
        let day = PartialDate::parse_iso("2024-05-16").unwrap();
        assert_eq!(date(day, None, Lang::Nl), "16 mei 2024");
        assert_eq!(date(day, None, Lang::En), "16 May 2024");
    }
}
