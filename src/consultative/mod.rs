//! The ECOSOC consultative-status desk: eligibility, the application and its
//! way through the Committee on NGOs, and keeping status afterwards.

pub mod api;
pub mod board;
pub mod desk;
pub mod dossier;
pub mod eligibility;
pub mod import;
pub mod recording;
pub mod representatives;
pub mod rules;
pub mod schema;
pub mod status;
pub mod tracking;

use crate::accounts::{Right, Rights};
use crate::directory::ConsultativeStatus;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Found};
pub use rules::DeskRules;
use rules::{Session, SessionKind};

/// The organisation whose desk a page shows, once its reader holds the right the page needs.
pub struct Organization {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// The category the directory shows, and the year it was granted.
    pub status: ConsultativeStatus,
    pub status_year: Option<i64>,
}

impl Organization {
    /// Loads the organisation of `slug` for someone who may edit it.
    pub async fn for_editor(db: &Db, rights: &Rights, slug: &Slug, lang: Lang) -> Result<Self, AppError> {
        Organization::with_right(db, rights, slug, lang, Right::EditOrganization).await
    }

    /// Loads the organisation of `slug` for someone who holds `right` on it.
    pub async fn with_right(
        db: &Db,
        rights: &Rights,
        slug: &Slug,
        lang: Lang,
        right: fn(i64) -> Right,
    ) -> Result<Self, AppError> {
        let (id, _, record) = crate::directory::load(db, slug).await.found()?;
        rights.require(right(id)).await?;
        Ok(Organization {
            id,
            slug: slug.to_string(),
            name: record.name.get(lang).to_string(),
            status: record.consultative_status,
            status_year: record.status_year,
        })
    }

    /// The address of the desk, and of its pages below it.
    pub fn desk_url(&self) -> String {
        format!("/organizations/{}/ecosoc", self.slug)
    }
}

/// A session as its reader says it: "Regular session 2027 (January–February)".
pub fn session_label(session: Session, lang: Lang) -> String {
    let key = match session.kind {
        SessionKind::Regular => "ecosoc-session-regular",
        SessionKind::Resumed => "ecosoc-session-resumed",
    };
    lang.t_with(key, &[("year", i64::from(session.year).into())])
}
