//! Orgdesk: the desktop console for organization admins.

use orgdesk::app::Console;

fn main() -> iced::Result {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,orgdesk=info".into()),
        )
        .init();
    orgdesk::i18n::select(None);
    iced::application(Console::new, Console::update, Console::view)
        .title(Console::title)
        .theme(Console::theme)
        .subscription(Console::subscription)
        .window_size(Console::WINDOW_SIZE)
        .centered()
        .run()
}
