//! The open-data API, its OpenAPI description and the exports, through HTTP
//! on SQLite and PostgreSQL.

mod support;

use support::{Server, TestDatabase, backends};

#[tokio::test]
async fn the_description_lists_every_endpoint_and_the_reference_is_served() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let (status, spec) = server.json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: Vec<&String> = spec["paths"].as_object().unwrap().keys().collect();
    for path in
        ["/organizations", "/organizations/{slug}", "/networks", "/networks/{slug}", "/themes", "/themes/{slug}"]
    {
        assert!(paths.iter().any(|p| p.as_str() == path), "{path} described");
    }
    assert!(spec["components"]["schemas"]["OrganizationList"].is_object());
    // The reference is a page of the portal written from that document: every operation, parameter and
    // schema, an example request each, in the reader's language, and no script.
    let (status, page) = server.text("/api/docs?lang=en").await;
    assert_eq!(status, 200);
    assert!(!page.contains("<script"), "readable without a script");
    assert!(page.len() < 200_000, "{} bytes", page.len());
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in
            item.as_object().unwrap().keys().filter(|m| ["get", "post", "patch", "put", "delete"].contains(&m.as_str()))
        {
            let heading = format!("<span class=\"badge\">{}</span> <code>{path}</code>", method.to_uppercase());
            assert!(page.contains(&heading), "{method} {path} in the reference");
            for parameter in item[method]["parameters"].as_array().into_iter().flatten() {
                assert!(page.contains(&format!("<code>{}</code>", parameter["name"].as_str().unwrap())));
            }
        }
    }
    for schema in spec["components"]["schemas"].as_object().unwrap().keys() {
        assert!(page.contains(&format!("id=\"schema-{schema}\"")), "the schema {schema}");
    }
    assert!(page.contains(&format!("curl &#39;{}/api/v1/organizations&#39;", server.base)), "an example request");
    let (_, russian) = server.text("/api/docs?lang=ru").await;
    assert!(russian.contains("<html lang=\"ru\">") && russian.contains("Пример запроса"), "in the portal's languages");
    // The interactive one stays, as an extra, served from the binary.
    let (status, page) = server.text("/api/docs/interactive/").await;
    assert_eq!(status, 200);
    assert!(page.to_lowercase().contains("swagger"), "the interactive reference comes from the binary");
    assert!(!page.contains("https://"), "and loads nothing from elsewhere");
}

#[tokio::test]
async fn every_public_entity_reads_as_json() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let (status, networks) = server.json("/api/v1/networks").await;
        assert_eq!(status, 200);
        assert_eq!(networks.as_array().unwrap().len(), 3, "{}", backend.name());
        let (_, azerbaijan) = server.json("/api/v1/networks/un-ngo-irene-azerbaijan").await;
        assert_eq!(azerbaijan["coordinator"]["slug"], "nayora");
        assert_eq!(azerbaijan["level"], "national");
        assert_eq!(azerbaijan["parent"], "un-ngo-irene", "launched beside the Caspian network, not under it");
        assert_eq!(azerbaijan["focal_points"].as_array().unwrap().len(), 7);
        assert_eq!(azerbaijan["focal_points"][3]["collaborators"][0]["slug"], "buta-children-humanitarian-foundation");

        let (_, themes) = server.json("/api/v1/themes").await;
        let health = themes.as_array().unwrap().iter().find(|t| t["slug"] == "health").unwrap();
        assert_eq!(health["mdgs"], serde_json::json!([4, 5, 6]));
        let (_, health) = server.json("/api/v1/themes/health").await;
        assert_eq!(health["focal_points"].as_array().unwrap().len(), 2, "one focal point in each network");

        let (_, nayora) = server.json("/api/v1/organizations/nayora").await;
        assert_eq!(nayora["consultative_status"], "unspecified");
        assert!(nayora["people"].as_array().unwrap().iter().any(|p| p["name"]["en"] == "Fuad Muradov"));
        assert!(nayora["networks"].as_array().unwrap().iter().any(|n| n["role"] == "coordinator"));
        for missing in ["/api/v1/organizations/nobody", "/api/v1/networks/NOPE", "/api/v1/themes/%FF"] {
            let (status, body) = server.json(missing).await;
            assert_eq!(status, 404, "{missing}");
            assert_eq!(body["error"]["status"], 404);
        }
    }
}

#[tokio::test]
async fn answers_carry_etags_and_cors_for_reading() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let client = reqwest::Client::new();
    let first = client
        .get(server.url("/api/v1/organizations?country=AZ"))
        .header("origin", "https://data.example")
        .send()
        .await
        .unwrap();
    assert_eq!(first.headers()["access-control-allow-origin"], "*");
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let again =
        client.get(server.url("/api/v1/organizations?country=AZ")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(again.status(), 304);
    assert!(again.bytes().await.unwrap().is_empty());
    let other =
        client.get(server.url("/api/v1/organizations?country=GE")).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(other.status(), 200, "another answer, another tag");
}

