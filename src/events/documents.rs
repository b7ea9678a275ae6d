//! The documents and slides of a programme's sessions: uploaded by the event's organisers (a type the portal
//! accepts, recognised by its first bytes, within a size limit), kept in the database or in the S3-compatible
//! store when one is configured, so that every instance serves them, and downloaded by anyone as an attachment.

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::Row;

use super::pages::item_to_run;
use crate::platform::audit;
use crate::platform::auth::RequireUser;
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::files::{self, StoredFile};
use crate::platform::i18n::Lang;
use crate::platform::objects::FileStore;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Found, Problem};

/// The largest document a session takes: slides with pictures, not recordings.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// A session's document, as the programme lists it.
#[derive(Debug, Clone)]
pub struct SessionDocument {
    pub id: i64,
    pub session_id: i64,
    pub file_name: String,
    pub size: i64,
}

impl SessionDocument {
    /// Its size in kilobytes, at least one.
    pub fn kilobytes(&self) -> i64 {
        (self.size / 1024).max(1)
    }
}

/// The documents of an event's sessions, in the order they were uploaded.
pub async fn of_event(db: &Db, event_id: i64) -> sqlx::Result<Vec<SessionDocument>> {
    sqlx::query(
        "SELECT f.id AS id, f.session_id AS session_id, f.file_name AS file_name, f.size AS size \
         FROM event_session_files f JOIN event_sessions s ON s.id = f.session_id WHERE s.event_id = $1 ORDER BY f.id",
    )
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(SessionDocument {
            id: row.try_get("id")?,
            session_id: row.try_get("session_id")?,
            file_name: row.try_get("file_name")?,
            size: row.try_get("size")?,
        })
    })
    .collect()
}

/// Attaches an uploaded document to a session of the event.
pub async fn upload(
    State(db): State<Db>,
    State(store): State<FileStore>,
    lang: Lang,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let (event, session_id) = item_to_run(&db, &user, &item).await?;
    let session: Option<i64> = sqlx::query_scalar("SELECT id FROM event_sessions WHERE id = $1 AND event_id = $2")
        .bind(session_id)
        .bind(event.id)
        .fetch_optional(&db.pool)
        .await?;
    session.ok_or(AppError::NotFound)?;
    let mut multipart = multipart.map_err(files::rejected)?;
    let (mut file_name, mut file) = (String::new(), Some(StoredFile::empty()));
    while let Some(mut field) = multipart.next_field().await.map_err(files::unreadable)? {
        if field.name() == Some("file") {
            file_name = files::clean_file_name(field.file_name().unwrap_or_default());
            file = files::read_field(&mut field, MAX_DOCUMENT_BYTES as u64).await.map_err(files::unreadable)?;
            break;
        }
    }
    let refused = |key: &str| AppError::bad("file", Problem::Invalid(lang.t(key)));
    let file = match file {
        None => return Err(AppError::TooLarge),
        Some(file) if file.size == 0 => return Err(refused("events-document-missing")),
        Some(file) if file.content_type.is_none() => return Err(refused("events-document-type")),
        Some(file) => file,
    };
    let size = i64::try_from(file.size).unwrap_or(i64::MAX);
    let kept = store.put("events", &file).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO event_session_files (session_id, file_name, content_type, size, sha256, content, object_key, \
                                          uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(session_id)
    .bind(&file_name)
    .bind(file.content_type.unwrap_or_default())
    .bind(size)
    .bind(&file.sha256)
    .bind(&kept.content)
    .bind(&kept.object_key)
    .bind(now_rfc3339())
    .bind(user.user_id)
    .fetch_one(&db.pool)
    .await?;
    let after =
        json!({"document": id, "session": session_id, "file_name": file_name, "size": size, "sha256": file.sha256});
    audit::record(&db, Some(user.user_id), "event.document-add", "event", Some(event.id), None, Some(&after)).await?;
    Ok(Redirect::to(&format!("/events/{}/programme/edit", event.slug)).into_response())
}

/// Sends a session's document to anyone, as an attachment of the type its bytes showed.
pub async fn download(
    State(db): State<Db>,
    State(store): State<FileStore>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&slug).ok_or(AppError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let row = sqlx::query(
        "SELECT f.file_name AS file_name, f.content_type AS content_type, f.content AS content, \
         f.object_key AS object_key FROM event_session_files f JOIN event_sessions s ON s.id = f.session_id JOIN events e ON e.id = s.event_id \
         WHERE f.id = $1 AND e.slug = $2",
    )
    .bind(id)
    .bind(slug.as_str())
    .fetch_optional(&db.pool)
    .await
    .found()?;
    let bytes = store
        .read(&row.try_get::<String, _>("content")?, row.try_get::<Option<String>, _>("object_key")?.as_deref())
        .await?;
    Ok(files::attachment(&row.try_get::<String, _>("file_name")?, &row.try_get::<String, _>("content_type")?, bytes))
}

/// Removes a document of one of the event's sessions, and its object from the store where it is kept there.
pub async fn delete(
    State(db): State<Db>,
    State(store): State<FileStore>,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event, id) = item_to_run(&db, &user, &item).await?;
    let removed: Option<(String, i64, Option<String>)> = sqlx::query_as(
        "DELETE FROM event_session_files WHERE id = $1 \
         AND session_id IN (SELECT id FROM event_sessions WHERE event_id = $2) RETURNING file_name, size, object_key",
    )
    .bind(id)
    .bind(event.id)
    .fetch_optional(&db.pool)
    .await?;
    let (file_name, size, object_key) = removed.ok_or(AppError::NotFound)?;
    store.delete(&object_key.into_iter().collect::<Vec<_>>()).await?;
    let before = json!({"document": id, "file_name": file_name, "size": size});
    audit::record(&db, Some(user.user_id), "event.document-remove", "event", Some(event.id), Some(&before), None)
        .await?;
    Ok(Redirect::to(&format!("/events/{}/programme/edit", event.slug)).into_response())
}
