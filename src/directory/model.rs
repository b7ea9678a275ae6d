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

impl ConsultativeStatus {
    pub fn holds_status(self) -> bool {
        !matches!(self, ConsultativeStatus::None | ConsultativeStatus::Unknown)
    }
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
    }
}
