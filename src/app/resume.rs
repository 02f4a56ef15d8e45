//! Resuming the session whose token the vault keeps, at start: online, a
//! forced password change, the offline copy, or back to sign-in.

use std::sync::Arc;

use iced::Task;
use orgdesk_api::{MyOrganization, codes};
use orgdesk_client::Client;

use super::message::Message;
use super::offline::ORGANIZATIONS;
use crate::app::offline;
use crate::cache::{Cache, CacheKey};
use crate::credentials::Vault;
use crate::fl;
use crate::platform::LocalPlatform;
use crate::screen;
use crate::session::{Env, OfflineStart, Resumed, Session, platform_key};

/// Resumes the session whose token the vault keeps for the last platform and
/// account, if any; see [`Resumed`].
pub fn resume(env: &Env) -> Option<Task<Message>> {
    let settings = &env.settings;
    let email = settings.last_account.clone()?;
    let local = settings.local_platform;
    let url = settings.platform_url.clone().unwrap_or_default();
    if !local && url.is_empty() {
        return None;
    }
    let key = platform_key(&url, local);
    let token = match env.vault.load(&key, &email) {
        Ok(Some(token)) => token,
        Ok(None) => return None,
        Err(error) => {
            tracing::warn!(%error, "cannot read the stored session");
            return None;
        }
    };
    let start = Resume {
        url,
        local: local.then(|| env.local_data_dir.clone()),
        email,
        token,
        observer: env.activity.observer(),
        vault: env.vault.clone(),
        cache: env.cache.clone(),
        last_org: settings.last_organization.clone(),
        bound: settings
            .bound_organization
            .as_deref()
            .and_then(|id| id.parse().ok()),
    };
    Some(Task::perform(start.run(), |resumed| {
        Message::Resumed(Box::new(resumed))
    }))
}

struct Resume {
    url: String,
    local: Option<std::path::PathBuf>,
    email: String,
    token: String,
    observer: orgdesk_client::Observer,
    vault: Arc<dyn Vault>,
    cache: Option<Arc<Cache>>,
    last_org: Option<String>,
    bound: Option<uuid::Uuid>,
}

impl Resume {
    async fn run(self) -> Resumed {
        let (url, local) = match &self.local {
            Some(dir) => match LocalPlatform::start(dir.clone()).await {
                Ok(platform) => (platform.url.clone(), Some(platform)),
                Err(e) => {
                    return Resumed::SignIn(Some(fl!(
                        "signin-local-failed",
                        detail = format!("{e:#}")
                    )));
                }
            },
            None => (self.url.clone(), None),
        };
        let client = match Client::new(&url) {
            Ok(client) => client
                .with_observer(self.observer.clone())
                .with_token(self.token.clone()),
            Err(e) => return Resumed::SignIn(Some(screen::describe(&e))),
        };
        let mut session = Session::new(client, url, self.email.clone());
        session.local = local;
        session.bound = self.bound;
        match session.clone().refreshed().await {
            Ok(session) => Resumed::Online(Box::new(session)),
            Err(e) if e.code() == Some(codes::PASSWORD_RESET_REQUIRED) => {
                Resumed::ResetRequired(Box::new(session))
            }
            // Unreachable, or down behind its proxy: review the copy.
            Err(e)
                if e.is_network()
                    || e.status()
                        .is_some_and(|status| status >= 500 || status == 429) =>
            {
                self.offline(session, screen::describe(&e)).await
            }
            // Only a session the platform says is over loses its token.
            Err(e) if e.ends_session() => {
                let key = session.platform_key();
                if let Err(error) = self.vault.delete(&key, &self.email) {
                    tracing::warn!(%error, "cannot delete the ended session's token");
                }
                Resumed::SignIn(Some(screen::describe(&e)))
            }
            Err(e) => Resumed::SignIn(Some(screen::describe(&e))),
        }
    }

    /// The offline copy of the last organization, if there is one.
    async fn offline(&self, mut session: Session, reason: String) -> Resumed {
        let (Some(cache), Some(org)) = (self.cache.clone(), self.last_org.clone()) else {
            return Resumed::SignIn(Some(reason));
        };
        let orgs_key = session.cache_key("");
        let orgs = {
            let cache = cache.clone();
            tokio::task::spawn_blocking(move || {
                cache.load::<Vec<MyOrganization>>(&orgs_key, ORGANIZATIONS)
            })
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
        };
        let Some(orgs) = orgs else {
            return Resumed::SignIn(Some(reason));
        };
        let Some(found) = orgs.value.iter().find(|o| o.id.to_string() == org).cloned() else {
            return Resumed::SignIn(Some(reason));
        };
        session.organizations = orgs.value;
        let key: CacheKey = session.cache_key(&org);
        match offline::load_members(cache, key).await {
            Ok((Some(copy), _)) => Resumed::Offline(Box::new(OfflineStart {
                session,
                org: found,
                members: copy.value.members,
                as_of: copy.as_of,
                reason,
            })),
            Ok((None, true)) => {
                Resumed::SignIn(Some(format!("{reason} {}", fl!("offline-copy-tampered"))))
            }
            _ => Resumed::SignIn(Some(reason)),
        }
    }
}
