//! Eligibility under resolution 1996/31: the organisation's editors answer the
//! criteria; the registration date gives the earliest day an application could
//! be received, its 1 June deadline and the session that would examine it.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sqlx::Row;
use time::Date;

use super::rules::{self, Session};
use super::{Organization, session_label};
use crate::accounts::Rights;
use crate::directory::code_enum;
use crate::platform::clock::{now_rfc3339, parse_day, today};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, SlugPath, render};

code_enum! {
    /// A criterion the organisation answers for itself (registration is computed from its date).
    Criterion, "ecosoc-criterion" {
        Headquarters => "headquarters",
        Constitution => "constitution",
        Authority => "authority",
        Representative => "representative",
        Accountability => "accountability",
        Transparency => "transparency",
        Funding => "funding",
        Relevance => "relevance",
    }
}

/// What the editors said: registration date and an answer per criterion.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    pub registered_on: Option<Date>,
    pub criteria: BTreeMap<&'static str, bool>,
}

impl Answers {
    pub async fn load(db: &Db, organization_id: i64) -> sqlx::Result<Answers> {
        Ok(Answers::load_many(db, &[organization_id]).await?.remove(&organization_id).unwrap_or_default())
    }

    /// The answers of `organization_ids`, read in a few statements; an organisation without a desk is absent.
    pub async fn load_many(db: &Db, organization_ids: &[i64]) -> sqlx::Result<HashMap<i64, Answers>> {
        let rows = db
            .fetch_for_ids(
                "SELECT organization_id, registered_on, answers FROM ecosoc_desks WHERE organization_id IN ({ids})",
                organization_ids,
            )
            .await?;
        let mut answers = HashMap::with_capacity(rows.len());
        for row in rows {
            let stored: BTreeMap<String, bool> =
                serde_json::from_str(&row.try_get::<String, _>("answers")?).unwrap_or_default();
            let of_organization = Answers {
                registered_on: row.try_get::<Option<String>, _>("registered_on")?.as_deref().and_then(parse_day),
                criteria: Criterion::ALL
                    .iter()
                    .filter_map(|c| stored.get(c.code()).map(|answer| (c.code(), *answer)))
                    .collect(),
            };
            answers.insert(row.try_get("organization_id")?, of_organization);
        }
        Ok(answers)
    }

    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "registered_on": self.registered_on.map(|d| d.to_string()),
            "answers": self.criteria,
        })
    }
}

/// Whether a criterion is met, not met, or not answered yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Met,
    NotMet,
    Unanswered,
}

/// The desk's reading of the answers on a given day.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    pub verdicts: Vec<(Criterion, Verdict)>,
    /// Whether registration will be two years old when the application is received, and from when.
    pub registration: Option<(Verdict, Date)>,
    pub registered_on: Option<Date>,
    pub earliest: Option<Date>,
    pub deadline: Option<Date>,
    pub session: Option<Session>,
}

impl Assessment {
    pub fn of(answers: &Answers, today: Date) -> Assessment {
        let verdicts = Criterion::ALL
            .iter()
            .map(|c| {
                let verdict = match answers.criteria.get(c.code()) {
                    Some(true) => Verdict::Met,
                    Some(false) => Verdict::NotMet,
                    None => Verdict::Unanswered,
                };
                (*c, verdict)
            })
            .collect();
        let registration = answers.registered_on.map(|registered| {
            let matures = rules::registration_matures(registered);
            (if matures <= today { Verdict::Met } else { Verdict::NotMet }, matures)
        });
        let earliest = answers.registered_on.map(|registered| rules::earliest_application(registered, today));
        Assessment {
            verdicts,
            registration,
            registered_on: answers.registered_on,
            earliest,
            deadline: earliest.map(rules::deadline_for),
            session: earliest.map(Session::examining),
        }
    }

    /// Every criterion answered and met, registration included (today or later).
    pub fn all_met(&self) -> bool {
        matches!(self.registration, Some((Verdict::Met, _)))
            && self.verdicts.iter().all(|(_, verdict)| *verdict == Verdict::Met)
    }
}

/// One criterion as the page lists it.
pub struct CriterionLine {
    pub code: &'static str,
    pub label: String,
    pub verdict: String,
    pub met: bool,
}

/// The assessment in a reader's words.
pub struct AssessmentView {
    pub lines: Vec<CriterionLine>,
    pub registration: Option<CriterionLine>,
    pub all_met: bool,
    pub earliest: Option<String>,
    pub deadline: Option<String>,
    pub session: Option<String>,
}

