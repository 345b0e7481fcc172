//! Step 4: the facts of one document, found in its normalised pages and in what its
//! format stated. Each submodule finds one kind of fact and returns model types.
//!
//! - [`redact`]: refusal grounds printed in redaction boxes, taken out of the text;
//! - [`messages`]: the messages of an email thread, real or printed;
//! - [`sent_zone`]: every message time in the archive's zone, the printed one kept;
//! - [`dates`]: dates as Dutch and English text writes them (used by the others);
//! - [`document_date`], [`title`], [`doc_type`], [`people`]: what the document is;
//! - [`organisations`]: the public bodies and configured organisations a text names;
//! - [`events`]: dated events the text mentions.

pub mod dates;
pub mod doc_type;
pub mod document_date;
pub mod events;
pub mod messages;
pub mod organisations;
pub mod people;
pub mod redact;
pub mod sent_zone;
pub mod title;
