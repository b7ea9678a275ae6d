//! Who may do what, answered in one place. Rights follow organisations: a
//! person edits the organisations they are an editor of; the editors of a
//! network's coordinator organisation coordinate that network; the editors of a
//! focal point's lead organisation lead it; administrators may do everything
//! but read an ECOSOC dossier its organisation keeps to itself.
//!
//! Capabilities ask a [`Rights`] the question they need ([`Right`]) and never
//! write their own role SQL, so that one rule cannot drift into two.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;

use crate::platform::auth::{RequireUser, SessionPolicy, SignedIn};
use crate::platform::db::Db;
use crate::platform::i18n::LocalizedText;
use crate::platform::web::AppError;

/// Whether the person is one of the organisation's own editors.
const EDITS_ITSELF: &str = "SELECT 1 FROM organization_editors WHERE organization_id = $1 AND user_id = $2";

/// What a person may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Right {
    /// Change an organisation's profile, people and desk: its own editors, the
    /// coordinators of a network it belongs to, administrators.
    EditOrganization(i64),
    /// Speak for the organisation itself (invite editors): its own editors
    /// and administrators only.
    ActForOrganization(i64),
    /// Write the organisation's ECOSOC dossier and choose whom it is shared
    /// with: its own editors only; being an administrator is not enough.
    KeepDossier(i64),
    /// Read the organisation's ECOSOC dossier and its documents: its own
    /// editors, and, while the organisation shares it, the coordinators of
    /// its networks and administrators.
    ReadDossier(i64),
    /// Verify a member or put back an earlier version of its profile: the
    /// coordinators of a network it belongs to, and administrators.
    OverseeMember(i64),
    /// Vouch for a member as in good standing: whoever may oversee it, except its own editors (a coordinator
    /// or administrator who also edits the organisation cannot verify it).
    VerifyMember(i64),
    /// Run a network: the editors of its coordinator organisation, administrators.
    CoordinateNetwork(i64),
    /// Change a focal point's partners: the editors of one of its lead organisations.
    LeadFocalPoint(i64),
    /// Merge the second organisation, a duplicate, into the first: administrators, and the coordinators of a
    /// network both belong to (as members or its coordinator).
    MergeOrganizations(i64, i64),
    /// Take part in a network's discussion groups: the editors of its member organisations and of its
    /// coordinator, administrators.
    DiscussInNetwork(i64),
    /// Everything: administrators.
    Administer,
}

/// The rights of one signed-in person.
#[derive(Clone)]
pub struct Rights {
    db: Db,
    user: SignedIn,
}

impl Rights {
    pub fn of(db: &Db, user: &SignedIn) -> Rights {
        Rights { db: db.clone(), user: user.clone() }
    }

    /// The rights an account holds now, outside any request of its own (to check that whoever issued something
    /// may still issue it); none once the account is deleted.
    pub async fn of_account(db: &Db, user_id: i64) -> sqlx::Result<Option<Rights>> {
        let row: Option<(String, String, i64)> =
            sqlx::query_as("SELECT email, display_name, is_admin FROM users WHERE id = $1 AND deleted_at IS NULL")
                .bind(user_id)
                .fetch_optional(&db.pool)
                .await?;
        Ok(row.map(|(email, display_name, is_admin)| Rights {
            db: db.clone(),
            user: SignedIn { user_id, email, display_name, is_admin: is_admin != 0, session: String::new() },
        }))
    }

    pub fn user(&self) -> &SignedIn {
        &self.user
    }

    pub fn is_admin(&self) -> bool {
        self.user.is_admin
    }

    /// Whether the person holds `right`.
    pub async fn may(&self, right: Right) -> sqlx::Result<bool> {
        let right = match right {
            Right::VerifyMember(id) if self.edits_itself(id).await? => return Ok(false),
            Right::VerifyMember(id) => Right::OverseeMember(id),
            other => other,
        };
        // The dossier is the organisation's own: administrators read it only when it is shared with them.
        let (sql, id) = match right {
            Right::KeepDossier(id) => (EDITS_ITSELF, id),
            Right::ReadDossier(id) if self.user.is_admin => (
                "SELECT 1 FROM organization_editors WHERE organization_id = $1 AND user_id = $2 \
                 UNION ALL SELECT 1 FROM ecosoc_desks WHERE organization_id = $1 AND dossier_shared = 1 AND $2 = $2 LIMIT 1",
                id,
            ),
            Right::ReadDossier(id) => (
                "SELECT 1 FROM organization_editors WHERE organization_id = $1 AND user_id = $2 \
                 UNION ALL SELECT 1 FROM ecosoc_desks d JOIN network_members m ON m.organization_id = d.organization_id \
                 JOIN networks n ON n.id = m.network_id JOIN organization_editors e ON e.organization_id = n.coordinator_id \
                 WHERE d.organization_id = $1 AND d.dossier_shared = 1 AND e.user_id = $2 LIMIT 1",
                id,
            ),
            Right::MergeOrganizations(kept, duplicate) => return self.may_merge(kept, duplicate).await,
            _ if self.user.is_admin => return Ok(true),
            Right::Administer => return Ok(false),
            Right::VerifyMember(_) => unreachable!("answered as OverseeMember above"),
            Right::EditOrganization(id) => (
                "SELECT 1 FROM organization_editors WHERE organization_id = $1 AND user_id = $2 \
                 UNION ALL SELECT 1 FROM network_members m JOIN networks n ON n.id = m.network_id \
                 JOIN organization_editors e ON e.organization_id = n.coordinator_id \
                 WHERE m.organization_id = $1 AND e.user_id = $2 LIMIT 1",
                id,
            ),
            Right::ActForOrganization(id) => (EDITS_ITSELF, id),
            Right::OverseeMember(id) => (
                "SELECT 1 FROM network_members m JOIN networks n ON n.id = m.network_id \
                 JOIN organization_editors e ON e.organization_id = n.coordinator_id \
                 WHERE m.organization_id = $1 AND e.user_id = $2 LIMIT 1",
                id,
            ),
            Right::CoordinateNetwork(id) => (
                "SELECT 1 FROM networks n JOIN organization_editors e ON e.organization_id = n.coordinator_id \
                 WHERE n.id = $1 AND e.user_id = $2",
                id,
            ),
            Right::DiscussInNetwork(id) => (
                "SELECT 1 FROM network_members m JOIN organization_editors e ON e.organization_id = m.organization_id \
                 WHERE m.network_id = $1 AND e.user_id = $2 \
                 UNION ALL SELECT 1 FROM networks n JOIN organization_editors e ON e.organization_id = n.coordinator_id \
                 WHERE n.id = $1 AND e.user_id = $2 LIMIT 1",
                id,
            ),
            Right::LeadFocalPoint(id) => (
                "SELECT 1 FROM focal_point_organizations f JOIN organization_editors e ON e.organization_id = f.organization_id \
                 WHERE f.focal_point_id = $1 AND f.role = 'lead' AND e.user_id = $2 LIMIT 1",
                id,
            ),
        };
        let found: Option<i64> =
            sqlx::query_scalar(sql).bind(id).bind(self.user.user_id).fetch_optional(&self.db.pool).await?;
        Ok(found.is_some())
    }

