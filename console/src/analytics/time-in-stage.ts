/** Time in stage as a chart (median and p90 side by side) and the bottleneck in words. Pure. */
import { OPEN_STAGES, type Locale, type TimeInStage } from '../../../contract'
import type { ChartRow, ChartSpec } from '../charts/types'
import { analyticsText } from '../i18n/analytics'
import { messages } from '../localize'
import { formatCount, formatHours } from './format'
import { pairRow } from './spec'

/** The sentence that names the bottleneck, or says why there is none yet. */
export function bottleneckText(data: TimeInStage, locale: Locale): string {
  const t = analyticsText[locale].time
  const b = data.bottleneck
  return b
    ? t.bottleneck(messages(locale).stages[b.stage], formatHours(locale, b.medianHours))
    : t.noBottleneck(data.minStays)
}

export function timeChart(data: TimeInStage, locale: Locale): ChartSpec {
  const t = analyticsText[locale].time
  const names = messages(locale).stages
  const hours = (h: number | null) => (h === null ? '—' : formatHours(locale, h))
  const stages = OPEN_STAGES.flatMap((s) => data.stages.filter((x) => x.stage === s))
  const rows = stages.map((s): ChartRow => {
    const name = names[s.stage]
    if (s.medianHours === null || s.p90Hours === null) {
      return { label: name, bars: [{ value: 0, text: '—', name: t.none(name), series: 0 }] }
    }
    return pairRow(
      name,
      {
        value: s.medianHours,
        text: t.medianText(hours(s.medianHours)),
        name: t.median(name, hours(s.medianHours), formatCount(locale, s.stays)),
      },
      {
        value: s.p90Hours,
        text: t.p90Text(hours(s.p90Hours)),
        name: t.p90(name, hours(s.p90Hours)),
      },
    )
  })
  return {
    key: 'time',
    title: t.chart,
    legend: t.legend,
    max: null,
    empty: stages.some((s) => s.stays > 0) ? null : t.empty,
    rows,
    table: {
      caption: t.chart,
      head: t.head,
      rows: stages.map((s) => ({
        head: names[s.stage],
        cells: [formatCount(locale, s.stays), hours(s.medianHours), hours(s.p90Hours)],
      })),
    },
  }
}
