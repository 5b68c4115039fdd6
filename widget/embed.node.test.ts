/**
 * The built artifacts as a store would use them: a page on one origin pastes the snippet (twice)
 * under a strict Content-Security-Policy, and embed.js, the chunks and a fake API are served from
 * another origin, like the worker. Runs in Node with Debian's Chromium through playwright-core.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/lib/setup.mjs'

const root = resolve(import.meta.dirname, '..')
const pub = join(root, 'dist/public')
const SITE = 'pk_cspStore20260'

let browser: Browser
let store: Server
let api: Server
let storeOrigin = ''
let apiOrigin = ''
const posts: { key: string | undefined; body: Record<string, unknown> }[] = []

const config = {
  siteKey: SITE,
  name: 'CSP Mağaza',
  locale: 'tr',
  currency: 'TRY',
  timeZone: 'Europe/Istanbul',
  fields: [
    {
      name: 'name',
      kind: 'standard',
      type: 'text',
      required: true,
      label: { tr: 'Ad Soyad', en: 'Full name' },
    },
    {
      name: 'email',
      kind: 'standard',
      type: 'email',
      required: true,
      label: { tr: 'E-posta', en: 'E-mail' },
    },
  ],
  consent: {
    version: '2026-01',
    text: { tr: 'İzin metni', en: 'Consent text' },
    channels: ['email'],
  },
  theme: { '--leadline-color-primary': 'rgb(10, 120, 30)' },
  spam: { minFillMs: 0, honeypotField: 'leadline_hp_7q' },
}

const listen = (server: Server) =>
  new Promise<string>((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  )

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => ok(data))
  })
}

/** Plays the worker: static assets (with CORS, as module chunks are fetched in cors mode) and the API. */
async function serveApi(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', apiOrigin)
  res.setHeader('Access-Control-Allow-Origin', storeOrigin)
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
    })
    return res.end()
  }
  if (url.pathname === `/v1/sites/${SITE}/config`) {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    return res.end(JSON.stringify(config))
  }
  if (url.pathname === '/v1/leads' && req.method === 'POST') {
    posts.push({
      key: req.headers['idempotency-key'] as string | undefined,
      body: JSON.parse(await readBody(req)),
    })
    res.writeHead(201, { 'Content-Type': 'application/json' })
    return res.end(JSON.stringify({ leadId: 'lead_csp', stage: 'lead', channels: ['email'] }))
  }
  const file = normalize(join(pub, url.pathname))
  if (file.startsWith(pub) && existsSync(file) && file.endsWith('.js')) {
    res.writeHead(200, { 'Content-Type': 'text/javascript' })
    return res.end(readFileSync(file))
  }
  res.writeHead(404)
  res.end()
}

function page(body: string) {
  return `<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Mağaza</title>
<script src="${apiOrigin}/embed.js" data-site="${SITE}" async></script>
<script src="${apiOrigin}/embed.js" data-site="${SITE}" async></script>
</head><body>${body}<button id="add">add</button><script src="/app.js"></script></body></html>`
}

beforeAll(async () => {
  if (!existsSync(join(pub, 'embed.js')) || !existsSync(join(pub, 'chunks/form.js'))) {
    execFileSync(process.execPath, [join(root, 'widget/build.mjs')], {
      cwd: root,
      stdio: 'inherit',
    })
  }
  api = createServer((req, res) => void serveApi(req, res))
  apiOrigin = await listen(api)
  store = createServer((req, res) => {
    // No 'unsafe-inline', no 'unsafe-eval': what a careful store sends.
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' ${apiOrigin}; connect-src 'self' ${apiOrigin}; style-src 'self'`,
    )
    if (req.url === '/app.js') {
      // The store's own SPA code: adds a form later, as a router would.
      res.writeHead(200, { 'Content-Type': 'text/javascript' })
      return res.end(
        "document.getElementById('add').onclick = () => document.body.append(document.createElement('leadline-form'))",
      )
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(req.url === '/spa' ? page('') : page('<leadline-form></leadline-form>'))
  })
  storeOrigin = await listen(store)
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  store?.close()
  api?.close()
})

async function open(path: string): Promise<{ page: Page; problems: string[] }> {
  const p = await browser.newPage()
  p.setDefaultTimeout(10_000)
  const problems: string[] = []
  p.on('pageerror', (e) => problems.push('pageerror: ' + e.message))
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`)
  })
  await p.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  await p.goto(storeOrigin + path)
  return { page: p, problems }
}

describe('embed.js on a store page with a strict CSP', { timeout: 30_000 }, () => {
  it('renders the form, sends a lead and breaks nothing, with the snippet pasted twice', async () => {
    const { page: p, problems } = await open('/')
    await p.getByRole('textbox', { name: 'Ad Soyad', exact: true }).fill('Ayşe Yılmaz')
    await p.getByRole('textbox', { name: 'E-posta', exact: true }).fill('ayse@example.com')
    expect(await p.getByRole('checkbox', { name: 'E-posta ile' }).isChecked()).toBe(false)
    const color = await p
      .locator('leadline-form [part="submit-button"]')
      .evaluate((b) => getComputedStyle(b).backgroundColor)
    expect(color).toBe('rgb(10, 120, 30)')
    await p.getByRole('button', { name: 'Gönder' }).click()
    const status = await p
      .getByText('Teşekkürler! Bilgileriniz bize ulaştı.')
      .waitFor({ timeout: 10_000 })
      .catch(async () => p.locator('leadline-form [part="status"]').textContent())
    expect({ status, problems }).toEqual({ status: undefined, problems: [] })
    expect(posts.at(-1)?.key).toMatch(/^[0-9a-f-]{36}$/)
    expect(posts.at(-1)?.body).toMatchObject({ siteKey: SITE, fields: { name: 'Ayşe Yılmaz' } })
    expect(await p.evaluate(() => window.__leadline?.api)).toBe(apiOrigin)
    expect(problems).toEqual([])
    await p.close()
  })

  it('defines the tag when a single-page app adds it later', async () => {
    const { page: p, problems } = await open('/spa')
    expect(await p.evaluate(() => customElements.get('leadline-form') === undefined)).toBe(true)
    await p.click('#add')
    await p.getByLabel('Ad Soyad').waitFor()
    expect(problems).toEqual([])
    await p.close()
  })

  it('retries a dropped submission with the same key until it is delivered', async () => {
    const { page: p, problems } = await open('/')
    const seen: { key: string | undefined; dropped: boolean }[] = []
    await p.route('**/v1/leads', async (route) => {
      if (route.request().method() !== 'POST') return route.continue()
      const dropped = seen.filter((a) => a.dropped).length < 2
      seen.push({ key: route.request().headers()['idempotency-key'], dropped })
      return dropped ? route.abort('internetdisconnected') : route.continue()
    })
    await p.getByRole('textbox', { name: 'Ad Soyad', exact: true }).fill('Murat Şahin')
    await p.getByRole('textbox', { name: 'E-posta', exact: true }).fill('murat@example.com')
    await p.getByRole('button', { name: 'Gönder' }).click()
    await p.getByText('Gönderiliyor… bağlantı bekleniyor').waitFor()
    await p.getByText('Teşekkürler! Bilgileriniz bize ulaştı.').waitFor({ timeout: 15_000 })
    expect(seen.map((a) => a.dropped)).toEqual([true, true, false])
    expect(new Set(seen.map((a) => a.key)).size).toBe(1)
    // The dropped attempts are logged by the browser itself as failed loads; nothing else.
    expect(problems.filter((m) => !m.includes('Failed to load resource'))).toEqual([])
    await p.close()
  })
})
