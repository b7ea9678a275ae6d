//! The API reference as a page of the portal: every operation, parameter and schema of the OpenAPI
//! document the API is described by, with an example request, readable without a script.
//!
//! The document is written in English; the page shows its texts in the reader's language from
//! `locales/*/api.ftl`, under keys made of the document's stable names (tag, operationId, parameter,
//! status, schema and property names). A key is used only while its English is still the document's
//! text, so that a text changed in the code shows in English, marked as such, until it is translated again.

use std::collections::BTreeSet;
use std::sync::Arc;

use askama::Template;
use axum::http::Uri;
use axum::response::Html;
use fluent_templates::fluent_bundle::FluentValue;
use serde_json::{Map, Value};

use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, render};

/// A text of the document as the page shows it: in the reader's language, or the document's English.
#[derive(Default)]
pub struct Text {
    pub text: String,
    /// The document's English, shown to a reader of another language for want of a current translation.
    pub english: bool,
}

impl Text {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// Finds each text of the document in the reader's language, and keeps what it looked for.
struct Words {
    lang: Lang,
    /// The keys texts were found under.
    used: BTreeSet<String>,
    /// Texts no key holds the current English of, named by the key each would take.
    missing: Vec<String>,
}

/// Whitespace as a reader sees it: the document's texts are doc comments, with their line breaks.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name of the document as part of a Fluent message id.
fn ident(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' }).collect()
}

impl Words {
    fn new(lang: Lang) -> Words {
        Words { lang, used: BTreeSet::new(), missing: Vec::new() }
    }

    /// `english` under the first of `keys` whose English is still `english`: the most particular key
    /// first, then one that texts many share.
    fn say(&mut self, english: &str, keys: &[String]) -> Text {
        if english.is_empty() {
            return Text::default();
        }
        let wanted = normalized(english);
        let current = keys.iter().find(|key| Lang::En.try_t(key).is_some_and(|known| normalized(&known) == wanted));
        match current {
            Some(key) => {
                self.used.insert(key.clone());
                Text {
                    text: if self.lang == Lang::En { english.to_string() } else { self.lang.t(key) },
                    english: false,
                }
            }
            None => {
                self.missing.push(format!("{} = {wanted}", keys.first().map_or("", String::as_str)));
                Text { text: english.to_string(), english: self.lang != Lang::En }
            }
        }
    }
}

/// A type as the reference writes it, linking to the schema it names.
pub struct TypeName {
    pub text: String,
    pub schema: Option<String>,
}

pub struct Parameter {
    pub name: String,
    pub location: String,
    pub required: bool,
    pub kind: TypeName,
    pub description: Text,
}

pub struct Answer {
    pub status: String,
    pub description: Text,
    pub kind: Option<TypeName>,
}

pub struct Operation {
    pub anchor: String,
    pub method: String,
    pub path: String,
    pub summary: Text,
    pub description: Text,
    pub parameters: Vec<Parameter>,
    pub body: Option<TypeName>,
    pub answers: Vec<Answer>,
    pub example: String,
}

pub struct Group {
    pub anchor: String,
    tag: String,
    pub name: Text,
    pub description: Text,
    pub operations: Vec<Operation>,
}

pub struct Property {
    pub name: String,
    pub required: bool,
    pub kind: TypeName,
    pub description: Text,
}

pub struct Schema {
    pub name: String,
    pub description: Text,
    pub properties: Vec<Property>,
    /// What a schema that is not an object is (a list of values, one of several shapes).
    pub kind: Option<TypeName>,
}

#[derive(Template)]
#[template(path = "portal/api_reference.html")]
struct ReferencePage {
    chrome: Chrome,
    description: Text,
    base: String,
    groups: Vec<Group>,
    schemas: Vec<Schema>,
}

fn text(value: &Value, key: &str) -> String {
    value.get(key).and_then(Value::as_str).unwrap_or_default().trim().to_string()
}

/// The schema a `$ref` names: `#/components/schemas/Network` is `Network`.
fn referenced(value: &Value) -> Option<String> {
    value.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()).map(str::to_string)
}

