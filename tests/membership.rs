//! Roles, editing and joining through HTTP on SQLite and PostgreSQL: an NGO
//! registers and joins, a coordinator decides, profiles are edited with their
//! history kept, and nobody changes what is not theirs.

mod support;

use std::time::{Duration, Instant};

use support::smtp::SmtpSink;
use support::{
    Backend, Browser, PASSWORD, Server, TestDatabase, backends, encode, link_in, sign_in_admin, sign_up, slugs,
};

struct Cast {
    admin: Browser,
    /// Edits NAYORA, so coordinates UN-NGO-IRENE/Azerbaijan.
    coordinator: Browser,
    /// Edits the organisation it registered, "Green Steppe".
    ngo: Browser,
    stranger: Browser,
}

fn request_ids(queue: &str) -> Vec<String> {
    queue.split("action=\"/requests/").skip(1).map(|s| s.split('/').next().unwrap().to_string()).collect()
}

async fn cast(server: &Server, sink: &SmtpSink, database: &TestDatabase) -> Cast {
    let admin = sign_in_admin(server, database).await;

    // The coordinator claims NAYORA's profile; the administrator approves.
    let coordinator = sign_up(server, sink, "fuad@nayora.example").await;
    let (status, page, _) =
        coordinator.post_page("/organizations/nayora/claim?lang=en", &[("message", "Chairperson")]).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Your request is sent."));
    let (_, queue) = admin.page("/requests?lang=en").await;
    assert!(queue.contains("Request to edit") && queue.contains("fuad@nayora.example"));
    let id = request_ids(&queue).into_iter().next().expect("the claim is queued");
    let (status, _, location) = admin.post_page(&format!("/requests/{id}/approve"), &[]).await;
    assert_eq!((status, location.as_deref()), (303, Some("/requests?approved=1")));

    // An NGO registers and asks to join the national network.
    let ngo = sign_up(server, sink, "aygun@greensteppe.example").await;
    let fields = [
        ("name_en", "Green Steppe Youth Initiative"),
        ("name_az", "Yaşıl Çöl Gənclər Təşəbbüsü"),
        ("kind", "ngo"),
        ("country", "AZ"),
        ("city", "Ganja"),
        ("description_en", "Young people *planting* trees. <script>alert(1)</script>"),
    ];
    let (status, _, location) = ngo.post_page("/organizations/new", &fields).await;
    assert_eq!((status, location.as_deref()), (303, Some("/organizations/green-steppe-youth-initiative/join")));
    let stranger = sign_up(server, sink, "stranger@elsewhere.example").await;
    Cast { admin, coordinator, ngo, stranger }
}

#[tokio::test]
async fn an_ngo_registers_asks_to_join_and_the_coordinator_approves_it() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let org = "/organizations/green-steppe-youth-initiative";

        let (status, page) = cast.ngo.page(&format!("{org}?lang=en")).await;
        assert_eq!(status, 200);
        assert!(page.contains("<em>planting</em>") && !page.contains("<script>alert"), "Markdown, sanitised");
        assert!(!page.contains("Verified"), "not verified before a coordinator approves");

        let before = sink.messages().len();
        let (status, page, _) = cast
            .ngo
            .post_page(&format!("{org}/join?lang=en"), &[("network", "un-ngo-irene-azerbaijan"), ("message", "Hello")])
            .await;
        assert_eq!(status, 200, "{page}");
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        assert!(
            mails[before..].iter().any(|m| m.to.iter().any(|t| t.contains("fuad@nayora.example"))),
            "the coordinator is told"
        );

        let (status, own) = cast.ngo.page("/requests?lang=en").await;
        assert_eq!(status, 200);
        assert!(
            own.contains("Your requests") && own.contains("Waiting for a decision") && !own.contains("/approve"),
            "an NGO editor sees its own requests, and no queue: {own}"
        );
        let (_, queue) = cast.coordinator.page("/requests?lang=en").await;
        assert!(queue.contains("Green Steppe Youth Initiative") && queue.contains("Request to join"));
        let id = request_ids(&queue).into_iter().next().unwrap();
        assert_eq!(cast.stranger.post(&format!("/requests/{id}/approve"), &[]).await.status(), 403);
        assert_eq!(cast.ngo.post(&format!("/requests/{id}/approve"), &[]).await.status(), 403, "not one's own request");

        let (status, page, _) =
            cast.coordinator.post_page(&format!("/requests/{id}/decline?lang=en"), &[("reason", "")]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Give the reason"));
        let before = sink.messages().len();
        let (status, _, _) = cast.coordinator.post_page(&format!("/requests/{id}/approve"), &[]).await;
        assert_eq!(status, 303);
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let told = mails[before..]
            .iter()
            .find(|m| m.to.iter().any(|t| t.contains("aygun@greensteppe.example")))
            .expect("applicant told");
        assert!(told.text.contains(&format!("{}{org}", server.base)));

        let (_, page) = cast.stranger.page(&format!("{org}?lang=en")).await;
        assert!(page.contains("Verified") && page.contains("valid until"), "verified with its date");
        let started = Instant::now();
        while !slugs(&server.search("network=un-ngo-irene-azerbaijan&per_page=100").await)
            .contains(&"green-steppe-youth-initiative".into())
        {
            assert!(started.elapsed() < Duration::from_secs(2), "{}: the new member is searchable", backend.name());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(
            slugs(&server.search(&format!("q={}", encode("Yashil Chol"))).await)
                .contains(&"green-steppe-youth-initiative".into())
        );
        assert_eq!(cast.coordinator.post(&format!("/requests/{id}/approve"), &[]).await.status(), 403, "decided once");
    }
}

