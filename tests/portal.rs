//! The portal and the organisation API on the Baku 2004 demo data, through
//! HTTP, on SQLite and on PostgreSQL.

mod support;

use support::{Server, TestDatabase, backends, encode, slugs};

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn network_pages_show_coordinator_focal_points_members_and_counts() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;

        let (status, page) = server.text("/networks/un-ngo-irene-azerbaijan?lang=en").await;
        assert_eq!(status, 200, "{}", backend.name());
        assert!(page.contains("National Assembly of Youth Organizations"), "coordinator NAYORA shown");
        assert_eq!(count(&page, "<h3><a href=\"/themes/"), 7, "seven focal points");
        for lead in ["Community Development Center", "ECORES", "Baku Youth Club", "Azerbaijan Young Lawyers Union"] {
            assert!(page.contains(lead), "{lead} on the national page");
        }
        assert!(page.contains("In collaboration with"), "collaborating organisations named");
        assert!(page.contains("Society for International Cooperation of Disabled People"));
        assert!(page.contains("84 participants"), "the launch workshop's attendance");
        assert!(
            page.contains("/organizations?network=un-ngo-irene-azerbaijan&#38;country=AZ"),
            "per-country count links"
        );
        assert!(page.contains("Members in consultative status with ECOSOC"));

        let (status, page) = server.text("/networks/un-ngo-irene-caspian?lang=en").await;
        assert_eq!(status, 200);
        assert!(page.contains("Fund of Aid for Youth"), "coordinator FAY shown");
        assert_eq!(count(&page, "<h3><a href=\"/themes/"), 7);
        for country in ["Georgia", "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Azerbaijan"] {
            assert!(page.contains(country), "{country} among member countries");
        }
        assert!(page.contains("71 participants"));
        assert!(!page.contains("href=\"/networks/un-ngo-irene-azerbaijan\""), "launched beside it, not under it");

        let (status, page) = server.text("/networks/un-ngo-irene?lang=en").await;
        assert_eq!(status, 200);
        let members = server.search("network=un-ngo-irene&per_page=100").await;
        let without_country = members["items"].as_array().unwrap().iter().filter(|i| i["country"].is_null()).count();
        assert!(without_country > 0, "the global network has members with no country, such as UN DESA");
        assert!(
            page.contains(&format!("Country not given <span class=\"count\">{without_country}</span>")),
            "members with no country counted as such"
        );
        assert!(page.contains("/networks/un-ngo-irene-caspian"), "global level lists the regional network");
        assert!(page.contains("/networks/un-ngo-irene-azerbaijan"), "and the national one, both launched under it");
    }
}

#[tokio::test]
async fn profiles_show_everything_the_report_says_with_json_ld() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;

        let (status, page) = server.text("/organizations/nayora?lang=en").await;
        assert_eq!(status, 200);
        assert!(page.contains("<h1>National Assembly of Youth Organizations"));
        assert!(page.contains("Fuad Muradov"), "its chairperson among its people");
        assert!(page.contains("coordinator"), "its role in the national network");
        assert!(page.contains("Consultative status (category not recorded)"));
        assert!(page.contains("/themes/health"), "focal point it leads in the Caspian network");
        assert!(page.contains("lang=\"ru\""), "names per language marked with their language");

        let start = page.find("<script type=\"application/ld+json\">").expect("JSON-LD present") + 35;
        let end = start + page[start..].find("</script>").expect("JSON-LD closed");
        let json_ld: serde_json::Value = serde_json::from_str(&page[start..end]).expect("JSON-LD parses");
        assert_eq!(json_ld["@context"], "https://schema.org");
        assert_eq!(json_ld["@type"], "NGO");
        assert!(json_ld["memberOf"].as_array().is_some_and(|m| !m.is_empty()));
        assert_eq!(json_ld["address"]["addressCountry"], "AZ");

        let (_, ministry) = server.text("/organizations/ministry-youth-sport-tourism-az?lang=en").await;
        assert!(ministry.contains("30000 USD"), "the ministry's US$30,000 budget for NGOs");
        assert!(ministry.contains("Intigam"), "its deputy minister");
        assert!(ministry.contains("Government body"));
        assert!(ministry.contains("Meeting with the Deputy Minister of Youth"), "the meeting of the commitment");

        let (status, page) = server.text("/organizations/buta-children-humanitarian-foundation?lang=ru").await;
        assert_eq!(status, 200);
        assert!(page.contains("<html lang=\"ru\">"));
        assert!(page.contains("«Бута»"), "Russian name shown to a Russian reader");
    }
}

