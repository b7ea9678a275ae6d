//! The directory's addresses: the search page, its JSON twin, and profiles.

use std::collections::BTreeMap;

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::{Value, json};

use super::catalog::Catalog;
use super::model::WORK_LANGUAGES;
use super::queries::{self, Profile};
use super::search::{Card, Facet, SearchRequest, SearchResults, Sort, valid_facet_value};
use crate::platform::auth::MaybeUser;
use crate::platform::i18n::Lang;
use crate::platform::values::CountryCode;
use crate::platform::web::{AppError, Chrome, Found, Problem, SlugPath, query_pairs, render};
use crate::state::AppState;

pub const MAX_QUERY_CHARS: usize = 200;
pub const MAX_PAGE: i64 = 500;
pub const MAX_PER_PAGE: i64 = 100;
pub const DEFAULT_PER_PAGE: usize = 20;

fn parse_number(name: &str, value: &str, min: i64, max: i64) -> Result<i64, AppError> {
    let number: i64 = value.trim().parse().map_err(|_| AppError::bad(name, Problem::NotANumber))?;
    if number < min || number > max {
        return Err(AppError::bad(name, Problem::OutOfRange { min, max }));
    }
    Ok(number)
}

/// Reads the search parameters of a page or API address, refusing anything
/// that could not mean a search.
pub fn parse_search(pairs: &[(String, String)], catalog: &Catalog, lang: Lang) -> Result<SearchRequest, AppError> {
    let mut request = SearchRequest { per_page: DEFAULT_PER_PAGE, page: 1, lang, ..Default::default() };
    let mut seen_once: Vec<&str> = Vec::new();
    let (themes, networks) = (Catalog::slugs(&catalog.themes), Catalog::slugs(&catalog.networks));
    for (name, value) in pairs {
        let name = name.as_str();
        if ["q", "sort", "page", "per_page"].contains(&name) {
            if seen_once.contains(&name) {
                return Err(AppError::bad(name, Problem::Repeated));
            }
            seen_once.push(name);
        }
        match name {
            "q" => {
                if value.chars().count() > MAX_QUERY_CHARS {
                    return Err(AppError::bad("q", Problem::TooLong { max: MAX_QUERY_CHARS }));
                }
                request.text = value.trim().to_string();
            }
            "sort" => {
                request.sort = match value.as_str() {
                    "" | "relevance" => Sort::Relevance,
                    "name" => Sort::Name,
                    other => return Err(AppError::bad("sort", Problem::Unknown(shorten(other)))),
                }
            }
            "page" => request.page = parse_number("page", value, 1, MAX_PAGE)? as usize,
            "per_page" => request.per_page = parse_number("per_page", value, 1, MAX_PER_PAGE)? as usize,
            _ => {
                let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == name) else {
                    continue;
                };
                if value.trim().is_empty() {
                    continue;
                }
                let accepted = valid_facet_value(facet, value.trim(), &themes, &networks)
                    .ok_or_else(|| AppError::bad(name, Problem::Unknown(shorten(value))))?;
                let values = request.filters.entry(facet).or_default();
                if !values.contains(&accepted) {
                    values.push(accepted);
                }
            }
        }
    }
    Ok(request)
}

fn shorten(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    if short.len() < value.len() { format!("{short}…") } else { short }
}

/// The address of a search, for links that change one thing of it.
fn search_href(request: &SearchRequest) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if !request.text.is_empty() {
        query.append_pair("q", &request.text);
    }
    for (facet, values) in &request.filters {
        for value in values {
            query.append_pair(facet.param(), value);
        }
    }
    if request.sort == Sort::Name {
        query.append_pair("sort", "name");
    }
    if request.per_page != DEFAULT_PER_PAGE {
        query.append_pair("per_page", &request.per_page.to_string());
    }
    if request.page > 1 {
        query.append_pair("page", &request.page.to_string());
    }
    let query = query.finish();
    if query.is_empty() { "/organizations".into() } else { format!("/organizations?{query}") }
}

pub struct CardView {
    pub href: String,
    pub name: String,
    /// The language the name is shown in, when it is not the page's.
    pub name_lang: Option<&'static str>,
    pub acronym: Option<String>,
    pub kind: String,
    pub place: String,
    pub status: Option<String>,
}

