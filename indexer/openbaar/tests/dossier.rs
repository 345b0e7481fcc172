//! The dossier page's facts on a real release: the folder, its inventory list and its
//! documents. An integration test, because it runs the whole extraction (records), which
//! the site step itself must not import (see tests/layout.rs).

mod common;

use std::path::PathBuf;

use openbaar::config::Settings;
use openbaar::records::{extract_all, NoProgress};
use openbaar::site::dossier::dossiers;

/// A real release: five PDFs and the inventory list that judges them.
#[test]
fn a_release_folder_with_its_list_is_a_dossier() {
    let woo1 = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld/woo1");
    assert!(
        woo1.is_dir(),
        "the real release {} is missing",
        woo1.display()
    );
    let extraction = extract_all(
        &[woo1],
        &common::with_shared_cache(Settings::default()),
        &NoProgress,
    );
    let names = vec!["lijst-1-inventory.xlsx".to_string()];
    let found = dossiers(&extraction, &names);
    assert_eq!(found.len(), 1);
    let list = &found[0].lists[0];
    assert_eq!(list.source, "inventory.xlsx");
    assert_eq!(list.file, "lijst-1-inventory.xlsx");
    assert_eq!(list.judgements, vec![("Deels Openbaar".to_string(), 5)]);
    assert_eq!((list.rows, list.withheld), (5, 0));
    assert_eq!(found[0].documents, 5);
    // The release holds no request: the page says so (themes/openbaar/templates/dossier.html).
    assert!(found[0].requests.is_empty());
}
