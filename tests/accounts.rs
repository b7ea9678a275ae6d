//! Accounts through HTTP, with mail read from a real SMTP server on loopback,
//! on SQLite and on PostgreSQL.

mod support;

use std::time::Duration;

use support::smtp::SmtpSink;
use support::{Browser, Server, TestDatabase, backends, irene, link_in};

const PASSWORD: &str = "a long enough passphrase";

/// Signs up through the form and confirms through the mailed link; returns the signed-in browser.
async fn sign_up(server: &Server, sink: &SmtpSink, email: &str) -> Browser {
    let browser = Browser::new(server);
    let before = sink.messages().len();
    let (status, page, _) = browser
        .post_page(
            "/account/signup?lang=ru",
            &[
                ("email", email),
                ("display_name", "Məmməd Qasımov"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(email), "the page says where the link went");
    let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
    let mail = mails.iter().rev().find(|m| m.to.iter().any(|t| t.contains(email))).expect("confirmation mail");
    assert!(mail.subject.contains("IRENE"), "{}", mail.subject);
    assert!(mail.subject.chars().any(|c| ('а'..='я').contains(&c)), "Russian subject: {}", mail.subject);
    let link = link_in(&mail.text, &format!("{}/account/confirm?token=", server.base)).expect("link in the mail");
    let confirmed = browser.get(&link[server.base.len()..]).await;
    assert_eq!(confirmed.status(), 303);
    let cookie = confirmed.headers().get("set-cookie").expect("signed in").to_str().unwrap().to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    let (status, account) = browser.page("/account").await;
    assert_eq!(status, 200);
    assert!(account.contains(email));
    browser
}

#[tokio::test]
async fn sign_up_confirm_sign_out_and_in_again() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let email = format!("leyla-{}@ngo.example.az", backend.name());
        let browser = sign_up(&server, &sink, &email).await;

        // The link works once.
        let mail = sink.messages().into_iter().rev().find(|m| m.to.iter().any(|t| t.contains(&email))).unwrap();
        let link = link_in(&mail.text, &server.base).unwrap();
        let (status, page) = Browser::new(&server).page(&link[server.base.len()..]).await;
        assert_eq!(status, 400);
        assert!(page.contains("role=\"status\""));

        let (status, _, location) = browser.post_page("/account/signout", &[]).await;
        assert_eq!((status, location.as_deref()), (303, Some("/")));
        let response = browser.get("/account").await;
        assert_eq!(response.status(), 303, "signed out: the account page sends to sign-in");
        assert!(response.headers()["location"].to_str().unwrap().starts_with("/account/signin?next="));

        let (status, page, _) = browser
            .post_page(
                "/account/signin?lang=en",
                &[("email", &email), ("password", "not the password"), ("next", "/account")],
            )
            .await;
        assert_eq!(status, 400);
        assert!(page.contains("The e-mail address or the password is wrong."));
        assert!(page.contains(&format!("value=\"{email}\"")), "the address typed is kept");
        assert!(!page.contains("not the password"), "a password is never sent back");

        let (status, _, location) = browser
            .post_page(
                "/account/signin",
                &[("email", &email.to_uppercase()), ("password", PASSWORD), ("next", "/themes")],
            )
            .await;
        assert_eq!((status, location.as_deref()), (303, Some("/themes")), "back where the person was going");
        let (_, _, location) = Browser::new(&server)
            .post_page("/account/signin", &[("email", &email), ("password", PASSWORD), ("next", "//evil.example")])
            .await;
        assert_eq!(location.as_deref(), Some("/account"), "never sent off-site");
    }
}

