//! The profile picture: choose a file, see it squared from the middle as the
//! platform will store it, upload it; or remove the current one. Files past
//! the platform's size limit are refused before they are read; everything
//! else (format, pixel count) is the platform's verdict, said in words.
//!
//! The preview is decoded here, under limits and off the UI thread, so a
//! file that only claims to be a picture (or a decompression bomb) costs
//! nothing but a missing preview.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use crate::widget::focus::button;
use iced::widget::image::Handle;
use iced::widget::{Space, column, container, image, row, text};
use iced::{ContentFit, Element, Length, Task};
use orgdesk_api::{self as api, codes};
use orgdesk_client::{Client, Error};

use super::Effect;
use crate::fl;
use crate::screen::describe;
use crate::theme;
use crate::widget::modal::{Confirm, Confirmation, confirm};
use crate::widget::status::Status;

/// The largest file the platform takes (API.md: at most 5 MiB).
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;
/// The side of the square preview, in logical pixels.
const PREVIEW_SIDE: f32 = 128.0;
/// What the file dialog offers first; the platform decides what it accepts.
const EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];
/// The preview's side in pixels (twice the frame, for high-density screens).
const THUMBNAIL_SIDE: u32 = 256;
/// Pictures with more pixels get no preview (the platform refuses them anyway).
const PREVIEW_MAX_PIXELS: u64 = 40_000_000;

#[derive(Default)]
pub struct Picture {
    /// The `avatar_url` of the profile last seen: it changes with every new picture.
    avatar_url: Option<String>,
    current: Option<Handle>,
    chosen: Option<Chosen>,
    status: Status,
    confirm_remove: Confirmation<()>,
}

struct Chosen {
    name: String,
    bytes: Vec<u8>,
    preview: Option<Handle>,
}

/// A chosen file: its bytes as they will be sent, and its preview when it
/// could be decoded.
#[derive(Clone)]
pub struct Picked {
    pub bytes: Vec<u8>,
    pub preview: Option<Thumbnail>,
}

impl std::fmt::Debug for Picked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picked")
            .field("bytes", &self.bytes.len())
            .field("preview", &self.preview.is_some())
            .finish()
    }
}

/// Square RGBA pixels, cut from the middle as the platform will.
#[derive(Clone)]
pub struct Thumbnail {
    pub side: u32,
    pub rgba: Vec<u8>,
}

/// Why a chosen file was not taken, before the platform saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Its size in bytes, past [`MAX_BYTES`].
    TooLarge(u64),
    Unreadable(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Opens the native file dialog.
    Choose,
    /// The dialog's answer (`None`: cancelled). Tests send a path directly.
    FileChosen(Option<PathBuf>),
    FileRead(PathBuf, Result<Picked, FileProblem>),
    Upload,
    Discard,
    Remove,
    ConfirmRemove,
    CancelRemove,
    Uploaded(Result<Box<api::Profile>, Error>),
    Removed(Result<(), Error>),
    /// The stored picture's bytes, for the `avatar_url` they were asked for.
    CurrentLoaded(String, Result<Vec<u8>, Error>),
}

impl Picture {
    pub(super) fn update(&mut self, client: &Client, message: Message) -> Effect<Message> {
        match message {
            Message::Choose => Effect::Run(choose()),
            Message::FileChosen(None) => Effect::None,
            Message::FileChosen(Some(path)) => self.read(path),
            Message::FileRead(path, result) => {
                self.file_read(&path, result);
                Effect::None
            }
            Message::Upload => self.upload(client),
            Message::Discard => {
                self.chosen = None;
                self.status = Status::Idle;
                Effect::None
            }
            Message::Remove => {
                self.confirm_remove.ask(());
                Effect::None
            }
            Message::CancelRemove => {
                self.confirm_remove.cancel();
                Effect::None
            }
            Message::ConfirmRemove => self.remove(client),
            Message::Uploaded(result) => self.uploaded(result),
            Message::Removed(result) => self.removed(result),
            Message::CurrentLoaded(url, result) => self.current_loaded(&url, result),
        }
    }

    pub(super) fn escape(&mut self) -> bool {
        self.confirm_remove.cancel()
    }

    /// Follows a new profile: fetches the stored picture when it changed.
    pub(super) fn sync(&mut self, client: &Client, profile: &api::Profile) -> Task<Message> {
        if self.avatar_url == profile.avatar_url {
            return Task::none();
        }
        self.avatar_url.clone_from(&profile.avatar_url);
        // The old picture stays until the new one arrives.
        let Some(url) = profile.avatar_url.clone() else {
            self.current = None;
            return Task::none();
        };
        let (client, account) = (client.clone(), profile.id);
        Task::perform(async move { client.avatar(account).await }, move |result| {
            Message::CurrentLoaded(url.clone(), result)
        })
    }

