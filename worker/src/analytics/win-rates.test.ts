import { describe, expect, it } from 'vitest'
import { generateHistory } from './generate'
import { resolveRange } from './range'
import { buildWinRates, referenceClosedGroups, referenceLostReasons } from './win-rates'
import { lead, merge } from './test-history.test-helper'

const r = resolveRange({ from: '2026-03-01', to: '2026-03-31' }, new Date('2026-06-01T00:00:00Z'))
if (!r.ok) throw new Error('bad range')
const MARCH = r.range
const closed = (id: string, stage: 'won' | 'lost', at: string, extra = {}) =>
  lead(
    id,
    [
      ['lead', '2026-01-01T00:00:00.000Z'],
      [stage, at],
    ],
    extra,
  )

describe('win rates', () => {
  const h = merge(
    closed('w1', 'won', '2026-03-02T00:00:00.000Z', {
      valueMinor: 100_00,
      utm: { source: 'google' },
      ownerId: 'us_1',
    }),
    closed('w2', 'won', '2026-03-03T00:00:00.000Z', {
      valueMinor: 201_01,
      utm: { source: 'google' },
      ownerId: 'us_1',
    }),
    closed('w3', 'won', '2026-03-04T00:00:00.000Z', { valueMinor: 50_00, currency: 'EUR' }),
    closed('l1', 'lost', '2026-03-05T00:00:00.000Z', {
      closeReason: 'budget',
      utm: { source: 'google' },
    }),
    closed('l2', 'lost', '2026-03-06T00:00:00.000Z', { closeReason: 'budget', ownerId: 'us_1' }),
    closed('l3', 'lost', '2026-03-07T00:00:00.000Z', { closeReason: 'timing' }),
    closed('l4', 'lost', '2026-03-08T00:00:00.000Z'),
    // Closed outside the range, spam, and open: none count.
    closed('x1', 'won', '2026-04-01T00:00:00.000Z', { valueMinor: 999 }),
    closed('x2', 'lost', '2026-03-09T00:00:00.000Z', { spam: true, closeReason: 'budget' }),
    lead('x3', [['lead', '2026-03-09T00:00:00.000Z']]),
  )
  const w = buildWinRates(
    referenceClosedGroups(h, MARCH),
    referenceLostReasons(h, MARCH),
    new Map([['us_1', 'Ayşe']]),
  )

  it('gives the overall win rate and the average won deal per currency', () => {
    expect(w.overall).toEqual({
      key: 'all',
      name: null,
      won: 3,
      lost: 4,
      winRate: 3 / 7,
      wonValue: [
        { currency: 'EUR', count: 1, totalMinor: 50_00, averageMinor: 50_00 },
        { currency: 'TRY', count: 2, totalMinor: 301_01, averageMinor: 150_51 },
      ],
    })
  })

  it('groups by source and by owner, largest first', () => {
    expect(w.bySource.map((g) => [g.key, g.won, g.lost, g.winRate])).toEqual([
      ['direct', 1, 3, 0.25],
      ['google', 2, 1, 2 / 3],
    ])
    expect(w.byOwner.map((g) => [g.key, g.name, g.won, g.lost])).toEqual([
      ['unassigned', null, 1, 3],
      ['us_1', 'Ayşe', 2, 1],
    ])
  })

  it('ranks lost reasons by count, a missing reason as unspecified', () => {
    expect(w.lostReasons).toEqual([
      { reason: 'budget', count: 2 },
      { reason: 'timing', count: 1 },
      { reason: 'unspecified', count: 1 },
    ])
  })

  it('adds its groups up to the overall figures on random histories', () => {
    const g = generateHistory(5, {
      leads: 500,
      now: new Date('2026-06-01T00:00:00Z'),
      days: 200,
      owners: ['us_1', 'us_2', 'us_3'],
    })
    const x = buildWinRates(
      referenceClosedGroups(g, MARCH),
      referenceLostReasons(g, MARCH),
      new Map(),
    )
    expect(x.overall.won + x.overall.lost).toBeGreaterThan(10)
    for (const list of [x.bySource, x.byOwner]) {
      expect(list.reduce((n, s) => n + s.won, 0)).toBe(x.overall.won)
      expect(list.reduce((n, s) => n + s.lost, 0)).toBe(x.overall.lost)
    }
    expect(x.lostReasons.reduce((n, s) => n + s.count, 0)).toBe(x.overall.lost)
    const counts = x.lostReasons.map((l) => l.count)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
  })
})