#[tokio::test]
async fn sign_up_forms_say_what_is_wrong_beside_each_field_and_keep_what_was_typed() {
    let sink = SmtpSink::start();
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo_with_mail(&database, &sink.url).await;
    let browser = Browser::new(&server);
    let (status, page, _) = browser
        .post_page(
            "/account/signup?lang=en",
            &[
                ("email", "not-an-address"),
                ("display_name", "Aygün"),
                ("password", "short"),
                ("password_confirm", "other"),
            ],
        )
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("id=\"email-error\"") && page.contains("This is not an e-mail address."));
    assert!(page.contains("id=\"password-error\"") && page.contains("At least 10 characters"));
    assert!(page.contains("id=\"password_confirm-error\""));
    assert!(page.contains("value=\"Aygün\"") && page.contains("value=\"not-an-address\""));
    assert!(page.contains("aria-invalid=\"true\""));

    let (status, page, _) = browser.post_page("/account/signup?lang=az", &[("email", "x@example.az")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("<html lang=\"az\">"));

    let response = browser
        .client
        .post(format!("{}/account/signup", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'e', b'=', 0xff, 0xfe])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400, "a malformed form");
    let response = browser
        .client
        .post(format!("{}/account/signup", server.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'a'; 200_000])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413, "an oversize body");
    assert_eq!(sink.messages().len(), 0, "no mail for a refused form");
}

#[tokio::test]
async fn signing_up_twice_reveals_nothing_and_mails_the_owner() {
    let sink = SmtpSink::start();
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo_with_mail(&database, &sink.url).await;
    sign_up(&server, &sink, "owner@ngo.example").await;
    let other = Browser::new(&server);
    let fields =
        [("email", "owner@ngo.example"), ("display_name", "X"), ("password", PASSWORD), ("password_confirm", PASSWORD)];
    let (status, page, _) = other.post_page("/account/signup", &fields).await;
    assert_eq!(status, 200);
    assert!(page.contains("owner@ngo.example"), "the same answer as for a new address");
    let mails = sink.wait_for(2, Duration::from_secs(10)).await;
    assert!(
        link_in(&mails[1].text, &format!("{}/account/reset", server.base)).is_some(),
        "the owner is offered a reset"
    );
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_mail_and_ends_other_sessions() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let email = format!("reset-{}@ngo.example", backend.name());
        let old_browser = sign_up(&server, &sink, &email).await;
        let before = sink.messages().len();

        let browser = Browser::new(&server);
        let (status, page, _) = browser.post_page("/account/reset", &[("email", &email)]).await;
        assert_eq!(status, 200);
        assert!(page.contains(&email));
        let (status, _, _) = browser.post_page("/account/reset", &[("email", "nobody@nowhere.example")]).await;
        assert_eq!(status, 200, "unknown addresses get the same answer");
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let link =
            link_in(&mails[before].text, &format!("{}/account/reset/new?token=", server.base)).expect("reset link");
        let token = link.split("token=").nth(1).unwrap().split('&').next().unwrap().to_string();
        let (status, _) = browser.page(&link[server.base.len()..]).await;
        assert_eq!(status, 200);
        let new_password = "another long passphrase";
        let (status, _, location) = browser
            .post_page(
                "/account/reset/new",
                &[("token", &token), ("password", new_password), ("password_confirm", new_password)],
            )
            .await;
        assert_eq!((status, location.as_deref()), (303, Some("/account?reset=1")));
        assert_eq!(old_browser.get("/account").await.status(), 303, "the old session is ended");
        let (status, _, _) =
            Browser::new(&server).post_page("/account/signin", &[("email", &email), ("password", PASSWORD)]).await;
        assert_eq!(status, 400, "the old password no longer works");
        let (status, _, _) =
            Browser::new(&server).post_page("/account/signin", &[("email", &email), ("password", new_password)]).await;
        assert_eq!(status, 303);
        let (status, _, _) = browser
            .post_page(
                "/account/reset/new",
                &[("token", &token), ("password", new_password), ("password_confirm", new_password)],
            )
            .await;
        assert_eq!(status, 400, "a reset link works once");
    }
}

