//! Running networks through HTTP on SQLite and PostgreSQL: launching one under
//! its parent, retiring it, focal points added, moved and retired, members
//! removed or leaving, each with the rights it needs and nobody else's.

mod support;

use std::time::Duration;

use support::smtp::SmtpSink;
use support::{Browser, Server, TestDatabase, backends, sign_in_admin, sign_up};

/// Signs up `email` and makes them an editor of `organization` through a claim the administrator approves.
async fn editor_of(server: &Server, sink: &SmtpSink, admin: &Browser, email: &str, organization: &str) -> Browser {
    let person = sign_up(server, sink, email).await;
    let (status, page, _) =
        person.post_page(&format!("/organizations/{organization}/claim?lang=en"), &[("message", "Chair")]).await;
    assert_eq!(status, 200, "{page}");
    let (_, queue) = admin.page("/requests?lang=en").await;
    let id = queue
        .split("action=\"/requests/")
        .skip(1)
        .map(|s| s.split('/').next().unwrap().to_string())
        .next()
        .expect("the claim is queued");
    let (status, _, _) = admin.post_page(&format!("/requests/{id}/approve"), &[]).await;
    assert_eq!(status, 303);
    person
}

fn launch_fields<'a>(parent: &'a str, level: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("parent", parent),
        ("level", level),
        ("state", "planned"),
        ("name_en", name),
        ("name_ru", "UN-NGO-IRENE/Турция"),
        ("name_az", "UN-NGO-IRENE/Türkiyə"),
        ("description_en", "Proposed at the closing session in Baku, to be launched in Istanbul."),
        ("country:TR", "1"),
        ("coordinator", "istanbul-international-brotherhood-solidarity-association"),
    ]
}

