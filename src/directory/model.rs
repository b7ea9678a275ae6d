//! The directory's vocabulary: kinds of organisation and consultative status.

use crate::platform::i18n::Lang;

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $label_prefix:literal { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            pub fn label(self, lang: impl std::borrow::Borrow<Lang>) -> String {
                lang.borrow().t(&format!(concat!($label_prefix, "-{}"), self.code().replace('_', "-")))
            }

            /// Every value, as the options of a form's field, labelled in `lang`.
            pub fn choices(lang: $crate::platform::i18n::Lang) -> Vec<$crate::platform::forms::Choice> {
                Self::ALL
                    .iter()
                    .map(|value| $crate::platform::forms::Choice { value: value.code().into(), label: value.label(lang) })
                    .collect()
            }
        }
    };
}
pub(crate) use code_enum;

code_enum! {
    /// What sort of body an organisation is.
    OrganizationKind, "kind" {
        Ngo => "ngo",
        Government => "government",
        UnAgency => "un_agency",
        Donor => "donor",
        Business => "business",
        Academic => "academic",
        Media => "media",
    }
}

code_enum! {
    /// ECOSOC consultative status. `Unspecified`: known to hold status, category
    /// not recorded (as the 2004 report says of FAY and NAYORA); `Unknown`: not
    /// known whether it holds any (what the report says of everyone else).
    ConsultativeStatus, "status" {
        None => "none",
        Unknown => "unknown",
        Roster => "roster",
        Special => "special",
        General => "general",
        Unspecified => "unspecified",
    }
}

code_enum! {
    /// How far an organisation's work reaches.
    GeographicScope, "profiles-scope" {
        Local => "local",
        National => "national",
        Regional => "regional",
        International => "international",
    }
}

/// The languages a profile may say an organisation works in: the United Nations' six and those of the region,
/// each named in itself (ISO 639-1 code, endonym).
pub const WORK_LANGUAGES: &[(&str, &str)] = &[
    ("az", "Azərbaycanca"),
    ("en", "English"),
    ("ru", "Русский"),
    ("ar", "العربية"),
    ("zh", "中文"),
    ("fr", "Français"),
    ("es", "Español"),
    ("tr", "Türkçe"),
    ("ka", "ქართული"),
    ("hy", "Հայերեն"),
    ("fa", "فارسی"),
    ("kk", "Қазақша"),
    ("ky", "Кыргызча"),
    ("tg", "Тоҷикӣ"),
    ("tk", "Türkmençe"),
    ("uz", "Oʻzbekcha"),
    ("de", "Deutsch"),
];

/// A key that sorts names as readers of `lang` expect: the Azerbaijani alphabet's order (ç after c, ə after e, ğ
/// after g, x after h, ı before i…), ё beside е in Russian; other characters by code point, after those letters.
/// Quotation marks and other signs before the first letter do not count: “Buta” sorts under B.
pub fn collation_key(lang: Lang, name: &str) -> Vec<u32> {
    const AZ: &str = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz";
    name.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match (lang, c) {
            (Lang::Az, _) if AZ.contains(c) => AZ.chars().position(|a| a == c).unwrap_or(0) as u32,
            (Lang::Ru, 'ё') => ('е' as u32) * 2 + 1 + 100,
            _ => (c as u32) * 2 + 100,
        })
        .collect()
}

/// Every country, as the options of a form's field: named in `lang`, in that language's order.
pub fn country_choices(lang: Lang) -> Vec<crate::platform::forms::Choice> {
    let mut choices: Vec<_> = crate::platform::values::CountryCode::all()
        .map(|code| crate::platform::forms::Choice { value: code.to_string(), label: code.name(lang).to_string() })
        .collect();
    choices.sort_by_cached_key(|choice| collation_key(lang, &choice.label));
    choices
}

impl ConsultativeStatus {
    pub fn holds_status(self) -> bool {
        !matches!(self, ConsultativeStatus::None | ConsultativeStatus::Unknown)
    }
}

/// The goals an organisation may say it works towards, in order: the eight Millennium Development Goals, then the
/// seventeen Sustainable Development Goals, as `mdg-1` … `sdg-17`, the keys their names are translated under.
pub fn goal_codes() -> impl Iterator<Item = String> {
    (1..=8).map(|n| format!("mdg-{n}")).chain((1..=17).map(|n| format!("sdg-{n}")))
}

