-- How many of an organization's members have each word of member_words
-- (migration 0008), kept by a trigger on every write path: a broad search's
-- total is read from it ("about 62,000") instead of estimated from a sample
-- of members probed one by one, and a word's count in this organization
-- says whether its matches are few enough to count exactly.
CREATE TABLE member_word_counts (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    members BIGINT NOT NULL,
    PRIMARY KEY (org_id, token)
);

INSERT INTO member_word_counts (org_id, token, members)
SELECT org_id, token, count(*) FROM member_words GROUP BY org_id, token;

-- A word nobody has any more leaves no row: each row of a prefix range is
-- at least one member.
CREATE FUNCTION member_words_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE member_word_counts SET members = members - 1 WHERE org_id = OLD.org_id AND token = OLD.token;
        DELETE FROM member_word_counts WHERE org_id = OLD.org_id AND token = OLD.token AND members <= 0;
    ELSE
        INSERT INTO member_word_counts (org_id, token, members) VALUES (NEW.org_id, NEW.token, 1)
        ON CONFLICT (org_id, token) DO UPDATE SET members = member_word_counts.members + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER member_words_counted AFTER INSERT OR DELETE ON member_words
FOR EACH ROW EXECUTE FUNCTION member_words_counted();
