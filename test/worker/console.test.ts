/**
 * The console route (`/admin`, `/admin/*`) in workerd: the page for every console path under
 * its CSP, files as files, and plain 503/404 answers in the error envelope when the console is
 * not built or a file is missing. The admin API under `/admin/api` is never answered with the
 * console's page.
 */
import { describe, expect, it } from 'vitest'
import { CONSOLE_CSP } from '../../worker/src/routes/console'
import { consoleAssets } from './areas/console'
import { call } from './helpers'

const BASE = 'https://leadline.test'

const get = (path: string, ASSETS?: Fetcher) =>
  call(new Request(BASE + path), { ASSETS: ASSETS as Fetcher })

/** An assets binding that fails the way a platform outage would. */
const brokenAssets = {
  fetch: async () => new Response('upstream error', { status: 500 }),
  connect() {
    throw new Error('not a socket')
  },
} as unknown as Fetcher

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status)
  const body = (await res.json()) as { error: { code: string; message: string } }
  expect(body.error.code).toBe(code)
  expect(JSON.stringify(body)).not.toMatch(/at |stack|\.ts:|Error:/)
}

describe('the console route', () => {
  it('answers the page for every console path, with its CSP and never cached', async () => {
    for (const path of ['/admin', '/admin/', '/admin/leads/ld_1', '/admin/settings/team']) {
      const res = await get(path, consoleAssets)
      expect(res.status, path).toBe(200)
      expect(await res.text()).toContain('<leadline-console>')
      expect(res.headers.get('Content-Security-Policy')).toBe(CONSOLE_CSP)
      expect(res.headers.get('Cache-Control')).toBe('no-store')
    }
  })

  it('answers hashed files as immutable files', async () => {
    const res = await get('/admin/assets/index-abc123.js', consoleAssets)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
  })

  it('answers 404 for a missing file instead of the page', async () => {
    await expectError(await get('/admin/assets/gone-000.js', consoleAssets), 404, 'not_found')
  })

  it('answers 503 when the console is not built (no assets binding)', async () => {
    await expectError(await get('/admin/', undefined), 503, 'unavailable')
    await expectError(await get('/admin/leads', undefined), 503, 'unavailable')
  })

  it('answers 503 when the assets cannot be read', async () => {
    await expectError(await get('/admin/', brokenAssets), 503, 'unavailable')
  })

  it('leaves /admin/api to the API: no key is a 401, not the page', async () => {
    await expectError(await get('/admin/api/leads', consoleAssets), 401, 'unauthorized')
    await expectError(await get('/admin/api', consoleAssets), 401, 'unauthorized')
  })
})
