//! How much of each page and of a whole PDF is blacked out: the area of its redaction
//! boxes over the page area, in total and per ground. Boxes that overlap (a box found
//! twice, a strip cut in pieces that touch) count their shared area once; a box of two
//! grounds counts fully for each, so the grounds can add up to more than the total.

use std::collections::BTreeMap;

use crate::model::{grounds, BlackedOut, GroundShare, PageBoxes, Rect, Redaction};

/// The area covered by `rects` together, each point once.
pub fn union_area(rects: &[Rect]) -> f32 {
    let rects: Vec<&Rect> = rects.iter().filter(|r| r.area() > 0.0).collect();
    if rects.is_empty() {
        return 0.0;
    }
    // Cut the page into columns at every left and right edge; in each column the
    // rectangles over it cover the union of their rows.
    let mut xs: Vec<f32> = rects.iter().flat_map(|r| [r.0[0], r.0[2]]).collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup();
    let mut area = 0.0f64;
    for x in xs.windows(2) {
        let middle_x = (x[0] + x[1]) / 2.0;
        // The rectangles over this column, their rows merged.
        let mut rows: Vec<(f32, f32)> = rects
            .iter()
            .filter(|r| r.0[0] <= middle_x && middle_x <= r.0[2])
            .map(|r| (r.0[1], r.0[3]))
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut covered = 0.0f64;
        let mut current: Option<(f32, f32)> = None;
        for (top, bottom) in rows {
            current = match current {
                Some((t, b)) if top <= b => Some((t, b.max(bottom))),
                Some((t, b)) => {
                    covered += (b - t) as f64;
                    Some((top, bottom))
                }
                None => Some((top, bottom)),
            };
        }
        if let Some((t, b)) = current {
            covered += (b - t) as f64;
        }
        area += covered * (x[1] - x[0]) as f64;
    }
    area as f32
}

/// The areas under boxes of a set of redactions: total and per ground (`None`: no
/// legible ground).
fn areas(redactions: &[&Redaction]) -> (f32, BTreeMap<Option<&'static str>, f32>) {
    let rects: Vec<Rect> = redactions
        .iter()
        .filter_map(|r| r.image_box.map(|b| b.rect))
        .collect();
    let mut by_ground: BTreeMap<Option<&'static str>, Vec<Rect>> = BTreeMap::new();
    for r in redactions {
        let Some(b) = r.image_box else { continue };
        if r.grounds.is_empty() {
            by_ground.entry(None).or_default().push(b.rect);
        }
        for g in &r.grounds {
            if let Some(known) = grounds::get(&g.code) {
                by_ground
                    .entry(Some(known.code.as_str()))
                    .or_default()
                    .push(b.rect);
            }
        }
    }
    (
        union_area(&rects),
        by_ground
            .into_iter()
            .map(|(code, rects)| (code, union_area(&rects)))
            .collect(),
    )
}

/// A share to four decimal places (a hundredth of a percent): more is noise.
fn rounded(share: f64) -> f32 {
    ((share * 10_000.0).round() / 10_000.0) as f32
}

/// The share of `area` in each ground, in the order of the law, unread last.
fn shares(total: f64, by_ground: &BTreeMap<Option<&'static str>, f64>, area: f64) -> BlackedOut {
    let share = |a: f64| if area > 0.0 { rounded(a / area) } else { 0.0 };
    let mut grounds_out: Vec<GroundShare> = grounds::all()
        .iter()
        .filter_map(|g| {
            by_ground.get(&Some(g.code.as_str())).map(|&a| GroundShare {
                code: Some(g.code.clone()),
                share: share(a),
            })
        })
        .collect();
    if let Some(&a) = by_ground.get(&None) {
        grounds_out.push(GroundShare {
            code: None,
            share: share(a),
        });
    }
    BlackedOut {
        share: share(total),
        grounds: grounds_out,
    }
}

