//! Number formatting for labels: thousands separators and just enough decimals.

/// Formats `v` with `,` thousands separators and `decimals` digits after the point.
pub fn grouped(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    let negative = v < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0');
    if negative {
        format!("-{out}")
    } else {
        out
    }
}

/// Decimals needed to show multiples of `step` exactly (0 for whole steps, at most 6).
pub fn decimals_for_step(step: f64) -> usize {
    let mut d = 0;
    let mut s = step.abs();
    while d < 6 && (s - s.round()).abs() > 1e-9 * s.max(1.0) {
        s *= 10.0;
        d += 1;
    }
    d
}

/// Formats a data value: thousands separators, up to two decimals, none if whole.
pub fn value(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        grouped(v, 0)
    } else {
        let s = grouped(v, 2);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Formats a share 0–1 as a percentage with one decimal: `42.6%`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(3_165_625.0, 0), "3,165,625");
        assert_eq!(grouped(80.0, 0), "80");
        assert_eq!(grouped(-44_499.5, 1), "-44,499.5");
        assert_eq!(grouped(-0.0001, 0), "0");
    }

    #[test]
    fn decimals_follow_the_step() {
        assert_eq!(decimals_for_step(20.0), 0);
        assert_eq!(decimals_for_step(0.2), 1);
        assert_eq!(decimals_for_step(0.05), 2);
    }

    #[test]
    fn values_and_percentages() {
        assert_eq!(value(80.0), "80");
        assert_eq!(value(12.5), "12.5");
        assert_eq!(value(1234.567), "1,234.57");
        assert_eq!(percent(80.0 / 188.0), "42.6%");
    }
}
