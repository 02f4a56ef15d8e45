//! Keyboard focus for what the mouse clicks.
//!
//! iced 0.14 focuses only text fields. [`Focus`] makes any control a stop on
//! the Tab order (Tab and Shift+Tab run iced's `focus_next`/`focus_previous`
//! over every focusable widget, text fields included), draws a ring while it
//! has the focus, and presses the control on Enter or Space by giving it the
//! click a mouse would: the control itself decides what a click means, so a
//! button, a checkbox and a pick list all work without knowing their messages.
//! A closed pick list also steps through its options with the arrow keys, as
//! a desktop combo box does.
//!
//! Screens import [`button()`] from here instead of iced's: the same builder,
//! but an enabled button is a Tab stop. `button::primary` and the other
//! styles resolve to iced's through the re-exported module of the same name.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree, operation, tree};
use iced::advanced::{Clipboard, Shell, Widget, overlay, renderer};
use iced::keyboard::{self, key::Named};
use iced::{
    Border, Element, Event, Length, Padding, Rectangle, Renderer, Shadow, Size, Theme, Vector,
    mouse,
};

/// iced's button module, for its styles and types (`button::secondary`).
pub mod button {
    pub use iced::widget::button::*;
}

/// How the keyboard works a focused control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Enter or Space clicks it (buttons, checkboxes).
    Press,
    /// Enter or Space opens it; Up and Down step through its options while
    /// it is closed (pick lists).
    Choice,
}

/// Makes `content` a Tab stop worked by the keyboard as `kind` says.
pub fn focusable<'a, M: Clone + 'a>(
    content: impl Into<Element<'a, M>>,
    kind: Kind,
) -> Element<'a, M> {
    Element::new(Focus {
        content: content.into(),
        kind,
    })
}

/// A button that Tab reaches; see the module's text.
pub fn button<'a, M: Clone + 'a>(content: impl Into<Element<'a, M>>) -> Button<'a, M> {
    Button {
        inner: iced::widget::button(content),
        enabled: false,
    }
}

/// iced's button builder, remembering whether the button can be pressed:
/// a disabled button is no Tab stop.
pub struct Button<'a, M> {
    inner: iced::widget::Button<'a, M>,
    enabled: bool,
}

impl<'a, M: Clone + 'a> Button<'a, M> {
    pub fn on_press(self, message: M) -> Self {
        Self {
            inner: self.inner.on_press(message),
            enabled: true,
        }
    }

    pub fn on_press_maybe(self, message: Option<M>) -> Self {
        Self {
            enabled: message.is_some(),
            inner: self.inner.on_press_maybe(message),
        }
    }

    pub fn style(self, style: impl Fn(&Theme, button::Status) -> button::Style + 'a) -> Self {
        Self {
            inner: self.inner.style(style),
            ..self
        }
    }

    pub fn padding(self, padding: impl Into<Padding>) -> Self {
        Self {
            inner: self.inner.padding(padding),
            ..self
        }
    }

    pub fn width(self, width: impl Into<Length>) -> Self {
        Self {
            inner: self.inner.width(width),
            ..self
        }
    }

    pub fn height(self, height: impl Into<Length>) -> Self {
        Self {
            inner: self.inner.height(height),
            ..self
        }
    }

    pub fn clip(self, clip: bool) -> Self {
        Self {
            inner: self.inner.clip(clip),
            ..self
        }
    }
}

impl<'a, M: Clone + 'a> From<Button<'a, M>> for Element<'a, M> {
    fn from(button: Button<'a, M>) -> Self {
        if button.enabled {
            focusable(button.inner, Kind::Press)
        } else {
            button.inner.into()
        }
    }
}

/// The wrapper: the content's own layout, plus a focus flag.
pub struct Focus<'a, M> {
    content: Element<'a, M>,
    kind: Kind,
}

#[derive(Debug, Default)]
struct State {
    focused: bool,
}

impl operation::Focusable for State {
    fn is_focused(&self) -> bool {
        self.focused
    }

    fn focus(&mut self) {
        self.focused = true;
    }

    fn unfocus(&mut self) {
        self.focused = false;
    }
}

impl<M: Clone> Focus<'_, M> {
    /// Hands the content `events` one by one with the cursor at its middle,
    /// each in a shell of its own: a control that captured the press must
    /// still see the release.
    #[allow(clippy::too_many_arguments)]
    fn feed(
        &mut self,
        events: &[Event],
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        let middle = mouse::Cursor::Available(layout.bounds().center());
        for event in events {
            let mut messages = Vec::new();
            let mut own = Shell::new(&mut messages);
            self.content.as_widget_mut().update(
                &mut tree.children[0],
                event,
                layout,
                middle,
                renderer,
                clipboard,
                &mut own,
                viewport,
            );
            shell.merge(own, |message| message);
        }
    }
}

/// A left click, as a mouse gives it.
fn click() -> [Event; 2] {
    [
        Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
        Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)),
    ]
}

/// What steps a closed pick list one option on: Ctrl + the wheel.
fn step(down: bool) -> [Event; 3] {
    let y = if down { -1.0 } else { 1.0 };
    [
        Event::Keyboard(keyboard::Event::ModifiersChanged(
            keyboard::Modifiers::COMMAND,
        )),
        Event::Mouse(mouse::Event::WheelScrolled {
            delta: mouse::ScrollDelta::Lines { x: 0.0, y },
        }),
        Event::Keyboard(keyboard::Event::ModifiersChanged(
            keyboard::Modifiers::default(),
        )),
    ]
}

impl<M: Clone> Widget<M, Theme, Renderer> for Focus<'_, M> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        operation.focusable(None, layout.bounds(), tree.state.downcast_mut::<State>());
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        // A click anywhere ends keyboard focus: the ring is for the keyboard.
        if let Event::Mouse(mouse::Event::ButtonPressed(_)) = event {
            tree.state.downcast_mut::<State>().focused = false;
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        if shell.is_event_captured() || !tree.state.downcast_ref::<State>().focused {
            return;
        }
        let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event else {
            return;
        };
        if modifiers.command() || modifiers.alt() {
            return;
        }
        let events: &[Event] = match (key.as_ref(), self.kind) {
            (keyboard::Key::Named(Named::Enter | Named::Space), _) => &click(),
            (keyboard::Key::Named(named @ (Named::ArrowDown | Named::ArrowUp)), Kind::Choice) => {
                &step(named == Named::ArrowDown)
            }
            _ => return,
        };
        self.feed(events, tree, layout, renderer, clipboard, shell, viewport);
        shell.capture_event();
        shell.request_redraw();
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
        if tree.state.downcast_ref::<State>().focused {
            ring(renderer, theme, layout.bounds());
        }
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

/// The focus ring: two pixels of the theme's strong primary colour just
/// outside the control, on a layer of its own so that nothing covers it.
fn ring(renderer: &mut Renderer, theme: &Theme, bounds: Rectangle) {
    use iced::advanced::Renderer as _;
    let around = bounds.expand(2.0);
    renderer.with_layer(around.expand(1.0), |renderer| {
        renderer.fill_quad(
            renderer::Quad {
                bounds: around,
                border: Border {
                    color: theme.extended_palette().primary.strong.color,
                    width: 2.0,
                    radius: 6.0.into(),
                },
                shadow: Shadow::default(),
                snap: true,
            },
            iced::Color::TRANSPARENT,
        );
    });
}
