//! KB Search's check that the "simple" implementations (served to wasm32)
//! and the unrolled ones (served to native builds) agree byte for byte:
//! an index written natively by `kb build` is read in the browser.

use crate::BitPacker;

/// Deterministic values below `2^num_bits` (xorshift; no dependency).
fn values(len: usize, num_bits: u8, seed: u64) -> Vec<u32> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = state as u32;
            if num_bits == 32 {
                v
            } else {
                v & ((1u32 << num_bits) - 1)
            }
        })
        .collect()
}

/// Every operation, every bit width, a few seeds: `Fast` and `Simple`
/// write the same bytes, and each reads what the other wrote.
fn assert_same_format<Fast: BitPacker, Simple: BitPacker>() {
    let (fast, simple) = (Fast::new(), Simple::new());
    let len = Fast::BLOCK_LEN;
    assert_eq!(len, Simple::BLOCK_LEN);
    for num_bits in 0..=32u8 {
        for seed in 1..=4u64 {
            let plain = values(len, num_bits, seed * 7919 + u64::from(num_bits));
            let bits = fast.num_bits(&plain);
            assert_eq!(bits, simple.num_bits(&plain));
            let size = Fast::compressed_block_size(bits);
            let (mut a, mut b) = (vec![0u8; size], vec![0u8; size]);
            assert_eq!(fast.compress(&plain, &mut a, bits), simple.compress(&plain, &mut b, bits));
            assert_eq!(a, b, "compress, {num_bits} bits");
            let mut out = vec![0u32; len];
            simple.decompress(&a, &mut out, bits);
            assert_eq!(out, plain, "decompress, {num_bits} bits");

            // Sorted (deltas) and strictly sorted (deltas minus one), as
            // tantivy stores doc ids and positions.
            let mut sorted = plain.clone();
            sorted.iter_mut().for_each(|v| *v >>= 8);
            sorted.sort_unstable();
            let initial = sorted[0] / 2;
            let bits = fast.num_bits_sorted(initial, &sorted);
            assert_eq!(bits, simple.num_bits_sorted(initial, &sorted));
            let size = Fast::compressed_block_size(bits);
            let (mut a, mut b) = (vec![0u8; size], vec![0u8; size]);
            fast.compress_sorted(initial, &sorted, &mut a, bits);
            simple.compress_sorted(initial, &sorted, &mut b, bits);
            assert_eq!(a, b, "compress_sorted, {num_bits} bits");
            simple.decompress_sorted(initial, &a, &mut out, bits);
            assert_eq!(out, sorted, "decompress_sorted, {num_bits} bits");

            let mut strict = sorted.clone();
            strict.dedup();
            let strict: Vec<u32> = (0..len as u32)
                .map(|i| strict.get(i as usize).copied().unwrap_or(0) + i * 3 + 1)
                .collect::<Vec<_>>();
            let mut strict = strict;
            strict.sort_unstable();
            strict.dedup();
            if strict.len() != len {
                continue;
            }
            let initial = Some(strict[0] - 1).filter(|&v| v > 0);
            let bits = fast.num_bits_strictly_sorted(initial, &strict);
            assert_eq!(bits, simple.num_bits_strictly_sorted(initial, &strict));
            let size = Fast::compressed_block_size(bits);
            let (mut a, mut b) = (vec![0u8; size], vec![0u8; size]);
            fast.compress_strictly_sorted(initial, &strict, &mut a, bits);
            simple.compress_strictly_sorted(initial, &strict, &mut b, bits);
            assert_eq!(a, b, "compress_strictly_sorted, {num_bits} bits");
            simple.decompress_strictly_sorted(initial, &a, &mut out, bits);
            assert_eq!(out, strict, "decompress_strictly_sorted, {num_bits} bits");
        }
    }
}

#[test]
fn bitpacker4x_simple_and_unrolled_share_one_format() {
    assert_same_format::<crate::bitpacker4x::BitPacker4x, crate::bitpacker4x_simple::BitPacker4x>();
}

#[test]
fn bitpacker1x_simple_and_unrolled_share_one_format() {
    assert_same_format::<crate::bitpacker1x::BitPacker1x, crate::bitpacker1x_simple::BitPacker1x>();
}
