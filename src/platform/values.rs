//! Small value types parsed once at the edge and trusted inside.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use serde::Serialize;

use super::i18n::Lang;

/// A URL-safe identifier: lowercase ASCII letters, digits and inner hyphens.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 120;

    pub fn parse(text: &str) -> Option<Slug> {
        let valid = !text.is_empty()
            && text.len() <= Self::MAX_LEN
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-');
        valid.then(|| Slug(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A readable slug for a name in any script: Latin letters stay as they
    /// are, others are transliterated, everything else becomes a hyphen.
    /// None when nothing of the name can be written in an address.
    pub fn from_name(name: &str) -> Option<Slug> {
        let latin: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase().to_string()
                } else {
                    super::search::fold::fold(&c.to_string())
                }
            })
            .collect();
        let words: Vec<&str> =
            latin.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()).take(10).collect();
        let mut slug = String::new();
        for word in words {
            if slug.len() + word.len() + 1 > 80 {
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(word);
        }
        Slug::parse(&slug)
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ISO 3166-1 alpha-2 country code that names a real country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct CountryCode([u8; 2]);

struct CountryNames {
    en: &'static str,
    ru: Option<&'static str>,
    az: Option<&'static str>,
}

static COUNTRY_NAMES: LazyLock<HashMap<[u8; 2], CountryNames>> = LazyLock::new(|| {
    keshvar::CountryIterator::new()
        .map(|country| {
            let code = country.alpha2().to_string().to_ascii_uppercase();
            let code = code.as_bytes();
            let names = CountryNames {
                en: country.iso_short_name(),
                ru: country.translations().get("ru").copied(),
                az: country.translations().get("az").copied(),
            };
            ([code[0], code[1]], names)
        })
        .collect()
});

impl CountryCode {
    /// Accepts either case ("az" or "AZ"); refuses codes no country has.
    pub fn parse(text: &str) -> Option<CountryCode> {
        let bytes = text.trim().as_bytes();
        if bytes.len() != 2 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return None;
        }
        let code = [bytes[0].to_ascii_uppercase(), bytes[1].to_ascii_uppercase()];
        COUNTRY_NAMES.contains_key(&code).then_some(CountryCode(code))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Every country there is, in no particular order.
    pub fn all() -> impl Iterator<Item = CountryCode> {
        COUNTRY_NAMES.keys().map(|code| CountryCode(*code))
    }

    pub fn name(&self, lang: impl std::borrow::Borrow<Lang>) -> &'static str {
        let lang = *lang.borrow();
        let Some(names) = COUNTRY_NAMES.get(&self.0) else {
            return "";
        };
        match lang {
            Lang::En => names.en,
            Lang::Ru => names.ru.unwrap_or(names.en),
            Lang::Az => names.az.unwrap_or(names.en),
        }
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> String {
        code.as_str().to_string()
    }
}

impl<'de> serde::Deserialize<'de> for CountryCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <String as serde::Deserialize>::deserialize(deserializer)?;
        CountryCode::parse(&code).ok_or_else(|| serde::de::Error::custom(format!("unknown country {code}")))
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_kebab() {
        assert!(Slug::parse("un-ngo-irene-azerbaijan").is_some());
        for bad in ["", "-a", "a-", "A", "a b", "ä", &"x".repeat(121)] {
            assert!(Slug::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn slugs_from_names_read_like_the_names() {
        let slug = |name: &str| Slug::from_name(name).map(|s| s.to_string());
        assert_eq!(slug("Caspian Dunes Youth Network").as_deref(), Some("caspian-dunes-youth-network"));
        assert_eq!(slug("“Buta” Children's Fund").as_deref(), Some("buta-children-s-fund"));
        assert_eq!(slug("Яшыл Гафгаз").as_deref(), Some("yashil-gafgaz"));
        assert_eq!(slug("Qaçqın Şəbəkəsi").as_deref(), Some("qachqin-shabakasi"));
        assert_eq!(slug("!!!"), None);
    }

    #[test]
    fn country_codes_must_name_a_country() {
        let az = CountryCode::parse("az").expect("Azerbaijan");
        assert_eq!(az.as_str(), "AZ");
        assert_eq!(az.name(Lang::En), "Azerbaijan");
        assert_eq!(az.name(Lang::Ru), "Азербайджан");
        assert_eq!(az.name(Lang::Az), "Azərbaycan");
        for bad in ["XX", "A", "AZE", "1Z", ""] {
            assert!(CountryCode::parse(bad).is_none(), "{bad:?}");
        }
    }
}
