//! The plan pages: a network's plans, a plan with its timeline, objectives and
//! activities, an activity with its indicators and dated updates, and the
//! network's dashboard. Coordinators build the plan; the leads of a focal point
//! update the activities of its theme.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Multipart, Path, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::charts::{self, Bar, BarItem, Lane};
use super::edits::record_created;
use super::model::{ActivityStatus, Currency};
use super::store::{
    self, Activity, ActivityDraft, FocalPointRef, IndicatorDraft, NetworkRef, Part, Plan, PlanDraft, UpdateDraft,
};
use crate::accounts::{Right, Rights};
use crate::events::EventSummary;
use crate::platform::auth::{MaybeUser, RequireUser, SessionPolicy, SignedIn};
use crate::platform::clock::{parse_day, today};
use crate::platform::db::Db;
use crate::platform::files::{self, StoredFile};
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::objects::FileStore;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, Problem, SlugPath, render};

/// The `{slug}`, `{id}` and, for the addresses of a plan's parts, `{objective}`, `{activity}`, `{indicator}` or
/// `{proposal}` of a plan's address; anything malformed names nothing.
pub struct PlanPath {
    pub slug: Slug,
    pub plan: i64,
    pub objective: Option<i64>,
    pub activity: Option<i64>,
    pub indicator: Option<i64>,
    pub proposal: Option<i64>,
    /// A file of one of the activity's updates.
    pub file: Option<i64>,
}

impl<S: Send + Sync> FromRequestParts<S> for PlanPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<PlanPath, AppError> {
        let Path(params) =
            Path::<Vec<(String, String)>>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        let param = |name: &str| params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        let number = |name: &str| param(name).map(|v| v.parse::<i64>().map_err(|_| AppError::NotFound)).transpose();
        Ok(PlanPath {
            slug: param("slug").and_then(Slug::parse).ok_or(AppError::NotFound)?,
            plan: number("id")?.ok_or(AppError::NotFound)?,
            objective: number("objective")?,
            activity: number("activity")?,
            indicator: number("indicator")?,
            proposal: number("proposal")?,
            file: number("file")?,
        })
    }
}

impl PlanPath {
    /// The address of a plan itself.
    pub fn of(slug: Slug, plan: i64) -> PlanPath {
        PlanPath { slug, plan, objective: None, activity: None, indicator: None, proposal: None, file: None }
    }
}

/// What the reader may do with a network's plans.
pub struct Viewer {
    pub user: Option<SignedIn>,
    pub coordinator: bool,
    /// The focal points (ids) whose activities the reader updates as a lead.
    pub leads: Vec<i64>,
}

impl Viewer {
    pub async fn of(db: &Db, user: Option<SignedIn>, network_id: i64) -> Result<Viewer, AppError> {
        let Some(signed_in) = &user else { return Ok(Viewer { user, coordinator: false, leads: Vec::new() }) };
        let rights = Rights::of(db, signed_in);
        let coordinator = rights.may(Right::CoordinateNetwork(network_id)).await?;
        let mut leads = Vec::new();
        if !coordinator {
            for focal_point in store::focal_points(db, network_id).await? {
                if rights.may(Right::LeadFocalPoint(focal_point.id)).await? {
                    leads.push(focal_point.id);
                }
            }
        }
        Ok(Viewer { user, coordinator, leads })
    }

    pub fn may_update(&self, activity: &Activity) -> bool {
        self.coordinator || self.leads.contains(&activity.focal_point.id)
    }

    pub fn sees_budgets(&self, plan: &Plan) -> bool {
        plan.budgets_public || self.coordinator
    }

    /// The signed-in person, or the sign-in page; 403 when `allowed` is false.
    pub fn require(&self, allowed: bool, uri: &Uri) -> Result<&SignedIn, AppError> {
        match &self.user {
            None => Err(AppError::SignInRequired(uri.to_string())),
            Some(_) if !allowed => Err(AppError::Forbidden),
            Some(user) => Ok(user),
        }
    }

    /// The signed-in coordinator, or the sign-in page or 403.
    fn coordinator(&self, uri: &Uri) -> Result<&SignedIn, AppError> {
        self.require(self.coordinator, uri)
    }
}

