//! Representatives at the duty stations and their annual grounds passes: at
//! most seven per station and year; the President/CEO and the Chief
//! Administrative Officer the same people at every station, one of them
//! approved before any other pass; nobody under 18.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sqlx::Row;
use time::Date;

use super::Organization;
use super::rules::anniversary;
use crate::accounts::Rights;
use crate::directory::code_enum;
use crate::platform::clock::{now_rfc3339, parse_day, today};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Problem, SlugPath, render};

code_enum! {
    /// A duty station that issues grounds passes.
    Station, "ecosoc-station" {
        NewYork => "new_york",
        Geneva => "geneva",
        Vienna => "vienna",
    }
}

code_enum! {
    /// Whom an annual pass is for.
    Role, "ecosoc-role" {
        President => "president",
        Administrative => "administrative",
        Main => "main",
        Additional => "additional",
    }
}

impl Role {
    /// How many passes of the role a station gives an organisation each year.
    pub fn limit(self) -> usize {
        match self {
            Role::President | Role::Administrative | Role::Main => 1,
            Role::Additional => 4,
        }
    }

    /// The two heads: the same people at every station, approved first.
    pub fn is_head(self) -> bool {
        matches!(self, Role::President | Role::Administrative)
    }
}

/// Annual passes per duty station.
pub const MAX_PASSES: usize = 7;
pub const MINIMUM_AGE: i32 = 18;

#[derive(Clone, Debug, PartialEq)]
pub struct Pass {
    pub id: i64,
    pub year: i32,
    pub station: Station,
    pub role: Role,
    pub name: String,
    pub born_on: Date,
    pub approved_on: Option<Date>,
}

/// Why a designation is refused, each a sentence for the person designating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    TooYoung,
    StationFull,
    RoleFull,
    HeadDiffers,
    HeadsNotApproved,
}

impl Refusal {
    fn message(self, lang: Lang) -> String {
        match self {
            Refusal::TooYoung => lang.t_count("ecosoc-refusal-too-young", i64::from(MINIMUM_AGE)),
            Refusal::StationFull => lang.t_count("ecosoc-refusal-station-full", MAX_PASSES as i64),
            Refusal::RoleFull => lang.t("ecosoc-refusal-role-full"),
            Refusal::HeadDiffers => lang.t("ecosoc-refusal-head-differs"),
            Refusal::HeadsNotApproved => lang.t("ecosoc-refusal-heads-not-approved"),
        }
    }
}

/// Checks a new pass against the organisation's passes of the same year.
pub fn check(year_passes: &[Pass], new: &Pass, today: Date) -> Result<(), Refusal> {
    if anniversary(new.born_on, MINIMUM_AGE) > today {
        return Err(Refusal::TooYoung);
    }
    let at_station: Vec<&Pass> = year_passes.iter().filter(|p| p.station == new.station).collect();
    if at_station.len() >= MAX_PASSES {
        return Err(Refusal::StationFull);
    }
    if at_station.iter().filter(|p| p.role == new.role).count() >= new.role.limit() {
        return Err(Refusal::RoleFull);
    }
    let same_person = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    if new.role.is_head()
        && year_passes
            .iter()
            .any(|p| p.role == new.role && p.station != new.station && !same_person(&p.name, &new.name))
    {
        return Err(Refusal::HeadDiffers);
    }
    if !new.role.is_head() && !at_station.iter().any(|p| p.role.is_head() && p.approved_on.is_some()) {
        return Err(Refusal::HeadsNotApproved);
    }
    Ok(())
}

async fn passes(db: &Db, organization_id: i64, year: i32) -> sqlx::Result<Vec<Pass>> {
    let rows = sqlx::query(
        "SELECT id, station, role, name, born_on, approved_on FROM ecosoc_representatives \
         WHERE organization_id = $1 AND year = $2 ORDER BY id",
    )
    .bind(organization_id)
    .bind(i64::from(year))
    .fetch_all(&db.pool)
    .await?;
    let mut passes = Vec::with_capacity(rows.len());
    for row in rows {
        let (Some(station), Some(role), Some(born_on)) = (
            Station::parse(&row.try_get::<String, _>("station")?),
            Role::parse(&row.try_get::<String, _>("role")?),
            parse_day(&row.try_get::<String, _>("born_on")?),
        ) else {
            continue;
        };
        passes.push(Pass {
            id: row.try_get("id")?,
            year,
            station,
            role,
            name: row.try_get("name")?,
            born_on,
            approved_on: row.try_get::<Option<String>, _>("approved_on")?.as_deref().and_then(parse_day),
        });
    }
    Ok(passes)
}

