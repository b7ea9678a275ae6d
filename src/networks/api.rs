//! Networks as open data.

use std::collections::{BTreeMap, BTreeSet};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use super::edit;
use super::queries::{self, FocalPoint, Member, NetworkSummary};
use crate::accounts::{Right, Rights};
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState, replace_texts};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::Slug;
use crate::platform::web::{ApiBody, ApiError, ApiErrorBody, ApiSlug, ApiSlugNumber, AppError, Problem, api_body};

/// An organisation as a network lists it.
#[derive(Serialize, ToSchema)]
pub struct MemberItem {
    pub slug: String,
    pub names: BTreeMap<String, String>,
    pub country: Option<String>,
    pub kind: String,
    pub consultative_status: String,
}

impl MemberItem {
    fn of(member: &Member) -> MemberItem {
        MemberItem {
            slug: member.slug.clone(),
            names: member.name.by_code(),
            country: member.country.map(|c| c.to_string()),
            kind: member.kind.code().into(),
            consultative_status: member.status.code().into(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NetworkItem {
    pub slug: String,
    /// `global`, `regional` or `national`.
    pub level: String,
    pub names: BTreeMap<String, String>,
    pub coordinator: Option<MemberItem>,
    pub member_count: i64,
    /// `planned`, `active` or `retired`.
    pub state: String,
    /// ISO 3166-1 alpha-2 codes of the countries the network covers.
    pub countries: Vec<String>,
    pub url: String,
}

impl NetworkItem {
    fn of(network: &NetworkSummary) -> NetworkItem {
        NetworkItem {
            slug: network.slug.clone(),
            level: network.level.code().into(),
            names: network.name.by_code(),
            coordinator: network.coordinator.as_ref().map(MemberItem::of),
            member_count: network.member_count,
            state: network.state.code().into(),
            countries: network.countries.iter().map(|c| c.to_string()).collect(),
            url: format!("/networks/{}", network.slug),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct FocalPointItem {
    pub number: i64,
    pub title: BTreeMap<String, String>,
    pub goals_label: Option<String>,
    /// The theme's slug.
    pub theme: String,
    pub leads: Vec<MemberItem>,
    pub collaborators: Vec<MemberItem>,
    /// To send back with a change: a change to an older version is refused (409).
    pub version: i64,
}

impl FocalPointItem {
    fn of(focal_point: &FocalPoint) -> FocalPointItem {
        FocalPointItem {
            number: focal_point.number,
            title: focal_point.title.by_code(),
            goals_label: focal_point.goals_label.clone(),
            theme: focal_point.theme.slug.clone(),
            leads: focal_point.leads.iter().map(MemberItem::of).collect(),
            collaborators: focal_point.collaborators.iter().map(MemberItem::of).collect(),
            version: focal_point.version,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NetworkDetail {
    #[serde(flatten)]
    pub network: NetworkItem,
    pub description: BTreeMap<String, String>,
    pub founded_on: Option<String>,
    /// To send back with a change: a change to an older version is refused (409).
    pub version: i64,
    /// The parent network's slug.
    pub parent: Option<String>,
    pub children: Vec<NetworkItem>,
    pub focal_points: Vec<FocalPointItem>,
    pub members: Vec<MemberItem>,
}

/// Every network, parents before their children.
#[utoipa::path(get, path = "/networks", tag = "networks", responses((status = 200, body = Vec<NetworkItem>)))]
pub async fn networks(State(db): State<Db>) -> Result<Json<Vec<NetworkItem>>, ApiError> {
    Ok(Json(queries::all(&db).await?.iter().map(NetworkItem::of).collect()))
}

/// One network, with its focal points and members.
#[utoipa::path(
    get,
    path = "/networks/{slug}",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    responses((status = 200, body = NetworkDetail), (status = 404, description = "No such network", body = ApiErrorBody))
)]
pub async fn network(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<NetworkDetail>, ApiError> {
    Ok(Json(network_detail(&db, &slug).await?))
}

async fn network_detail(db: &Db, slug: &Slug) -> Result<NetworkDetail, ApiError> {
    let network = queries::by_slug(db, slug).await?.ok_or(AppError::NotFound)?;
    Ok(NetworkDetail {
        network: NetworkItem::of(&network.summary),
        description: network.description.as_ref().map(LocalizedText::by_code).unwrap_or_default(),
        founded_on: network.founded_on.clone(),
        version: network.version,
        parent: network.parent.as_ref().map(|p| p.slug.clone()),
        children: network.children.iter().map(NetworkItem::of).collect(),
        focal_points: network.focal_points.iter().map(FocalPointItem::of).collect(),
        members: network.members.iter().map(MemberItem::of).collect(),
    })
}

/// A change to a network: fields left out stay as they are; an empty text clears a field; `names` and
/// `description` replace all languages.
#[derive(serde::Deserialize, ToSchema)]
pub struct NetworkChanges {
    /// The `version` read with the network.
    pub version: i64,
    pub names: Option<BTreeMap<String, String>>,
    /// Markdown, per language.
    pub description: Option<BTreeMap<String, String>>,
    /// `YYYY-MM-DD`.
    pub founded_on: Option<String>,
    /// The slug of the member organisation that coordinates the network (handing coordination over).
    pub coordinator: Option<String>,
}

impl NetworkChanges {
    /// The edit form's fields with these changes applied.
    fn apply(&self, fields: &mut BTreeMap<String, String>) -> Result<(), AppError> {
        for (prefix, parameter, texts) in
            [("name", "names", &self.names), ("description", "description", &self.description)]
        {
            if let Some(texts) = texts {
                replace_texts(fields, prefix, parameter, texts)?;
            }
        }
        for (field, value) in [("founded_on", &self.founded_on), ("coordinator", &self.coordinator)] {
            if let Some(value) = value {
                fields.insert(field.to_string(), value.clone());
            }
        }
        Ok(())
    }
}

/// Change a network, with the rights of the token's owner (its coordinators, administrators), as the network's
/// edit form does. The change is in the audit log.
#[utoipa::path(
    patch,
    path = "/networks/{slug}",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    request_body = NetworkChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The network as changed", body = NetworkDetail),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network", body = ApiErrorBody),
        (status = 409, description = "The network changed since `version`", body = ApiErrorBody),
    )
)]
pub async fn update_network(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlug(slug): ApiSlug,
    body: ApiBody<NetworkChanges>,
) -> Result<Json<NetworkDetail>, ApiError> {
    let (id, version, before) = edit::load_network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let changes = token.write_body(Rights::of(&db, &token.user).may(Right::CoordinateNetwork(id)).await?, body)?;
    let mut fields = before.to_fields();
    changes.apply(&mut fields)?;
    let members = edit::member_choices(&db, id, Lang::En).await?;
    let mut form = FormState::default();
    let Some(after) = edit::read_network(&FormData(fields), &mut form, &members, Lang::En) else {
        return Err(ApiError(form.api_error(&[("name", "names")])));
    };
    if changes.version != version || !edit::save_network(&db, id, version, &before, &after, token.user.user_id).await? {
        return Err(ApiError(AppError::Conflict));
    }
    Ok(Json(network_detail(&db, &slug).await?))
}

/// A focal point's fields as the API takes them.
#[derive(serde::Deserialize, ToSchema)]
pub struct FocalPointFields {
    pub title: Option<BTreeMap<String, String>>,
    /// The theme's slug (coordinators only).
    pub theme: Option<String>,
    /// Coordinators only.
    pub goals_label: Option<String>,
    /// Slugs of member organisations (coordinators only).
    pub leads: Option<Vec<String>>,
    /// Slugs of member organisations.
    pub collaborators: Option<Vec<String>>,
}

impl FocalPointFields {
    /// The focal point form's fields of `before` with these applied, read as the form reads them; a 400 names what
    /// is not acceptable (the form leaves out organisations that are not members; a client naming one is told).
    async fn read(
        &self,
        db: &Db,
        network_id: i64,
        before: &edit::FocalPointRecord,
    ) -> Result<edit::FocalPointRecord, ApiError> {
        let members: BTreeSet<String> =
            edit::member_choices(db, network_id, Lang::En).await?.into_iter().map(|c| c.value).collect();
        for (parameter, slugs) in [("leads", &self.leads), ("collaborators", &self.collaborators)] {
            if let Some(stranger) = slugs.iter().flatten().find(|slug| !members.contains(*slug)) {
                return Err(ApiError(AppError::bad(parameter, Problem::Unknown(stranger.chars().take(120).collect()))));
            }
        }
        let mut fields = before.to_fields();
        if let Some(title) = &self.title {
            replace_texts(&mut fields, "title", "title", title)?;
        }
        for (field, value) in [("theme", &self.theme), ("goals_label", &self.goals_label)] {
            if let Some(value) = value {
                fields.insert(field.to_string(), value.clone());
            }
        }
        for (prefix, slugs) in [("lead:", &self.leads), ("with:", &self.collaborators)] {
            if let Some(slugs) = slugs {
                fields.retain(|field, _| !field.starts_with(prefix));
                fields.extend(slugs.iter().map(|slug| (format!("{prefix}{slug}"), "1".to_string())));
            }
        }
        let themes = edit::theme_choices(db, Lang::En).await?;
        let mut form = FormState::default();
        let after = edit::read_focal_point(&FormData(fields), &mut form, &members, &themes, Lang::En);
        if !form.is_valid() {
            return Err(ApiError(form.api_error(&[])));
        }
        Ok(after)
    }
}

/// A change to a focal point: fields left out stay as they are; `title` replaces all languages; `leads` and
/// `collaborators` replace the lists.
#[derive(serde::Deserialize, ToSchema)]
pub struct FocalPointChanges {
    /// The `version` read with the focal point.
    pub version: i64,
    #[serde(flatten)]
    pub fields: FocalPointFields,
}

/// Change a focal point, with the rights of the token's owner, as its edit form does: the network's
/// coordinators change everything, the lead organisations' editors its title and collaborators. The change is
/// in the audit log.
#[utoipa::path(
    patch,
    path = "/networks/{slug}/focal-points/{number}",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("number" = i64, Path, description = "The focal point's number in the network"),
    ),
    request_body = FocalPointChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The focal point as changed", body = FocalPointItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not make this change, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network or focal point", body = ApiErrorBody),
        (status = 409, description = "The focal point changed since `version`", body = ApiErrorBody),
    )
)]
pub async fn update_focal_point(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, number): ApiSlugNumber,
    body: ApiBody<FocalPointChanges>,
) -> Result<Json<FocalPointItem>, ApiError> {
    let (network_id, _, _) = edit::load_network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let (id, version, before) = edit::load_focal_point(&db, network_id, number).await?.ok_or(AppError::NotFound)?;
    let coordinator = edit::focal_point_rights(&db, &token.user, network_id, id).await?;
    let changes = token.write_body(true, body)?;
    let after = changes.fields.read(&db, network_id, &before).await?;
    if !coordinator && !after.leaves_coordinators_part(&before) {
        return Err(ApiError(AppError::Forbidden));
    }
    let saved = changes.version == version
        && edit::save_focal_point(&db, id, version, &before, &after, token.user.user_id, "focal-point.update").await?;
    if !saved {
        return Err(ApiError(AppError::Conflict));
    }
    Ok(Json(focal_point_item(&db, &slug, number).await?))
}

