//! Working without a mouse (issue 16): Tab and Shift+Tab walk every control,
//! Enter or Space works the focused one, a ring shows where the focus is;
//! on the members page every action a click reaches, Tab and Enter reach
//! too, the column widths included.
//!
//! iced's test simulator builds a fresh interface per view, so focus would
//! not survive from one key to the next; [`Keys`] keeps the widget tree
//! between frames as the runtime does and runs the same focus operations
//! the console runs on Tab.

use std::sync::Arc;

use iced::advanced::clipboard;
use iced::advanced::renderer::{self, Headless};
use iced::advanced::widget::Operation;
use iced::advanced::widget::operation::{Outcome, focusable as focus_op};
use iced::keyboard::Key;
use iced::keyboard::key::Named;
use iced::widget::{checkbox, column, pick_list, text_input};
use iced::{Color, Element, Event, Font, Pixels, Renderer, Size, Theme, mouse};
use iced_runtime::user_interface::{Cache, UserInterface};
use iced_test::simulator::tap_key;
use orgdesk::app::{Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::members::{self, MemberColumn};
use orgdesk::widget::columns::Change;
use orgdesk::widget::focus::{Kind, button, focusable};

use super::{admin_console, send, support};
use support::Platform;

/// A window's widget tree kept from frame to frame.
struct Keys {
    renderer: Renderer,
    cache: Option<Cache>,
    size: Size,
}

impl Keys {
    fn new(size: Size) -> Self {
        let renderer = futures::executor::block_on(Renderer::new(
            Font::DEFAULT,
            Pixels(16.0),
            Some("tiny-skia"),
        ))
        .expect("a headless renderer");
        Self {
            renderer,
            cache: Some(Cache::default()),
            size,
        }
    }

    fn frame<'a, M, T>(
        &mut self,
        view: Element<'a, M>,
        f: impl FnOnce(&mut UserInterface<'a, M, Theme, Renderer>, &mut Renderer) -> T,
    ) -> T {
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = UserInterface::build(view, self.size, cache, &mut self.renderer);
        let out = f(&mut ui, &mut self.renderer);
        self.cache = Some(ui.into_cache());
        out
    }

    /// Tab (`forward`) or Shift+Tab, as the console runs them.
    fn tab<M>(&mut self, view: Element<'_, M>, forward: bool) {
        self.frame(view, |ui, renderer| {
            let mut operation: Box<dyn Operation> = if forward {
                Box::new(focus_op::focus_next::<()>())
            } else {
                Box::new(focus_op::focus_previous::<()>())
            };
            loop {
                ui.operate(renderer, operation.as_mut());
                match operation.finish() {
                    Outcome::Chain(next) => operation = next,
                    _ => break,
                }
            }
        });
    }

    /// The messages a key gives; nobody acts on them.
    fn key<M>(&mut self, view: Element<'_, M>, key: impl Into<Key>) -> Vec<M> {
        let events: Vec<Event> = tap_key(key, None).collect();
        self.frame(view, |ui, renderer| {
            let mut messages = Vec::new();
            ui.update(
                &events,
                mouse::Cursor::Unavailable,
                renderer,
                &mut clipboard::Null,
                &mut messages,
            );
            messages
        })
    }

    /// Pixels drawn in the focus ring's colour.
    fn ring_pixels<M>(&mut self, view: Element<'_, M>, theme: &Theme) -> usize {
        let ring = theme.extended_palette().primary.strong.color.into_rgba8();
        self.frame(view, |ui, renderer| {
            ui.draw(
                renderer,
                theme,
                &renderer::Style {
                    text_color: Color::BLACK,
                },
                mouse::Cursor::Unavailable,
            );
        });
        let size = Size::new(self.size.width as u32, self.size.height as u32);
        self.renderer
            .screenshot(size, 1.0, Color::WHITE)
            .chunks_exact(4)
            .filter(|p| p.iter().zip(ring).all(|(a, b)| a.abs_diff(b) <= 8))
            .count()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Msg {
    A,
    B,
    Typed(String),
    Checked(bool),
    Picked(&'static str),
}

fn controls<'a>() -> Element<'a, Msg> {
    column![
        text_input("", "").on_input(Msg::Typed),
        button("A").on_press(Msg::A),
        button("disabled: no stop"),
        focusable(
            checkbox(false).label("C").on_toggle(Msg::Checked),
            Kind::Press
        ),
        focusable(
            pick_list(["x", "y", "z"], Some("x"), Msg::Picked),
            Kind::Choice
        ),
        button("B").on_press(Msg::B),
    ]
    .padding(20)
    .spacing(12)
    .into()
}

#[test]
fn tab_walks_every_control_and_enter_or_space_works_the_focused_one() {
    let mut keys = Keys::new(Size::new(300.0, 300.0));
    let enter = || Key::Named(Named::Enter);
    let space = || Key::Named(Named::Space);
    assert_eq!(
        keys.key(controls(), enter()),
        vec![],
        "nothing has the focus"
    );

    keys.tab(controls(), true); // the text field
    assert_eq!(keys.key(controls(), enter()), vec![]);
    keys.tab(controls(), true); // A; the disabled button is no stop
    assert_eq!(keys.key(controls(), enter()), vec![Msg::A]);
    assert_eq!(keys.key(controls(), space()), vec![Msg::A]);
    keys.tab(controls(), true); // the checkbox
    assert_eq!(keys.key(controls(), space()), vec![Msg::Checked(true)]);
    keys.tab(controls(), true); // a closed pick list steps with the arrows
    assert_eq!(
        keys.key(controls(), Key::Named(Named::ArrowDown)),
        vec![Msg::Picked("y")]
    );
    keys.tab(controls(), true); // B
    assert_eq!(keys.key(controls(), enter()), vec![Msg::B]);
    keys.tab(controls(), true); // round to the text field
    assert_eq!(keys.key(controls(), enter()), vec![]);
    keys.tab(controls(), false); // Shift+Tab: back to B
    assert_eq!(keys.key(controls(), enter()), vec![Msg::B]);
    keys.tab(controls(), false);
    keys.tab(controls(), false); // the checkbox
    assert_eq!(keys.key(controls(), enter()), vec![Msg::Checked(true)]);
}

#[test]
fn the_focused_control_wears_a_ring_and_only_it() {
    let mut keys = Keys::new(Size::new(300.0, 300.0));
    for theme in [Theme::Light, Theme::Dark] {
        keys.cache = Some(Cache::default());
        assert_eq!(keys.ring_pixels(controls(), &theme), 0, "no focus, no ring");
        keys.tab(controls(), true);
        keys.tab(controls(), true); // A
        let around_a = keys.ring_pixels(controls(), &theme);
        assert!(
            around_a > 100,
            "{theme:?}: a ring around A: {around_a} pixels"
        );
        keys.tab(controls(), true); // the checkbox: the ring moves along
        let around_c = keys.ring_pixels(controls(), &theme);
        assert!(
            around_c > 100 && around_c < around_a * 2,
            "{theme:?}: one ring"
        );
        keys.tab(controls(), true);
        keys.tab(controls(), true); // B
        assert!(keys.ring_pixels(controls(), &theme) > 100);
    }
}

/// Tab until Enter on the focused control gives a message `wanted` accepts;
/// every message met on the way goes into `met` (as Debug text).
fn tab_to(
    keys: &mut Keys,
    console: &orgdesk::app::Console,
    wanted: impl Fn(&Message) -> bool,
    met: &mut Vec<String>,
) -> Message {
    for _ in 0..400 {
        keys.tab(console.view(), true);
        let given = keys.key(console.view(), Key::Named(Named::Enter));
        met.extend(given.iter().map(|m| format!("{m:?}")));
        if let Some(found) = given.into_iter().find(&wanted) {
            return found;
        }
    }
    panic!("Tab never reached it; met: {met:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_action_of_the_members_page_is_reached_with_tab_and_enter() {
    let _words = support::english().await;
    let p = Platform::start(20).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    let mut keys = Keys::new(Size::new(1280.0, 800.0));

    // Round the whole page once: what Enter gives on each stop.
    let mut met = Vec::new();
    let name_width = |console: &orgdesk::app::Console| {
        console
            .shell()
            .unwrap()
            .members()
            .unwrap()
            .columns()
            .visible()
            .next()
            .unwrap()
    };
    let menu = tab_to(
        &mut keys,
        &console,
        |m| {
            matches!(
                m,
                Message::Members(members::Message::Columns(Change::ToggleMenu))
            )
        },
        &mut met,
    );
    assert!(
        keys.ring_pixels(console.view(), &Theme::Light) > 0,
        "the focused ⋮ shows a ring"
    );
    for expected in [
        "Navigate(Section(Overview))",
        "Navigate(Section(Groups))",
        "Navigate(Section(Invitations))",
        "Navigate(Section(Audit))",
        "ImportCsv",
        "StatusFilter(Some(Suspended))",
        "AccessFilter(Some(Inactive(90)))",
        "AccessFilter(Some(Expiring(7)))",
        "SortBy(Email)",
    ] {
        assert!(
            met.iter().any(|m| m.contains(expected)),
            "{expected} not reached with Tab; met: {met:#?}"
        );
    }

    // The column menu, then a column made wider from the keyboard.
    send(&mut console, menu).await;
    let (column, width) = name_width(&console);
    assert_eq!(column, MemberColumn::Name);
    let resize = tab_to(
        &mut keys,
        &console,
        |m| {
            matches!(
                m,
                Message::Members(members::Message::Columns(Change::SetWidth(
                    MemberColumn::Name,
                    _
                )))
            )
        },
        &mut met,
    );
    let Message::Members(members::Message::Columns(Change::SetWidth(_, new))) = resize else {
        unreachable!()
    };
    assert!(
        (new - width).abs() == 24.0,
        "one step narrower or wider: {width} → {new}"
    );
    send(&mut console, resize).await;
    assert_eq!(name_width(&console), (MemberColumn::Name, new));
}