/// A request about one of a network's plans: the database, the address, the plan as it stands today and what the
/// reader may do with it; 404 when the network has no such plan.
pub struct PlanRequest {
    pub db: Db,
    pub path: PlanPath,
    pub plan: Plan,
    pub viewer: Viewer,
}

impl<S> FromRequestParts<S> for PlanRequest
where
    S: Send + Sync,
    Db: FromRef<S>,
    SessionPolicy: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<PlanRequest, AppError> {
        let MaybeUser(user) = MaybeUser::from_request_parts(parts, state).await?;
        let path = PlanPath::from_request_parts(parts, state).await?;
        let db = Db::from_ref(state);
        let (plan, viewer) = plan_for(&db, &path, user).await?;
        Ok(PlanRequest { db, path, plan, viewer })
    }
}

/// The network and one of its plans, with what the reader may do.
pub async fn plan_for(db: &Db, path: &PlanPath, user: Option<SignedIn>) -> Result<(Plan, Viewer), AppError> {
    let network = store::network(db, &path.slug).await.found()?;
    let plan = store::load_plan(db, &network, path.plan, today()).await.found()?;
    let viewer = Viewer::of(db, user, network.id).await?;
    Ok((plan, viewer))
}

pub(super) fn status_choices(lang: Lang) -> Vec<Choice> {
    ActivityStatus::ALL.iter().map(|s| Choice { value: s.code().into(), label: lang.t(&s.label_key()) }).collect()
}

/// The plan's objectives to choose an activity's from.
pub(super) fn objective_choices(plan: &Plan) -> Vec<Choice> {
    plan.objectives
        .iter()
        .map(|o| Choice { value: o.id.to_string(), label: format!("{}. {}", o.number, o.title) })
        .collect()
}

pub(super) fn focal_point_choices(focal_points: &[FocalPointRef], lang: Lang) -> Vec<Choice> {
    focal_points
        .iter()
        .map(|fp| Choice {
            value: fp.id.to_string(),
            label: format!("{}. {} — {}", fp.number, fp.theme_name.get(lang), fp.title.get(lang)),
        })
        .collect()
}

/// A required text of at most `max` characters.
pub(super) fn required_text(data: &FormData, field: &str, max: usize, form: &mut FormState, lang: Lang) -> String {
    let value = data.get(field);
    if value.is_empty() {
        form.fail(field, lang.t("plans-required"));
    } else if value.chars().count() > max {
        form.fail(field, lang.t_count("form-too-long", max as i64));
    }
    value
}

fn required_day(data: &FormData, field: &str, form: &mut FormState, lang: Lang) -> Option<time::Date> {
    let day = parse_day(&data.get(field));
    if day.is_none() {
        form.fail(field, lang.t("plans-day-invalid"));
    }
    day
}

/// Two days of a period, the second not before the first.
fn period(data: &FormData, fields: (&str, &str), form: &mut FormState, lang: Lang) -> Option<(time::Date, time::Date)> {
    let (start, end) = (required_day(data, fields.0, form, lang), required_day(data, fields.1, form, lang));
    let (start, end) = (start?, end?);
    if end < start {
        form.fail(fields.1, lang.t("plans-end-before-start"));
        return None;
    }
    Some((start, end))
}

fn number(data: &FormData, field: &str, form: &mut FormState, lang: Lang) -> Option<f64> {
    let value = data.get(field).parse::<f64>().ok().filter(|v| v.is_finite() && v.abs() < 1e15);
    if value.is_none() {
        form.fail(field, lang.t("plans-number-invalid"));
    }
    value
}

pub fn read_plan(data: &FormData, form: &mut FormState, lang: Lang) -> Option<PlanDraft> {
    let title = required_text(data, "title", 300, form, lang);
    let (starts_on, ends_on) = period(data, ("starts_on", "ends_on"), form, lang)?;
    form.is_valid().then_some(PlanDraft { title, starts_on, ends_on })
}

pub(super) fn read_indicator(
    data: &FormData,
    prefix: &str,
    form: &mut FormState,
    lang: Lang,
) -> Option<IndicatorDraft> {
    let name = required_text(data, &format!("{prefix}name"), 300, form, lang);
    let baseline = number(data, &format!("{prefix}baseline"), form, lang);
    let target = number(data, &format!("{prefix}target"), form, lang);
    let current = if data.get(&format!("{prefix}current")).is_empty() {
        baseline
    } else {
        number(data, &format!("{prefix}current"), form, lang)
    };
    Some(IndicatorDraft { name, baseline: baseline?, target: target?, current: current? })
}

