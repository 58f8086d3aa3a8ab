//! Which column plays which role, when the header's names do not say: the
//! user says it (`--columns lon=X,lat=Y,start=...`, or the Open window),
//! else the cells do (decimal degrees in range, dates). Every choice is
//! said in the load report ([`Chosen::note`]).
use std::fmt;
use std::str::FromStr;

use super::cells::{epoch_day, row_date};

/// A role a column plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Lon,
    Lat,
    Start,
    End,
    Id,
    Title,
    Kind,
    Size,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Lon,
        Role::Lat,
        Role::Start,
        Role::End,
        Role::Id,
        Role::Title,
        Role::Kind,
        Role::Size,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::Lon => "lon",
            Role::Lat => "lat",
            Role::Start => "start",
            Role::End => "end",
            Role::Id => "id",
            Role::Title => "title",
            Role::Kind => "kind",
            Role::Size => "size",
        }
    }

    fn from_key(k: &str) -> Option<Role> {
        match k {
            "date" => Some(Role::Start),
            "x" | "lng" | "longitude" => Some(Role::Lon),
            "y" | "latitude" => Some(Role::Lat),
            _ => Role::ALL.into_iter().find(|r| r.key() == k),
        }
    }
}

/// The columns a user names for roles: `lon=X,lat=Y,start=begin,end=until`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnChoice {
    pub given: Vec<(Role, String)>,
}

impl ColumnChoice {
    /// The column named for `role`, lower-case as headers are matched.
    pub fn get(&self, role: Role) -> Option<&str> {
        self.given
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.given.is_empty()
    }
}

impl FromStr for ColumnChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut given: Vec<(Role, String)> = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("'{part}': write ROLE=COLUMN, e.g. lon=X,lat=Y,start=date"))?;
            let role = Role::from_key(&k.trim().to_ascii_lowercase()).ok_or_else(|| {
                let roles: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
                format!("unknown role '{}' (roles: {})", k.trim(), roles.join(", "))
            })?;
            let column = v.trim().to_ascii_lowercase();
            if column.is_empty() {
                return Err(format!("'{part}': no column named after '='"));
            }
            if given.iter().any(|(r, _)| *r == role) {
                return Err(format!("{} is named twice", role.key()));
            }
            given.push((role, column));
        }
        Ok(ColumnChoice { given })
    }
}

impl fmt::Display for ColumnChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .given
            .iter()
            .map(|(r, c)| format!("{}={c}", r.key()))
            .collect();
        f.write_str(&parts.join(","))
    }
}

/// How a column came to play its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// The user named it.
    Given,
    /// Its header is one of the usual names.
    Named,
    /// Its cells look the part (no name said it).
    Guessed,
}

/// The roles found, for the load report.
#[derive(Debug, Clone, Default)]
pub(super) struct Chosen {
    pub(super) roles: Vec<(Role, String, How)>,
    /// The date column holds epoch seconds or milliseconds (kepler.gl).
    pub(super) epoch: Option<&'static str>,
}

impl Chosen {
    /// `columns: lon ← X (given), lat ← Y, start ← when (guessed from its cells: dates)`
    pub(super) fn note(&self, file: &str) -> crate::model::dataset::ReadNote {
        let parts: Vec<String> = self
            .roles
            .iter()
            .map(|(r, c, how)| {
                let how = match how {
                    How::Given => " (as asked)",
                    How::Named => "",
                    How::Guessed => " (guessed from its cells)",
                };
                let epoch = match (r, self.epoch) {
                    (Role::Start | Role::End, Some(unit)) => format!(", read as epoch {unit} (UTC days)"),
                    _ => String::new(),
                };
                format!("{} ← '{c}'{how}{epoch}", r.key())
            })
            .collect();
        crate::model::dataset::ReadNote {
            text: format!("{file}: columns read: {}", parts.join(", ")),
            notable: self.worth_a_look(),
        }
    }

    /// Whether a person should look: something was guessed, or numbers
    /// were read as timestamps.
    fn worth_a_look(&self) -> bool {
        self.epoch.is_some() || self.roles.iter().any(|(_, _, h)| *h == How::Guessed)
    }
}

/// A cell's number, if it is one.
fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Whether every sampled cell of column `c` is a coordinate within
/// `limit`, most with a fraction (a count or a year is not a coordinate).
fn coordinate(rows: &[Vec<String>], c: usize, limit: f64) -> bool {
    let cells: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.get(c))
        .filter(|s| !s.trim().is_empty())
        .filter_map(|s| number(s))
        .collect();
    let total = rows
        .iter()
        .filter(|r| r.get(c).is_some_and(|s| !s.trim().is_empty()))
        .count();
    !cells.is_empty()
        && cells.len() == total
        && cells.iter().all(|x| x.abs() <= limit)
        && cells.iter().filter(|x| x.fract() != 0.0).count() * 2 >= cells.len()
}

