-- Organizations of a million members (issue 12).
--
-- The word index carries each account's sort keys (as its memberships hold
-- them): a broad search sorted by name or address finds the first and last
-- key of its matches from the index alone, and walks only that part of an
-- organization.
ALTER TABLE account_search ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE account_search ADD COLUMN sort_email TEXT NOT NULL DEFAULT '';
UPDATE account_search s SET
    sort_name = COALESCE((SELECT MIN(m.sort_name) FROM memberships m WHERE m.account_id = s.account_id), ''),
    sort_email = COALESCE((SELECT MIN(m.sort_email) FROM memberships m WHERE m.account_id = s.account_id), '');
CREATE INDEX account_search_keys ON account_search(token) INCLUDE (sort_name, sort_email);
-- A search probes one member's words: (account_id, token) answers it from the index alone.
CREATE INDEX account_search_by_account ON account_search(account_id, token);
DROP INDEX account_search_account;
-- An account's groups across its organizations (/me/organizations).
CREATE INDEX group_members_account ON group_members(account_id, group_id);