/// An amount of `currency` in a field, if given.
fn amount(data: &FormData, field: &str, currency: Option<Currency>, form: &mut FormState, lang: Lang) -> Option<i64> {
    let text = data.get(field);
    if text.is_empty() {
        return None;
    }
    let Some(currency) = currency else {
        form.fail("currency", lang.t("plans-currency-required"));
        return None;
    };
    let minor = currency.parse_amount(&text);
    if minor.is_none() {
        form.fail(field, lang.t("plans-amount-invalid"));
    }
    minor
}

/// The directory's organisation for a slug typed in `field`.
pub(super) async fn organization(
    db: &Db,
    text: &str,
    field: &str,
    form: &mut FormState,
    lang: Lang,
) -> sqlx::Result<Option<i64>> {
    let found = match Slug::parse(text) {
        Some(slug) => crate::directory::load(db, &slug).await?.map(|(id, _, _)| id),
        None => None,
    };
    if found.is_none() {
        form.fail(
            field,
            lang.t_with("plans-organization-unknown", &[("slug", text.chars().take(80).collect::<String>().into())]),
        );
    }
    Ok(found)
}

/// An activity as the coordinator's form gives it; None, with the message beside each bad field, when one is.
pub async fn read_activity(
    db: &Db,
    plan: &Plan,
    focal_points: &[FocalPointRef],
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
) -> sqlx::Result<Option<ActivityDraft>> {
    let objective_id =
        data.get("objective").parse::<i64>().ok().filter(|id| plan.objectives.iter().any(|o| o.id == *id));
    if objective_id.is_none() {
        form.fail("objective", lang.t("plans-choose"));
    }
    let title = required_text(data, "activity_title", 300, form, lang);
    let focal_point_id =
        data.get("focal_point").parse::<i64>().ok().filter(|id| focal_points.iter().any(|f| f.id == *id));
    if focal_point_id.is_none() {
        form.fail("focal_point", lang.t("plans-choose"));
    }
    let responsible = data.get("responsible");
    let responsible_id =
        if responsible.is_empty() { None } else { organization(db, &responsible, "responsible", form, lang).await? };
    let mut partner_ids = Vec::new();
    for slug in data.get("partners").split([',', ' ', '\n', '\r', ';']).filter(|s| !s.is_empty()) {
        if let Some(id) = organization(db, slug, "partners", form, lang).await?
            && !partner_ids.contains(&id)
        {
            partner_ids.push(id);
        }
    }
    let dates = period(data, ("activity_starts_on", "activity_ends_on"), form, lang);
    let currency_text = data.get("currency");
    let currency = if currency_text.is_empty() { None } else { Currency::parse(&currency_text) };
    if !currency_text.is_empty() && currency.is_none() {
        form.fail("currency", lang.t("plans-currency-invalid"));
    }
    let budget = amount(data, "budget", currency, form, lang);
    let secured = amount(data, "secured", currency, form, lang);
    let funding_source = Some(data.get("funding_source")).filter(|s| !s.is_empty());
    if funding_source.as_ref().is_some_and(|s| s.chars().count() > 300) {
        form.fail("funding_source", lang.t_count("form-too-long", 300));
    }
    let indicator =
        if data.get("indicator_name").is_empty() { None } else { read_indicator(data, "indicator_", form, lang) };
    let (Some(objective_id), Some(focal_point_id), Some((starts_on, ends_on)), true) =
        (objective_id, focal_point_id, dates, form.is_valid())
    else {
        return Ok(None);
    };
    Ok(Some(ActivityDraft {
        objective_id,
        title,
        focal_point_id,
        responsible_id,
        partner_ids,
        starts_on,
        ends_on,
        currency,
        budget,
        secured,
        funding_source,
        indicator,
    }))
}

