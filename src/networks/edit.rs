//! Running a network: its coordinator edits the network (and may hand
//! coordination to another organisation), its focal points and their lead
//! organisations; a focal point's lead organisation edits that focal point's
//! title and the organisations it works with. Every change is audited.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::accounts::{Right, Rights};
use crate::platform::auth::{RequireUser, SignedIn};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::{CountryCode, Slug};
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

/// Puts a text's languages into the fields `{prefix}_en`, `{prefix}_ru`, `{prefix}_az`.
fn text_fields(fields: &mut BTreeMap<String, String>, prefix: &str, text: Option<&LocalizedText>) {
    for l in Lang::ALL {
        let value = text.and_then(|t| t.0.get(&l).cloned()).unwrap_or_default();
        fields.insert(format!("{prefix}_{}", l.code()), value);
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkRecord {
    name: LocalizedText,
    description: Option<LocalizedText>,
    founded_on: Option<String>,
    /// The coordinating organisation's slug.
    coordinator: Option<String>,
    /// Codes of the countries the network covers.
    #[serde(default)]
    countries: Vec<String>,
}

/// The countries a network form offers: every country, named in `lang` and sorted by that name, each with
/// whether the form has it ticked (checkboxes `country:XX`); the list starts open when some are.
pub struct CountryPicker {
    pub choices: Vec<(Choice, bool)>,
    pub open: bool,
}

pub fn country_choices(lang: Lang, form: &FormState) -> CountryPicker {
    let choices: Vec<(Choice, bool)> = crate::directory::country_choices(lang)
        .into_iter()
        .map(|choice| {
            let ticked = !form.value(&format!("country:{}", choice.value)).is_empty();
            (choice, ticked)
        })
        .collect();
    let open = choices.iter().any(|(_, ticked)| *ticked);
    CountryPicker { choices, open }
}

/// The country codes ticked on a form, in code order; unknown codes are left out.
fn countries_picked(data: &FormData) -> Vec<String> {
    let mut codes: Vec<String> = data
        .0
        .keys()
        .filter_map(|k| k.strip_prefix("country:"))
        .filter_map(CountryCode::parse)
        .map(|c| c.to_string())
        .collect();
    codes.dedup();
    codes
}

impl NetworkRecord {
    /// The edit form's fields holding this network.
    pub fn to_fields(&self) -> BTreeMap<String, String> {
        let mut fields = BTreeMap::new();
        text_fields(&mut fields, "name", Some(&self.name));
        text_fields(&mut fields, "description", self.description.as_ref());
        fields.insert("founded_on".into(), self.founded_on.clone().unwrap_or_default());
        fields.insert("coordinator".into(), self.coordinator.clone().unwrap_or_default());
        for code in &self.countries {
            fields.insert(format!("country:{code}"), "1".into());
        }
        fields
    }

    pub fn name(&self) -> &LocalizedText {
        &self.name
    }

    pub fn description(&self) -> Option<&LocalizedText> {
        self.description.as_ref()
    }

    pub fn founded_on(&self) -> Option<&str> {
        self.founded_on.as_deref()
    }

    pub fn countries_json(&self) -> String {
        serde_json::Value::from(self.countries.clone()).to_string()
    }

    /// A new network's names, description, founding day and countries as the launch form gives them (its
    /// coordinator is chosen apart); None when a field is wrong.
    pub fn read_launch(data: &FormData, form: &mut FormState, lang: Lang) -> Option<NetworkRecord> {
        let (name, description, founded_on) = read_texts(data, form, lang);
        form.is_valid().then(|| NetworkRecord {
            name,
            description,
            founded_on,
            coordinator: None,
            countries: countries_picked(data),
        })
    }
}

/// The names, description and founding day every network form has, with the message beside each bad field.
fn read_texts(
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
) -> (LocalizedText, Option<LocalizedText>, Option<String>) {
    let name = data.localized("name", 300, form, lang);
    if name.is_empty() {
        form.fail("name_en", lang.t("edit-name-required"));
    }
    let description = data.localized("description", 5000, form, lang);
    let founded_on = Some(data.get("founded_on")).filter(|d| !d.is_empty());
    if let Some(day) = &founded_on
        && crate::platform::clock::parse_day(day).is_none()
    {
        form.fail("founded_on", lang.t("edit-date-invalid"));
    }
    (name, (!description.is_empty()).then_some(description), founded_on)
}

/// A network as the edit form's fields give it (the API's changes come as those fields too); None, with the
/// message beside each bad field, when one is.
pub fn read_network(data: &FormData, form: &mut FormState, members: &[Choice], lang: Lang) -> Option<NetworkRecord> {
    let (name, description, founded_on) = read_texts(data, form, lang);
    let coordinator = data.get("coordinator");
    if !members.iter().any(|m| m.value == coordinator) {
        form.fail("coordinator", lang.t("edit-choose"));
    }
    form.is_valid().then(|| NetworkRecord {
        name,
        description,
        founded_on,
        coordinator: Some(coordinator),
        countries: countries_picked(data),
    })
}

pub async fn load_network(db: &Db, slug: &Slug) -> sqlx::Result<Option<(i64, i64, NetworkRecord)>> {
    let Some(row) = sqlx::query(
        "SELECT n.id AS id, n.version AS version, n.name AS name, n.description AS description, \
                n.founded_on AS founded_on, n.countries AS countries, o.slug AS coordinator \
         FROM networks n LEFT JOIN organizations o ON o.id = n.coordinator_id WHERE n.slug = $1",
    )
    .bind(slug.as_str())
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let record = NetworkRecord {
        name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
        description: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("description")?.as_deref()),
        founded_on: row.try_get("founded_on")?,
        coordinator: row.try_get("coordinator")?,
        countries: super::queries::countries_from_json(&row.try_get::<String, _>("countries")?)
            .iter()
            .map(|c| c.to_string())
            .collect(),
    };
    Ok(Some((row.try_get("id")?, row.try_get("version")?, record)))
}

/// The member organisations of a network, as choices.
pub async fn member_choices(db: &Db, network_id: i64, lang: Lang) -> sqlx::Result<Vec<Choice>> {
    let choices = sqlx::query(
        "SELECT o.slug AS slug, o.name AS name FROM organizations o WHERE o.id IN \
         (SELECT organization_id FROM network_members WHERE network_id = $1 \
          UNION SELECT coordinator_id FROM networks WHERE id = $1 AND coordinator_id IS NOT NULL)",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?;
    let mut choices = Choice::from_named_rows(&choices, lang)?;
    choices.sort_by_key(|c| c.label.to_lowercase());
    Ok(choices)
}

#[derive(Template)]
#[template(path = "networks/edit.html")]
struct NetworkEditPage {
    chrome: Chrome,
    slug: String,
    version: i64,
    form: FormState,
    members: Vec<Choice>,
    countries: CountryPicker,
    conflict: bool,
}

impl NetworkEditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

async fn require_coordinator(db: &Db, user: &SignedIn, network_id: i64) -> Result<(), AppError> {
    Rights::of(db, user).require(Right::CoordinateNetwork(network_id)).await
}

pub async fn edit_network_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, version, record) = load_network(&db, &slug).await.found()?;
    require_coordinator(&db, &user, id).await?;
    let form = FormState { values: record.to_fields(), ..FormState::default() };
    let page = NetworkEditPage {
        countries: country_choices(lang, &form),
        chrome: Chrome::new(
            lang,
            lang.t_with("edit-title", &[("name", record.name.get(lang).to_string().into())]),
            &uri,
        ),
        slug: slug.to_string(),
        version,
        form,
        members: member_choices(&db, id, lang).await?,
        conflict: false,
    };
    render(&page)
}