#[tokio::test]
async fn a_regional_coordinator_launches_a_national_network_and_an_administrator_retires_it() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = sign_in_admin(&server, &database).await;
        let caspian = editor_of(&server, &sink, &admin, "leyla@fay.example", "fay").await;
        let national = editor_of(&server, &sink, &admin, "fuad@nayora.example", "nayora").await;
        let stranger = sign_up(&server, &sink, "stranger@elsewhere.example").await;

        let (status, form) = caspian.page("/networks/new?parent=un-ngo-irene-caspian&lang=en").await;
        assert_eq!(status, 200, "{form}");
        assert!(form.contains("Launch a network") && form.contains("UN-NGO-IRENE/Caspian Region"));
        assert!(!form.contains("top of the tree"), "only administrators launch at the top");
        assert_eq!(stranger.get("/networks/new").await.status(), 403);
        assert_eq!(national.get("/networks/new").await.status(), 403, "a national network has nothing under it");
        let fields = launch_fields("un-ngo-irene-caspian", "national", "UN-NGO-IRENE/Turkey");
        assert_eq!(national.post("/networks/new", &fields).await.status(), 403, "not their parent network");

        // Mistakes come back with what was typed and the message beside the field.
        let mut wrong = launch_fields("un-ngo-irene-caspian", "global", "UN-NGO-IRENE/Turkey");
        wrong.retain(|(name, _)| *name != "coordinator");
        wrong.push(("coordinator", "no-such-organisation"));
        wrong.extend([
            ("focal_point_theme_1", "education"),
            ("focal_point_lead_1", ""),
            ("focal_point_theme_2", ""),
            ("focal_point_lead_2", ""),
            ("focal_point_theme_3", "health"),
            ("focal_point_lead_3", "nobody-we-know"),
        ]);
        let (status, page, _) = caspian.post_page("/networks/new?lang=en", &wrong).await;
        assert_eq!(status, 400, "{page}");
        assert!(page.contains("This level does not fit under the chosen parent"));
        assert!(page.contains("No organisation in the directory has this address"));
        assert!(page.contains("value=\"UN-NGO-IRENE/Turkey\"") && page.contains("no-such-organisation"));
        assert!(page.contains("id=\"focal_point_lead_1-error\"") && page.contains("Name the organisation that leads"));
        assert!(page.contains("id=\"focal_point_lead_3-error\"") && page.contains("value=\"nobody-we-know\""));
        assert!(page.contains("<option value=\"health\" selected>"), "the typed rows stay");
        assert!(page.contains("name=\"focal_point_theme_6\""), "with empty rows below them");
        assert!(!page.contains("id=\"focal_point_theme_2-error\""), "an empty row is no mistake");

        let mut with_focal_points = fields.clone();
        with_focal_points.extend([
            ("focal_point_theme_1", "education"),
            ("focal_point_lead_1", "istanbul-international-brotherhood-solidarity-association"),
            ("focal_point_theme_2", ""),
            ("focal_point_lead_2", ""),
            ("focal_point_theme_3", "peace-conflict-prevention"),
            ("focal_point_lead_3", "fay"),
        ]);
        let (status, _, location) = caspian.post_page("/networks/new", &with_focal_points).await;
        assert_eq!((status, location.as_deref()), (303, Some("/networks/un-ngo-irene-turkey")));
        let (_, page) = server.text("/networks/un-ngo-irene-turkey?lang=ru").await;
        assert!(page.contains("UN-NGO-IRENE/Турция") && page.contains("Эта сеть планируется"), "{page}");
        assert!(page.contains("Турция") || page.contains("Турции"), "the country covered, in Russian");
        let (_, tree) = server.text("/networks?lang=en").await;
        let caspian_at = tree.find("UN-NGO-IRENE/Caspian Region").unwrap();
        let turkey_at = tree.find("UN-NGO-IRENE/Turkey").expect("in the tree");
        assert!(turkey_at > caspian_at && tree[turkey_at - 200..turkey_at].contains("depth-2"), "under the Caspian");
        let (status, detail) = server.json("/api/v1/networks/un-ngo-irene-turkey").await;
        assert_eq!(status, 200);
        assert_eq!(detail["parent"], "un-ngo-irene-caspian");
        assert_eq!(detail["level"], "national");
        assert_eq!(detail["member_count"], 2, "its coordinator is its first member, with its focal points' leads");
        let themes: Vec<&str> =
            detail["focal_points"].as_array().unwrap().iter().map(|fp| fp["theme"].as_str().unwrap()).collect();
        assert_eq!(themes, ["education", "peace-conflict-prevention"], "its first focal points, in order");
        assert_eq!(detail["focal_points"][1]["leads"][0]["slug"], "fay");
        assert_eq!(detail["focal_points"][0]["title"]["en"], "Education");
        let (_, list) = server.json("/api/v1/networks").await;
        assert!(list.as_array().unwrap().iter().any(|n| n["slug"] == "un-ngo-irene-turkey"));
        let mut again = fields.clone();
        again.push(("slug", "un-ngo-irene-turkey"));
        let (status, page, _) = caspian.post_page("/networks/new?lang=en", &again).await;
        assert!(status == 400 && page.contains("Another network has this address"), "the address is taken now");

        // Retiring: not the network's own coordinator's to do, nor a stranger's.
        assert_eq!(stranger.post("/networks/un-ngo-irene-turkey/state/retire", &[]).await.status(), 403);
        assert_eq!(national.post("/networks/un-ngo-irene-caspian/state/retire", &[]).await.status(), 403);
        assert_eq!(admin.post("/networks/un-ngo-irene-turkey/state/retire", &[]).await.status(), 303);
        let (_, tree) = server.text("/networks?lang=en").await;
        assert!(!tree.contains("UN-NGO-IRENE/Turkey"), "retired networks leave the tree");
        let (status, page) = server.text("/networks/un-ngo-irene-turkey?lang=en").await;
        assert!(status == 200 && page.contains("This network is retired"));
        let (_, history) = admin.page("/networks/un-ngo-irene-turkey/history?lang=en").await;
        assert!(history.contains("network.launch") || history.contains("launch"), "{history}");
        assert_eq!(caspian.post("/networks/un-ngo-irene-turkey/state/reinstate", &[]).await.status(), 303);
        let (_, tree) = server.text("/networks?lang=en").await;
        assert!(tree.contains("UN-NGO-IRENE/Turkey"));

        // The same through the API, with a token and its owner's rights.
        let write = token(&caspian, true).await;
        let read_only = token(&caspian, false).await;
        let client = reqwest::Client::new();
        let launch = serde_json::json!({
            "parent": "un-ngo-irene-caspian",
            "level": "national",
            "names": {"en": "UN-NGO-IRENE/Kazakhstan", "ru": "UN-NGO-IRENE/Казахстан"},
            "countries": ["KZ"],
            "coordinator": "kazakhstan-association-customs-brokers",
        });
        let url = server.url("/api/v1/networks");
        assert_eq!(client.post(&url).json(&launch).send().await.unwrap().status(), 401);
        assert_eq!(client.post(&url).bearer_auth(&read_only).json(&launch).send().await.unwrap().status(), 403);
        let national_token = token(&national, true).await;
        assert_eq!(client.post(&url).bearer_auth(&national_token).json(&launch).send().await.unwrap().status(), 403);
        let mut wrong = launch.clone();
        wrong["countries"] = serde_json::json!(["XX"]);
        let answer = client.post(&url).bearer_auth(&write).json(&wrong).send().await.unwrap();
        assert_eq!(answer.status(), 400);
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "countries");
        let mut wrong = launch.clone();
        wrong["focal_points"] =
            serde_json::json!([{"theme": "astrology", "lead": "kazakhstan-association-customs-brokers"}]);
        let answer = client.post(&url).bearer_auth(&write).json(&wrong).send().await.unwrap();
        assert_eq!(answer.status(), 400);
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "focal_points");
        let mut launch = launch.clone();
        launch["focal_points"] =
            serde_json::json!([{"theme": "health", "lead": "kazakhstan-association-customs-brokers"}]);
        let answer = client.post(&url).bearer_auth(&write).json(&launch).send().await.unwrap();
        assert_eq!(answer.status(), 201);
        let created: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(created["slug"], "un-ngo-irene-kazakhstan");
        assert_eq!(created["parent"], "un-ngo-irene-caspian");
        assert_eq!(created["countries"], serde_json::json!(["KZ"]));
        assert_eq!(created["state"], "active");
        assert_eq!(created["focal_points"][0]["theme"], "health");
        assert_eq!(created["focal_points"][0]["leads"][0]["slug"], "kazakhstan-association-customs-brokers");
    }
}

