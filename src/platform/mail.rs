//! Outgoing e-mail: addresses parsed once at the edge, plain-text UTF-8
//! messages built by lettre, sent through an SMTP server or, when none is
//! configured, written as `.eml` files into a folder so that links in them
//! (confirmations, password resets) can still be followed on a developer's
//! machine.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, anyhow, bail};
use lettre::Address;
use lettre::message::header::{
    ContentTransferEncoding, ContentType, HeaderName, HeaderValue, MIME_VERSION_1_0, MessageId,
};
use lettre::message::{Body, Mailbox, Message, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use serde::Serialize;

/// The longest wait for one SMTP connection and for one whole delivery: lettre's
/// own timeout covers connecting only, so the exchange is bounded here too.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// A connection idle longer than this may have been closed by the server: it
/// is asked (NOOP) before it carries a message.
const IDLE_CHECK: Duration = Duration::from_secs(10);
/// Open connections a mailer keeps between single messages.
const IDLE_CONNECTIONS: usize = 4;

/// A syntactically valid, deliverable-looking e-mail address.
///
/// Only ASCII addresses are accepted: a non-ASCII address needs SMTPUTF8 from
/// every relay on the way, which we cannot count on, and an internationalised
/// domain can still be written in its `xn--` form. The domain is lowercased;
/// the local part is kept as typed, since only the receiving server may
/// interpret its case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// RFC 5321's limit on a forward path, less its angle brackets.
    pub const MAX_LEN: usize = 254;

    pub fn parse(text: &str) -> Option<Email> {
        let text = text.trim();
        if text.is_empty()
            || text.len() > Self::MAX_LEN
            || !text.is_ascii()
            || text.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        {
            return None;
        }
        let (local, domain) = text.split_once('@')?;
        if local.is_empty() || domain.contains('@') || !is_host_name(domain) {
            return None;
        }
        let domain = domain.to_ascii_lowercase();
        let address = Address::new(local, &domain).ok()?;
        Some(Email(address.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, domain)| domain)
    }

    fn address(&self) -> Address {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        Address::new_dangerous(local, domain)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A dotted DNS name whose last label is not numeric: IP literals and bare
/// addresses are refused, as no one signs up with them.
fn is_host_name(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
        && labels.last().is_some_and(|tld| !tld.bytes().all(|b| b.is_ascii_digit()))
}

/// One message to one recipient: plain text, and optionally an HTML
/// alternative (the text part always comes first, for readers without HTML).
///
/// `headers` are added as they are (List-Unsubscribe, Auto-Submitted, …); a
/// `Message-ID` among them replaces the generated one, so that a sender that
/// retries can keep one identity per message. Headers the mailer sets itself
/// (From, To, Subject, Date, MIME headers, …) are refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: Email,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    pub headers: Vec<(String, String)>,
    pub attachments: Vec<Attachment>,
}

/// A file sent with a message, such as an event's `.ics`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    /// A MIME type with its parameters (`text/calendar; charset=utf-8; method=PUBLISH`).
    pub content_type: String,
    pub body: String,
}

impl OutgoingMail {
    pub fn new(to: Email, subject: impl Into<String>, text: impl Into<String>) -> OutgoingMail {
        OutgoingMail {
            to,
            subject: subject.into(),
            text: text.into(),
            html: None,
            headers: Vec::new(),
            attachments: Vec::new(),
        }
    }

    pub fn with_html(mut self, html: impl Into<String>) -> OutgoingMail {
        self.html = Some(html.into());
        self
    }

    pub fn attach(mut self, attachment: Attachment) -> OutgoingMail {
        self.attachments.push(attachment);
        self
    }

    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> OutgoingMail {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Why a message was not handed over. A temporary failure may succeed later
/// and is worth retrying; a permanent one will fail the same way again.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error("mail failed permanently: {0}")]
    Permanent(String),
    #[error("mail failed temporarily: {0}")]
    Temporary(String),
}

impl MailError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Permanent(_))
    }
}

/// Where mail goes. Cheap to clone: each variant shares its state.
#[derive(Clone)]
pub enum Mailer {
    Smtp(Arc<SmtpMailer>),
    Folder(Arc<FolderMailer>),
}

pub struct SmtpMailer {
    from: Mailbox,
    server: SmtpServer,
    /// Connections left open by earlier messages, for the next ones.
    idle: std::sync::Mutex<Vec<KeptConnection>>,
}