/// A schema's type in a few words of the reader's language around JSON Schema's own names: `string (date)`,
/// `array of Network`, `integer or null`.
fn type_name(schema: &Value, lang: Lang) -> TypeName {
    if let Some(name) = referenced(schema) {
        return TypeName { text: name.clone(), schema: Some(name) };
    }
    let or = format!(" {} ", lang.t("api-type-or"));
    for combined in ["oneOf", "anyOf", "allOf"] {
        if let Some(options) = schema.get(combined).and_then(Value::as_array) {
            let names: Vec<TypeName> = options.iter().map(|option| type_name(option, lang)).collect();
            let schema = names.iter().find_map(|n| n.schema.clone());
            let words: Vec<String> = names.into_iter().map(|n| n.text).collect();
            let and = format!(" {} ", lang.t("api-type-and"));
            return TypeName { text: words.join(if combined == "allOf" { &and } else { &or }), schema };
        }
    }
    let kinds: Vec<String> = match schema.get("type") {
        Some(Value::String(kind)) => vec![kind.clone()],
        Some(Value::Array(kinds)) => kinds.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    let mut schema_link = None;
    let words: Vec<String> = kinds
        .iter()
        .map(|kind| match kind.as_str() {
            "array" => {
                let items = schema.get("items").map(|items| type_name(items, lang));
                schema_link = items.as_ref().and_then(|i| i.schema.clone());
                let items = items.map(|i| i.text).unwrap_or_else(|| lang.t("api-type-values"));
                lang.t_with("api-type-array-of", &[("items", FluentValue::from(items))])
            }
            "string" => match schema.get("format").and_then(Value::as_str) {
                Some(format) => format!("string ({format})"),
                None => "string".to_string(),
            },
            other => other.to_string(),
        })
        .collect();
    let mut text = if words.is_empty() { lang.t("api-type-any") } else { words.join(&or) };
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values: Vec<String> =
            values.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect();
        text = format!("{text}: {}", values.join(", "));
    }
    TypeName { text, schema: schema_link }
}

/// Where a parameter goes, in the reader's language; a place the reference does not know is named as the document
/// names it.
fn location_name(location: &str, lang: Lang) -> String {
    match location {
        "path" | "query" | "header" | "cookie" => lang.t(&format!("api-location-{location}")),
        other => other.to_string(),
    }
}

/// A parameter's example value: its own, else its schema's, else its name in braces.
fn example_value(parameter: &Value) -> String {
    let example = parameter.get("example").or_else(|| parameter.get("schema").and_then(|s| s.get("example")));
    match example {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => format!("{{{}}}", text(parameter, "name")),
    }
}

/// A request a reader can paste into a terminal.
fn example_request(method: &str, url: &str, parameters: &[Value], has_body: bool) -> String {
    let mut path = url.to_string();
    let mut query = form_urlencoded::Serializer::new(String::new());
    for parameter in parameters {
        match parameter.get("in").and_then(Value::as_str) {
            Some("path") => path = path.replace(&format!("{{{}}}", text(parameter, "name")), &example_value(parameter)),
            Some("query") if parameter.get("required").and_then(Value::as_bool) == Some(true) => {
                query.append_pair(&text(parameter, "name"), &example_value(parameter));
            }
            _ => {}
        }
    }
    let query = query.finish();
    if !query.is_empty() {
        path = format!("{path}?{query}");
    }
    if method == "GET" {
        return format!("curl '{path}'");
    }
    let body = if has_body { " \\\n  -H 'Content-Type: application/json' -d @body.json" } else { "" };
    format!("curl -X {method} '{path}' \\\n  -H 'Authorization: Bearer irene_…'{body}")
}