/// A new API token of `browser`'s account.
async fn token(browser: &Browser, write: bool) -> String {
    let mut fields = vec![("name", "launch")];
    if write {
        fields.push(("can_write", "1"));
    }
    let (status, page, _) = browser.post_page("/account/tokens?lang=en", &fields).await;
    assert_eq!(status, 200);
    page.split("<code id=\"new-token\">").nth(1).unwrap().split('<').next().unwrap().to_string()
}

#[tokio::test]
async fn coordinators_add_move_and_retire_focal_points_and_remove_members() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = sign_in_admin(&server, &database).await;
        let national = editor_of(&server, &sink, &admin, "fuad@nayora.example", "nayora").await;
        let member = editor_of(&server, &sink, &admin, "aysel@baku-youth.example", "baku-youth-club").await;
        let caspian = editor_of(&server, &sink, &admin, "leyla@fay.example", "fay").await;
        let network = "/networks/un-ngo-irene-azerbaijan";

        // A new focal point goes to the end of the list.
        assert_eq!(caspian.get(&format!("{network}/focal-points/new")).await.status(), 403);
        let (status, page, _) =
            national.post_page(&format!("{network}/focal-points/new?lang=en"), &[("title_en", "")]).await;
        assert_eq!(status, 400, "{page}");
        let fields = [
            ("title_en", "Information technology for development"),
            ("theme", "education"),
            ("lead:baku-youth-club", "1"),
            ("with:ecores", "1"),
        ];
        let (status, page, _) = national.post_page(&format!("{network}/focal-points/new"), &fields).await;
        assert_eq!(status, 303, "{page}");
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        let points = detail["focal_points"].as_array().unwrap();
        assert_eq!(points.len(), 8);
        assert_eq!(points[7]["title"]["en"], "Information technology for development");
        assert_eq!(points[7]["leads"][0]["slug"], "baku-youth-club");
        let number = points[7]["number"].as_i64().unwrap();
        let (_, page) = member.page(&format!("{network}?lang=en")).await;
        assert!(page.contains(&format!("{network}/focal-points/{number}/edit")), "its lead may edit it");

        // Moved up one place, then retired.
        assert_eq!(caspian.post(&format!("{network}/focal-points/{number}/up"), &[]).await.status(), 403);
        assert_eq!(national.post(&format!("{network}/focal-points/{number}/up"), &[]).await.status(), 303);
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        assert_eq!(detail["focal_points"][6]["number"].as_i64(), Some(number));
        assert_eq!(national.post(&format!("{network}/focal-points/{number}/retire"), &[]).await.status(), 303);
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        assert_eq!(detail["focal_points"].as_array().unwrap().len(), 7);
        let (_, history) = national.page(&format!("{network}/history?lang=en")).await;
        assert!(history.contains("focal-point.retire") || history.contains("Information technology"), "{history}");

        // Removing a member needs a reason, which its editors are told.
        let members_before = detail["member_count"].as_i64().unwrap();
        let remove = format!("{network}/members/ecores/remove");
        assert_eq!(member.get(&remove).await.status(), 403, "a member cannot remove another");
        assert_eq!(caspian.post(&remove, &[("reason", "x")]).await.status(), 403, "nor another network's coordinator");
        let (status, page, _) = national.post_page(&format!("{remove}?lang=en"), &[("reason", "")]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Give the reason"));
        assert_eq!(national.post(&format!("{network}/members/nayora/remove"), &[("reason", "x")]).await.status(), 400);
        let ecores = editor_of(&server, &sink, &admin, "rauf@ecores.example", "ecores").await;
        let before = sink.messages().len();
        let (status, _, _) = national.post_page(&remove, &[("reason", "No activity reported since 2005")]).await;
        assert_eq!(status, 303);
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let told = mails[before..]
            .iter()
            .find(|m| m.to.iter().any(|t| t.contains("rauf@ecores.example")))
            .expect("the member's editor is told");
        assert!(
            told.text.contains("No activity reported since 2005") && told.subject.contains("UN-NGO-IRENE/Azerbaijan")
        );
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        assert_eq!(detail["member_count"].as_i64(), Some(members_before - 1));
        assert!(!detail["members"].as_array().unwrap().iter().any(|m| m["slug"] == "ecores"));
        let mut searched = 0;
        while searched < 40 {
            let found = support::slugs(&server.search("network=un-ngo-irene-azerbaijan&per_page=100").await);
            if !found.contains(&"ecores".to_string()) {
                break;
            }
            searched += 1;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(searched < 40, "the directory's network facet follows");
        assert_eq!(ecores.get(&format!("{network}/members/ecores/leave")).await.status(), 404, "no longer a member");

        // A member leaves of its own accord; the coordinators are told.
        let before = sink.messages().len();
        let (status, _, _) =
            member.post_page(&format!("{network}/members/baku-youth-club/leave"), &[("reason", "")]).await;
        assert_eq!(status, 303);
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        assert!(mails[before..].iter().any(|m| m.to.iter().any(|t| t.contains("fuad@nayora.example"))));
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        assert_eq!(detail["member_count"].as_i64(), Some(members_before - 2));
        let (_, history) = national.page(&format!("{network}/history?lang=en")).await;
        assert!(history.contains("No activity reported since 2005"), "the removal is in the history");
    }
}