#[tokio::test]
async fn searches_and_network_members_export_as_csv_and_json() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let total = server.search("network=un-ngo-irene-caspian&per_page=1").await["total"].as_u64().unwrap();
        // The contacts a profile shows publicly are in the export too.
        sqlx::query("UPDATE organizations SET email = 'info@fay.example', phone = '012 000 00 00' WHERE slug = 'fay'")
            .execute(&database.pool().await)
            .await
            .unwrap();
        let response = server.get("/organizations/export.csv?network=un-ngo-irene-caspian").await;
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        assert!(response.headers()["content-disposition"].to_str().unwrap().contains("organizations.csv"));
        let bytes = response.bytes().await.unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark for spreadsheets");
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len() as u64, total, "{}: every member, not a page", backend.name());
        assert!(rows.iter().any(|r| r.get(2) == Some("Фонд помощи молодежи")), "Cyrillic kept");
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name} column"));
        let fay = rows.iter().find(|r| r.get(0) == Some("fay")).expect("FAY exported");
        assert_eq!(fay.get(column("email")), Some("info@fay.example"));
        assert_eq!(fay.get(column("phone")), Some("012 000 00 00"));
        assert_eq!(fay.get(column("website")), Some(""));

        let json: serde_json::Value =
            server.get("/organizations/export.json?country=AZ&kind=government").await.json().await.unwrap();
        let expected = server.search("country=AZ&kind=government").await["total"].as_u64().unwrap();
        assert_eq!(json.as_array().unwrap().len() as u64, expected);
        let xlsx = server.get("/organizations/export.xlsx?network=un-ngo-irene-caspian").await;
        assert_eq!(xlsx.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        let bytes = xlsx.bytes().await.unwrap();
        use calamine::Reader;
        let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("a spreadsheet");
        let sheet = workbook.worksheet_range("organizations").expect("the sheet");
        assert_eq!(sheet.height() as u64, total + 1, "a header and every member");
        assert!(sheet.rows().any(|row| row[2] == "Фонд помощи молодежи"), "Cyrillic kept");
        let (status, _) = server.text("/organizations/export.csv?country=XX").await;
        assert_eq!(status, 400, "the same parameters, the same checks");
    }
}

#[tokio::test]
async fn organisations_export_as_vcards() {
    let database = TestDatabase::new(&support::Backend::Sqlite).await;
    let server = Server::demo(&database).await;
    let response = server.get("/organizations/community-development-center/vcard").await;
    assert_eq!(response.headers()["content-type"], "text/vcard; charset=utf-8");
    let card = response.text().await.unwrap();
    assert!(card.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n") && card.ends_with("END:VCARD\r\n"));
    assert!(card.contains("FN:Community Development Center"));
    assert!(card.contains(";Baku;") && card.contains("Azerbaijan"), "{card}");
    assert_eq!(server.get("/organizations/nobody/vcard").await.status(), 404);
}

fn run(args: &[&str], database: &TestDatabase, dir: &str) -> std::process::Output {
    let output = support::irene()
        .args(args)
        .arg("--data")
        .arg(database.data_dir.path().join(dir))
        .args(["--database-url", &database.shared_url()])
        .output()
        .expect("run irene");
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output
}

#[tokio::test]
async fn an_export_imported_into_an_empty_instance_exports_identically() {
    for backend in backends() {
        let source = TestDatabase::new(&backend).await;
        let server = Server::demo(&source).await;
        // Something made through the portal travels too.
        let pool = source.pool().await;
        sqlx::query("UPDATE organizations SET city = 'Ganja', founded_year = 1998 WHERE slug = 'ecores'")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query(
            "UPDATE positions SET email = 'director@ecores.example', phone = '+994 12 555 01 02' \
             WHERE id = (SELECT MIN(id) FROM positions)",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
        drop(server);
        let dump = source.data_dir.path().join("dump.json");
        run(&["export", "--output", dump.to_str().unwrap()], &source, "cli");

        let target = TestDatabase::new(&backend).await;
        let output = run(&["import", dump.to_str().unwrap()], &target, "cli");
        assert!(String::from_utf8_lossy(&output.stderr).contains("imported 37 organisations and 3 networks"));
        let again = run(&["export"], &target, "cli");
        let first = std::fs::read_to_string(&dump).unwrap();
        assert_eq!(
            String::from_utf8(again.stdout).unwrap(),
            first,
            "{}: the round trip changes nothing",
            backend.name()
        );
        assert!(first.contains("\"city\": \"Ganja\"") && first.contains("«Бута»"));
        assert!(
            first.contains("\"email\": \"director@ecores.example\"")
                && first.contains("\"phone\": \"+994 12 555 01 02\"")
        );

        // The imported instance serves and finds it.
        let server = Server::start(&target.data_dir.path().join("instance"), Some(&target.shared_url()), &[]).await;
        assert_eq!(server.search("q=ECORES").await["items"][0]["city"], "Ganja");
        // A second import is refused rather than duplicating.
        let refused = support::irene()
            .args(["import", dump.to_str().unwrap(), "--data"])
            .arg(target.data_dir.path().join("cli"))
            .args(["--database-url", &target.shared_url()])
            .output()
            .unwrap();
        assert!(!refused.status.success());
        assert!(String::from_utf8_lossy(&refused.stderr).contains("import into an empty one"));
    }
}

fn import_csv(database: &TestDatabase, csv: &str, extra: &[&str]) -> std::process::Output {
    import_file(database, "csv", csv.as_bytes(), extra)
}

fn import_file(database: &TestDatabase, extension: &str, bytes: &[u8], extra: &[&str]) -> std::process::Output {
    let path = database.data_dir.path().join(format!("import-{}.{extension}", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, bytes).unwrap();
    support::irene()
        .args(["import", path.to_str().unwrap()])
        .args(extra)
        .arg("--data")
        .arg(database.data_dir.path().join("cli"))
        .args(["--database-url", &database.shared_url()])
        .output()
        .expect("run irene import")
}

/// A table (header first) as a file of `extension`, each row on the line (or sheet row) a CSV gives it.
fn table_as(extension: &str, table: &[&[&str]]) -> Vec<u8> {
    match extension {
        "xlsx" => {
            let mut workbook = rust_xlsxwriter::Workbook::new();
            let sheet = workbook.add_worksheet();
            for (row, cells) in table.iter().enumerate() {
                for (column, cell) in cells.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
                    sheet.write_string(row as u32, column as u16, *cell).unwrap();
                }
            }
            workbook.save_to_buffer().unwrap()
        }
        "json" => {
            let objects: Vec<String> = table[1..]
                .iter()
                .map(|cells| {
                    let mut object = serde_json::Map::new();
                    for (name, cell) in table[0].iter().zip(cells.iter()).filter(|(_, cell)| !cell.is_empty()) {
                        let value = if *name == "networks" {
                            serde_json::json!(cell.split(';').collect::<Vec<_>>())
                        } else {
                            serde_json::json!(cell)
                        };
                        object.insert(name.to_string(), value);
                    }
                    serde_json::Value::Object(object).to_string()
                })
                .collect();
            format!("[\n{}\n]\n", objects.join(",\n")).into_bytes()
        }
        _ => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            for cells in table {
                writer.write_record(*cells).unwrap();
            }
            writer.into_inner().unwrap()
        }
    }
}

#[tokio::test]
async fn xlsx_and_json_rows_import_through_the_same_checks_as_csv() {
    let bad: &[&[&str]] = &[
        &["Organisation", "country", "email", "person_name", "person_email"],
        &["Caspian Sturgeon Watch", "AZ", "info@sturgeon.example", "", ""],
        &["Lake Göygöl Friends", "XX", "friends@goygol.example", "", ""],
        &["", "AZ", "nobody@nameless.example", "", ""],
        &["Caspian Sturgeon Watch", "AZ", "again@sturgeon.example", "", ""],
        &["Shirvan Steppe Society", "AZ", "not-an-address", "", ""],
        &["Ganja Women Forum", "AZ", "", "Leyla Aliyeva", "leyla@@ganja"],
    ];
    let good: &[&[&str]] = &[
        &["name_en", "name_ru", "country", "city", "networks", "person_name", "person_position", "person_email"],
        &["", "Фонд помощи молодежи", "AZ", "Baku", "un-ngo-irene-caspian", "", "", ""],
        &[
            "Caspian Sturgeon Watch",
            "",
            "AZ",
            "Astara",
            "un-ngo-irene-azerbaijan;un-ngo-irene-caspian",
            "Rauf Mammadov",
            "Director",
            "rauf@sturgeon.example",
        ],
        &["Caspian Sturgeon Watch", "", "AZ", "Astara", "", "Sevda Huseynova", "Treasurer", ""],
    ];
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        drop(Server::demo(&database).await);
        let before = organization_count(&database).await;
        for extension in ["xlsx", "json"] {
            let output =
                import_file(&database, extension, &table_as(extension, bad), &["--map", "Organisation=name_en"]);
            assert!(!output.status.success());
            let report = String::from_utf8_lossy(&output.stderr);
            for expected in [
                "line 3, column country: bad country code “XX”",
                "line 4, column Organisation: missing name",
                "line 5, column Organisation: duplicate of an earlier line",
                "line 6, column email: bad e-mail “not-an-address”",
                "line 7, column person_email: bad e-mail “leyla@@ganja”",
                "5 problems; nothing was imported",
            ] {
                assert!(report.contains(expected), "{} {extension}: {expected}\n{report}", backend.name());
            }
            assert_eq!(organization_count(&database).await, before, "nothing written");
        }
        let output = import_file(&database, "xlsx", &table_as("xlsx", good), &["--dry-run"]);
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("would add 1 organisations and update 1, with 2 people")
        );
        let output = import_file(&database, "xlsx", &table_as("xlsx", good), &[]);
        assert!(String::from_utf8_lossy(&output.stderr).contains("added 1 organisations and updated 1, with 2 people"));
        // The same rows as JSON, in a file whose name says nothing: recognised by content, and updating.
        let output = import_file(&database, "txt", &table_as("json", good), &[]);
        let report = String::from_utf8_lossy(&output.stderr);
        assert!(report.contains("added 0 organisations and updated 2, with 2 people"), "{}: {report}", backend.name());
        assert_eq!(organization_count(&database).await, before + 1);
        let pool = database.pool().await;
        let memberships: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM network_members m JOIN organizations o ON o.id = m.organization_id \
             WHERE o.slug = 'caspian-sturgeon-watch'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(memberships, 2, "a JSON list of networks");
        let people: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT pe.name, p.email FROM positions p JOIN persons pe ON pe.id = p.person_id \
             JOIN organizations o ON o.id = p.organization_id WHERE o.slug = 'caspian-sturgeon-watch' ORDER BY p.position",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        assert_eq!(people.len(), 2, "{}: a re-import adds nobody twice: {people:?}", backend.name());
        assert!(people[0].0.contains("Rauf Mammadov") && people[0].1.as_deref() == Some("rauf@sturgeon.example"));
        pool.close().await;
    }
}

