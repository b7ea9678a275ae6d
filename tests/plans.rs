//! Strategic action plans and partners' commitments through HTTP on SQLite and PostgreSQL: a coordinator builds
//! a plan, a focal point's lead updates only their theme's activities, the plan is seen as pages, charts and
//! files (the IATI file checked against the schema), and commitments are followed up, the coordinator mailed
//! once when a follow-up falls due.

mod support;

use std::time::Duration;

use support::smtp::SmtpSink;
use support::{Browser, Server, TestDatabase, backends, post_file, sign_in_admin, sign_up};

const NETWORK: &str = "/networks/un-ngo-irene-azerbaijan";

struct Cast {
    admin: Browser,
    /// Edits NAYORA, so coordinates UN-NGO-IRENE/Azerbaijan.
    coordinator: Browser,
    /// Edits ECORES, the lead of focal point 5 (Environment).
    lead: Browser,
    stranger: Browser,
    anonymous: Browser,
}

async fn cast(server: &Server, sink: &SmtpSink, database: &TestDatabase) -> Cast {
    let admin = sign_in_admin(server, database).await;
    let coordinator = sign_up(server, sink, "fuad@nayora.example").await;
    coordinator.post("/organizations/nayora/claim", &[("message", "Chairperson")]).await;
    let lead = sign_up(server, sink, "leyla@ecores.example").await;
    lead.post("/organizations/ecores/claim", &[("message", "Director")]).await;
    let (_, queue) = admin.page("/requests").await;
    let mut ids: Vec<String> =
        queue.split("action=\"/requests/").skip(1).map(|s| s.split('/').next().unwrap().to_string()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 2, "both claims are queued");
    for id in ids {
        assert_eq!(admin.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
    }
    let stranger = sign_up(server, sink, "stranger@elsewhere.example").await;
    Cast { admin, coordinator, lead, stranger, anonymous: Browser::new(server) }
}

/// The value of the option whose label contains `label` in the select named `name`.
fn option(page: &str, name: &str, label: &str) -> String {
    let select = page.split(&format!("name=\"{name}\"")).nth(1).expect("the select").split("</select>").next().unwrap();
    let option = select.split("<option value=\"").skip(1).find(|o| o.contains(label)).expect("the option");
    option.split('"').next().unwrap().to_string()
}

fn location_id(location: &Option<String>, prefix: &str) -> String {
    let location = location.as_deref().expect("a redirect");
    location.strip_prefix(prefix).unwrap_or_else(|| panic!("{location}")).split(['#', '/']).next().unwrap().to_string()
}

async fn post<K: AsRef<str>>(
    browser: &Browser,
    path: String,
    fields: Vec<(K, String)>,
) -> (u16, String, Option<String>) {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_ref(), v.as_str())).collect();
    browser.post_page(&path, &borrowed).await
}

async fn token(browser: &Browser) -> String {
    let (status, page, _) =
        browser.post_page("/account/tokens?lang=en", &[("name", "plans"), ("can_write", "1")]).await;
    assert_eq!(status, 200);
    page.split("<code id=\"new-token\">").nth(1).unwrap().split('<').next().unwrap().to_string()
}

/// The fields of the form that adds an activity (with a first indicator), in USD, ECORES responsible.
fn activity_fields(objective: &str, title: &str, focal_point: &str, ends: &str) -> Vec<(&'static str, String)> {
    vec![
        ("objective", objective.to_string()),
        ("activity_title", title.to_string()),
        ("focal_point", focal_point.to_string()),
        ("responsible", "ecores".into()),
        ("partners", "nayora, ministry-finance-az".into()),
        ("activity_starts_on", "2005-02-01".into()),
        ("activity_ends_on", ends.into()),
        ("currency", "usd".into()),
        ("budget", "1250.50".into()),
        ("secured", "500".into()),
        ("funding_source", "UNDP".into()),
        ("indicator_name", "NGOs trained".into()),
        ("indicator_baseline", "0".into()),
        ("indicator_target", "10".into()),
    ]
}

fn validate_iati(xml: &str, name: &str) {
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/iati-2.03/iati-activities-schema.xsd");
    let file = std::env::temp_dir().join(format!("irene-plans-{}-{name}.xml", std::process::id()));
    std::fs::write(&file, xml).unwrap();
    let output = std::process::Command::new("xmllint").args(["--noout", "--schema", schema]).arg(&file).output();
    std::fs::remove_file(&file).ok();
    let output = output.expect("xmllint runs (package libxml2-utils)");
    assert!(output.status.success(), "{name}: {}\n{xml}", String::from_utf8_lossy(&output.stderr));
}

