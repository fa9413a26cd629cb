//! Vega's continuous colour schemes as colour stops, interpolated piecewise-linearly in
//! RGB between evenly spaced stops (as Vega's `interpolateColors` does).
//!
//! The stops are those of Vega's published scheme definitions (vega/vega,
//! `packages/vega-scale/src/palettes.js`, BSD-3-Clause; the sequential and diverging ones
//! derive from ColorBrewer by Cynthia Brewer, Apache-2.0, and viridis/magma/inferno/plasma
//! from matplotlib's by Stéfan van der Walt and Nathaniel Smith, CC0), written here as
//! hexadecimal RGB values.

/// A named ramp: its stops, darkest or first colour first, as 0xRRGGBB.
pub fn ramp(name: &str) -> Option<&'static [u32]> {
    let lower = name.to_ascii_lowercase();
    RAMPS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(&lower))
        .map(|(_, stops)| *stops)
}

/// Names of the ramps (Vega's spelling; matched without regard to case).
pub fn ramp_names() -> impl Iterator<Item = &'static str> {
    RAMPS.iter().map(|(n, _)| *n)
}

/// Vega-Lite's default ramp for quantitative colour.
pub const DEFAULT_SEQUENTIAL: &str = "blues";
/// Vega-Lite's default ramp for quantitative colour on `rect` marks (its `heatmap` range).
pub const DEFAULT_HEATMAP: &str = "yellowGreenBlue";
/// Vega-Lite's default ramp for a scale with a `domainMid` (its `diverging` range).
pub const DEFAULT_DIVERGING: &str = "blueOrange";

