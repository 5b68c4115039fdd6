/**
 * Shared pieces of the end-to-end tests: Debian's Chromium through playwright-core, the admin
 * API with an owner's key, and reads of the run's local D1.
 */
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { demoStore, queryLocal, seedStore } from '../../scripts/lib/dev-server.mjs'
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/lib/setup.mjs'

/** Launches Chromium before a file's tests and closes it after them; returns the browser. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (!browser) throw new Error('the browser is not launched yet')
    return browser
  }
}

/** Resolves with the detail of the next `name` event that reaches the page's document. */
export function nextEvent<T>(page: Page, name: string): Promise<T> {
  return page.evaluate(
    (event) =>
      new Promise<T>((resolve) =>
        document.addEventListener(event, (e) => resolve((e as CustomEvent<T>).detail), {
          once: true,
        }),
      ),
    name,
  )
}

/** Debian's Chromium with the launch flags that work on these machines. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  })
}

/** What went wrong on a page: console errors, uncaught exceptions, failed loads, CSP violations. */
export interface PageProblems {
  errors: string[]
  /** Every request the page made, in order: method, URL, status (or failure), ms after watching. */
  requests: string[]
}

/**
 * Records console errors and uncaught exceptions, and every CSP violation (reported from inside
 * the page, since a blocked inline style is not always a console error in headless Chromium).
 * Call before `page.goto`.
 */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { errors: [], requests: [] }
  const t0 = Date.now()
  const at = () => `${Date.now() - t0} ms`
  page.on('requestfinished', async (r) => {
    const status = (await r.response().catch(() => null))?.status() ?? '?'
    problems.requests.push(`${at()} ${r.method()} ${r.url()} → ${status}`)
  })
  page.on('requestfailed', (r) =>
    problems.requests.push(`${at()} ${r.method()} ${r.url()} ✗ ${r.failure()?.errorText}`),
  )
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`))
  // The console line for a failed load has no URL; this says which resource it was.
  page.on('response', (r) => {
    if (r.status() >= 400)
      problems.errors.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`)
  })
  await page.exposeFunction('__leadlineCspViolation', (text: string) =>
    problems.errors.push(`csp: ${text}`),
  )
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __leadlineCspViolation: (t: string) => void })
        .__leadlineCspViolation
      report(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      )
    })
  })
  return problems
}

/**
 * Runs `check`; when it fails, adds what the page looked like to the error: the text of each
 * Leadline element's shadow root, Leadline's localStorage entries (the outbox, pending writes)
 * and the page's requests so far. For failures seen only in full runs under load.
 */
export async function explained<T>(
  page: Page,
  problems: PageProblems,
  check: () => Promise<T>,
): Promise<T> {
  try {
    return await check()
  } catch (e) {
    const state = await page
      .evaluate(() => ({
        elements: [...document.querySelectorAll('*')]
          .filter((el) => el.localName.startsWith('leadline-'))
          .map((el) => `<${el.localName}> ${el.shadowRoot?.textContent?.replace(/\s+/g, ' ')}`),
        storage: Object.entries(localStorage).filter(([k]) => k.startsWith('leadline')),
      }))
      .catch((err: unknown) => ({ elements: [String(err)], storage: [] }))
    const lines = [
      'page state when the check failed:',
      ...state.elements,
      ...state.storage.map(([k, v]) => `localStorage ${k} = ${v}`),
      ...problems.requests,
      ...problems.errors,
    ]
    if (e instanceof Error) e.message += '\n' + lines.join('\n')
    throw e
  }
}

/** Calls the admin API as the demo store's owner and returns the parsed JSON body. */
export async function admin<T = unknown>(path: string): Promise<T> {
  const res = await fetch(inject('baseUrl') + path, {
    headers: { Authorization: `Bearer ${inject('ownerKey')}` },
  })
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as T
}

/** Reads rows straight from the run's local D1 (the database `wrangler dev` is serving). */
export function d1<Row = Record<string, unknown>>(sql: string): Promise<Row[]> {
  return queryLocal<Row>(sql, { persistTo: inject('persistTo') })
}