/// The longitude and latitude columns by content, among `free` columns:
/// two columns of decimal degrees, the one with values beyond ±90 the
/// longitude. Two that could each be either are left to the user.
pub(super) fn guess_lon_lat(
    headers: &[String],
    rows: &[Vec<String>],
    free: &[usize],
) -> Result<(usize, usize), String> {
    let lat: Vec<usize> = free
        .iter()
        .copied()
        .filter(|&c| coordinate(rows, c, 90.0))
        .collect();
    let lon: Vec<usize> = free
        .iter()
        .copied()
        .filter(|&c| coordinate(rows, c, 180.0))
        .collect();
    let only_lon: Vec<usize> = lon.iter().copied().filter(|c| !lat.contains(c)).collect();
    let name = |c: usize| headers.get(c).map_or("?", String::as_str).to_string();
    match (only_lon.as_slice(), lat.as_slice()) {
        ([x], [y]) => Ok((*x, *y)),
        ([], [a, b]) => Err(format!(
            "'{}' and '{}' both hold degrees within ±90: say which is which with --columns lon=...,lat=...",
            name(*a),
            name(*b)
        )),
        _ => Err("no two columns hold decimal degrees: name them with --columns lon=...,lat=...".into()),
    }
}

/// Whether every sampled cell of column `c` reads as a date, and at least
/// one is more than a bare number (or all are years, or all timestamps).
fn dates(rows: &[Vec<String>], c: usize) -> Option<bool> {
    let cells: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get(c))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if cells.is_empty() || !cells.iter().all(|s| row_date(s, "").is_ok()) {
        return None;
    }
    let epoch = cells.iter().all(|s| epoch_day(s).is_some());
    let bare = |s: &&str| {
        let digits = s.strip_prefix('-').unwrap_or(s);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let years = cells
        .iter()
        .all(|s| s.len() == 4 && s.parse::<i32>().is_ok_and(|y| (1000..=2100).contains(&y)));
    (epoch || years || !cells.iter().all(bare)).then_some(epoch)
}

/// The date column by content, among `free` columns; and an end column
/// after it, when one holds dates no earlier in any row.
pub(super) fn guess_dates(rows: &[Vec<String>], free: &[usize]) -> Option<(usize, Option<usize>)> {
    let found: Vec<usize> = free
        .iter()
        .copied()
        .filter(|&c| dates(rows, c).is_some())
        .collect();
    let (&start, rest) = found.split_first()?;
    let end = rest.iter().copied().find(|&e| {
        rows.iter().all(|r| match (r.get(start), r.get(e)) {
            (Some(a), Some(b)) if !b.trim().is_empty() => row_date(a, b).is_ok(),
            _ => true,
        })
    });
    Some((start, end))
}

/// What a date column's cells are: epoch seconds, milliseconds, or dates.
pub(super) fn epoch_unit(rows: &[Vec<String>], c: usize) -> Option<&'static str> {
    let cells: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.get(c))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if cells.is_empty() || !cells.iter().all(|s| epoch_day(s).is_some()) {
        return None;
    }
    let ms = cells.iter().all(|s| s.trim_start_matches('-').len() >= 12);
    Some(if ms { "milliseconds" } else { "seconds" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let mut lines = text
            .lines()
            .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>());
        (lines.next().unwrap(), lines.collect())
    }

    #[test]
    fn columns_are_named_as_role_equals_column() {
        let c: ColumnChoice = "lon=Easting, lat=Northing,date=Jahr".parse().unwrap();
        assert_eq!(c.get(Role::Lon), Some("easting"));
        assert_eq!(c.get(Role::Start), Some("jahr"));
        assert_eq!(c.to_string(), "lon=easting,lat=northing,start=jahr");
        assert!("lon".parse::<ColumnChoice>().unwrap_err().contains("ROLE=COLUMN"));
        assert!(
            "colour=a"
                .parse::<ColumnChoice>()
                .unwrap_err()
                .contains("unknown role 'colour'")
        );
        assert!(
            "lon=a,x=b"
                .parse::<ColumnChoice>()
                .unwrap_err()
                .contains("named twice")
        );
    }

    #[test]
    fn degrees_beyond_90_tell_the_longitude() {
        let (h, r) = rows("a,b,c\n37.87,112.55,3\n38.04,114.48,5\n");
        assert_eq!(guess_lon_lat(&h, &r, &[0, 1, 2]), Ok((1, 0)));
        let (h, r) = rows("a,b\n48.85,2.35\n51.5,-0.12\n");
        assert!(
            guess_lon_lat(&h, &r, &[0, 1])
                .unwrap_err()
                .contains("'a' and 'b'")
        );
        // Whole numbers (counts, years) are not coordinates.
        let (h, r) = rows("a,b\n37,112\n38,114\n");
        assert!(guess_lon_lat(&h, &r, &[0, 1]).is_err());
    }

    #[test]
    fn date_columns_are_found_by_their_cells() {
        let (_, r) = rows("n,when,until\n3,1937-11-08,1938-02\n5,1937-12,1938\n");
        assert_eq!(guess_dates(&r, &[0, 1, 2]), Some((1, Some(2))));
        // A count column is not a date column.
        let (_, r) = rows("n,m\n3,12\n5,40\n");
        assert_eq!(guess_dates(&r, &[0, 1]), None);
        let (_, r) = rows("t\n-1014508800000\n-1016409600000\n");
        assert_eq!(guess_dates(&r, &[0]), Some((0, None)));
        assert_eq!(epoch_unit(&r, 0), Some("milliseconds"));
    }
}
