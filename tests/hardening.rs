//! What the platform does when things go wrong under it or arrive malformed: a database that is no longer the one
//! opened, NUL characters in every kind of input, and client addresses behind a reverse proxy.

mod support;

use support::{Backend, Browser, Server, TestDatabase, backends, sign_in_admin};

#[tokio::test]
async fn health_fails_once_the_database_is_not_the_one_opened() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let data_dir = database.data_dir.path().join("instance");
        // Without a database URL the SQLite file lives in the instance's data folder.
        let server = match &backend {
            Backend::Sqlite => Server::start(&data_dir, None, &["--demo"]).await,
            Backend::Postgres { .. } => Server::demo(&database).await,
        };
        assert_eq!(server.get("/healthz").await.status(), 200);
        match &backend {
            Backend::Sqlite => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(data_dir.join(format!("irene.db{suffix}")));
                }
            }
            Backend::Postgres { .. } => {
                let pool = database.pool().await;
                sqlx::query("UPDATE settings SET value = 'another database' WHERE key = 'database_id'")
                    .execute(&pool)
                    .await
                    .unwrap();
                pool.close().await;
            }
        }
        let (status, body) = server.json("/healthz").await;
        assert_eq!(status, 503, "{}: {body}", backend.name());
        assert_eq!(body["database"], false);
    }
}

#[tokio::test]
async fn nul_characters_are_refused_naming_the_field() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let admin = sign_in_admin(&server, &database).await;
        let stranger = Browser::new(&server);
        let posts = [
            ("/account/signin?lang=en", vec![("email", "a\0@irene.example"), ("password", "x")], "email"),
            (
                "/account/signup?lang=en",
                vec![
                    ("email", "new@irene.example"),
                    ("display_name", "N\0"),
                    ("password", "p"),
                    ("password_confirm", "p"),
                ],
                "display_name",
            ),
        ];
        for (path, fields, field) in posts {
            let (status, page, _) = stranger.post_page(path, &fields).await;
            assert_eq!(status, 400, "{} {path}: {page}", backend.name());
            assert!(page.contains(&format!("Parameter “{field}” holds a NUL character")), "{path}: {page}");
        }
        let (status, page, _) = admin.post_page("/organizations/ecores/edit?lang=ru", &[("name_en", "Eco\0")]).await;
        assert_eq!(status, 400, "{}: {page}", backend.name());
        assert!(page.contains("Параметр «name_en» содержит нулевой символ"), "{page}");
        let (status, _) = server.text("/organizations?q=a%00b").await;
        assert_eq!(status, 400, "a query parameter too");

        let (_, page, _) = admin.post_page("/account/tokens?lang=en", &[("name", "sync"), ("can_write", "1")]).await;
        let token = page.split("<code id=\"new-token\">").nth(1).unwrap().split('<').next().unwrap().to_string();
        let (_, ecores) = server.json("/api/v1/organizations/ecores").await;
        let response = reqwest::Client::new()
            .patch(server.url("/api/v1/organizations/ecores"))
            .bearer_auth(&token)
            .json(&serde_json::json!({"version": ecores["version"], "names": {"en": "Eco\u{0}res"}}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{}", backend.name());
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"]["parameter"], "names", "{body}");

        let file = database.data_dir.path().join("nul.csv");
        std::fs::write(&file, "name_en,city\nNul Society,Ba\0ku\n").unwrap();
        let output = support::irene()
            .args(["import", file.to_str().unwrap(), "--dry-run", "--data"])
            .arg(database.data_dir.path().join("cli"))
            .args(["--database-url", &database.shared_url()])
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{report}");
        assert!(report.contains("line 2, column city: holds a NUL character"), "{}: {report}", backend.name());
    }
}

/// Posts sign-up forms (each refused for its empty name, so nobody is made) as coming through a proxy from
/// `client`, until the per-address limit answers 429: at which attempt it did, trying `most` times.
async fn limited_after(server: &Server, client: &str, most: usize) -> Option<usize> {
    let http = reqwest::Client::new();
    for attempt in 1..=most {
        let response = http
            .post(server.url("/account/signup"))
            .header("origin", &server.base)
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", format!("198.51.100.200, {client}"))
            .form(&[("email", "someone@irene.example"), ("display_name", "")])
            .send()
            .await
            .unwrap();
        if response.status() == 429 {
            return Some(attempt);
        }
    }
    None
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_limit() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let url = database.shared_url();
        let behind_proxy =
            Server::start(&database.data_dir.path().join("proxied"), Some(&url), &["--trusted-proxies", "127.0.0.0/8"])
                .await;
        let limit = limited_after(&behind_proxy, "203.0.113.1", 200).await;
        assert!(limit.is_some(), "{}: the limit is reached", backend.name());
        assert_eq!(limited_after(&behind_proxy, "203.0.113.1", 1).await, Some(1), "and holds");
        assert_eq!(limited_after(&behind_proxy, "203.0.113.2", 1).await, None, "another client is not limited");
        drop(behind_proxy);

        // Untrusted, the header is only the client's word: everyone from this peer shares its limit.
        let direct = Server::start(&database.data_dir.path().join("direct"), Some(&url), &[]).await;
        assert_eq!(limited_after(&direct, "203.0.113.3", 200).await, limit, "{}", backend.name());
        assert_eq!(limited_after(&direct, "203.0.113.4", 1).await, Some(1), "the header changes nothing");
    }
}
