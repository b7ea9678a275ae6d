//! The pages of joint funding proposals: the list of a network's or a plan's,
//! a proposal with its co-applicants' confirmations and its pipeline, the form
//! that starts and edits one, and the comparison of two of its versions. The
//! network's coordinators and the editors of its co-applicants write; drafts
//! are theirs alone to read.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::model::{MoveRefused, ProposalStatus, check_move};
use super::pages::{PlanPath, PlanRequest, Viewer, plan_for};
use super::proposals::{self, DiffLine, Move, Proposal, Scope, Version};
use super::store::{self, NetworkRef, Plan};
use crate::accounts::Rights;
use crate::platform::auth::{MaybeUser, SignedIn};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::markdown::to_safe_html;
use crate::platform::web::{AppError, Chrome, Found, Problem, SlugPath, render};

/// What the reader may do with a network's proposals.
pub struct Author {
    pub viewer: Viewer,
    /// The organisations the reader is an editor of.
    pub edits: Vec<i64>,
}

impl Author {
    pub async fn of(db: &Db, viewer: Viewer) -> Result<Author, AppError> {
        let edits = match &viewer.user {
            Some(user) => Rights::of(db, user).edited_organizations().await?.into_iter().map(|o| o.id).collect(),
            None => Vec::new(),
        };
        Ok(Author { viewer, edits })
    }

    /// Coordinators, and editors of a co-applicant for the proposals it is on.
    pub fn may_edit(&self, proposal: &Proposal) -> bool {
        self.viewer.user.is_some() && (self.viewer.coordinator || proposal.is_applicant(&self.edits))
    }

    /// Everyone once it is submitted; its authors while it is a draft.
    pub fn may_read(&self, proposal: &Proposal) -> bool {
        proposal.status.is_public() || self.may_edit(proposal)
    }

    /// Amounts are budgets: shown where the plan shows budgets, and to the proposal's authors.
    pub fn sees_amounts(&self, proposal: &Proposal) -> bool {
        proposal.plan_budgets_public || self.may_edit(proposal)
    }

    /// Coordinators, and editors of an organisation, who then name it among the co-applicants.
    pub fn may_start(&self) -> bool {
        self.viewer.user.is_some() && (self.viewer.coordinator || !self.edits.is_empty())
    }

    /// The signed-in person, or the sign-in page; 403 when `allowed` is false.
    pub fn require(&self, allowed: bool, uri: &Uri) -> Result<&SignedIn, AppError> {
        self.viewer.require(allowed, uri)
    }

    /// A proposal's writer must stay among its authors: a co-applicant's editor who is no coordinator keeps one
    /// of their organisations among the co-applicants.
    pub fn check_applicants(&self, draft: &proposals::ProposalDraft, form: &mut FormState, lang: Lang) {
        if !self.viewer.coordinator && !draft.applicant_ids.iter().any(|id| self.edits.contains(id)) {
            form.fail("applicants", lang.t("proposals-applicant-yours"));
        }
    }
}

/// A proposal in a list, with what the reader sees of it.
pub struct Row {
    pub proposal: Proposal,
    pub amounts: bool,
    pub href: String,
}

#[derive(Template)]
#[template(path = "plans/proposals.html")]
struct ListPage {
    chrome: Chrome,
    network: NetworkRef,
    /// The plan the list is of; None for the whole network's.
    plan: Option<(i64, String)>,
    rows: Vec<Row>,
    may_start: bool,
}

async fn list_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    (network, plan): (NetworkRef, Option<(i64, String)>),
    author: &Author,
) -> Result<Html<String>, AppError> {
    let scope = plan.as_ref().map_or(Scope::Network(network.id), |(id, _)| Scope::Plan(*id));
    let rows = proposals::proposals(db, scope)
        .await?
        .into_iter()
        .filter(|p| author.may_read(p))
        .map(|p| Row {
            amounts: author.sees_amounts(&p),
            href: format!("/networks/{}/plans/{}/proposals/{}", network.slug, p.plan_id, p.id),
            proposal: p,
        })
        .collect();
    let title = match &plan {
        Some((_, title)) => lang.t_with("proposals-title-plan", &[("plan", title.clone().into())]),
        None => lang.t_with("proposals-title-network", &[("network", network.name.get(lang).to_string().into())]),
    };
    render(&ListPage {
        chrome: Chrome::new(lang, title, uri),
        may_start: plan.is_some() && author.may_start(),
        network,
        plan,
        rows,
    })
}