#[tokio::test]
async fn sessions_are_listed_and_can_be_ended_and_passwords_changed() {
    let sink = SmtpSink::start();
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo_with_mail(&database, &sink.url).await;
    let first = sign_up(&server, &sink, "two@ngo.example").await;
    let second = Browser {
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                 Chrome/131.0.0.0 Safari/537.36",
            )
            .build()
            .expect("client"),
        base: server.base.clone(),
    };
    second.post_page("/account/signin", &[("email", "two@ngo.example"), ("password", PASSWORD)]).await;
    let (_, page) = first.page("/account?lang=en").await;
    assert_eq!(page.matches("name=\"session\"").count(), 2, "both sessions listed");
    // Each session says its browser and system, and when it started as the reader writes dates.
    assert!(page.contains("<td>Chrome on Windows</td>") && !page.contains("AppleWebKit"), "{page}");
    let year = time::OffsetDateTime::now_utc().year().to_string();
    assert!(!page.contains(&format!("<td>{year}-")), "dates in words, not ISO:\n{page}");
    let (_, russian) = first.page("/account?lang=ru").await;
    assert!(russian.contains("<td>Chrome, Windows</td>") && russian.contains(&format!(" {year} г., ")), "{russian}");
    // The first browser ends the session that is not its own.
    let other_id = page
        .split("<tr>")
        .filter(|row| row.contains("name=\"session\"") && !row.contains("this browser"))
        .map(|row| row.split("name=\"session\" value=\"").nth(1).unwrap().split('"').next().unwrap())
        .next()
        .expect("the other session's row");
    first.post_page("/account/sessions/end", &[("session", other_id)]).await;
    assert_eq!(first.get("/account").await.status(), 200, "its own session goes on");
    assert_eq!(second.get("/account").await.status(), 303, "the other one is ended");

    let survivor = &first;
    let (status, page, _) = survivor
        .post_page(
            "/account/password?lang=en",
            &[("current_password", "wrong"), ("new_password", "x"), ("new_password_confirm", "y")],
        )
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("This is not your current password.") && page.contains("At least 10 characters"));
    let (status, _, location) = survivor
        .post_page(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
                ("new_password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!((status, location.as_deref()), (303, Some("/account?password=1")));
}

#[tokio::test]
async fn sessions_rotate_at_sign_in_and_expire_when_idle_or_old() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let email = format!("expiry-{}@ngo.example", backend.name());
        sign_up(&server, &sink, &email).await;
        let cookie = |response: &reqwest::Response| {
            response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string()
        };
        let first = Browser::new(&server).post("/account/signin", &[("email", &email), ("password", PASSWORD)]).await;
        let second = Browser::new(&server).post("/account/signin", &[("email", &email), ("password", PASSWORD)]).await;
        assert_ne!(cookie(&first), cookie(&second), "a new session secret at every sign-in");

        let pool = database.pool().await;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        // Sixty days since sign-in end a session, however recently it was used.
        let old = Browser::new(&server);
        old.post("/account/signin", &[("email", &email), ("password", PASSWORD)]).await;
        assert_eq!(old.get("/account").await.status(), 200);
        sqlx::query("UPDATE sessions SET created_at = $1, last_seen_at = $2")
            .bind(now - 61 * 24 * 3600)
            .bind(now)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(old.get("/account").await.status(), 303, "{}: an old session ends", backend.name());
        // Two weeks without a request end a session too.
        let idle = Browser::new(&server);
        idle.post("/account/signin", &[("email", &email), ("password", PASSWORD)]).await;
        assert_eq!(idle.get("/account").await.status(), 200);
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE created_at > $2")
            .bind(now - 15 * 24 * 3600)
            .bind(now - 3600)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(idle.get("/account").await.status(), 303, "{}: an idle session ends", backend.name());
        pool.close().await;
    }
}

#[tokio::test]
async fn sign_in_attempts_are_limited_across_instances() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let first = Server::demo_with_mail(&database, &sink.url).await;
        let second = Server::start(&database.data_dir.path().join("second"), Some(&database.shared_url()), &[]).await;
        let mut statuses = Vec::new();
        for attempt in 0..12 {
            let server = if attempt % 2 == 0 { &first } else { &second };
            let (status, _, _) = Browser::new(server)
                .post_page("/account/signin", &[("email", "target@ngo.example"), ("password", "guess")])
                .await;
            statuses.push(status);
        }
        assert_eq!(&statuses[..10], &[400; 10], "{}", backend.name());
        assert_eq!(&statuses[10..], &[429, 429], "{}: the eleventh attempt on any instance is refused", backend.name());
        let (_, page, _) = Browser::new(&first)
            .post_page("/account/signin", &[("email", "target@ngo.example"), ("password", "x")])
            .await;
        assert!(page.contains("Too many attempts"));
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let sink = SmtpSink::start();
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo_with_mail(&database, &sink.url).await;
    let browser = sign_up(&server, &sink, "csrf@ngo.example").await;
    let response = browser
        .client
        .post(format!("{}/account/signout", server.base))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(browser.get("/account").await.status(), 200, "still signed in");
    let headers = browser.get("/").await.headers().clone();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"), "{csp}");
}

