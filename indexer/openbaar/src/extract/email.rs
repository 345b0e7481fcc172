//! Email messages (.eml) and mailboxes (.mbox), through mail-parser: headers, the
//! text body (HTML-only mails are converted to text), and attachments.

use chrono::{Datelike, NaiveDate};
use mail_parser::mailbox::mbox::MessageIterator;
use mail_parser::{Address, MessageParser, MimeHeaders};

use super::ExtractError;
use crate::model::date::PLAUSIBLE_YEARS;
use crate::model::{DateSource, Embedded, Extracted, Provenance, RawPage};

/// Extracts one RFC 5322 message.
pub fn extract_email(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| ExtractError::Corrupt {
            format: "email",
            detail: "no message headers found".into(),
        })?;
    if message.from().is_none() && message.subject().is_none() && message.date().is_none() {
        return Err(ExtractError::Corrupt {
            format: "email",
            detail: "it has no From, Subject or Date header".into(),
        });
    }
    let body = message
        .body_text(0)
        .map(|b| b.into_owned())
        .unwrap_or_default();
    let attachments = message
        .attachments()
        .enumerate()
        .map(|(n, part)| {
            // An attached message is kept whole, headers and all, as an .eml.
            if let Some(inner) = part.message() {
                let name = part
                    .attachment_name()
                    .map(str::to_string)
                    .or_else(|| inner.subject().map(|s| format!("{s}.eml")))
                    .unwrap_or_else(|| format!("bijlage-{}.eml", n + 1));
                Embedded {
                    name,
                    bytes: inner.raw_message().to_vec(),
                }
            } else {
                Embedded {
                    name: part
                        .attachment_name()
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("bijlage-{}", n + 1)),
                    bytes: part.contents().to_vec(),
                }
            }
        })
        .collect();
    // A Date header outside the plausible years (a hostile or broken header) is left
    // out and said, never cut down to something that looks like a date.
    let mut notes = Vec::new();
    let date = message.date().and_then(|d| {
        let day = NaiveDate::from_ymd_opt(i32::from(d.year), d.month.into(), d.day.into())
            .filter(|day| PLAUSIBLE_YEARS.contains(&day.year()));
        if day.is_none() {
            notes.push(format!(
                "the Date header ({}) is not a plausible date: left out",
                d.to_rfc3339()
            ));
        }
        day
    });
    Ok(Extracted {
        notes,
        awaiting_ocr: Vec::new(),
        page_boxes: Vec::new(),
        pages: vec![RawPage {
            provenance: Provenance::EmailBody,
            confidence: None,
            text: body,
        }],
        title: None,
        date: date.map(|d| (d, DateSource::EmailHeader)),
        from: message.from().and_then(|a| addresses(a).into_iter().next()),
        to: message.to().map(addresses).unwrap_or_default(),
        cc: message.cc().map(addresses).unwrap_or_default(),
        subject: message.subject().map(|s| s.trim().to_string()),
        message_id: message.message_id().map(str::to_string),
        references: message
            .in_reply_to()
            .as_text_list()
            .into_iter()
            .flatten()
            .chain(message.references().as_text_list().into_iter().flatten())
            .map(|id| id.to_string())
            .collect(),
        attachments,
    })
}

