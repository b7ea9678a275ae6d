//! A network's discussion: its groups with their threads, a thread with its replies, writing (for the people of
//! the network's organisations) and moderating (for its coordinators).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::Row;

use crate::accounts::{Right, Rights};
use crate::newsletter::NetworkRef;
use crate::platform::auth::{MaybeUser, SignedIn};
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

const AUDITED_AS: &str = "discussion-thread";
const MAX_TITLE: usize = 200;
pub(super) const MAX_BODY: usize = 20_000;

/// What the reader may do in a network's discussion.
pub(super) struct Standing {
    user: Option<SignedIn>,
    pub(super) may_post: bool,
    pub(super) may_moderate: bool,
}

impl Standing {
    pub(super) async fn of(db: &Db, user: Option<SignedIn>, network_id: i64) -> sqlx::Result<Standing> {
        let Some(signed_in) = &user else { return Ok(Standing { user, may_post: false, may_moderate: false }) };
        let rights = Rights::of(db, signed_in);
        let may_moderate = rights.may(Right::CoordinateNetwork(network_id)).await?;
        let may_post = may_moderate || rights.may(Right::DiscussInNetwork(network_id)).await?;
        Ok(Standing { user, may_post, may_moderate })
    }

    fn user_id(&self) -> i64 {
        self.user.as_ref().map_or(0, |u| u.user_id)
    }

    /// The status a new post of this person gets: held while they have nothing visible in the network yet.
    async fn new_post_status(&self, db: &Db, network_id: i64) -> sqlx::Result<&'static str> {
        if self.may_moderate {
            return Ok("visible");
        }
        let known: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM discussion_posts p JOIN discussion_threads t ON t.id = p.thread_id \
             WHERE t.network_id = $1 AND p.author_id = $2 AND p.status = 'visible' LIMIT 1",
        )
        .bind(network_id)
        .bind(self.user_id())
        .fetch_optional(&db.pool)
        .await?;
        Ok(if known.is_some() { "visible" } else { "held" })
    }
}

pub struct ThreadLink {
    pub href: String,
    pub title: String,
    pub status: String,
    pub locked: bool,
    pub replies: i64,
    pub last_post_at: String,
}

pub struct GroupView {
    pub title: String,
    pub threads: Vec<ThreadLink>,
}

#[derive(Template)]
#[template(path = "discussion/network.html")]
struct NetworkPage {
    chrome: Chrome,
    slug: String,
    groups: Vec<GroupView>,
    group_choices: Vec<Choice>,
    may_post: bool,
    form: FormState,
    /// The reader's choice of mail, when they take part.
    mail: String,
    mail_choices: Vec<Choice>,
}

impl NetworkPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

/// The focal points of a network as groups: `(number, title)`.
async fn focal_points(db: &Db, network_id: i64, lang: Lang) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query("SELECT number, title FROM focal_points WHERE network_id = $1 ORDER BY number")
        .bind(network_id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|row| {
            let title = crate::platform::i18n::LocalizedText::from_json(&row.try_get::<String, _>("title")?);
            Ok((row.try_get("number")?, title.get(lang).to_string()))
        })
        .collect()
}

