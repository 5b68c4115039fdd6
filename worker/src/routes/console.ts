/**
 * The admin console at `/admin`: its built files (`dist/public/admin/`, see console/) read
 * through the `ASSETS` binding, with a strict CSP. Paths that are not files get `index.html`
 * (the console routes on the client); `/admin/api/*` is never answered here.
 */
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../env'
import { ApiError } from '../lib/errors'
import { describeRoute } from '../openapi/describe'

/**
 * Only our own scripts, styles and API. Lit styles through constructable stylesheets
 * (`adoptedStyleSheets`), which `style-src` does not govern, so no 'unsafe-inline' is needed.
 * https://www.w3.org/TR/CSP3/#directive-style-src
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** A last path segment with an extension names a file; anything else is a console page. */
const isFilePath = (path: string) => /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1))

/**
 * Asks the assets binding for a path, following its own redirects (its HTML handling sends
 * `/admin/index.html` to `/admin/`), at most twice.
 */
async function fetchAsset(assets: Fetcher, url: URL): Promise<Response> {
  let res = await assets.fetch(new Request(url, { method: 'GET' }))
  for (let hop = 0; hop < 2 && res.status >= 300 && res.status < 400; hop++) {
    const location = res.headers.get('Location')
    if (!location) break
    res = await assets.fetch(new Request(new URL(location, url), { method: 'GET' }))
  }
  return res
}

async function serveConsole(c: Context<AppEnv>): Promise<Response> {
  const path = c.req.path
  if (path === '/admin/api' || path.startsWith('/admin/api/')) {
    throw new ApiError('not_found', 'No such route.')
  }
  const assets = c.env.ASSETS
  const unbuilt = new ApiError('unavailable', 'The console is not built.')
  if (!assets) throw unbuilt
  const file = isFilePath(path)
  const res = await fetchAsset(assets, new URL(file ? path : '/admin/index.html', c.req.url))
  if (res.status === 404) {
    if (file) throw new ApiError('not_found', 'No such file.')
    throw unbuilt
  }
  if (!res.ok) throw new ApiError('unavailable', 'The console could not be read.')
  const out = new Response(res.body, res)
  const html = !file || path.endsWith('.html')
  out.headers.set('Content-Security-Policy', CONSOLE_CSP)
  out.headers.set('X-Frame-Options', 'DENY')
  out.headers.set('Referrer-Policy', 'no-referrer')
  // Hashed names change with their content; the page itself must always be fetched anew.
  out.headers.set(
    'Cache-Control',
    html || !path.startsWith('/admin/assets/') ? 'no-store' : 'public, max-age=31536000, immutable',
  )
  if (html) out.headers.set('Content-Type', 'text/html; charset=utf-8')
  return out
}

/** How both console routes serve, for the document. */
const SERVED =
  'The admin console’s built files (`dist/public/admin/`); a path that is not a ' +
  'file gets the console’s `index.html`. Served with a strict ' +
  'Content-Security-Policy (own scripts, styles and API only; no framing), ' +
  '`X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`; the page is ' +
  '`no-store`, hashed files under `/admin/assets/` are cached for a year. 503 when ' +
  'the console is not built; `/admin/api/*` is never answered here.'

export const consoleRoutes = new Hono<AppEnv>()
  .get(
    '/admin',
    describeRoute({
      operationId: 'getConsole',
      summary: 'The admin console',
      description: SERVED,
      tag: 'Console',
      success: { status: 200, description: 'The console’s page.', contentType: 'text/html' },
      errors: [503],
    }),
    serveConsole,
  )
  .get(
    '/admin/*',
    describeRoute({
      operationId: 'getConsoleFile',
      summary: 'A page or file of the admin console',
      description: SERVED,
      tag: 'Console',
      success: {
        status: 200,
        description: 'The console’s page, or one of its files (scripts, styles).',
        contentType: 'text/html',
      },
      errors: [404, 503],
    }),
    serveConsole,
  )
