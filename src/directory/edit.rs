//! Editing an organisation's profile: a form that checks every field, a
//! record of every change (who, when, before and after), the history page,
//! restoring an earlier version, and detecting edits made at the same time.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::model::{ConsultativeStatus, OrganizationKind};
use crate::platform::auth::{RequireUser, SignedIn};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::Email;
use crate::platform::values::{CountryCode, Slug};
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};
use crate::state::AppState;

/// The editable part of an organisation, as the audit log keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganizationRecord {
    pub name: LocalizedText,
    pub acronym: Option<String>,
    pub other_names: Vec<String>,
    pub kind: OrganizationKind,
    pub country: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub founded_year: Option<i64>,
    pub description: Option<LocalizedText>,
    pub consultative_status: ConsultativeStatus,
    pub status_year: Option<i64>,
}

const MAX_NAME: usize = 300;
const MAX_TEXT: usize = 5000;

/// The form fields, in the order of the form, with their label keys.
pub const FIELDS: &[(&str, &str)] = &[
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
];

fn optional(text: String) -> Option<String> {
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

impl OrganizationRecord {
    /// The record as form fields.
    pub fn to_fields(&self) -> BTreeMap<String, String> {
        let mut fields = BTreeMap::new();
        for lang in Lang::ALL {
            fields.insert(format!("name_{}", lang.code()), self.name.0.get(&lang).cloned().unwrap_or_default());
            let description = self.description.as_ref().and_then(|d| d.0.get(&lang).cloned()).unwrap_or_default();
            fields.insert(format!("description_{}", lang.code()), description);
        }
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        fields.insert("acronym".into(), text(&self.acronym));
        fields.insert("other_names".into(), self.other_names.join("\n"));
        fields.insert("kind".into(), self.kind.code().into());
        fields.insert("country".into(), text(&self.country));
        fields.insert("city".into(), text(&self.city));
        fields.insert("address".into(), text(&self.address));
        fields.insert("phone".into(), text(&self.phone));
        fields.insert("email".into(), text(&self.email));
        fields.insert("website".into(), text(&self.website));
        fields.insert("founded_year".into(), self.founded_year.map(|y| y.to_string()).unwrap_or_default());
        fields.insert("consultative_status".into(), self.consultative_status.code().into());
        fields.insert("status_year".into(), self.status_year.map(|y| y.to_string()).unwrap_or_default());
        fields
    }

    /// Reads a posted form, noting beside each field what is wrong with it.
    pub fn from_form(data: &FormData, form: &mut FormState, lang: Lang) -> Option<OrganizationRecord> {
        let name = data.localized("name", MAX_NAME, form, lang);
        let description = data.localized("description", MAX_TEXT, form, lang);
        if name.is_empty() {
            form.fail("name_en", lang.t("edit-name-required"));
        }
        let kind = OrganizationKind::parse(&data.get("kind"));
        if kind.is_none() {
            form.fail("kind", lang.t("edit-choose"));
        }
        let country = optional(data.get("country"));
        if let Some(code) = &country
            && CountryCode::parse(code).is_none()
        {
            form.fail("country", lang.t("edit-country-invalid"));
        }
        let email = optional(data.get("email"));
        if let Some(address) = &email
            && Email::parse(address).is_none()
        {
            form.fail("email", lang.t("form-email-invalid"));
        }
        let website = optional(data.get("website"));
        if let Some(url) = &website
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            form.fail("website", lang.t("edit-website-invalid"));
        }
        let this_year = time::OffsetDateTime::now_utc().year() as i64;
        let mut year = |field: &str| -> Option<i64> {
            let text = data.get(field);
            if text.is_empty() {
                return None;
            }
            match text.parse::<i64>() {
                Ok(year) if (1800..=this_year).contains(&year) => Some(year),
                _ => {
                    form.fail(field, lang.t_with("edit-year-invalid", &[("max", this_year.into())]));
                    None
                }
            }
        };
        let founded_year = year("founded_year");
        let status_year = year("status_year");
        let status = ConsultativeStatus::parse(&data.get("consultative_status"));
        if status.is_none() {
            form.fail("consultative_status", lang.t("edit-choose"));
        }
        for field in ["acronym", "city", "address", "phone"] {
            if data.get(field).chars().count() > MAX_NAME {
                form.fail(field, lang.t_count("form-too-long", MAX_NAME as i64));
            }
        }
        if !form.is_valid() {
            return None;
        }
        Some(OrganizationRecord {
            name,
            acronym: optional(data.get("acronym")),
            other_names: data.get("other_names").lines().filter_map(|l| optional(l.to_string())).collect(),
            kind: kind?,
            country: country.and_then(|c| CountryCode::parse(&c)).map(|c| c.to_string()),
            city: optional(data.get("city")),
            address: optional(data.get("address")),
            phone: optional(data.get("phone")),
            email: email.and_then(|e| Email::parse(&e)).map(|e| e.to_string()),
            website,
            founded_year,
            description: (!description.is_empty()).then_some(description),
            consultative_status: status?,
            status_year,
        })
    }
}