/// An update of an activity as its form (or the API) gives it: a dated note, links as evidence, the status it
/// moves to and new indicator values (`value_{id}`).
pub fn read_update(
    data: &FormData,
    activity: &Activity,
    events: &[EventSummary],
    form: &mut FormState,
    lang: Lang,
) -> Option<UpdateDraft> {
    let note = required_text(data, "note", 5000, form, lang);
    let event = Some(data.get("event")).filter(|slug| !slug.is_empty());
    if event.as_ref().is_some_and(|slug| !events.iter().any(|e| e.slug == *slug)) {
        form.fail("event", lang.t("plans-choose"));
    }
    let noted_text = data.get("noted_on");
    let noted_on = if noted_text.is_empty() { Some(today()) } else { parse_day(&noted_text) };
    match noted_on {
        None => form.fail("noted_on", lang.t("plans-day-invalid")),
        Some(day) if day > today() => form.fail("noted_on", lang.t("plans-day-future")),
        Some(_) => {}
    }
    let evidence: Vec<String> =
        data.get("evidence").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    if evidence.len() > 20
        || evidence.iter().any(|link| {
            !(link.starts_with("https://") || link.starts_with("http://"))
                || link.len() > 2000
                || link.contains(char::is_whitespace)
        })
    {
        form.fail("evidence", lang.t("plans-evidence-invalid"));
    }
    let status_text = data.get("status");
    let status = if status_text.is_empty() { Some(activity.status) } else { ActivityStatus::parse(&status_text) };
    match status {
        None => form.fail("status", lang.t("plans-choose")),
        Some(next) if !activity.status.may_become(next) => form.fail(
            "status",
            lang.t_with(
                "plans-status-not-allowed",
                &[("from", lang.t(&activity.status.label_key()).into()), ("to", lang.t(&next.label_key()).into())],
            ),
        ),
        Some(_) => {}
    }
    let mut values = Vec::new();
    for indicator in &activity.indicators {
        let field = format!("value_{}", indicator.id);
        if !data.get(&field).is_empty()
            && let Some(value) = number(data, &field, form, lang)
        {
            values.push((indicator.id, value));
        }
    }
    let status = status.unwrap_or(activity.status);
    let after: Vec<(f64, f64, f64)> = activity
        .indicators
        .iter()
        .map(|i| {
            let current = values.iter().find(|(id, _)| *id == i.id).map_or(i.current, |(_, value)| *value);
            (i.baseline, i.target, current)
        })
        .collect();
    let progress = super::model::activity_progress(status, &after);
    form.is_valid().then(|| UpdateDraft {
        noted_on: noted_on.unwrap_or_else(today),
        note,
        evidence,
        status,
        values,
        progress,
        event,
    })
}

/// Records an update of an activity still as it was read (409 when it has moved since), and puts the move into the
/// plan's history: the status, the note and the indicators' values, as they were and became. Answers the update's
/// id.
pub async fn record_update(
    db: &Db,
    plan_id: i64,
    activity: &Activity,
    update: &UpdateDraft,
    author: i64,
) -> Result<i64, AppError> {
    let id = store::record_update(db, activity.id, activity.status, update, author).await?.ok_or(AppError::Conflict)?;
    let (mut before, mut after) = (serde_json::Map::new(), serde_json::Map::new());
    before.insert("status".into(), activity.status.code().into());
    after.insert("status".into(), update.status.code().into());
    after.insert("note".into(), update.note.clone().into());
    for (indicator, value) in &update.values {
        if let Some(i) = activity.indicators.iter().find(|i| i.id == *indicator) {
            before.insert(i.name.clone(), i.current.into());
            after.insert(i.name.clone(), (*value).into());
        }
    }
    let states = (Some(before.into()), Some(after.into()));
    super::edits::record(db, author, (plan_id, Part::Activity, activity.id), "update", states).await?;
    Ok(id)
}

/// The largest file an update takes, and how many files it takes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_FILES: usize = 3;
/// What an update's form may send: its files and its fields.
pub const UPDATE_LIMIT: usize = MAX_FILES * MAX_FILE_BYTES + 64 * 1024;

/// An update's form as posted: its fields and, when it is sent as multipart, the files chosen, each with its name
/// made safe (none for a file beyond the limit, after which the rest of the form is left unread).
pub struct UpdateForm {
    pub data: FormData,
    pub files: Vec<(String, Option<StoredFile>)>,
}