#[tokio::test]
async fn theme_pages_gather_focal_points_across_networks_with_their_goals() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let (status, page) = server.text("/themes/health?lang=en").await;
        assert_eq!(status, 200);
        assert!(page.contains("/networks/un-ngo-irene-azerbaijan") && page.contains("/networks/un-ngo-irene-caspian"));
        for goal in
            ["Reduce child mortality", "Improve maternal health", "Combat HIV/AIDS", "Good Health and Well-being"]
        {
            assert!(page.contains(goal), "{goal}");
        }
        let (_, page) = server.text("/themes/environment?lang=en").await;
        assert!(page.contains("ECORES") && page.contains("International Center for Environmental Research"));
        let (_, page) = server.text("/themes/human-rights?lang=en").await;
        assert!(page.contains("Millennium Declaration"));
        assert_eq!(server.text("/themes/no-such-theme").await.0, 404);
    }
}

#[tokio::test]
async fn the_language_comes_from_the_parameter_then_the_cookie_then_the_browser() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let client = reqwest::Client::new();

    let response = client.get(server.url("/?lang=az")).send().await.unwrap();
    let cookie = response.headers().get("set-cookie").expect("choice remembered").to_str().unwrap().to_string();
    assert!(cookie.starts_with("lang=az"));
    assert!(response.text().await.unwrap().contains("<html lang=\"az\">"));

    let by_cookie =
        client.get(server.url("/")).header("cookie", "lang=ru").header("accept-language", "az").send().await;
    assert!(by_cookie.unwrap().text().await.unwrap().contains("<html lang=\"ru\">"), "cookie beats Accept-Language");

    let by_header = client.get(server.url("/")).header("accept-language", "de, ru;q=0.9, en;q=0.5").send().await;
    assert!(by_header.unwrap().text().await.unwrap().contains("<html lang=\"ru\">"));

    let default = client.get(server.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(default.contains("<html lang=\"en\">"));

    let parameter_wins = client.get(server.url("/?lang=en")).header("cookie", "lang=ru").send().await;
    assert!(parameter_wins.unwrap().text().await.unwrap().contains("<html lang=\"en\">"));

    let (status, page) = server.text("/?lang=fr").await;
    assert_eq!(status, 400);
    assert!(page.contains("lang"), "the message names the parameter");
}

#[tokio::test]
async fn interface_strings_differ_per_language() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let pages: Vec<String> =
        futures_join(["en", "ru", "az"].map(|l| format!("/organizations?lang={l}")), &server).await;
    assert!(pages[0].contains("Directory of organisations"));
    assert!(pages[1].contains("Справочник") || pages[1].contains("Каталог"), "Russian directory title");
    assert!(pages[2].contains("Təşkilat"), "Azerbaijani directory title");
}

async fn futures_join(paths: [String; 3], server: &Server) -> Vec<String> {
    let mut pages = Vec::new();
    for path in paths {
        pages.push(server.text(&path).await.1);
    }
    pages
}

#[tokio::test]
async fn a_directory_page_with_its_stylesheet_weighs_under_60_kb() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let css = server.text("/static/irene.css").await.1.len();
    for path in
        ["/organizations?per_page=100", "/organizations?lang=ru&per_page=100", "/", "/networks/un-ngo-irene-caspian"]
    {
        let (status, html) = server.text(path).await;
        assert_eq!(status, 200);
        assert!(html.len() + css < 60 * 1024, "{path}: {} bytes of HTML and {css} of CSS", html.len());
        assert!(!html.contains("<script src") && !html.contains("<script>"), "{path} needs no JavaScript");
    }
}

#[tokio::test]
async fn the_api_returns_items_total_and_facet_counts() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let all = server.search("per_page=100").await;
        let total = all["total"].as_u64().unwrap();
        assert_eq!(total as usize, all["items"].as_array().unwrap().len());
        let item = &all["items"][0];
        for field in ["id", "slug", "name", "country", "kind"] {
            assert!(item.get(field).is_some(), "item has {field}");
        }
        let by_country: u64 = all["facets"]["country"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
        let without_country = all["items"].as_array().unwrap().iter().filter(|i| i["country"].is_null()).count() as u64;
        assert_eq!(by_country + without_country, total, "country counts add up");

        let azerbaijan = server.search("country=AZ&per_page=100").await;
        assert_eq!(azerbaijan["total"], all["facets"]["country"]["AZ"], "facet count is the filtered total");
        assert!(azerbaijan["items"].as_array().unwrap().iter().all(|i| i["country"] == "AZ"));

        let health_in_caspian = server.search("theme=health&network=un-ngo-irene-caspian").await;
        let mut found = slugs(&health_in_caspian);
        found.sort();
        assert_eq!(found, ["buta-children-humanitarian-foundation", "nayora"]);

        let either = server.search("country=GE&country=UZ").await;
        assert_eq!(
            either["total"].as_u64().unwrap(),
            all["facets"]["country"]["GE"].as_u64().unwrap() + all["facets"]["country"]["UZ"].as_u64().unwrap(),
            "values of one facet widen the search"
        );
        assert!(
            either["facets"]["country"]["AZ"].as_u64().unwrap() > 0,
            "a facet's counts ignore its own selection, so other countries stay choosable"
        );

        let with_status = server.search("status=unspecified").await;
        let mut holders = slugs(&with_status);
        holders.sort();
        assert_eq!(holders, ["fay", "nayora"]);

        let by_name = server.search("sort=name&kind=government&per_page=100").await;
        let names: Vec<String> =
            by_name["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap().to_lowercase()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "sorted by name");

        let page_two = server.search("per_page=10&page=2&sort=name").await;
        let page_one = server.search("per_page=10&page=1&sort=name").await;
        assert!(slugs(&page_two).iter().all(|s| !slugs(&page_one).contains(s)), "pages do not overlap");
    }
}

