//! Events through HTTP on SQLite and PostgreSQL: the report's meetings with their programme, a coordinator's
//! event, fifty people racing for its last seat, the waiting list promoted by a cancellation, confirmations
//! read from the SMTP server with their `.ics`, and the feeds read by Python's `icalendar`.

mod support;

use std::process::{Command, Stdio};
use std::time::Duration;

use sqlx::AnyPool;
use support::smtp::SmtpSink;
use support::{Browser, Server, TestDatabase, backends, link_in, sign_in_admin, sign_up};

/// What Python's `icalendar` makes of a calendar (`ics`), or of the one attached to a message (`mail …`).
fn python_ics(args: &[&str], input: &[u8]) -> serde_json::Value {
    let mut child = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/ics_check.py"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 (with icalendar; scripts/test installs it)");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "icalendar refused it: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

async fn calendar(server: &Server, path: &str) -> serde_json::Value {
    let response = server.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    python_ics(&["ics"], &response.bytes().await.unwrap())
}

#[tokio::test]
async fn the_reports_meetings_are_events_with_the_programme_it_gives() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;

        let (status, page) = server.text("/events/launch-un-ngo-irene-azerbaijan?lang=en").await;
        assert_eq!(status, 200);
        for expected in [
            "84 participants",
            "Opening speeches",
            "Mr Nedim Kaya",
            "Mr Fuad Muradov",
            "ECOSOC and its relationship with NGOs: NGO consultative status with ECOSOC",
            "Updating the Millennium Development Goals",
            "Seven NGO working groups",
            "facilitator",
            "Closing speech",
        ] {
            assert!(page.contains(expected), "{expected} missing");
        }
        let (_, page) = server.text("/events/launch-un-ngo-irene-caspian?lang=en").await;
        assert!(
            page.contains("71 participants")
                && page.contains("Mr Elshad Iskanderov")
                && page.contains("Mr Ahmet Tecim")
        );
        let (_, page) = server.text("/events/un-country-team-meeting-2004-11-24?lang=en").await;
        assert!(page.contains("2004-11-24, 16:30 (Asia/Baku)") && page.contains("Mr David Eizenberg"));
        let (_, page) = server.text("/events/meeting-deputy-minister-finance?lang=ru").await;
        assert!(page.contains("Обсуждение предложений миссии"), "the programme in Russian");
        let (status, page) = server.text("/events/launch-un-ngo-irene-caspian/programme?lang=en").await;
        assert_eq!(status, 200);
        assert!(page.contains("Programme of meetings and agenda") && page.contains("Closing session"));

        // Networks, themes and organisations lead to the events' pages.
        let (_, page) = server.text("/networks/un-ngo-irene-azerbaijan?lang=en").await;
        assert!(page.contains("href=\"/events/launch-un-ngo-irene-azerbaijan\""));
        assert!(page.contains("href=\"/networks/un-ngo-irene-azerbaijan/events\""));
        let (status, page) = server.text("/networks/un-ngo-irene-caspian/events?lang=az").await;
        assert_eq!(status, 200);
        assert!(page.contains("<time datetime=\"2004-11\">") && page.contains("/events/launch-un-ngo-irene-caspian"));
        let (_, page) = server.text("/organizations/fay?lang=en").await;
        assert!(page.contains("href=\"/events/launch-un-ngo-irene-caspian\""));
        assert_eq!(server.text("/themes/health/events?lang=en").await.0, 200);
        assert_eq!(server.text("/events/no-such-event").await.0, 404);
        assert_eq!(server.text("/networks/no-such-network/events.ics").await.0, 404);

        // Feeds and single events, read by an outside parser; hours become UTC (Baku was UTC+4).
        let feed = calendar(&server, "/networks/un-ngo-irene-caspian/events.ics?lang=en").await;
        let events = feed["events"].as_array().unwrap();
        assert_eq!(events.len(), 1, "{feed}");
        assert_eq!(events[0]["summary"], "Capacity Building Workshop to Launch UN-NGO-IRENE in Caspian Region");
        assert_eq!((events[0]["start"].as_str(), events[0]["end"].as_str()), (Some("2004-11-27"), Some("2004-11-28")));
        let single = calendar(&server, "/events/un-country-team-meeting-2004-11-24/event.ics?lang=ru").await;
        assert_eq!(single["events"][0]["start"], "2004-11-24T12:30:00+00:00");
        assert_eq!(single["events"][0]["summary"], "Заседание Страновой группы ООН с миссией ДЭСВ ООН");

        // The same as JSON.
        let (status, event) = server.json("/api/v1/events/launch-un-ngo-irene-azerbaijan").await;
        assert_eq!(status, 200);
        assert_eq!(event["attendance"], 84);
        assert_eq!(event["time_zone"], "Asia/Baku");
        assert_eq!(event["sessions"].as_array().unwrap().len(), 8);
        assert_eq!(event["sessions"][0]["people"][0]["name"]["en"], "Nedim Kaya");
        let (status, list) = server.json("/api/v1/networks/un-ngo-irene-caspian/events").await;
        assert_eq!((status, list[0]["slug"].as_str()), (200, Some("launch-un-ngo-irene-caspian")));
        assert_eq!(server.json("/api/v1/events/no-such-event").await.0, 404);
        let (_, openapi) = server.json("/api/openapi.json").await;
        assert!(openapi["paths"]["/events/{slug}"].is_object());
    }
}

