//! Members leaving networks through the API, with a writing token and its owner's rights, through the same checks,
//! records and mail as the departure form.

use axum::extract::State;
use axum::http::StatusCode;

use super::departures::{DepartureReason, depart_by_token};
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::mail::Mailer;
use crate::platform::web::{ApiBody, ApiError, ApiErrorBody, ApiSlugPair};

/// Remove a member from a network, with the rights of the token's owner (the network's coordinators). The member's
/// editors are told the reason by mail; the removal is in the histories of both.
#[utoipa::path(
    post,
    path = "/networks/{slug}/members/{organization}/remove",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("organization" = String, Path, description = "The member organisation's slug", max_length = 120),
    ),
    request_body = DepartureReason,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 400, description = "No reason, a reason too long, or the network's coordinator named (hand coordination over first); `parameter` names the field", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network, or the organisation is not a member of it", body = ApiErrorBody),
    )
)]
pub async fn remove_member(
    State(db): State<Db>,
    State(mailer): State<Mailer>,
    token: TokenUser,
    ApiSlugPair(network, organization): ApiSlugPair,
    body: ApiBody<DepartureReason>,
) -> Result<StatusCode, ApiError> {
    depart_by_token(&db, &mailer, &token, (network.as_str(), organization.as_str()), "remove", body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Take an organisation out of a network, with the rights of the token's owner (the organisation's own editors).
/// The network's coordinators are told by mail; the departure is in the histories of both.
#[utoipa::path(
    post,
    path = "/networks/{slug}/members/{organization}/leave",
    tag = "networks",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("organization" = String, Path, description = "The member organisation's slug", max_length = 120),
    ),
    request_body = DepartureReason,
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The organisation has left the network"),
        (status = 400, description = "A reason too long, or the organisation coordinates the network (hand coordination over first); `parameter` names the field", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not act for this organisation, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network, or the organisation is not a member of it", body = ApiErrorBody),
    )
)]
pub async fn leave_network(
    State(db): State<Db>,
    State(mailer): State<Mailer>,
    token: TokenUser,
    ApiSlugPair(network, organization): ApiSlugPair,
    body: ApiBody<DepartureReason>,
) -> Result<StatusCode, ApiError> {
    depart_by_token(&db, &mailer, &token, (network.as_str(), organization.as_str()), "leave", body).await?;
    Ok(StatusCode::NO_CONTENT)
}
