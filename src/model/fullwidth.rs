//! Full-width digits and punctuation (what a Chinese input method types:
//! １９３７，６００－７００) read as their ASCII forms, so that dates and
//! sizes parse alike in both scripts. The one table, for both parsers.

/// `c` as ASCII when it is a full-width digit or one of the punctuation
/// marks dates and sizes use; otherwise `c` itself.
pub fn ascii(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{FF0D}' | '\u{2212}' => '-',
        '\u{FF1F}' => '?',
        '\u{FF5E}' => '~',
        '\u{FF0F}' => '/',
        '\u{FF05}' => '%',
        '\u{FF0E}' => '.',
        '\u{FF0C}' => ',',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_read_as_ascii_and_the_rest_is_kept() {
        let s: String = "１９３７－１９３８／０９？～６００，７％．　年"
            .chars()
            .map(ascii)
            .collect();
        assert_eq!(s, "1937-1938/09?~600,7%. 年");
        assert_eq!(ascii('\u{2212}'), '-', "the minus sign");
        assert_eq!(ascii('太'), '太');
    }
}
