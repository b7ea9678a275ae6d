//! Campaigns as their writers see them: composing per language, previewing,
//! test sends, choosing the audience and the time, and following a send
//! with pause, resume and cancel.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::campaign::{Campaign, Move};
use super::campaign_store::{self, now_ms};
use super::campaign_views::{
    CampaignQuery, campaign_page, compose_page, confirm_send_page, desk_page, draft_form, parse_draft, parse_test,
    parse_when,
};
use super::layout::{CampaignTexts, Layout, RenderedIssue};
use super::{EditorialRights, NetworkRef, network_themes};
use crate::platform::auth::{RequireUser, SignedIn, rate_limit};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::mail::OutgoingMail;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Found, Problem, SlugPath, render};
use crate::state::AppState;

/// The largest campaign form accepted: three versions of the longest text,
/// percent-encoded Cyrillic taking six bytes a letter.
pub const FORM_LIMIT: usize = 1024 * 1024;
/// How campaigns are named in the audit log.
const CAMPAIGN: &str = "newsletter_campaign";

/// The network and the writer's rights, or the reason they may not be here.
async fn writer(db: &Db, user: &SignedIn, slug: &Slug) -> Result<(NetworkRef, EditorialRights), AppError> {
    let network = super::network(db, slug).await.found()?;
    let rights = EditorialRights::of(db, user, network.id).await?;
    if !rights.any() {
        return Err(AppError::Forbidden);
    }
    Ok((network, rights))
}

/// A campaign of the network that the writer may touch.
async fn writable_campaign(
    db: &Db,
    user: &SignedIn,
    slug: &str,
    id: &str,
) -> Result<(NetworkRef, EditorialRights, Campaign), AppError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (network, rights) = writer(db, user, &slug).await?;
    let campaign = campaign_store::load(db, network.id, id).await.found()?;
    if !rights.may_write(campaign.theme_id) {
        return Err(AppError::Forbidden);
    }
    Ok((network, rights, campaign))
}

/// The network, when the person coordinates it (section writers may not
/// change the newsletter's settings or its held addresses).
async fn coordinator_of(db: &Db, user: &SignedIn, slug: &Slug) -> Result<NetworkRef, AppError> {
    let (network, rights) = writer(db, user, slug).await?;
    if !rights.coordinator {
        return Err(AppError::Forbidden);
    }
    Ok(network)
}

/// Records a writer's action on a campaign or on the newsletter of a network.
async fn audit(db: &Db, user: &SignedIn, action: &str, subject: &str, id: i64) -> sqlx::Result<()> {
    crate::platform::audit::record(db, Some(user.user_id), action, subject, Some(id), None, None).await
}

/// Records a coordinator's change to the newsletter as a whole, and leads back to the desk.
async fn back_to_desk(db: &Db, user: &SignedIn, network: &NetworkRef, action: &str) -> Result<Redirect, AppError> {
    audit(db, user, action, "network", network.id).await?;
    Ok(Redirect::to(&format!("/networks/{}/newsletter/campaigns", network.slug)))
}

/// The writer's desk: campaigns, subscriber counts, and held addresses with why.
pub async fn list(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (network, rights) = writer(&db, &user, &slug).await?;
    render(&desk_page(&db, lang, &uri, &network, &rights).await?)
}

pub async fn new_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (network, rights) = writer(&db, &user, &slug).await?;
    let mut form = FormState::default();
    form.values.insert("main_lang".into(), super::default_lang(&db, network.id).await?.code().into());
    if !rights.coordinator
        && let Some(theme) = rights.themes.first()
    {
        form.values.insert("section".into(), theme.to_string());
    }
    let action = format!("/networks/{slug}/newsletter/campaigns/new");
    render(&compose_page(&db, lang, &uri, &network, &rights, action, form).await?)
}

