//! A plan as files: CSV and XLSX with a row per activity, a printable page laid
//! out like a report's annex, and IATI activity XML (standard 2.03), the plan
//! as the parent activity and each of its activities a child.

use std::fmt::Write;

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::{Html, Response};

use super::charts::escape;
use super::pages::{PlanPath, plan_for};
use super::store::{Activity, Plan};
use crate::platform::auth::MaybeUser;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, render};

const COLUMNS: [&str; 16] = [
    "objective",
    "activity",
    "theme",
    "focal_point",
    "responsible",
    "partners",
    "starts_on",
    "ends_on",
    "status",
    "progress",
    "overdue",
    "currency",
    "budget",
    "secured",
    "funding_source",
    "indicators",
];

/// The cells of an activity's row; budgets left empty when the reader may not see them.
fn cells(objective: &str, activity: &Activity, budgets: bool, lang: Lang) -> [String; 16] {
    let amount = |minor: Option<i64>| match (budgets, activity.currency, minor) {
        (true, Some(currency), Some(minor)) => currency.decimal(minor),
        _ => String::new(),
    };
    let indicators = activity
        .indicators
        .iter()
        .map(|i| format!("{}: {} → {} (now {})", i.name, i.baseline, i.target, i.current))
        .collect::<Vec<_>>()
        .join("; ");
    [
        objective.to_string(),
        activity.title.clone(),
        activity.focal_point.theme_name.get(lang).to_string(),
        activity.focal_point.number.to_string(),
        activity.responsible.as_ref().map(|o| o.name.get(lang).to_string()).unwrap_or_default(),
        activity.partners.iter().map(|o| o.name.get(lang).to_string()).collect::<Vec<_>>().join("; "),
        activity.starts_on.to_string(),
        activity.ends_on.to_string(),
        activity.status.code().to_string(),
        activity.progress.to_string(),
        if activity.overdue { "yes".into() } else { "no".into() },
        if budgets { activity.currency.map(|c| c.code().to_string()).unwrap_or_default() } else { String::new() },
        amount(activity.budget),
        amount(activity.secured_total()),
        if budgets { activity.funding_source.clone().unwrap_or_default() } else { String::new() },
        indicators,
    ]
}

fn rows(plan: &Plan, budgets: bool, lang: Lang) -> Vec<[String; 16]> {
    plan.objectives
        .iter()
        .flat_map(|o| o.activities.iter().map(move |a| cells(&format!("{}. {}", o.number, o.title), a, budgets, lang)))
        .collect()
}

/// A cell a spreadsheet would take for a formula is written as text.
fn inert(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell }
}

pub fn csv_of(plan: &Plan, budgets: bool, lang: Lang) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(COLUMNS).map_err(|e| AppError::Internal(e.into()))?;
    for row in rows(plan, budgets, lang) {
        writer.write_record(row.map(inert)).map_err(|e| AppError::Internal(e.into()))?;
    }
    writer.into_inner().map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
}

pub fn xlsx_of(plan: &Plan, budgets: bool, lang: Lang) -> Result<Vec<u8>, AppError> {
    let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!("{e}"));
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("plan").map_err(fail)?;
    for (column, title) in COLUMNS.iter().enumerate() {
        sheet.write_string(0, column as u16, *title).map_err(fail)?;
    }
    for (index, row) in rows(plan, budgets, lang).iter().enumerate() {
        for (column, cell) in row.iter().enumerate() {
            sheet.write_string(index as u32 + 1, column as u16, cell).map_err(fail)?;
        }
    }
    workbook.save_to_buffer().map_err(fail)
}

/// The identifier IATI names the plan's activities by: the network's, then the plan's and activity's numbers.
fn identifier(plan: &Plan, activity: Option<i64>) -> String {
    let base = format!("XI-IRENE-{}-plan-{}", plan.network.slug, plan.id);
    activity.map_or(base.clone(), |id| format!("{base}-{id}"))
}

fn narrative(text: &str) -> String {
    format!("<narrative>{}</narrative>", escape(text))
}

