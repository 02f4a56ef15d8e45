#[allow(unused_imports)]
use super::*;

both!(sessions_list_and_revoke, |ts| {
    let (registered, _) = ts.register("liam@example.com", "Liam").await;
    let firefox = ts
        .client()
        .with_user_agent(FIREFOX_WINDOWS)
        .unwrap()
        .login(&login_request("liam@example.com", PASSWORD, None))
        .await
        .unwrap();
    let firefox = ts.client().with_token(firefox.token);
    let latest = login(&ts, "liam@example.com").await;

    let registered_id = current_session(&registered).await.id;
    let firefox_id = current_session(&firefox).await.id;
    let latest_id = current_session(&latest).await.id;

    let page = firefox.my_sessions(None, None).await.unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.next_cursor, None);
    let ids: Vec<_> = page.items.iter().map(|s| s.id).collect();
    assert_eq!(ids, [latest_id, firefox_id, registered_id], "newest first");
    assert!(
        page.items
            .windows(2)
            .all(|w| w[0].created_at >= w[1].created_at)
    );
    for s in &page.items {
        assert_eq!(s.current, s.id == firefox_id, "{s:?}");
        assert_eq!(s.ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(s.location.as_deref(), Some("Private network"));
        assert_eq!(s.revoked_at, None);
        assert_eq!(s.organization_id, None);
    }
    let ff = &page.items[1];
    assert_eq!(ff.device.as_deref(), Some("Firefox 133 on Windows 10"));
    assert_eq!(ff.user_agent.as_deref(), Some(FIREFOX_WINDOWS));
    // The console names itself.
    let console = &page.items[0];
    assert!(
        console
            .device
            .as_deref()
            .is_some_and(|d| d.starts_with("Orgdesk")),
        "{console:?}"
    );

    // Paging one at a time gives the same list.
    let mut paged = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = latest
            .my_sessions(Some(1), cursor.as_deref())
            .await
            .unwrap();
        assert_eq!(page.total, 3);
        assert!(page.items.len() <= 1);
        paged.extend(page.items.iter().map(|s| s.id));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
        assert!(paged.len() <= 3, "paging does not end: {paged:?}");
    }
    assert_eq!(paged, ids);
    for bad in [0, 501] {
        let err = latest.my_sessions(Some(bad), None).await.unwrap_err();
        assert_eq!(err.status(), Some(422), "limit {bad}");
    }

    // Revoking another of one's own sessions: 204, and its token stops working.
    let revoked = firefox
        .raw(
            Method::DELETE,
            &format!("/api/v1/me/sessions/{latest_id}"),
            None,
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(revoked.status, 204);
    assert_eq!(code(latest.me().await), "unauthenticated");
    let after = sessions_of(&firefox).await;
    assert!(
        after
            .iter()
            .find(|s| s.id == latest_id)
            .is_some_and(|s| s.revoked_at.is_some())
    );
    assert!(
        after
            .iter()
            .filter(|s| s.id != latest_id)
            .all(|s| s.revoked_at.is_none())
    );
    let again = firefox.revoke_my_session(latest_id).await;
    assert_eq!(status(&again), 404);

    // Someone else's session: 404, and it keeps working.
    let (mia, _) = ts.register("mia@example.com", "Mia").await;
    let mia_id = current_session(&mia).await.id;
    let theirs = firefox.revoke_my_session(mia_id).await;
    assert_eq!(status(&theirs), 404);
    assert_eq!(code(theirs), "not_found");
    assert_eq!(
        status(&firefox.revoke_my_session(Uuid::now_v7()).await),
        404
    );
    mia.me().await.unwrap();
    assert!(current_session(&mia).await.revoked_at.is_none());
    // …and Mia cannot revoke Liam's either.
    assert_eq!(status(&mia.revoke_my_session(firefox_id).await), 404);
    firefox.me().await.unwrap();
    registered.me().await.unwrap();
});

// Without a trusted proxy, X-Forwarded-For is the client's word and is ignored.
both!(forwarded_for_ignored_without_trusted_proxy, |ts| {
    ts.register("noah@example.com", "Noah").await;
    for forwarded in ["203.0.113.7", "6.6.6.6, 203.0.113.7", "8.8.8.8"] {
        let answer = ts
            .client()
            .with_header("X-Forwarded-For", forwarded)
            .unwrap()
            .login(&login_request("noah@example.com", PASSWORD, None))
            .await
            .unwrap();
        let session = current_session(&ts.client().with_token(answer.token)).await;
        assert_eq!(session.ip.as_deref(), Some("127.0.0.1"), "{forwarded}");
        assert_eq!(session.location.as_deref(), Some("Private network"));
    }
});

