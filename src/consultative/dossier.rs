//! The application dossier: the questionnaire's parts in English or French,
//! the documents it needs as uploaded files, how complete it is, the days
//! left to the deadline, and a printable version of the whole.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::Organization;
use super::eligibility::Answers;
use super::rules;
use crate::directory::code_enum;
use crate::platform::auth::{RequireUser, SignedIn};
use crate::platform::clock::{now_rfc3339, today};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Problem, SlugPath, render};
use crate::state::AppState;

code_enum! {
    /// A part of the questionnaire.
    Part, "ecosoc-part" {
        Contact => "contact",
        Mission => "mission",
        Activities => "activities",
        Structure => "structure",
        Membership => "membership",
        Funding => "funding",
        Publications => "publications",
        Summary => "summary",
    }
}

code_enum! {
    /// A document the application is sent with.
    DocumentKind, "ecosoc-document" {
        Constitution => "constitution",
        Registration => "registration",
        FinancialStatement => "financial_statement",
        AnnualReport => "annual_report",
        Publications => "publications",
        OrganisationChart => "organisation_chart",
    }
}

impl DocumentKind {
    /// The organisation chart is the one optional document.
    pub fn required(self) -> bool {
        self != DocumentKind::OrganisationChart
    }

    /// Whether the application needs only the latest document of the kind (the certificate, the latest
    /// financial statement and annual report, the chart), so that an upload replaces the one before; the
    /// constitution comes with its amendments and publications are several examples, so those add up.
    pub fn only_latest(self) -> bool {
        !matches!(self, DocumentKind::Constitution | DocumentKind::Publications)
    }
}

/// The UN takes applications in its two working languages.
pub const LANGUAGES: [&str; 2] = ["en", "fr"];
/// Characters of one part; keeps a posted part within the request size limit in any script.
const MAX_PART: usize = 8000;
/// The largest document accepted.
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// An uploaded document, as recorded.
pub struct Document {
    pub id: i64,
    pub kind: DocumentKind,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: String,
}

impl Document {
    /// Its size for a reader, in kilobytes.
    pub fn kilobytes(&self) -> i64 {
        (self.size + 1023) / 1024
    }
}

pub struct Dossier {
    pub language: String,
    pub parts: HashMap<Part, String>,
    pub documents: Vec<Document>,
}

impl Dossier {
    pub async fn load(db: &Db, organization_id: i64) -> sqlx::Result<Dossier> {
        let language: Option<String> =
            sqlx::query_scalar("SELECT dossier_language FROM ecosoc_desks WHERE organization_id = $1")
                .bind(organization_id)
                .fetch_optional(&db.pool)
                .await?;
        let rows = sqlx::query("SELECT part, body FROM ecosoc_dossier_parts WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_all(&db.pool)
            .await?;
        let mut parts = HashMap::new();
        for row in rows {
            if let Some(part) = Part::parse(&row.try_get::<String, _>("part")?) {
                parts.insert(part, row.try_get("body")?);
            }
        }
        let rows = sqlx::query(
            "SELECT id, kind, file_name, content_type, size, sha256, uploaded_at FROM ecosoc_documents \
             WHERE organization_id = $1 ORDER BY id",
        )
        .bind(organization_id)
        .fetch_all(&db.pool)
        .await?;
        let mut documents = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(kind) = DocumentKind::parse(&row.try_get::<String, _>("kind")?) else { continue };
            documents.push(Document {
                id: row.try_get("id")?,
                kind,
                file_name: row.try_get("file_name")?,
                content_type: row.try_get("content_type")?,
                size: row.try_get("size")?,
                sha256: row.try_get("sha256")?,
                uploaded_at: row.try_get::<String, _>("uploaded_at")?.chars().take(10).collect(),
            });
        }
        Ok(Dossier { language: language.unwrap_or_else(|| "en".into()), parts, documents })
    }