/// The proposals of a network's plans that the reader may read.
pub async fn network_list(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let network = store::network(&db, &slug).await.found()?;
    let author = Author::of(&db, Viewer::of(&db, user, network.id).await?).await?;
    list_page(&db, lang, &uri, (network, None), &author).await
}

/// The proposals for one plan.
pub async fn plan_list(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, plan, viewer, .. }: PlanRequest,
) -> Result<Html<String>, AppError> {
    let author = Author::of(&db, viewer).await?;
    list_page(&db, lang, &uri, (plan.network, Some((plan.id, plan.title))), &author).await
}

/// The plan, the proposal of the address (404 for a draft the reader may not read), and what the reader may do.
pub(super) async fn proposal_for(
    db: &Db,
    path: &PlanPath,
    user: Option<SignedIn>,
) -> Result<(Plan, Author, Proposal), AppError> {
    let (plan, viewer) = plan_for(db, path, user).await?;
    let author = Author::of(db, viewer).await?;
    let id = path.proposal.ok_or(AppError::NotFound)?;
    let proposal = proposals::proposals(db, Scope::One(id))
        .await?
        .into_iter()
        .find(|p| p.plan_id == plan.id && author.may_read(p))
        .ok_or(AppError::NotFound)?;
    Ok((plan, author, proposal))
}

/// An activity of the plan to tick on the proposal's form.
pub struct ActivityChoice {
    pub field: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "plans/proposal_form.html")]
struct FormPage {
    chrome: Chrome,
    plan: Plan,
    action: String,
    /// The version an edit starts from; None for a new proposal.
    version: Option<i64>,
    activities: Vec<ActivityChoice>,
    form: FormState,
}

impl FormPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

fn form_page(
    lang: Lang,
    uri: &Uri,
    plan: Plan,
    editing: Option<&Proposal>,
    form: FormState,
) -> Result<Html<String>, AppError> {
    let activities = plan
        .activities()
        .map(|a| {
            let field = format!("activity_{}", a.id);
            let budget = a.currency.map(|c| format!(" ({c})")).unwrap_or_default();
            ActivityChoice { checked: form.value(&field) == "1", label: format!("{}{budget}", a.title), field }
        })
        .collect();
    let base = format!("/networks/{}/plans/{}/proposals", plan.network.slug, plan.id);
    let (title, action) = match editing {
        Some(p) => {
            (lang.t_with("proposals-edit-title", &[("title", p.title.clone().into())]), format!("{base}/{}/edit", p.id))
        }
        None => (lang.t("proposals-new"), base),
    };
    render(&FormPage {
        chrome: Chrome::new(lang, title, uri),
        version: editing.map(|p| p.version),
        action,
        activities,
        form,
        plan,
    })
}

/// The form's fields holding a proposal as it stands.
fn fields_of(proposal: &Proposal) -> FormState {
    let mut form = FormState::default();
    let mut set = |name: &str, value: String| {
        form.values.insert(name.to_string(), value);
    };
    set("title", proposal.title.clone());
    set("funder", proposal.funder.slug.clone());
    set("currency", proposal.currency.code().to_string());
    set("requested", proposal.currency.decimal(proposal.requested));
    set("applicants", proposal.applicants.iter().map(|a| a.organization.slug.as_str()).collect::<Vec<_>>().join(", "));
    set("summary", proposal.summary.clone());
    for (id, _) in &proposal.activities {
        set(&format!("activity_{id}"), "1".into());
    }
    form
}

pub async fn new_form(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, plan, viewer, .. }: PlanRequest,
) -> Result<Html<String>, AppError> {
    let author = Author::of(&db, viewer).await?;
    author.require(author.may_start(), &uri)?;
    form_page(lang, &uri, plan, None, FormState::default())
}

fn proposal_address(plan: &Plan, id: i64) -> String {
    format!("/networks/{}/plans/{}/proposals/{id}", plan.network.slug, plan.id)
}

pub async fn create(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, plan, viewer, .. }: PlanRequest,
    data: FormData,
) -> Result<Response, AppError> {
    let author = Author::of(&db, viewer).await?;
    let user_id = author.require(author.may_start(), &uri)?.user_id;
    let mut form = FormState::from(&data);
    let draft = proposals::read_proposal(&db, &plan, &data, &mut form, lang).await?;
    if let Some(draft) = &draft {
        author.check_applicants(draft, &mut form, lang);
    }
    let Some(draft) = draft.filter(|_| form.is_valid()) else {
        return Ok((StatusCode::BAD_REQUEST, form_page(lang, &uri, plan, None, form)?).into_response());
    };
    let id = proposals::create(&db, plan.id, &draft, user_id).await?;
    Ok(Redirect::to(&proposal_address(&plan, id)).into_response())
}