impl CardView {
    pub fn new(card: &Card, lang: Lang) -> CardView {
        let shown = card.name.shown_language(lang);
        let place = [card.city.clone(), card.country.map(|c| c.name(lang).to_string())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        CardView {
            href: format!("/organizations/{}", card.slug),
            name: card.name.get(lang).to_string(),
            name_lang: (shown != lang).then_some(shown.code()),
            acronym: card.acronym.clone().filter(|a| !card.name.get(lang).contains(a.as_str())),
            kind: card.kind.label(lang),
            place,
            status: card.status.holds_status().then(|| card.status.label(lang)),
        }
    }
}

#[derive(Clone)]
pub struct FacetOption {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub active: bool,
}

pub struct FacetView {
    pub title: String,
    pub options: Vec<FacetOption>,
}

pub struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "directory/search.html")]
struct SearchPage {
    chrome: Chrome,
    text: String,
    count_sentence: String,
    cards: Vec<CardView>,
    facets: Vec<FacetView>,
    active_filters: Vec<FacetOption>,
    pages: Vec<PageLink>,
    previous: Option<String>,
    next: Option<String>,
    sort_by_name: bool,
    sort_relevance_href: String,
    sort_name_href: String,
    clear_href: String,
    export_csv: String,
    export_json: String,
    /// Administrators are shown the way to import organisations from a file.
    administrator: bool,
}

fn facet_views(request: &SearchRequest, results: &SearchResults, catalog: &Catalog, lang: Lang) -> Vec<FacetView> {
    let base = SearchRequest { page: 1, ..request.clone() };
    Facet::ALL
        .iter()
        .map(|&facet| {
            let selected = request.filters.get(&facet).cloned().unwrap_or_default();
            let mut counts: Vec<(String, u64)> = results.facets.get(&facet).cloned().unwrap_or_default();
            // A selected value stays visible even when nothing else matches it.
            for value in &selected {
                if !counts.iter().any(|(v, _)| v == value) {
                    counts.push((value.clone(), 0));
                }
            }
            let options = counts
                .into_iter()
                .map(|(value, count)| {
                    let active = selected.contains(&value);
                    let mut toggled = base.clone();
                    let values = toggled.filters.entry(facet).or_default();
                    if active {
                        values.retain(|v| v != &value);
                    } else {
                        values.push(value.clone());
                    }
                    FacetOption {
                        label: catalog.label(facet, &value, lang),
                        count,
                        href: search_href(&toggled),
                        active,
                    }
                })
                .collect();
            FacetView { title: lang.t(&format!("facet-{}", facet.param())), options }
        })
        .filter(|view| !view.options.is_empty())
        .collect()
}

fn page_links(request: &SearchRequest, total: usize) -> (Vec<PageLink>, Option<String>, Option<String>) {
    let last = total.div_ceil(request.per_page).clamp(1, MAX_PAGE as usize);
    let href = |number: usize| search_href(&SearchRequest { page: number, ..request.clone() });
    let window = request.page.saturating_sub(3).max(1)..=(request.page + 3).min(last);
    let pages = if last > 1 {
        window.map(|number| PageLink { number, href: href(number), current: number == request.page }).collect()
    } else {
        Vec::new()
    };
    let previous = (request.page > 1).then(|| href(request.page - 1));
    let next = (request.page < last).then(|| href(request.page + 1));
    (pages, previous, next)
}

