//! Organisations a document names, from the table of Dutch public bodies
//! ([`crate::model::organisation`]) and from `[extra.openbaar.organisations]`.
//!
//! A wrong organisation is worse than a missing one, so each kind of name has its own
//! rule: an abbreviation (`RIVM`, `JenV`) counts only in its own capitals and as a whole
//! word; a full name may start with a small letter (`ministerie van VWS`) but must
//! otherwise be written as in the table; a place named body (`Best`, `Ede`, `Utrecht`)
//! counts only after its word (`gemeente Best`, `provincie Utrecht`); and a name of
//! several words with no capital after its first letter (`Bedrijfsvoering en
//! strategie`) is an ordinary phrase, never matched.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use unicode_normalization::UnicodeNormalization;

use crate::config::Settings;
use crate::model::organisation::{self, Organisation, OrganisationKind};

mod forms;

/// How a name of the table must be written to count.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    /// Exactly, capitals and all; in the table's other spellings of the same letters
    /// (`Ministerraad`, `ministerraad`); and an abbreviation with small letters between
    /// its capitals (`NVvK`) also in all capitals (`NVVK`), as texts often write it.
    Exact,
    /// An acronym of four capitals or more (`RIVM`, `KNAW`): in its capitals, or all in
    /// small letters (`rivm`), but never inside an address (`@rivm.nl`).
    Acronym,
    /// Exactly, except the case of the first letter.
    FirstLetterFree,
    /// A place word of this many bytes (`gemeente `) in any case, then the place
    /// exactly.
    PlaceWord(usize),
    /// An abbreviation of this many bytes (`GGD `) exactly, then its place in any case
    /// (`GGD amsterdam`, as lists write it).
    AbbreviationThenPlace(usize),
}

struct Pattern {
    text: String,
    /// The spellings of `text` the table gives (`Actiz`, `ActiZ`): an automaton that
    /// ignores case keeps one pattern for them.
    spellings: Vec<String>,
    organisation: &'static Organisation,
    rule: Rule,
    /// False for a short form of several words (`de Kamer`), which is another body's
    /// name when `van` or `der` follows (`de Kamer van Koophandel`).
    may_be_followed_by_van: bool,
}

struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

fn has_inner_capital(name: &str) -> bool {
    name.chars().skip(1).any(char::is_uppercase)
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut add = |text: String, organisation: &'static Organisation, rule: Rule| {
        let text = fold(&text);
        let same_letters = patterns.iter_mut().find(|p| {
            p.text.eq_ignore_ascii_case(&text) && std::ptr::eq(p.organisation, organisation)
        });
        if let Some(pattern) = same_letters {
            if !pattern.spellings.contains(&text) {
                pattern.spellings.push(text);
            }
        } else if !patterns.iter().any(|p| p.text == text) {
            let may_be_followed_by_van = text == organisation.name || !text.contains(' ');
            patterns.push(Pattern {
                spellings: vec![text.clone()],
                text,
                organisation,
                rule,
                may_be_followed_by_van,
            });
        }
    };
    for org in organisation::all() {
        let place_word = org.kind.place_word();
        for name in std::iter::once(&org.name).chain(&org.aliases) {
            let several_words = name.contains(' ');
            if let Some(word) = place_word {
                // `Gemeente Ede` and `Ede` both become `gemeente Ede`.
                let place = name
                    .strip_prefix(&format!("{}{} ", word[..1].to_uppercase(), &word[1..]))
                    .unwrap_or(name);
                if name == &org.name && !name.to_lowercase().starts_with(word) {
                    // `Hoogheemraadschap van Delfland`: a full name of its own.
                    add(name.clone(), org, Rule::FirstLetterFree);
                    continue;
                }
                add(
                    format!("{word} {place}"),
                    org,
                    Rule::PlaceWord(word.len() + 1),
                );
            } else if name.starts_with("GGD ") {
                add(name.clone(), org, Rule::AbbreviationThenPlace("GGD ".len()));
            } else if name.chars().count() >= 4 && name.chars().all(|c| c.is_ascii_uppercase()) {
                add(name.clone(), org, Rule::Acronym);
            } else if !several_words {
                add(name.clone(), org, Rule::Exact);
            } else if has_inner_capital(name) {
                add(name.clone(), org, Rule::FirstLetterFree);
            }
        }
    }
    let automaton = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns.iter().map(|p| &p.text))
        .expect("the organisation names make an automaton");
    Matcher {
        automaton,
        patterns,
    }
});

