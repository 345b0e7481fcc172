//! Emails across documents: a reply joins the thread of the email it answers.

use openbaar::config::Settings;
use openbaar::records::{extract_all, NoProgress};

#[test]
fn a_reply_joins_its_thread_by_message_id() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.eml"),
        "From: A <a@gemeente.nl>\r\nTo: b@gemeente.nl\r\nSubject: Overleg jeugdzorg\r\n\
Date: Mon, 1 Sep 2025 09:00:00 +0200\r\nMessage-ID: <a1@gemeente.nl>\r\n\r\nZullen we overleggen?\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.eml"),
        "From: B <b@gemeente.nl>\r\nTo: a@gemeente.nl\r\nSubject: Ander onderwerp\r\n\
Date: Mon, 1 Sep 2025 10:00:00 +0200\r\nMessage-ID: <b1@gemeente.nl>\r\nIn-Reply-To: <a1@gemeente.nl>\r\n\r\nJa, morgen.\r\n",
    )
    .unwrap();
    let extraction = extract_all(
        &[dir.path().to_path_buf()],
        &Settings::default(),
        &NoProgress,
    );
    let threads: Vec<Option<String>> = extraction
        .documents
        .iter()
        .map(|b| b.document.thread.clone())
        .collect();
    assert_eq!(threads, vec![Some("overleg jeugdzorg".into()); 2]);
    let reply = &extraction.documents[1].document;
    assert_eq!(reply.references, vec!["a1@gemeente.nl"]);
    assert_eq!(
        reply.date.map(|d| d.to_string()).as_deref(),
        Some("2025-09-01")
    );
}

/// An email with a broken PDF and a readable note attached: the broken one is reported
/// and left out of the email's attachments (a link to it would point at no page).
#[test]
fn an_unreadable_attachment_is_reported_and_not_linked() {
    let dir = tempfile::tempdir().unwrap();
    let mail = "From: A <a@gemeente.nl>\r\nTo: b@gemeente.nl\r\nSubject: Stukken\r\n\
Date: Mon, 1 Sep 2025 09:00:00 +0200\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"grens\"\r\n\r\n\
--grens\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nZie bijlagen.\r\n\
--grens\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"kapot.pdf\"\r\n\r\n\
%PDF-1.4 dit is geen pdf\r\n\
--grens\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"notitie.txt\"\r\n\r\n\
Een leesbare notitie.\r\n--grens--\r\n";
    std::fs::write(dir.path().join("a.eml"), mail).unwrap();
    let extraction = extract_all(
        &[dir.path().to_path_buf()],
        &Settings::default(),
        &NoProgress,
    );
    let ids: Vec<&str> = extraction.records().map(|d| d.id.as_str()).collect();
    let email = extraction.records().next().unwrap();
    assert_eq!(email.attachments.len(), 1, "{:?}", email.attachments);
    assert!(ids.contains(&email.attachments[0].as_str()));
    assert_eq!(extraction.failed.len(), 1, "{:?}", extraction.failed);
    assert_eq!(extraction.failed[0].source, "a.eml#kapot.pdf");
}

/// A code in an email's subject is a redaction: it stays out of the subject, the
/// messages and the thread's name.
#[test]
fn codes_in_a_subject_are_taken_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.eml"),
        "From: A <a@gemeente.nl>\r\nTo: b@gemeente.nl\r\nSubject: RE: Gesprek met 5.1.2e over jeugdzorg\r\n\
Date: Mon, 1 Sep 2025 09:00:00 +0200\r\n\r\nPrima.\r\n",
    )
    .unwrap();
    let extraction = extract_all(
        &[dir.path().to_path_buf()],
        &Settings::default(),
        &NoProgress,
    );
    let mail = extraction.records().next().unwrap();
    let texts = [
        mail.title.clone(),
        mail.subject.clone().unwrap(),
        mail.messages[0].subject.clone().unwrap(),
        mail.thread.clone().unwrap(),
    ];
    for text in texts {
        assert!(!text.contains("5.1.2"), "{text}");
        assert!(
            text.contains("Gesprek met █ over") || text.contains("gesprek met █ over"),
            "{text}"
        );
    }
}
