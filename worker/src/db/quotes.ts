/**
 * Quotes, their views and events in D1 (their invoices: ./invoices.ts). Every query is scoped by site, except the
 * look-up by a link token's hash (the token is the visitor's only credential).
 *
 * A state change is a guarded UPDATE that also sets `last_event_id`, followed by the insert of
 * its `quote_events` row whose `quote_id` is selected by that event id: when the UPDATE matched
 * nothing (someone changed the quote first), the insert fails on NOT NULL and D1 rolls the whole
 * batch back. So nothing after it (timeline, lead move, invoice) is ever half-written.
 */
import type {
  Quote,
  QuoteDraft,
  QuoteLine,
  QuoteSections,
  QuoteSettings,
  QuoteTotals,
} from '../../../contract'
import type { StoredStatus } from '../quotes'
import { issueInvoiceStatements, type Issue } from './invoices'

export interface QuoteRow {
  id: string
  site_id: string
  lead_id: string
  revision: number
  status: StoredStatus
  title: string
  currency: string
  valid_until: string
  sections: string
  lines: string
  notes: string | null
  totals: string
  rep_id: string
  content_hash: string | null
  sent_at: string | null
  viewed_at: string | null
  accepted_at: string | null
  accepted_name: string | null
  accepted_revision: number | null
  declined_at: string | null
  decline_reason: string | null
  replaced_by: string | null
  /** This quote's public key, and its private key sealed by its link token (links.ts). */
  link_public_key: string | null
  link_private_key: string | null
  /** When replaced: the newer revision's link token, sealed to `link_public_key`. */
  replaced_by_link: string | null
  version: number
  created_at: string
  updated_at: string
}

const QUOTE_COLUMNS = `id, site_id, lead_id, revision, status, title, currency, valid_until, sections, lines,
  notes, totals, rep_id, content_hash, sent_at, viewed_at, accepted_at, accepted_name, accepted_revision,
  declined_at, decline_reason, replaced_by, link_public_key, link_private_key, replaced_by_link, version,
  created_at, updated_at`

/** The admin view of a quote; `version` guards `PUT` and is beside the contract's fields. */
export type QuoteWithVersion = Quote & { version: number }

