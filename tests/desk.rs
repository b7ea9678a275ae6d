//! The ECOSOC consultative-status desk through HTTP on SQLite and PostgreSQL:
//! an NGO checks its eligibility, records its application's way through the
//! Committee up to the grant, sees its quadrennial report due and is reminded
//! by mail; strangers see nothing of it.

mod support;

use std::time::Duration;

use sha2::{Digest, Sha256};
use support::smtp::SmtpSink;
use support::{Browser, Server, TestDatabase, backends, post_file, queued_requests, sign_in_admin, sign_up};
use time::{Month, OffsetDateTime};

const DESK: &str = "/organizations/green-steppe-youth-initiative/ecosoc";

/// Registers "Green Steppe Youth Initiative" for the browser, which becomes its editor.
async fn register(ngo: &Browser) {
    let fields = [("name_en", "Green Steppe Youth Initiative"), ("kind", "ngo"), ("country", "AZ")];
    let (status, page, _) = ngo.post_page("/organizations/new", &fields).await;
    assert_eq!(status, 303, "{page}");
}

/// Uploads a document to the desk's dossier.
async fn upload(browser: &Browser, kind: &str, file_name: &str, bytes: &[u8]) -> (u16, String) {
    post_file(browser, &format!("{DESK}/documents?lang=en"), &[("kind", kind)], ("file", file_name), bytes).await
}

/// The version of the dossier its page was read at.
async fn dossier_version(browser: &Browser) -> String {
    let (_, page) = browser.page(&format!("{DESK}/dossier")).await;
    page.split("name=\"version\" value=\"").nth(1).expect("the version").split('"').next().unwrap().to_string()
}

/// Posts a form whose values are owned strings.
async fn post_fields(browser: &Browser, path: &str, fields: &[(&str, String)]) -> (u16, String) {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let (status, page, location) = browser.post_page(path, &fields).await;
    (status, location.unwrap_or(page))
}

fn question_ids(desk: &str) -> Vec<String> {
    desk.split(&format!("action=\"{DESK}/questions/")).skip(1).map(|s| s.split('"').next().unwrap().into()).collect()
}

