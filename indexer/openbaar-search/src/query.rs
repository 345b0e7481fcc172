//! The query language: words (all must match), `"phrases"`, `-exclusion`, `OR`, field
//! filters (`van:`, `aan:`, `type:`, `grond:`, `org:`, `jaar:`), date ranges
//! (`datum:2025-01-01..2025-03-31`, `jaar:2020..2021`), and the order (`sorteer:nieuw`,
//! `sorteer:oud`; relevance without it). Nothing a visitor types is an error: what does
//! not parse is read as plain words.
//!
//! What a visitor types as plain words is also read for what it means: a refusal ground
//! (`5.1.2e`) finds the documents withheld on it as well as those that name it, and a
//! date (`12 maart 2025`, `maart 2025`, `2025-03-12`, `12-3-2025`, `2025`) finds the
//! documents of that day, month or year as well as those that mention it.

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
    /// The order of the results (the default is relevance).
    Sort(Sort),
}

/// An order of results other than relevance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// Newest first; documents without a date last.
    Newest,
    /// Oldest first; documents without a date last.
    Oldest,
}

fn sort_named(name: &str) -> Option<Option<Sort>> {
    Some(match name.to_lowercase().as_str() {
        "nieuw" | "nieuwste" | "datum" | "new" | "newest" | "date" => Some(Sort::Newest),
        "oud" | "oudste" | "old" | "oldest" => Some(Sort::Oldest),
        "relevantie" | "relevance" => None,
        _ => return None,
    })
}

/// Dutch month names and their usual abbreviations, by month number.
const MONTHS: [&[&str]; 12] = [
    &["januari", "jan"],
    &["februari", "feb"],
    &["maart", "mrt", "mar"],
    &["april", "apr"],
    &["mei"],
    &["juni", "jun"],
    &["juli", "jul"],
    &["augustus", "aug"],
    &["september", "sep", "sept"],
    &["oktober", "okt", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

fn month_named(word: &str) -> Option<u64> {
    let word = word.trim_end_matches('.').to_lowercase();
    (1..=12u64).find(|&m| MONTHS[m as usize - 1].contains(&word.as_str()))
}

/// A number between `low` and `high`, written with at most `digits` digits.
fn number_in(text: &str, digits: usize, low: u64, high: u64) -> Option<u64> {
    if text.is_empty() || text.len() > digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| (low..=high).contains(n))
}

fn year(text: &str) -> Option<u64> {
    (text.len() == 4).then(|| number_in(text, 4, 1800, 2199))?
}

/// The days of a date written in one token: `2025-03-12`, `12-3-2025`, `12/03/2025`,
/// `2025-03`, `2025`.
fn date_token(token: &str) -> Option<(u64, u64)> {
    let parts: Vec<&str> = token.split(['-', '/']).collect();
    let day = |y: u64, m: u64, d: u64| (y * 10000 + m * 100 + d, y * 10000 + m * 100 + d);
    match parts.as_slice() {
        [y] => year(y).map(|y| (y * 10000 + 101, y * 10000 + 1231)),
        [y, m] => {
            let (y, m) = (year(y)?, number_in(m, 2, 1, 12)?);
            Some((y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31))
        }
        [a, m, b] => {
            let m = number_in(m, 2, 1, 12)?;
            if let Some(y) = year(a) {
                Some(day(y, m, number_in(b, 2, 1, 31)?))
            } else {
                Some(day(year(b)?, m, number_in(a, 2, 1, 31)?))
            }
        }
        _ => None,
    }
}

/// A date written in words at the start of `tokens`: `12 maart 2025` or `maart 2025`.
/// Returns its days and how many tokens it takes.
fn date_words(tokens: &[String]) -> Option<((u64, u64), usize)> {
    if let [d, m, y, ..] = tokens {
        if let (Some(d), Some(m), Some(y)) = (number_in(d, 2, 1, 31), month_named(m), year(y)) {
            let date = y * 10000 + m * 100 + d;
            return Some(((date, date), 3));
        }
    }
    if let [m, y, ..] = tokens {
        if let (Some(m), Some(y)) = (month_named(m), year(y)) {
            return Some(((y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31), 2));
        }
    }
    None
}

/// A refusal ground as the Woo and the Wob number them: three parts, the last may be a
/// letter (`5.1.2e`, `5.2.1`, `10.2.e`, `5.1.1c`).
fn is_ground_code(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    let number = |p: &str| number_in(p, 2, 1, 99).is_some();
    let last_ok = |p: &str| {
        number(p)
            || (p.len() == 1 && p.bytes().all(|b| b.is_ascii_lowercase()))
            || (p.len() >= 2
                && number(&p[..p.len() - 1])
                && p.as_bytes()[p.len() - 1].is_ascii_lowercase())
    };
    matches!(parts.as_slice(), [a, b, c] if number(a) && number(b) && last_ok(c))
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
    if let Some((name, value)) = token.split_once(':') {
        if name.eq_ignore_ascii_case("sorteer") || name.eq_ignore_ascii_case("sort") {
            if let Some(sort) = sort_named(value.trim_matches('"')) {
                // `sorteer:relevantie` is the default: no clause.
                return sort.map(Clause::Sort).or(Some(Clause::Any(Vec::new())));
            }
        }
    }
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
    let plain = match words.len() {
        0 => return None,
        1 => Clause::Word(words[0].clone()),
        // `jeugd-bescherming`, `5.1.2e`: the pieces in order.
        _ => Clause::Phrase(words),
    };
    let code = token.to_lowercase();
    if is_ground_code(&code) {
        return Some(Clause::Any(vec![
            Clause::Filter(Filter::Ground, code),
            plain,
        ]));
    }
    if let Some((low, high)) = date_token(token) {
        return Some(Clause::Any(vec![Clause::Dates(low, high), plain]));
    }
    Some(plain)
}

/// What plain words of a query were also read as, so that the page can say so.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Reading {
    /// A refusal ground (`5.1.2e`).
    Ground {
        /// The code as typed, in lower case.
        code: String,
    },
    /// A day, month or year, as `YYYYMMDD` numbers.
    Dates {
        /// The first day.
        from: u64,
        /// The last day.
        to: u64,
    },
}

