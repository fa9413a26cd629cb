//! A d3 number format applied to an axis's ticks as d3's `scale.tickFormat(count,
//! specifier)` applies it (and so Vega's axes): a specifier without a precision takes the
//! precision the tick step needs, and `s` writes every tick with the SI prefix of the
//! largest one — `format: "s"` on ticks every 2,000,000 up to 12,000,000 reads `0M`, `2M`,
//! … `12M`, not `12.0000M`.

use super::NumberFormat;

/// The SI prefixes from 10⁻²⁴ to 10²⁴.
const PREFIXES: [&str; 17] = [
    "y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y",
];

/// d3's `exponent`: the power of ten of `x`'s first digit (0 for 0).
fn exponent(x: f64) -> i32 {
    if x == 0.0 || !x.is_finite() {
        0
    } else {
        x.abs().log10().floor() as i32
    }
}

/// The exponent (a multiple of 3, within 10⁻²⁴…10²⁴) of the SI prefix of `value`.
fn si_exponent(value: f64) -> i32 {
    (exponent(value).div_euclid(3) * 3).clamp(-24, 24)
}

impl NumberFormat {
    /// This format as d3 applies it to `ticks` (in order, evenly spaced): without a
    /// precision, `f` and `%` take the decimals the step needs (`precisionFixed`), and `s`
    /// the prefix of the largest tick with the decimals the step needs in it
    /// (`precisionPrefix`); other types and a given precision stay as they are.
    pub fn for_ticks(&self, ticks: &[f64]) -> NumberFormat {
        let mut f = self.clone();
        let (Some(first), Some(last)) = (ticks.first(), ticks.last()) else {
            return f;
        };
        let step = match ticks {
            [a, b, ..] => (b - a).abs(),
            _ => 0.0,
        };
        if f.kind == 's' {
            let largest = first.abs().max(last.abs());
            let e = si_exponent(largest);
            f.si_exponent = Some(e);
            if f.precision.is_none() && step > 0.0 {
                f.precision = Some((e - exponent(step)).max(0) as usize);
            }
            return f;
        }
        if f.precision.is_some() || step <= 0.0 {
            return f;
        }
        f.precision = match f.kind {
            'f' => Some((-exponent(step)).max(0) as usize),
            '%' => Some((-exponent(step) - 2).max(0) as usize),
            // d3 gives none, `e`, `g` and `r` significant digits (`precisionRound`), which
            // writes `format: ","` ticks of 10,000 as "1e+4": stdviz keeps its own rule.
            _ => None,
        };
        f
    }

    /// `v` in the fixed SI prefix of [`NumberFormat::for_ticks`], with `fixed` (the
    /// format's fixed-point writer) and `trim` (its `~`).
    pub(super) fn with_prefix(
        &self,
        v: f64,
        fixed: &dyn Fn(f64, usize) -> String,
        trim: &dyn Fn(String) -> String,
    ) -> String {
        let e = self.si_exponent.unwrap_or(0);
        let body = fixed(v / 10f64.powi(e), self.precision.unwrap_or(0));
        let body = if self.trim { trim(body) } else { body };
        format!("{body}{}", PREFIXES[((e + 24) / 3) as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(spec: &str, ticks: &[f64]) -> Vec<String> {
        let f = NumberFormat::parse(spec).expect("format").for_ticks(ticks);
        ticks.iter().map(|t| f.format(*t)).collect()
    }

    #[test]
    fn si_ticks_share_the_largest_ones_prefix() {
        // d3.scaleLinear().domain([-12e6, 12e6]).tickFormat(7, "s").
        let ticks: Vec<f64> = (-3..=3).map(|i| f64::from(i) * 4e6).collect();
        assert_eq!(
            labels("s", &ticks),
            [
                "\u{2212}12M",
                "\u{2212}8M",
                "\u{2212}4M",
                "0M",
                "4M",
                "8M",
                "12M"
            ]
        );
        assert_eq!(
            labels("s", &[0.0, 500.0, 1000.0, 1500.0]),
            ["0.0k", "0.5k", "1.0k", "1.5k"]
        );
        // A given precision counts decimals after the prefix, as in d3's `formatPrefix`.
        assert_eq!(labels(".3s", &[0.0, 1e6]), ["0.000M", "1.000M"]);
    }

    #[test]
    fn precision_follows_the_step() {
        assert_eq!(labels("%", &[0.0, 0.1, 0.2]), ["0%", "10%", "20%"]);
        assert_eq!(labels("%", &[0.0, 0.005, 0.01]), ["0.0%", "0.5%", "1.0%"]);
        assert_eq!(labels("f", &[0.0, 0.2, 0.4]), ["0.0", "0.2", "0.4"]);
        assert_eq!(labels(",f", &[0.0, 5000.0]), ["0", "5,000"]);
        assert_eq!(labels(",", &[0.0, 10_000.0]), ["0", "10,000"]);
        // A precision given, or `d`, is kept.
        assert_eq!(labels(".2f", &[0.0, 10.0]), ["0.00", "10.00"]);
        assert_eq!(labels("d", &[0.0, 10.0]), ["0", "10"]);
    }
}