    async fn edits_itself(&self, organization_id: i64) -> sqlx::Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(EDITS_ITSELF)
            .bind(organization_id)
            .bind(self.user.user_id)
            .fetch_optional(&self.db.pool)
            .await?;
        Ok(found.is_some())
    }

    /// [`Right::MergeOrganizations`].
    async fn may_merge(&self, kept: i64, duplicate: i64) -> sqlx::Result<bool> {
        if self.user.is_admin {
            return Ok(true);
        }
        let belongs = |n: usize| {
            format!(
                "(n.coordinator_id = ${n} OR EXISTS (SELECT 1 FROM network_members m \
                 WHERE m.network_id = n.id AND m.organization_id = ${n}))"
            )
        };
        let sql = format!(
            "SELECT 1 FROM networks n JOIN organization_editors e ON e.organization_id = n.coordinator_id \
             WHERE e.user_id = $3 AND {} AND {} LIMIT 1",
            belongs(1),
            belongs(2)
        );
        let found: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(kept)
            .bind(duplicate)
            .bind(self.user.user_id)
            .fetch_optional(&self.db.pool)
            .await?;
        Ok(found.is_some())
    }

    /// `right`, or the translated 403 page (or JSON error) for whoever lacks it.
    pub async fn require(&self, right: Right) -> Result<(), AppError> {
        if self.may(right).await? { Ok(()) } else { Err(AppError::Forbidden) }
    }

    /// The networks the person coordinates (every network for an administrator).
    pub async fn coordinated_networks(&self) -> sqlx::Result<Vec<i64>> {
        let sql = if self.user.is_admin {
            "SELECT id FROM networks WHERE $1 = $1 ORDER BY id"
        } else {
            "SELECT n.id FROM networks n JOIN organization_editors e ON e.organization_id = n.coordinator_id \
             WHERE e.user_id = $1 ORDER BY n.id"
        };
        sqlx::query_scalar(sql).bind(self.user.user_id).fetch_all(&self.db.pool).await
    }

    /// The focal points of a network the person leads, as `(number, theme id)`.
    pub async fn led_focal_points(&self, network_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
        sqlx::query_as(
            "SELECT DISTINCT fp.number, fp.theme_id FROM focal_points fp \
             JOIN focal_point_organizations f ON f.focal_point_id = fp.id AND f.role = 'lead' \
             JOIN organization_editors e ON e.organization_id = f.organization_id \
             WHERE fp.network_id = $1 AND e.user_id = $2 ORDER BY fp.number",
        )
        .bind(network_id)
        .bind(self.user.user_id)
        .fetch_all(&self.db.pool)
        .await
    }

    /// The organisations the person is an editor of, by slug.
    pub async fn edited_organizations(&self) -> sqlx::Result<Vec<EditedOrganization>> {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT o.id, o.slug, o.name FROM organization_editors e JOIN organizations o ON o.id = e.organization_id \
             WHERE e.user_id = $1 ORDER BY o.slug",
        )
        .bind(self.user.user_id)
        .fetch_all(&self.db.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, slug, name)| EditedOrganization { id, slug, name: LocalizedText::from_json(&name) })
            .collect())
    }
}

/// An organisation a person is an editor of.
pub struct EditedOrganization {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedText,
}

/// The rights of the signed-in person; the sign-in page for everyone else.
impl<S> FromRequestParts<S> for Rights
where
    S: Send + Sync,
    Db: FromRef<S>,
    SessionPolicy: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Rights, AppError> {
        let RequireUser(user) = RequireUser::from_request_parts(parts, state).await?;
        Ok(Rights { db: Db::from_ref(state), user })
    }
}
