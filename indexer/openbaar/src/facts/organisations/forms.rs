//! Organisations named by their form rather than found in the table: the units of a
//! ministry (`Directie Curatieve Zorg`, `directoraat-generaal Langdurige Zorg`), names
//! built on a word that says what they are (`Landelijke Huisartsen Vereniging`, `Vrije
//! Universiteit Amsterdam`, `GGD Kennemerland`, `Radboud ziekenhuis`), and names the
//! text spells out before their abbreviation (`Outbreak Management Team (OMT)`).
//!
//! A sentence fragment is worse than a missing name, so every rule asks for capitals:
//! a name is a run of capitalised words (with `van`, `voor`, `en` between) on one line,
//! broken by punctuation; only a ministry unit whose name was cut after its first word
//! by a letterhead's line break continues on the next line.

/// Words that make a run of capitalised words an organisation, as a whole word or as
/// the end of a compound (`Zorgautoriteit`, `Huisartsenvereniging`).
const HEAD_WORDS: &[&str] = &[
    "vereniging",
    "stichting",
    "federatie",
    "universiteit",
    "university",
    "hogeschool",
    "instituut",
    "institute",
    "ziekenhuis",
    "ziekenhuizen",
    "consortium",
    "genootschap",
    "coöperatie",
    "netwerk",
    "network",
    "organisatie",
    "organization",
    "organisation",
    "society",
    "association",
    "agency",
    "autoriteit",
    "authority",
    "inspectie",
    "rijksdienst",
    "commissie",
    "committee",
    "council",
    "platform",
    "centrum",
    "centre",
    "center",
    "academie",
    "team",
    "stuurgroep",
    "werkgroep",
    "bond",
];

/// Words that open a unit of a ministry; the capitalised words after them name it.
const UNIT_WORDS: &[(&str, &str)] = &[
    ("programmadirectie", "Programmadirectie"),
    ("directoraat-generaal", "Directoraat-generaal"),
    ("directoraat generaal", "Directoraat-generaal"),
    ("hoofddirectie", "Hoofddirectie"),
    ("directie", "Directie"),
];

/// Small words allowed inside a name (`Vereniging van Nederlandse Gemeenten`).
const CONNECTORS: &[&str] = &["van", "voor", "en", "der", "&", "of", "for", "and"];

/// Capitalised words that start sentences or greetings rather than names.
const NOT_NAME_STARTS: &[&str] = &[
    "de",
    "het",
    "een",
    "met",
    "via",
    "bij",
    "namens",
    "door",
    "voor",
    "van",
    "aan",
    "op",
    "in",
    "na",
    "over",
    "vanuit",
    "dear",
    "the",
    "a",
    "an",
    "zie",
    "beste",
    "geachte",
    "ook",
    "en",
    "maar",
    "dat",
    "deze",
    "die",
    "dit",
    "onze",
    "uw",
    "ons",
    "mijn",
    "hun",
    "wij",
    "ik",
    "zij",
    "wie",
    "wat",
    "als",
    "toen",
    "omdat",
    "hierbij",
    "graag",
    "vanuit",
    "to",
    "from",
    "cc",
    "aan",
    "van",
    "re",
    "fw",
    "onderwerp",
    "subject",
    "betreft",
];

/// One word of a line, with what stood right before it.
struct Word<'a> {
    text: &'a str,
    /// Punctuation (or the start of the line) between this word and the one before.
    broken: bool,
}

/// The words of one line, cut at spaces; punctuation between words breaks a run.
fn words_of(line: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut broken = true;
    for raw in line.split_whitespace() {
        let trimmed_front = raw.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '&');
        if trimmed_front.len() != raw.len() {
            broken = true;
        }
        let text = trimmed_front.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '&');
        if !text.is_empty() {
            words.push(Word { text, broken });
        }
        broken = text.len() != trimmed_front.len() || text.is_empty();
    }
    words
}

