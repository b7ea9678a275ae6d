//! Partners' commitments: what an organisation pledged, who pledged it and
//! when, its status, and the follow-up actions a network's coordinators take,
//! with a mail to them when one falls due. Amounts of commitments are whole
//! units of their currency, as the report gives them.

use std::collections::BTreeMap;
use std::time::Duration;

use askama::Template;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::model::{CommitmentStatus, Currency};
use super::store::{self, NetworkRef};
use crate::accounts::{Right, Rights};
use crate::platform::auth::{MaybeUser, RequireUser};
use crate::platform::clock::{now_rfc3339, parse_day, today};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Mailer, OutgoingMail};
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

#[derive(Clone, Debug)]
pub struct FollowUp {
    pub id: i64,
    pub action: String,
    pub owner: String,
    pub due_on: String,
    pub reminded: bool,
}

/// A partner's commitment, as profiles, network pages and the API show it.
#[derive(Clone, Debug)]
pub struct CommitmentSummary {
    pub id: i64,
    pub slug: String,
    pub organization_slug: String,
    pub organization: LocalizedText,
    pub person: Option<LocalizedText>,
    pub summary: LocalizedText,
    /// Whole units of `currency`.
    pub amount: Option<i64>,
    pub currency: Option<String>,
    pub status: CommitmentStatus,
    pub pledged_on: Option<String>,
    pub network_slug: Option<String>,
    pub follow_ups: Vec<FollowUp>,
}

const SELECT: &str = "SELECT c.id AS id, c.slug AS slug, o.slug AS org_slug, o.name AS org_name, pe.name AS person, \
     c.summary AS summary, c.amount AS amount, c.currency AS currency, c.status AS status, c.pledged_on AS pledged_on, \
     n.slug AS network_slug FROM commitments c JOIN organizations o ON o.id = c.organization_id \
     LEFT JOIN persons pe ON pe.id = c.person_id LEFT JOIN networks n ON n.id = c.network_id";

fn summary(row: &AnyRow) -> sqlx::Result<CommitmentSummary> {
    Ok(CommitmentSummary {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        organization_slug: row.try_get("org_slug")?,
        organization: LocalizedText::from_json(&row.try_get::<String, _>("org_name")?),
        person: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("person")?.as_deref()),
        summary: LocalizedText::from_json(&row.try_get::<String, _>("summary")?),
        amount: row.try_get("amount")?,
        currency: row.try_get("currency")?,
        status: CommitmentStatus::parse(&row.try_get::<String, _>("status")?).unwrap_or(CommitmentStatus::Proposed),
        pledged_on: row.try_get("pledged_on")?,
        network_slug: row.try_get("network_slug")?,
        follow_ups: Vec::new(),
    })
}

async fn with_follow_ups(db: &Db, mut commitments: Vec<CommitmentSummary>) -> sqlx::Result<Vec<CommitmentSummary>> {
    if commitments.is_empty() {
        return Ok(commitments);
    }
    let ids: Vec<String> = commitments.iter().map(|c| c.id.to_string()).collect();
    let mut follow_ups: BTreeMap<i64, Vec<FollowUp>> = BTreeMap::new();
    // The ids are integers read from the database, so they are safe in the statement.
    for row in sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT id, commitment_id, action, owner, due_on, reminded_at FROM commitment_follow_ups \
         WHERE commitment_id IN ({}) ORDER BY due_on, id",
        ids.join(", ")
    )))
    .fetch_all(&db.pool)
    .await?
    {
        follow_ups.entry(row.try_get("commitment_id")?).or_default().push(FollowUp {
            id: row.try_get("id")?,
            action: row.try_get("action")?,
            owner: row.try_get("owner")?,
            due_on: row.try_get("due_on")?,
            reminded: row.try_get::<Option<String>, _>("reminded_at")?.is_some(),
        });
    }
    for commitment in &mut commitments {
        commitment.follow_ups = follow_ups.remove(&commitment.id).unwrap_or_default();
    }
    Ok(commitments)
}

/// The commitments an organisation made, for its profile.
pub async fn commitments_of(db: &Db, organization_id: i64) -> sqlx::Result<Vec<CommitmentSummary>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.organization_id = $1 ORDER BY c.id")))
        .bind(organization_id)
        .fetch_all(&db.pool)
        .await?;
    with_follow_ups(db, rows.iter().map(summary).collect::<sqlx::Result<_>>()?).await
}

/// The commitments a network follows up.
pub async fn commitments_of_network(db: &Db, network_id: i64) -> sqlx::Result<Vec<CommitmentSummary>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.network_id = $1 ORDER BY c.id")))
        .bind(network_id)
        .fetch_all(&db.pool)
        .await?;
    with_follow_ups(db, rows.iter().map(summary).collect::<sqlx::Result<_>>()?).await
}