/// An open connection to the server, and when it last carried a message.
struct KeptConnection {
    connection: AsyncSmtpConnection,
    used: std::time::Instant,
}

impl KeptConnection {
    async fn open(server: &SmtpServer) -> Result<KeptConnection, MailError> {
        Ok(KeptConnection { connection: server.connect().await?, used: std::time::Instant::now() })
    }
}

impl SmtpMailer {
    /// The server's URL without its password, for logs.
    pub fn server(&self) -> String {
        self.server.to_string()
    }
}

pub struct FolderMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl FolderMailer {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// The sender when none is configured: `noreply` at the public address's host, so mail does not come
/// from `localhost`; a portal reached by an IP address or `localhost` sends as `noreply@localhost`.
pub fn default_sender(public_url: &str) -> String {
    let authority = public_url.split_once("://").map_or(public_url, |(_, rest)| rest);
    let authority = authority.split(['/', '?', '#']).next().unwrap_or_default();
    let host_and_port = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = if host_and_port.starts_with('[') { "" } else { host_and_port.split(':').next().unwrap_or_default() };
    let named = !host.is_empty() && host.parse::<IpAddr>().is_err() && host.contains('.');
    format!("IRENE <noreply@{}>", if named { host.to_ascii_lowercase() } else { "localhost".to_string() })
}

impl Mailer {
    /// An SMTP mailer for `smtp_url`, or, when it is absent or empty, one that
    /// writes each message into `fallback_dir`. `from` is the sender, such as
    /// `IRENE <noreply@example.org>`.
    ///
    /// Accepted URLs: `smtp://host[:port]` (no encryption, port 25 by
    /// default; credentials only towards this machine, as they would travel in
    /// clear), `smtp://[user:pass@]host[:port]?tls=starttls` (STARTTLS
    /// required, port 587 by default) and `smtps://[user:pass@]host[:port]`
    /// (TLS from the first byte, port 465 by default). Credentials are
    /// percent-decoded. Errors never quote the password.
    pub fn from_config(smtp_url: Option<&str>, from: &str, fallback_dir: &Path) -> anyhow::Result<Mailer> {
        let from: Mailbox =
            from.trim().parse().map_err(|error| anyhow!("sender address {from:?} is not valid: {error}"))?;
        let Some(url) = smtp_url.map(str::trim).filter(|url| !url.is_empty()) else {
            return Ok(Mailer::Folder(Arc::new(FolderMailer { dir: fallback_dir.to_path_buf(), from })));
        };
        let server = SmtpServer::parse(url).context("SMTP URL")?;
        if server.security != Security::Plain {
            server.tls_parameters().map_err(|error| anyhow!("SMTP URL: TLS for {}: {error}", server.host))?;
        }
        Ok(Mailer::Smtp(Arc::new(SmtpMailer { from, server, idle: std::sync::Mutex::new(Vec::new()) })))
    }

    pub async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(smtp) => {
                let mut slot = smtp.idle.lock().expect("idle connections").pop();
                smtp.send_on(&mut slot, mail).await?;
                tracing::debug!(to = %mail.to, server = %smtp.server, "mail sent");
                if let Some(kept) = slot {
                    let mut idle = smtp.idle.lock().expect("idle connections");
                    if idle.len() < IDLE_CONNECTIONS {
                        idle.push(kept);
                    }
                }
                Ok(())
            }
            Mailer::Folder(folder) => {
                let message = build_message(&folder.from, mail)?;
                let path = write_eml(&folder.dir, &message.formatted()).await.map_err(|error| {
                    MailError::Temporary(format!("cannot write mail into {}: {error}", folder.dir.display()))
                })?;
                tracing::info!(
                    path = %path.display(),
                    to = %mail.to,
                    subject = %mail.subject,
                    "no SMTP server configured: mail written to a file instead of sent"
                );
                Ok(())
            }
        }
    }
}

