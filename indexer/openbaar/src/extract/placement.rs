//! Redaction boxes put in the text flow of a PDF page, by the text layer's character
//! positions: the characters a box covers (the junk a publisher's OCR made of it,
//! `EXECS [EE]`, `s12¢ 51 2e`) are dropped and the box's anchor (see
//! [`box_anchor`](crate::model::box_anchor)) stands where they were, once per box. A box
//! over no character goes into the line beside it (`Aan:` and a box to its right), at
//! its place from the left; a box beside no line becomes a line of its own, in the
//! block order by its height on the page.

use super::layout::Line;
use crate::model::{anchor_index, box_anchor, Rect};

/// A character of the text layer with its rectangle (points, y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The character.
    pub c: char,
    /// Left, top, right, bottom.
    pub rect: [f32; 4],
}

/// A line of the text layer: its block, characters and bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphLine {
    /// The text block it belongs to (lines of one block are consecutive).
    pub block: usize,
    /// Its characters in order.
    pub glyphs: Vec<Glyph>,
    /// Left, top, right, bottom.
    pub bounds: [f32; 4],
}

/// A page's lines with the boxes in them.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The lines, each with its block (numbered anew in order), text and bounds.
    pub lines: Vec<Line>,
    /// For each box, the text-layer characters it covered (what was dropped).
    pub covered: Vec<String>,
}

/// A box goes into a line it overlaps by this share of the lower one's height.
const MIN_LINE_OVERLAP: f32 = 0.5;
/// …and that ends at most this many line heights to its left (a header's value
/// column), or starts as far to its right.
const MAX_LINE_GAP_HEIGHTS: f32 = 8.0;

/// A character of a text layer or of OCR that is a box anchor becomes U+FFFD: an anchor
/// must only ever mean a box found on the page.
pub fn not_an_anchor(c: char) -> char {
    if anchor_index(c).is_some() {
        char::REPLACEMENT_CHARACTER
    } else {
        c
    }
}

fn centre_inside(rect: [f32; 4], b: &Rect) -> bool {
    let (x, y) = ((rect[0] + rect[2]) / 2.0, (rect[1] + rect[3]) / 2.0);
    let [x0, y0, x1, y1] = b.0;
    x0 <= x && x <= x1 && y0 <= y && y <= y1
}

/// Puts `boxes` into the text flow of `lines` (see the module docs).
pub fn place_boxes(lines: &[GlyphLine], boxes: &[Rect]) -> Placed {
    let mut covered = vec![String::new(); boxes.len()];
    let mut anchored = vec![false; boxes.len()];
    // Per line, the text pieces: each glyph's character, or a box (index).
    enum Piece {
        Char(char, f32),
        Box(usize),
    }
    let mut pieces: Vec<Vec<Piece>> = Vec::with_capacity(lines.len());
    for line in lines {
        let mut out = Vec::with_capacity(line.glyphs.len());
        for glyph in &line.glyphs {
            let centre = (glyph.rect[0] + glyph.rect[2]) / 2.0;
            match boxes.iter().position(|b| centre_inside(glyph.rect, b)) {
                Some(b) => {
                    covered[b].push(glyph.c);
                    if !anchored[b] {
                        anchored[b] = true;
                        out.push(Piece::Box(b));
                    }
                }
                None => out.push(Piece::Char(glyph.c, centre)),
            }
        }
        pieces.push(out);
    }
    // Boxes over no character: into the line beside them, or a line of their own.
    let mut own_lines: Vec<usize> = Vec::new();
    let over_nothing: Vec<usize> = (0..boxes.len()).filter(|&b| !anchored[b]).collect();
    for b in over_nothing {
        let [bx0, by0, bx1, by1] = boxes[b].0;
        let best = lines
            .iter()
            .enumerate()
            .filter_map(|(i, line)| {
                let [x0, y0, x1, y1] = line.bounds;
                let shared = y1.min(by1) - y0.max(by0);
                let lower = (y1 - y0).min(by1 - by0).max(0.1);
                let gap = (bx0 - x1).max(x0 - bx1).max(0.0);
                (shared / lower >= MIN_LINE_OVERLAP && gap <= MAX_LINE_GAP_HEIGHTS * (y1 - y0))
                    .then_some((i, gap, shared / lower))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(b.2.total_cmp(&a.2)));
        match best {
            Some((i, _, _)) => {
                let centre = (bx0 + bx1) / 2.0;
                let at = pieces[i]
                    .iter()
                    .position(|p| matches!(p, Piece::Char(_, x) if *x > centre))
                    .unwrap_or(pieces[i].len());
                pieces[i].insert(at, Piece::Box(b));
            }
            None => own_lines.push(b),
        }
    }
    let text_of = |pieces: &[Piece]| {
        let mut text = String::new();
        for (k, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Char(c, _) => text.push(*c),
                Piece::Box(b) => {
                    // A box put between two characters keeps them apart by a space.
                    let glued_before = text.chars().next_back().is_some_and(|c| !c.is_whitespace());
                    let glued_after =
                        matches!(pieces.get(k + 1), Some(Piece::Char(c, _)) if !c.is_whitespace());
                    // A space the box covered stays, as a space.
                    let under = &covered[*b];
                    let space_before = under.is_empty() || under.starts_with(char::is_whitespace);
                    let space_after = under.is_empty() || under.ends_with(char::is_whitespace);
                    if glued_before && space_before {
                        text.push(' ');
                    }
                    text.extend(box_anchor(*b));
                    if glued_after && space_after {
                        text.push(' ');
                    }
                }
            }
        }
        text
    };
    // The lines in order, each box of its own line before the first block that starts
    // below its middle.
    let mut out: Vec<Line> = Vec::new();
    let mut block = 0;
    let mut previous_block = None;
    let mut pending: Vec<usize> = own_lines;
    pending.sort_by(|a, b| boxes[*a].0[1].total_cmp(&boxes[*b].0[1]));
    let mut pending = pending.into_iter().peekable();
    let own_line = |b: usize, block: usize| {
        let [x0, y0, x1, y1] = boxes[b].0;
        Line {
            block,
            text: box_anchor(b).map(String::from).unwrap_or_default(),
            x0,
            y0,
            x1,
            y1,
        }
    };
    for (line, pieces) in lines.iter().zip(&pieces) {
        if previous_block != Some(line.block) {
            // A new block: boxes above its top come first.
            while let Some(&b) = pending.peek() {
                let middle = (boxes[b].0[1] + boxes[b].0[3]) / 2.0;
                if middle >= line.bounds[1] {
                    break;
                }
                if previous_block.is_some() {
                    block += 1;
                }
                out.push(own_line(b, block));
                previous_block = Some(usize::MAX);
                pending.next();
            }
            if previous_block.is_some() {
                block += 1;
            }
            previous_block = Some(line.block);
        }
        let [x0, y0, x1, y1] = line.bounds;
        out.push(Line {
            block,
            text: text_of(pieces),
            x0,
            y0,
            x1,
            y1,
        });
    }
    for b in pending {
        if previous_block.is_some() {
            block += 1;
        }
        previous_block = Some(usize::MAX);
        out.push(own_line(b, block));
    }
    Placed {
        lines: out,
        covered,
    }
}

