//! The one place that names handlers: every address of the portal and of the
//! open-data API, with the layers they share.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::platform::i18n::Lang;
use crate::platform::web::{ApiError, AppError, error_pages, remember_lang};
use crate::state::AppState;
use crate::{
    accounts, consultative, directory, discussion, events, library, membership, networks, news, newsletter, plans,
    portal, themes,
};

// Scripts only from the portal's own files (none inline): pages work without them.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub fn router(state: AppState) -> Router {
    let accounts = Router::new()
        .route("/signup", get(accounts::signup::signup_form).post(accounts::signup::signup))
        .route("/confirm", get(accounts::signup::confirm))
        .route("/signin", get(accounts::signin::signin_form).post(accounts::signin::signin))
        .route("/signout", post(accounts::signin::signout))
        .route("/reset", get(accounts::reset::reset_form).post(accounts::reset::reset_request))
        .route("/reset/new", get(accounts::reset::reset_new_form).post(accounts::reset::reset_new))
        .route("/", get(accounts::account::account))
        .route("/password", post(accounts::account::change_password))
        .route("/language", post(accounts::account::change_language))
        .route("/email", post(accounts::account::change_email))
        .route("/email/confirm", get(accounts::account::confirm_email_change))
        .route("/sessions/end", post(accounts::account::end_session))
        .route("/export.json", get(accounts::account::export))
        .route("/delete", post(accounts::account::delete_account))
        .route("/tokens", post(accounts::account::create_token))
        .route("/tokens/{id}/revoke", post(accounts::account::revoke_token));
    // Documents are far larger than forms: their route has a limit of its own, with room for the multipart framing.
    let uploads = Router::new()
        .route("/organizations/{slug}/ecosoc/documents", post(consultative::dossier::upload))
        .route("/ecosoc/import", post(consultative::import::import))
        .layer(DefaultBodyLimit::max(consultative::dossier::MAX_DOCUMENT_BYTES + 64 * 1024))
        .layer(RequestBodyLimitLayer::new(consultative::dossier::MAX_DOCUMENT_BYTES + 64 * 1024));
    let csrf = CsrfLayer::new().add_trusted_origin(&state.public_url).unwrap_or_else(|_| CsrfLayer::new());
    Router::new()
        .route("/", get(portal::routes::home))
        .route("/organizations", get(directory::routes::search_page))
        .route("/organizations/{slug}", get(directory::routes::profile_page))
        .route("/organizations/export.csv", get(directory::api::export))
        .route("/organizations/export.json", get(directory::api::export))
        .route("/organizations/export.xlsx", get(directory::api::export))
        .route("/organizations/{slug}/vcard", get(directory::api::vcard))
        .route("/organizations/{slug}/edit", get(directory::edit::edit_form).post(directory::edit::edit))
        .route("/organizations/new", get(membership::routes::register_form).post(membership::routes::register))
        .route("/organizations/{slug}/join", get(membership::routes::join_form).post(membership::routes::join))
        .route("/organizations/{slug}/claim", get(membership::routes::claim_form).post(membership::routes::claim))
        .route("/organizations/{slug}/editors", get(membership::editors::editors).post(membership::editors::invite))
        .route("/invitations/accept", get(membership::editors::accept))
        .route("/organizations/{slug}/verify", post(membership::verification::verify))
        .route("/requests", get(membership::routes::queue))
        .route("/admin/accounts", get(accounts::admin::accounts))
        .route("/admin/accounts/{id}/{action}", post(accounts::admin::set_disabled))
        .route("/requests/{id}/{decision}", post(membership::routes::decide))
        .route("/organizations/{slug}/history", get(directory::edit::history))
        .route("/organizations/{slug}/people", get(directory::people::people).post(directory::people::add))
        .route("/organizations/{slug}/people/{id}/{action}", post(directory::people::update))
        .route("/organizations/{slug}/people/{id}/vcard", get(directory::api::person_vcard))
        .route("/organizations/{slug}/history/{entry}/restore", post(directory::edit::restore))
        .route("/organizations/{slug}/merge", get(directory::merge::merge_form).post(directory::merge::merge_confirm))
        .route("/organizations/{slug}/ecosoc", get(consultative::desk::desk))
        .route(
            "/organizations/{slug}/ecosoc/eligibility",
            get(consultative::eligibility::eligibility_form).post(consultative::eligibility::save_eligibility),
        )
        .route("/organizations/{slug}/ecosoc/dossier/print", get(consultative::dossier::print))
        .route("/organizations/{slug}/ecosoc/documents/{id}", get(consultative::dossier::download))
        .route("/organizations/{slug}/ecosoc/documents/{id}/delete", post(consultative::dossier::delete))
        .route(
            "/organizations/{slug}/ecosoc/representatives",
            get(consultative::representatives::representatives).post(consultative::representatives::designate),
        )
        .route(
            "/organizations/{slug}/ecosoc/representatives/{id}/{action}",
            post(consultative::representatives::update),
        )
        .route("/organizations/{slug}/ecosoc/steps", post(consultative::recording::record_step))
        .route("/organizations/{slug}/ecosoc/last-report", post(consultative::recording::record_last_report))
        .route("/organizations/{slug}/ecosoc/questions/{id}", post(consultative::recording::answer_question))
        .route("/networks/{slug}/ecosoc", get(consultative::board::board))
        .route("/ecosoc", get(consultative::board::index))
        .route("/ecosoc/calendar", get(consultative::board::calendar_page))
        .route("/ecosoc/import", get(consultative::import::import_form))
        .route("/ecosoc/import/{batch}", get(consultative::import::review).post(consultative::import::apply))
        .route("/networks", get(networks::routes::networks_page))
        .route("/networks/{slug}", get(networks::routes::network_page))
        .route("/networks/{slug}/edit", get(networks::edit::edit_network_form).post(networks::edit::edit_network))
        .route(
            "/networks/{slug}/focal-points/{number}/edit",
            get(networks::edit::edit_focal_point_form).post(networks::edit::edit_focal_point),
        )
        .route("/networks/new", get(networks::launch::launch_form).post(networks::launch::launch))
        .route("/networks/{slug}/state/{action}", post(networks::launch::change_state))
        .route(
            "/networks/{slug}/focal-points/new",
            get(networks::edit::new_focal_point_form).post(networks::edit::new_focal_point),
        )
        .route("/networks/{slug}/focal-points/{number}/{action}", post(networks::edit::focal_point_action))
        .route(
            "/networks/{slug}/members/{organization}/{action}",
            get(membership::departures::departure_form).post(membership::departures::depart),
        )
        .route("/themes", get(themes::routes::themes_page))
        .route("/themes/{slug}", get(themes::routes::theme_page))
        .route("/themes/{slug}/edit", get(themes::edit::edit_form).post(themes::edit::edit))
        .route("/themes/{slug}/history", get(themes::edit::history))
        .route("/networks/{slug}/history", get(networks::edit::history))
        .route("/networks/{slug}/history/{entry}/restore", post(networks::edit::restore))
        .route(
            "/networks/{slug}/newsletter",
            get(newsletter::subscriptions::page).post(newsletter::subscriptions::subscribe),
        )
        .route("/organizations/{slug}/newsletter", get(newsletter::subscriptions::organization_page))
        .route("/networks/{slug}/newsletter/feed.atom", get(newsletter::archive::feed))
        .route("/networks/{slug}/newsletter/issues/{id}", get(newsletter::archive::issue_page))
        .route("/networks/{slug}/newsletter/campaigns", get(newsletter::campaigns::list))
        .route("/networks/{slug}/newsletter/settings", post(newsletter::campaigns::settings))
        .route("/networks/{slug}/newsletter/held", post(newsletter::campaigns::release))
        .route("/networks/{slug}/newsletter/campaigns/{id}", get(newsletter::campaigns::show))
        .route("/networks/{slug}/newsletter/campaigns/{id}/preview/{lang}", get(newsletter::campaigns::preview))
        .route("/networks/{slug}/newsletter/campaigns/{id}/test", post(newsletter::campaigns::test_send))
        .route("/networks/{slug}/newsletter/campaigns/{id}/{action}", post(newsletter::campaigns::act))
        .route(
            "/newsletter/confirm",
            get(newsletter::subscriptions::confirm_form).post(newsletter::subscriptions::confirm),
        )
        .route(
            "/newsletter/unsubscribe/{token}",
            get(newsletter::subscriptions::unsubscribe_form).post(newsletter::subscriptions::unsubscribe),
        )
        .route(
            "/newsletter/manage/{token}",
            get(newsletter::subscriptions::manage_form).post(newsletter::subscriptions::manage),
        )
        // Events: their pages, programme, registration and feeds; the coordinators' forms.
        .route("/events/{slug}", get(events::pages::show))
        .route("/events/{slug}/programme", get(events::pages::programme))
        .route("/events/{slug}/participants", get(events::pages::participants))
        .route("/events/{slug}/register", post(events::pages::register))
        .route("/events/{slug}/event.ics", get(events::pages::event_ics))
        .route("/events/{slug}/edit", get(events::pages::edit_form).post(events::pages::edit))
        .route("/events/cancel/{token}", get(events::pages::cancel_form).post(events::pages::cancel))
        .route("/events/{slug}/registrations", get(events::pages::registrations))
        .route("/events/{slug}/registrations.csv", get(events::pages::registrations_csv))
        .route("/events/{slug}/registrations.xlsx", get(events::pages::registrations_xlsx))
        .route("/events/{slug}/registrations/{id}/check-in", post(events::pages::check_in))
        .route("/events/{slug}/badges", get(events::pages::badges))
        .route("/events/{slug}/certificates", get(events::pages::certificates))
        .route("/events/{slug}/programme/edit", get(events::pages::programme_edit))
        .route("/events/{slug}/sessions", post(events::pages::add_session))
        .route(
            "/events/{slug}/sessions/{id}/edit",
            get(events::pages::session_edit_form).post(events::pages::edit_session),
        )
        .route("/events/{slug}/sessions/{id}/delete", post(events::pages::delete_session))
        .route("/events/{slug}/call", get(events::call::show).post(events::call::save))
        .route("/events/{slug}/proposals", get(events::call::review).post(events::call::propose))
        .route("/events/{slug}/proposals/{id}/accept", post(events::call::accept))
        .route("/events/{slug}/proposals/{id}/decline", post(events::call::decline))
        .route("/events/{slug}/history", get(events::call::history))
        .route("/events/{slug}/questions", get(events::questions::list).post(events::questions::add))
        .route("/events/{slug}/questions/{id}/delete", post(events::questions::delete))
        .route("/events/{slug}/persons-met", get(events::persons_met::list).post(events::persons_met::add))
        .route("/events/{slug}/persons-met/{id}/delete", post(events::persons_met::delete))
        .route("/events/{slug}/outputs", get(events::outputs::list).post(events::outputs::add))
        .route("/events/{slug}/outputs/{id}/delete", post(events::outputs::delete))
        .route("/networks/{slug}/events", get(events::pages::network_events))
        .route("/networks/{slug}/events.ics", get(events::pages::network_feed))
        .route("/networks/{slug}/events/new", get(events::pages::new_form).post(events::pages::create))
        .route("/themes/{slug}/events", get(events::pages::theme_events))
        .route("/themes/{slug}/events.ics", get(events::pages::theme_feed))
        .route("/healthz", get(portal::health::healthz))
        .route("/setup", get(accounts::setup::setup_form).post(accounts::setup::setup))
        .nest("/account", accounts)
        .route("/static/irene.css", get(portal::health::stylesheet))
        .route("/static/word-counter.js", get(portal::health::word_counter))
        .merge(plans_router())
        .merge(api_router())
        // Every form and API call above gets 64 KiB; the routes merged below set their own limits.
        .layer(RequestBodyLimitLayer::new(64 * 1024))
        // Imports have a limit of their own, checked by their handler so that it can say so.
        .merge(
            Router::new()
                .route(
                    "/organizations/import",
                    get(directory::upload::import_form).post(directory::upload::import_check),
                )
                .route("/organizations/import/{id}", post(directory::upload::import_confirm))
                .layer(axum::extract::DefaultBodyLimit::max(directory::upload::UPLOAD_LIMIT)),
        )
        // A logo is an image: up to a megabyte is read, so that a larger one than a logo may be is told why.
        .merge(
            Router::new()
                .route("/organizations/{slug}/logo", get(directory::logo::logo).post(directory::logo::upload))
                .layer(DefaultBodyLimit::max(directory::logo::UPLOAD_LIMIT)),
        )
        // A campaign holds a text per language, and Cyrillic takes six bytes a letter once a form encodes it.
        .merge(
            Router::new()
                .route(
                    "/networks/{slug}/newsletter/campaigns/new",
                    get(newsletter::campaigns::new_form).post(newsletter::campaigns::create),
                )
                .route(
                    "/networks/{slug}/newsletter/campaigns/{id}/edit",
                    get(newsletter::campaigns::edit_form).post(newsletter::campaigns::edit),
                )
                .layer(RequestBodyLimitLayer::new(newsletter::campaigns::FORM_LIMIT)),
        )
        // The questionnaire is saved whole: every part at its longest, in any script.
        .merge(
            Router::new()
                .route(
                    "/organizations/{slug}/ecosoc/dossier",
                    get(consultative::dossier::dossier).post(consultative::dossier::save),
                )
                .layer(RequestBodyLimitLayer::new(consultative::dossier::FORM_LIMIT)),
        )
        .merge(uploads)
        .merge(library_routes())
        // An activity's update carries files: a limit of its own.
        .merge(
            Router::new()
                .route("/networks/{slug}/plans/{id}/activities/{activity}/updates", post(plans::pages::update_activity))
                .layer(DefaultBodyLimit::max(plans::pages::UPDATE_LIMIT))
                .layer(RequestBodyLimitLayer::new(plans::pages::UPDATE_LIMIT)),
        )
        .merge(event_document_routes())
        .merge(news_routes())
        .merge(discussion_routes())
        .fallback(crate::platform::web::not_found)
        .with_state(state.clone())
        .layer(axum::middleware::from_fn(error_pages))
        .layer(axum::middleware::from_fn_with_state(state.clone(), directory::kept_pages::forget_after_writes))
        .layer(axum::middleware::from_fn_with_state(state, membership::routes::header_notices))
        .layer(axum::middleware::from_fn(remember_lang))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(csrf)
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// The documents of events' sessions, with a limit of their own.
fn event_document_routes() -> Router<AppState> {
    let upload = Router::new()
        .route("/events/{slug}/sessions/{id}/documents", post(events::documents::upload))
        .layer(DefaultBodyLimit::max(events::documents::MAX_DOCUMENT_BYTES + 64 * 1024))
        .layer(RequestBodyLimitLayer::new(events::documents::MAX_DOCUMENT_BYTES + 64 * 1024));
    Router::new()
        .route("/events/{slug}/documents/{id}", get(events::documents::download))
        .route("/events/{slug}/documents/{id}/delete", post(events::documents::delete))
        .layer(RequestBodyLimitLayer::new(64 * 1024))
        .merge(upload)
}

