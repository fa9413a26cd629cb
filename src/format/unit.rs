//! The unit a table states (`单位:万项`, `亿元`, `%`): a magnitude (万 = 10⁴) and what is
//! counted (项). The figures stay as the source wrote them, in its unit — a table
//! "单位:万项" with 1.2 keeps 1.2, and the data table, exports and the exact figure in a
//! tooltip say 1.2万项 — and the chart writes them in that unit or a larger one when they
//! reach it (12,345万项 on an axis is 1.23亿项; never "万万项"), never a smaller one (0.5万项
//! stays 0.5万, not 5,000: the chart does not restate a rounded figure more finely).

use super::{grouped, value, zh_unit, Numbers, Place, ZhAxis};

/// Magnitude words a unit may start with, longest first: value, word.
const MAGNITUDES: [(f64, &str); 5] = [
    (1e12, "万亿"),
    (1e6, "百万"),
    (1e8, "亿"),
    (1e4, "万"),
    (1e3, "千"),
];

/// A unit split into its magnitude and what is counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit<'a> {
    /// How many of `base` one figure counts (10⁴ for `万项`; 1 for `项`, `%`, none).
    pub factor: f64,
    /// The magnitude word (`万`, `亿`, `万亿`, `百万`, `千`; `""` for none).
    pub magnitude: &'static str,
    /// What is counted (`项`, `元`, `%`; `""` for a bare magnitude or no unit).
    pub base: &'a str,
}