/// A new commitment as the coordinator's form gives it.
pub struct CommitmentDraft {
    pub organization_id: i64,
    pub summary: LocalizedText,
    pub amount: Option<i64>,
    pub currency: Option<Currency>,
    pub pledged_on: Option<time::Date>,
    pub status: CommitmentStatus,
}

fn read_status(data: &FormData, form: &mut FormState, lang: Lang) -> Option<CommitmentStatus> {
    let status = CommitmentStatus::parse(&data.get("status"));
    if status.is_none() {
        form.fail("status", lang.t("plans-choose"));
    }
    status
}

pub async fn read_commitment(
    db: &Db,
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
) -> sqlx::Result<Option<CommitmentDraft>> {
    let slug = data.get("organization");
    let organization_id = match Slug::parse(&slug) {
        Some(slug) => crate::directory::load(db, &slug).await?.map(|(id, _, _)| id),
        None => None,
    };
    if organization_id.is_none() {
        form.fail(
            "organization",
            lang.t_with("plans-organization-unknown", &[("slug", slug.chars().take(80).collect::<String>().into())]),
        );
    }
    let summary = data.localized("summary", 2000, form, lang);
    if summary.is_empty() {
        form.fail(&format!("summary_{}", lang.code()), lang.t("plans-required"));
    }
    let currency_text = data.get("currency");
    let currency = Some(&currency_text).filter(|c| !c.is_empty()).map(|c| Currency::parse(c));
    if currency == Some(None) {
        form.fail("currency", lang.t("plans-currency-invalid"));
    }
    let amount_text = data.get("amount").replace([' ', '\u{a0}', '\u{202f}'], "");
    let amount = Some(&amount_text)
        .filter(|a| !a.is_empty())
        .map(|a| a.parse::<i64>().ok().filter(|n| (0..1_000_000_000_000_000).contains(n)));
    match (amount, currency) {
        (Some(None), _) => form.fail("amount", lang.t("plans-whole-amount-invalid")),
        (Some(Some(_)), None) => form.fail("currency", lang.t("plans-currency-required")),
        _ => {}
    }
    let pledged_text = data.get("pledged_on");
    let pledged_on = Some(&pledged_text).filter(|d| !d.is_empty()).map(|d| parse_day(d));
    if pledged_on == Some(None) {
        form.fail("pledged_on", lang.t("plans-day-invalid"));
    }
    let status = read_status(data, form, lang);
    let (Some(organization_id), Some(status), true) = (organization_id, status, form.is_valid()) else {
        return Ok(None);
    };
    Ok(Some(CommitmentDraft {
        organization_id,
        summary,
        amount: amount.flatten(),
        currency: currency.flatten(),
        pledged_on: pledged_on.flatten(),
        status,
    }))
}

/// A follow-up action as its form gives it: what, who, by when.
pub struct FollowUpDraft {
    pub action: String,
    pub owner: String,
    pub due_on: time::Date,
}

pub fn read_follow_up(data: &FormData, form: &mut FormState, lang: Lang) -> Option<FollowUpDraft> {
    let mut text = |field: &str, max: usize| {
        let value = data.get(field);
        if value.is_empty() {
            form.fail(field, lang.t("plans-required"));
        } else if value.chars().count() > max {
            form.fail(field, lang.t_count("form-too-long", max as i64));
        }
        value
    };
    let (action, owner) = (text("action", 1000), text("owner", 300));
    let due_on = parse_day(&data.get("due_on"));
    if due_on.is_none() {
        form.fail("due_on", lang.t("plans-day-invalid"));
    }
    form.is_valid().then(|| FollowUpDraft { action, owner, due_on: due_on.unwrap_or_else(today) })
}

