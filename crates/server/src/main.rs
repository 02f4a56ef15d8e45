use orgdesk_server::config::LogFormat;
use orgdesk_server::ops::commands;
use orgdesk_server::{Cli, Command, start};
use tracing_subscriber::EnvFilter;

/// Small allocations on every request (rows, JSON, headers) from per-thread
/// heaps: glibc's malloc took 9% of a gated read's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::load();
    init_logging(cli.server.log_format);
    let config = cli.server;
    match cli.command {
        None => {}
        Some(Command::Migrate) => return commands::migrate(&config).await,
        Some(Command::Backup(args)) => return commands::backup(&config, &args.to).await,
        Some(Command::Seed(args)) => return commands::seed(&config, &args).await,
        Some(Command::CheckConfig) => {
            return commands::check_config(&config, cli.config.as_deref()).await;
        }
    }
    let stop = shutdown_signal()?;
    let server = start(config).await?;
    stop.await;
    tracing::info!("stopping: no new connections; finishing the requests in flight");
    server.stop().await?;
    tracing::info!("stopped");
    Ok(())
}

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()));
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

/// SIGTERM or SIGINT (Ctrl+C). The handlers are in place once this returns,
/// so a signal during start-up is not lost.
fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    #[cfg(unix)]
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {},
            _ = terminate.recv() => {},
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    })
}
