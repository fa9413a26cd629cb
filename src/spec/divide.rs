//! How a field's values are divided before they are plotted: `bin` (numbers into
//! ranges) and `timeUnit` (dates truncated to a unit).

/// Binning of a quantitative field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// At most this many bins (Vega-Lite default 10).
    pub maxbins: usize,
    /// An exact bin width, overriding `maxbins`.
    pub step: Option<f64>,
    /// `extent`: the range binned (`None`: the data's); values outside it are missing.
    pub extent: Option<(f64, f64)>,
    /// `nice`: the first bin starts at a multiple of the step (default true).
    pub nice: bool,
    /// `minstep`: the smallest step chosen (0: none).
    pub minstep: f64,
    /// `anchor`: a value a bin boundary falls on.
    pub anchor: Option<f64>,
    /// `extent: {"param": …}`: the index in the spec's `params` of the interval
    /// selection whose range is the extent while it holds one (`params::resolve` fills
    /// `extent` from it before a layout; the data's extent otherwise).
    pub extent_param: Option<usize>,
}

impl Default for Bin {
    /// Vega-Lite's `bin: true`: at most 10 nice bins over the data's extent.
    fn default() -> Bin {
        Bin {
            maxbins: 10,
            step: None,
            extent: None,
            nice: true,
            minstep: 0.0,
            anchor: None,
            extent_param: None,
        }
    }
}

/// A time unit: the parts of a date it keeps (`yearmonthdate` keeps year, month and date;
/// `hours` keeps the hour of any day). Parts it does not keep take Vega-Lite's defaults:
/// the year 2012, January, the 1st, midnight. stdviz holds dates in UTC, so `utc…` units
/// are the same units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeUnit {
    parts: u16,
    /// `step`: the smallest kept part is counted in groups of this many (2 years, 15
    /// minutes); 1 by default.
    step: u16,
    /// `binned…` (`binnedyearmonth`): the data is already at the unit; titles name the
    /// field alone, as Vega-Lite's do.
    binned: bool,
}

impl TimeUnit {
    /// The year.
    pub const YEAR: u16 = 1;
    /// The quarter (its first month).
    pub const QUARTER: u16 = 1 << 1;
    /// The month.
    pub const MONTH: u16 = 1 << 2;
    /// The week (Sunday-based, its Sunday).
    pub const WEEK: u16 = 1 << 3;
    /// The day of the week.
    pub const DAY: u16 = 1 << 4;
    /// The day of the month.
    pub const DATE: u16 = 1 << 5;
    /// The day of the year.
    pub const DAYOFYEAR: u16 = 1 << 6;
    /// The hour.
    pub const HOURS: u16 = 1 << 7;
    /// The minute.
    pub const MINUTES: u16 = 1 << 8;
    /// The second.
    pub const SECONDS: u16 = 1 << 9;
    /// The millisecond.
    pub const MILLISECONDS: u16 = 1 << 10;

    /// Part names in the order Vega-Lite writes them, with their bits.
    const PARTS: [(&'static str, u16); 11] = [
        ("year", Self::YEAR),
        ("quarter", Self::QUARTER),
        ("month", Self::MONTH),
        ("week", Self::WEEK),
        ("dayofyear", Self::DAYOFYEAR),
        ("day", Self::DAY),
        ("date", Self::DATE),
        ("hours", Self::HOURS),
        ("minutes", Self::MINUTES),
        ("seconds", Self::SECONDS),
        ("milliseconds", Self::MILLISECONDS),
    ];

    /// A unit of the given parts (bits of the constants above); `None` for no parts.
    pub fn of(parts: u16) -> Option<TimeUnit> {
        (parts != 0 && parts < (1 << 11)).then_some(TimeUnit {
            parts,
            step: 1,
            binned: false,
        })
    }

    /// The unit with its smallest part counted in groups of `step` (at least 1).
    pub fn with_step(self, step: u16) -> TimeUnit {
        TimeUnit {
            step: step.max(1),
            ..self
        }
    }

    /// The `step` of the smallest kept part (1 unless the spec gave one).
    pub fn step(self) -> u16 {
        self.step
    }

    /// The smallest part the unit keeps (one of the constants).
    pub fn smallest(self) -> u16 {
        1 << (15 - self.parts.leading_zeros())
    }

    /// Reads a Vega-Lite unit name: parts in order (`yearmonthdate`, `hoursminutes`),
    /// optionally after `utc` and `binned` (`binnedutcyearmonth`). `quarter` alone is the
    /// quarter of its year (`yearquarter`), as stdviz has always read it.
    pub fn from_name(name: &str) -> Option<TimeUnit> {
        let binned = name.starts_with("binned");
        let mut rest = name.strip_prefix("binned").unwrap_or(name);
        rest = rest.strip_prefix("utc").unwrap_or(rest);
        let with_binned = |u: TimeUnit| TimeUnit { binned, ..u };
        if rest == "quarter" {
            return TimeUnit::of(Self::YEAR | Self::QUARTER).map(with_binned);
        }
        let mut parts = 0u16;
        let mut last = 0usize;
        while !rest.is_empty() {
            let (i, (word, bit)) = Self::PARTS
                .iter()
                .enumerate()
                .find(|(_, (word, _))| rest.starts_with(word))?;
            if i < last || parts & bit != 0 {
                return None;
            }
            last = i;
            parts |= bit;
            rest = &rest[word.len()..];
        }
        TimeUnit::of(parts).map(with_binned)
    }

    /// Whether the unit was named `binned…`: the data is already at the unit.
    pub fn binned(self) -> bool {
        self.binned
    }

    /// Whether the unit keeps `part` (one of the constants).
    pub fn has(self, part: u16) -> bool {
        self.parts & part != 0
    }

    /// The unit's parts.
    pub fn parts(self) -> u16 {
        self.parts
    }

    /// The unit's parts as Vega-Lite titles them (`year-month`).
    pub fn title(self) -> String {
        let words: Vec<&str> = Self::PARTS
            .iter()
            .filter(|(_, bit)| self.has(*bit))
            .map(|(word, _)| *word)
            .collect();
        words.join("-")
    }

    /// The Vega-Lite name of the unit (`yearmonth`).
    pub fn name(self) -> String {
        Self::PARTS
            .iter()
            .filter(|(_, bit)| self.has(*bit))
            .map(|(word, _)| *word)
            .collect()
    }
}