pub async fn create(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, rights) = writer(&db, &user, &slug).await?;
    let themes = network_themes(&db, network.id, lang).await?;
    let mut form = FormState::from(&data);
    let draft = parse_draft(&data, &rights, &themes, &mut form, lang);
    let Some(draft) = draft.filter(|_| form.is_valid()) else {
        let action = format!("/networks/{slug}/newsletter/campaigns/new");
        let page = compose_page(&db, lang, &uri, &network, &rights, action, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let id = campaign_store::create(&db, network.id, &draft, user.user_id).await?;
    audit(&db, &user, "campaign.create", CAMPAIGN, id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/newsletter/campaigns/{id}")).into_response())
}

pub async fn edit_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Html<String>, AppError> {
    let (network, rights, campaign) = writable_campaign(&db, &user, &slug, &id).await?;
    if !campaign.status.editable() {
        return Err(AppError::Conflict);
    }
    let action = format!("/networks/{slug}/newsletter/campaigns/{}/edit", campaign.id);
    render(&compose_page(&db, lang, &uri, &network, &rights, action, draft_form(&campaign)).await?)
}

pub async fn edit(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, rights, campaign) = writable_campaign(&db, &user, &slug, &id).await?;
    let themes = network_themes(&db, network.id, lang).await?;
    let mut form = FormState::from(&data);
    let draft = parse_draft(&data, &rights, &themes, &mut form, lang);
    let Some(draft) = draft.filter(|_| form.is_valid()) else {
        let action = format!("/networks/{slug}/newsletter/campaigns/{}/edit", campaign.id);
        let page = compose_page(&db, lang, &uri, &network, &rights, action, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    if !campaign_store::rewrite(&db, campaign.id, &draft).await? {
        return Err(AppError::Conflict);
    }
    audit(&db, &user, "campaign.edit", CAMPAIGN, campaign.id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/newsletter/campaigns/{}", campaign.id)).into_response())
}

pub async fn show(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id)): Path<(String, String)>,
    Query(query): Query<CampaignQuery>,
) -> Result<Response, AppError> {
    let (network, _, campaign) = writable_campaign(&db, &user, &slug, &id).await?;
    let page = campaign_page(&db, lang, &uri, &network, campaign, &query, FormState::default(), None).await?;
    let mut response = render(&page)?.into_response();
    if page.following {
        // Progress without script: the page reloads itself while the send runs,
        // unless the reader switched that off (a link on the page).
        response.headers_mut().insert(header::REFRESH, HeaderValue::from_static("5"));
    }
    Ok(response)
}

/// The campaign's version for readers of `lang`, with the operator's layout; a `test` version says it is one.
fn render_issue(
    state: &AppState,
    network: &NetworkRef,
    campaign: &Campaign,
    lang: Lang,
    test: bool,
) -> anyhow::Result<RenderedIssue> {
    let texts = CampaignTexts {
        id: campaign.id,
        network_slug: network.slug.as_str(),
        network: &network.name,
        subject: &campaign.subject,
        body: &campaign.body,
        main: campaign.main_lang,
    };
    texts.render(&Layout::load(state.newsletter.layout_dir.as_deref())?, &state.public_url, lang, test)
}

/// The mail as a subscriber of `lang` will see it, in the browser.
pub async fn preview(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path((slug, id, preview_lang)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let (network, _, campaign) = writable_campaign(&state.db, &user, &slug, &id).await?;
    let shown = Lang::parse(&preview_lang).ok_or(AppError::NotFound)?;
    let (html, _) = render_issue(&state, &network, &campaign, shown, false)?.personalised("#unsubscribe", "#manage");
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
    let db = &state.db;
    let (network, _, campaign) = writable_campaign(db, &user, &slug, &id).await?;
    let mut form = FormState::from(&data);
    let (addresses, test_lang) = parse_test(&data, campaign.main_lang, &mut form, lang);
    let query = CampaignQuery::default();
    if !form.is_valid() {
        let page = campaign_page(db, lang, &uri, &network, campaign, &query, form, None).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    if !rate_limit(db, &format!("campaign-test:{}", user.user_id), std::time::Duration::from_secs(3600), 30).await? {
        return Err(AppError::TooManyAttempts);
    }
    let rendered = render_issue(&state, &network, &campaign, test_lang, true)?;
    let links = super::links::Links::new(&state.public_url, state.signer.clone());
    let mut failed = Vec::new();
    for address in &addresses {
        let own = links.for_test_send(db, network.id, network.slug.as_str(), address.as_str()).await?;
        let (html, text) = rendered.personalised(&own.unsubscribe, &own.manage);
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
    let page = campaign_page(db, lang, &uri, &network, campaign, &query, FormState::default(), Some(notice)).await?;
    Ok(render(&page)?.into_response())
}

/// "Send now", or a time to send at; pause, resume and cancel.
pub async fn act(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((slug, id, action)): Path<(String, String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, _, campaign) = writable_campaign(&db, &user, &slug, &id).await?;
    let requested = Move::parse(&action).ok_or_else(|| AppError::bad("action", Problem::Unknown(action.clone())))?;
    if requested == Move::Send && data.get("confirm") != "yes" {
        return Ok(render(&confirm_send_page(&db, lang, &uri, &network, &campaign).await?)?.into_response());
    }
    let scheduled_at = match requested {
        Move::Schedule => match parse_when(&data.get("when"), now_ms()) {
            Ok(at) => Some(at),
            Err(key) => {
                let mut form = FormState::from(&data);
                form.fail("when", lang.t(key));
                let page =
                    campaign_page(&db, lang, &uri, &network, campaign, &CampaignQuery::default(), form, None).await?;
                return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
            }
        },
        _ => None,
    };
    if !campaign_store::apply(&db, campaign.id, requested, scheduled_at).await? {
        return Err(AppError::Conflict);
    }
    audit(&db, &user, &format!("campaign.{}", requested.code()), CAMPAIGN, campaign.id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/newsletter/campaigns/{}", campaign.id)).into_response())
}

/// A coordinator sets the newsletter's default language.
pub async fn settings(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Redirect, AppError> {
    let network = coordinator_of(&db, &user, &slug).await?;
    let chosen = Lang::parse(&data.get("default_lang"))
        .ok_or_else(|| AppError::bad("default_lang", Problem::Unknown(data.get("default_lang"))))?;
    campaign_store::set_default_lang(&db, network.id, chosen).await?;
    back_to_desk(&db, &user, &network, "newsletter.settings").await
}

/// A coordinator lets a held address receive the newsletter again (its
/// mailbox works again): its count of failures starts afresh.
pub async fn release(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Redirect, AppError> {
    let network = coordinator_of(&db, &user, &slug).await?;
    // Only an address subscribed to this network is this coordinator's to release.
    if !campaign_store::release(&db, network.id, &data.get("email")).await? {
        return Err(AppError::NotFound);
    }
    back_to_desk(&db, &user, &network, "newsletter.release").await
}
