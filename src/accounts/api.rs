//! Administrators disabling and enabling accounts through the API, with a writing token, as on the accounts page.

use axum::extract::State;
use axum::http::StatusCode;

use super::admin::set_account_disabled;
use super::{Right, Rights};
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::web::{ApiError, ApiErrorBody, ApiNumber};

/// Disable an account, with the rights of the token's owner (administrators): its sessions end and its tokens stop
/// at once. Administrators cannot disable their own account. The change is in the audit log.
#[utoipa::path(
    post,
    path = "/accounts/{id}/disable",
    tag = "accounts",
    params(("id" = i64, Path, description = "The account's number, as on the accounts page")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Disabled (or already disabled)"),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner is not an administrator, the account is their own, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such account", body = ApiErrorBody),
    )
)]
pub async fn disable_account(
    State(db): State<Db>,
    token: TokenUser,
    ApiNumber(id): ApiNumber,
) -> Result<StatusCode, ApiError> {
    set_disabled(&db, &token, id, true).await
}

/// Enable a disabled account again, with the rights of the token's owner (administrators). The change is in the
/// audit log.
#[utoipa::path(
    post,
    path = "/accounts/{id}/enable",
    tag = "accounts",
    params(("id" = i64, Path, description = "The account's number, as on the accounts page")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Enabled (or already enabled)"),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner is not an administrator, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such account", body = ApiErrorBody),
    )
)]
pub async fn enable_account(
    State(db): State<Db>,
    token: TokenUser,
    ApiNumber(id): ApiNumber,
) -> Result<StatusCode, ApiError> {
    set_disabled(&db, &token, id, false).await
}

async fn set_disabled(db: &Db, token: &TokenUser, id: i64, disable: bool) -> Result<StatusCode, ApiError> {
    let rights = Rights::of(db, &token.user);
    token.require_write(rights.may(Right::Administer).await?)?;
    set_account_disabled(db, &rights, id, disable).await?;
    Ok(StatusCode::NO_CONTENT)
}
