//! How fast and how good the suggestions are (issue #21).
//!
//! - Speed: `suggest` on a 100,000-character Chinese text (the bundled
//!   source repeated) and on a 100,000-character English one (its English
//!   summaries repeated), with the gazetteer's index built each time as a
//!   `suggest FILE` run builds it; plus reading the gazetteer itself. Median
//!   of 5 runs, ms.
//! - Quality: precision and recall on the bundled text against the
//!   bundled dataset (src/suggest/eval.rs says what counts), and what was
//!   missed or wrong.
//!
//! Run: `cargo bench --bench suggest` (figures in docs/SUGGEST.md and
//! docs/PERFORMANCE.md).
use std::time::Instant;

use chronoatlas::gazetteer::{CHINA_TSV, Gazetteer};
use chronoatlas::suggest::{PlaceIndex, eval, suggest};

fn median_ms(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut n = 0;
    let mut ms: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            n = f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[2], n)
}

/// `text` repeated to `chars` characters.
fn grow(text: &str, chars: usize) -> String {
    text.chars().cycle().take(chars).collect()
}

fn main() {
    let (read_ms, places) = median_ms(|| Gazetteer::parse("china.tsv", CHINA_TSV).map_or(0, |g| g.len()));
    println!(
        "gazetteer: {places} places, {:.1} MB, read in {read_ms:.1} ms",
        CHINA_TSV.len() as f64 / 1e6
    );
    let gaz = Gazetteer::china();
    let ds = chronoatlas::io::load_bundled().dataset;
    let zh = grow(&ds.sources[0].text, 100_000);
    let en_src: String = ds.sources[0].summaries_en.join("\n");
    let en = grow(&en_src, 100_000);
    println!("| text | characters | index ms | suggest ms | total ms | suggestions |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, text) in [("Chinese", &zh), ("English", &en)] {
        let (index_ms, _) = median_ms(|| {
            let ix = PlaceIndex::new(&[], gaz);
            usize::from(ix.is_empty())
        });
        let ix = PlaceIndex::new(&[], gaz);
        let (suggest_ms, n) = median_ms(|| suggest(text, &ix).len());
        let (total_ms, _) = median_ms(|| suggest(text, &PlaceIndex::new(&[], gaz)).len());
        println!(
            "| {name} | {} | {index_ms:.1} | {suggest_ms:.1} | {total_ms:.1} | {n} |",
            text.chars().count()
        );
    }
    let sc = eval::score(&ds, gaz);
    println!();
    println!("| kind | suggested | right | precision | to find | found | recall |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, s) in [("places", sc.places), ("dates", sc.dates), ("sizes", sc.sizes)] {
        println!(
            "| {name} | {} | {} | {:.2} | {} | {} | {:.2} |",
            s.suggested,
            s.right,
            s.precision(),
            s.to_find,
            s.found,
            s.recall()
        );
    }
    let st = sc.settlements;
    println!(
        "| places: settlements only (city, county, town) | | | | {} | {} | {:.2} |",
        st.to_find,
        st.found,
        st.recall()
    );
    println!();
    println!("What was missed or not right:");
    for m in &sc.misses {
        println!("  {m}");
    }
}
