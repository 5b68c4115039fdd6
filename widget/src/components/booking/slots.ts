/**
 * The months of free slots the booking has fetched, per meeting type. A month is fetched with a
 * 14-hour margin on both sides: every zone is within 14 hours of UTC, so the days of the month
 * are complete in any zone and switching zones regroups without fetching again.
 */
import type { Slot, Slots } from '../../../../contract'
import { getJson } from '../../internal/api'
import { monthQuery } from '../../internal/urls'
import { addMonths, dayOf } from './dates'

export type MonthSlots = Slot[] | 'loading' | 'failed'

interface Host {
  api: string
  site: string | undefined
}

export class SlotCache {
  private months = new Map<string, MonthSlots>()
  /** The first month of the store's first meeting type, asked for before the settings came. */
  private first: { month: number; answer: Promise<Slots> } | undefined

  constructor(private readonly host: Host) {}

  private url(month: number, type?: string): string {
    const { api, site } = this.host
    const query = (type ? `type=${encodeURIComponent(type)}&` : '') + monthQuery(month)
    return `${api}/v1/sites/${encodeURIComponent(site ?? '')}/slots?${query}`
  }

  /**
   * Asks for `month` of the store's first meeting type (the server's default) alongside the
   * booking settings, or takes the loader's request for it: `fetch` uses the answer when the
   * settings' first type is the one it names.
   */
  prime(month: number): void {
    const answer = getJson<Slots>(this.url(month))
    // Awaited by `fetch`, where a failure shows as today; never an unhandled rejection.
    answer.catch(() => undefined)
    this.first = { month, answer }
  }

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
    this.months.set(key, 'loading')
    const first = !fresh && this.first?.month === month ? this.first.answer : undefined
    if (first) this.first = undefined
    let result: MonthSlots = []
    try {
      // A month wholly past (with the margin of any zone) has nothing free.
      if (addMonths(month, 1) + 504e5 > Date.now()) {
        const answer = await first
        result = (
          answer?.type === type
            ? answer
            : await getJson<Slots>(this.url(month, type), undefined, fresh ? 'no-cache' : undefined)
        ).slots
      }
    } catch (e) {
      console.warn('[leadline]', e)
      result = 'failed'
    }
    this.months.set(key, result)
    return result
  }
}
