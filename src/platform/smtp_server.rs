//! Receiving mail over SMTP (RFC 5321) on a port of IRENE's own: as much of the protocol as a relay or a mail
//! client needs to hand over a message (EHLO or HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT). Whoever reads the
//! messages decides each one's fate before the end of DATA is answered, so a refusal reaches the sender as an
//! SMTP error from us rather than as a bounce from someone else.

use std::future::Future;
use std::time::Duration;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// The largest message taken, as announced in EHLO's SIZE.
pub const MAX_MESSAGE: usize = 10 * 1024 * 1024;
/// RFC 5321's limit on a command line is 512; some clients send longer parameters.
const MAX_LINE: usize = 4096;
const MAX_RECIPIENTS: usize = 20;
/// How long the server waits for the client's next line (RFC 5321 § 4.5.3.2 suggests minutes).
const IDLE: Duration = Duration::from_secs(300);

/// A message as it was handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// The reverse path (`MAIL FROM`), empty for bounces.
    pub sender: String,
    pub recipients: Vec<String>,
    /// The message (RFC 5322), with the dot-stuffing undone.
    pub data: Vec<u8>,
}

/// What becomes of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Accepted,
    /// Never to be sent again: 550.
    Refused(String),
    /// Worth trying later: 451.
    Deferred(String),
}

/// Whoever reads the messages that arrive.
pub trait Delivery: Clone + Send + Sync + 'static {
    fn deliver(&self, envelope: Envelope) -> impl Future<Output = Verdict> + Send;
}

/// Serves SMTP on `listener` until the process ends.
pub fn start<D: Delivery>(listener: TcpListener, hostname: String, delivery: D) {
    tokio::spawn(async move {
        loop {
            match listener.accept().await {
                Ok((stream, peer)) => {
                    let (hostname, delivery) = (hostname.clone(), delivery.clone());
                    tokio::spawn(async move {
                        if let Err(error) = converse(stream, &hostname, &delivery).await {
                            tracing::debug!(%peer, %error, "SMTP session ended");
                        }
                    });
                }
                Err(error) => {
                    tracing::warn!(%error, "cannot accept an SMTP connection");
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    });
}

async fn converse<D: Delivery>(stream: TcpStream, hostname: &str, delivery: &D) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    session(&mut read, &mut write, hostname, delivery).await
}

async fn say(write: &mut (impl AsyncWrite + Unpin), code: u16, text: &str) -> std::io::Result<()> {
    write.write_all(format!("{code} {text}\r\n").as_bytes()).await?;
    write.flush().await
}

/// A line from the client without its line ending; `None` when the client has gone. A line longer than `limit`
/// is an error, so no client makes us hold more than that.
async fn line(read: &mut (impl AsyncBufRead + Unpin), limit: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    let taken = tokio::time::timeout(IDLE, (&mut *read).take(limit as u64 + 2).read_until(b'\n', &mut bytes))
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "the client fell silent"))??;
    if taken == 0 {
        return Ok(None);
    }
    if bytes.last() != Some(&b'\n') {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "line too long"));
    }
    bytes.pop();
    if bytes.last() == Some(&b'\r') {
        bytes.pop();
    }
    Ok(Some(bytes))
}

/// The address of a `FROM:<…>` or `TO:<…>` argument (after the keyword), its ESMTP parameters left aside.
fn path(argument: &str, keyword: &str) -> Option<String> {
    let head = argument.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = argument[keyword.len()..].trim_start();
    let inner = rest.strip_prefix('<')?;
    let end = inner.find('>')?;
    Some(inner[..end].to_string())
}

/// The message after DATA, up to the lone dot; `Ok(None)` if it outgrew `MAX_MESSAGE` (read to its end anyway, so
/// the session can go on).
async fn message(read: &mut (impl AsyncBufRead + Unpin)) -> std::io::Result<Option<Vec<u8>>> {
    let mut data = Vec::new();
    let mut too_big = false;
    loop {
        let Some(line) = line(read, MAX_LINE * 4).await? else {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the client left during DATA"));
        };
        if line == b"." {
            return Ok(if too_big { None } else { Some(data) });
        }
        let line = line.strip_prefix(b".").unwrap_or(&line);
        if data.len() + line.len() + 2 > MAX_MESSAGE {
            too_big = true;
            data.clear();
        }
        if !too_big {
            data.extend_from_slice(line);
            data.extend_from_slice(b"\r\n");
        }
    }
}