/// The knowledge library: its search, items, their forms (a text per language) and files (a limit of their own).
fn library_routes() -> Router<AppState> {
    let files = Router::new()
        .route("/library/{id}/files", post(library::pages::upload))
        .layer(DefaultBodyLimit::max(library::pages::MAX_FILE_BYTES + 64 * 1024))
        .layer(RequestBodyLimitLayer::new(library::pages::MAX_FILE_BYTES + 64 * 1024));
    Router::new()
        .route("/library", get(library::pages::search_page))
        .route("/library/new", get(library::pages::new_form).post(library::pages::create))
        .route("/library/{id}", get(library::pages::item_page))
        .route("/library/{id}/edit", get(library::pages::edit_form).post(library::pages::edit))
        .route("/library/{id}/delete", post(library::pages::delete))
        .route("/library/{id}/files/{file}", get(library::pages::download))
        .route("/library/{id}/files/{file}/delete", post(library::pages::delete_file))
        .layer(RequestBodyLimitLayer::new(library::pages::FORM_LIMIT))
        .merge(files)
}

/// News and calls: every network's, one network's with its feed, and the form (a text per language).
fn news_routes() -> Router<AppState> {
    Router::new()
        .route("/news", get(news::pages::all))
        .route("/news/new", get(news::pages::new_form).post(news::pages::create))
        .route("/news/{id}", get(news::pages::show))
        .route("/news/{id}/delete", post(news::pages::delete))
        .route("/networks/{slug}/news", get(news::pages::network))
        .route("/networks/{slug}/news/feed.atom", get(news::pages::feed))
        .layer(RequestBodyLimitLayer::new(library::pages::FORM_LIMIT))
}

