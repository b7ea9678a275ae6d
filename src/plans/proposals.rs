//! Joint funding proposals: organisations of the directory co-author a request
//! to a funder for activities of a plan. Each saved text is kept as a version
//! (so any two can be compared), each co-applicant confirms the version it
//! read, and the pipeline ends funded, the grant then counted as secured
//! budget of the plan, or declined with the funder's reason.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use similar::{ChangeTag, TextDiff};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::model::{Currency, ProposalStatus, share_grant};
use super::pages::{organization, required_text};
use super::store::{OrgRef, Plan};
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};

/// A co-applicant and whether it confirmed the proposal as it stands.
#[derive(Clone)]
pub struct Applicant {
    pub id: i64,
    pub organization: OrgRef,
    /// The version its editors confirmed, if any.
    pub confirmed_version: Option<i64>,
}

#[derive(Clone)]
pub struct Proposal {
    pub id: i64,
    pub plan_id: i64,
    pub plan_title: String,
    /// Whether the plan shows its budgets to everyone (and so the amounts of its proposals).
    pub plan_budgets_public: bool,
    pub funder: OrgRef,
    pub title: String,
    /// Markdown.
    pub summary: String,
    pub currency: Currency,
    /// Minor units of `currency`.
    pub requested: i64,
    pub status: ProposalStatus,
    pub granted: Option<i64>,
    pub decline_reason: Option<String>,
    /// The number of the current version, which confirmations name.
    pub version: i64,
    /// The plan's activities it would fund: id and title.
    pub activities: Vec<(i64, String)>,
    pub applicants: Vec<Applicant>,
}

impl Proposal {
    /// Whether every co-applicant confirmed the current version.
    pub fn all_confirmed(&self) -> bool {
        self.applicants.iter().all(|a| a.confirmed_version == Some(self.version))
    }

    pub fn confirmed(&self, applicant: &Applicant) -> bool {
        applicant.confirmed_version == Some(self.version)
    }

    pub fn requested_shown(&self) -> String {
        self.currency.display(self.requested)
    }

    pub fn granted_shown(&self) -> String {
        self.granted.map(|g| self.currency.display(g)).unwrap_or_default()
    }

    pub fn is_applicant(&self, organization_ids: &[i64]) -> bool {
        self.applicants.iter().any(|a| organization_ids.contains(&a.id))
    }
}

/// Which proposals to read.
#[derive(Clone, Copy)]
pub enum Scope {
    Network(i64),
    Plan(i64),
    One(i64),
}

impl Scope {
    fn condition(self) -> (&'static str, i64) {
        match self {
            Scope::Network(id) => ("pl.network_id = $1", id),
            Scope::Plan(id) => ("p.plan_id = $1", id),
            Scope::One(id) => ("p.id = $1", id),
        }
    }
}

fn org_of(row: &AnyRow) -> sqlx::Result<OrgRef> {
    Ok(OrgRef { slug: row.try_get("o_slug")?, name: LocalizedText::from_json(&row.try_get::<String, _>("o_name")?) })
}

