//! Where uploaded files are kept: as base64 text in their own row of the database, or, when an S3-compatible
//! store is configured, as objects in its bucket, the row keeping the object's key. A file is read back from
//! wherever its row says it is, so files kept before a store was configured stay readable.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow};
use axum::body::Bytes;
use axum::http::{Method, Request, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};

use super::files::StoredFile;

/// How long a signed request to the store stays valid: long enough to send the largest file allowed.
const SIGNED_FOR: Duration = Duration::from_secs(300);

/// The S3-compatible store's settings, from the command line or the environment; none of them: the database.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct S3Options {
    /// Address of an S3-compatible store for uploaded files (https://s3.eu-central-1.amazonaws.com,
    /// http://127.0.0.1:9000); without it, files are kept in the database.
    #[arg(long, env = "IRENE_S3_ENDPOINT")]
    pub s3_endpoint: Option<String>,
    /// The bucket the files go to; it must exist.
    #[arg(long, env = "IRENE_S3_BUCKET")]
    pub s3_bucket: Option<String>,
    /// The store's region.
    #[arg(long, env = "IRENE_S3_REGION", default_value = "us-east-1")]
    pub s3_region: String,
    /// The access key of the store's credentials.
    #[arg(long, env = "IRENE_S3_ACCESS_KEY", hide_env_values = true)]
    pub s3_access_key: Option<String>,
    /// The secret key of the store's credentials.
    #[arg(long, env = "IRENE_S3_SECRET_KEY", hide_env_values = true)]
    pub s3_secret_key: Option<String>,
}

/// Where the files of this instance go.
#[derive(Clone, Default)]
pub enum FileStore {
    /// In the database, beside the file's row.
    #[default]
    Database,
    S3(Arc<S3Store>),
}

/// A bucket of an S3-compatible store, reached over HTTP with signed requests.
pub struct S3Store {
    bucket: Bucket,
    credentials: Credentials,
    http: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

/// Where one kept file is: what its row stores.
pub struct Placement {
    /// The file in base64, or empty when it is in the store.
    pub content: String,
    /// The object's key in the store's bucket.
    pub object_key: Option<String>,
}

impl FileStore {
    /// The store the options name: the database without an endpoint; an endpoint needs a bucket and both keys.
    pub fn from_options(options: &S3Options) -> anyhow::Result<FileStore> {
        let Some(endpoint) = options.s3_endpoint.as_deref().filter(|e| !e.trim().is_empty()) else {
            return Ok(FileStore::Database);
        };
        let endpoint = url::Url::parse(endpoint.trim()).context("IRENE_S3_ENDPOINT is not a URL")?;
        let missing = |name: &str| anyhow!("IRENE_S3_ENDPOINT is set, so {name} must be set too");
        let bucket = options.s3_bucket.clone().ok_or_else(|| missing("IRENE_S3_BUCKET"))?;
        let access_key = options.s3_access_key.clone().ok_or_else(|| missing("IRENE_S3_ACCESS_KEY"))?;
        let secret_key = options.s3_secret_key.clone().ok_or_else(|| missing("IRENE_S3_SECRET_KEY"))?;
        let bucket = Bucket::new(endpoint, UrlStyle::Path, bucket, options.s3_region.clone())
            .map_err(|error| anyhow!("the S3 endpoint and bucket do not make an address: {error:?}"))?;
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())?
            .https_or_http()
            .enable_http1()
            .build();
        let http = Client::builder(TokioExecutor::new()).build(connector);
        Ok(FileStore::S3(Arc::new(S3Store { bucket, credentials: Credentials::new(access_key, secret_key), http })))
    }

    /// Keeps a file under a key beginning with `prefix` in the store, or answers its base64 for the row.
    pub async fn put(&self, prefix: &str, file: &StoredFile) -> anyhow::Result<Placement> {
        let FileStore::S3(store) = self else {
            return Ok(Placement { content: file.encoded.clone(), object_key: None });
        };
        let key = format!("{prefix}/{}", uuid::Uuid::new_v4());
        let bytes = BASE64.decode(&file.encoded)?;
        let url = store.bucket.put_object(Some(&store.credentials), &key).sign(SIGNED_FOR);
        let content_type = file.content_type.unwrap_or("application/octet-stream");
        store.send(Method::PUT, url, Some(content_type), bytes.into(), "keep").await?;
        Ok(Placement { content: String::new(), object_key: Some(key) })
    }