pub async fn search_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let pairs = query_pairs(&uri)?;
    let catalog = state.search.catalog.for_search(&pairs).await?;
    let request = parse_search(&pairs, &catalog, lang)?;
    let results = state.search.search(&request)?;
    let facets = facet_views(&request, &results, &catalog, lang);
    let active_filters = facets.iter().flat_map(|f| f.options.iter().filter(|o| o.active)).cloned().collect();
    let (pages, previous, next) = page_links(&request, results.total);
    let title = if request.text.is_empty() {
        lang.t("directory-title")
    } else {
        lang.t_with("directory-title-query", &[("query", request.text.clone().into())])
    };
    let page =
        SearchPage {
            chrome: Chrome::new(lang, title, &uri),
            text: request.text.clone(),
            count_sentence: lang.t_count("organizations-found", results.total as i64),
            cards: results.cards.iter().map(|card| CardView::new(card, lang)).collect(),
            facets,
            active_filters,
            pages,
            previous,
            next,
            sort_by_name: request.sort == Sort::Name || request.text.is_empty(),
            sort_relevance_href: search_href(&SearchRequest { sort: Sort::Relevance, page: 1, ..request.clone() }),
            sort_name_href: search_href(&SearchRequest { sort: Sort::Name, page: 1, ..request.clone() }),
            clear_href: search_href(&SearchRequest {
                text: request.text.clone(),
                page: 1,
                per_page: DEFAULT_PER_PAGE,
                ..Default::default()
            }),
            export_csv: search_href(&SearchRequest { page: 1, per_page: DEFAULT_PER_PAGE, ..request.clone() })
                .replacen("/organizations", "/organizations/export.csv", 1),
            export_json: search_href(&SearchRequest { page: 1, per_page: DEFAULT_PER_PAGE, ..request.clone() })
                .replacen("/organizations", "/organizations/export.json", 1),
            administrator: user.is_some_and(|user| user.is_admin),
        };
    render(&page)
}

