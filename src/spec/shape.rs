//! The shapes of point marks (`mark.shape`, the `shape` channel's values and range).

/// Shape of point marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointShape {
    /// A circle (`point` and `circle`).
    Circle,
    /// A square (`square`).
    Square,
    /// `cross`.
    Cross,
    /// `diamond`.
    Diamond,
    /// `triangle-up` (also `triangle`).
    TriangleUp,
    /// `triangle-down`.
    TriangleDown,
    /// `triangle-right`.
    TriangleRight,
    /// `triangle-left`.
    TriangleLeft,
}

impl PointShape {
    /// Every shape with its Vega names.
    pub const NAMED: [(&'static str, PointShape); 9] = [
        ("circle", PointShape::Circle),
        ("square", PointShape::Square),
        ("cross", PointShape::Cross),
        ("diamond", PointShape::Diamond),
        ("triangle-up", PointShape::TriangleUp),
        ("triangle", PointShape::TriangleUp),
        ("triangle-down", PointShape::TriangleDown),
        ("triangle-right", PointShape::TriangleRight),
        ("triangle-left", PointShape::TriangleLeft),
    ];

    /// The shape of a Vega shape name, if stdviz draws it.
    pub fn from_name(name: &str) -> Option<PointShape> {
        Self::NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
    }
}
