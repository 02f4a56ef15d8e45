//! The console end to end against a real platform in this process: sign in
//! (token into the vault), members and search, resume after a restart,
//! offline review after the platform stops, a tampered copy, a 401, a forced
//! password reset, sign-out, the activity pane; `orgdesk://` links in [`links`].

#[path = "../support/mod.rs"]
mod support;

mod columns;
mod context_menu;
mod discard;
mod domains;
mod keyboard;
mod links;
mod look;
mod notices;
mod overview;
mod palette;
mod progress;

use std::collections::VecDeque;
use std::sync::Arc;

use iced::Task;
use iced_test::simulator;
use orgdesk::app::{Console, Key, Message, Page, Section};
use orgdesk::credentials::{MemoryVault, Vault};
use orgdesk::screen::{activity, login, members, password};
use orgdesk::session::Env;
use support::{PASSWORD, Platform};

/// A console whose vault, cache and settings live in `folder`.
fn env(folder: &std::path::Path, vault: &Arc<MemoryVault>) -> Env {
    let mut env = Env::in_folder(folder, Some(vault.clone() as Arc<dyn Vault>));
    env.settings.language = Some("en-US".into());
    env
}

/// Feeds `task`'s messages back into the console until nothing is left, as
/// the runtime would.
async fn settle(console: &mut Console, task: Task<Message>) {
    let mut queue: VecDeque<Message> = support::run(task).await.into();
    let mut steps = 0;
    while let Some(message) = queue.pop_front() {
        steps += 1;
        assert!(steps < 1000, "the console keeps producing messages");
        let next = console.update(message);
        queue.extend(support::run(next).await);
    }
}

/// A console over `folder` and `vault`, signed in as the demo admin.
async fn admin_console(
    p: &Platform,
    folder: &std::path::Path,
    vault: &Arc<MemoryVault>,
) -> Console {
    let (mut console, task) = Console::with_env(env(folder, vault));
    settle(&mut console, task).await;
    sign_in(&mut console, &p.local.url, &p.demo.admin_email, PASSWORD).await;
    console
}

async fn send(console: &mut Console, message: Message) {
    let task = console.update(message);
    settle(console, task).await;
}

/// Signs in through the sign-in screen, as a person would type it.
async fn sign_in(console: &mut Console, url: &str, email: &str, password: &str) {
    for message in [
        login::Message::PlatformChanged(url.into()),
        login::Message::EmailChanged(email.into()),
        login::Message::PasswordChanged(password.into()),
        login::Message::Submit,
    ] {
        send(console, Message::Login(message)).await;
    }
}