/// Records a commitment to a network, and puts it into the history.
pub async fn create_commitment(db: &Db, network_id: i64, draft: &CommitmentDraft, author: i64) -> sqlx::Result<i64> {
    let slug = format!("commitment-{network_id}-{}", time::OffsetDateTime::now_utc().unix_timestamp_nanos());
    let id = sqlx::query_scalar(
        "INSERT INTO commitments (slug, organization_id, summary, amount, currency, network_id, status, pledged_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(slug)
    .bind(draft.organization_id)
    .bind(draft.summary.to_json())
    .bind(draft.amount)
    .bind(draft.currency.map(|c| c.code().to_string()))
    .bind(network_id)
    .bind(draft.status.code())
    .bind(draft.pledged_on.map(|d| d.to_string()))
    .fetch_one(&db.pool)
    .await?;
    let after = serde_json::json!({
        "summary": draft.summary.by_code(), "amount": draft.amount, "currency": draft.currency.map(|c| c.code().to_string()),
        "pledged_on": draft.pledged_on.map(|d| d.to_string()), "status": draft.status.code(),
    });
    crate::platform::audit::record(db, Some(author), "commitment.create", "commitment", Some(id), None, Some(&after))
        .await?;
    Ok(id)
}

pub async fn set_status(db: &Db, network_id: i64, id: i64, status: CommitmentStatus) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE commitments SET status = $1 WHERE id = $2 AND network_id = $3")
        .bind(status.code())
        .bind(id)
        .bind(network_id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn add_follow_up(db: &Db, commitment_id: i64, draft: &FollowUpDraft) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO commitment_follow_ups (commitment_id, action, owner, due_on, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(commitment_id)
    .bind(&draft.action)
    .bind(&draft.owner)
    .bind(draft.due_on.to_string())
    .bind(now_rfc3339())
    .fetch_one(&db.pool)
    .await
}

#[derive(Template)]
#[template(path = "plans/commitments.html")]
struct CommitmentsPage {
    chrome: Chrome,
    network: NetworkRef,
    commitments: Vec<CommitmentSummary>,
    coordinator: bool,
    form: FormState,
    /// The commitment whose follow-up form failed, and its state.
    follow_up: Option<(i64, FormState)>,
    statuses: Vec<Choice>,
    today: String,
}

impl CommitmentsPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }

    fn follow_up_form(&self, id: &i64) -> FormState {
        self.follow_up.as_ref().filter(|(failed, _)| failed == id).map(|(_, form)| form.clone()).unwrap_or_default()
    }
}

async fn commitments_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    network: NetworkRef,
    coordinator: bool,
    form: FormState,
    follow_up: Option<(i64, FormState)>,
) -> Result<Html<String>, AppError> {
    let title = lang.t_with("plans-commitments-title", &[("network", network.name.get(lang).to_string().into())]);
    let statuses = CommitmentStatus::ALL
        .iter()
        .map(|s| Choice { value: s.code().into(), label: lang.t(&s.label_key()) })
        .collect();
    let mut form = form;
    form.values.entry("status".into()).or_insert_with(|| CommitmentStatus::Proposed.code().into());
    render(&CommitmentsPage {
        chrome: Chrome::new(lang, title, uri),
        commitments: commitments_of_network(db, network.id).await?,
        network,
        coordinator,
        form,
        follow_up,
        statuses,
        today: today().to_string(),
    })
}

async fn coordinates(db: &Db, user: &Option<crate::platform::auth::SignedIn>, network_id: i64) -> sqlx::Result<bool> {
    match user {
        Some(user) => Rights::of(db, user).may(Right::CoordinateNetwork(network_id)).await,
        None => Ok(false),
    }
}

/// A network's commitments and their follow-ups; its coordinators record them.
pub async fn list(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let network = store::network(&db, &slug).await.found()?;
    let coordinator = coordinates(&db, &user, network.id).await?;
    commitments_page(&db, lang, &uri, network, coordinator, FormState::default(), None).await
}

pub async fn create(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let network = store::network(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::CoordinateNetwork(network.id)).await?;
    let mut form = FormState::from(&data);
    let Some(draft) = read_commitment(&db, &data, &mut form, lang).await? else {
        let page = commitments_page(&db, lang, &uri, network, true, form, None).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    let id = create_commitment(&db, network.id, &draft, user.user_id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/commitments#commitment-{id}")).into_response())
}

/// The `{slug}` and `{id}` of a commitment's address.
pub struct CommitmentPath(pub Slug, pub i64);

impl<S: Send + Sync> FromRequestParts<S> for CommitmentPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<CommitmentPath, AppError> {
        let Path((slug, id)) =
            Path::<(String, String)>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        Ok(CommitmentPath(Slug::parse(&slug).ok_or(AppError::NotFound)?, id.parse().map_err(|_| AppError::NotFound)?))
    }
}

pub async fn change_status(
    State(db): State<Db>,
    lang: Lang,
    RequireUser(user): RequireUser,
    CommitmentPath(slug, id): CommitmentPath,
    data: FormData,
) -> Result<Response, AppError> {
    let network = store::network(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::CoordinateNetwork(network.id)).await?;
    let mut form = FormState::default();
    let status = read_status(&data, &mut form, lang).ok_or_else(|| form.api_error(&[]))?;
    if !set_status(&db, network.id, id, status).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/networks/{slug}/commitments#commitment-{id}")).into_response())
}

pub async fn follow_up(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    CommitmentPath(slug, id): CommitmentPath,
    data: FormData,
) -> Result<Response, AppError> {
    let network = store::network(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::CoordinateNetwork(network.id)).await?;
    if !commitments_of_network(&db, network.id).await?.iter().any(|c| c.id == id) {
        return Err(AppError::NotFound);
    }
    let mut form = FormState::from(&data);
    let Some(draft) = read_follow_up(&data, &mut form, lang) else {
        let page = commitments_page(&db, lang, &uri, network, true, FormState::default(), Some((id, form))).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    add_follow_up(&db, id, &draft).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/commitments#commitment-{id}")).into_response())
}

/// What the follow-up reminders need: their own handles, never the web state.
pub struct Reminders {
    pub db: Db,
    pub mailer: Mailer,
    pub public_url: String,
}

const EVERY: Duration = Duration::from_secs(3600);

/// Reminds now, then every hour, until the process ends.
pub fn remind_periodically(reminders: Reminders) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(EVERY);
        loop {
            ticker.tick().await;
            match remind(&reminders).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "commitment follow-up reminders sent"),
                Err(error) => tracing::warn!(error = format!("{error:#}"), "commitment follow-up reminders failed"),
            }
        }
    });
}

