-- Deals (stage 6): pipelines of a store, and the deal fields of a lead.
-- A store's default pipeline is created when it is first needed (one per store, by the partial
-- unique index). A lead whose pipeline_id is NULL is in its store's default pipeline, so leads
-- captured before this migration, and by code that does not know pipelines, need no backfill.

CREATE TABLE pipelines (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  name TEXT NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  -- JSON: { "<open stage>": { "label": { "tr": …, "en": … }, "probability": 0..100, "rotDays": n | null } }
  stages TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX pipelines_site_default ON pipelines (site_id) WHERE is_default = 1;
CREATE UNIQUE INDEX pipelines_site_name ON pipelines (site_id, name);

ALTER TABLE leads ADD COLUMN pipeline_id TEXT REFERENCES pipelines (id);
-- A calendar date, YYYY-MM-DD.
ALTER TABLE leads ADD COLUMN expected_close TEXT;
-- A rep's win probability for this deal in percent; NULL uses the stage's (learned or set).
ALTER TABLE leads ADD COLUMN probability_override INTEGER
  CHECK (probability_override IS NULL OR probability_override BETWEEN 0 AND 100);

-- The open deals of a pipeline (NULL: the default one) per stage; the recent closed leads
-- from which win probabilities are learned.
CREATE INDEX leads_site_pipeline_stage ON leads (site_id, pipeline_id, stage, stage_entered_at);
CREATE INDEX leads_site_stage_entered_at ON leads (site_id, stage, stage_entered_at, id);
