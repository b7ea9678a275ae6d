//! The library's pages: an item with its organisation, publishing and editing one (for those who act for its
//! organisation), its files, and the search with its facets.

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::Row;

use super::item::{self, Draft, Item, ItemKind, ItemLink, SECTIONS};
use super::search::{self, LibraryQuery, PER_PAGE};
use crate::accounts::{Right, Rights};
use crate::platform::auth::MaybeUser;
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::files::{self, StoredFile};
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::objects::FileStore;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, query_pairs, render};

/// The largest file an item takes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// A form holds six texts in three languages, and Cyrillic takes six bytes a letter once a form encodes it.
pub const FORM_LIMIT: usize = 3 * 6 * 20_000 * 6 + 64 * 1024;
const AUDITED_AS: &str = "library-item";

/// The number in an item's address; anything else names nothing.
fn item_id(raw: &str) -> Result<i64, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// A section of a version as the page shows it.
pub struct SectionView {
    pub label: String,
    pub html: String,
}

pub struct OtherVersion {
    pub href: String,
    pub code: &'static str,
    pub endonym: &'static str,
}

#[derive(Template)]
#[template(path = "library/item.html")]
struct ItemPage {
    chrome: Chrome,
    item: Item,
    kind: String,
    /// The language the version shown is in.
    shown: &'static str,
    /// Said when the reader's language has no version.
    fallback: Option<String>,
    organization_name: String,
    theme_name: Option<String>,
    country: Option<String>,
    sections: Vec<SectionView>,
    others: Vec<OtherVersion>,
    can_edit: bool,
}

pub async fn item_page(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    Path(raw): Path<String>,
) -> Result<Html<String>, AppError> {
    let item = item::load(&db, item_id(&raw)?).await.found()?;
    let can_edit = match &user {
        Some(user) => Rights::of(&db, user).may(Right::ActForOrganization(item.organization_id)).await?,
        None => false,
    };
    let version = item.version(lang).clone();
    let fallback = (version.lang != lang).then(|| {
        lang.t_with("library-fallback", &[("wanted", lang.endonym().into()), ("shown", version.lang.endonym().into())])
    });
    let sections = SECTIONS[1..]
        .iter()
        .filter(|section| !version.text(section).is_empty())
        .map(|section| SectionView {
            label: lang.t(&format!("library-section-{section}")),
            html: crate::platform::markdown::to_safe_html(version.text(section)),
        })
        .collect();
    let others = item
        .draft
        .versions
        .iter()
        .filter(|v| v.lang != version.lang)
        .map(|v| OtherVersion {
            href: format!("{}?lang={}", item.href(), v.lang.code()),
            code: v.lang.code(),
            endonym: v.lang.endonym(),
        })
        .collect();
    let page = ItemPage {
        chrome: Chrome::new(lang, version.title().to_string(), &uri),
        kind: item.draft.kind.label(lang),
        shown: version.lang.code(),
        fallback,
        organization_name: item.organization_name.get(lang).to_string(),
        theme_name: item.theme.as_ref().map(|(_, name)| name.get(lang).to_string()),
        country: item.draft.country.map(|c| c.name(lang).to_string()),
        sections,
        others,
        can_edit,
        item,
    };
    render(&page)
}

/// A text field of a version in the form.
pub struct FieldView {
    pub name: String,
    pub label: String,
    pub multiline: bool,
}

/// A language's fields in the form.
pub struct LanguageFields {
    pub code: &'static str,
    pub endonym: &'static str,
    pub fields: Vec<FieldView>,
}

#[derive(Template)]
#[template(path = "library/form.html")]
struct FormPage {
    chrome: Chrome,
    action: String,
    /// The organisations the person may publish for; only when publishing.
    organizations: Option<Vec<Choice>>,
    kinds: Vec<Choice>,
    themes: Vec<Choice>,
    languages: Vec<LanguageFields>,
    form: FormState,
    /// The item's files, when editing.
    item: Option<Item>,
    max_megabytes: usize,
}

