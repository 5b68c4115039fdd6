/**
 * The console's accessibility audit: axe-core in the page, and the check every screen must pass
 * (no serious or critical violation, and proof that axe reached inside the screen's shadow root).
 * Pages audited need a context with `bypassCSP: true`: the console's CSP would block the injected
 * axe script.
 */
import { createRequire } from 'node:module'
import type { AxeResults, ImpactValue } from 'axe-core'
import type { Frame, Page } from 'playwright-core'
import { expect } from 'vitest'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const BLOCKING: ImpactValue[] = ['serious', 'critical']

interface Finding {
  id: string
  impact: ImpactValue | undefined
  help: string
  targets: string[]
}

export interface Audit {
  violations: Finding[]
  /** Where the passing rules looked (one node per rule with `resultTypes`), shadow paths joined. */
  reached: string[]
}

/**
 * Runs axe on the page (or frame: the widget's browser tests audit their test iframe) as it is
 * now; returns its violations, shortened for a message.
 */
export async function audit(page: Page | Frame): Promise<Audit> {
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
export function expectNoBlocking(
  { violations, reached }: Audit,
  screen: string,
  seen: string,
): void {
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
