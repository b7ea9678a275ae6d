//! An NGO joins: a signed-in person registers an organisation (or claims an
//! existing profile) and asks a network to take it in; the network's
//! coordinator approves or declines with a reason, and the applicant is told
//! by mail. Approval verifies the organisation.

use std::time::Duration;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sqlx::Row;

use crate::directory::{NamedLink, Organization, OrganizationKind, ProfileChoices};
use crate::platform::auth::{MaybeUser, RequireUser, SignedIn, rate_limit};
use crate::platform::db::{Db, Dialect};
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Email, OutgoingMail};
use crate::platform::migrate::Migration;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, Viewer, render, with_viewer};
use crate::state::AppState;

pub const MIGRATIONS: &[Migration] = &[Migration { version: 120, name: "join and claim requests", sql: tables }];

fn tables(_: Dialect) -> String {
    "CREATE TABLE membership_requests (
        id {pk},
        kind TEXT NOT NULL,
        network_id BIGINT REFERENCES networks (id) ON DELETE CASCADE,
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        requested_by BIGINT NOT NULL REFERENCES users (id),
        message TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        created_at TEXT NOT NULL,
        decided_at TEXT,
        decided_by BIGINT REFERENCES users (id)
    )
    -- statement
    CREATE INDEX membership_requests_by_network ON membership_requests (network_id, status)"
        .to_string()
}

const MAX_MESSAGE: usize = 2000;

/// A slug made from a name, unique among organisations.
async fn free_slug(db: &Db, name: &str) -> sqlx::Result<Slug> {
    // "new" is the address of the registration form.
    for candidate in crate::directory::slug_candidates(name, &["new"]) {
        // A merged organisation's address keeps leading to the one it was merged into.
        let taken: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM organizations WHERE slug = $1 UNION ALL SELECT organization_id FROM slug_redirects WHERE slug = $1",
        )
            .bind(candidate.as_str())
            .fetch_optional(&db.pool)
            .await?;
        if taken.is_none() {
            return Ok(candidate);
        }
    }
    unreachable!("slug candidates never run out")
}

#[derive(Template)]
#[template(path = "membership/register.html")]
struct RegisterPage {
    chrome: Chrome,
    form: FormState,
    kinds: Vec<Choice>,
    choices: ProfileChoices,
    /// Public organisations of the name typed, offered before a new one is registered.
    namesakes: Vec<NamedLink>,
}

impl RegisterPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

async fn register_page(db: &Db, lang: Lang, uri: &Uri, form: FormState) -> sqlx::Result<RegisterPage> {
    Ok(RegisterPage {
        chrome: Chrome::new(lang, lang.t("register-title"), uri),
        choices: ProfileChoices::load(db, lang, &form).await?,
        form,
        kinds: OrganizationKind::choices(lang),
        namesakes: Vec::new(),
    })
}

pub async fn register_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(_): RequireUser,
) -> Result<Html<String>, AppError> {
    let mut form = FormState::default();
    form.values.insert("kind".into(), "ngo".into());
    render(&register_page(&db, lang, &uri, form).await?)
}

pub async fn register(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    mut data: FormData,
) -> Result<Response, AppError> {
    // A new organisation starts without consultative status; the desk records it later.
    data.0.insert("consultative_status".into(), "none".into());
    let mut form = FormState::from(&data);
    let Some(mut record) = Organization::from_form(&data, &mut form, lang) else {
        return Ok(
            (StatusCode::BAD_REQUEST, render(&register_page(&state.db, lang, &uri, form).await?)?).into_response()
        );
    };
    // An organisation of the same name may be this one already: offer it first, keeping what was typed.
    if data.get("confirmed") != "yes" {
        let namesakes = state.search.namesakes(&record.name).await?;
        if !namesakes.is_empty() {
            let mut page = register_page(&state.db, lang, &uri, form).await?;
            page.namesakes = namesakes;
            return Ok(render(&page)?.into_response());
        }
    }
    if !rate_limit(&state.db, &format!("register:{}", user.user_id), Duration::from_secs(3600), 10).await? {
        return Err(AppError::TooManyAttempts);
    }
    let slug = free_slug(&state.db, record.name.get(Lang::En)).await?;
    record.status_year = None;
    let mut tx = state.db.begin().await?;
    let id = crate::directory::create(&mut tx, &slug, &record).await?;
    tx.commit().await?;
    crate::accounts::grant_editor(&state.db, user.user_id, id, Some(user.user_id)).await?;
    crate::platform::audit::record(
        &state.db,
        Some(user.user_id),
        "organization.create",
        "organization",
        Some(id),
        None,
        Some(&serde_json::to_value(&record).unwrap_or_default()),
    )
    .await?;
    Ok(Redirect::to(&format!("/organizations/{slug}/join")).into_response())
}

