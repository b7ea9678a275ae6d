//! Profiles as people expect them, through HTTP on SQLite and PostgreSQL: themes and goals, reach, languages,
//! expertise, size and a logo chosen at registration and on editing, shown on the page and in the API, kept in
//! the history; duplicates caught at registration; two profiles of one organisation merged into one.

mod support;

use support::smtp::SmtpSink;
use support::{Browser, PNG, Server, backends, post_file, sign_up};

fn version_in(form: &str) -> String {
    form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
}

/// Waits until the theme's page lists the organisation: the page reads the database, so at once.
async fn theme_lists(server: &Server, theme: &str, name: &str) -> bool {
    server.text(&format!("/themes/{theme}?lang=en")).await.1.contains(name)
}

#[tokio::test]
async fn a_profile_says_what_the_organisation_does_where_and_how_large_it_is() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = support::TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let ngo = sign_up(&server, &sink, "leyla@caspianwater.example").await;
        let anonymous = Browser::new(&server);

        // Countries are chosen by name, in the reader's language and order.
        let (status, form) = ngo.page("/organizations/new?lang=ru").await;
        assert_eq!(status, 200);
        assert!(form.contains("<select id=\"country\" name=\"country\""), "a list, not a code to type");
        assert!(form.contains("<option value=\"AZ\">Азербайджан</option>"));
        let (albania, austria) = (form.find(">Албания<").unwrap(), form.find(">Австрия<").unwrap());
        assert!(austria < albania, "Австрия before Албания, as Russian readers sort");
        assert!(form.contains("name=\"theme_environment\""), "themes are chosen on registration");
        assert!(form.contains("name=\"goal_sdg-6\""), "and goals, each by itself");
        assert!(form.contains("ЦУР 6: Чистая вода и санитария"), "named in Russian");

        // A wrong field is named, and everything typed stays.
        let mut fields = vec![
            ("name_en", "Caspian Water Watch"),
            ("kind", "ngo"),
            ("country", "AZ"),
            ("website", "caspianwater.example/about"),
            ("theme_environment", "on"),
            ("theme_health", "on"),
            ("goal_sdg-6", "on"),
            ("goal_mdg-7", "on"),
            ("goal_sdg-99", "on"),
            ("scope", "regional"),
            ("work_AZ", "on"),
            ("work_GE", "on"),
            ("language_az", "on"),
            ("language_ru", "on"),
            ("expertise", "Water quality\nPublic hearings"),
            ("staff", "-4"),
            ("volunteers", "35"),
        ];
        let (status, page, _) = ngo.post_page("/organizations/new?lang=en", &fields).await;
        assert_eq!(status, 400);
        assert!(page.contains("id=\"staff-error\""), "the staff count is named");
        assert!(page.contains("name=\"theme_environment\" value=\"on\" checked"), "ticked themes stay ticked");
        assert!(page.contains("name=\"goal_sdg-6\" value=\"on\" checked"), "and ticked goals");
        assert!(page.contains("name=\"work_GE\" value=\"on\" checked") && page.contains("Public hearings"));
        fields.retain(|(name, _)| *name != "staff");
        fields.push(("staff", "6"));
        let (status, _, location) = ngo.post_page("/organizations/new", &fields).await;
        assert_eq!((status, location.as_deref()), (303, Some("/organizations/caspian-water-watch/join")));

        // The page, the API and the theme's page show it all at once.
        let (_, profile) = anonymous.page("/organizations/caspian-water-watch?lang=en").await;
        for shown in
            ["Regional", "Azerbaijan, Georgia", "lang=\"ru\">Русский", "Water quality", "<dd>6</dd>", "<dd>35</dd>"]
        {
            assert!(profile.contains(shown), "{shown} shown");
        }
        assert!(profile.contains("href=\"https://caspianwater.example/about\""), "a website typed without https://");
        assert!(profile.contains("href=\"/themes/environment\""));
        assert!(profile.contains("<li>MDG 7: Ensure environmental sustainability</li>"), "its goals on the profile");
        assert!(profile.contains("<li>SDG 6: Clean Water and Sanitation</li>"));
        let (status, api) = server.json("/api/v1/organizations/caspian-water-watch").await;
        assert_eq!(status, 200);
        assert_eq!(api["scope"], "regional");
        assert_eq!(api["countries_of_work"], serde_json::json!(["AZ", "GE"]));
        assert_eq!(api["languages"], serde_json::json!(["az", "ru"]));
        assert_eq!(api["staff"], 6);
        assert_eq!(api["goals"], serde_json::json!(["mdg-7", "sdg-6"]), "in order; an unknown goal is not one");
        assert_eq!(api["website"], "https://caspianwater.example/about");
        assert!(api["themes"].as_array().unwrap().contains(&"environment".into()));
        assert!(theme_lists(&server, "environment", "Caspian Water Watch").await, "under its theme at once");
        let (_, spec) = server.json("/api/openapi.json").await;
        assert!(spec["components"]["schemas"]["OrganizationDetail"]["properties"]["countries_of_work"].is_object());

        // Edited: a theme less, a language more; then the earlier version restored by an administrator.
        let (_, form) = ngo.page("/organizations/caspian-water-watch/edit?lang=en").await;
        assert!(form.contains("name=\"theme_health\" value=\"on\" checked"));
        let version = version_in(&form);
        let edit = [
            ("version", version.as_str()),
            ("name_en", "Caspian Water Watch"),
            ("kind", "ngo"),
            ("country", "AZ"),
            ("consultative_status", "none"),
            ("theme_health", "on"),
            ("language_en", "on"),
            ("scope", "national"),
        ];
        let (status, _, _) = ngo.post_page("/organizations/caspian-water-watch/edit", &edit).await;
        assert_eq!(status, 303);
        assert!(!theme_lists(&server, "environment", "Caspian Water Watch").await, "gone from the theme it left");
        let (_, api) = server.json("/api/v1/organizations/caspian-water-watch").await;
        assert_eq!((api["scope"].as_str(), api["languages"].clone()), (Some("national"), serde_json::json!(["en"])));
        let admin = support::sign_in_admin(&server, &database).await;
        let (_, history) = admin.page("/organizations/caspian-water-watch/history?lang=en").await;
        assert!(history.contains("Geographic scope") && history.contains("Themes"), "the change, field by field");
        let entry = history.split("/history/").nth(1).unwrap().split('/').next().unwrap().to_string();
        let restore = format!("/organizations/caspian-water-watch/history/{entry}/restore");
        assert_eq!(admin.post(&restore, &[]).await.status(), 303);
        let (_, api) = server.json("/api/v1/organizations/caspian-water-watch").await;
        assert_eq!(api["scope"], "regional", "{}: restored", backend.name());
        assert!(theme_lists(&server, "environment", "Caspian Water Watch").await, "and its themes with it");

        // The API changes them too, refusing a value the form would not offer.
        let (_, page, _) = ngo.post_page("/account/tokens?lang=en", &[("name", "sync"), ("can_write", "1")]).await;
        let token = page.split("<code id=\"new-token\">").nth(1).unwrap().split('<').next().unwrap().to_string();
        let patch = |body: serde_json::Value| {
            reqwest::Client::new()
                .patch(server.url("/api/v1/organizations/caspian-water-watch"))
                .bearer_auth(&token)
                .json(&body)
                .send()
        };
        let version = api["version"].clone();
        let refused = patch(serde_json::json!({ "version": version, "languages": ["xx"] })).await.unwrap();
        assert_eq!(refused.status(), 400);
        assert_eq!(refused.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "languages");
        let refused = patch(serde_json::json!({ "version": version, "goals": ["sdg-18"] })).await.unwrap();
        assert_eq!(refused.status(), 400);
        assert_eq!(refused.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "goals");
        let changed = serde_json::json!({
            "version": version, "themes": ["education"], "countries_of_work": ["KZ"], "expertise": ["Youth work"],
            "members": 120, "goals": ["sdg-4", "mdg-2"],
        });
        let answer: serde_json::Value = patch(changed).await.unwrap().json().await.unwrap();
        assert_eq!(
            (answer["themes"].clone(), answer["countries_of_work"].clone()),
            (serde_json::json!(["education"]), serde_json::json!(["KZ"]))
        );
        assert_eq!(
            (answer["members"].as_i64(), answer["scope"].as_str()),
            (Some(120), Some("regional")),
            "the rest kept"
        );
        assert_eq!(answer["goals"], serde_json::json!(["mdg-2", "sdg-4"]));

        // A logo: an image told by its bytes, served as one.
        let logo = "/organizations/caspian-water-watch/logo";
        let (status, page) = post_file(&ngo, &format!("{logo}?lang=en"), &[], ("logo", "logo.svg"), b"<svg/>").await;
        assert_eq!(status, 400);
        assert!(page.contains("id=\"logo-error\"") && page.contains("not a PNG"), "{page}");
        let big = [PNG, &vec![0u8; 210 * 1024]].concat();
        let (status, page) = post_file(&ngo, &format!("{logo}?lang=en"), &[], ("logo", "big.png"), &big).await;
        assert_eq!(status, 400);
        assert!(page.contains("too large"));
        let stranger = sign_up(&server, &sink, "someone@elsewhere.example").await;
        assert_eq!(post_file(&stranger, logo, &[], ("logo", "logo.png"), PNG).await.0, 403);
        let (status, location) = post_file(&ngo, logo, &[], ("logo", "logo.png"), PNG).await;
        assert_eq!((status, location.as_str()), (303, "/organizations/caspian-water-watch?saved=1"));
        let response = anonymous.get(logo).await;
        assert_eq!(response.status(), 200);
        let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_string());
        assert_eq!(header("content-type").as_deref(), Some("image/png"));
        assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
        assert!(header("cache-control").is_some_and(|c| c.contains("max-age")) && header("etag").is_some());
        assert_eq!(response.bytes().await.unwrap().as_ref(), PNG);
        let (_, profile) = anonymous.page("/organizations/caspian-water-watch?lang=en").await;
        assert!(profile.contains("alt=\"Logo of Caspian Water Watch\""));
        let (_, api) = server.json("/api/v1/organizations/caspian-water-watch").await;
        assert!(api["logo"].as_str().is_some_and(|l| l.starts_with(logo)));
        assert_eq!(anonymous.get("/organizations/nayora/logo").await.status(), 404, "no logo, nothing there");
    }
}