/// The proposals in `scope`, newest first, with their activities and co-applicants.
pub async fn proposals(db: &Db, scope: Scope) -> sqlx::Result<Vec<Proposal>> {
    let (condition, id) = scope.condition();
    let mut activities: BTreeMap<i64, Vec<(i64, String)>> = BTreeMap::new();
    for row in sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT pa.proposal_id AS proposal_id, a.id AS id, a.title AS title FROM plan_proposal_activities pa \
         JOIN plan_activities a ON a.id = pa.activity_id JOIN plan_proposals p ON p.id = pa.proposal_id \
         JOIN plans pl ON pl.id = p.plan_id WHERE {condition} ORDER BY a.starts_on, a.id"
    )))
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    {
        activities.entry(row.try_get("proposal_id")?).or_default().push((row.try_get("id")?, row.try_get("title")?));
    }
    let mut applicants: BTreeMap<i64, Vec<Applicant>> = BTreeMap::new();
    for row in sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT ap.proposal_id AS proposal_id, o.id AS id, o.slug AS o_slug, o.name AS o_name, \
         ap.confirmed_version AS confirmed_version FROM plan_proposal_applicants ap \
         JOIN organizations o ON o.id = ap.organization_id JOIN plan_proposals p ON p.id = ap.proposal_id \
         JOIN plans pl ON pl.id = p.plan_id WHERE {condition} ORDER BY o.slug"
    )))
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    {
        applicants.entry(row.try_get("proposal_id")?).or_default().push(Applicant {
            id: row.try_get("id")?,
            organization: org_of(&row)?,
            confirmed_version: row.try_get("confirmed_version")?,
        });
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT p.id AS id, p.plan_id AS plan_id, pl.title AS plan_title, pl.budgets_public AS budgets_public, o.slug AS o_slug, o.name AS o_name, \
         p.title AS title, p.summary AS summary, p.currency AS currency, p.requested AS requested, \
         p.status AS status, p.granted AS granted, p.decline_reason AS decline_reason, p.version AS version \
         FROM plan_proposals p JOIN plans pl ON pl.id = p.plan_id JOIN organizations o ON o.id = p.funder_id \
         WHERE {condition} ORDER BY p.id DESC"
    )))
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        let id: i64 = row.try_get("id")?;
        let currency: String = row.try_get("currency")?;
        let status: String = row.try_get("status")?;
        Ok(Proposal {
            id,
            plan_id: row.try_get("plan_id")?,
            plan_title: row.try_get("plan_title")?,
            plan_budgets_public: row.try_get::<i64, _>("budgets_public")? != 0,
            funder: org_of(row)?,
            title: row.try_get("title")?,
            summary: row.try_get("summary")?,
            currency: Currency::parse(&currency)
                .ok_or_else(|| sqlx::Error::Decode(format!("not a currency: {currency}").into()))?,
            requested: row.try_get("requested")?,
            status: ProposalStatus::parse(&status)
                .ok_or_else(|| sqlx::Error::Decode(format!("not a proposal status: {status}").into()))?,
            granted: row.try_get("granted")?,
            decline_reason: row.try_get("decline_reason")?,
            version: row.try_get("version")?,
            activities: activities.remove(&id).unwrap_or_default(),
            applicants: applicants.remove(&id).unwrap_or_default(),
        })
    })
    .collect()
}

/// A grant a funded proposal brought to a plan.
#[derive(Clone, Debug)]
pub struct Grant {
    pub funder: OrgRef,
    pub currency: Currency,
    pub amount: i64,
    /// Its share per activity, by activity id.
    pub shares: Vec<(i64, i64)>,
}

/// The grants of a plan's funded proposals, each shared among the activities it funds that are budgeted in its
/// currency, in proportion to their budgets.
pub async fn grants(db: &Db, plan: &Plan) -> sqlx::Result<Vec<Grant>> {
    Ok(proposals(db, Scope::Plan(plan.id))
        .await?
        .into_iter()
        .filter(|p| p.status == ProposalStatus::Funded)
        .filter_map(|p| {
            let amount = p.granted?;
            let budgets: Vec<(i64, Option<i64>)> = p
                .activities
                .iter()
                .filter_map(|(id, _)| plan.activity(*id))
                .filter(|a| a.currency == Some(p.currency))
                .map(|a| (a.id, a.budget))
                .collect();
            Some(Grant { funder: p.funder, currency: p.currency, amount, shares: share_grant(amount, &budgets) })
        })
        .collect())
}

/// A version's text as saved, to be read again and compared.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VersionContent {
    pub title: String,
    /// The funder's slug.
    pub funder: String,
    /// The amount requested, e.g. `30000.00 USD`.
    pub requested: String,
    pub activities: Vec<String>,
    /// The co-applicants' slugs.
    pub applicants: Vec<String>,
    pub summary: String,
}

impl VersionContent {
    /// The version as lines of text in the reader's language, the form a diff compares.
    pub fn text(&self, lang: Lang) -> String {
        let mut text = String::new();
        let mut line = |key: &str, value: &str| text.push_str(&format!("{}: {value}\n", lang.t(key)));
        line("proposals-field-title", &self.title);
        line("proposals-funder", &self.funder);
        line("proposals-requested", &self.requested);
        line("proposals-activities", &self.activities.join("; "));
        line("proposals-applicants", &self.applicants.join(", "));
        text.push('\n');
        text.push_str(self.summary.trim_end());
        text.push('\n');
        text
    }
}

