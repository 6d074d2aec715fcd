//! The byte form of an article's recognised mentions in the cache: a count,
//! then per mention its kind, flags (followed by "government", has a
//! role), span, text and role, little-endian. Compact and
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
        out.push(u8::from(f.before_government) | (u8::from(f.role.is_some()) << 1));
        put(&mut out, f.start);
        put(&mut out, f.end);
        put(&mut out, f.text.len());
        out.extend_from_slice(f.text.as_bytes());
        if let Some(role) = &f.role {
            put(&mut out, role.len());
            out.extend_from_slice(role.as_bytes());
        }
    }
    out
}

/// The fewest bytes a mention takes: kind, flags, start, end, text length.
const MIN_MENTION: usize = 14;

fn put(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

/// Reads back what `encode` wrote; `None` when the bytes are not such a
/// record.
pub fn decode(mut bytes: &[u8]) -> Option<Vec<Found>> {
    let n = take(&mut bytes)?;
    // A count beyond what the bytes could hold is damage, not a reason to
    // allocate.
    if n > bytes.len() / MIN_MENTION {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let (&kind, rest) = bytes.split_first()?;
        bytes = rest;
        let kind = *KINDS.get(kind as usize)?;
        let (&flags, rest) = bytes.split_first()?;
        bytes = rest;
        if flags > 3 {
            return None;
        }
        let start = take(&mut bytes)?;
        let end = take(&mut bytes)?;
        if start > end {
            return None;
        }
        let text = take_str(&mut bytes)?;
        let role = if flags & 2 != 0 {
            Some(take_str(&mut bytes)?)
        } else {
            None
        };
        out.push(Found {
            kind,
            start,
            end,
            text,
            role,
            before_government: flags & 1 != 0,
        });
    }
    bytes.is_empty().then_some(out)
}

fn take_str(bytes: &mut &[u8]) -> Option<String> {
    let len = take(bytes)?;
    if len > bytes.len() {
        return None;
    }
    let (text, rest) = bytes.split_at(len);
    *bytes = rest;
    Some(std::str::from_utf8(text).ok()?.to_string())
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
            role: None,
            before_government: false,
        }
    }

    #[test]
    fn mentions_come_back_as_they_went_in() {
        let list = vec![
            found(EntityKind::Person, 0, "Ana Lima"),
            found(EntityKind::Place, 20, "São Paulo"),
            found(EntityKind::Org, 40, "Acme Widgets Ltd"),
            found(EntityKind::Misc, 70, "Brazilian"),
            Found {
                role: Some("minister".into()),
                ..found(EntityKind::Person, 90, "Rui Costa")
            },
            Found {
                before_government: true,
                ..found(EntityKind::Person, 120, "Costa")
            },
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
        let mut bad_flags = bytes.clone();
        bad_flags[5] = 7;
        assert_eq!(decode(&bad_flags), None);
        // A role promised by the flags but missing.
        let mut no_role = bytes.clone();
        no_role[5] = 2;
        assert_eq!(decode(&no_role), None);
        assert_eq!(decode(&[0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(decode(&[]), None);
    }
}
