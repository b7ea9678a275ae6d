//! Languages of the interface and of the data: English, Russian, Azerbaijani.
//!
//! Interface strings live in `locales/{en,ru,az}/*.ftl` (Fluent, with Russian
//! plural categories); texts stored in the database are [`LocalizedText`].

use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks would show up inside HTML attributes and URLs.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ru,
    Az,
}

static LANGUAGE_IDS: LazyLock<[LanguageIdentifier; 3]> =
    LazyLock::new(|| ["en", "ru", "az"].map(|code| code.parse().expect("static language tag")));

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Az];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Az => "az",
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Az => "Azərbaycanca",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            "az" => Some(Lang::Az),
            _ => None,
        }
    }

    /// The best of our languages for an `Accept-Language` header, by its q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let quality =
                parts.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(lang) = Lang::parse(primary)
                && quality > 0.0
                && best.is_none_or(|(q, _)| quality > q)
            {
                best = Some((quality, lang));
            }
        }
        best.map(|(_, lang)| lang)
    }

    fn language_id(self) -> &'static LanguageIdentifier {
        &LANGUAGE_IDS[self as usize]
    }

    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.language_id(), key)
    }

    /// A string that may not exist (labels looked up by a record's field names).
    pub fn try_t(self, key: &str) -> Option<String> {
        LOCALES.try_lookup(self.language_id(), key)
    }

    pub fn t_with(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(name, value)| (Cow::Borrowed(*name), value.clone())).collect();
        LOCALES.lookup_with_args(self.language_id(), key, &args)
    }

    /// A count in a sentence, with the plural form the language wants.
    pub fn t_count(self, key: &str, count: impl Borrow<i64>) -> String {
        self.t_with(key, &[("count", FluentValue::from(*count.borrow()))])
    }
}

/// Month names as each language writes them in a date ("15 марта": Russian takes the genitive).
const MONTHS_IN_DATES: [[&str; 12]; 3] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"],
];

/// Month names standing alone, as a month's heading ("Март 2026").
const MONTHS_ALONE: [[&str; 12]; 3] = [
    MONTHS_IN_DATES[0],
    [
        "Январь",
        "Февраль",
        "Март",
        "Апрель",
        "Май",
        "Июнь",
        "Июль",
        "Август",
        "Сентябрь",
        "Октябрь",
        "Ноябрь",
        "Декабрь",
    ],
    ["Yanvar", "Fevral", "Mart", "Aprel", "May", "İyun", "İyul", "Avqust", "Sentyabr", "Oktyabr", "Noyabr", "Dekabr"],
];

/// The year, month and day an ISO 8601 date or timestamp starts with.
fn iso_parts(iso: &str) -> Option<(&str, usize, Option<u32>)> {
    let year = iso.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    let month: usize = iso.get(4..7)?.strip_prefix('-')?.parse().ok().filter(|m| (1..=12).contains(m))?;
    if iso.len() == 7 {
        return Some((year, month, None));
    }
    let day = iso.get(7..10)?.strip_prefix('-').filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    let day = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let rest = &iso[10..];
    (rest.is_empty() || rest.starts_with(['T', ' '])).then_some((year, month, Some(day)))
}

impl Lang {
    /// A day as the language writes it: "15 March 2026", "15 марта 2026 г.", "15 mart 2026".
    /// Takes an ISO date (or the date a timestamp starts with, or a month `2026-03`); anything
    /// else is shown as it is, so a stored value is never lost to the formatting.
    pub fn date(self, iso: impl std::fmt::Display) -> String {
        let iso = iso.to_string();
        let Some((year, month, day)) = iso_parts(&iso) else {
            return iso;
        };
        let Some(day) = day else {
            return format!("{} {year}", MONTHS_ALONE[self as usize][month - 1]);
        };
        let month = MONTHS_IN_DATES[self as usize][month - 1];
        match self {
            Lang::Ru => format!("{day} {month} {year} г."),
            Lang::En | Lang::Az => format!("{day} {month} {year}"),
        }
    }

    /// A moment as the language writes it: the day, then the time of day when the value has one.
    pub fn date_time(self, iso: impl std::fmt::Display) -> String {
        let iso = iso.to_string();
        let time = iso
            .get(10..16)
            .and_then(|rest| rest.strip_prefix(['T', ' ']))
            .filter(|t| t.len() == 5 && t.as_bytes()[2] == b':' && t.bytes().filter(u8::is_ascii_digit).count() == 4);
        let in_utc = ["Z", " UTC", "+00", "+00:00"].iter().any(|zone| iso.ends_with(zone));
        match time {
            Some(time) if iso_parts(&iso).is_some() => {
                format!("{}, {time}{}", self.date(&iso[..10]), if in_utc { " UTC" } else { "" })
            }
            _ => self.date(iso),
        }
    }
}

/// A stored moment as HTML's `<time datetime>` takes it, the same in every language: "2026-11-30 11:03:45 UTC"
/// becomes "2026-11-30T11:03:45Z"; a day or an already valid value is kept.
pub fn datetime_attribute(stored: impl std::fmt::Display) -> String {
    let stored = stored.to_string();
    let Some(rest) = stored.get(10..).filter(|rest| rest.starts_with(' ') && iso_parts(&stored).is_some()) else {
        return stored;
    };
    let rest = &rest[1..];
    let (time, zone) = if let Some(time) = rest.strip_suffix(" UTC") {
        (time, "Z".to_string())
    } else if let Some((time, hours)) = rest.split_once('+').filter(|(_, hours)| hours.len() == 2) {
        (time, format!("+{hours}:00"))
    } else {
        (rest, String::new())
    };
    format!("{}T{time}{zone}", &stored[..10])
}

