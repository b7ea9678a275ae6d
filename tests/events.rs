//! Events through HTTP on SQLite and PostgreSQL: the report's meetings with their programme, a coordinator's
//! event, fifty people racing for its last seat, the waiting list promoted by a cancellation, confirmations
//! read from the SMTP server with their `.ics`, and the feeds read by Python's `icalendar`.

mod support;

use std::process::{Command, Stdio};
use std::time::Duration;

use sqlx::AnyPool;
use support::smtp::SmtpSink;
use support::{Browser, Server, TestDatabase, backends, link_in, post_file, sign_in_admin, sign_up};

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
        assert!(page.contains("24 November 2004, 16:30 (Asia/Baku)") && page.contains("Mr David Eizenberg"));
        assert!(page.contains("Senior Adviser to the UN Resident Coordinator"), "the persons the report met there");
        let (_, page) = server.text("/events/meeting-deputy-minister-finance?lang=ru").await;
        assert!(page.contains("Обсуждение предложений миссии"), "the programme in Russian");
        assert!(page.contains("Mr Azer A. Bayramov") && page.contains("Deputy Minister of Finances"));
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
        assert!(page.contains("20 May 2027–21 May 2027, 09:30–17:00 (Asia/Baku)"));
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
        let (_, page) = coordinator.page(&format!("/events/{CONFERENCE}/edit?lang=en")).await;
        assert!(page.contains("The conference *agreed* on a plan.</textarea>"), "the form keeps the outcome");

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

/// Registrations of the workshop below, each with its own address.
async fn register(server: &Server, people: std::ops::Range<usize>) {
    let public = Browser::new(server);
    for n in people {
        let (name, email) = (format!("Person {n}"), format!("person{n}@crash.example"));
        let fields = [("kind", "participant"), ("name", name.as_str()), ("email", email.as_str()), ("country", "AZ")];
        let (status, page, _) = public.post_page(&format!("/events/{CRASH_WORKSHOP}/register?lang=en"), &fields).await;
        assert_eq!(status, 200, "{page}");
    }
}

const CRASH_WORKSHOP: &str = "crash-workshop-2027-07-01";

/// The mail a registration is owed is written with it and sent from there: an instance killed before it
/// could send leaves nothing unsent, and an instance killed after sending sends nothing again.
#[tokio::test]
async fn a_killed_instance_neither_loses_nor_repeats_a_registrations_mail() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let (data, url) = (database.data_dir.path().join("instance"), database.shared_url());
        // Nothing listens here: each message fails and waits for its next try.
        let unreachable = format!("smtp://127.0.0.1:{}", support::free_port());
        let server = Server::start(&data, Some(&url), &["--demo", "--smtp-url", &unreachable]).await;
        let admin = sign_in_admin(&server, &database).await;
        let fields = [
            ("kind", "workshop"),
            ("title_en", "Crash workshop"),
            ("starts_on", "2027-07-01"),
            ("time_zone", "Asia/Baku"),
            ("capacity", "2"),
            ("registration_open", "yes"),
        ];
        let (status, page, location) =
            admin.post_page("/networks/un-ngo-irene-azerbaijan/events/new?lang=en", &fields).await;
        assert_eq!((status, location.as_deref()), (303, Some(format!("/events/{CRASH_WORKSHOP}").as_str())), "{page}");
        register(&server, 0..3).await;
        let pool = database.pool().await;
        // Failed, not merely claimed: a message claimed when the instance is killed waits out its two-minute lease.
        let failed = || async {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM event_mail_outbox WHERE failure IS NOT NULL AND sent_at IS NULL",
            )
            .fetch_one(&pool)
            .await
            .unwrap()
        };
        let started = std::time::Instant::now();
        while failed().await < 3 {
            assert!(started.elapsed() < Duration::from_secs(20), "{name}: the three messages never failed");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        server.stop();

        let before = sink.messages().len();
        let server = Server::start(&data, Some(&url), &["--smtp-url", &sink.url]).await;
        sink.wait_for(before + 3, Duration::from_secs(60)).await;
        register(&server, 3..4).await;
        sink.wait_for(before + 4, Duration::from_secs(30)).await;
        server.stop();

        let _restarted = Server::start(&data, Some(&url), &["--smtp-url", &sink.url]).await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        let mut received: Vec<(String, String)> = sink.messages()[before..]
            .iter()
            .map(|mail| (mail.to[0].clone(), mail.subject.split(':').next().unwrap_or_default().to_string()))
            .collect();
        received.sort();
        let expected = [
            ("person0@crash.example", "Registration confirmed"),
            ("person1@crash.example", "Registration confirmed"),
            ("person2@crash.example", "Waiting list"),
            ("person3@crash.example", "Waiting list"),
        ]
        .map(|(to, subject)| (to.to_string(), subject.to_string()));
        assert_eq!(received, expected, "{name}: each registrant's mail, once");
        let unsent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM event_mail_outbox WHERE sent_at IS NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(unsent, 0, "{name}");
        pool.close().await;
    }
}

const WORKSHOP: &str = "capacity-workshop-2027-06-01";

