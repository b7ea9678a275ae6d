//! Starting real `irene` processes against real databases for the tests.

#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::AnyPool;

pub mod smtp;

/// Where a test's data lives: a SQLite file of its own, or a database of its
/// own on the throwaway PostgreSQL cluster the test script started.
#[derive(Clone, Debug)]
pub enum Backend {
    Sqlite,
    Postgres { admin_url: String },
}

impl Backend {
    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres { .. } => "postgres",
        }
    }
}

/// Every backend the suite must pass on. PostgreSQL is required under CI.
pub fn backends() -> Vec<Backend> {
    let mut backends = vec![Backend::Sqlite];
    match std::env::var("IRENE_TEST_POSTGRES_URL") {
        Ok(admin_url) if !admin_url.is_empty() => backends.push(Backend::Postgres { admin_url }),
        _ if std::env::var("CI").is_ok() => panic!("IRENE_TEST_POSTGRES_URL must be set under CI"),
        _ => eprintln!("IRENE_TEST_POSTGRES_URL not set: PostgreSQL half of this test skipped"),
    }
    backends
}

/// A fresh, empty database for one test.
pub struct TestDatabase {
    pub url: Option<String>,
    pub data_dir: tempfile::TempDir,
}

impl TestDatabase {
    pub async fn new(backend: &Backend) -> TestDatabase {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let url = match backend {
            Backend::Sqlite => None,
            Backend::Postgres { admin_url } => {
                sqlx::any::install_default_drivers();
                let admin = AnyPool::connect(admin_url).await.expect("connect to the test cluster");
                let name = format!("irene_test_{}", uuid::Uuid::new_v4().simple());
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&admin)
                    .await
                    .expect("create test database");
                admin.close().await;
                let base = admin_url.rsplit_once('/').map(|(base, _)| base).unwrap_or(admin_url);
                Some(format!("{base}/{name}"))
            }
        };
        TestDatabase { url, data_dir }
    }

    /// The URL any process (a second instance, the test itself) reaches this database by.
    pub fn shared_url(&self) -> String {
        self.url.clone().unwrap_or_else(|| format!("sqlite://{}", self.data_dir.path().join("irene.db").display()))
    }

    pub async fn pool(&self) -> AnyPool {
        sqlx::any::install_default_drivers();
        AnyPool::connect(&self.shared_url()).await.expect("connect to the test database")
    }
}

/// The smallest PNG there is: one transparent pixel.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\x04\0\x09\xfb\x03\xfd\xe3U\xf2\x9c\0\0\0\0IEND\xaeB`\x82";

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port()
}

pub fn irene() -> Command {
    Command::new(env!("CARGO_BIN_EXE_irene"))
}

/// A running `irene serve`; stopped when dropped.
pub struct Server {
    pub base: String,
    pub data_dir: PathBuf,
    child: Child,
    log: PathBuf,
}

