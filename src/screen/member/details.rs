//! What the sheet shows, loaded in one go and kept as one serializable value
//! for the offline cache.

use std::collections::BTreeMap;

use orgdesk_api::{EffectivePermission, Group, Member, MemberProfile, Page, SessionInfo};
use orgdesk_client::{Client, Error};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::SESSIONS_PAGE;

/// Everything the member sheet shows about one member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Details {
    pub member: Member,
    /// Contact details, job, pending reset, status since.
    pub profile: Part<MemberProfile>,
    /// The full rows of the member's groups (for their products and
    /// descriptions), in the order of `member.groups`.
    pub groups: Part<Vec<Group>>,
    pub sessions: Part<Sessions>,
    pub permissions: Part<Vec<EffectivePermission>>,
    /// Product names by product id, from the platform's catalog.
    #[serde(default)]
    pub products: BTreeMap<String, String>,
}

/// A section of the sheet: loaded, or refused by the platform (a missing
/// permission, say) — the refusal kept as its code so that it reads in the
/// language of the day when the cached copy is opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part<T> {
    Ready(T),
    Refused { code: String, detail: String },
}

impl<T> Part<T> {
    pub fn ready(&self) -> Option<&T> {
        match self {
            Part::Ready(value) => Some(value),
            Part::Refused { .. } => None,
        }
    }

    /// Why the platform refused, in words.
    pub fn refusal(&self) -> Option<String> {
        match self {
            Part::Ready(_) => None,
            Part::Refused { code, detail } => {
                Some(super::super::describe_problem(code, detail, None))
            }
        }
    }

    /// A section's answer: a refusal stays in the section; a network failure
    /// fails the whole load.
    fn from_result(result: Result<T, Error>) -> Result<Self, Error> {
        match result {
            Ok(value) => Ok(Part::Ready(value)),
            Err(Error::Api(api)) => Ok(Part::Refused {
                code: api.problem.code.clone(),
                detail: api
                    .problem
                    .detail
                    .clone()
                    .unwrap_or_else(|| api.problem.title.clone()),
            }),
            Err(e) => Err(e),
        }
    }
}

/// The member's sign-ins read so far, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sessions {
    pub items: Vec<SessionInfo>,
    pub next_cursor: Option<String>,
    pub total: u64,
}

impl Sessions {
    /// Adds the next page.
    pub fn extend(&mut self, page: Page<SessionInfo>) {
        self.items.extend(page.items);
        self.next_cursor = page.next_cursor;
        self.total = page.total;
    }
}

impl From<Page<SessionInfo>> for Sessions {
    fn from(page: Page<SessionInfo>) -> Self {
        Self {
            items: page.items,
            next_cursor: page.next_cursor,
            total: page.total,
        }
    }
}

/// Loads every section at once. The member themselves must load (else the
/// sheet has nothing to show); the other sections may each be refused.
pub async fn fetch(client: &Client, org: &str, id: Uuid) -> Result<Details, Error> {
    let (member, profile, groups, sessions, permissions, catalog) = tokio::join!(
        client.member(org, id),
        client.member_profile(org, id),
        client.groups(org),
        client.member_sessions(org, id, Some(SESSIONS_PAGE), None),
        client.member_permissions(org, id),
        client.catalog(),
    );
    let member = member?;
    let groups = Part::from_result(groups)?;
    let groups = match groups {
        Part::Ready(all) => Part::Ready(
            member
                .groups
                .iter()
                .filter_map(|mine| all.iter().find(|g| g.id == mine.id).cloned())
                .collect(),
        ),
        Part::Refused { code, detail } => Part::Refused { code, detail },
    };
    // Names are a nicety: without the catalog the sheet shows product ids.
    let products = catalog
        .map(|c| c.products.into_iter().map(|p| (p.id, p.name)).collect())
        .unwrap_or_default();
    Ok(Details {
        profile: Part::from_result(profile)?,
        groups,
        sessions: match Part::from_result(sessions)? {
            Part::Ready(page) => Part::Ready(page.into()),
            Part::Refused { code, detail } => Part::Refused { code, detail },
        },
        permissions: Part::from_result(permissions)?,
        products,
        member,
    })
}