#[tokio::test]
async fn a_coordinator_builds_a_plan_and_leads_update_only_their_themes_activities() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let plans = format!("{NETWORK}/plans");

        // The demo holds no plan: the report's annexes are not transcribed.
        let (status, page) = cast.anonymous.page(&format!("{plans}?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("This network has no action plan yet.") && !page.contains("Start a plan"));
        let (_, page) = cast.coordinator.page(&format!("{plans}?lang=en")).await;
        assert!(page.contains("Start a plan"), "{name}: the coordinator sees the form");

        let plan_fields =
            [("title", "Strategic Action Plan 2005–2006"), ("starts_on", "2005-01-01"), ("ends_on", "2030-12-31")];
        assert_eq!(cast.stranger.post(&plans, &plan_fields).await.status(), 403, "{name}");
        assert_eq!(cast.lead.post(&plans, &plan_fields).await.status(), 403, "{name}: a lead does not make plans");
        let anonymous = cast.anonymous.post(&plans, &plan_fields).await;
        assert_eq!(anonymous.status(), 303);
        assert!(anonymous.headers()["location"].to_str().unwrap().starts_with("/account/signin"));

        let (status, page, _) = cast
            .coordinator
            .post_page(
                &format!("{plans}?lang=en"),
                &[("title", "Plan typed"), ("starts_on", "2005-01-01"), ("ends_on", "2004-12-31")],
            )
            .await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("The end comes before the start.") && page.contains("value=\"Plan typed\""));
        let (status, _, _) =
            cast.coordinator.post_page(&plans, &[("title", "a\0b"), ("starts_on", "2005-01-01")]).await;
        assert_eq!(status, 400, "{name}: a NUL character is refused");

        let (status, _, location) = cast.coordinator.post_page(&plans, &plan_fields).await;
        assert_eq!(status, 303, "{name}");
        let plan_id = location_id(&location, &format!("{plans}/"));
        let plan = format!("{plans}/{plan_id}");

        // Objectives and activities: the coordinator's.
        assert_eq!(cast.lead.post(&format!("{plan}/objectives"), &[("objective_title", "x")]).await.status(), 403);
        let (status, _, _) = cast
            .coordinator
            .post_page(&format!("{plan}/objectives"), &[("objective_title", "Build NGO capacity")])
            .await;
        assert_eq!(status, 303, "{name}");
        let (_, page) = cast.coordinator.page(&format!("{plan}?lang=en")).await;
        let objective = option(&page, "objective", "Build NGO capacity");
        let environment = option(&page, "focal_point", "5. ");
        let poverty = option(&page, "focal_point", "1. ");
        let activity =
            |title: &str, focal_point: &str, ends: &str| activity_fields(&objective, title, focal_point, ends);
        let mut bad = activity("Green schools", &environment, "2030-06-30");
        bad.iter_mut().for_each(|(k, v)| {
            if *k == "currency" {
                *v = "XYZ".into();
            } else if *k == "partners" {
                *v = "nayora, no-such-organisation".into();
            }
        });
        let (status, page, _) = post(&cast.coordinator, format!("{plan}/activities?lang=en"), bad).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("ISO 4217 currency code") && page.contains("“no-such-organisation”"), "{page}");
        assert!(page.contains("value=\"Green schools\""), "what was typed is shown again");

        let (status, _, location) = post(
            &cast.coordinator,
            format!("{plan}/activities"),
            activity("Green schools", &environment, "2030-06-30"),
        )
        .await;
        assert_eq!(status, 303, "{name}");
        let green = location_id(&location, &format!("{plan}/activities/"));
        let (status, _, location) =
            post(&cast.coordinator, format!("{plan}/activities"), activity("Microcredit fair", &poverty, "2005-06-30"))
                .await;
        assert_eq!(status, 303, "{name}");
        let fair = location_id(&location, &format!("{plan}/activities/"));

        // The lead of Environment updates its activity, and only that one.
        let (_, page) = cast.lead.page(&format!("{plan}/activities/{green}?lang=en")).await;
        assert!(page.contains("Record an update"), "{name}");
        let (_, page) = cast.lead.page(&format!("{plan}/activities/{fair}?lang=en")).await;
        assert!(!page.contains("Record an update"), "{name}: not the lead of Poverty");
        let (_, page) = cast.coordinator.page(&format!("{plan}/activities/{green}")).await;
        let indicator = page.split("name=\"value_").nth(1).unwrap().split('"').next().unwrap().to_string();
        let value_field = format!("value_{indicator}");
        let update = [
            ("status", "in_progress"),
            ("note", "Ten schools visited"),
            ("evidence", "https://example.org/report"),
            (value_field.as_str(), "5"),
        ];
        assert_eq!(cast.lead.post(&format!("{plan}/activities/{fair}/updates"), &update).await.status(), 403, "{name}");
        assert_eq!(cast.stranger.post(&format!("{plan}/activities/{green}/updates"), &update).await.status(), 403);
        let (status, page, _) = cast
            .lead
            .post_page(
                &format!("{plan}/activities/{green}/updates?lang=en"),
                &[("status", "in_progress"), ("note", ""), ("evidence", "ftp://x")],
            )
            .await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Please fill this in.") && page.contains("http:// or https://"));
        let (status, _, _) = cast.lead.post_page(&format!("{plan}/activities/{green}/updates"), &update).await;
        assert_eq!(status, 303, "{name}");
        let (status, page, _) = cast
            .lead
            .post_page(
                &format!("{plan}/activities/{green}/updates?lang=en"),
                &[("status", "planned"), ("note", "Back")],
            )
            .await;
        assert_eq!(status, 400, "{name}: in progress cannot go back to planned");
        assert!(page.contains("cannot become"));

        let (_, page) = cast.anonymous.page(&format!("{plan}/activities/{green}?lang=en")).await;
        assert!(page.contains("Ten schools visited") && page.contains("https://example.org/report"), "{name}");
        assert!(page.contains("planned → in progress") && page.contains("50 %"));

        // The plan page: a timeline with today's line, progress per objective and theme, the overdue activity.
        let (status, page) = cast.anonymous.page(&format!("{plan}?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(
            page.contains("<svg")
                && page.contains("stroke-dasharray")
                && page.contains("<title id=\"timeline-title\">")
        );
        assert!(page.contains("<strong class=\"error\">overdue</strong>"), "the fair ended in 2005");
        assert!(page.contains("Build NGO capacity <span class=\"muted\">(25 %)</span>"), "{name}: (50 + 0) / 2");
        assert!(page.contains("1\u{202f}250.50 USD") && !page.contains("Add an objective"));

        let (status, page) = cast.anonymous.page(&format!("{plan}/dashboard?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("Activities by status") && page.contains("Budget planned and secured by funder, USD"));
        assert!(page.contains("Progress of the plan over time") && page.contains("<polyline"), "{name}");
        assert!(page.contains("</th><td>25 %</td>"), "{name}: the day of the update, (50 + 0) / 2");
        assert!(
            page.contains("<th scope=\"row\">UNDP</th><td>2\u{202f}501 USD</td><td>1\u{202f}000 USD</td>"),
            "{page}"
        );
        let (status, page) = cast.anonymous.page(&format!("{plan}/print?lang=ru")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Стратегический план действий") && page.contains("Green schools"));

        // Files.
        let csv = cast.anonymous.get(&format!("{plan}/plan.csv")).await.text().await.unwrap();
        assert!(csv.contains("objective,activity,theme") && csv.contains("1250.50,500.00,UNDP"), "{csv}");
        let xlsx = cast.anonymous.get(&format!("{plan}/plan.xlsx")).await.bytes().await.unwrap();
        assert!(xlsx.starts_with(b"PK"), "a zip file");
        let xml = cast.anonymous.get(&format!("{plan}/iati.xml")).await.text().await.unwrap();
        validate_iati(&xml, &format!("{name}-http"));
        assert!(xml.contains("<value currency=\"USD\""), "{name}");

        // The JSON API, described: reads the plan and writes an update with the lead's token, under the same rights.
        let (_, spec) = server.json("/api/openapi.json").await;
        for path in ["/networks/{slug}/plans/{id}", "/networks/{slug}/plans/{id}/activities/{activity}/updates"] {
            assert!(spec["paths"][path].is_object(), "{path} described");
        }
        let (status, json) = server.json(&format!("/api/v1{plan}")).await;
        assert_eq!(status, 200, "{name}");
        assert_eq!(json["objectives"][0]["progress"], 25);
        assert_eq!(json["objectives"][0]["activities"][0]["budget"], "1250.50");
        let secret = token(&cast.lead).await;
        let client = reqwest::Client::new();
        let write = |activity: &str, body: serde_json::Value| {
            client
                .post(server.url(&format!("/api/v1{plan}/activities/{activity}/updates")))
                .bearer_auth(&secret)
                .json(&body)
                .send()
        };
        let done = serde_json::json!({"note": "All ten", "status": "done", "values": {indicator.clone(): 10.0}});
        assert_eq!(write(&fair, done.clone()).await.unwrap().status(), 403, "{name}");
        let answer = write(&green, serde_json::json!({"note": "x", "status": "finished"})).await.unwrap();
        assert_eq!(answer.status(), 400);
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "status");
        let answer = write(&green, done).await.unwrap();
        assert_eq!(answer.status(), 200, "{name}");
        let item: serde_json::Value = answer.json().await.unwrap();
        assert_eq!((item["status"].as_str(), item["progress"].as_i64()), (Some("done"), Some(100)));
        let add_indicator = |activity: &str, body: serde_json::Value| {
            client
                .post(server.url(&format!("/api/v1{plan}/activities/{activity}/indicators")))
                .bearer_auth(&secret)
                .json(&body)
                .send()
        };
        let trees = serde_json::json!({"name": "Trees planted", "baseline": 0, "target": 50, "current": 50});
        assert_eq!(add_indicator(&fair, trees.clone()).await.unwrap().status(), 403, "{name}: not the lead's theme");
        let answer = add_indicator(&green, serde_json::json!({"name": " ", "baseline": 0, "target": 5})).await.unwrap();
        assert_eq!(answer.status(), 400, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "name");
        let answer = add_indicator(&green, trees).await.unwrap();
        assert_eq!(answer.status(), 201, "{name}");
        let item: serde_json::Value = answer.json().await.unwrap();
        assert!(item["indicators"].as_array().unwrap().iter().any(|i| i["name"] == "Trees planted"), "{item}");

        // Plans are started through the API with a coordinator's token only.
        let start = |secret: String, body: serde_json::Value| {
            client.post(server.url(&format!("/api/v1{plans}"))).bearer_auth(secret).json(&body).send()
        };
        let new_plan = serde_json::json!({"title": "Plan 2007", "starts_on": "2007-01-01", "ends_on": "2007-12-31"});
        assert_eq!(start(secret.clone(), new_plan.clone()).await.unwrap().status(), 403, "{name}: a lead's token");
        let coordinator_token = token(&cast.coordinator).await;
        let bad = serde_json::json!({"title": "Plan 2007", "starts_on": "2007-01-01", "ends_on": "2006-12-31"});
        let answer = start(coordinator_token.clone(), bad).await.unwrap();
        assert_eq!(answer.status(), 400, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "ends_on");
        let answer = start(coordinator_token, new_plan).await.unwrap();
        assert_eq!(answer.status(), 201, "{name}");
        let (_, listed) = server.json(&format!("/api/v1{plans}")).await;
        assert_eq!(listed.as_array().unwrap().len(), 2, "{name}");
        // An objective is deleted through the API by a coordinator's token only.
        let created: serde_json::Value = answer.json().await.unwrap();
        let new_plan = format!("/api/v1{plans}/{}", created["id"]);
        let coordinator_token = token(&cast.coordinator).await;
        let objectives = format!("{new_plan}/objectives");
        let added = client
            .post(server.url(&objectives))
            .bearer_auth(&coordinator_token)
            .json(&serde_json::json!({"title": "Spare"}));
        let added: serde_json::Value = added.send().await.unwrap().json().await.unwrap();
        let spare = server.url(&format!("{objectives}/{}", added["objectives"][0]["id"]));
        assert_eq!(client.delete(&spare).bearer_auth(&secret).send().await.unwrap().status(), 403, "{name}");
        assert_eq!(client.delete(&spare).bearer_auth(&coordinator_token).send().await.unwrap().status(), 204);
        assert_eq!(client.delete(&spare).bearer_auth(&coordinator_token).send().await.unwrap().status(), 404);
        let (_, json) = server.json(&new_plan).await;
        assert_eq!(json["objectives"].as_array().unwrap().len(), 0, "{name}");

        // The coordinator keeps the budgets private: pages, files and the API leave them out.
        assert_eq!(cast.lead.post(&format!("{plan}/settings"), &[("budgets_public", "0")]).await.status(), 403);
        assert_eq!(cast.coordinator.post(&format!("{plan}/settings"), &[("budgets_public", "0")]).await.status(), 303);
        let (_, page) = cast.anonymous.page(&format!("{plan}?lang=en")).await;
        assert!(!page.contains("1\u{202f}250.50 USD"), "{name}");
        let (_, page) = cast.coordinator.page(&format!("{plan}?lang=en")).await;
        assert!(page.contains("1\u{202f}250.50 USD"), "{name}: coordinators still see them");
        let csv = cast.anonymous.get(&format!("{plan}/plan.csv")).await.text().await.unwrap();
        assert!(!csv.contains("1250.50") && !csv.contains("UNDP"), "{name}");
        let (_, json) = server.json(&format!("/api/v1{plan}")).await;
        assert!(json["objectives"][0]["activities"][0]["budget"].is_null());
        let xml = cast.anonymous.get(&format!("{plan}/iati.xml")).await.text().await.unwrap();
        assert!(!xml.contains("<budget"));
        validate_iati(&xml, &format!("{name}-private"));

        assert_eq!(cast.anonymous.get(&format!("{plans}/999999")).await.status(), 404);
        assert_eq!(cast.anonymous.get(&format!("/networks/un-ngo-irene-caspian/plans/{plan_id}")).await.status(), 404);
        assert_eq!(cast.anonymous.get(&format!("{plan}/activities/abc")).await.status(), 404);
    }
}

#[tokio::test]
async fn commitments_are_followed_up_and_the_coordinator_reminded_once() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let commitments = format!("{NETWORK}/commitments");

        // The report's ministry meetings, as the report words them: offers to consider, so only proposed.
        let (status, page) = cast.anonymous.page(&format!("{commitments}?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert_eq!(page.matches("<article id=\"commitment-").count(), 5, "{name}: the five ministries");
        assert!(page.contains("agreed to consider for funding the activities proposed"));
        assert_eq!(page.matches(": proposed</h2>").count(), 5, "{name}");
        let (_, json) = server.json(&format!("/api/v1{commitments}")).await;
        let mys = json.as_array().unwrap().iter().find(|c| c["slug"] == "mys-ngo-budget-increase").unwrap();
        assert_eq!((mys["amount"].as_i64(), mys["currency"].as_str()), (Some(30000), Some("USD")));
        let (_, page) = cast.anonymous.page("/organizations/ministry-finance-az?lang=en").await;
        assert!(
            page.contains("(proposed, <a href=\"/networks/un-ngo-irene-azerbaijan/commitments#commitment-"),
            "{name}"
        );

        let id = page.split("commitments#commitment-").nth(1).unwrap().split('"').next().unwrap().to_string();
        let follow_up = [
            ("action", "Send the plan's budget to the Deputy Minister"),
            ("owner", "NAYORA"),
            ("due_on", "2004-12-15"),
        ];
        assert_eq!(cast.stranger.post(&format!("{commitments}/{id}/follow-ups"), &follow_up).await.status(), 403);
        assert_eq!(cast.lead.post(&format!("{commitments}/{id}/status"), &[("status", "agreed")]).await.status(), 403);
        let (status, page, _) = cast
            .coordinator
            .post_page(
                &format!("{commitments}/{id}/follow-ups?lang=en"),
                &[("action", "Call"), ("owner", "NAYORA"), ("due_on", "soon")],
            )
            .await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Please give a day as YYYY-MM-DD.") && page.contains("value=\"Call\""));
        let (status, _, _) = cast.coordinator.post_page(&format!("{commitments}/{id}/follow-ups"), &follow_up).await;
        assert_eq!(status, 303, "{name}");
        let (status, _, _) =
            cast.coordinator.post_page(&format!("{commitments}/{id}/status"), &[("status", "bogus")]).await;
        assert_eq!(status, 400);

        // The API, with the coordinator's token; a lead's token may not.
        let client = reqwest::Client::new();
        let coordinator_token = token(&cast.coordinator).await;
        let lead_token = token(&cast.lead).await;
        let api = server.url(&format!("/api/v1{commitments}/{id}"));
        let call = |request: reqwest::RequestBuilder, secret: &String, body: serde_json::Value| {
            request.bearer_auth(secret).json(&body).send()
        };
        let agreed = serde_json::json!({"status": "agreed"});
        assert_eq!(call(client.patch(&api), &lead_token, agreed.clone()).await.unwrap().status(), 403, "{name}");
        let answer =
            call(client.patch(&api), &coordinator_token, serde_json::json!({"status": "promised"})).await.unwrap();
        assert_eq!(answer.status(), 400, "{name}");
        let answer = call(client.patch(&api), &coordinator_token, agreed).await.unwrap();
        assert_eq!(answer.status(), 200, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["status"], "agreed");
        let later = serde_json::json!({"action": "Meet again", "owner": "FAY", "due_on": "2099-01-01"});
        let follow_ups = format!("{api}/follow-ups");
        assert_eq!(call(client.post(&follow_ups), &lead_token, later.clone()).await.unwrap().status(), 403);
        let answer = call(
            client.post(&follow_ups),
            &coordinator_token,
            serde_json::json!({"action": "x", "owner": "y", "due_on": "01/02/2005"}),
        )
        .await
        .unwrap();
        assert_eq!(answer.status(), 400, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "due_on");
        let answer = call(client.post(&follow_ups), &coordinator_token, later).await.unwrap();
        assert_eq!(answer.status(), 201, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["follow_ups"].as_array().unwrap().len(), 2);

        // A new commitment, with the form re-shown on a bad amount.
        let pledge = [
            ("organization", "ministry-youth-sport-tourism-az"),
            ("summary_en", "Will fund two training sessions"),
            ("amount", "12000"),
            ("currency", "AZN"),
            ("pledged_on", "2005-03-01"),
            ("status", "agreed"),
        ];
        let mut bad = pledge;
        bad[2] = ("amount", "12 000.5");
        let (status, page, _) = cast.coordinator.post_page(&format!("{commitments}?lang=en"), &bad).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Please give a whole amount"));
        assert_eq!(cast.coordinator.post(&commitments, &pledge).await.status(), 303);
        let (_, page) = cast.anonymous.page(&format!("{commitments}?lang=en")).await;
        assert!(
            page.contains("Will fund two training sessions")
                && page.contains("12000 AZN")
                && page.contains(": agreed</h2>")
        );

        // The follow-up fell due long ago: the next start of the reminders mails the coordinator, once.
        let before = sink.messages().len();
        server.stop();
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let mails = sink.wait_for(before + 1, Duration::from_secs(20)).await;
        let reminder = mails[before..].iter().find(|m| m.subject.contains("Follow-up due")).expect("a reminder");
        assert!(reminder.to.iter().any(|t| t.contains("fuad@nayora.example")), "{name}");
        assert!(reminder.text.contains("Send the plan's budget") && reminder.text.contains("2004-12-15"));
        assert!(reminder.text.contains(&format!("/networks/un-ngo-irene-azerbaijan/commitments#commitment-{id}")));
        let after_first = sink.messages().len();
        server.stop();
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let (_, page) = Browser::new(&server).page(&format!("{commitments}?lang=en")).await;
        assert!(page.contains("coordinators reminded"), "{name}");
        tokio::time::sleep(Duration::from_secs(2)).await;
        let reminders = sink.messages()[after_first..].iter().filter(|m| m.subject.contains("Follow-up due")).count();
        assert_eq!(reminders, 0, "{name}: one reminder per follow-up, whatever the restarts");
        server.stop();
    }
}