/// Formats each address as `Name <address>`, or the part that is present. An empty
/// group (`Diederik Hommes:;`, a name whose address was withheld) gives its name.
fn addresses(address: &Address) -> Vec<String> {
    if let Address::Group(groups) = address {
        let names: Vec<String> = groups
            .iter()
            .filter(|g| g.addresses.is_empty())
            .filter_map(|g| g.name.as_deref().map(|n| n.trim().to_string()))
            .filter(|n| !n.is_empty())
            .collect();
        if !names.is_empty() {
            return names;
        }
    }
    address
        .iter()
        .map(|a| match (&a.name, &a.address) {
            (Some(name), Some(addr)) if name.trim() != addr.trim() => {
                format!("{} <{}>", name.trim(), addr.trim())
            }
            (_, Some(addr)) => addr.trim().to_string(),
            (Some(name), None) => name.trim().to_string(),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Splits a Unix mailbox into its messages, each as the bytes of an .eml.
pub fn split_mbox(bytes: &[u8]) -> Vec<Result<Embedded, UnreadableMessage>> {
    MessageIterator::new(bytes)
        .enumerate()
        .map(|(n, message)| {
            let name = format!("bericht-{:04}.eml", n + 1);
            match message {
                Ok(message) => Ok(Embedded {
                    name,
                    bytes: message.unwrap_contents(),
                }),
                Err(_) => Err(UnreadableMessage {
                    name,
                    reason: "this message of the mailbox cannot be read".into(),
                }),
            }
        })
        .collect()
}

/// A message of a mailbox that could not be cut out of it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableMessage {
    /// The name it would have had (`bericht-0003.eml`), by its place in the mailbox.
    pub name: String,
    /// Why it could not be read.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: &str = "From: Diederik Hommes <d.hommes@groningen.nl>\r\n\
To: Manouska Molema <Manouska.Molema@groningen.nl>, j.broekema@assen.nl\r\n\
Cc: 5.1.2e@jbn-vtg.nl\r\n\
Subject: =?utf-8?q?RE=3A_co=C3=B6rdinatie?=\r\n\
Date: Thu, 28 Aug 2025 10:48:55 +0000\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\
\r\n\
--b\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Het co=C3=B6rdinatiepunt.\r\n\
--b\r\n\
Content-Type: text/plain; name=\"notitie.txt\"\r\n\
Content-Disposition: attachment; filename=\"notitie.txt\"\r\n\
\r\n\
Bijlage tekst.\r\n\
--b--\r\n";

    #[test]
    fn headers_body_and_attachments() {
        let e = extract_email(MAIL.as_bytes()).unwrap();
        assert_eq!(e.subject.as_deref(), Some("RE: coördinatie"));
        assert_eq!(
            e.from.as_deref(),
            Some("Diederik Hommes <d.hommes@groningen.nl>")
        );
        assert_eq!(e.to.len(), 2);
        assert_eq!(e.cc, vec!["5.1.2e@jbn-vtg.nl"]);
        assert_eq!(
            e.date,
            Some(("2025-08-28".parse().unwrap(), DateSource::EmailHeader))
        );
        assert!(e.pages[0].text.contains("coördinatiepunt"));
        assert_eq!(e.attachments.len(), 1);
        assert_eq!(e.attachments[0].name, "notitie.txt");
        assert_eq!(e.attachments[0].bytes, b"Bijlage tekst.");
    }

    #[test]
    fn a_mailbox_splits_into_messages() {
        let mbox = format!("From a@b Thu Aug 28 10:48:55 2025\n{MAIL}\nFrom c@d Fri Aug 29 09:00:00 2025\nFrom: c@d.nl\nSubject: Tweede\n\nTekst\n");
        let messages = split_mbox(mbox.as_bytes());
        assert_eq!(messages.len(), 2);
        let second = extract_email(&messages[1].as_ref().unwrap().bytes).unwrap();
        assert_eq!(second.subject.as_deref(), Some("Tweede"));
    }

    #[test]
    fn an_impossible_date_header_is_left_out_and_said() {
        let mail =
            b"From: a@b.nl\r\nSubject: x\r\nDate: Mon, 1 Sep 9999 09:00:00 +0200\r\n\r\nTekst\r\n";
        let extracted = extract_email(mail).unwrap();
        assert_eq!(extracted.date, None);
        assert_eq!(extracted.notes.len(), 1, "{:?}", extracted.notes);
    }

    #[test]
    fn text_without_headers_is_rejected() {
        assert!(extract_email(b"just some words\nand more").is_err());
    }
}
