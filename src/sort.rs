//! Stable sorting through one shared instantiation of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element type and the comparison closure, so every
//! call site compiles its own copy of the sort (about 4 KB of wasm each). Every sort in
//! the crate goes through [`indices`] instead: row indices compared by a `dyn` closure,
//! one copy in all.

use std::cmp::Ordering;

/// Sorts `idx` stably by `cmp`, which compares the items two indices stand for.
pub fn indices(idx: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    idx.sort_by(|&a, &b| cmp(a, b));
}

/// The stable order of `0..n` by `cmp`.
pub fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    indices(&mut idx, cmp);
    idx
}

/// Sorts `items` stably by `cmp`.
pub fn by<T: Default>(items: &mut Vec<T>, cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
    let idx = order(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    let mut taken: Vec<T> = items.iter_mut().map(std::mem::take).collect();
    items.clear();
    items.extend(idx.into_iter().map(|i| std::mem::take(&mut taken[i])));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let keys = [3, 1, 2, 1, 3];
        assert_eq!(
            order(keys.len(), &mut |a, b| keys[a].cmp(&keys[b])),
            vec![1, 3, 2, 0, 4]
        );
        let mut words: Vec<String> = ["pear", "fig", "apple", "kiwi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        by(&mut words, &mut |a, b| a.len().cmp(&b.len()));
        assert_eq!(words, ["fig", "pear", "kiwi", "apple"]);
    }
}
