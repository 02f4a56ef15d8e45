//! Invitations, member administration, pictures and the audit log.

use orgdesk_api::{
    AcceptInvitation, AuditEntry, AuditQuery, AuthResponse, Invitation, InvitationPreview,
    InvitationQuery, InviteRequest, InviteResponse, Member, OrgOverview, Page, Profile,
};
use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use uuid::Uuid;

use crate::paths::{org_path, segment};
use crate::{Client, Error};

impl Client {
    // ---- Invitations -----------------------------------------------------

    /// Invites many addresses; one result per address, in order.
    pub async fn invite(&self, org: &str, req: &InviteRequest) -> Result<InviteResponse, Error> {
        self.json(
            self.request(Method::POST, &org_path(org, "/invitations")?)
                .json(req),
        )
        .await
    }

    pub async fn invitations(
        &self,
        org: &str,
        query: &InvitationQuery,
    ) -> Result<Page<Invitation>, Error> {
        self.json(
            self.request(Method::GET, &org_path(org, "/invitations")?)
                .query(query),
        )
        .await
    }

    /// Mails a new link; the old one stops working.
    pub async fn resend_invitation(&self, org: &str, id: Uuid) -> Result<Invitation, Error> {
        self.json(self.request(
            Method::POST,
            &org_path(org, &format!("/invitations/{id}/resend"))?,
        ))
        .await
    }

    pub async fn revoke_invitation(&self, org: &str, id: Uuid) -> Result<(), Error> {
        self.empty(self.request(
            Method::DELETE,
            &org_path(org, &format!("/invitations/{id}"))?,
        ))
        .await
    }

    /// What an invitation link is for (no sign-in needed).
    pub async fn invitation_preview(&self, token: &str) -> Result<InvitationPreview, Error> {
        self.json(self.request(
            Method::GET,
            &format!("/api/v1/invitations/{}", segment(token)?),
        ))
        .await
    }

    /// Accepts an invitation: registers (or signs in) and joins.
    pub async fn accept_invitation(
        &self,
        token: &str,
        req: &AcceptInvitation,
    ) -> Result<AuthResponse, Error> {
        self.json(
            self.request(
                Method::POST,
                &format!("/api/v1/invitations/{}/accept", segment(token)?),
            )
            .json(req),
        )
        .await
    }

    // ---- Member administration ---------------------------------------------

    pub async fn suspend_member(&self, org: &str, account: Uuid) -> Result<Member, Error> {
        self.json(self.request(
            Method::POST,
            &org_path(org, &format!("/members/{account}/suspend"))?,
        ))
        .await
    }

    pub async fn reactivate_member(&self, org: &str, account: Uuid) -> Result<Member, Error> {
        self.json(self.request(
            Method::POST,
            &org_path(org, &format!("/members/{account}/reactivate"))?,
        ))
        .await
    }

    /// The member must choose a new password at the next sign-in; their sessions end.
    pub async fn force_password_reset(&self, org: &str, account: Uuid) -> Result<(), Error> {
        self.empty(self.request(
            Method::POST,
            &org_path(org, &format!("/members/{account}/force-password-reset"))?,
        ))
        .await
    }

    /// The overview's figures in one answer: seats, sign-ins per day,
    /// invitations, dormant members and the latest audit entries.
    pub async fn overview(&self, org: &str) -> Result<OrgOverview, Error> {
        self.json(self.request(Method::GET, &org_path(org, "/overview")?))
            .await
    }

    pub async fn audit_log(
        &self,
        org: &str,
        query: &AuditQuery,
    ) -> Result<Page<AuditEntry>, Error> {
        self.json(
            self.request(Method::GET, &org_path(org, "/audit-log")?)
                .query(query),
        )
        .await
    }

    /// The audit log as CSV (every entry matching the filters).
    pub async fn audit_log_csv(&self, org: &str, query: &AuditQuery) -> Result<Vec<u8>, Error> {
        let query = AuditQuery {
            format: Some("csv".into()),
            cursor: None,
            limit: None,
            ..query.clone()
        };
        self.execute(
            self.request(Method::GET, &org_path(org, "/audit-log")?)
                .query(&query),
        )
        .await
        .map(|(_, body)| body)
    }

    // ---- Pictures ----------------------------------------------------------

    /// Uploads a profile picture (PNG, JPEG or WebP bytes).
    pub async fn upload_avatar(&self, bytes: Vec<u8>) -> Result<Profile, Error> {
        self.json(
            self.request(Method::PUT, "/api/v1/me/avatar")
                .header(CONTENT_TYPE, "application/octet-stream")
                .body(bytes),
        )
        .await
    }

    pub async fn delete_avatar(&self) -> Result<(), Error> {
        self.empty(self.request(Method::DELETE, "/api/v1/me/avatar"))
            .await
    }

    /// An account's picture: PNG bytes.
    pub async fn avatar(&self, account: Uuid) -> Result<Vec<u8>, Error> {
        self.execute(self.request(Method::GET, &format!("/api/v1/accounts/{account}/avatar")))
            .await
            .map(|(_, body)| body)
    }
}

impl Client {
    /// What an admin sees of a member beyond the list's row: contact
    /// details, job, whether a password reset is pending, and since when
    /// the membership has its status.
    pub async fn member_profile(
        &self,
        org: &str,
        account: Uuid,
    ) -> Result<orgdesk_api::MemberProfile, Error> {
        self.json(self.request(
            Method::GET,
            &org_path(org, &format!("/members/{account}/profile"))?,
        ))
        .await
    }
}
