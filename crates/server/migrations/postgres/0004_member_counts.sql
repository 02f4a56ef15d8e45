-- Members per organization and status, kept by a trigger on every write path,
-- so a large organization's totals are read, not counted.
CREATE TABLE org_member_counts (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    members BIGINT NOT NULL,
    PRIMARY KEY (org_id, status)
);

INSERT INTO org_member_counts (org_id, status, members)
SELECT org_id, status, count(*) FROM memberships GROUP BY org_id, status;

CREATE FUNCTION memberships_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE org_member_counts SET members = members - 1 WHERE org_id = OLD.org_id AND status = OLD.status;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO org_member_counts (org_id, status, members) VALUES (NEW.org_id, NEW.status, 1)
        ON CONFLICT (org_id, status) DO UPDATE SET members = org_member_counts.members + 1;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER memberships_counted_insert_delete AFTER INSERT OR DELETE ON memberships
FOR EACH ROW EXECUTE FUNCTION memberships_counted();

CREATE TRIGGER memberships_counted_status AFTER UPDATE OF status ON memberships
FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION memberships_counted();
