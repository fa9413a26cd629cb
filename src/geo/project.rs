//! Projections as d3-geo defines them (the formulas Vega uses), written here: a raw
//! projection of longitude/latitude in radians to unit-scale x/y (y up), then rotation,
//! centre, scale and translation to screen pixels (y down). Without `scale` and
//! `translate` the projection is fitted to the shapes and the view, as Vega's `fit` does.

use super::Position;
use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};

const EPSILON: f64 = 1e-6;

/// The projection types stdviz draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectionType {
    /// Mercator (conformal cylindrical).
    Mercator,
    /// Equal Earth (equal-area pseudocylindrical; Vega-Lite's default).
    EqualEarth,
    /// Albers' conic equal-area, with two standard parallels.
    ConicEqualArea,
    /// Lambert's conformal conic, with two standard parallels.
    ConicConformal,
    /// Plate carrée: longitude and latitude as x and y.
    Equirectangular,
    /// Coordinates as given (already planar), optionally reflected.
    Identity,
    /// d3's composite for the United States: Albers for the lower 48 states, with Alaska
    /// and Hawaii as insets below on the left.
    AlbersUsa,
}

impl ProjectionType {
    /// The Vega-Lite names, in the order of the variants.
    pub const NAMES: [&'static str; 7] = [
        "mercator",
        "equalEarth",
        "conicEqualArea",
        "conicConformal",
        "equirectangular",
        "identity",
        "albersUsa",
    ];

    /// The type of a Vega-Lite name.
    pub fn from_name(name: &str) -> Option<ProjectionType> {
        Some(match name {
            "mercator" => ProjectionType::Mercator,
            "equalEarth" => ProjectionType::EqualEarth,
            "conicEqualArea" => ProjectionType::ConicEqualArea,
            "conicConformal" => ProjectionType::ConicConformal,
            "equirectangular" => ProjectionType::Equirectangular,
            "identity" => ProjectionType::Identity,
            "albersUsa" => ProjectionType::AlbersUsa,
            _ => return None,
        })
    }

    /// d3's default scale of the type (used when a spec gives `translate` but no `scale`).
    fn default_scale(self) -> f64 {
        match self {
            ProjectionType::Mercator => 961.0 / std::f64::consts::TAU,
            ProjectionType::EqualEarth => 177.158,
            ProjectionType::ConicEqualArea => 155.424,
            ProjectionType::ConicConformal => 109.5,
            ProjectionType::Equirectangular => 152.63,
            ProjectionType::Identity => 1.0,
            ProjectionType::AlbersUsa => 1070.0,
        }
    }
}

/// A spec's `projection`, as read.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionSpec {
    /// The type (`type`; Vega-Lite's default is equalEarth).
    pub kind: ProjectionType,
    /// `center`: longitude and latitude, degrees.
    pub center: Option<(f64, f64)>,
    /// `rotate`: λ, φ, γ in degrees.
    pub rotate: [f64; 3],
    /// `parallels` of the conic projections, degrees.
    pub parallels: Option<(f64, f64)>,
    /// `scale`, if given (else fitted).
    pub scale: Option<f64>,
    /// `translate`, if given (else fitted).
    pub translate: Option<(f64, f64)>,
    /// `reflectX` (identity only).
    pub reflect_x: bool,
    /// `reflectY` (identity only).
    pub reflect_y: bool,
}

impl Default for ProjectionSpec {
    fn default() -> Self {
        ProjectionSpec {
            kind: ProjectionType::EqualEarth,
            center: None,
            rotate: [0.0; 3],
            parallels: None,
            scale: None,
            translate: None,
            reflect_x: false,
            reflect_y: false,
        }
    }
}

/// The raw (unit-scale, y up) forms, with a conic's constants computed once.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Raw {
    Mercator,
    EqualEarth,
    Equirectangular,
    /// Albers: n, c, ρ0.
    ConicEqualArea {
        n: f64,
        c: f64,
        r0: f64,
    },
    /// Cylindrical equal-area (Albers with n = 0): cos φ0.
    CylindricalEqualArea {
        cos_phi0: f64,
    },
    /// Lambert: n, f.
    ConicConformal {
        n: f64,
        f: f64,
    },
    Identity,
    /// The composite of three conics (`albers_usa_unit`).
    AlbersUsa,
}

fn tany(phi: f64) -> f64 {
    ((FRAC_PI_2 + phi) / 2.0).tan()
}

