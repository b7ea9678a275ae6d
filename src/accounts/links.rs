//! The links accounts mail: confirming a sign-up, resetting a password and
//! confirming a new address go the same way — a one-time token, stored
//! hashed, mailed as a link and redeemed once.

use std::time::Duration;

use axum::extract::FromRef;
use serde::Deserialize;

use super::store::{self, Redeemed};
use crate::platform::auth::{now_secs, take_turn};
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::mail::{Email, Mailer, OutgoingMail};
use crate::state::AppState;

/// What a mailed link does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailedLink {
    /// Confirms the address an account signed up with.
    ConfirmAddress,
    /// Opens the form for a new password.
    ResetPassword,
    /// Moves an account to the address the link was mailed to.
    ChangeAddress,
}

impl MailedLink {
    /// The purpose its tokens are stored under.
    fn purpose(self) -> &'static str {
        match self {
            MailedLink::ConfirmAddress => "confirm",
            MailedLink::ResetPassword => "reset",
            MailedLink::ChangeAddress => "email-change",
        }
    }

    fn valid_for(self) -> Duration {
        match self {
            MailedLink::ResetPassword => Duration::from_secs(3600),
            MailedLink::ConfirmAddress | MailedLink::ChangeAddress => Duration::from_secs(48 * 3600),
        }
    }

    fn path(self) -> &'static str {
        match self {
            MailedLink::ConfirmAddress => "/account/confirm",
            MailedLink::ResetPassword => "/account/reset/new",
            MailedLink::ChangeAddress => "/account/email/confirm",
        }
    }

    /// The Fluent keys of the mail's subject and body.
    fn mail(self) -> (&'static str, &'static str) {
        match self {
            MailedLink::ConfirmAddress => ("mail-confirm-subject", "mail-confirm-body"),
            MailedLink::ResetPassword => ("mail-reset-subject", "mail-reset-body"),
            MailedLink::ChangeAddress => ("mail-email-change-subject", "mail-email-change-body"),
        }
    }

    /// Uses a link's token; it cannot be used again.
    pub async fn redeem(self, db: &Db, secret: &str) -> sqlx::Result<Option<Redeemed>> {
        store::redeem_token(db, secret, self.purpose()).await
    }

    /// Whether a link's token could still be used, without using it.
    pub async fn is_live(self, db: &Db, secret: &str) -> sqlx::Result<bool> {
        store::token_is_live(db, secret, self.purpose()).await
    }
}

/// The query of a mailed link's address.
#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    pub token: String,
}

/// How often an address may get mail nobody asked for in its owner's name:
/// another sign-up with it, or a confirmation sent again at sign-in.
const UNASKED_MAIL_EVERY: Duration = Duration::from_secs(3600);

/// What sending an account's mail takes: the database for its tokens, the
/// mailer, and the address the links start with.
#[derive(Clone)]
pub struct AccountMail {
    db: Db,
    mailer: Mailer,
    public_url: String,
}

impl FromRef<AppState> for AccountMail {
    fn from_ref(state: &AppState) -> AccountMail {
        AccountMail { db: state.db.clone(), mailer: state.mailer.clone(), public_url: state.public_url.clone() }
    }
}

impl AccountMail {
    /// Mails `to` a link for the account `user_id`. A new address is the one mailed.
    pub async fn send_link(&self, link: MailedLink, user_id: i64, to: &Email, lang: Lang) -> sqlx::Result<()> {
        let new_email = (link == MailedLink::ChangeAddress).then_some(to.as_str());
        let expires_at = now_secs() + link.valid_for().as_secs() as i64;
        let secret = store::issue_token(&self.db, user_id, link.purpose(), new_email, expires_at).await?;
        let (subject, body) = link.mail();
        self.send(to, lang, subject, body, &format!("{}?token={secret}", link.path())).await;
        Ok(())
    }

    /// Mails the link that confirms a new account's address; following it signs the person in and takes them
    /// to `next` (where they were going when they signed up: an invitation, say).
    pub async fn send_confirmation(
        &self,
        user_id: i64,
        to: &Email,
        lang: Lang,
        next: &super::signin::AfterSignIn,
    ) -> sqlx::Result<()> {
        let link = MailedLink::ConfirmAddress;
        let secret =
            store::issue_token(&self.db, user_id, link.purpose(), None, now_secs() + link.valid_for().as_secs() as i64)
                .await?;
        let path = {
            let start = format!("{}?", link.path());
            let mut query = form_urlencoded::Serializer::for_suffix(start.clone(), start.len());
            query.append_pair("token", &secret);
            if next.as_str() != "/account" {
                query.append_pair("next", next.as_str());
            }
            query.finish()
        };
        let (subject, body) = link.mail();
        self.send(to, lang, subject, body, &path).await;
        Ok(())
    }

    /// Tells the owner of `to` that someone tried to sign up with it, and where to reset the password.
    pub async fn send_already_registered(&self, to: &Email, lang: Lang) {
        self.send(to, lang, "mail-exists-subject", "mail-exists-body", "/account/reset").await;
    }

    /// Whether `to` may get mail its owner did not ask for now. Anyone can
    /// fill in a form with someone else's address, so such mail goes out at
    /// most once an hour per address, whichever form and client caused it.
    pub async fn may_send_unasked(&self, to: &Email) -> sqlx::Result<bool> {
        take_turn(&self.db, &format!("unasked-mail:{to}"), UNASKED_MAIL_EVERY).await
    }

    async fn send(&self, to: &Email, lang: Lang, subject_key: &str, body_key: &str, path_and_query: &str) {
        let separator = if path_and_query.contains('?') { '&' } else { '?' };
        let link = format!("{}{path_and_query}{separator}lang={}", self.public_url, lang.code());
        let mail = OutgoingMail::new(to.clone(), lang.t(subject_key), lang.t_with(body_key, &[("link", link.into())]));
        if let Err(error) = self.mailer.send(&mail).await {
            // The page says the same either way, so that it reveals nothing of who has an account.
            tracing::warn!(error = %error, "account mail not sent");
        }
    }
}
