//! The indexer's settings, read from the `[extra.openbaar]` table of the Zola
//! `config.toml`, so that one file configures the whole site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::organisation::{self, Organisation};

/// Settings of the indexer. Paths are relative to the folder holding `config.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The archive folder to publish.
    pub archive: PathBuf,
    /// The content folder the indexer owns and rewrites on every build.
    pub generated_content: PathBuf,
    /// The content folder (a section) for the archive-wide redaction counts, also
    /// owned and rewritten by the indexer.
    pub generated_redactions: PathBuf,
    /// The content folder for the timelines, also owned and rewritten by the indexer.
    pub generated_timeline: PathBuf,
    /// The content folder for the build report (what became of every file), also
    /// owned and rewritten by the indexer.
    pub generated_report: PathBuf,
    /// The content folder for the dossier page (decisions and inventory lists), also
    /// owned and rewritten by the indexer.
    pub generated_dossier: PathBuf,
    /// Files larger than this (in MB) are skipped and reported.
    pub max_file_mb: u64,
    /// At most this many withheld documents (inventory rows without a file) get a page
    /// of their own; the rest are named in the build report. Zola holds every page in
    /// memory, so a list of 100,000 rows must not become 100,000 pages.
    pub max_withheld_pages: usize,
    /// Rows per page of the document list (`/documenten/`, then `/documenten/pagina/2/`
    /// and on). The facet pages are paginated by Zola's own `paginate_by` of each
    /// taxonomy in `config.toml`.
    pub page_size: usize,
    /// Email domains and the organisations they belong to, so a redacted address at
    /// `jbn-vtg.nl` can be counted for JB Noord.
    pub domains: BTreeMap<String, String>,
    /// Organisations and the names they go by in documents (`JB Noord`, `JBN`): one
    /// name per organisation on the site, whatever the spelling.
    pub organisations: BTreeMap<String, Vec<String>>,
    /// The folder where extraction (text layers, rendered and OCR-read pages) is kept
    /// per file, so a rebuild of an unchanged archive reads no page again. Safe to
    /// delete; an empty path turns the cache off.
    pub cache: PathBuf,
    /// [`Settings::cache`] resolved against the site's folder, set by [`Site::load`];
    /// `None` (no cache) for settings that did not come from a site's `config.toml`.
    #[serde(skip)]
    pub cache_dir: Option<PathBuf>,
    /// The archive's time zone (an IANA name): every message time is given in it.
    pub time_zone: chrono_tz::Tz,
    /// The zone of printed `Sent:` lines of Outlook's print block (`Sent: Fri 9/18/2020
    /// 1:01:29 PM`) that name none: `detect` (UTC when the pages show it, see
    /// the facts step's `sent_zone`), `local`, or `utc`.
    pub printed_sent_zone: PrintedSentZone,
}

/// How the zone of an unnamed printed sent time is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrintedSentZone {
    /// From the evidence on the pages.
    #[default]
    Detect,
    /// Always the archive's zone: times stay as printed.
    Local,
    /// Always UTC: the print blocks were exported in UTC.
    Utc,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            archive: PathBuf::from("archive"),
            generated_content: PathBuf::from("content/documenten"),
            generated_redactions: PathBuf::from("content/weglakkingen"),
            generated_timeline: PathBuf::from("content/tijdlijn"),
            generated_report: PathBuf::from("content/verantwoording"),
            generated_dossier: PathBuf::from("content/dossier"),
            max_file_mb: 512,
            max_withheld_pages: 10_000,
            page_size: 100,
            domains: BTreeMap::new(),
            organisations: BTreeMap::new(),
            cache: PathBuf::from(".openbaar-cache"),
            cache_dir: None,
            time_zone: chrono_tz::Europe::Amsterdam,
            printed_sent_zone: PrintedSentZone::Detect,
        }
    }
}

/// A site: the folder with `config.toml`, and the indexer's settings from it.
#[derive(Debug, Clone)]
pub struct Site {
    /// The folder holding `config.toml`, `content/`, `themes/`.
    pub root: PathBuf,
    /// The indexer's settings.
    pub settings: Settings,
}