pub async fn edit_network(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (id, version, before) = load_network(&db, &slug).await.found()?;
    require_coordinator(&db, &user, id).await?;
    let mut form = FormState::from(&data);
    let members = member_choices(&db, id, lang).await?;
    let after = read_network(&data, &mut form, &members, lang);
    let typed_version: i64 = data.get("version").parse().unwrap_or(-1);
    let page = |form: FormState, conflict: bool| NetworkEditPage {
        countries: country_choices(lang, &form),
        chrome: Chrome::new(
            lang,
            lang.t_with("edit-title", &[("name", before.name.get(lang).to_string().into())]),
            &uri,
        ),
        slug: slug.to_string(),
        version,
        form,
        members: members.clone(),
        conflict,
    };
    let Some(after) = after else {
        return Ok((StatusCode::BAD_REQUEST, render(&page(form, false))?).into_response());
    };
    if !save_network(&db, id, typed_version, &before, &after, user.user_id).await? {
        return Ok((StatusCode::CONFLICT, render(&page(form, true))?).into_response());
    }
    Ok(Redirect::to(&format!("/networks/{slug}")).into_response())
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FocalPointRecord {
    title: LocalizedText,
    theme: String,
    goals_label: Option<String>,
    leads: Vec<String>,
    collaborators: Vec<String>,
}

impl FocalPointRecord {
    /// A focal point of `theme` led by the organisation of slug `lead`, with no collaborators yet.
    pub fn led_by(title: LocalizedText, theme: &str, lead: &str) -> FocalPointRecord {
        FocalPointRecord { title, theme: theme.into(), leads: vec![lead.into()], ..FocalPointRecord::default() }
    }

    /// The edit form's fields holding this focal point; its organisations are checkboxes `lead:…` and `with:…`.
    pub fn to_fields(&self) -> BTreeMap<String, String> {
        let mut fields = BTreeMap::new();
        text_fields(&mut fields, "title", Some(&self.title));
        fields.insert("theme".into(), self.theme.clone());
        fields.insert("goals_label".into(), self.goals_label.clone().unwrap_or_default());
        for lead in &self.leads {
            fields.insert(format!("lead:{lead}"), "1".into());
        }
        for collaborator in &self.collaborators {
            fields.insert(format!("with:{collaborator}"), "1".into());
        }
        fields
    }

    /// Whether `self` changes only what a lead organisation's editor may change: not who leads, nor the theme.
    pub fn leaves_coordinators_part(&self, before: &FocalPointRecord) -> bool {
        self.leads == before.leads && self.theme == before.theme && self.goals_label == before.goals_label
    }
}

/// A focal point as the edit form's fields give it (the API's changes come as those fields too), with the
/// message beside each bad field in `form`. Organisations that are not the network's members are left out.
pub fn read_focal_point(
    data: &FormData,
    form: &mut FormState,
    members: &BTreeSet<String>,
    themes: &[Choice],
    lang: Lang,
) -> FocalPointRecord {
    let title = data.localized("title", 300, form, lang);
    if title.is_empty() {
        form.fail("title_en", lang.t("edit-name-required"));
    }
    let picked = |prefix: &str| -> Vec<String> {
        data.0
            .keys()
            .filter_map(|k| k.strip_prefix(prefix))
            .filter(|s| members.contains(*s))
            .map(str::to_string)
            .collect()
    };
    let (leads, collaborators) = (picked("lead:"), picked("with:"));
    if leads.is_empty() {
        form.fail("leads", lang.t("focal-point-lead-required"));
    }
    if leads.iter().any(|l| collaborators.contains(l)) {
        form.fail("leads", lang.t("focal-point-both"));
    }
    let theme = data.get("theme");
    if !themes.iter().any(|t| t.value == theme) {
        form.fail("theme", lang.t("edit-choose"));
    }
    FocalPointRecord {
        title,
        theme,
        goals_label: Some(data.get("goals_label")).filter(|g| !g.is_empty()),
        leads,
        collaborators,
    }
}

pub async fn load_focal_point(
    db: &Db,
    network_id: i64,
    number: i64,
) -> sqlx::Result<Option<(i64, i64, FocalPointRecord)>> {
    let Some(row) = sqlx::query(
        "SELECT fp.id AS id, fp.version AS version, fp.title AS title, fp.goals_label AS goals_label, t.slug AS theme \
         FROM focal_points fp JOIN themes t ON t.id = fp.theme_id WHERE fp.network_id = $1 AND fp.number = $2",
    )
    .bind(network_id)
    .bind(number)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let roles = sqlx::query(
        "SELECT o.slug AS slug, f.role AS role FROM focal_point_organizations f \
         JOIN organizations o ON o.id = f.organization_id WHERE f.focal_point_id = $1 ORDER BY f.position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let with_role = |role: &str| -> Vec<String> {
        roles.iter().filter(|r| r.get::<String, _>("role") == role).map(|r| r.get::<String, _>("slug")).collect()
    };
    let record = FocalPointRecord {
        title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
        theme: row.try_get("theme")?,
        goals_label: row.try_get("goals_label")?,
        leads: with_role("lead"),
        collaborators: with_role("collaborator"),
    };
    Ok(Some((id, row.try_get("version")?, record)))
}

pub struct MemberRole {
    pub slug: String,
    pub name: String,
    pub lead: bool,
    pub collaborator: bool,
}

#[derive(Template)]
#[template(path = "networks/focal_point_edit.html")]
struct FocalPointEditPage {
    chrome: Chrome,
    slug: String,
    /// Where the form posts: the focal point's edit address, or the address that adds one.
    action: String,
    version: i64,
    form: FormState,
    themes: Vec<Choice>,
    members: Vec<MemberRole>,
    coordinator: bool,
    conflict: bool,
}

impl FocalPointEditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

pub async fn theme_choices(db: &Db, lang: Lang) -> sqlx::Result<Vec<Choice>> {
    let rows = sqlx::query("SELECT slug, name FROM themes ORDER BY position").fetch_all(&db.pool).await?;
    Choice::from_named_rows(&rows, lang)
}

/// Who may edit a focal point, and how much: coordinators everything (true), the
/// lead organisations' editors its title and collaborators (false), others nothing.
pub async fn focal_point_rights(
    db: &Db,
    user: &SignedIn,
    network_id: i64,
    focal_point_id: i64,
) -> Result<bool, AppError> {
    let rights = Rights::of(db, user);
    if rights.may(Right::CoordinateNetwork(network_id)).await? {
        return Ok(true);
    }
    if rights.may(Right::LeadFocalPoint(focal_point_id)).await? {
        return Ok(false);
    }
    Err(AppError::Forbidden)
}

/// The number a focal point's page is shown with before the focal point exists.
const NEW_FOCAL_POINT: i64 = 0;

#[allow(clippy::too_many_arguments)]
async fn focal_point_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    slug: &Slug,
    network_id: i64,
    number: i64,
    version: i64,
    record: &FocalPointRecord,
    form: FormState,
    coordinator: bool,
    conflict: bool,
) -> Result<FocalPointEditPage, AppError> {
    let chosen = |list: &[String], slug: &str| list.iter().any(|s| s == slug);
    let (leads, collaborators) = if form.values.contains_key("title_en") && !form.is_valid() || conflict {
        (
            form.values.keys().filter_map(|k| k.strip_prefix("lead:")).map(str::to_string).collect::<Vec<_>>(),
            form.values.keys().filter_map(|k| k.strip_prefix("with:")).map(str::to_string).collect::<Vec<_>>(),
        )
    } else {
        (record.leads.clone(), record.collaborators.clone())
    };
    let members = member_choices(db, network_id, lang)
        .await?
        .into_iter()
        .map(|c| MemberRole {
            lead: chosen(&leads, &c.value),
            collaborator: chosen(&collaborators, &c.value),
            slug: c.value,
            name: c.label,
        })
        .collect();
    let (title, action) = if number == NEW_FOCAL_POINT {
        (lang.t("focal-point-add-title"), format!("/networks/{slug}/focal-points/new"))
    } else {
        (
            lang.t_with("edit-title", &[("name", record.title.get(lang).to_string().into())]),
            format!("/networks/{slug}/focal-points/{number}/edit"),
        )
    };
    Ok(FocalPointEditPage {
        chrome: Chrome::new(lang, title, uri),
        slug: slug.to_string(),
        action,
        version,
        form,
        themes: theme_choices(db, lang).await?,
        members,
        coordinator,
        conflict,
    })
}