impl Raw {
    fn of(kind: ProjectionType, parallels: (f64, f64)) -> Raw {
        let (p0, p1) = (parallels.0.to_radians(), parallels.1.to_radians());
        match kind {
            ProjectionType::Mercator => Raw::Mercator,
            ProjectionType::EqualEarth => Raw::EqualEarth,
            ProjectionType::Equirectangular => Raw::Equirectangular,
            ProjectionType::Identity => Raw::Identity,
            ProjectionType::AlbersUsa => Raw::AlbersUsa,
            ProjectionType::ConicEqualArea => {
                let sy0 = p0.sin();
                let n = (sy0 + p1.sin()) / 2.0;
                if n.abs() < EPSILON {
                    return Raw::CylindricalEqualArea { cos_phi0: p0.cos() };
                }
                let c = 1.0 + sy0 * (2.0 * n - sy0);
                Raw::ConicEqualArea {
                    n,
                    c,
                    r0: c.sqrt() / n,
                }
            }
            ProjectionType::ConicConformal => {
                let cy0 = p0.cos();
                let n = if (p0 - p1).abs() < EPSILON {
                    p0.sin()
                } else {
                    (cy0 / p1.cos()).ln() / (tany(p1) / tany(p0)).ln()
                };
                if n.abs() < EPSILON || !n.is_finite() {
                    return Raw::Mercator;
                }
                Raw::ConicConformal {
                    n,
                    f: cy0 * tany(p0).powf(n) / n,
                }
            }
        }
    }

    /// λ, φ in radians → x, y (y up), unit scale.
    fn project(self, lambda: f64, phi: f64) -> (f64, f64) {
        match self {
            Raw::Mercator => {
                // Beyond ±85.05° the Mercator y runs away; clamp as a clipped map does.
                let phi = phi.clamp(-1.4844222297453324, 1.4844222297453324);
                (lambda, (FRAC_PI_4 + phi / 2.0).tan().ln())
            }
            Raw::Equirectangular | Raw::Identity | Raw::AlbersUsa => (lambda, phi),
            Raw::EqualEarth => {
                const A1: f64 = 1.340264;
                const A2: f64 = -0.081106;
                const A3: f64 = 0.000893;
                const A4: f64 = 0.003796;
                let m = 3f64.sqrt() / 2.0;
                let l = (m * phi.sin()).clamp(-1.0, 1.0).asin();
                let l2 = l * l;
                let l6 = l2 * l2 * l2;
                (
                    lambda * l.cos() / (m * (A1 + 3.0 * A2 * l2 + l6 * (7.0 * A3 + 9.0 * A4 * l2))),
                    l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2)),
                )
            }
            Raw::ConicEqualArea { n, c, r0 } => {
                let r = (c - 2.0 * n * phi.sin()).max(0.0).sqrt() / n;
                (r * (lambda * n).sin(), r0 - r * (lambda * n).cos())
            }
            Raw::CylindricalEqualArea { cos_phi0 } => (lambda * cos_phi0, phi.sin() / cos_phi0),
            Raw::ConicConformal { n, f } => {
                let phi = if f > 0.0 {
                    phi.max(-FRAC_PI_2 + EPSILON)
                } else {
                    phi.min(FRAC_PI_2 - EPSILON)
                };
                let r = f / tany(phi).powf(n);
                (r * (n * lambda).sin(), f - r * (n * lambda).cos())
            }
        }
    }
}

/// A projection ready to draw: position → screen pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    raw: Raw,
    /// Rotation in radians (λ, φ, γ).
    rotate: [f64; 3],
    /// The raw projection of the centre (unit scale).
    center: (f64, f64),
    /// Scale, px per unit.
    pub scale: f64,
    /// Where the centre lands, px.
    pub translate: (f64, f64),
    reflect_x: bool,
    reflect_y: bool,
}

impl Projection {
    /// The projection of `spec` with scale 1 at the origin (before fitting).
    fn unit(spec: &ProjectionSpec) -> Projection {
        let parallels = spec.parallels.unwrap_or(match spec.kind {
            ProjectionType::ConicConformal => (30.0, 30.0),
            _ => (0.0, 60.0),
        });
        let raw = Raw::of(spec.kind, parallels);
        let rotate = spec.rotate.map(f64::to_radians);
        let mut p = Projection {
            raw,
            rotate,
            center: (0.0, 0.0),
            scale: 1.0,
            translate: (0.0, 0.0),
            reflect_x: spec.reflect_x,
            reflect_y: spec.reflect_y,
        };
        if let Some((lon, lat)) = spec.center {
            p.center = if raw == Raw::Identity {
                (lon, lat)
            } else {
                raw.project(lon.to_radians(), lat.to_radians())
            };
        }
        p
    }

