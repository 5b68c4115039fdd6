/**
 * The months of free slots the booking has fetched, per meeting type. A month is fetched with a
 * 14-hour margin on both sides: every zone is within 14 hours of UTC, so the days of the month
 * are complete in any zone and switching zones regroups without fetching again.
 */
import type { Slot, Slots } from '../../../../contract'
import { getJson } from '../../internal/api'
import { addMonths, dayOf } from './dates'

const MARGIN = 14 * 3_600_000

export type MonthSlots = Slot[] | 'loading' | 'failed'

interface Host {
  api: string
  site: string | undefined
  lead: string | undefined
}

export class SlotCache {
  private months = new Map<string, MonthSlots>()

  constructor(private readonly host: Host) {}

  state(type: string, month: number): MonthSlots | undefined {
    return this.months.get(type + '|' + month)
  }

  clear(type: string): void {
    for (const key of [...this.months.keys()])
      if (key.startsWith(type + '|')) this.months.delete(key)
  }

  /** Every fetched slot of `type` by calendar day in `zone`, each day's ascending. */
  free(type: string, zone: string): Map<number, Slot[]> {
    const byDay = new Map<number, Slot[]>()
    const seen = new Set<string>()
    for (const [key, list] of this.months) {
      if (!key.startsWith(type + '|') || typeof list === 'string') continue
      for (const s of list) {
        if (seen.has(s.start)) continue
        seen.add(s.start)
        const day = dayOf(s.start, zone)
        byDay.set(day, [...(byDay.get(day) ?? []), s])
      }
    }
    for (const list of byDay.values()) list.sort((a, b) => a.start.localeCompare(b.start))
    return byDay
  }

  /** Fetches a month (again when `fresh`, bypassing the browser's copy); never from the past. */
  async fetch(type: string, month: number, fresh = false): Promise<MonthSlots> {
    const key = type + '|' + month
    const have = this.months.get(key)
    if (have && !fresh && have !== 'failed') return have
    const { api, site, lead } = this.host
    this.months.set(key, 'loading')
    const from = Math.max(month - MARGIN, Math.ceil(Date.now() / 60_000) * 60_000)
    const to = addMonths(month, 1) + MARGIN
    const query = new URLSearchParams({ type })
    query.set('from', new Date(from).toISOString())
    query.set('to', new Date(to).toISOString())
    if (lead) query.set('leadId', lead)
    const url = `${api}/v1/sites/${encodeURIComponent(site ?? '')}/slots?${query}`
    let result: MonthSlots = []
    try {
      if (to > from)
        result = (await getJson<Slots>(url, undefined, fresh ? 'no-cache' : undefined)).slots
    } catch (e) {
      console.warn('[leadline]', e)
      result = 'failed'
    }
    this.months.set(key, result)
    return result
  }
}
