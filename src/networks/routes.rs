//! Network pages: the tree of networks and each network's own page.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Html;

use super::queries::{self, Level, Member, Network, NetworkSummary};
use crate::accounts::{Right, Rights};
use crate::directory::ConsultativeStatus;
use crate::platform::auth::MaybeUser;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

/// A count that links to the directory search it stands for.
pub struct CountLink {
    pub label: String,
    pub count: i64,
    pub href: String,
}

#[derive(Template)]
#[template(path = "networks/show.html")]
struct NetworkPage {
    chrome: Chrome,
    lang: Lang,
    network: Network,
    level: String,
    per_country: Vec<CountLink>,
    /// Members whose country the directory does not know, so that the per-country counts add up to the members.
    without_country: usize,
    per_theme: Vec<CountLink>,
    with_status: CountLink,
    /// Whether the reader coordinates this network.
    coordinator: bool,
    /// The focal points (by number) whose lead organisation the reader edits.
    led: Vec<i64>,
    /// Whether the reader may retire the network or bring it back.
    may_retire: bool,
    /// The members the reader speaks for, which may leave the network.
    leavable: Vec<String>,
    /// The coordinating organisation's slug: it cannot be removed.
    coordinator_slug: String,
    /// The countries the network covers, named in the reader's language.
    covered: Vec<String>,
}

#[derive(Template)]
#[template(path = "networks/index.html")]
struct NetworksPage {
    chrome: Chrome,
    lang: Lang,
    networks: Vec<NetworkSummary>,
    may_launch: bool,
}

pub fn level_label(level: impl std::borrow::Borrow<Level>, lang: impl std::borrow::Borrow<Lang>) -> String {
    lang.borrow().t(&format!("level-{}", level.borrow().code()))
}

pub fn member_place(member: &Member, lang: Lang) -> String {
    member.country.map(|c| c.name(lang).to_string()).unwrap_or_default()
}

fn directory_href(network: &str, filters: &[(&str, &str)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("network", network);
    for (name, value) in filters {
        query.append_pair(name, value);
    }
    format!("/organizations?{}", query.finish())
}

pub async fn network_page(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let network = queries::by_slug(&db, &slug).await.found()?;
    let (mut coordinator, mut led, mut may_retire, mut leavable) = (false, Vec::new(), false, Vec::new());
    if let Some(user) = &user {
        let rights = Rights::of(&db, user);
        coordinator = rights.may(Right::CoordinateNetwork(network.summary.id)).await?;
        led = rights.led_focal_points(network.summary.id).await?.into_iter().map(|(number, _)| number).collect();
        may_retire = super::launch::may_retire(&db, &rights, &slug).await?;
        let coordinator_slug = network.summary.coordinator.as_ref().map(|c| c.slug.as_str());
        leavable = rights
            .edited_organizations()
            .await?
            .into_iter()
            .map(|o| o.slug)
            .filter(|o| Some(o.as_str()) != coordinator_slug && network.members.iter().any(|m| &m.slug == o))
            .collect();
    }
    let covered = network.summary.countries.iter().map(|c| c.name(lang).to_string()).collect();
    let coordinator_slug = network.summary.coordinator.as_ref().map(|c| c.slug.clone()).unwrap_or_default();
    let slug = network.summary.slug.clone();
    let mut countries: BTreeMap<String, (i64, String)> = BTreeMap::new();
    for member in &network.members {
        if let Some(country) = member.country {
            let entry = countries.entry(country.as_str().to_string()).or_insert((0, country.name(lang).to_string()));
            entry.0 += 1;
        }
    }
    let mut per_country: Vec<CountLink> = countries
        .into_iter()
        .map(|(code, (count, label))| CountLink { label, count, href: directory_href(&slug, &[("country", &code)]) })
        .collect();
    per_country.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    let without_country = network.members.iter().filter(|m| m.country.is_none()).count();
    let per_theme = network
        .per_theme
        .iter()
        .map(|(theme, count)| CountLink {
            label: theme.name.get(lang).to_string(),
            count: *count,
            href: directory_href(&slug, &[("theme", &theme.slug)]),
        })
        .collect();
    let holding: Vec<(&str, &str)> =
        ConsultativeStatus::ALL.iter().filter(|s| s.holds_status()).map(|s| ("status", s.code())).collect();
    let with_status = CountLink {
        label: lang.t("network-with-status"),
        count: network.members.iter().filter(|m| m.status.holds_status()).count() as i64,
        href: directory_href(&slug, &holding),
    };
    let page = NetworkPage {
        chrome: Chrome::new(lang, network.summary.name.get(lang).to_string(), &uri),
        level: level_label(network.summary.level, lang),
        lang,
        per_country,
        without_country,
        per_theme,
        with_status,
        coordinator,
        led,
        may_retire,
        leavable,
        coordinator_slug,
        covered,
        network,
    };
    render(&page)
}

pub async fn networks_page(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let networks = queries::all(&db).await?;
    let may_launch = match &user {
        Some(user) => super::launch::may_launch(&db, &Rights::of(&db, user)).await?,
        None => false,
    };
    let page = NetworksPage { chrome: Chrome::new(lang, lang.t("networks-title"), &uri), lang, networks, may_launch };
    render(&page)
}