    /// Parts written and required documents uploaded, out of all of them.
    pub fn completeness(&self) -> (usize, usize) {
        let parts = Part::ALL.iter().filter(|p| self.parts.get(p).is_some_and(|b| !b.trim().is_empty())).count();
        let required: Vec<&DocumentKind> = DocumentKind::ALL.iter().filter(|k| k.required()).collect();
        let documents = required.iter().filter(|k| self.documents.iter().any(|d| d.kind == ***k)).count();
        (parts + documents, Part::ALL.len() + required.len())
    }
}

/// The type of a document, read from its first bytes (never from what the browser claims).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 5] = [
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        // Word (.docx) and OpenDocument files are ZIP archives.
        (b"PK\x03\x04", "application/zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, content_type)| *content_type)
}

/// A file name safe to show and to send back: no folders, no control characters, not too long.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect();
    if cleaned.trim().is_empty() { "document".into() } else { cleaned }
}

pub struct PartView {
    pub code: &'static str,
    pub label: String,
    pub body: String,
}

pub struct DocumentGroup {
    pub code: &'static str,
    pub label: String,
    pub required: bool,
    pub documents: Vec<Document>,
}

#[derive(Template)]
#[template(path = "consultative/dossier.html")]
struct DossierPage {
    chrome: Chrome,
    organization: Organization,
    language: String,
    parts: Vec<PartView>,
    groups: Vec<DocumentGroup>,
    done: usize,
    total: usize,
    deadline: String,
    countdown: String,
    form: FormState,
    max_megabytes: usize,
}

impl DossierPage {
    /// Whether the form of `name` is the one posted with a problem.
    fn posted(&self, name: &str) -> bool {
        self.form.value("part") == name
    }
}

#[derive(Template)]
#[template(path = "consultative/dossier_print.html")]
struct PrintPage {
    chrome: Chrome,
    organization: Organization,
    language: String,
    parts: Vec<PartView>,
    groups: Vec<DocumentGroup>,
}

fn views(dossier: Dossier, lang: Lang) -> (String, Vec<PartView>, Vec<DocumentGroup>) {
    let Dossier { language, parts, documents } = dossier;
    let part_views = Part::ALL
        .iter()
        .map(|part| PartView {
            code: part.code(),
            label: part.label(lang),
            body: parts.get(part).cloned().unwrap_or_default(),
        })
        .collect();
    let mut by_kind: BTreeMap<&'static str, Vec<Document>> = BTreeMap::new();
    for document in documents {
        by_kind.entry(document.kind.code()).or_default().push(document);
    }
    let groups = DocumentKind::ALL
        .iter()
        .map(|kind| DocumentGroup {
            code: kind.code(),
            label: kind.label(lang),
            required: kind.required(),
            documents: by_kind.remove(kind.code()).unwrap_or_default(),
        })
        .collect();
    (language, part_views, groups)
}

async fn dossier_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    organization: Organization,
    form: FormState,
) -> Result<DossierPage, AppError> {
    let today = today();
    let dossier = Dossier::load(&state.db, organization.id).await?;
    let answers = Answers::load(&state.db, organization.id).await?;
    let received = answers.registered_on.map_or(today, |registered| rules::earliest_application(registered, today));
    let deadline = rules::deadline_for(received);
    let (done, total) = dossier.completeness();
    let (language, parts, groups) = views(dossier, lang);
    let title = lang.t_with("ecosoc-dossier-title", &[("name", organization.name.clone().into())]);
    Ok(DossierPage {
        chrome: Chrome::new(lang, title, uri),
        organization,
        language,
        parts,
        groups,
        done,
        total,
        deadline: deadline.to_string(),
        countdown: lang.t_count("ecosoc-days-left", (deadline - today).whole_days()),
        form,
        max_megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024,
    })
}

pub async fn dossier(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let organization = Organization::for_editor(&state, &user, &slug, lang).await?;
    render(&dossier_page(&state, lang, &uri, organization, FormState::default()).await?)
}