/// A proposal's fields as its form (or the API) gives them, organisations and activities already found.
pub struct ProposalDraft {
    pub funder_id: i64,
    pub title: String,
    pub summary: String,
    pub currency: Currency,
    pub requested: i64,
    pub activity_ids: Vec<i64>,
    pub applicant_ids: Vec<i64>,
    pub content: VersionContent,
}

/// Reads a proposal's form against the plan: a funder and co-applicants from the directory, activities of the
/// plan budgeted in the proposal's currency, an amount in that currency. None, each bad field with its message,
/// when something is wrong.
pub async fn read_proposal(
    db: &Db,
    plan: &Plan,
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
) -> sqlx::Result<Option<ProposalDraft>> {
    let title = required_text(data, "title", 300, form, lang);
    let summary = required_text(data, "summary", 20_000, form, lang);
    let funder_slug = data.get("funder");
    let funder_id = if funder_slug.is_empty() {
        form.fail("funder", lang.t("plans-required"));
        None
    } else {
        organization(db, &funder_slug, "funder", form, lang).await?
    };
    let currency = Currency::parse(&data.get("currency"));
    if currency.is_none() {
        form.fail("currency", lang.t("plans-currency-invalid"));
    }
    let requested = currency.and_then(|c| c.parse_amount(&data.get("requested")).filter(|minor| *minor > 0));
    if currency.is_some() && requested.is_none() {
        form.fail("requested", lang.t("proposals-requested-invalid"));
    }
    let mut applicant_ids = Vec::new();
    let mut applicant_slugs = Vec::new();
    for slug in data.get("applicants").split([',', ' ', '\n', '\r', ';']).filter(|s| !s.is_empty()) {
        if let Some(id) = organization(db, slug, "applicants", form, lang).await?
            && !applicant_ids.contains(&id)
        {
            applicant_ids.push(id);
            applicant_slugs.push(slug.to_string());
        }
    }
    if applicant_ids.is_empty() {
        form.fail("applicants", lang.t("plans-required"));
    }
    let chosen: Vec<_> = plan.activities().filter(|a| data.get(&format!("activity_{}", a.id)) == "1").collect();
    if chosen.is_empty() {
        form.fail("activities", lang.t("proposals-activities-required"));
    } else if let Some(currency) = currency
        && let Some(other) = chosen.iter().find(|a| a.currency != Some(currency))
    {
        form.fail(
            "activities",
            lang.t_with(
                "proposals-activity-currency",
                &[("activity", other.title.clone().into()), ("currency", currency.code().to_string().into())],
            ),
        );
    }
    let (Some(funder_id), Some(currency), Some(requested), true) = (funder_id, currency, requested, form.is_valid())
    else {
        return Ok(None);
    };
    let content = VersionContent {
        title: title.clone(),
        funder: funder_slug.to_ascii_lowercase(),
        requested: format!("{} {currency}", currency.decimal(requested)),
        activities: chosen.iter().map(|a| a.title.clone()).collect(),
        applicants: applicant_slugs.iter().map(|s| s.to_ascii_lowercase()).collect(),
        summary: summary.clone(),
    };
    Ok(Some(ProposalDraft {
        funder_id,
        title,
        summary,
        currency,
        requested,
        activity_ids: chosen.iter().map(|a| a.id).collect(),
        applicant_ids,
        content,
    }))
}

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

