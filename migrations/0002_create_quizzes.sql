-- Qualification quizzes (versioned per store), visitors' responses, anonymous funnel steps,
-- and the qualification result on the lead.

-- Each row is one version of a store's quiz; the highest version is the current one.
CREATE TABLE quizzes (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_by TEXT REFERENCES users (id),
  created_at TEXT NOT NULL,
  UNIQUE (site_id, version)
);

-- One visitor's pass through a quiz version; `started` when tied to a lead before the end.
CREATE TABLE quiz_responses (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  quiz_id TEXT NOT NULL REFERENCES quizzes (id),
  quiz_version INTEGER NOT NULL,
  session_id TEXT NOT NULL,
  lead_id TEXT REFERENCES leads (id),
  status TEXT NOT NULL CHECK (status IN ('started', 'completed')),
  answers TEXT NOT NULL DEFAULT '{}',
  score INTEGER,
  outcome TEXT CHECK (outcome IN ('qualified', 'review', 'disqualified')),
  breakdown TEXT,
  started_at TEXT NOT NULL,
  completed_at TEXT,
  UNIQUE (site_id, session_id)
);
CREATE INDEX quiz_responses_site_started ON quiz_responses (site_id, started_at, id);
CREATE INDEX quiz_responses_quiz ON quiz_responses (site_id, quiz_id, status);
CREATE INDEX quiz_responses_lead ON quiz_responses (site_id, lead_id);

-- Funnel steps without personal data: which questions a session was shown and answered.
CREATE TABLE quiz_step_events (
  site_id TEXT NOT NULL REFERENCES sites (id),
  quiz_id TEXT NOT NULL REFERENCES quizzes (id),
  session_id TEXT NOT NULL,
  question TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('shown', 'answered')),
  at TEXT NOT NULL,
  PRIMARY KEY (site_id, quiz_id, session_id, question, event)
);

ALTER TABLE leads ADD COLUMN qualification TEXT CHECK (qualification IN ('qualified', 'review', 'disqualified'));
ALTER TABLE leads ADD COLUMN score_breakdown TEXT;
