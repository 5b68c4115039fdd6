import { describe, expect, it } from 'vitest'
import {
  buildForecastMonths,
  buildPast,
  closeMonth,
  defaultProbabilities,
  forecastMonths,
  pastMonths,
  referenceForecastMonths,
  type ForecastGroupRow,
  type StageProbabilities,
} from './forecast'
import { generateHistory } from './generate'
import { lead, merge } from './test-history.test-helper'
import { isOpenStage } from './history'
import { DEFAULT_PROBABILITY } from '../pipeline'

const NOW = new Date('2026-03-15T12:00:00Z')
const DEFAULTS = defaultProbabilities(DEFAULT_PROBABILITY)
const LEARNED: StageProbabilities = {
  ...DEFAULTS,
  proposal: { probability: 50, sample: 40, source: 'learned' },
}

describe('the forecast', () => {
  it('lists the current month and the five after it, and the six before', () => {
    expect(forecastMonths(NOW)).toEqual([
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
    ])
    expect(pastMonths(new Date('2026-01-31T23:00:00Z'))).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ])
  })

  it('places a lead by its expected close date, else its stage entry plus the usual time', () => {
    expect(
      closeMonth({ stage: 'deal', expectedClose: '2026-05-02', stageEnteredAt: '2026-01-01' }),
    ).toBe('2026-05')
    expect(
      closeMonth({
        stage: 'deal',
        expectedClose: null,
        stageEnteredAt: '2026-03-20T00:00:00.000Z',
      }),
    ).toBe('2026-04')
  })

  it('weights values by override, then learned, then default probability', () => {
    const h = merge(
      // proposal (learned 50 %), expected in April: 1000.00 → 500.00
      lead('a', [['proposal', '2026-03-01T00:00:00.000Z']], {
        valueMinor: 1000_00,
        expectedClose: '2026-04-10',
      }),
      // deal with an override of 30 %, overdue: counts in March
      lead('b', [['deal', '2026-01-01T00:00:00.000Z']], {
        valueMinor: 200_00,
        probabilityOverride: 30,
      }),
      // meeting (default 40 %), stage fallback 45 days → April; EUR
      lead('c', [['meeting', '2026-03-01T00:00:00.000Z']], { valueMinor: 10_01, currency: 'EUR' }),
      // beyond the horizon, closed and spam leads are left out
      lead('d', [['deal', '2026-03-01T00:00:00.000Z']], { expectedClose: '2026-12-01' }),
      lead('e', [['won', '2026-03-01T00:00:00.000Z']], { valueMinor: 5 }),
      lead('f', [['deal', '2026-03-01T00:00:00.000Z']], { valueMinor: 5, spam: true }),
    )
    const months = referenceForecastMonths(h, LEARNED, NOW)
    expect(months[0]).toEqual({
      month: '2026-03',
      count: 1,
      sources: { override: 1, learned: 0, default: 0 },
      amounts: [{ currency: 'TRY', count: 1, pipelineMinor: 200_00, weightedMinor: 60_00 }],
    })
    expect(months[1]).toEqual({
      month: '2026-04',
      count: 2,
      sources: { override: 0, learned: 1, default: 1 },
      amounts: [
        { currency: 'EUR', count: 1, pipelineMinor: 10_01, weightedMinor: 4_00 },
        { currency: 'TRY', count: 1, pipelineMinor: 1000_00, weightedMinor: 500_00 },
      ],
    })
    expect(months.slice(2).every((m) => m.count === 0 && m.amounts.length === 0)).toBe(true)
  })

  it('gives the same months from grouped rows as lead by lead on random histories', () => {
    for (const seed of [21, 22]) {
      const h = generateHistory(seed, {
        leads: 400,
        now: NOW,
        days: 300,
        owners: ['us_1'],
        deals: true,
      })
      const months = forecastMonths(NOW)
      const groups = new Map<string, ForecastGroupRow>()
      for (const l of h.leads) {
        if (l.spam || !isOpenStage(l.stage)) continue
        const raw = closeMonth({ ...l, stage: l.stage })
        const month = raw < months[0]! ? months[0]! : raw
        const key = [l.stage, l.currency, month, l.probabilityOverride].join('|')
        const g = groups.get(key) ?? {
          stage: l.stage,
          currency: l.currency,
          month,
          override: l.probabilityOverride,
          count: 0,
          valueMinor: 0,
        }
        g.count++
        g.valueMinor += l.valueMinor
        groups.set(key, g)
      }
      const fromGroups = buildForecastMonths([...groups.values()], LEARNED, months)
      expect(fromGroups).toEqual(referenceForecastMonths(h, LEARNED, NOW))
      expect(fromGroups.reduce((n, m) => n + m.count, 0)).toBeGreaterThan(20)
    }
  })

  it('compares the last snapshot before each past month with what was won in it', () => {
    const past = buildPast(
      ['2026-01', '2026-02'],
      [
        { month: '2026-01', currency: 'TRY', weightedMinor: 100, takenOn: '2025-12-30' },
        { month: '2026-01', currency: 'TRY', weightedMinor: 120, takenOn: '2025-12-31' },
        { month: '2026-01', currency: 'EUR', weightedMinor: 7, takenOn: '2025-12-31' },
      ],
      [{ month: '2026-01', currency: 'TRY', count: 2, valueMinor: 90 }],
    )
    expect(past).toEqual([
      {
        month: '2026-01',
        forecastTakenOn: '2025-12-31',
        forecast: [
          { currency: 'EUR', weightedMinor: 7 },
          { currency: 'TRY', weightedMinor: 120 },
        ],
        wonCount: 2,
        actual: [{ currency: 'TRY', wonMinor: 90 }],
      },
      { month: '2026-02', forecastTakenOn: null, forecast: [], wonCount: 0, actual: [] },
    ])
  })
})
