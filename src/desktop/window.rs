//! The console's window: the app icon from `assets/` and the application id
//! that Wayland and X11 match against the desktop entry (without it GNOME
//! shows no icon and does not group the window under the app).

use iced::window;

use super::APP_ID;

/// The icon's 256 px rendering (see `assets/render-icons.sh`).
const ICON_PNG: &[u8] = include_bytes!("../../assets/icons/io.orgdesk.Orgdesk-256.png");

/// The window icon, decoded from the embedded PNG.
pub fn icon() -> Option<window::Icon> {
    let image = image::load_from_memory_with_format(ICON_PNG, image::ImageFormat::Png)
        .map_err(|error| tracing::warn!(%error, "the window icon cannot be decoded"))
        .ok()?
        .into_rgba8();
    let (width, height) = image.dimensions();
    window::icon::from_rgba(image.into_raw(), width, height)
        .map_err(|error| tracing::warn!(%error, "the window icon is not valid"))
        .ok()
}

/// The window settings: `size`, centred, with the icon and the app id.
pub fn settings(size: iced::Size) -> window::Settings {
    window::Settings {
        size,
        position: window::Position::Centered,
        icon: icon(),
        platform_specific: platform_specific(),
        ..window::Settings::default()
    }
}

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn platform_specific() -> window::settings::PlatformSpecific {
    window::settings::PlatformSpecific {
        application_id: APP_ID.to_owned(),
        ..Default::default()
    }
}

#[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
fn platform_specific() -> window::settings::PlatformSpecific {
    // macOS and Windows take the id from the bundle and the installer.
    let _ = APP_ID;
    window::settings::PlatformSpecific::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_has_the_app_icon_and_id() {
        let settings = settings(iced::Size::new(800.0, 600.0));
        assert!(settings.icon.is_some());
        #[cfg(target_os = "linux")]
        assert_eq!(settings.platform_specific.application_id, APP_ID);
    }
}