pub async fn edit_focal_point_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((raw_slug, number)): Path<(String, i64)>,
) -> Result<Html<String>, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (network_id, _, _) = load_network(&db, &slug).await.found()?;
    let (fp_id, version, record) = load_focal_point(&db, network_id, number).await.found()?;
    let coordinator = focal_point_rights(&db, &user, network_id, fp_id).await?;
    let form = FormState { values: record.to_fields(), ..FormState::default() };
    let page = focal_point_page(&db, lang, &uri, &slug, network_id, number, version, &record, form, coordinator, false)
        .await?;
    render(&page)
}

pub async fn edit_focal_point(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((raw_slug, number)): Path<(String, i64)>,
    data: FormData,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (network_id, _, _) = load_network(&db, &slug).await.found()?;
    let (fp_id, version, before) = load_focal_point(&db, network_id, number).await.found()?;
    let coordinator = focal_point_rights(&db, &user, network_id, fp_id).await?;
    let mut form = FormState::from(&data);
    let members: BTreeSet<String> = member_choices(&db, network_id, lang).await?.into_iter().map(|c| c.value).collect();
    let themes = theme_choices(&db, lang).await?;
    let after = read_focal_point(&data, &mut form, &members, &themes, lang);
    if !coordinator && !after.leaves_coordinators_part(&before) {
        return Err(AppError::Forbidden);
    }
    let typed_version: i64 = data.get("version").parse().unwrap_or(-1);
    if !form.is_valid() || typed_version != version {
        let conflict = form.is_valid();
        let page =
            focal_point_page(&db, lang, &uri, &slug, network_id, number, version, &before, form, coordinator, conflict)
                .await?;
        let status = if conflict { StatusCode::CONFLICT } else { StatusCode::BAD_REQUEST };
        return Ok((status, render(&page)?).into_response());
    }
    save_focal_point(&db, fp_id, version, &before, &after, user.user_id, "focal-point.update").await?;
    Ok(Redirect::to(&format!("/networks/{slug}#focal-points")).into_response())
}

