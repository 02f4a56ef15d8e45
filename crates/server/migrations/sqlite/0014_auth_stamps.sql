-- Stamps that say whether what authorizes a caller changed: each instance
-- keeps the caller it last resolved for a token (http::caller_cache) and
-- the statement that finds the caller reads these beside the session, the
-- membership's status and where the session was used, which it always
-- reads. A stamp the instance already knows means the rows behind it are
-- the ones it decoded; any other answer, and the statement returns them.
-- Every write of those rows, on any instance, gives their stamp a new
-- random value in the same transaction:
--   accounts.auth_stamp  the account's own row;
--   orgs.auth_stamp      the organization's row, its products, its groups'
--                        permission keys and its rows of group_members
--                        (every member's grants).
-- The group rows stamp their organization, not each membership: a bulk
-- change of 10,000 rows then rewrites one row (on PostgreSQL once per
-- statement) instead of 10,000 wide membership rows and their five indexes
-- (0.7 s of such a change there); the price is that every caller of the
-- organization is read afresh once after a change of its group rows.
ALTER TABLE accounts ADD COLUMN auth_stamp BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN auth_stamp BIGINT NOT NULL DEFAULT 0;

-- The WHEN keeps a trigger's own update (and a write that set the stamp)
-- from stamping twice.
CREATE TRIGGER accounts_auth_stamp AFTER UPDATE ON accounts
WHEN NEW.auth_stamp = OLD.auth_stamp
BEGIN
    UPDATE accounts SET auth_stamp = random() WHERE id = NEW.id;
END;

CREATE TRIGGER orgs_auth_stamp AFTER UPDATE ON orgs
WHEN NEW.auth_stamp = OLD.auth_stamp
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id = NEW.id;
END;

CREATE TRIGGER org_products_auth_stamp_insert AFTER INSERT ON org_products
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id = NEW.org_id;
END;

CREATE TRIGGER org_products_auth_stamp_update AFTER UPDATE ON org_products
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id IN (NEW.org_id, OLD.org_id);
END;

CREATE TRIGGER org_products_auth_stamp_delete AFTER DELETE ON org_products
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id = OLD.org_id;
END;

CREATE TRIGGER org_groups_auth_stamp_keys AFTER UPDATE OF permission_keys ON org_groups
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id IN (NEW.org_id, OLD.org_id);
END;

CREATE TRIGGER org_groups_auth_stamp_delete AFTER DELETE ON org_groups
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id = OLD.org_id;
END;

CREATE TRIGGER group_members_auth_stamp_insert AFTER INSERT ON group_members
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id = NEW.org_id;
END;

CREATE TRIGGER group_members_auth_stamp_delete AFTER DELETE ON group_members
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id = OLD.org_id;
END;

CREATE TRIGGER group_members_auth_stamp_update AFTER UPDATE ON group_members
BEGIN
    UPDATE orgs SET auth_stamp = random() WHERE id IN (NEW.org_id, OLD.org_id);
END;
