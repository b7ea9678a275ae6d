//! The knowledge library through HTTP on SQLite and PostgreSQL: a member publishes a best practice for its
//! organisation in two languages, attaches a file, readers of a third language see a version with a notice, the
//! profile lists it, the search finds it across scripts with its facets; others may not touch it.

mod support;

use support::smtp::SmtpSink;
use support::{Browser, Server, TestDatabase, backends, encode, post_file, sign_up};

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
        ("body_az", "Gənclər üçün **hüquq** dərsləri.<script>alert(1)</script>"),
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
        assert_eq!(post_file(&ngo, &format!("{item}/files"), &[], "lesson plan.pdf", pdf).await.0, 303, "{name}");
        let (status, page) =
            post_file(&ngo, &format!("{item}/files?lang=en"), &[], "page.html", b"<html><script>").await;
        assert_eq!(status, 400);
        assert!(page.contains("Only PDF, Word, OpenDocument, PNG or JPEG files are accepted."));
        assert_eq!(post_file(&stranger, &format!("{item}/files"), &[], "x.pdf", pdf).await.0, 403);
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
        for query in ["adalat", "Адалат", "Ədalət", "maktab", "школа", "sprav", "youth"] {
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

        // Removing it takes its files along.
        assert_eq!(ngo.post(&format!("{item}/delete"), &[]).await.status(), 303);
        assert_eq!(server.get(&item).await.status(), 404);
    }
}