export const quoteFromRow = (r: QuoteRow): QuoteWithVersion => ({
  id: r.id,
  leadId: r.lead_id,
  revision: r.revision,
  status: r.status,
  title: r.title,
  currency: r.currency,
  validUntil: r.valid_until,
  sections: JSON.parse(r.sections) as QuoteSections,
  lines: JSON.parse(r.lines) as QuoteLine[],
  notes: r.notes,
  totals: JSON.parse(r.totals) as QuoteTotals,
  repId: r.rep_id,
  sentAt: r.sent_at,
  acceptedAt: r.accepted_at,
  acceptedName: r.accepted_name,
  contentHash: r.content_hash,
  declinedAt: r.declined_at,
  declineReason: r.decline_reason,
  replacedBy: r.replaced_by,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export const getQuote = (db: D1Database, siteId: string, id: string) =>
  db
    .prepare(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE site_id = ?1 AND id = ?2`)
    .bind(siteId, id)
    .first<QuoteRow>()

/** The quote a link token points to (its hash is unique across stores). */
export const getQuoteByToken = (db: D1Database, tokenHash: string) =>
  db
    .prepare(`SELECT ${QUOTE_COLUMNS} FROM quotes WHERE token_hash = ?1`)
    .bind(tokenHash)
    .first<QuoteRow>()

/** A lead's quotes, newest revision first (a lead has a handful, at most 200 are listed). */
export async function listQuotesOfLead(db: D1Database, siteId: string, leadId: string) {
  const { results } = await db
    .prepare(
      `SELECT ${QUOTE_COLUMNS} FROM quotes WHERE site_id = ?1 AND lead_id = ?2
        ORDER BY revision DESC LIMIT 200`,
    )
    .bind(siteId, leadId)
    .all<QuoteRow>()
  return results.map(quoteFromRow)
}

export interface NewQuote {
  id: string
  leadId: string
  repId: string
  draft: QuoteDraft
  totals: QuoteTotals
  at: string
}

/**
 * A draft with the lead's next revision number. Two drafts created at once for one lead would
 * take the same number; the UNIQUE (site_id, lead_id, revision) refuses the second.
 */
export const insertQuoteStatement = (db: D1Database, siteId: string, q: NewQuote) =>
  db
    .prepare(
      `INSERT INTO quotes (id, site_id, lead_id, revision, status, title, currency, valid_until, sections,
         lines, notes, totals, rep_id, version, created_at, updated_at)
       VALUES (?1, ?2, ?3,
         (SELECT coalesce(max(revision), 0) + 1 FROM quotes WHERE site_id = ?2 AND lead_id = ?3),
         'draft', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?12)`,
    )
    .bind(
      q.id,
      siteId,
      q.leadId,
      q.draft.title,
      q.draft.currency,
      q.draft.validUntil,
      JSON.stringify(q.draft.sections),
      JSON.stringify(q.draft.lines),
      q.draft.notes ?? null,
      JSON.stringify(q.totals),
      q.repId,
      q.at,
    )

/** Replaces a draft's content, only while it is a draft at `expectedVersion`. */
export const updateDraftStatement = (
  db: D1Database,
  siteId: string,
  id: string,
  draft: QuoteDraft,
  totals: QuoteTotals,
  expectedVersion: number,
  at: string,
) =>
  db
    .prepare(
      `UPDATE quotes SET title = ?3, currency = ?4, valid_until = ?5, sections = ?6, lines = ?7, notes = ?8,
         totals = ?9, updated_at = ?10, version = version + 1
       WHERE site_id = ?1 AND id = ?2 AND status = 'draft' AND version = ?11`,
    )
    .bind(
      siteId,
      id,
      draft.title,
      draft.currency,
      draft.validUntil,
      JSON.stringify(draft.sections),
      JSON.stringify(draft.lines),
      draft.notes ?? null,
      JSON.stringify(totals),
      at,
      expectedVersion,
    )

export type Actor = { type: 'visitor'; id: null } | { type: 'user'; id: string }

/**
 * The event row of a state change. It selects the quote by `eventId`, which the guarded update
 * before it set: when that update matched nothing this insert fails and the batch is undone.
 */
export const quoteEventStatement = (
  db: D1Database,
  siteId: string,
  quoteId: string,
  eventId: string,
  event: string,
  actor: Actor,
  detail: Record<string, unknown>,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO quote_events (id, site_id, quote_id, event, actor_type, actor_id, detail, at)
       VALUES (?1, ?2,
         (SELECT id FROM quotes WHERE site_id = ?2 AND id = ?3 AND last_event_id = ?1),
         ?4, ?5, ?6, ?7, ?8)`,
    )
    .bind(eventId, siteId, quoteId, event, actor.type, actor.id, JSON.stringify(detail), at)

/** Whether a failed batch lost a race for a quote (its state changed first, or a duplicate). */
export const isQuoteConflict = (err: unknown) =>
  err instanceof Error &&
  /NOT NULL constraint failed: quote_events\.quote_id|UNIQUE constraint failed: (invoices\.quote_id|quotes\.site_id)/.test(
    err.message,
  )

/**
 * The lead's other sent or viewed quotes (those sending `quoteId` replaces) with their public
 * keys, to seal the new link to each.
 */
export async function replaceableQuotes(
  db: D1Database,
  siteId: string,
  leadId: string,
  quoteId: string,
) {
  const { results } = await db
    .prepare(
      `SELECT id, link_public_key FROM quotes
        WHERE site_id = ?1 AND lead_id = ?2 AND id <> ?3 AND status IN ('sent', 'viewed')
        LIMIT 200`,
    )
    .bind(siteId, leadId, quoteId)
    .all<{ id: string; link_public_key: string | null }>()
  return results
}

export interface Sending {
  eventId: string
  tokenHash: string
  contentHash: string
  /** The new quote's key pair (its private key sealed by its token). */
  linkPublicKey: string
  linkPrivateKey: string
  /** The new link token sealed to each quote it replaces, by that quote's id. */
  replacedLinks: { id: string; sealed: string }[]
  repId: string
  expectedVersion: number
  at: string
}

/**
 * Sends a draft (status, link, content hash), then marks every other sent or viewed revision of
 * the lead `replaced` by it, with an event row for each.
 */
export function sendStatements(
  db: D1Database,
  siteId: string,
  q: QuoteRow,
  s: Sending,
  actor: Actor,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE quotes SET status = 'sent', token_hash = ?3, content_hash = ?4, sent_at = ?5, rep_id = ?6,
           last_event_id = ?7, link_public_key = ?9, link_private_key = ?10, updated_at = ?5,
           version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND status = 'draft' AND version = ?8`,
      )
      .bind(
        siteId,
        q.id,
        s.tokenHash,
        s.contentHash,
        s.at,
        s.repId,
        s.eventId,
        s.expectedVersion,
        s.linkPublicKey,
        s.linkPrivateKey,
      ),
    quoteEventStatement(db, siteId, q.id, s.eventId, 'sent', actor, { revision: q.revision }, s.at),
    db
      .prepare(
        `UPDATE quotes SET status = 'replaced', replaced_by = ?3, updated_at = ?4, version = version + 1
         WHERE site_id = ?1 AND lead_id = ?2 AND id <> ?3 AND status IN ('sent', 'viewed')`,
      )
      .bind(siteId, q.lead_id, q.id, s.at),
    // Each replaced quote keeps the new link sealed to its own key (only if this replaced it).
    ...s.replacedLinks.map((r) =>
      db
        .prepare(
          `UPDATE quotes SET replaced_by_link = ?4
           WHERE site_id = ?1 AND id = ?2 AND replaced_by = ?3 AND status = 'replaced'`,
        )
        .bind(siteId, r.id, q.id, r.sealed),
    ),
    db
      .prepare(
        `INSERT INTO quote_events (id, site_id, quote_id, event, actor_type, actor_id, detail, at)
         SELECT 'qe_' || lower(hex(randomblob(10))), site_id, id, 'replaced', ?4, ?5,
                json_object('replacedBy', ?3), ?6
           FROM quotes WHERE site_id = ?1 AND lead_id = ?2 AND replaced_by = ?3 AND updated_at = ?6`,
      )
      .bind(siteId, q.lead_id, q.id, actor.type, actor.id, s.at),
  ]
}

/** A rep revokes a sent or viewed quote: its link then only says so. */
export function revokeStatements(
  db: D1Database,
  siteId: string,
  q: QuoteRow,
  eventId: string,
  actor: Actor,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE quotes SET status = 'revoked', last_event_id = ?3, updated_at = ?4, version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND status IN ('sent', 'viewed')`,
      )
      .bind(siteId, q.id, eventId, at),
    quoteEventStatement(db, siteId, q.id, eventId, 'revoked', actor, {}, at),
  ]
}