/// A focal point's goals as the reader's language says them: "MDG 1", "MDGs 4, 5 and 6" and "Millennium
/// Declaration" are recognised; any other wording is shown as written.
pub fn goals_label(label: &str, lang: impl std::borrow::Borrow<crate::platform::i18n::Lang>) -> String {
    let (label, lang) = (label.trim(), *lang.borrow());
    if label.eq_ignore_ascii_case("Millennium Declaration") {
        return lang.t("goals-millennium-declaration");
    }
    let Some(rest) = label.strip_prefix("MDGs ").or_else(|| label.strip_prefix("MDG ")) else {
        return label.to_string();
    };
    let numbers: Option<Vec<u8>> =
        rest.split([',', ' ']).filter(|w| !w.is_empty() && *w != "and").map(|w| w.parse().ok()).collect();
    match numbers.as_deref() {
        Some([one]) => lang.t_with("goals-mdg-one", &[("number", i64::from(*one).into())]),
        Some([first @ .., last]) if !first.is_empty() => {
            let listed = first.iter().map(u8::to_string).collect::<Vec<_>>().join(", ");
            let numbers = format!("{listed} {} {last}", lang.t("goals-and"));
            lang.t_with("goals-mdg-many", &[("numbers", numbers.into())])
        }
        _ => label.to_string(),
    }
}

impl OrganizationKind {
    /// The schema.org type of a profile's JSON-LD.
    pub fn schema_org_type(self) -> &'static str {
        match self {
            OrganizationKind::Ngo => "NGO",
            OrganizationKind::Government => "GovernmentOrganization",
            OrganizationKind::Academic => "EducationalOrganization",
            OrganizationKind::Business => "Corporation",
            OrganizationKind::UnAgency | OrganizationKind::Donor | OrganizationKind::Media => "Organization",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::i18n::Lang;

    #[test]
    fn goal_labels_are_said_in_each_language() {
        assert_eq!(goals_label("MDGs 4, 5 and 6", Lang::En), "MDGs 4, 5 and 6");
        assert_eq!(goals_label("MDGs 4, 5 and 6", Lang::Ru), "ЦРТ 4, 5 и 6");
        assert_eq!(goals_label("MDG 7", Lang::Az), "MİM 7");
        assert_eq!(goals_label("Millennium Declaration", Lang::Ru), "Декларация тысячелетия");
        assert_eq!(goals_label("SDG 16 targets", Lang::Ru), "SDG 16 targets", "other wordings stay as written");
    }

    #[test]
    fn codes_round_trip_and_have_labels_in_every_language() {
        for kind in OrganizationKind::ALL {
            assert_eq!(OrganizationKind::parse(kind.code()), Some(*kind));
            for lang in Lang::ALL {
                assert!(!kind.label(lang).starts_with("Unknown"), "{kind:?} {lang:?}");
            }
        }
        for status in ConsultativeStatus::ALL {
            assert_eq!(ConsultativeStatus::parse(status.code()), Some(*status));
        }
        assert_eq!(OrganizationKind::parse("bank"), None);
        for scope in GeographicScope::ALL {
            assert_eq!(GeographicScope::parse(scope.code()), Some(*scope));
        }
    }

    #[test]
    fn names_sort_in_the_readers_alphabet() {
        let mut az = vec!["Şəki", "Zaqatala", "Çad", "İsveç", "Ərəbistan", "Sudan", "Cənubi Afrika"];
        az.sort_by_cached_key(|n| collation_key(Lang::Az, n));
        assert_eq!(az, ["Cənubi Afrika", "Çad", "Ərəbistan", "İsveç", "Sudan", "Şəki", "Zaqatala"]);
        let mut ru = vec!["Ямайка", "Ёлки", "Египет", "Ейск", "Аргентина"];
        ru.sort_by_cached_key(|n| collation_key(Lang::Ru, n));
        assert_eq!(ru, ["Аргентина", "Египет", "Ейск", "Ёлки", "Ямайка"]);
        let mut quoted = vec!["Ganja Youth", "“Buta” Foundation", "\"Abşeron\" Union", "ECORES"];
        quoted.sort_by_cached_key(|n| collation_key(Lang::En, n));
        assert_eq!(quoted, ["\"Abşeron\" Union", "“Buta” Foundation", "ECORES", "Ganja Youth"]);
        let countries = country_choices(Lang::En);
        assert!(countries.len() > 240);
        assert!(countries.iter().any(|c| c.value == "AZ" && c.label == "Azerbaijan"));
        let ru = country_choices(Lang::Ru);
        assert!(ru.iter().any(|c| c.value == "AZ" && c.label == "Азербайджан"), "names in the reader's language");
    }
}
