/**
 * The funnel response as charts: leads entering each stage with their share of the first step
 * and how many did not move on, and the widget steps with the share of the step before. Pure.
 */
import { OPEN_STAGES, type Funnel, type FunnelStage, type Locale } from '../../../contract'
import type { ChartSpec } from '../charts/types'
import { analyticsText } from '../i18n/analytics'
import { messages } from '../localize'
import { formatCount, formatPercent } from './format'

export interface FunnelRow extends FunnelStage {
  /** entered / the first stage's entered; null when nobody entered the first stage. */
  ofFirst: number | null
  /** dropOff / entered: the share that did not move on; null when nobody entered. */
  dropRatio: number | null
}

/** The stages in pipeline order with their shares; zero counts give null, never NaN. */
export function funnelRows(stages: FunnelStage[]): FunnelRow[] {
  const ordered = OPEN_STAGES.flatMap((s) => stages.filter((x) => x.stage === s))
  const first = ordered[0]?.entered ?? 0
  return ordered.map((s) => ({
    ...s,
    ofFirst: first > 0 ? s.entered / first : null,
    dropRatio: s.entered > 0 ? s.dropOff / s.entered : null,
  }))
}

export type WidgetStepKey = keyof ReturnType<typeof widgetCounts>

const widgetCounts = (w: Funnel['widget']) => ({
  formCaptured: w.form.captured,
  quizStarted: w.quiz.started,
  quizCompleted: w.quiz.completed,
  bookingMade: w.booking.made,
  bookingHeld: w.booking.held,
  quoteSent: w.quote.sent,
  quoteViewed: w.quote.viewed,
  quoteAccepted: w.quote.accepted,
})

/** Steps that follow another of the same widget; the rest start their widget's own funnel. */
const FOLLOWS: Partial<Record<WidgetStepKey, WidgetStepKey>> = {
  quizCompleted: 'quizStarted',
  bookingHeld: 'bookingMade',
  quoteViewed: 'quoteSent',
  quoteAccepted: 'quoteViewed',
}

export interface WidgetStep {
  key: WidgetStepKey
  count: number
  /** count / the same widget's step before; null for a first step or when that was zero. */
  ofPrevious: number | null
}

export function widgetSteps(widget: Funnel['widget']): WidgetStep[] {
  const counts = widgetCounts(widget)
  return (Object.keys(counts) as WidgetStepKey[]).map((key) => {
    const before = FOLLOWS[key]
    const previous = before ? counts[before] : 0
    return { key, count: counts[key], ofPrevious: previous > 0 ? counts[key] / previous : null }
  })
}

/** The stage funnel and the widget steps, ready for the chart and its table. */
export function funnelCharts(funnel: Funnel, locale: Locale): ChartSpec[] {
  const t = analyticsText[locale].funnel
  const stageNames = messages(locale).stages
  const n = (x: number) => formatCount(locale, x)
  const pct = (x: number | null) => formatPercent(locale, x)
  const rows = funnelRows(funnel.stages)
  const steps = widgetSteps(funnel.widget)
  return [
    {
      key: 'funnel',
      title: t.stages,
      legend: null,
      max: null,
      empty: rows.some((r) => r.entered > 0) ? null : t.empty,
      rows: rows.map((r) => ({
        label: stageNames[r.stage],
        bars: [
          {
            value: r.entered,
            text: `${n(r.entered)} · ${pct(r.ofFirst)}`,
            name: t.bar(
              stageNames[r.stage],
              n(r.entered),
              pct(r.ofFirst),
              r.dropRatio === null ? null : pct(r.dropRatio),
            ),
            series: 0,
          },
        ],
      })),
      table: {
        caption: t.stages,
        head: t.head,
        rows: rows.map((r) => ({
          head: stageNames[r.stage],
          cells: [n(r.entered), pct(r.ofFirst), n(r.movedOn), n(r.lost), pct(r.dropRatio)],
        })),
      },
    },
    {
      key: 'widget',
      title: t.widget,
      legend: null,
      max: null,
      empty: steps.some((s) => s.count > 0) ? null : t.widgetEmpty,
      rows: steps.map((s) => ({
        label: t.steps[s.key],
        bars: [
          {
            value: s.count,
            text: s.ofPrevious === null ? n(s.count) : `${n(s.count)} · ${pct(s.ofPrevious)}`,
            name: t.step(
              t.steps[s.key],
              n(s.count),
              s.ofPrevious === null ? null : pct(s.ofPrevious),
            ),
            series: 0,
          },
        ],
      })),
      table: {
        caption: t.widget,
        head: t.stepHead,
        rows: steps.map((s) => ({
          head: t.steps[s.key],
          cells: [n(s.count), pct(s.ofPrevious)],
        })),
      },
    },
  ]
}
