//! Many short lists laid end to end in one vector, such as each article's
//! mentions or each report's word weights.

/// Many short lists laid end to end in one vector: a list per report or
/// per term costs no allocation of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Flat<T> {
    /// Where each list starts in `items`, and where the last one ends.
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T> Default for Flat<T> {
    fn default() -> Self {
        Flat {
            starts: Vec::new(),
            items: Vec::new(),
        }
    }
}

impl<T> Flat<T> {
    /// Adds a list after the others.
    pub fn push(&mut self, list: impl IntoIterator<Item = T>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.items.extend(list);
        self.starts.push(self.items.len());
    }

    /// Gives back the room grown beyond the items.
    pub fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.items.shrink_to_fit();
    }

    /// The lists of `lengths`, their items taken in order from `items`;
    /// `None` when the lengths do not add up to the items.
    pub fn from_lengths(lengths: impl Iterator<Item = usize>, items: Vec<T>) -> Option<Self> {
        let mut starts = vec![0];
        let mut end = 0usize;
        for len in lengths {
            end = end.checked_add(len)?;
            starts.push(end);
        }
        (end == items.len()).then_some(Self { starts, items })
    }

    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<&[T]> {
        let (&from, &to) = (self.starts.get(i)?, self.starts.get(i + 1)?);
        self.items.get(from..to)
    }

    pub fn iter(&self) -> impl Iterator<Item = &[T]> {
        self.starts.windows(2).map(|w| &self.items[w[0]..w[1]])
    }

    /// Every item, list after list.
    pub fn items(&self) -> &[T] {
        &self.items
    }
}

impl<T> FromIterator<Vec<T>> for Flat<T> {
    fn from_iter<I: IntoIterator<Item = Vec<T>>>(lists: I) -> Self {
        let mut flat = Flat {
            starts: vec![0],
            items: Vec::new(),
        };
        for list in lists {
            flat.items.extend(list);
            flat.starts.push(flat.items.len());
        }
        flat
    }
}

impl<T: Copy + Default> Flat<T> {
    /// Lists of the given lengths, filled with `placed`: each item beside
    /// the list it goes to, every list's items in order. An item for a list
    /// already full (one of length 0, say) is left out.
    pub fn gather(lengths: &[usize], placed: impl IntoIterator<Item = (usize, T)>) -> Self {
        let mut starts = Vec::with_capacity(lengths.len() + 1);
        starts.push(0);
        for &len in lengths {
            starts.push(starts[starts.len() - 1] + len);
        }
        let mut next: Vec<usize> = starts[..lengths.len()].to_vec();
        let mut items = vec![T::default(); starts[lengths.len()]];
        for (list, item) in placed {
            if let Some(at) = next.get_mut(list).filter(|at| **at < starts[list + 1]) {
                items[*at] = item;
                *at += 1;
            }
        }
        Flat { starts, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gathered_lists_keep_their_order_and_leave_out_what_does_not_fit() {
        let flat = Flat::gather(
            &[2, 0, 1],
            [(0, 'a'), (1, 'x'), (2, 'c'), (0, 'b'), (2, 'y'), (7, 'z')],
        );
        assert_eq!(flat.len(), 3);
        assert_eq!(flat.get(0), Some(&['a', 'b'][..]));
        assert_eq!(flat.get(1), Some(&[][..]));
        assert_eq!(flat.get(2), Some(&['c'][..]));
    }
}
