//! The directory as open data: organisations through `/api/v1`, described by
//! the handlers' own OpenAPI annotations; exports of any search as CSV or
//! JSON; an organisation as a vCard.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::queries::{self, Profile};
use super::routes::parse_search;
use super::search::{Card, SearchRequest};
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::web::{ApiError, ApiErrorBody, ApiSlug, AppError, Problem, SlugPath, query_pairs};
use crate::state::AppState;

/// Query parameters of a directory search. Facet parameters may be repeated:
/// values of one facet widen the search, different facets narrow it.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// Words to find in names (any script or spelling), acronyms, descriptions, places and people.
    #[param(max_length = 200)]
    q: Option<String>,
    /// ISO 3166-1 alpha-2 country codes.
    #[param(pattern = "^[A-Za-z]{2}$")]
    country: Option<Vec<String>>,
    /// Kinds of organisation.
    #[param(inline)]
    kind: Option<Vec<KindParam>>,
    /// Theme slugs (see `/api/v1/themes`).
    theme: Option<Vec<String>>,
    /// Network slugs (see `/api/v1/networks`).
    network: Option<Vec<String>>,
    /// ECOSOC consultative status.
    #[param(inline)]
    status: Option<Vec<StatusParam>>,
    /// `relevance` (the default with words) or `name`.
    #[param(inline)]
    sort: Option<SortParam>,
    #[param(minimum = 1, maximum = 500)]
    page: Option<u32>,
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
    /// Language of `name` and of sorting by name.
    #[param(inline)]
    lang: Option<LangParam>,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum KindParam {
    Ngo,
    Government,
    UnAgency,
    Donor,
    Business,
    Academic,
    Media,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum StatusParam {
    None,
    Roster,
    Special,
    General,
    Unspecified,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum SortParam {
    Relevance,
    Name,
}

#[derive(ToSchema, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(dead_code)]
pub enum LangParam {
    En,
    Ru,
    Az,
}

/// An organisation in a list.
#[derive(Serialize, ToSchema)]
pub struct OrganizationItem {
    pub id: i64,
    pub slug: String,
    /// The name in the requested language, or the first available.
    pub name: String,
    /// The name per language (`en`, `ru`, `az`).
    pub names: BTreeMap<String, String>,
    pub acronym: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    pub kind: String,
    pub city: Option<String>,
    pub consultative_status: String,
    /// The organisation's page on the portal.
    pub url: String,
}

impl OrganizationItem {
    pub fn of(card: &Card, lang: Lang) -> OrganizationItem {
        OrganizationItem {
            id: card.id,
            slug: card.slug.clone(),
            name: card.name.get(lang).to_string(),
            names: card.name.by_code(),
            acronym: card.acronym.clone(),
            country: card.country.map(|c| c.to_string()),
            kind: card.kind.code().to_string(),
            city: card.city.clone(),
            consultative_status: card.status.code().to_string(),
            url: format!("/organizations/{}", card.slug),
        }
    }
}

/// One page of a directory search, with the count per value of every facet.
#[derive(Serialize, ToSchema)]
pub struct OrganizationList {
    pub items: Vec<OrganizationItem>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    /// Per facet (`country`, `kind`, `theme`, `network`, `status`), each value's count of matches.
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
}

fn request_lang(pairs: &[(String, String)]) -> Result<Lang, AppError> {
    match pairs.iter().find(|(name, _)| name == "lang") {
        Some((_, code)) => {
            Lang::parse(code).ok_or_else(|| AppError::bad("lang", Problem::Unknown(code.chars().take(40).collect())))
        }
        None => Ok(Lang::En),
    }
}

async fn search_request(state: &AppState, uri: &Uri) -> Result<(SearchRequest, Lang), AppError> {
    let pairs = query_pairs(uri)?;
    let catalog = state.search.catalog.for_search(&pairs).await?;
    let lang = request_lang(&pairs)?;
    Ok((parse_search(&pairs, &catalog, lang)?, lang))
}

/// Search the directory.
#[utoipa::path(
    get,
    path = "/organizations",
    tag = "directory",
    params(SearchParams),
    responses(
        (status = 200, description = "One page of results", body = OrganizationList),
        (status = 400, description = "A parameter is not acceptable; the message says which and why", body = ApiErrorBody),
    )
)]
pub async fn search(State(state): State<AppState>, uri: Uri) -> Result<Json<OrganizationList>, ApiError> {
    let (request, lang) = search_request(&state, &uri).await?;
    let results = state.search.search(&request)?;
    Ok(Json(OrganizationList {
        items: results.cards.iter().map(|card| OrganizationItem::of(card, lang)).collect(),
        total: results.total as u64,
        page: request.page as u32,
        per_page: request.per_page as u32,
        facets: results
            .facets
            .iter()
            .map(|(facet, values)| (facet.param().to_string(), values.iter().cloned().collect()))
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct NamedRef {
    pub slug: String,
    pub names: BTreeMap<String, String>,
}

#[derive(Serialize, ToSchema)]
pub struct NetworkRole {
    pub network: NamedRef,
    /// `coordinator` or `member`.
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct FocalPointRole {
    pub network: NamedRef,
    pub title: BTreeMap<String, String>,
    pub theme: NamedRef,
    pub goals_label: Option<String>,
    /// `lead` or `collaborator`.
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct PersonPosition {
    /// The position's id, for `/api/v1/organizations/{slug}/people/{id}`.
    pub id: i64,
    pub honorific: Option<String>,
    pub name: BTreeMap<String, String>,
    pub title: BTreeMap<String, String>,
    /// Work e-mail in this position.
    pub email: Option<String>,
    pub phone: Option<String>,
    /// To send back with a change: a change to an older version is refused (409).
    pub version: i64,
}

/// Everything public about an organisation.
#[derive(Serialize, ToSchema)]
pub struct OrganizationDetail {
    pub id: i64,
    pub slug: String,
    pub names: BTreeMap<String, String>,
    pub other_names: Vec<String>,
    pub acronym: Option<String>,
    pub kind: String,
    pub country: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub founded_year: Option<i64>,
    /// Markdown, per language.
    pub description: BTreeMap<String, String>,
    pub consultative_status: String,
    pub status_year: Option<i64>,
    /// When a network coordinator last verified it (RFC 3339).
    pub verified_at: Option<String>,
    /// To send back with a change: a change to an older version is refused (409).
    pub version: i64,
    pub themes: Vec<String>,
    /// The goals it chose itself, beyond its themes': `mdg-1` … `mdg-8`, `sdg-1` … `sdg-17`.
    pub goals: Vec<String>,
    /// `local`, `national`, `regional` or `international`.
    pub scope: Option<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub countries_of_work: Vec<String>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
    pub expertise: Vec<String>,
    pub staff: Option<i64>,
    pub volunteers: Option<i64>,
    pub members: Option<i64>,
    /// The address of its logo, if it has one.
    pub logo: Option<String>,
    pub networks: Vec<NetworkRole>,
    pub focal_points: Vec<FocalPointRole>,
    pub people: Vec<PersonPosition>,
}

fn named(link: &queries::NamedLink) -> NamedRef {
    NamedRef { slug: link.slug.clone(), names: link.name.by_code() }
}

impl OrganizationDetail {
    fn of(profile: &Profile) -> OrganizationDetail {
        let d = &profile.document;
        OrganizationDetail {
            id: d.id,
            slug: d.slug.clone(),
            names: d.name.by_code(),
            other_names: d.other_names.clone(),
            acronym: d.acronym.clone(),
            kind: d.kind.code().to_string(),
            country: d.country.map(|c| c.to_string()),
            city: d.city.clone(),
            address: d.address.clone(),
            phone: profile.phone.clone(),
            email: profile.email.clone(),
            website: profile.website.clone(),
            founded_year: profile.founded_year,
            description: d.description.as_ref().map(crate::platform::i18n::LocalizedText::by_code).unwrap_or_default(),
            consultative_status: d.status.code().to_string(),
            status_year: profile.status_year,
            verified_at: profile.verified_at.clone(),
            version: profile.version,
            themes: profile.themes.iter().map(|t| t.theme.slug.clone()).collect(),
            goals: profile.work.goals.clone(),
            scope: profile.work.scope.map(|scope| scope.code().to_string()),
            countries_of_work: profile.work.countries_of_work.clone(),
            languages: profile.work.languages.clone(),
            expertise: profile.work.expertise.clone(),
            staff: profile.work.staff,
            volunteers: profile.work.volunteers,
            members: profile.work.members,
            logo: profile.logo_at.map(|at| format!("/organizations/{}/logo?v={at}", d.slug)),
            networks: profile
                .networks
                .iter()
                .map(|n| NetworkRole {
                    network: named(&n.network),
                    role: if n.coordinator { "coordinator" } else { "member" }.into(),
                })
                .collect(),
            focal_points: profile
                .focal_points
                .iter()
                .map(|f| FocalPointRole {
                    network: named(&f.network),
                    title: f.title.by_code(),
                    theme: named(&f.theme),
                    goals_label: f.goals_label.clone(),
                    role: if f.lead { "lead" } else { "collaborator" }.into(),
                })
                .collect(),
            people: profile
                .people
                .iter()
                .map(|p| PersonPosition {
                    id: p.id,
                    honorific: p.honorific.clone(),
                    name: p.name.by_code(),
                    title: p.title.by_code(),
                    email: p.email.clone(),
                    phone: p.phone.clone(),
                    version: p.version,
                })
                .collect(),
        }
    }
}

/// One organisation.
#[utoipa::path(
    get,
    path = "/organizations/{slug}",
    tag = "directory",
    params(("slug" = String, Path, description = "The organisation's slug", max_length = 120)),
    responses(
        (status = 200, body = OrganizationDetail),
        (status = 308, description = "The organisation was merged into another: `Location` is that one's address"),
        (status = 404, description = "No such organisation", body = ApiErrorBody),
    )
)]
pub async fn organization(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Response, ApiError> {
    let Some(profile) = queries::public_profile(&db, &slug).await? else {
        let kept = super::merge::merged_into(&db, &slug).await?.ok_or(AppError::NotFound)?;
        return Ok(axum::response::Redirect::permanent(&format!("/api/v1/organizations/{kept}")).into_response());
    };
    Ok(Json(OrganizationDetail::of(&profile)).into_response())
}

/// A change to an organisation: fields left out stay as they are; an empty
/// text clears a field; `names` and `description` replace all languages.
#[derive(serde::Deserialize, ToSchema)]
pub struct OrganizationChanges {
    /// The `version` read with the organisation.
    pub version: i64,
    pub names: Option<BTreeMap<String, String>>,
    pub acronym: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub founded_year: Option<i64>,
    pub description: Option<BTreeMap<String, String>>,
    pub consultative_status: Option<String>,
    pub status_year: Option<i64>,
    /// Theme slugs: the organisation's themes become these.
    pub themes: Option<Vec<String>>,
    /// Goals (`mdg-1` … `mdg-8`, `sdg-1` … `sdg-17`), replacing the list.
    pub goals: Option<Vec<String>>,
    /// `local`, `national`, `regional`, `international`, or empty for none.
    pub scope: Option<String>,
    /// ISO 3166-1 alpha-2 codes, replacing the list.
    pub countries_of_work: Option<Vec<String>>,
    /// ISO 639-1 codes, replacing the list.
    pub languages: Option<Vec<String>>,
    /// Replacing the list.
    pub expertise: Option<Vec<String>>,
    pub staff: Option<i64>,
    pub volunteers: Option<i64>,
    pub members: Option<i64>,
}

/// Makes a form's ticked boxes `{prefix}_{value}` the `values` given, each of which `known` must accept (else a
/// 400 naming `parameter`).
fn replace_ticks(
    fields: &mut BTreeMap<String, String>,
    prefix: &str,
    parameter: &str,
    values: &[String],
    known: impl Fn(&str) -> Option<String>,
) -> Result<(), AppError> {
    let start = format!("{prefix}_");
    fields.retain(|name, _| !name.starts_with(&start));
    for value in values {
        let value = known(value).ok_or_else(|| {
            AppError::bad(parameter, crate::platform::web::Problem::Unknown(value.chars().take(40).collect()))
        })?;
        fields.insert(format!("{start}{value}"), "on".into());
    }
    Ok(())
}

impl OrganizationChanges {
    /// The edit form's fields with these changes applied; `themes` are the slugs a theme may have.
    fn apply(&self, fields: &mut BTreeMap<String, String>, themes: &[String]) -> Result<(), AppError> {
        if let Some(chosen) = &self.themes {
            replace_ticks(fields, "theme", "themes", chosen, |slug| themes.iter().find(|t| *t == slug).cloned())?;
        }
        if let Some(codes) = &self.goals {
            replace_ticks(fields, "goal", "goals", codes, |code| super::model::goal_codes().find(|c| c == code))?;
        }
        if let Some(codes) = &self.countries_of_work {
            replace_ticks(fields, "work", "countries_of_work", codes, |code| {
                crate::platform::values::CountryCode::parse(code).map(|c| c.to_string())
            })?;
        }
        if let Some(codes) = &self.languages {
            replace_ticks(fields, "language", "languages", codes, |code| {
                super::model::WORK_LANGUAGES.iter().find(|(c, _)| *c == code).map(|(c, _)| c.to_string())
            })?;
        }
        if let Some(areas) = &self.expertise {
            fields.insert("expertise".into(), areas.join("\n"));
        }
        if let Some(scope) = &self.scope {
            fields.insert("scope".into(), scope.clone());
        }
        for (field, count) in [("staff", self.staff), ("volunteers", self.volunteers), ("members", self.members)] {
            if let Some(count) = count {
                fields.insert(field.to_string(), count.to_string());
            }
        }
        for (prefix, parameter, texts) in
            [("name", "names", &self.names), ("description", "description", &self.description)]
        {
            if let Some(texts) = texts {
                crate::platform::forms::replace_texts(fields, prefix, parameter, texts)?;
            }
        }
        let texts = [
            ("acronym", &self.acronym),
            ("kind", &self.kind),
            ("country", &self.country),
            ("city", &self.city),
            ("address", &self.address),
            ("phone", &self.phone),
            ("email", &self.email),
            ("website", &self.website),
            ("consultative_status", &self.consultative_status),
        ];
        for (field, value) in texts {
            if let Some(value) = value {
                fields.insert(field.to_string(), value.clone());
            }
        }
        for (field, year) in [("founded_year", self.founded_year), ("status_year", self.status_year)] {
            if let Some(year) = year {
                fields.insert(field.to_string(), year.to_string());
            }
        }
        Ok(())
    }
}

/// Change an organisation, with the rights of the token's owner (its editors,
/// its networks' coordinators, administrators). The change is in the audit log.
#[utoipa::path(
    patch,
    path = "/organizations/{slug}",
    tag = "directory",
    params(("slug" = String, Path, description = "The organisation's slug", max_length = 120)),
    request_body = OrganizationChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The organisation as changed", body = OrganizationDetail),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not change this organisation, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such organisation", body = ApiErrorBody),
        (status = 409, description = "The organisation changed since `version`", body = ApiErrorBody),
    )
)]
pub async fn update_organization(
    State(db): State<Db>,
    token: crate::platform::auth::TokenUser,
    ApiSlug(slug): ApiSlug,
    body: crate::platform::web::ApiBody<OrganizationChanges>,
) -> Result<Json<OrganizationDetail>, ApiError> {
    let (id, version, before) = super::organization::load(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let editor =
        crate::accounts::Rights::of(&db, &token.user).may(crate::accounts::Right::EditOrganization(id)).await?;
    let changes = token.write_body(editor, body)?;
    let user = token.user;
    let mut fields = before.to_fields();
    let themes: Vec<String> = sqlx::query_scalar("SELECT slug FROM themes").fetch_all(&db.pool).await?;
    changes.apply(&mut fields, &themes)?;
    let data = crate::platform::forms::FormData(fields);
    let mut form = crate::platform::forms::FormState::default();
    let Some(after) = super::organization::Organization::from_form(&data, &mut form, Lang::En) else {
        return Err(ApiError(form.api_error(&[("name", "names")])));
    };
    if changes.version != version
        || !super::organization::update(&db, id, version, &before, &after, user.user_id, "organization.update").await?
    {
        return Err(ApiError(AppError::Conflict));
    }
    let profile = queries::public_profile(&db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(OrganizationDetail::of(&profile)))
}

/// The duplicate to merge into an organisation.
#[derive(serde::Deserialize, ToSchema)]
pub struct MergeRequest {
    /// The duplicate's slug; it is merged into the organisation of the address, which is kept.
    pub duplicate: String,
}

/// Merge a duplicate into an organisation, with the rights of the token's owner (administrators, and the
/// coordinators of a network both belong to), as the merge page does: in one transaction everything that refers
/// to the duplicate moves to the kept organisation, the duplicate's names become other names, and its address
/// answers `308 Permanent Redirect` to the kept one. The merge is in the audit log.
#[utoipa::path(
    post,
    path = "/organizations/{slug}/merge",
    tag = "directory",
    params(("slug" = String, Path, description = "The slug of the organisation kept", max_length = 120)),
    request_body = MergeRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The kept organisation after the merge", body = OrganizationDetail),
        (status = 400, description = "`duplicate` names no other organisation", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not merge these two, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such organisation", body = ApiErrorBody),
        (status = 409, description = "The kept organisation changed during the merge; nothing was written", body = ApiErrorBody),
    )
)]
pub async fn merge_organization(
    State(db): State<Db>,
    token: crate::platform::auth::TokenUser,
    ApiSlug(slug): ApiSlug,
    body: crate::platform::web::ApiBody<MergeRequest>,
) -> Result<Json<OrganizationDetail>, ApiError> {
    use crate::accounts::{Right, Rights};
    let (kept_id, _, _) = super::organization::load(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let rights = Rights::of(&db, &token.user);
    let request = token.write_body(rights.may(Right::OverseeMember(kept_id)).await?, body)?;
    let unknown = || AppError::bad("duplicate", Problem::Unknown(request.duplicate.chars().take(120).collect()));
    let duplicate = crate::platform::values::Slug::parse(request.duplicate.trim()).ok_or_else(unknown)?;
    let (duplicate_id, _, _) = super::organization::load(&db, &duplicate).await?.ok_or_else(unknown)?;
    if duplicate_id == kept_id {
        return Err(ApiError(unknown()));
    }
    rights.require(Right::MergeOrganizations(kept_id, duplicate_id)).await?;
    if !super::merge::merge(&db, &slug, &duplicate, token.user.user_id).await? {
        return Err(ApiError(AppError::Conflict));
    }
    let profile = queries::public_profile(&db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(OrganizationDetail::of(&profile)))
}

/// The most rows an export holds; a narrower search gets the rest.
pub const EXPORT_LIMIT: usize = 100_000;

/// The columns of the directory's CSV exports, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "slug",
    "name_en",
    "name_ru",
    "name_az",
    "acronym",
    "kind",
    "country",
    "city",
    "email",
    "phone",
    "website",
    "consultative_status",
    "url",
];

