//! An organisation leaving a network: removed by the network's coordinators
//! with a reason the organisation is told, or leaving of its own accord, the
//! coordinators told. Either way it is in the histories of both, and the
//! directory's counts and facets follow from the membership row going.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::accounts::{Right, Rights};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Mailer, OutgoingMail};
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, render};

/// Who is leaving, and on whose word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Departure {
    /// The coordinators remove the member.
    Removal,
    /// The member leaves.
    Leaving,
}

impl Departure {
    fn parse(action: &str) -> Option<Departure> {
        match action {
            "remove" => Some(Departure::Removal),
            "leave" => Some(Departure::Leaving),
            _ => None,
        }
    }

    fn action(self) -> &'static str {
        match self {
            Departure::Removal => "remove",
            Departure::Leaving => "leave",
        }
    }
}

/// The network and the member organisation a departure is about.
struct Parties {
    network_id: i64,
    network_slug: String,
    network_name: LocalizedText,
    coordinator_id: Option<i64>,
    organization_id: i64,
    organization_slug: String,
    organization_name: LocalizedText,
}

async fn parties(db: &Db, network: &str, organization: &str) -> Result<Parties, AppError> {
    let (network, organization) =
        (Slug::parse(network).ok_or(AppError::NotFound)?, Slug::parse(organization).ok_or(AppError::NotFound)?);
    let row: Option<(i64, String, Option<i64>, i64, String)> = sqlx::query_as(
        "SELECT n.id, n.name, n.coordinator_id, o.id, o.name FROM networks n \
         JOIN network_members m ON m.network_id = n.id JOIN organizations o ON o.id = m.organization_id \
         WHERE n.slug = $1 AND o.slug = $2",
    )
    .bind(network.as_str())
    .bind(organization.as_str())
    .fetch_optional(&db.pool)
    .await?;
    let (network_id, network_name, coordinator_id, organization_id, organization_name) =
        row.ok_or(AppError::NotFound)?;
    Ok(Parties {
        network_id,
        network_slug: network.to_string(),
        network_name: LocalizedText::from_json(&network_name),
        coordinator_id,
        organization_id,
        organization_slug: organization.to_string(),
        organization_name: LocalizedText::from_json(&organization_name),
    })
}

/// Whether the person may make this departure: a removal is the coordinators', leaving the member's own editors'.
async fn allowed(rights: &Rights, departure: Departure, parties: &Parties) -> sqlx::Result<bool> {
    match departure {
        Departure::Removal => rights.may(Right::CoordinateNetwork(parties.network_id)).await,
        Departure::Leaving => rights.may(Right::ActForOrganization(parties.organization_id)).await,
    }
}

async fn require(rights: &Rights, departure: Departure, parties: &Parties) -> Result<(), AppError> {
    if allowed(rights, departure, parties).await? { Ok(()) } else { Err(AppError::Forbidden) }
}

#[derive(Template)]
#[template(path = "membership/departure.html")]
struct DeparturePage {
    chrome: Chrome,
    network_slug: String,
    network_name: String,
    action: &'static str,
    /// The coordinating organisation cannot go before coordination is handed over.
    coordinates: bool,
    form: FormState,
}

impl DeparturePage {
    /// The page's text for `part` (intro, reason, button) in the wording of its kind of departure.
    fn text(&self, part: &str) -> String {
        self.chrome.t(&format!("departure-{}-{part}", self.action))
    }
}

fn departure_page(lang: Lang, uri: &Uri, departure: Departure, parties: &Parties, form: FormState) -> DeparturePage {
    let args = [
        ("organization", parties.organization_name.get(lang).to_string().into()),
        ("network", parties.network_name.get(lang).to_string().into()),
    ];
    DeparturePage {
        chrome: Chrome::new(lang, lang.t_with(&format!("departure-{}-title", departure.action()), &args), uri),
        network_slug: parties.network_slug.clone(),
        network_name: parties.network_name.get(lang).to_string(),
        action: departure.action(),
        coordinates: parties.coordinator_id == Some(parties.organization_id),
        form,
    }
}

pub async fn departure_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Path((network, organization, action)): Path<(String, String, String)>,
) -> Result<Html<String>, AppError> {
    let departure = Departure::parse(&action).ok_or(AppError::NotFound)?;
    let parties = parties(&db, &network, &organization).await?;
    require(&rights, departure, &parties).await?;
    render(&departure_page(lang, &uri, departure, &parties, FormState::default()))
}