/// The page's text between `start` and the next `end`.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    page.split(start).nth(1).unwrap_or_else(|| panic!("{start} in {page}")).split(end).next().unwrap()
}

#[tokio::test]
async fn organisations_co_author_a_funding_proposal_whose_grant_is_secured_budget() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        // A second co-applicant: an editor of Buta, a member that leads no focal point.
        let buta = sign_up(&server, &sink, "aysel@buta.example").await;
        buta.post("/organizations/buta-children-humanitarian-foundation/claim", &[("message", "Director")]).await;
        for id in support::queued_requests(&cast.admin).await {
            assert_eq!(cast.admin.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
        }

        // A plan with two activities budgeted in dollars.
        let plans = format!("{NETWORK}/plans");
        let fields = [("title", "Plan 2005"), ("starts_on", "2005-01-01"), ("ends_on", "2030-12-31")];
        let (_, _, location) = cast.coordinator.post_page(&plans, &fields).await;
        let plan = format!("{plans}/{}", location_id(&location, &format!("{plans}/")));
        cast.coordinator.post(&format!("{plan}/objectives"), &[("objective_title", "Water")]).await;
        let (_, page) = cast.coordinator.page(&format!("{plan}?lang=en")).await;
        let objective = option(&page, "objective", "Water");
        let environment = option(&page, "focal_point", "5. ");
        let mut activities = Vec::new();
        for (title, budget) in [("Wells", "1000"), ("Training", "3000")] {
            let fields = vec![
                ("objective", objective.clone()),
                ("activity_title", title.to_string()),
                ("focal_point", environment.clone()),
                ("activity_starts_on", "2005-02-01".into()),
                ("activity_ends_on", "2030-06-30".into()),
                ("currency", "USD".into()),
                ("budget", budget.into()),
            ];
            let (status, _, location) = post(&cast.coordinator, format!("{plan}/activities"), fields).await;
            assert_eq!(status, 303, "{name}");
            activities.push(location_id(&location, &format!("{plan}/activities/")));
        }
        let (wells, training) = (activities[0].clone(), activities[1].clone());
        let proposals = format!("{plan}/proposals");
        let proposal = |title: &str, applicants: &str, currency: &str| -> Vec<(String, String)> {
            [
                ("title", title),
                ("funder", "world-bank"),
                ("applicants", applicants),
                ("currency", currency),
                ("requested", "30000"),
                ("summary", "Wells and *training* for ten villages.\n\nSecond paragraph."),
                (&format!("activity_{wells}"), "1"),
                (&format!("activity_{training}"), "1"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
        };

        // Who may start one: coordinators, and editors of an organisation who name it among the co-applicants.
        assert_eq!(cast.stranger.get(&format!("{proposals}/new")).await.status(), 403, "{name}");
        let joint = proposal("Clean water", "ecores, buta-children-humanitarian-foundation", "USD");
        assert_eq!(post(&cast.stranger, proposals.clone(), joint.clone()).await.0, 403, "{name}");
        let (status, _, location) = post(&cast.anonymous, proposals.clone(), joint.clone()).await;
        assert_eq!(status, 303);
        assert!(location.unwrap().starts_with("/account/signin"));
        let (status, page, _) =
            post(&cast.lead, format!("{proposals}?lang=en"), proposal("Clean water", "nayora", "USD")).await;
        assert_eq!(status, 400, "{name}");
        assert!(
            page.contains("Please name at least one organisation you edit") && page.contains("value=\"Clean water\"")
        );
        let (status, page, _) =
            post(&cast.lead, format!("{proposals}?lang=en"), proposal("Clean water", "ecores", "EUR")).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("“Wells” is not budgeted in EUR"), "{page}");
        let mut bad = joint.clone();
        bad.iter_mut().for_each(|(k, v)| {
            if k == "requested" {
                *v = "-5".into();
            } else if k == "funder" {
                *v = "no-such-funder".into();
            }
        });
        let (status, page, _) = post(&cast.lead, format!("{proposals}?lang=en"), bad).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("“no-such-funder”") && page.contains("Please give the amount requested"));
        assert!(page.contains("checked"), "{name}: the ticked activities stay ticked");
        let (status, _, location) = post(&cast.lead, proposals.clone(), joint).await;
        assert_eq!(status, 303, "{name}");
        let water = format!("{proposals}/{}", location_id(&location, &format!("{proposals}/")));

        // A draft is its authors' and the coordinators' alone.
        assert_eq!(cast.anonymous.get(&water).await.status(), 404, "{name}");
        assert_eq!(cast.stranger.get(&water).await.status(), 404, "{name}");
        let (_, list) = cast.anonymous.page(&format!("{NETWORK}/proposals?lang=en")).await;
        assert!(!list.contains("Clean water"), "{name}");
        for author in [&cast.coordinator, &buta, &cast.lead] {
            let (status, page) = author.page(&format!("{water}?lang=en")).await;
            assert_eq!(status, 200, "{name}");
            assert!(page.contains("<em>training</em>") && page.contains("30\u{202f}000 USD"), "{name}");
        }

        // Each co-applicant's editors confirm the version they read; an edit asks for confirmation again.
        let confirm = |org: &'static str, version: &'static str| [("organization", org), ("version", version)];
        assert_eq!(buta.post(&format!("{water}/confirm"), &confirm("ecores", "1")).await.status(), 403, "{name}");
        assert_eq!(cast.coordinator.post(&format!("{water}/confirm"), &confirm("ecores", "1")).await.status(), 403);
        assert_eq!(cast.lead.post(&format!("{water}/confirm"), &confirm("ecores", "1")).await.status(), 303);
        let (_, page) = buta.page(&format!("{water}/edit?lang=en")).await;
        assert!(page.contains("value=\"30000.00\"") && page.contains("name=\"version\" value=\"1\""), "{name}");
        let mut edited = proposal("Clean water", "ecores, buta-children-humanitarian-foundation", "USD");
        edited.iter_mut().for_each(|(k, v)| {
            if k == "requested" {
                *v = "25000".into();
            } else if k == "summary" {
                *v = "Wells and *training* for twelve villages.\n\nSecond paragraph.".into();
            }
        });
        edited.push(("version".into(), "1".into()));
        assert_eq!(post(&cast.stranger, format!("{water}/edit"), edited.clone()).await.0, 404, "{name}: unseen");
        assert_eq!(post(&buta, format!("{water}/edit"), edited.clone()).await.0, 303, "{name}");
        assert_eq!(post(&buta, format!("{water}/edit"), edited).await.0, 409, "{name}: version 1 is gone");
        let (_, page) = buta.page(&format!("{water}?lang=en")).await;
        assert!(page.contains("confirmed an earlier version (1)") && page.contains("not confirmed yet"), "{name}");
        let submit = [("status", "submitted")];
        let (status, page, _) = cast.coordinator.post_page(&format!("{water}/status?lang=en"), &submit).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Every co-applicant must confirm the current version"));
        assert_eq!(cast.lead.post(&format!("{water}/confirm"), &confirm("ecores", "1")).await.status(), 409);
        assert_eq!(cast.lead.post(&format!("{water}/confirm"), &confirm("ecores", "2")).await.status(), 303);
        let buta_confirms = confirm("buta-children-humanitarian-foundation", "2");
        assert_eq!(buta.post(&format!("{water}/confirm"), &buta_confirms).await.status(), 303, "{name}");

        // Versions and what changed between them.
        let (status, page) = cast.lead.page(&format!("{water}/versions?from=1&to=2&lang=en")).await;
        assert_eq!(status, 200, "{name}");
        let removed = between(&page, "<li class=\"removed\">", "</li>");
        let added = between(&page, "<li class=\"added\">", "</li>");
        assert!(removed.contains("<strong>30000.00</strong> USD") && added.contains("<strong>25000.00</strong> USD"));
        assert!(page.contains("<strong>twelve</strong>") && page.contains("<strong>ten</strong>"), "{page}");
        assert!(page.contains("<li class=\"same\">  Second paragraph.</li>"), "{page}");
        assert_eq!(cast.lead.get(&format!("{water}/versions?from=9")).await.status(), 400, "{name}");
        assert_eq!(cast.lead.get(&format!("{water}/versions?to=abc")).await.status(), 400, "{name}");

        // The pipeline: submitted (then public, no longer editable), under review, funded.
        assert_eq!(cast.coordinator.post(&format!("{water}/status"), &submit).await.status(), 303, "{name}");
        assert_eq!(cast.lead.get(&format!("{water}/edit")).await.status(), 409, "{name}: as sent");
        let (status, page) = cast.anonymous.page(&format!("{water}?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("submitted") && !page.contains("Record the move"), "{name}");
        assert_eq!(cast.stranger.post(&format!("{water}/status"), &[("status", "under_review")]).await.status(), 403);
        assert_eq!(buta.post(&format!("{water}/status"), &[("status", "under_review")]).await.status(), 303);
        let (status, page, _) = buta.post_page(&format!("{water}/status?lang=en"), &[("status", "funded")]).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Please give the amount granted."));
        let (status, page, _) = buta.post_page(&format!("{water}/status?lang=en"), &[("status", "declined")]).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Please give the reason the funder declined it."));
        let (status, _, _) = buta.post_page(&format!("{water}/status"), &[("status", "draft")]).await;
        assert_eq!(status, 400, "{name}: under review cannot go back to a draft");
        let funded = [("status", "funded"), ("granted", "20000")];
        assert_eq!(buta.post(&format!("{water}/status"), &funded).await.status(), 303, "{name}");

        // The grant is secured budget: the plan's totals, the funder's bar, each activity's share by budget.
        let (_, page) = cast.anonymous.page(&format!("{plan}?lang=en")).await;
        assert!(page.contains("<td>4\u{202f}000 USD</td><td>20\u{202f}000 USD</td>"), "{name}: {page}");
        let (_, page) = cast.anonymous.page(&format!("{plan}/dashboard?lang=en")).await;
        assert!(page.contains("<th scope=\"row\">World Bank</th><td>0 USD</td><td>20\u{202f}000 USD</td>"), "{page}");
        let (_, page) = cast.anonymous.page(&format!("{plan}/activities/{wells}?lang=en")).await;
        assert!(page.contains("5\u{202f}000 USD (Of which granted through funding proposals: 5\u{202f}000 USD)"));
        let (_, page) = cast.anonymous.page(&format!("{plan}/activities/{training}?lang=en")).await;
        assert!(page.contains("15\u{202f}000 USD (Of which"), "{name}");
        let csv = cast.anonymous.get(&format!("{plan}/plan.csv")).await.text().await.unwrap();
        assert!(csv.contains("3000.00,15000.00"), "{csv}");
        let (_, list) = cast.anonymous.page(&format!("{NETWORK}/proposals?lang=en")).await;
        assert!(list.contains("Clean water") && list.contains("funded") && list.contains("20\u{202f}000 USD"));

        // Co-applicants write only the proposals they are on.
        let (status, _, location) =
            post(&buta, proposals.clone(), proposal("School gardens", "buta-children-humanitarian-foundation", "USD"))
                .await;
        assert_eq!(status, 303, "{name}");
        let gardens = format!("{proposals}/{}", location_id(&location, &format!("{proposals}/")));
        assert_eq!(cast.lead.get(&gardens).await.status(), 404, "{name}: another's draft");
        let buta_confirms = confirm("buta-children-humanitarian-foundation", "1");
        assert_eq!(buta.post(&format!("{gardens}/confirm"), &buta_confirms).await.status(), 303);
        assert_eq!(buta.post(&format!("{gardens}/status"), &submit).await.status(), 303, "{name}");
        let declined = [("status", "declined"), ("reason", "Outside the funder's priorities")];
        assert_eq!(cast.lead.post(&format!("{gardens}/status"), &declined).await.status(), 403, "{name}");
        assert_eq!(cast.coordinator.post(&format!("{gardens}/status"), &declined).await.status(), 303);
        let (_, page) = cast.anonymous.page(&format!("{gardens}?lang=ru")).await;
        assert!(page.contains("отклонена") && page.contains("Outside the funder&#39;s priorities"), "{page}");

        // Amounts follow the plan's private budgets, its authors still seeing them.
        cast.coordinator.post(&format!("{plan}/settings"), &[("budgets_public", "0")]).await;
        let (_, page) = cast.anonymous.page(&format!("{water}?lang=en")).await;
        assert!(!page.contains("25\u{202f}000 USD") && !page.contains("20\u{202f}000 USD"), "{name}");
        let (_, page) = buta.page(&format!("{water}?lang=en")).await;
        assert!(page.contains("25\u{202f}000 USD") && page.contains("20\u{202f}000 USD"), "{name}");
        cast.coordinator.post(&format!("{plan}/settings"), &[("budgets_public", "1")]).await;

        // The API, written with tokens under the same rights.
        let (_, spec) = server.json("/api/openapi.json").await;
        for path in ["/networks/{slug}/plans/{id}/proposals", "/networks/{slug}/plans/{id}/proposals/{proposal}/status"]
        {
            assert!(spec["paths"][path].is_object(), "{path} described");
        }
        let (status, json) = server.json(&format!("/api/v1{proposals}")).await;
        assert_eq!(status, 200, "{name}");
        let items = json.as_array().unwrap();
        assert_eq!(items.len(), 2, "{name}: both are public now");
        let water_item = items.iter().find(|p| p["title"] == "Clean water").unwrap();
        assert_eq!((water_item["granted"].as_str(), water_item["status"].as_str()), (Some("20000.00"), Some("funded")));
        assert_eq!(water_item["applicants"][0]["confirmed"], true);
        let (_, json) = server.json(&format!("/api/v1{plan}")).await;
        assert_eq!(json["objectives"][0]["activities"][0]["secured"], "5000.00", "{name}");
        let client = reqwest::Client::new();
        let [coordinator_token, lead_token, stranger_token] =
            [token(&cast.coordinator).await, token(&cast.lead).await, token(&cast.stranger).await];
        let api = server.url(&format!("/api/v1{proposals}"));
        let text = |currency: &str, activities: Vec<i64>| {
            serde_json::json!({"title": "Youth forum", "funder": "european-union", "applicants": ["ecores"],
                "currency": currency, "requested": "1000", "activities": activities, "summary": "A forum."})
        };
        let ids = vec![wells.parse::<i64>().unwrap()];
        let send = |request: reqwest::RequestBuilder, secret: &String, body: serde_json::Value| {
            request.bearer_auth(secret).json(&body).send()
        };
        let answer = send(client.post(&api), &stranger_token, text("USD", ids.clone())).await.unwrap();
        assert_eq!(answer.status(), 403, "{name}");
        let answer = send(client.post(&api), &coordinator_token, text("ZZZ", ids.clone())).await.unwrap();
        assert_eq!(answer.status(), 400, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "currency");
        let answer = send(client.post(&api), &coordinator_token, text("USD", vec![999_999])).await.unwrap();
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "activities");
        let answer = send(client.post(&api), &coordinator_token, text("USD", ids)).await.unwrap();
        assert_eq!(answer.status(), 201, "{name}");
        let forum: serde_json::Value = answer.json().await.unwrap();
        assert_eq!((forum["status"].as_str(), forum["version"].as_i64()), (Some("draft"), Some(1)));
        let forum_api = format!("{api}/{}", forum["id"]);
        let (status, _) = server.json(&format!("/api/v1{proposals}/{}", forum["id"])).await;
        assert_eq!(status, 404, "{name}: a draft is not open data");
        let submit = serde_json::json!({"status": "submitted"});
        let answer =
            send(client.post(format!("{forum_api}/status")), &coordinator_token, submit.clone()).await.unwrap();
        assert_eq!(answer.status(), 400, "{name}: ECORES has not confirmed");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "status");
        let ecores = serde_json::json!({"organization": "ecores", "version": 1});
        let answer = send(client.post(format!("{forum_api}/confirmations")), &coordinator_token, ecores.clone());
        assert_eq!(answer.await.unwrap().status(), 403, "{name}: only ECORES's editors confirm for it");
        let answer = send(client.post(format!("{forum_api}/confirmations")), &lead_token, ecores).await.unwrap();
        assert_eq!(answer.status(), 200, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["applicants"][0]["confirmed"], true);
        let answer = send(client.post(format!("{forum_api}/status")), &lead_token, submit).await.unwrap();
        assert_eq!(answer.status(), 200, "{name}");
        let gardens_api = format!("{api}/{}", gardens.rsplit('/').next().unwrap());
        let edit = text("USD", vec![]);
        assert_eq!(send(client.put(&gardens_api), &lead_token, edit.clone()).await.unwrap().status(), 403, "{name}");
        assert_eq!(send(client.put(&forum_api), &lead_token, text("USD", vec![])).await.unwrap().status(), 400);
        let resend = text("USD", vec![wells.parse().unwrap()]);
        assert_eq!(send(client.put(&forum_api), &lead_token, resend).await.unwrap().status(), 409, "{name}: sent");
        server.stop();
    }
}

