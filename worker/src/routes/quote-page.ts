/**
 * The quote page this worker hosts at `/q/:token`, for stores without a quote page of their own
 * (`quotePageUrl` in the messaging settings): the same `<leadline-quote>` as on a store's page,
 * loaded by the store's own script tag, under the console's CSP (scripts, styles and API calls
 * from this origin only, never framed). The token stays out of referrers, caches and search
 * engines; an unknown, tampered or draft link gets a 404 page in both languages.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import type { Locale } from '../../../contract'
import type { AppEnv } from '../env'
import { getQuoteByToken } from '../db/quotes'
import { getSiteById } from '../db/sites'
import { WORKER_TEXTS } from '../i18n/messages'
import { escapeHtml } from '../lib/html'
import { sha256Hex } from '../lib/ids'
import { validate } from '../middleware/body'
import { CONSOLE_CSP } from './console'

const TokenParam = validate(
  'param',
  v.object({ token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{32}$/)) }),
)

function page(
  c: Context<AppEnv>,
  status: 200 | 404,
  locale: Locale,
  title: string,
  head: string,
  body: string,
) {
  c.header('Content-Security-Policy', CONSOLE_CSP)
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  c.header('X-Frame-Options', 'DENY')
  c.header('X-Robots-Tag', 'noindex')
  return c.html(
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>${head}</head>` +
      `<body><main>${body}</main></body></html>`,
    status,
  )
}

export const quotePageRoutes = new Hono<AppEnv>().get('/:token', TokenParam, async (c) => {
  const token = c.req.valid('param').token
  const q = await getQuoteByToken(c.env.DB, await sha256Hex(token))
  const site = q ? await getSiteById(c.env.DB, q.site_id) : null
  if (!site) {
    const [tr, en] = [WORKER_TEXTS.tr.quotePage, WORKER_TEXTS.en.quotePage]
    return page(
      c,
      404,
      'tr',
      `${tr.unknown} / ${en.unknown}`,
      '',
      `<p>${tr.unknown}</p><p lang="en">${en.unknown}</p>`,
    )
  }
  const t = WORKER_TEXTS[site.locale].quotePage
  return page(
    c,
    200,
    site.locale,
    t.title(site.name),
    `<script src="/embed.js" data-site="${escapeHtml(site.public_key)}" async></script>`,
    `<leadline-quote token="${token}"></leadline-quote><noscript>${escapeHtml(t.noScript)}</noscript>`,
  )
})
