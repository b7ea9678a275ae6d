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
}