impl SmtpMailer {
    /// Sends one message on the connection in `slot`, opening one when there
    /// is none or it has gone stale; after a failure the slot is emptied, as
    /// the server's state is then unknown.
    async fn send_on(&self, slot: &mut Option<KeptConnection>, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = build_message(&self.from, mail)?;
        let exchange = async {
            if let Some(kept) = slot.as_mut()
                && (kept.connection.has_broken()
                    || (kept.used.elapsed() > IDLE_CHECK && !kept.connection.test_connected().await))
            {
                *slot = None;
            }
            let reused = slot.is_some();
            let kept = match slot {
                Some(kept) => kept,
                None => slot.insert(KeptConnection::open(&self.server).await?),
            };
            kept.used = std::time::Instant::now();
            match kept.connection.send(message.envelope(), &message.formatted()).await {
                Ok(_) => Ok(()),
                // A kept connection the server closed in the meantime fails
                // without an SMTP reply: the message never reached it, so it
                // goes again on a new connection.
                Err(error) if reused && error.status().is_none() => {
                    let fresh = slot.insert(KeptConnection::open(&self.server).await?);
                    fresh
                        .connection
                        .send(message.envelope(), &message.formatted())
                        .await
                        .map(|_| ())
                        .map_err(|error| classify(&error))
                }
                Err(error) => Err(classify(&error)),
            }
        };
        let result = match tokio::time::timeout(SEND_TIMEOUT, exchange).await {
            Ok(result) => result,
            Err(_) => {
                Err(MailError::Temporary(format!("{} did not finish within {} s", self.server, SEND_TIMEOUT.as_secs())))
            }
        };
        if result.is_err()
            && let Some(mut kept) = slot.take()
        {
            kept.connection.abort().await;
        }
        result
    }
}

/// One connection kept open for many messages in a row, as a newsletter's
/// sender needs: each message then costs its SMTP exchange only.
pub struct MailSession {
    mailer: Mailer,
    connection: Option<KeptConnection>,
}

impl Mailer {
    pub fn session(&self) -> MailSession {
        MailSession { mailer: self.clone(), connection: None }
    }
}

impl MailSession {
    pub async fn send(&mut self, mail: &OutgoingMail) -> Result<(), MailError> {
        match &self.mailer {
            Mailer::Smtp(smtp) => smtp.send_on(&mut self.connection, mail).await,
            Mailer::Folder(_) => self.mailer.send(mail).await,
        }
    }
}

impl fmt::Display for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mailer::Smtp(smtp) => write!(f, "SMTP server {}", smtp.server),
            Mailer::Folder(folder) => write!(f, "the folder {}", folder.dir.display()),
        }
    }
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Mailer({self})")
    }
}

/// Headers lettre writes from the message itself; a second copy would make
/// the message ambiguous or let a caller redirect it.
const RESERVED_HEADERS: &[&str] = &[
    "from",
    "sender",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
];

fn build_message(from: &Mailbox, mail: &OutgoingMail) -> Result<Message, MailError> {
    let mut builder = Message::builder()
        .from(from.clone())
        .to(Mailbox::new(None, mail.to.address()))
        .subject(mail.subject.clone())
        .date_now()
        // lettre declares MIME only for multipart bodies; without it some
        // readers ignore the charset and the transfer encoding.
        .header(MIME_VERSION_1_0);
    let mut message_id = None;
    for (name, value) in &mail.headers {
        let valid_name =
            !name.is_empty() && name.len() <= 76 && name.bytes().all(|b| b.is_ascii_graphic() && b != b':');
        if !valid_name {
            return Err(MailError::Permanent(format!("{name:?} is not a valid header name")));
        }
        if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            return Err(MailError::Permanent(format!("the {name} header is set by the mailer")));
        }
        if name.eq_ignore_ascii_case("message-id") {
            message_id = Some(value.clone());
            continue;
        }
        let name = HeaderName::new_from_ascii(name.clone())
            .map_err(|_| MailError::Permanent(format!("{name:?} is not a valid header name")))?;
        builder = builder.raw_header(HeaderValue::new(name, value.clone()));
    }
    let message_id =
        message_id.unwrap_or_else(|| format!("<{}@{}>", uuid::Uuid::new_v4().simple(), from.email.domain()));
    let builder = builder.header(MessageId::from(message_id));
    let built = match (&mail.html, mail.attachments.is_empty()) {
        (None, true) => builder.header(ContentType::TEXT_PLAIN).body(mail.text.clone()),
        (Some(html), true) => builder.multipart(MultiPart::alternative_plain_html(mail.text.clone(), html.clone())),
        (html, false) => {
            let mut parts = match html {
                None => MultiPart::mixed().singlepart(SinglePart::plain(mail.text.clone())),
                Some(html) => {
                    MultiPart::mixed().multipart(MultiPart::alternative_plain_html(mail.text.clone(), html.clone()))
                }
            };
            for attachment in &mail.attachments {
                let content_type = ContentType::parse(&attachment.content_type)
                    .map_err(|error| MailError::Permanent(format!("{}: {error}", attachment.content_type)))?;
                // Base64 carries the file byte for byte: line endings included, which calendars depend on.
                let body =
                    Body::new_with_encoding(attachment.body.clone().into_bytes(), ContentTransferEncoding::Base64)
                        .map_err(|_| MailError::Permanent(format!("{} cannot be encoded", attachment.filename)))?;
                parts = parts
                    .singlepart(lettre::message::Attachment::new(attachment.filename.clone()).body(body, content_type));
            }
            builder.multipart(parts)
        }
    };
    built.map_err(|error| MailError::Permanent(error.to_string()))
}

