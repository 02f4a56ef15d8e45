//! End to end against the real platform: past the seat limit, resend,
//! revoke, a member without the permission.

use super::*;

/// Runs `task` and everything the screen asks for in turn, as the app would;
/// answers the seats the screen handed up.
async fn drive(screen: &mut Invitations, task: Task<Message>) -> Vec<(u32, u32)> {
    let mut tasks = vec![task];
    let mut seats = Vec::new();
    while let Some(task) = tasks.pop() {
        for message in support::run(task).await {
            match screen.update(message) {
                invitations::Action::None => {}
                invitations::Action::Run(task) => tasks.push(task),
                invitations::Action::SeatsChanged(used, limit) => seats.push((used, limit)),
            }
        }
    }
    seats
}

async fn send(screen: &mut Invitations, message: Message) -> Vec<(u32, u32)> {
    match screen.update(message) {
        invitations::Action::Run(task) => drive(screen, task).await,
        invitations::Action::SeatsChanged(used, limit) => vec![(used, limit)],
        invitations::Action::None => Vec::new(),
    }
}

async fn seats_of(p: &support::Platform) -> (u32, u32) {
    let org = p.admin.org(&p.org).await.expect("org");
    (org.subscription.seats_used, org.subscription.seat_limit)
}

/// The live tokens mailed for `email` (the outbox holds every mail sent).
async fn tokens_for(p: &support::Platform, email: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(p.local.data_dir.join("outbox")) else {
        return Vec::new();
    };
    let mut tokens = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let mail = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
        for (at, _) in unfolded.match_indices("/invite/") {
            let token: String = unfolded[at + "/invite/".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            if let Ok(preview) = p.anonymous().invitation_preview(&token).await
                && preview.email == email
                && !tokens.contains(&token)
            {
                tokens.push(token);
            }
        }
    }
    tokens
}

