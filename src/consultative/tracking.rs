//! The application's way through the Committee on NGOs, and the changes to
//! status afterwards: each step dated, recorded in the audit log, and the
//! closing without prejudice computed from unanswered questions.

use std::collections::HashMap;

use sqlx::Row;
use time::Date;

use super::rules::{self, Session};
use crate::directory::{ConsultativeStatus, code_enum};
use crate::platform::clock::parse_day;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;

code_enum! {
    /// A dated step of the application, or of status once granted.
    Step, "ecosoc-step" {
        Submitted => "submitted",
        Screening => "screening",
        Questions => "questions",
        Deferred => "deferred",
        Recommended => "recommended",
        Granted => "granted",
        NotRecommended => "not_recommended",
        Closed => "closed",
        Withdrawn => "withdrawn",
        ReportFiled => "report_filed",
        ReclassificationRequested => "reclassification_requested",
        Reclassified => "reclassified",
        NameChangeRequested => "name_change_requested",
        NameChanged => "name_changed",
    }
}

impl Step {
    /// Whether the step moves the application itself (the others happen once status is held).
    pub fn is_stage(self) -> bool {
        !matches!(
            self,
            Step::ReportFiled
                | Step::ReclassificationRequested
                | Step::Reclassified
                | Step::NameChangeRequested
                | Step::NameChanged
        )
    }

    /// Steps that belong to a session of the Committee.
    pub fn needs_session(self) -> bool {
        matches!(self, Step::Questions | Step::Deferred)
    }

    /// Steps that name a category of status.
    pub fn needs_category(self) -> bool {
        matches!(self, Step::Recommended | Step::Granted | Step::Reclassified)
    }

    /// The step that names the organisation's new name.
    pub fn needs_new_name(self) -> bool {
        self == Step::NameChanged
    }

    /// What may follow the application's current stage.
    pub fn after(stage: Option<Step>) -> &'static [Step] {
        match stage {
            None | Some(Step::NotRecommended | Step::Closed | Step::Withdrawn) => &[Step::Submitted],
            Some(Step::Submitted) => &[Step::Screening, Step::Questions, Step::Withdrawn],
            Some(Step::Screening) => {
                &[Step::Questions, Step::Deferred, Step::Recommended, Step::NotRecommended, Step::Withdrawn]
            }
            Some(Step::Questions | Step::Deferred) => &[
                Step::Questions,
                Step::Deferred,
                Step::Recommended,
                Step::NotRecommended,
                Step::Closed,
                Step::Withdrawn,
            ],
            Some(Step::Recommended) => &[Step::Granted, Step::NotRecommended],
            Some(_) => &[
                Step::ReportFiled,
                Step::ReclassificationRequested,
                Step::Reclassified,
                Step::NameChangeRequested,
                Step::NameChanged,
            ],
        }
    }
}

/// The categories status is recommended and granted in.
pub const CATEGORIES: [ConsultativeStatus; 3] =
    [ConsultativeStatus::General, ConsultativeStatus::Special, ConsultativeStatus::Roster];

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub step: Step,
    pub on: Date,
    pub session: Option<Session>,
    pub category: Option<ConsultativeStatus>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub id: i64,
    pub session: Session,
    pub received_on: Date,
    pub question: String,
    pub answer: Option<String>,
    pub answer_sent_on: Option<Date>,
}

/// Everything recorded about an organisation's application and status, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Application {
    pub events: Vec<Event>,
    pub questions: Vec<Question>,
}

impl Application {
    pub async fn load(db: &Db, organization_id: i64) -> sqlx::Result<Application> {
        Ok(Application::load_many(db, &[organization_id]).await?.remove(&organization_id).unwrap_or_default())
    }

    /// The applications of `organization_ids`, read in a few statements; an organisation with nothing recorded
    /// is absent.
    pub async fn load_many(db: &Db, organization_ids: &[i64]) -> sqlx::Result<HashMap<i64, Application>> {
        let mut applications: HashMap<i64, Application> = HashMap::new();
        let rows = db
            .fetch_for_ids(
                "SELECT organization_id, step, on_date, session, category, note FROM ecosoc_events \
                 WHERE organization_id IN ({ids}) ORDER BY organization_id, on_date, id",
                organization_ids,
            )
            .await?;
        for row in rows {
            let (Some(step), Some(on)) =
                (Step::parse(&row.try_get::<String, _>("step")?), parse_day(&row.try_get::<String, _>("on_date")?))
            else {
                continue;
            };
            applications.entry(row.try_get("organization_id")?).or_default().events.push(Event {
                step,
                on,
                session: row.try_get::<Option<String>, _>("session")?.as_deref().and_then(Session::parse),
                category: row.try_get::<Option<String>, _>("category")?.as_deref().and_then(ConsultativeStatus::parse),
                note: row.try_get("note")?,
            });
        }
        let rows = db
            .fetch_for_ids(
                "SELECT organization_id, id, session, received_on, question, answer, answer_sent_on \
                 FROM ecosoc_questions WHERE organization_id IN ({ids}) ORDER BY organization_id, received_on, id",
                organization_ids,
            )
            .await?;
        for row in rows {
            let (Some(session), Some(received_on)) = (
                Session::parse(&row.try_get::<String, _>("session")?),
                parse_day(&row.try_get::<String, _>("received_on")?),
            ) else {
                continue;
            };
            applications.entry(row.try_get("organization_id")?).or_default().questions.push(Question {
                id: row.try_get("id")?,
                session,
                received_on,
                question: row.try_get("question")?,
                answer: row.try_get("answer")?,
                answer_sent_on: row.try_get::<Option<String>, _>("answer_sent_on")?.as_deref().and_then(parse_day),
            });
        }
        Ok(applications)
    }

