/**
 * The forecast response bucketed per currency and month: the coming months (weighted against
 * best case) and the past months (what was forecast against what was won). Pure.
 */
import type { Forecast, Locale } from '../../../contract'
import type { ChartSpec } from '../charts/types'
import { analyticsText } from '../i18n/analytics'
import { formatMoney } from '../localize'
import { formatCount, formatDay } from './format'
import { monthlySpec } from './spec'

export interface MonthAmount {
  month: string
  count: number
  weightedMinor: number
  pipelineMinor: number
}

export interface PastMonth {
  month: string
  /** The day the forecast was taken; null when none was kept for the month. */
  takenOn: string | null
  forecastMinor: number | null
  wonMinor: number
}

const byMonth = (a: { month: string }, b: { month: string }) => a.month.localeCompare(b.month)

/** Currencies of a list of amounts, the one with the most money first. */
function currencies(amounts: { currency: string; minor: number }[]): string[] {
  const totals = new Map<string, number>()
  for (const a of amounts) totals.set(a.currency, (totals.get(a.currency) ?? 0) + a.minor)
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c)
}

/** Every month of the forecast for each currency in it, zero where a month has none of it. */
export function forecastByCurrency(months: Forecast['months']): [string, MonthAmount[]][] {
  const sorted = [...months].sort(byMonth)
  const all = sorted.flatMap((m) =>
    m.amounts.map((a) => ({ currency: a.currency, minor: a.pipelineMinor })),
  )
  return currencies(all).map((currency) => [
    currency,
    sorted.map((m) => {
      const a = m.amounts.find((x) => x.currency === currency)
      return {
        month: m.month,
        count: a?.count ?? 0,
        weightedMinor: a?.weightedMinor ?? 0,
        pipelineMinor: a?.pipelineMinor ?? 0,
      }
    }),
  ])
}

/** The past months for each currency forecast or won, oldest first. */
export function pastByCurrency(past: Forecast['past']): [string, PastMonth[]][] {
  const sorted = [...past].sort(byMonth)
  const all = sorted.flatMap((p) => [
    ...p.forecast.map((f) => ({ currency: f.currency, minor: f.weightedMinor })),
    ...p.actual.map((a) => ({ currency: a.currency, minor: a.wonMinor })),
  ])
  return currencies(all).map((currency) => [
    currency,
    sorted.map((p) => ({
      month: p.month,
      takenOn: p.forecastTakenOn,
      forecastMinor: p.forecastTakenOn
        ? (p.forecast.find((f) => f.currency === currency)?.weightedMinor ?? 0)
        : null,
      wonMinor: p.actual.find((a) => a.currency === currency)?.wonMinor ?? 0,
    })),
  ])
}

export function forecastCharts(data: Forecast, locale: Locale): ChartSpec[] {
  const t = analyticsText[locale].forecast
  const ahead = forecastByCurrency(data.months)
  const coming = ahead.map(([currency, months]): ChartSpec => {
    const money = (minor: number) => formatMoney(locale, minor, currency)
    return monthlySpec(locale, {
      key: `forecast-${currency}`,
      title: `${t.ahead} (${currency})`,
      legend: t.legend,
      head: t.head,
      months,
      bars: (m, month) => [
        {
          value: m.weightedMinor,
          text: t.weightedText(money(m.weightedMinor)),
          name: t.weighted(month, money(m.weightedMinor), formatCount(locale, m.count)),
        },
        {
          value: m.pipelineMinor,
          text: t.bestText(money(m.pipelineMinor)),
          name: t.best(month, money(m.pipelineMinor)),
        },
      ],
      cells: (m) => [formatCount(locale, m.count), money(m.weightedMinor), money(m.pipelineMinor)],
    })
  })
  const past = pastByCurrency(data.past).map(([currency, months]): ChartSpec => {
    const money = (minor: number | null) =>
      minor === null ? '—' : formatMoney(locale, minor, currency)
    return monthlySpec(locale, {
      key: `past-${currency}`,
      title: `${t.past} (${currency})`,
      legend: t.pastLegend,
      head: t.pastHead,
      months,
      bars: (m, month) => [
        {
          value: m.forecastMinor ?? 0,
          text: m.takenOn ? t.forecastText(money(m.forecastMinor)) : '—',
          name: m.takenOn
            ? t.pastForecast(month, money(m.forecastMinor), formatDay(locale, m.takenOn))
            : t.noSnapshot(month),
        },
        {
          value: m.wonMinor,
          text: t.wonText(money(m.wonMinor)),
          name: t.won(month, money(m.wonMinor)),
        },
      ],
      cells: (m) => [
        m.takenOn ? formatDay(locale, m.takenOn) : '—',
        money(m.forecastMinor),
        money(m.wonMinor),
      ],
    })
  })
  const none = (key: string, title: string, empty: string): ChartSpec => ({
    key,
    title,
    legend: null,
    max: null,
    empty,
    rows: [],
    table: { caption: title, head: [], rows: [] },
  })
  return [
    ...(coming.length ? coming : [none('forecast', t.ahead, t.empty)]),
    ...(past.length ? past : [none('past', t.past, t.noPast)]),
  ]
}