#[tokio::test]
async fn nobody_edits_what_is_not_theirs() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let anonymous = Browser::new(&server);
        let edit = |slug: &str| format!("/organizations/{slug}/edit");
        let form = [("version", "1"), ("name_en", "Taken over"), ("kind", "ngo"), ("consultative_status", "none")];

        // An organisation editor on another organisation.
        assert_eq!(cast.ngo.get(&edit("nayora")).await.status(), 403);
        assert_eq!(cast.ngo.post(&edit("nayora"), &form).await.status(), 403);
        assert_eq!(cast.ngo.get("/organizations/nayora/history").await.status(), 403);
        assert_eq!(cast.ngo.get("/organizations/nayora/join").await.status(), 403);
        // A coordinator on an organisation outside their network.
        for slug in ["kyrgyzstan-forum-women-ngos", "fay"] {
            assert_eq!(cast.coordinator.get(&edit(slug)).await.status(), 403, "{slug}");
            assert_eq!(cast.coordinator.post(&edit(slug), &form).await.status(), 403, "{slug}");
        }
        // A signed-in person with no role, and nobody at all.
        assert_eq!(cast.stranger.get(&edit("ecores")).await.status(), 403);
        assert_eq!(cast.stranger.post(&edit("ecores"), &form).await.status(), 403);
        assert_eq!(anonymous.get(&edit("ecores")).await.status(), 303);
        assert_eq!(anonymous.post(&edit("ecores"), &form).await.status(), 303);
        assert_eq!(anonymous.post("/requests/1/approve", &[]).await.status(), 303);
        // What they may do.
        assert_eq!(cast.coordinator.get(&edit("ecores")).await.status(), 200, "a member of the coordinator's network");
        assert_eq!(cast.ngo.get(&edit("green-steppe-youth-initiative")).await.status(), 200, "its own organisation");
        assert_eq!(cast.admin.get(&edit("kyrgyzstan-forum-women-ngos")).await.status(), 200, "the administrator");

        let (_, page) = anonymous.page("/organizations/kyrgyzstan-forum-women-ngos?lang=en").await;
        assert!(!page.contains("Taken over"), "{}: nothing was changed", backend.name());
    }
}

fn field_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" type=\"text\" value=\"");
    page.split(&marker).nth(1).map(|rest| rest.split('"').next().unwrap().to_string()).unwrap_or_default()
}

