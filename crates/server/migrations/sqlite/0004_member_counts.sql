-- Members per organization and status, kept by triggers on every write path,
-- so a large organization's totals are read, not counted.
CREATE TABLE org_member_counts (
    org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    members BIGINT NOT NULL,
    PRIMARY KEY (org_id, status)
);

INSERT INTO org_member_counts (org_id, status, members)
SELECT org_id, status, count(*) FROM memberships GROUP BY org_id, status;

CREATE TRIGGER memberships_counted_insert AFTER INSERT ON memberships
BEGIN
    INSERT OR IGNORE INTO org_member_counts (org_id, status, members) VALUES (NEW.org_id, NEW.status, 0);
    UPDATE org_member_counts SET members = members + 1 WHERE org_id = NEW.org_id AND status = NEW.status;
END;

CREATE TRIGGER memberships_counted_delete AFTER DELETE ON memberships
BEGIN
    UPDATE org_member_counts SET members = members - 1 WHERE org_id = OLD.org_id AND status = OLD.status;
END;

CREATE TRIGGER memberships_counted_status AFTER UPDATE OF status ON memberships
WHEN OLD.status <> NEW.status
BEGIN
    UPDATE org_member_counts SET members = members - 1 WHERE org_id = OLD.org_id AND status = OLD.status;
    INSERT OR IGNORE INTO org_member_counts (org_id, status, members) VALUES (NEW.org_id, NEW.status, 0);
    UPDATE org_member_counts SET members = members + 1 WHERE org_id = NEW.org_id AND status = NEW.status;
END;
