//! The code-aware tokenizer shared by indexing and querying.
//!
//! Error text mixes prose with identifiers: `ImagePullBackOff`,
//! `safetensors_rust.SafetensorError`, `ERR_CONNECTION_REFUSED`, `E0308`.
//! People type these joined, split, or half-remembered, so every identifier
//! is emitted both as its parts (`image`, `pull`, `back`, `off`) and joined
//! (`imagepullbackoff`). Letter/digit boundaries are never split, so error
//! codes (`E0308`, `x86`, `401`) stay whole.

/// A chunk of text between separators: one "word" in the code sense,
/// such as `fork`, `safetensors_rust.SafetensorError` or `127.0.0.1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub text: &'a str,
    /// Byte offset of the chunk in the analysed text.
    pub from: usize,
}

/// A lowercased token with its byte span in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub from: usize,
    pub to: usize,
    /// Ordinal of the token among the *parts* of the text (joined forms
    /// share the position of their first part).
    pub position: u32,
    /// True for parts, false for the joined form of several parts.
    pub is_part: bool,
}

/// Decides whether segment `k` of a chunk (segments given as byte ranges)
/// takes part in tokenization.
pub type SegmentFilter<'a> = dyn Fn(&str, usize, &[(usize, usize)]) -> bool + 'a;

/// Tokens longer than this (base64 blobs, minified code) are dropped.
pub const MAX_TOKEN_BYTES: usize = 64;

/// Characters that join the segments of one identifier when they stand
/// between two alphanumeric characters (`a_b`, `a-b`, `a.b`).
fn is_joiner(c: char) -> bool {
    matches!(c, '_' | '-' | '.' | '\'' | '\u{2019}')
}

/// CJK and similar scripts are written without spaces: each character
/// becomes its own chunk so that single characters can still match.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF)
}

/// A letter in brackets at the start of a word (`[c]reate`, `E[x]tract`,
/// `g[z]ipped`): command references (tldr-pages) mark the letter an option
/// stands for so, and the word is still the word.
fn is_mnemonic(from_bracket: &str) -> bool {
    let mut chars = from_bracket.chars().skip(1);
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(letter), Some(']'), Some(next)) if letter.is_alphabetic() && next.is_alphabetic()
    )
}

/// Splits text into chunks: runs of alphanumerics, with joiners kept only
/// between two alphanumerics.
pub fn chunks(text: &str) -> Vec<Chunk<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if is_unspaced_script(c) {
            if let Some(s) = start.take() {
                out.push(Chunk {
                    text: &text[s..i],
                    from: s,
                });
            }
            out.push(Chunk {
                text: &text[i..i + c.len_utf8()],
                from: i,
            });
            continue;
        }
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if c == '[' && is_mnemonic(&text[i..]) {
            // `[c]reate`, `E[x]tract`: the letter stays in its word.
            start.get_or_insert(i);
            iter.next();
            iter.next();
            continue;
        }
        if is_joiner(c) && start.is_some() {
            if let Some(&(_, next)) = iter.peek() {
                if next.is_alphanumeric() && !is_unspaced_script(next) {
                    continue;
                }
            }
        }
        if let Some(s) = start.take() {
            out.push(Chunk {
                text: &text[s..i],
                from: s,
            });
        }
    }
    if let Some(s) = start {
        out.push(Chunk {
            text: &text[s..],
            from: s,
        });
    }
    out
}

/// Byte ranges (relative to the segment) of the case parts of one segment:
/// `ImagePullBackOff` → `Image`, `Pull`, `Back`, `Off`; `HTTPServer` →
/// `HTTP`, `Server`; `E0308` stays whole.
fn case_parts(segment: &str) -> Vec<(usize, usize)> {
    // Most words have no inner capital: one part, no scan needed.
    if !segment.chars().skip(1).any(char::is_uppercase) {
        return vec![(0, segment.len())];
    }
    let chars: Vec<(usize, char)> = segment.char_indices().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for k in 1..chars.len() {
        let (i, c) = chars[k];
        let prev = chars[k - 1].1;
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let lower_to_upper = prev.is_lowercase() && c.is_uppercase();
        let acronym_end =
            prev.is_uppercase() && c.is_uppercase() && next.is_some_and(|n| n.is_lowercase());
        if lower_to_upper || acronym_end {
            parts.push((start, i));
            start = i;
        }
    }
    parts.push((start, segment.len()));
    parts
}