async fn focal_point_item(db: &Db, slug: &Slug, number: i64) -> Result<FocalPointItem, ApiError> {
    let network = queries::by_slug(db, slug).await?.ok_or(AppError::NotFound)?;
    let focal_point = network.focal_points.iter().find(|fp| fp.number == number).ok_or(AppError::NotFound)?;
    Ok(FocalPointItem::of(focal_point))
}

/// The network of `slug`, if the token may write and its owner coordinates it.
async fn coordinated(db: &Db, token: &TokenUser, slug: &Slug) -> Result<i64, ApiError> {
    let (network_id, _, _) = edit::load_network(db, slug).await?.ok_or(AppError::NotFound)?;
    token.require_write(Rights::of(db, &token.user).may(Right::CoordinateNetwork(network_id)).await?)?;
    Ok(network_id)
}

/// Add a focal point at the end of a network's list, with the rights of the token's owner (its coordinators), as
/// the new focal point form does. The addition is in the audit log.
#[utoipa::path(
    post,
    path = "/networks/{slug}/focal-points",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    request_body = FocalPointFields,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The focal point as added", body = FocalPointItem),
        (status = 400, description = "A field is not acceptable (a title and a theme are needed); `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network", body = ApiErrorBody),
    )
)]
pub async fn add_focal_point(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlug(slug): ApiSlug,
    body: ApiBody<FocalPointFields>,
) -> Result<(StatusCode, Json<FocalPointItem>), ApiError> {
    let network_id = coordinated(&db, &token, &slug).await?;
    let new = api_body(body)?;
    let after = new.read(&db, network_id, &edit::FocalPointRecord::default()).await?;
    let number = edit::add_focal_point(&db, network_id, &after, token.user.user_id).await?;
    Ok((StatusCode::CREATED, Json(focal_point_item(&db, &slug, number).await?)))
}

