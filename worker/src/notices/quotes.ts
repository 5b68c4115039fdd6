/**
 * What quote and invoice changes announce, in their own batch: the pipeline event (webhooks)
 * and, when a quote is sent, the e-mail with its link. A quote's state change fails its whole
 * batch when it did not apply (db/quotes.ts), so these need no guard.
 */
import type { EventType, Locale } from '../../../contract'
import { noticeContact } from '../db/contacts'
import { eventStatements } from '../db/events'
import { enqueueStatement } from '../db/outbox'
import { keepLinkStatement, type QuoteRow } from '../db/quotes'
import { getSiteById } from '../db/sites'
import { WORKER_TEXTS, plainText } from '../i18n/messages'

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
  statements.push(keepLinkStatement(db, q.site_id, q.id, link))
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
