//! A real SMTP server on loopback for the tests (aiosmtpd, which `scripts/test`
//! installs), storing what it receives in a Maildir, and a reader for those
//! messages. Addresses starting with `bounce` are refused for good and those
//! starting with `tempfail` once for now, and after a message to `hangup…` the
//! server closes the connection (`sink.py`), as a real server would. Self-contained, so a test may include it either as a module of
//! `support` or on its own with `#[path = "support/smtp.rs"] mod smtp;`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use tempfile::TempDir;

/// An aiosmtpd process listening on 127.0.0.1; killed when dropped.
pub struct SmtpSink {
    pub port: u16,
    /// `smtp://127.0.0.1:{port}`: what `IRENE_SMTP_URL` should be set to.
    pub url: String,
    dir: TempDir,
    child: Child,
}

impl SmtpSink {
    /// Starts the server and waits until it greets; panics with its error
    /// output if it does not within 15 seconds.
    pub fn start() -> SmtpSink {
        SmtpSink::start_with(&[])
    }

    /// Starts the server with more of aiosmtpd's options (`--tlscert`, `--smtpscert`, …).
    pub fn start_with(options: &[&str]) -> SmtpSink {
        let dir = tempfile::tempdir().expect("temp dir for the SMTP server");
        // Another process may take the free port before the server binds it.
        for attempt in 1..=3 {
            let port = free_port();
            let log = dir.path().join(format!("aiosmtpd-{port}.log"));
            let mut child = Command::new("python3")
                .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
                .args(options)
                .args(["-c", "sink.ScriptedMailbox"])
                .env("PYTHONPATH", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support"))
                .arg(dir.path().join("maildir"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).expect("SMTP server log"))
                .spawn()
                .expect("start python3 -m aiosmtpd (is python3 installed?)");
            // Under SMTPS the greeting comes only after the TLS handshake: a connection must do.
            let implicit_tls = options.contains(&"--smtpscert");
            match wait_ready(&mut child, port, &log, implicit_tls) {
                Ok(()) => return SmtpSink { port, url: format!("smtp://127.0.0.1:{port}"), dir, child },
                Err(problem) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    if attempt == 3 || !problem.contains("in use") {
                        panic!("the SMTP server did not start: {problem}");
                    }
                }
            }
        }
        unreachable!("the last attempt returns or panics")
    }

    pub fn maildir(&self) -> PathBuf {
        self.dir.path().join("maildir")
    }

    /// Every message received so far, in the order they arrived.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<(u64, PathBuf)> = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir().join(sub)) else { continue };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name.starts_with('.') {
                    files.push((arrival(&name), entry.path()));
                }
            }
        }
        files.sort();
        files
            .into_iter()
            .filter_map(|(_, path)| std::fs::read(path).ok())
            .map(|raw| ReceivedMail::parse(&raw))
            .collect()
    }

    /// Waits until at least `count` messages have arrived and returns them all;
    /// panics with what did arrive after `timeout`.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let started = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            if started.elapsed() > timeout {
                let subjects: Vec<&str> = messages.iter().map(|mail| mail.subject.as_str()).collect();
                panic!(
                    "{} of {count} mails arrived within {timeout:?}: {subjects:?}; server output:\n{}",
                    messages.len(),
                    self.server_output()
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn server_output(&self) -> String {
        std::fs::read_to_string(self.dir.path().join(format!("aiosmtpd-{}.log", self.port))).unwrap_or_default()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_ready(child: &mut Child, port: u16, log: &Path, implicit_tls: bool) -> Result<(), String> {
    let started = Instant::now();
    let output = || std::fs::read_to_string(log).unwrap_or_default();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "python3 -m aiosmtpd exited ({status}); is aiosmtpd installed (scripts/test installs it)? \
                 Its output:\n{}",
                output()
            ));
        }
        let ready = if implicit_tls {
            TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(500)).is_ok()
        } else {
            greets(port)
        };
        if ready {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(15) {
            return Err(format!("no SMTP greeting on port {port} within 15 s; its output:\n{}", output()));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("addr").port()
}

/// Whether an SMTP server answers on the port with its 220 greeting.
fn greets(port: u16) -> bool {
    let Ok(stream) = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(500)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let mut line = String::new();
    let greeted = BufReader::new(&stream).read_line(&mut line).is_ok() && line.starts_with("220");
    let _ = (&stream).write_all(b"QUIT\r\n");
    greeted
}

/// The order of a Maildir file: Python's `mailbox` names it
/// `{seconds}.M{micros}P{pid}Q{counter}.{host}`, the counter rising with each
/// message a process delivers.
fn arrival(name: &str) -> u64 {
    name.split_once('Q')
        .map(|(_, rest)| rest.bytes().take_while(u8::is_ascii_digit).fold(0, |n, d| n * 10 + u64::from(d - b'0')))
        .unwrap_or(u64::MAX)
}

/// A message as a reader sees it.
#[derive(Clone, Debug, Default)]
pub struct ReceivedMail {
    /// The addresses of the To header.
    pub to: Vec<String>,
    /// The Subject, decoded.
    pub subject: String,
    /// Every header in order, unfolded, encoded-words decoded.
    pub headers: Vec<(String, String)>,
    /// The text/plain body (or the text/plain part of a multipart message),
    /// transfer encoding undone, line breaks as `\n`, without the final line
    /// break that carrying the message adds.
    pub text: String,
    /// The text/html part, decoded the same way, when there is one.
    pub html: Option<String>,
}

impl ReceivedMail {
    /// Reads an RFC 5322 message: one received over SMTP or an `.eml` file the
    /// folder mailer wrote.
    pub fn parse(raw: &[u8]) -> ReceivedMail {
        let entity = Entity::parse(raw);
        let to = entity.header("To").map(|to| addresses(&to)).unwrap_or_default();
        let subject = entity.header("Subject").map(|subject| decode_words(&subject)).unwrap_or_default();
        let headers = entity.headers.iter().map(|(name, value)| (name.clone(), decode_words(value))).collect();
        let text = entity.text_part("text/plain").unwrap_or_default();
        let html = entity.text_part("text/html");
        ReceivedMail { to, subject, headers, text, html }
    }

    /// The first header of that name (any case), decoded.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// The value of every header of that name (any case), decoded.
    pub fn header_all(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str()).collect()
    }
}

