//! The knowledge library through HTTP on SQLite and PostgreSQL: a member publishes a best practice for its
//! organisation in two languages, attaches a file, readers of a third language see a version with a notice, the
//! profile lists it, the search finds it across scripts with its facets; others may not touch it. With an
//! S3-compatible store configured, library files, event sessions' documents and dossier documents go to its bucket
//! and leave it when deleted or replaced.

mod support;

use support::smtp::SmtpSink;
use support::{Browser, Server, TestDatabase, backends, encode, post_file, queued_requests, sign_in_admin, sign_up};

const ORGANIZATION: &str = "green-steppe-youth-initiative";

/// Registers "Green Steppe Youth Initiative" for the browser, which becomes its editor.
async fn register(ngo: &Browser) {
    let fields = [("name_en", "Green Steppe Youth Initiative"), ("kind", "ngo"), ("country", "AZ")];
    let (status, page, _) = ngo.post_page("/organizations/new", &fields).await;
    assert_eq!(status, 303, "{page}");
}

/// The fields of a best practice written in Azerbaijani and English.
fn best_practice() -> Vec<(&'static str, &'static str)> {
    vec![
        ("organization", ORGANIZATION),
        ("kind", "best_practice"),
        ("theme", "education"),
        ("country", "az"),
        ("goals", "4, 5"),
        ("tags", "youth, schools"),
        ("title_az", "Ədalət məktəbi"),
        ("body_az", "Lənkəranda gənclər üçün **hüquq** dərsləri.<script>alert(1)</script>"),
        ("problem_az", "Məktəblərdə hüquq təhsili yoxdur."),
        ("title_en", "Justice school"),
        ("body_en", "Law lessons for the **young**."),
        ("approach_en", "Volunteer lawyers teach in schools."),
    ]
}

#[tokio::test]
async fn members_publish_items_that_readers_find_across_scripts() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let ngo = sign_up(&server, &sink, "aygun@greensteppe.example").await;
        let stranger = sign_up(&server, &sink, "stranger@elsewhere.example").await;
        register(&ngo).await;

        // The demo brings the report's recommendations and training material, found across scripts, and its news.
        let (_, page) = server.text(&format!("/library?lang=en&q={}", encode("консультативный"))).await;
        assert!(page.contains("ECOSOC and its relationship with NGOs: applying for consultative status"), "{name}");
        let (_, page) = server.text("/library?lang=en&q=recommendations&type=document").await;
        assert!(page.contains("Recommendations for UN-NGO-IRENE/Caspian Region (Baku, November 2004)"), "{page}");
        let (_, page) = server.text("/networks/un-ngo-irene-caspian/news?lang=en").await;
        assert!(page.contains("Istanbul offers to host the Caspian network&#39;s follow-up meeting"), "{page}");

        // The form offers the organisations the member edits; others are refused, anonymous readers sent to sign in.
        let (status, page) = ngo.page("/library/new?lang=en").await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains(&format!("value=\"{ORGANIZATION}\"")));
        let anonymous = Browser::new(&server).get("/library/new").await;
        assert_eq!(anonymous.status(), 303);
        assert_eq!(stranger.post("/library/new", &best_practice()).await.status(), 403, "{name}");

        // Bad input comes back with the message beside its field and what was typed.
        let mut bad = best_practice();
        bad.retain(|(field, _)| *field != "title_en" && *field != "kind");
        bad.push(("goals", "18"));
        bad.retain(|(field, value)| *field != "goals" || *value == "18");
        let (status, page, _) = ngo.post_page("/library/new?lang=en", &bad).await;
        assert_eq!(status, 400, "{name}: {page}");
        assert!(page.contains("id=\"title_en-error\"") && page.contains("A version needs a title."), "{page}");
        assert!(page.contains("id=\"kind-error\"") && page.contains("id=\"goals-error\""));
        assert!(page.contains("Law lessons for the **young**."), "what was typed is kept");
        let mut nul = best_practice();
        nul.push(("tags", "a\0b"));
        assert_eq!(ngo.post("/library/new", &nul).await.status(), 400);

        let (status, _, location) = ngo.post_page("/library/new", &best_practice()).await;
        assert_eq!(status, 303, "{name}");
        let edit = location.expect("the item's edit page");
        let item = edit.trim_end_matches("/edit").to_string();
        assert!(item.starts_with("/library/"), "{item}");

        // Each reader gets their language's version, or another one with a notice and the right `lang`.
        let (status, page) = server.text(&format!("{item}?lang=az")).await;
        assert_eq!(status, 200);
        assert!(page.contains("<article lang=\"az\">") && page.contains("Ədalət məktəbi"), "{page}");
        assert!(page.contains("<strong>hüquq</strong>") && !page.contains("<script>alert"), "sanitised Markdown");
        assert!(page.contains("Məktəblərdə hüquq təhsili yoxdur.") && !page.contains("notice"));
        assert!(page.contains(&format!("href=\"/organizations/{ORGANIZATION}\"")), "the page names its organisation");
        let (_, page) = server.text(&format!("{item}?lang=ru")).await;
        assert!(page.contains("<article lang=\"en\">") && page.contains("Justice school"), "{page}");
        assert!(page.contains("нет версии"), "the fallback is said: {page}");
        assert!(page.contains("hreflang=\"az\""), "the other version is linked");

        // Files: a PDF is attached and downloaded as an attachment; other types and other people are refused.
        let pdf = b"%PDF-1.4\nlessons plan\n%%EOF";
        assert_eq!(
            post_file(&ngo, &format!("{item}/files"), &[], ("file", "lesson plan.pdf"), pdf).await.0,
            303,
            "{name}"
        );
        let (status, page) =
            post_file(&ngo, &format!("{item}/files?lang=en"), &[], ("file", "page.html"), b"<html><script>").await;
        assert_eq!(status, 400);
        assert!(page.contains("Only PDF, Word, OpenDocument, PNG or JPEG files are accepted."));
        assert_eq!(post_file(&stranger, &format!("{item}/files"), &[], ("file", "x.pdf"), pdf).await.0, 403);
        let (_, page) = server.text(&item).await;
        let download = page.split(&format!("href=\"{item}/files/")).nth(1).expect("a file link").split('"').next();
        let response = server.get(&format!("{item}/files/{}", download.unwrap())).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "application/pdf");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        let disposition = response.headers()["content-disposition"].to_str().unwrap().to_string();
        assert_eq!(disposition, "attachment; filename*=UTF-8''lesson%20plan.pdf");
        assert_eq!(response.bytes().await.unwrap().as_ref(), pdf);

        // Editing is for the organisation's people only.
        assert_eq!(stranger.get(&edit).await.status(), 403);
        assert_eq!(stranger.post(&format!("{item}/delete"), &[]).await.status(), 403);
        let mut changed = best_practice();
        changed.retain(|(field, _)| *field != "organization");
        changed.push(("title_ru", "Школа справедливости"));
        assert_eq!(ngo.post(&edit, &changed).await.status(), 303);

        // The organisation's profile lists it.
        let (_, profile) = server.text(&format!("/organizations/{ORGANIZATION}?lang=en")).await;
        assert!(profile.contains(&format!("href=\"{item}\" lang=\"en\">Justice school")), "{profile}");

        // The search finds it in any script and spelling, with its facets.
        // Azerbaijani typed in ASCII, ə as e, finds it too.
        for query in ["adalat", "Адалат", "Ədalət", "edalet", "Lenkeran", "maktab", "школа", "sprav", "youth"]
        {
            let (status, page) = server.text(&format!("/library?lang=en&q={}", encode(query))).await;
            assert_eq!(status, 200, "{name}: {query}");
            assert!(page.contains(&format!("href=\"{item}\"")), "{name}: {query} finds the item");
        }
        let (_, page) = server.text("/library?lang=en&q=tractor").await;
        assert!(!page.contains(&format!("href=\"{item}\"")) && page.contains("No item matches."));
        let (_, page) = server.text("/library?lang=en&q=adalat").await;
        assert!(page.contains("Best practice <span class=\"count\">1</span>"), "{page}");
        assert!(page.contains("Azerbaijan <span class=\"count\">1</span>"), "{page}");
        assert!(page.contains("href=\"/library?q=adalat&#38;type=best_practice\""), "{page}");
        for (filter, found) in
            [("type=best_practice", true), ("type=report", false), ("language=ru", true), ("theme=health", false)]
        {
            let (_, page) = server.text(&format!("/library?lang=en&q=adalat&{filter}")).await;
            assert_eq!(page.contains(&format!("href=\"{item}\"")), found, "{name}: {filter}");
        }
        assert_eq!(server.get("/library?type=poem").await.status(), 400);

        // The same as open data.
        let (status, answer) = server.json(&format!("/api/v1/library?q={}&lang=ru", encode("Адалат"))).await;
        assert_eq!(status, 200, "{name}: {answer}");
        assert_eq!(answer["total"], 1);
        assert_eq!(answer["items"][0]["url"], item.as_str());
        assert_eq!(answer["items"][0]["title"], "Школа справедливости");
        assert_eq!(answer["facets"]["type"][0]["value"], "best_practice");
        let (status, detail) = server.json(&format!("/api/v1{item}")).await;
        assert_eq!(status, 200);
        assert_eq!(detail["organization"], ORGANIZATION);
        assert_eq!(detail["goals"], serde_json::json!([4, 5]));
        assert_eq!(detail["versions"][2]["texts"]["problem"], "Məktəblərdə hüquq təhsili yoxdur.", "{detail}");
        assert!(detail["files"][0]["url"].as_str().unwrap().starts_with(&format!("{item}/files/")));
        let (status, error) = server.json("/api/v1/library?type=poem").await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("type")));
        assert_eq!(server.json("/api/v1/library/999999").await.0, 404);

        // Removing it takes its files along.
        assert_eq!(ngo.post(&format!("{item}/delete"), &[]).await.status(), 303);
        assert_eq!(server.get(&item).await.status(), 404);
    }
}