/// An exported organisation: what the search found, and the contacts its public profile shows.
pub struct ExportRow {
    pub item: OrganizationItem,
    pub email: String,
    pub phone: String,
    pub website: String,
}

/// The exports' rows of the organisations a search found, their contacts read from the database in batches
/// (the search index keeps no contacts, and a statement takes only so many parameters).
async fn export_rows(db: &crate::platform::db::Db, items: Vec<OrganizationItem>) -> Result<Vec<ExportRow>, AppError> {
    use sqlx::Row;
    let ids: Vec<i64> = items.iter().map(|item| item.id).collect();
    let rows =
        db.fetch_for_ids("SELECT id, email, phone, website FROM organizations WHERE id IN ({ids})", &ids).await?;
    let mut contacts: std::collections::HashMap<i64, [String; 3]> = std::collections::HashMap::new();
    for row in rows {
        let text = |column: &str| row.try_get::<Option<String>, _>(column).map(Option::unwrap_or_default);
        contacts.insert(row.try_get("id")?, [text("email")?, text("phone")?, text("website")?]);
    }
    Ok(items
        .into_iter()
        .map(|item| {
            let [email, phone, website] = contacts.remove(&item.id).unwrap_or_default();
            ExportRow { item, email, phone, website }
        })
        .collect())
}

