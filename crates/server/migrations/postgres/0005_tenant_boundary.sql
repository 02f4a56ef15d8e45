-- Domains organizations claim and prove with a DNS TXT record. A verified
-- domain belongs to one organization; its accounts are managed by it.
CREATE TABLE org_domains (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    domain TEXT NOT NULL,
    status TEXT NOT NULL,
    txt_value TEXT NOT NULL,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    verified_at BIGINT,
    UNIQUE (org_id, domain)
);
CREATE UNIQUE INDEX org_domains_one_verifier ON org_domains(domain) WHERE status = 'verified';

-- Organizations a platform-wide session was used in: an admin sees only the
-- sessions that signed into or were used in their organization, and signs
-- them out of it alone (signed_out_at), never out of the others.
CREATE TABLE session_orgs (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    first_used_at BIGINT NOT NULL,
    signed_out_at BIGINT,
    PRIMARY KEY (session_id, org_id)
);
CREATE INDEX session_orgs_org ON session_orgs(org_id, session_id);
CREATE INDEX sessions_org ON sessions(org_id, account_id);

ALTER TABLE orgs ADD COLUMN auto_join_domains BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX orgs_unpaid ON orgs(status, created_at);
CREATE INDEX orgs_created_by ON orgs(created_by, status);

-- Admin holds every permission of its organization: the new platform ones too.
INSERT INTO group_permissions (group_id, permission)
SELECT id, 'org.domains.manage' FROM org_groups WHERE builtin = TRUE AND name = 'Admin'
ON CONFLICT DO NOTHING;
INSERT INTO group_permissions (group_id, permission)
SELECT id, 'org.members.contact.read' FROM org_groups WHERE builtin = TRUE AND name = 'Admin'
ON CONFLICT DO NOTHING;

-- Throttle keys are stored hashed from now on; old plain keys would never match.
DELETE FROM login_throttle;
CREATE INDEX login_throttle_expiry ON login_throttle(blocked_until, window_start);

-- Checkout links carry their checkout's secret: the provider keeps only its
-- hash and hands out a new link on each retry; none is kept here.
UPDATE payments SET checkout_url = '';
