//! For coordinators and the platform operator: where a network's members
//! stand in the consultative-status process, who is late with a quadrennial
//! report, counts per country and per category; and the Committee's calendar.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Html;
use sqlx::Row;
use time::Date;

use super::eligibility::{Answers, Assessment};
use super::rules::{self, DeskRules, Session, Standing};
use super::status::{Held, held};
use super::tracking::{Application, Step};
use crate::accounts::{Right, Rights};
use crate::directory::ConsultativeStatus;
use crate::platform::auth::RequireUser;
use crate::platform::clock::today;
use crate::platform::db::Db;
use crate::platform::forms::Choice;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::CountryCode;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

/// Where an organisation is in the process, as the board counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pipeline {
    NotStarted,
    Eligible,
    Preparing,
    Submitted,
    Deferred,
    Recommended,
    Granted,
    Closed,
}

impl Pipeline {
    pub const ALL: [Pipeline; 8] = [
        Pipeline::NotStarted,
        Pipeline::Eligible,
        Pipeline::Preparing,
        Pipeline::Submitted,
        Pipeline::Deferred,
        Pipeline::Recommended,
        Pipeline::Granted,
        Pipeline::Closed,
    ];

    /// The stage of an application decides; without one, status already held,
    /// then a dossier begun, then eligibility.
    pub fn of(stage: Option<Step>, holds_status: bool, dossier_started: bool, eligible: bool) -> Pipeline {
        match stage {
            Some(Step::Submitted | Step::Screening) => Pipeline::Submitted,
            Some(Step::Questions | Step::Deferred) => Pipeline::Deferred,
            Some(Step::Recommended) => Pipeline::Recommended,
            Some(Step::NotRecommended | Step::Closed | Step::Withdrawn) => Pipeline::Closed,
            Some(_) => Pipeline::Granted,
            None if holds_status => Pipeline::Granted,
            None if dossier_started => Pipeline::Preparing,
            None if eligible => Pipeline::Eligible,
            None => Pipeline::NotStarted,
        }
    }

    fn label(self, lang: Lang) -> String {
        let code = match self {
            Pipeline::NotStarted => "not-started",
            Pipeline::Eligible => "eligible",
            Pipeline::Preparing => "preparing",
            Pipeline::Submitted => "submitted",
            Pipeline::Deferred => "deferred",
            Pipeline::Recommended => "recommended",
            Pipeline::Granted => "granted",
            Pipeline::Closed => "closed",
        };
        lang.t(&format!("ecosoc-pipeline-{code}"))
    }
}

/// One member organisation on the board.
pub struct BoardLine {
    pub slug: String,
    pub name: String,
    pub country: String,
    pub pipeline: String,
    pub category: String,
    /// The quadrennial report due, or what happened for lack of it.
    pub report: String,
    pub late: bool,
}

pub struct CountRow {
    pub label: String,
    pub counts: Vec<usize>,
    pub total: usize,
}

#[derive(Template)]
#[template(path = "consultative/board.html")]
struct BoardPage {
    chrome: Chrome,
    network_slug: String,
    network_name: String,
    columns: Vec<String>,
    totals: Vec<usize>,
    by_country: Vec<CountRow>,
    by_category: Vec<(String, usize)>,
    late: Vec<BoardLine>,
    lines: Vec<BoardLine>,
}

fn report_text(held: &Held, lang: Lang) -> (String, bool) {
    match held.standing {
        // Not late: nothing says a report is missing, only that none was recorded.
        None => (lang.t("ecosoc-report-unknown"), false),
        Some(Standing::Current { cycle, .. }) => (cycle.due.to_string(), false),
        Some(Standing::Suspended { cycle }) => {
            (lang.t_with("ecosoc-board-suspended", &[("due", cycle.due.to_string().into())]), true)
        }
        Some(Standing::Withdrawn { cycle, .. }) => {
            (lang.t_with("ecosoc-board-withdrawn", &[("on", cycle.withdrawn_on().to_string().into())]), true)
        }
    }
}

