//! The newsletter through HTTP on SQLite and PostgreSQL, with mail going to a
//! real SMTP server on loopback: double opt-in, campaigns per language, the
//! one-click unsubscription, bounces, and sends that survive a killed
//! instance and share the work between instances.

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use support::smtp::{ReceivedMail, SmtpSink};
use support::{Backend, Browser, Server, TestDatabase, backends, link_in, sign_in_admin};

const NETWORK: &str = "un-ngo-irene-azerbaijan";

async fn start(database: &TestDatabase, sink: &SmtpSink, extra: &[&str]) -> Server {
    let mut args = vec!["--demo", "--smtp-url", &sink.url, "--newsletter-retry-seconds", "1"];
    args.extend_from_slice(extra);
    Server::start(&database.data_dir.path().join("instance"), Some(&database.shared_url()), &args).await
}

fn mails_to<'a>(mails: &'a [ReceivedMail], address: &str) -> Vec<&'a ReceivedMail> {
    mails.iter().filter(|mail| mail.to.iter().any(|to| to.eq_ignore_ascii_case(address))).collect()
}

/// Subscribes through the network's page, follows the confirmation link and
/// returns the link to manage the address's subscriptions.
async fn subscribe(server: &Server, sink: &SmtpSink, email: &str, lang: &str) -> String {
    let visitor = Browser::new(server);
    let before = sink.messages().len();
    let fields = [("email", email), ("lang", lang), ("country", "AZ"), ("consent", "yes")];
    let (status, page, _) = visitor.post_page(&format!("/networks/{NETWORK}/newsletter?lang=en"), &fields).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("a message with a confirmation link is on its way"), "{page}");
    let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
    let mail = *mails_to(&mails, email).last().expect("a confirmation mail");
    let link = link_in(&mail.text, &format!("{}/newsletter/confirm?token=", server.base)).expect("confirmation link");
    let (status, form) = visitor.page(&link[server.base.len()..]).await;
    assert_eq!(status, 200);
    let token = form.split("name=\"token\" value=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("token");
    let (status, page, _) = visitor.post_page("/newsletter/confirm?lang=en", &[("token", token)]).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Your subscription is confirmed"), "{page}");
    assert!(page.contains("<h1>Subscription confirmed</h1>"), "no longer asks to confirm:\n{page}");
    assert!(!page.contains(&format!(">{}/newsletter/manage/", server.base)), "the link is a link, not text:\n{page}");
    let manage = page.split("<a href=\"").find(|rest| rest.starts_with(&format!("{}/newsletter/manage/", server.base)));
    manage.and_then(|rest| rest.split('"').next()).expect("manage link").to_string()
}