/// A plan the coordinator starts with the objective “Build capacity”: its address, and its page in English.
async fn plan_with_objective(coordinator: &Browser, title: &str) -> (String, String) {
    let plans = format!("{NETWORK}/plans");
    let fields = [("title", title), ("starts_on", "2005-01-01"), ("ends_on", "2030-12-31")];
    let (_, _, location) = coordinator.post_page(&plans, &fields).await;
    let plan = format!("{plans}/{}", location_id(&location, &format!("{plans}/")));
    coordinator.post(&format!("{plan}/objectives"), &[("objective_title", "Build capacity")]).await;
    let (_, page) = coordinator.page(&format!("{plan}?lang=en")).await;
    (plan, page)
}

/// Fields with one of them given another value.
fn with(mut fields: Vec<(&'static str, String)>, name: &str, value: &str) -> Vec<(&'static str, String)> {
    fields.iter_mut().filter(|(k, _)| *k == name).for_each(|(_, v)| *v = value.to_string());
    fields
}

#[tokio::test]
async fn the_coordinator_edits_and_deletes_a_plans_parts_and_a_lead_only_their_themes_activities() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let plans = format!("{NETWORK}/plans");
        let (plan, page) = plan_with_objective(&cast.coordinator, "Plan to edit").await;
        let objective_id = option(&page, "objective", "Build capacity");
        let (environment, poverty) = (option(&page, "focal_point", "5. "), option(&page, "focal_point", "1. "));
        let objective = format!("{plan}/objectives/{objective_id}");
        let mut added = Vec::new();
        for (title, focal_point) in [("Green schools", &environment), ("Microcredit fair", &poverty)] {
            let fields = activity_fields(&objective_id, title, focal_point, "2030-06-30");
            let (status, _, location) = post(&cast.coordinator, format!("{plan}/activities"), fields).await;
            assert_eq!(status, 303, "{name}");
            added.push(format!("{plan}/activities/{}", location_id(&location, &format!("{plan}/activities/"))));
        }
        let (green, fair) = (added[0].clone(), added[1].clone());

        // The plan: its title and period, the coordinator's alone; the form is filled and shown again on error.
        let (_, page) = cast.coordinator.page(&format!("{plan}?lang=en")).await;
        assert!(
            page.contains(&format!("href=\"{plan}/edit\"")) && page.contains(&format!("href=\"{objective}/edit\""))
        );
        let (status, page) = cast.coordinator.page(&format!("{plan}/edit?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("value=\"Plan to edit\"") && page.contains("value=\"2030-12-31\""), "{page}");
        assert_eq!(cast.lead.get(&format!("{plan}/edit")).await.status(), 403, "{name}");
        let anonymous = cast.anonymous.get(&format!("{plan}/edit")).await;
        assert_eq!(anonymous.status(), 303);
        let edited = [("title", "Plan edited"), ("starts_on", "2005-01-01"), ("ends_on", "2031-12-31")];
        assert_eq!(cast.lead.post(&format!("{plan}/edit"), &edited).await.status(), 403, "{name}");
        let bad = [("title", "Plan typed"), ("starts_on", "2005-01-01"), ("ends_on", "2004-01-01")];
        let (status, page, _) = cast.coordinator.post_page(&format!("{plan}/edit?lang=en"), &bad).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("The end comes before the start.") && page.contains("value=\"Plan typed\""));
        let (status, _, location) = cast.coordinator.post_page(&format!("{plan}/edit"), &edited).await;
        assert_eq!((status, location.as_deref()), (303, Some(plan.as_str())), "{name}");
        let (_, json) = server.json(&format!("/api/v1{plan}")).await;
        assert_eq!((json["title"].as_str(), json["ends_on"].as_str()), (Some("Plan edited"), Some("2031-12-31")));

        // An objective, added through the API with a coordinator's token only.
        let client = reqwest::Client::new();
        let add = |secret: String, body: serde_json::Value| {
            client.post(server.url(&format!("/api/v1{plan}/objectives"))).bearer_auth(secret).json(&body).send()
        };
        let (lead_token, coordinator_token) = (token(&cast.lead).await, token(&cast.coordinator).await);
        let water = serde_json::json!({"title": "Clean water"});
        assert_eq!(add(lead_token, water.clone()).await.unwrap().status(), 403, "{name}");
        let answer = add(coordinator_token.clone(), serde_json::json!({"title": ""})).await.unwrap();
        assert_eq!(answer.status(), 400, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "title");
        let answer = add(coordinator_token, water).await.unwrap();
        assert_eq!(answer.status(), 201, "{name}");
        let detail: serde_json::Value = answer.json().await.unwrap();
        assert_eq!(detail["objectives"][1]["title"], "Clean water", "{name}");

        // An objective.
        let renamed = [("objective_title", "Build NGO capacity")];
        assert_eq!(cast.lead.post(&format!("{objective}/edit"), &renamed).await.status(), 403, "{name}");
        let (_, page) = cast.coordinator.page(&format!("{objective}/edit")).await;
        assert!(page.contains("value=\"Build capacity\""), "{name}");
        let (status, page, _) =
            cast.coordinator.post_page(&format!("{objective}/edit?lang=en"), &[("objective_title", "")]).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Please fill this in."));
        assert_eq!(cast.coordinator.post(&format!("{objective}/edit"), &renamed).await.status(), 303, "{name}");

        // An activity: the lead of Environment edits Green schools, every field filled as it stands, and may not
        // move it to another theme; the Poverty activity is not theirs, and stays as it was.
        let (status, page) = cast.lead.page(&format!("{green}/edit?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        for value in ["Green schools", "ecores", "ministry-finance-az, nayora", "2005-02-01", "USD", "1250.50", "UNDP"]
        {
            assert!(page.contains(&format!("value=\"{value}\"")), "{name}: {value} in {page}");
        }
        assert!(!page.contains(&format!("<option value=\"{poverty}\"")), "{name}: only the lead's themes");
        let changed = with(
            with(
                activity_fields(&objective_id, "Green schools and parks", &environment, "2031-06-30"),
                "budget",
                "2000",
            ),
            "partners",
            "nayora",
        );
        assert_eq!(cast.lead.get(&format!("{fair}/edit")).await.status(), 403, "{name}");
        let (status, _, _) = post(&cast.lead, format!("{fair}/edit"), changed.clone()).await;
        assert_eq!(status, 403, "{name}: not the lead of Poverty");
        let (_, page) = cast.anonymous.page(&format!("{fair}?lang=en")).await;
        assert!(page.contains("<h1>Microcredit fair</h1>"), "{name}: nothing changed");
        let (status, page, _) =
            post(&cast.lead, format!("{green}/edit?lang=en"), with(changed.clone(), "focal_point", &poverty)).await;
        assert_eq!(status, 400, "{name}: another theme");
        assert!(page.contains("value=\"Green schools and parks\""), "what was typed is shown again");
        let (status, page, _) =
            post(&cast.lead, format!("{green}/edit?lang=en"), with(changed.clone(), "currency", "XYZ")).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("ISO 4217 currency code") && page.contains("value=\"XYZ\""));
        let (status, _, location) = post(&cast.lead, format!("{green}/edit"), changed).await;
        assert_eq!((status, location.as_deref()), (303, Some(green.as_str())), "{name}");
        let (_, page) = cast.anonymous.page(&format!("{green}?lang=en")).await;
        assert!(page.contains("<h1>Green schools and parks</h1>") && page.contains("2\u{202f}000 USD"), "{name}");
        assert!(!page.contains("/organizations/ministry-finance-az"), "{name}: partners replaced");

        // An indicator of the lead's activity.
        let (_, page) = cast.lead.page(&format!("{green}?lang=en")).await;
        let indicator_id = page.split("/indicators/").nth(1).unwrap().split('/').next().unwrap().to_string();
        let indicator = format!("{green}/indicators/{indicator_id}");
        let (_, page) = cast.lead.page(&format!("{indicator}/edit")).await;
        assert!(page.contains("value=\"NGOs trained\"") && page.contains("value=\"10\""), "{name}");
        let values = [("name", "NGOs trained"), ("baseline", "0"), ("target", "4"), ("current", "2")];
        let (_, fair_page) = cast.coordinator.page(&format!("{fair}?lang=en")).await;
        let fair_indicator = fair_page.split("/indicators/").nth(1).unwrap().split('/').next().unwrap().to_string();
        let other = format!("{fair}/indicators/{fair_indicator}");
        assert_eq!(cast.lead.post(&format!("{other}/edit"), &values).await.status(), 403, "{name}");
        assert_eq!(cast.anonymous.get(&format!("{green}/indicators/{fair_indicator}/edit")).await.status(), 404);
        let (status, page, _) = cast
            .lead
            .post_page(&format!("{indicator}/edit?lang=en"), &[("name", "NGOs trained"), ("target", "x")])
            .await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("value=\"x\""), "{name}");
        assert_eq!(cast.lead.post(&format!("{indicator}/edit"), &values).await.status(), 303, "{name}");
        let (_, page) = cast.anonymous.page(&format!("{green}?lang=en")).await;
        assert!(page.contains("<td>50 %</td>"), "{name}: 2 of 4");

        // Deleting: asked on a page of its own, made by its form; a lead deletes only their theme's parts.
        let (status, page) = cast.lead.page(&format!("{indicator}/delete?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("Delete the indicator “NGOs trained”?"), "{page}");
        assert!(page.contains(&format!("<form method=\"post\" action=\"{indicator}/delete\">")), "{name}");
        assert_eq!(cast.lead.post(&format!("{other}/delete"), &[]).await.status(), 403, "{name}");
        assert_eq!(cast.lead.post(&format!("{fair}/delete"), &[]).await.status(), 403, "{name}");
        assert_eq!(cast.lead.post(&format!("{objective}/delete"), &[]).await.status(), 403, "{name}");
        assert_eq!(cast.lead.post(&format!("{plan}/delete"), &[]).await.status(), 403, "{name}");
        let (status, _, location) = cast.lead.post_page(&format!("{indicator}/delete"), &[]).await;
        assert_eq!((status, location.as_deref()), (303, Some(green.as_str())), "{name}");
        assert_eq!(cast.anonymous.get(&format!("{indicator}/delete")).await.status(), 404, "{name}: gone");
        let (status, _, _) = cast.lead.post_page(&format!("{green}/delete"), &[]).await;
        assert_eq!(status, 303, "{name}");
        assert_eq!(cast.anonymous.get(&green).await.status(), 404, "{name}");
        assert_eq!(cast.anonymous.get(&fair).await.status(), 200, "{name}: the other theme's activity stays");
        let (_, page) = cast.coordinator.page(&format!("{objective}/delete?lang=en")).await;
        assert!(page.contains("Delete the objective “Build NGO capacity”?"), "{name}");
        assert_eq!(cast.coordinator.post(&format!("{objective}/delete"), &[]).await.status(), 303, "{name}");
        assert_eq!(cast.anonymous.get(&fair).await.status(), 404, "{name}: its activities went with it");
        let (_, page) = cast.coordinator.page(&format!("{plan}/delete?lang=en")).await;
        assert!(page.contains("Delete the plan “Plan edited”?"), "{name}");
        let (status, _, location) = cast.coordinator.post_page(&format!("{plan}/delete"), &[]).await;
        assert_eq!((status, location.as_deref()), (303, Some(plans.as_str())), "{name}");
        assert_eq!(cast.anonymous.get(&plan).await.status(), 404, "{name}");

        // Every change is in the history, before and after.
        let export: serde_json::Value = cast.lead.get("/account/export.json").await.json().await.unwrap();
        let changes = export["changes"].as_array().expect("the changes").clone();
        let actions: Vec<&str> = changes.iter().filter_map(|c| c["action"].as_str()).collect();
        for action in ["plan_activity.edit", "plan_indicator.edit", "plan_indicator.delete", "plan_activity.delete"] {
            assert!(actions.contains(&action), "{name}: {action} in {actions:?}");
        }
        let edit = changes.iter().find(|c| c["action"] == "plan_activity.edit").unwrap();
        assert_eq!(edit["before"]["activity_title"], "Green schools");
        assert_eq!(edit["after"]["activity_title"], "Green schools and parks");
        let export: serde_json::Value = cast.coordinator.get("/account/export.json").await.json().await.unwrap();
        let actions: Vec<String> = export["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["action"].as_str().map(str::to_string))
            .collect();
        for action in ["plan.edit", "plan_objective.edit", "plan_objective.delete", "plan.delete"] {
            assert!(actions.iter().any(|a| a == action), "{name}: {action}");
        }
    }
}

/// The actions in a person's history, from their account's export.
async fn history_actions(browser: &Browser) -> Vec<serde_json::Value> {
    let export: serde_json::Value = browser.get("/account/export.json").await.json().await.unwrap();
    export["changes"].as_array().expect("the changes").clone()
}

#[tokio::test]
async fn tokens_write_a_plans_parts_and_commitments_under_the_forms_rights_and_into_the_history() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let (lead, coordinator) = (token(&cast.lead).await, token(&cast.coordinator).await);
        let client = reqwest::Client::new();
        let send = |method: reqwest::Method, path: &str, secret: &str, body: Option<serde_json::Value>| {
            let request = client.request(method, server.url(&format!("/api/v1{path}"))).bearer_auth(secret);
            let request = match body {
                Some(body) => request.json(&body),
                None => request,
            };
            async move {
                let answer = request.send().await.unwrap();
                let status = answer.status().as_u16();
                (status, answer.json::<serde_json::Value>().await.unwrap_or_default())
            }
        };
        use reqwest::Method;
        use serde_json::json;
        let plans = format!("{NETWORK}/plans");
        let new_plan = json!({"title": "Plan by API", "starts_on": "2005-01-01", "ends_on": "2030-12-31"});
        let (status, created) = send(Method::POST, &plans, &coordinator, Some(new_plan)).await;
        assert_eq!(status, 201, "{name}");
        let plan = format!("{plans}/{}", created["id"]);
        let (status, detail) =
            send(Method::POST, &format!("{plan}/objectives"), &coordinator, Some(json!({"title": "Capacity"}))).await;
        assert_eq!(status, 201, "{name}");
        let objective_id = detail["objectives"][0]["id"].as_i64().unwrap();
        let objective = format!("{plan}/objectives/{objective_id}");

        // An objective is renamed by a coordinator's token only.
        let (status, _) = send(Method::PATCH, &objective, &lead, Some(json!({"title": "Mine"}))).await;
        assert_eq!(status, 403, "{name}");
        let (status, error) = send(Method::PATCH, &objective, &coordinator, Some(json!({"title": " "}))).await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("title")), "{name}");
        let (status, detail) =
            send(Method::PATCH, &objective, &coordinator, Some(json!({"title": "Build NGO capacity"}))).await;
        assert_eq!((status, detail["objectives"][0]["title"].as_str()), (200, Some("Build NGO capacity")), "{name}");
        let (status, _) =
            send(Method::PATCH, &format!("{plan}/objectives/999999"), &coordinator, Some(json!({"title": "x"}))).await;
        assert_eq!(status, 404, "{name}");

        // Activities are added by a coordinator's token, every field checked as the plan's form checks it.
        let activities = format!("{plan}/activities");
        let activity = |title: &str, focal_point: i64| {
            json!({"objective": objective_id, "title": title, "focal_point": focal_point, "responsible": "ecores",
                "partners": ["nayora", "ministry-finance-az"], "starts_on": "2005-02-01", "ends_on": "2030-06-30",
                "currency": "usd", "budget": "1250.50", "funding_source": "UNDP"})
        };
        let (status, _) = send(Method::POST, &activities, &lead, Some(activity("Green schools", 5))).await;
        assert_eq!(status, 403, "{name}: a lead does not add activities, as on the plan's page");
        for (field, value, parameter) in [
            ("title", json!(""), "title"),
            ("focal_point", json!(99), "focal_point"),
            ("ends_on", json!("2004-01-01"), "ends_on"),
            ("partners", json!(["no-such-organisation"]), "partners"),
            ("currency", json!("XYZ"), "currency"),
        ] {
            let mut bad = activity("Green schools", 5);
            bad[field] = value;
            let (status, error) = send(Method::POST, &activities, &coordinator, Some(bad)).await;
            assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some(parameter)), "{name}: {field}");
        }
        let (status, green) = send(Method::POST, &activities, &coordinator, Some(activity("Green schools", 5))).await;
        assert_eq!(status, 201, "{name}");
        assert_eq!(
            (green["theme"].as_str(), green["budget"].as_str()),
            (Some("environment"), Some("1250.50")),
            "{green}"
        );
        let (_, fair) = send(Method::POST, &activities, &coordinator, Some(activity("Microcredit fair", 1))).await;
        let (green, fair) = (format!("{activities}/{}", green["id"]), format!("{activities}/{}", fair["id"]));
        let mut indicators = Vec::new();
        for activity in [&green, &fair] {
            let indicator = json!({"name": "NGOs trained", "baseline": 0, "target": 10});
            let (status, item) =
                send(Method::POST, &format!("{activity}/indicators"), &coordinator, Some(indicator)).await;
            assert_eq!(status, 201, "{name}");
            indicators.push(format!("{activity}/indicators/{}", item["indicators"][0]["id"]));
        }
        let (green_indicator, fair_indicator) = (indicators[0].clone(), indicators[1].clone());

        // The lead of Environment changes its activity, and only that one, and keeps it in their theme.
        let change = json!({"title": "Green schools and parks", "budget": "2000", "partners": ["nayora"]});
        let (status, _) = send(Method::PATCH, &fair, &lead, Some(change.clone())).await;
        assert_eq!(status, 403, "{name}: not the lead of Poverty");
        let (status, error) = send(Method::PATCH, &green, &lead, Some(json!({"focal_point": 1}))).await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("focal_point")), "{name}");
        let (status, error) = send(Method::PATCH, &green, &lead, Some(json!({"starts_on": "yesterday"}))).await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("starts_on")), "{name}");
        let (status, item) = send(Method::PATCH, &green, &lead, Some(change)).await;
        assert_eq!(status, 200, "{name}: {item}");
        assert_eq!(
            (item["title"].as_str(), item["budget"].as_str()),
            (Some("Green schools and parks"), Some("2000.00"))
        );
        assert_eq!(
            (item["partners"].as_array().unwrap().len(), item["funding_source"].as_str()),
            (1, Some("UNDP")),
            "the rest stays"
        );
        let (status, _) =
            send(Method::PATCH, &format!("{activities}/999999"), &lead, Some(json!({"title": "x"}))).await;
        assert_eq!(status, 404, "{name}");

        // Its indicators, too.
        let (status, _) = send(Method::PATCH, &fair_indicator, &lead, Some(json!({"current": 5}))).await;
        assert_eq!(status, 403, "{name}");
        let (status, error) = send(Method::PATCH, &green_indicator, &lead, Some(json!({"baseline": 1e300}))).await;
        assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some("baseline")), "{name}");
        let (status, item) =
            send(Method::PATCH, &green_indicator, &lead, Some(json!({"target": 4, "current": 2}))).await;
        assert_eq!((status, item["progress"].as_i64()), (200, Some(50)), "{name}: {item}");
        let (status, _) =
            send(Method::PATCH, &format!("{green}/indicators/999999"), &lead, Some(json!({"current": 1}))).await;
        assert_eq!(status, 404, "{name}");

        let started = json!({"note": "Work started", "status": "in_progress"});
        assert_eq!(send(Method::POST, &format!("{green}/updates"), &lead, Some(started)).await.0, 200, "{name}");

        // Deleted by whoever may change it.
        assert_eq!(send(Method::DELETE, &fair, &lead, None).await.0, 403, "{name}");
        assert_eq!(send(Method::DELETE, &green, &lead, None).await.0, 204, "{name}");
        assert_eq!(send(Method::DELETE, &green, &lead, None).await.0, 404, "{name}");
        assert_eq!(cast.anonymous.get(&fair).await.status(), 200, "{name}: the other theme's activity stays");

        // Commitments are recorded by a coordinator's token, proposed unless said otherwise.
        let commitments = format!("{NETWORK}/commitments");
        let pledge = json!({"organization": "ministry-finance-az", "summary": {"en": "Will consider funding the plan"},
            "pledged_on": "2004-10-06"});
        assert_eq!(send(Method::POST, &commitments, &lead, Some(pledge.clone())).await.0, 403, "{name}");
        for (field, value, parameter) in [
            ("summary", json!({}), "summary"),
            ("summary", json!({"fr": "x"}), "summary"),
            ("organization", json!("nobody"), "organization"),
            ("amount", json!(-5), "amount"),
            ("status", json!("promised"), "status"),
        ] {
            let mut bad = pledge.clone();
            bad[field] = value;
            let (status, error) = send(Method::POST, &commitments, &coordinator, Some(bad)).await;
            assert_eq!((status, error["error"]["parameter"].as_str()), (400, Some(parameter)), "{name}: {field}");
        }
        let (status, item) = send(Method::POST, &commitments, &coordinator, Some(pledge)).await;
        assert_eq!((status, item["status"].as_str()), (201, Some("proposed")), "{name}: {item}");
        assert_eq!(item["organization"], "ministry-finance-az");
        let (_, page) = cast.anonymous.page(&format!("{commitments}?lang=en")).await;
        assert!(page.contains("Will consider funding the plan"), "{name}");

        // Every change is in the history as the web's are.
        let changes = history_actions(&cast.lead).await;
        let edit = changes.iter().find(|c| c["action"] == "plan_activity.edit").expect("the activity's edit");
        assert_eq!(
            (edit["before"]["activity_title"].as_str(), edit["after"]["activity_title"].as_str()),
            (Some("Green schools"), Some("Green schools and parks")),
            "{name}"
        );
        for action in ["plan_indicator.edit", "plan_activity.delete"] {
            assert!(changes.iter().any(|c| c["action"] == action), "{name}: {action}");
        }
        let changes = history_actions(&cast.coordinator).await;
        for action in [
            "plan.create",
            "plan_objective.create",
            "plan_objective.edit",
            "plan_activity.create",
            "plan_indicator.create",
            "commitment.create",
        ] {
            assert!(changes.iter().any(|c| c["action"] == action), "{name}: {action}");
        }
        // The plan's history page tells them all, the deleted activity's too, for its coordinators.
        let history = format!("{plan}/history");
        let (_, page) = cast.coordinator.page(&format!("{plan}?lang=en")).await;
        assert!(page.contains(&format!("<a href=\"{history}\">History of changes</a>")), "{name}");
        assert_eq!(cast.lead.get(&history).await.status(), 403, "{name}");
        assert_eq!(cast.anonymous.get(&history).await.status(), 303, "{name}");
        let (status, page) = cast.coordinator.page(&format!("{history}?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        for told in [
            "Plan started",
            "Objective added",
            "Objective edited",
            "Activity added",
            "Indicator added",
            "Indicator edited",
            "Activity deleted",
            "<th scope=\"row\">Activity</th><td>Green schools</td><td>Green schools and parks</td>",
            "<th scope=\"row\">Budget</th><td>1250.50</td><td>2000.00</td>",
            "<th scope=\"row\">Objective</th><td>Capacity</td><td>Build NGO capacity</td>",
            "<time datetime=\"",
            "Activity updated",
            "<th scope=\"row\">Status</th><td>planned</td><td>in progress</td>",
        ] {
            assert!(page.contains(told), "{name}: {told} in {page}");
        }
        let (_, page) = cast.coordinator.page(&format!("{history}?lang=ru")).await;
        assert!(page.contains("Цель добавлена") && page.contains("<th scope=\"row\">Бюджет</th>"), "{name}");

        let (_, spec) = server.json("/api/openapi.json").await;
        let activity_path = &spec["paths"]["/networks/{slug}/plans/{id}/activities/{activity}"];
        assert!(activity_path["patch"].is_object() && activity_path["delete"].is_object(), "{name}");
    }
}

