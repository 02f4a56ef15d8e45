-- PostgreSQL only (its 0012 looks a removed member's sort key up before
-- deleting their row of group_order); SQLite plans the trigger's delete by
-- the whole key already. Kept so that both databases count the same versions.
SELECT 1;
