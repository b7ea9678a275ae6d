//! Plans and commitments as open data; activity updates written with a token,
//! under the rights of the matching form.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use axum::http::StatusCode;

use super::commitments::{CommitmentSummary, commitments_of_network, read_commitment, read_follow_up, set_status};
use super::edits::{Saved, Target, record_created, remove, save, target};
use super::model::CommitmentStatus;
use super::pages::{
    PlanPath, Viewer, plan_for, read_activity, read_indicator, read_plan, read_update, record_update, required_text,
};
use super::store::{self, Activity, Part, Plan};
use crate::accounts::{Right, Rights};
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState, replace_texts};
use crate::platform::i18n::Lang;
use crate::platform::objects::FileStore;
use crate::platform::web::{ApiBody, ApiError, ApiErrorBody, ApiSlug, ApiSlugNumber, AppError, Problem, api_body};

/// A plan's address in the API; anything malformed names nothing: a JSON 404.
pub struct ApiPlanPath(pub PlanPath);

impl<S: Send + Sync> FromRequestParts<S> for ApiPlanPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiPlanPath, ApiError> {
        PlanPath::from_request_parts(parts, state).await.map(ApiPlanPath).map_err(ApiError)
    }
}

#[derive(Serialize, ToSchema)]
pub struct PlanItem {
    pub id: i64,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    pub ends_on: String,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorItem {
    pub id: i64,
    pub name: String,
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    /// 0–100, from the baseline towards the target.
    pub progress: u8,
}

#[derive(Serialize, ToSchema)]
pub struct ActivityItem {
    pub id: i64,
    pub title: String,
    /// The theme's slug.
    pub theme: String,
    pub focal_point: i64,
    /// Organisation slugs.
    pub responsible: Option<String>,
    pub partners: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
    /// `planned`, `in_progress`, `done`, `postponed` or `cancelled`.
    pub status: String,
    pub progress: u8,
    pub overdue: bool,
    /// ISO 4217; budgets are left out of plans that keep them private.
    pub currency: Option<String>,
    /// Decimal amounts of `currency`.
    pub budget: Option<String>,
    pub secured: Option<String>,
    pub funding_source: Option<String>,
    pub indicators: Vec<IndicatorItem>,
}

impl ActivityItem {
    fn of(activity: &Activity, budgets: bool) -> ActivityItem {
        let amount = |minor: Option<i64>| activity.currency.zip(minor).filter(|_| budgets).map(|(c, m)| c.decimal(m));
        ActivityItem {
            id: activity.id,
            title: activity.title.clone(),
            theme: activity.focal_point.theme_slug.clone(),
            focal_point: activity.focal_point.number,
            responsible: activity.responsible.as_ref().map(|o| o.slug.clone()),
            partners: activity.partners.iter().map(|o| o.slug.clone()).collect(),
            starts_on: activity.starts_on.to_string(),
            ends_on: activity.ends_on.to_string(),
            status: activity.status.code().into(),
            progress: activity.progress,
            overdue: activity.overdue,
            currency: activity.currency.filter(|_| budgets).map(|c| c.code().to_string()),
            budget: amount(activity.budget),
            secured: amount(activity.secured_total()),
            funding_source: activity.funding_source.clone().filter(|_| budgets),
            indicators: activity
                .indicators
                .iter()
                .map(|i| IndicatorItem {
                    id: i.id,
                    name: i.name.clone(),
                    baseline: i.baseline,
                    target: i.target,
                    current: i.current,
                    progress: i.progress,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ObjectiveItem {
    pub id: i64,
    pub number: usize,
    pub title: String,
    pub progress: Option<u8>,
    pub activities: Vec<ActivityItem>,
}

#[derive(Serialize, ToSchema)]
pub struct PlanDetail {
    #[serde(flatten)]
    pub plan: PlanItem,
    pub network: String,
    pub budgets_public: bool,
    pub progress: Option<u8>,
    pub objectives: Vec<ObjectiveItem>,
}

fn plan_item(network: &str, id: i64, title: &str, starts_on: String, ends_on: String) -> PlanItem {
    PlanItem { id, title: title.to_string(), starts_on, ends_on, url: format!("/networks/{network}/plans/{id}") }
}

fn plan_detail(plan: &Plan, budgets: bool) -> PlanDetail {
    PlanDetail {
        plan: plan_item(&plan.network.slug, plan.id, &plan.title, plan.starts_on.to_string(), plan.ends_on.to_string()),
        network: plan.network.slug.clone(),
        budgets_public: plan.budgets_public,
        progress: store::progress_of(plan.activities()),
        objectives: plan
            .objectives
            .iter()
            .map(|o| ObjectiveItem {
                id: o.id,
                number: o.number,
                title: o.title.clone(),
                progress: o.progress,
                activities: o.activities.iter().map(|a| ActivityItem::of(a, budgets)).collect(),
            })
            .collect(),
    }
}

/// A network's plans, latest first.
#[utoipa::path(
    get,
    path = "/networks/{slug}/plans",
    tag = "plans",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    responses((status = 200, body = Vec<PlanItem>), (status = 404, description = "No such network", body = ApiErrorBody))
)]
pub async fn plans(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<Vec<PlanItem>>, ApiError> {
    let network = store::network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let plans = store::plans_of(&db, network.id).await?;
    Ok(Json(plans.into_iter().map(|p| plan_item(&network.slug, p.id, &p.title, p.starts_on, p.ends_on)).collect()))
}

/// A plan whole: objectives, activities with their indicators and progress; budgets unless the plan keeps them
/// private.
#[utoipa::path(
    get,
    path = "/networks/{slug}/plans/{id}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
    ),
    responses((status = 200, body = PlanDetail), (status = 404, description = "No such plan", body = ApiErrorBody))
)]
pub async fn plan(State(db): State<Db>, ApiPlanPath(path): ApiPlanPath) -> Result<Json<PlanDetail>, ApiError> {
    let (plan, _) = plan_for(&db, &path, None).await?;
    Ok(Json(plan_detail(&plan, plan.budgets_public)))
}

/// An update of an activity: a dated note, evidence links, the status it moves to, new indicator values.
#[derive(Deserialize, ToSchema)]
pub struct ActivityUpdate {
    pub note: String,
    /// `YYYY-MM-DD`, not after today; today when left out.
    pub noted_on: Option<String>,
    /// `http(s)://` links.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The status the activity moves to; it stays when left out.
    pub status: Option<String>,
    /// New current values, by indicator id.
    #[serde(default)]
    pub values: BTreeMap<String, f64>,
    /// The slug of the network's event the work produced.
    pub event: Option<String>,
}

impl ActivityUpdate {
    /// The update form's fields holding this update.
    fn fields(&self) -> FormData {
        let mut fields = BTreeMap::new();
        fields.insert("note".to_string(), self.note.clone());
        fields.insert("noted_on".to_string(), self.noted_on.clone().unwrap_or_default());
        fields.insert("evidence".to_string(), self.evidence.join("\n"));
        fields.insert("status".to_string(), self.status.clone().unwrap_or_default());
        fields.insert("event".to_string(), self.event.clone().unwrap_or_default());
        for (id, value) in &self.values {
            fields.insert(format!("value_{id}"), value.to_string());
        }
        FormData(fields)
    }
}

/// Record an update of an activity with the rights of the token's owner: the network's coordinators, and the
/// editors of a lead organisation of the activity's focal point.
#[utoipa::path(
    post,
    path = "/networks/{slug}/plans/{id}/activities/{activity}/updates",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("activity" = i64, Path, description = "The activity's number"),
    ),
    request_body = ActivityUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The activity as updated", body = ActivityItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not update this activity, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such activity", body = ApiErrorBody),
        (status = 409, description = "The activity changed meanwhile", body = ApiErrorBody),
    )
)]
pub async fn update_activity(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<ActivityUpdate>,
) -> Result<Json<ActivityItem>, ApiError> {
    let (plan, viewer) = plan_for(&db, &path, Some(token.user.clone())).await?;
    let activity = path.activity.and_then(|id| plan.activity(id)).cloned().ok_or(AppError::NotFound)?;
    let update = token.write_body(viewer.may_update(&activity), body)?;
    let mut form = FormState::default();
    let values = update.values.keys().find(|id| !activity.indicators.iter().any(|i| i.id.to_string() == **id));
    if let Some(unknown) = values {
        return Err(ApiError(AppError::bad(
            "values",
            crate::platform::web::Problem::Unknown(unknown.chars().take(40).collect()),
        )));
    }
    let events = crate::events::of_network(&db, plan.network.id).await?;
    let Some(draft) = read_update(&update.fields(), &activity, &events, &mut form, Lang::En) else {
        return Err(ApiError(form.api_error(&[("value", "values")])));
    };
    record_update(&db, plan.id, &activity, &draft, token.user.user_id).await?;
    let (plan, viewer): (Plan, Viewer) = plan_for(&db, &path, Some(token.user)).await?;
    let activity = plan.activity(activity.id).ok_or(AppError::NotFound)?;
    Ok(Json(ActivityItem::of(activity, viewer.sees_budgets(&plan))))
}

