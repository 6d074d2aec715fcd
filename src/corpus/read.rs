//! Reading an article file's bytes and decoding them to text: a size
//! limit checked on the open file before anything is read, UTF-16 by its
//! byte-order mark, UTF-8, and Windows-1252 for everything else. Knows
//! nothing of formats or articles.

use super::problem::FileError;
use std::fs;
use std::io::Read;
use std::path::Path;

/// What reading a file under a size limit gave.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Limited {
    Bytes(Vec<u8>),
    /// The file is larger than the limit (this many bytes, or more); it
    /// was not read.
    TooLarge(u64),
}

/// Reads a regular file of at most `max` bytes. The size is checked on the
/// open file, and the read stops one byte past the limit, so a file that
/// grows (or a sparse file of terabytes) is never read whole.
pub(crate) fn read_limited(path: &Path, max: u64) -> Result<Limited, FileError> {
    let unreadable = |e: std::io::Error| FileError::Unreadable(e.to_string());
    let file = fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(FileError::NotRegular);
    }
    if meta.len() > max {
        return Ok(Limited::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > max {
        return Ok(Limited::TooLarge(bytes.len() as u64));
    }
    Ok(Limited::Bytes(bytes))
}

/// Decodes a file's bytes: UTF-16 when it starts with a byte-order mark,
/// UTF-8 when valid, otherwise Windows-1252 (which also covers Latin-1) with
/// a warning. A file with NUL bytes and no UTF-16 mark is not text.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), FileError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let warning =
            malformed.then(|| format!("not valid {}; bad sequences replaced", encoding.name()));
        return Ok((text.into_owned(), warning));
    }
    if bytes.contains(&0) {
        return Err(FileError::Binary);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((
                text.into_owned(),
                Some(format!(
                    "not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252",
                    e.valid_up_to()
                )),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_with_a_warning() {
        let (text, warn) = decode(b"costs \xa3100").unwrap();
        assert_eq!(text, "costs £100");
        assert!(warn.unwrap().contains("not valid UTF-8"));
        let (text, warn) = decode("plain £".as_bytes()).unwrap();
        assert_eq!(text, "plain £");
        assert!(warn.is_none());
        assert!(decode(b"\x00\x01bin").is_err());
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Kyiv — talks resume";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), (text.to_string(), None));
        assert_eq!(decode(&be).unwrap(), (text.to_string(), None));
        // A lone surrogate is replaced, with a warning.
        let (_, warn) = decode(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]).unwrap();
        assert!(warn.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn the_limit_is_checked_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sparse.txt");
        fs::File::create(&path).unwrap().set_len(1 << 40).unwrap();
        assert_eq!(read_limited(&path, 100), Ok(Limited::TooLarge(1 << 40)));
        fs::write(&path, "short").unwrap();
        assert_eq!(
            read_limited(&path, 5),
            Ok(Limited::Bytes(b"short".to_vec()))
        );
        assert_eq!(read_limited(&path, 4), Ok(Limited::TooLarge(5)));
        assert!(
            read_limited(dir.path(), 100).is_err(),
            "a folder is no file"
        );
    }
}