impl<S: Send + Sync> FromRequest<S> for UpdateForm {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<UpdateForm, AppError> {
        let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        if !content_type.is_some_and(|v| v.starts_with("multipart/form-data")) {
            return Ok(UpdateForm { data: FormData::from_request(request, state).await?, files: Vec::new() });
        }
        let mut multipart = Multipart::from_request(request, state).await.map_err(files::rejected)?;
        let (mut fields, mut uploads) = (BTreeMap::new(), Vec::new());
        while let Some(mut field) = multipart.next_field().await.map_err(files::unreadable)? {
            let name = field.name().unwrap_or_default().to_string();
            if name != "files" {
                let text = field.text().await.map_err(files::unreadable)?;
                if text.contains('\0') || name.contains('\0') {
                    return Err(AppError::bad(&name.replace('\0', ""), Problem::NulCharacter));
                }
                fields.insert(name, text);
                continue;
            }
            let file_name = field.file_name().unwrap_or_default().to_string();
            let file = files::read_field(&mut field, MAX_FILE_BYTES as u64).await.map_err(files::unreadable)?;
            if file_name.is_empty() && file.as_ref().is_some_and(|f| f.size == 0) {
                continue;
            }
            let whole = file.is_some();
            uploads.push((files::clean_file_name(&file_name), file));
            if !whole {
                break;
            }
        }
        Ok(UpdateForm { data: FormData(fields), files: uploads })
    }
}

/// The files of an update: no more than it takes, each within the limit, of a type the portal accepts.
fn check_files(uploads: &[(String, Option<StoredFile>)], form: &mut FormState, lang: Lang) {
    if uploads.len() > MAX_FILES {
        form.fail("files", lang.t_count("plans-files-too-many", MAX_FILES as i64));
    }
    for (_, file) in uploads {
        match file {
            None => form.fail("files", lang.t_count("ecosoc-file-too-large", (MAX_FILE_BYTES / 1024 / 1024) as i64)),
            Some(file) if file.content_type.is_none() => form.fail("files", lang.t("ecosoc-file-type")),
            Some(_) => {}
        }
    }
}

#[derive(Template)]
#[template(path = "plans/index.html")]
struct IndexPage {
    chrome: Chrome,
    network: NetworkRef,
    plans: Vec<store::PlanSummary>,
    coordinator: bool,
    form: FormState,
}

impl IndexPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

async fn index_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    network: NetworkRef,
    coordinator: bool,
    form: FormState,
) -> Result<Html<String>, AppError> {
    let title = lang.t_with("plans-index-title", &[("network", network.name.get(lang).to_string().into())]);
    render(&IndexPage {
        chrome: Chrome::new(lang, title, uri),
        plans: store::plans_of(db, network.id).await?,
        network,
        coordinator,
        form,
    })
}

/// A network's plans; its coordinators start one there.
pub async fn index(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let network = store::network(&db, &slug).await.found()?;
    let viewer = Viewer::of(&db, user, network.id).await?;
    index_page(&db, lang, &uri, network, viewer.coordinator, FormState::default()).await
}

pub async fn create(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let network = store::network(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::CoordinateNetwork(network.id)).await?;
    let mut form = FormState::from(&data);
    let Some(draft) = read_plan(&data, &mut form, lang) else {
        return Ok((StatusCode::BAD_REQUEST, index_page(&db, lang, &uri, network, true, form).await?).into_response());
    };
    let id = store::create_plan(&db, network.id, &draft, user.user_id).await?;
    record_created(&db, &PlanPath::of(slug.clone(), id), Part::Plan, id, user.user_id).await?;
    Ok(Redirect::to(&format!("/networks/{slug}/plans/{id}")).into_response())
}

/// A theme's activities and their progress, for the plan page.
pub struct ThemeRow {
    pub focal_point: FocalPointRef,
    pub activities: usize,
    pub progress: Option<u8>,
    pub overdue: usize,
}

/// Planned and secured amounts of one currency.
pub struct BudgetTotal {
    pub planned: String,
    pub secured: String,
}

fn budget_totals(plan: &Plan, lang: Lang) -> Vec<BudgetTotal> {
    plan.budget_by_funder(lang)
        .into_iter()
        .map(|(currency, funders)| {
            let (planned, secured) =
                funders.values().fold((0, 0), |(p, s), (planned, secured)| (p + planned, s + secured));
            BudgetTotal { planned: currency.display(planned), secured: currency.display(secured) }
        })
        .collect()
}

