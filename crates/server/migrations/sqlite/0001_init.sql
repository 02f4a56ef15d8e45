CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    email_verified INTEGER NOT NULL DEFAULT 0,
    pending_email TEXT,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    phone TEXT,
    job_title TEXT,
    department TEXT,
    address TEXT,
    avatar_version BIGINT,
    language TEXT,
    password_reset_required INTEGER NOT NULL DEFAULT 0,
    last_login_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE account_search (
    token TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (token, account_id)
);
CREATE INDEX account_search_account ON account_search(account_id);

CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    purpose TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX email_tokens_account ON email_tokens(account_id);

CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    subdomain TEXT NOT NULL UNIQUE,
    country TEXT NOT NULL,
    vat_id TEXT,
    address TEXT NOT NULL,
    billing_email TEXT NOT NULL,
    status TEXT NOT NULL,
    seat_limit BIGINT NOT NULL,
    package_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_by TEXT NOT NULL REFERENCES accounts(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE org_products (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    product TEXT NOT NULL,
    package TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (org_id, product)
);

CREATE TABLE memberships (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    sort_email TEXT NOT NULL,
    joined_at BIGINT NOT NULL,
    suspended_at BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, account_id)
);
CREATE INDEX memberships_account ON memberships(account_id);
CREATE INDEX memberships_by_name ON memberships(org_id, sort_name, account_id);
CREATE INDEX memberships_by_email ON memberships(org_id, sort_email, account_id);
CREATE INDEX memberships_by_joined ON memberships(org_id, joined_at, account_id);
CREATE INDEX memberships_by_status_name ON memberships(org_id, status, sort_name, account_id);
CREATE INDEX memberships_by_updated ON memberships(org_id, updated_at);

CREATE TABLE org_groups (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    description TEXT NOT NULL,
    builtin INTEGER NOT NULL,
    product TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (org_id, name_key)
);

CREATE TABLE group_permissions (
    group_id TEXT NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    PRIMARY KEY (group_id, permission)
);

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, account_id),
    FOREIGN KEY (org_id, account_id) REFERENCES memberships(org_id, account_id) ON DELETE CASCADE
);
CREATE INDEX group_members_member ON group_members(org_id, account_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    org_id TEXT REFERENCES orgs(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    ip TEXT,
    location TEXT,
    device TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_account ON sessions(account_id, created_at);

CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_start BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    org_id TEXT REFERENCES orgs(id) ON DELETE CASCADE,
    actor_id TEXT,
    action TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    ip TEXT,
    detail TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX audit_log_org ON audit_log(org_id, created_at, id);
