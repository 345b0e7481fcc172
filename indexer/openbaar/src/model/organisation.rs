//! The table of organisations Openbaar knows without configuration, held once as data:
//! the Dutch public bodies of `data/organisations.tsv` (made by
//! `scripts/make-organisations.py` from the government's register of organisations), and
//! the councils, associations, institutions, international bodies and companies beyond
//! it of `data/organisations-sector.tsv` (written by hand); see the README for their
//! sources and licence.

use std::collections::HashMap;
use std::sync::LazyLock;

/// What sort of public body an organisation is. It decides how its names may match in a
/// text: a municipality's bare name (`Best`, `Ede`) is a common word or a place, so it
/// counts only as `gemeente Best`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrganisationKind {
    /// A ministry (`Ministerie van Volksgezondheid, Welzijn en Sport`, `VWS`).
    Ministry,
    /// An agency, planning office or other service of a ministry (`RIVM`, `RVO`).
    Agency,
    /// An inspection (`IGJ`, `NVWA`).
    Inspection,
    /// An independent administrative body or association of public bodies (`CBS`, `VNG`).
    Independent,
    /// A High Council of State (`Tweede Kamer der Staten-Generaal`).
    HighCouncil,
    /// The police.
    Police,
    /// One of the twelve provinces.
    Province,
    /// A municipality.
    Municipality,
    /// A water board.
    WaterBoard,
    /// A joint body of municipalities: a GGD or a safety region.
    Region,
    /// A council or team of the government (`Ministerraad`, `Outbreak Management Team`).
    Council,
    /// An association, federation or union (`Zorgverzekeraars Nederland`, `FNV`).
    Association,
    /// A knowledge or care institution (`Erasmus MC`, `Nivel`).
    Institution,
    /// An international body (`WHO`, `Europese Commissie`).
    International,
    /// A company (`KLM`, `Roche`).
    Company,
}

impl OrganisationKind {
    fn parse(kind: &str) -> Option<OrganisationKind> {
        Some(match kind {
            "ministerie" => OrganisationKind::Ministry,
            "agentschap" => OrganisationKind::Agency,
            "inspectie" => OrganisationKind::Inspection,
            "zbo" => OrganisationKind::Independent,
            "hoog-college" => OrganisationKind::HighCouncil,
            "politie" => OrganisationKind::Police,
            "provincie" => OrganisationKind::Province,
            "gemeente" => OrganisationKind::Municipality,
            "waterschap" => OrganisationKind::WaterBoard,
            "regio" => OrganisationKind::Region,
            "overleg" => OrganisationKind::Council,
            "vereniging" => OrganisationKind::Association,
            "instelling" => OrganisationKind::Institution,
            "internationaal" => OrganisationKind::International,
            "bedrijf" => OrganisationKind::Company,
            _ => return None,
        })
    }

    /// Whether bodies of this kind are public bodies (of the government's register, or
    /// councils of the government), not associations, institutions, international bodies
    /// or companies.
    pub fn is_public(self) -> bool {
        !matches!(
            self,
            OrganisationKind::Association
                | OrganisationKind::Institution
                | OrganisationKind::International
                | OrganisationKind::Company
        )
    }

    /// The word that must stand before a bare place name (`gemeente`, `provincie`,
    /// `waterschap`), for the kinds named after a place.
    pub fn place_word(self) -> Option<&'static str> {
        match self {
            OrganisationKind::Municipality => Some("gemeente"),
            OrganisationKind::Province => Some("provincie"),
            OrganisationKind::WaterBoard => Some("waterschap"),
            _ => None,
        }
    }
}

/// A public body of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// What sort of body it is.
    pub kind: OrganisationKind,
    /// Its full name (`Gemeente Ede`, `Rijksinstituut voor Volksgezondheid en Milieu`).
    pub name: String,
    /// Other names: abbreviations (`RIVM`), short forms, and for bodies named after a
    /// place the bare place name (`Ede`), which needs its place word before it.
    pub aliases: Vec<String>,
    /// The email domains it uses (`rivm.nl`).
    pub domains: Vec<String>,
}

fn parse(tsv: &str) -> Result<Vec<Organisation>, String> {
    let list = |field: &str| -> Vec<String> {
        field
            .split('|')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    tsv.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(n, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, name, aliases, domains] = fields[..] else {
                return Err(format!("line {}: expected four fields", n + 1));
            };
            let kind = OrganisationKind::parse(kind)
                .ok_or_else(|| format!("line {}: unknown kind {kind:?}", n + 1))?;
            Ok(Organisation {
                kind,
                name: name.to_string(),
                aliases: list(aliases),
                domains: list(domains),
            })
        })
        .collect()
}

