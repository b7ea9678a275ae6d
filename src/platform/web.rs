//! Web plumbing shared by every capability: the error type and its two
//! renderings (an HTML page for the portal, JSON for the API), the language of
//! a request, the page chrome every template extends, and query strings.

use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;

use super::i18n::Lang;
use super::values::Slug;

/// What went wrong with a client's parameter, worded per language at render time.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Unknown(String),
    /// A sentence already worded (by a form's check).
    Invalid(String),
    TooLong {
        max: usize,
    },
    NotANumber,
    OutOfRange {
        min: i64,
        max: i64,
    },
    InvalidUtf8,
    /// A NUL character, which no text of ours holds (and PostgreSQL refuses).
    NulCharacter,
    Repeated,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("parameter {name}: {problem:?}")]
    BadParameter { name: String, problem: Problem },
    #[error("not found")]
    NotFound,
    /// The page needs a signed-in person; carries the address to come back to.
    #[error("sign-in required")]
    SignInRequired(String),
    #[error("forbidden")]
    Forbidden,
    /// An API call that needs a valid token.
    #[error("unauthorized")]
    Unauthorized,
    /// The record changed since the version the client read.
    #[error("conflict")]
    Conflict,
    #[error("too many attempts")]
    TooManyAttempts,
    #[error("request body too large")]
    TooLarge,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::Internal(error.into())
    }
}

impl From<tantivy::TantivyError> for AppError {
    fn from(error: tantivy::TantivyError) -> Self {
        AppError::Internal(error.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(error: askama::Error) -> Self {
        AppError::Internal(error.into())
    }
}

impl AppError {
    pub fn bad(name: &str, problem: Problem) -> AppError {
        AppError::BadParameter { name: name.to_string(), problem }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadParameter { .. } => StatusCode::BAD_REQUEST,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::SignInRequired(_) => StatusCode::SEE_OTHER,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            AppError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The sentence shown to the client, in its language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::BadParameter { name, problem } => {
                let name_value = FluentValue::from(name.clone());
                let (key, mut args): (&str, Vec<(&'static str, FluentValue<'static>)>) = match problem {
                    Problem::Unknown(value) => ("error-param-unknown", vec![("value", value.clone().into())]),
                    Problem::Invalid(message) => ("error-param-invalid", vec![("message", message.clone().into())]),
                    Problem::TooLong { max } => ("error-param-too-long", vec![("max", (*max as i64).into())]),
                    Problem::NotANumber => ("error-param-not-a-number", vec![]),
                    Problem::OutOfRange { min, max } => {
                        ("error-param-out-of-range", vec![("min", (*min).into()), ("max", (*max).into())])
                    }
                    Problem::InvalidUtf8 => ("error-param-invalid-utf8", vec![]),
                    Problem::NulCharacter => ("error-param-nul", vec![]),
                    Problem::Repeated => ("error-param-repeated", vec![]),
                };
                args.push(("name", name_value));
                lang.t_with(key, &args)
            }
            AppError::NotFound => lang.t("error-not-found"),
            AppError::SignInRequired(_) => lang.t("error-sign-in-required"),
            AppError::Forbidden => lang.t("error-forbidden"),
            AppError::Unauthorized => lang.t("error-unauthorized"),
            AppError::Conflict => lang.t("error-conflict"),
            AppError::TooManyAttempts => lang.t("error-too-many-attempts"),
            AppError::TooLarge => lang.t("error-too-large"),
            AppError::Internal(_) => lang.t("error-internal"),
        }
    }

    fn log(&self) {
        if let AppError::Internal(error) = self {
            tracing::error!(error = format!("{error:#}"), "request failed");
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    chrome: Chrome,
    message: String,
}

/// A page that only tells the reader what happened, titled by `title_key`.
pub fn message_page(lang: Lang, uri: &Uri, title_key: &str, message: String) -> Result<Html<String>, AppError> {
    render(&MessagePage { chrome: Chrome::new(lang, lang.t(title_key), uri), message })
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: Chrome,
    heading: String,
    message: String,
}

/// An error a handler returned, waiting in its response for `error_pages` to
/// render it in the reader's language.
#[derive(Clone)]
struct ErrorToRender(Arc<AppError>);

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        if let AppError::SignInRequired(back) = &self {
            let target = format!(
                "/account/signin?next={}",
                form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
            );
            return axum::response::Redirect::to(&target).into_response();
        }
        let status = self.status();
        // Plain English until the middleware, which knows the reader's language, renders the page.
        let mut response = (status, self.message(Lang::En)).into_response();
        response.extensions_mut().insert(ErrorToRender(Arc::new(self)));
        response
    }
}

/// Renders the errors of portal handlers as HTML pages in the language of the
/// request, so that handlers return plain `AppError`s.
pub async fn error_pages(request: Request, next: Next) -> Response {
    let lang = request_lang(request.uri(), request.headers());
    let mut response = next.run(request).await;
    match response.extensions_mut().remove::<ErrorToRender>() {
        Some(ErrorToRender(error)) => error_page(&error, lang),
        None => response,
    }
}

fn error_page(error: &AppError, lang: Lang) -> Response {
    let status = error.status();
    let heading = match status {
        StatusCode::BAD_REQUEST => lang.t("error-bad-request-title"),
        StatusCode::NOT_FOUND => lang.t("error-not-found-title"),
        StatusCode::FORBIDDEN => lang.t("error-forbidden-title"),
        StatusCode::TOO_MANY_REQUESTS => lang.t("error-too-many-attempts-title"),
        _ => lang.t("error-internal-title"),
    };
    let page = ErrorPage { chrome: Chrome::plain(lang, heading.clone()), message: error.message(lang), heading };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, error.message(lang)).into_response(),
    }
}