/// Unsubscribes the way RFC 8058 has a mail program do it: a POST of
/// `List-Unsubscribe=One-Click` with no page and no cookie. Returns the status.
async fn one_click(unsubscribe: &str) -> u16 {
    let response = reqwest::Client::new()
        .post(unsubscribe)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

/// Saves a campaign and returns its page's path.
async fn compose(coordinator: &Browser, fields: &[(&str, &str)]) -> String {
    let (status, page, location) =
        coordinator.post_page(&format!("/networks/{NETWORK}/newsletter/campaigns/new?lang=en"), fields).await;
    assert_eq!(status, 303, "{page}");
    location.expect("the campaign's page")
}

/// Waits until the campaign's page says it is sent.
async fn wait_sent(coordinator: &Browser, campaign: &str, timeout: Duration) -> String {
    let started = Instant::now();
    loop {
        let (status, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
        assert_eq!(status, 200, "{page}");
        if page.contains("<dd>Sent") {
            return page;
        }
        assert!(started.elapsed() < timeout, "the campaign was not sent within {timeout:?}:\n{page}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn subscribers_confirm_receive_their_language_and_leave_in_one_click() {
    for backend in backends() {
        subscription_journey(&backend).await;
    }
}

async fn subscription_journey(backend: &Backend) {
    let sink = SmtpSink::start();
    let database = TestDatabase::new(backend).await;
    let server = start(&database, &sink, &[]).await;
    let coordinator = sign_in_admin(&server, &database).await;

    // The network page leads to the newsletter, whose form keeps what was typed.
    let (_, network) = server.text(&format!("/networks/{NETWORK}?lang=en")).await;
    assert!(network.contains(&format!("href=\"/networks/{NETWORK}/newsletter\"")), "{}", backend.name());
    assert!(network.contains(&format!("<form method=\"post\" action=\"/networks/{NETWORK}/newsletter\"")), "{network}");
    let visitor = Browser::new(&server);
    let fields = [("email", "not an address"), ("lang", "ru"), ("country", "AZ")];
    let (status, page, _) = visitor.post_page(&format!("/networks/{NETWORK}/newsletter?lang=en"), &fields).await;
    assert_eq!(status, 400);
    assert!(page.contains("value=\"not an address\"") && page.contains("Tick the box to agree"), "{page}");

    let ru_manage = subscribe(&server, &sink, "rustam@example.org", "ru").await;
    let az_manage = subscribe(&server, &sink, "aysel@example.org", "az").await;
    // A second request while the first confirmation is pending mails nothing: no mail bombs.
    let visitor = Browser::new(&server);
    let fields = [("email", "pending@example.org"), ("lang", "en"), ("consent", "yes")];
    for _ in 0..3 {
        let (status, _, _) = visitor.post_page(&format!("/networks/{NETWORK}/newsletter"), &fields).await;
        assert_eq!(status, 200);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(mails_to(&sink.messages(), "pending@example.org").len(), 1, "one pending confirmation at a time");
    // An address can be asked for five times a day, from anywhere.
    for _ in 0..2 {
        let (status, _, _) = visitor.post_page(&format!("/networks/{NETWORK}/newsletter"), &fields).await;
        assert_eq!(status, 200);
    }
    let (status, _, _) = Browser::new(&server).post_page(&format!("/networks/{NETWORK}/newsletter"), &fields).await;
    assert_eq!(status, 429);

    // The consent is on record as it was worded.
    let pool = database.pool().await;
    let consents: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.event, c.source, c.wording FROM newsletter_consents c \
         JOIN newsletter_subscriptions s ON s.id = c.subscription_id WHERE s.email = 'rustam@example.org' ORDER BY c.id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(consents.len(), 2, "{consents:?}");
    assert_eq!((consents[0].0.as_str(), consents[0].1.as_str()), ("requested", "network-page"));
    assert!(consents[0].2.starts_with("I agree to receive the newsletter of"), "{consents:?}");
    assert_eq!(consents[1].0, "confirmed");

    // An organisation's editor subscribes its address from the organisation's editor.
    let (status, page) = coordinator.page("/organizations/nayora/newsletter?lang=en").await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("action=\"/networks/{NETWORK}/newsletter\"")), "{page}");
    let fields =
        [("email", "office@nayora.example"), ("lang", "az"), ("consent", "yes"), ("source", "organization-editor")];
    assert_eq!(coordinator.post(&format!("/networks/{NETWORK}/newsletter"), &fields).await.status(), 200);
    let source: String = sqlx::query_scalar(
        "SELECT c.source FROM newsletter_consents c JOIN newsletter_subscriptions s ON s.id = c.subscription_id \
         WHERE s.email = 'office@nayora.example'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(source, "organization-editor");
    let (status, _) = visitor.page("/organizations/nayora/newsletter").await;
    assert_eq!(status, 303, "only its editors");

    // Nobody but the network's writers composes.
    let (status, _) = visitor.page(&format!("/networks/{NETWORK}/newsletter/campaigns")).await;
    assert_eq!(status, 303);

    // A draft missing its main language's text is shown again with the message.
    let (status, page, _) = coordinator
        .post_page(
            &format!("/networks/{NETWORK}/newsletter/campaigns/new?lang=en"),
            &[("main_lang", "en"), ("subject_ru", "Новости"), ("body_ru", "Текст")],
        )
        .await;
    assert_eq!(status, 400);
    assert!(page.contains("The main language needs its version.") && page.contains("Новости"), "{page}");

    // The coordinator makes Russian the newsletter's default: new issues start from it.
    let (status, _, location) =
        coordinator.post_page(&format!("/networks/{NETWORK}/newsletter/settings"), &[("default_lang", "ru")]).await;
    assert_eq!(
        (status, location.as_deref()),
        (303, Some(format!("/networks/{NETWORK}/newsletter/campaigns").as_str()))
    );
    let (_, form) = coordinator.page(&format!("/networks/{NETWORK}/newsletter/campaigns/new?lang=en")).await;
    let main_lang = form.split("id=\"main_lang\"").nth(1).unwrap().split("</select>").next().unwrap();
    assert!(main_lang.contains("<option value=\"ru\" selected>"), "{main_lang}");
    let (status, _, _) =
        coordinator.post_page(&format!("/networks/{NETWORK}/newsletter/settings"), &[("default_lang", "fr")]).await;
    assert_eq!(status, 400);

    // A long campaign in Cyrillic is far over the 64 KiB other forms get.
    let long = "Длинный текст выпуска. ".repeat(800);
    let (status, page, _) = coordinator
        .post_page(
            &format!("/networks/{NETWORK}/newsletter/campaigns/new?lang=en"),
            &[("main_lang", "ru"), ("subject_ru", "Длинный выпуск"), ("body_ru", long.trim())],
        )
        .await;
    assert_eq!(status, 303, "{page}");

    let campaign = compose(
        &coordinator,
        &[
            ("main_lang", "en"),
            ("subject_en", "Network news, December"),
            ("body_en", "The **conference** is in [Baku](https://irene.example/conference)."),
            ("subject_ru", "Новости сети, декабрь"),
            ("body_ru", "**Конференция** пройдет в Баку."),
            ("lang_ru", "yes"),
            ("lang_az", "yes"),
        ],
    )
    .await;
    let (status, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
    assert_eq!(status, 200);
    assert!(page.contains("2 recipients"), "pending and other languages are not in the audience:\n{page}");
    let (status, preview) = coordinator.page(&format!("{campaign}/preview/ru")).await;
    assert_eq!(status, 200);
    assert!(preview.contains("Новости сети, декабрь") && preview.contains("<strong>Конференция</strong>"));

    // A test goes to the chosen address only, marked as a test.
    let before = sink.messages().len();
    let (status, page, _) = coordinator
        .post_page(&format!("{campaign}/test?lang=en"), &[("addresses", "editor@example.org"), ("test_lang", "ru")])
        .await;
    assert_eq!(status, 200, "{page}");
    let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
    let test_mail = mails_to(&mails, "editor@example.org")[0];
    assert_eq!(test_mail.subject, "[Тест] Новости сети, декабрь");
    // A test tells its reader it is one (not "you subscribed") and links to the preview, as the issue has no
    // web version yet.
    assert!(
        test_mail.text.contains("пробная отправка") && !test_mail.text.contains("подписались"),
        "{}",
        test_mail.text
    );
    let preview_link = format!("{}{campaign}/preview/ru", server.base);
    assert!(test_mail.text.contains(&preview_link), "{}", test_mail.text);
    assert_eq!(coordinator.get(&preview_link[server.base.len()..]).await.status(), 200);
    let (status, page, _) = coordinator.post_page(&format!("{campaign}/test?lang=en"), &[("addresses", "x@")]).await;
    assert_eq!(status, 400);
    assert!(page.contains("“x@” is not an e-mail address."), "{page}");

    // The test send comes before "Send now", which asks once more, naming how many it goes to.
    let (_, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
    let test_at = page.find("Send a test").expect("a test send button");
    assert!(test_at < page.find(">Send now<").expect("a send button"), "the test comes first:\n{page}");
    let before = sink.messages().len();
    let (status, page, _) = coordinator.post_page(&format!("{campaign}/send?lang=en"), &[]).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Send to 2 recipients") && page.contains("name=\"confirm\" value=\"yes\""), "{page}");
    let (_, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
    assert!(page.contains(">Send now<"), "unconfirmed, the issue is still a draft:\n{page}");
    assert_eq!(sink.messages().len(), before, "nothing sent before the confirmation");
    let (status, _, _) = coordinator.post_page(&format!("{campaign}/send"), &[("confirm", "yes")]).await;
    assert_eq!(status, 303);
    let page = wait_sent(&coordinator, &campaign, Duration::from_secs(30)).await;
    assert!(page.contains("2 / 2"), "{page}");
    let mails = sink.wait_for(before + 2, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), before + 2, "nothing more than the two issues");

    let russian = mails_to(&mails, "rustam@example.org").last().copied().unwrap();
    assert_eq!(russian.subject, "Новости сети, декабрь");
    assert!(russian.text.contains("Конференция пройдет в Баку."), "{}", russian.text);
    assert!(russian.html.as_deref().unwrap().contains("<strong>Конференция</strong>"));
    assert_eq!(russian.header("List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));
    assert!(russian.header("List-Id").unwrap().starts_with(&format!("<{NETWORK}.newsletter.")));
    let unsubscribe = russian.header("List-Unsubscribe").unwrap().trim_matches(['<', '>']).to_string();
    assert!(unsubscribe.starts_with(&format!("{}/newsletter/unsubscribe/", server.base)), "{unsubscribe}");
    assert!(russian.text.contains(&unsubscribe), "the text part carries the unsubscribe link too");
    // Its page opens in the issue's language, whatever the browser asks for.
    assert!(unsubscribe.ends_with("?lang=ru"), "{unsubscribe}");
    let (status, page) = Browser::new(&server).page(&unsubscribe[server.base.len()..]).await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"ru\">"), "{page}");
    // Azerbaijani has no version: the main language's goes instead.
    let azerbaijani = mails_to(&mails, "aysel@example.org").last().copied().unwrap();
    assert_eq!(azerbaijani.subject, "Network news, December");
    assert!(azerbaijani.text.contains("Baku <https://irene.example/conference>"), "{}", azerbaijani.text);
    assert!(azerbaijani.html.as_deref().unwrap().contains("lang=\"az\""));

    // One click from the mail program: a POST with no page and no cookie.
    assert_eq!(one_click(&unsubscribe).await, 200);
    let (status, manage) = Browser::new(&server).page(&format!("{}?lang=en", &ru_manage[server.base.len()..])).await;
    assert_eq!(status, 200);
    assert!(manage.contains("Unsubscribed") && manage.contains("rustam@example.org"), "{manage}");
    // A forged management link opens nothing.
    let (status, _) = Browser::new(&server).page("/newsletter/manage/cnVzdGFtQGV4YW1wbGUub3Jn.AAAA").await;
    assert_eq!(status, 404);

    // The archive, its feed, the web version and the API are public.
    let (status, issues) = server.json(&format!("/api/v1/networks/{NETWORK}/newsletter/issues")).await;
    assert_eq!(status, 200);
    assert_eq!(issues[0]["subject"]["ru"], "Новости сети, декабрь", "{issues}");
    assert_eq!(issues[0]["main_lang"], "en");
    assert!(issues[0]["body"]["en"].as_str().unwrap().contains("**conference**"));
    let (status, _) = server.json("/api/v1/networks/no-such-network/newsletter/issues").await;
    assert_eq!(status, 404);
    let (_, archive) = server.text(&format!("/networks/{NETWORK}/newsletter?lang=ru")).await;
    assert!(archive.contains("Новости сети, декабрь"), "{archive}");
    let feed = server.get(&format!("/networks/{NETWORK}/newsletter/feed.atom?lang=en")).await;
    assert_eq!(feed.headers()["content-type"], "application/atom+xml; charset=utf-8");
    let feed = feed.text().await.unwrap();
    assert!(feed.contains("<feed") && feed.contains("<title>Network news, December</title>"), "{feed}");
    let issue = link_in(&feed, &format!("{}/networks/{NETWORK}/newsletter/issues/", server.base)).unwrap();
    let issue = issue.split(['"', '<']).next().unwrap().replace("&amp;", "&");
    let (status, web) = server.text(&issue[server.base.len()..]).await;
    assert_eq!(status, 200);
    assert!(web.contains("<strong>conference</strong>"), "{web}");
    // Azerbaijani readers get the English text, marked as English, and told why.
    let issue_path = issue[server.base.len()..].split('?').next().unwrap().to_string();
    let (_, web) = server.text(&format!("{issue_path}?lang=az")).await;
    assert!(web.contains("<article lang=\"en\">") && web.contains("sizin dilinizdə yazılmayıb"), "{web}");
    let (_, web) = server.text(&format!("{issue_path}?lang=ru")).await;
    assert!(web.contains("<article lang=\"ru\">") && !web.contains("class=\"notice\" role=\"note\""), "{web}");

    // The next issue reaches only who is still subscribed; the language is the subscriber's to change.
    let manage_az = &az_manage[server.base.len()..];
    let (_, manage) = Browser::new(&server).page(manage_az).await;
    let id = manage.split("name=\"subscription\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let (status, page, _) =
        Browser::new(&server).post_page(manage_az, &[("subscription", &id), ("action", "lang"), ("lang", "ru")]).await;
    assert_eq!(status, 200, "{page}");
    let second = compose(
        &coordinator,
        &[
            ("main_lang", "ru"),
            ("subject_ru", "Второй выпуск"),
            ("body_ru", "Текст"),
            ("subject_en", "Second issue"),
            ("body_en", "Text"),
        ],
    )
    .await;
    let before = sink.messages().len();
    coordinator.post_page(&format!("{second}/send"), &[("confirm", "yes")]).await;
    wait_sent(&coordinator, &second, Duration::from_secs(30)).await;
    let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
    let new: Vec<&ReceivedMail> = mails[before..].iter().collect();
    assert_eq!(new.len(), 1, "{:?}", new.iter().map(|m| &m.to).collect::<Vec<_>>());
    assert_eq!(new[0].to, vec!["aysel@example.org".to_string()]);
    assert_eq!(new[0].subject, "Второй выпуск");
}

#[tokio::test]
async fn permanent_failures_hold_an_address_and_temporary_ones_are_retried() {
    for backend in backends() {
        let sink = SmtpSink::start();
        let database = TestDatabase::new(&backend).await;
        let server = start(&database, &sink, &["--newsletter-bounce-limit", "1"]).await;
        let coordinator = sign_in_admin(&server, &database).await;
        // The refusing addresses could not confirm by mail: they are written in directly.
        add_subscribers(&database, &["bounce@example.org", "tempfail@example.org"]).await;
        subscribe(&server, &sink, "fine@example.org", "en").await;
        let fields = [("main_lang", "en"), ("subject_en", "Bounces"), ("body_en", "Hello")];
        let campaign = compose(&coordinator, &fields).await;
        coordinator.post_page(&format!("{campaign}/send"), &[("confirm", "yes")]).await;
        let page = wait_sent(&coordinator, &campaign, Duration::from_secs(30)).await;
        assert!(page.contains("(550): 5.1.1"), "the refusal is shown per recipient:\n{page}");
        let tempfail_row = page.split("<th scope=\"row\">tempfail@example.org</th>").nth(1).unwrap();
        assert!(
            tempfail_row.starts_with("<td>en</td><td>Sent</td><td>2</td>"),
            "sent at the second attempt: {tempfail_row}"
        );
        let mails = sink.messages();
        assert_eq!(mails_to(&mails, "tempfail@example.org").iter().filter(|m| m.subject == "Bounces").count(), 1);
        assert_eq!(mails_to(&mails, "fine@example.org").iter().filter(|m| m.subject == "Bounces").count(), 1);

        // The coordinator sees the held address and why; the next issue skips it.
        let (_, desk) = coordinator.page(&format!("/networks/{NETWORK}/newsletter/campaigns?lang=en")).await;
        assert!(
            desk.contains("Held addresses")
                && desk.contains("bounce@example.org")
                && desk.contains("mailbox unavailable")
        );
        let campaign = compose(&coordinator, &[("main_lang", "en"), ("subject_en", "After"), ("body_en", "Hi")]).await;
        let (_, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
        assert!(page.contains("2 recipients"), "{page}");
        // Once the mailbox works again, the coordinator releases the address.
        let release = format!("/networks/{NETWORK}/newsletter/held");
        let (status, _, _) = coordinator.post_page(&release, &[("email", "bounce@example.org")]).await;
        assert_eq!(status, 303);
        let (_, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
        assert!(page.contains("3 recipients"), "{page}");
        let (status, _, _) = coordinator.post_page(&release, &[("email", "fine@example.org")]).await;
        assert_eq!(status, 404, "only a held address is released");
    }
}

/// Confirmed subscribers written straight into the database.
async fn add_subscribers(database: &TestDatabase, addresses: &[&str]) {
    let pool = database.pool().await;
    let network: i64 =
        sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1").bind(NETWORK).fetch_one(&pool).await.unwrap();
    for email in addresses {
        sqlx::query("INSERT INTO newsletter_addresses (email) VALUES ($1)").bind(email).execute(&pool).await.unwrap();
        sqlx::query(
            "INSERT INTO newsletter_subscriptions (network_id, email, lang, status, created_at) \
             VALUES ($1, $2, 'en', 'active', '2026-11-01T00:00:00Z')",
        )
        .bind(network)
        .bind(email)
        .execute(&pool)
        .await
        .unwrap();
    }
}

async fn many_subscribers(database: &TestDatabase, count: usize) {
    let addresses: Vec<String> = (0..count).map(|n| format!("member{n:04}@example.org")).collect();
    add_subscribers(database, &addresses.iter().map(String::as_str).collect::<Vec<_>>()).await;
}

/// How many issues of `subject` each address received.
fn received(sink: &SmtpSink, subject: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for mail in sink.messages().iter().filter(|mail| mail.subject == subject) {
        for to in &mail.to {
            *counts.entry(to.clone()).or_default() += 1;
        }
    }
    counts
}

#[tokio::test]
async fn a_killed_instance_resumes_the_send_without_losing_or_repeating_anyone() {
    const SUBSCRIBERS: usize = 240;
    const CONCURRENCY: usize = 2;
    for backend in backends() {
        let sink = SmtpSink::start();
        let database = TestDatabase::new(&backend).await;
        let slow = ["--newsletter-rate", "60", "--newsletter-concurrency", "2", "--newsletter-lease-seconds", "2"];
        let server = start(&database, &sink, &slow).await;
        let coordinator = sign_in_admin(&server, &database).await;
        many_subscribers(&database, SUBSCRIBERS).await;
        // Subscribed last, so queued last: it leaves while the send runs.
        let leaver = subscribe(&server, &sink, "leaver@example.org", "en").await;

        let campaign = compose(&coordinator, &[("main_lang", "en"), ("subject_en", "Crash"), ("body_en", "Hi")]).await;
        let (status, _, _) = coordinator.post_page(&format!("{campaign}/send"), &[("confirm", "yes")]).await;
        assert_eq!(status, 303);
        sink.wait_for(sink.messages().len() + 40, Duration::from_secs(30)).await;
        let (_, manage) = Browser::new(&server).page(&leaver[server.base.len()..]).await;
        let id = manage.split("name=\"subscription\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let fields = [("subscription", id.as_str()), ("action", "unsubscribe")];
        let (status, _, _) = Browser::new(&server).post_page(&leaver[server.base.len()..], &fields).await;
        assert_eq!(status, 200);
        let before_kill = received(&sink, "Crash").len();
        server.stop();
        assert!(before_kill < SUBSCRIBERS, "the kill came too late to test anything ({before_kill} sent)");

        let restarted = start(&database, &sink, &slow).await;
        let coordinator = Browser::new(&restarted);
        let fields = [("email", "admin@irene.example"), ("password", support::PASSWORD)];
        assert_eq!(coordinator.post("/account/signin", &fields).await.status(), 303);
        let page = wait_sent(&coordinator, &campaign, Duration::from_secs(60)).await;
        let counts = received(&sink, "Crash");
        assert!(!counts.contains_key("leaver@example.org"), "nothing after unsubscribing");
        assert_eq!(counts.len(), SUBSCRIBERS, "every subscriber received the issue ({})", backend.name());
        let repeated: usize = counts.values().map(|n| n - 1).sum();
        assert!(repeated <= CONCURRENCY, "{repeated} repeats: only messages in flight may go twice");
        let total = SUBSCRIBERS + 1;
        assert!(page.contains(&format!("{total} / {total}")), "{page}");
        let statuses: Vec<(String, i64)> =
            sqlx::query_as("SELECT status, COUNT(*) FROM newsletter_deliveries GROUP BY status ORDER BY status")
                .fetch_all(&database.pool().await)
                .await
                .unwrap();
        assert_eq!(statuses, [("sent".to_string(), SUBSCRIBERS as i64), ("skipped".to_string(), 1)]);
    }
}

#[tokio::test]
async fn several_instances_share_a_send_and_each_message_goes_once() {
    let Some(backend) = backends().into_iter().find(|b| matches!(b, Backend::Postgres { .. })) else {
        eprintln!("several instances need PostgreSQL: skipped");
        return;
    };
    const SUBSCRIBERS: usize = 300;
    let sink = SmtpSink::start();
    let database = TestDatabase::new(&backend).await;
    let first = start(&database, &sink, &["--newsletter-rate", "0"]).await;
    let coordinator = sign_in_admin(&first, &database).await;
    many_subscribers(&database, SUBSCRIBERS).await;
    let others: Vec<Server> = {
        let mut others = Vec::new();
        for n in 0..2 {
            let dir = database.data_dir.path().join(format!("other-{n}"));
            let args = ["--smtp-url", sink.url.as_str(), "--newsletter-rate", "0"];
            others.push(Server::start(&dir, Some(&database.shared_url()), &args).await);
        }
        others
    };
    let campaign = compose(&coordinator, &[("main_lang", "en"), ("subject_en", "Shared"), ("body_en", "Hi")]).await;
    coordinator.post_page(&format!("{campaign}/send"), &[("confirm", "yes")]).await;
    wait_sent(&coordinator, &campaign, Duration::from_secs(60)).await;
    let counts = received(&sink, "Shared");
    assert_eq!(counts.len(), SUBSCRIBERS);
    assert!(
        counts.values().all(|&n| n == 1),
        "a message went twice: {:?}",
        counts.iter().filter(|(_, n)| **n > 1).collect::<Vec<_>>()
    );
    let senders: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT sender) FROM newsletter_deliveries")
        .fetch_one(&database.pool().await)
        .await
        .unwrap();
    assert!(senders >= 2, "the instances shared the send ({senders} sent it)");
    drop(others);
}

/// The campaign's count of recipients in `status`, from its page.
async fn count_on_page(coordinator: &Browser, campaign: &str, status: &str) -> i64 {
    let (_, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
    let item = page.split(&format!("<a href=\"?status={status}\">")).nth(1).expect("the count's link");
    let count = item.split("<span class=\"count\">").nth(1).and_then(|rest| rest.split('<').next()).unwrap();
    count.parse().unwrap()
}

#[tokio::test]
async fn writers_schedule_pause_resume_and_cancel() {
    for backend in backends() {
        let sink = SmtpSink::start();
        let database = TestDatabase::new(&backend).await;
        let server = start(&database, &sink, &["--newsletter-rate", "20", "--newsletter-concurrency", "1"]).await;
        let coordinator = sign_in_admin(&server, &database).await;
        many_subscribers(&database, 60).await;

        // A time in the past is refused beside the field; a future one waits for its moment.
        let campaign = compose(&coordinator, &[("main_lang", "en"), ("subject_en", "Later"), ("body_en", "Hi")]).await;
        let (status, page, _) =
            coordinator.post_page(&format!("{campaign}/schedule?lang=en"), &[("when", "2001-01-01T09:00")]).await;
        assert_eq!(status, 400);
        assert!(page.contains("That time has passed") && page.contains("value=\"2001-01-01T09:00\""), "{page}");
        let (status, _, _) =
            coordinator.post_page(&format!("{campaign}/schedule"), &[("when", "2099-01-01T09:00")]).await;
        assert_eq!(status, 303);
        let (_, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
        assert!(page.contains("Scheduled — 2099-01-01 09:00 UTC"), "{page}");
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert!(received(&sink, "Later").is_empty(), "nothing goes before its time");
        // The clock reaches the scheduled time.
        sqlx::query("UPDATE newsletter_campaigns SET scheduled_at = 0 WHERE status = 'scheduled'")
            .execute(&database.pool().await)
            .await
            .unwrap();
        sink.wait_for(5, Duration::from_secs(10)).await;

        // Paused, the send stops where it is; resumed, it finishes.
        let (status, _, _) = coordinator.post_page(&format!("{campaign}/pause"), &[]).await;
        assert_eq!(status, 303);
        tokio::time::sleep(Duration::from_millis(500)).await;
        let paused_at = received(&sink, "Later").len();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert!(received(&sink, "Later").len() <= paused_at + 1, "at most the message in flight after pausing");
        assert!(paused_at < 60, "the pause came after the end");
        let (_, page) = coordinator.page(&format!("{campaign}?lang=en")).await;
        assert!(page.contains("<dd>Paused") && page.contains("Resume"), "{page}");
        let paused = coordinator.get(&format!("{campaign}?lang=en")).await;
        assert!(paused.headers().get("refresh").is_none(), "a paused send does not reload its page");
        let (status, _, _) = coordinator.post_page(&format!("{campaign}/resume"), &[]).await;
        assert_eq!(status, 303);
        // While it sends (some 2 s at this rate), the page reloads itself unless told not to.
        let sending = coordinator.get(&format!("{campaign}?lang=en")).await;
        assert!(sending.headers().get("refresh").is_some());
        let page = sending.text().await.unwrap();
        assert!(page.contains("?follow=off"), "the reader can stop the reloading:\n{page}");
        let still = coordinator.get(&format!("{campaign}?follow=off&lang=en")).await;
        assert!(still.headers().get("refresh").is_none());
        wait_sent(&coordinator, &campaign, Duration::from_secs(30)).await;
        assert_eq!(received(&sink, "Later").len(), 60);
        // A finished campaign cannot be paused or sent again.
        let (status, _, _) = coordinator.post_page(&format!("{campaign}/send"), &[("confirm", "yes")]).await;
        assert_eq!(status, 409);

        // Cancelled, what was not yet sent is skipped for good.
        let other = compose(&coordinator, &[("main_lang", "en"), ("subject_en", "Stopped"), ("body_en", "Hi")]).await;
        coordinator.post_page(&format!("{other}/send"), &[("confirm", "yes")]).await;
        sink.wait_for(sink.messages().len() + 3, Duration::from_secs(10)).await;
        let (status, _, _) = coordinator.post_page(&format!("{other}/cancel"), &[]).await;
        assert_eq!(status, 303);
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let sent = received(&sink, "Stopped").len() as i64;
        assert!(sent < 60, "the cancel came after the end");
        assert_eq!(count_on_page(&coordinator, &other, "sent").await, sent);
        assert_eq!(count_on_page(&coordinator, &other, "skipped").await, 60 - sent);
        let (_, page) = coordinator.page(&format!("{other}?lang=en")).await;
        assert!(page.contains("<dd>Cancelled"), "{page}");
        let (_, archive) = server.text(&format!("/networks/{NETWORK}/newsletter?lang=en")).await;
        assert!(archive.contains("Later") && !archive.contains("Stopped"), "cancelled issues stay out of the archive");
    }
}

#[tokio::test]
async fn addresses_differing_only_in_case_share_one_limit_and_one_confirmation() {
    for backend in backends() {
        let sink = SmtpSink::start();
        let database = TestDatabase::new(&backend).await;
        let server = start(&database, &sink, &[]).await;
        // Subscribed before addresses were compared in any case, with capitals.
        add_subscribers(&database, &["Long.Time.Reader@example.org"]).await;
        let visitor = Browser::new(&server);
        let path = format!("/networks/{NETWORK}/newsletter");
        let ask = async |email: &str| {
            let fields = [("email", email), ("lang", "en"), ("consent", "yes")];
            visitor.post_page(&path, &fields).await.0
        };
        let spellings = [
            "victim@example.org",
            "vIctim@example.org",
            "VICTIM@example.org",
            "Victim@Example.org",
            "victiM@example.org",
        ];
        for spelling in spellings {
            assert_eq!(ask(spelling).await, 200, "{spelling} ({})", backend.name());
        }
        assert_eq!(ask("ViCtIm@example.org").await, 429, "five requests a day for one mailbox, however spelt");
        assert_eq!(ask("long.time.reader@example.org").await, 200);
        tokio::time::sleep(Duration::from_millis(500)).await;
        let mails = sink.messages();
        assert_eq!(mails_to(&mails, "victim@example.org").len(), 1, "one pending confirmation per mailbox");
        assert!(mails_to(&mails, "long.time.reader@example.org").is_empty(), "already subscribed: nothing to confirm");
        let rows: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM newsletter_subscriptions WHERE lower(email) = 'victim@example.org'",
        )
        .fetch_one(&database.pool().await)
        .await
        .unwrap();
        assert_eq!(rows, 1);
    }
}

/// Fails when `token` carries `address` in the clear, in hexadecimal, or in
/// base64 (either alphabet, starting at any byte).
fn assert_reveals_nothing(token: &str, address: &str) {
    use base64::Engine as _;
    let lower = token.to_lowercase();
    assert!(!lower.contains(&address.to_lowercase()), "{token} holds {address}");
    let hex: String = address.bytes().map(|b| format!("{b:02x}")).collect();
    assert!(!lower.contains(&hex), "{token} holds {address} in hexadecimal");
    for skip in 0..3 {
        let tail = &address.as_bytes()[skip..];
        for engine in [base64::engine::general_purpose::STANDARD, base64::engine::general_purpose::URL_SAFE] {
            let encoded = engine.encode(tail);
            // The last characters depend on what follows the address in the token.
            let core = &encoded[..encoded.len() - 4];
            assert!(!token.contains(core), "{token} holds {address} in base64");
        }
    }
}

#[tokio::test]
async fn links_in_mail_reveal_no_address_and_open_on_every_instance() {
    for backend in backends() {
        let sink = SmtpSink::start();
        let database = TestDatabase::new(&backend).await;
        let server = start(&database, &sink, &["--newsletter-rate", "0"]).await;
        let coordinator = sign_in_admin(&server, &database).await;
        let address = "quiet.reader@example.org";
        let confirmed_manage = subscribe(&server, &sink, address, "en").await;
        let campaign =
            compose(&coordinator, &[("main_lang", "en"), ("subject_en", "Private"), ("body_en", "Hi")]).await;
        coordinator.post_page(&format!("{campaign}/send"), &[("confirm", "yes")]).await;
        wait_sent(&coordinator, &campaign, Duration::from_secs(30)).await;
        let mails = sink.messages();
        let issue = mails_to(&mails, address).into_iter().find(|mail| mail.subject == "Private").expect("the issue");
        let unsubscribe = issue.header("List-Unsubscribe").unwrap().trim_matches(['<', '>']).to_string();
        let manage = link_in(&issue.text, &format!("{}/newsletter/manage/", server.base)).expect("manage link");
        for link in [&confirmed_manage, &manage, &unsubscribe] {
            assert_reveals_nothing(link.rsplit('/').next().unwrap(), address);
        }

        // Another instance on the same database opens them, and takes the one click.
        let other = Server::start(&database.data_dir.path().join("other"), Some(&database.shared_url()), &[]).await;
        let on_other = |link: &str| format!("{}{}", other.base, &link[server.base.len()..]);
        assert!(manage.ends_with("?lang=en"), "the mail's link opens in the issue's language: {manage}");
        let (status, page) = Browser::new(&other).page(&manage[server.base.len()..]).await;
        assert_eq!(status, 200, "{} ({})", on_other(&manage), backend.name());
        assert!(page.contains(address), "{page}");
        assert_eq!(one_click(&on_other(&unsubscribe)).await, 200);
        let (status, page) =
            Browser::new(&other).page(&format!("{}?lang=en", &confirmed_manage[server.base.len()..])).await;
        assert_eq!(status, 200);
        assert!(page.contains("Unsubscribed"), "{page}");
        // A manage link does not unsubscribe, nor an unsubscribe link manage.
        let swapped = unsubscribe.replace("/newsletter/unsubscribe/", "/newsletter/manage/");
        assert_eq!(Browser::new(&other).page(&swapped[server.base.len()..]).await.0, 404);
    }
}

#[tokio::test]
async fn a_subscriber_changes_country_and_themes_from_the_manage_page() {
    for backend in backends() {
        let sink = SmtpSink::start();
        let database = TestDatabase::new(&backend).await;
        let server = start(&database, &sink, &[]).await;
        let link = subscribe(&server, &sink, "nigar@example.org", "en").await;
        let manage = format!("{}?lang=en", &link[server.base.len()..]);
        let visitor = Browser::new(&server);
        let (status, page) = visitor.page(&manage).await;
        assert_eq!(status, 200, "{}", backend.name());
        assert!(page.contains("<option value=\"AZ\" selected>"), "the country chosen on subscribing:\n{page}");
        let id = page.split("name=\"subscription\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let theme = page.split("name=\"theme_").nth(1).and_then(|rest| rest.split('"').next()).expect("a theme box");
        assert!(!page.contains(&format!("name=\"theme_{theme}\" value=\"yes\" checked")), "no theme chosen yet");

        let theme_field = format!("theme_{theme}");
        let fields = [("subscription", id.as_str()), ("action", "audience"), ("country", ""), (&theme_field, "yes")];
        let (status, page, _) = visitor.post_page(&manage, &fields).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("<option value=\"\" selected>"), "any country now:\n{page}");
        assert!(page.contains(&format!("name=\"theme_{theme}\" value=\"yes\" checked")), "the theme followed:\n{page}");

        // Values the page never offers are refused, naming the field, and change nothing.
        let fields = [("subscription", id.as_str()), ("action", "audience"), ("country", "ZZZ")];
        let (status, page, _) = visitor.post_page(&manage, &fields).await;
        assert_eq!(status, 400);
        assert!(page.contains("country"), "{page}");
        let fields =
            [("subscription", id.as_str()), ("action", "audience"), ("country", "GE"), ("theme_999999", "yes")];
        let (status, page, _) = visitor.post_page(&manage, &fields).await;
        assert_eq!(status, 400);
        assert!(page.contains("themes"), "{page}");
        let (_, page) = visitor.page(&manage).await;
        assert!(page.contains("<option value=\"\" selected>"), "the refused changes left the country alone");
        assert!(page.contains(&format!("name=\"theme_{theme}\" value=\"yes\" checked")));
    }
}
