-- Nurturing and delivery: pipeline events, webhooks, the transactional outbox with its attempt
-- log, message templates, sequences and their enrollments, tasks for reps, per-store messaging
-- settings. Times are ISO-8601 UTC strings.

-- One row per thing that happened in the pipeline, written in the same D1 batch as the change.
-- Its id is the `id` of the webhook payload. `dedupe_key` stops the scheduler from raising the
-- same event twice (a quote expires once).
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  type TEXT NOT NULL,
  lead_id TEXT,
  contact_id TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  dedupe_key TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX events_dedupe ON events (site_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX events_site_created ON events (site_id, created_at);

-- A store's webhook endpoints. `events` is a JSON array of event types ("*" for all); `secret`
-- signs every delivery (Standard Webhooks: HMAC-SHA256 over id, timestamp and body).
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  url TEXT NOT NULL,
  description TEXT,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
  disabled_reason TEXT,
  -- Deliveries answered 410 Gone in a row; reaching the limit disables the endpoint.
  gone_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhooks_site ON webhooks (site_id, status);

-- The transactional outbox. A message is written in the batch of the change that causes it and
-- delivered later by the scheduled handler. `id` is random and stable: it is the provider's
-- idempotency key, the webhook-id header, and the token of the message's unsubscribe link.
-- `dedupe_key` names the cause (event + endpoint, enrollment + step, booking + reminder) so the
-- same cause can never queue a message twice.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email', 'sms')),
  purpose TEXT NOT NULL CHECK (purpose IN ('commercial', 'transactional', 'system')),
  dedupe_key TEXT NOT NULL,
  recipient TEXT NOT NULL,
  payload TEXT NOT NULL,
  webhook_id TEXT,
  contact_id TEXT,
  lead_id TEXT,
  user_id TEXT,
  enrollment_id TEXT,
  event_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  -- The last attempt's answer was lost: before sending again, ask the provider whether it
  -- already has the message.
  outcome_unknown INTEGER NOT NULL DEFAULT 0 CHECK (outcome_unknown IN (0, 1)),
  last_status INTEGER,
  last_error TEXT,
  provider_message_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  delivered_at TEXT,
  UNIQUE (site_id, dedupe_key)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_site_status ON outbox (site_id, status, created_at, id);
CREATE INDEX outbox_site_created ON outbox (site_id, created_at, id);
CREATE INDEX outbox_contact ON outbox (site_id, contact_id, purpose, created_at);
CREATE INDEX outbox_webhook ON outbox (site_id, webhook_id, created_at);
CREATE INDEX outbox_provider ON outbox (provider_message_id) WHERE provider_message_id IS NOT NULL;

-- Every delivery attempt: what the endpoint or provider answered, for the delivery log.
CREATE TABLE delivery_attempts (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  message_id TEXT NOT NULL REFERENCES outbox (id),
  attempt INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed', 'skipped', 'unknown')),
  status INTEGER,
  error TEXT,
  duration_ms INTEGER NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX delivery_attempts_message ON delivery_attempts (site_id, message_id, attempt);

-- E-mail and SMS templates, Turkish and English; `subject` is null for SMS.
CREATE TABLE message_templates (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  name TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  subject TEXT,
  body TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT
);
CREATE INDEX message_templates_site ON message_templates (site_id, created_at, id);

-- A nurturing sequence: `steps` and `trigger` are JSON as contract/messaging.ts describes them;
-- `trigger_key` ('stage:nurturing', 'event:meeting_no_show', 'quote_stalled') finds the
-- sequences an event enrolls into; `channels` lists the channels its steps send on.
CREATE TABLE sequences (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'archived')),
  trigger TEXT NOT NULL,
  trigger_key TEXT,
  steps TEXT NOT NULL,
  channels TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX sequences_trigger ON sequences (site_id, trigger_key, status);

-- A lead in a sequence. `step` is the index of the next step to run, at `next_run_at`.
CREATE TABLE enrollments (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  sequence_id TEXT NOT NULL REFERENCES sequences (id),
  lead_id TEXT NOT NULL REFERENCES leads (id),
  contact_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'exited')),
  step INTEGER NOT NULL DEFAULT 0,
  next_run_at TEXT,
  lease_until TEXT,
  exit_reason TEXT,
  enrolled_by TEXT NOT NULL CHECK (enrolled_by IN ('rule', 'user', 'sequence')),
  actor_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ended_at TEXT
);
-- A lead is in a sequence at most once at a time.
CREATE UNIQUE INDEX enrollments_active ON enrollments (sequence_id, lead_id) WHERE status = 'active';
CREATE INDEX enrollments_due ON enrollments (status, next_run_at);
CREATE INDEX enrollments_lead ON enrollments (site_id, lead_id, status);
CREATE INDEX enrollments_sequence ON enrollments (site_id, sequence_id, created_at, id);

-- Tasks for reps, made by sequence steps or by hand.
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  lead_id TEXT REFERENCES leads (id),
  assignee_id TEXT REFERENCES users (id),
  title TEXT NOT NULL,
  due_at TEXT NOT NULL,
  done_at TEXT,
  enrollment_id TEXT,
  dedupe_key TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX tasks_dedupe ON tasks (site_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX tasks_assignee ON tasks (site_id, assignee_id, done_at, due_at);
CREATE INDEX tasks_lead ON tasks (site_id, lead_id);

-- A store's messaging settings (providers by secret name, quiet hours, frequency cap).
CREATE TABLE messaging_settings (
  site_id TEXT PRIMARY KEY REFERENCES sites (id),
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The contact's own time zone when known (a booking tells it): waits and quiet hours use it.
ALTER TABLE contacts ADD COLUMN time_zone TEXT;

-- The link of a sent quote, for the messages that cite it ({{quoteLink}}); cleared on revoke.
ALTER TABLE quotes ADD COLUMN message_link TEXT;
-- The scheduler finds sent quotes past their date (the `quote.expired` event).
CREATE INDEX quotes_status_valid ON quotes (status, valid_until);

-- Reminders are outbox messages now, queued when the meeting is booked.
DROP TABLE reminders;
