//! The state shared by the web handlers: `AppState` and the narrower parts
//! handlers take through `FromRef` when that is all they use.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::FromRef;

use crate::consultative::DeskRules;
use crate::directory::DirectorySearch;
use crate::newsletter::{Links, NewsletterSettings};
use crate::platform::auth::SessionPolicy;
use crate::platform::db::Db;
use crate::platform::mail::Mailer;
use crate::platform::objects::FileStore;
use crate::platform::signing::Signer;
use crate::platform::web::TrustedProxies;

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
    /// The reverse proxies whose word on the client's address is taken, for per-client limits.
    pub trusted_proxies: TrustedProxies,
    /// Where uploaded files are kept: the database, or an S3-compatible store.
    pub files: FileStore,
}

impl FromRef<AppState> for Db {
    fn from_ref(state: &AppState) -> Db {
        state.db.clone()
    }
}

impl FromRef<AppState> for Mailer {
    fn from_ref(state: &AppState) -> Mailer {
        state.mailer.clone()
    }
}

/// The newsletter's links that work without an account, made from the public URL and the shared key.
impl FromRef<AppState> for Links {
    fn from_ref(state: &AppState) -> Links {
        Links::new(&state.public_url, state.signer.clone())
    }
}

impl FromRef<AppState> for DeskRules {
    fn from_ref(state: &AppState) -> DeskRules {
        state.desk_rules.clone()
    }
}

impl FromRef<AppState> for SessionPolicy {
    fn from_ref(state: &AppState) -> SessionPolicy {
        state.sessions
    }
}

impl FromRef<AppState> for TrustedProxies {
    fn from_ref(state: &AppState) -> TrustedProxies {
        state.trusted_proxies.clone()
    }
}

impl FromRef<AppState> for FileStore {
    fn from_ref(state: &AppState) -> FileStore {
        state.files.clone()
    }
}
