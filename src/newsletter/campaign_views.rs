//! What the writers' pages show of campaigns, and what their forms say:
//! the desk, the compose form read into a draft, the campaign's page with its
//! progress, and the test and schedule forms.

use askama::Template;
use axum::http::Uri;
use serde::Deserialize;

use super::audience::Audience;
use super::campaign::{Campaign, Draft, Status, in_lang};
use super::campaign_store::{self, Counts, DELIVERY_STATUSES, HeldAddress, Recipient};
use super::{EditorialRights, NetworkRef, ThemeChoice, country_choices, network_themes};
use crate::platform::db::Db;
use crate::platform::forms::Choice;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::mail::Email;
use crate::platform::values::CountryCode;
use crate::platform::web::{AppError, Chrome};

const SUBJECT_MAX: usize = 200;
const BODY_MAX: usize = 20_000;
const TEST_ADDRESSES_MAX: usize = 5;
const RECIPIENTS_PER_PAGE: i64 = 100;

pub struct CampaignRow {
    pub id: i64,
    pub subject: String,
    pub status: Status,
    pub sent: i64,
    pub total: i64,
}

#[derive(Template)]
#[template(path = "newsletter/campaigns.html")]
pub struct CampaignsPage {
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

/// The writer's desk: the campaigns theirs to write, subscriber counts, and held addresses with why.
pub async fn desk_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    network: &NetworkRef,
    rights: &EditorialRights,
) -> Result<CampaignsPage, AppError> {
    let campaigns = campaign_store::summaries(db, network.id)
        .await?
        .into_iter()
        .filter(|campaign| rights.may_write(campaign.theme_id))
        .map(|campaign| CampaignRow {
            id: campaign.id,
            subject: in_lang(&campaign.subject, lang, campaign.main_lang).to_string(),
            status: campaign.status,
            sent: campaign.sent,
            total: campaign.total,
        })
        .collect();
    let subscribers = campaign_store::subscriber_counts(db, network.id)
        .await?
        .into_iter()
        .map(|(status, n)| (lang.t(&format!("newsletter-status-{status}")), n))
        .collect();
    let name = network.name.get(lang).to_string();
    Ok(CampaignsPage {
        chrome: Chrome::new(lang, lang.t_with("campaigns-title", &[("network", name.clone().into())]), uri),
        lang,
        slug: network.slug.to_string(),
        network_name: name,
        campaigns,
        subscribers,
        held: campaign_store::held_addresses(db, network.id).await?,
        coordinator: rights.coordinator,
        default_lang: super::default_lang(db, network.id).await?.code().to_string(),
        languages: Choice::languages(),
    })
}

