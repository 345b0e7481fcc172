//! The query language: words (all must match), `"phrases"`, `-exclusion`, `OR`, field
//! filters (`van:`, `aan:`, `type:`, `grond:`, `org:`, `jaar:`), date ranges
//! (`datum:2025-01-01..2025-03-31`, `jaar:2020..2021`). Nothing a visitor types is an
//! error: what does not parse is read as plain words.

/// One part of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// A word; all words must match.
    Word(String),
    /// Words in this order.
    Phrase(Vec<String>),
    /// Any of these words or phrases (`a OR b`).
    Any(Vec<Clause>),
    /// Must not match.
    Not(Box<Clause>),
    /// A field filter, e.g. `type:e-mail`.
    Filter(Filter, String),
    /// A range of dates as `YYYYMMDD` numbers, inclusive.
    Dates(u64, u64),
}

/// The fields a visitor can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// `van:` — sender.
    From,
    /// `aan:` — recipient.
    To,
    /// `type:` — document type.
    Type,
    /// `grond:` — refusal ground.
    Ground,
    /// `org:` — organisation.
    Organisation,
    /// `persoon:` — person.
    Person,
    /// `jaar:` — year.
    Year,
}

fn filter_named(name: &str) -> Option<Filter> {
    Some(match name.to_lowercase().as_str() {
        "van" | "from" | "afzender" => Filter::From,
        "aan" | "to" | "ontvanger" => Filter::To,
        "type" | "soort" => Filter::Type,
        "grond" | "ground" => Filter::Ground,
        "org" | "organisatie" => Filter::Organisation,
        "persoon" | "person" => Filter::Person,
        "jaar" | "year" => Filter::Year,
        _ => return None,
    })
}

/// Splits the query into tokens, keeping quoted phrases (with a `-` or `field:` before
/// them) together. An unclosed quote runs to the end.
fn tokens(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '"' | '“' | '”' => {
                current.push('"');
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn date_range(value: &str) -> Option<(u64, u64)> {
    let (from, to) = value.split_once("..").unwrap_or((value, value));
    let bound = |text: &str, end: bool| -> Option<u64> {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        match digits.len() {
            4 => Some(digits.parse::<u64>().ok()? * 10000 + if end { 1231 } else { 101 }),
            6 => Some(digits.parse::<u64>().ok()? * 100 + if end { 31 } else { 1 }),
            8 => digits.parse().ok(),
            _ => None,
        }
    };
    let (low, high) = (bound(from, false)?, bound(to, true)?);
    (low <= high).then_some((low, high))
}

fn clause(token: &str) -> Option<Clause> {
    if let Some(rest) = token.strip_prefix('-').filter(|r| !r.is_empty()) {
        return clause(rest).map(|c| Clause::Not(Box::new(c)));
    }
    if let Some((name, value)) = token.split_once(':') {
        let value = value.trim_matches('"');
        if name.eq_ignore_ascii_case("datum") || name.eq_ignore_ascii_case("date") {
            if let Some((low, high)) = date_range(value) {
                return Some(Clause::Dates(low, high));
            }
        } else if let Some(filter) = filter_named(name).filter(|_| !value.is_empty()) {
            if filter == Filter::Year && value.contains("..") {
                if let Some((low, high)) = date_range(value) {
                    return Some(Clause::Dates(low, high));
                }
            }
            return Some(Clause::Filter(filter, value.to_string()));
        }
    }
    if token.starts_with('"') {
        let words = words_of(token);
        return match words.len() {
            0 => None,
            1 => Some(Clause::Word(words[0].clone())),
            _ => Some(Clause::Phrase(words)),
        };
    }
    let words = words_of(token);
    match words.len() {
        0 => None,
        1 => Some(Clause::Word(words[0].clone())),
        // `jeugd-bescherming`, `5.1.2e`: the pieces in order.
        _ => Some(Clause::Phrase(words)),
    }
}

/// Parses a query. Never fails: the worst case is a list of plain words.
pub fn parse(query: &str) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    for token in tokens(query) {
        if token == "OR" || token == "OF" || token == "|" {
            pending_or = !out.is_empty();
            continue;
        }
        let Some(next) = clause(&token) else { continue };
        let joinable = |c: &Clause| {
            matches!(
                c,
                Clause::Word(_) | Clause::Phrase(_) | Clause::Any(_) | Clause::Filter(..)
            )
        };
        if pending_or && joinable(&next) && out.last().is_some_and(joinable) {
            let last = out.pop().expect("last");
            out.push(match last {
                Clause::Any(mut any) => {
                    any.push(next);
                    Clause::Any(any)
                }
                other => Clause::Any(vec![other, next]),
            });
        } else {
            out.push(next);
        }
        pending_or = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Clause {
        Clause::Word(w.into())
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        assert_eq!(parse("jeugd zorg"), vec![word("jeugd"), word("zorg")]);
        assert_eq!(
            parse("\"verscherpt toezicht\" -KMI"),
            vec![
                Clause::Phrase(vec!["verscherpt".into(), "toezicht".into()]),
                Clause::Not(Box::new(word("KMI")))
            ]
        );
        assert_eq!(
            parse("AEF OR KMI rapport"),
            vec![Clause::Any(vec![word("AEF"), word("KMI")]), word("rapport")]
        );
    }

    #[test]
    fn filters_and_ranges() {
        assert_eq!(
            parse("type:e-mail grond:5.1.2e org:\"JB Noord\""),
            vec![
                Clause::Filter(Filter::Type, "e-mail".into()),
                Clause::Filter(Filter::Ground, "5.1.2e".into()),
                Clause::Filter(Filter::Organisation, "JB Noord".into()),
            ]
        );
        assert_eq!(
            parse("datum:2025-01-01..2025-03-31"),
            vec![Clause::Dates(20250101, 20250331)]
        );
        assert_eq!(
            parse("jaar:2020..2021"),
            vec![Clause::Dates(20200101, 20211231)]
        );
        assert_eq!(
            parse("jaar:2025"),
            vec![Clause::Filter(Filter::Year, "2025".into())]
        );
    }

    #[test]
    fn malformed_queries_become_words() {
        assert_eq!(
            parse("\"unclosed phrase"),
            vec![Clause::Phrase(vec!["unclosed".into(), "phrase".into()])]
        );
        assert_eq!(parse("OR OR -"), vec![]);
        assert_eq!(
            parse("onbekend:veld"),
            vec![Clause::Phrase(vec!["onbekend".into(), "veld".into()])]
        );
        assert_eq!(
            parse("datum:gisteren"),
            vec![Clause::Phrase(vec!["datum".into(), "gisteren".into()])]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(query in "\\PC{0,60}") {
            let _ = parse(&query);
        }
    }
}
