//! The application dossier: the questionnaire's parts in English or French,
//! the documents it needs as uploaded files, how complete it is, the days
//! left to the deadline, and a printable version of the whole.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sqlx::Row;
use sqlx::any::AnyRow;

use serde_json::Value;

use super::Organization;
use super::eligibility::Answers;
use super::rules::{self, DeskRules};
use crate::accounts::{Right, Rights};
use crate::directory::code_enum;
use crate::platform::audit::Entry;
use crate::platform::auth::SignedIn;
use crate::platform::clock::{now_rfc3339, today};
use crate::platform::db::Db;
use crate::platform::files::{self, StoredFile};
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::objects::FileStore;
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

impl Part {
    /// The most words a part should take: the questionnaire asks for brief answers, and a reader at the
    /// NGO Branch reads every one.
    pub fn word_limit(self) -> usize {
        match self {
            Part::Contact | Part::Summary => 250,
            Part::Membership | Part::Publications => 300,
            Part::Mission | Part::Structure | Part::Funding => 500,
            Part::Activities => 1000,
        }
    }
}

/// Words as a reader counts them: runs of letters or digits between spaces and punctuation.
fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-').filter(|w| !w.is_empty()).count()
}

/// The UN takes applications in its two working languages.
pub const LANGUAGES: [&str; 2] = ["en", "fr"];
/// Characters of one part.
const MAX_PART: usize = 8000;
/// The questionnaire's request limit: every part at its longest in characters that take four bytes, each
/// byte sent as `%XX`, with room for the other fields.
pub const FORM_LIMIT: usize = Part::ALL.len() * MAX_PART * 12 + 64 * 1024;
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
    /// Counts the saves of the questionnaire, so that a save made from an older page is caught.
    pub version: i64,
    /// Whether the organisation shares the dossier with the coordinators of its networks.
    pub shared: bool,
    pub parts: HashMap<Part, String>,
    pub documents: Vec<Document>,
}

impl Dossier {
    pub async fn load(db: &Db, organization_id: i64) -> sqlx::Result<Dossier> {
        let desk: Option<(String, i64, i64)> = sqlx::query_as(
            "SELECT dossier_language, dossier_version, dossier_shared FROM ecosoc_desks WHERE organization_id = $1",
        )
        .bind(organization_id)
        .fetch_optional(&db.pool)
        .await?;
        let (language, version, shared) = desk.unwrap_or_else(|| ("en".into(), 0, 0));
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
        Ok(Dossier { language, version, shared: shared != 0, parts, documents })
    }

    /// Parts written and required documents uploaded, out of all of them.
    pub fn completeness(&self) -> (usize, usize) {
        let parts = Part::ALL.iter().filter(|p| self.parts.get(p).is_some_and(|b| !b.trim().is_empty())).count();
        let required: Vec<&DocumentKind> = DocumentKind::ALL.iter().filter(|k| k.required()).collect();
        let documents = required.iter().filter(|k| self.documents.iter().any(|d| d.kind == ***k)).count();
        (parts + documents, Part::ALL.len() + required.len())
    }

    /// Bytes the organisation's documents take.
    pub fn stored_bytes(&self) -> u64 {
        self.documents.iter().map(|document| u64::try_from(document.size).unwrap_or(0)).sum()
    }

    /// Bytes that stay stored when a document of `kind` is uploaded: all but the documents it replaces.
    fn bytes_kept_beside(&self, kind: Option<DocumentKind>) -> u64 {
        let replaced = |document: &&Document| kind.is_some_and(|kind| kind.only_latest() && document.kind == kind);
        self.documents.iter().filter(|d| !replaced(d)).map(|d| u64::try_from(d.size).unwrap_or(0)).sum()
    }
}

