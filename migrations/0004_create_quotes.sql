-- Quotes (one row per revision), their views, their state history, the invoices issued from
-- accepted quotes, and each store's gapless invoice and credit-note counters.

-- A quote revision. `token_hash` is the SHA-256 of its link token (drafts have none); the token
-- itself is shown once, when the quote is sent. `content_hash` proves what the visitor saw and
-- accepted. `sections`, `lines` and `totals` are JSON as the contract describes them.
CREATE TABLE quotes (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  lead_id TEXT NOT NULL REFERENCES leads (id),
  revision INTEGER NOT NULL CHECK (revision >= 1),
  status TEXT NOT NULL CHECK (
    status IN ('draft', 'sent', 'viewed', 'accepted', 'declined', 'replaced', 'revoked')
  ),
  title TEXT NOT NULL,
  currency TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  sections TEXT NOT NULL,
  lines TEXT NOT NULL,
  notes TEXT,
  totals TEXT NOT NULL,
  rep_id TEXT NOT NULL REFERENCES users (id),
  token_hash TEXT UNIQUE,
  content_hash TEXT,
  sent_at TEXT,
  viewed_at TEXT,
  accepted_at TEXT,
  accepted_name TEXT,
  accepted_revision INTEGER,
  declined_at TEXT,
  decline_reason TEXT,
  replaced_by TEXT REFERENCES quotes (id),
  -- The id of the quote_events row of the last state change: the event insert of a batch
  -- selects the quote by it, so it finds the quote only when this request's update applied.
  last_event_id TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (site_id, lead_id, revision)
);
CREATE INDEX quotes_site_updated ON quotes (site_id, updated_at, id);
CREATE INDEX quotes_lead_status ON quotes (site_id, lead_id, status);

-- Every view of a quote's link, with the sections seen; views by the store's reps are kept but
-- not counted.
CREATE TABLE quote_views (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  quote_id TEXT NOT NULL REFERENCES quotes (id),
  at TEXT NOT NULL,
  sections TEXT NOT NULL DEFAULT '[]',
  by_rep INTEGER NOT NULL DEFAULT 0 CHECK (by_rep IN (0, 1))
);
CREATE INDEX quote_views_quote ON quote_views (site_id, quote_id, at);

-- A quote's state changes (sent, replaced, revoked, accepted, declined). Each row is inserted
-- with its quote id selected from the quote *in its new state*: when the guarded update before
-- it matched nothing, the NOT NULL fails and the whole batch is rolled back.
CREATE TABLE quote_events (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  quote_id TEXT NOT NULL REFERENCES quotes (id),
  event TEXT NOT NULL,
  actor_type TEXT NOT NULL CHECK (actor_type IN ('visitor', 'user', 'system')),
  actor_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}',
  at TEXT NOT NULL
);
CREATE INDEX quote_events_quote ON quote_events (site_id, quote_id, at);

-- Per store, `seq` runs 1, 2, 3 … without gaps: it is taken from `invoice_counters` in the
-- same batch that accepts the quote. `number` is `{YEAR}-{seq padded to 6}`.
CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  quote_id TEXT NOT NULL UNIQUE REFERENCES quotes (id),
  lead_id TEXT NOT NULL REFERENCES leads (id),
  seq INTEGER NOT NULL,
  number TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('unpaid', 'paid', 'cancelled')),
  issue_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  currency TEXT NOT NULL,
  lines TEXT NOT NULL,
  totals TEXT NOT NULL,
  paid_at TEXT,
  cancelled_at TEXT,
  credit_note_number TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (site_id, seq)
);
CREATE INDEX invoices_lead ON invoices (site_id, lead_id);
CREATE UNIQUE INDEX invoices_credit_note ON invoices (site_id, credit_note_number)
  WHERE credit_note_number IS NOT NULL;

-- The next invoice and credit-note numbers of each store.
CREATE TABLE invoice_counters (
  site_id TEXT PRIMARY KEY REFERENCES sites (id),
  next_invoice INTEGER NOT NULL DEFAULT 1,
  next_credit_note INTEGER NOT NULL DEFAULT 1
);