#[tokio::test]
async fn people_download_their_data_and_delete_their_account() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let email = format!("gone-{}@ngo.example", backend.name());
        let browser = sign_up(&server, &sink, &email).await;
        let export: serde_json::Value = browser.get("/account/export.json").await.json().await.unwrap();
        assert_eq!(export["account"]["email"], email.as_str());
        assert_eq!(export["account"]["display_name"], "Məmməd Qasımov");
        assert_eq!(export["sessions"].as_array().unwrap().len(), 1);

        let (status, page, _) = browser.post_page("/account/delete?lang=en", &[("current_password", PASSWORD)]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Tick the box to confirm."));
        let (status, _, _) =
            browser.post_page("/account/delete", &[("current_password", PASSWORD), ("confirm", "yes")]).await;
        assert_eq!(status, 303);
        assert_eq!(browser.get("/account").await.status(), 303, "signed out");
        let (status, _, _) =
            Browser::new(&server).post_page("/account/signin", &[("email", &email), ("password", PASSWORD)]).await;
        assert_eq!(status, 400, "the account is gone");
        let pool = database.pool().await;
        let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(left, 0, "the address is erased");
        let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'account.delete'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(logged, 1, "the deletion is logged");
        assert!(sqlx::query("UPDATE audit_log SET action = 'nothing'").execute(&pool).await.is_err(), "append-only");
        assert!(sqlx::query("DELETE FROM audit_log").execute(&pool).await.is_err(), "append-only");
        pool.close().await;
    }
}

#[tokio::test]
async fn the_first_administrator_comes_from_the_command_line_or_the_setup_page() {
    let sink = SmtpSink::start();
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo_with_mail(&database, &sink.url).await;
    let log = server.log();
    let code =
        log.split("setup code ").nth(1).and_then(|rest| rest.split([',', ' ']).next()).expect("setup code in the log");
    let browser = Browser::new(&server);
    assert_eq!(browser.page("/setup").await.0, 200);
    let fields = |code: &str| {
        vec![
            ("setup_token".to_string(), code.to_string()),
            ("email".into(), "admin@irene.example".into()),
            ("display_name".into(), "Najet".into()),
            ("password".into(), PASSWORD.into()),
            ("password_confirm".into(), PASSWORD.into()),
        ]
    };
    let wrong = fields("wrong-code");
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, page, _) = browser.post_page("/setup?lang=en", &wrong).await;
    assert_eq!(status, 400);
    assert!(page.contains("setup_token-error"));
    let right = fields(code);
    let right: Vec<(&str, &str)> = right.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, _, _) = browser.post_page("/setup", &right).await;
    assert_eq!(status, 303);
    let (_, account) = browser.page("/account?lang=en").await;
    assert!(account.contains("Platform administrator"));
    assert_eq!(browser.page("/setup").await.0, 404, "the setup page is gone once there is an administrator");

    let output = irene()
        .args(["admin", "create", "--email", "second@irene.example", "--name", "Hanifa", "--data"])
        .arg(database.data_dir.path().join("instance"))
        .args(["--database-url", &database.shared_url()])
        .env("IRENE_ADMIN_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let second = Browser::new(&server);
    let (status, _, _) =
        second.post_page("/account/signin", &[("email", "second@irene.example"), ("password", PASSWORD)]).await;
    assert_eq!(status, 303);
    assert!(second.page("/account?lang=en").await.1.contains("Platform administrator"));
}

/// A browser whose requests come from `ip`, a loopback address of its own
/// (the server listens on 127.0.0.1, and every 127.x address reaches it).
fn browser_from(server: &Server, ip: &str) -> Browser {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("irene-tests")
        .local_address(ip.parse::<std::net::IpAddr>().unwrap())
        .build()
        .expect("client");
    Browser { client, base: server.base.clone() }
}

