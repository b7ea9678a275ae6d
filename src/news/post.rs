//! A post: news, a call for proposals or a deadline, for one network or for all; reading one from a form and
//! the queries that list them.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::directory::code_enum;
use crate::platform::clock::parse_day;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};

code_enum! {
    /// What a post announces.
    PostKind, "news-kind" {
        News => "news",
        Call => "call",
        Deadline => "deadline",
    }
}

const MAX_TITLE: usize = 200;
const MAX_BODY: usize = 20_000;

/// A post as a form gives it, checked.
pub struct Draft {
    pub kind: PostKind,
    pub title: LocalizedText,
    pub body: LocalizedText,
    /// `YYYY-MM-DD`; a deadline needs one, a call may have one.
    pub deadline: Option<String>,
}

impl Draft {
    /// Reads a posted form; each problem is set beside its field.
    pub fn read(data: &FormData, form: &mut FormState, lang: Lang) -> Option<Draft> {
        let kind = PostKind::parse(&data.get("kind"));
        if kind.is_none() {
            form.fail("kind", lang.t("edit-choose"));
        }
        let title = data.localized("title", MAX_TITLE, form, lang);
        let body = data.localized("body", MAX_BODY, form, lang);
        if title.is_empty() {
            form.fail("title_en", lang.t("news-title-required"));
        }
        for l in Lang::ALL {
            let (has_title, has_body) = (title.0.contains_key(&l), body.0.contains_key(&l));
            if has_body && !has_title {
                form.fail(&format!("title_{}", l.code()), lang.t("news-title-required"));
            }
        }
        let deadline_text = data.get("deadline");
        let deadline = parse_day(&deadline_text).map(|day| day.to_string());
        if (!deadline_text.is_empty() && deadline.is_none()) || (kind == Some(PostKind::Deadline) && deadline.is_none())
        {
            form.fail("deadline", lang.t("news-deadline-invalid"));
        }
        match kind {
            Some(kind) if form.is_valid() => Some(Draft { kind, title, body, deadline }),
            _ => None,
        }
    }
}

/// A post as pages, feeds and the API show it.
#[derive(Clone, Debug)]
pub struct Post {
    pub id: i64,
    pub kind: PostKind,
    /// The network it is for, as `(slug, name)`; `None`: every network.
    pub network: Option<(String, LocalizedText)>,
    pub network_id: Option<i64>,
    pub title: LocalizedText,
    pub body: LocalizedText,
    pub deadline: Option<String>,
    pub published_at: String,
}

impl Post {
    pub fn href(&self) -> String {
        format!("/news/{}", self.id)
    }
}

const SELECT: &str = "SELECT p.id, p.kind, p.network_id, n.slug AS network_slug, n.name AS network_name, p.title, \
    p.body, p.deadline, p.published_at FROM news_posts p LEFT JOIN networks n ON n.id = p.network_id";

fn post(row: &AnyRow) -> sqlx::Result<Post> {
    let network = match row.try_get::<Option<String>, _>("network_slug")? {
        Some(slug) => Some((slug, LocalizedText::from_json(&row.try_get::<String, _>("network_name")?))),
        None => None,
    };
    Ok(Post {
        id: row.try_get("id")?,
        kind: PostKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(PostKind::News),
        network,
        network_id: row.try_get("network_id")?,
        title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
        body: LocalizedText::from_json(&row.try_get::<String, _>("body")?),
        deadline: row.try_get("deadline")?,
        published_at: row.try_get("published_at")?,
    })
}

pub async fn load(db: &Db, id: i64) -> sqlx::Result<Option<Post>> {
    let sql = format!("{SELECT} WHERE p.id = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(&db.pool).await?.as_ref().map(post).transpose()
}

/// The newest posts a network's readers get (its own and those for all; every post when `network_id` is
/// `None`), newest first.
pub async fn list(db: &Db, network_id: Option<i64>, limit: i64) -> sqlx::Result<Vec<Post>> {
    let sql = format!(
        "{SELECT} WHERE $1 = 0 OR p.network_id IS NULL OR p.network_id = $1 ORDER BY p.published_at DESC, p.id DESC \
         LIMIT $2"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(network_id.unwrap_or(0))
        .bind(limit)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(post)
        .collect()
}

/// A post as a list shows it, in the reader's language where it was written in it.
pub struct NewsLink {
    pub href: String,
    pub title: String,
    pub lang: &'static str,
    pub kind: String,
    /// The day it was posted.
    pub date: String,
    pub deadline: Option<String>,
}

impl NewsLink {
    pub fn of(post: &Post, lang: Lang) -> NewsLink {
        NewsLink {
            href: post.href(),
            title: post.title.get(lang).to_string(),
            lang: post.title.shown_language(lang).code(),
            kind: post.kind.label(lang),
            date: post.published_at.chars().take(10).collect(),
            deadline: post.deadline.clone(),
        }
    }
}

/// The newest posts of every network, for the home page.
pub async fn latest(db: &Db, lang: Lang, limit: i64) -> sqlx::Result<Vec<NewsLink>> {
    Ok(list(db, None, limit).await?.iter().map(|post| NewsLink::of(post, lang)).collect())
}