/// A 5xx reply is permanent, except a refused login: that is this server's
/// configuration, not the message, and sending again once it is fixed works.
fn classify(error: &lettre::transport::smtp::Error) -> MailError {
    const AUTHENTICATION_CODES: &[&str] = &["530", "534", "535", "538"];
    let text = error.to_string();
    let refused_login = error.status().is_some_and(|code| AUTHENTICATION_CODES.contains(&code.to_string().as_str()));
    if error.is_permanent() && !refused_login { MailError::Permanent(text) } else { MailError::Temporary(text) }
}

/// Writes under a hidden temporary name first, so that whoever watches the
/// folder never reads half a message.
async fn write_eml(dir: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    tokio::fs::create_dir_all(dir).await?;
    let millis = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_millis();
    let name = format!("{millis}-{:08x}.eml", fastrand::u32(..));
    let partial = dir.join(format!(".{name}.partial"));
    let path = dir.join(name);
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, &path).await?;
    Ok(path)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Security {
    /// No encryption at all.
    Plain,
    /// A plain connection that must be upgraded before anything is sent.
    StartTls,
    /// TLS from the first byte.
    Implicit,
}

/// An SMTP server as given by its URL.
#[derive(Clone, PartialEq, Eq)]
struct SmtpServer {
    security: Security,
    host: String,
    port: u16,
    user: Option<String>,
    password: Option<String>,
    /// A certificate authority to trust besides the public ones (a relay with a
    /// private certificate): its file, and the PEM read from it.
    ca: Option<(String, Vec<u8>)>,
}

impl SmtpServer {
    /// Every error names the part at fault, never the credentials.
    fn parse(url: &str) -> anyhow::Result<SmtpServer> {
        let Some((scheme, rest)) = url.split_once("://") else {
            bail!(
                "expected smtp://host:port, smtp://user:password@host:port?tls=starttls or smtps://user:password@host:port"
            );
        };
        let implicit = match scheme.to_ascii_lowercase().as_str() {
            "smtp" => false,
            "smtps" => true,
            other => bail!("unknown scheme {other:?}: expected smtp:// or smtps://"),
        };
        // A password may hold an unencoded '@', '/' or '?': the host starts
        // after the last '@'.
        let (userinfo, rest) = match rest.rsplit_once('@') {
            Some((userinfo, rest)) => (Some(userinfo), rest),
            None => (None, rest),
        };
        let (authority, tail) = rest.find(['/', '?', '#']).map_or((rest, ""), |at| rest.split_at(at));
        let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
        if !(path.is_empty() || path == "/") {
            bail!("unexpected path {path:?} after the host");
        }

        let mut starttls = false;
        let mut ca_file = None;
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            match pair.split_once('=') {
                Some(("tls", "starttls" | "required")) => starttls = true,
                Some(("tls", value)) => {
                    bail!("unknown tls={value:?}: the only value is tls=starttls")
                }
                Some(("ca", path)) => ca_file = Some(percent_decode(path).context("the ca file")?),
                _ => bail!("unknown parameter {pair:?}: the known ones are tls=starttls and ca=FILE"),
            }
        }
        let security = match (implicit, starttls) {
            (true, true) => bail!("smtps:// is TLS from the start: tls=starttls has no place"),
            (true, false) => Security::Implicit,
            (false, true) => Security::StartTls,
            (false, false) => Security::Plain,
        };

        let (host, port) = split_host_port(authority)?;
        let port = match port {
            Some(port) => port,
            None => match security {
                Security::Plain => 25,
                Security::StartTls => 587,
                Security::Implicit => 465,
            },
        };

