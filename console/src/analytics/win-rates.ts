/** Win rate by source and the lost reasons, ranked, as charts; the overall rate in words. Pure. */
import type { Locale, WinRateGroup, WinRates } from '../../../contract'
import type { ChartSpec } from '../charts/types'
import { analyticsText } from '../i18n/analytics'
import { formatMoney } from '../localize'
import { formatCount, formatPercent } from './format'

export interface LostReason {
  reason: string
  count: number
  /** count / all losses. */
  share: number
}

/** Most frequent first; equal counts in the locale's alphabetical order. */
export function rankLostReasons(reasons: WinRates['lostReasons'], locale: Locale): LostReason[] {
  const total = reasons.reduce((sum, r) => sum + r.count, 0)
  return [...reasons]
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason, locale))
    .map((r) => ({ ...r, share: total > 0 ? r.count / total : 0 }))
}

/** Sources with the most closed deals first (their rate means the most), then by name. */
export function rankSources(groups: WinRateGroup[]): WinRateGroup[] {
  return [...groups].sort((a, b) => b.won + b.lost - (a.won + a.lost) || a.key.localeCompare(b.key))
}

/** A source or owner as a person reads it: its name, `direct` and `unassigned` translated. */
export function groupName(group: { key: string; name: string | null }, locale: Locale): string {
  const names = analyticsText[locale].names
  if (group.name) return group.name
  if (group.key === 'direct') return names.direct
  if (group.key === 'unassigned') return names.unassigned
  return group.key
}

/** The overall rate in a sentence; null when nothing closed (the chart says so). */
export function overallText(data: WinRates, locale: Locale): string | null {
  const t = analyticsText[locale].winRates
  const o = data.overall
  return o.won + o.lost > 0
    ? t.overall(
        formatPercent(locale, o.winRate),
        formatCount(locale, o.won),
        formatCount(locale, o.lost),
      )
    : null
}

export function winRateCharts(data: WinRates, locale: Locale): ChartSpec[] {
  const t = analyticsText[locale].winRates
  const n = (x: number) => formatCount(locale, x)
  const pct = (x: number | null) => formatPercent(locale, x)
  const sources = rankSources(data.bySource)
  const reasons = rankLostReasons(data.lostReasons, locale)
  return [
    {
      key: 'sources',
      title: t.chart,
      legend: null,
      max: 1,
      empty: sources.length ? null : t.empty,
      rows: sources.map((g) => {
        const name = groupName(g, locale)
        const closed = g.won + g.lost
        return {
          label: name,
          bars: [
            {
              value: g.winRate ?? 0,
              text: `${pct(g.winRate)} · n=${n(closed)}`,
              name: closed
                ? t.bar(name, pct(g.winRate), n(g.won), n(g.lost), n(closed))
                : t.noneClosed(name),
              series: 0,
            },
          ],
        }
      }),
      table: {
        caption: t.chart,
        head: t.head,
        rows: sources.map((g) => ({
          head: groupName(g, locale),
          cells: [
            n(g.won),
            n(g.lost),
            n(g.won + g.lost),
            pct(g.winRate),
            g.wonValue.map((w) => formatMoney(locale, w.averageMinor, w.currency)).join(' · ') ||
              '—',
          ],
        })),
      },
    },
    {
      key: 'reasons',
      title: t.reasons,
      legend: null,
      max: null,
      empty: reasons.length ? null : t.noReasons,
      rows: reasons.map((r) => ({
        label: r.reason,
        bars: [
          {
            value: r.count,
            text: `${n(r.count)} · ${pct(r.share)}`,
            name: t.reason(r.reason, n(r.count), pct(r.share)),
            series: 0,
          },
        ],
      })),
      table: {
        caption: t.reasons,
        head: t.reasonHead,
        rows: reasons.map((r) => ({ head: r.reason, cells: [n(r.count), pct(r.share)] })),
      },
    },
  ]
}