#[derive(Serialize, ToSchema)]
pub struct FollowUpItem {
    pub action: String,
    pub owner: String,
    pub due_on: String,
}

#[derive(Serialize, ToSchema)]
pub struct CommitmentItem {
    /// The commitment's number, which its API addresses take.
    pub id: i64,
    pub slug: String,
    /// The pledging organisation's slug.
    pub organization: String,
    pub summary: BTreeMap<String, String>,
    /// Whole units of `currency`.
    pub amount: Option<i64>,
    pub currency: Option<String>,
    /// `proposed`, `agreed`, `in_progress`, `honoured` or `lapsed`.
    pub status: String,
    pub pledged_on: Option<String>,
    pub follow_ups: Vec<FollowUpItem>,
}

impl CommitmentItem {
    fn of(commitment: &CommitmentSummary) -> CommitmentItem {
        CommitmentItem {
            id: commitment.id,
            slug: commitment.slug.clone(),
            organization: commitment.organization_slug.clone(),
            summary: commitment.summary.by_code(),
            amount: commitment.amount,
            currency: commitment.currency.clone(),
            status: commitment.status.code().into(),
            pledged_on: commitment.pledged_on.clone(),
            follow_ups: commitment
                .follow_ups
                .iter()
                .map(|f| FollowUpItem { action: f.action.clone(), owner: f.owner.clone(), due_on: f.due_on.clone() })
                .collect(),
        }
    }
}

