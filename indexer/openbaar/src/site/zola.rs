//! Run `zola build` over the site.
//!
//! Zola is an external tool (it has no library release). It is found, in this order,
//! at `$OPENBAAR_ZOLA`, on `PATH`, or in `.tools/bin/` of the site or of the checkout
//! the binary was built in, where `scripts/setup` puts it.
//!
//! Zola builds into a fresh folder beside the output; openbaar finishes it there (the
//! document text goes in, see [`super::document_text`]); only when both succeed does that
//! folder replace the output, so a failed build never leaves half a site. The output is
//! replaced only when it is absent, empty, or holds [`SITE_STAMP`]: a folder Openbaar
//! did not make (another website, a user's documents) is never deleted.

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
        "{0} is not empty and was not made by openbaar (no {SITE_STAMP} file in it); refusing to replace it: choose another --output"
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
    /// Zola built the site, but finishing it failed.
    #[error("after zola build: {0}")]
    Finish(#[from] super::SiteError),
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

/// The file that marks a folder as a site Openbaar built, so that it may be replaced.
pub const SITE_STAMP: &str = ".openbaar-site";

/// Runs `zola build` in `root` into a fresh folder, runs `finish` on that folder, and puts
/// it in place of OUTPUT.
pub fn build(
    root: &Path,
    output: &Path,
    finish: impl FnOnce(&Path) -> Result<(), super::SiteError>,
) -> Result<(), ZolaError> {
    let zola = find_zola(root).ok_or(ZolaError::NotFound)?;
    build_with(&zola, root, output, finish)
}

fn build_with(
    zola: &Path,
    root: &Path,
    output: &Path,
    finish: impl FnOnce(&Path) -> Result<(), super::SiteError>,
) -> Result<(), ZolaError> {
    let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let clear_error = |path: &Path| {
        let path = path.display().to_string();
        move |source| ZolaError::Clear { path, source }
    };
    ensure_replaceable(&output)?;
    let partial = partial_folder(&output);
    if partial.exists() {
        // Left by a build that was killed; the name is ours.
        std::fs::remove_dir_all(&partial).map_err(clear_error(&partial))?;
    }
    let result =
        run_zola(zola, root, &partial).and_then(|()| finish(&partial).map_err(ZolaError::from));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&partial);
        return result;
    }
    std::fs::write(
        partial.join(SITE_STAMP),
        "Built by openbaar; the next build replaces this folder.\n",
    )
    .map_err(clear_error(&partial))?;
    if output.exists() {
        std::fs::remove_dir_all(&output).map_err(clear_error(&output))?;
    }
    std::fs::rename(&partial, &output).map_err(clear_error(&output))
}

/// `public` → `public.openbaar-partial`, beside it (the same file system, so the
/// finished build can be renamed into place).
fn partial_folder(output: &Path) -> PathBuf {
    let mut name = output.file_name().unwrap_or_default().to_os_string();
    name.push(".openbaar-partial");
    output.with_file_name(name)
}

fn run_zola(zola: &Path, root: &Path, output: &Path) -> Result<(), ZolaError> {
    let result = Command::new(zola)
        .current_dir(root)
        .arg("build")
        .arg("--output-dir")
        .arg(output)
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
        Err(ZolaError::Failed(shorten_log(&log)))
    }
}

