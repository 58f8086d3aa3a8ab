//! Turning bytes into text and byte offsets into line/column positions.
use super::Problem;

/// Decodes UTF-8 (dropping a byte-order mark), or says where it is not UTF-8.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
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
    use super::*;

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