#[tokio::test]
async fn roles_at_a_glance_mail_in_each_persons_language_and_no_verifying_oneself() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = sign_in_admin(&server, &database).await;
        let national = editor_of(&server, &sink, &admin, "fuad@nayora.example", "nayora").await;

        // Someone who signs up in Russian is written to in Russian, whatever page they act from.
        let russian = support::Browser::new(&server);
        let before = sink.messages().len();
        let fields = [
            ("email", "olga@ecores.example"),
            ("display_name", "Olga"),
            ("password", support::PASSWORD),
            ("password_confirm", support::PASSWORD),
        ];
        assert_eq!(russian.post("/account/signup?lang=ru", &fields).await.status(), 200);
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let link = support::link_in(&mails.last().unwrap().text, &format!("{}/account/confirm?token=", server.base))
            .expect("confirmation link");
        assert_eq!(russian.get(&link[server.base.len()..]).await.status(), 303);
        let before = sink.messages().len();
        let (status, _, _) =
            russian.post_page("/organizations/ecores/claim?lang=en", &[("message", "I run its office")]).await;
        assert_eq!(status, 200);
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let to_coordinator = mails[before..]
            .iter()
            .find(|m| m.to.iter().any(|t| t.contains("fuad@nayora.example")))
            .expect("the coordinator is told");
        assert!(
            to_coordinator.subject.contains("ECORES") || to_coordinator.subject.contains("Ecores"),
            "the mail names the organisation: {}",
            to_coordinator.subject
        );
        assert!(to_coordinator.text.contains("Olga"), "and who asks: {}", to_coordinator.text);

        // The coordinator sees the waiting request in the header of every page.
        let (_, page) = national.page("/themes?lang=en").await;
        assert!(page.contains("href=\"/requests\">Requests <span class=\"count\">1</span>"), "{page}");
        let (_, page) = server.text("/themes?lang=en").await;
        assert!(page.contains("/account/signin?next=%2Fthemes%3Flang%3Den") && page.contains("Create an account"));
        assert!(!page.contains(">Account</a>"), "signed out, the header offers signing in");

        // The administrator sees every account with its roles, and decides the claim.
        assert_eq!(national.get("/admin/accounts").await.status(), 403);
        let (status, accounts) = admin.page("/admin/accounts?lang=en").await;
        assert_eq!(status, 200);
        assert!(accounts.contains("fuad@nayora.example") && accounts.contains("olga@ecores.example"));
        assert!(accounts.contains("Coordinates: <a href=\"/networks/un-ngo-irene-azerbaijan\">"), "{accounts}");
        let (_, found) = admin.page("/admin/accounts?lang=en&q=OLGA").await;
        assert!(found.contains("olga@ecores.example") && !found.contains("fuad@nayora.example"));
        let (_, queue) = admin.page("/requests?lang=en").await;
        let id = queue.split("action=\"/requests/").nth(1).unwrap().split('/').next().unwrap().to_string();
        let before = sink.messages().len();
        assert_eq!(admin.post(&format!("/requests/{id}/approve?lang=en"), &[]).await.status(), 303);
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let told = mails[before..].iter().find(|m| m.to.iter().any(|t| t.contains("olga@ecores.example"))).unwrap();
        assert!(told.subject.starts_with("Заявка одобрена"), "in Russian: {}", told.subject);
        let (_, own) = russian.page("/requests?lang=en").await;
        assert!(own.contains("Your requests") && own.contains("Approved"), "{own}");

        // Changing one's language changes the language of the next mail.
        assert_eq!(russian.post("/account/language", &[("mail_lang", "az")]).await.status(), 303);
        assert_eq!(russian.post("/account/language", &[("mail_lang", "xx")]).await.status(), 400);
        let (_, page) = russian.page("/account?lang=en").await;
        assert!(page.contains("<option value=\"az\" lang=\"az\" selected>"), "{page}");

        // A disabled account is signed out and cannot sign in until enabled again.
        let olga_id = {
            let (_, list) = admin.page("/admin/accounts?q=olga").await;
            list.split("/admin/accounts/").nth(1).unwrap().split('/').next().unwrap().to_string()
        };
        assert_eq!(national.post(&format!("/admin/accounts/{olga_id}/disable"), &[]).await.status(), 403);
        assert_eq!(admin.post(&format!("/admin/accounts/{olga_id}/disable"), &[]).await.status(), 303);
        assert_ne!(russian.get("/account").await.status(), 200, "the session ended");
        let again = support::Browser::new(&server);
        let (status, page, _) = again
            .post_page("/account/signin?lang=en", &[("email", "olga@ecores.example"), ("password", support::PASSWORD)])
            .await;
        assert_eq!(status, 400);
        assert!(page.contains("An administrator has disabled this account"));
        assert_eq!(admin.post(&format!("/admin/accounts/{olga_id}/enable"), &[]).await.status(), 303);
        let (status, _, _) = again
            .post_page("/account/signin", &[("email", "olga@ecores.example"), ("password", support::PASSWORD)])
            .await;
        assert_eq!(status, 303);

        // A coordinator verifies members, but not the organisation they edit themselves.
        assert_eq!(national.post("/organizations/nayora/verify", &[]).await.status(), 403);
        assert_eq!(national.post("/organizations/baku-youth-club/verify", &[]).await.status(), 303);
        let (_, page) = national.page("/organizations/nayora?lang=en").await;
        assert!(!page.contains("/organizations/nayora/verify"), "no button for it either");
    }
}