#[tokio::test(flavor = "multi_thread")]
async fn inviting_past_the_seat_limit_resending_and_revoking() {
    let _words = english_async().await;
    let p = support::Platform::start(20).await;
    let (used_before, limit) = seats_of(&p).await;
    let member = p
        .admin
        .members(
            &p.org,
            &MemberQuery {
                status: Some(MembershipStatus::Active),
                ..MemberQuery::default()
            },
        )
        .await
        .expect("members")
        .items
        .into_iter()
        .find(|m| m.email != p.demo.admin_email)
        .expect("a member");

    let (mut screen, task) = Invitations::new(p.admin.clone(), p.org.clone(), None);
    let seats = drive(&mut screen, task).await;
    assert_eq!(
        seats,
        [(used_before, limit)],
        "the gauge starts from the platform's count"
    );

    // Several addresses: a bad one, a repeat, a member already.
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste(&format!(
        "new1@example.com, not-an-address\nnew2@example.com NEW1@example.com {}",
        member.email
    )));
    let seats = send(&mut screen, Message::Invite(invite::Message::Send)).await;
    let results = screen
        .invite_dialog()
        .and_then(|d| d.results())
        .expect("answered")
        .to_vec();
    let outcomes: Vec<_> = results
        .iter()
        .map(|r| (r.status, r.code.as_deref()))
        .collect();
    assert_eq!(
        outcomes,
        [
            (InviteOutcome::Invited, None),
            (InviteOutcome::Failed, Some(codes::INVALID_EMAIL)),
            (InviteOutcome::Invited, None),
            (InviteOutcome::Failed, Some(codes::DUPLICATE)),
            (InviteOutcome::Failed, Some(codes::ALREADY_MEMBER)),
        ]
    );
    {
        let mut ui = simulator(screen.view());
        ui.find("2 invited · 0 given access at once · 3 not invited")
            .expect("the summary");
        ui.find("Not invited: already a member of this organization.")
            .expect("in words");
        ui.find("Not invited again: the address is in the list more than once.")
            .expect("in words");
    }
    assert_eq!(
        seats.last(),
        Some(&(used_before + 2, limit)),
        "the gauge moved"
    );
    assert_eq!(seats_of(&p).await, (used_before + 2, limit));

    // Past the limit: exactly the free seats are used, the rest refused.
    let _ = screen.update(Message::Invite(invite::Message::InviteMore));
    let free = limit - used_before - 2;
    let fill: Vec<String> = (0..free + 2)
        .map(|i| format!("fill{i}@example.com"))
        .collect();
    let _ = screen.update(paste(&fill.join("\n")));
    {
        let mut ui = simulator(screen.view());
        ui.find(containing(&format!("{} of {limit} are free", free)))
            .expect("the seats left, before sending");
        ui.find(containing("2 new addresses would be refused"))
            .expect("the warning");
    }
    let seats = send(&mut screen, Message::Invite(invite::Message::Send)).await;
    let results = screen
        .invite_dialog()
        .and_then(|d| d.results())
        .expect("answered")
        .to_vec();
    let invited = results
        .iter()
        .filter(|r| r.status == InviteOutcome::Invited)
        .count();
    let refused: Vec<_> = results
        .iter()
        .filter(|r| r.code.as_deref() == Some(codes::SEAT_LIMIT_REACHED))
        .map(|r| r.email.as_str())
        .collect();
    assert_eq!(invited as u32, free);
    assert_eq!(
        refused,
        [
            format!("fill{free}@example.com"),
            format!("fill{}@example.com", free + 1)
        ]
    );
    {
        let mut ui = simulator(screen.view());
        ui.find("Not invited: no seat left in the plan.")
            .expect("the refusal in words");
    }
    assert_eq!(seats.last(), Some(&(limit, limit)));
    assert_eq!(seats_of(&p).await, (limit, limit), "every seat is taken");
    let _ = screen.update(Message::Invite(invite::Message::Close));

    // Resend: a new link, the old one dies.
    let new1 = screen
        .rows()
        .iter()
        .find(|i| i.email == "new1@example.com")
        .expect("listed")
        .clone();
    let old_tokens = tokens_for(&p, "new1@example.com").await;
    assert_eq!(old_tokens.len(), 1, "one live link");
    let _ = screen.update(Message::Ask(Change::Resend, new1.id));
    {
        let mut ui = simulator(screen.view());
        ui.find(containing("A new link goes to new1@example.com"))
            .expect("what happens");
    }
    let _ = send(&mut screen, Message::Confirm).await;
    {
        let mut ui = simulator(screen.view());
        ui.find("A new link went to new1@example.com; the old one no longer works.")
            .expect("what happened");
    }
    let new_tokens = tokens_for(&p, "new1@example.com").await;
    assert_eq!(new_tokens.len(), 1, "still one live link");
    assert_ne!(new_tokens, old_tokens, "and it is a new one");
    assert_eq!(seats_of(&p).await, (limit, limit), "a resend takes no seat");

    // Revoke: the seat frees.
    let new2 = screen
        .rows()
        .iter()
        .find(|i| i.email == "new2@example.com")
        .expect("listed")
        .id;
    let _ = screen.update(Message::Ask(Change::Revoke, new2));
    let seats = send(&mut screen, Message::Confirm).await;
    assert_eq!(
        seats.last(),
        Some(&(limit - 1, limit)),
        "the gauge shows the freed seat"
    );
    assert_eq!(seats_of(&p).await, (limit - 1, limit));
    {
        let mut ui = simulator(screen.view());
        ui.find("The invitation to new2@example.com is revoked; its seat is free again.")
            .expect("what happened");
        ui.find(format!("Seats: {} of {limit}", limit - 1))
            .expect("the screen's own gauge");
    }
    let revoked = p
        .admin
        .invitations(
            &p.org,
            &InvitationQuery {
                status: Some(InvitationStatus::Revoked),
                ..InvitationQuery::default()
            },
        )
        .await
        .expect("invitations");
    assert_eq!(revoked.items.len(), 1);
    assert_eq!(revoked.items[0].email, "new2@example.com");
    assert!(
        tokens_for(&p, "new2@example.com").await.is_empty(),
        "its link is dead"
    );

    // Revoking it again: the platform refuses, in words.
    let _ = send(
        &mut screen,
        Message::StatusFilter(Some(InvitationStatus::Revoked)),
    )
    .await;
    assert_eq!(screen.rows().len(), 1, "the filter narrows the list");
    {
        let mut ui = simulator(screen.view());
        ui.find("new2@example.com").expect("the revoked one");
        assert!(
            ui.find("Revoke").is_err(),
            "a revoked invitation offers no Revoke"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_without_the_permission_is_refused_in_words() {
    let _words = english_async().await;
    let p = support::Platform::start(20).await;
    let members = p
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
        .expect("members")
        .items;
    let mut plain = None;
    for member in members.iter().filter(|m| m.email != p.demo.admin_email) {
        let permissions = p
            .admin
            .member_permissions(&p.org, member.id)
            .await
            .expect("permissions");
        if !permissions
            .iter()
            .any(|e| e.permission == "org.members.invite")
        {
            plain = Some(member.email.clone());
            break;
        }
    }
    let plain = plain.expect("a member who may not invite");
    let client = p.sign_in(&plain).await;

    let (mut screen, task) = Invitations::new(client, p.org.clone(), None);
    let _ = drive(&mut screen, task).await;
    {
        let mut ui = simulator(screen.view());
        ui.find(containing("You don't have the permission for this"))
            .expect("the list is refused in words");
    }
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste("sneaky@example.com"));
    let _ = send(&mut screen, Message::Invite(invite::Message::Send)).await;
    {
        let mut ui = simulator(screen.view());
        let refusal = ui
            .find(containing("You don't have the permission for this"))
            .expect("the invitation is refused in words");
        assert!(refusal.contains("org.members.invite"), "{refusal}");
    }
    let all = p
        .admin
        .invitations(&p.org, &InvitationQuery::default())
        .await
        .expect("invitations");
    assert!(
        all.items.iter().all(|i| i.email != "sneaky@example.com"),
        "nothing was invited"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invitation_with_an_end_grants_until_then() {
    let _words = english_async().await;
    let p = support::Platform::start(5).await;
    let client = p.admin.clone();
    let (mut screen, task) = Invitations::new(client, p.org.clone(), None);
    drive(&mut screen, task).await;
    send(&mut screen, Message::OpenInvite).await;
    send(&mut screen, paste("contractor@outside.example")).await;
    send(
        &mut screen,
        Message::Invite(invite::Message::UntilChanged("2099-01-31".into())),
    )
    .await;
    send(&mut screen, Message::Invite(invite::Message::Send)).await;
    let results = screen
        .invite_dialog()
        .and_then(|d| d.results().map(<[_]>::to_vec))
        .expect("answered");
    assert_eq!(results[0].status, InviteOutcome::Invited, "{results:?}");
    let listed = p
        .admin
        .invitations(&p.org, &InvitationQuery::default())
        .await
        .expect("invitations")
        .items;
    let mine = listed
        .iter()
        .find(|i| i.email == "contractor@outside.example")
        .expect("listed");
    assert_eq!(
        mine.membership_expires_at,
        Some(datetime!(2099-01-31 0:00 UTC)),
        "the platform keeps the end"
    );
    // Accepted: the memberships end on that day.
    // The mail goes out after the answer: wait for it to reach the outbox.
    let mut token = None;
    for _ in 0..200 {
        token = tokens_for(&p, "contractor@outside.example").await.pop();
        if token.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let token = token.expect("mailed");
    let accepted = p
        .anonymous()
        .accept_invitation(
            &token,
            &orgdesk_api::AcceptInvitation {
                name: Some("Contractor".into()),
                password: support::PASSWORD.into(),
            },
        )
        .await
        .expect("accepted");
    let member = p
        .admin
        .member(&p.org, accepted.account.id)
        .await
        .expect("member");
    assert!(!member.group_expiry.is_empty());
    assert!(
        member
            .group_expiry
            .iter()
            .all(|e| e.expires_at == datetime!(2099-01-31 0:00 UTC))
    );
    // The list shows the day in its own column.
    send(&mut screen, Message::Invite(invite::Message::Close)).await;
    send(&mut screen, Message::Refresh).await;
    let mut ui = simulator(screen.view());
    ui.find("1/31/2099").expect("the access end in the list");
}
