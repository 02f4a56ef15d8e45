//! The console's own costs, headless:
//! - building the members view with 1k and 100k members loaded (only the
//!   visible window should cost, so both should take about the same), as the
//!   widget tree alone and laid out and drawn into a frame (tiny-skia);
//! - one frame of the members table with 100k members at 1920×1080, split
//!   into its stages: view (the widget tree), layout (`UserInterface::build`)
//!   and draw (`UserInterface::draw` and rasterizing with tiny-skia);
//! - start-up to first frame: a console with fresh settings, its sign-in
//!   screen built, laid out and drawn.
//!
//! `cargo bench -p orgdesk --bench console`

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use iced::{Color, Font, Pixels, Size, Theme};
use iced_runtime::core::mouse;
use iced_runtime::core::renderer::{Headless, Style};
use iced_runtime::user_interface::{Cache, UserInterface};
use iced_test::simulator;
use orgdesk::app::Console;
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::members;
use orgdesk::session::Env;
use orgdesk_api::{GroupRef, Member, MembershipStatus, Page};
use orgdesk_client::Client;
use time::OffsetDateTime;
use uuid::Uuid;

fn people(n: usize) -> Vec<Member> {
    let groups = vec![
        GroupRef {
            id: Uuid::from_u128(9),
            name: "User".into(),
        },
        GroupRef {
            id: Uuid::from_u128(10),
            name: "Support Agents".into(),
        },
    ];
    (0..n)
        .map(|i| Member {
            group_expiry: Vec::new(),
            id: Uuid::from_u128(i as u128 + 1),
            name: format!("Person {i:06}"),
            email: format!("person{i}@example.com"),
            status: MembershipStatus::Active,
            groups: groups.clone(),
            joined_at: OffsetDateTime::UNIX_EPOCH,
            last_login_at: Some(OffsetDateTime::UNIX_EPOCH),
            suspended_at: None,
            updated_at: OffsetDateTime::UNIX_EPOCH,
            managed: false,
        })
        .collect()
}

fn loaded(rows: usize) -> members::Members {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    let (mut screen, _fetch) =
        members::Members::new(client, "acme".into(), Some((rows as u32, 100_000)));
    let first = screen.list().pending().cloned().expect("the first page");
    let _ = screen.update(members::Message::Listed(first.answer(Ok(Page {
        items: people(rows),
        next_cursor: None,
        total: rows as u64,
        total_is_estimate: false,
    }))));
    screen
}

fn members_view(c: &mut Criterion) {
    orgdesk::i18n::select(Some("en-US"));
    let mut group = c.benchmark_group("members_view");
    group.measurement_time(Duration::from_secs(5));
    for rows in [1_000, 100_000] {
        let screen = loaded(rows);
        group.bench_with_input(BenchmarkId::new("widgets", rows), &screen, |b, screen| {
            b.iter(|| black_box(screen.view()));
        });
        group.bench_with_input(BenchmarkId::new("frame", rows), &screen, |b, screen| {
            b.iter(|| {
                let mut ui = simulator(screen.view());
                black_box(ui.snapshot(&Theme::Light).expect("drawn"));
            });
        });
    }
    group.finish();
}

/// One frame at 1920×1080 with 100k members loaded, stage by stage.
fn members_frame_stages(c: &mut Criterion) {
    orgdesk::i18n::select(Some("en-US"));
    let screen = loaded(100_000);
    let size = Size::new(1920.0, 1080.0);
    let mut renderer = futures::executor::block_on(iced::Renderer::new(
        Font::DEFAULT,
        Pixels(16.0),
        Some("tiny-skia"),
    ))
    .expect("a software renderer");
    let mut group = c.benchmark_group("members_frame_1920x1080_100k");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("view", |b| b.iter(|| black_box(screen.view())));
    // Layout from a warm cache, as every frame after the first.
    let mut cache =
        UserInterface::build(screen.view(), size, Cache::default(), &mut renderer).into_cache();
    group.bench_function("layout", |b| {
        b.iter_batched(
            || screen.view(),
            |view| {
                let ui =
                    UserInterface::build(view, size, std::mem::take(&mut cache), &mut renderer);
                cache = ui.into_cache();
            },
            criterion::BatchSize::SmallInput,
        );
    });
    let theme = Theme::Light;
    let style = Style {
        text_color: Color::BLACK,
    };
    group.bench_function("view_and_layout", |b| {
        b.iter(|| {
            let ui = UserInterface::build(
                screen.view(),
                size,
                std::mem::take(&mut cache),
                &mut renderer,
            );
            cache = ui.into_cache();
        });
    });
    let mut ui = UserInterface::build(screen.view(), size, Cache::default(), &mut renderer);
    group.bench_function("draw", |b| {
        b.iter(|| {
            ui.draw(&mut renderer, &theme, &style, mouse::Cursor::Unavailable);
            black_box(renderer.screenshot(Size::new(1920, 1080), 1.0, Color::WHITE))
        });
    });
    group.finish();
}

fn start_up(c: &mut Criterion) {
    let mut group = c.benchmark_group("start_up");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("to_first_frame", |b| {
        b.iter(|| {
            let folder = tempfile::tempdir().expect("folder");
            let mut env = Env::in_folder(
                folder.path(),
                Some(std::sync::Arc::new(MemoryVault::default())),
            );
            env.settings.language = Some("en-US".into());
            let (console, _task) = Console::with_env(env);
            let mut ui = simulator(console.view());
            black_box(ui.snapshot(&Theme::Light).expect("drawn"));
        });
    });
    group.finish();
}

criterion_group!(benches, members_view, members_frame_stages, start_up);
criterion_main!(benches);