pub async fn print(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let organization = Organization::for_editor(&state, &user, &slug, lang).await?;
    let (language, parts, groups) = views(Dossier::load(&state.db, organization.id).await?, lang);
    let title = lang.t_with("ecosoc-dossier-title", &[("name", organization.name.clone().into())]);
    render(&PrintPage { chrome: Chrome::new(lang, title, &uri), organization, language, parts, groups })
}

/// Saves one part of the questionnaire, or the dossier's language.
pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization = Organization::for_editor(&state, &user, &slug, lang).await?;
    let mut form = FormState::from(&data);
    let before = Dossier::load(&state.db, organization.id).await?;
    let posted = data.get("part");
    let (field, previous, value) = if posted == "language" {
        let language = data.get("language");
        if !LANGUAGES.contains(&language.as_str()) {
            form.fail("language", lang.t("edit-choose"));
        }
        ("language".to_string(), before.language.clone(), language)
    } else {
        let Some(part) = Part::parse(&posted) else {
            return Err(AppError::bad("part", Problem::Unknown(posted)));
        };
        let body = data.get("body");
        if body.chars().count() > MAX_PART {
            form.fail("body", lang.t_count("form-too-long", MAX_PART as i64));
        }
        (part.code().to_string(), before.parts.get(&part).cloned().unwrap_or_default(), body)
    };
    if !form.is_valid() {
        let page = dossier_page(&state, lang, &uri, organization, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let saved = if field == "language" {
        sqlx::query(
            "INSERT INTO ecosoc_desks (organization_id, dossier_language, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (organization_id) DO UPDATE SET dossier_language = $2, updated_at = $3",
        )
        .bind(organization.id)
        .bind(&value)
        .bind(now_rfc3339())
        .execute(&state.db.pool)
        .await
    } else {
        sqlx::query(
            "INSERT INTO ecosoc_dossier_parts (organization_id, part, body, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (organization_id, part) DO UPDATE SET body = $3, updated_at = $4",
        )
        .bind(organization.id)
        .bind(&field)
        .bind(&value)
        .bind(now_rfc3339())
        .execute(&state.db.pool)
        .await
    };
    saved?;
    if previous != value {
        crate::platform::audit::record(
            &state.db,
            Some(user.user_id),
            "ecosoc.dossier",
            "ecosoc",
            Some(organization.id),
            Some(&serde_json::json!({ field.clone(): previous })),
            Some(&serde_json::json!({ field.clone(): value })),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("{}/dossier#{field}", organization.desk_url())).into_response())
}

/// An uploaded file, read whole (within the route's body limit) with its kind.
struct Upload {
    kind: Option<DocumentKind>,
    file_name: String,
    bytes: Vec<u8>,
}

async fn read_upload(multipart: Result<Multipart, MultipartRejection>) -> Result<Upload, AppError> {
    let broken = |error: axum::extract::multipart::MultipartError| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge
        } else {
            AppError::bad("file", Problem::Invalid(error.body_text()))
        }
    };
    let mut multipart =
        multipart.map_err(|rejection| AppError::bad("file", Problem::Invalid(rejection.body_text())))?;
    let mut upload = Upload { kind: None, file_name: String::new(), bytes: Vec::new() };
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name() {
            Some("kind") => upload.kind = DocumentKind::parse(field.text().await.map_err(broken)?.trim()),
            Some("file") => {
                upload.file_name = clean_file_name(field.file_name().unwrap_or_default());
                upload.bytes = field.bytes().await.map_err(broken)?.to_vec();
            }
            _ => {}
        }
    }
    Ok(upload)
}

