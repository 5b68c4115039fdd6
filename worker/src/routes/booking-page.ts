/**
 * The booking page this worker hosts at `/b/:siteKey`, for links in messages when the store has
 * no page of its own to send people to: `<leadline-booking>` loaded by the store's own script
 * tag (see hosted-page.ts). It is the store's booking page, so it works as one does:
 *
 * - `?leadline_booking=TOKEN` opens the booking's management view (reschedule, cancel; with
 *   `&leadline_action=` one of them at once), as on a store's page. A token that does not open a
 *   booking of this store gets the 404 page (a moved booking's old link among them).
 * - `?lead=ID` books for that lead of the store (a sequence's `{{bookingLink}}`), so the visitor
 *   is not asked who they are again; an id the store does not have is left out.
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import { IdSchema, SiteKeySchema } from '../../../contract'
import type { AppEnv } from '../env'
import { getBookingByToken } from '../db/booking'
import { getLead } from '../db/leads'
import { getSiteByKeyCached } from '../db/sites'
import { WORKER_TEXTS } from '../i18n/messages'
import { escapeHtml } from '../lib/html'
import { sha256Hex } from '../lib/ids'
import { elementPage, unknownLinkPage } from './hosted-page'
import { ERRORS, describeRoute } from '../openapi/describe'

const TokenSchema = v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}$/))

const unknown = (key: 'unknown' | 'unknownBooking') => ({
  tr: WORKER_TEXTS.tr.bookingPage[key],
  en: WORKER_TEXTS.en.bookingPage[key],
})

export const bookingPageRoutes = new Hono<AppEnv>().get(
  '/:siteKey',
  describeRoute({
    operationId: 'getBookingPage',
    summary: "The store's booking page this worker hosts, for links in messages",
    description:
      'What booking e-mails, calendar invites and `{{bookingLink}}` open when the ' +
      "store has no page of its own for them: an HTML page with the store's script tag " +
      'and `<leadline-booking>`, under a strict CSP, never cached, framed or indexed. ' +
      '`?leadline_booking=TOKEN` opens that booking to reschedule or cancel (a token ' +
      'that opens no booking of this store answers 404); `?lead=ID` books for that ' +
      'lead. Booking, rescheduling and cancelling are allowed from this origin. An ' +
      'unknown store answers 404 with a page in both languages.',
    tag: 'Booking',
    request: {
      params: v.object({ siteKey: SiteKeySchema }),
      query: v.object({
        leadline_booking: v.optional(TokenSchema),
        leadline_action: v.optional(v.picklist(['reschedule', 'cancel'])),
        lead: v.optional(IdSchema),
      }),
    },
    success: { status: 200, description: 'An HTML page.', contentType: 'text/html' },
    errors: [404, ...ERRORS.server],
  }),
  async (c) => {
    const db = c.env.DB
    const key = v.safeParse(SiteKeySchema, c.req.param('siteKey'))
    const site = key.success ? await getSiteByKeyCached(db, key.output, Date.now()) : null
    if (!site) return unknownLinkPage(c, unknown('unknown'))
    const token = c.req.query('leadline_booking')
    if (token !== undefined) {
      const valid = v.safeParse(TokenSchema, token)
      const booking = valid.success
        ? await getBookingByToken(db, await sha256Hex(valid.output))
        : null
      if (booking?.site_id !== site.id) return unknownLinkPage(c, unknown('unknownBooking'))
    }
    const leadParam = v.safeParse(IdSchema, c.req.query('lead'))
    const lead =
      token === undefined && leadParam.success ? await getLead(db, site.id, leadParam.output) : null
    const t = WORKER_TEXTS[site.locale].bookingPage
    // The element reads the token from the address itself, and puts a moved booking's new one there.
    const element = lead
      ? `<leadline-booking lead-id="${escapeHtml(lead.id)}"></leadline-booking>`
      : '<leadline-booking></leadline-booking>'
    return elementPage(c, site, t.title(site.name), element, t.noScript)
  },
)
