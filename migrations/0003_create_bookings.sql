-- Demo booking: reps' availability, the store's booking settings, bookings, the time cells a
-- booking claims (so two bookings can never overlap), reps' calendar feeds, and reminders.

CREATE TABLE rep_availability (
  site_id TEXT NOT NULL REFERENCES sites (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  rules TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (site_id, user_id)
);

CREATE TABLE booking_settings (
  site_id TEXT PRIMARY KEY REFERENCES sites (id),
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- `day_seq` numbers a rep's confirmed bookings of one local day; the CHECK refuses the one
-- past the rep's daily maximum inside the booking's own batch.
CREATE TABLE bookings (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  lead_id TEXT NOT NULL REFERENCES leads (id),
  rep_id TEXT NOT NULL REFERENCES users (id),
  type TEXT NOT NULL,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  rep_day TEXT NOT NULL,
  day_seq INTEGER NOT NULL,
  max_per_day INTEGER NOT NULL,
  visitor_tz TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled', 'held', 'no_show')),
  sequence INTEGER NOT NULL DEFAULT 0,
  token_hash TEXT NOT NULL UNIQUE,
  note TEXT,
  page_url TEXT,
  cancel_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (day_seq <= max_per_day)
);
CREATE INDEX bookings_rep_start ON bookings (site_id, rep_id, start_at);
CREATE INDEX bookings_rep_day ON bookings (site_id, rep_id, rep_day, status);
CREATE INDEX bookings_lead ON bookings (site_id, lead_id);
CREATE INDEX bookings_site_start ON bookings (site_id, start_at, id);

-- Every 5-minute cell of a booking's buffered time, per rep. Two bookings whose buffered times
-- overlap share a cell, and the primary key refuses the second: the claim is atomic.
CREATE TABLE booking_cells (
  rep_id TEXT NOT NULL,
  cell INTEGER NOT NULL,
  booking_id TEXT NOT NULL REFERENCES bookings (id),
  PRIMARY KEY (rep_id, cell)
);
CREATE INDEX booking_cells_booking ON booking_cells (booking_id);

-- A rep's private calendar feed; only the hash of its URL token is kept.
CREATE TABLE calendar_feeds (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (site_id, user_id);

-- Reminders queued by the scheduled handler for delivery (delivery comes with nurturing).
CREATE TABLE reminders (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  booking_id TEXT NOT NULL REFERENCES bookings (id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  send_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'cancelled')),
  created_at TEXT NOT NULL,
  UNIQUE (booking_id, channel, send_at)
);
CREATE INDEX reminders_due ON reminders (status, send_at);