/// A message or a MIME part: raw unfolded headers and the raw body, both with
/// `\n` line breaks.
struct Entity {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Entity {
    fn parse(raw: &[u8]) -> Entity {
        let raw = crlf_to_lf(raw);
        let (head, body) = match find(&raw, b"\n\n") {
            Some(at) => (&raw[..at], raw[at + 2..].to_vec()),
            None if raw.starts_with(b"\n") => (&raw[..0], raw[1..].to_vec()),
            None => (&raw[..], Vec::new()),
        };
        let head = String::from_utf8_lossy(head);
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.split('\n') {
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = headers.last_mut() {
                    value.push_str(line);
                }
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_string(), value.trim_start().to_string()));
            }
        }
        for (_, value) in &mut headers {
            *value = value.trim_end().to_string();
        }
        Entity { headers, body }
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.clone())
    }

    /// The content type, lowercased, and its parameters (names lowercased).
    fn content_type(&self) -> (String, Vec<(String, String)>) {
        let value = self.header("Content-Type").unwrap_or_else(|| "text/plain".to_string());
        let mut parts = split_unquoted(&value, ';').into_iter();
        let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let parameters = parts
            .filter_map(|part| {
                let (name, value) = part.split_once('=')?;
                let value = value.trim();
                let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
                Some((name.trim().to_ascii_lowercase(), value.replace("\\\"", "\"")))
            })
            .collect();
        (mime, parameters)
    }

    /// The decoded text of the first part of type `wanted` (such as `text/plain`).
    fn text_part(&self, wanted: &str) -> Option<String> {
        let (mime, parameters) = self.content_type();
        let parameter = |name: &str| parameters.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone());
        if mime.starts_with("multipart/") {
            let boundary = parameter("boundary")?;
            return multipart_bodies(&self.body, &boundary)
                .into_iter()
                .find_map(|part| Entity::parse(&part).text_part(wanted));
        }
        if mime != wanted {
            return None;
        }
        let encoding = self.header("Content-Transfer-Encoding").unwrap_or_default().trim().to_ascii_lowercase();
        let bytes = match encoding.as_str() {
            "base64" => base64_decode(&self.body),
            "quoted-printable" => quoted_printable_decode(strip_final_line_break(&self.body)),
            _ => strip_final_line_break(&self.body).to_vec(),
        };
        let text = decode_charset(&bytes, &parameter("charset").unwrap_or_default());
        Some(text.replace("\r\n", "\n"))
    }
}

/// The parts between `--boundary` lines; the line break before a delimiter
/// belongs to the delimiter.
fn multipart_bodies(body: &[u8], boundary: &str) -> Vec<Vec<u8>> {
    let delimiter = format!("--{boundary}");
    let closing = format!("{delimiter}--");
    let mut parts = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    for line in body.split(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end();
        if text == delimiter || text == closing {
            if let Some(mut part) = current.take() {
                part.pop();
                parts.push(part);
            }
            if text == closing {
                break;
            }
            current = Some(Vec::new());
        } else if let Some(part) = current.as_mut() {
            part.extend_from_slice(line);
            part.push(b'\n');
        }
    }
    parts
}