/// The S3-compatible store `scripts/test` starts (`moto_server`), as `http://127.0.0.1:PORT`; under CI it must be set.
fn s3_store() -> Option<String> {
    match std::env::var("IRENE_TEST_S3_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok() => panic!("IRENE_TEST_S3_URL must be set under CI"),
        _ => {
            eprintln!("IRENE_TEST_S3_URL not set: the S3 store test skipped");
            None
        }
    }
}

/// A bucket of the test store, with the keys the test store takes.
struct TestBucket {
    bucket: rusty_s3::Bucket,
    credentials: rusty_s3::Credentials,
    http: reqwest::Client,
}

impl TestBucket {
    async fn create(endpoint: &str, name: String) -> TestBucket {
        use rusty_s3::S3Action;
        let endpoint = endpoint.parse().expect("the store's URL");
        let bucket = rusty_s3::Bucket::new(endpoint, rusty_s3::UrlStyle::Path, name, "us-east-1").unwrap();
        let credentials = rusty_s3::Credentials::new("testing", "testing");
        let http = reqwest::Client::new();
        let url = bucket.create_bucket(&credentials).sign(std::time::Duration::from_secs(60));
        let response = http.put(url).header("content-length", "0").send().await.expect("the store answers");
        assert!(response.status().is_success(), "bucket made: {}", response.status());
        TestBucket { bucket, credentials, http }
    }

    /// The object's bytes, or `None` when the store has none under that key.
    async fn object(&self, key: &str) -> Option<Vec<u8>> {
        use rusty_s3::S3Action;
        let url = self.bucket.get_object(Some(&self.credentials), key).sign(std::time::Duration::from_secs(60));
        let response = self.http.get(url).send().await.expect("the store answers");
        match response.status().as_u16() {
            200 => Some(response.bytes().await.unwrap().to_vec()),
            404 => None,
            status => panic!("the store answered {status}"),
        }
    }
}

/// The demo on the database, its files in a new bucket of the test store named by `purpose` and the backend.
async fn server_with_bucket(
    endpoint: &str,
    purpose: &str,
    backend: &support::Backend,
    database: &TestDatabase,
    sink: &SmtpSink,
) -> (Server, TestBucket) {
    let bucket_name = format!("irene-{purpose}-{}-{}", backend.name(), std::process::id());
    let store = TestBucket::create(endpoint, bucket_name.clone()).await;
    let args = [
        "--demo",
        "--smtp-url",
        &sink.url,
        "--s3-endpoint",
        endpoint,
        "--s3-bucket",
        &bucket_name,
        "--s3-access-key",
        "testing",
        "--s3-secret-key",
        "testing",
    ];
    let server = Server::start(&database.data_dir.path().join("instance"), Some(&database.shared_url()), &args).await;
    (server, store)
}

#[tokio::test]
async fn files_go_to_the_s3_store_when_one_is_configured() {
    let Some(endpoint) = s3_store() else { return };
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let (server, store) = server_with_bucket(&endpoint, "library", &backend, &database, &sink).await;
        let ngo = sign_up(&server, &sink, "aygun@greensteppe.example").await;
        register(&ngo).await;
        let (status, _, location) = ngo.post_page("/library/new", &best_practice()).await;
        assert_eq!(status, 303, "{name}");
        let item = location.expect("the item's edit page").trim_end_matches("/edit").to_string();

        // The upload goes to the store; its row keeps the key and no content.
        let pdf = b"%PDF-1.4\nkept in the store\n%%EOF";
        let (status, page) = post_file(&ngo, &format!("{item}/files"), &[], ("file", "plan.pdf"), pdf).await;
        assert_eq!(status, 303, "{name}: {page}\n{}", server.log());
        let pool = database.pool().await;
        let item_id: i64 = item.trim_start_matches("/library/").parse().unwrap();
        let (file, key, content): (i64, Option<String>, String) =
            sqlx::query_as("SELECT id, object_key, content FROM library_files WHERE item_id = $1")
                .bind(item_id)
                .fetch_one(&pool)
                .await
                .unwrap();
        let key = key.expect("an object key");
        assert!(key.starts_with("library/") && content.is_empty(), "{name}: {key}");
        assert_eq!(store.object(&key).await.as_deref(), Some(&pdf[..]), "{name}: the object is in the store");

        // It downloads from the store as an attachment that is not to be sniffed.
        let response = server.get(&format!("{item}/files/{file}")).await;
        assert_eq!(response.status(), 200, "{name}: {}", server.log());
        assert_eq!(response.headers()["content-type"], "application/pdf");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert_eq!(response.headers()["content-disposition"], "attachment; filename*=UTF-8''plan.pdf");
        assert_eq!(response.bytes().await.unwrap().as_ref(), pdf);

        // Deleting the file deletes the object; deleting the item deletes the objects of its files.
        assert_eq!(ngo.post(&format!("{item}/files/{file}/delete"), &[]).await.status(), 303, "{name}");
        assert_eq!(store.object(&key).await, None, "{name}: the object is gone");
        assert_eq!(server.get(&format!("{item}/files/{file}")).await.status(), 404);
        assert_eq!(post_file(&ngo, &format!("{item}/files"), &[], ("file", "again.pdf"), pdf).await.0, 303);
        let key: String = sqlx::query_scalar("SELECT object_key FROM library_files WHERE item_id = $1")
            .bind(item_id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(store.object(&key).await.is_some(), "{name}");
        assert_eq!(ngo.post(&format!("{item}/delete"), &[]).await.status(), 303, "{name}");
        assert_eq!(store.object(&key).await, None, "{name}: the item's objects are gone with it");
    }
}

