//! China's 34 provincial-level regions: names, abbreviations, codes, and a tile-grid
//! layout, so that a chart can place one square per region without boundary data.
//!
//! [`region`] reads the ways people write a region — `广东`, `广东省`, `粤`, `Guangdong`,
//! `GD`, `CN-GD`, `44`, `440000` — as one [`Region`]; [`grid_table`] is the built-in data
//! `{"name": "stdviz:cn-provinces-grid"}` (docs/SPEC.md, "Built-in data").
//!
//! Sources:
//! * codes: GB/T 2260 (中华人民共和国行政区划代码), the two leading digits of each region's
//!   six-digit code (`44` → `440000`); two-letter codes as ISO 3166-2:CN (`CN-GD`);
//!   one-character abbreviations (简称) as the State Council's list of provincial-level
//!   divisions gives them (the second form where two are common, e.g. 黔 and 贵, is an alias);
//! * tile positions: the MIT-licensed layout `grids/china_prov_grid1.csv` of the GitHub
//!   repository hafen/grid-designer (also `china_prov_grid1` in the R package geofacet),
//!   columns `row` and `col` (1-based, row 1 at the top); that layout writes Macao's code
//!   as `MC`, accepted here as an alias of ISO's `MO`. The table below is written for
//!   stdviz; only the positions are taken from that layout.

use crate::table::{column_from_cells, Cell, Table};

/// One provincial-level region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The short Chinese name, as charts label it (`广东`).
    pub name: &'static str,
    /// The full official name (`广东省`).
    pub full_name: &'static str,
    /// The one-character abbreviation (`粤`).
    pub abbreviation: &'static str,
    /// Other one-character abbreviations in common use (`黔` has `贵`).
    pub other_abbreviations: &'static [&'static str],
    /// The ISO 3166-2:CN code without `CN-` (`GD`).
    pub code: &'static str,
    /// The English name (`Guangdong`).
    pub english: &'static str,
    /// The GB/T 2260 code (`440000`).
    pub gb2260: u32,
    /// Tile column, 1-based from the west.
    pub grid_x: u8,
    /// Tile row, 1-based from the north.
    pub grid_y: u8,
}

/// Builds one row of [`REGIONS`].
#[allow(clippy::too_many_arguments)]
const fn r(
    name: &'static str,
    full_name: &'static str,
    abbreviation: &'static str,
    other_abbreviations: &'static [&'static str],
    code: &'static str,
    english: &'static str,
    gb2260: u32,
    grid_y: u8,
    grid_x: u8,
) -> Region {
    Region {
        name,
        full_name,
        abbreviation,
        other_abbreviations,
        code,
        english,
        gb2260,
        grid_x,
        grid_y,
    }
}

