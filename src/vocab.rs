//! The vocabulary of standardization data: levels of standards, kinds of national
//! standard, kinds of pilot and demonstration project, and drafting roles — each with its
//! Chinese and English name, its aliases, its place in the hierarchy and its colour.
//!
//! # Why this module exists
//!
//! Standardization statistics keep coming back to the same few words: 国家标准, 行业标准,
//! 省级地方标准, 市级地方标准, 团体标准… A page shows several charts of them, and a reader
//! who learns "national is blue, first" in one chart must find it blue and first in the
//! next, whatever the data's row order and whichever other levels happen to be present.
//! Sorting alphabetically or by value, or colouring by order of appearance, breaks that.
//! So the words, their order and their colours are decided here, once:
//!
//! * [`recognise`] turns a cell's text into a [`Term`], accepting the names people write
//!   (`国标`, `GB/T`, `地方标准（省级）`, `DB14`, `national standard`, …);
//! * [`vocabulary_of`] says whether a field's distinct values are all terms of one
//!   [`Family`], and its [`Vocabulary::order`] sorts them in hierarchy order;
//! * [`color`] and [`text_color`] give every term one fixed colour.
//!
//! ```
//! use stdviz::spec::Locale;
//! use stdviz::vocab::{self, Family, StandardLevel, Term};
//!
//! // A field as it comes from the data, in row order.
//! let values = ["市级地方标准", "国家标准", "团体标准", "行业标准"];
//! let vocabulary = vocab::vocabulary_of(&values).expect("all four are levels");
//! assert_eq!(vocabulary.family(), Family::Level);
//! let sorted: Vec<&str> = vocabulary.order(&values).into_iter().map(|i| values[i]).collect();
//! assert_eq!(sorted, ["国家标准", "行业标准", "市级地方标准", "团体标准"]);
//!
//! // Aliases, codes and English are recognised; names come in either locale.
//! let national = Term::Level(StandardLevel::National);
//! assert_eq!(vocab::recognise(" GB/T "), Some(national));
//! assert_eq!(vocab::recognise("National standard"), Some(national));
//! assert_eq!(vocab::name(national, Locale::En), "National");
//!
//! // One colour per term, the same in every chart.
//! assert_eq!(vocab::color(national).to_string(), "#0072b2");
//! ```
//!
//! # Families and order
//!
//! | family | terms in hierarchy order ([`rank`] 0, 1, …) |
//! | --- | --- |
//! | [`StandardLevel`] | international, national, industry, provincial local, municipal local, local (level not given), group, enterprise |
//! | [`StandardKind`] | mandatory (GB), recommended (GB/T), guidance technical document (GB/Z) |
//! | [`ProjectKind`] | national, provincial, national and provincial pilot & demonstration; agricultural and rural; comprehensive rural reform; services; social management and public services; good standardization practice enterprise |
//! | [`Role`] | led, took part, led or took part |
//!
//! Plain 地方标准 ("local", level not given) could be either local level, so it follows
//! both, like an "other local" bar, and still precedes group and enterprise standards.
//! Ranks compare terms of one family only.
//!
//! # Recognition
//!
//! Text is compared after trimming, turning full-width forms (`ＧＢ／Ｔ`, `（省级）`, the
//! ideographic space) into their ASCII counterparts, ignoring ASCII case and ignoring
//! whitespace. Besides names and aliases, standard codes are read by their prefix:
//! `GB` (mandatory), `GB/T` (recommended), `GB/Z` (guidance) are national; `DB` with two
//! digits (`DB14`, `DB14/T 1234-2016`) is provincial local and with four digits
//! (`DB1403`) municipal local; `T/…` is group, `Q/…` enterprise; `ISO`, `IEC` and `ITU`
//! are international. Industry standard codes (`YB/T`, `JB/T`, … — 75 sectors) are not
//! read; write 行业标准. A trailing 项目 or "project(s)" is ignored, and the plurals
//! "standards" and "pilots" read as singular.
//!
//! `GB`, `GB/T` and `GB/Z` name both a level (national) and a kind; [`recognise`] answers
//! the level, [`recognise_as`] answers in the family asked for, and [`vocabulary_of`]
//! chooses the family that tells the values apart (`["GB", "GB/T"]` are two kinds, not
//! one level twice).
//!
//! # Colours
//!
//! The fills come from the Okabe–Ito palette (Okabe & Ito, *Color Universal Design*,
//! 2008): eight colours chosen to stay distinct for people with protan, deutan and tritan
//! colour vision, which the tests check rather than assume (Machado et al. 2009
//! severity-1.0 simulation, CIE76 ΔE\*ab ≥ 10 between every pair of a family, for normal
//! vision and each simulation; Okabe–Ito's worst pair scores 16.1, under tritanopia).
//! It has exactly eight colours, one per level, so no level repeats another. Tableau's
//! colour-blind 10 was the alternative. Its best eight score slightly higher under
//! simulation (17.9) but lower for normal vision (19.2 against Okabe–Ito's 26.4), and
//! they are two hues (blue, orange) in three lightnesses plus three greys: levels would
//! be told apart mostly by lightness, greys read as "missing" or "other" and sit beside
//! the theme's grey grid and axes, and hue could not carry meaning. Okabe–Ito's eight
//! distinct hues can, as follows.
//!
//! Within a family the assignment follows meaning: national blue and industry sky blue
//! (the two levels set by central government); the local levels warm —
//! provincial vermilion, municipal yellow, and unspecified local the orange between them;
//! group green and enterprise reddish purple (standards the market makes); international
//! black. The three kinds are shades of the national blue (they are all national
//! standards): mandatory darker, recommended the national blue itself, guidance pale.
//! Project kinds reuse the levels' blue and vermilion for national and provincial
//! projects (reddish purple, between them, for both counted together) and green for
//! agriculture; roles are led blue, took part orange, both together green. A colour
//! identifies a term only within its family: blue is national among levels, led among
//! roles, so a chart needs its legend or labels as ever.
//!
//! Fills are for marks. Yellow, orange and sky blue have less than 3:1 contrast with a
//! white background (yellow 1.3:1), so a mark in them is found by its label or position,
//! not by its edge alone. Text in a term's colour (labels, legend text) uses
//! [`text_color`]: the fill darkened in linear light, keeping its chromaticity, to the
//! lightest 8-bit colour reaching the WCAG AA contrast of 4.5:1 on white (the fill itself
//! where it already does).

