//! The crates compiled into the program and their licences, read from the
//! committed THIRD_PARTY_LICENSES.md (written by cargo-about, checked
//! current by CI), for the About view.

/// The file, as built into the program.
pub const THIRD_PARTY: &str = include_str!("../../THIRD_PARTY_LICENSES.md");

/// One licence (an SPDX expression, as the crates state it) and the crates
/// under it, as `name version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceGroup {
    pub licence: String,
    pub crates: Vec<String>,
}

/// The crate table's rows (`| name | version | licence |`) grouped by
/// licence, the most used first.
pub fn by_licence(text: &str) -> Vec<LicenceGroup> {
    let mut groups: Vec<LicenceGroup> = Vec::new();
    let rows = text
        .lines()
        .skip_while(|l| !l.starts_with("| crate |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let [name, version, licence] = cells[..] else {
            continue;
        };
        let krate = format!("{name} {version}");
        match groups.iter_mut().find(|g| g.licence == licence) {
            Some(g) => g.crates.push(krate),
            None => groups.push(LicenceGroup {
                licence: licence.to_string(),
                crates: vec![krate],
            }),
        }
    }
    groups.sort_by(|a, b| {
        b.crates
            .len()
            .cmp(&a.crates.len())
            .then_with(|| a.licence.cmp(&b.licence))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_list_names_every_crate_and_the_fonts_licences() {
        let groups = by_licence(THIRD_PARTY);
        let crates: usize = groups.iter().map(|g| g.crates.len()).sum();
        assert!(crates > 200, "{crates} crates");
        let all: Vec<&str> = groups
            .iter()
            .flat_map(|g| g.crates.iter().map(String::as_str))
            .collect();
        for name in ["egui ", "walkers ", "wgpu ", "serde ", "epaint_default_fonts "] {
            assert!(all.iter().any(|c| c.starts_with(name)), "{name} listed");
        }
        // egui's built-in fonts carry their own licences.
        assert!(
            groups
                .iter()
                .any(|g| g.licence.contains("OFL-1.1") && g.licence.contains("Ubuntu-font-1.0"))
        );
        for id in ["Unicode-3.0", "ISC", "BSD-3-Clause", "Zlib"] {
            assert!(groups.iter().any(|g| g.licence.contains(id)), "{id}");
        }
    }

    #[test]
    fn rows_are_grouped_by_licence_most_used_first() {
        let text = "x\n| crate | version | licence |\n|---|---|---|\n| a | 1.0 | MIT |\n| b | 2.0 | ISC |\n| c | 0.1 | MIT |\n\n| not | a | row |\n";
        let g = by_licence(text);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].licence, "MIT");
        assert_eq!(g[0].crates, ["a 1.0", "c 0.1"]);
        assert_eq!(g[1].crates, ["b 2.0"]);
    }
}