#[tokio::test]
async fn sign_in_goes_on_only_to_a_path_of_this_site() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let email = format!("next-{}@ngo.example", backend.name());
        sign_up(&server, &sink, &email).await;
        let sign_in_to = |next: &'static str| {
            let (server, email) = (&server, email.clone());
            async move {
                let fields = [("email", email.as_str()), ("password", PASSWORD), ("next", next)];
                let (status, _, location) = Browser::new(server).post_page("/account/signin", &fields).await;
                (status, location)
            }
        };
        for off_site in ["/\t/evil.example/", "/\\evil.example", "//evil.example/", "https://evil.example/"] {
            assert_eq!(
                sign_in_to(off_site).await,
                (303, Some("/account".to_string())),
                "{}: {off_site:?}",
                backend.name()
            );
        }
        assert_eq!(
            sign_in_to("/themes\r\nSet-Cookie: planted=1").await,
            (303, Some("/account".to_string())),
            "a line break is no reason to fail"
        );
        assert_eq!(
            sign_in_to("/organizations?q=Buta&page=2").await,
            (303, Some("/organizations?q=Buta&page=2".into()))
        );

        let (status, page) = Browser::new(&server).page("/account/signin?next=/%09/evil.example/").await;
        assert_eq!(status, 200);
        assert!(page.contains("name=\"next\" value=\"/account\""), "the form carries only a path of this site");
    }
}