/// The object key of the newest row of a table of files.
async fn newest_key(database: &TestDatabase, table: &str) -> (i64, Option<String>, Option<String>) {
    let sql = format!("SELECT id, object_key, content FROM {table} ORDER BY id DESC LIMIT 1");
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_one(&database.pool().await).await.unwrap()
}

#[tokio::test]
async fn event_and_dossier_documents_go_to_the_s3_store_when_one_is_configured() {
    let Some(endpoint) = s3_store() else { return };
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let (server, store) = server_with_bucket(&endpoint, "documents", &backend, &database, &sink).await;
        let (coordinator, member) = coordinator_and_member(&server, &sink, &database).await;

        // A session's slides go to the store, come back from it to anyone, and leave it with their row.
        let event = [
            ("kind", "workshop"),
            ("title_en", "Slides in the store"),
            ("starts_on", "2027-07-01"),
            ("time_zone", "Asia/Baku"),
        ];
        let (status, _, location) = coordinator.post_page(&format!("/networks/{NETWORK}/events/new"), &event).await;
        assert_eq!(status, 303, "{name}");
        let event = location.expect("the event's page");
        let group = [("kind", "working_group"), ("title_en", "Working group on youth")];
        assert_eq!(coordinator.post_page(&format!("{event}/sessions"), &group).await.0, 303, "{name}");
        let session: i64 =
            sqlx::query_scalar("SELECT MAX(id) FROM event_sessions").fetch_one(&database.pool().await).await.unwrap();
        let slides = b"%PDF-1.4\n% slides kept in the store\n";
        let upload = format!("{event}/sessions/{session}/documents");
        let (status, page) = post_file(&coordinator, &upload, &[], ("file", "slides.pdf"), slides).await;
        assert_eq!(status, 303, "{name}: {page}\n{}", server.log());
        let (document, key, content) = newest_key(&database, "event_session_files").await;
        let key = key.expect("an object key");
        assert!(key.starts_with("events/") && content.as_deref() == Some(""), "{name}: {key}");
        assert_eq!(store.object(&key).await.as_deref(), Some(&slides[..]), "{name}: the object is in the store");
        let link = format!("{event}/documents/{document}");
        let download = server.get(&link).await;
        assert_eq!(download.status(), 200, "{name}: {}", server.log());
        assert_eq!(download.headers()["content-type"], "application/pdf");
        assert_eq!(download.headers()["x-content-type-options"], "nosniff");
        assert_eq!(download.bytes().await.unwrap().as_ref(), slides, "{name}");
        assert_eq!(coordinator.post_page(&format!("{link}/delete"), &[]).await.0, 303, "{name}");
        assert_eq!(store.object(&key).await, None, "{name}: the object is gone");
        assert_eq!(server.get(&link).await.status(), 404, "{name}");

        // A dossier's document goes there too; a newer one of a kind kept once replaces it, object and all.
        let dossier = format!("/organizations/{ORGANIZATION}/ecosoc");
        let certificate = b"%PDF-1.4\n% registration certificate\n";
        let kind = [("kind", "registration")];
        let documents = format!("{dossier}/documents");
        let (status, page) = post_file(&member, &documents, &kind, ("file", "certificate.pdf"), certificate).await;
        assert_eq!(status, 303, "{name}: {page}\n{}", server.log());
        let (first, first_key, content) = newest_key(&database, "ecosoc_documents").await;
        let first_key = first_key.expect("an object key");
        assert!(first_key.starts_with("dossier/") && content.as_deref() == Some(""), "{name}: {first_key}");
        assert_eq!(store.object(&first_key).await.as_deref(), Some(&certificate[..]), "{name}");
        let response = member.get(&format!("{documents}/{first}")).await;
        assert_eq!(response.status(), 200, "{name}: {}", server.log());
        assert_eq!(response.bytes().await.unwrap().as_ref(), certificate, "{name}");
        assert_eq!(coordinator.get(&format!("{documents}/{first}")).await.status(), 403, "{name}: not shared");
        let renewed = b"%PDF-1.4\n% registration certificate, renewed\n";
        assert_eq!(post_file(&member, &documents, &kind, ("file", "renewed.pdf"), renewed).await.0, 303, "{name}");
        assert_eq!(store.object(&first_key).await, None, "{name}: the replaced object is gone");
        let (second, second_key, _) = newest_key(&database, "ecosoc_documents").await;
        let second_key = second_key.expect("an object key");
        assert_eq!(store.object(&second_key).await.as_deref(), Some(&renewed[..]), "{name}");
        assert_eq!(member.post_page(&format!("{documents}/{second}/delete"), &[]).await.0, 303, "{name}");
        assert_eq!(store.object(&second_key).await, None, "{name}: the object is gone");
        assert_eq!(member.get(&format!("{documents}/{second}")).await.status(), 404, "{name}");
    }
}

const NETWORK: &str = "un-ngo-irene-azerbaijan";

/// A call for proposals of the Azerbaijani network, in English and Russian.
fn call() -> Vec<(&'static str, &'static str)> {
    vec![
        ("network", NETWORK),
        ("kind", "call"),
        ("deadline", "2027-06-01"),
        ("title_en", "Call for youth projects"),
        ("body_en", "Apply by **June**."),
        ("title_ru", "Конкурс молодёжных проектов"),
        ("body_ru", "Заявки до **июня**."),
    ]
}