const RAMPS: &[(&str, &[u32])] = &[
    (
        "blues",
        &[
            0xcfe1f2, 0xbed8ec, 0xa8cee5, 0x8fc1de, 0x74b2d7, 0x5ba3cf, 0x4592c6, 0x3181bd,
            0x206fb2, 0x125ca4, 0x0a4a90,
        ],
    ),
    (
        "greens",
        &[
            0xd3eecd, 0xc0e6ba, 0xabdda5, 0x94d391, 0x7bc77d, 0x60ba6c, 0x46ab5e, 0x329a51,
            0x208943, 0x0e7735, 0x036429,
        ],
    ),
    (
        "greys",
        &[
            0xe2e2e2, 0xd4d4d4, 0xc4c4c4, 0xb1b1b1, 0x9d9d9d, 0x888888, 0x757575, 0x626262,
            0x4d4d4d, 0x353535, 0x1e1e1e,
        ],
    ),
    (
        "oranges",
        &[
            0xfdd8b3, 0xfdc998, 0xfdb87b, 0xfda55e, 0xfc9244, 0xf87f2c, 0xf06b18, 0xe4580b,
            0xd14904, 0xb93d02, 0x9f3303,
        ],
    ),
    (
        "purples",
        &[
            0xe2e1ef, 0xd4d4e8, 0xc4c5e0, 0xb4b3d6, 0xa3a0cc, 0x928ec3, 0x827cb9, 0x7566ae,
            0x684ea2, 0x5c3696, 0x501f8c,
        ],
    ),
    (
        "reds",
        &[
            0xfdc9b4, 0xfcb49a, 0xfc9e80, 0xfc8767, 0xfa7051, 0xf6573f, 0xec3f2f, 0xdc2a25,
            0xc81b1d, 0xb21218, 0x970b13,
        ],
    ),
    (
        "yellowGreenBlue",
        &[
            0xeff9bd, 0xdbf1b4, 0xbde5b5, 0x94d5b9, 0x69c5be, 0x45b4c2, 0x2c9ec0, 0x2182b8,
            0x2163aa, 0x23479c, 0x1c3185,
        ],
    ),
    (
        "yellowOrangeRed",
        &[
            0xfee087, 0xfed16f, 0xfebd59, 0xfea849, 0xfd903e, 0xfc7335, 0xf9522b, 0xee3423,
            0xde1b20, 0xca0b22, 0xaf0225,
        ],
    ),
    (
        "blueOrange",
        &[
            0x134b85, 0x2f78b3, 0x5da2cb, 0x9dcae1, 0xd2e5ef, 0xf2f0eb, 0xfce0ba, 0xfbbf74,
            0xe8932f, 0xc5690d, 0x994a07,
        ],
    ),
    (
        "redBlue",
        &[
            0x8c0d25, 0xbf363a, 0xdf745e, 0xf4ae91, 0xfbdbc9, 0xf2efee, 0xd2e5ef, 0x9dcae1,
            0x5da2cb, 0x2f78b3, 0x134b85,
        ],
    ),
    (
        "redYellowBlue",
        &[
            0xa50026, 0xd4322c, 0xf16e43, 0xfcac64, 0xfedd90, 0xfaf8c1, 0xdcf1ec, 0xabd6e8,
            0x75abd0, 0x4a74b4, 0x313695,
        ],
    ),
    (
        "redYellowGreen",
        &[
            0xa50026, 0xd4322c, 0xf16e43, 0xfcac63, 0xfedd8d, 0xf9f7ae, 0xd7ee8e, 0xa4d86e,
            0x64bc61, 0x22964f, 0x006837,
        ],
    ),
    (
        "purpleGreen",
        &[
            0x5b1667, 0x834792, 0xa67fb6, 0xc9aed3, 0xe6d6e8, 0xeff0ef, 0xd9efd5, 0xaedda9,
            0x71bb75, 0x368e49, 0x0e5e29,
        ],
    ),
    (
        "brownBlueGreen",
        &[
            0x704108, 0xa0651a, 0xc79548, 0xe3c78a, 0xf3e6c6, 0xeef1ea, 0xc9e9e4, 0x8ed1c7,
            0x4da79e, 0x187a72, 0x025147,
        ],
    ),
    (
        "spectral",
        &[
            0x9e0142, 0xd13c4b, 0xf0704a, 0xfcac63, 0xfedd8d, 0xfbf8b0, 0xe0f3a1, 0xa9dda2,
            0x69bda9, 0x4288b5, 0x5e4fa2,
        ],
    ),
    (
        "viridis",
        &[
            0x440154, 0x470e61, 0x481a6c, 0x482575, 0x472f7d, 0x443a83, 0x414487, 0x3d4e8a,
            0x39568c, 0x35608d, 0x31688e, 0x2d708e, 0x2a788e, 0x27818e, 0x23888e, 0x21918d,
            0x1f988b, 0x1fa088, 0x22a884, 0x2ab07f, 0x35b779, 0x43bf71, 0x54c568, 0x66cc5d,
            0x7ad151, 0x8fd744, 0xa5db36, 0xbcdf27, 0xd2e21b, 0xe9e51a, 0xfde725,
        ],
    ),
    (
        "magma",
        &[
            0x000004, 0x040413, 0x0b0924, 0x150e37, 0x20114b, 0x2c1160, 0x3b0f70, 0x4a1079,
            0x57157e, 0x651a80, 0x721f81, 0x7f2482, 0x8c2981, 0x9a2e80, 0xa8327d, 0xb6377a,
            0xc43c75, 0xd1426f, 0xde4968, 0xe95462, 0xf1605d, 0xf76f5c, 0xfa7f5e, 0xfc8f65,
            0xfe9f6d, 0xfeaf78, 0xfebf84, 0xfece91, 0xfddea0, 0xfcedaf, 0xfcfdbf,
        ],
    ),
    (
        "inferno",
        &[
            0x000004, 0x040313, 0x0c0826, 0x170c3b, 0x240c4f, 0x330a5f, 0x420a68, 0x500d6c,
            0x5d126e, 0x6b176e, 0x781c6d, 0x86216b, 0x932667, 0xa12b62, 0xae305c, 0xbb3755,
            0xc73e4c, 0xd24644, 0xdd513a, 0xe65c30, 0xed6925, 0xf3771a, 0xf8850f, 0xfb9506,
            0xfca50a, 0xfcb519, 0xfac62d, 0xf6d645, 0xf2e661, 0xf3f484, 0xfcffa4,
        ],
    ),
    (
        "plasma",
        &[
            0x0d0887, 0x230690, 0x330597, 0x42039d, 0x5002a2, 0x5d01a6, 0x6a00a8, 0x7801a8,
            0x8405a7, 0x900da4, 0x9c179e, 0xa72198, 0xb12a90, 0xba3488, 0xc33d80, 0xcb4779,
            0xd35171, 0xda5a69, 0xe16462, 0xe76e5b, 0xed7953, 0xf2834c, 0xf68f44, 0xfa9a3d,
            0xfca636, 0xfdb32f, 0xfec029, 0xfcce25, 0xf9dc24, 0xf5ea27, 0xf0f921,
        ],
    ),
];
