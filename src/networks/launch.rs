//! Launching a network under a parent (administrators at the top of the tree,
//! the parent's coordinators below it), and retiring one: a retired network
//! leaves the tree but keeps its page and history.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::edit::{CountryPicker, FocalPointRecord, NetworkRecord, country_choices, member_choices};
use super::queries::{self, Level, NetworkState};
use crate::accounts::{Right, Rights};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, render};

/// The networks a person may launch a network under, as choices; `""` stands for the top of the tree, which
/// only administrators may launch at.
async fn parent_choices(db: &Db, rights: &Rights, lang: Lang) -> sqlx::Result<Vec<(Choice, Option<Level>)>> {
    let coordinated = rights.coordinated_networks().await?;
    let mut choices = Vec::new();
    if rights.may(Right::Administer).await? {
        choices.push((Choice { value: String::new(), label: lang.t("network-launch-top") }, None));
    }
    for network in queries::all(db).await? {
        if coordinated.contains(&network.id) && network.level != Level::National {
            let label = format!("{}{}", "— ".repeat(network.depth), network.name.get(lang));
            choices.push((Choice { value: network.slug.clone(), label }, Some(network.level)));
        }
    }
    Ok(choices)
}

/// Whether the person may launch a network anywhere (to offer the launch form).
pub async fn may_launch(db: &Db, rights: &Rights) -> sqlx::Result<bool> {
    Ok(!parent_choices(db, rights, Lang::En).await?.is_empty())
}

fn level_choices(lang: Lang) -> Vec<Choice> {
    Level::ALL.iter().map(|l| Choice { value: l.code().into(), label: super::routes::level_label(l, lang) }).collect()
}

fn state_choices(lang: Lang) -> Vec<Choice> {
    [NetworkState::Active, NetworkState::Planned]
        .iter()
        .map(|s| Choice { value: s.code().into(), label: lang.t(&format!("network-state-{}", s.code())) })
        .collect()
}

#[derive(Template)]
#[template(path = "networks/launch.html")]
struct LaunchPage {
    chrome: Chrome,
    form: FormState,
    parents: Vec<Choice>,
    levels: Vec<Choice>,
    states: Vec<Choice>,
    countries: CountryPicker,
    /// The parent's member organisations, offered as coordinators and leads.
    candidates: Vec<Choice>,
    /// The themes a first focal point may take, after an empty choice.
    themes: Vec<Choice>,
    focal_point_rows: Vec<FocalPointRow>,
}

/// One row of the launch form's first focal points.
struct FocalPointRow {
    legend: String,
    theme_field: String,
    lead_field: String,
}

/// Rows offered empty below those typed in, so that several focal points can be given without a script.
const EMPTY_FOCAL_POINT_ROWS: usize = 3;

impl LaunchPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

