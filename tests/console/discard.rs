//! "Discard changes?" (issue 16): leaving an edited group sheet or profile
//! form — another section, Close, Esc, another group, another tab — asks
//! first; Keep editing stays with the edits, Discard drops them and goes.
//! The edited form says so in its title.

use std::sync::Arc;

use iced_test::simulator;
use orgdesk::app::{Console, Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::groups::{self, sheet};
use orgdesk::screen::profile::{self, Tab, details};
use orgdesk::widget::discard::Answer;

use super::{admin_console, send, support};
use support::Platform;

fn to_sheet(message: sheet::Message) -> Message {
    Message::Groups(groups::Message::Sheet(message))
}

fn groups_of(console: &Console) -> &groups::Groups {
    console
        .shell()
        .unwrap()
        .groups()
        .expect("the groups screen")
}

#[tokio::test(flavor = "multi_thread")]
async fn leaving_an_edited_group_sheet_asks_and_both_answers_do_what_they_say() {
    let _words = support::english().await;
    let p = Platform::start(3).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Groups)),
    )
    .await;
    let all = p.admin.groups(&p.org).await.unwrap();
    let (first, second) = (all[0].clone(), all[1].clone());
    send(
        &mut console,
        Message::Groups(groups::Message::OpenGroup(first.id)),
    )
    .await;

    // Unedited, the sheet closes at once.
    send(&mut console, to_sheet(sheet::Message::Close)).await;
    assert!(groups_of(&console).sheet_group().is_none());
    send(
        &mut console,
        Message::Groups(groups::Message::OpenGroup(first.id)),
    )
    .await;
    send(
        &mut console,
        to_sheet(sheet::Message::DescriptionChanged("edited here".into())),
    )
    .await;
    {
        let mut ui = simulator(console.view());
        ui.find(format!("{} •", first.name))
            .expect("the title marks the edits");
    }

    // Another section: asked; Keep editing stays, edits and all.
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    assert!(console.shell().unwrap().is_asking_to_discard());
    {
        let mut ui = simulator(console.view());
        ui.find("Discard changes?").expect("the question");
        ui.click("Keep editing").expect("an answer");
        let answers: Vec<_> = ui.into_messages().collect();
        assert!(
            matches!(answers.as_slice(), [Message::Leave(Answer::Keep)]),
            "{answers:?}"
        );
    }
    send(&mut console, Message::Leave(Answer::Keep)).await;
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Groups)
    );
    assert!(groups_of(&console).has_edits(), "the edits stay");

    // Esc, Close and another group ask too; Esc on the question keeps editing.
    send(&mut console, Message::Escape).await;
    assert!(groups_of(&console).is_asking_to_discard(), "Esc asks");
    send(&mut console, Message::Escape).await;
    assert!(!groups_of(&console).is_asking_to_discard());
    assert!(groups_of(&console).has_edits());
    send(
        &mut console,
        Message::Groups(groups::Message::OpenGroup(second.id)),
    )
    .await;
    assert!(groups_of(&console).is_asking_to_discard());
    assert_eq!(groups_of(&console).sheet_group().unwrap().id, first.id);
    {
        let mut ui = simulator(console.view());
        ui.click("Discard").expect("an answer");
        let answers: Vec<_> = ui.into_messages().collect();
        assert!(
            matches!(
                answers.as_slice(),
                [Message::Groups(groups::Message::Leave(Answer::Discard))]
            ),
            "{answers:?}"
        );
    }
    send(
        &mut console,
        Message::Groups(groups::Message::Leave(Answer::Discard)),
    )
    .await;
    assert_eq!(
        groups_of(&console).sheet_group().unwrap().id,
        second.id,
        "on to the other group"
    );
    assert!(!groups_of(&console).has_edits());

    // Discard on leaving the section: gone there, nothing saved.
    send(
        &mut console,
        to_sheet(sheet::Message::DescriptionChanged("edited again".into())),
    )
    .await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    send(&mut console, Message::Leave(Answer::Discard)).await;
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Members)
    );
    assert!(!groups_of(&console).has_edits());
    let stored = p.admin.group(&p.org, second.id).await.unwrap();
    assert_eq!(stored.description, second.description, "nothing was saved");
}

#[tokio::test(flavor = "multi_thread")]
async fn leaving_the_edited_profile_form_asks_first() {
    let _words = support::english().await;
    let p = Platform::start(1).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(&mut console, Message::Navigate(Page::Profile)).await;
    let edit = |value: &str| {
        Message::Profile(profile::Message::Details(details::Message::Edited(
            details::Field::JobTitle,
            value.into(),
        )))
    };
    send(&mut console, edit("Chief Tester")).await;
    let screen = |console: &Console| console.shell().unwrap().profile().unwrap().has_edits();
    assert!(screen(&console));
    {
        let mut ui = simulator(console.view());
        ui.find("My profile •").expect("the title marks the edits");
    }

    // Another tab: asked; Keep editing stays on the details.
    send(
        &mut console,
        Message::Profile(profile::Message::ShowTab(Tab::Password)),
    )
    .await;
    {
        let mut ui = simulator(console.view());
        ui.find("Discard changes?").expect("the question");
    }
    send(
        &mut console,
        Message::Profile(profile::Message::Leave(Answer::Keep)),
    )
    .await;
    assert_eq!(
        console.shell().unwrap().profile().unwrap().tab(),
        Tab::Details
    );
    assert!(screen(&console));

    // Another section: Discard drops the edits and goes.
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    assert!(console.shell().unwrap().is_asking_to_discard());
    assert_eq!(console.shell().unwrap().page(), Page::Profile);
    send(&mut console, Message::Leave(Answer::Discard)).await;
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Members)
    );
    assert!(
        !screen(&console),
        "the form is back to the profile as saved"
    );
    let me = p.admin.me().await.unwrap();
    assert_ne!(me.job_title.as_deref(), Some("Chief Tester"));
}