pub trait Found<T> {
    /// What a page looked up, or its "not found" page when there is nothing.
    fn found(self) -> Result<T, AppError>;
}

impl<T, E: Into<AppError>> Found<T> for Result<Option<T>, E> {
    fn found(self) -> Result<T, AppError> {
        self.map_err(Into::into)?.ok_or(AppError::NotFound)
    }
}

/// A page's HTML, or the error page if its template fails.
pub fn render(page: &impl Template) -> Result<Html<String>, AppError> {
    Ok(Html(page.render()?))
}

/// The `{slug}` of an address. Anything that cannot be a slug (not UTF-8,
/// upper case, too long) names nothing, so it is a "not found" page.
pub struct SlugPath(pub Slug);

impl<S: Send + Sync> FromRequestParts<S> for SlugPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<SlugPath, AppError> {
        let raw = axum::extract::Path::<String>::from_request_parts(parts, state).await;
        raw.ok().and_then(|axum::extract::Path(raw)| Slug::parse(&raw)).map(SlugPath).ok_or(AppError::NotFound)
    }
}

/// An error of the JSON API: `{"error": {"status", "message", "parameter"}}`.
pub struct ApiError(pub AppError);

/// The body of every API error.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    pub error: ApiErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ApiErrorDetail {
    /// The HTTP status, repeated.
    pub status: u16,
    /// What is wrong, in English.
    pub message: String,
    /// The parameter at fault, when one is.
    pub parameter: Option<String>,
}

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(error: E) -> Self {
        ApiError(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let parameter = match &self.0 {
            AppError::BadParameter { name, .. } => Some(name.clone()),
            _ => None,
        };
        let body = ApiErrorBody {
            error: ApiErrorDetail { status: self.0.status().as_u16(), message: self.0.message(Lang::En), parameter },
        };
        (self.0.status(), axum::Json(body)).into_response()
    }
}

/// The language of a request: `?lang=`, then the `lang` cookie, then
/// `Accept-Language`, then English.
impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Lang, AppError> {
        match lang_in_query(&parts.uri) {
            Some(Ok(lang)) => Ok(lang),
            Some(Err(value)) => Err(AppError::bad("lang", Problem::Unknown(value))),
            None => Ok(request_lang_from_headers(&parts.headers)),
        }
    }
}

/// The language a request is read in; an unknown `?lang=` falls back to the headers'.
fn request_lang(uri: &Uri, headers: &HeaderMap) -> Lang {
    match lang_in_query(uri) {
        Some(Ok(lang)) => lang,
        _ => request_lang_from_headers(headers),
    }
}

fn lang_in_query(uri: &Uri) -> Option<Result<Lang, String>> {
    let query = uri.query()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "lang")
        .map(|(_, value)| Lang::parse(&value).ok_or_else(|| truncate(&value, 40)))
}

