//! Administrators import organisations by uploading a file: a dry run lists
//! every problem by line and column and writes nothing; once the file is
//! right, a confirmation imports it. Between the two the file waits in the
//! data folder under a random id, and it is deleted once imported.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use askama::Template;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};

use super::import::{self, Format, Outcome, Problem};
use crate::app::AppState;
use crate::platform::auth::{RequireUser, SignedIn};
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, PageError, WithLang, render};

/// The largest file an upload takes; the CLI takes any size.
pub const UPLOAD_LIMIT: usize = 50 * 1024 * 1024;

/// Files waiting for confirmation longer than this are deleted.
const WAITING: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

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

fn administrator(user: &SignedIn, lang: Lang) -> Result<(), PageError> {
    if user.is_admin { Ok(()) } else { Err(PageError { error: AppError::Forbidden, lang }) }
}

fn waiting_folder(state: &AppState) -> PathBuf {
    state.data_dir.join("imports")
}

/// The waiting file of `id`, whatever its format; None for an id that is not one of ours.
fn waiting_file(state: &AppState, id: &str) -> Option<(PathBuf, Format)> {
    if id.len() != 43 || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return None;
    }
    [("csv", Format::Csv), ("xlsx", Format::Xlsx), ("json", Format::Json)]
        .into_iter()
        .map(|(extension, format)| (waiting_folder(state).join(format!("{id}.{extension}")), format))
        .find(|(path, _)| path.exists())
}

fn extension(format: Format) -> &'static str {
    match format {
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
        Format::Json => "json",
    }
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

/// Deletes files left waiting by dry runs nobody confirmed.
fn forget_stale(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let stale =
            entry.metadata().and_then(|m| m.modified()).is_ok_and(|at| at.elapsed().unwrap_or_default() > WAITING);
        if stale {
            std::fs::remove_file(entry.path()).ok();
        }
    }
}

pub async fn import_form(lang: Lang, uri: Uri, RequireUser(user): RequireUser) -> Result<Html<String>, PageError> {
    administrator(&user, lang)?;
    render(&ImportPage::new(lang, &uri), lang)
}

fn too_large(mut page: ImportPage, lang: Lang) -> Result<Response, PageError> {
    page.form.fail("file", lang.t_count("import-too-large", (UPLOAD_LIMIT / 1024 / 1024) as i64));
    Ok((StatusCode::PAYLOAD_TOO_LARGE, render(&page, lang)?).into_response())
}

/// The dry run: the uploaded file is checked and, when it is right, kept for confirmation.
pub async fn import_check(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    RequireUser(user): RequireUser,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    administrator(&user, lang)?;
    let mut page = ImportPage::new(lang, &uri);
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > UPLOAD_LIMIT) {
        return too_large(page, lang);
    }
    let mut multipart = multipart
        .map_err(|rejection| AppError::bad("file", crate::platform::web::Problem::Invalid(rejection.body_text())))
        .page(lang)?;
    let folder = waiting_folder(&state);
    std::fs::create_dir_all(&folder).map_err(|e| AppError::Internal(e.into())).page(lang)?;
    forget_stale(&folder);
    let id = crate::platform::auth::new_secret();
    let receiving = folder.join(format!("{id}.upload"));
    let mut uploaded: Option<(String, Vec<u8>)> = None;
    let mut mapping_text = String::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                std::fs::remove_file(&receiving).ok();
                if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    return too_large(page, lang);
                }
                page.form.fail("file", lang.t("import-no-file"));
                return Ok((StatusCode::BAD_REQUEST, render(&page, lang)?).into_response());
            }
        };
        match field.name() {
            Some("mapping") => mapping_text = field.text().await.unwrap_or_default(),
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                let head = save(field, &receiving).await;
                match head {
                    Ok(head) if !head.is_empty() => uploaded = Some((name, head)),
                    Ok(_) => {}
                    Err(status) if status == StatusCode::PAYLOAD_TOO_LARGE => {
                        std::fs::remove_file(&receiving).ok();
                        return too_large(page, lang);
                    }
                    Err(_) => {}
                }
            }
            _ => {}
        }
    }
    page.form.values.insert("mapping".into(), mapping_text.clone());
    let mapping = read_mapping(&mapping_text, &mut page.form, lang);
    let Some((name, head)) = uploaded else {
        std::fs::remove_file(&receiving).ok();
        page.form.fail("file", lang.t("import-no-file"));
        return Ok((StatusCode::BAD_REQUEST, render(&page, lang)?).into_response());
    };
    if !page.form.is_valid() {
        std::fs::remove_file(&receiving).ok();
        return Ok((StatusCode::BAD_REQUEST, render(&page, lang)?).into_response());
    }
    let format = Format::of(&name, &head);
    let waiting = folder.join(format!("{id}.{}", extension(format)));
    std::fs::rename(&receiving, &waiting).map_err(|e| AppError::Internal(e.into())).page(lang)?;
    let outcome = import::import_file(&state.db, &waiting, format, &mapping, false, lang).await.page(lang)?;
    if !outcome.problems.is_empty() {
        std::fs::remove_file(&waiting).ok();
        page.problems = outcome.problems;
        return Ok((StatusCode::BAD_REQUEST, render(&page, lang)?).into_response());
    }
    page.ready = Some((id, outcome));
    Ok(render(&page, lang)?.into_response())
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

/// The import itself, of a file a dry run found right.
pub async fn import_confirm(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    UrlPath(id): UrlPath<String>,
    data: FormData,
) -> Result<Response, PageError> {
    administrator(&user, lang)?;
    let mut page = ImportPage::new(lang, &uri);
    let Some((path, format)) = waiting_file(&state, &id) else {
        page.form.fail("file", lang.t("import-expired"));
        return Ok((StatusCode::NOT_FOUND, render(&page, lang)?).into_response());
    };
    let mapping = read_mapping(&data.get("mapping"), &mut page.form, lang);
    let outcome = import::import_file(&state.db, &path, format, &mapping, true, lang).await.page(lang)?;
    std::fs::remove_file(&path).ok();
    if !outcome.problems.is_empty() {
        page.problems = outcome.problems;
        return Ok((StatusCode::BAD_REQUEST, render(&page, lang)?).into_response());
    }
    let summary = serde_json::json!({"added": outcome.added, "updated": outcome.updated, "people": outcome.people});
    crate::platform::audit::record(
        &state.db,
        Some(user.user_id),
        "organization.import",
        "organization",
        None,
        None,
        Some(&summary),
    )
    .await
    .page(lang)?;
    page.done = Some(outcome);
    Ok(render(&page, lang)?.into_response())
}
