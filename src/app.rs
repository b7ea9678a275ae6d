//! Putting the capabilities together: shared state, the router, start-up.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tower_http::compression::CompressionLayer;
use tower_http::csrf::CsrfLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use crate::consultative::rules::DeskRules;
use crate::directory::search::DirectorySearch;
use crate::newsletter::NewsletterSettings;
use crate::platform::auth::SessionPolicy;
use crate::platform::db::Db;
use crate::platform::mail::Mailer;
use crate::platform::migrate::{self, Migration};
use crate::platform::signing::Signer;
use crate::platform::web::remember_lang;
use crate::{accounts, consultative, directory, membership, networks, newsletter, portal, themes};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub search: Arc<DirectorySearch>,
    /// Where the portal is reached from outside, for links in mail, feeds and JSON-LD.
    pub public_url: String,
    pub mailer: Mailer,
    pub sessions: SessionPolicy,
    /// How long a coordinator's verification of an organisation holds.
    pub verification_days: i64,
    /// Signs the links in mail that work without an account (newsletter management).
    pub signer: Signer,
    pub newsletter: NewsletterSettings,
    /// The instance's data folder (scratch copies of uploaded imports while a request reads them).
    pub data_dir: PathBuf,
    /// The consultative-status rules the operator may set.
    pub desk_rules: DeskRules,
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Db {
        state.db.clone()
    }
}

impl FromRef<AppState> for SessionPolicy {
    fn from_ref(state: &AppState) -> SessionPolicy {
        state.sessions
    }
}

/// Every capability's migrations; each capability numbers its own in its range.
fn migrations() -> Vec<Migration> {
    [
        directory::schema::MIGRATIONS,
        crate::platform::auth::MIGRATIONS,
        crate::platform::signing::MIGRATIONS,
        accounts::roles::MIGRATIONS,
        membership::routes::MIGRATIONS,
        membership::editors::MIGRATIONS,
        membership::verification::MIGRATIONS,
        newsletter::schema::MIGRATIONS,
        consultative::schema::MIGRATIONS,
    ]
    .concat()
}

/// Opens the database and brings its schema up to date.
pub async fn open_database(database_url: Option<&str>, data_dir: &Path) -> anyhow::Result<Db> {
    let db = Db::connect(database_url, data_dir).await?;
    db.with_schema_lock(async || migrate::run(&db, &migrations()).await).await?;
    Ok(db)
}

/// Makes sure the data folder exists and can be written, before anything is
/// put in it, so the operator gets one clear message.
pub fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the data folder {}", dir.display()))?;
    let probe = dir.join(".irene-write-check");
    std::fs::write(&probe, b"ok").with_context(|| format!("the data folder {} is not writable", dir.display()))?;
    std::fs::remove_file(&probe).ok();
    Ok(())
}

pub struct ServeOptions {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub public_url: Option<String>,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub verification_days: i64,
    pub newsletter: NewsletterSettings,
    pub desk_rules: DeskRules,
    pub demo: bool,
}

pub async fn serve(options: ServeOptions) -> anyhow::Result<()> {
    prepare_data_dir(&options.data_dir)?;
    // Bind before the slower start-up work, so a taken address fails at once.
    let listener = tokio::net::TcpListener::bind(options.addr).await.map_err(|error| {
        if error.kind() == std::io::ErrorKind::AddrInUse {
            anyhow::anyhow!("the address {} is already in use; choose another with --addr", options.addr)
        } else {
            anyhow::anyhow!("cannot listen on {}: {error}", options.addr)
        }
    })?;
    let db = open_database(options.database_url.as_deref(), &options.data_dir).await?;
    if options.demo {
        if crate::demo::load(&db).await? {
            tracing::info!("demo data from the Baku 2004 report loaded");
        } else {
            tracing::info!("demo data already present");
        }
    }
    let adopted = consultative::dossier::adopt_stored_files(&db, &options.data_dir).await?;
    if adopted > 0 {
        tracing::info!(adopted, "dossier documents moved from the data folder into the database");
    }
    let search = DirectorySearch::open(&options.data_dir.join("search").join("directory"), db.clone()).await?;
    search.follow(Duration::from_millis(400));
    let public_url = options.public_url.unwrap_or_else(|| format!("http://{}", options.addr));
    let public_url = public_url.trim_end_matches('/').to_string();
    let mailer = Mailer::from_config(options.smtp_url.as_deref(), &options.mail_from, &options.data_dir.join("mail"))?;
    let sessions = SessionPolicy { secure: public_url.starts_with("https://"), ..SessionPolicy::default() };
    if let Some(secret) = crate::accounts::roles::issue_setup_token(&db).await? {
        tracing::warn!(
            "no administrator yet: open {public_url}/setup and enter the setup code {secret}, \
             or run `irene admin create`"
        );
    }
    let signer = Signer::load(&db, "links").await?;
    let state = AppState {
        db,
        search,
        public_url,
        mailer,
        sessions,
        verification_days: options.verification_days,
        signer,
        newsletter: options.newsletter,
        desk_rules: options.desk_rules,
        data_dir: options.data_dir.clone(),
    };
    membership::verification::remind_periodically(state.clone());
    newsletter::delivery::start(state.clone());
    consultative::status::remind_periodically(state.clone());
    tracing::info!(addr = %options.addr, "IRENE is serving");
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}

