//! A text someone wrote, to be turned into a dataset (`new`, `suggest`):
//! UTF-8 (with or without its mark), UTF-16 with its mark, or GB18030
//! (and so GBK and GB2312, which it extends), as Chinese files often are.
//! Anything else is refused with where it stops being text.
use super::Problem;
use super::text::line_col;

/// The text and, when it was not UTF-8, the encoding it was read in.
#[derive(Debug, Clone, PartialEq)]
pub struct Prose {
    pub text: String,
    pub encoding: Option<&'static str>,
}

/// Reads `bytes` (of the file shown as `file`) as text.
pub fn read_prose(file: &str, bytes: &[u8]) -> Result<Prose, Problem> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Problem::error(
            file,
            "the file is empty: there is no text to read",
        ));
    }
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(Problem::error(
                file,
                format!("not {} text throughout; save it as UTF-8", enc.name()),
            ));
        }
        return Ok(Prose {
            text: text.into_owned(),
            encoding: Some(enc.name()),
        });
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = body.iter().position(|&b| b == 0) {
        let prefix = String::from_utf8_lossy(&body[..at]);
        let (line, column) = line_col(&prefix, prefix.len());
        return Err(
            Problem::error(file, "this is a binary file, not text (it contains NUL bytes)").at(line, column),
        );
    }
    match std::str::from_utf8(body) {
        Ok(t) => Ok(Prose {
            text: t.to_string(),
            encoding: None,
        }),
        Err(e) => {
            if let Some(t) = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body) {
                return Ok(Prose {
                    text: t.into_owned(),
                    encoding: Some("GB18030"),
                });
            }
            let good = e.valid_up_to();
            let prefix = std::str::from_utf8(&body[..good]).unwrap_or("");
            let (line, column) = line_col(prefix, prefix.len());
            Err(Problem::error(
                file,
                format!(
                    "neither UTF-8 nor GB18030 text (bad byte at offset {good}); save it as UTF-8 (the \
                     encoding every editor offers)"
                ),
            )
            .at(line, column))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_gb18030_and_utf16_read_as_the_same_text() {
        let text = "1937年冬，日军进占磁县。";
        assert_eq!(read_prose("a.txt", text.as_bytes()).unwrap().encoding, None);
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        assert_ne!(&gb[..], text.as_bytes());
        let read = read_prose("a.txt", &gb).unwrap();
        assert_eq!((read.text.as_str(), read.encoding), (text, Some("GB18030")));
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_prose("a.txt", &le).unwrap().text, text);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(text.as_bytes());
        assert_eq!(read_prose("a.txt", &bom).unwrap().text, text);
    }

    #[test]
    fn empty_binary_and_other_encodings_are_refused_with_where() {
        let e = read_prose("a.txt", b"  \n").unwrap_err();
        assert!(e.message.contains("empty"), "{e}");
        let e = read_prose("a.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(e.message.contains("binary"), "{e}");
        // Latin-1 "café\n" then a lone high byte: neither UTF-8 nor GB18030.
        let e = read_prose("a.txt", b"ok\ncaf\xe9 \xff").unwrap_err();
        assert!(e.message.contains("UTF-8") && e.line == 2, "{e:?}");
    }
}
