-- One table, one row per capture: the floor worker's entire schema.
CREATE TABLE hits (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
