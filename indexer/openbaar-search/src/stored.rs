//! The stored fields of a hit, read as text. Every field Openbaar stores is text, so the
//! reader asks tantivy for strings only and does not link tantivy's general document
//! model (nested JSON values, dates read from strings, legacy JSON objects through
//! serde_json), which the browser's runtime would otherwise carry.

use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer,
};
use tantivy::schema::Field;

/// One stored value, which must be text.
struct Text(String);

impl ValueDeserialize for Text {
    fn deserialize<'de, D: ValueDeserializer<'de>>(value: D) -> Result<Self, DeserializeError> {
        value.deserialize_string().map(Text)
    }
}

/// A document's stored fields, in the order they were stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredText {
    values: Vec<(Field, String)>,
}

impl DocumentDeserialize for StoredText {
    fn deserialize<'de, D: DocumentDeserializer<'de>>(
        mut document: D,
    ) -> Result<Self, DeserializeError> {
        let mut values = Vec::with_capacity(document.size_hint());
        while let Some((field, Text(text))) = document.next_field::<Text>()? {
            values.push((field, text));
        }
        Ok(StoredText { values })
    }
}

impl StoredText {
    /// Every value of `field`.
    pub fn all(&self, field: Field) -> impl Iterator<Item = &str> {
        self.values
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, text)| text.as_str())
    }

    /// The first value of `field`.
    pub fn first(&self, field: Field) -> Option<&str> {
        self.all(field).next()
    }

    /// The values of `field` joined by spaces, as tantivy's `snippet_from_doc` joins them
    /// before it cuts a snippet.
    pub fn joined(&self, field: Field) -> String {
        self.all(field)
            .collect::<Vec<_>>()
            .join(" ")
            .trim()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::schema;
    use tantivy::schema::FieldType;

    #[test]
    fn every_stored_field_is_text() {
        // The reader above reads nothing else; a stored number or date would fail there.
        let (schema, _) = schema();
        for (_, entry) in schema.fields() {
            if entry.is_stored() {
                assert!(
                    matches!(entry.field_type(), FieldType::Str(_)),
                    "{} is stored but not text",
                    entry.name()
                );
            }
        }
    }

    #[test]
    fn joined_values_are_what_snippets_are_cut_from() {
        let (_, fields) = schema();
        let stored = StoredText {
            values: vec![
                (fields.body, " eerste deel".to_string()),
                (fields.title, "Titel".to_string()),
                (fields.body, "tweede deel ".to_string()),
            ],
        };
        assert_eq!(stored.joined(fields.body), "eerste deel tweede deel");
        assert_eq!(stored.first(fields.title), Some("Titel"));
        assert_eq!(stored.first(fields.id), None);
        assert_eq!(stored.all(fields.body).count(), 2);
    }
}
