-- Each store's library of reusable quote items: products (a line's name, unit, price and tax
-- rate: a KDV rate or one of the store's own, which the worker checks) and FAQ entries (a
-- question and its rich-text answer, JSON as the contract describes).
-- Reps copy them into a quote's lines and FAQ section; a quote keeps its own copy, so changing
-- or deleting a library item never changes a quote that was already written.

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  name TEXT NOT NULL,
  description TEXT,
  unit TEXT NOT NULL,
  unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
  currency TEXT NOT NULL,
  tax_rate_bps INTEGER NOT NULL CHECK (tax_rate_bps BETWEEN 0 AND 10000),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX products_site_name ON products (site_id, name, id);

CREATE TABLE faqs (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX faqs_site_question ON faqs (site_id, question, id);