    /// A kept file's bytes, from its row or from the store.
    pub async fn read(&self, content: &str, object_key: Option<&str>) -> anyhow::Result<Vec<u8>> {
        let Some(key) = object_key else {
            return Ok(BASE64.decode(content)?);
        };
        let store = self.store(key)?;
        let url = store.bucket.get_object(Some(&store.credentials), key).sign(SIGNED_FOR);
        Ok(store.send(Method::GET, url, None, Bytes::new(), "read").await?.to_vec())
    }

    /// Removes kept files from the store (a file in a row goes with its row).
    pub async fn delete(&self, object_keys: &[String]) -> anyhow::Result<()> {
        for key in object_keys {
            let store = self.store(key)?;
            let url = store.bucket.delete_object(Some(&store.credentials), key).sign(SIGNED_FOR);
            store.send(Method::DELETE, url, None, Bytes::new(), "delete").await?;
        }
        Ok(())
    }

    fn store(&self, key: &str) -> anyhow::Result<&S3Store> {
        match self {
            FileStore::S3(store) => Ok(store),
            FileStore::Database => Err(anyhow!("the file {key} is in an S3 store, and none is configured")),
        }
    }
}

impl S3Store {
    /// Sends a signed request and answers the body of a successful answer, else an error saying what failed.
    async fn send(
        &self,
        method: Method,
        url: url::Url,
        content_type: Option<&str>,
        body: Bytes,
        what: &str,
    ) -> anyhow::Result<Bytes> {
        let mut request = Request::builder().method(method).uri(url.as_str());
        if let Some(content_type) = content_type {
            request = request.header(header::CONTENT_TYPE, content_type);
        }
        let exchange = async {
            let response = self.http.request(request.body(Full::new(body))?).await?;
            let status = response.status();
            let body = response.into_body().collect().await?.to_bytes();
            anyhow::Ok((status, body))
        };
        let (status, body) = tokio::time::timeout(SIGNED_FOR, exchange)
            .await
            .map_err(|_| anyhow!("the S3 store did not answer in time to {what} a file"))?
            .with_context(|| format!("the S3 store could not be reached to {what} a file"))?;
        if status.is_success() {
            Ok(body)
        } else {
            Err(anyhow!("the S3 store answered {status} when asked to {what} a file"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(endpoint: Option<&str>) -> S3Options {
        S3Options {
            s3_endpoint: endpoint.map(str::to_string),
            s3_bucket: Some("irene".into()),
            s3_region: "us-east-1".into(),
            s3_access_key: Some("key".into()),
            s3_secret_key: None,
        }
    }

    #[test]
    fn without_an_endpoint_files_stay_in_the_database() {
        assert!(matches!(FileStore::from_options(&options(None)), Ok(FileStore::Database)));
        assert!(matches!(FileStore::from_options(&options(Some(" "))), Ok(FileStore::Database)));
    }

    #[test]
    fn an_endpoint_needs_its_keys() {
        let error = FileStore::from_options(&options(Some("http://127.0.0.1:9000"))).err().unwrap();
        assert!(error.to_string().contains("IRENE_S3_SECRET_KEY"), "{error}");
        let with_secret = S3Options { s3_secret_key: Some("secret".into()), ..options(Some("ftp://store")) };
        let error = FileStore::from_options(&with_secret).err().unwrap();
        assert!(error.to_string().contains("address"), "{error}");
    }

    #[tokio::test]
    async fn a_file_in_the_database_is_read_from_its_row() {
        let store = FileStore::Database;
        let file = StoredFile { size: 4, content_type: None, sha256: String::new(), encoded: BASE64.encode(b"%PDF") };
        let placement = store.put("library", &file).await.unwrap();
        assert_eq!(placement.object_key, None);
        assert_eq!(store.read(&placement.content, None).await.unwrap(), b"%PDF");
        assert!(store.read("", Some("library/x")).await.is_err());
    }
}