async fn session<D: Delivery>(
    read: &mut (impl AsyncBufRead + Unpin),
    write: &mut (impl AsyncWrite + Unpin),
    hostname: &str,
    delivery: &D,
) -> std::io::Result<()> {
    say(write, 220, &format!("{hostname} ESMTP IRENE")).await?;
    let mut sender: Option<String> = None;
    let mut recipients: Vec<String> = Vec::new();
    while let Some(bytes) = line(read, MAX_LINE).await? {
        let text = String::from_utf8_lossy(&bytes);
        let (verb, argument) = text.split_once(' ').unwrap_or((&text, ""));
        match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                let greeting = format!("250-{hostname}\r\n250-SIZE {MAX_MESSAGE}\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n");
                write.write_all(greeting.as_bytes()).await?;
                write.flush().await?;
            }
            "HELO" => say(write, 250, hostname).await?,
            "MAIL" => match path(argument, "FROM:") {
                Some(address) => {
                    sender = Some(address);
                    recipients.clear();
                    say(write, 250, "OK").await?;
                }
                None => say(write, 501, "Syntax: MAIL FROM:<address>").await?,
            },
            "RCPT" => match (&sender, path(argument, "TO:")) {
                (None, _) => say(write, 503, "MAIL first").await?,
                (_, None) => say(write, 501, "Syntax: RCPT TO:<address>").await?,
                (Some(_), Some(_)) if recipients.len() >= MAX_RECIPIENTS => {
                    say(write, 452, "Too many recipients").await?
                }
                (Some(_), Some(address)) => {
                    recipients.push(address);
                    say(write, 250, "OK").await?;
                }
            },
            "DATA" if recipients.is_empty() => say(write, 503, "RCPT first").await?,
            "DATA" => {
                say(write, 354, "End data with <CR><LF>.<CR><LF>").await?;
                let sender = sender.take().unwrap_or_default();
                let recipients = std::mem::take(&mut recipients);
                match message(read).await? {
                    None => say(write, 552, "Message too big").await?,
                    Some(data) => match delivery.deliver(Envelope { sender, recipients, data }).await {
                        Verdict::Accepted => say(write, 250, "OK").await?,
                        Verdict::Refused(why) => say(write, 550, &why).await?,
                        Verdict::Deferred(why) => say(write, 451, &why).await?,
                    },
                }
            }
            "RSET" => {
                sender = None;
                recipients.clear();
                say(write, 250, "OK").await?;
            }
            "NOOP" => say(write, 250, "OK").await?,
            "VRFY" => say(write, 252, "Cannot verify").await?,
            "QUIT" => return say(write, 221, "Bye").await,
            _ => say(write, 500, "Command not recognised").await?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone)]
    struct RefuseBob;

    impl Delivery for RefuseBob {
        async fn deliver(&self, envelope: Envelope) -> Verdict {
            if envelope.sender == "bob@example.org" {
                Verdict::Refused("No".into())
            } else {
                assert_eq!(envelope.data, b"Subject: hi\r\n\r\n.starts with a dot\r\n");
                Verdict::Accepted
            }
        }
    }

    async fn transcript(client: &str) -> String {
        let mut answer = Vec::new();
        session(&mut client.as_bytes(), &mut answer, "irene.test", &RefuseBob).await.unwrap();
        String::from_utf8(answer).unwrap()
    }

    #[tokio::test]
    async fn a_message_is_handed_over_or_refused_with_the_readers_word() {
        let accepted = transcript(
            "EHLO client\r\nMAIL FROM:<ann@example.org> SIZE=40\r\nRCPT TO:<reply+x@irene.test>\r\nDATA\r\n\
             Subject: hi\r\n\r\n..starts with a dot\r\n.\r\nQUIT\r\n",
        )
        .await;
        let codes: Vec<&str> = accepted.lines().map(|l| &l[..3]).collect();
        assert_eq!(codes, ["220", "250", "250", "250", "250", "250", "250", "354", "250", "221"], "{accepted}");
        let refused = transcript("HELO c\r\nMAIL FROM:<bob@example.org>\r\nRCPT TO:<a@b>\r\nDATA\r\nx\r\n.\r\n").await;
        assert!(refused.ends_with("550 No\r\n"), "{refused}");
        let out_of_order = transcript("RCPT TO:<a@b>\r\nDATA\r\nMAIL FROM:bob\r\nWHAT\r\n").await;
        let codes: Vec<&str> = out_of_order.lines().map(|l| &l[..3]).collect();
        assert_eq!(codes, ["220", "503", "503", "501", "500"]);
    }

    #[test]
    fn paths_are_read_without_their_parameters() {
        assert_eq!(path("FROM:<a@b.c> BODY=8BITMIME", "FROM:").as_deref(), Some("a@b.c"));
        assert_eq!(path("to: <x@y>", "TO:").as_deref(), Some("x@y"));
        assert_eq!(path("FROM:<>", "FROM:").as_deref(), Some(""));
        assert_eq!(path("FROM:a@b", "FROM:"), None);
        assert_eq!(path("TO", "TO:"), None);
    }
}
