/**
 * The admin console's accessibility audit (issue 8): axe-core in Chromium against the real
 * `wrangler dev`, on the sign-in screen, the pipeline board after signing in with the owner's key
 * (with a lead captured first, so there is a card) and the board's reason dialog opened by
 * keyboard. No violation may be serious or critical. Axe reads open shadow roots by default, so
 * it sees inside the console's Lit elements.
 */
import { createRequire } from 'node:module'
import type { AxeResults, ImpactValue } from 'axe-core'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { uniqueEmail, useBrowser } from './helpers'

const browser = useBrowser()
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const BLOCKING: ImpactValue[] = ['serious', 'critical']

interface Finding {
  id: string
  impact: ImpactValue | undefined
  help: string
  targets: string[]
}

interface Audit {
  violations: Finding[]
  /** Where the passing rules looked (one node per rule with `resultTypes`), shadow paths joined. */
  reached: string[]
}

/** Runs axe on the page as it is now; returns its violations, shortened for a message. */
async function audit(page: Page): Promise<Audit> {
  // Once per document: the console is one page, so the sign-in and the board share it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: typeof import('axe-core').run } }).axe
    const results: AxeResults = await axe.run(document, { resultTypes: ['violations'] })
    const where = (target: unknown) => JSON.stringify(target)
    return {
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? undefined,
        help: v.help,
        targets: v.nodes.map((n) => where(n.target)),
      })),
      reached: results.passes.flatMap((p) => p.nodes.map((n) => where(n.target))),
    }
  })
}

/**
 * Fails with every serious or critical violation (rule, impact, what it says and where), and
 * when no passing rule's target names `seen` (a shadow-root element), so a blind audit fails.
 */
function expectNoBlocking({ violations, reached }: Audit, screen: string, seen: string): void {
  const blocking = violations.filter((f) => f.impact && BLOCKING.includes(f.impact))
  const report = blocking
    .map((f) => `${f.id} (${f.impact}): ${f.help}\n    ${f.targets.join('\n    ')}`)
    .join('\n')
  expect(blocking, `${screen} has serious/critical axe violations:\n${report}`).toEqual([])
  expect(
    reached.some((t) => t.includes(`"${seen}"`)),
    `axe checked ${seen} on ${screen}; it reached ${reached.join(' ')}`,
  ).toBe(true)
}

async function capture(name: string): Promise<void> {
  const base = inject('baseUrl')
  const res = await fetch(`${base}/v1/leads`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: new URL(base).origin,
      'Idempotency-Key': `console-a11y-${Date.now()}`,
      'CF-Connecting-IP': '10.62.0.1',
    },
    body: JSON.stringify({
      siteKey: inject('siteKey'),
      fields: { name, email: uniqueEmail('a11y') },
      consent: { version: '2026-01', channels: { email: true } },
      elapsedMs: 10_000,
    }),
  })
  expect(res.status).toBe(201)
}

describe('the admin console accessibility audit', () => {
  let context: BrowserContext
  beforeAll(async () => {
    // bypassCSP for this test only: the console's CSP (script-src 'self') would block the axe
    // script that addScriptTag injects inline. The CSP itself is checked in console.test.ts.
    context = await browser().newContext({ bypassCSP: true })
  })
  afterAll(async () => {
    await context?.close()
  })

  it('has no serious or critical violations on the sign-in, the board and the reason dialog', async () => {
    const name = `Erişilebilir Deniz ${Date.now().toString(36)}`
    await capture(name)
    const page = await context.newPage()
    await page.goto(`${inject('baseUrl')}/admin`)

    const keyInput = page.getByLabel('Yönetim anahtarı')
    await keyInput.waitFor()
    expectNoBlocking(await audit(page), 'the sign-in screen', 'leadline-sign-in')

    await keyInput.fill(inject('ownerKey'))
    await page.getByRole('button', { name: 'Giriş yap' }).click()
    const card = page.locator('section[data-stage="lead"] [data-lead]', { hasText: name })
    await card.waitFor()
    await expect.poll(() => page.locator('leadline-board [role="status"]').textContent()).toBe('')
    expectNoBlocking(await audit(page), 'the pipeline board', 'leadline-board')

    await card.focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await page.locator('leadline-board dialog[open]').waitFor()
    expectNoBlocking(await audit(page), 'the reason dialog', '#reason')
    await page.close()
  })
})
