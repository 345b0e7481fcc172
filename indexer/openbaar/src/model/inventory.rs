//! What a release's inventory list says of a document.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One row of an inventory list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InventoryEntry {
    /// The document ID in the list (often the file name without extension).
    pub id: String,
    /// The title or file name given in the list.
    pub title: Option<String>,
    /// The date in the list.
    pub date: Option<NaiveDate>,
    /// `Openbaar`, `Deels Openbaar`, `Niet Openbaar` or `Reeds Openbaar`, as listed.
    pub judgement: Option<String>,
    /// Normalised refusal grounds listed for it.
    pub grounds: Vec<String>,
    /// Other words in the grounds column (`buiten verzoek`).
    pub notes: Vec<String>,
    /// The email thread ID, when the list has one.
    pub thread_id: Option<String>,
    /// The file type the list names.
    pub file_type: Option<String>,
    /// The inventory file this row came from, as an archive path.
    pub list: String,
}

impl InventoryEntry {
    /// Whether the list says the document is an email.
    pub fn listed_as_email(&self) -> bool {
        self.file_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("email") || t.eq_ignore_ascii_case("e-mail"))
    }
}
