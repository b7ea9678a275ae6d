//! Administrators import organisations by uploading a file: a dry run lists
//! every problem by line and column and writes nothing; once the file is
//! right, a confirmation imports it. Between the two the file waits in the
//! database under a random id, so that whichever instance the confirmation
//! reaches finds it, and it is deleted once imported. Both steps read the file
//! from a scratch copy in the data folder, as the import streams it.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use base64::engine::general_purpose::STANDARD as BASE64;
use tempfile::NamedTempFile;

use super::import::{self, Format, Outcome, Problem};
use crate::platform::auth::{RequireUser, now_secs};
use crate::platform::db::Db;
use crate::platform::forms::FormState;
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, render};
use crate::state::AppState;

/// The largest file an upload takes; the CLI takes any size.
pub const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

/// Files waiting for confirmation longer than this are deleted.
const WAITING_SECS: i64 = 24 * 60 * 60;

#[derive(Template)]
#[template(path = "directory/import.html")]
struct ImportPage {
    chrome: Chrome,
    form: FormState,
    problems: Vec<Problem>,
    /// After a clean dry run: the waiting file's id and what importing it would do.
    ready: Option<(String, Outcome)>,
    done: Option<Outcome>,
}

impl ImportPage {
    fn new(lang: Lang, uri: &Uri) -> ImportPage {
        ImportPage {
            chrome: Chrome::new(lang, lang.t("import-title"), uri),
            form: FormState::default(),
            problems: Vec::new(),
            ready: None,
            done: None,
        }
    }

    fn counts(&self, key: &str, outcome: &Outcome) -> String {
        self.chrome.lang.t_with(
            key,
            &[
                ("added", (outcome.added as i64).into()),
                ("updated", (outcome.updated as i64).into()),
                ("people", (outcome.people as i64).into()),
            ],
        )
    }
}

/// Where the uploaded file is copied while a request reads it; nothing stays there after the request.
fn scratch_file(state: &AppState) -> anyhow::Result<NamedTempFile> {
    let folder = state.data_dir.join("imports");
    std::fs::create_dir_all(&folder)?;
    forget_leftovers(&folder);
    Ok(NamedTempFile::new_in(&folder)?)
}