/// Whether `name` is an abbreviation with small letters between its capitals (`NVvK`,
/// `RvIG`): one word of three letters or more that starts and ends with a capital. Not
/// `NEa` or `NZa`, whose capitals alone (`NEA`) are often something else.
fn is_mixed_abbreviation(name: &str) -> bool {
    name.chars().count() >= 3
        && name.chars().all(char::is_alphabetic)
        && name.starts_with(char::is_uppercase)
        && name.ends_with(char::is_uppercase)
        && name.chars().any(char::is_lowercase)
}

impl Rule {
    fn holds(self, found: &str, pattern: &Pattern) -> bool {
        let text = pattern.text.as_str();
        match self {
            Rule::Exact => pattern
                .spellings
                .iter()
                .any(|s| found == s || (is_mixed_abbreviation(s) && found == s.to_uppercase())),
            Rule::Acronym => found == text || found == text.to_lowercase(),
            Rule::FirstLetterFree => {
                let mut f = found.chars();
                let mut p = text.chars();
                f.next().map(|c| c.to_lowercase().to_string())
                    == p.next().map(|c| c.to_lowercase().to_string())
                    && f.as_str() == p.as_str()
            }
            Rule::PlaceWord(n) => found.get(n..) == text.get(n..),
            Rule::AbbreviationThenPlace(n) => {
                found.get(..n) == text.get(..n)
                    && found
                        .get(n..)
                        .zip(text.get(n..))
                        .is_some_and(|(f, t)| f.eq_ignore_ascii_case(t))
            }
        }
    }
}

/// Without accents, as OCR often reads `ë` as `é`: `Financién` is `Financien`.
fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect()
}

/// Whether the text around a match makes it part of an address or a longer word:
/// `@rivm.nl`, `www.vng.nl`, `VWS2`.
fn inside_a_word_or_address(before: &str, after: &str) -> bool {
    let mut back = before.chars().rev();
    let mut ahead = after.chars();
    let (b1, b2) = (back.next(), back.next());
    let (a1, a2) = (ahead.next(), ahead.next());
    let token = before.rsplit(char::is_whitespace).next().unwrap_or("");
    token.contains("://")
        || token.starts_with("www.")
        || b1.is_some_and(|c| c.is_alphanumeric() || matches!(c, '@' | '_'))
        || (b1 == Some('.') && b2.is_some_and(char::is_alphanumeric))
        || a1.is_some_and(|c| c.is_alphanumeric() || c == '@' || c == '_')
        || (a1 == Some('.') && a2.is_some_and(char::is_alphanumeric))
}

/// Whether the text after an abbreviation makes it another body's: a hyphen and one to
/// three capitals (`OMT-Z`, the zoonoses team, is not the `OMT`; a line break may follow
/// the hyphen). Not for a ministry, whose units are written so (`VWS-CZ`).
fn names_a_subunit(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('-') else {
        return false;
    };
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let capitals = rest.chars().take_while(char::is_ascii_uppercase).count();
    (1..=3).contains(&capitals) && !rest[capitals..].starts_with(char::is_alphanumeric)
}

/// Whether `text` spells out an abbreviation as something else than the body of the
/// table: `het Crisis Respons Team (CRT)` is not the `Commissie Registratie en Toezicht`.
/// Only capitalised words whose initials are the abbreviation's capitals spell it out:
/// `het lid de Groot (D66)` names a party, and blacked-out words before `(VGN)` spell
/// out nothing.
fn defines_otherwise(text: &str, abbreviation: &str, org: &Organisation) -> bool {
    let bracketed = format!("({abbreviation})");
    let capitals: String = abbreviation
        .chars()
        .filter(char::is_ascii_uppercase)
        .collect();
    let spelled_out = !capitals.is_empty()
        && text
            .match_indices(&bracketed)
            .any(|(at, _)| initials_before(&text[..at], capitals.len()) == capitals);
    spelled_out
        && !text
            .to_lowercase()
            .contains(&fold(&org.name).to_lowercase())
}