async fn start_behind_proxy(backend: Backend, geoip: Option<PathBuf>) -> TestServer {
    TestServer::start_with(backend, |config| {
        config.trusted_proxy = vec!["127.0.0.1".parse().unwrap()];
        config.geoip = geoip;
    })
    .await
}

/// The session that a login through the proxy, forwarding `forwarded`, opens.
async fn session_via(ts: &TestServer, email: &str, forwarded: &str) -> api::SessionInfo {
    let answer = ts
        .client()
        .with_header("X-Forwarded-For", forwarded)
        .unwrap()
        .login(&login_request(email, PASSWORD, None))
        .await
        .unwrap();
    current_session(&ts.client().with_token(answer.token)).await
}

async fn trusted_proxy(backend: Backend) {
    let ts = start_behind_proxy(backend, None).await;
    ts.register("olga@example.com", "Olga").await;
    let session = session_via(&ts, "olga@example.com", "203.0.113.7").await;
    assert_eq!(session.ip.as_deref(), Some("203.0.113.7"));
    // A public address without a GeoIP database: unknown.
    assert_eq!(session.location, None);
    assert_eq!((session.city, session.country), (None, None));
    assert!(!session.private_network);
    // A client cannot put a forged address in front of the one the proxy appended.
    let session = session_via(&ts, "olga@example.com", "6.6.6.6, 203.0.113.7").await;
    assert_eq!(session.ip.as_deref(), Some("203.0.113.7"));
    let session = session_via(&ts, "olga@example.com", "10.1.2.3").await;
    assert_eq!(session.ip.as_deref(), Some("10.1.2.3"));
    assert_eq!(session.location.as_deref(), Some("Private network"));
    assert!(session.private_network);
    // No header: the proxy's own address.
    let direct = login(&ts, "olga@example.com").await;
    assert_eq!(
        current_session(&direct).await.ip.as_deref(),
        Some("127.0.0.1")
    );
    ts.finish().await;
}

mod trusted_proxy {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        trusted_proxy(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        if postgres_server().is_none() {
            eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
            return;
        }
        trusted_proxy(Backend::Postgres).await;
    }
}

/// The `.mmdb` named by ORGDESK_TEST_GEOIP; CI must provide it.
fn geoip_database() -> Option<PathBuf> {
    match std::env::var_os("ORGDESK_TEST_GEOIP").filter(|v| !v.is_empty()) {
        Some(path) => Some(PathBuf::from(path)),
        None if std::env::var_os("CI").is_some() => {
            panic!("ORGDESK_TEST_GEOIP must name a .mmdb file in CI")
        }
        None => {
            eprintln!("skipped: set ORGDESK_TEST_GEOIP to a MaxMind-format .mmdb to run");
            None
        }
    }
}

async fn geoip_locations(backend: Backend) {
    let Some(path) = geoip_database() else {
        return;
    };
    assert!(
        path.is_file(),
        "ORGDESK_TEST_GEOIP={} is no file",
        path.display()
    );
    let ts = start_behind_proxy(backend, Some(path)).await;
    ts.register("pia@example.com", "Pia").await;
    let public = session_via(&ts, "pia@example.com", "8.8.8.8").await;
    assert_eq!(public.ip.as_deref(), Some("8.8.8.8"));
    let location = public.location.expect("8.8.8.8 is in the database");
    assert_ne!(location, "Private network");
    assert!(
        location == "US" || location.contains("United States"),
        "8.8.8.8 located at {location:?}"
    );
    // The parts a console names in its own language.
    assert_eq!(public.country.as_deref(), Some("US"), "{:?}", public.city);
    assert!(!public.private_network);
    let private = session_via(&ts, "pia@example.com", "192.168.1.20").await;
    assert_eq!(private.location.as_deref(), Some("Private network"));
    assert!(private.private_network);
    assert_eq!((private.city, private.country), (None, None));
    let loopback = login(&ts, "pia@example.com").await;
    assert_eq!(
        current_session(&loopback).await.location.as_deref(),
        Some("Private network")
    );
    ts.finish().await;
}

mod geoip {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        geoip_locations(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        if postgres_server().is_none() {
            eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
            return;
        }
        geoip_locations(Backend::Postgres).await;
    }
}
