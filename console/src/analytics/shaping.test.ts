/** The analytics screen's pure shaping: shares, drop-offs, months, rankings, the address query. */
import { describe, expect, it } from 'vitest'
import { layoutChart, shorten } from '../charts/layout'
import { FORECAST, FUNNEL, funnelOf, TIME, WIN_RATES } from './fixtures'
import { formatHours } from './format'
import { forecastByCurrency, forecastCharts, pastByCurrency } from './forecast'
import { funnelCharts, funnelRows, widgetSteps } from './funnel'
import { apiQuery, parseQuery, periodDays, rangeProblem, toSearch } from './range'
import { bottleneckText, timeChart } from './time-in-stage'
import { rankLostReasons, rankSources, winRateCharts } from './win-rates'

describe('the funnel', () => {
  it('gives each stage its share of the first step and of those who did not move on', () => {
    const rows = funnelRows(FUNNEL.stages)
    expect(rows.map((r) => r.ofFirst)).toEqual([1, 0.48, 0.24, 0.12, 0, 0])
    expect(rows.map((r) => r.dropRatio)).toEqual([0.5, 0.5, 0.5, 0.5, null, null])
  })

  it('has no shares, never NaN, when nobody entered the first step', () => {
    const rows = funnelRows(funnelOf([0, 3, 0, 0, 0, 0]).stages)
    expect(rows.map((r) => r.ofFirst)).toEqual([null, null, null, null, null, null])
    expect(rows[1]!.dropRatio).toBeCloseTo(2 / 3)
    const [stages] = funnelCharts(funnelOf([0, 0, 0, 0, 0, 0]), 'tr')
    expect(stages!.empty).toBe('Bu aralıkta hiçbir aşamaya aday girmedi.')
  })

  it('puts the stages in pipeline order whatever order they come in', () => {
    const rows = funnelRows([...FUNNEL.stages].reverse())
    expect(rows.map((r) => r.stage)).toEqual([
      'lead',
      'qualification',
      'nurturing',
      'meeting',
      'proposal',
      'deal',
    ])
  })

  it('names each bar completely, in Turkish and in English', () => {
    const [tr] = funnelCharts(FUNNEL, 'tr')
    expect(tr!.rows[1]!.bars[0]!.name).toBe(
      'Nitelendirme: 120 aday, ilk adıma göre %48, sonraki adıma geçmeyen %50',
    )
    expect(tr!.rows[1]!.bars[0]!.text).toBe('120 · %48')
    expect(tr!.rows[4]!.bars[0]!.name).toBe('Teklif: 0 aday, ilk adıma göre %0')
    const [en] = funnelCharts(FUNNEL, 'en')
    expect(en!.rows[1]!.bars[0]!.name).toBe(
      'Qualification: 120 leads, 48% of the first step, 50% did not move on',
    )
    expect(en!.table.rows[0]).toEqual({
      head: 'Lead',
      cells: ['250', '100%', '125', '25', '50%'],
    })
  })

  it('compares a widget step with the step before it in the same widget', () => {
    const steps = widgetSteps(FUNNEL.widget)
    const of = Object.fromEntries(steps.map((s) => [s.key, s.ofPrevious]))
    expect(of).toEqual({
      formCaptured: null,
      quizStarted: null,
      quizCompleted: 0.75,
      bookingMade: null,
      bookingHeld: 0.8,
      quoteSent: null,
      quoteViewed: null,
      quoteAccepted: null,
    })
  })
})

describe('time in stage', () => {
  it('names the bottleneck in words, or why there is none', () => {
    expect(bottleneckText(TIME, 'tr')).toBe(
      'Darboğaz: Görüşme. Adaylar bu aşamada ortanca 4,2 gün kalıyor; diğer aşamalardan uzun.',
    )
    expect(bottleneckText({ ...TIME, bottleneck: null }, 'en')).toBe(
      'No bottleneck yet: no stage has at least 5 completed stays.',
    )
  })

  it('draws median and p90 side by side, and one empty bar for a stage without stays', () => {
    const chart = timeChart(TIME, 'en')
    expect(chart.rows[1]!.bars.map((b) => b.name)).toEqual([
      'Qualification, median: 30 hours (11 stays)',
      'Qualification, 90th percentile: 3 days',
    ])
    expect(chart.rows[5]!.bars).toEqual([
      { value: 0, text: '—', name: 'Deal: no completed stays in this range', series: 0 },
    ])
  })

  it('writes durations in the unit a person would use', () => {
    expect(formatHours('tr', 0.5)).toBe('30 dakika')
    expect(formatHours('en', 30)).toBe('30 hours')
    expect(formatHours('tr', 100)).toBe('4,2 gün')
  })
})