/// Why the configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The config file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown settings.
    #[error("{path} is not valid: {message}")]
    Invalid {
        /// The config file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

#[derive(Deserialize, Default)]
struct ZolaConfig {
    #[serde(default)]
    extra: Extra,
}

#[derive(Deserialize, Default)]
struct Extra {
    #[serde(default)]
    openbaar: Settings,
}

impl Settings {
    /// The organisation of an email domain, also for its subdomains: from
    /// `[extra.openbaar.domains]` first, else from the table of public bodies.
    pub fn organisation_of(&self, domain: &str) -> Option<&str> {
        let domain = domain.to_lowercase();
        let mut candidate = domain.as_str();
        loop {
            if let Some(org) = self.domains.get(candidate) {
                return Some(org);
            }
            match candidate.split_once('.') {
                Some((_, rest)) => candidate = rest,
                None => break,
            }
        }
        organisation::by_domain(&domain).map(|org| self.display_name(org))
    }

    /// The name a body of the table goes by on the site: the configuration's name when
    /// `[extra.openbaar.organisations]` lists it under any of its names, else its own.
    pub fn display_name<'a>(&'a self, org: &'a Organisation) -> &'a str {
        let names: Vec<&str> = std::iter::once(org.name.as_str())
            .chain(org.aliases.iter().map(String::as_str))
            .collect();
        self.organisations
            .iter()
            .find(|(name, aliases)| {
                std::iter::once(*name)
                    .chain(aliases.iter())
                    .any(|n| names.contains(&n.as_str()))
            })
            .map(|(name, _)| name.as_str())
            .unwrap_or(&org.name)
    }
}

impl Settings {
    /// The organisations whose name or alias occurs in `text` as whole words.
    pub fn organisations_in(&self, text: &str) -> Vec<String> {
        self.organisations
            .iter()
            .filter(|(name, aliases)| {
                std::iter::once(*name)
                    .chain(aliases.iter())
                    .any(|alias| occurs_as_words(text, alias))
            })
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// `needle` in `haystack` with no letter or digit glued to either side.
fn occurs_as_words(haystack: &str, needle: &str) -> bool {
    !needle.is_empty()
        && haystack.match_indices(needle).any(|(at, _)| {
            let before = haystack[..at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

impl Site {
    /// Reads `config.toml` at `path`.
    pub fn load(path: &Path) -> Result<Site, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let config: ZolaConfig = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let mut settings = config.extra.openbaar;
        settings.cache_dir =
            (!settings.cache.as_os_str().is_empty()).then(|| root.join(&settings.cache));
        Ok(Site { root, settings })
    }

    /// The archive folder, resolved against the site root.
    pub fn archive_dir(&self) -> PathBuf {
        self.root.join(&self.settings.archive)
    }

    /// The generated content folder, resolved against the site root.
    pub fn generated_dir(&self) -> PathBuf {
        self.root.join(&self.settings.generated_content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_settings_from_extra() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "base_url = \"/\"\n[extra]\nintro = \"x\"\n[extra.openbaar]\narchive = \"dossier\"\nmax_file_mb = 10\n",
        )
        .unwrap();
        let site = Site::load(&path).unwrap();
        assert_eq!(site.settings.archive, PathBuf::from("dossier"));
        assert_eq!(site.settings.max_file_mb, 10);
        assert_eq!(site.archive_dir(), dir.path().join("dossier"));
        assert_eq!(
            site.settings.cache_dir,
            Some(dir.path().join(".openbaar-cache"))
        );
        assert_eq!(Settings::default().cache_dir, None);
    }

    #[test]
    fn domains_map_to_organisations_with_subdomains() {
        let mut settings = Settings::default();
        settings
            .domains
            .insert("jbn-vtg.nl".into(), "JB Noord".into());
        assert_eq!(settings.organisation_of("JBN-VTG.nl"), Some("JB Noord"));
        assert_eq!(
            settings.organisation_of("mail.jbn-vtg.nl"),
            Some("JB Noord")
        );
        assert_eq!(settings.organisation_of("nl"), None);
        // Without configuration the table of public bodies answers, under the name the
        // configuration gives a body when it gives one.
        assert_eq!(
            settings.organisation_of("minvws.nl"),
            Some("Ministerie van Volksgezondheid, Welzijn en Sport")
        );
        settings.organisations.insert(
            "RIVM".into(),
            vec!["Rijksinstituut voor Volksgezondheid en Milieu".into()],
        );
        assert_eq!(settings.organisation_of("lci.rivm.nl"), Some("RIVM"));
    }

    #[test]
    fn aliases_find_one_organisation() {
        let mut settings = Settings::default();
        settings.organisations.insert(
            "Jeugdbescherming Noord".into(),
            vec!["JB Noord".into(), "JBN".into()],
        );
        let found = settings.organisations_in("Het herstelplan van JBN/VTG en JB Noord.");
        assert_eq!(found, vec!["Jeugdbescherming Noord"]);
        assert!(settings.organisations_in("JBNX en ABJBN").is_empty());
    }

    #[test]
    fn a_misspelt_setting_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[extra.openbaar]\narchief = \"x\"\n").unwrap();
        let err = Site::load(&path).unwrap_err().to_string();
        assert!(err.contains("archief"), "{err}");
    }
}
