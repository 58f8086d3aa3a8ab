//! The words of English text with where they stand: letters with the
//! apostrophes and hyphens inside a name (T'ai-yüan), or a number with its
//! thousands commas (20,000). Chinese characters are not words here.
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word<'a> {
    pub text: &'a str,
    pub lower: String,
    pub span: Range<usize>,
    /// Starts with a capital letter.
    pub capital: bool,
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (c.is_alphabetic() && (c as u32) < 0x0250)
}

/// The words of `text`, in order.
pub(super) fn words(text: &str) -> Vec<Word<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let digit = c.is_ascii_digit();
        if !(digit || is_latin_letter(c)) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let d = chars[j].1;
            let next = chars.get(j + 1).map(|x| x.1);
            let inside = if digit {
                d.is_ascii_digit()
                    || (d == ',' && next.is_some_and(|n| n.is_ascii_digit()))
                    || d.is_ascii_alphabetic() // 8th
            } else {
                is_latin_letter(d) || (matches!(d, '\'' | '’' | '-') && next.is_some_and(is_latin_letter))
            };
            if !inside {
                break;
            }
            j += 1;
        }
        let start = chars[i].0;
        let end = chars.get(j).map_or(text.len(), |x| x.0);
        let word = &text[start..end];
        out.push(Word {
            text: word,
            lower: word.to_lowercase(),
            span: start..end,
            capital: c.is_uppercase(),
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_apostrophes_and_numbers_their_commas() {
        let w: Vec<&str> = words("T'ai-yüan fell; 20,000 men, the 8th. 太原")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, ["T'ai-yüan", "fell", "20,000", "men", "the", "8th"]);
    }
}
