//! Decimal text → `f64`, correctly rounded, accepting exactly what `str::parse::<f64>` does.
//!
//! Why not `str::parse`: the standard library's parser carries a 10 KB table of 128-bit
//! powers of five (Eisel–Lemire), about 5% of the gzipped wasm. Here the common case —
//! at most 19 significant digits that fit 53 bits, and a power of ten up to 10^22 — is one
//! exactly rounded multiplication or division (Clinger's fast path); anything else starts
//! from a close estimate and moves one float at a time, deciding each step by comparing
//! the exact decimal value with the exact midpoint between two neighbouring floats in
//! big-integer arithmetic (ties to even). The tests compare every result, bit for bit,
//! with `str::parse::<f64>`.

use std::cmp::Ordering;

/// Exact powers of ten as `f64` (10^22 is the largest that is exact).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses `s` as `str::parse::<f64>` does (same accepted syntax, same result); `None`
/// where that returns an error. Surrounding whitespace is not accepted.
pub fn parse_f64(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (negative, body) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let v = parse_unsigned(body)?;
    Some(if negative { -v } else { v })
}

fn parse_unsigned(b: &[u8]) -> Option<f64> {
    for (name, v) in [
        (&b"inf"[..], f64::INFINITY),
        (b"infinity", f64::INFINITY),
        (b"nan", f64::NAN),
    ] {
        if b.eq_ignore_ascii_case(name) {
            return Some(v);
        }
    }
    // The mantissa: digits with at most one point, at least one digit.
    let end = b
        .iter()
        .position(|&c| c == b'e' || c == b'E')
        .unwrap_or(b.len());
    let mantissa = &b[..end];
    let mut point = false;
    let mut any_digit = false;
    for &c in mantissa {
        match c {
            b'0'..=b'9' => any_digit = true,
            b'.' if !point => point = true,
            _ => return None,
        }
    }
    if !any_digit {
        return None;
    }
    let mut exp10 = match b.get(end + 1..) {
        None => 0,
        Some(e) => exponent(e)?,
    };
    // Without allocating: the first 19 significant digits as an integer, how many
    // significant digits there are, how many of them are trailing zeros.
    let (mut w, mut count, mut zeros) = (0u64, 0usize, 0usize);
    for &c in mantissa {
        match c {
            b'.' => {}
            b'0' if count == 0 => {}
            c => {
                if count < 19 {
                    w = w * 10 + u64::from(c - b'0');
                }
                count += 1;
                zeros = if c == b'0' { zeros + 1 } else { 0 };
            }
        }
    }
    let fraction_digits = mantissa
        .iter()
        .position(|&c| c == b'.')
        .map_or(0, |p| mantissa.len() - p - 1);
    exp10 -= fraction_digits as i64;
    if count == 0 {
        return Some(0.0);
    }
    let n = count - zeros;
    exp10 += zeros as i64;
    // The value lies in [10^(n-1+exp10), 10^(n+exp10)).
    let magnitude = n as i64 + exp10;
    if magnitude > 310 {
        return Some(f64::INFINITY);
    }
    if magnitude < -324 {
        return Some(0.0);
    }
    let exp10 = exp10 as i32;
    if n <= 19 {
        // `w` holds min(count, 19) digits, of which all but n are trailing zeros.
        let w = w / 10u64.pow((count.min(19) - n) as u32);
        if w < (1 << 53) && (-22..=22).contains(&exp10) {
            // Both operands exact: one correctly rounded operation.
            return Some(if exp10 >= 0 {
                w as f64 * POW10[exp10 as usize]
            } else {
                w as f64 / POW10[(-exp10) as usize]
            });
        }
    }
    let lead = n.min(19);
    let w = w / 10u64.pow((count.min(19) - lead) as u32);
    let estimate = estimate(w, exp10 + (n - lead) as i32);
    // The significant digits as a big integer. Digits past the 780th only matter as
    // "something non-zero follows": a midpoint between two floats has at most 768
    // significant digits, so a 1 in 781st place compares with every midpoint as the
    // whole tail does.
    let mut value = Big::ZERO;
    let (mut seen, mut kept, mut sticky) = (0usize, 0usize, false);
    for &c in mantissa {
        if !c.is_ascii_digit() || (seen == 0 && c == b'0') {
            continue;
        }
        if seen == n {
            break;
        }
        seen += 1;
        if kept < MAX_DIGITS {
            value.mul_add(10, u32::from(c - b'0'));
            kept += 1;
        } else {
            sticky |= c != b'0';
        }
    }
    let mut exp10 = exp10 + (n - kept) as i32;
    if sticky {
        value.mul_add(10, 1);
        exp10 -= 1;
    }
    Some(refine(&value, exp10, estimate))
}

/// The exponent after `e`: an optional sign and at least one digit; saturated, since
/// anything this large overflows or underflows anyway.
fn exponent(b: &[u8]) -> Option<i64> {
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() {
        return None;
    }
    let mut e: i64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        e = (e * 10 + i64::from(c - b'0')).min(1 << 40);
    }
    Some(if negative { -e } else { e })
}