fn operation(method: &str, path: &str, spec: &Value, shared: &[Value], base: &str, words: &mut Words) -> Operation {
    let lang = words.lang;
    let tag = spec.pointer("/tags/0").and_then(Value::as_str).unwrap_or("other");
    let id = spec
        .get("operationId")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{method}{}", path.replace(['/', '{', '}'], "-")));
    // operationIds repeat across tags (`search`, `create`): the tag makes them one operation's.
    let key = format!("api-op-{}-{}", ident(tag), ident(&id));
    let mut parameters: Vec<Value> = shared.to_vec();
    parameters.extend(spec.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default());
    let body = spec
        .pointer("/requestBody/content")
        .and_then(Value::as_object)
        .and_then(|content| content.values().next())
        .and_then(|media| media.get("schema"))
        .map(|schema| type_name(schema, lang));
    let answers = spec
        .get("responses")
        .and_then(Value::as_object)
        .map(|responses| {
            responses
                .iter()
                .map(|(status, answer)| Answer {
                    status: status.clone(),
                    description: words.say(
                        &text(answer, "description"),
                        &[format!("{key}-answer-{}", ident(status)), format!("api-answer-{}", ident(status))],
                    ),
                    kind: answer
                        .get("content")
                        .and_then(Value::as_object)
                        .and_then(|content| content.values().next())
                        .and_then(|media| media.get("schema"))
                        .map(|schema| type_name(schema, lang)),
                })
                .collect()
        })
        .unwrap_or_default();
    let method_upper = method.to_ascii_uppercase();
    Operation {
        anchor: format!("op-{id}"),
        example: example_request(&method_upper, &format!("{base}{path}"), &parameters, body.is_some()),
        method: method_upper,
        path: path.to_string(),
        summary: words.say(&text(spec, "summary"), &[format!("{key}-summary")]),
        description: words.say(&text(spec, "description"), &[format!("{key}-description")]),
        parameters: parameters
            .iter()
            .map(|p| {
                let name = text(p, "name");
                Parameter {
                    description: words.say(
                        &text(p, "description"),
                        &[format!("{key}-param-{}", ident(&name)), format!("api-param-{}", ident(&name))],
                    ),
                    location: location_name(&text(p, "in"), lang),
                    required: p.get("required").and_then(Value::as_bool).unwrap_or(false),
                    kind: p
                        .get("schema")
                        .map(|schema| type_name(schema, lang))
                        .unwrap_or(TypeName { text: "string".into(), schema: None }),
                    name,
                }
            })
            .collect(),
        body,
        answers,
    }
}

/// The reference: the document's description, its operations by tag, in the order the document lists its
/// tags, and its schemas by name.
fn read(spec: &Value, base: &str, words: &mut Words) -> (Text, Vec<Group>, Vec<Schema>) {
    let info = spec.pointer("/info/description").and_then(Value::as_str).unwrap_or_default();
    let description = words.say(info, &["api-info".to_string()]);
    let empty = Map::new();
    let mut groups: Vec<Group> = spec
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|tag| {
            let name = text(tag, "name");
            let key = format!("api-tag-{}", ident(&name));
            Group {
                anchor: format!("tag-{name}"),
                name: words.say(&name, std::slice::from_ref(&key)),
                description: words.say(&text(tag, "description"), &[format!("{key}-description")]),
                tag: name,
                operations: Vec::new(),
            }
        })
        .collect();
    for (path, item) in spec.get("paths").and_then(Value::as_object).unwrap_or(&empty) {
        let shared = item.get("parameters").and_then(Value::as_array).cloned().unwrap_or_default();
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(spec) = item.get(method) else { continue };
            let tag = spec.pointer("/tags/0").and_then(Value::as_str).unwrap_or("other").to_string();
            let index = match groups.iter().position(|g| g.tag == tag) {
                Some(index) => index,
                None => {
                    let anchor = format!("tag-{tag}");
                    let name = Text { text: tag.clone(), english: false };
                    groups.push(Group { anchor, tag, name, description: Text::default(), operations: Vec::new() });
                    groups.len() - 1
                }
            };
            let operation = operation(method, path, spec, &shared, base, words);
            groups[index].operations.push(operation);
        }
    }
    groups.retain(|g| !g.operations.is_empty());
    let schemas = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .unwrap_or(&empty)
        .iter()
        .map(|(name, schema)| {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let properties: Vec<Property> = schema
                .get("properties")
                .and_then(Value::as_object)
                .unwrap_or(&empty)
                .iter()
                .map(|(property, spec)| Property {
                    name: property.clone(),
                    required: required.contains(&property.as_str()),
                    kind: type_name(spec, words.lang),
                    description: words.say(
                        &text(spec, "description"),
                        &[
                            format!("api-schema-{}-{}", ident(name), ident(property)),
                            format!("api-property-{}", ident(property)),
                        ],
                    ),
                })
                .collect();
            Schema {
                name: name.clone(),
                description: words.say(&text(schema, "description"), &[format!("api-schema-{}", ident(name))]),
                kind: properties.is_empty().then(|| type_name(schema, words.lang)),
                properties,
            }
        })
        .collect();
    (description, groups, schemas)
}