fn crlf_to_lf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\r' && raw.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn strip_final_line_break(body: &[u8]) -> &[u8] {
    body.strip_suffix(b"\n").unwrap_or(body)
}

fn base64_decode(body: &[u8]) -> Vec<u8> {
    let compact: Vec<u8> = body.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(&compact).expect("a valid base64 body")
}

/// RFC 2045 quoted-printable: `=XX` escapes and `=` soft line breaks.
fn quoted_printable_decode(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    for (index, line) in lines.iter().enumerate() {
        // Whitespace ending an encoded line was added in transport.
        let line = line.trim_ascii_end();
        let (line, soft) = match line.strip_suffix(b"=") {
            Some(line) => (line, true),
            None => (line, false),
        };
        unescape(line, false, &mut out);
        if !soft && index + 1 < lines.len() {
            out.push(b'\n');
        }
    }
    out
}

/// Undoes `=XX` escapes, and in RFC 2047 Q words `_` for a space.
fn unescape(text: &[u8], underscore_is_space: bool, out: &mut Vec<u8>) {
    let mut i = 0;
    while i < text.len() {
        let escaped = (text[i] == b'=')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(if underscore_is_space && text[i] == b'_' { b' ' } else { text[i] });
                i += 1;
            }
        }
    }
}

fn decode_charset(bytes: &[u8], charset: &str) -> String {
    match charset.trim().to_ascii_lowercase().as_str() {
        "iso-8859-1" | "latin1" | "latin-1" => bytes.iter().map(|&b| char::from(b)).collect(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// RFC 2047: decodes `=?charset?B|Q?text?=` words; whitespace between two
/// adjacent encoded words is dropped, and their bytes are joined before
/// decoding, so a character split across two words survives.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut pending_charset = String::new();
    let mut rest = value;
    let mut gap = String::new();
    while !rest.is_empty() {
        if let Some((charset, bytes, len)) = encoded_word(rest) {
            let adjacent = !pending.is_empty();
            if adjacent && charset != pending_charset {
                out.push_str(&decode_charset(&pending, &pending_charset));
                pending.clear();
            }
            if !adjacent {
                out.push_str(&gap);
            }
            gap.clear();
            pending_charset = charset;
            pending.extend(bytes);
            rest = &rest[len..];
            continue;
        }
        let next = rest.chars().next().expect("not empty");
        if next.is_whitespace() && !pending.is_empty() {
            gap.push(next);
        } else {
            if !pending.is_empty() {
                out.push_str(&decode_charset(&pending, &pending_charset));
                pending.clear();
            }
            out.push_str(&gap);
            gap.clear();
            out.push(next);
        }
        rest = &rest[next.len_utf8()..];
    }
    if !pending.is_empty() {
        out.push_str(&decode_charset(&pending, &pending_charset));
    }
    out.push_str(&gap);
    out
}

/// The encoded word at the start of `text`, if there is one: its charset, its
/// bytes and its length in `text`.
fn encoded_word(text: &str) -> Option<(String, Vec<u8>, usize)> {
    let inner = text.strip_prefix("=?")?;
    let (charset, inner) = inner.split_once('?')?;
    let (encoding, inner) = inner.split_once('?')?;
    let end = inner.find("?=")?;
    let payload = &inner[..end];
    if charset.is_empty() || payload.contains(char::is_whitespace) {
        return None;
    }
    let bytes = match encoding {
        "B" | "b" => base64::engine::general_purpose::STANDARD.decode(payload).ok()?,
        "Q" | "q" => {
            let mut bytes = Vec::new();
            unescape(payload.as_bytes(), true, &mut bytes);
            bytes
        }
        _ => return None,
    };
    let len = text.len() - (inner.len() - end - 2);
    let charset = charset.split('*').next().unwrap_or_default().to_ascii_lowercase();
    Some((charset, bytes, len))
}

/// The addresses of an address-list header: what is in angle brackets, or
/// the bare address.
fn addresses(value: &str) -> Vec<String> {
    split_unquoted(value, ',')
        .into_iter()
        .filter_map(|mailbox| {
            let mailbox = mailbox.trim();
            let address = match (mailbox.rfind('<'), mailbox.rfind('>')) {
                (Some(open), Some(close)) if open < close => &mailbox[open + 1..close],
                _ => mailbox,
            };
            (!address.is_empty()).then(|| address.trim().to_string())
        })
        .collect()
}

/// Splits at `separator` outside double quotes.
fn split_unquoted(value: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' && quoted {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else if c == separator && !quoted {
            parts.push(String::new());
            continue;
        }
        parts.last_mut().expect("one part at least").push(c);
    }
    parts
}