async fn organization_count(database: &TestDatabase) -> i64 {
    let pool = database.pool().await;
    let count = sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(&pool).await.unwrap();
    pool.close().await;
    count
}

#[tokio::test]
async fn a_csv_import_reports_every_problem_and_writes_nothing_until_the_file_is_right() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        drop(server);
        let before = organization_count(&database).await;

        let bad = "Organisation,country,email\n\
                   Caspian Sturgeon Watch,AZ,info@sturgeon.example\n\
                   Lake Göygöl Friends,XX,friends@goygol.example\n\
                   ,AZ,nobody@nameless.example\n\
                   Caspian Sturgeon Watch,AZ,again@sturgeon.example\n\
                   Shirvan Steppe Society,AZ,not-an-address\n";
        let output = import_csv(&database, bad, &["--map", "Organisation=name_en"]);
        assert!(!output.status.success(), "{}", backend.name());
        let report = String::from_utf8_lossy(&output.stderr);
        for expected in [
            "line 3, column country: bad country code “XX”",
            "line 4, column Organisation: missing name",
            "line 5, column Organisation: duplicate of an earlier line",
            "line 6, column email: bad e-mail “not-an-address”",
            "4 problems; nothing was imported",
        ] {
            assert!(report.contains(expected), "{}: {expected}\n{report}", backend.name());
        }
        assert_eq!(organization_count(&database).await, before, "nothing written");

        // FAY written in Russian is FAY: updated, not duplicated.
        let good = "name_en,name_ru,country,city,networks\n\
                    ,Фонд помощи молодежи,AZ,Baku,un-ngo-irene-caspian\n\
                    Caspian Sturgeon Watch,,AZ,Astara,un-ngo-irene-azerbaijan\n";
        let output = import_csv(&database, good, &["--dry-run"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(String::from_utf8_lossy(&output.stderr).contains("would add 1 organisations and update 1"));
        assert_eq!(organization_count(&database).await, before, "a dry run writes nothing");
        let output = import_csv(&database, good, &[]);
        assert!(String::from_utf8_lossy(&output.stderr).contains("added 1 organisations and updated 1"));
        assert_eq!(organization_count(&database).await, before + 1);
        let output = import_csv(&database, good, &[]);
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("added 0 organisations and updated 2"),
            "a re-import updates"
        );
        assert_eq!(organization_count(&database).await, before + 1);

        let server = Server::start(&database.data_dir.path().join("instance"), Some(&database.shared_url()), &[]).await;
        let found = server.search("q=Sturgeon&network=un-ngo-irene-azerbaijan").await;
        assert_eq!(found["items"][0]["slug"], "caspian-sturgeon-watch", "{}", backend.name());
        assert_eq!(found["items"][0]["city"], "Astara");
        let (_, fay) = server.json("/api/v1/organizations/fay").await;
        assert_eq!(fay["city"], "Baku");
    }
}

