//! Joint funding proposals in the API: read as open data once submitted, and
//! written with a token under the rights of the matching forms.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::api::ApiPlanPath;
use super::pages::{PlanPath, plan_for};
use super::proposal_pages::{Author, proposal_for, read_move};
use super::proposals::{self, Proposal, Scope};
use super::store::Plan;
use crate::platform::auth::{SignedIn, TokenUser};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{ApiBody, ApiError, ApiErrorBody, AppError, Problem, api_body};

#[derive(Serialize, ToSchema)]
pub struct ApplicantItem {
    /// The organisation's slug.
    pub organization: String,
    /// Whether it confirmed the current version.
    pub confirmed: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ProposalItem {
    pub id: i64,
    pub plan: i64,
    pub title: String,
    /// The funder's slug.
    pub funder: String,
    /// Markdown.
    pub summary: String,
    /// `draft`, `submitted`, `under_review`, `funded` or `declined`.
    pub status: String,
    /// ISO 4217.
    pub currency: String,
    /// Decimal amounts of `currency`; left out where the plan keeps budgets private.
    pub requested: Option<String>,
    pub granted: Option<String>,
    pub decline_reason: Option<String>,
    /// The current version, which confirmations and edits name.
    pub version: i64,
    /// The plan's activities it would fund, by id.
    pub activities: Vec<i64>,
    pub applicants: Vec<ApplicantItem>,
    pub url: String,
}

impl ProposalItem {
    fn of(plan: &Plan, proposal: &Proposal, amounts: bool) -> ProposalItem {
        let amount = |minor: Option<i64>| minor.filter(|_| amounts).map(|m| proposal.currency.decimal(m));
        ProposalItem {
            id: proposal.id,
            plan: plan.id,
            title: proposal.title.clone(),
            funder: proposal.funder.slug.clone(),
            summary: proposal.summary.clone(),
            status: proposal.status.code().into(),
            currency: proposal.currency.code().into(),
            requested: amount(Some(proposal.requested)),
            granted: amount(proposal.granted),
            decline_reason: proposal.decline_reason.clone(),
            version: proposal.version,
            activities: proposal.activities.iter().map(|(id, _)| *id).collect(),
            applicants: proposal
                .applicants
                .iter()
                .map(|a| ApplicantItem { organization: a.organization.slug.clone(), confirmed: proposal.confirmed(a) })
                .collect(),
            url: format!("/networks/{}/plans/{}/proposals/{}", plan.network.slug, plan.id, proposal.id),
        }
    }
}

/// The submitted proposals for a plan (drafts are their authors' alone), newest first.
#[utoipa::path(
    get,
    path = "/networks/{slug}/plans/{id}/proposals",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
    ),
    responses((status = 200, body = Vec<ProposalItem>), (status = 404, description = "No such plan", body = ApiErrorBody))
)]
pub async fn proposals(
    State(db): State<Db>,
    ApiPlanPath(path): ApiPlanPath,
) -> Result<Json<Vec<ProposalItem>>, ApiError> {
    let (plan, _) = plan_for(&db, &path, None).await?;
    let items = proposals::proposals(&db, Scope::Plan(plan.id))
        .await?
        .iter()
        .filter(|p| p.status.is_public())
        .map(|p| ProposalItem::of(&plan, p, plan.budgets_public))
        .collect();
    Ok(Json(items))
}

/// A submitted proposal.
#[utoipa::path(
    get,
    path = "/networks/{slug}/plans/{id}/proposals/{proposal}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("proposal" = i64, Path, description = "The proposal's number"),
    ),
    responses((status = 200, body = ProposalItem), (status = 404, description = "No such proposal, or a draft", body = ApiErrorBody))
)]
pub async fn proposal(State(db): State<Db>, ApiPlanPath(path): ApiPlanPath) -> Result<Json<ProposalItem>, ApiError> {
    Ok(answer(proposal_for(&db, &path, None).await?))
}

/// A proposal's text, as started or as edited.
#[derive(Deserialize, ToSchema)]
pub struct ProposalText {
    pub title: String,
    /// The funder's slug, any organisation of the directory.
    pub funder: String,
    /// The co-applicants' slugs; unless the token's owner coordinates the network, one of them is an organisation
    /// they edit.
    pub applicants: Vec<String>,
    /// ISO 4217.
    pub currency: String,
    /// A decimal amount above zero, with no more decimals than the currency has.
    pub requested: String,
    /// Ids of the plan's activities it would fund, budgeted in `currency`.
    pub activities: Vec<i64>,
    /// Markdown.
    pub summary: String,
    /// When editing, the version the edit starts from.
    pub version: Option<i64>,
}

