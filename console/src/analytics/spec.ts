/** Building blocks of the analytics chart specs. Pure. */
import type { Locale } from '../../../contract'
import type { ChartBar, ChartRow, ChartSpec } from '../charts/types'
import { formatMonth } from './format'

/** A bar before it is given its series. */
export type Bar = Omit<ChartBar, 'series'>

/** A row of two bars side by side: the legend's first series, then its second. */
export const pairRow = (label: string, first: Bar, second: Bar): ChartRow => ({
  label,
  bars: [
    { ...first, series: 0 },
    { ...second, series: 1 },
  ],
})

export interface MonthlyOptions<M> {
  key: string
  title: string
  legend: [string, string]
  /** The table's column headings. */
  head: string[]
  months: readonly M[]
  /** The two bars of a month, given the month's name. */
  bars: (m: M, month: string) => [Bar, Bar]
  /** The table cells of a month, after its name. */
  cells: (m: M) => string[]
}

/** A chart of two series per month, with its table (one row a month). */
export function monthlySpec<M extends { month: string }>(
  locale: Locale,
  o: MonthlyOptions<M>,
): ChartSpec {
  return {
    key: o.key,
    title: o.title,
    legend: o.legend,
    max: null,
    empty: null,
    rows: o.months.map((m) => {
      const month = formatMonth(locale, m.month)
      return pairRow(month, ...o.bars(m, month))
    }),
    table: {
      caption: o.title,
      head: o.head,
      rows: o.months.map((m) => ({ head: formatMonth(locale, m.month), cells: o.cells(m) })),
    },
  }
}