async fn token(browser: &support::Browser, name: &str, write: bool) -> String {
    let mut fields = vec![("name", name)];
    if write {
        fields.push(("can_write", "1"));
    }
    let (status, page, _) = browser.post_page("/account/tokens?lang=en", &fields).await;
    assert_eq!(status, 200);
    page.split("<code id=\"new-token\">").nth(1).unwrap().split('<').next().unwrap().to_string()
}

#[tokio::test]
async fn tokens_write_with_their_owners_rights_and_stop_when_revoked() {
    let sink = support::smtp::SmtpSink::start();
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo_with_mail(&database, &sink.url).await;
        let admin = support::Browser::new(&server);
        let output = support::irene()
            .args(["admin", "create", "--email", "admin@irene.example", "--name", "Admin", "--data"])
            .arg(database.data_dir.path().join("cli"))
            .args(["--database-url", &database.shared_url()])
            .env("IRENE_ADMIN_PASSWORD", "a long enough passphrase")
            .output()
            .unwrap();
        assert!(output.status.success());
        admin
            .post("/account/signin", &[("email", "admin@irene.example"), ("password", "a long enough passphrase")])
            .await;
        let write = token(&admin, "directory sync", true).await;
        let read_only = token(&admin, "dashboard", false).await;
        let (_, account) = admin.page("/account?lang=en").await;
        assert!(account.contains("directory sync") && !account.contains(&write), "a token is shown once");

        let client = reqwest::Client::new();
        let (_, ecores) = server.json("/api/v1/organizations/ecores").await;
        let version = ecores["version"].as_i64().unwrap();
        let patch = |token: Option<&str>, body: serde_json::Value| {
            let mut request = client.patch(server.url("/api/v1/organizations/ecores")).json(&body);
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            request.send()
        };
        let change = serde_json::json!({"version": version, "city": "Sumgait", "founded_year": 1998});
        assert_eq!(patch(None, change.clone()).await.unwrap().status(), 401);
        assert_eq!(patch(Some("irene_not-a-token"), change.clone()).await.unwrap().status(), 401);
        assert_eq!(patch(Some(&read_only), change.clone()).await.unwrap().status(), 403, "a read-only token");
        let bad = patch(Some(&write), serde_json::json!({"version": version, "country": "XX"})).await.unwrap();
        assert_eq!(bad.status(), 400);
        assert_eq!(bad.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "country");
        let changed = patch(Some(&write), change.clone()).await.unwrap();
        assert_eq!(changed.status(), 200, "{}", backend.name());
        let changed: serde_json::Value = changed.json().await.unwrap();
        assert_eq!((changed["city"].as_str(), changed["founded_year"].as_i64()), (Some("Sumgait"), Some(1998)));
        assert_eq!(changed["names"]["en"], "ECORES", "fields left out stay");
        assert_eq!(patch(Some(&write), change).await.unwrap().status(), 409, "a stale version");

        let pool = database.pool().await;
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor_id \
             WHERE a.action = 'organization.update' AND u.email = 'admin@irene.example'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(audited, 1, "the write is in the audit log under the token's owner");

        // A token acts with its owner's rights: an account without a role cannot write.
        let before = sink.messages().len();
        let stranger = support::Browser::new(&server);
        let pass = "a long enough passphrase";
        stranger
            .post(
                "/account/signup",
                &[("email", "s@x.example"), ("display_name", "S"), ("password", pass), ("password_confirm", pass)],
            )
            .await;
        let mails = sink.wait_for(before + 1, std::time::Duration::from_secs(10)).await;
        let link = support::link_in(&mails[before].text, &format!("{}/account/confirm", server.base)).unwrap();
        stranger.get(&link[server.base.len()..]).await;
        let theirs = token(&stranger, "mine", true).await;
        let version = server.json("/api/v1/organizations/ecores").await.1["version"].as_i64().unwrap();
        assert_eq!(
            patch(Some(&theirs), serde_json::json!({"version": version, "city": "X"})).await.unwrap().status(),
            403
        );

        let (_, account) = admin.page("/account").await;
        let id = account.split("/account/tokens/").nth(1).unwrap().split('/').next().unwrap().to_string();
        assert_eq!(stranger.post(&format!("/account/tokens/{id}/revoke"), &[]).await.status(), 303);
        let version = server.json("/api/v1/organizations/ecores").await.1["version"].as_i64().unwrap();
        let again = serde_json::json!({"version": version, "city": "Baku"});
        assert_eq!(
            patch(Some(&write), again.clone()).await.unwrap().status(),
            200,
            "another's revocation does nothing"
        );
        admin.post(&format!("/account/tokens/{id}/revoke"), &[]).await;
        let version = server.json("/api/v1/organizations/ecores").await.1["version"].as_i64().unwrap();
        assert_eq!(
            patch(Some(&write), serde_json::json!({"version": version})).await.unwrap().status(),
            401,
            "revoked"
        );
        pool.close().await;
    }
}

