//! Editing and deleting a plan's parts from the web: the plan's title and
//! period, an objective, an activity (every field of its form) and an
//! indicator. The coordinator edits them all; a focal point's lead edits the
//! activities of its theme and their indicators. A deletion is asked for on a
//! page of its own and made by a form, so that it works without JavaScript;
//! every change goes into the history.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::{Value, json};

use super::pages::{
    PlanPath, PlanRequest, Viewer, focal_point_choices, plan_for, read_activity, read_indicator, read_plan,
    required_text,
};
use super::store::{self, Activity, Part, Plan};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::objects::FileStore;
use crate::platform::web::{AppError, Chrome, render};

/// The part of a plan an edit or delete address names, with the plan it is in and what the reader may do.
pub struct Target {
    pub plan: Plan,
    pub viewer: Viewer,
    pub part: Part,
    pub id: i64,
}

/// The part an address names: the innermost of indicator, activity, objective, else the plan itself; 404 when the
/// plan does not hold it.
pub fn target(plan: Plan, viewer: Viewer, path: &PlanPath) -> Result<Target, AppError> {
    let (part, id) = match (path.objective, path.activity, path.indicator) {
        (None, None, None) => (Part::Plan, plan.id),
        (Some(id), None, None) if plan.objectives.iter().any(|o| o.id == id) => (Part::Objective, id),
        (None, Some(activity), indicator) => {
            let activity = plan.activity(activity).ok_or(AppError::NotFound)?;
            match indicator {
                None => (Part::Activity, activity.id),
                Some(id) if activity.indicators.iter().any(|i| i.id == id) => (Part::Indicator, id),
                Some(_) => return Err(AppError::NotFound),
            }
        }
        _ => return Err(AppError::NotFound),
    };
    Ok(Target { plan, viewer, part, id })
}

impl Target {
    /// The activity the part is (or holds the indicator that is the part).
    fn activity(&self) -> Option<&Activity> {
        match self.part {
            Part::Activity => self.plan.activity(self.id),
            Part::Indicator => self.plan.activities().find(|a| a.indicators.iter().any(|i| i.id == self.id)),
            Part::Plan | Part::Objective => None,
        }
    }

    /// The coordinator edits every part; a focal point's lead the activities of its theme and their indicators.
    pub fn may_edit(&self) -> bool {
        self.viewer.coordinator || self.activity().is_some_and(|a| self.viewer.may_update(a))
    }

    /// The part's title, as the pages show it.
    fn name(&self) -> String {
        match self.part {
            Part::Plan => self.plan.title.clone(),
            Part::Objective => {
                self.plan.objectives.iter().find(|o| o.id == self.id).map(|o| o.title.clone()).unwrap_or_default()
            }
            Part::Activity => self.activity().map(|a| a.title.clone()).unwrap_or_default(),
            Part::Indicator => self
                .activity()
                .and_then(|a| a.indicators.iter().find(|i| i.id == self.id))
                .map(|i| i.name.clone())
                .unwrap_or_default(),
        }
    }

    fn plan_address(&self) -> String {
        format!("/networks/{}/plans/{}", self.plan.network.slug, self.plan.id)
    }

    /// The page that shows the part: the plan's for a plan or an objective, the activity's for an activity or one
    /// of its indicators.
    fn page(&self) -> String {
        match (self.part, self.activity()) {
            (Part::Objective, _) => format!("{}#objective-{}", self.plan_address(), self.id),
            (Part::Activity | Part::Indicator, Some(a)) => format!("{}/activities/{}", self.plan_address(), a.id),
            _ => self.plan_address(),
        }
    }

    /// The part's own address, which `/edit` and `/delete` follow.
    fn address(&self) -> String {
        match (self.part, self.activity()) {
            (Part::Objective, _) => format!("{}/objectives/{}", self.plan_address(), self.id),
            (Part::Indicator, Some(a)) => format!("{}/activities/{}/indicators/{}", self.plan_address(), a.id, self.id),
            _ => self.page(),
        }
    }

    /// Where the reader goes once the part is deleted: the plans of the network, the plan, or the activity.
    fn after_deletion(&self) -> String {
        match self.part {
            Part::Plan => format!("/networks/{}/plans", self.plan.network.slug),
            Part::Objective | Part::Activity => self.plan_address(),
            Part::Indicator => self.page(),
        }
    }

