//! `provinces_1937.tsv`: the provinces of 1937 as boxes of longitude and latitude.
use crate::io::problem::Problem;
use crate::io::tsv;
use crate::model::place::Province;

const PROVINCE_COLUMNS: [&str; 8] = [
    "id", "name_zh", "name_en", "min_lon", "min_lat", "max_lon", "max_lat", "note",
];

pub(super) fn read_provinces(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Province> {
    let table = match tsv::parse(
        file,
        text,
        &PROVINCE_COLUMNS[..7],
        &PROVINCE_COLUMNS[7..],
        problems,
    ) {
        Ok(t) => t,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for row in &table.rows {
        let id = table.get(row, "id");
        let rec = format!("province '{id}'");
        let mut num = |col: &str, lo: f64, hi: f64| -> Option<f64> {
            let v = table.get(row, col);
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() && (lo..=hi).contains(&x) => Some(x),
                _ => {
                    problems.push(
                        Problem::error(file, format!("{col} '{v}' is not a number between {lo} and {hi}"))
                            .at(row.line, table.column(col))
                            .record(rec.clone()),
                    );
                    None
                }
            }
        };
        let (Some(min_lon), Some(min_lat), Some(max_lon), Some(max_lat)) = (
            num("min_lon", -180.0, 180.0),
            num("min_lat", -90.0, 90.0),
            num("max_lon", -180.0, 180.0),
            num("max_lat", -90.0, 90.0),
        ) else {
            continue;
        };
        if id.is_empty() {
            problems.push(Problem::error(file, "empty id").at(row.line, table.column("id")));
            continue;
        }
        if min_lon > max_lon || min_lat > max_lat {
            problems.push(
                Problem::error(file, "the box's minimum exceeds its maximum")
                    .at(row.line, 1)
                    .record(rec.clone()),
            );
            continue;
        }
        if let Some(first) = out.iter().position(|p: &Province| p.id == id) {
            let same = {
                let p = &out[first];
                (p.min_lon, p.min_lat, p.max_lon, p.max_lat) == (min_lon, min_lat, max_lon, max_lat)
            };
            let msg = if same {
                format!("duplicate id '{id}' (the same box again)")
            } else {
                format!("duplicate id '{id}' with a different box: which one holds is unclear")
            };
            problems.push(
                Problem::error(file, msg)
                    .at(row.line, table.column("id"))
                    .record(rec.clone()),
            );
            continue;
        }
        out.push(Province {
            id: id.to_string(),
            name_zh: table.get(row, "name_zh").to_string(),
            name_en: table.get(row, "name_en").to_string(),
            min_lon,
            min_lat,
            max_lon,
            max_lat,
            note: table.get(row, "note").to_string(),
        });
    }
    out
}