#[tokio::test]
async fn edits_are_checked_recorded_and_restorable_and_concurrent_edits_are_caught() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let (status, form) = cast.coordinator.page("/organizations/ecores/edit?lang=en").await;
        assert_eq!(status, 200);
        assert_eq!(field_value(&form, "name_en"), "ECORES");
        let version = form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();

        let bad = [
            ("version", version.as_str()),
            ("name_en", "ECORES Azerbaijan"),
            ("kind", "ngo"),
            ("country", "XX"),
            ("email", "not-mail"),
            ("website", "ecores"),
            ("consultative_status", "none"),
        ];
        let (status, page, _) = cast.coordinator.post_page("/organizations/ecores/edit?lang=en", &bad).await;
        assert_eq!(status, 400);
        for field in ["country", "email", "website"] {
            assert!(page.contains(&format!("id=\"{field}-error\"")), "{field} has its message");
        }
        assert!(
            page.contains("value=\"ECORES Azerbaijan\"") && page.contains("value=\"ecores\""),
            "what was typed is kept"
        );

        let good = [
            ("version", version.as_str()),
            ("name_en", "ECORES Azerbaijan"),
            ("name_ru", "ЭКОРЕС"),
            ("kind", "ngo"),
            ("country", "az"),
            ("website", "https://ecores.example"),
            ("consultative_status", "none"),
        ];
        // A second editor opened the same version; the first saves.
        let (status, _, location) = cast.coordinator.post_page("/organizations/ecores/edit", &good).await;
        assert_eq!((status, location.as_deref()), (303, Some("/organizations/ecores?saved=1")));
        let late = [
            ("version", version.as_str()),
            ("name_en", "ECORES Old Name"),
            ("kind", "ngo"),
            ("consultative_status", "none"),
        ];
        let (status, page, _) = cast.admin.post_page("/organizations/ecores/edit?lang=en", &late).await;
        assert_eq!(status, 409, "{}: the second save is told", backend.name());
        assert!(page.contains("Someone else saved changes"));
        assert!(page.contains("ECORES Azerbaijan") && page.contains("ECORES Old Name"), "both versions shown");
        let (_, profile) = Browser::new(&server).page("/organizations/ecores?lang=en").await;
        assert!(profile.contains("<h1>ECORES Azerbaijan"), "the late save changed nothing");

        let (_, history) = cast.coordinator.page("/organizations/ecores/history?lang=en").await;
        assert!(history.contains("Edited") && history.contains("fuad@nayora.example"));
        let name_row = history
            .split("<th scope=\"row\">Name (English)</th>")
            .nth(1)
            .expect("the English name's change, in words")
            .split("</tr>")
            .next()
            .unwrap();
        assert!(
            name_row.contains("<td>ECORES</td>") && name_row.contains("<td>ECORES Azerbaijan</td>"),
            "before and after: {name_row}"
        );
        let entry = history.split("/history/").nth(1).map(|s| s.split('/').next().unwrap().to_string());
        assert!(entry.is_none(), "only one version: nothing earlier to restore yet");

        // A second change, then the coordinator restores the first version.
        let (_, form) = cast.coordinator.page("/organizations/ecores/edit").await;
        let version = form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let third = [
            ("version", version.as_str()),
            ("name_en", "ECORES Third"),
            ("kind", "ngo"),
            ("consultative_status", "none"),
        ];
        assert_eq!(cast.coordinator.post("/organizations/ecores/edit", &third).await.status(), 303);
        let (_, history) = cast.coordinator.page("/organizations/ecores/history?lang=en").await;
        let entry = history
            .split("/history/")
            .nth(1)
            .map(|s| s.split('/').next().unwrap().to_string())
            .expect("a version to restore");
        assert_eq!(cast.ngo.post(&format!("/organizations/ecores/history/{entry}/restore"), &[]).await.status(), 403);
        let (status, _, _) =
            cast.coordinator.post_page(&format!("/organizations/ecores/history/{entry}/restore"), &[]).await;
        assert_eq!(status, 303);
        let (_, profile) = Browser::new(&server).page("/organizations/ecores?lang=en").await;
        assert!(profile.contains("<h1>ECORES Azerbaijan"), "{}: restored", backend.name());
        let (_, history) = cast.coordinator.page("/organizations/ecores/history?lang=en").await;
        assert!(history.contains("Restored an earlier version"));

        let pool = database.pool().await;
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'organization'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert!(rows >= 5, "registration, claim, edits and restore recorded: {rows}");
        pool.close().await;
        let _ = Backend::Sqlite;
    }
}