#[tokio::test]
async fn bad_parameters_get_a_400_or_404_that_says_why_never_a_500() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let long_query = format!("q={}", "a".repeat(10_000));
    let cases: Vec<(String, u16, &str)> = vec![
        ("/organizations?country=XX".into(), 400, "country"),
        ("/organizations?theme=not-a-theme".into(), 400, "theme"),
        ("/organizations?network=nowhere".into(), 400, "network"),
        ("/organizations?kind=bank".into(), 400, "kind"),
        ("/organizations?status=secret".into(), 400, "status"),
        ("/organizations?page=0".into(), 400, "page"),
        ("/organizations?page=abc".into(), 400, "page"),
        ("/organizations?per_page=1000".into(), 400, "per_page"),
        ("/organizations?sort=random".into(), 400, "sort"),
        (format!("/organizations?{long_query}"), 400, "q"),
        ("/organizations?q=%FF%FE".into(), 400, "q"),
        ("/organizations?q=a&q=b".into(), 400, "q"),
        ("/organizations/%FF%FE".into(), 404, ""),
        ("/organizations/no-such-organisation".into(), 404, ""),
        ("/organizations/UPPER%20case".into(), 404, ""),
        ("/networks/%C0%AF".into(), 404, ""),
        ("/no/such/page".into(), 404, ""),
    ];
    for (path, expected, parameter) in cases {
        let (status, page) = server.text(&path).await;
        assert_eq!(status, expected, "{}", &path[..path.len().min(80)]);
        assert!(page.contains("role=\"alert\""), "{path}: an error page with its message");
        assert!(page.contains(parameter), "{path}: message names {parameter}");
        let api_path = path.replacen("/organizations?", "/api/v1/organizations?", 1);
        if api_path != path {
            let (status, body) = server.json(&api_path).await;
            assert_eq!(status, expected, "{}", &api_path[..api_path.len().min(80)]);
            assert_eq!(body["error"]["parameter"], parameter, "{api_path}");
            assert!(body["error"]["message"].as_str().unwrap().contains(parameter));
        }
    }
    let (status, body) = server.json("/api/v1/nothing-here").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["status"], 404);
}

#[tokio::test]
async fn search_queries_echo_safely_into_the_page() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let (status, page) = server.text(&format!("/organizations?q={}", encode("<script>alert(1)</script>"))).await;
    assert_eq!(status, 200);
    assert!(!page.contains("<script>alert"), "the query is escaped");
}