/// A text stored in several languages, shown in the reader's language or,
/// where it is missing, in the first available of English, Azerbaijani, Russian.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText(pub BTreeMap<Lang, String>);

impl LocalizedText {
    pub fn get(&self, lang: impl Borrow<Lang>) -> &str {
        [*lang.borrow(), Lang::En, Lang::Az, Lang::Ru]
            .iter()
            .find_map(|l| self.0.get(l).filter(|s| !s.trim().is_empty()))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The language a reader of `lang` will actually see the text in.
    pub fn shown_language(&self, lang: impl Borrow<Lang>) -> Lang {
        let lang = *lang.borrow();
        [lang, Lang::En, Lang::Az, Lang::Ru]
            .into_iter()
            .find(|l| self.0.get(l).is_some_and(|s| !s.trim().is_empty()))
            .unwrap_or(lang)
    }

    pub fn from_json(json: &str) -> LocalizedText {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn from_json_opt(json: Option<&str>) -> Option<LocalizedText> {
        json.map(LocalizedText::from_json).filter(|t| !t.is_empty())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "{}".into())
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|s| s.trim().is_empty())
    }

    /// The texts keyed by language code, as the API shows them.
    pub fn by_code(&self) -> BTreeMap<String, String> {
        self.0.iter().map(|(lang, text)| (lang.code().to_string(), text.clone())).collect()
    }

    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stored_moments_become_valid_datetime_attributes() {
        assert_eq!(super::datetime_attribute("2026-11-30 11:03:45 UTC"), "2026-11-30T11:03:45Z");
        assert_eq!(super::datetime_attribute("2026-11-30 11:03:45+00"), "2026-11-30T11:03:45+00:00");
        assert_eq!(super::datetime_attribute("2026-11-30 11:03:45"), "2026-11-30T11:03:45");
        assert_eq!(super::datetime_attribute("2026-11-30"), "2026-11-30");
        assert_eq!(super::datetime_attribute("2026-11-30T11:03:45Z"), "2026-11-30T11:03:45Z");
    }

    use super::*;

    #[test]
    fn accept_language_takes_the_highest_quality_we_speak() {
        assert_eq!(Lang::from_accept_language("fr-FR, ru;q=0.8, en;q=0.5"), Some(Lang::Ru));
        assert_eq!(Lang::from_accept_language("az-Latn-AZ"), Some(Lang::Az));
        assert_eq!(Lang::from_accept_language("de, fr"), None);
        assert_eq!(Lang::from_accept_language("en;q=0, ru;q=0.1"), Some(Lang::Ru));
    }

    #[test]
    fn localized_text_falls_back_to_english_then_azerbaijani() {
        let text = LocalizedText::from_json(r#"{"az":"Buta","en":"Buta Foundation"}"#);
        assert_eq!(text.get(Lang::Ru), "Buta Foundation");
        assert_eq!(text.shown_language(Lang::Ru), Lang::En);
        let only_az = LocalizedText::from_json(r#"{"az":"Gənclər"}"#);
        assert_eq!(only_az.get(Lang::En), "Gənclər");
    }

    #[test]
    fn every_language_has_every_interface_string() {
        for lang in Lang::ALL {
            let title = lang.t("site-name");
            assert!(!title.is_empty() && !title.contains("Unknown"), "{lang:?}: {title}");
        }
        assert_ne!(Lang::Ru.t("search-button"), Lang::En.t("search-button"));
    }

    /// The message ids a language defines, file by file: each capability keeps
    /// its strings in a file of its own beside `main.ftl`.
    fn message_ids(lang: &str) -> std::collections::BTreeMap<String, Vec<String>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang);
        let mut files = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "ftl") {
                let ftl = std::fs::read_to_string(&path).unwrap();
                let ids = ftl
                    .lines()
                    .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
                    .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_string()))
                    .collect();
                files.insert(path.file_name().unwrap().to_string_lossy().into_owned(), ids);
            }
        }
        files
    }

    #[test]
    fn every_language_defines_the_same_messages() {
        let english = message_ids("en");
        assert!(english["main.ftl"].len() > 100);
        let mut seen = std::collections::HashSet::new();
        for id in english.values().flatten() {
            assert!(seen.insert(id), "{id} is defined twice in the English files");
        }
        for lang in ["ru", "az"] {
            assert_eq!(message_ids(lang), english, "{lang} defines other messages than en");
        }
    }

    #[test]
    fn russian_counts_take_their_plural_forms() {
        assert!(Lang::Ru.t_count("organizations-count", 1).contains("организация"));
        assert!(Lang::Ru.t_count("organizations-count", 3).contains("организации"));
        assert!(Lang::Ru.t_count("organizations-count", 5).contains("организаций"));
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        assert_eq!(Lang::En.date("2026-03-15"), "15 March 2026");
        assert_eq!(Lang::Ru.date("2026-03-15"), "15 марта 2026 г.");
        assert_eq!(Lang::Az.date("2026-03-05"), "5 mart 2026");
        assert_eq!(Lang::Ru.date("2026-05"), "Май 2026");
        assert_eq!(Lang::En.date_time("2026-12-01T09:30:00Z"), "1 December 2026, 09:30 UTC");
        assert_eq!(Lang::Ru.date_time("2026-12-01 09:30 UTC"), "1 декабря 2026 г., 09:30 UTC");
        assert_eq!(Lang::Az.date_time("2026-12-01 09:30:00"), "1 dekabr 2026, 09:30");
        assert_eq!(Lang::Az.date_time("2026-12-01"), "1 dekabr 2026");
        for odd in ["", "soon", "2026-13-01", "2026-03-99", "20x6-01-01", "2026-03-1"] {
            assert_eq!(Lang::En.date(odd), odd);
        }
    }
}
