//! The newsletter benchmark's ceiling: how fast an SMTP server accepts
//! messages from a minimal sender, IRENE's own mail sessions (one open
//! connection per worker) with no database, no rendering and no
//! bookkeeping, at a given concurrency.
//!
//!     cargo run --release --example smtp_ceiling -- smtp://127.0.0.1:2525 20000 8

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use irene::platform::mail::{Email, Mailer, OutgoingMail};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args.next().unwrap_or_else(|| "smtp://127.0.0.1:2525".into());
    let count: usize = args.next().map_or(Ok(20_000), |n| n.parse())?;
    let concurrency: usize = args.next().map_or(Ok(8), |n| n.parse())?;
    let mailer = Mailer::from_config(Some(&url), "IRENE <noreply@irene.test>", std::path::Path::new("."))?;
    let text = "Network news\n\n".to_string() + &"The conference is in Baku. ".repeat(40);
    let html =
        format!("<html><body><h1>Network news</h1><p>{}</p></body></html>", "The conference is in Baku. ".repeat(40));
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (mailer, next, text, html) = (mailer.clone(), next.clone(), text.clone(), html.clone());
        workers.push(tokio::spawn(async move {
            let mut session = mailer.session();
            while next.fetch_add(1, Ordering::Relaxed) < count {
                let to = Email::parse("member@example.org").expect("a valid address");
                let mail = OutgoingMail::new(to, "Network news", text.clone()).with_html(html.clone());
                session.send(&mail).await.expect("the sink accepts the message");
            }
        }));
    }
    for worker in workers {
        worker.await?;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("ceiling: {count} messages in {seconds:.1} s = {:.0} messages/s", count as f64 / seconds);
    Ok(())
}