/** The visitor declines a sent or viewed quote that has not expired. */
export function declineStatements(
  db: D1Database,
  q: QuoteRow,
  eventId: string,
  reason: string | null,
  today: string,
  at: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE quotes SET status = 'declined', declined_at = ?3, decline_reason = ?4, last_event_id = ?5,
           updated_at = ?3, version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND status IN ('sent', 'viewed') AND valid_until >= ?6`,
      )
      .bind(q.site_id, q.id, at, reason, eventId, today),
    quoteEventStatement(
      db,
      q.site_id,
      q.id,
      eventId,
      'declined',
      { type: 'visitor', id: null },
      { reason },
      at,
    ),
  ]
}

export interface Acceptance {
  /** Whether the store issues the invoice at acceptance (else a rep does, by hand). */
  issueInvoice: boolean
  eventId: string
  invoiceId: string
  /** The invoice's ETTN, a v4 UUID. */
  ettn: string
  fullName: string
  revision: number
  today: string
  dueDate: string
  at: string
}

/**
 * Accepts the quote and issues its invoice in one batch. The invoice takes the store's next
 * number from `invoice_counters` (created on first use) and bumps it in the same transaction,
 * so concurrent acceptances of different quotes get consecutive numbers: no gap, no duplicate.
 * When the acceptance's guarded update matched nothing, the event insert fails and the counter
 * is left as it was. The guard is the quote's state (sent or viewed, this revision, still valid),
 * not its version, as for declining and revoking: the widget's view report moves a sent quote to
 * viewed and bumps the version, and when it lands between the acceptance's read and its write it
 * must not turn the visitor's acceptance into a 409.
 */
export function acceptStatements(
  db: D1Database,
  q: QuoteRow,
  a: Acceptance,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE quotes SET status = 'accepted', accepted_at = ?3, accepted_name = ?4, accepted_revision = revision,
           last_event_id = ?5, updated_at = ?3, version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND status IN ('sent', 'viewed') AND revision = ?6
           AND valid_until >= ?7`,
      )
      .bind(q.site_id, q.id, a.at, a.fullName, a.eventId, a.revision, a.today),
    quoteEventStatement(
      db,
      q.site_id,
      q.id,
      a.eventId,
      'accepted',
      { type: 'visitor', id: null },
      { fullName: a.fullName, revision: a.revision, contentHash: q.content_hash },
      a.at,
    ),
    ...(a.issueInvoice ? issueInvoiceStatements(db, q, a) : []),
  ]
}

