//! A small bar chart of counts per day (sign-ins over 30 days), used by the
//! profile's sign-ins and the organization's overview: each bar tells its
//! day and count on hover.

use iced::widget::tooltip::Position;
use iced::widget::{Space, column, container, row, text, tooltip};
use iced::{Element, Length};
use time::{Date, Duration, OffsetDateTime};

use crate::theme;

/// The chart's height, bars at their tallest.
const HEIGHT: f32 = 64.0;

/// How many of `times` fall on each of the `days` days ending `today` (UTC
/// dates), oldest first; times outside them are not counted.
pub fn per_day(
    times: impl IntoIterator<Item = OffsetDateTime>,
    today: Date,
    days: i64,
) -> Vec<(Date, u32)> {
    let mut slots: Vec<(Date, u32)> = (0..days)
        .rev()
        .filter_map(|back| today.checked_sub(Duration::days(back)))
        .map(|day| (day, 0))
        .collect();
    for at in times {
        let day = at.date();
        if let Some(slot) = slots.iter_mut().find(|(d, _)| *d == day) {
            slot.1 += 1;
        }
    }
    slots
}

/// `days` as bars under `summary`; `tip` says a bar's day and count.
pub fn bars<'a, Message: 'a>(
    days: &[(Date, u32)],
    summary: String,
    tip: impl Fn(String, u32) -> String,
) -> Element<'a, Message> {
    let most = days.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let mut bars = row![].spacing(3).height(Length::Fixed(HEIGHT));
    for &(day, count) in days {
        let height = if count == 0 {
            0.0
        } else {
            (HEIGHT * count as f32 / most as f32).max(3.0)
        };
        let bar = column![
            Space::new().height(Length::Fill),
            container(Space::new())
                .width(Length::Fill)
                .height(Length::Fixed(height))
                .style(theme::chart_bar),
        ]
        .width(Length::FillPortion(1));
        let tip = container(text(tip(day_label(day), count)).size(12))
            .padding(6)
            .style(container::rounded_box);
        bars = bars.push(tooltip(bar, tip, Position::Top));
    }
    let first = days.first().map(|(d, _)| day_label(*d)).unwrap_or_default();
    let last = days.last().map(|(d, _)| day_label(*d)).unwrap_or_default();
    column![
        text(summary).size(13).style(theme::muted_text),
        bars,
        container(Space::new())
            .width(Length::Fill)
            .height(Length::Fixed(1.0))
            .style(theme::chart_axis),
        row![
            text(first).size(11).style(theme::muted_text),
            Space::new().width(Length::Fill),
            text(last).size(11).style(theme::muted_text),
        ],
    ]
    .spacing(4)
    .into()
}

/// "11/27/2026" / "27.11.2026".
pub fn day_label(day: Date) -> String {
    crate::locale::day(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn times_fall_on_their_days_and_older_ones_are_left_out() {
        let today = datetime!(2026-12-05 10:00 UTC).date();
        let days = per_day(
            [
                datetime!(2026-12-05 00:00 UTC),
                datetime!(2026-12-05 23:59 UTC),
                datetime!(2026-12-04 12:00 UTC),
                datetime!(2026-11-06 12:00 UTC),
                datetime!(2026-11-05 12:00 UTC),
            ],
            today,
            30,
        );
        assert_eq!(days.len(), 30);
        assert_eq!(
            days.first(),
            Some(&(datetime!(2026-11-06 0:00 UTC).date(), 1))
        );
        assert_eq!(days.last(), Some(&(today, 2)));
        assert_eq!(days[28].1, 1);
        assert_eq!(
            days.iter().map(|(_, n)| n).sum::<u32>(),
            4,
            "30 days ago is out"
        );
    }
}