/// The commitments partners made to a network, with their follow-ups.
#[utoipa::path(
    get,
    path = "/networks/{slug}/commitments",
    tag = "plans",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    responses((status = 200, body = Vec<CommitmentItem>), (status = 404, description = "No such network", body = ApiErrorBody))
)]
pub async fn commitments(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<Vec<CommitmentItem>>, ApiError> {
    let network = store::network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(commitments_of_network(&db, network.id).await?.iter().map(CommitmentItem::of).collect()))
}

/// Turns an API body's fields into the form's fields, so that the form's checks apply.
fn form_of(pairs: &[(&str, Option<&String>)]) -> FormData {
    FormData(pairs.iter().map(|(name, value)| (name.to_string(), value.cloned().unwrap_or_default())).collect())
}

/// A plan to start.
#[derive(Deserialize, ToSchema)]
pub struct NewPlan {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    /// `YYYY-MM-DD`, not before `starts_on`.
    pub ends_on: String,
}

/// Start a plan of a network, with the rights of the token's owner (its coordinators), as the plans page does.
#[utoipa::path(
    post,
    path = "/networks/{slug}/plans",
    tag = "plans",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    request_body = NewPlan,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The plan as started", body = PlanDetail),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network", body = ApiErrorBody),
    )
)]
pub async fn create_plan(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlug(slug): ApiSlug,
    body: ApiBody<NewPlan>,
) -> Result<(StatusCode, Json<PlanDetail>), ApiError> {
    let network = store::network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let coordinator = Rights::of(&db, &token.user).may(Right::CoordinateNetwork(network.id)).await?;
    let new = token.write_body(coordinator, body)?;
    let data =
        form_of(&[("title", Some(&new.title)), ("starts_on", Some(&new.starts_on)), ("ends_on", Some(&new.ends_on))]);
    let mut form = FormState::default();
    let Some(draft) = read_plan(&data, &mut form, Lang::En) else {
        return Err(ApiError(form.api_error(&[])));
    };
    let id = store::create_plan(&db, network.id, &draft, token.user.user_id).await?;
    let plan = record_created(&db, &PlanPath::of(slug, id), Part::Plan, id, token.user.user_id).await?;
    Ok((StatusCode::CREATED, Json(plan_detail(&plan, true))))
}

