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
    /// not recorded (as the 2004 report says of FAY and NAYORA).
    ConsultativeStatus, "status" {
        None => "none",
        Roster => "roster",
        Special => "special",
        General => "general",
        Unspecified => "unspecified",
    }
}

impl ConsultativeStatus {
    pub fn holds_status(self) -> bool {
        self != ConsultativeStatus::None
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