/// An organisation's record with its id and version, for editing.
pub async fn load(db: &Db, slug: &Slug) -> sqlx::Result<Option<(i64, i64, OrganizationRecord)>> {
    let Some(row) = sqlx::query(
        "SELECT id, version, name, acronym, other_names, kind, country, city, address, phone, email, website, \
         founded_year, description, consultative_status, status_year FROM organizations WHERE slug = $1",
    )
    .bind(slug.as_str())
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let record = OrganizationRecord {
        name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
        acronym: row.try_get("acronym")?,
        other_names: serde_json::from_str(&row.try_get::<String, _>("other_names")?).unwrap_or_default(),
        kind: OrganizationKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(OrganizationKind::Ngo),
        country: row.try_get("country")?,
        city: row.try_get("city")?,
        address: row.try_get("address")?,
        phone: row.try_get("phone")?,
        email: row.try_get("email")?,
        website: row.try_get("website")?,
        founded_year: row.try_get("founded_year")?,
        description: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("description")?.as_deref()),
        consultative_status: ConsultativeStatus::parse(&row.try_get::<String, _>("consultative_status")?)
            .unwrap_or(ConsultativeStatus::None),
        status_year: row.try_get("status_year")?,
    };
    Ok(Some((row.try_get("id")?, row.try_get("version")?, record)))
}

/// Writes a record if the organisation is still at `version`; returns whether it was.
pub(crate) async fn save(
    db: &Db,
    id: i64,
    version: i64,
    before: &OrganizationRecord,
    after: &OrganizationRecord,
    actor: i64,
    action: &str,
) -> anyhow::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let saved = save_in(&mut tx, id, version, before, after, actor, action).await?;
    if saved {
        tx.commit().await?;
    }
    Ok(saved)
}

/// [`save`] within a transaction of the caller's, for changes that other writes must go with.
pub(crate) async fn save_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    version: i64,
    before: &OrganizationRecord,
    after: &OrganizationRecord,
    actor: i64,
    action: &str,
) -> anyhow::Result<bool> {
    let updated = sqlx::query(
        "UPDATE organizations SET name = $1, acronym = $2, other_names = $3, kind = $4, country = $5, city = $6, \
         address = $7, phone = $8, email = $9, website = $10, founded_year = $11, description = $12, \
         consultative_status = $13, status_year = $14, version = version + 1 WHERE id = $15 AND version = $16",
    )
    .bind(after.name.to_json())
    .bind(&after.acronym)
    .bind(serde_json::to_string(&after.other_names)?)
    .bind(after.kind.code())
    .bind(&after.country)
    .bind(&after.city)
    .bind(&after.address)
    .bind(&after.phone)
    .bind(&after.email)
    .bind(&after.website)
    .bind(after.founded_year)
    .bind(after.description.as_ref().map(LocalizedText::to_json))
    .bind(after.consultative_status.code())
    .bind(after.status_year)
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before_state, after_state) \
         VALUES ($1, $2, $3, 'organization', $4, $5, $6)",
    )
    .bind(crate::platform::clock::now_rfc3339())
    .bind(actor)
    .bind(action)
    .bind(id)
    .bind(serde_json::to_string(before)?)
    .bind(serde_json::to_string(after)?)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

#[derive(Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    /// The portal's languages, each named in itself.
    pub fn languages() -> Vec<Choice> {
        Lang::ALL.iter().map(|l| Choice { value: l.code().into(), label: l.endonym().into() }).collect()
    }

    /// Choices from rows of `slug` and `name` (a localized text), labelled in `lang`.
    pub fn from_named_rows(rows: &[sqlx::any::AnyRow], lang: Lang) -> sqlx::Result<Vec<Choice>> {
        rows.iter()
            .map(|row| {
                Ok(Choice {
                    value: row.try_get("slug")?,
                    label: LocalizedText::from_json(&row.try_get::<String, _>("name")?).get(lang).to_string(),
                })
            })
            .collect()
    }
}

/// A field whose saved value changed under the person editing it.
pub struct Conflict {
    pub label: String,
    pub saved: String,
    pub yours: String,
}

#[derive(Template)]
#[template(path = "directory/edit.html")]
struct EditPage {
    chrome: Chrome,
    slug: String,
    name: String,
    version: i64,
    form: FormState,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    conflicts: Vec<Conflict>,
}

impl EditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

