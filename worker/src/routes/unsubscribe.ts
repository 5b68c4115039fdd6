/**
 * One-click unsubscribe links of commercial e-mail and SMS: `GET /u/:id` shows a page that asks
 * (link scanners must not unsubscribe anyone); `POST /u/:id` unsubscribes, both from that page's
 * button and from mail clients' one-click (RFC 8058 `List-Unsubscribe-Post`), through
 * usecases/unsubscribe.ts. No script, no external resource, every value escaped.
 */
import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { IdSchema } from '../../../contract'
import type { AppEnv } from '../env'
import { findUnsubscribeTarget, type UnsubscribeTarget } from '../db/unsubscribe'
import { WORKER_TEXTS } from '../i18n/messages'
import { escapeHtml } from '../lib/html'
import { ERRORS, describeRoute, validate } from '../openapi/describe'
import { unsubscribe } from '../usecases/unsubscribe'

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

function page(
  c: Context<AppEnv>,
  locale: 'tr' | 'en',
  title: string,
  body: string,
  status: 200 | 404,
) {
  c.header('Content-Security-Policy', CSP)
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  return c.html(
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8">` +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;` +
      'max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}button{font:inherit;' +
      'padding:.6rem 1.2rem;border-radius:.4rem;border:0;background:#1f2937;color:#fff;cursor:pointer}' +
      `</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    status,
  )
}

const IdParam = validate('param', v.object({ id: IdSchema }))

async function target(c: Context<AppEnv>): Promise<UnsubscribeTarget | null> {
  return findUnsubscribeTarget(c.env.DB, c.req.param('id')!)
}

function unknown(c: Context<AppEnv>) {
  const t = WORKER_TEXTS.tr.unsubscribe
  const en = WORKER_TEXTS.en.unsubscribe
  return page(c, 'tr', `${t.title} / ${en.title}`, `<p>${t.unknown}</p><p>${en.unknown}</p>`, 404)
}

export const unsubscribeRoutes = new Hono<AppEnv>()
  .get(
    '/:id',
    describeRoute({
      operationId: 'getUnsubscribePage',
      summary: "A message's unsubscribe page (asks; changes nothing)",
      description:
        'The link in every commercial e-mail and SMS; `id` is the message id. The page ' +
        'asks for a confirmation so that link scanners never unsubscribe anyone. An ' +
        'unknown id answers 404 with the same kind of page.',
      tag: 'Delivery',
      success: { status: 200, description: 'An HTML page.', contentType: 'text/html' },
      errors: [400, 404, ...ERRORS.server],
    }),
    IdParam,
    async (c) => {
      const found = await target(c)
      if (!found) return unknown(c)
      const t = WORKER_TEXTS[found.locale].unsubscribe
      return page(
        c,
        found.locale,
        t.title,
        `<p>${escapeHtml(t.question(found.channel, found.store))}</p>` +
          `<form method="post"><button type="submit">${escapeHtml(t.confirm)}</button></form>`,
        200,
      )
    },
  )
  .post(
    '/:id',
    describeRoute({
      operationId: 'unsubscribe',
      summary: 'Unsubscribe from the channel of a message (one click, RFC 8058)',
      description:
        "What the page's button and mail clients' one-click unsubscribe " +
        '(`List-Unsubscribe-Post: List-Unsubscribe=One-Click`) post. Records the ' +
        "withdrawal of consent for the message's channel, ends the person's sequences on " +
        'it and cancels their queued commercial messages on it; a second time changes ' +
        'nothing.',
      tag: 'Delivery',
      success: {
        status: 200,
        description: 'An HTML page saying it is done.',
        contentType: 'text/html',
      },
      errors: [400, 404, ...ERRORS.server],
    }),
    IdParam,
    async (c) => {
      const found = await target(c)
      if (!found) return unknown(c)
      await unsubscribe({ db: c.env.DB, now: new Date() }, found)
      const t = WORKER_TEXTS[found.locale].unsubscribe
      return page(
        c,
        found.locale,
        t.title,
        `<p>${escapeHtml(t.done(found.channel, found.store))}</p>`,
        200,
      )
    },
  )
