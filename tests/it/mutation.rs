//! The mutation test: every bundled file, the CSV and GeoJSON point formats
//! and the kiosk configuration, damaged the ways files get damaged (cut
//! short, bytes flipped, records spliced, huge values, NaN and infinity,
//! deep nesting, the wrong encoding, other line ends), each through its
//! loader in-process. Each case must end in data or in problems that name
//! the file and a line, never in a panic, and never quote a whole huge
//! value. Deterministic (SplitMix64 from `SEED`); `CHRONOATLAS_MUTATION_ROUNDS`
//! runs more rounds (each round is every mutation of every file, with new
//! random positions). How long it takes per input byte is the `inputs`
//! benchmark's part (`cargo bench --bench inputs`), not a timed test.
use std::panic::{AssertUnwindSafe, catch_unwind};

use chronoatlas::io::{FileSet, Loaded, Problem, load_fileset, points};
use chronoatlas::mode::kiosk::KioskConfig;

use crate::common::Rng;

const SEED: u64 = 0x1937_0707;
/// Rounds in `cargo test`: 10 × 28 mutations × 11 files = 3,080 cases.
const ROUNDS: usize = 10;

/// What gets damaged.
#[derive(Clone, Copy, Debug)]
enum Target {
    /// A file of the bundled dataset folder, by its name in the set.
    Dataset(usize),
    Csv,
    GeoJson,
    Kiosk,
}

const MUTATIONS: [&str; 28] = [
    "truncate",
    "truncate-in-char",
    "flip-bytes",
    "delete-slice",
    "duplicate-slice",
    "splice-line",
    "swap-lines",
    "drop-line",
    "huge-word",
    "huge-cjk",
    "huge-number",
    "huge-quoted",
    "nan",
    "infinity",
    "overflow",
    "deep-arrays",
    "deep-objects",
    "utf16le-bom",
    "utf16be",
    "latin1",
    "gbk-like",
    "utf8-bom",
    "crlf",
    "cr-only",
    "nul",
    "empty",
    "whitespace",
    "random-bytes",
];

/// A random byte offset at a character boundary of `text` when it is UTF-8.
fn pos(rng: &mut Rng, b: &[u8]) -> usize {
    let mut i = rng.below(b.len() + 1);
    while i < b.len() && (b[i] & 0xC0) == 0x80 {
        i += 1;
    }
    i
}

fn line_starts(b: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            b.iter()
                .enumerate()
                .filter(|(_, c)| **c == b'\n')
                .map(|(i, _)| i + 1),
        )
        .filter(|&i| i < b.len())
        .collect()
}

fn line_at(b: &[u8], start: usize) -> std::ops::Range<usize> {
    let end = b[start..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| start + i + 1);
    start..end
}

/// A run of digits somewhere (a number to replace), if any.
fn number_at(rng: &mut Rng, b: &[u8]) -> Option<std::ops::Range<usize>> {
    let starts: Vec<usize> = (0..b.len())
        .filter(|&i| b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()))
        .collect();
    let s = *starts.get(rng.below(starts.len()))?;
    let len = b[s..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || **c == b'.')
        .count();
    Some(s..s + len)
}

