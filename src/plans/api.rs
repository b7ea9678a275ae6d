//! Plans and commitments as open data; activity updates written with a token,
//! under the rights of the matching form.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use axum::http::StatusCode;

use super::commitments::{CommitmentSummary, commitments_of_network, read_follow_up, set_status};
use super::edits::{remove, target};
use super::model::CommitmentStatus;
use super::pages::{PlanPath, Viewer, plan_for, read_indicator, read_plan, read_update, required_text};
use super::store::{self, Activity, Plan};
use crate::accounts::{Right, Rights};
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
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
}

impl ActivityUpdate {
    /// The update form's fields holding this update.
    fn fields(&self) -> FormData {
        let mut fields = BTreeMap::new();
        fields.insert("note".to_string(), self.note.clone());
        fields.insert("noted_on".to_string(), self.noted_on.clone().unwrap_or_default());
        fields.insert("evidence".to_string(), self.evidence.join("\n"));
        fields.insert("status".to_string(), self.status.clone().unwrap_or_default());
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
    let Some(draft) = read_update(&update.fields(), &activity, &mut form, Lang::En) else {
        return Err(ApiError(form.api_error(&[("value", "values")])));
    };
    if !store::record_update(&db, activity.id, activity.status, &draft, token.user.user_id).await? {
        return Err(ApiError(AppError::Conflict));
    }
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
    let plan = store::load_plan(&db, &network, id, crate::platform::clock::today()).await?.ok_or(AppError::NotFound)?;
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

/// An objective to add to a plan.
#[derive(Deserialize, ToSchema)]
pub struct NewObjective {
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
    request_body = NewObjective,
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
    body: ApiBody<NewObjective>,
) -> Result<(StatusCode, Json<PlanDetail>), ApiError> {
    let (plan, viewer) = plan_for(&db, &path, Some(token.user.clone())).await?;
    let new = token.write_body(viewer.coordinator, body)?;
    let mut form = FormState::default();
    let title = required_text(&form_of(&[("title", Some(&new.title))]), "title", 1000, &mut form, Lang::En);
    if !form.is_valid() {
        return Err(ApiError(form.api_error(&[])));
    }
    store::add_objective(&db, plan.id, &title).await?;
    let (plan, _) = plan_for(&db, &path, None).await?;
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
    store::add_indicator(&db, activity.id, &draft).await?;
    let (plan, viewer) = plan_for(&db, &path, Some(token.user)).await?;
    let activity = plan.activity(activity.id).ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(ActivityItem::of(activity, viewer.sees_budgets(&plan)))))
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
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
) -> Result<StatusCode, ApiError> {
    let (plan, viewer) = plan_for(&db, &path, Some(token.user.clone())).await?;
    let target = target(plan, viewer, &path)?;
    token.require_write(target.may_edit())?;
    remove(&db, &target, token.user.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