fn timeline_svg(plan: &Plan, lang: Lang) -> String {
    let lanes: Vec<Lane> = plan
        .by_theme()
        .into_iter()
        .map(|(focal_point, activities)| Lane {
            label: format!("{}. {}", focal_point.number, focal_point.theme_name.get(lang)),
            bars: activities
                .into_iter()
                .map(|a| Bar {
                    label: a.title.clone(),
                    start: a.starts_on,
                    end: a.ends_on,
                    status: a.status,
                    overdue: a.overdue,
                    detail: format!("{} ({} – {}): {}", a.title, a.starts_on, a.ends_on, lang.t(&a.status.label_key())),
                })
                .collect(),
        })
        .collect();
    charts::timeline(
        &lanes,
        plan.starts_on,
        plan.ends_on,
        today(),
        &lang.t_with("plans-timeline-title", &[("plan", plan.title.clone().into())]),
        &lang.t("plans-today"),
    )
}

#[derive(Template)]
#[template(path = "plans/plan.html")]
struct PlanPage {
    chrome: Chrome,
    plan: Plan,
    timeline: String,
    themes: Vec<ThemeRow>,
    overall: Option<u8>,
    budgets: bool,
    totals: Vec<BudgetTotal>,
    coordinator: bool,
    objective_form: FormState,
    /// The form that adds an activity.
    form: FormState,
    objectives: Vec<Choice>,
    focal_points: Vec<Choice>,
}

impl PlanPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

async fn plan_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    plan: Plan,
    viewer: &Viewer,
    objective_form: FormState,
    activity_form: FormState,
) -> Result<Html<String>, AppError> {
    let themes = plan
        .by_theme()
        .into_iter()
        .map(|(focal_point, activities)| ThemeRow {
            progress: store::progress_of(activities.iter().copied()),
            overdue: activities.iter().filter(|a| a.overdue).count(),
            activities: activities.len(),
            focal_point,
        })
        .collect();
    let focal_points = focal_point_choices(&store::focal_points(db, plan.network.id).await?, lang);
    let objectives = objective_choices(&plan);
    let page = PlanPage {
        chrome: Chrome::new(lang, plan.title.clone(), uri),
        timeline: timeline_svg(&plan, lang),
        themes,
        overall: store::progress_of(plan.activities()),
        budgets: viewer.sees_budgets(&plan),
        totals: budget_totals(&plan, lang),
        coordinator: viewer.coordinator,
        objective_form,
        form: activity_form,
        objectives,
        focal_points,
        plan,
    };
    render(&page)
}

/// A plan: its timeline by theme, progress per objective and theme, its activities (overdue ones flagged).
pub async fn show(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, plan, viewer, .. }: PlanRequest,
) -> Result<Html<String>, AppError> {
    plan_page(&db, lang, &uri, plan, &viewer, FormState::default(), FormState::default()).await
}

