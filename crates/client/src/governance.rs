//! Governance: suspending many members, group managers, permission
//! snapshots and their diffs.

use orgdesk_api::{
    AccessReview, BulkSuspend, BulkSuspendResult, CompleteReview, CreateAccessReview,
    CreateSnapshot, DecisionBatch, DecisionResults, GroupManagers, Page, PermissionSnapshot,
    ReviewCompletion, ReviewItem, SnapshotDetail, SnapshotDiff,
};
use reqwest::Method;
use serde::Serialize;
use uuid::Uuid;

use crate::paths::org_path;
use crate::{Client, Error};

#[derive(Serialize)]
struct Format<'a> {
    format: &'a str,
}

#[derive(Serialize)]
struct PageQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cursor: Option<&'a str>,
}

impl Client {
    /// Suspends many members in one transaction (or, with `dry_run`, says
    /// who would be suspended and the seats that would free).
    pub async fn suspend_members(
        &self,
        org: &str,
        req: &BulkSuspend,
    ) -> Result<BulkSuspendResult, Error> {
        self.json(
            self.request(Method::POST, &org_path(org, "/members/suspend")?)
                .json(req),
        )
        .await
    }

    /// The accounts that manage a group's members.
    pub async fn group_managers(&self, org: &str, group: Uuid) -> Result<GroupManagers, Error> {
        self.json(self.request(
            Method::GET,
            &org_path(org, &format!("/groups/{group}/managers"))?,
        ))
        .await
    }

    /// Names a group's managers (the whole list).
    pub async fn set_group_managers(
        &self,
        org: &str,
        group: Uuid,
        req: &GroupManagers,
    ) -> Result<GroupManagers, Error> {
        self.json(
            self.request(
                Method::PUT,
                &org_path(org, &format!("/groups/{group}/managers"))?,
            )
            .json(req),
        )
        .await
    }

    /// Records who holds which permission through which groups now.
    pub async fn take_permission_snapshot(
        &self,
        org: &str,
        req: &CreateSnapshot,
    ) -> Result<PermissionSnapshot, Error> {
        self.json(
            self.request(Method::POST, &org_path(org, "/permission-snapshots")?)
                .json(req),
        )
        .await
    }

    /// One page of the organization's snapshots, newest first: `cursor` is
    /// the previous page's `next_cursor` (`None` for the first page).
    pub async fn permission_snapshots(
        &self,
        org: &str,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<PermissionSnapshot>, Error> {
        self.json(
            self.request(Method::GET, &org_path(org, "/permission-snapshots")?)
                .query(&PageQuery { limit, cursor }),
        )
        .await
    }

    /// One snapshot with every grant.
    pub async fn permission_snapshot(&self, org: &str, id: Uuid) -> Result<SnapshotDetail, Error> {
        self.json(self.request(
            Method::GET,
            &org_path(org, &format!("/permission-snapshots/{id}"))?,
        ))
        .await
    }

    /// One snapshot's grants as CSV.
    pub async fn permission_snapshot_csv(&self, org: &str, id: Uuid) -> Result<Vec<u8>, Error> {
        self.execute(
            self.request(
                Method::GET,
                &org_path(org, &format!("/permission-snapshots/{id}"))?,
            )
            .query(&Format { format: "csv" }),
        )
        .await
        .map(|(_, body)| body)
    }

    /// What each member gained and lost from snapshot `from` to snapshot
    /// `to`, or to now when `to` is `None`.
    pub async fn permission_snapshot_diff(
        &self,
        org: &str,
        from: Uuid,
        to: Option<Uuid>,
    ) -> Result<SnapshotDiff, Error> {
        let to = to.map_or_else(|| "now".to_string(), |id| id.to_string());
        self.json(self.request(
            Method::GET,
            &org_path(org, &format!("/permission-snapshots/{from}/diff/{to}"))?,
        ))
        .await
    }

    /// Starts an access review campaign.
    pub async fn create_access_review(
        &self,
        org: &str,
        req: &CreateAccessReview,
    ) -> Result<AccessReview, Error> {
        self.json(
            self.request(Method::POST, &org_path(org, "/access-reviews")?)
                .json(req),
        )
        .await
    }

    /// One page of the campaigns, newest first (those the caller reviews,
    /// without `org.reviews.manage`): `cursor` is the previous page's
    /// `next_cursor` (`None` for the first page).
    pub async fn access_reviews(
        &self,
        org: &str,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<AccessReview>, Error> {
        self.json(
            self.request(Method::GET, &org_path(org, "/access-reviews")?)
                .query(&PageQuery { limit, cursor }),
        )
        .await
    }

    /// One campaign.
    pub async fn access_review(&self, org: &str, id: Uuid) -> Result<AccessReview, Error> {
        self.json(self.request(
            Method::GET,
            &org_path(org, &format!("/access-reviews/{id}"))?,
        ))
        .await
    }

    /// One page of a campaign's items.
    pub async fn access_review_items(
        &self,
        org: &str,
        id: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<ReviewItem>, Error> {
        self.json(
            self.request(
                Method::GET,
                &org_path(org, &format!("/access-reviews/{id}/items"))?,
            )
            .query(&PageQuery { limit, cursor }),
        )
        .await
    }

    /// Sends decisions, each against the item version read; changed items
    /// come back as conflicts.
    pub async fn decide_access_review(
        &self,
        org: &str,
        id: Uuid,
        req: &DecisionBatch,
    ) -> Result<DecisionResults, Error> {
        self.json(
            self.request(
                Method::POST,
                &org_path(org, &format!("/access-reviews/{id}/decisions"))?,
            )
            .json(req),
        )
        .await
    }

    /// Completes a campaign (or, with `dry_run`, says what it would change).
    pub async fn complete_access_review(
        &self,
        org: &str,
        id: Uuid,
        req: &CompleteReview,
    ) -> Result<ReviewCompletion, Error> {
        self.json(
            self.request(
                Method::POST,
                &org_path(org, &format!("/access-reviews/{id}/complete"))?,
            )
            .json(req),
        )
        .await
    }

    /// A campaign's report as CSV: who decided what, when.
    pub async fn access_review_report_csv(&self, org: &str, id: Uuid) -> Result<Vec<u8>, Error> {
        self.execute(
            self.request(
                Method::GET,
                &org_path(org, &format!("/access-reviews/{id}/report"))?,
            )
            .query(&Format { format: "csv" }),
        )
        .await
        .map(|(_, body)| body)
    }
}
