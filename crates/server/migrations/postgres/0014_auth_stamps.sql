-- Stamps that say whether what authorizes a caller changed: each instance
-- keeps the caller it last resolved for a token (http::caller_cache) and
-- the statement that finds the caller reads these beside the session, the
-- membership's status and where the session was used, which it always
-- reads. A stamp the instance already knows means the rows behind it are
-- the ones it decoded; any other answer, and the statement returns them.
-- Every write of those rows, on any instance, gives their stamp a new
-- value of one sequence in the same transaction:
--   accounts.auth_stamp  the account's own row;
--   orgs.auth_stamp      the organization's row, its products, its groups'
--                        permission keys and its rows of group_members
--                        (every member's grants).
-- The group rows stamp their organization, not each membership: a bulk
-- change of 10,000 rows then rewrites one row (on PostgreSQL once per
-- statement) instead of 10,000 wide membership rows and their five indexes
-- (0.7 s of such a change there); the price is that every caller of the
-- organization is read afresh once after a change of its group rows.
CREATE SEQUENCE auth_stamps;

ALTER TABLE accounts ADD COLUMN auth_stamp BIGINT NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN auth_stamp BIGINT NOT NULL DEFAULT 0;

-- A write that set the stamp itself keeps it.
CREATE FUNCTION auth_stamp_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.auth_stamp = OLD.auth_stamp THEN
        NEW.auth_stamp := nextval('auth_stamps');
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER accounts_auth_stamp BEFORE UPDATE ON accounts
FOR EACH ROW EXECUTE FUNCTION auth_stamp_row();

CREATE TRIGGER orgs_auth_stamp BEFORE UPDATE ON orgs
FOR EACH ROW EXECUTE FUNCTION auth_stamp_row();

-- Products and groups change under the organization's row lock
-- (Tx::lock_org), so stamping that row waits for nobody new.
CREATE FUNCTION org_auth_stamp_of_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE orgs SET auth_stamp = nextval('auth_stamps') WHERE id = OLD.org_id;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.org_id <> OLD.org_id) THEN
        UPDATE orgs SET auth_stamp = nextval('auth_stamps') WHERE id = NEW.org_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER org_products_auth_stamp AFTER INSERT OR UPDATE OR DELETE ON org_products
FOR EACH ROW EXECUTE FUNCTION org_auth_stamp_of_row();

CREATE TRIGGER org_groups_auth_stamp_keys AFTER UPDATE OF permission_keys ON org_groups
FOR EACH ROW EXECUTE FUNCTION org_auth_stamp_of_row();

CREATE TRIGGER org_groups_auth_stamp_delete AFTER DELETE ON org_groups
FOR EACH ROW EXECUTE FUNCTION org_auth_stamp_of_row();

-- Statement triggers: a bulk change of 10,000 group rows stamps its
-- organization once (whose row the change holds locked already).
CREATE FUNCTION org_auth_stamp_of_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orgs SET auth_stamp = nextval('auth_stamps')
    WHERE id IN (SELECT org_id FROM changed);
    RETURN NULL;
END;
$$;

CREATE TRIGGER group_members_auth_stamp_insert AFTER INSERT ON group_members
REFERENCING NEW TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION org_auth_stamp_of_statement();

CREATE TRIGGER group_members_auth_stamp_delete AFTER DELETE ON group_members
REFERENCING OLD TABLE AS changed
FOR EACH STATEMENT EXECUTE FUNCTION org_auth_stamp_of_statement();

-- An update can move a row: both organizations are stamped.
CREATE FUNCTION org_auth_stamp_of_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orgs SET auth_stamp = nextval('auth_stamps')
    WHERE id IN (SELECT org_id FROM changed UNION SELECT org_id FROM was);
    RETURN NULL;
END;
$$;

CREATE TRIGGER group_members_auth_stamp_update AFTER UPDATE ON group_members
REFERENCING NEW TABLE AS changed OLD TABLE AS was
FOR EACH STATEMENT EXECUTE FUNCTION org_auth_stamp_of_update();
