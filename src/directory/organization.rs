//! Organisations themselves: the one type the directory keeps of each, read
//! from a form or a row, and every write to the `organizations` table
//! (creating, updating at a version, merging an import, renaming, the status
//! the Council granted, verifying), so that the table has one owner.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::model::{ConsultativeStatus, GeographicScope, OrganizationKind, WORK_LANGUAGES};
use crate::platform::db::{AnyQuery, Db};
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::Email;
use crate::platform::values::{CountryCode, Slug};

/// An organisation as the directory keeps it, without its slug, id and
/// version; the audit log records it before and after every change. The
/// fields are in the order of the open-data dump, which writes them as they
/// are declared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    pub kind: OrganizationKind,
    pub acronym: Option<String>,
    pub name: LocalizedText,
    pub other_names: Vec<String>,
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
    /// What it says of its work, beyond who it is.
    #[serde(flatten)]
    pub work: Work,
}

/// What a profile says of an organisation's work: themes, reach, languages, expertise and size.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Work {
    /// The slugs of the themes it works on (kept in `organization_themes`); a dump lists them beside the
    /// organisation, so they are left out of it when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// The goals it chose itself, beyond those its themes map to: codes of [`super::model::goal_codes`], in their
    /// order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    #[serde(default)]
    pub scope: Option<GeographicScope>,
    /// Country codes.
    #[serde(default)]
    pub countries_of_work: Vec<String>,
    /// Language codes, of [`WORK_LANGUAGES`].
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub expertise: Vec<String>,
    #[serde(default)]
    pub staff: Option<i64>,
    #[serde(default)]
    pub volunteers: Option<i64>,
    #[serde(default)]
    pub members: Option<i64>,
}

impl Work {
    /// The columns of [`Organization::COLUMNS`] that hold the work, from a row; the themes are in a table of
    /// their own, so none are read.
    pub fn from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<Work> {
        Ok(Work {
            themes: Vec::new(),
            goals: json_list(row, "goals")?,
            scope: row.try_get::<Option<String>, _>("scope")?.as_deref().and_then(GeographicScope::parse),
            countries_of_work: json_list(row, "countries_of_work")?,
            languages: json_list(row, "languages")?,
            expertise: json_list(row, "expertise")?,
            staff: row.try_get("staff")?,
            volunteers: row.try_get("volunteers")?,
            members: row.try_get("members")?,
        })
    }
}

const MAX_NAME: usize = 300;
const MAX_TEXT: usize = 5000;
/// Areas of expertise: at most this many, each at most [`MAX_AREA`] characters.
const MAX_AREAS: usize = 20;
const MAX_AREA: usize = 100;
/// The most staff, volunteers or members a profile may give.
const MAX_COUNT: i64 = 100_000_000;

/// A checkbox of a form is a field `{prefix}_{value}` posted as `on`.
fn checked(data: &FormData, prefix: &str) -> Vec<String> {
    let start = format!("{prefix}_");
    data.0
        .iter()
        .filter(|(name, value)| name.starts_with(&start) && value.as_str() == "on")
        .map(|(name, _)| name[start.len()..].to_string())
        .collect()
}

/// A website as typed, with `https://` put before an address given without a scheme; None when it is no web
/// address (another scheme, no host name with a dot, a user name or password in it).
pub fn normalize_website(text: &str) -> Option<String> {
    let text = text.trim();
    let candidate = if text.contains("://") { text.to_string() } else { format!("https://{text}") };
    let url = url::Url::parse(&candidate).ok()?;
    let web = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|host| host.contains('.') && !host.ends_with('.'))
        && url.username().is_empty()
        && url.password().is_none();
    web.then_some(candidate)
}

