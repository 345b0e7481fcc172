//! Header labels and their values put back on one line, by their place on the page.
//!
//! A printed email header is a table: labels (`To:`, `Sent:`, `Onderwerp:`) in one
//! column, values far to the right. A text layer (OCR above all) often stores the two
//! columns as separate blocks, so the text reads `To: / From: / Sent: / Subject:`
//! followed by the values in another order, and no rule can pair them. Here each bare
//! label takes the lines that stand on its row to its right (in its own block or
//! another); the rest of the page keeps the text layer's order.

use std::sync::LazyLock;

use regex::Regex;

/// One line of the text layer with its box in PDF points (y grows downwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text block the line belongs to.
    pub block: usize,
    /// The line's text.
    pub text: String,
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Line {
    fn middle(&self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }

    fn height(&self) -> f32 {
        (self.y1 - self.y0).max(1.0)
    }
}

/// A label alone on its line, with or without its colon: English and Dutch print
/// headers of Outlook and other mail programs.
static BARE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(from|to|cc|bcc|sent|date|subject|received|attachments|importance|van|aan|verzonden|datum|onderwerp|bijlagen|urgentie|prioriteit)\s*:?\s*$",
    )
    .expect("valid regex")
});

/// The page text with each bare header label followed by the lines on its row to its
/// right, or `None` when the page has no such label (its text is then the text
/// layer's own, unchanged).
pub fn join_header_columns(lines: &[Line]) -> Option<String> {
    let labels: Vec<usize> = (0..lines.len())
        .filter(|&i| BARE_LABEL.is_match(&lines[i].text))
        .collect();
    if labels.is_empty() {
        return None;
    }
    let mut taken = vec![false; lines.len()];
    let mut values: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    for &label in &labels {
        let l = &lines[label];
        let mut row: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let v = &lines[i];
                !taken[i]
                    && i != label
                    && !BARE_LABEL.is_match(&v.text)
                    && v.x0 >= l.x1 - 1.0
                    && (v.middle() - l.middle()).abs() <= 0.5 * l.height().min(v.height())
            })
            .collect();
        // A value is on the label's row and not further than the next label to the right.
        let next_label_x = labels
            .iter()
            .map(|&j| &lines[j])
            .filter(|o| {
                o.x0 > l.x1 && (o.middle() - l.middle()).abs() <= 0.5 * l.height().min(o.height())
            })
            .map(|o| o.x0)
            .fold(f32::INFINITY, f32::min);
        row.retain(|&i| lines[i].x0 < next_label_x);
        row.sort_by(|&a, &b| lines[a].x0.total_cmp(&lines[b].x0));
        for &i in &row {
            taken[i] = true;
        }
        values[label] = row;
    }
    if values.iter().all(Vec::is_empty) {
        return None;
    }
    let mut out = String::new();
    let mut current_block = None;
    for (i, line) in lines.iter().enumerate() {
        if taken[i] {
            continue;
        }
        if current_block.is_some_and(|b| b != line.block) {
            out.push('\n');
        }
        current_block = Some(line.block);
        out.push_str(&line.text);
        for &v in &values[i] {
            out.push(' ');
            out.push_str(lines[v].text.trim());
        }
        out.push('\n');
    }
    if current_block.is_some() {
        out.push('\n');
    }
    Some(out)
}

/// The text of `lines` as the text layer prints it: lines end with a newline, blocks
/// with an empty line.
pub fn plain_text(lines: &[Line]) -> String {
    let mut out = String::new();
    let mut current_block = None;
    for line in lines {
        if current_block.is_some_and(|b| b != line.block) {
            out.push('\n');
        }
        current_block = Some(line.block);
        out.push_str(&line.text);
        out.push('\n');
    }
    if current_block.is_some() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(block: usize, text: &str, x0: f32, y0: f32) -> Line {
        Line {
            block,
            text: text.into(),
            x0,
            y0,
            x1: x0 + 6.0 * text.chars().count() as f32,
            y1: y0 + 10.0,
        }
    }

    #[test]
    fn labels_in_one_column_take_the_values_on_their_rows() {
        // Outlook's print block: labels in one block, values in another, far right.
        let lines = vec![
            line(0, "To:", 40.0, 100.0),
            line(0, "From:", 40.0, 114.0),
            line(0, "Sent:", 40.0, 128.0),
            line(0, "Subject:", 40.0, 142.0),
            line(1, "Wed 9/9/2020 12:45:19 PM", 200.0, 128.5),
            line(1, "RE: Overleg", 200.0, 141.0),
            line(2, "█", 200.0, 114.0),
            line(2, "█ @example.nl", 200.0, 100.5),
            line(3, "Beste collega,", 40.0, 180.0),
        ];
        let text = join_header_columns(&lines).unwrap();
        assert_eq!(
            text,
            "To: █ @example.nl\nFrom: █\nSent: Wed 9/9/2020 12:45:19 PM\nSubject: RE: Overleg\n\nBeste collega,\n\n"
        );
    }

    #[test]
    fn a_value_split_in_pieces_on_one_row_is_joined_left_to_right() {
        let lines = vec![
            line(0, "Onderwerp:", 40.0, 100.0),
            line(1, "hier naar?", 260.0, 100.0),
            line(2, "RE: Kijk jij", 150.0, 100.0),
        ];
        assert_eq!(
            join_header_columns(&lines).unwrap(),
            "Onderwerp: RE: Kijk jij hier naar?\n\n"
        );
    }

    #[test]
    fn pages_without_bare_labels_keep_the_text_layer() {
        let lines = vec![
            line(0, "Van: A", 40.0, 100.0),
            line(1, "Datum 7 september 2020", 300.0, 100.0),
        ];
        assert_eq!(join_header_columns(&lines), None);
        assert_eq!(plain_text(&lines), "Van: A\n\nDatum 7 september 2020\n\n");
    }

    #[test]
    fn a_label_does_not_take_lines_below_or_left_of_it() {
        let lines = vec![
            line(0, "Sent:", 100.0, 100.0),
            line(1, "links", 10.0, 100.0),
            line(2, "eronder", 200.0, 130.0),
        ];
        assert_eq!(join_header_columns(&lines), None);
    }
}