/// The form that adds a focal point to a network (its coordinators only).
pub async fn new_focal_point_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (network_id, _, _) = load_network(&db, &slug).await.found()?;
    require_coordinator(&db, &user, network_id).await?;
    let record = FocalPointRecord::default();
    let form = FormState { values: record.to_fields(), ..FormState::default() };
    let page =
        focal_point_page(&db, lang, &uri, &slug, network_id, NEW_FOCAL_POINT, 0, &record, form, true, false).await?;
    render(&page)
}

/// Adds a focal point at the end of the network's list.
pub async fn new_focal_point(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (network_id, _, _) = load_network(&db, &slug).await.found()?;
    require_coordinator(&db, &user, network_id).await?;
    let mut form = FormState::from(&data);
    let members: BTreeSet<String> = member_choices(&db, network_id, lang).await?.into_iter().map(|c| c.value).collect();
    let themes = theme_choices(&db, lang).await?;
    let after = read_focal_point(&data, &mut form, &members, &themes, lang);
    if !form.is_valid() {
        let page =
            focal_point_page(&db, lang, &uri, &slug, network_id, NEW_FOCAL_POINT, 0, &after, form, true, false).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    add_focal_point(&db, network_id, &after, user.user_id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}#focal-points")).into_response())
}

/// Retires a focal point (it leaves the network's page, its history stays), or moves it up or down the list.
pub async fn focal_point_action(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path((raw_slug, number, action)): Path<(String, i64, String)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (network_id, _, _) = load_network(&db, &slug).await.found()?;
    require_coordinator(&db, &user, network_id).await?;
    let action = FocalPointAction::parse(&action).ok_or(AppError::NotFound)?;
    rearrange_focal_point(&db, network_id, number, action, user.user_id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}#focal-points")).into_response())
}

/// What a coordinator does to a focal point's place in the list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FocalPointAction {
    Up,
    Down,
    Retire,
}