impl ProposalText {
    /// The proposal form's fields holding this text; 400 naming `activities` for an id the plan does not have.
    fn fields(&self, plan: &Plan) -> Result<FormData, ApiError> {
        let mut fields = BTreeMap::new();
        fields.insert("title".to_string(), self.title.clone());
        fields.insert("funder".to_string(), self.funder.clone());
        fields.insert("applicants".to_string(), self.applicants.join(","));
        fields.insert("currency".to_string(), self.currency.clone());
        fields.insert("requested".to_string(), self.requested.clone());
        fields.insert("summary".to_string(), self.summary.clone());
        for id in &self.activities {
            if plan.activity(*id).is_none() {
                return Err(ApiError(AppError::bad("activities", Problem::Unknown(id.to_string()))));
            }
            fields.insert(format!("activity_{id}"), "1".to_string());
        }
        Ok(FormData(fields))
    }
}

/// The proposal text of a body, read as the form reads it, its writer kept among its authors.
async fn read_text(
    db: &Db,
    plan: &Plan,
    author: &Author,
    text: &ProposalText,
) -> Result<proposals::ProposalDraft, ApiError> {
    let mut form = FormState::default();
    let draft = proposals::read_proposal(db, plan, &text.fields(plan)?, &mut form, Lang::En).await?;
    if let Some(draft) = &draft {
        author.check_applicants(draft, &mut form, Lang::En);
    }
    draft.filter(|_| form.is_valid()).ok_or_else(|| ApiError(form.api_error(&[])))
}

/// The token's owner, when the token may write and `allowed`; 403 otherwise.
fn writer(token: &TokenUser, allowed: bool) -> Result<&SignedIn, ApiError> {
    if token.can_write && allowed { Ok(&token.user) } else { Err(ApiError(AppError::Forbidden)) }
}

/// A proposal as the API answers it, its amounts as the reader may see them.
fn answer((plan, author, proposal): (Plan, Author, Proposal)) -> Json<ProposalItem> {
    Json(ProposalItem::of(&plan, &proposal, author.sees_amounts(&proposal)))
}

/// The plan, the proposal (a draft only for its authors) and the token owner's standing.
async fn proposal_of_token(db: &Db, path: &PlanPath, token: &TokenUser) -> Result<(Plan, Author, Proposal), ApiError> {
    Ok(proposal_for(db, path, Some(token.user.clone())).await?)
}

/// Start a proposal as a draft, with the rights of the token's owner: the network's coordinators, and editors of
/// an organisation who name it among the co-applicants.
#[utoipa::path(
    post,
    path = "/networks/{slug}/plans/{id}/proposals",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
    ),
    request_body = ProposalText,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The proposal as started", body = ProposalItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not start proposals here, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such plan", body = ApiErrorBody),
    )
)]
pub async fn create_proposal(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<ProposalText>,
) -> Result<(StatusCode, Json<ProposalItem>), ApiError> {
    let (plan, viewer) = plan_for(&db, &path, Some(token.user.clone())).await?;
    let author = Author::of(&db, viewer).await?;
    let user_id = writer(&token, author.may_start())?.user_id;
    let text = api_body(body)?;
    let draft = read_text(&db, &plan, &author, &text).await?;
    let id = proposals::create(&db, plan.id, &draft, user_id).await?;
    let proposal = proposals::proposals(&db, Scope::One(id)).await?.into_iter().next().ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(ProposalItem::of(&plan, &proposal, true))))
}

/// Save a new version of a draft, with the rights of the token's owner: the network's coordinators and the
/// editors of its co-applicants.
#[utoipa::path(
    put,
    path = "/networks/{slug}/plans/{id}/proposals/{proposal}",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("proposal" = i64, Path, description = "The proposal's number"),
    ),
    request_body = ProposalText,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal as saved", body = ProposalItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not edit this proposal, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such proposal", body = ApiErrorBody),
        (status = 409, description = "It is no longer a draft, or not at `version`", body = ApiErrorBody),
    )
)]
pub async fn edit_proposal(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<ProposalText>,
) -> Result<Json<ProposalItem>, ApiError> {
    let (plan, author, proposal) = proposal_of_token(&db, &path, &token).await?;
    let user_id = writer(&token, author.may_edit(&proposal))?.user_id;
    let text = api_body(body)?;
    let version = text.version.unwrap_or(proposal.version);
    let draft = read_text(&db, &plan, &author, &text).await?;
    if !proposal.status.is_editable() || !proposals::save(&db, proposal.id, version, &draft, user_id).await? {
        return Err(ApiError(AppError::Conflict));
    }
    Ok(answer(proposal_of_token(&db, &path, &token).await?))
}