/// `/api/docs`: the reference, from `spec` (the OpenAPI document as JSON) for the API at `public_url`.
pub async fn page(spec: Arc<Value>, public_url: &str, lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    let server = spec.pointer("/servers/0/url").and_then(Value::as_str).unwrap_or("/api/v1");
    let base = format!("{public_url}{server}");
    let (description, groups, schemas) = read(&spec, &base, &mut Words::new(lang));
    render(&ReferencePage {
        chrome: Chrome::new(lang, lang.t("api-reference-title"), &uri),
        description,
        base,
        groups,
        schemas,
    })
}

/// What the reference of `spec` needs translated: the keys of `locales/*/api.ftl` its texts are found under,
/// and each text of the document no key holds the current English of, as the line `api.ftl` would take.
pub fn translations(spec: &Value) -> (BTreeSet<String>, Vec<String>) {
    let mut words = Words::new(Lang::Ru);
    read(spec, "", &mut words);
    (words.used, words.missing)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn types_read_as_words_and_link_their_schema() {
        let list = type_name(&json!({"type": "array", "items": {"$ref": "#/components/schemas/Network"}}), Lang::En);
        assert_eq!((list.text.as_str(), list.schema.as_deref()), ("array of Network", Some("Network")));
        assert_eq!(
            type_name(&json!({"type": ["string", "null"], "format": "date"}), Lang::En).text,
            "string (date) or null"
        );
        assert_eq!(type_name(&json!({"type": "string", "enum": ["en", "ru"]}), Lang::En).text, "string: en, ru");
        assert_eq!(type_name(&json!({"type": ["array", "null"]}), Lang::Ru).text, "массив значений или null");
        assert_eq!(location_name("query", Lang::Az), "sorğu sətri");
    }

    #[test]
    fn texts_are_translated_while_their_english_is_current() {
        let mut words = Words::new(Lang::Ru);
        let keys = ["api-op-directory-search-summary".to_string()];
        let known = words.say("Search  the\n directory.", &keys);
        assert_eq!((known.text.as_str(), known.english), ("Поиск по каталогу.", false));
        let changed = words.say("Search organisations.", &keys);
        assert_eq!((changed.text.as_str(), changed.english), ("Search organisations.", true));
        let shared = ["api-op-x-y-answer-401".to_string(), "api-answer-401".to_string()];
        assert_eq!(words.say("No valid token", &shared).text, "Нет действительного токена");
        assert_eq!(words.missing, ["api-op-directory-search-summary = Search organisations."]);
        assert!(!Words::new(Lang::En).say("Search organisations.", &keys).english, "English is the page's own");
    }

    #[test]
    fn example_requests_fill_the_path_and_the_required_query() {
        let parameters = [
            json!({"name": "slug", "in": "path", "required": true, "example": "un-ngo-irene-caspian"}),
            json!({"name": "q", "in": "query", "required": false}),
            json!({"name": "network", "in": "query", "required": true, "schema": {"example": "a b"}}),
        ];
        assert_eq!(
            example_request("GET", "https://irene.example/api/v1/networks/{slug}", &parameters, false),
            "curl 'https://irene.example/api/v1/networks/un-ngo-irene-caspian?network=a+b'"
        );
        let write = example_request("PATCH", "https://irene.example/api/v1/networks/{slug}", &parameters[..1], true);
        assert!(write.starts_with("curl -X PATCH") && write.contains("Bearer") && write.contains("-d @body.json"));
    }
}