    /// The projection of `spec`; without `scale` and `translate`, fitted so that the
    /// bounds of `positions` fill `width` × `height` (Vega's `fit`, d3's `fitSize`).
    pub fn new<I>(spec: &ProjectionSpec, positions: I, width: f64, height: f64) -> Projection
    where
        I: IntoIterator<Item = Position>,
    {
        let mut p = Projection::unit(spec);
        if spec.scale.is_none() && spec.translate.is_none() {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for pos in positions {
                let (x, y) = p.apply(pos);
                if x.is_finite() && y.is_finite() {
                    x0 = x0.min(x);
                    x1 = x1.max(x);
                    y0 = y0.min(y);
                    y1 = y1.max(y);
                }
            }
            if x0 <= x1 {
                let (dx, dy) = (x1 - x0, y1 - y0);
                let k = match (dx > 0.0, dy > 0.0) {
                    (true, true) => (width / dx).min(height / dy),
                    (true, false) => width / dx,
                    (false, true) => height / dy,
                    (false, false) => 1.0,
                };
                p.scale = k;
                p.translate = (
                    (width - k * (x0 + x1)) / 2.0,
                    (height - k * (y0 + y1)) / 2.0,
                );
            } else {
                p.translate = (width / 2.0, height / 2.0);
            }
        } else {
            p.scale = spec.scale.unwrap_or(spec.kind.default_scale());
            p.translate = spec.translate.unwrap_or((width / 2.0, height / 2.0));
        }
        p
    }

    /// A position (degrees, or plain x/y for identity) → screen px (y down); not finite
    /// for a position the projection does not draw (albersUsa outside its parts).
    pub fn apply(&self, (lon, lat): Position) -> (f64, f64) {
        if self.raw == Raw::AlbersUsa {
            let (x, y) = Self::albers_usa_unit((lon, lat));
            return (
                self.translate.0 + self.scale * x,
                self.translate.1 + self.scale * y,
            );
        }
        let (x, y) = if self.raw == Raw::Identity {
            let x = if self.reflect_x { -lon } else { lon };
            let y = if self.reflect_y { -lat } else { lat };
            // Identity keeps screen orientation: y grows downwards unless reflected.
            return (
                self.translate.0 + self.scale * (x - self.center.0),
                self.translate.1 + self.scale * (y - self.center.1),
            );
        } else {
            let (l, p) = self.rotated(lon.to_radians(), lat.to_radians());
            self.raw.project(l, p)
        };
        (
            self.translate.0 + self.scale * (x - self.center.0),
            self.translate.1 - self.scale * (y - self.center.1),
        )
    }

    /// albersUsa at scale 1 around the origin (screen orientation): d3's three conic
    /// equal-area parts — the lower 48 (rotate [96, 0], centre [−0.6, 38.7], parallels
    /// 29.5° and 45.5°), Alaska (rotate [154, 0], centre [−2, 58.5], parallels 55° and
    /// 65°, at 0.35 of the scale, moved by (−0.307, 0.201)) and Hawaii (rotate [157, 0],
    /// centre [−3, 19.9], parallels 8° and 18°, moved by (−0.205, 0.212)). Each position
    /// goes through the part its place belongs to (Alaska north of 50° and west of
    /// 128° W or east of 160° E, Hawaii south of 26° and west of 150° W).
    fn albers_usa_unit((lon, lat): Position) -> (f64, f64) {
        // Each part: rotation, centre, parallels, scale, offset, and d3's clip extent
        // (x0, y0, x1, y1; what falls outside, e.g. Puerto Rico, is not drawn).
        let (rotate, center, parallels, k, offset, extent) =
            if lat > 50.0 && !(-128.0..=160.0).contains(&lon) {
                let extent = (-0.425, 0.120, -0.214, 0.234);
                (
                    154.0,
                    (-2.0, 58.5),
                    (55.0, 65.0),
                    0.35,
                    (-0.307, 0.201),
                    extent,
                )
            } else if lat < 26.0 && lon < -150.0 {
                let extent = (-0.214, 0.166, -0.115, 0.234);
                (
                    157.0,
                    (-3.0, 19.9),
                    (8.0, 18.0),
                    1.0,
                    (-0.205, 0.212),
                    extent,
                )
            } else {
                let extent = (-0.455, -0.238, 0.455, 0.238);
                (96.0, (-0.6, 38.7), (29.5, 45.5), 1.0, (0.0, 0.0), extent)
            };
        let part = Projection::unit(&ProjectionSpec {
            kind: ProjectionType::ConicEqualArea,
            center: Some(center),
            rotate: [rotate, 0.0, 0.0],
            parallels: Some(parallels),
            ..ProjectionSpec::default()
        });
        let (x, y) = part.apply((lon, lat));
        let (x, y) = (k * x + offset.0, k * y + offset.1);
        let (x0, y0, x1, y1) = extent;
        if x < x0 || x > x1 || y < y0 || y > y1 {
            return (f64::NAN, f64::NAN);
        }
        (x, y)
    }