/// A form with a file, as a browser sends it from the import page.
async fn upload(browser: &support::Browser, name: &str, bytes: &[u8], mapping: &str) -> (u16, String) {
    support::post_file(browser, "/organizations/import?lang=en", &[("mapping", mapping)], ("file", name), bytes).await
}

/// Announces a 51 MiB upload as the administrator and sends only its start:
/// the answer must come from the announced size. (Sending it all races the
/// server's early answer, which closes the connection under the sender.)
async fn oversized_upload(server: &Server) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let signed_in = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(server.url("/account/signin"))
        .header("origin", &server.base)
        .form(&[("email", "admin@irene.example"), ("password", support::PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string();
    let host = server.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let head = format!(
        "POST /organizations/import?lang=en HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nOrigin: {}\r\n\
         Sec-Fetch-Site: same-origin\r\nContent-Type: multipart/form-data; boundary=b\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n--b\r\n",
        server.base,
        51 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(std::time::Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("an answer before the body is sent")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    (status, answer)
}

#[tokio::test]
async fn administrators_import_an_uploaded_file_after_a_dry_run() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let output = support::irene()
            .args(["admin", "create", "--email", "admin@irene.example", "--name", "Admin", "--data"])
            .arg(database.data_dir.path().join("cli"))
            .args(["--database-url", &database.shared_url()])
            .env("IRENE_ADMIN_PASSWORD", "a long enough passphrase")
            .output()
            .unwrap();
        assert!(output.status.success());
        let admin = support::Browser::new(&server);
        admin
            .post("/account/signin", &[("email", "admin@irene.example"), ("password", "a long enough passphrase")])
            .await;
        for (path, lang) in [("/organizations", "ru"), ("/account", "az")] {
            let (_, page) = admin.page(&format!("{path}?lang={lang}")).await;
            assert!(page.contains("href=\"/organizations/import\""), "administrators find the upload from {path}");
        }
        let (_, search) = support::Browser::new(&server).page("/organizations").await;
        assert!(!search.contains("/organizations/import"), "others are not shown it");
        let (status, page) = admin.page("/organizations/import?lang=ru").await;
        assert_eq!(status, 200);
        assert!(page.contains("Импорт организаций") && page.contains("enctype=\"multipart/form-data\""));
        let before = organization_count(&database).await;

        let bad = "Organisation,country,person_name,person_email\nLake Göygöl Friends,XX,,\n\
                   Ganja Women Forum,AZ,Leyla Aliyeva,leyla@@ganja\n";
        let (status, page) = upload(&admin, "members.csv", bad.as_bytes(), "Organisation = name_en").await;
        assert_eq!(status, 400, "{}", backend.name());
        assert!(page.contains("2 problems; nothing was written"), "{page}");
        assert!(page.contains("<td>2</td><td>country</td><td>bad country code “XX”"), "{page}");
        assert!(page.contains("<td>3</td><td>person_email</td>"));
        let (status, page) = upload(&admin, "members.csv", bad.as_bytes(), "Organisation = nowhere").await;
        assert_eq!(status, 400);
        assert!(page.contains("id=\"mapping-error\""), "a bad mapping is named beside its field");
        assert_eq!(organization_count(&database).await, before, "nothing written");

        let good = table_as(
            "xlsx",
            &[
                &["name_en", "country", "person_name", "person_position"],
                &["Lake Göygöl Friends", "AZ", "Leyla Aliyeva", "Chair"],
            ],
        );
        let (status, page) = upload(&admin, "members.xlsx", &good, "").await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Importing will add 1 organisations, update 0 and bring 1 people"), "{page}");
        assert_eq!(organization_count(&database).await, before, "a dry run writes nothing");
        let confirm =
            page.split("action=\"/organizations/import/").nth(1).unwrap().split('"').next().unwrap().to_string();
        // Behind a load balancer the confirmation may reach another instance, with a data folder of its own.
        let second = Server::start(&database.data_dir.path().join("second"), Some(&database.shared_url()), &[]).await;
        let admin_on_second = support::Browser { client: admin.client.clone(), base: second.base.clone() };
        let (status, page, _) =
            admin_on_second.post_page(&format!("/organizations/import/{confirm}?lang=en"), &[]).await;
        assert_eq!(status, 200, "{}: {page}", backend.name());
        assert!(page.contains("1 organisations added"));
        assert_eq!(organization_count(&database).await, before + 1);
        let (status, _, _) = admin.post_page(&format!("/organizations/import/{confirm}"), &[]).await;
        assert_eq!(status, 404, "the file is gone once imported");
        for instance in [&server, &second] {
            let scratch = std::fs::read_dir(instance.data_dir.join("imports")).map_or(0, |files| files.count());
            assert_eq!(scratch, 0, "nothing left in the data folder");
        }
        second.stop();
        let pool = database.pool().await;
        let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pending_imports").fetch_one(&pool).await.unwrap();
        assert_eq!(waiting, 0, "nothing left waiting in the database");
        pool.close().await;

        let (status, page) = oversized_upload(&server).await;
        assert_eq!(status, 413, "{page}");
        assert!(page.contains("larger than 50 MiB"), "{page}");

        let stranger = support::Browser::new(&server);
        assert_eq!(stranger.get("/organizations/import").await.status(), 303, "sign in first");
        // An account that is not an administrator's.
        let output = support::irene()
            .args(["admin", "create", "--email", "editor@irene.example", "--name", "Editor", "--data"])
            .arg(database.data_dir.path().join("cli"))
            .args(["--database-url", &database.shared_url()])
            .env("IRENE_ADMIN_PASSWORD", "a long enough passphrase")
            .output()
            .unwrap();
        assert!(output.status.success());
        let pool = database.pool().await;
        sqlx::query("UPDATE users SET is_admin = 0 WHERE email = 'editor@irene.example'").execute(&pool).await.unwrap();
        pool.close().await;
        let editor = support::Browser::new(&server);
        editor
            .post("/account/signin", &[("email", "editor@irene.example"), ("password", "a long enough passphrase")])
            .await;
        assert_eq!(editor.get("/organizations/import").await.status(), 403);
        let (status, _) = upload(&editor, "members.xlsx", &good, "").await;
        assert_eq!(status, 403);
        assert_eq!(organization_count(&database).await, before + 1);
    }
}

#[tokio::test]
async fn tokens_add_and_remove_an_organisations_people() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let output = support::irene()
            .args(["admin", "create", "--email", "admin@irene.example", "--name", "Admin", "--data"])
            .arg(database.data_dir.path().join("cli"))
            .args(["--database-url", &database.shared_url()])
            .env("IRENE_ADMIN_PASSWORD", "a long enough passphrase")
            .output()
            .unwrap();
        assert!(output.status.success());
        let admin = support::Browser::new(&server);
        admin
            .post("/account/signin", &[("email", "admin@irene.example"), ("password", "a long enough passphrase")])
            .await;
        let write = token(&admin, "people sync", true).await;
        let read_only = token(&admin, "reader", false).await;
        let client = reqwest::Client::new();
        let people = server.url("/api/v1/organizations/ecores/people");
        let person = serde_json::json!({"name": {"en": "Nigar Karimova"}, "title": {"en": "Director"}, "email": "nigar@ecores.example"});
        assert_eq!(client.post(&people).json(&person).send().await.unwrap().status(), 401);
        assert_eq!(client.post(&people).bearer_auth(&read_only).json(&person).send().await.unwrap().status(), 403);
        let bad = client
            .post(&people)
            .bearer_auth(&write)
            .json(&serde_json::json!({"name": {"en": "X"}, "email": "not-an-address"}))
            .send()
            .await
            .unwrap();
        assert_eq!(bad.status(), 400);
        assert_eq!(bad.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "email");
        let nameless =
            client.post(&people).bearer_auth(&write).json(&serde_json::json!({"name": {}})).send().await.unwrap();
        assert_eq!(nameless.json::<serde_json::Value>().await.unwrap()["error"]["parameter"], "name");

        let added = client.post(&people).bearer_auth(&write).json(&person).send().await.unwrap();
        assert_eq!(added.status(), 201, "{}", backend.name());
        let added: serde_json::Value = added.json().await.unwrap();
        let (_, ecores) = server.json("/api/v1/organizations/ecores").await;
        let listed = ecores["people"].as_array().unwrap().iter().find(|p| p["id"] == added["id"]).expect("listed");
        assert_eq!(listed["email"], "nigar@ecores.example");

        let one = server.url(&format!("/api/v1/organizations/ecores/people/{}", added["id"]));
        let version = added["version"].as_i64().unwrap();
        let change = serde_json::json!({"version": version, "phone": "+994 12 555 01 02", "title": {"ru": "Директор"}});
        assert_eq!(send_patch(&one, None, change.clone()).await.0, 401);
        assert_eq!(send_patch(&one, Some(&read_only), change.clone()).await.0, 403);
        let (status, bad) =
            send_patch(&one, Some(&write), serde_json::json!({"version": version, "email": "x@"})).await;
        assert_eq!((status, bad["error"]["parameter"].as_str()), (400, Some("email")));
        let (status, changed) = send_patch(&one, Some(&write), change.clone()).await;
        assert_eq!(status, 200, "{}: {changed}", backend.name());
        assert_eq!(changed["phone"], "+994 12 555 01 02");
        assert_eq!(changed["email"], "nigar@ecores.example", "fields left out stay");
        assert_eq!(changed["title"], serde_json::json!({"ru": "Директор"}));
        assert_eq!(send_patch(&one, Some(&write), change).await.0, 409, "a stale version");
        let (_, ecores) = server.json("/api/v1/organizations/ecores").await;
        let listed = ecores["people"].as_array().unwrap().iter().find(|p| p["id"] == added["id"]).unwrap();
        assert_eq!(
            (listed["phone"].as_str(), listed["version"].as_i64()),
            (Some("+994 12 555 01 02"), Some(version + 1))
        );
        assert_eq!(client.delete(&one).bearer_auth(&read_only).send().await.unwrap().status(), 403);
        assert_eq!(client.delete(&one).bearer_auth(&write).send().await.unwrap().status(), 204);
        assert_eq!(client.delete(&one).bearer_auth(&write).send().await.unwrap().status(), 404, "gone");
        let elsewhere = server.url(&format!("/api/v1/organizations/fay/people/{}", listed["id"]));
        assert_eq!(client.delete(&elsewhere).bearer_auth(&write).send().await.unwrap().status(), 404);

        let pool = database.pool().await;
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor_id \
             WHERE a.action IN ('person.add', 'person.update', 'person.remove') AND u.email = 'admin@irene.example'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(audited, 3, "every write audited under the token's owner");
        pool.close().await;
    }
}

