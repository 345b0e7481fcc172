//! The shape of the indexer: its folders are the steps of the data flow, and a step
//! depends only on the model, the settings, and (for the steps that run others) the
//! steps before it. This test reads every source file and fails on any `crate::` path
//! that points sideways or upward, so the graph cannot drift back.

use std::collections::BTreeSet;
use std::path::Path;

/// Each top-level module, and the top-level modules it may use. The order is the
/// order of the data flow.
const ALLOWED: &[(&str, &[&str])] = &[
    ("model", &[]),
    ("config", &["model"]),
    ("input", &["model"]),
    ("extract", &["model"]),
    ("normalise", &["model"]),
    ("facts", &["model", "config"]),
    // Assembling records runs the steps before it, file by file.
    (
        "records",
        &["model", "config", "input", "extract", "normalise", "facts"],
    ),
    ("site", &["model", "config"]),
    // Measuring runs the fact finders on labelled cases, the whole extraction on a
    // labelled set of files, or (for boxes on page images) the extractor; it is not a
    // step.
    ("eval", &["model", "config", "facts", "records", "extract"]),
];

fn top_module(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src");
    let first = relative
        .components()
        .next()
        .expect("a component")
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules named by `crate::` paths in `source`, including grouped
/// imports (`use crate::{model, config}`).
fn crate_references(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in source.match_indices("crate::") {
        if source[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `openbaar_search::crate::`, not ours
        }
        let rest = &source[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            for item in inner.split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

#[test]
fn steps_depend_only_on_the_model_and_on_steps_before_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = 0;
    let mut wrong = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("readable src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("lib.rs") {
            continue;
        }
        files += 1;
        let module = top_module(&src, path);
        let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
            wrong.push(format!(
                "{}: top-level module `{module}` is not in the layout",
                path.display()
            ));
            continue;
        };
        let source = std::fs::read_to_string(path).expect("readable source");
        for used in crate_references(&source) {
            if used != module && !allowed.contains(&used.as_str()) {
                wrong.push(format!(
                    "{}: `{module}` uses `crate::{used}`",
                    path.display()
                ));
            }
        }
    }
    assert!(files > 20, "expected the indexer's sources, read {files}");
    assert!(
        wrong.is_empty(),
        "arrows against the flow:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_reference_reader_sees_grouped_and_plain_paths() {
    let found = crate_references(
        "use crate::{model::Page, config::Settings};\nlet x = crate::facts::dates::find(t);",
    );
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    assert_eq!(found, ["config", "facts", "model"]);
}