/// A word that starts with a capital and has two letters or more (`GGD`, `I&W`,
/// `Zorg`, `DG-Covid-19`; not `Z`).
fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(&word)
}

fn has_head_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    HEAD_WORDS.iter().any(|head| {
        lower == *head
            || (lower.ends_with(head) && lower.len() > head.len() + 3 && head.len() >= 7)
            || lower.ends_with(&format!("-{head}"))
    })
}

/// Runs of capitalised words (connectors inside) on one line, unbroken by punctuation.
fn runs<'a>(words: &'a [Word<'a>]) -> Vec<&'a [Word<'a>]> {
    let mut runs = Vec::new();
    let mut start: Option<usize> = None;
    for (i, word) in words.iter().enumerate() {
        let fits = is_capitalised(word.text) || (start.is_some() && is_connector(word.text));
        if start.is_some() && (word.broken || !fits) {
            runs.push(&words[start.take().unwrap_or(i)..i]);
        }
        if start.is_none() && is_capitalised(word.text) {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        runs.push(&words[s..]);
    }
    runs.into_iter()
        .map(|run| {
            let mut run = run;
            while run
                .first()
                .is_some_and(|w| NOT_NAME_STARTS.contains(&w.text.to_lowercase().as_str()))
            {
                run = &run[1..];
            }
            while run.last().is_some_and(|w| is_connector(w.text)) {
                run = &run[..run.len() - 1];
            }
            run
        })
        .filter(|run| !run.is_empty())
        .collect()
}

fn join(words: &[Word<'_>]) -> String {
    words.iter().map(|w| w.text).collect::<Vec<_>>().join(" ")
}

/// `Landelijke Huisartsen Vereniging`, `Vrije Universiteit Amsterdam`, `NEN-instituut`.
fn named_by_head_word(words: &[Word<'_>], found: &mut Vec<String>) {
    for run in runs(words) {
        let names = run.iter().filter(|w| !is_connector(w.text)).count();
        let has_small_letters = run.iter().any(|w| w.text.chars().any(char::is_lowercase));
        if (2..=7).contains(&names)
            && has_small_letters
            && run.iter().any(|w| has_head_word(w.text))
        {
            found.push(join(run));
        } else if names == 1 && run[0].text.contains('-') && has_head_word(run[0].text) {
            found.push(run[0].text.to_string());
        }
    }
    // `het Radboud ziekenhuis`: a capitalised name before the small word.
    for pair in words.windows(2) {
        let [name, head] = pair else { continue };
        if matches!(head.text, "ziekenhuis" | "umc")
            && !head.broken
            && is_capitalised(name.text)
            && !name.text.ends_with("se")
            && !NOT_NAME_STARTS.contains(&name.text.to_lowercase().as_str())
        {
            found.push(format!("{} {}", name.text, head.text));
        }
    }
    // `GGD Kennemerland`, `GGD Gelderland-Zuid`.
    for (i, word) in words.iter().enumerate() {
        if word.text == "GGD" {
            let place: Vec<&str> = words[i + 1..]
                .iter()
                .take_while(|w| !w.broken && is_capitalised(w.text))
                .take(3)
                .map(|w| w.text)
                .collect();
            if !place.is_empty() {
                found.push(format!("GGD {}", place.join(" ")));
            }
        }
    }
}

/// `Outbreak Management Team (OMT)`: the capitalised words whose initials are the
/// abbreviation's capitals, when they name an organisation.
fn defined_before_abbreviation(line: &str, found: &mut Vec<String>) {
    let mut rest = line;
    while let Some(open) = rest.find('(') {
        let before = &rest[..open];
        let after = &rest[open + 1..];
        rest = after;
        let Some(close) = after.find(')') else { break };
        let abbreviation = &after[..close];
        let capitals: Vec<char> = abbreviation
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '&')
            .filter(|c| c.is_uppercase())
            .collect();
        if capitals.len() < 2
            || abbreviation.chars().count() > 10
            || abbreviation.contains(char::is_whitespace)
        {
            continue;
        }
        let words = words_of(before);
        let Some(run) = runs(&words).pop() else {
            continue;
        };
        // The abbreviation must follow the name directly.
        let last_of = |ws: &[Word<'_>]| ws.last().map(|w| w.text.as_ptr());
        if last_of(run) != last_of(&words) || !before.trim_end().ends_with(char::is_alphanumeric) {
            continue;
        }
        // Walk back over the run until as many names as capitals are taken.
        let mut taken = 0;
        let mut start = run.len();
        while start > 0 && taken < capitals.len() {
            start -= 1;
            if !is_connector(run[start].text) {
                taken += 1;
            }
        }
        let name = &run[start..];
        let initials: Vec<char> = name
            .iter()
            .filter(|w| !is_connector(w.text))
            .filter_map(|w| w.text.chars().next())
            .collect();
        if taken != capitals.len() || initials != capitals {
            continue;
        }
        // `de stuurgroep Veilige en Gezonde Luchtvaart (VGL)`: the kind in small letters.
        let first = name.first().map(|w| w.text.as_ptr());
        let kind = words
            .iter()
            .position(|w| Some(w.text.as_ptr()) == first)
            .and_then(|i| i.checked_sub(1))
            .map(|i| &words[i])
            .filter(|w| w.text.chars().all(char::is_lowercase) && has_head_word(w.text));
        if let Some(kind) = kind {
            let mut letters = kind.text.chars();
            let capital: String = letters
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            found.push(format!("{capital}{} {}", letters.as_str(), join(name)));
        } else if name.iter().any(|w| has_head_word(w.text)) {
            found.push(join(name));
        }
    }
}

/// `Directie Maatschappelijke Ondersteuning`, `directoraat-generaal Langdurige Zorg`.
fn ministry_units(lines: &[&str], found: &mut Vec<String>) {
    for (n, line) in lines.iter().enumerate() {
        let lower = line.to_lowercase();
        for (word, written) in UNIT_WORDS {
            let mut from = 0;
            while let Some(at) = lower[from..].find(word).map(|a| a + from) {
                from = at + word.len();
                let starts_word = lower[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let already = *word == "directie"
                    && (lower[..at].ends_with("programma") || lower[..at].ends_with("hoofd"));
                if !starts_word || already || !line.is_char_boundary(from) {
                    continue;
                }
                let words = words_of(&line[from..]);
                let mut name: Vec<&str> = Vec::new();
                for (i, w) in words.iter().enumerate() {
                    let fits = is_capitalised(w.text) || (!name.is_empty() && is_connector(w.text));
                    if (i > 0 && w.broken) || name.len() >= 6 {
                        break;
                    }
                    if !fits {
                        // `Directie Langdurige zorg`: a noun in small letters after an
                        // adjective ends the name.
                        let after_adjective = name.last().is_some_and(|l| l.ends_with('e'));
                        if after_adjective && w.text.chars().all(char::is_lowercase) {
                            name.push(w.text);
                        }
                        break;
                    }
                    name.push(w.text);
                }
                while name.last().is_some_and(|w| is_connector(w)) {
                    name.pop();
                }
                // A letterhead cut the name after its first word: `Directoraat Generaal`
                // / `Curatieve Zorg`, `directie Maatschappelijke` / `Ondersteuning`.
                // Only a name that is empty or ends in an adjective is cut.
                let cut = words.len() == name.len()
                    && (name.is_empty() || (name.len() == 1 && name[0].ends_with('e')));
                if cut {
                    let next = lines[n + 1..].iter().find(|l| !l.trim().is_empty());
                    if let Some(next) = next {
                        let next_words = words_of(next);
                        if (1..=3).contains(&next_words.len())
                            && next_words.iter().all(|w| is_capitalised(w.text))
                            && !next_words.iter().any(|w| {
                                UNIT_WORDS
                                    .iter()
                                    .any(|(u, _)| w.text.to_lowercase().ends_with(u))
                            })
                        {
                            name.extend(next_words.iter().map(|w| w.text));
                        }
                    }
                }
                if !name.is_empty() {
                    found.push(format!("{written} {}", name.join(" ")));
                }
            }
        }
    }
}

/// The organisations `text` names by their form, each once, in the order found.
pub fn named_by_form(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    ministry_units(&lines, &mut found);
    for line in &lines {
        named_by_head_word(&words_of(line), &mut found);
        defined_before_abbreviation(line, &mut found);
    }
    let mut seen: Vec<String> = Vec::new();
    found.retain(|name| {
        let key = name.to_lowercase();
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_a_ministry_are_found_also_across_a_letterhead_break() {
        assert_eq!(
            named_by_form("Ministerie van VWS\n\nDirectoraat Generaal\n\nCuratieve Zorg\n\nDirectie Curatieve Zorg\n\nPostbus 20350"),
            vec!["Directoraat-generaal Curatieve Zorg", "Directie Curatieve Zorg"]
        );
        assert_eq!(
            named_by_form("De directie Langdurige Zorg van het Ministerie heeft besloten."),
            vec!["Directie Langdurige Zorg"]
        );
        assert_eq!(
            named_by_form("directie Maatschappelijke\n\nOndersteuning\n\nPostbus"),
            vec!["Directie Maatschappelijke Ondersteuning"]
        );
        assert!(
            named_by_form("De directie heeft besloten. Directie\n\nde volgende stap").is_empty()
        );
        assert_eq!(
            named_by_form("Ministerie van VWS | Directie Langdurige zorg | Parnassusplein"),
            vec!["Directie Langdurige zorg"]
        );
        assert_eq!(
            named_by_form("bij de Programmadirectie DG-Covid-19\n\nHoogachtend"),
            vec!["Programmadirectie DG-Covid-19"]
        );
    }

    #[test]
    fn names_built_on_a_head_word_are_found() {
        assert_eq!(
            named_by_form("Met de Landelijke Huisartsen Vereniging aanvaardt"),
            vec!["Landelijke Huisartsen Vereniging"]
        );
        assert_eq!(
            named_by_form("Athena Institute\n| Vrije Universiteit Amsterdam"),
            vec!["Athena Institute", "Vrije Universiteit Amsterdam"]
        );
        assert_eq!(
            named_by_form("het Radboud ziekenhuis en het NEN-instituut, en de GGD Kennemerland."),
            vec!["NEN-instituut", "Radboud ziekenhuis", "GGD Kennemerland"]
        );
        for text in [
            "De vereniging heeft een team.",
            "Het Amsterdamse ziekenhuis en de GGD arts",
            "Vereniging aanvaardt geen aansprakelijkheid",
            "Beste Team,",
            "een Voorraad Beheer punt",
        ] {
            assert!(
                named_by_form(text).is_empty(),
                "{text}: {:?}",
                named_by_form(text)
            );
        }
    }

    #[test]
    fn abbreviations_spelled_out_name_their_organisation() {
        assert_eq!(
            named_by_form("advies van het Outbreak Management Team (OMT) en de Nederlandse Zorgautoriteit (NZa)"),
            vec!["Outbreak Management Team", "Nederlandse Zorgautoriteit"]
        );
        assert_eq!(
            named_by_form("de stuurgroep Veilige en Gezonde Luchtvaart (VGL)"),
            vec!["Stuurgroep Veilige en Gezonde Luchtvaart"]
        );
        assert!(
            named_by_form("Persoonlijke Beschermingsmiddelen (PBM) en Intensive Care (IC)")
                .is_empty()
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,160}") {
            let _ = named_by_form(&text);
        }
    }
}
