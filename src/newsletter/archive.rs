//! The public side of sent issues: each network's archive, its Atom feed,
//! and each issue's web version.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use sqlx::Row;

use super::NetworkRef;
use super::campaign::in_lang;
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, render};
use crate::state::AppState;

pub struct IssueLink {
    pub href: String,
    pub subject: String,
    /// The day it was sent, `YYYY-MM-DD`.
    pub date: String,
}

pub(super) struct SentIssue {
    pub id: i64,
    pub subject: LocalizedText,
    pub body: LocalizedText,
    pub main: Lang,
    pub finished_at: String,
}

/// Sent issues, newest first; cancelled ones and those still sending stay out.
pub(super) async fn sent_issues(
    db: &Db,
    network_id: i64,
    only: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<SentIssue>> {
    let rows = sqlx::query(
        "SELECT id, subject, body, main_lang, finished_at FROM newsletter_campaigns \
         WHERE network_id = $1 AND status = 'sent' AND ($2 = 0 OR id = $2) ORDER BY finished_at DESC, id DESC LIMIT $3",
    )
    .bind(network_id)
    .bind(only.unwrap_or(0))
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(SentIssue {
                id: row.try_get("id")?,
                subject: LocalizedText::from_json(&row.try_get::<String, _>("subject")?),
                body: LocalizedText::from_json(&row.try_get::<String, _>("body")?),
                main: Lang::parse(&row.try_get::<String, _>("main_lang")?).unwrap_or_default(),
                finished_at: row.try_get::<Option<String>, _>("finished_at")?.unwrap_or_default(),
            })
        })
        .collect()
}

pub async fn issues(db: &Db, network: &NetworkRef, lang: Lang) -> sqlx::Result<Vec<IssueLink>> {
    Ok(sent_issues(db, network.id, None, 200)
        .await?
        .into_iter()
        .map(|issue| IssueLink {
            href: format!("/networks/{}/newsletter/issues/{}", network.slug, issue.id),
            subject: in_lang(&issue.subject, lang, issue.main).to_string(),
            date: issue.finished_at.chars().take(10).collect(),
        })
        .collect())
}

#[derive(Template)]
#[template(path = "newsletter/issue.html")]
struct IssuePage {
    chrome: Chrome,
    slug: String,
    network_name: String,
    date: String,
    body: String,
    /// The language the issue is shown in, and why when it is not the reader's.
    text_lang: &'static str,
    fallback: Option<String>,
}

/// An issue's web version, in the reader's language where it was written in it.
pub async fn issue_page(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Html<String>, AppError> {
    let slug = Slug::parse(&slug).ok_or(AppError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let network = super::network(&db, &slug).await.found()?;
    let issue = sent_issues(&db, network.id, Some(id), 1).await?.pop().ok_or(AppError::NotFound)?;
    let written_in_lang = issue.body.0.get(&lang).is_some_and(|text| !text.trim().is_empty());
    let shown = if written_in_lang { lang } else { issue.main };
    let page = IssuePage {
        chrome: Chrome::new(lang, in_lang(&issue.subject, lang, issue.main).to_string(), &uri),
        slug: slug.to_string(),
        network_name: network.name.get(lang).to_string(),
        date: issue.finished_at.chars().take(10).collect(),
        body: crate::platform::markdown::to_safe_html(in_lang(&issue.body, lang, issue.main)),
        text_lang: shown.code(),
        fallback: (shown != lang).then(|| {
            let shown_name = lang.t(&format!("language-name-{}", shown.code()));
            lang.t_with("newsletter-issue-fallback", &[("shown", shown_name.into())])
        }),
    };
    render(&page)
}

/// The archive as an Atom feed, with each issue's text in full.
pub async fn feed(
    State(state): State<AppState>,
    lang: Lang,
    crate::platform::web::SlugPath(slug): crate::platform::web::SlugPath,
) -> Result<Response, AppError> {
    use atom_syndication::{ContentBuilder, EntryBuilder, FeedBuilder, LinkBuilder};
    let network = super::network(&state.db, &slug).await.found()?;
    let issues = sent_issues(&state.db, network.id, None, 50).await?;
    let base = format!("{}/networks/{slug}/newsletter", state.public_url);
    let parse_time = |text: &str| {
        atom_syndication::FixedDateTime::parse_from_rfc3339(text).unwrap_or_else(|_| {
            atom_syndication::FixedDateTime::parse_from_rfc3339("2004-01-01T00:00:00Z").expect("a fixed date")
        })
    };
    let entries: Vec<atom_syndication::Entry> = issues
        .iter()
        .map(|issue| {
            let href = format!("{base}/issues/{}?lang={}", issue.id, lang.code());
            EntryBuilder::default()
                .id(format!("{base}/issues/{}", issue.id))
                .title(in_lang(&issue.subject, lang, issue.main).to_string())
                .updated(parse_time(&issue.finished_at))
                .links(vec![LinkBuilder::default().href(href).rel("alternate").build()])
                .content(
                    ContentBuilder::default()
                        .content_type(Some("html".to_string()))
                        .value(Some(crate::platform::markdown::to_safe_html(in_lang(&issue.body, lang, issue.main))))
                        .build(),
                )
                .build()
        })
        .collect();
    let updated = issues.first().map_or_else(|| parse_time(""), |issue| parse_time(&issue.finished_at));
    let feed = FeedBuilder::default()
        .id(format!("{base}/feed.atom"))
        .title(lang.t_with("newsletter-title", &[("network", network.name.get(lang).to_string().into())]))
        .updated(updated)
        .lang(Some(lang.code().to_string()))
        .links(vec![
            LinkBuilder::default().href(format!("{base}/feed.atom")).rel("self").build(),
            LinkBuilder::default().href(base.clone()).rel("alternate").build(),
        ])
        .entries(entries)
        .build();
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"))], feed.to_string())
        .into_response())
}
