/**
 * Win rates and won deal sizes. A lead counts as closed in the range when it is won or lost now
 * and reached that stage in the range (`stage_entered_at`); reopened leads count where they are
 * now. Win rate = won / (won + lost); the average won deal is per currency, rounded to the
 * nearest minor unit. Lost reasons are ranked by count (then alphabetically).
 */
import type { WinRateGroup } from '../../../contract'
import type { DayRange } from './range'
import { ratio } from './stats'
import { sourceKey, type History } from './history'

export interface ClosedGroupRow {
  stage: 'won' | 'lost'
  source: string
  /** User id, or `unassigned`. */
  owner: string
  currency: string
  count: number
  valueMinor: number
}

export interface LostReasonRow {
  reason: string
  count: number
}

/** The key of lost leads closed without a reason. */
export const NO_REASON = 'unspecified'

function group(
  key: string,
  name: string | null,
  rows: readonly ClosedGroupRow[],
): WinRateGroup & { closed: number } {
  let won = 0
  let lost = 0
  const values = new Map<string, { count: number; total: number }>()
  for (const r of rows) {
    if (r.stage === 'lost') {
      lost += r.count
      continue
    }
    won += r.count
    const v = values.get(r.currency) ?? { count: 0, total: 0 }
    v.count += r.count
    v.total += r.valueMinor
    values.set(r.currency, v)
  }
  return {
    key,
    name,
    won,
    lost,
    closed: won + lost,
    winRate: ratio(won, won + lost),
    wonValue: [...values.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, v]) => ({
        currency,
        count: v.count,
        totalMinor: v.total,
        averageMinor: Math.round(v.total / v.count),
      })),
  }
}

function groupBy(
  rows: readonly ClosedGroupRow[],
  keyOf: (r: ClosedGroupRow) => string,
  names: ReadonlyMap<string, string>,
): WinRateGroup[] {
  const parts = new Map<string, ClosedGroupRow[]>()
  for (const r of rows) parts.set(keyOf(r), [...(parts.get(keyOf(r)) ?? []), r])
  return [...parts.entries()]
    .map(([key, list]) => group(key, names.get(key) ?? null, list))
    .sort((a, b) => b.closed - a.closed || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ closed: _closed, ...g }) => g)
}

export function buildWinRates(
  rows: readonly ClosedGroupRow[],
  reasons: readonly LostReasonRow[],
  ownerNames: ReadonlyMap<string, string>,
) {
  const { closed: _closed, ...overall } = group('all', null, rows)
  return {
    overall,
    bySource: groupBy(rows, (r) => r.source, new Map()),
    byOwner: groupBy(rows, (r) => r.owner, ownerNames),
    lostReasons: [...reasons].sort(
      (a, b) => b.count - a.count || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0),
    ),
  }
}

const closedInRange = (history: History, range: DayRange) =>
  history.leads.filter(
    (l) =>
      !l.spam &&
      (l.stage === 'won' || l.stage === 'lost') &&
      l.stageEnteredAt >= range.fromIso &&
      l.stageEnteredAt < range.toIso,
  )

/** Closed leads grouped the way the SQL query groups them (slow; for tests). */
export function referenceClosedGroups(history: History, range: DayRange): ClosedGroupRow[] {
  const groups = new Map<string, ClosedGroupRow>()
  for (const l of closedInRange(history, range)) {
    const row = {
      stage: l.stage as 'won' | 'lost',
      source: sourceKey(l.utm, l.referrer),
      owner: l.ownerId ?? 'unassigned',
      currency: l.currency,
    }
    const key = `${row.stage}\u0000${row.source}\u0000${row.owner}\u0000${row.currency}`
    const g = groups.get(key) ?? { ...row, count: 0, valueMinor: 0 }
    g.count++
    g.valueMinor += l.valueMinor
    groups.set(key, g)
  }
  return [...groups.values()]
}

/** Lost reasons counted from the raw leads (slow; for tests). */
export function referenceLostReasons(history: History, range: DayRange): LostReasonRow[] {
  const counts = new Map<string, number>()
  for (const l of closedInRange(history, range)) {
    if (l.stage !== 'lost') continue
    const reason = l.closeReason ?? NO_REASON
    counts.set(reason, (counts.get(reason) ?? 0) + 1)
  }
  return [...counts.entries()].map(([reason, count]) => ({ reason, count }))
}