/// A sign-up form for `email`, filled in.
fn sign_up_fields(email: &str) -> [(&'static str, &str); 4] {
    [("email", email), ("display_name", "X"), ("password", PASSWORD), ("password_confirm", PASSWORD)]
}

/// Makes an API token on the account page and returns it.
async fn make_token(browser: &Browser) -> String {
    let (status, page, _) = browser.post_page("/account/tokens", &[("name", "sync"), ("can_write", "1")]).await;
    assert_eq!(status, 200, "{page}");
    page.split("<code id=\"new-token\">").nth(1).unwrap().split('<').next().unwrap().to_string()
}

/// What the API answers a write with `token`: 403 while the token is live (its
/// owner edits nothing), 401 once it is revoked.
async fn write_with(server: &Server, token: &str) -> u16 {
    reqwest::Client::new()
        .patch(server.url("/api/v1/organizations/ecores"))
        .bearer_auth(token)
        .json(&serde_json::json!({"version": 1, "city": "Ganja"}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_reset_or_a_new_password_revokes_api_tokens_and_says_so() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let email = format!("tokens-{}@ngo.example", backend.name());
        let browser = sign_up(&server, &sink, &email).await;
        let before_reset = make_token(&browser).await;
        assert_eq!(write_with(&server, &before_reset).await, 403, "the token is live");

        let before = sink.messages().len();
        Browser::new(&server).post_page("/account/reset", &[("email", &email)]).await;
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let link = link_in(&mails[before].text, &format!("{}/account/reset/new?token=", server.base)).unwrap();
        let token = link.split("token=").nth(1).unwrap().split('&').next().unwrap().to_string();
        let new_password = "another long passphrase";
        let reset = Browser::new(&server);
        let fields = [("token", token.as_str()), ("password", new_password), ("password_confirm", new_password)];
        let (status, _, location) = reset.post_page("/account/reset/new", &fields).await;
        assert_eq!((status, location.as_deref()), (303, Some("/account?reset=1")));
        assert_eq!(write_with(&server, &before_reset).await, 401, "{}: a reset revokes the tokens", backend.name());
        let (_, page) = reset.page("/account?reset=1&lang=en").await;
        assert!(page.contains("your API tokens revoked"), "the page says so");
        let (_, page) = reset.page("/account?reset=1&lang=ru").await;
        assert!(page.contains("API-токены отозваны"));

        let after_reset = make_token(&reset).await;
        assert_eq!(write_with(&server, &after_reset).await, 403, "new tokens can be made");
        let fields = [
            ("current_password", new_password),
            ("new_password", "yet another passphrase"),
            ("new_password_confirm", "yet another passphrase"),
        ];
        let (status, _, location) = reset.post_page("/account/password", &fields).await;
        assert_eq!((status, location.as_deref()), (303, Some("/account?password=1")));
        assert_eq!(write_with(&server, &after_reset).await, 401, "a new password revokes them too");
        let (status, page) = reset.page("/account?password=1&lang=az").await;
        assert_eq!(status, 200, "the session that changed it goes on");
        assert!(page.contains("API tokenləriniz isə ləğv edildi"));
        assert_eq!(write_with(&server, &make_token(&reset).await).await, 403);
    }
}

/// The mail that went to `email` (whatever the case it was typed in).
fn mails_to(sink: &SmtpSink, email: &str) -> usize {
    sink.messages().iter().filter(|m| m.to.iter().any(|to| to.to_lowercase().contains(email))).count()
}

#[tokio::test]
async fn mail_nobody_asked_for_reaches_an_address_at_most_once_an_hour() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let victim = format!("victim-{}@ngo.example", backend.name());
        sign_up(&server, &sink, &victim).await;
        let mixed_case = format!("vIctim-{}@NGO.example", backend.name());
        for (client, address) in [("127.0.0.2", &victim), ("127.0.0.3", &mixed_case), ("127.0.0.4", &victim)] {
            let fields = sign_up_fields(address);
            let (status, _, _) = browser_from(&server, client).post_page("/account/signup", &fields).await;
            assert_eq!(status, 200);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(mails_to(&sink, &victim), 2, "{}: the confirmation, and one word of the sign-ups", backend.name());

        // An account made with someone else's address, never confirmed: signing in to it mails its owner again.
        let unconfirmed = format!("unconfirmed-{}@ngo.example", backend.name());
        let fields = sign_up_fields(&unconfirmed);
        assert_eq!(Browser::new(&server).post_page("/account/signup", &fields).await.0, 200);
        let upper = unconfirmed.to_uppercase();
        for (client, address) in [("127.0.0.5", &unconfirmed), ("127.0.0.6", &upper), ("127.0.0.5", &unconfirmed)] {
            let fields = [("email", address.as_str()), ("password", PASSWORD)];
            let (status, page, _) = browser_from(&server, client).post_page("/account/signin?lang=en", &fields).await;
            assert_eq!(status, 400);
            assert!(page.contains("at most once an hour"), "{page}");
        }
        let fields = sign_up_fields(&unconfirmed);
        assert_eq!(browser_from(&server, "127.0.0.7").post_page("/account/signup", &fields).await.0, 200);
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(
            mails_to(&sink, &unconfirmed),
            2,
            "{}: the confirmation, and one more whichever form asked",
            backend.name()
        );
    }
}

#[tokio::test]
async fn guessing_from_elsewhere_slows_the_guesser_and_never_locks_the_owner_out() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let owner = format!("owner-{}@ngo.example", backend.name());
        sign_up(&server, &sink, &owner).await;
        let guess = async |client: &str, password: &str| {
            let fields = [("email", owner.as_str()), ("password", password)];
            browser_from(&server, client).post_page("/account/signin", &fields).await.0
        };
        let mut statuses = Vec::new();
        for attempt in 0..15 {
            statuses.push(guess("127.0.0.2", &format!("guess number {attempt}")).await);
        }
        assert_eq!(&statuses[..10], &[400; 10], "{}", backend.name());
        assert_eq!(&statuses[10..], &[429; 5], "{}: the guesser is slowed down", backend.name());
        assert_eq!(guess("127.0.0.2", PASSWORD).await, 429, "even the right password, from the guessing client");

        // The account is now under attack: another client gets only a few guesses at it.
        let mut statuses = Vec::new();
        for attempt in 0..5 {
            statuses.push(guess("127.0.0.3", &format!("another guess {attempt}")).await);
        }
        assert_eq!(statuses, [400, 400, 400, 429, 429], "{}", backend.name());

        assert_eq!(guess("127.0.0.1", PASSWORD).await, 303, "{}: the owner gets in from elsewhere", backend.name());
        assert_eq!(guess("127.0.0.4", "a typo").await, 400);
        assert_eq!(guess("127.0.0.4", PASSWORD).await, 303, "{}: even after a typo", backend.name());
    }
}
