//! The operations of aggregates (field definitions, the aggregate, joinaggregate and
//! window transforms, sorts) and of the window transform, with their Vega-Lite names.

/// Aggregate operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AggregateOp {
    /// Number of rows.
    Count,
    /// Sum.
    Sum,
    /// Arithmetic mean (`mean`).
    Mean,
    /// The arithmetic mean written `average`: computed as [`AggregateOp::Mean`], named
    /// and titled as written (`average_x`, "Average of x"), as Vega-Lite does.
    Average,
    /// Median.
    Median,
    /// Minimum.
    Min,
    /// Maximum.
    Max,
    /// Number of distinct values.
    Distinct,
    /// The lower quartile (`q1`), as Vega computes it (R-7 interpolation, like d3-array).
    Q1,
    /// The upper quartile (`q3`).
    Q3,
    /// Sample variance (`variance`, divisor n − 1).
    Variance,
    /// Sample standard deviation (`stdev`).
    Stdev,
    /// Standard error of the mean (`stderr`: stdev / √n).
    Stderr,
    /// Lower end of the 95 % confidence interval of the mean (`ci0`). Vega draws it from
    /// 1,000 random bootstrap samples, which differ on every run; stdviz uses the normal
    /// approximation mean − 1.96 × stderr, which is what the bootstrap converges to.
    Ci0,
    /// Upper end of the 95 % confidence interval of the mean (`ci1`): mean + 1.96 × stderr.
    Ci1,
    /// `argmin`: the row where a field is least (the first such row of its group); an
    /// encoding reads another field of that row, the aggregate transform gives every field
    /// of it (see `transform::aggregate::arg_row`).
    ArgMin,
    /// `argmax`: the row where a field is greatest, as [`AggregateOp::ArgMin`].
    ArgMax,
}

impl AggregateOp {
    /// The Vega-Lite name.
    pub fn name(self) -> &'static str {
        match self {
            AggregateOp::Count => "count",
            AggregateOp::Sum => "sum",
            AggregateOp::Mean => "mean",
            AggregateOp::Average => "average",
            AggregateOp::Median => "median",
            AggregateOp::Min => "min",
            AggregateOp::Max => "max",
            AggregateOp::Distinct => "distinct",
            AggregateOp::Q1 => "q1",
            AggregateOp::Q3 => "q3",
            AggregateOp::Variance => "variance",
            AggregateOp::Stdev => "stdev",
            AggregateOp::Stderr => "stderr",
            AggregateOp::Ci0 => "ci0",
            AggregateOp::Ci1 => "ci1",
            AggregateOp::ArgMin => "argmin",
            AggregateOp::ArgMax => "argmax",
        }
    }

    /// The op that computes this one's value: [`AggregateOp::Mean`] for `average`.
    pub fn computed(self) -> AggregateOp {
        match self {
            AggregateOp::Average => AggregateOp::Mean,
            op => op,
        }
    }

    /// Whether the op picks a row (`argmin`, `argmax`) rather than computing a value.
    pub fn is_arg(self) -> bool {
        matches!(self, AggregateOp::ArgMin | AggregateOp::ArgMax)
    }

    /// Parses a Vega-Lite op name.
    pub fn from_name(name: &str) -> Option<AggregateOp> {
        Some(match name {
            "count" => AggregateOp::Count,
            "sum" => AggregateOp::Sum,
            "mean" => AggregateOp::Mean,
            "average" => AggregateOp::Average,
            "median" => AggregateOp::Median,
            "min" => AggregateOp::Min,
            "max" => AggregateOp::Max,
            "distinct" => AggregateOp::Distinct,
            "q1" => AggregateOp::Q1,
            "q3" => AggregateOp::Q3,
            "variance" => AggregateOp::Variance,
            "stdev" => AggregateOp::Stdev,
            "stderr" => AggregateOp::Stderr,
            "ci0" => AggregateOp::Ci0,
            "ci1" => AggregateOp::Ci1,
            _ => return None,
        })
    }

    /// The names accepted, for error messages.
    pub const NAMES: &'static [&'static str] = &[
        "count", "sum", "mean", "average", "median", "min", "max", "distinct", "q1", "q3",
        "variance", "stdev", "stderr", "ci0", "ci1",
    ];
}

/// Window operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowOp {
    /// `row_number`.
    RowNumber,
    /// `rank` (ties share a rank, gaps follow).
    Rank,
    /// `dense_rank`.
    DenseRank,
    /// An aggregate op (`sum`, `mean`, `count`, …) over the window's frame of rows.
    Aggregate(AggregateOp),
    /// `lag` (`param`: how many rows back, 1 by default): the field's value that many
    /// rows before in the group's order, null before the first.
    Lag(u32),
    /// `lead` (`param`: rows ahead, 1 by default): the field's value that many rows after.
    Lead(u32),
    /// `first_value`: the field's value in the first row of the frame.
    FirstValue,
    /// `last_value`: the field's value in the last row of the frame.
    LastValue,
    /// `nth_value` (`param`: n ≥ 1): the field's value in the frame's n-th row, null when
    /// the frame is shorter.
    NthValue(u32),
    /// `percent_rank`: (rank − 1) / (rows − 1), null in a group of one row.
    PercentRank,
    /// `cume_dist`: the share of the group's rows up to this row and its ties.
    CumeDist,
    /// `ntile` (`param`: n ≥ 1): the n-quantile this row falls in, `ceil(n × cume_dist)`.
    Ntile(u32),
}

impl WindowOp {
    /// The Vega-Lite name.
    pub fn name(self) -> &'static str {
        match self {
            WindowOp::RowNumber => "row_number",
            WindowOp::Rank => "rank",
            WindowOp::DenseRank => "dense_rank",
            WindowOp::Aggregate(op) => op.name(),
            WindowOp::Lag(_) => "lag",
            WindowOp::Lead(_) => "lead",
            WindowOp::FirstValue => "first_value",
            WindowOp::LastValue => "last_value",
            WindowOp::NthValue(_) => "nth_value",
            WindowOp::PercentRank => "percent_rank",
            WindowOp::CumeDist => "cume_dist",
            WindowOp::Ntile(_) => "ntile",
        }
    }

    /// The op's `param`, for those that take one.
    pub fn param(self) -> Option<u32> {
        match self {
            WindowOp::Lag(k) | WindowOp::Lead(k) | WindowOp::NthValue(k) | WindowOp::Ntile(k) => {
                Some(k)
            }
            _ => None,
        }
    }
}