/// Where a focal point moves in its network's list.
#[derive(serde::Deserialize, ToSchema)]
pub struct FocalPointMove {
    /// `up` or `down`, one place; the first stays first, the last last.
    pub direction: String,
}

/// Move a focal point one place up or down its network's list, with the rights of the token's owner (its
/// coordinators).
#[utoipa::path(
    post,
    path = "/networks/{slug}/focal-points/{number}/move",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("number" = i64, Path, description = "The focal point's number in the network"),
    ),
    request_body = FocalPointMove,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The network's focal points in their new order", body = Vec<FocalPointItem>),
        (status = 400, description = "`direction` is neither `up` nor `down`", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network, or no such focal point in it (retired ones included)", body = ApiErrorBody),
    )
)]
pub async fn move_focal_point(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, number): ApiSlugNumber,
    body: ApiBody<FocalPointMove>,
) -> Result<Json<Vec<FocalPointItem>>, ApiError> {
    let network_id = coordinated(&db, &token, &slug).await?;
    let wanted = api_body(body)?;
    let action = match edit::FocalPointAction::parse(&wanted.direction) {
        Some(action) if action != edit::FocalPointAction::Retire => action,
        _ => {
            return Err(ApiError(AppError::bad(
                "direction",
                Problem::Unknown(wanted.direction.chars().take(40).collect()),
            )));
        }
    };
    edit::rearrange_focal_point(&db, network_id, number, action, token.user.user_id).await?;
    let network = queries::by_slug(&db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(network.focal_points.iter().map(FocalPointItem::of).collect()))
}

