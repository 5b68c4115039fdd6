-- Each store's quote settings. `invoice_on_accept` = 1 (the default, also when a store has no
-- row): accepting a quote issues its invoice in the same batch; 0: a rep issues it by hand
-- (`POST /admin/api/quotes/:id/invoice`).
CREATE TABLE quote_settings (
  site_id TEXT PRIMARY KEY REFERENCES sites (id),
  invoice_on_accept INTEGER NOT NULL DEFAULT 1 CHECK (invoice_on_accept IN (0, 1)),
  updated_at TEXT NOT NULL
);