/**
 * A rep issues the invoice of an accepted quote by hand: a guarded update (accepted, no invoice
 * yet) and its event, then the invoice. A second issue fails on the event (or on the invoice's
 * UNIQUE quote_id) and writes nothing.
 */
export function manualInvoiceStatements(
  db: D1Database,
  q: QuoteRow,
  a: Issue,
  userId: string,
): [D1PreparedStatement, ...D1PreparedStatement[]] {
  return [
    db
      .prepare(
        `UPDATE quotes SET last_event_id = ?3, updated_at = ?4, version = version + 1
         WHERE site_id = ?1 AND id = ?2 AND status = 'accepted'
           AND NOT EXISTS (SELECT 1 FROM invoices WHERE site_id = ?1 AND quote_id = ?2)`,
      )
      .bind(q.site_id, q.id, a.eventId, a.at),
    quoteEventStatement(
      db,
      q.site_id,
      q.id,
      a.eventId,
      'invoice_issued',
      { type: 'user', id: userId },
      { invoiceId: a.invoiceId },
      a.at,
    ),
    ...issueInvoiceStatements(db, q, a),
  ]
}

/**
 * The store's quote settings (invoices at acceptance unless it chose otherwise; no tax rates of
 * its own unless it added some).
 */
export async function getQuoteSettings(db: D1Database, siteId: string): Promise<QuoteSettings> {
  const row = await db
    .prepare('SELECT invoice_on_accept, tax_rates FROM quote_settings WHERE site_id = ?1')
    .bind(siteId)
    .first<{ invoice_on_accept: number; tax_rates: string }>()
  return {
    invoiceOnAccept: row ? row.invoice_on_accept === 1 : true,
    taxRatesBps: row ? (JSON.parse(row.tax_rates) as number[]) : [],
  }
}

export const putQuoteSettingsStatement = (
  db: D1Database,
  siteId: string,
  s: QuoteSettings,
  at: string,
) =>
  db
    .prepare(
      `INSERT INTO quote_settings (site_id, invoice_on_accept, tax_rates, updated_at)
       VALUES (?1, ?2, ?3, ?4)
       ON CONFLICT (site_id) DO UPDATE SET invoice_on_accept = ?2, tax_rates = ?3, updated_at = ?4`,
    )
    .bind(siteId, s.invoiceOnAccept ? 1 : 0, JSON.stringify(s.taxRatesBps), at)