/// Retire a focal point, with the rights of the token's owner (the network's coordinators): it leaves the network's
/// page and API; its history stays.
#[utoipa::path(
    delete,
    path = "/networks/{slug}/focal-points/{number}",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("number" = i64, Path, description = "The focal point's number in the network"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Retired"),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network, or no such focal point in it (retired ones included)", body = ApiErrorBody),
    )
)]
pub async fn retire_focal_point(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, number): ApiSlugNumber,
) -> Result<StatusCode, ApiError> {
    let network_id = coordinated(&db, &token, &slug).await?;
    edit::rearrange_focal_point(&db, network_id, number, edit::FocalPointAction::Retire, token.user.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A network to launch, as the launch form takes it.
#[derive(serde::Deserialize, ToSchema)]
pub struct NetworkLaunch {
    /// The parent network's slug; left out, a global network at the top of the tree (administrators only).
    pub parent: Option<String>,
    /// `global`, `regional` or `national`, fitting under the parent.
    pub level: String,
    /// `active` or `planned`.
    #[serde(default = "active")]
    pub state: String,
    pub names: BTreeMap<String, String>,
    /// Markdown, per language.
    #[serde(default)]
    pub description: BTreeMap<String, String>,
    /// The network's address; made from the English name when left out.
    pub slug: Option<String>,
    /// `YYYY-MM-DD`.
    pub founded_on: Option<String>,
    /// ISO 3166-1 alpha-2 codes of the countries covered.
    #[serde(default)]
    pub countries: Vec<String>,
    /// The slug of the organisation that coordinates it; it becomes the first member.
    pub coordinator: String,
    /// Its first focal points, at most 20; more are added afterwards.
    #[serde(default)]
    pub focal_points: Vec<FirstFocalPoint>,
}

/// A focal point launched with its network.
#[derive(serde::Deserialize, ToSchema)]
pub struct FirstFocalPoint {
    /// The theme's slug; its name becomes the focal point's title.
    pub theme: String,
    /// The slug of the organisation that leads it; it becomes a member of the network.
    pub lead: String,
}

fn active() -> String {
    "active".into()
}

impl NetworkLaunch {
    /// The launch form's fields holding this launch.
    fn fields(&self) -> Result<BTreeMap<String, String>, AppError> {
        let mut fields = BTreeMap::new();
        replace_texts(&mut fields, "name", "names", &self.names)?;
        replace_texts(&mut fields, "description", "description", &self.description)?;
        for code in &self.countries {
            let country = crate::platform::values::CountryCode::parse(code)
                .ok_or_else(|| AppError::bad("countries", Problem::Unknown(code.chars().take(40).collect())))?;
            fields.insert(format!("country:{country}"), "1".into());
        }
        for (field, value) in [
            ("parent", self.parent.clone()),
            ("level", Some(self.level.clone())),
            ("state", Some(self.state.clone())),
            ("slug", self.slug.clone()),
            ("founded_on", self.founded_on.clone()),
            ("coordinator", Some(self.coordinator.clone())),
        ] {
            fields.insert(field.to_string(), value.unwrap_or_default());
        }
        if self.focal_points.len() > super::launch::MOST_FIRST_FOCAL_POINTS {
            return Err(AppError::bad(
                "focal_points",
                Problem::OutOfRange { min: 0, max: super::launch::MOST_FIRST_FOCAL_POINTS as i64 },
            ));
        }
        for (row, focal_point) in (1..).zip(&self.focal_points) {
            let (theme, lead) = super::launch::focal_point_row_fields(row);
            fields.insert(theme, focal_point.theme.clone());
            fields.insert(lead, focal_point.lead.clone());
        }
        Ok(fields)
    }
}

/// Launch a network under its parent, with the rights of the token's owner: administrators anywhere, a network's
/// coordinators under their network. The launch is in the audit log.
#[utoipa::path(
    post,
    path = "/networks",
    tag = "networks",
    request_body = NetworkLaunch,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The network as launched", body = NetworkDetail),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not launch under this parent, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such parent network", body = ApiErrorBody),
    )
)]
pub async fn launch_network(
    State(db): State<Db>,
    token: TokenUser,
    body: ApiBody<NetworkLaunch>,
) -> Result<(StatusCode, Json<NetworkDetail>), ApiError> {
    // Whether the owner may launch under the parent named is the launch's own check, as on the form.
    let launch = token.write_body(true, body)?;
    let rights = Rights::of(&db, &token.user);
    let mut form = FormState::default();
    let fields = FormData(launch.fields()?);
    let Some(launch) = super::launch::read_launch(&db, &rights, &fields, &mut form, Lang::En).await? else {
        // A row's fields are one parameter, as a text's languages are.
        form.errors =
            std::mem::take(&mut form.errors)
                .into_iter()
                .map(|(field, message)| {
                    if field.starts_with("focal_point_") { ("focal_points".into(), message) } else { (field, message) }
                })
                .collect();
        return Err(ApiError(form.api_error(&[("name", "names")])));
    };
    super::launch::insert(&db, &launch, token.user.user_id).await?;
    Ok((StatusCode::CREATED, Json(network_detail(&db, launch.slug()).await?)))
}

