//! Step 6: run `zola build` over the site.
//!
//! Zola is an external tool (it has no library release). It is found, in this order,
//! at `$OPENBAAR_ZOLA`, on `PATH`, or in `.tools/bin/` of the site or of the checkout
//! the binary was built in, where `scripts/setup` puts it.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Why Zola could not build the site.
#[derive(Debug, thiserror::Error)]
pub enum ZolaError {
    /// No zola binary was found.
    #[error("zola was not found: run scripts/setup, put zola on PATH, or set OPENBAAR_ZOLA")]
    NotFound,
    /// Zola could not be started.
    #[error("cannot run {zola}: {source}")]
    Spawn {
        /// The binary tried.
        zola: String,
        /// The error.
        source: std::io::Error,
    },
    /// The output folder holds something other than a previous build.
    #[error(
        "{0} is not empty and holds no previous build (no index.html); refusing to replace it"
    )]
    OutputNotOurs(String),
    /// The previous build could not be removed.
    #[error("cannot remove the previous build in {path}: {source}")]
    Clear {
        /// The output folder.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// Zola ran and failed; its output says why.
    #[error("zola build failed:\n{0}")]
    Failed(String),
}

/// Finds the zola binary for the site at `root`.
pub fn find_zola(root: &Path) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("OPENBAAR_ZOLA") {
        return Some(PathBuf::from(path));
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("zola"))
            .find(|candidate| candidate.is_file())
    });
    // Next to the site, or next to the checkout this binary was built in
    // (`target/release/openbaar` → `.tools/bin/zola`), for sites kept elsewhere.
    let checkout = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent()?.parent().map(Path::to_path_buf));
    on_path.or_else(|| {
        [Some(root.to_path_buf()), checkout]
            .into_iter()
            .flatten()
            .map(|dir| dir.join(".tools/bin/zola"))
            .find(|candidate| candidate.is_file())
    })
}

/// Runs `zola build --output-dir OUTPUT` in `root`, replacing OUTPUT.
pub fn build(root: &Path, output: &Path) -> Result<(), ZolaError> {
    let zola = find_zola(root).ok_or(ZolaError::NotFound)?;
    let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    clear_previous_output(&output)?;
    let result = Command::new(&zola)
        .current_dir(root)
        .arg("build")
        .arg("--output-dir")
        .arg(&output)
        .output();
    let result = match result {
        Ok(result) => result,
        Err(source) => {
            return Err(ZolaError::Spawn {
                zola: zola.display().to_string(),
                source,
            })
        }
    };
    if result.status.success() {
        Ok(())
    } else {
        let mut log = String::from_utf8_lossy(&result.stdout).into_owned();
        log.push_str(&String::from_utf8_lossy(&result.stderr));
        Err(ZolaError::Failed(log))
    }
}

/// Removes a previous build: zola 0.19+ refuses a non-empty output folder without
/// `--force`, a flag zola 0.17 does not know, so the folder is cleared here instead.
fn clear_previous_output(output: &Path) -> Result<(), ZolaError> {
    if !output.exists() {
        return Ok(());
    }
    let clear_error = |source| ZolaError::Clear {
        path: output.display().to_string(),
        source,
    };
    let empty = std::fs::read_dir(output)
        .map_err(clear_error)?
        .next()
        .is_none();
    // A build that zola left half-done has some of these, if not index.html.
    let previous_build = ["index.html", "404.html", "sitemap.xml", "robots.txt"]
        .iter()
        .any(|f| output.join(f).exists());
    if !empty && !previous_build {
        return Err(ZolaError::OutputNotOurs(output.display().to_string()));
    }
    std::fs::remove_dir_all(output).map_err(clear_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_previous_build_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let half_done = dir.path().join("public");
        std::fs::create_dir_all(half_done.join("documenten")).unwrap();
        std::fs::write(half_done.join("sitemap.xml"), "<urlset/>").unwrap();
        clear_previous_output(&half_done).unwrap();
        assert!(!half_done.exists());

        let foreign = dir.path().join("mijn-map");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("scriptie.docx"), "belangrijk").unwrap();
        assert!(matches!(
            clear_previous_output(&foreign),
            Err(ZolaError::OutputNotOurs(_))
        ));
        assert!(foreign.join("scriptie.docx").exists());
    }
}