/// The initials of the last `count` capitalised words of `text`, skipping the small
/// words between them (`Raad voor de Volksgezondheid`: `RV`), but at most three in a row.
fn initials_before(text: &str, count: usize) -> String {
    let mut initials = Vec::new();
    let mut small_words = 0;
    for word in text.split_whitespace().rev() {
        let Some(first) = word.chars().next() else {
            continue;
        };
        if first.is_uppercase() {
            initials.push(first);
            small_words = 0;
            if initials.len() == count {
                break;
            }
        } else {
            small_words += 1;
            if small_words > 3 {
                break;
            }
        }
    }
    initials.iter().rev().collect()
}

/// The bodies of the table that `text` names, each once, in the order of the table.
pub fn table_bodies_in(text: &str) -> Vec<&'static Organisation> {
    // OCR breaks names over lines and doubles spaces: `Justitie en  Veiligheid`.
    let text = fold(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    let matcher = &*MATCHER;
    let mut found: Vec<&'static Organisation> = Vec::new();
    for hit in matcher.automaton.find_iter(&text) {
        let (start, end) = (hit.start(), hit.end());
        let pattern = &matcher.patterns[hit.pattern().as_usize()];
        let continues_with_van = [" van ", " der "]
            .iter()
            .any(|w| text[end..].starts_with(w));
        if inside_a_word_or_address(&text[..start], &text[end..])
            || (continues_with_van && !pattern.may_be_followed_by_van)
            || (pattern.organisation.kind != OrganisationKind::Ministry
                && names_a_subunit(&text[end..]))
            || !pattern.rule.holds(&text[start..end], pattern)
            || found.contains(&pattern.organisation)
        {
            continue;
        }
        if !pattern.text.contains(' ')
            && defines_otherwise(&text, &pattern.text, pattern.organisation)
        {
            continue;
        }
        found.push(pattern.organisation);
    }
    found.sort_by_key(|o| organisation::all().iter().position(|t| std::ptr::eq(t, *o)));
    found
}

/// Words that say what kind of body a name is, before its own name (`Stichting X`,
/// `Inspectie IGJ`).
const LEGAL_KINDS: &[&str] = &["stichting", "vereniging", "inspectie", "coöperatie"];

