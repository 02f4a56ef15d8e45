-- The platform's record of what each organization owes and paid.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    provider TEXT NOT NULL,
    provider_ref TEXT NOT NULL,
    checkout_url TEXT NOT NULL,
    status TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    decline_reason TEXT,
    paid_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX payments_by_org ON payments(org_id, created_at);

-- Provider events already applied: a repeated event id is a no-op.
CREATE TABLE webhook_events (
    event_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

-- The sandbox provider's own books, as a card processor would keep them.
CREATE TABLE sandbox_checkouts (
    token_hash TEXT PRIMARY KEY,
    payment_id TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    currency TEXT NOT NULL,
    status TEXT NOT NULL,
    card_last4 TEXT,
    charged_at BIGINT,
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sales_quotes (
    id TEXT PRIMARY KEY,
    account_id TEXT REFERENCES accounts(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    company TEXT NOT NULL,
    products TEXT NOT NULL,
    seats BIGINT NOT NULL,
    message TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