fn request_lang_from_headers(headers: &HeaderMap) -> Lang {
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().strip_prefix("lang="))
        .find_map(Lang::parse);
    from_cookie
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::En)
}

/// Remembers a language chosen with `?lang=` in a cookie, so the next page
/// keeps it without the parameter.
pub async fn remember_lang(request: Request, next: Next) -> Response {
    let chosen = match lang_in_query(request.uri()) {
        Some(Ok(lang)) => Some(lang),
        _ => None,
    };
    let mut response = next.run(request).await;
    if let Some(lang) = chosen {
        let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", lang.code());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response.headers_mut().append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    response
}

/// A link of the language switcher.
pub struct LangLink {
    pub lang: Lang,
    pub href: String,
    pub current: bool,
}

/// What the layout needs on every page.
pub struct Chrome {
    pub lang: Lang,
    pub title: String,
    pub lang_links: Vec<LangLink>,
    pub viewer: Viewer,
    /// The page's own address, to come back to after signing in.
    pub here: String,
}

/// Who is reading, as the page header tells it: signed in or not, and how many requests wait for them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Viewer {
    pub signed_in: bool,
    pub pending_requests: i64,
}

tokio::task_local! {
    static VIEWER: Viewer;
}

/// Runs `work` (a request's handling) with `viewer` as the reader its pages are rendered for.
pub async fn with_viewer<F: std::future::Future>(viewer: Viewer, work: F) -> F::Output {
    VIEWER.scope(viewer, work).await
}