/// Retire a network, with the rights of the token's owner (administrators, the coordinators of its parent): it
/// leaves the tree; its page, API and history stay. Retiring a retired network changes nothing.
#[utoipa::path(
    post,
    path = "/networks/{slug}/retire",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The network as retired", body = NetworkDetail),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner neither administers nor coordinates the parent network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network", body = ApiErrorBody),
    )
)]
pub async fn retire_network(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlug(slug): ApiSlug,
) -> Result<Json<NetworkDetail>, ApiError> {
    set_retired(&db, &token, &slug, true).await
}

/// Bring a retired network back as active, with the rights of the token's owner (administrators, the coordinators
/// of its parent). Reinstating a network that is not retired makes it active.
#[utoipa::path(
    post,
    path = "/networks/{slug}/reinstate",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The network as reinstated", body = NetworkDetail),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner neither administers nor coordinates the parent network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network", body = ApiErrorBody),
    )
)]
pub async fn reinstate_network(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlug(slug): ApiSlug,
) -> Result<Json<NetworkDetail>, ApiError> {
    set_retired(&db, &token, &slug, false).await
}

async fn set_retired(db: &Db, token: &TokenUser, slug: &Slug, retire: bool) -> Result<Json<NetworkDetail>, ApiError> {
    let rights = Rights::of(db, &token.user);
    token.require_write(super::launch::may_retire(db, &rights, slug).await?)?;
    super::launch::set_retired(db, &rights, slug, retire).await?;
    Ok(Json(network_detail(db, slug).await?))
}
