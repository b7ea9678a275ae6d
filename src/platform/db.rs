//! One database code path for SQLite and PostgreSQL.
//!
//! Queries go through sqlx's `Any` driver and use `$N` placeholders, which both
//! backends accept. Only portable column types are used (BIGINT, TEXT): dates are
//! ISO-8601 text and localized strings are JSON text, so nothing depends on the
//! types `Any` cannot carry.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

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
}

/// Key of the PostgreSQL advisory lock held while the schema or the demo data
/// is being written, so that instances starting together take turns.
const SCHEMA_LOCK_KEY: i64 = 0x4952_454e_4501;

impl Db {
    /// Connects to `url`, or to `irene.db` inside `data_dir` when no URL is given.
    pub async fn connect(url: Option<&str>, data_dir: &Path) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let url = match url {
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
        Ok(Db { pool, dialect })
    }

    /// Runs `work` while holding the schema lock: an advisory lock on PostgreSQL;
    /// on SQLite the write transactions themselves serialise.
    pub async fn with_schema_lock<T, F>(&self, work: F) -> anyhow::Result<T>
    where
        F: AsyncFnOnce() -> anyhow::Result<T>,
    {
        match self.dialect {
            Dialect::Sqlite => work().await,
            Dialect::Postgres => {
                let mut conn = self.pool.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock($1)")
                    .bind(SCHEMA_LOCK_KEY)
                    .execute(&mut *conn)
                    .await?;
                let result = work().await;
                sqlx::query("SELECT pg_advisory_unlock($1)")
                    .bind(SCHEMA_LOCK_KEY)
                    .execute(&mut *conn)
                    .await?;
                result
            }
        }
    }

    /// A list of `$N` placeholders starting at `first`, for `IN (...)` clauses.
    pub fn placeholders(first: usize, count: usize) -> String {
        (first..first + count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
    }
}

/// Hides the password of a database URL before it is logged or shown.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
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
}
