//! Signing in and out, with guessing slowed down without handing anyone a
//! lock on another person's account.

use std::fmt;
use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::uri::PathAndQuery;
use axum::http::{HeaderMap, Uri};
use axum::response::{Html, Response};
use serde::Deserialize;

use super::fields::{Sessions, invalid};
use super::links::{AccountMail, MailedLink};
use super::store;
use crate::platform::auth::{Attempt, RequireUser, count_attempt, verify_password};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::mail::Email;
use crate::platform::web::{AppError, Chrome, ClientIp, render};

/// Where to go after signing in: a path of this site, or else the account page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AfterSignIn(PathAndQuery);

impl AfterSignIn {
    /// Reads the `next` a sign-in carries. Only a path that stays on this site
    /// is kept: one leading `/` (`//host` and `/\host` name another site to
    /// browsers), no backslash or control character (browsers drop tabs and
    /// line breaks, and a line break cannot go into a header), and it must
    /// parse as a path and query.
    pub fn parse(next: &str) -> AfterSignIn {
        let same_site = next.starts_with('/')
            && !next[1..].starts_with(['/', '\\'])
            && !next.chars().any(|c| c.is_control() || c == '\\');
        same_site
            .then(|| next.parse::<PathAndQuery>().ok())
            .flatten()
            .map_or_else(|| AfterSignIn(PathAndQuery::from_static("/account")), AfterSignIn)
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The query that carries this destination to another page (`next=…`), empty for the account page.
    pub fn query(&self) -> String {
        if self.as_str() == "/account" {
            return String::new();
        }
        form_urlencoded::Serializer::new(String::new()).append_pair("next", self.as_str()).finish()
    }
}

impl fmt::Display for AfterSignIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Template)]
#[template(path = "accounts/signin.html")]
struct SigninPage {
    chrome: Chrome,
    form: FormState,
    next: AfterSignIn,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    pub next: String,
}

pub async fn signin_form(lang: Lang, uri: Uri, Query(query): Query<NextQuery>) -> Result<Html<String>, AppError> {
    let page = SigninPage {
        chrome: Chrome::new(lang, lang.t("signin-title"), &uri),
        form: FormState::default(),
        next: AfterSignIn::parse(&query.next),
        notice: None,
    };
    render(&page)
}

/// The window within which wrong passwords count.
const GUESSING_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Wrong passwords one client may try, whatever the accounts.
const PER_CLIENT: i64 = 50;
/// Wrong passwords one client may try on one account.
const PER_CLIENT_AND_ACCOUNT: i64 = 10;
/// Wrong passwords an account takes from everywhere before it counts as under attack.
const PER_ACCOUNT: i64 = 10;
/// While an account is under attack, the tries a client that has not been
/// guessing at it still has: its owner, even after a typo or two, gets in.
const PER_CLIENT_UNDER_ATTACK: i64 = 3;

/// The attempts one sign-in counted, withdrawn when the password is right.
struct Guesses([Attempt; 3]);

impl Guesses {
    /// Counts a sign-in attempt; refused (429) while the client has been
    /// guessing too much, at this account or at any. A client that has not
    /// been guessing at an account under attack is still let through, so an
    /// attacker cannot lock its owner out.
    async fn count(db: &Db, client: &str, account: &str) -> Result<Guesses, AppError> {
        let count = |key: String| async move { count_attempt(db, &key, GUESSING_WINDOW).await };
        let from_client = count(format!("signin:client:{client}")).await?;
        let at_account_from_client = count(format!("signin:account-client:{account}:{client}")).await?;
        let at_account = count(format!("signin:account:{account}")).await?;
        let under_attack = !at_account.within(PER_ACCOUNT);
        if !from_client.within(PER_CLIENT)
            || !at_account_from_client.within(PER_CLIENT_AND_ACCOUNT)
            || (under_attack && !at_account_from_client.within(PER_CLIENT_UNDER_ATTACK))
        {
            return Err(AppError::TooManyAttempts);
        }
        Ok(Guesses([from_client, at_account_from_client, at_account]))
    }

    /// The password was right: none of these was a guess.
    async fn withdraw(self, db: &Db) -> sqlx::Result<()> {
        for attempt in self.0 {
            attempt.withdraw(db).await?;
        }
        Ok(())
    }
}

pub async fn signin(
    State(sessions): State<Sessions>,
    State(mail): State<AccountMail>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    data: FormData,
) -> Result<Response, AppError> {
    let next = AfterSignIn::parse(&data.get("next"));
    let email = data.get("email").to_lowercase();
    let db = &sessions.db;
    let guesses = Guesses::count(db, &ip, &email).await?;
    let account = store::credentials(db, &email).await?;
    // An unknown address costs the same verification as a known one.
    let matches = verify_password(data.raw("password"), account.as_ref().map(|a| a.password_hash.clone())).await;
    let mut form = FormState::from(&data).without(&["password"]);
    let mut notice = None;
    match account {
        Some(account) if matches && account.disabled => {
            guesses.withdraw(db).await?;
            notice = Some(lang.t("signin-disabled"));
        }
        Some(account) if matches => {
            guesses.withdraw(db).await?;
            if account.confirmed {
                return sessions.sign_in(&headers, account.user_id, next.as_str()).await;
            }
            if let Some(email) = Email::parse(&email)
                && mail.may_send_unasked(&email).await?
            {
                mail.send_link(MailedLink::ConfirmAddress, account.user_id, &email, lang).await?;
            }
            notice = Some(lang.t("signin-unconfirmed"));
        }
        _ => form.fail("password", lang.t("signin-wrong")),
    }
    let page = SigninPage { chrome: Chrome::new(lang, lang.t("signin-title"), &uri), form, next, notice };
    Ok(invalid(render(&page)))
}

pub async fn signout(State(sessions): State<Sessions>, RequireUser(user): RequireUser) -> Result<Response, AppError> {
    store::end_session(&sessions.db, user.user_id, &user.session).await?;
    Ok(sessions.signed_out("/"))
}

#[cfg(test)]
mod tests {
    use super::AfterSignIn;

    #[test]
    fn only_paths_of_this_site_are_kept() {
        for kept in ["/themes", "/organizations?q=Buta&page=2", "/account/signin?next=%2F", "/"] {
            assert_eq!(AfterSignIn::parse(kept).as_str(), kept);
        }
        for refused in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example/",
            "/a\r\nSet-Cookie: x=1",
            "/a\\b",
            "https://evil.example/",
            "evil.example",
            "",
            "/a b",
            "/\u{7f}",
        ] {
            assert_eq!(AfterSignIn::parse(refused).as_str(), "/account", "{refused:?}");
        }
    }
}
