-- Organizations of a million members (issue 12).
--
-- The word index carries each account's sort keys (as its memberships hold
-- them): a broad search sorted by name or address finds the first and last
-- key of its matches from the index alone, and walks only that part of an
-- organization. Rebuilt WITHOUT ROWID: the range scan reads the keys in place.
CREATE TABLE account_search_new (
    token TEXT NOT NULL,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    sort_name TEXT NOT NULL DEFAULT '',
    sort_email TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (token, account_id)
) WITHOUT ROWID;
INSERT INTO account_search_new (token, account_id, sort_name, sort_email)
SELECT s.token, s.account_id,
       COALESCE((SELECT MIN(m.sort_name) FROM memberships m WHERE m.account_id = s.account_id), ''),
       COALESCE((SELECT MIN(m.sort_email) FROM memberships m WHERE m.account_id = s.account_id), '')
FROM account_search s;
DROP TABLE account_search;
ALTER TABLE account_search_new RENAME TO account_search;
-- A search probes one member's words: (account_id, token) answers it from the index alone.
CREATE INDEX account_search_by_account ON account_search(account_id, token);
-- An account's groups across its organizations (/me/organizations).
CREATE INDEX group_members_account ON group_members(account_id, group_id);