/// Deletes scratch copies an instance stopped in the middle of a request left behind.
fn forget_leftovers(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|at| at.elapsed().unwrap_or_default() > std::time::Duration::from_secs(WAITING_SECS as u64));
        if stale {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

/// A file that passed its dry run, as it waits for confirmation.
struct Waiting {
    file_name: String,
    format: Format,
    mapping: HashMap<String, String>,
    /// The scratch copy of the file's bytes, deleted when dropped.
    copy: NamedTempFile,
}

/// Keeps the checked file at `path` in the database until its owner confirms it; forgets those nobody confirmed.
async fn keep_waiting(
    db: &Db,
    id: &str,
    owner_id: i64,
    file_name: &str,
    format: Format,
    mapping: &HashMap<String, String>,
    path: PathBuf,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM pending_imports WHERE created_at <= $1")
        .bind(now_secs() - WAITING_SECS)
        .execute(&db.pool)
        .await?;
    let content = tokio::task::spawn_blocking(move || -> anyhow::Result<String> {
        let mut encoder = base64::write::EncoderStringWriter::new(&BASE64);
        std::io::copy(&mut std::fs::File::open(path)?, &mut encoder)?;
        Ok(encoder.into_inner())
    })
    .await??;
    sqlx::query(
        "INSERT INTO pending_imports (id, owner_id, file_name, format, mapping, created_at, content) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(owner_id)
    .bind(file_name)
    .bind(format.extension())
    .bind(serde_json::to_string(mapping)?)
    .bind(now_secs())
    .bind(content)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Takes the file `owner_id` left waiting under `id` out of the database, into a scratch copy. Taking
/// it is one statement, so that a confirmation sent twice (to two instances, say) imports it once.
async fn take_waiting(state: &AppState, id: &str, owner_id: i64) -> anyhow::Result<Option<Waiting>> {
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "DELETE FROM pending_imports WHERE id = $1 AND owner_id = $2 AND created_at > $3 \
         RETURNING file_name, format, mapping, content",
    )
    .bind(id)
    .bind(owner_id)
    .bind(now_secs() - WAITING_SECS)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((file_name, format, mapping, content)) = row else { return Ok(None) };
    let format = Format::by_extension(&format).ok_or_else(|| anyhow::anyhow!("unknown import format {format}"))?;
    let mapping = serde_json::from_str(&mapping)?;
    let mut copy = scratch_file(state)?;
    let copy = tokio::task::spawn_blocking(move || -> anyhow::Result<NamedTempFile> {
        let mut decoder = base64::read::DecoderReader::new(content.as_bytes(), &BASE64);
        std::io::copy(&mut decoder, &mut copy)?;
        copy.flush()?;
        Ok(copy)
    })
    .await??;
    Ok(Some(Waiting { file_name, format, mapping, copy }))
}

/// Reads "file column = our column" lines, with the message beside the field when one is not.
fn read_mapping(text: &str, form: &mut FormState, lang: Lang) -> HashMap<String, String> {
    let mut mapping = HashMap::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        match line.split_once('=') {
            Some((theirs, ours)) if !theirs.trim().is_empty() && import::COLUMNS.contains(&ours.trim()) => {
                mapping.insert(theirs.trim().to_string(), ours.trim().to_string());
            }
            _ => {
                let line: String = line.chars().take(100).collect();
                form.fail("mapping", lang.t_with("import-bad-mapping", &[("line", line.into())]));
            }
        }
    }
    mapping
}

pub async fn import_form(lang: Lang, uri: Uri, rights: crate::accounts::Rights) -> Result<Html<String>, AppError> {
    rights.require(crate::accounts::Right::Administer).await?;
    render(&ImportPage::new(lang, &uri))
}

fn too_large(mut page: ImportPage, lang: Lang) -> Result<Response, AppError> {
    page.form.fail("file", lang.t_count("import-too-large", (UPLOAD_LIMIT / 1024 / 1024) as i64));
    Ok((StatusCode::PAYLOAD_TOO_LARGE, render(&page)?).into_response())
}

/// The dry run: the uploaded file is checked and, when it is right, kept for confirmation.
pub async fn import_check(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    RequireUser(user): RequireUser,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    crate::accounts::Rights::of(&state.db, &user).require(crate::accounts::Right::Administer).await?;
    let mut page = ImportPage::new(lang, &uri);
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > UPLOAD_LIMIT) {
        return too_large(page, lang);
    }
    let mut multipart = multipart
        .map_err(|rejection| AppError::bad("file", crate::platform::web::Problem::Invalid(rejection.body_text())))?;
    let receiving = scratch_file(&state).map_err(AppError::Internal)?;
    let mut uploaded: Option<(String, Vec<u8>)> = None;
    let mut mapping_text = String::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    return too_large(page, lang);
                }
                page.form.fail("file", lang.t("import-no-file"));
                return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
            }
        };
        match field.name() {
            Some("mapping") => mapping_text = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                match save(field, receiving.path()).await {
                    Ok(head) if !head.is_empty() => uploaded = Some((name, head)),
                    Ok(_) => {}
                    Err(status) if status == StatusCode::PAYLOAD_TOO_LARGE => return too_large(page, lang),
                    Err(_) => {}
                }
            }
            _ => {}
        }
    }
    page.form.values.insert("mapping".into(), mapping_text.clone());
    let mapping = read_mapping(&mapping_text, &mut page.form, lang);
    let Some((name, head)) = uploaded else {
        page.form.fail("file", lang.t("import-no-file"));
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    if !page.form.is_valid() {
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let format = Format::of(&name, &head);
    let outcome = import::import_file(&state.db, receiving.path(), format, &mapping, false, lang).await?;
    if !outcome.problems.is_empty() {
        page.problems = outcome.problems;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let id = crate::platform::auth::new_secret();
    keep_waiting(&state.db, &id, user.user_id, &name, format, &mapping, receiving.path().to_path_buf())
        .await
        .map_err(AppError::Internal)?;
    page.ready = Some((id, outcome));
    Ok(render(&page)?.into_response())
}

/// Writes an uploaded file's bytes to `path`; its first bytes, to tell its format by.
async fn save(mut field: axum::extract::multipart::Field<'_>, path: &Path) -> Result<Vec<u8>, StatusCode> {
    use tokio::io::AsyncWriteExt;
    let mut file = tokio::fs::File::create(path).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let mut head = Vec::new();
    let mut size = 0;
    while let Some(chunk) = field.chunk().await.map_err(|e| e.status())? {
        size += chunk.len();
        if size > UPLOAD_LIMIT {
            return Err(StatusCode::PAYLOAD_TOO_LARGE);
        }
        if head.len() < 4096 {
            head.extend_from_slice(&chunk[..chunk.len().min(4096 - head.len())]);
        }
        file.write_all(&chunk).await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    }
    file.flush().await.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(head)
}

/// The import itself, of a file a dry run found right, with the mapping it was checked with.
pub async fn import_confirm(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    UrlPath(id): UrlPath<String>,
) -> Result<Response, AppError> {
    crate::accounts::Rights::of(&state.db, &user).require(crate::accounts::Right::Administer).await?;
    let mut page = ImportPage::new(lang, &uri);
    let Some(waiting) = take_waiting(&state, &id, user.user_id).await.map_err(AppError::Internal)? else {
        page.form.fail("file", lang.t("import-expired"));
        return Ok((StatusCode::NOT_FOUND, render(&page)?).into_response());
    };
    let outcome =
        import::import_file(&state.db, waiting.copy.path(), waiting.format, &waiting.mapping, true, lang).await?;
    if !outcome.problems.is_empty() {
        page.problems = outcome.problems;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let summary = serde_json::json!({
        "file": waiting.file_name,
        "added": outcome.added,
        "updated": outcome.updated,
        "people": outcome.people,
    });
    crate::platform::audit::record(
        &state.db,
        Some(user.user_id),
        "organization.import",
        "organization",
        None,
        None,
        Some(&summary),
    )
    .await?;
    page.done = Some(outcome);
    Ok(render(&page)?.into_response())
}