pub async fn depart(
    State(db): State<Db>,
    State(mailer): State<Mailer>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Path((network, organization, action)): Path<(String, String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let departure = Departure::parse(&action).ok_or(AppError::NotFound)?;
    let parties = parties(&db, &network, &organization).await?;
    require(&rights, departure, &parties).await?;
    let mut form = FormState::from(&data);
    let reason = data.get("reason").trim().to_string();
    check(departure, &parties, &reason, &mut form, lang);
    if !form.is_valid() {
        let page = departure_page(lang, &uri, departure, &parties, form);
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    carry_out(&db, &mailer, rights.user().user_id, departure, &parties, &reason).await?;
    Ok(Redirect::to(&format!("/networks/{}#members", parties.network_slug)).into_response())
}

/// Notes beside the reason what keeps the departure from going ahead.
fn check(departure: Departure, parties: &Parties, reason: &str, form: &mut FormState, lang: Lang) {
    if departure == Departure::Removal && reason.is_empty() {
        form.fail("reason", lang.t("departure-reason-required"));
    }
    if reason.chars().count() > 2000 {
        form.fail("reason", lang.t("departure-reason-too-long"));
    }
    if parties.coordinator_id == Some(parties.organization_id) {
        form.fail("reason", lang.t("departure-coordinator"));
    }
}

/// Takes the member out of the network and its focal points, records it in both histories and tells the other
/// side.
async fn carry_out(
    db: &Db,
    mailer: &Mailer,
    actor: i64,
    departure: Departure,
    parties: &Parties,
    reason: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM network_members WHERE network_id = $1 AND organization_id = $2")
        .bind(parties.network_id)
        .bind(parties.organization_id)
        .execute(&mut *tx)
        .await?;
    // A focal point's organisations are the network's members: one that goes leaves its focal points too.
    sqlx::query(
        "DELETE FROM focal_point_organizations WHERE organization_id = $1 \
         AND focal_point_id IN (SELECT id FROM focal_points WHERE network_id = $2)",
    )
    .bind(parties.organization_id)
    .bind(parties.network_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let recorded = serde_json::json!({
        "network": parties.network_slug,
        "organization": parties.organization_slug,
        "reason": reason,
    });
    let audit_action = format!("network.member-{}", departure.action());
    for (entity, id) in [("network", parties.network_id), ("organization", parties.organization_id)] {
        crate::platform::audit::record(db, Some(actor), &audit_action, entity, Some(id), Some(&recorded), None).await?;
    }
    tell(db, mailer, departure, parties, reason).await?;
    Ok(())
}

/// A departure through the API: `action` is `remove` or `leave`; with the token owner's rights, the form's checks
/// (in English, naming `reason`), the same mail and records.
pub async fn depart_by_token(
    db: &Db,
    mailer: &Mailer,
    token: &crate::platform::auth::TokenUser,
    (network, organization): (&str, &str),
    action: &str,
    body: crate::platform::web::ApiBody<DepartureReason>,
) -> Result<(), crate::platform::web::ApiError> {
    let departure = Departure::parse(action).ok_or(AppError::NotFound)?;
    let parties = parties(db, network, organization).await?;
    let may = allowed(&Rights::of(db, &token.user), departure, &parties).await?;
    let reason = token.write_body(may, body)?.reason.unwrap_or_default().trim().to_string();
    let mut form = FormState::default();
    check(departure, &parties, &reason, &mut form, Lang::En);
    if !form.is_valid() {
        return Err(crate::platform::web::ApiError(form.api_error(&[])));
    }
    carry_out(db, mailer, token.user.user_id, departure, &parties, &reason).await?;
    Ok(())
}

/// Why a member goes.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct DepartureReason {
    /// Told to the member's editors on a removal, where it is required; to the coordinators when a member leaves.
    /// At most 2000 characters.
    pub reason: Option<String>,
}

/// Tells the other side, each person in their own language: the member's editors of a removal, the network's
/// coordinators of a member leaving.
async fn tell(db: &Db, mailer: &Mailer, departure: Departure, parties: &Parties, reason: &str) -> sqlx::Result<()> {
    let recipients = match departure {
        Departure::Removal => crate::accounts::editor_recipients(db, parties.organization_id).await?,
        Departure::Leaving => {
            crate::accounts::coordinator_recipients(db, Some(parties.network_id), parties.organization_id).await?
        }
    };
    for recipient in recipients {
        let lang = recipient.lang;
        let args = [
            ("organization", parties.organization_name.get(lang).to_string().into()),
            ("network", parties.network_name.get(lang).to_string().into()),
            ("reason", reason.to_string().into()),
        ];
        let action = departure.action();
        let mail = OutgoingMail::new(
            recipient.email,
            lang.t_with(&format!("mail-departure-{action}-subject"), &args),
            lang.t_with(&format!("mail-departure-{action}-body"), &args),
        );
        if let Err(error) = mailer.send(&mail).await {
            tracing::warn!(error = %error, "departure notice not sent");
        }
    }
    Ok(())
}