#[tokio::test]
async fn coordinators_run_their_network_appoint_leads_and_hand_coordination_over() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let network = "/networks/un-ngo-irene-azerbaijan";
        let name = backend.name();

        // ECORES's new editor (the stranger, once the administrator approves the claim) leads Environment.
        cast.stranger.post("/organizations/ecores/claim", &[("message", "Director")]).await;
        let (_, queue) = cast.admin.page("/requests").await;
        for id in request_ids(&queue) {
            cast.admin.post(&format!("/requests/{id}/approve"), &[]).await;
        }
        let lead = &cast.stranger;

        assert_eq!(cast.coordinator.get(&format!("{network}/edit")).await.status(), 200, "{name}");
        assert_eq!(cast.ngo.get(&format!("{network}/edit")).await.status(), 403);
        assert_eq!(lead.get(&format!("{network}/edit")).await.status(), 403);
        assert_eq!(cast.coordinator.get("/networks/un-ngo-irene-caspian/edit").await.status(), 403, "another network");
        assert_eq!(lead.get(&format!("{network}/focal-points/5/edit")).await.status(), 200, "the Environment lead");
        assert_eq!(lead.get(&format!("{network}/focal-points/1/edit")).await.status(), 403, "not the Poverty lead");

        let (_, page) = cast.coordinator.page(&format!("{network}?lang=en")).await;
        assert!(page.contains(&format!("{network}/edit")) && page.contains(&format!("{network}/focal-points/3/edit")));
        let (_, form) = cast.coordinator.page(&format!("{network}/focal-points/3/edit")).await;
        let version = form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let appoint = [
            ("version", version.as_str()),
            ("title_en", "Gender Equality/Women Empowerment"),
            ("theme", "gender-equality"),
            ("lead:initiative-charity-public-union", "1"),
            ("with:new-life-humanitarian-social-support-union", "1"),
        ];
        let (status, _, _) = cast.coordinator.post_page(&format!("{network}/focal-points/3/edit"), &appoint).await;
        assert_eq!(status, 303, "{name}: a coordinator appoints a focal point's lead");
        let (_, page) = Browser::new(&server).page("/themes/gender-equality?lang=en").await;
        let gender = page.split("UN-NGO-IRENE/Azerbaijan").nth(1).unwrap();
        let lead_part = gender.split("In collaboration").next().unwrap();
        assert!(lead_part.contains("Initiative"), "{name}: the new lead shown");

        let no_lead = [("version", "2"), ("title_en", "Gender"), ("theme", "gender-equality")];
        let (status, page, _) =
            cast.coordinator.post_page(&format!("{network}/focal-points/3/edit?lang=en"), &no_lead).await;
        assert_eq!(status, 400);
        assert!(page.contains("Choose at least one lead organisation."));

        // The lead edits its focal point's partners, but not who leads it.
        let (_, form) = lead.page(&format!("{network}/focal-points/5/edit")).await;
        let version = form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let partners = [
            ("version", version.as_str()),
            ("title_en", "Environment"),
            ("theme", "environment"),
            ("goals_label", "MDG 7"),
            ("lead:ecores", "1"),
            ("with:baku-youth-club", "1"),
        ];
        assert_eq!(lead.post(&format!("{network}/focal-points/5/edit"), &partners).await.status(), 303, "{name}");
        let (_, form) = lead.page(&format!("{network}/focal-points/5/edit")).await;
        let version = form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let takeover = [
            ("version", version.as_str()),
            ("title_en", "Environment"),
            ("theme", "environment"),
            ("goals_label", "MDG 7"),
            ("lead:baku-youth-club", "1"),
        ];
        assert_eq!(lead.post(&format!("{network}/focal-points/5/edit"), &takeover).await.status(), 403, "{name}");

        // Network details are checked; then coordination is handed to ECORES.
        let (_, form) = cast.coordinator.page(&format!("{network}/edit")).await;
        let version = form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let bad = [
            ("version", version.as_str()),
            ("name_en", "UN-NGO-IRENE/Azerbaijan"),
            ("founded_on", "26/11/2004"),
            ("coordinator", "nayora"),
        ];
        let (status, page, _) = cast.coordinator.post_page(&format!("{network}/edit?lang=en"), &bad).await;
        assert_eq!(status, 400);
        assert!(page.contains("id=\"founded_on-error\"") && page.contains("value=\"26/11/2004\""));
        let hand_over = [
            ("version", version.as_str()),
            ("name_en", "UN-NGO-IRENE/Azerbaijan"),
            ("founded_on", "2004-11-26"),
            ("coordinator", "ecores"),
        ];
        let (status, _, _) = cast.coordinator.post_page(&format!("{network}/edit"), &hand_over).await;
        assert_eq!(status, 303, "{name}");
        assert_eq!(
            cast.coordinator.get(&format!("{network}/edit")).await.status(),
            403,
            "{name}: no longer the coordinator"
        );
        assert_eq!(lead.get(&format!("{network}/edit")).await.status(), 200, "{name}: ECORES's editor coordinates now");
        let (_, page) = Browser::new(&server).page(&format!("{network}?lang=en")).await;
        let coordinator_part = page.split("Coordinator").nth(1).unwrap().split("</dd>").next().unwrap();
        assert!(coordinator_part.contains("/organizations/ecores"), "{name}: {coordinator_part}");

        let pool = database.pool().await;
        let handovers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'network.hand-over'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(handovers, 1);
        let (status, history) = lead.page(&format!("{network}/history?lang=en")).await;
        assert_eq!(status, 200, "{name}: the new coordinator reads the network's history");
        assert!(history.contains("Coordination handed over") && history.contains("Focal point edited"));
        assert!(history.contains("<th scope=\"row\">Leads</th>"), "{name}: what changed, field by field");
        assert_eq!(cast.coordinator.get(&format!("{network}/history")).await.status(), 403);

        // The new coordinator drops a partner, then restores the version that had it.
        let (_, form) = lead.page(&format!("{network}/focal-points/5/edit")).await;
        let version = form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let without = [
            ("version", version.as_str()),
            ("title_en", "Environment"),
            ("theme", "environment"),
            ("goals_label", "MDG 7"),
            ("lead:ecores", "1"),
        ];
        assert_eq!(lead.post(&format!("{network}/focal-points/5/edit"), &without).await.status(), 303);
        let (_, theme) = Browser::new(&server).page("/themes/environment?lang=en").await;
        assert!(
            !theme
                .split("UN-NGO-IRENE/Azerbaijan")
                .nth(1)
                .unwrap()
                .split("</li>")
                .next()
                .unwrap()
                .contains("Baku Youth Club")
        );
        let (_, history) = lead.page(&format!("{network}/history?lang=en")).await;
        let restorable: Vec<String> =
            history.split("/history/").skip(1).map(|s| s.split('/').next().unwrap().to_string()).collect();
        // The entry whose result had the partner (its "after" cell names it).
        let after_has_partner = |item: &&str| {
            item.split("<th scope=\"row\">In collaboration</th>")
                .nth(1)
                .and_then(|row| row.split("</tr>").next())
                .and_then(|row| row.rsplit("<td>").next())
                .is_some_and(|after| after.contains("baku-youth-club"))
        };
        let item = history.split("<li>").skip(1).find(after_has_partner).expect("the version with the partner");
        let entry = item.split("/history/").nth(1).unwrap().split('/').next().unwrap().to_string();
        assert!(restorable.contains(&entry));
        assert_eq!(cast.coordinator.post(&format!("{network}/history/{entry}/restore"), &[]).await.status(), 403);
        assert_eq!(lead.post(&format!("{network}/history/{entry}/restore"), &[]).await.status(), 303);
        let (_, theme) = Browser::new(&server).page("/themes/environment?lang=en").await;
        assert!(
            theme
                .split("UN-NGO-IRENE/Azerbaijan")
                .nth(1)
                .unwrap()
                .split("</li>")
                .next()
                .unwrap()
                .contains("Baku Youth Club"),
            "{name}: the partner is back"
        );
        pool.close().await;
    }
}

