//! The packages' files: one application id everywhere, the desktop entry and
//! AppStream metainfo valid under the desktops' own validators (run when
//! installed; `packaging/linux/validate.sh` makes them required in CI), every
//! packaged file present, the icons rendered at their sizes, the release
//! workflow clean under actionlint (when installed).

use std::path::{Path, PathBuf};
use std::process::Command;

use orgdesk::desktop::{APP_ID, link};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Runs `tool args…` if it is installed; `None` when it is not.
fn run_if_installed(tool: &str, args: &[&str]) -> Option<std::process::Output> {
    match Command::new(tool).args(args).current_dir(root()).output() {
        Ok(out) => Some(out),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "{tool} is not installed: skipped (packaging/linux/validate.sh requires it in CI)"
            );
            None
        }
        Err(e) => panic!("{tool}: {e}"),
    }
}

fn desktop_entry() -> String {
    read(&format!("packaging/linux/{APP_ID}.desktop"))
}

fn metainfo() -> String {
    read(&format!("packaging/linux/{APP_ID}.metainfo.xml"))
}

#[test]
fn one_application_id_everywhere() {
    let entry = desktop_entry();
    for line in [
        format!("Icon={APP_ID}"),
        format!("StartupWMClass={APP_ID}"),
        format!("MimeType=x-scheme-handler/{};", link::SCHEME),
        "Exec=orgdesk %u".to_owned(),
    ] {
        assert!(
            entry.lines().any(|l| l == line),
            "desktop entry lacks {line}"
        );
    }
    let meta = metainfo();
    assert!(meta.contains(&format!("<id>{APP_ID}</id>")));
    assert!(meta.contains(&format!(
        "<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>"
    )));
    assert!(meta.contains(&format!("<icon type=\"stock\">{APP_ID}</icon>")));
    assert!(meta.contains(&format!(
        "<release version=\"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
    let plist = read("packaging/macos/Info.plist");
    assert!(plist.contains(&format!("<string>{APP_ID}</string>")));
    assert!(plist.contains(&format!("<string>{}</string>", link::SCHEME)));
    let wxs = read("packaging/windows/main.wxs");
    assert!(wxs.contains(&format!("Value=\"{APP_ID}\"")));
    assert!(wxs.contains(&format!("Software\\Classes\\{}", link::SCHEME)));
}

#[test]
fn the_desktop_entry_and_metainfo_validate() {
    let entry = format!("packaging/linux/{APP_ID}.desktop");
    if let Some(out) = run_if_installed("desktop-file-validate", &[&entry]) {
        assert!(out.status.success(), "{out:?}");
        // It prints hints and errors alike; there must be none.
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{out:?}");
    }
    let meta = format!("packaging/linux/{APP_ID}.metainfo.xml");
    if let Some(out) = run_if_installed("appstreamcli", &["validate", "--no-net", &meta]) {
        assert!(out.status.success(), "{out:?}");
    }
}

#[test]
fn the_screenshots_are_the_repository_s() {
    let meta = metainfo();
    let mut shown = 0;
    for image in meta.split("<image type=\"source\"").skip(1) {
        let url = image.split('>').nth(1).unwrap().split('<').next().unwrap();
        let (_, file) = url
            .rsplit_once("/docs/screenshots/")
            .expect("a docs/screenshots URL");
        let path = root().join("docs/screenshots").join(file);
        let picture = image::open(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        assert!(
            image.contains(&format!("width=\"{}\"", picture.width())),
            "{file}"
        );
        assert!(
            image.contains(&format!("height=\"{}\"", picture.height())),
            "{file}"
        );
        shown += 1;
    }
    assert!(shown >= 3, "AppStream wants screenshots");
}

#[test]
fn every_packaged_file_exists_and_the_icons_have_their_sizes() {
    let manifest: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    let metadata = &manifest["package"]["metadata"];
    let deb = metadata["deb"]["assets"].as_array().unwrap();
    let rpm = metadata["generate-rpm"]["assets"].as_array().unwrap();
    let sources = deb
        .iter()
        .map(|a| a[0].as_str().unwrap())
        .chain(rpm.iter().map(|a| a["source"].as_str().unwrap()));
    for source in sources.filter(|s| !s.starts_with("target/")) {
        assert!(
            root().join(source).is_file(),
            "{source} is packaged but missing"
        );
    }
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let icon = format!("assets/icons/{APP_ID}-{size}.png");
        let picture = image::open(root().join(&icon)).unwrap();
        assert_eq!((picture.width(), picture.height()), (size, size), "{icon}");
        let dest = format!("usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png");
        assert!(
            deb.iter()
                .any(|a| a[0].as_str() == Some(&icon) && a[1].as_str() == Some(&dest)),
            "the .deb lacks {dest}"
        );
    }
    for file in ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"] {
        assert!(root().join(file).is_file(), "{file}");
    }
    let ico = std::fs::read(root().join(format!("assets/icons/{APP_ID}.ico"))).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an .ico");
    let icns = std::fs::read(root().join(format!("assets/icons/{APP_ID}.icns"))).unwrap();
    assert_eq!(&icns[..4], b"icns");
}

#[test]
fn the_release_workflow_passes_actionlint() {
    let workflow = Path::new(".github/workflows/release.yml");
    assert!(root().join(workflow).is_file());
    if let Some(out) = run_if_installed("actionlint", &[workflow.to_str().unwrap()]) {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