/// The member list of a network page, names in the order shown.
fn member_names(page: &str) -> Vec<String> {
    let list = page.split("<ul class=\"members\">").nth(1).expect("a member list").split("</ul>").next().unwrap();
    list.split("<li><a href=\"/organizations/")
        .skip(1)
        .map(|item| item.split('>').nth(1).unwrap().split("</a").next().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_newcomer_reads_dates_in_words_and_finds_the_ecosoc_desk() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;

        // Dates as each language writes them, ISO kept for machines.
        for (lang, written) in [("en", "27 November 2004"), ("ru", "27 ноября 2004 г."), ("az", "27 noyabr 2004")]
        {
            let (status, page) = server.text(&format!("/networks/un-ngo-irene-caspian?lang={lang}")).await;
            assert_eq!(status, 200);
            assert!(page.contains(&format!("<time datetime=\"2004-11-27\">{written}</time>")), "{lang}:\n{page}");
        }
        let (_, calendar) = server.text("/ecosoc/calendar?lang=ru").await;
        assert!(calendar.contains(" июня ") && !calendar.contains("\">20"), "the calendar in words:\n{calendar}");
        let (_, api) = server.text("/api/v1/networks/un-ngo-irene-caspian").await;
        assert!(api.contains("\"2004-11-27\""), "the API keeps ISO dates: {api}");

        // The ECOSOC desk and calendar from the first page and from every page's header.
        let (_, home) = server.text("/?lang=en").await;
        assert!(home.contains("<a href=\"/ecosoc\">") && home.contains("Consultative status with ECOSOC"), "{home}");
        let header = home.split("</header>").next().unwrap();
        assert!(header.contains("<a href=\"/ecosoc/calendar\">ECOSOC status</a>"), "{header}");
        assert!(header.contains(">Sign in</a>") && header.contains(">Create an account</a>"), "{header}");

        // A name opening with a quotation mark sorts by its first letter.
        let (_, page) = server.text("/networks/un-ngo-irene-azerbaijan?lang=en").await;
        let names = member_names(&page);
        assert!(names.iter().any(|n| n.starts_with('“')), "a quoted name among the members: {names:?}");
        let keys: Vec<String> =
            names.iter().map(|n| n.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
        assert!(keys.is_sorted(), "{names:?}");

        // A search that finds nothing says what to try instead, and offers nothing to sort or download.
        let (status, page) = server.text("/organizations?q=qqqzzzxxx&country=AZ&lang=en").await;
        assert_eq!(status, 200);
        assert!(page.contains("Try instead:") && page.contains("the same search without the filters"), "{page}");
        assert!(!page.contains("export.csv") && !page.contains("class=\"sort\""), "{page}");
        let (_, page) = server.text("/organizations?q=Buta&lang=en").await;
        assert!(page.contains("export.csv") && page.contains("class=\"sort\""), "results keep them: {page}");
    }
}

/// The message ids a language's `api.ftl` defines.
fn api_messages(lang: &str) -> std::collections::BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang).join("api.ftl");
    let ftl = std::fs::read_to_string(&path).unwrap_or_default();
    ftl.lines().filter_map(|line| line.split_once(" = ")).map(|(id, _)| id.trim().to_string()).collect()
}

#[tokio::test]
async fn the_api_reference_is_in_the_readers_language() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        // Every text of the real document has a current translation: an endpoint added without one fails here,
        // with the line `api.ftl` lacks.
        let (_, spec) = server.json("/api/openapi.json").await;
        let (keys, missing) = irene::portal::api_reference::translations(&spec);
        assert!(
            missing.is_empty(),
            "texts of the OpenAPI document with no translation in locales/*/api.ftl:\n{}",
            missing.join("\n")
        );
        assert!(keys.len() > 300, "{} texts", keys.len());
        for lang in ["ru", "az"] {
            let defined = api_messages(lang);
            let lacking: Vec<&String> = keys.iter().filter(|key| !defined.contains(*key)).collect();
            assert!(lacking.is_empty(), "locales/{lang}/api.ftl lacks {lacking:?}");
        }

        // The page's own texts, without the language switcher's.
        let main = |page: &str| page.split("<main").nth(1).unwrap_or_default().to_string();
        let (status, russian) = server.text("/api/docs?lang=ru").await;
        assert_eq!(status, 200, "{}", backend.name());
        let russian = main(&russian);
        assert!(!russian.contains("lang=\"en\""), "nothing left in English");
        assert!(
            russian.contains("<h2 id=\"tag-directory\">Каталог</h2>")
                && russian.contains("<strong>Поиск по каталогу.</strong>")
        );
        assert!(russian.contains("<td>Slug сети</td>"), "parameters");
        assert!(russian.contains("<code>401</code> <span>Нет действительного токена</span>"), "answers");
        assert!(russian.contains("<p>Тело любой ошибки API.</p>"), "schemas");
        let (_, azerbaijani) = server.text("/api/docs?lang=az").await;
        let azerbaijani = main(&azerbaijani);
        assert!(!azerbaijani.contains("lang=\"en\"") && azerbaijani.contains("<strong>Kataloqda axtarış.</strong>"));
        let (_, english) = server.text("/api/docs?lang=en").await;
        assert!(!english.contains("<script"), "the reference needs no script");
        assert!(
            english.contains("<strong>Search the directory.</strong>") && english.contains("The network&#39;s slug")
        );
    }
}

#[tokio::test]
async fn the_one_script_comes_from_the_portal_itself() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let page = server.get("/?lang=en").await;
    let policy = page.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(policy.contains("script-src 'self';") && !policy.contains("unsafe-inline"), "{policy}");
    let script = server.get("/static/word-counter.js").await;
    assert_eq!(script.status(), 200);
    assert!(script.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
    assert!(script.headers()["cache-control"].to_str().unwrap().contains("max-age"));
    assert!(script.text().await.unwrap().contains("data-limit"), "the counter script");
}
