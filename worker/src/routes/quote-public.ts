/**
 * The public quote API `<leadline-quote>` calls through a quote's unguessable link token: read
 * it, log a view, accept it (which moves the lead to `deal` and issues the invoice in the same
 * batch) or decline it. Reads need no Origin; writes come from one of the store's origins (or
 * carry an admin key of the store, for a rep's own view).
 *
 * A replaced quote's link says `replaced` and gives the newer revision's link in
 * `replacedByUrl`: that token is stored sealed so that only the old link's token opens it
 * (quotes/links.ts); no link token is ever stored in clear.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import {
  type PublicQuote,
  PublicQuoteSchema,
  QuoteAcceptSchema,
  QuoteAcceptedSchema,
  QuoteDeclineSchema,
  QuoteViewLoggedSchema,
  QuoteViewSchema,
} from '../../../contract'
import { quoteTotals } from '../../../contract/pricing'
import type { AppEnv } from '../env'
import { localDate } from '../booking/time'
import { getQuoteByToken, quoteFromRow, type QuoteRow } from '../db/quotes'
import { getDeliverySettings } from '../db/delivery-settings'
import { getSiteById, type SiteRow } from '../db/sites'
import { authenticate, getUser } from '../db/users'
import { ApiError } from '../lib/errors'
import { sha256Hex } from '../lib/ids'
import { requireJson } from '../middleware/body'
import { describeRoute, validate } from '../openapi/describe'
import { idempotent } from '../middleware/idempotency'
import { shownStatus } from '../quotes'
import { openNewerToken, quotePageLink } from '../quotes/links'
import { acceptQuote, declineQuote } from '../usecases/answer-quote'
import { logQuoteView } from '../usecases/view-quote'

const TokenParam = validate(
  'param',
  v.object({ token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}$/)) }),
)

const BEARER = /^Bearer (sk_[A-Za-z0-9]{16,128})$/

/** The quote a link token points to, with its store; 404 for unknown, tampered or old drafts. */
async function quoteOf(c: Context<AppEnv>): Promise<{ q: QuoteRow; site: SiteRow }> {
  const q = await getQuoteByToken(c.env.DB, await sha256Hex(c.req.param('token') ?? ''))
  const site = q ? await getSiteById(c.env.DB, q.site_id) : null
  if (!q || !site) throw new ApiError('not_found', 'This quote link is not valid.')
  return { q, site }
}

const today = (site: SiteRow) => localDate(Date.now(), site.time_zone)

/** Whether the request carries an admin key of this quote's store (a rep looking at it). */
async function isRepOf(c: Context<AppEnv>, siteId: string): Promise<boolean> {
  const match = BEARER.exec(c.req.header('Authorization') ?? '')
  if (!match?.[1]) return false
  const auth = await authenticate(c.env.DB, match[1])
  return auth?.siteId === siteId
}

/**
 * Writes come from the store's own pages, or the quote page this worker hosts (`/q/:token`, its
 * own origin), or a rep of the store with their key.
 */
function admitOrigin(c: Context<AppEnv>, site: SiteRow, rep = false) {
  const origin = c.req.header('Origin')
  const allowed = site.origins.includes(origin ?? '') || origin === new URL(c.req.url).origin
  if (!rep && (origin === undefined || !allowed)) {
    c.set('originRefused', true)
    throw new ApiError('forbidden', 'This origin is not allowed for this store.')
  }
  c.set('site', site)
}

/** The newer revision's page link of a replaced quote, opened with this link's token. */
async function replacedByUrl(c: Context<AppEnv>, q: QuoteRow): Promise<string | null> {
  if (q.status !== 'replaced' || !q.replaced_by_link || !q.link_private_key) return null
  const token = c.req.param('token') ?? ''
  const newer = await openNewerToken(q.id, token, q.link_private_key, q.replaced_by_link)
  if (!newer) return null
  const { quotePageUrl } = await getDeliverySettings(c.env.DB, q.site_id)
  return quotePageLink(new URL(c.req.url).origin, quotePageUrl, newer)
}

async function publicView(c: Context<AppEnv>, q: QuoteRow, site: SiteRow): Promise<PublicQuote> {
  const rep = await getUser(c.env.DB, site.id, q.rep_id)
  const quote = quoteFromRow(q)
  const status = shownStatus(q.status, q.valid_until, today(site))
  // A revoked link ends access: it says so and shows nothing of the quote.
  const hidden = status === 'revoked'
  return {
    status,
    title: hidden ? '' : quote.title,
    storeName: site.name,
    repName: rep?.name ?? '',
    currency: quote.currency,
    locale: site.locale,
    validUntil: quote.validUntil,
    sections: hidden ? { problems: [], solutions: [], timeline: [], faq: [] } : quote.sections,
    lines: hidden ? [] : quote.lines,
    notes: hidden ? null : quote.notes,
    totals: hidden ? quoteTotals([]) : quote.totals,
    revision: quote.revision,
    replacedByUrl: await replacedByUrl(c, q),
    acceptedAt: quote.acceptedAt,
    acceptedName: quote.acceptedName,
  }
}