async fn statuses(pool: &AnyPool, event: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT r.name, r.status FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE e.slug = $1 \
         ORDER BY r.id",
    )
    .bind(event)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn raising_the_capacity_seats_the_waiting_list_in_order_once_and_lowering_it_unseats_nobody() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let coordinator = coordinator(&server, &sink, &database).await;
        let stranger = sign_up(&server, &sink, "nosy@elsewhere.example").await;
        let fields = |capacity: &'static str| {
            vec![
                ("kind", "workshop"),
                ("title_en", "Capacity workshop"),
                ("starts_on", "2027-06-01"),
                ("time_zone", "Asia/Baku"),
                ("capacity", capacity),
                ("registration_open", "yes"),
            ]
        };
        let (status, _, location) =
            coordinator.post_page("/networks/un-ngo-irene-azerbaijan/events/new", &fields("1")).await;
        assert_eq!((status, location.as_deref()), (303, Some(format!("/events/{WORKSHOP}").as_str())));
        let public = Browser::new(&server);
        let domain = format!("@{}.example.org", backend.name());
        for n in 1..=5 {
            let email = format!("person{n}{domain}");
            let name = format!("Person {n}");
            let registration = [("kind", "participant"), ("name", name.as_str()), ("email", email.as_str())];
            assert_eq!(public.post_page(&format!("/events/{WORKSHOP}/register"), &registration).await.0, 200);
        }
        let pool = database.pool().await;
        let named = |statuses: &[&str]| -> Vec<(String, String)> {
            statuses.iter().enumerate().map(|(n, s)| (format!("Person {}", n + 1), s.to_string())).collect()
        };
        assert_eq!(statuses(&pool, WORKSHOP).await, named(&["confirmed", "waiting", "waiting", "waiting", "waiting"]));

        // Only those who run the event change its capacity.
        let edit = format!("/events/{WORKSHOP}/edit");
        assert_eq!(stranger.post_page(&edit, &fields("5")).await.0, 403);
        assert_eq!(Browser::new(&server).post_page(&edit, &fields("5")).await.0, 303, "to the sign-in page");
        assert_eq!(count(&pool, WORKSHOP, "waiting").await, 4);

        // Two organisers raise it to three at the same moment: two promoted, the first two waiting, once each.
        let before = sink.messages().len();
        let three = fields("3");
        let (first, second) = tokio::join!(coordinator.post_page(&edit, &three), coordinator.post_page(&edit, &three));
        assert_eq!((first.0, second.0), (303, 303));
        assert_eq!(
            statuses(&pool, WORKSHOP).await,
            named(&["confirmed", "confirmed", "confirmed", "waiting", "waiting"])
        );
        let seats: i64 = sqlx::query_scalar("SELECT seats_taken FROM events WHERE slug = $1")
            .bind(WORKSHOP)
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(seats, 3);
        sink.wait_for(before + 2, Duration::from_secs(30)).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let mut promoted: Vec<_> = sink
            .messages()
            .iter()
            .filter(|m| m.subject.starts_with("A seat is yours") && m.to[0].ends_with(&domain))
            .map(|m| m.to[0].clone())
            .collect();
        promoted.sort();
        assert_eq!(promoted, [format!("person2{domain}"), format!("person3{domain}")], "each promoted, mailed once");

        // Lowering it keeps everyone seated; a cancellation then frees no seat for the waiting list.
        assert_eq!(coordinator.post_page(&edit, &fields("1")).await.0, 303);
        assert_eq!(count(&pool, WORKSHOP, "confirmed").await, 3);
        let (_, page) = server.text(&format!("/events/{WORKSHOP}?lang=en")).await;
        assert!(page.contains("0 seats left"), "never a negative count");
        let first = format!("person1{domain}");
        let mails = sink.messages();
        let confirmation = mails.iter().find(|m| m.to[0] == first).expect("Person 1's confirmation");
        let link =
            link_in(&confirmation.text, &format!("{}/events/cancel/", server.base)).expect("a cancellation link");
        assert_eq!(public.post_page(&link[server.base.len()..], &[]).await.0, 200);
        assert_eq!(count(&pool, WORKSHOP, "confirmed").await, 2);
        assert_eq!(count(&pool, WORKSHOP, "waiting").await, 2, "two seats for a capacity of one: nobody promoted");
        assert!(statuses(&pool, WORKSHOP).await.contains(&("Person 1".into(), "cancelled".into())));
    }
}

const ANNUAL: &str = "annual-conference-2027-05-20";

