//! Who a campaign goes to: a filter by country, language and theme over a
//! network's confirmed subscribers, chosen in a form and turned into bound
//! SQL parameters, never into SQL text of its own.

use serde::{Deserialize, Serialize};
use sqlx::any::AnyArguments;
use sqlx::query::Query;

use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::values::CountryCode;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    /// ISO country codes; none means every country (and subscribers who gave none).
    #[serde(default)]
    pub countries: Vec<String>,
    /// Subscribers' languages; none means every language.
    #[serde(default)]
    pub langs: Vec<String>,
    /// Themes of interest; none means everyone. A subscriber who chose no
    /// theme is interested in all of them.
    #[serde(default)]
    pub themes: Vec<i64>,
}

/// A value bound into the audience's query.
#[derive(Clone, Debug)]
pub enum Param {
    Text(String),
    Int(i64),
}

impl Audience {
    /// Keeps only values that mean something: known countries and languages,
    /// and themes among `known_themes`; each once, in a stable order.
    pub fn new(countries: &[String], langs: &[String], themes: &[i64], known_themes: &[i64]) -> Audience {
        let mut countries: Vec<String> =
            countries.iter().filter_map(|code| CountryCode::parse(code)).map(|code| code.to_string()).collect();
        let mut langs: Vec<String> =
            langs.iter().filter_map(|code| Lang::parse(code)).map(|lang| lang.code().to_string()).collect();
        let mut themes: Vec<i64> = themes.iter().copied().filter(|theme| known_themes.contains(theme)).collect();
        countries.sort();
        countries.dedup();
        langs.sort();
        langs.dedup();
        themes.sort();
        themes.dedup();
        Audience { countries, langs, themes }
    }

    pub fn from_json(json: &str) -> Audience {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// The confirmed, not held subscriptions of a network in this audience:
    /// a query selecting `id`, `email` and `lang`, whose first parameter is the
    /// network, and the parameters after it.
    pub fn select(&self, network_id: i64) -> (String, Vec<Param>) {
        let mut sql = String::from(
            "SELECT s.id AS id, s.email AS email, s.lang AS lang FROM newsletter_subscriptions s \
             JOIN newsletter_addresses a ON a.email = s.email \
             WHERE s.network_id = $1 AND s.status = 'active' AND a.held_at IS NULL",
        );
        let mut params = vec![Param::Int(network_id)];
        let list = |values: Vec<Param>, params: &mut Vec<Param>| {
            let first = params.len() + 1;
            let placeholders = Db::placeholders(first, values.len());
            params.extend(values);
            placeholders
        };
        if !self.countries.is_empty() {
            let values = self.countries.iter().cloned().map(Param::Text).collect();
            sql.push_str(&format!(" AND s.country IN ({})", list(values, &mut params)));
        }
        if !self.langs.is_empty() {
            let values = self.langs.iter().cloned().map(Param::Text).collect();
            sql.push_str(&format!(" AND s.lang IN ({})", list(values, &mut params)));
        }
        if !self.themes.is_empty() {
            let values = self.themes.iter().copied().map(Param::Int).collect();
            sql.push_str(&format!(
                " AND (NOT EXISTS (SELECT 1 FROM newsletter_subscription_themes t WHERE t.subscription_id = s.id) \
                 OR EXISTS (SELECT 1 FROM newsletter_subscription_themes t WHERE t.subscription_id = s.id \
                 AND t.theme_id IN ({})))",
                list(values, &mut params)
            ));
        }
        // Queued in subscription order, so deliveries go out oldest subscriber first.
        sql.push_str(" ORDER BY s.id");
        (sql, params)
    }
}

/// Binds the parameters of [`Audience::select`] in order.
pub fn bind(mut query: Query<'_, sqlx::Any, AnyArguments>, params: Vec<Param>) -> Query<'_, sqlx::Any, AnyArguments> {
    for param in params {
        query = match param {
            Param::Text(text) => query.bind(text),
            Param::Int(number) => query.bind(number),
        };
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_values_survive_and_each_binds_a_parameter() {
        let audience = Audience::new(
            &["az".into(), "XX".into(), "AZ".into(), "ge".into()],
            &["ru".into(), "fr".into()],
            &[3, 99, 3],
            &[1, 2, 3],
        );
        assert_eq!(
            audience,
            Audience { countries: vec!["AZ".into(), "GE".into()], langs: vec!["ru".into()], themes: vec![3] }
        );
        let (sql, params) = audience.select(7);
        assert!(
            sql.contains("s.country IN ($2, $3)") && sql.contains("s.lang IN ($4)") && sql.contains("IN ($5)"),
            "{sql}"
        );
        assert_eq!(params.len(), 5);
        assert_eq!(Audience::from_json(&audience.to_json()), audience);
        let (everyone, params) = Audience::default().select(7);
        assert!(!everyone.contains(" IN ("), "{everyone}");
        assert_eq!(params.len(), 1);
    }
}
