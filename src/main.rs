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
enum Command {
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

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("IRENE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,tantivy=warn,sqlx=warn"));
    let json = std::env::var("IRENE_LOG_FORMAT").is_ok_and(|f| f == "json");
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
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
            storage,
        } => {
            irene::app::serve(irene::app::ServeOptions {
                addr,
                data_dir: storage.data,
                database_url: storage.database_url,
                public_url,
                demo,
            })
            .await
        }
        Command::Generate {
            organizations,
            seed,
            demo,
            storage,
        } => {
            irene::app::prepare_data_dir(&storage.data)?;
            let db =
                irene::app::open_database(storage.database_url.as_deref(), &storage.data).await?;
            if demo {
                irene::demo::load(&db).await?;
            }
            irene::demo::synthetic::generate(&db, organizations, seed).await?;
            tracing::info!(organizations, seed, "synthetic organisations added");
            Ok(())
        }
    }
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