/// The 34 regions in GB/T 2260 order (arguments end with tile row, then column).
pub const REGIONS: [Region; 34] = [
    r("北京", "北京市", "京", &[], "BJ", "Beijing", 110000, 3, 8),
    r("天津", "天津市", "津", &[], "TJ", "Tianjin", 120000, 4, 8),
    r("河北", "河北省", "冀", &[], "HE", "Hebei", 130000, 4, 7),
    r("山西", "山西省", "晋", &[], "SX", "Shanxi", 140000, 5, 6),
    r(
        "内蒙古",
        "内蒙古自治区",
        "蒙",
        &[],
        "NM",
        "Inner Mongolia",
        150000,
        2,
        7,
    ),
    r("辽宁", "辽宁省", "辽", &[], "LN", "Liaoning", 210000, 3, 9),
    r("吉林", "吉林省", "吉", &[], "JL", "Jilin", 220000, 2, 10),
    r(
        "黑龙江",
        "黑龙江省",
        "黑",
        &[],
        "HL",
        "Heilongjiang",
        230000,
        1,
        10,
    ),
    r(
        "上海",
        "上海市",
        "沪",
        &["申"],
        "SH",
        "Shanghai",
        310000,
        6,
        9,
    ),
    r("江苏", "江苏省", "苏", &[], "JS", "Jiangsu", 320000, 6, 8),
    r("浙江", "浙江省", "浙", &[], "ZJ", "Zhejiang", 330000, 7, 8),
    r("安徽", "安徽省", "皖", &[], "AH", "Anhui", 340000, 6, 7),
    r("福建", "福建省", "闽", &[], "FJ", "Fujian", 350000, 8, 8),
    r("江西", "江西省", "赣", &[], "JX", "Jiangxi", 360000, 8, 7),
    r("山东", "山东省", "鲁", &[], "SD", "Shandong", 370000, 5, 8),
    r("河南", "河南省", "豫", &[], "HA", "Henan", 410000, 5, 7),
    r("湖北", "湖北省", "鄂", &[], "HB", "Hubei", 420000, 6, 6),
    r("湖南", "湖南省", "湘", &[], "HN", "Hunan", 430000, 7, 6),
    r("广东", "广东省", "粤", &[], "GD", "Guangdong", 440000, 9, 7),
    r(
        "广西",
        "广西壮族自治区",
        "桂",
        &[],
        "GX",
        "Guangxi",
        450000,
        9,
        6,
    ),
    r("海南", "海南省", "琼", &[], "HI", "Hainan", 460000, 11, 7),
    r("重庆", "重庆市", "渝", &[], "CQ", "Chongqing", 500000, 7, 5),
    r(
        "四川",
        "四川省",
        "川",
        &["蜀"],
        "SC",
        "Sichuan",
        510000,
        7,
        4,
    ),
    r(
        "贵州",
        "贵州省",
        "黔",
        &["贵"],
        "GZ",
        "Guizhou",
        520000,
        8,
        5,
    ),
    r(
        "云南",
        "云南省",
        "滇",
        &["云"],
        "YN",
        "Yunnan",
        530000,
        9,
        4,
    ),
    r(
        "西藏",
        "西藏自治区",
        "藏",
        &[],
        "XZ",
        "Xizang",
        540000,
        7,
        2,
    ),
    r(
        "陕西",
        "陕西省",
        "陕",
        &["秦"],
        "SN",
        "Shaanxi",
        610000,
        6,
        5,
    ),
    r("甘肃", "甘肃省", "甘", &["陇"], "GS", "Gansu", 620000, 5, 4),
    r("青海", "青海省", "青", &[], "QH", "Qinghai", 630000, 4, 2),
    r(
        "宁夏",
        "宁夏回族自治区",
        "宁",
        &[],
        "NX",
        "Ningxia",
        640000,
        3,
        5,
    ),
    r(
        "新疆",
        "新疆维吾尔自治区",
        "新",
        &[],
        "XJ",
        "Xinjiang",
        650000,
        2,
        1,
    ),
    r("台湾", "台湾省", "台", &[], "TW", "Taiwan", 710000, 8, 10),
    r(
        "香港",
        "香港特别行政区",
        "港",
        &[],
        "HK",
        "Hong Kong",
        810000,
        10,
        10,
    ),
    r(
        "澳门",
        "澳门特别行政区",
        "澳",
        &[],
        "MO",
        "Macao",
        820000,
        10,
        9,
    ),
];

/// English names people also write, lower case, with the region's index in [`REGIONS`].
const ENGLISH_ALIASES: [(&str, usize); 6] = [
    ("tibet", 25),
    ("xizang autonomous region", 25),
    ("nei mongol", 4),
    ("innermongolia", 4),
    ("macau", 33),
    ("hongkong", 32),
];

/// The region a text names, in any of the forms in the module docs; `None` otherwise.
/// Whitespace around the text is ignored, and English names and codes in any case.
///
/// ```
/// use stdviz::vocab::regions::region;
/// for text in ["广东", "广东省", "粤", "Guangdong", "GD", "cn-gd", "44", "440000"] {
///     assert_eq!(region(text).map(|r| r.name), Some("广东"), "{text}");
/// }
/// assert_eq!(region("广"), None);
/// ```
pub fn region(text: &str) -> Option<&'static Region> {
    let text = text.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        let code: u32 = text.parse().ok()?;
        let prefix = match text.len() {
            2 => code,
            6 if code.is_multiple_of(10_000) => code / 10_000,
            _ => return None,
        };
        return REGIONS.iter().find(|r| r.gb2260 / 10_000 == prefix);
    }
    if text.is_ascii() {
        let lower = text.to_ascii_lowercase();
        let code = lower.strip_prefix("cn-").unwrap_or(&lower);
        let code = if code == "mc" { "mo" } else { code };
        let lower = lower.strip_suffix(" province").unwrap_or(&lower);
        if let Some(&(_, i)) = ENGLISH_ALIASES.iter().find(|(a, _)| *a == lower) {
            return REGIONS.get(i);
        }
        return REGIONS.iter().find(|r| {
            r.code.eq_ignore_ascii_case(code)
                || r.english.eq_ignore_ascii_case(lower)
                || r.english.replace(' ', "").eq_ignore_ascii_case(lower)
        });
    }
    REGIONS.iter().find(|r| {
        r.name == text
            || r.full_name == text
            || r.abbreviation == text
            || r.other_abbreviations.contains(&text)
    })
}