fn optional(text: String) -> Option<String> {
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

impl Organization {
    /// The columns [`Organization::from_row`] reads.
    pub const COLUMNS: &str = "kind, acronym, name, other_names, country, city, address, phone, email, website, \
                               founded_year, description, consultative_status, status_year, scope, \
                               countries_of_work, languages, expertise, staff, volunteers, members, goals";

    /// The organisation as form fields.
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
        for (prefix, values) in [
            ("theme", &self.work.themes),
            ("goal", &self.work.goals),
            ("work", &self.work.countries_of_work),
            ("language", &self.work.languages),
        ] {
            for value in values {
                fields.insert(format!("{prefix}_{value}"), "on".into());
            }
        }
        fields.insert("scope".into(), self.work.scope.map(|s| s.code().to_string()).unwrap_or_default());
        fields.insert("expertise".into(), self.work.expertise.join("\n"));
        for (field, count) in
            [("staff", self.work.staff), ("volunteers", self.work.volunteers), ("members", self.work.members)]
        {
            fields.insert(field.into(), count.map(|n| n.to_string()).unwrap_or_default());
        }
        fields
    }

    /// Reads a posted form, noting beside each field what is wrong with it.
    pub fn from_form(data: &FormData, form: &mut FormState, lang: Lang) -> Option<Organization> {
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
        let website = optional(data.get("website")).and_then(|typed| {
            let normalized = normalize_website(&typed);
            if normalized.is_none() {
                form.fail("website", lang.t("profiles-website-invalid"));
            }
            normalized
        });
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
        let themes: Vec<String> =
            checked(data, "theme").into_iter().filter_map(|slug| Slug::parse(&slug)).map(|s| s.to_string()).collect();
        let goals: Vec<String> =
            super::model::goal_codes().filter(|code| data.get(&format!("goal_{code}")) == "on").collect();
        let mut countries_of_work: Vec<String> =
            checked(data, "work").iter().filter_map(|code| CountryCode::parse(code)).map(|c| c.to_string()).collect();
        countries_of_work.dedup();
        let languages: Vec<String> = checked(data, "language")
            .into_iter()
            .filter(|code| WORK_LANGUAGES.iter().any(|(c, _)| c == code))
            .collect();
        let scope_code = data.get("scope");
        let scope = GeographicScope::parse(&scope_code);
        if scope.is_none() && !scope_code.is_empty() {
            form.fail("scope", lang.t("edit-choose"));
        }
        let expertise: Vec<String> = data.get("expertise").lines().filter_map(|l| optional(l.to_string())).collect();
        if expertise.len() > MAX_AREAS || expertise.iter().any(|area| area.chars().count() > MAX_AREA) {
            form.fail(
                "expertise",
                lang.t_with("profiles-expertise-invalid", &[("count", MAX_AREAS.into()), ("max", MAX_AREA.into())]),
            );
        }
        let mut count = |field: &str| -> Option<i64> {
            let text = data.get(field);
            if text.is_empty() {
                return None;
            }
            match text.parse::<i64>() {
                Ok(n) if (0..=MAX_COUNT).contains(&n) => Some(n),
                _ => {
                    form.fail(field, lang.t_with("profiles-count-invalid", &[("max", MAX_COUNT.into())]));
                    None
                }
            }
        };
        let (staff, volunteers, members) = (count("staff"), count("volunteers"), count("members"));
        if !form.is_valid() {
            return None;
        }
        Some(Organization {
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
            work: Work { themes, goals, scope, countries_of_work, languages, expertise, staff, volunteers, members },
        })
    }

    /// A row holding [`Organization::COLUMNS`]; a kind or status this version does not know reads as the default.
    pub fn from_row(row: &sqlx::any::AnyRow) -> sqlx::Result<Organization> {
        Ok(Organization {
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
            work: Work::from_row(row)?,
        })
    }

    /// The organisation under the name the Committee took note of. The Committee knows the name in English (or
    /// French, a name being the same in both): it becomes the English name, and so does any other language's
    /// name that was the old English name untranslated; the old name is kept among the other names, so
    /// searches for it still find the organisation.
    pub fn renamed(&self, new_name: &str) -> Organization {
        let old_name = self.name.get(Lang::En).to_string();
        let mut renamed = self.clone();
        for name in renamed.name.0.values_mut().filter(|name| **name == old_name) {
            *name = new_name.to_string();
        }
        renamed.name.0.insert(Lang::En, new_name.to_string());
        if !old_name.is_empty() && old_name != new_name && !renamed.other_names.contains(&old_name) {
            renamed.other_names.push(old_name);
        }
        renamed
    }
}

fn json_list(row: &sqlx::any::AnyRow, column: &str) -> sqlx::Result<Vec<String>> {
    Ok(serde_json::from_str(&row.try_get::<String, _>(column)?).unwrap_or_default())
}

