//! Several instances on one database, each with its own search index: a
//! change reaches every index within two seconds; an index survives restarts,
//! catches up on what it missed, and is rebuilt when lost. Start-up failures
//! are reported clearly.

mod support;

use std::time::{Duration, Instant};

use support::{Backend, PNG, Server, TestDatabase, backends, encode, irene, post_file, sign_in_admin, slugs};

/// Waits until `query` on `server` finds `slug`, returning how long it took.
async fn time_until_found(server: &Server, query: &str, slug: &str) -> Duration {
    let started = Instant::now();
    loop {
        if slugs(&server.search(&format!("q={}", encode(query))).await).iter().any(|s| s == slug) {
            return started.elapsed();
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{slug} never found by “{query}”");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_change_is_searchable_on_every_instance_within_two_seconds() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let url = database.shared_url();
        let first = Server::demo(&database).await;
        let second = Server::start(&database.data_dir.path().join("second"), Some(&url), &[]).await;
        let third = Server::start(&database.data_dir.path().join("third"), Some(&url), &["--demo"]).await;
        let pool = database.pool().await;

        // Any writer of the tables is seen: here the database itself is written to.
        sqlx::query("UPDATE organizations SET name = $1 WHERE slug = 'ecores'")
            .bind(r#"{"en":"ECORES Zümrüd Environmental Resources","ru":"ЭКОРЕС Зумруд","az":"ECORES Zümrüd"}"#)
            .execute(&pool)
            .await
            .unwrap();
        for server in [&first, &second, &third] {
            let waited = time_until_found(server, "Zumrud", "ecores").await;
            assert!(waited < Duration::from_secs(2), "{}: found after {waited:?}", backend.name());
        }

        // A link row changes the facets: joining a network is searchable too.
        sqlx::query(
            "INSERT INTO network_members (network_id, organization_id) \
             SELECT n.id, o.id FROM networks n, organizations o WHERE n.slug = 'un-ngo-irene' AND o.slug = 'unicef'",
        )
        .execute(&pool)
        .await
        .unwrap();
        let started = Instant::now();
        for server in [&first, &second, &third] {
            loop {
                if slugs(&server.search("network=un-ngo-irene&per_page=100").await).contains(&"unicef".to_string()) {
                    break;
                }
                assert!(started.elapsed() < Duration::from_secs(2), "{}: membership not indexed", backend.name());
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }

        // A deleted organisation leaves every index.
        sqlx::query("DELETE FROM organizations WHERE slug = 'world-bank'").execute(&pool).await.unwrap();
        let started = Instant::now();
        for server in [&first, &second, &third] {
            while slugs(&server.search("q=World+Bank").await).contains(&"world-bank".to_string()) {
                assert!(started.elapsed() < Duration::from_secs(2), "{}: deletion not indexed", backend.name());
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        pool.close().await;
    }
}

/// Waits until the public's page of ECORES on `server` holds `text`, returning how long it took.
async fn time_until_shown(server: &Server, text: &str, within: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let (status, page) = server.text("/organizations/ecores").await;
        assert_eq!(status, 200);
        if page.contains(text) {
            return started.elapsed();
        }
        assert!(started.elapsed() < within, "“{text}” not shown within {within:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The public's organisation pages are kept rendered by each instance; none may show a change late.
#[tokio::test]
async fn an_organisation_page_shows_a_change_at_once_where_it_is_made_and_soon_on_every_instance() {
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let url = database.shared_url();
        let first = Server::demo(&database).await;
        let second = Server::start(&database.data_dir.path().join("second"), Some(&url), &[]).await;
        let pool = database.pool().await;
        for server in [&first, &second] {
            let (_, page) = server.text("/organizations/ecores").await;
            assert!(page.contains("Caspian") && !page.contains("/organizations/ecores/logo"), "{name}: {page}");
        }

        // The organisation's own row, written by anyone: the outbox brings it to every instance.
        sqlx::query("UPDATE organizations SET name = $1 WHERE slug = 'ecores'")
            .bind(r#"{"en":"ECORES Zumrud Environmental Resources","ru":"ЭКОРЕС Зумруд","az":"ECORES Zümrüd"}"#)
            .execute(&pool)
            .await
            .unwrap();
        for server in [&first, &second] {
            let waited = time_until_shown(server, "ECORES Zumrud", Duration::from_secs(2)).await;
            assert!(waited < Duration::from_secs(2), "{name}: {waited:?}");
        }

        // A network's new name is on the pages of its members.
        sqlx::query("UPDATE networks SET name = $1 WHERE slug = 'un-ngo-irene-caspian'")
            .bind(r#"{"en":"Caspian Sea NGO Network","ru":"Каспийская сеть","az":"Xəzər şəbəkəsi"}"#)
            .execute(&pool)
            .await
            .unwrap();
        for server in [&first, &second] {
            time_until_shown(server, "Caspian Sea NGO Network", Duration::from_secs(2)).await;
        }

        // A logo, which no outbox follows: at once on the instance it was sent to, within the pages' maximum
        // age on the other.
        let admin = sign_in_admin(&first, &database).await;
        let (status, location) = post_file(&admin, "/organizations/ecores/logo", &[], ("logo", "logo.png"), PNG).await;
        assert_eq!((status, location.as_str()), (303, "/organizations/ecores?saved=1"), "{name}");
        let (_, page) = first.text("/organizations/ecores").await;
        assert!(page.contains("/organizations/ecores/logo?v="), "{name}: the logo is shown at once where it was sent");
        time_until_shown(&second, "/organizations/ecores/logo?v=", Duration::from_secs(12)).await;
        pool.close().await;
    }
}

#[tokio::test]
async fn an_index_is_reused_caught_up_after_a_stop_and_rebuilt_when_lost() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let url = database.shared_url();
        let data = database.data_dir.path().join("instance");
        let server = Server::start(&data, Some(&url), &["--demo"]).await;
        let before: serde_json::Value = server.json("/healthz").await.1;
        server.stop();

        let pool = database.pool().await;
        sqlx::query("UPDATE organizations SET acronym = 'BYCX' WHERE slug = 'baku-youth-club'")
            .execute(&pool)
            .await
            .unwrap();

        let server = Server::start(&data, Some(&url), &[]).await;
        let health = server.json("/healthz").await.1;
        assert!(health["search_position"].as_i64() > before["search_position"].as_i64(), "{health}");
        assert!(
            slugs(&server.search("q=BYCX").await).contains(&"baku-youth-club".to_string()),
            "missed change applied"
        );
        assert_eq!(health["search_documents"], before["search_documents"]);
        server.stop();

        // Stopped past the outbox's memory: the changes it missed are gone from
        // the outbox, so the index is rebuilt rather than trusted.
        sqlx::query("UPDATE organizations SET acronym = 'BYCZ' WHERE slug = 'baku-youth-club'")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("UPDATE organizations SET acronym = 'NUR-X' WHERE slug = 'nur-public-union-children-youth'")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("UPDATE search_outbox SET created_at = 0").execute(&pool).await.unwrap();
        let server = Server::start(&data, Some(&url), &[]).await;
        assert!(slugs(&server.search("q=BYCZ").await).contains(&"baku-youth-club".to_string()), "pruned change seen");
        let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM search_outbox").fetch_one(&pool).await.unwrap();
        assert_eq!(kept, 1, "old outbox rows pruned but the newest");
        server.stop();

        std::fs::remove_dir_all(data.join("search")).unwrap();
        let server = Server::start(&data, Some(&url), &[]).await;
        assert_eq!(server.json("/healthz").await.1["search_documents"], before["search_documents"], "rebuilt whole");
        assert!(slugs(&server.search("q=BYCZ").await).contains(&"baku-youth-club".to_string()));
        pool.close().await;
    }
}

#[tokio::test]
async fn instances_starting_together_migrate_and_load_the_demo_once() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let url = database.shared_url();
        let dirs: Vec<_> = (0..3).map(|i| database.data_dir.path().join(format!("i{i}"))).collect();
        let servers = futures_all(&dirs, &url).await;
        let pool = database.pool().await;
        let organizations: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(&pool).await.unwrap();
        let focal_points: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM focal_points").fetch_one(&pool).await.unwrap();
        assert_eq!((organizations, focal_points), (37, 14), "{}: the demo loaded exactly once", backend.name());
        for server in &servers {
            assert_eq!(server.search("per_page=1").await["total"], 37);
        }
        pool.close().await;
    }
}

async fn futures_all(dirs: &[std::path::PathBuf], url: &str) -> Vec<Server> {
    let mut starting = Vec::new();
    for dir in dirs {
        let (dir, url) = (dir.clone(), url.to_string());
        starting.push(tokio::spawn(async move { Server::start(&dir, Some(&url), &["--demo"]).await }));
    }
    let mut servers = Vec::new();
    for handle in starting {
        servers.push(handle.await.expect("instance started"));
    }
    servers
}

#[tokio::test]
async fn a_taken_address_or_an_unwritable_data_folder_stops_start_up_with_a_clear_message() {
    let database = TestDatabase::new(&Backend::Sqlite).await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let output = irene()
        .args(["serve", "--addr", &address, "--data"])
        .arg(database.data_dir.path())
        .output()
        .expect("run irene");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("already in use") && message.contains(&address), "{message}");

    let blocker = database.data_dir.path().join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let output = irene()
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(blocker.join("data"))
        .output()
        .expect("run irene");
    assert!(!output.status.success());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("data folder") && message.contains("a-file"), "{message}");

    let output = irene()
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", "mysql://nowhere/db", "--data"])
        .arg(database.data_dir.path())
        .output()
        .expect("run irene");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("unsupported database URL"));
}

#[tokio::test]
async fn loading_the_demo_twice_changes_nothing() {
    let database = TestDatabase::new(&Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    server.stop();
    let server = Server::demo(&database).await;
    assert_eq!(server.search("per_page=1").await["total"], 37);
    let pool = database.pool().await;
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons").fetch_one(&pool).await.unwrap();
    assert_eq!(people, 16);
}
