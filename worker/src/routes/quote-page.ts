/**
 * The quote page this worker hosts at `/q/:token`, for stores without a quote page of their own
 * (`quotePageUrl` in the delivery settings): the same `<leadline-quote>` as on a store's page,
 * loaded by the store's own script tag, under the console's CSP (scripts, styles and API calls
 * from this origin only, never framed). The token stays out of referrers, caches and search
 * engines; an unknown, tampered or draft link gets a 404 page in both languages.
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import type { AppEnv } from '../env'
import { getQuoteByToken } from '../db/quotes'
import { getSiteById } from '../db/sites'
import { WORKER_TEXTS } from '../i18n/messages'
import { sha256Hex } from '../lib/ids'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { elementPage, unknownLinkPage } from './hosted-page'

const TokenParam = validate(
  'param',
  v.object({ token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}$/)) }),
)

export const quotePageRoutes = new Hono<AppEnv>().get(
  '/:token',
  describeRoute({
    operationId: 'getQuotePage',
    summary: "The quote's page this worker hosts, for stores without a quote page of their own",
    description:
      "What a sent quote's link opens when the store has no `quotePageUrl`: an HTML " +
      "page with the store's script tag and `<leadline-quote>`, under a strict CSP, " +
      'never cached, framed or indexed. Accept and decline are allowed from this ' +
      'origin. An unknown link answers 404 with a page in both languages.',
    tag: 'Quotes',
    success: { status: 200, description: 'An HTML page.', contentType: 'text/html' },
    errors: ERRORS.publicRead,
  }),
  TokenParam,
  async (c) => {
    const token = c.req.valid('param').token
    const q = await getQuoteByToken(c.env.DB, await sha256Hex(token))
    const site = q ? await getSiteById(c.env.DB, q.site_id) : null
    if (!site) {
      return unknownLinkPage(c, {
        tr: WORKER_TEXTS.tr.quotePage.unknown,
        en: WORKER_TEXTS.en.quotePage.unknown,
      })
    }
    const t = WORKER_TEXTS[site.locale].quotePage
    return elementPage(
      c,
      site,
      t.title(site.name),
      `<leadline-quote token="${token}"></leadline-quote>`,
      t.noScript,
    )
  },
)
