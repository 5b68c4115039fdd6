-- Consent a store can prove later (KVKK art. 5 and 10, law 6563 and its regulation art. 7, GDPR
-- art. 7(1)): every wording a store ever showed is kept, never changed, with the time it became
-- current, and each consent record points at the exact wording shown, in the language shown,
-- with where it came from. Withdrawal is a new record (`granted = 0`), never an update.

-- One row per wording: `kind` 'notice' is the information notice (aydınlatma metni) shown and
-- linked beside the form, never consented to; 'marketing' is the commercial electronic message
-- opt-in (ticari elektronik ileti onayı) the visitor ticks per channel. A store's consent
-- `version` names both; a new wording needs a new version, so (site, kind, version, language)
-- is one text for ever. Written when an owner saves a new version (in the batch of the save and
-- its audit row), or by the first capture under a store's default wording.
CREATE TABLE consent_texts (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  kind TEXT NOT NULL CHECK (kind IN ('notice', 'marketing')),
  version TEXT NOT NULL,
  language TEXT NOT NULL CHECK (language IN ('tr', 'en')),
  text TEXT NOT NULL,
  -- The full information notice's address (notice rows only).
  notice_url TEXT,
  current_from TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (site_id, kind, version, language)
);

-- The wording a record was given under (NULL only for withdrawals, and for records older than
-- this migration whose wording was overwritten before it was kept), the language it was shown
-- in, and where the record came from.
ALTER TABLE consents ADD COLUMN consent_text_id TEXT REFERENCES consent_texts (id);
ALTER TABLE consents ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('tr', 'en'));
ALTER TABLE consents ADD COLUMN source TEXT CHECK (
  source IS NULL OR source IN ('form', 'quiz', 'booking', 'import', 'console', 'unsubscribe', 'provider')
);

-- Stores still on the built-in wording keep the wording they showed: the default changes with
-- this release (the information notice apart from the opt-in), and a store's words change only
-- when its owner saves new ones under a new version.
UPDATE sites
   SET settings = json_set(settings, '$.consent', json_object(
         'version', '2026-01',
         'text', json_object(
           'tr', 'Kişisel verilerimin KVKK kapsamında işlenmesini ve seçtiğim kanallardan benimle iletişime geçilmesini kabul ediyorum.',
           'en', 'I agree to the processing of my personal data under KVKK/GDPR and to being contacted through the channels I choose.'),
         'channels', json_array('email', 'sms', 'phone')))
 WHERE json_valid(settings) AND json_extract(settings, '$.consent') IS NULL;

-- Each store's current wording. When it became current: the first save that set this version,
-- else the store's creation. Earlier wordings were overwritten and cannot be recovered.
INSERT INTO consent_texts (id, site_id, kind, version, language, text, notice_url, current_from, created_at)
SELECT 'cx_' || lower(hex(randomblob(10))), s.id, 'marketing', json_extract(s.settings, '$.consent.version'),
       l.language, json_extract(s.settings, '$.consent.text.' || l.language), NULL,
       COALESCE((SELECT min(a.at) FROM audit_log a
                  WHERE a.site_id = s.id AND a.action = 'site.updated'
                    AND json_extract(a.detail, '$.consentVersion') = json_extract(s.settings, '$.consent.version')
                    AND EXISTS (SELECT 1 FROM json_each(a.detail, '$.changed') WHERE value = 'settings.consent')),
                s.created_at),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM sites s, (SELECT 'tr' AS language UNION ALL SELECT 'en') l
 WHERE json_valid(s.settings)
   AND json_type(s.settings, '$.consent.version') = 'text'
   AND json_type(s.settings, '$.consent.text.' || l.language) = 'text';

-- Records from before: withdrawals by link or by provider report, and captures in the lead's
-- language (else the store's), linked to their wording when it is the one still kept.
UPDATE consents SET source = CASE text_version WHEN 'unsubscribe' THEN 'unsubscribe' ELSE 'provider' END
 WHERE granted = 0 AND text_version IN ('unsubscribe', 'bounce', 'complaint');
UPDATE consents
   SET language = COALESCE((SELECT l.locale FROM leads l WHERE l.id = consents.lead_id AND l.locale IN ('tr', 'en')),
                           (SELECT s.locale FROM sites s WHERE s.id = consents.site_id))
 WHERE source IS NULL;
UPDATE consents
   SET consent_text_id = (SELECT t.id FROM consent_texts t
                           WHERE t.site_id = consents.site_id AND t.kind = 'marketing'
                             AND t.version = consents.text_version AND t.language = consents.language)
 WHERE source IS NULL;

CREATE INDEX consent_texts_site ON consent_texts (site_id, current_from);

-- Kept as written: a wording is never changed or removed.
CREATE TRIGGER consent_texts_no_update BEFORE UPDATE ON consent_texts
BEGIN
  SELECT RAISE(ABORT, 'consent texts are never changed: save a new version');
END;
CREATE TRIGGER consent_texts_no_delete BEFORE DELETE ON consent_texts
BEGIN
  SELECT RAISE(ABORT, 'consent texts are never removed');
END;

-- A consent record's content is never changed or removed: withdrawal is a new record. Only its
-- owner may change: a contact merge moves records to the surviving contact (`contact_id`) and
-- notes the contact of the person who gave them (`given_by_contact_id`, set once).
CREATE TRIGGER consents_no_update BEFORE UPDATE OF id, site_id, lead_id, channel, granted,
  text_version, created_at, consent_text_id, language, source ON consents
BEGIN
  SELECT RAISE(ABORT, 'consent records are never changed: record a new one');
END;
CREATE TRIGGER consents_given_by_once BEFORE UPDATE OF given_by_contact_id ON consents
  WHEN OLD.given_by_contact_id IS NOT NULL AND NEW.given_by_contact_id IS NOT OLD.given_by_contact_id
BEGIN
  SELECT RAISE(ABORT, 'who gave a consent record is never changed');
END;
CREATE TRIGGER consents_no_delete BEFORE DELETE ON consents
BEGIN
  SELECT RAISE(ABORT, 'consent records are never removed');
END;