/// An organisation's cells in the exports, in the order of [`CSV_COLUMNS`].
fn export_cells(row: &ExportRow, public_url: &str) -> [String; 13] {
    let item = &row.item;
    let name = |lang: &str| item.names.get(lang).cloned().unwrap_or_default();
    [
        item.slug.clone(),
        name("en"),
        name("ru"),
        name("az"),
        item.acronym.clone().unwrap_or_default(),
        item.kind.clone(),
        item.country.clone().unwrap_or_default(),
        item.city.clone().unwrap_or_default(),
        row.email.clone(),
        row.phone.clone(),
        row.website.clone(),
        item.consultative_status.clone(),
        format!("{public_url}{}", item.url),
    ]
}

/// A CSV cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a leading tab or carriage
/// return) gets a leading single quote, as OWASP recommends against CSV injection: anyone can name an
/// organisation, and the export is opened in spreadsheets.
fn inert_in_spreadsheets(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell }
}

/// Rows as CSV, starting with a byte-order mark so spreadsheets read Cyrillic
/// and Azerbaijani letters as UTF-8.
pub fn csv_of(items: &[ExportRow], public_url: &str) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(CSV_COLUMNS).map_err(|e| AppError::Internal(e.into()))?;
    for item in items {
        writer
            .write_record(export_cells(item, public_url).map(inert_in_spreadsheets))
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    writer.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}