impl FormPage {
    async fn new(
        db: &Db,
        lang: Lang,
        uri: &Uri,
        form: FormState,
        editing: Option<Item>,
        rights: &Rights,
    ) -> Result<FormPage, AppError> {
        let organizations = match editing {
            Some(_) => None,
            None => Some(
                rights
                    .edited_organizations()
                    .await?
                    .into_iter()
                    .map(|o| Choice { value: o.slug, label: o.name.get(lang).to_string() })
                    .collect(),
            ),
        };
        let mut themes = vec![Choice { value: String::new(), label: lang.t("library-no-theme") }];
        themes.extend(Choice::from_named_rows(
            &sqlx::query("SELECT slug, name FROM themes ORDER BY position").fetch_all(&db.pool).await?,
            lang,
        )?);
        let languages = Lang::ALL
            .iter()
            .map(|l| LanguageFields {
                code: l.code(),
                endonym: l.endonym(),
                fields: SECTIONS
                    .iter()
                    .enumerate()
                    .map(|(i, section)| FieldView {
                        name: format!("{section}_{}", l.code()),
                        label: lang.t(&format!("library-section-{section}")),
                        multiline: i > 0,
                    })
                    .collect(),
            })
            .collect();
        let (title, action) = match &editing {
            Some(item) => (lang.t("library-edit-title"), format!("{}/edit", item.href())),
            None => (lang.t("library-new-title"), "/library/new".to_string()),
        };
        Ok(FormPage {
            chrome: Chrome::new(lang, title, uri),
            action,
            organizations,
            kinds: ItemKind::choices(lang),
            themes,
            languages,
            form,
            item: editing,
            max_megabytes: MAX_FILE_BYTES / 1024 / 1024,
        })
    }
}

pub async fn new_form(State(db): State<Db>, lang: Lang, uri: Uri, rights: Rights) -> Result<Html<String>, AppError> {
    let mut form = FormState::default();
    if let Some((_, slug)) = query_pairs(&uri)?.into_iter().find(|(name, _)| name == "organization") {
        form.values.insert("organization".into(), slug);
    }
    render(&FormPage::new(&db, lang, &uri, form, None, &rights).await?)
}

pub async fn create(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    let draft = Draft::read(&db, &data, &mut form, lang).await?;
    let organization = match Slug::parse(&data.get("organization")) {
        Some(slug) => crate::directory::load(&db, &slug).await?.map(|(id, _, _)| id),
        None => None,
    };
    match organization {
        Some(id) => rights.require(Right::ActForOrganization(id)).await?,
        None => form.fail("organization", lang.t("edit-choose")),
    }
    let (Some(draft), Some(organization_id)) = (draft, organization) else {
        let page = FormPage::new(&db, lang, &uri, form, None, &rights).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let id = publish(&db, rights.user().user_id, organization_id, &draft).await?;
    Ok(Redirect::to(&format!("/library/{id}/edit")).into_response())
}

/// Publishes an item of an organisation `user_id` acts for, in the history. Returns its id.
pub(super) async fn publish(db: &Db, user_id: i64, organization_id: i64, draft: &Draft) -> sqlx::Result<i64> {
    let id = item::save(db, None, organization_id, user_id, draft).await?;
    crate::platform::audit::record(
        db,
        Some(user_id),
        "library.create",
        AUDITED_AS,
        Some(id),
        None,
        Some(&draft.audited()),
    )
    .await?;
    Ok(id)
}

/// The item of an address, for someone who acts for its organisation.
async fn editable(db: &Db, rights: &Rights, raw: &str) -> Result<Item, AppError> {
    let item = item::load(db, item_id(raw)?).await.found()?;
    rights.require(Right::ActForOrganization(item.organization_id)).await?;
    Ok(item)
}

pub async fn edit_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Path(raw): Path<String>,
) -> Result<Html<String>, AppError> {
    let item = editable(&db, &rights, &raw).await?;
    let form = item.draft.form_values(item.theme.as_ref().map(|(slug, _)| slug.as_str()));
    render(&FormPage::new(&db, lang, &uri, form, Some(item), &rights).await?)
}