/// Each network's discussion groups: threads, replies and their moderation.
fn discussion_routes() -> Router<AppState> {
    Router::new()
        .route("/networks/{slug}/discussion", get(discussion::pages::network).post(discussion::pages::create_thread))
        .route("/networks/{slug}/discussion/mail", post(discussion::pages::choose_mail))
        .route("/networks/{slug}/discussion/{thread}", get(discussion::pages::show))
        .route("/networks/{slug}/discussion/{thread}/reply", post(discussion::pages::reply))
        .route("/networks/{slug}/discussion/{thread}/{action}", post(discussion::pages::moderate_thread))
        .route("/networks/{slug}/discussion/{thread}/posts/{post}/{action}", post(discussion::pages::moderate_post))
        .layer(RequestBodyLimitLayer::new(library::pages::FORM_LIMIT))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "IRENE open data",
        description = "Everything public on the portal of the UN-NGO-IRENE networks: organisations, networks, \
                       focal points, themes, sent newsletter issues and the ECOSOC calendar. Reading needs no key.",
        version = "1"
    ),
    servers((url = "/api/v1")),
    modifiers(&BearerToken),
    tags(
        (name = "directory", description = "Organisations and the directory search"),
        (name = "networks", description = "Networks, their coordinators, focal points and members"),
        (name = "themes", description = "Themes and the goals they map to"),
        (name = "newsletter", description = "Each network's sent newsletter issues"),
        (name = "ecosoc", description = "The calendar of the Committee on NGOs and ECOSOC"),
        (name = "plans", description = "Networks' strategic action plans and the commitments partners made"),
        (name = "events", description = "Events of the networks and themes, their programme and registration counts"),
        (name = "library", description = "The knowledge library: best practices, reports, training material, documents"),
        (name = "news", description = "News, calls for proposals and deadlines of the networks"),
        (name = "discussion", description = "The visible threads and posts of each network's discussion groups"),
        (name = "accounts", description = "Accounts, for administrators"),
    )
)]
struct ApiDoc;