/** A view of a quote: who saw which sections, and whether it was the store's own rep. */
export const viewStatement = (
  db: D1Database,
  q: QuoteRow,
  v: { id: string; sections: string[]; byRep: boolean; at: string },
) =>
  db
    .prepare(
      `INSERT INTO quote_views (id, site_id, quote_id, at, sections, by_rep)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(v.id, q.site_id, q.id, v.at, JSON.stringify(v.sections), v.byRep ? 1 : 0)

/** A visitor's first view moves a sent quote to viewed (it changes nothing after that). */
export const markViewedStatement = (db: D1Database, q: QuoteRow, at: string) =>
  db
    .prepare(
      `UPDATE quotes SET status = 'viewed', viewed_at = ?3, updated_at = ?3, version = version + 1
       WHERE site_id = ?1 AND id = ?2 AND status = 'sent'`,
    )
    .bind(q.site_id, q.id, at)

export interface ViewSummary {
  /** Views by visitors; the store's own reps' views are kept but not counted. */
  count: number
  lastAt: string | null
  /** Every section any counted view saw. */
  sections: string[]
  byReps: number
}

export async function viewSummary(
  db: D1Database,
  siteId: string,
  quoteId: string,
): Promise<ViewSummary> {
  const row = await db
    .prepare(
      `SELECT count(*) FILTER (WHERE by_rep = 0) AS n, max(at) FILTER (WHERE by_rep = 0) AS last,
              count(*) FILTER (WHERE by_rep = 1) AS reps,
              (SELECT json_group_array(DISTINCT s.value) FROM quote_views w, json_each(w.sections) s
                WHERE w.site_id = ?1 AND w.quote_id = ?2 AND w.by_rep = 0) AS sections
         FROM quote_views WHERE site_id = ?1 AND quote_id = ?2`,
    )
    .bind(siteId, quoteId)
    .first<{ n: number; last: string | null; reps: number; sections: string }>()
  return {
    count: row?.n ?? 0,
    lastAt: row?.last ?? null,
    sections: (JSON.parse(row?.sections ?? '[]') as string[]).sort(),
    byReps: row?.reps ?? 0,
  }
}

/** The link a sent quote's messages cite (`{{quoteLink}}`): the one its e-mail brought. */
export const keepLinkStatement = (db: D1Database, siteId: string, quoteId: string, link: string) =>
  db
    .prepare('UPDATE quotes SET message_link = ?3 WHERE site_id = ?1 AND id = ?2')
    .bind(siteId, quoteId, link)

/** A revoked or replaced quote's link is no longer cited by messages. */
export const forgetLinksStatement = (db: D1Database, siteId: string, leadId: string) =>
  db
    .prepare(
      `UPDATE quotes SET message_link = NULL
        WHERE site_id = ?1 AND lead_id = ?2 AND status IN ('revoked', 'replaced') AND message_link IS NOT NULL`,
    )
    .bind(siteId, leadId)

export interface ExpiringQuote {
  id: string
  site_id: string
  lead_id: string
  revision: number
  status: 'sent' | 'viewed'
  valid_until: string
  time_zone: string
}

/**
 * Sent or viewed quotes valid until before `date` (UTC) that have not raised `quote.expired`
 * yet, with their store's zone, oldest first.
 */
export async function sentQuotesDueBy(db: D1Database, date: string, limit: number) {
  const { results } = await db
    .prepare(
      `SELECT q.id, q.site_id, q.lead_id, q.revision, q.status, q.valid_until, s.time_zone
         FROM quotes q JOIN sites s ON s.id = q.site_id
        WHERE q.status IN ('sent', 'viewed') AND q.valid_until < ?1
          AND NOT EXISTS (SELECT 1 FROM events e
                           WHERE e.site_id = q.site_id AND e.dedupe_key = 'quote.expired:' || q.id)
        ORDER BY q.valid_until LIMIT ?2`,
    )
    .bind(date, limit)
    .all<ExpiringQuote>()
  return results
}