/// Rows as a spreadsheet, with the same columns as the CSV. Cells are written as strings, never as formulas,
/// so they need no quoting.
pub fn xlsx_of(items: &[ExportRow], public_url: &str) -> Result<Vec<u8>, AppError> {
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!("{e}"));
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("organizations").map_err(fail)?;
    for (column, title) in CSV_COLUMNS.iter().enumerate() {
        sheet.write_string(0, column as u16, *title).map_err(fail)?;
    }
    for (index, item) in items.iter().enumerate() {
        let row = index as u32 + 1;
        for (column, cell) in export_cells(item, public_url).iter().enumerate() {
            sheet.write_string(row, column as u16, cell).map_err(fail)?;
        }
    }
    workbook.save_to_buffer().map_err(fail)
}

pub fn download(body: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let disposition = format!("attachment; filename=\"{filename}\"");
    let mut response = ([(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], body).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// Every organisation a search finds (up to [`EXPORT_LIMIT`]), as CSV, XLSX or JSON.
pub async fn export(State(state): State<AppState>, uri: Uri) -> Result<Response, AppError> {
    let (mut request, item_lang) = search_request(&state, &uri).await?;
    request.page = 1;
    request.per_page = EXPORT_LIMIT;
    let results = state.search.search(&request)?;
    let items: Vec<OrganizationItem> = results.cards.iter().map(|card| OrganizationItem::of(card, item_lang)).collect();
    match uri.path().rsplit('/').next().unwrap_or("") {
        "export.csv" => {
            let rows = export_rows(&state.db, items).await?;
            Ok(download(csv_of(&rows, &state.public_url)?, "text/csv; charset=utf-8", "organizations.csv"))
        }
        "export.xlsx" => Ok(download(
            xlsx_of(&export_rows(&state.db, items).await?, &state.public_url)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "organizations.xlsx",
        )),
        "export.json" => {
            let body = serde_json::to_vec_pretty(&items).map_err(|e| AppError::Internal(e.into()))?;
            Ok(download(body, "application/json", "organizations.json"))
        }
        _ => Err(AppError::NotFound),
    }
}

/// Escapes a vCard text value.
fn vcard_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;").replace('\n', "\\n")
}

/// A vCard 4.0 of `properties` (values escaped), with its source, as a download.
fn vcard_download(properties: Vec<String>, source: String, filename: &str) -> Response {
    let mut lines = vec!["BEGIN:VCARD".to_string(), "VERSION:4.0".to_string()];
    lines.extend(properties);
    lines.push(format!("SOURCE:{source}"));
    lines.push("END:VCARD".to_string());
    download((lines.join("\r\n") + "\r\n").into_bytes(), "text/vcard; charset=utf-8", filename)
}

/// The name in its other languages, and the ways to reach its bearer.
fn names_and_contacts(
    name: &crate::platform::i18n::LocalizedText,
    shown: &str,
    contacts: [(&str, &Option<String>); 3],
) -> Vec<String> {
    let mut lines: Vec<String> = name
        .0
        .iter()
        .filter(|(_, n)| n.as_str() != shown)
        .map(|(lang, other)| format!("X-IRENE-NAME;LANGUAGE={}:{}", lang.code(), vcard_text(other)))
        .collect();
    for (key, value) in contacts {
        if let Some(value) = value {
            lines.push(format!("{key}:{}", vcard_text(value)));
        }
    }
    lines
}

/// An organisation as a vCard 4.0, for address books.
pub async fn vcard(State(state): State<AppState>, SlugPath(slug): SlugPath) -> Result<Response, AppError> {
    let profile = queries::public_profile(&state.db, &slug).await?.ok_or(AppError::NotFound)?;
    let d = &profile.document;
    let name = d.name.get(Lang::En);
    let mut lines =
        vec!["KIND:org".to_string(), format!("FN:{}", vcard_text(name)), format!("ORG:{}", vcard_text(name))];
    if d.city.is_some() || d.country.is_some() || d.address.is_some() {
        let country = d.country.map(|c| c.name(Lang::En).to_string()).unwrap_or_default();
        let field = |v: &Option<String>| vcard_text(v.as_deref().unwrap_or(""));
        lines.push(format!("ADR;TYPE=work:;;{};{};;;{}", field(&d.address), field(&d.city), vcard_text(&country)));
    }
    let contacts = [("TEL;TYPE=work", &profile.phone), ("EMAIL", &profile.email), ("URL", &profile.website)];
    lines.extend(names_and_contacts(&d.name, name, contacts));
    let source = format!("{}/organizations/{}/vcard", state.public_url, d.slug);
    Ok(vcard_download(lines, source, &format!("{}.vcf", d.slug)))
}

/// A person in their position at an organisation as a vCard 4.0.
pub async fn person_vcard(
    State(state): State<AppState>,
    axum::extract::Path((raw_slug, raw_id)): axum::extract::Path<(String, String)>,
) -> Result<Response, AppError> {
    let slug = crate::platform::values::Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let id: i64 = raw_id.parse().map_err(|_| AppError::NotFound)?;
    let profile = queries::public_profile(&state.db, &slug).await?.ok_or(AppError::NotFound)?;
    let person = profile.people.iter().find(|p| p.id == id).ok_or(AppError::NotFound)?;
    let name = person.name.get(Lang::En);
    let organization = profile.document.name.get(Lang::En);
    let mut lines = vec![
        "KIND:individual".to_string(),
        format!("FN:{}", vcard_text(name)),
        format!("ORG:{}", vcard_text(organization)),
    ];
    if let Some(honorific) = &person.honorific {
        lines.push(format!("N:;;;{};", vcard_text(honorific)));
    }
    let title = person.title.get(Lang::En);
    if !title.is_empty() {
        lines.push(format!("TITLE:{}", vcard_text(title)));
    }
    lines.extend(names_and_contacts(
        &person.name,
        name,
        [("TEL;TYPE=work", &person.phone), ("EMAIL;TYPE=work", &person.email), ("URL", &None)],
    ));
    let source = format!("{}/organizations/{}/people/{id}/vcard", state.public_url, profile.document.slug);
    Ok(vcard_download(lines, source, &format!("{}-{id}.vcf", profile.document.slug)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_starts_with_a_byte_order_mark_and_keeps_every_script() {
        let item = OrganizationItem {
            id: 1,
            slug: "buta".into(),
            name: "Buta".into(),
            names: [("en".to_string(), "Buta, Fund".to_string()), ("ru".to_string(), "«Бута»".to_string())].into(),
            acronym: None,
            country: Some("AZ".into()),
            kind: "ngo".into(),
            city: None,
            consultative_status: "none".into(),
            url: "/organizations/buta".into(),
        };
        let row = ExportRow { item, email: "info@buta.example".into(), phone: String::new(), website: String::new() };
        let csv = csv_of(&[row], "https://irene.example").unwrap();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(csv[3..].to_vec()).unwrap();
        assert!(text.starts_with("slug,name_en,name_ru"));
        assert!(text.contains("\"Buta, Fund\",«Бута»"), "{text}");
        assert!(text.starts_with("slug,name_en,name_ru,name_az,acronym,kind,country,city,email,phone,website,"));
        assert!(text.contains(",info@buta.example,,,none,https://irene.example/organizations/buta"), "{text}");
    }

    #[test]
    fn csv_cells_that_spreadsheets_would_evaluate_are_quoted() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(inert_in_spreadsheets(formula.to_string()), format!("'{formula}"));
        }
        assert_eq!(inert_in_spreadsheets("Buta = Fund".to_string()), "Buta = Fund");
    }

    #[test]
    fn vcard_values_escape_separators() {
        assert_eq!(vcard_text("A, B; C\\D\nE"), "A\\, B\\; C\\\\D\\nE");
    }
}
