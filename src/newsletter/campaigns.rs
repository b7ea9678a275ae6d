//! Campaigns as their writers see them: composing per language, previewing,
//! test sends, choosing the audience and the time, and following a send
//! with pause, resume and cancel.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::Row;

use super::audience::{self, Audience};
use super::delivery::{CampaignTexts, in_lang, now_ms};
use super::layout::Layout;
use super::subscriptions::{ThemeChoice, country_choices, network_themes};
use super::{EditorialRights, NetworkRef};
use crate::platform::auth::{RequireUser, SignedIn, rate_limit};
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Email, OutgoingMail};
use crate::platform::values::{CountryCode, Slug};
use crate::platform::web::{AppError, Chrome, Found, Problem, SlugPath, render};
use crate::state::AppState;

/// The largest campaign form accepted: three versions of the longest text,
/// percent-encoded Cyrillic taking six bytes a letter.
pub const FORM_LIMIT: usize = 1024 * 1024;
const SUBJECT_MAX: usize = 200;
/// How campaigns are named in the audit log.
const CAMPAIGN: &str = "newsletter_campaign";
const BODY_MAX: usize = 20_000;
const TEST_ADDRESSES_MAX: usize = 5;
const RECIPIENTS_PER_PAGE: i64 = 100;

/// A campaign's life: written, perhaps scheduled, sending (or paused), and
/// at last sent or cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Scheduled,
    Sending,
    Paused,
    Sent,
    Cancelled,
}

impl Status {
    fn parse(code: &str) -> Status {
        match code {
            "scheduled" => Status::Scheduled,
            "sending" => Status::Sending,
            "paused" => Status::Paused,
            "sent" => Status::Sent,
            "cancelled" => Status::Cancelled,
            _ => Status::Draft,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Scheduled => "scheduled",
            Status::Sending => "sending",
            Status::Paused => "paused",
            Status::Sent => "sent",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn label(&self, lang: impl std::borrow::Borrow<Lang>) -> String {
        lang.borrow().t(&format!("campaign-status-{}", self.code()))
    }

    pub fn editable(&self) -> bool {
        matches!(self, Status::Draft | Status::Scheduled)
    }
}

pub struct Campaign {
    pub id: i64,
    pub network_id: i64,
    pub theme_id: Option<i64>,
    pub main_lang: Lang,
    pub subject: LocalizedText,
    pub body: LocalizedText,
    pub audience: Audience,
    pub status: Status,
    pub scheduled_at: Option<i64>,
    pub queued_at: Option<String>,
    pub finished_at: Option<String>,
}

async fn load(db: &Db, network_id: i64, id: i64) -> sqlx::Result<Option<Campaign>> {
    let row = sqlx::query(
        "SELECT id, network_id, theme_id, main_lang, subject, body, audience, status, scheduled_at, queued_at, \
         finished_at FROM newsletter_campaigns WHERE id = $1 AND network_id = $2",
    )
    .bind(id)
    .bind(network_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| {
        Ok(Campaign {
            id: row.try_get("id")?,
            network_id: row.try_get("network_id")?,
            theme_id: row.try_get("theme_id")?,
            main_lang: Lang::parse(&row.try_get::<String, _>("main_lang")?).unwrap_or_default(),
            subject: LocalizedText::from_json(&row.try_get::<String, _>("subject")?),
            body: LocalizedText::from_json(&row.try_get::<String, _>("body")?),
            audience: Audience::from_json(&row.try_get::<String, _>("audience")?),
            status: Status::parse(&row.try_get::<String, _>("status")?),
            scheduled_at: row.try_get("scheduled_at")?,
            queued_at: row.try_get("queued_at")?,
            finished_at: row.try_get("finished_at")?,
        })
    })
    .transpose()
}

/// Moves a campaign from one of `from` to sending and writes one delivery per
/// recipient, in one transaction: either both happen or neither. Returns how
/// many recipients were queued, or `None` when the campaign was not in `from`
/// (another instance, or another click, got there first).
pub async fn queue(db: &Db, campaign_id: i64, from: &[&str]) -> anyhow::Result<Option<u64>> {
    let mut tx = db.pool.begin().await?;
    let states = Db::placeholders(3, from.len());
    let sql = format!(
        "UPDATE newsletter_campaigns SET status = 'sending', queued_at = $1 WHERE id = $2 AND status IN ({states}) \
         RETURNING network_id, audience"
    );
    let mut claim = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(now_rfc3339()).bind(campaign_id);
    for state in from {
        claim = claim.bind(*state);
    }
    let Some(row) = claim.fetch_optional(&mut *tx).await? else {
        return Ok(None);
    };
    let network_id: i64 = row.try_get("network_id")?;
    let audience = Audience::from_json(&row.try_get::<String, _>("audience")?);
    let (select, mut params) = audience.select(network_id);
    let insert = format!(
        "INSERT INTO newsletter_deliveries (campaign_id, subscription_id, email, lang, status, next_attempt_at) \
         SELECT ${}, q.id, q.email, q.lang, 'queued', ${} FROM ({select}) q",
        params.len() + 1,
        params.len() + 2
    );
    params.push(audience::Param::Int(campaign_id));
    params.push(audience::Param::Int(now_ms()));
    let queued =
        audience::bind(sqlx::query(sqlx::AssertSqlSafe(insert)), params).execute(&mut *tx).await?.rows_affected();
    tx.commit().await?;
    Ok(Some(queued))
}

/// How many confirmed subscribers an audience reaches now.
async fn audience_size(db: &Db, network_id: i64, audience: &Audience) -> sqlx::Result<i64> {
    let (select, params) = audience.select(network_id);
    let sql = format!("SELECT COUNT(*) FROM ({select}) q");
    let row = audience::bind(sqlx::query(sqlx::AssertSqlSafe(sql)), params).fetch_one(&db.pool).await?;
    row.try_get(0)
}

/// The network and the writer's rights, or the reason they may not be here.
async fn writer(state: &AppState, user: &SignedIn, slug: &Slug) -> Result<(NetworkRef, EditorialRights), AppError> {
    let network = super::network(&state.db, slug).await.found()?;
    let rights = EditorialRights::of(&state.db, user, network.id).await?;
    if !rights.any() {
        return Err(AppError::Forbidden);
    }
    Ok((network, rights))
}

/// A campaign of the network that the writer may touch.
async fn writable_campaign(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
    id: &str,
) -> Result<(NetworkRef, EditorialRights, Campaign), AppError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (network, rights) = writer(state, user, &slug).await?;
    let campaign = load(&state.db, network.id, id).await.found()?;
    if !rights.may_write(campaign.theme_id) {
        return Err(AppError::Forbidden);
    }
    Ok((network, rights, campaign))
}

pub struct CampaignRow {
    pub id: i64,
    pub subject: String,
    pub status: Status,
    pub sent: i64,
    pub total: i64,
}

pub struct HeldAddress {
    pub email: String,
    pub bounces: i64,
    pub reason: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "newsletter/campaigns.html")]
