//! The index bundle: one file holding the tantivy index, the entry catalog
//! and (unless they are sharded out, see [`crate::store`]) the entries.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic "KBSEARCH" | format version u32 | payload length u64 | CRC-32 of payload u32 | payload
//! payload = repeated { name length u16 | name (UTF-8) | data length u64 | data }
//! ```
//!
//! The checksum turns any corruption into a clear error instead of a
//! confusing failure deep inside tantivy.

use std::collections::BTreeMap;

/// First bytes of every bundle.
pub const MAGIC: &[u8; 8] = b"KBSEARCH";
/// Bumped whenever the layout, the schema or the analyzers change.
pub const FORMAT_VERSION: u32 = 5;
const HEADER_LEN: usize = 8 + 4 + 8 + 4;

/// Why a bundle could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BundleError {
    #[error("not a KB Search bundle (wrong magic bytes); rebuild it with `kb build`")]
    BadMagic,
    #[error("bundle format version {found} is not supported (this build reads version {expected}); rebuild it with the same `kb` version as the app")]
    WrongVersion { found: u32, expected: u32 },
    #[error("bundle is truncated: expected {expected} bytes, found {found}")]
    Truncated { expected: u64, found: u64 },
    #[error("bundle is corrupt: checksum mismatch (stored {stored:08x}, computed {computed:08x})")]
    Checksum { stored: u32, computed: u32 },
    #[error("bundle is corrupt: {0}")]
    Malformed(String),
}

/// Named files packed into one byte buffer.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Bundle {
    /// Serialises the bundle (files in name order, so output is deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut payload = Vec::new();
        for (name, data) in &self.files {
            let name_len = u16::try_from(name.len()).expect("bundle file names are short");
            payload.extend_from_slice(&name_len.to_le_bytes());
            payload.extend_from_slice(name.as_bytes());
            payload.extend_from_slice(&(data.len() as u64).to_le_bytes());
            payload.extend_from_slice(data);
        }
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Parses and verifies a bundle.
    pub fn from_bytes(bytes: &[u8]) -> Result<Bundle, BundleError> {
        if bytes.len() < MAGIC.len() && MAGIC.starts_with(bytes) {
            // Empty, or cut inside the magic bytes: a download cut short.
            return Err(BundleError::Truncated {
                expected: HEADER_LEN as u64,
                found: bytes.len() as u64,
            });
        }
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(BundleError::BadMagic);
        }
        if bytes.len() < HEADER_LEN {
            return Err(BundleError::Truncated {
                expected: HEADER_LEN as u64,
                found: bytes.len() as u64,
            });
        }
        let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap());
        if version != FORMAT_VERSION {
            return Err(BundleError::WrongVersion {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let payload_len = u64::from_le_bytes(bytes[12..20].try_into().unwrap());
        let stored = u32::from_le_bytes(bytes[20..24].try_into().unwrap());
        let payload = &bytes[HEADER_LEN..];
        if payload.len() as u64 != payload_len {
            return Err(BundleError::Truncated {
                expected: HEADER_LEN as u64 + payload_len,
                found: bytes.len() as u64,
            });
        }
        let computed = crc32fast::hash(payload);
        if computed != stored {
            return Err(BundleError::Checksum { stored, computed });
        }
        let mut files = BTreeMap::new();
        let mut rest = payload;
        while !rest.is_empty() {
            let (name, data, tail) = read_file(rest)?;
            files.insert(name, data.to_vec());
            rest = tail;
        }
        Ok(Bundle { files })
    }

    /// The file `name`, or an error naming it.
    pub fn file(&self, name: &str) -> Result<&[u8], BundleError> {
        self.files
            .get(name)
            .map(Vec::as_slice)
            .ok_or_else(|| BundleError::Malformed(format!("missing file `{name}`")))
    }
}

fn read_file(rest: &[u8]) -> Result<(String, &[u8], &[u8]), BundleError> {
    let malformed = || BundleError::Malformed("file table is cut short".into());
    let name_len =
        u16::from_le_bytes(rest.get(..2).ok_or_else(malformed)?.try_into().unwrap()) as usize;
    let rest = &rest[2..];
    let name = rest.get(..name_len).ok_or_else(malformed)?;
    let name = String::from_utf8(name.to_vec())
        .map_err(|_| BundleError::Malformed("file name is not UTF-8".into()))?;
    let rest = &rest[name_len..];
    let data_len = u64::from_le_bytes(rest.get(..8).ok_or_else(malformed)?.try_into().unwrap());
    let rest = &rest[8..];
    let data_len = usize::try_from(data_len).map_err(|_| malformed())?;
    let data = rest.get(..data_len).ok_or_else(malformed)?;
    Ok((name, data, &rest[data_len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Bundle {
        let mut b = Bundle::default();
        b.files.insert("a.json".into(), b"{\"x\":1}".to_vec());
        b.files.insert("seg/b.idx".into(), vec![0, 1, 2, 255]);
        b.files.insert("empty".into(), vec![]);
        b
    }

    #[test]
    fn round_trip_keeps_every_file() {
        let b = sample();
        assert_eq!(Bundle::from_bytes(&b.to_bytes()).unwrap(), b);
    }

    #[test]
    fn serialisation_is_deterministic() {
        assert_eq!(sample().to_bytes(), sample().to_bytes());
    }

    #[test]
    fn any_flipped_payload_byte_is_a_checksum_error() {
        let bytes = sample().to_bytes();
        for i in HEADER_LEN..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            assert!(
                matches!(Bundle::from_bytes(&bad), Err(BundleError::Checksum { .. })),
                "byte {i}"
            );
        }
    }

    #[test]
    fn truncation_is_reported_as_such() {
        let bytes = sample().to_bytes();
        let err = Bundle::from_bytes(&bytes[..bytes.len() - 3]).unwrap_err();
        assert!(matches!(err, BundleError::Truncated { .. }), "{err}");
    }

    #[test]
    fn an_empty_file_or_a_cut_magic_is_truncated_not_foreign() {
        for n in 0..MAGIC.len() {
            let err = Bundle::from_bytes(&MAGIC[..n]).unwrap_err();
            assert!(matches!(err, BundleError::Truncated { .. }), "{n}: {err}");
        }
        assert_eq!(
            Bundle::from_bytes(b"KBX").unwrap_err(),
            BundleError::BadMagic
        );
    }

    #[test]
    fn other_files_and_versions_are_rejected_plainly() {
        assert_eq!(
            Bundle::from_bytes(b"<!doctype html>").unwrap_err(),
            BundleError::BadMagic
        );
        let mut bytes = sample().to_bytes();
        bytes[8] = 99;
        assert!(matches!(
            Bundle::from_bytes(&bytes),
            Err(BundleError::WrongVersion { found: 99, .. })
        ));
    }
}
