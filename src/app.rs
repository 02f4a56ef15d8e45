//! The console application, following iced's Elm architecture:
//! state ([`Console`]), messages ([`Message`]), update and view logic.

use iced::widget::{button, center, column, row, text};
use iced::{Center, Element, Font, Size, Task, Theme};

/// The product name, shown in the window title and as the heading.
pub const APP_NAME: &str = "Orgdesk";

/// What the console will offer once it is built.
pub const COMING_SOON: &str = "The console is coming: members, groups, invitations and more.";

/// The command that starts the platform server.
pub const SERVER_COMMAND: &str = "cargo run -p orgdesk-server";

/// The state of the console.
#[derive(Debug, Default)]
pub struct Console {}

/// Everything that can happen in the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Close the window and exit the application.
    Quit,
}

impl Console {
    /// The initial size of the main window, in logical pixels.
    pub const WINDOW_SIZE: Size = Size::new(960.0, 640.0);

    /// Boots the console: its initial state and no startup work.
    pub fn new() -> (Self, Task<Message>) {
        (Self::default(), Task::none())
    }

    /// The window title.
    pub fn title(&self) -> String {
        APP_NAME.to_owned()
    }

    /// The theme of the console: `None` lets iced pick the light or dark
    /// built-in theme matching the system color scheme (reported by winit on
    /// Windows and macOS; on Linux that needs iced's `linux-theme-detection`
    /// feature, left off to keep builds light, so it falls back to light or
    /// to the `ICED_THEME` environment variable, e.g. `ICED_THEME=Dark`).
    pub fn theme(&self) -> Option<Theme> {
        None
    }

    /// Applies a message to the state, returning any work to run next.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Quit => iced::exit(),
        }
    }

    /// Draws the console.
    pub fn view(&self) -> Element<'_, Message> {
        let server = row![
            text("The platform server can be run with"),
            text(SERVER_COMMAND).font(Font::MONOSPACE),
        ]
        .spacing(6);

        let content = column![
            text(APP_NAME).size(48),
            text(COMING_SOON).size(18),
            server,
            button("Quit").on_press(Message::Quit),
        ]
        .spacing(16)
        .align_x(Center);

        center(content).padding(24).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boots_without_startup_work() {
        let (console, task) = Console::new();

        assert_eq!(task.units(), 0);
        assert_eq!(console.title(), "Orgdesk");
        assert_eq!(console.theme(), None, "the theme follows the system");
    }

    #[test]
    fn quit_exits_the_application() {
        let (mut console, _) = Console::new();

        let task = console.update(Message::Quit);

        assert_eq!(task.units(), 1, "quitting runs the exit action");
    }

    #[test]
    fn view_shows_the_placeholder() {
        let console = Console::default();
        let mut ui = iced_test::simulator(console.view());

        for line in [APP_NAME, COMING_SOON, SERVER_COMMAND, "Quit"] {
            assert!(ui.find(line).is_ok(), "the console should show {line:?}");
        }
    }

    #[test]
    fn clicking_quit_sends_quit() {
        let console = Console::default();
        let mut ui = iced_test::simulator(console.view());

        assert!(
            ui.click("Quit").is_ok(),
            "the Quit button should be visible"
        );

        assert_eq!(ui.into_messages().collect::<Vec<_>>(), [Message::Quit]);
    }
}