struct CampaignsPage {
    chrome: Chrome,
    lang: Lang,
    slug: String,
    network_name: String,
    campaigns: Vec<CampaignRow>,
    subscribers: Vec<(String, i64)>,
    held: Vec<HeldAddress>,
    /// Set by coordinators only: the newsletter's default language.
    coordinator: bool,
    default_lang: String,
    languages: Vec<Choice>,
}

/// The writer's desk: campaigns, subscriber counts, and held addresses with why.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (network, rights) = writer(&state, &user, &slug).await?;
    let rows = sqlx::query(
        "SELECT c.id AS id, c.subject AS subject, c.main_lang AS main_lang, c.status AS status, c.theme_id AS theme_id, \
         (SELECT COUNT(*) FROM newsletter_deliveries d WHERE d.campaign_id = c.id AND d.status = 'sent') AS sent, \
         (SELECT COUNT(*) FROM newsletter_deliveries d WHERE d.campaign_id = c.id) AS total \
         FROM newsletter_campaigns c WHERE c.network_id = $1 ORDER BY c.id DESC",
    )
    .bind(network.id)
    .fetch_all(&state.db.pool)
    .await
    ?;
    let mut campaigns = Vec::new();
    for row in &rows {
        let theme: Option<i64> = row.get("theme_id");
        if !rights.may_write(theme) {
            continue;
        }
        let main = Lang::parse(&row.get::<String, _>("main_lang")).unwrap_or_default();
        campaigns.push(CampaignRow {
            id: row.get("id"),
            subject: in_lang(&LocalizedText::from_json(&row.get::<String, _>("subject")), lang, main).to_string(),
            status: Status::parse(&row.get::<String, _>("status")),
            sent: row.get("sent"),
            total: row.get("total"),
        });
    }
    let subscribers = sqlx::query(
        "SELECT status, COUNT(*) AS n FROM newsletter_subscriptions WHERE network_id = $1 GROUP BY status ORDER BY status",
    )
    .bind(network.id)
    .fetch_all(&state.db.pool)
    .await
    ?
    .iter()
    .map(|row| (lang.t(&format!("newsletter-status-{}", row.get::<String, _>("status"))), row.get::<i64, _>("n")))
    .collect();
    let held = sqlx::query(
        "SELECT a.email AS email, a.bounces AS bounces, a.last_bounce AS reason, a.held_at AS held_at \
         FROM newsletter_addresses a JOIN newsletter_subscriptions s ON s.email = a.email \
         WHERE s.network_id = $1 AND a.held_at IS NOT NULL ORDER BY a.held_at DESC",
    )
    .bind(network.id)
    .fetch_all(&state.db.pool)
    .await?
    .iter()
    .map(|row| HeldAddress {
        email: row.get("email"),
        bounces: row.get("bounces"),
        reason: row.get::<Option<String>, _>("reason").unwrap_or_default(),
        at: row.get::<String, _>("held_at").chars().take(16).collect(),
    })
    .collect();
    let name = network.name.get(lang).to_string();
    let page = CampaignsPage {
        chrome: Chrome::new(lang, lang.t_with("campaigns-title", &[("network", name.clone().into())]), &uri),
        lang,
        slug: slug.to_string(),
        network_name: name,
        campaigns,
        subscribers,
        held,
        coordinator: rights.coordinator,
        default_lang: super::default_lang(&state.db, network.id).await?.code().to_string(),
        languages: Choice::languages(),
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "newsletter/compose.html")]
struct ComposePage {
    chrome: Chrome,
    slug: String,
    network_name: String,
    action: String,
    form: FormState,
    sections: Vec<Choice>,
    languages: Vec<Choice>,
    versions: Vec<VersionFields>,
    countries: Vec<Choice>,
    themes: Vec<ThemeChoice>,
}

