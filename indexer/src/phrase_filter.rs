//! Which error phrases a split knowledge base has, by their first two
//! parts, in a few bits each: a Bloom filter in the bundle.
//!
//! A query looks its runs of two words up in the error-phrase
//! dictionaries, whose blocks a large knowledge base fetches by range. A
//! long paste has hundreds of such runs, and almost none start a phrase:
//! the filter (1 % false positives, 10 bits a start) says which runs are
//! worth a range read, so the bundle need not carry the dictionaries.
//!
//! ```
//! use indexer::phrase_filter::PhraseFilter;
//! let filter = PhraseFilter::of(["no_such", "no_space"].iter().copied());
//! let read = PhraseFilter::from_bytes(&filter.to_bytes()).unwrap();
//! assert!(read.may_hold("no_such") && read.may_hold("no_space"));
//! assert!(!read.may_hold("exec_format"));
//! ```

/// A phrase key's start, its first two parts (`no_such` of
/// `no_such_host`, and of `no_such` itself): what the filter holds and a
/// query looks phrases up by. `None` for a key of one part.
pub fn start_of(key: &str) -> Option<&str> {
    let first = key.find('_')?;
    let end = key[first + 1..]
        .find('_')
        .map_or(key.len(), |k| first + 1 + k);
    Some(&key[..end])
}

/// Bits per start: about 1 % false positives with [`HASHES`].
const BITS_PER_START: usize = 10;
const HASHES: u64 = 7;

/// A Bloom filter of phrase starts (`no_such`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseFilter {
    words: Vec<u64>,
}

impl PhraseFilter {
    /// The filter of these starts.
    pub fn of<'a>(starts: impl Iterator<Item = &'a str> + Clone) -> PhraseFilter {
        let n = starts.clone().count();
        let mut filter = PhraseFilter {
            words: vec![0; (n * BITS_PER_START).div_ceil(64).max(1)],
        };
        for start in starts {
            for bit in filter.bits(start) {
                filter.words[bit / 64] |= 1 << (bit % 64);
            }
        }
        filter
    }

    /// False when no phrase starts so; true when one may.
    pub fn may_hold(&self, start: &str) -> bool {
        self.bits(start)
            .all(|bit| self.words[bit / 64] & (1 << (bit % 64)) != 0)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        self.words.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<PhraseFilter> {
        if bytes.is_empty() || !bytes.len().is_multiple_of(8) {
            return None;
        }
        let words = bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect();
        Some(PhraseFilter { words })
    }

    /// The bit positions of `start`: FNV-1a, then double hashing.
    fn bits(&self, start: &str) -> impl Iterator<Item = usize> {
        let h1 = start.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        let mut h2 = h1 ^ (h1 >> 31);
        h2 = h2.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let m = (self.words.len() * 64) as u64;
        (0..HASHES).map(move |i| (h1.wrapping_add(i.wrapping_mul(h2)) % m) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_starts_with_its_first_two_parts() {
        assert_eq!(start_of("no_such_host"), Some("no_such"));
        assert_eq!(start_of("401_unauthor"), Some("401_unauthor"));
        assert_eq!(start_of("role_*_not_exist"), Some("role_*"));
        assert_eq!(start_of("alone"), None);
    }

    #[test]
    fn a_filter_holds_what_it_was_made_of_and_rarely_more() {
        let starts: Vec<String> = (0..5_000).map(|i| format!("w{i}_x{}", i % 97)).collect();
        let filter = PhraseFilter::of(starts.iter().map(String::as_str));
        assert!(starts.iter().all(|s| filter.may_hold(s)));
        let false_positives = (0..10_000)
            .filter(|i| filter.may_hold(&format!("other{i}_y")))
            .count();
        assert!(false_positives < 300, "{false_positives} of 10,000");
        assert_eq!(PhraseFilter::from_bytes(&filter.to_bytes()), Some(filter));
        assert_eq!(PhraseFilter::from_bytes(&[1, 2, 3]), None);
    }
}