#[tokio::test]
async fn coordinators_and_administrators_post_news_and_calls() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = sign_in_admin(&server, &database).await;
        // NAYORA's editor coordinates UN-NGO-IRENE/Azerbaijan.
        let coordinator = sign_up(&server, &sink, "fuad@nayora.example").await;
        coordinator.post("/organizations/nayora/claim", &[("message", "Chairperson")]).await;
        for id in queued_requests(&admin).await {
            assert_eq!(admin.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
        }
        let member = sign_up(&server, &sink, "aygun@greensteppe.example").await;

        // Coordinators post for their networks only, administrators for all too.
        let (status, page) = coordinator.page("/news/new?lang=en").await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains(&format!("value=\"{NETWORK}\"")) && !page.contains("Every network"), "{page}");
        assert!(!page.contains("value=\"un-ngo-irene-caspian\""));
        assert_eq!(member.get("/news/new").await.status(), 403);
        let mut elsewhere = call();
        elsewhere[0] = ("network", "un-ngo-irene-caspian");
        assert_eq!(coordinator.post("/news/new", &elsewhere).await.status(), 403);
        elsewhere[0] = ("network", "");
        assert_eq!(coordinator.post("/news/new", &elsewhere).await.status(), 403);
        assert_eq!(member.post("/news/new", &call()).await.status(), 403);

        // Bad input is shown again beside its field.
        let mut bad = call();
        bad[1] = ("kind", "deadline");
        bad[2] = ("deadline", "1 June");
        let (status, page, _) = coordinator.post_page("/news/new?lang=en", &bad).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("id=\"deadline-error\"") && page.contains("value=\"1 June\""), "{page}");
        let mut nul = call();
        nul[3] = ("title_en", "Call\0");
        assert_eq!(coordinator.post("/news/new", &nul).await.status(), 400);

        let (status, _, location) = coordinator.post_page("/news/new", &call()).await;
        assert_eq!(status, 303, "{name}");
        let call_href = location.expect("the post");
        let everyone =
            [("network", ""), ("kind", "news"), ("title_az", "Kitabxana açıldı"), ("body_az", "Xoş gəldiniz.")];
        let (status, _, location) = admin.post_page("/news/new", &everyone).await;
        assert_eq!(status, 303, "{name}");
        let news_href = location.expect("the post");

        // A network shows its own posts and those for all; a reader without their language is told so.
        let (_, page) = server.text(&format!("/networks/{NETWORK}/news?lang=en")).await;
        assert!(page.contains(&format!("href=\"{call_href}\" lang=\"en\">Call for youth projects")), "{page}");
        assert!(page.contains(&format!("href=\"{news_href}\" lang=\"az\">Kitabxana açıldı")));
        assert!(page.contains("2027-06-01"));
        let (_, page) = server.text("/networks/un-ngo-irene-caspian/news?lang=en").await;
        assert!(!page.contains(&call_href) && page.contains(&news_href));
        let (_, page) = server.text(&format!("{call_href}?lang=az")).await;
        assert!(page.contains("<article lang=\"en\">") && page.contains("<strong>June</strong>"), "{page}");
        assert!(page.contains("class=\"notice\""));
        let (_, page) = server.text(&format!("{call_href}?lang=ru")).await;
        assert!(page.contains("<article lang=\"ru\">") && !page.contains("class=\"notice\""));

        // The network's Atom feed, and what is new on the home page.
        let feed = server.get(&format!("/networks/{NETWORK}/news/feed.atom?lang=en")).await;
        assert_eq!(feed.headers()["content-type"], "application/atom+xml; charset=utf-8");
        let feed = feed.text().await.unwrap();
        assert!(feed.contains("<title>Call for youth projects</title>") && feed.contains("term=\"call\""), "{feed}");
        assert!(feed.contains("Kitabxana açıldı"));
        let (_, home) = server.text("/?lang=en").await;
        assert!(home.contains(&format!("href=\"{call_href}\"")) && home.contains(&format!("href=\"{news_href}\"")));

        // As open data.
        let (status, posts) = server.json(&format!("/api/v1/news?network={NETWORK}")).await;
        assert_eq!(status, 200);
        // The two posted here, besides the demo's, dated as the report dates them.
        let posts = posts.as_array().unwrap();
        let demo =
            posts.iter().filter(|p| p["published_at"].as_str().is_some_and(|d| d.starts_with("2004-11"))).count();
        assert_eq!((posts.len() - demo, demo), (2, 2), "{posts:?}");
        let listed = posts.iter().find(|p| p["kind"] == "call").expect("the call");
        assert_eq!((listed["deadline"].as_str(), listed["network"].as_str()), (Some("2027-06-01"), Some(NETWORK)));
        assert_eq!(listed["titles"]["ru"], "Конкурс молодёжных проектов");
        assert_eq!(server.json("/api/v1/news?network=nowhere").await.0, 404);

        // Only those who may post may take a post down.
        assert_eq!(member.post(&format!("{call_href}/delete"), &[]).await.status(), 403);
        assert_eq!(coordinator.post(&format!("{news_href}/delete"), &[]).await.status(), 403);
        assert_eq!(coordinator.post(&format!("{call_href}/delete"), &[]).await.status(), 303);
        assert_eq!(server.get(&call_href).await.status(), 404);
    }
}