#[tokio::test]
async fn a_call_for_contributions_brings_proposals_that_organisers_accept_into_the_programme_or_decline() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let coordinator = coordinator(&server, &sink, &database).await;
        let proposer = sign_up(&server, &sink, &format!("proposer@{}.example.org", backend.name())).await;
        assert_eq!(proposer.post("/account/language", &[("mail_lang", "ru")]).await.status(), 303);
        let event = [
            ("kind", "conference"),
            ("title_en", "Annual Conference"),
            ("title_ru", "Ежегодная конференция"),
            ("starts_on", "2027-05-20"),
            ("time_zone", "Asia/Baku"),
        ];
        let (status, _, location) = coordinator.post_page("/networks/un-ngo-irene-azerbaijan/events/new", &event).await;
        assert_eq!((status, location.as_deref()), (303, Some(format!("/events/{ANNUAL}").as_str())));
        let call = format!("/events/{ANNUAL}/call");
        let proposals = format!("/events/{ANNUAL}/proposals");
        let proposal = [
            ("title", "Reporting to ECOSOC from the regions"),
            ("kind", "presentation"),
            ("summary", "How national networks report to the Committee on NGOs."),
            ("theme", "health"),
            ("speaker_fuad-muradov", "yes"),
            ("guests", "Dr Jane Roe\n\n"),
        ];

        // No call yet: nothing to propose to.
        let (status, page) = proposer.page(&format!("{call}?lang=en")).await;
        assert_eq!(status, 200);
        assert!(page.contains("There is no call for contributions") && !page.contains("action=\"/events/"));
        assert_eq!(proposer.post_page(&proposals, &proposal).await.0, 404);

        // Only the event's organisers open the call; bad days come back beside their fields.
        let open = [
            ("opens_on", "2020-01-01"),
            ("closes_on", "2099-12-31"),
            ("call_theme_health", "yes"),
            ("call_theme_education", "yes"),
            ("guidance_en", "Sessions of *45 minutes*."),
        ];
        assert_eq!(proposer.post_page(&call, &open).await.0, 403);
        assert_eq!(Browser::new(&server).post_page(&call, &open).await.0, 303, "to the sign-in page");
        let (status, page, _) = coordinator
            .post_page(&format!("{call}?lang=en"), &[("opens_on", "2027-02-30"), ("closes_on", "2020-01-01")])
            .await;
        assert_eq!(status, 400);
        assert!(page.contains("Give a day as YYYY-MM-DD.") && page.contains("value=\"2027-02-30\""));
        let (status, page, _) = coordinator
            .post_page(&format!("{call}?lang=en"), &[("opens_on", "2027-02-01"), ("closes_on", "2027-01-01")])
            .await;
        assert_eq!(status, 400);
        assert!(page.contains("The call must close on or after the day it opens."));
        assert_eq!(coordinator.post_page(&call, &open).await.0, 303);
        let (_, page) = server.text(&format!("/events/{ANNUAL}?lang=en")).await;
        assert!(page.contains(&format!("href=\"{call}\"")), "the event's page leads to its call");
        let (_, page) = server.text(&format!("{call}?lang=en")).await;
        assert!(page.contains("<em>45 minutes</em>") && page.contains("The call is open"));
        assert!(page.contains("Sign in to propose a session") && !page.contains(&format!("action=\"{proposals}\"")));

        // A proposal with bad fields is shown again with what was typed.
        let mut bad = proposal.to_vec();
        bad[0] = ("title", "");
        bad[3] = ("theme", "environment");
        let (status, page, _) = proposer.post_page(&format!("{proposals}?lang=en"), &bad).await;
        assert_eq!(status, 400);
        assert!(page.contains("Give the session a title."));
        assert!(page.contains("Choose one of the themes the call asks for."));
        assert!(page.contains("How national networks report to the Committee on NGOs.</textarea>"));
        assert!(page.contains("name=\"speaker_fuad-muradov\" value=\"yes\" checked"));
        let mut break_kind = proposal.to_vec();
        break_kind[1] = ("kind", "break");
        assert_eq!(proposer.post_page(&proposals, &break_kind).await.0, 400);
        let mut too_many = proposal.to_vec();
        let crowd = (0..11).map(|n| format!("Guest {n}")).collect::<Vec<_>>().join("\n");
        too_many[5] = ("guests", &crowd);
        assert_eq!(proposer.post_page(&proposals, &too_many).await.0, 400);
        assert_eq!(Browser::new(&server).post_page(&proposals, &proposal).await.0, 303, "to the sign-in page");

        let (status, _, location) = proposer.post_page(&proposals, &proposal).await;
        assert_eq!((status, location.as_deref()), (303, Some(format!("{call}#mine").as_str())));
        let mut second = proposal.to_vec();
        second[0] = ("title", "A second look at reporting");
        second[4] = ("speaker_fuad-muradov", "");
        assert_eq!(proposer.post_page(&proposals, &second).await.0, 303);
        let (_, page) = proposer.page(&format!("{call}?lang=en")).await;
        assert_eq!(page.matches("waiting for review").count(), 2);
        assert!(page.contains("Fuad Muradov; Dr Jane Roe"));

        // Only organisers review; a decline needs a reason.
        assert_eq!(proposer.page(&proposals).await.0, 403);
        let (status, page) = coordinator.page(&format!("{proposals}?lang=en")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Reporting to ECOSOC from the regions") && page.contains("A second look at reporting"));
        let pool = database.pool().await;
        let id_of = |title: &'static str| {
            let pool = pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>("SELECT id FROM event_proposals WHERE title = $1")
                    .bind(title)
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        };
        let first = id_of("Reporting to ECOSOC from the regions").await;
        let other = id_of("A second look at reporting").await;
        assert_eq!(proposer.post_page(&format!("{proposals}/{first}/accept"), &[]).await.0, 403);
        assert_eq!(proposer.post_page(&format!("{proposals}/{other}/decline"), &[("reason", "x")]).await.0, 403);
        assert_eq!(coordinator.post_page(&format!("/events/{CONFERENCE}/proposals/{first}/accept"), &[]).await.0, 404);
        assert_eq!(coordinator.post_page(&format!("{proposals}/99999/accept"), &[]).await.0, 404);
        assert_eq!(coordinator.post_page(&format!("{proposals}/x/accept"), &[]).await.0, 404);
        let (status, page, _) =
            coordinator.post_page(&format!("{proposals}/{other}/decline?lang=en"), &[("reason", "")]).await;
        assert_eq!(status, 400);
        assert!(page.contains(&format!("id=\"reason-{other}-error\"")) && page.contains("Give the reason"));

        let before = sink.messages().len();
        assert_eq!(coordinator.post_page(&format!("{proposals}/{first}/accept"), &[]).await.0, 303);
        assert_eq!(coordinator.post_page(&format!("{proposals}/{first}/accept"), &[]).await.0, 409, "decided once");
        let reason = "The programme has a session on reporting already.";
        assert_eq!(coordinator.post_page(&format!("{proposals}/{other}/decline"), &[("reason", reason)]).await.0, 303);
        assert_eq!(coordinator.post_page(&format!("{proposals}/{other}/accept"), &[]).await.0, 409);

        // The accepted one is a session of the programme, with its speakers.
        let (_, page) = server.text(&format!("/events/{ANNUAL}/programme?lang=en")).await;
        assert!(page.contains("Reporting to ECOSOC from the regions") && !page.contains("A second look"));
        assert!(page.contains("Mr Fuad Muradov <span class=\"muted\">(speaker)</span>"));
        assert!(page.contains("Dr Jane Roe <span class=\"muted\">(speaker)</span>"));
        let (_, detail) = server.json(&format!("/api/v1/events/{ANNUAL}")).await;
        assert_eq!(detail["sessions"][0]["guests"][0], "Dr Jane Roe");
        assert_eq!(detail["sessions"][0]["theme"], "health");

        // The proposer is told both decisions in Russian, the language of the account.
        let mails = sink.wait_for(before + 2, Duration::from_secs(30)).await;
        let to_proposer: Vec<_> = mails[before..].iter().filter(|m| m.to[0].starts_with("proposer@")).collect();
        assert_eq!(to_proposer.len(), 2);
        assert_eq!(to_proposer[0].subject, "Ваша заявка принята: Reporting to ECOSOC from the regions");
        assert!(to_proposer[0].text.contains(&format!("/events/{ANNUAL}/programme?lang=ru")));
        assert_eq!(to_proposer[1].subject, "Ваша заявка отклонена: A second look at reporting");
        assert!(to_proposer[1].text.contains(reason));
        let (_, page) = proposer.page(&format!("{call}?lang=en")).await;
        assert!(page.contains("accepted into the programme") && page.contains(reason));

        // Every step is in the event's history, for its organisers.
        assert_eq!(proposer.page(&format!("/events/{ANNUAL}/history")).await.0, 403);
        let (status, page) = coordinator.page(&format!("/events/{ANNUAL}/history?lang=en")).await;
        assert_eq!(status, 200);
        for action in [
            "Call for contributions opened or changed",
            "Session proposed",
            "Proposal accepted into the programme",
            "Proposal declined",
        ] {
            assert!(page.contains(action), "{action} missing from the history");
        }

        // The persons met, like the report's Annex IX, recorded by the organisers and shown on the event's page.
        let met = format!("/events/{ANNUAL}/persons-met");
        let minister =
            [("name", "Mr Intigam Babayev"), ("function", "Deputy Minister"), ("organization", "Ministry of Youth")];
        assert_eq!(proposer.page(&met).await.0, 403);
        assert_eq!(proposer.post_page(&met, &minister).await.0, 403);
        let (status, page, _) =
            coordinator.post_page(&format!("{met}?lang=en"), &[("name", ""), ("function", "Adviser")]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Give the name of the person.") && page.contains("value=\"Adviser\""), "{page}");
        assert_eq!(coordinator.post_page(&met, &minister).await.0, 303);
        assert_eq!(coordinator.post_page(&met, &[("name", "Mr Shahin Panahov")]).await.0, 303);
        let (_, page) = server.text(&format!("/events/{ANNUAL}?lang=en")).await;
        assert!(page.contains("<td>Mr Intigam Babayev</td><td>Deputy Minister</td><td>Ministry of Youth</td>"));
        assert!(page.contains("<td>Mr Shahin Panahov</td><td></td><td></td>"));
        let person: i64 = sqlx::query_scalar("SELECT id FROM event_persons_met WHERE name = 'Mr Shahin Panahov'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(proposer.post_page(&format!("{met}/{person}/delete"), &[]).await.0, 403);
        assert_eq!(coordinator.post_page(&format!("{met}/{person}/delete"), &[]).await.0, 303);
        assert_eq!(coordinator.post_page(&format!("{met}/{person}/delete"), &[]).await.0, 404);
        let (_, page) = server.text(&format!("/events/{ANNUAL}?lang=en")).await;
        assert!(!page.contains("Mr Shahin Panahov") && page.contains("Mr Intigam Babayev"));

        // Once the call has closed, nothing more is received.
        let closed = [("opens_on", "2020-01-01"), ("closes_on", "2020-12-31")];
        assert_eq!(coordinator.post_page(&call, &closed).await.0, 303);
        assert_eq!(proposer.post_page(&proposals, &proposal).await.0, 409);
        let (_, page) = proposer.page(&format!("{call}?lang=en")).await;
        assert!(page.contains("The call is not open now.") && !page.contains(&format!("action=\"{proposals}\"")));
    }
}

