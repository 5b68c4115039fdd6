/**
 * The admin console's part of the route-wide tests. The worker tests do not build the console,
 * so the requests carry an `ASSETS` binding that answers like the platform's assets binding over
 * a built console (the index page and one hashed script); without one the routes answer 503.
 */
import { call } from '../helpers'
import type { AreaRequests } from './types'

const BASE = 'https://leadline.test'

const FILES: Record<string, [type: string, body: string]> = {
  '/admin/': ['text/html', '<!doctype html><leadline-console></leadline-console>'],
  '/admin/assets/index-abc123.js': ['text/javascript', 'export {}'],
}

/** Answers like Workers static assets with `html_handling = "auto-trailing-slash"`. */
export const consoleAssets = {
  async fetch(input: RequestInfo | URL): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.pathname === '/admin/index.html') {
      return new Response(null, { status: 307, headers: { Location: '/admin/' } })
    }
    const file = FILES[url.pathname]
    if (!file) return new Response('Not Found', { status: 404 })
    return new Response(file[1], { headers: { 'Content-Type': file[0] } })
  },
  connect() {
    throw new Error('not a socket')
  },
} as unknown as Fetcher

export async function consoleRequests(): Promise<AreaRequests> {
  return {
    getConsole: () => call(new Request(`${BASE}/admin`), { ASSETS: consoleAssets }),
    getConsoleFile: () => call(new Request(`${BASE}/admin/board`), { ASSETS: consoleAssets }),
  }
}