#[derive(Template)]
#[template(path = "directory/profile.html")]
struct ProfilePage {
    chrome: Chrome,
    profile: Profile,
    lang: Lang,
    name: String,
    names: Vec<(String, &'static str, String)>,
    kind: String,
    country: Option<String>,
    status: String,
    holds_status: bool,
    website_href: Option<String>,
    json_ld: String,
    description_html: Option<(&'static str, String)>,
    can_edit: bool,
    can_verify: bool,
    signed_in: bool,
    verified: Option<Verification>,
    saved: bool,
    scope: Option<String>,
    /// The goals it chose itself, named in the reader's language.
    goals: Vec<String>,
    countries_of_work: Vec<String>,
    /// Code and name in itself.
    languages: Vec<(String, &'static str)>,
    library: Vec<crate::library::ItemLink>,
}

/// When a coordinator last approved an organisation, and until when that holds.
pub struct Verification {
    pub on: String,
    pub until: String,
    pub expired: bool,
}

impl Verification {
    pub fn of(verified_at: &str, valid_days: i64) -> Option<Verification> {
        let on = time::OffsetDateTime::parse(verified_at, &time::format_description::well_known::Rfc3339).ok()?;
        let until = on + time::Duration::days(valid_days);
        Some(Verification {
            on: on.date().to_string(),
            until: until.date().to_string(),
            expired: until < time::OffsetDateTime::now_utc(),
        })
    }
}

pub async fn profile_page(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
    MaybeUser(user): MaybeUser,
) -> Result<Response, AppError> {
    // The public's page, the same for every anonymous reader; a query (`?saved=1`, `?lang=`) makes it another.
    let public = user.is_none() && uri.query().is_none();
    if public && let Some(html) = state.search.pages.get(slug.as_str(), lang) {
        return Ok(Html(html).into_response());
    }
    let ticket = state.search.pages.ticket();
    let Some(profile) = queries::profile(&state.db, &slug).await? else {
        // A merged organisation's address leads to the one it was merged into, for good.
        let kept = super::merge::merged_into(&state.db, &slug).await.found()?;
        return Ok(Redirect::permanent(&format!("/organizations/{kept}")).into_response());
    };
    let (can_edit, can_verify) = match &user {
        Some(user) => (
            crate::accounts::Rights::of(&state.db, user)
                .may(crate::accounts::Right::EditOrganization(profile.document.id))
                .await?,
            crate::accounts::Rights::of(&state.db, user)
                .may(crate::accounts::Right::VerifyMember(profile.document.id))
                .await?,
        ),
        None => (false, false),
    };
    if !profile.document.listed && !can_edit {
        return Err(AppError::NotFound);
    }
    let document = &profile.document;
    let name = document.name.get(lang).to_string();
    let names = Lang::ALL
        .iter()
        .filter_map(|&l| document.name.0.get(&l).map(|n| (l.endonym().to_string(), l.code(), n.clone())))
        .collect();
    let website_href = profile.website.as_deref().map(|w| {
        if w.starts_with("http://") || w.starts_with("https://") { w.to_string() } else { format!("https://{w}") }
    });
    let page = ProfilePage {
        chrome: Chrome::new(lang, name.clone(), &uri),
        json_ld: json_ld(&profile, &state.public_url),
        name,
        names,
        kind: document.kind.label(lang),
        country: document.country.map(|c| c.name(lang).to_string()),
        status: document.status.label(lang),
        holds_status: document.status.holds_status(),
        website_href,
        description_html: document
            .description
            .as_ref()
            .map(|d| (d.shown_language(lang).code(), crate::platform::markdown::to_safe_html(d.get(lang)))),
        can_edit,
        can_verify,
        signed_in: user.is_some(),
        verified: profile.verified_at.as_deref().and_then(|at| Verification::of(at, state.verification_days)),
        saved: uri.query().is_some_and(|q| q.split('&').any(|p| p == "saved=1" || p == "merged=1")),
        scope: profile.work.scope.map(|scope| scope.label(lang)),
        goals: profile.work.goals.iter().map(|code| super::profile_form::goal_name(code, lang)).collect(),
        countries_of_work: profile
            .work
            .countries_of_work
            .iter()
            .filter_map(|code| CountryCode::parse(code))
            .map(|code| code.name(lang).to_string())
            .collect(),
        languages: profile
            .work
            .languages
            .iter()
            .filter_map(|code| WORK_LANGUAGES.iter().find(|(c, _)| c == code))
            .map(|(code, name)| (code.to_string(), *name))
            .collect(),
        library: crate::library::organization_items(&state.db, profile.document.id, lang).await?,
        lang,
        profile,
    };
    let html = Bytes::from(render(&page)?.0);
    if public {
        state.search.pages.keep(ticket, slug.as_str(), lang, page.profile.document.id, html.clone());
    }
    Ok(Html(html).into_response())
}

/// The schema.org description of an organisation, safe to embed in a page.
fn json_ld(profile: &Profile, public_url: &str) -> String {
    let document = &profile.document;
    let mut object = BTreeMap::new();
    object.insert("@context", json!("https://schema.org"));
    object.insert("@type", json!(document.kind.schema_org_type()));
    object.insert("@id", json!(format!("{public_url}/organizations/{}", document.slug)));
    object.insert("url", json!(format!("{public_url}/organizations/{}", document.slug)));
    object.insert("name", json!(document.name.get(Lang::En)));
    let alternates: Vec<&str> = document
        .name
        .values()
        .filter(|n| *n != document.name.get(Lang::En))
        .chain(document.other_names.iter().map(String::as_str))
        .collect();
    if !alternates.is_empty() {
        object.insert("alternateName", json!(alternates));
    }
    if let Some(acronym) = &document.acronym {
        object.insert("alternateName", {
            let mut all = alternates.clone();
            all.push(acronym);
            json!(all)
        });
    }
    if let Some(description) = &document.description {
        object.insert("description", json!(description.get(Lang::En)));
    }
    if document.country.is_some() || document.city.is_some() || document.address.is_some() {
        object.insert(
            "address",
            json!({
                "@type": "PostalAddress",
                "addressCountry": document.country,
                "addressLocality": document.city,
                "streetAddress": document.address,
            }),
        );
    }
    for (key, value) in [("telephone", &profile.phone), ("email", &profile.email), ("sameAs", &profile.website)] {
        if let Some(value) = value {
            object.insert(key, json!(value));
        }
    }
    if let Some(year) = profile.founded_year {
        object.insert("foundingDate", json!(year.to_string()));
    }
    let members: Vec<Value> = profile
        .people
        .iter()
        .map(|p| json!({"@type": "Person", "name": p.name.get(Lang::En), "jobTitle": p.title.get(Lang::En)}))
        .collect();
    if !members.is_empty() {
        object.insert("member", json!(members));
    }
    let networks: Vec<Value> = profile
        .networks
        .iter()
        .map(|n| json!({"@type": "Organization", "name": n.network.name.get(Lang::En), "url": format!("{public_url}/networks/{}", n.network.slug)}))
        .collect();
    if !networks.is_empty() {
        object.insert("memberOf", json!(networks));
    }
    serde_json::to_string(&object).unwrap_or_default().replace('<', "\\u003c")
}