#[tokio::test]
async fn an_ngo_goes_from_eligibility_to_status_and_is_reminded_of_its_report() {
    let sink = SmtpSink::start();
    let today = OffsetDateTime::now_utc().date();
    let day = today.to_string();
    // Received today, an application is in time for this year's 1 June deadline or next year's.
    let deadline_year =
        if (today.month() as u8, today.day()) <= (Month::June as u8, 1) { today.year() } else { today.year() + 1 };
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = sign_in_admin(&server, &database).await;
        let ngo = sign_up(&server, &sink, "aygun@greensteppe.example").await;
        let stranger = sign_up(&server, &sink, "stranger@elsewhere.example").await;
        register(&ngo).await;

        // Rights: a stranger is refused, an anonymous reader is sent to sign in.
        assert_eq!(stranger.get(DESK).await.status(), 403, "{}", backend.name());
        assert_eq!(stranger.post(&format!("{DESK}/steps"), &[("step", "submitted")]).await.status(), 403);
        let anonymous = Browser::new(&server).get(DESK).await;
        assert_eq!(anonymous.status(), 303);
        assert!(anonymous.headers()["location"].to_str().unwrap().starts_with("/account/signin"));
        assert_eq!(admin.get(DESK).await.status(), 200, "administrators see every desk");

        let (status, page) = ngo.page("/organizations/green-steppe-youth-initiative?lang=en").await;
        assert_eq!(status, 200);
        assert!(page.contains(&format!("href=\"{DESK}\"")), "the profile links its editors to the desk");
        let (status, page) = ngo.page(&format!("{DESK}?lang=en")).await;
        assert_eq!(status, 200);
        assert!(page.contains("No application recorded yet."));
        let (_, page) = ngo.page("/ecosoc?lang=en").await;
        assert!(page.contains(&format!("href=\"{DESK}\"")) && !page.contains("/ecosoc/import"));
        let (_, page) = admin.page("/ecosoc?lang=en").await;
        assert!(page.contains("href=\"/networks/un-ngo-irene-azerbaijan/ecosoc\"") && page.contains("/ecosoc/import"));

        // Eligibility: a bad answer is shown again beside its field, with a 400.
        let (status, page, _) = ngo
            .post_page(&format!("{DESK}/eligibility?lang=en"), &[("registered_on", "2999-01-01"), ("funding", "maybe")])
            .await;
        assert_eq!(status, 400);
        assert!(page.contains("Give the registration date as YYYY-MM-DD") && page.contains("value=\"2999-01-01\""));
        let criteria = [
            "headquarters",
            "constitution",
            "authority",
            "representative",
            "accountability",
            "transparency",
            "funding",
            "relevance",
        ];
        let mut answers: Vec<(&str, &str)> = criteria.iter().map(|c| (*c, "yes")).collect();
        answers.push(("funding", "no"));
        answers.push(("registered_on", "2015-03-10"));
        let (status, _, location) = ngo.post_page(&format!("{DESK}/eligibility"), &answers).await;
        assert_eq!((status, location.as_deref()), (303, Some(&*format!("{DESK}/eligibility?saved=1"))));
        let (_, page) = ngo.page(&format!("{DESK}/eligibility?lang=en")).await;
        assert!(page.contains("Not every criterion is met yet."), "funding is not met");
        answers.retain(|(name, value)| !(*name == "funding" && *value == "no"));
        ngo.post_page(&format!("{DESK}/eligibility"), &answers).await;
        let (_, page) = ngo.page(&format!("{DESK}/eligibility?lang=en")).await;
        assert!(page.contains("Every criterion is met: the organisation can apply."), "{page}");
        assert!(
            page.contains(
                "<strong>Met</strong>: Registered for at least two years: registered on 10 March 2015, \
                 two years complete on 10 March 2017"
            ),
            "which date is which, in words:\n{page}"
        );
        let (_, russian) = ngo.page(&format!("{DESK}/eligibility?lang=ru")).await;
        assert!(
            russian.contains("дата регистрации 10 марта 2015 г., два года исполняются 10 марта 2017 г."),
            "{russian}"
        );
        // Registered a year ago: the two years are not yet complete, which is not a failure.
        let a_year_ago = (time::OffsetDateTime::now_utc().date() - time::Duration::days(365)).to_string();
        let young: Vec<(&str, &str)> = answers
            .iter()
            .map(|&(name, value)| if name == "registered_on" { (name, a_year_ago.as_str()) } else { (name, value) })
            .collect();
        ngo.post_page(&format!("{DESK}/eligibility"), &young).await;
        let (_, page) = ngo.page(&format!("{DESK}/eligibility?lang=en")).await;
        assert!(page.contains("<strong>Not yet met</strong>: Registered for at least two years"), "{page}");
        ngo.post_page(&format!("{DESK}/eligibility"), &answers).await;
        let (_, page) = ngo.page(&format!("{DESK}/eligibility?lang=en")).await;
        assert!(page.contains(&format!("<time datetime=\"{day}\">")), "earliest day: today");
        assert!(page.contains(&format!("{deadline_year}-06-01")), "the 1 June deadline");
        assert!(page.contains(&format!("Regular session {} (January–February)", deadline_year + 1)));

        // The dossier: a part written, documents uploaded and checked, the whole printable.
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(page.contains("value=\"0\">0 / 13</meter>"), "nothing done yet");
        assert!(page.contains(&format!("<time datetime=\"{deadline_year}-06-01\">")), "the deadline counts down");
        // The whole questionnaire is one form: saving keeps every part typed, and a refused or late save shows
        // everything typed again.
        let questionnaire = |version: &str, mission: &str, funding: &str| {
            [
                ("version", version.to_string()),
                ("language", "en".into()),
                ("mission", mission.into()),
                ("funding", funding.into()),
            ]
        };
        let mission = "Young people planting trees across the steppe.";
        let read_at = dossier_version(&ngo).await;
        let fields = questionnaire(&read_at, mission, "Membership fees and a municipal grant.");
        assert_eq!(post_fields(&ngo, &format!("{DESK}/dossier"), &fields).await.0, 303);
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(page.contains(mission) && page.contains("Membership fees and a municipal grant."), "both parts kept");
        // Each part says what it asks for and its limit, with the words it has (no script needed).
        assert!(
            page.contains("The organisation&#39;s aims and purposes") && page.contains("Up to 500 words; 7 now."),
            "{page}"
        );
        let version = dossier_version(&ngo).await;
        let wordy = "word ".repeat(501);
        let (status, page) =
            post_fields(&ngo, &format!("{DESK}/dossier?lang=en"), &questionnaire(&version, &wordy, "Fees.")).await;
        assert_eq!(status, 400);
        assert!(page.contains("501 words: the part takes up to 500."), "{page}");
        let version = dossier_version(&ngo).await;
        let long = "x".repeat(8001);
        let fields = questionnaire(&version, &long, "Funding typed beside too long a mission.");
        let (status, page) = post_fields(&ngo, &format!("{DESK}/dossier?lang=en"), &fields).await;
        assert_eq!(status, 400);
        assert!(page.contains("id=\"part-mission-error\"") && page.contains("aria-invalid=\"true\""), "{page}");
        assert!(
            page.contains("Funding typed beside too long a mission.") && page.contains(&long),
            "nothing typed is lost"
        );
        let fields = questionnaire(&read_at, mission, "Funding typed on a page opened before the last save.");
        let (status, page) = post_fields(&ngo, &format!("{DESK}/dossier?lang=en"), &fields).await;
        assert_eq!(status, 409, "a save from an older version is caught");
        assert!(page.contains("Someone else saved the dossier") && page.contains("opened before the last save"));
        assert!(page.contains(&format!("name=\"version\" value=\"{version}\"")), "saving again saves over it");
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(page.contains("Membership fees and a municipal grant."), "the late save changed nothing");
        assert_eq!(ngo.post(&format!("{DESK}/dossier"), &[("mission", "no version")]).await.status(), 400);
        let fields = [("version", version.as_str()), ("language", "de")];
        let (status, page, _) = ngo.post_page(&format!("{DESK}/dossier?lang=en"), &fields).await;
        assert_eq!(status, 400);
        assert!(page.contains("id=\"language-error\""));
        let (status, page) = upload(&ngo, "constitution", "script.html", b"<html><script>alert(1)</script>").await;
        assert_eq!(status, 400);
        assert!(page.contains("Only PDF, Word, OpenDocument, PNG or JPEG files are accepted."), "{page}");
        let (status, page) = upload(&ngo, "constitution", "empty.pdf", b"").await;
        assert_eq!(status, 400);
        assert!(page.contains("Choose a file to upload."));
        let pdf = b"%PDF-1.4\n% Green Steppe constitution\n%%EOF\n";
        assert_eq!(upload(&ngo, "constitution", "Устав.pdf", pdf).await.0, 303);
        assert_eq!(upload(&stranger, "constitution", "x.pdf", pdf).await.0, 403);
        // Far beyond the 64 KiB of forms: documents have their own limit.
        let mut report = b"%PDF-1.4\n".to_vec();
        report.resize(300 * 1024, b'.');
        assert_eq!(upload(&ngo, "annual_report", "annual-report.pdf", &report).await.0, 303);
        let too_large = ngo
            .client
            .post(format!("{}{DESK}/documents", ngo.base))
            .header("origin", &ngo.base)
            .header("content-type", "multipart/form-data; boundary=x")
            .body(vec![b'%'; 21 * 1024 * 1024])
            .send()
            .await;
        // The server answers 413 before reading the rest, and may close the connection while it is sent.
        assert!(too_large.is_err() || too_large.is_ok_and(|r| r.status() == 413));
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(page.contains("value=\"4\">4 / 13</meter>"), "two parts and two documents");
        let link = page.split(&format!("href=\"{DESK}/documents/")).nth(1).expect("a document link");
        let id = link.split('"').next().unwrap();
        let document = ngo.get(&format!("{DESK}/documents/{id}")).await;
        assert_eq!(document.status(), 200);
        assert_eq!(document.headers()["content-type"], "application/pdf");
        assert_eq!(document.bytes().await.unwrap().as_ref(), pdf);
        assert_eq!(stranger.get(&format!("{DESK}/documents/{id}")).await.status(), 403);
        let (status, print) = ngo.page(&format!("{DESK}/dossier/print?lang=en")).await;
        assert_eq!(status, 200);
        assert!(print.contains("class=\"dossier-part\"") && print.contains("Young people planting trees"));
        let printed_on = format!("printed on {}", day_in_words(time::OffsetDateTime::now_utc().date()));
        assert!(print.contains(&printed_on) && print.contains("<h2>The organisation</h2>"), "{print}");
        assert!(print.contains("Устав.pdf") && print.contains("missing"));

        // Tracking: submitted, then questions, which are answered.
        let step = |fields: Vec<(&'static str, String)>| {
            let ngo = &ngo;
            async move {
                let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
                ngo.post_page(&format!("{DESK}/steps?lang=en"), &fields).await
            }
        };
        let (status, page, _) = step(vec![("step", "granted".into()), ("on_date", day.clone())]).await;
        assert_eq!(status, 400, "nothing is granted before it is submitted");
        assert!(page.contains("aria-invalid=\"true\""));
        assert_eq!(step(vec![("step", "submitted".into()), ("on_date", day.clone())]).await.0, 303);
        let session = format!("{}-regular", deadline_year + 1);
        let (status, page, _) =
            step(vec![("step", "questions".into()), ("on_date", day.clone()), ("session", session.clone())]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Write the question received."));
        let question = vec![
            ("step", "questions".into()),
            ("on_date", day.clone()),
            ("session", session.clone()),
            ("note", "How much of your funding comes from the government?".into()),
        ];
        assert_eq!(step(question).await.0, 303);
        let (_, page) = ngo.page(&format!("{DESK}?lang=en")).await;
        assert!(page.contains("Current stage: <strong>Questions received</strong>"), "{page}");
        assert!(page.contains("How much of your funding comes from the government?"));
        let id = question_ids(&page).into_iter().next().expect("an answer form");
        let answer = format!("{DESK}/questions/{id}?lang=en");
        let (status, page, _) = ngo.post_page(&answer, &[("answer", ""), ("answer_sent_on", &day)]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Write the answer before marking it sent."));
        let fields = [("answer", "A tenth, declared in our accounts."), ("answer_sent_on", day.as_str())];
        assert_eq!(ngo.post(&answer, &fields).await.status(), 303);
        assert_eq!(stranger.post(&answer, &fields).await.status(), 403);
        assert_eq!(ngo.post(&format!("{DESK}/questions/999999"), &fields).await.status(), 404);

        // Recommended, then granted: the directory shows the status and the report falls due.
        let recommended =
            vec![("step", "recommended".into()), ("on_date", day.clone()), ("category", "special".into())];
        assert_eq!(step(recommended).await.0, 303);
        let granted = vec![("step", "granted".into()), ("on_date", day.clone()), ("category", "special".into())];
        assert_eq!(step(granted).await.0, 303);
        let (_, page) = ngo.page(&format!("{DESK}?lang=en")).await;
        assert!(page.contains("Current stage: <strong>Granted by ECOSOC</strong>"));
        let period = format!("{}–{}", today.year() + 1, today.year() + 4);
        assert!(
            page.contains(&format!("The quadrennial report for {period} is due on {}-06-01", today.year() + 5)),
            "{page}"
        );
        assert!(page.contains("A tenth, declared in our accounts."));
        for action in ["Eligibility answers saved", "Step recorded", "Answer sent"] {
            assert!(page.contains(action), "history shows {action}");
        }
        let (_, dossier) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        for action in ["Dossier edited", "Document uploaded"] {
            assert!(dossier.contains(action), "the dossier's history shows {action}");
            assert!(!page.contains(action), "the desk's history, which coordinators read, does not show {action}");
        }
        let (_, profile) = ngo.page("/organizations/green-steppe-youth-initiative?lang=en").await;
        assert!(profile.contains("Special consultative status"));

        // A change of name the Committee took note of renames the organisation in the directory.
        let (status, page, _) = step(vec![("step", "name_changed".into()), ("on_date", day.clone())]).await;
        assert_eq!(status, 400);
        assert!(page.contains("Write the new name the Committee took note of."), "{page}");
        let renamed = vec![
            ("step", "name_changed".into()),
            ("on_date", day.clone()),
            ("new_name", "Green Steppe Network".into()),
        ];
        assert_eq!(step(renamed).await.0, 303);
        let (_, profile) = ngo.page("/organizations/green-steppe-youth-initiative?lang=en").await;
        assert!(profile.contains("<h1>Green Steppe Network"), "{profile}");
        let (_, history) = ngo.page("/organizations/green-steppe-youth-initiative/history?lang=en").await;
        assert!(history.contains("Renamed after the Committee took note of the change"), "{history}");
        // Machine-readable moments are valid HTML: "2026-11-30T11:03:45Z", not the stored "… 11:03:45 UTC".
        let moments: Vec<&str> =
            history.split("<time datetime=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
        assert!(!moments.is_empty(), "{history}");
        for moment in moments {
            assert!(moment.len() == 20 && &moment[10..11] == "T" && moment.ends_with('Z'), "datetime=\"{moment}\"");
        }
        for query in ["q=Green+Steppe+Network", "q=Green+Steppe+Youth+Initiative"] {
            let started = std::time::Instant::now();
            while !support::slugs(&server.search(query).await).contains(&"green-steppe-youth-initiative".to_string()) {
                assert!(started.elapsed() < Duration::from_secs(10), "{query} finds the renamed organisation");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }

        // Representatives: the head of the organisation is approved before anyone else has a pass.
        let representatives = format!("{DESK}/representatives?lang=en");
        let additional = [("station", "geneva"), ("role", "additional"), ("name", "Rashad"), ("born_on", "1990-04-04")];
        let (status, page, _) = ngo.post_page(&representatives, &additional).await;
        assert_eq!(status, 400);
        assert!(page.contains("must be approved at this station before any other pass"), "{page}");
        let young = [("station", "geneva"), ("role", "president"), ("name", "Aygun"), ("born_on", &day)];
        let (status, page, _) = ngo.post_page(&representatives, &young).await;
        assert_eq!(status, 400);
        assert!(page.contains("at least 18 years old"));
        let president = [("station", "geneva"), ("role", "president"), ("name", "Aygun"), ("born_on", "1980-02-29")];
        assert_eq!(ngo.post(&representatives, &president).await.status(), 303);
        let (_, page) = ngo.page(&representatives).await;
        let approve = page.split("action=\"").find(|a| a.contains("/approve")).unwrap().split('"').next().unwrap();
        assert_eq!(stranger.post(approve, &[]).await.status(), 403);
        assert_eq!(ngo.post(approve, &[]).await.status(), 303);
        assert_eq!(ngo.post(&representatives, &additional).await.status(), 303);
        let (_, page) = ngo.page(&representatives).await;
        assert!(page.contains("Geneva (2 / 7)") && page.contains("Rashad"));

        // The network's board counts it once the coordinator has taken it in; the calendar is public.
        let join = [("network", "un-ngo-irene-azerbaijan"), ("message", "Hello")];
        assert_eq!(ngo.post("/organizations/green-steppe-youth-initiative/join", &join).await.status(), 200);
        let (_, queue) = admin.page("/requests?lang=en").await;
        let request = queue.split("action=\"/requests/").nth(1).and_then(|s| s.split('/').next()).expect("queued");
        assert_eq!(admin.post(&format!("/requests/{request}/approve"), &[]).await.status(), 303);
        let board = "/networks/un-ngo-irene-azerbaijan/ecosoc";
        assert_eq!(ngo.get(board).await.status(), 403, "a member is no coordinator");
        let (status, page) = admin.page(&format!("{board}?lang=en")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Green Steppe Network") && page.contains("Holds status"), "{page}");
        assert!(page.contains("Special consultative status: 1"));
        let (status, page) = Browser::new(&server).page("/ecosoc/calendar?lang=en").await;
        assert_eq!(status, 200);
        assert!(page.contains("Deadline for complete applications"));
        let (status, days) = server.json("/api/v1/ecosoc/calendar?lang=ru").await;
        assert_eq!(status, 200);
        let deadline = days.as_array().unwrap().iter().find(|day| day["kind"] == "application_deadline").unwrap();
        assert!(deadline["from"].as_str().unwrap().ends_with("-06-01"), "{deadline}");
        assert!(deadline["to"].is_null());
        let session = days.as_array().unwrap().iter().find(|day| day["kind"] == "session").unwrap();
        assert!(session["to"].as_str().unwrap() > session["from"].as_str().unwrap(), "{session}");
        assert!(!deadline["what"].as_str().unwrap().is_ascii(), "worded in Russian: {deadline}");
        let (status, error) = server.json("/api/v1/ecosoc/calendar?lang=fr").await;
        assert_eq!(status, 400);
        assert_eq!(error["error"]["parameter"], "lang", "{error}");

        // An instance reminding ten years ahead mails the editor at once.
        server.stop();
        let before = sink.messages().len();
        let args = ["--smtp-url", sink.url.as_str(), "--ecosoc-reminder-days", "3650,30"];
        let _server =
            Server::start(&database.data_dir.path().join("instance"), Some(&database.shared_url()), &args).await;
        let mails = sink.wait_for(before + 1, Duration::from_secs(20)).await;
        let reminder = mails[before..]
            .iter()
            .find(|m| m.to.iter().any(|t| t.contains("aygun@greensteppe.example")))
            .expect("the editor is reminded");
        assert!(reminder.subject.contains("Quadrennial report due on"), "{}", reminder.subject);
        assert!(reminder.text.contains("suspended for one year"), "{}", reminder.text);
    }
}

/// The review checkbox of the line naming `name`.
fn review_box(page: &str, name: &str) -> String {
    let chunk = page.split("name=\"row-").skip(1).find(|chunk| chunk.split("</label>").next().unwrap().contains(name));
    format!("row-{}", chunk.expect(name).split('"').next().unwrap())
}

#[tokio::test]
async fn administrators_import_the_status_list_after_reviewing_uncertain_matches() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = sign_in_admin(&server, &database).await;
        let stranger = sign_up(&server, &sink, "stranger@elsewhere.example").await;
        assert_eq!(stranger.get("/ecosoc/import").await.status(), 403, "{}", backend.name());
        let list = "name,country,category,year granted\n".to_string()
            + "Фонд помощи молодежи,Azerbaijan,special,2003\n"
            + "Children Humanitarian Foundation Buta,AZ,roster,2010\n"
            + "ECORES,Georgia,special,2012\n"
            + "Society of Nowhere,AZ,general,2015\n";
        assert_eq!(post_file(&stranger, "/ecosoc/import", &[], ("file", "list.csv"), list.as_bytes()).await.0, 403);

        let broken = "name,category,year\nA,consultative,2003\n";
        let (status, page) =
            post_file(&admin, "/ecosoc/import?lang=en", &[], ("file", "list.csv"), broken.as_bytes()).await;
        assert_eq!(status, 400);
        assert!(page.contains("Line 2: the category must be general, special or roster."), "{page}");
        // A NUL character is named by its line, not stored (PostgreSQL refuses it in text).
        let nul = "name,category,year\nFoundation\0Buta,special,2003\n";
        let (status, page) =
            post_file(&admin, "/ecosoc/import?lang=en", &[], ("file", "list.csv"), nul.as_bytes()).await;
        assert_eq!(status, 400, "{}", backend.name());
        assert!(page.contains("Line 2 holds a NUL character"), "{page}");

        let (status, review) = post_file(&admin, "/ecosoc/import", &[], ("file", "list.csv"), list.as_bytes()).await;
        assert_eq!(status, 303, "{review}");
        let (status, page) = admin.page(&format!("{review}?lang=en")).await;
        assert_eq!(status, 200);
        let uncertain = page.split("Certain matches").next().unwrap();
        assert!(uncertain.contains("Children Humanitarian Foundation Buta") && uncertain.contains("ECORES"), "{page}");
        assert!(page.contains("Not in the directory (1)") && page.contains("Society of Nowhere"));
        let (_, profile) = admin.page("/organizations/fay?lang=en").await;
        assert!(!profile.contains("Special consultative status"), "nothing is written before the review");

        // The certain match and one uncertain match accepted, the other left out.
        let fields = [(review_box(&page, "Фонд помощи молодежи"), "on"), (review_box(&page, "Foundation Buta"), "on")];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        assert_eq!(stranger.post(&review, &fields).await.status(), 403);
        assert_eq!(admin.post(&review, &fields).await.status(), 303);
        assert_eq!(admin.post(&review, &fields).await.status(), 409, "a list is written once");
        let (_, profile) = admin.page("/organizations/fay?lang=en").await;
        assert!(profile.contains("Special consultative status"));
        let (_, profile) = admin.page("/organizations/buta-children-humanitarian-foundation?lang=en").await;
        assert!(profile.contains("Roster status"));
        let (_, profile) = admin.page("/organizations/ecores?lang=en").await;
        assert!(!profile.contains("Special consultative status"), "the uncertain match left out is not written");

        // Status from the list comes without its reports: their history is unknown, which is not lateness.
        let desk = "/organizations/fay/ecosoc";
        let board = "/networks/un-ngo-irene-caspian/ecosoc?lang=en";
        let late = |page: &str| {
            page.split("Late with a quadrennial report").nth(1).unwrap().split("<h2").next().unwrap().to_string()
        };
        let (_, page) = admin.page(&format!("{desk}?lang=en")).await;
        assert!(page.contains("Report history unknown — record the last report filed."), "{page}");
        assert!(!page.contains("role=\"alert\""));
        let (_, page) = admin.page(board).await;
        assert!(!late(&page).contains("/organizations/fay/ecosoc"), "{page}");
        assert!(page.contains("Report history unknown"));
        let this_year = OffsetDateTime::now_utc().year();
        let (status, page, _) =
            admin.post_page(&format!("{desk}/last-report?lang=en"), &[("last_report_year", "1999")]).await;
        assert_eq!(status, 400);
        assert!(
            page.contains(&format!("Give a year from 2003 to {this_year}.")) && page.contains("aria-invalid=\"true\"")
        );
        assert_eq!(stranger.post(&format!("{desk}/last-report"), &[("last_report_year", "2016")]).await.status(), 403);
        // Granted in 2003, reports due 2008, 2012, …: the last in 2016 leaves the one due 2020 missing.
        assert_eq!(admin.post(&format!("{desk}/last-report"), &[("last_report_year", "2016")]).await.status(), 303);
        let (_, page) = admin.page(board).await;
        assert!(
            late(&page).contains("/organizations/fay/ecosoc") && page.contains("withdrawn on 2021-06-02"),
            "{page}"
        );
        let last = 2008 + (this_year - 2008) / 4 * 4;
        let fields = [("last_report_year", last.to_string())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
        assert_eq!(admin.post(&format!("{desk}/last-report"), &fields).await.status(), 303);
        let (_, page) = admin.page(&format!("{desk}?lang=en")).await;
        assert!(page.contains(&format!("is due on {}-06-01", last + 4)), "{page}");
        assert!(page.contains("Year of the last report recorded") && page.contains("2016 → "), "{page}");
        let (_, page) = admin.page(board).await;
        assert!(!late(&page).contains("/organizations/fay/ecosoc"));
    }
}

#[tokio::test]
async fn any_instance_serves_a_document_uploaded_through_another_and_documents_are_replaced_or_removed() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let first = Server::demo_with_mail(&database, &sink.url).await;
        let ngo = sign_up(&first, &sink, "aygun@greensteppe.example").await;
        register(&ngo).await;
        let pdf = b"%PDF-1.4\n% Green Steppe registration certificate\n%%EOF\n";
        assert_eq!(upload(&ngo, "registration", "certificate.pdf", pdf).await.0, 303, "{}", backend.name());

        // A document uploaded when the bytes were kept in the uploading instance's data folder.
        let pool = database.pool().await;
        let legacy = b"%PDF-1.4\n% the constitution, uploaded long ago\n%%EOF\n";
        let sha256: String = Sha256::digest(legacy).iter().map(|b| format!("{b:02x}")).collect();
        let organization_id: i64 =
            sqlx::query_scalar("SELECT id FROM organizations WHERE slug = 'green-steppe-youth-initiative'")
                .fetch_one(&pool)
                .await
                .unwrap();
        sqlx::query(
            "INSERT INTO ecosoc_documents (organization_id, kind, file_name, content_type, size, sha256, uploaded_at) \
             VALUES ($1, 'constitution', 'constitution.pdf', 'application/pdf', $2, $3, '2025-01-01T00:00:00Z')",
        )
        .bind(organization_id)
        .bind(legacy.len() as i64)
        .bind(&sha256)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
        let second_dir = database.data_dir.path().join("second");
        let legacy_file = second_dir.join("ecosoc").join(organization_id.to_string()).join(&sha256);
        std::fs::create_dir_all(legacy_file.parent().unwrap()).unwrap();
        std::fs::write(&legacy_file, legacy).unwrap();

        let second = Server::start(&second_dir, Some(&database.shared_url()), &[]).await;
        assert!(!legacy_file.exists(), "the instance holding the file moved it into the database");
        // Sessions are in the database too: the same browser is signed in on the second instance.
        let elsewhere = Browser { client: ngo.client.clone(), base: second.base.clone() };
        let (_, page) = elsewhere.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(page.contains("value=\"2\">2 / 13</meter>"), "{page}");
        for (server, file_name, bytes) in
            [(&elsewhere, "certificate.pdf", &pdf[..]), (&ngo, "constitution.pdf", legacy)]
        {
            let link = page.split(&format!("\">{file_name}</a>")).next().unwrap();
            let id = link.rsplit(&format!("{DESK}/documents/")).next().unwrap();
            let document = server.get(&format!("{DESK}/documents/{id}")).await;
            assert_eq!(document.status(), 200, "{file_name} on {}", server.base);
            assert_eq!(document.bytes().await.unwrap().as_ref(), bytes);
        }

        // A new certificate replaces the old one; a constitution's amendment adds up, and is removed again.
        let renewed = b"%PDF-1.4\n% the renewed certificate\n%%EOF\n";
        assert_eq!(upload(&elsewhere, "registration", "certificate-2025.pdf", renewed).await.0, 303);
        let amendment = b"%PDF-1.4\n% an amendment\n%%EOF\n";
        assert_eq!(upload(&ngo, "constitution", "amendment.pdf", amendment).await.0, 303);
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        let listed = page.split("aria-labelledby=\"history\"").next().unwrap();
        assert!(listed.contains("certificate-2025.pdf") && !listed.contains("certificate.pdf"), "{page}");
        assert!(page.contains("constitution.pdf") && page.contains("amendment.pdf"));
        assert!(page.contains("value=\"2\">2 / 13</meter>"));
        let remove = |file_name: &str| {
            let form = page.split(&format!("\">{file_name}</a>")).nth(1).unwrap();
            form.split("action=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
        };
        let stranger = sign_up(&first, &sink, "stranger@elsewhere.example").await;
        for file_name in ["constitution.pdf", "amendment.pdf"] {
            assert_eq!(stranger.post(&remove(file_name), &[]).await.status(), 403);
            assert_eq!(elsewhere.post(&remove(file_name), &[]).await.status(), 303);
        }
        assert_eq!(ngo.post(&remove("amendment.pdf"), &[]).await.status(), 404, "removed already");
        assert_eq!(ngo.post(&format!("{DESK}/documents/x/delete"), &[]).await.status(), 404);
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        let listed = page.split("aria-labelledby=\"history\"").next().unwrap();
        assert!(!listed.contains("constitution.pdf") && page.contains("value=\"1\">1 / 13</meter>"), "{page}");
        assert!(page.contains("Document removed") && page.contains("certificate.pdf → certificate-2025.pdf"), "{page}");
    }
}

/// The document links of a dossier page.
fn document_links(page: &str) -> Vec<String> {
    page.split(&format!("href=\"{DESK}/documents/"))
        .skip(1)
        .map(|s| format!("{DESK}/documents/{}", s.split('"').next().unwrap()))
        .collect()
}

#[tokio::test]
async fn a_dossier_is_read_by_its_own_editors_unless_it_is_shared_with_its_networks_coordinators() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = sign_in_admin(&server, &database).await;
        // NAYORA's editor coordinates UN-NGO-IRENE/Azerbaijan, which takes Green Steppe in.
        let coordinator = sign_up(&server, &sink, "fuad@nayora.example").await;
        coordinator.post("/organizations/nayora/claim", &[("message", "Chairperson")]).await;
        for id in queued_requests(&admin).await {
            assert_eq!(admin.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
        }
        let ngo = sign_up(&server, &sink, "aygun@greensteppe.example").await;
        register(&ngo).await;
        let join = [("network", "un-ngo-irene-azerbaijan"), ("message", "Hello")];
        assert_eq!(ngo.post("/organizations/green-steppe-youth-initiative/join", &join).await.status(), 200);
        for id in queued_requests(&coordinator).await {
            assert_eq!(coordinator.post(&format!("/requests/{id}/approve"), &[]).await.status(), 303);
        }
        let pdf = b"%PDF-1.4\n% our audited accounts\n%%EOF\n";
        assert_eq!(upload(&ngo, "financial_statement", "accounts.pdf", pdf).await.0, 303);
        let version = dossier_version(&ngo).await;
        let mission = [("version", version), ("language", "en".into()), ("mission", "Our confidential plans.".into())];
        assert_eq!(post_fields(&ngo, &format!("{DESK}/dossier"), &mission).await.0, 303);
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        let document = document_links(&page).pop().expect("the document's link");

        // Kept to itself: neither the coordinator nor an administrator reads it, nor its history on the desk.
        for (reader, who) in [(&coordinator, "the coordinator"), (&admin, "an administrator")] {
            assert_eq!(reader.get(&format!("{DESK}/dossier")).await.status(), 403, "{name}: {who}");
            assert_eq!(reader.get(&format!("{DESK}/dossier/print")).await.status(), 403, "{name}: {who}");
            assert_eq!(reader.get(&document).await.status(), 403, "{name}: {who} downloads");
            let (status, desk) = reader.page(&format!("{DESK}?lang=en")).await;
            assert_eq!(status, 200, "{who} still helps with the desk");
            assert!(!desk.contains("accounts.pdf") && !desk.contains("confidential"), "{name}: {who}: {desk}");
        }

        // Shared: the coordinators and administrators read it, and only its editors write it.
        let version = dossier_version(&ngo).await;
        let shared = [
            ("version", version),
            ("language", "en".into()),
            ("mission", "Our confidential plans.".into()),
            ("shared", "1".into()),
        ];
        assert_eq!(post_fields(&ngo, &format!("{DESK}/dossier"), &shared).await.0, 303);
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(
            page.contains("Shared with the networks&#39; coordinators: No → Yes"),
            "{name}: the choice is audited: {page}"
        );
        assert!(page.contains("id=\"shared\" name=\"shared\" value=\"1\" aria-describedby=\"shared-hint\" checked"));
        for (reader, who) in [(&coordinator, "the coordinator"), (&admin, "an administrator")] {
            let (status, print) = reader.page(&format!("{DESK}/dossier/print?lang=en")).await;
            assert_eq!(status, 200, "{name}: {who}");
            assert!(print.contains("Our confidential plans.") && print.contains("accounts.pdf"));
            let response = reader.get(&document).await;
            assert_eq!(response.status(), 200, "{name}: {who} downloads");
            assert_eq!(response.bytes().await.unwrap().as_ref(), pdf);
            assert_eq!(reader.get(&format!("{DESK}/dossier")).await.status(), 403, "{name}: {who} does not write it");
            assert_eq!(upload(reader, "annual_report", "report.pdf", pdf).await.0, 403, "{name}: {who}");
            assert_eq!(reader.post(&format!("{document}/delete"), &[]).await.status(), 403, "{name}: {who}");
        }
        let stranger = sign_up(&server, &sink, "stranger@elsewhere.example").await;
        assert_eq!(stranger.get(&document).await.status(), 403, "{name}: shared with coordinators, not everyone");

        // Taken back: closed again.
        let version = dossier_version(&ngo).await;
        let private = [("version", version), ("language", "en".into())];
        assert_eq!(post_fields(&ngo, &format!("{DESK}/dossier"), &private).await.0, 303);
        assert_eq!(coordinator.get(&document).await.status(), 403, "{name}");
        assert_eq!(admin.get(&format!("{DESK}/dossier/print")).await.status(), 403, "{name}");
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(page.contains("Our confidential plans."), "{name}: a part left out of a save keeps what it says");
    }
}

#[tokio::test]
async fn an_organisations_documents_stay_within_its_quota_even_when_uploaded_in_parallel() {
    let sink = SmtpSink::start();
    for backend in backends() {
        let name = backend.name();
        let database = TestDatabase::new(&backend).await;
        let args = ["--demo", "--smtp-url", sink.url.as_str(), "--ecosoc-document-quota-mb", "1"];
        let server =
            Server::start(&database.data_dir.path().join("instance"), Some(&database.shared_url()), &args).await;
        let ngo = sign_up(&server, &sink, "aygun@greensteppe.example").await;
        register(&ngo).await;
        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(page.contains("The documents take 0.0 MB of the 1.0 MB this organisation may store."), "{page}");

        // Six publications of 300 KiB at once: three fit in the mebibyte, whatever their order.
        let mut publication = b"%PDF-1.4\n".to_vec();
        publication.resize(300 * 1024, b'.');
        let uploads = (0..6).map(|n| {
            let mut bytes = publication.clone();
            bytes.extend_from_slice(format!("{n}").as_bytes());
            let ngo = &ngo;
            async move { upload(ngo, "publications", &format!("publication-{n}.pdf"), &bytes).await }
        });
        let answers = futures_util::future::join_all(uploads).await;
        let taken = answers.iter().filter(|(status, _)| *status == 303).count();
        assert_eq!(taken, 3, "{name}: {:?}", answers.iter().map(|(status, _)| status).collect::<Vec<_>>());
        let refused = answers.iter().find(|(status, _)| *status == 400).expect("a refused upload");
        assert!(refused.1.contains("This file does not fit"), "{name}: {}", refused.1);

        let (_, page) = ngo.page(&format!("{DESK}/dossier?lang=en")).await;
        assert!(page.contains("The documents take 0.9 MB of the 1.0 MB"), "{name}: {page}");
        let mut statement = b"%PDF-1.4\n".to_vec();
        statement.resize(200 * 1024, b'.');
        let (status, page) = upload(&ngo, "financial_statement", "accounts.pdf", &statement).await;
        assert_eq!(status, 400, "{name}");
        assert!(
            page.contains("may take 1.0 MB together and take 0.9 MB already")
                && page.contains("aria-invalid=\"true\"")
                && page.contains("id=\"file-error\""),
            "{name}: {page}"
        );
        // Room made by removing a publication takes the statement.
        let (_, page) = ngo.page(&format!("{DESK}/dossier")).await;
        let first = document_links(&page).into_iter().next().unwrap();
        assert_eq!(ngo.post(&format!("{first}/delete"), &[]).await.status(), 303);
        assert_eq!(upload(&ngo, "financial_statement", "accounts.pdf", &statement).await.0, 303, "{name}");
    }
}

/// A day as the English pages write it.
fn day_in_words(day: time::Date) -> String {
    format!("{} {} {}", day.day(), day.month(), day.year())
}
