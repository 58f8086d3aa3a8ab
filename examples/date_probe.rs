//! Prints how dates parse: `cargo run --example date_probe -- 1937年冬 1938-21/1939-05-01`.
fn main() {
    for s in std::env::args().skip(1) {
        match s.parse::<chronoatlas::model::HistDate>() {
            Ok(d) => println!(
                "{s} -> {:?} | {} | {}",
                d.range_text_iso(),
                d.display_zh(),
                d.display_en()
            ),
            Err(e) => println!("{s} -> ERR {e}"),
        }
    }
}