const QUESTIONS_DAY: &str = "registration-questions-day-2027-07-01";

/// The rows of the first sheet of an XLSX workbook, read by calamine.
fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX workbook");
    let range = workbook.worksheet_range("registrations").expect("the registrations sheet");
    range.rows().map(|row| row.iter().map(|cell| cell.to_string()).collect()).collect()
}

#[tokio::test]
async fn organisers_ask_their_own_questions_export_the_answers_and_attach_documents_to_sessions() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let coordinator = coordinator(&server, &sink, &database).await;
        let stranger = sign_up(&server, &sink, "curious@elsewhere.example").await;
        let event = [
            ("kind", "workshop"),
            ("title_en", "Registration questions day"),
            ("starts_on", "2027-07-01"),
            ("time_zone", "Asia/Baku"),
            ("registration_open", "yes"),
        ];
        let (status, _, location) = coordinator.post_page("/networks/un-ngo-irene-azerbaijan/events/new", &event).await;
        assert_eq!((status, location.as_deref()), (303, Some(format!("/events/{QUESTIONS_DAY}").as_str())));
        let questions = format!("/events/{QUESTIONS_DAY}/questions");
        let meal = [
            ("kind", "choice"),
            ("label_en", "Meal"),
            ("label_ru", "Питание"),
            ("options", "Vegetarian\nHalal\nAny"),
            ("required", "yes"),
        ];

        // Only those who run the event ask questions; bad ones come back with their messages.
        assert_eq!(stranger.page(&questions).await.0, 403);
        assert_eq!(stranger.post_page(&questions, &meal).await.0, 403);
        assert_eq!(Browser::new(&server).post_page(&questions, &meal).await.0, 303, "to the sign-in page");
        let (status, page, _) = coordinator
            .post_page(
                &format!("{questions}?lang=en"),
                &[("kind", "choice"), ("label_en", "Meal"), ("options", "Halal")],
            )
            .await;
        assert_eq!(status, 400);
        assert!(page.contains("Give from 2 to 20 different options") && page.contains("value=\"Meal\""));
        let (status, page, _) =
            coordinator.post_page(&format!("{questions}?lang=en"), &[("kind", "date"), ("label_en", "")]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Write the question."));
        assert_eq!(coordinator.post_page(&questions, &meal).await.0, 303);
        let visa = [("kind", "yes_no"), ("label_en", "Do you need a visa?")];
        assert_eq!(coordinator.post_page(&questions, &visa).await.0, 303);
        let role = [("kind", "text"), ("label_en", "Your role in the network"), ("required", "yes")];
        assert_eq!(coordinator.post_page(&questions, &role).await.0, 303);
        let fax = [("kind", "text"), ("label_en", "Fax number")];
        assert_eq!(coordinator.post_page(&questions, &fax).await.0, 303);
        let pool = database.pool().await;
        let question_id = |label: &'static str| {
            let pool = pool.clone();
            async move {
                sqlx::query_scalar::<_, i64>("SELECT id FROM event_questions WHERE label LIKE $1")
                    .bind(format!("%\"{label}\"%"))
                    .fetch_one(&pool)
                    .await
                    .unwrap()
            }
        };
        let (meal_id, visa_id, role_id, fax_id) = (
            question_id("Meal").await,
            question_id("Do you need a visa?").await,
            question_id("Your role in the network").await,
            question_id("Fax number").await,
        );
        assert_eq!(stranger.post_page(&format!("{questions}/{fax_id}/delete"), &[]).await.0, 403);
        assert_eq!(coordinator.post_page(&format!("{questions}/{fax_id}/delete"), &[]).await.0, 303);
        assert_eq!(coordinator.post_page(&format!("{questions}/{fax_id}/delete"), &[]).await.0, 404);

        // The public form asks them, in the reader's language, and checks the answers.
        let (_, page) = server.text(&format!("/events/{QUESTIONS_DAY}?lang=ru")).await;
        assert!(page.contains("Питание (обязательно)") && page.contains("<option>Halal</option>"));
        let (_, page) = server.text(&format!("/events/{QUESTIONS_DAY}?lang=en")).await;
        assert!(page.contains("Do you need a visa?") && !page.contains("Fax number"));
        let register = format!("/events/{QUESTIONS_DAY}/register?lang=en");
        let meal_field = format!("q_{meal_id}");
        let visa_field = format!("q_{visa_id}");
        let role_field = format!("q_{role_id}");
        let public = Browser::new(&server);
        let (status, page, _) = public
            .post_page(
                &register,
                &[
                    ("kind", "participant"),
                    ("name", "Aysel Mammadova"),
                    ("email", "aysel@example.org"),
                    (&meal_field, "Kosher"),
                    (&visa_field, "perhaps"),
                    (&role_field, ""),
                ],
            )
            .await;
        assert_eq!(status, 400);
        assert_eq!(page.matches("Choose one of the answers offered").count(), 2, "the meal and the visa");
        assert!(page.contains(&format!("id=\"{role_field}-error\">Answer this question.")));
        assert!(page.contains("value=\"Aysel Mammadova\""));
        let answers = [
            ("kind", "participant"),
            ("name", "Aysel Mammadova"),
            ("email", "aysel@example.org"),
            ("organization", "Youth Union"),
            (meal_field.as_str(), "Halal"),
            (visa_field.as_str(), "yes"),
            (role_field.as_str(), "Focal point, health"),
        ];
        let (status, page, _) = public.post_page(&register, &answers).await;
        assert_eq!(status, 200);
        assert!(page.contains("your seat is confirmed"));
        let quiet = [
            ("kind", "media"),
            ("name", "Rauf Aliyev"),
            ("email", "rauf@example.org"),
            (meal_field.as_str(), "Any"),
            (role_field.as_str(), "Reporter"),
        ];
        assert_eq!(public.post_page(&register, &quiet).await.0, 200);

        // The organisers' exports carry the answers under the questions.
        let csv = coordinator.get(&format!("/events/{QUESTIONS_DAY}/registrations.csv?lang=en")).await;
        assert_eq!(csv.status(), 200);
        assert!(csv.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        let csv = csv.text().await.unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            lines[0],
            "name,email,organization,country,kind,status,listed,checked_in,Meal,Do you need a visa?,Your role in the network"
        );
        assert_eq!(
            lines[1],
            "Aysel Mammadova,aysel@example.org,Youth Union,,participant,confirmed,no,no,Halal,yes,\"Focal point, health\""
        );
        assert_eq!(lines[2], "Rauf Aliyev,rauf@example.org,,,media,confirmed,no,no,Any,,Reporter");
        let xlsx = coordinator.get(&format!("/events/{QUESTIONS_DAY}/registrations.xlsx?lang=ru")).await;
        assert_eq!(xlsx.status(), 200);
        assert_eq!(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        let rows = xlsx_rows(&xlsx.bytes().await.unwrap());
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0][8], "Питание", "headed in the reader's language");
        assert_eq!(
            rows[1][..],
            [
                "Aysel Mammadova",
                "aysel@example.org",
                "Youth Union",
                "",
                "participant",
                "confirmed",
                "no",
                "no",
                "Halal",
                "yes",
                "Focal point, health"
            ]
        );
        assert_eq!(rows[2][9], "");
        assert_eq!(stranger.get(&format!("/events/{QUESTIONS_DAY}/registrations.xlsx")).await.status(), 403);

        // A working group with its members, and its slides: only organisers upload, anyone downloads.
        let group = [
            ("kind", "working_group"),
            ("title_en", "Working group on youth"),
            ("person_fuad-muradov", "member"),
            ("outcome_en", "A youth focal point."),
        ];
        assert_eq!(coordinator.post_page(&format!("/events/{QUESTIONS_DAY}/sessions"), &group).await.0, 303);
        let session: i64 = sqlx::query_scalar(
            "SELECT s.id FROM event_sessions s JOIN events e ON e.id = s.event_id WHERE e.slug = $1",
        )
        .bind(QUESTIONS_DAY)
        .fetch_one(&pool)
        .await
        .unwrap();
        let upload = format!("/events/{QUESTIONS_DAY}/sessions/{session}/documents");
        let slides = b"%PDF-1.4\n% slides of the working group\n";
        assert_eq!(post_file(&stranger, &upload, &[], ("file", "slides.pdf"), slides).await.0, 403);
        let (status, page) =
            post_file(&coordinator, &format!("{upload}?lang=en"), &[], ("file", "notes.txt"), b"plain text").await;
        assert_eq!(status, 400);
        assert!(page.contains("This kind of file is not accepted"), "{page}");
        assert_eq!(post_file(&coordinator, &upload, &[], ("file", "empty.pdf"), b"").await.0, 400);
        let huge = [b"%PDF-".as_slice(), &vec![b'x'; 10 * 1024 * 1024 + 1]].concat();
        assert_eq!(post_file(&coordinator, &upload, &[], ("file", "huge.pdf"), &huge).await.0, 413);
        let (status, location) = post_file(&coordinator, &upload, &[], ("file", "../Slides: youth.pdf"), slides).await;
        assert_eq!((status, location.as_str()), (303, format!("/events/{QUESTIONS_DAY}/programme/edit").as_str()));
        let other_event = format!("/events/{CONFERENCE}/sessions/{session}/documents");
        assert_eq!(post_file(&coordinator, &other_event, &[], ("file", "slides.pdf"), slides).await.0, 404);
        let (_, page) = server.text(&format!("/events/{QUESTIONS_DAY}/programme?lang=en")).await;
        assert!(page.contains("Mr Fuad Muradov <span class=\"muted\">(member)</span>"));
        assert!(page.contains("A youth focal point."));
        let document: i64 = sqlx::query_scalar("SELECT id FROM event_session_files WHERE session_id = $1")
            .bind(session)
            .fetch_one(&pool)
            .await
            .unwrap();
        let link = format!("/events/{QUESTIONS_DAY}/documents/{document}");
        assert!(page.contains(&format!("<a href=\"{link}\">Slides: youth.pdf</a>")), "the name without its folders");
        let download = server.get(&link).await;
        assert_eq!(download.status(), 200);
        assert_eq!(download.headers()["content-type"], "application/pdf");
        assert_eq!(download.headers()["x-content-type-options"], "nosniff");
        assert!(download.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
        assert_eq!(download.bytes().await.unwrap().as_ref(), slides);
        assert_eq!(server.get(&format!("/events/{CONFERENCE}/documents/{document}")).await.status(), 404);
        let remove = format!("{link}/delete");
        assert_eq!(stranger.post_page(&remove, &[]).await.0, 403);
        assert_eq!(coordinator.post_page(&remove, &[]).await.0, 303);
        assert_eq!(coordinator.post_page(&remove, &[]).await.0, 404);
        assert_eq!(server.get(&link).await.status(), 404);

        let (_, page) = coordinator.page(&format!("/events/{QUESTIONS_DAY}/history?lang=en")).await;
        assert_eq!(page.matches("Registration question added").count(), 4);
        assert!(page.contains("Registration question removed"));
        assert!(page.contains("Session document added") && page.contains("Session document removed"));
    }
}