/// NAYORA's editor, who coordinates the Azerbaijani network, and Green Steppe's, whose organisation it takes in.
async fn coordinator_and_member(server: &Server, sink: &SmtpSink, database: &TestDatabase) -> (Browser, Browser) {
    let admin = sign_in_admin(server, database).await;
    let coordinator = sign_up(server, sink, "fuad@nayora.example").await;
    coordinator.post("/organizations/nayora/claim", &[("message", "Chairperson")]).await;
    for id in queued_requests(&admin).await {
        assert_eq!(admin.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
    }
    let member = sign_up(server, sink, "aygun@greensteppe.example").await;
    register(&member).await;
    let join = [("network", NETWORK), ("message", "Hello")];
    assert_eq!(member.post(&format!("/organizations/{ORGANIZATION}/join"), &join).await.status(), 200);
    for id in queued_requests(&coordinator).await {
        assert_eq!(coordinator.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
    }
    (coordinator, member)
}

#[tokio::test]
async fn members_discuss_in_their_networks_groups_under_moderation() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let (coordinator, member) = coordinator_and_member(&server, &sink, &database).await;
        // Another organisation stays outside the network.
        let outsider = sign_up(&server, &sink, "someone@faraway.example").await;
        let fields = [("name_en", "Far Away Initiative"), ("kind", "ngo"), ("country", "KZ")];
        assert_eq!(outsider.post("/organizations/new", &fields).await.status(), 303);
        let anonymous = Browser::new(&server);
        let groups = format!("/networks/{NETWORK}/discussion");

        // Only the people of the network's organisations post.
        let thread = [("group", ""), ("title", "Youth exchange in spring"), ("body", "Who **joins** us?")];
        let (_, page) = outsider.page(&format!("{groups}?lang=en")).await;
        assert!(!page.contains("name=\"body\"") && page.contains("take part here"), "{page}");
        assert_eq!(outsider.post(&groups, &thread).await.status(), 403, "{name}");
        assert_eq!(anonymous.post(&groups, &thread).await.status(), 303);
        let (status, page, _) =
            member.post_page(&format!("{groups}?lang=en"), &[("group", "99"), ("title", ""), ("body", "Kept")]).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("id=\"title-error\"") && page.contains("id=\"group-error\"") && page.contains(">Kept<"));

        // A new member's first post waits for the coordinator.
        let (status, _, location) = member.post_page(&groups, &thread).await;
        assert_eq!(status, 303, "{name}");
        let address = location.expect("the thread");
        let (_, page) = member.page(&format!("{address}?lang=en")).await;
        assert!(page.contains("awaiting a coordinator") && page.contains("<strong>joins</strong>"), "{page}");
        assert_eq!(anonymous.get(&address).await.status(), 404);
        let (_, page) = anonymous.page(&format!("{groups}?lang=en")).await;
        assert!(!page.contains("Youth exchange in spring"));
        let (_, page) = coordinator.page(&format!("{address}?lang=en")).await;
        let approve = page.split("action=\"").find(|a| a.contains("/approve\"")).expect("approve").split('"').next();
        assert_eq!(member.post(approve.unwrap(), &[]).await.status(), 403, "members do not moderate");
        assert_eq!(coordinator.post(approve.unwrap(), &[]).await.status(), 303);
        let (status, page) = anonymous.page(&format!("{address}?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("Youth exchange in spring") && !page.contains("awaiting"));

        // The coordinator wants mail for every post; outsiders cannot choose any.
        assert_eq!(coordinator.post(&format!("{groups}/mail?lang=ru"), &[("mail", "every")]).await.status(), 303);
        assert_eq!(coordinator.post(&format!("{groups}/mail"), &[("mail", "hourly")]).await.status(), 400);
        assert_eq!(outsider.post(&format!("{groups}/mail"), &[("mail", "every")]).await.status(), 403);
        let (_, page) = coordinator.page(&groups).await;
        assert!(page.contains("value=\"every\" checked"), "the choice is kept");
        let before = sink.messages().len();

        // Once known, a member's replies appear at once and go out by mail; outsiders still may not reply.
        let reply = [("body", "Count our volunteers in.")];
        assert_eq!(member.post(&format!("{address}/reply"), &reply).await.status(), 303);
        let mails = sink.wait_for(before + 1, std::time::Duration::from_secs(15)).await;
        let mail =
            mails[before..].iter().find(|m| m.to.iter().any(|t| t.contains("fuad@nayora.example"))).expect("mail");
        assert_eq!(mail.subject, format!("[{NETWORK}] Youth exchange in spring"));
        assert!(
            mail.text.contains("Count our volunteers in.") && mail.text.contains(&format!("{}{address}", server.base))
        );
        assert!(mail.text.contains("пишет"), "in the language it was chosen in: {}", mail.text);
        assert_eq!(outsider.post(&format!("{address}/reply"), &reply).await.status(), 403);
        let (_, page) = anonymous.page(&address).await;
        assert!(page.contains("Count our volunteers in."), "{page}");

        // The coordinator hides the reply and locks the thread.
        let (_, page) = coordinator.page(&address).await;
        let hide = page.split("action=\"").filter(|a| a.contains("/hide\"")).last().unwrap().split('"').next();
        assert_eq!(coordinator.post(hide.unwrap(), &[]).await.status(), 303);
        let (_, page) = anonymous.page(&address).await;
        assert!(!page.contains("Count our volunteers in."));
        assert_eq!(member.post(&format!("{address}/lock"), &[]).await.status(), 403);
        assert_eq!(coordinator.post(&format!("{address}/lock"), &[]).await.status(), 303);
        assert_eq!(member.post(&format!("{address}/reply"), &reply).await.status(), 403);
        let (_, page) = member.page(&format!("{address}?lang=en")).await;
        assert!(page.contains("This thread is locked") && !page.contains("name=\"body\""));

        // A focal point has a group of its own.
        let focal = [("group", "1"), ("title", "Teaching rights"), ("body", "A plan.")];
        assert_eq!(member.post(&groups, &focal).await.status(), 303);
        let (_, page) = member.page(&format!("{groups}?lang=en")).await;
        let general = page.find("General discussion").unwrap();
        let teaching = page.find("Teaching rights").unwrap();
        assert!(teaching > general && page[general..teaching].contains("<h2>"), "listed under its focal point");

        // The visible threads and posts as open data.
        let (status, threads) = server.json(&format!("/api/v1/networks/{NETWORK}/threads")).await;
        assert_eq!(status, 200, "{name}: {threads}");
        let listed = threads.as_array().unwrap().iter().find(|t| t["url"] == address.as_str()).expect("the thread");
        assert_eq!((listed["locked"].as_bool(), listed["focal_point"].is_null()), (Some(true), true));
        let (_, posts) = server.json(&format!("/api/v1{}", address.replace("/discussion/", "/threads/"))).await;
        assert_eq!(posts.as_array().map(Vec::len), Some(1), "the hidden reply is left out: {posts}");
        assert_eq!(posts[0]["body"], "Who **joins** us?");
        assert_eq!(server.json(&format!("/api/v1/networks/{NETWORK}/threads/999999")).await.0, 404);

        // Every decision is in the history.
        let pool = database.pool().await;
        let actions: Vec<String> =
            sqlx::query_scalar("SELECT action FROM audit_log WHERE entity = 'discussion-thread' ORDER BY id")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert_eq!(actions, ["discussion.approve", "discussion.hide", "discussion.lock"], "{name}");
        pool.close().await;
    }
}

/// Sends a message through the SMTP server on `port`, as a mail client replying would.
async fn send_mail(port: u16, from: &str, to: &str, text: &str) -> Result<(), lettre::transport::smtp::Error> {
    use lettre::AsyncTransport as _;
    let transport =
        lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous("127.0.0.1").port(port).build();
    let message = lettre::Message::builder()
        .from(from.parse().unwrap())
        .to(to.parse().unwrap())
        .subject("Re: Consultative status workshop")
        .body(text.to_string())
        .unwrap();
    transport.send(message).await.map(|_| ())
}

/// Hands a message to `irene receive-mail` as a relay's pipe would; whether it was taken.
fn pipe_mail(database: &TestDatabase, from: &str, to: &str, text: &str) -> bool {
    use std::io::Write as _;
    let mut child = support::irene()
        .args(["receive-mail", "--database-url", &database.shared_url(), "--data"])
        .arg(database.data_dir.path().join("pipe"))
        .env("IRENE_LOG", "error")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("irene receive-mail");
    let message = format!("From: {from}\r\nTo: {to}\r\nSubject: Re: workshop\r\n\r\n{text}\r\n");
    child.stdin.take().unwrap().write_all(message.as_bytes()).unwrap();
    child.wait().unwrap().success()
}

async fn post_count(database: &TestDatabase) -> i64 {
    let pool = database.pool().await;
    let count = sqlx::query_scalar("SELECT COUNT(*) FROM discussion_posts").fetch_one(&pool).await.unwrap();
    pool.close().await;
    count
}

#[tokio::test]
async fn replies_by_mail_become_posts_and_forgeries_are_refused() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let inbound = support::free_port();
        let inbound_addr = format!("127.0.0.1:{inbound}");
        let args = [
            "--demo",
            "--smtp-url",
            &sink.url,
            "--inbound-smtp-addr",
            &inbound_addr,
            "--reply-domain",
            "irene.example",
        ];
        let server =
            Server::start(&database.data_dir.path().join("instance"), Some(&database.shared_url()), &args).await;
        let (coordinator, member) = coordinator_and_member(&server, &sink, &database).await;
        let groups = format!("/networks/{NETWORK}/discussion");

        // The member wants mail for every post; the coordinator opens a thread, whose mail carries a reply address.
        assert_eq!(member.post(&format!("{groups}/mail?lang=en"), &[("mail", "every")]).await.status(), 303);
        let before = sink.messages().len();
        let thread = [("group", ""), ("title", "Consultative status workshop"), ("body", "Who **comes**?")];
        let (status, _, location) = coordinator.post_page(&groups, &thread).await;
        assert_eq!(status, 303, "{name}");
        let address = location.expect("the thread");
        let mails = sink.wait_for(before + 1, std::time::Duration::from_secs(15)).await;
        let mail = mails[before..]
            .iter()
            .find(|m| m.to.iter().any(|t| t.contains("aygun@greensteppe.example")))
            .expect("the member's mail");
        let reply_to = mail.header("Reply-To").expect("a reply address").trim().to_string();
        assert!(reply_to.starts_with("reply+") && reply_to.ends_with("@irene.example"), "{reply_to}");
        assert!(mail.text.contains("Reply to this mail"), "{}", mail.text);

        // A reply through SMTP becomes the member's post, without the quote and the signature; a new member's
        // first post waits for the coordinator, as on the web.
        let reply = "We come, two of us.\r\n\r\nOn Monday, IRENE wrote:\r\n> Who comes?\r\n-- \r\nAygun";
        let posts = post_count(&database).await;
        send_mail(inbound, "aygun@greensteppe.example", &reply_to, reply).await.expect("the reply is taken");
        assert_eq!(post_count(&database).await, posts + 1, "{name}");
        let pool = database.pool().await;
        let body: String = sqlx::query_scalar("SELECT body FROM discussion_posts ORDER BY id DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
        pool.close().await;
        assert_eq!(body, "We come, two of us.", "{name}");
        let (_, page) = coordinator.page(&format!("{address}?lang=en")).await;
        assert!(page.contains("We come, two of us.") && page.contains("awaiting a coordinator"), "{page}");
        let (_, public) = Browser::new(&server).page(&address).await;
        assert!(!public.contains("We come, two of us."), "held, as a first post on the web is");

        // A forged address, another sender, an address IRENE never made: refused with 550, and nothing is written.
        let (local, domain) = reply_to.split_once('@').unwrap();
        let (value, tag) = local.trim_start_matches("reply+").split_once('.').unwrap();
        let other_value =
            if value.starts_with('M') { value.replacen('M', "N", 1) } else { format!("M{}", &value[1..]) };
        let forged = format!("reply+{other_value}.{tag}@{domain}");
        for (from, to) in [
            ("aygun@greensteppe.example", forged.as_str()),
            ("stranger@elsewhere.example", reply_to.as_str()),
            ("aygun@greensteppe.example", "aygun@irene.example"),
        ] {
            let error = send_mail(inbound, from, to, "Let me in.").await.expect_err("refused");
            assert!(error.is_permanent() && error.to_string().contains("550"), "{name}: {from} to {to}: {error}");
        }
        assert_eq!(post_count(&database).await, posts + 1, "{name}");

        // The same through a relay's pipe: taken from the member, refused with a failing exit otherwise.
        assert!(pipe_mail(&database, "aygun@greensteppe.example", &reply_to, "And a projector."), "{name}");
        assert_eq!(post_count(&database).await, posts + 2);
        assert!(!pipe_mail(&database, "aygun@greensteppe.example", &forged, "Forged."));
        assert!(!pipe_mail(&database, "fuad@elsewhere.example", &reply_to, "Not mine."));
        assert_eq!(post_count(&database).await, posts + 2, "{name}");

        // Once the thread is locked, replies by mail are refused too.
        assert_eq!(coordinator.post(&format!("{address}/lock"), &[]).await.status(), 303);
        let error = send_mail(inbound, "aygun@greensteppe.example", &reply_to, "Late.").await.expect_err("locked");
        assert!(error.is_permanent(), "{error}");
        assert_eq!(post_count(&database).await, posts + 2, "{name}");
    }
}