#[derive(Template)]
#[template(path = "membership/request.html")]
struct RequestPage {
    chrome: Chrome,
    slug: String,
    name: String,
    claim: bool,
    networks: Vec<Choice>,
    form: FormState,
    sent: bool,
}

async fn network_choices(db: &Db, lang: Lang, organization_id: i64) -> sqlx::Result<Vec<Choice>> {
    let rows = sqlx::query(
        "SELECT slug, name FROM networks WHERE id NOT IN \
         (SELECT network_id FROM network_members WHERE organization_id = $1) ORDER BY id",
    )
    .bind(organization_id)
    .fetch_all(&db.pool)
    .await?;
    Choice::from_named_rows(&rows, lang)
}

async fn request_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    slug: &Slug,
    claim: bool,
    form: FormState,
    sent: bool,
) -> Result<RequestPage, AppError> {
    let (id, _, record) = crate::directory::load(&state.db, slug).await.found()?;
    let name = record.name.get(lang).to_string();
    let title = if claim { "claim-title" } else { "join-title" };
    Ok(RequestPage {
        chrome: Chrome::new(lang, lang.t_with(title, &[("name", name.clone().into())]), uri),
        slug: slug.to_string(),
        name,
        claim,
        networks: network_choices(&state.db, lang, id).await?,
        form,
        sent,
    })
}

pub async fn join_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, _, _) = crate::directory::load(&state.db, &slug).await.found()?;
    crate::accounts::Rights::of(&state.db, &user).require(crate::accounts::Right::EditOrganization(id)).await?;
    render(&request_page(&state, lang, &uri, &slug, false, FormState::default(), false).await?)
}

pub async fn claim_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(_): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    render(&request_page(&state, lang, &uri, &slug, true, FormState::default(), false).await?)
}

/// The names a request's mails give: the organisation's, and the network's for a request to join.
struct RequestNames {
    organization: LocalizedText,
    network: Option<LocalizedText>,
}

impl RequestNames {
    async fn load(db: &Db, network_id: Option<i64>, organization_id: i64) -> sqlx::Result<RequestNames> {
        let organization: String = sqlx::query_scalar("SELECT name FROM organizations WHERE id = $1")
            .bind(organization_id)
            .fetch_one(&db.pool)
            .await?;
        let network: Option<String> = sqlx::query_scalar("SELECT name FROM networks WHERE id = $1")
            .bind(network_id)
            .fetch_optional(&db.pool)
            .await?;
        Ok(RequestNames {
            organization: LocalizedText::from_json(&organization),
            network: network.as_deref().map(LocalizedText::from_json),
        })
    }

    /// The mail's arguments in `lang`: `organization`, and `request` saying what is asked.
    fn args(&self, lang: Lang) -> Vec<(&'static str, fluent_templates::fluent_bundle::FluentValue<'static>)> {
        let request = match &self.network {
            Some(network) => lang.t_with("mail-request-join", &[("network", network.get(lang).to_string().into())]),
            None => lang.t("mail-request-claim"),
        };
        vec![("organization", self.organization.get(lang).to_string().into()), ("request", request.into())]
    }
}