/// The path of the invitation link mailed to `address` after the first `before` messages.
async fn invitation_path(server: &Server, sink: &SmtpSink, before: usize, address: &str) -> String {
    let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
    let invitation = mails.iter().rev().find(|m| m.to.iter().any(|t| t.contains(address))).expect("an invitation");
    let link = link_in(&invitation.text, &format!("{}/invitations/accept?token=", server.base)).expect("its link");
    link[server.base.len()..].to_string()
}

#[tokio::test]
async fn editors_invite_colleagues_by_mail() {
    let sink = SmtpSink::start();
    let database = TestDatabase::new(&Backend::Sqlite).await;
    let server = Server::demo_with_mail(&database, &sink.url).await;
    let cast = cast(&server, &sink, &database).await;
    let org = "/organizations/green-steppe-youth-initiative";
    assert_eq!(cast.stranger.get(&format!("{org}/editors")).await.status(), 403);
    let (status, page, _) = cast.ngo.post_page(&format!("{org}/editors?lang=en"), &[("email", "not an address")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("id=\"email-error\""));

    let before = sink.messages().len();
    let (status, page, _) =
        cast.ngo.post_page(&format!("{org}/editors?lang=en"), &[("email", "Colleague@GreenSteppe.example")]).await;
    assert_eq!(status, 200);
    assert!(page.contains("An invitation is on its way to colleague@greensteppe.example"));
    let path = &invitation_path(&server, &sink, before, "colleague@greensteppe.example").await;

    let response = Browser::new(&server).get(path).await;
    assert_eq!(response.status(), 303, "signing in comes first");
    let (status, page) = cast.stranger.page(&format!("{path}&lang=en")).await;
    assert_eq!(status, 400);
    assert!(page.contains("This invitation was sent to colleague@greensteppe.example"), "only for the invited address");

    // Someone new is carried from the invitation through signing up and confirming back to it.
    let colleague = Browser::new(&server);
    let signin = colleague.get(path).await.headers()["location"].to_str().unwrap().to_string();
    let (_, page) = colleague.page(&signin).await;
    let signup = page.split("href=\"/account/signup?").nth(1).expect("the sign-in page links to signing up");
    let signup = format!("/account/signup?{}", signup.split('"').next().unwrap().replace("&#38;", "&"));
    let (_, page) = colleague.page(&signup).await;
    let next = page.split("name=\"next\" value=\"").nth(1).unwrap().split('"').next().unwrap().replace("&#38;", "&");
    assert_eq!(next, *path, "the sign-up form keeps the invitation");
    let before = sink.messages().len();
    let fields = [
        ("email", "colleague@greensteppe.example"),
        ("display_name", "Colleague"),
        ("password", PASSWORD),
        ("password_confirm", PASSWORD),
        ("next", next.as_str()),
    ];
    assert_eq!(colleague.post("/account/signup", &fields).await.status(), 200);
    let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
    let link = link_in(&mails.last().unwrap().text, &format!("{}/account/confirm?token=", server.base)).unwrap();
    let response = colleague.get(&link[server.base.len()..]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], path.as_str(), "confirming leads back to the invitation");
    let response = colleague.get(path).await;
    assert_eq!(response.headers()["location"], org);
    assert_eq!(colleague.get(&format!("{org}/edit")).await.status(), 200, "an editor after accepting");
    let (_, editors) = cast.ngo.page(&format!("{org}/editors")).await;
    assert!(editors.contains("colleague@greensteppe.example"));
    assert_eq!(colleague.get(path).await.status(), 400, "an invitation is used once");

    // Requests are rate-limited per person: ten an hour.
    let mut statuses = Vec::new();
    for _ in 0..11 {
        statuses.push(colleague.post("/organizations/fay/claim", &[("message", "again")]).await.status().as_u16());
    }
    assert_eq!(&statuses[..10], &[200; 10]);
    assert_eq!(statuses[10], 429);
}