#[derive(Template)]
#[template(path = "newsletter/compose.html")]
pub struct ComposePage {
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

/// The compose form posting to `action`, filled from `form`.
pub async fn compose_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    network: &NetworkRef,
    rights: &EditorialRights,
    action: String,
    form: FormState,
) -> Result<ComposePage, AppError> {
    let themes = network_themes(db, network.id, lang).await?;
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
    let countries = country_choices(&campaign_store::audience_countries(db, network.id).await?, lang);
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

/// Reads the compose form; every problem is put beside its field in `form`.
pub fn parse_draft(
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
pub fn draft_form(campaign: &Campaign) -> FormState {
    let mut form = FormState::default();
    let values = &mut form.values;
    values.insert("section".into(), campaign.theme_id.map(|t| t.to_string()).unwrap_or_default());
    values.insert("main_lang".into(), campaign.main_lang.code().into());
    let texts = [("subject", &campaign.subject), ("body", &campaign.body)];
    for (field, text) in texts {
        for (lang, text) in &text.0 {
            values.insert(format!("{field}_{}", lang.code()), text.clone());
        }
    }
    let chosen = campaign.audience.countries.iter().map(|code| format!("country_{code}"));
    let chosen = chosen.chain(campaign.audience.langs.iter().map(|code| format!("lang_{code}")));
    for field in chosen.chain(campaign.audience.themes.iter().map(|theme| format!("theme_{theme}"))) {
        values.insert(field, "yes".into());
    }
    form
}

#[derive(Template)]
#[template(path = "newsletter/campaign.html")]
pub struct CampaignPage {
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
    pub following: bool,
}

#[derive(Default, Deserialize)]
pub struct CampaignQuery {
    page: Option<String>,
    status: Option<String>,
    /// `off` stops the page reloading itself while the campaign sends.
    follow: Option<String>,
}

/// A campaign's page: what it is, who it goes to, how its send goes, and the
/// forms that act on it (`form` holding what they were given, `notice` what
/// the last one did).
#[allow(clippy::too_many_arguments)]
pub async fn campaign_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    network: &NetworkRef,
    campaign: Campaign,
    query: &CampaignQuery,
    form: FormState,
    notice: Option<String>,
) -> Result<CampaignPage, AppError> {
    let counts = campaign_store::counts(db, campaign.id).await?;
    let status_filter = query.status.clone().filter(|s| DELIVERY_STATUSES.contains(&s.as_str())).unwrap_or_default();
    let shown = if status_filter.is_empty() { counts.total } else { counts.of(&status_filter) };
    let pages = ((shown + RECIPIENTS_PER_PAGE - 1) / RECIPIENTS_PER_PAGE).max(1);
    let page = query.page.as_deref().and_then(|p| p.parse::<i64>().ok()).unwrap_or(1).clamp(1, pages);
    let recipients = campaign_store::recipients(
        db,
        campaign.id,
        &status_filter,
        RECIPIENTS_PER_PAGE,
        (page - 1) * RECIPIENTS_PER_PAGE,
    )
    .await?;
    let audience_size = if campaign.status.editable() {
        campaign_store::audience_size(db, network.id, &campaign.audience).await?
    } else {
        counts.total
    };
    let scheduled_for = campaign.scheduled_at.map(format_utc).unwrap_or_default();
    let audience_summary = describe(&campaign.audience, &network_themes(db, network.id, lang).await?, lang);
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

/// "Send now" asked once more, with how many people the issue goes to: one click must not send it.
#[derive(Template)]
#[template(path = "newsletter/confirm_send.html")]
pub struct ConfirmSendPage {
    chrome: Chrome,
    campaign_href: String,
    audience_summary: String,
    recipients: String,
    send_button: String,
}

pub async fn confirm_send_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    network: &NetworkRef,
    campaign: &Campaign,
) -> Result<ConfirmSendPage, AppError> {
    let audience_size = campaign_store::audience_size(db, network.id, &campaign.audience).await?;
    let subject = in_lang(&campaign.subject, lang, campaign.main_lang);
    Ok(ConfirmSendPage {
        chrome: Chrome::new(
            lang,
            lang.t_with("campaign-confirm-title", &[("subject", subject.to_string().into())]),
            uri,
        ),
        campaign_href: format!("/networks/{}/newsletter/campaigns/{}", network.slug, campaign.id),
        audience_summary: describe(&campaign.audience, &network_themes(db, network.id, lang).await?, lang),
        recipients: lang.t_count("campaign-recipients", audience_size),
        send_button: lang.t_count("campaign-confirm-button", audience_size),
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

/// Reads the schedule form's `YYYY-MM-DDTHH:MM` (UTC), which must lie ahead;
/// the error is the key of the message to show beside the field.
pub fn parse_when(text: &str, now_ms: i64) -> Result<i64, &'static str> {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let at = time::PrimitiveDateTime::parse(text.trim(), &format).map_err(|_| "campaign-when-invalid")?;
    let ms = at.assume_utc().unix_timestamp() * 1000;
    if ms <= now_ms { Err("campaign-when-past") } else { Ok(ms) }
}

/// Reads the test form's addresses (a few, separated by commas, semicolons,
/// spaces or lines) and the language the test is sent in.
pub fn parse_test(data: &FormData, main: Lang, form: &mut FormState, lang: Lang) -> (Vec<Email>, Lang) {
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
    (addresses, Lang::parse(&data.get("test_lang")).unwrap_or(main))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_times_are_utc_and_ahead() {
        let now = time::macros::datetime!(2026-11-27 12:00 UTC).unix_timestamp() * 1000;
        assert_eq!(parse_when("2026-11-27T12:30", now), Ok(now + 30 * 60 * 1000));
        assert_eq!(parse_when("2026-11-27T12:00", now), Err("campaign-when-past"));
        assert_eq!(parse_when("2026-11-27 12:30", now), Err("campaign-when-invalid"));
        assert_eq!(parse_when("", now), Err("campaign-when-invalid"));
        assert_eq!(format_utc(now), "2026-11-27 12:00 UTC");
    }
}