async fn write_parts(tx: &mut Tx<'_>, id: i64, draft: &ProposalDraft, version: i64, author: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM plan_proposal_activities WHERE proposal_id = $1").bind(id).execute(&mut **tx).await?;
    for activity in &draft.activity_ids {
        sqlx::query("INSERT INTO plan_proposal_activities (proposal_id, activity_id) VALUES ($1, $2)")
            .bind(id)
            .bind(activity)
            .execute(&mut **tx)
            .await?;
    }
    // A co-applicant kept keeps its confirmation of an earlier version, which no longer counts as one of this.
    let kept: Vec<String> = draft.applicant_ids.iter().map(i64::to_string).collect();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM plan_proposal_applicants WHERE proposal_id = $1 AND organization_id NOT IN ({})",
        if kept.is_empty() { "0".to_string() } else { kept.join(", ") }
    )))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    for applicant in &draft.applicant_ids {
        sqlx::query(
            "INSERT INTO plan_proposal_applicants (proposal_id, organization_id) \
             SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM plan_proposal_applicants \
             WHERE proposal_id = $1 AND organization_id = $2)",
        )
        .bind(id)
        .bind(applicant)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO plan_proposal_versions (proposal_id, version, content, saved_by, saved_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(version)
    .bind(serde_json::to_string(&draft.content).unwrap_or_default())
    .bind(author)
    .bind(now_rfc3339())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn audit(db: &Db, actor: i64, action: &str, id: i64, change: (Option<Value>, Value)) -> sqlx::Result<()> {
    crate::platform::audit::record(
        db,
        Some(actor),
        action,
        "plan_proposal",
        Some(id),
        change.0.as_ref(),
        Some(&change.1),
    )
    .await
}

/// Starts a proposal as a draft, its first version saved.
pub async fn create(db: &Db, plan_id: i64, draft: &ProposalDraft, author: i64) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_proposals (plan_id, funder_id, title, summary, currency, requested, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(plan_id)
    .bind(draft.funder_id)
    .bind(&draft.title)
    .bind(&draft.summary)
    .bind(draft.currency.code())
    .bind(draft.requested)
    .bind(now_rfc3339())
    .bind(author)
    .fetch_one(&mut *tx)
    .await?;
    write_parts(&mut tx, id, draft, 1, author).await?;
    tx.commit().await?;
    audit(db, author, "plan.proposal.create", id, (None, serde_json::to_value(&draft.content).unwrap_or_default()))
        .await?;
    Ok(id)
}

/// Saves a new version of a draft that is still at `version`; false when it moved or changed meanwhile.
pub async fn save(db: &Db, id: i64, version: i64, draft: &ProposalDraft, author: i64) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let saved = sqlx::query(
        "UPDATE plan_proposals SET funder_id = $1, title = $2, summary = $3, currency = $4, requested = $5, \
         version = version + 1 WHERE id = $6 AND version = $7 AND status = 'draft'",
    )
    .bind(draft.funder_id)
    .bind(&draft.title)
    .bind(&draft.summary)
    .bind(draft.currency.code())
    .bind(draft.requested)
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if saved.rows_affected() == 0 {
        return Ok(false);
    }
    write_parts(&mut tx, id, draft, version + 1, author).await?;
    tx.commit().await?;
    let change = (Some(json!({"version": version})), json!({"version": version + 1, "title": draft.title}));
    audit(db, author, "plan.proposal.edit", id, change).await?;
    Ok(true)
}

/// A co-applicant confirms `version`; false when the proposal is no longer at that version.
pub async fn confirm(db: &Db, id: i64, organization_id: i64, version: i64, user: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE plan_proposal_applicants SET confirmed_version = $1, confirmed_by = $2, confirmed_at = $3 \
         WHERE proposal_id = $4 AND organization_id = $5 \
         AND EXISTS (SELECT 1 FROM plan_proposals WHERE id = $4 AND version = $1 AND status = 'draft')",
    )
    .bind(version)
    .bind(user)
    .bind(now_rfc3339())
    .bind(id)
    .bind(organization_id)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    audit(db, user, "plan.proposal.confirm", id, (None, json!({"organization": organization_id, "version": version})))
        .await?;
    Ok(true)
}

/// A move along the pipeline: where to, with the amount granted or the reason declined.
pub struct Move {
    pub to: ProposalStatus,
    pub granted: Option<i64>,
    pub reason: Option<String>,
}

