//! Redaction boxes found on a page image by their shape: a filled rectangle of one shade
//! (black, grey or a colour), from one word to the whole page.
//!
//! The page is split into connected regions of one colour (each pixel within
//! [`SHADE_TOLERANCE`] of the flat pixel the region grew from). A region may be many
//! boxes that touch (the boxes of an address list, line under line); it is split into
//! the rectangles it is made of, row by row ([`rectangles`]). A rectangle is a box when
//! it is dark enough not to be paper, its colour fills most of it, it has four straight
//! edges, and everything inside it that is not its colour is *lighter* than it (the
//! white letters of a printed ground). That last test tells a box from a shaded table
//! cell or a highlighted line, whose text is darker than the shading; photos and logos
//! are many shades and fail the fill and edge tests, and a coloured region that is only
//! partly rectangles (a logo's bar beside its emblem) is dropped whole.

use mupdf::Page;

use super::box_read::read_box;
use super::ocr::OcrError;
use super::render::{render, PageImage};
use crate::model::{PageBox, Rect};

/// Resolution pages are rendered at to find boxes: boxes two points apart stay apart
/// (4 pixels), and an A4 page is 2 megapixels.
pub const FIND_DPI: f32 = 150.0;
/// Words in one box further apart than this many times their height are the codes of
/// boxes that touch (an unbroken grey strip), and the box is split between them.
const SPLIT_GAP: f32 = 1.5;

/// Two pixels are one shade when no channel differs by more than this (JPEG noise in
/// the page images of real releases reaches about 30).
const SHADE_TOLERANCE: i32 = 48;
/// Paper and light shading (table cells, highlights) are lighter than this.
pub const MAX_FILL_LUMA: u32 = 200;
/// Share of the bounding rectangle a box's own colour must cover (white codes and
/// JPEG noise take the rest).
const MIN_FILL: f32 = 0.55;
/// Share of each edge line (one pixel inside) that must be the box's colour.
const MIN_EDGE: f32 = 0.85;
/// Pixels of one shade around a pixel that may start a region differ by no more than
/// this (flat fill, not an anti-aliased edge).
const CORE_TOLERANCE: i32 = 24;
/// Regions smaller than this (pixels) are specks.
const MIN_REGION_PX: u64 = 12;
/// The ends of a box's rows may wander this far (pixels; anti-aliasing and JPEG noise).
const RUN_SLACK: usize = 2;
/// Rows in a box where a letter touches its edge, passed over without ending it.
const MAX_MISSED_ROWS: usize = 2;
/// A colour whose channels differ by more than this is not grey.
const COLOURED_SPREAD: u8 = 30;
/// Share of a coloured region its boxes must cover.
const MIN_COLOURED_COVER: f32 = 0.85;
/// Smallest box, in points: a box hides at least a character of a line.
pub const MIN_HEIGHT_PT: f32 = 3.5;
/// Narrowest box in points.
pub const MIN_WIDTH_PT: f32 = 1.0;
/// Black slivers narrower than this (points) are letters (`l`, `I`) or rules, not boxes.
const MIN_BLACK_WIDTH_PT: f32 = 3.0;

/// A filled box on a page image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoundBox {
    /// Left, top, right, bottom in pixels of the image (right and bottom exclusive).
    pub px: [u32; 4],
    /// Its colour (mean of its pixels).
    pub colour: [u8; 3],
}

impl FoundBox {
    /// The rectangle in PDF points, top-left origin.
    pub fn points(&self, image: &PageImage) -> [f32; 4] {
        let s = image.scale();
        self.px.map(|v| v as f32 / s)
    }
}