pub async fn edit_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
) -> Result<Response, AppError> {
    let (plan, author, proposal) = proposal_for(&db, &path, user).await?;
    author.require(author.may_edit(&proposal), &uri)?;
    if !proposal.status.is_editable() {
        return Err(AppError::Conflict);
    }
    let form = fields_of(&proposal);
    Ok(form_page(lang, &uri, plan, Some(&proposal), form)?.into_response())
}

pub async fn edit(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (plan, author, proposal) = proposal_for(&db, &path, user).await?;
    let user_id = author.require(author.may_edit(&proposal), &uri)?.user_id;
    if !proposal.status.is_editable() || data.get("version") != proposal.version.to_string() {
        return Err(AppError::Conflict);
    }
    let mut form = FormState::from(&data);
    let draft = proposals::read_proposal(&db, &plan, &data, &mut form, lang).await?;
    if let Some(draft) = &draft {
        author.check_applicants(draft, &mut form, lang);
    }
    let Some(draft) = draft.filter(|_| form.is_valid()) else {
        return Ok((StatusCode::BAD_REQUEST, form_page(lang, &uri, plan, Some(&proposal), form)?).into_response());
    };
    if !proposals::save(&db, proposal.id, proposal.version, &draft, user_id).await? {
        return Err(AppError::Conflict);
    }
    Ok(Redirect::to(&proposal_address(&plan, proposal.id)).into_response())
}

/// A co-applicant the reader may confirm the proposal for.
pub struct Confirmable {
    pub slug: String,
    pub name: String,
}

#[derive(Template)]
#[template(path = "plans/proposal.html")]
struct ShowPage {
    chrome: Chrome,
    plan: Plan,
    proposal: Proposal,
    summary: String,
    amounts: bool,
    may_edit: bool,
    confirmable: Vec<Confirmable>,
    moves: Vec<Choice>,
    versions: Vec<i64>,
    form: FormState,
}

impl ShowPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }

    fn base(&self) -> String {
        proposal_address(&self.plan, self.proposal.id)
    }

    /// The version compared by default: the one before the current.
    fn previous(&self) -> i64 {
        (self.proposal.version - 1).max(1)
    }
}

async fn show_page(
    lang: Lang,
    uri: &Uri,
    (plan, author, proposal): (Plan, Author, Proposal),
    versions: Vec<i64>,
    form: FormState,
) -> Result<Html<String>, AppError> {
    let may_edit = author.may_edit(&proposal);
    let confirmable = proposal
        .applicants
        .iter()
        .filter(|a| proposal.status.is_editable() && !proposal.confirmed(a) && author.edits.contains(&a.id))
        .map(|a| Confirmable { slug: a.organization.slug.clone(), name: a.organization.name.get(lang).to_string() })
        .collect();
    let moves = ProposalStatus::ALL
        .into_iter()
        .filter(|next| proposal.status.may_become(*next))
        .map(|next| Choice { value: next.code().into(), label: lang.t(&next.label_key()) })
        .collect();
    render(&ShowPage {
        chrome: Chrome::new(lang, proposal.title.clone(), uri),
        summary: to_safe_html(&proposal.summary),
        amounts: author.sees_amounts(&proposal),
        may_edit,
        confirmable,
        moves,
        versions,
        form,
        plan,
        proposal,
    })
}

async fn version_numbers(db: &Db, proposal: &Proposal) -> Result<Vec<i64>, AppError> {
    Ok(proposals::versions(db, proposal.id).await?.into_iter().map(|v| v.number).collect())
}

pub async fn show(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
) -> Result<Html<String>, AppError> {
    let found = proposal_for(&db, &path, user).await?;
    let versions = version_numbers(&db, &found.2).await?;
    show_page(lang, &uri, found, versions, FormState::default()).await
}

/// A co-applicant's editor confirms the version they read, for their organisation.
pub async fn confirm(
    State(db): State<Db>,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (plan, author, proposal) = proposal_for(&db, &path, user).await?;
    let slug = data.get("organization");
    let applicant = proposal.applicants.iter().find(|a| a.organization.slug == slug);
    let user_id = author.require(applicant.is_some_and(|a| author.edits.contains(&a.id)), &uri)?.user_id;
    let applicant = applicant.ok_or(AppError::Forbidden)?;
    let version = data.get("version").parse::<i64>().map_err(|_| AppError::bad("version", Problem::NotANumber))?;
    if !proposals::confirm(&db, proposal.id, applicant.id, version, user_id).await? {
        return Err(AppError::Conflict);
    }
    Ok(Redirect::to(&proposal_address(&plan, proposal.id)).into_response())
}