fn visible_names(console: &Console) -> Vec<String> {
    console
        .shell()
        .and_then(|s| s.members())
        .map(|m| m.rows().iter().map(|r| r.name.clone()).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_lists_members_searches_and_keeps_only_the_token() {
    let _words = support::english().await;
    let p = Platform::start(60).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let (mut console, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut console, task).await;
    assert!(!console.is_signed_in());

    sign_in(&mut console, &p.local.url, &p.demo.admin_email, PASSWORD).await;
    assert!(console.is_signed_in(), "signed in");
    let shell = console.shell().unwrap();
    assert_eq!(
        shell.page(),
        Page::Section(Section::Overview),
        "opens on its overview"
    );
    assert_eq!(
        visible_names(&console).len(),
        61,
        "60 members and the admin"
    );

    // The vault holds the session token, never the password.
    let token = vault
        .load(&p.local.url, &p.demo.admin_email)
        .unwrap()
        .expect("token stored");
    assert_ne!(token, PASSWORD);
    assert!(p.anonymous().with_token(token).me().await.is_ok());
    // The settings remember where, not how.
    let settings = std::fs::read_to_string(folder.path().join("settings.toml")).unwrap();
    assert!(settings.contains(&p.demo.admin_email));
    assert!(!settings.contains(PASSWORD));

    // A search runs on the platform after the debounce.
    let someone = visible_names(&console)[7].clone();
    let first_word = someone.split_whitespace().next().unwrap().to_string();
    send(
        &mut console,
        Message::Members(members::Message::QueryChanged(first_word.clone())),
    )
    .await;
    let found = visible_names(&console);
    assert!(!found.is_empty() && found.len() < 61, "{found:?}");
    assert!(found.iter().all(|n| {
        n.to_lowercase()
            .split_whitespace()
            .any(|w| w.starts_with(&first_word.to_lowercase()))
            || n.is_empty()
    }));

    // The view shows the shell with the members and the organization.
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    {
        let mut ui = simulator(console.view());
        ui.find("Members").expect("the sidebar");
        ui.find(found[0].as_str()).expect("a match shows");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restart_resumes_then_reviews_the_copy_offline_and_sign_out_forgets() {
    let _words = support::english().await;
    let p = Platform::start(40).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let console = admin_console(&p, folder.path(), &vault).await;
    assert!(console.is_signed_in());

    // A second start resumes with the stored token: no password asked.
    let (mut again, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut again, task).await;
    assert!(again.is_signed_in(), "resumed from the vault");
    assert_eq!(visible_names(&again).len(), 41);

    // A change on the platform reaches the copy at the next refresh (only
    // what changed is fetched).
    let member = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|m| m.email != p.demo.admin_email)
        .unwrap();
    p.admin.suspend_member(&p.org, member.id).await.unwrap();
    send(&mut again, Message::Refresh).await;

    // The platform goes away: the next start opens the copy read-only.
    p.local.stop().await.unwrap();
    let (mut offline, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut offline, task).await;
    let shell = offline.shell().expect("the shell, offline");
    assert!(shell.offline_as_of().is_some());
    let rows = shell.members().unwrap().rows();
    assert_eq!(rows.len(), 41);
    let cached = rows.iter().find(|m| m.id == member.id).unwrap();
    assert_eq!(
        cached.status,
        orgdesk_api::MembershipStatus::Suspended,
        "the copy has the change made before the refresh"
    );
    {
        let mut ui = simulator(offline.view());
        ui.find(support::text_containing("Offline — as of"))
            .expect("the offline banner");
        ui.find("Try again").expect("a way back online");
    }

    // Trying again while the platform is still away asks once and stays.
    send(&mut offline, Message::Reconnect).await;
    assert!(offline.shell().unwrap().offline_as_of().is_some());

    // Searching offline runs over the copy.
    send(
        &mut offline,
        Message::Members(members::Message::QueryChanged(member.email.clone())),
    )
    .await;
    assert_eq!(visible_names(&offline), vec![member.name.clone()]);

    // Other sections say they need the platform.
    send(
        &mut offline,
        Message::Navigate(Page::Section(Section::Groups)),
    )
    .await;
    {
        let mut ui = simulator(offline.view());
        ui.find(support::text_containing("not available offline"))
            .expect("offline notice");
    }

    // Sign out forgets the token and the copies.
    send(&mut offline, Message::SignOut).await;
    assert!(!offline.is_signed_in());
    assert_eq!(vault.load(&p.local.url, &p.demo.admin_email).unwrap(), None);
    let left: Vec<_> = walk(&folder.path().join("cache"));
    assert!(
        left.iter().all(|f| !f.ends_with("members.cache")),
        "copies cleared: {left:?}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tampered_copy_is_discarded_and_said() {
    let _words = support::english().await;
    let p = Platform::start(10).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let console = admin_console(&p, folder.path(), &vault).await;
    assert!(console.is_signed_in());
    p.local.stop().await.unwrap();

    let files = walk(&folder.path().join("cache"));
    let copy = files
        .iter()
        .find(|f| f.ends_with("members.cache"))
        .expect("a members copy");
    let mut bytes = std::fs::read(copy).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(copy, bytes).unwrap();

    let (mut offline, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut offline, task).await;
    assert!(!offline.is_signed_in(), "no copy to review");
    assert!(
        !std::path::Path::new(copy).exists(),
        "the damaged copy is gone"
    );
    {
        let mut ui = simulator(offline.view());
        ui.find(support::text_containing("damaged or changed"))
            .expect("said in words");
    }
}

/// The admin's session is revoked elsewhere (another device signs it out),
/// then `message` makes a request: the console is back at sign-in, saying
/// why, and the token is gone.
async fn revoked_then(message: Message) {
    let _words = support::english().await;
    let p = Platform::start(5).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    let token = vault
        .load(&p.local.url, &p.demo.admin_email)
        .unwrap()
        .unwrap();
    p.anonymous().with_token(token).logout().await.unwrap();
    send(&mut console, message).await;
    assert!(!console.is_signed_in());
    {
        let mut ui = simulator(console.view());
        ui.find("Your session has ended. Sign in again.")
            .expect("the reason, in words");
    }
    assert_eq!(vault.load(&p.local.url, &p.demo.admin_email).unwrap(), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_revoked_session_returns_to_sign_in_with_the_reason() {
    revoked_then(Message::Refresh).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_401_on_any_screen_ends_the_session_once() {
    // The Groups screen's first requests are refused: no screen hands that
    // up, the client tells the console.
    revoked_then(Message::Navigate(Page::Section(Section::Groups))).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_switch_replaces_the_organization_view_and_ends_its_requests() {
    let _words = support::english().await;
    let p = Platform::start(5).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    send(&mut console, Message::Key(Key::Down)).await;
    let selected = |console: &Console| {
        let members = console.shell().and_then(|s| s.members()).expect("members");
        members.selected().len()
    };
    assert_eq!(selected(&console), 1);
    // A refresh of the view in place is on its way when the organization
    // is chosen again: a new view, and the old one's requests end with it.
    let on_its_way = console.update(Message::Refresh);
    let current = console.shell().and_then(|s| s.current()).cloned().unwrap();
    let switched = console.update(Message::SwitchOrg(current));
    assert!(
        support::run(on_its_way).await.is_empty(),
        "the old view's requests were aborted"
    );
    settle(&mut console, switched).await;
    assert_eq!(selected(&console), 0, "a fresh view");
    assert_eq!(
        visible_names(&console).len(),
        6,
        "the admin and five members"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn keys_go_to_the_page_in_view() {
    let _words = support::english().await;
    let p = Platform::start(5).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    let selection = |console: &Console| {
        let members = console.shell().and_then(|s| s.members()).expect("members");
        members
            .selected()
            .iter()
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
    };
    send(&mut console, Message::Key(Key::Down)).await;
    send(&mut console, Message::Key(Key::Down)).await;
    let on_members = selection(&console);
    assert_eq!(on_members.len(), 1);
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Groups)),
    )
    .await;
    send(&mut console, Message::Key(Key::Down)).await;
    send(&mut console, Message::Key(Key::Enter)).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    assert_eq!(
        selection(&console),
        on_members,
        "keys on Groups left the table alone"
    );
    // Enter on the members table opens the selected member's sheet.
    send(&mut console, Message::Key(Key::Enter)).await;
    simulator(console.view())
        .find("General")
        .expect("the member's sheet opened");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forced_reset_leads_to_the_change_password_form() {
    let _words = support::english().await;
    let p = Platform::start(5).await;
    let member = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|m| m.email != p.demo.admin_email)
        .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let (mut console, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut console, task).await;
    sign_in(&mut console, &p.local.url, &member.email, PASSWORD).await;
    assert!(console.is_signed_in());
    // Forced while signed in: the reset revokes the account's sessions.
    p.admin
        .force_password_reset(&p.org, member.id)
        .await
        .unwrap();
    send(&mut console, Message::Refresh).await;
    assert!(!console.is_signed_in());
    assert!(!console.is_changing_password());
    assert_eq!(vault.load(&p.local.url, &member.email).unwrap(), None);
    // Signing in again leads to the form first.
    sign_in(&mut console, &p.local.url, &member.email, PASSWORD).await;
    assert!(console.is_changing_password());

    // A wrong current password is said on the form; the session lives on.
    for message in [
        password::Message::CurrentChanged("not the password at all 1".into()),
        password::Message::NewChanged("a quite different passphrase 7".into()),
        password::Message::RepeatChanged("a quite different passphrase 7".into()),
        password::Message::Submit,
    ] {
        send(&mut console, Message::Password(message)).await;
    }
    assert!(console.is_changing_password(), "still on the form");
    {
        let mut ui = simulator(console.view());
        ui.find("The current password is wrong.").expect("said");
    }
    // Several refused requests at once keep the one form.
    let refused = p
        .sign_in(&member.email)
        .await
        .org(&p.org)
        .await
        .expect_err("reset first");
    send(&mut console, Message::SessionEnded(refused.clone())).await;
    send(&mut console, Message::SessionEnded(refused)).await;
    assert!(console.is_changing_password(), "not sent back to sign-in");

    // A mismatch is caught before anything is sent.
    for message in [
        password::Message::CurrentChanged(PASSWORD.into()),
        password::Message::NewChanged("a quite different passphrase 7".into()),
        password::Message::RepeatChanged("a quite different passphrase 8".into()),
        password::Message::Submit,
    ] {
        send(&mut console, Message::Password(message)).await;
    }
    {
        let mut ui = simulator(console.view());
        ui.find("The two new passwords differ.").expect("said");
    }

    for message in [
        password::Message::CurrentChanged(PASSWORD.into()),
        password::Message::NewChanged("a quite different passphrase 7".into()),
        password::Message::RepeatChanged("a quite different passphrase 7".into()),
        password::Message::Submit,
    ] {
        send(&mut console, Message::Password(message)).await;
    }
    assert!(console.is_signed_in(), "on to the shell");
    // The new password works; the old one does not.
    let fresh = p.anonymous();
    let login = fresh
        .login(&orgdesk_api::LoginRequest {
            email: member.email.clone(),
            password: "a quite different passphrase 7".into(),
            organization: None,
        })
        .await
        .unwrap();
    assert!(!login.password_reset_required);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_activity_pane_lists_requests_with_curl_and_no_token() {
    let _words = support::english().await;
    let p = Platform::start(5).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let environment = env(folder.path(), &vault);
    let log = environment.activity.clone();
    let (mut console, task) = Console::with_env(environment);
    settle(&mut console, task).await;
    sign_in(&mut console, &p.local.url, &p.demo.admin_email, PASSWORD).await;
    send(&mut console, Message::ToggleActivity).await;
    send(&mut console, Message::Activity(activity::Message::Tick)).await;

    let token = vault
        .load(&p.local.url, &p.demo.admin_email)
        .unwrap()
        .unwrap();
    let (_, records) = log.snapshot();
    let listing = records
        .iter()
        .find(|r| r.method == "GET" && r.path.contains("/members"))
        .expect("the members request");
    assert_eq!(listing.status, Some(200));
    assert!(listing.curl.contains("$ORGDESK_TOKEN"));
    assert!(records.iter().all(|r| !r.curl.contains(&token)));
    let login = records
        .iter()
        .find(|r| r.path.ends_with("/auth/login"))
        .expect("the sign-in");
    assert!(!login.curl.contains(PASSWORD), "{}", login.curl);

    {
        let mut ui = simulator(console.view());
        ui.find("Activity").expect("the pane");
        ui.click("Copy as curl").expect("copy offered");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_organization_is_seeded_once_and_opened_without_a_known_password() {
    let _words = support::english().await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let (mut console, task) = Console::demo(env(folder.path(), &vault));
    settle(&mut console, task).await;
    assert!(console.is_signed_in(), "signed into the demo");
    let shell = console.shell().unwrap();
    assert_eq!(shell.current().unwrap().label, "Demo Corp");
    let members = shell.organization().unwrap().subscription.seats_used;
    assert!(members > 1000, "a few thousand members: {members}");
    // The generated admin password is in the vault, nowhere on disk.
    let password = vault
        .load_secret(orgdesk::screen::login::DEMO_SECRET)
        .unwrap()
        .expect("kept in the vault");
    let password = String::from_utf8(password).unwrap();
    assert!(walk(folder.path()).iter().all(|f| {
        std::fs::read(f)
            .map(|bytes| {
                !bytes
                    .windows(password.len())
                    .any(|w| w == password.as_bytes())
            })
            .unwrap_or(true)
    }));
    send(&mut console, Message::SignOut).await;
    assert!(!console.is_signed_in(), "signed out");

    // Again: the organization exists; the vault's password opens it.
    send(&mut console, Message::Login(login::Message::OpenDemo)).await;
    assert!(console.is_signed_in(), "signed in again");
    assert_eq!(
        console
            .shell()
            .unwrap()
            .organization()
            .unwrap()
            .subscription
            .seats_used,
        members,
        "seeded once"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn settings_switch_the_language_and_persist_and_esc_closes_the_pane() {
    let _words = support::english().await;
    let p = Platform::start(3).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;

    send(&mut console, Message::ToggleActivity).await;
    {
        let mut ui = simulator(console.view());
        ui.find("Hide activity").expect("the pane is open");
    }
    send(&mut console, Message::Escape).await;
    {
        let mut ui = simulator(console.view());
        ui.find("Activity").expect("closed again");
        assert!(ui.find("Hide activity").is_err());
    }

    send(&mut console, Message::Navigate(Page::Settings)).await;
    send(
        &mut console,
        Message::Settings(orgdesk::screen::settings::Message::Language(
            orgdesk::screen::settings::LanguageChoice(Some("de-DE".into())),
        )),
    )
    .await;
    {
        let mut ui = simulator(console.view());
        ui.find("Einstellungen").expect("German at once");
        ui.find("Mitglieder").expect("the sidebar too");
    }
    let saved = std::fs::read_to_string(folder.path().join("settings.toml")).unwrap();
    assert!(saved.contains("language = \"de-DE\""), "{saved}");
    orgdesk::i18n::select(Some("en-US"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_organization_address_signs_straight_into_it() {
    let _words = support::english().await;
    let p = Platform::start(3).await;
    // The platform's base domain is `localhost`: the organization's own
    // address is `demo-corp.localhost` on the same port.
    let port = p.local.url.rsplit(':').next().unwrap().to_string();
    let org_url = format!("http://{}.localhost:{port}", p.demo.subdomain);
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let (mut console, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut console, task).await;
    sign_in(&mut console, &org_url, &p.demo.admin_email, PASSWORD).await;
    let shell = console.shell().expect("signed in");
    assert_eq!(shell.session().bound, Some(p.demo.org_id));
    assert_eq!(shell.page(), Page::Section(Section::Overview));
    assert_eq!(shell.current().unwrap().id, p.org);

    // The platform's own address lands in the Organizations section.
    send(&mut console, Message::SignOut).await;
    let console = admin_console(&p, folder.path(), &vault).await;
    let shell = console.shell().expect("signed in");
    assert_eq!(shell.session().bound, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn members_filter_by_group_on_the_platform() {
    let _words = support::english().await;
    let p = Platform::start(80).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    let groups = p.admin.groups(&p.org).await.unwrap();
    let group = groups
        .iter()
        .filter(|g| g.member_count > 0 && g.member_count < 60)
        .max_by_key(|g| g.member_count)
        .expect("a group with some members");
    send(
        &mut console,
        Message::Members(members::Message::GroupFilter(members::GroupChoice {
            id: Some(group.id),
            name: group.name.clone(),
        })),
    )
    .await;
    let rows = console.shell().unwrap().members().unwrap().rows();
    assert_eq!(rows.len() as u64, group.member_count);
    assert!(
        rows.iter()
            .all(|m| m.groups.iter().any(|g| g.id == group.id))
    );
    {
        let mut ui = simulator(console.view());
        ui.find(support::text_containing(&group.name))
            .expect("the rows show the group");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_account_goes_on_to_create_its_first_organization() {
    let _words = support::english().await;
    let p = Platform::start(1).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let (mut console, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut console, task).await;
    for message in [
        login::Message::ToggleRegister,
        login::Message::PlatformChanged(p.local.url.clone()),
        login::Message::NameChanged("Founder Person".into()),
        login::Message::EmailChanged("founder@startup.example".into()),
        login::Message::PasswordChanged("short".into()),
        login::Message::Submit,
    ] {
        send(&mut console, Message::Login(message)).await;
    }
    assert!(!console.is_signed_in());
    {
        let mut ui = simulator(console.view());
        ui.find("The new password needs at least 12 characters.")
            .expect("checked before sending");
    }
    for message in [
        login::Message::PasswordChanged("password1234".into()),
        login::Message::Submit,
    ] {
        send(&mut console, Message::Login(message)).await;
    }
    assert!(!console.is_signed_in(), "a common password is refused");
    {
        let mut ui = simulator(console.view());
        ui.find(support::text_containing("too easy to guess"))
            .expect("the platform's verdict in words");
    }
    for message in [
        login::Message::PasswordChanged("violet anchors hum at dusk 9".into()),
        login::Message::Submit,
    ] {
        send(&mut console, Message::Login(message)).await;
    }
    assert!(console.is_signed_in(), "registered and signed in");
    assert_eq!(console.shell().unwrap().page(), Page::NewOrganization);
    assert!(
        vault
            .load(&p.local.url, "founder@startup.example")
            .unwrap()
            .is_some()
    );
}