    /// Checks the size first, so a huge file is never read into memory.
    fn read(&mut self, path: PathBuf) -> Effect<Message> {
        self.status = Status::Working(fl!("profile-picture-reading"));
        Effect::Run(Task::perform(read_picture(path.clone()), move |result| {
            Message::FileRead(path.clone(), result)
        }))
    }

    fn file_read(&mut self, path: &Path, result: Result<Picked, FileProblem>) {
        match result {
            Ok(picked) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                self.chosen = Some(Chosen {
                    name,
                    preview: picked
                        .preview
                        .map(|t| Handle::from_rgba(t.side, t.side, t.rgba)),
                    bytes: picked.bytes,
                });
                self.status = Status::Idle;
            }
            Err(FileProblem::TooLarge(size)) => {
                self.chosen = None;
                self.status = Status::Failed(fl!(
                    "profile-picture-too-large",
                    size = file_size(size),
                    limit = file_size(MAX_BYTES)
                ));
            }
            Err(FileProblem::Unreadable(why)) => {
                self.chosen = None;
                self.status = Status::Failed(fl!("profile-picture-unreadable", detail = why));
            }
        }
    }

    fn upload(&mut self, client: &Client) -> Effect<Message> {
        let Some(chosen) = &self.chosen else {
            return Effect::None;
        };
        self.status = Status::Working(fl!("profile-picture-uploading"));
        let (client, bytes) = (client.clone(), chosen.bytes.clone());
        Effect::Run(Task::perform(
            async move { client.upload_avatar(bytes).await.map(Box::new) },
            Message::Uploaded,
        ))
    }

    fn uploaded(&mut self, result: Result<Box<api::Profile>, Error>) -> Effect<Message> {
        match result {
            Ok(profile) => {
                self.chosen = None;
                self.status = Status::Done(fl!("profile-picture-saved"));
                Effect::Profile(profile)
            }
            Err(e) => {
                // The choice stays on screen beside the reason, to choose another.
                self.status = Status::Failed(describe(&e));
                Effect::None
            }
        }
    }

    fn remove(&mut self, client: &Client) -> Effect<Message> {
        self.confirm_remove.take();
        self.status = Status::Working(fl!("profile-picture-removing"));
        let client = client.clone();
        Effect::Run(Task::perform(
            async move { client.delete_avatar().await },
            Message::Removed,
        ))
    }

    fn removed(&mut self, result: Result<(), Error>) -> Effect<Message> {
        match result {
            Ok(()) => {
                self.current = None;
                self.status = Status::Done(fl!("profile-picture-removed"));
                Effect::ReloadProfile
            }
            Err(e) => {
                self.status = Status::Failed(describe(&e));
                Effect::None
            }
        }
    }

    fn current_loaded(&mut self, url: &str, result: Result<Vec<u8>, Error>) -> Effect<Message> {
        if self.avatar_url.as_deref() != Some(url) {
            return Effect::None;
        }
        match result {
            Ok(bytes) => {
                self.current = Some(Handle::from_bytes(bytes));
                Effect::None
            }
            // Gone in the meantime: the placeholder is the truth.
            Err(e) if e.code() == Some(codes::NOT_FOUND) => Effect::None,
            Err(e) => {
                self.status = Status::Failed(describe(&e));
                Effect::None
            }
        }
    }

    pub(super) fn view<'a>(&'a self, profile: &'a api::Profile) -> Element<'a, Message> {
        let working = self.status.working();
        let shown = match &self.chosen {
            Some(chosen) => chosen.preview.as_ref().ok_or_else(|| {
                text(fl!("profile-picture-no-preview"))
                    .size(13)
                    .align_x(iced::Alignment::Center)
            }),
            None => self
                .current
                .as_ref()
                .ok_or_else(|| text(initials(&profile.name)).size(40)),
        };
        let frame: Element<'a, Message> = match shown {
            Ok(handle) => image(handle.clone())
                .width(Length::Fixed(PREVIEW_SIDE))
                .height(Length::Fixed(PREVIEW_SIDE))
                .content_fit(ContentFit::Cover)
                .border_radius(8)
                .into(),
            Err(placeholder) => container(placeholder)
                .padding(8)
                .center(Length::Fixed(PREVIEW_SIDE))
                .style(theme::picture_frame)
                .into(),
        };
        let mut side = column![].spacing(8);
        match &self.chosen {
            Some(chosen) => {
                side = side
                    .push(text(fl!(
                        "profile-picture-chosen",
                        name = chosen.name.clone(),
                        size = file_size(chosen.bytes.len() as u64)
                    )))
                    .push(
                        text(fl!("profile-picture-squared"))
                            .size(13)
                            .style(theme::muted_text),
                    )
                    .push(
                        row![
                            button(text(fl!("profile-picture-upload")))
                                .style(button::primary)
                                .on_press_maybe((!working).then_some(Message::Upload)),
                            button(text(fl!("profile-picture-discard")))
                                .style(button::secondary)
                                .on_press_maybe((!working).then_some(Message::Discard)),
                        ]
                        .spacing(8),
                    );
            }
            None => {
                let mut buttons = row![
                    button(text(fl!("profile-picture-choose")))
                        .style(button::primary)
                        .on_press_maybe((!working).then_some(Message::Choose))
                ]
                .spacing(8);
                if profile.avatar_url.is_some() {
                    buttons = buttons.push(
                        button(text(fl!("profile-picture-remove")))
                            .style(button::secondary)
                            .on_press_maybe((!working).then_some(Message::Remove)),
                    );
                }
                side = side.push(buttons);
            }
        }
        side = side.push(
            text(fl!("profile-picture-rules", limit = file_size(MAX_BYTES)))
                .size(13)
                .style(theme::muted_text),
        );
        if let Some(line) = self.status.line() {
            side = side.push(line);
        }
        super::card(
            fl!("profile-picture-title"),
            row![frame, Space::new().width(8), side].spacing(16),
        )
    }

    pub(super) fn dialog(&self) -> Option<Element<'_, Message>> {
        self.confirm_remove.is_open().then(|| {
            confirm(Confirm {
                title: fl!("profile-picture-remove-title"),
                body: fl!("profile-picture-remove-body"),
                action: fl!("profile-picture-remove"),
                destructive: true,
                on_confirm: Message::ConfirmRemove,
                on_cancel: Message::CancelRemove,
            })
        })
    }
}

