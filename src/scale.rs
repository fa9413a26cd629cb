//! Scales: data values to CSS-pixel positions.
//!
//! [`LinearScale`] for quantities (with "nice" round ticks, as Vega-Lite's default
//! `nice: true, zero: true` gives for bars) and [`BandScale`] for categories.

/// A linear map from a numeric domain onto a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    /// Domain start and end (data units).
    pub domain: (f64, f64),
    /// Range start and end (CSS px). May run backwards (e.g. bottom to top).
    pub range: (f32, f32),
}

impl LinearScale {
    /// Maps a value to a position.
    pub fn map(&self, v: f64) -> f32 {
        let (d0, d1) = self.domain;
        let t = if d1 == d0 { 0.0 } else { (v - d0) / (d1 - d0) };
        self.range.0 + (t as f32) * (self.range.1 - self.range.0)
    }

    /// Maps a position back to a value.
    pub fn invert(&self, p: f32) -> f64 {
        let (r0, r1) = self.range;
        let t = if r1 == r0 {
            0.0
        } else {
            f64::from((p - r0) / (r1 - r0))
        };
        self.domain.0 + t * (self.domain.1 - self.domain.0)
    }
}

/// A tick step that is 1, 2 or 5 times a power of ten, giving about `count` ticks over `span`.
pub fn tick_step(span: f64, count: usize) -> f64 {
    if span <= 0.0 || !span.is_finite() {
        return 1.0;
    }
    let raw = span / count.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let err = raw / power;
    let factor = if err >= 7.5 {
        10.0
    } else if err >= 3.5 {
        5.0
    } else if err >= 1.5 {
        2.0
    } else {
        1.0
    };
    factor * power
}

/// Extends `(lo, hi)` to include zero and round out to whole tick steps; returns the nice
/// domain and its ticks. An empty or all-zero domain becomes `0..1`.
pub fn nice_zero_domain(lo: f64, hi: f64, count: usize) -> ((f64, f64), Vec<f64>) {
    let (mut lo, mut hi) = (lo.min(0.0), hi.max(0.0));
    if !lo.is_finite() || !hi.is_finite() || lo == hi {
        lo = 0.0;
        hi = 1.0;
    }
    let step = tick_step(hi - lo, count);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let n = ((hi - lo) / step).round() as usize;
    let ticks = (0..=n).map(|i| lo + step * i as f64).collect();
    ((lo, hi), ticks)
}

/// Evenly spaced bands for categories, with Vega-Lite's bar padding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandScale {
    /// Number of categories.
    pub count: usize,
    /// Pixel range start and end.
    pub range: (f32, f32),
    /// Inner padding as a fraction of the step (Vega-Lite bars: 0.1).
    pub padding_inner: f32,
    /// Outer padding as a fraction of the step.
    pub padding_outer: f32,
}

impl BandScale {
    /// Distance from one band's start to the next.
    pub fn step(&self) -> f32 {
        let n = self.count.max(1) as f32;
        let span = self.range.1 - self.range.0;
        span / (n - self.padding_inner + 2.0 * self.padding_outer)
    }

    /// Width of each band.
    pub fn bandwidth(&self) -> f32 {
        self.step() * (1.0 - self.padding_inner)
    }

    /// Start of band `i`.
    pub fn start(&self, i: usize) -> f32 {
        self.range.0 + self.step() * (self.padding_outer + i as f32)
    }

    /// Centre of band `i`.
    pub fn center(&self, i: usize) -> f32 {
        self.start(i) + self.bandwidth() / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_maps_and_inverts() {
        let s = LinearScale {
            domain: (0.0, 100.0),
            range: (200.0, 0.0),
        };
        assert_eq!(s.map(0.0), 200.0);
        assert_eq!(s.map(80.0), 40.0);
        assert!((s.invert(40.0) - 80.0).abs() < 1e-4);
    }

    #[test]
    fn nice_domain_for_the_founding_figures_is_0_to_80_in_tens_or_twenties() {
        let ((lo, hi), ticks) = nice_zero_domain(8.0, 80.0, 5);
        assert_eq!(lo, 0.0);
        assert_eq!(hi, 80.0);
        assert_eq!(ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0]);
    }

    #[test]
    fn nice_domain_of_nothing_is_unit() {
        assert_eq!(nice_zero_domain(0.0, 0.0, 5).0, (0.0, 1.0));
    }

    #[test]
    fn tick_steps_are_1_2_5_times_powers_of_ten() {
        assert_eq!(tick_step(100.0, 5), 20.0);
        assert_eq!(tick_step(3_165_625.0, 5), 500_000.0);
        assert_eq!(tick_step(0.9, 10), 0.1);
    }

    #[test]
    fn bands_fill_the_range_with_padding() {
        let b = BandScale {
            count: 4,
            range: (0.0, 390.0),
            padding_inner: 0.1,
            padding_outer: 0.05,
        };
        assert!((b.start(0) - b.step() * 0.05).abs() < 1e-4);
        let end = b.start(3) + b.bandwidth();
        assert!((390.0 - end - b.step() * 0.05).abs() < 1e-3);
    }
}