/// An account without any role, made with the command line (which makes administrators) and demoted.
async fn sign_in_plain(server: &Server, database: &TestDatabase, email: &str) -> support::Browser {
    let output = support::irene()
        .args(["admin", "create", "--email", email, "--name", email, "--data"])
        .arg(database.data_dir.path().join("cli"))
        .args(["--database-url", &database.shared_url()])
        .env("IRENE_ADMIN_PASSWORD", support::PASSWORD)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let pool = database.pool().await;
    sqlx::query("UPDATE users SET is_admin = 0 WHERE email = $1").bind(email).execute(&pool).await.unwrap();
    pool.close().await;
    let browser = support::Browser::new(server);
    assert_eq!(
        browser.post("/account/signin", &[("email", email), ("password", support::PASSWORD)]).await.status(),
        303
    );
    browser
}

async fn audited(database: &TestDatabase, action: &str, email: &str) -> i64 {
    let pool = database.pool().await;
    let count = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = $1 AND u.email = $2",
    )
    .bind(action)
    .bind(email)
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    count
}

async fn send_patch(url: &str, token: Option<&str>, body: serde_json::Value) -> (u16, serde_json::Value) {
    let mut request = reqwest::Client::new().patch(url).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

#[tokio::test]
async fn tokens_change_networks_and_focal_points_as_their_forms_do() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let admin = support::sign_in_admin(&server, &database).await;
        let write = token(&admin, "network sync", true).await;
        let read_only = token(&admin, "reader", false).await;

        let (_, networks) = server.json("/api/v1/networks").await;
        let mut chosen = None;
        for item in networks.as_array().unwrap() {
            let (_, detail) = server.json(&format!("/api/v1/networks/{}", item["slug"].as_str().unwrap())).await;
            if detail["focal_points"].as_array().is_some_and(|fps| !fps.is_empty()) {
                chosen = Some(detail);
                break;
            }
        }
        let network = chosen.expect("a demo network with focal points");
        let slug = network["slug"].as_str().unwrap().to_string();
        let url = server.url(&format!("/api/v1/networks/{slug}"));
        let version = network["version"].as_i64().unwrap();

        let change = serde_json::json!({"version": version, "founded_on": "2004-05-01"});
        assert_eq!(send_patch(&url, None, change.clone()).await.0, 401);
        assert_eq!(send_patch(&url, Some(&read_only), change.clone()).await.0, 403, "a read-only token");
        let (status, bad) =
            send_patch(&url, Some(&write), serde_json::json!({"version": version, "founded_on": "May 2004"})).await;
        assert_eq!((status, bad["error"]["parameter"].as_str()), (400, Some("founded_on")), "{}", backend.name());
        let (status, bad) =
            send_patch(&url, Some(&write), serde_json::json!({"version": version, "names": {"fr": "Réseau"}})).await;
        assert_eq!((status, bad["error"]["parameter"].as_str()), (400, Some("names")));
        let (status, bad) =
            send_patch(&url, Some(&write), serde_json::json!({"version": version, "coordinator": "nobody"})).await;
        assert_eq!((status, bad["error"]["parameter"].as_str()), (400, Some("coordinator")));
        let (status, changed) = send_patch(&url, Some(&write), change.clone()).await;
        assert_eq!(status, 200, "{changed}");
        assert_eq!(changed["founded_on"], "2004-05-01");
        assert_eq!(changed["names"], network["names"], "fields left out stay");
        assert_eq!(changed["version"].as_i64(), Some(version + 1));
        assert_eq!(send_patch(&url, Some(&write), change).await.0, 409, "a stale version");
        assert_eq!(audited(&database, "network.update", "admin@irene.example").await, 1);

        // A focal point: its lead organisation's editors change its title and collaborators, not who leads.
        let focal_point = &changed["focal_points"][0];
        let number = focal_point["number"].as_i64().unwrap();
        let lead = focal_point["leads"][0]["slug"].as_str().unwrap().to_string();
        let fp_url = server.url(&format!("/api/v1/networks/{slug}/focal-points/{number}"));
        let editor = sign_in_plain(&server, &database, "lead@irene.example").await;
        let editors_token = token(&editor, "lead sync", true).await;
        let version = focal_point["version"].as_i64().unwrap();
        let retitle = serde_json::json!({"version": version, "title": {"en": "Water and climate"}});
        assert_eq!(send_patch(&fp_url, Some(&editors_token), retitle.clone()).await.0, 403, "no role yet");
        assert_eq!(send_patch(&url, Some(&editors_token), serde_json::json!({"version": 1})).await.0, 403);
        let pool = database.pool().await;
        sqlx::query(
            "INSERT INTO organization_editors (user_id, organization_id, granted_at) \
             SELECT u.id, o.id, '2024-01-01T00:00:00Z' FROM users u, organizations o \
             WHERE u.email = 'lead@irene.example' AND o.slug = $1",
        )
        .bind(&lead)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
        let (status, retitled) = send_patch(&fp_url, Some(&editors_token), retitle.clone()).await;
        assert_eq!(status, 200, "{retitled}");
        assert_eq!(retitled["title"]["en"], "Water and climate");
        assert!(retitled["title"].get("ru").is_none(), "the title replaces every language");
        assert_eq!(send_patch(&fp_url, Some(&editors_token), retitle).await.0, 409, "a stale version");
        let version = retitled["version"].as_i64().unwrap();
        let taken: Vec<&serde_json::Value> = ["leads", "collaborators"]
            .iter()
            .flat_map(|role| retitled[role].as_array().unwrap())
            .map(|m| &m["slug"])
            .collect();
        let free = changed["members"].as_array().unwrap().iter().find(|m| !taken.contains(&&m["slug"])).unwrap();
        let new_lead = serde_json::json!({"version": version, "leads": [free["slug"]]});
        assert_eq!(
            send_patch(&fp_url, Some(&editors_token), new_lead.clone()).await.0,
            403,
            "only coordinators change leads"
        );
        let (status, bad) =
            send_patch(&fp_url, Some(&write), serde_json::json!({"version": version, "leads": ["nobody"]})).await;
        assert_eq!((status, bad["error"]["parameter"].as_str()), (400, Some("leads")));
        let (status, bad) =
            send_patch(&fp_url, Some(&write), serde_json::json!({"version": version, "leads": []})).await;
        assert_eq!((status, bad["error"]["parameter"].as_str()), (400, Some("leads")));
        let (status, bad) =
            send_patch(&fp_url, Some(&write), serde_json::json!({"version": version, "theme": "nowhere"})).await;
        assert_eq!((status, bad["error"]["parameter"].as_str()), (400, Some("theme")));
        let (status, led) = send_patch(&fp_url, Some(&write), new_lead).await;
        assert_eq!(status, 200, "{led}");
        assert_eq!(led["leads"][0]["slug"], free["slug"]);
        assert_eq!(audited(&database, "focal-point.update", "lead@irene.example").await, 1);
        assert_eq!(audited(&database, "focal-point.update", "admin@irene.example").await, 1);
        let missing = server.url(&format!("/api/v1/networks/{slug}/focal-points/999"));
        assert_eq!(send_patch(&missing, Some(&write), serde_json::json!({"version": 1})).await.0, 404);
    }
}

