//! Visual-preserving decimation of lines and points, so a million points draw as a few
//! thousand.

use super::query::Decimate;
use crate::transform::columnar::NULL;

/// Decimates `rows` (indices into `xs`/`ys`) per series (`series` codes, [`NULL`] for a
/// missing series); returns the kept rows in their original order.
pub(super) fn decimate_rows(
    rows: &[usize],
    xs: &[f64],
    ys: &[f64],
    series: Option<&[u32]>,
    d: &Decimate,
) -> Vec<usize> {
    if rows.len() <= d.columns.saturating_mul(3) {
        return rows.to_vec();
    }
    let parts: Vec<Vec<usize>> = match series {
        None => vec![rows.to_vec()],
        Some(codes) => {
            let mut slot: Vec<u32> = Vec::new();
            let mut parts: Vec<Vec<usize>> = Vec::new();
            for &r in rows {
                let c = codes[r];
                let c = if c == NULL { 0 } else { c as usize + 1 };
                if c >= slot.len() {
                    slot.resize(c + 1, u32::MAX);
                }
                if slot[c] == u32::MAX {
                    slot[c] = parts.len() as u32;
                    parts.push(Vec::new());
                }
                parts[slot[c] as usize].push(r);
            }
            parts
        }
    };
    let mut kept = Vec::new();
    for part in parts {
        let x = |i: usize| xs[part[i]];
        let y = |i: usize| ys[part[i]];
        let keep = match d.rows {
            Some(rows) => grid_by(part.len(), x, y, d.columns, rows),
            None => minmax_by(part.len(), x, y, d.columns),
        };
        kept.extend(keep.into_iter().map(|i| part[i]));
    }
    kept.sort_unstable();
    kept
}

fn extent_by(n: usize, v: impl Fn(usize) -> f64) -> Option<(f64, f64)> {
    let mut e: Option<(f64, f64)> = None;
    for i in 0..n {
        let x = v(i);
        if x.is_nan() {
            continue;
        }
        e = Some(match e {
            None => (x, x),
            Some((lo, hi)) => (lo.min(x), hi.max(x)),
        });
    }
    e
}

/// Min/max decimation of a line: splits the x extent into `columns` equal pixel columns
/// and keeps, in each, the point with the lowest y and the point with the highest y (the
/// first of equals), plus the line's first and last point (smallest and largest x). The
/// line through the kept points, in x order, spans the same vertical range in every pixel
/// column as the line through all of them, and starts and ends where it did. Points with
/// a missing x or y are dropped. Returns indices into `xs`, ascending; at most
/// `2 × columns + 2`. The input need not be sorted.
pub fn decimate_minmax(xs: &[f64], ys: &[f64], columns: usize) -> Vec<usize> {
    minmax_by(xs.len().min(ys.len()), |i| xs[i], |i| ys[i], columns)
}

fn minmax_by(
    n: usize,
    xs: impl Fn(usize) -> f64,
    ys: impl Fn(usize) -> f64,
    columns: usize,
) -> Vec<usize> {
    let Some((x0, x1)) = extent_by(n, &xs) else {
        return Vec::new();
    };
    let columns = columns.max(1);
    let width = x1 - x0;
    // Per column: the lowest and highest point, as indices and values.
    let mut best: Vec<[usize; 2]> = vec![[usize::MAX; 2]; columns];
    let mut vals: Vec<[f64; 2]> = vec![[0.0; 2]; columns];
    let (mut first, mut last) = (usize::MAX, usize::MAX);
    let (mut first_x, mut last_x) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in 0..n {
        let (x, y) = (xs(i), ys(i));
        if x.is_nan() || y.is_nan() {
            continue;
        }
        if x < first_x {
            (first, first_x) = (i, x);
        }
        if x > last_x {
            (last, last_x) = (i, x);
        }
        let c = if width > 0.0 {
            (((x - x0) / width * columns as f64) as usize).min(columns - 1)
        } else {
            0
        };
        let (b, v) = (&mut best[c], &mut vals[c]);
        if b[0] == usize::MAX {
            *b = [i; 2];
            *v = [y, y];
            continue;
        }
        if y < v[0] {
            (b[0], v[0]) = (i, y);
        }
        if y > v[1] {
            (b[1], v[1]) = (i, y);
        }
    }
    let mut out: Vec<usize> = best
        .iter()
        .flat_map(|b| b.iter().copied())
        .chain([first, last])
        .filter(|&i| i != usize::MAX)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Grid decimation of points: splits the x and y extents into `columns` × `rows` pixel
/// cells and keeps the first point in each occupied cell, so every pixel that had a point
/// still has one. Points with a missing x or y are dropped. Returns indices, ascending.
pub fn decimate_grid(xs: &[f64], ys: &[f64], columns: usize, rows: usize) -> Vec<usize> {
    grid_by(xs.len().min(ys.len()), |i| xs[i], |i| ys[i], columns, rows)
}

fn grid_by(
    n: usize,
    xs: impl Fn(usize) -> f64,
    ys: impl Fn(usize) -> f64,
    columns: usize,
    rows: usize,
) -> Vec<usize> {
    let (Some((x0, x1)), Some((y0, y1))) = (extent_by(n, &xs), extent_by(n, &ys)) else {
        return Vec::new();
    };
    let (columns, rows) = (columns.max(1), rows.max(1));
    let cell = |v: f64, lo: f64, hi: f64, k: usize| -> usize {
        if hi <= lo {
            0
        } else {
            (((v - lo) / (hi - lo) * k as f64) as usize).min(k - 1)
        }
    };
    let mut taken = vec![false; columns * rows];
    let mut out = Vec::new();
    for i in 0..n {
        let (x, y) = (xs(i), ys(i));
        if x.is_nan() || y.is_nan() {
            continue;
        }
        let c = cell(y, y0, y1, rows) * columns + cell(x, x0, x1, columns);
        if !taken[c] {
            taken[c] = true;
            out.push(i);
        }
    }
    out
}