pub(super) async fn load_with(
    conn: &mut sqlx::AnyConnection,
    slug: &Slug,
) -> sqlx::Result<Option<(i64, i64, Organization)>> {
    let sql = format!("SELECT id, version, {} FROM organizations WHERE slug = $1", Organization::COLUMNS);
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(slug.as_str()).fetch_optional(&mut *conn).await? else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let mut organization = Organization::from_row(&row)?;
    organization.work.themes = sqlx::query_scalar(
        "SELECT t.slug FROM organization_themes ot JOIN themes t ON t.id = ot.theme_id \
         WHERE ot.organization_id = $1 ORDER BY t.position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some((id, row.try_get("version")?, organization)))
}

/// An organisation with its id and version, for editing.
pub async fn load(db: &Db, slug: &Slug) -> sqlx::Result<Option<(i64, i64, Organization)>> {
    load_with(&mut *db.pool.acquire().await?, slug).await
}

/// Makes the organisation's themes those of `slugs` (a slug no theme has is left out).
async fn write_themes(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, slugs: &[String]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM organization_themes WHERE organization_id = $1").bind(id).execute(&mut **tx).await?;
    for slug in slugs {
        sqlx::query(
            "INSERT INTO organization_themes (organization_id, theme_id) SELECT $1, id FROM themes WHERE slug = $2",
        )
        .bind(id)
        .bind(slug)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The slugs a new organisation named `name` may take, best first: one made from the name (or "organization"
/// when nothing of it can be written in an address, or it is `reserved`), then it followed by -2, -3… without end.
pub fn slug_candidates(name: &str, reserved: &[&str]) -> impl Iterator<Item = Slug> + use<> {
    let base = Slug::from_name(name)
        .map(|slug| slug.to_string())
        .filter(|slug| !reserved.contains(&slug.as_str()))
        .unwrap_or_else(|| "organization".into());
    let numbered = (2..).map({
        let base = base.clone();
        move |n: u64| format!("{base}-{n}")
    });
    std::iter::once(base).chain(numbered).filter_map(|candidate| Slug::parse(&candidate))
}

/// `query` with the organisation's fields bound as `$1` to `$22`, in the order of [`Organization::COLUMNS`].
fn bind_fields<'q>(query: AnyQuery<'q>, organization: &'q Organization) -> serde_json::Result<AnyQuery<'q>> {
    Ok(query
        .bind(organization.kind.code())
        .bind(&organization.acronym)
        .bind(organization.name.to_json())
        .bind(serde_json::to_string(&organization.other_names)?)
        .bind(&organization.country)
        .bind(&organization.city)
        .bind(&organization.address)
        .bind(&organization.phone)
        .bind(&organization.email)
        .bind(&organization.website)
        .bind(organization.founded_year)
        .bind(organization.description.as_ref().map(LocalizedText::to_json))
        .bind(organization.consultative_status.code())
        .bind(organization.status_year)
        .bind(organization.work.scope.map(GeographicScope::code))
        .bind(serde_json::to_string(&organization.work.countries_of_work)?)
        .bind(serde_json::to_string(&organization.work.languages)?)
        .bind(serde_json::to_string(&organization.work.expertise)?)
        .bind(organization.work.staff)
        .bind(organization.work.volunteers)
        .bind(organization.work.members)
        .bind(serde_json::to_string(&organization.work.goals)?))
}

/// Adds an organisation under `slug`, returning its id.
pub async fn create(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    slug: &Slug,
    organization: &Organization,
) -> anyhow::Result<i64> {
    let sql = format!(
        "INSERT INTO organizations ({}, slug) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         $22, $23) RETURNING id",
        Organization::COLUMNS
    );
    let row = bind_fields(sqlx::query(sqlx::AssertSqlSafe(sql)), organization)?
        .bind(slug.as_str())
        .fetch_one(&mut **tx)
        .await?;
    let id = row.try_get("id")?;
    write_themes(tx, id, &organization.work.themes).await?;
    Ok(id)
}

/// Writes `after` if the organisation is still at `version`, recording the change as `action` of `actor`;
/// returns whether it was.
pub async fn update(
    db: &Db,
    id: i64,
    version: i64,
    before: &Organization,
    after: &Organization,
    actor: i64,
    action: &str,
) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    let saved = update_in(&mut tx, id, version, before, after, actor, action).await?;
    if saved {
        tx.commit().await?;
    }
    Ok(saved)
}

/// [`update`] within a transaction of the caller's, for changes that other writes must go with.
pub(super) async fn update_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    version: i64,
    before: &Organization,
    after: &Organization,
    actor: i64,
    action: &str,
) -> anyhow::Result<bool> {
    let updated = bind_fields(
        sqlx::query(
            "UPDATE organizations SET kind = $1, acronym = $2, name = $3, other_names = $4, country = $5, city = $6, \
             address = $7, phone = $8, email = $9, website = $10, founded_year = $11, description = $12, \
             consultative_status = $13, status_year = $14, scope = $15, countries_of_work = $16, languages = $17, \
             expertise = $18, staff = $19, volunteers = $20, members = $21, goals = $22, version = version + 1 \
             WHERE id = $23 AND version = $24",
        ),
        after,
    )?
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    if after.work.themes != before.work.themes {
        write_themes(tx, id, &after.work.themes).await?;
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

/// Writes what an incoming record says over what is stored, whatever the version: its name, kind and status,
/// and each other field it fills in; a field it leaves empty keeps its value.
pub async fn merge(tx: &mut sqlx::Transaction<'_, sqlx::Any>, id: i64, incoming: &Organization) -> anyhow::Result<()> {
    bind_fields(
        sqlx::query(
            "UPDATE organizations SET kind = $1, acronym = COALESCE($2, acronym), name = $3, \
             other_names = CASE WHEN $4 = '[]' THEN other_names ELSE $4 END, country = COALESCE($5, country), \
             city = COALESCE($6, city), address = COALESCE($7, address), phone = COALESCE($8, phone), \
             email = COALESCE($9, email), website = COALESCE($10, website), \
             founded_year = COALESCE($11, founded_year), description = COALESCE($12, description), \
             consultative_status = $13, status_year = COALESCE($14, status_year), scope = COALESCE($15, scope), \
             countries_of_work = CASE WHEN $16 = '[]' THEN countries_of_work ELSE $16 END, \
             languages = CASE WHEN $17 = '[]' THEN languages ELSE $17 END, \
             expertise = CASE WHEN $18 = '[]' THEN expertise ELSE $18 END, staff = COALESCE($19, staff), \
             volunteers = COALESCE($20, volunteers), members = COALESCE($21, members), \
             goals = CASE WHEN $22 = '[]' THEN goals ELSE $22 END, version = version + 1 \
             WHERE id = $23",
        ),
        incoming,
    )?
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Renames the organisation of `slug` as [`Organization::renamed`] says, through [`update_in`] so that the
/// history, the search index and the audit log follow. Returns false when the profile changed meanwhile.
pub async fn rename(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    slug: &Slug,
    new_name: &str,
    actor: i64,
) -> anyhow::Result<bool> {
    let (id, version, before) =
        load_with(tx, slug).await?.ok_or_else(|| anyhow::anyhow!("organisation {slug} gone meanwhile"))?;
    let after = before.renamed(new_name);
    if after == before {
        return Ok(true);
    }
    update_in(tx, id, version, &before, &after, actor, "organization.name-change").await
}

/// Records the consultative status the Council granted, and the year; the caller records why.
pub async fn record_status(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    status: ConsultativeStatus,
    year: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE organizations SET consultative_status = $1, status_year = $2, version = version + 1 WHERE id = $3",
    )
    .bind(status.code())
    .bind(year)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes a registration out of the public directory when the network it asked to join declined it: an
/// organisation registered through the form, never verified, and in no network. Returns whether it was.
pub async fn unlist_declined(db: &Db, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE organizations SET listed = 0 WHERE id = $1 AND verified_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM network_members WHERE organization_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM networks WHERE coordinator_id = $1) \
         AND EXISTS (SELECT 1 FROM audit_log WHERE entity = 'organization' AND entity_id = $1 \
                     AND action = 'organization.create')",
    )
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Marks the organisation verified by a network's coordinator now, restarting its verification period.
pub async fn verify(db: &Db, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE organizations SET verified_at = $1, listed = 1 WHERE id = $2")
        .bind(crate::platform::clock::now_rfc3339())
        .bind(id)
        .execute(&db.pool)
        .await?;
    Ok(())
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
        let record = Organization::from_form(&data, &mut state, Lang::En).expect("valid");
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
        assert!(Organization::from_form(&data, &mut state, Lang::En).is_none());
        for field in ["name_en", "kind", "country", "email", "website", "founded_year"] {
            assert!(state.error(field).is_some(), "{field}");
        }
    }

    fn named(en: &str, ru: &str) -> Organization {
        let data = form(&[("name_en", en), ("name_ru", ru), ("kind", "ngo"), ("consultative_status", "none")]);
        Organization::from_form(&data, &mut FormState::default(), Lang::En).expect("valid")
    }

    #[test]
    fn a_new_name_keeps_the_old_one_among_the_other_names() {
        let renamed = named("Green Earth", "Зелёная Земля").renamed("Blue Planet");
        assert_eq!(renamed.name.get(Lang::En), "Blue Planet");
        assert_eq!(renamed.name.get(Lang::Ru), "Зелёная Земля", "a translated name stays");
        assert_eq!(renamed.other_names, ["Green Earth"]);
        let again = renamed.renamed("Blue Planet");
        assert_eq!(again, renamed, "the same name changes nothing");
    }

    #[test]
    fn an_untranslated_name_follows_the_english_one() {
        let renamed = named("Buta", "Buta").renamed("Buta Fund");
        assert_eq!(renamed.name.get(Lang::Ru), "Buta Fund");
        assert_eq!(renamed.other_names, ["Buta"]);
    }
}