pub mod regions;

use crate::color::Color;
use crate::spec::Locale;

/// A family of terms: the values of one field belong to one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Levels of standards ([`StandardLevel`]).
    Level,
    /// Kinds of national standard ([`StandardKind`]).
    Kind,
    /// Kinds of standardization pilot and demonstration project ([`ProjectKind`]).
    Project,
    /// Roles in drafting a standard ([`Role`]).
    Role,
}

impl Family {
    /// Every family, in the order [`recognise`] tries them.
    pub const ALL: [Family; 4] = [Family::Level, Family::Kind, Family::Project, Family::Role];

    /// The family's terms in hierarchy order.
    pub fn terms(self) -> &'static [Term] {
        match self {
            Family::Level => &LEVEL_TERMS,
            Family::Kind => &KIND_TERMS,
            Family::Project => &PROJECT_TERMS,
            Family::Role => &ROLE_TERMS,
        }
    }
}

/// The level of a standard in China's system (《标准化法》: national, industry, local,
/// group and enterprise standards), with international standards above it and local
/// standards split into provincial and municipal. Variants are in hierarchy order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StandardLevel {
    /// 国际标准 — ISO, IEC, ITU.
    International,
    /// 国家标准 — GB, GB/T, GB/Z.
    National,
    /// 行业标准 — filed industry standards.
    Industry,
    /// 省级地方标准 — DB + two-digit province code, e.g. DB14 (Shanxi).
    Provincial,
    /// 市级地方标准 — DB + four-digit city code, e.g. DB1403 (Yangquan).
    Municipal,
    /// 地方标准 — a local standard whose level (provincial or municipal) is not given.
    Local,
    /// 团体标准 — T/….
    Group,
    /// 企业标准 — Q/….
    Enterprise,
}

impl StandardLevel {
    /// Every level, in hierarchy order.
    pub const ALL: [StandardLevel; 8] = [
        StandardLevel::International,
        StandardLevel::National,
        StandardLevel::Industry,
        StandardLevel::Provincial,
        StandardLevel::Municipal,
        StandardLevel::Local,
        StandardLevel::Group,
        StandardLevel::Enterprise,
    ];
}

/// The kind of a national standard, by how binding it is. Variants are in order of
/// bindingness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StandardKind {
    /// 强制性 — mandatory national standards, code GB.
    Mandatory,
    /// 推荐性 — recommended national standards, code GB/T.
    Recommended,
    /// 指导性技术文件 — national standardization guidance technical documents, code GB/Z.
    Guidance,
}

impl StandardKind {
    /// Every kind, in order.
    pub const ALL: [StandardKind; 3] = [
        StandardKind::Mandatory,
        StandardKind::Recommended,
        StandardKind::Guidance,
    ];
}

/// A kind of standardization pilot and demonstration project (标准化试点示范项目):
/// first by level, then by field in the order the founding article lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProjectKind {
    /// 国家级标准化试点示范 — national pilot and demonstration projects.
    National,
    /// 省级标准化试点示范 — provincial pilot and demonstration projects.
    Provincial,
    /// 国家和省级标准化试点示范 — national and provincial projects counted together, as in
    /// the founding article's "29个国家和省级标准化试点示范项目".
    NationalAndProvincial,
    /// 农业农村标准化试点 — agricultural and rural standardization pilots.
    Agricultural,
    /// 农业农村综合改革标准化试点 — comprehensive rural reform standardization pilots.
    RuralReform,
    /// 服务业标准化试点 — services standardization pilots.
    Services,
    /// 社会管理和公共服务标准化试点 — social management and public services pilots.
    SocialManagement,
    /// 标准化良好行为企业 — enterprises of good standardization practice.
    GoodPractice,
}

impl ProjectKind {
    /// Every project kind, in order.
    pub const ALL: [ProjectKind; 8] = [
        ProjectKind::National,
        ProjectKind::Provincial,
        ProjectKind::NationalAndProvincial,
        ProjectKind::Agricultural,
        ProjectKind::RuralReform,
        ProjectKind::Services,
        ProjectKind::SocialManagement,
        ProjectKind::GoodPractice,
    ];
}

/// An organisation's role in drafting a standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 主持 (also 牵头, 主导, 主编) — led the drafting.
    Led,
    /// 参与 (also 参编) — took part in the drafting.
    TookPart,
    /// 主持或参与 — led or took part, counted together.
    LedOrTookPart,
}

impl Role {
    /// Every role, in order.
    pub const ALL: [Role; 3] = [Role::Led, Role::TookPart, Role::LedOrTookPart];
}

/// A term of the standardization vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// A level of standard.
    Level(StandardLevel),
    /// A kind of national standard.
    Kind(StandardKind),
    /// A kind of pilot and demonstration project.
    Project(ProjectKind),
    /// A drafting role.
    Role(Role),
}

impl Term {
    /// The family the term belongs to.
    pub fn family(self) -> Family {
        match self {
            Term::Level(_) => Family::Level,
            Term::Kind(_) => Family::Kind,
            Term::Project(_) => Family::Project,
            Term::Role(_) => Family::Role,
        }
    }
}

impl From<StandardLevel> for Term {
    fn from(level: StandardLevel) -> Term {
        Term::Level(level)
    }
}

impl From<StandardKind> for Term {
    fn from(kind: StandardKind) -> Term {
        Term::Kind(kind)
    }
}

impl From<ProjectKind> for Term {
    fn from(kind: ProjectKind) -> Term {
        Term::Project(kind)
    }
}

impl From<Role> for Term {
    fn from(role: Role) -> Term {
        Term::Role(role)
    }
}

const LEVEL_TERMS: [Term; 8] = [
    Term::Level(StandardLevel::International),
    Term::Level(StandardLevel::National),
    Term::Level(StandardLevel::Industry),
    Term::Level(StandardLevel::Provincial),
    Term::Level(StandardLevel::Municipal),
    Term::Level(StandardLevel::Local),
    Term::Level(StandardLevel::Group),
    Term::Level(StandardLevel::Enterprise),
];

const KIND_TERMS: [Term; 3] = [
    Term::Kind(StandardKind::Mandatory),
    Term::Kind(StandardKind::Recommended),
    Term::Kind(StandardKind::Guidance),
];