    /// The edit form's fields holding the part as it stands.
    pub fn fields(&self) -> FormState {
        let mut form = FormState::default();
        let mut set = |name: &str, value: String| {
            form.values.insert(name.to_string(), value);
        };
        match self.part {
            Part::Plan => {
                set("title", self.plan.title.clone());
                set("starts_on", self.plan.starts_on.to_string());
                set("ends_on", self.plan.ends_on.to_string());
            }
            Part::Objective => set("objective_title", self.name()),
            Part::Activity => {
                let Some(a) = self.activity() else { return form };
                let amount = |minor: Option<i64>| a.currency.zip(minor).map(|(c, m)| c.decimal(m)).unwrap_or_default();
                set("objective", a.objective_id.to_string());
                set("activity_title", a.title.clone());
                set("focal_point", a.focal_point.id.to_string());
                set("responsible", a.responsible.as_ref().map(|o| o.slug.clone()).unwrap_or_default());
                set("partners", a.partners.iter().map(|o| o.slug.as_str()).collect::<Vec<_>>().join(", "));
                set("activity_starts_on", a.starts_on.to_string());
                set("activity_ends_on", a.ends_on.to_string());
                set("currency", a.currency.map(|c| c.code().to_string()).unwrap_or_default());
                set("budget", amount(a.budget));
                set("secured", amount(a.secured));
                set("funding_source", a.funding_source.clone().unwrap_or_default());
            }
            Part::Indicator => {
                let Some(i) = self.activity().and_then(|a| a.indicators.iter().find(|i| i.id == self.id)) else {
                    return form;
                };
                set("name", i.name.clone());
                set("baseline", i.baseline.to_string());
                set("target", i.target.to_string());
                set("current", i.current.to_string());
            }
        }
        form
    }

    /// The part as the history records it: its edit form's fields, an activity's objective and focal point by
    /// their numbers.
    pub fn state(&self) -> Value {
        let mut values = self.fields().values;
        if let (Part::Activity, Some(a)) = (self.part, self.activity()) {
            let objective = self.plan.objectives.iter().find(|o| o.id == a.objective_id).map(|o| o.number);
            values.insert("objective".into(), objective.map(|n| n.to_string()).unwrap_or_default());
            values.insert("focal_point".into(), a.focal_point.number.to_string());
        }
        json!(values)
    }
}

/// The focal points the reader may give an activity: all of the network's for its coordinator, those a lead leads
/// otherwise.
async fn focal_points_for(db: &Db, target: &Target) -> Result<Vec<store::FocalPointRef>, AppError> {
    let all = store::focal_points(db, target.plan.network.id).await?;
    Ok(all.into_iter().filter(|fp| target.viewer.coordinator || target.viewer.leads.contains(&fp.id)).collect())
}

#[derive(Template)]
#[template(path = "plans/edit.html")]
struct EditPage {
    chrome: Chrome,
    plan: Plan,
    part: Part,
    action: String,
    back: String,
    form: FormState,
    objectives: Vec<Choice>,
    focal_points: Vec<Choice>,
}

impl EditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

async fn edit_page(db: &Db, lang: Lang, uri: &Uri, target: Target, form: FormState) -> Result<Html<String>, AppError> {
    let heading = lang.t_with(&format!("plans-edit-{}", target.part.entity()), &[("name", target.name().into())]);
    let focal_points = focal_point_choices(&focal_points_for(db, &target).await?, lang);
    render(&EditPage {
        chrome: Chrome::new(lang, heading, uri),
        action: format!("{}/edit", target.address()),
        back: target.page(),
        objectives: super::pages::objective_choices(&target.plan),
        focal_points,
        part: target.part,
        plan: target.plan,
        form,
    })
}

/// The form that edits a part, filled with it as it stands.
pub async fn edit_form(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, path, plan, viewer }: PlanRequest,
) -> Result<Html<String>, AppError> {
    let target = target(plan, viewer, &path)?;
    target.viewer.require(target.may_edit(), &uri)?;
    let form = target.fields();
    edit_page(&db, lang, &uri, target, form).await
}

/// Saves an edit; the form again, with what was typed and the message beside each bad field, when one is bad.
pub async fn edit(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, path, plan, viewer }: PlanRequest,
    data: FormData,
) -> Result<Response, AppError> {
    let target = target(plan, viewer, &path)?;
    let author = target.viewer.require(target.may_edit(), &uri)?.user_id;
    match save(&db, &path, target, &data, author, lang).await? {
        Saved::Done(edited) => Ok(Redirect::to(&edited.page()).into_response()),
        Saved::Refused(target, form) => {
            Ok((StatusCode::BAD_REQUEST, edit_page(&db, lang, &uri, target, form).await?).into_response())
        }
    }
}

/// What became of an edit: the part as saved, or the part as it stood with the form's messages.
pub enum Saved {
    Done(Target),
    Refused(Target, FormState),
}