describe('the forecast', () => {
  it('buckets the months per currency, oldest first, zero where a currency has none', () => {
    expect(forecastByCurrency(FORECAST.months)).toEqual([
      [
        'TRY',
        [
          { month: '2026-05', count: 1, weightedMinor: 800_000, pipelineMinor: 1_000_000 },
          { month: '2026-06', count: 2, weightedMinor: 1_200_000, pipelineMinor: 3_000_000 },
        ],
      ],
      [
        'EUR',
        [
          { month: '2026-05', count: 0, weightedMinor: 0, pipelineMinor: 0 },
          { month: '2026-06', count: 1, weightedMinor: 40_000, pipelineMinor: 100_000 },
        ],
      ],
    ])
  })

  it('sets what was forecast against what was won, and says when no forecast was kept', () => {
    expect(pastByCurrency(FORECAST.past)).toEqual([
      [
        'TRY',
        [
          { month: '2026-03', takenOn: null, forecastMinor: null, wonMinor: 0 },
          { month: '2026-04', takenOn: '2026-04-01', forecastMinor: 900_000, wonMinor: 700_000 },
        ],
      ],
    ])
    const charts = forecastCharts(FORECAST, 'en')
    expect(charts.map((c) => c.title)).toEqual([
      'Coming months (TRY)',
      'Coming months (EUR)',
      'Past months: forecast and won (TRY)',
    ])
    expect(charts[2]!.rows[0]!.bars[0]!.name).toBe(
      'March 2026: no forecast was kept for that month',
    )
  })

  it('shows the empty states of a store without open deals or past forecasts', () => {
    const charts = forecastCharts({ ...FORECAST, months: [], past: [] }, 'tr')
    expect(charts.map((c) => c.empty)).toEqual([
      'Açık fırsat yok; tahmin edilecek bir şey yok.',
      expect.stringContaining('Geçmiş aylar için henüz kayıtlı tahmin yok'),
    ])
  })
})

describe('win rates and lost reasons', () => {
  it('ranks lost reasons by count, ties alphabetically in the locale, with their share', () => {
    expect(rankLostReasons(WIN_RATES.lostReasons, 'tr')).toEqual([
      { reason: 'Fiyat yüksek', count: 4, share: 0.5 },
      { reason: 'Bütçe yok', count: 2, share: 0.25 },
      { reason: 'Zamanlama', count: 2, share: 0.25 },
    ])
    expect(rankLostReasons([], 'tr')).toEqual([])
  })

  it('puts the sources with the most closed deals first, with n on each bar', () => {
    expect(rankSources(WIN_RATES.bySource).map((s) => s.key)).toEqual(['google', 'direct'])
    const [sources, reasons] = winRateCharts(WIN_RATES, 'tr')
    expect(sources!.max).toBe(1)
    expect(sources!.rows.map((r) => r.bars[0]!.text)).toEqual(['%40 · n=10', '%33 · n=3'])
    expect(sources!.rows[1]!.bars[0]!.name).toBe(
      'Doğrudan: kazanma oranı %33, 1 kazanılan, 2 kaybedilen (n=3)',
    )
    expect(reasons!.rows[0]!.bars[0]!.name).toBe('Fiyat yüksek: 4 kayıp, kayıpların %50')
  })
})

describe('the period in the address', () => {
  it('reads presets, custom days and filters, and writes them back the same', () => {
    for (const search of ['', '?days=30', '?from=2026-01-01&to=2026-02-15&owner=us_1']) {
      expect(toSearch(parseQuery(search))).toBe(search)
    }
  })

  it('falls back to the default for a period the API would refuse', () => {
    expect(parseQuery('?days=7').period).toEqual({ preset: 90 })
    expect(parseQuery('?from=2026-02-30&to=2026-03-01').period).toEqual({ preset: 90 })
    expect(parseQuery('?from=2026-03-02&to=2026-03-01').period).toEqual({ preset: 90 })
    expect(parseQuery('?owner=a%20b').owner).toBeNull()
  })

  it('counts a preset back from today, today included', () => {
    expect(periodDays({ preset: 30 }, '2026-03-01')).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
    })
    expect(apiQuery(parseQuery('?days=30&source=google'), '2026-03-01', false)).toBe(
      '?from=2026-01-31&to=2026-03-01',
    )
    expect(apiQuery(parseQuery('?days=30&source=google'), '2026-03-01', true)).toBe(
      '?from=2026-01-31&to=2026-03-01&source=google',
    )
  })

  it('says what is wrong with a custom range', () => {
    expect(rangeProblem('', '2026-01-01')).toBe('missing')
    expect(rangeProblem('2026-01-02', '2026-01-01')).toBe('order')
    expect(rangeProblem('2024-01-01', '2026-01-01')).toBe('tooLong')
    expect(rangeProblem('2024-01-01', '2025-12-31')).toBeNull()
  })
})

describe('the chart layout', () => {
  const bar = (value: number) => ({ value, text: '', name: '', series: 0 as const })

  it('scales bars to the largest, keeps a small value visible and a zero empty', () => {
    const { rows } = layoutChart(
      [
        { label: 'a', bars: [bar(1000)] },
        { label: 'b', bars: [bar(1)] },
        { label: 'c', bars: [bar(0)] },
      ],
      null,
    )
    const [a, b, c] = rows.map((r) => r.bars[0]!)
    expect(b!.width).toBe(2)
    expect(c!.width).toBe(0)
    expect(a!.width).toBeGreaterThan(200)
    expect(rows.flatMap((r) => r.bars.map((x) => x.index))).toEqual([0, 1, 2])
  })

  it('scales ratios to a fixed maximum and shortens long labels', () => {
    const { rows } = layoutChart([{ label: 'a', bars: [bar(0.5), bar(1)] }], 1)
    expect(rows[0]!.bars[0]!.width * 2).toBe(rows[0]!.bars[1]!.width)
    expect(shorten('www.a-very-long-referrer-host.example.com')).toBe('www.a-very-long-referrer-…')
  })
})
