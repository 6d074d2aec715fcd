//! The byte form of an article's recognised mentions in the cache: a count,
//! then per mention its kind, span, text, a flags byte (followed by
//! "administration" or "government"; a role before it) and the role,
//! little-endian. Compact and
//! quick to read back; a record that does not decode is reported as damaged
//! and the article is recognised again.

use crate::extract::entities::{Found, KINDS};

pub fn encode(found: &[Found]) -> Vec<u8> {
    let text: usize = found.iter().map(|f| f.text.len()).sum();
    let mut out = Vec::with_capacity(4 + found.len() * MIN_MENTION + text);
    put(&mut out, found.len());
    for f in found {
        let kind = KINDS.iter().position(|k| *k == f.kind).unwrap_or(0);
        out.push(kind as u8);
        put(&mut out, f.start);
        put(&mut out, f.end);
        put(&mut out, f.text.len());
        out.extend_from_slice(f.text.as_bytes());
        let flags = u8::from(f.before_government) | (u8::from(f.role.is_some()) << 1);
        out.push(flags);
        if let Some(role) = &f.role {
            put(&mut out, role.len());
            out.extend_from_slice(role.as_bytes());
        }
    }
    out
}

/// The fewest bytes one mention takes.
const MIN_MENTION: usize = 14;

fn put(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

/// Reads back what `encode` wrote; `None` when the bytes are not such a
/// record.
pub fn decode(mut bytes: &[u8]) -> Option<Vec<Found>> {
    let n = take(&mut bytes)?;
    // Each mention takes at least `MIN_MENTION` bytes: a count beyond that
    // is damage, not a reason to allocate.
    if n > bytes.len() / MIN_MENTION {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let (&kind, rest) = bytes.split_first()?;
        bytes = rest;
        let kind = *KINDS.get(kind as usize)?;
        let start = take(&mut bytes)?;
        let end = take(&mut bytes)?;
        let len = take(&mut bytes)?;
        if len > bytes.len() || start > end {
            return None;
        }
        let (text, rest) = bytes.split_at(len);
        bytes = rest;
        let (&flags, rest) = bytes.split_first()?;
        bytes = rest;
        let role = if flags & 2 != 0 {
            let len = take(&mut bytes)?;
            if len > bytes.len() {
                return None;
            }
            let (role, rest) = bytes.split_at(len);
            bytes = rest;
            Some(std::str::from_utf8(role).ok()?.to_string())
        } else {
            None
        };
        out.push(Found {
            kind,
            start,
            end,
            text: std::str::from_utf8(text).ok()?.to_string(),
            role,
            before_government: flags & 1 != 0,
        });
    }
    bytes.is_empty().then_some(out)
}

fn take(bytes: &mut &[u8]) -> Option<usize> {
    let (head, rest) = bytes.split_first_chunk::<4>()?;
    *bytes = rest;
    Some(u32::from_le_bytes(*head) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::EntityKind;

    fn found(kind: EntityKind, start: usize, text: &str) -> Found {
        Found {
            kind,
            start,
            end: start + text.len(),
            text: text.to_string(),
            role: (start % 2 == 1).then(|| "president".to_string()),
            before_government: start.is_multiple_of(3),
        }
    }

    #[test]
    fn mentions_come_back_as_they_went_in() {
        let list = vec![
            found(EntityKind::Person, 0, "Ana Lima"),
            found(EntityKind::Place, 20, "São Paulo"),
            found(EntityKind::Org, 40, "Acme Widgets Ltd"),
            found(EntityKind::Misc, 70, "Brazilian"),
        ];
        assert_eq!(decode(&encode(&list)), Some(list));
        assert_eq!(decode(&encode(&[])), Some(vec![]));
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let bytes = encode(&[found(EntityKind::Person, 3, "Ana Lima")]);
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        let mut bad_kind = bytes.clone();
        bad_kind[4] = 9;
        assert_eq!(decode(&bad_kind), None);
        assert_eq!(decode(&[0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(decode(&[]), None);
    }
}