pub async fn board(
    State(db): State<Db>,
    State(rules): State<DeskRules>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let network = sqlx::query("SELECT id, name FROM networks WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_optional(&db.pool)
        .await
        .found()?;
    let network_id: i64 = network.try_get("id")?;
    Rights::of(&db, &user).require(Right::CoordinateNetwork(network_id)).await?;
    let network_name = LocalizedText::from_json(&network.try_get::<String, _>("name")?).get(lang).to_string();
    let members = sqlx::query(
        "SELECT o.id AS id, o.slug AS slug, o.name AS name, o.country AS country, \
                o.consultative_status AS status, o.status_year AS status_year, \
                (SELECT d.last_report_year FROM ecosoc_desks d WHERE d.organization_id = o.id) AS last_report_year, \
                (SELECT COUNT(*) FROM ecosoc_dossier_parts p WHERE p.organization_id = o.id) \
                + (SELECT COUNT(*) FROM ecosoc_documents d WHERE d.organization_id = o.id) AS dossier_items \
         FROM organizations o JOIN network_members m ON m.organization_id = o.id WHERE m.network_id = $1",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?;
    let today = today();
    let mut lines: Vec<(Pipeline, BoardLine)> = Vec::with_capacity(members.len());
    let mut by_country: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_category: BTreeMap<String, usize> = BTreeMap::new();
    let ids: Vec<i64> = members.iter().map(|member| member.try_get("id")).collect::<Result<_, _>>()?;
    let (mut applications, mut desks_answers) =
        (Application::load_many(&db, &ids).await?, Answers::load_many(&db, &ids).await?);
    for (member, id) in members.into_iter().zip(ids) {
        let application = applications.remove(&id).unwrap_or_default();
        let answers = desks_answers.remove(&id).unwrap_or_default();
        let status =
            ConsultativeStatus::parse(&member.try_get::<String, _>("status")?).unwrap_or(ConsultativeStatus::None);
        let status_year = member.try_get("status_year")?;
        let last_report_year = member.try_get("last_report_year")?;
        let held = held(&application, status, status_year, last_report_year, today, &rules);
        let pipeline = Pipeline::of(
            application.current_stage(today),
            status.holds_status(),
            member.try_get::<i64, _>("dossier_items")? > 0,
            Assessment::of(&answers, today).all_met(),
        );
        let country = member
            .try_get::<Option<String>, _>("country")?
            .as_deref()
            .and_then(CountryCode::parse)
            .map(|code| code.name(lang).to_string())
            .unwrap_or_else(|| lang.t("ecosoc-board-no-country"));
        by_country.entry(country.clone()).or_insert_with(|| vec![0; Pipeline::ALL.len()])[pipeline as usize] += 1;
        if status.holds_status() {
            *by_category.entry(status.label(lang)).or_default() += 1;
        }
        let (report, late) = held.as_ref().map(|held| report_text(held, lang)).unwrap_or_default();
        lines.push((
            pipeline,
            BoardLine {
                slug: member.try_get("slug")?,
                name: LocalizedText::from_json(&member.try_get::<String, _>("name")?).get(lang).to_string(),
                country,
                pipeline: pipeline.label(lang),
                category: if status.holds_status() { status.label(lang) } else { String::new() },
                report,
                late,
            },
        ));
    }
    lines.sort_by_cached_key(|(pipeline, line)| {
        (std::cmp::Reverse(*pipeline), crate::directory::collation_key(lang, &line.name))
    });
    let totals =
        Pipeline::ALL.iter().map(|p| lines.iter().filter(|(pipeline, _)| pipeline == p).count()).collect::<Vec<_>>();
    let (late, lines): (Vec<_>, Vec<_>) = lines.into_iter().map(|(_, line)| line).partition(|line| line.late);
    let title = lang.t_with("ecosoc-board-title", &[("name", network_name.clone().into())]);
    let page = BoardPage {
        chrome: Chrome::new(lang, title, &uri),
        network_slug: slug.to_string(),
        network_name,
        columns: Pipeline::ALL.iter().map(|p| p.label(lang)).collect(),
        totals,
        by_country: by_country
            .into_iter()
            .map(|(label, counts)| CountRow { total: counts.iter().sum(), label, counts })
            .collect(),
        by_category: by_category.into_iter().collect(),
        late,
        lines,
    };
    render(&page)
}

/// One line of the calendar.
pub struct CalendarLine {
    pub kind: CalendarKind,
    pub from: Date,
    pub to: Option<Date>,
    pub what: String,
}

/// What a day of the calendar is, for machines reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CalendarKind {
    /// A session of the Committee on NGOs.
    Session,
    /// The 1 June deadline for applications.
    ApplicationDeadline,
    /// The day quadrennial reports fall due.
    ReportsDue,
    /// The Council's decisions on the Committee's recommendations.
    CouncilDecisions,
}

#[derive(Template)]
#[template(path = "consultative/calendar.html")]
struct CalendarPage {
    chrome: Chrome,
    lines: Vec<CalendarLine>,
}

/// The Committee's sessions, the application deadlines, the Council's
/// decisions and the quadrennial reports' due day, from today for two years.
pub fn calendar(today: Date, report_due: rules::MonthDay, lang: Lang) -> Vec<CalendarLine> {
    let first = Session::current_or_next(today);
    let mut lines = Vec::new();
    let mut session = first;
    while session.year <= first.year + 2 {
        lines.push(CalendarLine {
            kind: CalendarKind::Session,
            from: session.first_day(),
            to: Some(session.last_day()),
            what: super::session_label(session, lang),
        });
        session = session.next();
    }
    for year in today.year()..=first.year + 2 {
        let deadline = rules::APPLICATION_DEADLINE.in_year(year);
        lines.push(CalendarLine {
            kind: CalendarKind::ApplicationDeadline,
            from: deadline,
            to: None,
            what: lang.t_with(
                "ecosoc-calendar-deadline",
                &[("session", super::session_label(Session::examining(deadline), lang).into())],
            ),
        });
        lines.push(CalendarLine {
            kind: CalendarKind::ReportsDue,
            from: report_due.in_year(year),
            to: None,
            what: lang.t("ecosoc-calendar-reports"),
        });
        if let Ok(july) = Date::from_calendar_date(year, time::Month::July, 1) {
            lines.push(CalendarLine {
                kind: CalendarKind::CouncilDecisions,
                from: july,
                to: None,
                what: lang.t("ecosoc-calendar-council"),
            });
        }
    }
    lines.retain(|line| line.to.unwrap_or(line.from) >= today);
    lines.sort_by_key(|line| line.from);
    lines
}

pub async fn calendar_page(State(rules): State<DeskRules>, lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    let lines = calendar(today(), rules.report_due, lang);
    render(&CalendarPage { chrome: Chrome::new(lang, lang.t("ecosoc-calendar-title"), &uri), lines })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn the_application_stage_decides_the_pipeline_before_anything_else() {
        let cases = [
            (None, false, false, false, Pipeline::NotStarted),
            (None, false, false, true, Pipeline::Eligible),
            (None, false, true, true, Pipeline::Preparing),
            (None, true, false, false, Pipeline::Granted),
            (Some(Step::Screening), false, true, true, Pipeline::Submitted),
            (Some(Step::Questions), false, true, true, Pipeline::Deferred),
            (Some(Step::Recommended), false, true, true, Pipeline::Recommended),
            (Some(Step::ReportFiled), true, true, true, Pipeline::Granted),
            (Some(Step::Closed), false, true, true, Pipeline::Closed),
        ];
        for (stage, holds, started, eligible, expected) in cases {
            assert_eq!(
                Pipeline::of(stage, holds, started, eligible),
                expected,
                "{stage:?} {holds} {started} {eligible}"
            );
        }
    }

    #[test]
    fn the_calendar_starts_today_and_keeps_the_session_under_way() {
        let lines = calendar(date!(2027 - 02 - 10), rules::DeskRules::default().report_due, Lang::En);
        assert_eq!(lines[0].from, date!(2027 - 01 - 01), "the regular session is under way");
        assert!(lines.iter().any(|l| l.from == date!(2027 - 06 - 01) && l.what.contains("Regular session 2028")));
        assert!(lines.windows(2).all(|pair| pair[0].from <= pair[1].from));
    }
}

#[derive(Template)]
#[template(path = "consultative/index.html")]
struct IndexPage {
    chrome: Chrome,
    organizations: Vec<Choice>,
    networks: Vec<Choice>,
    is_admin: bool,
}

/// Where a signed-in person finds the desks of the organisations they edit,
/// the boards of the networks they coordinate and, for administrators, the import.
pub async fn index(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
) -> Result<Html<String>, AppError> {
    let rights = crate::accounts::Rights::of(&db, &user);
    let organizations = rights
        .edited_organizations()
        .await?
        .into_iter()
        .map(|organization| Choice { label: organization.name.get(lang).to_string(), value: organization.slug })
        .collect();
    // In order of id, as are the rows of each batch, so the networks are listed by id.
    let ids = rights.coordinated_networks().await?;
    let rows = db.fetch_for_ids("SELECT slug, name FROM networks WHERE id IN ({ids}) ORDER BY id", &ids).await?;
    let networks = Choice::from_named_rows(&rows, lang)?;
    let page = IndexPage {
        chrome: Chrome::new(lang, lang.t("ecosoc-index-title"), &uri),
        organizations,
        networks,
        is_admin: user.is_admin,
    };
    render(&page)
}