/// The built-in table `stdviz:cn-provinces-grid`: one row per region with the fields
/// `name`, `fullName`, `abbreviation`, `code`, `english`, `gb2260` and the tile position
/// `x` (column, from the west) and `y` (row, from the north).
pub fn grid_table() -> Table {
    let text = |f: fn(&Region) -> &'static str| -> Vec<Cell> {
        REGIONS
            .iter()
            .map(|r| Cell::Text(f(r).to_string()))
            .collect()
    };
    let number = |f: fn(&Region) -> f64| -> Vec<Cell> {
        REGIONS.iter().map(|r| Cell::Number(f(r))).collect()
    };
    let columns = vec![
        column_from_cells("name", text(|r| r.name)),
        column_from_cells("fullName", text(|r| r.full_name)),
        column_from_cells("abbreviation", text(|r| r.abbreviation)),
        column_from_cells("code", text(|r| r.code)),
        column_from_cells("english", text(|r| r.english)),
        column_from_cells("gb2260", number(|r| f64::from(r.gb2260))),
        column_from_cells("x", number(|r| f64::from(r.grid_x))),
        column_from_cells("y", number(|r| f64::from(r.grid_y))),
    ];
    Table::new(columns).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_every_region_names_that_region() {
        for (i, r) in REGIONS.iter().enumerate() {
            let two = (r.gb2260 / 10_000).to_string();
            let six = r.gb2260.to_string();
            let iso = format!("CN-{}", r.code);
            let forms = [
                r.name,
                r.full_name,
                r.abbreviation,
                r.code,
                r.english,
                two.as_str(),
                six.as_str(),
                iso.as_str(),
            ];
            for form in forms
                .into_iter()
                .chain(r.other_abbreviations.iter().copied())
            {
                assert_eq!(region(form), Some(&REGIONS[i]), "{form}");
                assert_eq!(region(&format!(" {form} ")), Some(&REGIONS[i]), "{form}");
            }
            assert_eq!(region(&r.english.to_uppercase()), Some(&REGIONS[i]));
        }
    }

    #[test]
    fn the_issue_s_forms_of_guangdong_are_one_key() {
        let keys: Vec<_> = ["广东", "广东省", "Guangdong", "GD", "44"]
            .iter()
            .map(|t| region(t).map(|r| r.gb2260))
            .collect();
        assert!(keys.iter().all(|k| *k == Some(440000)), "{keys:?}");
    }

    #[test]
    fn names_that_are_no_region_are_none() {
        for text in [
            "",
            "广",
            "中国",
            "GDX",
            "4400",
            "440100",
            "99",
            "Guang dong",
            "省",
        ] {
            assert_eq!(region(text), None, "{text}");
        }
        assert_eq!(region("MC").map(|r| r.name), Some("澳门"));
        assert_eq!(region("Tibet").map(|r| r.name), Some("西藏"));
    }

    #[test]
    fn codes_names_and_tiles_are_unique() {
        for (i, a) in REGIONS.iter().enumerate() {
            for b in &REGIONS[i + 1..] {
                assert_ne!(a.code, b.code);
                assert_ne!(a.name, b.name);
                assert_ne!(a.abbreviation, b.abbreviation);
                assert_ne!(a.gb2260, b.gb2260);
                assert_ne!(
                    (a.grid_x, a.grid_y),
                    (b.grid_x, b.grid_y),
                    "{} {}",
                    a.name,
                    b.name
                );
            }
        }
        let t = grid_table();
        assert_eq!(t.row_count(), 34);
        assert_eq!(t.value("name", 18).to_text(), "广东");
        assert_eq!(t.value("x", 18).as_number(), Some(7.0));
        assert_eq!(t.value("y", 18).as_number(), Some(9.0));
    }
}
