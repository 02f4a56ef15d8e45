-- Broad member lists at a million members (issue 12): walked in the order
-- they are shown, one index range each, never a scan of the matches.
--
-- member_words: an organization's members by each word of theirs that a
-- search word can prefix (account_search's words without the whole address
-- and the domain: a query word holds no '@' or '.', and every address piece
-- is a word of its own), in name order. group_order: a group's members in
-- name order. Both are kept by the triggers below on every write path; a
-- list still joins memberships (same sort_name) and group_members, so a row
-- left behind by an unusual cascade order is never shown, only skipped.
CREATE TABLE member_words (
    org_id TEXT NOT NULL,
    token TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (org_id, token, sort_name, account_id)
) WITHOUT ROWID;

CREATE TABLE group_order (
    group_id TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (group_id, sort_name, account_id)
) WITHOUT ROWID;

INSERT INTO member_words (org_id, token, sort_name, account_id)
SELECT m.org_id, s.token, m.sort_name, m.account_id
FROM memberships m JOIN account_search s ON s.account_id = m.account_id
WHERE instr(s.token, '@') = 0 AND instr(s.token, '.') = 0
ORDER BY 1, 2, 3, 4;

INSERT INTO group_order (group_id, sort_name, account_id)
SELECT gm.group_id, m.sort_name, gm.account_id
FROM group_members gm JOIN memberships m ON m.org_id = gm.org_id AND m.account_id = gm.account_id
ORDER BY 1, 2, 3;

CREATE TRIGGER member_order_join AFTER INSERT ON memberships
BEGIN
    INSERT OR IGNORE INTO member_words (org_id, token, sort_name, account_id)
    SELECT NEW.org_id, s.token, NEW.sort_name, NEW.account_id FROM account_search s
    WHERE s.account_id = NEW.account_id AND instr(s.token, '@') = 0 AND instr(s.token, '.') = 0;
END;

CREATE TRIGGER member_order_leave AFTER DELETE ON memberships
BEGIN
    DELETE FROM member_words WHERE org_id = OLD.org_id AND sort_name = OLD.sort_name
        AND account_id = OLD.account_id
        AND token IN (SELECT s.token FROM account_search s WHERE s.account_id = OLD.account_id);
    DELETE FROM group_order WHERE sort_name = OLD.sort_name AND account_id = OLD.account_id
        AND group_id IN (SELECT g.id FROM org_groups g WHERE g.org_id = OLD.org_id);
END;

CREATE TRIGGER member_order_rename AFTER UPDATE OF sort_name ON memberships
WHEN OLD.sort_name <> NEW.sort_name
BEGIN
    DELETE FROM member_words WHERE org_id = OLD.org_id AND sort_name = OLD.sort_name
        AND account_id = OLD.account_id
        AND token IN (SELECT s.token FROM account_search s WHERE s.account_id = OLD.account_id);
    INSERT OR IGNORE INTO member_words (org_id, token, sort_name, account_id)
    SELECT NEW.org_id, s.token, NEW.sort_name, NEW.account_id FROM account_search s
    WHERE s.account_id = NEW.account_id AND instr(s.token, '@') = 0 AND instr(s.token, '.') = 0;
    DELETE FROM group_order WHERE sort_name = OLD.sort_name AND account_id = OLD.account_id
        AND group_id IN (SELECT g.id FROM org_groups g WHERE g.org_id = OLD.org_id);
    INSERT OR IGNORE INTO group_order (group_id, sort_name, account_id)
    SELECT gm.group_id, NEW.sort_name, NEW.account_id FROM group_members gm
    WHERE gm.org_id = NEW.org_id AND gm.account_id = NEW.account_id;
END;

CREATE TRIGGER member_order_word_added AFTER INSERT ON account_search
WHEN instr(NEW.token, '@') = 0 AND instr(NEW.token, '.') = 0
BEGIN
    INSERT OR IGNORE INTO member_words (org_id, token, sort_name, account_id)
    SELECT m.org_id, NEW.token, m.sort_name, NEW.account_id FROM memberships m
    WHERE m.account_id = NEW.account_id;
END;

CREATE TRIGGER member_order_word_removed AFTER DELETE ON account_search
BEGIN
    DELETE FROM member_words WHERE (org_id, token, sort_name, account_id) IN
        (SELECT m.org_id, OLD.token, m.sort_name, OLD.account_id FROM memberships m
         WHERE m.account_id = OLD.account_id);
END;

CREATE TRIGGER member_order_group_added AFTER INSERT ON group_members
BEGIN
    INSERT OR IGNORE INTO group_order (group_id, sort_name, account_id)
    SELECT NEW.group_id, m.sort_name, NEW.account_id FROM memberships m
    WHERE m.org_id = NEW.org_id AND m.account_id = NEW.account_id;
END;

CREATE TRIGGER member_order_group_removed AFTER DELETE ON group_members
BEGIN
    DELETE FROM group_order WHERE group_id = OLD.group_id AND account_id = OLD.account_id
        AND sort_name IN (SELECT m.sort_name FROM memberships m
                          WHERE m.org_id = OLD.org_id AND m.account_id = OLD.account_id);
END;