/// The words of `clauses` that were also read as a ground or a date: a ground filter or a
/// date range followed, inside one `Any`, by the words it was read from.
pub fn readings(clauses: &[Clause]) -> Vec<Reading> {
    let mut out = Vec::new();
    for clause in clauses {
        let Clause::Any(options) = clause else {
            continue;
        };
        for pair in options.windows(2) {
            let words = matches!(pair[1], Clause::Word(_) | Clause::Phrase(_));
            match &pair[0] {
                Clause::Filter(Filter::Ground, code) if words => {
                    out.push(Reading::Ground { code: code.clone() })
                }
                Clause::Dates(from, to) if words => out.push(Reading::Dates {
                    from: *from,
                    to: *to,
                }),
                _ => {}
            }
        }
        out.extend(readings(options));
    }
    out
}

/// Parses a query. Never fails: the worst case is a list of plain words.
pub fn parse(query: &str) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    let tokens = tokens(query);
    let mut at = 0;
    while at < tokens.len() {
        let token = &tokens[at];
        at += 1;
        if token == "OR" || token == "OF" || token == "|" {
            pending_or = !out.is_empty();
            continue;
        }
        let next = match date_words(&tokens[at - 1..]) {
            Some(((low, high), taken)) => {
                let words = tokens[at - 1..at - 1 + taken]
                    .iter()
                    .flat_map(|t| words_of(t))
                    .collect();
                at += taken - 1;
                Clause::Any(vec![Clause::Dates(low, high), Clause::Phrase(words)])
            }
            None => match clause(token) {
                // `sorteer:relevantie`: nothing to add.
                Some(Clause::Any(options)) if options.is_empty() => continue,
                Some(next) => next,
                None => continue,
            },
        };
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

    #[test]
    fn ground_codes_are_grounds_and_words() {
        assert_eq!(
            parse("5.1.2e"),
            vec![Clause::Any(vec![
                Clause::Filter(Filter::Ground, "5.1.2e".into()),
                Clause::Phrase(vec!["5".into(), "1".into(), "2e".into()]),
            ])]
        );
        assert!(
            matches!(&parse("10.2.E")[0], Clause::Any(a) if a[0] == Clause::Filter(Filter::Ground, "10.2.e".into()))
        );
        assert!(matches!(&parse("5.2.1")[0], Clause::Any(_)));
        // A version number or an amount is not a ground.
        assert!(matches!(&parse("1.250.000")[0], Clause::Phrase(_)));
        assert!(matches!(&parse("3.14")[0], Clause::Phrase(_)));
    }

    #[test]
    fn dates_are_dates_and_words() {
        let any = |low, high, words: &[&str]| {
            let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            let text = if words.len() == 1 {
                Clause::Word(words[0].clone())
            } else {
                Clause::Phrase(words)
            };
            Clause::Any(vec![Clause::Dates(low, high), text])
        };
        assert_eq!(
            parse("12 maart 2025 KMI"),
            vec![
                any(20250312, 20250312, &["12", "maart", "2025"]),
                word("KMI")
            ]
        );
        assert_eq!(
            parse("Mrt. 2025"),
            vec![any(20250301, 20250331, &["Mrt", "2025"])]
        );
        assert_eq!(
            parse("2025-03-12"),
            vec![any(20250312, 20250312, &["2025", "03", "12"])]
        );
        assert_eq!(
            parse("12-3-2025"),
            vec![any(20250312, 20250312, &["12", "3", "2025"])]
        );
        assert_eq!(parse("2024"), vec![any(20240101, 20241231, &["2024"])]);
        // Not dates: a number of cases, a day that does not exist in a month, a quoted year.
        assert_eq!(parse("250"), vec![word("250")]);
        assert!(matches!(&parse("40-13-2025")[0], Clause::Phrase(_)));
        assert_eq!(parse("\"2024\""), vec![word("2024")]);
        assert_eq!(parse("12 maart"), vec![word("12"), word("maart")]);
    }

    #[test]
    fn sort_order() {
        assert_eq!(
            parse("KMI sorteer:nieuw"),
            vec![word("KMI"), Clause::Sort(Sort::Newest)]
        );
        assert_eq!(parse("sorteer:oud"), vec![Clause::Sort(Sort::Oldest)]);
        assert_eq!(parse("KMI sorteer:relevantie"), vec![word("KMI")]);
        assert_eq!(
            parse("sorteer:iets"),
            vec![Clause::Phrase(vec!["sorteer".into(), "iets".into()])]
        );
    }

    #[test]
    fn readings_name_what_words_were_read_as() {
        assert_eq!(
            readings(&parse("5.1.2e OR 10.2.e maart 2025 -2024 datum:2025")),
            vec![
                Reading::Ground {
                    code: "5.1.2e".into()
                },
                Reading::Ground {
                    code: "10.2.e".into()
                },
                Reading::Dates {
                    from: 20250301,
                    to: 20250331
                },
            ]
        );
        assert!(readings(&parse("type:memo OR grond:5.1.2e jeugd")).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(query in "\\PC{0,60}") {
            let _ = parse(&query);
        }
    }
}