/// Segments of a chunk split at joiners, as byte ranges relative to the chunk.
pub fn segments(chunk: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chunk.char_indices() {
        if is_joiner(c) {
            if i > start {
                out.push((start, i));
            }
            start = i + c.len_utf8();
        }
    }
    if start < chunk.len() {
        out.push((start, chunk.len()));
    }
    out
}

/// A word without the apostrophes inside it (`can't`) and the brackets
/// of a mnemonic letter (`[c]reate`), lowercased.
fn strip_apostrophes(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c, '\'' | '\u{2019}' | '[' | ']'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Tokenizes one chunk, appending to `out`. `keep_segment` decides, per
/// segment (relative byte range), whether it takes part; `parts_of_numeric`
/// controls whether dotted numbers (`127.0.0.1`, `1.2.3`) also yield their
/// single numbers or only the joined form.
pub fn tokenize_chunk(
    chunk: &Chunk<'_>,
    position: &mut u32,
    out: &mut Vec<Token>,
    keep_segment: &SegmentFilter<'_>,
    parts_of_numeric: bool,
) {
    let text = chunk.text;
    // Apostrophes inside words (`can't`) are not separators.
    let segs: Vec<(usize, usize)> = segments(text)
        .into_iter()
        .filter(|&(s, e)| {
            let seg = &text[s..e];
            !seg.chars().all(|c| c == '\'' || c == '\u{2019}')
        })
        .collect();
    let segs = merge_apostrophe_segments(text, segs);
    let all_numeric = segs
        .iter()
        .all(|&(s, e)| text[s..e].chars().all(|c| c.is_ascii_digit()));
    let kept: Vec<(usize, usize)> = segs
        .iter()
        .enumerate()
        .filter(|&(k, _)| keep_segment(text, k, &segs))
        .map(|(_, &r)| r)
        .collect();
    if kept.is_empty() {
        return;
    }
    let first_position = *position;
    let emit_parts = !(all_numeric && kept.len() > 1) || parts_of_numeric;
    let mut part_count = 0usize;
    for &(s, e) in &kept {
        let seg = &text[s..e];
        let parts = case_parts(seg);
        let seg_position = *position;
        for &(ps, pe) in &parts {
            let word = strip_apostrophes(&seg[ps..pe]);
            if word.is_empty() || word.len() > MAX_TOKEN_BYTES {
                continue;
            }
            if emit_parts {
                out.push(Token {
                    text: word,
                    from: chunk.from + s + ps,
                    to: chunk.from + s + pe,
                    position: *position,
                    is_part: true,
                });
                *position += 1;
            }
            part_count += 1;
        }
        if parts.len() > 1 {
            let joined = strip_apostrophes(seg);
            if joined.len() <= MAX_TOKEN_BYTES {
                out.push(Token {
                    text: joined,
                    from: chunk.from + s,
                    to: chunk.from + e,
                    position: seg_position,
                    is_part: false,
                });
            }
        }
    }
    if kept.len() > 1 || (!emit_parts && part_count > 0) {
        let joined: String = kept
            .iter()
            .map(|&(s, e)| strip_apostrophes(&text[s..e]))
            .collect();
        if joined.len() <= MAX_TOKEN_BYTES {
            let (s, e) = (kept[0].0, kept[kept.len() - 1].1);
            out.push(Token {
                text: joined,
                from: chunk.from + s,
                to: chunk.from + e,
                position: first_position,
                is_part: !emit_parts,
            });
            if !emit_parts {
                *position += 1;
            }
        }
    }
}

/// `don't` was split into `don` and `t` by the joiner rule; glue segments
/// separated by an apostrophe back together.
fn merge_apostrophe_segments(text: &str, segs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(segs.len());
    for (s, e) in segs {
        if let Some(last) = out.last_mut() {
            let between = &text[last.1..s];
            if between == "'" || between == "\u{2019}" {
                last.1 = e;
                continue;
            }
        }
        out.push((s, e));
    }
    out
}

/// Byte ranges of the word parts of `text` (what [`tokenize`] emits as
/// parts, before lowercasing), without allocating: for excerpts, which scan
/// long texts for a few query words.
pub fn part_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    chunks(text).into_iter().flat_map(move |chunk| {
        let base = chunk.from;
        segments(chunk.text).into_iter().flat_map(move |(s, e)| {
            let seg = &chunk.text[s..e];
            case_parts(seg)
                .into_iter()
                .map(move |(ps, pe)| (base + s + ps, base + s + pe))
        })
    })
}

