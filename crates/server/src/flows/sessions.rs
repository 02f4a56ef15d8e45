//! Opening a session: the token prefixes and what a new session records of
//! where it came from.

use uuid::Uuid;

use crate::domain::client_ip::ClientMeta;
use crate::state::AppState;
use crate::store::sessions::NewSession;
use crate::{device, geo};

pub const SESSION_TOKEN_PREFIX: &str = "ods_";
pub const EMAIL_TOKEN_PREFIX: &str = "odv_";

pub fn new_session<'a>(
    state: &AppState,
    token_hash: &'a str,
    account: Uuid,
    org: Option<Uuid>,
    meta: &ClientMeta,
) -> NewSession<'a> {
    NewSession {
        token_hash,
        account,
        org,
        ip: Some(meta.ip.to_string()),
        location: geo::location(state.geo.as_ref(), meta.ip),
        device: meta.user_agent.as_deref().and_then(device::describe),
        user_agent: meta.user_agent.clone(),
    }
}