const PROJECT_TERMS: [Term; 8] = [
    Term::Project(ProjectKind::National),
    Term::Project(ProjectKind::Provincial),
    Term::Project(ProjectKind::NationalAndProvincial),
    Term::Project(ProjectKind::Agricultural),
    Term::Project(ProjectKind::RuralReform),
    Term::Project(ProjectKind::Services),
    Term::Project(ProjectKind::SocialManagement),
    Term::Project(ProjectKind::GoodPractice),
];

const ROLE_TERMS: [Term; 3] = [
    Term::Role(Role::Led),
    Term::Role(Role::TookPart),
    Term::Role(Role::LedOrTookPart),
];

/// The term's name in `locale`: `国家标准` / `National`.
pub fn name(term: Term, locale: Locale) -> &'static str {
    let (zh, en) = names(term);
    match locale {
        Locale::Zh => zh,
        Locale::En => en,
    }
}

/// (Chinese, English) names.
fn names(term: Term) -> (&'static str, &'static str) {
    use ProjectKind as P;
    use StandardKind as K;
    use StandardLevel as L;
    match term {
        Term::Level(l) => match l {
            L::International => ("国际标准", "International"),
            L::National => ("国家标准", "National"),
            L::Industry => ("行业标准", "Industry"),
            L::Provincial => ("省级地方标准", "Provincial local"),
            L::Municipal => ("市级地方标准", "Municipal local"),
            L::Local => ("地方标准", "Local"),
            L::Group => ("团体标准", "Group"),
            L::Enterprise => ("企业标准", "Enterprise"),
        },
        Term::Kind(k) => match k {
            K::Mandatory => ("强制性", "Mandatory"),
            K::Recommended => ("推荐性", "Recommended"),
            K::Guidance => ("指导性技术文件", "Guidance technical document"),
        },
        Term::Project(p) => match p {
            P::National => ("国家级标准化试点示范", "National pilot and demonstration"),
            P::Provincial => ("省级标准化试点示范", "Provincial pilot and demonstration"),
            P::NationalAndProvincial => (
                "国家和省级标准化试点示范",
                "National and provincial pilot and demonstration",
            ),
            P::Agricultural => ("农业农村标准化试点", "Agricultural and rural pilot"),
            P::RuralReform => (
                "农业农村综合改革标准化试点",
                "Comprehensive rural reform pilot",
            ),
            P::Services => ("服务业标准化试点", "Services pilot"),
            P::SocialManagement => (
                "社会管理和公共服务标准化试点",
                "Social management and public services pilot",
            ),
            P::GoodPractice => (
                "标准化良好行为企业",
                "Good standardization practice enterprise",
            ),
        },
        Term::Role(r) => match r {
            Role::Led => ("主持", "Led"),
            Role::TookPart => ("参与", "Took part"),
            Role::LedOrTookPart => ("主持或参与", "Led or took part"),
        },
    }
}

/// Other names of a term, besides its two [`name`]s and the standard codes read by
/// prefix. Compared after the normalisation described in the module docs.
fn aliases(term: Term) -> &'static [&'static str] {
    use ProjectKind as P;
    use StandardKind as K;
    use StandardLevel as L;
    match term {
        Term::Level(l) => match l {
            L::International => &["国际", "international standard", "ISO/IEC"],
            L::National => &["国标", "国家级标准", "national standard"],
            L::Industry => &[
                "行标",
                "备案行业标准",
                "industry standard",
                "sector standard",
            ],
            L::Provincial => &[
                "地方标准(省级)",
                "省级地标",
                "provincial local standard",
                "provincial standard",
            ],
            L::Municipal => &[
                "地方标准(市级)",
                "市级地标",
                "municipal local standard",
                "municipal standard",
            ],
            L::Local => &["地标", "备案地方标准", "local standard"],
            L::Group => &["团标", "group standard", "association standard"],
            L::Enterprise => &["企标", "enterprise standard", "company standard"],
        },
        Term::Kind(k) => match k {
            K::Mandatory => &[
                "强制",
                "强制性标准",
                "强制性国家标准",
                "mandatory standard",
                "mandatory national standard",
            ],
            K::Recommended => &[
                "推荐",
                "推荐性标准",
                "推荐性国家标准",
                "recommended standard",
                "recommended national standard",
            ],
            K::Guidance => &[
                "指导性",
                "指导性技术文件(GB/Z)",
                "国家标准化指导性技术文件",
                "guidance",
                "guidance document",
                "guidance technical documents",
            ],
        },
        Term::Project(p) => match p {
            P::National => &[
                "国家级标准化试点",
                "国家级标准化示范",
                "国家级试点示范",
                "国家标准化试点示范",
                "national standardization pilot",
                "national pilot",
            ],
            P::Provincial => &[
                "省级标准化试点",
                "省级标准化示范",
                "省级试点示范",
                "provincial standardization pilot",
                "provincial pilot",
            ],
            P::NationalAndProvincial => &[
                "国家级和省级标准化试点示范",
                "国家级、省级标准化试点示范",
                "国家和省级试点示范",
                "national and provincial pilot",
            ],
            P::Agricultural => &[
                "农业农村标准化试点示范",
                "农业标准化试点",
                "农业标准化示范",
                "农业标准化示范区",
                "agricultural and rural standardization pilot",
                "agricultural pilot",
            ],
            P::RuralReform => &[
                "农业农村综合改革",
                "农村综合改革标准化试点",
                "农业农村综合改革标准化试点示范",
                "comprehensive rural reform",
                "comprehensive rural reform standardization pilot",
            ],
            P::Services => &[
                "服务业",
                "服务业标准化试点示范",
                "服务业标准化",
                "services",
                "services standardization pilot",
                "service industry standardization pilot",
            ],
            P::SocialManagement => &[
                "社会管理和公共服务",
                "社会管理和公共服务标准化试点示范",
                "社会管理和公共服务标准化",
                "social management and public services",
                "social management and public services standardization pilot",
            ],
            P::GoodPractice => &[
                "标准化良好行为",
                "良好行为企业",
                "标准化良好行为试点",
                "good standardization practice",
                "standardization good behavior enterprise",
            ],
        },
        Term::Role(r) => match r {
            Role::Led => &[
                "牵头",
                "主导",
                "主编",
                "主持制定",
                "牵头制定",
                "主导制定",
                "主编单位",
                "lead",
                "leading",
            ],
            Role::TookPart => &[
                "参编",
                "参与制定",
                "参编单位",
                "participated",
                "participating",
                "took part in",
            ],
            Role::LedOrTookPart => &[
                "牵头或参与",
                "主持或参与制定",
                "主持或参编",
                "led or participated",
            ],
        },
    }
}