/// The commitment of a network an API address names, for its coordinators (and a token that may write).
async fn coordinated_commitment(
    db: &Db,
    slug: &crate::platform::values::Slug,
    id: i64,
    token: &TokenUser,
) -> Result<(i64, CommitmentSummary), ApiError> {
    let network = store::network(db, slug).await?.ok_or(AppError::NotFound)?;
    token.require_write(Rights::of(db, &token.user).may(Right::CoordinateNetwork(network.id)).await?)?;
    let commitment =
        commitments_of_network(db, network.id).await?.into_iter().find(|c| c.id == id).ok_or(AppError::NotFound)?;
    Ok((network.id, commitment))
}

/// A change of a commitment's status.
#[derive(Deserialize, ToSchema)]
pub struct CommitmentChange {
    /// `proposed`, `agreed`, `in_progress`, `honoured` or `lapsed`.
    pub status: String,
}

/// Change a commitment's status, with the rights of the token's owner (the network's coordinators).
#[utoipa::path(
    patch,
    path = "/networks/{slug}/commitments/{id}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The commitment's number"),
    ),
    request_body = CommitmentChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The commitment as changed", body = CommitmentItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such commitment", body = ApiErrorBody),
    )
)]
pub async fn change_commitment(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, id): ApiSlugNumber,
    body: ApiBody<CommitmentChange>,
) -> Result<Json<CommitmentItem>, ApiError> {
    let (network_id, mut commitment) = coordinated_commitment(&db, &slug, id, &token).await?;
    let change = api_body(body)?;
    let status = CommitmentStatus::parse(&change.status)
        .ok_or_else(|| AppError::bad("status", Problem::Unknown(change.status.chars().take(40).collect())))?;
    set_status(&db, network_id, id, status).await?;
    commitment.status = status;
    Ok(Json(CommitmentItem::of(&commitment)))
}

/// A follow-up action of a commitment.
#[derive(Deserialize, ToSchema)]
pub struct NewFollowUp {
    pub action: String,
    /// Who takes the action.
    pub owner: String,
    /// `YYYY-MM-DD`; the coordinators are mailed once this day has come.
    pub due_on: String,
}

/// Add a follow-up action to a commitment, with the rights of the token's owner (the network's coordinators).
#[utoipa::path(
    post,
    path = "/networks/{slug}/commitments/{id}/follow-ups",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The commitment's number"),
    ),
    request_body = NewFollowUp,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The commitment with its follow-up actions", body = CommitmentItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such commitment", body = ApiErrorBody),
    )
)]
pub async fn add_follow_up(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, id): ApiSlugNumber,
    body: ApiBody<NewFollowUp>,
) -> Result<(StatusCode, Json<CommitmentItem>), ApiError> {
    let (network_id, _) = coordinated_commitment(&db, &slug, id, &token).await?;
    let new = api_body(body)?;
    let data = form_of(&[("action", Some(&new.action)), ("owner", Some(&new.owner)), ("due_on", Some(&new.due_on))]);
    let mut form = FormState::default();
    let Some(draft) = read_follow_up(&data, &mut form, Lang::En) else {
        return Err(ApiError(form.api_error(&[])));
    };
    super::commitments::add_follow_up(&db, id, &draft).await?;
    let commitment =
        commitments_of_network(&db, network_id).await?.into_iter().find(|c| c.id == id).ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(CommitmentItem::of(&commitment))))
}