        let (user, password) = match userinfo {
            None => (None, None),
            Some(userinfo) => {
                let Some((user, password)) = userinfo.split_once(':') else {
                    bail!("a user name is given without a password: expected user:password@host");
                };
                let user = percent_decode(user).context("the user name")?;
                let password = percent_decode(password).context("the password")?;
                if user.is_empty() {
                    bail!("the user name is empty");
                }
                (Some(user), Some(password))
            }
        };
        if password.is_some() && security == Security::Plain && !is_loopback(&host) {
            bail!("credentials would travel unencrypted to {host}: add ?tls=starttls or use smtps://");
        }
        let ca = match ca_file {
            None => None,
            Some(_) if security == Security::Plain => {
                bail!("ca= names a certificate authority for TLS: add tls=starttls or use smtps://")
            }
            Some(file) => {
                let pem = std::fs::read(&file).with_context(|| format!("cannot read the ca file {file}"))?;
                // lettre accepts a file without any certificate in it: say so now, not at the first message.
                let holds_certificate = pem.windows(27).any(|window| window == b"-----BEGIN CERTIFICATE-----");
                if !holds_certificate || lettre::transport::smtp::client::Certificate::from_pem(&pem).is_err() {
                    bail!("the ca file {file} holds no PEM certificate");
                }
                Some((file, pem))
            }
        };

        Ok(SmtpServer { security, host, port, user, password, ca })
    }

    /// TLS towards the host: the public authorities, and the operator's own if given.
    fn tls_parameters(&self) -> Result<TlsParameters, lettre::transport::smtp::Error> {
        let mut builder = TlsParameters::builder(self.host.clone());
        if let Some((_, pem)) = &self.ca {
            builder = builder.add_root_certificate(lettre::transport::smtp::client::Certificate::from_pem(pem)?);
        }
        builder.build_rustls()
    }

    /// Opens a connection of our own. Plain and STARTTLS connections switch
    /// Nagle's algorithm off: lettre writes a message and its final dot
    /// separately, and a server that acknowledges late would hold every
    /// message for its delayed-acknowledgement timer.
    async fn connect(&self) -> Result<AsyncSmtpConnection, MailError> {
        let temporary = |error: &dyn fmt::Display| MailError::Temporary(format!("{self}: {error}"));
        let tls = || self.tls_parameters().map_err(|error| MailError::Permanent(error.to_string()));
        let hello = ClientId::default();
        let mut connection = match self.security {
            Security::Implicit => AsyncSmtpConnection::connect_tokio1(
                (self.host.as_str(), self.port),
                Some(SEND_TIMEOUT),
                &hello,
                Some(tls()?),
                None,
            )
            .await
            .map_err(|error| temporary(&error))?,
            Security::Plain | Security::StartTls => {
                let stream = tokio::net::TcpStream::connect((self.host.as_str(), self.port))
                    .await
                    .map_err(|error| temporary(&error))?;
                stream.set_nodelay(true).map_err(|error| temporary(&error))?;
                AsyncSmtpConnection::connect_with_transport(Box::new(stream), &hello)
                    .await
                    .map_err(|error| temporary(&error))?
            }
        };
        if self.security == Security::StartTls {
            connection.starttls(tls()?, &hello).await.map_err(|error| temporary(&error))?;
        }
        if let (Some(user), Some(password)) = (&self.user, &self.password) {
            let credentials = Credentials::new(user.clone(), password.clone());
            connection
                .auth(&[Mechanism::Plain, Mechanism::Login], &credentials)
                .await
                .map_err(|error| temporary(&error))?;
        }
        Ok(connection)
    }
}

impl fmt::Display for SmtpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.security {
            Security::Implicit => "smtps",
            Security::Plain | Security::StartTls => "smtp",
        };
        write!(f, "{scheme}://")?;
        if let Some(user) = &self.user {
            write!(f, "{user}@")?;
        }
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)?;
        } else {
            write!(f, "{}:{}", self.host, self.port)?;
        }
        let mut query = Vec::new();
        if self.security == Security::StartTls {
            query.push("tls=starttls".to_string());
        }
        if let Some((file, _)) = &self.ca {
            query.push(format!("ca={file}"));
        }
        if !query.is_empty() {
            write!(f, "?{}", query.join("&"))?;
        }
        Ok(())
    }
}

impl fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SmtpServer({self})")
    }
}