fn edit_page(
    lang: Lang,
    uri: &Uri,
    slug: &Slug,
    record: &OrganizationRecord,
    version: i64,
    form: FormState,
) -> EditPage {
    let name = record.name.get(lang).to_string();
    EditPage {
        chrome: Chrome::new(lang, lang.t_with("edit-title", &[("name", name.clone().into())]), uri),
        slug: slug.to_string(),
        name,
        version,
        form,
        kinds: OrganizationKind::ALL.iter().map(|k| Choice { value: k.code().into(), label: k.label(lang) }).collect(),
        statuses: ConsultativeStatus::ALL
            .iter()
            .map(|s| Choice { value: s.code().into(), label: s.label(lang) })
            .collect(),
        conflicts: Vec::new(),
    }
}

/// Refuses (403) whoever may not edit the organisation.
pub async fn require_editor(state: &AppState, user: &SignedIn, organization_id: i64) -> Result<(), AppError> {
    if crate::accounts::Rights::of(&state.db, user)
        .may(crate::accounts::Right::EditOrganization(organization_id))
        .await?
    {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, version, record) = load(&state.db, &slug).await.found()?;
    require_editor(&state, &user, id).await?;
    let form = FormState { values: record.to_fields(), errors: BTreeMap::new() };
    render(&edit_page(lang, &uri, &slug, &record, version, form))
}

pub async fn edit(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (id, current_version, saved) = load(&state.db, &slug).await.found()?;
    require_editor(&state, &user, id).await?;
    let mut form = FormState::from(&data);
    let typed_version: i64 = data.get("version").parse().unwrap_or(-1);
    let record = OrganizationRecord::from_form(&data, &mut form, lang);
    let Some(record) = record else {
        let page = edit_page(lang, &uri, &slug, &saved, typed_version, form);
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    if typed_version != current_version
        || !save(&state.db, id, current_version, &saved, &record, user.user_id, "organization.update").await?
    {
        // Someone saved in between: show what they saved beside what this person typed.
        let saved_fields = saved.to_fields();
        let mut page = edit_page(lang, &uri, &slug, &saved, current_version, form);
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

#[derive(Template)]
#[template(path = "history.html")]
pub struct HistoryPage {
    pub chrome: Chrome,
    /// Where the page's subject is, for the way back.
    pub back: String,
    pub name: String,
    pub entries: Vec<crate::platform::audit::Entry>,
    /// The address restore forms post to (followed by the entry and `/restore`), when restoring is allowed.
    pub restore_base: Option<String>,
}

pub async fn history(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, _, record) = load(&state.db, &slug).await.found()?;
    require_editor(&state, &user, id).await?;
    let entries = crate::platform::audit::history(&state.db, &[("organization", id)], lang).await?;
    let can_restore =
        crate::accounts::Rights::of(&state.db, &user).may(crate::accounts::Right::OverseeMember(id)).await?;
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
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path((raw_slug, entry)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (id, version, current) = load(&state.db, &slug).await.found()?;
    if !crate::accounts::Rights::of(&state.db, &user).may(crate::accounts::Right::OverseeMember(id)).await? {
        return Err(AppError::Forbidden);
    }
    let state_json: Option<String> = sqlx::query_scalar(
        "SELECT after_state FROM audit_log WHERE id = $1 AND entity = 'organization' AND entity_id = $2",
    )
    .bind(entry)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .flatten();
    let restored: OrganizationRecord =
        state_json.and_then(|json| serde_json::from_str(&json).ok()).ok_or(AppError::NotFound)?;
    save(&state.db, id, version, &current, &restored, user.user_id, "organization.restore").await?;
    Ok(Redirect::to(&format!("/organizations/{slug}/history?restored=1")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn a_valid_form_becomes_a_record_and_back() {
        let data = form(&[
            ("name_en", "Green Earth"),
            ("name_ru", "Зелёная Земля"),
            ("kind", "ngo"),
            ("country", "ge"),
            ("website", "https://green.example"),
            ("founded_year", "1998"),
            ("consultative_status", "special"),
            ("other_names", "GEF\n\n Green Earth Foundation "),
        ]);
        let mut state = FormState::default();
        let record = OrganizationRecord::from_form(&data, &mut state, Lang::En).expect("valid");
        assert_eq!(record.country.as_deref(), Some("GE"));
        assert_eq!(record.other_names, ["GEF", "Green Earth Foundation"]);
        assert_eq!(record.to_fields()["name_ru"], "Зелёная Земля");
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let data = form(&[
            ("kind", "bank"),
            ("country", "XX"),
            ("email", "nope"),
            ("website", "javascript:alert(1)"),
            ("founded_year", "3000"),
            ("consultative_status", "none"),
        ]);
        let mut state = FormState::default();
        assert!(OrganizationRecord::from_form(&data, &mut state, Lang::En).is_none());
        for field in ["name_en", "kind", "country", "email", "website", "founded_year"] {
            assert!(state.error(field).is_some(), "{field}");
        }
    }
}