async fn launch_page(db: &Db, rights: &Rights, lang: Lang, uri: &Uri, form: FormState) -> Result<LaunchPage, AppError> {
    let parents: Vec<Choice> = parent_choices(db, rights, lang).await?.into_iter().map(|(c, _)| c).collect();
    if parents.is_empty() {
        return Err(AppError::Forbidden);
    }
    let countries = country_choices(lang, &form);
    let parent = Slug::parse(form.value("parent")).map(|slug| async move { queries::by_slug(db, &slug).await });
    let candidates = match parent {
        Some(parent) => match parent.await? {
            Some(network) => member_choices(db, network.summary.id, lang).await?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let mut themes = vec![Choice { value: String::new(), label: lang.t("network-launch-focal-point-none") }];
    themes.extend(super::edit::theme_choices(db, lang).await?);
    let typed = (1..=MOST_FIRST_FOCAL_POINTS)
        .filter(|row| {
            let (theme, lead) = focal_point_row_fields(*row);
            !form.value(&theme).is_empty() || !form.value(&lead).trim().is_empty()
        })
        .max()
        .unwrap_or(0);
    let focal_point_rows = (1..=(typed + EMPTY_FOCAL_POINT_ROWS).min(MOST_FIRST_FOCAL_POINTS))
        .map(|row| {
            let (theme_field, lead_field) = focal_point_row_fields(row);
            let legend = lang.t_with("network-launch-focal-point-row", &[("number", (row as i64).into())]);
            FocalPointRow { legend, theme_field, lead_field }
        })
        .collect();
    Ok(LaunchPage {
        chrome: Chrome::new(lang, lang.t("network-launch-title"), uri),
        form,
        parents,
        levels: level_choices(lang),
        states: state_choices(lang),
        countries,
        candidates,
        themes,
        focal_point_rows,
    })
}

#[derive(Deserialize)]
pub struct LaunchQuery {
    parent: Option<String>,
}

pub async fn launch_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Query(query): Query<LaunchQuery>,
) -> Result<Html<String>, AppError> {
    let mut form = FormState::default();
    form.values.insert("parent".into(), query.parent.unwrap_or_default());
    form.values.insert("level".into(), Level::National.code().into());
    form.values.insert("state".into(), NetworkState::Active.code().into());
    render(&launch_page(&db, &rights, lang, &uri, form).await?)
}

/// A network as the launch form gives it.
pub struct Launch {
    slug: Slug,
    parent: Option<i64>,
    level: Level,
    state: NetworkState,
    record: NetworkRecord,
    coordinator_id: i64,
    first_focal_points: Vec<FirstFocalPoint>,
}

/// A focal point launched with the network: a theme and the organisation that leads it, which becomes a member.
struct FirstFocalPoint {
    theme: String,
    lead: String,
    lead_id: i64,
}

/// The most focal points a launch takes; more are added on the network's page.
pub const MOST_FIRST_FOCAL_POINTS: usize = 20;

/// The launch form's fields of the focal point row `row` (from 1): its theme and its lead organisation.
pub fn focal_point_row_fields(row: usize) -> (String, String) {
    (format!("focal_point_theme_{row}"), format!("focal_point_lead_{row}"))
}

/// The rows of first focal points the fields hold (`focal_point_theme_1`, `focal_point_lead_1`, … up to the
/// first row missing both); a row left empty is skipped, a half-filled or wrong one noted beside its field.
async fn read_first_focal_points(
    db: &Db,
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
) -> Result<Vec<FirstFocalPoint>, AppError> {
    let themes = super::edit::theme_choices(db, lang).await?;
    let mut rows = Vec::new();
    for row in 1.. {
        let (theme_field, lead_field) = focal_point_row_fields(row);
        if !data.0.contains_key(&theme_field) && !data.0.contains_key(&lead_field) {
            break;
        }
        if row > MOST_FIRST_FOCAL_POINTS {
            form.fail(&theme_field, lang.t("network-launch-focal-points-too-many"));
            break;
        }
        let (theme, lead) = (data.get(&theme_field), data.get(&lead_field).trim().to_string());
        if theme.is_empty() && lead.is_empty() {
            continue;
        }
        if !themes.iter().any(|t| t.value == theme) {
            form.fail(&theme_field, lang.t("edit-choose"));
        }
        let lead_id = match Slug::parse(&lead) {
            Some(slug) => crate::directory::load(db, &slug).await?.map(|(id, _, _)| id),
            None => None,
        };
        match lead_id {
            Some(lead_id) => rows.push(FirstFocalPoint { theme, lead, lead_id }),
            None if lead.is_empty() => form.fail(&lead_field, lang.t("network-launch-lead-required")),
            None => form.fail(&lead_field, lang.t("network-launch-coordinator-unknown")),
        }
    }
    Ok(rows)
}

/// A new network as the launch form's fields give it (the API's launches come as those fields too); None,
/// with the message beside each bad field, when one is.
pub async fn read_launch(
    db: &Db,
    rights: &Rights,
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
) -> Result<Option<Launch>, AppError> {
    let parent_slug = data.get("parent");
    let parent = if parent_slug.is_empty() {
        None
    } else {
        let slug = Slug::parse(&parent_slug).ok_or(AppError::NotFound)?;
        let network = queries::by_slug(db, &slug).await?.ok_or(AppError::NotFound)?;
        Some(network.summary)
    };
    // Choosing a parent one does not coordinate is not a typing mistake: it is refused outright.
    match &parent {
        Some(parent) => rights.require(Right::CoordinateNetwork(parent.id)).await?,
        None => rights.require(Right::Administer).await?,
    }
    let level = Level::ALL.into_iter().find(|l| l.code() == data.get("level"));
    match level {
        Some(level) if level.fits_under(parent.as_ref().map(|p| p.level)) => {}
        Some(_) => form.fail("level", lang.t("network-launch-level-misfit")),
        None => form.fail("level", lang.t("edit-choose")),
    }
    let state = NetworkState::parse(&data.get("state")).filter(|s| *s != NetworkState::Retired);
    if state.is_none() {
        form.fail("state", lang.t("edit-choose"));
    }
    let record = NetworkRecord::read_launch(data, form, lang);
    let typed_slug = data.get("slug");
    let slug = if typed_slug.is_empty() {
        let name = data.get("name_en");
        free_slug(db, &name).await?
    } else {
        match Slug::parse(&typed_slug) {
            Some(slug) if slug.as_str() != "new" && !slug_taken(db, &slug).await? => Some(slug),
            Some(_) => {
                form.fail("slug", lang.t("network-launch-slug-taken"));
                None
            }
            None => {
                form.fail("slug", lang.t("network-launch-slug-invalid"));
                None
            }
        }
    };
    let coordinator = data.get("coordinator");
    let coordinator_id: Option<i64> = if coordinator.is_empty() {
        form.fail("coordinator", lang.t("network-launch-coordinator-required"));
        None
    } else {
        let found = match Slug::parse(coordinator.trim()) {
            Some(slug) => crate::directory::load(db, &slug).await?.map(|(id, _, _)| id),
            None => None,
        };
        if found.is_none() {
            form.fail("coordinator", lang.t("network-launch-coordinator-unknown"));
        }
        found
    };
    let first_focal_points = read_first_focal_points(db, data, form, lang).await?;
    let (Some(slug), Some(level), Some(state), Some(record), Some(coordinator_id)) =
        (slug, level, state, record, coordinator_id)
    else {
        return Ok(None);
    };
    if !form.is_valid() {
        return Ok(None);
    }
    Ok(Some(Launch { slug, parent: parent.map(|p| p.id), level, state, record, coordinator_id, first_focal_points }))
}

async fn slug_taken(db: &Db, slug: &Slug) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_optional(&db.pool)
        .await?;
    Ok(found.is_some())
}