fn split_host_port(authority: &str) -> anyhow::Result<(String, Option<u16>)> {
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let Some((host, after)) = bracketed.split_once(']') else {
            bail!("unclosed '[' in the host");
        };
        if host.parse::<std::net::Ipv6Addr>().is_err() {
            bail!("{host:?} in brackets is not an IPv6 address");
        }
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or_else(|| anyhow!("unexpected {after:?} after the IPv6 address"))?),
        };
        (host, port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        bail!("the host is missing");
    }
    let valid_host =
        host.contains(':') || host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_');
    if !valid_host {
        bail!("{host:?} is not a host name");
    }
    let port = match port {
        None => None,
        Some(port) => match port.parse::<u16>() {
            Ok(port) if port > 0 => Some(port),
            _ => bail!("{port:?} is not a port number"),
        },
    };
    Ok((host.to_string(), port))
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Decodes `%XX` escapes (RFC 3986 userinfo); the result must be UTF-8.
fn percent_decode(text: &str) -> anyhow::Result<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or_else(|| anyhow!("has a '%' not followed by two hex digits"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| anyhow!("is not UTF-8 once percent-decoded"))
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_default_sender_is_at_the_public_host() {
        assert_eq!(default_sender("https://irene.example.org/"), "IRENE <noreply@irene.example.org>");
        assert_eq!(default_sender("https://Portal.NGO.az:8443/x"), "IRENE <noreply@portal.ngo.az>");
        assert_eq!(default_sender("http://127.0.0.1:8080"), "IRENE <noreply@localhost>");
        assert_eq!(default_sender("http://[::1]:8080"), "IRENE <noreply@localhost>");
        assert_eq!(default_sender("http://localhost:8080"), "IRENE <noreply@localhost>");
        for url in ["https://irene.example.org", "http://127.0.0.1:8080"] {
            assert!(default_sender(url).parse::<Mailbox>().is_ok(), "{url}");
        }
    }

    use super::*;
    use base64::Engine as _;

    #[test]
    fn addresses() {
        let good = [
            ("user@example.org", "user@example.org"),
            ("  User.Name+tag@Example.ORG \n", "User.Name+tag@example.org"),
            ("a@b.co", "a@b.co"),
            ("first_last-1@mail.sub.example.az", "first_last-1@mail.sub.example.az"),
            ("o'brien@example.ie", "o'brien@example.ie"),
            ("user@xn--e1afmkfd.xn--p1ai", "user@xn--e1afmkfd.xn--p1ai"),
        ];
        for (text, parsed) in good {
            let email = Email::parse(text).unwrap_or_else(|| panic!("{text:?} refused"));
            assert_eq!(email.as_str(), parsed);
            assert_eq!(email.to_string(), parsed);
        }
        assert_eq!(Email::parse("a@Example.org").unwrap().domain(), "example.org");

        let long_local = format!("{}@example.org", "a".repeat(65));
        let too_long = format!("{}@{}.org", "a".repeat(60), "b".repeat(200));
        let bad = [
            "",
            "   ",
            "user",
            "user@",
            "@example.org",
            "user@@example.org",
            "a@b@example.org",
            "user@localhost",
            "user@example",
            "user name@example.org",
            "user@exa mple.org",
            "user\t@example.org",
            "user\r\nBcc: x@example.org",
            "user@example.org\u{0}",
            "user@.example.org",
            "user@example..org",
            "user@example.org.",
            "user@-example.org",
            "user@exam_ple.org",
            "user@127.0.0.1",
            "user@[127.0.0.1]",
            ".user@example.org",
            "us..er@example.org",
            "\"quoted\"@example.org x",
            // Internationalised addresses: refused in either part, see `Email`.
            "user@пример.рф",
            "user@bücher.de",
            "пользователь@example.org",
            "ünal@example.az",
            long_local.as_str(),
            too_long.as_str(),
        ];
        for text in bad {
            assert_eq!(Email::parse(text), None, "{text:?} accepted");
        }
    }

    #[test]
    fn email_serializes_as_its_text() {
        let email = Email::parse("user@Example.org").unwrap();
        assert_eq!(serde_json::to_string(&email).unwrap(), "\"user@example.org\"");
    }

    #[test]
    fn smtp_urls() {
        let plain = SmtpServer::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!(plain.security, Security::Plain);
        assert_eq!((plain.host.as_str(), plain.port), ("127.0.0.1", 2525));
        assert_eq!(plain.user, None);
        assert_eq!(plain.to_string(), "smtp://127.0.0.1:2525");

        let default_port = SmtpServer::parse("smtp://localhost/").unwrap();
        assert_eq!(default_port.port, 25);

        let starttls =
            SmtpServer::parse("smtp://mailer%40irene.org:p%40ss%3Aw%2Frd@mail.example.org?tls=starttls").unwrap();
        assert_eq!(starttls.security, Security::StartTls);
        assert_eq!(starttls.host, "mail.example.org");
        assert_eq!(starttls.port, 587);
        assert_eq!(starttls.user.as_deref(), Some("mailer@irene.org"));
        assert_eq!(starttls.password.as_deref(), Some("p@ss:w/rd"));
        assert_eq!(starttls.to_string(), "smtp://mailer@irene.org@mail.example.org:587?tls=starttls");

        let implicit = SmtpServer::parse("smtps://user:pass@smtp.example.org").unwrap();
        assert_eq!(implicit.security, Security::Implicit);
        assert_eq!(implicit.port, 465);
        assert_eq!(implicit.user.as_deref(), Some("user"));
        assert_eq!(implicit.password.as_deref(), Some("pass"));
        assert!(!implicit.to_string().contains("pass"));

        let unencoded = SmtpServer::parse("SMTPS://user:p@ss/w?rd@smtp.example.org:2465").unwrap();
        assert_eq!(unencoded.password.as_deref(), Some("p@ss/w?rd"));
        assert_eq!((unencoded.host.as_str(), unencoded.port), ("smtp.example.org", 2465));

        let ipv6 = SmtpServer::parse("smtp://[::1]:2525").unwrap();
        assert_eq!((ipv6.host.as_str(), ipv6.port), ("::1", 2525));
        assert_eq!(ipv6.to_string(), "smtp://[::1]:2525");

        let loopback_login = SmtpServer::parse("smtp://user:pass@127.0.0.1:2525").unwrap();
        assert_eq!(loopback_login.password.as_deref(), Some("pass"));
    }

    #[test]
    fn bad_smtp_urls_are_explained_without_the_password() {
        let secret = "s3cr3t-Pa55";
        let bad = [
            format!("http://user:{secret}@mail.example.org"),
            format!("smtp://user:{secret}@mail.example.org:99999"),
            format!("smtp://user:{secret}@mail.example.org:25"),
            format!("smtp://user:{secret}@mail.example.org?tls=maybe"),
            format!("smtp://user:{secret}@mail.example.org?tsl=starttls"),
            format!("smtps://user:{secret}@mail.example.org?tls=starttls"),
            format!("smtp://user:{secret}@/"),
            format!("smtp://user:{secret}@mail.example.org/relay"),
            format!("smtp://user:{secret}%zz@mail.example.org?tls=starttls"),
            format!("user:{secret}@mail.example.org"),
            format!("smtp://user:{secret}@[mail.example.org]:25"),
            format!("smtp://user:{secret}@mail example.org"),
            format!("smtp://user:{secret}@127.0.0.1:2525?ca=/etc/ssl/certs/ca-certificates.crt"),
            format!("smtps://user:{secret}@mail.example.org?ca=/nonexistent/authority.pem"),
            format!("smtps://user:{secret}@mail.example.org?ca=%2Fetc%2Fhostname"),
        ];
        for url in &bad {
            let error = Mailer::from_config(Some(url), "IRENE <noreply@irene.test>", Path::new("."))
                .err()
                .unwrap_or_else(|| panic!("{url} accepted"));
            let message = format!("{error:#}");
            assert!(!message.contains(secret), "{url}: {message}");
            assert!(message.starts_with("SMTP URL: "), "{url}: {message}");
        }
        let unknown = Mailer::from_config(
            Some(&format!("http://user:{secret}@mail.example.org")),
            "noreply@irene.test",
            Path::new("."),
        )
        .err()
        .unwrap();
        assert!(format!("{unknown:#}").contains("unknown scheme \"http\""));
    }

    #[test]
    fn configuration() {
        let dir = Path::new("/tmp/irene-mail");
        let folder = Mailer::from_config(None, "IRENE <noreply@localhost>", dir).unwrap();
        assert!(matches!(&folder, Mailer::Folder(f) if f.dir() == dir));
        let empty = Mailer::from_config(Some("  "), "IRENE <noreply@localhost>", dir).unwrap();
        assert!(matches!(empty, Mailer::Folder(_)));
        let smtp = Mailer::from_config(Some("smtps://user:secret@smtp.example.org"), "IRENE <noreply@localhost>", dir)
            .unwrap();
        assert_eq!(smtp.to_string(), "SMTP server smtps://user@smtp.example.org:465");
        assert!(!format!("{smtp:?}").contains("secret"));
        assert!(Mailer::from_config(None, "not an address", dir).is_err());
    }

    /// Enough of RFC 2047 to read back what lettre writes: base64 words.
    fn decode_subject(value: &str) -> String {
        let mut bytes = Vec::new();
        for word in value.split_whitespace() {
            let inner = word
                .strip_prefix("=?utf-8?b?")
                .and_then(|word| word.strip_suffix("?="))
                .unwrap_or_else(|| panic!("unexpected encoded word {word:?}"));
            bytes.extend(base64::engine::general_purpose::STANDARD.decode(inner).unwrap());
        }
        String::from_utf8(bytes).unwrap()
    }

    #[tokio::test]
    async fn folder_mailer_writes_readable_eml() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("mail");
        let mailer = Mailer::from_config(None, "IRENE <noreply@irene.test>", &folder).unwrap();
        let subject = "Подтвердите адрес электронной почты для сети НПО «Бута»";
        let text = "Здравствуйте!\nÜnvanınızı təsdiqləyin: https://irene.test/confirm?token=abc=def\n";
        let mail = OutgoingMail::new(Email::parse("lala@example.az").unwrap(), subject, text)
            .header("List-Unsubscribe", "<https://irene.test/unsubscribe?t=1>");
        mailer.send(&mail).await.unwrap();

        let files: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let name = files[0].file_name().unwrap().to_str().unwrap();
        let (millis, rest) = name.split_once('-').unwrap();
        assert!(millis.parse::<u128>().is_ok() && rest.ends_with(".eml"), "{name}");

        let raw = std::fs::read(&files[0]).unwrap();
        assert!(raw.is_ascii(), "8-bit bytes in the message");
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", "\t");
        let header = |name: &str| {
            unfolded
                .split("\r\n")
                .find_map(|line| {
                    let (key, value) = line.split_once(": ")?;
                    key.eq_ignore_ascii_case(name).then(|| value.to_string())
                })
                .unwrap_or_else(|| panic!("no {name} in\n{head}"))
        };
        assert_eq!(decode_subject(&header("Subject")), subject);
        assert_eq!(header("To"), "lala@example.az");
        assert_eq!(header("From"), "IRENE <noreply@irene.test>");
        assert_eq!(header("Content-Type"), "text/plain; charset=utf-8");
        assert_eq!(header("MIME-Version"), "1.0");
        assert_eq!(header("List-Unsubscribe"), "<https://irene.test/unsubscribe?t=1>");
        let message_id = header("Message-ID");
        assert!(message_id.starts_with('<') && message_id.ends_with("@irene.test>"), "{message_id}");
        header("Date");
        let encoding = header("Content-Transfer-Encoding");
        assert!(["quoted-printable", "base64"].contains(&encoding.as_str()), "{encoding}");
        assert!(!body.is_empty());
    }

    #[tokio::test]
    async fn a_given_message_id_is_kept_and_reserved_headers_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = Mailer::from_config(None, "noreply@irene.test", dir.path()).unwrap();
        let to = Email::parse("user@example.org").unwrap();
        let mail = OutgoingMail::new(to.clone(), "Hello", "Hello").header("Message-ID", "<issue-7.user-42@irene.test>");
        mailer.send(&mail).await.unwrap();
        let file = std::fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap();
        let raw = std::fs::read_to_string(file.path()).unwrap();
        assert_eq!(raw.matches("Message-ID:").count(), 1, "{raw}");
        assert!(raw.contains("Message-ID: <issue-7.user-42@irene.test>\r\n"), "{raw}");

        for (name, value) in [
            ("Bcc", "someone@example.org"),
            ("subject", "another"),
            ("X-Bad\r\nBcc", "someone@example.org"),
            ("X Bad", "value"),
            ("", "value"),
        ] {
            let mail = OutgoingMail::new(to.clone(), "Hello", "Hello").header(name, value);
            let error = mailer.send(&mail).await.unwrap_err();
            assert!(error.is_permanent(), "{name:?}: {error}");
        }

        // A line break in a value cannot start a header of its own.
        let mail = OutgoingMail::new(to, "Hello", "Hello").header("X-Note", "a\r\nBcc: someone@example.org");
        mailer.send(&mail).await.unwrap();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let raw = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            assert!(!raw.contains("\r\nBcc:"), "{raw}");
        }
    }
}
