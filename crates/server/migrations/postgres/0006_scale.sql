-- Organizations of a million members (issue 12).
-- A search probes one member's words: (account_id, token) answers it from the index alone.
CREATE INDEX account_search_by_account ON account_search(account_id, token);
DROP INDEX account_search_account;
-- An account's groups across its organizations (/me/organizations).
CREATE INDEX group_members_account ON group_members(account_id, group_id);
