//! The choices of the profile form that registration and editing share: the country, the themes with their
//! goals, the goals chosen themselves, the reach, the countries and languages of work.

use super::model::{GeographicScope, WORK_LANGUAGES, country_choices};
use super::queries::{ThemeGoals, group_theme_goals};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormState};
use crate::platform::i18n::Lang;

/// One checkbox of the form: posted as `{name}=on` when ticked.
pub struct Checkbox {
    pub name: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

impl Checkbox {
    fn of(prefix: &str, choice: Choice, form: &FormState) -> Checkbox {
        let name = format!("{prefix}_{}", choice.value);
        Checkbox { checked: form.value(&name) == "on", name, value: choice.value, label: choice.label }
    }
}

pub struct ProfileChoices {
    /// Every country, by name in the reader's language, after a choice of none.
    pub countries: Vec<Choice>,
    pub scopes: Vec<Choice>,
    pub themes: Vec<(Checkbox, ThemeGoals)>,
    /// The Millennium, then the Sustainable Development Goals.
    pub goals: Vec<Checkbox>,
    pub countries_of_work: Vec<Checkbox>,
    /// Named in themselves; the value is the language's code.
    pub languages: Vec<Checkbox>,
}

impl ProfileChoices {
    /// The choices, ticked as `form` holds them.
    pub async fn load(db: &Db, lang: Lang, form: &FormState) -> sqlx::Result<ProfileChoices> {
        let none = || Choice { value: String::new(), label: lang.t("profiles-none-chosen") };
        let countries = country_choices(lang);
        let rows = sqlx::query(
            "SELECT t.slug AS slug, t.name AS name, g.framework AS framework, g.number AS number \
             FROM themes t LEFT JOIN theme_goals g ON g.theme_id = t.id ORDER BY t.position, g.framework, g.number",
        )
        .fetch_all(&db.pool)
        .await?;
        let themes = group_theme_goals(&rows)?
            .into_iter()
            .map(|goals| {
                let choice = Choice { value: goals.theme.slug.clone(), label: goals.theme.name.get(lang).to_string() };
                (Checkbox::of("theme", choice, form), goals)
            })
            .collect();
        Ok(ProfileChoices {
            countries_of_work: countries.iter().cloned().map(|c| Checkbox::of("work", c, form)).collect(),
            countries: std::iter::once(none()).chain(countries).collect(),
            scopes: std::iter::once(none()).chain(GeographicScope::choices(lang)).collect(),
            themes,
            goals: super::model::goal_codes()
                .map(|code| Checkbox::of("goal", Choice { label: goal_name(&code, lang), value: code }, form))
                .collect(),
            languages: WORK_LANGUAGES
                .iter()
                .map(|(code, name)| {
                    Checkbox::of("language", Choice { value: (*code).into(), label: (*name).into() }, form)
                })
                .collect(),
        })
    }
}

/// A goal's code (`sdg-16`) as the reader's language names it: "SDG 16: Peace, Justice and Strong Institutions".
pub fn goal_name(code: &str, lang: Lang) -> String {
    let (framework, number) = code.split_once('-').unwrap_or((code, ""));
    format!("{} {number}: {}", lang.t(&format!("{framework}-short")), lang.t(code))
}