pub async fn upload(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let organization = Organization::for_editor(&state, &user, &slug, lang).await?;
    let upload = read_upload(multipart).await?;
    let mut form = FormState::default();
    form.values.insert("part".into(), "upload".into());
    let content_type = sniff(&upload.bytes);
    if upload.kind.is_none() {
        form.fail("kind", lang.t("edit-choose"));
    }
    if upload.bytes.is_empty() {
        form.fail("file", lang.t("ecosoc-file-missing"));
    } else if upload.bytes.len() > MAX_DOCUMENT_BYTES {
        form.fail("file", lang.t_count("ecosoc-file-too-large", (MAX_DOCUMENT_BYTES / 1024 / 1024) as i64));
    } else if content_type.is_none() {
        form.fail("file", lang.t("ecosoc-file-type"));
    }
    let (Some(kind), Some(content_type), true) = (upload.kind, content_type, form.is_valid()) else {
        let page = dossier_page(&state, lang, &uri, organization, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let sha256 = hex_sha256(&upload.bytes);
    record_document(&state, &user, &organization, kind, &upload, content_type, &sha256).await?;
    Ok(Redirect::to(&format!("{}/dossier#documents", organization.desk_url())).into_response())
}

/// A document as the audit log keeps it.
fn audited(kind: &str, file_name: &str, size: i64, sha256: &str) -> serde_json::Value {
    serde_json::json!({ "document": kind, "file_name": file_name, "size": size, "sha256": sha256 })
}

/// A document the database returned as it took it out, as the audit log keeps it.
fn audited_row(row: &AnyRow) -> sqlx::Result<serde_json::Value> {
    let code: String = row.try_get("kind")?;
    let kind = DocumentKind::parse(&code).map_or(code, |kind| kind.label(Lang::En));
    Ok(audited(
        &kind,
        &row.try_get::<String, _>("file_name")?,
        row.try_get("size")?,
        &row.try_get::<String, _>("sha256")?,
    ))
}

/// Records an uploaded document in place of those it replaces: the same file uploaded again as the same kind,
/// or any earlier document of a kind the dossier holds only the latest of.
async fn record_document(
    state: &AppState,
    user: &SignedIn,
    organization: &Organization,
    kind: DocumentKind,
    upload: &Upload,
    content_type: &str,
    sha256: &str,
) -> sqlx::Result<()> {
    let size = i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX);
    let mut tx = state.db.pool.begin().await?;
    let replaced = sqlx::query(
        "DELETE FROM ecosoc_documents WHERE organization_id = $1 AND kind = $2 AND (sha256 = $3 OR $4 = 1) \
         RETURNING kind, file_name, size, sha256",
    )
    .bind(organization.id)
    .bind(kind.code())
    .bind(sha256)
    .bind(i64::from(kind.only_latest()))
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO ecosoc_documents (organization_id, kind, file_name, content_type, size, sha256, uploaded_at, \
         uploaded_by, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(organization.id)
    .bind(kind.code())
    .bind(&upload.file_name)
    .bind(content_type)
    .bind(size)
    .bind(sha256)
    .bind(now_rfc3339())
    .bind(user.user_id)
    .bind(BASE64.encode(&upload.bytes))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let before = replaced.first().map(audited_row).transpose()?;
    crate::platform::audit::record(
        &state.db,
        Some(user.user_id),
        "ecosoc.document",
        "ecosoc",
        Some(organization.id),
        before.as_ref(),
        Some(&audited(&kind.label(Lang::En), &upload.file_name, size, sha256)),
    )
    .await
}

/// The organisation of a document's address, for its editor, and the document's id.
async fn document_address(
    state: &AppState,
    user: &SignedIn,
    raw_slug: &str,
    raw_id: &str,
    lang: Lang,
) -> Result<(Organization, i64), AppError> {
    let not_found = || AppError::NotFound;
    let slug = Slug::parse(raw_slug).ok_or_else(not_found)?;
    let id: i64 = raw_id.parse().map_err(|_| not_found())?;
    Ok((Organization::for_editor(state, user, &slug, lang).await?, id))
}

/// Takes a document out of the dossier; the completeness meter counts without it.
pub async fn delete(
    State(state): State<AppState>,
    lang: Lang,
    RequireUser(user): RequireUser,
    Path((raw_slug, raw_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (organization, id) = document_address(&state, &user, &raw_slug, &raw_id, lang).await?;
    let row = sqlx::query(
        "DELETE FROM ecosoc_documents WHERE id = $1 AND organization_id = $2 RETURNING kind, file_name, size, sha256",
    )
    .bind(id)
    .bind(organization.id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let deleted = audited_row(&row)?;
    crate::platform::audit::record(
        &state.db,
        Some(user.user_id),
        "ecosoc.document-delete",
        "ecosoc",
        Some(organization.id),
        Some(&deleted),
        None,
    )
    .await?;
    Ok(Redirect::to(&format!("{}/dossier#documents", organization.desk_url())).into_response())
}

/// Sends an uploaded document back to the organisation's editors.
pub async fn download(
    State(state): State<AppState>,
    lang: Lang,
    RequireUser(user): RequireUser,
    Path((raw_slug, raw_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound;
    let (organization, id) = document_address(&state, &user, &raw_slug, &raw_id, lang).await?;
    let row = sqlx::query(
        "SELECT file_name, content_type, content FROM ecosoc_documents WHERE id = $1 AND organization_id = $2",
    )
    .bind(id)
    .bind(organization.id)
    .fetch_optional(&state.db.pool)
    .await?
    .ok_or_else(not_found)?;
    let file_name: String = row.try_get("file_name")?;
    let content_type: String = row.try_get("content_type")?;
    // A document uploaded before the bytes were kept in the database, whose file no instance has adopted yet.
    let content: String = row.try_get::<Option<String>, _>("content")?.ok_or_else(not_found)?;
    let bytes = BASE64.decode(content).map_err(anyhow::Error::from)?;
    let encoded: String = form_urlencoded::byte_serialize(file_name.as_bytes()).collect();
    let disposition = format!("attachment; filename*=UTF-8''{}", encoded.replace('+', "%20"));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Documents uploaded when their bytes were kept in the data folder of the instance that took them
/// (`ecosoc/{organisation}/{sha256}`): that instance moves them into the database when it starts, so that
/// every instance serves them, and deletes the files. Returns how many documents were adopted.
pub async fn adopt_stored_files(db: &Db, data_dir: &std::path::Path) -> anyhow::Result<u64> {
    let waiting = sqlx::query("SELECT DISTINCT organization_id, sha256 FROM ecosoc_documents WHERE content IS NULL")
        .fetch_all(&db.pool)
        .await?;
    let mut adopted = 0;
    for row in waiting {
        let organization_id: i64 = row.try_get("organization_id")?;
        let sha256: String = row.try_get("sha256")?;
        let path = data_dir.join("ecosoc").join(organization_id.to_string()).join(&sha256);
        // Another instance's file, or one that is gone: nothing this instance can do.
        let Ok(bytes) = tokio::fs::read(&path).await else { continue };
        if hex_sha256(&bytes) != sha256 {
            tracing::warn!(path = %path.display(), "a stored dossier document does not match its hash; left in place");
            continue;
        }
        adopted += sqlx::query(
            "UPDATE ecosoc_documents SET content = $1 WHERE organization_id = $2 AND sha256 = $3 AND content IS NULL",
        )
        .bind(BASE64.encode(&bytes))
        .bind(organization_id)
        .bind(&sha256)
        .execute(&db.pool)
        .await?
        .rows_affected();
        tokio::fs::remove_file(&path).await?;
    }
    Ok(adopted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_typed_by_their_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"PK\x03\x04word/document.xml"), Some("application/zip"));
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn file_names_lose_folders_and_quotes() {
        assert_eq!(clean_file_name("C:\\Users\\a\\Устав \"2024\".pdf"), "Устав 2024.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name(""), "document");
    }
}
