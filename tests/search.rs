//! Directory search through the API: across scripts and spellings, with typos
//! and prefixes, facets and counts, on the demo data and on 10,000 generated
//! organisations, on SQLite and on PostgreSQL. The database itself is the
//! oracle for the counts.

mod support;

use std::collections::BTreeMap;

use sqlx::{AnyPool, Row};
use support::{Backend, Server, TestDatabase, backends, encode, irene, slugs};

async fn total(server: &Server, query: &str) -> u64 {
    server.search(query).await["total"].as_u64().expect("total")
}

async fn finds(server: &Server, text: &str, slug: &str) -> bool {
    slugs(&server.search(&format!("q={}&per_page=20", encode(text))).await).iter().any(|s| s == slug)
}

#[tokio::test]
async fn demo_searches_cross_scripts_spellings_typos_and_prefixes() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let server = Server::demo(&database).await;
        let buta = "buta-children-humanitarian-foundation";
        let cases = [
            ("Buta", buta),
            ("Бута", buta),
            ("бута фонд", buta),
            ("NAYORA", "nayora"),
            ("nayra", "nayora"),
            ("Национальный совет молодежных", "nayora"),
            ("Gənclər Təşkilatları", "nayora"),
            ("Genclar Teskilatlari", "nayora"),
            ("ECORS", "ecores"),
            ("ecor", "ecores"),
            ("Kyrgyz", "kyrgyzstan-forum-women-ngos"),
            ("Qasimov", "ministry-education-az"),
            ("Qasımov", "ministry-education-az"),
            ("Гасымов", "ministry-education-az"),
            ("Məmmədquliyev", "ministry-foreign-affairs-az"),
            ("Mammadguliyev", "ministry-foreign-affairs-az"),
            ("Merrim", "merrim-international-charitable-foundation"),
            ("Меррим", "merrim-international-charitable-foundation"),
            ("Istanbul Brotherhood", "istanbul-international-brotherhood-solidarity-association"),
            ("UNICEF", "unicef"),
        ];
        for (text, slug) in cases {
            assert!(finds(&server, text, slug).await, "{}: “{text}” should find {slug}", backend.name());
        }
        let first = slugs(&server.search("q=Buta").await);
        assert_eq!(first.first().map(String::as_str), Some(buta), "the named organisation ranks first");
        assert_eq!(total(&server, "q=zzzzqqqxxx").await, 0, "nonsense finds nothing");
    }
}

#[tokio::test]
async fn names_are_found_as_they_are_typed_on_any_keyboard_and_in_latin_letters() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let instance = database.data_dir.path().join("instance");
        let csv = database.data_dir.path().join("organizations.csv");
        std::fs::write(
            &csv,
            "slug,name_en,name_ru,name_az,kind,country\n\
             imedi,იმედი ასოციაცია,,,ngo,GE\n\
             huys,Հույս Հիմնադրամ,,,ngo,AM\n\
             shafqat,,,Şəfqət İctimai Birliyi,ngo,AZ\n\
             khachmaz,,,Xaçmaz Gənclər Birliyi,ngo,AZ\n\
             fargona,Farg‘ona Yoshlar Markazi,,,ngo,UZ\n",
        )
        .expect("write the file");
        for args in [&["generate", "--organizations", "0", "--demo"][..], &["import", csv.to_str().unwrap()][..]] {
            let status = irene()
                .args(args)
                .arg("--data")
                .arg(&instance)
                .args(["--database-url", &database.shared_url()])
                .status()
                .expect("run irene");
            assert!(status.success(), "irene {args:?}");
        }
        let server = Server::demo(&database).await;
        let cases = [
            ("Imedi", "imedi"),
            ("imedi asotsiatsia", "imedi"),
            ("Huys", "huys"),
            ("Huys Himnadram", "huys"),
            ("Sefqet", "shafqat"),
            ("Shafqat", "shafqat"),
            ("Шафгат", "shafqat"),
            ("Xacmaz", "khachmaz"),
            ("Khachmaz", "khachmaz"),
            ("Fargona", "fargona"),
        ];
        for (text, slug) in cases {
            assert!(finds(&server, text, slug).await, "{}: “{text}” should find {slug}", backend.name());
        }
        assert!(!finds(&server, "Sefqat Huys", "shafqat").await, "every word must still match");
    }
}