/// A co-applicant's confirmation.
#[derive(Deserialize, ToSchema)]
pub struct Confirmation {
    /// The co-applicant's slug; the token's owner edits it.
    pub organization: String,
    /// The version confirmed, which must be the current one.
    pub version: i64,
}

/// Confirm the current version for a co-applicant, with the rights of the token's owner: that organisation's
/// editors.
#[utoipa::path(
    post,
    path = "/networks/{slug}/plans/{id}/proposals/{proposal}/confirmations",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("proposal" = i64, Path, description = "The proposal's number"),
    ),
    request_body = Confirmation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal with the confirmation", body = ProposalItem),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not edit that co-applicant, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such proposal", body = ApiErrorBody),
        (status = 409, description = "It is no longer a draft, or not at `version`", body = ApiErrorBody),
    )
)]
pub async fn confirm_proposal(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<Confirmation>,
) -> Result<Json<ProposalItem>, ApiError> {
    let (_, author, proposal) = proposal_of_token(&db, &path, &token).await?;
    let may_confirm = proposal.applicants.iter().any(|a| author.edits.contains(&a.id));
    let user_id = writer(&token, may_confirm)?.user_id;
    let confirmation = api_body(body)?;
    let applicant =
        proposal.applicants.iter().find(|a| a.organization.slug == confirmation.organization).ok_or_else(|| {
            AppError::bad("organization", Problem::Unknown(confirmation.organization.chars().take(80).collect()))
        })?;
    if !author.edits.contains(&applicant.id) {
        return Err(ApiError(AppError::Forbidden));
    }
    if !proposals::confirm(&db, proposal.id, applicant.id, confirmation.version, user_id).await? {
        return Err(ApiError(AppError::Conflict));
    }
    Ok(answer(proposal_of_token(&db, &path, &token).await?))
}

/// A move along the pipeline.
#[derive(Deserialize, ToSchema)]
pub struct ProposalMove {
    /// `draft`, `submitted`, `under_review`, `funded` or `declined`.
    pub status: String,
    /// The decimal amount granted; required when funded.
    pub granted: Option<String>,
    /// The funder's reason; required when declined.
    pub reason: Option<String>,
}

/// Move a proposal along its pipeline, with the rights of the token's owner: the network's coordinators and the
/// editors of its co-applicants. Submitting needs every co-applicant's confirmation of the current version.
#[utoipa::path(
    post,
    path = "/networks/{slug}/plans/{id}/proposals/{proposal}/status",
    tag = "plans",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The plan's number"),
        ("proposal" = i64, Path, description = "The proposal's number"),
    ),
    request_body = ProposalMove,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal as moved", body = ProposalItem),
        (status = 400, description = "A field is not acceptable, or the move is not allowed; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not move this proposal, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such proposal", body = ApiErrorBody),
        (status = 409, description = "The proposal changed meanwhile", body = ApiErrorBody),
    )
)]
pub async fn move_proposal(
    State(db): State<Db>,
    token: TokenUser,
    ApiPlanPath(path): ApiPlanPath,
    body: ApiBody<ProposalMove>,
) -> Result<Json<ProposalItem>, ApiError> {
    let (_, author, proposal) = proposal_of_token(&db, &path, &token).await?;
    let user_id = writer(&token, author.may_edit(&proposal))?.user_id;
    let change = api_body(body)?;
    let mut fields = BTreeMap::new();
    fields.insert("status".to_string(), change.status.clone());
    fields.insert("granted".to_string(), change.granted.clone().unwrap_or_default());
    fields.insert("reason".to_string(), change.reason.clone().unwrap_or_default());
    let mut form = FormState::default();
    let change =
        read_move(&proposal, &FormData(fields), &mut form, Lang::En).ok_or_else(|| ApiError(form.api_error(&[])))?;
    if !proposals::move_to(&db, &proposal, &change, user_id).await? {
        return Err(ApiError(AppError::Conflict));
    }
    Ok(answer(proposal_of_token(&db, &path, &token).await?))
}