/// The text of `lines` as MuPDF writes a page's text: a line per line, and a blank
/// line after each block.
pub fn text_of_lines(lines: &[Line]) -> String {
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        text.push_str(&line.text);
        text.push('\n');
        if lines.get(i + 1).is_none_or(|next| next.block != line.block) {
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::anchor_index;

    /// A line of `text` at `y` (10 points high), 5 points a character from `x`.
    fn line(block: usize, text: &str, x: f32, y: f32) -> GlyphLine {
        let glyphs: Vec<Glyph> = text
            .chars()
            .enumerate()
            .map(|(i, c)| {
                let left = x + 5.0 * i as f32;
                Glyph {
                    c,
                    rect: [left, y, left + 5.0, y + 10.0],
                }
            })
            .collect();
        let right = x + 5.0 * glyphs.len() as f32;
        GlyphLine {
            block,
            glyphs,
            bounds: [x, y, right, y + 10.0],
        }
    }

    /// The placed text with anchors shown as `[n]`.
    fn shown(placed: &Placed) -> String {
        text_of_lines(&placed.lines)
            .chars()
            .map(|c| match anchor_index(c) {
                Some(i) => format!("[{i}]"),
                None => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn junk_under_a_box_becomes_its_anchor() {
        // `Beste EXECS [EE],`: the box covers characters 6 to 15.
        let lines = [line(0, "Beste EXECS [EE],", 0.0, 0.0)];
        let placed = place_boxes(&lines, &[Rect([30.0, -1.0, 80.0, 11.0])]);
        assert_eq!(shown(&placed), "Beste [0],\n\n");
        assert_eq!(placed.covered, ["EXECS [EE]"]);
    }

    #[test]
    fn a_box_over_two_lines_is_anchored_once() {
        let lines = [
            line(0, "Een s12¢ dan", 0.0, 0.0),
            line(0, "2e twee", 25.0, 12.0),
        ];
        let placed = place_boxes(&lines, &[Rect([18.0, 0.0, 41.0, 22.0])]);
        assert_eq!(shown(&placed), "Een [0] dan\ntwee\n\n");
        assert_eq!(placed.covered[0], "s12¢2e ");
    }

    #[test]
    fn a_box_over_no_text_goes_beside_its_line_or_on_its_own() {
        // `Aan:` with a box to its right (the value column); a box far below all text.
        let lines = [line(0, "Aan:", 0.0, 0.0), line(1, "Slot.", 0.0, 40.0)];
        let boxes = [
            Rect([60.0, 0.0, 100.0, 10.0]),
            Rect([0.0, 100.0, 50.0, 110.0]),
            Rect([0.0, 20.0, 50.0, 30.0]),
        ];
        let placed = place_boxes(&lines, &boxes);
        assert_eq!(shown(&placed), "Aan: [0]\n\n[2]\n\nSlot.\n\n[1]\n\n");
        assert!(placed.covered.iter().all(String::is_empty));
    }

    #[test]
    fn a_box_between_words_keeps_them_apart() {
        let lines = [line(0, "met en", 0.0, 0.0)];
        // Over the space only; then between `met` and the space, over no character.
        let placed = place_boxes(&lines, &[Rect([16.0, 0.0, 19.0, 10.0])]);
        assert_eq!(shown(&placed), "met [0] en\n\n");
        let placed = place_boxes(&lines, &[Rect([14.0, 0.0, 16.0, 10.0])]);
        assert_eq!(shown(&placed), "met [0] en\n\n");
    }
}