async fn free_slug(db: &Db, name: &str) -> sqlx::Result<Option<Slug>> {
    if name.trim().is_empty() {
        return Ok(None);
    }
    for candidate in crate::directory::slug_candidates(name, &["new"]) {
        if !slug_taken(db, &candidate).await? {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

pub async fn launch(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    let Some(launch) = read_launch(&db, &rights, &data, &mut form, lang).await? else {
        let page = launch_page(&db, &rights, lang, &uri, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    insert(&db, &launch, rights.user().user_id).await?;
    Ok(Redirect::to(&format!("/networks/{}", launch.slug())).into_response())
}

/// Writes the new network, with its coordinator as its first member, and records the launch.
pub async fn insert(db: &Db, launch: &Launch, actor: i64) -> anyhow::Result<i64> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO networks (slug, level, parent_id, name, description, coordinator_id, founded_on, state, countries) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(launch.slug.as_str())
    .bind(launch.level.code())
    .bind(launch.parent)
    .bind(launch.record.name().to_json())
    .bind(launch.record.description().map(LocalizedText::to_json))
    .bind(launch.coordinator_id)
    .bind(launch.record.founded_on())
    .bind(launch.state.code())
    .bind(launch.record.countries_json())
    .fetch_one(&mut *tx)
    .await?;
    let members: std::collections::BTreeSet<i64> =
        std::iter::once(launch.coordinator_id).chain(launch.first_focal_points.iter().map(|fp| fp.lead_id)).collect();
    for member in members {
        sqlx::query("INSERT INTO network_members (network_id, organization_id) VALUES ($1, $2)")
            .bind(id)
            .bind(member)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let after = serde_json::json!({
        "slug": launch.slug.as_str(),
        "level": launch.level.code(),
        "state": launch.state.code(),
        "record": launch.record,
    });
    crate::platform::audit::record(db, Some(actor), "network.launch", "network", Some(id), None, Some(&after)).await?;
    for first in &launch.first_focal_points {
        let title: String = sqlx::query_scalar("SELECT name FROM themes WHERE slug = $1")
            .bind(&first.theme)
            .fetch_one(&db.pool)
            .await?;
        let record = FocalPointRecord::led_by(LocalizedText::from_json(&title), &first.theme, &first.lead);
        super::edit::add_focal_point(db, id, &record, actor).await?;
    }
    tracing::info!(network = id, slug = %launch.slug, "network launched");
    Ok(id)
}

impl Launch {
    pub fn slug(&self) -> &Slug {
        &self.slug
    }
}

/// Who may retire a network or bring it back: administrators, and the coordinators of its parent.
async fn require_parent_coordinator(db: &Db, rights: &Rights, slug: &Slug) -> Result<(i64, NetworkState), AppError> {
    let network = queries::by_slug(db, slug).await.found()?;
    let parent_id: Option<i64> = sqlx::query_scalar("SELECT parent_id FROM networks WHERE id = $1")
        .bind(network.summary.id)
        .fetch_one(&db.pool)
        .await?;
    match parent_id {
        Some(parent) if rights.may(Right::CoordinateNetwork(parent)).await? => {}
        _ => rights.require(Right::Administer).await?,
    }
    Ok((network.summary.id, network.summary.state))
}

/// Retires a network (`retire`) or brings a retired one back (`reinstate`).
pub async fn change_state(
    State(db): State<Db>,
    rights: Rights,
    axum::extract::Path((raw_slug, action)): axum::extract::Path<(String, String)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let retire = match action.as_str() {
        "retire" => true,
        "reinstate" => false,
        _ => return Err(AppError::NotFound),
    };
    set_retired(&db, &rights, &slug, retire).await?;
    Ok(Redirect::to(&format!("/networks/{slug}")).into_response())
}

/// Retires the network at `slug` or brings it back as active, if `rights` allow; a change is recorded.
pub async fn set_retired(db: &Db, rights: &Rights, slug: &Slug, retire: bool) -> Result<(), AppError> {
    let (id, before) = require_parent_coordinator(db, rights, slug).await?;
    let (after, action) =
        if retire { (NetworkState::Retired, "network.retire") } else { (NetworkState::Active, "network.reinstate") };
    if before != after {
        sqlx::query("UPDATE networks SET state = $1, version = version + 1 WHERE id = $2")
            .bind(after.code())
            .bind(id)
            .execute(&db.pool)
            .await?;
        crate::platform::audit::record(
            db,
            Some(rights.user().user_id),
            action,
            "network",
            Some(id),
            Some(&serde_json::json!({ "state": before.code() })),
            Some(&serde_json::json!({ "state": after.code() })),
        )
        .await?;
    }
    Ok(())
}

/// Whether the person may retire the network at `slug` (to show the button).
pub async fn may_retire(db: &Db, rights: &Rights, slug: &Slug) -> Result<bool, AppError> {
    match require_parent_coordinator(db, rights, slug).await {
        Ok(_) => Ok(true),
        Err(AppError::Forbidden) => Ok(false),
        Err(other) => Err(other),
    }
}