/// A move along the pipeline as its form (or the API) gives it: the status, the amount granted when funded, the
/// reason when declined. None, with the message beside the field, when it may not be made.
pub fn read_move(proposal: &Proposal, data: &FormData, form: &mut FormState, lang: Lang) -> Option<Move> {
    let Some(to) = ProposalStatus::parse(&data.get("status")) else {
        form.fail("status", lang.t("plans-choose"));
        return None;
    };
    let granted_text = data.get("granted");
    let granted = if granted_text.is_empty() { None } else { proposal.currency.parse_amount(&granted_text) };
    if !granted_text.is_empty() && granted.is_none() {
        form.fail("granted", lang.t("plans-amount-invalid"));
        return None;
    }
    let reason = data.get("reason");
    if reason.chars().count() > 2000 {
        form.fail("reason", lang.t_count("form-too-long", 2000));
        return None;
    }
    match check_move(proposal.status, to, proposal.all_confirmed(), granted, &reason) {
        Ok(()) => Some(Move { to, granted, reason: Some(reason).filter(|r| !r.is_empty()) }),
        Err(refused) => {
            let (field, key) = match refused {
                MoveRefused::NotAllowed => ("status", "proposals-move-not-allowed"),
                MoveRefused::Unconfirmed => ("status", "proposals-unconfirmed"),
                MoveRefused::GrantMissing => ("granted", "proposals-granted-required"),
                MoveRefused::ReasonMissing => ("reason", "proposals-reason-required"),
            };
            form.fail(field, lang.t(key));
            None
        }
    }
}

pub async fn change_status(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (plan, author, proposal) = proposal_for(&db, &path, user).await?;
    let user_id = author.require(author.may_edit(&proposal), &uri)?.user_id;
    let mut form = FormState::from(&data);
    let Some(change) = read_move(&proposal, &data, &mut form, lang) else {
        let versions = version_numbers(&db, &proposal).await?;
        let page = show_page(lang, &uri, (plan, author, proposal), versions, form).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    if !proposals::move_to(&db, &proposal, &change, user_id).await? {
        return Err(AppError::Conflict);
    }
    Ok(Redirect::to(&proposal_address(&plan, proposal.id)).into_response())
}

#[derive(Template)]
#[template(path = "plans/proposal_versions.html")]
struct VersionsPage {
    chrome: Chrome,
    plan: Plan,
    proposal: Proposal,
    versions: Vec<Version>,
    from: i64,
    to: i64,
    lines: Vec<DiffLine>,
}

impl VersionsPage {
    fn base(&self) -> String {
        proposal_address(&self.plan, self.proposal.id)
    }
}

/// The number of a version asked for in the query, if any; 400 naming the parameter when it is not one.
fn version_asked(uri: &Uri, name: &str, versions: &[Version]) -> Result<Option<i64>, AppError> {
    let query = uri.query().unwrap_or_default();
    let Some((_, value)) = form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == name) else {
        return Ok(None);
    };
    match value.trim().parse::<i64>() {
        Ok(number) if versions.iter().any(|v| v.number == number) => Ok(Some(number)),
        Ok(_) => Err(AppError::bad(name, Problem::Unknown(value.chars().take(20).collect()))),
        Err(_) => Err(AppError::bad(name, Problem::NotANumber)),
    }
}

/// Every saved version, and what changed from one to another (by default, from the one before the current).
pub async fn versions(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
) -> Result<Html<String>, AppError> {
    let (plan, _, proposal) = proposal_for(&db, &path, user).await?;
    let versions = proposals::versions(&db, proposal.id).await?;
    let last = versions.last().map_or(1, |v| v.number);
    let to = version_asked(&uri, "to", &versions)?.unwrap_or(last);
    let from = version_asked(&uri, "from", &versions)?.unwrap_or((to - 1).max(1));
    let text =
        |number: i64| versions.iter().find(|v| v.number == number).map(|v| v.content.text(lang)).unwrap_or_default();
    let lines = proposals::diff(&text(from), &text(to));
    let title = lang.t_with("proposals-versions-title", &[("title", proposal.title.clone().into())]);
    render(&VersionsPage { chrome: Chrome::new(lang, title, &uri), plan, proposal, versions, from, to, lines })
}