fn luma(p: [u8; 3]) -> u32 {
    (p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000
}

fn same_shade(a: [u8; 3], b: [u8; 3]) -> bool {
    (0..3).all(|i| (a[i] as i32 - b[i] as i32).abs() <= SHADE_TOLERANCE)
}

/// Finds the redaction boxes of a page image, top to bottom, left to right.
pub fn find_boxes(image: &PageImage) -> Vec<FoundBox> {
    let (w, h) = (image.width as usize, image.height as usize);
    if w == 0 || h == 0 {
        return Vec::new();
    }
    let px = |i: usize| [image.rgb[i * 3], image.rgb[i * 3 + 1], image.rgb[i * 3 + 2]];
    // 0 = not visited; otherwise region number + 1.
    let mut region = vec![0u32; w * h];
    let mut stack = Vec::new();
    let mut found = Vec::new();
    let mut next = 0u32;
    for start in 0..w * h {
        if region[start] != 0 || luma(px(start)) > MAX_FILL_LUMA || !is_core(image, start) {
            continue;
        }
        next += 1;
        let seed = px(start);
        region[start] = next;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        let mut sum = [0u64; 3];
        let mut n = 0u64;
        while let Some(i) = stack.pop() {
            n += 1;
            let (x, y) = (i % w, i / w);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            let c = px(i);
            for (k, s) in sum.iter_mut().enumerate() {
                *s += c[k] as u64;
            }
            let mut visit = |j: usize| {
                if region[j] == 0 && same_shade(px(j), seed) {
                    region[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        if n < MIN_REGION_PX {
            continue;
        }
        let colour = sum.map(|s| (s / n) as u8);
        let region_of = |x: usize, y: usize| region[y * w + x] == next;
        let bounds = [x0, y0, x1 + 1, y1 + 1];
        let boxes: Vec<FoundBox> = rectangles(&region_of, bounds)
            .into_iter()
            .map(|px| FoundBox {
                px: px.map(|v| v as u32),
                colour,
            })
            .filter(|candidate| is_box(image, &region_of, candidate))
            .collect();
        if is_coloured(colour) && !covers(&region_of, bounds, &boxes, n) {
            continue;
        }
        found.extend(boxes);
    }
    found.sort_by_key(|b| (b.px[1], b.px[0]));
    found
}

/// A pixel whose eight neighbours are all of its shade, closely: the inside of a box,
/// never the anti-aliased rim of a box or of a letter (a region grown from a rim pixel
/// would take in the rims of the text beside it).
fn is_core(image: &PageImage, i: usize) -> bool {
    let (w, h) = (image.width as usize, image.height as usize);
    let (x, y) = (i % w, i / w);
    if x == 0 || y == 0 || x + 1 >= w || y + 1 >= h {
        return false;
    }
    let c = image.rgb_at(x as u32, y as u32);
    (y - 1..=y + 1).all(|ny| {
        (x - 1..=x + 1).all(|nx| {
            let o = image.rgb_at(nx as u32, ny as u32);
            (0..3).all(|k| (o[k] as i32 - c[k] as i32).abs() <= CORE_TOLERANCE)
        })
    })
}

/// Not grey: one channel stands out.
fn is_coloured(c: [u8; 3]) -> bool {
    c.iter().max().unwrap_or(&0) - c.iter().min().unwrap_or(&0) > COLOURED_SPREAD
}

/// Whether the boxes found in a region take in nearly all of it. A coloured region
/// that is only partly rectangles is a logo or a coloured title, not boxes: the bar of
/// a government logo is a clean rectangle, but its emblem beside it is not.
fn covers(
    mine: &dyn Fn(usize, usize) -> bool,
    [x0, y0, x1, y1]: [usize; 4],
    boxes: &[FoundBox],
    total: u64,
) -> bool {
    if boxes.is_empty() {
        return true;
    }
    let inside = |x: usize, y: usize| {
        boxes.iter().any(|b| {
            let [bx0, by0, bx1, by1] = b.px.map(|v| v as usize);
            (bx0..bx1).contains(&x) && (by0..by1).contains(&y)
        })
    };
    let covered = (y0..y1)
        .flat_map(|y| (x0..x1).map(move |x| (x, y)))
        .filter(|&(x, y)| mine(x, y) && inside(x, y))
        .count();
    covered as f32 >= MIN_COLOURED_COVER * total as f32
}

/// One rectangle being followed down a region: the run of the row it started on, and
/// the rows it has held so far.
struct Chain {
    left: usize,
    right: usize,
    top: usize,
    bottom: usize,
    misses: usize,
}

/// Splits a region into the rectangles it is made of, row by row. A rectangle starts
/// with a run of the region in a row (its top edge is whole: the printed code sits
/// below it) and goes on down while the runs of each row inside it reach from its left
/// to its right end and fill a quarter of it (the white letters of the code break the
/// run into pieces). Boxes of lines above each other share an edge but not both ends,
/// so the rectangle of the upper one stops where the lower one begins; boxes side by
/// side on one line are separate runs.
fn rectangles(
    mine: &dyn Fn(usize, usize) -> bool,
    [x0, y0, x1, y1]: [usize; 4],
) -> Vec<[usize; 4]> {
    let mut open: Vec<Chain> = Vec::new();
    let mut done = Vec::new();
    let mut runs = Vec::new();
    for y in y0..y1 {
        runs.clear();
        let mut x = x0;
        while x < x1 {
            if mine(x, y) {
                let s = x;
                while x < x1 && mine(x, y) {
                    x += 1;
                }
                runs.push((s, x, false));
            } else {
                x += 1;
            }
        }
        let mut kept = Vec::with_capacity(open.len());
        for mut chain in open.drain(..) {
            let (lo, hi) = (
                chain.left.saturating_sub(RUN_SLACK),
                chain.right + RUN_SLACK,
            );
            let (mut first, mut last, mut cover, mut any) = (usize::MAX, 0, 0, false);
            for run in runs.iter().filter(|r| !r.2 && r.0 >= lo && r.1 <= hi) {
                (first, last) = (first.min(run.0), last.max(run.1));
                cover += run.1 - run.0;
                any = true;
            }
            let holds = any
                && first.abs_diff(chain.left) <= RUN_SLACK
                && last.abs_diff(chain.right) <= RUN_SLACK
                && cover * 4 >= chain.right - chain.left;
            if any && (holds || chain.misses < MAX_MISSED_ROWS) {
                for run in runs.iter_mut().filter(|r| !r.2 && r.0 >= lo && r.1 <= hi) {
                    run.2 = true;
                }
                if holds {
                    chain.bottom = y + 1;
                    chain.misses = 0;
                } else {
                    chain.misses += 1;
                }
                kept.push(chain);
            } else {
                done.push(chain);
            }
        }
        for &(left, right, _) in runs.iter().filter(|r| !r.2) {
            kept.push(Chain {
                left,
                right,
                top: y,
                bottom: y + 1,
                misses: 0,
            });
        }
        open = kept;
    }
    done.extend(open);
    let mut rects: Vec<[usize; 4]> = done
        .iter()
        .map(|c| [c.left, c.top, c.right, c.bottom])
        .collect();
    rects.sort_by_key(|r| (r[1], r[0]));
    join_split_boxes(mine, &mut rects);
    rects
}

/// Joins a rectangle to the one below it where a code printed edge to edge broke the
/// box in two: both have the same ends, and every row between them is a quarter the
/// region's colour (the gaps between the letters), for no more than three times the
/// lower height of the two (the letters are not taller than that).
fn join_split_boxes(mine: &dyn Fn(usize, usize) -> bool, rects: &mut Vec<[usize; 4]>) {
    let mut i = 0;
    while i < rects.len() {
        let a = rects[i];
        let below = rects.iter().position(|b| {
            let gap = b[1].wrapping_sub(a[3]);
            b[1] >= a[3]
                && a[0].abs_diff(b[0]) <= RUN_SLACK
                && a[2].abs_diff(b[2]) <= RUN_SLACK
                && gap <= 3 * (a[3] - a[1]).min(b[3] - b[1])
                && (a[3]..b[1])
                    .all(|y| (a[0]..a[2]).filter(|&x| mine(x, y)).count() * 4 >= a[2] - a[0])
        });
        match below {
            Some(j) => {
                rects[i][3] = rects[j][3];
                rects.remove(j);
                if j < i {
                    i -= 1;
                }
            }
            None => i += 1,
        }
    }
}

/// The boxes of a page with what OCR read in each. The second value says why OCR did
/// not read them, when it could not (the boxes are found all the same).
pub fn look(page: &Page) -> Result<(Vec<PageBox>, Option<OcrError>), mupdf::Error> {
    let image = render(page, FIND_DPI)?;
    let mut out = Vec::new();
    let mut unread = None;
    for found in find_boxes(&image) {
        let rect = Rect(found.points(&image));
        let luma = luma(found.colour) as u8;
        let words = if unread.is_none() {
            match read_box(page, rect.0, luma) {
                Ok(words) => Some(words),
                Err(err @ OcrError::Unavailable(_)) => {
                    unread = Some(err);
                    None
                }
                Err(OcrError::Failed(_)) => Some(Vec::new()),
            }
        } else {
            None
        };
        out.extend(split_strip(PageBox {
            rect,
            colour: found.colour,
            words,
        }));
    }
    Ok((out, unread))
}

/// Splits a box whose words stand far apart into one box per group of words, cut
/// halfway between the groups.
fn split_strip(b: PageBox) -> Vec<PageBox> {
    let Some(words) = b.words.as_ref().filter(|w| w.len() > 1) else {
        return vec![b];
    };
    let mut words = words.clone();
    words.sort_by(|a, c| a.rect.0[0].total_cmp(&c.rect.0[0]));
    let one_line = words.windows(2).all(|p| {
        let (a, c) = (p[0].rect.0, p[1].rect.0);
        a[1].max(c[1]) < a[3].min(c[3])
    });
    if !one_line {
        return vec![b];
    }
    let mut groups: Vec<Vec<crate::model::BoxWord>> = vec![vec![words[0].clone()]];
    for pair in words.windows(2) {
        let (a, c) = (pair[0].rect, pair[1].rect);
        let height = a.height().max(c.height());
        if c.0[0] - a.0[2] > SPLIT_GAP * height {
            groups.push(Vec::new());
        }
        groups.last_mut().expect("a group").push(pair[1].clone());
    }
    if groups.len() == 1 {
        return vec![b];
    }
    let [x0, y0, x1, y1] = b.rect.0;
    let mut left = x0;
    let mut out = Vec::new();
    for (i, group) in groups.iter().enumerate() {
        let right = match groups.get(i + 1) {
            Some(next) => {
                let end = group.last().expect("a word").rect.0[2];
                (end + next[0].rect.0[0]) / 2.0
            }
            None => x1,
        };
        out.push(PageBox {
            rect: Rect([left, y0, right, y1]),
            colour: b.colour,
            words: Some(group.clone()),
        });
        left = right;
    }
    out
}

/// The shape tests of a region (see the module docs).
fn is_box(image: &PageImage, mine: &dyn Fn(usize, usize) -> bool, b: &FoundBox) -> bool {
    let s = image.scale();
    let [x0, y0, x1, y1] = b.px.map(|v| v as usize);
    let (bw, bh) = (x1 - x0, y1 - y0);
    let (wpt, hpt) = (bw as f32 / s, bh as f32 / s);
    if hpt < MIN_HEIGHT_PT || wpt < MIN_WIDTH_PT || bw < 2 || bh < 3 {
        return false;
    }
    if luma(b.colour) < 60 && wpt < MIN_BLACK_WIDTH_PT {
        return false;
    }
    let count = (y0..y1)
        .map(|y| (x0..x1).filter(|&x| mine(x, y)).count())
        .sum::<usize>();
    if (count as f32) < MIN_FILL * (bw * bh) as f32 {
        return false;
    }
    // Edges one pixel inside (the outermost row may be anti-aliased).
    let (ex0, ex1) = (x0 + usize::from(bw > 4), x1 - 1 - usize::from(bw > 4));
    let (ey0, ey1) = (y0 + usize::from(bh > 4), y1 - 1 - usize::from(bh > 4));
    let row = |y: usize| (x0..x1).filter(|&x| mine(x, y)).count() as f32 / bw as f32;
    let col = |x: usize| (y0..y1).filter(|&y| mine(x, y)).count() as f32 / bh as f32;
    if [row(ey0), row(ey1), col(ex0), col(ex1)]
        .iter()
        .any(|&f| f < MIN_EDGE)
    {
        return false;
    }
    // What is inside and not the box's colour must be lighter than the box.
    let fill = luma(b.colour);
    let (mut holes, mut hole_luma) = (0u64, 0u64);
    for y in y0 + 2.min(bh / 3)..y1.saturating_sub(2.min(bh / 3)) {
        for x in x0 + 2.min(bw / 3)..x1.saturating_sub(2.min(bw / 3)) {
            if !mine(x, y) {
                holes += 1;
                hole_luma += luma(image.rgb_at(x as u32, y as u32)) as u64;
            }
        }
    }
    holes == 0 || (hole_luma / holes) as u32 > fill + 40
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::render::render;
    use crate::extract::test_pdf::one_page;

    fn boxes_of(content: &str) -> Vec<[f32; 4]> {
        let pdf = one_page(400.0, 300.0, content);
        let doc = mupdf::Document::from_bytes(&pdf, "application/pdf").unwrap();
        let image = render(&doc.load_page(0).unwrap(), 150.0).unwrap();
        find_boxes(&image)
            .iter()
            .map(|b| b.points(&image).map(|v| v.round()))
            .collect()
    }

    #[test]
    fn grey_black_and_coloured_boxes_are_found_with_their_rectangles() {
        // PDF y is bottom-up: a box at top 20 of height 12 on a 300 pt page has y = 268.
        let found = boxes_of(
            "0.42 g 40 268 60 12 re f 1 g BT /F1 8 Tf 50 271 Td (5.1.2e) Tj ET \
             0 g 120 268 30 12 re f \
             0.8 0.1 0.1 rg 200 268 50 12 re f \
             0.42 g 40 100 320 80 re f",
        );
        assert_eq!(
            found,
            [
                [40.0, 20.0, 100.0, 32.0],
                [120.0, 20.0, 150.0, 32.0],
                [200.0, 20.0, 250.0, 32.0],
                [40.0, 120.0, 360.0, 200.0],
            ]
        );
    }

    #[test]
    fn boxes_two_points_apart_stay_two_boxes() {
        let found = boxes_of("0.42 g 40 268 30 12 re f 72 268 30 12 re f");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn boxes_on_lines_above_each_other_are_cut_apart() {
        // Line 1: two boxes; line 2, sharing line 1's bottom edge: one longer box.
        let found = boxes_of("0.42 g 40 268 30 10 re f 72 268 30 10 re f 40 258 80 10 re f");
        assert_eq!(
            found,
            [
                [40.0, 22.0, 70.0, 32.0],
                [72.0, 22.0, 102.0, 32.0],
                [40.0, 32.0, 120.0, 42.0],
            ]
        );
    }

    #[test]
    fn text_rules_shaded_cells_and_outlines_are_not_boxes() {
        let found = boxes_of(
            // Black text, a thin table rule, a light shaded cell with text,
            // a mid-grey cell with black text, an outlined (unfilled) rectangle, a dot.
            "0 g BT /F1 24 Tf 20 250 Td (Iedereen lIl) Tj ET \
             0 g 20 200 360 0.8 re f \
             0.9 g 20 150 100 20 re f 0 g BT /F1 10 Tf 25 155 Td (Kosten) Tj ET \
             0.6 g 150 150 100 20 re f 0 g BT /F1 12 Tf 155 155 Td (WWWWWWWWW) Tj ET \
             0 G 2 w 20 60 100 40 re S \
             0 g 300 60 2 2 re f",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