/// A bearer token of the browser's person; `write` makes it one that may change data.
async fn token(browser: &Browser, write: bool) -> String {
    let mut fields = vec![("name", "library")];
    if write {
        fields.push(("can_write", "1"));
    }
    let (status, page, _) = browser.post_page("/account/tokens?lang=en", &fields).await;
    assert_eq!(status, 200);
    page.split("<code id=\"new-token\">").nth(1).unwrap().split('<').next().unwrap().to_string()
}

/// An API write with a token (or none); its status and JSON answer.
async fn api_post(
    server: &Server,
    token: Option<&str>,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    api_write(server, reqwest::Method::POST, token, path, body).await
}

/// An API write of any method with a token (or none); its status and JSON answer.
async fn api_write(
    server: &Server,
    method: reqwest::Method,
    token: Option<&str>,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let mut request = reqwest::Client::new().request(method, server.url(&format!("/api/v1{path}"))).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(serde_json::Value::Null))
}

/// An API delete with a token (or none); its status.
async fn api_delete(server: &Server, token: Option<&str>, path: &str) -> u16 {
    let mut request = reqwest::Client::new().delete(server.url(&format!("/api/v1{path}")));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("request").status().as_u16()
}

#[tokio::test]
async fn the_api_writes_items_news_and_posts_under_the_rights_of_the_web() {
    use serde_json::json;
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let (coordinator, member) = coordinator_and_member(&server, &sink, &database).await;
        let outsider = sign_up(&server, &sink, "someone@faraway.example").await;
        let (member_token, reading_token) = (token(&member, true).await, token(&member, false).await);
        let (coordinator_token, outsider_token) = (token(&coordinator, true).await, token(&outsider, true).await);
        let (member_token, reading_token) = (Some(member_token.as_str()), Some(reading_token.as_str()));
        let (coordinator_token, outsider_token) = (Some(coordinator_token.as_str()), Some(outsider_token.as_str()));

        // Library items, for an organisation the token's owner acts for.
        let item = json!({
            "organization": ORGANIZATION, "kind": "training", "country": "AZ", "goals": [16], "tags": ["ecosoc"],
            "versions": {"en": {"title": "Applying for consultative status", "body": "The **questionnaire**."}},
        });
        for (token, status) in [(None, 401), (reading_token, 403), (outsider_token, 403)] {
            assert_eq!(api_post(&server, token, "/library", item.clone()).await.0, status, "{name}");
        }
        let (status, created) = api_post(&server, member_token, "/library", item.clone()).await;
        assert_eq!(status, 201, "{name}: {created}");
        assert_eq!(
            (created["organization"].as_str(), created["kind"].as_str()),
            (Some(ORGANIZATION), Some("training"))
        );
        let (_, page) = server.text(&format!("{}?lang=en", created["url"].as_str().unwrap())).await;
        assert!(page.contains("<strong>questionnaire</strong>"), "{page}");
        for (field, value, parameter) in [
            ("kind", json!("poem"), "kind"),
            ("organization", json!("nowhere"), "organization"),
            ("versions", json!({"en": {"body": "No title"}}), "versions"),
            ("versions", json!({"fr": {"title": "Titre"}}), "versions"),
            ("goals", json!([18]), "goals"),
        ] {
            let mut bad = item.clone();
            bad[field] = value;
            let (status, error) = api_post(&server, member_token, "/library", bad).await;
            assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some(parameter)), "{name}: {error}");
        }

        // Deleting an item takes the same rights; once gone, it is not found.
        let (status, doomed) = api_post(&server, member_token, "/library", item.clone()).await;
        assert_eq!(status, 201, "{name}: {doomed}");
        let doomed = doomed["url"].as_str().unwrap().to_string();
        for (token, status) in [(None, 401), (reading_token, 403), (outsider_token, 403)] {
            assert_eq!(api_delete(&server, token, &doomed).await, status, "{name}");
        }
        assert_eq!(server.get(&format!("/api/v1{doomed}")).await.status(), 200, "{name}: refused deletes keep it");
        assert_eq!(api_delete(&server, member_token, &doomed).await, 204, "{name}");
        assert_eq!(server.get(&format!("/api/v1{doomed}")).await.status(), 404, "{name}");
        assert_eq!(server.get(&format!("{doomed}?lang=en")).await.status(), 404, "{name}");
        assert_eq!(api_delete(&server, member_token, &doomed).await, 404, "{name}");
        assert_eq!(api_delete(&server, member_token, "/library/nothing").await, 404, "{name}");

        // News, for a network its coordinators post for; every network is for administrators.
        let call = json!({
            "network": NETWORK, "kind": "call", "deadline": "2027-06-01",
            "titles": {"en": "Call for youth projects"}, "bodies": {"en": "Apply by **June**."},
        });
        for (token, status) in [(None, 401), (member_token, 403)] {
            assert_eq!(api_post(&server, token, "/news", call.clone()).await.0, status, "{name}");
        }
        let mut everywhere = call.clone();
        everywhere["network"] = json!("");
        assert_eq!(api_post(&server, coordinator_token, "/news", everywhere).await.0, 403);
        let (status, posted) = api_post(&server, coordinator_token, "/news", call.clone()).await;
        assert_eq!(status, 201, "{name}: {posted}");
        assert_eq!((posted["deadline"].as_str(), posted["network"].as_str()), (Some("2027-06-01"), Some(NETWORK)));
        let (_, page) = server.text(&format!("/networks/{NETWORK}/news?lang=en")).await;
        assert!(page.contains("Call for youth projects"));
        for (field, value, parameter) in [
            ("deadline", json!("1 June"), "deadline"),
            ("network", json!("nowhere"), "network"),
            ("titles", json!({}), "titles"),
        ] {
            let mut bad = call.clone();
            bad[field] = value;
            let (status, error) = api_post(&server, coordinator_token, "/news", bad).await;
            assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some(parameter)), "{name}: {error}");
        }

        // Threads and replies, held for a coordinator as on the web; outsiders may not post.
        let threads = format!("/networks/{NETWORK}/threads");
        let thread = json!({"title": "Youth exchange in spring", "body": "Who **joins** us?"});
        for (token, status) in [(None, 401), (reading_token, 403), (outsider_token, 403)] {
            assert_eq!(api_post(&server, token, &threads, thread.clone()).await.0, status, "{name}");
        }
        let (status, error) =
            api_post(&server, member_token, &threads, json!({"title": "T", "body": "B", "focal_point": 99})).await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("focal_point")), "{error}");
        let (status, held) = api_post(&server, member_token, &threads, thread.clone()).await;
        assert_eq!((status, held["status"].as_str()), (201, Some("held")), "{name}: {held}");
        let (status, opened) = api_post(&server, coordinator_token, &threads, thread.clone()).await;
        assert_eq!((status, opened["status"].as_str()), (201, Some("visible")), "{name}: {opened}");
        let replies = format!("{threads}/{}", opened["thread"]);
        assert_eq!(api_post(&server, outsider_token, &replies, json!({"body": "Me too"})).await.0, 403);
        let (status, error) = api_post(&server, member_token, &replies, json!({"body": ""})).await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("body")));
        let (status, reply) = api_post(&server, member_token, &replies, json!({"body": "Count us in."})).await;
        assert_eq!((status, reply["status"].as_str()), (201, Some("held")), "{name}: {reply}");
        let (status, reply) = api_post(&server, coordinator_token, &replies, json!({"body": "Welcome."})).await;
        assert_eq!((status, reply["status"].as_str()), (201, Some("visible")));
        let (_, posts) = server.json(&format!("/api/v1{replies}")).await;
        assert_eq!(posts.as_array().map(Vec::len), Some(2), "the held reply is not shown yet: {posts}");
        assert_eq!(coordinator.post(&format!("{}/lock", opened["url"].as_str().unwrap()), &[]).await.status(), 303);
        assert_eq!(api_post(&server, coordinator_token, &replies, json!({"body": "Late"})).await.0, 403);
        assert_eq!(api_post(&server, member_token, &format!("{threads}/999999"), json!({"body": "x"})).await.0, 404);

        // The writes are in the OpenAPI document with their token.
        let (_, openapi) = server.json("/api/openapi.json").await;
        for path in ["/library", "/news", "/networks/{slug}/threads", "/networks/{slug}/threads/{id}"] {
            assert!(openapi["paths"][path]["post"]["security"].is_array(), "{path}");
        }
        assert!(openapi["paths"]["/library/{id}"]["delete"]["security"].is_array());
    }
}

