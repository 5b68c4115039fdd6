-- Each invoice's ETTN (a v4 UUID, the identifier a Turkish e-Arşiv/e-Fatura carries), fixed
-- when the invoice is issued so every export of it names the same document. Invoices issued
-- before this have none; their export is refused.
ALTER TABLE invoices ADD COLUMN ettn TEXT;
CREATE UNIQUE INDEX invoices_ettn ON invoices (ettn) WHERE ettn IS NOT NULL;