const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub fn router(state: AppState) -> Router {
    let accounts = Router::new()
        .route("/signup", get(accounts::routes::signup_form).post(accounts::routes::signup))
        .route("/confirm", get(accounts::routes::confirm))
        .route("/signin", get(accounts::routes::signin_form).post(accounts::routes::signin))
        .route("/signout", post(accounts::routes::signout))
        .route("/reset", get(accounts::routes::reset_form).post(accounts::routes::reset_request))
        .route("/reset/new", get(accounts::routes::reset_new_form).post(accounts::routes::reset_new))
        .route("/", get(accounts::routes::account))
        .route("/password", post(accounts::routes::change_password))
        .route("/email", post(accounts::routes::change_email))
        .route("/email/confirm", get(accounts::routes::confirm_email_change))
        .route("/sessions/end", post(accounts::routes::end_session))
        .route("/export.json", get(accounts::routes::export))
        .route("/delete", post(accounts::routes::delete_account))
        .route("/tokens", post(accounts::routes::create_token))
        .route("/tokens/{id}/revoke", post(accounts::routes::revoke_token));
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
        .route("/requests/{id}/{decision}", post(membership::routes::decide))
        .route("/organizations/{slug}/history", get(directory::edit::history))
        .route("/organizations/{slug}/people", get(directory::people::people).post(directory::people::add))
        .route("/organizations/{slug}/people/{id}/{action}", post(directory::people::update))
        .route("/organizations/{slug}/people/{id}/vcard", get(directory::api::person_vcard))
        .route("/organizations/{slug}/history/{entry}/restore", post(directory::edit::restore))
        .route("/organizations/{slug}/ecosoc", get(consultative::desk::desk))
        .route(
            "/organizations/{slug}/ecosoc/eligibility",
            get(consultative::eligibility::eligibility_form).post(consultative::eligibility::save_eligibility),
        )
        .route(
            "/organizations/{slug}/ecosoc/dossier",
            get(consultative::dossier::dossier).post(consultative::dossier::save),
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
        .route("/organizations/{slug}/ecosoc/steps", post(consultative::tracking::record_step))
        .route("/organizations/{slug}/ecosoc/last-report", post(consultative::status::record_last_report))
        .route("/organizations/{slug}/ecosoc/questions/{id}", post(consultative::tracking::answer_question))
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
        .route("/healthz", get(healthz))
        .route("/setup", get(accounts::routes::setup_form).post(accounts::routes::setup))
        .nest("/account", accounts)
        .route("/static/irene.css", get(stylesheet))
        .merge(crate::api::router())
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
        .merge(uploads)
        .fallback(crate::platform::web::not_found)
        .with_state(state)
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

async fn healthz(State(state): State<AppState>) -> Response {
    let database = sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&state.db.pool).await.is_ok();
    let ready = database && state.search.is_ready();
    let body = axum::Json(serde_json::json!({
        "status": if ready { "ok" } else { "unavailable" },
        "database": database,
        "search_documents": state.search.document_count(),
        "search_position": state.search.position(),
    }));
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, body).into_response()
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        include_str!("../static/irene.css"),
    )
        .into_response()
}
