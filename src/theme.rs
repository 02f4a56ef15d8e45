//! Every style of the console: named functions over the theme's palette, so
//! screens hold no colours and light and dark both work.

use iced::widget::{button, container, text};
use iced::{Background, Border, Theme, border};

pub const ROW_HEIGHT: f32 = 32.0;
pub const SIDEBAR_WIDTH: f32 = 200.0;

pub fn sidebar(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.weak.color.into()),
        text_color: Some(palette.background.weak.text),
        ..container::Style::default()
    }
}

pub fn top_bar(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.base.color.into()),
        border: Border {
            color: palette.background.strong.color,
            width: 0.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

pub fn card(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.base.color.into()),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 8.0.into(),
        },
        ..container::Style::default()
    }
}

/// A card inside a card: a slightly weaker background, a thin border.
pub fn inset(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.weak.color.into()),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

pub fn table_header(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.weak.color.into()),
        border: border::rounded(0),
        ..container::Style::default()
    }
}

/// The draggable edge between two column headers.
pub fn column_edge(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.strong.color.into()),
        ..container::Style::default()
    }
}

/// A table row: striped, highlighted when selected.
pub fn table_row(selected: bool, odd: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let palette = theme.extended_palette();
        let background = if selected {
            Some(Background::from(palette.primary.weak.color))
        } else if odd {
            Some(Background::from(palette.background.weakest.color))
        } else {
            None
        };
        let text_color = selected.then_some(palette.primary.weak.text);
        container::Style {
            background,
            text_color,
            ..container::Style::default()
        }
    }
}

/// The offline banner and other warnings.
pub fn banner(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.warning.weak.color.into()),
        text_color: Some(palette.warning.weak.text),
        ..container::Style::default()
    }
}

pub fn error_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().danger.base.color),
    }
}

/// Secondary text: the body colour, faded, so it stays readable on light and dark.
pub fn muted_text(theme: &Theme) -> text::Style {
    let mut color = theme.extended_palette().background.base.text;
    color.a = 0.62;
    text::Style { color: Some(color) }
}

/// A sidebar entry; the current one stands out.
pub fn nav_button(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        if active {
            button::primary(theme, status)
        } else {
            button::text(theme, status)
        }
    }
}

/// A seat gauge turns to a warning colour when nearly full.
pub fn seat_gauge(used: u32, limit: u32) -> impl Fn(&Theme) -> iced::widget::progress_bar::Style {
    move |theme| {
        let palette = theme.extended_palette();
        let bar = if limit > 0 && used * 10 >= limit * 9 {
            palette.danger.base.color
        } else {
            palette.primary.base.color
        };
        iced::widget::progress_bar::Style {
            background: palette.background.strong.color.into(),
            bar: bar.into(),
            border: border::rounded(4),
        }
    }
}

/// The dimmed layer behind a dialog.
pub fn backdrop(theme: &Theme) -> container::Style {
    // Black in both themes: a light shade over a dark theme washes it out.
    let shade = iced::Color {
        a: if theme.extended_palette().is_dark {
            0.6
        } else {
            0.45
        },
        ..iced::Color::BLACK
    };
    container::Style {
        background: Some(shade.into()),
        ..container::Style::default()
    }
}

pub const ACTIVITY_WIDTH: f32 = 340.0;
/// Good news under a field ("acme is available").
pub fn success_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().success.base.color),
    }
}

/// A line that says a change went through (Invitations: resent, revoked).
pub fn invitations_done_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().success.base.color),
    }
}

/// A small rounded label: the groups that grant a permission, a person's groups.
pub fn chip(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.secondary.weak.color.into()),
        text_color: Some(palette.secondary.weak.text),
        border: border::rounded(10),
        ..container::Style::default()
    }
}

/// One bar of a small chart (sign-ins per day).
pub fn chart_bar(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(theme.extended_palette().primary.base.color.into()),
        border: border::rounded(2),
        ..container::Style::default()
    }
}

/// The line under a small chart's bars.
pub fn chart_axis(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(theme.extended_palette().background.strong.color.into()),
        ..container::Style::default()
    }
}

/// The square frame around a profile picture or its placeholder.
pub fn picture_frame(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.weak.color.into()),
        text_color: Some(palette.background.weak.text),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 8.0.into(),
        },
        ..container::Style::default()
    }
}

/// A heading inside a form (a product's section of permissions).
pub fn section_heading(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().primary.strong.color),
    }
}

/// Something to look at, short of an error (a conflict someone else caused).
pub fn warning_text(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.extended_palette().warning.strong.color),
    }
}

/// A sheet beside a list (a group's details).
pub fn sheet(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.base.color.into()),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// A small label beside a name ("Built-in").
pub fn badge(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.secondary.weak.color.into()),
        text_color: Some(palette.secondary.weak.text),
        border: border::rounded(8),
        ..container::Style::default()
    }
}

/// A product's band over its columns in a permission matrix.
pub fn product_band(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.primary.weak.color.into()),
        text_color: Some(palette.primary.weak.text),
        border: Border {
            color: palette.background.base.color,
            width: 1.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// A matrix cell: striped like table rows; a pending change (or the cell in
/// focus) stands out in the warning colour until it is saved.
pub fn matrix_cell(pending: bool, odd: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let palette = theme.extended_palette();
        let background = if pending {
            Some(Background::from(palette.warning.weak.color))
        } else if odd {
            Some(Background::from(palette.background.weakest.color))
        } else {
            None
        };
        container::Style {
            background,
            text_color: pending.then_some(palette.warning.weak.text),
            border: Border {
                color: palette.background.weak.color,
                width: 0.5,
                radius: 0.0.into(),
            },
            ..container::Style::default()
        }
    }
}

/// A row of the bulk dialog's tables: striped; a row with problems tinted.
pub fn bulk_row(flagged: bool, odd: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let palette = theme.extended_palette();
        let background = if flagged {
            let mut tint = palette.danger.weak.color;
            tint.a = 0.25;
            Some(Background::from(tint))
        } else if odd {
            Some(Background::from(palette.background.weakest.color))
        } else {
            None
        };
        container::Style {
            background,
            ..container::Style::default()
        }
    }
}

/// The signed-in person's initials in a round face (the profile menu's button).
pub fn face(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.primary.base.color.into()),
        text_color: Some(palette.primary.base.text),
        border: border::rounded(13),
        ..container::Style::default()
    }
}

/// A status's icon in a table cell: green when all is well, amber when it
/// waits or is held, muted when it is over.
pub fn status_icon(tone: Tone) -> impl Fn(&Theme) -> text::Style {
    move |theme| {
        let palette = theme.extended_palette();
        text::Style {
            color: Some(match tone {
                Tone::Good => palette.success.base.color,
                Tone::Waiting => palette.warning.strong.color,
                Tone::Over => palette.background.strong.color,
                Tone::Bad => palette.danger.base.color,
            }),
        }
    }
}

/// How a status looks beside its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Waiting,
    Over,
    Bad,
}