/// Writes take the API token of an account: `Authorization: Bearer irene_…`.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The largest API answer an ETag is computed for; larger ones go without.
const ETAG_LIMIT: usize = 16 * 1024 * 1024;

/// Answers `If-None-Match` with 304 when the answer has not changed, so
/// clients on slow connections do not fetch it again.
async fn etag(request: Request, next: Next) -> Response {
    let cacheable = request.method() == Method::GET;
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if !cacheable || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ETAG_LIMIT).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "answer too large").into_response();
    };
    let tag = format!("\"{}\"", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&Sha256::digest(&bytes)[..16]));
    let matches = if_none_match
        .and_then(|value| value.to_str().ok().map(str::to_string))
        .is_some_and(|value| value.split(',').any(|candidate| candidate.trim() == tag || candidate.trim() == "*"));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The `/api` part of the router: `/api/v1/…`, `/api/openapi.json` and the
/// reference at `/api/docs`.
fn api_router() -> Router<AppState> {
    let (v1, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(directory::api::search))
        .routes(routes!(directory::api::organization, directory::api::update_organization))
        .routes(routes!(directory::people_api::add_person))
        .routes(routes!(directory::people_api::update_person, directory::people_api::remove_person))
        .routes(routes!(directory::api::merge_organization))
        .routes(routes!(networks::api::networks, networks::api::launch_network))
        .routes(routes!(networks::api::network, networks::api::update_network))
        .routes(routes!(networks::api::retire_network))
        .routes(routes!(networks::api::reinstate_network))
        .routes(routes!(networks::api::add_focal_point))
        .routes(routes!(networks::api::update_focal_point, networks::api::retire_focal_point))
        .routes(routes!(networks::api::move_focal_point))
        .routes(routes!(membership::api::remove_member))
        .routes(routes!(membership::api::leave_network))
        .routes(routes!(accounts::api::disable_account))
        .routes(routes!(accounts::api::enable_account))
        .routes(routes!(themes::api::themes))
        .routes(routes!(themes::api::theme))
        .routes(routes!(newsletter::api::issues))
        .routes(routes!(consultative::api::calendar_days))
        .routes(routes!(plans::api::plans, plans::api::create_plan))
        .routes(routes!(plans::api::plan))
        .routes(routes!(plans::api::update_activity))
        .routes(routes!(plans::api::add_objective))
        .routes(routes!(plans::api::add_indicator))
        .routes(routes!(plans::api::delete_objective, plans::api::edit_objective))
        .routes(routes!(plans::api::add_activity))
        .routes(routes!(plans::api::edit_activity, plans::api::delete_activity))
        .routes(routes!(plans::api::edit_indicator))
        .routes(routes!(plans::api::commitments, plans::api::create_commitment))
        .routes(routes!(plans::api::change_commitment))
        .routes(routes!(plans::api::add_follow_up))
        .routes(routes!(plans::proposals_api::proposals, plans::proposals_api::create_proposal))
        .routes(routes!(plans::proposals_api::proposal, plans::proposals_api::edit_proposal))
        .routes(routes!(plans::proposals_api::confirm_proposal))
        .routes(routes!(plans::proposals_api::move_proposal))
        .routes(routes!(events::api::network_events))
        .routes(routes!(events::api::theme_events))
        .routes(routes!(events::api::event))
        .routes(routes!(library::api::search, library::api::create))
        .routes(routes!(library::api::item, library::api::update, library::api::delete))
        .routes(routes!(news::api::news, news::api::create))
        .routes(routes!(news::api::delete))
        .routes(routes!(discussion::api::threads, discussion::api::create_thread))
        .routes(routes!(discussion::api::posts, discussion::api::reply, discussion::api::change_thread))
        .routes(routes!(discussion::api::moderate_post))
        .split_for_parts();
    // Reading is open to every site; writing (with a token) is left to same-site and non-browser clients.
    let cors = CorsLayer::new().allow_origin(Any).allow_methods([Method::GET, Method::HEAD, Method::OPTIONS]);
    let v1 = v1.fallback(|| async { ApiError(AppError::NotFound) }).layer(axum::middleware::from_fn(etag)).layer(cors);
    // The reference is a page of the portal, written from the same document the API is described by.
    let spec = Arc::new(serde_json::to_value(&openapi).unwrap_or_default());
    let reference_page = Router::new().route(
        "/api/docs",
        get(move |State(state): State<AppState>, lang: Lang, uri: Uri| {
            let spec = spec.clone();
            async move { portal::api_reference::page(spec, &state.public_url, lang, uri).await }
        }),
    );
    // The interactive reference is the one page that runs a script (Swagger UI, served from the binary).
    let reference = Router::from(SwaggerUi::new("/api/docs/interactive").url("/api/openapi.json", openapi)).layer(
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"),
        ),
    );
    Router::new().nest("/api/v1", v1).merge(reference_page).merge(reference)
}

