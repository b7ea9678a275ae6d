//! One database code path for SQLite and PostgreSQL.
//!
//! Queries go through sqlx's `Any` driver and use `$N` placeholders, which both
//! backends accept. Only portable column types are used (BIGINT, TEXT): dates are
//! ISO-8601 text and localized strings are JSON text, so nothing depends on the
//! types `Any` cannot carry.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

/// A query of the `Any` driver with its arguments, as functions that bind a shared list of columns take it.
pub type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// Which SQL dialect the pool speaks; the few statements that differ ask this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub dialect: Dialect,
    /// For a SQLite file: the file locked while the schema is written, beside it.
    schema_lock_file: Option<PathBuf>,
    /// For a SQLite file: the file as opened, to notice when it is deleted or replaced under the server.
    opened_file: Option<OpenedFile>,
}

/// A SQLite database file and the identity (device and inode) it had when the server opened it. Connections
/// opened before its deletion keep writing to the deleted file, while new ones create an empty database at the
/// path: neither is the data the server should serve.
#[derive(Clone, Debug)]
struct OpenedFile {
    path: PathBuf,
    identity: Option<FileIdentity>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileIdentity {
    device: u64,
    inode: u64,
}

impl FileIdentity {
    #[cfg(unix)]
    fn of(path: &Path) -> Option<FileIdentity> {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|meta| FileIdentity { device: meta.dev(), inode: meta.ino() })
    }

    /// Elsewhere a file's identity is not told: only its presence is checked.
    #[cfg(not(unix))]
    fn of(path: &Path) -> Option<FileIdentity> {
        std::fs::metadata(path).ok().map(|_| FileIdentity { device: 0, inode: 0 })
    }
}

/// Key of the PostgreSQL advisory lock held while the schema or the demo data
/// is being written, so that instances starting together take turns.
const SCHEMA_LOCK_KEY: i64 = 0x4952_454e_4501;

impl Db {
    /// Connects to `url`, or to `irene.db` inside `data_dir` when no URL is given.
    pub async fn connect(url: Option<&str>, data_dir: &Path) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let url = match url {
            // A SQLite file named by the operator is created when missing, like the default one.
            Some(url) if url.starts_with("sqlite:") && !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            Some(url) => url.to_string(),
            None => format!("sqlite://{}?mode=rwc", data_dir.join("irene.db").display()),
        };
        let dialect = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Dialect::Postgres
        } else if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else {
            bail!("unsupported database URL (expected sqlite:// or postgres://): {url}");
        };
        let options = AnyConnectOptions::from_str(&url).context("invalid database URL")?;
        let pool_options = match dialect {
            Dialect::Sqlite => AnyPoolOptions::new().max_connections(8).after_connect(|conn, _| {
                Box::pin(async move {
                    // WAL lets readers run beside the writer; the timeout makes a
                    // second instance on the same file wait instead of failing.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    Ok(())
                })
            }),
            Dialect::Postgres => AnyPoolOptions::new().max_connections(16),
        };
        let pool = pool_options
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open the database at {}", redact(&url)))?;
        let file = match dialect {
            Dialect::Sqlite => sqlite_file(&url).map(PathBuf::from),
            Dialect::Postgres => None,
        };
        let schema_lock_file = file.as_ref().map(|file| PathBuf::from(format!("{}.schema-lock", file.display())));
        let opened_file = file.map(|path| OpenedFile { identity: FileIdentity::of(&path), path });
        Ok(Db { pool, dialect, schema_lock_file, opened_file })
    }

    /// Starts a transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), waiting for it under
    /// the busy timeout: a deferred transaction that reads and then writes fails at once with "database is
    /// locked" when another connection committed in between, since its snapshot is then stale.
    pub async fn begin(&self) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Any>> {
        match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => self.pool.begin().await,
        }
    }

    /// False when the SQLite file the server opened was deleted or replaced since; true for PostgreSQL, whose
    /// identity the caller checks in the database itself.
    pub fn is_the_file_opened(&self) -> bool {
        self.opened_file
            .as_ref()
            .is_none_or(|opened| opened.identity.is_some() && FileIdentity::of(&opened.path) == opened.identity)
    }

    /// Runs `work` while holding the schema lock: an advisory lock on
    /// PostgreSQL, a lock on a file beside the database on SQLite.
    pub async fn with_schema_lock<T, F>(&self, work: F) -> anyhow::Result<T>
    where
        F: AsyncFnOnce() -> anyhow::Result<T>,
    {
        match self.dialect {
            Dialect::Sqlite => {
                let Some(path) = self.schema_lock_file.clone() else {
                    return work().await;
                };
                let lock = tokio::task::spawn_blocking(move || -> anyhow::Result<std::fs::File> {
                    let file = std::fs::OpenOptions::new()
                        .create(true)
                        .truncate(false)
                        .write(true)
                        .open(&path)
                        .with_context(|| format!("cannot create the lock file {}", path.display()))?;
                    file.lock()?;
                    Ok(file)
                })
                .await??;
                let result = work().await;
                drop(lock);
                result
            }
            Dialect::Postgres => {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock($1)").bind(SCHEMA_LOCK_KEY).execute(&mut *conn).await?;
                let result = work().await;
                sqlx::query("SELECT pg_advisory_unlock($1)").bind(SCHEMA_LOCK_KEY).execute(&mut *conn).await?;
                result
            }
        }
    }

    /// A list of `$N` placeholders starting at `first`, for `IN (...)` clauses.
    pub fn placeholders(first: usize, count: usize) -> String {
        (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
    }

    /// The rows of `sql` for every id of `ids`, in statements of at most 500 ids, where `{ids}` in `sql` stands
    /// for their placeholders: a page or a job about many organisations reads them in a few statements rather
    /// than one or more each.
    pub async fn fetch_for_ids(&self, sql: &'static str, ids: &[i64]) -> sqlx::Result<Vec<sqlx::any::AnyRow>> {
        let mut rows = Vec::new();
        for chunk in ids.chunks(500) {
            let statement = sql.replace("{ids}", &Db::placeholders(1, chunk.len()));
            let query = chunk.iter().fold(sqlx::query(sqlx::AssertSqlSafe(statement)), |query, id| query.bind(*id));
            rows.extend(query.fetch_all(&self.pool).await?);
        }
        Ok(rows)
    }
}

