-- A replaced quote's link points to the newer revision without any link token stored in clear
-- (worker/src/quotes/links.ts): each sent quote has an ECDH key pair whose private half is
-- sealed under a key derived from its own link token, and a replaced quote keeps the newer
-- revision's token sealed to its public key. Quotes sent before this have none of them and
-- answer `replacedByUrl: null`.
ALTER TABLE quotes ADD COLUMN link_public_key TEXT;
ALTER TABLE quotes ADD COLUMN link_private_key TEXT;
ALTER TABLE quotes ADD COLUMN replaced_by_link TEXT;
