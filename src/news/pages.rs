//! News pages: every post, a network's posts and its Atom feed, a post, and the form coordinators (for their
//! networks) and administrators (for all) post with.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;

use super::post::{self, Draft, NewsLink, Post, PostKind};
use crate::accounts::{Right, Rights};
use crate::platform::auth::MaybeUser;
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, query_pairs, render};
use crate::state::AppState;

const AUDITED_AS: &str = "news-post";
/// How many posts a list and a feed show.
const SHOWN: i64 = 50;

#[derive(Template)]
#[template(path = "news/list.html")]
struct ListPage {
    chrome: Chrome,
    posts: Vec<NewsLink>,
    /// The network's slug, for its feed and its form.
    network: Option<String>,
    may_post: bool,
}

/// Whether the person may post for the network (`None`: for all).
async fn may_post(
    db: &Db,
    user: Option<&crate::platform::auth::SignedIn>,
    network_id: Option<i64>,
) -> sqlx::Result<bool> {
    let Some(user) = user else { return Ok(false) };
    let rights = Rights::of(db, user);
    match network_id {
        Some(id) => rights.may(Right::CoordinateNetwork(id)).await,
        None => Ok(!rights.coordinated_networks().await?.is_empty()),
    }
}

pub async fn all(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let posts = post::list(&db, None, SHOWN).await?.iter().map(|p| NewsLink::of(p, lang)).collect();
    render(&ListPage {
        chrome: Chrome::new(lang, lang.t("news-title"), &uri),
        posts,
        network: None,
        may_post: may_post(&db, user.as_ref(), None).await?,
    })
}

pub async fn network(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let network = crate::newsletter::network(&db, &slug).await.found()?;
    let posts = post::list(&db, Some(network.id), SHOWN).await?.iter().map(|p| NewsLink::of(p, lang)).collect();
    let title = lang.t_with("news-network-title", &[("network", network.name.get(lang).to_string().into())]);
    render(&ListPage {
        chrome: Chrome::new(lang, title, &uri),
        posts,
        network: Some(slug.to_string()),
        may_post: may_post(&db, user.as_ref(), Some(network.id)).await?,
    })
}

#[derive(Template)]
#[template(path = "news/post.html")]
struct PostPage {
    chrome: Chrome,
    post: Post,
    kind: String,
    shown: &'static str,
    fallback: Option<String>,
    network_name: Option<String>,
    body: String,
    may_delete: bool,
}

fn post_id(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// The right a post's network asks of whoever changes it.
pub(super) fn right_over(network_id: Option<i64>) -> Right {
    network_id.map_or(Right::Administer, Right::CoordinateNetwork)
}

pub async fn show(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    Path(raw): Path<String>,
) -> Result<Html<String>, AppError> {
    let post = post::load(&db, post_id(&raw)?).await.found()?;
    let shown = post.title.shown_language(lang);
    let may_delete = match &user {
        Some(user) => Rights::of(&db, user).may(right_over(post.network_id)).await?,
        None => false,
    };
    render(&PostPage {
        chrome: Chrome::new(lang, post.title.get(lang).to_string(), &uri),
        kind: post.kind.label(lang),
        shown: shown.code(),
        fallback: (shown != lang).then(|| {
            lang.t_with("library-fallback", &[("wanted", lang.endonym().into()), ("shown", shown.endonym().into())])
        }),
        network_name: post.network.as_ref().map(|(_, name)| name.get(lang).to_string()),
        body: crate::platform::markdown::to_safe_html(post.body.get(shown)),
        may_delete,
        post,
    })
}

#[derive(Template)]
#[template(path = "news/form.html")]
struct FormPage {
    chrome: Chrome,
    scopes: Vec<Choice>,
    kinds: Vec<Choice>,
    form: FormState,
}

impl FormPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }

    /// The networks the person may post for, and "every network" for administrators.
    async fn new(db: &Db, rights: &Rights, lang: Lang, uri: &Uri, form: FormState) -> Result<FormPage, AppError> {
        let coordinated = rights.coordinated_networks().await?;
        if coordinated.is_empty() {
            return Err(AppError::Forbidden);
        }
        let mut scopes = Vec::new();
        if rights.is_admin() {
            scopes.push(Choice { value: String::new(), label: lang.t("news-every-network") });
        }
        for network in crate::networks::all_networks(db).await? {
            if coordinated.contains(&network.id) {
                scopes.push(Choice { value: network.slug.clone(), label: network.name.get(lang).to_string() });
            }
        }
        Ok(FormPage {
            chrome: Chrome::new(lang, lang.t("news-new-title"), uri),
            scopes,
            kinds: PostKind::choices(lang),
            form,
        })
    }
}

pub async fn new_form(State(db): State<Db>, lang: Lang, uri: Uri, rights: Rights) -> Result<Html<String>, AppError> {
    let mut form = FormState::default();
    if let Some((_, slug)) = query_pairs(&uri)?.into_iter().find(|(name, _)| name == "network") {
        form.values.insert("network".into(), slug);
    }
    render(&FormPage::new(&db, &rights, lang, &uri, form).await?)
}