/// Counts by SQL, as the search should report them.
async fn sql_counts(pool: &AnyPool, sql: &str) -> BTreeMap<String, u64> {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_all(pool)
        .await
        .expect("oracle query")
        .iter()
        .map(|row| (row.get::<String, _>(0), row.get::<i64, _>(1) as u64))
        .collect()
}

fn facet(answer: &serde_json::Value, name: &str) -> BTreeMap<String, u64> {
    answer["facets"][name].as_object().expect("facet").iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect()
}

async fn names_containing(pool: &AnyPool, forms: &[&str]) -> u64 {
    let condition = forms.iter().map(|f| format!("name LIKE '%{f}%'")).collect::<Vec<_>>().join(" OR ");
    let sql = format!("SELECT COUNT(*) FROM organizations WHERE {condition}");
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await.unwrap() as u64
}

#[tokio::test]
async fn ten_thousand_organisations_search_alike_in_every_script_with_exact_facet_counts() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let status = irene()
            .args(["generate", "--organizations", "10000", "--seed", "7", "--demo", "--data"])
            .arg(database.data_dir.path().join("instance"))
            .args(["--database-url", &database.shared_url()])
            .status()
            .expect("run irene generate");
        assert!(status.success());
        let server = Server::demo(&database).await;
        let pool = database.pool().await;
        let name = backend.name();

        let all = server.search("per_page=1").await;
        assert_eq!(all["total"], 10_037, "{name}: the generated set and the demo");

        // Every spelling of a root finds the same organisations, at least all
        // whose names hold one of its spellings.
        for (az, ru, en) in irene::demo::synthetic::ROOTS.iter().chain(irene::demo::synthetic::SURNAMES) {
            let in_names = names_containing(&pool, &[az, ru, en]).await;
            let totals = [
                total(&server, &format!("q={}", encode(az))).await,
                total(&server, &format!("q={}", encode(ru))).await,
                total(&server, &format!("q={}", encode(en))).await,
            ];
            assert!(totals[0] == totals[1] && totals[1] == totals[2], "{name}: {az}/{ru}/{en} → {totals:?}");
            assert!(totals[0] >= in_names && in_names > 0, "{name}: {az}: {} found of {in_names} named", totals[0]);
        }

        // Azerbaijani folding, a typo, a prefix being typed.
        let named = names_containing(&pool, &["Qasımov", "Гасымов", "Gasimov"]).await;
        assert!(total(&server, "q=Qasimov").await >= named);
        let named = names_containing(&pool, &["Məmmədov", "Маммадов", "Mammadov"]).await;
        assert_eq!(total(&server, "q=Mammadov").await, total(&server, &format!("q={}", encode("Məmmədov"))).await);
        assert!(total(&server, "q=Mammadov").await >= named);
        let khazar = names_containing(&pool, &["Xəzər", "Хазар", "Khazar"]).await;
        assert!(total(&server, "q=Xazr").await >= khazar, "{name}: one letter missing");
        assert!(total(&server, "q=Khazra").await >= khazar, "{name}: two letters swapped");
        assert!(total(&server, &format!("q={}", encode("Xəzə"))).await >= khazar, "{name}: prefix");
        let hits = server.search(&format!("q={}&per_page=50", encode("Хазар Экологический"))).await;
        for item in hits["items"].as_array().unwrap() {
            let names = item["names"].to_string().to_lowercase();
            assert!(names.contains("хазар") || names.contains("xəzər") || names.contains("khazar"), "{name}: {names}");
        }

        // Facet counts with nothing selected are the database's own counts.
        let everything = server.search("per_page=1").await;
        let by_country =
            sql_counts(&pool, "SELECT country, COUNT(*) FROM organizations WHERE country IS NOT NULL GROUP BY country")
                .await;
        assert_eq!(facet(&everything, "country"), by_country, "{name}: countries");
        let by_kind = sql_counts(&pool, "SELECT kind, COUNT(*) FROM organizations GROUP BY kind").await;
        assert_eq!(facet(&everything, "kind"), by_kind, "{name}: kinds");
        let by_status =
            sql_counts(&pool, "SELECT consultative_status, COUNT(*) FROM organizations GROUP BY consultative_status")
                .await;
        assert_eq!(facet(&everything, "status"), by_status, "{name}: statuses");
        let by_network = sql_counts(
            &pool,
            "SELECT n.slug, COUNT(DISTINCT x.organization_id) FROM networks n JOIN ( \
               SELECT network_id, organization_id FROM network_members \
               UNION SELECT id, coordinator_id FROM networks WHERE coordinator_id IS NOT NULL \
               UNION SELECT fp.network_id, fpo.organization_id FROM focal_point_organizations fpo \
                     JOIN focal_points fp ON fp.id = fpo.focal_point_id) x ON x.network_id = n.id GROUP BY n.slug",
        )
        .await;
        assert_eq!(facet(&everything, "network"), by_network, "{name}: networks");

        // With a filter, the other facets count within it.
        let georgian_ngos =
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM organizations WHERE country = 'GE' AND kind = 'ngo'")
                .fetch_one(&pool)
                .await
                .unwrap() as u64;
        let answer = server.search("country=GE&kind=ngo&per_page=1").await;
        assert_eq!(answer["total"].as_u64().unwrap(), georgian_ngos, "{name}");
        let kinds_in_georgia =
            sql_counts(&pool, "SELECT kind, COUNT(*) FROM organizations WHERE country = 'GE' GROUP BY kind").await;
        assert_eq!(facet(&answer, "kind"), kinds_in_georgia, "{name}: kinds within the country filter");
        let ngo_countries = sql_counts(
            &pool,
            "SELECT country, COUNT(*) FROM organizations WHERE kind = 'ngo' AND country IS NOT NULL GROUP BY country",
        )
        .await;
        assert_eq!(facet(&answer, "country"), ngo_countries, "{name}: countries within the kind filter");

        // Paging through a query visits each organisation once.
        let query = format!("q={}&sort=name&per_page=100", encode("Buta"));
        let expected = total(&server, &query).await as usize;
        let mut seen = std::collections::BTreeSet::new();
        for page in 1..=expected.div_ceil(100) {
            seen.extend(slugs(&server.search(&format!("{query}&page={page}")).await));
        }
        assert_eq!(seen.len(), expected, "{name}: pagination covers every match once");
        pool.close().await;
        let _ = Backend::Sqlite;
    }
}