/// The plan as an IATI 2.03 activity file: the plan the parent (hierarchy 1), each activity a child (2) with its
/// organisations, dates, status, theme and (when the reader may see budgets) budget.
pub fn iati_of(plan: &Plan, budgets: bool, today: time::Date, generated: &str) -> String {
    let lang = Lang::En;
    let reporting = format!(
        "<reporting-org ref=\"XI-IRENE-{}\" type=\"90\">{}</reporting-org>",
        escape(&plan.network.slug),
        narrative(plan.network.name.get(lang))
    );
    let network_org = format!(
        "<participating-org role=\"4\" type=\"90\">{}</participating-org>",
        narrative(plan.network.name.get(lang))
    );
    let status = if today < plan.starts_on {
        1
    } else if today <= plan.ends_on {
        2
    } else {
        3
    };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" generated-datetime=\"{generated}\">\n"
    );
    let _ = write!(
        xml,
        "<iati-activity xml:lang=\"en\" hierarchy=\"1\"><iati-identifier>{}</iati-identifier>{reporting}\
         <title>{}</title><description type=\"1\">{}</description>{network_org}<activity-status code=\"{status}\"/>\
         <activity-date type=\"1\" iso-date=\"{}\"/><activity-date type=\"3\" iso-date=\"{}\"/>",
        escape(&identifier(plan, None)),
        narrative(&plan.title),
        narrative(&format!(
            "Strategic action plan of {}, {} to {}",
            plan.network.name.get(lang),
            plan.starts_on,
            plan.ends_on
        )),
        plan.starts_on,
        plan.ends_on
    );
    for activity in plan.activities() {
        let _ = write!(xml, "<related-activity ref=\"{}\" type=\"2\"/>", escape(&identifier(plan, Some(activity.id))));
    }
    xml.push_str("</iati-activity>\n");
    for objective in &plan.objectives {
        for activity in &objective.activities {
            let currency = activity.currency.filter(|_| budgets);
            let _ = write!(
                xml,
                "<iati-activity xml:lang=\"en\" hierarchy=\"2\"{}><iati-identifier>{}</iati-identifier>{reporting}\
                 <title>{}</title><description type=\"1\">{}</description>",
                currency.map(|c| format!(" default-currency=\"{c}\"")).unwrap_or_default(),
                escape(&identifier(plan, Some(activity.id))),
                narrative(&activity.title),
                narrative(&format!("Objective {}: {}", objective.number, objective.title)),
            );
            if let Some(funder) = activity.funding_source.as_deref().filter(|_| budgets) {
                let _ = write!(xml, "<participating-org role=\"1\">{}</participating-org>", narrative(funder));
            }
            let implementers: Vec<&str> =
                activity.responsible.iter().chain(activity.partners.iter()).map(|o| o.name.get(lang)).collect();
            if implementers.is_empty() {
                xml.push_str(&network_org);
            }
            for name in implementers {
                let _ = write!(xml, "<participating-org role=\"4\">{}</participating-org>", narrative(name));
            }
            let _ = write!(
                xml,
                "<activity-status code=\"{}\"/><activity-date type=\"1\" iso-date=\"{}\"/>\
                 <activity-date type=\"3\" iso-date=\"{}\"/><sector vocabulary=\"99\" code=\"{}\">{}</sector>",
                activity.status.iati_code(),
                activity.starts_on,
                activity.ends_on,
                escape(&activity.focal_point.theme_slug),
                narrative(activity.focal_point.theme_name.get(lang))
            );
            if let (Some(currency), Some(budget)) = (currency, activity.budget) {
                let _ = write!(
                    xml,
                    "<budget type=\"1\" status=\"1\"><period-start iso-date=\"{}\"/><period-end iso-date=\"{}\"/>\
                     <value currency=\"{currency}\" value-date=\"{}\">{}</value></budget>",
                    activity.starts_on,
                    activity.ends_on,
                    activity.starts_on,
                    currency.decimal(budget)
                );
            }
            let _ = writeln!(
                xml,
                "<related-activity ref=\"{}\" type=\"1\"/></iati-activity>",
                escape(&identifier(plan, None))
            );
        }
    }
    xml.push_str("</iati-activities>\n");
    xml
}

/// A plan as a file: `plan.csv`, `plan.xlsx` or `iati.xml`.
pub async fn export(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
) -> Result<Response, AppError> {
    let (plan, viewer) = plan_for(&db, &path, user).await?;
    let budgets = viewer.sees_budgets(&plan);
    let name = format!("{}-plan-{}", plan.network.slug, plan.id);
    match uri.path().rsplit('/').next().unwrap_or("") {
        "plan.csv" => Ok(crate::directory::download(
            csv_of(&plan, budgets, lang)?,
            "text/csv; charset=utf-8",
            &format!("{name}.csv"),
        )),
        "plan.xlsx" => Ok(crate::directory::download(
            xlsx_of(&plan, budgets, lang)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{name}.xlsx"),
        )),
        "iati.xml" => {
            let generated = crate::platform::clock::now_rfc3339();
            let xml = iati_of(&plan, budgets, crate::platform::clock::today(), &generated);
            Ok(crate::directory::download(
                xml.into_bytes(),
                "application/xml; charset=utf-8",
                &format!("{name}-iati.xml"),
            ))
        }
        _ => Err(AppError::NotFound),
    }
}