/// The form fields of one language's version of a campaign.
pub struct VersionFields {
    pub label: &'static str,
    pub subject: String,
    pub body: String,
}

async fn compose_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    network: &NetworkRef,
    rights: &EditorialRights,
    action: String,
    form: FormState,
) -> Result<ComposePage, AppError> {
    let themes = network_themes(&state.db, network.id, lang).await?;
    let mut sections = Vec::new();
    if rights.coordinator {
        sections.push(Choice { value: String::new(), label: lang.t("campaign-section-all") });
    }
    sections.extend(
        themes
            .iter()
            .filter(|t| rights.may_write(Some(t.id)))
            .map(|t| Choice { value: t.id.to_string(), label: t.name.clone() }),
    );
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT country FROM newsletter_subscriptions WHERE network_id = $1 AND country IS NOT NULL \
         UNION SELECT DISTINCT o.country FROM organizations o JOIN network_members m ON m.organization_id = o.id \
         WHERE m.network_id = $1 AND o.country IS NOT NULL",
    )
    .bind(network.id)
    .fetch_all(&state.db.pool)
    .await?;
    let countries = country_choices(&codes, lang);
    let name = network.name.get(lang).to_string();
    Ok(ComposePage {
        chrome: Chrome::new(lang, lang.t_with("campaign-compose-title", &[("network", name.clone().into())]), uri),
        slug: network.slug.to_string(),
        network_name: name,
        action,
        form,
        sections,
        languages: Choice::languages(),
        versions: Lang::ALL
            .iter()
            .map(|l| VersionFields {
                label: l.endonym(),
                subject: format!("subject_{}", l.code()),
                body: format!("body_{}", l.code()),
            })
            .collect(),
        countries,
        themes,
    })
}

/// A campaign's text and audience as the form gave them.
struct Draft {
    theme_id: Option<i64>,
    main_lang: Lang,
    subject: LocalizedText,
    body: LocalizedText,
    audience: Audience,
}

