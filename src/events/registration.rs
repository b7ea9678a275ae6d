//! Registration: a seat while the capacity lasts, then the waiting list, promoted in order when someone
//! cancels. Every change to an event's registrations first takes the event's row (a write lock on SQLite, a row
//! lock on PostgreSQL), so two of them never count seats at once; the mail each change owes is queued in the
//! same transaction.

use std::collections::HashMap;

use sqlx::Row;

use super::model::{RegistrationKind, RegistrationStatus};
use super::questions::Question;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::mail::Email;
use crate::platform::values::CountryCode;

/// What a person gives when registering, parsed.
#[derive(Debug, Clone)]
pub struct Registrant {
    pub kind: RegistrationKind,
    pub name: String,
    pub email: Email,
    pub organization: Option<String>,
    pub country: Option<CountryCode>,
    pub lang: Lang,
    /// Consent to appear in the published list of participants.
    pub listed: bool,
    /// Answers to the registration form's questions, by question id.
    pub answers: Vec<(i64, String)>,
}

pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// Takes the event's row for the rest of the transaction; its capacity and seats taken.
async fn lock_event(tx: &mut Tx, event_id: i64) -> sqlx::Result<(Option<i64>, i64)> {
    sqlx::query("UPDATE events SET seats_taken = seats_taken WHERE id = $1").bind(event_id).execute(&mut **tx).await?;
    sqlx::query_as("SELECT capacity, seats_taken FROM events WHERE id = $1").bind(event_id).fetch_one(&mut **tx).await
}

async fn queue_mail(tx: &mut Tx, registration_id: i64, kind: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO event_mail_outbox (registration_id, kind) VALUES ($1, $2)")
        .bind(registration_id)
        .bind(kind)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

async fn set_seats(tx: &mut Tx, event_id: i64, seats: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE events SET seats_taken = $2 WHERE id = $1")
        .bind(event_id)
        .bind(seats)
        .execute(&mut **tx)
        .await
        .map(|_| ())
}

/// Registers a person: a seat if one is left, else a place on the waiting list; the mail saying which is queued.
pub async fn register(db: &Db, event_id: i64, who: &Registrant) -> sqlx::Result<(i64, RegistrationStatus)> {
    let mut tx = db.begin().await?;
    let (capacity, taken) = lock_event(&mut tx, event_id).await?;
    let status = if capacity.is_none_or(|capacity| taken < capacity) {
        set_seats(&mut tx, event_id, taken + 1).await?;
        RegistrationStatus::Confirmed
    } else {
        RegistrationStatus::Waiting
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO event_registrations (event_id, kind, name, email, organization, country, lang, listed, status, \
                                          created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(event_id)
    .bind(who.kind.code())
    .bind(&who.name)
    .bind(who.email.as_str())
    .bind(&who.organization)
    .bind(who.country.map(|c| c.as_str().to_string()))
    .bind(who.lang.code())
    .bind(i64::from(who.listed))
    .bind(status.code())
    .bind(crate::platform::clock::now_rfc3339())
    .fetch_one(&mut *tx)
    .await?;
    super::questions::save_answers(&mut tx, id, &who.answers).await?;
    queue_mail(&mut tx, id, status.code()).await?;
    tx.commit().await?;
    Ok((id, status))
}

/// Gives the seats left to the waiting list in the order people joined it, each promotion mailed; returns those
/// promoted. Called in the transaction of the change that may have freed seats (a cancellation, a larger
/// capacity): it takes the event's row first, so a seat is never given twice. A capacity lowered below the seats
/// taken leaves everyone seated and promotes nobody.
pub async fn fill_seats(tx: &mut Tx, event_id: i64) -> sqlx::Result<Vec<i64>> {
    let (capacity, taken) = lock_event(tx, event_id).await?;
    let free = capacity.map_or(i64::MAX, |capacity| capacity - taken);
    if free <= 0 {
        return Ok(Vec::new());
    }
    let waiting: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM event_registrations WHERE event_id = $1 AND status = $2 ORDER BY id LIMIT $3",
    )
    .bind(event_id)
    .bind(RegistrationStatus::Waiting.code())
    .bind(free)
    .fetch_all(&mut **tx)
    .await?;
    for id in &waiting {
        sqlx::query("UPDATE event_registrations SET status = $2 WHERE id = $1")
            .bind(id)
            .bind(RegistrationStatus::Confirmed.code())
            .execute(&mut **tx)
            .await?;
        queue_mail(tx, *id, "promoted").await?;
    }
    set_seats(tx, event_id, taken + waiting.len() as i64).await?;
    Ok(waiting)
}

/// What a cancellation did.
#[derive(Debug, PartialEq)]
pub enum Cancelled {
    /// Cancelled now; the registration promoted from the waiting list into the freed seat, if any.
    Now { promoted: Option<i64> },
    /// It was cancelled before: nothing changes.
    Already,
}

/// Cancels a registration; a seat it held goes to the first on the waiting list, who is told by mail.
pub async fn cancel(db: &Db, registration_id: i64) -> sqlx::Result<Option<Cancelled>> {
    let Some(event_id): Option<i64> = sqlx::query_scalar("SELECT event_id FROM event_registrations WHERE id = $1")
        .bind(registration_id)
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(None);
    };
    let mut tx = db.begin().await?;
    let (_, taken) = lock_event(&mut tx, event_id).await?;
    let status: String = sqlx::query_scalar("SELECT status FROM event_registrations WHERE id = $1")
        .bind(registration_id)
        .fetch_one(&mut *tx)
        .await?;
    if status == RegistrationStatus::Cancelled.code() {
        return Ok(Some(Cancelled::Already));
    }
    sqlx::query("UPDATE event_registrations SET status = $2, cancelled_at = $3 WHERE id = $1")
        .bind(registration_id)
        .bind(RegistrationStatus::Cancelled.code())
        .bind(crate::platform::clock::now_rfc3339())
        .execute(&mut *tx)
        .await?;
    let mut promoted = None;
    if status == RegistrationStatus::Confirmed.code() {
        set_seats(&mut tx, event_id, taken - 1).await?;
        promoted = fill_seats(&mut tx, event_id).await?.first().copied();
    }
    tx.commit().await?;
    Ok(Some(Cancelled::Now { promoted }))
}

/// One registration, as the organisers' lists and the mails show it.
#[derive(Debug, Clone)]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    pub kind: RegistrationKind,
    pub name: String,
    pub email: String,
    pub organization: Option<String>,
    pub country: Option<CountryCode>,
    pub lang: Lang,
    pub listed: bool,
    pub status: RegistrationStatus,
    pub checked_in: bool,
}

