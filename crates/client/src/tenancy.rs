//! The tenant boundary: an organization's verified domains, leaving an
//! organization, signing a member out of one.

use orgdesk_api::{ClaimDomain, Domain, SignedOut};
use reqwest::Method;
use uuid::Uuid;

use crate::paths::{org_path, segment};
use crate::{Client, Error};

impl Client {
    /// The organization's claimed domains (`org.domains.manage`).
    pub async fn domains(&self, org: &str) -> Result<Vec<Domain>, Error> {
        self.json(self.request(Method::GET, &org_path(org, "/domains")?))
            .await
    }

    /// Claims a domain; the answer names the TXT record to publish.
    pub async fn claim_domain(&self, org: &str, domain: &str) -> Result<Domain, Error> {
        let body = ClaimDomain {
            domain: domain.to_owned(),
        };
        self.json(
            self.request(Method::POST, &org_path(org, "/domains")?)
                .json(&body),
        )
        .await
    }

    /// Asks the platform to look the claim's TXT record up now.
    pub async fn verify_domain(&self, org: &str, id: Uuid) -> Result<Domain, Error> {
        self.json(self.request(
            Method::POST,
            &org_path(org, &format!("/domains/{id}/verify"))?,
        ))
        .await
    }

    /// Gives a domain up: its accounts are no longer managed by the organization.
    pub async fn delete_domain(&self, org: &str, id: Uuid) -> Result<(), Error> {
        self.empty(self.request(Method::DELETE, &org_path(org, &format!("/domains/{id}"))?))
            .await
    }

    /// The signed-in account leaves the organization (`org`: id or subdomain).
    pub async fn leave_organization(&self, org: &str) -> Result<(), Error> {
        self.empty(self.request(
            Method::DELETE,
            &format!("/api/v1/me/organizations/{}", segment(org)?),
        ))
        .await
    }

    /// Signs a member out of this organization only.
    pub async fn sign_out_member(&self, org: &str, account: Uuid) -> Result<SignedOut, Error> {
        self.json(self.request(
            Method::POST,
            &org_path(org, &format!("/members/{account}/sign-out"))?,
        ))
        .await
    }
}