pub async fn create(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    let scope = data.get("network");
    let network_id = if scope.is_empty() {
        None
    } else {
        let network = match Slug::parse(&scope) {
            Some(slug) => crate::newsletter::network(&db, &slug).await?,
            None => None,
        };
        match network {
            Some(network) => Some(network.id),
            None => {
                form.fail("network", lang.t("edit-choose"));
                None
            }
        }
    };
    if form.is_valid() {
        rights.require(right_over(network_id)).await?;
    }
    let Some(draft) = Draft::read(&data, &mut form, lang).filter(|_| form.is_valid()) else {
        let page = FormPage::new(&db, &rights, lang, &uri, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let id = publish(&db, rights.user().user_id, network_id, &draft).await?;
    Ok(Redirect::to(&format!("/news/{id}")).into_response())
}

/// Publishes a post of `user_id` (who holds the right over its network), in the history. Returns its id.
pub(super) async fn publish(db: &Db, user_id: i64, network_id: Option<i64>, draft: &Draft) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO news_posts (network_id, kind, title, body, deadline, published_at, author_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(network_id)
    .bind(draft.kind.code())
    .bind(draft.title.to_json())
    .bind(draft.body.to_json())
    .bind(&draft.deadline)
    .bind(now_rfc3339())
    .bind(user_id)
    .fetch_one(&db.pool)
    .await?;
    let after = json!({
        "network": network_id, "kind": draft.kind.code(), "title": draft.title, "body": draft.body,
        "deadline": draft.deadline,
    });
    crate::platform::audit::record(db, Some(user_id), "news.create", AUDITED_AS, Some(id), None, Some(&after)).await?;
    Ok(id)
}

pub async fn delete(State(db): State<Db>, rights: Rights, Path(raw): Path<String>) -> Result<Response, AppError> {
    let post = post::load(&db, post_id(&raw)?).await.found()?;
    rights.require(right_over(post.network_id)).await?;
    remove(&db, rights.user().user_id, &post).await?;
    let back = post.network.map_or_else(|| "/news".to_string(), |(slug, _)| format!("/networks/{slug}/news"));
    Ok(Redirect::to(&back).into_response())
}

/// Deletes a post on behalf of a person who holds the right over its network, in the history.
pub(super) async fn remove(db: &Db, user_id: i64, post: &Post) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM news_posts WHERE id = $1").bind(post.id).execute(&db.pool).await?;
    let before = json!({ "network": post.network_id, "kind": post.kind.code(), "title": post.title });
    crate::platform::audit::record(db, Some(user_id), "news.delete", AUDITED_AS, Some(post.id), Some(&before), None)
        .await
}

/// A network's posts (its own and those for all) as an Atom feed, in the reader's language where written in it.
pub async fn feed(State(state): State<AppState>, lang: Lang, SlugPath(slug): SlugPath) -> Result<Response, AppError> {
    use atom_syndication::{CategoryBuilder, ContentBuilder, EntryBuilder, FeedBuilder, FixedDateTime, LinkBuilder};
    let network = crate::newsletter::network(&state.db, &slug).await.found()?;
    let posts = post::list(&state.db, Some(network.id), SHOWN).await?;
    let time = |text: &str| {
        FixedDateTime::parse_from_rfc3339(text)
            .unwrap_or_else(|_| FixedDateTime::parse_from_rfc3339("2004-01-01T00:00:00Z").expect("a fixed date"))
    };
    let base = &state.public_url;
    let entries: Vec<atom_syndication::Entry> = posts
        .iter()
        .map(|post| {
            let shown = post.title.shown_language(lang);
            EntryBuilder::default()
                .id(format!("{base}{}", post.href()))
                .title(post.title.get(lang).to_string())
                .updated(time(&post.published_at))
                .categories(vec![CategoryBuilder::default().term(post.kind.code().to_string()).build()])
                .links(vec![
                    LinkBuilder::default()
                        .href(format!("{base}{}?lang={}", post.href(), lang.code()))
                        .rel("alternate")
                        .build(),
                ])
                .content(
                    ContentBuilder::default()
                        .content_type(Some("html".to_string()))
                        .lang(Some(shown.code().to_string()))
                        .value(Some(crate::platform::markdown::to_safe_html(post.body.get(shown))))
                        .build(),
                )
                .build()
        })
        .collect();
    let address = format!("{base}/networks/{slug}/news");
    let name = LocalizedText::get(&network.name, lang).to_string();
    let feed = FeedBuilder::default()
        .id(format!("{address}/feed.atom"))
        .title(lang.t_with("news-network-title", &[("network", name.into())]))
        .updated(posts.first().map_or_else(|| time(""), |post| time(&post.published_at)))
        .lang(Some(lang.code().to_string()))
        .links(vec![
            LinkBuilder::default().href(format!("{address}/feed.atom")).rel("self").build(),
            LinkBuilder::default().href(address.clone()).rel("alternate").build(),
        ])
        .entries(entries)
        .build();
    Ok(([(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"))], feed.to_string())
        .into_response())
}
