/**
 * What quote and invoice changes queue in their own batch: the pipeline event (webhooks) and,
 * when a quote is sent, the e-mail with its link. A quote's state
 * change fails its whole batch when it did not apply (db/quotes.ts), so these need no guard.
 */
import type { EventType, Locale } from '../../../contract'
import { WORKER_TEXTS, plainText } from '../i18n/messages'
import { eventStatements } from './events'
import { noticeContact } from './booking-notices'
import { enqueueStatement } from './outbox'
import type { QuoteRow } from './quotes'
import { getSiteById } from './sites'

type QuoteEvent = Extract<EventType, `quote.${string}` | `invoice.${string}`>

/** The event row of a quote or invoice change and the webhook messages it causes. */
export function quoteEventStatements(
  db: D1Database,
  q: Pick<QuoteRow, 'id' | 'site_id' | 'lead_id'> & { revision?: number },
  type: QuoteEvent,
  at: string,
  data: Record<string, unknown> = {},
  dedupeKey?: string,
): D1PreparedStatement[] {
  const event = eventStatements(db, {
    siteId: q.site_id,
    type,
    leadId: q.lead_id,
    data: { quoteId: q.id, leadId: q.lead_id, revision: q.revision, ...data },
    at,
    dedupeKey,
  })
  return [event.record, ...event.effects]
}

/**
 * A sent quote: its event, its link (`link`: the store's quote page or the one this worker
 * hosts, quotes/links.ts), kept for messages that cite it (`{{quoteLink}}`), and the e-mail that
 * brings it to the contact.
 */
export async function quoteSentStatements(
  db: D1Database,
  q: QuoteRow,
  link: string,
  repName: string,
  now: Date,
): Promise<D1PreparedStatement[]> {
  const at = now.toISOString()
  const statements = quoteEventStatements(db, q, 'quote.sent', at)
  const [site, contact] = await Promise.all([
    getSiteById(db, q.site_id),
    noticeContact(db, q.site_id, q.lead_id),
  ])
  if (!site) return statements
  statements.push(
    db
      .prepare('UPDATE quotes SET message_link = ?3 WHERE site_id = ?1 AND id = ?2')
      .bind(q.site_id, q.id, link),
  )
  if (!contact?.email) return statements
  const locale: Locale =
    contact.locale === 'en' || contact.locale === 'tr' ? contact.locale : site.locale
  const t = WORKER_TEXTS[locale].quoteSent
  const html = t.body({
    name: contact.name ?? '',
    title: q.title,
    url: link,
    store: site.name,
    rep: repName,
  })
  statements.push(
    enqueueStatement(db, {
      siteId: q.site_id,
      channel: 'email',
      purpose: 'transactional',
      dedupeKey: `qt:${q.id}:sent`,
      recipient: contact.email,
      leadId: q.lead_id,
      payload: {
        locale,
        subject: t.subject({ store: site.name, title: q.title }),
        html,
        text: plainText(html),
      },
      sendAt: at,
      at,
    }),
  )
  return statements
}

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
