-- A store's settings are edited in the admin console: a version guards a save against a change
-- someone made in between (409 with the store as it is now), and updated_at says when.
ALTER TABLE sites ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sites ADD COLUMN updated_at TEXT;
