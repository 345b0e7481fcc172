//! The runtime's tantivy runs on regex-lite in place of `regex` (see regex-facade/).
//! These are tantivy's own uses of `regex`, checked through the facade.

use tantivy::schema::Facet;

#[test]
fn tantivy_formats_facets_through_the_facade() {
    // Facet's Display escapes slashes inside a step with a regex.
    let facet = Facet::from_path(["jaar", "2025/2026", r"a\b"]);
    assert_eq!(facet.to_string(), r"/jaar/2025\/2026/a\/b");
}

#[test]
fn the_facade_is_the_regex_api_tantivy_uses() {
    let pattern = regex::Regex::new(&format!("^{}$", regex::escape("5.1.2e*"))).unwrap();
    assert!(pattern.is_match("5.1.2e*"));
    assert!(!pattern.is_match("5x1x2e"));
    let unbalanced = String::from("(");
    assert!(regex::Regex::new(&unbalanced).is_err());
}

#[test]
fn regex_is_regex_lite_here() {
    // If the [patch] stopped applying, the runtime would silently grow by ~180 KB.
    assert!(std::any::type_name::<regex::Regex>().starts_with("regex_lite::"));
}
