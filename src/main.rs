use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// IRENE: the directory, networks and portal of NGO networks.
#[derive(Parser)]
#[command(name = "irene", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Storage {
    /// Folder for the SQLite database and the search index.
    #[arg(long = "data", env = "IRENE_DATA", default_value = "./irene-data")]
    data: PathBuf,
    /// Database URL (sqlite://… or postgres://…); default: a SQLite file in the data folder.
    #[arg(long, env = "IRENE_DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator (or make an existing account one). The password
    /// is read from IRENE_ADMIN_PASSWORD, or else from the first line of standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[command(flatten)]
        storage: Storage,
    },
}

fn read_password() -> anyhow::Result<String> {
    eprint!("password for the new administrator: ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

// Parsed once per run, so the size of `serve`'s many options costs nothing worth boxing for.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Manage administrators.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Serve the portal and the API.
    Serve {
        /// Address to listen on.
        #[arg(long, env = "IRENE_ADDR", default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
        /// Load the networks of the Baku 2004 report into the database, once.
        #[arg(long)]
        demo: bool,
        /// Public address of the portal, for links in feeds, mail and JSON-LD.
        #[arg(long, env = "IRENE_PUBLIC_URL")]
        public_url: Option<String>,
        /// SMTP server for mail (smtp://host:port, smtps://user:pass@host); without it,
        /// mail is written as .eml files into the data folder's `mail` folder.
        #[arg(long, env = "IRENE_SMTP_URL")]
        smtp_url: Option<String>,
        /// Sender of the platform's mail; by default `IRENE <noreply@…>` at the public address's host.
        #[arg(long, env = "IRENE_MAIL_FROM")]
        mail_from: Option<String>,
        /// Address on which to receive replies to discussion mail over SMTP (host:port); none without it.
        #[arg(long, env = "IRENE_INBOUND_SMTP_ADDR")]
        inbound_smtp_addr: Option<SocketAddr>,
        /// Domain of the addresses replies to discussion mail go to; the sender's domain without it.
        #[arg(long, env = "IRENE_REPLY_DOMAIN")]
        reply_domain: Option<String>,
        /// Days a coordinator's verification of an organisation holds.
        #[arg(long, env = "IRENE_VERIFICATION_DAYS", default_value_t = 730)]
        verification_days: i64,
        /// Day quadrennial reports fall due in the year after their period, as MM-DD.
        #[arg(long, env = "IRENE_ECOSOC_REPORT_DUE", default_value = "06-01", value_parser = parse_month_day)]
        ecosoc_report_due: irene::consultative::rules::MonthDay,
        /// Days before a quadrennial report is due that the organisation's editors are reminded.
        #[arg(long, env = "IRENE_ECOSOC_REMINDER_DAYS", default_value = "90,30,7", value_parser = parse_reminder_days)]
        ecosoc_reminder_days: ReminderDays,
        /// Reverse proxies whose X-Forwarded-For names the client (for per-client limits): a comma-separated
        /// list of IP addresses and CIDR ranges. Without it, the connection's peer is the client.
        #[arg(long, env = "IRENE_TRUSTED_PROXIES", default_value = "", value_parser = irene::platform::web::TrustedProxies::parse)]
        trusted_proxies: irene::platform::web::TrustedProxies,
        /// Megabytes the ECOSOC dossier documents of one organisation may take together.
        #[arg(long, env = "IRENE_ECOSOC_DOCUMENT_QUOTA_MB", default_value_t = irene::consultative::rules::DEFAULT_DOCUMENT_QUOTA_MEGABYTES)]
        ecosoc_document_quota_mb: u64,
        #[command(flatten)]
        newsletter: NewsletterArgs,
        #[command(flatten)]
        s3: irene::platform::objects::S3Options,
        #[command(flatten)]
        storage: Storage,
    },
    /// Read one e-mail message on standard input, as a mail relay's pipe hands it over, and post it as the
    /// discussion reply whose reply address it was sent to. Exits non-zero, writing nothing, when the address
    /// is not one IRENE made, or the sender is not the person it was made for, or may not post there.
    ReceiveMail {
        /// The envelope recipient, as the relay knows it (Postfix: `${recipient}`); else read from the headers.
        #[arg(long)]
        recipient: Option<String>,
        #[command(flatten)]
        storage: Storage,
    },
    /// Write everything public (organisations, networks, focal points, themes,
    /// people's positions, meetings, commitments) as one JSON file.
    Export {
        /// Where to write it; standard output when not given.
        #[arg(long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        storage: Storage,
    },
    /// Import organisations from a CSV, XLSX (first sheet) or JSON file (an
    /// array of objects), chosen by the file's extension or else its content,
    /// with the columns of the CSV export: slug, name_en, name_ru, name_az,
    /// acronym, kind, country, city, address, phone, email, website,
    /// founded_year, consultative_status, networks (separated by `;`, or a
    /// JSON list), and one person a row: person_name, person_position,
    /// person_email, person_phone (rows repeating an organisation add more of
    /// its people). A JSON file written by `irene export` (one object) is read
    /// into an empty database instead.
    Import {
        file: PathBuf,
        /// Check the file and report every problem, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Read a column of the file as one of ours: `--map "Organisation=name_en"`.
        #[arg(long = "map", value_name = "FILE_COLUMN=COLUMN")]
        mapping: Vec<String>,
        #[command(flatten)]
        storage: Storage,
    },
    /// Add synthetic organisations, for trying the directory at scale.
    Generate {
        /// How many organisations to add.
        #[arg(long)]
        organizations: usize,
        /// Seed of the generator; the same seed gives the same organisations.
        #[arg(long, default_value_t = 2004)]
        seed: u64,
        /// Load the Baku 2004 demo first, so organisations join its networks and themes.
        #[arg(long)]
        demo: bool,
        #[command(flatten)]
        storage: Storage,
    },
}

/// How this instance sends newsletters.
#[derive(clap::Args)]
struct NewsletterArgs {
    /// Newsletter messages per second this instance sends at most; 0 for no limit.
    #[arg(long, env = "IRENE_NEWSLETTER_RATE", default_value_t = 100)]
    newsletter_rate: u32,
    /// Newsletter messages this instance has in flight at once.
    #[arg(long, env = "IRENE_NEWSLETTER_CONCURRENCY", default_value_t = 4)]
    newsletter_concurrency: usize,
    /// Seconds after which a message claimed by an instance that went silent is
    /// sent by another; keep it well above the time one message takes.
    #[arg(long, env = "IRENE_NEWSLETTER_LEASE_SECONDS", default_value_t = 120)]
    newsletter_lease_seconds: u64,
    /// Attempts before a message that keeps failing temporarily is given up.
    #[arg(long, env = "IRENE_NEWSLETTER_MAX_ATTEMPTS", default_value_t = 6)]
    newsletter_max_attempts: i64,
    /// Seconds before the first retry of a message that failed temporarily; each retry waits twice as long.
    #[arg(long, env = "IRENE_NEWSLETTER_RETRY_SECONDS", default_value_t = 30)]
    newsletter_retry_seconds: u64,
    /// Permanent failures after which an address receives no more newsletters.
    #[arg(long, env = "IRENE_NEWSLETTER_BOUNCE_LIMIT", default_value_t = 3)]
    newsletter_bounce_limit: i64,
    /// A folder with `layout.html` and `layout.txt` (Jinja) replacing the built-in newsletter layout.
    #[arg(long, env = "IRENE_NEWSLETTER_LAYOUT")]
    newsletter_layout: Option<PathBuf>,
}

impl NewsletterArgs {
    fn settings(self) -> irene::newsletter::NewsletterSettings {
        irene::newsletter::NewsletterSettings {
            rate_per_second: self.newsletter_rate,
            concurrency: self.newsletter_concurrency.max(1),
            lease: std::time::Duration::from_secs(self.newsletter_lease_seconds.max(1)),
            max_attempts: self.newsletter_max_attempts.max(1),
            retry_after: std::time::Duration::from_secs(self.newsletter_retry_seconds.max(1)),
            bounce_limit: self.newsletter_bounce_limit.max(1),
            layout_dir: self.newsletter_layout,
        }
    }
}

fn parse_month_day(text: &str) -> Result<irene::consultative::rules::MonthDay, String> {
    irene::consultative::rules::MonthDay::parse(text).ok_or_else(|| format!("'{text}' is not a day as MM-DD"))
}

/// The reminder intervals as one command-line value, such as `90,30,7`.
#[derive(Clone, Debug)]
struct ReminderDays(Vec<i64>);

fn parse_reminder_days(text: &str) -> Result<ReminderDays, String> {
    irene::consultative::rules::DeskRules::parse_reminder_days(text)
        .map(ReminderDays)
        .ok_or_else(|| format!("'{text}' is not a list of days such as 90,30,7"))
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("IRENE_LOG").unwrap_or_else(|_| EnvFilter::new("info,tantivy=warn,sqlx=warn"));
    let json = std::env::var("IRENE_LOG_FORMAT").is_ok_and(|f| f == "json");
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            addr,
            demo,
            public_url,
            smtp_url,
            mail_from,
            inbound_smtp_addr,
            reply_domain,
            verification_days,
            ecosoc_report_due,
            ecosoc_reminder_days,
            trusted_proxies,
            ecosoc_document_quota_mb,
            newsletter,
            s3,
            storage,
        } => {
            irene::startup::serve(irene::startup::ServeOptions {
                addr,
                data_dir: storage.data,
                database_url: storage.database_url,
                public_url,
                smtp_url,
                mail_from,
                inbound_smtp_addr,
                reply_domain,
                verification_days,
                newsletter: newsletter.settings(),
                desk_rules: irene::consultative::rules::DeskRules {
                    report_due: ecosoc_report_due,
                    reminder_days: ecosoc_reminder_days.0,
                    document_quota_bytes: ecosoc_document_quota_mb.saturating_mul(1024 * 1024),
                },
                trusted_proxies,
                files: irene::platform::objects::FileStore::from_options(&s3)?,
                demo,
            })
            .await
        }
        Command::Admin { command: AdminCommand::Create { email, name, storage } } => {
            let email = irene::platform::mail::Email::parse(&email.to_lowercase())
                .ok_or_else(|| anyhow::anyhow!("'{email}' is not an e-mail address"))?;
            let password = std::env::var("IRENE_ADMIN_PASSWORD").or_else(|_| read_password())?;
            if password.chars().count() < irene::accounts::MIN_PASSWORD {
                anyhow::bail!("the password must have at least {} characters", irene::accounts::MIN_PASSWORD);
            }
            irene::startup::prepare_data_dir(&storage.data)?;
            let db = irene::startup::open_database(storage.database_url.as_deref(), &storage.data).await?;
            irene::accounts::roles::create_admin(&db, &email, &name, password).await?;
            eprintln!("administrator {email} created; sign in at /account/signin");
            Ok(())
        }
        Command::Export { output, storage } => {
            irene::startup::prepare_data_dir(&storage.data)?;
            let db = irene::startup::open_database(storage.database_url.as_deref(), &storage.data).await?;
            let mut json = serde_json::to_string_pretty(&irene::demo::dump::export(&db).await?)?;
            json.push('\n');
            match output {
                Some(path) => {
                    std::fs::write(&path, json).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?
                }
                None => print!("{json}"),
            }
            Ok(())
        }
        Command::Import { file, dry_run, mapping, storage } => {
            use irene::directory::import::{Format, is_export_dump};
            let mut head = Vec::with_capacity(4096);
            std::fs::File::open(&file)
                .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, 4096), &mut head))
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
            let format = Format::of(&file.to_string_lossy(), &head);
            if format == Format::Json && is_export_dump(&head) {
                return import_dump(&file, &storage).await;
            }
            let mapping = mapping
                .iter()
                .map(|pair| {
                    pair.split_once('=')
                        .map(|(theirs, ours)| (theirs.trim().to_string(), ours.trim().to_string()))
                        .ok_or_else(|| anyhow::anyhow!("--map wants FILE_COLUMN=COLUMN, not “{pair}”"))
                })
                .collect::<anyhow::Result<_>>()?;
            irene::startup::prepare_data_dir(&storage.data)?;
            let db = irene::startup::open_database(storage.database_url.as_deref(), &storage.data).await?;
            let outcome = irene::directory::import::import_file(
                &db,
                &file,
                format,
                &mapping,
                !dry_run,
                irene::platform::i18n::Lang::En,
            )
            .await?;
            for problem in &outcome.problems {
                eprintln!("{}: {problem}", file.display());
            }
            if !outcome.problems.is_empty() {
                anyhow::bail!("{} problems; nothing was imported", outcome.problems.len());
            }
            let (added, updated, people) = (outcome.added, outcome.updated, outcome.people);
            if dry_run {
                eprintln!(
                    "no problem found; would add {added} organisations and update {updated}, with {people} people"
                );
            } else {
                eprintln!("added {added} organisations and updated {updated}, with {people} people");
            }
            Ok(())
        }
        Command::ReceiveMail { recipient, storage } => {
            irene::startup::receive_mail(storage.database_url.as_deref(), &storage.data, recipient).await
        }
        Command::Generate { organizations, seed, demo, storage } => {
            irene::startup::prepare_data_dir(&storage.data)?;
            let db = irene::startup::open_database(storage.database_url.as_deref(), &storage.data).await?;
            if demo {
                irene::demo::load(&db).await?;
            }
            irene::demo::synthetic::generate(&db, organizations, seed).await?;
            tracing::info!(organizations, seed, "synthetic organisations added");
            Ok(())
        }
    }
}

/// Reads a JSON file written by `irene export` into an empty database.
async fn import_dump(file: &std::path::Path, storage: &Storage) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let data: irene::demo::DemoData =
        serde_json::from_str(&text).map_err(|e| anyhow::anyhow!("{} is not an IRENE export: {e}", file.display()))?;
    irene::startup::prepare_data_dir(&storage.data)?;
    let db = irene::startup::open_database(storage.database_url.as_deref(), &storage.data).await?;
    irene::demo::import(&db, &data).await?;
    eprintln!("imported {} organisations and {} networks", data.organizations.len(), data.networks.len());
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    init_logging();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("irene: {error:#}");
            ExitCode::FAILURE
        }
    }
}