fn parse_draft(
    data: &FormData,
    rights: &EditorialRights,
    themes: &[ThemeChoice],
    form: &mut FormState,
    lang: Lang,
) -> Option<Draft> {
    let theme_id = match data.get("section").as_str() {
        "" => None,
        value => match value.parse::<i64>() {
            Ok(id) if themes.iter().any(|t| t.id == id) => Some(id),
            _ => {
                form.fail("section", lang.t("campaign-section-invalid"));
                None
            }
        },
    };
    if form.error("section").is_none() && !rights.may_write(theme_id) {
        form.fail("section", lang.t("campaign-section-forbidden"));
    }
    let main_lang = Lang::parse(&data.get("main_lang"));
    if main_lang.is_none() {
        form.fail("main_lang", lang.t("newsletter-lang-invalid"));
    }
    let subject = data.localized("subject", SUBJECT_MAX, form, lang);
    let body = data.localized("body", BODY_MAX, form, lang);
    if let Some(main) = main_lang {
        if !subject.0.contains_key(&main) {
            form.fail(&format!("subject_{}", main.code()), lang.t("campaign-main-missing"));
        }
        if !body.0.contains_key(&main) {
            form.fail(&format!("body_{}", main.code()), lang.t("campaign-main-missing"));
        }
    }
    let chosen = |prefix: &str| -> Vec<String> {
        data.0.keys().filter_map(|name| name.strip_prefix(prefix)).map(str::to_string).collect()
    };
    let countries = chosen("country_");
    let langs = chosen("lang_");
    let theme_ids: Vec<i64> = chosen("theme_").iter().filter_map(|id| id.parse().ok()).collect();
    let known: Vec<i64> = themes.iter().map(|t| t.id).collect();
    let mut audience = Audience::new(&countries, &langs, &theme_ids, &known);
    if audience.countries.len() != countries.len()
        || audience.langs.len() != langs.len()
        || audience.themes.len() != theme_ids.len()
    {
        form.fail("audience", lang.t("campaign-audience-invalid"));
    }
    // A theme's section goes to those who follow that theme.
    if let Some(theme) = theme_id {
        audience.themes = vec![theme];
    }
    Some(Draft { theme_id, main_lang: main_lang?, subject, body, audience })
}

