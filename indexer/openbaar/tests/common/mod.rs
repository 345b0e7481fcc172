//! What the tests on the real releases share: one extraction cache in the target folder,
//! so that the releases are rendered and read once per build of the code, not once per
//! test (the cache key holds a fingerprint of the extraction code: a change to it makes
//! every entry again).

use std::path::PathBuf;

use openbaar::config::Settings;

/// `settings` with the shared extraction cache of the tests.
pub fn with_shared_cache(settings: Settings) -> Settings {
    Settings {
        cache_dir: Some(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("extraction-cache")),
        ..settings
    }
}
