//! Subscribing (double opt-in, with the consent recorded as it was given),
//! unsubscribing in one click, and managing every subscription of an address
//! from a signed link, without an account.

use std::time::Duration;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use sqlx::Row;

use super::links::Links;
use super::{EditorialRights, NetworkRef, ThemeChoice, archive, country_choices, network_themes};
use crate::accounts::{Right, Rights};
use crate::platform::auth::{MaybeUser, SignedIn, new_secret, now_secs, rate_limit, secret_hash};
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Email, Mailer, OutgoingMail};
use crate::platform::values::CountryCode;
use crate::platform::web::{AppError, Chrome, ClientIp, Found, Problem, SlugPath, message_page, render};

/// A confirmation link works this long.
const CONFIRMATION_VALID: Duration = Duration::from_secs(7 * 24 * 3600);
/// While a confirmation this recent is pending, asking again sends nothing:
/// one pending confirmation per address and list.
const CONFIRMATION_PENDING: Duration = Duration::from_secs(24 * 3600);

/// The countries of a network's members, for the subscriber to pick theirs.
async fn network_countries(db: &Db, network_id: i64, lang: Lang) -> sqlx::Result<Vec<Choice>> {
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT o.country FROM organizations o JOIN network_members m ON m.organization_id = o.id \
         WHERE m.network_id = $1 AND o.country IS NOT NULL",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(country_choices(&codes, lang))
}

/// The sentence a subscriber agrees to, stored with their consent as shown.
fn consent_wording(network: &NetworkRef, lang: Lang) -> String {
    lang.t_with("newsletter-consent", &[("network", network.name.get(lang).to_string().into())])
}

#[derive(Template)]
#[template(path = "newsletter/network.html")]
struct NewsletterPage {
    chrome: Chrome,
    slug: String,
    network_name: String,
    consent: String,
    form: FormState,
    chosen_themes: Vec<i64>,
    languages: Vec<Choice>,
    countries: Vec<Choice>,
    themes: Vec<ThemeChoice>,
    issues: Vec<archive::IssueLink>,
    may_write: bool,
}

async fn newsletter_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    network: &NetworkRef,
    user: Option<&SignedIn>,
    form: FormState,
    chosen_themes: Vec<i64>,
) -> Result<NewsletterPage, AppError> {
    let name = network.name.get(lang).to_string();
    let may_write = match user {
        Some(user) => EditorialRights::of(db, user, network.id).await?.any(),
        None => false,
    };
    let mut countries = vec![Choice { value: String::new(), label: lang.t("newsletter-country-any") }];
    countries.extend(network_countries(db, network.id, lang).await?);
    Ok(NewsletterPage {
        chrome: Chrome::new(lang, lang.t_with("newsletter-title", &[("network", name.clone().into())]), uri),
        slug: network.slug.to_string(),
        consent: consent_wording(network, lang),
        network_name: name,
        form,
        chosen_themes,
        languages: Choice::languages(),
        countries,
        themes: network_themes(db, network.id, lang).await?,
        issues: archive::issues(db, network, lang).await?,
        may_write,
    })
}

/// The newsletter's public page: the subscription form and the archive.
pub async fn page(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let network = super::network(&db, &slug).await.found()?;
    let mut form = FormState::default();
    form.values.insert("lang".into(), lang.code().into());
    render(&newsletter_page(&db, lang, &uri, &network, user.as_ref(), form, Vec::new()).await?)
}

/// A subscription request, parsed.
struct Request {
    email: Email,
    lang: Lang,
    country: Option<CountryCode>,
    themes: Vec<i64>,
}

fn parse_request(data: &FormData, themes: &[ThemeChoice], form: &mut FormState, lang: Lang) -> Option<Request> {
    // One spelling per mailbox: addresses differing only in case would
    // otherwise each get their own limit and their own confirmation.
    let email = Email::parse(&data.get("email").to_lowercase());
    if email.is_none() {
        form.fail("email", lang.t("form-email-invalid"));
    }
    let chosen_lang = Lang::parse(&data.get("lang"));
    if chosen_lang.is_none() {
        form.fail("lang", lang.t("newsletter-lang-invalid"));
    }
    let audience = parse_audience(data, themes, form, lang);
    if data.get("consent") != "yes" {
        form.fail("consent", lang.t("newsletter-consent-required"));
    }
    let (country, themes) = audience?;
    Some(Request { email: email?, lang: chosen_lang?, country, themes })
}