pub async fn add_objective(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, path, plan, viewer }: PlanRequest,
    data: FormData,
) -> Result<Response, AppError> {
    let author = viewer.coordinator(&uri)?.user_id;
    let mut form = FormState::from(&data);
    let title = required_text(&data, "objective_title", 1000, &mut form, lang);
    if !form.is_valid() {
        let page = plan_page(&db, lang, &uri, plan, &viewer, form, FormState::default()).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let id = store::add_objective(&db, plan.id, &title).await?;
    record_created(&db, &path, Part::Objective, id, author).await?;
    Ok(Redirect::to(&format!("/networks/{}/plans/{}#objective-{id}", path.slug, plan.id)).into_response())
}

pub async fn add_activity(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, path, plan, viewer }: PlanRequest,
    data: FormData,
) -> Result<Response, AppError> {
    let author = viewer.coordinator(&uri)?.user_id;
    let mut form = FormState::from(&data);
    let focal_points = store::focal_points(&db, plan.network.id).await?;
    let Some(draft) = read_activity(&db, &plan, &focal_points, &data, &mut form, lang).await? else {
        let page = plan_page(&db, lang, &uri, plan, &viewer, FormState::default(), form).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    let id = store::add_activity(&db, plan.id, &draft).await?;
    record_created(&db, &path, Part::Activity, id, author).await?;
    Ok(Redirect::to(&format!("/networks/{}/plans/{}/activities/{id}", path.slug, plan.id)).into_response())
}

/// Whether the plan's budgets are public (the coordinator's choice).
pub async fn settings(
    uri: Uri,
    PlanRequest { db, path, plan, viewer }: PlanRequest,
    data: FormData,
) -> Result<Response, AppError> {
    viewer.coordinator(&uri)?;
    store::set_budgets_public(&db, plan.id, data.get("budgets_public") == "1").await?;
    Ok(Redirect::to(&format!("/networks/{}/plans/{}", path.slug, plan.id)).into_response())
}

#[derive(Template)]
#[template(path = "plans/activity.html")]
struct ActivityPage {
    chrome: Chrome,
    plan: Plan,
    activity: Activity,
    updates: Vec<store::Update>,
    budgets: bool,
    may_update: bool,
    form: FormState,
    indicator_form: FormState,
    statuses: Vec<Choice>,
    /// The network's events an update may name.
    events: Vec<Choice>,
    max_file_mb: i64,
}

impl ActivityPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

async fn activity_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    (plan, viewer, activity): (Plan, Viewer, Activity),
    form: FormState,
    indicator_form: FormState,
) -> Result<Html<String>, AppError> {
    let mut form = form;
    form.values.entry("status".into()).or_insert_with(|| activity.status.code().into());
    let none = Choice { value: String::new(), label: lang.t("plans-no-event") };
    let events = crate::events::of_network(db, plan.network.id).await?.into_iter().map(|e| Choice {
        label: match &e.starts_on {
            Some(day) => format!("{} ({})", e.title.get(lang), lang.date(day)),
            None => e.title.get(lang).to_string(),
        },
        value: e.slug,
    });
    let page = ActivityPage {
        events: std::iter::once(none).chain(events).collect(),
        max_file_mb: (MAX_FILE_BYTES / 1024 / 1024) as i64,
        chrome: Chrome::new(lang, activity.title.clone(), uri),
        updates: store::updates(db, activity.id).await?,
        budgets: viewer.sees_budgets(&plan),
        may_update: viewer.may_update(&activity),
        statuses: status_choices(lang)
            .into_iter()
            .filter(|c| ActivityStatus::parse(&c.value).is_some_and(|s| activity.status.may_become(s)))
            .collect(),
        form,
        indicator_form,
        activity,
        plan,
    };
    render(&page)
}

/// The plan, the activity of the address, and what the reader may do.
async fn activity_for(db: &Db, path: &PlanPath, user: Option<SignedIn>) -> Result<(Plan, Viewer, Activity), AppError> {
    let (plan, viewer) = plan_for(db, path, user).await?;
    let activity = path.activity.and_then(|id| plan.activity(id)).cloned().ok_or(AppError::NotFound)?;
    Ok((plan, viewer, activity))
}

pub async fn activity(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
) -> Result<Html<String>, AppError> {
    let (plan, viewer, activity) = activity_for(&db, &path, user).await?;
    activity_page(&db, lang, &uri, (plan, viewer, activity), FormState::default(), FormState::default()).await
}

