//! The programme of the Baku 2004 meetings as the mission report gives it (its sections II to V): who opened,
//! presented, facilitated and chaired, the working groups and what they established, and what each ministerial
//! meeting agreed, and whom its text names as met there (Annex IX itself is not part of the text). The report
//! gives no hours for most of them, so none are stored.

use std::collections::BTreeMap;

use anyhow::{Context, anyhow};
use serde::Deserialize;

use crate::platform::i18n::LocalizedText;

const BAKU_2004_PROGRAMME: &str = include_str!("baku-2004-programme.json");

#[derive(Deserialize)]
struct DemoProgramme {
    time_zone: String,
    sessions: Vec<DemoSession>,
    /// Those the report's text names as met at the meeting.
    #[serde(default)]
    persons_met: Vec<DemoPersonMet>,
}

#[derive(Deserialize)]
struct DemoPersonMet {
    name: String,
    function: String,
    organization: String,
}

#[derive(Deserialize)]
struct DemoSession {
    kind: String,
    title: LocalizedText,
    /// (person slug, role) pairs.
    people: Vec<(String, String)>,
    #[serde(default)]
    outcome: Option<LocalizedText>,
}

/// Writes the report's programme to the demo's events, in the demo's transaction.
pub async fn load_demo_programme(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> anyhow::Result<()> {
    let programmes: BTreeMap<String, DemoProgramme> =
        serde_json::from_str(BAKU_2004_PROGRAMME).context("the demo programme file is malformed")?;
    for (slug, programme) in programmes {
        let event_id: i64 = sqlx::query_scalar("UPDATE events SET time_zone = $2 WHERE slug = $1 RETURNING id")
            .bind(&slug)
            .bind(&programme.time_zone)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| anyhow!("the demo programme names an unknown event '{slug}'"))?;
        for (position, session) in programme.sessions.iter().enumerate() {
            let session_id: i64 = sqlx::query_scalar(
                "INSERT INTO event_sessions (event_id, position, kind, title, outcome) VALUES ($1, $2, $3, $4, $5) \
                 RETURNING id",
            )
            .bind(event_id)
            .bind(position as i64)
            .bind(&session.kind)
            .bind(session.title.to_json())
            .bind(session.outcome.as_ref().map(LocalizedText::to_json))
            .fetch_one(&mut **tx)
            .await?;
            for (position, (person, role)) in session.people.iter().enumerate() {
                let person_id: i64 = sqlx::query_scalar("SELECT id FROM persons WHERE slug = $1")
                    .bind(person)
                    .fetch_optional(&mut **tx)
                    .await?
                    .ok_or_else(|| anyhow!("the demo programme names an unknown person '{person}'"))?;
                sqlx::query(
                    "INSERT INTO event_session_people (session_id, person_id, role, position) VALUES ($1, $2, $3, $4)",
                )
                .bind(session_id)
                .bind(person_id)
                .bind(role)
                .bind(position as i64)
                .execute(&mut **tx)
                .await?;
            }
        }
        for (position, person) in programme.persons_met.iter().enumerate() {
            sqlx::query(
                "INSERT INTO event_persons_met (event_id, position, name, function, organization) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(event_id)
            .bind(position as i64)
            .bind(&person.name)
            .bind(&person.function)
            .bind(&person.organization)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::{SESSION_ROLES, SessionKind};

    #[test]
    fn the_reports_programme_names_known_kinds_and_roles_in_every_language() {
        let programmes: BTreeMap<String, DemoProgramme> = serde_json::from_str(BAKU_2004_PROGRAMME).unwrap();
        assert_eq!(programmes.len(), 9, "the country-team meeting, two workshops, the field visit, five ministers");
        for (slug, programme) in &programmes {
            assert_eq!(programme.time_zone, "Asia/Baku", "{slug}");
            for session in &programme.sessions {
                assert!(SessionKind::parse(&session.kind).is_some(), "{slug}: {}", session.kind);
                assert_eq!(session.title.0.len(), 3, "{slug}: a title in en, ru and az");
                assert!(session.people.iter().all(|(_, role)| SESSION_ROLES.contains(&role.as_str())), "{slug}");
            }
        }
    }
}
