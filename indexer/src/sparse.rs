//! A read-only tantivy [`Directory`] in memory whose postings files may be
//! only partly present.
//!
//! The postings (`.idx`) are most of a large index, and a search reads the
//! postings of its few terms only. So a large knowledge base ships them as
//! a separate file next to the bundle, `kb-postings/<segment>.idx`, and the
//! bundle carries only the parts every search reads (the field table, each
//! field's header, the postings of the section-to-entry field). The browser
//! fetches the byte ranges of a query's terms with HTTP range requests.
//!
//! tantivy reads files synchronously, so the engine *probes* first: it reads
//! each query term's postings; a read of bytes not present fails and
//! records its range ([`SparseDirectory::take_missing`]). The caller
//! fetches those ranges, adds them ([`SparseDirectory::add_range`]) and
//! searches again. The file name carries the segment's id, unique to a
//! build, so a deployment mixing two builds fails to fetch instead of
//! reading the wrong bytes.

use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    FileHandle, OwnedBytes, RamDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

/// Missing ranges closer than this are fetched as one.
const MERGE_GAP: usize = 4 * 1024;
/// At most this many ranges are asked for at once (each is an HTTP request):
/// beyond it, the closest ranges are joined. A query's terms sit in many
/// fields, each a region of the file, so joining much more fetches far more
/// bytes: at 20,000 synthetic entries a pasted log needs ~170 KB in ~70
/// ranges, ~940 KB when held to 32 ranges, ~3.6 MB to 8.
pub const MAX_RANGES: usize = 48;

/// Encodes the parts of a file the bundle carries:
/// `length u64 | repeated { offset u64 | size u64 | bytes }`.
pub fn encode_parts(file: &[u8], ranges: &[Range<usize>]) -> Vec<u8> {
    let mut out = (file.len() as u64).to_le_bytes().to_vec();
    for r in ranges {
        out.extend_from_slice(&(r.start as u64).to_le_bytes());
        out.extend_from_slice(&(r.len() as u64).to_le_bytes());
        out.extend_from_slice(&file[r.clone()]);
    }
    out
}

/// Reads what [`encode_parts`] wrote.
pub fn decode_parts(bytes: &[u8]) -> Result<SparseFile, String> {
    let cut = || "its table is cut short".to_string();
    let u64_at = |at: usize| -> Result<usize, String> {
        let b: [u8; 8] = bytes.get(at..at + 8).ok_or_else(cut)?.try_into().unwrap();
        usize::try_from(u64::from_le_bytes(b)).map_err(|_| cut())
    };
    let file = SparseFile::new(u64_at(0)?);
    let mut at = 8;
    while at < bytes.len() {
        let (offset, size) = (u64_at(at)?, u64_at(at + 8)?);
        let data = bytes.get(at + 16..at + 16 + size).ok_or_else(cut)?;
        if offset + size > file.len {
            return Err(format!("a part ends past the file's {} bytes", file.len));
        }
        file.add(offset, data.to_vec());
        at += 16 + size;
    }
    Ok(file)
}

/// A file of known length of which some byte ranges are loaded.
#[derive(Debug)]
pub struct SparseFile {
    len: usize,
    chunks: RwLock<BTreeMap<usize, OwnedBytes>>,
    missing: Mutex<Vec<Range<usize>>>,
    /// When set, every read range is recorded (to find, at build time,
    /// what opening the index reads).
    record: Option<Mutex<Vec<Range<usize>>>>,
}

impl SparseFile {
    pub fn new(len: usize) -> SparseFile {
        SparseFile {
            len,
            chunks: RwLock::default(),
            missing: Mutex::default(),
            record: None,
        }
    }

    /// The whole file, recording what is read from it.
    pub fn recording(bytes: Vec<u8>) -> SparseFile {
        let file = SparseFile {
            record: Some(Mutex::default()),
            ..SparseFile::new(bytes.len())
        };
        file.add(0, bytes);
        file
    }

    /// The ranges read so far (recording files only), merged.
    pub fn recorded(&self) -> Vec<Range<usize>> {
        let ranges = self
            .record
            .as_ref()
            .map(|r| r.lock().unwrap().clone())
            .unwrap_or_default();
        merge(ranges, 0)
    }