impl Chrome {
    /// The chrome of a page at `uri`; the language links keep the page's query.
    pub fn new(lang: Lang, title: String, uri: &Uri) -> Chrome {
        let pairs: Vec<(String, String)> = uri
            .query()
            .map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .filter(|(name, _)| name != "lang")
                    .map(|(n, v)| (n.into_owned(), v.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        let lang_links = Lang::ALL
            .iter()
            .map(|&link_lang| {
                let mut query = form_urlencoded::Serializer::new(String::new());
                query.extend_pairs(pairs.iter());
                query.append_pair("lang", link_lang.code());
                LangLink {
                    lang: link_lang,
                    href: format!("{}?{}", uri.path(), query.finish()),
                    current: link_lang == lang,
                }
            })
            .collect();
        let here = uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| "/".into());
        Chrome { lang, title, lang_links, viewer: VIEWER.try_with(|viewer| *viewer).unwrap_or_default(), here }
    }

    /// The sign-in page's address, coming back here afterwards.
    pub fn signin_href(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("next", &self.here);
        format!("/account/signin?{}", query.finish())
    }

    /// The chrome of a page that has no address worth keeping (an error page).
    pub fn plain(lang: Lang, title: String) -> Chrome {
        Chrome::new(lang, title, &Uri::from_static("/"))
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }
}

/// The decoded pairs of a query string, refusing what is not text.
pub fn query_pairs(uri: &Uri) -> Result<Vec<(String, String)>, AppError> {
    let Some(query) = uri.query() else {
        return Ok(Vec::new());
    };
    decoded_pairs(query.as_bytes())
}

/// The pairs of a query string or a posted form, each checked to be text: a name or value that was not UTF-8
/// (decoded with replacement characters) or holds a NUL character is a 400 naming the field.
pub fn decoded_pairs(encoded: &[u8]) -> Result<Vec<(String, String)>, AppError> {
    form_urlencoded::parse(encoded)
        .map(|(name, value)| {
            let problem = |text: &str| {
                if text.contains('\u{FFFD}') {
                    Some(Problem::InvalidUtf8)
                } else if text.contains('\0') {
                    Some(Problem::NulCharacter)
                } else {
                    None
                }
            };
            if let Some(problem) = problem(&name) {
                return Err(AppError::bad(&truncate(&name.replace('\0', ""), 40), problem));
            }
            if let Some(problem) = problem(&value) {
                return Err(AppError::bad(&name, problem));
            }
            Ok((name.into_owned(), value.into_owned()))
        })
        .collect()
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

/// The handler for addresses nothing else answers.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// The `{slug}` of an API address; anything that is not a slug (or not
/// UTF-8) names nothing: a JSON 404.
pub struct ApiSlug(pub Slug);

impl<S: Send + Sync> FromRequestParts<S> for ApiSlug {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiSlug, ApiError> {
        let raw = axum::extract::Path::<String>::from_request_parts(parts, state).await;
        raw.ok().and_then(|axum::extract::Path(raw)| Slug::parse(&raw)).map(ApiSlug).ok_or(ApiError(AppError::NotFound))
    }
}

/// The `{slug}` and the number after it (`{id}`, `{number}`) of an API address;
/// either malformed (a number out of range included) names nothing: a JSON 404.
pub struct ApiSlugNumber(pub Slug, pub i64);

impl<S: Send + Sync> FromRequestParts<S> for ApiSlugNumber {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiSlugNumber, ApiError> {
        let (slug, number) = path_pair(parts, state).await;
        let number = number.and_then(|number| number.parse().ok());
        slug.zip(number).map(|(slug, number)| ApiSlugNumber(slug, number)).ok_or(ApiError(AppError::NotFound))
    }
}

/// The `{id}` of an API address; anything that is not a number in range names nothing: a JSON 404.
pub struct ApiNumber(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for ApiNumber {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiNumber, ApiError> {
        let raw = axum::extract::Path::<String>::from_request_parts(parts, state).await;
        raw.ok()
            .and_then(|axum::extract::Path(raw)| raw.parse().ok())
            .map(ApiNumber)
            .ok_or(ApiError(AppError::NotFound))
    }
}

/// The two `{slug}`s of an API address (a network's and a member organisation's); either malformed names
/// nothing: a JSON 404.
pub struct ApiSlugPair(pub Slug, pub Slug);

impl<S: Send + Sync> FromRequestParts<S> for ApiSlugPair {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ApiSlugPair, ApiError> {
        let (first, second) = path_pair(parts, state).await;
        let second = second.as_deref().and_then(Slug::parse);
        first.zip(second).map(|(first, second)| ApiSlugPair(first, second)).ok_or(ApiError(AppError::NotFound))
    }
}

/// The two parameters of an address, the first as a slug; `None` for what is malformed.
async fn path_pair<S: Send + Sync>(parts: &mut Parts, state: &S) -> (Option<Slug>, Option<String>) {
    match axum::extract::Path::<(String, String)>::from_request_parts(parts, state).await {
        Ok(axum::extract::Path((first, second))) => (Slug::parse(&first), Some(second)),
        Err(_) => (None, None),
    }
}

/// The JSON body of an API write as it came, unchecked, so that handlers check rights before [`api_body`] reads
/// it.
pub struct ApiBody<T>(Result<serde_json::Value, JsonRejection>, PhantomData<fn() -> T>);

impl<S: Send + Sync, T> FromRequest<S> for ApiBody<T> {
    type Rejection = std::convert::Infallible;

    async fn from_request(request: Request, state: &S) -> Result<ApiBody<T>, Self::Rejection> {
        let body = Result::<axum::Json<serde_json::Value>, JsonRejection>::from_request(request, state).await?;
        Ok(ApiBody(body.map(|axum::Json(value)| value), PhantomData))
    }
}

/// An API write's body as the `T` it must be: a body that is not that JSON is a 400 naming `body`, a text holding
/// a NUL character a 400 naming its parameter.
pub fn api_body<T: serde::de::DeserializeOwned>(ApiBody(body, _): ApiBody<T>) -> Result<T, ApiError> {
    let unreadable = |text: String| ApiError(AppError::bad("body", Problem::Unknown(text.chars().take(120).collect())));
    let value = body.map_err(|rejection| unreadable(rejection.body_text()))?;
    if let serde_json::Value::Object(parameters) = &value
        && let Some((name, _)) = parameters.iter().find(|(name, value)| name.contains('\0') || holds_nul(value))
    {
        return Err(ApiError(AppError::bad(&name.replace('\0', ""), Problem::NulCharacter)));
    }
    serde_json::from_value(value).map_err(|error| unreadable(error.to_string()))
}

fn holds_nul(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::String(text) => text.contains('\0'),
        serde_json::Value::Array(items) => items.iter().any(holds_nul),
        serde_json::Value::Object(fields) => fields.iter().any(|(key, value)| key.contains('\0') || holds_nul(value)),
        _ => false,
    }
}

/// The proxies whose `X-Forwarded-For` is believed: addresses and ranges, as the operator lists them.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Arc<[ipnet::IpNet]>);

impl TrustedProxies {
    /// A comma-separated list of IP addresses and CIDR ranges (`10.0.0.1, 192.168.0.0/16, ::1`); empty: none.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        text.split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<ipnet::IpNet>()
                    .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| format!("“{item}” is neither an IP address nor a CIDR range"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|ranges| TrustedProxies(ranges.into()))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|range| range.contains(&ip))
    }