#[tokio::test]
async fn an_update_names_the_event_it_produced_and_carries_its_files() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let (plan, page) = plan_with_objective(&cast.coordinator, "Plan with evidence").await;
        let fields = activity_fields(
            &option(&page, "objective", "Build capacity"),
            "Launch workshop",
            &option(&page, "focal_point", "5. "),
            "2030-06-30",
        );
        let (_, _, location) = post(&cast.coordinator, format!("{plan}/activities"), fields).await;
        let activity = format!("{plan}/activities/{}", location_id(&location, &format!("{plan}/activities/")));
        let updates = format!("{activity}/updates");

        // The update form offers the network's events, and takes files.
        let (_, page) = cast.lead.page(&format!("{activity}?lang=en")).await;
        assert!(page.contains("enctype=\"multipart/form-data\"") && page.contains("<label for=\"files\">"), "{name}");
        assert!(page.contains("<option value=\"launch-un-ngo-irene-azerbaijan\">"), "{name}: {page}");
        assert!(!page.contains("\"launch-un-ngo-irene-caspian\""), "{name}: another network's event");

        let pdf = b"%PDF-1.4 the workshop's report";
        let workshop = [("note", "Workshop held"), ("event", "launch-un-ngo-irene-caspian")];
        let (status, page) =
            post_file(&cast.lead, &format!("{updates}?lang=en"), &workshop, ("files", "r.pdf"), pdf).await;
        assert_eq!(status, 400, "{name}: another network's event");
        assert!(page.contains(">Workshop held</textarea>") && page.contains("id=\"event-error\""), "{name}");
        let workshop = [("note", "Workshop held"), ("event", "launch-un-ngo-irene-azerbaijan")];
        let (status, page) =
            post_file(&cast.lead, &format!("{updates}?lang=en"), &workshop, ("files", "page.html"), b"<html><script>")
                .await;
        assert_eq!(status, 400, "{name}: a type not accepted");
        assert!(page.contains("Only PDF, Word, OpenDocument, PNG or JPEG files are accepted."), "{name}");
        let mut large = b"%PDF-1.4 ".to_vec();
        large.resize(10 * 1024 * 1024 + 1, b'x');
        let (status, page) =
            post_file(&cast.lead, &format!("{updates}?lang=en"), &workshop, ("files", "big.pdf"), &large).await;
        assert_eq!(status, 400, "{name}: too large");
        assert!(page.contains("The file is larger than 10 MB."), "{name}");
        let (status, _) = post_file(&cast.stranger, &updates, &workshop, ("files", "r.pdf"), pdf).await;
        assert_eq!(status, 403, "{name}");
        let (status, location) = post_file(&cast.lead, &updates, &workshop, ("files", "Report 2004.pdf"), pdf).await;
        assert_eq!((status, location.as_str()), (303, activity.as_str()), "{name}");

        // The activity's page lists the update with its event and its file, which downloads as an attachment.
        let (_, page) = cast.anonymous.page(&format!("{activity}?lang=en")).await;
        assert!(
            page.contains("Event it produced: <a href=\"/events/launch-un-ngo-irene-azerbaijan\">"),
            "{name}: {page}"
        );
        assert!(page.contains(">Report 2004.pdf</a>"), "{name}");
        let file = page.split(&format!("href=\"{activity}/files/")).nth(1).unwrap().split('"').next().unwrap();
        let answer = cast.anonymous.get(&format!("{activity}/files/{file}")).await;
        assert_eq!(answer.status(), 200, "{name}");
        let header = |name: &str| answer.headers()[name].to_str().unwrap().to_string();
        assert!(header("content-disposition").starts_with("attachment"), "{name}");
        assert_eq!(
            (header("content-type"), header("x-content-type-options")),
            ("application/pdf".into(), "nosniff".into())
        );
        assert_eq!(answer.bytes().await.unwrap().as_ref(), pdf, "{name}");
        assert_eq!(cast.anonymous.get(&format!("{plan}/activities/999999/files/{file}")).await.status(), 404, "{name}");

        // The API names the event too, from the network's own.
        let secret = token(&cast.lead).await;
        let client = reqwest::Client::new();
        let write = |event: &str| {
            client
                .post(server.url(&format!("/api/v1{updates}")))
                .bearer_auth(&secret)
                .json(&serde_json::json!({"note": "Follow-up", "event": event}))
                .send()
        };
        let answer = write("launch-un-ngo-irene-caspian").await.unwrap();
        assert_eq!(answer.status(), 400, "{name}");
        assert_eq!(answer.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "event");
        assert_eq!(write("launch-un-ngo-irene-azerbaijan").await.unwrap().status(), 200, "{name}");

        // The files go with their activity.
        assert_eq!(cast.coordinator.post(&format!("{activity}/delete"), &[]).await.status(), 303, "{name}");
        assert_eq!(cast.anonymous.get(&format!("{activity}/files/{file}")).await.status(), 404, "{name}");
    }
}
