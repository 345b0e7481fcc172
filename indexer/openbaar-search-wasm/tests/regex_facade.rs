//! The runtime's tantivy runs on a single-character regex facade in place of `regex`
//! (see regex-facade/). These are tantivy's own uses of `regex`, checked through the
//! facade, and the facade's answers where `regex` gives the same.

use regex::Regex;
use tantivy::schema::Facet;

#[test]
fn tantivy_formats_facets_through_the_facade() {
    // Facet's Display escapes slashes inside a step with a regex.
    let facet = Facet::from_path(["jaar", "2025/2026", r"a\b"]);
    assert_eq!(facet.to_string(), r"/jaar/2025\/2026/a\/b");
    let plain = Facet::from_path(["organisatie", "Gemeente Utrecht"]);
    assert_eq!(plain.to_string(), "/organisatie/Gemeente Utrecht");
}

#[test]
fn escaped_literals_with_anchors_match_whole_texts() {
    // How tantivy matches an escaped name (top_hits, regex phrase terms).
    let pattern = Regex::new(&format!("^{}$", regex::escape("5.1.2e*"))).unwrap();
    assert!(pattern.is_match("5.1.2e*"));
    assert!(!pattern.is_match("5x1x2e"));
    assert!(!pattern.is_match("a 5.1.2e*"));
    assert!(!pattern.is_match("5.1.2e* b"));
    assert_eq!(regex::escape("a.b[c]-d"), r"a\.b\[c\]\-d");
}

#[test]
fn classes_ranges_and_negation() {
    let digits = Regex::new("[0-9][0-9]").unwrap();
    let found = digits.find("week 47 van 2025").unwrap();
    assert_eq!((found.start(), found.end(), found.as_str()), (5, 7, "47"));
    let not_letters = Regex::new("[^a-zé]").unwrap();
    assert_eq!(not_letters.replace_all("café-bar", "_"), "café_bar");
    let dash = Regex::new("[a-]").unwrap();
    assert_eq!(dash.replace_all("x-a-y", ""), "xy");
}

#[test]
fn replacements_expand_the_match_and_dollars() {
    let slash = Regex::new(r"[\\/]").unwrap();
    assert_eq!(slash.replace_all("a/b\\c", "<$0>"), r"a</>b<\>c");
    assert_eq!(slash.replace_all("a/b", "${0}${0}"), "a//b");
    assert_eq!(slash.replace_all("a/b", "$$"), "a$b");
    assert_eq!(
        slash.replace_all("a/b", "$1"),
        "ab",
        "a group that does not exist is empty"
    );
    // No match: the text itself, not a copy.
    assert!(matches!(
        slash.replace_all("ab", "x"),
        std::borrow::Cow::Borrowed("ab")
    ));
    // Offsets are bytes, over multi-byte characters.
    let found = Regex::new("[/]").unwrap().find("é/").unwrap();
    assert_eq!(found.range(), 2..3);
}

#[test]
fn patterns_beyond_single_characters_are_errors_that_name_the_facade() {
    for pattern in [
        "(", "a*", "a.b", "a|b", r"\d", "[a", "[]", "[z-a]", "", "a$b",
    ] {
        let error = Regex::new(pattern).expect_err(pattern);
        assert!(error.to_string().contains(pattern), "{error}");
    }
    let refused = Regex::new("a+").unwrap_err().to_string();
    assert!(refused.contains("facade"), "{refused}");
}

#[test]
fn regex_is_the_facade_here() {
    // If the [patch] stopped applying, the runtime would silently grow by ~180 KB.
    let lock = include_str!("../Cargo.lock");
    assert!(
        lock.contains("name = \"regex\"\nversion = \"1.13.1+chars\""),
        "the runtime's workspace links the regex facade"
    );
}