const COLUMNS: &str = "id, event_id, kind, name, email, organization, country, lang, listed, status, checked_in_at";

fn registration(row: &sqlx::any::AnyRow) -> sqlx::Result<Registration> {
    Ok(Registration {
        id: row.try_get("id")?,
        event_id: row.try_get("event_id")?,
        kind: RegistrationKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(RegistrationKind::Participant),
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        organization: row.try_get("organization")?,
        country: row.try_get::<Option<String>, _>("country")?.as_deref().and_then(CountryCode::parse),
        lang: Lang::parse(&row.try_get::<String, _>("lang")?).unwrap_or(Lang::En),
        listed: row.try_get::<i64, _>("listed")? != 0,
        status: RegistrationStatus::parse(&row.try_get::<String, _>("status")?)
            .unwrap_or(RegistrationStatus::Cancelled),
        checked_in: row.try_get::<Option<String>, _>("checked_in_at")?.is_some(),
    })
}

pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<Registration>> {
    let sql = format!("SELECT {COLUMNS} FROM event_registrations WHERE id = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .as_ref()
        .map(registration)
        .transpose()
}

/// An event's registrations that are not cancelled: seats first, then the waiting list, each in order.
pub async fn of_event(db: &Db, event_id: i64) -> sqlx::Result<Vec<Registration>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM event_registrations WHERE event_id = $1 AND status <> 'cancelled' \
         ORDER BY CASE WHEN status = 'confirmed' THEN 0 ELSE 1 END, id"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(event_id).fetch_all(&db.pool).await?.iter().map(registration).collect()
}

/// Registrations by status.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub confirmed: i64,
    pub waiting: i64,
    pub cancelled: i64,
    pub checked_in: i64,
}

pub async fn counts(db: &Db, event_id: i64) -> sqlx::Result<Counts> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT status, COUNT(*), COUNT(checked_in_at) FROM event_registrations WHERE event_id = $1 GROUP BY status",
    )
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?;
    let mut counts = Counts::default();
    for (status, count, checked_in) in rows {
        counts.checked_in += checked_in;
        match RegistrationStatus::parse(&status) {
            Some(RegistrationStatus::Confirmed) => counts.confirmed = count,
            Some(RegistrationStatus::Waiting) => counts.waiting = count,
            Some(RegistrationStatus::Cancelled) => counts.cancelled = count,
            None => {}
        }
    }
    Ok(counts)
}

/// Marks a confirmed registration of the event as present; false when there is no such seat.
pub async fn check_in(db: &Db, event_id: i64, registration_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE event_registrations SET checked_in_at = COALESCE(checked_in_at, $3) \
         WHERE id = $1 AND event_id = $2 AND status = 'confirmed'",
    )
    .bind(registration_id)
    .bind(event_id)
    .bind(crate::platform::clock::now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The organisers' table of registrations: a header, then a row for each, with the answers to the form's
/// questions (headed by the questions in the reader's language).
pub fn table(
    registrations: &[Registration],
    questions: &[Question],
    answers: &HashMap<(i64, i64), String>,
    lang: Lang,
) -> Vec<Vec<String>> {
    let mut header: Vec<String> =
        ["name", "email", "organization", "country", "kind", "status", "listed", "checked_in"]
            .into_iter()
            .map(String::from)
            .collect();
    header.extend(questions.iter().map(|q| q.label.get(lang).to_string()));
    let yes_no = |flag: bool| if flag { "yes" } else { "no" }.to_string();
    let rows = registrations.iter().map(|r| {
        let mut row = vec![
            r.name.clone(),
            r.email.clone(),
            r.organization.clone().unwrap_or_default(),
            r.country.as_ref().map(|c| c.as_str().to_string()).unwrap_or_default(),
            r.kind.code().to_string(),
            r.status.code().to_string(),
            yes_no(r.listed),
            yes_no(r.checked_in),
        ];
        row.extend(questions.iter().map(|q| answers.get(&(r.id, q.id)).cloned().unwrap_or_default()));
        row
    });
    std::iter::once(header).chain(rows).collect()
}

/// The table as CSV, with a byte-order mark so spreadsheets read Cyrillic.
pub fn to_csv(rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        writer.write_record(row)?;
    }
    Ok(writer.into_inner()?)
}

/// The table as an XLSX workbook of one sheet.
pub fn to_xlsx(rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("registrations")?;
    for (index, row) in rows.iter().enumerate() {
        for (column, cell) in row.iter().enumerate() {
            sheet.write_string(index as u32, column as u16, cell)?;
        }
    }
    Ok(workbook.save_to_buffer()?)
}