    /// The client of a request that came from `peer`: the peer itself, unless it is a trusted proxy; then the
    /// right-most address of `X-Forwarded-For` that is not itself trusted, since every address left of the
    /// nearest untrusted hop could have been written by the client. An entry that is not an address stops the
    /// walk at the proxy that passed it on.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect();
        for hop in forwarded.iter().rev() {
            match hop.trim().parse::<IpAddr>() {
                Ok(hop) => client = hop.to_canonical(),
                Err(_) => break,
            }
            if !self.trusts(client) {
                break;
            }
        }
        client
    }
}

/// The address a request came from, for rate limits, as [`TrustedProxies::client`] tells it; "unknown" when the
/// server runs without connection information (as in some tests).
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp
where
    TrustedProxies: FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ClientIp, Self::Rejection> {
        let ip = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| TrustedProxies::from_ref(state).client(info.0.ip(), &parts.headers).to_string())
            .unwrap_or_else(|| "unknown".into());
        Ok(ClientIp(ip))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_links_keep_the_query_and_replace_lang() {
        let uri: Uri = "/organizations?q=Buta&lang=en&country=AZ".parse().unwrap();
        let chrome = Chrome::new(Lang::Ru, "t".into(), &uri);
        assert_eq!(chrome.lang_links[1].href, "/organizations?q=Buta&country=AZ&lang=ru");
        assert!(chrome.lang_links[1].current);
    }

    #[test]
    fn query_pairs_refuse_invalid_utf8() {
        let uri: Uri = "/organizations?q=%FF%FE".parse().unwrap();
        let error = query_pairs(&uri).unwrap_err();
        assert!(matches!(error, AppError::BadParameter { ref name, problem: Problem::InvalidUtf8 } if name == "q"));
    }

    #[test]
    fn nul_characters_are_refused_naming_the_field() {
        let error = decoded_pairs(b"email=a%40b.az&password=x%00y").unwrap_err();
        assert!(
            matches!(error, AppError::BadParameter { ref name, problem: Problem::NulCharacter } if name == "password")
        );
        let nested = serde_json::json!({"version": 1, "names": {"en": "A\u{0}"}});
        let error = api_body::<serde_json::Value>(ApiBody(Ok(nested), PhantomData)).err().unwrap().0;
        assert!(
            matches!(error, AppError::BadParameter { ref name, problem: Problem::NulCharacter } if name == "names")
        );
    }

    #[test]
    fn only_trusted_proxies_say_who_the_client_is() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 192.0.2.7").unwrap();
        let forwarded = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
            headers
        };
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        let chain = forwarded("1.1.1.1, 203.0.113.9, 10.1.2.3");
        assert_eq!(proxies.client(ip("192.0.2.7"), &chain), ip("203.0.113.9"), "the right-most untrusted hop");
        assert_eq!(proxies.client(ip("198.51.100.1"), &chain), ip("198.51.100.1"), "an untrusted peer is the client");
        assert_eq!(proxies.client(ip("10.0.0.1"), &forwarded("junk, 10.9.9.9")), ip("10.9.9.9"));
        assert_eq!(proxies.client(ip("::ffff:10.0.0.1"), &forwarded("2001:db8::1")), ip("2001:db8::1"));
        assert_eq!(proxies.client(ip("10.0.0.1"), &HeaderMap::new()), ip("10.0.0.1"));
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err() && TrustedProxies::parse("proxy").is_err());
        assert!(TrustedProxies::parse("").unwrap().0.is_empty());
    }

    #[test]
    fn bad_parameter_messages_name_the_parameter_in_each_language() {
        let error = AppError::bad("page", Problem::OutOfRange { min: 1, max: 500 });
        for lang in Lang::ALL {
            let message = error.message(lang);
            assert!(message.contains("page") && message.contains("500"), "{lang:?}: {message}");
        }
    }
}
