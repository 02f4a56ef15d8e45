//! The callers this instance resolved, by token and organization: the
//! account and organization rows and the permission sets worked out from
//! the products and the caller's groups, with the stamps they were read at
//! (migration 0014). A request hands the stamps to the statement that finds
//! its caller ([`auth::org_caller`]), which always runs — one round trip —
//! and returns again only the parts whose stamps moved. Nothing here is
//! believed without that statement's word: a write on any instance changes
//! the stamps in its own transaction, so no instance can keep a stale
//! caller, and what is never kept (the session, the membership's status,
//! where the session was used) is read every time.

use std::sync::Arc;

use quick_cache::sync::Cache;

use crate::domain::catalog::Catalog;
use crate::domain::permissions::PermissionSet;
use crate::store::accounts::AccountRow;
use crate::store::auth::{InOrg, Known, OrgKey, listed};
use crate::store::orgs::OrgRow;

/// Callers kept per instance (one per token and organization in use).
const CAPACITY: usize = 16_384;

pub struct CallerCache(Cache<String, Arc<Resolved>>);

/// A caller as the statement's answers left it.
pub struct Resolved {
    pub account: Arc<AccountRow>,
    pub org: Arc<OrgRow>,
    /// What the organization's products allow at all.
    pub org_permissions: PermissionSet,
    /// The union over the caller's groups (within `org_permissions`).
    pub permissions: PermissionSet,
    stamps: Stamps,
}

/// The stamps a [`Resolved`] was read at.
#[derive(Debug, Clone, Copy)]
struct Stamps {
    account: i64,
    /// The organization's, which covers the caller's grants too.
    org: i64,
    /// When the first of the caller's group memberships ends by itself.
    grants_until: Option<i64>,
}

impl Stamps {
    /// What the next statement may leave out at `now` (ms): the grants only
    /// while none of them has ended since.
    fn known(self, now: i64) -> Known {
        Known {
            account: Some(self.account),
            org: Some(self.org),
            grants: self.grants_until.is_none_or(|until| now < until),
        }
    }
}

impl Resolved {
    pub fn known(&self, now: i64) -> Known {
        self.stamps.known(now)
    }
}

/// An answer left out a part although the kept caller is someone else's
/// (or there is none): never for stamps 0014's triggers write; the caller
/// is then looked up again without stamps.
#[derive(Debug)]
pub struct Mismatch;

impl Default for CallerCache {
    fn default() -> Self {
        Self(Cache::new(CAPACITY))
    }
}

impl CallerCache {
    pub fn key(token_hash: &str, org: &OrgKey) -> String {
        match org {
            OrgKey::Id(id) => format!("{token_hash}/{id}"),
            OrgKey::Subdomain(sub) => format!("{token_hash}/{sub}"),
        }
    }

    pub fn get(&self, key: &str) -> Option<Arc<Resolved>> {
        self.0.get(key)
    }

    pub fn forget(&self, key: &str) {
        self.0.remove(key);
    }

    /// The caller `found` describes, the parts it left out taken from
    /// `kept` (whose stamps the statement was given), and kept for next
    /// time when anything in it is new. `None` when the organization or the
    /// membership is missing: nothing to keep.
    pub fn resolve(
        &self,
        catalog: &Catalog,
        key: &str,
        kept: Option<&Arc<Resolved>>,
        found: &mut InOrg,
    ) -> Result<Option<Arc<Resolved>>, Mismatch> {
        let Some((org_id, org)) = found.org.as_mut() else {
            return Ok(None);
        };
        if found.membership.is_none() {
            return Ok(None);
        }
        let (account, org_row, grants) = (
            found.account.fresh.take(),
            org.fresh.take(),
            found.grants.take(),
        );
        if let Some(kept) = kept {
            if account.is_none() && kept.account.id != found.session.account_id
                || org_row.is_none() && kept.org.id != *org_id
            {
                return Err(Mismatch);
            }
            if account.is_none() && org_row.is_none() && grants.is_none() {
                return Ok(Some(Arc::clone(kept)));
            }
        }
        // A part left out comes from `kept`; without one, nothing may be.
        let org_permissions = match (found.products.as_deref(), kept) {
            (Some(products), _) => catalog.org_permissions(listed(products)),
            (None, Some(kept)) => kept.org_permissions.clone(),
            (None, None) => return Err(Mismatch),
        };
        let (permissions, grants_until) = match (grants, kept) {
            (Some(grants), _) => (
                catalog.member_permissions(&org_permissions, listed(&grants)),
                found.grants_until,
            ),
            (None, Some(kept)) => (kept.permissions.clone(), kept.stamps.grants_until),
            (None, None) => return Err(Mismatch),
        };
        let account = match (account, kept) {
            (Some(row), _) => Arc::new(row),
            (None, Some(kept)) => Arc::clone(&kept.account),
            (None, None) => return Err(Mismatch),
        };
        let org_row = match (org_row, kept) {
            (Some(row), _) => Arc::new(row),
            (None, Some(kept)) => Arc::clone(&kept.org),
            (None, None) => return Err(Mismatch),
        };
        let resolved = Arc::new(Resolved {
            account,
            org: org_row,
            org_permissions,
            permissions,
            stamps: Stamps {
                account: found.account.stamp,
                org: org.stamp,
                grants_until,
            },
        });
        self.0.insert(key.to_string(), Arc::clone(&resolved));
        Ok(Some(resolved))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_are_vouched_for_only_until_the_first_of_them_ends() {
        let stamps = |until| Stamps {
            account: 7,
            org: 8,
            grants_until: until,
        };
        assert_eq!(
            stamps(None).known(1_000),
            Known {
                account: Some(7),
                org: Some(8),
                grants: true
            }
        );
        assert!(stamps(Some(2_000)).known(1_999).grants);
        assert!(!stamps(Some(2_000)).known(2_000).grants);
        assert_eq!(stamps(Some(2_000)).known(2_000).org, Some(8));
        assert_eq!(stamps(Some(2_000)).known(2_000).account, Some(7));
    }
}
