//! Uploaded files: reading one from a multipart field within a limit (typed by its first bytes, hashed and
//! base64-encoded as it arrives), and sending one back as a download. Where they are kept is `objects`' business.

use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};

use super::web::{AppError, Problem};

/// The type of a document, read from its first bytes (never from what the browser claims).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 5] = [
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        // Word (.docx) and OpenDocument files are ZIP archives.
        (b"PK\x03\x04", "application/zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, content_type)| *content_type)
}

/// A file name safe to show and to send back: no folders, no control characters, not too long.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(200).collect();
    if cleaned.trim().is_empty() { "document".into() } else { cleaned }
}

/// The first bytes of a document, enough to tell its type.
const HEAD: usize = 16;

/// A document's bytes as they arrive: counted, hashed and encoded for the database chunk by chunk, so that a
/// request holds one encoded copy at most, and no more of it than may be stored.
#[derive(Default)]
struct Received {
    size: usize,
    head: Vec<u8>,
    sha256: Sha256,
    encoded: String,
    /// The last bytes received, fewer than base64 encodes at once.
    pending: Vec<u8>,
}

impl Received {
    fn take(&mut self, chunk: &[u8]) {
        self.size += chunk.len();
        let wanted = HEAD.saturating_sub(self.head.len()).min(chunk.len());
        self.head.extend_from_slice(&chunk[..wanted]);
        self.sha256.update(chunk);
        self.pending.extend_from_slice(chunk);
        let whole = self.pending.len() / 3 * 3;
        BASE64.encode_string(&self.pending[..whole], &mut self.encoded);
        self.pending.drain(..whole);
    }

    fn finish(mut self) -> StoredFile {
        BASE64.encode_string(&self.pending, &mut self.encoded);
        let sha256 = self.sha256.finalize().iter().map(|b| format!("{b:02x}")).collect();
        StoredFile { size: self.size, content_type: sniff(&self.head), sha256, encoded: self.encoded }
    }
}

/// A document read whole, ready to store.
pub struct StoredFile {
    pub size: usize,
    /// What its first bytes say it is; `None` for a type no page accepts.
    pub content_type: Option<&'static str>,
    pub sha256: String,
    /// Base64, as the database keeps it.
    pub encoded: String,
}

impl StoredFile {
    /// No file: what a form sent without one holds.
    pub fn empty() -> StoredFile {
        Received::default().finish()
    }
}

/// An upload whose body broke off: a 413 when it is too large, else a 400 naming the file.
pub fn unreadable(error: MultipartError) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::TooLarge
    } else {
        AppError::bad("file", Problem::Invalid(error.body_text()))
    }
}

/// An upload that is not a multipart form: a 400 naming the file.
pub fn rejected(rejection: MultipartRejection) -> AppError {
    AppError::bad("file", Problem::Invalid(rejection.body_text()))
}

/// Reads a file field to its end, or stops at its first byte beyond `limit` and answers `None`, leaving the rest
/// of the request unread.
pub async fn read_field(field: &mut Field<'_>, limit: u64) -> Result<Option<StoredFile>, MultipartError> {
    let mut received = Received::default();
    while let Some(chunk) = field.chunk().await? {
        if (received.size + chunk.len()) as u64 > limit {
            return Ok(None);
        }
        received.take(&chunk);
    }
    Ok(Some(received.finish()))
}

/// A file's bytes sent as a download: `Content-Disposition: attachment` with its name, and its sniffed type (the
/// router adds `nosniff` to every answer).
pub fn attachment(file_name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let name: String = form_urlencoded::byte_serialize(file_name.as_bytes()).collect();
    let disposition = format!("attachment; filename*=UTF-8''{}", name.replace('+', "%20"));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The hexadecimal SHA-256 of a file's bytes.
pub fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_typed_by_their_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"PK\x03\x04word/document.xml"), Some("application/zip"));
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn file_names_lose_folders_and_quotes() {
        assert_eq!(clean_file_name("C:\\Users\\a\\Устав \"2024\".pdf"), "Устав 2024.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name(""), "document");
    }

    #[test]
    fn a_file_is_encoded_whole_whatever_its_chunks() {
        let mut received = Received::default();
        for chunk in [&b"%PD"[..], b"F-1", b".7 and more"] {
            received.take(chunk);
        }
        let file = received.finish();
        assert_eq!(BASE64.decode(&file.encoded).unwrap(), b"%PDF-1.7 and more");
        assert_eq!(file.content_type, Some("application/pdf"));
        assert_eq!(file.sha256, hex_sha256(b"%PDF-1.7 and more"));
    }
}