/// The form's fields for a saved campaign.
fn draft_form(campaign: &Campaign) -> FormState {
    let mut form = FormState::default();
    let values = &mut form.values;
    values.insert("section".into(), campaign.theme_id.map(|t| t.to_string()).unwrap_or_default());
    values.insert("main_lang".into(), campaign.main_lang.code().into());
    for (lang, text) in &campaign.subject.0 {
        values.insert(format!("subject_{}", lang.code()), text.clone());
    }
    for (lang, text) in &campaign.body.0 {
        values.insert(format!("body_{}", lang.code()), text.clone());
    }
    for code in &campaign.audience.countries {
        values.insert(format!("country_{code}"), "yes".into());
    }
    for code in &campaign.audience.langs {
        values.insert(format!("lang_{code}"), "yes".into());
    }
    for theme in &campaign.audience.themes {
        values.insert(format!("theme_{theme}"), "yes".into());
    }
    form
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (network, rights) = writer(&state, &user, &slug).await?;
    let mut form = FormState::default();
    let default_lang = super::default_lang(&state.db, network.id).await?;
    form.values.insert("main_lang".into(), default_lang.code().into());
    if !rights.coordinator
        && let Some(theme) = rights.themes.first()
    {
        form.values.insert("section".into(), theme.to_string());
    }
    let action = format!("/networks/{slug}/newsletter/campaigns/new");
    render(&compose_page(&state, lang, &uri, &network, &rights, action, form).await?)
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, rights) = writer(&state, &user, &slug).await?;
    let themes = network_themes(&state.db, network.id, lang).await?;
    let mut form = FormState::from(&data);
    let draft = parse_draft(&data, &rights, &themes, &mut form, lang);
    let Some(draft) = draft.filter(|_| form.is_valid()) else {
        let action = format!("/networks/{slug}/newsletter/campaigns/new");
        let page = compose_page(&state, lang, &uri, &network, &rights, action, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO newsletter_campaigns (network_id, theme_id, main_lang, subject, body, audience, status, created_by, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8) RETURNING id",
    )
    .bind(network.id)
    .bind(draft.theme_id)
    .bind(draft.main_lang.code())
    .bind(draft.subject.to_json())
    .bind(draft.body.to_json())
    .bind(draft.audience.to_json())
    .bind(user.user_id)
    .bind(now_rfc3339())
    .fetch_one(&state.db.pool)
    .await
    ?;
    audit(&state, &user, "campaign.create", CAMPAIGN, id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/newsletter/campaigns/{id}")).into_response())
}

/// The network, when the person coordinates it (section writers may not
/// change the newsletter's settings or its held addresses).
async fn coordinator_of(state: &AppState, user: &SignedIn, slug: &Slug) -> Result<NetworkRef, AppError> {
    let (network, rights) = writer(state, user, slug).await?;
    if !rights.coordinator {
        return Err(AppError::Forbidden);
    }
    Ok(network)
}

/// A coordinator sets the newsletter's default language.
pub async fn settings(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Redirect, AppError> {
    let network = coordinator_of(&state, &user, &slug).await?;
    let chosen = Lang::parse(&data.get("default_lang"))
        .ok_or_else(|| AppError::bad("default_lang", Problem::Unknown(data.get("default_lang"))))?;
    sqlx::query(
        "INSERT INTO newsletter_settings (network_id, default_lang) VALUES ($1, $2) \
         ON CONFLICT (network_id) DO UPDATE SET default_lang = excluded.default_lang",
    )
    .bind(network.id)
    .bind(chosen.code())
    .execute(&state.db.pool)
    .await?;
    audit(&state, &user, "newsletter.settings", "network", network.id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/newsletter/campaigns")))
}

/// A coordinator lets a held address receive the newsletter again (its
/// mailbox works again): its count of failures starts afresh.
pub async fn release(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Redirect, AppError> {
    let network = coordinator_of(&state, &user, &slug).await?;
    // Only an address subscribed to this network is this coordinator's to release.
    let released = sqlx::query(
        "UPDATE newsletter_addresses SET held_at = NULL, bounces = 0 WHERE email = $1 AND held_at IS NOT NULL \
         AND EXISTS (SELECT 1 FROM newsletter_subscriptions s WHERE s.email = $1 AND s.network_id = $2)",
    )
    .bind(data.get("email"))
    .bind(network.id)
    .execute(&state.db.pool)
    .await?
    .rows_affected();
    if released == 0 {
        return Err(AppError::NotFound);
    }
    audit(&state, &user, "newsletter.release", "network", network.id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/newsletter/campaigns")))
}

/// Records a writer's action on a campaign or on the newsletter of a network.
async fn audit(state: &AppState, user: &SignedIn, action: &str, subject: &str, id: i64) -> sqlx::Result<()> {
    crate::platform::audit::record(&state.db, Some(user.user_id), action, subject, Some(id), None, None).await
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Html<String>, AppError> {
    let (network, rights, campaign) = writable_campaign(&state, &user, &slug, &id).await?;
    if !campaign.status.editable() {
        return Err(AppError::Conflict);
    }
    let action = format!("/networks/{slug}/newsletter/campaigns/{}/edit", campaign.id);
    render(&compose_page(&state, lang, &uri, &network, &rights, action, draft_form(&campaign)).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, rights, campaign) = writable_campaign(&state, &user, &slug, &id).await?;
    let themes = network_themes(&state.db, network.id, lang).await?;
    let mut form = FormState::from(&data);
    let draft = parse_draft(&data, &rights, &themes, &mut form, lang);
    let Some(draft) = draft.filter(|_| form.is_valid()) else {
        let action = format!("/networks/{slug}/newsletter/campaigns/{}/edit", campaign.id);
        let page = compose_page(&state, lang, &uri, &network, &rights, action, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    // Only a campaign not yet queued changes; a scheduled one goes back to draft.
    let changed = sqlx::query(
        "UPDATE newsletter_campaigns SET theme_id = $1, main_lang = $2, subject = $3, body = $4, audience = $5, \
         status = 'draft', scheduled_at = NULL, version = version + 1 WHERE id = $6 AND status IN ('draft', 'scheduled')",
    )
    .bind(draft.theme_id)
    .bind(draft.main_lang.code())
    .bind(draft.subject.to_json())
    .bind(draft.body.to_json())
    .bind(draft.audience.to_json())
    .bind(campaign.id)
    .execute(&state.db.pool)
    .await
    ?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::Conflict);
    }
    audit(&state, &user, "campaign.edit", CAMPAIGN, campaign.id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/newsletter/campaigns/{}", campaign.id)).into_response())
}

pub struct Recipient {
    pub email: String,
    pub lang: String,
    pub status: String,
    pub attempts: i64,
    pub when: String,
    pub error: String,
}

pub struct Counts {
    pub total: i64,
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub skipped: i64,
}

impl Counts {
    /// Messages with a final status: sent, failed or skipped.
    pub fn done(&self) -> i64 {
        self.sent + self.failed + self.skipped
    }
}

async fn counts(db: &Db, campaign_id: i64) -> sqlx::Result<Counts> {
    let rows =
        sqlx::query("SELECT status, COUNT(*) AS n FROM newsletter_deliveries WHERE campaign_id = $1 GROUP BY status")
            .bind(campaign_id)
            .fetch_all(&db.pool)
            .await?;
    let mut counts = Counts { total: 0, queued: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
    for row in rows {
        let n: i64 = row.try_get("n")?;
        counts.total += n;
        match row.try_get::<String, _>("status")?.as_str() {
            "queued" => counts.queued += n,
            "sending" => counts.sending += n,
            "sent" => counts.sent += n,
            "failed" => counts.failed += n,
            _ => counts.skipped += n,
        }
    }
    Ok(counts)
}

#[derive(Template)]
#[template(path = "newsletter/campaign.html")]
struct CampaignPage {
    chrome: Chrome,
    lang: Lang,
    slug: String,
    network_name: String,
    campaign: Campaign,
    counts: Counts,
    audience_size: i64,
    audience_summary: String,
    scheduled_for: String,
    recipients: Vec<Recipient>,
    status_filter: String,
    page: i64,
    pages: i64,
    form: FormState,
    notice: Option<String>,
    /// Whether the page reloads itself to show the send's progress.
    following: bool,
}

#[derive(Deserialize)]
pub struct CampaignQuery {
    page: Option<String>,
    status: Option<String>,
    /// `off` stops the page reloading itself while the campaign sends.
    follow: Option<String>,
}

const RECIPIENT_STATUSES: &[&str] = &["queued", "sending", "sent", "failed", "skipped"];

#[allow(clippy::too_many_arguments)]
async fn campaign_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    network: &NetworkRef,
    campaign: Campaign,
    query: &CampaignQuery,
    form: FormState,
    notice: Option<String>,
) -> Result<CampaignPage, AppError> {
    let counts = counts(&state.db, campaign.id).await?;
    let status_filter = query.status.clone().filter(|s| RECIPIENT_STATUSES.contains(&s.as_str())).unwrap_or_default();
    let shown = if status_filter.is_empty() {
        counts.total
    } else {
        match status_filter.as_str() {
            "queued" => counts.queued,
            "sending" => counts.sending,
            "sent" => counts.sent,
            "failed" => counts.failed,
            _ => counts.skipped,
        }
    };
    let pages = ((shown + RECIPIENTS_PER_PAGE - 1) / RECIPIENTS_PER_PAGE).max(1);
    let page = query.page.as_deref().and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).clamp(1, pages);
    let recipients = sqlx::query(
        "SELECT email, lang, status, attempts, sent_at, error FROM newsletter_deliveries \
         WHERE campaign_id = $1 AND ($2 = '' OR status = $2) ORDER BY id LIMIT $3 OFFSET $4",
    )
    .bind(campaign.id)
    .bind(&status_filter)
    .bind(RECIPIENTS_PER_PAGE)
    .bind((page - 1) * RECIPIENTS_PER_PAGE)
    .fetch_all(&state.db.pool)
    .await?
    .iter()
    .map(|row| Recipient {
        email: row.get("email"),
        lang: row.get("lang"),
        status: row.get("status"),
        attempts: row.get("attempts"),
        when: row.get::<Option<String>, _>("sent_at").map(|at| at.chars().take(19).collect()).unwrap_or_default(),
        error: row.get::<Option<String>, _>("error").unwrap_or_default(),
    })
    .collect();
    let audience_size = if campaign.status.editable() {
        audience_size(&state.db, network.id, &campaign.audience).await?
    } else {
        counts.total
    };
    let scheduled_for = campaign.scheduled_at.map(format_utc).unwrap_or_default();
    let audience_summary = describe(&campaign.audience, &network_themes(&state.db, network.id, lang).await?, lang);
    let subject = in_lang(&campaign.subject, lang, campaign.main_lang).to_string();
    let following = campaign.status == Status::Sending && query.follow.as_deref() != Some("off");
    Ok(CampaignPage {
        chrome: Chrome::new(lang, subject, uri),
        lang,
        slug: network.slug.to_string(),
        network_name: network.name.get(lang).to_string(),
        campaign,
        counts,
        audience_size,
        audience_summary,
        scheduled_for,
        recipients,
        status_filter,
        page,
        pages,
        form,
        notice,
        following,
    })
}

/// An audience in words, for the writer to check before sending.
fn describe(audience: &Audience, themes: &[ThemeChoice], lang: Lang) -> String {
    let mut parts = Vec::new();
    if !audience.countries.is_empty() {
        let names: Vec<&str> =
            audience.countries.iter().filter_map(|c| CountryCode::parse(c)).map(|c| c.name(lang)).collect();
        parts.push(names.join(", "));
    }
    if !audience.langs.is_empty() {
        let names: Vec<&str> = audience.langs.iter().filter_map(|l| Lang::parse(l)).map(|l| l.endonym()).collect();
        parts.push(names.join(", "));
    }
    if !audience.themes.is_empty() {
        let names: Vec<&str> =
            themes.iter().filter(|t| audience.themes.contains(&t.id)).map(|t| t.name.as_str()).collect();
        parts.push(names.join(", "));
    }
    if parts.is_empty() { lang.t("campaign-audience-everyone") } else { parts.join(" · ") }
}

fn format_utc(ms: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(ms / 1000)
        .ok()
        .and_then(|at| at.format(time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).ok())
        .unwrap_or_default()
}

pub async fn show(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id)): Path<(String, String)>,
    Query(query): Query<CampaignQuery>,
) -> Result<Response, AppError> {
    let (network, _, campaign) = writable_campaign(&state, &user, &slug, &id).await?;
    let page = campaign_page(&state, lang, &uri, &network, campaign, &query, FormState::default(), None).await?;
    let mut response = render(&page)?.into_response();
    if page.following {
        // Progress without script: the page reloads itself while the send runs,
        // unless the reader switched that off (a link on the page).
        response.headers_mut().insert(header::REFRESH, HeaderValue::from_static("5"));
    }
    Ok(response)
}

/// The mail as a subscriber of `lang` will see it, in the browser.
pub async fn preview(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path((slug, id, preview_lang)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let (network, _, campaign) = writable_campaign(&state, &user, &slug, &id).await?;
    let shown = Lang::parse(&preview_lang).ok_or(AppError::NotFound)?;
    let rendered = render_issue(&state, &network, &campaign, shown)?;
    let (html, _) = rendered.personalised("#unsubscribe", "#manage");
    Ok((
        [(
            header::CONTENT_SECURITY_POLICY,
            // A mail's layout styles itself inline; nothing in it may run.
            HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"),
        )],
        Html(html),
    )
        .into_response())
}

fn render_issue(
    state: &AppState,
    network: &NetworkRef,
    campaign: &Campaign,
    lang: Lang,
) -> anyhow::Result<super::layout::RenderedIssue> {
    let texts = CampaignTexts {
        id: campaign.id,
        network_slug: network.slug.as_str(),
        network: &network.name,
        subject: &campaign.subject,
        body: &campaign.body,
        main: campaign.main_lang,
    };
    texts.render(&Layout::load(state.newsletter.layout_dir.as_deref())?, &state.public_url, lang)
}

/// Sends the campaign to a few chosen addresses, marked as a test, in the
/// language chosen; nothing is recorded as delivered.
pub async fn test_send(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, _, campaign) = writable_campaign(&state, &user, &slug, &id).await?;
    let mut form = FormState::from(&data);
    let mut addresses = Vec::new();
    for part in data.get("addresses").split([',', ';', '\n', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        match Email::parse(part) {
            Some(email) => addresses.push(email),
            None => form
                .fail("addresses", lang.t_with("campaign-test-bad-address", &[("address", part.to_string().into())])),
        }
    }
    if addresses.is_empty() {
        form.fail("addresses", lang.t("campaign-test-none"));
    }
    if addresses.len() > TEST_ADDRESSES_MAX {
        form.fail("addresses", lang.t_count("campaign-test-too-many", TEST_ADDRESSES_MAX as i64));
    }
    let test_lang = Lang::parse(&data.get("test_lang")).unwrap_or(campaign.main_lang);
    let query = CampaignQuery { page: None, status: None, follow: None };
    if !form.is_valid() {
        let page = campaign_page(&state, lang, &uri, &network, campaign, &query, form, None).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    if !rate_limit(&state.db, &format!("campaign-test:{}", user.user_id), std::time::Duration::from_secs(3600), 30)
        .await?
    {
        return Err(AppError::TooManyAttempts);
    }
    let rendered = render_issue(&state, &network, &campaign, test_lang)?;
    let mut failed = Vec::new();
    for address in &addresses {
        let manage = super::subscriptions::manage_link(&state, address.as_str());
        let (html, text) = rendered.personalised(&manage, &manage);
        let subject = format!("[{}] {}", test_lang.t("campaign-test-marker"), rendered.subject);
        let mail = OutgoingMail::new(address.clone(), subject, text).with_html(html);
        if let Err(error) = state.mailer.send(&mail).await {
            failed.push(format!("{address}: {error}"));
        }
    }
    let notice = if failed.is_empty() {
        lang.t_count("campaign-test-sent", addresses.len() as i64)
    } else {
        lang.t_with("campaign-test-failed", &[("errors", failed.join("; ").into())])
    };
    let page =
        campaign_page(&state, lang, &uri, &network, campaign, &query, FormState::default(), Some(notice)).await?;
    Ok(render(&page)?.into_response())
}

/// Parses the schedule form's `YYYY-MM-DDTHH:MM` (UTC), which must lie ahead.
fn parse_when(text: &str, now_ms: i64) -> Result<i64, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let at = time::PrimitiveDateTime::parse(text.trim(), &format).map_err(|_| "campaign-when-invalid".to_string())?;
    let ms = at.assume_utc().unix_timestamp() * 1000;
    if ms <= now_ms { Err("campaign-when-past".into()) } else { Ok(ms) }
}

/// "Send now", or a time to send at; pause, resume and cancel.
pub async fn act(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id, action)): Path<(String, String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, _, campaign) = writable_campaign(&state, &user, &slug, &id).await?;
    let db = &state.db;
    let moved = match action.as_str() {
        "send" => queue(db, campaign.id, &["draft", "scheduled"]).await?.is_some(),
        "schedule" => match parse_when(&data.get("when"), now_ms()) {
            Ok(at) => transition(db, campaign.id, &["draft", "scheduled"], "scheduled", Some(at)).await?,
            Err(key) => {
                let mut form = FormState::from(&data);
                form.fail("when", lang.t(&key));
                let query = CampaignQuery { page: None, status: None, follow: None };
                let page = campaign_page(&state, lang, &uri, &network, campaign, &query, form, None).await?;
                return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
            }
        },
        "unschedule" => transition(db, campaign.id, &["scheduled"], "draft", None).await?,
        "pause" => transition(db, campaign.id, &["sending"], "paused", None).await?,
        "resume" => transition(db, campaign.id, &["paused"], "sending", None).await?,
        "cancel" => cancel(db, campaign.id).await?,
        other => return Err(AppError::bad("action", Problem::Unknown(other.to_string()))),
    };
    if !moved {
        return Err(AppError::Conflict);
    }
    audit(&state, &user, &format!("campaign.{action}"), CAMPAIGN, campaign.id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/newsletter/campaigns/{}", campaign.id)).into_response())
}

async fn transition(db: &Db, id: i64, from: &[&str], to: &str, scheduled_at: Option<i64>) -> sqlx::Result<bool> {
    let sql = format!(
        "UPDATE newsletter_campaigns SET status = $1, scheduled_at = $2 WHERE id = $3 AND status IN ({})",
        Db::placeholders(4, from.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(to).bind(scheduled_at).bind(id);
    for state in from {
        query = query.bind(*state);
    }
    Ok(query.execute(&db.pool).await?.rows_affected() == 1)
}

/// Stops a campaign for good: what was not yet sent is skipped.
async fn cancel(db: &Db, id: i64) -> sqlx::Result<bool> {
    let mut tx = db.pool.begin().await?;
    let changed = sqlx::query(
        "UPDATE newsletter_campaigns SET status = 'cancelled', finished_at = $1 WHERE id = $2 \
         AND status IN ('draft', 'scheduled', 'sending', 'paused')",
    )
    .bind(now_rfc3339())
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query(
        "UPDATE newsletter_deliveries SET status = 'skipped', error = 'cancelled' WHERE campaign_id = $1 AND status = 'queued'",
    )
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(changed == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_times_are_utc_and_ahead() {
        let now = time::macros::datetime!(2026-11-27 12:00 UTC).unix_timestamp() * 1000;
        assert_eq!(parse_when("2026-11-27T12:30", now), Ok(now + 30 * 60 * 1000));
        assert_eq!(parse_when("2026-11-27T12:00", now), Err("campaign-when-past".into()));
        assert_eq!(parse_when("2026-11-27 12:30", now), Err("campaign-when-invalid".into()));
        assert_eq!(parse_when("", now), Err("campaign-when-invalid".into()));
        assert_eq!(format_utc(now), "2026-11-27 12:00 UTC");
    }
}