pub async fn edit(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Path(raw): Path<String>,
    data: FormData,
) -> Result<Response, AppError> {
    let item = editable(&db, &rights, &raw).await?;
    let mut form = FormState::from(&data);
    let Some(draft) = Draft::read(&db, &data, &mut form, lang).await? else {
        let page = FormPage::new(&db, lang, &uri, form, Some(item), &rights).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    update_item(&db, rights.user().user_id, &item, &draft).await?;
    Ok(Redirect::to(&item.href()).into_response())
}

/// Writes a new state of an item on behalf of a person who may edit it, in the history.
pub(super) async fn update_item(db: &Db, user_id: i64, item: &Item, draft: &Draft) -> sqlx::Result<()> {
    item::save(db, Some(item.id), item.organization_id, user_id, draft).await?;
    crate::platform::audit::record(
        db,
        Some(user_id),
        "library.update",
        AUDITED_AS,
        Some(item.id),
        Some(&item.draft.audited()),
        Some(&draft.audited()),
    )
    .await
}

pub async fn delete(
    State(db): State<Db>,
    State(store): State<FileStore>,
    rights: Rights,
    Path(raw): Path<String>,
) -> Result<Response, AppError> {
    let item = editable(&db, &rights, &raw).await?;
    delete_item(&db, &store, rights.user().user_id, &item).await?;
    Ok(Redirect::to(&format!("/organizations/{}", item.organization_slug)).into_response())
}

/// Deletes an item with its files on behalf of a person who may, and records it in the audit log.
pub(super) async fn delete_item(db: &Db, store: &FileStore, user_id: i64, item: &Item) -> anyhow::Result<()> {
    remove(db, store, item.id).await?;
    crate::platform::audit::record(
        db,
        Some(user_id),
        "library.delete",
        AUDITED_AS,
        Some(item.id),
        Some(&item.draft.audited()),
        None,
    )
    .await?;
    Ok(())
}

/// Deletes an item with its files, those in the store first, so that none is left there without its row.
pub(super) async fn remove(db: &Db, store: &FileStore, item_id: i64) -> anyhow::Result<()> {
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT object_key FROM library_files WHERE item_id = $1 AND object_key IS NOT NULL")
            .bind(item_id)
            .fetch_all(&db.pool)
            .await?;
    store.delete(&keys).await?;
    sqlx::query("DELETE FROM library_items WHERE id = $1").bind(item_id).execute(&db.pool).await?;
    Ok(())
}

/// Attaches an uploaded file to an item: a type the portal accepts, read from its first bytes, within the limit.
pub async fn upload(
    State(db): State<Db>,
    State(store): State<FileStore>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Path(raw): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let item = editable(&db, &rights, &raw).await?;
    let mut multipart = multipart.map_err(files::rejected)?;
    let (mut file_name, mut file) = (String::new(), Some(StoredFile::empty()));
    while let Some(mut field) = multipart.next_field().await.map_err(files::unreadable)? {
        if field.name() == Some("file") {
            file_name = files::clean_file_name(field.file_name().unwrap_or_default());
            file = files::read_field(&mut field, MAX_FILE_BYTES as u64).await.map_err(files::unreadable)?;
            break;
        }
    }
    let mut form = item.draft.form_values(item.theme.as_ref().map(|(slug, _)| slug.as_str()));
    match &file {
        None => form.fail("file", lang.t_count("ecosoc-file-too-large", (MAX_FILE_BYTES / 1024 / 1024) as i64)),
        Some(file) if file.size == 0 => form.fail("file", lang.t("ecosoc-file-missing")),
        Some(file) if file.content_type.is_none() => form.fail("file", lang.t("ecosoc-file-type")),
        Some(_) => {}
    }
    let Some(file) = file.filter(|_| form.is_valid()) else {
        let page = FormPage::new(&db, lang, &uri, form, Some(item), &rights).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let size = i64::try_from(file.size).unwrap_or(i64::MAX);
    let kept = store.put("library", &file).await?;
    let file_id: i64 = sqlx::query_scalar(
        "INSERT INTO library_files \
         (item_id, file_name, content_type, size, sha256, content, object_key, uploaded_at, uploaded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(item.id)
    .bind(&file_name)
    .bind(file.content_type.unwrap_or_default())
    .bind(size)
    .bind(&file.sha256)
    .bind(&kept.content)
    .bind(&kept.object_key)
    .bind(now_rfc3339())
    .bind(rights.user().user_id)
    .fetch_one(&db.pool)
    .await?;
    let audited = json!({ "file": file_id, "file_name": file_name, "size": size, "sha256": file.sha256 });
    crate::platform::audit::record(
        &db,
        Some(rights.user().user_id),
        "library.file",
        AUDITED_AS,
        Some(item.id),
        None,
        Some(&audited),
    )
    .await?;
    Ok(Redirect::to(&format!("{}/edit#files", item.href())).into_response())
}

/// The item and file of a file's address.
fn file_address((raw_item, raw_file): &(String, String)) -> Result<(i64, i64), AppError> {
    Ok((item_id(raw_item)?, item_id(raw_file)?))
}

/// Sends an item's file to anyone: the library is public.
pub async fn download(
    State(db): State<Db>,
    State(store): State<FileStore>,
    Path(address): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (item, file) = file_address(&address)?;
    let row = sqlx::query(
        "SELECT file_name, content_type, content, object_key FROM library_files WHERE id = $1 AND item_id = $2",
    )
    .bind(file)
    .bind(item)
    .fetch_optional(&db.pool)
    .await
    .found()?;
    let bytes = store
        .read(&row.try_get::<String, _>("content")?, row.try_get::<Option<String>, _>("object_key")?.as_deref())
        .await?;
    Ok(files::attachment(&row.try_get::<String, _>("file_name")?, &row.try_get::<String, _>("content_type")?, bytes))
}

pub async fn delete_file(
    State(db): State<Db>,
    State(store): State<FileStore>,
    rights: Rights,
    Path(address): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (_, file) = file_address(&address)?;
    let item = editable(&db, &rights, &address.0).await?;
    let row = sqlx::query(
        "DELETE FROM library_files WHERE id = $1 AND item_id = $2 RETURNING file_name, size, sha256, object_key",
    )
    .bind(file)
    .bind(item.id)
    .fetch_optional(&db.pool)
    .await
    .found()?;
    store.delete(&row.try_get::<Option<String>, _>("object_key")?.into_iter().collect::<Vec<_>>()).await?;
    let audited = json!({
        "file": file, "file_name": row.try_get::<String, _>("file_name")?, "size": row.try_get::<i64, _>("size")?,
        "sha256": row.try_get::<String, _>("sha256")?,
    });
    crate::platform::audit::record(
        &db,
        Some(rights.user().user_id),
        "library.file-delete",
        AUDITED_AS,
        Some(item.id),
        Some(&audited),
        None,
    )
    .await?;
    Ok(Redirect::to(&format!("{}/edit#files", item.href())).into_response())
}

/// A facet as the search page shows it: a heading and links that set or clear a value.
pub struct FacetView {
    pub param: &'static str,
    pub heading: String,
    pub values: Vec<FacetLink>,
}

pub struct FacetLink {
    pub href: String,
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "library/search.html")]
struct SearchPage {
    chrome: Chrome,
    text: String,
    items: Vec<ItemLink>,
    total: usize,
    facets: Vec<FacetView>,
    previous: Option<String>,
    next: Option<String>,
}

/// The theme slugs a search may name.
pub async fn theme_slugs(db: &Db) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT slug FROM themes").fetch_all(&db.pool).await
}

pub async fn search_page(State(db): State<Db>, lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    let query = LibraryQuery::parse(&query_pairs(&uri)?, &theme_slugs(&db).await?)?;
    let found = search::run(&db, &query, lang).await?;
    let facets = found
        .facets
        .iter()
        .map(|(facet, values)| FacetView {
            param: facet.param(),
            heading: lang.t(&format!("library-facet-{}", facet.param())),
            values: values
                .iter()
                .map(|v| FacetLink {
                    href: format!("/library?{}", query.toggled(*facet, &v.value)),
                    value: v.value.clone(),
                    label: v.label.clone(),
                    count: v.count,
                    selected: v.selected,
                })
                .collect(),
        })
        .collect();
    let page_link = |page: usize| {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        serializer.append_pair("q", &query.text);
        for (facet, value) in &query.filters {
            serializer.append_pair(facet.param(), value);
        }
        serializer.append_pair("page", &page.to_string());
        format!("/library?{}", serializer.finish())
    };
    let title = if query.text.is_empty() {
        lang.t("library-title")
    } else {
        lang.t_with("library-title-query", &[("query", query.text.clone().into())])
    };
    let page = SearchPage {
        chrome: Chrome::new(lang, title, &uri),
        items: item::links(&db, &found.ids, lang).await?,
        total: found.total,
        facets,
        previous: (query.page > 1).then(|| page_link(query.page - 1)),
        next: (query.page * PER_PAGE < found.total).then(|| page_link(query.page + 1)),
        text: query.text,
    };
    render(&page)
}