impl Server {
    /// Starts an instance with its own data folder `data_dir`, on `database_url`
    /// (None: the SQLite file in that folder), and waits until it is ready.
    pub async fn start(data_dir: &Path, database_url: Option<&str>, extra: &[&str]) -> Server {
        let port = free_port();
        let log = data_dir.with_extension(format!("{port}.log"));
        std::fs::create_dir_all(data_dir).expect("data dir");
        let mut command = irene();
        command
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--data"])
            .arg(data_dir)
            .args(extra)
            .env("IRENE_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"));
        if let Some(url) = database_url {
            command.args(["--database-url", url]);
        }
        let child = command.spawn().expect("start irene");
        let mut server =
            Server { base: format!("http://127.0.0.1:{port}"), data_dir: data_dir.to_path_buf(), child, log };
        server.wait_ready().await;
        server
    }

    /// Starts the instance of a test database, loading the demo data.
    pub async fn demo(database: &TestDatabase) -> Server {
        Server::start(&database.data_dir.path().join("instance"), Some(&database.shared_url()), &["--demo"]).await
    }

    /// Starts the instance of a test database with the demo, sending mail to `smtp_url`.
    pub async fn demo_with_mail(database: &TestDatabase, smtp_url: &str) -> Server {
        let args = ["--demo", "--smtp-url", smtp_url];
        Server::start(&database.data_dir.path().join("instance"), Some(&database.shared_url()), &args).await
    }

    async fn wait_ready(&mut self) {
        let started = Instant::now();
        let client = reqwest::Client::new();
        loop {
            if let Ok(Some(exit)) = self.child.try_wait() {
                panic!("irene exited ({exit}) before it was ready; log:\n{}", self.log());
            }
            if let Ok(response) = client.get(format!("{}/healthz", self.base)).send().await
                && response.status() == 200
            {
                return;
            }
            if started.elapsed() > Duration::from_secs(90) {
                panic!("irene did not become ready; log:\n{}", self.log());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        reqwest::get(self.url(path)).await.expect("request")
    }

    pub async fn text(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    pub async fn json(&self, path: &str) -> (u16, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status().as_u16();
        (status, response.json().await.expect("JSON body"))
    }

    /// The organisation search API's answer for a query string.
    pub async fn search(&self, query: &str) -> serde_json::Value {
        let (status, body) = self.json(&format!("/api/v1/organizations?{query}")).await;
        assert_eq!(status, 200, "{query}: {body}");
        body
    }

    pub fn stop(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The slugs of a search answer, in order.
pub fn slugs(answer: &serde_json::Value) -> Vec<String> {
    answer["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["slug"].as_str().expect("slug").to_string())
        .collect()
}

pub fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// A browser's view of the portal: its own cookies, redirects not followed
/// (so tests see them), and forms posted from the portal's own pages.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

impl Browser {
    pub fn new(server: &Server) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("irene-tests")
            .build()
            .expect("client");
        Browser { client, base: server.base.clone() }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.expect("GET")
    }

    pub async fn page(&self, path: &str) -> (u16, String) {
        let response = self.get(path).await;
        (response.status().as_u16(), response.text().await.expect("body"))
    }

    /// Posts a form the way a browser does from one of the portal's pages.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .header("sec-fetch-site", "same-origin")
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    pub async fn post_page(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, Option<String>) {
        let response = self.post(path, fields).await;
        let status = response.status().as_u16();
        let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_string());
        (status, response.text().await.expect("body"), location)
    }
}

/// Posts a file (as the field `file_field`) as a browser's multipart form does, with the form's other fields;
/// answers the status and the page, or the address redirected to.
pub async fn post_file(
    browser: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    (file_field, file_name): (&str, &str),
    bytes: &[u8],
) -> (u16, String) {
    let boundary = "irene-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        let part = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        body.extend_from_slice(part.as_bytes());
    }
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    );
    body.extend_from_slice(head.as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let response = browser
        .client
        .post(format!("{}{path}", browser.base))
        .header("origin", &browser.base)
        .header("sec-fetch-site", "same-origin")
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .expect("multipart post");
    let status = response.status().as_u16();
    let text = match response.headers().get("location") {
        Some(location) => location.to_str().unwrap().to_string(),
        None => response.text().await.expect("body"),
    };
    (status, text)
}

/// The ids of the requests waiting in a coordinator's (or administrator's) queue.
pub async fn queued_requests(browser: &Browser) -> Vec<String> {
    let (_, queue) = browser.page("/requests").await;
    let mut ids: Vec<String> =
        queue.split("action=\"/requests/").skip(1).map(|s| s.split('/').next().unwrap().to_string()).collect();
    // Each request has a form to approve and one to decline.
    ids.dedup();
    ids
}

/// The first link in a text that starts with `prefix`.
pub fn link_in(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)?;
    let end = text[start..].find(|c: char| c.is_whitespace()).map_or(text.len(), |e| start + e);
    Some(text[start..end].to_string())
}

/// The password of every account the tests make.
pub const PASSWORD: &str = "a long enough passphrase";

/// Signs up through the form and confirms through the mailed link; returns the signed-in browser.
pub async fn sign_up(server: &Server, sink: &smtp::SmtpSink, email: &str) -> Browser {
    let browser = Browser::new(server);
    let before = sink.messages().len();
    let fields = [("email", email), ("display_name", email), ("password", PASSWORD), ("password_confirm", PASSWORD)];
    assert_eq!(browser.post("/account/signup", &fields).await.status(), 200);
    let mails = sink.wait_for(before + 1, Duration::from_secs(10)).await;
    let mail = mails.iter().rev().find(|m| m.to.iter().any(|t| t.contains(email))).expect("confirmation");
    let link = link_in(&mail.text, &format!("{}/account/confirm?token=", server.base)).expect("link");
    assert_eq!(browser.get(&link[server.base.len()..]).await.status(), 303);
    browser
}

/// Makes the administrator admin@irene.example with the command line and signs it in.
pub async fn sign_in_admin(server: &Server, database: &TestDatabase) -> Browser {
    let output = irene()
        .args(["admin", "create", "--email", "admin@irene.example", "--name", "Admin", "--data"])
        .arg(database.data_dir.path().join("cli"))
        .args(["--database-url", &database.shared_url()])
        .env("IRENE_ADMIN_PASSWORD", PASSWORD)
        .output()
        .expect("run irene admin create");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let admin = Browser::new(server);
    assert_eq!(
        admin.post("/account/signin", &[("email", "admin@irene.example"), ("password", PASSWORD)]).await.status(),
        303
    );
    admin
}