/// An API change with a token (or none); its status and JSON answer.
async fn api_patch(
    server: &Server,
    token: Option<&str>,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    api_write(server, reqwest::Method::PATCH, token, path, body).await
}

/// How many entries of an action on an entity the history holds.
async fn history(database: &TestDatabase, action: &str, entity_id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND entity_id = $2")
        .bind(action)
        .bind(entity_id)
        .fetch_one(&database.pool().await)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_api_edits_items_deletes_news_and_moderates_under_the_rights_of_the_web() {
    use serde_json::json;
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let (coordinator, member) = coordinator_and_member(&server, &sink, &database).await;
        let admin = support::Browser::new(&server);
        let credentials = [("email", "admin@irene.example"), ("password", support::PASSWORD)];
        assert_eq!(admin.post("/account/signin", &credentials).await.status(), 303, "{name}");
        let outsider = sign_up(&server, &sink, "someone@faraway.example").await;
        let tokens = [token(&member, true).await, token(&member, false).await, token(&coordinator, true).await];
        let (outsider_token, admin_token) = (token(&outsider, true).await, token(&admin, true).await);
        let [member_token, reading_token, coordinator_token] = tokens.each_ref().map(|t| Some(t.as_str()));
        let (outsider_token, admin_token) = (Some(outsider_token.as_str()), Some(admin_token.as_str()));

        // An item is changed field by field and version by version by those who edit it on the web.
        let item = json!({
            "organization": ORGANIZATION, "kind": "training", "country": "AZ", "tags": ["ecosoc"],
            "versions": {"en": {"title": "Applying for consultative status", "body": "The questionnaire."}},
        });
        let (status, created) = api_post(&server, member_token, "/library", item).await;
        assert_eq!(status, 201, "{name}: {created}");
        let (id, address) = (created["id"].as_i64().unwrap(), created["url"].as_str().unwrap().to_string());
        let change = json!({
            "tags": ["ecosoc", "questionnaire"],
            "versions": {"az": {"title": "Məşvərətçi status üçün müraciət"}, "en": {"body": "The **questionnaire**."}},
        });
        for (token, status) in [(None, 401), (reading_token, 403), (outsider_token, 403), (coordinator_token, 403)] {
            assert_eq!(api_patch(&server, token, &address, change.clone()).await.0, status, "{name}");
        }
        let (status, changed) = api_patch(&server, member_token, &address, change).await;
        assert_eq!(status, 200, "{name}: {changed}");
        assert_eq!(changed["tags"], json!(["ecosoc", "questionnaire"]), "{name}");
        assert_eq!(changed["kind"], "training", "{name}: what is left out stays");
        let versions = changed["versions"].as_array().unwrap();
        let english = versions.iter().find(|v| v["lang"] == "en").expect("the English version");
        assert_eq!(english["texts"]["title"], "Applying for consultative status", "{name}: its title stays");
        assert_eq!(english["texts"]["body"], "The **questionnaire**.", "{name}");
        let (_, page) = server.text(&format!("{address}?lang=az")).await;
        assert!(page.contains("Məşvərətçi status üçün müraciət"), "{name}: {page}");
        // A version goes with `null`; the last one may not.
        let (status, changed) = api_patch(&server, member_token, &address, json!({"versions": {"en": null}})).await;
        assert_eq!((status, changed["versions"].as_array().map(Vec::len)), (200, Some(1)), "{name}: {changed}");
        for (body, parameter) in [
            (json!({"versions": {"az": null}}), "versions"),
            (json!({"versions": {"az": {"title": ""}}}), "versions"),
            (json!({"versions": {"fr": {"title": "Titre"}}}), "versions"),
            (json!({"versions": {"az": {"summary": "Xülasə"}}}), "versions"),
            (json!({"kind": "poem"}), "kind"),
            (json!({"theme": "astrology"}), "theme"),
            (json!({"country": "Azerbaijan"}), "country"),
            (json!({"goals": [18]}), "goals"),
            (json!({"tags": "one"}), "body"),
        ] {
            let (status, error) = api_patch(&server, member_token, &address, body).await;
            assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some(parameter)), "{name}: {error}");
        }
        let (_, kept) = server.json(&format!("/api/v1{address}")).await;
        assert_eq!(kept["versions"].as_array().map(Vec::len), Some(1), "{name}: refused changes change nothing");
        assert_eq!(history(&database, "library.update", id).await, 2, "{name}");
        for missing in ["/library/999999", "/library/nothing"] {
            assert_eq!(api_patch(&server, member_token, missing, json!({})).await.0, 404, "{name}");
        }

        // News is taken down by its network's coordinators, news for every network by administrators.
        let call = json!({
            "network": NETWORK, "kind": "call", "deadline": "2027-06-01", "titles": {"en": "Call for youth projects"},
        });
        let (status, posted) = api_post(&server, coordinator_token, "/news", call.clone()).await;
        assert_eq!(status, 201, "{name}: {posted}");
        let mut everywhere = call.clone();
        everywhere["network"] = json!(null);
        let (status, general) = api_post(&server, admin_token, "/news", everywhere).await;
        assert_eq!(status, 201, "{name}: {general}");
        let (posted, general) = (posted["id"].as_i64().unwrap(), general["id"].as_i64().unwrap());
        let (doomed, general_path) = (format!("/news/{posted}"), format!("/news/{general}"));
        for (token, status) in [(None, 401), (member_token, 403), (outsider_token, 403)] {
            assert_eq!(api_delete(&server, token, &doomed).await, status, "{name}");
        }
        assert_eq!(api_delete(&server, coordinator_token, &general_path).await, 403, "{name}");
        assert_eq!(server.get(&doomed).await.status(), 200, "{name}: refused deletes keep it");
        assert_eq!(api_delete(&server, coordinator_token, &doomed).await, 204, "{name}");
        assert_eq!(server.get(&doomed).await.status(), 404, "{name}");
        assert_eq!(api_delete(&server, coordinator_token, &doomed).await, 404, "{name}");
        assert_eq!(api_delete(&server, admin_token, &general_path).await, 204, "{name}");
        assert_eq!(api_delete(&server, admin_token, "/news/nothing").await, 404, "{name}");
        assert_eq!(history(&database, "news.delete", posted).await, 1, "{name}");

        // Coordinators let a held post through, hide one, and lock and open a thread; no one else may.
        let threads = format!("/networks/{NETWORK}/threads");
        let thread = json!({"title": "Youth exchange in spring", "body": "Who joins us?"});
        let (status, opened) = api_post(&server, coordinator_token, &threads, thread).await;
        assert_eq!(status, 201, "{name}: {opened}");
        let thread_id = opened["thread"].as_i64().unwrap();
        let replies = format!("{threads}/{thread_id}");
        let (_, held) = api_post(&server, member_token, &replies, json!({"body": "Count us in."})).await;
        assert_eq!(held["status"], "held", "{name}: {held}");
        let held_post = format!("{replies}/posts/{}", held["post"]);
        let show = json!({"status": "visible"});
        for (token, status) in [(None, 401), (reading_token, 403), (member_token, 403), (outsider_token, 403)] {
            assert_eq!(api_patch(&server, token, &held_post, show.clone()).await.0, status, "{name}");
        }
        let (status, decided) = api_patch(&server, coordinator_token, &held_post, show).await;
        assert_eq!((status, decided["status"].as_str()), (200, Some("visible")), "{name}: {decided}");
        let visible = |posts: serde_json::Value| posts.as_array().map(Vec::len);
        assert_eq!(visible(server.json(&format!("/api/v1{replies}")).await.1), Some(2), "{name}");
        let hide = json!({"status": "hidden"});
        assert_eq!(api_patch(&server, member_token, &held_post, hide.clone()).await.0, 403, "{name}");
        let (status, decided) = api_patch(&server, coordinator_token, &held_post, hide.clone()).await;
        assert_eq!((status, decided["status"].as_str()), (200, Some("hidden")), "{name}: {decided}");
        assert_eq!(visible(server.json(&format!("/api/v1{replies}")).await.1), Some(1), "{name}: hidden");
        let (status, error) = api_patch(&server, coordinator_token, &held_post, json!({"status": "gone"})).await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("status")), "{name}: {error}");
        for missing in
            [format!("{replies}/posts/999999"), format!("{threads}/999999/posts/1"), format!("{replies}/posts/x")]
        {
            assert_eq!(api_patch(&server, coordinator_token, &missing, hide.clone()).await.0, 404, "{name}");
        }
        assert_eq!(history(&database, "discussion.approve", thread_id).await, 1, "{name}");
        assert_eq!(history(&database, "discussion.hide", thread_id).await, 1, "{name}");

        let lock = json!({"locked": true});
        for (token, status) in [(None, 401), (reading_token, 403), (member_token, 403), (outsider_token, 403)] {
            assert_eq!(api_patch(&server, token, &replies, lock.clone()).await.0, status, "{name}");
        }
        let (status, locked) = api_patch(&server, coordinator_token, &replies, lock).await;
        assert_eq!((status, locked["locked"].as_bool()), (200, Some(true)), "{name}: {locked}");
        assert_eq!(api_post(&server, member_token, &replies, json!({"body": "Late."})).await.0, 403, "{name}");
        let (status, error) = api_patch(&server, coordinator_token, &replies, json!({"locked": "yes"})).await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("body")), "{name}: {error}");
        let (status, opened) = api_patch(&server, coordinator_token, &replies, json!({"locked": false})).await;
        assert_eq!((status, opened["locked"].as_bool()), (200, Some(false)), "{name}: {opened}");
        assert_eq!(api_post(&server, member_token, &replies, json!({"body": "In time."})).await.0, 201, "{name}");
        assert_eq!(history(&database, "discussion.lock", thread_id).await, 1, "{name}");
        assert_eq!(history(&database, "discussion.unlock", thread_id).await, 1, "{name}");
        // Hiding a thread's first post hides the thread.
        let first = format!("{replies}/posts/{}", opened_post(&server, &replies).await);
        assert_eq!(api_patch(&server, coordinator_token, &first, hide).await.0, 200, "{name}");
        let (_, listed) = server.json(&format!("/api/v1{threads}")).await;
        assert!(!listed.as_array().unwrap().iter().any(|t| t["id"] == thread_id), "{name}: {listed}");

        // The changes are in the OpenAPI document with their token.
        let (_, openapi) = server.json("/api/openapi.json").await;
        for (path, method) in [
            ("/library/{id}", "patch"),
            ("/news/{id}", "delete"),
            ("/networks/{slug}/threads/{id}", "patch"),
            ("/networks/{slug}/threads/{id}/posts/{post}", "patch"),
        ] {
            assert!(openapi["paths"][path][method]["security"].is_array(), "{path} {method}");
            assert!(openapi["paths"][path][method]["responses"]["403"].is_object(), "{path} {method}");
        }
    }
}

/// The number of a thread's first visible post.
async fn opened_post(server: &Server, replies: &str) -> i64 {
    let (_, posts) = server.json(&format!("/api/v1{replies}")).await;
    posts[0]["id"].as_i64().expect("a visible post")
}