/// Sends `body` (or nothing) to an API address with `token` (or none), as `method`; the status and the JSON answer.
async fn api(
    server: &Server,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let mut request = reqwest::Client::new().request(method, server.url(&format!("/api/v1{path}")));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let answer = request.send().await.unwrap();
    let status = answer.status().as_u16();
    (status, answer.json().await.unwrap_or(serde_json::Value::Null))
}

#[tokio::test]
async fn the_api_changes_focal_points_members_networks_profiles_and_accounts_with_the_webs_rights() {
    use reqwest::Method;
    use serde_json::json;
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = sign_in_admin(&server, &database).await;
        let national = editor_of(&server, &sink, &admin, "fuad@nayora.example", "nayora").await;
        let member = editor_of(&server, &sink, &admin, "aysel@baku-youth.example", "baku-youth-club").await;
        let caspian = editor_of(&server, &sink, &admin, "leyla@fay.example", "fay").await;
        let _ecores = editor_of(&server, &sink, &admin, "rauf@ecores.example", "ecores").await;
        let (national_token, read_only) = (token(&national, true).await, token(&national, false).await);
        let (member_token, caspian_token) = (token(&member, true).await, token(&caspian, true).await);
        let admin_token = token(&admin, true).await;
        let (national_token, read_only) = (Some(national_token.as_str()), Some(read_only.as_str()));
        let (member_token, caspian_token) = (Some(member_token.as_str()), Some(caspian_token.as_str()));
        let admin_token = Some(admin_token.as_str());
        let network = "/networks/un-ngo-irene-azerbaijan";
        let focal_points = |detail: &serde_json::Value| -> Vec<i64> {
            detail["focal_points"].as_array().unwrap().iter().map(|fp| fp["number"].as_i64().unwrap()).collect()
        };

        // A focal point added at the end of the list, by the network's coordinators only.
        let path = format!("{network}/focal-points");
        let new = json!({
            "title": {"en": "Information technology for development"},
            "theme": "education",
            "leads": ["baku-youth-club"],
            "collaborators": ["ecores"],
        });
        assert_eq!(api(&server, Method::POST, &path, None, Some(new.clone())).await.0, 401);
        assert_eq!(api(&server, Method::POST, &path, read_only, Some(new.clone())).await.0, 403);
        assert_eq!(api(&server, Method::POST, &path, caspian_token, Some(new.clone())).await.0, 403);
        assert_eq!(api(&server, Method::POST, &path, member_token, Some(new.clone())).await.0, 403);
        assert_eq!(
            api(&server, Method::POST, "/networks/nowhere/focal-points", national_token, Some(new.clone())).await.0,
            404
        );
        for (wrong, parameter) in [
            (json!({"title": {"en": ""}, "theme": "education", "leads": ["baku-youth-club"]}), "title"),
            (json!({"title": {"en": "IT"}, "theme": "astrology", "leads": ["baku-youth-club"]}), "theme"),
            (json!({"title": {"en": "IT"}, "theme": "education", "leads": ["fay"]}), "leads"),
            (json!({"title": {"en": "IT"}, "theme": "education"}), "leads"),
            (json!(["not", "an", "object"]), "body"),
        ] {
            let (status, answer) = api(&server, Method::POST, &path, national_token, Some(wrong)).await;
            assert_eq!((status, answer["error"]["parameter"].as_str()), (400, Some(parameter)), "{answer}");
        }
        let (status, added) = api(&server, Method::POST, &path, national_token, Some(new)).await;
        assert_eq!(status, 201, "{added}");
        assert_eq!(added["title"]["en"], "Information technology for development");
        assert_eq!(added["leads"][0]["slug"], "baku-youth-club");
        assert_eq!(added["collaborators"][0]["slug"], "ecores");
        let number = added["number"].as_i64().unwrap();
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        assert_eq!(focal_points(&detail).last(), Some(&number), "at the end");
        let count = focal_points(&detail).len();

        // Moved up one place, then retired.
        let moving = format!("{network}/focal-points/{number}/move");
        let up = json!({"direction": "up"});
        assert_eq!(api(&server, Method::POST, &moving, caspian_token, Some(up.clone())).await.0, 403);
        assert_eq!(api(&server, Method::POST, &moving, read_only, Some(up.clone())).await.0, 403);
        let (status, answer) =
            api(&server, Method::POST, &moving, national_token, Some(json!({"direction": "retire"}))).await;
        assert_eq!((status, answer["error"]["parameter"].as_str()), (400, Some("direction")));
        let (status, order) = api(&server, Method::POST, &moving, national_token, Some(up)).await;
        assert_eq!(status, 200);
        assert_eq!(order[count - 2]["number"].as_i64(), Some(number), "{order}");
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        assert_eq!(focal_points(&detail)[count - 2], number);
        let (status, order) =
            api(&server, Method::POST, &moving, national_token, Some(json!({"direction": "down"}))).await;
        assert_eq!((status, order[count - 1]["number"].as_i64()), (200, Some(number)));
        let one = format!("{network}/focal-points/{number}");
        assert_eq!(api(&server, Method::DELETE, &one, member_token, None).await.0, 403, "a lead does not retire it");
        assert_eq!(api(&server, Method::DELETE, &one, read_only, None).await.0, 403);
        assert_eq!(api(&server, Method::DELETE, &one, national_token, None).await.0, 204);
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        assert_eq!(focal_points(&detail).len(), count - 1);
        assert!(!focal_points(&detail).contains(&number));
        assert_eq!(api(&server, Method::DELETE, &one, national_token, None).await.0, 404, "retired already");
        let (_, history) = national.page(&format!("{network}/history?lang=en")).await;
        assert!(history.contains("Information technology for development"), "{history}");

        // A member removed with a reason its editors are told; another leaving, its coordinators told.
        let members_before = detail["member_count"].as_i64().unwrap();
        let remove = format!("{network}/members/ecores/remove");
        let reason = json!({"reason": "No activity reported since 2005"});
        assert_eq!(api(&server, Method::POST, &remove, member_token, Some(reason.clone())).await.0, 403);
        assert_eq!(api(&server, Method::POST, &remove, caspian_token, Some(reason.clone())).await.0, 403);
        assert_eq!(api(&server, Method::POST, &remove, read_only, Some(reason.clone())).await.0, 403);
        let (status, answer) = api(&server, Method::POST, &remove, national_token, Some(json!({}))).await;
        assert_eq!((status, answer["error"]["parameter"].as_str()), (400, Some("reason")), "a reason is needed");
        let coordinator = format!("{network}/members/nayora/remove");
        assert_eq!(api(&server, Method::POST, &coordinator, national_token, Some(reason.clone())).await.0, 400);
        let stranger = format!("{network}/members/fay/remove");
        assert_eq!(api(&server, Method::POST, &stranger, national_token, Some(reason.clone())).await.0, 404);
        let before = sink.messages().len();
        assert_eq!(api(&server, Method::POST, &remove, national_token, Some(reason.clone())).await.0, 204);
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let told = mails[before..]
            .iter()
            .find(|m| m.to.iter().any(|t| t.contains("rauf@ecores.example")))
            .expect("the member's editor is told");
        assert!(told.text.contains("No activity reported since 2005"));
        assert_eq!(api(&server, Method::POST, &remove, national_token, Some(reason)).await.0, 404, "gone already");
        let leave = format!("{network}/members/baku-youth-club/leave");
        assert_eq!(api(&server, Method::POST, &leave, national_token, Some(json!({}))).await.0, 403, "its own word");
        let before = sink.messages().len();
        assert_eq!(api(&server, Method::POST, &leave, member_token, Some(json!({}))).await.0, 204);
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        assert!(mails[before..].iter().any(|m| m.to.iter().any(|t| t.contains("fuad@nayora.example"))));
        let (_, detail) = server.json(&format!("/api/v1{network}")).await;
        assert_eq!(detail["member_count"].as_i64(), Some(members_before - 2));
        let (_, history) = national.page(&format!("{network}/history?lang=en")).await;
        assert!(history.contains("No activity reported since 2005"), "the removal is in the history");

        // Retiring and reinstating: administrators and the parent's coordinators, not the network's own.
        let launch = json!({
            "parent": "un-ngo-irene-caspian",
            "level": "national",
            "names": {"en": "UN-NGO-IRENE/Turkey"},
            "coordinator": "istanbul-international-brotherhood-solidarity-association",
        });
        assert_eq!(api(&server, Method::POST, "/networks", caspian_token, Some(launch)).await.0, 201);
        let retire = "/networks/un-ngo-irene-turkey/retire";
        assert_eq!(api(&server, Method::POST, retire, national_token, None).await.0, 403, "another network's");
        assert_eq!(
            api(&server, Method::POST, "/networks/un-ngo-irene-caspian/retire", caspian_token, None).await.0,
            403
        );
        assert_eq!(api(&server, Method::POST, &format!("{network}/retire"), national_token, None).await.0, 403);
        assert_eq!(api(&server, Method::POST, "/networks/nowhere/retire", admin_token, None).await.0, 404);
        let (status, retired) = api(&server, Method::POST, retire, caspian_token, None).await;
        assert_eq!((status, retired["state"].as_str()), (200, Some("retired")));
        let (_, tree) = server.text("/networks?lang=en").await;
        assert!(!tree.contains("UN-NGO-IRENE/Turkey"), "retired networks leave the tree");
        let (status, back) =
            api(&server, Method::POST, "/networks/un-ngo-irene-turkey/reinstate", admin_token, None).await;
        assert_eq!((status, back["state"].as_str()), (200, Some("active")));

        // Merging: the coordinators of a network both belong to, not another network's.
        let merge = "/organizations/community-development-center/merge";
        let duplicate = json!({"duplicate": "nur-public-union-children-youth"});
        assert_eq!(api(&server, Method::POST, merge, caspian_token, Some(duplicate.clone())).await.0, 403);
        assert_eq!(api(&server, Method::POST, merge, read_only, Some(duplicate.clone())).await.0, 403);
        assert_eq!(api(&server, Method::POST, merge, member_token, Some(duplicate.clone())).await.0, 403);
        for wrong in ["nowhere", "community-development-center", "Not a slug!"] {
            let (status, answer) =
                api(&server, Method::POST, merge, national_token, Some(json!({"duplicate": wrong}))).await;
            assert_eq!((status, answer["error"]["parameter"].as_str()), (400, Some("duplicate")), "{wrong}");
        }
        let (status, kept) = api(&server, Method::POST, merge, national_token, Some(duplicate)).await;
        assert_eq!((status, kept["slug"].as_str()), (200, Some("community-development-center")), "{kept}");
        let moved = Browser::new(&server).get("/api/v1/organizations/nur-public-union-children-youth").await;
        assert_eq!(moved.status(), 308);
        assert_eq!(moved.headers()["location"], "/api/v1/organizations/community-development-center");

        // Accounts: administrators disable and enable them; the tokens of a disabled account stop at once.
        let member_id = {
            let (_, list) = admin.page("/admin/accounts?q=aysel").await;
            list.split("/admin/accounts/").nth(1).unwrap().split('/').next().unwrap().to_string()
        };
        let disable = format!("/accounts/{member_id}/disable");
        assert_eq!(api(&server, Method::POST, &disable, national_token, None).await.0, 403);
        assert_eq!(api(&server, Method::POST, "/accounts/999999/disable", admin_token, None).await.0, 404);
        assert_eq!(api(&server, Method::POST, "/accounts/x/disable", admin_token, None).await.0, 404);
        assert_eq!(api(&server, Method::POST, &disable, admin_token, None).await.0, 204);
        assert_eq!(api(&server, Method::POST, &disable, member_token, None).await.0, 401, "its token stopped");
        assert_ne!(member.get("/account").await.status(), 200, "its session ended");
        let enable = format!("/accounts/{member_id}/enable");
        assert_eq!(api(&server, Method::POST, &enable, admin_token, None).await.0, 204);
        assert_eq!(api(&server, Method::POST, &disable, member_token, None).await.0, 403, "its token works again");
    }
}