/// Saves a part from its edit form's fields (which the API fills from its body) and puts the change into the
/// history; the reader's right to edit the part is checked before.
pub async fn save(
    db: &Db,
    path: &PlanPath,
    target: Target,
    data: &FormData,
    author: i64,
    lang: Lang,
) -> Result<Saved, AppError> {
    let mut form = FormState::from(data);
    let saved = match target.part {
        Part::Plan => match read_plan(data, &mut form, lang) {
            Some(draft) => Some(store::update_plan(db, target.id, &draft).await?),
            None => None,
        },
        Part::Objective => {
            let title = required_text(data, "objective_title", 1000, &mut form, lang);
            if form.is_valid() { Some(store::update_objective(db, target.id, &title).await?) } else { None }
        }
        Part::Activity => {
            let focal_points = focal_points_for(db, &target).await?;
            match read_activity(db, &target.plan, &focal_points, data, &mut form, lang).await? {
                Some(draft) => Some(store::update_activity(db, target.id, &draft).await?),
                None => None,
            }
        }
        Part::Indicator => match read_indicator(data, "", &mut form, lang).filter(|_| form.is_valid()) {
            Some(draft) => Some(store::update_indicator(db, target.id, &draft).await?),
            None => None,
        },
    };
    if saved.is_none() {
        return Ok(Saved::Refused(target, form));
    }
    let before = target.state();
    let (plan, _) = plan_for(db, path, None).await?;
    let edited = Target { plan, viewer: target.viewer, part: target.part, id: target.id };
    record(db, author, (edited.plan.id, edited.part, edited.id), "edit", (Some(before), Some(edited.state()))).await?;
    Ok(Saved::Done(edited))
}

/// Puts a part just added to a plan into the history as its edit form holds it; answers the plan as it now stands.
pub async fn record_created(db: &Db, path: &PlanPath, part: Part, id: i64, author: i64) -> Result<Plan, AppError> {
    let (plan, viewer) = plan_for(db, path, None).await?;
    let created = Target { plan, viewer, part, id };
    record(db, author, (created.plan.id, part, id), "create", (None, Some(created.state()))).await?;
    Ok(created.plan)
}

/// Puts a change of a part of a plan into the history, as it was and became: `change` is `create`, `edit` or
/// `delete`.
pub async fn record(
    db: &Db,
    author: i64,
    (plan, part, id): (i64, Part, i64),
    change: &str,
    (before, after): (Option<Value>, Option<Value>),
) -> Result<(), AppError> {
    if part != Part::Plan {
        store::follow_in_history(db, plan, part, id).await?;
    }
    let entity = part.entity();
    let action = format!("{entity}.{change}");
    crate::platform::audit::record(db, Some(author), &action, entity, Some(id), before.as_ref(), after.as_ref())
        .await?;
    Ok(())
}

#[derive(Template)]
#[template(path = "plans/delete.html")]
struct DeletePage {
    chrome: Chrome,
    plan: Plan,
    explained: String,
    action: String,
    back: String,
}

/// Asks whether the part is to be deleted, and what goes with it.
pub async fn confirm_delete(
    lang: Lang,
    uri: Uri,
    PlanRequest { path, plan, viewer, .. }: PlanRequest,
) -> Result<Html<String>, AppError> {
    let target = target(plan, viewer, &path)?;
    target.viewer.require(target.may_edit(), &uri)?;
    let entity = target.part.entity();
    let name = target.name();
    render(&DeletePage {
        chrome: Chrome::new(lang, lang.t_with(&format!("plans-delete-{entity}"), &[("name", name.into())]), &uri),
        explained: lang.t(&format!("plans-delete-{entity}-explained")),
        action: format!("{}/delete", target.address()),
        back: target.page(),
        plan: target.plan,
    })
}

/// Deletes the part, and with it what hangs on it.
pub async fn delete(
    State(files): State<FileStore>,
    uri: Uri,
    PlanRequest { db, path, plan, viewer }: PlanRequest,
) -> Result<Response, AppError> {
    let target = target(plan, viewer, &path)?;
    let author = target.viewer.require(target.may_edit(), &uri)?.user_id;
    remove(&db, &files, &target, author).await?;
    Ok(Redirect::to(&target.after_deletion()).into_response())
}

/// Deletes the part with what hangs on it (the files of its updates kept in the store first, so that none is left
/// there without its row), and puts the deletion into the history.
pub async fn remove(db: &Db, files: &FileStore, target: &Target, author: i64) -> Result<(), AppError> {
    files.delete(&store::object_keys_under(db, target.part, target.id).await?).await?;
    store::delete(db, target.part, target.id).await?;
    record(db, author, (target.plan.id, target.part, target.id), "delete", (Some(target.state()), None)).await
}

/// Every change to a plan and its parts (deleted ones too), newest first, field by field in the reader's language;
/// for its coordinators, who see its budgets whether or not they are public.
pub async fn history(
    lang: Lang,
    uri: Uri,
    PlanRequest { db, plan, viewer, .. }: PlanRequest,
) -> Result<Html<String>, AppError> {
    viewer.require(viewer.coordinator, &uri)?;
    let parts = store::history_parts(&db, plan.id).await?;
    let subjects: Vec<(&str, i64)> = parts.iter().map(|(entity, id)| (entity.as_str(), *id)).collect();
    let page = crate::platform::audit::HistoryPage {
        chrome: Chrome::new(lang, lang.t_with("history-title", &[("name", plan.title.clone().into())]), &uri),
        back: format!("/networks/{}/plans/{}", plan.network.slug, plan.id),
        name: plan.title,
        entries: crate::platform::audit::history(&db, &subjects, lang).await?,
        restore_base: None,
    };
    render(&page)
}