/// Moves a proposal that still stands where `proposal` says, at its version; false when it changed meanwhile.
pub async fn move_to(db: &Db, proposal: &Proposal, change: &Move, actor: i64) -> sqlx::Result<bool> {
    let (id, from, version, to) = (proposal.id, proposal.status, proposal.version, change.to);
    let (granted, reason) = (change.granted, change.reason.as_deref());
    let done = sqlx::query(
        "UPDATE plan_proposals SET status = $1, granted = $2, decline_reason = $3 \
         WHERE id = $4 AND status = $5 AND version = $6",
    )
    .bind(to.code())
    .bind(granted.filter(|_| to == ProposalStatus::Funded))
    .bind(reason.filter(|_| to == ProposalStatus::Declined))
    .bind(id)
    .bind(from.code())
    .bind(version)
    .execute(&db.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let after = json!({"status": to.code(), "granted": granted, "reason": reason});
    audit(db, actor, "plan.proposal.status", id, (Some(json!({"status": from.code()})), after)).await?;
    Ok(true)
}

/// A saved version of a proposal.
pub struct Version {
    pub number: i64,
    pub saved_at: String,
    pub saved_by: String,
    pub content: VersionContent,
}

pub async fn versions(db: &Db, id: i64) -> sqlx::Result<Vec<Version>> {
    sqlx::query(
        "SELECT v.version AS version, v.saved_at AS saved_at, v.content AS content, \
         COALESCE(u.display_name, '') AS saved_by FROM plan_proposal_versions v \
         LEFT JOIN users u ON u.id = v.saved_by WHERE v.proposal_id = $1 ORDER BY v.version",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(Version {
            number: row.try_get("version")?,
            saved_at: row.try_get("saved_at")?,
            saved_by: row.try_get("saved_by")?,
            content: serde_json::from_str(&row.try_get::<String, _>("content")?).unwrap_or_default(),
        })
    })
    .collect()
}

/// One line of a comparison: unchanged, taken out or put in, with the words that changed marked.
pub struct DiffLine {
    pub change: ChangeTag,
    /// The line's pieces, each with whether it is a changed word.
    pub pieces: Vec<(bool, String)>,
}

impl DiffLine {
    /// The mark read before the line, so that the change is not told by colour alone.
    pub fn sign(&self) -> &'static str {
        match self.change {
            ChangeTag::Equal => " ",
            ChangeTag::Delete => "−",
            ChangeTag::Insert => "+",
        }
    }

    pub fn class(&self) -> &'static str {
        match self.change {
            ChangeTag::Equal => "same",
            ChangeTag::Delete => "removed",
            ChangeTag::Insert => "added",
        }
    }
}

/// The lines of `new` compared with `old`, the changed words of changed lines marked.
pub fn diff(old: &str, new: &str) -> Vec<DiffLine> {
    let diff = TextDiff::from_lines(old, new);
    diff.ops()
        .iter()
        .flat_map(|op| diff.iter_inline_changes(op))
        .map(|change| DiffLine {
            change: change.tag(),
            pieces: change
                .iter_strings_lossy()
                .map(|(emphasised, text)| (emphasised, text.trim_end_matches('\n').to_string()))
                .filter(|(_, text)| !text.is_empty())
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_marks_changed_lines_and_words() {
        let old = "Title: Clean water\nAmount: 100\n\nWells for ten villages.\n";
        let new = "Title: Clean water\nAmount: 250\n\nWells for twelve villages.\nAnd a school.\n";
        let lines = diff(old, new);
        let shown: Vec<(char, String)> = lines
            .iter()
            .map(|l| (l.sign().chars().next().unwrap(), l.pieces.iter().map(|(_, t)| t.as_str()).collect()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (' ', "Title: Clean water".to_string()),
                ('−', "Amount: 100".into()),
                ('+', "Amount: 250".into()),
                (' ', "".into()),
                ('−', "Wells for ten villages.".into()),
                ('+', "Wells for twelve villages.".into()),
                ('+', "And a school.".into()),
            ]
        );
        let marked: Vec<&str> =
            lines[5].pieces.iter().filter(|(emphasised, _)| *emphasised).map(|(_, t)| t.as_str()).collect();
        assert_eq!(marked, vec!["twelve"], "only the changed word is marked");
        assert!(diff(old, old).iter().all(|l| l.change == ChangeTag::Equal));
    }

    #[test]
    fn a_version_reads_as_labelled_lines_then_its_summary() {
        let content = VersionContent {
            title: "Clean water".into(),
            funder: "world-bank".into(),
            requested: "30000.00 USD".into(),
            activities: vec!["Wells".into(), "Training".into()],
            applicants: vec!["ecores".into(), "nayora".into()],
            summary: "Wells for *ten* villages.\n\n".into(),
        };
        let text = content.text(Lang::En);
        assert!(text.starts_with("Title: Clean water\nFunder: world-bank\n"), "{text}");
        assert!(text.contains("Activities it would fund: Wells; Training\n") && text.contains("ecores, nayora"));
        assert!(text.ends_with("\n\nWells for *ten* villages.\n"), "{text}");
    }
}