/// The file path of a SQLite URL, when it names a file.
fn sqlite_file(url: &str) -> Option<String> {
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next()?;
    (!path.is_empty() && !path.contains(":memory:")).then(|| path.to_string())
}

/// Hides the password of a database URL before it is logged or shown.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme_end + 3], &credentials[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_only() {
        assert_eq!(redact("postgres://irene:secret@db/irene"), "postgres://irene:***@db/irene");
        assert_eq!(redact("postgres://irene@db/irene"), "postgres://irene@db/irene");
        assert_eq!(redact("sqlite://./x.db"), "sqlite://./x.db");
    }

    #[test]
    fn numbers_placeholders_from_the_given_start() {
        assert_eq!(Db::placeholders(2, 3), "$2, $3, $4");
    }

    #[tokio::test]
    async fn a_transaction_that_reads_then_writes_survives_a_write_committed_meanwhile() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::connect(None, dir.path()).await.expect("SQLite opens");
        sqlx::query("CREATE TABLE counters (n INTEGER)").execute(&db.pool).await.expect("table");
        let mut tx = db.begin().await.expect("transaction");
        let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM counters").fetch_one(&mut *tx).await.expect("read");
        let other = {
            let pool = db.pool.clone();
            tokio::spawn(async move { sqlx::query("INSERT INTO counters (n) VALUES (1)").execute(&pool).await })
        };
        tokio::time::sleep(Duration::from_millis(200)).await;
        sqlx::query("INSERT INTO counters (n) VALUES ($1)")
            .bind(seen + 10)
            .execute(&mut *tx)
            .await
            .expect("write after read");
        tx.commit().await.expect("commit");
        other.await.expect("task").expect("the other write waits for the lock instead of failing");
        let total: i64 = sqlx::query_scalar("SELECT SUM(n) FROM counters").fetch_one(&db.pool).await.expect("sum");
        assert_eq!(total, 11);
    }
}
