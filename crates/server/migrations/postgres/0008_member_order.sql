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
);

CREATE TABLE group_order (
    group_id TEXT NOT NULL,
    sort_name TEXT NOT NULL,
    account_id TEXT NOT NULL,
    PRIMARY KEY (group_id, sort_name, account_id)
);

INSERT INTO member_words (org_id, token, sort_name, account_id)
SELECT m.org_id, s.token, m.sort_name, m.account_id
FROM memberships m JOIN account_search s ON s.account_id = m.account_id
WHERE strpos(s.token, '@') = 0 AND strpos(s.token, '.') = 0
ON CONFLICT DO NOTHING;

INSERT INTO group_order (group_id, sort_name, account_id)
SELECT gm.group_id, m.sort_name, gm.account_id
FROM group_members gm JOIN memberships m ON m.org_id = gm.org_id AND m.account_id = gm.account_id
ON CONFLICT DO NOTHING;

CREATE FUNCTION member_order_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        DELETE FROM member_words WHERE org_id = OLD.org_id AND sort_name = OLD.sort_name
            AND account_id = OLD.account_id
            AND token IN (SELECT s.token FROM account_search s WHERE s.account_id = OLD.account_id);
        DELETE FROM group_order WHERE sort_name = OLD.sort_name AND account_id = OLD.account_id
            AND group_id IN (SELECT g.id FROM org_groups g WHERE g.org_id = OLD.org_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO member_words (org_id, token, sort_name, account_id)
        SELECT NEW.org_id, s.token, NEW.sort_name, NEW.account_id FROM account_search s
        WHERE s.account_id = NEW.account_id AND strpos(s.token, '@') = 0 AND strpos(s.token, '.') = 0
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO group_order (group_id, sort_name, account_id)
        SELECT gm.group_id, NEW.sort_name, NEW.account_id FROM group_members gm
        WHERE gm.org_id = NEW.org_id AND gm.account_id = NEW.account_id
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER member_order_join_leave AFTER INSERT OR DELETE ON memberships
FOR EACH ROW EXECUTE FUNCTION member_order_membership();

CREATE TRIGGER member_order_rename AFTER UPDATE OF sort_name ON memberships
FOR EACH ROW WHEN (OLD.sort_name IS DISTINCT FROM NEW.sort_name) EXECUTE FUNCTION member_order_membership();

CREATE FUNCTION member_order_word() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM member_words WHERE (org_id, token, sort_name, account_id) IN
            (SELECT m.org_id, OLD.token, m.sort_name, OLD.account_id FROM memberships m
             WHERE m.account_id = OLD.account_id);
    ELSIF strpos(NEW.token, '@') = 0 AND strpos(NEW.token, '.') = 0 THEN
        INSERT INTO member_words (org_id, token, sort_name, account_id)
        SELECT m.org_id, NEW.token, m.sort_name, NEW.account_id FROM memberships m
        WHERE m.account_id = NEW.account_id
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER member_order_word AFTER INSERT OR DELETE ON account_search
FOR EACH ROW EXECUTE FUNCTION member_order_word();

CREATE FUNCTION member_order_group() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM group_order WHERE group_id = OLD.group_id AND account_id = OLD.account_id
            AND sort_name IN (SELECT m.sort_name FROM memberships m
                              WHERE m.org_id = OLD.org_id AND m.account_id = OLD.account_id);
    ELSE
        INSERT INTO group_order (group_id, sort_name, account_id)
        SELECT NEW.group_id, m.sort_name, NEW.account_id FROM memberships m
        WHERE m.org_id = NEW.org_id AND m.account_id = NEW.account_id
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER member_order_group AFTER INSERT OR DELETE ON group_members
FOR EACH ROW EXECUTE FUNCTION member_order_group();