/// The public bodies of the register, then the organisations beyond it.
static TABLE: LazyLock<Vec<Organisation>> = LazyLock::new(|| {
    let mut table = parse(include_str!("../../data/organisations.tsv"))
        .expect("data/organisations.tsv is valid (checked by a test)");
    table.extend(
        parse(include_str!("../../data/organisations-sector.tsv"))
            .expect("data/organisations-sector.tsv is valid (checked by a test)"),
    );
    table
});

static BY_DOMAIN: LazyLock<HashMap<&'static str, &'static Organisation>> = LazyLock::new(|| {
    TABLE
        .iter()
        .flat_map(|o| o.domains.iter().map(move |d| (d.as_str(), o)))
        .collect()
});

/// Every organisation of the table: the public bodies of the register
/// (`data/organisations.tsv`), then those beyond it (`data/organisations-sector.tsv`).
pub fn all() -> &'static [Organisation] {
    &TABLE
}

/// The body that uses an email domain, also for its subdomains (`lci.rivm.nl`).
pub fn by_domain(domain: &str) -> Option<&'static Organisation> {
    let domain = domain.trim().to_lowercase();
    let mut candidate = domain.as_str();
    loop {
        if let Some(org) = BY_DOMAIN.get(candidate) {
            return Some(org);
        }
        candidate = candidate.split_once('.')?.1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_public_bodies() {
        let count = |kind| all().iter().filter(|o| o.kind == kind).count();
        assert_eq!(count(OrganisationKind::Province), 12);
        assert!(
            (340..=345).contains(&count(OrganisationKind::Municipality)),
            "{}",
            count(OrganisationKind::Municipality)
        );
        assert!(count(OrganisationKind::WaterBoard) >= 15);
        assert!(count(OrganisationKind::Ministry) >= 12);
        let names: Vec<&str> = all().iter().map(|o| o.name.as_str()).collect();
        for name in [
            "Ministerie van Volksgezondheid, Welzijn en Sport",
            "Vereniging van Nederlandse Gemeenten",
            "Nederlandse Voedsel- en Warenautoriteit",
            "Gemeente Ede",
        ] {
            assert!(names.contains(&name), "{name} is missing");
        }
    }

    #[test]
    fn domains_find_their_body_also_from_a_subdomain() {
        let name = |d| by_domain(d).map(|o| o.name.as_str());
        assert_eq!(
            name("rivm.nl"),
            Some("Rijksinstituut voor Volksgezondheid en Milieu")
        );
        assert_eq!(name("lci.RIVM.nl"), name("rivm.nl"));
        assert_eq!(
            name("minocw.nl"),
            Some("Ministerie van Onderwijs, Cultuur en Wetenschap")
        );
        assert_eq!(name("rijksoverheid.nl"), None);
        assert_eq!(name("gmail.com"), None);
    }

    #[test]
    fn the_organisations_beyond_the_register_name_none_of_its_bodies() {
        let register = parse(include_str!("../../data/organisations.tsv")).unwrap();
        let beyond = parse(include_str!("../../data/organisations-sector.tsv")).unwrap();
        assert!(beyond.len() >= 50, "{}", beyond.len());
        let names_of = |o: &Organisation| {
            std::iter::once(o.name.to_lowercase())
                .chain(o.aliases.iter().map(|a| a.to_lowercase()))
                .collect::<Vec<_>>()
        };
        let taken: Vec<String> = register.iter().flat_map(names_of).collect();
        let domains: Vec<&String> = register.iter().flat_map(|o| &o.domains).collect();
        for org in &beyond {
            for name in names_of(org) {
                assert!(!taken.contains(&name), "{name} is a body of the register");
            }
            for domain in &org.domains {
                assert!(!domains.contains(&domain), "{domain} is a register body's");
            }
        }
        let public = |name: &str| all().iter().find(|o| o.name == name).unwrap().kind;
        assert!(public("Outbreak Management Team").is_public());
        assert!(!public("Zorgverzekeraars Nederland").is_public());
    }

    #[test]
    fn a_bad_line_is_an_error() {
        assert!(parse("stad\tX\t\t\n").is_err());
        assert!(parse("gemeente\tX\n").is_err());
    }
}
