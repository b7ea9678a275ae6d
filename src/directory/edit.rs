//! Editing an organisation's profile: a form that checks every field, a
//! record of every change (who, when, before and after), the history page,
//! restoring an earlier version, and detecting edits made at the same time.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::model::{ConsultativeStatus, OrganizationKind};
use super::organization::{Organization, load, update};
use super::profile_form::ProfileChoices;
use crate::accounts::{Right, Rights};
use crate::platform::audit::HistoryPage;
use crate::platform::auth::RequireUser;
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

/// The form fields, in the order of the form, with their label keys.
const FIELDS: &[(&str, &str)] = &[
    ("name_en", "edit-name-en"),
    ("name_ru", "edit-name-ru"),
    ("name_az", "edit-name-az"),
    ("acronym", "edit-acronym"),
    ("other_names", "edit-other-names"),
    ("kind", "profile-kind"),
    ("country", "profile-country"),
    ("city", "profile-city"),
    ("address", "profile-address"),
    ("phone", "profile-phone"),
    ("email", "profile-email"),
    ("website", "profile-website"),
    ("founded_year", "profile-founded"),
    ("description_en", "edit-description-en"),
    ("description_ru", "edit-description-ru"),
    ("description_az", "edit-description-az"),
    ("consultative_status", "profile-consultative-status"),
    ("status_year", "edit-status-year"),
    ("scope", "profiles-scope"),
    ("expertise", "profiles-expertise"),
    ("staff", "profiles-staff"),
    ("volunteers", "profiles-volunteers"),
    ("members", "profiles-members"),
];

/// A field whose saved value changed under the person editing it.
pub struct Conflict {
    pub label: String,
    pub saved: String,
    pub yours: String,
}

#[derive(Template)]
#[template(path = "directory/edit.html")]
pub struct EditPage {
    chrome: Chrome,
    slug: String,
    name: String,
    version: i64,
    form: FormState,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    choices: ProfileChoices,
    has_logo: bool,
    conflicts: Vec<Conflict>,
}

impl EditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

/// The edit page of an organisation, showing `form` (and its messages).
pub async fn edit_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    slug: &Slug,
    record: &Organization,
    version: i64,
    form: FormState,
) -> sqlx::Result<EditPage> {
    let name = record.name.get(lang).to_string();
    Ok(EditPage {
        chrome: Chrome::new(lang, lang.t_with("edit-title", &[("name", name.clone().into())]), uri),
        slug: slug.to_string(),
        name,
        version,
        kinds: OrganizationKind::choices(lang),
        statuses: ConsultativeStatus::choices(lang),
        choices: ProfileChoices::load(db, lang, &form).await?,
        has_logo: sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM organization_logos l JOIN organizations o ON o.id = l.organization_id WHERE o.slug = $1",
        )
        .bind(slug.as_str())
        .fetch_one(&db.pool)
        .await?
            > 0,
        form,
        conflicts: Vec::new(),
    })
}

pub async fn edit_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, version, record) = load(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::EditOrganization(id)).await?;
    let form = FormState { values: record.to_fields(), errors: BTreeMap::new() };
    render(&edit_page(&db, lang, &uri, &slug, &record, version, form).await?)
}

pub async fn edit(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (id, current_version, saved) = load(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::EditOrganization(id)).await?;
    let mut form = FormState::from(&data);
    let typed_version: i64 = data.get("version").parse().unwrap_or(-1);
    let record = Organization::from_form(&data, &mut form, lang);
    let Some(record) = record else {
        let page = edit_page(&db, lang, &uri, &slug, &saved, typed_version, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    if typed_version != current_version
        || !update(&db, id, current_version, &saved, &record, user.user_id, "organization.update").await?
    {
        // Someone saved in between: show what they saved beside what this person typed.
        let saved_fields = saved.to_fields();
        let mut page = edit_page(&db, lang, &uri, &slug, &saved, current_version, form).await?;
        page.conflicts = FIELDS
            .iter()
            .filter(|(field, _)| saved_fields.get(*field).map(String::as_str).unwrap_or("") != data.get(field))
            .map(|(field, label)| Conflict {
                label: lang.t(label),
                saved: saved_fields.get(*field).cloned().unwrap_or_default(),
                yours: data.get(field),
            })
            .collect();
        return Ok((StatusCode::CONFLICT, render(&page)?).into_response());
    }
    Ok(Redirect::to(&format!("/organizations/{slug}?saved=1")).into_response())
}

pub async fn history(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, _, record) = load(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::EditOrganization(id)).await?;
    // An organisation merged into this one brought its history along.
    let mut subjects = vec![("organization", id)];
    subjects.extend(super::merge::merged_ids(&db, id).await?.into_iter().map(|merged| ("organization", merged)));
    let entries = crate::platform::audit::history(&db, &subjects, lang).await?;
    let can_restore = Rights::of(&db, &user).may(Right::OverseeMember(id)).await?;
    let name = record.name.get(lang).to_string();
    let page = HistoryPage {
        chrome: Chrome::new(lang, lang.t_with("history-title", &[("name", name.clone().into())]), &uri),
        back: format!("/organizations/{slug}"),
        name,
        entries,
        restore_base: can_restore.then(|| format!("/organizations/{slug}/history")),
    };
    render(&page)
}

/// Puts back the version an audit entry produced, as a new change.
pub async fn restore(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path((raw_slug, entry)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (id, version, current) = load(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::OverseeMember(id)).await?;
    let state_json: Option<String> = sqlx::query_scalar(
        "SELECT after_state FROM audit_log WHERE id = $1 AND entity = 'organization' AND entity_id = $2",
    )
    .bind(entry)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .flatten();
    let restored: Organization =
        state_json.and_then(|json| serde_json::from_str(&json).ok()).ok_or(AppError::NotFound)?;
    update(&db, id, version, &current, &restored, user.user_id, "organization.restore").await?;
    Ok(Redirect::to(&format!("/organizations/{slug}/history?restored=1")).into_response())
}