/// Tokenizes text for indexing: every segment kept, dotted numbers yield
/// their parts too.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut position = 0;
    for chunk in chunks(text) {
        tokenize_chunk(&chunk, &mut position, &mut out, &|_, _, _| true, true);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    /// Regression: tldr-pages write `E[x]tract`, `[c]reate`, `g[z]ipped`,
    /// and "extract a gzipped archive" missed every such page's words.
    #[test]
    fn a_mnemonic_letter_in_brackets_stays_in_its_word() {
        assert_eq!(texts("E[x]tract a g[z]ipped"), ["extract", "a", "gzipped"]);
        assert_eq!(texts("[c]reate it"), ["create", "it"]);
        // Brackets around anything else still separate.
        assert_eq!(
            texts("arr[i] [x] [ab]c Lis[t]"),
            ["arr", "i", "x", "ab", "c", "lis", "t"]
        );
        let t = &tokenize("to [c]reate")[1];
        assert_eq!((t.from, t.to), (3, 11), "the span covers the brackets");
    }

    #[test]
    fn camel_case_is_split_and_kept_joined() {
        assert_eq!(
            texts("ImagePullBackOff"),
            ["image", "pull", "back", "off", "imagepullbackoff"]
        );
    }

    #[test]
    fn dotted_and_snake_identifiers_yield_parts_and_joined_forms() {
        let t = texts("safetensors_rust.SafetensorError");
        for want in [
            "safetensors",
            "rust",
            "safetensor",
            "error",
            "safetensorerror",
        ] {
            assert!(t.contains(&want.to_string()), "{want} missing from {t:?}");
        }
        assert!(t.contains(&"safetensorsrustsafetensorerror".to_string()));
    }

    #[test]
    fn error_codes_stay_whole() {
        assert_eq!(
            texts("error[E0308]: x86_64"),
            ["error", "e0308", "x86", "64", "x8664"]
        );
    }

    #[test]
    fn acronyms_split_before_the_next_word() {
        assert_eq!(texts("HTTPServer"), ["http", "server", "httpserver"]);
    }

    #[test]
    fn slug_ids_join_like_camel_case() {
        let t = texts("image-pull-backoff");
        assert_eq!(t, ["image", "pull", "backoff", "imagepullbackoff"]);
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        assert_eq!(texts("can't don’t"), ["cant", "dont"]);
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_token() {
        assert_eq!(texts("error. (Failed)"), ["error", "failed"]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let s = "see ImagePull now";
        for t in tokenize(s) {
            assert!(s[t.from..t.to].to_lowercase().contains(&t.text) || !t.is_part);
        }
    }

    #[test]
    fn cjk_characters_are_single_tokens() {
        assert_eq!(texts("服务ok"), ["服", "务", "ok"]);
    }

    #[test]
    fn very_long_tokens_are_dropped() {
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        assert!(texts(&long).is_empty());
    }
}
