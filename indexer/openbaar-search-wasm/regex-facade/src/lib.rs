//! The part of `regex`'s API that tantivy calls, for patterns of single characters only:
//! literal characters, escaped characters (`\.`), character classes (`[\\/]`, `[a-z]`,
//! `[^0-9]`) and the anchors `^` and `$`. Anything else (repetition, `.`, groups,
//! alternation, `\d`-style classes) is an [`Error`] naming this facade.
//!
//! Why not an engine: the only pattern the browser's search runtime can reach is tantivy's
//! facet escaping, `[\\/]` (tantivy 0.27, schema/facet.rs); regex-lite, the smallest full
//! engine, was 15 KB of the gzipped runtime for it. Only the WebAssembly runtime's own
//! workspace links this crate; the indexer uses the real `regex`. The tests beside the
//! runtime check tantivy's uses against it (`tests/regex_facade.rs`).

use std::borrow::Cow;
use std::fmt;

/// A pattern that could not be compiled: invalid, or beyond what this facade matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// What one character of the text must be.
#[derive(Clone, Debug)]
enum Item {
    /// This character.
    Char(char),
    /// One of these inclusive ranges (or none of them, when negated).
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Item {
    fn matches(&self, c: char) -> bool {
        match self {
            Item::Char(wanted) => *wanted == c,
            Item::Class { negated, ranges } => {
                ranges.iter().any(|&(low, high)| low <= c && c <= high) != *negated
            }
        }
    }
}

/// A compiled pattern (see the crate's documentation for what it may contain).
#[derive(Clone)]
pub struct Regex {
    pattern: String,
    items: Vec<Item>,
    anchored_start: bool,
    anchored_end: bool,
}

/// Where a pattern matched in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// The byte offset where the match starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte offset just after the match.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte range of the match.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The length of the match in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

fn unsupported(pattern: &str, what: &str) -> Error {
    Error(format!(
        "regex `{pattern}`: {what} (the search runtime's regex facade matches single characters only)"
    ))
}

/// The character after a `\`: punctuation stands for itself, a few letters for controls.
fn escaped(pattern: &str, c: Option<char>) -> Result<char, Error> {
    match c {
        Some(c) if c.is_ascii_punctuation() => Ok(c),
        Some('n') => Ok('\n'),
        Some('t') => Ok('\t'),
        Some('r') => Ok('\r'),
        Some(c) => Err(unsupported(pattern, &format!("the escape `\\{c}`"))),
        None => Err(Error(format!(
            "regex `{pattern}`: incomplete escape at the end"
        ))),
    }
}

fn class(
    pattern: &str,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
) -> Result<Item, Error> {
    let unclosed = || Error(format!("regex `{pattern}`: unclosed character class"));
    let negated = chars.next_if_eq(&'^').is_some();
    let mut ranges = Vec::new();
    loop {
        let low = match chars.next().ok_or_else(unclosed)? {
            ']' if !ranges.is_empty() => return Ok(Item::Class { negated, ranges }),
            ']' => return Err(Error(format!("regex `{pattern}`: empty character class"))),
            '[' => return Err(unsupported(pattern, "a nested class")),
            '\\' => escaped(pattern, chars.next())?,
            c => c,
        };
        let mut high = low;
        if chars.next_if_eq(&'-').is_some() {
            match chars.next().ok_or_else(unclosed)? {
                ']' => {
                    // A `-` before the closing bracket is a literal.
                    ranges.push((low, low));
                    ranges.push(('-', '-'));
                    return Ok(Item::Class { negated, ranges });
                }
                '\\' => high = escaped(pattern, chars.next())?,
                c => high = c,
            }
            if high < low {
                return Err(Error(format!(
                    "regex `{pattern}`: invalid range {low}-{high}"
                )));
            }
        }
        ranges.push((low, high));
    }
}

impl Regex {
    /// Compiles `pattern`.
    pub fn new(pattern: &str) -> Result<Regex, Error> {
        let mut chars = pattern.chars().peekable();
        let anchored_start = chars.next_if_eq(&'^').is_some();
        let mut items = Vec::new();
        let mut anchored_end = false;
        while let Some(c) = chars.next() {
            if anchored_end {
                return Err(unsupported(pattern, "`$` before the end"));
            }
            match c {
                '\\' => items.push(Item::Char(escaped(pattern, chars.next())?)),
                '[' => items.push(class(pattern, &mut chars)?),
                '$' => anchored_end = true,
                '.' | '*' | '+' | '?' | '(' | ')' | '|' | '{' | '}' | '^' | ']' => {
                    return Err(unsupported(pattern, &format!("`{c}`")))
                }
                c => items.push(Item::Char(c)),
            }
        }
        if items.is_empty() {
            return Err(unsupported(pattern, "a pattern that matches no character"));
        }
        Ok(Regex {
            pattern: pattern.to_string(),
            items,
            anchored_start,
            anchored_end,
        })
    }