/// An objective's title.
#[derive(Deserialize, ToSchema)]
pub struct ObjectiveTitle {
    pub title: String,
}

/// Add an objective to a plan, with the rights of the token's owner (the network's coordinators), as the plan's
/// page does.
#[utoipa::path(
    post,
    path = "/networks/{slug}/plans/{id}/objectives",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
    ),
    request_body = ObjectiveTitle,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The plan with the objective added last", body = PlanDetail),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such plan", body = ApiErrorBody),
    )
)]
pub async fn add_objective(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<ObjectiveTitle>,
) -> Result<(StatusCode, Json<PlanDetail>), ApiError> {
    let (plan, viewer) = plan_for(&db, &path, Some(token.user.clone())).await?;
    let new = token.write_body(viewer.coordinator, body)?;
    let mut form = FormState::default();
    let title = required_text(&form_of(&[("title", Some(&new.title))]), "title", 1000, &mut form, Lang::En);
    if !form.is_valid() {
        return Err(ApiError(form.api_error(&[])));
    }
    let id = store::add_objective(&db, plan.id, &title).await?;
    let plan = record_created(&db, &path, Part::Objective, id, token.user.user_id).await?;
    Ok((StatusCode::CREATED, Json(plan_detail(&plan, true))))
}

/// An indicator to add to an activity.
#[derive(Deserialize, ToSchema)]
pub struct NewIndicator {
    pub name: String,
    pub baseline: f64,
    pub target: f64,
    /// The baseline when left out.
    pub current: Option<f64>,
}

/// Add an indicator to an activity, with the rights of the token's owner: the network's coordinators, and the
/// editors of a lead organisation of the activity's focal point, as the activity's page does.
#[utoipa::path(
    post,
    path = "/networks/{slug}/plans/{id}/activities/{activity}/indicators",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("activity" = i64, Path, description = "The activity's number"),
    ),
    request_body = NewIndicator,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The activity with the indicator added", body = ActivityItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not change this activity, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such activity", body = ApiErrorBody),
    )
)]
pub async fn add_indicator(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<NewIndicator>,
) -> Result<(StatusCode, Json<ActivityItem>), ApiError> {
    let (plan, viewer) = plan_for(&db, &path, Some(token.user.clone())).await?;
    let activity = path.activity.and_then(|id| plan.activity(id)).cloned().ok_or(AppError::NotFound)?;
    let new = token.write_body(viewer.may_update(&activity), body)?;
    let [baseline, target, current] =
        [Some(new.baseline), Some(new.target), new.current].map(|n| n.map(|n| n.to_string()));
    let data = form_of(&[
        ("name", Some(&new.name)),
        ("baseline", baseline.as_ref()),
        ("target", target.as_ref()),
        ("current", current.as_ref()),
    ]);
    let mut form = FormState::default();
    let Some(draft) = read_indicator(&data, "", &mut form, Lang::En).filter(|_| form.is_valid()) else {
        return Err(ApiError(form.api_error(&[])));
    };
    let id = store::add_indicator(&db, activity.id, &draft).await?;
    let plan = record_created(&db, &path, Part::Indicator, id, token.user.user_id).await?;
    Ok((StatusCode::CREATED, Json(activity_item(&plan, &viewer, activity.id)?)))
}

/// Delete an objective of a plan with its activities, with the rights of the token's owner (the network's
/// coordinators), as the objective's delete page does.
#[utoipa::path(
    delete,
    path = "/networks/{slug}/plans/{id}/objectives/{objective}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("objective" = i64, Path, description = "The objective's number"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The objective is deleted"),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such objective", body = ApiErrorBody),
    )
)]
pub async fn delete_objective(
    State(db): State<Db>,
    State(files): State<FileStore>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
) -> Result<StatusCode, ApiError> {
    delete_part(&db, &files, &token, &path).await
}