impl AssessmentView {
    pub fn new(assessment: &Assessment, lang: Lang) -> AssessmentView {
        let verdict = |verdict: Verdict| match verdict {
            Verdict::Met => lang.t("ecosoc-met"),
            Verdict::NotMet => lang.t("ecosoc-not-met"),
            Verdict::Unanswered => lang.t("ecosoc-unanswered"),
        };
        AssessmentView {
            lines: assessment
                .verdicts
                .iter()
                .map(|(criterion, v)| CriterionLine {
                    code: criterion.code(),
                    label: criterion.label(lang),
                    verdict: verdict(*v),
                    met: *v == Verdict::Met,
                })
                .collect(),
            registration: assessment.registration.zip(assessment.registered_on).map(|((v, matures), registered)| {
                CriterionLine {
                    code: "registration",
                    label: lang.t_with(
                        "ecosoc-registration-two-years",
                        &[("registered", lang.date(registered).into()), ("matures", lang.date(matures).into())],
                    ),
                    // Registration that is not two years old yet will be: it is not a failure.
                    verdict: if v == Verdict::Met { lang.t("ecosoc-met") } else { lang.t("ecosoc-not-yet-met") },
                    met: v == Verdict::Met,
                }
            }),
            all_met: assessment.all_met(),
            earliest: assessment.earliest.map(|d| d.to_string()),
            deadline: assessment.deadline.map(|d| d.to_string()),
            session: assessment.session.map(|s| session_label(s, lang)),
        }
    }
}

#[derive(Template)]
#[template(path = "consultative/eligibility.html")]
struct EligibilityPage {
    chrome: Chrome,
    organization: Organization,
    form: FormState,
    assessment: AssessmentView,
    criteria: Vec<(&'static str, String)>,
}

fn form_of(answers: &Answers) -> FormState {
    let mut form = FormState::default();
    if let Some(day) = answers.registered_on {
        form.values.insert("registered_on".into(), day.to_string());
    }
    for (code, answer) in &answers.criteria {
        form.values.insert((*code).into(), if *answer { "yes" } else { "no" }.into());
    }
    form
}

fn page(lang: Lang, uri: &Uri, organization: Organization, form: FormState, answers: &Answers) -> EligibilityPage {
    let title = lang.t_with("ecosoc-eligibility-title", &[("name", organization.name.clone().into())]);
    EligibilityPage {
        chrome: Chrome::new(lang, title, uri),
        organization,
        form,
        assessment: AssessmentView::new(&Assessment::of(answers, today()), lang),
        criteria: Criterion::ALL.iter().map(|c| (c.code(), c.label(lang))).collect(),
    }
}

pub async fn eligibility_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    let answers = Answers::load(&db, organization.id).await?;
    render(&page(lang, &uri, organization, form_of(&answers), &answers))
}

/// Reads the posted answers; a field that is neither "yes", "no" nor empty gets its message.
fn answers_from(data: &FormData, form: &mut FormState, lang: Lang) -> Answers {
    let registered = data.get("registered_on");
    let registered_on = parse_day(&registered).filter(|day| *day <= today());
    if registered_on.is_none() && !registered.is_empty() {
        form.fail("registered_on", lang.t("ecosoc-registered-invalid"));
    }
    let mut criteria = BTreeMap::new();
    for criterion in Criterion::ALL {
        match data.get(criterion.code()).as_str() {
            "yes" => _ = criteria.insert(criterion.code(), true),
            "no" => _ = criteria.insert(criterion.code(), false),
            "" => {}
            _ => form.fail(criterion.code(), lang.t("edit-choose")),
        }
    }
    Answers { registered_on, criteria }
}

pub async fn save_eligibility(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    let mut form = FormState::from(&data);
    let answers = answers_from(&data, &mut form, lang);
    if !form.is_valid() {
        let stored = Answers::load(&db, organization.id).await?;
        let page = page(lang, &uri, organization, form, &stored);
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let before = Answers::load(&db, organization.id).await?;
    let criteria: BTreeMap<&str, bool> = answers.criteria.clone();
    sqlx::query(
        "INSERT INTO ecosoc_desks (organization_id, registered_on, answers, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (organization_id) DO UPDATE SET registered_on = $2, answers = $3, updated_at = $4",
    )
    .bind(organization.id)
    .bind(answers.registered_on.map(|d| d.to_string()))
    .bind(serde_json::to_string(&criteria).unwrap_or_default())
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    if before != answers {
        crate::platform::audit::record(
            &db,
            Some(rights.user().user_id),
            "ecosoc.eligibility",
            "ecosoc",
            Some(organization.id),
            Some(&before.to_json()),
            Some(&answers.to_json()),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("{}/eligibility?saved=1", organization.desk_url())).into_response())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn all_criteria_and_a_matured_registration_make_an_organisation_eligible() {
        let mut answers = Answers {
            registered_on: Some(date!(2024 - 06 - 02)),
            criteria: Criterion::ALL.iter().map(|c| (c.code(), true)).collect(),
        };
        let assessment = Assessment::of(&answers, date!(2025 - 11 - 27));
        assert!(!assessment.all_met(), "registration matures only on 2 June 2026");
        assert_eq!(assessment.registration, Some((Verdict::NotMet, date!(2026 - 06 - 02))));
        assert_eq!(assessment.deadline, Some(date!(2027 - 06 - 01)));
        assert_eq!(assessment.session, Some(Session::regular(2028)));
        assert!(Assessment::of(&answers, date!(2026 - 06 - 02)).all_met());
        answers.criteria.insert("funding", false);
        assert!(!Assessment::of(&answers, date!(2026 - 06 - 02)).all_met());
        answers.criteria.remove("funding");
        let assessment = Assessment::of(&answers, date!(2026 - 06 - 02));
        assert!(assessment.verdicts.contains(&(Criterion::Funding, Verdict::Unanswered)));
    }
}
