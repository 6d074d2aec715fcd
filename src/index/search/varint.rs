//! Numbers written in as few bytes as they need: seven bits a byte, low
//! bits first, the high bit of a byte set when another byte follows
//! (LEB128). A number below 128 takes one byte, a `u32` at most five.
//! Written here rather than taken from a crate: it is a dozen lines, and
//! reading checks what a record read back from the cache needs checked
//! (a number cut short, too long, or written in more bytes than it needs).

/// Appends `v`.
pub(super) fn put(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// How many bytes `put` writes for `v`.
pub(super) fn len(v: u32) -> usize {
    // One byte per seven bits, at least one.
    (32 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

/// The number starting at `bytes[*at]`, moving `at` past it; `None` when
/// it is cut short by the end of `bytes`, does not fit a `u32`, or is
/// written in more bytes than it needs.
#[inline]
pub(super) fn get(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let first = *bytes.get(*at)?;
    *at += 1;
    if first < 0x80 {
        return Some(first as u32);
    }
    let mut v = (first & 0x7f) as u32;
    for shift in [7, 14, 21, 28] {
        let b = *bytes.get(*at)?;
        *at += 1;
        // The fifth byte holds the top four bits only.
        if shift == 28 && b > 0x0f {
            return None;
        }
        v |= ((b & 0x7f) as u32) << shift;
        if b < 0x80 {
            // A last byte of zero adds nothing: the number needed fewer.
            return (b != 0).then_some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_back_as_written_in_the_bytes_they_need() {
        let values = [
            0,
            1,
            127,
            128,
            255,
            300,
            16_383,
            16_384,
            (1 << 21) - 1,
            1 << 21,
            (1 << 28) - 1,
            1 << 28,
            u32::MAX - 1,
            u32::MAX,
        ];
        let mut out = Vec::new();
        for v in values {
            let before = out.len();
            put(&mut out, v);
            assert_eq!(out.len() - before, len(v), "{v}");
        }
        assert_eq!(len(0), 1);
        assert_eq!(len(127), 1);
        assert_eq!(len(128), 2);
        assert_eq!(len(u32::MAX), 5);
        let mut at = 0;
        for v in values {
            assert_eq!(get(&out, &mut at), Some(v));
        }
        assert_eq!(at, out.len());
        assert_eq!(get(&out, &mut at), None);
    }

    #[test]
    fn a_number_cut_short_too_big_or_too_long_is_refused() {
        let mut out = Vec::new();
        put(&mut out, u32::MAX);
        for cut in 0..out.len() {
            assert_eq!(get(&out[..cut], &mut 0), None, "{cut}");
        }
        // Past 32 bits.
        assert_eq!(get(&[0xff, 0xff, 0xff, 0xff, 0x1f], &mut 0), None);
        assert_eq!(get(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01], &mut 0), None);
        // 1 written in two bytes, 0 in three.
        assert_eq!(get(&[0x81, 0x00], &mut 0), None);
        assert_eq!(get(&[0x80, 0x80, 0x00], &mut 0), None);
        assert_eq!(get(&[0x81, 0x01], &mut 0), Some(129));
    }
}