/// The term that `text` names, trying the families in [`Family::ALL`] order (so `GB/T`
/// is the national level, not the recommended kind). `None` for anything else, including
/// blank text.
pub fn recognise(text: &str) -> Option<Term> {
    let normal = normalise(text);
    Family::ALL
        .iter()
        .find_map(|&family| recognise_normal(&normal, family))
}

/// The term of `family` that `text` names, if any: `recognise_as("GB/T", Family::Kind)`
/// is the recommended kind.
pub fn recognise_as(text: &str, family: Family) -> Option<Term> {
    recognise_normal(&normalise(text), family)
}

fn recognise_normal(normal: &str, family: Family) -> Option<Term> {
    if normal.is_empty() {
        return None;
    }
    if let Some(term) = by_name(normal, family).or_else(|| by_code(normal, family)) {
        return Some(term);
    }
    // "…项目", "… projects", "… pilots", "… standards": the same term in the plural or
    // with the word "project" spelled out.
    const SUFFIXES: [(&str, &str); 5] = [
        ("项目", ""),
        (" projects", ""),
        (" project", ""),
        ("pilots", "pilot"),
        ("standards", "standard"),
    ];
    SUFFIXES.iter().find_map(|(suffix, replacement)| {
        let stem = normal.strip_suffix(suffix)?;
        let shorter = format!("{}{replacement}", stem.trim_end());
        if shorter.is_empty() {
            return None;
        }
        by_name(&shorter, family)
    })
}

fn by_name(normal: &str, family: Family) -> Option<Term> {
    family.terms().iter().copied().find(|&term| {
        let (zh, en) = names(term);
        [zh, en]
            .iter()
            .chain(aliases(term))
            .any(|alias| same_key(normal, alias))
    })
}

/// Reads a standard code's prefix (see the module docs).
fn by_code(normal: &str, family: Family) -> Option<Term> {
    match family {
        Family::Level => level_code(normal).map(Term::Level),
        Family::Kind => national_code(normal).map(Term::Kind),
        Family::Project | Family::Role => None,
    }
}

fn level_code(s: &str) -> Option<StandardLevel> {
    if national_code(s).is_some() {
        return Some(StandardLevel::National);
    }
    if let Some(rest) = s.strip_prefix("db") {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !ends_word(&rest[digits..]) {
            return None;
        }
        return match digits {
            2 => Some(StandardLevel::Provincial),
            4 => Some(StandardLevel::Municipal),
            _ => None,
        };
    }
    if s.starts_with("t/") {
        return Some(StandardLevel::Group);
    }
    if s.starts_with("q/") {
        return Some(StandardLevel::Enterprise);
    }
    ["iso", "iec", "itu"]
        .iter()
        .any(|p| s.strip_prefix(p).is_some_and(|rest| !starts_letter(rest)))
        .then_some(StandardLevel::International)
}

/// `GB…` → mandatory, `GB/T…` → recommended, `GB/Z…` → guidance.
fn national_code(s: &str) -> Option<StandardKind> {
    let rest = s.strip_prefix("gb")?;
    let (kind, rest) = if let Some(r) = rest.strip_prefix("/t") {
        (StandardKind::Recommended, r)
    } else if let Some(r) = rest.strip_prefix("/z") {
        (StandardKind::Guidance, r)
    } else if rest.starts_with('/') {
        return None;
    } else {
        (StandardKind::Mandatory, rest)
    };
    (!starts_letter(rest)).then_some(kind)
}

/// True if `rest` begins with an ASCII letter (so a prefix is part of a longer word).
fn starts_letter(rest: &str) -> bool {
    rest.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
}

/// True if `rest` is empty or begins with neither a letter nor a digit.
fn ends_word(rest: &str) -> bool {
    rest.bytes()
        .next()
        .is_none_or(|b| !b.is_ascii_alphanumeric())
}

/// One character folded: full-width forms to ASCII, the ideographic space to a space,
/// ASCII letters to lower case.
fn fold(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Folded, trimmed, runs of whitespace made one space.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .chars()
        .map(fold)
        .collect::<String>()
        .split_whitespace()
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Equal after folding and ignoring whitespace.
fn same_key(a: &str, b: &str) -> bool {
    // Compared lazily: no allocation, and most pairs differ at the first character
    // (laying out 10,000 categories compares each with every alias).
    fn key(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().map(fold).filter(|c| !c.is_whitespace())
    }
    key(a).eq(key(b))
}

/// The term's place in its family's hierarchy, from 0 (international; mandatory; national
/// pilot; led). Compare ranks of terms of one family only.
pub fn rank(term: Term) -> u32 {
    match term {
        Term::Level(l) => l as u32,
        Term::Kind(k) => k as u32,
        Term::Project(p) => p as u32,
        Term::Role(r) => r as u32,
    }
}

/// What a field's values are: terms of one family, so a chart can sort them in hierarchy
/// order and colour them with the vocabulary's fixed colours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vocabulary {
    family: Family,
    terms: Vec<Term>,
}

/// The vocabulary of a field, if every distinct non-blank value in `values` is a term of
/// one family; `None` if any value is not (or all are blank).
///
/// When the values fit several families (`GB` is both the national level and the
/// mandatory kind), the family that tells the most values apart wins, then the first in
/// [`Family::ALL`] order.
pub fn vocabulary_of(values: &[&str]) -> Option<Vocabulary> {
    let mut distinct: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for value in values {
        let normal = normalise(value);
        if !normal.is_empty() && seen.insert(normal.clone()) {
            distinct.push(normal);
        }
    }
    if distinct.is_empty() {
        return None;
    }
    let mut best: Option<Vocabulary> = None;
    for family in Family::ALL {
        let Some(terms) = distinct
            .iter()
            .map(|v| recognise_normal(v, family))
            .collect::<Option<Vec<Term>>>()
        else {
            continue;
        };
        let order = crate::sort::order(terms.len(), &mut |a, b| terms[a].cmp(&terms[b]));
        let mut terms: Vec<Term> = order.into_iter().map(|i| terms[i]).collect();
        terms.dedup();
        if best.as_ref().is_none_or(|b| terms.len() > b.terms.len()) {
            best = Some(Vocabulary { family, terms });
        }
    }
    best
}