impl<'a> Unit<'a> {
    /// The unit `text` names (`万项` → 10⁴ × 项). A magnitude word is taken only when
    /// something follows it (`万` alone counts 万, a thing), and `百`/`十` are never taken
    /// (`百分点` is a percentage point, not a hundred 分点).
    pub fn parse(text: &'a str) -> Unit<'a> {
        let text = text.trim();
        for (factor, word) in MAGNITUDES {
            if let Some(base) = text.strip_prefix(word) {
                if !base.trim().is_empty() {
                    return Unit {
                        factor,
                        magnitude: word,
                        base: base.trim(),
                    };
                }
            }
        }
        Unit {
            factor: 1.0,
            magnitude: "",
            base: text,
        }
    }

    /// The unit of an optional text (none: a bare number).
    pub fn of(text: Option<&'a str>) -> Unit<'a> {
        Unit::parse(text.unwrap_or(""))
    }

    /// Whether a figure counts more than one of what it names (`万项`, `亿元`).
    pub fn scaled(&self) -> bool {
        self.factor > 1.0
    }

    /// Whether a per cent sign is the unit.
    pub fn percent(&self) -> bool {
        matches!(self.base, "%" | "\u{ff05}")
    }

    /// The unit as the source writes it (`万项`).
    pub fn text(&self) -> String {
        format!("{}{}", self.magnitude, self.base)
    }

    /// A figure as the source states it, exact, with its unit: `12,345万项`, `1.2万项`.
    pub fn exact(&self, v: f64) -> String {
        format!("{}{}", value(v), self.text())
    }

    /// A value-axis title for numbers written plainly: the unit is stated when reading
    /// the figures without it would mislead — a scaled unit (1.2 on a 万项 axis is
    /// 12,000 项) or a percentage; a count's unit (项, 个, 家) is left to the tooltip, the
    /// accessible summary and the data table. A title naming the unit in brackets
    /// already is kept; another gets `(单位:万项)`, none becomes `单位:万项`.
    pub fn axis_title(&self, title: Option<&str>) -> Option<String> {
        if !(self.scaled() || self.percent()) {
            return title.map(str::to_string);
        }
        let text = self.text();
        let title = title.filter(|t| !t.is_empty());
        match title {
            Some(t) if t.contains(&text) => Some(t.to_string()),
            Some(t) => Some(format!("{t}(单位:{text})")),
            None => Some(format!("单位:{text}")),
        }
    }

    /// The Chinese axis for figures in this unit over `lo..hi` (data units): the unit the
    /// real magnitudes call for ([`ZhAxis::new`]) or the source's, whichever is larger;
    /// [`ZhAxis::label`] takes the figures as the data holds them, and
    /// [`ZhAxis::title`] with [`Unit::base`] names the whole unit (`单位:亿项`).
    pub fn zh_axis(&self, lo: f64, hi: f64, ticks: &[f64]) -> ZhAxis {
        let f = self.factor;
        if f == 1.0 {
            return ZhAxis::new(lo, hi, ticks);
        }
        let real: Vec<f64> = ticks.iter().map(|t| t * f).collect();
        let picked = ZhAxis::new(lo * f, hi * f, &real);
        if picked.unit >= f {
            return ZhAxis {
                unit: picked.unit / f,
                ..picked
            };
        }
        // The source's own unit: its figures, its decimals (at most 2).
        let decimals = ticks
            .iter()
            .filter(|t| t.is_finite())
            .map(|t| super::decimals_for_step(*t))
            .max()
            .unwrap_or(0)
            .min(2);
        ZhAxis {
            unit: 1.0,
            name: self.magnitude,
            decimals,
        }
    }

    /// A figure in this unit written at `place` by `numbers`: plainly, as the source
    /// states it (`1.2`); the Chinese way, at its real magnitude but never below the
    /// source's unit (`1.2万` for 1.2万项, `1.2亿` for 12,345万项, `0.5万` for 0.5万项), a
    /// tooltip adding the source's exact figure when the chart rounded or restated it
    /// (`1.2亿(12,345万)`). With no scaled unit this is [`Numbers::write`].
    pub fn write(&self, numbers: Numbers, v: f64, place: Place) -> String {
        if !self.scaled() || numbers == Numbers::Plain {
            return numbers.write(v, place);
        }
        if !v.is_finite() {
            return String::new();
        }
        let real = v * self.factor;
        let short = match zh_unit(real) {
            (u, name) if u >= self.factor => format!("{}{name}", grouped(real / u, 1)),
            _ => format!("{}{}", value(v), self.magnitude),
        };
        let exact = format!("{}{}", value(v), self.magnitude);
        match place {
            Place::Tooltip if short != exact => format!("{short}({exact})"),
            _ => short,
        }
    }

    /// A figure and its unit, for reading out (the accessible summary): `80 项`,
    /// `316.6万项` (no space after 万/亿), `1.2 万项` written plainly, `1.2亿项` the Chinese
    /// way for 12,345万项.
    pub fn read_out(&self, numbers: Numbers, v: f64) -> String {
        let written = self.write(numbers, v, Place::Label);
        let unit = if self.scaled() && numbers == Numbers::Zh {
            self.base.to_string()
        } else {
            self.text()
        };
        if unit.is_empty() {
            written
        } else if written.ends_with(['万', '亿', '千']) {
            format!("{written}{unit}")
        } else {
            format!("{written} {unit}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_split_into_magnitude_and_base() {
        let u = Unit::parse("万项");
        assert_eq!((u.factor, u.magnitude, u.base), (1e4, "万", "项"));
        assert_eq!(Unit::parse("亿元").factor, 1e8);
        assert_eq!(Unit::parse("万亿元").factor, 1e12);
        assert_eq!(Unit::parse("百万美元").base, "美元");
        assert_eq!(Unit::parse("千元").factor, 1e3);
        for plain in ["项", "个", "%", "百分点", "万", ""] {
            let u = Unit::parse(plain);
            assert_eq!((u.factor, u.base), (1.0, plain), "{plain}");
        }
        assert!(Unit::parse("%").percent());
        assert_eq!(Unit::parse("万项").exact(12345.0), "12,345万项");
    }

    #[test]
    fn a_plain_axis_states_a_scaled_unit_or_a_percentage_only() {
        let wan = Unit::parse("万项");
        assert_eq!(
            wan.axis_title(Some("发布国家标准")).as_deref(),
            Some("发布国家标准(单位:万项)")
        );
        assert_eq!(wan.axis_title(None).as_deref(), Some("单位:万项"));
        assert_eq!(
            wan.axis_title(Some("数量(万项)")).as_deref(),
            Some("数量(万项)")
        );
        assert_eq!(
            Unit::parse("%").axis_title(Some("占比")).as_deref(),
            Some("占比(单位:%)")
        );
        assert_eq!(
            Unit::parse("项").axis_title(Some("数量")).as_deref(),
            Some("数量")
        );
    }

    #[test]
    fn a_chinese_axis_keeps_the_source_unit_or_goes_up_never_down() {
        // 1.2万项 and friends: the axis stays in 万项 with the figures as written.
        let wan = Unit::parse("万项");
        let ticks = [0.0, 0.5, 1.0, 1.5];
        let a = wan.zh_axis(0.0, 1.2, &ticks);
        let labels: Vec<String> = ticks.iter().map(|t| a.label(*t)).collect();
        assert_eq!(labels, ["0.0", "0.5", "1.0", "1.5"]);
        assert_eq!(
            a.title(Some("数量"), Some(wan.base)).as_deref(),
            Some("数量(单位:万项)")
        );
        // 12,345万项 is 1.23亿项: one unit up, no "万万项".
        let ticks = [0.0, 5000.0, 10000.0, 15000.0];
        let a = wan.zh_axis(0.0, 12345.0, &ticks);
        let labels: Vec<String> = ticks.iter().map(|t| a.label(*t)).collect();
        assert_eq!(labels, ["0.0", "0.5", "1.0", "1.5"]);
        assert_eq!(a.title(None, Some(wan.base)).as_deref(), Some("单位:亿项"));
        // A unit without magnitude behaves as before.
        let plain = Unit::parse("项").zh_axis(0.0, 5e4, &[0.0, 5e4]);
        assert_eq!(plain, ZhAxis::new(0.0, 5e4, &[0.0, 5e4]));
    }

    #[test]
    fn figures_in_a_scaled_unit_are_written_at_their_real_magnitude() {
        let wan = Unit::parse("万项");
        assert_eq!(wan.write(Numbers::Plain, 1.2, Place::Label), "1.2");
        assert_eq!(wan.write(Numbers::Zh, 1.2, Place::Label), "1.2万");
        assert_eq!(wan.write(Numbers::Zh, 0.5, Place::Label), "0.5万");
        assert_eq!(wan.write(Numbers::Zh, 12345.0, Place::Label), "1.2亿");
        assert_eq!(
            wan.write(Numbers::Zh, 12345.0, Place::Tooltip),
            "1.2亿(12,345万)"
        );
        assert_eq!(wan.write(Numbers::Zh, 1.2, Place::Tooltip), "1.2万");
        assert_eq!(wan.read_out(Numbers::Zh, 12345.0), "1.2亿项");
        assert_eq!(wan.read_out(Numbers::Plain, 1.2), "1.2 万项");
        assert_eq!(
            Unit::parse("项").read_out(Numbers::Zh, 3_165_625.0),
            "316.6万项"
        );
        assert_eq!(Unit::parse("项").read_out(Numbers::Plain, 80.0), "80 项");
        assert_eq!(Unit::of(None).read_out(Numbers::Plain, 80.0), "80");
        // No scaled unit: the plain engine, unchanged.
        let item = Unit::parse("项");
        assert_eq!(
            item.write(Numbers::Zh, 3_165_625.0, Place::Tooltip),
            Numbers::Zh.tooltip(3_165_625.0)
        );
    }
}
