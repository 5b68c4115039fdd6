import { describe, expect, it } from 'vitest'
import { OPEN_STAGES } from '../../../contract'
import { buildFunnel, referenceFunnelGroups } from './funnel'
import { generateHistory } from './generate'
import { sourceKey } from './history'
import { resolveRange } from './range'
import { lead, merge } from './test-history.test-helper'

const range = (from: string, to: string) => {
  const r = resolveRange({ from, to }, new Date('2026-06-01T00:00:00Z'))
  if (!r.ok) throw new Error('bad range')
  return r.range
}
const MARCH = range('2026-03-01', '2026-03-31')
const funnelOf = (h: Parameters<typeof referenceFunnelGroups>[0], filters = {}) =>
  buildFunnel(referenceFunnelGroups(h, MARCH, filters, 'pl_d'), new Map(), new Map())
const stage = (f: ReturnType<typeof funnelOf>, s: string) => f.stages.find((x) => x.stage === s)!

describe('the funnel', () => {
  const history = merge(
    // Through to won, all in March.
    lead('a', [
      ['lead', '2026-03-01T10:00:00.000Z'],
      ['qualification', '2026-03-02T10:00:00.000Z'],
      ['nurturing', '2026-03-03T10:00:00.000Z'],
      ['meeting', '2026-03-04T10:00:00.000Z'],
      ['proposal', '2026-03-05T10:00:00.000Z'],
      ['deal', '2026-03-06T10:00:00.000Z'],
      ['won', '2026-03-06T10:00:00.000Z'],
    ]),
    // Lost at qualification.
    lead('b', [
      ['lead', '2026-03-10T10:00:00.000Z'],
      ['qualification', '2026-03-11T10:00:00.000Z'],
      ['lost', '2026-03-12T10:00:00.000Z'],
    ]),
    // Captured in February: only its March entries count; moving on in April still counts.
    lead('c', [
      ['lead', '2026-02-20T10:00:00.000Z'],
      ['meeting', '2026-03-20T10:00:00.000Z'],
      ['proposal', '2026-04-02T10:00:00.000Z'],
    ]),
    // Still at lead; and a spam lead that counts nowhere.
    lead('d', [['lead', '2026-03-31T23:59:59.999Z']]),
    lead('s', [['lead', '2026-03-15T10:00:00.000Z']], { spam: true }),
    // Moved back from meeting to nurturing and never further: meeting does not convert.
    lead('e', [
      ['lead', '2026-03-01T00:00:00.000Z'],
      ['meeting', '2026-03-02T00:00:00.000Z'],
      ['nurturing', '2026-03-03T00:00:00.000Z'],
    ]),
    // Captured on the first of April: outside.
    lead('f', [['lead', '2026-04-01T00:00:00.000Z']]),
  )

  it('counts entries, moves on, losses, conversion and drop-off per stage', () => {
    const f = funnelOf(history)
    expect(f.stages.map((s) => s.stage)).toEqual([...OPEN_STAGES])
    expect(stage(f, 'lead')).toEqual({
      stage: 'lead',
      entered: 4,
      movedOn: 3,
      lost: 0,
      conversion: 0.75,
      dropOff: 1,
    })
    expect(stage(f, 'qualification')).toMatchObject({ entered: 2, movedOn: 1, lost: 1 })
    expect(stage(f, 'nurturing')).toMatchObject({ entered: 2, movedOn: 1, dropOff: 1 })
    expect(stage(f, 'meeting')).toMatchObject({ entered: 3, movedOn: 2, conversion: 2 / 3 })
    // A same-millisecond close still follows the move into deal.
    expect(stage(f, 'deal')).toMatchObject({ entered: 1, movedOn: 1, conversion: 1 })
  })

  it('answers zeros and null conversions for an empty history', () => {
    const f = funnelOf({ leads: [], events: [] })
    expect(f.stages.every((s) => s.entered === 0 && s.conversion === null)).toBe(true)
    expect(f.breakdown).toEqual({ source: [], owner: [], pipeline: [] })
  })

  it('breaks down and filters by source and owner', () => {
    const h = merge(
      lead('g', [['lead', '2026-03-05T00:00:00.000Z']], { utm: { source: 'Google' } }),
      lead('h', [['lead', '2026-03-05T00:00:00.000Z']], {
        referrer: 'https://www.instagram.com/p/1',
        ownerId: 'us_1',
      }),
      lead('i', [['lead', '2026-03-05T00:00:00.000Z']], { ownerId: 'us_1' }),
    )
    const f = buildFunnel(
      referenceFunnelGroups(h, MARCH, {}, 'pl_d'),
      new Map([['us_1', 'Ayşe']]),
      new Map([['pl_d', 'Satış']]),
    )
    expect(f.breakdown.source.map((b) => [b.key, b.stages[0]!.entered])).toEqual([
      ['direct', 1],
      ['google', 1],
      ['www.instagram.com', 1],
    ])
    expect(f.breakdown.owner.map((b) => [b.key, b.name, b.stages[0]!.entered])).toEqual([
      ['us_1', 'Ayşe', 2],
      ['unassigned', null, 1],
    ])
    expect(stage(funnelOf(h, { owner: 'us_1' }), 'lead').entered).toBe(2)
    expect(stage(funnelOf(h, { source: 'google' }), 'lead').entered).toBe(1)
    expect(stage(funnelOf(h, { owner: 'unassigned', source: 'direct' }), 'lead').entered).toBe(0)
  })

  it('keeps its counts consistent on random histories', () => {
    for (const seed of [1, 2, 3]) {
      const h = generateHistory(seed, {
        leads: 300,
        now: new Date('2026-06-01T00:00:00Z'),
        days: 150,
        owners: ['us_1', 'us_2'],
        pipelines: ['pl_a', 'pl_b'],
      })
      const groups = referenceFunnelGroups(h, MARCH, {}, 'pl_d')
      const f = buildFunnel(groups, new Map(), new Map())
      for (const s of f.stages) {
        expect(s.movedOn + s.lost).toBeLessThanOrEqual(s.entered)
        expect(s.dropOff).toBe(s.entered - s.movedOn)
      }
      // Breakdown parts add up to the totals.
      for (const dim of ['source', 'owner', 'pipeline'] as const) {
        for (const [i, s] of f.stages.entries()) {
          const sum = f.breakdown[dim].reduce((n, b) => n + b.stages[i]!.entered, 0)
          expect(sum, `${dim} ${s.stage}`).toBe(s.entered)
        }
      }
      // Leads captured in the range entered `lead`.
      const captured = h.leads.filter(
        (l) => !l.spam && l.createdAt >= MARCH.fromIso && l.createdAt < MARCH.toIso,
      ).length
      expect(f.stages[0]!.entered).toBe(captured)
      // Filtering by one source gives that source's breakdown row.
      const top = f.breakdown.source[0]!
      const filtered = buildFunnel(
        referenceFunnelGroups(h, MARCH, { source: top.key }, 'pl_d'),
        new Map(),
        new Map(),
      )
      expect(filtered.stages).toEqual(top.stages)
    }
  })
})

describe('sourceKey', () => {
  it('prefers the UTM source, then the referrer host, then direct', () => {
    expect(sourceKey({ source: ' Google ' }, 'https://x.example/')).toBe('google')
    expect(sourceKey({ source: '' }, 'https://L.Instagram.com/a?b')).toBe('l.instagram.com')
    expect(sourceKey({}, 'https://t.co')).toBe('t.co')
    expect(sourceKey({}, 'not a url')).toBe('direct')
    expect(sourceKey({}, null)).toBe('direct')
    expect(sourceKey({ source: 'İstanbul' }, null)).toBe('İstanbul')
  })
})
