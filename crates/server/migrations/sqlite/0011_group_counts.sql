-- How many members each group has (rows of group_members, in force or past
-- their end: what a list filtered by the group walks), kept by triggers on
-- every write path: a broad group filter's total is read from it ("about
-- 1,000,000") instead of a bounded count and a sample of members probed one
-- by one, and a group's count says whether its members are few enough to
-- count exactly. A group without a row has none. The member counts the
-- groups themselves show leave out memberships past their end: not these.
CREATE TABLE group_member_counts (
    group_id TEXT NOT NULL PRIMARY KEY REFERENCES org_groups(id) ON DELETE CASCADE,
    members BIGINT NOT NULL
) WITHOUT ROWID;

INSERT INTO group_member_counts (group_id, members)
SELECT group_id, count(*) FROM group_members GROUP BY group_id;

-- SQLite has one writer: a row trigger cannot deadlock, and each is an
-- update of one row of a small table.
CREATE TRIGGER group_members_counted_insert AFTER INSERT ON group_members
BEGIN
    INSERT OR IGNORE INTO group_member_counts (group_id, members) VALUES (NEW.group_id, 0);
    UPDATE group_member_counts SET members = members + 1 WHERE group_id = NEW.group_id;
END;

CREATE TRIGGER group_members_counted_delete AFTER DELETE ON group_members
BEGIN
    UPDATE group_member_counts SET members = members - 1 WHERE group_id = OLD.group_id;
END;
