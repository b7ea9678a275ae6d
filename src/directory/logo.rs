//! An organisation's logo: a small image its editors upload, kept in the database (base64 text, as every
//! instance must serve it) and served at an address of its own.

use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use sqlx::Row;

use super::edit::edit_page;
use super::organization::load;
use crate::accounts::{Right, Rights};
use crate::platform::auth::RequireUser;
use crate::platform::db::Db;
use crate::platform::forms::FormState;
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Found, SlugPath, render};

/// The largest logo accepted.
pub const MAX_LOGO_BYTES: usize = 200 * 1024;
/// What the upload's route accepts, so that a somewhat larger file still gets a page saying why it was refused.
pub const UPLOAD_LIMIT: usize = 1024 * 1024;

/// The type of an image a logo may be, told by its first bytes whatever its name or declared type says.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', ..] => Some("image/png"),
        [0xff, 0xd8, 0xff, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("image/gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

/// The logo, with the headers that let browsers keep it and never take it for anything but an image.
pub async fn logo(State(db): State<Db>, SlugPath(slug): SlugPath, headers: HeaderMap) -> Result<Response, AppError> {
    let row = sqlx::query(
        "SELECT l.content_type AS content_type, l.content AS content, l.updated_at AS updated_at \
         FROM organization_logos l JOIN organizations o ON o.id = l.organization_id WHERE o.slug = $1",
    )
    .bind(slug.as_str())
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let etag = format!("\"{}\"", row.try_get::<i64, _>("updated_at")?);
    let cache = [
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        (header::ETAG, HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.into()))?),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
    ];
    if headers.get(header::IF_NONE_MATCH).is_some_and(|tag| tag.as_bytes() == etag.as_bytes()) {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    let content_type: String = row.try_get("content_type")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(row.try_get::<String, _>("content")?)
        .map_err(|e| AppError::Internal(e.into()))?;
    let content_type = HeaderValue::from_str(&content_type).map_err(|e| AppError::Internal(e.into()))?;
    Ok((cache, [(header::CONTENT_TYPE, content_type)], bytes).into_response())
}

/// The edit page again, with what is wrong with the logo beside its field.
async fn refused(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    slug: &crate::platform::values::Slug,
    key: &str,
) -> Result<Response, AppError> {
    let (_, version, record) = load(db, slug).await.found()?;
    let mut form = FormState { values: record.to_fields(), ..FormState::default() };
    let message = lang.t_with(key, &[("max", ((MAX_LOGO_BYTES / 1024) as i64).into())]);
    form.fail("logo", message);
    let page = edit_page(db, lang, uri, slug, &record, version, form).await?;
    Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response())
}

/// Replaces the logo with the uploaded image, or removes it when the form asks to.
pub async fn upload(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let (id, _, _) = load(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::EditOrganization(id)).await?;
    let Ok(mut multipart) = multipart else {
        return refused(&db, lang, &uri, &slug, "profiles-logo-missing").await;
    };
    let (mut image, mut remove) = (None, false);
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("logo") => match field.bytes().await {
                Ok(bytes) => image = Some(bytes),
                Err(_) => return refused(&db, lang, &uri, &slug, "profiles-logo-too-large").await,
            },
            Ok(Some(field)) => remove |= field.name() == Some("remove"),
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return refused(&db, lang, &uri, &slug, "profiles-logo-too-large").await;
            }
            Err(_) => return refused(&db, lang, &uri, &slug, "profiles-logo-missing").await,
        }
    }
    let details = if remove {
        sqlx::query("DELETE FROM organization_logos WHERE organization_id = $1").bind(id).execute(&db.pool).await?;
        serde_json::json!({ "logo": null })
    } else {
        let Some(bytes) = image.filter(|bytes| !bytes.is_empty()) else {
            return refused(&db, lang, &uri, &slug, "profiles-logo-missing").await;
        };
        if bytes.len() > MAX_LOGO_BYTES {
            return refused(&db, lang, &uri, &slug, "profiles-logo-too-large").await;
        }
        let Some(content_type) = image_type(&bytes) else {
            return refused(&db, lang, &uri, &slug, "profiles-logo-type").await;
        };
        sqlx::query(
            "INSERT INTO organization_logos (organization_id, content_type, content, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (organization_id) DO UPDATE SET content_type = excluded.content_type, \
             content = excluded.content, updated_at = excluded.updated_at",
        )
        .bind(id)
        .bind(content_type)
        .bind(base64::engine::general_purpose::STANDARD.encode(&bytes))
        .bind((time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64)
        .execute(&db.pool)
        .await?;
        serde_json::json!({ "logo": { "type": content_type, "bytes": bytes.len() } })
    };
    crate::platform::audit::record(
        &db,
        Some(user.user_id),
        "organization.logo",
        "organization",
        Some(id),
        None,
        Some(&details),
    )
    .await?;
    Ok(Redirect::to(&format!("/organizations/{slug}?saved=1")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_told_by_their_first_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(image_type(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Some("image/jpeg"));
        assert_eq!(image_type(b"GIF89a\x01\0\x01\0"), Some("image/gif"));
        assert_eq!(image_type(b"RIFF\x24\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_type(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
        assert_eq!(image_type(b"RIFF\x24\0\0\0WAVEfmt "), None);
        assert_eq!(image_type(b""), None);
    }
}