#[tokio::test]
async fn csv_export_cells_that_spreadsheets_would_evaluate_are_quoted() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let names =
            ["=HYPERLINK(\"http://evil.example\",\"Fund\")", "+Formula Fund", "-Formula Trust", "@Formula Union"];
        let csv: String = std::iter::once("name_en,country\n".to_string())
            .chain(names.iter().map(|name| format!("\"{}\",UZ\n", name.replace('"', "\"\""))))
            .collect();
        let output = import_csv(&database, &csv, &[]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let started = std::time::Instant::now();
        while server.search("q=Formula&per_page=1").await["total"].as_u64() != Some(3) {
            assert!(started.elapsed().as_secs() < 30, "the search index takes the new organisations in");
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        let bytes = server.get("/organizations/export.csv?country=UZ").await.bytes().await.unwrap();
        let mut reader = csv::Reader::from_reader(&bytes[3..]);
        let exported: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_string()).collect();
        for name in names {
            assert!(exported.contains(&format!("'{name}")), "{}: {name} quoted in {exported:?}", backend.name());
        }
        let json: serde_json::Value = server.get("/organizations/export.json?country=UZ").await.json().await.unwrap();
        let json_names: Vec<&str> =
            json.as_array().unwrap().iter().map(|o| o["names"]["en"].as_str().unwrap()).collect();
        assert!(names.iter().all(|name| json_names.contains(name)), "JSON keeps them as they are: {json_names:?}");
    }
}

