//! The directory of organisations: profiles, search and the search index. It
//! is the one owner of organisations: other capabilities create, change and
//! read them through what this module offers.

pub mod api;
pub mod catalog;
pub mod edit;
mod facet_counts;
pub mod import;
pub mod kept_pages;
pub mod logo;
pub mod merge;
pub mod model;
pub mod organization;
pub mod people;
pub mod people_api;
pub mod profile_form;
pub mod queries;
pub mod routes;
pub mod schema;
pub mod search;
pub mod upload;

pub use api::download;
pub(crate) use import::name_keys;
pub(crate) use model::code_enum;
pub use model::{ConsultativeStatus, OrganizationKind, collation_key, country_choices, goals_label};
pub use organization::{
    Organization, Work, create, load, record_status, rename, slug_candidates, unlist_declined, verify,
};
pub use profile_form::ProfileChoices;
pub use queries::{NamedLink, ThemeGoals, group_theme_goals};
pub use search::DirectorySearch;