#[tokio::test]
async fn editors_manage_their_organisations_people() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let people = "/organizations/nayora/people";
        assert_eq!(cast.ngo.get(people).await.status(), 403);
        assert_eq!(cast.ngo.post(people, &[("name_en", "Intruder")]).await.status(), 403);

        let (status, page, _) =
            cast.coordinator.post_page(&format!("{people}?lang=en"), &[("title_en", "Secretary")]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Give the person&#39;s name") || page.contains("Give the person's name"), "{page}");
        assert!(page.contains("value=\"Secretary\""), "what was typed is kept");
        let added = [
            ("honorific", "Ms"),
            ("name_en", "Leyla Mammadova"),
            ("name_az", "Leyla Məmmədova"),
            ("title_en", "Secretary"),
        ];
        assert_eq!(cast.coordinator.post(people, &added).await.status(), 303);
        let (_, profile) = Browser::new(&server).page("/organizations/nayora?lang=en").await;
        assert!(profile.contains("Leyla Mammadova") && profile.contains("Secretary"));
        let started = Instant::now();
        while !slugs(&server.search(&format!("q={}", encode("Məmmədova"))).await).contains(&"nayora".to_string()) {
            assert!(started.elapsed() < Duration::from_secs(2), "{}: people are searchable", backend.name());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        let (_, page) = cast.coordinator.page(people).await;
        let leyla = page
            .split("Leyla Mammadova</h2>")
            .nth(1)
            .unwrap()
            .split("/people/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_string();
        let position: i64 = leyla.parse().expect("the new position's id");
        let save = format!("{people}/{position}/save?lang=en");
        let mistyped = [("version", "1"), ("name_en", "Leyla Mammadova"), ("email", "leyla@"), ("phone", "+994 12")];
        let (status, page, _) = cast.coordinator.post_page(&save, &mistyped).await;
        assert_eq!(status, 400);
        assert!(page.contains("id=\"email-error\">This is not an e-mail address."), "the message beside the field");
        assert!(page.contains("value=\"leyla@\""), "what was typed is kept");
        let corrected = [
            ("version", "1"),
            ("honorific", "Dr"),
            ("name_en", "Leyla Mammadova"),
            ("title_en", "Executive Secretary"),
            ("email", "leyla@nayora.example"),
            ("phone", "+994 12 555 01 02"),
        ];
        assert_eq!(cast.coordinator.post(&save, &corrected).await.status(), 303);
        let (status, page, _) = cast.coordinator.post_page(&save, &corrected).await;
        assert_eq!(status, 409, "a form shown before the change is stale");
        assert!(page.contains("Someone else saved changes here"));
        let (_, page) = cast.coordinator.page(people).await;
        assert!(page.contains("value=\"leyla@nayora.example\"") && page.contains("value=\"+994 12 555 01 02\""));
        let (_, profile) = Browser::new(&server).page("/organizations/nayora?lang=en").await;
        assert!(
            profile.contains("Executive Secretary") && profile.contains("Fuad Muradov"),
            "only that person changed"
        );
        assert_eq!(
            cast.coordinator.post(&format!("/organizations/ecores/people/{position}/remove"), &[]).await.status(),
            404,
            "a position of another organisation cannot be named through this one"
        );
        assert_eq!(cast.coordinator.post(&format!("{people}/{position}/remove"), &[]).await.status(), 303);
        let (_, profile) = Browser::new(&server).page("/organizations/nayora?lang=en").await;
        assert!(!profile.contains("Leyla Mammadova"), "{}: removed", backend.name());
    }
}

#[tokio::test]
async fn administrators_edit_themes_and_their_goals() {
    let sink = SmtpSink::start();
    let database = TestDatabase::new(&Backend::Sqlite).await;
    let server = Server::demo_with_mail(&database, &sink.url).await;
    let cast = cast(&server, &sink, &database).await;
    assert_eq!(cast.coordinator.get("/themes/environment/edit").await.status(), 403);
    assert_eq!(cast.coordinator.post("/themes/environment/edit", &[("name_en", "X")]).await.status(), 403);
    let (status, form) = cast.admin.page("/themes/environment/edit?lang=en").await;
    assert_eq!(status, 200);
    assert!(form.contains("id=\"mdg:7\" name=\"mdg:7\" value=\"1\" checked"), "MDG 7 ticked");
    let version = form.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let fields =
        [("version", version.as_str()), ("name_en", "Environment"), ("mdg:7", "1"), ("sdg:13", "1"), ("sdg:15", "1")];
    assert_eq!(cast.admin.post("/themes/environment/edit", &fields).await.status(), 303);
    let (_, page) = Browser::new(&server).page("/themes/environment?lang=en").await;
    assert!(page.contains("Climate Action") && !page.contains("Life Below Water"), "goals now 7; 13 and 15");
    assert_eq!(cast.admin.post("/themes/environment/edit", &fields).await.status(), 409, "a stale version is caught");
    let (_, history) = cast.admin.page("/themes/environment/history?lang=en").await;
    assert!(history.contains("Theme edited") && history.contains("<th scope=\"row\">SDGs</th>"));
}

#[tokio::test]
async fn coordinators_are_reminded_to_verify_again_and_do() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let data = database.data_dir.path().join("instance");
        let server = Server::start(&data, Some(&database.shared_url()), &["--demo", "--smtp-url", &sink.url]).await;
        let cast = cast(&server, &sink, &database).await;
        let pool = database.pool().await;
        // ECORES was verified 700 days ago: its verification runs out within the month.
        let long_ago = (time::OffsetDateTime::now_utc() - time::Duration::days(700))
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap();
        sqlx::query("UPDATE organizations SET verified_at = $1 WHERE slug = 'ecores'")
            .bind(&long_ago)
            .execute(&pool)
            .await
            .unwrap();
        // Any instance that starts (and every instance, hourly) sends what is due.
        let before = sink.messages().len();
        let _reminding = Server::start(
            &database.data_dir.path().join("reminding"),
            Some(&database.shared_url()),
            &["--smtp-url", &sink.url],
        )
        .await;
        let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
        let reminder =
            mails[before..].iter().find(|m| m.to.iter().any(|t| t.contains("fuad@nayora.example"))).expect("reminder");
        assert!(
            reminder.text.contains("ECORES") && reminder.text.contains("/organizations/ecores"),
            "{}",
            reminder.text
        );
        // A second instance does not remind again.
        let _second = Server::start(
            &database.data_dir.path().join("second"),
            Some(&database.shared_url()),
            &["--smtp-url", &sink.url],
        )
        .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(sink.messages().len(), before + 1, "{}: one reminder per verification", backend.name());

        assert_eq!(cast.ngo.post("/organizations/ecores/verify", &[]).await.status(), 403);
        assert_eq!(cast.coordinator.post("/organizations/ecores/verify", &[]).await.status(), 303);
        let (_, page) = Browser::new(&server).page("/organizations/ecores?lang=en").await;
        let today = time::OffsetDateTime::now_utc().date().to_string();
        assert!(page.contains(&format!("datetime=\"{today}\"")), "{}: verified today", backend.name());
        pool.close().await;
    }
}