/// `w × 10^e` within a few units in the last place (at most one rounding per factor of
/// 10^22), never overflowing or underflowing before the last step.
fn estimate(w: u64, mut e: i32) -> f64 {
    let mut z = w as f64;
    while e > 0 {
        let s = e.min(22);
        z *= POW10[s as usize];
        e -= s;
    }
    while e < 0 {
        let s = (-e).min(22);
        z /= POW10[s as usize];
        e += s;
    }
    if z.is_infinite() {
        f64::MAX
    } else {
        z
    }
}

/// Moves `z` to the float nearest `value × 10^exp10` (ties to even).
fn refine(value: &Big, exp10: i32, mut z: f64) -> f64 {
    // Far more steps than an estimate a few units off needs; a bound, never reached.
    for _ in 0..256 {
        let (m, _) = decompose(z);
        match compare_with_upper_midpoint(value, exp10, z) {
            Ordering::Greater => {
                if z == f64::MAX {
                    return f64::INFINITY;
                }
                z = next_up(z);
                continue;
            }
            Ordering::Equal if m % 2 == 1 => {
                if z == f64::MAX {
                    return f64::INFINITY;
                }
                return next_up(z);
            }
            _ => {}
        }
        if z == 0.0 {
            return z;
        }
        let below = next_down(z);
        match compare_with_upper_midpoint(value, exp10, below) {
            Ordering::Less => z = below,
            Ordering::Equal if m % 2 == 1 => return below,
            _ => return z,
        }
    }
    z
}

/// A non-negative finite float as `m × 2^k` with an integer `m`.
fn decompose(z: f64) -> (u64, i32) {
    let bits = z.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    }
}

fn next_up(z: f64) -> f64 {
    f64::from_bits(z.to_bits() + 1)
}

fn next_down(z: f64) -> f64 {
    f64::from_bits(z.to_bits() - 1)
}

/// Compares `value × 10^exp10` with the midpoint between `z` and the next float up,
/// `(2m + 1) × 2^(k-1)`, exactly.
fn compare_with_upper_midpoint(value: &Big, exp10: i32, z: f64) -> Ordering {
    let (m, k) = decompose(z);
    let k = k - 1;
    let mut value = value.clone();
    let mut mid = Big::ZERO;
    mid.add_u64(2 * m + 1);
    if exp10 >= 0 {
        value.mul_pow10(exp10 as u32);
    } else {
        mid.mul_pow10((-exp10) as u32);
    }
    if k >= 0 {
        mid.shl(k as u32);
    } else {
        value.shl((-k) as u32);
    }
    value.cmp(&mid)
}

/// Significant digits kept exactly (see `parse_unsigned`).
const MAX_DIGITS: usize = 780;

/// Limbs of [`Big`]: enough for every operand `compare_with_upper_midpoint` builds.
/// The decimal side is at most 781 digits (2,595 bits) times 10^exp10 with
/// digits + exp10 ≤ 310, or times 2^1076 when exp10 < 0: under 3,700 bits. The midpoint
/// side is 54 bits times 10^(-exp10) ≤ 10^1105 (3,671 bits), or times 2^971 when
/// exp10 ≥ 0: under 3,730 bits. 128 limbs hold 4,096.
const LIMBS: usize = 128;

/// An unsigned big integer: 32-bit limbs, least significant first, `len` in use.
#[derive(Clone)]
struct Big {
    limbs: [u32; LIMBS],
    len: usize,
}

impl Big {
    const ZERO: Big = Big {
        limbs: [0; LIMBS],
        len: 0,
    };

    /// Appends a limb (the bounds above keep `len` below `LIMBS`).
    fn push(&mut self, limb: u32) {
        if self.len < LIMBS {
            self.limbs[self.len] = limb;
            self.len += 1;
        }
    }

    fn add_u64(&mut self, v: u64) {
        let mut carry = v;
        let mut i = 0;
        while carry > 0 {
            if i == self.len {
                self.push(0);
                if i == self.len {
                    return;
                }
            }
            let t = u64::from(self.limbs[i]) + (carry & 0xffff_ffff);
            self.limbs[i] = t as u32;
            carry = (carry >> 32) + (t >> 32);
            i += 1;
        }
    }

