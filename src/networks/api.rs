//! Networks as open data.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::queries::{self, Member, NetworkSummary};
use crate::app::AppState;
use crate::platform::i18n::LocalizedText;
use crate::platform::web::{ApiError, ApiErrorBody, ApiSlug, AppError};

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
}

#[derive(Serialize, ToSchema)]
pub struct NetworkDetail {
    #[serde(flatten)]
    pub network: NetworkItem,
    pub description: BTreeMap<String, String>,
    pub founded_on: Option<String>,
    /// The parent network's slug.
    pub parent: Option<String>,
    pub children: Vec<NetworkItem>,
    pub focal_points: Vec<FocalPointItem>,
    pub members: Vec<MemberItem>,
}

/// Every network, parents before their children.
#[utoipa::path(get, path = "/networks", tag = "networks", responses((status = 200, body = Vec<NetworkItem>)))]
pub async fn networks(State(state): State<AppState>) -> Result<Json<Vec<NetworkItem>>, ApiError> {
    Ok(Json(queries::all(&state.db).await?.iter().map(NetworkItem::of).collect()))
}

/// One network, with its focal points and members.
#[utoipa::path(
    get,
    path = "/networks/{slug}",
    tag = "networks",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    responses((status = 200, body = NetworkDetail), (status = 404, description = "No such network", body = ApiErrorBody))
)]
pub async fn network(State(state): State<AppState>, ApiSlug(slug): ApiSlug) -> Result<Json<NetworkDetail>, ApiError> {
    let network = queries::by_slug(&state.db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(NetworkDetail {
        network: NetworkItem::of(&network.summary),
        description: network.description.as_ref().map(LocalizedText::by_code).unwrap_or_default(),
        founded_on: network.founded_on.clone(),
        parent: network.parent.as_ref().map(|p| p.slug.clone()),
        children: network.children.iter().map(NetworkItem::of).collect(),
        focal_points: network
            .focal_points
            .iter()
            .map(|fp| FocalPointItem {
                number: fp.number,
                title: fp.title.by_code(),
                goals_label: fp.goals_label.clone(),
                theme: fp.theme.slug.clone(),
                leads: fp.leads.iter().map(MemberItem::of).collect(),
                collaborators: fp.collaborators.iter().map(MemberItem::of).collect(),
            })
            .collect(),
        members: network.members.iter().map(MemberItem::of).collect(),
    }))
}
