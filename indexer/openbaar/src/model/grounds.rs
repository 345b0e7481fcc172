//! The table of Woo and Wob refusal grounds, held once as data (`data/grounds.toml`).

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

/// A refusal ground from the law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ground {
    /// Normalised code, e.g. `5.1.2e` (Woo) or `10.2.e` (Wob).
    pub code: String,
    /// `Woo` or `Wob`.
    pub law: String,
    /// Where the ground is in the law, e.g. `5.1 lid 2 sub e`.
    pub article: String,
    /// The ground in Dutch.
    pub nl: String,
    /// The ground in English.
    pub en: String,
    /// For a Wob ground: the Woo code that replaced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub woo: Option<String>,
}

#[derive(Deserialize)]
struct Table {
    ground: Vec<Ground>,
}

static GROUNDS: LazyLock<Vec<Ground>> = LazyLock::new(|| {
    let table: Table = toml::from_str(include_str!("../../data/grounds.toml"))
        .expect("data/grounds.toml is valid (checked by a test)");
    table.ground
});

static BY_CODE: LazyLock<HashMap<&'static str, &'static Ground>> =
    LazyLock::new(|| GROUNDS.iter().map(|g| (g.code.as_str(), g)).collect());

/// Every ground, Woo first, in the order of the law.
pub fn all() -> &'static [Ground] {
    &GROUNDS
}

/// The ground with this normalised code.
pub fn get(code: &str) -> Option<&'static Ground> {
    BY_CODE.get(code).copied()
}

/// Normalises an article number and a letter into a code of the table:
/// (`5.1.2`, `e`) → `5.1.2e`, (`10.2`, `e`) → `10.2.e`, (`5.2.1`, none) → `5.2.1`.
pub fn code_for(article: &str, letter: Option<char>) -> Option<&'static str> {
    let code = match letter {
        Some(letter) if article.starts_with("10.") => format!("{article}.{letter}"),
        Some(letter) => format!("{article}{letter}"),
        None => article.to_string(),
    };
    get(&code).map(|g| g.code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_ground() {
        assert_eq!(all().iter().filter(|g| g.law == "Woo").count(), 16);
        assert_eq!(all().iter().filter(|g| g.law == "Wob").count(), 12);
        assert_eq!(get("5.1.2e").unwrap().en, "privacy");
        assert_eq!(get("11.1").unwrap().woo.as_deref(), Some("5.2.1"));
        for ground in all() {
            if let Some(woo) = &ground.woo {
                assert!(
                    get(woo).is_some(),
                    "{} points to unknown {woo}",
                    ground.code
                );
            }
        }
    }

    #[test]
    fn codes_are_normalised() {
        assert_eq!(code_for("5.1.2", Some('e')), Some("5.1.2e"));
        assert_eq!(code_for("10.2", Some('e')), Some("10.2.e"));
        assert_eq!(code_for("5.2.1", None), Some("5.2.1"));
        assert_eq!(code_for("5.1.2", Some('z')), None);
        assert_eq!(code_for("5.1.3", None), None);
    }
}