impl Vocabulary {
    /// The family of the field's values.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The distinct terms the field holds, in hierarchy order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The term `value` names in this vocabulary's family.
    pub fn term(&self, value: &str) -> Option<Term> {
        recognise_as(value, self.family)
    }

    /// Indices into `values` in hierarchy order. Values of equal rank, and values that
    /// are not terms of this family (placed last), keep their original order.
    pub fn order(&self, values: &[&str]) -> Vec<usize> {
        let keys: Vec<u32> = values
            .iter()
            .map(|v| self.term(v).map_or(u32::MAX, rank))
            .collect();
        crate::sort::order(values.len(), &mut |a, b| keys[a].cmp(&keys[b]))
    }

    /// The fill colour of `value`, if it is a term of this family.
    pub fn color(&self, value: &str) -> Option<Color> {
        self.term(value).map(color)
    }

    /// The text colour of `value`, if it is a term of this family.
    pub fn text_color(&self, value: &str) -> Option<Color> {
        self.term(value).map(text_color)
    }
}

/// A fill colour and the text colour that goes with it.
#[derive(Debug, Clone, Copy)]
struct Swatch {
    fill: Color,
    text: Color,
}

/// Okabe–Ito black.
const BLACK: Swatch = Swatch {
    fill: Color::hex(0x000000),
    text: Color::hex(0x000000),
};
/// Okabe–Ito orange.
const ORANGE: Swatch = Swatch {
    fill: Color::hex(0xe69f00),
    text: Color::hex(0x9f6d00),
};
/// Okabe–Ito sky blue.
const SKY_BLUE: Swatch = Swatch {
    fill: Color::hex(0x56b4e9),
    text: Color::hex(0x3a7da4),
};
/// Okabe–Ito bluish green.
const BLUISH_GREEN: Swatch = Swatch {
    fill: Color::hex(0x009e73),
    text: Color::hex(0x008762),
};
/// Okabe–Ito yellow.
const YELLOW: Swatch = Swatch {
    fill: Color::hex(0xf0e442),
    text: Color::hex(0x7f791f),
};
/// Okabe–Ito blue.
const BLUE: Swatch = Swatch {
    fill: Color::hex(0x0072b2),
    text: Color::hex(0x0072b2),
};
/// Okabe–Ito vermilion.
const VERMILION: Swatch = Swatch {
    fill: Color::hex(0xd55e00),
    text: Color::hex(0xc35600),
};
/// Okabe–Ito reddish purple.
const REDDISH_PURPLE: Swatch = Swatch {
    fill: Color::hex(0xcc79a7),
    text: Color::hex(0xa56187),
};
/// The Okabe–Ito blue darkened in linear light (× 0.4): mandatory.
const DARK_BLUE: Swatch = Swatch {
    fill: Color::hex(0x004975),
    text: Color::hex(0x004975),
};
/// A pale blue: guidance documents.
const PALE_BLUE: Swatch = Swatch {
    fill: Color::hex(0xa6cee3),
    text: Color::hex(0x627a88),
};

fn swatch(term: Term) -> Swatch {
    use ProjectKind as P;
    use StandardKind as K;
    use StandardLevel as L;
    match term {
        Term::Level(l) => match l {
            L::International => BLACK,
            L::National => BLUE,
            L::Industry => SKY_BLUE,
            L::Provincial => VERMILION,
            L::Municipal => YELLOW,
            L::Local => ORANGE,
            L::Group => BLUISH_GREEN,
            L::Enterprise => REDDISH_PURPLE,
        },
        Term::Kind(k) => match k {
            K::Mandatory => DARK_BLUE,
            K::Recommended => BLUE,
            K::Guidance => PALE_BLUE,
        },
        Term::Project(p) => match p {
            // The levels' colours; national and provincial together, the purple between
            // blue and vermilion.
            P::National => BLUE,
            P::Provincial => VERMILION,
            P::NationalAndProvincial => REDDISH_PURPLE,
            P::Agricultural => BLUISH_GREEN,
            P::RuralReform => YELLOW,
            P::Services => SKY_BLUE,
            P::SocialManagement => ORANGE,
            P::GoodPractice => BLACK,
        },
        Term::Role(r) => match r {
            Role::Led => BLUE,
            Role::TookPart => ORANGE,
            Role::LedOrTookPart => BLUISH_GREEN,
        },
    }
}

/// The term's fill colour for marks (bars, slices, legend swatches). Fixed per term: it
/// does not depend on which other values a chart shows.
pub fn color(term: Term) -> Color {
    swatch(term).fill
}