/// The native open dialog, filtered to pictures.
fn choose() -> Task<Message> {
    Task::perform(
        async {
            rfd::AsyncFileDialog::new()
                .set_title(fl!("profile-picture-dialog"))
                .add_filter(fl!("profile-picture-filter"), &EXTENSIONS)
                .pick_file()
                .await
                .map(|file| file.path().to_path_buf())
        },
        Message::FileChosen,
    )
}

async fn read_picture(path: PathBuf) -> Result<Picked, FileProblem> {
    let unreadable = |e: std::io::Error| FileProblem::Unreadable(e.to_string());
    let size = tokio::fs::metadata(&path).await.map_err(unreadable)?.len();
    if size > MAX_BYTES {
        return Err(FileProblem::TooLarge(size));
    }
    let bytes = tokio::fs::read(&path).await.map_err(unreadable)?;
    // It may have grown since it was measured.
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > MAX_BYTES {
        return Err(FileProblem::TooLarge(read));
    }
    let (bytes, preview) = tokio::task::spawn_blocking(move || {
        let preview = thumbnail(&bytes);
        (bytes, preview)
    })
    .await
    .map_err(|e| FileProblem::Unreadable(e.to_string()))?;
    Ok(Picked { bytes, preview })
}

/// The middle square of the picture, scaled down; `None` when it does not
/// decode within limits (the platform's verdict will say why).
fn thumbnail(bytes: &[u8]) -> Option<Thumbnail> {
    let mut limits = ::image::Limits::default();
    limits.max_alloc = Some(256 * 1024 * 1024);
    let mut probe = ::image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    probe.limits(limits.clone());
    let (width, height) = probe.into_dimensions().ok()?;
    if u64::from(width) * u64::from(height) > PREVIEW_MAX_PIXELS {
        return None;
    }
    let mut reader = ::image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.limits(limits);
    let picture = reader.decode().ok()?;
    let side = width.min(height);
    let square = picture.crop_imm((width - side) / 2, (height - side) / 2, side, side);
    let scaled = square.thumbnail_exact(THUMBNAIL_SIDE.min(side), THUMBNAIL_SIDE.min(side));
    let rgba = scaled.to_rgba8();
    Some(Thumbnail {
        side: rgba.width(),
        rgba: rgba.into_raw(),
    })
}

/// "7.3 MiB", "340 KiB": one decimal is enough to see why a file is refused.
pub fn file_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let bytes = bytes as f64;
    if bytes >= KIB * KIB {
        format!("{:.1} MiB", bytes / (KIB * KIB))
    } else {
        format!("{:.0} KiB", (bytes / KIB).ceil())
    }
}

/// "DD" for "Dana Demo": the placeholder where no picture is.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}