    /// The pattern it was compiled from.
    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// Where the pattern matches the text starting at byte `at`, if it does.
    fn match_at(&self, haystack: &str, at: usize) -> Option<usize> {
        let mut end = at;
        let mut chars = haystack[at..].chars();
        for item in &self.items {
            let c = chars.next()?;
            if !item.matches(c) {
                return None;
            }
            end += c.len_utf8();
        }
        (!self.anchored_end || end == haystack.len()).then_some(end)
    }

    /// The first match at or after byte `from`.
    fn find_from<'h>(&self, haystack: &'h str, from: usize) -> Option<Match<'h>> {
        let starts = haystack[from..]
            .char_indices()
            .map(|(offset, _)| from + offset);
        for start in starts {
            if self.anchored_start && start != 0 {
                return None;
            }
            if let Some(end) = self.match_at(haystack, start) {
                return Some(Match {
                    haystack,
                    start,
                    end,
                });
            }
        }
        None
    }

    /// The first match in `haystack`.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.find_from(haystack, 0)
    }

    /// Whether the pattern matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.find(haystack).is_some()
    }

    /// Every match in `haystack`, left to right, not overlapping.
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        let mut from = Some(0);
        std::iter::from_fn(move || {
            let found = self.find_from(haystack, from?)?;
            from = (found.end < haystack.len()).then_some(found.end);
            Some(found)
        })
    }

    /// `haystack` with every match replaced by `replacement`, where `$0` (or `${0}`) is
    /// the match and `$$` a dollar sign, as in `regex`.
    pub fn replace_all<'h>(&self, haystack: &'h str, replacement: &str) -> Cow<'h, str> {
        let mut out = String::new();
        let mut copied = 0;
        for found in self.find_iter(haystack) {
            out.push_str(&haystack[copied..found.start]);
            expand(replacement, found.as_str(), &mut out);
            copied = found.end;
        }
        if copied == 0 && out.is_empty() {
            return Cow::Borrowed(haystack);
        }
        out.push_str(&haystack[copied..]);
        Cow::Owned(out)
    }
}

/// Writes `replacement` with `$0`/`${0}` as `matched` and `$$` as `$`; other group
/// references are empty, as for a group that did not take part in the match.
fn expand(replacement: &str, matched: &str, out: &mut String) {
    let mut rest = replacement;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        rest = &rest[dollar + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        let (name, after) = if let Some(braced) = rest.strip_prefix('{') {
            match braced.find('}') {
                Some(close) => (&braced[..close], &braced[close + 1..]),
                None => {
                    out.push('$');
                    continue;
                }
            }
        } else {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            (&rest[..len], &rest[len..])
        };
        if name.is_empty() {
            out.push('$');
            continue;
        }
        if name == "0" {
            out.push_str(matched);
        }
        rest = after;
    }
    out.push_str(rest);
}

impl fmt::Debug for Regex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Regex").field(&self.pattern).finish()
    }
}

impl fmt::Display for Regex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pattern)
    }
}

/// `text` with every character a pattern gives a meaning to escaped, as `regex::escape`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