#[tokio::test]
async fn a_coordinator_cannot_make_itself_editor_of_a_member_to_take_over_the_network_the_member_coordinates() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        // FAY's editor coordinates UN-NGO-IRENE/Caspian, of which NAYORA, the Azerbaijan network's coordinator, is a member.
        let caspian = sign_up(&server, &sink, "leyla@fay.example").await;
        caspian.post("/organizations/fay/claim", &[("message", "Director")]).await;
        let (_, queue) = cast.admin.page("/requests").await;
        for id in request_ids(&queue) {
            cast.admin.post(&format!("/requests/{id}/approve"), &[]).await;
        }
        assert_eq!(caspian.get("/networks/un-ngo-irene-caspian/edit").await.status(), 200, "{name}");

        // The way in, an invitation to itself as NAYORA's editor, is closed; so is everything behind it.
        let before = sink.messages().len();
        let invite = [("email", "leyla@fay.example")];
        assert_eq!(caspian.post("/organizations/nayora/editors", &invite).await.status(), 403, "{name}");
        assert_eq!(caspian.get("/organizations/nayora/editors").await.status(), 403, "{name}");
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !sink.messages()[before..].iter().any(|m| m.to.iter().any(|t| t.contains("leyla@fay.example"))),
            "{name}: no invitation was sent"
        );
        assert_eq!(caspian.get("/networks/un-ngo-irene-azerbaijan/edit").await.status(), 403, "{name}");
        assert_eq!(caspian.get("/organizations/baku-youth-club/edit").await.status(), 403, "{name}");
        assert_eq!(caspian.get("/organizations/baku-youth-club/ecosoc/dossier/print").await.status(), 403);

        // A coordinator still oversees its member: it verifies NAYORA.
        let (status, _, location) = caspian.post_page("/organizations/nayora/verify", &[]).await;
        assert_eq!((status, location.as_deref()), (303, Some("/organizations/nayora")), "{name}");
        // NAYORA's own editor, and an administrator, invite its editors.
        for (browser, who) in [(&cast.coordinator, "its editor"), (&cast.admin, "an administrator")] {
            let colleague = [("email", "colleague@nayora.example")];
            assert_eq!(browser.post("/organizations/nayora/editors", &colleague).await.status(), 200, "{name}: {who}");
        }
    }
}

#[tokio::test]
async fn an_invitation_grants_nothing_once_its_sender_may_no_longer_invite() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let cast = cast(&server, &sink, &database).await;
        let org = "/organizations/green-steppe-youth-initiative";
        let before = sink.messages().len();
        let (status, _, _) =
            cast.ngo.post_page(&format!("{org}/editors"), &[("email", "late@greensteppe.example")]).await;
        assert_eq!(status, 200);
        let path = &invitation_path(&server, &sink, before, "late@greensteppe.example").await;

        // The sender leaves before the invitation is taken up.
        let fields = [("current_password", PASSWORD), ("confirm", "yes")];
        assert_eq!(cast.ngo.post("/account/delete", &fields).await.status(), 303);

        let late = sign_up(&server, &sink, "late@greensteppe.example").await;
        let (status, page) = late.page(&format!("{path}&lang=en")).await;
        assert_eq!(status, 400, "{}", backend.name());
        assert!(page.contains("This invitation no longer holds"), "{page}");
        assert_eq!(late.get(&format!("{org}/edit")).await.status(), 403, "not made an editor");
    }
}