    /// Adds bytes starting at `offset` (merged with touching chunks).
    pub fn add(&self, offset: usize, bytes: Vec<u8>) {
        let end = (offset + bytes.len()).min(self.len);
        if offset >= end {
            return;
        }
        let mut chunks = self.chunks.write().unwrap();
        let mut start = offset;
        let mut stop = end;
        let touching: Vec<usize> = chunks
            .range(..=end)
            .filter(|(&s, b)| s + b.len() >= offset)
            .map(|(&s, _)| s)
            .collect();
        for s in &touching {
            start = start.min(*s);
            stop = stop.max(s + chunks[s].len());
        }
        let mut merged = vec![0u8; stop - start];
        for s in &touching {
            let b = chunks.remove(s).unwrap();
            merged[s - start..s - start + b.len()].copy_from_slice(b.as_slice());
        }
        merged[offset - start..end - start].copy_from_slice(&bytes[..end - offset]);
        chunks.insert(start, OwnedBytes::new(merged));
    }

    fn get(&self, range: &Range<usize>) -> Option<OwnedBytes> {
        if range.start >= range.end {
            return Some(OwnedBytes::empty());
        }
        let chunks = self.chunks.read().unwrap();
        let (&start, bytes) = chunks.range(..=range.start).next_back()?;
        (start + bytes.len() >= range.end)
            .then(|| bytes.slice(range.start - start..range.end - start))
    }

    /// The ranges that reads asked for and did not find, merged (and
    /// forgotten: the next probe starts afresh).
    pub fn take_missing(&self) -> Vec<Range<usize>> {
        let missing = std::mem::take(&mut *self.missing.lock().unwrap());
        let mut ranges = merge(missing, MERGE_GAP);
        while ranges.len() > MAX_RANGES {
            let closest = (1..ranges.len())
                .min_by_key(|&i| ranges[i].start - ranges[i - 1].end)
                .expect("more than one range");
            ranges[closest - 1].end = ranges[closest].end;
            ranges.remove(closest);
        }
        ranges
    }
}

impl HasLen for SparseFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for SparseFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if let Some(record) = &self.record {
            record.lock().unwrap().push(range.clone());
        }
        match self.get(&range) {
            Some(bytes) => Ok(bytes),
            None => {
                self.missing.lock().unwrap().push(range.clone());
                Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!("postings bytes {range:?} are not loaded yet"),
                ))
            }
        }
    }
}