export const quotePublicRoutes = new Hono<AppEnv>()
  .get(
    '/:token',
    describeRoute({
      operationId: 'getQuoteByToken',
      summary: 'A quote through its link',
      description:
        'Status `expired` after its validity date; a revoked quote shows only its ' +
        'status; a replaced one says so.',
      tag: 'Quotes',
      success: { status: 200, description: 'The quote.', schema: PublicQuoteSchema },
      errors: [404, 422, 500, 503],
    }),
    TokenParam,
    async (c) => {
      const { q, site } = await quoteOf(c)
      const origin = c.req.header('Origin')
      if (origin !== undefined && site.origins.includes(origin)) c.set('site', site)
      return c.json(await publicView(c, q, site))
    },
  )
  .post(
    '/:token/view',
    describeRoute({
      operationId: 'logQuoteView',
      summary: 'Log a view of a quote with the sections seen',
      description:
        "Every view is logged; a view with the store's admin key counts as a rep's and " +
        'does not count. The first visitor view marks the quote viewed.',
      tag: 'Quotes',
      idempotencyKey: 'optional',
      success: { status: 201, description: 'The view.', schema: QuoteViewLoggedSchema },
      errors: [403, 404, 409, 413, 415, 422, 500, 503],
    }),
    TokenParam,
    requireJson(),
    validate('json', QuoteViewSchema),
    async (c) => {
      const { q, site } = await quoteOf(c)
      const byRep = await isRepOf(c, site.id)
      admitOrigin(c, site, byRep)
      if (q.status === 'revoked') throw new ApiError('conflict', 'This quote was revoked.')
      return idempotent(c, site.id, { required: false }, async (idem) => {
        const deps = { db: c.env.DB, now: new Date() }
        const input = { sections: c.req.valid('json').sections, byRep }
        return c.json(await logQuoteView(deps, q, input, idem), 201)
      })
    },
  )
  .post(
    '/:token/accept',
    describeRoute({
      operationId: 'acceptQuote',
      summary: 'Accept a quote: records who, when, the revision and a hash of its content',
      description:
        'Moves the lead to `deal` and issues the invoice in the same write, numbered per ' +
        'store without gaps. Refused (409) when expired, revoked, replaced, declined, ' +
        'already accepted or for another revision.',
      tag: 'Quotes',
      idempotencyKey: 'required',
      success: { status: 200, description: 'The accepted quote.', schema: QuoteAcceptedSchema },
      errors: [400, 403, 404, 409, 413, 415, 422, 500, 503],
    }),
    TokenParam,
    requireJson(),
    validate('json', QuoteAcceptSchema),
    async (c) => {
      const { q, site } = await quoteOf(c)
      admitOrigin(c, site)
      return idempotent(c, site.id, { required: true }, async (idem) => {
        const deps = { db: c.env.DB, now: new Date() }
        const input = c.req.valid('json')
        const { body } = await acceptQuote(deps, q, site, input, {
          key: idem,
          body: async ({ quote, invoiceId }) => ({
            ...(await publicView(c, quote, site)),
            invoiceId,
          }),
        })
        return c.json(body, 200)
      })
    },
  )
  .post(
    '/:token/decline',
    describeRoute({
      operationId: 'declineQuote',
      summary: 'Decline a quote, with an optional reason',
      tag: 'Quotes',
      idempotencyKey: 'optional',
      success: { status: 200, description: 'The declined quote.', schema: PublicQuoteSchema },
      errors: [403, 404, 409, 413, 415, 422, 500, 503],
    }),
    TokenParam,
    requireJson(),
    validate('json', QuoteDeclineSchema),
    async (c) => {
      const { q, site } = await quoteOf(c)
      admitOrigin(c, site)
      return idempotent(c, site.id, { required: false }, async (idem) => {
        const deps = { db: c.env.DB, now: new Date() }
        const { body } = await declineQuote(deps, q, site, c.req.valid('json'), {
          key: idem,
          body: ({ quote }) => publicView(c, quote, site),
        })
        return c.json(body, 200)
      })
    },
  )
