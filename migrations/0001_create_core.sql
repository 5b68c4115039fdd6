-- Leadline core schema: stores, their people and keys, contacts, leads and their history.
-- Times are ISO-8601 UTC strings; money is integer minor units with an ISO currency.

CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'tr' CHECK (locale IN ('tr', 'en')),
  currency TEXT NOT NULL DEFAULT 'TRY',
  time_zone TEXT NOT NULL DEFAULT 'Europe/Istanbul',
  default_region TEXT NOT NULL DEFAULT 'TR',
  settings TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);

-- Origins whose pages may call the public API for a store (CORS allowlist), e.g. https://shop.example.
CREATE TABLE site_origins (
  site_id TEXT NOT NULL REFERENCES sites (id),
  origin TEXT NOT NULL,
  PRIMARY KEY (site_id, origin)
);
CREATE INDEX site_origins_origin ON site_origins (origin);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'rep')),
  created_at TEXT NOT NULL,
  UNIQUE (site_id, email)
);

-- Admin keys: only the SHA-256 of `sk_…` is stored; the key is shown once.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_user ON api_keys (site_id, user_id);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  name TEXT,
  email TEXT,
  phone TEXT,
  company TEXT,
  location TEXT,
  owner_id TEXT REFERENCES users (id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- One contact per normalised e-mail per store; phones are matched but not unique.
CREATE UNIQUE INDEX contacts_site_email ON contacts (site_id, email) WHERE email IS NOT NULL;
CREATE INDEX contacts_site_phone ON contacts (site_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX contacts_site_created ON contacts (site_id, created_at, id);

-- Consent given per channel, kept with the person who gave it and the text they saw.
CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  contact_id TEXT NOT NULL REFERENCES contacts (id),
  lead_id TEXT,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone')),
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  text_version TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX consents_contact ON consents (site_id, contact_id, created_at);

CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  contact_id TEXT NOT NULL REFERENCES contacts (id),
  stage TEXT NOT NULL CHECK (
    stage IN ('lead', 'qualification', 'nurturing', 'meeting', 'proposal', 'deal', 'won', 'lost')
  ),
  close_reason TEXT,
  owner_id TEXT REFERENCES users (id),
  value_minor INTEGER NOT NULL DEFAULT 0,
  currency TEXT NOT NULL,
  probability INTEGER NOT NULL,
  score INTEGER,
  spam INTEGER NOT NULL DEFAULT 0 CHECK (spam IN (0, 1)),
  spam_reason TEXT,
  message TEXT,
  custom TEXT NOT NULL DEFAULT '{}',
  page_url TEXT,
  referrer TEXT,
  utm TEXT NOT NULL DEFAULT '{}',
  locale TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  stage_entered_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX leads_site_created ON leads (site_id, created_at, id);
CREATE INDEX leads_site_updated ON leads (site_id, updated_at, id);
CREATE INDEX leads_site_stage_entered ON leads (site_id, stage_entered_at, id);
CREATE INDEX leads_site_value ON leads (site_id, value_minor, id);
CREATE INDEX leads_site_stage ON leads (site_id, stage, created_at);
CREATE INDEX leads_site_owner ON leads (site_id, owner_id, created_at);
CREATE INDEX leads_contact ON leads (site_id, contact_id, created_at);

-- Append-only stage history: analytics and forecasts are computed from it.
CREATE TABLE stage_events (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  lead_id TEXT NOT NULL REFERENCES leads (id),
  from_stage TEXT,
  to_stage TEXT NOT NULL,
  event TEXT NOT NULL,
  reason TEXT,
  actor_type TEXT NOT NULL CHECK (actor_type IN ('visitor', 'user', 'system')),
  actor_id TEXT,
  at TEXT NOT NULL
);
CREATE INDEX stage_events_lead ON stage_events (site_id, lead_id, at);
CREATE INDEX stage_events_site_at ON stage_events (site_id, at);

-- The timeline: form submissions, notes, calls, e-mails, stage changes, assignments.
CREATE TABLE activities (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  lead_id TEXT,
  contact_id TEXT,
  type TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '{}',
  actor_type TEXT NOT NULL CHECK (actor_type IN ('visitor', 'user', 'system')),
  actor_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX activities_lead ON activities (site_id, lead_id, created_at);
CREATE INDEX activities_contact ON activities (site_id, contact_id, created_at);

-- A retried POST with the same key answers with the stored response; nothing is written twice.
CREATE TABLE idempotency_keys (
  site_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (site_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  actor_type TEXT NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}',
  at TEXT NOT NULL
);
CREATE INDEX audit_log_site_at ON audit_log (site_id, at);
