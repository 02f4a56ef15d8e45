//! Orgdesk: the desktop console for organization admins.

// A Windows release opens no console window beside the console's own.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use clap::Parser;
use iced::Subscription;
use orgdesk::app::{Console, Message};
use orgdesk::desktop::instance::{self, Launch};
use orgdesk::desktop::{self, Desktop, crash};
use orgdesk::session::Env;

/// Orgdesk, the desktop console for organization admins.
#[derive(Debug, Parser)]
#[command(version = desktop::VERSION, about)]
struct Args {
    /// Start a platform on this computer and open its demo organization
    /// (created on first use) as its admin.
    #[arg(long)]
    demo: bool,
    /// Keep settings, offline copies and the local platform's data in this
    /// folder instead of the OS folders (tokens stay in the keyring).
    #[arg(long, value_name = "DIR")]
    home: Option<std::path::PathBuf>,
    /// An `orgdesk://HOST/orgs/ORGANIZATION/members/ID` link (or `…/groups/ID`,
    /// `…/audit/ID`) to open; a console already running opens it instead.
    #[arg(value_name = "LINK")]
    link: Option<String>,
}

fn main() -> iced::Result {
    // `--version` and `--help` answer here: no window, keyring or socket.
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,orgdesk=info".into()),
        )
        .init();
    let launch_args: Vec<String> = args.link.iter().cloned().collect();
    // One console per person and home: a later launch hands its link over.
    let address = instance::Address::for_home(args.home.as_deref());
    let inbox = match instance::launch(&address, &launch_args) {
        Ok(Launch::HandedOver) => return Ok(()),
        Ok(Launch::First(listener)) => Some(listener.spawn()),
        Err(error) => {
            tracing::warn!(%error, "cannot listen for later launches; starting anyway");
            None
        }
    };
    let logs = crash::log_dir(args.home.as_deref());
    let crashed = logs.as_deref().and_then(crash::pick_up);
    if let Some(logs) = logs {
        crash::install(logs);
    }
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
        let (console, task) = if demo {
            Console::demo(env.clone())
        } else {
            Console::with_env(env.clone())
        };
        let desktop = Desktop::new(crashed.clone(), &launch_args);
        (console.with_desktop(desktop), task)
    };
    iced::application(boot, Console::update, Console::view)
        .title(Console::title)
        .theme(Console::theme)
        .font(orgdesk::widget::icon::FONT_BYTES)
        .subscription(move |console: &Console| {
            let launches = match &inbox {
                Some(inbox) => inbox
                    .subscription()
                    .map(|args| Message::Desktop(desktop::Message::Launched(args))),
                None => Subscription::none(),
            };
            Subscription::batch([console.subscription(), launches])
        })
        .window(desktop::window::settings(Console::WINDOW_SIZE))
        .run()
}