/// Mails every editor of the coordinating organisations concerned, each in their own language.
async fn tell_coordinators(
    state: &AppState,
    requester: &SignedIn,
    network_id: Option<i64>,
    organization_id: i64,
) -> sqlx::Result<()> {
    let names = RequestNames::load(&state.db, network_id, organization_id).await?;
    for recipient in crate::accounts::coordinator_recipients(&state.db, network_id, organization_id).await? {
        let lang = recipient.lang;
        let mut args = names.args(lang);
        let subject = lang.t_with("mail-request-subject", &args);
        args.push(("requester", requester.display_name.clone().into()));
        args.push(("link", format!("{}/requests?lang={}", state.public_url, lang.code()).into()));
        let mail = OutgoingMail::new(recipient.email, subject, lang.t_with("mail-request-body", &args));
        if let Err(error) = state.mailer.send(&mail).await {
            tracing::warn!(error = %error, "request notification not sent");
        }
    }
    Ok(())
}

async fn submit_request(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    user: &SignedIn,
    slug: &Slug,
    claim: bool,
    data: &FormData,
) -> Result<Response, AppError> {
    let (organization_id, _, _) = crate::directory::load(&state.db, slug).await.found()?;
    let mut form = FormState::from(data);
    let message = data.get("message");
    if message.chars().count() > MAX_MESSAGE {
        form.fail("message", lang.t_count("form-too-long", MAX_MESSAGE as i64));
    }
    let network: Option<i64> = if claim {
        None
    } else {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM networks WHERE slug = $1 AND id NOT IN \
             (SELECT network_id FROM network_members WHERE organization_id = $2)",
        )
        .bind(data.get("network"))
        .bind(organization_id)
        .fetch_optional(&state.db.pool)
        .await?;
        if found.is_none() {
            form.fail("network", lang.t("edit-choose"));
        }
        found
    };
    if !form.is_valid() {
        let page = request_page(state, lang, uri, slug, claim, form, false).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    if !rate_limit(&state.db, &format!("request:{}", user.user_id), Duration::from_secs(3600), 10).await? {
        return Err(AppError::TooManyAttempts);
    }
    let pending: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM membership_requests WHERE organization_id = $1 AND kind = $2 AND status = 'pending' \
         AND (network_id = $3 OR ($3 IS NULL AND requested_by = $4))",
    )
    .bind(organization_id)
    .bind(if claim { "claim" } else { "join" })
    .bind(network)
    .bind(user.user_id)
    .fetch_optional(&state.db.pool)
    .await?;
    if pending.is_none() {
        sqlx::query(
            "INSERT INTO membership_requests (kind, network_id, organization_id, requested_by, message, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'pending', $6)",
        )
        .bind(if claim { "claim" } else { "join" })
        .bind(network)
        .bind(organization_id)
        .bind(user.user_id)
        .bind(&message)
        .bind(crate::platform::clock::now_rfc3339())
        .execute(&state.db.pool)
        .await
        ?;
        tell_coordinators(state, user, network, organization_id).await?;
    }
    let page = request_page(state, lang, uri, slug, claim, FormState::default(), true).await?;
    Ok(render(&page)?.into_response())
}

pub async fn join(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (id, _, _) = crate::directory::load(&state.db, &slug).await.found()?;
    crate::accounts::Rights::of(&state.db, &user).require(crate::accounts::Right::EditOrganization(id)).await?;
    submit_request(&state, lang, &uri, &user, &slug, false, &data).await
}

pub async fn claim(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    submit_request(&state, lang, &uri, &user, &slug, true, &data).await
}

pub struct PendingRequest {
    pub id: i64,
    pub kind: String,
    pub organization_slug: String,
    pub organization: String,
    pub network: String,
    pub requester: String,
    pub requester_email: String,
    pub message: String,
    pub at: String,
    pub reason_error: Option<String>,
}

#[derive(Template)]
#[template(path = "membership/queue.html")]
struct QueuePage {
    chrome: Chrome,
    /// Whether the person decides requests (coordinators, administrators).
    deciding: bool,
    requests: Vec<PendingRequest>,
    own: Vec<OwnRequest>,
    notice: Option<String>,
}

/// A request the person made, pending or decided.
pub struct OwnRequest {
    pub kind: String,
    pub organization_slug: String,
    pub organization: String,
    pub network: String,
    pub status: String,
    pub reason: String,
    pub at: String,
}

