import { describe, expect, it } from 'vitest'
import { generateHistory } from './generate'
import { resolveRange } from './range'
import { median, p90 } from './stats'
import { buildTimeInStage, MIN_STAYS, referenceStageTimes } from './time-in-stage'
import { lead, merge } from './test-history.test-helper'

const r = resolveRange({ from: '2026-03-01', to: '2026-03-31' }, new Date('2026-06-01T00:00:00Z'))
if (!r.ok) throw new Error('bad range')
const MARCH = r.range
const H = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()
const T0 = Date.parse('2026-03-01T00:00:00.000Z')

describe('time in stage', () => {
  it('measures completed stays that ended in the range, with median and p90', () => {
    // Six leads wait 1..6 hours at lead, then 10 hours at qualification (ended in April for one).
    const leads = [1, 2, 3, 4, 5, 6].map((n) =>
      lead(`l${n}`, [
        ['lead', iso(T0 + n * 24 * H)],
        ['qualification', iso(T0 + n * 24 * H + n * H)],
        ['lost', iso(T0 + n * 24 * H + n * H + (n === 6 ? 900 : 10) * H)],
      ]),
    )
    // A stay that began in February and ended in March counts; one still open does not.
    const early = lead('early', [
      ['lead', '2026-02-27T00:00:00.000Z'],
      ['qualification', '2026-03-01T00:00:00.000Z'],
    ])
    const t = buildTimeInStage(referenceStageTimes(merge(...leads, early), MARCH))
    expect(t.stages[0]).toEqual({ stage: 'lead', stays: 7, medianHours: 4, p90Hours: 48 })
    expect(t.stages[1]).toEqual({
      stage: 'qualification',
      stays: 5,
      medianHours: 10,
      p90Hours: 10,
    })
    expect(t.stages[2]).toEqual({ stage: 'nurturing', stays: 0, medianHours: null, p90Hours: null })
    expect(t.bottleneck).toEqual({ stage: 'qualification', medianHours: 10 })
  })

  it('names no bottleneck below MIN_STAYS stays, and ignores spam and closed stays', () => {
    const few = Array.from({ length: MIN_STAYS - 1 }, (_, n) =>
      lead(`f${n}`, [
        ['lead', iso(T0 + H)],
        ['won', iso(T0 + 5 * H)],
        ['nurturing', iso(T0 + 9 * H)],
      ]),
    )
    const spam = lead(
      'sp',
      [
        ['lead', iso(T0)],
        ['meeting', iso(T0 + H)],
      ],
      { spam: true },
    )
    const t = buildTimeInStage(referenceStageTimes(merge(...few, spam), MARCH))
    expect(t.stages[0]!.stays).toBe(MIN_STAYS - 1)
    expect(t.stages.reduce((n, s) => n + s.stays, 0)).toBe(MIN_STAYS - 1)
    expect(t.bottleneck).toBeNull()
  })

  it('agrees with a plain sort of every stay on random histories', () => {
    const h = generateHistory(11, {
      leads: 400,
      now: new Date('2026-06-01T00:00:00Z'),
      days: 200,
      owners: ['us_1'],
    })
    const rows = referenceStageTimes(h, MARCH)
    // Recompute by brute force: for each event in March, the lead's latest earlier event.
    const spam = new Set(h.leads.filter((l) => l.spam).map((l) => l.id))
    const stays = new Map<string, number[]>()
    for (const exit of h.events) {
      if (spam.has(exit.leadId) || exit.at < MARCH.fromIso || exit.at >= MARCH.toIso) continue
      const before = h.events.filter(
        (e) =>
          e.leadId === exit.leadId && (e.at < exit.at || (e.at === exit.at && e.seq < exit.seq)),
      )
      if (before.length === 0) continue
      const prev = before.reduce((a, b) =>
        b.at > a.at || (b.at === a.at && b.seq > a.seq) ? b : a,
      )
      if (prev.to === 'won' || prev.to === 'lost') continue
      stays.set(prev.to, [...(stays.get(prev.to) ?? []), Date.parse(exit.at) - Date.parse(prev.at)])
    }
    expect(rows.length).toBeGreaterThan(3)
    for (const row of rows) {
      const list = stays.get(row.stage)!
      expect(row.stays).toBe(list.length)
      expect(row.medianMs).toBe(median(list))
      expect(row.p90Ms).toBe(p90(list))
    }
    expect(rows.reduce((n, x) => n + x.stays, 0)).toBe(
      [...stays.values()].reduce((n, l) => n + l.length, 0),
    )
  })
})