/// Signs up a coordinator of UN-NGO-IRENE/Azerbaijan: an editor of NAYORA, its coordinator.
async fn coordinator(server: &Server, sink: &SmtpSink, database: &TestDatabase) -> Browser {
    let admin = sign_in_admin(server, database).await;
    let coordinator = sign_up(server, sink, "fuad@nayora.example").await;
    let (status, page, _) = coordinator.post_page("/organizations/nayora/claim?lang=en", &[("message", "Chair")]).await;
    assert_eq!(status, 200, "{page}");
    let (_, queue) = admin.page("/requests?lang=en").await;
    let id = queue.split("action=\"/requests/").nth(1).and_then(|s| s.split('/').next()).expect("the claim is queued");
    assert_eq!(admin.post_page(&format!("/requests/{id}/approve"), &[]).await.0, 303);
    coordinator
}

async fn count(pool: &AnyPool, event: &str, status: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE e.slug = $1 AND r.status = $2",
    )
    .bind(event)
    .bind(status)
    .fetch_one(pool)
    .await
    .unwrap()
}

const CONFERENCE: &str = "annual-conference-of-un-ngo-irene-azerbaijan-2027-05-20";

#[tokio::test]
async fn fifty_people_race_for_the_last_seat_and_a_cancellation_promotes_one() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let coordinator = coordinator(&server, &sink, &database).await;
        let stranger = sign_up(&server, &sink, "someone@elsewhere.example").await;
        assert_eq!(stranger.page("/networks/un-ngo-irene-azerbaijan/events/new").await.0, 403);

        // Bad input comes back with what was typed and a message beside each field.
        let bad = [
            ("kind", "conference"),
            ("title_ru", "Ежегодная конференция"),
            ("starts_on", "2027-13-40"),
            ("start_time", "25:00"),
            ("time_zone", "Mars/Base"),
            ("capacity", "-3"),
            ("online_url", "javascript:alert(1)"),
        ];
        let (status, page, _) =
            coordinator.post_page("/networks/un-ngo-irene-azerbaijan/events/new?lang=en", &bad).await;
        assert_eq!(status, 400, "{page}");
        for expected in [
            "Give a day as YYYY-MM-DD.",
            "Give a time as HH:MM.",
            "Give a time zone of the IANA database",
            "Give a number of seats from 1 to 100000",
            "Give an address starting with https://",
            "value=\"Mars/Base\"",
            "value=\"Ежегодная конференция\"",
        ] {
            assert!(page.contains(expected), "{expected} missing");
        }
        let nul = [("kind", "conference"), ("title_en", "A\0B")];
        assert_eq!(coordinator.post_page("/networks/un-ngo-irene-azerbaijan/events/new", &nul).await.0, 400);

        let fields = [
            ("kind", "conference"),
            ("title_en", "Annual Conference of UN-NGO-IRENE/Azerbaijan"),
            ("starts_on", "2027-05-20"),
            ("ends_on", "2027-05-21"),
            ("start_time", "09:30"),
            ("end_time", "17:00"),
            ("time_zone", "Asia/Baku"),
            ("location_en", "Baku"),
            ("languages", "en, ru, az"),
            ("capacity", "1"),
            ("registration_open", "yes"),
            ("org_nayora", "organizer"),
            ("description_en", "Recommendation *9* of the report."),
        ];
        let (status, _, location) =
            coordinator.post_page("/networks/un-ngo-irene-azerbaijan/events/new", &fields).await;
        assert_eq!((status, location.as_deref()), (303, Some(format!("/events/{CONFERENCE}").as_str())));
        let (_, page) = server.text(&format!("/events/{CONFERENCE}?lang=en")).await;
        assert!(page.contains("2027-05-20–2027-05-21, 09:30–17:00 (Asia/Baku)"));
        assert!(page.contains("<em>9</em>") && page.contains("href=\"/organizations/nayora\""));
        assert!(page.contains("1 seat left"));
        assert_eq!(stranger.post_page(&format!("/events/{CONFERENCE}/edit"), &fields).await.0, 403);

        // The programme: a session with a facilitator from the directory; the outcome report after the event.
        let sessions = format!("/events/{CONFERENCE}/sessions?lang=en");
        let backwards = [("kind", "plenary"), ("title_en", "Opening"), ("starts_at", "10:00"), ("ends_at", "09:00")];
        let (status, page, _) = coordinator.post_page(&sessions, &backwards).await;
        assert_eq!(status, 400);
        assert!(page.contains("The event must end after it starts.") && page.contains("value=\"Opening\""));
        let session = [
            ("kind", "working_group"),
            ("title_en", "Working group on health"),
            ("day", "2027-05-20"),
            ("starts_at", "11:00"),
            ("ends_at", "12:30"),
            ("room", "Hall B"),
            ("theme", "health"),
            ("person_fuad-muradov", "facilitator"),
            ("outcome_en", "A focal point on health."),
        ];
        let (status, _, location) = coordinator.post_page(&sessions, &session).await;
        assert_eq!((status, location.as_deref()), (303, Some(format!("/events/{CONFERENCE}/programme/edit").as_str())));
        assert_eq!(stranger.post_page(&sessions, &session).await.0, 403);
        let (_, page) = server.text(&format!("/events/{CONFERENCE}/programme?lang=en")).await;
        assert!(page.contains("Working group on health") && page.contains("11:00–12:30") && page.contains("Hall B"));
        assert!(page.contains("Mr Fuad Muradov <span class=\"muted\">(facilitator)</span>"));
        let (_, page) = server.text("/themes/health/events?lang=en").await;
        assert!(page.contains(&format!("/events/{CONFERENCE}")), "a working group puts the event on its theme");
        let mut with_outcome = fields.to_vec();
        with_outcome.push(("outcome_en", "The conference *agreed* on a plan."));
        let (status, _, _) = coordinator.post_page(&format!("/events/{CONFERENCE}/edit"), &with_outcome).await;
        assert_eq!(status, 303);
        let (_, page) = server.text(&format!("/events/{CONFERENCE}?lang=en")).await;
        assert!(page.contains("Outcome report") && page.contains("<em>agreed</em>"));

        // A registration with bad fields is refused with the form shown again.
        let public = Browser::new(&server);
        let (status, page, _) = public
            .post_page(
                &format!("/events/{CONFERENCE}/register?lang=en"),
                &[("kind", "participant"), ("name", ""), ("email", "nope"), ("country", "Azerbaijan")],
            )
            .await;
        assert_eq!(status, 400);
        assert!(
            page.contains("Give your name.")
                && page.contains("Give a valid e-mail address.")
                && page.contains("value=\"nope\"")
        );

        // Fifty at once for the one seat.
        let before = sink.messages().len();
        let mut racers = Vec::new();
        for n in 0..50 {
            let client = public.client.clone();
            let url = server.url(&format!("/events/{CONFERENCE}/register?lang=en"));
            let origin = server.base.clone();
            racers.push(tokio::spawn(async move {
                let email = format!("racer{n}@example.org");
                let name = format!("Racer {n}");
                let listed = if n % 2 == 0 { "yes" } else { "no" };
                let fields = [
                    ("kind", "participant"),
                    ("name", name.as_str()),
                    ("email", email.as_str()),
                    ("organization", "Youth Union"),
                    ("country", "AZ"),
                    ("listed", listed),
                ];
                let response = client
                    .post(url)
                    .header("origin", origin)
                    .header("sec-fetch-site", "same-origin")
                    .form(&fields)
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                (status, response.text().await.unwrap())
            }));
        }
        let mut seats = 0;
        for racer in racers {
            let (status, page) = racer.await.unwrap();
            assert_eq!(status, 200, "{page}");
            if page.contains("your seat is confirmed") {
                seats += 1;
            } else {
                assert!(page.contains("you are on the waiting list"));
            }
        }
        let pool = database.pool().await;
        assert_eq!(seats, 1);
        assert_eq!((count(&pool, CONFERENCE, "confirmed").await, count(&pool, CONFERENCE, "waiting").await), (1, 49));

        // Each one is told by mail, the seat holder with the event attached.
        let mails = sink.wait_for(before + 50, Duration::from_secs(60)).await;
        let new = &mails[before..];
        let confirmed: Vec<_> = new.iter().filter(|m| m.subject.starts_with("Registration confirmed")).collect();
        assert_eq!(confirmed.len(), 1);
        assert_eq!(new.iter().filter(|m| m.subject.starts_with("Waiting list")).count(), 49);
        let holder = confirmed[0].to[0].clone();
        let attached = python_ics(&["mail", sink.maildir().to_str().unwrap(), &holder, "Registration confirmed"], b"");
        assert_eq!(attached["filename"], format!("{CONFERENCE}.ics"));
        assert_eq!(attached["events"][0]["start"], "2027-05-20T05:30:00+00:00");
        assert_eq!(attached["events"][0]["end"], "2027-05-21T13:00:00+00:00");

        // The holder cancels through the link; the first on the waiting list gets the seat, once.
        let link = link_in(&confirmed[0].text, &format!("{}/events/cancel/", server.base)).expect("cancel link");
        let path = &link[server.base.len()..];
        let (status, page) = public.page(&format!("{path}?lang=en")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Cancel my registration"));
        assert_eq!(count(&pool, CONFERENCE, "cancelled").await, 0, "opening the link cancels nothing");
        let first_waiting: String = sqlx::query_scalar(
            "SELECT r.email FROM event_registrations r JOIN events e ON e.id = r.event_id \
             WHERE e.slug = $1 AND r.status = 'waiting' ORDER BY r.id LIMIT 1",
        )
        .bind(CONFERENCE)
        .fetch_one(&pool)
        .await
        .unwrap();
        let (status, page, _) = public.post_page(&format!("{path}?lang=en"), &[]).await;
        assert_eq!(status, 200);
        assert!(page.contains("Your registration is cancelled."));
        let (_, page, _) = public.post_page(&format!("{path}?lang=en"), &[]).await;
        assert!(page.contains("already cancelled"));
        assert_eq!(public.page(&format!("/events/cancel/{}x", &path["/events/cancel/".len()..])).await.0, 404);
        assert_eq!(
            (
                count(&pool, CONFERENCE, "confirmed").await,
                count(&pool, CONFERENCE, "waiting").await,
                count(&pool, CONFERENCE, "cancelled").await
            ),
            (1, 48, 1)
        );
        sink.wait_for(before + 51, Duration::from_secs(30)).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let promoted: Vec<_> =
            sink.messages()[before..].iter().filter(|m| m.subject.starts_with("A seat is yours")).cloned().collect();
        assert_eq!(promoted.len(), 1, "one promotion, mailed once");
        assert_eq!(promoted[0].to, vec![first_waiting.clone()]);
        assert_eq!(sink.messages().len(), before + 51, "nothing sent twice");

        // Organisers check people in and export the list; the public list shows only those who agreed.
        let (status, page) = coordinator.page(&format!("/events/{CONFERENCE}/registrations?lang=en")).await;
        assert_eq!(status, 200);
        assert!(page.contains(&first_waiting) && page.contains("1 seat taken") && page.contains("48 people waiting"));
        let id: i64 =
            sqlx::query_scalar("SELECT id FROM event_registrations WHERE email = $1 AND status = 'confirmed'")
                .bind(&first_waiting)
                .fetch_one(&pool)
                .await
                .unwrap();
        let promoted_name: String = sqlx::query_scalar("SELECT name FROM event_registrations WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        let (status, _, _) =
            coordinator.post_page(&format!("/events/{CONFERENCE}/registrations/{id}/check-in"), &[]).await;
        assert_eq!(status, 303);
        let (_, page) = coordinator.page(&format!("/events/{CONFERENCE}/registrations?lang=en")).await;
        assert!(page.contains("1 checked in"));
        let (status, page) = coordinator.page(&format!("/events/{CONFERENCE}/certificates?lang=en")).await;
        assert_eq!(status, 200);
        assert_eq!(page.matches("Certificate of participation").count(), 1, "only those checked in");
        assert!(page.contains(&format!("<strong>{promoted_name}</strong>")));
        assert_eq!(stranger.page(&format!("/events/{CONFERENCE}/registrations")).await.0, 403);
        let csv = coordinator.get(&format!("/events/{CONFERENCE}/registrations.csv")).await.text().await.unwrap();
        assert!(
            csv.starts_with('\u{feff}')
                && csv.contains(&format!("{first_waiting},Youth Union,AZ,participant,confirmed"))
        );
        assert_eq!(csv.lines().count(), 1 + 49, "the header and every registration not cancelled");
        let (_, list) = server.text(&format!("/events/{CONFERENCE}/participants?lang=en")).await;
        let promoted_listed: i64 = sqlx::query_scalar("SELECT listed FROM event_registrations WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(list.contains(&format!("<td>{promoted_name}</td>")), promoted_listed == 1);
        assert_eq!(list.matches("<td>Racer ").count(), promoted_listed as usize, "waiting people are not listed");
        let (_, counts) = server.json(&format!("/api/v1/events/{CONFERENCE}")).await;
        assert_eq!(counts["registrations"]["confirmed"], 1);
        assert_eq!(counts["registrations"]["waiting"], 48);
        assert_eq!(counts["registrations"]["checked_in"], 1);
        assert_eq!(counts["sessions"][0]["theme"], "health");
        assert_eq!(counts["outcome"]["en"], "The conference *agreed* on a plan.");
    }
}