/// Mails the coordinators of each follow-up that is due (today or before) and not yet reminded of, once: the
/// follow-up is claimed before the mail goes, and released again if no mail could go.
pub async fn remind(reminders: &Reminders) -> anyhow::Result<usize> {
    let due = sqlx::query(
        "SELECT f.id AS id, f.action AS action, f.owner AS owner, f.due_on AS due_on, c.id AS commitment_id, \
         c.summary AS summary, c.network_id AS network_id, c.organization_id AS organization_id, c.status AS status, \
         n.slug AS network_slug FROM commitment_follow_ups f JOIN commitments c ON c.id = f.commitment_id \
         LEFT JOIN networks n ON n.id = c.network_id WHERE f.reminded_at IS NULL AND f.due_on <= $1",
    )
    .bind(today().to_string())
    .fetch_all(&reminders.db.pool)
    .await?;
    let mut sent = 0;
    for row in due {
        let status =
            CommitmentStatus::parse(&row.try_get::<String, _>("status")?).unwrap_or(CommitmentStatus::Proposed);
        if !status.is_open() {
            continue;
        }
        let id: i64 = row.try_get("id")?;
        let claimed =
            sqlx::query("UPDATE commitment_follow_ups SET reminded_at = $1 WHERE id = $2 AND reminded_at IS NULL")
                .bind(now_rfc3339())
                .bind(id)
                .execute(&reminders.db.pool)
                .await?;
        if claimed.rows_affected() == 0 {
            continue;
        }
        let recipients = crate::accounts::coordinator_recipients(
            &reminders.db,
            row.try_get("network_id")?,
            row.try_get("organization_id")?,
        )
        .await?;
        let summary = LocalizedText::from_json(&row.try_get::<String, _>("summary")?);
        let link = match row.try_get::<Option<String>, _>("network_slug")? {
            Some(slug) => format!(
                "{}/networks/{slug}/commitments#commitment-{}",
                reminders.public_url,
                row.try_get::<i64, _>("commitment_id")?
            ),
            None => reminders.public_url.clone(),
        };
        let action: String = row.try_get("action")?;
        let (owner, due): (String, String) = (row.try_get("owner")?, row.try_get("due_on")?);
        let mut delivered = false;
        let anyone = !recipients.is_empty();
        for recipient in recipients {
            let lang = recipient.lang;
            let subject = lang.t_with(
                "plans-mail-follow-up-subject",
                &[("action", action.chars().take(80).collect::<String>().into())],
            );
            let text = lang.t_with(
                "plans-mail-follow-up-text",
                &[
                    ("action", action.clone().into()),
                    ("owner", owner.clone().into()),
                    ("due", due.clone().into()),
                    ("commitment", summary.get(lang).to_string().into()),
                    ("link", format!("{link}?lang={}", lang.code()).into()),
                ],
            );
            match reminders.mailer.send(&OutgoingMail::new(recipient.email, subject, text)).await {
                Ok(()) => {
                    delivered = true;
                    sent += 1;
                }
                Err(error) => tracing::warn!(error = %error, "a follow-up reminder could not be sent"),
            }
        }
        if !delivered && anyone {
            sqlx::query("UPDATE commitment_follow_ups SET reminded_at = NULL WHERE id = $1")
                .bind(id)
                .execute(&reminders.db.pool)
                .await?;
        }
    }
    Ok(sent)
}