#[derive(Template)]
#[template(path = "plans/print.html")]
struct PrintPage {
    chrome: Chrome,
    plan: Plan,
    budgets: bool,
}

/// The plan laid out like a report's annex, for printing.
pub async fn print(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    MaybeUser(user): MaybeUser,
    path: PlanPath,
) -> Result<Html<String>, AppError> {
    let (plan, viewer) = plan_for(&db, &path, user).await?;
    let budgets = viewer.sees_budgets(&plan);
    let title = lang.t_with("plans-annex-title", &[("network", plan.network.name.get(lang).to_string().into())]);
    render(&PrintPage { chrome: Chrome::new(lang, title, &uri), plan, budgets })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::model::{ActivityStatus, Currency};
    use crate::plans::store::{FocalPointRef, Indicator, NetworkRef, Objective, OrgRef};
    use crate::platform::i18n::LocalizedText;
    use time::macros::date;

    fn text(en: &str) -> LocalizedText {
        LocalizedText(std::iter::once((Lang::En, en.to_string())).collect())
    }

    fn activity(id: i64, status: ActivityStatus, budget: Option<i64>) -> Activity {
        Activity {
            id,
            objective_id: 1,
            title: format!("Activity {id} <training & outreach>"),
            focal_point: FocalPointRef {
                id: 5,
                number: 5,
                title: text("Environment"),
                theme_slug: "environment".into(),
                theme_name: text("Environment"),
            },
            responsible: (id % 2 == 0).then(|| OrgRef { slug: "ecores".into(), name: text("ECORES") }),
            partners: vec![OrgRef { slug: "nayora".into(), name: text("NAYORA") }],
            starts_on: date!(2005 - 01 - 01),
            ends_on: date!(2005 - 12 - 31),
            currency: budget.map(|_| Currency::parse("USD").unwrap()),
            budget,
            secured: budget.map(|b| b / 2),
            funding_source: budget.map(|_| "UNDP".to_string()),
            granted: 0,
            status,
            indicators: vec![Indicator {
                id,
                name: "NGOs trained".into(),
                baseline: 0.0,
                target: 10.0,
                current: 5.0,
                progress: 50,
            }],
            progress: 50,
            overdue: false,
        }
    }

    fn plan(activities: Vec<Activity>) -> Plan {
        Plan {
            id: 1,
            network: NetworkRef {
                id: 1,
                slug: "un-ngo-irene-azerbaijan".into(),
                name: text("UN-NGO-IRENE/Azerbaijan"),
            },
            title: "Strategic Action Plan 2005–2006".into(),
            starts_on: date!(2005 - 01 - 01),
            ends_on: date!(2006 - 12 - 31),
            budgets_public: true,
            objectives: vec![Objective { id: 1, number: 1, title: "Capacity".into(), progress: None, activities }],
            grants: Vec::new(),
        }
    }

    /// Validates a document against the IATI 2.03 activity schema with xmllint.
    fn validate(xml: &str, name: &str) {
        let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/iati-2.03/iati-activities-schema.xsd");
        let file = std::env::temp_dir().join(format!("irene-iati-{}-{name}.xml", std::process::id()));
        std::fs::write(&file, xml).expect("write the export");
        let output = std::process::Command::new("xmllint")
            .args(["--noout", "--schema", schema])
            .arg(&file)
            .output()
            .expect("xmllint runs (package libxml2-utils)");
        std::fs::remove_file(&file).ok();
        assert!(output.status.success(), "{name}: {}\n{xml}", String::from_utf8_lossy(&output.stderr));
    }

    #[test]
    fn the_iati_export_of_plans_of_every_shape_validates() {
        let today = date!(2005 - 06 - 01);
        let generated = "2005-06-01T12:00:00Z";
        let empty = Plan { objectives: Vec::new(), ..plan(Vec::new()) };
        validate(&iati_of(&empty, true, today, generated), "empty");
        validate(
            &iati_of(&plan(vec![activity(1, ActivityStatus::Planned, None)]), true, today, generated),
            "no-budget",
        );
        let many: Vec<Activity> =
            (1..=40).map(|id| activity(id, ActivityStatus::InProgress, Some(id * 125_050))).collect();
        let xml = iati_of(&plan(many), true, today, generated);
        validate(&xml, "many");
        assert_eq!(xml.matches("<iati-activity ").count(), 41, "the plan and its 40 activities");
        assert!(xml.contains("<value currency=\"USD\" value-date=\"2005-01-01\">1250.50</value>"));
        assert!(xml.contains("Activity 1 &lt;training &amp; outreach&gt;"));
        let every: Vec<Activity> =
            ActivityStatus::ALL.iter().enumerate().map(|(i, s)| activity(i as i64 + 1, *s, Some(100))).collect();
        let xml = iati_of(&plan(every), true, today, generated);
        validate(&xml, "every-status");
        for code in [1, 2, 3, 5] {
            assert!(xml.contains(&format!("<activity-status code=\"{code}\"/>")), "status {code}");
        }
        let private = iati_of(&plan(vec![activity(1, ActivityStatus::Done, Some(100))]), false, today, generated);
        validate(&private, "private-budget");
        assert!(!private.contains("<budget") && !private.contains("UNDP"), "private budgets stay out");
    }

    #[test]
    fn budgets_roll_up_per_currency_and_funder_leaving_cancelled_activities_out() {
        let mut euros = activity(3, ActivityStatus::Planned, Some(1_000));
        euros.currency = Currency::parse("EUR");
        euros.funding_source = None;
        let rolled = plan(vec![
            activity(1, ActivityStatus::InProgress, Some(125_050)),
            activity(2, ActivityStatus::Done, Some(20_000)),
            activity(4, ActivityStatus::Cancelled, Some(99_999)),
            activity(5, ActivityStatus::Planned, None),
            euros,
        ])
        .budget_by_funder(Lang::En);
        let usd = &rolled[&Currency::parse("USD").unwrap()];
        assert_eq!(
            usd[&Some("UNDP".to_string())],
            (145_050, 72_525),
            "planned and secured summed, the cancelled left out"
        );
        assert_eq!(usd.len(), 1);
        assert_eq!(
            rolled[&Currency::parse("EUR").unwrap()][&None],
            (1_000, 500),
            "currencies are never added together"
        );
    }

    #[test]
    fn granted_amounts_are_secured_from_their_funders_and_shared_among_the_activities() {
        use crate::plans::model::share_grant;
        use crate::plans::proposals::Grant;
        let usd = Currency::parse("USD").unwrap();
        let world_bank = OrgRef { slug: "world-bank".into(), name: text("World Bank") };
        let grant = Grant {
            funder: world_bank,
            currency: usd,
            amount: 60_000,
            shares: share_grant(60_000, &[(1, Some(125_050)), (2, Some(20_000))]),
        };
        let funded = plan(vec![
            activity(1, ActivityStatus::InProgress, Some(125_050)),
            activity(2, ActivityStatus::Planned, Some(20_000)),
        ])
        .with_grants(vec![grant]);
        let [first, second] = [funded.activity(1).unwrap(), funded.activity(2).unwrap()];
        assert_eq!((first.granted, second.granted), (51_727, 8_273), "in proportion to the budgets, adding up");
        assert_eq!(first.secured_total(), Some(62_525 + 51_727), "its own secured amount and its share");
        assert_eq!(second.secured_shown(), "182.73 USD", "100.00 of its own and its share");
        let rolled = funded.budget_by_funder(Lang::En);
        assert_eq!(rolled[&usd][&Some("UNDP".to_string())], (145_050, 72_525), "the activities' own figures");
        assert_eq!(rolled[&usd][&Some("World Bank".to_string())], (0, 60_000), "the grant, secured from its funder");
        let none = plan(vec![activity(1, ActivityStatus::Planned, None)]).with_grants(Vec::new());
        assert_eq!(none.activity(1).unwrap().secured_total(), None);
    }

    #[test]
    fn csv_rows_leave_budgets_out_when_private_and_defuse_formulas() {
        let mut risky = activity(2, ActivityStatus::InProgress, Some(125_050));
        risky.title = "=HYPERLINK(\"x\")".into();
        let csv = String::from_utf8(csv_of(&plan(vec![risky.clone()]), true, Lang::En).unwrap()).unwrap();
        assert!(csv.contains("'=HYPERLINK") && csv.contains("1250.50") && csv.contains("UNDP"), "{csv}");
        let private = String::from_utf8(csv_of(&plan(vec![risky]), false, Lang::En).unwrap()).unwrap();
        assert!(!private.contains("1250.50") && !private.contains("UNDP"), "{private}");
    }
}