const SCHEDULED: &str = "caspian-partners-meeting-2027-09-14";

/// The id of the first `{what}/{id}/` a page links or posts to.
fn id_after(page: &str, what: &str) -> String {
    page.split(what).nth(1).and_then(|s| s.split('/').next()).unwrap_or_else(|| panic!("no {what} in {page}")).into()
}

#[tokio::test]
async fn organisers_schedule_and_change_sessions_and_link_outputs_to_plan_activities() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let coordinator = coordinator(&server, &sink, &database).await;
        let stranger = sign_up(&server, &sink, "someone@elsewhere.example").await;
        let event = [
            ("kind", "meeting"),
            ("title_en", "Caspian partners meeting"),
            ("starts_on", "2027-09-14"),
            ("ends_on", "2027-09-15"),
            ("start_time", "09:30"),
            ("end_time", "17:00"),
            ("time_zone", "Asia/Baku"),
        ];
        let (status, _, location) = coordinator.post_page("/networks/un-ngo-irene-azerbaijan/events/new", &event).await;
        assert_eq!((status, location.as_deref()), (303, Some(format!("/events/{SCHEDULED}").as_str())), "{name}");
        let group = [("kind", "working_group"), ("title_en", "Working group on water")];
        assert_eq!(coordinator.post_page(&format!("/events/{SCHEDULED}/sessions"), &group).await.0, 303);
        let (_, page) = coordinator.page(&format!("/events/{SCHEDULED}/programme/edit?lang=en")).await;
        let id = id_after(&page, &format!("/events/{SCHEDULED}/sessions/"));
        let edit = format!("/events/{SCHEDULED}/sessions/{id}/edit");
        assert!(page.contains(&format!("href=\"{edit}\"")), "{name}: each session has its form");

        // The form holds the session as it stands; only organisers open it, and only for the event's sessions.
        let (status, page) = coordinator.page(&format!("{edit}?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("Change the session “Working group on water”"));
        assert!(page.contains("value=\"Working group on water\"") && page.contains("value=\"working_group\" selected"));
        assert_eq!(stranger.page(&edit).await.0, 403, "{name}");
        assert_eq!(stranger.post_page(&edit, &group).await.0, 403, "{name}");
        assert_eq!(coordinator.page(&format!("/events/{SCHEDULED}/sessions/999999/edit")).await.0, 404);
        assert_eq!(coordinator.page(&format!("/events/{CONFERENCE}/sessions/{id}/edit")).await.0, 404);

        // Days outside the event's, hours outside its hours, an end before the start: shown again, as typed.
        let outside = [
            ("kind", "working_group"),
            ("title_en", "Water and health"),
            ("day", "2027-09-20"),
            ("starts_at", "12:00"),
            ("ends_at", "11:00"),
        ];
        let (status, page, _) = coordinator.post_page(&format!("{edit}?lang=en"), &outside).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Give a day from 14 September 2027 to 15 September 2027, the days of the event."));
        assert!(page.contains("The event must end after it starts."));
        assert!(page.contains("value=\"Water and health\"") && page.contains("value=\"2027-09-20\""));
        let early = [
            ("kind", "working_group"),
            ("title_en", "Water and health"),
            ("day", "2027-09-14"),
            ("starts_at", "08:00"),
            ("ends_at", "09:00"),
        ];
        let (status, page, _) = coordinator.post_page(&format!("{edit}?lang=en"), &early).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("The event starts at 09:30 on that day."));
        let late = [("kind", "plenary"), ("title_en", "Close"), ("day", "2027-09-15"), ("ends_at", "18:00")];
        let (status, page, _) = coordinator.post_page(&format!("{edit}?lang=en"), &late).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("The event ends at 17:00 on that day."));
        let (status, page, _) =
            coordinator.post_page(&format!("{edit}?lang=en"), &[("kind", "lecture"), ("title_en", "")]).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("aria-invalid=\"true\" aria-describedby=\"kind-error\""));

        // Scheduled: a day, hours, a room, a facilitator from the directory, a theme, a speaker by name.
        let scheduled = [
            ("kind", "working_group"),
            ("title_en", "Water and health"),
            ("title_ru", "Вода и здоровье"),
            ("day", "2027-09-15"),
            ("starts_at", "11:00"),
            ("ends_at", "12:30"),
            ("room", "Hall C"),
            ("theme", "health"),
            ("person_fuad-muradov", "facilitator"),
            ("guests", "Dr Jane Roe"),
        ];
        let (status, _, location) = coordinator.post_page(&edit, &scheduled).await;
        let back = format!("/events/{SCHEDULED}/programme/edit#s{id}");
        assert_eq!((status, location.as_deref()), (303, Some(back.as_str())), "{name}");
        let (_, page) = server.text(&format!("/events/{SCHEDULED}/programme?lang=en")).await;
        assert!(page.contains("Water and health") && page.contains("11:00–12:30") && page.contains("Hall C"));
        assert!(page.contains("Mr Fuad Muradov <span class=\"muted\">(facilitator)</span>"), "{name}");
        assert!(page.contains("Dr Jane Roe"));
        let (_, page) = coordinator.page(&format!("{edit}?lang=ru")).await;
        assert!(page.contains("value=\"Вода и здоровье\"") && page.contains("value=\"Hall C\""));
        assert!(page.contains("<option value=\"facilitator\" selected>"), "{name}: the facilitator is kept");
        assert!(page.contains("Dr Jane Roe</textarea>"));
        let (_, detail) = server.json(&format!("/api/v1/events/{SCHEDULED}")).await;
        assert_eq!(detail["sessions"][0]["day"], "2027-09-15");
        assert_eq!(detail["sessions"][0]["room"], "Hall C");
        assert_eq!(detail["sessions"][0]["people"][0]["role"], "facilitator");
        let (_, page) = coordinator.page(&format!("/events/{SCHEDULED}/history?lang=en")).await;
        assert!(page.contains("Session changed"), "{name}");

        // Outputs: none to link to while the network has no plan.
        let outputs = format!("/events/{SCHEDULED}/outputs");
        let (status, page) = coordinator.page(&format!("{outputs}?lang=en")).await;
        assert_eq!(status, 200, "{name}");
        assert!(page.contains("The network has no action plan with activities to link to."));
        assert_eq!(stranger.page(&outputs).await.0, 403);

        // A plan with an activity, made through the plans' pages.
        let plans = "/networks/un-ngo-irene-azerbaijan/plans";
        let plan_fields =
            [("title", "Strategic Action Plan 2027"), ("starts_on", "2027-01-01"), ("ends_on", "2028-12-31")];
        let (status, _, location) = coordinator.post_page(plans, &plan_fields).await;
        assert_eq!(status, 303, "{name}");
        let plan = location.unwrap().split('#').next().unwrap().to_string();
        assert_eq!(
            coordinator.post(&format!("{plan}/objectives"), &[("objective_title", "Clean water")]).await.status(),
            303
        );
        let (_, page) = coordinator.page(&format!("{plan}?lang=en")).await;
        let option = |name: &str| -> String {
            let select = page.split(&format!("name=\"{name}\"")).nth(1).unwrap().split("</select>").next().unwrap();
            let value = select.split("<option value=\"").skip(1).find(|o| !o.starts_with('"')).unwrap();
            value.split('"').next().unwrap().to_string()
        };
        let activity_fields = [
            ("objective", option("objective")),
            ("activity_title", "Water committees in ten villages".to_string()),
            ("focal_point", option("focal_point")),
            ("activity_starts_on", "2027-10-01".to_string()),
            ("activity_ends_on", "2028-06-30".to_string()),
        ];
        let fields: Vec<(&str, &str)> = activity_fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, _, location) = coordinator.post_page(&format!("{plan}/activities"), &fields).await;
        assert_eq!(status, 303, "{name}");
        let activity_page = location.unwrap().split('#').next().unwrap().to_string();
        let activity = activity_page.rsplit('/').next().unwrap().to_string();

        // The working group's outcome linked to the activity; bad choices come back beside their fields.
        let (_, page) = coordinator.page(&format!("{outputs}?lang=en")).await;
        assert!(page.contains("Strategic Action Plan 2027: Water committees in ten villages"), "{name}");
        assert!(page.contains("working group “Water and health”"));
        let (status, page, _) =
            coordinator.post_page(&format!("{outputs}?lang=en"), &[("activity", "999999"), ("source", "nope")]).await;
        assert_eq!(status, 400, "{name}");
        assert!(page.contains("Choose an activity of the network’s plans."));
        assert!(page.contains("aria-describedby=\"source-error\""));
        let link = [("activity", activity.as_str()), ("source", id.as_str())];
        assert_eq!(stranger.post_page(&outputs, &link).await.0, 403);
        assert_eq!(coordinator.post_page(&outputs, &link).await.0, 303, "{name}");
        let (status, page, _) = coordinator.post_page(&format!("{outputs}?lang=en"), &link).await;
        assert_eq!(status, 400, "{name}: linked once");
        assert!(page.contains("This output is linked to that activity already."));
        let whole = [("activity", activity.as_str()), ("source", "")];
        assert_eq!(coordinator.post_page(&outputs, &whole).await.0, 303, "{name}");

        // The event's page lists them, each leading to the activity's page.
        let (_, page) = server.text(&format!("/events/{SCHEDULED}?lang=en")).await;
        assert!(page.contains("Outputs in the action plans"), "{name}");
        assert_eq!(
            page.matches(&format!("<a href=\"{activity_page}\">Water committees in ten villages</a>")).count(),
            2
        );
        assert!(page.contains("(Strategic Action Plan 2027): working group “Water and health”"));
        assert_eq!(server.text(&activity_page).await.0, 200);
        let (_, detail) = server.json(&format!("/api/v1/events/{SCHEDULED}")).await;
        assert_eq!(detail["outputs"].as_array().unwrap().len(), 2, "{name}");
        assert_eq!(detail["outputs"][0]["url"], activity_page.as_str());
        assert_eq!(detail["outputs"][0]["working_group"]["en"], "Water and health");
        assert!(detail["outputs"][1]["working_group"].is_null());

        // A link removed; removing it again finds nothing.
        let (_, page) = coordinator.page(&format!("{outputs}?lang=en")).await;
        let output = id_after(&page, &format!("{outputs}/"));
        let remove = format!("{outputs}/{output}/delete");
        assert_eq!(stranger.post_page(&remove, &[]).await.0, 403);
        assert_eq!(coordinator.post_page(&remove, &[]).await.0, 303, "{name}");
        assert_eq!(coordinator.post_page(&remove, &[]).await.0, 404, "{name}");
        let (_, detail) = server.json(&format!("/api/v1/events/{SCHEDULED}")).await;
        assert_eq!(detail["outputs"].as_array().unwrap().len(), 1, "{name}");
        let (_, page) = coordinator.page(&format!("/events/{SCHEDULED}/history?lang=en")).await;
        assert!(
            page.contains("Output linked to a plan activity")
                && page.contains("Output link to a plan activity removed")
        );
    }
}