fn mutate(rng: &mut Rng, kind: &str, original: &[u8]) -> Vec<u8> {
    let mut b = original.to_vec();
    let text = String::from_utf8_lossy(original).into_owned();
    let insert = |b: &mut Vec<u8>, at: usize, what: &[u8]| {
        b.splice(at..at, what.iter().copied());
    };
    match kind {
        "truncate" => b.truncate(pos(rng, original)),
        "truncate-in-char" => {
            // Inside a multi-byte character where there is one.
            let cuts: Vec<usize> = (1..b.len()).filter(|&i| (b[i] & 0xC0) == 0x80).collect();
            let at = cuts.get(rng.below(cuts.len())).copied().unwrap_or(b.len() / 2);
            b.truncate(at);
        }
        "flip-bytes" => {
            for _ in 0..1 + rng.below(8) {
                if !b.is_empty() {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
            }
        }
        "delete-slice" => {
            let a = rng.below(b.len() + 1);
            let z = (a + rng.below(400)).min(b.len());
            b.drain(a..z);
        }
        "duplicate-slice" => {
            let a = rng.below(b.len() + 1);
            let z = (a + rng.below(800)).min(b.len());
            let copy = b[a..z].to_vec();
            insert(&mut b, a, &copy);
        }
        "splice-line" | "swap-lines" | "drop-line" => {
            let starts = line_starts(&b);
            if starts.len() > 1 {
                let from = line_at(&b, starts[rng.below(starts.len())]);
                let to = starts[rng.below(starts.len())];
                let line = b[from.clone()].to_vec();
                match kind {
                    "splice-line" => insert(&mut b, to, &line),
                    "drop-line" => {
                        b.drain(from);
                    }
                    _ => {
                        let other = line_at(&b, to);
                        if other.start > from.end {
                            let second = b[other.clone()].to_vec();
                            b.splice(other, line);
                            b.splice(from, second);
                        }
                    }
                }
            }
        }
        "huge-word" | "huge-cjk" | "huge-number" | "huge-quoted" => {
            let n = 100_000 + rng.below(400_000);
            let piece = match kind {
                "huge-word" => "a".repeat(n),
                "huge-cjk" => "太原".repeat(n / 6),
                "huge-number" => "9".repeat(n),
                _ => format!("\"{}\"", "x".repeat(n)),
            };
            let at = pos(rng, &b);
            insert(&mut b, at, piece.as_bytes());
        }
        "nan" | "infinity" | "overflow" => {
            let with = match kind {
                "nan" => ["NaN", "nan", "-NaN"][rng.below(3)],
                "infinity" => ["inf", "-inf", "Infinity", "-Infinity"][rng.below(4)],
                _ => ["1e309", "-1e309", "1e-400", "99999999999999999999999", "-0"][rng.below(5)],
            };
            if let Some(r) = number_at(rng, &b) {
                b.splice(r, with.bytes());
            }
        }
        "deep-arrays" | "deep-objects" => {
            let depth = 100 + rng.below(20_000);
            let open = if kind == "deep-arrays" { "[" } else { "{\"a\":" };
            let at = pos(rng, &b);
            insert(&mut b, at, open.repeat(depth).as_bytes());
        }
        "utf16le-bom" => {
            b = [0xFF, 0xFE]
                .into_iter()
                .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                .collect();
        }
        "utf16be" => b = text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        "latin1" => {
            b = text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect()
        }
        "gbk-like" => {
            // Every non-ASCII character as two bytes of the GBK range.
            b = text
                .chars()
                .flat_map(|c| {
                    if c.is_ascii() {
                        vec![c as u8]
                    } else {
                        let n = u32::from(c);
                        vec![0x81 + (n % 0x7E) as u8, 0x40 + (n % 0xBE) as u8]
                    }
                })
                .collect();
        }
        "utf8-bom" => insert(&mut b, 0, &[0xEF, 0xBB, 0xBF]),
        "crlf" => b = text.replace('\n', "\r\n").into_bytes(),
        "cr-only" => b = text.replace('\n', "\r").into_bytes(),
        "nul" => {
            let at = pos(rng, &b);
            insert(&mut b, at, &[0]);
        }
        "empty" => b.clear(),
        "whitespace" => b = b" \n\t\n  ".to_vec(),
        "random-bytes" => b = (0..1 + rng.below(4096)).map(|_| rng.next() as u8).collect(),
        other => panic!("unknown mutation {other}"),
    }
    b
}

/// The longest line a problem may print: quoted values are excerpts.
const LINE_LIMIT: usize = 2_000;

/// What is wrong with how `problems` describe a damaged `file`, if anything.
fn judge(loaded: &Loaded, file: &str) -> Option<String> {
    for p in &loaded.problems {
        let line = p.to_string();
        if line.len() > LINE_LIMIT {
            return Some(format!("a {}-byte problem line", line.len()));
        }
        if p.file.is_empty() {
            return Some(format!("a problem without its file: {line}"));
        }
        if p.is_error() && p.file.ends_with(file) && p.line == 0 && !whole_file(p) {
            return Some(format!("an error without a line: {line}"));
        }
    }
    let errors = loaded.errors().count();
    if errors == 0 && loaded.dataset.event_count() == 0 {
        return Some("neither data nor an error".into());
    }
    None
}

/// Problems about the file as a whole, which have no line to name.
fn whole_file(p: &Problem) -> bool {
    [
        "the file is empty",
        "binary file",
        "UTF-16",
        "no events",
        "no usable",
        "no point",
    ]
    .iter()
    .any(|m| p.message.contains(m))
}

fn kiosk_judge(file: &str, result: Result<KioskConfig, Problem>) -> Option<String> {
    match result {
        Ok(_) => None,
        Err(p) if p.to_string().len() > LINE_LIMIT => Some("a huge problem line".into()),
        Err(p) if p.file != file => Some(format!("the problem names {} not {file}", p.file)),
        Err(_) => None,
    }
}

#[test]
fn every_file_damaged_every_way_ends_in_data_or_located_problems() {
    let bundled = FileSet::bundled();
    let names: Vec<String> = bundled.all().map(|(n, _)| n.to_string()).collect();
    let fixture =
        |n: &str| std::fs::read(format!("{}/tests/fixtures/{n}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let csv = fixture("points_good.csv");
    let geojson = fixture("points_good.geojson");
    let kiosk = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/kiosk.example.toml")).unwrap();
    let targets: Vec<Target> = (0..names.len())
        .map(Target::Dataset)
        .chain([Target::Csv, Target::GeoJson, Target::Kiosk])
        .collect();
    let rounds = std::env::var("CHRONOATLAS_MUTATION_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(ROUNDS);
    let mut rng = Rng(SEED);
    let (mut cases, mut failures) = (0usize, Vec::new());
    // Cases whose mutation found nothing to change (no number to replace).
    let mut unchanged = 0usize;
    let mut largest = 0usize;
    for round in 0..rounds {
        for &target in &targets {
            for kind in MUTATIONS {
                cases += 1;
                let case = format!("round {round}, {target:?}, {kind}");
                let (file, original): (&str, &[u8]) = match target {
                    Target::Dataset(i) => (&names[i], bundled.get(&names[i]).unwrap_or_default()),
                    Target::Csv => ("points.csv", &csv),
                    Target::GeoJson => ("points.geojson", &geojson),
                    Target::Kiosk => ("kiosk.toml", &kiosk),
                };
                let damaged = mutate(&mut rng, kind, original);
                largest = largest.max(damaged.len());
                let verdict = catch_unwind(AssertUnwindSafe(|| match target {
                    Target::Dataset(i) => {
                        let files = bundled.all().map(|(n, b)| {
                            let bytes = if n == names[i] {
                                damaged.clone()
                            } else {
                                b.to_vec()
                            };
                            (n.to_string(), bytes)
                        });
                        judge(&load_fileset(&FileSet::from_memory("mutated", files)), file)
                    }
                    Target::Csv => judge(&points::load_csv(file, &damaged), file),
                    Target::GeoJson => judge(&points::load_geojson(file, &damaged), file),
                    Target::Kiosk => {
                        let text = String::from_utf8_lossy(&damaged);
                        kiosk_judge(file, KioskConfig::parse(file, &text))
                    }
                }));
                match verdict {
                    Ok(None) if damaged == original => unchanged += 1,
                    Ok(None) => {}
                    Ok(Some(why)) => failures.push(format!("{case}: {why}")),
                    Err(_) => failures.push(format!("{case}: PANIC")),
                }
            }
        }
    }
    eprintln!(
        "mutation test: {cases} cases ({rounds} rounds × {} mutations × {} files), {unchanged} left a file unchanged, largest input {} KB, seed {SEED:#x}",
        MUTATIONS.len(),
        targets.len(),
        largest / 1024
    );
    assert_eq!(cases, rounds * MUTATIONS.len() * targets.len());
    assert!(
        unchanged * 20 < cases,
        "the mutations must change the files: {unchanged} of {cases} did not"
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
