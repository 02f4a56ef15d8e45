-- Stamps that say whether what authorizes a caller changed: each instance
-- keeps the caller it last resolved for a token (http::caller_cache) and
-- the statement that finds the caller reads these beside the session, the
-- membership's status and where the session was used, which it always
-- reads. A stamp the instance already knows means the rows behind it are
-- the ones it decoded; any other answer, and the statement returns them.
-- Every write of those rows, on any instance, gives their stamp a new
-- random value in the same transaction:
--   accounts.auth_stamp     the account's own row;
--   orgs.auth_stamp         the organization's row, its products, and its
--                           groups' permission keys (all its members' grants);
--   memberships.grants_stamp the member's rows of group_members.
-- A membership's stamp stays 0 until its first group row: 0 always means
-- "no group rows ever", so a membership made again is never mistaken for
-- its predecessor (group_members references memberships; the seed, which
-- writes without these triggers, sets its own stamps).
ALTER TABLE accounts ADD COLUMN auth_stamp BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN auth_stamp BIGINT NOT NULL DEFAULT 0;
ALTER TABLE memberships ADD COLUMN grants_stamp BIGINT NOT NULL DEFAULT 0;

UPDATE memberships SET grants_stamp = random()
WHERE EXISTS (SELECT 1 FROM group_members gm
              WHERE gm.org_id = memberships.org_id AND gm.account_id = memberships.account_id);

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

CREATE TRIGGER group_members_grants_added AFTER INSERT ON group_members
BEGIN
    UPDATE memberships SET grants_stamp = random()
    WHERE org_id = NEW.org_id AND account_id = NEW.account_id;
END;

CREATE TRIGGER group_members_grants_removed AFTER DELETE ON group_members
BEGIN
    UPDATE memberships SET grants_stamp = random()
    WHERE org_id = OLD.org_id AND account_id = OLD.account_id;
END;

CREATE TRIGGER group_members_grants_changed AFTER UPDATE ON group_members
BEGIN
    UPDATE memberships SET grants_stamp = random()
    WHERE (org_id = NEW.org_id AND account_id = NEW.account_id)
       OR (org_id = OLD.org_id AND account_id = OLD.account_id);
END;
