//! The overview (issue 16) against a real platform with the seeded demo
//! organization: its figures (one `…/overview` request) equal what the
//! platform answers when asked another way (totals by filter, the audit
//! log), they follow a change after Ctrl+R, and each tile opens its section
//! with its filter.

use std::sync::Arc;

use iced_test::simulator;
use orgdesk::app::{Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::expiry::AccessFilter;
use orgdesk::screen::members;
use orgdesk::screen::overview::{self, Link};
use orgdesk_api::{
    AuditQuery, InvitationQuery, InvitationStatus, InviteRequest, Invitee, Member, MemberQuery,
    MembershipStatus,
};
use time::OffsetDateTime;

use super::{admin_console, send, support};
use support::Platform;

async fn total(p: &Platform, status: Option<MembershipStatus>) -> u64 {
    let query = MemberQuery {
        status,
        limit: Some(1),
        ..MemberQuery::default()
    };
    p.admin.members(&p.org, &query).await.unwrap().total
}

async fn pending_total(p: &Platform) -> u64 {
    let query = InvitationQuery {
        status: Some(InvitationStatus::Pending),
        limit: Some(1),
        cursor: None,
    };
    p.admin.invitations(&p.org, &query).await.unwrap().total
}

/// Every member, 100 at a time (another page size than the overview's).
async fn everyone(p: &Platform) -> Vec<Member> {
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let query = MemberQuery {
            limit: Some(100),
            cursor: cursor.take(),
            ..MemberQuery::default()
        };
        let page = p.admin.members(&p.org, &query).await.unwrap();
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return all,
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_overview_counts_what_the_platform_lists_and_its_tiles_open_their_sections() {
    let _words = support::english().await;
    let p = Platform::start(300).await;
    let invited = p
        .admin
        .invite(
            &p.org,
            &InviteRequest {
                invitations: ["first@elsewhere.test", "second@elsewhere.test"]
                    .map(|email| Invitee {
                        email: email.into(),
                        groups: None,
                        expires_at: None,
                    })
                    .to_vec(),
            },
        )
        .await
        .unwrap();
    assert!(invited.results.iter().all(|r| r.invitation_id.is_some()));
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;

    let shell = console.shell().unwrap();
    assert_eq!(
        shell.page(),
        Page::Section(Section::Overview),
        "the landing section"
    );
    let figures = shell
        .overview()
        .and_then(|o| o.figures())
        .expect("counted")
        .clone();

    // The same figures, asked of the platform another way.
    let org = p.admin.org(&p.org).await.unwrap();
    assert_eq!(
        (figures.seats.used, figures.seats.limit),
        (
            u64::from(org.subscription.seats_used),
            u64::from(org.subscription.seat_limit)
        )
    );
    assert_eq!(figures.members, total(&p, None).await);
    let suspended = total(&p, Some(MembershipStatus::Suspended)).await;
    assert!(suspended > 0, "the demo suspends a few members");
    assert_eq!(figures.seats.suspended_members, suspended);
    assert_eq!(figures.seats.pending_invitations, pending_total(&p).await);
    assert_eq!(figures.seats.pending_invitations, 2);
    let dormant = p
        .admin
        .members(
            &p.org,
            &MemberQuery {
                inactive_days: Some(90),
                status: Some(MembershipStatus::Active),
                limit: Some(1),
                ..MemberQuery::default()
            },
        )
        .await
        .unwrap()
        .total;
    assert_eq!(figures.inactive.count, dormant);
    let inactive = figures.inactive.count;
    let members = everyone(&p).await;
    assert_eq!(figures.sign_ins.len(), 30);
    assert!(
        figures.sign_ins.iter().map(|d| d.count).sum::<u64>() > 0,
        "someone signed in this month"
    );
    let newest = p
        .admin
        .audit_log(
            &p.org,
            &AuditQuery {
                limit: Some(1),
                ..AuditQuery::default()
            },
        )
        .await
        .unwrap()
        .items;
    let recent = figures.recent.as_ref().expect("the admin reads the log");
    assert_eq!(recent.first().map(|e| e.id), newest.first().map(|e| e.id));
    assert!(figures.as_of <= OffsetDateTime::now_utc());

    // The page says the numbers.
    {
        let mut ui = simulator(console.view());
        // Numbers as the language groups them: "100,000".
        let number = |n: u64| orgdesk::locale::number(i64::try_from(n).unwrap());
        let (used, limit) = (number(figures.seats.used), number(figures.seats.limit));
        ui.find(format!("{used} of {limit} seats used").as_str())
            .expect("the seats");
        ui.find("2 pending").expect("the pending invitations");
        let away = match inactive {
            1 => "One active member not signed in for 90 days".to_string(),
            n => format!("{n} active members not signed in for 90 days"),
        };
        ui.find(away.as_str()).expect("the members who stayed away");
    }

    // A suspension, then Ctrl+R: one more suspended member, one seat freed.
    let someone = members
        .iter()
        .find(|m| m.status == MembershipStatus::Active && m.email != p.demo.admin_email)
        .unwrap();
    p.admin.suspend_member(&p.org, someone.id).await.unwrap();
    send(&mut console, Message::Refresh).await;
    let after = console
        .shell()
        .unwrap()
        .overview()
        .and_then(|o| o.figures())
        .unwrap()
        .clone();
    assert_eq!(
        after.seats.suspended_members,
        figures.seats.suspended_members + 1
    );
    assert_eq!(
        after.seats.used + 1,
        figures.seats.used,
        "suspending frees a seat"
    );

    // The suspended-members line opens Members filtered to them.
    let clicked: Vec<Message> = {
        let mut ui = simulator(console.view());
        let line = format!(
            "{} suspended members (suspending frees a seat)",
            after.seats.suspended_members
        );
        ui.click(line.as_str()).expect("the line is a link");
        ui.into_messages().collect()
    };
    for message in clicked {
        send(&mut console, message).await;
    }
    let shell = console.shell().unwrap();
    assert_eq!(shell.page(), Page::Section(Section::Members));
    let rows = shell.members().unwrap().rows();
    assert_eq!(
        rows.len() as u64,
        after.seats.suspended_members,
        "only the suspended members"
    );
    assert!(rows.iter().all(|m| m.status == MembershipStatus::Suspended));

    // The stayed-away tile opens Members with the same dormant filter.
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Overview)),
    )
    .await;
    let clicked: Vec<Message> = {
        let mut ui = simulator(console.view());
        ui.click("All 90+ days away").expect("the tile's link");
        ui.into_messages().collect()
    };
    for message in clicked {
        send(&mut console, message).await;
    }
    let shell = console.shell().unwrap();
    assert_eq!(shell.page(), Page::Section(Section::Members));
    let screen = shell.members().unwrap();
    assert_eq!(screen.access(), Some(AccessFilter::Inactive(90)));
    let dormant_now: Vec<_> = p
        .admin
        .members(
            &p.org,
            &MemberQuery {
                inactive_days: Some(90),
                status: Some(MembershipStatus::Active),
                limit: Some(members::PAGE_SIZE),
                ..MemberQuery::default()
            },
        )
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|m| m.id)
        .collect();
    let shown: Vec<_> = screen.rows().iter().map(|m| m.id).collect();
    assert_eq!(
        shown.len() as u64,
        after.inactive.count.min(u64::from(members::PAGE_SIZE)),
        "as many as the tile counted"
    );
    assert!(
        shown.iter().all(|id| dormant_now.contains(id)),
        "only members away 90 days or more"
    );

    // The invitations tile opens the pending invitations.
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Overview)),
    )
    .await;
    send(
        &mut console,
        Message::Overview(overview::Message::Open(Link::Invitations(Some(
            InvitationStatus::Pending,
        )))),
    )
    .await;
    let shell = console.shell().unwrap();
    assert_eq!(shell.page(), Page::Section(Section::Invitations));
    let rows = shell.invitations().unwrap().rows();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|i| i.status == InvitationStatus::Pending));

    // A member in a tile opens on their sheet.
    let (away_id, away_email) = after
        .inactive
        .longest
        .first()
        .map(|m| (m.id, m.email.clone()))
        .unwrap_or_else(|| (someone.id, someone.email.clone()));
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Overview)),
    )
    .await;
    send(
        &mut console,
        Message::Overview(overview::Message::Open(Link::Member(away_id))),
    )
    .await;
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Members)
    );
    simulator(console.view())
        .find(away_email.as_str())
        .expect("their sheet is open");

    // In German too.
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Overview)),
    )
    .await;
    orgdesk::i18n::select(Some("de-DE"));
    {
        let mut ui = simulator(console.view());
        ui.find("Übersicht").expect("the section's name");
        ui.find("Plätze").expect("the seats tile");
    }
    orgdesk::i18n::select(Some("en-US"));
}
