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
);

INSERT INTO group_member_counts (group_id, members)
SELECT group_id, count(*) FROM group_members GROUP BY group_id;

-- Statement triggers: a bulk change of 10,000 memberships updates each
-- group's row once, not 10,000 times, and always in group id order, so two
-- bulk changes of the same groups wait for each other instead of
-- deadlocking. (A cascade from a deleted membership or group fires them
-- once for its whole statement too.)
CREATE FUNCTION group_members_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO group_member_counts (group_id, members)
    SELECT group_id, count(*) FROM added GROUP BY group_id ORDER BY group_id
    ON CONFLICT (group_id) DO UPDATE SET members = group_member_counts.members + EXCLUDED.members;
    RETURN NULL;
END;
$$;

-- An update only: the row of a group going in the same statement is not
-- made again.
CREATE FUNCTION group_members_counted_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone RECORD;
BEGIN
    FOR gone IN SELECT group_id, count(*) AS n FROM removed GROUP BY group_id ORDER BY group_id LOOP
        UPDATE group_member_counts SET members = members - gone.n WHERE group_id = gone.group_id;
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE TRIGGER group_members_counted_insert AFTER INSERT ON group_members
REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION group_members_counted_insert();

CREATE TRIGGER group_members_counted_delete AFTER DELETE ON group_members
REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION group_members_counted_delete();
