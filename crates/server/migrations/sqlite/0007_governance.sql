-- Governance (issue 17). 0006 is taken by the scale branch.

-- Expiring access: from expires_at on, a membership grants nothing (the
-- permission queries say so); the sweeper then removes it. added_by says
-- who put the member in (access reviews show it).
ALTER TABLE group_members ADD COLUMN expires_at BIGINT;
ALTER TABLE group_members ADD COLUMN added_by TEXT;
CREATE INDEX group_members_expiry ON group_members(expires_at) WHERE expires_at IS NOT NULL;

-- Members who manage a group's members without org.groups.manage.
CREATE TABLE group_managers (
    group_id TEXT NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, account_id),
    FOREIGN KEY (org_id, account_id) REFERENCES memberships(org_id, account_id) ON DELETE CASCADE
);
CREATE INDEX group_managers_member ON group_managers(org_id, account_id);

-- Who held which permission through which group, at a time. Names and
-- emails are copied: the record stays what it was when people change.
CREATE TABLE permission_snapshots (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT,
    taken_by TEXT,
    taken_at BIGINT NOT NULL,
    members BIGINT NOT NULL,
    grants BIGINT NOT NULL
);
CREATE INDEX permission_snapshots_org ON permission_snapshots(org_id, taken_at, id);

CREATE TABLE permission_snapshot_grants (
    snapshot_id TEXT NOT NULL REFERENCES permission_snapshots(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    permission TEXT NOT NULL,
    group_id TEXT NOT NULL,
    group_name TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, account_id, permission, group_id)
);

-- Admin holds every permission of its organization: the new one too.
INSERT INTO group_permissions (group_id, permission)
SELECT id, 'org.reviews.manage' FROM org_groups WHERE builtin = 1 AND name = 'Admin'
ON CONFLICT DO NOTHING;

-- Access reviews: a campaign's items are member × group as they stood when
-- it started; each decision bumps the item's version, so a decision sent
-- against an older version is a conflict, never an overwrite.
CREATE TABLE access_reviews (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    completed_by TEXT,
    completed_at BIGINT
);
CREATE INDEX access_reviews_org ON access_reviews(org_id, created_at, id);

CREATE TABLE access_review_reviewers (
    review_id TEXT NOT NULL REFERENCES access_reviews(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    PRIMARY KEY (review_id, account_id)
);

CREATE TABLE access_review_items (
    id TEXT PRIMARY KEY,
    review_id TEXT NOT NULL REFERENCES access_reviews(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    group_id TEXT NOT NULL,
    group_name TEXT NOT NULL,
    permissions TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    added_by TEXT,
    decision TEXT,
    decision_expires_at BIGINT,
    decided_by TEXT,
    decided_at BIGINT,
    outcome TEXT,
    version BIGINT NOT NULL
);
CREATE INDEX access_review_items_review ON access_review_items(review_id, email, group_name, id);
