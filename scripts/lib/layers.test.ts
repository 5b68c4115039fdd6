/**
 * The layering the README's Layout section describes, checked over the real import graph: no
 * import circle in the worker, the widget, the console or the contract, and no import a layer
 * may not make (storage → HTTP, domain → storage or HTTP, widget ↔ worker, …). The rules live
 * in import-graph.mjs; the fixtures below show that each one fails when it should.
 */
import { describe, expect, it } from 'vitest'
import {
  CHECKED,
  CIRCLE_FREE,
  circles,
  forbiddenImports,
  importGraph,
  type Graph,
  LAYERS,
  loopThrough,
  sourceFiles,
} from './import-graph.mjs'

const isPath = (spec: string) => /^(worker|widget|console|contract)\//.test(spec)

/** A graph from `file: [imports]`: paths of the repository are files, the rest packages. */
function graphOf(
  edges: Record<string, string[]>,
  usesD1: string[] = [],
  names: Record<string, string[]> = {},
): Graph {
  return new Map(
    Object.entries(edges).map(([file, to]) => [
      file,
      {
        files: to.filter(isPath),
        packages: to.filter((t) => !isPath(t)),
        names: names[file] ?? [],
        usesD1: usesD1.includes(file),
      },
    ]),
  )
}

describe('the repository', () => {
  const graph = importGraph(CHECKED)

  it('reads every source file of the checked folders', () => {
    expect(graph.size).toBe(CHECKED.flatMap(sourceFiles).length)
    expect(graph.has('worker/src/app.ts')).toBe(true)
    expect(graph.get('worker/src/app.ts')!.packages).toContain('hono')
    expect(graph.get('worker/src/middleware/errors.ts')!.names).toContain('DomainError')
  })

  it('has no import circle in worker/src, widget/src, console/src or contract/', () => {
    const found = circles(graph).filter((g) => CIRCLE_FREE.some((dir) => g[0]!.startsWith(dir)))
    expect(found.map((group) => loopThrough(graph, group))).toEqual([])
  })

  it('has no import that its layer forbids', () => {
    expect(forbiddenImports(graph)).toEqual([])
  })

  it('places every folder of worker/src in one layer', () => {
    const entries = Object.values(LAYERS).flatMap((layer) => layer.entries)
    expect(new Set(entries).size).toBe(entries.length)
  })
})

describe('the check', () => {
  it('finds a circle of two files, of three, and a file importing itself', () => {
    const graph = graphOf({
      'worker/src/db/a.ts': ['worker/src/db/b.ts'],
      'worker/src/db/b.ts': ['worker/src/db/a.ts'],
      'widget/src/x.ts': ['widget/src/y.ts'],
      'widget/src/y.ts': ['widget/src/z.ts'],
      'widget/src/z.ts': ['widget/src/x.ts', 'lit'],
      'worker/src/lib/self.ts': ['worker/src/lib/self.ts'],
      'worker/src/lib/leaf.ts': [],
    })
    const found = circles(graph)
    expect(found).toEqual([
      ['widget/src/x.ts', 'widget/src/y.ts', 'widget/src/z.ts'],
      ['worker/src/db/a.ts', 'worker/src/db/b.ts'],
      ['worker/src/lib/self.ts'],
    ])
    expect(loopThrough(graph, found[0]!)).toBe(
      'widget/src/x.ts → widget/src/y.ts → widget/src/z.ts → widget/src/x.ts',
    )
  })

  it('finds no circle in a chain', () => {
    const graph = graphOf({
      'worker/src/routes/r.ts': ['worker/src/db/d.ts', 'worker/src/pipeline/p.ts'],
      'worker/src/db/d.ts': ['worker/src/pipeline/p.ts'],
      'worker/src/pipeline/p.ts': [],
    })
    expect(circles(graph)).toEqual([])
  })

  it('refuses storage importing HTTP, domain importing storage or hono, and widget ↔ worker', () => {
    const graph = graphOf(
      {
        'worker/src/db/leads.ts': [
          'worker/src/routes/public.ts',
          'hono',
          'worker/src/pipeline/x.ts',
        ],
        'worker/src/booking/slots.ts': ['worker/src/db/booking.ts', '@hono/valibot-validator'],
        'worker/src/quotes/index.ts': ['worker/src/notices/quotes.ts', 'worker/src/lib/ids.ts'],
        'worker/src/deals/rank.ts': [],
        'worker/src/lib/errors.ts': ['hono/http-exception'],
        'widget/src/loader.ts': ['worker/src/lib/ids.ts', 'contract/index.ts'],
        'console/src/app.ts': ['widget/src/loader.ts'],
        'contract/lead.ts': ['worker/src/env.ts', 'valibot', 'hono'],
        'worker/src/routes/public.ts': ['hono', 'worker/src/db/leads.ts', 'worker/src/app.ts'],
        'worker/src/nowhere/x.ts': [],
        'worker/src/db/leads.test.ts': ['worker/src/routes/public.ts', 'hono'],
      },
      ['worker/src/deals/rank.ts', 'worker/src/db/leads.ts'],
      {
        'worker/src/db/leads.ts': ['ApiError'],
        'worker/src/routes/public.ts': ['ApiError'],
        'worker/src/booking/slots.ts': ['DomainError'],
      },
    )
    expect(forbiddenImports(graph)).toEqual([
      'console/src/app.ts → widget/src/loader.ts (console imports widget)',
      'contract/lead.ts → hono (contract imports a package)',
      'contract/lead.ts → worker/src/env.ts (contract imports worker)',
      'widget/src/loader.ts → worker/src/lib/ids.ts (widget imports worker)',
      'worker/src/booking/slots.ts → @hono/valibot-validator (domain imports HTTP)',
      'worker/src/booking/slots.ts → worker/src/db/booking.ts (domain imports storage)',
      'worker/src/db/leads.ts → ApiError (storage throws an HTTP error: throw DomainError)',
      'worker/src/db/leads.ts → hono (storage imports HTTP)',
      'worker/src/db/leads.ts → worker/src/routes/public.ts (storage imports HTTP)',
      'worker/src/deals/rank.ts → D1 (domain uses storage)',
      'worker/src/lib/errors.ts → hono/http-exception (shared imports HTTP)',
      'worker/src/nowhere/x.ts → nowhere (in no layer: add it to LAYERS)',
      'worker/src/quotes/index.ts → worker/src/notices/quotes.ts (domain imports orchestration)',
    ])
  })
})
