//! Orgdesk: the desktop console for organization admins.
//!
//! For now the console is a placeholder window; the platform server lives in
//! the `orgdesk-server` package.

mod app;

use app::Console;

fn main() -> iced::Result {
    iced::application(Console::new, Console::update, Console::view)
        .title(Console::title)
        .theme(Console::theme)
        .window_size(Console::WINDOW_SIZE)
        .centered()
        .run()
}