/// Letters and digits only, without accents, in small letters: how two spellings of a
/// name compare (`Directoraat Generaal` and `directoraat-generaal`).
fn squeeze(text: &str) -> String {
    fold(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The organisations `text` names: those of `[extra.openbaar.organisations]`, the
/// public bodies of the table (under the name the configuration gives them), and the
/// organisations named by their form (`Directie Curatieve Zorg`, `Landelijke
/// Huisartsen Vereniging`); a name of the form that the table knows counts as its body.
pub fn named_in(text: &str, settings: &Settings) -> Vec<String> {
    let mut names = settings.organisations_in(text);
    let add = |name: String, names: &mut Vec<String>| {
        if !names.iter().any(|n| squeeze(n) == squeeze(&name)) {
            names.push(name);
        }
    };
    for org in table_bodies_in(text) {
        add(settings.display_name(org).to_string(), &mut names);
    }
    for name in forms::named_by_form(text) {
        // `Inspectie IGJ`, `Stichting X`: the kind before a name known already.
        let keys = [
            Some(squeeze(&name)),
            name.split_once(' ')
                .filter(|(kind, _)| LEGAL_KINDS.contains(&kind.to_lowercase().as_str()))
                .map(|(_, rest)| squeeze(rest)),
        ];
        let keys: Vec<String> = keys.into_iter().flatten().collect();
        let body = organisation::all().iter().find(|o| {
            std::iter::once(&o.name)
                .chain(&o.aliases)
                .any(|n| keys.contains(&squeeze(n)))
        });
        match body {
            Some(org) => add(settings.display_name(org).to_string(), &mut names),
            None if names.iter().any(|n| keys.contains(&squeeze(n))) => {}
            None => add(name, &mut names),
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str) -> Vec<String> {
        named_in(text, &Settings::default())
    }

    #[test]
    fn abbreviations_and_full_names_are_found() {
        let mut found = named("Het RIVM en het ministerie van VWS spraken met de VNG en de NVWA.");
        found.sort();
        assert_eq!(
            found,
            vec![
                "Ministerie van Volksgezondheid, Welzijn en Sport",
                "Nederlandse Voedsel- en Warenautoriteit",
                "Rijksinstituut voor Volksgezondheid en Milieu",
                "Vereniging van Nederlandse Gemeenten",
            ]
        );
        assert_eq!(named("I&W en J&V").len(), 2, "{:?}", named("I&W en J&V"));
    }

    #[test]
    fn common_words_and_places_are_not_municipalities() {
        for text in [
            "Het beste is dat Ede en Epe bij Buren in Oss en Horst wonen.",
            "Best wishes from Ede.",
            "de vws-regeling en rivm.nl",
            "Bedrijfsvoering en strategie",
            "Zij woont in Utrecht.",
        ] {
            assert!(named(text).is_empty(), "{text}: {:?}", named(text));
        }
        assert_eq!(named("De gemeente Best besloot"), vec!["Gemeente Best"]);
        assert_eq!(named("Gemeente Ede"), vec!["Gemeente Ede"]);
        assert_eq!(named("de provincie Utrecht"), vec!["Provincie Utrecht"]);
        assert!(named("de gemeente best").is_empty());
        assert_eq!(
            named("brief aan de Kamer"),
            vec!["Tweede Kamer der Staten-Generaal"]
        );
        assert!(named("de Kamer van Koophandel")
            .iter()
            .all(|n| !n.contains("Tweede")));
        assert_eq!(named("advies van het rivm"), named("advies van het RIVM"));
        assert!(named("mail aan jan@rivm.nl of www.vng.nl of https://x.nl/RIVM").is_empty());
        assert_eq!(named("EMC/RIVM"), named("RIVM"));
        assert_eq!(
            named("het Crisis Respons Team (CRT) en de CRT-werkwijze"),
            vec!["Crisis Respons Team"],
            "the team, not the table's CRT"
        );
        assert_eq!(
            named("het Rijksinstituut voor Volksgezondheid en Milieu (RIVM); het RIVM").len(),
            1
        );
        assert_eq!(
            named("Ministerie van Financién"),
            vec!["Ministerie van Financiën"]
        );
        assert_eq!(
            named("de minister van Justitie en\n Veiligheid"),
            vec!["Ministerie van Justitie en Veiligheid"]
        );
    }

    #[test]
    fn bodies_beyond_the_register_are_found_in_their_own_spellings() {
        let mut found = named("Overleg met ZN, NFU en de NVVK; het OMT en de WHO adviseren.");
        found.sort();
        assert_eq!(
            found,
            vec![
                "Nederlandse Federatie van Universitair Medische Centra",
                "Nederlandse Vereniging voor Veiligheidskunde",
                "Outbreak Management Team",
                "World Health Organization",
                "Zorgverzekeraars Nederland",
            ]
        );
        assert_eq!(
            named("in de ministerraad"),
            named("de Ministerraad besloot")
        );
        assert_eq!(named("Actiz-bericht"), vec!["ActiZ"]);
        for text in [
            "Het OMT-\nZ heeft aangegeven",
            "who said so, in EU-richtlijnen",
            "a mind of its own",
        ] {
            assert!(named(text).is_empty(), "{text}: {:?}", named(text));
        }
        assert_eq!(
            named("GGD amsterdam, GGD utrecht"),
            vec!["GGD regio Utrecht", "GGD Amsterdam"]
        );
        assert!(named("ggd amsterdam").is_empty());
        assert_eq!(
            named("VNG, VGN en █ EX █ ER G █ X BE █ E (VGN)"),
            vec![
                "Vereniging van Nederlandse Gemeenten",
                "Vereniging Gehandicaptenzorg Nederland"
            ]
        );
        assert_eq!(
            named("het lid de Groot (D66) en Partij voor de Vrijheid (PVV)"),
            vec!["Democraten 66", "Partij voor de Vrijheid"]
        );
        assert_eq!(
            named("VWS-CZ"),
            vec!["Ministerie van Volksgezondheid, Welzijn en Sport"]
        );
    }

    #[test]
    fn the_configuration_names_a_body_its_own_way() {
        let mut settings = Settings::default();
        settings.organisations.insert(
            "RIVM".into(),
            vec!["Rijksinstituut voor Volksgezondheid en Milieu".into()],
        );
        assert_eq!(named_in("advies van het RIVM", &settings), vec!["RIVM"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,120}") {
            let _ = named(&text);
        }
    }
}
