//! HTML forms: the posted fields, and what a form page shows again when
//! something is wrong (what the person typed, and a message beside the field).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use sqlx::Row;

use super::i18n::{Lang, LocalizedText};
use super::web::{AppError, Problem, decoded_pairs};

/// One option of a form's select or radio buttons: the value posted, the label shown.
#[derive(Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    /// The portal's languages, each named in itself.
    pub fn languages() -> Vec<Choice> {
        Lang::ALL.iter().map(|l| Choice { value: l.code().into(), label: l.endonym().into() }).collect()
    }

    /// Choices from rows of `slug` and `name` (a localized text), labelled in `lang`.
    pub fn from_named_rows(rows: &[sqlx::any::AnyRow], lang: Lang) -> sqlx::Result<Vec<Choice>> {
        rows.iter()
            .map(|row| {
                Ok(Choice {
                    value: row.try_get("slug")?,
                    label: LocalizedText::from_json(&row.try_get::<String, _>("name")?).get(lang).to_string(),
                })
            })
            .collect()
    }
}

/// The fields of a posted form. Malformed bodies are refused with a 400 that
/// says so; oversize bodies never get here (the body limit answers 413).
#[derive(Debug, Default, Clone)]
pub struct FormData(pub BTreeMap<String, String>);

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::TooLarge
            } else {
                AppError::bad("form", Problem::InvalidUtf8)
            }
        })?;
        FormData::parse(&bytes)
    }
}

impl FormData {
    pub fn parse(body: &[u8]) -> Result<FormData, AppError> {
        if std::str::from_utf8(body).is_err() {
            return Err(AppError::bad("form", Problem::InvalidUtf8));
        }
        Ok(FormData(decoded_pairs(body)?.into_iter().collect()))
    }

    /// A field's text, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> String {
        self.0.get(name).map(|v| v.trim().to_string()).unwrap_or_default()
    }

    /// A text given per language in fields `{prefix}_en`, `{prefix}_ru`,
    /// `{prefix}_az`; a field longer than `max` characters gets its message.
    pub fn localized(&self, prefix: &str, max: usize, form: &mut FormState, lang: Lang) -> LocalizedText {
        let mut text = LocalizedText::default();
        for l in Lang::ALL {
            let field = format!("{prefix}_{}", l.code());
            let value = self.get(&field);
            if value.chars().count() > max {
                form.fail(&field, lang.t_count("form-too-long", max as i64));
            } else if !value.is_empty() {
                text.0.insert(l, value);
            }
        }
        text
    }

    /// A field exactly as typed (passwords keep their spaces).
    pub fn raw(&self, name: &str) -> String {
        self.0.get(name).cloned().unwrap_or_default()
    }
}

/// A form page's state: the values to show again and the message per field.
#[derive(Debug, Default, Clone)]
pub struct FormState {
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, String>,
}

impl FormState {
    pub fn from(data: &FormData) -> FormState {
        FormState { values: data.0.clone(), errors: BTreeMap::new() }
    }

    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or("")
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    pub fn fail(&mut self, name: &str, message: String) {
        self.errors.entry(name.to_string()).or_insert(message);
    }

    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The first failed field of a form an API request filled in, as a 400 naming the API's parameter: a text's
    /// languages are one parameter (`title_az` is `title`), which `renamed` may name otherwise (`name` is `names`).
    pub fn api_error(&self, renamed: &[(&str, &str)]) -> AppError {
        let (field, message) = self.errors.iter().next().map(|(f, m)| (f.clone(), m.clone())).unwrap_or_default();
        let parameter = match field.rsplit_once('_') {
            Some((prefix, code)) if Lang::parse(code).is_some() => prefix,
            _ => field.as_str(),
        };
        let parameter = renamed.iter().find(|(from, _)| *from == parameter).map_or(parameter, |(_, to)| *to);
        AppError::bad(parameter, Problem::Invalid(message))
    }

    /// Forgets what must not be sent back to the browser (passwords).
    pub fn without(mut self, names: &[&str]) -> FormState {
        for name in names {
            self.values.remove(*name);
        }
        self
    }
}

/// Puts an API change's text into a form's fields `{prefix}_en`, `{prefix}_ru`, `{prefix}_az`: the text replaces
/// every language, so a language left out is cleared; a language the portal does not have is a 400 naming
/// `parameter`.
pub fn replace_texts(
    fields: &mut BTreeMap<String, String>,
    prefix: &str,
    parameter: &str,
    texts: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    if let Some(code) = texts.keys().find(|code| Lang::parse(code).is_none()) {
        return Err(AppError::bad(parameter, Problem::Unknown(code.chars().take(40).collect())));
    }
    for lang in Lang::ALL {
        let text = texts.iter().find(|(code, _)| Lang::parse(code) == Some(lang)).map(|(_, text)| text.clone());
        fields.insert(format!("{prefix}_{}", lang.code()), text.unwrap_or_default());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields_and_refuses_what_is_not_utf8() {
        let form = FormData::parse(b"email=a%40b.az&name=M%C9%99mm%C9%99d+Q").unwrap();
        assert_eq!(form.get("email"), "a@b.az");
        assert_eq!(form.get("name"), "Məmməd Q");
        assert!(FormData::parse(b"name=%FF").is_err());
        assert!(FormData::parse(&[0xff, 0xfe]).is_err());
        assert!(FormData::parse(b"name=a%00b").is_err());
    }
}
