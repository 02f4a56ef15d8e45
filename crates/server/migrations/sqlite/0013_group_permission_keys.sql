-- Each group's permission keys, comma-separated in key order, beside its
-- rows of group_permissions and written with them (store::groups): who is
-- calling reads the permissions of the caller's two or three groups as that
-- many values instead of every granted key row by row (a few dozen rows and
-- their concatenation were a third of a gated request's statement).
ALTER TABLE org_groups ADD COLUMN permission_keys TEXT NOT NULL DEFAULT '';

UPDATE org_groups SET permission_keys = coalesce(
    (SELECT group_concat(permission, ',')
       FROM (SELECT permission FROM group_permissions
              WHERE group_id = org_groups.id ORDER BY permission)),
    '');