/// Zola's log with every line cut to a readable length: a line can carry a whole
/// document's worth of path.
fn shorten_log(log: &str) -> String {
    const MAX_LINE: usize = 300;
    log.lines()
        .map(|line| {
            if line.chars().count() > MAX_LINE {
                let cut: String = line.chars().take(MAX_LINE).collect();
                format!("{cut}… ({} characters)", line.chars().count())
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fails when `output` may not be replaced by a build (see [`build`]): checked by
/// [`build`] itself, and worth checking before the work that comes before Zola.
pub fn check_output(output: &Path) -> Result<(), ZolaError> {
    ensure_replaceable(output)
}

/// A scratch folder beside `output`, for what the build writes before Zola runs (the
/// search bundle, the document text): `public` → `public.openbaar-NAME`. A folder left
/// by a killed build is emptied.
pub fn scratch_folder(output: &Path, name: &str) -> Result<PathBuf, ZolaError> {
    let output = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let mut folder = output.file_name().unwrap_or_default().to_os_string();
    folder.push(format!(".openbaar-{name}"));
    let folder = output.with_file_name(folder);
    let clear_error = |source| ZolaError::Clear {
        path: folder.display().to_string(),
        source,
    };
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(clear_error)?;
    }
    std::fs::create_dir_all(&folder).map_err(clear_error)?;
    Ok(folder)
}

/// Moves everything in `from` into `site`, folder by folder (a folder both have keeps
/// what `site` has and gains what `from` has), and removes `from`. Both are on one file
/// system ([`scratch_folder`]), so nothing is copied.
pub fn move_into(from: &Path, site: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = site.join(entry.file_name());
        if entry.file_type()?.is_dir() && target.is_dir() {
            move_into(&entry.path(), &target)?;
        } else {
            std::fs::rename(entry.path(), &target)?;
        }
    }
    std::fs::remove_dir(from)
}

/// An output folder may be replaced when it is absent, empty, or a site Openbaar built.
fn ensure_replaceable(output: &Path) -> Result<(), ZolaError> {
    // Sites built before the stamp existed are known by their search index.
    let openbaar_site =
        output.join(SITE_STAMP).is_file() || output.join("zoeken/index/hot.bin").is_file();
    if !output.exists() || openbaar_site {
        return Ok(());
    }
    let empty = std::fs::read_dir(output)
        .map_err(|source| ZolaError::Clear {
            path: output.display().to_string(),
            source,
        })?
        .next()
        .is_none();
    if empty {
        Ok(())
    } else {
        Err(ZolaError::OutputNotOurs(output.display().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_folder_openbaar_built_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join("public");
        std::fs::create_dir_all(ours.join("documenten")).unwrap();
        std::fs::write(ours.join(SITE_STAMP), "").unwrap();
        assert!(ensure_replaceable(&ours).is_ok());
        let older = dir.path().join("oud");
        std::fs::create_dir_all(older.join("zoeken/index")).unwrap();
        std::fs::write(older.join("zoeken/index/hot.bin"), "").unwrap();
        std::fs::write(older.join("index.html"), "").unwrap();
        assert!(ensure_replaceable(&older).is_ok());
        assert!(ensure_replaceable(&dir.path().join("nieuw")).is_ok());
        let empty = dir.path().join("leeg");
        std::fs::create_dir_all(&empty).unwrap();
        assert!(ensure_replaceable(&empty).is_ok());

        // Another website, or a user's folder that happens to hold an index.html.
        let foreign = dir.path().join("mijn-site");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("index.html"), "<h1>Mijn site</h1>").unwrap();
        std::fs::write(foreign.join("sitemap.xml"), "<urlset/>").unwrap();
        assert!(matches!(
            ensure_replaceable(&foreign),
            Err(ZolaError::OutputNotOurs(_))
        ));
        assert!(foreign.join("index.html").exists());
    }

    /// A folder holding a previous build (`public/`, stamped as ours) and a fake `zola`
    /// running `script`: (the folder, `public/`, the fake zola).
    fn previous_site_and_fake_zola(
        script: &str,
    ) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir_all(&output).unwrap();
        std::fs::write(output.join(SITE_STAMP), "").unwrap();
        std::fs::write(output.join("index.html"), "vorige build").unwrap();
        let zola = dir.path().join("zola");
        std::fs::write(&zola, script).unwrap();
        std::fs::set_permissions(&zola, std::fs::Permissions::from_mode(0o755)).unwrap();
        (dir, output, zola)
    }

    #[test]
    fn scratch_folders_merge_into_the_built_site() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let scratch = scratch_folder(&output, "staging").unwrap();
        assert_eq!(scratch, dir.path().join("public.openbaar-staging"));
        std::fs::create_dir_all(scratch.join("zoeken/index")).unwrap();
        std::fs::write(scratch.join("zoeken/index/hot.bin"), "hot").unwrap();
        std::fs::write(scratch.join("report.json"), "{}").unwrap();
        // A second call starts from an empty folder.
        std::fs::write(scratch.join("oud"), "").unwrap();
        let scratch = scratch_folder(&output, "staging").unwrap();
        assert!(std::fs::read_dir(&scratch).unwrap().next().is_none());
        std::fs::create_dir_all(scratch.join("zoeken/index")).unwrap();
        std::fs::write(scratch.join("zoeken/index/hot.bin"), "hot").unwrap();
        std::fs::write(scratch.join("report.json"), "{}").unwrap();

        std::fs::create_dir_all(output.join("zoeken")).unwrap();
        std::fs::write(output.join("zoeken/index.html"), "zoeken").unwrap();
        move_into(&scratch, &output).unwrap();
        assert_eq!(
            std::fs::read_to_string(output.join("zoeken/index.html")).unwrap(),
            "zoeken"
        );
        assert_eq!(
            std::fs::read_to_string(output.join("zoeken/index/hot.bin")).unwrap(),
            "hot"
        );
        assert!(output.join("report.json").is_file());
        assert!(!scratch.exists());
    }

    #[test]
    fn a_failed_build_leaves_the_previous_site_in_place() {
        // A "zola" that fails, after writing part of a site.
        let (dir, output, zola) = previous_site_and_fake_zola(
            "#!/bin/sh\nmkdir -p \"$3\" && echo half > \"$3/index.html\"\nexit 1\n",
        );
        let result = build_with(&zola, dir.path(), &output, |_| Ok(()));
        assert!(matches!(result, Err(ZolaError::Failed(_))), "{result:?}");
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "vorige build"
        );
        assert!(!partial_folder(&output).exists());
    }

    #[test]
    fn a_failed_finish_leaves_the_previous_site_in_place() {
        // A "zola" that succeeds; finishing its site (the document text) fails.
        let (dir, output, zola) = previous_site_and_fake_zola(
            "#!/bin/sh\nmkdir -p \"$3\" && echo nieuw > \"$3/index.html\"\n",
        );
        let result = build_with(&zola, dir.path(), &output, |_| {
            Err(super::super::SiteError::TextMarkerMissing { missing: 3 })
        });
        assert!(matches!(result, Err(ZolaError::Finish(_))), "{result:?}");
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "vorige build"
        );
        assert!(!partial_folder(&output).exists());
    }
}