/// The term's colour for text on a white background (labels, legend text): the fill
/// darkened to reach WCAG AA contrast (4.5:1), or the fill itself where it already does.
pub fn text_color(term: Term) -> Color {
    swatch(term).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(l: StandardLevel) -> Option<Term> {
        Some(Term::Level(l))
    }

    fn all_terms() -> impl Iterator<Item = Term> {
        Family::ALL.iter().flat_map(|f| f.terms().iter().copied())
    }

    #[test]
    fn every_name_and_alias_is_recognised_in_its_family() {
        for term in all_terms() {
            let (zh, en) = names(term);
            for text in [zh, en].iter().chain(aliases(term)) {
                assert_eq!(recognise_as(text, term.family()), Some(term), "{text}");
                assert_eq!(recognise(text), Some(term), "{text}");
                assert_eq!(
                    recognise(&text.to_uppercase()),
                    Some(term),
                    "{text} upper case"
                );
            }
        }
    }

    #[test]
    fn no_name_or_alias_names_two_terms() {
        let mut seen: Vec<(Vec<char>, Term)> = Vec::new();
        for term in all_terms() {
            let (zh, en) = names(term);
            for text in [zh, en].iter().chain(aliases(term)) {
                let key: Vec<char> = text
                    .chars()
                    .map(fold)
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                    panic!("{text} names both {other:?} and {term:?}");
                }
                seen.push((key, term));
            }
        }
    }

    #[test]
    fn the_briefs_aliases_of_levels() {
        use StandardLevel as L;
        let cases: &[(&str, StandardLevel)] = &[
            ("国际标准", L::International),
            ("ISO", L::International),
            ("IEC", L::International),
            ("ITU", L::International),
            ("国际", L::International),
            ("ISO 9001:2015", L::International),
            ("ISO/IEC 27001", L::International),
            ("ITU-T G.711", L::International),
            ("国家标准", L::National),
            ("国标", L::National),
            ("GB", L::National),
            ("GB/T", L::National),
            ("GB/Z", L::National),
            ("国家级标准", L::National),
            ("GB/T 19001-2016", L::National),
            ("GB 2760-2014", L::National),
            ("行业标准", L::Industry),
            ("行标", L::Industry),
            ("备案行业标准", L::Industry),
            ("省级地方标准", L::Provincial),
            ("地方标准(省级)", L::Provincial),
            ("省级地标", L::Provincial),
            ("DB14", L::Provincial),
            ("DB14/T 1234-2016", L::Provincial),
            ("市级地方标准", L::Municipal),
            ("地方标准(市级)", L::Municipal),
            ("市级地标", L::Municipal),
            ("DB1403", L::Municipal),
            ("DB1403/T 12-2020", L::Municipal),
            ("地方标准", L::Local),
            ("地标", L::Local),
            ("local standard", L::Local),
            ("备案地方标准", L::Local),
            ("团体标准", L::Group),
            ("团标", L::Group),
            ("T/", L::Group),
            ("T/CAS 115-2018", L::Group),
            ("企业标准", L::Enterprise),
            ("企标", L::Enterprise),
            ("Q/", L::Enterprise),
            ("Q/YQ 001-2023", L::Enterprise),
        ];
        for &(text, l) in cases {
            assert_eq!(recognise(text), level(l), "{text}");
        }
    }

    #[test]
    fn codes_that_are_not_levels() {
        for text in [
            "GBK",
            "GB/X",
            "DB1",
            "DB123",
            "DB140302",
            "DBA",
            "ISOLATION",
            "Items",
            "T",
            "Q",
            "GB/TT",
            "iecx",
        ] {
            assert_eq!(recognise_as(text, Family::Level), None, "{text}");
        }
    }

    #[test]
    fn english_input_in_any_case() {
        use StandardLevel as L;
        for (text, l) in [
            ("national standard", L::National),
            ("National", L::National),
            ("NATIONAL STANDARD", L::National),
            ("  national   standards ", L::National),
            ("Industry", L::Industry),
            ("Provincial local", L::Provincial),
            ("provincial local standard", L::Provincial),
            ("Municipal local", L::Municipal),
            ("Local", L::Local),
            ("Group", L::Group),
            ("group standards", L::Group),
            ("Enterprise", L::Enterprise),
            ("International", L::International),
        ] {
            assert_eq!(recognise(text), level(l), "{text}");
        }
        assert_eq!(
            recognise("Mandatory"),
            Some(Term::Kind(StandardKind::Mandatory))
        );
        assert_eq!(
            recognise("led or took part"),
            Some(Term::Role(Role::LedOrTookPart))
        );
        assert_eq!(
            recognise("Services pilots"),
            Some(Term::Project(ProjectKind::Services))
        );
    }

    #[test]
    fn whitespace_and_full_width_forms() {
        use StandardLevel as L;
        for (text, l) in [
            ("　国家标准　", L::National),
            ("\t国家标准\n", L::National),
            ("国家 标准", L::National),
            ("\u{a0}行业标准", L::Industry),
            ("ＧＢ／Ｔ", L::National),
            ("ｇｂ／ｔ　１９００１－２０１６", L::National),
            ("地方标准（省级）", L::Provincial),
            ("地方标准 ( 市级 )", L::Municipal),
            ("ＤＢ１４", L::Provincial),
            ("ＤＢ１４０３", L::Municipal),
            ("Ｔ／ＣＡＳ　１１５", L::Group),
            ("Ｑ／", L::Enterprise),
            ("ＩＳＯ", L::International),
            ("Ｎａｔｉｏｎａｌ", L::National),
        ] {
            assert_eq!(recognise(text), level(l), "{text:?}");
        }
    }

    #[test]
    fn blank_and_unknown_text_is_no_term() {
        for text in [
            "",
            "   ",
            "　",
            "苹果",
            "标准",
            "国家",
            "合计",
            "nation",
            "DB",
            "standards",
            "项目",
        ] {
            assert_eq!(recognise(text), None, "{text:?}");
        }
    }

    #[test]
    fn kinds_of_national_standard() {
        use StandardKind as K;
        for (text, k) in [
            ("强制性", K::Mandatory),
            ("强制性国家标准", K::Mandatory),
            ("mandatory", K::Mandatory),
            ("推荐性", K::Recommended),
            ("Recommended", K::Recommended),
            ("指导性技术文件", K::Guidance),
            ("guidance technical documents", K::Guidance),
        ] {
            assert_eq!(recognise(text), Some(Term::Kind(k)), "{text}");
        }
        for (text, k) in [
            ("GB", K::Mandatory),
            ("GB 2760-2014", K::Mandatory),
            ("GB/T", K::Recommended),
            ("ＧＢ／Ｔ 19001", K::Recommended),
            ("GB/Z", K::Guidance),
        ] {
            assert_eq!(
                recognise_as(text, Family::Kind),
                Some(Term::Kind(k)),
                "{text}"
            );
            assert_eq!(recognise(text), level(StandardLevel::National), "{text}");
        }
        assert_eq!(recognise_as("DB14", Family::Kind), None);
    }

    #[test]
    fn project_kinds_of_the_article_and_common_usage() {
        use ProjectKind as P;
        for (text, p) in [
            ("国家级标准化试点示范", P::National),
            ("国家级标准化试点示范项目", P::National),
            ("省级标准化试点示范", P::Provincial),
            ("国家和省级标准化试点示范", P::NationalAndProvincial),
            ("国家和省级标准化试点示范项目", P::NationalAndProvincial),
            ("农业农村标准化试点", P::Agricultural),
            ("农业农村标准化试点项目", P::Agricultural),
            ("农业农村综合改革", P::RuralReform),
            ("农业农村综合改革标准化试点", P::RuralReform),
            ("服务业", P::Services),
            ("服务业标准化试点", P::Services),
            ("社会管理和公共服务", P::SocialManagement),
            ("社会管理和公共服务标准化试点", P::SocialManagement),
            ("标准化良好行为企业", P::GoodPractice),
            ("Agricultural and rural pilot", P::Agricultural),
            ("agricultural and rural pilot projects", P::Agricultural),
            ("Good standardization practice enterprise", P::GoodPractice),
        ] {
            assert_eq!(recognise(text), Some(Term::Project(p)), "{text}");
        }
    }

    #[test]
    fn roles() {
        for (text, r) in [
            ("主持", Role::Led),
            ("牵头", Role::Led),
            ("主导", Role::Led),
            ("主编", Role::Led),
            ("Led", Role::Led),
            ("参与", Role::TookPart),
            ("参编", Role::TookPart),
            ("Took part", Role::TookPart),
            ("主持或参与", Role::LedOrTookPart),
            ("Led or took part", Role::LedOrTookPart),
        ] {
            assert_eq!(recognise(text), Some(Term::Role(r)), "{text}");
        }
    }

    #[test]
    fn names_in_both_locales() {
        assert_eq!(
            name(Term::Level(StandardLevel::Provincial), Locale::Zh),
            "省级地方标准"
        );
        assert_eq!(
            name(Term::Level(StandardLevel::Provincial), Locale::En),
            "Provincial local"
        );
        let en: Vec<&str> = StandardLevel::ALL
            .iter()
            .map(|&l| name(l.into(), Locale::En))
            .collect();
        assert_eq!(
            en,
            [
                "International",
                "National",
                "Industry",
                "Provincial local",
                "Municipal local",
                "Local",
                "Group",
                "Enterprise"
            ]
        );
        assert_eq!(name(Role::LedOrTookPart.into(), Locale::Zh), "主持或参与");
    }

    #[test]
    fn ranks_follow_the_hierarchy() {
        for family in Family::ALL {
            let ranks: Vec<u32> = family.terms().iter().map(|&t| rank(t)).collect();
            let expected: Vec<u32> = (0..family.terms().len() as u32).collect();
            assert_eq!(ranks, expected, "{family:?}");
            assert!(family.terms().iter().all(|t| t.family() == family));
        }
        assert_eq!(Family::Level.terms().len(), StandardLevel::ALL.len());
        assert_eq!(Family::Kind.terms().len(), StandardKind::ALL.len());
        assert_eq!(Family::Project.terms().len(), ProjectKind::ALL.len());
        assert_eq!(Family::Role.terms().len(), Role::ALL.len());
        // Plain local sorts between industry and group.
        let local = rank(StandardLevel::Local.into());
        assert!(rank(StandardLevel::Industry.into()) < local);
        assert!(local < rank(StandardLevel::Group.into()));
    }

    fn sorted<'a>(values: &[&'a str]) -> Vec<&'a str> {
        let vocabulary = vocabulary_of(values).expect("a vocabulary");
        vocabulary
            .order(values)
            .into_iter()
            .map(|i| values[i])
            .collect()
    }

    #[test]
    fn orders_levels_in_hierarchy_order() {
        assert_eq!(
            sorted(&["市级地方标准", "国家标准", "团体标准", "行业标准"]),
            ["国家标准", "行业标准", "市级地方标准", "团体标准"]
        );
        assert_eq!(
            sorted(&["企业标准", "地方标准", "团体标准", "国家标准", "行业标准"]),
            ["国家标准", "行业标准", "地方标准", "团体标准", "企业标准"]
        );
        assert_eq!(
            sorted(&["Group", "ISO", "省级地标", "Municipal local", "地方标准"]),
            ["ISO", "省级地标", "Municipal local", "地方标准", "Group"]
        );
        assert_eq!(
            sorted(&["参与", "主持或参与", "主持"]),
            ["主持", "参与", "主持或参与"]
        );
    }

    #[test]
    fn the_founding_articles_levels() {
        // 中国质量报 2024-01-10: 国家标准80项、行业标准37项,省级地方标准8项,市级地方标准63项.
        let values = ["国家标准", "行业标准", "省级地方标准", "市级地方标准"];
        let vocabulary = vocabulary_of(&values).expect("levels");
        assert_eq!(vocabulary.family(), Family::Level);
        assert_eq!(
            vocabulary.terms(),
            [
                Term::Level(StandardLevel::National),
                Term::Level(StandardLevel::Industry),
                Term::Level(StandardLevel::Provincial),
                Term::Level(StandardLevel::Municipal),
            ]
        );
        let reversed = ["市级地方标准", "省级地方标准", "行业标准", "国家标准"];
        assert_eq!(vocabulary.order(&reversed), [3, 2, 1, 0]);
        // The article's project counts: 29 national and provincial, 24 agricultural.
        let projects = ["农业农村标准化试点", "国家和省级标准化试点示范"];
        let vocabulary = vocabulary_of(&projects).expect("projects");
        assert_eq!(vocabulary.family(), Family::Project);
        assert_eq!(vocabulary.order(&projects), [1, 0]);
    }

    #[test]
    fn blank_values_are_ignored_and_unknown_ones_refused() {
        let v = vocabulary_of(&["", "国家标准", "  ", "行业标准", "国家标准"]).expect("levels");
        assert_eq!(v.family(), Family::Level);
        assert_eq!(v.terms().len(), 2);
        assert_eq!(vocabulary_of(&[]), None);
        assert_eq!(vocabulary_of(&["", " "]), None);
        assert_eq!(vocabulary_of(&["国家标准", "苹果"]), None);
        assert_eq!(vocabulary_of(&["国家标准", "合计"]), None);
        // Terms of two families are not one vocabulary.
        assert_eq!(vocabulary_of(&["国家标准", "主持"]), None);
        assert_eq!(vocabulary_of(&["强制性", "行业标准"]), None);
    }

    #[test]
    fn unknown_values_sort_last_in_original_order() {
        let v = vocabulary_of(&["国家标准", "行业标准", "团体标准"]).expect("levels");
        let values = [
            "其他",
            "团体标准",
            "",
            "合计",
            "国家标准",
            "主持",
            "行业标准",
        ];
        assert_eq!(v.order(&values), [4, 6, 1, 0, 2, 3, 5]);
        // Equal ranks keep their order too.
        let values = ["国标", "行业标准", "GB/T", "国家标准"];
        assert_eq!(v.order(&values), [0, 2, 3, 1]);
        assert_eq!(v.order(&[]), Vec::<usize>::new());
    }

    #[test]
    fn the_family_that_tells_values_apart_wins() {
        let kinds = vocabulary_of(&["GB/T", "GB", "GB/Z"]).expect("kinds");
        assert_eq!(kinds.family(), Family::Kind);
        assert_eq!(kinds.order(&["GB/T", "GB", "GB/Z"]), [1, 0, 2]);
        let one = vocabulary_of(&["GB"]).expect("a level");
        assert_eq!(one.family(), Family::Level);
        let levels = vocabulary_of(&["GB", "行业标准"]).expect("levels");
        assert_eq!(levels.family(), Family::Level);
    }

    // ---- colours ----

    /// Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
    const PROTANOPIA: [[f64; 3]; 3] = [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ];
    const DEUTERANOPIA: [[f64; 3]; 3] = [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ];
    const TRITANOPIA: [[f64; 3]; 3] = [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ];
    const NORMAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    const VISIONS: [(&str, [[f64; 3]; 3]); 4] = [
        ("normal", NORMAL),
        ("protanopia", PROTANOPIA),
        ("deuteranopia", DEUTERANOPIA),
        ("tritanopia", TRITANOPIA),
    ];

    /// CIE76 ΔE*ab every pair of a family's colours must keep, for normal vision and each
    /// simulated dichromacy. About four times the just-noticeable difference (≈ 2.3): a
    /// legend swatch is matched to a bar across the chart, not side by side.
    const MIN_DELTA_E: f64 = 10.0;

    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    fn simulate(c: Color, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let rgb = [linear(c.r), linear(c.g), linear(c.b)];
        m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0))
    }

    /// CIELAB (D65) from linear sRGB.
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        let f = |t: f64| {
            let d: f64 = 6.0 / 29.0;
            if t > d.powi(3) {
                t.cbrt()
            } else {
                t / (3.0 * d * d) + 4.0 / 29.0
            }
        };
        let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// The smallest ΔE between two of `terms`' colours under `m`, and that pair.
    fn closest_pair(terms: &[Term], m: &[[f64; 3]; 3]) -> (f64, Term, Term) {
        let mut worst = (f64::INFINITY, terms[0], terms[0]);
        for (i, &a) in terms.iter().enumerate() {
            for &b in &terms[i + 1..] {
                let d = delta_e(lab(simulate(color(a), m)), lab(simulate(color(b), m)));
                if d < worst.0 {
                    worst = (d, a, b);
                }
            }
        }
        worst
    }

    #[test]
    fn colours_stay_apart_for_normal_and_dichromatic_vision() {
        for family in Family::ALL {
            for (vision, m) in &VISIONS {
                let (d, a, b) = closest_pair(family.terms(), m);
                println!("{family:?} {vision}: min ΔE {d:.1} ({a:?} / {b:?})");
                assert!(
                    d >= MIN_DELTA_E,
                    "{family:?} under {vision}: {a:?} and {b:?} are {d:.1} apart"
                );
            }
        }
    }

    #[test]
    fn level_colours_minimum_delta_e_is_known() {
        // Pins the margin the doc states: Okabe–Ito's worst pair among the levels.
        let worst = VISIONS
            .iter()
            .map(|(_, m)| closest_pair(Family::Level.terms(), m).0)
            .fold(f64::INFINITY, f64::min);
        assert!((worst - 16.1).abs() < 0.05, "{worst}");
    }

    #[test]
    fn text_colours_reach_wcag_aa_on_white_and_are_the_fills_darkened() {
        let white = Color::hex(0xffffff);
        for term in all_terms() {
            let (fill, text) = (color(term), text_color(term));
            let contrast = text.contrast(&white);
            assert!(contrast >= 4.5, "{term:?}: {text} is {contrast:.2}:1");
            if fill.contrast(&white) >= 4.5 {
                assert_eq!(text, fill, "{term:?}: the fill already passes");
                continue;
            }
            // No darker than it needs to be…
            assert!(contrast < 4.6, "{term:?}: {text} is {contrast:.2}:1");
            // …and the fill darkened in linear light: the same chromaticity, so the linear
            // RGB vectors point the same way (up to 8-bit rounding).
            let (f, t) = (simulate(fill, &NORMAL), simulate(text, &NORMAL));
            let dot = f[0] * t[0] + f[1] * t[1] + f[2] * t[2];
            let norm = |v: [f64; 3]| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt();
            let cos = dot / (norm(f) * norm(t));
            assert!(
                cos > 0.9999,
                "{term:?}: {text} is not {fill} darkened ({cos})"
            );
        }
    }

    #[test]
    fn colours_are_distinct_within_each_family() {
        for family in Family::ALL {
            let terms = family.terms();
            for (i, &a) in terms.iter().enumerate() {
                for &b in &terms[i + 1..] {
                    assert_ne!(color(a), color(b), "{a:?} / {b:?}");
                }
            }
        }
    }

    #[test]
    fn colours_are_stable_whatever_else_is_present() {
        let national = Term::Level(StandardLevel::National);
        let fields: [&[&str]; 4] = [
            &["国家标准"],
            &["团体标准", "国家标准"],
            &["市级地方标准", "国家标准", "团体标准", "行业标准"],
            &[
                "企业标准",
                "地方标准",
                "国家标准",
                "国际标准",
                "行业标准",
                "团体标准",
            ],
        ];
        for values in fields {
            let v = vocabulary_of(values).expect("levels");
            assert_eq!(v.color("国家标准"), Some(color(national)), "{values:?}");
            assert_eq!(v.color("GB/T"), Some(Color::hex(0x0072b2)));
            assert_eq!(v.text_color("国家标准"), Some(text_color(national)));
            for value in values {
                let term = recognise(value).expect("a level");
                assert_eq!(v.color(value), Some(color(term)));
            }
        }
        // Order of appearance does not matter either.
        let a = vocabulary_of(&["行业标准", "国家标准"]).expect("levels");
        let b = vocabulary_of(&["国家标准", "行业标准"]).expect("levels");
        assert_eq!(a, b);
        assert_eq!(a.color("哦"), None);
    }

    #[test]
    fn the_palette_is_okabe_ito() {
        let okabe_ito = [
            0x000000, 0xe69f00, 0x56b4e9, 0x009e73, 0xf0e442, 0x0072b2, 0xd55e00, 0xcc79a7,
        ];
        let mut level_colours: Vec<Color> =
            Family::Level.terms().iter().map(|&t| color(t)).collect();
        let mut expected: Vec<Color> = okabe_ito.iter().map(|&v| Color::hex(v)).collect();
        let key = |c: &Color| (c.r, c.g, c.b);
        level_colours.sort_by_key(key);
        expected.sort_by_key(key);
        assert_eq!(level_colours, expected);
    }
}
