//! Dates written in running text: every `1937年…` phrase of a source, read
//! with the same parser as the data's dates. The checks use them to tell a
//! day the text gives from one the dataset made up.
use super::date::HistDate;

/// The longest phrase the scanner tries after a year (characters).
const MAX_PHRASE: usize = 24;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Every date the text writes with its year, in order: for each four-digit
/// year followed by 年, the longest phrase from it that reads as a date
/// (`1937年12月至1938年1月` gives the range, then `1938年1月` again).
/// A month or day written without its year is not a date here.
pub fn dates_in(text: &str) -> Vec<HistDate> {
    date_spans_in(text).into_iter().map(|(_, d)| d).collect()
}

/// [`dates_in`] with where each phrase stands: its byte range in `text`.
pub fn date_spans_in(text: &str) -> Vec<(std::ops::Range<usize>, HistDate)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_digit(chars[j].1) {
            j += 1;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1 == ' ' {
            k += 1;
        }
        if j - i == 4 && chars.get(k).is_some_and(|c| c.1 == '年') {
            let longest = (k + 1..=(i + MAX_PHRASE).min(chars.len())).rev().find_map(|end| {
                let span = byte_at(i)..byte_at(end);
                text[span.clone()].parse::<HistDate>().ok().map(|d| (span, d))
            });
            out.extend(longest);
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    fn found(text: &str) -> Vec<(String, String)> {
        dates_in(text).iter().map(|d| d.range_text_iso()).collect()
    }

    #[test]
    fn reads_the_phrases_of_the_source() {
        let text = "太原市当时共有较大的工厂33 家。1937 年10 月初，已有西北炼钢厂等28个企业单位组织了工会。\
                    1937年12月至1938年1月，在日军占领济南、青岛以后。9月，淄博矿工武装队炸毁了博山电厂。\
                    平汉路北段的铁路工人，于1938年春，组成了游击队。到1940年为止，共有26个。";
        assert_eq!(
            found(text),
            [
                ("1937-10-01".into(), "1937-10-10".into()),
                ("1937-12-01".into(), "1938-01-31".into()),
                ("1938-01-01".into(), "1938-01-31".into()),
                ("1938-02-01".into(), "1938-05-31".into()),
                // 到1940年为止: up to the end of 1940.
                ("..".into(), "1940-12-31".into()),
            ]
        );
    }

    #[test]
    fn numbers_that_are_not_years_are_left_alone() {
        assert!(found("拥有会员两万余人，共有4000余人参加，人数达5000余名").is_empty());
        assert!(found("12345年").is_empty());
    }
}