/// The networks' strategic action plans and partners' commitments.
fn plans_router() -> Router<AppState> {
    use plans::{commitments, edits, exports, pages, proposal_pages};
    let plan = "/networks/{slug}/plans/{id}";
    let activity = "/networks/{slug}/plans/{id}/activities/{activity}";
    let proposal = "/networks/{slug}/plans/{id}/proposals/{proposal}";
    let objective = "/networks/{slug}/plans/{id}/objectives/{objective}";
    let indicator = "/networks/{slug}/plans/{id}/activities/{activity}/indicators/{indicator}";
    let editable = [plan, objective, activity, indicator].into_iter().fold(Router::new(), |router, part| {
        router
            .route(&format!("{part}/edit"), get(edits::edit_form).post(edits::edit))
            .route(&format!("{part}/delete"), get(edits::confirm_delete).post(edits::delete))
    });
    editable
        .route("/networks/{slug}/plans", get(pages::index).post(pages::create))
        .route(plan, get(pages::show))
        .route(&format!("{plan}/objectives"), post(pages::add_objective))
        .route(&format!("{plan}/activities"), post(pages::add_activity))
        .route(&format!("{plan}/settings"), post(pages::settings))
        .route(&format!("{plan}/dashboard"), get(pages::dashboard))
        .route(&format!("{plan}/history"), get(edits::history))
        .route(&format!("{plan}/print"), get(exports::print))
        .route(&format!("{plan}/plan.csv"), get(exports::export))
        .route(&format!("{plan}/plan.xlsx"), get(exports::export))
        .route(&format!("{plan}/iati.xml"), get(exports::export))
        .route(activity, get(pages::activity))
        .route(&format!("{activity}/files/{{file}}"), get(pages::update_file))
        .route(&format!("{activity}/indicators"), post(pages::add_indicator))
        .route("/networks/{slug}/proposals", get(proposal_pages::network_list))
        .route(&format!("{plan}/proposals"), get(proposal_pages::plan_list).post(proposal_pages::create))
        .route(&format!("{plan}/proposals/new"), get(proposal_pages::new_form))
        .route(proposal, get(proposal_pages::show))
        .route(&format!("{proposal}/edit"), get(proposal_pages::edit_form).post(proposal_pages::edit))
        .route(&format!("{proposal}/confirm"), post(proposal_pages::confirm))
        .route(&format!("{proposal}/status"), post(proposal_pages::change_status))
        .route(&format!("{proposal}/versions"), get(proposal_pages::versions))
        .route("/networks/{slug}/commitments", get(commitments::list).post(commitments::create))
        .route("/networks/{slug}/commitments/{id}/status", post(commitments::change_status))
        .route("/networks/{slug}/commitments/{id}/follow-ups", post(commitments::follow_up))
}