/// Sorts ranges and joins those less than `gap` apart.
fn merge(mut ranges: Vec<Range<usize>>, gap: usize) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges.into_iter().filter(|r| r.start < r.end) {
        match out.last_mut() {
            Some(last) if r.start <= last.end + gap => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Files in memory, some of them sparse. Read-only for tantivy's purposes
/// (writes go to the in-memory part, as a reader's lock files do).
#[derive(Debug, Clone, Default)]
pub struct SparseDirectory {
    ram: RamDirectory,
    sparse: Arc<BTreeMap<PathBuf, Arc<SparseFile>>>,
}

impl SparseDirectory {
    pub fn new(ram: RamDirectory, sparse: BTreeMap<PathBuf, Arc<SparseFile>>) -> SparseDirectory {
        SparseDirectory {
            ram,
            sparse: Arc::new(sparse),
        }
    }

    /// The sparse files, by path.
    pub fn sparse_files(&self) -> &BTreeMap<PathBuf, Arc<SparseFile>> {
        &self.sparse
    }

    /// Some read since the last [`SparseDirectory::take_missing`] found
    /// its bytes missing.
    pub fn any_missing(&self) -> bool {
        self.sparse
            .values()
            .any(|f| !f.missing.lock().unwrap().is_empty())
    }

    /// Adds fetched bytes of a sparse file.
    pub fn add_range(&self, path: &Path, offset: usize, bytes: Vec<u8>) -> bool {
        match self.sparse.get(path) {
            Some(file) => {
                file.add(offset, bytes);
                true
            }
            None => false,
        }
    }

    /// The missing ranges recorded since the last call, per file.
    pub fn take_missing(&self) -> Vec<(PathBuf, Range<usize>)> {
        self.sparse
            .iter()
            .flat_map(|(p, f)| f.take_missing().into_iter().map(|r| (p.clone(), r)))
            .collect()
    }
}

impl Directory for SparseDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        match self.sparse.get(path) {
            Some(file) => Ok(file.clone()),
            None => self.ram.get_file_handle(path),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.ram.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.sparse.contains_key(path) || self.ram.exists(path)?)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.ram.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        match self.sparse.get(path) {
            Some(file) => file
                .read_bytes(0..file.len)
                .map(|b| b.as_slice().to_vec())
                .map_err(|io_error| OpenReadError::IoError {
                    io_error: Arc::new(io_error),
                    filepath: path.to_path_buf(),
                }),
            None => self.ram.atomic_read(path),
        }
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.ram.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_inside_loaded_chunks_succeed_and_others_are_recorded() {
        let file = SparseFile::new(100);
        file.add(10, (10..30).collect());
        assert_eq!(file.read_bytes(12..15).unwrap().as_slice(), &[12, 13, 14]);
        assert!(file.read_bytes(25..35).is_err());
        assert!(file.read_bytes(60..70).is_err());
        assert_eq!(file.take_missing(), vec![25..70], "close ranges merge");
        assert!(file.take_missing().is_empty(), "taken once");
    }

    #[test]
    fn many_missing_ranges_become_at_most_max_ranges_joining_the_closest() {
        let n = MAX_RANGES + 1;
        let file = SparseFile::new(n * 20_000);
        for i in 0..n {
            // Range 7 sits closest to range 8: those two are joined.
            let start = i * 20_000 + if i == 7 { 15_000 } else { 0 };
            assert!(file.read_bytes(start..start + 10).is_err());
        }
        let ranges = file.take_missing();
        assert_eq!(ranges.len(), MAX_RANGES);
        assert_eq!(ranges[7], 7 * 20_000 + 15_000..8 * 20_000 + 10);
        assert_eq!(ranges.last().unwrap().end, (n - 1) * 20_000 + 10);
        assert!(ranges.windows(2).all(|w| w[0].end < w[1].start));
    }

    #[test]
    fn touching_chunks_merge_so_reads_may_span_them() {
        let file = SparseFile::new(10);
        file.add(0, vec![0, 1, 2]);
        file.add(6, vec![6, 7, 8, 9]);
        file.add(3, vec![3, 4, 5]);
        assert_eq!(
            file.read_bytes(0..10).unwrap().as_slice(),
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
        );
        file.add(2, vec![2, 3]);
        assert_eq!(file.read_bytes(1..4).unwrap().as_slice(), &[1, 2, 3]);
    }

    #[test]
    fn bytes_past_the_end_are_ignored() {
        let file = SparseFile::new(4);
        file.add(2, vec![2, 3, 4, 5, 6]);
        assert_eq!(file.read_bytes(2..4).unwrap().as_slice(), &[2, 3]);
        file.add(9, vec![1]);
        assert!(file.read_bytes(0..1).is_err());
    }

    #[test]
    fn parts_round_trip_and_a_cut_table_is_an_error() {
        let file: Vec<u8> = (0..100).collect();
        let bytes = encode_parts(&file, &[0..8, 90..100]);
        let sparse = decode_parts(&bytes).unwrap();
        assert_eq!(sparse.len(), 100);
        assert_eq!(sparse.read_bytes(92..95).unwrap().as_slice(), &[92, 93, 94]);
        assert!(sparse.read_bytes(10..20).is_err());
        for cut in [0, 7, 9, bytes.len() - 1] {
            assert!(decode_parts(&bytes[..cut]).is_err(), "{cut}");
        }
    }

    #[test]
    fn a_recording_file_remembers_what_was_read() {
        let file = SparseFile::recording((0..50).collect());
        file.read_bytes(0..8).unwrap();
        file.read_bytes(8..10).unwrap();
        file.read_bytes(40..50).unwrap();
        assert_eq!(file.recorded(), vec![0..10, 40..50]);
    }
}
