-- The contact book (stage 7): tags and custom fields on contacts, merging two contacts into one,
-- erasure (KVKK/GDPR) and each store's retention setting. Times are ISO-8601 UTC strings.

-- A contact's own fields beside the standard ones (JSON object, keys as in lead custom fields).
ALTER TABLE contacts ADD COLUMN custom TEXT NOT NULL DEFAULT '{}';
-- Set when the contact was merged into another one: it is hidden from lists and its history,
-- leads and consents now belong to `merged_into`.
ALTER TABLE contacts ADD COLUMN merged_into TEXT REFERENCES contacts (id);
-- Set when the person's data was erased: every personal field of theirs is cleared, anywhere.
ALTER TABLE contacts ADD COLUMN erased_at TEXT;
-- Retention looks for contacts untouched for a long time.
CREATE INDEX contacts_site_updated ON contacts (site_id, updated_at, id);
CREATE INDEX contacts_merged_into ON contacts (site_id, merged_into) WHERE merged_into IS NOT NULL;

-- A contact's tags: one row per tag, so filtering by tag is an index lookup.
CREATE TABLE contact_tags (
  site_id TEXT NOT NULL REFERENCES sites (id),
  contact_id TEXT NOT NULL REFERENCES contacts (id),
  tag TEXT NOT NULL,
  PRIMARY KEY (site_id, tag, contact_id)
);
CREATE INDEX contact_tags_contact ON contact_tags (site_id, contact_id);

-- A consent moved to another contact by a merge keeps the contact of the person who gave it.
ALTER TABLE consents ADD COLUMN given_by_contact_id TEXT;

-- One row per merge: `from_id` was merged into `into_id`. `from_snapshot` is the merged
-- contact's fields as they were (cleared when the person is erased); `moved` counts what moved
-- and lists the consent records that came from `from_id`.
CREATE TABLE contact_merges (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  into_id TEXT NOT NULL REFERENCES contacts (id),
  from_id TEXT NOT NULL REFERENCES contacts (id),
  from_snapshot TEXT NOT NULL DEFAULT '{}',
  moved TEXT NOT NULL DEFAULT '{}',
  actor_id TEXT,
  at TEXT NOT NULL
);
CREATE INDEX contact_merges_into ON contact_merges (site_id, into_id, at);
CREATE INDEX contact_merges_from ON contact_merges (site_id, from_id);

-- Each store's privacy settings. `retention_months`: contacts without any activity or lead
-- change for this many months are anonymised by the daily run; NULL (the default, also when a
-- store has no row) turns retention off.
CREATE TABLE privacy_settings (
  site_id TEXT PRIMARY KEY REFERENCES sites (id),
  retention_months INTEGER CHECK (retention_months IS NULL OR retention_months BETWEEN 1 AND 120),
  updated_by TEXT,
  updated_at TEXT NOT NULL
);
