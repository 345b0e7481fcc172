//! People a document names.

use serde::{Deserialize, Serialize};

/// How a person appears in a document.
///
/// Declared in alphabetical order of their JSON names, so people sort as before the
/// roles were typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Named in the text (`minister De Jonge`, `motie Jetten`, `Chu et al.`).
    Mentioned,
    /// A recipient of an email (To or Cc), or the person a salutation addresses.
    Recipient,
    /// The sender of an email.
    Sender,
    /// Signed the document.
    Signatory,
}

/// A person named in a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Person {
    /// The name as written.
    pub name: String,
    /// The function under the name, when given.
    pub function: Option<String>,
    /// How the person appears.
    pub role: Role,
}