/// The activity `id` of a plan as the API shows it to `viewer`.
fn activity_item(plan: &Plan, viewer: &Viewer, id: i64) -> Result<ActivityItem, ApiError> {
    let activity = plan.activity(id).ok_or(AppError::NotFound)?;
    Ok(ActivityItem::of(activity, viewer.sees_budgets(plan)))
}

/// The part of a plan an API address names and the change its body asks for, read once the token's owner is
/// found to have the right to edit that part as its edit form would ask.
async fn editable<T: DeserializeOwned>(
    db: &Db,
    token: &TokenUser,
    path: &PlanPath,
    body: ApiBody<T>,
) -> Result<(Target, T), ApiError> {
    let (plan, viewer) = plan_for(db, path, Some(token.user.clone())).await?;
    let target = target(plan, viewer, path)?;
    let change = token.write_body(target.may_edit(), body)?;
    Ok((target, change))
}

/// Saves the part with the edit form's fields as they stand but those `given`, as its edit form does (and into
/// the history); a bad field is a 400 naming its API parameter, which `renamed` gives where the form names it
/// otherwise.
async fn apply(
    db: &Db,
    token: &TokenUser,
    path: &PlanPath,
    (target, given): (Target, Vec<(&str, Option<String>)>),
    renamed: &[(&str, &str)],
) -> Result<Target, ApiError> {
    let mut fields = target.fields().values;
    for (name, value) in given {
        if let Some(value) = value {
            fields.insert(name.to_string(), value);
        }
    }
    match save(db, path, target, &FormData(fields), token.user.user_id, Lang::En).await? {
        Saved::Done(edited) => Ok(edited),
        Saved::Refused(_, form) => Err(ApiError(form.api_error(renamed))),
    }
}

/// Change an objective's title, with the rights of the token's owner (the network's coordinators), as the
/// objective's edit form does.
#[utoipa::path(
    patch,
    path = "/networks/{slug}/plans/{id}/objectives/{objective}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("objective" = i64, Path, description = "The objective's number"),
    ),
    request_body = ObjectiveTitle,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan with the objective changed", body = PlanDetail),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such objective", body = ApiErrorBody),
    )
)]
pub async fn edit_objective(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<ObjectiveTitle>,
) -> Result<Json<PlanDetail>, ApiError> {
    let (target, change) = editable(&db, &token, &path, body).await?;
    let given = vec![("objective_title", Some(change.title))];
    let edited = apply(&db, &token, &path, (target, given), &[("objective_title", "title")]).await?;
    Ok(Json(plan_detail(&edited.plan, edited.viewer.sees_budgets(&edited.plan))))
}

/// An activity's fields. A new activity needs its objective, title, focal point and period; a change leaves the
/// fields it does not give as they are, and `""` clears an optional text.
#[derive(Deserialize, ToSchema)]
pub struct ActivityFields {
    /// The objective's id.
    pub objective: Option<i64>,
    pub title: Option<String>,
    /// The number of the network's focal point, whose theme the activity serves.
    pub focal_point: Option<i64>,
    /// The responsible organisation's slug.
    pub responsible: Option<String>,
    /// The partner organisations' slugs.
    pub partners: Option<Vec<String>>,
    /// `YYYY-MM-DD`.
    pub starts_on: Option<String>,
    /// `YYYY-MM-DD`, not before `starts_on`.
    pub ends_on: Option<String>,
    /// ISO 4217; needed with a budget.
    pub currency: Option<String>,
    /// A decimal amount of `currency`.
    pub budget: Option<String>,
    /// A decimal amount of `currency`.
    pub secured: Option<String>,
    pub funding_source: Option<String>,
}

/// The API's names of the activity form's fields that it names otherwise.
const ACTIVITY_RENAMED: [(&str, &str); 3] =
    [("activity_title", "title"), ("activity_starts_on", "starts_on"), ("activity_ends_on", "ends_on")];