    /// The latest step that moved the application.
    pub fn stage(&self) -> Option<&Event> {
        self.events.iter().rev().find(|event| event.step.is_stage())
    }

    /// The day the application was closed without prejudice, when questions
    /// of a session stayed unanswered through the two sessions after it.
    pub fn closed_without_prejudice(&self, today: Date) -> Option<Date> {
        if !matches!(self.stage().map(|e| e.step), Some(Step::Questions | Step::Deferred)) {
            return None;
        }
        self.questions
            .iter()
            .filter(|q| q.answer_sent_on.is_none())
            .map(|q| rules::closes_without_prejudice(q.session))
            .filter(|closes| *closes <= today)
            .min()
    }

    /// The stage as it stands today, the computed closing included.
    pub fn current_stage(&self, today: Date) -> Option<Step> {
        if self.closed_without_prejudice(today).is_some() {
            return Some(Step::Closed);
        }
        self.stage().map(|e| e.step)
    }

    /// The category held and the day it was granted or last reclassified.
    pub fn status_since(&self) -> Option<(ConsultativeStatus, Date)> {
        self.events
            .iter()
            .rev()
            .find(|e| matches!(e.step, Step::Granted | Step::Reclassified))
            .and_then(|e| e.category.map(|category| (category, e.on)))
    }

    /// The days quadrennial reports were filed.
    pub fn reports_filed(&self) -> Vec<Date> {
        self.events.iter().filter(|e| e.step == Step::ReportFiled).map(|e| e.on).collect()
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn event(step: Step, on: Date) -> Event {
        Event { step, on, session: None, category: None, note: None }
    }

    fn question(session: Session, received_on: Date, answered: Option<Date>) -> Question {
        Question {
            id: 1,
            session,
            received_on,
            question: "Why?".into(),
            answer: answered.map(|_| "Because.".into()),
            answer_sent_on: answered,
        }
    }

    #[test]
    fn unanswered_questions_close_the_application_without_prejudice() {
        let asked = Session::regular(2027);
        let deferred = Application {
            events: vec![event(Step::Submitted, date!(2025 - 05 - 20)), event(Step::Deferred, date!(2027 - 01 - 25))],
            questions: vec![question(asked, date!(2027 - 01 - 25), None)],
        };
        let answered = Application {
            questions: vec![question(asked, date!(2027 - 01 - 25), Some(date!(2027 - 04 - 01)))],
            ..deferred.clone()
        };
        let cases = [
            (&deferred, date!(2028 - 02 - 29), Some(Step::Deferred)),
            (&deferred, date!(2028 - 03 - 01), Some(Step::Closed)),
            (&answered, date!(2030 - 01 - 01), Some(Step::Deferred)),
        ];
        for (application, today, stage) in cases {
            assert_eq!(application.current_stage(today), stage, "on {today}");
        }
        assert_eq!(Step::after(deferred.current_stage(date!(2028 - 03 - 01))), &[Step::Submitted]);
    }

    #[test]
    fn a_recommendation_stops_the_clock_of_unanswered_questions() {
        let mut application = Application {
            events: vec![event(Step::Deferred, date!(2027 - 01 - 25))],
            questions: vec![question(Session::regular(2027), date!(2027 - 01 - 25), None)],
        };
        application.events.push(Event {
            category: Some(ConsultativeStatus::Special),
            ..event(Step::Recommended, date!(2027 - 05 - 30))
        });
        assert_eq!(application.current_stage(date!(2029 - 01 - 01)), Some(Step::Recommended));
    }

    #[test]
    fn status_follows_the_last_grant_or_reclassification() {
        let application = Application {
            events: vec![
                Event { category: Some(ConsultativeStatus::Special), ..event(Step::Granted, date!(2010 - 07 - 20)) },
                event(Step::ReportFiled, date!(2015 - 05 - 01)),
                Event {
                    category: Some(ConsultativeStatus::General),
                    ..event(Step::Reclassified, date!(2016 - 07 - 25))
                },
            ],
            questions: vec![],
        };
        assert_eq!(application.status_since(), Some((ConsultativeStatus::General, date!(2016 - 07 - 25))));
        assert_eq!(application.reports_filed(), vec![date!(2015 - 05 - 01)]);
        assert_eq!(application.current_stage(date!(2020 - 01 - 01)), Some(Step::Granted));
    }
}