impl FocalPointAction {
    pub fn parse(action: &str) -> Option<FocalPointAction> {
        match action {
            "up" => Some(FocalPointAction::Up),
            "down" => Some(FocalPointAction::Down),
            "retire" => Some(FocalPointAction::Retire),
            _ => None,
        }
    }
}

/// Moves the focal point `number` of a network one place up or down its list (the first stays first, the last
/// last), or retires it, recording the retirement.
pub async fn rearrange_focal_point(
    db: &Db,
    network_id: i64,
    number: i64,
    action: FocalPointAction,
    actor: i64,
) -> Result<(), AppError> {
    let (fp_id, _, record) = load_focal_point(db, network_id, number).await.found()?;
    let listed: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, position FROM focal_points WHERE network_id = $1 AND retired_at IS NULL ORDER BY position, number",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?;
    let here = listed.iter().position(|(id, _)| *id == fp_id).ok_or(AppError::NotFound)?;
    let neighbour = match action {
        FocalPointAction::Retire => None,
        FocalPointAction::Up => Some(here.checked_sub(1)),
        FocalPointAction::Down => Some(Some(here + 1).filter(|n| *n < listed.len())),
    };
    let mut tx = db.begin().await?;
    match neighbour {
        None => {
            sqlx::query("UPDATE focal_points SET retired_at = $1, version = version + 1 WHERE id = $2")
                .bind(crate::platform::clock::now_rfc3339())
                .bind(fp_id)
                .execute(&mut *tx)
                .await?;
        }
        Some(None) => {}
        Some(Some(other)) => {
            // Positions may repeat in older data: the list's order becomes the positions, with the two swapped.
            let mut order: Vec<i64> = listed.iter().map(|(id, _)| *id).collect();
            order.swap(here, other);
            for (position, id) in order.iter().enumerate() {
                sqlx::query("UPDATE focal_points SET position = $1 WHERE id = $2")
                    .bind(position as i64 + 1)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    tx.commit().await?;
    if action == FocalPointAction::Retire {
        let before = serde_json::to_value(&record).map_err(anyhow::Error::from)?;
        crate::platform::audit::record(
            db,
            Some(actor),
            "focal-point.retire",
            "focal_point",
            Some(fp_id),
            Some(&before),
            None,
        )
        .await?;
    }
    Ok(())
}

/// Adds a focal point at the end of the network's list, recording it; its number.
pub async fn add_focal_point(db: &Db, network_id: i64, after: &FocalPointRecord, actor: i64) -> anyhow::Result<i64> {
    let (fp_id, number): (i64, i64) = sqlx::query_as(
        "INSERT INTO focal_points (network_id, number, position, title, theme_id, goals_label) \
         SELECT $1, COALESCE((SELECT MAX(number) FROM focal_points WHERE network_id = $1), 0) + 1, \
                COALESCE((SELECT MAX(position) FROM focal_points WHERE network_id = $1), 0) + 1, \
                $2, id, $3 FROM themes WHERE slug = $4 RETURNING id, number",
    )
    .bind(network_id)
    .bind(after.title.to_json())
    .bind(&after.goals_label)
    .bind(&after.theme)
    .fetch_one(&db.pool)
    .await?;
    let empty = FocalPointRecord { leads: Vec::new(), collaborators: Vec::new(), ..after.clone() };
    save_focal_point(db, fp_id, 1, &empty, after, actor, "focal-point.add").await?;
    Ok(number)
}

/// Writes a network if it is still at `version`, and records the change.
pub async fn save_network(
    db: &Db,
    id: i64,
    version: i64,
    before: &NetworkRecord,
    after: &NetworkRecord,
    actor: i64,
) -> anyhow::Result<bool> {
    let updated = sqlx::query(
        "UPDATE networks SET name = $1, description = $2, founded_on = $3, \
         coordinator_id = (SELECT id FROM organizations WHERE slug = $4), countries = $7, version = version + 1 \
         WHERE id = $5 AND version = $6",
    )
    .bind(after.name.to_json())
    .bind(after.description.as_ref().map(LocalizedText::to_json))
    .bind(&after.founded_on)
    .bind(&after.coordinator)
    .bind(id)
    .bind(version)
    .bind(after.countries_json())
    .execute(&db.pool)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    let action = if before.coordinator != after.coordinator { "network.hand-over" } else { "network.update" };
    let (before, after) = (serde_json::to_value(before)?, serde_json::to_value(after)?);
    crate::platform::audit::record(db, Some(actor), action, "network", Some(id), Some(&before), Some(&after)).await?;
    Ok(true)
}

/// Writes a focal point and its organisations if it is still at `version`,
/// and records the change.
pub async fn save_focal_point(
    db: &Db,
    fp_id: i64,
    version: i64,
    before: &FocalPointRecord,
    after: &FocalPointRecord,
    actor: i64,
    action: &str,
) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE focal_points SET title = $1, goals_label = $2, theme_id = (SELECT id FROM themes WHERE slug = $3), \
         version = version + 1 WHERE id = $4 AND version = $5",
    )
    .bind(after.title.to_json())
    .bind(&after.goals_label)
    .bind(&after.theme)
    .bind(fp_id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM focal_point_organizations WHERE focal_point_id = $1")
        .bind(fp_id)
        .execute(&mut *tx)
        .await?;
    let roles = after.leads.iter().map(|s| (s, "lead")).chain(after.collaborators.iter().map(|s| (s, "collaborator")));
    for (position, (organization, role)) in roles.enumerate() {
        sqlx::query(
            "INSERT INTO focal_point_organizations (focal_point_id, organization_id, role, position) \
             SELECT $1, id, $2, $3 FROM organizations WHERE slug = $4",
        )
        .bind(fp_id)
        .bind(role)
        .bind(position as i64)
        .bind(organization)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let (before, after) = (serde_json::to_value(before)?, serde_json::to_value(after)?);
    crate::platform::audit::record(db, Some(actor), action, "focal_point", Some(fp_id), Some(&before), Some(&after))
        .await?;
    Ok(true)
}

/// Puts back the version of the network, or of one of its focal points, that
/// an audit entry produced.
pub async fn restore(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path((raw_slug, entry)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (network_id, version, current) = load_network(&db, &slug).await.found()?;
    require_coordinator(&db, &user, network_id).await?;
    let row = sqlx::query("SELECT entity, entity_id, after_state FROM audit_log WHERE id = $1")
        .bind(entry)
        .fetch_optional(&db.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let entity: String = row.get("entity");
    let entity_id: Option<i64> = row.get("entity_id");
    let state_json: Option<String> = row.get("after_state");
    let not_found = || AppError::NotFound;
    match (entity.as_str(), entity_id) {
        ("network", Some(id)) if id == network_id => {
            let restored: NetworkRecord =
                state_json.and_then(|j| serde_json::from_str(&j).ok()).ok_or_else(not_found)?;
            save_network(&db, network_id, version, &current, &restored, user.user_id).await?;
        }
        ("focal_point", Some(fp_id)) => {
            let number: Option<i64> =
                sqlx::query_scalar("SELECT number FROM focal_points WHERE id = $1 AND network_id = $2")
                    .bind(fp_id)
                    .bind(network_id)
                    .fetch_optional(&db.pool)
                    .await?;
            let (_, fp_version, fp_current) =
                load_focal_point(&db, network_id, number.ok_or_else(not_found)?).await.found()?;
            let restored: FocalPointRecord =
                state_json.and_then(|j| serde_json::from_str(&j).ok()).ok_or_else(not_found)?;
            save_focal_point(&db, fp_id, fp_version, &fp_current, &restored, user.user_id, "focal-point.restore")
                .await?;
        }
        _ => return Err(not_found()),
    }
    Ok(Redirect::to(&format!("/networks/{slug}/history")).into_response())
}

/// The recorded changes of a network and of its focal points.
pub async fn history(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, _, record) = load_network(&db, &slug).await.found()?;
    require_coordinator(&db, &user, id).await?;
    let focal_points: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM focal_points WHERE network_id = $1").bind(id).fetch_all(&db.pool).await?;
    let subjects: Vec<(&str, i64)> =
        std::iter::once(("network", id)).chain(focal_points.into_iter().map(|fp| ("focal_point", fp))).collect();
    let name = record.name.get(lang).to_string();
    let page = crate::platform::audit::HistoryPage {
        chrome: Chrome::new(lang, lang.t_with("history-title", &[("name", name.clone().into())]), &uri),
        back: format!("/networks/{slug}"),
        name,
        entries: crate::platform::audit::history(&db, &subjects, lang).await?,
        restore_base: Some(format!("/networks/{slug}/history")),
    };
    render(&page)
}