    /// `self = self × f + add`.
    fn mul_add(&mut self, f: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.limbs[..self.len] {
            let t = u64::from(*limb) * u64::from(f) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e > 0 {
            let s = e.min(9);
            self.mul_add(10u32.pow(s), 0);
            e -= s;
        }
    }

    fn shl(&mut self, bits: u32) {
        if self.len == 0 {
            return;
        }
        let (shift, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.limbs[..self.len] {
                let t = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = t;
            }
            if carry > 0 {
                self.push(carry);
            }
        }
        let len = (self.len + shift).min(LIMBS);
        self.limbs.copy_within(0..len - shift, shift);
        self.limbs[..shift].fill(0);
        self.len = len;
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let (a, b) = (&self.limbs[..self.len], &other.limbs[..other.len]);
        let top = |x: &[u32]| x.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        let (a, b) = (&a[..top(a)], &b[..top(b)]);
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(s: &str) {
        let ours = parse_f64(s);
        let std = s.parse::<f64>().ok();
        match (ours, std) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{s}: {a:e} vs {b:e}"),
            (None, None) => {}
            _ => panic!("{s}: {ours:?} vs {std:?}"),
        }
    }

    #[test]
    fn syntax_is_the_standard_librarys() {
        for s in [
            "",
            "+",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1.",
            ".5",
            "+.5",
            "-.5e-1",
            "1.2.3",
            "1e5e5",
            " 1",
            "1 ",
            "1_000",
            "0x10",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "infinit",
            "nan",
            "NaN",
            "-nan",
            "+nan",
            "nan1",
            "1e+05",
            "1E-05",
            "00012.5000",
            "0",
            "-0",
            "0.000",
            "0e999999999999999999999",
            "1e999999999999999999999",
            "1e-99999999999",
            "١",
            "1,5",
            "--1",
            "+-1",
            "1d",
            "1f",
        ] {
            same(s);
        }
    }

    #[test]
    fn hard_cases_round_as_the_standard_library_does() {
        for s in [
            "9007199254740993",
            "9007199254740992.5",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-324",
            "5e-324",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "179769313486231580793728971405301e276",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "3.141592653589793238462643383279502884197169399375105820974944",
            "1e23",
            "8.41e21",
            "1e-7",
            "7.3177701707893310e+15",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
        ] {
            same(s);
        }
    }

    #[test]
    fn random_decimals_match_the_standard_library_bit_for_bit() {
        // A fixed-seed 64-bit LCG, so the strings are the same on every run.
        let mut state: u64 = 0x2024_0110;
        let mut next = |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        for _ in 0..20_000 {
            let mut s = String::new();
            if next(4) == 0 {
                s.push('-');
            }
            let long = next(3) == 0;
            let len = 1 + next(if long { 40 } else { 20 }) as usize;
            let dot = next(len as u64 + 2) as usize;
            for i in 0..len {
                if i == dot {
                    s.push('.');
                }
                let d = if next(6) == 0 { 9 } else { next(10) };
                s.push(char::from(b'0' + d as u8));
            }
            if next(2) == 0 {
                s.push(if next(2) == 0 { 'e' } else { 'E' });
                let e = next(700) as i64 - 350;
                s.push_str(&e.to_string());
            }
            same(&s);
        }
    }

    /// The decimal digits of `b`.
    fn to_decimal(b: &Big) -> String {
        let mut limbs = b.limbs[..b.len].to_vec();
        let mut chunks = Vec::new();
        while !limbs.is_empty() {
            let mut rem = 0u64;
            for limb in limbs.iter_mut().rev() {
                let t = (rem << 32) | u64::from(*limb);
                *limb = (t / 1_000_000_000) as u32;
                rem = t % 1_000_000_000;
            }
            while limbs.last() == Some(&0) {
                limbs.pop();
            }
            chunks.push(rem);
        }
        let mut s = chunks.pop().map_or("0".to_string(), |c| c.to_string());
        for c in chunks.iter().rev() {
            s.push_str(&format!("{c:09}"));
        }
        s
    }

    #[test]
    fn exact_midpoints_between_floats_and_their_neighbours() {
        let mut state: u64 = 11;
        for _ in 0..2_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // An odd 54-bit integer times 2^j is halfway between two floats.
            let m = (state >> 10) | (1 << 53) | 1;
            let j = (state % 1200) as i32 - 1100;
            let mut b = Big::ZERO;
            b.add_u64(m);
            let text = if j >= 0 {
                b.shl(j as u32);
                to_decimal(&b)
            } else {
                // m × 2^j = m × 5^-j / 10^-j.
                for _ in 0..-j {
                    b.mul_add(5, 0);
                }
                let digits = to_decimal(&b);
                format!("{digits}e{j}")
            };
            same(&text);
            let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
            same(&format!(
                "{mantissa}0000000001e{}",
                exp.parse::<i32>().unwrap() - 10
            ));
            let below: String = mantissa.trim_end_matches('0').to_string();
            let last = below.len() - 1;
            let lowered = format!(
                "{}{}999",
                &below[..last],
                (below.as_bytes()[last] - 1) as char
            );
            let shift = (mantissa.len() - below.len()) as i32 - 3;
            same(&format!(
                "{lowered}e{}",
                exp.parse::<i32>().unwrap() + shift
            ));
        }
    }

    #[test]
    fn every_shortest_float_text_reads_back_exactly() {
        let mut state: u64 = 7;
        for _ in 0..10_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let v = f64::from_bits(state >> 1);
            if v.is_finite() {
                for s in [format!("{v}"), format!("{v:e}"), format!("{v:.3e}")] {
                    same(&s);
                }
            }
        }
    }
}