pub struct PassLine {
    pub id: i64,
    pub role: String,
    pub name: String,
    pub approved_on: Option<String>,
}

pub struct StationList {
    pub label: String,
    pub passes: Vec<PassLine>,
}

#[derive(Template)]
#[template(path = "consultative/representatives.html")]
struct RepresentativesPage {
    chrome: Chrome,
    organization: Organization,
    year: i32,
    years: Vec<i32>,
    stations: Vec<StationList>,
    station_choices: Vec<Choice>,
    role_choices: Vec<Choice>,
    form: FormState,
}

/// The year a page is about: `?year=`, else this year.
fn year_of(uri: &Uri) -> Result<i32, AppError> {
    let this_year = today().year();
    let pairs = crate::platform::web::query_pairs(uri)?;
    match pairs.iter().find(|(name, _)| name == "year") {
        None => Ok(this_year),
        Some((_, value)) => value
            .parse::<i32>()
            .ok()
            .filter(|year| (2000..=this_year + 1).contains(year))
            .ok_or(AppError::bad("year", Problem::OutOfRange { min: 2000, max: i64::from(this_year) + 1 })),
    }
}

async fn page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    organization: Organization,
    year: i32,
    form: FormState,
) -> Result<RepresentativesPage, AppError> {
    let list = passes(db, organization.id, year).await?;
    let stations = Station::ALL
        .iter()
        .map(|station| StationList {
            label: station.label(lang),
            passes: list
                .iter()
                .filter(|p| p.station == *station)
                .map(|p| PassLine {
                    id: p.id,
                    role: p.role.label(lang),
                    name: p.name.clone(),
                    approved_on: p.approved_on.map(|d| d.to_string()),
                })
                .collect(),
        })
        .collect();
    let title = lang.t_with("ecosoc-representatives-title", &[("name", organization.name.clone().into())]);
    let this_year = today().year();
    Ok(RepresentativesPage {
        chrome: Chrome::new(lang, title, uri),
        organization,
        year,
        years: (this_year - 3..=this_year + 1).rev().collect(),
        stations,
        station_choices: Station::ALL.iter().map(|s| Choice { value: s.code().into(), label: s.label(lang) }).collect(),
        role_choices: Role::ALL.iter().map(|r| Choice { value: r.code().into(), label: r.label(lang) }).collect(),
        form,
    })
}

pub async fn representatives(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    let year = year_of(&uri)?;
    render(&page(&db, lang, &uri, organization, year, FormState::default()).await?)
}

const MAX_NAME: usize = 200;

