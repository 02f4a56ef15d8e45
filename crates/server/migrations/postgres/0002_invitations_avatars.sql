CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    group_ids TEXT NOT NULL,
    status TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES accounts(id),
    language TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    accepted_by TEXT,
    revoked_at BIGINT
);
-- One open invitation per address and organization.
CREATE UNIQUE INDEX invitations_one_pending ON invitations(org_id, email) WHERE status = 'pending';
CREATE INDEX invitations_by_org ON invitations(org_id, created_at, id);
CREATE INDEX invitations_pending_expiry ON invitations(org_id, status, expires_at);

CREATE TABLE avatars (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX audit_log_org_action ON audit_log(org_id, action, created_at);