#[tokio::test]
async fn import_problems_name_the_files_own_lines_whatever_its_line_ends() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        drop(Server::demo(&database).await);
        for end in ["\n", "\r\n"] {
            let lines = [
                "name_en,address,country",
                "Steppe Society,\"12 Nizami St",
                "Baku\",AZ",
                "Quba Friends,,XX",
                "Ganja Fund,\"1 Main St\",YY",
                "",
            ];
            let output = import_csv(&database, &lines.join(end), &["--dry-run"]);
            let report = String::from_utf8_lossy(&output.stderr);
            for expected in
                ["line 4, column country: bad country code “XX”", "line 5, column country: bad country code “YY”"]
            {
                assert!(report.contains(expected), "{} {end:?}: {expected}\n{report}", backend.name());
            }
        }
    }
}

#[tokio::test]
async fn organisations_sharing_a_name_are_told_apart_by_slug_or_country() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        drop(Server::demo(&database).await);
        let before = organization_count(&database).await;
        let by_slug = "slug,name_en,country,city\n\
                       youth-union-baku,Silk Road Youth Union,AZ,Baku\n\
                       youth-union-tashkent,Silk Road Youth Union,UZ,Tashkent\n";
        let output = import_csv(&database, by_slug, &[]);
        let report = String::from_utf8_lossy(&output.stderr);
        assert!(report.contains("added 2 organisations and updated 0"), "{}: {report}", backend.name());
        let by_country = "name_en,country,city\n\
                          Steppe Women's Council,AZ,Ganja\n\
                          Steppe Women's Council,KG,Bishkek\n";
        let output = import_csv(&database, by_country, &[]);
        let report = String::from_utf8_lossy(&output.stderr);
        assert!(report.contains("added 2 organisations and updated 0"), "{}: {report}", backend.name());
        assert_eq!(organization_count(&database).await, before + 4);

        // Without a slug, a name still finds its organisation, within the country the row gives.
        let again = "name_en,country,city\nSilk Road Youth Union,UZ,Samarkand\nSteppe Women's Council,KG,Osh\n";
        let output = import_csv(&database, again, &[]);
        let report = String::from_utf8_lossy(&output.stderr);
        assert!(report.contains("added 0 organisations and updated 2"), "{}: {report}", backend.name());
        let pool = database.pool().await;
        let cities: Vec<(String, String)> = sqlx::query_as(
            "SELECT country, city FROM organizations WHERE name LIKE '%Silk Road Youth Union%' OR name LIKE '%Steppe Women''s Council%' \
             ORDER BY country, city",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        pool.close().await;
        let expected = [("AZ", "Baku"), ("AZ", "Ganja"), ("KG", "Osh"), ("UZ", "Samarkand")];
        assert_eq!(cities, expected.map(|(c, t)| (c.to_string(), t.to_string())), "{}", backend.name());

        let repeated = "name_en,country\nSteppe Fund,AZ\nSteppe Fund,AZ\n";
        let report = String::from_utf8_lossy(&import_csv(&database, repeated, &["--dry-run"]).stderr).to_string();
        assert!(report.contains("line 3, column name_en: duplicate of an earlier line"), "{report}");
    }
}