/// The share blacked out of each page of `page_boxes` (in their order) and of all of
/// them together, from the redactions with a box.
pub fn blacked_out(
    redactions: &[Redaction],
    page_boxes: &[PageBoxes],
) -> (Vec<BlackedOut>, BlackedOut) {
    let mut pages = Vec::with_capacity(page_boxes.len());
    let (mut all_area, mut all_total) = (0.0f64, 0.0f64);
    let mut all_grounds: BTreeMap<Option<&'static str>, f64> = BTreeMap::new();
    for page in page_boxes {
        let on_page: Vec<&Redaction> = redactions
            .iter()
            .filter(|r| r.page == page.page && r.image_box.is_some())
            .collect();
        let area = (page.size[0] * page.size[1]) as f64;
        let (total, by_ground) = areas(&on_page);
        let by_ground: BTreeMap<Option<&'static str>, f64> = by_ground
            .into_iter()
            .map(|(code, a)| (code, a as f64))
            .collect();
        pages.push(shares(total as f64, &by_ground, area));
        all_area += area;
        all_total += total as f64;
        for (code, a) in by_ground {
            *all_grounds.entry(code).or_default() += a;
        }
    }
    (pages, shares(all_total, &all_grounds, all_area))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ImageBox, Place, RedactionField};

    fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Rect {
        Rect([x0, y0, x1, y1])
    }

    #[test]
    fn overlapping_rectangles_count_once() {
        assert_eq!(union_area(&[]), 0.0);
        assert_eq!(union_area(&[rect(0.0, 0.0, 10.0, 10.0)]), 100.0);
        // Two 10x10 squares overlapping in a 5x10 strip: 150, not 200.
        let two = [rect(0.0, 0.0, 10.0, 10.0), rect(5.0, 0.0, 15.0, 10.0)];
        assert_eq!(union_area(&two), 150.0);
        // The same box twice, and one inside another.
        let same = [rect(0.0, 0.0, 10.0, 10.0), rect(0.0, 0.0, 10.0, 10.0)];
        assert_eq!(union_area(&same), 100.0);
        let inside = [rect(0.0, 0.0, 10.0, 10.0), rect(2.0, 2.0, 4.0, 4.0)];
        assert_eq!(union_area(&inside), 100.0);
        // An L of three: 10x10 + 10x10 right + 10x10 below, apart from each other.
        let l = [
            rect(0.0, 0.0, 10.0, 10.0),
            rect(10.0, 0.0, 20.0, 10.0),
            rect(0.0, 10.0, 10.0, 20.0),
        ];
        assert_eq!(union_area(&l), 300.0);
    }

    fn boxed(page: u32, r: Rect, codes: &[&str]) -> Redaction {
        Redaction {
            code: codes.first().map(|c| c.to_string()),
            grounds: codes
                .iter()
                .map(|c| grounds::get(c).unwrap().clone())
                .collect(),
            field: RedactionField::Text,
            page,
            span: None,
            place: Place::Body,
            domain: None,
            organisation: None,
            image_box: Some(ImageBox {
                rect: r,
                area: r.area(),
                confidence: Some(0.9),
            }),
        }
    }

    fn page(number: u32) -> PageBoxes {
        PageBoxes {
            page: number,
            size: [100.0, 100.0],
            boxes: Vec::new(),
            covered: Vec::new(),
        }
    }

    #[test]
    fn shares_per_page_per_ground_and_for_the_document() {
        let redactions = [
            // Page 1: 5.1.2e over 10x10 and 5x10 (overlapping by 5x10); 5.1.2i over one of
            // the same squares (a box of two grounds); an unread box of 10x10.
            boxed(1, rect(0.0, 0.0, 10.0, 10.0), &["5.1.2e", "5.1.2i"]),
            boxed(1, rect(5.0, 0.0, 15.0, 10.0), &["5.1.2e"]),
            boxed(1, rect(50.0, 50.0, 60.0, 60.0), &[]),
            // Page 2 has nothing; page 3 one box over the whole page.
            boxed(3, rect(0.0, 0.0, 100.0, 100.0), &["5.1.5"]),
        ];
        let (pages, document) = blacked_out(&redactions, &[page(1), page(2), page(3)]);
        assert_eq!(pages[0].share, 0.025);
        let per_ground: Vec<(Option<&str>, f32)> = pages[0]
            .grounds
            .iter()
            .map(|g| (g.code.as_deref(), g.share))
            .collect();
        assert_eq!(
            per_ground,
            [
                (Some("5.1.2e"), 0.015),
                (Some("5.1.2i"), 0.01),
                (None, 0.01)
            ]
        );
        assert_eq!(pages[1], BlackedOut::default());
        assert_eq!(pages[2].share, 1.0);
        // (250 + 0 + 10,000) / 30,000.
        assert_eq!(document.share, 0.3417);
        assert_eq!(document.grounds[0].code.as_deref(), Some("5.1.2e"));
        assert_eq!(document.grounds[0].share, 0.005);
        let codes: Vec<Option<&str>> = document.grounds.iter().map(|g| g.code.as_deref()).collect();
        assert_eq!(codes, [Some("5.1.2e"), Some("5.1.2i"), Some("5.1.5"), None]);
    }
}
