//! Orgdesk: the desktop console for organization admins.

use clap::Parser;
use orgdesk::app::Console;
use orgdesk::session::Env;

/// Orgdesk, the desktop console for organization admins.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Start a platform on this computer and open its demo organization
    /// (created on first use) as its admin.
    #[arg(long)]
    demo: bool,
    /// Keep settings, offline copies and the local platform's data in this
    /// folder instead of the OS folders (tokens stay in the keyring).
    #[arg(long, value_name = "DIR")]
    home: Option<std::path::PathBuf>,
}

fn main() -> iced::Result {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,orgdesk=info".into()),
        )
        .init();
    let args = Args::parse();
    let env = match &args.home {
        Some(home) => {
            let (vault, problem) = orgdesk::credentials::open_or_memory();
            let mut env = Env::in_folder(home, Some(vault));
            env.vault_problem = problem;
            env
        }
        None => Env::system(),
    };
    let demo = args.demo;
    let boot = move || {
        if demo {
            Console::demo(env.clone())
        } else {
            Console::with_env(env.clone())
        }
    };
    iced::application(boot, Console::update, Console::view)
        .title(Console::title)
        .theme(Console::theme)
        .subscription(Console::subscription)
        .window_size(Console::WINDOW_SIZE)
        .centered()
        .run()
}