/** A value for SQL text literals in test queries. */
export const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`

/** An e-mail address no other test uses, so each test finds only its own rows. */
export const uniqueEmail = (tag: string) =>
  `${tag}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@musteri.example`

/**
 * The store requires 2 s between the form's first render and submit before it trusts a lead as
 * human (settings `minFillMs`); tests fill like a person, then wait out the rest of it.
 */
export const HUMAN_FILL_MS = 2_300

let captures = 0

/**
 * Captures a lead through the public API, as `<leadline-form>` would (from the demo's origin,
 * with e-mail consent, a human fill time and a client address of its own so the rate limit of
 * one test never meets another's), from a UTM source when given. Returns the new lead's id.
 */
export async function captureLead(
  name: string,
  tag = 'e2e',
  {
    siteKey = inject('siteKey'),
    company,
    utm,
  }: { siteKey?: string; company?: string; utm?: { source: string } } = {},
): Promise<string> {
  const base = inject('baseUrl')
  captures += 1
  const res = await fetch(`${base}/v1/leads`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: new URL(base).origin,
      'Idempotency-Key': `${tag}-${Date.now().toString(36)}-${captures}-${Math.random()}`,
      'CF-Connecting-IP': `10.${60 + (captures % 40)}.${Math.floor(Math.random() * 250)}.${captures % 250}`,
    },
    body: JSON.stringify({
      siteKey,
      fields: { name, email: uniqueEmail(tag), ...(company ? { company } : {}) },
      consent: { version: '2026-01', channels: { email: true } },
      ...(utm ? { context: { utm } } : {}),
      elapsedMs: 10_000,
    }),
  })
  if (res.status !== 201) throw new Error(`capture answered ${res.status}: ${await res.text()}`)
  return ((await res.json()) as { leadId: string }).leadId
}

/**
 * Opens the console at `path` already signed in with `key` (the owner's unless given), the way a
 * tab that signed in earlier would be: the key sits in the tab's sessionStorage.
 */
export async function openConsole(page: Page, path = '/admin/', key = inject('ownerKey')) {
  await page.addInitScript((k) => sessionStorage.setItem('leadline:console:key', k), key)
  await page.goto(inject('baseUrl') + path)
}

/**
 * A new store of its own in the run's D1 (the demo store's people and settings, another key),
 * for a test that needs a store no other test writes to, e.g. for a screenshot.
 */
export async function freshStore(name: string): Promise<{ siteKey: string; ownerKey: string }> {
  const base = inject('baseUrl')
  const siteKey = `pk_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  const created = await seedStore(
    { ...demoStore([new URL(base).origin]), name, publicKey: siteKey },
    { persistTo: inject('persistTo') },
  )
  const owner = created.users.find((u) => u.role === 'owner')
  if (!owner?.key) throw new Error('the new store has no owner key')
  return { siteKey, ownerKey: owner.key }
}

/** Calls the admin API with `key` (the owner's unless given); returns status and JSON body. */
export async function adminCall<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  key = inject('ownerKey'),
): Promise<{ status: number; body: T }> {
  const res = await fetch(inject('baseUrl') + path, {
    method,
    headers: {
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as T }
}

/**
 * Opens the first day with free times in an open `<leadline-booking>` calendar, looking up to
 * `months` months ahead. Each month is judged only once its slots have arrived (the calendar's
 * `aria-busy` is false): a month still loading shows no free day, and counting then would skip
 * past the month that has them.
 */
export async function openFirstFreeDay(booking: Locator, months = 3): Promise<void> {
  const day = booking.locator('[part~="day"]:not([aria-disabled="true"])').first()
  const idle = booking.locator('[part~="calendar"][aria-busy="false"]')
  const month = booking.locator('#month')
  for (let i = 0; ; i++) {
    await idle.waitFor()
    if ((await day.count()) > 0 || i === months) break
    const shown = await month.textContent()
    await booking.getByRole('button', { name: 'Sonraki ay' }).click()
    await expect.poll(() => month.textContent()).not.toBe(shown)
  }
  await day.click()
}
