/**
 * What the console's browser tests share: a stubbed admin API (fetch answered by route, every
 * call recorded), a signed-in owner, and mounting the console.
 */
import * as v from 'valibot'
import { vi } from 'vitest'
import { MeSchema } from '../../contract'
import { KEY_STORAGE } from './session'

export const KEY = 'sk_' + 'A'.repeat(40)

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

export const ME = v.parse(MeSchema, {
  user: { id: 'us_1', name: 'Ayşe Owner', email: 'owner@example.com', role: 'owner' },
  site: { id: 'st_1', siteKey: 'pk_' + 'B'.repeat(24), name: 'Demo Mağaza' },
})

export const REP_ME = v.parse(MeSchema, {
  ...ME,
  user: { id: 'us_2', name: 'Rıza Rep', email: 'rep@example.com', role: 'rep' },
})

export interface Call {
  method: string
  path: string
  auth: string | null
  body: unknown
}

/**
 * Routes the stubbed fetch answers, keyed `'<METHOD> <path prefix>'` (the first key the call's
 * method and path start with wins); unknown routes get the API's 404. Every call is recorded.
 */
export function stubApi(routes: Record<string, (call: Call) => Response>): Call[] {
  const calls: Call[] = []
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), location.href)
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      auth: new Headers(init.headers).get('Authorization'),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    }
    calls.push(call)
    const route = Object.keys(routes).find((r) => `${call.method} ${call.path}`.startsWith(r))
    if (!route) return json({ error: { code: 'not_found', message: 'No such route.' } }, 404)
    return routes[route]!(call)
  })
  return calls
}

export const shadow = (el: Element | null | undefined): ShadowRoot => el!.shadowRoot!

/** Signs the tab in with `KEY` (as the sign-in would) and opens the console at `path`. */
export async function mountConsole(path = '/admin/', signedIn = false): Promise<HTMLElement> {
  if (signedIn) sessionStorage.setItem(KEY_STORAGE, KEY)
  history.replaceState(null, '', path)
  const el = document.createElement('leadline-console')
  document.body.append(el)
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete
  return el
}