impl ActivityFields {
    /// The activity form's fields these give; the focal point's number becomes its id (nothing for a number the
    /// network does not have, which the form refuses).
    async fn given(self, db: &Db, plan: &Plan) -> Result<Vec<(&'static str, Option<String>)>, AppError> {
        let focal_point = match self.focal_point {
            Some(number) => {
                let found = store::focal_points(db, plan.network.id).await?.into_iter().find(|f| f.number == number);
                Some(found.map(|f| f.id.to_string()).unwrap_or_default())
            }
            None => None,
        };
        Ok(vec![
            ("objective", self.objective.map(|id| id.to_string())),
            ("activity_title", self.title),
            ("focal_point", focal_point),
            ("responsible", self.responsible),
            ("partners", self.partners.map(|slugs| slugs.join(", "))),
            ("activity_starts_on", self.starts_on),
            ("activity_ends_on", self.ends_on),
            ("currency", self.currency),
            ("budget", self.budget),
            ("secured", self.secured),
            ("funding_source", self.funding_source),
        ])
    }
}

/// Add an activity to a plan, with the rights of the token's owner (the network's coordinators), as the plan's
/// page does.
#[utoipa::path(
    post,
    path = "/networks/{slug}/plans/{id}/activities",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
    ),
    request_body = ActivityFields,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The activity as added", body = ActivityItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such plan", body = ApiErrorBody),
    )
)]
pub async fn add_activity(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<ActivityFields>,
) -> Result<(StatusCode, Json<ActivityItem>), ApiError> {
    let (plan, viewer) = plan_for(&db, &path, Some(token.user.clone())).await?;
    let new = token.write_body(viewer.coordinator, body)?;
    let given = new.given(&db, &plan).await?;
    let data = FormData(given.into_iter().map(|(name, value)| (name.to_string(), value.unwrap_or_default())).collect());
    let focal_points = store::focal_points(&db, plan.network.id).await?;
    let mut form = FormState::default();
    let Some(draft) = read_activity(&db, &plan, &focal_points, &data, &mut form, Lang::En).await? else {
        return Err(ApiError(form.api_error(&ACTIVITY_RENAMED)));
    };
    let id = store::add_activity(&db, plan.id, &draft).await?;
    let plan = record_created(&db, &path, Part::Activity, id, token.user.user_id).await?;
    Ok((StatusCode::CREATED, Json(activity_item(&plan, &viewer, id)?)))
}

/// Change an activity, with the rights of the token's owner: the network's coordinators, and the editors of a
/// lead organisation of the activity's focal point (who keep it in their themes), as the activity's edit form does.
#[utoipa::path(
    patch,
    path = "/networks/{slug}/plans/{id}/activities/{activity}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("activity" = i64, Path, description = "The activity's number"),
    ),
    request_body = ActivityFields,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The activity as changed", body = ActivityItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not change this activity, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such activity", body = ApiErrorBody),
    )
)]
pub async fn edit_activity(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<ActivityFields>,
) -> Result<Json<ActivityItem>, ApiError> {
    let (target, change) = editable(&db, &token, &path, body).await?;
    let given = change.given(&db, &target.plan).await?;
    let edited = apply(&db, &token, &path, (target, given), &ACTIVITY_RENAMED).await?;
    Ok(Json(activity_item(&edited.plan, &edited.viewer, edited.id)?))
}

/// Delete an activity with its indicators and updates, with the rights of the token's owner (as for changing it),
/// as the activity's delete page does.
#[utoipa::path(
    delete,
    path = "/networks/{slug}/plans/{id}/activities/{activity}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("activity" = i64, Path, description = "The activity's number"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The activity is deleted"),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not delete this activity, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such activity", body = ApiErrorBody),
    )
)]
pub async fn delete_activity(
    State(db): State<Db>,
    State(files): State<FileStore>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
) -> Result<StatusCode, ApiError> {
    delete_part(&db, &files, &token, &path).await
}