async fn own_requests(db: &Db, user: &SignedIn, lang: Lang) -> sqlx::Result<Vec<OwnRequest>> {
    sqlx::query(
        "SELECT r.kind AS kind, o.slug AS slug, o.name AS organization, n.name AS network, r.status AS status, \
                r.reason AS reason, r.created_at AS at \
         FROM membership_requests r JOIN organizations o ON o.id = r.organization_id \
         LEFT JOIN networks n ON n.id = r.network_id WHERE r.requested_by = $1 ORDER BY r.id DESC",
    )
    .bind(user.user_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(OwnRequest {
            kind: lang.t(&format!("request-kind-{}", r.try_get::<String, _>("kind")?)),
            organization_slug: r.try_get("slug")?,
            organization: LocalizedText::from_json(&r.try_get::<String, _>("organization")?).get(lang).into(),
            network: r
                .try_get::<Option<String>, _>("network")?
                .map(|n| LocalizedText::from_json(&n).get(lang).to_string())
                .unwrap_or_default(),
            status: lang.t(&format!("request-status-{}", r.try_get::<String, _>("status")?)),
            reason: r.try_get::<Option<String>, _>("reason")?.unwrap_or_default(),
            at: r.try_get::<String, _>("at")?.chars().take(10).collect(),
        })
    })
    .collect()
}

async fn queue_page(
    db: &Db,
    user: &SignedIn,
    lang: Lang,
    uri: &Uri,
    requests: Vec<PendingRequest>,
    notice: Option<String>,
) -> Result<QueuePage, AppError> {
    let deciding = user.is_admin || !crate::accounts::Rights::of(db, user).coordinated_networks().await?.is_empty();
    Ok(QueuePage {
        chrome: Chrome::new(lang, lang.t("requests-title"), uri),
        deciding,
        requests,
        own: own_requests(db, user, lang).await?,
        notice,
    })
}

/// The pending requests a person may decide: for the networks they
/// coordinate, and claims on organisations in those networks.
async fn pending_for(db: &Db, user: &SignedIn, lang: Lang) -> sqlx::Result<Vec<PendingRequest>> {
    let networks = crate::accounts::Rights::of(db, user).coordinated_networks().await?;
    if networks.is_empty() {
        return Ok(Vec::new());
    }
    let list = networks.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let sql = format!(
        "SELECT r.id AS id, r.kind AS kind, o.slug AS slug, o.name AS organization, n.name AS network, \
                u.display_name AS requester, u.email AS email, r.message AS message, r.created_at AS at \
         FROM membership_requests r JOIN organizations o ON o.id = r.organization_id \
         JOIN users u ON u.id = r.requested_by LEFT JOIN networks n ON n.id = r.network_id \
         WHERE r.status = 'pending' AND (r.network_id IN ({list}) OR (r.network_id IS NULL AND r.organization_id IN \
               (SELECT organization_id FROM network_members WHERE network_id IN ({list})){admin_claims})) \
         ORDER BY r.id",
        admin_claims = if user.is_admin { " OR r.network_id IS NULL" } else { "" }
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(PendingRequest {
                id: r.try_get("id")?,
                kind: lang.t(&format!("request-kind-{}", r.try_get::<String, _>("kind")?)),
                organization_slug: r.try_get("slug")?,
                organization: LocalizedText::from_json(&r.try_get::<String, _>("organization")?).get(lang).into(),
                network: r
                    .try_get::<Option<String>, _>("network")?
                    .map(|n| LocalizedText::from_json(&n).get(lang).to_string())
                    .unwrap_or_default(),
                requester: r.try_get("requester")?,
                requester_email: r.try_get("email")?,
                message: r.try_get("message")?,
                at: r.try_get::<String, _>("at")?.chars().take(10).collect(),
                reason_error: None,
            })
        })
        .collect()
}

pub async fn queue(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
) -> Result<Html<String>, AppError> {
    let requests = pending_for(&state.db, &user, lang).await?;
    let notice = ["approved", "declined"]
        .iter()
        .find(|key| uri.query().is_some_and(|q| q.split('&').any(|p| p == format!("{key}=1"))))
        .map(|key| lang.t(&format!("request-notice-{key}")));
    render(&queue_page(&state.db, &user, lang, &uri, requests, notice).await?)
}