/// The part of the audience a subscriber chooses: their country (none for any) and the network's themes they follow.
fn parse_audience(
    data: &FormData,
    themes: &[ThemeChoice],
    form: &mut FormState,
    lang: Lang,
) -> Option<(Option<CountryCode>, Vec<i64>)> {
    let country = match data.get("country").as_str() {
        "" => Some(None),
        code => CountryCode::parse(code).map(Some),
    };
    if country.is_none() {
        form.fail("country", lang.t("edit-country-invalid"));
    }
    let mut chosen_themes = Vec::new();
    for (name, _) in data.0.iter().filter(|(name, _)| name.starts_with("theme_")) {
        match name["theme_".len()..].parse::<i64>() {
            Ok(id) if themes.iter().any(|theme| theme.id == id) => chosen_themes.push(id),
            _ => form.fail("themes", lang.t("newsletter-theme-invalid")),
        }
    }
    Some((country?, chosen_themes))
}

/// Replaces a subscription's country and themes.
async fn set_audience(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    subscription_id: i64,
    country: Option<&CountryCode>,
    themes: &[i64],
) -> sqlx::Result<()> {
    sqlx::query("UPDATE newsletter_subscriptions SET country = $1 WHERE id = $2")
        .bind(country.map(|code| code.to_string()))
        .bind(subscription_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM newsletter_subscription_themes WHERE subscription_id = $1")
        .bind(subscription_id)
        .execute(&mut **tx)
        .await?;
    for theme in themes {
        sqlx::query("INSERT INTO newsletter_subscription_themes (subscription_id, theme_id) VALUES ($1, $2)")
            .bind(subscription_id)
            .bind(theme)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// What became of a request to subscribe.
enum Outcome {
    /// A confirmation link is to be mailed.
    Confirm(String),
    /// Nothing to send: already subscribed, or a confirmation is pending.
    Nothing,
}

/// Records the request (and the consent as worded) and says whether to mail a
/// confirmation; one transaction, so two quick requests cannot both mail.
async fn request_subscription(
    db: &Db,
    network: &NetworkRef,
    request: &Request,
    source: &str,
    wording: &str,
    form_lang: Lang,
) -> anyhow::Result<Outcome> {
    let mut tx = db.begin().await?;
    sqlx::query("INSERT INTO newsletter_addresses (email) VALUES ($1) ON CONFLICT (email) DO NOTHING")
        .bind(request.email.as_str())
        .execute(&mut *tx)
        .await?;
    let existing = sqlx::query(
        "SELECT id, status, confirm_sent_at FROM newsletter_subscriptions \
         WHERE network_id = $1 AND lower(email) = $2",
    )
    .bind(network.id)
    .bind(request.email.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let now = now_secs();
    if let Some(row) = &existing {
        let status: String = row.try_get("status")?;
        let sent_at: Option<i64> = row.try_get("confirm_sent_at")?;
        let pending = status == "pending" && sent_at.is_some_and(|at| now - at < CONFIRMATION_PENDING.as_secs() as i64);
        if status == "active" || pending {
            tx.commit().await?;
            return Ok(Outcome::Nothing);
        }
    }
    let secret = new_secret();
    let id: i64 = match existing {
        Some(row) => {
            let id: i64 = row.try_get("id")?;
            sqlx::query(
                "UPDATE newsletter_subscriptions SET status = 'pending', lang = $1, \
                 confirm_token_hash = $2, confirm_sent_at = $3, unsubscribed_at = NULL WHERE id = $4",
            )
            .bind(request.lang.code())
            .bind(secret_hash(&secret))
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO newsletter_subscriptions \
                 (network_id, email, lang, status, confirm_token_hash, confirm_sent_at, created_at) \
                 VALUES ($1, $2, $3, 'pending', $4, $5, $6) RETURNING id",
            )
            .bind(network.id)
            .bind(request.email.as_str())
            .bind(request.lang.code())
            .bind(secret_hash(&secret))
            .bind(now)
            .bind(now_rfc3339())
            .fetch_one(&mut *tx)
            .await?
        }
    };
    set_audience(&mut tx, id, request.country.as_ref(), &request.themes).await?;
    record_consent(&mut tx, id, "requested", source, form_lang, wording).await?;
    tx.commit().await?;
    Ok(Outcome::Confirm(secret))
}

async fn record_consent(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    subscription_id: i64,
    event: &str,
    source: &str,
    lang: Lang,
    wording: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO newsletter_consents (subscription_id, event, at, source, lang, wording) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(subscription_id)
    .bind(event)
    .bind(now_rfc3339())
    .bind(source)
    .bind(lang.code())
    .bind(wording)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Where a subscription form was posted from, as recorded with the consent.
fn source_of(data: &FormData) -> &'static str {
    match data.get("source").as_str() {
        "organization-editor" => "organization-editor",
        _ => "network-page",
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn subscribe(
    State(db): State<Db>,
    State(mailer): State<Mailer>,
    State(links): State<Links>,
    lang: Lang,
    uri: Uri,
    ClientIp(ip): ClientIp,
    MaybeUser(user): MaybeUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let network = super::network(&db, &slug).await.found()?;
    let themes = network_themes(&db, network.id, lang).await?;
    let mut form = FormState::from(&data);
    let request = parse_request(&data, &themes, &mut form, lang);
    let Some(request) = request.filter(|_| form.is_valid()) else {
        let chosen: Vec<i64> =
            themes.iter().map(|t| t.id).filter(|id| data.0.contains_key(&format!("theme_{id}"))).collect();
        let page = newsletter_page(&db, lang, &uri, &network, user.as_ref(), form, chosen).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let hour = Duration::from_secs(3600);
    let allowed = rate_limit(&db, &format!("newsletter-subscribe-ip:{ip}"), hour, 20).await?
        && rate_limit(&db, &format!("newsletter-subscribe:{}", request.email), hour * 24, 5).await?;
    if !allowed {
        return Err(AppError::TooManyAttempts);
    }
    let wording = consent_wording(&network, lang);
    let outcome = request_subscription(&db, &network, &request, source_of(&data), &wording, lang).await?;
    if let Outcome::Confirm(secret) = outcome {
        let mail_lang = request.lang;
        let link = links.confirm(&secret, mail_lang);
        let network_name = network.name.get(mail_lang).to_string();
        let mail = OutgoingMail::new(
            request.email.clone(),
            mail_lang.t_with("newsletter-confirm-subject", &[("network", network_name.clone().into())]),
            mail_lang.t_with("newsletter-confirm-body", &[("network", network_name.into()), ("link", link.into())]),
        );
        if let Err(error) = mailer.send(&mail).await {
            tracing::warn!(error = %error, "newsletter confirmation not sent");
        }
    }
    // The same answer whatever happened, so the form reveals no one's subscriptions.
    let message = lang.t_with("newsletter-check-inbox", &[("email", request.email.to_string().into())]);
    Ok(message_page(lang, &uri, "newsletter-subscribe-title", message)?.into_response())
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

#[derive(Template)]
#[template(path = "newsletter/confirm.html")]
struct ConfirmPage {
    chrome: Chrome,
    token: String,
    /// Once confirmed: the link to manage the address's subscriptions.
    manage: Option<String>,
}

/// The link in the confirmation mail opens a page with a button, so that a
/// mail scanner following links confirms nothing.
pub async fn confirm_form(lang: Lang, uri: Uri, Query(query): Query<TokenQuery>) -> Result<Html<String>, AppError> {
    let token = query.token.unwrap_or_default();
    render(&ConfirmPage { chrome: Chrome::new(lang, lang.t("newsletter-confirm-title"), &uri), token, manage: None })
}

pub async fn confirm(
    State(db): State<Db>,
    State(links): State<Links>,
    lang: Lang,
    uri: Uri,
    data: FormData,
) -> Result<Response, AppError> {
    let hash = secret_hash(&data.get("token"));
    let valid_since = now_secs() - CONFIRMATION_VALID.as_secs() as i64;
    let mut tx = db.begin().await?;
    let confirmed: Option<i64> = sqlx::query_scalar(
        "UPDATE newsletter_subscriptions SET status = 'active', confirmed_at = $1, confirm_token_hash = NULL \
         WHERE confirm_token_hash = $2 AND status = 'pending' AND confirm_sent_at >= $3 RETURNING id",
    )
    .bind(now_rfc3339())
    .bind(&hash)
    .bind(valid_since)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = confirmed else {
        let page = message_page(lang, &uri, "newsletter-confirm-title", lang.t("token-invalid"))?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    record_consent(&mut tx, id, "confirmed", "confirmation-link", lang, &lang.t("newsletter-confirm-button")).await?;
    tx.commit().await?;
    let page = ConfirmPage {
        chrome: Chrome::new(lang, lang.t("newsletter-confirmed-title"), &uri),
        token: String::new(),
        manage: Some(links.manage(id)),
    };
    Ok(render(&page)?.into_response())
}

/// Ends a subscription. Queued messages of it are skipped in the same
/// transaction, so nothing reaches the subscriber after this moment.
async fn unsubscribe_now(db: &Db, subscription_id: i64, source: &str, lang: Lang) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    let changed = sqlx::query(
        "UPDATE newsletter_subscriptions SET status = 'unsubscribed', unsubscribed_at = $1, confirm_token_hash = NULL \
         WHERE id = $2 AND status <> 'unsubscribed'",
    )
    .bind(now_rfc3339())
    .bind(subscription_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query(
        "UPDATE newsletter_deliveries SET status = 'skipped', error = 'unsubscribed' \
         WHERE subscription_id = $1 AND status = 'queued'",
    )
    .bind(subscription_id)
    .execute(&mut *tx)
    .await?;
    if changed > 0 {
        record_consent(&mut tx, subscription_id, "unsubscribed", source, lang, "").await?;
    }
    tx.commit().await?;
    Ok(changed > 0)
}

#[derive(Template)]
#[template(path = "newsletter/unsubscribe.html")]
struct UnsubscribePage {
    chrome: Chrome,
    token: String,
    network_name: String,
    email: String,
    manage: String,
    done: bool,
}

async fn subscription_by_token(
    db: &Db,
    links: &Links,
    token: &str,
) -> sqlx::Result<Option<(i64, String, LocalizedText)>> {
    let Some(id) = links.unsubscribed(token) else {
        return Ok(None);
    };
    let row = sqlx::query(
        "SELECT s.email AS email, n.name AS name FROM newsletter_subscriptions s \
         JOIN networks n ON n.id = s.network_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| Ok((id, row.try_get("email")?, LocalizedText::from_json(&row.try_get::<String, _>("name")?))))
        .transpose()
}

async fn unsubscribe_page(
    db: &Db,
    links: &Links,
    lang: Lang,
    uri: &Uri,
    token: String,
    done: bool,
) -> Result<Response, AppError> {
    let (id, email, network_name) = subscription_by_token(db, links, &token).await.found()?;
    let page = UnsubscribePage {
        chrome: Chrome::new(lang, lang.t("newsletter-unsubscribe-title"), uri),
        manage: links.manage(id),
        network_name: network_name.get(lang).to_string(),
        email,
        token,
        done,
    };
    Ok(render(&page)?.into_response())
}

pub async fn unsubscribe_form(
    State(db): State<Db>,
    State(links): State<Links>,
    lang: Lang,
    uri: Uri,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    unsubscribe_page(&db, &links, lang, &uri, token, false).await
}

/// The one-click unsubscription of RFC 8058 (a mail client posts
/// `List-Unsubscribe=One-Click`), and the button of the page above.
pub async fn unsubscribe(
    State(db): State<Db>,
    State(links): State<Links>,
    lang: Lang,
    uri: Uri,
    Path(token): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let (id, _, _) = subscription_by_token(&db, &links, &token).await.found()?;
    let source = if data.get("List-Unsubscribe") == "One-Click" { "one-click" } else { "unsubscribe-page" };
    unsubscribe_now(&db, id, source, lang).await?;
    unsubscribe_page(&db, &links, lang, &uri, token, true).await
}

pub struct ManagedSubscription {
    pub id: i64,
    pub network_slug: String,
    pub network_name: String,
    pub lang: String,
    pub status: String,
    /// The subscriber's country, empty for any.
    pub country: String,
    /// The countries to choose from: any, then those of the network's members.
    pub countries: Vec<Choice>,
    pub themes: Vec<ThemeChoice>,
    pub chosen_themes: Vec<i64>,
}

#[derive(Template)]
#[template(path = "newsletter/manage.html")]
struct ManagePage {
    chrome: Chrome,
    token: String,
    email: String,
    subscriptions: Vec<ManagedSubscription>,
    languages: Vec<Choice>,
    held: bool,
    saved: bool,
}

/// The address a manage link was made for: the one of the subscription it names.
async fn managed_address(db: &Db, links: &Links, token: &str) -> Result<String, AppError> {
    let id = links.managed(token).ok_or(AppError::NotFound)?;
    let email: Option<String> = sqlx::query_scalar("SELECT email FROM newsletter_subscriptions WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.pool)
        .await?;
    email.ok_or(AppError::NotFound)
}

async fn manage_page(
    db: &Db,
    links: &Links,
    lang: Lang,
    uri: &Uri,
    token: String,
    saved: bool,
) -> Result<Response, AppError> {
    let email = managed_address(db, links, &token).await?;
    let rows = sqlx::query(
        "SELECT s.id AS id, s.lang AS lang, s.status AS status, s.country AS country, s.network_id AS network_id, \
         n.slug AS slug, n.name AS name \
         FROM newsletter_subscriptions s JOIN networks n ON n.id = s.network_id \
         WHERE lower(s.email) = lower($1) ORDER BY n.slug",
    )
    .bind(&email)
    .fetch_all(&db.pool)
    .await?;
    let mut subscriptions = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: i64 = row.get("id");
        let network_id: i64 = row.get("network_id");
        let mut countries = vec![Choice { value: String::new(), label: lang.t("newsletter-country-any") }];
        countries.extend(network_countries(db, network_id, lang).await?);
        let chosen_themes: Vec<i64> =
            sqlx::query_scalar("SELECT theme_id FROM newsletter_subscription_themes WHERE subscription_id = $1")
                .bind(id)
                .fetch_all(&db.pool)
                .await?;
        subscriptions.push(ManagedSubscription {
            id,
            network_slug: row.get("slug"),
            network_name: LocalizedText::from_json(&row.get::<String, _>("name")).get(lang).to_string(),
            lang: row.get("lang"),
            status: row.get("status"),
            country: row.get::<Option<String>, _>("country").unwrap_or_default(),
            countries,
            themes: network_themes(db, network_id, lang).await?,
            chosen_themes,
        });
    }
    let held: Option<String> = sqlx::query_scalar("SELECT held_at FROM newsletter_addresses WHERE email = $1")
        .bind(&email)
        .fetch_optional(&db.pool)
        .await?
        .flatten();
    let page = ManagePage {
        chrome: Chrome::new(lang, lang.t("newsletter-manage-title"), uri),
        token,
        email,
        subscriptions,
        languages: Choice::languages(),
        held: held.is_some(),
        saved,
    };
    Ok(render(&page)?.into_response())
}

pub async fn manage_form(
    State(db): State<Db>,
    State(links): State<Links>,
    lang: Lang,
    uri: Uri,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    manage_page(&db, &links, lang, &uri, token, false).await
}

/// One change from the manage page: a subscription's language, its country and themes, leaving it,
/// or coming back (the signed link proves the address, so no new confirmation).
pub async fn manage(
    State(db): State<Db>,
    State(links): State<Links>,
    lang: Lang,
    uri: Uri,
    Path(token): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let email = managed_address(&db, &links, &token).await?;
    let id: i64 = data.get("subscription").parse().map_err(|_| AppError::bad("subscription", Problem::NotANumber))?;
    let owned: Option<i64> =
        sqlx::query_scalar("SELECT id FROM newsletter_subscriptions WHERE id = $1 AND lower(email) = lower($2)")
            .bind(id)
            .bind(&email)
            .fetch_optional(&db.pool)
            .await?;
    owned.ok_or(AppError::NotFound)?;
    match data.get("action").as_str() {
        "unsubscribe" => {
            unsubscribe_now(&db, id, "manage-page", lang).await?;
        }
        "resubscribe" => {
            let mut tx = db.begin().await?;
            let changed = sqlx::query(
                "UPDATE newsletter_subscriptions SET status = 'active', confirmed_at = $1, unsubscribed_at = NULL, \
                 confirm_token_hash = NULL WHERE id = $2 AND status <> 'active'",
            )
            .bind(now_rfc3339())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed > 0 {
                let wording = lang.t("newsletter-resubscribe");
                record_consent(&mut tx, id, "confirmed", "manage-page", lang, &wording).await?;
            }
            tx.commit().await?;
        }
        "audience" => {
            let network_id: i64 = sqlx::query_scalar("SELECT network_id FROM newsletter_subscriptions WHERE id = $1")
                .bind(id)
                .fetch_one(&db.pool)
                .await?;
            let themes = network_themes(&db, network_id, lang).await?;
            let mut form = FormState::from(&data);
            // Only a hand-made request can choose outside the lists the page offers, so a plain 400 will do.
            let audience = parse_audience(&data, &themes, &mut form, lang);
            let Some((country, chosen)) = audience.filter(|_| form.is_valid()) else {
                let field = if form.error("country").is_some() { "country" } else { "themes" };
                let message = form.error(field).unwrap_or_default().to_string();
                return Err(AppError::bad(field, Problem::Invalid(message)));
            };
            let mut tx = db.begin().await?;
            set_audience(&mut tx, id, country.as_ref(), &chosen).await?;
            tx.commit().await?;
        }
        "lang" => {
            let chosen = Lang::parse(&data.get("lang"))
                .ok_or_else(|| AppError::bad("lang", Problem::Unknown(data.get("lang"))))?;
            sqlx::query("UPDATE newsletter_subscriptions SET lang = $1 WHERE id = $2")
                .bind(chosen.code())
                .bind(id)
                .execute(&db.pool)
                .await?;
        }
        other => {
            return Err(AppError::bad("action", Problem::Unknown(other.to_string())));
        }
    }
    manage_page(&db, &links, lang, &uri, token, true).await
}

pub struct OrganizationNetwork {
    pub slug: String,
    pub name: String,
    /// The organisation address's subscription to this network's newsletter, if any.
    pub status: Option<String>,
}

#[derive(Template)]
#[template(path = "newsletter/organization.html")]
struct OrganizationPage {
    chrome: Chrome,
    slug: String,
    name: String,
    email: String,
    lang_code: String,
    languages: Vec<Choice>,
    networks: Vec<OrganizationNetwork>,
}

/// From the organisation's editor: subscribe its contact address to the
/// newsletters of its networks (still confirmed from that mailbox).
pub async fn organization_page(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, _, record) = crate::directory::load(&db, &slug).await.found()?;
    rights.require(Right::EditOrganization(id)).await?;
    let email = record.email.clone().unwrap_or_else(|| rights.user().email.clone());
    let rows = sqlx::query(
        "SELECT n.slug AS slug, n.name AS name, s.status AS status FROM network_members m \
         JOIN networks n ON n.id = m.network_id \
         LEFT JOIN newsletter_subscriptions s ON s.network_id = n.id AND lower(s.email) = lower($2) \
         WHERE m.organization_id = $1 ORDER BY n.slug",
    )
    .bind(id)
    .bind(&email)
    .fetch_all(&db.pool)
    .await?;
    let networks = rows
        .iter()
        .map(|row| OrganizationNetwork {
            slug: row.get("slug"),
            name: LocalizedText::from_json(&row.get::<String, _>("name")).get(lang).to_string(),
            status: row.get("status"),
        })
        .collect();
    let name = record.name.get(lang).to_string();
    let page = OrganizationPage {
        chrome: Chrome::new(lang, lang.t_with("newsletter-organization-title", &[("name", name.clone().into())]), &uri),
        slug: slug.to_string(),
        name,
        email,
        lang_code: lang.code().to_string(),
        languages: Choice::languages(),
        networks,
    };
    render(&page)
}
