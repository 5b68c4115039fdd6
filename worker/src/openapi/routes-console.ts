/** The admin console's pages (worker/src/routes/console.ts), documented as data (see routes.ts). */
import * as v from 'valibot'
import type { RouteDoc } from './routes'

export const CONSOLE_SCHEMAS = {} satisfies Record<string, v.GenericSchema>

const tag = 'Console'
const description =
  'The admin console’s built files (`dist/public/admin/`); a path that is not a file gets the ' +
  'console’s `index.html`. Served with a strict Content-Security-Policy (own scripts, styles ' +
  'and API only; no framing), `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`; the ' +
  'page is `no-store`, hashed files under `/admin/assets/` are cached for a year. 503 when the ' +
  'console is not built; `/admin/api/*` is never answered here.'

export const CONSOLE_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin',
    operationId: 'getConsole',
    summary: 'The admin console',
    description,
    tag,
    auth: 'none',
    success: { status: 200, description: 'The console’s page.', contentType: 'text/html' },
    errors: [503],
  },
  {
    method: 'get',
    path: '/admin/*',
    operationId: 'getConsoleFile',
    summary: 'A page or file of the admin console',
    description,
    tag,
    auth: 'none',
    success: {
      status: 200,
      description: 'The console’s page, or one of its files (scripts, styles).',
      contentType: 'text/html',
    },
    errors: [404, 503],
  },
]