/// Records an update from its form, with the files it carries; the form again with its messages when a field is
/// bad.
pub async fn update_activity(
    State(db): State<Db>,
    State(store): State<FileStore>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
    UpdateForm { data, files }: UpdateForm,
) -> Result<Response, AppError> {
    let (plan, viewer, activity) = activity_for(&db, &path, user).await?;
    let author = viewer.require(viewer.may_update(&activity), &uri)?.user_id;
    let mut form = FormState::from(&data);
    let events = crate::events::of_network(&db, plan.network.id).await?;
    let update = read_update(&data, &activity, &events, &mut form, lang);
    check_files(&files, &mut form, lang);
    let Some(update) = update.filter(|_| form.is_valid()) else {
        let page = activity_page(&db, lang, &uri, (plan, viewer, activity), form, FormState::default()).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    let id = record_update(&db, plan.id, &activity, &update, author).await?;
    for (name, file) in files.iter().filter_map(|(name, file)| Some((name, file.as_ref()?))) {
        let placement = store.put("plans", file).await?;
        store::add_update_file(&db, id, name, file, &placement).await?;
    }
    Ok(Redirect::to(&format!("/networks/{}/plans/{}/activities/{}", path.slug, plan.id, activity.id)).into_response())
}

/// A file of one of an activity's updates, as a download: plans are public, and so is their evidence.
pub async fn update_file(
    State(db): State<Db>,
    State(store): State<FileStore>,
    path: PlanPath,
) -> Result<Response, AppError> {
    let (_, _, activity) = activity_for(&db, &path, None).await?;
    let file = path.file.ok_or(AppError::NotFound)?;
    let (name, content_type, content, object_key) = store::update_file(&db, activity.id, file).await.found()?;
    let bytes = store.read(&content, object_key.as_deref()).await?;
    Ok(files::attachment(&name, &content_type, bytes))
}

pub async fn add_indicator(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (plan, viewer, activity) = activity_for(&db, &path, user).await?;
    let author = viewer.require(viewer.may_update(&activity), &uri)?.user_id;
    let mut form = FormState::from(&data);
    let draft = read_indicator(&data, "", &mut form, lang).filter(|_| form.is_valid());
    let Some(draft) = draft else {
        let page = activity_page(&db, lang, &uri, (plan, viewer, activity), FormState::default(), form).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    let id = store::add_indicator(&db, activity.id, &draft).await?;
    record_created(&db, &path, Part::Indicator, id, author).await?;
    Ok(Redirect::to(&format!("/networks/{}/plans/{}/activities/{}", path.slug, plan.id, activity.id)).into_response())
}

/// A chart and its table.
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub svg: String,
    /// The same figures, for the chart's table.
    pub items: Vec<BarItem>,
}

fn count_chart(id: &'static str, title: String, counts: Vec<(String, i64)>) -> Chart {
    let items: Vec<BarItem> = counts
        .into_iter()
        .map(|(label, value)| BarItem { label, value, shown: value.to_string(), second: None })
        .collect();
    Chart { id, svg: charts::bars(&title, id, &items, None), title, items }
}

/// Planned against secured budget per funding source, a chart per currency.
fn budget_charts(plan: &Plan, lang: Lang) -> Vec<Chart> {
    let unknown = lang.t("plans-funder-unknown");
    let legend = (lang.t("plans-planned"), lang.t("plans-secured"));
    plan.budget_by_funder(lang)
        .into_iter()
        .map(|(currency, funders)| {
            let title = lang.t_with("plans-chart-budget", &[("currency", currency.code().to_string().into())]);
            let items: Vec<BarItem> = funders
                .into_iter()
                .map(|(funder, (planned, secured))| BarItem {
                    label: funder.unwrap_or_else(|| unknown.clone()),
                    value: planned,
                    shown: currency.display(planned),
                    second: Some((secured, currency.display(secured))),
                })
                .collect();
            Chart {
                id: "budget",
                svg: charts::bars(&title, &format!("budget-{currency}"), &items, Some((&legend.0, &legend.1))),
                title,
                items,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "plans/dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    plan: Plan,
    charts: Vec<Chart>,
}

/// A plan's figures as charts: activities by status and by theme, budget planned against secured per funder.
pub async fn dashboard(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, plan, viewer, .. }: PlanRequest,
) -> Result<Html<String>, AppError> {
    let by_status = ActivityStatus::ALL
        .iter()
        .map(|s| (lang.t(&s.label_key()), plan.activities().filter(|a| a.status == *s).count() as i64))
        .collect();
    let by_theme = plan
        .by_theme()
        .into_iter()
        .map(|(fp, activities)| (format!("{}. {}", fp.number, fp.theme_name.get(lang)), activities.len() as i64))
        .collect();
    let counted: Vec<i64> = plan.activities().filter(|a| a.status != ActivityStatus::Cancelled).map(|a| a.id).collect();
    let points = super::model::progress_over_time(&counted, &store::progress_history(&db, plan.id).await?);
    let title = lang.t("plans-chart-progress");
    let progress = Chart {
        id: "progress",
        svg: charts::line(&title, "progress", &points, plan.starts_on, plan.ends_on),
        title,
        items: points
            .iter()
            .map(|(day, percent)| BarItem {
                label: day.to_string(),
                value: i64::from(*percent),
                shown: format!("{percent} %"),
                second: None,
            })
            .collect(),
    };
    let mut charts = vec![
        count_chart("status", lang.t("plans-chart-status"), by_status),
        count_chart("theme", lang.t("plans-chart-theme"), by_theme),
        progress,
    ];
    if viewer.sees_budgets(&plan) {
        charts.extend(budget_charts(&plan, lang));
    }
    let title = lang.t_with("plans-dashboard-title", &[("plan", plan.title.clone().into())]);
    render(&DashboardPage { chrome: Chrome::new(lang, title, &uri), plan, charts })
}