    /// d3's rotation: λ by δλ (wrapped to ±π), then φ and γ about the axes.
    fn rotated(&self, lambda: f64, phi: f64) -> (f64, f64) {
        let [dl, dp, dg] = self.rotate;
        let mut l = lambda + dl;
        if l > PI {
            l -= 2.0 * PI;
        } else if l < -PI {
            l += 2.0 * PI;
        }
        if dp == 0.0 && dg == 0.0 {
            return (l, phi);
        }
        let (cos_dp, sin_dp, cos_dg, sin_dg) = (dp.cos(), dp.sin(), dg.cos(), dg.sin());
        let cos_phi = phi.cos();
        let (x, y, z) = (l.cos() * cos_phi, l.sin() * cos_phi, phi.sin());
        let k = z * cos_dp + x * sin_dp;
        (
            (y * cos_dg - k * sin_dg).atan2(x * cos_dp - z * sin_dp),
            (k * cos_dg + y * sin_dg).clamp(-1.0, 1.0).asin(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: ProjectionType) -> ProjectionSpec {
        ProjectionSpec {
            kind,
            ..ProjectionSpec::default()
        }
    }

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
    }

    #[test]
    fn mercator_by_hand() {
        // scale 100, translate (0, 0): (0°, 0°) → (0, 0); (180°, 85.0511287798°) →
        // x = 100·π = 314.159265…, and that latitude is the one where
        // ln(tan(π/4 + φ/2)) = π, so y = -100·π (screen y grows downwards).
        let s = ProjectionSpec {
            scale: Some(100.0),
            translate: Some((0.0, 0.0)),
            ..spec(ProjectionType::Mercator)
        };
        let p = Projection::new(&s, [], 500.0, 300.0);
        assert!(close(p.apply((0.0, 0.0)), (0.0, 0.0)));
        let (x, y) = p.apply((180.0, 85.0511287798));
        assert!((x - 100.0 * PI).abs() < 1e-6, "{x}");
        assert!((y + 100.0 * PI).abs() < 1e-4, "{y}");
        // Latitude 45°: ln(tan(67.5°)) = ln(2.414213562) = 0.881373587.
        let (_, y45) = p.apply((0.0, 45.0));
        assert!((y45 + 88.1373587).abs() < 1e-5, "{y45}");
    }

    #[test]
    fn equal_earth_by_hand() {
        // At the equator l = 0, so x = λ / (M·A1) with M = √3/2 = 0.8660254 and
        // A1 = 1.340264: M·A1 = 1.1607027, so λ = π/2 gives 1.5707963 / 1.1607027 = 1.3533150
        // (scale 1).
        let s = ProjectionSpec {
            scale: Some(1.0),
            translate: Some((0.0, 0.0)),
            ..spec(ProjectionType::EqualEarth)
        };
        let p = Projection::new(&s, [], 1.0, 1.0);
        let (x, y) = p.apply((90.0, 0.0));
        assert!((x - 1.3533150).abs() < 1e-6, "{x}");
        assert!(y.abs() < 1e-12);
        // At the pole sin l = M, l = π/3 = 1.0471976, l² = 1.0966227, l⁶ = 1.3188;
        // y = l (A1 + A2 l² + l⁶ (A3 + A4 l²)) = 1.0471976 × (1.340264 − 0.0889430
        // + 1.3188 × 0.0050558) = 1.0471976 × 1.2580... ≈ 1.3173627; screen y is −that.
        let (_, y90) = p.apply((0.0, 90.0));
        assert!((y90 + 1.3173627).abs() < 1e-4, "{y90}");
    }

    #[test]
    fn conic_equal_area_by_hand() {
        // Parallels 0° and 60°: n = (0 + sin 60°)/2 = 0.4330127, c = 1 + 0 = 1,
        // ρ0 = 1/n = 2.3094011. At (0°, 0°): ρ = √(1 − 0)/n = ρ0, so y = ρ0 − ρ = 0.
        // At (0°, 30°): ρ = √(1 − 2n·0.5)/n = √0.5669873/0.4330127 = 0.7529856/0.4330127
        // = 1.7389457, y = 2.3094011 − 1.7389457 = 0.5704554 (screen −0.5704554).
        let s = ProjectionSpec {
            scale: Some(1.0),
            translate: Some((0.0, 0.0)),
            parallels: Some((0.0, 60.0)),
            ..spec(ProjectionType::ConicEqualArea)
        };
        let p = Projection::new(&s, [], 1.0, 1.0);
        assert!(close(p.apply((0.0, 0.0)), (0.0, 0.0)));
        let (x, y) = p.apply((0.0, 30.0));
        assert!(x.abs() < 1e-9);
        assert!((y + 0.5704554).abs() < 1e-6, "{y}");
    }

    #[test]
    fn conic_conformal_one_parallel_by_hand() {
        // Parallels 30°, 30°: n = sin 30° = 0.5; tan((90°+30°)/2) = tan 60° = √3;
        // f = cos 30° · (√3)^0.5 / 0.5 = 0.8660254 × 1.3160740 × 2 = 2.2795070.
        // At (0°, 30°): ρ = f / (√3)^0.5 = 1.7320508, y = f − ρ = 0.5474562.
        let s = ProjectionSpec {
            scale: Some(1.0),
            translate: Some((0.0, 0.0)),
            parallels: Some((30.0, 30.0)),
            ..spec(ProjectionType::ConicConformal)
        };
        let p = Projection::new(&s, [], 1.0, 1.0);
        let (x, y) = p.apply((0.0, 30.0));
        assert!(x.abs() < 1e-9);
        assert!((y + 0.5474562).abs() < 1e-6, "{y}");
    }

    #[test]
    fn fit_fills_the_view_and_centres_the_shapes() {
        // Equirectangular over a 20° × 10° box fitted to 400 × 100: the height binds
        // (10° → 100 px), so the box is 200 px wide, centred: x from 100 to 300.
        let s = spec(ProjectionType::Equirectangular);
        let box_ = [(0.0, 0.0), (20.0, 0.0), (20.0, 10.0), (0.0, 10.0)];
        let p = Projection::new(&s, box_, 400.0, 100.0);
        assert!(
            close(p.apply((0.0, 10.0)), (100.0, 0.0)),
            "{:?}",
            p.apply((0.0, 10.0))
        );
        assert!(close(p.apply((20.0, 0.0)), (300.0, 100.0)));
    }

    #[test]
    fn albers_usa_places_the_lower_48_around_its_centre_and_insets_below_left() {
        // The lower 48's centre, 96.6° W 38.7° N, lands on `translate` (d3: the centre
        // after rotating by 96° is (−0.6°, 38.7°), the part's own centre).
        let s = ProjectionSpec {
            scale: Some(1000.0),
            translate: Some((480.0, 250.0)),
            ..spec(ProjectionType::AlbersUsa)
        };
        let p = Projection::new(&s, [], 1.0, 1.0);
        assert!(
            close(p.apply((-96.6, 38.7)), (480.0, 250.0)),
            "{:?}",
            p.apply((-96.6, 38.7))
        );
        // Alaska's centre (154° W − 2° = 156° W, 58.5° N) lands at the inset's offset:
        // 480 − 0.307·1000, 250 + 0.201·1000.
        assert!(
            close(p.apply((-156.0, 58.5)), (173.0, 451.0)),
            "{:?}",
            p.apply((-156.0, 58.5))
        );
        // Hawaii's (157° W + 3° = 160° W, 19.9° N): 480 − 205, 250 + 212.
        assert!(close(p.apply((-160.0, 19.9)), (275.0, 462.0)));
        // Puerto Rico (66.5° W, 18.2° N) lies outside every part: not drawn.
        assert!(p.apply((-66.5, 18.2)).0.is_nan());
    }

    #[test]
    fn identity_reflect_y_flips() {
        let s = ProjectionSpec {
            reflect_y: true,
            scale: Some(2.0),
            translate: Some((10.0, 10.0)),
            ..spec(ProjectionType::Identity)
        };
        let p = Projection::new(&s, [], 1.0, 1.0);
        assert!(close(p.apply((3.0, 4.0)), (16.0, 2.0)));
    }

    #[test]
    fn rotation_moves_the_meridian() {
        // rotate [-90, 0, 0]: longitude 90° lands where 0° was.
        let s = ProjectionSpec {
            rotate: [-90.0, 0.0, 0.0],
            scale: Some(1.0),
            translate: Some((0.0, 0.0)),
            ..spec(ProjectionType::Equirectangular)
        };
        let p = Projection::new(&s, [], 1.0, 1.0);
        assert!(close(p.apply((90.0, 10.0)), (0.0, -10f64.to_radians())));
    }
}
