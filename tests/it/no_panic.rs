//! No text made of the pieces dates and sizes are written with makes their
//! parsers panic or give a range that ends before it starts. Deterministic
//! (SplitMix64), so a failure can be replayed. Damaged files through the
//! loaders: `mutation.rs`; structured random input: `properties.rs`.
use chronoatlas::model::{HistDate, SizeRange};

use crate::common::Rng;

const PIECES: &[&str] = &[
    "1937",
    "-0044",
    "0000",
    "9999",
    "-",
    "/",
    "..",
    "~",
    "?",
    "%",
    "年",
    "月",
    "日",
    "号",
    "初",
    "上旬",
    "中旬",
    "下旬",
    "底",
    "末",
    "春",
    "夏",
    "秋",
    "冬",
    "季",
    "至",
    "到",
    "约",
    "前后",
    "左右",
    "以后",
    "以前",
    "12",
    "31",
    "02",
    "30",
    "21",
    "24",
    "25",
    " ",
    "１９３７",
    "公元前",
    "余",
    "多",
    "数",
    "百",
    "千",
    "万",
    "两",
    "六七",
    "十",
    "几",
    "人",
    "名",
    "上",
    "以上",
    "○",
    "二",
    "9",
    "0",
    "99999999999",
    "—",
    "～",
    "X",
    "\u{0}",
    "\u{ffff}",
];

#[test]
fn date_and_size_parsers_never_panic() {
    let mut rng = Rng(1937);
    for _ in 0..200_000 {
        let n = 1 + rng.below(7);
        let s: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        if let Ok(d) = s.parse::<HistDate>() {
            assert!(d.earliest_start <= d.latest_start, "{s}");
            assert!(d.earliest_end <= d.latest_end, "{s}");
            assert!(d.earliest() <= d.latest(), "{s}");
            let _ = (d.display_zh(), d.display_en(), d.edtf());
        }
        if let Ok(z) = s.parse::<SizeRange>() {
            assert!(z.max.is_none_or(|m| m >= z.min), "{s}");
            let _ = (z.display_zh(), z.display_en());
        }
    }
}