/// Deletes the part an API address names with what hangs on it, under the token owner's right to edit it, and
/// puts the deletion into the history.
async fn delete_part(db: &Db, files: &FileStore, token: &TokenUser, path: &PlanPath) -> Result<StatusCode, ApiError> {
    let (plan, viewer) = plan_for(db, path, Some(token.user.clone())).await?;
    let target = target(plan, viewer, path)?;
    token.require_write(target.may_edit())?;
    remove(db, files, &target, token.user.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An indicator's values; those left out stay as they are.
#[derive(Deserialize, ToSchema)]
pub struct IndicatorChange {
    pub name: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub current: Option<f64>,
}

/// Change an indicator, with the rights of the token's owner: the network's coordinators, and the editors of a
/// lead organisation of the activity's focal point, as the indicator's edit form does.
#[utoipa::path(
    patch,
    path = "/networks/{slug}/plans/{id}/activities/{activity}/indicators/{indicator}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("activity" = i64, Path, description = "The activity's number"),
        ("indicator" = i64, Path, description = "The indicator's number"),
    ),
    request_body = IndicatorChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The activity with the indicator changed", body = ActivityItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not change this activity, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such indicator", body = ApiErrorBody),
    )
)]
pub async fn edit_indicator(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<IndicatorChange>,
) -> Result<Json<ActivityItem>, ApiError> {
    let (target, change) = editable(&db, &token, &path, body).await?;
    let number = |value: Option<f64>| value.map(|v| v.to_string());
    let given = vec![
        ("name", change.name),
        ("baseline", number(change.baseline)),
        ("target", number(change.target)),
        ("current", number(change.current)),
    ];
    let edited = apply(&db, &token, &path, (target, given), &[]).await?;
    let activity = path.activity.ok_or(AppError::NotFound)?;
    Ok(Json(activity_item(&edited.plan, &edited.viewer, activity)?))
}

/// A commitment a partner made to a network.
#[derive(Deserialize, ToSchema)]
pub struct NewCommitment {
    /// The pledging organisation's slug.
    pub organization: String,
    /// What was pledged, by language code (`en`, `ru`, `az`); one language at least.
    pub summary: BTreeMap<String, String>,
    /// Whole units of `currency`.
    pub amount: Option<i64>,
    /// ISO 4217; needed with an amount.
    pub currency: Option<String>,
    /// `YYYY-MM-DD`.
    pub pledged_on: Option<String>,
    /// `proposed` (when left out: an offer to consider is not a promise), `agreed`, `in_progress`, `honoured` or
    /// `lapsed`.
    pub status: Option<String>,
}

/// Record a partner's commitment to a network, with the rights of the token's owner (its coordinators), as the
/// commitments page does.
#[utoipa::path(
    post,
    path = "/networks/{slug}/commitments",
    tag = "plans",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    request_body = NewCommitment,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The commitment as recorded", body = CommitmentItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network", body = ApiErrorBody),
    )
)]
pub async fn create_commitment(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlug(slug): ApiSlug,
    body: ApiBody<NewCommitment>,
) -> Result<(StatusCode, Json<CommitmentItem>), ApiError> {
    let network = store::network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let coordinator = Rights::of(&db, &token.user).may(Right::CoordinateNetwork(network.id)).await?;
    let new = token.write_body(coordinator, body)?;
    let status = new.status.unwrap_or_else(|| CommitmentStatus::Proposed.code().to_string());
    let amount = new.amount.map(|a| a.to_string());
    let mut data = form_of(&[
        ("organization", Some(&new.organization)),
        ("amount", amount.as_ref()),
        ("currency", new.currency.as_ref()),
        ("pledged_on", new.pledged_on.as_ref()),
        ("status", Some(&status)),
    ]);
    replace_texts(&mut data.0, "summary", "summary", &new.summary)?;
    let mut form = FormState::default();
    let Some(draft) = read_commitment(&db, &data, &mut form, Lang::En).await? else {
        return Err(ApiError(form.api_error(&[])));
    };
    let id = super::commitments::create_commitment(&db, network.id, &draft, token.user.user_id).await?;
    let commitment =
        commitments_of_network(&db, network.id).await?.into_iter().find(|c| c.id == id).ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(CommitmentItem::of(&commitment))))
}