async fn network_page(
    db: &Db,
    network: &NetworkRef,
    standing: &Standing,
    lang: Lang,
    uri: &Uri,
    form: FormState,
) -> Result<NetworkPage, AppError> {
    let focal_points = focal_points(db, network.id, lang).await?;
    let rows = sqlx::query(
        "SELECT t.id, t.focal_point, t.title, t.status, t.locked, t.last_post_at, \
         (SELECT COUNT(*) FROM discussion_posts p WHERE p.thread_id = t.id AND p.status = 'visible') AS posts \
         FROM discussion_threads t WHERE t.network_id = $1 AND (t.status = 'visible' OR $2 = 1 OR t.author_id = $3) \
         ORDER BY t.last_post_at DESC, t.id DESC",
    )
    .bind(network.id)
    .bind(i64::from(standing.may_moderate))
    .bind(standing.user_id())
    .fetch_all(&db.pool)
    .await?;
    let mut groups: Vec<(Option<i64>, GroupView)> =
        vec![(None, GroupView { title: lang.t("discussion-general"), threads: vec![] })];
    groups.extend(
        focal_points.iter().map(|(number, title)| (Some(*number), GroupView { title: title.clone(), threads: vec![] })),
    );
    for row in &rows {
        let focal_point: Option<i64> = row.try_get("focal_point")?;
        let status: String = row.try_get("status")?;
        let link = ThreadLink {
            href: format!("/networks/{}/discussion/{}", network.slug, row.try_get::<i64, _>("id")?),
            title: row.try_get("title")?,
            status: if status == "visible" { String::new() } else { lang.t(&format!("discussion-status-{status}")) },
            locked: row.try_get::<i64, _>("locked")? != 0,
            replies: (row.try_get::<i64, _>("posts")? - 1).max(0),
            last_post_at: row.try_get::<String, _>("last_post_at")?.chars().take(10).collect(),
        };
        if let Some((_, group)) = groups.iter_mut().find(|(number, _)| *number == focal_point) {
            group.threads.push(link);
        }
    }
    let mut group_choices = vec![Choice { value: String::new(), label: lang.t("discussion-general") }];
    group_choices
        .extend(focal_points.into_iter().map(|(number, title)| Choice { value: number.to_string(), label: title }));
    let title = lang.t_with("discussion-title", &[("network", network.name.get(lang).to_string().into())]);
    Ok(NetworkPage {
        chrome: Chrome::new(lang, title, uri),
        slug: network.slug.to_string(),
        groups: groups.into_iter().map(|(_, group)| group).collect(),
        group_choices,
        may_post: standing.may_post,
        form,
        mail: super::notify::mode_of(db, network.id, standing.user_id()).await?.code().to_string(),
        mail_choices: super::notify::Mode::ALL
            .iter()
            .map(|m| Choice { value: m.code().into(), label: lang.t(&format!("discussion-mail-{}", m.code())) })
            .collect(),
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
    let standing = Standing::of(&db, user, network.id).await?;
    render(&network_page(&db, &network, &standing, lang, &uri, FormState::default()).await?)
}

/// A post's text from a form, checked.
pub(super) fn body(data: &FormData, form: &mut FormState, lang: Lang) -> String {
    let body = data.get("body");
    if body.is_empty() {
        form.fail("body", lang.t("discussion-body-required"));
    } else if body.chars().count() > MAX_BODY {
        form.fail("body", lang.t_count("form-too-long", MAX_BODY as i64));
    }
    body
}

/// The network of an address and the person's standing in it, refused unless they may post.
pub(super) async fn poster(db: &Db, rights: &Rights, slug: &Slug) -> Result<(NetworkRef, Standing), AppError> {
    let network = crate::newsletter::network(db, slug).await.found()?;
    let standing = Standing::of(db, Some(rights.user().clone()), network.id).await?;
    if !standing.may_post {
        return Err(AppError::Forbidden);
    }
    Ok((network, standing))
}

/// A new thread's fields, checked.
pub(super) struct NewThread {
    focal_point: Option<i64>,
    title: String,
    body: String,
}

/// A new thread of a network from a form (`group`: a focal point's number, empty for the general group),
/// failing the form's fields that are not acceptable.
pub(super) async fn read_thread(
    db: &Db,
    network_id: i64,
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
) -> sqlx::Result<NewThread> {
    let title = data.get("title");
    if title.is_empty() || title.chars().count() > MAX_TITLE {
        form.fail("title", lang.t_count("discussion-title-invalid", MAX_TITLE as i64));
    }
    let body = body(data, form, lang);
    let group = data.get("group");
    let focal_point: Option<i64> = if group.is_empty() { None } else { group.parse().ok() };
    let numbers: Vec<i64> = focal_points(db, network_id, lang).await?.into_iter().map(|(n, _)| n).collect();
    if !group.is_empty() && !focal_point.is_some_and(|n| numbers.contains(&n)) {
        form.fail("group", lang.t("edit-choose"));
    }
    Ok(NewThread { focal_point, title, body })
}

/// Starts a thread with its first post, held or visible by the author's standing. Returns the thread's id, the
/// post's and its status.
pub(super) async fn start_thread(
    db: &Db,
    standing: &Standing,
    network_id: i64,
    new: &NewThread,
) -> sqlx::Result<(i64, i64, &'static str)> {
    let status = standing.new_post_status(db, network_id).await?;
    let now = now_rfc3339();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO discussion_threads (network_id, focal_point, title, status, author_id, created_at, last_post_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(network_id)
    .bind(new.focal_point)
    .bind(&new.title)
    .bind(status)
    .bind(standing.user_id())
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    let post = add_post(&mut tx, id, standing.user_id(), &new.body, status).await?;
    tx.commit().await?;
    if status == "visible" {
        super::notify::enqueue(db, post).await?;
    }
    Ok((id, post, status))
}

pub async fn create_thread(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, standing) = poster(&db, &rights, &slug).await?;
    let mut form = FormState::from(&data);
    let new = read_thread(&db, network.id, &data, &mut form, lang).await?;
    if !form.is_valid() {
        let page = network_page(&db, &network, &standing, lang, &uri, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let (id, _, _) = start_thread(&db, &standing, network.id, &new).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/discussion/{id}")).into_response())
}

/// Writes a post; a visible one moves its thread up. Returns its id.
async fn add_post(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    thread: i64,
    author: i64,
    body: &str,
    status: &str,
) -> sqlx::Result<i64> {
    let now = now_rfc3339();
    let id = sqlx::query_scalar(
        "INSERT INTO discussion_posts (thread_id, author_id, body, status, created_at) VALUES ($1, $2, $3, $4, $5) \
         RETURNING id",
    )
    .bind(thread)
    .bind(author)
    .bind(body)
    .bind(status)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    if status == "visible" {
        sqlx::query("UPDATE discussion_threads SET last_post_at = $1 WHERE id = $2")
            .bind(&now)
            .bind(thread)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

/// Writes a reply of someone who may post in the thread, held or visible by their standing, and queues its mail
/// once visible. Returns the post's id and status.
pub(super) async fn write_reply(
    db: &Db,
    standing: &Standing,
    network_id: i64,
    thread_id: i64,
    body: &str,
) -> sqlx::Result<(i64, &'static str)> {
    let status = standing.new_post_status(db, network_id).await?;
    let mut tx = db.begin().await?;
    let post = add_post(&mut tx, thread_id, standing.user_id(), body, status).await?;
    tx.commit().await?;
    if status == "visible" {
        super::notify::enqueue(db, post).await?;
    }
    Ok((post, status))
}

/// A thread as its page shows it.
pub struct Thread {
    pub id: i64,
    pub network_id: i64,
    pub title: String,
    pub status: String,
    pub locked: bool,
}

pub struct PostView {
    pub id: i64,
    pub author: String,
    pub html: String,
    pub created_at: String,
    /// Said for a post not everyone sees (held, hidden).
    pub status: String,
    pub held: bool,
}

#[derive(Template)]
#[template(path = "discussion/thread.html")]
struct ThreadPage {
    chrome: Chrome,
    slug: String,
    thread: Thread,
    posts: Vec<PostView>,
    may_post: bool,
    may_moderate: bool,
    form: FormState,
}

/// The thread of an address, if the reader may see it.
pub(super) async fn thread(
    db: &Db,
    slug: &Slug,
    raw: &str,
    standing_of: Option<SignedIn>,
) -> Result<(NetworkRef, Thread, Standing), AppError> {
    let network = crate::newsletter::network(db, slug).await.found()?;
    let id: i64 = raw.parse().map_err(|_| AppError::NotFound)?;
    let standing = Standing::of(db, standing_of, network.id).await?;
    let row = sqlx::query(
        "SELECT title, status, locked, author_id FROM discussion_threads WHERE id = $1 AND network_id = $2",
    )
    .bind(id)
    .bind(network.id)
    .fetch_optional(&db.pool)
    .await
    .found()?;
    let status: String = row.try_get("status")?;
    let author: Option<i64> = row.try_get("author_id")?;
    if status != "visible" && !standing.may_moderate && author != Some(standing.user_id()) {
        return Err(AppError::NotFound);
    }
    let thread = Thread {
        id,
        network_id: network.id,
        title: row.try_get("title")?,
        status,
        locked: row.try_get::<i64, _>("locked")? != 0,
    };
    Ok((network, thread, standing))
}

async fn thread_page(
    db: &Db,
    slug: &Slug,
    thread: Thread,
    standing: &Standing,
    lang: Lang,
    uri: &Uri,
    form: FormState,
) -> Result<ThreadPage, AppError> {
    let rows = sqlx::query(
        "SELECT p.id, p.body, p.status, p.created_at, u.display_name FROM discussion_posts p \
         LEFT JOIN users u ON u.id = p.author_id \
         WHERE p.thread_id = $1 AND (p.status = 'visible' OR $2 = 1 OR p.author_id = $3) ORDER BY p.id",
    )
    .bind(thread.id)
    .bind(i64::from(standing.may_moderate))
    .bind(standing.user_id())
    .fetch_all(&db.pool)
    .await?;
    let posts = rows
        .iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            Ok(PostView {
                id: row.try_get("id")?,
                author: row.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
                html: crate::platform::markdown::to_safe_html(&row.try_get::<String, _>("body")?),
                created_at: row
                    .try_get::<String, _>("created_at")?
                    .chars()
                    .take(16)
                    .collect::<String>()
                    .replace('T', " "),
                held: status == "held",
                status: if status == "visible" {
                    String::new()
                } else {
                    lang.t(&format!("discussion-status-{status}"))
                },
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(ThreadPage {
        chrome: Chrome::new(lang, thread.title.clone(), uri),
        slug: slug.to_string(),
        posts,
        may_post: standing.may_post && !thread.locked && thread.status != "hidden",
        may_moderate: standing.may_moderate,
        thread,
        form,
    })
}

pub async fn show(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    Path((raw_slug, raw)): Path<(String, String)>,
) -> Result<Html<String>, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (_, thread, standing) = thread(&db, &slug, &raw, user).await?;
    render(&thread_page(&db, &slug, thread, &standing, lang, &uri, FormState::default()).await?)
}

pub async fn reply(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Path((raw_slug, raw)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (network, thread, standing) = thread(&db, &slug, &raw, Some(rights.user().clone())).await?;
    if !standing.may_post || thread.locked || thread.status == "hidden" {
        return Err(AppError::Forbidden);
    }
    let mut form = FormState::from(&data);
    let body = body(&data, &mut form, lang);
    if !form.is_valid() {
        let page = thread_page(&db, &slug, thread, &standing, lang, &uri, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    write_reply(&db, &standing, network.id, thread.id, &body).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/discussion/{}#end", thread.id)).into_response())
}

/// A coordinator's decision on a post; a thread shares its first post's fate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Decision {
    /// Let a held post through (or a hidden one back).
    Approve,
    Hide,
}

impl Decision {
    /// The decision of a moderation address's last part.
    fn of_action(action: &str) -> Option<Decision> {
        match action {
            "approve" => Some(Decision::Approve),
            "hide" => Some(Decision::Hide),
            _ => None,
        }
    }

    /// The decision that gives a post this status.
    pub(super) fn giving(status: &str) -> Option<Decision> {
        match status {
            "visible" => Some(Decision::Approve),
            "hidden" => Some(Decision::Hide),
            _ => None,
        }
    }

    fn action(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Hide => "hide",
        }
    }

    pub(super) fn status(self) -> &'static str {
        match self {
            Decision::Approve => "visible",
            Decision::Hide => "hidden",
        }
    }
}

/// Carries out a coordinator's decision on a post of the thread, queues its mail once it first shows, and records
/// it in the history. A post of another thread is not found.
pub(super) async fn decide(
    db: &Db,
    user_id: i64,
    thread: &Thread,
    post: i64,
    decision: Decision,
) -> Result<(), AppError> {
    let status = decision.status();
    let before: String = sqlx::query_scalar("SELECT status FROM discussion_posts WHERE id = $1 AND thread_id = $2")
        .bind(post)
        .bind(thread.id)
        .fetch_optional(&db.pool)
        .await
        .found()?;
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE discussion_posts SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(post)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE discussion_threads SET status = $1 WHERE id = $2 \
         AND $3 = (SELECT MIN(id) FROM discussion_posts WHERE thread_id = $2)",
    )
    .bind(status)
    .bind(thread.id)
    .bind(post)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if before == "held" && status == "visible" {
        super::notify::enqueue(db, post).await?;
    }
    crate::platform::audit::record(
        db,
        Some(user_id),
        &format!("discussion.{}", decision.action()),
        AUDITED_AS,
        Some(thread.id),
        Some(&json!({ "post": post, "status": before })),
        Some(&json!({ "post": post, "status": status })),
    )
    .await?;
    Ok(())
}

pub async fn moderate_post(
    State(db): State<Db>,
    rights: Rights,
    Path((raw_slug, raw, raw_post, action)): Path<(String, String, String, String)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (_, thread, _) = thread(&db, &slug, &raw, Some(rights.user().clone())).await?;
    rights.require(Right::CoordinateNetwork(thread.network_id)).await?;
    let decision = Decision::of_action(&action).ok_or(AppError::NotFound)?;
    let post: i64 = raw_post.parse().map_err(|_| AppError::NotFound)?;
    decide(&db, rights.user().user_id, &thread, post, decision).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/discussion/{}", thread.id)).into_response())
}

/// Locks a thread against replies, or opens it again, on behalf of a coordinator, in the history.
pub(super) async fn set_locked(db: &Db, user_id: i64, thread: &Thread, locked: bool) -> sqlx::Result<()> {
    sqlx::query("UPDATE discussion_threads SET locked = $1 WHERE id = $2")
        .bind(i64::from(locked))
        .bind(thread.id)
        .execute(&db.pool)
        .await?;
    crate::platform::audit::record(
        db,
        Some(user_id),
        if locked { "discussion.lock" } else { "discussion.unlock" },
        AUDITED_AS,
        Some(thread.id),
        Some(&json!({ "locked": thread.locked })),
        Some(&json!({ "locked": locked })),
    )
    .await
}

/// A coordinator locks a thread against replies, or opens it again.
pub async fn moderate_thread(
    State(db): State<Db>,
    rights: Rights,
    Path((raw_slug, raw, action)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let (_, thread, _) = thread(&db, &slug, &raw, Some(rights.user().clone())).await?;
    rights.require(Right::CoordinateNetwork(thread.network_id)).await?;
    let locked = match action.as_str() {
        "lock" => true,
        "unlock" => false,
        _ => return Err(AppError::NotFound),
    };
    set_locked(&db, rights.user().user_id, &thread, locked).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/discussion/{}", thread.id)).into_response())
}

/// The reader chooses how they hear of new posts in the network's groups.
pub async fn choose_mail(
    State(db): State<Db>,
    lang: Lang,
    rights: Rights,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (network, standing) = poster(&db, &rights, &slug).await?;
    let mode = super::notify::Mode::parse(&data.get("mail"))
        .ok_or_else(|| AppError::bad("mail", crate::platform::web::Problem::Unknown(data.get("mail"))))?;
    super::notify::choose(&db, network.id, standing.user_id(), mode, lang).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/discussion#mail")).into_response())
}