/// The files of an instance's search index whose names end with `extension`.
fn index_files(server_data: &std::path::Path, extension: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(server_data.join("search").join("directory"))
        .expect("the index folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect()
}

#[tokio::test]
async fn a_damaged_search_index_is_rebuilt_at_start() {
    for backend in backends() {
        let database = TestDatabase::new(&backend).await;
        let data = database.data_dir.path().join("instance");
        let start = async || Server::start(&data, Some(&database.shared_url()), &["--demo"]).await;
        let server = start().await;
        assert!(finds(&server, "Buta", "buta-children-humanitarian-foundation").await);
        server.stop();

        let indexes = index_files(&data, "idx");
        assert!(!indexes.is_empty(), "a segment has a term index");
        for file in indexes {
            std::fs::remove_file(file).unwrap();
        }
        let server = start().await;
        assert!(finds(&server, "Buta", "buta-children-humanitarian-foundation").await, "{}", backend.name());
        server.stop();

        for file in index_files(&data, "store") {
            let mut bytes = std::fs::read(&file).unwrap();
            let (middle, end) = (bytes.len() / 2, (bytes.len() / 2 + 64).min(bytes.len()));
            for byte in &mut bytes[middle..end] {
                *byte ^= 0xA5;
            }
            std::fs::write(&file, bytes).unwrap();
        }
        let server = start().await;
        assert!(finds(&server, "Бута", "buta-children-humanitarian-foundation").await, "{}", backend.name());
        assert!(total(&server, "").await > 0);
    }
}
