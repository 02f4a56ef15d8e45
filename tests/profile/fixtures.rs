//! What the profile tests share: the language lock, a tall simulator,
//! platform refusals, sample people, real PNG files, and a way to run a
//! screen's tasks to their end.

use std::collections::VecDeque;
use std::io::Cursor;
use std::path::Path;

use iced::{Element, Size};
use iced_test::Simulator;
use iced_test::core::Settings;
use orgdesk::screen::profile::{self, Profile, details, picture};
use orgdesk_api::{self as api, FieldError, LoginRequest, MemberQuery, MembershipStatus, Problem};
use orgdesk_client::{ApiError, Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::support;

pub use crate::support::{english as english_async, english_blocking as english};

pub fn german() -> tokio::sync::MutexGuard<'static, ()> {
    support::language("de-DE")
}

/// A window tall enough that every part of a tab is on screen to click.
pub fn tall<'a, M>(view: impl Into<Element<'a, M>>) -> Simulator<'a, M> {
    Simulator::with_size(Settings::default(), Size::new(1400.0, 2400.0), view)
}

pub fn offline() -> Client {
    Client::new("http://127.0.0.1:9").expect("client")
}

pub fn refusal(status: u16, code: &str, detail: &str, errors: Vec<FieldError>) -> Error {
    Error::Api(Box::new(ApiError {
        status,
        problem: Problem {
            kind: "about:blank".into(),
            title: code.into(),
            status,
            detail: Some(detail.into()),
            code: code.into(),
            errors,
            ..Default::default()
        },
        retry_after: None,
    }))
}

pub fn field_error(field: &str, code: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

pub fn dana() -> api::Profile {
    api::Profile {
        id: Uuid::from_u128(7),
        name: "Dana Demo".into(),
        email: "dana@example.com".into(),
        email_verified: true,
        pending_email: None,
        phone: Some("+49301234567".into()),
        job_title: Some("Engineer".into()),
        department: Some("Platform".into()),
        address: None,
        avatar_url: None,
        created_at: OffsetDateTime::UNIX_EPOCH,
        version: 3,
    }
}

pub fn profile_with(me: api::Profile) -> Profile {
    let (mut screen, _task) = Profile::new(offline());
    let _ = screen.update(profile::Message::Loaded(Ok(Box::new(me))));
    screen
}

pub fn edit(screen: &mut Profile, field: details::Field, value: &str) -> profile::Action {
    screen.update(profile::Message::Details(details::Message::Edited(
        field,
        value.into(),
    )))
}

pub fn clicked<M: Clone>(mut ui: Simulator<'_, M>, label: &str) -> Vec<M> {
    ui.click(label).expect("clickable");
    ui.into_messages().collect()
}

pub fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut out = Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoded");
    out.into_inner()
}

pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A valid PNG of `width`×`height` with a text chunk of `padding` bytes after
/// its header: a real picture file as large as wanted.
pub fn padded_png(width: u32, height: u32, padding: usize) -> Vec<u8> {
    let plain = png(width, height);
    let mut data = b"Comment\0".to_vec();
    data.resize(data.len() + padding, b'x');
    let mut chunk = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    let kind_and_data = [b"tEXt".as_slice(), &data].concat();
    chunk.extend_from_slice(&kind_and_data);
    chunk.extend_from_slice(&crc32(&kind_and_data).to_be_bytes());
    // The signature (8 bytes) and the IHDR chunk (25) come first.
    [&plain[..33], &chunk, &plain[33..]].concat()
}

/// A small PNG whose header claims `width`×`height` (its CRC fixed).
pub fn claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// Runs `action`'s tasks to their end, feeding every message back, the way
/// the console does; answers what the screen asked of its parent.
pub async fn settle(screen: &mut Profile, action: profile::Action) -> Vec<profile::Action> {
    let mut queue = VecDeque::from([action]);
    let mut asked = Vec::new();
    while let Some(action) = queue.pop_front() {
        match action {
            profile::Action::Run(task) => {
                for message in support::run(task).await {
                    queue.push_back(screen.update(message));
                }
            }
            profile::Action::None => {}
            other => asked.push(other),
        }
    }
    asked
}

pub async fn opened(client: Client) -> Profile {
    let (mut screen, task) = Profile::new(client);
    let asked = settle(&mut screen, profile::Action::Run(task)).await;
    assert!(
        asked.is_empty(),
        "the profile opens without ending anything"
    );
    screen
}

pub async fn choose_file(screen: &mut Profile, path: &Path) {
    let action = screen.update(profile::Message::Picture(picture::Message::FileChosen(
        Some(path.to_path_buf()),
    )));
    settle(screen, action).await;
}

/// Demo members who are not administrators, with their ids.
pub async fn plain_members(p: &support::Platform, count: usize) -> Vec<api::Member> {
    let page = p
        .admin
        .members(
            &p.org,
            &MemberQuery {
                status: Some(MembershipStatus::Active),
                limit: Some(100),
                ..MemberQuery::default()
            },
        )
        .await
        .expect("members");
    let plain: Vec<_> = page
        .items
        .into_iter()
        .filter(|m| m.email != p.demo.admin_email && m.groups.iter().all(|g| g.name != "Admin"))
        .take(count)
        .collect();
    assert_eq!(plain.len(), count, "the demo has enough plain members");
    plain
}

/// Signs in as `email` from a device that says it is `agent`.
pub async fn sign_in_on(p: &support::Platform, email: &str, agent: &str) -> Client {
    let client = Client::new(&p.local.url)
        .and_then(|c| c.with_user_agent(agent))
        .expect("client");
    let login = client
        .login(&LoginRequest {
            email: email.into(),
            password: support::PASSWORD.into(),
            organization: None,
        })
        .await
        .expect("signed in");
    client.with_token(login.token)
}

pub fn status(result: Result<api::Profile, Error>) -> Option<u16> {
    result.err().and_then(|e| e.status())
}