pub async fn designate(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    let year = year_of(&uri)?;
    let mut form = FormState::from(&data);
    let station = Station::parse(&data.get("station"));
    let role = Role::parse(&data.get("role"));
    let name = data.get("name");
    let born_on = parse_day(&data.get("born_on"));
    if station.is_none() {
        form.fail("station", lang.t("edit-choose"));
    }
    if role.is_none() {
        form.fail("role", lang.t("edit-choose"));
    }
    if name.is_empty() || name.chars().count() > MAX_NAME {
        form.fail("name", lang.t("ecosoc-representative-name"));
    }
    if born_on.is_none() {
        form.fail("born_on", lang.t("ecosoc-date-invalid"));
    }
    let existing = passes(&db, organization.id, year).await?;
    let new = match (station, role, born_on, form.is_valid()) {
        (Some(station), Some(role), Some(born_on), true) => {
            let new = Pass { id: 0, year, station, role, name: name.clone(), born_on, approved_on: None };
            match check(&existing, &new, today()) {
                Ok(()) => Some(new),
                Err(Refusal::TooYoung) => {
                    form.fail("born_on", Refusal::TooYoung.message(lang));
                    None
                }
                Err(refusal) => {
                    form.fail("role", refusal.message(lang));
                    None
                }
            }
        }
        _ => None,
    };
    let Some(new) = new else {
        let page = page(&db, lang, &uri, organization, year, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    sqlx::query(
        "INSERT INTO ecosoc_representatives (organization_id, year, station, role, name, born_on, designated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(organization.id)
    .bind(i64::from(year))
    .bind(new.station.code())
    .bind(new.role.code())
    .bind(&new.name)
    .bind(new.born_on.to_string())
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    let designated = serde_json::json!({
        "year": year, "station": new.station.label(Lang::En), "role": new.role.label(Lang::En), "name": new.name,
    });
    crate::platform::audit::record(
        &db,
        Some(rights.user().user_id),
        "ecosoc.representative",
        "ecosoc",
        Some(organization.id),
        None,
        Some(&designated),
    )
    .await?;
    Ok(Redirect::to(&format!("{}/representatives?year={year}", organization.desk_url())).into_response())
}

/// Records a pass's approval (today) or removes it from the year's list.
pub async fn update(
    State(db): State<Db>,
    lang: Lang,
    rights: Rights,
    Path((raw_slug, raw_id, action)): Path<(String, String, String)>,
) -> Result<Redirect, AppError> {
    let not_found = || AppError::NotFound;
    let slug = Slug::parse(&raw_slug).ok_or_else(not_found)?;
    let id: i64 = raw_id.parse().map_err(|_| not_found())?;
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    let year: Option<i64> =
        sqlx::query_scalar("SELECT year FROM ecosoc_representatives WHERE id = $1 AND organization_id = $2")
            .bind(id)
            .bind(organization.id)
            .fetch_optional(&db.pool)
            .await?;
    let year = year.ok_or_else(not_found)?;
    let (sql, audited) = match action.as_str() {
        "approve" => {
            ("UPDATE ecosoc_representatives SET approved_on = $1 WHERE id = $2", "ecosoc.representative-approve")
        }
        "remove" => ("DELETE FROM ecosoc_representatives WHERE id = $2 AND $1 = $1", "ecosoc.representative-remove"),
        _ => return Err(not_found()),
    };
    sqlx::query(sql).bind(today().to_string()).bind(id).execute(&db.pool).await?;
    crate::platform::audit::record(
        &db,
        Some(rights.user().user_id),
        audited,
        "ecosoc",
        Some(organization.id),
        None,
        None,
    )
    .await?;
    Ok(Redirect::to(&format!("{}/representatives?year={year}", organization.desk_url())))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn pass(station: Station, role: Role, name: &str, approved: bool) -> Pass {
        Pass {
            id: 1,
            year: 2027,
            station,
            role,
            name: name.into(),
            born_on: date!(1970 - 01 - 01),
            approved_on: approved.then_some(date!(2027 - 01 - 10)),
        }
    }

    /// Passes already designated, the new one, the day, and the verdict.
    type Case = (Vec<Pass>, Pass, Date, Result<(), Refusal>);

    #[test]
    fn grounds_pass_rules() {
        let today = date!(2027 - 03 - 01);
        let approved_head = pass(Station::NewYork, Role::President, "Aygun Aliyeva", true);
        let unapproved_head = pass(Station::NewYork, Role::President, "Aygun Aliyeva", false);
        let additional = pass(Station::NewYork, Role::Additional, "Rashad", false);
        let young = Pass { born_on: date!(2009 - 03 - 02), ..pass(Station::Geneva, Role::Main, "Young", false) };
        let leap_born = Pass { born_on: date!(2008 - 02 - 29), ..approved_head.clone() };
        let cases: Vec<Case> = vec![
            (vec![], approved_head.clone(), today, Ok(())),
            (vec![], additional.clone(), today, Err(Refusal::HeadsNotApproved)),
            (vec![unapproved_head.clone()], additional.clone(), today, Err(Refusal::HeadsNotApproved)),
            (vec![approved_head.clone()], additional.clone(), today, Ok(())),
            (
                vec![approved_head.clone(); 1],
                pass(Station::NewYork, Role::President, "X", false),
                today,
                Err(Refusal::RoleFull),
            ),
            (
                vec![approved_head.clone()],
                pass(Station::Geneva, Role::President, "Someone Else", false),
                today,
                Err(Refusal::HeadDiffers),
            ),
            (
                vec![approved_head.clone()],
                pass(Station::Geneva, Role::President, " aygun aliyeva", false),
                today,
                Ok(()),
            ),
            (
                [vec![approved_head.clone()], vec![additional.clone(); 4]].concat(),
                additional.clone(),
                today,
                Err(Refusal::RoleFull),
            ),
            (
                [
                    vec![approved_head.clone(), pass(Station::NewYork, Role::Administrative, "B", true)],
                    vec![pass(Station::NewYork, Role::Main, "C", false)],
                    vec![additional.clone(); 4],
                ]
                .concat(),
                pass(Station::NewYork, Role::Main, "D", false),
                today,
                Err(Refusal::StationFull),
            ),
            (vec![], young, today, Err(Refusal::TooYoung)),
            // Born on 29 February: 18 on 1 March of a common year.
            (vec![], leap_born.clone(), date!(2026 - 02 - 28), Err(Refusal::TooYoung)),
            (vec![], leap_born, date!(2026 - 03 - 01), Ok(())),
        ];
        for (existing, new, today, expected) in cases {
            assert_eq!(check(&existing, &new, today), expected, "{new:?} after {} passes", existing.len());
        }
    }
}
