/**
 * What the pages this worker hosts for visitors share (the quote page `/q/:token` and the booking
 * page `/b/:siteKey`): one HTML shell that loads the store's own script tag and one Leadline
 * element, under the console's CSP (scripts, styles and API calls from this origin only), never
 * cached, framed or indexed, and sending no referrer (the links carry tokens); and a 404 page in
 * both languages for a link that is not valid.
 */
import type { Context } from 'hono'
import type { Locale } from '../../../contract'
import type { AppEnv } from '../env'
import { escapeHtml } from '../lib/html'
import { CONSOLE_CSP } from './console'

/** A hosted page's HTML, with the headers that keep its link private. */
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

/**
 * A store's element on a page of this worker: the store's script tag (`/embed.js` with its site
 * key) and `element`, the Leadline element's HTML, which the caller builds with escaped values.
 *
 * @example
 * elementPage(c, site, t.title(site.name), `<leadline-quote token="${token}"></leadline-quote>`, t.noScript)
 */
export function elementPage(
  c: Context<AppEnv>,
  site: { locale: Locale; public_key: string },
  title: string,
  element: string,
  noScript: string,
) {
  return page(
    c,
    200,
    site.locale,
    title,
    `<script src="/embed.js" data-site="${escapeHtml(site.public_key)}" async></script>`,
    `${element}<noscript>${escapeHtml(noScript)}</noscript>`,
  )
}

/** 404 for a link that is not valid, saying so in Turkish and English. */
export function unknownLinkPage(c: Context<AppEnv>, text: Record<Locale, string>) {
  return page(
    c,
    404,
    'tr',
    `${text.tr} / ${text.en}`,
    '',
    `<p>${escapeHtml(text.tr)}</p><p lang="en">${escapeHtml(text.en)}</p>`,
  )
}

/**
 * Whether a request comes from a page of this worker (the hosted quote and booking pages), whose
 * visitors act there as on the store's own pages.
 */
export const fromOwnPage = (c: Context<AppEnv>, origin: string | undefined): boolean =>
  origin !== undefined && origin === new URL(c.req.url).origin