/// The ids of the requests a coordinator's queue offers to decide.
fn request_ids(queue: &str) -> Vec<String> {
    queue.split("action=\"/requests/").skip(1).map(|s| s.split('/').next().unwrap().to_string()).collect()
}

/// A person who edits NAYORA, and so coordinates UN-NGO-IRENE/Azerbaijan, through a claim the administrator
/// approves.
async fn nayora_coordinator(server: &Server, sink: &SmtpSink, admin: &Browser, email: &str) -> Browser {
    let coordinator = sign_up(server, sink, email).await;
    assert_eq!(coordinator.post("/organizations/nayora/claim", &[("message", "Chair")]).await.status(), 200);
    let (_, queue) = admin.page("/requests?lang=en").await;
    let id = request_ids(&queue).into_iter().last().expect("the claim is queued");
    assert_eq!(admin.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
    coordinator
}

/// The demo with an administrator, NAYORA's editor (the Azerbaijan network's coordinator) and an NGO's person.
struct Scene {
    database: support::TestDatabase,
    server: Server,
    admin: Browser,
    coordinator: Browser,
    ngo: Browser,
}

impl Scene {
    async fn new(backend: &support::Backend, sink: &SmtpSink) -> Scene {
        let database = support::TestDatabase::new(backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = support::sign_in_admin(&server, &database).await;
        let coordinator = nayora_coordinator(&server, sink, &admin, "chair@nayora.example").await;
        let ngo = sign_up(&server, sink, "ramin@club.example").await;
        Scene { database, server, admin, coordinator, ngo }
    }
}

#[tokio::test]
async fn registering_a_known_name_offers_the_profile_first_and_a_declined_registration_is_not_public() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let Scene { database: _database, server, admin: _, coordinator, ngo } = Scene::new(&backend, &sink).await;

        // "Bakı Gənclər Klubu" typed with an i for its ı is the Baku Youth Club.
        let mut fields = vec![
            ("name_en", "Baki Gənclər Klubu"),
            ("kind", "ngo"),
            ("country", "AZ"),
            ("city", "Baku"),
            ("theme_education", "on"),
        ];
        let (status, page, _) = ngo.post_page("/organizations/new?lang=en", &fields).await;
        assert_eq!(status, 200, "{}: offered, not registered", backend.name());
        assert!(page.contains("may be in the directory already"));
        assert!(page.contains("href=\"/organizations/baku-youth-club/claim\""), "the profile to claim");
        assert!(
            page.contains("name=\"confirmed\" value=\"yes\"") && page.contains("Register a new organisation anyway")
        );
        assert!(
            page.contains("value=\"Baki Gənclər Klubu\"")
                && page.contains("name=\"theme_education\" value=\"on\" checked")
        );
        let (status, _, _) =
            ngo.post_page("/organizations/new", &[("name_ru", "Бакинский молодёжный клуб"), ("kind", "ngo")]).await;
        assert_eq!(status, 200, "the Russian name, spelt with ё, is known too");
        // A name nobody bears goes through at once; a known one once confirmed.
        fields.push(("confirmed", "yes"));
        let (status, _, location) = ngo.post_page("/organizations/new", &fields).await;
        assert_eq!((status, location.as_deref()), (303, Some("/organizations/baki-ganclar-klubu/join")));

        // It asks to join; the coordinator declines: it leaves the public directory, not its editor's view.
        assert_eq!(
            ngo.post(
                "/organizations/baki-ganclar-klubu/join",
                &[("network", "un-ngo-irene-azerbaijan"), ("message", "")]
            )
            .await
            .status(),
            200
        );
        let (_, queue) = coordinator.page("/requests?lang=en").await;
        let id = request_ids(&queue).into_iter().next().expect("the join request");
        let declined = coordinator.post(&format!("/requests/{id}/decline"), &[("reason", "Not an NGO of ours")]).await;
        assert_eq!(declined.status(), 303);
        let anonymous = Browser::new(&server);
        assert_eq!(anonymous.get("/organizations/baki-ganclar-klubu").await.status(), 404);
        assert_eq!(server.json("/api/v1/organizations/baki-ganclar-klubu").await.0, 404);
        assert_eq!(anonymous.get("/organizations/baki-ganclar-klubu/vcard").await.status(), 404);
        assert!(!server.text("/themes/education?lang=en").await.1.contains("Baki Gənclər Klubu"));
        assert_eq!(ngo.get("/organizations/baki-ganclar-klubu").await.status(), 200, "its editor still sees it");
        let started = std::time::Instant::now();
        loop {
            let found = support::slugs(&server.search("q=Baki+Ganclar+Klubu&per_page=100").await);
            if !found.contains(&"baki-ganclar-klubu".to_string()) {
                break;
            }
            assert!(started.elapsed().as_secs() < 5, "{}: gone from search", backend.name());
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // A declined registration is not offered to the next person registering the name.
        let (_, page, _) = ngo.post_page("/organizations/new?lang=en", &fields[..2]).await;
        assert!(!page.contains("/organizations/baki-ganclar-klubu/claim"));
    }
}

#[tokio::test]
async fn a_coordinator_merges_a_duplicate_profile_and_its_address_leads_to_the_kept_one() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let Scene { database: _database, server, admin, coordinator, ngo } = Scene::new(&backend, &sink).await;

        // The Baku Youth Club registered a second time, joined the same network and listed a person twice.
        let fields = [
            ("name_en", "Baki Gənclər Klubu"),
            ("name_ru", "Клуб молодёжи Баку"),
            ("kind", "ngo"),
            ("city", "Baku"),
            ("theme_health", "on"),
            ("confirmed", "yes"),
        ];
        let (status, _, location) = ngo.post_page("/organizations/new", &fields).await;
        assert_eq!((status, location.as_deref()), (303, Some("/organizations/baki-ganclar-klubu/join")));
        let join = [("network", "un-ngo-irene-azerbaijan"), ("message", "")];
        assert_eq!(ngo.post("/organizations/baki-ganclar-klubu/join", &join).await.status(), 200);
        let (_, queue) = coordinator.page("/requests?lang=en").await;
        let id = request_ids(&queue).into_iter().next().expect("the join request");
        assert_eq!(coordinator.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
        let person = [("name_en", "Rauf Aliyev"), ("title_en", "Chair")];
        for slug in ["baku-youth-club", "baki-ganclar-klubu"] {
            let added = coordinator.post(&format!("/organizations/{slug}/people"), &person).await;
            assert_eq!(added.status(), 303, "{slug}");
        }

        // Who may merge: not the duplicate's own editor, not the coordinator of a network neither is in.
        let fay = sign_up(&server, &sink, "nedim@fay.example").await;
        assert_eq!(fay.post("/organizations/fay/claim", &[("message", "")]).await.status(), 200);
        let (_, queue) = admin.page("/requests?lang=en").await;
        let claim = request_ids(&queue).into_iter().last().expect("FAY's claim");
        assert_eq!(admin.post(&format!("/requests/{claim}/approve"), &[]).await.status(), 303);
        let merge = "/organizations/baku-youth-club/merge";
        let confirm = [("duplicate", "baki-ganclar-klubu")];
        assert_eq!(ngo.get(merge).await.status(), 403);
        assert_eq!(ngo.post(merge, &confirm).await.status(), 403);
        assert_eq!(fay.get(&format!("{merge}?duplicate=baki-ganclar-klubu")).await.status(), 403);
        assert_eq!(fay.post(merge, &confirm).await.status(), 403, "FAY coordinates the Caspian network only");
        assert_eq!(fay.post("/organizations/ecores/merge", &[("duplicate", "baki-ganclar-klubu")]).await.status(), 403);

        // The coordinator chooses, compares and confirms.
        let (status, page) = coordinator.page(&format!("{merge}?lang=en")).await;
        assert_eq!(status, 200);
        assert!(page.contains("href=\"/organizations/baku-youth-club/merge?duplicate=baki-ganclar-klubu\""), "offered");
        let (status, page) = coordinator.page(&format!("{merge}?lang=en&duplicate=nowhere")).await;
        assert_eq!(status, 400);
        assert!(page.contains("id=\"duplicate-error\"") && page.contains("value=\"nowhere\""));
        let (status, page) = coordinator.page(&format!("{merge}?lang=en&duplicate=baku-youth-club")).await;
        assert_eq!(status, 400, "not into itself");
        assert!(page.contains("id=\"duplicate-error\""));
        let (status, page) = coordinator.page(&format!("{merge}?lang=en&duplicate=baki-ganclar-klubu")).await;
        assert_eq!(status, 200);
        assert!(
            page.contains("Side by side") && page.contains("Клуб молодёжи Баку") && page.contains("Bakı Gənclər Klubu")
        );
        let (status, _, location) = coordinator.post_page(merge, &confirm).await;
        assert_eq!((status, location.as_deref()), (303, Some("/organizations/baku-youth-club?merged=1")));

        // The old addresses lead to the kept profile for good.
        let anonymous = Browser::new(&server);
        let response = anonymous.get("/organizations/baki-ganclar-klubu").await;
        assert_eq!(response.status(), 308);
        assert_eq!(response.headers()["location"], "/organizations/baku-youth-club");
        let response = anonymous.get("/api/v1/organizations/baki-ganclar-klubu").await;
        assert_eq!(response.status(), 308);
        assert_eq!(response.headers()["location"], "/api/v1/organizations/baku-youth-club");
        let followed = reqwest::get(server.url("/organizations/baki-ganclar-klubu?lang=en")).await.unwrap();
        assert_eq!(followed.url().path(), "/organizations/baku-youth-club");
        let profile = followed.text().await.unwrap();
        assert!(profile.contains("Клуб молодёжи Баку"), "the duplicate's name is one of its other names");
        assert_eq!(profile.matches("Rauf Aliyev</strong>").count(), 1, "{}: the person once", backend.name());

        // Everything came along, once.
        let (_, api) = server.json("/api/v1/organizations/baku-youth-club").await;
        let networks: Vec<&str> =
            api["networks"].as_array().unwrap().iter().map(|n| n["network"]["slug"].as_str().unwrap()).collect();
        assert_eq!(networks, ["un-ngo-irene-azerbaijan"], "the membership once");
        assert!(api["themes"].as_array().unwrap().contains(&"health".into()));
        let (_, network) = server.json("/api/v1/networks/un-ngo-irene-azerbaijan").await;
        let members = network["members"].to_string();
        assert_eq!(members.matches("\"baku-youth-club\"").count(), 1, "listed once among the members");
        assert!(!network.to_string().contains("baki-ganclar-klubu"));
        assert_eq!(ngo.get("/organizations/baku-youth-club/edit").await.status(), 200, "its editors came along");
        let (_, history) = coordinator.page("/organizations/baku-youth-club/history?lang=en").await;
        assert!(
            history.contains("Merged a duplicate into this profile") && history.contains("Merged into another profile")
        );
        assert!(history.contains("Registered"), "the duplicate's history came along");
        let started = std::time::Instant::now();
        loop {
            let found = support::slugs(&server.search(&format!("q={}", support::encode("Клуб молодёжи Баку"))).await);
            if found.contains(&"baku-youth-club".to_string()) && !found.contains(&"baki-ganclar-klubu".to_string()) {
                break;
            }
            assert!(started.elapsed().as_secs() < 5, "{}: search follows: {found:?}", backend.name());
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // The freed address is not given to anyone else.
        let (status, _, location) = ngo.post_page("/organizations/new", &fields).await;
        assert_eq!(status, 303);
        assert_ne!(location.as_deref(), Some("/organizations/baki-ganclar-klubu/join"));
    }
}
