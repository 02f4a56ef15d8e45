-- Invitations that grant access until a date (issue 17): the end of the
-- group memberships accepting gives, Unix ms; NULL: no end. Not the link's
-- own expires_at.
ALTER TABLE invitations ADD COLUMN membership_expires_at BIGINT;
