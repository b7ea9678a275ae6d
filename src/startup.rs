//! Starting IRENE: the data folder, the database and its migrations, the
//! search index, the background workers, and serving the router.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;

use crate::consultative::rules::DeskRules;
use crate::directory::DirectorySearch;
use crate::newsletter::NewsletterSettings;
use crate::platform::auth::SessionPolicy;
use crate::platform::db::Db;
use crate::platform::mail::Mailer;
use crate::platform::migrate::{self, Migration};
use crate::platform::signing::Signer;
use crate::platform::web::TrustedProxies;
use crate::state::AppState;
use crate::{accounts, consultative, directory, events, membership, networks, newsletter, plans};

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
        networks::schema::MIGRATIONS,
        plans::schema::MIGRATIONS,
        events::schema::MIGRATIONS,
        crate::library::schema::MIGRATIONS,
        crate::news::MIGRATIONS,
        crate::discussion::MIGRATIONS,
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
    pub mail_from: Option<String>,
    /// Where replies to discussion mail are received over SMTP, if anywhere.
    pub inbound_smtp_addr: Option<SocketAddr>,
    /// The domain of reply addresses; the sender's domain when not given.
    pub reply_domain: Option<String>,
    pub verification_days: i64,
    pub newsletter: NewsletterSettings,
    pub desk_rules: DeskRules,
    pub trusted_proxies: TrustedProxies,
    /// Where uploaded files are kept.
    pub files: crate::platform::objects::FileStore,
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
    let mail_from = options.mail_from.unwrap_or_else(|| crate::platform::mail::default_sender(&public_url));
    let mailer = Mailer::from_config(options.smtp_url.as_deref(), &mail_from, &options.data_dir.join("mail"))?;
    let sessions = SessionPolicy { secure: public_url.starts_with("https://"), ..SessionPolicy::default() };
    if let Some(secret) = crate::accounts::roles::issue_setup_token(&db).await? {
        tracing::warn!(
            "no administrator yet: open {public_url}/setup and enter the setup code {secret}, \
             or run `irene admin create`"
        );
    }
    let signer = Signer::load(&db, "links").await?;
    let reply_domain = options.reply_domain.unwrap_or_else(|| domain_of(&mail_from));
    let replies = crate::discussion::replies::ReplyAddresses {
        signer: crate::discussion::replies::signer(&db).await?,
        domain: reply_domain.clone(),
    };
    if let Some(addr) = options.inbound_smtp_addr {
        let listener =
            tokio::net::TcpListener::bind(addr).await.with_context(|| format!("cannot receive mail on {addr}"))?;
        let inbox = crate::discussion::replies::Inbox { db: db.clone(), signer: replies.signer.clone() };
        crate::platform::smtp_server::start(listener, reply_domain.clone(), inbox);
        tracing::info!(%addr, "receiving replies by mail");
    }
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
        trusted_proxies: options.trusted_proxies,
        files: options.files,
    };
    membership::verification::remind_periodically(membership::verification::Reminders {
        db: state.db.clone(),
        mailer: state.mailer.clone(),
        public_url: state.public_url.clone(),
        verification_days: state.verification_days,
    });
    newsletter::delivery::start(newsletter::delivery::Senders {
        db: state.db.clone(),
        mailer: state.mailer.clone(),
        links: newsletter::Links::new(&state.public_url, state.signer.clone()),
        settings: state.newsletter.clone(),
    });
    consultative::status::remind_periodically(consultative::status::Reminders {
        db: state.db.clone(),
        mailer: state.mailer.clone(),
        public_url: state.public_url.clone(),
        rules: state.desk_rules.clone(),
    });
    plans::commitments::remind_periodically(plans::commitments::Reminders {
        db: state.db.clone(),
        mailer: state.mailer.clone(),
        public_url: state.public_url.clone(),
    });
    events::outbox::start(events::outbox::Confirmations {
        db: state.db.clone(),
        mailer: state.mailer.clone(),
        public_url: state.public_url.clone(),
        signer: state.signer.clone(),
    });
    crate::discussion::notify::start(crate::discussion::notify::Notifier {
        db: state.db.clone(),
        mailer: state.mailer.clone(),
        public_url: state.public_url.clone(),
        replies,
        digest_after: Duration::from_secs(24 * 3600),
    });
    tracing::info!(addr = %options.addr, "IRENE is serving");
    let app = crate::router::router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

/// The domain of a sender such as `IRENE <noreply@irene.example>`.
fn domain_of(mail_from: &str) -> String {
    let address = mail_from.rsplit_once('<').map_or(mail_from, |(_, rest)| rest.trim_end_matches('>'));
    address.rsplit_once('@').map_or("localhost", |(_, domain)| domain.trim()).to_string()
}

/// Reads one message (RFC 5322) from standard input, as a relay's pipe hands it over, and posts it as the reply
/// it answers; a refusal is an error, so the relay bounces the message.
pub async fn receive_mail(
    database_url: Option<&str>,
    data_dir: &Path,
    recipient: Option<String>,
) -> anyhow::Result<()> {
    use tokio::io::AsyncReadExt as _;
    let mut raw = Vec::new();
    tokio::io::stdin()
        .take(crate::platform::smtp_server::MAX_MESSAGE as u64 + 1)
        .read_to_end(&mut raw)
        .await
        .context("cannot read the message")?;
    anyhow::ensure!(raw.len() <= crate::platform::smtp_server::MAX_MESSAGE, "the message is too big");
    prepare_data_dir(data_dir)?;
    let db = open_database(database_url, data_dir).await?;
    let signer = crate::discussion::replies::signer(&db).await?;
    let inbox = crate::discussion::replies::Inbox { db, signer };
    let post = inbox.receive(&recipient.into_iter().collect::<Vec<_>>(), &raw).await?;
    tracing::info!(post, "a reply by mail was posted");
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
