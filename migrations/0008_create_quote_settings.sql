-- Each store's quote settings. `invoice_on_accept` = 1 (the default, also when a store has no
-- row): accepting a quote issues its invoice in the same batch; 0: a rep issues it by hand
-- (`POST /admin/api/quotes/:id/invoice`). `tax_rates`: the store's own tax rates in basis points
-- (a JSON array of integers), allowed beside the KDV rates on quote lines and products.
CREATE TABLE quote_settings (
  site_id TEXT PRIMARY KEY REFERENCES sites (id),
  invoice_on_accept INTEGER NOT NULL DEFAULT 1 CHECK (invoice_on_accept IN (0, 1)),
  tax_rates TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT NOT NULL
);