/// Approves or declines a pending request the person may decide.
pub async fn decide(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((id, decision)): Path<(i64, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let approve = match decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(AppError::NotFound),
    };
    let mut requests = pending_for(&state.db, &user, lang).await?;
    let Some(position) = requests.iter().position(|r| r.id == id) else {
        // Not pending, or not theirs to decide: the same answer either way.
        return Err(AppError::Forbidden);
    };
    let reason = data.get("reason");
    if !approve && reason.is_empty() {
        requests[position].reason_error = Some(lang.t("request-reason-required"));
        let page = queue_page(&state.db, &user, lang, &uri, requests, None).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let row = sqlx::query(
        "UPDATE membership_requests SET status = $1, reason = $2, decided_at = $3, decided_by = $4 \
         WHERE id = $5 AND status = 'pending' RETURNING kind, network_id, organization_id, requested_by",
    )
    .bind(if approve { "approved" } else { "declined" })
    .bind(&reason)
    .bind(crate::platform::clock::now_rfc3339())
    .bind(user.user_id)
    .bind(id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::Forbidden)?;
    let kind: String = row.try_get("kind")?;
    let organization_id: i64 = row.try_get("organization_id")?;
    let requester: i64 = row.try_get("requested_by")?;
    if approve {
        match row.try_get::<Option<i64>, _>("network_id")? {
            Some(network_id) if kind == "join" => {
                sqlx::query(
                    "INSERT INTO network_members (network_id, organization_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(network_id)
                .bind(organization_id)
                .execute(&state.db.pool)
                .await?;
                crate::directory::verify(&state.db, organization_id).await?;
            }
            _ => crate::accounts::grant_editor(&state.db, requester, organization_id, Some(user.user_id)).await?,
        }
    }
    if !approve && kind == "join" && crate::directory::unlist_declined(&state.db, organization_id).await? {
        tracing::info!(organization_id, "declined registration taken out of the directory");
    }
    let action = format!("request.{}", if approve { "approve" } else { "decline" });
    let details = serde_json::json!({ "request": id, "kind": kind, "reason": reason });
    crate::platform::audit::record(
        &state.db,
        Some(user.user_id),
        &action,
        "organization",
        Some(organization_id),
        None,
        Some(&details),
    )
    .await?;
    let applicant: Option<(String, String)> =
        sqlx::query_as("SELECT email, lang FROM users WHERE id = $1 AND deleted_at IS NULL")
            .bind(requester)
            .fetch_optional(&state.db.pool)
            .await?;
    if let Some((address, applicant_lang)) = applicant
        && let Some(address) = Email::parse(&address)
    {
        let lang = Lang::parse(&applicant_lang).unwrap_or(lang);
        let network_id = row.try_get::<Option<i64>, _>("network_id")?.filter(|_| kind == "join");
        let names = RequestNames::load(&state.db, network_id, organization_id).await?;
        let slug: String = sqlx::query_scalar("SELECT slug FROM organizations WHERE id = $1")
            .bind(organization_id)
            .fetch_one(&state.db.pool)
            .await?;
        let mut args = names.args(lang);
        args.push(("link", format!("{}/organizations/{slug}?lang={}", state.public_url, lang.code()).into()));
        args.push(("reason", reason.clone().into()));
        let outcome = if approve { "approved" } else { "declined" };
        let subject = lang.t_with(&format!("mail-{outcome}-subject"), &args);
        let body = lang.t_with(&format!("mail-{outcome}-body"), &args);
        if let Err(error) = state.mailer.send(&OutgoingMail::new(address, subject, body)).await {
            tracing::warn!(error = %error, "decision mail not sent");
        }
    }
    Ok(Redirect::to(if approve { "/requests?approved=1" } else { "/requests?declined=1" }).into_response())
}

/// Puts the number of requests waiting for the signed-in person in the page header, for the pages this
/// request renders.
pub async fn header_notices(
    State(db): State<Db>,
    MaybeUser(user): MaybeUser,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let viewer = match &user {
        None => Viewer::default(),
        Some(user) => {
            let pending =
                pending_for(&db, user, Lang::En).await.map(|requests| requests.len()).unwrap_or_else(|error| {
                    tracing::warn!(error = %error, "pending requests not counted");
                    0
                });
            Viewer { signed_in: true, pending_requests: pending as i64 }
        }
    };
    with_viewer(viewer, next.run(request)).await
}
