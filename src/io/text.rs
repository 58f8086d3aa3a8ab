//! Turning bytes into text and byte offsets into line/column positions.
use super::Problem;

/// Decodes UTF-8 (dropping a byte-order mark), or says where it is not UTF-8.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if is_utf16(bytes) {
        let msg = "this is UTF-16 text (what Excel calls \"Unicode text\"), not UTF-8: \
                   save it as UTF-8 (in Excel: \"CSV UTF-8\"; in a text editor: encoding UTF-8)";
        return Err(Problem::error(file, msg).at(1, 1));
    }
    // NUL bytes never occur in text files: call it binary at the first one.
    // `contains` on bytes is a vectorised memchr: this runs over whole big files.
    if let Some(at) = bytes
        .contains(&0)
        .then(|| bytes.iter().position(|&b| b == 0))
        .flatten()
    {
        let prefix = String::from_utf8_lossy(&bytes[..at]);
        let (line, column) = line_col(&prefix, prefix.len());
        let msg = "this is a binary file, not text (it contains NUL bytes)";
        return Err(Problem::error(file, msg).at(line, column));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let good = e.valid_up_to();
            // The prefix is valid UTF-8 by definition of valid_up_to.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            let (line, column) = line_col(prefix, prefix.len());
            Err(Problem::error(
                file,
                format!("not UTF-8 text (bad byte at offset {good}); save the file as UTF-8"),
            )
            .at(line, column))
        }
    }
}

/// UTF-16 by its byte-order mark, or by a start where every other byte of
/// the first line is NUL (ASCII in UTF-16 without a mark).
pub fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    head.len() >= 4 && {
        let (even_nul, odd_nul) = head.chunks(2).fold((0, 0), |(e, o), c| {
            (e + usize::from(c[0] == 0), o + usize::from(c[1] == 0))
        });
        let pairs = head.len() / 2;
        (odd_nul == pairs && even_nul == 0) || (even_nul == pairs && odd_nul == 0)
    }
}

/// The line and column reached from position `from` (1-based) after the
/// text `s`. Positions of records are found this way from the record
/// before, and of fields from their record's start, so that placing every
/// record of a file takes time linear in the file, not in records × file.
pub fn advance(from: (u32, u32), s: &str) -> (u32, u32) {
    match s.rfind('\n') {
        None => (from.0, from.1.saturating_add(to_u32(s.chars().count()))),
        Some(last) => {
            let newlines = to_u32(s.bytes().filter(|&b| b == b'\n').count());
            let column = to_u32(s[last + 1..].chars().count()).saturating_add(1);
            (from.0.saturating_add(newlines), column)
        }
    }
}

/// The decoded text of every file of a dataset, by the name shown, for
/// pointing later checks' problems at a field.
pub type Texts = std::collections::HashMap<String, String>;

/// 1-based line and character column of byte offset `at` in `text`.
pub fn line_col(text: &str, at: usize) -> (u32, u32) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (to_u32(line), to_u32(column))
}

pub fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The byte offset where 1-based `line` starts, if the text has it.
pub fn line_start(text: &str, line: usize) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn utf16_is_known_with_or_without_its_mark() {
        let le: Vec<u8> = "id,lon".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "id,lon".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(is_utf16(&le) && is_utf16(&be), "without a mark");
        assert!(is_utf16(&[0xFF, 0xFE, b'i', 0]));
        assert!(!is_utf16(b"id,lon,lat"));
        assert!(!is_utf16(&[0u8; 64]), "zeros are binary, not UTF-16");
        let e = decode("x.csv", &le).unwrap_err();
        assert!(
            e.message.contains("UTF-16") && e.message.contains("UTF-8"),
            "{}",
            e.message
        );
    }

    use super::*;

    #[test]
    fn advancing_gives_the_position_line_col_gives() {
        let t = "ab\n太原x\n\nyz 失守";
        let mut pos = (1, 1);
        let mut at = 0;
        for next in [1, 3, 6, 10, 11, 12, 15, t.len()] {
            pos = advance(pos, &t[at..next]);
            at = next;
            assert_eq!(pos, line_col(t, at), "at byte {at}");
        }
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let t = "ab\n太原x\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, t.find('x').unwrap()), (2, 3));
    }

    #[test]
    fn decode_rejects_binary_and_bad_utf8_with_position() {
        assert!(decode("f", b"\xEF\xBB\xBFok").is_ok());
        let e = decode("f", b"ab\ncd\xFF").unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        let e = decode("f", b"a\0b").unwrap_err();
        assert!(e.message.contains("binary"));
    }

    #[test]
    fn line_start_finds_lines() {
        let t = "a\nbc\nd";
        assert_eq!(line_start(t, 1), Some(0));
        assert_eq!(line_start(t, 2), Some(2));
        assert_eq!(line_start(t, 3), Some(5));
        assert_eq!(line_start(t, 4), None);
    }
}