pub struct PartView {
    pub code: &'static str,
    pub label: String,
    pub body: String,
    /// What the part should say, and its limit with the words it has now.
    pub guidance: String,
    pub counter: String,
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
    version: i64,
    shared: bool,
    parts: Vec<PartView>,
    groups: Vec<DocumentGroup>,
    done: usize,
    total: usize,
    deadline: String,
    countdown: String,
    /// What was typed, when a save is shown again with its problems.
    form: FormState,
    max_megabytes: usize,
    /// How much of the organisation's quota its documents take, in words.
    storage: String,
    history: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "consultative/dossier_print.html")]
struct PrintPage {
    chrome: Chrome,
    organization: Organization,
    /// The organisation's particulars as the questionnaire opens with them: label and value.
    details: Vec<(String, String)>,
    printed_on: String,
    language: String,
    parts: Vec<PartView>,
    groups: Vec<DocumentGroup>,
}

fn views(dossier: Dossier, lang: Lang) -> (Vec<PartView>, Vec<DocumentGroup>) {
    let Dossier { parts, documents, .. } = dossier;
    let part_views = Part::ALL
        .iter()
        .map(|part| {
            let body = parts.get(part).cloned().unwrap_or_default();
            PartView {
                code: part.code(),
                label: part.label(lang),
                guidance: lang.t(&format!("ecosoc-guidance-{}", part.code())),
                counter: lang.t_with(
                    "ecosoc-word-counter",
                    &[("words", word_count(&body).into()), ("limit", part.word_limit().into())],
                ),
                body,
            }
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
    (part_views, groups)
}

/// Megabytes with one decimal, as the dossier page states sizes.
fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// The dossier page; a questionnaire posted with problems keeps what was typed in every part.
async fn dossier_page(
    db: &Db,
    rules: &DeskRules,
    lang: Lang,
    uri: &Uri,
    organization: Organization,
    form: FormState,
) -> Result<DossierPage, AppError> {
    let today = today();
    let dossier = Dossier::load(db, organization.id).await?;
    let answers = Answers::load(db, organization.id).await?;
    let received = answers.registered_on.map_or(today, |registered| rules::earliest_application(registered, today));
    let deadline = rules::deadline_for(received);
    let (done, total) = dossier.completeness();
    let storage = lang.t_with(
        "ecosoc-storage",
        &[("used", megabytes(dossier.stored_bytes()).into()), ("quota", megabytes(rules.document_quota_bytes).into())],
    );
    let typed = form.values.contains_key("version");
    let language = if typed { form.value("language").to_string() } else { dossier.language.clone() };
    let shared = if typed { form.value("shared") == "1" } else { dossier.shared };
    let version = dossier.version;
    let (mut parts, groups) = views(dossier, lang);
    if typed {
        for part in &mut parts {
            if let Some(body) = form.values.get(part.code) {
                part.body = body.clone();
            }
        }
    }
    let history = crate::platform::audit::history(db, &[(AUDITED_AS, organization.id)], lang).await?;
    let title = lang.t_with("ecosoc-dossier-title", &[("name", organization.name.clone().into())]);
    Ok(DossierPage {
        chrome: Chrome::new(lang, title, uri),
        organization,
        language,
        version,
        shared,
        parts,
        groups,
        done,
        total,
        deadline: deadline.to_string(),
        countdown: lang.t_count("ecosoc-days-left", (deadline - today).whole_days()),
        form,
        max_megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024,
        storage,
        history,
    })
}

/// The dossier and its changes are audited apart from the rest of the desk, whose history the coordinators of
/// the organisation's networks read, so that its history shows only to those who may read the dossier.
const AUDITED_AS: &str = "ecosoc-dossier";

/// The dossier for its organisation's editors to write.
pub async fn dossier(
    State(db): State<Db>,
    State(rules): State<DeskRules>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let organization = Organization::with_right(&db, &rights, &slug, lang, Right::KeepDossier).await?;
    render(&dossier_page(&db, &rules, lang, &uri, organization, FormState::default()).await?)
}

/// The whole dossier to print, for whoever may read it.
pub async fn print(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let organization = Organization::with_right(&db, &rights, &slug, lang, Right::ReadDossier).await?;
    let dossier = Dossier::load(&db, organization.id).await?;
    let language = dossier.language.clone();
    let (parts, groups) = views(dossier, lang);
    let title = lang.t_with("ecosoc-dossier-title", &[("name", organization.name.clone().into())]);
    let details = crate::directory::load(&db, &slug).await?.map(|(_, _, profile)| particulars(&profile, lang));
    render(&PrintPage {
        chrome: Chrome::new(lang, title, &uri),
        organization,
        details: details.unwrap_or_default(),
        printed_on: lang.date(today()),
        language,
        parts,
        groups,
    })
}

/// What the questionnaire asks first: the organisation's names and how to reach it, those it has given.
fn particulars(profile: &crate::directory::Organization, lang: Lang) -> Vec<(String, String)> {
    let country = profile.country.as_deref().and_then(crate::platform::values::CountryCode::parse);
    [
        ("field-name", Some(profile.name.get(lang).to_string())),
        ("field-acronym", profile.acronym.clone()),
        ("field-country", country.map(|c| c.name(lang).to_string())),
        ("field-city", profile.city.clone()),
        ("field-address", profile.address.clone()),
        ("field-phone", profile.phone.clone()),
        ("field-email", profile.email.clone()),
        ("field-website", profile.website.clone()),
        ("field-founded-year", profile.founded_year.map(|year| year.to_string())),
    ]
    .into_iter()
    .filter_map(|(key, value)| value.filter(|v| !v.trim().is_empty()).map(|v| (lang.t(key), v)))
    .collect()
}

/// The questionnaire as posted: every part at once, with the dossier's language and whom it is shared with.
struct Questionnaire {
    /// The version of the dossier the page was read at.
    version: i64,
    language: String,
    shared: bool,
    /// The parts posted; a part left out of the post keeps what it says.
    parts: Vec<(Part, String)>,
}

impl Questionnaire {
    fn read(data: &FormData, form: &mut FormState, lang: Lang) -> Result<Questionnaire, AppError> {
        let version = data.get("version").parse().map_err(|_| AppError::bad("version", Problem::NotANumber))?;
        let language = data.get("language");
        if !LANGUAGES.contains(&language.as_str()) {
            form.fail("language", lang.t("edit-choose"));
        }
        let mut parts = Vec::new();
        for &part in Part::ALL.iter() {
            if data.0.contains_key(part.code()) {
                let body = data.get(part.code());
                if body.chars().count() > MAX_PART {
                    form.fail(part.code(), lang.t_count("form-too-long", MAX_PART as i64));
                } else if word_count(&body) > part.word_limit() {
                    let counts = [("words", word_count(&body).into()), ("limit", part.word_limit().into())];
                    form.fail(part.code(), lang.t_with("ecosoc-too-many-words", &counts));
                }
                parts.push((part, body));
            }
        }
        Ok(Questionnaire { version, language, shared: data.get("shared") == "1", parts })
    }

    /// The fields it changes in `before`, as the audit log keeps them: (before, after).
    fn changes(&self, before: &Dossier) -> (serde_json::Map<String, Value>, serde_json::Map<String, Value>) {
        let mut was = serde_json::Map::new();
        let mut is = serde_json::Map::new();
        let mut compare = |field: &str, old: Value, new: Value| {
            if old != new {
                was.insert(field.into(), old);
                is.insert(field.into(), new);
            }
        };
        compare("language", before.language.clone().into(), self.language.clone().into());
        compare("shared_with_coordinators", before.shared.into(), self.shared.into());
        for (part, body) in &self.parts {
            compare(part.code(), before.parts.get(part).cloned().unwrap_or_default().into(), body.clone().into());
        }
        (was, is)
    }
}

/// Saves the whole questionnaire as one new version of the dossier. A problem, or a version saved by someone
/// else since the page was read, shows the form again with everything typed.
pub async fn save(
    State(db): State<Db>,
    State(rules): State<DeskRules>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization = Organization::with_right(&db, &rights, &slug, lang, Right::KeepDossier).await?;
    let mut form = FormState::from(&data);
    let questionnaire = Questionnaire::read(&data, &mut form, lang)?;
    if !form.is_valid() {
        let page = dossier_page(&db, &rules, lang, &uri, organization, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let before = Dossier::load(&db, organization.id).await?;
    let now = now_rfc3339();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO ecosoc_desks (organization_id, updated_at) VALUES ($1, $2) ON CONFLICT (organization_id) DO NOTHING",
    )
    .bind(organization.id)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    let claimed = sqlx::query(
        "UPDATE ecosoc_desks SET dossier_version = dossier_version + 1, dossier_language = $3, dossier_shared = $4, \
         updated_at = $5 WHERE organization_id = $1 AND dossier_version = $2",
    )
    .bind(organization.id)
    .bind(questionnaire.version)
    .bind(&questionnaire.language)
    .bind(i64::from(questionnaire.shared))
    .bind(&now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        tx.rollback().await?;
        form.fail("version", lang.t("ecosoc-dossier-stale"));
        let page = dossier_page(&db, &rules, lang, &uri, organization, form).await?;
        return Ok((StatusCode::CONFLICT, render(&page)?).into_response());
    }
    for (part, body) in &questionnaire.parts {
        sqlx::query(
            "INSERT INTO ecosoc_dossier_parts (organization_id, part, body, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (organization_id, part) DO UPDATE SET body = $3, updated_at = $4",
        )
        .bind(organization.id)
        .bind(part.code())
        .bind(body)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let (was, is) = questionnaire.changes(&before);
    if !is.is_empty() {
        crate::platform::audit::record(
            &db,
            Some(rights.user().user_id),
            "ecosoc.dossier",
            AUDITED_AS,
            Some(organization.id),
            Some(&Value::Object(was)),
            Some(&Value::Object(is)),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("{}/dossier#questionnaire", organization.desk_url())).into_response())
}

/// Why a file was not read to its end.
enum Refused {
    /// Beyond the largest document accepted.
    TooLarge,
    /// Beyond what is left of the organisation's quota.
    OverQuota,
}

/// An uploaded file with its kind.
struct Upload {
    kind: Option<DocumentKind>,
    file_name: String,
    file: Result<StoredFile, Refused>,
}

/// Reads the upload's fields, streaming the file and stopping at its first byte beyond `room(kind)`, the
/// bytes the organisation has left for a document of the kind chosen (if the kind came first).
async fn read_upload(
    multipart: Result<Multipart, MultipartRejection>,
    room: impl Fn(Option<DocumentKind>) -> u64,
) -> Result<Upload, AppError> {
    let mut multipart = multipart.map_err(files::rejected)?;
    // A form sent without a file is taken as an empty one.
    let mut upload = Upload { kind: None, file_name: String::new(), file: Ok(StoredFile::empty()) };
    while let Some(mut field) = multipart.next_field().await.map_err(files::unreadable)? {
        match field.name() {
            Some("kind") => upload.kind = DocumentKind::parse(field.text().await.map_err(files::unreadable)?.trim()),
            Some("file") => {
                upload.file_name = files::clean_file_name(field.file_name().unwrap_or_default());
                let room = room(upload.kind);
                let (limit, refused) = if room < MAX_DOCUMENT_BYTES as u64 {
                    (room, Refused::OverQuota)
                } else {
                    (MAX_DOCUMENT_BYTES as u64, Refused::TooLarge)
                };
                let Some(file) = files::read_field(&mut field, limit).await.map_err(files::unreadable)? else {
                    // The rest of the request is left unread: nothing more of it is wanted.
                    upload.file = Err(refused);
                    return Ok(upload);
                };
                upload.file = Ok(file);
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
    rights: Rights,
    SlugPath(slug): SlugPath,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let (db, store, rules) = (&state.db, &state.files, &state.desk_rules);
    let organization = Organization::with_right(db, &rights, &slug, lang, Right::KeepDossier).await?;
    let quota = rules.document_quota_bytes;
    let dossier = Dossier::load(db, organization.id).await?;
    let upload = read_upload(multipart, |kind| quota.saturating_sub(dossier.bytes_kept_beside(kind))).await?;
    let mut form = FormState::default();
    if upload.kind.is_none() {
        form.fail("kind", lang.t("edit-choose"));
    }
    let over_quota = || {
        lang.t_with(
            "ecosoc-quota-exceeded",
            &[("quota", megabytes(quota).into()), ("used", megabytes(dossier.stored_bytes()).into())],
        )
    };
    match &upload.file {
        Err(Refused::TooLarge) => {
            form.fail("file", lang.t_count("ecosoc-file-too-large", (MAX_DOCUMENT_BYTES / 1024 / 1024) as i64))
        }
        Err(Refused::OverQuota) => form.fail("file", over_quota()),
        Ok(file) if file.size == 0 => form.fail("file", lang.t("ecosoc-file-missing")),
        Ok(file) if file.content_type.is_none() => form.fail("file", lang.t("ecosoc-file-type")),
        Ok(_) => {}
    }
    if let (Some(kind), Ok(file), true) = (upload.kind, upload.file, form.is_valid()) {
        let content_type = file.content_type.unwrap_or_default();
        let stored = NewDocument { kind, file_name: upload.file_name, content_type, file };
        if record_document(db, store, rights.user(), &organization, stored, quota).await? {
            return Ok(Redirect::to(&format!("{}/dossier#documents", organization.desk_url())).into_response());
        }
        // Another upload took the room in the meantime.
        form.fail("file", over_quota());
    }
    let page = dossier_page(db, rules, lang, &uri, organization, form).await?;
    Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response())
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

/// A received document with what it is.
struct NewDocument {
    kind: DocumentKind,
    file_name: String,
    content_type: &'static str,
    file: StoredFile,
}

/// Records an uploaded document in place of those it replaces (the same file uploaded again as the same kind,
/// or any earlier document of a kind the dossier holds only the latest of), unless the organisation's documents
/// would then take more than `quota` bytes. The desk's row is written first, which holds back any other upload
/// of the organisation until this one is recorded, so that parallel uploads cannot together pass the quota.
/// The file goes to the store before, and leaves it again if it is not recorded; the objects of the documents
/// it replaces leave it once it is.
async fn record_document(
    db: &Db,
    store: &FileStore,
    user: &SignedIn,
    organization: &Organization,
    document: NewDocument,
    quota: u64,
) -> anyhow::Result<bool> {
    let NewDocument { kind, file_name, content_type, file } = document;
    let size = i64::try_from(file.size).unwrap_or(i64::MAX);
    let now = now_rfc3339();
    let kept = store.put("dossier", &file).await?;
    let kept_keys: Vec<String> = kept.object_key.iter().cloned().collect();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO ecosoc_desks (organization_id, updated_at) VALUES ($1, $2) \
         ON CONFLICT (organization_id) DO UPDATE SET updated_at = $2",
    )
    .bind(organization.id)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    let replaced = sqlx::query(
        "DELETE FROM ecosoc_documents WHERE organization_id = $1 AND kind = $2 AND (sha256 = $3 OR $4 = 1) \
         RETURNING kind, file_name, size, sha256, object_key",
    )
    .bind(organization.id)
    .bind(kind.code())
    .bind(&file.sha256)
    .bind(i64::from(kind.only_latest()))
    .fetch_all(&mut *tx)
    .await?;
    let stored: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM ecosoc_documents WHERE organization_id = $1",
    )
    .bind(organization.id)
    .fetch_one(&mut *tx)
    .await?;
    if u64::try_from(stored.saturating_add(size)).unwrap_or(u64::MAX) > quota {
        tx.rollback().await?;
        store.delete(&kept_keys).await?;
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO ecosoc_documents (organization_id, kind, file_name, content_type, size, sha256, uploaded_at, \
         uploaded_by, content, object_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(organization.id)
    .bind(kind.code())
    .bind(&file_name)
    .bind(content_type)
    .bind(size)
    .bind(&file.sha256)
    .bind(&now)
    .bind(user.user_id)
    .bind(kept.content)
    .bind(kept.object_key)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let replaced_keys =
        replaced.iter().map(|row| row.try_get::<Option<String>, _>("object_key")).collect::<sqlx::Result<Vec<_>>>()?;
    store.delete(&replaced_keys.into_iter().flatten().collect::<Vec<_>>()).await?;
    let before = replaced.first().map(audited_row).transpose()?;
    crate::platform::audit::record(
        db,
        Some(user.user_id),
        "ecosoc.document",
        AUDITED_AS,
        Some(organization.id),
        before.as_ref(),
        Some(&audited(&kind.label(Lang::En), &file_name, size, &file.sha256)),
    )
    .await?;
    Ok(true)
}

/// The organisation of a document's address, for someone holding `right` on it, and the document's id.
async fn document_address(
    db: &Db,
    rights: &Rights,
    (raw_slug, raw_id): (String, String),
    lang: Lang,
    right: fn(i64) -> Right,
) -> Result<(Organization, i64), AppError> {
    let not_found = || AppError::NotFound;
    let slug = Slug::parse(&raw_slug).ok_or_else(not_found)?;
    let id: i64 = raw_id.parse().map_err(|_| not_found())?;
    Ok((Organization::with_right(db, rights, &slug, lang, right).await?, id))
}

/// Takes a document out of the dossier, and its object out of the store where it is kept there; the completeness
/// meter counts without it.
pub async fn delete(
    State(db): State<Db>,
    State(store): State<FileStore>,
    lang: Lang,
    rights: Rights,
    Path(address): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (organization, id) = document_address(&db, &rights, address, lang, Right::KeepDossier).await?;
    let row = sqlx::query(
        "DELETE FROM ecosoc_documents WHERE id = $1 AND organization_id = $2 \
         RETURNING kind, file_name, size, sha256, object_key",
    )
    .bind(id)
    .bind(organization.id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    store.delete(&row.try_get::<Option<String>, _>("object_key")?.into_iter().collect::<Vec<_>>()).await?;
    let deleted = audited_row(&row)?;
    crate::platform::audit::record(
        &db,
        Some(rights.user().user_id),
        "ecosoc.document-delete",
        AUDITED_AS,
        Some(organization.id),
        Some(&deleted),
        None,
    )
    .await?;
    Ok(Redirect::to(&format!("{}/dossier#documents", organization.desk_url())).into_response())
}

/// Sends an uploaded document to whoever may read the dossier, from the database or the store.
pub async fn download(
    State(db): State<Db>,
    State(store): State<FileStore>,
    lang: Lang,
    rights: Rights,
    Path(address): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (organization, id) = document_address(&db, &rights, address, lang, Right::ReadDossier).await?;
    let row = sqlx::query(
        "SELECT file_name, content_type, content, object_key FROM ecosoc_documents \
         WHERE id = $1 AND organization_id = $2",
    )
    .bind(id)
    .bind(organization.id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let file_name: String = row.try_get("file_name")?;
    let content_type: String = row.try_get("content_type")?;
    let object_key: Option<String> = row.try_get("object_key")?;
    let content: Option<String> = row.try_get("content")?;
    // A document uploaded before the bytes were kept in the database, whose file no instance has adopted yet.
    if content.is_none() && object_key.is_none() {
        return Err(AppError::NotFound);
    }
    let bytes = store.read(&content.unwrap_or_default(), object_key.as_deref()).await?;
    Ok(files::attachment(&file_name, &content_type, bytes))
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
        if files::hex_sha256(&bytes) != sha256 {
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
    fn words_are_counted_as_a_reader_counts_them() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("Young people, planting trees — across the steppe."), 7);
        assert_eq!(word_count("NGO's work in Ganja-Qazax: 12 districts"), 6);
        assert_eq!(word_count("Молодёжь сажает деревья"), 3);
    }
}
